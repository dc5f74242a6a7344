/* SPDX-License-Identifier: GPL-2.0-or-later */
/* volume version: our version, libdevmapper's, and the kernel driver's. */
#include <stdio.h>

#include "commands.h"

static void print_target(const struct vol_dm_target *t, void *usr)
{
	(void)usr;
	printf("  Target:           %s v%u.%u.%u\n", t->name, t->version[0], t->version[1],
	       t->version[2]);
}

int cmd_version(struct cli *c, int argc, char **argv)
{
	struct vol_dm_info info;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (optind < argc)
		return cli_usage_error(c, "version takes no arguments");
	vol_dm_info(c->ctx, &info);
	printf("  volume version:   %s\n", vol_version());
	printf("  Library version:  %s (libdevmapper)\n", info.library);
	if (!info.have_driver) {
		printf("  Driver version:   none: this kernel has no device-mapper "
		       "(a device-mapper ioctl failed)\n");
		return EXIT_OK;
	}
	printf("  Driver version:   %s\n", info.driver);
	vol_dm_targets(c->ctx, print_target, NULL);
	return EXIT_OK;
}
