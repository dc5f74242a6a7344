/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vgimportclone: a VG copied block for block from another gets new UUIDs and a new name. */
#include <stdlib.h>

#include "commands.h"

enum { OPT_IMPORTDEVICES = OPT_FIRST_CMD };

static const struct option clone_opts[] = {
	{ "basevgname", required_argument, NULL, 'n' },
	{ "import", no_argument, NULL, 'i' },
	{ "importdevices", no_argument, NULL, OPT_IMPORTDEVICES },
	{ NULL, 0, NULL, 0 },
};

int cmd_vgimportclone(struct cli *c, int argc, char **argv)
{
	struct vol_clone_params p;
	char *name = NULL;
	int opt, r;

	vol_clone_params_init(&p);
	while ((opt = cli_getopt(c, argc, argv, "n:i", clone_opts)) != -1)
		switch (opt) {
		case 'n':
			p.base_name = optarg;
			break;
		case 'i':
			p.flags |= VOL_CLONE_IMPORT;
			break;
		case OPT_IMPORTDEVICES:
			p.flags |= VOL_CLONE_IMPORT_DEVICES;
			break;
		default:
			return EXIT_INVALID;
		}
	if (optind >= argc)
		return cli_no_syntax(c);
	r = vol_vg_import_clone(c->ctx, (const char *const *)argv + optind, (size_t)(argc - optind),
				&p, &name);
	free(name);
	return cli_exit(r);
}
