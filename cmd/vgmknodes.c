/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vgmknodes: as lvm2's, a node in /dev/mapper for every device-mapper
 * device (and none for what is no device), then for each LV its
 * /dev/VG/LV link when it is active and visible, and no link when it is
 * inactive; made again where missing or wrong, without loading any table
 * (but with --refresh).  Without device-mapper it fails before looking at
 * any VG, as lvm2 does.
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

/* With --refresh, an active LV's tables are loaded again first. */
static int mknodes_lv(struct vol_lv *lv, bool refresh)
{
	struct vol_lv_state st;
	int r;

	if (refresh && (r = vol_lv_state(lv, &st)))
		return r;
	if (refresh && st.active && (r = vol_lv_refresh(lv)))
		return r;
	return vol_lv_mknodes(lv);
}

/* @name: a VG (every visible LV of it) or VG/LV. */
static int mknodes_arg(struct cli *c, const char *name, void *usr)
{
	const char *slash = strchr(name, '/');
	char vgname[256];
	struct vol_vg *vg;
	struct vol_lv *lv = NULL;
	bool refresh = *(const bool *)usr;
	int r, rc = 0;

	snprintf(vgname, sizeof(vgname), "%.*s", slash ? (int)(slash - name) : (int)strlen(name),
		 name);
	if ((r = vol_vg_open(c->ctx, vgname, c->read_flags, &vg))) {
		if (!slash || (r != -ENOENT && r != -ENODEV))
			return r;
		cli_vg_unprocessed(vgname, r);	/* the VG's name, not VG/LV */
		return -ESRCH;
	}
	if (vol_vg_is_exported(vg)) {
		err("Volume group %s is exported", vgname);
		rc = -EPERM;
	} else if (slash && !(lv = vol_vg_lv_by_name(vg, slash + 1))) {
		err("Failed to find logical volume \"%s\"", name);
		rc = -ESRCH;	/* said: not a VG that could not be processed */
	} else if (lv) {
		rc = mknodes_lv(lv, refresh);
	}
	while (!slash && !rc && (lv = vol_vg_next_lv(vg, lv, VOL_LV_VISIBLE)))
		if ((r = mknodes_lv(lv, refresh)) && !rc)
			rc = r;
	vol_vg_close(vg);
	return rc;
}

int cmd_vgmknodes(struct cli *c, int argc, char **argv)
{
	bool refresh = false;
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "", opts)) != -1)
		if (opt == OPT_REFRESH)
			refresh = true;
		else if (opt != OPT_IGNORELOCKING)
			return EXIT_INVALID;
	if (cli_have_dm(c))
		return EXIT_FAILED;
	if ((r = vol_dm_mknodes(c->ctx)))
		return cli_exit(r);
	c->skip_exported = true;
	return for_each_vg(c, argc, argv, mknodes_arg, &refresh);
}
