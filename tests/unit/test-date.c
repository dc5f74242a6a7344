/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The dates of the text format: metadata/date.c against libc's
 * localtime_r + strftime (what lvm2 uses) at fixed offsets, and export
 * taking its zone from the options alone.
 */
#include <time.h>

#include "unit.h"
#include "date.h"

/* libc's rendering of @t at @off seconds east of UTC; false when localtime_r fails. */
static bool libc_dates(int64_t t, long off, char *ctime_buf, char *iso_buf, size_t n)
{
	char tz[32];
	time_t tt = (time_t)t;
	struct tm tm;
	long a = off < 0 ? -off : off;

	/* POSIX TZ offsets count west of Greenwich */
	snprintf(tz, sizeof(tz), "UTZ%c%ld:%02ld:%02ld", off > 0 ? '-' : '+', a / 3600,
		 a / 60 % 60, a % 60);
	setenv("TZ", tz, 1);
	tzset();
	if (!localtime_r(&tt, &tm))
		return false;
	assert_int_equal(tm.tm_gmtoff, off);
	assert_true(strftime(ctime_buf, n, "%a %b %e %H:%M:%S %Y", &tm) > 0);
	assert_true(strftime(iso_buf, n, "%Y-%m-%d %T %z", &tm) > 0);
	return true;
}

static void test_dates_match_libc(void **state)
{
	static const int64_t times[] = {
		0, -1, 1, 59, 86399, 86400, 951782400 /* 2000-02-29 */, 951868800,
		1795688375, 1795683559, 4107542400 /* 2100-03-01 */, 253402300799,
		253402300800, -62135596800, -62170156800, -61000000000, 67767976233316800,
		67767976233316799, 67768036191676799, 67768036191676800,
		-67768040609740800, -67768040609740801, INT64_MAX, INT64_MIN,
	};
	static const long offsets[] = { 0, 3600, -3600, 19800, -34200, 50400, -43200, 5400 };

	(void)state;
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
			char lc[64], li[64], mc[64], mi[64];
			struct md_date d;
			bool ok = libc_dates(times[i], offsets[k], lc, li, sizeof(lc));

			if (ok != md_date_at(times[i], offsets[k], &d))
				fail_msg("%" PRId64 " at %ld: libc %s, md_date_at %s", times[i],
					 offsets[k], ok ? "ok" : "fails", ok ? "fails" : "ok");
			if (!ok)
				continue;
			md_date_ctime(&d, mc, sizeof(mc));
			md_date_iso(&d, mi, sizeof(mi));
			assert_string_equal(mc, lc);
			assert_string_equal(mi, li);
		}
	/* every day of a few years around the epoch and now, at noon */
	for (int64_t day = -800; day < 800; day++)
		for (int64_t base = 0; base <= 1795600000; base += 1795600000) {
			char lc[64], li[64], mc[64], mi[64];
			struct md_date d;
			int64_t t = base + day * 86400 + 43200;

			assert_true(libc_dates(t, 0, lc, li, sizeof(lc)));
			assert_true(md_date_at(t, 0, &d));
			md_date_ctime(&d, mc, sizeof(mc));
			md_date_iso(&d, mi, sizeof(mi));
			assert_string_equal(mc, lc);
			assert_string_equal(mi, li);
		}
}

/* A zone with two offsets: +01:00 before 1800000000, +02:00 from then on. */
static long two_season_offset(uint64_t t)
{
	return t < 1800000000 ? 3600 : 7200;
}

static const char scratch_vg[] =
	"vg0 {\n"
	"id = \"0123456789abcdefghijABCDEFGHIJkl\"\n"
	"seqno = 1\n"
	"status = [\"READ\", \"WRITE\"]\n"
	"extent_size = 8192\n"
	"max_lv = 0\n"
	"max_pv = 0\n"
	"physical_volumes {\n"
	"pv0 {\n"
	"id = \"abcdefghijklmnopqrstuvwxyzABCDEF\"\n"
	"status = [\"ALLOCATABLE\"]\n"
	"pe_start = 2048\n"
	"pe_count = 15\n"
	"}\n"
	"}\n"
	"logical_volumes {\n"
	"lv0 {\n"
	"id = \"ZYXWVUTSRQPONMLKJIHGFEDCBA012345\"\n"
	"status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n"
	"creation_time = 1795688375\n"
	"creation_host = \"h\"\n"
	"segment_count = 1\n"
	"segment1 {\n"
	"start_extent = 0\n"
	"extent_count = 1\n"
	"type = \"striped\"\n"
	"stripe_count = 1\n"
	"stripes = [\"pv0\", 0]\n"
	"}\n"
	"}\n"
	"}\n"
	"}\n"
	"contents = \"Text Format Volume Group\"\n"
	"version = 1\n";

/* Export takes its dates from the options, whatever TZ says. */
static void test_export_zone_from_options(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = import_or_fail(a, scratch_vg, sizeof(scratch_vg) - 1, "scratch");
	struct md_export_opts o = *test_opts();
	char *t1, *t2;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	t1 = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	setenv("TZ", "XYZ-09:30", 1);
	tzset();
	t2 = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	assert_string_equal(t1, t2);
	assert_non_null(strstr(t1, ": Thu Nov 26 10:19:35 2026\n"));
	assert_non_null(strstr(t1, "creation_time = 1795688375\t# Thu Nov 26 10:19:35 2026\n"));
	assert_non_null(strstr(t1, "creation_time = 1795688375\t# 2026-11-26 10:19:35 +0000\n"));
	free(t1);
	free(t2);

	/* a fixed offset applies to every date */
	o.utc_offset = -16200;
	t1 = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	assert_non_null(strstr(t1, "# 2026-11-26 05:49:35 -0430\n"));
	assert_non_null(strstr(t1, ": Thu Nov 26 05:49:35 2026\n"));
	free(t1);

	/* a per-instant offset wins over it: the header and the LV in different seasons */
	o.utc_offset_at = two_season_offset;
	o.time = 1800000000;
	t1 = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	assert_non_null(strstr(t1, "creation_time = 1795688375\t# 2026-11-26 11:19:35 +0100\n"));
	assert_non_null(strstr(t1, ": Fri Jan 15 10:00:00 2027\n"));
	free(t1);
	md_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_match_libc),
		cmocka_unit_test(test_export_zone_from_options),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
