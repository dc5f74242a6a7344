/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: LV activation on top of the device-mapper seam (dm.h) and the
 * table planner (table.h), in lvm2 2.03.16's order (lvm2-format.md §11,
 * §16.4, §16.5).  Nothing here writes metadata: a live change hands the
 * commit to its caller, between the suspend and the resume.
 *
 *   act_activate()    create, load and resume every device of an LV,
 *                     children first; devices already live with the same
 *                     table are left alone, others are reloaded
 *   act_deactivate()  remove the top device, then its sub-devices
 *   act_change()      a live change (resize, reshape): preload, suspend,
 *                     the caller's commit, resume; on a failure before the
 *                     resume, the old tables come back and nothing stays
 *                     suspended
 *   act_state()       what the kernel has for an LV (lvs, refresh checks)
 *   act_vg_devices()  every dm device whose UUID carries the VG's id
 *   act_recover()     resolve what a crash between suspend and resume left
 *
 * Device nodes: libdevmapper makes /dev/mapper/<name> (udev, or itself
 * without udev); where neither did, we make it.  A visible LV gets the
 * link /dev/<vg>/<lv> -> /dev/mapper/<name> (absolute, as lvm2's fs.c),
 * unless udev's link to the same device is already there.  Hidden sub-LVs
 * get no link.
 *
 * Every function returns 0 or a negative errno and logs why it failed.
 */
#ifndef VOLUME_ACTIVATE_H
#define VOLUME_ACTIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "table.h"

struct vol_ctx;
struct vol_vg;

struct act_opts {
	enum dmt_mode mode;	/* --activationmode; default degraded, as lvm2 */
	bool nosync;		/* raid: load "nosync" (lvcreate --nosync) */
	bool read_only;		/* every device read-only (lvchange -p r / --readonly) */
	bool refresh;		/* a refresh: a refusal says so (lvm2's wording) */
	const char *dev_dir;	/* NULL: the context's VOL_DIR_DEV; tests use a scratch one */
};

void act_opts_init(struct act_opts *o);

/* dmt_pv_dev_fn for a VG handle (@arg): the device numbers of its present PVs. */
int act_pv_dev(void *arg, uint32_t pv, struct dmt_devnum *out);

/*
 * Activate LV @lv (an index in vg->md->lvs) with the PVs present in the
 * VG handle.  -ENODEV: the LV is partial and o->mode refuses it (lvm2's
 * "Refusing activation of partial LV"); -EOPNOTSUPP: a segment type we do
 * not map; -EEXIST: a dm device of that name has another UUID; or the
 * kernel's error.  On a failure, the devices this call created are removed.
 */
int act_activate(struct vol_vg *vg, uint32_t lv, const struct act_opts *o);

/*
 * Deactivate LV @lv: its device and every sub-device the kernel shows under
 * it (and any other device of its plan), parents first, then its links.
 * -EBUSY, touching nothing, if the LV is open or a sub-device is open by
 * something else.  An inactive LV is a no-op.
 */
int act_deactivate(struct vol_vg *vg, uint32_t lv, const struct act_opts *o);
/*
 * lvm2's snapshots (snap.h): act_deactivate() of an origin takes down its
 * snapshots first, and of a snapshot (or its COW LV) the whole stack of its
 * origin.  act_deactivate_snapshot() takes down one snapshot only (COW LV
 * @cow: its snapshot device and COW layer), leaving its origin live, for
 * its removal.
 */
int act_deactivate_snapshot(struct vol_vg *vg, uint32_t cow, const struct act_opts *o);

/* Commits the new metadata; 0 or a negative errno (the change is then undone). */
typedef int act_commit_fn(void *arg);

/*
 * Change active LV @lv to what vg->md says now (the caller has edited it):
 * load the new tables into the inactive slots, children first (new
 * sub-devices are created, and children that grew are resumed at once, as
 * lvm2 does), suspend the LV's devices parents first, call @commit, then
 * resume children first and remove the devices the new layout no longer
 * uses.  If anything before the resume fails (@commit included), the
 * inactive tables are dropped, the old tables are live again, new devices
 * are removed and nothing is left suspended; the caller then reverts its
 * metadata.  An inactive LV: only @commit is called.
 * Fault points (ctx.h): "preload", "suspend" and "resume", after each
 * device, with its position in that step.
 */
int act_change(struct vol_vg *vg, uint32_t lv, const struct act_opts *o, act_commit_fn *commit,
	       void *arg);

struct act_state {
	bool exists;		/* the LV's own dm device */
	bool active;		/* ... and it has a live table */
	bool suspended;		/* it or a device under it is suspended */
	bool inactive_table;	/* it or a device under it has a table waiting */
	bool read_only;
	int32_t open_count;
	dev_t devno;
	/* With @check_tables: a device of the plan is absent, or its live table
	 * (or read-only flag) is not what the metadata would load now. */
	bool refresh_needed;
};

/* The kernel state of LV @lv; st->exists false (and 0) when it is inactive. */
int act_state(struct vol_vg *vg, uint32_t lv, bool check_tables, struct act_state *st);

struct act_dev {
	char name[DMT_NAME_LEN];
	char uuid[DMT_UUID_LEN];
	dev_t devno;
	int32_t lv;		/* index in vg->md->lvs of the LV its UUID names, or -1 */
	const char *layer;	/* in uuid: "" or what follows the LV id and '-' */
};

/* vgmknodes of LV @lv (vol_lv_mknodes): nothing is loaded. */
int act_mknodes(struct vol_vg *vg, uint32_t lv, const struct act_opts *o);
/* vgmknodes of /dev/mapper (vol_dm_mknodes). */
int act_mknodes_all(struct vol_ctx *ctx, const struct act_opts *o);

/* Every dm device whose UUID starts with "LVM-<vg id>"; free(*out). */
int act_vg_devices(struct vol_vg *vg, struct act_dev **out, size_t *n);

/*
 * vgremove: every dm device of the VG goes, whatever made it (segment
 * types we do not build included), holders before what they hold, with
 * the /dev/<vg>/<lv> links.  -EBUSY, with nothing removed, when a visible
 * LV is open.
 */
int act_remove_vg(struct vol_vg *vg);

/*
 * Give every dm device of the VG the name its LV (and layer) has in
 * vg->md: after a rename of active LVs or of the VG is committed.  The
 * /dev/mapper node follows, and a visible LV's /dev/<vg>/<lv> link moves
 * (the old one, and its folder if left empty, go).  *@fixed (may be NULL)
 * counts the devices renamed.
 */
int act_rename(struct vol_vg *vg, const struct act_opts *o, unsigned *fixed);

/*
 * Resolve what a crash left of a live change (between suspend and resume)
 * or of a rename (after the commit, before the kernel's rename).
 * Suspended devices: each one that is part of an LV's tree gets the
 * committed metadata's table (resumed as it is when its live table already
 * is that one, reloaded otherwise), children first; an LV on a missing PV,
 * and any other suspended device of the VG, is resumed with its live table.
 * Devices whose name is not their LV's in the metadata are renamed (as
 * act_rename()).  With @leftovers, devices of the VG that no active LV
 * uses (sub-devices a crash left behind) and that are not open are removed
 * too.  Each action is logged as a warning.  *@fixed (may be NULL) counts
 * the devices resumed, reloaded, renamed or removed.
 */
int act_recover(struct vol_vg *vg, const struct act_opts *o, bool leftovers, unsigned *fixed);

#endif
