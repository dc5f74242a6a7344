/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd/units.c: size and number arguments, --units, and the size formats of the reports. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <sys/sysmacros.h>

#include "cli.h"
#include "units.h"

#define KiB 1024ull
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

static void size_is(const char *s, char def_unit, uint64_t want)
{
	uint64_t got = 0;

	if (parse_size(s, def_unit, &got))
		fail_msg("parse_size(\"%s\", '%c') refused", s, def_unit);
	if (got != want)
		fail_msg("parse_size(\"%s\", '%c') = %llu, want %llu", s, def_unit,
			 (unsigned long long)got, (unsigned long long)want);
}

static void size_bad(const char *s)
{
	uint64_t got = 12345;

	if (parse_size(s, 'm', &got) != -EINVAL)
		fail_msg("parse_size(\"%s\") accepted: %llu", s, (unsigned long long)got);
	assert_int_equal(got, 12345);	/* untouched on error */
}

/* lvm2's Cpy%Sync strings for dm-raid ratios seen in the VM (lvm2-format.md
 * §16.6: 262400/2097152 showed 12.51, 131200/2097152 showed 6.26...) and at
 * the edges, where lvm2 never rounds to 0.00 or 100.00. */
static void test_fmt_percent(void **state)
{
	static const struct {
		int32_t p;
		const char *want;
	} cases[] = {
		{ 0, "0.00" }, { 100000000, "100.00" }, { 1, "0.01" }, { 9999, "0.01" },
		{ 10000, "0.01" }, { 99999999, "99.99" }, { 99990001, "99.99" },
		{ 12512207, "12.51" }, { 6256103, "6.26" }, { 61880000, "61.88" },
		{ 18771362, "18.77" }, { 50000000, "50.00" }, { 77343750, "77.34" },
	};
	char buf[16];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt_percent(cases[i].p, buf, sizeof(buf));
		if (strcmp(buf, cases[i].want))
			fail_msg("fmt_percent(%d) = %s, want %s", cases[i].p, buf, cases[i].want);
	}
}


static void test_parse_size_units(void **state)
{
	(void)state;
	size_is("32k", 'm', 32 * KiB);
	size_is("32K", 'm', 32 * KiB);	/* always powers of 1024, as in lvm2 */
	size_is("8m", 'k', 8 * MiB);
	size_is("8MiB", 'k', 8 * MiB);
	size_is("8mib", 'k', 8 * MiB);
	size_is("8MB", 'k', 8 * MiB);
	size_is("8kb", 'm', 8 * KiB);
	size_is("2g", 'm', 2 * GiB);
	size_is("3t", 'm', 3 * GiB * 1024);
	size_is("1p", 'm', 1ull << 50);
	size_is("1e", 'm', 1ull << 60);
	size_is("15e", 'm', 15ull << 60);
	size_is("512b", 'm', 512);
	size_is("512B", 'm', 512);
	size_is("1s", 'm', 512);
	size_is("3S", 'm', 1536);
	size_is("0", 'm', 0);
	size_is("0k", 'm', 0);
}

static void test_parse_size_default_unit(void **state)
{
	(void)state;
	size_is("8", 'm', 8 * MiB);
	size_is("8", 'k', 8 * KiB);
	size_is("8", 'b', 8);
	size_is("8", 's', 4096);
	size_is("8", 'g', 8 * GiB);
}

static void test_parse_size_fractions(void **state)
{
	(void)state;
	size_is("1.5g", 'm', GiB + GiB / 2);
	size_is("0.5k", 'm', 512);
	size_is("0.25", 'm', MiB / 4);
	size_is("1.5", 'b', 1);		/* bytes are whole: the fraction is dropped */
	size_is("007m", 'k', 7 * MiB);
}

static void test_parse_size_errors(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse_size(NULL, 'm', &v), -EINVAL);
	size_bad("");
	size_bad("k");
	size_bad("-1");
	size_bad("+1");
	size_bad(" 1");
	size_bad("1 ");
	size_bad("1 k");
	size_bad(".5");
	size_bad("1.");
	size_bad("1.k");
	size_bad("1x");
	size_bad("1kk");
	size_bad("1kibx");
	size_bad("1ib");
	size_bad("16e");	/* 2^64: does not fit */
	size_bad("99999999999999999999");
	assert_int_equal(parse_size("1", 'x', &v), -EINVAL);	/* a bad default unit */
	assert_int_equal(parse_size("1", '\0', &v), -EINVAL);
}

static void test_parse_uint(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(parse_uint("0", 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_uint("42", 42, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_uint("18446744073709551615", UINT64_MAX, &v), 0);
	assert_true(v == UINT64_MAX);
	v = 7;
	assert_int_equal(parse_uint("43", 42, &v), -EINVAL);
	assert_int_equal(parse_uint("18446744073709551616", UINT64_MAX, &v), -EINVAL);
	assert_int_equal(parse_uint("", 10, &v), -EINVAL);
	assert_int_equal(parse_uint(NULL, 10, &v), -EINVAL);
	assert_int_equal(parse_uint("-1", UINT64_MAX, &v), -EINVAL);
	assert_int_equal(parse_uint(" -1", UINT64_MAX, &v), -EINVAL);
	assert_int_equal(parse_uint(" 1", 10, &v), -EINVAL);
	assert_int_equal(parse_uint("\t1", 10, &v), -EINVAL);
	assert_int_equal(parse_uint("1x", 10, &v), -EINVAL);
	assert_int_equal(parse_uint("1k", UINT64_MAX, &v), -EINVAL);
	assert_int_equal(parse_uint("1.0", 10, &v), -EINVAL);
	assert_int_equal(v, 7);
}

static void test_parse_units(void **state)
{
	const char *ok = "hHbBsSkKmMgGtTpPeErR";
	char u = 0;

	(void)state;
	for (const char *p = ok; *p; p++) {
		char arg[2] = { *p, 0 };

		assert_int_equal(parse_units(arg, &u), 0);
		assert_int_equal(u, *p);
	}
	u = 'z';
	assert_int_equal(parse_units("", &u), -EINVAL);
	assert_int_equal(parse_units("x", &u), -EINVAL);
	assert_int_equal(parse_units("mm", &u), -EINVAL);
	assert_int_equal(parse_units("m ", &u), -EINVAL);
	assert_int_equal(parse_units("MiB", &u), -EINVAL);
	assert_int_equal(parse_units("4k", &u), -EINVAL);	/* a multiple: parse_units_factor */
	assert_int_equal(u, 'z');
}

static void test_parse_units_factor(void **state)
{
	uint64_t f = 7;
	char u = 'z';

	(void)state;
	assert_int_equal(parse_units_factor("4k", &u, &f), 0);
	assert_int_equal(u, 'U');
	assert_int_equal(f, 4096);
	assert_int_equal(parse_units_factor("10M", &u, &f), 0);
	assert_int_equal(u, 'U');
	assert_int_equal(f, 10000000);
	assert_int_equal(parse_units_factor("1g", &u, &f), 0);
	assert_int_equal(u, 'g');
	assert_int_equal(f, GiB);
	assert_int_equal(parse_units_factor("m", &u, &f), 0);
	assert_int_equal(u, 'm');
	assert_int_equal(f, 0);
	assert_int_equal(parse_units_factor("3h", &u, &f), 0);
	assert_int_equal(u, 'h');
	assert_int_equal(f, 0);
	u = 'z';
	f = 7;
	assert_int_equal(parse_units_factor("512", &u, &f), -EINVAL);	/* no unit */
	assert_int_equal(parse_units_factor("0k", &u, &f), -EINVAL);	/* no size */
	assert_int_equal(parse_units_factor("4x", &u, &f), -EINVAL);
	assert_int_equal(parse_units_factor("4kb", &u, &f), -EINVAL);
	assert_int_equal(parse_units_factor(".5m", &u, &f), -EINVAL);
	assert_int_equal(parse_units_factor("", &u, &f), -EINVAL);
	assert_int_equal(u, 'z');
	assert_int_equal(f, 7);
}

static void fmt_is(uint64_t bytes, char unit, bool suffix, const char *want)
{
	char buf[64];

	fmt_size(bytes, unit, suffix, buf, sizeof(buf));
	if (strcmp(buf, want))
		fail_msg("fmt_size(%llu, '%c', %d) = \"%s\", want \"%s\"", (unsigned long long)bytes,
			 unit, suffix, buf, want);
}

static void test_fmt_size_human(void **state)
{
	(void)state;
	fmt_is(60 * MiB, 'r', true, "60.00m");
	fmt_is(60 * MiB, 'h', true, "60.00m");
	fmt_is(60 * MiB, 'r', false, "60.00m");	/* human units keep their suffix */
	fmt_is(2110989697, 'r', true, "<1.97g");	/* 1.966g shown rounded up: "<" */
	fmt_is(2110989697, 'h', true, "1.97g");
	fmt_is(2106694758, 'r', true, "1.96g");	/* rounded down: no "<" */
	fmt_is(512, 'r', true, "512b");		/* under 1 KiB: bytes, no decimals */
	fmt_is(1000, 'h', false, "1000b");
	fmt_is(1024, 'r', true, "1.00k");
	fmt_is(1023 * KiB, 'r', true, "1023.00k");
	fmt_is(MiB, 'r', true, "1.00m");
	fmt_is(5ull << 60, 'r', true, "5.00e");
	fmt_is(0, 'r', true, "0 ");
	fmt_is(0, 'h', false, "0");		/* a zero's blank suffix goes too */
	fmt_is(64 * MiB, 'H', true, "67.11M");	/* upper case: powers of 1000 */
	fmt_is(999, 'H', true, "999B");
	fmt_is(1000, 'H', true, "1.00K");
	fmt_is(0, 'H', true, "0 ");
}

static void test_fmt_size_fixed(void **state)
{
	(void)state;
	fmt_is(60 * MiB, 'm', true, "60.00m");
	fmt_is(60 * MiB, 'm', false, "60.00");
	fmt_is(60 * MiB, 'k', true, "61440.00k");
	fmt_is(60 * MiB, 'g', true, "0.06g");
	fmt_is(64 * MiB, 'K', true, "67108.86K");
	fmt_is(64 * MiB, 'M', false, "67.11");
	fmt_is(3 * GiB, 't', true, "0.00t");
	fmt_is(1ull << 50, 'p', true, "1.00p");
	fmt_is(1ull << 60, 'e', true, "1.00e");
	fmt_is(0, 'm', true, "0m");
	fmt_is(0, 'G', true, "0G");
	fmt_is(0, 'm', false, "0");
	fmt_is(123456, 'b', true, "123456B");
	fmt_is(123456, 'B', true, "123456B");
	fmt_is(123456, 'b', false, "123456");
	fmt_is(1536, 's', true, "3S");
	fmt_is(1536, 'S', false, "3");
	fmt_is(UINT64_MAX, 'b', false, "18446744073709551616");	/* as lvm2: through a double */
	fmt_is(1000, 's', true, "2S");		/* sectors are rounded, as in lvm2 */
}

/* lvm2 prints the value with printf's rounding (a half to even) and adds "<"
 * when the hundredths were rounded up: x.125 is x.12, x.375 is <x.38. */
static void test_fmt_size_ties(void **state)
{
	(void)state;
	fmt_is(120 * MiB + MiB / 8, 'r', true, "120.12m");
	fmt_is(120 * MiB + MiB / 8, 'h', true, "120.12m");
	fmt_is(120 * MiB + MiB / 8, 'm', true, "120.12m");
	fmt_is(100 * MiB + 3 * MiB / 8, 'r', true, "<100.38m");
	fmt_is(100 * MiB + 3 * MiB / 8, 'h', true, "100.38m");
	fmt_is(100 * MiB + 5 * MiB / 8, 'r', true, "100.62m");
	fmt_is(100 * MiB + 7 * MiB / 8, 'r', true, "<100.88m");
	fmt_is(GiB / 8, 'r', true, "128.00m");
	fmt_is(GiB / 8, 'g', true, "0.12g");
	fmt_is(GiB / 8, 'g', false, "0.12");
	fmt_is(1152 * GiB, 't', true, "1.12t");
	fmt_is(1152 * GiB, 'r', true, "1.12t");
	fmt_is(1408 * GiB, 'r', true, "<1.38t");
}

/*
 * In decimal units x.xx5 is no double: printf rounds the double next to it,
 * which may lie either side of the half (1.015 is 1.01499..., 1.145 is
 * 1.14500...1), so "half to even" on the exact quotient would be wrong.
 * lvm2's "<" looks at 100 * size / unit instead, which is exact here (101.5
 * rounds to even, up): "<1.01M".  Bytes and sectors round to whole numbers.
 */
static void test_fmt_size_decimal_ties(void **state)
{
	(void)state;
	fmt_is(1145, 'K', true, "1.15K");
	fmt_is(1015, 'K', true, "1.01K");
	fmt_is(1005, 'K', true, "1.00K");
	fmt_is(2675, 'K', true, "2.67K");
	fmt_is(1125, 'K', true, "1.12K");
	fmt_is(1375, 'k', true, "1.34k");
	fmt_is(1145000, 'H', true, "1.15M");
	fmt_is(1145000, 'R', true, "1.15M");
	fmt_is(1015000, 'R', true, "<1.01M");
	fmt_is(256, 's', true, "0S");	/* half a sector: 0.5 to even */
	fmt_is(768, 's', true, "2S");	/* 1.5 to even */
	fmt_is(1536, 's', true, "3S");
	fmt_is(1, 'r', true, "1b");
	fmt_is(1023, 'r', true, "1023b");
	fmt_is(1048575, 'r', true, "<1024.00k");
	fmt_is(UINT64_MAX, 'b', true, "18446744073709551616B");	/* the double is 2^64 */
	fmt_is(UINT64_MAX, 'r', true, "16.00e");
	/* the same size twice and then another: the last text is kept, not mixed up */
	fmt_is(1145, 'K', false, "1.15");
	fmt_is(1145, 'K', false, "1.15");
	fmt_is(1145, 'K', true, "1.15K");
}

static void size_as_is(uint64_t bytes, const char *units, bool suffix, enum size_style st,
		       const char *want)
{
	uint64_t factor;
	char buf[64], u;

	assert_int_equal(parse_units_factor(units, &u, &factor), 0);
	fmt_size_as(bytes, u, factor, suffix, st, buf, sizeof(buf));
	if (strcmp(buf, want))
		fail_msg("fmt_size_as(%llu, --units %s, %d, %d) = \"%s\", want \"%s\"",
			 (unsigned long long)bytes, units, suffix, st, buf, want);
}

/* --units with a number, and the long suffixes of display commands. */
static void test_fmt_size_as(void **state)
{
	(void)state;
	size_as_is(64 * MiB, "4k", true, SIZE_UNIT, "16384.00U");
	size_as_is(64 * MiB, "4k", false, SIZE_UNIT, "16384.00");
	size_as_is(64 * MiB, "4K", true, SIZE_UNIT, "16777.22U");
	size_as_is(0, "4k", true, SIZE_UNIT, "0U");
	size_as_is(64 * MiB, "3s", true, SIZE_UNIT, "43690.67U");
	size_as_is(64 * MiB, "1m", true, SIZE_UNIT, "64.00m");
	size_as_is(64 * MiB, "1.5m", true, SIZE_UNIT, "42.67m");
	size_as_is(64 * MiB, "0.5m", true, SIZE_UNIT, "128.00U");
	size_as_is(64 * MiB, "10M", true, SIZE_UNIT, "6.71U");
	size_as_is(64 * MiB, "2h", true, SIZE_UNIT, "64.00m");
	size_as_is(68 * MiB, "b", true, SIZE_SHORT, "71303168 B ");
	size_as_is(68 * MiB, "k", true, SIZE_SHORT, "69632.00 KiB");
	size_as_is(68 * MiB, "K", true, SIZE_SHORT, "71303.17 kB");
	size_as_is(68 * MiB, "s", true, SIZE_SHORT, "139264 Se");
	size_as_is(0, "m", true, SIZE_SHORT, "0 MiB");
	size_as_is(0, "r", true, SIZE_SHORT, "0   ");
	size_as_is(512, "r", true, SIZE_SHORT, "512 B");
	size_as_is(512, "H", true, SIZE_SHORT, "512 B ");
	size_as_is(120 * MiB + MiB / 8, "g", true, SIZE_SHORT, "0.12 GiB");
}

static void test_fmt_size_is_number(void **state)
{
	static const char units[] = "hHrRbBsSkKmMgGtTpPeE";
	char buf[64];
	char *end;

	(void)state;
	/* The promise: the text is a bare number exactly when it says so (a
	 * zero in human units without a suffix, "0", aside). */
	for (const char *u = units; *u; u++)
		for (int suffix = 0; suffix < 2; suffix++) {
			static const uint64_t sizes[] = { 0, 1, 512, 60 * MiB, 2110989697 };

			for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
				fmt_size(sizes[i], *u, suffix, buf, sizeof(buf));
				strtod(buf, &end);
				if ((*end == '\0' && buf[0] != '<') != fmt_size_is_number(*u, suffix) &&
				    !(sizes[i] == 0 && !suffix))
					fail_msg("'%c' suffix %d: \"%s\"", *u, suffix, buf);
			}
		}
}

static void long_is(uint64_t bytes, const char *want)
{
	char buf[64];

	fmt_size_long(bytes, buf, sizeof(buf));
	if (strcmp(buf, want))
		fail_msg("fmt_size_long(%llu) = \"%s\", want \"%s\"", (unsigned long long)bytes, buf,
			 want);
}

static void test_fmt_size_long(void **state)
{
	(void)state;
	long_is(0, "0   ");
	long_is(60 * MiB, "60.00 MiB");
	long_is(4 * MiB, "4.00 MiB");
	long_is(2110989697, "<1.97 GiB");
	long_is(512, "512 B");
	long_is(100 * MiB + 3 * MiB / 8, "<100.38 MiB");
	long_is(120 * MiB + MiB / 8, "120.12 MiB");
	long_is(3ull << 40, "3.00 TiB");
	long_is(2ull << 50, "2.00 PiB");
	long_is(7ull << 60, "7.00 EiB");
}

/* lvm2's device walk: by the device number with its four bytes reversed
 * (its dev cache btree), so loop271 comes before loop226, and sda first. */
static void test_scan_key_order(void **state)
{
	(void)state;
	assert_true(cli_scan_key(makedev(8, 0)) < cli_scan_key(makedev(7, 5)));
	assert_true(cli_scan_key(makedev(7, 5)) < cli_scan_key(makedev(7, 271)));
	assert_true(cli_scan_key(makedev(7, 271)) < cli_scan_key(makedev(7, 226)));
	assert_true(cli_scan_key(makedev(7, 0)) < cli_scan_key(makedev(7, 1)));
	assert_int_equal(cli_scan_key(makedev(7, 226)), 0xe2070000u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_key_order),
		cmocka_unit_test(test_fmt_percent),
		cmocka_unit_test(test_parse_size_units),
		cmocka_unit_test(test_parse_size_default_unit),
		cmocka_unit_test(test_parse_size_fractions),
		cmocka_unit_test(test_parse_size_errors),
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_parse_units),
		cmocka_unit_test(test_parse_units_factor),
		cmocka_unit_test(test_fmt_size_human),
		cmocka_unit_test(test_fmt_size_fixed),
		cmocka_unit_test(test_fmt_size_ties),
		cmocka_unit_test(test_fmt_size_decimal_ties),
		cmocka_unit_test(test_fmt_size_as),
		cmocka_unit_test(test_fmt_size_is_number),
		cmocka_unit_test(test_fmt_size_long),
	};

	return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
