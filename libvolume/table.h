/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Device-mapper tables for an LV, as pure data: no libdevmapper, no I/O.
 * What lvm2 2.03.16 loads for the same metadata, byte for byte, with the
 * same dm names and UUIDs and in the same activation order (see
 * lvm2-format.md sections 11 and 16).
 *
 * Two steps, because a raid table names its sub-devices by major:minor
 * and those numbers exist only once the sub-devices are created:
 *
 *   dmt_plan()    the devices to create for one LV, children first
 *                 (rmeta_0, rimage_0, rmeta_1, rimage_1, ..., then the
 *                 raid device; one device for linear or striped), with
 *                 dm names, UUIDs, sizes and flags.  PV device numbers
 *                 are looked up here, once, through a callback.
 *   dmt_render()  the table of one node, once the caller has set ->dev
 *                 of every node it uses (those before it in the plan).
 *
 * Supported segment types: striped (linear when stripe_count is 1),
 * raid1, lvm2's old-style mirror (mirror.h), error and zero, and lvm2's old-style snapshots of them (snap.h).
 * Others give -EOPNOTSUPP.
 *
 * The params are what lvm2 loads (its -vvvv "Adding target" lines), which
 * is what `dmsetup table` echoes back except where dm-raid rewrites them:
 * - a raid1 chunk size is ignored and shown as 0 (lvm2 passes a raid1
 *   stripe_size key through);
 * - kernels before the 2023 fix "dm raid: writebehind for raid1 fails to
 *   apply and is falsely set" (Debian's 6.1 included) show max_write_behind
 *   as the md bitmap holds it: lvm2 loaded 256, the kernel showed 0;
 * - write_mostly of a failed leg is shown as "write_mostly -1".
 * Compare tables with the kernel's only where those cannot occur.
 */
#ifndef VOLUME_TABLE_H
#define VOLUME_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "vg.h"

#define DMT_NAME_LEN 128	/* DM_NAME_LEN: a dm name is at most 127 chars */
#define DMT_UUID_LEN 129	/* DM_UUID_LEN: a dm UUID is at most 128 chars */
#define DMT_UUID_PREFIX "LVM-"

struct dmt_devnum {
	uint32_t major, minor;
};

struct dmt_target {
	uint64_t start, len;	/* sectors */
	const char *type;	/* "linear", "striped", "raid", "error", "zero", "snapshot"
				 * or "snapshot-origin" (static) */
	char *params;		/* what `dmsetup table` prints after the type; "" for none */
};

struct dmt_table {
	struct dmt_target *t;
	size_t n;
};

enum {
	/* A visible LV: lvm2 links /dev/VG/LV to it and lets udev scan it. */
	DMT_VISIBLE = 1u << 0,
	/* A hidden sub-LV (rimage, rmeta...): a /dev/mapper node only, and
	 * udev's subsystem, disk and other rules disabled. */
	DMT_HIDDEN = 1u << 1,
	/* An error device standing in for an area on a missing PV: layer
	 * "missing_<seg>_<area>" of the LV whose area it replaces. */
	DMT_STANDIN = 1u << 2,
};

/*
 * The layers of lvm2's snapshots (snap.h): an origin with snapshots is
 * "vg-O" (snapshot-origin) over the layer "vg-O-real" (O's segments); a
 * snapshot is its COW LV's node (snapshot target, over the origin's real
 * layer and the COW layer "vg-C-cow" of the COW LV's segments).
 */
enum dmt_layer { DMT_LAYER_NONE, DMT_LAYER_REAL, DMT_LAYER_COW };

struct dmt_node {
	char name[DMT_NAME_LEN];	/* dm name, e.g. "vg--1-lv--r_rimage_0" */
	char uuid[DMT_UUID_LEN];	/* dm UUID, "LVM-" + VG id + LV id [+ "-" layer] */
	uint32_t lv;		/* index in vg->lvs (for a stand-in: the LV it serves) */
	enum dmt_layer layer;	/* DMT_LAYER_REAL/COW: a snapshot layer of LV @lv */
	int32_t seg, area;	/* stand-in: lvm2's segment and area numbers; else -1 */
	unsigned flags;		/* DMT_* */
	int32_t major, minor;	/* a fixed device number (lvchange -My), or -1: the kernel's choice */
	uint64_t size;		/* sectors */
	bool has_dev;		/* set by the caller once the device exists... */
	struct dmt_devnum dev;	/* ...with its number */
	struct dmt_table table;	/* filled by dmt_render() */
};

/* lvm2's --activationmode.  lvm2's default (activation/activation_mode) is degraded. */
enum dmt_mode {
	DMT_MODE_COMPLETE,	/* refuse any LV with an area on a missing PV */
	DMT_MODE_DEGRADED,	/* raid LVs with enough legs left; missing areas become errors */
	DMT_MODE_PARTIAL,	/* anything; every missing area becomes an error device */
};

/*
 * The device number of PV @pv (an index in vg->pvs): 0, -ENODEV if the PV is
 * missing, or another negative errno, which dmt_plan() returns.
 */
typedef int dmt_pv_dev_fn(void *arg, uint32_t pv, struct dmt_devnum *out);

struct dmt_opts {
	enum dmt_mode mode;
	/*
	 * raid: load with "nosync".  lvm2 does not take this from the LV's
	 * NOTSYNCED flag but from the command: lvcreate --nosync, lvextend of
	 * a raid LV that is NOTSYNCED or fully in sync, and some lvconvert
	 * takeovers set it for the reloads they do (mirror_in_sync()).
	 */
	bool nosync;
	/*
	 * mirror: end the line with "1 handle_errors", as lvm2 does unless
	 * told --monitor n (mirrored.c _add_log: dmeventd_monitor_mode() is
	 * not 0; activation/monitoring = 0 makes it "ignore", not 0).
	 */
	bool handle_errors;
	dmt_pv_dev_fn *pv_dev;
	void *arg;
};

struct dmt_pvstate;

struct dmt_tree {
	const struct md_vg *vg;	/* must outlive the tree */
	uint32_t lv;		/* the LV planned; its own device is the last node */
	enum dmt_mode mode;
	bool nosync;
	bool handle_errors;
	struct dmt_node *nodes;	/* activation order: every node after those it uses */
	size_t n, cap;
	struct dmt_pvstate *pvs;	/* PV device numbers, looked up once */
};

/*
 * Plan the devices of @lv.  A snapshot's LVs (snapshotN, the COW LV) plan
 * their origin's stack, as lvm2 activates it: the origin's real layer and
 * its sub-devices, then each snapshot (COW layer, snapshot device), then
 * the origin's snapshot-origin device last; t->lv is then the origin.  Returns 0; -EINVAL for a bad index or a model
 * lvm2 would not activate (no region_size, gaps, cycles); -EOPNOTSUPP for a
 * segment type we cannot map; -ENODEV when a PV is missing and @o->mode
 * does not allow it (lvm2's "Refusing activation of partial LV");
 * -ENAMETOOLONG; -EOVERFLOW; -ENOMEM; or the lookup's error.
 */
int dmt_plan(const struct md_vg *vg, uint32_t lv, const struct dmt_opts *o, struct dmt_tree *t);
/*
 * Fill t->nodes[i].table.  Every node it refers to must have has_dev set
 * (-EINVAL otherwise).  The targets cover exactly node->size sectors.
 */
int dmt_render(struct dmt_tree *t, size_t i);
void dmt_tree_free(struct dmt_tree *t);
/* Does node @i's table name node @j (a device it is built on)? */
bool dmt_node_uses(const struct dmt_tree *t, size_t i, size_t j);
void dmt_table_free(struct dmt_table *tb);

/* The table as `dmsetup table` prints it: "<start> <len> <type> <params>\n" per target. */
void dmt_table_text(const struct dmt_table *tb, struct md_buf *out);

/*
 * lvm2's dm name "<vg>-<lv>[-<layer>]": every '-' inside a part doubled, and
 * no separating '-' before a layer that starts with '_'.  @layer may be NULL.
 * Returns 0 or -ENAMETOOLONG (the result must fit @n and DMT_NAME_LEN).
 */
int dmt_name(const char *vg, const char *lv, const char *layer, char *out, size_t n);
/*
 * The inverse of dmt_name(): the VG and LV names of dm name @name (the
 * layer, if any, dropped).  -EINVAL if @name has no single '-' between two
 * non-empty parts, -ENAMETOOLONG if a part does not fit its buffer.
 */
int dmt_split_name(const char *name, char *vg, size_t nvg, char *lv, size_t nlv);
/* "LVM-" + VG id + LV id (raw, 32 chars each) [+ "-" + layer]; 0 or -ENAMETOOLONG. */
int dmt_uuid(const char *vg_id, const char *lv_id, const char *layer, char *out, size_t n);
/* "/dev/<vg>/<lv>": the link lvm2 makes for a visible LV; 0 or -ENAMETOOLONG. */
int dmt_lv_path(const char *vg, const char *lv, char *out, size_t n);
/* "/dev/mapper/<dm name>"; 0 or -ENAMETOOLONG. */
int dmt_mapper_path(const char *vg, const char *lv, char *out, size_t n);

#endif
