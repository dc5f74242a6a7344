/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgcfgbackup, vgcfgrestore, vgck, vgscan, pvscan. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "commands.h"

enum { OPT_UPDATEMETADATA = OPT_FIRST_CMD };

static const struct option file_opts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 },
};

struct backup_args {
	const char *tmpl;	/* -f FILE, where %s stands for the VG name */
	size_t nvgs;
};

static int backup_one(struct cli *c, const char *name, void *usr)
{
	const struct backup_args *a = usr;
	struct vol_vg *vg;
	char file[4096];
	int r;

	if ((r = vol_vg_open(c->ctx, name, c->read_flags, &vg)))
		return r;
	if (a->tmpl) {
		const char *s = strstr(a->tmpl, "%s");

		if (s)
			snprintf(file, sizeof(file), "%.*s%s%s", (int)(s - a->tmpl), a->tmpl,
				 vol_vg_name(vg), s + 2);
		else
			snprintf(file, sizeof(file), "%s", a->tmpl);
	}
	r = vol_vg_backup(vg, a->tmpl ? file : NULL);
	if (!r)
		note("Volume group \"%s\" successfully backed up.", vol_vg_name(vg));
	vol_vg_close(vg);
	return r;
}

int cmd_vgcfgbackup(struct cli *c, int argc, char **argv)
{
	struct backup_args a = { NULL, 0 };
	char **names = NULL;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "f:", file_opts)) != -1) {
		if (opt != 'f')
			return EXIT_INVALID;
		a.tmpl = optarg;
	}
	a.nvgs = (size_t)(argc - optind);
	if (!a.nvgs && vol_vg_uuids(c->ctx, &names, &a.nvgs) == 0)
		vol_strv_free(names, a.nvgs);
	if (a.tmpl && a.nvgs > 1 && !strstr(a.tmpl, "%s"))
		return cli_usage_error(c, "VGs must be backed up into different files. "
				       "Use %%s in filename for VG name.");
	return for_each_vg(c, argc, argv, backup_one, &a);
}

struct listing {
	const char *name;
	int count;
};

static void print_archive(const struct vol_archive_info *a, void *usr)
{
	time_t t = (time_t)a->time;
	char buf[64] = "";
	struct listing *l = usr;

	l->count++;
	if (a->time)
		strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", localtime(&t));
	printf("   \n");
	printf("  File:\t\t%s\n", a->path);
	printf("  VG name:    \t%s\n", l->name);
	printf("  Description:\t%s\n", a->description);
	printf("  Backup Time:\t%s\n", buf);
}

static const struct option restore_opts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "list", no_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

int cmd_vgcfgrestore(struct cli *c, int argc, char **argv)
{
	const char *file = NULL, *why;
	bool list = false;
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "f:l", restore_opts)) != -1) {
		if (opt == 'f')
			file = optarg;
		else if (opt == 'l')
			list = true;
		else
			return EXIT_INVALID;
	}
	if (argc - optind != 1)
		return cli_usage_error(c, "Please specify a single volume group to restore.");
	if (vol_name_check(argv[optind], &why))
		return cli_usage_error(c, "Volume group name \"%s\" is invalid.", argv[optind]);
	if (list) {
		struct listing l = { argv[optind], 0 };

		if (file && access(file, F_OK)) {	/* that file only, as lvm2 */
			err("Archive file %s not found.", file);
			return EXIT_FAILED;
		}
		if (file)
			return cli_exit(vol_archive_file(c->ctx, file, print_archive, &l));
		r = vol_vg_archives(c->ctx, argv[optind], print_archive, &l);
		if (!r && !l.count) {
			err("No archives found for volume group %s.", argv[optind]);
			return EXIT_FAILED;
		}
		return cli_exit(r);
	}
	return cli_exit(vol_vg_restore(c->ctx, argv[optind], file, c->force ? VOL_FORCE : 0));
}

struct vgck_count {
	size_t fatal, missing;
};

/* Problems that stop the VG from being used fail vgck; the others (which
 * --updatemetadata or the next write repairs) are warnings, as in lvm2. */
static void print_problem(const struct vol_problem *p, void *usr)
{
	struct vgck_count *n = usr;

	if (p->fatal && !p->device) {
		n->missing++;	/* said once, in lvm2's words, below */
		return;
	}
	n->fatal += p->fatal;
	err(p->fatal ? "%s" : "WARNING: %s", p->text);
}

static const struct option vgck_opts[] = {
	{ "updatemetadata", no_argument, NULL, OPT_UPDATEMETADATA },
	{ NULL, 0, NULL, 0 },
};

static int vgck_one(struct cli *c, const char *name, void *usr)
{
	bool update = *(bool *)usr;
	struct vgck_count cnt = { 0, 0 };
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, name, (update ? VOL_OPEN_WRITE : VOL_OPEN_READ) | VOL_OPEN_PARTIAL,
			    &vg);
	int n;

	if (r)
		return r;
	if (vol_vg_is_exported(vg)) {	/* as lvm2: check it where it is imported */
		err("Volume group %s is exported", vol_vg_name(vg));
		vol_vg_close(vg);
		return -EPERM;
	}
	n = vol_vg_check(vg, print_problem, &cnt);
	if (cnt.missing)
		err("The volume group is missing %zu physical volumes.", cnt.missing);
	if (update) {
		r = vol_vg_update_metadata(vg);
		if (!r && n)
			note("Rewrote the metadata of VG %s on every present PV (%d problem(s) found).",
			     vol_vg_name(vg), n);
	} else if (cnt.fatal || cnt.missing) {
		r = -EBADMSG;
	} else if (n < 0) {
		r = n;
	}
	vol_vg_close(vg);
	return r;
}

int cmd_vgck(struct cli *c, int argc, char **argv)
{
	bool update = false;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "", vgck_opts)) != -1) {
		if (opt != OPT_UPDATEMETADATA)
			return EXIT_INVALID;
		update = true;
	}
	c->skip_exported = true;
	return for_each_vg(c, argc, argv, vgck_one, &update);
}

int cmd_vgscan(struct cli *c, int argc, char **argv)
{
	char **names = NULL;
	size_t n = 0;
	int opt, r, rc = EXIT_OK;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (optind < argc) {	/* lvm2's words */
		err("Command does not accept argument: %s.", argv[optind]);
		return EXIT_INVALID;
	}
	/* as lvm2: every VG read (and warned about), in its order */
	if ((r = cli_vg_ids(c, &names, &n)))
		return cli_exit(r);
	for (size_t i = 0; i < n; i++) {
		struct vol_vg *vg;

		if ((r = vol_vg_open(c->ctx, names[i], c->read_flags, &vg))) {
			rc = cli_exit(r);	/* the library said why */
			continue;
		}
		out("Found %svolume group \"%s\" using metadata type lvm2",
		    vol_vg_is_exported(vg) ? "exported " : "", vol_vg_name(vg));
		vol_vg_close(vg);
	}
	vol_strv_free(names, n);
	return rc;
}

struct pvscan_totals {
	size_t n, n_in_vg;
	uint64_t size, size_vg, size_free_novg;
	int width, vg_width;
	bool exported_only, orphans_only, names_only, uuids;	/* -e -n -s -u */
};

static void widen(const struct vol_dev_info *d, void *usr)
{
	struct pvscan_totals *t = usr;
	int len = (int)strlen(d->path) + 2;

	if (d->is_pv && len > t->width)
		t->width = len;
}

/* lvm2's columns: the longest PV device name and the longest VG name (its
 * orphan VG "#orphans_lvm2" among them), each plus two. */
static void pvscan_widths(struct cli *c, struct pvscan_totals *t)
{
	char **names = NULL, **ids = NULL;
	size_t n = 0;

	t->width = 2;
	t->vg_width = (int)strlen("#orphans_lvm2") + 2;
	vol_dev_list(c->ctx, widen, t);
	if (vol_vg_list(c->ctx, &names, &ids, &n))
		return;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(names[i]) + 2 > t->vg_width)
			t->vg_width = (int)strlen(names[i]) + 2;
	vol_strv_free(names, n);
	vol_strv_free(ids, n);
}

/* The PV column: its name, or with -u "NAME with UUID UUID", as lvm2 pads them. */
static int pv_column(const struct pvscan_totals *t, struct vol_pv *pv, char *buf, size_t len)
{
	if (!t->uuids) {
		snprintf(buf, len, "%s", vol_pv_name(pv));
		return t->width;
	}
	snprintf(buf, len, "%-*s with UUID %s", t->width - 2, vol_pv_name(pv), vol_pv_uuid(pv));
	return t->width + 50;
}

static void pvscan_line(struct pvscan_totals *t, struct vol_pv *pv, bool in_vg)
{
	char size[32], free_[32], name[512];
	int w;

	if ((t->exported_only && !(in_vg && vol_pv_is_exported(pv))) || (t->orphans_only && in_vg))
		return;
	fmt_size_long(in_vg ? vol_pv_size(pv) : vol_pv_dev_size(pv), size, sizeof(size));
	fmt_size_long(vol_pv_free(pv), free_, sizeof(free_));
	w = pv_column(t, pv, name, sizeof(name));
	if (t->names_only)
		out("%s", vol_pv_name(pv));
	else if (!in_vg)
		out("PV %-*s    %-*s lvm2 [%s]", w, name, t->vg_width, " ", size);
	else if (vol_pv_is_exported(pv))
		out("PV %-*s  is in exported VG %s [%s / %s free]", w, name, vol_pv_vg_name(pv), size,
		    free_);
	else
		out("PV %-*s VG %-*s lvm2 [%s / %s free]", w, name, t->vg_width, vol_pv_vg_name(pv),
		    size, free_);
	t->n++;
	t->size += in_vg ? vol_pv_size(pv) : vol_pv_dev_size(pv);
	if (in_vg) {
		t->n_in_vg++;
		t->size_vg += vol_pv_size(pv);
	} else {
		t->size_free_novg += vol_pv_dev_size(pv);
	}
}

/* pvscan's listing (no --cache): every PV, lvm2's widths, the totals. */
static int pvscan_list(struct cli *c, struct pvscan_totals *t)
{
	char **names = NULL, a[32], b[32], d[32];
	size_t n = 0, norph = 0;
	int r, rc = EXIT_OK;

	if (t->exported_only && t->orphans_only) {
		err("Options -e and -n are incompatible");
		return EXIT_INVALID;
	}
	if (t->exported_only || t->orphans_only)
		err("WARNING: only considering physical volumes %s", t->exported_only ?
		    "of exported volume group(s)" : "in no volume group");
	if ((r = cli_vg_ids(c, &names, &n)) || (r = vol_orphan_count(c->ctx, &norph)))
		return cli_exit(r);
	pvscan_widths(c, t);
	for (size_t i = 0; i < n; i++) {
		struct vol_vg *vg;

		if ((r = vol_vg_open(c->ctx, names[i], c->read_flags, &vg))) {
			rc = cli_exit(r);	/* the library said why */
			continue;
		}
		for (size_t k = 0; k < vol_vg_pv_count(vg); k++)
			pvscan_line(t, vol_vg_pv(vg, k), true);
		vol_vg_close(vg);
	}
	vol_strv_free(names, n);
	vol_orphan_count(c->ctx, &norph);
	for (size_t i = 0; i < norph; i++)
		pvscan_line(t, vol_orphan_pv(c->ctx, i), false);
	if (!t->n) {
		out("No matching physical volumes found");
		return rc;
	}
	fmt_size_long(t->size, a, sizeof(a));
	fmt_size_long(t->size_vg, b, sizeof(b));
	fmt_size_long(t->size_free_novg, d, sizeof(d));
	out("Total: %zu [%s] / in use: %zu [%s] / in no VG: %zu [%s]", t->n, a, t->n_in_vg, b,
	    t->n - t->n_in_vg, d);
	return rc;
}

/* -e, -n, -s, -u of the listing; false for another option. */
static bool list_flag(int opt, struct pvscan_totals *t)
{
	switch (opt) {
	case 'e': t->exported_only = true; return true;
	case 'n': t->orphans_only = true; return true;
	case 's': t->names_only = true; return true;
	case 'u': t->uuids = true; return true;
	default: return false;
	}
}

enum { OPT_CACHE = OPT_FIRST_CMD + 0x40, OPT_MAJOR, OPT_MINOR };

static const struct option pvscan_opts[] = {
	{ "cache", no_argument, NULL, OPT_CACHE },
	{ "activate", required_argument, NULL, 'a' },
	{ "major", required_argument, NULL, OPT_MAJOR },
	{ "minor", required_argument, NULL, OPT_MINOR },
	{ "exported", no_argument, NULL, 'e' },
	{ "novolumegroup", no_argument, NULL, 'n' },
	{ "short", no_argument, NULL, 's' },
	{ "uuid", no_argument, NULL, 'u' },
	{ NULL, 0, NULL, 0 },
};

struct online {
	struct cli *c;
	bool activate;
	char **complete;	/* VGs to autoactivate */
	size_t n;
};

/* lvm2's lines, prefixed "pvscan[PID]" as its event-driven runs are. */
static void online_line(const struct vol_online_info *i, void *usr)
{
	struct online *o = usr;
	char **v;

	if (!i->online) {
		out("pvscan[%d] PV %s not used.", (int)getpid(), i->device);
		return;
	}
	if (!o->activate || !i->vg_complete) {
		out("pvscan[%d] PV %s online.", (int)getpid(), i->device);
		return;
	}
	out("pvscan[%d] PV %s online, VG %s is complete.", (int)getpid(), i->device, i->vg);
	if ((v = realloc(o->complete, (o->n + 1) * sizeof(*v))) && (v[o->n] = strdup(i->vg))) {
		o->complete = v;
		o->n++;
	} else if (v) {
		o->complete = v;
	}
}

/* --major M --minor m: the device's node, from sysfs (udev's way of naming it). */
static int devno_path(struct cli *c, long maj, long min, char *buf, size_t len)
{
	char path[96], line[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/sys/dev/block/%ld:%ld/uevent", maj, min);
	if (!(f = fopen(path, "re")))
		return cli_usage_error(c, "No device %ld:%ld.", maj, min);
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, "DEVNAME=", 8)) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(buf, len, "/dev/%s", line + 8);
			found = 1;
		}
	fclose(f);
	return found ? 0 : cli_usage_error(c, "No device %ld:%ld.", maj, min);
}

/* pvscan --cache [-aay] [DEV...]: record PVs online for autoactivation, and
 * with -aay activate the VGs they complete, once each. */
static int pvscan_cache(struct cli *c, bool activate, int argc, char **argv)
{
	struct online o = { c, activate, NULL, 0 };
	int r = vol_pvscan_cache(c->ctx, (const char *const *)argv, (size_t)argc, online_line, &o);

	for (size_t i = 0; i < o.n; i++) {
		if (!r && vol_vg_claim_autoactivation(c->ctx, o.complete[i]) == 0) {
			out("pvscan[%d] VG %s run autoactivation.", (int)getpid(), o.complete[i]);
			r = cli_vg_autoactivate(c, o.complete[i]);
		} else if (!r) {
			out("pvscan[%d] VG %s skip autoactivation.", (int)getpid(), o.complete[i]);
		}
		free(o.complete[i]);
	}
	free(o.complete);
	return cli_exit(r);
}

int cmd_pvscan(struct cli *c, int argc, char **argv)
{
	struct pvscan_totals t = { 0 };
	bool cache = false, activate = false;
	long maj = -1, min = -1;
	char node[600], *one[1] = { node };
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "a:ensu", pvscan_opts)) != -1) {
		if (list_flag(opt, &t)) {
			continue;
		} else if (opt == OPT_CACHE) {
			cache = true;
		} else if (opt == 'a') {
			if (strcmp(optarg, "ay") && strcmp(optarg, "y") && strcmp(optarg, "n"))
				return cli_usage_error(c, "Invalid argument for --activate: %s", optarg);
			activate = strcmp(optarg, "n") != 0;
		} else if (opt == OPT_MAJOR || opt == OPT_MINOR) {	/* how udev names it */
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 0)
				return cli_usage_error(c, "Invalid device number: %s", optarg);
			*(opt == OPT_MAJOR ? &maj : &min) = v;
		} else {
			return EXIT_INVALID;
		}
	}
	if ((maj < 0) != (min < 0))
		return cli_usage_error(c, "--major and --minor go together.");
	if (maj >= 0 && cache) {
		if ((r = devno_path(c, maj, min, node, sizeof(node))))
			return r;
		return pvscan_cache(c, activate, 1, one);
	}
	if (activate && !cache)
		return cli_usage_error(c, "--activate needs --cache.");
	if (cache)
		return pvscan_cache(c, activate, argc - optind, argv + optind);
	if (optind < argc) {	/* lvm2's words */
		err("Command does not accept argument: %s.", argv[optind]);
		return EXIT_INVALID;
	}
	return pvscan_list(c, &t);
}
