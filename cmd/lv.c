/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvremove, lvrename, lvchange. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lvargs.h"
#include "lvfind.h"
#include "progress.h"

/* ---------------------------------------------------------------- lvremove */

static bool lv_active(struct vol_lv *lv)
{
	struct vol_lv_state st;

	return !vol_lv_state(lv, &st) && st.active;
}

/* Asks about an active LV unless -f or -y, as lvm2 does. */
static int remove_one(struct cli *c, struct vol_lv *lv)
{
	char name[512];

	unsigned snaps = vol_lv_snapshot_count(lv);
	bool ask = !c->force && !c->yes && !c->test && lv_active(lv);

	lv_display_name(lv, name, sizeof(name));
	if (ask && snaps &&
	    !cli_ask(c, "Do you really want to remove active origin logical volume %s with %u "
		     "snapshots(s)? [y/n]: ", name, snaps)) {
		err("Logical volume %s not removed.", name);
		return -ECANCELED;
	}
	if (ask && !snaps &&
	    !cli_ask(c, "Do you really want to remove active logical volume %s? [y/n]: ", name)) {
		err("Logical volume %s not removed.", name);
		return -ECANCELED;
	}
	return vol_lv_remove(lv);
}

/* Is @name one of @names? */
static bool named(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/*
 * Removes the LVs of VG @vgname named in @names (each once), or all its
 * visible LVs (@all), in the VG's order as lvm2 does; one commit.
 */
static int remove_in_vg(struct cli *c, const char *vgname, char **names, size_t n, bool all)
{
	char (*doomed)[128] = NULL;
	size_t k = 0, m = 0;
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, vgname, VOL_OPEN_WRITE | VOL_OPEN_PARTIAL, &vg), rc = 0;

	if (r) {
		cli_vg_unprocessed(vgname, r);
		return r;
	}
	for (size_t i = 0; i < n; i++)
		if (!vol_vg_lv_by_name(vg, names[i]) && !named(names, i, names[i])) {
			err("Failed to find logical volume \"%s/%s\"", vgname, names[i]);
			rc = -ENOENT;
		}
	if (!(doomed = calloc(vol_vg_lv_count(vg) + n + 1, sizeof(*doomed)))) {
		vol_vg_close(vg);
		return -ENOMEM;
	}
	for (struct vol_lv *lv = NULL; (lv = vol_vg_next_lv(vg, lv, VOL_LV_ALL));)
		if ((all && vol_lv_is_visible(lv)) || named(names, n, vol_lv_name(lv)))
			snprintf(doomed[m++], sizeof(doomed[0]), "%s", vol_lv_name(lv));
	for (size_t i = 0; i < m; i++) {
		struct vol_lv *lv = vol_vg_lv_by_name(vg, doomed[i]);

		if (!lv)	/* went with an LV removed before it */
			continue;
		if ((r = remove_one(c, lv))) {
			rc = r;
			doomed[i][0] = '\0';
			continue;
		}
		k++;
	}
	if (k && (r = vol_vg_commit(vg)))
		rc = r;
	else
		for (size_t i = 0; i < m; i++)
			if (doomed[i][0])
				note("Logical volume \"%s\" successfully removed.", doomed[i]);
	free(doomed);
	vol_vg_close(vg);
	return rc;
}

int cmd_lvremove(struct cli *c, int argc, char **argv)
{
	int opt, rc = EXIT_OK, n;
	char **vgs, **lvs;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (optind >= argc) {
		err("No command with matching syntax recognised.  Run 'lvremove --help' for more information.");
		err("Correct command syntax is:");
		out("lvremove VG|LV|Tag|Select ...");
		fputc('\n', stdout);
		return EXIT_INVALID;
	}
	n = argc - optind;
	vgs = calloc((size_t)n * 2 + 2, sizeof(char *));
	lvs = vgs ? vgs + n + 1 : NULL;
	for (int i = 0; vgs && i < n; i++) {
		char vg[256], lvname[256];
		const char *a = argv[optind + i];

		if (!strchr(a, '/')) {
			vgs[i] = strdup(a);
			lvs[i] = NULL;	/* the whole VG */
		} else if (split_lv_name(a, NULL, vg, sizeof(vg), lvname, sizeof(lvname))) {
			err("Invalid logical volume name \"%s\".", a);
			rc = EXIT_FAILED;
			vgs[i] = strdup("");
			lvs[i] = NULL;
		} else {
			vgs[i] = strdup(vg);
			lvs[i] = strdup(lvname);
		}
	}
	if (!vgs)
		return EXIT_FAILED;
	/* each VG once, with the LVs named in it */
	for (int i = 0; i < n; i++) {
		char **names = calloc((size_t)n + 1, sizeof(*names));
		size_t k = 0;
		bool all = false, first = true;
		int r;

		for (int j = 0; j < i && first; j++)
			first = strcmp(vgs[j], vgs[i]) != 0;
		if (!first || !*vgs[i] || !names) {
			free(names);
			continue;
		}
		for (int j = i; j < n; j++)
			if (!strcmp(vgs[j], vgs[i])) {
				if (lvs[j])
					names[k++] = lvs[j];
				else
					all = true;
			}
		r = remove_in_vg(c, vgs[i], names, k, all);
		if (r && rc == EXIT_OK)
			rc = cli_exit(r);
		free(names);
	}
	for (int i = 0; i < n; i++) {
		free(vgs[i]);
		free(lvs[i]);
	}
	free(vgs);
	return rc;
}

/* ---------------------------------------------------------------- lvrename */

/* lvrename VG OLD NEW | VG/OLD NEW | VG/OLD VG/NEW | VG VG/OLD VG/NEW */
static int rename_args(struct cli *c, int n, char **a, char *vg, char *old, char *new_name)
{
	char vg2[256] = "", vg3[256] = "";

	if (n == 3) {
		snprintf(vg, 256, "%s", a[0]);
		if (split_lv_name(a[1], a[0], vg2, sizeof(vg2), old, 256) ||
		    split_lv_name(a[2], a[0], vg3, sizeof(vg3), new_name, 256))
			return cli_usage_error(c, "Please provide a valid volume group name");
		if (strcmp(vg2, vg) || strcmp(vg3, vg))
			return cli_usage_error(c, "Please use a single volume group name (\"%s\" or \"%s\")",
					       vg, strcmp(vg2, vg) ? vg2 : vg3);
		return 0;
	}
	if (!strchr(a[0], '/')) {
		err("Path required for Logical Volume \"%s\".", a[0]);
		return cli_usage_error(c, "Please provide a valid volume group name");
	}
	if (split_lv_name(a[0], NULL, vg, 256, old, 256) ||
	    split_lv_name(a[1], vg, vg2, sizeof(vg2), new_name, 256))
		return cli_usage_error(c, "Please provide a valid volume group name");
	if (strcmp(vg, vg2))
		return cli_usage_error(c, "Logical volume names must have the same volume group (\"%s\" or \"%s\")",
				       vg, vg2);
	return 0;
}

static int check_new_lv_name(struct cli *c, const char *vg, const char *old, const char *name)
{
	const char *why;
	size_t max = 128 - strlen(vg) - 3;

	if (!strcmp(old, name))
		return cli_usage_error(c, "Old and new logical volume names must differ");
	if (!*name)
		return cli_usage_error(c, "New logical volume name may not be blank");
	if (strlen(name) > max)
		return cli_usage_error(c, "New logical volume name \"%s\" may not exceed %zu characters.",
				       name, max);
	if (vol_name_check(name, &why))
		return cli_usage_error(c, "New logical volume name \"%s\" is invalid", name);
	if ((why = vol_lv_name_reserved(name)))
		return cli_usage_error(c, "Names %s \"%s\" are reserved. Please choose a different LV name.",
				       why[0] == '_' ? "including" : "starting", why);
	return 0;
}

int cmd_lvrename(struct cli *c, int argc, char **argv)
{
	char vg[256], old[256], new_name[256];
	struct vol_vg *h = NULL;
	struct vol_lv *lv;
	int opt, n, r;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	n = argc - optind;
	if (n < 2) {
		err("No command with matching syntax recognised.  Run 'lvrename --help' for more information.");
		return EXIT_INVALID;
	}
	if (n > 3) {
		err("Command does not accept argument: %s.", argv[optind + 3]);
		return EXIT_INVALID;
	}
	if ((r = rename_args(c, n, argv + optind, vg, old, new_name)) ||
	    (r = check_new_lv_name(c, vg, old, new_name)))
		return r;
	if ((r = vol_vg_open(c->ctx, vg, VOL_OPEN_WRITE, &h))) {
		cli_vg_unprocessed(vg, r);
		return cli_exit(r);
	}
	if (!(lv = vol_vg_lv_by_name(h, old))) {
		err("Existing logical volume \"%s\" not found in volume group \"%s\"", old, vg);
		r = -ENOENT;
	} else if (!(r = vol_lv_rename(lv, new_name)) && !(r = vol_vg_commit(h))) {
		note("Renamed \"%s\" to \"%s\" in volume group \"%s\"", old, new_name, vg);
	}
	vol_vg_close(h);
	return cli_exit(r);
}

/* ---------------------------------------------------------------- lvchange */

enum {
	OPT_ADDTAG = OPT_FIRST_CMD, OPT_DELTAG, OPT_ALLOC, OPT_REFRESH, OPT_ACTMODE, OPT_IGNSKIP,
	OPT_SYNCACTION, OPT_RESYNC, OPT_REBUILD, OPT_WRITEMOSTLY, OPT_WRITEBEHIND, OPT_MINRATE,
	OPT_MAXRATE, OPT_MAJOR, OPT_MINOR,
};
#define MAX_WAITS 64

#define MAX_PVARGS 64

struct lvchange {
	int activate;		/* -1 unchanged, 0 -an, 1 -ay */
	int perm;		/* -1 unchanged, 0 rw, 1 r */
	bool refresh, set_alloc, ignore_skip;
	bool monitor;		/* --monitor: nothing to do, no dmeventd here */
	int contiguous;		/* -C: -1 not given, 0 n, 1 y */
	enum vol_alloc alloc;
	int persistent;		/* -M: -1 not given, 0 n, 1 y */
	int64_t major, minor;	/* --major, --minor: -1 not given */
	int readahead;		/* -r: -1 not given, 0 a number, 1 auto */
	uint32_t readahead_sectors;
	enum vol_activation_mode mode;
	struct cli_tags add, del;
	/* raid1 */
	const char *syncaction;
	bool resync;
	const char *rebuild[MAX_PVARGS], *writemostly[MAX_PVARGS];
	size_t n_rebuild, n_writemostly;
	int64_t writebehind, min_rate, max_rate;	/* -1: not given */
	/* --wait: the LVs whose sync the raid actions started, waited for
	 * once their VG is closed */
	bool wait;
	char wait_vg[MAX_WAITS][128], wait_lv[MAX_WAITS][128];
	size_t n_wait;
};

static const struct option lvchange_opts[] = {
	{ "activate", required_argument, NULL, 'a' },
	{ "permission", required_argument, NULL, 'p' },
	{ "addtag", required_argument, NULL, OPT_ADDTAG },
	{ "deltag", required_argument, NULL, OPT_DELTAG },
	{ "alloc", required_argument, NULL, OPT_ALLOC },
	{ "contiguous", required_argument, NULL, 'C' },
	{ "persistent", required_argument, NULL, 'M' },
	{ "major", required_argument, NULL, 'j' },
	{ "minor", required_argument, NULL, OPT_MINOR },
	{ "readahead", required_argument, NULL, 'r' },
	{ "refresh", no_argument, NULL, OPT_REFRESH },
	{ "activationmode", required_argument, NULL, OPT_ACTMODE },
	{ "partial", no_argument, NULL, 'P' },
	{ "ignoreactivationskip", no_argument, NULL, 'K' },
	{ "syncaction", required_argument, NULL, OPT_SYNCACTION },
	{ "resync", no_argument, NULL, OPT_RESYNC },
	{ "rebuild", required_argument, NULL, OPT_REBUILD },
	{ "writemostly", required_argument, NULL, OPT_WRITEMOSTLY },
	{ "writebehind", required_argument, NULL, OPT_WRITEBEHIND },
	{ "minrecoveryrate", required_argument, NULL, OPT_MINRATE },
	{ "maxrecoveryrate", required_argument, NULL, OPT_MAXRATE },
	WAIT_LONGOPT,
	MONITOR_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

int cli_activation_mode(const char *arg, enum vol_activation_mode *mode)
{
	if (!strcmp(arg, "complete"))
		*mode = VOL_ACTIVATE_COMPLETE;
	else if (!strcmp(arg, "degraded"))
		*mode = VOL_ACTIVATE_DEGRADED;
	else if (!strcmp(arg, "partial"))
		*mode = VOL_ACTIVATE_PARTIAL;
	else
		return -EINVAL;
	return 0;
}

/* Activates or deactivates @lv; the library logs lvm2's messages (the
 * refusal of a partial LV included). */
int cli_activate_lv(struct cli *c, struct vol_lv *lv, bool on, enum vol_activation_mode mode)
{
	int r;

	if (c->test)
		return 0;
	if ((r = cli_have_dm(c)))
		return r;
	return on ? vol_lv_activate(lv, mode) : vol_lv_deactivate(lv);
}

static int pv_arg(struct cli *c, const char *arg, const char **v, size_t *n)
{
	if (*n == MAX_PVARGS)
		return cli_usage_error(c, "Too many PV arguments.");
	v[(*n)++] = arg;
	return 0;
}

static int lvchange_raid_opt(struct cli *c, struct lvchange *ch, int opt, const char *arg)
{
	uint32_t kib;
	uint64_t v;
	int r;

	switch (opt) {
	case OPT_SYNCACTION:
		if (strcmp(arg, "check") && strcmp(arg, "repair"))
			return cli_usage_error(c, "Invalid argument for --syncaction: %s", arg);
		ch->syncaction = arg;
		return 0;
	case OPT_RESYNC:
		ch->resync = true;
		return 0;
	case OPT_WAIT_ID:
		ch->wait = true;
		return 0;
	case OPT_REBUILD:
		return pv_arg(c, arg, ch->rebuild, &ch->n_rebuild);
	case OPT_WRITEMOSTLY:
		return pv_arg(c, arg, ch->writemostly, &ch->n_writemostly);
	case OPT_WRITEBEHIND:
		if (parse_uint(arg, UINT32_MAX, &v))
			return cli_usage_error(c, "Invalid argument for --writebehind: %s", arg);
		ch->writebehind = (int64_t)v;
		return 0;
	case OPT_MINRATE:
	case OPT_MAXRATE:
		if ((r = arg_rate(opt == OPT_MINRATE ? "minrecoveryrate" : "maxrecoveryrate", arg, &kib)))
			return r;
		*(opt == OPT_MINRATE ? &ch->min_rate : &ch->max_rate) = kib;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

/* -C, -M, --major, --minor and -r; others are the raid options. */
static int lvchange_dev_opt(struct cli *c, struct lvchange *ch, int opt, const char *arg)
{
	uint64_t v;
	bool yn;

	switch (opt) {
	case 'C':
	case 'M':
		if (parse_yn(arg, &yn))
			return cli_usage_error(c, "Invalid argument for --%s: %s",
					       opt == 'C' ? "contiguous" : "persistent", arg);
		*(opt == 'C' ? &ch->contiguous : &ch->persistent) = yn;
		return 0;
	case 'j':
	case OPT_MINOR:
		if (parse_uint(arg, opt == 'j' ? 4095 : (1u << 20) - 1, &v))
			return cli_usage_error(c, "Invalid argument for --%s: %s",
					       opt == 'j' ? "major" : "minor", arg);
		*(opt == 'j' ? &ch->major : &ch->minor) = (int64_t)v;
		return 0;
	case 'r': {
		bool autom;
		int r = arg_readahead(c, arg, &autom, &ch->readahead_sectors);

		ch->readahead = autom;
		return r;
	}
	default:
		return lvchange_raid_opt(c, ch, opt, arg);
	}
}

static int lvchange_opt(struct cli *c, struct lvchange *ch, int opt, const char *arg)
{
	bool yn;
	int r;

	switch (opt) {
	case 'a':
		if (parse_yn(arg, &yn) && strcmp(arg, "ay") && strcmp(arg, "ey"))
			return cli_usage_error(c, "Invalid argument for --activate: %s", arg);
		ch->activate = parse_yn(arg, &yn) ? 1 : yn;
		return 0;
	case 'p':
		if (strcmp(arg, "r") && strcmp(arg, "rw") && strcmp(arg, "wr"))
			return cli_usage_error(c, "Invalid argument for --permission: %s", arg);
		ch->perm = !strcmp(arg, "r");
		return 0;
	case OPT_ADDTAG:
		return cli_tag_arg(c, &ch->add, "addtag", arg);
	case OPT_DELTAG:
		return cli_tag_arg(c, &ch->del, "deltag", arg);
	case OPT_ALLOC:
		ch->set_alloc = true;
		return arg_alloc(c, arg, &ch->alloc);
	case OPT_REFRESH:
		ch->refresh = true;
		return 0;
	case OPT_ACTMODE:
		if (cli_activation_mode(arg, &ch->mode))
			return cli_usage_error(c, "Invalid argument for --activationmode: %s", arg);
		return 0;
	case 'P':	/* lvm2's older spelling of --activationmode partial */
		ch->mode = VOL_ACTIVATE_PARTIAL;
		return 0;
	case 'K':
		ch->ignore_skip = true;
		return 0;
	default:
		if ((r = cli_monitor_opt(c, opt, arg, &ch->monitor)) != 1)
			return r;
		return lvchange_dev_opt(c, ch, opt, arg);
	}
}

/* --writemostly PV[:y|n|t] (y when no mode is given, as lvm2): its PV and mode. */
static int writemostly_arg(const char *arg, char *pv, size_t size, enum vol_writemostly *mode)
{
	size_t len = strlen(arg);

	snprintf(pv, size, "%s", arg);
	*mode = VOL_WRITEMOSTLY_ON;
	if (len >= 3 && arg[len - 2] == ':') {
		char m = arg[len - 1];

		if (m != 'y' && m != 'n' && m != 't') {
			err("Invalid writemostly mode in %s.", arg);
			return -EINVAL;
		}
		*mode = m == 'n' ? VOL_WRITEMOSTLY_OFF : m == 't' ? VOL_WRITEMOSTLY_TOGGLE :
			VOL_WRITEMOSTLY_ON;
		pv[len - 2] = '\0';
	}
	return 0;
}

static int set_writemostly(struct vol_lv *lv, const char *arg)
{
	enum vol_writemostly mode;
	char pv[512];
	int r = writemostly_arg(arg, pv, sizeof(pv), &mode);

	return r ? r : vol_lv_raid_set_writemostly(lv, pv, mode);
}

/* Does --writemostly ARG take the flag off a leg?  Those go first: lvm2
 * checks "not every leg write-mostly" on the result of all of them. */
static bool clears_writemostly(struct vol_lv *lv, const char *arg)
{
	struct vol_area_info a, ia;
	enum vol_writemostly mode;
	struct vol_lv *img;
	char pv[512];

	if (writemostly_arg(arg, pv, sizeof(pv), &mode) || mode == VOL_WRITEMOSTLY_ON)
		return false;
	if (mode == VOL_WRITEMOSTLY_OFF)
		return true;
	for (uint32_t k = 0; !vol_lv_segment_area(lv, 0, k, &a); k++)
		if (a.lv_name && (img = vol_vg_lv_by_name(vol_lv_vg(lv), a.lv_name)) &&
		    vol_lv_raid_writemostly(img) && !vol_lv_segment_area(img, 0, 0, &ia) &&
		    ia.pv_name && !strcmp(ia.pv_name, pv))
			return true;
	return false;
}

/* The raid1 settings of lvchange (write-mostly first, as lvm2 checks it). */
static int change_raid_props(struct lvchange *ch, struct vol_lv *lv, bool *changed)
{
	int r = 0;

	bool first[MAX_PVARGS];

	for (size_t i = 0; i < ch->n_writemostly; i++)
		first[i] = clears_writemostly(lv, ch->writemostly[i]);
	for (int pass = 1; pass >= 0; pass--)
		for (size_t i = 0; !r && i < ch->n_writemostly; i++)
			if (first[i] == pass && !(r = set_writemostly(lv, ch->writemostly[i])))
				*changed = true;
	if (!r && ch->writebehind >= 0 && !(r = vol_lv_raid_set_writebehind(lv, (uint32_t)ch->writebehind)))
		*changed = true;
	if (!r && (ch->min_rate >= 0 || ch->max_rate >= 0) &&
	    !(r = vol_lv_raid_set_recovery_rate(lv, ch->min_rate, ch->max_rate)))
		*changed = true;
	return r;
}

/* --resync, --rebuild and --syncaction, after the other changes. */
static int raid_actions(struct cli *c, struct lvchange *ch, struct vol_lv *lv)
{
	char name[512];
	int r = 0;

	lv_display_name(lv, name, sizeof(name));
	if (ch->resync) {
		struct vol_lv_state st;

		if (!c->yes && !vol_lv_state(lv, &st) && st.active &&
		    !cli_ask(c, "Do you really want to deactivate logical volume %s to resync it? [y/n]: ",
			     name)) {
			err("Logical volume %s not resynced.", name);
			return -ECANCELED;
		}
		if ((r = vol_lv_raid_resync(lv)))
			return r;
	}
	if (ch->n_rebuild) {
		if (!c->yes && !cli_ask(c, "Do you really want to rebuild %zu PVs of logical volume %s [y/n]: ",
					ch->n_rebuild, name)) {
			err("Logical volume %s not rebuild.", name);
			return -ECANCELED;
		}
		if ((r = vol_lv_raid_rebuild(lv, ch->rebuild, ch->n_rebuild)))
			return r;
	}
	if (ch->syncaction)
		r = vol_lv_raid_sync_action(lv, ch->syncaction);
	if (!r && ch->wait && !c->test && ch->n_wait < MAX_WAITS) {
		snprintf(ch->wait_vg[ch->n_wait], sizeof(ch->wait_vg[0]), "%s",
			 vol_vg_name(vol_lv_vg(lv)));
		snprintf(ch->wait_lv[ch->n_wait++], sizeof(ch->wait_lv[0]), "%s", vol_lv_name(lv));
	}
	return r;
}

/* -C, -r and -Mn (-My goes apart: it deactivates). */
static int change_dev_props(struct lvchange *ch, struct vol_lv *lv, const char *name,
			    bool *changed)
{
	enum vol_alloc want = ch->contiguous == 1 ? VOL_ALLOC_CONTIGUOUS : VOL_ALLOC_INHERIT;
	int r = 0;

	if (ch->contiguous >= 0 && vol_lv_alloc(lv) == want) {
		err("Allocation policy of logical volume %s is already %s.", name, vol_alloc_name(want));
		return -EALREADY;
	}
	if (ch->contiguous >= 0 && !(r = vol_lv_set_alloc(lv, want)))
		*changed = true;
	if (!r && ch->readahead >= 0 &&
	    !(r = vol_lv_set_read_ahead(lv, ch->readahead == 1, ch->readahead_sectors)))
		*changed = true;
	if (!r && ch->persistent == 0 && !(r = vol_lv_set_persistent(lv, -1, -1)))
		*changed = true;
	return r;
}

/*
 * lvchange -My: as lvm2, an active LV is deactivated (asking first unless
 * -y/-f), the number written, and the LV activated again with it.
 */
static int set_persistent(struct cli *c, struct lvchange *ch, struct vol_vg *vg, struct vol_lv *lv)
{
	struct vol_lv_state st;
	bool active = !c->test && !vol_lv_state(lv, &st) && st.active;
	char name[512];
	int r;

	lv_display_name(lv, name, sizeof(name));
	if (active && !c->force && !c->yes &&
	    !cli_ask(c, "Logical volume %s will be deactivated temporarily. Continue? [y/n]: ", name)) {
		err("%s device number not changed.", name);
		return -ECANCELED;
	}
	if (active && (r = vol_lv_deactivate(lv))) {
		err("Cannot deactivate %s.", name);
		return r;
	}
	if ((r = vol_lv_set_persistent(lv, (int32_t)ch->major, (int32_t)ch->minor)) ||
	    (r = vol_vg_commit(vg)))
		return r;
	note("Logical volume %s changed.", name);
	if (active && (r = vol_lv_activate(lv, ch->mode)))
		err("%s: reactivation failed.", name);
	return r;
}

/* The property changes of lvchange on one LV; *changed if any was made. */
static int change_props(struct cli *c, struct lvchange *ch, struct vol_lv *lv, bool *changed)
{
	char name[512];
	int r = 0;

	lv_display_name(lv, name, sizeof(name));
	if (ch->perm == 1 && vol_lv_is_read_only(lv)) {
		err("Logical volume \"%s\" is already read only.", name);
		return -EINVAL;
	}
	if (ch->perm == 0 && !vol_lv_is_read_only(lv)) {
		err("Logical volume %s is already writable.", name);
		return -EINVAL;
	}
	if (ch->perm >= 0 && !(r = vol_lv_set_read_only(lv, ch->perm == 1)))
		*changed = true;
	for (size_t i = 0; !r && i < ch->add.n; i++)
		if (!(r = vol_lv_add_tag(lv, ch->add.v[i])))
			*changed = true;
	for (size_t i = 0; !r && i < ch->del.n; i++)
		if (!(r = vol_lv_del_tag(lv, ch->del.v[i])))
			*changed = true;
	if (!r && ch->set_alloc && vol_lv_is_partial(lv)) {	/* lvm2's command rule */
		err("Command on LV %s uses options that are invalid with LV properties: lv_is_partial.",
		    name);
		return -EINVAL;
	}
	if (!r && ch->set_alloc && vol_lv_alloc(lv) == ch->alloc) {
		err("Allocation policy of logical volume %s is already %s.", name,
		    vol_alloc_name(ch->alloc));
		return -EALREADY;
	}
	if (!r && ch->set_alloc && !(r = vol_lv_set_alloc(lv, ch->alloc)))
		*changed = true;
	if (!r)
		r = change_dev_props(ch, lv, name, changed);
	if (!r)
		r = change_raid_props(ch, lv, changed);
	(void)c;
	return r;
}

static int lvchange_one(struct cli *c, struct lvchange *ch, struct vol_vg *vg, struct vol_lv *lv)
{
	bool changed = false;
	char name[512];
	int r = change_props(c, ch, lv, &changed);

	if (!r && ch->persistent == 1) {
		if (changed && (r = vol_vg_commit(vg)))
			return r;
		changed = false;
		r = set_persistent(c, ch, vg, lv);
	}

	if (!r && changed && !(r = vol_vg_commit(vg)))
		note("Logical volume %s changed.", lv_display_name(lv, name, sizeof(name)));
	if (!r && ch->activate >= 0 && !(ch->activate && vol_lv_skips_activation(lv) && !ch->ignore_skip))
		r = cli_activate_lv(c, lv, ch->activate, ch->mode);
	if (!r && ch->refresh && !c->test)
		r = vol_lv_refresh_mode(lv, ch->mode);
	if (!r)
		r = raid_actions(c, ch, lv);
	return r;
}

/* As lvm2, lvchange goes on while PVs are missing: activation writes no
 * metadata (the activation mode decides about the LVs on the missing PVs),
 * and LV properties are written to the PVs that are there. */
static unsigned lvchange_open_flags(const struct lvchange *ch)
{
	(void)ch;
	return VOL_OPEN_WRITE | VOL_OPEN_PARTIAL;
}

static int lvchange_arg(struct cli *c, struct lvchange *ch, const char *arg)
{
	unsigned flags = lvchange_open_flags(ch);
	struct vol_vg *vg = NULL;
	struct vol_lv *lv = NULL;
	int r;

	if (!strchr(arg, '/')) {	/* a VG: every visible LV of it */
		if ((r = vol_vg_open(c->ctx, arg, flags, &vg))) {
			cli_vg_unprocessed(arg, r);
			return r;
		}
		for (lv = vol_vg_next_lv(vg, NULL, 0); lv && !r; lv = vol_vg_next_lv(vg, lv, 0))
			r = lvchange_one(c, ch, vg, lv);
		vol_vg_close(vg);
		return r;
	}
	if ((r = open_lv(c, arg, flags, &vg, &lv)))
		return r == EXIT_INVALID ? -EINVAL : -ENOENT;
	r = lvchange_one(c, ch, vg, lv);
	vol_vg_close(vg);
	return r;
}

/* Combinations no lvm2 command definition of lvchange takes. */
static int lvchange_syntax(struct cli *c, const struct lvchange *ch)
{
	(void)c;
	if (ch->contiguous >= 0 && ch->set_alloc)
		return -EINVAL;	/* RULE: --contiguous not --alloc */
	if (ch->persistent == 1 && ch->minor < 0)
		return -EINVAL;	/* lvchange --persistent y --minor Number LV */
	if (ch->persistent != 1 && (ch->major >= 0 || ch->minor >= 0))
		return -EINVAL;	/* --major and --minor belong to -My */
	return 0;
}

int cmd_lvchange(struct cli *c, int argc, char **argv)
{
	struct lvchange ch = { .activate = -1, .perm = -1, .mode = VOL_ACTIVATE_DEGRADED,
			       .writebehind = -1, .min_rate = -1, .max_rate = -1, .contiguous = -1,
			       .persistent = -1, .major = -1, .minor = -1, .readahead = -1 };
	int opt, r, rc = EXIT_OK;

	while ((opt = cli_getopt(c, argc, argv, "a:p:KPC:M:j:r:", lvchange_opts)) != -1)
		if ((r = lvchange_opt(c, &ch, opt, optarg)))
			return r;
	if ((ch.activate < 0 && ch.perm < 0 && !ch.add.n && !ch.del.n && !ch.set_alloc &&
	     !ch.refresh && !ch.syncaction && !ch.resync && !ch.n_rebuild && !ch.n_writemostly &&
	     ch.writebehind < 0 && ch.min_rate < 0 && ch.max_rate < 0 && !ch.monitor &&
	     ch.contiguous < 0 && ch.persistent < 0 && ch.readahead < 0) || optind >= argc ||
	    (r = lvchange_syntax(c, &ch))) {
		err("No command with matching syntax recognised.  Run 'lvchange --help' for more information.");
		return EXIT_INVALID;
	}
	if (ch.activate >= 0 && (ch.perm >= 0 || ch.add.n || ch.del.n || ch.set_alloc))
		err("WARNING: Combining activation change with other commands is not advised.");
	if (ch.mode == VOL_ACTIVATE_PARTIAL)
		err("PARTIAL MODE. Incomplete logical volumes will be processed.");
	if (ch.wait && !ch.syncaction && !ch.resync && !ch.n_rebuild)
		return cli_usage_error(c, "--wait needs --syncaction, --resync or --rebuild.");
	for (int i = optind; i < argc; i++) {
		ch.n_wait = 0;
		if ((r = lvchange_arg(c, &ch, argv[i])) && rc == EXIT_OK)
			rc = cli_exit(r);
		for (size_t k = 0; k < ch.n_wait; k++)	/* the VG is closed: no lock held */
			if ((r = cli_wait_sync(c, ch.wait_vg[k], ch.wait_lv[k])) && rc == EXIT_OK)
				rc = cli_exit(r);
	}
	cli_tags_free(&ch.add);
	cli_tags_free(&ch.del);
	return rc;
}
