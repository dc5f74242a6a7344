/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgcreate, vgextend, vgreduce, vgremove, vgrename, vgchange. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "units.h"

enum {
	OPT_ADDTAG = OPT_FIRST_CMD, OPT_DELTAG, OPT_ALLOC, OPT_VGMDCOPIES, OPT_REMOVEMISSING,
	OPT_MIRRORSONLY, OPT_ACTMODE, OPT_REFRESH, OPT_RESTOREMISSING, OPT_SYSINIT, OPT_IGNORELOCKING,
};

/* Extent sizes: a number of MiB by default.  Like lvm2, zero and sizes of
 * 2 TiB or more are command-line errors; the finer rules are the library's. */
static int parse_extent(struct cli *c, const char *arg, uint64_t *es)
{
	if (parse_size(arg, 'm', es))
		return cli_usage_error(c, "Invalid argument for --physicalextentsize: %s", arg);
	if (!*es)
		return cli_usage_error(c, "Physical extent size may not be zero.");
	if (*es >= (2ull << 40))
		return cli_usage_error(c, "Physical extent size must be smaller than 2 TiB.");
	return 0;
}

/* A new VG name is checked on the command line, as lvm2 does (exit 3). */
static int check_vg_name(struct cli *c, const char *name)
{
	char path[4096];
	const char *why;
	struct stat st;

	if (vol_name_check(name, &why)) {	/* why, then lvm2's line */
		err("Volume group name \"%s\": %s.", name, why);
		return cli_usage_error(c, "New volume group name \"%s\" is invalid.", name);
	}
	snprintf(path, sizeof(path), "/dev/%s", name);
	if (!lstat(path, &st))
		return cli_usage_error(c, "%s: already exists in filesystem", path);
	return 0;
}

static const struct option vgcreate_opts[] = {
	{ "physicalextentsize", required_argument, NULL, 's' },
	{ "maxlogicalvolumes", required_argument, NULL, 'l' },
	{ "maxphysicalvolumes", required_argument, NULL, 'p' },
	{ "addtag", required_argument, NULL, OPT_ADDTAG },
	{ "alloc", required_argument, NULL, OPT_ALLOC },
	{ "vgmetadatacopies", required_argument, NULL, OPT_VGMDCOPIES },
	PV_PARAM_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

/* One vgcreate option that is not a PV option: 0 or an exit code. */
static int vgcreate_opt(struct cli *c, int opt, const char *arg, struct vol_vg_params *vp,
			struct cli_tags *tags)
{
	uint64_t v;

	switch (opt) {
	case 's':
		return parse_extent(c, arg, &vp->extent_size);
	case 'l':
		if (parse_uint(arg, UINT32_MAX, &v))
			return cli_usage_error(c, "Invalid argument for --maxlogicalvolumes: %s", arg);
		vp->max_lv = (uint32_t)v;
		return 0;
	case 'p':
		if (parse_uint(arg, UINT32_MAX, &v))
			return cli_usage_error(c, "Invalid argument for --maxphysicalvolumes: %s", arg);
		vp->max_pv = (uint32_t)v;
		return 0;
	case OPT_ADDTAG:
		return cli_tag_arg(c, tags, "addtag", arg);
	case OPT_ALLOC:
		if (vol_alloc_parse(arg, &vp->alloc))
			return cli_usage_error(c, "Invalid argument for --alloc: %s", arg);
		if (vp->alloc == VOL_ALLOC_INHERIT)	/* lvm2's words */
			return cli_usage_error(c, "Volume Group allocation policy cannot "
					       "inherit from anything");
		return 0;
	case OPT_VGMDCOPIES:
		if (!strcmp(arg, "unmanaged"))
			vp->vg_metadata_copies = VOL_VG_MDA_COPIES_UNMANAGED;
		else if (!strcmp(arg, "all"))
			vp->vg_metadata_copies = VOL_VG_MDA_COPIES_ALL;
		else if (parse_uint(arg, UINT32_MAX - 1, &v))
			return cli_usage_error(c, "Invalid argument for --vgmetadatacopies: %s "
					       "(a number, all or unmanaged)", arg);
		else
			vp->vg_metadata_copies = (uint32_t)v;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

/* The options into @vp, @pp and @tags; 0 or an exit code. */
static int vgcreate_args(struct cli *c, int argc, char **argv, struct vol_vg_params *vp,
			 struct vol_pv_params *pp, struct cli_tags *tags)
{
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "s:l:p:Z:M:", vgcreate_opts)) != -1) {
		if (opt == '?')
			return EXIT_INVALID;
		if ((r = pv_param_opt(c, opt, optarg, pp)) != 1) {
			if (r)
				return r;
			continue;
		}
		if ((r = vgcreate_opt(c, opt, optarg, vp, tags)))
			return r;
	}
	if (optind >= argc)
		return cli_usage_error(c, "Please provide volume group name and physical volumes.");
	if (optind + 1 >= argc)
		return cli_usage_error(c, "Please enter physical volume name(s).");
	return check_vg_name(c, argv[optind]);
}

int cmd_vgcreate(struct cli *c, int argc, char **argv)
{
	struct vol_vg_params vp;
	struct vol_pv_params pp;
	struct cli_tags tags = { 0 };
	struct vol_vg *vg;
	int r;

	vol_vg_params_init(&vp);
	vol_pv_params_init(&pp);
	if ((r = vgcreate_args(c, argc, argv, &vp, &pp, &tags))) {
		cli_tags_free(&tags);
		return r;
	}
	vp.tags = tags.v;
	vp.n_tags = tags.n;
	pp.flags = cli_force_flags(c);
	cli_pv_config(c, &pp);
	r = vol_vg_create(c->ctx, argv[optind], (const char *const *)&argv[optind + 1],
			  (size_t)(argc - optind - 1), &vp, &pp, &vg);
	if (!r) {
		r = vol_vg_commit(vg);
		if (!r)
			note("Volume group \"%s\" successfully created", vol_vg_name(vg));
		vol_vg_close(vg);
	}
	cli_tags_free(&tags);
	return cli_exit(r);
}

static const struct option vgextend_opts[] = {
	PV_PARAM_LONGOPTS,
	{ "restoremissing", no_argument, NULL, OPT_RESTOREMISSING },
	{ NULL, 0, NULL, 0 },
};

/* vgextend --restoremissing VG PV...: PVs the VG was changed without rejoin it. */
static int restore_missing(struct cli *c, int argc, char **argv)
{
	struct vol_vg *vg;
	int r, fixed = 0;

	if ((r = vol_vg_open(c->ctx, argv[0], VOL_OPEN_WRITE | VOL_OPEN_PARTIAL, &vg)))
		return cli_exit(r);
	for (int i = 1; i < argc; i++) {
		r = vol_vg_restore_missing(vg, argv[i]);
		if (!r)
			fixed++;
		else if (r != -ENOENT && r != -ENODEV && r != -EALREADY)
			break;
		r = 0;
	}
	if (!r && !fixed) {
		err("No PV has been restored.");
		r = -ENOENT;
	}
	if (!r)
		r = vol_vg_commit(vg);
	if (!r)
		note("Volume group \"%s\" successfully extended", vol_vg_name(vg));
	vol_vg_close(vg);
	return cli_exit(r);
}

int cmd_vgextend(struct cli *c, int argc, char **argv)
{
	struct vol_pv_params pp;
	struct vol_vg *vg;
	bool restore = false;
	int opt, r;

	vol_pv_params_init(&pp);
	while ((opt = cli_getopt(c, argc, argv, "Z:M:", vgextend_opts)) != -1) {
		if (opt == '?')
			return EXIT_INVALID;
		if (opt == OPT_RESTOREMISSING) {
			restore = true;
			continue;
		}
		if ((r = pv_param_opt(c, opt, optarg, &pp)))
			return r == 1 ? EXIT_INVALID : r;
	}
	if (optind >= argc)
		return cli_usage_error(c, "Please enter volume group name and physical volume(s).");
	if (optind + 1 >= argc)
		return cli_usage_error(c, "Please enter physical volume(s).");
	if (restore)
		return restore_missing(c, argc - optind, argv + optind);
	pp.flags = cli_force_flags(c);
	cli_pv_config(c, &pp);
	if ((r = vol_vg_open(c->ctx, argv[optind], VOL_OPEN_WRITE | VOL_OPEN_ORPHANS, &vg)))
		return cli_exit(r);
	for (int i = optind + 1; i < argc && !r; i++)
		r = vol_vg_extend(vg, argv[i], &pp);
	if (!r)
		r = vol_vg_commit(vg);
	if (!r)
		note("Volume group \"%s\" successfully extended", vol_vg_name(vg));
	vol_vg_close(vg);
	return cli_exit(r);
}

static const struct option vgreduce_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "removemissing", no_argument, NULL, OPT_REMOVEMISSING },
	{ "mirrorsonly", no_argument, NULL, OPT_MIRRORSONLY },
	{ NULL, 0, NULL, 0 },
};

/*
 * vgreduce -a, as lvm2: every empty PV goes (written only if one does);
 * each PV that holds extents is named as still in use, and when all were
 * empty the last one stays and is named as final: both fail the command.
 */
static int reduce_all(struct cli *c, const char *name)
{
	struct vol_vg *vg;
	size_t before, busy = 0;
	bool all_empty = true;
	int r = vol_vg_open(c->ctx, name, VOL_OPEN_WRITE | VOL_OPEN_ORPHANS, &vg);

	if (r)
		return cli_exit(r);
	before = vol_vg_pv_count(vg);
	for (size_t i = 0; i < before; i++)
		all_empty &= !vol_pv_pe_alloc_count(vol_vg_pv(vg, i));
	r = vol_vg_reduce_all(vg);
	if (!r && vol_vg_pv_count(vg) < before)
		r = vol_vg_commit(vg);
	for (size_t i = 0; !r && i < vol_vg_pv_count(vg); i++)
		if (vol_pv_pe_alloc_count(vol_vg_pv(vg, i))) {
			err("Physical volume \"%s\" still in use", vol_pv_name(vol_vg_pv(vg, i)));
			busy++;
		}
	if (!r && busy)
		r = -EBUSY;
	if (!r && all_empty) {
		err("Can't remove final physical volume \"%s\" from volume group \"%s\"",
		    vol_pv_name(vol_vg_pv(vg, 0)), vol_vg_name(vg));
		r = -EBUSY;
	}
	vol_vg_close(vg);
	return cli_exit(r);
}

int cmd_vgreduce(struct cli *c, int argc, char **argv)
{
	bool all = false, missing = false, mirrors_only = false;
	struct vol_vg *vg;
	int opt, r = 0;

	while ((opt = cli_getopt(c, argc, argv, "a", vgreduce_opts)) != -1) {
		if (opt == 'a')
			all = true;
		else if (opt == OPT_REMOVEMISSING)
			missing = true;
		else if (opt == OPT_MIRRORSONLY)
			mirrors_only = true;
		else
			return EXIT_INVALID;
	}
	if (mirrors_only && !missing)	/* lvm2's words */
		return cli_usage_error(c, "--mirrorsonly requires --removemissing.");
	if (optind >= argc)
		return cli_usage_error(c, "Please give volume group name and physical volume paths.");
	if (all && missing)
		return cli_usage_error(c, "--all and --removemissing cannot be combined.");
	if (!all && !missing && optind + 1 >= argc)
		return cli_usage_error(c, "Please enter physical volume paths or option -a.");
	if ((all || missing) && optind + 1 < argc)
		return cli_usage_error(c, "Option %s takes no physical volume arguments.",
				       all ? "-a" : "--removemissing");
	if ((r = vol_vg_open(c->ctx, argv[optind],
			     VOL_OPEN_WRITE | VOL_OPEN_ORPHANS | (missing ? VOL_OPEN_PARTIAL : 0), &vg)))
		return cli_exit(r);
	if (missing) {
		size_t before = vol_vg_missing_pv_count(vg);

		r = vol_vg_remove_missing(vg, cli_force_flags(c) |
					  (mirrors_only ? VOL_MIRRORS_ONLY : 0));
		if (!r && !before) {
			note("Volume group \"%s\" is already consistent.", vol_vg_name(vg));
			vol_vg_close(vg);
			return EXIT_OK;
		}
	} else if (all) {
		vol_vg_close(vg);
		return reduce_all(c, argv[optind]);
	} else {
		for (int i = optind + 1; i < argc && !r; i++)
			r = vol_vg_reduce(vg, argv[i]);
	}
	if (!r)
		r = vol_vg_commit(vg);
	if (!r && missing)
		note("Wrote out consistent volume group %s.", vol_vg_name(vg));
	else if (!r)
		for (int i = optind + 1; i < argc; i++)
			note("Removed \"%s\" from volume group \"%s\"", argv[i], vol_vg_name(vg));
	vol_vg_close(vg);
	return cli_exit(r);
}

int cmd_vgremove(struct cli *c, int argc, char **argv)
{
	int opt, rc = EXIT_OK;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (optind >= argc)
		return cli_usage_error(c, "Please enter one or more volume group paths.");
	for (int i = optind; i < argc; i++) {
		struct vol_vg *vg;
		int r = vol_vg_open(c->ctx, argv[i], VOL_OPEN_WRITE | VOL_OPEN_ORPHANS |
				    (c->force ? VOL_OPEN_PARTIAL : 0), &vg);

		if (!r)
			r = vol_vg_remove(vg, cli_force_flags(c));
		vol_vg_close(vg);
		if (r && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	return rc;
}

int cmd_vgrename(struct cli *c, int argc, char **argv)
{
	struct vol_vg *vg;
	char old[256];
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (argc - optind != 2)
		return cli_usage_error(c, "Old and new volume group names need specifying.");
	/* lvm2 renames an exported VG too */
	if ((r = vol_vg_open(c->ctx, argv[optind],
			     VOL_OPEN_WRITE | VOL_OPEN_ORPHANS | VOL_OPEN_EXPORTED, &vg)))
		return cli_exit(r);
	snprintf(old, sizeof(old), "%s", vol_vg_name(vg));
	r = vol_vg_rename(vg, argv[optind + 1]);
	if (!r)
		r = vol_vg_commit(vg);
	if (!r)
		note("Volume group \"%s\" successfully renamed to \"%s\"", old, argv[optind + 1]);
	vol_vg_close(vg);
	return cli_exit(r);
}

static const struct option vgchange_opts[] = {
	{ "addtag", required_argument, NULL, OPT_ADDTAG },
	{ "deltag", required_argument, NULL, OPT_DELTAG },
	{ "logicalvolume", required_argument, NULL, 'l' },
	{ "maxphysicalvolumes", required_argument, NULL, 'p' },
	{ "alloc", required_argument, NULL, OPT_ALLOC },
	{ "uuid", no_argument, NULL, 'u' },
	{ "resizeable", required_argument, NULL, 'x' },
	{ "resizable", required_argument, NULL, 'x' },
	{ "activate", required_argument, NULL, 'a' },
	{ "activationmode", required_argument, NULL, OPT_ACTMODE },
	{ "partial", no_argument, NULL, 'P' },
	{ "refresh", no_argument, NULL, OPT_REFRESH },
	{ "ignoreactivationskip", no_argument, NULL, 'K' },
	MONITOR_LONGOPTS,
	{ "physicalextentsize", required_argument, NULL, 's' },
	{ "sysinit", no_argument, NULL, OPT_SYSINIT },
	{ "ignorelockingfailure", no_argument, NULL, OPT_IGNORELOCKING },
	{ NULL, 0, NULL, 0 },
};

struct vgchange {
	struct cli_tags add, del;
	bool set_maxlv, set_maxpv, set_alloc, uuid, set_resize, resize;
	uint32_t maxlv, maxpv;
	enum vol_alloc alloc;
	int activate;		/* -1: unchanged */
	bool refresh, ignore_skip;
	bool monitor;		/* --monitor: nothing to do, no dmeventd here */
	bool sysinit, ignore_locking;	/* activation only: lock files may fail */
	uint64_t extent_size;		/* bytes; 0: unchanged */
	enum vol_activation_mode mode;
};

static bool props_changed(const struct vgchange *ch)
{
	return ch->add.n || ch->del.n || ch->set_maxlv || ch->set_maxpv || ch->set_alloc ||
	       ch->uuid || ch->set_resize || ch->extent_size;
}

/*
 * vgchange -an deactivates nothing while a visible LV is open: as lvm2, the
 * first one found in use is named, then the count of open ones.
 */
static int check_none_open(struct vol_vg *vg)
{
	struct vol_lv_state st;
	struct vol_lv *lv;
	size_t open = 0;

	for (lv = vol_vg_next_lv(vg, NULL, 0); lv; lv = vol_vg_next_lv(vg, lv, 0))
		open += !vol_lv_state(lv, &st) && st.open_count > 0;
	for (lv = vol_vg_next_lv(vg, NULL, 0); open && lv; lv = vol_vg_next_lv(vg, lv, 0))
		if (vol_lv_check_not_open(lv)) {
			err("Can't deactivate volume group \"%s\" with %zu open logical volume(s)",
			    vol_vg_name(vg), open);
			return -EBUSY;
		}
	return 0;
}

/* vgchange -a: every visible LV, then lvm2's count of those active. */
static int vg_activate(struct cli *c, const struct vgchange *ch, struct vol_vg *vg)
{
	struct vol_lv_state st;
	struct vol_lv *lv;
	size_t active = 0, open = 0;
	int r, rc = 0;

	if (ch->activate == 0 && !c->test && (r = check_none_open(vg)))
		return r;
	for (lv = vol_vg_next_lv(vg, NULL, 0); lv; lv = vol_vg_next_lv(vg, lv, 0)) {
		if (ch->activate == 1 && vol_lv_skips_activation(lv) && !ch->ignore_skip)
			continue;
		if (ch->activate >= 0 && (r = cli_activate_lv(c, lv, ch->activate, ch->mode))) {
			open += r == -EBUSY;
			rc = r;
		}
		if (!rc && ch->refresh && !c->test && (r = vol_lv_refresh_mode(lv, ch->mode)))
			rc = r;
	}
	if (open) {
		err("Can't deactivate volume group \"%s\" with %zu open logical volume(s)",
		    vol_vg_name(vg), open);
		return rc;
	}
	if (ch->activate < 0)
		return rc;
	for (lv = vol_vg_next_lv(vg, NULL, 0); lv; lv = vol_vg_next_lv(vg, lv, 0))
		active += !vol_lv_state(lv, &st) && st.active;
	note("%zu logical volume(s) in volume group \"%s\" now active", active, vol_vg_name(vg));
	return rc;
}

/* pvscan --cache -aay: the LVs of a VG whose PVs are all online. */
int cli_vg_autoactivate(struct cli *c, const char *name)
{
	struct vgchange ch = { .activate = 1, .mode = VOL_ACTIVATE_COMPLETE };
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, name, VOL_OPEN_WRITE, &vg);

	if (r)
		return r;
	r = vg_activate(c, &ch, vg);
	vol_vg_close(vg);
	return r;
}

/* As in lvm2, tags change and LVs (de)activate while PVs are missing; the
 * VG's other properties do not. */
static bool partial_safe(const struct vgchange *ch)
{
	return !(ch->set_maxlv || ch->set_maxpv || ch->set_alloc || ch->uuid || ch->set_resize ||
		 ch->extent_size);
}

/* vgchange -s; lvm2 only warns when the size is already that one. */
static int set_extent_size(struct vol_vg *vg, uint64_t bytes)
{
	char buf[64];

	if (bytes == vol_vg_extent_size(vg)) {
		fmt_size_long(bytes, buf, sizeof(buf));
		err("Physical extent size of VG %s is already %s.", vol_vg_name(vg), buf);
		return 0;
	}
	return vol_vg_set_extent_size(vg, bytes);
}

static int vgchange_one(struct cli *c, const char *name, void *usr)
{
	const struct vgchange *ch = usr;
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, name, VOL_OPEN_WRITE | (partial_safe(ch) ? VOL_OPEN_PARTIAL : 0),
			    &vg);

	if (r)
		return r;
	if (!props_changed(ch)) {
		r = vg_activate(c, ch, vg);
		vol_vg_close(vg);
		return r;
	}
	for (size_t i = 0; i < ch->add.n && !r; i++)
		r = vol_vg_add_tag(vg, ch->add.v[i]);
	for (size_t i = 0; i < ch->del.n && !r; i++)
		r = vol_vg_del_tag(vg, ch->del.v[i]);
	if (!r && ch->set_maxlv)
		r = vol_vg_set_max_lv(vg, ch->maxlv);
	if (!r && ch->set_maxpv)
		r = vol_vg_set_max_pv(vg, ch->maxpv);
	if (!r && ch->set_alloc && vol_vg_alloc(vg) == ch->alloc) {
		err("Volume group allocation policy is already %s", vol_alloc_name(ch->alloc));
		r = -EALREADY;
	} else if (!r && ch->set_alloc) {
		r = vol_vg_set_alloc(vg, ch->alloc);
	}
	if (!r && ch->set_resize && vol_vg_is_resizeable(vg) == ch->resize) {
		err("Volume group \"%s\" is already %sresizeable", vol_vg_name(vg),
		    ch->resize ? "" : "not ");
		r = -EALREADY;
	} else if (!r && ch->set_resize) {
		r = vol_vg_set_resizeable(vg, ch->resize);
	}
	if (!r && ch->uuid)
		r = vol_vg_new_uuid(vg);
	if (!r && ch->extent_size)
		r = set_extent_size(vg, ch->extent_size);
	if (!r)
		r = vol_vg_commit(vg);
	if (!r)
		note("Volume group \"%s\" successfully changed", vol_vg_name(vg));
	if (!r && (ch->activate >= 0 || ch->refresh))
		r = vg_activate(c, ch, vg);
	vol_vg_close(vg);
	return r;
}

/* Option combinations no lvm2 command definition of vgchange takes (exit 3). */
static int vgchange_syntax(struct cli *c, const struct vgchange *ch)
{
	if (ch->activate >= 0 && ch->refresh)
		return cli_usage_error(c, "Option --refresh cannot be used with --activate.");
	if (ch->monitor && ch->activate == 0)
		return cli_usage_error(c, "Only -ay* allowed with --monitor or --poll.");
	if ((ch->sysinit || ch->ignore_locking) && (ch->activate < 0 || props_changed(ch)))
		return cli_usage_error(c, "Options --sysinit and --ignorelockingfailure go with "
				       "--activate only.");
	return 0;
}

int cmd_vgchange(struct cli *c, int argc, char **argv)
{
	struct vgchange ch = { .activate = -1, .mode = VOL_ACTIVATE_DEGRADED };
	uint64_t v;
	bool yn;
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "l:p:ux:a:KPs:", vgchange_opts)) != -1) {
		switch (opt) {
		case 's':
			if ((r = parse_extent(c, optarg, &ch.extent_size)))
				return r;
			break;
		case OPT_SYSINIT:
			ch.sysinit = true;
			break;
		case OPT_IGNORELOCKING:
			ch.ignore_locking = true;
			break;
		case 'a':	/* lvm2's ay, ey, ly (no cluster: all y) and en, ln (n) too */
			if (!parse_yn(optarg, &yn))
				ch.activate = yn;
			else if (strlen(optarg) == 2 && strchr("ael", optarg[0]) && optarg[1] == 'y')
				ch.activate = 1;
			else if (strlen(optarg) == 2 && strchr("el", optarg[0]) && optarg[1] == 'n')
				ch.activate = 0;
			else
				return cli_usage_error(c, "Invalid argument for --activate: %s", optarg);
			break;
		case OPT_ACTMODE:
			if (cli_activation_mode(optarg, &ch.mode))
				return cli_usage_error(c, "Invalid argument for --activationmode: %s", optarg);
			break;
		case 'P':	/* lvm2's older spelling of --activationmode partial */
			ch.mode = VOL_ACTIVATE_PARTIAL;
			break;
		case OPT_REFRESH:
			ch.refresh = true;
			break;
		case 'K':
			ch.ignore_skip = true;
			break;
		case OPT_ADDTAG:
			if ((r = cli_tag_arg(c, &ch.add, "addtag", optarg)))
				return r;
			break;
		case OPT_DELTAG:
			if ((r = cli_tag_arg(c, &ch.del, "deltag", optarg)))
				return r;
			break;
		case 'l':
			if (parse_uint(optarg, UINT32_MAX, &v))
				return cli_usage_error(c, "Invalid argument for --logicalvolume: %s", optarg);
			ch.set_maxlv = true;
			ch.maxlv = (uint32_t)v;
			break;
		case 'p':
			if (parse_uint(optarg, UINT32_MAX, &v))
				return cli_usage_error(c, "Invalid argument for --maxphysicalvolumes: %s", optarg);
			ch.set_maxpv = true;
			ch.maxpv = (uint32_t)v;
			break;
		case OPT_ALLOC:
			if (vol_alloc_parse(optarg, &ch.alloc))
				return cli_usage_error(c, "Invalid argument for --alloc: %s", optarg);
			ch.set_alloc = true;
			break;
		case 'u':
			ch.uuid = true;
			break;
		case 'x':
			if (parse_yn(optarg, &ch.resize))
				return cli_usage_error(c, "Invalid argument for --resizeable: %s", optarg);
			ch.set_resize = true;
			break;
		default:
			if ((r = cli_monitor_opt(c, opt, optarg, &ch.monitor)) == 1)
				return EXIT_INVALID;
			if (r)
				return r;
			break;
		}
	}
	if ((r = vgchange_syntax(c, &ch)))
		return r;
	if (ch.sysinit || ch.ignore_locking)
		vol_ctx_set_ignore_lock_failure(c->ctx, true);
	if (ch.activate >= 1 && !c->test && (r = cli_need_dm(c)))
		return r;
	if (ch.mode == VOL_ACTIVATE_PARTIAL)
		err("PARTIAL MODE. Incomplete logical volumes will be processed.");
	if (!props_changed(&ch) && ch.activate < 0 && !ch.refresh && !ch.monitor)
		return cli_usage_error(c, "No change requested: one of -a, --refresh, --addtag, "
				       "--deltag, -l, -p, -s, --alloc, -u or -x is needed.");
	c->skip_exported = true;
	r = for_each_vg(c, argc, argv, vgchange_one, &ch);
	cli_tags_free(&ch.add);
	cli_tags_free(&ch.del);
	return r;
}
