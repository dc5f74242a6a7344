/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvm2's units: parsing size and number arguments, formatting sizes. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"

static const char unit_chars[] = "kmgtpe";

int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	/* strtoull would skip blanks and negate: " -1" would be 2^64 - 1. */
	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* lvm2 size arguments: digits with an optional fraction, then an optional
 * unit b s k m g t p e in either case (always powers of 1024; s = 512 bytes),
 * optionally followed by "iB" or "B" ("8MiB", "8m", "8MB" are all 8 MiB). */
int parse_size(const char *s, char def_unit, uint64_t *out)
{
	static const char units[] = "bskmgtpe";
	const char *p = s, *u;
	double v = 0, scale = 1;
	char unit;
	unsigned shift;

	if (!s || !(*p >= '0' && *p <= '9'))
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		if (!(p[1] >= '0' && p[1] <= '9'))
			return -EINVAL;
		for (p++; *p >= '0' && *p <= '9'; p++)
			v += (*p - '0') * (scale /= 10);
	}
	unit = *p ? (char)(*p | 0x20) : def_unit;
	if (*p) {
		p++;
		if ((p[0] == 'i' || p[0] == 'I') && (p[1] == 'b' || p[1] == 'B'))
			p += 2;
		else if (*p == 'b' || *p == 'B')
			p++;
		if (*p)
			return -EINVAL;
	}
	if (!(u = strchr(units, unit)) || !unit)
		return -EINVAL;
	shift = unit == 'b' ? 0 : unit == 's' ? 9 : 10 * (unsigned)(u - units - 1);
	v *= (double)(1ull << shift);
	if (v >= 18446744073709551615.0)
		return -EINVAL;
	*out = (uint64_t)v;
	return 0;
}

int parse_units(const char *s, char *unit)
{
	if (strlen(s) != 1 || !strchr("hHbBsSkKmMgGtTpPeErR", s[0]))
		return -EINVAL;
	*unit = s[0];
	return 0;
}

int parse_units_factor(const char *s, char *unit, uint64_t *factor)
{
	static const char letters[] = "bBsSkKmMgGtTpPeE";
	double v = 1;
	char *end = (char *)(uintptr_t)s;
	uint64_t n = 1, mult;
	const char *p;

	*factor = 0;
	if (*s >= '0' && *s <= '9') {
		v = strtod(s, &end);
		n = strtoull(s, NULL, 10);
	}
	if (!*end || end[1])
		return -EINVAL;
	if (strchr("hHrR", *end)) {
		*unit = *end;
		return 0;
	}
	if (!(p = strchr(letters, *end)))
		return -EINVAL;
	/* b s, then k m g t p e in 1024s (lower case) or 1000s (upper case) */
	mult = p - letters < 2 ? 1 : p - letters < 4 ? 512 : 1;
	for (int i = 4; i <= p - letters; i += 2)
		mult *= *end >= 'a' ? 1024 : 1000;
	*unit = n == 1 ? *end : 'U';
	*factor = (double)n == v ? n * mult : (uint64_t)(v * (double)mult);	/* a whole number */
	if (!*factor)
		return -EINVAL;
	if (n == 1 && *factor == mult)
		*factor = 0;	/* the unit itself */
	return 0;
}

static bool is_human(char unit)
{
	char u = (char)(unit | 0x20);

	return u == 'h' || u == 'r';
}

/*
 * @unit: b s k m g t p e (powers of 1024; upper case: powers of 1000, with
 * B and S the same as b and s), h/H (human), r/R (human, and "<" when the
 * shown value was rounded up: lvm2's default).  Human units always keep
 * their suffix, as in lvm2.
 */
static void fmt_size_now(uint64_t bytes, char unit, bool suffix, char *buf, size_t len);

/* @base to the @n (exact for the units' powers: no libm for two lines). */
static double power(double base, int n)
{
	double v = 1;

	while (n-- > 0)
		v *= base;
	return v;
}

/* Does rounding @h (>= 0) to the nearest integer, a half to even as %.2f
 * does, go up? */
static bool rounds_up(double h)
{
	double f = h < 18446744073709551616.0 ? (double)(uint64_t)h : h;	/* floor */
	double d = h - f;

	return d > 0.5 || (d == 0.5 && ((uint64_t)f & 1));
}

/*
 * Reports show the same few sizes again and again (LVs of one size, PVs of
 * one size): the last ones are remembered rather than printed anew.
 */
#define SIZE_CACHE 8
static struct {
	uint64_t bytes;
	char unit;
	bool suffix, used;
	char text[32];
} size_cache[SIZE_CACHE];
static unsigned size_next;

void fmt_size(uint64_t bytes, char unit, bool suffix, char *buf, size_t len)
{
	unsigned i;

	for (i = 0; i < SIZE_CACHE; i++)
		if (size_cache[i].used && size_cache[i].bytes == bytes && size_cache[i].unit == unit &&
		    size_cache[i].suffix == suffix) {
			size_t n = strlen(size_cache[i].text);

			if (n < len)
				memcpy(buf, size_cache[i].text, n + 1);
			else
				snprintf(buf, len, "%s", size_cache[i].text);
			return;
		}
	fmt_size_now(bytes, unit, suffix, buf, len);
	i = size_next++ % SIZE_CACHE;
	if (strlen(buf) < sizeof(size_cache[i].text)) {
		size_cache[i].bytes = bytes;
		size_cache[i].unit = unit;
		size_cache[i].suffix = suffix;
		size_cache[i].used = true;
		memcpy(size_cache[i].text, buf, strlen(buf) + 1);
	}
}

static void fmt_size_now(uint64_t bytes, char unit, bool suffix, char *buf, size_t len)
{
	char u = (char)(unit | 0x20);
	bool si = unit >= 'A' && unit <= 'Z';
	bool human = is_human(unit);
	double base = si ? 1000.0 : 1024.0, v = (double)bytes, hundredths;
	const char *p;
	char uc[2] = { 0, 0 };
	int idx;

	if (human && bytes)	/* lvm2: a human unit keeps its suffix, but a zero has none then */
		suffix = true;
	if (u == 'b' || u == 's') {
		snprintf(buf, len, "%llu%s", (unsigned long long)(u == 's' ? bytes / 512 : bytes),
			 suffix ? (u == 's' ? "S" : "B") : "");
		return;
	}
	if (!bytes) {
		snprintf(buf, len, "0%s", !suffix ? "" : human ? " " : (char[2]){ unit, 0 });
		return;
	}
	if (human) {
		/* The largest unit (k at least) not bigger than the value. */
		for (idx = 0; idx < 5 && (double)bytes >= power(base, idx + 2); idx++)
			;
	} else {
		p = strchr(unit_chars, u);
		idx = p ? (int)(p - unit_chars) : 0;
	}
	v /= power(base, idx + 1);
	/* As lvm2: the value printed with %.2f (a half rounds to even: 0.125
	 * is 0.12), and "<" when the hundredths were rounded up. */
	hundredths = v * 100;
	uc[0] = si ? (char)(unit_chars[idx] - 32) : unit_chars[idx];
	snprintf(buf, len, "%s%.2f%s", u == 'r' && rounds_up(hundredths) ? "<" : "", v,
		 suffix ? uc : "");
}

void fmt_size_factor(uint64_t bytes, char unit, uint64_t factor, bool suffix, char *buf,
		     size_t len)
{
	char u = (char)(unit | 0x20);

	if (!factor) {
		fmt_size(bytes, unit, suffix, buf, len);
		return;
	}
	if (!bytes)
		snprintf(buf, len, "0%s", suffix ? (char[2]){ unit == 'U' ? 'U' : unit, 0 } : "");
	else
		snprintf(buf, len, "%.*f%s", unit != 'U' && (u == 'b' || u == 's') ? 0 : 2,
			 (double)bytes / (double)factor,
			 !suffix ? "" : unit == 'U' ? "U" : u == 'b' ? "B" : u == 's' ? "S"
							     : (char[2]){ unit, 0 });
}

/* Without a suffix fmt_size prints digits (and a point), and "<" only comes with one. */
bool fmt_size_is_number(char unit, bool suffix)
{
	return !suffix && !is_human(unit);
}

void fmt_size_long(uint64_t bytes, char *buf, size_t len)
{
	static const char *const names[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	char tmp[48];
	const char *u;
	size_t l;

	if (!bytes) {
		snprintf(buf, len, "0   ");
		return;
	}
	/* "<95.37m" -> "<95.37 MiB" */
	fmt_size(bytes, 'r', true, tmp, sizeof(tmp));
	l = strlen(tmp);
	u = strchr(unit_chars, tmp[l - 1]);
	tmp[l - 1] = '\0';
	snprintf(buf, len, "%s %s", tmp, u ? names[u - unit_chars] : "B");
}

void fmt_percent(int32_t p, char *buf, size_t len)
{
	/* float arithmetic, as libdevmapper's dm_percent_to_round_float(p, 2) */
	const int32_t one = 1000000, hundred = 100 * one;
	const float digit = .01f, r = (float)one * digit;
	float f = (float)p / (float)one + 0.f;

	if ((float)p < r && p > 0)
		f = digit;
	else if ((float)p > (float)hundred - r && p < hundred)
		f = ((float)hundred - r) / (float)one;
	snprintf(buf, len, "%.2f", f);
}
