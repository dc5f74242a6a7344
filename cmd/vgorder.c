/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VGs a command processes (for_each_vg: those named, VG or @TAG, in the
 * order given; else every VG, exported ones skipped when the command says
 * so), and the order lvm2 processes VGs in when no argument names them: the reverse
 * of the order its device scan (cli_scan_key) first meets each VG, so
 * the VG whose first device comes last in that walk comes first.  Display
 * commands show VGs in that order, and reports break ties of their sort
 * keys with it (and say their warnings in it).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

struct first_dev {
	char **names;
	size_t n;
	uint64_t *first;	/* each VG's first device in lvm2's walk (cli_scan_key), or UINT64_MAX */
};

static void note_dev(const struct vol_dev_info *d, void *usr)
{
	struct first_dev *f = usr;
	struct stat st;

	if (!d->is_pv || !d->vg_name || !*d->vg_name || stat(d->path, &st) || !S_ISBLK(st.st_mode))
		return;
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->names[i], d->vg_name) && cli_scan_key(st.st_rdev) < f->first[i])
			f->first[i] = cli_scan_key(st.st_rdev);
}

/* Does VG @a come after VG @b?  (Those with no device we can see go last.) */
static bool after(uint64_t a, uint64_t b)
{
	if (a == UINT64_MAX || b == UINT64_MAX)
		return a == UINT64_MAX && b != UINT64_MAX;
	return a < b;
}

void cli_vg_order(struct cli *c, char **names, char **ids, size_t n)
{
	struct first_dev f = { names, n, calloc(n ? n : 1, sizeof(uint64_t)) };

	if (!f.first)
		return;		/* no memory: the order stays the library's */
	for (size_t i = 0; i < n; i++)
		f.first[i] = UINT64_MAX;
	if (!vol_dev_list(c->ctx, note_dev, &f)) {
		/* insertion sort: stable, and n is small */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && after(f.first[j - 1], f.first[j]); j--) {
				uint64_t t = f.first[j];
				char *s = names[j];

				f.first[j] = f.first[j - 1], f.first[j - 1] = t;
				names[j] = names[j - 1], names[j - 1] = s;
				s = ids[j], ids[j] = ids[j - 1], ids[j - 1] = s;
			}
	}
	free(f.first);
}

int cli_vg_ids(struct cli *c, char ***ids, size_t *n)
{
	char **names = NULL;
	int r = vol_vg_list(c->ctx, &names, ids, n);

	if (r)
		return r;
	cli_vg_order(c, names, *ids, *n);
	vol_strv_free(names, *n);
	return 0;
}

/* Is VG @id exported?  (Read quietly: a foreign VG is the command's to refuse.) */
static bool vg_exported(struct cli *c, const char *id)
{
	struct vol_vg *vg;
	bool x = false;

	if (!vol_vg_open(c->ctx, id, c->read_flags | VOL_OPEN_FOREIGN, &vg))
		x = vol_vg_is_exported(vg);
	vol_vg_close(vg);
	return x;
}

void cli_vg_unprocessed(const char *name, int r)
{
	if (r != -EPERM)
		err("Cannot process volume group %s", name);
}

/* The VGs tagged @tag, in lvm2's order; none is no error.  An exit status. */
static int for_each_tagged_vg(struct cli *c, const char *tag,
			      int (*fn)(struct cli *, const char *, void *), void *usr)
{
	char **ids = NULL;
	size_t n = 0;
	int r, rc = EXIT_OK;

	if ((r = cli_vg_ids(c, &ids, &n)))
		return cli_exit(r);
	for (size_t i = 0; i < n; i++) {
		struct vol_vg *vg;
		bool tagged = false;

		if (vol_vg_open(c->ctx, ids[i], VOL_OPEN_READ | (c->read_flags & VOL_OPEN_FOREIGN), &vg))
			continue;	/* said why; the VG is not processed */
		for (size_t k = 0; k < vol_vg_tag_count(vg) && !tagged; k++)
			tagged = !strcmp(vol_vg_tag(vg, k), tag);
		vol_vg_close(vg);
		if (tagged && (r = fn(c, ids[i], usr)) && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	vol_strv_free(ids, n);
	return rc;
}

/* The VGs named (VG or @TAG), in the order given. */
static int for_each_named_vg(struct cli *c, int argc, char **argv,
			     int (*fn)(struct cli *, const char *, void *), void *usr)
{
	int r, rc = EXIT_OK;

	for (int i = optind; i < argc; i++) {
		if (argv[i][0] == '@') {
			if ((r = for_each_tagged_vg(c, argv[i] + 1, fn, usr)) && rc == EXIT_OK)
				rc = r;
			continue;
		}
		if ((r = fn(c, argv[i], usr)) && rc == EXIT_OK) {
			if (r == -ENOENT || r == -ENODEV)	/* not read: lvm2's words */
				cli_vg_unprocessed(argv[i], r);
			rc = cli_exit(r);
		}
	}
	return rc;
}

int for_each_vg(struct cli *c, int argc, char **argv, int (*fn)(struct cli *, const char *, void *),
		void *usr)
{
	char **ids = NULL;
	size_t n = 0;
	int r, rc = EXIT_OK;

	if (optind < argc)
		return for_each_named_vg(c, argc, argv, fn, usr);
	if ((r = cli_vg_ids(c, &ids, &n)))
		return cli_exit(r);
	for (size_t i = 0; i < n; i++) {
		if (c->skip_exported && vg_exported(c, ids[i]))
			continue;	/* lvm2 skips them unless named */
		if ((r = fn(c, ids[i], usr)) && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	vol_strv_free(ids, n);
	return rc;
}
