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
#define MAX_LV_EXTENTS 4294967295ull	/* lvm2 counts extents in 32 bits */

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

/* What lvcreate decides before it allocates. */
struct plan {
	char name[MD_NAME_LEN];
	uint32_t stripes;
	uint64_t stripe_bytes;	/* as asked (0 for linear), before the cut to the extent size */
	uint64_t extents;
	bool approx;		/* a percent: take what fits */
	struct lv_pvlist pvs;
};

/* Stripe count and size of a new LV, checked as lvm2 checks them. */
static int stripe_params(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl)
{
	uint64_t bytes = p->stripe_size;
	char a[SIZE_STR_LEN];

	pl->stripes = p->stripes ? p->stripes : 1;
	pl->stripe_bytes = 0;
	if (pl->stripes > MAX_STRIPES) {
		log_err(vg->ctx, "Number of stripes (%u) must be between 1 and %u.", pl->stripes,
			MAX_STRIPES);
		return -EINVAL;
	}
	if (pl->stripes == 1) {
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
	pl->stripe_bytes = bytes;
	return 0;
}

/* -L: bytes to extents, rounded up (before the PV list, as lvm2). */
static int size_extents(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl)
{
	uint64_t es = vg->md->extent_size * SECTOR, v = p->size.value, n;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN], c[SIZE_STR_LEN];

	if (p->size.sign != VOL_SIZE_ABSOLUTE) {
		log_err(vg->ctx, "A new LV needs an absolute size.");
		return -EINVAL;
	}
	if (p->size.unit != VOL_SIZE_BYTES)
		return 0;
	n = v / es + (v % es != 0);
	if (v % es)
		log_info(vg->ctx, "Rounding up size to full physical extent %s", size_str(n * es, a));
	if (n > MAX_LV_EXTENTS) {
		log_err(vg->ctx, "Volume too large (%s) for extent size %s. Upper limit is less than %s.",
			size_str(n * es, a), size_str(es, b), size_str(MAX_LV_EXTENTS * es, c));
		return -EINVAL;
	}
	pl->extents = n;
	return 0;
}

/* -l: extents, or a percent of the VG, its free space or the listed PVs (rounded down). */
static int pct_extents(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl)
{
	uint64_t es = vg->md->extent_size * SECTOR, free = vol_vg_free_count(vg);
	uint64_t v = p->size.value, n = 0;
	char a[SIZE_STR_LEN];

	pl->approx = p->size.unit >= VOL_SIZE_PCT_VG;
	switch (p->size.unit) {
	case VOL_SIZE_BYTES:
		return 0;
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
		n = pct_of(v, lv_pvs_base(vg, &pl->pvs), false);
		break;
	case VOL_SIZE_PCT_ORIGIN:	/* lvm2 prefixes it with "Internal error: " */
		log_err(vg->ctx, "Couldn't find origin volume.");
		return -EINVAL;
	default:
		log_err(vg->ctx, "Please express size as %%FREE, %%PVS or %%VG.");
		return -EINVAL;
	}
	if (!n) {
		log_err(vg->ctx, pl->approx ? "Calculated size of logical volume is 0 extents. Needs to be larger."
					    : "The size of a logical volume may not be zero.");
		return -EINVAL;
	}
	pl->extents = n;
	return 0;
}

/*
 * A percent that would not fit once rounded up to whole stripes (of the
 * stripe size as asked, when larger than an extent) is rounded down.
 */
static void round_pct_down(struct vol_vg *vg, struct plan *pl)
{
	uint64_t es = vg->md->extent_size * SECTOR;
	uint64_t unit = pl->stripes * (pl->stripe_bytes / es ? pl->stripe_bytes / es : 1);
	uint64_t rest = pl->extents % unit;

	if (!pl->approx || !rest || vol_vg_free_count(vg) >= pl->extents - rest + unit)
		return;
	log_info(vg->ctx, "Rounding size (%" PRIu64 " extents) down to stripe boundary size (%" PRIu64
		 " extents)", pl->extents, pl->extents - rest);
	pl->extents -= rest;
}

static int check_adjusted(struct vol_vg *vg, const struct plan *pl)
{
	if (pl->approx && !pl->extents) {
		log_err(vg->ctx, "Adjusted size of logical volume is 0 extents. Needs to be larger.");
		return -EINVAL;
	}
	return 0;
}

/* The stripe size cut to the extent size, in sectors. */
static uint64_t stripe_sectors(struct vol_vg *vg, const struct plan *pl)
{
	uint64_t es = vg->md->extent_size * SECTOR;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	if (pl->stripe_bytes <= es)
		return pl->stripe_bytes / SECTOR;
	log_info(vg->ctx, "Reducing requested stripe size %s to maximum, physical extent size %s.",
		 size_str(pl->stripe_bytes, a), size_str(es, b));
	return es / SECTOR;
}

/* Up to whole stripes, as lvcreate rounds. */
static int round_stripes(struct vol_vg *vg, struct plan *pl)
{
	uint64_t es = vg->md->extent_size * SECTOR, up;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	if (pl->stripes < 2 || !(pl->extents % pl->stripes))
		return 0;
	if (alloc_round_to_stripes(pl->extents, pl->stripes, &up))
		return -EOVERFLOW;
	log_info(vg->ctx, "Rounding size %s (%" PRIu64 " extents) up to stripe boundary size %s (%"
		 PRIu64 " extents).", size_str(pl->extents * es, a), pl->extents, size_str(up * es, b),
		 up);
	pl->extents = up;
	if (!pl->extents) {
		log_err(vg->ctx, "Unable to create new logical volume with no extents.");
		return -EINVAL;
	}
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

/* What lvm2 checks on its command line: the name, the tags, the layout. */
static int check_params(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl)
{
	const char *why;
	int r;

	if ((r = need_write(vg)) || (r = check_new_lv_name(vg, pl->name)))
		return r;
	for (size_t i = 0; i < p->n_tags; i++)
		if (md_tag_check(p->tags[i], &why)) {
			log_err(vg->ctx, "Invalid tag \"%s\": %s.", p->tags[i], why);
			return -EINVAL;
		}
	return p->mirrors ? 0 : stripe_params(vg, p, pl);	/* raid1: lv_raid.c */
}

/* What lvm2 checks once the size is known: the name is free, the VG not full of LVs. */
static int check_room(struct vol_vg *vg, const char *name)
{
	if (md_vg_find_lv(vg->md, name) >= 0) {
		log_err(vg->ctx, "Logical Volume \"%s\" already exists in volume group \"%s\"", name,
			vg->md->name);
		return -EEXIST;
	}
	if (vg->md->max_lv && vol_vg_lv_count(vg) >= vg->md->max_lv) {
		log_err(vg->ctx, "Maximum number of logical volumes (%" PRIu32 ") reached in volume group %s",
			vg->md->max_lv, vg->md->name);
		return -EINVAL;
	}
	return 0;
}

/* The LV's place in the model and its extents; undone on failure. */
static int make_lv(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl, uint64_t ss)
{
	struct alloc_request req = {
		.policy = p->alloc, .extents = pl->extents, .stripes = pl->stripes, .lv = -1,
		.pvs = pl->pvs.given ? pl->pvs.v : NULL, .n_pvs = (uint32_t)pl->pvs.n,
		.approx = pl->approx,
	};
	int r = -ENOMEM;

	if (lv_new_md(vg, p, pl->name) &&
	    !(r = lv_allocate(vg, vg->md->n_lvs - 1, &req, ss)))
		return 0;
	if (vg->md->n_lvs && !strcmp(vg->md->lvs[vg->md->n_lvs - 1].name, pl->name))
		vg->md->n_lvs--;
	return r;
}

/* A linear or striped LV of the planned size. */
static int create_striped(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl,
			  struct vol_lv **out)
{
	uint64_t ss = stripe_sectors(vg, pl);
	int r;

	if (!(r = round_stripes(vg, pl)) && !(r = make_lv(vg, p, pl, ss)) &&
	    !(r = vg_sync_handles(vg)) && out)
		*out = vol_vg_lv_by_name(vg, pl->name);
	return r;
}

/* A raid1 LV (-m N): its legs placed by lv_raid.c, each of the planned size
 * (a percent is divided among the legs, as lvcreate does). */
static int create_raid(struct vol_vg *vg, const struct vol_lv_params *p, struct plan *pl,
		       struct vol_lv **out)
{
	uint64_t extents = pl->extents;
	struct alloc_pv *pvs = NULL;
	struct vol_lv *lv;
	int r;

	if ((r = check_adjusted(vg, pl)) || (r = check_room(vg, pl->name)) ||
	    (r = raid_pv_specs(vg, p->pvs, p->n_pvs, &pvs)))
		return r;
	if (pl->approx)
		extents = raid_pct_extents(extents, p->mirrors + 1);
	if (!(r = raid_create(vg, p, pl->name, pvs, extents, pl->approx)) &&
	    !(r = vg_sync_handles(vg))) {
		if ((lv = vol_vg_lv_by_name(vg, pl->name)))
			lv->first_nosync = p->nosync;
		if (out)
			*out = lv;
	}
	free(pvs);
	return r;
}

/* The steps in lvm2's order, so that the same bad request gets the same first message. */
VOL_EXPORT int vol_vg_create_lv(struct vol_vg *vg, const struct vol_lv_params *p,
				struct vol_lv **out)
{
	struct plan pl = { 0 };
	int r;

	if (out)
		*out = NULL;
	if (p->name)
		snprintf(pl.name, sizeof(pl.name), "%s", p->name);
	else
		default_name(vg->md, pl.name, sizeof(pl.name));
	if (!(r = check_params(vg, p, &pl)) && !(r = size_extents(vg, p, &pl)) &&
	    !(r = lv_pv_list(vg, p->pvs, p->n_pvs, true, &pl.pvs)) && !(r = pct_extents(vg, p, &pl))) {
		if (p->mirrors) {
			r = create_raid(vg, p, &pl, out);
		} else {
			round_pct_down(vg, &pl);
			if (!(r = check_adjusted(vg, &pl)) && !(r = check_room(vg, pl.name)))
				r = create_striped(vg, p, &pl, out);
		}
	}
	lv_pvlist_free(&pl.pvs);
	return r;
}
