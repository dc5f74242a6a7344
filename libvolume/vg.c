/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The VG handle's life: open (under its lock), commit, remove, close.
 * Membership changes are in vg_pvs.c, simple edits and getters in
 * vg_props.c, checks in check.c, restore in archive.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "activate.h"
#include "archive.h"
#include "commit.h"
#include "ctx.h"
#include "hints.h"
#include "lock.h"
#include "lvedit.h"
#include "vgobj.h"

/* A VG found by UUID is renamed while we lock its name: retry this often. */
#define RENAME_RETRIES 5

void free_slots(struct pvslot *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pvdev_free(&s[i].d);
	free(s);
}

VOL_EXPORT void vol_vg_close(struct vol_vg *vg)
{
	if (!vg)
		return;
	if (vg->locked)
		lock_put(vg->ctx, vg->lock_name);
	if (vg->old_locked)
		lock_put(vg->ctx, vg->old_name);
	if (vg->global_held)
		lock_put(vg->ctx, NULL);
	free_slots(vg->slots, vg->md ? vg->md->n_pvs : 0);
	free_slots(vg->gone, vg->n_gone);
	vg_free_handles(vg);
	free(vg->lock_name);
	free(vg->old_name);
	free(vg->old_body);
	md_arena_free(vg->arena);
	md_arena_free(vg->shared);
	free(vg);
}

struct vol_vg *vg_alloc(struct vol_ctx *ctx, const char *lock_name, unsigned flags)
{
	struct vol_vg *vg = calloc(1, sizeof(*vg));

	if (!vg)
		return NULL;
	vg->ctx = ctx;
	vg->flags = flags;
	if (!(vg->arena = md_arena_new()) || !(vg->lock_name = strdup(lock_name))) {
		vol_vg_close(vg);
		return NULL;
	}
	return vg;
}

/* A write handle for a VG that is about to be written from scratch (create,
 * restore): the global lock, then the VG lock, then a fresh scan. */
int vg_new_locked(struct vol_ctx *ctx, const char *name, struct vol_vg **out)
{
	struct vol_vg *vg;
	int r;

	*out = NULL;
	if (!(vg = vg_alloc(ctx, name, VOL_OPEN_WRITE)))
		return -ENOMEM;
	if ((r = lock_get(ctx, NULL, VLOCK_WRITE, false))) {
		vol_vg_close(vg);
		return r;
	}
	vg->global_held = true;
	if ((r = lock_get(ctx, name, VLOCK_WRITE, false))) {
		vol_vg_close(vg);
		return r;
	}
	vg->locked = true;
	vol_ctx_rescan(ctx);
	*out = vg;
	return 0;
}

static int check_writable(struct vol_vg *vg)
{
	struct vol_ctx *ctx = vg->ctx;
	const struct md_vg *m = vg->md;

	if (m->read_only) {
		log_err(ctx, "VG %s has status flags libvolume does not know; it is read-only.",
			m->name);
		return -EROFS;
	}
	if (!(m->status.known & MD_VG_WRITE)) {
		log_err(ctx, "Volume group %s is read-only.", m->name);
		return -EROFS;
	}
	if ((m->status.known & MD_VG_EXPORTED) && !(vg->flags & VOL_OPEN_EXPORTED)) {
		log_err(ctx, "Volume group %s is exported", m->name);	/* lvm2's words */
		return -EPERM;
	}
	for (uint32_t i = 0; i < m->n_pvs; i++) {
		struct sdev *s = vg->slots[i].present ? scan_find_uuid(ctx, m->pvs[i].id) : NULL;

		if (s && s->duplicate) {
			log_code(ctx, VOL_LOG_ERROR, VOL_MSG_PV_DUPLICATE, m->name,
				 "Cannot update volume group %s with duplicate PV devices.", m->name);
			return -ENOTUNIQ;
		}
	}
	if (vol_vg_missing_pv_count(vg) && !(vg->flags & VOL_OPEN_PARTIAL)) {
		log_code(ctx, VOL_LOG_ERROR, VOL_MSG_VG_MISSING_PVS, m->name,
			 "Cannot change VG %s while PVs are missing.", m->name);
		return -ENODEV;
	}
	return 0;
}

/*
 * A PV that carries metadata of VG @id (or belongs to it) but is not in
 * vg->md is orphaned at the next write: an ex-member left by a crash
 * between the commit and the orphan step of vgreduce, a PV that came back
 * after vgreduce --removemissing, or a PV a restored backup does not list.
 * Otherwise its copy could win a later scan.
 */
int adopt_stale_orphans(struct vol_vg *vg, const char *id)
{
	const struct sdev *d;

	for (size_t i = 0; (d = scan_dev(vg->ctx, i)); i++) {
		bool stale = (d->vg && !strcmp(d->vg->id, id)) || sdev_has_copy_of(d, id);
		struct pvslot *gone;

		if (!d->is_pv || d->duplicate || !stale || md_vg_find_pv(vg->md, d->d.label.uuid) >= 0 ||
		    (d->vg && strcmp(d->vg->id, id)))
			continue;
		if (!(gone = realloc(vg->gone, (vg->n_gone + 1) * sizeof(*gone))))
			return -ENOMEM;
		vg->gone = gone;
		memset(&gone[vg->n_gone], 0, sizeof(*gone));
		pvdev_copy(&gone[vg->n_gone].d, &d->d);
		gone[vg->n_gone].present = true;
		vg->n_gone++;
		log_warn(vg->ctx, "PV %s is not in VG %s but holds its metadata; "
			 "it becomes an orphan at the next update.", d->d.path, vg->md->name);
	}
	return vg_sync_handles(vg);
}

/* Warns once for each device of a duplicate PV the VG does not use. */
static void warn_twins(struct vol_ctx *ctx, const struct md_vg *m, const struct sdev *s)
{
	const struct sdev *t = scan_find_twin(ctx, s);
	char id[MD_UUID_STR_SIZE];

	if (!t)
		return;
	md_uuid_format(s->d.label.uuid, id);
	log_warn(ctx, "PV %s of VG %s is on both %s and %s; using %s.", id, m->name, s->d.path,
		 t->d.path, s->d.path);
}

/*
 * A PV the metadata marks MISSING (the VG was written while it was away)
 * whose device is back.  As in lvm2: unused, it simply rejoins (the mark
 * goes at the next write); holding extents, it stays missing until
 * vgextend --restoremissing, since its LVs may have changed meanwhile.
 * True if it stays missing.
 */
static bool reappeared(struct vol_vg *vg, uint32_t i, const struct sdev *s)
{
	struct md_pv *p = &vg->md->pvs[i];
	char id[MD_UUID_STR_SIZE];

	if (!(p->flags.known & MD_PVF_MISSING) && !(p->status.known & MD_PV_MISSING))
		return false;
	md_uuid_format(p->id, id);
	log_warn(vg->ctx, "VG %s was previously updated while PV %s was missing.", vg->md->name,
		 s->d.path);
	if (md_pv_used_extents(vg->md, i)) {
		log_warn(vg->ctx, "VG %s was missing PV %s %s.", vg->md->name, s->d.path, id);
		pvdev_copy(&vg->slots[i].d, &s->d);	/* named in reports, still missing */
		return true;
	}
	log_warn(vg->ctx, "VG %s has unused reappeared PV %s %s.", vg->md->name, s->d.path, id);
	p->flags.known &= ~MD_PVF_MISSING;
	p->status.known &= ~MD_PV_MISSING;
	vg->slots[i].reappeared = true;
	return false;
}

/* Copies what the scan read of member @i into its slot; false if missing. */
static int load_member(struct vol_vg *vg, const struct svg *g, uint32_t i)
{
	struct vol_ctx *ctx = vg->ctx;
	const struct md_pv *p = &vg->md->pvs[i];
	struct sdev *s = scan_find_member(ctx, g, p->id);
	char id[MD_UUID_STR_SIZE];

	if (!s) {
		md_uuid_format(p->id, id);
		if (p->device)
			log_warn(ctx, "VG %s is missing PV %s (last written to %s).", vg->md->name,
				 id, p->device);
		else
			log_warn(ctx, "VG %s is missing PV %s.", vg->md->name, id);
		return 0;
	}
	if (s->duplicate)
		warn_twins(ctx, vg->md, s);
	if (reappeared(vg, i, s))
		return 0;
	vg->slots[i].present = true;
	/* As lvm2: a copy that differs from the chosen one at the same seqno
	 * counts as damaged too (left alone until vgck --updatemetadata). */
	for (unsigned m = 0; m < s->d.n_mda && m < MD_MAX_MDAS; m++)
		vg->slots[i].mda_bad[m] = s->d.hdr_err[m] || s->t[m].err ||
					  (s->t[m].vg && s->t[m].vg != g->best &&
					   s->t[m].vg->seqno == g->best->seqno &&
					   !strcmp(s->t[m].vg->id, g->id));
	pvdev_copy(&vg->slots[i].d, &s->d);
	if (!vg->slots[i].d.path)
		return -ENOMEM;
	/* lvm2 marks member PVs in the header; fix it at the next write. */
	if (!(s->d.label.ext_flags & MD_PV_EXT_USED) || s->d.label.ext_version < MD_PV_EXT_VERSION)
		vg->slots[i].relabel = true;
	return 0;
}

VOL_EXPORT void vol_ctx_set_check_pv_sizes(struct vol_ctx *ctx, bool on)
{
	ctx->no_size_check = !on;
}

/* A device that shrank under its PV: what lies past its end is lost. */
void vg_check_pv_size(struct vol_vg *vg, uint32_t i)
{
	uint64_t pv = vg->md->pvs[i].dev_size, dev = vg->slots[i].d.size / SECTOR;

	if (!vg->ctx->no_size_check && vg->slots[i].present && dev < pv)
		log_warn_once(vg->ctx, VOL_MSG_OTHER, vg->slots[i].d.path, "Device %s has size of %"
			      PRIu64 " sectors which is smaller than corresponding PV size of %" PRIu64
			      " sectors. Was device resized?", vg->slots[i].d.path, dev, pv);
}

/* The committed text of vg->old, kept for the archive of the next commit. */
static int keep_old_body(struct vol_vg *vg)
{
	const struct mda_text *t = scan_text_of(vg->ctx, vg->old);
	const struct md_vg *m = vg->old;

	if (!t || !m->body_len || m->body_off > t->len || m->body_len > t->len - m->body_off)
		return 0;	/* archived from the model instead */
	if (!(vg->old_body = malloc(m->body_len)))
		return -ENOMEM;
	memcpy(vg->old_body, t->text + m->body_off, m->body_len);
	vg->old_body_len = m->body_len;
	/* The header after the VG section says who wrote it: another writer (lvm2
	 * too) may lay out or escape some values otherwise than our export. */
	vg->old_body_ours = memmem(t->text + m->body_off + m->body_len,
				   t->len - m->body_off - m->body_len, EXPORT_MARK,
				   sizeof(EXPORT_MARK) - 1) != NULL;
	return 0;
}

/* As lvm2 reading a VG: each member no device holds, before the rest. */
static void warn_unfound(struct vol_vg *vg, const struct svg *g)
{
	char id[MD_UUID_STR_SIZE];

	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		if (scan_find_member(vg->ctx, g, vg->md->pvs[i].id))
			continue;
		md_uuid_format(vg->md->pvs[i].id, id);
		log_warn(vg->ctx, "Couldn't find device with uuid %s.", id);
	}
}

static int load_vg(struct vol_vg *vg, struct svg *g)
{
	uint32_t n;
	int r;

	/* Nothing is copied for reading; a write handle edits a copy of the
	 * arrays, and both keep the scan's arena (its strings) alive. */
	vg->shared = md_arena_ref(vg->ctx->scan->arena);
	vg->old = g->best;
	vg->md = vg->flags & VOL_OPEN_WRITE ? md_vg_clone_shared(vg->arena, g->best) : g->best;
	if (!vg->md)
		return -ENOMEM;
	if ((vg->flags & VOL_OPEN_WRITE) && (r = keep_old_body(vg)))
		return r;
	n = vg->md->n_pvs;
	if (!(vg->slots = calloc(n ? n : 1, sizeof(*vg->slots))))
		return -ENOMEM;
	vg->cap_slots = n ? n : 1;
	warn_unfound(vg, g);
	for (uint32_t i = 0; i < n; i++) {
		if ((r = load_member(vg, g, i)))
			return r;
		vg_check_pv_size(vg, i);
	}
	if (g->inconsistent)
		warn_copies(vg->ctx, g);
	if (vg->flags & VOL_OPEN_WRITE)
		return adopt_stale_orphans(vg, g->id);
	return vg_sync_handles(vg);
}

/* A VG of another host is read only with VOL_OPEN_FOREIGN and never written. */
static int check_foreign(struct vol_vg *vg)
{
	struct vol_ctx *ctx = vg->ctx;

	if (!vol_vg_is_foreign(vg) ||
	    ((vg->flags & VOL_OPEN_FOREIGN) && !(vg->flags & VOL_OPEN_WRITE)))
		return 0;
	log_code(ctx, VOL_LOG_ERROR, VOL_MSG_VG_FOREIGN, vg->md->name,
		 "Cannot access VG %s with system ID %s with %slocal system ID%s%s.", vg->md->name,
		 vg->md->system_id, ctx->system_id ? "" : "unknown ", ctx->system_id ? " " : "",
		 ctx->system_id ? ctx->system_id : "");
	return -EACCES;
}

/* Takes the VG lock and finds the VG under it, with a scan that is not older
 * than the lock for writes (or for reads that see disagreeing copies). */
static int lock_and_find(struct vol_vg *vg, const char *name, struct svg **g)
{
	struct vol_ctx *ctx = vg->ctx;
	bool write = vg->flags & VOL_OPEN_WRITE;

	for (int tries = 0; tries < RENAME_RETRIES; tries++) {
		/* Any scan present now was made before we hold the lock. */
		bool stale = ctx->scan != NULL;
		int r;

		if ((r = lock_get(ctx, vg->lock_name, write ? VLOCK_WRITE : VLOCK_READ, false)))
			return r;
		vg->locked = true;
		if (stale && (write || (scan_find_vg(ctx, name, g) == 0 && (*g)->inconsistent)))
			vol_ctx_rescan(ctx);
		r = scan_find_vg(ctx, name, g);
		if (r == -ENOENT) {
			log_err(ctx, "Volume group \"%s\" not found", name);
			return r;
		}
		if (r == -ENOTUNIQ) {
			log_err(ctx, "Multiple VGs found with the same name %s: use the VG UUID.", name);
			return r;
		}
		if (r || !strcmp((*g)->name, vg->lock_name))
			return r;
		/* Opened by UUID and renamed meanwhile: lock the current name. */
		lock_put(ctx, vg->lock_name);
		vg->locked = false;
		free(vg->lock_name);
		if (!(vg->lock_name = strdup((*g)->name)))
			return -ENOMEM;
		vol_ctx_rescan(ctx);
	}
	log_err(ctx, "Volume group %s keeps changing its name; giving up.", name);
	return -EBUSY;
}

VOL_EXPORT int vol_vg_open(struct vol_ctx *ctx, const char *name, unsigned flags, struct vol_vg **out)
{
	bool write = flags & VOL_OPEN_WRITE;
	const char *lock_name = name;
	char raw[MD_UUID_LEN + 1];
	struct vol_vg *vg;
	struct svg *g;
	int r;

	*out = NULL;
	if (!name || !*name) {
		log_err(ctx, "No volume group name given.");
		return -EINVAL;
	}
	/* Locks are by name: a VG given by UUID needs its name first (a scan
	 * before the lock, so lock_and_find reads again).  A plain name is
	 * locked before anything is read. */
	if (!md_uuid_parse(name, raw) && scan_find_vg(ctx, name, &g) == 0)
		lock_name = g->name;
	if (!(vg = vg_alloc(ctx, lock_name, flags)))
		return -ENOMEM;
	/* The scan under the write lock keeps the text, for the archive. */
	if (write)
		ctx->scan_keeps_texts = true;
	if (write && (flags & VOL_OPEN_ORPHANS)) {
		if ((r = lock_get(ctx, NULL, VLOCK_WRITE, false)))
			goto fail;
		vg->global_held = true;
	}
	if ((r = lock_and_find(vg, name, &g)) || (r = load_vg(vg, g)) || (r = check_foreign(vg)))
		goto fail;
	if (write && (r = check_writable(vg)))
		goto fail;
	if (!(flags & VG_OPEN_CLONE))
		vg_check_devices(vg);
	*out = vg;
	return 0;
fail:
	vol_vg_close(vg);
	return r;
}

/* ---------------------------------------------------------------- create, extend */

int check_new_vg_name(struct vol_ctx *ctx, const char *name)
{
	char path[PATH_MAX];
	const char *why;
	struct stat st;

	if (md_name_check(name, &why)) {
		log_err(ctx, "Invalid volume group name \"%s\": %s.", name, why);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "/dev/%s", name);
	if (!lstat(path, &st)) {
		log_err(ctx, "Invalid volume group name \"%s\": %s exists.", name, path);
		return -EINVAL;
	}
	return 0;
}

int need_write(struct vol_vg *vg)
{
	if (vg->removed) {
		log_err(vg->ctx, "Volume group %s has been removed.", vg->md->name);
		return -ENOENT;
	}
	if (!(vg->flags & VOL_OPEN_WRITE)) {
		log_err(vg->ctx, "Volume group %s was opened read-only.", vg->md->name);
		return -EROFS;
	}
	return 0;
}

int need_resizeable(struct vol_vg *vg)
{
	int r = need_write(vg);

	if (!r && !(vg->md->status.known & MD_VG_RESIZEABLE)) {
		log_err(vg->ctx, "Volume group %s is not resizeable.", vg->md->name);
		r = -EPERM;
	}
	return r;
}

/*
 * PV changes need the global lock too.  lvm2 takes it before the VG lock;
 * waiting for it while holding the VG lock could deadlock, so a handle
 * opened without VOL_OPEN_ORPHANS only takes it if it is free.
 */
int vg_lock_global(struct vol_vg *vg)
{
	int r;

	if (vg->global_held)
		return 0;
	r = lock_get(vg->ctx, NULL, VLOCK_WRITE, true);
	if (r == -EBUSY)
		log_err(vg->ctx, "The global lock is busy; VG %s was not opened with VOL_OPEN_ORPHANS, "
			"which waits for it.", vg->md->name);
	if (!r)
		vg->global_held = true;
	return r;
}

/* ---------------------------------------------------------------- commit, remove */

VOL_EXPORT int vol_vg_commit(struct vol_vg *vg)
{
	struct vol_ctx *ctx = vg->ctx;
	struct md_err err = { 0 };
	bool labels = vg->created || vg->n_gone;
	int r;

	if ((r = need_write(vg)))
		return r;
	if (md_vg_validate(vg->md, &err)) {
		log_err(ctx, "Internal error: VG %s would be invalid: %s (%s).", vg->md->name, err.why,
			err.detail);
		return -EINVAL;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		labels |= vg->slots[i].is_new || vg->slots[i].relabel;
		/* lvm2's mark on a PV the VG changed without: see reappeared() */
		if (!vg->slots[i].present)
			vg->md->pvs[i].flags.known |= MD_PVF_MISSING;
	}
	vg->md->seqno++;
	vg->backed_up = false;
	/* Archives vg->old before the commit pointers move; active LVs whose
	 * mapping changed are suspended around it. */
	r = lv_commit_live(vg, commit_vg);
	vol_ctx_rescan(ctx);
	if (labels)
		hints_invalidate(ctx);
	if (r) {
		vg->md->seqno--;
		return r;
	}
	vg_record_joined(vg, vg->created);
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		vg->slots[i].is_new = vg->slots[i].relabel = false;
		memset(vg->slots[i].mda_moved, 0, sizeof(vg->slots[i].mda_moved));
		memset(vg->slots[i].ign_changed, 0, sizeof(vg->slots[i].ign_changed));
	}
	free_slots(vg->gone, vg->n_gone);
	vg->gone = NULL;
	vg->n_gone = 0;
	vg->created = false;
	if (vg->old_name) {
		if (!vg->cloned)
			backup_rename(ctx, vg->old_name, vg->md->name);
		if (vg->old_locked)
			lock_put(ctx, vg->old_name);
		vg->old_locked = false;
		free(vg->old_name);
		vg->old_name = NULL;
	}
	if (!(vg->old = md_vg_clone_shared(vg->arena, vg->md)))
		return -ENOMEM;
	/* Its text is now the body just written, where no LV's place is known. */
	vg->old->body_off = 0;
	for (uint32_t i = 0; i < vg->old->n_lvs; i++)
		vg->old->lvs[i].text_len = 0;
	if (!ctx->test_mode && !vg->backed_up) {
		if (vg->old_body)
			backup_body(ctx, vg->md->name, vg->old_body, vg->old_body_len);
		else
			backup_write(ctx, vg->md, NULL, false);
	}
	return vg_sync_handles(vg);
}

VOL_EXPORT int vol_vg_remove(struct vol_vg *vg, unsigned flags)
{
	struct vol_ctx *ctx = vg->ctx;
	size_t nlv = vol_vg_lv_count(vg);
	char q[256];
	int r;

	if ((r = need_write(vg)))
		return r;
	snprintf(q, sizeof(q), "Remove volume group \"%s\" containing %zu logical volumes?",
		 vg->md->name, nlv);
	if (nlv && !(flags & VOL_FORCE) &&
	    !confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_REMOVE_VG_LVS, .question = q,
						      .vg = vg->md->name, .count = nlv })) {
		log_err(ctx, "Volume group \"%s\" not removed", vg->md->name);
		return -ECANCELED;
	}
	if ((r = vg_lock_global(vg)))
		return r;
	/* its LVs go first (lvm2's or ours), so nothing maps the PVs after */
	if (!ctx->test_mode && !ctx->no_activation && (r = act_remove_vg(vg)))
		return r;
	if (vg->old && !ctx->test_mode && (r = archive_vg(vg)))
		return r;
	r = commit_remove(vg);
	vol_ctx_rescan(ctx);
	hints_invalidate(ctx);
	if (r)
		return r;
	vg->removed = true;
	if (!ctx->test_mode)
		backup_remove(ctx, vg->md->name);
	log_info(ctx, "Volume group \"%s\" successfully removed", vg->md->name);
	return 0;
}

VOL_EXPORT int vol_vg_backup(struct vol_vg *vg, const char *file)
{
	return backup_write(vg->ctx, vg->md, file, true);
}

/* Like any commit, but damaged areas are written too (see plan_areas()). */
VOL_EXPORT int vol_vg_update_metadata(struct vol_vg *vg)
{
	int r;

	vg->repair = true;
	r = vol_vg_commit(vg);
	vg->repair = false;
	if (!r)
		for (uint32_t i = 0; i < vg->md->n_pvs; i++)
			memset(vg->slots[i].mda_bad, 0, sizeof(vg->slots[i].mda_bad));
	return r;
}
