/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Segment types: the table of handlers, and what all segments share on
 * import (the type word, the extents), on export (the head and tail of the
 * section) and in the PV-area walk.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

/* Indexed by enum md_segtype. */
static const struct md_segtype_ops *const segtypes[] = {
	[MD_SEG_STRIPED] = &md_segtype_striped,
	[MD_SEG_RAID1] = &md_segtype_raid1,
	[MD_SEG_OTHER] = &md_segtype_unknown,
};
#define N_SEGTYPES (sizeof(segtypes) / sizeof(segtypes[0]))

const struct md_segtype_ops *md_segtype_find(const char *type_name)
{
	for (size_t i = 0; i < N_SEGTYPES; i++)
		if (segtypes[i]->name && !strcmp(segtypes[i]->name, type_name))
			return segtypes[i];
	return &md_segtype_unknown;
}

const struct md_segtype_ops *md_segtype_of(const struct md_seg *seg)
{
	return (size_t)seg->type < N_SEGTYPES ? segtypes[seg->type] : &md_segtype_unknown;
}

int md_imp_seg(struct md_imp *im, const struct md_cn *sec, const char *obj, struct md_seg *seg)
{
	const struct md_cn *type = md_cn_find(sec->child, "type");
	const struct md_segtype_ops *st;
	struct md_section s = { .items = sec->child, .at = sec, .obj = obj, .dst = seg };
	int r;

	/* lvm2's default when the key is missing */
	seg->type_name = "striped";
	if (type && (r = md_imp_str(im, type, obj, &seg->type_name)))
		return r;
	st = md_segtype_find(seg->type_name);
	seg->type = st->type;
	s.keys = st->keys;
	s.n_keys = st->n_keys;
	s.extra = st->keeps_section ? NULL : &seg->extra;
	if ((r = md_imp_section(im, &s)))
		return r;
	return st->import(im, sec, obj, seg);
}

void md_fmt_seg_head(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
		     const char *name)
{
	md_fmt_open(f, name);
	md_fmt_u64(f, NULL, "start_extent", seg->start_extent);
	md_fmt_u64_size(f, "extent_count", seg->extent_count, seg->extent_count * vg->extent_size);
	md_fmt_nl(f);
	md_fmt_quoted(f, NULL, "type", seg->type_name);
	md_fmt_tags(f, &seg->tags);
}

void md_fmt_seg_tail(struct md_fmt *f, const struct md_seg *seg)
{
	md_fmt_extra(f, seg->extra, true);
	md_fmt_close(f);
}

bool md_seg_next_area(const struct md_seg *seg, uint32_t *pos, uint64_t len, bool whole_segment,
		      struct md_pv_area *out)
{
	for (; *pos < seg->stripe_count; (*pos)++) {
		const struct md_area_ref *ar = &seg->areas[*pos];

		if (ar->pv < 0)
			continue;
		*out = (struct md_pv_area){ .pv = (uint32_t)ar->pv, .start = ar->start, .len = len,
					    .slot = *pos, .whole_segment = whole_segment };
		(*pos)++;
		return true;
	}
	return false;
}

void md_pv_area_iter_init(struct md_pv_area_iter *it, const struct md_seg *seg)
{
	it->seg = seg;
	it->pos = 0;
}

bool md_pv_area_next(struct md_pv_area_iter *it, struct md_pv_area *out)
{
	return md_segtype_of(it->seg)->next_pv_area(it->seg, &it->pos, out);
}
