/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvcreate: options and arguments as lvm2 takes them; the work is the library's. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lvargs.h"
#include "progress.h"
#include "units.h"

enum {
	OPT_ADDTAG = OPT_FIRST_CMD, OPT_ALLOC, OPT_TYPE, OPT_NOSYNC, OPT_MINRATE, OPT_MAXRATE, OPT_MINOR,
	OPT_ACTMODE,
};

static const struct option lvcreate_opts[] = {
	{ "size", required_argument, NULL, 'L' },
	{ "extents", required_argument, NULL, 'l' },
	{ "name", required_argument, NULL, 'n' },
	{ "stripes", required_argument, NULL, 'i' },
	{ "stripesize", required_argument, NULL, 'I' },
	{ "alloc", required_argument, NULL, OPT_ALLOC },
	{ "contiguous", required_argument, NULL, 'C' },
	{ "activate", required_argument, NULL, 'a' },
	{ "zero", required_argument, NULL, 'Z' },
	{ "readahead", required_argument, NULL, 'r' },
	{ "persistent", required_argument, NULL, 'M' },
	{ "major", required_argument, NULL, 'j' },
	{ "minor", required_argument, NULL, OPT_MINOR },
	{ "wipesignatures", required_argument, NULL, 'W' },
	{ "addtag", required_argument, NULL, OPT_ADDTAG },
	{ "permission", required_argument, NULL, 'p' },
	{ "setactivationskip", required_argument, NULL, 'k' },
	{ "type", required_argument, NULL, OPT_TYPE },
	{ "activationmode", required_argument, NULL, OPT_ACTMODE },
	{ "ignoreactivationskip", no_argument, NULL, 'K' },
	{ "mirrors", required_argument, NULL, 'm' },
	{ "regionsize", required_argument, NULL, 'R' },
	{ "nosync", no_argument, NULL, OPT_NOSYNC },
	{ "minrecoveryrate", required_argument, NULL, OPT_MINRATE },
	{ "maxrecoveryrate", required_argument, NULL, OPT_MAXRATE },
	WAIT_LONGOPT,
	MONITOR_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

struct lvcreate {
	struct vol_lv_params p;
	struct cli_tags tags;
	bool have_size, have_extents;
	bool activate, zero, wipe, zero_given, wipe_given;
	bool ignore_skip;		/* -K: activate even with -k y */
	enum vol_activation_mode mode;
	const char *name_arg;
	const char *type;
	const char *stripesize_arg;	/* -I as typed, for lvm2's messages */
	bool contiguous_given, stripes_given, alloc_given;
	/* raid1: the arguments as given, for lvm2's messages */
	const char *mirrors_arg, *region_arg, *minrate_arg, *maxrate_arg;
	bool mirrors_given;
	bool wait;			/* --wait: until the new raid1 LV is in sync */
	bool readahead_given, readahead_auto;	/* -r */
	int persistent;			/* -M: -1 not given, 0 n, 1 y */
	int64_t major, minor;		/* --major, --minor: -1 not given */
	uint32_t readahead;		/* -r SIZE, sectors (0: none) */
};

static int opt_yn(struct cli *c, const char *opt, const char *arg, bool *out, bool *given)
{
	if (parse_yn(arg, out)) {
		err("Invalid argument for --%s: %s", opt, arg);
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	if (given)
		*given = true;
	(void)c;
	return 0;
}

static int opt_activate(const char *arg, bool *on)
{
	static const char *const yes[] = { "y", "ey", "ye", "e", "sy", "ys", "s", "ay", "a", "ya",
					    "ly", "yl" };
	static const char *const no[] = { "n", "ln", "nl", "en", "ne" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcmp(arg, yes[i]))
			return *on = true, 0;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcmp(arg, no[i]))
			return *on = false, 0;
	err("Invalid argument for --activate: %s", arg);
	err("Error during parsing of command line.");
	return EXIT_INVALID;
}

static int opt_stripes(const char *arg, uint32_t *out)
{
	uint64_t v;

	if (parse_uint(arg, UINT32_MAX, &v)) {
		err("Invalid argument for --stripes: %s", arg);
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	*out = (uint32_t)v;
	return 0;
}

/* -i and -I as lvm2 checks them before it reads the VG (exit 3). */
static int check_stripes(struct cli *c, struct lvcreate *lc)
{
	char a[64];

	if (lc->stripes_given && !lc->p.stripes) {
		err("--stripes may not be zero.");
		return cli_run_help(c);
	}
	if (lc->p.stripes > 128)
		return cli_usage_error(c, "Number of stripes (%u) must be between 1 and 128.",
				       lc->p.stripes);
	if (lc->p.stripes <= 1) {
		if (lc->p.stripe_size)
			note("Ignoring stripesize argument with single stripe.");
		lc->p.stripe_size = 0;
		return 0;
	}
	if (!lc->p.stripe_size) {
		lc->p.stripe_size = 64 * 1024;
		fmt_size_long(lc->p.stripe_size, a, sizeof(a));
		note("Using default stripesize %s.", a);
	}
	fmt_size_long(lc->p.stripe_size, a, sizeof(a));
	if (lc->p.stripe_size > 512ull << 30)
		return cli_usage_error(c, "Stripe size cannot be larger than 512.00 GiB.");
	if (lc->p.stripe_size < 4096 || (lc->p.stripe_size & (lc->p.stripe_size - 1)))
		return cli_usage_error(c, "Invalid stripe size %s.", a);
	return 0;
}

static int opt_mirrors(struct lvcreate *lc, const char *arg)
{
	uint64_t v;

	if (arg[0] == '-') {
		err("Number may not be negative.");
		err("Invalid argument for --mirrors: %s", arg);
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	if (parse_uint(arg[0] == '+' ? arg + 1 : arg, UINT32_MAX - 1, &v)) {
		err("Invalid argument for --mirrors: %s", arg);
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	lc->p.mirrors = (uint32_t)v;
	lc->mirrors_arg = arg;
	lc->mirrors_given = true;
	return 0;
}

/* The raid1 options (and --wait): 0 or an exit code. */
static int lvcreate_raid_opt(struct lvcreate *lc, int opt, const char *arg)
{
	switch (opt) {
	case 'm':
		return opt_mirrors(lc, arg);
	case 'R':
		lc->region_arg = arg;
		return arg_region_size(arg, &lc->p.region_size);
	case OPT_NOSYNC:
		lc->p.nosync = true;
		return 0;
	case OPT_MINRATE:
		lc->minrate_arg = arg;
		return arg_rate("minrecoveryrate", arg, &lc->p.min_recovery_rate);
	case OPT_MAXRATE:
		lc->maxrate_arg = arg;
		return arg_rate("maxrecoveryrate", arg, &lc->p.max_recovery_rate);
	case OPT_WAIT_ID:
		lc->wait = true;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

static int lvcreate_opt(struct cli *c, struct lvcreate *lc, int opt, const char *arg)
{
	struct vol_size s;
	bool ro = false, monitor;
	int r;

	switch (opt) {
	case 'L':
		if ((r = arg_size(c, "size", arg, SIGN_PLUS, 20, &s)))
			return r;
		lc->p.size = s;
		lc->p.size.sign = VOL_SIZE_ABSOLUTE;	/* lvcreate ignores a '+' */
		lc->have_size = true;
		return 0;
	case 'l':
		if ((r = arg_extents(c, arg, SIGN_PLUS, &s)))
			return r;
		lc->p.size = s;
		lc->p.size.sign = VOL_SIZE_ABSOLUTE;
		lc->have_extents = true;
		return 0;
	case 'n':
		lc->name_arg = arg;
		return 0;
	case 'i':
		lc->stripes_given = true;
		return opt_stripes(arg, &lc->p.stripes);
	case 'I':
		lc->stripesize_arg = arg;
		if ((r = arg_size(c, "stripesize", arg, SIGN_PLUS, 10, &s)) == 0)
			lc->p.stripe_size = s.value;
		return r;
	case OPT_ALLOC:
		lc->alloc_given = true;
		return arg_alloc(c, arg, &lc->p.alloc);
	case 'C':
		if ((r = opt_yn(c, "contiguous", arg, &ro, NULL)))
			return r;
		lc->contiguous_given = ro;
		return 0;
	case 'a':
		return opt_activate(arg, &lc->activate);
	case 'Z':
		return opt_yn(c, "zero", arg, &lc->zero, &lc->zero_given);
	case 'M': {
		bool yn;

		if ((r = opt_yn(c, "persistent", arg, &yn, NULL)))
			return r;
		lc->persistent = yn;
		return 0;
	}
	case 'j':
	case OPT_MINOR: {
		uint64_t v;

		if (parse_uint(arg, INT32_MAX, &v))
			return cli_usage_error(c, "Invalid argument for --%s: %s",
					       opt == 'j' ? "major" : "minor", arg);
		*(opt == 'j' ? &lc->major : &lc->minor) = (int64_t)v;
		return 0;
	}
	case 'r':
		lc->readahead_given = true;
		return arg_readahead(c, arg, &lc->readahead_auto, &lc->readahead);
	case 'W':
		return opt_yn(c, "wipesignatures", arg, &lc->wipe, &lc->wipe_given);
	case 'k':
		return opt_yn(c, "setactivationskip", arg, &lc->p.activation_skip, NULL);
	case OPT_ADDTAG:
		return cli_tag_arg(c, &lc->tags, "addtag", arg);
	case 'p':
		if (strcmp(arg, "r") && strcmp(arg, "rw") && strcmp(arg, "wr")) {
			err("Invalid argument for --permission: %s", arg);
			err("Error during parsing of command line.");
			return EXIT_INVALID;
		}
		lc->p.read_only = !strcmp(arg, "r");
		return 0;
	case OPT_TYPE:
		lc->type = arg;
		return 0;
	case OPT_ACTMODE:
		if (cli_activation_mode(arg, &lc->mode))
			return cli_usage_error(c, "Invalid argument for --activationmode: %s", arg);
		return 0;
	case 'K':
		lc->ignore_skip = true;
		return 0;
	default:
		if ((r = cli_monitor_opt(c, opt, arg, &monitor)) != 1)
			return r;
		return lvcreate_raid_opt(lc, opt, arg);
	}
}

/* The VG from the positional argument, -n vg/lv, or $LVM_VG_NAME; the LV name into @lv. */
static int vg_and_name(struct cli *c, struct lvcreate *lc, const char *pos, char *vg, size_t vglen,
		       char *lv, size_t lvlen)
{
	char nvg[256] = "";

	*lv = '\0';
	if (pos) {
		if (!strncmp(pos, "/dev/", 5))
			pos += 5;
		if (strchr(pos, '/') || !*pos)
			return cli_usage_error(c, "Volume group name expected (no slash)");
		snprintf(vg, vglen, "%s", pos);
	} else if (getenv("LVM_VG_NAME")) {
		snprintf(vg, vglen, "%s", getenv("LVM_VG_NAME"));
	} else {
		*vg = '\0';
	}
	if (lc->name_arg && strchr(lc->name_arg, '/')) {
		if (split_lv_name(lc->name_arg, NULL, nvg, sizeof(nvg), lv, lvlen) ||
		    (*vg && strcmp(vg, nvg)))
			return cli_usage_error(c, "Inconsistent volume group names given: \"%s\" and \"%s\"",
					       nvg, vg);
		snprintf(vg, vglen, "%s", nvg);
	} else if (lc->name_arg) {
		snprintf(lv, lvlen, "%s", lc->name_arg);
	}
	if (!*vg) {
		err("No command with matching syntax recognised.  Run 'lvcreate --help' for more information.");
		return EXIT_INVALID;
	}
	return 0;
}

static int check_lv_name(struct cli *c, const char *name)
{
	const char *why;

	if (vol_name_check(name, &why))
		return cli_usage_error(c, "Logical volume name \"%s\" is invalid.", name);
	if ((why = vol_lv_name_reserved(name)))
		return cli_usage_error(c, "Names %s \"%s\" are reserved. Please choose a different LV name.",
				       why[0] == '_' ? "including" : "starting", why);
	return 0;
}

/* Options that only raid takes, on another type: lvm2's words for each. */
static int raid_only_opts(struct cli *c, const struct lvcreate *lc)
{
	if (lc->region_arg) {
		err("Command does not accept option: --regionsize %s.", lc->region_arg);
		return EXIT_INVALID;
	}
	if (lc->minrate_arg || lc->maxrate_arg) {
		err("Command does not accept option: --%s %s.",
		    lc->minrate_arg ? "minrecoveryrate" : "maxrecoveryrate",
		    lc->minrate_arg ? lc->minrate_arg : lc->maxrate_arg);
		return EXIT_INVALID;
	}
	if (lc->p.nosync)
		return cli_usage_error(c, "--nosync is supported only with mirrors or raids.");
	return 0;
}

/* The segment type -m and --type ask for, and lvm2's checks of the raid options. */
static int check_raid_args(struct cli *c, struct lvcreate *lc)
{
	bool raid1 = lc->type && !strcmp(lc->type, "raid1");

	if (!lc->type && lc->mirrors_given && lc->p.mirrors) {
		if (lc->p.stripes > 1)
			return cli_usage_error(c, "Segment type raid10 is not supported by this tool.");
		lc->type = "raid1";	/* lvm2's global/mirror_segtype_default */
		raid1 = true;
	}
	if (!raid1) {
		if (lc->mirrors_given && !lc->p.mirrors && (!lc->type || strcmp(lc->type, "mirror")))
			note("Redundant mirrors argument: default is 0");
		return lc->type && !strcmp(lc->type, "mirror") ? 0 : raid_only_opts(c, lc);
	}
	if (!lc->mirrors_given)
		lc->p.mirrors = 1;
	if (!lc->p.mirrors)
		return cli_usage_error(c, "--mirrors must be at least 1 with segment type raid1.");
	if (lc->p.mirrors >= VOL_RAID_MAX_LEGS)
		return cli_usage_error(c, "Only up to %u mirrors in raid1 supported currently.",
				       VOL_RAID_MAX_LEGS);
	if (lc->p.stripes > 1)
		return cli_usage_error(c, "Stripes argument cannot be used with segment type, raid1");
	if (lc->p.stripe_size) {
		note("Ignoring stripesize argument for raid1 devices.");
		lc->p.stripe_size = 0;
	}
	if (lc->p.min_recovery_rate > lc->p.max_recovery_rate)
		return cli_usage_error(c, "Minimum recovery rate cannot be higher than maximum.");
	return 0;
}

static int check_args(struct cli *c, struct lvcreate *lc)
{
	int r;

	if (lc->have_size && lc->have_extents)
		return cli_usage_error(c, "Please specify either size or extents (not both).");
	if (!lc->have_size && !lc->have_extents) {
		err("No command with matching syntax recognised.  Run 'lvcreate --help' for more information.");
		return EXIT_INVALID;
	}
	if (lc->contiguous_given) {
		if (lc->alloc_given && lc->p.alloc != VOL_ALLOC_CONTIGUOUS)
			return cli_usage_error(c, "Conflicting contiguous and alloc arguments.");
		lc->p.alloc = VOL_ALLOC_CONTIGUOUS;
	}
	if ((r = check_raid_args(c, lc)))
		return r;
	if (lc->type && strcmp(lc->type, "linear") && strcmp(lc->type, "striped") &&
	    strcmp(lc->type, "raid1"))
		return cli_usage_error(c, "Segment type %s is not supported by this tool.", lc->type);
	if (lc->type && !strcmp(lc->type, "linear") && lc->p.stripes > 1) {
		err("Command does not accept option: --stripes %u.", lc->p.stripes);
		if (lc->stripesize_arg)
			err("Command does not accept option: --stripesize %s.", lc->stripesize_arg);
		return EXIT_INVALID;
	}
	if (lc->p.stripes == 0 && lc->p.stripe_size == 0 && lc->type && !strcmp(lc->type, "striped"))
		lc->p.stripes = 1;
	if (lc->stripesize_arg && !lc->stripes_given && !(lc->type && !strcmp(lc->type, "striped"))) {
		err("Command does not accept option: --stripesize %s.", lc->stripesize_arg);
		return EXIT_INVALID;
	}
	return check_stripes(c, lc);
}

/* lvm2 zeroes (and wipes) only an LV it activates read-write. */
static int check_zero(struct cli *c, struct lvcreate *lc)
{
	bool can = lc->activate && !lc->p.read_only;

	if (!lc->wipe_given)
		lc->wipe = lc->zero_given ? lc->zero : true;
	if (!lc->zero_given)
		lc->zero = true;
	if (!can && ((lc->zero_given && lc->zero) || (lc->wipe_given && lc->wipe))) {
		err("Cannot zero %s%slogical volume with option -Zy or -Wy.",
		    lc->p.read_only ? "read-only " : "", lc->activate ? "" : "inactive ");
		return EXIT_FAILED;
	}
	if (!can)
		lc->zero = lc->wipe = false;
	(void)c;
	return 0;
}

/* -r: the new LV's read-ahead, in the metadata its activation reads. */
static int set_readahead(struct vol_lv *lv, const struct lvcreate *lc)
{
	int r;

	if (!lc->readahead_given)
		return 0;
	r = vol_lv_set_read_ahead(lv, lc->readahead_auto, lc->readahead);
	return r == -EALREADY ? 0 : r;
}

/* -M, --major, --minor, checked as lvm2 checks them once the VG is read
 * (exit 5): a fixed minor for the new LV; a major alone is only warned of. */
static int set_persistent(struct vol_lv *lv, const struct lvcreate *lc)
{
	if (lc->persistent == 0 && (lc->major >= 0 || lc->minor >= 0)) {
		err("Options --major and --minor are incompatible with -Mn.");
		return -EINVAL;
	}
	if (lc->persistent == 1 && lc->minor < 0) {
		err("Please specify minor number with --minor when using -My.");
		return -EINVAL;
	}
	if (lc->minor >= 0)
		return vol_lv_set_persistent(lv, (int32_t)lc->major, (int32_t)lc->minor);
	if (lc->major >= 0)
		err("WARNING: Ignoring supplied major number %lld - kernel assigns major numbers "
		    "dynamically. Using major number %d instead.", (long long)lc->major,
		    vol_dm_major());
	return 0;
}

/* Activates, wipes and zeroes the new LV; on failure it is removed again. */
static int bring_up(struct cli *c, struct vol_vg *vg, struct vol_lv *lv, struct lvcreate *lc)
{
	unsigned wipe = (lc->wipe ? VOL_WIPE_SIGNATURES : 0) | (lc->zero ? VOL_WIPE_ZERO_START : 0);
	int r = vol_lv_activate(lv, lc->mode);

	if (!r && wipe && (r = vol_lv_wipe(lv, wipe)))
		err("Aborting. Failed to wipe start of new LV.");
	if (!r)
		return 0;
	vol_lv_deactivate(lv);
	if (!vol_lv_remove(lv))
		vol_vg_commit(vg);
	(void)c;
	return r;
}

int cmd_lvcreate(struct cli *c, int argc, char **argv)
{
	struct lvcreate lc = { .activate = true, .mode = VOL_ACTIVATE_DEGRADED,
			      .persistent = -1, .major = -1, .minor = -1 };
	char vgname[256], lvname[256];
	struct vol_pv_spec *pvs = NULL;
	struct vol_vg *vg = NULL;
	struct vol_lv *lv = NULL;
	size_t npv = 0;
	int opt, r;

	vol_lv_params_init(&lc.p);
	while ((opt = cli_getopt(c, argc, argv, "L:l:n:i:I:C:a:Z:W:p:k:Km:R:r:M:j:", lvcreate_opts)) != -1)
		if ((r = lvcreate_opt(c, &lc, opt, optarg)))
			return r;
	lc.p.tags = lc.tags.v;
	lc.p.n_tags = lc.tags.n;
	if (c->no_activation)
		lc.activate = false;	/* global/activation = 0: created inactive, as lvm2 */
	if (lc.p.activation_skip && !lc.ignore_skip)
		lc.activate = false;	/* -k y: lvm2 leaves it inactive unless -K */
	if ((r = check_args(c, &lc)) ||
	    (r = vg_and_name(c, &lc, optind < argc ? argv[optind] : NULL, vgname, sizeof(vgname),
			     lvname, sizeof(lvname))) ||
	    ((*lvname || lc.name_arg) && (r = check_lv_name(c, lvname))) ||
	    (r = check_zero(c, &lc)))
		return r;
	if (lc.activate && !c->test && (r = cli_need_dm(c)))
		return r;
	if (lc.wait && !lc.p.mirrors)
		return cli_usage_error(c, "--wait is supported only with segment type raid1.");
	if (lc.wait && !lc.activate)
		return cli_usage_error(c, "--wait needs the new LV active: it waits for its sync.");
	lc.p.name = *lvname ? lvname : NULL;
	if ((r = pv_specs(c, argc, argv, optind + 1, &pvs, &npv)))
		return r;
	lc.p.pvs = pvs;
	lc.p.n_pvs = npv;
	r = vol_vg_open(c->ctx, vgname, VOL_OPEN_WRITE, &vg);
	if (!r && lc.p.mirrors && c->no_activation) {
		/* lvm2 zeroes the rmeta through device-mapper; we could, but say what it says */
		err("Can't create raid1 without using device-mapper kernel driver.");
		r = -ENODEV;
	}
	if (!r && !(r = vol_vg_create_lv(vg, &lc.p, &lv)) && !(r = set_readahead(lv, &lc)) &&
	    !(r = set_persistent(lv, &lc)) &&
	    !(r = vol_vg_commit(vg)) && !c->test && lc.activate)
		r = bring_up(c, vg, lv, &lc);
	if (!r) {
		if (!lc.zero && !c->test)
			err("WARNING: Logical volume %s/%s not zeroed.", vgname, vol_lv_name(lv));
		note("Logical volume \"%s\" created.", vol_lv_name(lv));
	} else if (r == -ENOENT && !vg) {
		err("Cannot process volume group %s", vgname);
	}
	if (!r && lc.wait && !c->test)
		snprintf(lvname, sizeof(lvname), "%s", vol_lv_name(lv));
	vol_vg_close(vg);	/* the wait holds no lock */
	pv_specs_free(pvs, npv);
	cli_tags_free(&lc.tags);
	if (!r && lc.wait && !c->test)
		r = cli_wait_sync(c, vgname, lvname);
	return cli_exit(r);
}
