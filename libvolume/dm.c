/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one file that talks to libdevmapper: the libdm implementation of
 * struct dm_ops (dm.h).  libdm's own messages go to the context's log at
 * DEBUG level; its status becomes a negative errno here.
 *
 * libdevmapper is loaded on first use (dlopen), not at program start: it
 * pulls in libselinux, libudev and pcre2, which every pvs or vgs would pay
 * for without ever touching device-mapper.  Each function we call has an
 * entry in DM_SYMBOLS.
 *
 * udev: changes that add or remove nodes carry a udev cookie, and we wait
 * for it with a timeout, so a missing or stuck udev never hangs a command.
 * Where udev does not run (DM_DISABLE_UDEV=1, containers, our VM tests),
 * libdevmapper makes the /dev/mapper nodes itself.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libdevmapper.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "dm.h"

#ifndef DM_SONAME
#define DM_SONAME "libdevmapper.so.1.02.1"
#endif

/* How long a udev cookie may take before we stop waiting for it. */
#define UDEV_WAIT_MS 30000

#define DM_SYMBOLS \
	X(dm_get_library_version) \
	X(dm_driver_version) \
	X(dm_log_with_errno_init) \
	X(dm_task_create) \
	X(dm_task_run) \
	X(dm_task_destroy) \
	X(dm_task_get_versions) \
	X(dm_task_set_name) \
	X(dm_task_set_newname) \
	X(dm_task_set_uuid) \
	X(dm_task_get_info) \
	X(dm_task_get_uuid) \
	X(dm_task_add_target) \
	X(dm_get_next_target) \
	X(dm_task_get_names) \
	X(dm_task_set_ro) \
	X(dm_task_set_major_minor) \
	X(dm_task_set_cookie) \
	X(dm_task_no_flush) \
	X(dm_task_skip_lockfs) \
	X(dm_task_retry_remove) \
	X(dm_task_get_errno) \
	X(dm_task_set_message) \
	X(dm_task_set_sector) \
	X(dm_task_set_event_nr) \
	X(dm_udev_wait_immediate) \
	X(dm_udev_wait) \
	X(dm_task_update_nodes)

static struct {
#define X(name) __typeof__(name) *name;
	DM_SYMBOLS
#undef X
} dm;
static pthread_once_t dm_once = PTHREAD_ONCE_INIT;
static const char *dm_load_error;

static void dm_load(void)
{
	void *h = dlopen(DM_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		dm_load_error = dlerror();
		return;
	}
#define X(name)                                                     \
	if (!(*(void **)&dm.name = dlsym(h, #name))) {             \
		dm_load_error = "libdevmapper lacks " #name;       \
		memset(&dm, 0, sizeof(dm));                         \
		return;                                             \
	}
	DM_SYMBOLS
#undef X
}

/* libdm's logger is process-wide; it reports to whichever context called in. */
static __thread struct vol_ctx *dm_ctx;

__attribute__((format(printf, 5, 0)))
static void dm_log(int level, const char *file, int line, int dm_errno, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	(void)level;
	(void)file;
	(void)line;
	(void)dm_errno;
	if (!dm_ctx)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_debug(dm_ctx, "libdevmapper: %s", msg);
}

/* Loads libdevmapper if needed and routes its log to @ctx.  -ENODEV if absent. */
static int dm_enter(struct vol_ctx *ctx)
{
	pthread_once(&dm_once, dm_load);
	if (!dm.dm_task_create) {
		log_err(ctx, "Cannot load %s: %s.", DM_SONAME, dm_load_error ? dm_load_error : "unknown error");
		return -ENODEV;
	}
	dm_ctx = ctx;
	dm.dm_log_with_errno_init(dm_log);
	return 0;
}

/* Without the kernel driver every task fails in libdm's own words (often
 * "out of memory"): ask once, and say what is wrong. */
static int need_driver(struct vol_ctx *ctx, int type)
{
	char v[64];

	if (ctx->dm_avail == 0 || ctx->dm_avail == 1)
		ctx->dm_avail = dm.dm_driver_version(v, sizeof(v)) == 1 ? 2 : -1;
	if (ctx->dm_avail > 0)
		return 0;
	/* A question (is it active?) has its answer: nothing is.  A change
	 * cannot be made, and that is worth saying. */
	if (type != DM_DEVICE_INFO && type != DM_DEVICE_LIST && type != DM_DEVICE_TABLE &&
	    type != DM_DEVICE_STATUS)
		log_warn_once(ctx, VOL_MSG_OTHER, "device-mapper", "Failure to communicate with "
			      "kernel device-mapper driver: check that device-mapper is available "
			      "in the kernel.");
	return -ENODEV;
}

/* A task for @id, or NULL (-ENOMEM in *r). */
static struct dm_task *task_new(struct vol_ctx *ctx, int type, const struct dm_id *id, int *r)
{
	struct dm_task *t;

	if ((*r = dm_enter(ctx)) || (*r = need_driver(ctx, type)))
		return NULL;
	if (!(t = dm.dm_task_create(type))) {
		*r = -ENOMEM;
		return NULL;
	}
	if (id && ((id->uuid && *id->uuid && !dm.dm_task_set_uuid(t, id->uuid)) ||
		   ((!id->uuid || !*id->uuid) && id->name && !dm.dm_task_set_name(t, id->name)))) {
		dm.dm_task_destroy(t);
		*r = -EINVAL;
		return NULL;
	}
	return t;
}

/* Runs @t; libdm's 1/0 becomes 0 or a negative errno. */
static int task_run(struct dm_task *t)
{
	int e;

	if (dm.dm_task_run(t))
		return 0;
	e = dm.dm_task_get_errno(t);
	return e > 0 ? -e : -EIO;
}

/* Waits for the udev cookie, at most UDEV_WAIT_MS; the nodes are then in place. */
static int cookie_wait(struct vol_ctx *ctx, uint32_t cookie)
{
	struct timespec nap = { 0, 5 * 1000 * 1000 };
	int ready = 0;

	for (unsigned waited = 0; waited < UDEV_WAIT_MS; waited += 5) {
		if (!dm.dm_udev_wait_immediate(cookie, &ready))
			return -EIO;
		if (ready)
			return 0;
		nanosleep(&nap, NULL);
	}
	log_warn(ctx, "udev did not process device-mapper event %u within %u s; going on.",
		 cookie, UDEV_WAIT_MS / 1000);
	return 0;
}

/* Runs a task that adds, removes or renames a node, under a udev cookie. */
static int task_run_udev(struct vol_ctx *ctx, struct dm_task *t)
{
	uint32_t cookie = 0;
	int r;

	if (!dm.dm_task_set_cookie(t, &cookie, 0))
		return -EIO;
	r = task_run(t);
	/* No cookie: libdm does not sync with udev (none, or DM_DISABLE_UDEV) and
	 * makes the nodes itself; waiting would never end. */
	if (!cookie)
		log_debug(ctx, "No udev synchronisation: libdevmapper makes the device nodes.");
	else if (!r)
		r = cookie_wait(ctx, cookie);
	else
		dm.dm_udev_wait(cookie);	/* releases the cookie */
	dm.dm_task_update_nodes();
	return r;
}

static int libdm_driver_version(struct vol_ctx *ctx, char *buf, size_t len)
{
	int r = dm_enter(ctx);

	if (r)
		return r;
	/* Only a working ioctl proves device-mapper: the node can exist without it. */
	return dm.dm_driver_version(buf, len) == 1 ? 0 : -ENODEV;
}

static int libdm_library_version(struct vol_ctx *ctx, char *buf, size_t len)
{
	int r = dm_enter(ctx);

	if (!r && !dm.dm_get_library_version(buf, len))
		r = -EIO;
	return r;
}

static int libdm_targets(struct vol_ctx *ctx, void (*fn)(const struct vol_dm_target *t, void *usr),
			 void *usr)
{
	struct dm_versions *v, *last;
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_LIST_VERSIONS, NULL, &r);

	if (!t)
		return r;
	if ((r = task_run(t))) {
		dm.dm_task_destroy(t);
		return -ENODEV;
	}
	v = dm.dm_task_get_versions(t);
	do {
		struct vol_dm_target info = { v->name, { v->version[0], v->version[1], v->version[2] } };

		last = v;
		fn(&info, usr);
		v = (struct dm_versions *)((char *)v + v->next);
	} while (last != v);
	dm.dm_task_destroy(t);
	return 0;
}

/*
 * Is there a driver behind /dev/mapper/control?  Asked once per context,
 * with the open libdevmapper would make (it loads dm-mod where that is a
 * module): without one, a report of many LVs loads no libdevmapper just to
 * hear it fail for each.  Only the state queries (info, list) use it.
 */
static int dm_kernel(struct vol_ctx *ctx)
{
	if (!ctx->dm_avail) {
		int fd = open("/dev/mapper/control", O_RDWR | O_CLOEXEC);

		if (fd >= 0) {
			close(fd);
			ctx->dm_avail = 1;
		} else if (errno == ENODEV || errno == ENXIO) {
			log_debug(ctx, "/dev/mapper/control: open failed: %s", strerror(errno));
			ctx->dm_avail = -1;
		} else {
			ctx->dm_avail = 1;	/* no node, no access: libdevmapper decides */
		}
	}
	return ctx->dm_avail < 0 ? -ENODEV : 0;
}

static int libdm_info(struct vol_ctx *ctx, const struct dm_id *id, struct dm_state *st)
{
	struct dm_info i;
	int r;
	struct dm_task *t;

	memset(st, 0, sizeof(*st));
	if ((r = dm_kernel(ctx)) || !(t = task_new(ctx, DM_DEVICE_INFO, id, &r)))
		return r;
	if (!(r = task_run(t)) && !dm.dm_task_get_info(t, &i))
		r = -EIO;
	if (!r && i.exists) {
		st->exists = true;
		st->suspended = i.suspended;
		st->live_table = i.live_table;
		st->inactive_table = i.inactive_table;
		st->read_only = i.read_only;
		st->open_count = i.open_count;
		st->event_nr = i.event_nr;
		st->devno = makedev((unsigned)i.major, (unsigned)i.minor);
	}
	dm.dm_task_destroy(t);
	return r;
}

static int libdm_create(struct vol_ctx *ctx, const struct dm_id *id, bool read_only, int32_t major,
			int32_t minor)
{
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_CREATE, NULL, &r);

	if (!t)
		return r;
	if (!dm.dm_task_set_name(t, id->name) || (id->uuid && !dm.dm_task_set_uuid(t, id->uuid)) ||
	    (read_only && !dm.dm_task_set_ro(t)) ||
	    (minor >= 0 && !dm.dm_task_set_major_minor(t, major, minor, 1)))
		r = -EINVAL;
	else
		r = task_run_udev(ctx, t);
	dm.dm_task_destroy(t);
	return r;
}

static int libdm_load(struct vol_ctx *ctx, const struct dm_id *id, const struct dm_line *l,
		      size_t n, bool read_only)
{
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_RELOAD, id, &r);

	if (!t)
		return r;
	for (size_t i = 0; i < n && !r; i++)
		if (!dm.dm_task_add_target(t, l[i].start, l[i].len, l[i].type, l[i].params))
			r = -ENOMEM;
	if (!r && read_only && !dm.dm_task_set_ro(t))
		r = -EINVAL;
	if (!r)
		r = task_run(t);
	dm.dm_task_destroy(t);
	return r;
}

static int simple_task(struct vol_ctx *ctx, int type, const struct dm_id *id, bool udev,
		       void (*tweak)(struct dm_task *t))
{
	int r;
	struct dm_task *t = task_new(ctx, type, id, &r);

	if (!t)
		return r;
	if (tweak)
		tweak(t);
	r = udev ? task_run_udev(ctx, t) : task_run(t);
	dm.dm_task_destroy(t);
	return r;
}

/* lvm2 suspends with skiplockfs, and without flushing only when asked. */
static void tweak_suspend_noflush(struct dm_task *t)
{
	dm.dm_task_skip_lockfs(t);
	dm.dm_task_no_flush(t);
}

static void tweak_suspend(struct dm_task *t)
{
	dm.dm_task_skip_lockfs(t);
}

static void tweak_remove(struct dm_task *t)
{
	dm.dm_task_retry_remove(t);
}

static int libdm_suspend(struct vol_ctx *ctx, const struct dm_id *id, bool flush)
{
	return simple_task(ctx, DM_DEVICE_SUSPEND, id, false,
			   flush ? tweak_suspend : tweak_suspend_noflush);
}

static int libdm_resume(struct vol_ctx *ctx, const struct dm_id *id)
{
	return simple_task(ctx, DM_DEVICE_RESUME, id, true, NULL);
}

static int libdm_clear(struct vol_ctx *ctx, const struct dm_id *id)
{
	return simple_task(ctx, DM_DEVICE_CLEAR, id, false, NULL);
}

static int libdm_rename(struct vol_ctx *ctx, const struct dm_id *id, const char *new_name)
{
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_RENAME, id, &r);

	if (!t)
		return r;
	r = dm.dm_task_set_newname(t, new_name) ? task_run_udev(ctx, t) : -EINVAL;
	dm.dm_task_destroy(t);
	return r;
}

static int libdm_message(struct vol_ctx *ctx, const struct dm_id *id, const char *msg)
{
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_TARGET_MSG, id, &r);

	if (!t)
		return r;
	r = dm.dm_task_set_sector(t, 0) && dm.dm_task_set_message(t, msg) ? task_run(t) : -EINVAL;
	dm.dm_task_destroy(t);
	return r;
}

/* DM_DEVICE_WAITEVENT: the ioctl sleeps in the kernel until the device's
 * event counter moves (a leg failing, a sync ending, a removal). */
static int libdm_wait_event(struct vol_ctx *ctx, const struct dm_id *id, uint32_t event_nr,
			    uint32_t *now)
{
	struct dm_info i = { 0 };
	int r;
	struct dm_task *t = task_new(ctx, DM_DEVICE_WAITEVENT, id, &r);

	if (!t)
		return r;
	if (!dm.dm_task_set_event_nr(t, event_nr))
		r = -EINVAL;
	else if (!(r = task_run(t)) && (!dm.dm_task_get_info(t, &i) || !i.exists))
		r = -ENXIO;
	if (!r)
		*now = i.event_nr;
	dm.dm_task_destroy(t);
	return r;
}

static int libdm_remove(struct vol_ctx *ctx, const struct dm_id *id)
{
	return simple_task(ctx, DM_DEVICE_REMOVE, id, true, tweak_remove);
}

/* Joins the targets of @t as "start len type params" (or params only). */
static int join_targets(struct dm_task *t, bool whole, char **out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	void *next = NULL;

	if (!f)
		return -ENOMEM;
	do {
		uint64_t start, length;
		char *type = NULL, *params = NULL;

		next = dm.dm_get_next_target(t, next, &start, &length, &type, &params);
		if (!type)
			break;
		if (whole)
			fprintf(f, "%llu %llu %s %s\n", (unsigned long long)start,
				(unsigned long long)length, type, params ? params : "");
		else
			fprintf(f, "%s\n", params ? params : "");
	} while (next);
	if (fclose(f)) {
		free(buf);
		return -ENOMEM;
	}
	*out = buf;
	return 0;
}

static int get_lines(struct vol_ctx *ctx, int type, const struct dm_id *id, bool whole, char **out)
{
	int r;
	struct dm_task *t = task_new(ctx, type, id, &r);

	*out = NULL;
	if (!t)
		return r;
	if (!(r = task_run(t)))
		r = join_targets(t, whole, out);
	dm.dm_task_destroy(t);
	return r;
}

static int libdm_status(struct vol_ctx *ctx, const struct dm_id *id, char **out)
{
	return get_lines(ctx, DM_DEVICE_STATUS, id, false, out);
}

static int libdm_table(struct vol_ctx *ctx, const struct dm_id *id, char **out)
{
	return get_lines(ctx, DM_DEVICE_TABLE, id, true, out);
}

static int libdm_list(struct vol_ctx *ctx,
		      void (*fn)(const char *name, const char *uuid, dev_t devno, void *usr), void *usr)
{
	struct dm_names *n;
	int r;
	struct dm_task *t;

	if ((r = dm_kernel(ctx)) || !(t = task_new(ctx, DM_DEVICE_LIST, NULL, &r)))
		return r;
	if ((r = task_run(t)) || !(n = dm.dm_task_get_names(t)) || !n->dev) {
		dm.dm_task_destroy(t);
		return r;
	}
	for (;;) {
		struct dm_id id = { n->name, NULL };
		char uuid[129] = "";
		struct dm_task *u = task_new(ctx, DM_DEVICE_INFO, &id, &r);

		/* The name list carries no UUIDs in this libdm: ask for each. */
		if (u && !task_run(u))
			snprintf(uuid, sizeof(uuid), "%s", dm.dm_task_get_uuid(u));
		if (u)
			dm.dm_task_destroy(u);
		fn(n->name, uuid, (dev_t)n->dev, usr);
		if (!n->next)
			break;
		n = (struct dm_names *)((char *)n + n->next);
	}
	dm.dm_task_destroy(t);
	return 0;
}

const struct dm_ops dm_libdm_ops = {
	.driver_version = libdm_driver_version,
	.library_version = libdm_library_version,
	.targets = libdm_targets,
	.info = libdm_info,
	.create = libdm_create,
	.load = libdm_load,
	.suspend = libdm_suspend,
	.resume = libdm_resume,
	.clear = libdm_clear,
	.remove = libdm_remove,
	.rename = libdm_rename,
	.status = libdm_status,
	.table = libdm_table,
	.list = libdm_list,
	.quick_list = dm_sysfs_list,
	.message = libdm_message,
	.wait_event = libdm_wait_event,
};

static int none_version(struct vol_ctx *ctx, char *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
	return -ENODEV;
}

static int none_targets(struct vol_ctx *ctx, void (*fn)(const struct vol_dm_target *t, void *usr),
			void *usr)
{
	(void)ctx;
	(void)fn;
	(void)usr;
	return -ENODEV;
}

static int none_info(struct vol_ctx *ctx, const struct dm_id *id, struct dm_state *st)
{
	(void)ctx;
	(void)id;
	memset(st, 0, sizeof(*st));
	return -ENODEV;
}

/* Activation turned off: nothing reaches the kernel, as if it had no device-mapper. */
static const struct dm_ops dm_none_ops = {
	.driver_version = none_version,
	.library_version = libdm_library_version,
	.targets = none_targets,
	.info = none_info,
};

const struct dm_ops *ctx_dm(struct vol_ctx *ctx)
{
	if (ctx->no_activation)
		return &dm_none_ops;
	return ctx->dm ? ctx->dm : &dm_libdm_ops;
}

VOL_EXPORT void vol_ctx_set_activation(struct vol_ctx *ctx, bool on)
{
	ctx->no_activation = !on;
}

VOL_EXPORT void vol_ctx_set_monitoring(struct vol_ctx *ctx, bool on)
{
	ctx->no_monitoring = !on;
}

void ctx_set_dm_ops(struct vol_ctx *ctx, const struct dm_ops *ops)
{
	ctx->dm = ops;
}

VOL_EXPORT int vol_dm_info(struct vol_ctx *ctx, struct vol_dm_info *out)
{
	const struct dm_ops *ops = ctx_dm(ctx);
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = ops->library_version(ctx, out->library, sizeof(out->library))))
		return r;
	out->have_driver = !ops->driver_version(ctx, out->driver, sizeof(out->driver));
	if (!out->have_driver)
		out->driver[0] = '\0';
	log_debug(ctx, "device-mapper driver %s", out->have_driver ? out->driver : "absent");
	return 0;
}

VOL_EXPORT int vol_dm_targets(struct vol_ctx *ctx,
			      void (*fn)(const struct vol_dm_target *t, void *usrptr), void *usrptr)
{
	return ctx_dm(ctx)->targets(ctx, fn, usrptr);
}
