/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* LVM2's CRC: the published vectors, chaining, and the CRCs stored in the fixtures. */
#include "unit.h"

/* Bit-at-a-time reference, independent of the table code. */
static uint32_t crc_ref(uint32_t c, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
	}
	return c;
}

static void test_vectors(void **state)
{
	(void)state;
	assert_int_equal(MD_CRC_SEED, 0xF597A6CFu);
	assert_int_equal(md_crc(MD_CRC_SEED, "", 0), 0xF597A6CFu);
	assert_int_equal(md_crc(MD_CRC_SEED, "a", 1), 0x319B1949u);
	assert_int_equal(md_crc(MD_CRC_SEED, "123456789", 9), 0x4991CF02u);
	assert_int_equal(md_crc(MD_CRC_SEED, "LVM2", 4), 0x34FF1083u);
	/* the same through the text helper, with and without a second piece */
	assert_int_equal(md_text_crc("123456789", 9, NULL, 0), 0x4991CF02u);
	assert_int_equal(md_text_crc("1234", 4, "56789", 5), 0x4991CF02u);
	assert_int_equal(md_text_crc("", 0, "LVM2", 4), 0x34FF1083u);
}

static void test_chaining(void **state)
{
	static const char s[] = "The quick brown fox jumps over the lazy dog 0123456789";
	const size_t n = sizeof(s) - 1;
	const uint32_t whole = md_crc(MD_CRC_SEED, s, n);

	(void)state;
	assert_int_equal(whole, crc_ref(MD_CRC_SEED, s, n));
	for (size_t split = 0; split <= n; split++) {
		uint32_t c = md_crc(MD_CRC_SEED, s, split);

		assert_int_equal(md_crc(c, s + split, n - split), whole);
		assert_int_equal(md_text_crc(s, split, s + split, n - split), whole);
		/* three pieces */
		for (size_t k = split; k <= n; k += 7)
			assert_int_equal(md_crc(md_crc(c, s + split, k - split), s + k, n - k), whole);
	}
}

/* The slicing path against the bitwise reference, at every alignment and length. */
static void test_against_reference(void **state)
{
	unsigned char buf[1100];
	uint32_t x = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	for (size_t off = 0; off < 8; off++)
		for (size_t len = 0; len < 70; len++)
			assert_int_equal(md_crc(MD_CRC_SEED, buf + off, len),
					 crc_ref(MD_CRC_SEED, buf + off, len));
	assert_int_equal(md_crc(0, buf, sizeof(buf)), crc_ref(0, buf, sizeof(buf)));
	assert_int_equal(md_crc(0xFFFFFFFFu, buf + 3, 1024), crc_ref(0xFFFFFFFFu, buf + 3, 1024));
}

/*
 * Long buffers take the folding path where the CPU has carry-less
 * multiplication (64 bytes and more): every length up to a few KiB, at
 * every alignment, from several seeds, against the bitwise reference.
 */
static void test_long_buffers(void **state)
{
	static unsigned char buf[4200];
	static const uint32_t seeds[] = { MD_CRC_SEED, 0, 0xFFFFFFFFu, 0x12345678u };
	uint32_t x = 777;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (unsigned char)(x >> 16);
	}
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t len = 0; len <= 4096; len += len < 300 ? 1 : 37)
			for (size_t off = 0; off < 16; off += 5)
				assert_int_equal(md_crc(seeds[s], buf + off, len),
						 crc_ref(seeds[s], buf + off, len));
	/* a run of zeros and one of ones: folding must not care */
	memset(buf, 0, 2048);
	memset(buf + 2048, 0xff, 2048);
	assert_int_equal(md_crc(MD_CRC_SEED, buf, 4096), crc_ref(MD_CRC_SEED, buf, 4096));
	assert_int_equal(md_crc(MD_CRC_SEED, buf + 1000, 3000),
			 crc_ref(MD_CRC_SEED, buf + 1000, 3000));
}

/* Every stored CRC of every fixture recomputes: label, mda headers, texts. */
static void test_fixture_crcs(void **state)
{
	struct fx_case *cases;
	size_t n = fx_cases(&cases);
	unsigned labels = 0, headers = 0, texts = 0;

	(void)state;
	for (size_t c = 0; c < n; c++)
		for (unsigned pv = 0; pv < cases[c].pv_count; pv++) {
			struct fxdev d;
			const unsigned char *lab;

			fxdev_load(&d, cases[c].name, pv);
			/* label in sector 1: CRC over bytes 20..511 */
			lab = d.head + 512;
			assert_memory_equal(lab, "LABELONE", 8);
			assert_int_equal(ld32(lab + 16), md_crc(MD_CRC_SEED, lab + 20, 492));
			assert_int_equal(ld32(lab + 16), crc_ref(MD_CRC_SEED, lab + 20, 492));
			labels++;
			for (unsigned m = 0; m < d.n_mda; m++) {
				const unsigned char *area = fxdev_mda(&d, m);
				struct md_rlocn r = {
					.offset = ld64(area + 0x28), .size = ld64(area + 0x30),
					.checksum = ld32(area + 0x38), .flags = ld32(area + 0x3c),
				};

				assert_int_equal(ld32(area), md_crc(MD_CRC_SEED, area + 4, 508));
				headers++;
				if (r.offset) {
					struct md_place pl;
					unsigned char *t = mda_text(area, d.mda_size[m], &r, &pl);

					assert_int_equal(t[r.size - 1], 0);
					assert_int_equal(r.checksum,
							 md_text_crc(area + pl.offset, pl.len1,
								     area + 512, pl.len2));
					assert_int_equal(r.checksum, md_crc(MD_CRC_SEED, t, r.size));
					free(t);
					texts++;
				}
			}
			if (d.has_text) {
				/* pvN.text is the text without its NUL */
				size_t len;
				char *t = fx_text(d.cas, pv, &len);
				const unsigned char *area = fxdev_mda(&d, 0);

				assert_int_equal(len + 1, d.text_size);
				assert_int_equal(md_crc(md_crc(MD_CRC_SEED, t, len), "", 1),
						 ld32(area + 0x38));
				free(t);
			}
			fxdev_free(&d);
		}
	free(cases);
	assert_true(labels >= 9);
	assert_true(headers >= 10);
	assert_true(texts >= 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_chaining),
		cmocka_unit_test(test_against_reference),
		cmocka_unit_test(test_long_buffers),
		cmocka_unit_test(test_fixture_crcs),
	};

	return cmocka_run_group_tests_name("crc", tests, NULL, NULL);
}
