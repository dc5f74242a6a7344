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
#include "snap.h"

#define MAX_LV_EXTENTS 4294967295ull	/* lvm2 counts logical extents in 32 bits */

VOL_EXPORT void vol_resize_params_init(struct vol_resize_params *p)
{
	memset(p, 0, sizeof(*p));
	p->size.unit = VOL_SIZE_EXTENTS;
	p->size.sign = VOL_SIZE_PLUS;
}

/* A resize worked out as lvm2 works it out (lv_resize's "prepare" step). */
struct plan {
	bool say;		/* log what lvm2 logs while planning */
	struct lv_pvlist pvs;
	uint64_t stripe_size;	/* -I in sectors, cut to the extent size; 0 if not given */
	uint64_t amount;	/* the size given, in extents */
	bool percent, approx;	/* a percent; lvm2 takes what fits */
	bool reducing;
	uint32_t stripes;	/* of the new extents (grow) or the last kept segment (shrink) */
	uint64_t ss;		/* their stripe size, sectors */
	uint64_t target;
};

#define SAY(pl, ...) do { if ((pl)->say) log_info(__VA_ARGS__); } while (0)

/* -I: at most 512 GiB, cut to the extent size, a power of two. */
static int check_stripe_size(const struct vol_lv *lv, const struct vol_resize_params *p,
			     struct plan *pl)
{
	uint64_t es = lv->vg->md->extent_size * SECTOR, b = p->stripe_size;
	char x[SIZE_STR_LEN], y[SIZE_STR_LEN];

	if (!b)
		return 0;
	if (b > 512 * 1024 * MiB) {
		log_err(lv->vg->ctx, "Stripe size cannot be larger than %s.", size_str(512 * 1024 * MiB, x));
		return -EINVAL;
	}
	if (b > es) {
		SAY(pl, lv->vg->ctx, "Reducing stripe size %s to maximum, physical extent size %s.",
		    size_str(b, x), size_str(es, y));
		b = es;
	}
	if (b & (b - 1)) {
		log_err(lv->vg->ctx, "Stripe size must be power of 2.");
		return -EINVAL;
	}
	pl->stripe_size = b / SECTOR;
	return 0;
}

/* The size given, in extents: bytes rounded (up, or down for "-"), percents of their base. */
static int size_amount(const struct vol_lv *lv, const struct vol_resize_params *p, struct plan *pl)
{
	const struct vol_vg *vg = lv->vg;
	uint64_t es = vg->md->extent_size * SECTOR, v = p->size.value, base = 0;
	bool up = p->size.sign != VOL_SIZE_MINUS;
	char a[SIZE_STR_LEN];

	switch (p->size.unit) {
	case VOL_SIZE_BYTES:
		pl->amount = v / es + (up && v % es);
		if (v % es)
			SAY(pl, vg->ctx, "Rounding size to boundary between physical extents: %s.",
			    size_str(pl->amount * es, a));
		return 0;
	case VOL_SIZE_EXTENTS:
		pl->amount = v;
		return 0;
	case VOL_SIZE_PCT_ORIGIN:
		log_err(vg->ctx, "Specified LV does not have an origin LV.");
		return -EINVAL;
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
		base = lv_pvs_base(vg, &pl->pvs);
		break;
	}
	pl->percent = true;
	pl->amount = pct_of(v, base, up);
	if (p->size.unit == VOL_SIZE_PCT_VG && p->size.sign == VOL_SIZE_ABSOLUTE &&
	    pl->amount > md_lv_extents(&lv->md) + vol_vg_free_count(vg)) {
		pl->amount = md_lv_extents(&lv->md) + vol_vg_free_count(vg);
		SAY(pl, vg->ctx, "Reducing %" PRIu64 "%%VG to remaining free space %s in VG.", v,
		    size_str(pl->amount * es, a));
	}
	pl->approx = p->size.unit != VOL_SIZE_PCT_LV &&
		     (p->size.sign == VOL_SIZE_ABSOLUTE ||
		      (p->size.sign == VOL_SIZE_PLUS && p->size.unit == VOL_SIZE_PCT_FREE));
	return 0;
}

/* Stripes of the new extents: as given, else the LV's (lvm2's messages). */
static int grow_shape(const struct vol_lv *lv, const struct vol_resize_params *p, struct plan *pl)
{
	const struct md_seg *last = &lv->md.segs[lv->md.n_segs - 1];
	uint64_t seg_ss = 0;
	char a[SIZE_STR_LEN];

	if (last->type == MD_SEG_RAID1) {	/* every image grows: raid_resize() */
		pl->stripes = 1;
		pl->ss = 0;
		return 0;
	}
	if (last->type != MD_SEG_STRIPED) {
		log_err(lv->vg->ctx, "Extending LVs with %s segments is not supported.", last->type_name);
		return -EINVAL;
	}
	for (uint32_t s = 0; s < lv->md.n_segs; s++)
		if (lv->md.segs[s].type == MD_SEG_STRIPED)
			seg_ss = lv->md.segs[s].stripe_size;
	pl->stripes = p->stripes;
	pl->ss = pl->stripe_size;
	if (alloc_extend_shape(&lv->md, &pl->stripes, &pl->ss)) {
		log_err(lv->vg->ctx, "Please specify number of stripes (-i) and stripesize (-I)");
		return -EINVAL;
	}
	if (p->stripes != 1 && !pl->stripe_size && pl->stripes > 1)
		SAY(pl, lv->vg->ctx, seg_ss ? "Using stripesize of last segment %s"
					    : "Using default stripesize %s", size_str(pl->ss * SECTOR, a));
	if (pl->stripes > MD_MAX_STRIPES) {	/* lvm2 does not check: lvcreate's limit */
		log_err(lv->vg->ctx, "Number of stripes (%u) must be between 1 and %u.", pl->stripes,
			MD_MAX_STRIPES);
		return -EINVAL;
	}
	if (pl->stripes < 2)
		pl->ss = 0;
	return 0;
}

/* Growing: the new size, the LV's stripes kept unless given. */
static int plan_grow(const struct vol_lv *lv, const struct vol_resize_params *p, struct plan *pl,
		     uint64_t *seg_size)
{
	uint64_t cur = md_lv_extents(&lv->md);
	char full[2 * MD_NAME_LEN];
	int r;

	if ((r = grow_shape(lv, p, pl)))
		return r;
	*seg_size = p->size.sign == VOL_SIZE_PLUS ? pl->amount : pl->amount - cur;
	if (*seg_size >= MAX_LV_EXTENTS - cur) {
		log_err(lv->vg->ctx, "Unable to extend %s by %" PRIu64
			" logical extents: exceeds limit (%llu).",
			lv_full_name(lv->vg, &lv->md, full, sizeof(full)), *seg_size, MAX_LV_EXTENTS);
		return -EINVAL;
	}
	pl->target = cur + *seg_size;
	return 0;
}

/* Shrinking: the new size, and the stripes of the segment it ends in. */
static int plan_shrink(const struct vol_lv *lv, const struct vol_resize_params *p, struct plan *pl,
		       uint64_t *seg_size)
{
	uint64_t cur = md_lv_extents(&lv->md), used = 0;
	char full[2 * MD_NAME_LEN];

	if (p->stripes || p->stripe_size)
		SAY(pl, lv->vg->ctx, "Ignoring stripes, stripesize and mirrors arguments when reducing.");
	if (p->size.sign == VOL_SIZE_MINUS) {
		if (pl->amount >= cur) {
			log_err(lv->vg->ctx, "Unable to reduce %s below 1 extent.",
				lv_full_name(lv->vg, &lv->md, full, sizeof(full)));
			return -EINVAL;
		}
		pl->target = cur - pl->amount;
	} else {
		pl->target = pl->amount;
	}
	pl->stripes = 0;
	pl->ss = 0;
	for (uint32_t s = 0; s < lv->md.n_segs; s++) {
		const struct md_seg *seg = &lv->md.segs[s];

		pl->stripes = seg->type == MD_SEG_STRIPED ? seg->stripe_count : 1;
		pl->ss = seg->type == MD_SEG_STRIPED ? seg->stripe_size : 0;
		if (pl->target <= used + seg->extent_count) {
			*seg_size = pl->target - used;
			break;
		}
		used += seg->extent_count;
	}
	return 0;
}

/* Whole stripes: toward the old size, or down when a percent would not fit. */
static void round_to_stripes(const struct vol_lv *lv, struct plan *pl, uint64_t seg_size)
{
	uint64_t cur = md_lv_extents(&lv->md), es = lv->vg->md->extent_size;
	uint64_t unit = pl->stripes * (pl->ss > es ? pl->ss / es : 1), rest;

	if (pl->stripes < 2 || !(rest = seg_size % unit))
		return;
	if (pl->target < cur || !pl->percent ||
	    vol_vg_free_count(lv->vg) >= pl->target - cur - rest + unit) {
		SAY(pl, lv->vg->ctx, "Rounding size (%" PRIu64 " extents) up to stripe boundary size for "
		    "segment (%" PRIu64 " extents).", pl->target, pl->target - rest + unit);
		pl->target += unit - rest;
	} else {
		SAY(pl, lv->vg->ctx, "Rounding size (%" PRIu64 " extents) down to stripe boundary size "
		    "for segment (%" PRIu64 " extents)", pl->target, pl->target - rest);
		pl->target -= rest;
	}
}

/* The new size against the old one and the command's direction. */
static int check_target(const struct vol_lv *lv, const struct vol_resize_params *p,
			const struct plan *pl)
{
	uint64_t cur = md_lv_extents(&lv->md);
	struct vol_ctx *ctx = lv->vg->ctx;

	if (pl->target < cur && (p->flags & VOL_RESIZE_GROW)) {
		log_err(ctx, "New size given (%" PRIu64 " extents) not larger than existing size (%" PRIu64
			" extents)", pl->target, cur);
		return -EINVAL;
	}
	if (pl->target > cur && (p->flags & VOL_RESIZE_SHRINK)) {
		log_err(ctx, "New size given (%" PRIu64 " extents) not less than existing size (%" PRIu64
			" extents)", pl->target, cur);
		return -EINVAL;
	}
	if (pl->target == cur && !(p->flags & VOL_RESIZE_SAME_OK)) {
		log_err(ctx, "New size (%" PRIu64 " extents) matches existing size (%" PRIu64 " extents)",
			pl->target, cur);
		return -EINVAL;
	}
	return 0;
}

/* The new size, in lvm2's order of steps, messages and refusals. */
static int plan_resize(const struct vol_lv *lv, const struct vol_resize_params *p, struct plan *pl)
{
	uint64_t cur = md_lv_extents(&lv->md), seg_size = 0;
	int r;

	if ((r = lv_pv_list(lv->vg, p->pvs, p->n_pvs, pl->say, &pl->pvs)))
		return r;
	if (lv_raid_role(lv->vg->md, (uint32_t)lv->idx)) {
		log_err(lv->vg->ctx, "Cannot resize a RAID %s directly",
			lv_raid_role(lv->vg->md, (uint32_t)lv->idx) == 'i' ? "image" : "metadata area");
		return -EINVAL;
	}
	if (!snap_listed(lv->vg->md, (uint32_t)lv->idx)) {
		char full[2 * MD_NAME_LEN];

		log_err(lv->vg->ctx, "Can't resize internal logical volume %s.",
			lv_full_name(lv->vg, &lv->md, full, sizeof(full)));
		return -EINVAL;
	}

	if ((r = check_stripe_size(lv, p, pl)))
		return r;
	if ((r = size_amount(lv, p, pl)))
		return r;
	pl->reducing = p->size.sign == VOL_SIZE_MINUS ||
		       (p->size.sign == VOL_SIZE_ABSOLUTE && pl->amount < cur);
	if ((r = pl->reducing ? plan_shrink(lv, p, pl, &seg_size) : plan_grow(lv, p, pl, &seg_size)))
		return r;
	if (!pl->target) {
		log_err(lv->vg->ctx, "New size of 0 not permitted.");
		return -EINVAL;
	}
	if (pl->target == cur && !(p->flags & VOL_RESIZE_SAME_OK)) {
		log_err(lv->vg->ctx, "New size (%" PRIu64 " extents) matches existing size (%" PRIu64
			" extents).", pl->target, cur);
		return -EINVAL;
	}
	round_to_stripes(lv, pl, seg_size);
	if ((r = check_target(lv, p, pl)))
		return r;
	if (pl->target < cur && pl->pvs.given)
		SAY(pl, lv->vg->ctx, "Ignoring PVs on command line when reducing.");
	return 0;
}

VOL_EXPORT int vol_lv_resize_target(const struct vol_lv *lv, const struct vol_resize_params *p,
				    uint64_t *extents)
{
	struct plan pl = { .say = true };
	int r = lv->md.n_segs ? plan_resize(lv, p, &pl) : -EINVAL;

	lv_pvlist_free(&pl.pvs);
	*extents = pl.target;
	return r;
}

static int grow(struct vol_lv *lv, const struct vol_resize_params *p, const struct plan *pl)
{
	struct alloc_request req = {
		.policy = p->alloc, .extents = pl->target - md_lv_extents(&lv->md),
		.stripes = pl->stripes ? pl->stripes : 1, .stripe_size = pl->ss, .lv = lv->idx,
		.pvs = pl->pvs.given ? pl->pvs.v : NULL, .n_pvs = (uint32_t)pl->pvs.n,
		.approx = pl->approx,
	};

	return lv_allocate(lv->vg, (uint32_t)lv->idx, &req, pl->ss);
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

	lv_full_name(lv->vg, &lv->md, full, sizeof(full));
	if (from == to)	/* lvm2: a percent that found no room at all */
		log_info(lv->vg->ctx, "Size of logical volume %s unchanged from %s (%" PRIu64
			 " extents).", full, size_str(from * es, a), from);
	else
		log_info(lv->vg->ctx, "Size of logical volume %s changed from %s (%" PRIu64
			 " extents) to %s (%" PRIu64 " extents).", full, size_str(from * es, a), from,
			 size_str(to * es, b), to);
}

static int check_resizable(struct vol_lv *lv)
{
	int r = lv_editable(lv);

	if (r)
		return r;
	if (!lv->md.n_segs)
		return -EINVAL;
	return snap_cow_inactive(lv);
}

VOL_EXPORT int vol_lv_resize(struct vol_lv *lv, const struct vol_resize_params *p)
{
	struct plan pl = { .say = !(p->flags & VOL_RESIZE_PLANNED) };
	uint64_t cur = md_lv_extents(&lv->md), target;
	int r;

	if ((r = check_resizable(lv)) || (r = plan_resize(lv, p, &pl)))
		goto out;
	target = pl.target;
	if (raid_seg(lv->vg->md, lv->idx)) {
		r = raid_resize(lv, p, pl.pvs.given ? pl.pvs.v : NULL, pl.pvs.n, target, pl.approx);
		target = md_lv_extents(&lv->vg->md->lvs[lv->idx]);
	} else if (target > cur) {
		r = grow(lv, p, &pl);
		target = md_lv_extents(&lv->vg->md->lvs[lv->idx]);
	} else {
		r = shrink(lv, &target);
	}
	if (!r)
		say_changed(lv, cur, target);
	if (!r)
		r = vg_sync_handles(lv->vg);
out:
	lv_pvlist_free(&pl.pvs);
	return r;
}
