/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --dump: every header field of a device, valid or not, in the line
 * layout of lvm2's "pvck --dump headers", so the two can be compared.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crc.h"
#include "endian.h"
#include "repair.h"
#include "ctx.h"
#include "io.h"
#include "scan.h"

struct out {
	vol_dump_fn *fn;
	void *usr;
	int bad;
};

__attribute__((format(printf, 2, 3)))
static void line(struct out *o, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	o->fn(buf, o->usr);
}

static void locn(struct out *o, const char *prefix, unsigned i, uint64_t at, const char *what,
		 const struct md_area *a)
{
	line(o, "%s.disk_locn[%u] at %" PRIu64 " # %s", prefix, i, at, a ? what : "location list end");
	line(o, "%s.disk_locn[%u].offset %" PRIu64, prefix, i, a ? a->offset : 0);
	line(o, "%s.disk_locn[%u].size %" PRIu64, prefix, i, a ? a->size : 0);
}

static void dump_label(struct out *o, const struct md_label *l, int err, const char *why)
{
	uint64_t base = l->sector * MD_SECTOR;
	unsigned k = 0;

	line(o, "label_header at %" PRIu64, base);
	line(o, "label_header.id LABELONE");
	line(o, "label_header.sector %" PRIu64, l->sector);
	line(o, "label_header.crc 0x%x", l->crc);
	if (l->crc != l->crc_calc) {
		line(o, "CHECK: label_header.crc expected 0x%x", l->crc_calc);
		o->bad++;
	} else if (err) {
		line(o, "CHECK: %s", why);
		o->bad++;
	}
	line(o, "label_header.offset %" PRIu32, l->offset);
	line(o, "label_header.type LVM2 001");
	line(o, "pv_header at %" PRIu64, base + l->offset);
	line(o, "pv_header.pv_uuid %s", l->uuid);
	line(o, "pv_header.device_size %" PRIu64, l->device_size);
	for (unsigned i = 0; i < l->n_da; i++)
		locn(o, "pv_header", k++, base + l->da_at + 16 * i, "location of data area", &l->da[i]);
	locn(o, "pv_header", k++, base + l->da_at + 16 * l->n_da, NULL, NULL);
	for (unsigned i = 0; i < l->n_mda; i++)
		locn(o, "pv_header", k++, base + l->mda_at + 16 * i, "location of metadata area",
		     &l->mda[i]);
	locn(o, "pv_header", k++, base + l->mda_at + 16 * l->n_mda, NULL, NULL);
	if (!l->ext_version)
		return;
	line(o, "pv_header_extension at %" PRIu64, base + l->ext_at);
	line(o, "pv_header_extension.version %" PRIu32, l->ext_version);
	line(o, "pv_header_extension.flags %" PRIu32, l->ext_flags);
	for (unsigned i = 0; i < l->n_ba; i++)
		locn(o, "pv_header_extension", i, base + l->ba_at + 16 * i, "bootloader area", &l->ba[i]);
	locn(o, "pv_header_extension", l->n_ba, base + l->ba_at + 16 * l->n_ba, NULL, NULL);
}

static void dump_text(struct vol_ctx *ctx, struct out *o, struct iodev *io, const char *name,
		      const struct md_mdah *h)
{
	struct mda_text t = { 0 };
	const struct md_area a = { h->start, h->size };
	struct md_arena *ar;
	struct md_cn *root = NULL;
	const struct md_cn *vg = NULL, *seq = NULL;
	uint32_t crc = 0;

	if (read_pvdev_text(ctx, io, &a, h, &t) || !t.text) {
		line(o, "CHECK: cannot read the metadata text of %s", name);
		o->bad++;
		return;
	}
	crc = md_crc(MD_CRC_SEED, t.text, t.len);
	if (crc != h->slot[0].checksum) {
		line(o, "CHECK: metadata text at %" PRIu64 " crc does not match %s.raw_locn[0].checksum",
		     h->start + h->slot[0].offset, name);
		o->bad++;
	}
	if ((ar = md_arena_new()) && !md_cfg_parse(ar, t.text, t.len, &root, NULL))
		for (const struct md_cn *c = root; c && !vg; c = c->next)
			if (c->section)
				vg = c;
	if (vg)
		seq = md_cn_find(vg->child, "seqno");
	if (vg && seq && seq->v && seq->v->type == MD_CV_INT)
		line(o, "metadata text at %" PRIu64 " crc 0x%x # vgname %s seqno %" PRId64,
		     h->start + h->slot[0].offset, crc, vg->key, seq->v->i);
	else
		line(o, "metadata text at %" PRIu64 " crc 0x%x", h->start + h->slot[0].offset, crc);
	md_arena_free(ar);
	free(t.text);
}

static void dump_mda(struct vol_ctx *ctx, struct out *o, struct iodev *io, unsigned m,
		     const struct pvdev *d)
{
	static const char *const slot_name[] = { "commit", "precommit" };
	const struct md_mdah *h = &d->hdr[m];
	char name[32];

	snprintf(name, sizeof(name), "mda_header_%u", m + 1);
	line(o, "%s at %" PRIu64 " # metadata area", name, d->label.mda[m].offset);
	if (d->hdr_err[m] == -EIO || (d->hdr_err[m] && !h->start && !h->size && !h->checksum)) {
		line(o, "CHECK: %s: %s", name, d->hdr_why[m]);
		o->bad++;
		return;
	}
	line(o, "%s.checksum 0x%x", name, h->checksum);
	if (h->checksum != h->checksum_calc) {
		line(o, "CHECK: %s.checksum expected 0x%x", name, h->checksum_calc);
		o->bad++;
	} else if (d->hdr_err[m]) {
		line(o, "CHECK: %s", d->hdr_why[m]);
		o->bad++;
	}
	{
		char hex[40];

		for (unsigned i = 0; i < 16; i++)
			snprintf(hex + 2 * i, 3, "%02x", h->magic[i]);
		line(o, "%s.magic 0x%s", name, hex);
	}
	line(o, "%s.version %" PRIu32, name, h->version);
	line(o, "%s.start %" PRIu64, name, h->start);
	line(o, "%s.size %" PRIu64, name, h->size);
	for (unsigned s = 0; s < 2; s++) {
		const struct md_rlocn *r = &h->slot[s];
		uint64_t at = d->label.mda[m].offset + 0x28 + 24 * s;
		bool wrapped = r->offset && r->offset + r->size > h->size;

		line(o, "%s.raw_locn[%u] at %" PRIu64 " # %s%s", name, s, at, slot_name[s],
		     wrapped ? " wrapped" : "");
		line(o, "%s.raw_locn[%u].offset %" PRIu64, name, s, r->offset);
		line(o, "%s.raw_locn[%u].size %" PRIu64, name, s, r->size);
		line(o, "%s.raw_locn[%u].checksum 0x%x", name, s, r->checksum);
		line(o, "%s.raw_locn[%u].flags 0x%x", name, s, r->flags);
	}
	if (!d->hdr_err[m] && md_mdah_has_text(h))
		dump_text(ctx, o, io, name, h);
}

/* ---------------------------------------------------------------- no label */

/* @n bytes as lvm2's pvck prints them: '?' for what is not printable. */
static const char *loose_chars(const unsigned char *p, unsigned n, char *out)
{
	for (unsigned i = 0; i < n; i++)
		out[i] = isprint(p[i]) ? (char)p[i] : '?';
	out[n] = '\0';
	return out;
}

/* One {offset,size} list of the sector @s from byte @at, lvm2's lines for
 * each entry and for the zero entry that ends it; returns where it ends. */
static unsigned loose_list(struct out *o, const unsigned char *s, uint64_t base, unsigned at,
			   const char *prefix, unsigned *di, const char *what,
			   struct md_loose_label *ml)
{
	for (; at + MD_DISK_LOCN_SIZE <= MD_SECTOR; at += MD_DISK_LOCN_SIZE, (*di)++) {
		uint64_t off = ld64(s + at), size = ld64(s + at + 8);

		line(o, "%s.disk_locn[%u] at %" PRIu64 " # %s", prefix, *di, base + at,
		     off ? what : "location list end");
		line(o, "%s.disk_locn[%u].offset %" PRIu64, prefix, *di, off);
		line(o, "%s.disk_locn[%u].size %" PRIu64, prefix, *di, size);
		if (!off)
			return (*di)++, at + MD_DISK_LOCN_SIZE;
		if (ml && !ml->n_mda && off != 4096 && off != 8192 && off != 65536)
			line(o, "WARNING: pv_header.disk_locn[%u].offset %" PRIu64
			     " is unexpected # for first mda", *di, off);
		if (ml && ml->n_mda < MD_MAX_MDAS)
			ml->mda[ml->n_mda] = (struct md_area){ off, size };
		if (ml)
			ml->n_mda++;
	}
	return at;
}

/* A label sector with no valid label in it, every field shown as lvm2's pvck
 * shows it (sector 1); fills the metadata areas it lists into @d and
 * returns how many. */
static unsigned dump_loose(struct out *o, const unsigned char *s, struct pvdev *d)
{
	struct md_loose_label l, ml = { .n_mda = 0 };
	char str[40];
	unsigned at, di = 0;

	md_loose_label(s, 1, &l);
	line(o, "label_header at 512");
	line(o, "label_header.id %s", loose_chars(s, 8, str));
	line(o, "label_header.sector %" PRIu64, ld64(s + 8));
	line(o, "label_header.crc 0x%x", ld32(s + 16));
	line(o, "label_header.offset %" PRIu32, ld32(s + 20));
	line(o, "label_header.type %s", loose_chars(s + 24, 8, str));
	if (l.bad_id)
		line(o, "CHECK: label_header.id expected LABELONE");
	if (l.bad_sector)
		line(o, "CHECK: label_header.sector expected 1");
	if (l.bad_crc)
		line(o, "CHECK: label_header.crc expected 0x%x", l.crc_calc);
	if (l.bad_offset)
		line(o, "CHECK: label_header.offset expected 32");
	if (l.bad_type)
		line(o, "CHECK: label_header.type expected LVM2 001");
	line(o, "pv_header at 544");
	line(o, "pv_header.pv_uuid %s", loose_chars(s + 32, MD_UUID_LEN, str));
	line(o, "pv_header.device_size %" PRIu64, ld64(s + 64));
	if (l.bad_uuid)
		line(o, "CHECK: pv_header.pv_uuid invalid format");
	at = loose_list(o, s, 512, 72, "pv_header", &di, "location of data area", NULL);
	at = loose_list(o, s, 512, at, "pv_header", &di, "location of metadata area", &ml);
	line(o, "pv_header_extension at %u", 512 + at);
	line(o, "pv_header_extension.version %" PRIu32, ld32(s + at));
	line(o, "pv_header_extension.flags %" PRIu32, ld32(s + at + 4));
	di = 0;
	loose_list(o, s, 512, at + 8, "pv_header_extension", &di, "bootloader area", NULL);
	o->bad++;
	d->n_mda = ml.n_mda < MD_MAX_MDAS ? ml.n_mda : MD_MAX_MDAS;
	memcpy(d->label.mda, ml.mda, sizeof(ml.mda));
	return d->n_mda;
}

/* Are the label's id and type right (its checksum aside)? */
static bool md_label_found(const unsigned char *s)
{
	struct md_loose_label l;

	md_loose_label(s, 1, &l);
	return l.found;
}

/* The mda_headers @d lists, read for dump_mda. */
static void read_loose_mdas(struct iodev *io, struct pvdev *d)
{
	unsigned char h[MD_MDA_HEADER_SIZE];

	for (unsigned m = 0; m < d->n_mda; m++)
		if (io_read(io, d->label.mda[m].offset, h, sizeof(h))) {
			d->hdr_err[m] = -EIO;
			d->hdr_why[m] = "cannot read the metadata area header";
		} else
			d->hdr_err[m] = md_mdah_decode(h, d->label.mda[m].offset, &d->hdr[m],
						       &d->hdr_why[m]);
}

static int dump_no_label(struct vol_ctx *ctx, struct out *o, struct iodev *io, struct pvdev *d)
{
	unsigned char s[MD_SECTOR];

	if (io_read(io, MD_SECTOR, s, sizeof(s))) {
		line(o, "CHECK: failed to read label_header at 512");
		return -EIO;
	}
	memset(d->label.mda, 0, sizeof(d->label.mda));
	if (!dump_loose(o, s, d)) {	/* lvm2's pvck stops there */
		line(o, "zero metadata copies");
		return md_label_found(s) ? -EBADMSG : -ENOENT;
	}
	read_loose_mdas(io, d);
	for (unsigned m = 0; m < d->n_mda; m++)
		dump_mda(ctx, o, io, m, d);
	return -EBADMSG;
}

VOL_EXPORT int vol_dump_headers(struct vol_ctx *ctx, const char *dev, vol_dump_fn *fn, void *usrptr)
{
	struct pvdev d = { 0 };
	struct out o = { fn, usrptr, 0 };
	struct iodev io;
	int r;

	if ((r = io_open(&io, dev, O_RDONLY))) {
		log_err(ctx, "Cannot open %s: %s.", dev, strerror(-r));
		return r;
	}
	d.path = (char *)(uintptr_t)dev;
	r = read_pvdev(ctx, &io, &d, NULL);
	if (!r && (d.label_err == -ENOENT || (d.label_err && d.label.sector <= 1))) {
		/* no valid label: sector 1 loosely, as lvm2 reads it */
		r = dump_no_label(ctx, &o, &io, &d);
	} else if (!r) {
		dump_label(&o, &d.label, d.label_err, "label is invalid");
		for (unsigned m = 0; m < d.n_mda; m++)
			dump_mda(ctx, &o, &io, m, &d);
		if (!d.n_mda)
			line(&o, "zero metadata copies");
		r = o.bad ? -EBADMSG : 0;
	}
	io_close(&io);
	return r;
}

VOL_EXPORT int vol_dump_metadata(struct vol_ctx *ctx, const char *dev, unsigned mda, char **text,
				 size_t *len)
{
	struct pvdev d = { 0 };
	struct mda_text t[MD_MAX_MDAS] = { 0 };
	struct iodev io;
	int r;

	*text = NULL;
	*len = 0;
	if ((r = io_open(&io, dev, O_RDONLY))) {
		log_err(ctx, "Cannot open %s: %s.", dev, strerror(-r));
		return r;
	}
	d.path = (char *)(uintptr_t)dev;
	r = read_pvdev(ctx, &io, &d, t);
	io_close(&io);
	if (!r && !d.label_err && !d.n_mda) {
		log_info(ctx, "zero metadata copies");
		return 0;
	}
	if (!r && !d.label_err && mda < d.n_mda && !d.hdr_err[mda] && !t[mda].text && !t[mda].err) {
		free(t[0].text);
		free(t[1].text);
		return 0;	/* nothing committed there yet */
	}
	if (!r && (d.label_err || mda >= d.n_mda || d.hdr_err[mda] || !t[mda].text)) {
		log_err(ctx, "%s: no committed metadata text in metadata area %u.", dev, mda + 1);
		r = -ENOENT;
	}
	for (unsigned m = 0; m < MD_MAX_MDAS; m++)
		if (m != mda || r)
			free(t[m].text);
	if (r)
		return r;
	*text = t[mda].text;
	*len = t[mda].len ? t[mda].len - 1 : 0;	/* without the NUL */
	return t[mda].err == -EBADMSG ? -EBADMSG : 0;
}
