/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * raid1 LVs in the model: creation as lvm2 2.03.16 lays it out, the
 * helpers the other raid files share, and the zeroing of new rmeta
 * sub-LVs.  What lvm2 does, and where it is read from:
 *
 * - Region size (lvcreate.c, mirror.c adjusted_mirror_region_size,
 *   raid_manip.c raid_ensure_min_region_size): the asked size or 2 MiB;
 *   larger than the LV, it drops to the largest power of 2 within it
 *   ("Using reduced mirror region size of ..."); then it doubles while the
 *   LV would have more than 2^21 regions.
 * - rmeta size (raid_manip.c _raid_rmeta_extents): 8 KiB of superblocks
 *   plus one bit per region, in whole extents.
 * - Layout (lv_manip.c lv_extend, _lv_insert_empty_sublvs): one allocation
 *   of parallel legs on distinct PVs, each leg's rmeta cut from the front
 *   of its first area (alloc.c); the sub-LVs are made in the order
 *   rimage_0, rmeta_0, rimage_1, ..., hidden, READ and WRITE, with the
 *   raid LV's allocation policy; --nosync sets NOTSYNCED on the raid LV.
 * - rmeta zeroing (raid_manip.c _clear_lvs): lvm2 commits the new LV with
 *   ACTIVATION_SKIP, activates each rmeta alone, zeroes its first 4 KiB
 *   and commits again.  We write the same 4 KiB through the PV before the
 *   one commit that adds the sub-LV, which needs no device-mapper and
 *   leaves nothing behind if the commit never happens (the extents are
 *   free until then).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "display.h"
#include "io.h"
#include "lvedit.h"
#include "pvinit.h"
#include "raid.h"

/* ---------------------------------------------------------------- model helpers */

struct md_seg *raid_seg(const struct md_vg *m, int32_t lv)
{
	const struct md_lv *l;

	if (lv < 0 || (uint32_t)lv >= m->n_lvs)
		return NULL;
	l = &m->lvs[lv];
	return l->n_segs == 1 && l->segs[0].type == MD_SEG_RAID1 ? &l->segs[0] : NULL;
}

static bool named(const struct md_vg *m, const char *lv, const char *kind, uint32_t n)
{
	char name[2 * MD_NAME_LEN];

	snprintf(name, sizeof(name), "%s_%s_%" PRIu32, lv, kind, n);
	return md_vg_find_lv(m, name) >= 0;
}

uint32_t raid_free_index(const struct md_vg *m, const char *lv, uint32_t from)
{
	uint32_t n = from;

	while (named(m, lv, "rimage", n) || named(m, lv, "rmeta", n))
		n++;
	return n;
}

int32_t raid_new_sub(struct vol_vg *vg, uint32_t top, const char *kind, uint32_t n,
		     bool top_policy)
{
	struct md_arena *a = vg->arena;
	char name[2 * MD_NAME_LEN];
	const char *host, *alloc;
	uint64_t when;
	struct md_lv *lv;

	snprintf(name, sizeof(name), "%s_%s_%" PRIu32, vg->md->lvs[top].name, kind, n);
	host = vg->md->lvs[top].creation_host;
	alloc = top_policy ? vg->md->lvs[top].alloc_policy : NULL;
	when = (uint64_t)time(NULL);
	if (!(lv = md_vg_add_lv(vg->md)) || !(lv->name = md_arena_strdup(a, name)) ||
	    !(lv->creation_host = md_arena_strdup(a, host ? host : vg->ctx->host)) ||
	    (alloc && !(lv->alloc_policy = md_arena_strdup(a, alloc))))
		return -ENOMEM;
	gen_uuid(lv->id);
	lv->status.known = MD_LV_READ | MD_LV_WRITE;
	lv->creation_time = when;
	return (int32_t)(vg->md->n_lvs - 1);
}

bool raid_lv_on(const struct md_vg *m, int32_t lv, const bool *pvs)
{
	if (lv < 0)
		return false;
	for (uint32_t s = 0; s < m->lvs[lv].n_segs; s++) {
		struct md_pv_area_iter it;
		struct md_pv_area a;

		md_seg_for_each_pv_area(&m->lvs[lv].segs[s], &it, &a)
			if (pvs[a.pv])
				return true;
	}
	return false;
}

/* ---------------------------------------------------------------- sizes */

static uint64_t page_sectors(void)
{
	long p = sysconf(_SC_PAGESIZE);

	return p > 0 ? (uint64_t)p / SECTOR : 8;
}

static int check_region(struct vol_vg *vg, uint64_t bytes)
{
	uint64_t s = bytes / SECTOR;

	if (bytes % SECTOR || s % page_sectors()) {
		log_err(vg->ctx, "Region size must be a multiple of machine memory page size (%"
			PRIu64 " bytes).", page_sectors() * SECTOR);
		return -EINVAL;
	}
	if (s > UINT32_MAX) {
		log_err(vg->ctx, "Region size is too big (max %u).", UINT32_MAX);
		return -EINVAL;
	}
	if (s & (s - 1)) {
		log_err(vg->ctx, "Region size must be a power of 2.");
		return -EINVAL;
	}
	return 0;
}

VOL_EXPORT void vol_ctx_set_raid_region_size(struct vol_ctx *ctx, uint64_t bytes)
{
	uint64_t rs = bytes / SECTOR;
	long page = sysconf(_SC_PAGESIZE);
	uint64_t page_sectors = page > 0 ? (uint64_t)page / SECTOR : 8;

	if (rs)
		rs = 1ull << (63 - __builtin_clzll(rs));	/* a power of 2, rounded down */
	ctx->raid_region = rs && !(rs % page_sectors) ? rs : 0;
}

uint64_t raid_default_region(const struct vol_ctx *ctx)
{
	return ctx->raid_region ? ctx->raid_region : RAID_DEFAULT_REGION;
}

int raid_region_size(struct vol_vg *vg, uint64_t extents, uint64_t want_bytes, uint64_t *out)
{
	uint64_t es = vg->md->extent_size, rs = want_bytes / SECTOR, max = extents * es, min;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];
	int r;

	if (want_bytes && (r = check_region(vg, want_bytes)))
		return r;
	if (!rs)
		rs = raid_default_region(vg->ctx);
	if (max < UINT32_MAX && rs > max) {
		rs = 1ull << (63 - __builtin_clzll(max));
		log_info(vg->ctx, "Using reduced mirror region size of %s", size_str(rs * SECTOR, a));
	}
	min = (uint32_t)(max / RAID_MAX_REGIONS);	/* lvm2 keeps it in 32 bits */
	if (rs < min) {
		uint64_t from = rs;

		while (rs < min)
			rs *= 2;
		log_verbose(vg->ctx, "Adjusting region_size from %s to %s.", size_str(from * SECTOR, a),
			    size_str(rs * SECTOR, b));
	}
	*out = rs;
	return 0;
}

uint64_t raid_meta_extents(uint64_t extents, uint64_t region_size, uint64_t extent_size)
{
	uint64_t regions = extents * extent_size / (region_size ? region_size : RAID_DEFAULT_REGION);
	uint64_t bytes = 2 * 4096 + (regions + 7) / 8;
	uint64_t sectors = (bytes + SECTOR - 1) / SECTOR;

	return (sectors + extent_size - 1) / extent_size;
}

int raid_pv_specs(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n,
		  struct alloc_pv **out)
{
	struct alloc_pv *v;

	*out = NULL;
	if (!n)
		return 0;
	if (!(v = calloc(n, sizeof(*v))))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct vol_pv *pv = vol_vg_pv_by_name(vg, specs[i].pv);

		if (!pv) {
			log_err(vg->ctx, "Physical Volume \"%s\" not found in Volume Group \"%s\".",
				specs[i].pv, vg->md->name);
			free(v);
			return -ENOENT;
		}
		v[i].pv = (uint32_t)pv->idx;
		v[i].spec = specs[i].ranges;
	}
	*out = v;
	return 0;
}

uint64_t raid_pct_extents(uint64_t extents, uint32_t legs)
{
	return legs && extents / legs ? extents / legs : 1;
}

/* ---------------------------------------------------------------- create */

static int create_checks(struct vol_vg *vg, const struct vol_lv_params *p)
{
	struct vol_ctx *ctx = vg->ctx;

	if (p->mirrors + 1 > VOL_RAID_MAX_LEGS || p->mirrors + 1 < 2) {
		log_err(ctx, "Only up to %u mirrors in raid1 supported currently.", VOL_RAID_MAX_LEGS);
		return -EINVAL;
	}
	if (p->stripes > 1) {
		log_err(ctx, "Stripes argument cannot be used with segment type, raid1");
		return -EINVAL;
	}
	if (p->stripe_size) {
		log_err(ctx, "Stripe size argument cannot be used with segment type, raid1");
		return -EINVAL;
	}
	if (p->min_recovery_rate > p->max_recovery_rate) {
		log_err(ctx, "Minimum recovery rate cannot be higher than maximum.");
		return -EINVAL;
	}
	if (vg->md->extent_size < page_sectors()) {
		char a[SIZE_STR_LEN];

		log_err(ctx, "Unable to create RAID LV: requires minimum VG extent size %s",
			size_str(page_sectors() * SECTOR, a));
		return -EINVAL;
	}
	return 0;
}

/* The raid1 segment of the new LV @top over its legs @first..: 2*legs sub-LVs. */
static int add_raid_seg(struct vol_vg *vg, uint32_t top, const struct vol_lv_params *p,
			uint64_t extents, uint64_t region, const int32_t *subs)
{
	struct md_lv *lv = &vg->md->lvs[top];
	uint32_t legs = p->mirrors + 1;
	struct md_seg *seg = md_arena_alloc(vg->arena, sizeof(*seg));
	struct md_raid_pair *pairs = md_arena_alloc(vg->arena, legs * sizeof(*pairs));

	if (!seg || !pairs)
		return -ENOMEM;
	memset(seg, 0, sizeof(*seg));
	seg->pairs = pairs;
	seg->extent_count = extents;
	seg->type = MD_SEG_RAID1;
	seg->type_name = "raid1";
	seg->device_count = legs;
	seg->region_size = region;
	seg->min_recovery_rate = p->min_recovery_rate;
	seg->max_recovery_rate = p->max_recovery_rate;
	for (uint32_t k = 0; k < legs; k++) {
		seg->pairs[k].image = subs[2 * k];
		seg->pairs[k].meta = subs[2 * k + 1];
	}
	lv->segs = seg;
	lv->n_segs = 1;
	if (p->nosync)
		lv->status.known |= MD_LV_NOTSYNCED;
	return 0;
}

/* rimage_N and rmeta_N for each leg, with their extents from @res. */
static int add_legs(struct vol_vg *vg, uint32_t top, uint32_t legs, const struct alloc_result *res,
		    int32_t *subs)
{
	for (uint32_t k = 0; k < legs; k++) {
		int32_t img = raid_new_sub(vg, top, "rimage", k, true), meta;
		int r;

		if (img < 0)
			return (int)img;
		if ((r = alloc_apply_leg(vg->md, (uint32_t)img, res, k, false)))
			return r;
		if ((meta = raid_new_sub(vg, top, "rmeta", k, true)) < 0)
			return (int)meta;
		if ((r = alloc_apply_leg(vg->md, (uint32_t)meta, res, k, true)))
			return r;
		subs[2 * k] = img;
		subs[2 * k + 1] = meta;
	}
	return 0;
}

static int allocate(struct vol_vg *vg, const struct vol_lv_params *p, const char *name,
		    const struct alloc_pv *pvs, const struct alloc_request *req,
		    struct alloc_result *res)
{
	char msg[512];
	int r = alloc_extents(vg->md, req, res);

	if (r) {
		const char *pvname = NULL;

		if (res->status == ALLOC_RANGE || res->status == ALLOC_RANGE_OVERLAP)
			pvname = vol_pv_name(vol_vg_pv(vg, res->pv));
		else if (res->status == ALLOC_RANGE_SYNTAX && pvs)
			pvname = pvs[res->entry].spec + res->at;
		alloc_message(res, vg->md->name, name, pvname, msg, sizeof(msg));
		log_err(vg->ctx, "%s", msg);
	}
	(void)p;
	return r;
}

int raid_create(struct vol_vg *vg, const struct vol_lv_params *p, const char *name,
		const struct alloc_pv *pvs, uint64_t extents, bool approx)
{
	struct alloc_request req = { 0 };
	struct alloc_result res;
	uint32_t legs = p->mirrors + 1, n0 = vg->md->n_lvs;
	int32_t subs[2 * VOL_RAID_MAX_LEGS];
	uint64_t region;
	int r;

	if ((r = create_checks(vg, p)) || (r = raid_region_size(vg, extents, p->region_size, &region)))
		return r;
	if (p->nosync)
		log_warn(vg->ctx, "New raid1 won't be synchronised. Don't read what you didn't write!");
	req.policy = p->alloc;
	req.extents = extents;
	req.stripes = 1;
	req.mirrors = legs;
	req.meta_extents = raid_meta_extents(extents, region, vg->md->extent_size);
	req.lv = -1;
	req.pvs = pvs;
	req.n_pvs = (uint32_t)p->n_pvs;
	req.approx = approx;
	if ((r = allocate(vg, p, name, pvs, &req, &res)))
		goto out;
	r = -ENOMEM;
	if (!lv_new_md(vg, p, name))
		goto out;
	if ((r = add_legs(vg, n0, legs, &res, subs)) ||
	    (r = add_raid_seg(vg, n0, p, res.extents, region, subs)))
		goto out;
	r = 0;
out:
	alloc_result_free(&res);
	if (r)
		vg->md->n_lvs = n0;
	return r;
}

/* ---------------------------------------------------------------- rmeta zeroing */

static bool in_old(const struct md_vg *old, const char *id)
{
	for (uint32_t i = 0; old && i < old->n_lvs; i++)
		if (!strcmp(old->lvs[i].id, id))
			return true;
	return false;
}

int raid_meta_place(const struct vol_vg *vg, int32_t meta, int32_t *pv, uint64_t *off,
		    uint64_t *bytes)
{
	const struct md_lv *lv = &vg->md->lvs[meta];
	const struct md_seg *s = lv->n_segs ? &lv->segs[0] : NULL;
	uint64_t es = vg->md->extent_size * SECTOR;

	if (!s || s->type != MD_SEG_STRIPED || s->stripe_count != 1 || s->areas[0].pv < 0)
		return -EINVAL;
	*pv = s->areas[0].pv;
	*off = vg->md->pvs[*pv].pe_start * SECTOR + s->areas[0].start * es;
	*bytes = s->extent_count * es;
	return vg->slots[*pv].present ? 0 : -ENODEV;
}

/* The first 4 KiB of rmeta LV @meta, through its PV. */
static int zero_one(struct vol_vg *vg, int32_t meta)
{
	const struct md_lv *lv = &vg->md->lvs[meta];
	uint64_t off, bytes;
	const struct pvslot *slot;
	struct iodev io;
	int32_t pv;
	int r;

	r = raid_meta_place(vg, meta, &pv, &off, &bytes);
	if (r == -ENODEV)
		log_err(vg->ctx, "Cannot zero %s/%s: its PV is missing.", vg->md->name, lv->name);
	if (r)
		return r;
	slot = &vg->slots[pv];
	if (vg->ctx->test_mode) {
		log_info(vg->ctx, "Test mode: would zero 4.00 KiB of %s/%s at %s offset %" PRIu64 ".",
			 vg->md->name, lv->name, slot->d.path, off);
		return 0;
	}
	if ((r = io_open(&io, slot->d.path, O_RDWR)))
		return r;
	log_verbose(vg->ctx, "Initializing 4.00 KiB of logical volume %s/%s with value 0.",
		    vg->md->name, lv->name);
	r = io_zero(&io, off, RAID_META_ZERO < bytes ? RAID_META_ZERO : bytes);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	if (r)
		log_err(vg->ctx, "Failed to zero %s/%s: %s.", vg->md->name, lv->name, strerror(-r));
	return r;
}

int raid_zero_meta(struct vol_vg *vg, int32_t only)
{
	const struct md_vg *m = vg->md;
	int r = 0;

	for (uint32_t l = 0; l < m->n_lvs && !r; l++) {
		const struct md_seg *seg = raid_seg(m, (int32_t)l);

		if (!seg || (only >= 0 && (int32_t)l != only))
			continue;
		for (uint32_t k = 0; k < seg->device_count && !r; k++) {
			int32_t meta = seg->pairs[k].meta;

			if (meta >= 0 && (only >= 0 || !in_old(vg->old, m->lvs[meta].id)))
				r = zero_one(vg, meta);
		}
	}
	return r;
}

/* ---------------------------------------------------------------- resize */

/* Cuts LV @l down to @target extents (segments from the end). */
static void cut_lv(struct md_lv *l, uint64_t target)
{
	while (l->n_segs && l->segs[l->n_segs - 1].start_extent >= target)
		l->n_segs--;
	if (l->n_segs)
		l->segs[l->n_segs - 1].extent_count = target - l->segs[l->n_segs - 1].start_extent;
}

static int raid_shrink(struct vol_lv *lv, struct md_seg *seg, uint64_t target)
{
	struct md_vg *m = lv->vg->md;
	uint64_t es = m->extent_size;

	for (uint32_t k = 0; k < seg->device_count; k++) {
		struct md_lv *img = &m->lvs[seg->pairs[k].image];
		uint64_t cur = md_lv_extents(img);

		if (seg->pairs[k].meta >= 0) {
			struct md_lv *meta = &m->lvs[seg->pairs[k].meta];
			uint64_t now = raid_meta_extents(cur, seg->region_size, es);
			uint64_t then = raid_meta_extents(target, seg->region_size, es);

			if (then < now && now - then < md_lv_extents(meta))
				cut_lv(meta, md_lv_extents(meta) - (now - then));
		}
		cut_lv(img, target);
	}
	seg->extent_count = target;
	return 0;
}

static int raid_grow(struct vol_lv *lv, struct md_seg *seg, const struct vol_resize_params *p,
		     const struct alloc_pv *pvs, size_t n_pvs, uint64_t add, bool approx)
{
	struct vol_vg *vg = lv->vg;
	struct alloc_request req = { 0 };
	struct alloc_result res;
	uint64_t region;
	int r;

	if (p->stripes > 1 || p->stripe_size) {
		log_err(vg->ctx, "Stripes argument cannot be used with segment type, raid1");
		return -EINVAL;
	}
	log_info(vg->ctx, "Extending %" PRIu32 " mirror images.", seg->device_count);
	region = seg->region_size;
	while ((uint64_t)(uint32_t)((seg->extent_count + add) * vg->md->extent_size / RAID_MAX_REGIONS) >
	       region)
		region *= 2;
	req.policy = p->alloc;
	req.extents = add;
	req.mirrors = seg->device_count;
	req.lv = lv->idx;
	req.pvs = pvs;
	req.n_pvs = (uint32_t)n_pvs;
	req.approx = approx;
	if ((r = allocate(vg, NULL, lv->md.name, pvs, &req, &res)))
		goto out;
	for (uint32_t k = 0; k < seg->device_count && !r; k++)
		r = alloc_apply_leg(vg->md, (uint32_t)seg->pairs[k].image, &res, k, false);
	if (!r) {
		seg->extent_count += res.extents;
		seg->region_size = region;
	}
out:
	alloc_result_free(&res);
	return r;
}

int raid_resize(struct vol_lv *lv, const struct vol_resize_params *p, const struct alloc_pv *pvs,
		size_t n_pvs, uint64_t target, bool approx)
{
	struct md_seg *seg = raid_seg(lv->vg->md, lv->idx);
	uint64_t cur;

	if (!seg)
		return -EINVAL;
	for (uint32_t k = 0; k < seg->device_count; k++)
		if (seg->pairs[k].image < 0) {
			log_err(lv->vg->ctx, "Cannot resize %s/%s: leg %" PRIu32 " has no image.",
				lv->vg->md->name, lv->md.name, k);
			return -EINVAL;
		}
	cur = seg->extent_count;
	return target > cur ? raid_grow(lv, seg, p, pvs, n_pvs, target - cur, approx)
			    : raid_shrink(lv, seg, target);
}
