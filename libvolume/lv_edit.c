/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Small LV edits in memory: remove (with its hidden sub-LVs), rename (and
 * the sub-LVs named after it), tags, permission, allocation policy.  What
 * an edit means for an active LV (deactivate, rename, reload) is done at
 * vol_vg_commit().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dm.h"
#include "inuse.h"
#include "activate.h"
#include "lvedit.h"
#include "snap.h"
#include "table.h"

/*
 * The hidden LV a value of an unknown segment names (raid0's raid0_lvs and
 * the like: such segments are kept as written), or -1.
 */
static int32_t raw_ref(const struct md_vg *m, const struct md_cv *v)
{
	int32_t i = v->type == MD_CV_STRING ? md_vg_find_lv(m, v->s) : -1;

	return i >= 0 && !(m->lvs[i].status.known & MD_LV_VISIBLE) ? i : -1;
}

/* Does unknown segment @seg name hidden LV @l? */
static bool raw_names(const struct md_vg *m, const struct md_seg *seg, uint32_t l)
{
	for (const struct md_cn *c = seg->raw ? seg->raw->child : NULL; c; c = c->next)
		for (const struct md_cv *v = c->v; v; v = v->next)
			if (raw_ref(m, v) == (int32_t)l)
				return true;
	return false;
}

/* Is LV @l used by another LV (a raid image or metadata sub-LV)? */
static int32_t user_of(const struct md_vg *m, uint32_t l)
{
	for (uint32_t i = 0; i < m->n_lvs; i++)
		for (uint32_t s = 0; s < m->lvs[i].n_segs; s++) {
			const struct md_seg *seg = &m->lvs[i].segs[s];

			for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
				if (seg->pairs[k].meta == (int32_t)l || seg->pairs[k].image == (int32_t)l)
					return (int32_t)i;
			for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++)
				if (seg->areas[a].lv == (int32_t)l)
					return (int32_t)i;
			if (seg->type == MD_SEG_OTHER && raw_names(m, seg, l))
				return (int32_t)i;
		}
	return -1;
}

char lv_raid_role(const struct md_vg *m, uint32_t l)
{
	for (uint32_t i = 0; i < m->n_lvs; i++)
		for (uint32_t s = 0; s < m->lvs[i].n_segs; s++) {
			const struct md_seg *seg = &m->lvs[i].segs[s];

			for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++) {
				if (seg->pairs[k].image == (int32_t)l)
					return 'i';
				if (seg->pairs[k].meta == (int32_t)l)
					return 'e';
			}
			if (seg->type == MD_SEG_OTHER && !strncmp(seg->type_name, "raid", 4) &&
			    raw_names(m, seg, l))
				return strstr(m->lvs[l].name, "_rmeta_") ? 'e' : 'i';
		}
	return 0;
}

/* Marks LV @l and every sub-LV under it in @doomed. */
static void mark_tree(const struct md_vg *m, uint32_t l, bool *doomed, unsigned depth)
{
	if (doomed[l] || depth > 8)
		return;
	doomed[l] = true;
	for (uint32_t s = 0; s < m->lvs[l].n_segs; s++) {
		const struct md_seg *seg = &m->lvs[l].segs[s];

		for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++) {
			if (seg->pairs[k].meta >= 0)
				mark_tree(m, (uint32_t)seg->pairs[k].meta, doomed, depth + 1);
			if (seg->pairs[k].image >= 0)
				mark_tree(m, (uint32_t)seg->pairs[k].image, doomed, depth + 1);
		}
		for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++)
			if (seg->areas[a].lv >= 0)
				mark_tree(m, (uint32_t)seg->areas[a].lv, doomed, depth + 1);
		for (const struct md_cn *c = seg->type == MD_SEG_OTHER && seg->raw ? seg->raw->child
										  : NULL;
		     c; c = c->next)
			for (const struct md_cv *v = c->v; v; v = v->next)
				if (raw_ref(m, v) >= 0)
					mark_tree(m, (uint32_t)raw_ref(m, v), doomed, depth + 1);
	}
}

/* Does section @raw hold the string @s as a value of one of its keys? */
static bool raw_holds(const struct md_cn *raw, const char *s)
{
	for (const struct md_cn *c = raw ? raw->child : NULL; c; c = c->next)
		for (const struct md_cv *v = c->v; v; v = v->next)
			if (v->type == MD_CV_STRING && !strcmp(v->s, s))
				return true;
	return false;
}

/* Unknown segments of the LVs in @tree that name @old name @to instead.
 * The section is copied first: the committed model shares it, and the
 * export keeps an LV's old text while its segments compare equal. */
static int rename_raw_refs(struct vol_vg *vg, const bool *tree, const char *old, const char *to)
{
	struct md_vg *m = vg->md;

	for (uint32_t i = 0; i < m->n_lvs; i++)
		for (uint32_t s = 0; tree[i] && s < m->lvs[i].n_segs; s++) {
			struct md_seg *seg = &m->lvs[i].segs[s];

			if (seg->type != MD_SEG_OTHER || !raw_holds(seg->raw, old))
				continue;
			if (!(seg->raw = md_cn_clone(vg->arena, seg->raw, false)))
				return -ENOMEM;
			for (struct md_cn *c = seg->raw->child; c; c = c->next)
				for (struct md_cv *v = c->v; v; v = v->next)
					if (v->type == MD_CV_STRING && !strcmp(v->s, old))
						v->s = to;
		}
	return 0;
}

int lv_attached(const struct vol_lv *lv)
{
	if (lv->idx >= 0)
		return 0;
	log_err(lv->vg->ctx, "Logical volume %s has been removed.", lv->md.name);
	return -ENOENT;
}

int lv_editable(struct vol_lv *lv)
{
	int r = need_write(lv->vg);

	return r ? r : lv_attached(lv);
}

/* Takes LVs marked in @doomed out of the model, then syncs the handles. */
static int drop_marked(struct vol_vg *vg, bool *doomed)
{
	for (uint32_t i = vg->md->n_lvs; i--;)
		if (doomed[i])
			md_vg_del_lv(vg->md, i);
	free(doomed);
	return vg_sync_handles(vg);
}

/* Is LV @l's device in the kernel?  false without device-mapper (as on a host without it). */
static bool lv_live(struct vol_vg *vg, int32_t l)
{
	struct act_state st;

	if (l < 0 || vg->ctx->test_mode || vg->ctx->no_activation)
		return false;
	return !act_state(vg, (uint32_t)l, false, &st) && st.exists;
}

/* Is origin @origin, or one of its snapshots, in the kernel? */
static bool stack_live(struct vol_vg *vg, uint32_t origin)
{
	const struct md_vg *m = vg->md;

	if (lv_live(vg, (int32_t)origin))
		return true;
	for (int32_t s = snap_next(m, origin, -1); s >= 0; s = snap_next(m, origin, s))
		if (lv_live(vg, snap_cow(m, (uint32_t)s)))
			return true;
	return false;
}

/*
 * lvm2's snapshot removal: the snapshot device and its COW layer go (the
 * origin stays live), then the "snapshotN" LV and its COW LV.
 */
static int remove_snapshot(struct vol_vg *vg, uint32_t snap)
{
	int32_t cow = snap_cow(vg->md, snap);
	struct act_opts o;
	bool *doomed;
	int r;

	if (lv_live(vg, cow)) {
		act_opts_init(&o);
		if ((r = lv_idx_check_not_open(vg, (uint32_t)cow)) ||
		    (r = act_deactivate_snapshot(vg, (uint32_t)cow, &o)))
			return r;
	}
	if (!(doomed = calloc(vg->md->n_lvs, sizeof(*doomed))))
		return -ENOMEM;
	mark_tree(vg->md, snap, doomed, 0);
	if (cow >= 0)
		doomed[cow] = true;
	return drop_marked(vg, doomed);
}

/* lvm2's lv_remove_with_dependencies() of an origin: its snapshots go with it. */
static int remove_origin(struct vol_vg *vg, uint32_t origin)
{
	const struct md_vg *m = vg->md;
	struct act_opts o;
	bool *doomed;
	int r;

	if (stack_live(vg, origin)) {
		act_opts_init(&o);
		if ((r = lv_idx_check_not_open(vg, origin)) || (r = act_deactivate(vg, origin, &o)))
			return r;
	}
	if (!(doomed = calloc(m->n_lvs, sizeof(*doomed))))
		return -ENOMEM;
	for (int32_t s = snap_next(m, origin, -1); s >= 0; s = snap_next(m, origin, s)) {
		mark_tree(m, (uint32_t)s, doomed, 0);
		if (snap_cow(m, (uint32_t)s) >= 0)
			doomed[snap_cow(m, (uint32_t)s)] = true;
	}
	mark_tree(m, origin, doomed, 0);
	return drop_marked(vg, doomed);
}

/* Snapshots, origins and a snapshot with a virtual origin (which goes with it, as lvm2). */
static int remove_stack(struct vol_lv *lv, bool *done)
{
	const struct md_vg *m = lv->vg->md;
	uint32_t l = (uint32_t)lv->idx;
	int32_t snap = snap_is_snapshot(m, l) ? (int32_t)l : snap_of_cow(m, l), origin;

	*done = true;
	if (snap >= 0) {
		origin = snap_origin(m, (uint32_t)snap);
		if (origin < 0 || !snap_virtual_origin(m, (uint32_t)origin))
			return remove_snapshot(lv->vg, (uint32_t)snap);
		l = (uint32_t)origin;
	}
	if (snap_count(m, l))
		return remove_origin(lv->vg, l);
	*done = false;
	return 0;
}

VOL_EXPORT int vol_lv_remove(struct vol_lv *lv)
{
	struct md_vg *m = lv->vg->md;
	char full[2 * MD_NAME_LEN];
	bool *doomed, done;
	int32_t user;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	if ((r = remove_stack(lv, &done)) || done)
		return r;
	if ((user = user_of(m, (uint32_t)lv->idx)) >= 0) {
		lv_full_name(lv->vg, &lv->md, full, sizeof(full));
		if (lv_raid_role(m, (uint32_t)lv->idx))
			log_err(lv->vg->ctx, "Can't remove logical volume %s used as RAID device.", full);
		else
			log_err(lv->vg->ctx, "Can't remove logical volume %s used by %s.", full,
				m->lvs[user].name);
		return -EBUSY;
	}
	if ((r = lv_check_not_open(lv)) || (r = lv_deactivate_for_removal(lv)))
		return r;
	if (!(doomed = calloc(m->n_lvs, sizeof(*doomed))))
		return -ENOMEM;
	mark_tree(m, (uint32_t)lv->idx, doomed, 0);
	return drop_marked(lv->vg, doomed);
}

VOL_EXPORT unsigned vol_lv_snapshot_count(const struct vol_lv *lv)
{
	return lv->idx >= 0 ? snap_count(lv->vg->md, (uint32_t)lv->idx) : 0;
}

/* Renames @from's sub-LVs "<from>_x" to "<to>_x", as lvm2 keeps them named after their LV. */
static int rename_subs(struct vol_vg *vg, uint32_t l, const char *from, const char *to)
{
	size_t n = strlen(from);
	bool *tree = calloc(vg->md->n_lvs, sizeof(*tree));
	int r = 0;

	if (!tree)
		return -ENOMEM;
	mark_tree(vg->md, l, tree, 0);
	for (uint32_t i = 0; i < vg->md->n_lvs && !r; i++) {
		struct md_lv *s = &vg->md->lvs[i];
		char name[2 * MD_NAME_LEN], *nn;

		if (!tree[i] || i == l || strncmp(s->name, from, n) || s->name[n] != '_')
			continue;
		snprintf(name, sizeof(name), "%s%s", to, s->name + n);
		if (!(nn = md_arena_strdup(vg->arena, name)) ||
		    (r = rename_raw_refs(vg, tree, s->name, nn)))
			r = r ? r : -ENOMEM;
		else
			s->name = nn;
	}
	free(tree);
	return r;
}

/* The snapshot segments that name @old as their origin or COW name @to. */
static int rename_snap_refs(struct vol_vg *vg, const char *old, const char *to)
{
	bool *all = malloc(vg->md->n_lvs * sizeof(*all) + 1);
	int r;

	if (!all)
		return -ENOMEM;
	for (uint32_t i = 0; i < vg->md->n_lvs; i++)
		all[i] = snap_is_snapshot(vg->md, i);
	r = rename_raw_refs(vg, all, old, to);
	free(all);
	return r;
}

/* Snapshot @cow (renamed from @old) takes its virtual origin "<old>_vorigin"
 * along, as lvm2 does. */
static int rename_vorigin(struct vol_vg *vg, uint32_t cow, const char *old)
{
	int32_t snap = snap_of_cow(vg->md, cow), o;
	char was[2 * MD_NAME_LEN], now[2 * MD_NAME_LEN];
	struct md_lv *v;

	if (snap < 0 || (o = snap_origin(vg->md, (uint32_t)snap)) < 0 ||
	    !snap_virtual_origin(vg->md, (uint32_t)o))
		return 0;
	v = &vg->md->lvs[o];
	snprintf(was, sizeof(was), "%s_vorigin", old);
	snprintf(now, sizeof(now), "%s_vorigin", vg->md->lvs[cow].name);
	if (strcmp(v->name, was) || md_vg_find_lv(vg->md, now) >= 0)
		return 0;
	if (!(v->name = md_arena_strdup(vg->arena, now)))
		return -ENOMEM;
	return rename_snap_refs(vg, was, v->name);
}

VOL_EXPORT int vol_lv_rename(struct vol_lv *lv, const char *new_name)
{
	struct vol_vg *vg = lv->vg;
	struct md_lv *m;
	const char *why, *old;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	m = &vg->md->lvs[lv->idx];
	old = m->name;
	if (!strcmp(old, new_name)) {
		log_err(vg->ctx, "Old and new logical volume names must differ");
		return -EINVAL;
	}
	if (md_name_check(new_name, &why)) {
		log_err(vg->ctx, "New logical volume name \"%s\" is invalid", new_name);
		return -EINVAL;
	}
	if ((why = vol_lv_name_reserved(new_name))) {
		log_err(vg->ctx, "Names %s \"%s\" are reserved. Please choose a different LV name.",
			why[0] == '_' ? "including" : "starting", why);
		return -EINVAL;
	}
	if (lv_raid_role(vg->md, (uint32_t)lv->idx)) {
		log_err(vg->ctx, "Cannot rename a RAID %s directly",
			lv_raid_role(vg->md, (uint32_t)lv->idx) == 'i' ? "image" : "metadata area");
		return -EINVAL;
	}
	if (!snap_listed(vg->md, (uint32_t)lv->idx)) {
		log_err(vg->ctx, "Cannot rename internal LV \"%s\".", old);
		return -EINVAL;
	}
	if (md_vg_find_lv(vg->md, new_name) >= 0) {
		log_err(vg->ctx, "Logical Volume \"%s\" already exists in volume group \"%s\"", new_name,
			vg->md->name);
		return -EEXIST;
	}
	if (strlen(vg->md->name) + strlen(new_name) + 3 >= MD_NAME_LEN) {	/* as lvcreate */
		log_err(vg->ctx, "LV name \"%s/%s\" length %zu is not supported.", vg->md->name,
			new_name, strlen(vg->md->name) + strlen(new_name) + 3);
		return -EINVAL;
	}
	if (!(m->name = md_arena_strdup(vg->arena, new_name)) ||
	    (r = rename_subs(vg, (uint32_t)lv->idx, old, new_name)) ||
	    (r = rename_snap_refs(vg, old, m->name)) ||
	    (r = rename_vorigin(vg, (uint32_t)lv->idx, old)))
		return r ? r : -ENOMEM;
	return vg_sync_handles(vg);
}

static int lv_tag_edit(struct vol_lv *lv, const char *tag, bool add)
{
	struct md_lv *m;
	const char *why;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	if (md_tag_check(tag, &why)) {
		log_err(lv->vg->ctx, "Invalid tag \"%s\": %s.", tag, why);
		return -EINVAL;
	}
	m = &lv->vg->md->lvs[lv->idx];
	if (add && !md_strv_has(&m->tags, tag) && md_strv_add(lv->vg->arena, &m->tags, tag))
		return -ENOMEM;
	if (!add)
		md_strv_del(&m->tags, tag);
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int vol_lv_add_tag(struct vol_lv *lv, const char *tag)
{
	return lv_tag_edit(lv, tag, true);
}

VOL_EXPORT int vol_lv_del_tag(struct vol_lv *lv, const char *tag)
{
	return lv_tag_edit(lv, tag, false);
}

VOL_EXPORT int vol_lv_set_read_only(struct vol_lv *lv, bool read_only)
{
	struct md_lv *m;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	m = &lv->vg->md->lvs[lv->idx];
	if (read_only)
		m->status.known &= ~(uint32_t)MD_LV_WRITE;
	else
		m->status.known |= MD_LV_WRITE;
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int vol_lv_set_alloc(struct vol_lv *lv, enum vol_alloc alloc)
{
	struct md_lv *m;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	m = &lv->vg->md->lvs[lv->idx];
	m->alloc_policy = alloc == VOL_ALLOC_INHERIT ? NULL
			  : md_arena_strdup(lv->vg->arena, vol_alloc_name(alloc));
	if (alloc != VOL_ALLOC_INHERIT && !m->alloc_policy)
		return -ENOMEM;
	return vg_sync_handles(lv->vg);
}

int lv_idx_check_not_open(struct vol_vg *vg, uint32_t l)
{
	char uuid[DMT_UUID_LEN], full[2 * MD_NAME_LEN];
	struct dm_id id = { NULL, uuid };
	struct dm_state st;

	if (dmt_uuid(vg->md->id, vg->md->lvs[l].id, NULL, uuid, sizeof(uuid)) ||
	    ctx_dm(vg->ctx)->info(vg->ctx, &id, &st) || !st.exists || st.open_count <= 0)
		return 0;
	log_err(vg->ctx, "Logical volume %s %s.", lv_full_name(vg, &vg->md->lvs[l], full, sizeof(full)),
		dev_busy_why(st.devno));
	return -EBUSY;
}

int lv_check_not_open(struct vol_lv *lv)
{
	return lv_idx_check_not_open(lv->vg, (uint32_t)lv->idx);
}
