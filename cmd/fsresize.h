/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The filesystem on an LV, for lvresize -r (fsresize.c). */
#ifndef VOLUME_FSRESIZE_H
#define VOLUME_FSRESIZE_H

#include "cli.h"

/* Before resizing: the LV is active, holds ext2/3/4 or xfs, can take the
 * change (xfs does not shrink; a mounted ext4 does not shrink), and passes a
 * check when unmounted (unless @nofsck).  0 or a negative errno. */
int fs_check_resize(struct cli *c, struct vol_lv *lv, bool shrink, bool nofsck);
/* Resizes the filesystem to @kib KiB (resize2fs, or xfs_growfs through a
 * mount point, a temporary one if need be). */
int fs_resize(struct cli *c, struct vol_lv *lv, uint64_t kib);

#endif
