/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pvcreate, pvremove, pvresize. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

enum { OPT_RESTOREFILE = OPT_FIRST_CMD, OPT_NORESTOREFILE, OPT_SETPVSIZE };

static const struct option pvcreate_opts[] = {
	{ "uuid", required_argument, NULL, 'u' },
	{ "restorefile", required_argument, NULL, OPT_RESTOREFILE },
	{ "norestorefile", no_argument, NULL, OPT_NORESTOREFILE },
	{ "setphysicalvolumesize", required_argument, NULL, OPT_SETPVSIZE },
	PV_PARAM_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

void cli_pv_config(const struct cli *c, struct vol_pv_params *p)
{
	if (!p->data_alignment)
		p->data_alignment = c->data_alignment;
	/* restored, an area's size is pe_start unless --metadatasize is given */
	if (!p->metadata_size && !p->restore_file)
		p->metadata_size = c->mda_size;
	if (p->metadata_copies == VOL_PV_MDA_COPIES_DEFAULT && c->mda_copies >= 0)
		p->metadata_copies = c->mda_copies;
}

int pv_param_opt(struct cli *c, int opt, const char *arg, struct vol_pv_params *p)
{
	uint64_t v;

	switch (opt) {
	case 'M':	/* lvm2's text format is the only one: "lvm2" or "2" */
		if (strcmp(arg, "lvm2") && strcmp(arg, "2"))
			return cli_usage_error(c, "Invalid argument for --metadatatype: %s", arg);
		return 0;
	case OPT_MDIGNORE: {
		bool yes;

		if (parse_yn(arg, &yes))
			return cli_usage_error(c, "Invalid argument for --metadataignore: %s", arg);
		p->metadata_ignore = yes;
		return 0;
	}
	case OPT_LABELSECTOR:
		if (parse_uint(arg, 3, &v))
			return cli_usage_error(c, "Invalid argument for --labelsector: %s (0 to 3)", arg);
		p->label_sector = v;
		return 0;
	case OPT_MDSIZE:
		if (parse_size(arg, 'm', &p->metadata_size) || !p->metadata_size)
			return cli_usage_error(c, "Invalid argument for --metadatasize: %s", arg);
		return 0;
	case OPT_MDCOPIES:
		if (parse_uint(arg, 2, &v))
			return cli_usage_error(c, "Invalid argument for --pvmetadatacopies: %s (0, 1 or 2)",
					       arg);
		p->metadata_copies = (int)v;
		return 0;
	case OPT_DATAALIGN:
		if (parse_size(arg, 'k', &p->data_alignment) || !p->data_alignment ||
		    p->data_alignment % 512)
			return cli_usage_error(c, "Invalid argument for --dataalignment: %s", arg);
		return 0;
	case OPT_DATAALIGNOFF:
		if (parse_size(arg, 'k', &p->data_alignment_offset) || p->data_alignment_offset % 512)
			return cli_usage_error(c, "Invalid argument for --dataalignmentoffset: %s", arg);
		return 0;
	case OPT_BASIZE:
		if (parse_size(arg, 'm', &p->bootloader_size))
			return cli_usage_error(c, "Invalid argument for --bootloaderareasize: %s", arg);
		return 0;
	case 'Z': {
		bool yn;

		if (parse_yn(arg, &yn))
			return cli_usage_error(c, "Invalid argument for --zero: %s", arg);
		return 0;	/* the label sectors are always rewritten */
	}
	default:
		return 1;
	}
}

int cmd_pvcreate(struct cli *c, int argc, char **argv)
{
	struct vol_pv_params p;
	bool norestore = false, ba_given = false;
	int opt, r, rc = EXIT_OK;

	vol_pv_params_init(&p);
	while ((opt = cli_getopt(c, argc, argv, "u:Z:M:", pvcreate_opts)) != -1) {
		if (opt == '?')
			return EXIT_INVALID;
		ba_given |= opt == OPT_BASIZE;
		if ((r = pv_param_opt(c, opt, optarg, &p)) != 1) {
			if (r)
				return r;
			continue;
		}
		switch (opt) {
		case 'u':
			p.uuid = optarg;
			break;
		case OPT_RESTOREFILE:
			p.restore_file = optarg;
			break;
		case OPT_NORESTOREFILE:
			norestore = true;
			break;
		case OPT_SETPVSIZE:
			if (parse_size(optarg, 'm', &p.device_size) || !p.device_size)
				return cli_usage_error(c, "Invalid argument for --setphysicalvolumesize: %s",
						       optarg);
			break;
		default:
			return EXIT_INVALID;
		}
	}
	if (optind >= argc)
		return cli_usage_error(c, "Please enter a physical volume path.");
	/* lvm2's words: scripts and its tests grep them */
	if (p.restore_file && ba_given)
		return cli_usage_error(c, "Command does not accept option combination: "
				       "--bootloaderareasize  with --restorefile");
	if (p.uuid && !p.restore_file && !norestore)
		return cli_usage_error(c, "--restorefile is required with --uuid");
	if (p.restore_file && !p.uuid)
		return cli_usage_error(c, "--uuid is required with --restorefile");
	if (p.uuid && argc - optind > 1)
		return cli_usage_error(c, "Can only set uuid on one volume at once");
	p.flags = cli_force_flags(c);
	cli_pv_config(c, &p);
	for (int i = optind; i < argc; i++) {
		r = vol_pv_create(c->ctx, argv[i], &p);
		if (r && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	return rc;
}

int cmd_pvremove(struct cli *c, int argc, char **argv)
{
	int opt, rc = EXIT_OK;

	while ((opt = cli_getopt(c, argc, argv, "", NULL)) != -1)
		return EXIT_INVALID;
	if (optind >= argc)
		return cli_usage_error(c, "Please enter a physical volume path.");
	for (int i = optind; i < argc; i++) {
		int r = vol_pv_remove(c->ctx, argv[i], cli_force_flags(c));

		if (r && rc == EXIT_OK)
			rc = cli_exit(r);
	}
	return rc;
}

static const struct option pvresize_opts[] = {
	{ "setphysicalvolumesize", required_argument, NULL, OPT_SETPVSIZE },
	{ NULL, 0, NULL, 0 },
};

int cmd_pvresize(struct cli *c, int argc, char **argv)
{
	uint64_t size = 0;
	int opt, done = 0, failed = 0;

	while ((opt = cli_getopt(c, argc, argv, "", pvresize_opts)) != -1) {
		if (opt != OPT_SETPVSIZE)
			return EXIT_INVALID;
		if (parse_size(optarg, 'm', &size) || !size)
			return cli_usage_error(c, "Invalid argument for --setphysicalvolumesize: %s", optarg);
	}
	if (optind >= argc)
		return cli_usage_error(c, "Please enter a physical volume path.");
	for (int i = optind; i < argc; i++) {
		if (vol_pv_resize(c->ctx, argv[i], size))
			failed++;
		else
			done++;
	}
	note("%d physical volume(s) resized or updated / %d physical volume(s) not resized", done,
	     failed);
	return failed ? EXIT_FAILED : EXIT_OK;
}
