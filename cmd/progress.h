/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --wait: following a raid1 LV's sync until it ends (progress.c). */
#ifndef VOLUME_PROGRESS_H
#define VOLUME_PROGRESS_H

#include "cli.h"

/* The --wait option of lvcreate, lvconvert and lvchange. */
#define OPT_WAIT_ID 0x10f0
#define WAIT_LONGOPT { "wait", no_argument, NULL, OPT_WAIT_ID }

/*
 * Waits until raid1 LV @vg/@lv is in sync (vol_raid_wait), showing the
 * progress on stderr: a bar redrawn in place on a terminal, else a line
 * every few seconds ("vg/lv: 42.0% synced, 12.3 MiB/s, 0:17 left").
 * SIGINT ends the wait, not the kernel's work (-EINTR).  0 or -errno.
 */
int cli_wait_sync(struct cli *c, const char *vg, const char *lv);

#endif
