/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --repair: the label sector and the metadata areas of a damaged PV
 * rewritten from a metadata file and --settings, with the decisions,
 * messages and questions of lvm2 2.03.16's pvck.  The bytes come from
 * metadata/repair.c; the file from pvrepair_file.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctx.h"
#include "endian.h"
#include "io.h"
#include "pvrepair.h"
#include "repair.h"
#include "scan.h"
#include "vg.h"

#define ONE_MIB (1024u * 1024u)
#define MDA1_AT 4096u

struct rep {
	struct vol_ctx *ctx;
	const char *dev;
	struct iodev io;
	const struct vol_repair_settings *s;
	char uuid[MD_UUID_LEN + 1];	/* the pv_uuid setting, raw */
	uint64_t lsec;		/* label sector */
	struct repair_file f;
};

static bool given(const struct rep *r, unsigned bit)
{
	return (r->s->given & bit) != 0;
}

static bool zero_mdas_asked(const struct rep *r)
{
	return given(r, VOL_RS_MDA_OFFSET) && given(r, VOL_RS_MDA_SIZE) && !r->s->mda_offset &&
	       !r->s->mda_size;
}

/* The label sector, walked loosely, with lvm2's CHECK lines. */
static int read_label(struct rep *r, unsigned char *sec, struct md_loose_label *l)
{
	struct vol_ctx *ctx = r->ctx;

	if (io_read(&r->io, r->lsec * MD_SECTOR, sec, MD_SECTOR)) {
		log_info(ctx, "CHECK: failed to read label_header at %" PRIu64, r->lsec * MD_SECTOR);
		return -EIO;
	}
	md_loose_label(sec, r->lsec, l);
	if (l->bad_id)
		log_info(ctx, "CHECK: label_header.id expected LABELONE");
	if (l->bad_sector)
		log_info(ctx, "CHECK: label_header.sector expected %d", (int)r->lsec);
	if (l->bad_crc)
		log_info(ctx, "CHECK: label_header.crc expected 0x%x", l->crc_calc);
	if (l->bad_offset)
		log_info(ctx, "CHECK: label_header.offset expected 32");
	if (l->bad_type)
		log_info(ctx, "CHECK: label_header.type expected LVM2 001");
	if (l->bad_uuid)
		log_info(ctx, "CHECK: pv_header.pv_uuid invalid format");
	if (l->n_mda && l->mda[0].offset != 4096 && l->mda[0].offset != 8192 &&
	    l->mda[0].offset != 65536)
		log_info(ctx, "WARNING: pv_header.disk_locn[%u].offset %" PRIu64
			 " is unexpected # for first mda", l->mda1_at, l->mda[0].offset);
	return 0;
}

static bool ask(struct rep *r, enum vol_question kind, const char *q, unsigned mda)
{
	return confirm(r->ctx, &(struct vol_confirm_info){ .kind = kind, .question = q,
							   .device = r->dev, .count = mda });
}

static int write_sector(struct rep *r, const unsigned char *sec)
{
	int e;

	if (r->ctx->test_mode) {
		log_info(r->ctx, "Skip writing in test mode.");
		return 0;
	}
	if (!ask(r, VOL_Q_REPAIR_HEADER, "Write new LVM header to the device?", 0))
		return -ECANCELED;
	if ((e = io_write(&r->io, r->lsec * MD_SECTOR, sec, MD_SECTOR)) || (e = io_sync(&r->io))) {
		log_err(r->ctx, "Failed to write new header");
		return e;
	}
	return 0;
}

static int repair_label_header(struct rep *r)
{
	unsigned char sec[MD_SECTOR];
	struct md_loose_label l;
	uint32_t crc;
	int e;

	if ((e = read_label(r, sec, &l)))
		return e;
	if (!l.found) {
		log_warn(r->ctx, "No LVM label found on %s.  It may not be an LVM device.",
			 r->dev);
		if (!ask(r, VOL_Q_REPAIR_NO_LABEL, "Write LVM header to device?", 0))
			return -ECANCELED;
	}
	crc = md_repair_label_header(sec, r->lsec);
	log_info(r->ctx, "Writing label_header.crc 0x%08x", crc);
	return write_sector(r, sec);
}

/* An mda_header at 4 KiB: the PV had a first metadata area. */
static bool mda1_evidence(struct rep *r)
{
	unsigned char h[MD_SECTOR];

	return !io_read(&r->io, MDA1_AT, h, sizeof(h)) && !memcmp(h + 4, md_mda_magic, 16);
}

/* An mda_header in the last whole MiB whose area holds the VG's UUID in
 * its first half: the PV had a second metadata area there. */
static bool mda2_evidence(struct rep *r, struct md_area *out)
{
	uint64_t size = r->io.size, off, len;
	unsigned char *b;
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (size < 2 * ONE_MIB)
		return false;
	off = size - size % ONE_MIB - ONE_MIB;
	len = size - off;
	if (!(b = malloc(len)) || io_read(&r->io, off, b, len) || memcmp(b + 4, md_mda_magic, 16)) {
		free(b);
		return false;
	}
	if (ld32(b + 20) != MD_MDA_VERSION)
		log_info(r->ctx, "Skipping mda2 (wrong mda_header.version)");
	else if (ld64(b + 24) != off)
		log_info(r->ctx, "Skipping mda2 (wrong mda_header.start)");
	else {
		for (uint64_t i = 0; !found && i < len / 1024; i++) {
			char chunk[257] = { 0 };

			memcpy(chunk, b + 512 + i * 512, 256);
			found = strstr(chunk, r->f.vgid) != NULL;
		}
		if (found) {
			log_info(r->ctx, "Found mda2 header at offset %" PRIu64 " size %" PRIu64, off, len);
			*out = (struct md_area){ off, len };
		} else
			log_info(r->ctx, "Skipping mda2 (no matching VG UUID in metadata area)");
	}
	free(b);
	return found;
}

/* How many metadata areas the repaired pv_header lists, and mda2. */
static int choose_mdas(struct rep *r, const struct md_loose_label *l, unsigned *n,
		       struct md_area *mda2)
{
	const struct vol_repair_settings *s = r->s;

	*n = l->n_mda;
	*mda2 = l->n_mda > 1 ? l->mda[1] : (struct md_area){ 0, 0 };
	if (!l->n_mda) {
		if (mda1_evidence(r))
			*n = 1;
		if (mda2_evidence(r, mda2))
			*n = 2;
	}
	if (!*n && zero_mdas_asked(r))
		log_warn(r->ctx, "PV will have no metadata with zero metadata areas.");
	else if (!*n) {
		log_warn(r->ctx, "no previous metadata areas found on device.");
		if (!ask(r, VOL_Q_REPAIR_ADD_MDA, "Should a metadata area be included?", 1)) {
			log_err(r->ctx, "To repair with zero metadata areas, use --settings "
				"\"mda_offset=0 mda_size=0\".");
			return -ECANCELED;
		}
		*n = 1;
	}
	if (*n && (given(r, VOL_RS_MDA2_OFFSET) || given(r, VOL_RS_MDA2_SIZE))) {
		if (mda2->offset && mda2->offset != s->mda2_offset) {
			log_err(r->ctx, "mda2_offset setting %" PRIu64 " does not match mda2_offset "
				"found on disk %" PRIu64 ".", s->mda2_offset, mda2->offset);
			return -EINVAL;
		}
		if (mda2->size && mda2->size != s->mda2_size) {
			log_err(r->ctx, "mda2_size setting %" PRIu64 " does not match mda2_size "
				"found on disk %" PRIu64 ".", s->mda2_size, mda2->size);
			return -EINVAL;
		}
		*mda2 = (struct md_area){ s->mda2_offset, s->mda2_size };
		*n = 2;
	}
	return 0;
}

/* The PV's section of the file: by the UUID to use, else by device name. */
static int pv_from_file(struct rep *r, const struct md_loose_label *l, struct md_pvh_repair *p)
{
	struct vol_ctx *ctx = r->ctx;
	const char *use = given(r, VOL_RS_PV_UUID) ? r->uuid : l->uuid_ok ? l->uuid : NULL;
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = NULL;
	const struct md_pv *pv = NULL;

	if (l->uuid_ok && given(r, VOL_RS_PV_UUID) && strcmp(l->uuid, r->uuid))
		log_warn(ctx, "existing PV UUID %s does not match pv_uuid setting %s.",
			 l->uuid, r->uuid);
	if (!a || md_vg_import(a, r->f.text, r->f.len - 1, &vg, NULL)) {
		md_arena_free(a);
		log_err(ctx, "Invalid metadata file.");
		return -EINVAL;
	}
	for (size_t i = 0; i < vg->n_pvs && !pv; i++)
		if (use ? !strcmp(vg->pvs[i].id, use) :
			  vg->pvs[i].device && !strcmp(vg->pvs[i].device, r->dev))
			pv = &vg->pvs[i];
	if (pv) {
		memcpy(p->uuid, pv->id, MD_UUID_LEN);
		p->device_size = pv->dev_size * MD_SECTOR;
		p->data_offset = pv->pe_start * MD_SECTOR;
	} else {
		if (given(r, VOL_RS_PV_UUID))
			log_err(ctx, "PV UUID %s not found in metadata file.", r->uuid);
		else if (l->uuid_ok)
			log_err(ctx, "PV UUID %s in existing pv_header not found in metadata file.",
				l->uuid);
		else
			log_err(ctx, "PV name %s not found in metadata file.", r->dev);
		log_err(ctx, "No valid PV UUID, specify a PV UUID from metadata in --settings.");
	}
	md_arena_free(a);
	return pv ? 0 : -ENOENT;
}

/* The PV UUID may not be another device's. */
static int uuid_elsewhere(struct rep *r, const char *uuid)
{
	struct stat st;
	struct sdev *d;
	vol_log_fn *fn;

	if (fstat(r->io.fd, &st))
		return -EIO;
	/* a quiet scan: its warnings are about the damage being repaired */
	fn = r->ctx->log_fn;
	r->ctx->log_fn = NULL;
	scan_forget(r->ctx);
	scan_run(r->ctx);
	r->ctx->log_fn = fn;
	for (size_t i = 0; (d = scan_dev(r->ctx, i)); i++)
		if (d->is_pv && !strncmp(d->d.label.uuid, uuid, MD_UUID_LEN) &&
		    d->d.devno != st.st_rdev) {
			log_err(r->ctx, "Cannot use PV UUID %.32s which exists on %s", uuid, d->d.path);
			return -EEXIST;
		}
	return 0;
}

/* The PV UUID, device size and data offset: from the settings when all
 * three are given and there is no file, else from the file. */
static int pv_facts(struct rep *r, const struct md_loose_label *l, struct md_pvh_repair *p)
{
	const struct vol_repair_settings *s = r->s;
	int e;

	if (given(r, VOL_RS_DEVICE_SIZE) && given(r, VOL_RS_PV_UUID) &&
	    given(r, VOL_RS_DATA_OFFSET) && !r->f.path) {
		memcpy(p->uuid, r->uuid, MD_UUID_LEN);
		p->device_size = s->device_size;
		p->data_offset = s->data_offset / MD_SECTOR * MD_SECTOR;
		if (r->io.size && r->io.size != s->device_size)
			log_warn(r->ctx, "device_size setting %" PRIu64 " bytes does not "
				 "match device size %" PRIu64 " bytes.", s->device_size, r->io.size);
	} else if (!r->f.path) {
		log_err(r->ctx, "Metadata input file is needed for pv_header info.");
		log_err(r->ctx, "See pvck --dump to locate and create a metadata file.");
		return -EINVAL;
	} else if ((e = pv_from_file(r, l, p)))
		return e;
	return uuid_elsewhere(r, p->uuid);
}

static int repair_pv_header(struct rep *r)
{
	unsigned char sec[MD_SECTOR];
	struct md_loose_label l;
	struct md_pvh_repair p = { .n_mda = 0 };
	struct md_area mda2;
	uint32_t crc;
	unsigned n;
	int e;

	if ((e = read_label(r, sec, &l)))
		return e;
	if (!l.found)
		log_warn(r->ctx, "No LVM label found on %s.  It may not be an LVM device.",
			 r->dev);
	if ((e = choose_mdas(r, &l, &n, &mda2)) || (e = pv_facts(r, &l, &p)))
		return e;
	p.n_mda = n;
	if (n > 0)	/* the first area always at 4 KiB, up to the data */
		p.mda[0] = (struct md_area){ MDA1_AT, p.data_offset - MDA1_AT };
	if (n > 1)
		p.mda[1] = mda2;
	crc = md_repair_pv_header(sec, r->lsec, &p);
	log_info(r->ctx, "Writing label_header.crc 0x%08x pv_header uuid %.32s device_size %" PRIu64,
		 crc, p.uuid, p.device_size);
	log_info(r->ctx, "Writing data_offset %" PRIu64 " mda1_offset %" PRIu64 " mda1_size %" PRIu64
		 " mda2_offset %" PRIu64 " mda2_size %" PRIu64, p.data_offset,
		 n ? p.mda[0].offset : l.mda[0].offset, n ? p.mda[0].size : l.mda[0].size,
		 mda2.offset, mda2.size);
	return write_sector(r, sec);
}

/* Metadata area @num at @at, @size bytes: the text, flushed, then its header. */
static int update_mda(struct rep *r, unsigned num, uint64_t at, uint64_t size)
{
	unsigned char h[MD_SECTOR];
	char q[64];
	int e;

	if (r->f.len > size) {
		log_err(r->ctx, "Metadata text %zu too large for mda_size %" PRIu64 " max %" PRIu64,
			r->f.len, size, size > 1536 ? (size - 512) / 2 - 512 : 0);
		return -EINVAL;
	}
	if (io_read(&r->io, at, h, sizeof(h))) {
		log_info(r->ctx, "CHECK: failed to read mda_header_%u at %" PRIu64, num, at);
		return -EIO;
	}
	md_repair_mdah(h, at, size, r->f.len, r->f.crc);
	log_info(r->ctx, "Writing metadata at %" PRIu64 " length %zu crc 0x%08x mda%u",
		 at + MD_MDA_HEADER_SIZE, r->f.len, r->f.crc, num);
	log_info(r->ctx, "Writing mda_header at %" PRIu64 " mda%u", at, num);
	if (r->ctx->test_mode) {
		log_info(r->ctx, "Skip writing in test mode.");
		return 0;
	}
	snprintf(q, sizeof(q), "Write new LVM metadata to metadata area %u?", num);
	if (!ask(r, VOL_Q_REPAIR_METADATA, q, num))
		return -ECANCELED;
	if ((e = io_write(&r->io, at + MD_MDA_HEADER_SIZE, r->f.text, r->f.len)) ||
	    (e = io_sync(&r->io))) {
		log_err(r->ctx, "Failed to write new mda text");
		return e;
	}
	if ((e = io_write(&r->io, at, h, sizeof(h))) || (e = io_sync(&r->io))) {
		log_err(r->ctx, "Failed to write new mda header");
		return e;
	}
	return 0;
}

static int no_mda(struct rep *r, const char *what)
{
	log_err(r->ctx, "%s", what);
	log_err(r->ctx, "See --repairtype pv_header to repair headers.");
	return -ENOENT;
}

static int repair_metadata(struct rep *r)
{
	unsigned char sec[MD_SECTOR];
	struct md_loose_label l;
	unsigned num = r->s->mda_num;
	int e, bad = 0;

	if (!r->f.path) {
		log_err(r->ctx, "Metadata input file is required.");
		return -EINVAL;
	}
	if ((e = read_label(r, sec, &l)))
		return e;
	if (!l.found)
		return no_mda(r, "No lvm label found on device.");
	if (!l.n_mda && zero_mdas_asked(r)) {
		log_info(r->ctx, "No metadata areas on device to repair.");
		return 0;
	}
	if (!l.n_mda)
		return no_mda(r, "No metadata areas found on device.");
	if (num == 2 && l.n_mda < 2)
		return no_mda(r, "No mda2 offset found.");
	if ((!num || num == 1) && (e = update_mda(r, 1, l.mda[0].offset, l.mda[0].size)))
		bad = e;
	if ((!num || num == 2) && l.n_mda > 1 &&
	    (e = update_mda(r, 2, l.mda[1].offset, l.mda[1].size)))
		bad = bad ? bad : e;
	return bad;
}

VOL_EXPORT int vol_pv_repair(struct vol_ctx *ctx, const char *dev, unsigned what, const char *file,
			     const struct vol_repair_settings *s)
{
	static const struct vol_repair_settings none = { .given = 0 };
	struct rep r = { .ctx = ctx, .dev = dev, .s = s ? s : &none };
	int e;

	r.lsec = r.s->labelsector ? r.s->labelsector : 1;
	if (!what || (what & ~7u) || r.lsec >= MD_LABEL_SCAN_SECTORS || r.s->mda_num > 2)
		return -EINVAL;
	if ((r.s->given & VOL_RS_PV_UUID) && md_uuid_parse(r.s->pv_uuid, r.uuid)) {
		log_err(ctx, "Failed to parse UUID from pv_uuid setting.");
		log_err(ctx, "Invalid setting: pv_uuid");
		return -EINVAL;
	}
	if (file && (e = repair_file_read(ctx, dev, file, &r.f)))
		return e;
	if ((e = io_open(&r.io, dev, ctx->test_mode ? O_RDONLY : O_RDWR))) {
		log_err(ctx, "Cannot open %s: %s.", dev, strerror(-e));
		free(r.f.text);
		return e;
	}
	if (what & VOL_REPAIR_LABEL_HEADER)
		e = repair_label_header(&r);
	if (!e && (what & VOL_REPAIR_PV_HEADER))
		e = repair_pv_header(&r);
	if (!e && (what & VOL_REPAIR_METADATA))
		e = repair_metadata(&r);
	io_close(&r.io);
	free(r.f.text);
	scan_forget(ctx);
	return e;
}
