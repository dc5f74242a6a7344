/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target over the on-disk codec.  The first byte picks the target
 * (its value modulo FZ_COUNT); the rest is that target's input:
 *
 *   0 label  device bytes: md_label_find, then encode/decode round trip
 *   1 mdah   8-byte LE "read at" offset, 512-byte mda header (zero-padded),
 *            then optional 8-byte new text sizes for md_place_next
 *   2 place  LE fields: mda_size u64, rlocn {offset u64, size u64,
 *            checksum u32, flags u32}, new size u64 (zero-padded)
 *   3 cfg    config text: md_cfg_parse, writer round trip, clone
 *   4 vg     metadata text: md_vg_import, export in both forms, re-import
 *   5 pv     a device head: label -> mda headers -> text -> import -> export
 *
 * Besides not crashing, leaking or reading out of bounds, each target
 * checks the codec's own invariants and aborts when one breaks.
 * tests/unit/test-corrupt.c writes seeds in this format (keep FZ_* in step).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "crc.h"
#include "disk.h"
#include "endian.h"
#include "raidsb.h"
#include "vg.h"

enum { FZ_LABEL, FZ_MDAH, FZ_PLACE, FZ_CFG, FZ_VG, FZ_PV, FZ_COUNT };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                                \
	do {                                                                                    \
		if (!(c)) {                                                                     \
			fprintf(stderr, "fuzz-decode: invariant failed: %s (%s:%d)\n", #c,      \
				__FILE__, __LINE__);                                            \
			abort();                                                                \
		}                                                                               \
	} while (0)

/* ------------------------------------------------------------ label */

static void label_equal(const struct md_label *a, const struct md_label *b)
{
	CHECK(a->sector == b->sector);
	CHECK(!strcmp(a->uuid, b->uuid));
	CHECK(a->device_size == b->device_size);
	CHECK(a->n_da == b->n_da && a->n_mda == b->n_mda && a->n_ba == b->n_ba);
	CHECK(!memcmp(a->da, b->da, a->n_da * sizeof(a->da[0])));
	CHECK(!memcmp(a->mda, b->mda, a->n_mda * sizeof(a->mda[0])));
	CHECK(!memcmp(a->ba, b->ba, a->n_ba * sizeof(a->ba[0])));
	CHECK(a->ext_version == b->ext_version && a->ext_flags == b->ext_flags);
}

static void fuzz_label(const uint8_t *d, size_t n)
{
	struct md_label l, back;
	const char *why = NULL;
	unsigned char sec[MD_SECTOR];
	int r = md_label_find(d, n, &l, &why);

	CHECK(r == 0 || r == -ENOENT || r == -EBADMSG || r == -EINVAL);
	if (r) {
		CHECK(why != NULL);
		return;
	}
	CHECK(l.sector < MD_LABEL_SCAN_SECTORS && (l.sector + 1) * MD_SECTOR <= n);
	CHECK(l.crc == l.crc_calc);
	CHECK(md_uuid_valid(l.uuid, MD_UUID_LEN));
	CHECK(l.n_da <= MD_MAX_AREAS && l.n_mda <= MD_MAX_MDAS && l.n_ba <= MD_MAX_AREAS);
	CHECK(l.end_at <= MD_SECTOR);
	for (unsigned i = 0; i < l.n_mda; i++)
		CHECK(l.mda[i].offset != 0);
	/* the decoder alone agrees with the scan */
	CHECK(md_label_decode(d + l.sector * MD_SECTOR, l.sector, &back, &why) == 0);
	label_equal(&l, &back);
	/* re-encode (always with offset_xl 32): it fails only when the lists do not fit */
	{
		unsigned need = 32 + 40 + 16 * (l.n_da + 1) + 16 * (l.n_mda + 1) + 8 +
				16 * (l.n_ba + 1);

		r = md_label_encode(&l, sec);
		CHECK((r == 0) == (need <= MD_SECTOR));
		CHECK(r == 0 || r == -EINVAL);
	}
	if (r)
		return;
	CHECK(md_label_decode(sec, l.sector, &back, &why) == 0);
	label_equal(&l, &back);
	/* a canonical sector (offset 32, zero after the lists) comes back byte for byte */
	if (l.offset == 32) {
		const uint8_t *orig = d + l.sector * MD_SECTOR;
		bool zero_tail = true;

		for (unsigned i = l.end_at; i < MD_SECTOR; i++)
			zero_tail &= orig[i] == 0;
		if (zero_tail)
			CHECK(!memcmp(sec, orig, MD_SECTOR));
	}
}

/* ------------------------------------------------------------ placement */

static bool ranges_overlap(uint64_t a, uint64_t la, uint64_t b, uint64_t lb)
{
	return la && lb && a < b + lb && b < a + la;
}

/* The decoder's bounds on an area size: the domain md_place_next works in. */
static bool mda_size_ok(uint64_t s)
{
	return s >= 3 * MD_MDA_HEADER_SIZE && !(s % MD_SECTOR) && s <= UINT64_MAX / 4;
}

static void place_check(uint64_t mda, const struct md_rlocn *old, uint64_t size)
{
	struct md_place p, o;
	const uint64_t max = md_text_max(mda);
	bool have_old = old && old->offset && old->size && !(old->flags & MD_RAW_LOCN_IGNORED);
	const char *why;
	int r;

	CHECK(mda_size_ok(mda));
	memset(&p, 0, sizeof(p));
	r = md_place_next(mda, old, size, &p);
	CHECK(r == 0 || r == -ENOSPC);
	if (!size || size > max)
		CHECK(r == -ENOSPC);
	else if (!have_old || old->size <= max)
		CHECK(r == 0);	/* the size limit guarantees room next to any old copy */
	if (r)
		return;
	CHECK(p.offset >= MD_MDA_HEADER_SIZE && p.offset < mda && !(p.offset % MD_SECTOR));
	CHECK(p.len1 + p.len2 == size);
	CHECK(p.offset + p.len1 <= mda);
	if (p.len2)
		CHECK(p.offset + p.len1 == mda && MD_MDA_HEADER_SIZE + p.len2 <= p.offset);
	{
		struct md_rlocn nr = { .offset = p.offset, .size = size };

		CHECK(md_rlocn_check(&nr, mda, &why) == 0);
	}
	if (!have_old) {
		CHECK(p.offset == MD_MDA_HEADER_SIZE);
		return;
	}
	/* never on top of the committed copy */
	md_rlocn_pieces(old, mda, &o);
	CHECK(!ranges_overlap(o.offset, o.len1, p.offset, p.len1));
	CHECK(!ranges_overlap(o.offset, o.len1, MD_MDA_HEADER_SIZE, p.len2));
	CHECK(!ranges_overlap(MD_MDA_HEADER_SIZE, o.len2, p.offset, p.len1));
	CHECK(!ranges_overlap(MD_MDA_HEADER_SIZE, o.len2, MD_MDA_HEADER_SIZE, p.len2));
	/* lvm2's rule: right after the old copy, rounded to a sector, or back at 512 */
	{
		uint64_t last = o.len2 ? MD_MDA_HEADER_SIZE + o.len2 - 1 : o.offset + o.len1 - 1;
		uint64_t cand = (last + MD_SECTOR) / MD_SECTOR * MD_SECTOR;

		CHECK(p.offset == cand || p.offset == MD_MDA_HEADER_SIZE);
		if (p.offset != cand)
			CHECK(mda - last < MD_SECTOR || cand > mda - MD_SECTOR);
	}
}

static void rlocn_check_one(uint64_t mda, const struct md_rlocn *r, uint64_t newsize)
{
	const char *why = NULL;
	int rc = md_rlocn_check(r, mda, &why);

	(void)md_text_max(mda);
	CHECK(rc == 0 || (rc == -EBADMSG && why));
	if (!mda_size_ok(mda))
		return;
	if (!rc && (r->offset || r->size)) {
		struct md_place pl;

		CHECK(r->offset >= MD_MDA_HEADER_SIZE && r->offset < mda);
		CHECK(r->size && r->size <= mda - MD_MDA_HEADER_SIZE);
		md_rlocn_pieces(r, mda, &pl);
		CHECK(pl.offset == r->offset && pl.len1 + pl.len2 == r->size);
		CHECK(pl.offset + pl.len1 <= mda);
		CHECK(!pl.len2 || MD_MDA_HEADER_SIZE + pl.len2 <= pl.offset);
	}
	if (!rc)
		place_check(mda, r, newsize);
	place_check(mda, NULL, newsize);
}

static void fuzz_place(const uint8_t *d, size_t n)
{
	uint8_t b[40] = { 0 };
	struct md_rlocn r;
	uint64_t mda, newsize, mda2, max2;

	memcpy(b, d, n < sizeof(b) ? n : sizeof(b));
	mda = ld64(b);
	r.offset = ld64(b + 8);
	r.size = ld64(b + 16);
	r.checksum = ld32(b + 24);
	r.flags = ld32(b + 28);
	newsize = ld64(b + 32);
	/* as given */
	rlocn_check_one(mda, &r, newsize);
	/* folded into a small valid area, where the interesting cases are */
	mda2 = 3 * MD_MDA_HEADER_SIZE + (mda % 8192) * MD_SECTOR;
	max2 = md_text_max(mda2);
	r.offset %= mda2;
	r.size %= mda2;
	rlocn_check_one(mda2, &r, newsize % (max2 + 2));
}

/* ------------------------------------------------------------ mda header */

static void fuzz_mdah(const uint8_t *d, size_t n)
{
	uint8_t h[MD_MDA_HEADER_SIZE] = { 0 }, sec[MD_MDA_HEADER_SIZE];
	uint64_t at = 0;
	struct md_mdah m, back;
	const char *why = NULL;
	int r;

	if (n >= 8)
		at = ld64(d);
	if (n > 8)
		memcpy(h, d + 8, n - 8 < sizeof(h) ? n - 8 : sizeof(h));
	r = md_mdah_decode(h, at, &m, &why);
	CHECK(r == 0 || (r == -EBADMSG && why));
	if (r) {
		/* read where it says it is, to get past the start check */
		at = ld64(h + 0x18);
		r = md_mdah_decode(h, at, &m, &why);
		CHECK(r == 0 || (r == -EBADMSG && why));
		if (r)
			return;
	}
	CHECK(m.checksum == m.checksum_calc && m.version == MD_MDA_VERSION && m.start == at);
	CHECK(mda_size_ok(m.size));
	for (unsigned i = 0; i < 2; i++)
		CHECK(md_rlocn_check(&m.slot[i], m.size, &why) == 0);
	md_mdah_encode(&m, sec);
	CHECK(md_mdah_decode(sec, at, &back, &why) == 0);
	/* the same fields; the checksum differs when the input's padding was not zero */
	CHECK(!memcmp(back.magic, m.magic, sizeof(m.magic)) && back.version == m.version);
	CHECK(back.start == m.start && back.size == m.size);
	CHECK(!memcmp(back.slot, m.slot, sizeof(m.slot)));
	CHECK(back.checksum == md_crc(MD_CRC_SEED, sec + 4, MD_MDA_HEADER_SIZE - 4));
	{
		bool zero_tail = true;

		for (unsigned i = 0x58; i < MD_MDA_HEADER_SIZE; i++)
			zero_tail &= h[i] == 0;
		if (zero_tail)
			CHECK(!memcmp(sec, h, MD_MDA_HEADER_SIZE));
	}
	(void)md_mdah_has_text(&m);
	/* where the next texts would go */
	place_check(m.size, &m.slot[0], m.slot[0].size);
	for (size_t off = 8 + MD_MDA_HEADER_SIZE; off + 8 <= n && off < 8 + MD_MDA_HEADER_SIZE + 64;
	     off += 8) {
		uint64_t s = ld64(d + off);

		place_check(m.size, &m.slot[0], s);
		place_check(m.size, &m.slot[0], s % (md_text_max(m.size) + 2));
	}
}

/* ------------------------------------------------------------ config text */

static void write_tree(struct md_buf *b, const struct md_cn *root, int indent)
{
	for (const struct md_cn *cn = root; cn; cn = cn->next)
		md_cn_write(b, cn, indent);
}

static void fuzz_cfg(const uint8_t *d, size_t n)
{
	struct md_arena *a = md_arena_new();
	struct md_cn *root, *again;
	struct md_err err;
	int r;

	if (!a)
		return;
	memset(&err, 0, sizeof(err));
	r = md_cfg_parse(a, (const char *)d, n, &root, &err);
	CHECK(r == 0 || (r == -EINVAL && err.why));
	if (!r) {
		for (int indent = -1; indent <= 0; indent++) {
			struct md_buf b1, b2;

			md_buf_init(&b1);
			md_buf_init(&b2);
			write_tree(&b1, root, indent);
			CHECK(!b1.err);
			/* the writer's output parses back to the same tree and the same text */
			r = md_cfg_parse(a, b1.p ? b1.p : "", b1.len, &again, &err);
			if (r)
				fprintf(stderr, "re-parse failed: %s line %u\n", err.why, err.line);
			CHECK(r == 0);
			CHECK(md_cn_equal(root, again));
			write_tree(&b2, again, indent);
			CHECK(b1.len == b2.len && (!b1.len || !memcmp(b1.p, b2.p, b1.len)));
			md_buf_free(&b1);
			md_buf_free(&b2);
		}
		if (root) {
			struct md_cn *c = md_cn_clone(a, root, true);

			CHECK(c && md_cn_equal(root, c));
			(void)md_cn_find(root, root->key);
		}
	}
	md_arena_free(a);
}

/* ------------------------------------------------------------ VG text */

static const struct md_export_opts opts = {
	.generator = "fuzz-decode",
	.description = "fuzz \"round\" \\trip",
	.host = "fuzzhost",
	.uname = "Linux fuzzhost",
	.time = 1795688375,
};

static bool export_text(const struct md_vg *vg, enum md_form form, struct md_buf *b)
{
	md_buf_init(b);
	return md_vg_export(vg, form, &opts, b) == 0 && !b->err;
}

static void vg_round_trip(struct md_arena *a, const struct md_vg *vg)
{
	struct md_err err;

	CHECK(md_vg_validate_read(vg, &err) == 0);
	for (uint32_t i = 0; i < vg->n_pvs; i++) {
		CHECK(md_pv_used_extents(vg, i) <= vg->pvs[i].pe_count);
		(void)md_pv_used_end(vg, i);
	}
	for (int form = MD_FORM_DISK; form <= MD_FORM_FILE; form++) {
		struct md_buf b1, b2, b3;
		struct md_vg *v2, *v3;
		int r;

		CHECK(export_text(vg, (enum md_form)form, &b1));
		/* what we write we must read, and then write the same again */
		memset(&err, 0, sizeof(err));
		r = md_vg_import(a, b1.p, b1.len + 1, &v2, &err);
		if (r)
			fprintf(stderr, "re-import (form %d) failed: %s [%s] line %u\n", form,
				err.why, err.detail, err.line);
		CHECK(r == 0);
		CHECK(v2->read_only == vg->read_only);
		CHECK(v2->n_pvs == vg->n_pvs && v2->n_lvs == vg->n_lvs);
		CHECK(export_text(v2, (enum md_form)form, &b2));
		CHECK(b1.len == b2.len && !memcmp(b1.p, b2.p, b1.len));
		/* a clone writes the same text */
		v3 = md_vg_clone(a, v2);
		CHECK(v3 != NULL);
		CHECK(export_text(v3, (enum md_form)form, &b3));
		CHECK(b1.len == b3.len && !memcmp(b1.p, b3.p, b1.len));
		md_buf_free(&b1);
		md_buf_free(&b2);
		md_buf_free(&b3);
	}
}

/*
 * A creation_time above INT64_MAX (a -1 in the text, read as lvm2 reads it)
 * is written as lvm2 writes it, out of range, and the next read repairs it
 * (as lvm2's does): such a VG settles after one write.
 */
static struct md_vg *settled(struct md_arena *a, struct md_vg *vg)
{
	struct md_err err;
	struct md_buf b;
	bool out_of_range = false;

	for (uint32_t i = 0; i < vg->n_lvs; i++)
		out_of_range |= vg->lvs[i].creation_time > INT64_MAX;
	if (!out_of_range)
		return vg;
	CHECK(export_text(vg, MD_FORM_DISK, &b));
	CHECK(md_vg_import(a, b.p, b.len + 1, &vg, &err) == 0);
	CHECK(vg->creation_time_repaired);
	md_buf_free(&b);
	return vg;
}

static void fuzz_vg(const uint8_t *d, size_t n)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = NULL;
	struct md_err err;
	int r;

	if (!a)
		return;
	memset(&err, 0, sizeof(err));
	r = md_vg_import(a, (const char *)d, n, &vg, &err);
	CHECK(r == 0 || ((r == -EINVAL || r == -ENOMEM) && err.why && !vg));
	if (!r) {
		CHECK(vg != NULL);
		vg_round_trip(a, settled(a, vg));
	}
	md_arena_free(a);
}

/* ------------------------------------------------------------ whole PV head */

static void fuzz_pv(const uint8_t *d, size_t n)
{
	struct md_label l;
	const char *why;

	if (md_label_find(d, n, &l, &why))
		return;
	for (unsigned i = 0; i < l.n_mda; i++) {
		struct md_mdah h;
		struct md_place pl;
		uint8_t *text;
		uint32_t crc;

		if (l.mda[i].offset > n || n - l.mda[i].offset < MD_MDA_HEADER_SIZE)
			continue;
		if (md_mdah_decode(d + l.mda[i].offset, l.mda[i].offset, &h, &why) ||
		    !md_mdah_has_text(&h))
			continue;
		md_rlocn_pieces(&h.slot[0], h.size, &pl);
		/* only what the buffer holds */
		if (h.size > n - l.mda[i].offset || h.slot[0].size > (1u << 24))
			continue;
		text = malloc(h.slot[0].size);
		if (!text)
			continue;
		memcpy(text, d + l.mda[i].offset + pl.offset, pl.len1);
		memcpy(text + pl.len1, d + l.mda[i].offset + MD_MDA_HEADER_SIZE, pl.len2);
		crc = md_text_crc(d + l.mda[i].offset + pl.offset, pl.len1,
				  d + l.mda[i].offset + MD_MDA_HEADER_SIZE, pl.len2);
		CHECK(crc == md_crc(MD_CRC_SEED, text, h.slot[0].size));
		if (crc == h.slot[0].checksum)
			fuzz_vg(text, h.slot[0].size);
		free(text);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct raidsb rs;

	if (!size)
		return 0;
	/* every input as the start of an rmeta too (the selector byte kept, so
	 * that the corpus of the other decoders stays theirs) */
	raidsb_inspect(data, size, &rs);
	CHECK(rs.dirty <= rs.regions && (rs.valid || !rs.regions));
	switch (data[0] % FZ_COUNT) {
	case FZ_LABEL:
		fuzz_label(data + 1, size - 1);
		break;
	case FZ_MDAH:
		fuzz_mdah(data + 1, size - 1);
		break;
	case FZ_PLACE:
		fuzz_place(data + 1, size - 1);
		break;
	case FZ_CFG:
		fuzz_cfg(data + 1, size - 1);
		break;
	case FZ_VG:
		fuzz_vg(data + 1, size - 1);
		break;
	default:
		fuzz_pv(data + 1, size - 1);
		break;
	}
	return 0;
}
