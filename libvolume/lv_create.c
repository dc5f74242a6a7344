/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Creating an LV in memory (lvcreate): its name, its size in extents with
 * lvm2's rounding and messages, its extents from the allocator, and the
 * PV-list helpers the other LV edits share.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "display.h"
#include "lvedit.h"
#include "pvinit.h"
#include "raid.h"

#define MAX_STRIPES 128
#define MAX_STRIPE_SIZE (512ull * 1024 * 1024 * 1024)	/* bytes */
#define PAGE_BYTES 4096u

const char *lv_full_name(const struct vol_vg *vg, const struct md_lv *lv, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", vg->md->name, lv->name);
	return buf;
}

uint64_t pct_of(uint64_t pct, uint64_t base, bool round_up)
{
	unsigned __int128 v = (unsigned __int128)pct * base;

	return (uint64_t)((v + (round_up ? 99 : 0)) / 100);
}

int lv_pv_list(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, struct alloc_pv **out)
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

uint64_t lv_pvs_base(const struct vol_vg *vg, const struct alloc_pv *pvs, size_t n)
{
	uint64_t sum = 0;

	if (!n)
		return vol_vg_extent_count(vg);
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t k = 0; k < i && !seen; k++)
			seen = pvs[k].pv == pvs[i].pv;
		if (!seen)
			sum += vg->md->pvs[pvs[i].pv].pe_count -
			       md_pv_used_extents(vg->md, pvs[i].pv);
	}
	return sum;
}

static void log_plan(struct vol_vg *vg, const struct alloc_result *res)
{
	for (uint32_t s = 0; s < res->n_segs; s++)
		for (uint32_t a = 0; a < res->segs[s].n_areas; a++) {
			const struct alloc_area *ar = &res->segs[s].areas[a];
			const struct vol_pv *pv = vol_vg_pv(vg, ar->pv);

			log_info(vg->ctx, "Plan: %s extents %" PRIu64 "-%" PRIu64, vol_pv_name(pv),
				 ar->start, ar->start + ar->count - 1);
		}
}

int lv_allocate(struct vol_vg *vg, uint32_t lv, const struct alloc_request *req,
		uint64_t stripe_size)
{
	struct alloc_result res;
	char msg[512];
	int r = alloc_extents(vg->md, req, &res);

	if (r) {
		const char *pvname = NULL;

		if (res.status == ALLOC_RANGE || res.status == ALLOC_RANGE_OVERLAP)
			pvname = vol_pv_name(vol_vg_pv(vg, res.pv));
		else if (res.status == ALLOC_RANGE_SYNTAX && req->pvs)
			pvname = req->pvs[res.entry].spec + res.at;
		alloc_message(&res, vg->md->name, vg->md->lvs[lv].name, pvname, msg, sizeof(msg));
		log_err(vg->ctx, "%s", msg);
		alloc_result_free(&res);
		return r;
	}
	if (vg->ctx->test_mode)
		log_plan(vg, &res);
	r = alloc_apply(vg->md, lv, &res, stripe_size);
	alloc_result_free(&res);
	return r;
}

/* The first "lvolN" above every lvolN in the VG (hidden LVs too), as lvm2 names. */
static void default_name(const struct md_vg *m, char *buf, size_t len)
{
	long high = -1;

	for (uint32_t i = 0; i < m->n_lvs; i++) {
		int n;

		if (sscanf(m->lvs[i].name, "lvol%d", &n) == 1 && n > high)
			high = n;
	}
	snprintf(buf, len, "lvol%ld", high + 1);
}

static int check_new_lv_name(struct vol_vg *vg, const char *name)
{
	struct vol_ctx *ctx = vg->ctx;
	const char *why;

	if (md_name_check(name, &why)) {
		log_err(ctx, "Logical volume name \"%s\" is invalid.", name);
		return -EINVAL;
	}
	if ((why = vol_lv_name_reserved(name))) {
		log_err(ctx, "Names %s \"%s\" are reserved. Please choose a different LV name.",
			why[0] == '_' ? "including" : "starting", why);
		return -EINVAL;
	}
	if (md_vg_find_lv(vg->md, name) >= 0) {
		log_err(ctx, "Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			vg->md->name);
		return -EEXIST;
	}
	if (strlen(vg->md->name) + strlen(name) + 3 >= MD_NAME_LEN) {
		log_err(ctx, "LV name \"%s/%s\" length %zu is not supported.", vg->md->name, name,
			strlen(vg->md->name) + strlen(name) + 3);
		return -EINVAL;
	}
	return 0;
}

VOL_EXPORT const char *vol_lv_name_reserved(const char *name)
{
	const char *part;

	return md_lv_name_reserved(name, &part) ? part : NULL;
}

VOL_EXPORT void vol_lv_params_init(struct vol_lv_params *p)
{
	memset(p, 0, sizeof(*p));
	p->size.unit = VOL_SIZE_EXTENTS;
}

/* Stripe count and size (sectors) of a new LV, checked as lvm2 checks them. */
static int stripe_params(struct vol_vg *vg, const struct vol_lv_params *p, uint32_t *stripes,
			 uint64_t *ss)
{
	uint64_t es = vg->md->extent_size * SECTOR, bytes = p->stripe_size;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	*stripes = p->stripes ? p->stripes : 1;
	*ss = 0;
	if (*stripes > MAX_STRIPES) {
		log_err(vg->ctx, "Number of stripes (%u) must be between 1 and %u.", *stripes, MAX_STRIPES);
		return -EINVAL;
	}
	if (*stripes == 1) {
		if (bytes)
			log_info(vg->ctx, "Ignoring stripesize argument with single stripe.");
		return 0;
	}
	if (!bytes) {
		bytes = 64 * KiB;
		log_info(vg->ctx, "Using default stripesize %s.", size_str(bytes, a));
	}
	if (bytes > MAX_STRIPE_SIZE) {
		log_err(vg->ctx, "Stripe size cannot be larger than %s.", size_str(MAX_STRIPE_SIZE, a));
		return -EINVAL;
	}
	if (bytes < PAGE_BYTES || (bytes & (bytes - 1))) {
		log_err(vg->ctx, "Invalid stripe size %s.", size_str(bytes, a));
		return -EINVAL;
	}
	if (bytes > es) {
		log_info(vg->ctx, "Reducing requested stripe size %s to maximum, physical extent size %s.",
			 size_str(bytes, a), size_str(es, b));
		bytes = es;
	}
	*ss = bytes / SECTOR;
	return 0;
}

/* The extents a size asks for, before stripe rounding; *approx for percents. */
static int create_extents(struct vol_vg *vg, const struct vol_lv_params *p,
			  const struct alloc_pv *pvs, size_t npv, uint64_t *out, bool *approx)
{
	uint64_t es = vg->md->extent_size * SECTOR, free = vol_vg_free_count(vg);
	uint64_t v = p->size.value, n = 0;
	char a[SIZE_STR_LEN];

	*approx = p->size.unit >= VOL_SIZE_PCT_VG;
	if (p->size.sign != VOL_SIZE_ABSOLUTE) {
		log_err(vg->ctx, "A new LV needs an absolute size.");
		return -EINVAL;
	}
	switch (p->size.unit) {
	case VOL_SIZE_BYTES:
		n = v / es + (v % es != 0);
		if (n > UINT64_MAX / es)
			return -EOVERFLOW;
		if (v % es)
			log_info(vg->ctx, "Rounding up size to full physical extent %s", size_str(n * es, a));
		break;
	case VOL_SIZE_EXTENTS:
		n = v;
		break;
	case VOL_SIZE_PCT_VG:
		n = pct_of(v, vol_vg_extent_count(vg), false);
		if (n > free) {
			log_info(vg->ctx, "Reducing %" PRIu64 "%%VG to remaining free space %s in VG.", v,
				 size_str(free * es, a));
			n = free;
		}
		break;
	case VOL_SIZE_PCT_FREE:
		n = pct_of(v, free, false);
		break;
	case VOL_SIZE_PCT_PVS:
		n = pct_of(v, lv_pvs_base(vg, pvs, npv), false);
		break;
	default:
		log_err(vg->ctx, "Please express size as %%FREE, %%PVS or %%VG.");
		return -EINVAL;
	}
	if (!n) {
		log_err(vg->ctx, *approx ? "Calculated size of logical volume is 0 extents. Needs to be larger."
				       : "The size of a logical volume may not be zero.");
		return -EINVAL;
	}
	*out = n;
	return 0;
}

/* Rounds @n to whole stripes as lvcreate does: up, or down for a percent that would not fit. */
static int round_stripes(struct vol_vg *vg, uint32_t stripes, bool approx, uint64_t *n)
{
	uint64_t es = vg->md->extent_size * SECTOR, up;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	if (stripes < 2 || !(*n % stripes))
		return 0;
	if (alloc_round_to_stripes(*n, stripes, &up))
		return -EOVERFLOW;
	if (approx && up > vol_vg_free_count(vg)) {
		log_info(vg->ctx, "Rounding size (%" PRIu64 " extents) down to stripe boundary size (%"
			 PRIu64 " extents)", *n, *n - *n % stripes);
		*n -= *n % stripes;
		return *n ? 0 : -ENOSPC;
	}
	log_info(vg->ctx, "Rounding size %s (%" PRIu64 " extents) up to stripe boundary size %s (%"
		 PRIu64 " extents).", size_str(*n * es, a), *n, size_str(up * es, b), up);
	*n = up;
	return 0;
}

struct md_lv *lv_new_md(struct vol_vg *vg, const struct vol_lv_params *p, const char *name)
{
	struct md_arena *a = vg->arena;
	struct md_lv *lv = md_vg_add_lv(vg->md);

	if (!lv || !(lv->name = md_arena_strdup(a, name)) ||
	    !(lv->creation_host = md_arena_strdup(a, vg->ctx->host)))
		return NULL;
	gen_uuid(lv->id);
	lv->status.known = MD_LV_READ | MD_LV_VISIBLE | (p->read_only ? 0 : MD_LV_WRITE);
	if (p->activation_skip)
		lv->flags.known |= MD_LVF_ACTIVATION_SKIP;
	lv->creation_time = (uint64_t)time(NULL);
	if (p->alloc != VOL_ALLOC_INHERIT &&
	    !(lv->alloc_policy = md_arena_strdup(a, vol_alloc_name(p->alloc))))
		return NULL;
	for (size_t i = 0; i < p->n_tags; i++)
		if (md_strv_add(a, &lv->tags, p->tags[i]))
			return NULL;
	return lv;
}

static int check_create(struct vol_vg *vg, const struct vol_lv_params *p, const char *name)
{
	const char *why;
	int r;

	if ((r = need_write(vg)) || (r = check_new_lv_name(vg, name)))
		return r;
	if (vg->md->max_lv && vol_vg_lv_count(vg) >= vg->md->max_lv) {
		log_err(vg->ctx, "Maximum number of logical volumes (%" PRIu32 ") reached in volume group %s",
			vg->md->max_lv, vg->md->name);
		return -EINVAL;
	}
	for (size_t i = 0; i < p->n_tags; i++)
		if (md_tag_check(p->tags[i], &why)) {
			log_err(vg->ctx, "Invalid tag \"%s\": %s.", p->tags[i], why);
			return -EINVAL;
		}
	return 0;
}

VOL_EXPORT int vol_vg_create_lv(struct vol_vg *vg, const struct vol_lv_params *p,
				struct vol_lv **out)
{
	struct alloc_request req = { 0 };
	struct alloc_pv *pvs = NULL;
	char name[MD_NAME_LEN];
	struct vol_lv *lv;
	uint64_t ss = 0;
	bool approx;
	int32_t idx;
	int r;

	if (out)
		*out = NULL;
	if (p->name)
		snprintf(name, sizeof(name), "%s", p->name);
	else
		default_name(vg->md, name, sizeof(name));
	if ((r = check_create(vg, p, name)) ||
	    (!p->mirrors && (r = stripe_params(vg, p, &req.stripes, &ss))) ||
	    (r = lv_pv_list(vg, p->pvs, p->n_pvs, &pvs)) ||
	    (r = create_extents(vg, p, pvs, p->n_pvs, &req.extents, &approx)) ||
	    (!p->mirrors && (r = round_stripes(vg, req.stripes, approx, &req.extents))))
		goto out;
	if (p->mirrors) {
		if (approx)
			req.extents = raid_pct_extents(req.extents, p->mirrors + 1);
		if ((r = raid_create(vg, p, name, pvs, req.extents, approx)) ||
		    (r = vg_sync_handles(vg)))
			goto out;
		if ((lv = vol_vg_lv_by_name(vg, name)))
			lv->first_nosync = p->nosync;
		if (out)
			*out = lv;
		goto out;
	}
	req.policy = p->alloc;
	req.lv = -1;
	req.pvs = pvs;
	req.n_pvs = (uint32_t)p->n_pvs;
	req.approx = approx;
	r = -ENOMEM;
	if (!lv_new_md(vg, p, name))
		goto undo;
	idx = (int32_t)vg->md->n_lvs - 1;
	if ((r = lv_allocate(vg, (uint32_t)idx, &req, ss)))
		goto undo;
	if ((r = vg_sync_handles(vg)))
		goto out;
	if (out)
		*out = vol_vg_lv_by_name(vg, name);
	goto out;
undo:
	if (vg->md->n_lvs && !strcmp(vg->md->lvs[vg->md->n_lvs - 1].name, name))
		vg->md->n_lvs--;
out:
	free(pvs);
	return r;
}
