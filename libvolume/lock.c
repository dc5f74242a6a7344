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
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "lock.h"

static void lock_path(struct vol_ctx *ctx, const char *vg, char *out, size_t len)
{
	if (vg)
		snprintf(out, len, "%s/V_%s", ctx_dir(ctx, VOL_DIR_LOCK), vg);
	else
		snprintf(out, len, "%s/P_global", ctx_dir(ctx, VOL_DIR_LOCK));
}

/* Opens and flocks the file; -EBUSY if @nowait and someone else holds it. */
static int lock_file(struct vol_ctx *ctx, const char *vg, int mode, bool nowait)
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
			if (ctx->lock_failure_ok)	/* --sysinit, --ignorelockingfailure */
				log_verbose(ctx, "Cannot open lock file %s: %s; going on without it.",
					    path, strerror(-r));
			else
				log_err(ctx, "Cannot open lock file %s: %s.", path, strerror(-r));
			return r;
		}
		log_debug(ctx, "locking %s %s%s", path, mode == VLOCK_WRITE ? "W" : "R", nowait ? "N" : "B");
		while (flock(fd, (mode == VLOCK_WRITE ? LOCK_EX : LOCK_SH) | (nowait ? LOCK_NB : 0)))
			if (errno != EINTR) {
				r = errno == EWOULDBLOCK ? -EBUSY : -errno;
				close(fd);
				if (r != -EBUSY)
					log_err(ctx, "Cannot lock %s: %s.", path, strerror(-r));
				return r;
			}
		/* The last holder may have unlinked the file meanwhile: start over. */
		if (!fstat(fd, &a) && !stat(path, &b) && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
}

static void unlock_file(struct vol_ctx *ctx, const char *vg, int fd)
{
	char path[PATH_MAX];
	struct stat a, b;

	lock_path(ctx, vg, path, sizeof(path));
	log_debug(ctx, "unlocking %s", path);
	/* Unlink only if nobody else holds it: try to take it exclusively. */
	if (!flock(fd, LOCK_EX | LOCK_NB) && !fstat(fd, &a) && !stat(path, &b) && a.st_ino == b.st_ino)
		unlink(path);
	close(fd);
}

static struct held_lock *find_held(struct vol_ctx *ctx, const char *vg)
{
	for (size_t i = 0; i < ctx->n_locks; i++)
		if ((!vg && !ctx->locks[i].name) ||
		    (vg && ctx->locks[i].name && !strcmp(ctx->locks[i].name, vg)))
			return &ctx->locks[i];
	return NULL;
}

static int lock_acquire(struct vol_ctx *ctx, const char *vg, int mode, bool nowait);

int lock_get(struct vol_ctx *ctx, const char *vg, int mode, bool nowait)
{
	int r = lock_acquire(ctx, vg, mode, nowait || ctx->lock_nowait);

	/* Told not to wait: another command holds it. */
	if (r == -EBUSY && !nowait) {
		char path[PATH_MAX];

		lock_path(ctx, vg, path, sizeof(path));
		log_err(ctx, "%s: flock failed: Resource temporarily unavailable", path);
		log_code(ctx, VOL_LOG_ERROR, VOL_MSG_LOCK_BUSY, vg ? vg : "global",
			 "Can't get lock for %s.", vg ? vg : "global");
		r = -EAGAIN;
	}
	/* a lock file that cannot be made (a read-only /run at boot): no lock */
	if (r && r != -EAGAIN && r != -EBUSY && r != -ENOMEM && ctx->lock_failure_ok)
		r = 0;
	return r;
}

VOL_EXPORT void vol_ctx_set_lock_wait(struct vol_ctx *ctx, bool wait)
{
	ctx->lock_nowait = !wait;
}

VOL_EXPORT void vol_ctx_set_ignore_lock_failure(struct vol_ctx *ctx, bool on)
{
	ctx->lock_failure_ok = on;
}

static int lock_acquire(struct vol_ctx *ctx, const char *vg, int mode, bool nowait)
{
	struct held_lock *h = find_held(ctx, vg);
	int fd;

	if (h && h->mode >= mode) {
		h->refs++;
		return 0;
	}
	if (h) {
		/* Upgrade our own shared lock in place. */
		while (flock(h->fd, LOCK_EX | (nowait ? LOCK_NB : 0)))
			if (errno != EINTR)
				return errno == EWOULDBLOCK ? -EBUSY : -errno;
		h->mode = mode;
		h->refs++;
		return 0;
	}
	if ((fd = lock_file(ctx, vg, mode, nowait)) < 0)
		return fd;
	h = realloc(ctx->locks, (ctx->n_locks + 1) * sizeof(*h));
	if (!h || (vg && !(vg = strdup(vg)))) {
		unlock_file(ctx, vg, fd);
		if (h)
			ctx->locks = h;
		return -ENOMEM;
	}
	ctx->locks = h;
	ctx->locks[ctx->n_locks++] = (struct held_lock){ (char *)(uintptr_t)vg, fd, mode, 1 };
	return 0;
}

void lock_put(struct vol_ctx *ctx, const char *vg)
{
	struct held_lock *h = find_held(ctx, vg);

	if (!h || --h->refs)
		return;
	unlock_file(ctx, h->name, h->fd);
	free(h->name);
	*h = ctx->locks[--ctx->n_locks];
}

void lock_put_all(struct vol_ctx *ctx)
{
	while (ctx->n_locks) {
		ctx->locks[0].refs = 1;
		lock_put(ctx, ctx->locks[0].name);
	}
	free(ctx->locks);
	ctx->locks = NULL;
}
