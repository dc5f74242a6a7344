/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvmdiskscan: every device in scope with its size, PVs marked, and lvm2's
 * four count lines (a name ending in a digit counts as a partition). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "units.h"

struct disk {
	char *path;
	uint64_t size;
	bool is_pv;
	dev_t rdev;
};

struct disks {
	struct disk *v;
	size_t n, cap;
	bool failed;
};

static void note_disk(const struct vol_dev_info *d, void *usr)
{
	struct disks *ds = usr;
	struct stat st;

	if (ds->n == ds->cap) {
		size_t cap = ds->cap ? ds->cap * 2 : 16;
		struct disk *v = realloc(ds->v, cap * sizeof(*v));

		if (!v) {
			ds->failed = true;
			return;
		}
		ds->v = v;
		ds->cap = cap;
	}
	if (!(ds->v[ds->n].path = strdup(d->path))) {
		ds->failed = true;
		return;
	}
	ds->v[ds->n].size = d->size;
	ds->v[ds->n].is_pv = d->is_pv;
	ds->v[ds->n].rdev = stat(d->path, &st) ? 0 : st.st_rdev;
	ds->n++;
}

/* lvm2 lists devices in the order it walks its device cache. */
static int by_rdev(const void *a, const void *b)
{
	uint32_t x = cli_scan_key(((const struct disk *)a)->rdev);
	uint32_t y = cli_scan_key(((const struct disk *)b)->rdev);

	return x < y ? -1 : x > y;
}

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

static void show(const struct disks *ds, bool pvs_only)
{
	int width = 0, disks = 0, parts = 0, pv_disks = 0, pv_parts = 0;
	char size[48];

	for (size_t i = 0; i < ds->n; i++)
		if ((int)strlen(ds->v[i].path) > width)
			width = (int)strlen(ds->v[i].path);
	for (size_t i = 0; i < ds->n; i++) {
		const struct disk *d = &ds->v[i];
		bool part = isdigit((unsigned char)d->path[strlen(d->path) - 1]);

		if (!d->is_pv && pvs_only)
			continue;
		fmt_size_long(d->size, size, sizeof(size));
		out("%-*s [%15s] %s", width, d->path, size, d->is_pv ? "LVM physical volume" : "");
		if (d->is_pv)
			part ? pv_parts++ : pv_disks++;
		else
			part ? parts++ : disks++;
	}
	if (!pvs_only) {
		out("%d disk%s", disks, plural(disks));
		out("%d partition%s", parts, plural(parts));
	}
	out("%d LVM physical volume whole disk%s", pv_disks, plural(pv_disks));
	out("%d LVM physical volume%s", pv_parts, plural(pv_parts));
}

static const struct option opts[] = {
	{ "lvmpartition", no_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

int cmd_lvmdiskscan(struct cli *c, int argc, char **argv)
{
	struct disks ds = { 0 };
	bool pvs_only = false;
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "l", opts)) != -1) {
		if (opt != 'l')
			return EXIT_INVALID;
		pvs_only = true;
	}
	if (optind < argc) {
		err("Command does not accept argument: %s.", argv[optind]);
		return EXIT_INVALID;
	}
	if (pvs_only)
		err("WARNING: only considering LVM devices");
	r = vol_dev_list(c->ctx, note_disk, &ds);
	if (!r && !ds.failed) {
		qsort(ds.v, ds.n, sizeof(*ds.v), by_rdev);
		show(&ds, pvs_only);
	}
	for (size_t i = 0; i < ds.n; i++)
		free(ds.v[i].path);
	free(ds.v);
	return r ? cli_exit(r) : ds.failed ? EXIT_FAILED : EXIT_OK;
}
