/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * raid1 settings and resync, as lvm2 2.03.16's lvchange does them
 * (tools/lvchange.c _lvchange_writemostly, _lvchange_recovery_rate,
 * _lvchange_resync):
 *
 * - write-mostly and write-behind change only on an array that is in sync
 *   (lvm2 cannot tell for an inactive one and refuses it too), and never
 *   every leg write-mostly;
 * - recovery rates: a maximum below the minimum is refused;
 * - resync: the LV is deactivated, every rmeta's first 4 KiB zeroed (dm-raid
 *   then starts a fresh superblock and bitmap and syncs from leg 0),
 *   NOTSYNCED dropped, committed, and the LV activated again.
 * The settings change memory only; vol_vg_commit() reloads an active LV.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activate.h"
#include "ctx.h"
#include "lvedit.h"
#include "raid.h"

static int raid_target(struct vol_lv *lv, char *full, size_t len, struct md_seg **seg)
{
	int r = lv_editable(lv);

	if (r)
		return r;
	lv_full_name(lv->vg, &lv->md, full, len);
	if (!(*seg = raid_seg(lv->vg->md, lv->idx))) {
		log_err(lv->vg->ctx, "%s must be a RAID logical volume to perform this action.", full);
		return -EINVAL;
	}
	return raid_not_stacked(lv, full);
}

/* lvm2's lv_raid_in_sync() for write-mostly and write-behind changes. */
static int need_sync(struct vol_lv *lv, const char *full, const char *what)
{
	struct vol_raid_status st;
	int r = vol_lv_raid_status(lv, &st);

	if (lv->vg->ctx->test_mode && r == -ENODEV)
		return 0;
	if (r)
		log_err(lv->vg->ctx, "Unable to determine sync status of %s.", full);
	if (r || st.sync_percent != 100000000) {
		log_err(lv->vg->ctx, "Unable to change write%s on %s while it is not in-sync.", what,
			full);
		return -EBUSY;
	}
	return 0;
}

VOL_EXPORT int vol_lv_raid_set_writemostly(struct vol_lv *lv, const char *pv,
					   enum vol_writemostly mode)
{
	struct md_vg *m = lv->vg->md;
	char full[2 * MD_NAME_LEN];
	const struct vol_pv *p;
	uint32_t saved[VOL_RAID_MAX_LEGS];
	struct md_seg *seg;
	uint32_t n = 0;
	bool *on;
	int r;

	if ((r = raid_target(lv, full, sizeof(full), &seg)) || (r = need_sync(lv, full, "mostly")))
		return r;
	if (!(p = vol_vg_pv_by_name(lv->vg, pv))) {
		log_err(lv->vg->ctx, "%s not found in volume group, %s", pv, m->name);
		return -ENOENT;
	}
	if (!(on = calloc(m->n_pvs + 1, sizeof(*on))))
		return -ENOMEM;
	on[p->idx] = true;
	for (uint32_t k = 0; k < seg->device_count; k++) {
		struct md_lv *img = seg->pairs[k].image >= 0 ? &m->lvs[seg->pairs[k].image] : NULL;

		saved[k] = img ? img->status.known : 0;
		if (img && raid_lv_on(m, seg->pairs[k].image, on)) {
			if (mode == VOL_WRITEMOSTLY_ON)
				img->status.known |= MD_LV_WRITEMOSTLY;
			else if (mode == VOL_WRITEMOSTLY_OFF)
				img->status.known &= ~MD_LV_WRITEMOSTLY;
			else
				img->status.known ^= MD_LV_WRITEMOSTLY;
		}
		n += img && (img->status.known & MD_LV_WRITEMOSTLY);
	}
	free(on);
	if (n == seg->device_count) {
		log_err(lv->vg->ctx, "Can't set all images of raid1 LV %s to writemostly.", full);
		for (uint32_t k = 0; k < seg->device_count; k++)
			if (seg->pairs[k].image >= 0)
				m->lvs[seg->pairs[k].image].status.known = saved[k];
		return -EINVAL;
	}
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int vol_lv_raid_set_writebehind(struct vol_lv *lv, uint32_t writes)
{
	char full[2 * MD_NAME_LEN];
	struct md_seg *seg;
	int r;

	if ((r = raid_target(lv, full, sizeof(full), &seg)) || (r = need_sync(lv, full, "behind")))
		return r;
	seg->writebehind = writes;
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int vol_lv_raid_set_recovery_rate(struct vol_lv *lv, int64_t min_kib, int64_t max_kib)
{
	char full[2 * MD_NAME_LEN];
	struct md_seg *seg;
	uint32_t min, max;
	int r;

	if ((r = raid_target(lv, full, sizeof(full), &seg)))
		return r;
	if (min_kib > UINT32_MAX || max_kib > UINT32_MAX)
		return -EINVAL;
	min = min_kib >= 0 ? (uint32_t)min_kib : seg->min_recovery_rate;
	max = max_kib >= 0 ? (uint32_t)max_kib : seg->max_recovery_rate;
	if (max && max < min) {
		log_err(lv->vg->ctx, "Minimum recovery rate cannot be higher than maximum.");
		return -EINVAL;
	}
	seg->min_recovery_rate = min;
	seg->max_recovery_rate = max;
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int vol_lv_raid_resync(struct vol_lv *lv)
{
	struct vol_vg *vg = lv->vg;
	char full[2 * MD_NAME_LEN];
	struct act_state st = { 0 };
	struct md_seg *seg;
	struct act_opts o;
	bool active;
	int r;

	if ((r = raid_target(lv, full, sizeof(full), &seg)))
		return r;
	active = !vg->ctx->test_mode && !act_state(vg, (uint32_t)lv->idx, false, &st) && st.exists;
	if (active && st.open_count > 0) {
		log_err(vg->ctx, "Can't resync open logical volume %s.", full);
		return -EBUSY;
	}
	act_opts_init(&o);
	if (active && (r = act_deactivate(vg, (uint32_t)lv->idx, &o))) {
		log_err(vg->ctx, "Unable to deactivate %s for resync.", full);
		return r;
	}
	log_verbose(vg->ctx, "Starting resync of %sraid1 %s.", active ? "active " : "", full);
	vg->md->lvs[lv->idx].status.known &= ~MD_LV_NOTSYNCED;
	if (!(r = raid_zero_meta(vg, lv->idx)) && !(r = vg_sync_handles(vg)))
		r = vol_vg_commit(vg);
	if (active && (r ? act_activate(vg, (uint32_t)lv->idx, &o) :
		       (r = act_activate(vg, (uint32_t)lv->idx, &o))))
		log_err(vg->ctx, "Failed to reactivate %s after resync.", full);
	return r;
}
