/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: block devices in scope, from sysfs (devices.c). */
#ifndef VOLUME_DEVICES_H
#define VOLUME_DEVICES_H

#include <sys/types.h>

#include "internal.h"

struct vol_ctx;

struct devent {
	char *path;
	dev_t devno;
	uint64_t size;
};
/* Block devices in scope: the --devices list, or those in sysfs that the
 * devices file lists (when there is one) or else the filters accept. */
int dev_enumerate(struct vol_ctx *ctx, struct devent **out, size_t *n);
/* Every block device in sysfs (with a size, LVs aside), by device number. */
int dev_list_all(struct vol_ctx *ctx, struct devent **out, size_t *n);
void dev_free_list(struct devent *d, size_t n);
/* Checks that @path is a block device; fills devno and size. */
int dev_stat(struct vol_ctx *ctx, const char *path, struct devent *out);
/* true if the device (or a partition or holder of it) is mounted. */
bool dev_is_mounted(struct vol_ctx *ctx, dev_t devno);
void dev_forget_mounts(struct vol_ctx *ctx);

#endif
