/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvm2's units: parsing size and number arguments, formatting sizes. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"

/* The unit letters, largest first, as lvm2's suffix tables order them. */
static const char unit_chars_bin[] = "eptgmk";
static const char unit_chars_si[] = "EPTGMK";

/* Bytes in one of a unit letter (b B s S k..e K..E); 0 for others. */
static uint64_t unit_bytes(char unit)
{
	const char *p;
	uint64_t v = 1;

	if (unit == 's' || unit == 'S')
		return 512;
	if (unit == 'b' || unit == 'B')
		return 1;
	if ((p = strchr(unit_chars_bin, unit)) && unit) {
		for (long i = 6 - (p - unit_chars_bin); i > 0; i--)
			v *= 1024;
		return v;
	}
	if ((p = strchr(unit_chars_si, unit)) && unit) {
		for (long i = 6 - (p - unit_chars_si); i > 0; i--)
			v *= 1000;
		return v;
	}
	return 0;
}

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

/* lvm2's --units: one unit letter, optionally after a number ("4k": units of
 * 4 KiB, shown with the suffix "U"; "1m" and "1.5m" keep the letter). */
int parse_units_factor(const char *s, char *unit, uint64_t *factor)
{
	static const char letters[] = "hHrRbBsSkKmMgGtTpPeE";
	const char *u = s, *p;
	double num = 0;
	uint64_t whole = 1, mult;
	char *end;

	if (*s >= '0' && *s <= '9') {
		num = strtod(s, &end);
		whole = strtoull(s, NULL, 10);
		u = end;
	}
	if (!*u || u[1] || !(p = strchr(letters, *u)))
		return -EINVAL;
	mult = unit_bytes(*u);
	if (u == s || (whole == 1 && num == 1.0) || strchr("hHrR", *u)) {
		*unit = *u;
		*factor = u == s || strchr("hHrR", *u) ? 0 : mult;
		return 0;
	}
	if (num - (double)whole >= DBL_EPSILON || (double)whole - num >= DBL_EPSILON)
		mult = (uint64_t)(num * (double)mult);
	else
		mult *= whole;
	if (!mult)
		return -EINVAL;
	*factor = mult;
	*unit = whole == 1 ? *u : 'U';
	return 0;
}

int parse_units(const char *s, char *unit)
{
	uint64_t factor;
	char u;

	if (parse_units_factor(s, &u, &factor) || factor)
		return -EINVAL;
	*unit = u;
	return 0;
}

static bool is_human(char unit)
{
	return unit && strchr("hHrR", unit);
}

/*
 * The suffixes of lvm2's sizes, in reports ("m") and in display commands
 * (" MiB"): binary units (lower case), decimal ones (upper case), the
 * special units (bytes, multiples, sectors) and the blank of a zero shown
 * in human units.  Index 6 of the first two is a size under 1 KiB (1 kB)
 * shown in human units.
 */
static const char *const sfx_1024[2][7] = {
	{ "e", "p", "t", "g", "m", "k", "b" },
	{ " EiB", " PiB", " TiB", " GiB", " MiB", " KiB", " B" },
};
static const char *const sfx_1000[2][7] = {
	{ "E", "P", "T", "G", "M", "K", "B" },
	{ " EB", " PB", " TB", " GB", " MB", " kB", " B " },
};
static const char *const sfx_special[2][3] = {
	{ "B", "U", "S" },
	{ " B ", " Un", " Se" },
};
static const char *const sfx_blank[2] = { " ", "   " };

/* The suffix table and index of a unit letter that is not human. */
static const char *const *fixed_suffix(char unit, enum size_style st, int *idx)
{
	const char *p;

	if (unit && (p = strchr(unit_chars_si, unit))) {
		*idx = (int)(p - unit_chars_si);
		return sfx_1000[st];
	}
	if (unit && (p = strchr(unit_chars_bin, unit))) {
		*idx = (int)(p - unit_chars_bin);
		return sfx_1024[st];
	}
	*idx = unit == 'U' ? 1 : (unit == 's' || unit == 'S') ? 2 : 0;
	return sfx_special[st];
}

/*
 * @x * @scale rounded to an integer as printf's "%.*f" rounds (to nearest,
 * an exact half to even), done exactly in integers: @x (finite, not
 * negative) is m * 2^e with m below 2^53, and x * 100 is below 2^71.
 * *@up tells whether the rounding went up (the result exceeds x * scale).
 */
static unsigned __int128 round_scaled(double x, unsigned scale, bool *up)
{
	unsigned __int128 a, q, rem, half;
	uint64_t bits, m;
	int e;

	memcpy(&bits, &x, sizeof(bits));
	m = bits & ((1ull << 52) - 1);
	e = (int)(bits >> 52 & 0x7ff);
	if (e)
		m |= 1ull << 52;
	e = (e ? e : 1) - 1075;
	a = (unsigned __int128)m * scale;
	*up = false;
	if (e >= 0)
		return a << e;
	if (e <= -64)	/* x * scale below 2^-3: 0, rounded down */
		return 0;
	q = a >> -e;
	rem = a - (q << -e);
	half = (unsigned __int128)1 << (-e - 1);
	*up = rem > half || (rem == half && (q & 1));
	return q + *up;
}

/* lvm2's "<" test, floor(@d) != nearbyint(@d): the hundredths in @d were
 * rounded up. */
static bool rounds_up(double d)
{
	bool up;

	round_scaled(d, 1, &up);
	return up;
}

/* @v in decimal at @p: the end. */
static char *put_u128(char *p, unsigned __int128 v)
{
	char tmp[40];
	size_t n = 0;
	uint64_t lo;

	while (v > UINT64_MAX) {	/* beyond 64 bits: only with --units b near 2^64 */
		tmp[n++] = (char)('0' + (unsigned)(v % 10));
		v /= 10;
	}
	for (lo = (uint64_t)v; lo || !n; lo /= 10)
		tmp[n++] = (char)('0' + lo % 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* @a, @b and @c into @buf (@len bytes), cut short as snprintf would. */
static void put3(char *buf, size_t len, const char *a, const char *b, const char *c)
{
	const char *part[3] = { a, b, c };
	size_t k = 0;

	if (!len)
		return;
	for (int i = 0; i < 3; i++)
		for (const char *s = part[i]; *s && k + 1 < len; s++)
			buf[k++] = *s;
	buf[k] = '\0';
}

/* "%s%.*f%s" of @prefix, @x and @suffix into @buf (@len bytes), as snprintf. */
static void put_size(char *buf, size_t len, const char *prefix, int prec, double x,
		     const char *suffix)
{
	char num[48], *p;
	unsigned __int128 q;
	bool up;

	q = round_scaled(x, prec ? 100 : 1, &up);
	p = put_u128(num, prec ? q / 100 : q);
	if (prec) {
		*p++ = '.';
		*p++ = (char)('0' + (unsigned)(q % 100) / 10);
		*p++ = (char)('0' + (unsigned)(q % 10));
	}
	*p = '\0';
	put3(buf, len, prefix, num, suffix);
}

/*
 * As lvm2 shows a size: a human unit picks the largest unit the size
 * reaches (bytes below 1 KiB) and always has its suffix; r/R add "<" when
 * the two decimals were rounded up (a half rounds to even first: 0.125 is
 * 0.12, with no "<"); bytes and sectors have no decimals; zero is "0" and
 * the suffix.  The quotients are lvm2's doubles; their rounding to text is
 * done exactly in integers (round_scaled), as printf would.
 */
static void size_text(uint64_t bytes, char unit, uint64_t factor, bool suffix,
		      enum size_style st, char *buf, size_t len)
{
	const char *const *tab;
	const char *prefix = "";
	uint64_t base = unit == 'H' || unit == 'R' ? 1000 : 1024, div;
	int idx = 0, prec;

	if (!is_human(unit)) {
		tab = fixed_suffix(unit, st, &idx);
		div = factor ? factor : unit_bytes(unit == 'U' ? 'b' : unit);
	} else {
		tab = base == 1000 ? sfx_1000[st] : sfx_1024[st];
		for (div = 1, idx = 0; idx < 6; idx++)
			div *= base;
		for (idx = 0; idx < 6 && bytes < div; idx++)
			div /= base;
	}
	if (!bytes) {
		put3(buf, len, "0", !suffix ? "" : is_human(unit) ? sfx_blank[st] : tab[idx], "");
		return;
	}
	if (is_human(unit)) {
		if (idx < 6 && (unit == 'r' || unit == 'R') &&
		    rounds_up(100. * (double)bytes / (double)div))
			prefix = "<";
		suffix = true;
	}
	prec = (is_human(unit) ? idx == 6 : strchr("bBsS", unit) != NULL) ? 0 : 2;
	put_size(buf, len, prefix, prec, (double)bytes / (double)div, suffix ? tab[idx] : "");
}

/* The last size written, kept: a report writes the same few sizes over and
 * over (1000 LVs of 4.00m). */
static struct {
	uint64_t bytes, factor;
	char unit;
	bool suffix, valid;
	enum size_style st;
	char text[48];
} last_size;

void fmt_size_as(uint64_t bytes, char unit, uint64_t factor, bool suffix, enum size_style st,
		 char *buf, size_t len)
{
	size_t n;

	if (!last_size.valid || last_size.bytes != bytes || last_size.unit != unit ||
	    last_size.factor != factor || last_size.suffix != suffix || last_size.st != st) {
		size_text(bytes, unit, factor, suffix, st, last_size.text, sizeof(last_size.text));
		last_size.bytes = bytes;
		last_size.unit = unit;
		last_size.factor = factor;
		last_size.suffix = suffix;
		last_size.st = st;
		last_size.valid = true;
	}
	if (!len)
		return;
	n = strlen(last_size.text);
	if (n >= len)
		n = len - 1;
	memcpy(buf, last_size.text, n);
	buf[n] = '\0';
}

void fmt_size(uint64_t bytes, char unit, bool suffix, char *buf, size_t len)
{
	fmt_size_as(bytes, unit, 0, suffix, SIZE_UNIT, buf, len);
}

/* Without a suffix fmt_size prints digits (and a point), and "<" only comes with one. */
bool fmt_size_is_number(char unit, bool suffix)
{
	return !suffix && !is_human(unit);
}

/* The unit of display commands' sizes: r unless --units said otherwise. */
static char display_unit = 'r';
static uint64_t display_factor;

void fmt_set_display_units(char unit, uint64_t factor)
{
	display_unit = unit;
	display_factor = factor;
}

void fmt_size_long(uint64_t bytes, char *buf, size_t len)
{
	fmt_size_as(bytes, display_unit, display_factor, true, SIZE_SHORT, buf, len);
}

void fmt_size_factor(uint64_t bytes, char unit, uint64_t factor, bool suffix, char *buf,
		     size_t len)
{
	fmt_size_as(bytes, unit, factor, suffix, SIZE_UNIT, buf, len);
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
