/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgmknodes: the /dev/mapper nodes and /dev/VG/LV links of active LVs,
 * made again where they are missing or wrong.  Without device-mapper it
 * fails before looking at any VG, as lvm2 does.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

enum { OPT_REFRESH = OPT_FIRST_CMD, OPT_IGNORELOCKING };

static const struct option opts[] = {
	{ "refresh", no_argument, NULL, OPT_REFRESH },
	{ "ignorelockingfailure", no_argument, NULL, OPT_IGNORELOCKING },
	{ NULL, 0, NULL, 0 },
};

/* An active LV's tables are loaded again from the metadata, which makes
 * its node and link too; an inactive LV has neither. */
static int mknodes_lv(struct vol_lv *lv)
{
	struct vol_lv_state st;
	int r = vol_lv_state(lv, &st);

	if (r || !st.active)
		return r;
	return vol_lv_refresh(lv);
}

/* @name: a VG (every visible LV of it) or VG/LV. */
static int mknodes_arg(struct cli *c, const char *name, void *usr)
{
	const char *slash = strchr(name, '/');
	char vgname[256];
	struct vol_vg *vg;
	struct vol_lv *lv = NULL;
	int r, rc = 0;

	(void)usr;
	snprintf(vgname, sizeof(vgname), "%.*s", slash ? (int)(slash - name) : (int)strlen(name),
		 name);
	if ((r = vol_vg_open(c->ctx, vgname, c->read_flags, &vg)))
		return r;
	if (vol_vg_is_exported(vg)) {
		err("Volume group %s is exported", vgname);
		rc = -EPERM;
	} else if (slash && !(lv = vol_vg_lv_by_name(vg, slash + 1))) {
		err("Failed to find logical volume \"%s\"", name);
		rc = -ENOENT;
	} else if (lv) {
		rc = mknodes_lv(lv);
	}
	while (!slash && !rc && (lv = vol_vg_next_lv(vg, lv, VOL_LV_VISIBLE)))
		if ((r = mknodes_lv(lv)) && !rc)
			rc = r;
	vol_vg_close(vg);
	return rc;
}

int cmd_vgmknodes(struct cli *c, int argc, char **argv)
{
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "", opts)) != -1)
		if (opt != OPT_REFRESH && opt != OPT_IGNORELOCKING)
			return EXIT_INVALID;
	if (cli_have_dm(c))
		return EXIT_FAILED;
	c->skip_exported = true;
	return for_each_vg(c, argc, argv, mknodes_arg, NULL);
}
