/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Volume groups: open (with the lock), create, edit in memory, commit,
 * remove, restore; and the VG and LV getters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "internal.h"

static const char *const alloc_names[] = {
	[VOL_ALLOC_INHERIT] = "inherit", [VOL_ALLOC_CONTIGUOUS] = "contiguous",
	[VOL_ALLOC_CLING] = "cling", [VOL_ALLOC_NORMAL] = "normal",
	[VOL_ALLOC_ANYWHERE] = "anywhere",
};

VOL_EXPORT const char *vol_alloc_name(enum vol_alloc a)
{
	return (unsigned)a < sizeof(alloc_names) / sizeof(alloc_names[0]) ? alloc_names[a] : "?";
}

VOL_EXPORT int vol_alloc_parse(const char *s, enum vol_alloc *out)
{
	for (unsigned i = 0; i < sizeof(alloc_names) / sizeof(alloc_names[0]); i++)
		if (!strcmp(s, alloc_names[i])) {
			*out = (enum vol_alloc)i;
			return 0;
		}
	return -EINVAL;
}

VOL_EXPORT void vol_vg_params_init(struct vol_vg_params *p)
{
	memset(p, 0, sizeof(*p));
	p->vg_metadata_copies = -1;
}

/* ---------------------------------------------------------------- handles */

int vg_rebuild_handles(struct vol_vg *vg)
{
	struct vol_pv *pvs = calloc(vg->md->n_pvs ? vg->md->n_pvs : 1, sizeof(*pvs));
	struct vol_lv *lvs = calloc(vg->md->n_lvs ? vg->md->n_lvs : 1, sizeof(*lvs));

	if (!pvs || !lvs) {
		free(pvs);
		free(lvs);
		return -ENOMEM;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		pvs[i].vg = vg;
		pvs[i].idx = (int32_t)i;
		pvs[i].d = vg->slots[i].present ? &vg->slots[i].d : NULL;
		pv_fill_handle(&pvs[i]);
	}
	for (uint32_t i = 0; i < vg->md->n_lvs; i++) {
		lvs[i].vg = vg;
		lvs[i].idx = i;
		md_uuid_format(vg->md->lvs[i].id, lvs[i].uuid);
	}
	free(vg->pvs);
	free(vg->lvs);
	vg->pvs = pvs;
	vg->lvs = lvs;
	md_uuid_format(vg->md->id, vg->uuid);
	{
		const struct md_vg *m = vg->md;
		char *a = vg->attr;
		const char *pol = m->alloc_policy ? m->alloc_policy : "normal";

		a[0] = (m->status.known & MD_VG_WRITE) && !m->read_only ? 'w' : 'r';
		a[1] = m->status.known & MD_VG_RESIZEABLE ? 'z' : '-';
		a[2] = m->status.known & MD_VG_EXPORTED ? 'x' : '-';
		a[3] = vol_vg_missing_pv_count(vg) ? 'p' : '-';
		a[4] = !strcmp(pol, "cling") ? 'l' : pol[0];	/* c, l, n, a, i */
		a[5] = m->status.known & MD_VG_CLUSTERED ? 'c' : m->status.known & MD_VG_SHARED ? 's' : '-';
		a[6] = '\0';
	}
	return 0;
}

static struct pvslot *add_slot(struct vol_vg *vg)
{
	if (vg->md->n_pvs >= vg->cap_slots) {
		size_t cap = vg->cap_slots ? vg->cap_slots * 2 : 16;
		struct pvslot *s = realloc(vg->slots, cap * sizeof(*s));

		if (!s)
			return NULL;
		vg->slots = s;
		vg->cap_slots = cap;
	}
	memset(&vg->slots[vg->md->n_pvs], 0, sizeof(*vg->slots));
	return &vg->slots[vg->md->n_pvs];
}

static void free_slots(struct pvslot *s, size_t n)
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
	free(vg->pvs);
	free(vg->lvs);
	free(vg->lock_name);
	free(vg->old_name);
	md_arena_free(vg->arena);
	free(vg);
}

static struct vol_vg *vg_alloc(struct vol_ctx *ctx, const char *lock_name, unsigned flags)
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
static int vg_new_locked(struct vol_ctx *ctx, const char *name, struct vol_vg **out)
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

/* ---------------------------------------------------------------- open */

/* Warns about every copy of @g that is not the winner, naming the PV. */
static void warn_copies(struct vol_ctx *ctx, const struct svg *g)
{
	const struct scan *s = ctx->scan;

	for (size_t i = 0; i < s->n_devs; i++) {
		const struct sdev *d = &s->devs[i];

		for (unsigned m = 0; m < d->d.n_mda; m++) {
			const struct mda_text *t = &d->t[m];

			if (t->vg && !strcmp(t->vg->id, g->id) && t->vg->seqno < g->best->seqno)
				log_warn(ctx, "WARNING: ignoring metadata seqno %" PRIu32 " on %s for seqno %"
					 PRIu32 " on %s for VG %s.", t->vg->seqno, d->d.path,
					 g->best->seqno, g->best_dev->d.path, g->name);
			else if (t->vg && !strcmp(t->vg->id, g->id) && t->vg != g->best)
				log_warn(ctx, "WARNING: metadata on %s differs from %s at the same seqno %"
					 PRIu32 " for VG %s.", d->d.path, g->best_dev->d.path,
					 g->best->seqno, g->name);
			if (d->vg != g)
				continue;
			if (d->d.hdr_err[m])
				log_warn(ctx, "WARNING: bad metadata area header %u on PV %s: %s.", m + 1,
					 d->d.path, d->d.hdr_why[m]);
			else if (t->err)
				log_warn(ctx, "WARNING: bad metadata text in area %u on PV %s: %s.", m + 1,
					 d->d.path, t->why);
			else if (t->vg && strcmp(t->vg->id, g->id))
				log_warn(ctx, "WARNING: PV %s of VG %s carries metadata of VG %s.",
					 d->d.path, g->name, t->vg->name);
		}
	}
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
	if (m->status.known & MD_VG_EXPORTED) {
		log_err(ctx, "Volume group %s is exported.", m->name);
		return -EPERM;
	}
	for (uint32_t i = 0; i < m->n_pvs; i++) {
		struct sdev *s = vg->slots[i].present ? scan_find_uuid(ctx, m->pvs[i].id) : NULL;

		if (s && s->duplicate) {
			log_err(ctx, "PV %s of VG %s is on more than one device; not changing the VG.",
				vg->pvs[i].uuid, m->name);
			return -ENOTUNIQ;
		}
	}
	if (vol_vg_missing_pv_count(vg) && !(vg->flags & VOL_OPEN_PARTIAL)) {
		log_err(ctx, "Cannot change VG %s while PVs are missing.", m->name);
		log_err(ctx, "See vgreduce --removemissing.");
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
static int adopt_stale_orphans(struct vol_vg *vg, const char *id)
{
	const struct scan *s = vg->ctx->scan;

	for (size_t i = 0; i < s->n_devs; i++) {
		const struct sdev *d = &s->devs[i];
		bool stale = d->vg && !strcmp(d->vg->id, id);

		for (unsigned m = 0; m < d->d.n_mda; m++)
			stale |= d->t[m].vg && !strcmp(d->t[m].vg->id, id);
		if (!d->is_pv || d->duplicate || !stale || md_vg_find_pv(vg->md, d->d.label.uuid) >= 0 ||
		    (d->vg && strcmp(d->vg->id, id)))
			continue;
		struct pvslot *gone = realloc(vg->gone, (vg->n_gone + 1) * sizeof(*gone));

		if (!gone)
			return -ENOMEM;
		vg->gone = gone;
		memset(&gone[vg->n_gone], 0, sizeof(*gone));
		pvdev_copy(&gone[vg->n_gone].d, &d->d);
		gone[vg->n_gone].present = true;
		vg->n_gone++;
		log_warn(vg->ctx, "WARNING: PV %s is not in VG %s but holds its metadata; "
			 "it becomes an orphan at the next update.", d->d.path, vg->md->name);
	}
	return vg_rebuild_handles(vg);
}

static int load_vg(struct vol_vg *vg, struct svg *g)
{
	struct vol_ctx *ctx = vg->ctx;

	if (!(vg->md = md_vg_clone(vg->arena, g->best)) || !(vg->old = md_vg_clone(vg->arena, g->best)))
		return -ENOMEM;
	vg->slots = calloc(vg->md->n_pvs ? vg->md->n_pvs : 1, sizeof(*vg->slots));
	if (!vg->slots)
		return -ENOMEM;
	vg->cap_slots = vg->md->n_pvs ? vg->md->n_pvs : 1;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		struct md_pv *p = &vg->md->pvs[i];
		struct sdev *s = NULL;

		for (size_t k = 0; k < ctx->scan->n_devs && !s; k++)
			if (ctx->scan->devs[k].vg == g && !strcmp(ctx->scan->devs[k].d.label.uuid, p->id))
				s = &ctx->scan->devs[k];
		if (!s) {
			char id[39];

			md_uuid_format(p->id, id);
			log_warn(ctx, "WARNING: VG %s is missing PV %s (last written to %s).",
				 vg->md->name, id, p->device ? p->device : "[unknown]");
			continue;
		}
		for (size_t k = 0; s->duplicate && k < ctx->scan->n_devs; k++)
			if (&ctx->scan->devs[k] != s && ctx->scan->devs[k].is_pv &&
			    !strcmp(ctx->scan->devs[k].d.label.uuid, p->id)) {
				char id[39];

				md_uuid_format(p->id, id);
				log_warn(ctx, "WARNING: PV %s of VG %s is on both %s and %s; using %s.", id,
					 vg->md->name, s->d.path, ctx->scan->devs[k].d.path, s->d.path);
			}
		vg->slots[i].present = true;
		pvdev_copy(&vg->slots[i].d, &s->d);
		if (!vg->slots[i].d.path)
			return -ENOMEM;
		/* lvm2 marks member PVs in the header; fix it at the next write. */
		if (!(s->d.label.ext_flags & MD_PV_EXT_USED) || s->d.label.ext_version < MD_PV_EXT_VERSION)
			vg->slots[i].relabel = true;
	}
	if (g->inconsistent)
		warn_copies(ctx, g);
	if (vg->flags & VOL_OPEN_WRITE)
		return adopt_stale_orphans(vg, g->id);
	return vg_rebuild_handles(vg);
}

/* Takes the VG lock and finds the VG under it, with a scan that is not older
 * than the lock for writes (or for reads that see disagreeing copies). */
static int lock_and_find(struct vol_vg *vg, const char *name, struct svg **g)
{
	struct vol_ctx *ctx = vg->ctx;
	bool write = vg->flags & VOL_OPEN_WRITE;

	for (int tries = 0; tries < 5; tries++) {
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
	if (write && (flags & VOL_OPEN_ORPHANS)) {
		if ((r = lock_get(ctx, NULL, VLOCK_WRITE, false)))
			goto fail;
		vg->global_held = true;
	}
	if ((r = lock_and_find(vg, name, &g)) || (r = load_vg(vg, g)))
		goto fail;
	if (write && (r = check_writable(vg)))
		goto fail;
	*out = vg;
	return 0;
fail:
	vol_vg_close(vg);
	return r;
}

VOL_EXPORT int vol_name_check(const char *name, const char **why)
{
	const char *dummy;

	return md_name_check(name, why ? why : &dummy);
}

static const struct scan *cmp_scan;

static int cmp_vg_by_name(const void *a, const void *b)
{
	const struct svg *x = &cmp_scan->vgs[*(const size_t *)a], *y = &cmp_scan->vgs[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->id, y->id);
}

VOL_EXPORT int vol_vg_uuids(struct vol_ctx *ctx, char ***uuids, size_t *n)
{
	size_t *order;
	char **v;
	int r = scan_run(ctx);

	*uuids = NULL;
	*n = 0;
	if (r)
		return r;
	v = calloc(ctx->scan->n_vgs + 1, sizeof(*v));
	order = calloc(ctx->scan->n_vgs + 1, sizeof(*order));
	if (!v || !order) {
		free(v);
		free(order);
		return -ENOMEM;
	}
	for (size_t i = 0; i < ctx->scan->n_vgs; i++)
		order[i] = i;
	cmp_scan = ctx->scan;
	if (ctx->scan->n_vgs)
		qsort(order, ctx->scan->n_vgs, sizeof(*order), cmp_vg_by_name);
	for (size_t i = 0; i < ctx->scan->n_vgs; i++) {
		if (!(v[i] = malloc(39))) {
			vol_strv_free(v, i);
			free(order);
			return -ENOMEM;
		}
		md_uuid_format(ctx->scan->vgs[order[i]].id, v[i]);
	}
	*uuids = v;
	*n = ctx->scan->n_vgs;
	free(order);
	return 0;
}

VOL_EXPORT int vol_vg_names(struct vol_ctx *ctx, char ***names, size_t *n)
{
	char **v;
	size_t k = 0;
	int r = scan_run(ctx);

	*names = NULL;
	*n = 0;
	if (r)
		return r;
	if (!(v = calloc(ctx->scan->n_vgs + 1, sizeof(*v))))
		return -ENOMEM;
	for (size_t i = 0; i < ctx->scan->n_vgs; i++) {
		bool seen = false;

		for (size_t j = 0; j < k && !seen; j++)
			seen = !strcmp(v[j], ctx->scan->vgs[i].name);
		if (seen)
			continue;
		if (!(v[k++] = strdup(ctx->scan->vgs[i].name))) {
			vol_strv_free(v, k);
			return -ENOMEM;
		}
	}
	for (size_t i = 1; i < k; i++)	/* insertion sort: VG counts are small */
		for (size_t j = i; j && strcmp(v[j - 1], v[j]) > 0; j--) {
			char *t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	*names = v;
	*n = k;
	return 0;
}

/* ---------------------------------------------------------------- create, extend */

static int check_new_vg_name(struct vol_ctx *ctx, const char *name)
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

static int check_extent_size(struct vol_ctx *ctx, uint64_t es)
{
	if (!es || es % SECTOR) {
		log_err(ctx, "Invalid extent size %" PRIu64 ": it must be a non-zero multiple of 512 bytes.", es);
		return -EINVAL;
	}
	if (es / SECTOR > UINT32_MAX) {
		log_err(ctx, "Extent size %" PRIu64 " is too large (at most %" PRIu64 " bytes).", es,
			(uint64_t)UINT32_MAX * SECTOR);
		return -EINVAL;
	}
	if ((es & (es - 1)) && es % (128 * KiB)) {
		log_err(ctx, "Invalid extent size %" PRIu64 ": it must be a power of 2 or a multiple of 128 KiB.",
			es);
		return -EINVAL;
	}
	return 0;
}

/* Turns a device argument into a slot: an orphan PV, or a device to pvcreate. */
static int add_device(struct vol_vg *vg, const char *path, const struct vol_pv_params *pvp)
{
	struct vol_ctx *ctx = vg->ctx;
	struct vol_pv_params defaults;
	struct sdev *s = scan_find_path(ctx, path);
	struct pvslot *slot;
	struct md_pv *mp;
	struct devent ent;
	uint64_t es = vg->md->extent_size * SECTOR;
	int r;

	if (!pvp) {
		vol_pv_params_init(&defaults);
		pvp = &defaults;
	}
	if ((r = dev_stat(ctx, path, &ent)) == -ENOTBLK) {
		log_err(ctx, "%s is not a block device.", path);
		return r;
	} else if (r) {
		log_err(ctx, "Device %s not found.", path);
		return -ENOENT;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vg->slots[i].present && vg->slots[i].d.devno == ent.devno) {
			log_err(ctx, "Device %s is given twice or is already in volume group %s.", path,
				vg->md->name);
			return -EINVAL;
		}
	if (s && s->is_pv && s->vg) {
		log_err(ctx, "Physical volume %s is already in volume group %s.", path, s->vg->name);
		return -EBUSY;
	}
	if (s && s->is_pv && s->duplicate) {
		log_err(ctx, "PV %s on %s has the same UUID as another device.", s->d.label.uuid, path);
		return -ENOTUNIQ;
	}
	if (vg->md->max_pv && vg->md->n_pvs >= vg->md->max_pv) {
		log_err(ctx, "Volume group %s has reached its maximum of %" PRIu32 " PVs.", vg->md->name,
			vg->md->max_pv);
		return -EINVAL;
	}
	if (!(slot = add_slot(vg)))
		return -ENOMEM;
	/* An ex-member coming back is a member again, not an orphan to clear. */
	for (size_t g = 0; g < vg->n_gone; g++)
		if (vg->gone[g].d.devno == ent.devno) {
			pvdev_free(&vg->gone[g].d);
			vg->gone[g] = vg->gone[--vg->n_gone];
			break;
		}
	if (s && s->is_pv) {
		if (dev_is_mounted(ctx, ent.devno)) {
			log_err(ctx, "%s is mounted; not using it.", path);
			return -EBUSY;
		}
		pvdev_copy(&slot->d, &s->d);
		slot->relabel = true;
		pv_layout_from_label(&s->d.label, &slot->layout);
	} else {
		char raw[MD_UUID_LEN + 1];

		if ((r = pv_prepare_new(ctx, path, pvp, &slot->layout, raw)))
			return r;
		slot->is_new = true;
		slot->d.path = strdup(path);
		slot->d.devno = ent.devno;
		slot->d.size = ent.size;
		pv_layout_to_label(&slot->layout, raw, true, &slot->d.label);
		slot->d.n_mda = slot->layout.n_mda;
		for (unsigned m = 0; m < slot->layout.n_mda; m++)
			md_mdah_init(&slot->d.hdr[m], slot->layout.mda[m].offset, slot->layout.mda[m].size);
	}
	slot->present = true;
	if (!slot->d.path)
		return -ENOMEM;
	if (pv_layout_pe_count(&slot->layout, es) == 0) {
		log_err(ctx, "%s is too small for one extent of %" PRIu64 " bytes.", path, es);
		pvdev_free(&slot->d);
		return -EINVAL;
	}
	if (!(mp = md_vg_add_pv(vg->md))) {
		pvdev_free(&slot->d);
		return -ENOMEM;
	}
	memcpy(mp->id, slot->d.label.uuid, sizeof(mp->id));
	mp->device = md_arena_strdup(vg->arena, path);
	mp->status.known = MD_PV_ALLOCATABLE;
	mp->dev_size = slot->layout.dev_size / SECTOR;
	mp->pe_start = slot->layout.pe_start / SECTOR;
	mp->pe_count = pv_layout_pe_count(&slot->layout, es);
	mp->ba_start = slot->layout.ba_start / SECTOR;
	mp->ba_size = slot->layout.ba_size / SECTOR;
	return mp->device ? 0 : -ENOMEM;
}

static int need_write(struct vol_vg *vg)
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

static int need_resizeable(struct vol_vg *vg)
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
static int vg_lock_global(struct vol_vg *vg)
{
	int r;

	if (vg->global_held)
		return 0;
	r = lock_get(vg->ctx, NULL, VLOCK_WRITE, true);
	if (r == -EBUSY)
		log_err(vg->ctx, "The global lock is busy; open VG %s with VOL_OPEN_ORPHANS to wait for it.",
			vg->md->name);
	if (!r)
		vg->global_held = true;
	return r;
}

VOL_EXPORT int vol_vg_create(struct vol_ctx *ctx, const char *name, const char *const *devs, size_t n,
			     const struct vol_vg_params *vgp, const struct vol_pv_params *pvp,
			     struct vol_vg **out)
{
	struct vol_vg_params defaults;
	struct vol_vg *vg = NULL;
	struct svg *g;
	enum vol_alloc alloc;
	int r;

	*out = NULL;
	if (!vgp) {
		vol_vg_params_init(&defaults);
		vgp = &defaults;
	}
	if ((r = check_new_vg_name(ctx, name)))
		return r;
	if ((r = check_extent_size(ctx, vgp->extent_size ? vgp->extent_size : DEFAULT_EXTENT)))
		return r;
	for (size_t i = 0; i < vgp->n_tags; i++) {
		const char *why;

		if (md_tag_check(vgp->tags[i], &why)) {
			log_err(ctx, "Invalid tag \"%s\": %s.", vgp->tags[i], why);
			return -EINVAL;
		}
	}
	if (!n) {
		log_err(ctx, "Please enter physical volume name(s).");
		return -EINVAL;
	}
	if (vgp->max_pv && n > vgp->max_pv) {
		log_err(ctx, "%zu physical volumes exceed the limit of %" PRIu32 ".", n, vgp->max_pv);
		return -EINVAL;
	}
	if ((r = vg_new_locked(ctx, name, &vg)))
		return r;
	r = scan_find_vg(ctx, name, &g);
	if (r != -ENOENT) {
		if (!r || r == -ENOTUNIQ) {
			log_err(ctx, "A volume group called %s already exists.", name);
			r = -EEXIST;
		}
		goto fail;
	}
	r = -ENOMEM;
	if (!(vg->md = md_vg_new(vg->arena)) || !(vg->md->name = md_arena_strdup(vg->arena, name)) ||
	    !(vg->md->format = md_arena_strdup(vg->arena, "lvm2")))
		goto fail;
	gen_uuid(vg->md->id);
	vg->md->status.known = MD_VG_RESIZEABLE | MD_VG_READ | MD_VG_WRITE;
	vg->md->extent_size = (vgp->extent_size ? vgp->extent_size : DEFAULT_EXTENT) / SECTOR;
	vg->md->max_lv = vgp->max_lv;
	vg->md->max_pv = vgp->max_pv;
	vg->md->has_metadata_copies = true;
	vg->md->metadata_copies = vgp->vg_metadata_copies < 0 || vgp->vg_metadata_copies > UINT32_MAX
				  ? 0 : (uint32_t)vgp->vg_metadata_copies;
	alloc = vgp->alloc;
	if (alloc != VOL_ALLOC_INHERIT && alloc != VOL_ALLOC_NORMAL &&
	    !(vg->md->alloc_policy = md_arena_strdup(vg->arena, vol_alloc_name(alloc))))
		goto fail;
	for (size_t i = 0; i < vgp->n_tags; i++)
		if (md_strv_add(vg->arena, &vg->md->tags, vgp->tags[i]))
			goto fail;
	vg->created = true;
	for (size_t i = 0; i < n; i++)
		if ((r = add_device(vg, devs[i], pvp)))
			goto fail;
	if ((r = vg_rebuild_handles(vg)))
		goto fail;
	*out = vg;
	return 0;
fail:
	vol_vg_close(vg);
	return r;
}

VOL_EXPORT int vol_vg_extend(struct vol_vg *vg, const char *dev, const struct vol_pv_params *pvp)
{
	int r;

	if ((r = need_resizeable(vg)))
		return r;
	if ((r = vg_lock_global(vg)))
		return r;
	if ((r = add_device(vg, dev, pvp)))
		return r;
	return vg_rebuild_handles(vg);
}

/* ---------------------------------------------------------------- reduce */

static int32_t find_member(struct vol_vg *vg, const char *pv)
{
	char raw[MD_UUID_LEN + 1];
	struct stat st;

	if (!md_uuid_parse(pv, raw)) {
		int32_t i = md_vg_find_pv(vg->md, raw);

		if (i >= 0)
			return i;
	}
	if (stat(pv, &st) || !S_ISBLK(st.st_mode))
		return -1;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vg->slots[i].present && vg->slots[i].d.devno == st.st_rdev)
			return (int32_t)i;
	return -1;
}

static int drop_pv(struct vol_vg *vg, uint32_t i)
{
	struct pvslot *slot = &vg->slots[i];

	if (slot->present && !slot->is_new) {
		struct pvslot *g = realloc(vg->gone, (vg->n_gone + 1) * sizeof(*g));

		if (!g)
			return -ENOMEM;
		vg->gone = g;
		vg->gone[vg->n_gone++] = *slot;
	} else {
		pvdev_free(&slot->d);
	}
	memmove(&vg->slots[i], &vg->slots[i + 1], (vg->md->n_pvs - i - 1) * sizeof(*slot));
	md_vg_del_pv(vg->md, i);
	return 0;
}

VOL_EXPORT int vol_vg_reduce(struct vol_vg *vg, const char *pv)
{
	struct vol_ctx *ctx = vg->ctx;
	int32_t i;
	int r;

	if ((r = need_resizeable(vg)))
		return r;
	if ((i = find_member(vg, pv)) < 0) {
		log_err(ctx, "Physical volume %s is not in volume group %s.", pv, vg->md->name);
		return -ENOENT;
	}
	if (vg->md->n_pvs == 1) {
		log_err(ctx, "Can't remove final physical volume \"%s\" from volume group \"%s\"", pv,
			vg->md->name);
		return -EBUSY;
	}
	if (md_pv_used_extents(vg->md, (uint32_t)i)) {
		log_err(ctx, "Physical volume \"%s\" still in use", pv);
		return -EBUSY;
	}
	if ((r = vg_lock_global(vg)) || (r = drop_pv(vg, (uint32_t)i)))
		return r;
	return vg_rebuild_handles(vg);
}

VOL_EXPORT int vol_vg_reduce_all(struct vol_vg *vg)
{
	bool any_used = false;
	uint32_t i = 0;
	int r;

	if ((r = need_resizeable(vg)) || (r = vg_lock_global(vg)))
		return r;
	for (uint32_t k = 0; k < vg->md->n_pvs; k++)
		any_used |= md_pv_used_extents(vg->md, k) > 0;
	while (i < vg->md->n_pvs) {
		/* When every PV is empty the first one stays, as a VG needs a PV. */
		if ((i == 0 && !any_used) || !vg->slots[i].present || md_pv_used_extents(vg->md, i)) {
			i++;
			continue;
		}
		log_info(vg->ctx, "Removed \"%s\" from volume group \"%s\"", vg->slots[i].d.path,
			 vg->md->name);
		if ((r = drop_pv(vg, i)))
			return r;
	}
	return vg_rebuild_handles(vg);
}

VOL_EXPORT int vol_vg_remove_missing(struct vol_vg *vg, bool force)
{
	struct vol_ctx *ctx = vg->ctx;
	int r;

	if ((r = need_write(vg)))
		return r;
	for (uint32_t i = 0; i < vg->md->n_pvs;) {
		if (vg->slots[i].present) {
			i++;
			continue;
		}
		if (md_pv_used_extents(vg->md, i)) {
			if (!force) {
				log_err(ctx, "WARNING: Partial LV(s) use missing PV %s; use --force to remove them.",
					vg->pvs[i].uuid);
				return -EBUSY;
			}
			/* Drop every LV with an area on this PV. */
			for (uint32_t l = 0; l < vg->md->n_lvs;) {
				bool uses = false;

				for (uint32_t s = 0; s < vg->md->lvs[l].n_segs; s++) {
					const struct md_seg *seg = &vg->md->lvs[l].segs[s];
					uint32_t na = seg->type == MD_SEG_RAID1 ? 0 : seg->stripe_count;

					for (uint32_t a = 0; a < na; a++)
						uses |= seg->areas[a].pv == (int32_t)i;
				}
				if (!uses) {
					l++;
					continue;
				}
				log_info(ctx, "Logical volume \"%s\" using missing PV removed.",
					 vg->md->lvs[l].name);
				memmove(&vg->md->lvs[l], &vg->md->lvs[l + 1],
					(vg->md->n_lvs - l - 1) * sizeof(*vg->md->lvs));
				vg->md->n_lvs--;
			}
		}
		if ((r = drop_pv(vg, i)))
			return r;
	}
	return vg_rebuild_handles(vg);
}

/* ---------------------------------------------------------------- simple edits */

VOL_EXPORT int vol_vg_rename(struct vol_vg *vg, const char *new_name)
{
	struct vol_ctx *ctx = vg->ctx;
	struct svg *g;
	int r;

	if ((r = need_write(vg)) || (r = check_new_vg_name(ctx, new_name)))
		return r;
	if (!strcmp(new_name, vg->md->name)) {
		log_err(ctx, "New volume group name \"%s\" is the same as the old one.", new_name);
		return -EINVAL;
	}
	if (scan_find_vg(ctx, new_name, &g) != -ENOENT) {
		log_err(ctx, "New volume group \"%s\" already exists.", new_name);
		return -EEXIST;
	}
	if ((r = lock_get(ctx, new_name, VLOCK_WRITE, false)))
		return r;
	/* Both names stay locked until the commit (or the close). */
	if (!vg->old_name) {
		if (!(vg->old_name = strdup(vg->md->name))) {
			lock_put(ctx, new_name);
			return -ENOMEM;
		}
		vg->old_locked = vg->locked;
	} else if (vg->locked) {
		lock_put(ctx, vg->lock_name);
	}
	free(vg->lock_name);
	vg->lock_name = strdup(new_name);
	vg->locked = true;
	if (!vg->lock_name || !(vg->md->name = md_arena_strdup(vg->arena, new_name)))
		return -ENOMEM;
	return 0;
}

static int tag_edit(struct vol_vg *vg, const char *tag, bool add)
{
	const char *why;
	int r;

	if ((r = need_write(vg)))
		return r;
	if (md_tag_check(tag, &why)) {
		log_err(vg->ctx, "Invalid tag \"%s\": %s.", tag, why);
		return -EINVAL;
	}
	if (add)
		return md_strv_add(vg->arena, &vg->md->tags, tag);
	if (!md_strv_del(&vg->md->tags, tag))
		log_verbose(vg->ctx, "Tag %s not found on volume group %s.", tag, vg->md->name);
	return 0;
}

VOL_EXPORT int vol_vg_add_tag(struct vol_vg *vg, const char *tag)
{
	return tag_edit(vg, tag, true);
}

VOL_EXPORT int vol_vg_del_tag(struct vol_vg *vg, const char *tag)
{
	return tag_edit(vg, tag, false);
}

VOL_EXPORT int vol_vg_set_max_lv(struct vol_vg *vg, uint32_t max_lv)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (max_lv && max_lv < vol_vg_lv_count(vg)) {
		log_err(vg->ctx, "MaxLogicalVolume is less than the current number %zu of LVs for %s.",
			vol_vg_lv_count(vg), vg->md->name);
		return -EINVAL;
	}
	vg->md->max_lv = max_lv;
	return 0;
}

VOL_EXPORT int vol_vg_set_max_pv(struct vol_vg *vg, uint32_t max_pv)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (max_pv && max_pv < vg->md->n_pvs) {
		log_err(vg->ctx, "MaxPhysicalVolumes is less than the current number %" PRIu32 " of PVs for %s.",
			vg->md->n_pvs, vg->md->name);
		return -EINVAL;
	}
	vg->md->max_pv = max_pv;
	return 0;
}

VOL_EXPORT int vol_vg_set_alloc(struct vol_vg *vg, enum vol_alloc alloc)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (alloc == VOL_ALLOC_INHERIT) {
		log_err(vg->ctx, "Volume group allocation policy cannot inherit from anything.");
		return -EINVAL;
	}
	vg->md->alloc_policy = alloc == VOL_ALLOC_NORMAL ? NULL
				: md_arena_strdup(vg->arena, vol_alloc_name(alloc));
	return 0;
}

VOL_EXPORT int vol_vg_set_resizeable(struct vol_vg *vg, bool on)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (on)
		vg->md->status.known |= MD_VG_RESIZEABLE;
	else
		vg->md->status.known &= ~(uint32_t)MD_VG_RESIZEABLE;
	return 0;
}

VOL_EXPORT int vol_vg_new_uuid(struct vol_vg *vg)
{
	int r = need_write(vg);

	if (r)
		return r;
	gen_uuid(vg->md->id);
	return vg_rebuild_handles(vg);
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
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		labels |= vg->slots[i].is_new || vg->slots[i].relabel;
	vg->md->seqno++;
	r = commit_vg(vg);	/* archives vg->old before the commit pointers move */
	vol_ctx_rescan(ctx);
	if (labels)
		hints_invalidate(ctx);
	if (r) {
		vg->md->seqno--;
		return r;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		vg->slots[i].is_new = vg->slots[i].relabel = false;
	free_slots(vg->gone, vg->n_gone);
	vg->gone = NULL;
	vg->n_gone = 0;
	vg->created = false;
	if (vg->old_name) {
		backup_rename(ctx, vg->old_name, vg->md->name);
		if (vg->old_locked)
			lock_put(ctx, vg->old_name);
		vg->old_locked = false;
		free(vg->old_name);
		vg->old_name = NULL;
	}
	if (!(vg->old = md_vg_clone(vg->arena, vg->md)))
		return -ENOMEM;
	backup_write(ctx, vg->md, NULL, false);
	return vg_rebuild_handles(vg);
}

VOL_EXPORT int vol_vg_remove(struct vol_vg *vg, bool force)
{
	struct vol_ctx *ctx = vg->ctx;
	size_t nlv = vol_vg_lv_count(vg);
	int r;

	if ((r = need_write(vg)))
		return r;
	if (nlv && !force &&
	    !confirm(ctx, "Do you really want to remove volume group \"%s\" containing %zu logical volumes? [y/n]: ",
		     vg->md->name, nlv)) {
		log_err(ctx, "Volume group \"%s\" not removed", vg->md->name);
		return -ECANCELED;
	}
	if ((r = vg_lock_global(vg)))
		return r;
	if (vg->old && (r = archive_write(ctx, vg->old)))
		return r;
	r = commit_remove(vg);
	vol_ctx_rescan(ctx);
	hints_invalidate(ctx);
	if (r)
		return r;
	vg->removed = true;
	backup_remove(ctx, vg->md->name);
	log_info(ctx, "Volume group \"%s\" successfully removed", vg->md->name);
	return 0;
}

VOL_EXPORT int vol_vg_backup(struct vol_vg *vg, const char *file)
{
	return backup_write(vg->ctx, vg->md, file, true);
}

VOL_EXPORT int vol_vg_update_metadata(struct vol_vg *vg)
{
	return vol_vg_commit(vg);
}

/* ---------------------------------------------------------------- check */

VOL_EXPORT int vol_vg_check(struct vol_vg *vg, void (*fn)(const char *problem, void *usrptr),
			    void *usrptr)
{
	struct vol_ctx *ctx = vg->ctx;
	struct svg *g;
	char msg[512];
	int n = 0;

	if (scan_run(ctx) || scan_find_vg(ctx, vg->uuid, &g))
		return -EIO;
	for (size_t i = 0; i < ctx->scan->n_devs; i++) {
		const struct sdev *d = &ctx->scan->devs[i];

		for (unsigned m = 0; m < d->d.n_mda; m++) {
			const struct mda_text *t = &d->t[m];
			const char *p = NULL;

			if (d->vg == g && d->d.hdr_err[m])
				p = d->d.hdr_why[m];
			else if (d->vg == g && t->err)
				p = t->why;
			else if (t->vg && !strcmp(t->vg->id, g->id) && t->vg->seqno < g->best->seqno)
				p = "stale metadata (lower seqno)";
			else if (t->vg && !strcmp(t->vg->id, g->id) && t->vg != g->best)
				p = "metadata differs from other copies at the same seqno";
			if (!p)
				continue;
			snprintf(msg, sizeof(msg), "%s: metadata area %u: %s", d->d.path, m + 1, p);
			if (fn)
				fn(msg, usrptr);
			n++;
		}
		if (d->vg == g && !(d->d.label.ext_flags & MD_PV_EXT_USED)) {
			snprintf(msg, sizeof(msg), "%s: PV is in VG %s but not marked as used", d->d.path,
				 g->name);
			if (fn)
				fn(msg, usrptr);
			n++;
		}
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (!vg->slots[i].present) {
			snprintf(msg, sizeof(msg), "PV %s is missing", vg->pvs[i].uuid);
			if (fn)
				fn(msg, usrptr);
			n++;
		}
	return n;
}

/* ---------------------------------------------------------------- restore */

VOL_EXPORT int vol_vg_restore(struct vol_ctx *ctx, const char *name, const char *file, bool force)
{
	char path[PATH_MAX];
	struct svg *cur;
	struct vol_vg *vg;
	struct md_vg *m;
	int r;

	if (!file) {
		snprintf(path, sizeof(path), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), name);
		file = path;
	}
	if ((r = vg_new_locked(ctx, name, &vg)))
		return r;
	if ((r = backup_read(ctx, file, vg->arena, &m)))
		goto out;
	if (strcmp(m->name, name)) {
		log_err(ctx, "%s holds VG %s, not %s.", file, m->name, name);
		r = -EINVAL;
		goto out;
	}
	vg->md = m;
	r = -ENOMEM;
	if (!(vg->slots = calloc(m->n_pvs ? m->n_pvs : 1, sizeof(*vg->slots))))
		goto out;
	vg->cap_slots = m->n_pvs;
	for (uint32_t i = 0; i < m->n_pvs; i++) {
		struct sdev *s = scan_find_uuid(ctx, m->pvs[i].id);
		char id[39];

		md_uuid_format(m->pvs[i].id, id);
		if (!s) {
			log_err(ctx, "Couldn't find device with uuid %s.", id);
			r = -ENOENT;
			goto out;
		}
		if (s->duplicate) {
			log_err(ctx, "PV %s is on more than one device.", id);
			r = -ENOTUNIQ;
			goto out;
		}
		if (s->vg && strcmp(s->vg->id, m->id) && !force) {
			log_err(ctx, "PV %s on %s belongs to another VG (%s).", id, s->d.path, s->vg->name);
			r = -EBUSY;
			goto out;
		}
		vg->slots[i].present = true;
		vg->slots[i].relabel = true;
		pvdev_copy(&vg->slots[i].d, &s->d);
		m->pvs[i].device = md_arena_strdup(vg->arena, s->d.path);
	}
	/* As in lvm2 the restored metadata gets the file's seqno + 1: every
	 * present copy is rewritten, and PVs the file does not list are orphaned
	 * (below).  A missing PV keeps its copy, though, so while one is missing
	 * the restored seqno must also beat the current one. */
	if (!scan_find_vg(ctx, name, &cur) && !strcmp(cur->id, m->id) && cur->best->seqno > m->seqno) {
		bool missing = false;

		for (uint32_t i = 0; i < cur->best->n_pvs && !missing; i++)
			missing = !scan_find_uuid(ctx, cur->best->pvs[i].id);
		if (missing)
			m->seqno = cur->best->seqno;
	}
	if ((r = adopt_stale_orphans(vg, m->id)))
		goto out;
	r = vol_vg_commit(vg);
	if (!r)
		log_info(ctx, "Restored volume group %s.", name);
out:
	vol_vg_close(vg);
	return r;
}

/* ---------------------------------------------------------------- getters */

VOL_EXPORT const char *vol_vg_name(const struct vol_vg *vg)
{
	return vg->md->name;
}

VOL_EXPORT const char *vol_vg_uuid(const struct vol_vg *vg)
{
	return vg->uuid;
}

VOL_EXPORT uint32_t vol_vg_seqno(const struct vol_vg *vg)
{
	return vg->md->seqno;
}

VOL_EXPORT uint64_t vol_vg_extent_size(const struct vol_vg *vg)
{
	return vg->md->extent_size * SECTOR;
}

VOL_EXPORT uint64_t vol_vg_extent_count(const struct vol_vg *vg)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vg->md->pvs[i].pe_count;
	return n;
}

VOL_EXPORT uint64_t vol_vg_free_count(const struct vol_vg *vg)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vg->md->pvs[i].pe_count - md_pv_used_extents(vg->md, i);
	return n;
}

VOL_EXPORT uint64_t vol_vg_size(const struct vol_vg *vg)
{
	return vol_vg_extent_count(vg) * vol_vg_extent_size(vg);
}

VOL_EXPORT uint64_t vol_vg_free(const struct vol_vg *vg)
{
	return vol_vg_free_count(vg) * vol_vg_extent_size(vg);
}

VOL_EXPORT uint32_t vol_vg_max_lv(const struct vol_vg *vg)
{
	return vg->md->max_lv;
}

VOL_EXPORT uint32_t vol_vg_mda_copies(const struct vol_vg *vg)
{
	return vg->md->metadata_copies;
}

VOL_EXPORT uint32_t vol_vg_max_pv(const struct vol_vg *vg)
{
	return vg->md->max_pv;
}

VOL_EXPORT enum vol_alloc vol_vg_alloc(const struct vol_vg *vg)
{
	enum vol_alloc a = VOL_ALLOC_NORMAL;

	if (vg->md->alloc_policy)
		vol_alloc_parse(vg->md->alloc_policy, &a);
	return a;
}

VOL_EXPORT const char *vol_vg_system_id(const struct vol_vg *vg)
{
	return vg->md->system_id ? vg->md->system_id : "";
}

VOL_EXPORT const char *vol_vg_attr(const struct vol_vg *vg)
{
	return vg->attr;
}

VOL_EXPORT bool vol_vg_is_writeable(const struct vol_vg *vg)
{
	return (vg->md->status.known & MD_VG_WRITE) && !vg->md->read_only;
}

VOL_EXPORT bool vol_vg_is_resizeable(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_RESIZEABLE;
}

VOL_EXPORT bool vol_vg_is_exported(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_EXPORTED;
}

VOL_EXPORT bool vol_vg_is_partial(const struct vol_vg *vg)
{
	return vol_vg_missing_pv_count(vg) > 0;
}

VOL_EXPORT bool vol_vg_is_read_only(const struct vol_vg *vg)
{
	return vg->md->read_only;
}

VOL_EXPORT unsigned vol_vg_mda_count(const struct vol_vg *vg)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vg->slots[i].present ? vg->slots[i].d.n_mda : 0;
	return n;
}

VOL_EXPORT unsigned vol_vg_mda_used_count(const struct vol_vg *vg)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vol_pv_mda_used_count(&vg->pvs[i]);
	return n;
}

VOL_EXPORT uint64_t vol_vg_mda_size(const struct vol_vg *vg)
{
	uint64_t best = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		uint64_t s = vol_pv_mda_size(&vg->pvs[i]);

		if (s && (!best || s < best))
			best = s;
	}
	return best;
}

VOL_EXPORT uint64_t vol_vg_mda_free(const struct vol_vg *vg)
{
	uint64_t best = UINT64_MAX;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vol_pv_mda_used_count(&vg->pvs[i])) {
			uint64_t f = vol_pv_mda_free(&vg->pvs[i]);

			if (f < best)
				best = f;
		}
	return best == UINT64_MAX ? 0 : best;
}

VOL_EXPORT size_t vol_vg_tag_count(const struct vol_vg *vg)
{
	return vg->md->tags.n;
}

VOL_EXPORT const char *vol_vg_tag(const struct vol_vg *vg, size_t i)
{
	return i < vg->md->tags.n ? vg->md->tags.v[i] : NULL;
}

VOL_EXPORT size_t vol_vg_missing_pv_count(const struct vol_vg *vg)
{
	size_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += !vg->slots[i].present;
	return n;
}

VOL_EXPORT size_t vol_vg_pv_count(const struct vol_vg *vg)
{
	return vg->md->n_pvs;
}

VOL_EXPORT struct vol_pv *vol_vg_pv(struct vol_vg *vg, size_t i)
{
	return i < vg->md->n_pvs ? &vg->pvs[i] : NULL;
}

VOL_EXPORT size_t vol_vg_lv_count(const struct vol_vg *vg)
{
	size_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_lvs; i++)
		n += !!(vg->md->lvs[i].status.known & MD_LV_VISIBLE);
	return n;
}

VOL_EXPORT size_t vol_vg_lv_total(const struct vol_vg *vg)
{
	return vg->md->n_lvs;
}

VOL_EXPORT struct vol_lv *vol_vg_lv(struct vol_vg *vg, size_t i)
{
	return i < vg->md->n_lvs ? &vg->lvs[i] : NULL;
}
