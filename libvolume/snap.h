/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: lvm2's old-style snapshots, as its metadata records them (pure
 * functions of the model; we do not create snapshots, lvm2 does, but we
 * keep and take down what it made).
 *
 * lvm2 2.03.16 writes a snapshot of origin O as two LVs:
 *  - the COW LV, named as the user named the snapshot ("snap"), with the
 *    exception store's extents (striped segments) and no VISIBLE flag;
 *  - an LV "snapshotN", VISIBLE, with one segment of type "snapshot" as
 *    long as the origin: chunk_size (sectors), origin = "O" and cow_store =
 *    "snap" (merging_store instead while a merge is pending).
 * A snapshot made with --virtualsize has a hidden origin "<snap>_vorigin"
 * of one "zero" segment (lvm2's VIRTUAL_ORIGIN: an origin that is not
 * visible).  In the kernel the origin O is "vg-O" (snapshot-origin) over
 * "vg-O-real" (O's own segments), and each snapshot is "vg-snap" (snapshot,
 * UUID of the COW LV) over "vg-O-real" and "vg-snap-cow" (the COW LV's
 * segments).
 */
#ifndef VOLUME_SNAP_H
#define VOLUME_SNAP_H

#include <stdbool.h>
#include <stdint.h>

#include "vg.h"
#include "volume.h"

/* Is segment @seg a snapshot segment (type "snapshot")? */
bool snap_is_seg(const struct md_seg *seg);
/* Is LV @l a "snapshotN" LV (its first segment a snapshot segment)? */
bool snap_is_snapshot(const struct md_vg *m, uint32_t l);
/* The origin and COW LV of snapshot LV @snap, or -1 (not a snapshot, or a
 * name that names no LV). */
int32_t snap_origin(const struct md_vg *m, uint32_t snap);
int32_t snap_cow(const struct md_vg *m, uint32_t snap);
/* chunk_size (sectors) of snapshot LV @snap; 0 if absent or bad. */
uint64_t snap_chunk(const struct md_vg *m, uint32_t snap);
/* The snapshot LV whose COW LV is @cow, or -1. */
int32_t snap_of_cow(const struct md_vg *m, uint32_t cow);
/* The next snapshot LV of origin @origin after LV @prev (-1: the first), or -1. */
int32_t snap_next(const struct md_vg *m, uint32_t origin, int32_t prev);
/* Snapshots of @origin (0: not an origin). */
uint32_t snap_count(const struct md_vg *m, uint32_t origin);
/* For each LV of @m, whether it is an origin (snap_count() > 0), in one
 * pass over the LVs; NULL on ENOMEM.  The caller frees. */
bool *snap_origins(const struct md_vg *m);
/* lvm2's VIRTUAL_ORIGIN: an origin that is not visible (--virtualsize). */
bool snap_virtual_origin(const struct md_vg *m, uint32_t origin);
/* The origin of the stack LV @l is part of: the origin of a snapshot or COW
 * LV, else @l itself. */
uint32_t snap_stack_origin(const struct md_vg *m, uint32_t l);

/* Is snapshot LV @snap merging into its origin (merging_store)? */
bool snap_merging(const struct md_vg *m, uint32_t snap);
/* lvm2's lv_is_visible(): what its reports list without -a and name without
 * brackets.  A "snapshotN" LV never; a COW LV stands for its snapshot (the
 * user's name): listed when its origin is (always with a virtual origin),
 * not while merging; any other LV when it has the VISIBLE flag. */
bool snap_listed(const struct md_vg *m, uint32_t l);
/* 0 unless @lv is an active snapshot (its COW LV): then -EBUSY and a
 * message that a resize needs it inactive here (we do not reload lvm2's
 * snapshot devices). */
int snap_cow_inactive(struct vol_lv *lv);
/* Reads the snapshot target's status line @text into @st as lvm2 does
 * (snap_status.c); -EINVAL for a line lvm2 would refuse. */
int snap_parse_status(const char *text, struct vol_snapshot_status *st);

#endif
