/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Label sector + pv_header: decode every fixture PV and compare each field
 * with lvm2's own `pvck --dump headers`, re-encode byte for byte, and find
 * labels in the other scanned sectors.
 */
#include "unit.h"

static void check_area(const struct kv *h, unsigned idx, uint64_t at, uint64_t off, uint64_t size,
		       const char *list)
{
	assert_int_equal(kv_at(h, "%s.disk_locn[%u]", list, idx), at);
	assert_int_equal(kv_u64(h, "%s.disk_locn[%u].offset", list, idx), off);
	assert_int_equal(kv_u64(h, "%s.disk_locn[%u].size", list, idx), size);
}

static void check_label_against_pvck(const struct fxdev *d, const struct md_label *l)
{
	struct kv h;
	const uint64_t base = l->sector * MD_SECTOR;
	unsigned k = 0;
	char key[64];

	headers_load(d->cas, d->pv, &h);
	assert_int_equal(kv_at(&h, "label_header"), base);
	assert_string_equal(kv_str(&h, "label_header.id"), "LABELONE");
	assert_int_equal(kv_u64(&h, "label_header.sector"), l->sector);
	assert_int_equal(kv_u64(&h, "label_header.crc"), l->crc);
	assert_int_equal(kv_u64(&h, "label_header.crc"), l->crc_calc);
	assert_int_equal(kv_u64(&h, "label_header.offset"), l->offset);
	assert_string_equal(kv_str(&h, "label_header.type"), "LVM2 001");

	assert_int_equal(kv_at(&h, "pv_header"), base + l->offset);
	assert_string_equal(kv_str(&h, "pv_header.pv_uuid"), l->uuid);
	assert_int_equal(kv_u64(&h, "pv_header.device_size"), l->device_size);

	/* pvck numbers the data-area list, its terminator, the mda list and its terminator in one run */
	for (unsigned i = 0; i < l->n_da; i++, k++)
		check_area(&h, k, base + l->da_at + 16 * i, l->da[i].offset, l->da[i].size,
			   "pv_header");
	check_area(&h, k++, base + l->da_at + 16 * l->n_da, 0, 0, "pv_header");
	assert_int_equal(l->mda_at, l->da_at + 16 * (l->n_da + 1));
	for (unsigned i = 0; i < l->n_mda; i++, k++)
		check_area(&h, k, base + l->mda_at + 16 * i, l->mda[i].offset, l->mda[i].size,
			   "pv_header");
	check_area(&h, k++, base + l->mda_at + 16 * l->n_mda, 0, 0, "pv_header");
	snprintf(key, sizeof(key), "pv_header.disk_locn[%u]", k);
	assert_null(kv_get(&h, key));

	assert_int_equal(l->ext_at, l->mda_at + 16 * (l->n_mda + 1));
	assert_int_equal(kv_at(&h, "pv_header_extension"), base + l->ext_at);
	assert_int_equal(kv_u64(&h, "pv_header_extension.version"), l->ext_version);
	assert_int_equal(kv_u64(&h, "pv_header_extension.flags"), l->ext_flags);
	assert_int_equal(l->ba_at, l->ext_at + 8);
	for (unsigned i = 0; i < l->n_ba; i++)
		check_area(&h, i, base + l->ba_at + 16 * i, l->ba[i].offset, l->ba[i].size,
			   "pv_header_extension");
	check_area(&h, l->n_ba, base + l->ba_at + 16 * l->n_ba, 0, 0, "pv_header_extension");
	snprintf(key, sizeof(key), "pv_header_extension.disk_locn[%u]", l->n_ba + 1);
	assert_null(kv_get(&h, key));
	assert_int_equal(l->end_at, l->ba_at + 16 * (l->n_ba + 1));
	kv_free(&h);
}

static void test_fixture_labels(void **state)
{
	struct fx_case *cases;
	size_t n = fx_cases(&cases);
	unsigned pvs = 0;

	(void)state;
	for (size_t c = 0; c < n; c++)
		for (unsigned pv = 0; pv < cases[c].pv_count; pv++) {
			struct fxdev d;
			struct md_label l, l2;
			const char *why = NULL;
			unsigned char sec[MD_SECTOR];

			fxdev_load(&d, cases[c].name, pv);
			assert_int_equal(md_label_find(d.head, MD_LABEL_SCAN_SIZE, &l, &why), 0);
			assert_int_equal(l.sector, 1);
			check_label_against_pvck(&d, &l);

			/* the layout in info agrees with the header */
			assert_int_equal(l.device_size, d.dev_size);
			assert_int_equal(l.n_da, 1);
			assert_int_equal(l.da[0].offset, d.pe_start);
			assert_int_equal(l.da[0].size, 0);
			assert_int_equal(l.n_mda, d.n_mda);
			for (unsigned i = 0; i < d.n_mda; i++) {
				assert_int_equal(l.mda[i].offset, d.mda_start[i]);
				assert_int_equal(l.mda[i].size, d.mda_size[i]);
			}
			assert_int_equal(l.ext_version, MD_PV_EXT_VERSION);
			assert_int_equal(l.ext_flags, cases[c].has_vg ? MD_PV_EXT_USED : 0);

			/* re-encode: byte for byte the sector lvm2 wrote */
			memset(sec, 0xa5, sizeof(sec));
			assert_int_equal(md_label_encode(&l, sec), 0);
			assert_memory_equal(sec, d.head + MD_SECTOR, MD_SECTOR);
			assert_int_equal(md_label_decode(sec, 1, &l2, &why), 0);
			assert_memory_equal(&l, &l2, sizeof(l));

			/* the decoder alone, at the right and a wrong sector number */
			assert_int_equal(md_label_decode(d.head + MD_SECTOR, 1, &l2, &why), 0);
			assert_int_equal(md_label_decode(d.head + MD_SECTOR, 2, &l2, &why), -EBADMSG);
			assert_int_equal(md_label_decode(d.head, 0, &l2, &why), -ENOENT);
			fxdev_free(&d);
			pvs++;
		}
	free(cases);
	assert_true(pvs >= 9);
}

/* The two-mda + bootloader-area case in detail (values from the fixture README). */
static void test_two_mda_ba_values(void **state)
{
	struct fxdev d;
	struct md_label l;
	const char *why;

	(void)state;
	fxdev_load(&d, "two-mda-ba", 0);
	assert_int_equal(md_label_find(d.head, d.head_len, &l, &why), 0);
	assert_int_equal(l.n_mda, 2);
	assert_int_equal(l.mda[0].offset, 4096);
	assert_int_equal(l.mda[0].size, 1044480);
	assert_int_equal(l.mda[1].offset, 66060288);
	assert_int_equal(l.mda[1].size, 1048576);
	assert_int_equal(l.n_ba, 1);
	assert_int_equal(l.ba[0].offset, 1048576);
	assert_int_equal(l.ba[0].size, 1048576);
	assert_int_equal(l.da[0].offset, 2097152);
	assert_int_equal(l.end_at, 192);
	fxdev_free(&d);
}

static unsigned char *default_head(size_t *len)
{
	unsigned char *h = fx_load("default-pv", "pv0.head", len);

	assert_true(*len >= MD_LABEL_SCAN_SIZE);
	return h;
}

/* Move the label to sector @to: sector_xl and CRC fixed by hand, not by the encoder. */
static void move_label(unsigned char *buf, unsigned from, unsigned to, uint64_t sector_xl)
{
	unsigned char *s = buf + to * MD_SECTOR;

	memmove(s, buf + from * MD_SECTOR, MD_SECTOR);
	if (from != to)
		memset(buf + from * MD_SECTOR, 0, MD_SECTOR);
	st64(s + 8, sector_xl);
	st32(s + 16, md_crc(MD_CRC_SEED, s + 20, MD_SECTOR - 20));
}

static void test_label_sectors(void **state)
{
	size_t len;
	unsigned char *head = default_head(&len);
	struct md_label ref, l;
	const char *why;

	(void)state;
	assert_int_equal(md_label_find(head, len, &ref, &why), 0);
	for (unsigned to = 0; to < MD_LABEL_SCAN_SECTORS; to++) {
		unsigned char buf[MD_LABEL_SCAN_SIZE];

		memcpy(buf, head, sizeof(buf));
		move_label(buf, 1, to, to);
		why = NULL;
		assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), 0);
		assert_int_equal(l.sector, to);
		assert_string_equal(l.uuid, ref.uuid);
		assert_int_equal(l.mda[0].offset, ref.mda[0].offset);
		assert_int_equal(l.crc, l.crc_calc);
		/* the encoder produces the same sector */
		{
			unsigned char sec[MD_SECTOR];

			assert_int_equal(md_label_encode(&l, sec), 0);
			assert_memory_equal(sec, buf + to * MD_SECTOR, MD_SECTOR);
		}
		/* a buffer too short to hold that sector does not see it */
		assert_int_equal(md_label_find(buf, to * MD_SECTOR + MD_SECTOR - 1, &l, &why),
				 -ENOENT);
		assert_non_null(why);

		/* sector_xl naming another sector is rejected */
		memcpy(buf, head, sizeof(buf));
		move_label(buf, 1, to, (to + 1) % MD_LABEL_SCAN_SECTORS);
		why = NULL;
		assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), -EBADMSG);
		assert_non_null(why);
		assert_non_null(strstr(why, "sector"));
	}
	/* sector 4 and beyond are not scanned */
	{
		unsigned char buf[MD_LABEL_SCAN_SIZE + MD_SECTOR];

		memset(buf, 0, sizeof(buf));
		memcpy(buf + 4 * MD_SECTOR, head + MD_SECTOR, MD_SECTOR);
		st64(buf + 4 * MD_SECTOR + 8, 4);
		assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), -ENOENT);
	}
	free(head);
}

static void test_label_first_valid_wins(void **state)
{
	size_t len;
	unsigned char *head = default_head(&len);
	unsigned char buf[MD_LABEL_SCAN_SIZE];
	struct md_label l;
	const char *why;

	(void)state;
	/* a broken label in sector 1 (bad CRC) and a good one in sector 3 */
	memcpy(buf, head, sizeof(buf));
	memcpy(buf + 3 * MD_SECTOR, head + MD_SECTOR, MD_SECTOR);
	move_label(buf, 3, 3, 3);
	buf[MD_SECTOR + 500] ^= 1;
	assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), 0);
	assert_int_equal(l.sector, 3);

	/* only the broken one: the error and its fields are reported */
	memset(buf + 3 * MD_SECTOR, 0, MD_SECTOR);
	why = NULL;
	assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), -EBADMSG);
	assert_non_null(strstr(why, "crc"));
	assert_int_equal(l.sector, 1);
	assert_int_not_equal(l.crc, l.crc_calc);
	assert_int_equal(l.n_mda, 1);

	/* nothing at all */
	memset(buf, 0, sizeof(buf));
	why = NULL;
	assert_int_equal(md_label_find(buf, sizeof(buf), &l, &why), -ENOENT);
	assert_non_null(why);
	assert_int_equal(md_label_find(buf, 0, &l, NULL), -ENOENT);
	free(head);
}

/* A list ends at the first entry whose offset is 0, whatever its size says (lvm2's reader). */
static void test_list_terminator(void **state)
{
	size_t len;
	unsigned char *head = default_head(&len);
	unsigned char sec[MD_SECTOR];
	struct md_label l;
	const char *why;

	(void)state;
	memcpy(sec, head + MD_SECTOR, MD_SECTOR);
	/* the data-area terminator at 88 gets a size; the mda list follows at 104 */
	assert_int_equal(ld64(sec + 88), 0);
	assert_int_equal(ld64(sec + 104), 4096);
	st64(sec + 96, 512);
	st32(sec + 16, md_crc(MD_CRC_SEED, sec + 20, MD_SECTOR - 20));
	assert_int_equal(md_label_decode(sec, 1, &l, &why), 0);
	assert_int_equal(l.n_da, 1);
	assert_int_equal(l.n_mda, 1);
	assert_int_equal(l.mda[0].offset, 4096);
	assert_int_equal(l.mda[0].size, 1044480);
	assert_int_equal(l.mda_at, 104);
	/* an mda entry with offset 0 but a size ends the mda list: no mdas */
	memcpy(sec, head + MD_SECTOR, MD_SECTOR);
	st64(sec + 104, 0);
	st32(sec + 16, md_crc(MD_CRC_SEED, sec + 20, MD_SECTOR - 20));
	assert_int_equal(md_label_decode(sec, 1, &l, &why), 0);
	assert_int_equal(l.n_mda, 0);
	assert_int_equal(l.ext_at, 120);
	free(head);
}

static void test_label_encode_limits(void **state)
{
	size_t len;
	unsigned char *head = default_head(&len);
	unsigned char sec[MD_SECTOR];
	struct md_label ref, l;
	const char *why;

	(void)state;
	assert_int_equal(md_label_find(head, len, &ref, &why), 0);

	l = ref;
	l.n_mda = 3;
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);
	l = ref;
	l.sector = MD_LABEL_SCAN_SECTORS;
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);
	l = ref;
	l.uuid[5] = '-';
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);
	l = ref;
	l.mda[0].offset = 0;	/* would read back as the terminator */
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);
	l = ref;
	l.n_da = MD_MAX_AREAS + 1;
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);
	l = ref;
	l.n_ba = MD_MAX_AREAS + 1;
	assert_int_equal(md_label_encode(&l, sec), -EINVAL);

	/* every list at its maximum still fits the sector and round-trips */
	l = ref;
	l.n_da = MD_MAX_AREAS;
	l.n_mda = MD_MAX_MDAS;
	l.n_ba = MD_MAX_AREAS;
	for (unsigned i = 0; i < MD_MAX_AREAS; i++) {
		l.da[i] = (struct md_area){ 1048576 * (i + 1), 512 * i };
		l.ba[i] = (struct md_area){ 8192 * (i + 1), 4096 };
	}
	l.mda[1] = (struct md_area){ 66060288, 1048576 };
	assert_int_equal(md_label_encode(&l, sec), 0);
	{
		struct md_label back;

		assert_int_equal(md_label_decode(sec, 1, &back, &why), 0);
		assert_int_equal(back.n_da, 8);
		assert_int_equal(back.n_mda, 2);
		assert_int_equal(back.n_ba, 8);
		assert_int_equal(back.da[7].offset, 8 * 1048576);
		assert_int_equal(back.da[7].size, 7 * 512);
		assert_int_equal(back.mda[1].offset, 66060288);
		assert_int_equal(back.ba[7].offset, 8 * 8192);
		/* 32 + 40 + 9*16 (data) + 3*16 (mda) + 8 (ext) + 9*16 (ba) */
		assert_int_equal(back.end_at, 416);
		assert_int_equal(back.crc, back.crc_calc);
	}
	free(head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_labels),
		cmocka_unit_test(test_two_mda_ba_values),
		cmocka_unit_test(test_label_sectors),
		cmocka_unit_test(test_label_first_valid_wins),
		cmocka_unit_test(test_list_terminator),
		cmocka_unit_test(test_label_encode_limits),
	};

	return cmocka_run_group_tests_name("label", tests, NULL, NULL);
}
