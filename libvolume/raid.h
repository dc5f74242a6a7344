/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: raid1 LVs, shared by lv_raid.c (creation, the model helpers,
 * rmeta zeroing, resize), lv_raid_convert.c (legs added, removed, replaced,
 * rebuilt), lv_raid_set.c (settings, resync, sync actions) and
 * raid_status.c (the kernel's status line).
 */
#ifndef VOLUME_RAID_H
#define VOLUME_RAID_H

#include "alloc.h"
#include "vgobj.h"

#define RAID_DEFAULT_REGION 4096u	/* sectors: lvm2's raid_region_size, 2 MiB */
#define RAID_MAX_REGIONS (1u << 21)	/* the md bitmap's limit */
#define RAID_META_ZERO 4096u		/* bytes of a new rmeta zeroed */

/* The raid1 segment of LV @lv (its only segment), or NULL. */
struct md_seg *raid_seg(const struct md_vg *m, int32_t lv);

/* The region size (sectors) lvm2 gives a raid1 LV of @extents: @want
 * (0: the default) reduced to the LV's size and raised until the LV has at
 * most 2^21 regions.  -EINVAL (and lvm2's message) for a @want that is
 * not a power of 2 or not a multiple of the page size. */
/* The default region size (sectors) of @ctx: vol_ctx_set_raid_region_size()'s, or 2 MiB. */
uint64_t raid_default_region(const struct vol_ctx *ctx);
int raid_region_size(struct vol_vg *vg, uint64_t extents, uint64_t want_bytes, uint64_t *out);
/* lvm2's rmeta size in extents for an image of @extents. */
uint64_t raid_meta_extents(uint64_t extents, uint64_t region_size, uint64_t extent_size);

/* A new hidden sub-LV "<lv>_<kind>_<n>" (READ, WRITE), stamped now on
 * @top's host, with @top's allocation policy if @top_policy (lvcreate does
 * that, lvconvert does not); returns its index or a negative errno. */
int32_t raid_new_sub(struct vol_vg *vg, uint32_t top, const char *kind, uint32_t n,
		     bool top_policy);
/* The lowest N with no LV named "<lv>_rimage_N" or "<lv>_rmeta_N", at or above @from. */
uint32_t raid_free_index(const struct md_vg *m, const char *lv, uint32_t from);

/* Does LV @lv have an extent on one of the PVs flagged in @pvs (n_pvs long)? */
bool raid_lv_on(const struct md_vg *m, int32_t lv, const bool *pvs);

/* raid1 creation (vol_vg_create_lv with mirrors): the new LV @name and its
 * sub-LVs, @extents long per leg, placed as lvm2 places them. */
int raid_create(struct vol_vg *vg, const struct vol_lv_params *p, const char *name,
		const struct alloc_pv *pvs, uint64_t extents, bool approx);
/* The allocator's list of the PVs named in @specs (n of them; ranges as
 * text, parsed by the allocator); *out NULL when n is 0.  free() it. */
int raid_pv_specs(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n,
		  struct alloc_pv **out);
/* The extents a %-size asks for, per leg, as lvcreate divides them. */
uint64_t raid_pct_extents(uint64_t extents, uint32_t legs);

/* Sub-LV @l of a raid LV becomes one "error" segment of its size, its
 * extents freed (a leg on a missing PV, as lvm2 keeps it). */
int raid_error_lv(struct md_vg *m, uint32_t l);

/* Zeroes the first 4 KiB of every rmeta sub-LV that the committed metadata
 * does not have yet (all rmeta of LV @only when @only >= 0), through its
 * PV, before the metadata that uses it is committed. */
int raid_zero_meta(struct vol_vg *vg, int32_t only);

/* Before a fresh activation of raid1 LV @lv: if an unclean shutdown left
 * dirty regions in its write-intent bitmap, asks dm-raid (through each
 * leg's superblock) to resync them (raid_unclean.c).  Never fails: what it
 * cannot read or write is logged and left to the activation. */
void raid_resync_unclean(struct vol_vg *vg, uint32_t lv);

/* dm-raid's status params ("raid1 2 AA 20480/20480 idle 0 0 -") into @st,
 * with lvm2's sync percent; -EINVAL for a line lvm2 would refuse. */
int raid_parse_status(const char *params, struct vol_raid_status *st);
/* lvm2's dm_make_percent(): @num of @den in millionths of a percent, 100% only when equal. */
int32_t raid_make_percent(uint64_t num, uint64_t den);
/* -EBUSY (and a message naming @full) when LV @lv is the origin of active
 * snapshots lvm2 made: its device stack has a "-real" layer we do not
 * rebuild, so a settings change that reloads it is refused (lv_raid_set.c;
 * lvconvert's leg changes do not check it yet). */
int raid_not_stacked(const struct vol_lv *lv, const char *full);
/* The dm UUID of raid1 LV @lv's top device; -EINVAL for another LV. */
int raid_top_uuid(const struct vol_lv *lv, char *uuid, size_t len);
/* dm-raid's status of the device with dm UUID @uuid; -ENODEV if it is not active. */
int raid_status_by_uuid(struct vol_ctx *ctx, const char *uuid, struct vol_raid_status *st);

/* vol_lv_resize of a raid1 LV: every image grown (on @pvs, @n_pvs of them,
 * if not NULL) or cut to @target extents. */
int raid_resize(struct vol_lv *lv, const struct vol_resize_params *p, const struct alloc_pv *pvs,
		size_t n_pvs, uint64_t target, bool approx);

#endif
