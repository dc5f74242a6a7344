/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: devices lvm2 would never touch (components.c). */
#ifndef VOLUME_COMPONENTS_H
#define VOLUME_COMPONENTS_H

#include <sys/types.h>

#include "internal.h"
#include "io.h"

struct vol_ctx;

/* Why the device that holds a PV label must not be used as a PV, or NULL:
 * a leg of an md RAID array or a path of a multipath map, whose label is
 * the array's or the map's.  @head holds the first @head_len bytes read. */
const char *component_of(struct vol_ctx *ctx, struct iodev *io, dev_t devno,
			 const unsigned char *head, size_t head_len, uint64_t label_size);

/* Opens @path and tells whether it is a component (*why set) or not.  For a
 * device about to be written: the end of the device is always read. */
int component_check_path(struct vol_ctx *ctx, const char *path, dev_t devno, const char **why);
/* Does some md array on the host keep its superblock at the end (0.90, 1.0)?
 * Then every PV gets the end-of-device check. */
bool component_end_checks_needed(void);

#endif
