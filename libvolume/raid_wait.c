/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waiting for a raid1 LV's sync to end (--wait of lvcreate, lvconvert and
 * lvchange).  The VG is read once, under its lock, for the LV's dm UUID;
 * after that only dm-raid's status is read, with no lock held: a wait may
 * last hours, and a repair (the monitor's) must be able to run meanwhile.
 * The library prints nothing: the caller's function sees each status.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "raid.h"
#include "table.h"

/* The dm UUID of raid1 LV @lvname in VG @vgname. */
static int find_uuid(struct vol_ctx *ctx, const char *vgname, const char *lvname, char *uuid,
		     size_t len)
{
	struct vol_vg *vg;
	struct vol_lv *lv;
	int r;

	if ((r = vol_vg_open(ctx, vgname, VOL_OPEN_READ, &vg)))
		return r;
	if (!(lv = vol_vg_lv_by_name(vg, lvname))) {
		log_err(ctx, "Failed to find logical volume \"%s/%s\"", vgname, lvname);
		r = -ENOENT;
	} else if ((r = raid_top_uuid(lv, uuid, len))) {
		log_err(ctx, "%s/%s is not a raid1 logical volume.", vgname, lvname);
	}
	vol_vg_close(vg);
	return r;
}

/* Is the work over (0), still going (1), or unable to end (-EIO)? */
static int sync_state(const struct vol_raid_status *st)
{
	bool idle = !strcmp(st->sync_action, "idle") || !st->sync_action[0];

	if (strchr(st->health, 'D') && idle)
		return -EIO;
	if (idle && st->in_sync == st->total && !strchr(st->health, 'a'))
		return 0;
	return 1;
}

static void nap(unsigned ms)
{
	struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&t, NULL);	/* EINTR: the caller's function is asked at once */
}

VOL_EXPORT int vol_raid_wait(struct vol_ctx *ctx, const char *vg, const char *lv,
			     unsigned interval_ms, vol_raid_wait_fn *fn, void *usrptr)
{
	char uuid[DMT_UUID_LEN];
	struct vol_raid_status st;
	int r;

	if ((r = find_uuid(ctx, vg, lv, uuid, sizeof(uuid))))
		return r;
	for (;;) {
		if ((r = raid_status_by_uuid(ctx, uuid, &st))) {
			if (r == -ENODEV)
				log_err(ctx, "%s/%s is not active.", vg, lv);
			return r;
		}
		if (fn && (r = fn(&st, usrptr)))
			return r < 0 ? r : -ECANCELED;
		if ((r = sync_state(&st)) <= 0) {
			if (r)
				log_err(ctx, "%s/%s: a leg has failed (health %s): the sync cannot "
					"finish without a repair.", vg, lv, st.health);
			return r;
		}
		nap(interval_ms ? interval_ms : 1000);
	}
}
