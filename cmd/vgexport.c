/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgexport and vgimport: the VGs named, or all of them with -a, in lvm2's order. */
#include <errno.h>

#include "commands.h"

static const struct option export_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 },
};

/* The forms lvm2's command table accepts: -a alone, or VG names. */
static int vgs_or_all(struct cli *c, int argc, char **argv)
{
	bool all = false;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "a", export_opts)) != -1) {
		if (opt != 'a')
			return EXIT_INVALID;
		all = true;
	}
	if (!all && optind >= argc)
		return cli_no_syntax(c);
	if (all && optind < argc) {
		err("Command does not accept argument: %s.", argv[optind]);
		return EXIT_INVALID;
	}
	return 0;
}

static int export_one(struct cli *c, const char *name, void *usr)
{
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, name, VOL_OPEN_WRITE, &vg);

	(void)usr;
	if (!r && !(r = vol_vg_export(vg)) && !(r = vol_vg_commit(vg)))
		note("Volume group \"%s\" successfully exported", vol_vg_name(vg));
	vol_vg_close(vg);
	return r;
}

int cmd_vgexport(struct cli *c, int argc, char **argv)
{
	int r = vgs_or_all(c, argc, argv);

	if (r)
		return r;
	c->skip_exported = true;	/* -a: the VGs not exported yet */
	return for_each_vg(c, argc, argv, export_one, NULL);
}

static int import_one(struct cli *c, const char *name, void *usr)
{
	struct vol_vg *vg;
	unsigned flags = VOL_OPEN_WRITE | VOL_OPEN_EXPORTED | (c->force ? VOL_OPEN_PARTIAL : 0);
	int r = vol_vg_open(c->ctx, name, flags, &vg);

	(void)usr;
	if (!r && !(r = vol_vg_import(vg, cli_force_flags(c))) && !(r = vol_vg_commit(vg)))
		note("Volume group \"%s\" successfully imported", vol_vg_name(vg));
	vol_vg_close(vg);
	return r;
}

int cmd_vgimport(struct cli *c, int argc, char **argv)
{
	int r = vgs_or_all(c, argc, argv);

	if (r)
		return r;
	if (c->force)
		err("WARNING: Volume groups with missing PVs will be imported with --force.");
	return for_each_vg(c, argc, argv, import_one, NULL);
}
