/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Metadata-area headers: decode every mda of every fixture PV (mda0 from
 * pvN.head at its start, mda1 from pvN.tail), compare with pvck, re-encode
 * byte for byte, and check the text each one points at.
 */
#include "unit.h"

static void magic_hex(const unsigned char m[16], char out[35])
{
	out[0] = '0';
	out[1] = 'x';
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 + 2 * i, 3, "%02x", m[i]);
}

static void check_mdah_against_pvck(const struct kv *h, unsigned k, const struct md_mdah *m,
				    uint64_t at)
{
	char hex[35];

	assert_int_equal(kv_at(h, "mda_header_%u", k), at);
	assert_int_equal(kv_u64(h, "mda_header_%u.checksum", k), m->checksum);
	assert_int_equal(kv_u64(h, "mda_header_%u.checksum", k), m->checksum_calc);
	magic_hex(m->magic, hex);
	assert_string_equal(kv_str(h, "mda_header_%u.magic", k), hex);
	assert_string_equal(hex, "0x204c564d3220785b35412572304e2a3e");
	assert_int_equal(kv_u64(h, "mda_header_%u.version", k), m->version);
	assert_int_equal(kv_u64(h, "mda_header_%u.start", k), m->start);
	assert_int_equal(kv_u64(h, "mda_header_%u.size", k), m->size);
	for (unsigned i = 0; i < 2; i++) {
		const struct md_rlocn *r = &m->slot[i];

		assert_int_equal(kv_at(h, "mda_header_%u.raw_locn[%u]", k, i), at + 0x28 + 24 * i);
		assert_int_equal(kv_u64(h, "mda_header_%u.raw_locn[%u].offset", k, i), r->offset);
		assert_int_equal(kv_u64(h, "mda_header_%u.raw_locn[%u].size", k, i), r->size);
		assert_int_equal(kv_u64(h, "mda_header_%u.raw_locn[%u].checksum", k, i),
				 r->checksum);
		assert_int_equal(kv_u64(h, "mda_header_%u.raw_locn[%u].flags", k, i), r->flags);
	}
	/* "# commit wrapped" exactly when the text wraps */
	{
		char key[64];
		const char *v;

		snprintf(key, sizeof(key), "mda_header_%u.raw_locn[0]", k);
		v = kv_get(h, key);
		assert_non_null(v);
		assert_int_equal(strstr(v, "wrapped") != NULL,
				 m->slot[0].offset + m->slot[0].size > m->size);
	}
}

/* mda header @i of a fixture PV: decode, pvck's view, encode byte for byte, wrong place. */
static void check_header_codec(const struct fxdev *d, const struct kv *h, unsigned i,
			       struct md_mdah *m)
{
	const unsigned char *area = fxdev_mda(d, i);
	struct md_mdah m2;
	const char *why = NULL;
	unsigned char sec[MD_MDA_HEADER_SIZE];

	assert_int_equal(md_mdah_decode(area, d->mda_start[i], m, &why), 0);
	check_mdah_against_pvck(h, i + 1, m, d->mda_start[i]);
	assert_int_equal(m->start, d->mda_start[i]);
	assert_int_equal(m->size, d->mda_size[i]);
	assert_int_equal(m->version, MD_MDA_VERSION);

	/* byte for byte */
	memset(sec, 0x5a, sizeof(sec));
	md_mdah_encode(m, sec);
	assert_memory_equal(sec, area, MD_MDA_HEADER_SIZE);
	assert_int_equal(md_mdah_decode(sec, m->start, &m2, &why), 0);
	assert_memory_equal(m, &m2, sizeof(*m));

	/* read at the wrong place: rejected, fields still filled in */
	why = NULL;
	assert_int_equal(md_mdah_decode(area, m->start + 512, &m2, &why), -EBADMSG);
	assert_non_null(strstr(why, "start"));
	assert_int_equal(m2.size, m->size);
}

/*
 * The text slot 0 of header @i names, against pvck's "metadata text at X
 * crc Y # vgname V seqno S" line.  Returns whether the text wraps.
 */
static bool check_header_text(const struct fxdev *d, const struct kv *h, unsigned i,
			      const struct md_mdah *m)
{
	const char *v = kv_get_nth(h, "metadata", i);
	char vgtag[160], seq[32];
	struct md_place pl;
	unsigned char *t;
	struct md_arena *a = md_arena_new();
	struct md_vg *vg;
	const char *why;

	/* slot1 is always clear after a command; slot0 agrees with info */
	assert_int_equal(m->slot[1].offset, 0);
	assert_int_equal(m->slot[1].size, 0);
	assert_int_equal(m->slot[0].offset, d->text_offset);
	assert_int_equal(m->slot[0].size, d->text_size);
	assert_int_equal(md_rlocn_check(&m->slot[0], m->size, &why), 0);
	assert_non_null(v);
	assert_int_equal(strncmp(v, "text at ", 8), 0);
	assert_int_equal(parse_u64(v + 8, "text at"), m->start + m->slot[0].offset);
	assert_non_null(strstr(v, " crc "));
	assert_int_equal(parse_u64(strstr(v, " crc ") + 5, "crc"), m->slot[0].checksum);
	t = mda_text(fxdev_mda(d, i), m->size, &m->slot[0], &pl);
	vg = import_or_fail(a, (const char *)t, m->slot[0].size, d->cas);
	snprintf(vgtag, sizeof(vgtag), "# vgname %s seqno ", vg->name);
	assert_non_null(strstr(v, vgtag));
	snprintf(seq, sizeof(seq), "seqno %u", vg->seqno);
	assert_non_null(strstr(v, seq));
	md_arena_free(a);
	free(t);
	return pl.len2 != 0;
}

static void test_fixture_headers(void **state)
{
	struct fx_case *cases;
	size_t n = fx_cases(&cases);
	unsigned total = 0, with_text = 0, wrapped = 0;

	(void)state;
	for (size_t c = 0; c < n; c++)
		for (unsigned pv = 0; pv < cases[c].pv_count; pv++) {
			struct fxdev d;
			struct kv h;
			uint32_t first_crc = 0;

			fxdev_load(&d, cases[c].name, pv);
			headers_load(d.cas, pv, &h);
			for (unsigned i = 0; i < d.n_mda; i++, total++) {
				struct md_mdah m;

				check_header_codec(&d, &h, i, &m);
				assert_int_equal(md_mdah_has_text(&m), d.has_text);
				if (!md_mdah_has_text(&m)) {
					assert_int_equal(m.slot[0].offset, 0);
					assert_int_equal(m.slot[0].size, 0);
					continue;
				}
				if (i == 0)
					first_crc = m.slot[0].checksum;
				else	/* every copy holds the same text */
					assert_int_equal(m.slot[0].checksum, first_crc);
				wrapped += check_header_text(&d, &h, i, &m);
				with_text++;
			}
			kv_free(&h);
			fxdev_free(&d);
		}
	free(cases);
	assert_true(total >= 10);
	assert_true(with_text >= 9);
	assert_int_equal(wrapped, 1);
}

static void test_init_and_flags(void **state)
{
	struct md_mdah h, back;
	unsigned char sec[MD_MDA_HEADER_SIZE];
	const char *why;

	(void)state;
	md_mdah_init(&h, 4096, 1044480);
	assert_memory_equal(h.magic, md_mda_magic, 16);
	assert_int_equal(h.version, 1);
	assert_false(md_mdah_has_text(&h));
	md_mdah_encode(&h, sec);
	assert_int_equal(md_mdah_decode(sec, 4096, &back, &why), 0);
	assert_int_equal(back.start, 4096);
	assert_int_equal(back.size, 1044480);
	assert_int_equal(back.slot[0].offset, 0);
	/* the encoded header is all zero past raw_locn[1] */
	for (unsigned i = 0x58; i < MD_MDA_HEADER_SIZE; i++)
		assert_int_equal(sec[i], 0);

	h.slot[0] = (struct md_rlocn){ 512, 1002, 0xDB9FFF03u, 0 };
	assert_true(md_mdah_has_text(&h));
	h.slot[0].flags = MD_RAW_LOCN_IGNORED;	/* ignored: nothing to read */
	assert_false(md_mdah_has_text(&h));
	md_mdah_encode(&h, sec);
	assert_int_equal(ld32(sec + 0x3c), MD_RAW_LOCN_IGNORED);	/* flags written LE */
	assert_int_equal(md_mdah_decode(sec, 4096, &back, &why), 0);
	assert_int_equal(back.slot[0].flags, MD_RAW_LOCN_IGNORED);
	assert_int_equal(back.slot[0].checksum, 0xDB9FFF03u);
	assert_int_equal(back.checksum, md_crc(MD_CRC_SEED, sec + 4, 508));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_headers),
		cmocka_unit_test(test_init_and_flags),
	};

	return cmocka_run_group_tests_name("mdah", tests, NULL, NULL);
}
