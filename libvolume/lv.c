/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Logical volumes: the getters. */
#include <errno.h>
#include <string.h>

#include "handles.h"
#include "mirror.h"
#include "vgobj.h"

VOL_EXPORT const char *vol_lv_name(const struct vol_lv *lv)
{
	return lv->md.name;
}

VOL_EXPORT const char *vol_lv_uuid(const struct vol_lv *lv)
{
	return lv_names(lv)->uuid;
}

VOL_EXPORT struct vol_vg *vol_lv_vg(const struct vol_lv *lv)
{
	return lv->vg;
}

VOL_EXPORT uint64_t vol_lv_extent_count(const struct vol_lv *lv)
{
	return md_lv_extents(&lv->md);
}

VOL_EXPORT uint64_t vol_lv_size(const struct vol_lv *lv)
{
	return vol_lv_extent_count(lv) * lv->vg->md->extent_size * SECTOR;
}

VOL_EXPORT bool vol_lv_is_visible(const struct vol_lv *lv)
{
	return lv_listed(lv);
}

VOL_EXPORT bool vol_lv_is_read_only(const struct vol_lv *lv)
{
	return !(lv->md.status.known & MD_LV_WRITE);
}

VOL_EXPORT enum vol_alloc vol_lv_alloc(const struct vol_lv *lv)
{
	enum vol_alloc a = VOL_ALLOC_INHERIT;

	if (lv->md.alloc_policy)
		vol_alloc_parse(lv->md.alloc_policy, &a);
	return a;
}

VOL_EXPORT const char *vol_lv_segtype(const struct vol_lv *lv)
{
	return lv->md.n_segs ? lv->md.segs[0].type_name : "";
}

VOL_EXPORT size_t vol_lv_segment_count(const struct vol_lv *lv)
{
	return lv->md.n_segs;
}

VOL_EXPORT size_t vol_lv_tag_count(const struct vol_lv *lv)
{
	return lv->md.tags.n;
}

VOL_EXPORT const char *vol_lv_tag(const struct vol_lv *lv, size_t i)
{
	return i < lv->md.tags.n ? lv->md.tags.v[i] : NULL;
}

VOL_EXPORT uint64_t vol_lv_creation_time(const struct vol_lv *lv)
{
	return lv->md.creation_time;
}

VOL_EXPORT const char *vol_lv_creation_host(const struct vol_lv *lv)
{
	return lv->md.creation_host ? lv->md.creation_host : "";
}

VOL_EXPORT int64_t vol_lv_read_ahead(const struct vol_lv *lv)
{
	if (!lv->md.has_read_ahead || !lv->md.read_ahead)
		return -1;	/* auto (lvm2 reads 0 as auto) */
	return lv->md.read_ahead < 0 ? 0 : lv->md.read_ahead;	/* -1 in the text: none */
}

VOL_EXPORT int64_t vol_lv_major(const struct vol_lv *lv)
{
	return lv->md.major;
}

VOL_EXPORT int64_t vol_lv_minor(const struct vol_lv *lv)
{
	return lv->md.minor;
}

VOL_EXPORT bool vol_lv_skips_activation(const struct vol_lv *lv)
{
	return lv->md.flags.known & MD_LVF_ACTIVATION_SKIP;
}

VOL_EXPORT const char *vol_lv_path(const struct vol_lv *lv)
{
	const char *p = lv_names(lv)->path;

	return p ? p : "";
}

VOL_EXPORT const char *vol_lv_dm_path(const struct vol_lv *lv)
{
	const char *p = lv_names(lv)->dm_path;

	return p ? p : "";
}

/* Is LV @l of @vg (or a sub-LV it uses) on a missing PV? */
static bool md_lv_partial(const struct vol_vg *vg, uint32_t l, unsigned depth)
{
	const struct md_lv *m = &vg->md->lvs[l];

	if (depth > 8)
		return false;
	for (uint32_t s = 0; s < m->n_segs; s++) {
		const struct md_seg *seg = &m->segs[s];

		if (seg->type == MD_SEG_RAID1) {
			for (uint32_t k = 0; k < seg->device_count; k++)
				if ((seg->pairs[k].meta >= 0 &&
				     md_lv_partial(vg, (uint32_t)seg->pairs[k].meta, depth + 1)) ||
				    (seg->pairs[k].image >= 0 &&
				     md_lv_partial(vg, (uint32_t)seg->pairs[k].image, depth + 1)))
					return true;
			continue;
		}
		for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++) {
			const struct md_area_ref *ar = &seg->areas[a];

			if (ar->pv >= 0 && !vg->slots[ar->pv].present)
				return true;
			if (ar->lv >= 0 && md_lv_partial(vg, (uint32_t)ar->lv, depth + 1))
				return true;
		}
	}
	return false;
}

VOL_EXPORT bool vol_lv_is_partial(const struct vol_lv *lv)
{
	return lv->idx >= 0 && md_lv_partial(lv->vg, (uint32_t)lv->idx, 0);
}

/* raid0 (which lvm2 makes without device-mapper) is kept as an unknown
 * segment; its stripes are read from the section as written. */
static bool is_raid0(const struct md_seg *s)
{
	return s->type == MD_SEG_OTHER && s->raw && !strcmp(s->type_name, "raid0");
}

static int64_t raw_int(const struct md_seg *s, const char *key)
{
	const struct md_cn *c = md_cn_find(s->raw->child, key);

	return c && c->v && !c->array && c->v->type == MD_CV_INT ? c->v->i : 0;
}

/* A raid segment lvm2 writes that we only read (raid4/5/6/10): its raid keys. */
static bool is_other_raid(const struct md_seg *s)
{
	return s->type == MD_SEG_OTHER && s->raw && !strncmp(s->type_name, "raid", 4) &&
	       strncmp(s->type_name, "raid0", 5);
}

static uint32_t raw_u32(const struct md_seg *s, const char *key)
{
	int64_t v = raw_int(s, key);

	return v > 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
}

/* Item @a of the list @key (raid0_lvs = [...], raids = [...]), or NULL. */
static const char *raw_str_at(const struct md_seg *s, const char *key, uint32_t a)
{
	const struct md_cn *c = md_cn_find(s->raw->child, key);
	const struct md_cv *v = c ? c->v : NULL;

	for (; v && a; a--)
		v = v->next;
	return v && v->type == MD_CV_STRING ? v->s : NULL;
}

/* Leg @a of a raid4/5/6/10 segment (raids = [ meta, image, ... ]): its
 * sub-LVs, and the extents of one image (the data over the data legs). */
static int other_raid_area(const struct md_seg *s, uint32_t a, struct vol_area_info *out)
{
	uint32_t dc = raw_u32(s, "device_count"), data = dc;
	const char *t = s->type_name;

	if (!strncmp(t, "raid10", 6))
		data = dc / (raw_u32(s, "data_copies") ? raw_u32(s, "data_copies") : 2);
	else if (!strncmp(t, "raid6", 5))
		data = dc > 2 ? dc - 2 : 1;
	else if (!strncmp(t, "raid4", 5) || !strncmp(t, "raid5", 5))
		data = dc > 1 ? dc - 1 : 1;
	out->meta_lv_name = raw_str_at(s, "raids", 2 * a);
	out->lv_name = raw_str_at(s, "raids", 2 * a + 1);
	out->count = data ? s->extent_count / data : s->extent_count;
	return out->lv_name ? 0 : -ENOENT;
}

VOL_EXPORT int vol_lv_segment(const struct vol_lv *lv, size_t i, struct vol_seg_info *out)
{
	const struct md_seg *s;
	struct mseg m;

	memset(out, 0, sizeof(*out));
	if (i >= lv->md.n_segs)
		return -ENOENT;
	s = &lv->md.segs[i];
	out->start_extent = s->start_extent;
	out->extent_count = s->extent_count;
	out->type = s->type_name;
	if (s->type == MD_SEG_STRIPED) {
		out->areas = s->stripe_count;
		out->type = s->stripe_count == 1 ? "linear" : "striped";
		out->stripe_size = s->stripe_count > 1 ? s->stripe_size * SECTOR : 0;
	} else if (s->type == MD_SEG_RAID1) {
		out->areas = s->device_count;
		out->region_size = s->region_size * SECTOR;
		out->writebehind = s->writebehind;
		out->min_recovery_rate = s->min_recovery_rate;
		out->max_recovery_rate = s->max_recovery_rate;
	} else if (is_other_raid(s)) {
		out->areas = raw_u32(s, "device_count");
		out->stripe_size = (uint64_t)raw_u32(s, "stripe_size") * SECTOR;
		out->region_size = (uint64_t)raw_u32(s, "region_size") * SECTOR;
		out->writebehind = raw_u32(s, "writebehind");
		out->min_recovery_rate = raw_u32(s, "min_recovery_rate");
		out->max_recovery_rate = raw_u32(s, "max_recovery_rate");
	} else if (is_raid0(s) && raw_int(s, "stripe_count") > 0) {
		out->areas = (uint32_t)raw_int(s, "stripe_count");
		out->stripe_size = (uint64_t)raw_int(s, "stripe_size") * SECTOR;
	} else if (mseg_is(s) && !mseg_parse(lv->vg->md, s, &m)) {
		out->areas = m.n;
		out->region_size = m.region_size * SECTOR;
	}
	return 0;
}

static const char *lv_name_at(const struct vol_lv *lv, int32_t i)
{
	return i >= 0 && (uint32_t)i < lv->vg->md->n_lvs ? lv->vg->md->lvs[i].name : NULL;
}

VOL_EXPORT int vol_lv_segment_area(const struct vol_lv *lv, size_t seg, uint32_t a,
				   struct vol_area_info *out)
{
	const struct md_seg *s;
	struct mseg m;

	memset(out, 0, sizeof(*out));
	if (seg >= lv->md.n_segs)
		return -ENOENT;
	s = &lv->md.segs[seg];
	if (s->type == MD_SEG_RAID1 && a < s->device_count) {
		out->lv_name = lv_name_at(lv, s->pairs[a].image);
		out->meta_lv_name = lv_name_at(lv, s->pairs[a].meta);
		out->count = s->extent_count;
		return 0;
	}
	if (is_raid0(s) && raw_int(s, "stripe_count") > 0 && a < raw_int(s, "stripe_count")) {
		out->lv_name = raw_str_at(s, "raid0_lvs", a);
		out->count = s->extent_count / (uint64_t)raw_int(s, "stripe_count");
		return out->lv_name ? 0 : -ENOENT;
	}
	if (is_other_raid(s) && a < raw_u32(s, "device_count"))
		return other_raid_area(s, a, out);
	if (mseg_is(s)) {	/* an old-style mirror's images, each from its extent 0 */
		if (mseg_parse(lv->vg->md, s, &m) || a >= m.n)
			return -ENOENT;
		out->lv_name = lv_name_at(lv, m.images[a]);
		out->count = s->extent_count;
		return 0;
	}
	if (s->type != MD_SEG_STRIPED || a >= s->stripe_count)
		return -ENOENT;
	out->start = s->areas[a].start;
	out->count = s->extent_count / s->stripe_count;
	if (s->areas[a].pv >= 0) {
		const struct vol_pv *pv = vol_vg_pv(lv->vg, (size_t)s->areas[a].pv);

		out->pv_name = pv ? vol_pv_name(pv) : "[unknown]";
	} else {
		out->lv_name = lv_name_at(lv, s->areas[a].lv);
	}
	return 0;
}
