/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2 caches which devices hold PVs in <run_dir>/hints.  After we add or
 * remove a label, <run_dir>/newhints tells lvm2 to scan again.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "hints.h"

void hints_invalidate(struct vol_ctx *ctx)
{
	char path[PATH_MAX];
	struct stat st;
	int fd;

	if (ctx->test_mode || stat(ctx_dir(ctx, VOL_DIR_RUN), &st) || !S_ISDIR(st.st_mode))
		return;	/* lvm2 has never run here: nothing to invalidate */
	snprintf(path, sizeof(path), "%s/newhints", ctx_dir(ctx, VOL_DIR_RUN));
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	log_debug(ctx, "invalidated lvm2 hints (%s)", path);
}
