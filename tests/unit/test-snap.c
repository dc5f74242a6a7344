/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The dm snapshot target's status line (libvolume/snap_status.c), read as
 * lvm2 2.03.16 reads it, with the percent lvs shows (Snap%, Data%): the
 * forms the kernel writes (dm-snap.c snapshot_status) and lvm2's rules for
 * 0 and 100.
 */
#include "unit.h"
#include "snap.h"

struct snap_case {
	const char *line;
	int r;
	uint64_t used, total, meta;
	bool has_meta, invalid, overflow, merge_failed;
	int32_t percent;
};

static void test_parse_status(void **state)
{
	static const struct snap_case cases[] = {
		/* a fresh snapshot: only its metadata (one 8 KiB chunk) used: 0, not 1 */
		{ "16/8192 16", 0, 16, 8192, 16, true, false, false, false, 0 },
		/* 64 KiB copied in 8 KiB chunks, 4 MiB COW */
		{ "144/8192 16", 0, 144, 8192, 16, true, false, false, false, 1757812 },
		/* older kernels: no metadata count, the ratio as it is */
		{ "0/8192", 0, 0, 8192, 0, false, false, false, false, 0 },
		{ "16/8192", 0, 16, 8192, 0, false, false, false, false, 195312 },
		/* never 100 while a sector is free, never 0 once one is used */
		{ "8191/8192 16", 0, 8191, 8192, 16, true, false, false, false, 99987792 },
		{ "1/2000000000 0", 0, 1, 2000000000, 0, true, false, false, false, 1 },
		{ "8192/8192 16", 0, 8192, 8192, 16, true, false, false, false, 100000000 },
		/* dropped by the kernel: shown full; overflow is not invalid for lvm2 */
		{ "Invalid", 0, 0, 0, 0, false, true, false, false, 100000000 },
		{ "Overflow", 0, 0, 0, 0, false, false, true, false, 100000000 },
		/* a failed merge: no percent (a blank field) */
		{ "Merge failed", 0, 0, 0, 0, false, false, false, true, -1 },
		/* what lvm2 refuses */
		{ "", -EINVAL, 0, 0, 0, false, false, false, false, 0 },
		{ "Invalid ", -EINVAL, 0, 0, 0, false, false, false, false, 0 },
		{ "12", -EINVAL, 0, 0, 0, false, false, false, false, 0 },
		{ "x/8", -EINVAL, 0, 0, 0, false, false, false, false, 0 },
	};
	struct vol_snapshot_status st;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct snap_case *c = &cases[i];
		int r = snap_parse_status(c->line, &st);

		if (r != c->r)
			fail_msg("\"%s\": returned %d, want %d", c->line, r, c->r);
		if (r)
			continue;
		if (st.used_sectors != c->used || st.total_sectors != c->total ||
		    st.metadata_sectors != c->meta || st.has_metadata != c->has_meta ||
		    st.invalid != c->invalid || st.overflow != c->overflow ||
		    st.merge_failed != c->merge_failed || st.percent != c->percent)
			fail_msg("\"%s\": got %" PRIu64 "/%" PRIu64 " meta %" PRIu64
				 " (%d) inv %d ovf %d mf %d pct %d",
				 c->line, st.used_sectors, st.total_sectors, st.metadata_sectors,
				 st.has_metadata, st.invalid, st.overflow, st.merge_failed, st.percent);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
