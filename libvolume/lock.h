/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: lvm2's flock files (lock.c). */
#ifndef VOLUME_LOCK_H
#define VOLUME_LOCK_H

#include "internal.h"

struct vol_ctx;

enum { VLOCK_READ = 1, VLOCK_WRITE = 2 };

/* A lock file this context holds; users of the same lock share it. */
struct held_lock {
	char *name;	/* VG name, NULL for P_global */
	int fd;
	int mode;
	unsigned refs;
};

/*
 * Takes <lockdir>/V_<vg> (P_global for vg == NULL) in @mode, or one more
 * reference to it when this context holds it already (upgrading a shared
 * hold in place).  With @nowait, -EBUSY instead of waiting.  Every
 * successful lock_get() is paired with a lock_put().
 */
int lock_get(struct vol_ctx *ctx, const char *vg, int mode, bool nowait);
void lock_put(struct vol_ctx *ctx, const char *vg);
void lock_put_all(struct vol_ctx *ctx);

#endif
