/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The kernel's view of lvm2's snapshots (volume.h): the dm "snapshot"
 * target's status line of the snapshot device (it has the COW LV's UUID),
 * read as lvm2 2.03.16 reads it (libdm-targets.c dm_get_status_snapshot,
 * lv.c lvseg_percent_with_info_and_seg_status): "<used>/<total>
 * <metadata>" in sectors (older kernels leave out the metadata count),
 * "Invalid", "Overflow" or "Merge failed".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "dm.h"
#include "handles.h"
#include "percent.h"
#include "snap.h"
#include "table.h"
#include "vgobj.h"

int snap_parse_status(const char *text, struct vol_snapshot_status *st)
{
	unsigned long long used = 0, total = 0, meta = 0;
	int n = sscanf(text, "%llu/%llu %llu", &used, &total, &meta);

	memset(st, 0, sizeof(*st));
	if (n == 2 || n == 3) {
		st->used_sectors = used;
		st->total_sectors = total;
		st->has_metadata = n == 3;
		st->metadata_sectors = meta;
	} else if (!strcmp(text, "Invalid")) {
		st->invalid = true;
	} else if (!strcmp(text, "Merge failed")) {
		st->merge_failed = true;
	} else if (!strcmp(text, "Overflow")) {
		st->overflow = true;	/* not invalid for lvm2: 0 of 0 sectors, full */
	} else {
		return -EINVAL;
	}
	if (st->merge_failed)
		st->percent = -1;
	else if (st->invalid)
		st->percent = PERCENT_100;	/* lvm2 shows a dropped snapshot full */
	else if (st->has_metadata && used == meta)
		st->percent = 0;
	else
		st->percent = percent_of(used, total);
	return 0;
}

VOL_EXPORT int vol_lv_snapshot_status(const struct vol_lv *lv, struct vol_snapshot_status *st)
{
	const struct dm_ops *ops;
	char uuid[DMT_UUID_LEN], *text = NULL;
	struct dm_state s;
	struct dm_id id = { NULL, uuid };
	int r;

	memset(st, 0, sizeof(*st));
	if (lv->idx < 0 || snap_of_cow(lv->vg->md, (uint32_t)lv->idx) < 0)
		return -EINVAL;
	if (lv->vg->ctx->no_activation || !(ops = ctx_dm(lv->vg->ctx)) || !ops->status)
		return -ENODEV;
	if ((r = dmt_uuid(lv->vg->md->id, lv->md.id, NULL, uuid, sizeof(uuid))) ||
	    (r = ops->info(lv->vg->ctx, &id, &s)))
		return r;
	if (!s.exists || !s.live_table)
		return -ENODEV;
	if ((r = ops->status(lv->vg->ctx, &id, &text)))
		return r;
	if (strchr(text, '\n'))
		*strchr(text, '\n') = '\0';
	if ((r = snap_parse_status(text, st)))
		log_err(lv->vg->ctx, "Failed to parse snapshot params: %s.", text);
	free(text);
	return r;
}
