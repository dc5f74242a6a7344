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
#include <unistd.h>

#include "lvargs.h"

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

/* A leading '+' or '-'. */
static const char *take_sign(const char *p, enum vol_size_sign *sign)
{
	*sign = *p == '+' ? VOL_SIZE_PLUS : *p == '-' ? VOL_SIZE_MINUS : VOL_SIZE_ABSOLUTE;
	return *sign == VOL_SIZE_ABSOLUTE ? p : p + 1;
}

/* The sign against what the command takes, checked once the value parsed (as lvm2). */
static int check_sign(struct cli *c, const char *opt, const char *arg, enum sign_rule rule,
		      enum vol_size_sign sign, const char *what)
{
	char msg[64];

	if (sign == VOL_SIZE_MINUS && rule == SIGN_PLUS) {
		snprintf(msg, sizeof(msg), "%s may not be negative.", what);
		return bad_arg(c, msg, opt, arg);
	}
	if (sign == VOL_SIZE_PLUS && rule == SIGN_MINUS) {
		snprintf(msg, sizeof(msg), "%s may not be positive.", what);
		return bad_arg(c, msg, opt, arg);
	}
	return 0;
}

/* The unit letter after a number: its power of two, -1 if none. */
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

/*
 * As lvm2 reads a size: one sign, a number (a fraction too), one unit
 * letter (what follows it is not looked at: "4MB" is 4 MiB), kept in whole
 * 512-byte sectors (a fraction of one is dropped).
 */
int arg_size(struct cli *c, const char *opt, const char *arg, enum sign_rule rule,
	     int default_shift, struct vol_size *out)
{
	const char *p = take_sign(arg, &out->sign);
	char *end, msg[128];
	double v;
	int shift, r;

	if (*p == '+' || *p == '-')
		return bad_arg(c, "Multiple sign symbols detected.", opt, arg);
	if (!isdigit((unsigned char)*p) && *p != '.')
		return bad_arg(c, "Size requires number argument.", opt, arg);
	errno = 0;
	v = strtod(p, &end);
	if (end == p || errno) {
		snprintf(msg, sizeof(msg), "Can't parse size argument at '%c'.%s%s", *end,
			 errno ? " " : "", errno ? strerror(errno) : "");
		return bad_arg(c, msg, opt, arg);
	}
	shift = *end ? unit_shift((char)tolower((unsigned char)*end)) : default_shift;
	if (shift < 0)
		return bad_arg(c, "Can't parse size argument.", opt, arg);
	if (*end && shift == 0 && (uint64_t)v % 512) {
		uint64_t up = (uint64_t)v + 512 - (uint64_t)v % 512;

		snprintf(msg, sizeof(msg), "Size is not a multiple of 512. Try using %llu or %llu.",
			 (unsigned long long)(up - 512), (unsigned long long)up);
		return bad_arg(c, msg, opt, arg);
	}
	/* sectors (shift < 64) */
	v = shift >= 9 ? v * (double)(1ull << (shift - 9)) : v / (double)(1ull << (9 - shift));
	if (v >= 18446744073709551615.0 / 512)
		return bad_arg(c, "Size is too big (>=16EiB).", opt, arg);
	if ((r = check_sign(c, opt, arg, rule, out->sign, "Size")))
		return r;
	out->unit = VOL_SIZE_BYTES;
	out->value = (uint64_t)v * 512;
	if (!out->value) {
		err("--%s may not be zero.", opt);
		return cli_run_help(c);
	}
	return 0;
}

int arg_region_size(const char *arg, uint64_t *bytes)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t v, sectors;

	if (arg[0] == '-')
		return bad_arg(NULL, "Region size may not be negative.", "regionsize", arg);
	if (parse_size(arg[0] == '+' ? arg + 1 : arg, 'm', &v))
		return bad_arg(NULL, "Can't parse size argument.", "regionsize", arg);
	sectors = v / 512;
	if (sectors > UINT32_MAX) {
		char msg[64];

		snprintf(msg, sizeof(msg), "Region size is too big (max %u).", UINT32_MAX);
		return bad_arg(NULL, msg, "regionsize", arg);
	}
	if (!sectors)
		return bad_arg(NULL, "Region size may not be zero.", "regionsize", arg);
	if (page > 0 && sectors % ((uint64_t)page / 512)) {
		char msg[96];

		snprintf(msg, sizeof(msg),
			 "Region size must be a multiple of machine memory page size (%ld bytes).", page);
		return bad_arg(NULL, msg, "regionsize", arg);
	}
	if (sectors & (sectors - 1))
		return bad_arg(NULL, "Region size must be a power of 2.", "regionsize", arg);
	*bytes = sectors * 512;
	return 0;
}

int arg_rate(const char *opt, const char *arg, uint32_t *kib)
{
	uint64_t v;

	if (arg[0] == '-')
		return bad_arg(NULL, "Size may not be negative.", opt, arg);
	if (parse_size(arg[0] == '+' ? arg + 1 : arg, 'k', &v) || v / 1024 > UINT32_MAX)
		return bad_arg(NULL, NULL, opt, arg);
	*kib = (uint32_t)(v / 512 / 2);	/* lvm2 takes sectors and halves them */
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
		{ "O", VOL_SIZE_PCT_ORIGIN }, { "OR", VOL_SIZE_PCT_ORIGIN },
		{ "ORIGIN", VOL_SIZE_PCT_ORIGIN },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcasecmp(s, table[i].name)) {
			*u = table[i].unit;
			return 0;
		}
	return -EINVAL;
}

/* As lvm2 reads -l: one sign, digits, then nothing or a percent of something. */
int arg_extents(struct cli *c, const char *arg, enum sign_rule rule, struct vol_size *out)
{
	const char *p = take_sign(arg, &out->sign);
	char *end, msg[96];
	unsigned long long v;
	int r;

	if (!isdigit((unsigned char)*p))
		return bad_arg(c, NULL, "extents", arg);
	errno = 0;
	v = strtoull(p, &end, 10);
	if (errno)
		return bad_arg(c, NULL, "extents", arg);
	out->unit = VOL_SIZE_EXTENTS;
	if (*end == '%') {
		if (pct_unit(end + 1, &out->unit)) {
			snprintf(msg, sizeof(msg), "Specified %%%s is unknown.", end + 1);
			return bad_arg(c, msg, "extents", arg);
		}
		if (v >= 4294967295ull)
			return bad_arg(c, "Percentage is too big (>=-1%).", "extents", arg);
	} else if (*end) {
		return bad_arg(c, NULL, "extents", arg);
	}
	if ((r = check_sign(c, "extents", arg, rule, out->sign, "Extents")))
		return r;
	/* lvm2 keeps extent counts in 32 bits and clamps larger ones. */
	out->value = v > 4294967295ull ? 4294967295ull : v;
	if (!out->value) {
		err("--extents may not be zero.");
		return cli_run_help(c);
	}
	return 0;
}

int arg_alloc(struct cli *c, const char *arg, enum vol_alloc *out)
{
	if (vol_alloc_parse(arg, out)) {
		err("Unrecognised allocation policy %s", arg);
		return bad_arg(c, NULL, "alloc", arg);
	}
	return 0;
}

bool valid_tag(const char *tag)
{
	if (*tag == '@')
		tag++;
	if (!*tag)
		return false;
	for (; *tag; tag++)
		if (!isalnum((unsigned char)*tag) && !strchr("._-+/=!:&#", *tag))
			return false;
	return true;
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

int arg_readahead(struct cli *c, const char *arg, bool *autom, uint32_t *sectors)
{
	uint64_t bytes;

	*autom = !strcmp(arg, "auto");
	*sectors = 0;
	if (*autom || !strcmp(arg, "none"))
		return 0;
	if (arg[0] == '-' || parse_size(arg, 's', &bytes) || bytes / 512 > UINT32_MAX - 1)
		return cli_usage_error(c, "Invalid argument for --readahead: %s", arg);
	*sectors = (uint32_t)(bytes / 512);
	return 0;
}
