/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * raid1 arithmetic and dm-raid's status line (libvolume/lv_raid.c,
 * raid_status.c): lvm2's rmeta size, and the status lines seen in the VM
 * (lvm2-format.md §16.6) read as libdevmapper reads them, lvm2's sync
 * percent included.
 */
#include "unit.h"
#include "raid.h"

/* ------------------------------------------------------------ rmeta size */

static void test_meta_extents(void **state)
{
	(void)state;
	/* 4 MiB extents: one extent whatever the size (§16.2: 8M to 4096G) */
	assert_int_equal(raid_meta_extents(2, 4096, 8192), 1);
	assert_int_equal(raid_meta_extents(1048576, 4096, 8192), 1);	/* 4 TiB, 2^21 regions */
	/* 1 MiB extents: 8 KiB of superblocks plus a bit per region */
	assert_int_equal(raid_meta_extents(10, 4096, 2048), 1);
	/* tiny extents (4 KiB = 8 sectors): 8 KiB of superblocks need two */
	assert_int_equal(raid_meta_extents(16, 4096, 8), 2);	/* no whole region: 16 sectors */
	assert_int_equal(raid_meta_extents(4096, 8, 8), 3);	/* 4096 regions: 512 bytes of bits */
	assert_int_equal(raid_meta_extents(3 * 8, 8, 8), 3);	/* 3 regions: 1 byte, 17 sectors */
	assert_int_equal(raid_meta_extents(4097 * 8, 8, 8), 4);	/* 4097 bytes of bits, 25 sectors */
	/* region size 0: lvm2's default (2 MiB) */
	assert_int_equal(raid_meta_extents(100, 0, 2048), 1);
}

/* ------------------------------------------------------------ status */

struct status_case {
	const char *line;
	int r;
	uint32_t legs;
	const char *health, *action;
	uint64_t in_sync, total, mismatches;
	int32_t percent;
};

static void test_parse_status(void **state)
{
	static const struct status_case cases[] = {
		/* §16.6, a 1 GiB LV through its life */
		{ "raid1 2 aa 262400/2097152 resync 0 0 -", 0, 2, "aa", "resync", 262400, 2097152, 0,
		  12512207 },
		{ "raid1 2 AA 2097152/2097152 idle 0 0 -", 0, 2, "AA", "idle", 2097152, 2097152, 0,
		  100000000 },
		{ "raid1 2 AD 2097152/2097152 idle 0 0 -", 0, 2, "AD", "idle", 2097152, 2097152, 0,
		  100000000 },
		{ "raid1 2 Aa 131200/2097152 recover 0 0 -", 0, 2, "Aa", "recover", 131200, 2097152, 0,
		  6256103 },
		{ "raid1 2 AA 2097152/2097152 idle 2048 0 -", 0, 2, "AA", "idle", 2097152, 2097152,
		  2048, 100000000 },
		/* n/n with a leg still 'a': lvm2 does not trust it and counts a sector less */
		{ "raid1 2 Aa 2097152/2097152 idle 0 0 -", 0, 2, "Aa", "idle", 2097151, 2097152, 0,
		  99999952 },
		{ "raid1 3 AAa 16896/16896 recover 0 0 -", 0, 3, "AAa", "recover", 16895, 16896, 0,
		  99994081 },
		/* ... but not when every leg is 'a' (a new array), nor for other actions */
		{ "raid1 2 aa 8192/8192 idle 0 0 -", 0, 2, "aa", "idle", 8192, 8192, 0, 100000000 },
		{ "raid1 2 Aa 8192/8192 resync 0 0 -", 0, 2, "Aa", "resync", 8192, 8192, 0, 100000000 },
		/* older targets: no action, mismatches or offset */
		{ "raid1 2 AA 100/200", 0, 2, "AA", "", 100, 200, 0, 50000000 },
		{ "raid1 3 AAA 1/3 check 7", 0, 3, "AAA", "check", 1, 3, 7, 33333333 },
		/* lvm2 never shows 0 for a sector in sync, nor 100 for one missing */
		{ "raid1 2 aa 1/2000000000 resync 0 0 -", 0, 2, "aa", "resync", 1, 2000000000, 0, 1 },
		{ "raid1 2 aa 0/2048 resync 0 0 -", 0, 2, "aa", "resync", 0, 2048, 0, 0 },
		/* raid4/5/6 made by lvm2 beside ours (6.1 kernel, in the VM): same layout */
		{ "raid5_ls 3 AAA 4096/4096 idle 0 0 -", 0, 3, "AAA", "idle", 4096, 4096, 0,
		  100000000 },
		{ "raid6_zr 5 aaaaa 1024/4096 resync 0 0 -", 0, 5, "aaaaa", "resync", 1024, 4096, 0,
		  25000000 },
		{ "raid4 3 AAD 4096/4096 idle 0 0 -", 0, 3, "AAD", "idle", 4096, 4096, 0, 100000000 },
		/* what lvm2 refuses; "" is also the status of the snapshot-origin
		 * device over a raid1 origin (raid_top_uuid() reads its -real layer) */
		{ "raid1 2 AAA 1/2 idle 0 0 -", -EINVAL, 0, "", "", 0, 0, 0, 0 },
		{ "raid1 2 AA", -EINVAL, 0, "", "", 0, 0, 0, 0 },
		{ "raid1 x AA 1/2", -EINVAL, 0, "", "", 0, 0, 0, 0 },
		{ "", -EINVAL, 0, "", "", 0, 0, 0, 0 },
	};
	struct vol_raid_status st;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct status_case *c = &cases[i];
		int r = raid_parse_status(c->line, &st);

		if (r != c->r)
			fail_msg("\"%s\": returned %d, want %d", c->line, r, c->r);
		if (r)
			continue;
		if (st.legs != c->legs || strcmp(st.health, c->health) ||
		    strcmp(st.sync_action, c->action) || st.in_sync != c->in_sync ||
		    st.total != c->total || st.mismatch_count != c->mismatches ||
		    st.sync_percent != c->percent)
			fail_msg("\"%s\": got %u %s %s %" PRIu64 "/%" PRIu64 " mism %" PRIu64 " pct %d",
				 c->line, st.legs, st.health, st.sync_action, st.in_sync, st.total,
				 st.mismatch_count, st.sync_percent);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meta_extents),
		cmocka_unit_test(test_parse_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
