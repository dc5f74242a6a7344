/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The "raid1" segment type.  Its legs are (metadata LV, image LV) pairs of
 * hidden sub-LVs, <lv>_rmeta_N and <lv>_rimage_N; the segment itself holds
 * no PV areas.
 *
 * The keys are those lvm2 2.03's raid text handler reads and writes for
 * raid1, in the order it writes them.  data_copies, which lvm2 writes for
 * raid10 only (for raid1 it is derived from the leg count), stays an unknown
 * key, kept as read.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "text.h"

/* lvm2 takes either name for the number of legs, never both. */
static int read_legs(struct md_imp *im, const struct md_cn *c, struct md_section *s)
{
	struct md_seg *seg = s->dst;

	if (md_section_has(s, "device_count") || md_section_has(s, "stripe_count"))
		return md_imp_bad(im, c, "both device_count and stripe_count", c->key, s->obj);
	seg->legs_as_stripe_count = !strcmp(c->key, "stripe_count");
	return md_imp_u32(im, c, s->obj, &seg->device_count);
}

/*
 * lvm2 ignores a data_offset that is not a number, where it fails on the
 * other keys: such a value is kept as an unknown key, written back as read.
 */
static int read_data_offset(struct md_imp *im, const struct md_cn *c, struct md_section *s)
{
	struct md_seg *seg = s->dst;

	if (c->section || c->array || !c->v || c->v->type != MD_CV_INT || c->v->i < 0 ||
	    c->v->i > UINT32_MAX)
		return MD_KEY_KEEP;
	(void)im;
	seg->has_data_offset = true;
	seg->data_offset = (uint32_t)c->v->i;
	return 0;
}

static const struct md_key raid1_keys[] = {
	MD_SEG_COMMON_KEYS,
	{ .name = "device_count", .type = MD_KEY_FN, .fn = read_legs },
	{ .name = "stripe_count", .type = MD_KEY_FN, .fn = read_legs },
	MD_SEG_KEY("region_size", MD_KEY_U32W, region_size),
	MD_SEG_KEY("stripe_size", MD_KEY_U32W, stripe_size),
	MD_SEG_KEY("writebehind", MD_KEY_U32, writebehind),
	MD_SEG_KEY("min_recovery_rate", MD_KEY_U32, min_recovery_rate),
	MD_SEG_KEY("max_recovery_rate", MD_KEY_U32, max_recovery_rate),
	{ .name = "data_offset", .type = MD_KEY_FN, .fn = read_data_offset },
	{ .name = "raids", .type = MD_KEY_NODE },
};

static int import_raids(struct md_imp *im, const struct md_cn *cn, const char *obj,
			struct md_seg *seg)
{
	int32_t meta = -1;
	uint32_t n = 0;

	if (!cn->array)
		return md_imp_bad(im, cn, "value is not an array", cn->key, obj);
	seg->pairs = md_arena_alloc(im->a, seg->device_count * sizeof(*seg->pairs));
	if (!seg->pairs)
		return -ENOMEM;
	for (const struct md_cv *v = cn->v; v; v = v->next) {
		int32_t lv;

		if (v->type != MD_CV_STRING)
			return md_imp_bad(im, cn, "raids entries must be LV names", cn->key, obj);
		lv = md_hmap_get(&im->lvnames, v->s);
		if (lv < 0)
			return md_imp_bad(im, cn, "raids refers to an unknown LV", v->s, obj);
		/* lvm2 takes an entry as the metadata LV only if its name says so. */
		if (strstr(v->s, "_rmeta_")) {
			if (meta >= 0)
				return md_imp_bad(im, cn, "metadata LV without an image LV", v->s,
						  obj);
			meta = lv;
			continue;
		}
		if (n >= seg->device_count)
			return md_imp_bad(im, cn, "more raid pairs than device_count", cn->key,
					  obj);
		seg->pairs[n].meta = meta;
		seg->pairs[n++].image = lv;
		meta = -1;
	}
	if (meta >= 0)
		return md_imp_bad(im, cn, "metadata LV without an image LV", cn->key, obj);
	if (n != seg->device_count)
		return md_imp_bad(im, cn, "number of raid pairs differs from device_count",
				  cn->key, obj);
	return 0;
}

static int raid1_import(struct md_imp *im, const struct md_cn *sec, const char *obj,
			struct md_seg *seg)
{
	const struct md_cn *raids = md_cn_find(sec->child, "raids");

	if (!seg->device_count || seg->device_count > MD_RAID_MAX_LEGS)
		return md_imp_bad(im, sec, "missing or bad device_count", "device_count", obj);
	if (!raids)
		return md_imp_bad(im, sec, "missing required key", "raids", obj);
	return import_raids(im, raids, obj, seg);
}

static void raid_lines(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg)
{
	md_fmt_nl(f);
	md_fmt_line(f, NULL, "raids = [");
	f->indent++;
	for (uint32_t i = 0; i < seg->device_count; i++) {
		const struct md_raid_pair *p = &seg->pairs[i];
		const char *sep = i + 1 < seg->device_count ? "," : "";

		if (p->meta >= 0)
			md_fmt_line(f, NULL, "\"%s\", \"%s\"%s", vg->lvs[p->meta].name,
				    vg->lvs[p->image].name, sep);
		else
			md_fmt_line(f, NULL, "\"%s\"%s", vg->lvs[p->image].name, sep);
	}
	f->indent--;
	md_fmt_line(f, NULL, "]");
}

static void raid1_export(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
			 const char *name)
{
	md_fmt_seg_head(f, vg, seg, name);
	md_fmt_line(f, NULL, "%s = %" PRIu32,
		    seg->legs_as_stripe_count ? "stripe_count" : "device_count", seg->device_count);
	if (seg->region_size)
		md_fmt_u64(f, NULL, "region_size", seg->region_size);
	if (seg->stripe_size)
		md_fmt_u64(f, NULL, "stripe_size", seg->stripe_size);
	if (seg->writebehind)
		md_fmt_u64(f, NULL, "writebehind", seg->writebehind);
	if (seg->min_recovery_rate)
		md_fmt_u64(f, NULL, "min_recovery_rate", seg->min_recovery_rate);
	if (seg->max_recovery_rate)
		md_fmt_u64(f, NULL, "max_recovery_rate", seg->max_recovery_rate);
	if (seg->has_data_offset)
		md_fmt_u64(f, NULL, "data_offset", seg->data_offset);
	md_fmt_extra(f, seg->extra, false);
	raid_lines(f, vg, seg);
	md_fmt_seg_tail(f, seg);
}

static int raid1_validate(const struct md_vg *vg, const struct md_lv *lv,
			  const struct md_seg *seg, struct md_err *err)
{
	for (uint32_t i = 0; i < seg->device_count; i++) {
		const struct md_raid_pair *p = &seg->pairs[i];

		if (p->image == (int32_t)(lv - vg->lvs) || p->meta == (int32_t)(lv - vg->lvs)) {
			md_err_set(err, 0, "raid1 LV uses itself as a leg", "LV %s", lv->name);
			return -EINVAL;
		}
		if (md_lv_extents(&vg->lvs[p->image]) < seg->start_extent + seg->extent_count) {
			md_err_set(err, 0, "raid1 image is smaller than its LV", "LV %s",
				   vg->lvs[p->image].name);
			return -EINVAL;
		}
		for (uint32_t j = 0; j < i; j++)
			if (seg->pairs[j].image == p->image) {
				md_err_set(err, 0, "raid1 image used twice", "LV %s", lv->name);
				return -EINVAL;
			}
	}
	return 0;
}

/* The legs' sub-LVs hold the PV areas, through their own (striped) segments. */
static bool raid1_next_pv_area(const struct md_seg *seg, uint32_t *pos, struct md_pv_area *out)
{
	(void)seg;
	(void)pos;
	(void)out;
	return false;
}

const struct md_segtype_ops md_segtype_raid1 = {
	.name = "raid1",
	.type = MD_SEG_RAID1,
	.keys = raid1_keys,
	.n_keys = sizeof(raid1_keys) / sizeof(raid1_keys[0]),
	.import = raid1_import,
	.export = raid1_export,
	.validate = raid1_validate,
	.next_pv_area = raid1_next_pv_area,
};
