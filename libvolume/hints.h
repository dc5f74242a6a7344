/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: lvm2's hints file (hints.c). */
#ifndef VOLUME_HINTS_H
#define VOLUME_HINTS_H

struct vol_ctx;

/* Tells lvm2 to rescan after label changes. */
void hints_invalidate(struct vol_ctx *ctx);

#endif
