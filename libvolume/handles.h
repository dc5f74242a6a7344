/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: PV and LV handles (handles.c).  A handle is allocated once per
 * object and freed with its owner; it holds a copy of its object as of the
 * last change, so it stays readable after the object leaves the VG.
 */
#ifndef VOLUME_HANDLES_H
#define VOLUME_HANDLES_H

#include "scan.h"
#include "vg.h"

struct vol_ctx;
struct vol_vg;

struct vol_pv {
	struct vol_ctx *ctx;	/* the context it was found in */
	struct vol_vg *vg;	/* NULL for an orphan */
	int32_t idx;		/* position in vg->md->pvs; -1 once removed */
	struct md_pv md;	/* copy (zero for orphans) */
	bool has_dev;		/* false when missing */
	struct pvdev dev;	/* copy of the device's headers (path owned) */
	enum pv_state state;	/* orphan list: free, unreadable or duplicate */
	char other_vg[MD_NAME_LEN];	/* orphan list: the VG a duplicate's twin serves */
	char uuid[MD_UUID_STR_SIZE];
	char attr[4];
};

struct vol_lv {
	struct vol_vg *vg;
	int32_t idx;		/* position in vg->md->lvs; -1 once removed */
	struct md_lv md;	/* copy; its segments live in the VG's arena */
	/* Made at the first ask (lv_names), not for every LV of a big VG: */
	bool named;		/* uuid and the paths below are set */
	char uuid[MD_UUID_STR_SIZE];
	char *path;		/* /dev/VG/LV, "" when hidden (malloc'd) */
	char *dm_path;		/* /dev/mapper/VG-LV (malloc'd) */
	/* raid1 created with nosync: its first activation loads dm-raid's
	 * "nosync", as lvm2's lvcreate --nosync does (later ones do not) */
	bool first_nosync;
};

/* lvm2's lv_is_visible() of @h (snap_listed()). */
bool lv_listed(const struct vol_lv *h);
/* Fills lv->uuid, ->path and ->dm_path if not done since the last change. */
struct vol_lv *lv_names(const struct vol_lv *lv);

/* The handles of one owner: attached ones parallel to the model's array,
 * and the handles of objects that left, kept until the owner goes. */
struct handle_set {
	void **v;
	size_t n;
	void **dead;
	size_t n_dead;
	/* New handles come in blocks, one per sync (a VG of 1000 LVs: one
	 * allocation, not 1000); a handle inside one is not freed alone. */
	struct handle_block {
		char *p;
		size_t bytes;
	} *blocks;
	size_t n_blocks;
};

/* Brings a VG's PV and LV handles in line with vg->md after any change. */
int vg_sync_handles(struct vol_vg *vg);
void vg_free_handles(struct vol_vg *vg);
/* Brings the context's orphan handles in line with the current scan. */
int orphans_sync(struct vol_ctx *ctx);
void orphans_free(struct vol_ctx *ctx);

#endif
