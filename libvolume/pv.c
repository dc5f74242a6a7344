/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Physical volumes: pvcreate, pvremove, pvresize, and the PV getters. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "internal.h"

void gen_uuid(char out[MD_UUID_LEN + 1])
{
	unsigned char b[MD_UUID_LEN];
	size_t got = 0;

	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);

		if (n > 0)
			got += (size_t)n;
	}
	md_uuid_from_bytes(b, out);
}

VOL_EXPORT void vol_pv_params_init(struct vol_pv_params *p)
{
	memset(p, 0, sizeof(*p));
	p->metadata_copies = -1;
}

int pv_check_free_device(struct vol_ctx *ctx, const char *path, struct devent *ent)
{
	int r = dev_stat(ctx, path, ent);
	int fd;

	if (r == -ENOTBLK) {
		log_err(ctx, "%s is not a block device.", path);
		return r;
	}
	if (r) {
		log_err(ctx, "Device %s not found.", path);
		return -ENOENT;
	}
	/* Outside the scope we have not read its label: it may be a PV of any VG. */
	if (!scan_in_scope(ctx, ent->devno)) {
		log_err(ctx, "Cannot use %s: device is not in the device scope (--devices).", path);
		return -ENODEV;
	}
	if (dev_is_mounted(ctx, ent->devno)) {
		log_err(ctx, "%s is mounted or used as swap; not using it.", path);
		return -EBUSY;
	}
	if (ent->size < PV_MIN_SIZE) {
		log_err(ctx, "%s is too small (%" PRIu64 " bytes): a PV needs at least 2 MiB.", path,
			ent->size);
		return -EINVAL;
	}
	/* An exclusive open fails while anything else holds the device. */
	fd = open(path, O_RDWR | O_EXCL | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		log_err(ctx, "Cannot open %s exclusively: %s.", path,
			r == -EBUSY ? "it is in use" : strerror(-r));
		return r == -EBUSY ? -EBUSY : r;
	}
	close(fd);
	return 0;
}

/* pe_start (and the bootloader area) of a PV as a backup file records it. */
static int layout_from_backup(struct vol_ctx *ctx, const struct vol_pv_params *p, const char *raw,
			      struct pv_layout *l)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg;
	int32_t i;
	int r;

	if (!a)
		return -ENOMEM;
	r = backup_read(ctx, p->restore_file, a, &vg);
	if (r)
		goto out;
	i = md_vg_find_pv(vg, raw);
	if (i < 0) {
		log_err(ctx, "Can't find uuid %s in backup file %s.", p->uuid, p->restore_file);
		r = -ENOENT;
		goto out;
	}
	l->pe_start = vg->pvs[i].pe_start * SECTOR;
	l->ba_start = vg->pvs[i].ba_start * SECTOR;
	l->ba_size = vg->pvs[i].ba_size * SECTOR;
	/* Keep the data where it was: mda0 fills the room before it. */
	if (l->n_mda) {
		uint64_t end = l->ba_size ? l->ba_start : l->pe_start;

		if (end < l->mda[0].offset + MD_MDA_MIN_SIZE) {
			log_err(ctx, "pe_start %" PRIu64 " in %s leaves no room for metadata.",
				l->pe_start, p->restore_file);
			r = -EINVAL;
			goto out;
		}
		l->mda[0].size = end - l->mda[0].offset;
	}
out:
	md_arena_free(a);
	return r;
}

static int ask_signatures(struct vol_ctx *ctx, const char *path)
{
	struct probe_sig *sigs;
	size_t n;
	int r = probe_signatures(ctx, path, &sigs, &n);

	for (size_t i = 0; !r && i < n; i++)
		if (!confirm(ctx, "WARNING: %s signature detected on %s at offset %" PRIu64
			     ". Wipe it? [y/n]: ", sigs[i].type, path, sigs[i].offset)) {
			log_err(ctx, "%s holds a %s signature at offset %" PRIu64
				     "; not wiping it without confirmation (use -y).",
				path, sigs[i].type, sigs[i].offset);
			r = -ECANCELED;
		}
	free(sigs);
	return r;
}

int pv_prepare_new(struct vol_ctx *ctx, const char *path, const struct vol_pv_params *p,
		   struct pv_layout *layout, char raw_uuid[MD_UUID_LEN + 1])
{
	struct devent ent;
	const char *why;
	uint64_t size;
	int r;

	if ((r = pv_check_free_device(ctx, path, &ent)))
		return r;
	size = p->device_size ? p->device_size : ent.size;
	if (size > ent.size) {
		log_err(ctx, "%s: size %" PRIu64 " is larger than the device (%" PRIu64 " bytes).",
			path, size, ent.size);
		return -EINVAL;
	}
	if (size < PV_MIN_SIZE) {
		log_err(ctx, "%s: a PV needs at least 2 MiB.", path);
		return -EINVAL;
	}
	if (p->uuid) {
		if (md_uuid_parse(p->uuid, raw_uuid)) {
			log_err(ctx, "Invalid UUID %s.", p->uuid);
			return -EINVAL;
		}
		struct sdev *other = scan_find_uuid(ctx, raw_uuid);

		if (other && other != scan_find_path(ctx, path)) {
			log_err(ctx, "UUID %s already in use on %s.", p->uuid, other->d.path);
			return -EEXIST;
		}
	} else {
		gen_uuid(raw_uuid);
	}
	if (pv_layout_compute(p, size, layout, &why)) {
		log_err(ctx, "%s: %s.", path, why);
		return -EINVAL;
	}
	if (p->restore_file && (r = layout_from_backup(ctx, p, raw_uuid, layout)))
		return r;
	return ask_signatures(ctx, path);
}

int pv_write_fresh(struct vol_ctx *ctx, struct iodev *io, const struct pv_layout *l,
		   const char *raw_uuid, bool used, bool sync)
{
	unsigned char *sec = io_alloc(MD_SECTOR);
	struct md_label lab;
	struct md_mdah h;
	int r = 0;

	if (!sec)
		return -ENOMEM;
	/* Stale labels in the other scanned sectors would compete with ours. */
	for (unsigned s = 0; s < MD_LABEL_SCAN_SECTORS && !r; s++) {
		if (s == LABEL_SECTOR)
			continue;
		r = io_read(io, (uint64_t)s * MD_SECTOR, sec, MD_SECTOR);
		if (!r && !memcmp(sec, md_label_id, sizeof(md_label_id)))
			r = io_zero(io, (uint64_t)s * MD_SECTOR, MD_SECTOR);
	}
	for (unsigned m = 0; m < l->n_mda && !r; m++) {
		uint64_t wipe = l->mda[m].size < 4096 ? l->mda[m].size : 4096;

		r = io_zero(io, l->mda[m].offset, wipe);
		md_mdah_init(&h, l->mda[m].offset, l->mda[m].size);
		md_mdah_encode(&h, sec);
		if (!r)
			r = io_write(io, l->mda[m].offset, sec, MD_MDA_HEADER_SIZE);
	}
	/* The empty areas are on disk before a label points at them. */
	if (!r && sync)
		r = io_sync(io);
	pv_layout_to_label(l, raw_uuid, used, &lab);
	if (!r && !(r = md_label_encode(&lab, sec)))
		r = io_write(io, (uint64_t)LABEL_SECTOR * MD_SECTOR, sec, MD_SECTOR);
	if (!r && sync)
		r = io_sync(io);
	if (r)
		log_err(ctx, "%s: writing the PV label failed: %s.", io->path, strerror(-r));
	free(sec);
	return r;
}

/* Wipes signatures through a buffered descriptor, then flushes it. */
int wipe_signatures(struct vol_ctx *ctx, const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	int r;

	if (fd < 0)
		return -errno;
	r = probe_wipe(ctx, fd, path);
	if (!r && fsync(fd))
		r = -errno;
	close(fd);
	return r;
}

static int pv_create_locked(struct vol_ctx *ctx, const char *dev, const struct vol_pv_params *p);

VOL_EXPORT int vol_pv_create(struct vol_ctx *ctx, const char *dev, const struct vol_pv_params *p)
{
	struct vol_pv_params defaults;
	int r;

	if (!p) {
		vol_pv_params_init(&defaults);
		p = &defaults;
	}
	if ((r = lock_get(ctx, NULL, VLOCK_WRITE, false)))
		return r;
	r = pv_create_locked(ctx, dev, p);
	lock_put(ctx, NULL);
	return r;
}

static int pv_create_locked(struct vol_ctx *ctx, const char *dev, const struct vol_pv_params *p)
{
	struct pv_layout layout;
	char raw[MD_UUID_LEN + 1];
	struct sdev *s;
	struct iodev io;
	int r;

	vol_ctx_rescan(ctx);
	s = scan_find_path(ctx, dev);
	if (s && s->is_pv && s->vg) {
		if (p->force < 2) {
			log_err(ctx, "Can't initialize physical volume \"%s\" of volume group \"%s\" without -ff.",
				dev, s->vg->name);
			return -EBUSY;
		}
		if (!confirm(ctx, "Really INITIALIZE physical volume \"%s\" of volume group \"%s\" [y/n]? ",
			     dev, s->vg->name)) {
			log_err(ctx, "%s: physical volume not initialized.", dev);
			return -ECANCELED;
		}
		log_warn(ctx, "WARNING: Forcing physical volume creation on %s of volume group \"%s\"",
			 dev, s->vg->name);
	}
	if ((r = pv_prepare_new(ctx, dev, p, &layout, raw)))
		return r;
	if ((r = wipe_signatures(ctx, dev)))
		return r;
	if ((r = io_open(&io, dev, O_RDWR | O_EXCL))) {
		log_err(ctx, "Cannot open %s for writing: %s.", dev, strerror(-r));
		return r;
	}
	r = pv_write_fresh(ctx, &io, &layout, raw, false, true);
	io_close(&io);
	vol_ctx_rescan(ctx);
	hints_invalidate(ctx);
	if (!r)
		log_info(ctx, "Physical volume \"%s\" successfully created.", dev);
	return r;
}

static struct sdev *find_pv_dev(struct vol_ctx *ctx, const char *dev)
{
	struct sdev *s = scan_find_path(ctx, dev);

	if (!s) {
		struct devent e;
		int r = dev_stat(ctx, dev, &e);

		if (r == -ENOTBLK)
			log_err(ctx, "%s is not a block device.", dev);
		else if (r)
			log_err(ctx, "Device %s not found.", dev);
		else
			log_err(ctx, "Device %s is outside the device scope (--devices).", dev);
		return NULL;
	}
	if (!s->is_pv) {
		log_err(ctx, "No PV found on device %s.", dev);
		return NULL;
	}
	return s;
}

static int pv_remove_locked(struct vol_ctx *ctx, const char *dev, unsigned force);

VOL_EXPORT int vol_pv_remove(struct vol_ctx *ctx, const char *dev, unsigned force)
{
	int r = lock_get(ctx, NULL, VLOCK_WRITE, false);

	if (r)
		return r;
	r = pv_remove_locked(ctx, dev, force);
	lock_put(ctx, NULL);
	return r;
}

static int pv_remove_locked(struct vol_ctx *ctx, const char *dev, unsigned force)
{
	struct sdev *s;
	struct iodev io;
	int r;

	vol_ctx_rescan(ctx);
	if (!(s = find_pv_dev(ctx, dev)))
		return -ENOENT;
	if (s->vg) {
		if (force < 2) {
			log_err(ctx, "PV %s is used by VG %s so please use vgreduce first.", dev,
				s->vg->name);
			log_err(ctx, "(If you are certain you need pvremove, then confirm by using --force twice.)");
			return -EBUSY;
		}
		if (!confirm(ctx, "Really WIPE LABELS from physical volume \"%s\" of volume group \"%s\" [y/n]? ",
			     dev, s->vg->name)) {
			log_err(ctx, "%s: physical volume label not removed.", dev);
			return -ECANCELED;
		}
		log_warn(ctx, "WARNING: Wiping physical volume label from %s of volume group \"%s\".",
			 dev, s->vg->name);
	}
	if ((r = io_open(&io, dev, O_RDWR | O_EXCL))) {
		log_err(ctx, "Cannot open %s exclusively: %s.", dev,
			r == -EBUSY ? "it is in use" : strerror(-r));
		return r;
	}
	r = io_zero(&io, s->d.label.sector * MD_SECTOR, MD_SECTOR);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	vol_ctx_rescan(ctx);
	hints_invalidate(ctx);
	if (r) {
		log_err(ctx, "%s: wiping the label failed: %s.", dev, strerror(-r));
		return r;
	}
	log_info(ctx, "Labels on physical volume \"%s\" successfully wiped.", dev);
	return 0;
}

static int resize_orphan(struct vol_ctx *ctx, struct sdev *s, uint64_t size)
{
	struct md_label lab = s->d.label;
	unsigned char *sec;
	struct iodev io;
	int r;

	if (lab.n_mda == 2 && size != lab.device_size) {
		log_err(ctx, "%s: cannot resize a PV with a metadata area at its end.", s->d.path);
		return -EINVAL;
	}
	lab.device_size = size;
	if (!(sec = io_alloc(MD_SECTOR)))
		return -ENOMEM;
	r = md_label_encode(&lab, sec);
	if (!r && !(r = io_open(&io, s->d.path, O_RDWR))) {
		r = io_write(&io, lab.sector * MD_SECTOR, sec, MD_SECTOR);
		if (!r)
			r = io_sync(&io);
		io_close(&io);
	}
	free(sec);
	return r;
}

static int resize_member(struct vol_ctx *ctx, const char *vgname, const char *raw, uint64_t size)
{
	struct vol_vg *vg;
	struct md_pv *pv;
	uint64_t es, count, used;
	int32_t i;
	int r;

	if ((r = vol_vg_open(ctx, vgname, VOL_OPEN_WRITE, &vg)))
		return r;
	i = md_vg_find_pv(vg->md, raw);
	pv = &vg->md->pvs[i];
	es = vg->md->extent_size * SECTOR;
	if (vg->slots[i].d.label.n_mda == 2 && size != vg->slots[i].d.label.device_size) {
		log_err(ctx, "%s: cannot resize a PV with a metadata area at its end.",
			vg->slots[i].d.path);
		r = -EINVAL;
		goto out;
	}
	if (size < pv->pe_start * SECTOR) {
		log_err(ctx, "%s: size is smaller than the PV's data offset.", vg->slots[i].d.path);
		r = -EINVAL;
		goto out;
	}
	count = (size - pv->pe_start * SECTOR) / es;
	used = md_pv_used_end(vg->md, (uint32_t)i);
	if (count < used) {
		log_err(ctx, "%s: cannot resize to %" PRIu64 " extents as later ones are allocated.",
			vg->slots[i].d.path, count);
		r = -EBUSY;
		goto out;
	}
	pv->pe_count = count;
	pv->dev_size = size / SECTOR;
	vg->slots[i].d.label.device_size = size;
	vg->slots[i].relabel = true;
	r = vol_vg_commit(vg);
out:
	vol_vg_close(vg);
	return r;
}

VOL_EXPORT int vol_pv_resize(struct vol_ctx *ctx, const char *dev, uint64_t size)
{
	char raw[MD_UUID_LEN + 1], vgname[MD_NAME_LEN];
	struct sdev *s;
	int r;

	if (!(s = find_pv_dev(ctx, dev)))
		return -ENOENT;
	if (!size)
		size = s->d.size;
	if (size > s->d.size) {
		log_err(ctx, "%s: cannot resize to %" PRIu64 " bytes, more than the device's %" PRIu64 ".",
			dev, size, s->d.size);
		return -EINVAL;
	}
	if (size < PV_MIN_SIZE) {
		log_err(ctx, "%s: a PV needs at least 2 MiB.", dev);
		return -EINVAL;
	}
	if (s->vg) {
		memcpy(raw, s->d.label.uuid, sizeof(raw));
		snprintf(vgname, sizeof(vgname), "%s", s->vg->name);
		r = resize_member(ctx, vgname, raw, size);
	} else {
		if ((r = lock_get(ctx, NULL, VLOCK_WRITE, false)))
			return r;
		vol_ctx_rescan(ctx);
		if (!(s = find_pv_dev(ctx, dev)))
			r = -ENOENT;
		else if (s->vg) {
			log_err(ctx, "%s joined a VG meanwhile; try again.", dev);
			r = -EBUSY;
		} else {
			r = resize_orphan(ctx, s, size);
		}
		vol_ctx_rescan(ctx);
		lock_put(ctx, NULL);
	}
	if (!r)
		log_info(ctx, "Physical volume \"%s\" changed", dev);
	return r;
}

/* ---------------------------------------------------------------- orphans */

void ctx_drop_orphans(struct vol_ctx *ctx)
{
	free(ctx->orphans);
	ctx->orphans = NULL;
	ctx->n_orphans = 0;
}

void pv_fill_handle(struct vol_pv *h)
{
	const char *raw = h->vg ? h->vg->md->pvs[h->idx].id : h->d->label.uuid;

	md_uuid_format(raw, h->uuid);
	h->attr[0] = vol_pv_is_allocatable(h) ? 'a' : '-';
	h->attr[1] = vol_pv_is_exported(h) ? 'x' : '-';
	h->attr[2] = vol_pv_is_missing(h) ? 'm' : '-';
	h->attr[3] = '\0';
}

VOL_EXPORT int vol_orphan_count(struct vol_ctx *ctx, size_t *n)
{
	int r = scan_run(ctx);
	size_t k = 0;

	*n = 0;
	if (r)
		return r;
	if (!ctx->orphans) {
		ctx->orphans = calloc(ctx->scan->n_devs ? ctx->scan->n_devs : 1, sizeof(*ctx->orphans));
		if (!ctx->orphans)
			return -ENOMEM;
		for (size_t i = 0; i < ctx->scan->n_devs; i++) {
			struct sdev *s = &ctx->scan->devs[i];

			if (!s->is_pv || s->vg)
				continue;
			ctx->orphans[k].d = &s->d;
			pv_fill_handle(&ctx->orphans[k]);
			k++;
		}
		ctx->n_orphans = k;
	}
	*n = ctx->n_orphans;
	return 0;
}

VOL_EXPORT struct vol_pv *vol_orphan_pv(struct vol_ctx *ctx, size_t i)
{
	return i < ctx->n_orphans ? &ctx->orphans[i] : NULL;
}

VOL_EXPORT int vol_dev_list(struct vol_ctx *ctx, void (*fn)(const struct vol_dev_info *d, void *usrptr),
			    void *usrptr)
{
	int r = scan_run(ctx);

	if (r)
		return r;
	for (size_t i = 0; i < ctx->scan->n_devs; i++) {
		const struct sdev *s = &ctx->scan->devs[i];
		struct vol_dev_info d = { s->d.path, s->d.size, s->is_pv };

		fn(&d, usrptr);
	}
	return 0;
}

/* ---------------------------------------------------------------- getters */

static const struct md_pv *mpv(const struct vol_pv *pv)
{
	return pv->vg ? &pv->vg->md->pvs[pv->idx] : NULL;
}

static uint64_t es_bytes(const struct vol_pv *pv)
{
	return pv->vg->md->extent_size * SECTOR;
}

VOL_EXPORT const char *vol_pv_name(const struct vol_pv *pv)
{
	return pv->d ? pv->d->path : "[unknown]";
}

VOL_EXPORT const char *vol_pv_uuid(const struct vol_pv *pv)
{
	return pv->uuid;
}

VOL_EXPORT const char *vol_pv_vg_name(const struct vol_pv *pv)
{
	return pv->vg ? pv->vg->md->name : "";
}

VOL_EXPORT uint64_t vol_pv_dev_size(const struct vol_pv *pv)
{
	if (pv->d)
		return pv->d->size;
	return mpv(pv) ? mpv(pv)->dev_size * SECTOR : 0;
}

VOL_EXPORT uint64_t vol_pv_size(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->pe_count * es_bytes(pv);
	return pv->d->label.device_size;
}

VOL_EXPORT uint64_t vol_pv_pe_alloc_count(const struct vol_pv *pv)
{
	return pv->vg ? md_pv_used_extents(pv->vg->md, (uint32_t)pv->idx) : 0;
}

VOL_EXPORT uint64_t vol_pv_used(const struct vol_pv *pv)
{
	return pv->vg ? vol_pv_pe_alloc_count(pv) * es_bytes(pv) : 0;
}

VOL_EXPORT uint64_t vol_pv_free(const struct vol_pv *pv)
{
	return vol_pv_size(pv) - vol_pv_used(pv);
}

VOL_EXPORT uint64_t vol_pv_pe_start(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->pe_start * SECTOR;
	return pv->d->label.n_da ? pv->d->label.da[0].offset : 0;
}

VOL_EXPORT uint64_t vol_pv_pe_count(const struct vol_pv *pv)
{
	return pv->vg ? mpv(pv)->pe_count : 0;
}

VOL_EXPORT unsigned vol_pv_mda_count(const struct vol_pv *pv)
{
	return pv->d ? pv->d->n_mda : 0;
}

static bool mda_ignored(const struct pvdev *d, unsigned m)
{
	return !d->hdr_err[m] && (d->hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED);
}

VOL_EXPORT unsigned vol_pv_mda_used_count(const struct vol_pv *pv)
{
	unsigned n = 0;

	for (unsigned m = 0; pv->d && m < pv->d->n_mda; m++)
		n += !mda_ignored(pv->d, m);
	return n;
}

VOL_EXPORT uint64_t vol_pv_mda_size(const struct vol_pv *pv)
{
	uint64_t best = 0;

	for (unsigned m = 0; pv->d && m < pv->d->n_mda; m++)
		if (!best || pv->d->label.mda[m].size < best)
			best = pv->d->label.mda[m].size;
	return best;
}

VOL_EXPORT uint64_t vol_pv_mda_free(const struct vol_pv *pv)
{
	uint64_t best = UINT64_MAX;

	for (unsigned m = 0; pv->d && m < pv->d->n_mda; m++) {
		uint64_t f = pv->d->hdr_err[m] ? 0 : mda_free_bytes(&pv->d->hdr[m]);

		if (!mda_ignored(pv->d, m) && f < best)
			best = f;
	}
	return best == UINT64_MAX ? 0 : best;
}

VOL_EXPORT uint64_t vol_pv_ba_start(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->ba_start * SECTOR;
	return pv->d->label.n_ba ? pv->d->label.ba[0].offset : 0;
}

VOL_EXPORT uint64_t vol_pv_ba_size(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->ba_size * SECTOR;
	return pv->d->label.n_ba ? pv->d->label.ba[0].size : 0;
}

VOL_EXPORT size_t vol_pv_tag_count(const struct vol_pv *pv)
{
	return pv->vg ? mpv(pv)->tags.n : 0;
}

VOL_EXPORT const char *vol_pv_tag(const struct vol_pv *pv, size_t i)
{
	return i < vol_pv_tag_count(pv) ? mpv(pv)->tags.v[i] : NULL;
}

VOL_EXPORT bool vol_pv_is_missing(const struct vol_pv *pv)
{
	return !pv->d;
}

VOL_EXPORT bool vol_pv_is_allocatable(const struct vol_pv *pv)
{
	return pv->vg && (mpv(pv)->status.known & MD_PV_ALLOCATABLE);
}

VOL_EXPORT bool vol_pv_is_exported(const struct vol_pv *pv)
{
	return pv->vg && (mpv(pv)->status.known & MD_PV_EXPORTED);
}

VOL_EXPORT bool vol_pv_is_in_use(const struct vol_pv *pv)
{
	return pv->d && (pv->d->label.ext_flags & MD_PV_EXT_USED);
}

VOL_EXPORT uint32_t vol_pv_ext_version(const struct vol_pv *pv)
{
	return pv->d ? pv->d->label.ext_version : 0;
}

VOL_EXPORT const char *vol_pv_attr(const struct vol_pv *pv)
{
	return pv->attr;
}

VOL_EXPORT uint64_t vol_pv_devno(const struct vol_pv *pv)
{
	return pv->d ? (uint64_t)pv->d->devno : 0;
}
