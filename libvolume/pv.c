/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Physical volumes: pvcreate, pvremove, pvresize, and the PV getters. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "devicesfile.h"
#include "endian.h"
#include "hints.h"
#include "lock.h"
#include "pvinit.h"
#include "vgobj.h"

VOL_EXPORT void vol_pv_params_init(struct vol_pv_params *p)
{
	memset(p, 0, sizeof(*p));
	p->metadata_copies = VOL_PV_MDA_COPIES_DEFAULT;
	p->label_sector = LABEL_SECTOR;
}

/* The PV's entry in the devices file, if one is in use. */
static void record_pv(struct vol_ctx *ctx, enum devfile_who who, const char *dev, dev_t devno,
		      const char *raw, bool vgs_seen)
{
	struct devfile_op op = { dev, devno, raw };

	devfile_record(ctx, who, &op, 1, vgs_seen);
}

static int pv_create_locked(struct vol_ctx *ctx, const char *dev, const struct vol_pv_params *p)
{
	struct pv_layout layout;
	char raw[MD_UUID_LEN + 1];
	struct sdev *s;
	struct iodev io;
	bool vgs_seen;
	int r;

	/* pvcreate may name a device the devices file does not list (yet). */
	if ((r = devfile_admit(ctx, dev)))
		return r;
	vol_ctx_rescan(ctx);
	s = scan_find_path(ctx, dev);
	vgs_seen = ctx->scan && ctx->scan->n_vgs;
	if (s && (r = pv_check_taken(ctx, s, dev, p->flags, VOL_Q_INIT_MEMBER)))
		return r;
	if ((r = pv_prepare_new(ctx, dev, p, &layout, raw)))
		return r;
	if (ctx->test_mode) {
		log_info(ctx, "Test mode: no label written to %s.", dev);
		return 0;
	}
	if ((r = wipe_signatures(ctx, dev)))
		return r;
	if ((r = io_open(&io, dev, O_RDWR | O_EXCL)))
		return pv_excl_failed(ctx, dev, r);
	r = pv_write_fresh(ctx, &io, &layout, raw, false, true);
	io_close(&io);
	vol_ctx_rescan(ctx);
	hints_invalidate(ctx);
	if (!r) {
		struct stat st;

		log_info(ctx, "Physical volume \"%s\" successfully created.", dev);
		if (!stat(dev, &st))
			record_pv(ctx, DF_PVCREATE, dev, st.st_rdev, raw, vgs_seen);
	}
	return r;
}

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

/*
 * pvremove -f of a device with no PV: as in lvm2 it succeeds, wiping any
 * label the scan could not use (a sector 0 to 3 that starts with LABELONE
 * and names itself), and nothing else.
 */
static int wipe_stray_labels(struct vol_ctx *ctx, const char *dev)
{
	unsigned char *sec = io_alloc(MD_SECTOR);
	struct iodev io;
	int r;

	if (!sec)
		return -ENOMEM;
	if ((r = io_open(&io, dev, O_RDWR | O_EXCL))) {
		free(sec);
		return pv_excl_failed(ctx, dev, r);
	}
	for (uint64_t n = 0; n < MD_LABEL_SCAN_SECTORS && !r; n++) {
		r = io_read(&io, n * MD_SECTOR, sec, MD_SECTOR);
		if (!r && !memcmp(sec, md_label_id, sizeof(md_label_id)) &&
		    ld64(sec + 8) == n)
			r = io_zero(&io, n * MD_SECTOR, MD_SECTOR);
	}
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	free(sec);
	vol_ctx_rescan(ctx);
	if (r) {
		log_err(ctx, "%s: wiping the label failed: %s.", dev, strerror(-r));
		return r;
	}
	log_info(ctx, "Labels on physical volume \"%s\" successfully wiped.", dev);
	return 0;
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
			log_err(ctx, "Cannot use %s: %s", dev, scan_scope_why(ctx));
		return NULL;
	}
	if (!s->is_pv) {
		log_err(ctx, "No PV found on device %s.", dev);
		return NULL;
	}
	return s;
}

static int pv_remove_locked(struct vol_ctx *ctx, const char *dev, unsigned flags)
{
	struct sdev *s;
	struct iodev io;
	dev_t devno;
	int r;

	vol_ctx_rescan(ctx);
	s = scan_find_path(ctx, dev);
	if (s && !s->is_pv && (flags & VOL_FORCE))
		return ctx->test_mode ? 0 : wipe_stray_labels(ctx, dev);
	if (!(s = find_pv_dev(ctx, dev)))
		return -ENOENT;
	devno = s->d.devno;
	if ((r = pv_check_taken(ctx, s, dev, flags, VOL_Q_WIPE_MEMBER)))
		return r;
	if (ctx->test_mode) {
		log_info(ctx, "Test mode: label on %s not wiped.", dev);
		return 0;
	}
	if ((r = io_open(&io, dev, O_RDWR | O_EXCL)))
		return pv_excl_failed(ctx, dev, r);
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
	record_pv(ctx, DF_PVREMOVE, dev, devno, NULL, true);
	return 0;
}

VOL_EXPORT int vol_pv_remove(struct vol_ctx *ctx, const char *dev, unsigned flags)
{
	int r = lock_get(ctx, NULL, VLOCK_WRITE, false);

	if (r)
		return r;
	r = pv_remove_locked(ctx, dev, flags);
	lock_put(ctx, NULL);
	return r;
}

/* A free PV: a new label, and fresh headers where its areas now are. */
static int resize_orphan(struct vol_ctx *ctx, struct sdev *s, uint64_t size)
{
	struct pvdev d = s->d;
	const char *why;
	struct iodev io;
	int r;

	if (pv_layout_move_end_mda(&d.label, size, &why)) {
		log_err(ctx, "%s: %s.", s->d.path, why);
		return -ENOSPC;
	}
	if (ctx->test_mode)
		return 0;
	if ((r = io_open(&io, s->d.path, O_RDWR)))
		return r;
	r = pv_write_orphan(ctx, &io, &d);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	return r;
}

/*
 * A size other than the device's is asked about, as lvm2 asks.  More than
 * the device cannot move a metadata area from its end: it would lie past
 * the device, so that is refused before anything is written.
 */
static int confirm_resize(struct vol_ctx *ctx, const struct sdev *s, const char *dev,
			  uint64_t size)
{
	char q[256];

	if (size == s->d.size)
		return 0;
	if (size > s->d.size && s->d.label.n_mda == 2) {
		log_err(ctx, "%s: the metadata area at the end of the PV would lie beyond the device "
			"(%" PRIu64 " bytes); not resized to %" PRIu64 " bytes.", dev, s->d.size, size);
		return -EINVAL;
	}
	if (size > s->d.size)
		log_warn(ctx, "%s: Overriding real size %" PRIu64 " bytes. You could lose data.", dev,
			 s->d.size);
	snprintf(q, sizeof(q), "%s: Requested size %" PRIu64 " bytes %s real size %" PRIu64
		 " bytes. Proceed?", dev, size, size > s->d.size ? "exceeds" : "is less than",
		 s->d.size);
	if (!confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_PV_SIZE, .question = q,
						      .device = dev, .size = s->d.size,
						      .new_size = size })) {
		log_err(ctx, "Physical Volume %s not resized.", dev);
		return -ECANCELED;
	}
	return 0;
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
	if ((r = confirm_resize(ctx, s, dev, size)))
		return r;
	if (size < PV_MIN_SIZE) {
		log_err(ctx, "%s: a PV needs at least 2 MiB.", dev);
		return -EINVAL;
	}
	if (s->d.label.n_da && size < s->d.label.da[0].offset) {
		log_err(ctx, "Size must exceed physical extent start of %" PRIu64 " sectors on PV %s.",
			s->d.label.da[0].offset / MD_SECTOR, dev);
		return -EINVAL;
	}
	if (s->vg) {
		memcpy(raw, s->d.label.uuid, sizeof(raw));
		snprintf(vgname, sizeof(vgname), "%s", s->vg->name);
		r = vg_resize_member(ctx, vgname, raw, size);
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

/* ---------------------------------------------------------------- getters */

static const struct md_pv *mpv(const struct vol_pv *pv)
{
	return pv->vg ? &pv->md : NULL;
}

static const struct pvdev *pvd(const struct vol_pv *pv)
{
	return pv->has_dev ? &pv->dev : NULL;
}

static uint64_t es_bytes(const struct vol_pv *pv)
{
	return pv->vg->md->extent_size * SECTOR;
}

VOL_EXPORT const char *vol_pv_name(const struct vol_pv *pv)
{
	return pv->has_dev || pv->dev.path ? pv->dev.path : "[unknown]";
}

VOL_EXPORT const char *vol_pv_uuid(const struct vol_pv *pv)
{
	return pv->uuid;
}

/* lvm2 shows a duplicate with its twin's VG, and a used PV without a VG as "[unknown]". */
VOL_EXPORT const char *vol_pv_vg_name(const struct vol_pv *pv)
{
	if (pv->vg)
		return pv->vg->md->name;
	if (pv->state == PVS_DUPLICATE)
		return pv->other_vg;
	if (pv->state == PVS_UNREADABLE && vol_pv_is_in_use(pv))
		return "[unknown]";
	return "";
}

VOL_EXPORT enum vol_pv_state vol_pv_state(const struct vol_pv *pv)
{
	switch (pv->state) {
	case PVS_FREE:
		return VOL_PV_FREE;
	case PVS_MEMBER:
		return VOL_PV_MEMBER;
	case PVS_UNREADABLE:
		return VOL_PV_UNREADABLE;
	case PVS_DUPLICATE:
		return VOL_PV_DUPLICATE;
	case PVS_OUTDATED:
		return VOL_PV_OUTDATED;
	default:
		return VOL_PV_NONE;
	}
}

VOL_EXPORT uint64_t vol_pv_dev_size(const struct vol_pv *pv)
{
	if (pv->has_dev)
		return pv->dev.size;
	return mpv(pv) ? mpv(pv)->dev_size * SECTOR : 0;
}

VOL_EXPORT uint64_t vol_pv_size(const struct vol_pv *pv)
{
	if (pv->vg && !mpv(pv)->pe_count)	/* lvm2 shows the recorded size then */
		return mpv(pv)->dev_size * SECTOR;
	if (pv->vg)
		return mpv(pv)->pe_count * es_bytes(pv);
	return pv->state == PVS_DUPLICATE ? 0 : pv->dev.label.device_size;
}

VOL_EXPORT uint64_t vol_pv_pe_alloc_count(const struct vol_pv *pv)
{
	return pv->vg && pv->idx >= 0 ? md_pv_used_extents(pv->vg->md, (uint32_t)pv->idx) : 0;
}

VOL_EXPORT uint64_t vol_pv_used(const struct vol_pv *pv)
{
	return pv->vg ? vol_pv_pe_alloc_count(pv) * es_bytes(pv) : 0;
}

VOL_EXPORT uint64_t vol_pv_free(const struct vol_pv *pv)
{
	/* A PV in use that we cannot read has no free space to offer. */
	if (!pv->vg && pv->state == PVS_UNREADABLE && vol_pv_is_in_use(pv))
		return 0;
	if (pv->vg)
		return mpv(pv)->pe_count * es_bytes(pv) - vol_pv_used(pv);
	return vol_pv_size(pv) - vol_pv_used(pv);
}

VOL_EXPORT uint64_t vol_pv_pe_start(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->pe_start * SECTOR;
	return pvd(pv)->label.n_da ? pvd(pv)->label.da[0].offset : 0;
}

VOL_EXPORT uint64_t vol_pv_pe_count(const struct vol_pv *pv)
{
	return pv->vg ? mpv(pv)->pe_count : 0;
}

VOL_EXPORT unsigned vol_pv_mda_count(const struct vol_pv *pv)
{
	return pvd(pv) ? pvd(pv)->n_mda : 0;
}

static bool mda_ignored(const struct pvdev *d, unsigned m)
{
	return !d->hdr_err[m] && (d->hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED);
}

VOL_EXPORT unsigned vol_pv_mda_used_count(const struct vol_pv *pv)
{
	unsigned n = 0;

	for (unsigned m = 0; pvd(pv) && m < pvd(pv)->n_mda; m++)
		n += !mda_ignored(pvd(pv), m);
	return n;
}

VOL_EXPORT uint64_t vol_pv_mda_size(const struct vol_pv *pv)
{
	uint64_t best = 0;

	for (unsigned m = 0; pvd(pv) && m < pvd(pv)->n_mda; m++)
		if (!best || pvd(pv)->label.mda[m].size < best)
			best = pvd(pv)->label.mda[m].size;
	return best;
}

VOL_EXPORT uint64_t vol_pv_mda_free(const struct vol_pv *pv)
{
	uint64_t best = UINT64_MAX;

	for (unsigned m = 0; pvd(pv) && m < pvd(pv)->n_mda; m++) {
		uint64_t f = pvd(pv)->hdr_err[m] ? 0 : mda_free_bytes(&pvd(pv)->hdr[m]);

		if (!mda_ignored(pvd(pv), m) && f < best)
			best = f;
	}
	return best == UINT64_MAX ? 0 : best;
}

VOL_EXPORT uint64_t vol_pv_ba_start(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->ba_start * SECTOR;
	return pvd(pv)->label.n_ba ? pvd(pv)->label.ba[0].offset : 0;
}

VOL_EXPORT uint64_t vol_pv_ba_size(const struct vol_pv *pv)
{
	if (pv->vg)
		return mpv(pv)->ba_size * SECTOR;
	return pvd(pv)->label.n_ba ? pvd(pv)->label.ba[0].size : 0;
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
	return !pv->has_dev;
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
	return pvd(pv) && (pvd(pv)->label.ext_flags & MD_PV_EXT_USED);
}

VOL_EXPORT uint32_t vol_pv_ext_version(const struct vol_pv *pv)
{
	return pvd(pv) ? pvd(pv)->label.ext_version : 0;
}

VOL_EXPORT const char *vol_pv_attr(const struct vol_pv *pv)
{
	return pv->attr;
}

VOL_EXPORT uint64_t vol_pv_devno(const struct vol_pv *pv)
{
	return pvd(pv) ? (uint64_t)pvd(pv)->devno : 0;
}
