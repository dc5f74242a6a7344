/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: the device-mapper seam.  Everything the library asks of the
 * kernel's device-mapper goes through one small table of operations; dm.c
 * implements it with libdevmapper, and unit tests put in a fake that
 * records the calls, so activation logic is tested without root.
 */
#ifndef VOLUME_DM_H
#define VOLUME_DM_H

#include <sys/types.h>

#include "internal.h"

struct vol_ctx;

/* One line of a table: <start> <len> <type> <params>, in sectors. */
struct dm_line {
	uint64_t start, len;
	const char *type;
	const char *params;
};

struct dm_state {
	bool exists;
	bool suspended;
	bool live_table;
	bool inactive_table;
	bool read_only;
	int32_t open_count;
	uint32_t event_nr;	/* the device's event counter */
	dev_t devno;
	char name[128];
	char uuid[129];
};

/* Identifies a device by dm UUID (preferred) or by name. */
struct dm_id {
	const char *name;
	const char *uuid;
};

struct dm_ops {
	/* Driver version "4.47.0"; -ENODEV without a kernel driver. */
	int (*driver_version)(struct vol_ctx *ctx, char *buf, size_t len);
	int (*library_version)(struct vol_ctx *ctx, char *buf, size_t len);
	int (*targets)(struct vol_ctx *ctx, void (*fn)(const struct vol_dm_target *t, void *usr),
		       void *usr);
	/* Fills @st; st->exists false (and 0) when there is no such device. */
	int (*info)(struct vol_ctx *ctx, const struct dm_id *id, struct dm_state *st);
	/* A new device with no table; its node is made.  @minor >= 0: that
	 * device number (@major: device-mapper's, or the kernel's if not). */
	int (*create)(struct vol_ctx *ctx, const struct dm_id *id, bool read_only, int32_t major,
		      int32_t minor);
	/* Loads a table into the inactive slot. */
	int (*load)(struct vol_ctx *ctx, const struct dm_id *id, const struct dm_line *t, size_t n,
		    bool read_only);
	int (*suspend)(struct vol_ctx *ctx, const struct dm_id *id, bool flush);
	/* Makes the inactive table live (if any) and resumes I/O. */
	int (*resume)(struct vol_ctx *ctx, const struct dm_id *id);
	/* Drops an inactive table that was loaded. */
	int (*clear)(struct vol_ctx *ctx, const struct dm_id *id);
	int (*remove)(struct vol_ctx *ctx, const struct dm_id *id);
	/* The status line (params) of each target, joined by '\n'; free() it. */
	int (*status)(struct vol_ctx *ctx, const struct dm_id *id, char **out);
	/* The live table as "start len type params" lines joined by '\n'; free() it. */
	int (*table)(struct vol_ctx *ctx, const struct dm_id *id, char **out);
	/* Gives the device a new dm name (its node follows). */
	int (*rename)(struct vol_ctx *ctx, const struct dm_id *id, const char *new_name);
	/* Calls @fn for every dm device (name and uuid, uuid "" if none). */
	int (*list)(struct vol_ctx *ctx, void (*fn)(const char *name, const char *uuid, dev_t devno,
						    void *usr), void *usr);
	/* The cheap look: every dm device whose UUID starts with @prefix, with
	 * its name, UUID, number and suspended flag (the rest of @st zero),
	 * without loading libdevmapper or asking the kernel anything (sysfs).
	 * No device-mapper: 0, no call.  May be NULL (a test's fake): then
	 * nothing is looked at. */
	int (*quick_list)(struct vol_ctx *ctx, const char *prefix,
			  void (*fn)(const struct dm_state *st, void *usr), void *usr);
	/* Sends @msg to the target at sector 0 ("check" to dm-raid). */
	int (*message)(struct vol_ctx *ctx, const struct dm_id *id, const char *msg);
	/* Blocks until the device's event counter is no longer @event_nr
	 * (at once if it is not now), then gives the new one in *@now; an
	 * error (-ENXIO) once the device is gone.  May be NULL (no events:
	 * the caller polls). */
	int (*wait_event)(struct vol_ctx *ctx, const struct dm_id *id, uint32_t event_nr,
			  uint32_t *now);
};

/* quick_list from /sys/block/dm-* (dm_sysfs.c). */
int dm_sysfs_list(struct vol_ctx *ctx, const char *prefix,
		  void (*fn)(const struct dm_state *st, void *usr), void *usr);

/* The libdevmapper implementation (loaded on first use). */
extern const struct dm_ops dm_libdm_ops;
/* The context's operations: libdevmapper unless a test set others. */
const struct dm_ops *ctx_dm(struct vol_ctx *ctx);
void ctx_set_dm_ops(struct vol_ctx *ctx, const struct dm_ops *ops);

#endif
