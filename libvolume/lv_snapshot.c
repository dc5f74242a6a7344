/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's old-style snapshots as its reports present them (volume.h): the
 * snapshot is its COW LV, under the name the user gave; the "snapshotN" LV
 * that ties origin and COW together is internal.  The kernel's view of a
 * snapshot is in snap_status.c.
 */
#include <errno.h>

#include "ctx.h"
#include "handles.h"
#include "snap.h"
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

int snap_cow_inactive(struct vol_lv *lv)
{
	struct vol_lv_state st;

	if (snap_of(lv) < 0 || vol_lv_state(lv, &st) || !st.active)
		return 0;
	log_err(lv->vg->ctx, "Cannot resize snapshot %s/%s while it is active: this tool does not "
		"reload lvm2's snapshot devices. Deactivate it first.", lv->vg->md->name, lv->md.name);
	return -EBUSY;
}
