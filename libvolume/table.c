/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LV -> device-mapper tables, as lvm2 2.03.16 builds them (see table.h).
 * The lvm2 behaviour reproduced here, and the lvm2 source it is read from:
 *
 * - Adjacent segments are merged as lvm2 merges them on import (striped:
 *   same stripe count and size, every area on the same PV and contiguous,
 *   equal tags; error and zero: always), except in LOCKED or PVMOVE LVs
 *   (import_vsn1.c -> merge.c lv_merge_segments, striped.c, errseg.c,
 *   zero.c).  So two metadata segments can make one table line, and the
 *   segment numbers in "missing_<seg>_<area>" count merged segments.
 * - Target lengths are segment extents times extent_size and starts are
 *   cumulative; a PV area maps to pe_start + pe * extent_size, an LV area
 *   to le * extent_size; one area is "linear" (use_linear_target=1), more
 *   are "striped <#stripes> <chunk> <dev> <offset>..." (striped.c
 *   _striped_add_target_line, dev_manager.c add_areas_line, libdm-deptree.c
 *   _emit_segment_line and _emit_areas_line).  Devices are "major:minor".
 * - An area on a PV whose device is absent maps, at offset 0, to an error
 *   device as long as the whole segment, with the layer
 *   "missing_<seg>_<area>" in its dm name and UUID (dev_manager.c
 *   _add_error_area and _add_error_or_zero_device, stripe_filler "error").
 *   lvm2 allows this in partial mode, and in degraded mode for raid LVs and
 *   their sub-LVs (add_areas_line); before that, activate.c refuses a
 *   partial LV unless the mode allows it and, in degraded mode, a raid1 LV
 *   still has a whole meta+image pair (raid_manip.c
 *   partial_raid_lv_supports_degraded_activation).  A PV is missing for
 *   that check if it is marked MISSING or not found (is_missing_pv).
 * - raid1 (raid.c _raid_add_target_line, libdm-deptree.c
 *   _raid_emit_segment_line for dm-raid >= 1.11): "raid1 <#params> <chunk>
 *   [nosync] [rebuild i]... [min_recovery_rate N] [max_recovery_rate N]
 *   [write_mostly i]... [max_write_behind N] [region_size N]
 *   [data_offset N] <#pairs> <meta> <image>...".  The count covers every
 *   word after it up to the pairs, the chunk included.  rebuild and
 *   write_mostly come from the image LVs' REBUILD and WRITEMOSTLY flags;
 *   the chunk, rates, writebehind and data_offset from the segment's keys.
 *   A pair without a meta LV has "-" for it; a visible read-only image
 *   (split off with --trackchanges) is "- -" and is not activated.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "mirror.h"
#include "snap.h"
#include "table.h"

#define DMT_MAX_DEPTH 16	/* LVs on LVs: deeper than this is a cycle */

enum { PV_UNKNOWN = 0, PV_PRESENT, PV_MISSING };

struct dmt_pvstate {
	int state;
	struct dmt_devnum dev;
};

/* A run of model segments that lvm2 merges into one segment. */
struct run {
	uint32_t first, last;
	uint64_t count;		/* LV extents */
};

/* ---------------------------------------------------------------- names */

static size_t doubled_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '-' ? 2 : 1;
	return n;
}

static char *put_doubled(char *o, const char *s)
{
	for (; *s; s++) {
		*o++ = *s;
		if (*s == '-')
			*o++ = '-';
	}
	return o;
}

int dmt_name(const char *vg, const char *lv, const char *layer, char *out, size_t n)
{
	bool has_layer = layer && *layer;
	size_t len = doubled_len(vg) + 1 + doubled_len(lv);
	char *o = out;

	if (has_layer)
		len += (layer[0] != '_') + doubled_len(layer);
	if (len >= n || len >= DMT_NAME_LEN)
		return -ENAMETOOLONG;
	o = put_doubled(o, vg);
	*o++ = '-';
	o = put_doubled(o, lv);
	if (has_layer) {
		if (layer[0] != '_')
			*o++ = '-';
		o = put_doubled(o, layer);
	}
	*o = '\0';
	return 0;
}

/* Copies one part of a dm name up to its single '-' (or the end), undoubling. */
static const char *take_part(const char *p, char *out, size_t n, int *r)
{
	size_t o = 0;

	for (; *p && (*p != '-' || p[1] == '-'); p += *p == '-' ? 2 : 1) {
		if (o + 1 >= n) {
			*r = -ENAMETOOLONG;
			return p;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
	*r = o ? 0 : -EINVAL;
	return p;
}

int dmt_split_name(const char *name, char *vg, size_t nvg, char *lv, size_t nlv)
{
	int r;

	name = take_part(name, vg, nvg, &r);
	if (r || *name != '-')
		return r ? r : -EINVAL;
	take_part(name + 1, lv, nlv, &r);
	return r;
}

/* Joins up to four strings into @out (@n bytes); -ENAMETOOLONG if they do not fit. */
static int join4(char *out, size_t n, const char *a, const char *b, const char *c, const char *d)
{
	const char *part[4] = { a, b, c, d };
	size_t len = 0;

	for (int i = 0; i < 4; i++) {
		size_t l = strlen(part[i]);

		if (l >= n - len)
			return -ENAMETOOLONG;
		memcpy(out + len, part[i], l);
		len += l;
	}
	out[len] = '\0';
	return 0;
}

int dmt_uuid(const char *vg_id, const char *lv_id, const char *layer, char *out, size_t n)
{
	static const char prefix[] = DMT_UUID_PREFIX;
	size_t pl = sizeof(prefix) - 1, vl = strlen(vg_id), ll = strlen(lv_id);
	size_t yl = layer && *layer ? strlen(layer) : 0, len = pl + vl + ll + (yl ? 1 + yl : 0);

	/* made once per LV a report shows: lengths first, then plain copies */
	if (len >= n || len >= DMT_UUID_LEN)
		return -ENAMETOOLONG;
	memcpy(out, prefix, pl);
	memcpy(out + pl, vg_id, vl);
	memcpy(out + pl + vl, lv_id, ll);
	if (yl) {
		out[pl + vl + ll] = '-';
		memcpy(out + pl + vl + ll + 1, layer, yl);
	}
	out[len] = '\0';
	return 0;
}

int dmt_lv_path(const char *vg, const char *lv, char *out, size_t n)
{
	return join4(out, n, "/dev/", vg, "/", lv);
}

int dmt_mapper_path(const char *vg, const char *lv, char *out, size_t n)
{
	static const char dir[] = "/dev/mapper/";
	char name[DMT_NAME_LEN];
	int r = dmt_name(vg, lv, NULL, name, sizeof(name));

	if (r)
		return r;
	if (sizeof(dir) - 1 + strlen(name) >= n)
		return -ENAMETOOLONG;
	memcpy(out, dir, sizeof(dir) - 1);
	strcpy(out + sizeof(dir) - 1, name);
	return 0;
}

/* ---------------------------------------------------------------- model helpers */

static bool seg_named(const struct md_seg *s, const char *type)
{
	return s->type == MD_SEG_OTHER && !strcmp(s->type_name, type);
}

static bool seg_virtual(const struct md_seg *s)
{
	return seg_named(s, "error") || seg_named(s, "zero");
}

static bool lv_has(const struct md_lv *lv, uint32_t status)
{
	return lv->status.known & status;
}

static uint64_t lv_extents(const struct md_lv *lv)
{
	return lv->n_segs ? lv->segs[lv->n_segs - 1].start_extent +
				    lv->segs[lv->n_segs - 1].extent_count : 0;
}

/* lvm2's lv_is_raid_type(): a raid LV, or an image or metadata LV of one. */
static bool lv_raid_type(const struct md_vg *vg, uint32_t idx)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];

			if (seg->type != MD_SEG_RAID1)
				continue;
			if (l == idx)
				return true;
			for (uint32_t k = 0; k < seg->device_count; k++)
				if (seg->pairs[k].image == (int32_t)idx ||
				    seg->pairs[k].meta == (int32_t)idx)
					return true;
		}
	return false;
}

/* A raid1 image split off with --trackchanges: visible and read-only. */
static bool image_tracking(const struct md_lv *im)
{
	return lv_has(im, MD_LV_VISIBLE) && !lv_has(im, MD_LV_WRITE);
}

static bool tags_equal(const struct md_strv *a, const struct md_strv *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!md_strv_has(b, a->v[i]))
			return false;
	return true;
}

/* lvm2's _striped_segments_compatible() and the error/zero merges. */
static bool can_merge(const struct md_seg *first, const struct run *r, const struct md_seg *next)
{
	uint64_t width;

	if (first->type != next->type || strcmp(first->type_name, next->type_name))
		return false;
	if (seg_virtual(first))
		return true;
	if (first->type != MD_SEG_STRIPED || first->stripe_count != next->stripe_count)
		return false;
	if (first->stripe_count > 1 && first->stripe_size != next->stripe_size)
		return false;
	width = r->count / first->stripe_count;
	for (uint32_t a = 0; a < first->stripe_count; a++) {
		const struct md_area_ref *x = &first->areas[a], *y = &next->areas[a];

		if (x->pv < 0 || y->pv < 0 || x->pv != y->pv || x->start + width != y->start)
			return false;
	}
	return tags_equal(&first->tags, &next->tags);
}

/* The run starting at segment *s; advances *s past it.  false at the end. */
static bool next_run(const struct md_lv *lv, uint32_t *s, struct run *r)
{
	bool merge = !lv_has(lv, MD_LV_LOCKED) && !lv_has(lv, MD_LV_PVMOVE);

	if (*s >= lv->n_segs)
		return false;
	r->first = r->last = *s;
	r->count = lv->segs[*s].extent_count;
	while (merge && r->last + 1 < lv->n_segs &&
	       can_merge(&lv->segs[r->first], r, &lv->segs[r->last + 1])) {
		r->last++;
		r->count += lv->segs[r->last].extent_count;
	}
	*s = r->last + 1;
	return true;
}

static int mul_sectors(uint64_t extents, uint64_t extent_size, uint64_t *out)
{
	return __builtin_mul_overflow(extents, extent_size, out) ? -EOVERFLOW : 0;
}

/* A u32 segment key lvm2 reads for raid (min_recovery_rate...); 0 when absent. */
static int seg_key_u32(const struct md_seg *seg, const char *key, uint32_t *v, bool *present)
{
	const struct md_cn *c = md_cn_find(seg->extra, key);

	*v = 0;
	*present = false;
	if (!c)
		return 0;
	if (c->array || c->section || !c->v || c->v->type != MD_CV_INT || c->v->i < 0 ||
	    c->v->i > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)c->v->i;
	*present = true;
	return 0;
}

/* ---------------------------------------------------------------- the tree */

void dmt_table_free(struct dmt_table *tb)
{
	for (size_t i = 0; i < tb->n; i++)
		free(tb->t[i].params);
	free(tb->t);
	tb->t = NULL;
	tb->n = 0;
}

void dmt_tree_free(struct dmt_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		dmt_table_free(&t->nodes[i].table);
	free(t->nodes);
	free(t->pvs);
	memset(t, 0, sizeof(*t));
}

static ssize_t find_layer(const struct dmt_tree *t, uint32_t lv, enum dmt_layer layer, int32_t seg,
			  int32_t area)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].lv == lv && t->nodes[i].layer == layer && t->nodes[i].seg == seg &&
		    t->nodes[i].area == area)
			return (ssize_t)i;
	return -1;
}

static ssize_t find_node(const struct dmt_tree *t, uint32_t lv, int32_t seg, int32_t area)
{
	return find_layer(t, lv, DMT_LAYER_NONE, seg, area);
}

static struct dmt_node *new_node(struct dmt_tree *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct dmt_node *p = realloc(t->nodes, cap * sizeof(*p));

		if (!p)
			return NULL;
		t->nodes = p;
		t->cap = cap;
	}
	memset(&t->nodes[t->n], 0, sizeof(t->nodes[0]));
	return &t->nodes[t->n++];
}

/* lvm2's lv_is_visible() of a COW LV: its origin's, or always with a virtual origin. */
static bool cow_visible(const struct md_vg *vg, uint32_t cow)
{
	int32_t s = snap_of_cow(vg, cow), o = s >= 0 ? snap_origin(vg, (uint32_t)s) : -1;

	if (o < 0)
		return false;
	return snap_virtual_origin(vg, (uint32_t)o) || lv_has(&vg->lvs[o], MD_LV_VISIBLE);
}

static unsigned node_flags(const struct md_vg *vg, uint32_t lv, int32_t seg, enum dmt_layer layer)
{
	if (seg >= 0)
		return DMT_STANDIN | DMT_HIDDEN;
	if (layer != DMT_LAYER_NONE)
		return DMT_HIDDEN;
	if (snap_of_cow(vg, lv) >= 0)
		return cow_visible(vg, lv) ? DMT_VISIBLE : DMT_HIDDEN;
	return lv_has(&vg->lvs[lv], MD_LV_VISIBLE) ? DMT_VISIBLE : DMT_HIDDEN;
}

/* Name, UUID and size of a node for LV @lv (or its @layer), or of its stand-in for @seg/@area. */
static int fill_any(struct dmt_tree *t, uint32_t lv, enum dmt_layer layer, int32_t seg,
		    int32_t area, uint64_t size)
{
	static const char *const layers[] = { "", "real", "cow" };
	const struct md_lv *l = &t->vg->lvs[lv];
	char name[32];
	struct dmt_node *n;
	int r;

	snprintf(name, sizeof(name), "%s", layers[layer]);
	if (seg >= 0)
		snprintf(name, sizeof(name), "missing_%d_%d", seg, area);
	if (!(n = new_node(t)))
		return -ENOMEM;
	n->lv = lv;
	n->layer = layer;
	n->seg = seg;
	n->area = area;
	n->size = size;
	n->flags = node_flags(t->vg, lv, seg, layer);
	n->major = n->minor = -1;
	if (seg < 0 && layer == DMT_LAYER_NONE && lv_has(l, MD_LV_FIXED_MINOR) && l->minor >= 0) {
		n->major = (int32_t)(l->major >= 0 ? l->major : 0);
		n->minor = (int32_t)l->minor;
	}
	r = dmt_name(t->vg->name, l->name, name, n->name, sizeof(n->name));
	if (!r)
		r = dmt_uuid(t->vg->id, l->id, name, n->uuid, sizeof(n->uuid));
	if (r)
		t->n--;
	return r;
}

static int fill_node(struct dmt_tree *t, uint32_t lv, int32_t seg, int32_t area, uint64_t size)
{
	return fill_any(t, lv, DMT_LAYER_NONE, seg, area, size);
}

/* ---------------------------------------------------------------- plan */

struct plan {
	struct dmt_tree *t;
	const struct dmt_opts *o;
};

/* PV_PRESENT or PV_MISSING, looked up once; or the lookup's error. */
static int pv_state(struct plan *p, uint32_t pv)
{
	struct dmt_pvstate *s = &p->t->pvs[pv];
	int r;

	if (s->state != PV_UNKNOWN)
		return s->state;
	r = p->o->pv_dev ? p->o->pv_dev(p->o->arg, pv, &s->dev) : -ENODEV;
	if (r && r != -ENODEV)
		return r;
	s->state = r ? PV_MISSING : PV_PRESENT;
	return s->state;
}

/* lvm2's is_missing_pv(): marked MISSING in the metadata, or not found now. */
static int pv_missing(struct plan *p, uint32_t pv)
{
	const struct md_pv *m = &p->t->vg->pvs[pv];
	int st;

	if ((m->status.known & MD_PV_MISSING) || (m->flags.known & MD_PVF_MISSING))
		return 1;
	st = pv_state(p, pv);
	return st < 0 ? st : st == PV_MISSING;
}

static bool bad_lv_ref(const struct md_vg *vg, int32_t lv)
{
	return lv < 0 || (uint32_t)lv >= vg->n_lvs;
}

static int check_areas(const struct md_vg *vg, const struct md_seg *seg)
{
	if (seg->type == MD_SEG_STRIPED) {
		if (!seg->stripe_count || seg->extent_count % seg->stripe_count)
			return -EINVAL;
		for (uint32_t a = 0; a < seg->stripe_count; a++)
			if (seg->areas[a].pv >= 0 ? (uint32_t)seg->areas[a].pv >= vg->n_pvs
						  : bad_lv_ref(vg, seg->areas[a].lv))
				return -EINVAL;
	}
	for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
		if (bad_lv_ref(vg, seg->pairs[k].image) ||
		    (seg->pairs[k].meta >= 0 && bad_lv_ref(vg, seg->pairs[k].meta)))
			return -EINVAL;
	return 0;
}

/* An old-style mirror as lvm2 makes it: one segment, a region size, images as long as it. */
static int check_mirror(const struct md_vg *vg, const struct md_lv *lv, const struct md_seg *seg)
{
	struct mseg m;
	int r = mseg_parse(vg, seg, &m);

	if (r)
		return r;
	if (lv->n_segs != 1 || lv_has(lv, MD_LV_PVMOVE))
		return -EOPNOTSUPP;	/* pvmove's mirrors are not ours */
	if (m.n > 1 && !m.region_size)
		return -EINVAL;	/* lvm2: "Missing region size for mirror segment." */
	for (uint32_t k = 0; k < m.n; k++)
		if (lv_extents(&vg->lvs[m.images[k]]) < seg->extent_count)
			return -EINVAL;
	return 0;
}

/* Segments tile the LV; every type and shape is one we map. */
static int check_lv(const struct md_vg *vg, const struct md_lv *lv)
{
	uint64_t next = 0;
	uint32_t reshape;
	bool present;
	int r;

	if (!lv->n_segs)
		return -EINVAL;
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		if (seg->start_extent != next || !seg->extent_count)
			return -EINVAL;
		next += seg->extent_count;
		if (seg->type == MD_SEG_RAID1) {
			/* lvm2 keeps a raid LV in one segment; reshapes are not raid1's */
			if (lv->n_segs != 1)
				return -EOPNOTSUPP;
			if (!seg->region_size || !seg->device_count)
				return -EINVAL;
			if ((r = seg_key_u32(seg, "reshape_count", &reshape, &present)))
				return r;
			if (reshape)
				return -EOPNOTSUPP;
		} else if (mseg_is(seg)) {
			if ((r = check_mirror(vg, lv, seg)))
				return r;
		} else if (seg->type != MD_SEG_STRIPED && !seg_virtual(seg)) {
			return -EOPNOTSUPP;
		}
		if ((r = check_areas(vg, seg)))
			return r;
	}
	return 0;
}

static int lv_partial(struct plan *p, uint32_t lv, unsigned depth);

static int mirror_partial(struct plan *p, const struct md_seg *seg, unsigned depth)
{
	struct mseg m;
	int r = mseg_parse(p->t->vg, seg, &m);

	if (!r && m.log >= 0)
		r = lv_partial(p, (uint32_t)m.log, depth + 1);
	for (uint32_t k = 0; !r && k < m.n; k++)
		r = lv_partial(p, (uint32_t)m.images[k], depth + 1);
	return r;
}

static int seg_partial(struct plan *p, const struct md_seg *seg, unsigned depth)
{
	int r = check_areas(p->t->vg, seg);

	for (uint32_t a = 0; !r && seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++) {
		const struct md_area_ref *ar = &seg->areas[a];

		r = ar->pv >= 0 ? pv_missing(p, (uint32_t)ar->pv)
				: lv_partial(p, (uint32_t)ar->lv, depth + 1);
	}
	if (!r && mseg_is(seg))
		r = mirror_partial(p, seg, depth);
	for (uint32_t k = 0; !r && seg->type == MD_SEG_RAID1 && k < seg->device_count; k++) {
		const struct md_raid_pair *pair = &seg->pairs[k];

		r = lv_partial(p, (uint32_t)pair->image, depth + 1);
		if (!r && pair->meta >= 0)
			r = lv_partial(p, (uint32_t)pair->meta, depth + 1);
	}
	return r;
}

/* lvm2's PARTIAL_LV: an area on a missing PV, here or in an LV it uses. */
static int lv_partial(struct plan *p, uint32_t lv, unsigned depth)
{
	const struct md_lv *l = &p->t->vg->lvs[lv];
	int r = 0;

	if (depth > DMT_MAX_DEPTH)
		return -EINVAL;
	for (uint32_t s = 0; s < l->n_segs && !r; s++)
		r = seg_partial(p, &l->segs[s], depth);
	return r;
}

/* lvm2's _sublv_is_degraded(): absent, partial, or mapped to error/zero. */
static int sub_degraded(struct plan *p, int32_t lv)
{
	const struct md_lv *l;

	if (lv < 0)
		return 1;
	l = &p->t->vg->lvs[lv];
	for (uint32_t s = 0; s < l->n_segs; s++)
		if (seg_virtual(&l->segs[s]))
			return 1;
	return lv_partial(p, (uint32_t)lv, 1);
}

/* raid1 can run degraded while one pair (meta and image) is whole. */
static int raid_redundant(struct plan *p, const struct md_seg *seg)
{
	uint32_t failed = 0;

	for (uint32_t k = 0; k < seg->device_count; k++) {
		int im = sub_degraded(p, seg->pairs[k].image);
		int me = im ? im : sub_degraded(p, seg->pairs[k].meta);

		if (im < 0 || me < 0)
			return im < 0 ? im : me;
		failed += im || me;
	}
	return failed < seg->device_count;
}

/* lvm2's refusal of partial LVs by activation mode (activate.c, raid_manip.c). */
static int check_mode(struct plan *p, uint32_t lv)
{
	const struct md_lv *l = &p->t->vg->lvs[lv];
	int r = lv_partial(p, lv, 0);

	if (r <= 0 || p->o->mode == DMT_MODE_PARTIAL)
		return r < 0 ? r : 0;
	if (p->o->mode != DMT_MODE_DEGRADED || !lv_raid_type(p->t->vg, lv))
		return -ENODEV;
	if (l->segs[0].type != MD_SEG_RAID1)
		return 0;	/* a raid sub-LV on its own */
	r = raid_redundant(p, &l->segs[0]);
	return r < 0 ? r : r ? 0 : -ENODEV;
}

static int plan_lv(struct plan *p, uint32_t lv, unsigned depth);

static int plan_area(struct plan *p, uint32_t lv, uint32_t segno, uint32_t a,
		     const struct md_area_ref *ar, uint64_t seg_sectors, unsigned depth)
{
	enum dmt_mode mode = p->o->mode;
	int st;

	if (ar->pv < 0)
		return plan_lv(p, (uint32_t)ar->lv, depth + 1);
	st = pv_state(p, (uint32_t)ar->pv);
	if (st != PV_MISSING)
		return st < 0 ? st : 0;
	if (mode != DMT_MODE_PARTIAL && !(mode == DMT_MODE_DEGRADED && lv_raid_type(p->t->vg, lv)))
		return -ENODEV;
	if (find_node(p->t, lv, (int32_t)segno, (int32_t)a) >= 0)
		return 0;
	return fill_node(p->t, lv, (int32_t)segno, (int32_t)a, seg_sectors);
}

static int plan_pair(struct plan *p, const struct md_raid_pair *pair, unsigned depth)
{
	int r = 0;

	if (image_tracking(&p->t->vg->lvs[pair->image]))
		return 0;
	if (pair->meta >= 0)
		r = plan_lv(p, (uint32_t)pair->meta, depth + 1);
	return r ? r : plan_lv(p, (uint32_t)pair->image, depth + 1);
}

/* lvm2's order (dev_manager.c _add_segment_to_dtree): the disk log, then the images. */
static int plan_mirror(struct plan *p, const struct md_seg *seg, unsigned depth)
{
	struct mseg m;
	int r = mseg_parse(p->t->vg, seg, &m);

	if (!r && m.log >= 0)
		r = plan_lv(p, (uint32_t)m.log, depth + 1);
	for (uint32_t k = 0; !r && k < m.n; k++)
		r = plan_lv(p, (uint32_t)m.images[k], depth + 1);
	return r;
}

static int plan_run(struct plan *p, uint32_t lv, const struct run *run, uint32_t segno,
		    unsigned depth)
{
	const struct md_seg *seg = &p->t->vg->lvs[lv].segs[run->first];
	uint64_t sectors;
	int r = mul_sectors(run->count, p->t->vg->extent_size, &sectors);

	for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count && !r; a++)
		r = plan_area(p, lv, segno, a, &seg->areas[a], sectors, depth);
	for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count && !r; k++)
		r = plan_pair(p, &seg->pairs[k], depth);
	if (!r && mseg_is(seg))
		r = plan_mirror(p, seg, depth);
	return r;
}

/* The devices under @lv's segments, children first, then @lv's (or its @layer's) own. */
static int plan_segs(struct plan *p, uint32_t lv, enum dmt_layer layer, unsigned depth)
{
	const struct md_lv *l = &p->t->vg->lvs[lv];
	uint32_t s = 0, segno = 0;
	struct run run;
	uint64_t size;
	int r;

	if ((r = check_lv(p->t->vg, l)) ||
	    (r = mul_sectors(lv_extents(l), p->t->vg->extent_size, &size)))
		return r;
	while (next_run(l, &s, &run))
		if ((r = plan_run(p, lv, &run, segno++, depth)))
			return r;
	return fill_any(p->t, lv, layer, -1, -1, size);
}

/* One snapshot of the stack: its COW layer, then its snapshot device (the COW LV's). */
static int plan_snapshot(struct plan *p, uint32_t snap, unsigned depth)
{
	const struct md_vg *vg = p->t->vg;
	int32_t cow = snap_cow(vg, snap);
	uint64_t size;
	int r;

	if (cow < 0 || !snap_chunk(vg, snap) || snap_is_snapshot(vg, (uint32_t)cow) ||
	    snap_count(vg, (uint32_t)cow))
		return -EINVAL;
	if ((r = plan_segs(p, (uint32_t)cow, DMT_LAYER_COW, depth + 1)) ||
	    (r = mul_sectors(lv_extents(&vg->lvs[snap]), vg->extent_size, &size)))
		return r;
	return fill_node(p->t, (uint32_t)cow, -1, -1, size);
}

/* An origin with snapshots: its real layer, each snapshot, then the origin itself. */
static int plan_stack(struct plan *p, uint32_t origin, unsigned depth)
{
	const struct md_vg *vg = p->t->vg;
	uint64_t size;
	int r = plan_segs(p, origin, DMT_LAYER_REAL, depth + 1);

	for (int32_t s = snap_next(vg, origin, -1); s >= 0 && !r; s = snap_next(vg, origin, s))
		r = plan_snapshot(p, (uint32_t)s, depth);
	if (!r)
		r = mul_sectors(lv_extents(&vg->lvs[origin]), vg->extent_size, &size);
	return r ? r : fill_node(p->t, origin, -1, -1, size);
}

/* Children first, in the order the table names them, then the LV itself. */
static int plan_lv(struct plan *p, uint32_t lv, unsigned depth)
{
	if (depth > DMT_MAX_DEPTH)
		return -EINVAL;
	if (find_node(p->t, lv, -1, -1) >= 0)
		return 0;
	if (snap_is_snapshot(p->t->vg, lv) || snap_of_cow(p->t->vg, lv) >= 0)
		return -EINVAL;	/* a snapshot inside another LV's table */
	if (snap_count(p->t->vg, lv))
		return plan_stack(p, lv, depth);
	return plan_segs(p, lv, DMT_LAYER_NONE, depth);
}

/* lvm2 refuses a stack with a partial COW LV as it refuses a partial origin. */
static int stack_partial(struct plan *p, uint32_t origin)
{
	const struct md_vg *vg = p->t->vg;
	int r = 0;

	for (int32_t s = snap_next(vg, origin, -1); s >= 0 && !r; s = snap_next(vg, origin, s))
		r = lv_partial(p, (uint32_t)snap_cow(vg, (uint32_t)s), 0);
	if (r <= 0 || p->o->mode == DMT_MODE_PARTIAL)
		return r < 0 ? r : 0;
	return -ENODEV;
}

int dmt_plan(const struct md_vg *vg, uint32_t lv, const struct dmt_opts *o, struct dmt_tree *t)
{
	struct plan p = { t, o };
	int r;

	memset(t, 0, sizeof(*t));
	if (lv >= vg->n_lvs)
		return -EINVAL;
	lv = snap_stack_origin(vg, lv);	/* a snapshot's LVs: its origin's stack */
	t->vg = vg;
	t->lv = lv;
	t->mode = o->mode;
	t->nosync = o->nosync;
	t->handle_errors = o->handle_errors;
	if (vg->n_pvs && !(t->pvs = calloc(vg->n_pvs, sizeof(*t->pvs))))
		return -ENOMEM;
	r = plan_lv(&p, lv, 0);
	if (!r)
		r = check_mode(&p, lv);
	if (!r)
		r = stack_partial(&p, lv);
	if (r)
		dmt_tree_free(t);
	return r;
}

/* ---------------------------------------------------------------- render */

static int layer_dev(const struct dmt_tree *t, uint32_t lv, enum dmt_layer layer, int32_t seg,
		     int32_t area, struct dmt_devnum *d)
{
	ssize_t i = find_layer(t, lv, layer, seg, area);

	if (i < 0 || !t->nodes[i].has_dev)
		return -EINVAL;
	*d = t->nodes[i].dev;
	return 0;
}

static int node_dev(const struct dmt_tree *t, uint32_t lv, int32_t seg, int32_t area,
		    struct dmt_devnum *d)
{
	ssize_t i = find_node(t, lv, seg, area);

	if (i < 0 || !t->nodes[i].has_dev)
		return -EINVAL;
	*d = t->nodes[i].dev;
	return 0;
}

/* "<maj>:<min> <offset>" of one striped area. */
static int put_area(const struct dmt_tree *t, uint32_t lv, uint32_t segno, uint32_t a,
		    const struct md_area_ref *ar, struct md_buf *b)
{
	const struct md_vg *vg = t->vg;
	struct dmt_devnum d;
	uint64_t off = 0;
	int r;

	if (ar->pv < 0) {
		r = node_dev(t, (uint32_t)ar->lv, -1, -1, &d);
		if (!r)
			r = mul_sectors(ar->start, vg->extent_size, &off);
	} else if (t->pvs[ar->pv].state == PV_PRESENT) {
		d = t->pvs[ar->pv].dev;
		r = mul_sectors(ar->start, vg->extent_size, &off);
		if (!r && __builtin_add_overflow(off, vg->pvs[ar->pv].pe_start, &off))
			r = -EOVERFLOW;
	} else if (t->pvs[ar->pv].state == PV_MISSING) {
		r = node_dev(t, lv, (int32_t)segno, (int32_t)a, &d);	/* from offset 0 */
	} else {
		r = -EINVAL;
	}
	if (!r)
		md_buf_printf(b, "%s%u:%u %" PRIu64, a ? " " : "", d.major, d.minor, off);
	return r;
}

static int striped_params(const struct dmt_tree *t, uint32_t lv, uint32_t segno,
			  const struct md_seg *seg, struct md_buf *b)
{
	int r = 0;

	if (seg->stripe_count > 1)
		md_buf_printf(b, "%u %" PRIu64 " ", seg->stripe_count, seg->stripe_size);
	for (uint32_t a = 0; a < seg->stripe_count && !r; a++)
		r = put_area(t, lv, segno, a, &seg->areas[a], b);
	return r;
}

struct raid_keys {
	uint32_t chunk, min_rate, max_rate, write_behind, data_offset;
	bool has_data_offset;
};

/* The raid keys lvm2 reads from the segment, as import checked them (seg_raid1.c). */
static int raid_keys(const struct md_seg *seg, struct raid_keys *k)
{
	if (seg->stripe_size > UINT32_MAX)
		return -EINVAL;
	k->chunk = (uint32_t)seg->stripe_size;
	k->min_rate = seg->min_recovery_rate;
	k->max_rate = seg->max_recovery_rate;
	k->write_behind = seg->writebehind;
	k->data_offset = seg->data_offset;
	k->has_data_offset = seg->has_data_offset;
	return 0;
}

/* " rebuild 1 rebuild 2": one pair per image LV that carries @status. */
static unsigned put_legs(struct md_buf *b, const struct md_vg *vg, const struct md_seg *seg,
			 uint32_t status, const char *word)
{
	unsigned n = 0;

	for (uint32_t k = 0; k < seg->device_count; k++)
		if (lv_has(&vg->lvs[seg->pairs[k].image], status)) {
			if (b)
				md_buf_printf(b, " %s %u", word, k);
			n++;
		}
	return n;
}

static int raid_devs(const struct dmt_tree *t, const struct md_seg *seg, struct md_buf *b)
{
	struct dmt_devnum d;
	int r = 0;

	md_buf_printf(b, " %u", seg->device_count);
	for (uint32_t k = 0; k < seg->device_count && !r; k++) {
		const struct md_raid_pair *p = &seg->pairs[k];

		if (image_tracking(&t->vg->lvs[p->image])) {
			md_buf_puts(b, " - -");
			continue;
		}
		if (p->meta < 0)
			md_buf_puts(b, " -");
		else if (!(r = node_dev(t, (uint32_t)p->meta, -1, -1, &d)))
			md_buf_printf(b, " %u:%u", d.major, d.minor);
		if (!r && !(r = node_dev(t, (uint32_t)p->image, -1, -1, &d)))
			md_buf_printf(b, " %u:%u", d.major, d.minor);
	}
	return r;
}

static int raid_params(const struct dmt_tree *t, const struct md_seg *seg, struct md_buf *b)
{
	const struct md_vg *vg = t->vg;
	struct raid_keys k = { 0 };
	unsigned count = 1;	/* the chunk size, always there */
	int r = raid_keys(seg, &k);

	if (r)
		return r;
	count += t->nosync + 2 * (!!k.min_rate + !!k.max_rate + !!k.write_behind +
				  !!seg->region_size + k.has_data_offset);
	count += 2 * (put_legs(NULL, vg, seg, MD_LV_REBUILD, NULL) +
		      put_legs(NULL, vg, seg, MD_LV_WRITEMOSTLY, NULL));
	md_buf_printf(b, "raid1 %u %u", count, k.chunk);
	if (t->nosync)
		md_buf_puts(b, " nosync");
	put_legs(b, vg, seg, MD_LV_REBUILD, "rebuild");
	if (k.min_rate)
		md_buf_printf(b, " min_recovery_rate %u", k.min_rate);
	if (k.max_rate)
		md_buf_printf(b, " max_recovery_rate %u", k.max_rate);
	put_legs(b, vg, seg, MD_LV_WRITEMOSTLY, "write_mostly");
	if (k.write_behind)
		md_buf_printf(b, " max_write_behind %u", k.write_behind);
	md_buf_printf(b, " region_size %" PRIu64, seg->region_size);
	if (k.has_data_offset)
		md_buf_printf(b, " data_offset %u", k.data_offset);
	return raid_devs(t, seg, b);
}

/*
 * lvm2's mirror line (mirrored.c _mirrored_add_target_line and _add_log,
 * libdm-deptree.c _mirror_emit_segment_line): "core <#log args> <region>
 * [nosync] <#images> <image> 0..." or "disk <#log args> <log> <region>
 * [nosync] ...", then " 1 handle_errors" when lvm2 would monitor it; the
 * log args count the region, the log device and nosync.  A mirror with one
 * image (mid-conversion) is linear over it.
 */
static int mirror_params(const struct dmt_tree *t, const struct md_seg *seg, struct md_buf *b,
			 const char **type)
{
	struct dmt_devnum d;
	struct mseg m;
	int r = mseg_parse(t->vg, seg, &m);

	*type = "mirror";
	if (!r && m.n == 1) {
		*type = "linear";
		if (!(r = node_dev(t, (uint32_t)m.images[0], -1, -1, &d)))
			md_buf_printf(b, "%u:%u 0", d.major, d.minor);
		return r;
	}
	if (!r && m.log >= 0 && !(r = node_dev(t, (uint32_t)m.log, -1, -1, &d)))
		md_buf_printf(b, "disk %u %u:%u", 2 + t->nosync, d.major, d.minor);
	else if (!r)
		md_buf_printf(b, "core %u", 1 + t->nosync);
	if (!r)
		md_buf_printf(b, " %" PRIu64 "%s %u", m.region_size, t->nosync ? " nosync" : "", m.n);
	for (uint32_t k = 0; !r && k < m.n; k++)
		if (!(r = node_dev(t, (uint32_t)m.images[k], -1, -1, &d)))
			md_buf_printf(b, " %u:%u 0", d.major, d.minor);
	if (!r && t->handle_errors)
		md_buf_puts(b, " 1 handle_errors");
	return r;
}

/* Appends a target; takes @b's text as its params. */
static int add_target(struct dmt_table *tb, uint64_t start, uint64_t len, const char *type,
		      struct md_buf *b)
{
	struct dmt_target *p = realloc(tb->t, (tb->n + 1) * sizeof(*p));
	char *params;

	if (!p)
		return -ENOMEM;
	tb->t = p;
	if (b->err)
		return b->err;
	params = b->p ? realloc(b->p, b->len + 1) : strdup("");
	if (!params)
		return -ENOMEM;
	b->p = NULL;
	md_buf_free(b);
	tb->t[tb->n++] = (struct dmt_target){ start, len, type, params };
	return 0;
}

static int render_run(struct dmt_tree *t, struct dmt_node *n, const struct run *run,
		      uint32_t segno, uint64_t start)
{
	const struct md_seg *seg = &t->vg->lvs[n->lv].segs[run->first];
	const char *type;
	struct md_buf b;
	uint64_t len;
	int r = mul_sectors(run->count, t->vg->extent_size, &len);

	md_buf_init(&b);
	if (seg->type == MD_SEG_RAID1) {
		type = "raid";
		r = r ? r : raid_params(t, seg, &b);
	} else if (mseg_is(seg)) {
		r = r ? r : mirror_params(t, seg, &b, &type);
	} else if (seg->type == MD_SEG_STRIPED) {
		type = seg->stripe_count == 1 ? "linear" : "striped";
		r = r ? r : striped_params(t, n->lv, segno, seg, &b);
	} else {
		type = seg_named(seg, "error") ? "error" : "zero";
	}
	if (!r)
		r = add_target(&n->table, start, len, type, &b);
	md_buf_free(&b);
	return r;
}

/*
 * lvm2's snapshot tables (dev_manager.c _add_origin_target_to_dtree and
 * _add_snapshot_target_to_dtree, libdm-deptree.c): an origin is
 * "snapshot-origin <real>", a snapshot "snapshot <real> <cow> P <chunk>"
 * (persistent), as long as its snapshotN LV.
 */
static int render_snap(struct dmt_tree *t, struct dmt_node *n)
{
	const struct md_vg *vg = t->vg;
	int32_t snap = snap_of_cow(vg, n->lv);
	uint32_t origin = snap >= 0 ? (uint32_t)snap_origin(vg, (uint32_t)snap) : n->lv;
	struct dmt_devnum real, cow;
	struct md_buf b;
	int r;

	if (snap >= 0 && snap_origin(vg, (uint32_t)snap) < 0)
		return -EINVAL;
	if ((r = layer_dev(t, origin, DMT_LAYER_REAL, -1, -1, &real)))
		return r;
	md_buf_init(&b);
	md_buf_printf(&b, "%u:%u", real.major, real.minor);
	if (snap < 0)
		return add_target(&n->table, 0, n->size, "snapshot-origin", &b);
	if ((r = layer_dev(t, n->lv, DMT_LAYER_COW, -1, -1, &cow))) {
		md_buf_free(&b);
		return r;
	}
	md_buf_printf(&b, " %u:%u P %" PRIu64, cow.major, cow.minor, snap_chunk(vg, (uint32_t)snap));
	return add_target(&n->table, 0, n->size, "snapshot", &b);
}

int dmt_render(struct dmt_tree *t, size_t i)
{
	struct md_buf none;
	struct dmt_node *n;
	uint32_t s = 0, segno = 0;
	uint64_t start = 0;
	struct run run;
	int r = 0;

	if (i >= t->n)
		return -EINVAL;
	n = &t->nodes[i];
	dmt_table_free(&n->table);
	if (n->flags & DMT_STANDIN) {
		md_buf_init(&none);
		return add_target(&n->table, 0, n->size, "error", &none);
	}
	if (n->layer == DMT_LAYER_NONE && (snap_count(t->vg, n->lv) || snap_of_cow(t->vg, n->lv) >= 0))
		return render_snap(t, n);
	while (!r && next_run(&t->vg->lvs[n->lv], &s, &run)) {
		r = render_run(t, n, &run, segno++, start);
		if (!r)
			start += n->table.t[n->table.n - 1].len;
	}
	if (!r && start != n->size)
		r = -EINVAL;
	if (r)
		dmt_table_free(&n->table);
	return r;
}

void dmt_table_text(const struct dmt_table *tb, struct md_buf *out)
{
	for (size_t i = 0; i < tb->n; i++)
		md_buf_printf(out, "%" PRIu64 " %" PRIu64 " %s %s\n", tb->t[i].start, tb->t[i].len,
			      tb->t[i].type, tb->t[i].params);
}

/* ---------------------------------------------------------------- uses */

static bool mirror_uses(const struct md_vg *vg, const struct md_seg *seg, uint32_t c)
{
	struct mseg m;

	if (mseg_parse(vg, seg, &m))
		return false;
	for (uint32_t k = 0; k < m.n; k++)
		if (m.images[k] == (int32_t)c)
			return true;
	return m.log == (int32_t)c;
}

static bool segs_use(const struct md_vg *vg, const struct md_lv *l, uint32_t c)
{
	for (uint32_t s = 0; s < l->n_segs; s++) {
		const struct md_seg *seg = &l->segs[s];

		if (mseg_is(seg) && mirror_uses(vg, seg, c))
			return true;
		for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
			if (seg->pairs[k].image == (int32_t)c || seg->pairs[k].meta == (int32_t)c)
				return true;
		for (uint32_t k = 0; seg->type == MD_SEG_STRIPED && k < seg->stripe_count; k++)
			if (seg->areas[k].pv < 0 && seg->areas[k].lv == (int32_t)c)
				return true;
	}
	return false;
}

bool dmt_node_uses(const struct dmt_tree *t, size_t i, size_t j)
{
	const struct dmt_node *p = &t->nodes[i], *c = &t->nodes[j];
	int32_t snap;

	if (p->flags & DMT_STANDIN)
		return false;
	if (p->layer == DMT_LAYER_NONE && snap_count(t->vg, p->lv))	/* snapshot-origin */
		return c->lv == p->lv && c->layer == DMT_LAYER_REAL;
	if (p->layer == DMT_LAYER_NONE && (snap = snap_of_cow(t->vg, p->lv)) >= 0)
		return (c->lv == p->lv && c->layer == DMT_LAYER_COW) ||
		       (c->layer == DMT_LAYER_REAL &&
			(int32_t)c->lv == snap_origin(t->vg, (uint32_t)snap));
	if (c->flags & DMT_STANDIN)
		return c->lv == p->lv;
	return c->layer == DMT_LAYER_NONE && segs_use(t->vg, &t->vg->lvs[p->lv], c->lv);
}
