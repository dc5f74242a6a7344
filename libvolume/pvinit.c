/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Making a device a PV: checks, the question about foreign signatures,
 * and the label writes.  Commits use the same writes (new PVs joining a
 * VG, PVs leaving it), so this sits below both pv.c and commit.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "archive.h"
#include "components.h"
#include "ctx.h"
#include "display.h"
#include "probe.h"
#include "pvinit.h"
#include "scan.h"

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

int pv_check_free_device(struct vol_ctx *ctx, const char *path, struct devent *ent)
{
	const char *why;
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
		log_err(ctx, "Cannot use %s: %s", path, scan_scope_why(ctx));
		return -ENODEV;
	}
	if (dev_is_mounted(ctx, ent->devno))	/* mounted or swap: held, as lvm2 finds it */
		return pv_excl_failed(ctx, path, -EBUSY);
	if (!component_check_path(ctx, path, ent->devno, &why) && why) {
		log_err(ctx, "Cannot use %s: device is %s.", path, why);
		return -EBUSY;
	}
	if (ent->size < PV_MIN_SIZE) {
		log_err(ctx, "%s is too small (%" PRIu64 " bytes): a PV needs at least 2 MiB.", path,
			ent->size);
		return -EINVAL;
	}
	/* An exclusive open fails while anything else holds the device. */
	fd = open(path, O_RDWR | O_EXCL | O_CLOEXEC);
	if (fd < 0)
		return pv_excl_failed(ctx, path, -errno);
	close(fd);
	return 0;
}

/* An alignment given with a restore file is ignored; lvm2 says so when the
 * restored pe_start is not on it. */
static void warn_alignment(struct vol_ctx *ctx, const struct vol_pv_params *p, uint64_t pe_start)
{
	uint64_t align = p->data_alignment, off = p->data_alignment_offset;
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];

	if (!(align + off) || (align ? pe_start % align : pe_start) == off)
		return;
	log_warn(ctx, "Ignoring data alignment %s incompatible with restored pe_start value %s.",
		 size_str(align + off, a), size_str(pe_start, b));
}

/*
 * The restored data area (extents from @pe_start to @data_end) must fit the
 * device, and a second metadata area, when asked for, must fit after it.
 */
static int restore_fits(struct vol_ctx *ctx, const char *path, const struct vol_pv_params *p,
			struct pv_layout *l, uint64_t data_end, bool two)
{
	char a[SIZE_STR_LEN], b[SIZE_STR_LEN];
	uint64_t align = p->data_alignment ? p->data_alignment : DEFAULT_ALIGN;
	int r;

	if (data_end > l->dev_size) {
		log_err(ctx, "%s: the restored PV's extents end at %s, beyond the end of the "
			"device (%s).", path, size_str(data_end, a), size_str(l->dev_size, b));
		return -EINVAL;
	}
	if (!two)
		return 0;
	/* lvm2 sizes it as pe_start unless --metadatasize says otherwise */
	r = pv_layout_restore_end_mda(l, data_end,
				      p->metadata_size ? p->metadata_size : l->pe_start, align);
	if (r == -ERANGE)
		log_err(ctx, "Metadata area size too small: %" PRIu64 " bytes. It must be at "
			"least %u bytes.", l->mda[1].size, MD_MDA_MIN_SIZE);
	if (r)	/* lvm2's words: its tests grep them */
		log_err(ctx, "Not enough space available for metadata area with index 1 on PV %s.",
			path);
	return r ? -ENOSPC : 0;
}

/* pe_start (and the bootloader area) of a PV as a backup file records it. */
static int layout_from_backup(struct vol_ctx *ctx, const char *path,
			      const struct vol_pv_params *p, const char *raw, struct pv_layout *l)
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
	warn_alignment(ctx, p, l->pe_start);
	l->ba_start = vg->pvs[i].ba_start * SECTOR;
	l->ba_size = vg->pvs[i].ba_size * SECTOR;
	r = restore_fits(ctx, path, p, l, l->pe_start + vg->pvs[i].pe_count *
			 vg->extent_size * SECTOR, p->metadata_copies == 2);
	if (r)
		goto out;
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

int ask_signatures(struct vol_ctx *ctx, const char *path, const char *no_ask)
{
	struct probe_sig *sigs;
	char q[256];
	size_t n;
	int r = probe_signatures(ctx, path, &sigs, &n);

	for (size_t i = 0; !r && i < n; i++) {
		if (no_ask && !strcmp(sigs[i].type, no_ask))
			continue;
		snprintf(q, sizeof(q), "%s signature detected on %s at offset %" PRIu64 ". Wipe it?",
			 sigs[i].type, path, sigs[i].offset);
		if (!confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_WIPE_SIGNATURE,
							      .question = q, .device = path,
							      .signature = sigs[i].type,
							      .offset = sigs[i].offset })) {
			log_err(ctx, "%s holds a %s signature at offset %" PRIu64
				     "; not wiping it without confirmation.",
				path, sigs[i].type, sigs[i].offset);
			r = -ECANCELED;
		}
	}
	free(sigs);
	return r;
}

/* A PV size other than the device's is asked about first, as in lvm2. */
static int confirm_size(struct vol_ctx *ctx, const char *path, uint64_t real, uint64_t size)
{
	char q[256];

	if (size == real)
		return 0;
	snprintf(q, sizeof(q), "%s: device size %" PRIu64 " bytes does not match requested size %"
		 PRIu64 " bytes. Proceed?", path, real, size);
	if (!confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_PV_SIZE, .question = q,
						      .device = path, .size = real,
						      .new_size = size })) {
		log_err(ctx, "%s: PV size %" PRIu64 " bytes not confirmed (the device has %" PRIu64
			" bytes).", path, size, real);
		return -ECANCELED;
	}
	log_warn(ctx, "Faking size of PV %s. Don't write outside real device.", path);
	return 0;
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
	if ((r = confirm_size(ctx, path, ent.size, size)))
		return r;
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
	/* restored, the second area goes after the data the backup records */
	struct vol_pv_params q = *p;

	if (p->restore_file && q.metadata_copies == 2)
		q.metadata_copies = 1;
	if (pv_layout_compute(&q, size, layout, &why)) {
		log_err(ctx, "%s: %s.", path, why);
		return -EINVAL;
	}
	for (unsigned m = 0; m < layout->n_mda; m++)
		if (layout->mda[m].offset + layout->mda[m].size > ent.size) {
			log_err(ctx, "%s: metadata area %u would end at byte %" PRIu64 ", beyond the "
				"device (%" PRIu64 " bytes): use --pvmetadatacopies 1.", path, m + 1,
				layout->mda[m].offset + layout->mda[m].size, ent.size);
			return -EINVAL;
		}
	if (p->restore_file && (r = layout_from_backup(ctx, path, p, raw_uuid, layout)))
		return r;
	/* -f wipes them without asking, as lvm2's pvcreate -f does */
	return (p->flags & VOL_FORCE) ? 0 : ask_signatures(ctx, path, NULL);
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
		if (s == l->label_sector)
			continue;
		r = io_read(io, (uint64_t)s * MD_SECTOR, sec, MD_SECTOR);
		if (!r && !memcmp(sec, md_label_id, sizeof(md_label_id)))
			r = io_zero(io, (uint64_t)s * MD_SECTOR, MD_SECTOR);
	}
	for (unsigned m = 0; m < l->n_mda && !r; m++) {
		uint64_t wipe = l->mda[m].size < 4096 ? l->mda[m].size : 4096;

		r = io_zero(io, l->mda[m].offset, wipe);
		md_mdah_init(&h, l->mda[m].offset, l->mda[m].size);
		if (l->mda_ignored)
			h.slot[0].flags |= MD_RAW_LOCN_IGNORED;
		md_mdah_encode(&h, sec);
		if (!r)
			r = io_write(io, l->mda[m].offset, sec, MD_MDA_HEADER_SIZE);
	}
	/* The empty areas are on disk before a label points at them. */
	if (!r && sync)
		r = io_sync(io);
	pv_layout_to_label(l, raw_uuid, used, &lab);
	if (!r && !(r = md_label_encode(&lab, sec)))
		r = io_write(io, (uint64_t)l->label_sector * MD_SECTOR, sec, MD_SECTOR);
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

int pv_write_label(struct vol_ctx *ctx, struct iodev *io, const struct md_label *lab, bool sync)
{
	unsigned char *sec = io_alloc(MD_SECTOR);
	int r;

	if (!sec)
		return -ENOMEM;
	r = md_label_encode(lab, sec);
	if (!r)
		r = io_write(io, lab->sector * MD_SECTOR, sec, MD_SECTOR);
	if (!r && sync)
		r = io_sync(io);
	if (r)
		log_err(ctx, "%s: writing the label failed: %s.", io->path, strerror(-r));
	free(sec);
	return r;
}

int pv_write_orphan(struct vol_ctx *ctx, struct iodev *io, struct pvdev *d)
{
	unsigned char *buf = io_alloc(MD_MDA_HEADER_SIZE);
	int r = 0;

	if (!buf)
		return -ENOMEM;
	for (unsigned m = 0; m < d->n_mda && !r; m++) {
		/* lvm2 keeps an area's ignore flag when it empties it */
		bool ign = !d->hdr_err[m] && (d->hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED);

		md_mdah_init(&d->hdr[m], d->label.mda[m].offset, d->label.mda[m].size);
		if (ign)
			d->hdr[m].slot[0].flags |= MD_RAW_LOCN_IGNORED;
		d->hdr_err[m] = 0;
		md_mdah_encode(&d->hdr[m], buf);
		r = io_write(io, d->label.mda[m].offset, buf, MD_MDA_HEADER_SIZE);
	}
	d->label.ext_version = MD_PV_EXT_VERSION;
	d->label.ext_flags &= ~(uint32_t)MD_PV_EXT_USED;
	if (!r)
		r = pv_write_label(ctx, io, &d->label, false);
	free(buf);
	return r;
}

/* Why device @s may not be written over, or NULL when it is free. */
static const char *taken_why(const struct sdev *s, char *buf, size_t len, const char **vg)
{
	*vg = s->vg ? s->vg->name : s->other_vg ? s->other_vg->name : "<unknown>";
	switch (s->state) {
	case PVS_MEMBER:
		snprintf(buf, len, "Physical volume \"%s\" belongs to volume group \"%s\".",
			 s->d.path, *vg);
		return buf;
	case PVS_OUTDATED:
		snprintf(buf, len, "PV %s holds outdated metadata of volume group \"%s\".", s->d.path,
			 *vg);
		return buf;
	case PVS_UNREADABLE:
		if (s->d.label.ext_flags & MD_PV_EXT_USED)
			snprintf(buf, len, "PV %s is used by a VG but its metadata is missing.", s->d.path);
		else
			snprintf(buf, len, "PV %s has metadata that cannot be read (%s).", s->d.path,
				 s->problem);
		return buf;
	default:
		return NULL;
	}
}

/* pvremove of PV @dev of VG @vg: -ff and a yes, as lvm2 asks. */
static int wipe_member_check(struct vol_ctx *ctx, const char *dev, unsigned flags, const char *vg)
{
	char q[512];

	if (!(flags & VOL_FORCE_MEMBER)) {
		log_code(ctx, VOL_LOG_ERROR, VOL_MSG_PV_IN_USE, dev,
			 "PV %s is used by VG %s so please use vgreduce first.", dev, vg);
		log_err(ctx, "%s: physical volume label not removed.", dev);
		return -EBUSY;
	}
	log_warn(ctx, "PV %s is used by VG %s.", dev, vg);
	snprintf(q, sizeof(q), "Really WIPE LABELS from physical volume \"%s\" of volume group "
		 "\"%s\"?", dev, vg);
	if (!confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_WIPE_MEMBER, .question = q,
						      .device = dev, .vg = vg })) {
		log_err(ctx, "%s: physical volume label not removed.", dev);
		return -ECANCELED;
	}
	log_warn(ctx, "Wiping physical volume label from %s of volume group \"%s\".", dev, vg);
	return 0;
}

int pv_check_taken(struct vol_ctx *ctx, const struct sdev *s, const char *dev, unsigned flags,
		   enum vol_question kind)
{
	const char *why, *vg;
	char msg[512], q[512];

	/* A PV on two devices is never made again (lvm2 would not either); only
	 * the label of the device in use may go, forced. */
	if (s->state == PVS_DUPLICATE || (s->duplicate && kind == VOL_Q_INIT_MEMBER)) {
		log_err(ctx, "Cannot use device %s with duplicates.", dev);
		return -ENOTUNIQ;
	}
	if (!(why = taken_why(s, msg, sizeof(msg), &vg)))
		return 0;
	/* pvremove of a VG's PV: lvm2's words, which its tests grep ("is used") */
	if (kind == VOL_Q_WIPE_MEMBER && s->state == PVS_MEMBER)
		return wipe_member_check(ctx, dev, flags, vg);
	if (!(flags & VOL_FORCE_MEMBER)) {
		log_code(ctx, VOL_LOG_ERROR, VOL_MSG_PV_IN_USE, dev, "%s", why);
		return -EBUSY;
	}
	snprintf(q, sizeof(q), "%s physical volume \"%s\" of volume group \"%s\"?",
		 kind == VOL_Q_INIT_MEMBER ? "Really INITIALIZE" : "Really WIPE LABELS from", dev, vg);
	if (!confirm(ctx, &(struct vol_confirm_info){ .kind = kind, .question = q, .device = dev,
						      .vg = vg })) {
		log_err(ctx, "%s: physical volume %s.", dev,
			kind == VOL_Q_INIT_MEMBER ? "not initialized" : "label not removed");
		return -ECANCELED;
	}
	log_warn(ctx, "%s physical volume %s of volume group \"%s\".", kind == VOL_Q_INIT_MEMBER
		 ? "Forcing the creation of" : "Wiping the label of", dev, vg);
	return 0;
}

int pv_excl_failed(struct vol_ctx *ctx, const char *path, int r)
{
	if (r == -EBUSY)	/* lvm2's words, which scripts and its tests look for */
		log_err(ctx, "Can't open %s exclusively.  Mounted filesystem?", path);
	else
		log_err(ctx, "Cannot open %s exclusively: %s.", path, strerror(-r));
	return r;
}
