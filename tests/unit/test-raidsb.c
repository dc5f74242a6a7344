/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * dm-raid's superblock and md's write-intent bitmap at the start of an
 * rmeta (metadata/raidsb.c): the unclean-shutdown test of a raid1 LV.
 * The buffers are built field by field at the kernel's offsets.
 */
#include "unit.h"
#include "raidsb.h"

#define LEN (RAIDSB_BITS_AT + 64)

/* A synced 2-leg array: 16 MiB per leg, 1 MiB regions (16 bits). */
static void make(unsigned char *b)
{
	memset(b, 0, LEN);
	st32(b, 0x64526D44u);			/* "DmRd" */
	st64(b + 16, 42);			/* events */
	st64(b + 40, UINT64_MAX);		/* array resync offset: all synced */
	st32(b + 4096, 0x6d746962u);		/* "bitm" */
	st64(b + 4096 + 40, 32768);		/* sync_size: 16 MiB in sectors */
	st32(b + 4096 + 52, 1048576);		/* chunksize: 1 MiB */
}

static void test_clean(void **state)
{
	unsigned char b[LEN];
	struct raidsb sb;

	(void)state;
	make(b);
	raidsb_inspect(b, sizeof(b), &sb);
	assert_true(sb.valid);
	assert_true(sb.synced);
	assert_false(sb.failed);
	assert_false(sb.stale);
	assert_int_equal(sb.events, 42);
	assert_int_equal(sb.regions, 16);
	assert_int_equal(sb.dirty, 0);
}

static void test_dirty(void **state)
{
	unsigned char b[LEN];
	struct raidsb sb;

	(void)state;
	make(b);
	b[RAIDSB_BITS_AT] = 0x81;		/* regions 0 and 7 */
	b[RAIDSB_BITS_AT + 1] = 0x04;		/* region 10 */
	b[RAIDSB_BITS_AT + 2] = 0xff;		/* past the 16 regions: not counted */
	raidsb_inspect(b, sizeof(b), &sb);
	assert_int_equal(sb.dirty, 3);
	/* 21 regions (a partial last one): bits 16..20 count, 21..23 do not */
	st64(b + 4096 + 40, 32768 + 4 * 2048 + 1);
	raidsb_inspect(b, sizeof(b), &sb);
	assert_int_equal(sb.regions, 21);
	assert_int_equal(sb.dirty, 3 + 5);
	raidsb_resync_dirty(b);
	raidsb_inspect(b, sizeof(b), &sb);
	assert_false(sb.synced);
	assert_int_equal(ld64(b + 40), 0);
	assert_int_equal(ld32(b), 0x64526D44u);	/* nothing else moved */
	assert_int_equal(ld64(b + 16), 42);
}

static void test_refused(void **state)
{
	unsigned char b[LEN];
	struct raidsb sb;

	(void)state;
	make(b);
	raidsb_inspect(b, RAIDSB_BITS_AT - 1, &sb);	/* too short */
	assert_false(sb.valid);
	memset(b, 0, 4);				/* a zeroed (new) rmeta */
	raidsb_inspect(b, sizeof(b), &sb);
	assert_false(sb.valid);
	make(b);
	st32(b + 4096, 0);				/* no bitmap */
	raidsb_inspect(b, sizeof(b), &sb);
	assert_false(sb.valid);
	make(b);
	st32(b + 4096 + 52, 0);				/* no region size */
	raidsb_inspect(b, sizeof(b), &sb);
	assert_false(sb.valid);
	make(b);
	st64(b + 24, 2);				/* leg 1 failed */
	st32(b + 4096 + 48, 2);				/* bitmap stale */
	st64(b + 40, 1024);				/* initial sync under way */
	raidsb_inspect(b, sizeof(b), &sb);
	assert_true(sb.valid);
	assert_true(sb.failed);
	assert_true(sb.stale);
	assert_false(sb.synced);
	/* a bitmap longer than the buffer: counted up to the buffer's end */
	make(b);
	st64(b + 4096 + 40, (uint64_t)1 << 40);
	memset(b + RAIDSB_BITS_AT, 0x01, 64);
	raidsb_inspect(b, sizeof(b), &sb);
	assert_int_equal(sb.regions, 64 * 8);
	assert_int_equal(sb.dirty, 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_dirty),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
