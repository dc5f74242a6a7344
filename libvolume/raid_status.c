/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The kernel's view of a raid1 LV: dm-raid's status line, read as lvm2
 * 2.03.16 reads it (device_mapper/libdm-targets.c dm_get_status_raid,
 * libdm-report.c dm_make_percent), and the sync actions sent to it as
 * target messages (lib/activate/activate.c lv_raid_message).
 *
 * The line (dm-raid.rst): "<type> <#devs> <health> <in_sync>/<total>
 * <sync_action> <mismatch_cnt> <data_offset> <journal>", the last four
 * only from newer targets.  lvm2 does not trust a ratio of n/n while some
 * legs (not all) still show 'a' and the action is "recover" or "idle": the
 * kernel may be about to start, so it counts one sector less.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "dm.h"
#include "raid.h"
#include "snap.h"
#include "table.h"

#define PERCENT_100 100000000	/* lvm2's DM_PERCENT_100 */

/* lvm2's dm_make_percent(). */
int32_t raid_make_percent(uint64_t num, uint64_t den)
{
	int32_t p;

	if (!den || num == den)
		return PERCENT_100;
	if (!num)
		return 0;
	p = (int32_t)(PERCENT_100 * ((double)num / (double)den));
	return p == PERCENT_100 ? PERCENT_100 - 1 : p == 0 ? 1 : p;
}

_Static_assert(sizeof(((struct vol_raid_status *)0)->sync_action) == 16,
	       "raid_parse_status reads at most 15 characters of the sync action");

/* Parses dm-raid's status params into @st; -EINVAL for a line lvm2 would refuse. */
int raid_parse_status(const char *params, struct vol_raid_status *st)
{
	char type[32], health[VOL_RAID_MAX_LEGS + 2], action[16] = "";	/* sync_action's size */
	unsigned long long mism = 0, off = 0;
	unsigned devs, a = 0;
	int n;

	memset(st, 0, sizeof(*st));
	if (sscanf(params, "%31s %u %65s %" SCNu64 "/%" SCNu64 "%n", type, &devs, health,
		   &st->in_sync, &st->total, &n) != 5 || devs > VOL_RAID_MAX_LEGS ||
	    strlen(health) != devs)
		return -EINVAL;
	if (sscanf(params + n, " %15s %llu %llu", action, &mism, &off) < 0)
		action[0] = '\0';
	st->legs = devs;
	memcpy(st->health, health, devs + 1);	/* devs <= VOL_RAID_MAX_LEGS, checked */
	memcpy(st->sync_action, action, sizeof(action));
	st->mismatch_count = mism;
	st->data_offset = off;
	if (st->in_sync == st->total) {
		for (unsigned i = 0; i < devs; i++)
			a += health[i] == 'a';
		if (a && a < devs && (!strcasecmp(action, "recover") || !strcasecmp(action, "idle")))
			st->in_sync--;
	}
	st->sync_percent = raid_make_percent(st->in_sync, st->total);
	return 0;
}

/* Is there a device-mapper device with dm UUID @uuid? */
static bool dm_has(struct vol_ctx *ctx, const char *uuid)
{
	const struct dm_ops *ops = ctx_dm(ctx);
	struct dm_id id = { NULL, uuid };
	struct dm_state s;

	return !ops->info(ctx, &id, &s) && s.exists;
}

int raid_not_stacked(const struct vol_lv *lv, const char *full)
{
	char uuid[DMT_UUID_LEN];

	if (lv->idx < 0 || lv->vg->ctx->no_activation ||
	    dmt_uuid(lv->vg->md->id, lv->md.id, "real", uuid, sizeof(uuid)) ||
	    !dm_has(lv->vg->ctx, uuid))
		return 0;
	log_err(lv->vg->ctx, "%s is the origin of active snapshots: this tool does not reload it "
		"under them.", full);
	return -EBUSY;
}

/*
 * The raid target of an LV that is the origin of lvm2's snapshots is on the
 * origin's "-real" layer, under a snapshot-origin device that has the LV's
 * own UUID (and an empty status): lvm2 asks the "-real" device then.
 */
int raid_top_uuid(const struct vol_lv *lv, char *uuid, size_t len)
{
	const char *type = lv->md.n_segs == 1 ? lv->md.segs[0].type_name : "";

	/* raid1, or a raid4/5/6/10 LV lvm2 made beside ours (the same status line) */
	if (lv->idx < 0 || (!raid_seg(lv->vg->md, lv->idx) &&
			    (strncmp(type, "raid", 4) || !strncmp(type, "raid0", 5))))
		return -EINVAL;
	/* an origin of lvm2's snapshots: the raid table is its real layer's */
	return dmt_uuid(lv->vg->md->id, lv->md.id,
			snap_count(lv->vg->md, (uint32_t)lv->idx) ? "real" : NULL, uuid, len);
}

int raid_status_by_uuid(struct vol_ctx *ctx, const char *uuid, struct vol_raid_status *st)
{
	const struct dm_ops *ops = ctx_dm(ctx);
	struct dm_id id = { NULL, uuid };
	struct dm_state s;
	char *text = NULL;
	int r;

	memset(st, 0, sizeof(*st));
	if ((r = ops->info(ctx, &id, &s)))
		return r;
	if (!s.exists || !s.live_table || !ops->status)
		return -ENODEV;
	if ((r = ops->status(ctx, &id, &text)))
		return r;
	/* one target: the raid line (its first line if there were more) */
	if (strchr(text, '\n'))
		*strchr(text, '\n') = '\0';
	r = raid_parse_status(text, st);
	if (r)
		log_err(ctx, "Failed to parse raid params: %s", text);
	free(text);
	return r;
}

VOL_EXPORT int vol_lv_raid_status(struct vol_lv *lv, struct vol_raid_status *st)
{
	char uuid[DMT_UUID_LEN];
	int r;

	memset(st, 0, sizeof(*st));
	if ((r = raid_top_uuid(lv, uuid, sizeof(uuid))))
		return r;
	return raid_status_by_uuid(lv->vg->ctx, uuid, st);
}

VOL_EXPORT bool vol_lv_raid_not_synced(const struct vol_lv *lv)
{
	return lv->md.status.known & MD_LV_NOTSYNCED;
}

VOL_EXPORT bool vol_lv_raid_writemostly(const struct vol_lv *lv)
{
	return lv->md.status.known & MD_LV_WRITEMOSTLY;
}

VOL_EXPORT int vol_lv_raid_sync_action(struct vol_lv *lv, const char *action)
{
	struct vol_ctx *ctx = lv->vg->ctx;
	char uuid[DMT_UUID_LEN], full[2 * MD_NAME_LEN];
	struct dm_id id = { NULL, uuid };
	struct vol_raid_status st;
	int r;

	snprintf(full, sizeof(full), "%s/%s", lv->vg->md->name, lv->md.name);
	if (raid_top_uuid(lv, uuid, sizeof(uuid))) {
		log_err(ctx, "%s must be a RAID logical volume to perform this action.", full);
		return -EINVAL;
	}
	if ((r = vol_lv_raid_status(lv, &st)) == -ENODEV) {
		log_err(ctx, "Unable to send message to an inactive logical volume.");
		return r;
	}
	if (r)
		return r;
	if (!st.sync_action[0]) {
		log_err(ctx, "Kernel driver does not support this action: %s", action);
		return -EOPNOTSUPP;
	}
	if (strcmp(action, "check") && strcmp(action, "repair")) {
		log_err(ctx, "\"%s\" is not a supported sync operation.", action);
		return -EINVAL;
	}
	if (strcmp(st.sync_action, "idle")) {
		log_err(ctx, "%s state is currently \"%s\".  Unable to switch to \"%s\".", full,
			st.sync_action, action);
		return -EBUSY;
	}
	if (ctx->test_mode)
		return 0;
	log_verbose(ctx, "Sending \"%s\" to %s.", action, full);
	r = ctx_dm(ctx)->message ? ctx_dm(ctx)->message(ctx, &id, action) : -ENODEV;
	if (r)
		log_err(ctx, "Failed to send \"%s\" to %s: %s.", action, full, strerror(-r));
	return r;
}
