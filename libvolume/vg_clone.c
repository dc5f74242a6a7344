/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vgimportclone: the VG on devices copied block for block from another
 * VG's PVs gets a new name, VG UUID and PV UUIDs, written to the copies
 * only.  Copy and original carry the same UUIDs, so the scan must never
 * see both: while the call runs, the scope is narrowed (ctx->narrow) to
 * the named devices, or, to choose the new name, to every other device.
 * The VG is then opened, edited and committed as any other, on the copies.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "hints.h"
#include "lock.h"
#include "pvinit.h"
#include "vgobj.h"

struct clone_job {
	struct vol_ctx *ctx;
	const char *const *devs;
	size_t n;
	dev_t *devno;		/* of each of devs */
	const struct vol_clone_params *p;
	char *old_name;
	char *new_name;
};

VOL_EXPORT void vol_clone_params_init(struct vol_clone_params *p)
{
	memset(p, 0, sizeof(*p));
}

/* Narrows the scan to the job's devices (@out false) or to all others. */
static void narrow_to(struct clone_job *j, bool out)
{
	j->ctx->narrow = j->devno;
	j->ctx->n_narrow = j->n;
	j->ctx->narrow_out = out;
	vol_ctx_rescan(j->ctx);
}

/* Scans the narrowed scope without warnings: the scans that only look
 * (at which devices are PVs, at the other VGs' names) warn about nothing
 * lvm2's vgimportclone warns about; the scan that opens the VG does. */
static int quiet_scan(struct clone_job *j)
{
	enum vol_log_level level = j->ctx->log_level;
	int r;

	if (level < VOL_LOG_DEBUG)
		j->ctx->log_level = VOL_LOG_ERROR;
	r = scan_run(j->ctx);
	j->ctx->log_level = level;
	return r;
}

static void narrow_end(struct clone_job *j)
{
	j->ctx->narrow = NULL;
	j->ctx->n_narrow = 0;
	vol_ctx_rescan(j->ctx);
}

/* lvm2's --importdevices: only with a devices file that is in use (lvm2
 * 2.03.16 counts a missing file as none, whatever its configuration). */
static int import_devices(struct clone_job *j)
{
	struct vol_ctx *ctx = j->ctx;
	struct stat st;
	int r;

	if (!ctx->devfile || ctx->n_devices || stat(ctx->devfile->path, &st)) {
		log_info(ctx, "Devices file not enabled, ignoring importdevices.");
		return 0;
	}
	for (size_t i = 0; i < j->n; i++)
		if ((r = devfile_admit(ctx, j->devs[i])))
			return r;
	return 0;
}

/* Every device is a block device in the scope.  The scope is listed, not
 * scanned: a scan would read the originals and their copies together. */
static int find_devices(struct clone_job *j)
{
	struct devent d, *ents;
	size_t n;
	int r = dev_enumerate(j->ctx, &ents, &n);

	for (size_t i = 0; !r && i < j->n; i++) {
		bool found = false;

		if (!dev_stat(j->ctx, j->devs[i], &d))
			for (size_t k = 0; k < n && !found; k++)
				found = ents[k].devno == d.devno;
		if (!found) {
			log_err(j->ctx, "Failed to find device %s.", j->devs[i]);
			r = -ENOENT;
		}
		j->devno[i] = d.devno;
	}
	dev_free_list(ents, n);
	return r;
}

static const struct sdev *sdev_of(struct vol_ctx *ctx, dev_t devno)
{
	const struct sdev *s;

	for (size_t k = 0; (s = scan_dev(ctx, k)); k++)
		if (s->d.devno == devno)
			return s;
	return NULL;
}

/* The VG name device @s names: NULL when it cannot tell (a PV without
 * metadata areas), "" for an orphan PV. */
static const char *vg_name_of(const struct sdev *s)
{
	if (s->vg)
		return s->vg->name;
	return s->state == PVS_FREE && s->d.n_mda ? "" : NULL;
}

/* With the scan narrowed to them: each device is a PV (each its own) and
 * all belong to one VG, whose name is kept in j->old_name. */
static int identify(struct clone_job *j)
{
	struct vol_ctx *ctx = j->ctx;
	const char *old = NULL, *name;
	int r;

	if ((r = quiet_scan(j)))
		return r;
	for (size_t i = 0; i < j->n; i++) {
		const struct sdev *s = sdev_of(ctx, j->devno[i]), *t;
		bool twin = false;

		for (size_t k = 0; s && s->is_pv && k < i && !twin; k++)
			twin = (t = sdev_of(ctx, j->devno[k])) && t != s && t->is_pv &&
			       !strcmp(t->d.label.uuid, s->d.label.uuid);
		if (!s || !s->is_pv || twin) {
			log_err(ctx, "Failed to find PVID for device %s.", j->devs[i]);
			return -ENOENT;
		}
		if (!(name = vg_name_of(s)))
			continue;	/* settled when the VG is read */
		if (old && strcmp(old, name)) {
			log_err(ctx, "Devices must be from the same VG.");
			return -EINVAL;
		}
		old = name;
	}
	if (!old || !*old) {
		log_err(ctx, "No VG found on devices.");
		return -EINVAL;
	}
	return (j->old_name = strdup(old)) ? 0 : -ENOMEM;
}

static bool listed(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/* lvm2's choice: the base name (the given one, or the old name plus "1"),
 * then base1, base2, ... until no VG on the other devices has it. */
static int pick_name(struct clone_job *j)
{
	const char *base = j->p->base_name ? j->p->base_name : j->old_name, *why;
	unsigned count = j->p->base_name ? 0 : 1;
	char cand[MD_NAME_LEN + 16];
	char **names = NULL;
	size_t n = 0;
	int r;

	narrow_to(j, true);
	if ((r = quiet_scan(j)) || (r = vol_vg_names(j->ctx, &names, &n)))
		return r;
	if (count)
		snprintf(cand, sizeof(cand), "%s%u", base, count);
	else
		snprintf(cand, sizeof(cand), "%s", base);
	while (listed(names, n, cand))
		snprintf(cand, sizeof(cand), "%s%u", base, ++count);
	vol_strv_free(names, n);
	if (md_name_check(cand, &why)) {
		log_err(j->ctx, "Invalid volume group name %s: %s.", cand, why);
		return -EINVAL;
	}
	log_debug(j->ctx, "Using new VG name %s.", cand);
	return (j->new_name = strdup(cand)) ? 0 : -ENOMEM;
}

/* An active LV of lvm2's (or ours) on @devno: a holder with an LVM dm UUID. */
static bool has_active_lv(dev_t devno)
{
	char path[300], uuid[8];
	struct dirent *e;
	bool found = false;
	DIR *d;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/holders", major(devno), minor(devno));
	if (!(d = opendir(path)))
		return false;
	while (!found && (e = readdir(d))) {
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/block/%s/dm/uuid", e->d_name);
		if ((f = fopen(path, "re"))) {
			found = fgets(uuid, sizeof(uuid), f) && !strncmp(uuid, "LVM-", 4);
			fclose(f);
		}
	}
	closedir(d);
	return found;
}

/* The devices are exactly the VG's PVs, none in use by an active LV. */
static int check_vg(struct clone_job *j, struct vol_vg *vg)
{
	struct vol_ctx *ctx = j->ctx;
	bool busy = false;

	if ((vg->md->status.known & MD_VG_EXPORTED) && !(j->p->flags & VOL_CLONE_IMPORT)) {
		log_err(ctx, "VG %s is exported, use the --import option.", vg->md->name);
		return -EPERM;
	}
	for (size_t i = 0; i < j->n; i++) {
		bool member = false;

		for (uint32_t k = 0; k < vg->md->n_pvs && !member; k++)
			member = vg->slots[k].present && vg->slots[k].d.devno == j->devno[i];
		for (size_t k = 0; k < i && member; k++)
			member = j->devno[k] != j->devno[i];	/* each PV once */
		if (!member) {
			log_err(ctx, "Device %s was not found in VG %s.", j->devs[i], vg->md->name);
			log_err(ctx, "The devices to import must match the devices in the VG.");
			return -EINVAL;
		}
	}
	for (size_t i = 0; i < j->n; i++)
		if (has_active_lv(j->devno[i])) {
			log_err(ctx, "Device %s has active LVs, deactivate first.", j->devs[i]);
			busy = true;
		}
	return busy ? -EBUSY : 0;
}

/* @l without the items named in @drop (NULL-terminated), copied into @a. */
static int without(struct md_arena *a, struct md_cn **l, const char *const *drop)
{
	struct md_cn *head = NULL, **tail = &head;

	for (const struct md_cn *c = *l; c; c = c->next) {
		bool skip = false;

		for (const char *const *k = drop; *k && !skip; k++)
			skip = c->key && !strcmp(c->key, *k);
		if (skip)
			continue;
		if (!(*tail = md_cn_clone(a, c, false)))
			return -ENOMEM;
		tail = &(*tail)->next;
	}
	*l = head;
	return 0;
}

/* What belonged to the original and not to the copy: its lvmlockd lock
 * (the copy is a local VG, as in lvm2) and its PVs' device IDs. */
static int drop_origin_keys(struct vol_vg *vg)
{
	static const char *const vgkeys[] = { "lock_type", "lock_args", NULL };
	static const char *const lvkeys[] = { "lock_args", NULL };
	static const char *const pvkeys[] = { "device_id_type", "device_id", NULL };
	struct md_vg *m = vg->md;
	int r = without(vg->arena, &m->extra, vgkeys);

	for (uint32_t i = 0; !r && i < m->n_lvs; i++)
		r = without(vg->arena, &m->lvs[i].extra, lvkeys);
	for (uint32_t i = 0; !r && i < m->n_pvs; i++)
		r = without(vg->arena, &m->pvs[i].extra, pvkeys);
	return r;
}

/* The new name, under its lock; the old one stays locked until the commit. */
static int rename_to(struct clone_job *j, struct vol_vg *vg)
{
	int r;

	vg->cloned = true;
	if (!strcmp(j->new_name, vg->md->name))
		return 0;
	if ((r = lock_get(j->ctx, j->new_name, VLOCK_WRITE, false)))
		return r;
	if (!(vg->old_name = strdup(vg->md->name))) {
		lock_put(j->ctx, j->new_name);
		return -ENOMEM;
	}
	vg->old_locked = vg->locked;
	free(vg->lock_name);
	vg->lock_name = strdup(j->new_name);
	vg->locked = true;
	if (!vg->lock_name || !(vg->md->name = md_arena_strdup(vg->arena, j->new_name)))
		return -ENOMEM;
	return 0;
}

/* New UUIDs: the VG's, and each PV's (its label first, as pvchange -u). */
static void new_uuids(struct vol_vg *vg)
{
	char id[MD_UUID_STR_SIZE];

	gen_uuid(vg->md->id);
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		struct pvslot *s = &vg->slots[i];

		gen_uuid(vg->md->pvs[i].id);
		memcpy(s->d.label.uuid, vg->md->pvs[i].id, sizeof(vg->md->pvs[i].id));
		s->relabel = true;
		s->joined = true;	/* its devices file entry takes the new UUID */
		md_uuid_format(vg->md->pvs[i].id, id);
		log_verbose(vg->ctx, "Changing uuid of %s to %s.", s->d.path, id);
	}
}

static int edit(struct clone_job *j, struct vol_vg *vg)
{
	struct md_vg *m = vg->md;
	int r;

	if ((r = check_vg(j, vg)) || (r = rename_to(j, vg)) || (r = drop_origin_keys(vg)))
		return r;
	if (j->p->flags & VOL_CLONE_IMPORT) {
		m->status.known &= ~(uint32_t)MD_VG_EXPORTED;
		for (uint32_t i = 0; i < m->n_pvs; i++)
			m->pvs[i].status.known &= ~(uint32_t)MD_PV_EXPORTED;
	}
	m->system_id = NULL;
	if (j->ctx->system_id && *j->ctx->system_id &&
	    !(m->system_id = md_arena_strdup(vg->arena, j->ctx->system_id)))
		return -ENOMEM;
	new_uuids(vg);
	if ((r = vg_sync_handles(vg)))
		return r;
	return vol_vg_commit(vg);
}

/* Reads the VG from the devices alone, changes it and writes it there. */
static int import(struct clone_job *j)
{
	struct vol_vg *vg;
	int r;

	narrow_to(j, false);
	r = vol_vg_open(j->ctx, j->old_name, VOL_OPEN_WRITE | VOL_OPEN_ORPHANS | VOL_OPEN_EXPORTED |
			VG_OPEN_CLONE, &vg);
	if (r) {
		log_err(j->ctx, "Failed to read VG %s from devices being imported.", j->old_name);
		return r;
	}
	if ((r = edit(j, vg)))
		log_err(j->ctx, "Failed to update VG on devices being imported.");
	else
		log_verbose(j->ctx, "Volume group %s on the devices given is now %s.", j->old_name,
			    j->new_name);
	vol_vg_close(vg);
	return r;
}

static int run(struct clone_job *j)
{
	int r;

	if ((j->p->flags & VOL_CLONE_IMPORT_DEVICES) && (r = import_devices(j)))
		return r;
	if ((r = find_devices(j)))
		return r;
	narrow_to(j, false);
	if ((r = identify(j)) || (r = pick_name(j)))
		return r;
	return import(j);
}

VOL_EXPORT int vol_vg_import_clone(struct vol_ctx *ctx, const char *const *devs, size_t n,
				   const struct vol_clone_params *p, char **new_name)
{
	struct vol_clone_params none;
	struct clone_job j = { .ctx = ctx, .devs = devs, .n = n, .p = p };
	const char *why;
	int r;

	if (new_name)
		*new_name = NULL;
	if (!p) {
		vol_clone_params_init(&none);
		j.p = p = &none;
	}
	if (!n || !devs) {
		log_err(ctx, "No devices to import.");
		return -EINVAL;
	}
	if (p->base_name && md_name_check(p->base_name, &why)) {
		log_err(ctx, "Invalid volume group name %s: %s.", p->base_name, why);
		return -EINVAL;
	}
	if (!(j.devno = calloc(n, sizeof(*j.devno))))
		return -ENOMEM;
	if (!(r = lock_get(ctx, NULL, VLOCK_WRITE, false))) {
		hints_invalidate(ctx);
		r = run(&j);
		narrow_end(&j);
		lock_put(ctx, NULL);
	}
	if (!r && new_name) {
		*new_name = j.new_name;
		j.new_name = NULL;
	}
	free(j.devno);
	free(j.old_name);
	free(j.new_name);
	return r;
}
