/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: why an open block device is busy (inuse.c), in the words lvm2
 * uses when it refuses to remove or deactivate an open LV.
 */
#ifndef VOLUME_INUSE_H
#define VOLUME_INUSE_H

#include <sys/types.h>

/*
 * What holds device @devno, in lvm2's order of checks: another block
 * device stacked on it (sysfs holders), a mounted filesystem (a mount
 * entry for it in /proc/self/mountinfo, or the filesystem's folder for it
 * under /sys/fs, which sees other mount namespaces too), or else just an
 * open file.  The text completes "Logical volume vg/lv ...": "is used by
 * another device", "contains a filesystem in use" or "in use".
 */
const char *dev_busy_why(dev_t devno);

#endif
