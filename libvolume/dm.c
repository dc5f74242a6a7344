/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one file that talks to libdevmapper.  libdm's own messages go to the
 * context's log at DEBUG level; its status becomes a negative errno here.
 *
 * libdevmapper is loaded on first use (dlopen), not at program start: it
 * pulls in libselinux, libudev and pcre2, which every pvs or vgs would pay
 * for without ever touching device-mapper.  Each function we call has an
 * entry in DM_SYMBOLS.
 */
#include <dlfcn.h>
#include <errno.h>
#include <libdevmapper.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#ifndef DM_SONAME
#define DM_SONAME "libdevmapper.so.1.02.1"
#endif

#define DM_SYMBOLS \
	X(dm_get_library_version) \
	X(dm_driver_version) \
	X(dm_log_with_errno_init) \
	X(dm_task_create) \
	X(dm_task_run) \
	X(dm_task_destroy) \
	X(dm_task_get_versions)

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

VOL_EXPORT int vol_dm_info(struct vol_ctx *ctx, struct vol_dm_info *out)
{
	int r;

	memset(out, 0, sizeof(*out));
	if ((r = dm_enter(ctx)))
		return r;
	if (!dm.dm_get_library_version(out->library, sizeof(out->library)))
		snprintf(out->library, sizeof(out->library), "unknown");
	/* Only a working ioctl proves device-mapper: the node can exist without it. */
	out->have_driver = dm.dm_driver_version(out->driver, sizeof(out->driver)) == 1;
	if (!out->have_driver)
		out->driver[0] = '\0';
	log_debug(ctx, "device-mapper driver %s", out->have_driver ? out->driver : "absent");
	return 0;
}

VOL_EXPORT int vol_dm_targets(struct vol_ctx *ctx,
			      void (*fn)(const char *name, const uint32_t version[3], void *usrptr),
			      void *usrptr)
{
	struct dm_task *dmt;
	struct dm_versions *v, *last;
	int r;

	if ((r = dm_enter(ctx)))
		return r;
	if (!(dmt = dm.dm_task_create(DM_DEVICE_LIST_VERSIONS)))
		return -ENOMEM;
	if (!dm.dm_task_run(dmt)) {
		dm.dm_task_destroy(dmt);
		return -ENODEV;
	}
	v = dm.dm_task_get_versions(dmt);
	do {
		last = v;
		fn(v->name, v->version, usrptr);
		v = (struct dm_versions *)((char *)v + v->next);
	} while (last != v);
	dm.dm_task_destroy(dmt);
	return 0;
}
