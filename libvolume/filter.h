/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: lvm2's regex device filters (filter.c). */
#ifndef VOLUME_FILTER_H
#define VOLUME_FILTER_H

#include <sys/types.h>

#include "internal.h"

struct vol_ctx;
struct dev_filter;

void filter_free(struct dev_filter *f);
/* Does every filter set on the context accept the device at @path? */
bool filter_accepts(struct vol_ctx *ctx, const char *path, dev_t devno);

#endif
