/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one file that talks to libdevmapper.  libdm's own messages go to the
 * context's log at DEBUG level; its status becomes a negative errno here.
 */
#include <errno.h>
#include <libdevmapper.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

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

static void dm_enter(struct vol_ctx *ctx)
{
	dm_ctx = ctx;
	dm_log_with_errno_init(dm_log);
}

VOL_EXPORT int vol_dm_info(struct vol_ctx *ctx, struct vol_dm_info *out)
{
	memset(out, 0, sizeof(*out));
	dm_enter(ctx);
	if (!dm_get_library_version(out->library, sizeof(out->library)))
		snprintf(out->library, sizeof(out->library), "unknown");
	/* Only a working ioctl proves device-mapper: the node can exist without it. */
	out->have_driver = dm_driver_version(out->driver, sizeof(out->driver)) == 1;
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
	int r = 0;

	dm_enter(ctx);
	if (!(dmt = dm_task_create(DM_DEVICE_LIST_VERSIONS)))
		return -ENOMEM;
	if (!dm_task_run(dmt)) {
		dm_task_destroy(dmt);
		return -ENODEV;
	}
	v = dm_task_get_versions(dmt);
	do {
		last = v;
		fn(v->name, v->version, usrptr);
		v = (struct dm_versions *)((char *)v + v->next);
	} while (last != v);
	dm_task_destroy(dmt);
	return r;
}
