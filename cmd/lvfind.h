/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Opening the VG of an LV named on the command line (lvfind.c). */
#ifndef VOLUME_LVFIND_H
#define VOLUME_LVFIND_H

#include "cli.h"

/*
 * Opens the VG of LV @arg ("vg/lv", "/dev/vg/lv", "/dev/mapper/vg-lv";
 * a bare name needs $LVM_VG_NAME) with @flags and finds the LV.  On
 * failure prints lvm2's message and returns an exit code (*vg NULL).
 */
#define OPEN_LV_RESIZE (1u << 31)	/* an LV not found in lvextend's words */
int open_lv(struct cli *c, const char *arg, unsigned flags, struct vol_vg **vg, struct vol_lv **lv);
/* "vg/lv" of an LV, for messages. */
const char *lv_display_name(const struct vol_lv *lv, char *buf, size_t len);

#endif
