/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Resizing an LV in memory (lvextend, lvreduce, lvresize): the new size
 * with lvm2's rounding and messages, new extents from the allocator on
 * growth, segments cut from the end on shrink.  An active LV is remapped
 * when the VG is committed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "display.h"
#include "lvedit.h"
#include "raid.h"

#define MAX_LV_EXTENTS UINT32_MAX	/* lvm2 counts logical extents in 32 bits */

VOL_EXPORT void vol_resize_params_init(struct vol_resize_params *p)
{
	memset(p, 0, sizeof(*p));
	p->size.unit = VOL_SIZE_EXTENTS;
	p->size.sign = VOL_SIZE_PLUS;
}

/* The amount in extents a size names: bytes or percent rounded up, or down for "-". */
static int size_amount(const struct vol_lv *lv, const struct vol_resize_params *p,
		       const struct alloc_pv *pvs, size_t npv, bool say, uint64_t *out)
{
	const struct vol_vg *vg = lv->vg;
	uint64_t es = vg->md->extent_size * SECTOR, v = p->size.value, base = 0;
	bool up = p->size.sign != VOL_SIZE_MINUS;
	char a[SIZE_STR_LEN];

	switch (p->size.unit) {
	case VOL_SIZE_BYTES:
		*out = v / es + (up && v % es);
		if (v % es && say)
			log_info(vg->ctx, "Rounding size to boundary between physical extents: %s.",
				 size_str(*out * es, a));
		return 0;
	case VOL_SIZE_EXTENTS:
		*out = v;
		return 0;
	case VOL_SIZE_PCT_VG:
		base = vol_vg_extent_count(vg);
		break;
	case VOL_SIZE_PCT_FREE:
		base = vol_vg_free_count(vg);
		break;
	case VOL_SIZE_PCT_LV:
		base = md_lv_extents(&lv->md);
		break;
	case VOL_SIZE_PCT_PVS:
		base = lv_pvs_base(vg, pvs, npv);
		break;
	}
	*out = pct_of(v, base, up);
	return 0;
}

/* The new size in extents; *approx when lvm2 takes what fits. */
static int target_extents(const struct vol_lv *lv, const struct vol_resize_params *p,
			  const struct alloc_pv *pvs, size_t npv, bool say, uint64_t *target,
			  bool *approx)
{
	const struct vol_vg *vg = lv->vg;
	uint64_t cur = md_lv_extents(&lv->md), free = vol_vg_free_count(vg), n;
	uint64_t es = vg->md->extent_size * SECTOR;
	char full[2 * MD_NAME_LEN], a[SIZE_STR_LEN];
	int r = size_amount(lv, p, pvs, npv, say, &n);

	if (r)
		return r;
	lv_full_name(vg, &lv->md, full, sizeof(full));
	*approx = p->size.unit >= VOL_SIZE_PCT_VG && p->size.unit != VOL_SIZE_PCT_LV &&
		  p->size.sign != VOL_SIZE_MINUS;
	if (p->size.sign == VOL_SIZE_ABSOLUTE && p->size.unit == VOL_SIZE_PCT_VG && n > cur + free) {
		if (say)
			log_info(vg->ctx, "Reducing %" PRIu64 "%%VG to remaining free space %s in VG.",
			 p->size.value, size_str((cur + free) * es, a));
		n = cur + free;
	}
	if (p->size.sign == VOL_SIZE_MINUS) {
		if (n >= cur) {
			log_err(vg->ctx, "Unable to reduce %s below 1 extent.", full);
			return -EINVAL;
		}
		*target = cur - n;
		return 0;
	}
	*target = p->size.sign == VOL_SIZE_PLUS ? cur + n : n;
	if (*target < n || *target > MAX_LV_EXTENTS) {
		log_err(vg->ctx, "Unable to extend %s by %" PRIu64 " logical extents: exceeds limit (%u).",
			full, n, MAX_LV_EXTENTS);
		return -EINVAL;
	}
	return 0;
}

static int check_target(const struct vol_lv *lv, const struct vol_resize_params *p, uint64_t target)
{
	uint64_t cur = md_lv_extents(&lv->md);
	struct vol_ctx *ctx = lv->vg->ctx;

	if (target == cur) {
		log_err(ctx, "New size (%" PRIu64 " extents) matches existing size (%" PRIu64 " extents).",
			target, cur);
		return -EINVAL;
	}
	if ((p->flags & VOL_RESIZE_GROW) && target < cur) {
		log_err(ctx, "New size given (%" PRIu64 " extents) not larger than existing size (%" PRIu64
			" extents)", target, cur);
		return -EINVAL;
	}
	if ((p->flags & VOL_RESIZE_SHRINK) && target > cur) {
		log_err(ctx, "New size given (%" PRIu64 " extents) not less than existing size (%" PRIu64
			" extents)", target, cur);
		return -EINVAL;
	}
	return 0;
}

VOL_EXPORT int vol_lv_resize_target(const struct vol_lv *lv, const struct vol_resize_params *p,
				    uint64_t *extents)
{
	struct alloc_pv *pvs = NULL;
	bool approx;
	int r = lv_pv_list(lv->vg, p->pvs, p->n_pvs, &pvs);

	if (!r)
		r = target_extents(lv, p, pvs, p->n_pvs, false, extents, &approx);
	free(pvs);
	return r;
}

/* Stripe count and size (sectors) for new extents: as given, else the LV's own. */
static int grow_stripes(struct vol_lv *lv, const struct vol_resize_params *p, uint32_t *stripes,
			uint64_t *ss)
{
	const struct md_seg *last = &lv->md.segs[lv->md.n_segs - 1];
	uint64_t es = lv->vg->md->extent_size * SECTOR;
	char a[SIZE_STR_LEN];

	if (last->type != MD_SEG_STRIPED) {
		log_err(lv->vg->ctx, "Extending LVs with %s segments is not supported.", last->type_name);
		return -EINVAL;
	}
	*stripes = p->stripes;
	*ss = p->stripe_size / SECTOR;
	if (alloc_extend_shape(&lv->md, stripes, ss)) {
		log_err(lv->vg->ctx, "Please specify number of stripes (-i) and stripesize (-I)");
		return -EINVAL;
	}
	if (*stripes > 1 && !p->stripe_size)
		log_info(lv->vg->ctx, last->stripe_count > 1 ? "Using stripesize of last segment %s"
				      : "Using default stripesize %s", size_str(*ss * SECTOR, a));
	if (*ss * SECTOR > es)
		*ss = es / SECTOR;
	return 0;
}

static int grow(struct vol_lv *lv, const struct vol_resize_params *p, const struct alloc_pv *pvs,
		uint64_t add, bool approx)
{
	struct alloc_request req = { 0 };
	uint64_t ss, up;
	int r = grow_stripes(lv, p, &req.stripes, &ss);

	if (r)
		return r;
	if (req.stripes > 1 && add % req.stripes) {
		if (alloc_round_to_stripes(add, req.stripes, &up))
			return -EOVERFLOW;
		if (approx && up > vol_vg_free_count(lv->vg)) {
			log_info(lv->vg->ctx, "Rounding size (%" PRIu64 " extents) down to stripe boundary "
				 "size for segment (%" PRIu64 " extents)", add, add - add % req.stripes);
			add -= add % req.stripes;
		} else {
			log_info(lv->vg->ctx, "Rounding size (%" PRIu64 " extents) up to stripe boundary "
				 "size for segment (%" PRIu64 " extents).", add, up);
			add = up;
		}
	}
	req.policy = p->alloc;
	req.extents = add;
	req.lv = lv->idx;
	req.pvs = pvs;
	req.n_pvs = (uint32_t)p->n_pvs;
	req.approx = approx;
	return lv_allocate(lv->vg, (uint32_t)lv->idx, &req, ss);
}

/* Cuts the LV's segments down to @target extents, whole stripes kept. */
static int shrink(struct vol_lv *lv, uint64_t *target)
{
	struct md_lv *m = &lv->vg->md->lvs[lv->idx];

	while (m->n_segs) {
		struct md_seg *s = &m->segs[m->n_segs - 1];
		uint32_t unit = s->type == MD_SEG_STRIPED ? s->stripe_count : 1;
		uint64_t keep;

		if (s->type != MD_SEG_STRIPED && s->type != MD_SEG_RAID1) {
			log_err(lv->vg->ctx, "Reducing LVs with %s segments is not supported.", s->type_name);
			return -EINVAL;
		}
		if (s->start_extent >= *target) {
			m->n_segs--;
			continue;
		}
		keep = *target - s->start_extent;
		keep += (unit - keep % unit) % unit;	/* back up to a whole stripe */
		*target = s->start_extent + keep;
		s->extent_count = keep;
		break;
	}
	return 0;
}

static void say_changed(const struct vol_lv *lv, uint64_t from, uint64_t to)
{
	uint64_t es = lv->vg->md->extent_size * SECTOR;
	char full[2 * MD_NAME_LEN], a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	log_info(lv->vg->ctx, "Size of logical volume %s changed from %s (%" PRIu64 " extents) to %s (%"
		 PRIu64 " extents).", lv_full_name(lv->vg, &lv->md, full, sizeof(full)),
		 size_str(from * es, a), from, size_str(to * es, b), to);
}

static int check_resizable(struct vol_lv *lv)
{
	int r = need_write(lv->vg);

	if (r)
		return r;
	if (lv->idx < 0) {
		log_err(lv->vg->ctx, "Logical volume %s has been removed.", lv->md.name);
		return -ENOENT;
	}
	if (!(lv->md.status.known & MD_LV_VISIBLE)) {
		log_err(lv->vg->ctx, "Can't resize internal logical volume %s.", lv->md.name);
		return -EINVAL;
	}
	if (!lv->md.n_segs)
		return -EINVAL;
	return 0;
}

VOL_EXPORT int vol_lv_resize(struct vol_lv *lv, const struct vol_resize_params *p)
{
	struct alloc_pv *pvs = NULL;
	uint64_t cur = md_lv_extents(&lv->md), target;
	bool approx;
	int r;

	if ((r = check_resizable(lv)) || (r = lv_pv_list(lv->vg, p->pvs, p->n_pvs, &pvs)) ||
	    (r = target_extents(lv, p, pvs, p->n_pvs, true, &target, &approx)) ||
	    (r = check_target(lv, p, target)))
		goto out;
	if (raid_seg(lv->vg->md, lv->idx)) {
		r = raid_resize(lv, p, pvs, target, approx);
		target = md_lv_extents(&lv->vg->md->lvs[lv->idx]);
	} else if (target > cur) {
		r = grow(lv, p, pvs, target - cur, approx);
		target = md_lv_extents(&lv->vg->md->lvs[lv->idx]);
	} else if ((r = shrink(lv, &target)) == 0 && target == cur) {
		log_err(lv->vg->ctx, "New size (%" PRIu64 " extents) matches existing size (%" PRIu64
			" extents)", target, cur);
		r = -EINVAL;
	}
	if (!r)
		say_changed(lv, cur, target);
	if (!r)
		r = vg_sync_handles(lv->vg);
out:
	free(pvs);
	return r;
}
