/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Circular-buffer placement of metadata texts (lvm2-format.md §5): the
 * sequence lvm2 was seen to write on a 32 KiB area, the size limit, the
 * restart-at-512 rules, and the wrapped fixture.
 */
#include "unit.h"

#define MDA32K 32768u

static struct md_place place_ok(uint64_t mda, const struct md_rlocn *old, uint64_t size)
{
	struct md_place p;

	memset(&p, 0xff, sizeof(p));
	assert_int_equal(md_place_next(mda, old, size, &p), 0);
	assert_int_equal(p.len1 + p.len2, size);
	assert_true(p.offset >= MD_MDA_HEADER_SIZE && p.offset < mda);
	assert_int_equal(p.offset % MD_SECTOR, 0);
	assert_true(p.offset + p.len1 <= mda);
	return p;
}

static struct md_rlocn at(uint64_t offset, uint64_t size)
{
	return (struct md_rlocn){ .offset = offset, .size = size, .checksum = 0x1234, .flags = 0 };
}

static void test_text_max(void **state)
{
	(void)state;
	assert_int_equal(md_text_max(MDA32K), 15616);
	assert_int_equal(md_text_max(1044480), 521472);
	assert_int_equal(md_text_max(1048576), (1048576 - 512) / 2 - 512);
	assert_int_equal(md_text_max(2560), 512);
	assert_int_equal(md_text_max(1536), 0);
	assert_int_equal(md_text_max(512), 0);
	assert_int_equal(md_text_max(100), 0);
	assert_int_equal(md_text_max(0), 0);
}

/* The rows of the observed lvm2 sequence (§5), each placed after its predecessor. */
static void test_observed_sequence(void **state)
{
	struct md_rlocn old;
	struct md_place p;

	(void)state;
	p = place_ok(MDA32K, NULL, 833);	/* seqno 1 */
	assert_int_equal(p.offset, 512);
	assert_int_equal(p.len2, 0);
	old = at(p.offset, 833);
	p = place_ok(MDA32K, &old, 1187);	/* seqno 2: 1345 rounded up */
	assert_int_equal(p.offset, 1536);
	old = at(p.offset, 1187);
	p = place_ok(MDA32K, &old, 1495);	/* seqno 3 */
	assert_int_equal(p.offset, 3072);
	assert_int_equal(p.len1, 1495);

	old = at(11776, 2727);			/* seqno 7 ends at 14503 */
	p = place_ok(MDA32K, &old, 3000);
	assert_int_equal(p.offset, 14848);

	old = at(25600, 3962);			/* seqno 11 ends at 29562 */
	p = place_ok(MDA32K, &old, 4272);	/* seqno 12 wraps */
	assert_int_equal(p.offset, 29696);
	assert_int_equal(p.len1, 3072);
	assert_int_equal(p.len2, 1200);
	old = at(29696, 4272);
	{
		struct md_place pcs;
		const char *why = NULL;

		assert_int_equal(md_rlocn_check(&old, MDA32K, &why), 0);
		md_rlocn_pieces(&old, MDA32K, &pcs);
		assert_int_equal(pcs.offset, 29696);
		assert_int_equal(pcs.len1, 3072);
		assert_int_equal(pcs.len2, 1200);
	}
	p = place_ok(MDA32K, &old, 4582);	/* seqno 13: old_last = 1200 + 511 */
	assert_int_equal(p.offset, 2048);
	assert_int_equal(p.len2, 0);

	old = at(29184, 6132);			/* seqno 18 wraps 2548 bytes */
	p = place_ok(MDA32K, &old, 6400);
	assert_int_equal(p.offset, 3072);	/* 2548 + 512 = 3060, rounded up */

	old = at(24576, 8612);			/* seqno 26 wraps 420 bytes */
	p = place_ok(MDA32K, &old, 8922);	/* seqno 27 */
	assert_int_equal(p.offset, 1024);

	/* seqno 48 at 1024 is the last to fit; 49 is rejected */
	p = place_ok(MDA32K, &old, 15432);
	assert_int_equal(p.offset, 1024);
	old = at(1024, 15432);
	assert_int_equal(md_place_next(MDA32K, &old, 15742, &p), -ENOSPC);
	assert_int_equal(md_place_next(MDA32K, &old, 15617, &p), -ENOSPC);
	p = place_ok(MDA32K, &old, 15616);	/* exactly the maximum still fits */
	assert_int_equal(p.offset, 16896);
	assert_int_equal(p.len1, 15616);
	assert_int_equal(p.len2, 0);

	/* the default 1 MiB area: seqno 1..3 of a two-PV VG */
	p = place_ok(1044480, NULL, 1002);
	assert_int_equal(p.offset, 512);
	old = at(512, 1002);
	p = place_ok(1044480, &old, 1301);
	assert_int_equal(p.offset, 1536);
	old = at(1536, 1301);
	p = place_ok(1044480, &old, 1608);
	assert_int_equal(p.offset, 3072);
}

static void test_restart_rules(void **state)
{
	struct md_rlocn old;
	struct md_place p;

	(void)state;
	/* no committed text, a zero slot or an ignored slot: start at 512 */
	p = place_ok(MDA32K, NULL, 100);
	assert_int_equal(p.offset, 512);
	old = at(0, 0);
	p = place_ok(MDA32K, &old, 100);
	assert_int_equal(p.offset, 512);
	old = at(8192, 4000);
	old.flags = MD_RAW_LOCN_IGNORED;
	p = place_ok(MDA32K, &old, 100);
	assert_int_equal(p.offset, 512);
	old.flags = 0;
	p = place_ok(MDA32K, &old, 100);
	assert_int_equal(p.offset, 12288);

	/* last byte at 32255: candidate 32256 = size - 512 is still used, and wraps */
	old = at(30000, 32256 - 30000);
	p = place_ok(MDA32K, &old, 1000);
	assert_int_equal(p.offset, 32256);
	assert_int_equal(p.len1, 512);
	assert_int_equal(p.len2, 488);
	/* last byte at 32256: candidate 32768 > size - 512, back to 512 */
	old = at(30000, 32257 - 30000);
	p = place_ok(MDA32K, &old, 1000);
	assert_int_equal(p.offset, 512);
	/* last byte at the very end (size - last < 512) */
	old = at(30000, MDA32K - 30000);
	p = place_ok(MDA32K, &old, 1000);
	assert_int_equal(p.offset, 512);
	assert_int_equal(p.len2, 0);
	/* a text ending exactly on a sector boundary: the next one follows directly */
	old = at(4096, 1024);
	p = place_ok(MDA32K, &old, 1000);
	assert_int_equal(p.offset, 5120);

	/* sizes: zero and over the maximum are refused */
	assert_int_equal(md_place_next(MDA32K, NULL, 0, &p), -ENOSPC);
	assert_int_equal(md_place_next(MDA32K, NULL, 15617, &p), -ENOSPC);
	assert_int_equal(md_place_next(1536, NULL, 1, &p), -ENOSPC);
	/* an oversized old text (written by someone else) that the new one would overlap */
	old = at(512, 20000);
	assert_int_equal(md_place_next(MDA32K, &old, 15000, &p), -ENOSPC);
	p = place_ok(MDA32K, &old, 10000);
	assert_int_equal(p.offset, 20992);
}

static void test_rlocn_check(void **state)
{
	struct md_rlocn r;
	const char *why;

	(void)state;
	r = at(0, 0);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), 0);
	r = at(512, 100);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), 0);
	r = at(512, MDA32K - 512);	/* the whole buffer */
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), 0);
	r = at(31744, 5925);		/* the wrapped fixture */
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), 0);
	r = at(16896, MDA32K - 512);	/* wraps exactly up to its own start */
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), 0);

	why = NULL;
	r = at(511, 10);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
	why = NULL;
	r = at(MDA32K, 10);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
	why = NULL;
	r = at(512, 0);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
	why = NULL;
	r = at(512, MDA32K - 511);
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
	why = NULL;
	r = at(16896, MDA32K - 511);	/* one byte more would overlap itself */
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
	why = NULL;
	r = at(MDA32K - 512, MDA32K);	/* wraps past its own start */
	assert_int_equal(md_rlocn_check(&r, MDA32K, &why), -EBADMSG);
	assert_non_null(why);
}

/* The wrapped fixture: its committed text really is in two pieces. */
static void test_wrapped_fixture(void **state)
{
	struct fxdev d;
	struct md_mdah h;
	struct md_place pl;
	const char *why;
	const unsigned char *area;
	size_t tlen;
	char *text;
	uint32_t c;

	(void)state;
	fxdev_load(&d, "wrapped", 0);
	area = fxdev_mda(&d, 0);
	assert_int_equal(md_mdah_decode(area, d.mda_start[0], &h, &why), 0);
	assert_int_equal(h.size, MDA32K);
	assert_true(h.slot[0].offset + h.slot[0].size > h.size);
	md_rlocn_pieces(&h.slot[0], h.size, &pl);
	assert_int_equal(pl.offset, h.slot[0].offset);
	assert_int_equal(pl.len1, h.size - h.slot[0].offset);
	assert_true(pl.len2 > 0);
	assert_int_equal(pl.len1 + pl.len2, h.slot[0].size);
	assert_true(MD_MDA_HEADER_SIZE + pl.len2 <= pl.offset);

	text = fx_text("wrapped", 0, &tlen);
	assert_int_equal(tlen + 1, h.slot[0].size);
	/* piece one at the offset, piece two at 512, the NUL last */
	assert_memory_equal(area + pl.offset, text, pl.len1);
	assert_memory_equal(area + MD_MDA_HEADER_SIZE, text + pl.len1, pl.len2 - 1);
	assert_int_equal(area[MD_MDA_HEADER_SIZE + pl.len2 - 1], 0);
	/* CRC chained across the pieces */
	c = md_crc(MD_CRC_SEED, area + pl.offset, pl.len1);
	c = md_crc(c, area + MD_MDA_HEADER_SIZE, pl.len2);
	assert_int_equal(c, h.slot[0].checksum);
	assert_int_equal(md_text_crc(area + pl.offset, pl.len1, area + 512, pl.len2), c);
	/* the write was zero-padded to the next sector after the second piece */
	for (uint64_t i = MD_MDA_HEADER_SIZE + pl.len2; i % MD_SECTOR; i++)
		assert_int_equal(area[i], 0);
	/* where the next commit would go: just after the second piece */
	{
		struct md_place p = place_ok(h.size, &h.slot[0], 300);

		assert_int_equal(p.offset,
				 (MD_MDA_HEADER_SIZE + pl.len2 + MD_SECTOR - 1) / MD_SECTOR * MD_SECTOR);
	}
	free(text);
	fxdev_free(&d);
}

/* Every non-wrapped fixture text lies in one piece, NUL-terminated, with zero padding after. */
static void test_fixture_texts_unwrapped(void **state)
{
	struct fx_case *cases;
	size_t n = fx_cases(&cases);
	unsigned seen = 0;

	(void)state;
	for (size_t c = 0; c < n; c++)
		for (unsigned pv = 0; pv < cases[c].pv_count; pv++) {
			struct fxdev d;
			struct md_mdah h;
			struct md_place pl;
			const char *why;
			const unsigned char *area;

			fxdev_load(&d, cases[c].name, pv);
			area = fxdev_mda(&d, 0);
			assert_int_equal(md_mdah_decode(area, d.mda_start[0], &h, &why), 0);
			if (md_mdah_has_text(&h)) {
				md_rlocn_pieces(&h.slot[0], h.size, &pl);
				assert_int_equal(pl.len2 != 0, !strcmp(cases[c].name, "wrapped"));
				if (!pl.len2) {
					assert_int_equal(area[pl.offset + pl.len1 - 1], 0);
					for (uint64_t i = pl.offset + pl.len1; i % MD_SECTOR; i++)
						assert_int_equal(area[i], 0);
				}
				assert_int_equal(h.slot[0].size <= md_text_max(h.size), 1);
				seen++;
			}
			fxdev_free(&d);
		}
	free(cases);
	assert_true(seen >= 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_max),
		cmocka_unit_test(test_observed_sequence),
		cmocka_unit_test(test_restart_rules),
		cmocka_unit_test(test_rlocn_check),
		cmocka_unit_test(test_wrapped_fixture),
		cmocka_unit_test(test_fixture_texts_unwrapped),
	};

	return cmocka_run_group_tests_name("place", tests, NULL, NULL);
}
