/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The flock files lvm2 uses, so our tool and lvm2 exclude each other:
 * <lockdir>/V_<vg> per VG and <lockdir>/P_global for orphan changes.  A
 * file is unlinked when its last holder lets go, as lvm2 does.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static void lock_path(struct vol_ctx *ctx, const char *vg, char *out, size_t len)
{
	if (vg)
		snprintf(out, len, "%s/V_%s", ctx_dir(ctx, VOL_DIR_LOCK), vg);
	else
		snprintf(out, len, "%s/P_global", ctx_dir(ctx, VOL_DIR_LOCK));
}

int lock_take(struct vol_ctx *ctx, const char *vg, int mode)
{
	char path[PATH_MAX];
	int r;

	lock_path(ctx, vg, path, sizeof(path));
	for (;;) {
		struct stat a, b;
		int fd = open(path, O_CREAT | O_APPEND | O_RDWR | O_CLOEXEC, 0777);

		/* The directory is made the first time it is missing. */
		if (fd < 0 && errno == ENOENT && !(r = ctx_make_dir(ctx, VOL_DIR_LOCK)))
			continue;
		if (fd < 0) {
			r = -errno;
			log_err(ctx, "Cannot open lock file %s: %s.", path, strerror(-r));
			return r;
		}
		log_debug(ctx, "locking %s %s", path, mode == VLOCK_WRITE ? "WB" : "RB");
		while (flock(fd, mode == VLOCK_WRITE ? LOCK_EX : LOCK_SH))
			if (errno != EINTR) {
				r = -errno;
				close(fd);
				log_err(ctx, "Cannot lock %s: %s.", path, strerror(-r));
				return r;
			}
		/* The last holder may have unlinked the file meanwhile: start over. */
		if (!fstat(fd, &a) && !stat(path, &b) && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
}

void lock_release(struct vol_ctx *ctx, const char *vg, int fd)
{
	char path[PATH_MAX];

	if (fd < 0)
		return;
	lock_path(ctx, vg, path, sizeof(path));
	log_debug(ctx, "unlocking %s", path);
	/* Unlink only if nobody else holds it: try to take it exclusively. */
	if (!flock(fd, LOCK_EX | LOCK_NB)) {
		struct stat a, b;

		if (!fstat(fd, &a) && !stat(path, &b) && a.st_ino == b.st_ino)
			unlink(path);
	}
	close(fd);
}

int lock_global(struct vol_ctx *ctx, int mode)
{
	bool had = ctx->global_lock >= 0;
	int fd;

	if (had) {
		if (ctx->global_mode >= mode)
			return 0;
		lock_release(ctx, NULL, ctx->global_lock);
		ctx->global_lock = -1;
	}
	fd = lock_take(ctx, NULL, mode);
	if (fd < 0)
		return fd;
	ctx->global_lock = fd;
	ctx->global_mode = mode;
	return had ? 0 : 1;
}

void unlock_global(struct vol_ctx *ctx)
{
	if (ctx->global_lock >= 0)
		lock_release(ctx, NULL, ctx->global_lock);
	ctx->global_lock = -1;
}
