/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Changes of a raid1 LV's legs, each done as lvm2 2.03.16 does it
 * (lib/metadata/raid_manip.c, tools/lvconvert.c, tools/lvchange.c) and
 * committed through vol_vg_commit(), which loads, suspends, commits and
 * resumes the active LV around each step:
 *
 * - Adding legs (lvconvert -m +N, and --type raid1 on a linear LV): the
 *   new pairs get the next free names <lv>_rmeta_N / <lv>_rimage_N, on PVs
 *   that hold no leg of the LV (lvm2's parallel areas), each rmeta cut from
 *   the front of its leg; a linear LV first gets an rmeta on its own PVs
 *   and its data moves into <lv>_rimage_0 (lvm2's insert_layer_for_lv).
 *   The new images carry REBUILD in the first commit, so dm-raid's table
 *   says "rebuild N" and copies them from the others; the flag is dropped
 *   in a second commit.
 * - Removing legs (-m -N, -m 0): the highest legs on the PVs named (all
 *   PVs if none) go; the legs after them move down and are renamed to
 *   their new positions in the same commit; one leg left makes the LV
 *   linear again, on that leg's extents.
 * - Replacing legs (--repair, --replace): new legs are allocated first
 *   (avoiding every PV of the LV), take the old legs' positions under
 *   temporary names with REBUILD, the old legs go; then the flags are
 *   dropped and the new legs renamed to their positions.
 * - Rebuilding legs in place (lvchange --rebuild): REBUILD for one commit.
 *
 * The kernel does the copying; vol_lv_raid_status() shows it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activate.h"
#include "ctx.h"
#include "display.h"
#include "lvedit.h"
#include "raid.h"

struct conv {
	struct vol_vg *vg;
	struct vol_lv *lv;
	int32_t top;
	char full[2 * MD_NAME_LEN];
	struct vol_raid_status st;	/* when active */
	bool active;
};

VOL_EXPORT void vol_raid_params_init(struct vol_raid_params *p)
{
	memset(p, 0, sizeof(*p));
}

/* ---------------------------------------------------------------- checks */

static int conv_init(struct conv *c, struct vol_lv *lv)
{
	struct act_state as;
	int r;

	memset(c, 0, sizeof(*c));
	c->vg = lv->vg;
	c->lv = lv;
	c->top = lv->idx;
	if ((r = lv_editable(lv)))
		return r;
	lv_full_name(lv->vg, &lv->md, c->full, sizeof(c->full));
	c->active = !act_state(lv->vg, (uint32_t)lv->idx, false, &as) && as.active;
	if (c->active && raid_seg(lv->vg->md, lv->idx) && (r = vol_lv_raid_status(lv, &c->st)))
		return r;
	return 0;
}

/* conv_init() of a raid1 LV: its segment in *@seg, or lvm2's refusal. */
static int conv_raid(struct conv *c, struct vol_lv *lv, struct md_seg **seg)
{
	int r = conv_init(c, lv);

	if (r)
		return r;
	if (!(*seg = raid_seg(c->vg->md, c->top))) {
		log_err(c->vg->ctx, "%s must be a RAID logical volume to perform this action.", c->full);
		return -EINVAL;
	}
	return 0;
}

/* Has raid1 LV @top an image split off with --trackchanges (a visible image)? */
static bool tracking(const struct md_vg *m, int32_t top)
{
	const struct md_seg *seg = raid_seg(m, top);

	for (uint32_t k = 0; seg && k < seg->device_count; k++)
		if (seg->pairs[k].image >= 0 && (m->lvs[seg->pairs[k].image].status.known & MD_LV_VISIBLE))
			return true;
	return false;
}

/* lvm2 changes the legs of neither a raid1 LV that tracks a split image nor that
 * image (--replace it allows). */
static int not_tracking(struct conv *c)
{
	const struct md_vg *m = c->vg->md;

	if (tracking(m, c->top)) {
		log_err(c->vg->ctx, "Conversion of tracking raid1 LV %s is not supported.", c->full);
		return -EINVAL;
	}
	for (uint32_t l = 0; l < m->n_lvs; l++) {
		const struct md_seg *seg = raid_seg(m, (int32_t)l);

		for (uint32_t k = 0; seg && k < seg->device_count; k++)
			if (seg->pairs[k].image == c->top && tracking(m, (int32_t)l)) {
				/* lvm2 2.03.16's words: its look-up of the raid1 LV by
				 * name cuts the name one character short and fails */
				log_err(c->vg->ctx, "Failed to find RaidLV of RAID subvolume %s.", c->full);
				return -EINVAL;
			}
	}
	return 0;
}

static int need_active(struct conv *c)
{
	if (c->active || c->vg->ctx->test_mode)
		return 0;
	log_err(c->vg->ctx, "%s must be active to perform this operation.", c->full);
	return -EINVAL;
}

static bool in_sync(const struct conv *c)
{
	return !c->active || c->st.sync_percent == 100000000;
}

/* Is LV @l on a PV that is missing now or marked missing? */
static bool on_missing_pv(const struct vol_vg *vg, int32_t l)
{
	const struct md_vg *m = vg->md;

	for (uint32_t s = 0; l >= 0 && s < m->lvs[l].n_segs; s++) {
		struct md_pv_area_iter it;
		struct md_pv_area a;

		md_seg_for_each_pv_area(&m->lvs[l].segs[s], &it, &a)
			if (!vg->slots[a.pv].present || (m->pvs[a.pv].status.known & MD_PV_MISSING) ||
			    (m->pvs[a.pv].flags.known & MD_PVF_MISSING))
				return true;
	}
	return false;
}

/* lvm2's _sublv_is_degraded() plus lv_check_transient(): leg @k is gone
 * (no image), on a missing PV, or dead in the kernel ('D'). */
static bool leg_failed(const struct conv *c, const struct md_seg *seg, uint32_t k)
{
	if (seg->pairs[k].image < 0 || on_missing_pv(c->vg, seg->pairs[k].image) ||
	    on_missing_pv(c->vg, seg->pairs[k].meta))
		return true;
	return c->active && k < c->st.legs && c->st.health[k] == 'D';
}

static uint32_t failed_legs(const struct conv *c, const struct md_seg *seg)
{
	uint32_t n = 0;

	for (uint32_t k = 0; k < seg->device_count; k++)
		n += leg_failed(c, seg, k);
	return n;
}

/* ---------------------------------------------------------------- new legs */

/* lvm2's generate_lv_name("<lv>_<kind>_%d"): one above the highest in use. */
static uint32_t next_index(const struct md_vg *m, const char *lv, const char *kind)
{
	size_t pl = strlen(lv), kl = strlen(kind);
	long high = -1;

	for (uint32_t i = 0; i < m->n_lvs; i++) {
		const char *n = m->lvs[i].name;
		char *end;
		long v;

		if (strncmp(n, lv, pl) || n[pl] != '_' || strncmp(n + pl + 1, kind, kl) ||
		    n[pl + 1 + kl] != '_' || !(n[pl + 2 + kl] >= '0' && n[pl + 2 + kl] <= '9'))
			continue;
		v = strtol(n + pl + 2 + kl, &end, 10);
		if (v > high)
			high = v;
	}
	return (uint32_t)(high + 1);
}

/* The allocator's PV list: @specs (or every PV), without missing PVs and,
 * unless @policy is anywhere, without the PVs in @avoid. */
static int legs_pv_list(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n,
			enum vol_alloc policy, const bool *avoid, struct alloc_pv **out, size_t *nout)
{
	struct alloc_pv *all = NULL, *v;
	size_t cnt = n ? n : vg->md->n_pvs, k = 0;
	int r = 0;

	if (n && (r = raid_pv_specs(vg, specs, n, &all)))
		return r;
	if (!(v = calloc(cnt + 1, sizeof(*v)))) {
		free(all);
		return -ENOMEM;
	}
	for (size_t i = 0; i < cnt; i++) {
		struct alloc_pv e = all ? all[i] : (struct alloc_pv){ .pv = (uint32_t)i };

		if (!vg->slots[e.pv].present ||
		    (avoid && avoid[e.pv] && policy != VOL_ALLOC_ANYWHERE))
			continue;
		v[k++] = e;
	}
	free(all);
	*out = v;
	*nout = k;
	return 0;
}

static enum vol_alloc lv_policy(const struct md_lv *lv, enum vol_alloc asked)
{
	enum vol_alloc a = VOL_ALLOC_INHERIT;

	if (asked != VOL_ALLOC_INHERIT || !lv->alloc_policy)
		return asked;
	return vol_alloc_parse(lv->alloc_policy, &a) ? VOL_ALLOC_INHERIT : a;
}

struct newlegs {
	uint32_t count;
	uint64_t extents, meta;
	enum vol_alloc policy;
	const struct alloc_pv *pvs;
	size_t n_pvs;
	int32_t subs[2 * VOL_RAID_MAX_LEGS];	/* meta, image per new leg */
};

static int alloc_failed(struct vol_vg *vg, struct alloc_result *res, int r)
{
	char msg[512];

	alloc_message(res, vg->md->name, "", NULL, msg, sizeof(msg));
	log_err(vg->ctx, "%s", msg);
	return r;
}

/* Allocates nl->count legs and appends their rmeta and rimage sub-LVs. */
static int add_new_legs(struct conv *c, struct newlegs *nl)
{
	struct vol_vg *vg = c->vg;
	struct alloc_request req = { 0 };
	struct alloc_result res;
	const char *name = vg->md->lvs[c->top].name;
	int r;

	req.policy = nl->policy;
	req.extents = nl->extents;
	req.stripes = 1;
	req.mirrors = nl->count;
	req.meta_extents = nl->meta;
	req.lv = -1;
	req.pvs = nl->pvs;
	req.n_pvs = (uint32_t)nl->n_pvs;
	if (!nl->n_pvs) {
		/* lvm2's words when every PV named holds a leg already */
		log_err(vg->ctx, "Insufficient suitable allocatable extents for logical volume : %" PRIu64
			" more required", (nl->extents + nl->meta) * nl->count);
		return -ENOSPC;
	}
	if ((r = alloc_extents(vg->md, &req, &res)))
		r = alloc_failed(vg, &res, r);
	for (uint32_t k = 0; k < nl->count && !r; k++) {
		uint32_t im = next_index(vg->md, name, "rimage"), me = next_index(vg->md, name, "rmeta");
		int32_t meta = raid_new_sub(vg, (uint32_t)c->top, "rmeta", me, false), img;

		if (meta < 0 || (r = alloc_apply_leg(vg->md, (uint32_t)meta, &res, k, true)))
			r = meta < 0 ? (int)meta : r;
		else if ((img = raid_new_sub(vg, (uint32_t)c->top, "rimage", im, false)) < 0)
			r = (int)img;
		else if (!(r = alloc_apply_leg(vg->md, (uint32_t)img, &res, k, false))) {
			vg->md->lvs[meta].status.known |= MD_LV_REBUILD;
			vg->md->lvs[img].status.known |= MD_LV_REBUILD;
			nl->subs[2 * k] = meta;
			nl->subs[2 * k + 1] = img;
		}
	}
	alloc_result_free(&res);
	return r;
}

/* Every PV with an extent of the LV's legs (lvm2's parallel areas). */
static int legs_pvs(const struct conv *c, bool **out)
{
	const struct md_vg *m = c->vg->md;
	const struct md_seg *seg = raid_seg(m, c->top);
	bool *v = calloc(m->n_pvs + 1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (uint32_t l = 0; l < m->n_lvs; l++) {
		bool mine = (int32_t)l == c->top && !seg;

		for (uint32_t k = 0; seg && k < seg->device_count; k++)
			mine |= seg->pairs[k].image == (int32_t)l || seg->pairs[k].meta == (int32_t)l;
		for (uint32_t s = 0; mine && s < m->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&m->lvs[l].segs[s], &it, &a)
				v[a.pv] = true;
		}
	}
	*out = v;
	return 0;
}

/* New legs for the LV, on @specs or any PV without a leg of it. */
static int new_legs(struct conv *c, uint32_t count, const struct vol_pv_spec *specs, size_t n,
		    enum vol_alloc asked, struct newlegs *nl)
{
	const struct md_vg *m = c->vg->md;
	const struct md_seg *seg = raid_seg(m, c->top);
	struct alloc_pv *pvs = NULL;
	bool *avoid = NULL;
	int r;

	memset(nl, 0, sizeof(*nl));
	nl->count = count;
	nl->extents = md_lv_extents(&m->lvs[c->top]);
	nl->meta = raid_meta_extents(nl->extents * count, seg ? seg->region_size : 0,
				     m->extent_size);
	nl->policy = lv_policy(&m->lvs[c->top], asked);
	if ((r = legs_pvs(c, &avoid)) ||
	    (r = legs_pv_list(c->vg, specs, n, nl->policy, avoid, &pvs, &nl->n_pvs)))
		goto out;
	nl->pvs = pvs;
	r = add_new_legs(c, nl);
out:
	free(pvs);
	free(avoid);
	return r;
}

/* ---------------------------------------------------------------- the second step */

static int set_name(struct vol_vg *vg, int32_t l, const char *top, const char *kind, uint32_t k)
{
	char name[2 * MD_NAME_LEN];
	struct md_lv *lv = &vg->md->lvs[l];

	snprintf(name, sizeof(name), "%s_%s_%" PRIu32, top, kind, k);
	if (!strcmp(lv->name, name))
		return 0;
	log_verbose(vg->ctx, "Renaming %s/%s to %s.", vg->md->name, lv->name, name);
	return (lv->name = md_arena_strdup(vg->arena, name)) ? 1 : -ENOMEM;
}

/* Every leg named for its position; 1 if a name changed. */
static int canonical_names(struct vol_vg *vg, int32_t top)
{
	struct md_seg *seg = raid_seg(vg->md, top);
	const char *name = vg->md->lvs[top].name;
	int changed = 0, r;

	for (uint32_t k = 0; seg && k < seg->device_count; k++) {
		if ((r = set_name(vg, seg->pairs[k].image, name, "rimage", k)) < 0 ||
		    (seg->pairs[k].meta >= 0 &&
		     (r |= set_name(vg, seg->pairs[k].meta, name, "rmeta", k)) < 0))
			return r;
		changed |= r;
	}
	return changed;
}

static int no_commit(void *arg)
{
	(void)arg;
	return 0;
}

/* The active LV gets the table of the committed metadata. */
static int reload_lv(struct conv *c)
{
	struct act_opts o;

	if (!c->active || c->vg->ctx->test_mode)
		return 0;
	act_opts_init(&o);
	return act_change(c->vg, (uint32_t)c->top, &o, no_commit, NULL);
}

/*
 * The last step of a change: REBUILD off, legs named for their positions,
 * committed.  With @reload the LV gets its table without "rebuild" too, as
 * lvm2 does after a replace or rebuild; after adding legs lvm2 leaves the
 * kernel's table as it is (the flag is gone at the next activation).
 */
static int finish(struct conv *c, bool reload)
{
	struct vol_vg *vg = c->vg;
	struct md_seg *seg = raid_seg(vg->md, c->top);
	const uint32_t bit = MD_LV_REBUILD;
	bool changed = false;
	int r;

	for (uint32_t k = 0; seg && k < seg->device_count; k++)
		for (int i = 0; i < 2; i++) {
			int32_t l = i ? seg->pairs[k].meta : seg->pairs[k].image;

			if (l >= 0 && (vg->md->lvs[l].status.known & bit)) {
				vg->md->lvs[l].status.known &= ~bit;
				changed = true;
			}
		}
	if ((r = canonical_names(vg, c->top)) < 0)
		return r;
	if (!changed && !r)
		return 0;
	if ((r = vg_sync_handles(vg)) || (r = vol_vg_commit(vg)))
		return r;
	return reload ? reload_lv(c) : 0;
}

/*
 * Commits step one (the new layout, REBUILD set), then the last step.  A
 * commit reloads the LV when its layout changed; REBUILD alone does not
 * (see finish()), so a rebuild in place reloads it after step one itself
 * (@reload_first), and a replace or rebuild after the last step
 * (@reload_last), where lvm2 does.
 */
static int commit_steps(struct conv *c, bool reload_first, bool reload_last)
{
	int r = vg_sync_handles(c->vg);

	if (!r && !(r = vol_vg_commit(c->vg)) && (!reload_first || !(r = reload_lv(c))))
		r = finish(c, reload_last);
	return r;
}

/* ---------------------------------------------------------------- model edits */

/* Removes the LVs with these ids; the top's index is looked up again. */
static void del_lvs(struct conv *c, char (*ids)[MD_UUID_LEN + 1], size_t n)
{
	struct md_vg *m = c->vg->md;
	char top[MD_UUID_LEN + 1];

	memcpy(top, m->lvs[c->top].id, sizeof(top));
	for (size_t i = 0; i < n; i++)
		for (uint32_t l = 0; l < m->n_lvs; l++)
			if (!strcmp(m->lvs[l].id, ids[i])) {
				md_vg_del_lv(m, l);
				break;
			}
	for (uint32_t l = 0; l < m->n_lvs; l++)
		if (!strcmp(m->lvs[l].id, top))
			c->top = (int32_t)l;
}

/* The pairs of @seg with room for @legs. */
static struct md_raid_pair *pairs_for(struct vol_vg *vg, const struct md_seg *seg, uint32_t legs)
{
	struct md_raid_pair *p = md_arena_alloc(vg->arena, legs * sizeof(*p));

	if (p && seg)
		memcpy(p, seg->pairs, (seg->device_count < legs ? seg->device_count : legs) * sizeof(*p));
	return p;
}

/* ---------------------------------------------------------------- adding legs */

static int add_legs(struct conv *c, uint32_t want, const struct vol_raid_params *p)
{
	struct md_seg *seg = raid_seg(c->vg->md, c->top);
	uint32_t legs = seg->device_count, n0 = c->vg->md->n_lvs;
	struct md_raid_pair *pairs;
	struct newlegs nl;
	int r;

	if (c->vg->md->lvs[c->top].status.known & MD_LV_NOTSYNCED) {
		log_err(c->vg->ctx, "Can't add image to out-of-sync RAID LV: use 'lvchange --resync' first.");
		return -EINVAL;
	}
	if (!in_sync(c)) {
		log_err(c->vg->ctx, "Can't add image to RAID LV that is still initializing.");
		return -EBUSY;
	}
	if ((r = new_legs(c, want - legs, p->pvs, p->n_pvs, p->alloc, &nl)) ||
	    !(pairs = pairs_for(c->vg, seg = raid_seg(c->vg->md, c->top), want))) {
		c->vg->md->n_lvs = n0;
		return r ? r : -ENOMEM;
	}
	for (uint32_t k = 0; k < nl.count; k++)
		pairs[legs + k] = (struct md_raid_pair){ nl.subs[2 * k], nl.subs[2 * k + 1] };
	seg->pairs = pairs;
	seg->device_count = want;
	return commit_steps(c, false, false);
}

/* lvm2's region size for a linear LV made raid1: as asked (or 2 MiB),
 * doubled past 2^21 regions. */
static int upconvert_region(struct conv *c, uint64_t want_bytes, uint64_t extents, uint64_t *out)
{
	struct vol_vg *vg = c->vg;
	uint64_t rs = want_bytes / SECTOR, min;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	if (want_bytes && raid_region_size(vg, extents, want_bytes, &rs))
		return -EINVAL;
	rs = want_bytes ? want_bytes / SECTOR : raid_default_region(vg->ctx);
	min = (uint32_t)(extents * vg->md->extent_size / RAID_MAX_REGIONS);
	*out = rs;
	while (*out < min)
		*out *= 2;
	if (*out != rs)
		log_info(vg->ctx, "Adjusting region size of %s LV from %s to %s.", c->full,
			 size_str(rs * SECTOR, a), size_str(*out * SECTOR, b));
	return 0;
}

/* rmeta for the data of a linear LV, on its own PVs (lvm2's _alloc_rmeta_for_lv). */
static int32_t linear_meta(struct conv *c, uint64_t meta, enum vol_alloc policy)
{
	struct vol_vg *vg = c->vg;
	const struct md_lv *top = &vg->md->lvs[c->top];
	struct alloc_request req = { 0 };
	struct alloc_pv pvs[MD_MAX_STRIPES * 4];
	struct alloc_result res;
	uint32_t n = 0;
	int32_t l;
	int r;

	for (uint32_t s = 0; s < top->n_segs; s++) {
		struct md_pv_area_iter it;
		struct md_pv_area a;

		md_seg_for_each_pv_area(&top->segs[s], &it, &a) {
			bool seen = false;

			for (uint32_t i = 0; i < n; i++)
				seen |= pvs[i].pv == a.pv;
			if (!seen && n < sizeof(pvs) / sizeof(pvs[0]) && vg->slots[a.pv].present)
				pvs[n++] = (struct alloc_pv){ .pv = a.pv };
		}
	}
	req = (struct alloc_request){ .policy = policy, .extents = meta, .stripes = 1, .lv = -1,
				      .pvs = pvs, .n_pvs = n };
	if ((r = alloc_extents(vg->md, &req, &res))) {
		r = alloc_failed(vg, &res, r);
		alloc_result_free(&res);
		return r;
	}
	l = raid_new_sub(vg, (uint32_t)c->top, "rmeta",
			 next_index(vg->md, vg->md->lvs[c->top].name, "rmeta"), false);
	if (l >= 0 && (r = alloc_apply(vg->md, (uint32_t)l, &res, 0)))
		l = r;
	if (l >= 0)
		vg->md->lvs[l].status.known |= MD_LV_REBUILD;
	alloc_result_free(&res);
	return l;
}

/* The linear LV's data moves into <lv>_rimage_0 (lvm2's insert_layer_for_lv). */
static int32_t data_layer(struct conv *c)
{
	struct vol_vg *vg = c->vg;
	int32_t l = raid_new_sub(vg, (uint32_t)c->top, "rimage", 0, false);
	struct md_lv *top, *img;

	if (l < 0)
		return l;
	top = &vg->md->lvs[c->top];
	img = &vg->md->lvs[l];
	img->status.known = MD_LV_READ | (top->status.known & MD_LV_WRITE);
	img->segs = top->segs;
	img->n_segs = top->n_segs;
	return l;
}

static int is_linear(const struct md_lv *lv)
{
	for (uint32_t s = 0; s < lv->n_segs; s++)
		if (lv->segs[s].type != MD_SEG_STRIPED || lv->segs[s].stripe_count != 1)
			return false;
	return lv->n_segs > 0;
}

static int linear_to_raid(struct conv *c, uint32_t want, const struct vol_raid_params *p)
{
	struct vol_vg *vg = c->vg;
	uint64_t extents = md_lv_extents(&vg->md->lvs[c->top]), region;
	enum vol_alloc policy = lv_policy(&vg->md->lvs[c->top], p->alloc);
	uint32_t n0 = vg->md->n_lvs;
	struct md_raid_pair *pairs;
	struct newlegs nl;
	struct md_seg *seg;
	int32_t meta, img;
	int r;

	if ((r = upconvert_region(c, p->region_size, extents, &region)))
		return r;
	if ((meta = linear_meta(c, raid_meta_extents(extents, region, vg->md->extent_size), policy)) < 0 ||
	    (r = new_legs(c, want - 1, p->pvs, p->n_pvs, p->alloc, &nl)) || (img = data_layer(c)) < 0 ||
	    !(pairs = pairs_for(vg, NULL, want)) || !(seg = md_arena_alloc(vg->arena, sizeof(*seg)))) {
		vg->md->n_lvs = n0;
		return meta < 0 ? (int)meta : r ? r : -ENOMEM;
	}
	memset(seg, 0, sizeof(*seg));
	pairs[0] = (struct md_raid_pair){ meta, img };
	for (uint32_t k = 0; k < nl.count; k++)
		pairs[1 + k] = (struct md_raid_pair){ nl.subs[2 * k], nl.subs[2 * k + 1] };
	*seg = (struct md_seg){ .extent_count = extents, .type = MD_SEG_RAID1, .type_name = "raid1",
				.device_count = want, .region_size = region, .pairs = pairs };
	vg->md->lvs[c->top].segs = seg;
	vg->md->lvs[c->top].n_segs = 1;
	if ((r = canonical_names(vg, c->top)) < 0)
		return r;
	return commit_steps(c, false, false);
}

/* ---------------------------------------------------------------- removing legs */

/* lvm2's _raid_allow_extraction() for an array that is not in sync. */
static int allow_extraction(struct conv *c, const struct md_seg *seg, const bool *drop)
{
	struct vol_ctx *ctx = c->vg->ctx;
	uint32_t redundancy = 0;

	if (in_sync(c))
		return 0;
	if (!strcmp(c->st.sync_action, "resync")) {
		if (!drop[0])
			return 0;
		log_err(ctx, "Unable to remove primary RAID image while array resyncing.");
		return -EBUSY;
	}
	if (strcmp(c->st.sync_action, "recover") && strcmp(c->st.sync_action, "idle")) {
		log_err(ctx, "Unable to remove RAID image while array is performing \"%s\"",
			c->st.sync_action);
		return -EBUSY;
	}
	for (uint32_t k = 0; k < seg->device_count && k < c->st.legs; k++)
		redundancy += c->st.health[k] == 'A';
	for (uint32_t k = 0; k < seg->device_count && k < c->st.legs; k++)
		if (drop[k] && c->st.health[k] == 'A' && !--redundancy) {
			log_err(ctx, "Unable to remove all primary source devices");
			return -EBUSY;
		}
	return 0;
}

/* Which legs go: the highest on the target PVs. */
static int pick_drops(struct conv *c, const struct md_seg *seg, uint32_t extract,
		      const struct vol_raid_params *p, bool *drop)
{
	const struct md_vg *m = c->vg->md;
	size_t targets = p->n_pvs ? p->n_pvs : m->n_pvs;
	bool *pvs = NULL;
	int r;

	if (targets < extract) {
		log_err(c->vg->ctx, "Unable to remove %" PRIu32 " images:  Only %zu device%s given.",
			extract, targets, targets == 1 ? "" : "s");
		return -EINVAL;
	}
	if (p->n_pvs && (r = lv_pv_flags(c->vg, p->pvs, p->n_pvs, &pvs)))
		return r;
	for (uint32_t k = seg->device_count; k-- > 0 && extract;)
		if (!pvs || raid_lv_on(m, seg->pairs[k].image, pvs) ||
		    raid_lv_on(m, seg->pairs[k].meta, pvs)) {
			drop[k] = true;
			extract--;
		}
	free(pvs);
	if (extract) {
		log_err(c->vg->ctx, "Unable to extract enough images to satisfy request.");
		return -EINVAL;
	}
	return 0;
}

/* The one leg left becomes the LV's own extents (lvm2's _raid_remove_top_layer). */
static void to_linear(struct conv *c, struct md_seg *seg, uint32_t keep)
{
	struct md_lv *top = &c->vg->md->lvs[c->top], *img = &c->vg->md->lvs[seg->pairs[keep].image];

	top->segs = img->segs;
	top->n_segs = img->n_segs;
	top->status.known &= ~(MD_LV_NOTSYNCED | MD_LV_WRITEMOSTLY);
}

static void add_id(struct conv *c, char (*ids)[MD_UUID_LEN + 1], size_t *n, int32_t l)
{
	if (l >= 0)
		memcpy(ids[(*n)++], c->vg->md->lvs[l].id, MD_UUID_LEN + 1);
}

static int remove_legs(struct conv *c, uint32_t want, const struct vol_raid_params *p)
{
	struct md_seg *seg = raid_seg(c->vg->md, c->top);
	char ids[2 * VOL_RAID_MAX_LEGS][MD_UUID_LEN + 1];
	bool drop[VOL_RAID_MAX_LEGS] = { false };
	uint32_t legs = seg->device_count, kept = 0;
	size_t n = 0;
	int r;

	if ((r = pick_drops(c, seg, legs - want, p, drop)) || (r = allow_extraction(c, seg, drop))) {
		log_err(c->vg->ctx, "Failed to extract images from %s.", c->full);
		return r;
	}
	for (uint32_t k = 0; k < legs; k++) {
		if (drop[k]) {
			add_id(c, ids, &n, seg->pairs[k].image);
			add_id(c, ids, &n, seg->pairs[k].meta);
		} else {
			seg->pairs[kept++] = seg->pairs[k];
		}
	}
	seg->device_count = kept;
	if (want == 1) {
		to_linear(c, seg, 0);
		add_id(c, ids, &n, seg->pairs[0].image);
		add_id(c, ids, &n, seg->pairs[0].meta);
	}
	del_lvs(c, ids, n);
	if ((r = canonical_names(c->vg, c->top)) < 0 || (r = vg_sync_handles(c->vg)))
		return r;
	return vol_vg_commit(c->vg);
}

/* ---------------------------------------------------------------- region size */

/* The question before the change; -ECANCELED when declined. */
static int region_confirm(struct conv *c, uint64_t old, uint64_t rs)
{
	const struct md_vg *m = c->vg->md;
	char q[3 * MD_NAME_LEN], a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	snprintf(q, sizeof(q), "Change the region size %s of LV %s to %s?", size_str(old * SECTOR, a),
		 c->full, size_str(rs * SECTOR, b));
	if (confirm(c->vg->ctx, &(struct vol_confirm_info){ .kind = VOL_Q_RAID_REGION, .question = q,
			.vg = m->name, .lv = m->lvs[c->top].name, .size = old * SECTOR,
			.new_size = rs * SECTOR }))
		return 0;
	log_err(c->vg->ctx, "Logical volume %s NOT converted.", c->full);
	return -ECANCELED;
}

/* A raid1 LV's region size changed in place, with lvm2's checks and their
 * order (raid_manip.c _region_size_change_requested). */
static int change_region(struct conv *c, struct md_seg *seg, uint64_t want_bytes)
{
	const struct md_vg *m = c->vg->md;
	uint64_t rs = want_bytes / SECTOR, old = seg->region_size;
	uint64_t extents = md_lv_extents(&m->lvs[c->top]), size = extents * m->extent_size;
	int32_t meta = seg->pairs[0].meta;
	char s[SIZE_STR_LEN];
	int r;

	if (rs == old) {
		log_err(c->vg->ctx, "Region size is already %s on raid1 LV %s.", size_str(rs * SECTOR, s),
			c->full);
		return -EINVAL;
	}
	if (rs > size) {
		log_err(c->vg->ctx, "Region size is too large for raid1 LV %s.", c->full);
		return -EINVAL;
	}
	while (rs < (uint32_t)(size / RAID_MAX_REGIONS))
		rs *= 2;
	if (rs == old) {
		log_err(c->vg->ctx, "Region size is already matching %s on raid1 LV %s due to adjustment.",
			size_str(rs * SECTOR, s), c->full);
		return -EINVAL;
	}
	if ((r = region_confirm(c, old, rs)))
		return r;
	if (meta >= 0 && md_lv_extents(&m->lvs[meta]) < raid_meta_extents(extents, rs, m->extent_size)) {
		log_err(c->vg->ctx, "Region size %s on %s is too small for metadata LV size.",
			size_str(want_bytes, s), c->full);
		return -EINVAL;
	}
	if (!in_sync(c)) {
		log_err(c->vg->ctx, "Unable to change region size on raid1 LV %s while it is not in-sync.",
			c->full);
		return -EBUSY;
	}
	seg->region_size = rs;
	if ((r = vg_sync_handles(c->vg)) || (r = vol_vg_commit(c->vg)))	/* reloads an active LV */
		return r;
	log_info(c->vg->ctx, "Changed region size on raid1 LV %s to %s.", c->full,
		 size_str(rs * SECTOR, s));
	return 0;
}

/* ---------------------------------------------------------------- convert */

VOL_EXPORT int vol_lv_raid_convert(struct vol_lv *lv, const struct vol_raid_params *p)
{
	struct conv c;
	struct md_seg *seg;
	uint32_t legs, want = p->mirrors + 1;
	int r;

	if ((r = conv_init(&c, lv)) || (r = not_tracking(&c)))
		return r;
	seg = raid_seg(c.vg->md, c.top);
	if (!seg && !is_linear(&c.vg->md->lvs[c.top])) {
		log_err(c.vg->ctx, "Unable to add RAID images to %s of segment type %s.", c.full,
			vol_lv_segtype(lv));
		return -EINVAL;
	}
	legs = seg ? seg->device_count : 1;
	if (want > VOL_RAID_MAX_LEGS || !want) {
		log_err(c.vg->ctx, "Only up to %u mirrors in raid1 LV %s supported currently.",
			VOL_RAID_MAX_LEGS, c.full);
		return -EINVAL;
	}
	if ((r = need_active(&c)))
		return r;
	if (seg && failed_legs(&c, seg) && want >= legs) {
		log_err(c.vg->ctx, "Can't change number of mirrors of degraded %s.", c.full);
		log_err(c.vg->ctx, "Please run \"lvconvert --repair %s\" first.", c.full);
		return -EINVAL;
	}
	if (want == legs && seg && p->region_size)
		return change_region(&c, seg, p->region_size);
	if (want == legs) {
		log_warn(c.vg->ctx, "%s already has image count of %" PRIu32 ".", c.full, legs);
		return 0;
	}
	if (seg && p->region_size && p->region_size / SECTOR != seg->region_size) {
		log_err(c.vg->ctx, "Changing the region size of %s is not supported.", c.full);
		return -EOPNOTSUPP;
	}
	if (want < legs)
		return remove_legs(&c, want, p);
	return seg ? add_legs(&c, want, p) : linear_to_raid(&c, want, p);
}

/* ---------------------------------------------------------------- replace, repair, rebuild */

/* Checks lvm2 makes before it replaces or rebuilds legs. */
static int can_replace(struct conv *c)
{
	struct vol_ctx *ctx = c->vg->ctx;
	int r;

	if ((r = need_active(c)))
		return r;
	if (!in_sync(c)) {
		log_err(ctx, "Unable to replace devices in %s while it is not in-sync.", c->full);
		return -EBUSY;
	}
	if (c->active && !strcmp(c->st.sync_action, "idle") && strchr(c->st.health, 'a')) {
		log_err(ctx, "Unable to repair %s.  Source devices failed before the RAID could "
			"synchronize.", c->full);
		log_err(ctx, "You should choose one of the following:");
		log_err(ctx, "  1) deactivate %s, revive failed device, re-activate LV, and proceed.",
			c->full);
		log_err(ctx, "  2) remove the LV (all data is lost).");
		log_err(ctx, "  3) Seek expert advice to attempt to salvage any data from remaining "
			"devices.");
		return -EBUSY;
	}
	return 0;
}

/* Marks the legs that are failed or on @pvs; returns how many. */
static uint32_t mark_legs(const struct conv *c, const struct md_seg *seg, const bool *pvs,
			  bool with_failed, bool *mark)
{
	const struct md_vg *m = c->vg->md;
	uint32_t n = 0;

	for (uint32_t k = 0; k < seg->device_count; k++) {
		mark[k] = (with_failed && leg_failed(c, seg, k)) ||
			  (pvs && (raid_lv_on(m, seg->pairs[k].image, pvs) ||
				   raid_lv_on(m, seg->pairs[k].meta, pvs)));
		n += mark[k];
	}
	return n;
}

static int none_to(struct conv *c, bool named, const char *what)
{
	if (named) {
		log_err(c->vg->ctx, "Logical volume %s does not contain devices specified to %s.",
			c->full, what);
		return -EINVAL;
	}
	log_info(c->vg->ctx, "%s does not contain devices specified to %s.", c->full, what);
	return 1;
}

/* New legs for @count of the marked legs (the highest ones), as many as fit. */
/* Extents of LV @l on missing PVs. */
static uint64_t lost_extents(const struct vol_vg *vg, int32_t l)
{
	const struct md_lv *lv = &vg->md->lvs[l];
	uint64_t n = 0;

	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *g = &lv->segs[s];

		if (g->type == MD_SEG_STRIPED && g->stripe_count && g->areas[0].pv >= 0 &&
		    !vg->slots[g->areas[0].pv].present)
			n += g->extent_count;
	}
	return n;
}

/*
 * lvm2's last try when a repair finds no room (_remove_partial_multi_segment_image):
 * a marked image of several segments on a missing PV, with one of its other
 * PVs free enough for what was lost, becomes one error segment; its extents
 * there are then free and no longer another leg's, for the new image.
 */
static bool free_partial_image(struct conv *c, const bool *mark)
{
	struct vol_vg *vg = c->vg;
	const struct md_vg *m = vg->md;
	const struct md_seg *seg = raid_seg(m, c->top);

	for (uint32_t k = 0; seg && k < seg->device_count; k++) {
		int32_t im = seg->pairs[k].image, me = seg->pairs[k].meta;
		uint64_t need;

		if (!mark[k] || im < 0 || m->lvs[im].n_segs < 2 || !on_missing_pv(vg, im))
			continue;
		need = lost_extents(vg, im) + (me >= 0 && on_missing_pv(vg, me) ?
					       md_lv_extents(&m->lvs[me]) : 0);
		for (uint32_t s = 0; s < m->lvs[im].n_segs; s++) {
			const struct md_seg *g = &m->lvs[im].segs[s];
			int32_t pv = g->type == MD_SEG_STRIPED && g->stripe_count ? g->areas[0].pv : -1;

			if (pv >= 0 && vg->slots[pv].present &&
			    m->pvs[pv].pe_count - md_pv_used_extents(m, (uint32_t)pv) > need)
				return !raid_error_lv(vg->md, (uint32_t)im);
		}
	}
	return false;
}

static int replacements(struct conv *c, uint32_t *count, const bool *mark,
			const struct vol_pv_spec *specs, size_t n, struct newlegs *nl)
{
	uint32_t n0 = c->vg->md->n_lvs;
	bool last_try = false;
	int r;

	while ((r = new_legs(c, *count, specs, n, VOL_ALLOC_INHERIT, nl)) == -ENOSPC) {
		c->vg->md->n_lvs = n0;
		if (!vol_lv_is_partial(c->lv))
			break;
		if (*count <= 1) {
			if (last_try || !(last_try = free_partial_image(c, mark)))
				break;
			*count = 1;
			continue;
		}
		(*count)--;
		log_err(c->vg->ctx, "Failed to replace %" PRIu32 " devices.  Attempting to replace %"
			PRIu32 " instead.", *count, *count + 1);
	}
	if (r) {
		c->vg->md->n_lvs = n0;
		if (r == -ENOSPC)
			log_err(c->vg->ctx, "Failed to allocate replacement images for %s.", c->full);
	}
	return r;
}

static int replace_marked(struct conv *c, bool *mark, uint32_t count, const struct vol_pv_spec *specs,
			  size_t n)
{
	struct md_seg *seg = raid_seg(c->vg->md, c->top);
	char ids[2 * VOL_RAID_MAX_LEGS][MD_UUID_LEN + 1];
	struct newlegs nl;
	uint32_t want = count, k, i;
	size_t nid = 0;
	int r;

	if ((r = replacements(c, &count, mark, specs, n, &nl)))
		return r;
	seg = raid_seg(c->vg->md, c->top);
	for (k = 0; k < seg->device_count && want > count; k++)
		if (mark[k]) {	/* the lowest marked legs stay when not all fit, as in lvm2 */
			mark[k] = false;
			want--;
		}
	for (k = 0, i = 0; k < seg->device_count; k++) {
		if (!mark[k])
			continue;
		add_id(c, ids, &nid, seg->pairs[k].image);
		add_id(c, ids, &nid, seg->pairs[k].meta);
		seg->pairs[k] = (struct md_raid_pair){ nl.subs[2 * i], nl.subs[2 * i + 1] };
		i++;
	}
	del_lvs(c, ids, nid);
	return commit_steps(c, false, true);
}

static int replace_common(struct vol_lv *lv, bool repair, const bool *old, bool named,
			  const struct vol_pv_spec *specs, size_t n)
{
	bool mark[VOL_RAID_MAX_LEGS];
	struct md_seg *seg;
	struct conv c;
	uint32_t count;
	int r;

	if ((r = conv_raid(&c, lv, &seg)))
		return r;
	if ((r = can_replace(&c)))
		return r;
	count = mark_legs(&c, seg, old, repair, mark);
	if (!count)
		return none_to(&c, named, "replace") < 0 ? -EINVAL : 0;
	if (count == seg->device_count) {
		log_err(c.vg->ctx, "Unable to replace all PVs from %s at once.", c.full);
		return -EINVAL;
	}
	return replace_marked(&c, mark, count, specs, n);
}

VOL_EXPORT int vol_lv_raid_repair(struct vol_lv *lv, const struct vol_pv_spec *pvs, size_t n_pvs)
{
	return replace_common(lv, true, NULL, false, pvs, n_pvs);
}

/* PV names (paths or UUIDs) as a PV set. */
static int names_set(struct vol_vg *vg, const char *const *names, size_t n, bool **out)
{
	struct vol_pv_spec *specs = calloc(n + 1, sizeof(*specs));
	int r;

	if (!specs)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		specs[i].pv = names[i];
	r = lv_pv_flags(vg, specs, n, out);
	free(specs);
	return r;
}

VOL_EXPORT int vol_lv_raid_replace(struct vol_lv *lv, const char *const *old, size_t n_old,
				   const struct vol_pv_spec *pvs, size_t n_pvs)
{
	bool *set = NULL;
	int r;

	if (lv->idx < 0)
		return -ENOENT;
	if ((r = names_set(lv->vg, old, n_old, &set)))
		return r;
	r = replace_common(lv, false, set, n_old > 0, pvs, n_pvs);
	free(set);
	return r;
}

VOL_EXPORT int vol_lv_raid_rebuild(struct vol_lv *lv, const char *const *pvs, size_t n_pvs)
{
	bool mark[VOL_RAID_MAX_LEGS], *set = NULL;
	struct md_seg *seg;
	struct conv c;
	uint32_t count;
	int r;

	if ((r = conv_raid(&c, lv, &seg)))
		return r;
	if ((r = names_set(c.vg, pvs, n_pvs, &set)) || (r = can_replace(&c)))
		goto out;
	count = mark_legs(&c, seg, set, false, mark);
	if (!count) {
		r = none_to(&c, n_pvs > 0, "rebuild") < 0 ? -EINVAL : 0;
	} else if (count == seg->device_count) {
		log_err(c.vg->ctx, "Unable to rebuild all PVs from %s at once.", c.full);
		r = -EINVAL;
	} else {
		for (uint32_t k = 0; k < seg->device_count; k++)
			for (int i = 0; i < 2 && mark[k]; i++)
				if ((i ? seg->pairs[k].meta : seg->pairs[k].image) >= 0)
					c.vg->md->lvs[i ? seg->pairs[k].meta : seg->pairs[k].image]
						.status.known |= MD_LV_REBUILD;
		r = commit_steps(&c, true, true);
	}
out:
	free(set);
	return r;
}
