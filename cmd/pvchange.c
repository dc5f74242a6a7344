/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvchange, as lvm2's: the PVs named (devices or @tags) or all of them
 * (-a), those of VGs first (VG by VG, each PV committed on its own), then
 * orphans; lvm2's messages for each PV and its count at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_ADDTAG = OPT_FIRST_CMD, OPT_DELTAG, OPT_MDAIGNORE };

static const struct option pvchange_opts[] = {
	{ "allocatable", required_argument, NULL, 'x' },
	{ "addtag", required_argument, NULL, OPT_ADDTAG },
	{ "deltag", required_argument, NULL, OPT_DELTAG },
	{ "metadataignore", required_argument, NULL, OPT_MDAIGNORE },
	{ "uuid", no_argument, NULL, 'u' },
	{ "all", no_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 },
};

struct pvchange {
	int allocatable;	/* -1: unchanged */
	int mda_ignore;		/* -1: unchanged */
	bool uuid, all;
	struct cli_tags add, del;
	char **args;		/* the PV arguments */
	int n_args;
	bool *used;		/* per argument: it named a PV that was processed */
	unsigned done, total;
	int rc;
};

static void failed(struct pvchange *p, int code)
{
	if (p->rc == EXIT_OK)
		p->rc = code;
}

/* Is @pv (of VG @vg, NULL for orphans) one the command line names? */
static bool wanted(struct pvchange *p, struct vol_pv *pv, struct vol_vg *vg, bool *named)
{
	bool hit = p->all;

	*named = false;
	for (int i = 0; i < p->n_args; i++) {
		const char *a = p->args[i];
		bool match = false;

		if (*a == '@') {
			for (size_t t = 0; vg && t < vol_pv_tag_count(pv); t++)
				match |= !strcmp(vol_pv_tag(pv, t), a + 1);
		} else if (cli_pv_matches(pv, a)) {
			match = true;
			*named = true;
		}
		if (match)
			p->used[i] = hit = true;
	}
	return hit && !vol_pv_is_missing(pv);
}

/* The changes on one PV, as lvm2 makes them; *done when any was made. */
static int change(struct cli *c, struct pvchange *p, struct vol_pv *pv, bool *done)
{
	const char *name = vol_pv_name(pv);
	bool orphan = vol_pv_vg_name(pv)[0] == '\0';
	int r = 0;

	if (orphan && (p->add.n || p->del.n)) {
		err("Can't change tag on Physical Volume %s not in volume group", name);
		return -EINVAL;
	}
	if (orphan && vol_pv_state(pv) == VOL_PV_UNREADABLE && vol_pv_is_in_use(pv) && c->force < 2) {
		err("PV %s is used by a VG but its metadata is missing.", name);
		err("Can't change PV '%s' without -ff.", name);
		return -EBUSY;
	}
	if (p->allocatable >= 0) {
		if (orphan)
			return vol_pv_set_allocatable(pv, p->allocatable);	/* lvm2's refusal */
		if (p->allocatable == vol_pv_is_allocatable(pv))
			err("Physical volume \"%s\" is already %sallocatable.", name,
			    p->allocatable ? "" : "un");
		else if (!(r = vol_pv_set_allocatable(pv, p->allocatable)))
			*done = true;
	}
	for (size_t i = 0; !r && i < p->add.n; i++)
		r = vol_pv_add_tag(pv, p->add.v[i]);
	for (size_t i = 0; !r && i < p->del.n; i++)
		r = vol_pv_del_tag(pv, p->del.v[i]);
	*done |= !r && (p->add.n || p->del.n);
	if (!r && p->mda_ignore >= 0 &&
	    !(r = vol_pv_set_metadata_ignored(pv, p->mda_ignore, cli_force_flags(c))))
		*done = true;
	if (!r && p->uuid && !(r = vol_pv_new_uuid(pv, cli_force_flags(c))))
		*done = true;
	return r;
}

/* One PV: changed, committed (members), and said so. */
static void change_one(struct cli *c, struct pvchange *p, struct vol_pv *pv, struct vol_vg *vg)
{
	bool done = false;
	char name[4096];
	int r;

	snprintf(name, sizeof(name), "%s", vol_pv_name(pv));
	p->total++;
	r = change(c, p, pv, &done);
	if (!r && !done) {
		note("Physical volume %s not changed", name);
		return;
	}
	if (!r && vg && (r = vol_vg_commit(vg)))
		err("Failed to store physical volume \"%s\" in volume group \"%s\"", name,
		    vol_vg_name(vg));
	if (r) {
		err("Physical volume %s not changed", name);
		failed(p, EXIT_FAILED);
		return;
	}
	note("Physical volume \"%s\" changed", name);
	p->done++;
}

/* The wanted PVs of one VG, each changed and committed on its own. */
static void change_vg(struct cli *c, struct pvchange *p, const char *uuid)
{
	struct vol_vg *vg;
	char **paths;
	size_t n = 0, np;
	bool named, exported;
	int r;

	if (vol_vg_open(c->ctx, uuid, c->read_flags, &vg))
		return;	/* a VG we cannot read holds no PV we can change */
	np = vol_vg_pv_count(vg);
	exported = vol_vg_is_exported(vg);
	if (!(paths = calloc(np + 1, sizeof(*paths)))) {
		vol_vg_close(vg);
		failed(p, EXIT_FAILED);
		return;
	}
	for (size_t i = 0; i < np; i++) {
		struct vol_pv *pv = vol_vg_pv(vg, i);

		if (!wanted(p, pv, vg, &named))
			continue;
		if (!exported)
			paths[n++] = strdup(vol_pv_name(pv));
		else if (named) {	/* lvm2 names it; -a and tags skip it */
			err("Cannot use PV %s in exported VG %s.", vol_pv_name(pv), vol_vg_name(vg));
			failed(p, EXIT_FAILED);
		}
	}
	vol_vg_close(vg);
	for (size_t i = 0; i < n; i++) {
		struct vol_pv *pv;

		if (!paths[i] || (r = vol_vg_open(c->ctx, uuid, VOL_OPEN_WRITE, &vg))) {
			failed(p, EXIT_FAILED);
			break;
		}
		if ((pv = vol_vg_pv_by_name(vg, paths[i])))
			change_one(c, p, pv, vg);
		vol_vg_close(vg);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

/* Orphans by path: a change rewrites the list, so each is looked up afresh. */
static void change_orphans(struct cli *c, struct pvchange *p)
{
	char **paths;
	size_t n = 0, k = 0;
	bool named;

	if (vol_orphan_count(c->ctx, &n) || !(paths = calloc(n + 1, sizeof(*paths)))) {
		failed(p, EXIT_FAILED);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (wanted(p, vol_orphan_pv(c->ctx, i), NULL, &named))
			paths[k++] = strdup(vol_pv_name(vol_orphan_pv(c->ctx, i)));
	for (size_t i = 0; i < k; i++) {
		size_t m = 0;

		vol_orphan_count(c->ctx, &m);
		for (size_t j = 0; paths[i] && j < m; j++)
			if (!strcmp(vol_pv_name(vol_orphan_pv(c->ctx, j)), paths[i])) {
				change_one(c, p, vol_orphan_pv(c->ctx, j), NULL);
				break;
			}
		free(paths[i]);
	}
	free(paths);
}

/* Device arguments lvm2 rejects before it processes any PV. */
static void check_devices(struct cli *c, struct pvchange *p)
{
	struct vol_dev_info d;
	const char *why;

	for (int i = 0; i < p->n_args; i++) {
		if (p->args[i][0] == '@')
			continue;
		switch (vol_dev_lookup(c->ctx, p->args[i], &d, &why)) {
		case 0:
			continue;
		case -ENODEV:
			err("Cannot use %s: %s", p->args[i], why);
			break;
		default:
			err("Cannot use %s: device not found", p->args[i]);
			break;
		}
		p->used[i] = true;	/* said already */
		failed(p, EXIT_FAILED);
	}
}

static int pvchange_opt(struct cli *c, struct pvchange *p, int opt, const char *arg)
{
	bool yn;

	switch (opt) {
	case 'x':
		if (parse_yn(arg, &yn))
			return cli_invalid_arg(c, "allocatable", arg);
		p->allocatable = yn;
		return 0;
	case OPT_MDAIGNORE:
		if (parse_yn(arg, &yn))
			return cli_invalid_arg(c, "metadataignore", arg);
		p->mda_ignore = yn;
		return 0;
	case OPT_ADDTAG:
		return cli_tag_arg(c, &p->add, "addtag", arg);
	case OPT_DELTAG:
		return cli_tag_arg(c, &p->del, "deltag", arg);
	case 'u':
		p->uuid = true;
		return 0;
	case 'a':
		p->all = true;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

/* The forms lvm2's command table accepts: a change, and PVs or -a. */
static int check_args(struct cli *c, const struct pvchange *p, int argc, char **args)
{
	if ((p->allocatable < 0 && p->mda_ignore < 0 && !p->uuid && !p->add.n && !p->del.n) ||
	    (!p->all && !argc))
		return cli_no_syntax(c);
	if (p->all && argc) {
		err("Command does not accept argument: %s.", args[0]);
		return EXIT_INVALID;
	}
	return 0;
}

static void run(struct cli *c, struct pvchange *p)
{
	char **uuids = NULL;
	size_t n = 0;

	check_devices(c, p);
	if (cli_vg_ids(c, &uuids, &n)) {
		failed(p, EXIT_FAILED);
		return;
	}
	for (size_t i = 0; i < n; i++)
		change_vg(c, p, uuids[i]);
	vol_strv_free(uuids, n);
	change_orphans(c, p);
	for (int i = 0; i < p->n_args; i++)
		if (!p->used[i] && p->args[i][0] != '@') {
			err("Failed to find physical volume \"%s\".", p->args[i]);
			failed(p, EXIT_FAILED);
		}
}

int cmd_pvchange(struct cli *c, int argc, char **argv)
{
	struct pvchange p = { .allocatable = -1, .mda_ignore = -1 };
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "x:ua", pvchange_opts)) != -1)
		if ((r = opt == '?' ? EXIT_INVALID : pvchange_opt(c, &p, opt, optarg)))
			goto out;
	if ((r = check_args(c, &p, argc - optind, argv + optind)))
		goto out;
	p.args = argv + optind;
	p.n_args = argc - optind;
	if (!(p.used = calloc((size_t)p.n_args + 1, sizeof(*p.used)))) {
		r = EXIT_FAILED;
		goto out;
	}
	run(c, &p);
	note("%u physical volume%s changed / %u physical volume%s not changed", p.done,
	     p.done == 1 ? "" : "s", p.total - p.done, p.total - p.done == 1 ? "" : "s");
	r = p.rc;
out:
	free(p.used);
	cli_tags_free(&p.add);
	cli_tags_free(&p.del);
	return r;
}
