/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvconvert for raid1, with lvm2 2.03.16's options, questions and
 * messages: -m [+|-]N and --type raid1|linear (legs added or removed, a
 * linear LV made raid1 and back), --repair (failed legs replaced) and
 * --replace PV (legs moved off a PV).  The work is the library's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lvargs.h"
#include "lvfind.h"
#include "progress.h"

enum { OPT_TYPE = OPT_FIRST_CMD, OPT_REPAIR, OPT_REPLACE, OPT_ALLOC, OPT_USEPOLICIES };

#define MAX_REPLACE 64

static const struct option lvconvert_opts[] = {
	{ "mirrors", required_argument, NULL, 'm' },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "regionsize", required_argument, NULL, 'R' },
	{ "repair", no_argument, NULL, OPT_REPAIR },
	{ "replace", required_argument, NULL, OPT_REPLACE },
	{ "alloc", required_argument, NULL, OPT_ALLOC },
	{ "stripes", required_argument, NULL, 'i' },
	{ "stripesize", required_argument, NULL, 'I' },
	WAIT_LONGOPT,
	{ NULL, 0, NULL, 0 },
};

struct lvconvert {
	struct vol_raid_params p;
	bool mirrors_given, repair;
	enum vol_size_sign sign;
	const char *type;
	const char *replace[MAX_REPLACE];
	size_t n_replace;
	const char *stripes_arg;
	bool wait;		/* --wait: until the legs are in sync */
	bool region_given;	/* -R */
	bool implied;		/* --type raid1 without -m: two legs for a linear LV */
	bool region_only;	/* -R without -m or --type */
};

static int opt_mirrors(struct lvconvert *lc, const char *arg)
{
	const char *n = arg;
	uint64_t v;

	lc->sign = *n == '+' ? VOL_SIZE_PLUS : *n == '-' ? VOL_SIZE_MINUS : VOL_SIZE_ABSOLUTE;
	n += lc->sign != VOL_SIZE_ABSOLUTE;
	if (parse_uint(n, UINT32_MAX - 1, &v)) {
		err("Invalid argument for --mirrors: %s", arg);
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	lc->p.mirrors = (uint32_t)v;
	lc->mirrors_given = true;
	return 0;
}

static int lvconvert_opt(struct cli *c, struct lvconvert *lc, int opt, const char *arg)
{
	switch (opt) {
	case 'm':
		return opt_mirrors(lc, arg);
	case OPT_TYPE:
		lc->type = arg;
		return 0;
	case 'R':
		lc->region_given = true;
		return arg_region_size(arg, &lc->p.region_size);
	case OPT_REPAIR:
		lc->repair = true;
		return 0;
	case OPT_REPLACE:
		if (lc->n_replace == MAX_REPLACE)
			return cli_usage_error(c, "Too many --replace arguments.");
		lc->replace[lc->n_replace++] = arg;
		return 0;
	case OPT_ALLOC:
		if (vol_alloc_parse(arg, &lc->p.alloc)) {
			err("Invalid argument for --alloc: %s", arg);
			err("Error during parsing of command line.");
			return EXIT_INVALID;
		}
		return 0;
	case 'i':
	case 'I':
		lc->stripes_arg = arg;
		return 0;
	case OPT_WAIT_ID:
		lc->wait = true;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

/* The raid1 legs of @lv, 1 for a linear LV, 0 for anything else. */
static uint32_t legs_of(const struct vol_lv *lv)
{
	struct vol_seg_info s;

	if (!strcmp(vol_lv_segtype(lv), "raid1") && !vol_lv_segment(lv, 0, &s))
		return s.areas;
	for (size_t i = 0; !vol_lv_segment(lv, i, &s); i++)
		if (strcmp(s.type, "linear"))
			return 0;
	return 1;
}

static bool is_active(struct vol_lv *lv)
{
	struct vol_lv_state st;

	return !vol_lv_state(lv, &st) && st.active;
}

/* -R alone on a raid4/5/6/10 LV (lvm2 made it; we do not map those): the
 * same size is refused in lvm2's words, a change is left to lvm2. */
static int other_raid_region(const struct lvconvert *lc, struct vol_lv *lv, const char *name)
{
	struct vol_seg_info s;
	char sz[64];

	if (vol_lv_segment(lv, 0, &s))
		return -EINVAL;
	if (s.region_size == lc->p.region_size) {
		fmt_size_long(s.region_size, sz, sizeof(sz));
		err("Region size is already %s on %s LV %s.", sz, s.type, name);
	} else {
		err("Changing the region size of %s LV %s is not supported by this tool.", s.type, name);
	}
	return -EINVAL;
}

/* -m N of lvm2's old-style mirror: fewer images (no question, as lvm2). */
static int convert_old_mirror(struct cli *c, struct lvconvert *lc, struct vol_lv *lv,
			      const char *name)
{
	struct vol_seg_info s;
	uint32_t n = !vol_lv_segment(lv, 0, &s) ? s.areas : 0, want;
	int r;

	if ((lc->type && strcmp(lc->type, "linear")) || lc->region_given) {
		err("Converting old-style mirror %s with --type or -R is not supported here.", name);
		return -EOPNOTSUPP;
	}
	(void)c;
	want = lc->sign == VOL_SIZE_PLUS ? n + lc->p.mirrors :
	       lc->sign == VOL_SIZE_MINUS ? (lc->p.mirrors >= n ? 0 : n - lc->p.mirrors) :
	       lc->p.mirrors + 1;
	if ((r = vol_lv_mirror_convert(lv, want, lc->p.pvs, lc->p.n_pvs)))
		return r;
	note("Logical volume %s converted.", name);
	return 0;
}

/* -m and --type: the legs wanted, lvm2's question, then the library. */
static int convert_mirrors(struct cli *c, struct lvconvert *lc, struct vol_lv *lv)
{
	uint32_t legs = legs_of(lv), want;
	bool linear = legs == 1;
	char name[512];
	int r;

	lv_display_name(lv, name, sizeof(name));
	if (!strcmp(vol_lv_segtype(lv), "mirror") && lc->mirrors_given && !lc->implied)
		return convert_old_mirror(c, lc, lv, name);
	if (lc->region_only && !legs && !strncmp(vol_lv_segtype(lv), "raid", 4) &&
	    strncmp(vol_lv_segtype(lv), "raid0", 5))
		return other_raid_region(lc, lv, name);
	if (lc->region_only && legs < 2) {
		err("Command on LV %s does not accept LV type %s.", name, vol_lv_segtype(lv));
		return -EINVAL;
	}
	want = lc->region_only || (lc->implied && legs > 1) ? legs :
	       lc->sign == VOL_SIZE_PLUS ? legs + lc->p.mirrors :
	       lc->sign == VOL_SIZE_MINUS ? (lc->p.mirrors >= legs ? 0 : legs - lc->p.mirrors) :
	       lc->p.mirrors + 1;
	if (!want) {
		err("Unable to reduce images by specified amount.");
		return -EINVAL;
	}
	if (!c->test && !is_active(lv)) {
		err("%s must be active to perform this operation.", name);
		return -EINVAL;
	}
	if (want != 1 && !(want == legs && lc->region_given) && !c->yes &&
	    !cli_ask(c, "Are you sure you want to convert %s LV %s to %s%u images %s resilience? [y/n]: ",
		     linear ? "linear" : "raid1", name, linear ? "raid1 with " : "", want,
		     want < legs ? "reducing" : "enhancing")) {
		err("Logical volume %s NOT converted.", name);
		return -ECANCELED;
	}
	if (want == 1 && legs > 1 && !c->yes &&
	    !cli_ask(c, "Are you sure you want to convert raid1 LV %s to type linear losing all "
		     "resilience? [y/n]: ", name)) {
		err("Logical volume %s NOT converted to \"linear\".", name);
		return -ECANCELED;
	}
	lc->p.mirrors = want - 1;
	if ((r = vol_lv_raid_convert(lv, &lc->p)))
		return r;
	if (!lc->region_only)
		note("Logical volume %s successfully converted.", name);
	return 0;
}

static int repair(struct cli *c, struct vol_lv *lv, const struct vol_pv_spec *pvs, size_t npv,
		  bool *declined)
{
	char name[512];
	int r;

	lv_display_name(lv, name, sizeof(name));
	if (!c->test && !is_active(lv)) {
		err("%s must be active to perform this operation.", name);
		return -EINVAL;
	}
	if (!c->yes &&
	    !cli_ask(c, "Attempt to replace failed RAID images (requires full device resync)? [y/n]: ")) {
		*declined = true;	/* nothing to wait for */
		return 0;	/* lvm2 leaves it as it is and succeeds */
	}
	if ((r = vol_lv_raid_repair(lv, pvs, npv)))
		err("Failed to replace faulty devices in %s.", name);
	else
		note("Faulty devices in %s successfully replaced.", name);
	return r;
}

/* The checks lvm2's command line makes, and the mirrors a --type implies. */
static int check_args(struct cli *c, struct lvconvert *lc)
{
	int actions = lc->repair + (lc->n_replace > 0) +
		      (lc->mirrors_given || lc->type || lc->region_given);

	if (actions != 1) {
		err("No command with matching syntax recognised.  Run 'lvconvert --help' for more information.");
		return EXIT_INVALID;
	}
	if (lc->stripes_arg)
		return cli_usage_error(c, "Stripes are not supported by this tool's raid1 conversions.");
	if (lc->type && !strcmp(lc->type, "linear")) {
		if (lc->mirrors_given && lc->p.mirrors)
			return cli_usage_error(c, "Cannot specify mirrors with linear type.");
		lc->mirrors_given = true;
		lc->sign = VOL_SIZE_ABSOLUTE;
		lc->p.mirrors = 0;
	} else if (lc->type && strcmp(lc->type, "raid1")) {
		return cli_usage_error(c, "Segment type %s is not supported by this tool.", lc->type);
	} else if (lc->type && !lc->mirrors_given) {
		lc->mirrors_given = lc->implied = true;	/* lvm2's linear to raid1 takeover: two images */
		lc->sign = VOL_SIZE_ABSOLUTE;
		lc->p.mirrors = 1;
	} else if (!lc->type && !lc->mirrors_given) {
		lc->region_only = true;		/* -R alone: a raid1 LV's region size */
	}
	return 0;
}

/* Closes the VG; then, with --wait after a change that left a raid1 LV
 * (not one back to linear), waits for its sync without the VG's lock. */
static int wait_after(struct cli *c, const struct lvconvert *lc, struct vol_vg *vg,
		      struct vol_lv *lv, int r)
{
	char vgname[256], lvname[256];
	bool raid = !strcmp(vol_lv_segtype(lv), "raid1");

	snprintf(vgname, sizeof(vgname), "%s", vol_vg_name(vg));
	snprintf(lvname, sizeof(lvname), "%s", vol_lv_name(lv));
	vol_vg_close(vg);
	if (r || !lc->wait || c->test || !raid)
		return r;
	return cli_wait_sync(c, vgname, lvname);
}

int cmd_lvconvert(struct cli *c, int argc, char **argv)
{
	struct lvconvert lc = { 0 };
	struct vol_pv_spec *pvs = NULL;
	struct vol_vg *vg = NULL;
	struct vol_lv *lv = NULL;
	size_t npv = 0;
	bool declined = false, dm_later = false;
	struct vol_dm_info dmi;
	int opt, r;

	vol_raid_params_init(&lc.p);
	while ((opt = cli_getopt(c, argc, argv, "m:R:i:I:", lvconvert_opts)) != -1)
		if ((r = lvconvert_opt(c, &lc, opt, optarg)))
			return r;
	if ((r = check_args(c, &lc)))
		return r;
	if (optind >= argc) {
		err("No command with matching syntax recognised.  Run 'lvconvert --help' for more information.");
		return EXIT_INVALID;
	}
	if (!c->test && !c->no_activation && (vol_dm_info(c->ctx, &dmi) || !dmi.have_driver)) {
		/* an old-style mirror is reduced in the metadata alone when inactive */
		dm_later = true;
	} else if (!c->test && (r = cli_need_dm(c))) {
		return r;
	}
	if ((r = pv_specs(c, argc, argv, optind + 1, &pvs, &npv)))
		return r;
	if ((r = open_lv(c, argv[optind], VOL_OPEN_WRITE | (lc.repair ? VOL_OPEN_PARTIAL : 0), &vg,
			 &lv))) {
		pv_specs_free(pvs, npv);
		return r;
	}
	lc.p.pvs = pvs;
	lc.p.n_pvs = npv;
	if (dm_later && (lc.repair || lc.n_replace || strcmp(vol_lv_segtype(lv), "mirror")) &&
	    (r = cli_need_dm(c))) {
		pv_specs_free(pvs, npv);
		vol_vg_close(vg);
		return r;
	}
	if (lc.repair)
		r = repair(c, lv, pvs, npv, &declined);
	else if (lc.n_replace)
		r = vol_lv_raid_replace(lv, lc.replace, lc.n_replace, pvs, npv);
	else
		r = convert_mirrors(c, &lc, lv);
	lc.wait &= !declined;
	r = wait_after(c, &lc, vg, lv, r);
	pv_specs_free(pvs, npv);
	return cli_exit(r);
}
