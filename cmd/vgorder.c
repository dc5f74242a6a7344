/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VGs a command processes, in lvm2's order: those named, in the order
 * given; or else every VG, the one whose first PV the scan finds last
 * first (lvm2's cache lists VGs newest first).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The VG names in the order their first PV is found (device scan order). */
struct vg_order {
	char **v;
	size_t n, cap;
};

static void note_vg(const struct vol_dev_info *d, void *usr)
{
	struct vg_order *o = usr;

	if (!d->is_pv || !*d->vg_name)
		return;
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->v[i], d->vg_name))
			return;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 16;
		char **v = realloc(o->v, cap * sizeof(*v));

		if (!v)
			return;
		o->v = v;
		o->cap = cap;
	}
	if ((o->v[o->n] = strdup(d->vg_name)))
		o->n++;
}

size_t *cli_vg_order(struct cli *c, char **names, size_t n)
{
	struct vg_order o = { 0 };
	size_t *pos = calloc(n + 1, sizeof(*pos)), k = 0;
	bool *taken = calloc(n + 1, sizeof(*taken));

	if (!pos || !taken) {
		free(pos);
		free(taken);
		return NULL;
	}
	vol_dev_list(c->ctx, note_vg, &o);
	for (size_t j = o.n; j-- > 0;)
		for (size_t i = 0; i < n; i++)
			if (!taken[i] && !strcmp(names[i], o.v[j]))
				taken[i] = true, pos[k++] = i;
	for (size_t i = 0; i < n; i++)
		if (!taken[i])
			pos[k++] = i;
	for (size_t j = 0; j < o.n; j++)
		free(o.v[j]);
	free(o.v);
	free(taken);
	return pos;
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

int for_each_vg(struct cli *c, int argc, char **argv, int (*fn)(struct cli *, const char *, void *),
		void *usr)
{
	char **ids = NULL, **names = NULL;
	size_t n = 0, *pos;
	int r, rc = EXIT_OK;

	if (optind < argc) {
		for (int i = optind; i < argc; i++)
			if ((r = fn(c, argv[i], usr)) && rc == EXIT_OK) {
				if (r == -ENOENT || r == -ENODEV)	/* not read: lvm2's words */
					cli_vg_unprocessed(argv[i], r);
				rc = cli_exit(r);
			}
		return rc;
	}
	if ((r = vol_vg_list(c->ctx, &names, &ids, &n)))
		return cli_exit(r);
	if (!(pos = cli_vg_order(c, names, n)))
		rc = EXIT_FAILED;
	for (size_t i = 0; pos && i < n; i++) {
		if (c->skip_exported && vg_exported(c, ids[pos[i]]))
			continue;	/* lvm2 skips them unless named */
		if ((r = fn(c, ids[pos[i]], usr)) && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	free(pos);
	vol_strv_free(names, n);
	vol_strv_free(ids, n);
	return rc;
}
