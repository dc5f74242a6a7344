/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LVs and the kernel, for library users: activation, state, wiping the
 * start of a new LV, the filesystem on it; and the live part of a VG
 * commit: an edit that changes how an active LV maps (resize, permission)
 * is loaded, the LV suspended, the metadata committed and the LV resumed
 * (activate.c, act_change), and an active LV that was renamed is renamed
 * in the kernel after the commit.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "activate.h"
#include "archive.h"
#include "ctx.h"
#include "dm.h"
#include "io.h"
#include "lvedit.h"
#include "probe.h"
#include "pvinit.h"
#include "raid.h"
#include "snap.h"

#define ZERO_START 4096u

static enum dmt_mode dmt_mode_of(enum vol_activation_mode m)
{
	return m == VOL_ACTIVATE_COMPLETE ? DMT_MODE_COMPLETE
	       : m == VOL_ACTIVATE_PARTIAL ? DMT_MODE_PARTIAL : DMT_MODE_DEGRADED;
}

VOL_EXPORT int vol_lv_activate(struct vol_lv *lv, enum vol_activation_mode mode)
{
	struct act_opts o;
	int r = lv_attached(lv);

	if (r || lv->vg->ctx->test_mode || lv->vg->ctx->no_activation)
		return r;
	act_opts_init(&o);
	o.mode = dmt_mode_of(mode);
	o.nosync = lv->first_nosync;
	if (!(r = act_activate(lv->vg, (uint32_t)lv->idx, &o)))
		lv->first_nosync = false;
	return r;
}

VOL_EXPORT int vol_lv_deactivate(struct vol_lv *lv)
{
	struct act_opts o;
	int r = lv_attached(lv);

	if (r || lv->vg->ctx->test_mode || lv->vg->ctx->no_activation)
		return r;
	act_opts_init(&o);
	return act_deactivate(lv->vg, (uint32_t)lv->idx, &o);
}

VOL_EXPORT int vol_lv_check_not_open(struct vol_lv *lv)
{
	int r = lv_attached(lv);

	if (r || lv->vg->ctx->no_activation)
		return r;
	return lv_check_not_open(lv);
}

static int no_commit(void *arg)
{
	(void)arg;
	return 0;
}

VOL_EXPORT int vol_lv_refresh_mode(struct vol_lv *lv, enum vol_activation_mode mode)
{
	struct act_opts o;
	int r = lv_attached(lv);

	if (r || lv->vg->ctx->test_mode || lv->vg->ctx->no_activation)
		return r;
	act_opts_init(&o);
	/* lvm2 refreshes a partial LV only in partial mode (_lv_refresh_suspend_resume) */
	o.mode = mode == VOL_ACTIVATE_PARTIAL ? DMT_MODE_PARTIAL : DMT_MODE_COMPLETE;
	o.refresh = true;
	return act_change(lv->vg, (uint32_t)lv->idx, &o, no_commit, NULL);
}

VOL_EXPORT int vol_lv_refresh(struct vol_lv *lv)
{
	return vol_lv_refresh_mode(lv, VOL_ACTIVATE_DEGRADED);
}

VOL_EXPORT int vol_lv_mknodes(struct vol_lv *lv)
{
	struct act_opts o;
	int r = lv_attached(lv);

	if (r || lv->vg->ctx->test_mode || lv->vg->ctx->no_activation)
		return r;
	act_opts_init(&o);
	return act_mknodes(lv->vg, (uint32_t)lv->idx, &o);
}

VOL_EXPORT int vol_dm_mknodes(struct vol_ctx *ctx)
{
	struct act_opts o;

	if (ctx->test_mode || ctx->no_activation)
		return 0;
	act_opts_init(&o);
	return act_mknodes_all(ctx, &o);
}

VOL_EXPORT int vol_lv_state(struct vol_lv *lv, struct vol_lv_state *out)
{
	struct act_state st;
	int r;

	memset(out, 0, sizeof(*out));
	out->read_ahead = -1;
	if ((r = lv_attached(lv)) || (r = act_state(lv->vg, (uint32_t)lv->idx, false, &st)))
		return r;
	out->active = st.active;
	out->suspended = st.suspended;
	out->read_only = st.read_only;
	out->live_table = st.active;
	out->inactive_table = st.inactive_table;
	out->open_count = st.open_count;
	out->major = st.exists ? major(st.devno) : 0;
	out->minor = st.exists ? minor(st.devno) : 0;
	return 0;
}

bool vg_lvs_active(struct vol_vg *vg)
{
	struct act_state st;

	if (vg->ctx->no_activation)
		return false;
	for (uint32_t i = 0; i < vg->md->n_lvs; i++)
		if (!act_state(vg, i, false, &st) && st.exists)
			return true;
	return false;
}

static int zero_start(struct vol_ctx *ctx, const char *path, uint64_t *len)
{
	struct iodev io;
	int r = io_open(&io, path, O_RDWR);

	*len = ZERO_START;
	if (r)
		return r;
	log_verbose(ctx, "Initializing 4.00 KiB of %s with value 0.", path);
	*len = io.size < ZERO_START ? io.size : ZERO_START;
	r = io_zero(&io, 0, *len);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	return r;
}

VOL_EXPORT int vol_lv_wipe(struct vol_lv *lv, unsigned flags)
{
	struct vol_ctx *ctx = lv->vg->ctx;
	const char *path = *vol_lv_path(lv) ? vol_lv_path(lv) : vol_lv_dm_path(lv);
	uint64_t len;
	int r = lv_attached(lv);

	if (r || ctx->test_mode)
		return r;
	if ((flags & VOL_WIPE_SIGNATURES) &&
	    ((r = ask_signatures(ctx, path, "DM_snapshot_cow")) || (r = wipe_signatures(ctx, path)))) {
		log_err(ctx, "Failed to wipe signatures on logical volume %s/%s.", lv->vg->md->name,
			lv->md.name);
		return r;
	}
	/* lvm2's words (scripts and its tests grep "Failed to initialize") */
	if ((flags & VOL_WIPE_ZERO_START) && (r = zero_start(ctx, vol_lv_dm_path(lv), &len)))
		log_err(ctx, "Failed to initialize logical volume %s/%s at position 0 and size %" PRIu64
			" (%s).", lv->vg->md->name, lv->md.name, len, strerror(-r));
	return r;
}

/* Where the LV's first extents are on their PV: path, byte offset and length. */
static int first_area(const struct vol_lv *lv, const char **path, uint64_t *off, uint64_t *len)
{
	const struct vol_vg *vg = lv->vg;
	uint64_t es = vg->md->extent_size * SECTOR;
	const struct md_seg *s = lv->md.n_segs ? &lv->md.segs[0] : NULL;
	const struct md_pv *pv;

	if (!s || s->type != MD_SEG_STRIPED || s->areas[0].pv < 0 ||
	    !vg->slots[s->areas[0].pv].present)
		return -ENOENT;
	pv = &vg->md->pvs[s->areas[0].pv];
	*path = vg->slots[s->areas[0].pv].d.path;
	*off = pv->pe_start * SECTOR + s->areas[0].start * es;
	*len = s->stripe_count > 1 ? s->stripe_size * SECTOR : s->extent_count * es;
	return 0;
}

VOL_EXPORT int vol_lv_filesystem(struct vol_lv *lv, char *type, size_t len)
{
	struct vol_lv_state st;
	const char *path;
	uint64_t off, n;
	int r;

	*type = '\0';
	if ((r = lv_attached(lv)))
		return r;
	if (!vol_lv_state(lv, &st) && st.active)
		return probe_type_at(lv->vg->ctx, vol_lv_dm_path(lv), 0, 0, type, len);
	if (first_area(lv, &path, &off, &n))
		return 0;	/* raid or a missing PV: nothing we can read in place */
	return probe_type_at(lv->vg->ctx, path, off, n, type, len);
}

int lv_deactivate_for_removal(struct vol_lv *lv)
{
	struct act_state st;
	struct act_opts o;

	if (lv->vg->ctx->test_mode || act_state(lv->vg, (uint32_t)lv->idx, false, &st) || !st.exists)
		return 0;
	act_opts_init(&o);
	return act_deactivate(lv->vg, (uint32_t)lv->idx, &o);
}

/* ---------------------------------------------------------------- live changes at commit */

static int32_t lv_by_id(const struct md_vg *m, const char *id)
{
	for (uint32_t i = 0; i < m->n_lvs; i++)
		if (!strcmp(m->lvs[i].id, id))
			return (int32_t)i;
	return -1;
}

/* lv_by_id, looking first where the LV was (@hint) or one place off: an edit
 * adds or removes an LV at most, so the search stays linear in LVs. */
static int32_t lv_near(const struct md_vg *m, const char *id, uint32_t hint)
{
	for (uint32_t k = hint ? hint - 1 : 0; k <= hint + 1 && k < m->n_lvs; k++)
		if (!strcmp(m->lvs[k].id, id))
			return (int32_t)k;
	return lv_by_id(m, id);
}

static bool same_pv(const struct md_vg *a, int32_t pa, const struct md_vg *b, int32_t pb)
{
	return pa < 0 || pb < 0 ? pa == pb : !strcmp(a->pvs[pa].id, b->pvs[pb].id);
}

static bool same_lv(const struct md_vg *a, int32_t la, const struct md_vg *b, int32_t lb)
{
	return la < 0 || lb < 0 ? la == lb : !strcmp(a->lvs[la].id, b->lvs[lb].id);
}

static bool seg_same(const struct md_vg *a, const struct md_seg *x, const struct md_vg *b,
		     const struct md_seg *y)
{
	if (x->start_extent != y->start_extent || x->extent_count != y->extent_count ||
	    x->type != y->type || strcmp(x->type_name, y->type_name))
		return false;
	if (x->type == MD_SEG_STRIPED) {
		if (x->stripe_count != y->stripe_count || x->stripe_size != y->stripe_size)
			return false;
		for (uint32_t i = 0; i < x->stripe_count; i++)
			if (x->areas[i].start != y->areas[i].start ||
			    !same_pv(a, x->areas[i].pv, b, y->areas[i].pv) ||
			    !same_lv(a, x->areas[i].lv, b, y->areas[i].lv))
				return false;
	} else if (x->type == MD_SEG_RAID1) {
		if (x->device_count != y->device_count || x->region_size != y->region_size ||
		    x->writebehind != y->writebehind || x->min_recovery_rate != y->min_recovery_rate ||
		    x->max_recovery_rate != y->max_recovery_rate ||
		    x->has_data_offset != y->has_data_offset || x->data_offset != y->data_offset)
			return false;
		for (uint32_t i = 0; i < x->device_count; i++)
			if (!same_lv(a, x->pairs[i].meta, b, y->pairs[i].meta) ||
			    !same_lv(a, x->pairs[i].image, b, y->pairs[i].image))
				return false;
	} else if (x->raw != y->raw && (!x->raw || !y->raw || !md_cn_equal(x->raw, y->raw))) {
		return false;	/* kept as written (an old-style mirror lost images...) */
	}
	return true;
}

/* Does LV @lb of @b map differently from LV @la of @a (its sub-LVs included)? */
static bool tree_changed(const struct md_vg *a, uint32_t la, const struct md_vg *b, uint32_t lb,
			 unsigned depth)
{
	const struct md_lv *x = &a->lvs[la], *y = &b->lvs[lb];

	/* in tables; REBUILD too, but lvm2 drops it from the metadata without a
	 * reload after adding legs (raid_manip.c _raid_add_images), so the
	 * raid code reloads itself where lvm2 does */
	const uint32_t mapped = MD_LV_WRITE | MD_LV_WRITEMOSTLY;

	if (depth > 8)
		return false;
	if (x->n_segs != y->n_segs || (x->status.known & mapped) != (y->status.known & mapped))
		return true;
	for (uint32_t s = 0; s < y->n_segs; s++) {
		const struct md_seg *seg = &y->segs[s];

		if (!seg_same(a, &x->segs[s], b, seg))
			return true;
		for (uint32_t i = 0; seg->type == MD_SEG_STRIPED && i < seg->stripe_count; i++)
			if (seg->areas[i].lv >= 0 &&
			    tree_changed(a, (uint32_t)x->segs[s].areas[i].lv, b, (uint32_t)seg->areas[i].lv,
					 depth + 1))
				return true;
		for (uint32_t i = 0; seg->type == MD_SEG_RAID1 && i < seg->device_count; i++)
			if ((seg->pairs[i].image >= 0 &&
			     tree_changed(a, (uint32_t)x->segs[s].pairs[i].image, b,
					  (uint32_t)seg->pairs[i].image, depth + 1)) ||
			    (seg->pairs[i].meta >= 0 &&
			     tree_changed(a, (uint32_t)x->segs[s].pairs[i].meta, b,
					  (uint32_t)seg->pairs[i].meta, depth + 1)))
				return true;
	}
	return false;
}

struct live {
	struct vol_vg *vg;
	uint32_t *change, *rename;	/* LV indices: remap live, rename after the commit */
	size_t n_change, n_rename, next;
	int (*commit)(struct vol_vg *vg);
};

/* Has a raid1 sub-LV of LV @i a new name (legs renumbered)? */
static bool subs_renamed(const struct md_vg *old, const struct md_vg *m, uint32_t i)
{
	for (uint32_t s = 0; s < m->lvs[i].n_segs; s++) {
		const struct md_seg *seg = &m->lvs[i].segs[s];

		for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
			for (int j = 0; j < 2; j++) {
				int32_t l = j ? seg->pairs[k].meta : seg->pairs[k].image, o;

				if (l >= 0 && (o = lv_by_id(old, m->lvs[l].id)) >= 0 &&
				    strcmp(old->lvs[o].name, m->lvs[l].name))
					return true;
			}
	}
	return false;
}

/* Visible LVs (and snapshots) that exist in the old metadata and are active:
 * remapped or renamed. */
static int live_candidates(struct live *l)
{
	const struct md_vg *old = l->vg->old, *m = l->vg->md;
	bool *was_origin = NULL, *is_origin = NULL;
	int r = 0;

	if (!(l->change = calloc(m->n_lvs + 1, sizeof(*l->change))) ||
	    !(l->rename = calloc(m->n_lvs + 1, sizeof(*l->rename))))
		return -ENOMEM;
	/* origins, once per model: asking per LV would be quadratic in LVs */
	if (old && (!(was_origin = snap_origins(old)) || !(is_origin = snap_origins(m))))
		r = -ENOMEM;
	for (uint32_t i = 0; !r && old && i < m->n_lvs; i++) {
		int32_t o = lv_near(old, m->lvs[i].id, i);
		struct act_state st;
		bool remap, renamed, cow;

		cow = !(m->lvs[i].status.known & MD_LV_VISIBLE);
		if (o < 0 || (cow && !snap_listed(m, i)))
			continue;
		/* an origin whose last snapshot went: plain again (lvm2 reloads it);
		 * a snapshot (its COW LV, not VISIBLE) is only renamed live */
		remap = !cow && (was_origin[o] != is_origin[i] ||
				 tree_changed(old, (uint32_t)o, m, i, 0));
		renamed = strcmp(old->lvs[o].name, m->lvs[i].name) || strcmp(old->name, m->name) ||
			  subs_renamed(old, m, i);
		if ((!remap && !renamed) || act_state(l->vg, i, false, &st) || !st.exists)
			continue;
		if (remap)
			l->change[l->n_change++] = i;
		if (renamed)
			l->rename[l->n_rename++] = i;
	}
	free(was_origin);
	free(is_origin);
	return r;
}

/* act_change() of the next LV, its commit step being the rest of the chain. */
static int chain(void *arg)
{
	struct live *l = arg;
	struct act_opts o;

	if (l->next == l->n_change)
		return l->commit(l->vg);
	act_opts_init(&o);
	return act_change(l->vg, l->change[l->next++], &o, chain, l);
}

/* Test mode: the tables a live change of LV @lv would load (sub-devices as 0:0). */
static void log_tables(struct vol_vg *vg, uint32_t lv)
{
	struct dmt_opts o = { .mode = DMT_MODE_PARTIAL, .pv_dev = act_pv_dev, .arg = vg };
	struct dmt_tree t = { 0 };
	struct md_buf b;

	if (dmt_plan(vg->md, lv, &o, &t))
		return;
	for (size_t i = 0; i < t.n; i++) {
		t.nodes[i].has_dev = true;	/* numbers exist only once created */
		md_buf_init(&b);
		if (!dmt_render(&t, i)) {
			dmt_table_text(&t.nodes[i].table, &b);
			if (!b.err && b.len)
				log_info(vg->ctx, "Test mode: would load %s: %.*s", t.nodes[i].name,
					 (int)b.len - 1, b.p);
		}
		md_buf_free(&b);
	}
	dmt_tree_free(&t);
}

int lv_commit_live(struct vol_vg *vg, int (*commit)(struct vol_vg *vg))
{
	struct live l = { .vg = vg, .commit = commit };
	struct md_vg *old = vg->old;
	int r = raid_zero_meta(vg, -1);	/* new rmeta sub-LVs, before anything uses them */

	if (r)
		return r;
	if (!old || (r = live_candidates(&l)) || (!l.n_change && !l.n_rename) || vg->ctx->test_mode) {
		for (size_t k = 0; !r && vg->ctx->test_mode && k < l.n_change; k++)
			log_tables(vg, l.change[k]);
		free(l.change);
		free(l.rename);
		return r ? r : commit(vg);
	}
	/*
	 * While devices are suspended, nothing may wait on them: the archive
	 * (perhaps in /etc on a suspended LV) is written before, the backup
	 * after (by the caller), and our memory stays resident.
	 */
	if (l.n_change && (r = archive_vg(vg)))
		goto out;
	vg->archived = l.n_change > 0;
	if (l.n_change && mlockall(MCL_CURRENT | MCL_FUTURE))
		log_debug(vg->ctx, "mlockall failed: %s", strerror(errno));
	r = chain(&l);
	if (l.n_change)
		munlockall();
	vg->archived = false;
	if (!r && l.n_rename)
		r = act_rename(vg, NULL, NULL);	/* new dm names, nodes and links */
out:
	free(l.change);
	free(l.rename);
	return r;
}
