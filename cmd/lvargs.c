/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LV command arguments, with lvm2's rules and messages: sizes with their
 * signs and units, extents with percentages, LV names in every form lvm2
 * takes, and PV lists with PE ranges.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <strings.h>

#include "lvargs.h"

#define SIZE_LIMIT 18446744073709551615.0	/* 16 EiB: lvm2 refuses it and above */

/* The usage error lvm2 gives when a value does not parse. */
static int bad_arg(struct cli *c, const char *reason, const char *opt, const char *arg)
{
	(void)c;
	if (reason)
		err("%s", reason);
	err("Invalid argument for --%s: %s", opt, arg);
	err("Error during parsing of command line.");
	return EXIT_INVALID;
}

/* A leading '+' or '-' (at most one), checked against @rule. */
static int take_sign(struct cli *c, const char *opt, const char **p, enum sign_rule rule,
		     const char *arg, enum vol_size_sign *sign, bool is_size)
{
	*sign = VOL_SIZE_ABSOLUTE;
	if (**p == '+' || **p == '-') {
		*sign = **p == '+' ? VOL_SIZE_PLUS : VOL_SIZE_MINUS;
		(*p)++;
	}
	if (**p == '+' || **p == '-')
		return bad_arg(c, "Multiple sign symbols detected.", opt, arg);
	if (*sign == VOL_SIZE_MINUS && rule == SIGN_PLUS)
		return bad_arg(c, is_size ? "Size may not be negative." : "Extents may not be negative.",
			       opt, arg);
	if (*sign == VOL_SIZE_PLUS && rule == SIGN_MINUS)
		return bad_arg(c, is_size ? "Size may not be positive." : "Extents may not be positive.",
			       opt, arg);
	return 0;
}

static int unit_shift(char u)
{
	static const char units[] = "kmgtpe";
	const char *x;

	if (u == 'b')
		return 0;
	if (u == 's')
		return 9;
	x = strchr(units, u);
	return x && u ? 10 * (int)(x - units + 1) : -1;
}

int arg_size(struct cli *c, const char *opt, const char *arg, enum sign_rule rule,
	     struct vol_size *out)
{
	const char *p = arg;
	char *end;
	double v;
	int shift, r;

	if ((r = take_sign(c, opt, &p, rule, arg, &out->sign, true)))
		return r;
	if (!isdigit((unsigned char)*p) && *p != '.')
		return bad_arg(c, "Size requires number argument.", opt, arg);
	v = strtod(p, &end);
	shift = *end ? unit_shift((char)tolower((unsigned char)*end)) : 20;
	if (shift < 0 || v != v)	/* NaN */
		return bad_arg(c, "Can't parse size argument.", opt, arg);
	v *= (double)(1ull << shift);	/* shift < 64 */
	if (v >= SIZE_LIMIT)
		return bad_arg(c, "Size is too big (>=16EiB).", opt, arg);
	out->unit = VOL_SIZE_BYTES;
	out->value = (uint64_t)v;
	if (out->value % 512)
		return bad_arg(c, "Size is not a multiple of 512. Try using 512 or 1024.", opt, arg);
	if (!out->value) {
		err("--%s may not be zero.", opt);
		return cli_usage_error(c, "%s", "");
	}
	return 0;
}

/* "%VG" and its abbreviations, as lvm2 takes them. */
static int pct_unit(const char *s, enum vol_size_unit *u)
{
	static const struct {
		const char *name;
		enum vol_size_unit unit;
	} table[] = {
		{ "V", VOL_SIZE_PCT_VG }, { "VG", VOL_SIZE_PCT_VG },
		{ "F", VOL_SIZE_PCT_FREE }, { "FR", VOL_SIZE_PCT_FREE }, { "FREE", VOL_SIZE_PCT_FREE },
		{ "P", VOL_SIZE_PCT_PVS }, { "PV", VOL_SIZE_PCT_PVS }, { "PVS", VOL_SIZE_PCT_PVS },
		{ "L", VOL_SIZE_PCT_LV }, { "LV", VOL_SIZE_PCT_LV },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcasecmp(s, table[i].name)) {
			*u = table[i].unit;
			return 0;
		}
	return -EINVAL;
}

int arg_extents(struct cli *c, const char *arg, enum sign_rule rule, struct vol_size *out)
{
	const char *p = arg;
	char *end, msg[96];
	unsigned long long v;
	int r;

	if ((r = take_sign(c, "extents", &p, rule, arg, &out->sign, false)))
		return r;
	if (!isdigit((unsigned char)*p))
		return bad_arg(c, NULL, "extents", arg);
	errno = 0;
	v = strtoull(p, &end, 10);
	out->unit = VOL_SIZE_EXTENTS;
	if (*end == '%') {
		if (pct_unit(end + 1, &out->unit)) {
			snprintf(msg, sizeof(msg), "Specified %%%s is unknown.", end + 1);
			return bad_arg(c, msg, "extents", arg);
		}
		if (errno || v >= 4294967295ull)
			return bad_arg(c, "Percentage is too big (>=-1%).", "extents", arg);
	} else if (*end) {
		return bad_arg(c, NULL, "extents", arg);
	}
	/* lvm2 keeps extent counts in 32 bits and clamps larger ones. */
	out->value = errno || v > 4294967295ull ? 4294967295ull : v;
	if (!out->value) {
		err("--extents may not be zero.");
		return cli_usage_error(c, "%s", "");
	}
	return 0;
}

/* "/dev/mapper/vg-lv": split at the first single hyphen, undoubling "--". */
static int split_mapper(const char *name, char *vg, size_t vglen, char *lv, size_t lvlen)
{
	size_t k = 0;
	const char *p = name;
	char *dst = vg;
	size_t cap = vglen;

	for (; *p; p++) {
		if (*p == '-' && p[1] == '-') {
			p++;
		} else if (*p == '-' && dst == vg) {
			dst[k] = '\0';
			dst = lv;
			cap = lvlen;
			k = 0;
			continue;
		}
		if (k + 1 >= cap)
			return -EINVAL;
		dst[k++] = *p;
	}
	dst[k] = '\0';
	return dst == lv && *vg && *lv ? 0 : -EINVAL;
}

int split_lv_name(const char *arg, const char *default_vg, char *vg, size_t vglen, char *lv,
		  size_t lvlen)
{
	const char *p = arg, *slash;

	if (!strncmp(p, "/dev/mapper/", 12))
		return split_mapper(p + 12, vg, vglen, lv, lvlen);
	if (!strncmp(p, "/dev/", 5))
		p += 5;
	while (*p == '/')
		p++;
	if (!(slash = strchr(p, '/'))) {
		if (!default_vg || (size_t)snprintf(vg, vglen, "%s", default_vg) >= vglen)
			return -EINVAL;
		return (size_t)snprintf(lv, lvlen, "%s", p) >= lvlen ? -EINVAL : 0;
	}
	if ((size_t)(slash - p) >= vglen || strchr(slash + 1, '/'))
		return -EINVAL;
	memcpy(vg, p, (size_t)(slash - p));
	vg[slash - p] = '\0';
	return (size_t)snprintf(lv, lvlen, "%s", slash + 1) >= lvlen || !*lv || !*vg ? -EINVAL : 0;
}

int pv_specs(struct cli *c, int argc, char **argv, int first, struct vol_pv_spec **out, size_t *n)
{
	struct vol_pv_spec *v;

	(void)c;
	*out = NULL;
	*n = 0;
	if (first >= argc)
		return 0;
	if (!(v = calloc((size_t)(argc - first), sizeof(*v))))
		return EXIT_FAILED;
	for (int i = first; i < argc; i++) {
		const char *colon = strchr(argv[i], ':');
		size_t len = colon ? (size_t)(colon - argv[i]) : strlen(argv[i]);

		if (!(v[*n].pv = strndup(argv[i], len))) {
			pv_specs_free(v, *n);
			return EXIT_FAILED;
		}
		v[(*n)++].ranges = colon;	/* ":A-B...", as the library takes it */
	}
	*out = v;
	return 0;
}

void pv_specs_free(struct vol_pv_spec *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free((char *)(uintptr_t)v[i].pv);
	free(v);
}
