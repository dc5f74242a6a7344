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

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "filter.h"
#include "handles.h"
#include "io.h"
#include "lock.h"
#include "scan.h"

static const char *const default_dirs[] = {
	[VOL_DIR_LOCK] = "/run/lock/lvm",
	[VOL_DIR_BACKUP] = "/etc/lvm/backup",
	[VOL_DIR_ARCHIVE] = "/etc/lvm/archive",
	[VOL_DIR_RUN] = "/run/lvm",
	[VOL_DIR_DEV] = "/dev",
};

struct qmsg {
	enum vol_log_level level;
	enum vol_msg code;
	char *msg;
	char *object;
};

/* Messages logged while worker threads run, in the order they came. */
struct logq {
	pthread_mutex_t mu;
	unsigned depth;		/* nested parallel sections */
	struct qmsg *v;
	size_t n, cap;
};

VOL_EXPORT const char *vol_version(void)
{
	return VOL_VERSION;
}

VOL_EXPORT int vol_ctx_new(struct vol_ctx **out)
{
	struct vol_ctx *ctx = calloc(1, sizeof(*ctx));
	struct utsname u;

	*out = NULL;
	if (!ctx)
		return -ENOMEM;
	ctx->log_level = VOL_LOG_NORMAL;
	ctx->backup = ctx->archive = true;
	ctx->pv_min_size = PV_MIN_SIZE;
	ctx->md_detection = ctx->mpath_detection = true;
	if (!uname(&u)) {
		snprintf(ctx->host, sizeof(ctx->host), "%s", u.nodename);
		snprintf(ctx->uname, sizeof(ctx->uname), "%s %s %s %s %s", u.sysname, u.nodename,
			 u.release, u.version, u.machine);
	}
	*out = ctx;
	return 0;
}

static void logq_free(struct logq *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++) {
		free(q->v[i].msg);
		free(q->v[i].object);
	}
	free(q->v);
	pthread_mutex_destroy(&q->mu);
	free(q);
}

VOL_EXPORT void vol_ctx_free(struct vol_ctx *ctx)
{
	if (!ctx)
		return;
	lock_put_all(ctx);
	io_workers_free(ctx);
	orphans_free(ctx);
	scan_free(ctx->scan);
	dev_forget_mounts(ctx);
	for (size_t i = 0; i < ctx->n_devices; i++)
		free(ctx->devices[i]);
	free(ctx->devices);
	for (size_t i = 0; i < ARRAY_SIZE(ctx->dirs); i++)
		free(ctx->dirs[i]);
	free(ctx->command);
	free(ctx->system_id);
	logq_free(ctx->logq);
	vol_strv_free(ctx->warned, ctx->n_warned);
	for (size_t i = 0; i < ARRAY_SIZE(ctx->filters); i++)
		filter_free(ctx->filters[i]);
	devfile_free(ctx->devfile);
	free(ctx);
}

VOL_EXPORT void vol_ctx_set_log(struct vol_ctx *ctx, vol_log_fn *fn, void *usrptr)
{
	ctx->log_fn = fn;
	ctx->log_usr = usrptr;
}

VOL_EXPORT void vol_ctx_set_log_level(struct vol_ctx *ctx, enum vol_log_level level)
{
	ctx->log_level = level;
}

VOL_EXPORT void vol_ctx_set_confirm(struct vol_ctx *ctx, vol_confirm_fn *fn, void *usrptr)
{
	ctx->confirm_fn = fn;
	ctx->confirm_usr = usrptr;
}

VOL_EXPORT void vol_ctx_set_component_detection(struct vol_ctx *ctx, bool md, bool multipath)
{
	ctx->md_detection = md;
	ctx->mpath_detection = multipath;
	vol_ctx_rescan(ctx);
}

VOL_EXPORT void vol_ctx_set_test_mode(struct vol_ctx *ctx, bool on)
{
	ctx->test_mode = on;
}

VOL_EXPORT void vol_ctx_set_fault_hook(struct vol_ctx *ctx, vol_fault_fn *fn, void *usrptr)
{
	ctx->fault_fn = fn;
	ctx->fault_usr = usrptr;
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
			vol_strv_free(v, i);
			return paths[i] ? -ENOMEM : -EINVAL;
		}
	vol_strv_free(ctx->devices, ctx->n_devices);
	ctx->devices = v;
	ctx->n_devices = n;
	vol_ctx_rescan(ctx);
	return 0;
}

VOL_EXPORT int vol_ctx_set_dir(struct vol_ctx *ctx, enum vol_dir which, const char *path)
{
	if ((unsigned)which >= ARRAY_SIZE(ctx->dirs) || !path || !*path)
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
	ctx->backup = ctx->archive = on;
}

VOL_EXPORT void vol_ctx_set_archive(struct vol_ctx *ctx, bool on)
{
	ctx->archive = on;
}

VOL_EXPORT int vol_ctx_set_system_id(struct vol_ctx *ctx, const char *id)
{
	return set_str(&ctx->system_id, id && *id ? id : NULL);
}

VOL_EXPORT int vol_ctx_set_command(struct vol_ctx *ctx, const char *cmdline)
{
	return set_str(&ctx->command, cmdline);
}

const char *ctx_command(const struct vol_ctx *ctx)
{
	return ctx->command ? ctx->command : "libvolume";
}

bool ctx_has_fault_hook(const struct vol_ctx *ctx)
{
	return ctx->fault_fn != NULL;
}

void fault_point(struct vol_ctx *ctx, const char *step, unsigned k)
{
	struct vol_fault_info f = { .step = step, .index = k };

	if (ctx->fault_fn)
		ctx->fault_fn(&f, ctx->fault_usr);
}

VOL_EXPORT void vol_ctx_rescan(struct vol_ctx *ctx)
{
	dev_forget_mounts(ctx);
	scan_forget(ctx);
}

/* ---------------------------------------------------------------- log */

void log_queue_begin(struct vol_ctx *ctx)
{
	struct logq *q = ctx->logq;

	if (!q) {
		if (!(q = calloc(1, sizeof(*q))))
			return;	/* messages then go straight out, serialised below */
		pthread_mutex_init(&q->mu, NULL);
		ctx->logq = q;
	}
	pthread_mutex_lock(&q->mu);
	q->depth++;
	pthread_mutex_unlock(&q->mu);
}

void log_queue_flush(struct vol_ctx *ctx)
{
	struct logq *q = ctx->logq;
	struct qmsg *v;
	size_t n;

	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	if (--q->depth) {
		pthread_mutex_unlock(&q->mu);
		return;
	}
	v = q->v;
	n = q->n;
	q->v = NULL;
	q->n = q->cap = 0;
	pthread_mutex_unlock(&q->mu);
	for (size_t i = 0; i < n; i++) {
		struct vol_log_info m = { v[i].level, v[i].msg, v[i].code, v[i].object };

		ctx->log_fn(&m, ctx->log_usr);
		free(v[i].msg);
		free(v[i].object);
	}
	free(v);
}

/* Queues @m if a parallel section is running; false if it must go out now. */
static bool log_enqueue(struct vol_ctx *ctx, const struct vol_log_info *m)
{
	struct logq *q = ctx->logq;
	bool queued = false;

	if (!q)
		return false;
	pthread_mutex_lock(&q->mu);
	if (q->depth) {
		if (q->n == q->cap) {
			size_t cap = q->cap ? q->cap * 2 : 16;
			struct qmsg *v = realloc(q->v, cap * sizeof(*v));

			if (v) {
				q->v = v;
				q->cap = cap;
			}
		}
		if (q->n < q->cap && (q->v[q->n].msg = strdup(m->msg))) {
			q->v[q->n].object = m->object ? strdup(m->object) : NULL;
			q->v[q->n].level = m->level;
			q->v[q->n++].code = m->code;
		}
		queued = true;	/* dropped only when memory ran out */
	}
	pthread_mutex_unlock(&q->mu);
	return queued;
}

static void vlog_va(struct vol_ctx *ctx, enum vol_log_level level, enum vol_msg code,
		    const char *object, const char *fmt, va_list ap)
{
	char msg[1024];
	struct vol_log_info m = { level, msg, code, object };

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!log_enqueue(ctx, &m))
		ctx->log_fn(&m, ctx->log_usr);
}

void vlog(struct vol_ctx *ctx, enum vol_log_level level, enum vol_msg code, const char *object,
	  const char *fmt, ...)
{
	va_list ap;

	if (!ctx || !ctx->log_fn || level > ctx->log_level)
		return;
	va_start(ap, fmt);
	vlog_va(ctx, level, code, object, fmt, ap);
	va_end(ap);
}

void log_warn_once(struct vol_ctx *ctx, enum vol_msg code, const char *object, const char *fmt, ...)
{
	char msg[1024];
	char **v;
	va_list ap;

	if (!ctx->log_fn || VOL_LOG_WARN > ctx->log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < ctx->n_warned; i++)
		if (!strcmp(ctx->warned[i], msg))
			return;
	if ((v = realloc(ctx->warned, (ctx->n_warned + 1) * sizeof(*v))) &&
	    (v[ctx->n_warned] = strdup(msg))) {
		ctx->warned = v;
		ctx->n_warned++;
	} else if (v) {
		ctx->warned = v;
	}
	vlog(ctx, VOL_LOG_WARN, code, object, "%s", msg);
}

bool confirm(struct vol_ctx *ctx, const struct vol_confirm_info *q)
{
	if (!ctx->confirm_fn) {
		log_debug(ctx, "No confirm callback: answering no to: %s", q->question);
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
