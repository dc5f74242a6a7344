/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's old-style snapshots as its reports present them (volume.h): the
 * snapshot is its COW LV, under the name the user gave; the "snapshotN" LV
 * that ties origin and COW together is internal.  The kernel's view is the
 * dm "snapshot" target's status line of the snapshot device (the COW LV's
 * UUID), read as lvm2 2.03.16 reads it: "<used>/<total> <metadata>"
 * (sectors; older kernels without the metadata count), "Invalid",
 * "Overflow" (invalid too) or "Merge failed".
 */
#include <errno.h>
#include <inttypes.h>
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

/* The snapshotN LV of COW LV @lv, or -1. */
static int32_t snap_of(const struct vol_lv *lv)
{
	return lv->idx >= 0 ? snap_of_cow(lv->vg->md, (uint32_t)lv->idx) : -1;
}

static struct vol_lv *handle(const struct vol_lv *lv, int32_t i)
{
	return i >= 0 && (size_t)i < lv->vg->lvh.n ? lv->vg->lvh.v[i] : NULL;
}

VOL_EXPORT bool vol_lv_is_snapshot(const struct vol_lv *lv)
{
	return snap_of(lv) >= 0;
}

VOL_EXPORT bool vol_lv_is_snapshot_internal(const struct vol_lv *lv)
{
	return lv->idx >= 0 && snap_is_snapshot(lv->vg->md, (uint32_t)lv->idx);
}

VOL_EXPORT bool vol_lv_is_origin(const struct vol_lv *lv)
{
	return lv->idx >= 0 && snap_count(lv->vg->md, (uint32_t)lv->idx) > 0;
}

VOL_EXPORT bool vol_lv_is_merging_snapshot(const struct vol_lv *lv)
{
	int32_t s = snap_of(lv);

	return s >= 0 && snap_merging(lv->vg->md, (uint32_t)s);
}

VOL_EXPORT struct vol_lv *vol_lv_snapshot_origin(const struct vol_lv *lv)
{
	int32_t s = snap_of(lv);

	return s >= 0 ? handle(lv, snap_origin(lv->vg->md, (uint32_t)s)) : NULL;
}

VOL_EXPORT uint64_t vol_lv_snapshot_chunk_size(const struct vol_lv *lv)
{
	int32_t s = snap_of(lv);

	return s >= 0 ? snap_chunk(lv->vg->md, (uint32_t)s) * 512 : 0;
}

VOL_EXPORT struct vol_lv *vol_lv_next_snapshot(const struct vol_lv *origin,
					       const struct vol_lv *prev)
{
	const struct md_vg *m = origin->vg->md;
	int32_t s = -1;

	if (origin->idx < 0)
		return NULL;
	if (prev && (prev->vg != origin->vg || (s = snap_of(prev)) < 0))
		return NULL;
	while ((s = snap_next(m, (uint32_t)origin->idx, s)) >= 0)
		if (snap_cow(m, (uint32_t)s) >= 0)
			return handle(origin, snap_cow(m, (uint32_t)s));
	return NULL;
}

VOL_EXPORT size_t vol_vg_snapshot_count(const struct vol_vg *vg)
{
	size_t n = 0;

	for (uint32_t l = 0; l < vg->md->n_lvs; l++)
		n += snap_of_cow(vg->md, l) >= 0;
	return n;
}

/* Reads the snapshot target's status @text into @st, as lvm2 does. */
static int parse_status(const char *text, struct vol_snapshot_status *st)
{
	unsigned long long used, total, meta;
	int n;

	if (!strncmp(text, "Invalid", 7) || !strncmp(text, "Overflow", 8)) {
		st->invalid = true;
		st->overflow = text[0] == 'O';
		st->percent = PERCENT_100;	/* lvm2 shows an invalid snapshot full */
		return 0;
	}
	if (!strncmp(text, "Merge failed", 12)) {
		st->merge_failed = true;
		st->percent = -1;
		return 0;
	}
	n = sscanf(text, "%llu/%llu %llu", &used, &total, &meta);
	if (n < 2)
		return -EINVAL;
	st->used_sectors = used;
	st->total_sectors = total;
	st->has_metadata = n == 3;
	st->metadata_sectors = n == 3 ? meta : 0;
	st->percent = st->has_metadata && used == meta ? 0 : percent_of(used, total);
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
	if (snap_of(lv) < 0)
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
	if ((r = parse_status(text, st)))
		log_err(lv->vg->ctx, "Failed to parse snapshot params: %s", text);
	free(text);
	return r;
}
