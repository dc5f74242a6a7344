/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvextend, lvreduce, lvresize: one command with lvm2's three sign rules.
 * With -r the filesystem follows (fsresize.c): grown after the LV grows,
 * shrunk (after a check) before the LV shrinks.  Without -r, shrinking an
 * active LV asks first, as lvm2 does, and so does shrinking an inactive
 * LV that holds a filesystem (lvm2 2.03.16 does not look).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fsresize.h"
#include "lvargs.h"
#include "lvfind.h"

enum { OPT_ALLOC = OPT_FIRST_CMD, OPT_NOFSCK, OPT_TYPE };

/* Every form takes a size and the filesystem options. */
#define SIZE_OPTS \
	{ "size", required_argument, NULL, 'L' }, \
	{ "extents", required_argument, NULL, 'l' }, \
	{ "resizefs", no_argument, NULL, 'r' }, \
	{ "nofsck", no_argument, NULL, 'n' }
/* lvresize and lvextend place new extents; lvreduce does not, as in lvm2. */
#define PLACE_OPTS \
	{ "stripes", required_argument, NULL, 'i' }, \
	{ "stripesize", required_argument, NULL, 'I' }, \
	{ "alloc", required_argument, NULL, OPT_ALLOC }, \
	{ "type", required_argument, NULL, OPT_TYPE }

static const struct option lvresize_opts[] = {
	SIZE_OPTS, PLACE_OPTS,
	{ NULL, 0, NULL, 0 },
};
/* lvextend: -m too (the LV's own count), as in lvm2 */
static const struct option lvextend_opts[] = {
	SIZE_OPTS, PLACE_OPTS,
	{ "mirrors", required_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 },
};
static const struct option lvreduce_opts[] = {
	SIZE_OPTS,
	{ NULL, 0, NULL, 0 },
};

struct resize {
	struct vol_resize_params p;
	enum sign_rule rule;
	bool have_size, have_extents, resizefs, nofsck, alloc_given;
	const char *type;	/* --type: must be the LV's own, as lvm2 checks it */
	int64_t mirrors;	/* -m: must be the LV's own count; -1 when not given */
};

static int resize_opt(struct cli *c, struct resize *rs, int opt, const char *arg)
{
	struct vol_size s;
	uint64_t v;
	int r;

	switch (opt) {
	case 'L':
		if ((r = arg_size(c, "size", arg, rs->rule, 20, &s)))
			return r;
		rs->p.size = s;
		rs->have_size = true;
		return 0;
	case 'l':
		if ((r = arg_extents(c, arg, rs->rule, &s)))
			return r;
		rs->p.size = s;
		rs->have_extents = true;
		return 0;
	case 'i':
		if (parse_uint(arg, UINT32_MAX, &v)) {
			err("Invalid argument for --stripes: %s", arg);
			err("Error during parsing of command line.");
			return EXIT_INVALID;
		}
		if (!v) {
			err("--stripes may not be zero.");
			return cli_run_help(c);
		}
		rs->p.stripes = (uint32_t)v;
		return 0;
	case 'I':
		if ((r = arg_size(c, "stripesize", arg, SIGN_PLUS, 10, &s)))
			return r;
		rs->p.stripe_size = s.value;
		return 0;
	case OPT_ALLOC:
		rs->alloc_given = true;
		return arg_alloc(c, arg, &rs->p.alloc);
	case 'r':
		rs->resizefs = true;
		return 0;
	case 'n':
	case OPT_NOFSCK:
		rs->nofsck = true;
		return 0;
	case OPT_TYPE:
		rs->type = arg;
		return 0;
	case 'm':
		if (parse_uint(arg, UINT32_MAX, &v)) {
			err("Invalid argument for --mirrors: %s", arg);
			err("Error during parsing of command line.");
			return EXIT_INVALID;
		}
		rs->mirrors = (int64_t)v;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

/* -L SIZE applies to the LV's size in KiB for filesystem tools. */
static uint64_t kib_of(const struct vol_lv *lv, uint64_t extents)
{
	return extents * vol_vg_extent_size(vol_lv_vg(lv)) / 1024;
}

/* Without -r, shrinking an LV that is active or holds a filesystem asks first. */
static int confirm_shrink(struct cli *c, struct vol_lv *lv, uint64_t target)
{
	struct vol_lv_state st = { 0 };
	char name[512], fs[32] = "", size[64];
	bool active = !vol_lv_state(lv, &st) && st.active;

	if (c->test)
		return 0;
	vol_lv_filesystem(lv, fs, sizeof(fs));
	if (!active && !*fs)
		return 0;
	lv_display_name(lv, name, sizeof(name));
	fmt_size_long(target * vol_vg_extent_size(vol_lv_vg(lv)), size, sizeof(size));
	if (active)
		err("WARNING: Reducing active%s logical volume to %s.", st.open_count > 0 ? " and open" : "",
		    size);
	else
		err("WARNING: Reducing logical volume %s, which holds a %s filesystem, to %s.", name, fs,
		    size);
	err("THIS MAY DESTROY YOUR DATA (filesystem etc.)");
	if (c->force || c->yes || cli_ask(c, "Do you really want to reduce %s? [y/n]: ", name))
		return 0;
	err("Logical volume %s NOT reduced.", name);
	return -ECANCELED;
}

/* --type and -m name what the LV is already (lvm2 changes neither here). */
static int check_kind(const struct resize *rs, struct vol_lv *lv)
{
	size_t n = vol_lv_segment_count(lv);
	struct vol_seg_info s = { 0 };
	bool striped, raid1;

	if ((!rs->type && rs->mirrors < 0) || !n || vol_lv_segment(lv, n - 1, &s))
		return 0;
	striped = !strcmp(s.type, "linear") || !strcmp(s.type, "striped");
	raid1 = !strcmp(s.type, "raid1");
	if (rs->type && strcmp(rs->type, s.type) && !(striped && !strcmp(rs->type, "striped"))) {
		err("VolumeType does not match (%s).", rs->type);
		return -EINVAL;
	}
	if (rs->mirrors >= 0 && rs->mirrors != (raid1 ? (int64_t)s.areas - 1 : 0)) {
		err("Cannot vary number of mirrors in LV yet.");
		return -EINVAL;
	}
	return 0;
}

static int do_resize(struct cli *c, struct resize *rs, struct vol_vg *vg, struct vol_lv *lv)
{
	uint64_t cur = vol_lv_extent_count(lv), target;
	char name[512];
	int r;

	lv_display_name(lv, name, sizeof(name));
	if (rs->resizefs)	/* lvm2: the filesystem is resized to the LV even so */
		rs->p.flags |= VOL_RESIZE_SAME_OK;
	if ((r = check_kind(rs, lv)) || (r = vol_lv_resize_target(lv, &rs->p, &target)))
		return r;
	if (rs->resizefs && (r = fs_check_resize(c, lv, target < cur, rs->nofsck)))
		return r;
	if (target < cur && !rs->resizefs && (r = confirm_shrink(c, lv, target)))
		return r;
	if (target < cur && rs->resizefs && (r = fs_resize(c, lv, kib_of(lv, target))))
		return r;
	rs->p.flags |= VOL_RESIZE_PLANNED;
	if ((r = vol_lv_resize(lv, &rs->p)))
		return r;
	/* A percent that found no room leaves the LV as it was: lvm2 says so, writes nothing */
	if (vol_lv_extent_count(lv) != cur && (r = vol_vg_commit(vg)))
		return r;
	note("Logical volume %s successfully resized.", name);
	if (target >= cur && rs->resizefs)
		r = fs_resize(c, lv, kib_of(lv, vol_lv_extent_count(lv)));
	return r;
}

static int lvresize_cmd(struct cli *c, int argc, char **argv, enum sign_rule rule, unsigned flags)
{
	struct resize rs = { .rule = rule, .mirrors = -1 };
	struct vol_pv_spec *pvs = NULL;
	struct vol_vg *vg = NULL;
	struct vol_lv *lv = NULL;
	size_t npv = 0;
	int opt, r;

	vol_resize_params_init(&rs.p);
	rs.p.flags = flags;
	while ((opt = cli_getopt(c, argc, argv,
				 rule == SIGN_MINUS  ? "L:l:rn" : rule == SIGN_PLUS ? "L:l:i:I:m:rn" : "L:l:i:I:rn",
				 rule == SIGN_MINUS  ? lvreduce_opts
				 : rule == SIGN_PLUS ? lvextend_opts : lvresize_opts)) != -1)
		if ((r = resize_opt(c, &rs, opt, optarg)))
			return r;
	if (rs.have_size && rs.have_extents)
		return cli_usage_error(c, "Please specify either size or extents but not both.");
	if (optind >= argc || (!rs.have_size && !rs.have_extents && (rule != SIGN_PLUS ||
								      optind + 1 >= argc))) {
		err("No command with matching syntax recognised.  Run '%s --help' for more information.",
		    c->cmd);
		return EXIT_INVALID;
	}
	if (!rs.have_size && !rs.have_extents)	/* lvextend LV PV...: all their free space */
		rs.p.size = (struct vol_size){ VOL_SIZE_PCT_PVS, VOL_SIZE_PLUS, 100 };
	if (rule == SIGN_MINUS && optind + 1 < argc) {
		err("Command does not accept argument: %s.", argv[optind + 1]);
		return EXIT_INVALID;
	}
	if ((r = pv_specs(c, argc, argv, optind + 1, &pvs, &npv)))
		return r;
	rs.p.pvs = pvs;
	rs.p.n_pvs = npv;
	if (!(r = open_lv(c, argv[optind], VOL_OPEN_WRITE | OPEN_LV_RESIZE, &vg, &lv))) {
		/* lvm2: --alloc inherit is the VG's policy, past the LV's own */
		if (rs.alloc_given && rs.p.alloc == VOL_ALLOC_INHERIT)
			rs.p.alloc = vol_vg_alloc(vg);
		r = cli_exit(do_resize(c, &rs, vg, lv));
	}
	vol_vg_close(vg);
	pv_specs_free(pvs, npv);
	return r;
}

int cmd_lvextend(struct cli *c, int argc, char **argv)
{
	return lvresize_cmd(c, argc, argv, SIGN_PLUS, VOL_RESIZE_GROW);
}

int cmd_lvreduce(struct cli *c, int argc, char **argv)
{
	return lvresize_cmd(c, argc, argv, SIGN_MINUS, VOL_RESIZE_SHRINK);
}

int cmd_lvresize(struct cli *c, int argc, char **argv)
{
	return lvresize_cmd(c, argc, argv, SIGN_ANY, 0);
}
