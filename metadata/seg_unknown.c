/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The catch-all for segment types the model does not know (thin, cache,
 * mirror, raid1 with segtype flags, ...): the section is kept verbatim in
 * seg->raw and written back under its new segmentN name.  Only its extents
 * are read, and the PV areas it seems to name, so allocation keeps off them.
 */
#include <errno.h>

#include "text.h"

static const struct md_key unknown_keys[] = {
	MD_SEG_EXTENT_KEYS,
};

/*
 * Every "name", integer pair in the section's arrays whose name is a PV
 * section: into @out when it is not NULL.  Returns how many.
 */
static uint32_t pv_pairs(const struct md_imp *im, const struct md_cn *sec,
			 struct md_area_ref *out)
{
	uint32_t n = 0;

	for (const struct md_cn *c = sec->child; c; c = c->next)
		for (const struct md_cv *v = c->array ? c->v : NULL; v && v->next; v = v->next) {
			int32_t pv;

			if (v->type != MD_CV_STRING || v->next->type != MD_CV_INT ||
			    (pv = md_hmap_get(&im->pvnames, v->s)) < 0)
				continue;
			if (out)
				out[n] = (struct md_area_ref){
					.pv = pv, .lv = -1,
					.start = v->next->i < 0 ? 0 : (uint64_t)v->next->i,
				};
			n++;
		}
	return n;
}

static int unknown_import(struct md_imp *im, const struct md_cn *sec, const char *obj,
			  struct md_seg *seg)
{
	(void)obj;
	if (!(seg->raw = md_cn_clone(im->a, sec, false)))
		return -ENOMEM;
	seg->stripe_count = pv_pairs(im, sec, NULL);
	if (!seg->stripe_count)
		return 0;
	seg->areas = md_arena_alloc(im->a, seg->stripe_count * sizeof(*seg->areas));
	if (!seg->areas)
		return -ENOMEM;
	pv_pairs(im, sec, seg->areas);
	return 0;
}

static void unknown_export(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
			   const char *name)
{
	struct md_cn copy = *seg->raw;

	(void)vg;
	copy.key = name;
	copy.next = NULL;
	md_cn_write(f->b, &copy, f->file ? f->indent : -1);
}

/* What the type means is unknown: each area counts as long as the whole segment. */
static bool unknown_next_pv_area(const struct md_seg *seg, uint32_t *pos, struct md_pv_area *out)
{
	return md_seg_next_area(seg, pos, seg->extent_count, true, out);
}

const struct md_segtype_ops md_segtype_unknown = {
	.name = NULL,
	.type = MD_SEG_OTHER,
	.keys = unknown_keys,
	.n_keys = sizeof(unknown_keys) / sizeof(unknown_keys[0]),
	.keeps_section = true,
	.import = unknown_import,
	.export = unknown_export,
	.validate = NULL,
	.next_pv_area = unknown_next_pv_area,
};
