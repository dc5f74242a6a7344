/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening the VG of an LV named on the command line, with lvm2's messages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "lvargs.h"
#include "lvfind.h"

const char *lv_display_name(const struct vol_lv *lv, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", vol_vg_name(vol_lv_vg(lv)), vol_lv_name(lv));
	return buf;
}

int open_lv(struct cli *c, const char *arg, unsigned flags, struct vol_vg **vg, struct vol_lv **lv)
{
	char vgname[256], lvname[256];
	int r;

	*vg = NULL;
	*lv = NULL;
	if (split_lv_name(arg, getenv("LVM_VG_NAME"), vgname, sizeof(vgname), lvname, sizeof(lvname)))
		return cli_usage_error(c, "Please specify a logical volume path.");
	if ((r = vol_vg_open(c->ctx, vgname, flags & ~OPEN_LV_RESIZE, vg))) {
		cli_vg_unprocessed(vgname, r);
		return cli_exit(r);
	}
	if (!(*lv = vol_vg_lv_by_name(*vg, lvname))) {
		if (flags & OPEN_LV_RESIZE)
			err("Logical volume %s not found in volume group %s.", lvname, vgname);
		else
			err("Failed to find logical volume \"%s/%s\"", vgname, lvname);
		vol_vg_close(*vg);
		*vg = NULL;
		return EXIT_FAILED;
	}
	return 0;
}
