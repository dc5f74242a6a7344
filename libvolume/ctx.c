/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The context: callbacks, scope, directories.  No hidden global state. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal.h"

static const char *const default_dirs[] = {
	[VOL_DIR_LOCK] = "/run/lock/lvm",
	[VOL_DIR_BACKUP] = "/etc/lvm/backup",
	[VOL_DIR_ARCHIVE] = "/etc/lvm/archive",
	[VOL_DIR_RUN] = "/run/lvm",
};

VOL_EXPORT int vol_ctx_new(struct vol_ctx **out)
{
	struct vol_ctx *ctx = calloc(1, sizeof(*ctx));
	struct utsname u;

	*out = NULL;
	if (!ctx)
		return -ENOMEM;
	ctx->log_level = VOL_LOG_NORMAL;
	ctx->backup = true;
	if (!uname(&u)) {
		snprintf(ctx->host, sizeof(ctx->host), "%s", u.nodename);
		snprintf(ctx->uname, sizeof(ctx->uname), "%s %s %s %s %s", u.sysname, u.nodename,
			 u.release, u.version, u.machine);
	}
	*out = ctx;
	return 0;
}

VOL_EXPORT void vol_ctx_free(struct vol_ctx *ctx)
{
	if (!ctx)
		return;
	lock_put_all(ctx);
	io_workers_free(ctx);
	ctx_drop_orphans(ctx);
	scan_free(ctx->scan);
	free(ctx->mounted);
	for (size_t i = 0; i < ctx->n_devices; i++)
		free(ctx->devices[i]);
	free(ctx->devices);
	for (size_t i = 0; i < sizeof(ctx->dirs) / sizeof(ctx->dirs[0]); i++)
		free(ctx->dirs[i]);
	free(ctx->command);
	free(ctx->crash_step);
	free(ctx);
}

VOL_EXPORT void vol_ctx_set_log(struct vol_ctx *ctx, vol_log_fn *fn, void *usrptr)
{
	ctx->log_fn = fn;
	ctx->log_usr = usrptr;
}

VOL_EXPORT void vol_ctx_set_log_level(struct vol_ctx *ctx, int level)
{
	ctx->log_level = level;
}

VOL_EXPORT void vol_ctx_set_confirm(struct vol_ctx *ctx, vol_confirm_fn *fn, void *usrptr)
{
	ctx->confirm_fn = fn;
	ctx->confirm_usr = usrptr;
}

static int set_str(char **dst, const char *s)
{
	char *d = NULL;

	if (s && !(d = strdup(s)))
		return -ENOMEM;
	free(*dst);
	*dst = d;
	return 0;
}

VOL_EXPORT int vol_ctx_set_devices(struct vol_ctx *ctx, const char *const *paths, size_t n)
{
	char **v = NULL;

	if (n && !(v = calloc(n, sizeof(*v))))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (!paths[i] || set_str(&v[i], paths[i])) {
			for (size_t k = 0; k < i; k++)
				free(v[k]);
			free(v);
			return paths[i] ? -ENOMEM : -EINVAL;
		}
	for (size_t i = 0; i < ctx->n_devices; i++)
		free(ctx->devices[i]);
	free(ctx->devices);
	ctx->devices = v;
	ctx->n_devices = n;
	vol_ctx_rescan(ctx);
	return 0;
}

VOL_EXPORT int vol_ctx_set_dir(struct vol_ctx *ctx, enum vol_dir which, const char *path)
{
	if ((unsigned)which >= sizeof(ctx->dirs) / sizeof(ctx->dirs[0]) || !path || !*path)
		return -EINVAL;
	return set_str(&ctx->dirs[which], path);
}

const char *ctx_dir(const struct vol_ctx *ctx, enum vol_dir which)
{
	return ctx->dirs[which] ? ctx->dirs[which] : default_dirs[which];
}

int ctx_make_dir(const struct vol_ctx *ctx, enum vol_dir which)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", ctx_dir(ctx, which));
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(tmp, 0755) && errno != EEXIST)
				return -errno;
			*p = '/';
		}
	if (mkdir(tmp, 0700) && errno != EEXIST)
		return -errno;
	return 0;
}

VOL_EXPORT void vol_ctx_set_backup(struct vol_ctx *ctx, bool on)
{
	ctx->backup = on;
}

VOL_EXPORT int vol_ctx_set_command(struct vol_ctx *ctx, const char *cmdline)
{
	return set_str(&ctx->command, cmdline);
}

const char *ctx_command(const struct vol_ctx *ctx)
{
	return ctx->command ? ctx->command : "libvolume";
}

VOL_EXPORT int vol_ctx_set_crash_point(struct vol_ctx *ctx, const char *step)
{
	return set_str(&ctx->crash_step, step);
}

void crash_point(struct vol_ctx *ctx, const char *step, unsigned k)
{
	char here[64];

	snprintf(here, sizeof(here), "%s:%u", step, k);
	log_debug(ctx, "crash point %s", here);
	if (ctx->crash_step && !strcmp(ctx->crash_step, here)) {
		log_debug(ctx, "crashing at %s as asked", here);
		_exit(99);
	}
}

VOL_EXPORT void vol_ctx_rescan(struct vol_ctx *ctx)
{
	free(ctx->mounted);
	ctx->mounted = NULL;
	ctx->n_mounted = 0;
	ctx->mounted_loaded = false;
	ctx_drop_orphans(ctx);
	scan_free(ctx->scan);
	ctx->scan = NULL;
}

void vlog(struct vol_ctx *ctx, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!ctx || !ctx->log_fn || level > ctx->log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ctx->log_fn(level, msg, ctx->log_usr);
}

bool confirm(struct vol_ctx *ctx, const char *fmt, ...)
{
	char q[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (!ctx->confirm_fn) {
		log_debug(ctx, "no confirm callback: answering no to: %s", q);
		return false;
	}
	return ctx->confirm_fn(q, ctx->confirm_usr);
}

VOL_EXPORT void vol_strv_free(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
