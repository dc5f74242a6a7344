/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The extent allocator: which physical extents a new or growing LV gets.
 *
 * Pure code: no I/O, no logging, no globals, no configuration files.  It
 * reads the VG model, never changes it (alloc_apply() aside), and answers
 * with new segments or with a reason and the counts for the message.
 *
 * It makes the choices lvm2 2.03 makes with its default configuration
 * (allocation/maximise_cling = 1, no cling_tag_list, mirror logs not
 * required on separate PVs): the same policies tried in the same order
 * (contiguous, cling, normal, anywhere, up to the one asked for), the same
 * per-PV free-area order (largest first, ties in PE order), the same
 * choice of area inside a PV, the same order of PVs (the PV list as given,
 * else the VG's) and the same stripe placement.  tests/unit/test-alloc.c
 * holds the lvm2 runs that pin this down.
 */
#ifndef VOLUME_ALLOC_H
#define VOLUME_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vg.h"
#include "volume.h"

/* PEs [start, start + count) of one PV. */
struct alloc_range {
	uint64_t start, count;
};

/*
 * One entry of a PV list: lvm2's `PV[:PE-PE[:PE-PE...]]` argument.  The
 * ranges come from @spec if it is set and not empty (the text after the
 * PV name, parsed as alloc_parse_ranges() does, and only if the PV is not
 * skipped, as lvm2 does), else from @ranges; with neither, the whole PV.
 */
struct alloc_pv {
	uint32_t pv;				/* index into vg->pvs */
	const char *spec;			/* ":A-B:C+N..." or NULL */
	const struct alloc_range *ranges;
	uint32_t n_ranges;
};

struct alloc_request {
	/*
	 * --alloc.  INHERIT: the extended LV's policy if it has one, else the
	 * VG's, else normal.  As given (unresolved) it also decides lvcreate's
	 * stripes-against-PVs check, which only an explicit anywhere skips.
	 */
	enum vol_alloc policy;
	/*
	 * Logical extents to add, rounded up to whole stripes (down when
	 * @approx) as lvcreate and lvextend round them.
	 */
	uint64_t extents;
	/*
	 * -i: 1 = linear; striped areas split the extents between them.  0 when
	 * extending: what lvextend takes without -i, the stripes of the LV's
	 * segments (see alloc_extend_shape()).
	 */
	uint32_t stripes;
	/* -I in sectors, 0 if not given: not used to choose, only resolved into res */
	uint64_t stripe_size;
	uint32_t mirrors;	/* 0 or 1: not mirrored; N > 1: N raid1 legs (stripes must be 1) */
	/*
	 * Mirrored LVs being created, or new legs (mirrors 1 or more) for one:
	 * extents for each leg's metadata area (raid1 rmeta).  Each one is cut
	 * from the front of its leg's first area, so it sits on the same PV
	 * just before the leg's data.
	 */
	uint64_t meta_extents;
	int32_t lv;		/* LV being extended (index into vg->lvs), -1 for a new LV */
	/*
	 * PV list, in command-line order; a PV listed twice gets the ranges of
	 * both entries (they may not overlap).  Listed PVs that are not
	 * allocatable, missing or full are skipped, as lvm2 does.  NULL: every
	 * PV of the VG, in VG order.
	 */
	const struct alloc_pv *pvs;
	uint32_t n_pvs;
	/* lvm2's approximate allocation (-l N%FREE etc.): take what fits, up to @extents. */
	bool approx;
};

/* Why an allocation failed; lvm2's wording for each is in alloc_message(). */
enum alloc_status {
	ALLOC_OK = 0,
	ALLOC_BAD_REQUEST,	/* -EINVAL: @reason says what */
	ALLOC_RANGE,		/* -EINVAL: PE range @range past the end of its PV or backwards */
	ALLOC_RANGE_OVERLAP,	/* -EINVAL: PE range @range overlaps @other on PV @pv */
	ALLOC_RANGE_SYNTAX,	/* -EINVAL: PE range text that does not parse (from byte @at) */
	ALLOC_STRIPES_UNKNOWN,	/* -EINVAL: no -i or -I given and the LV's segments disagree */
	ALLOC_OVERFLOW,		/* -EOVERFLOW: the request's sizes do not fit in 64 bits */
	ALLOC_NO_PVS,		/* -ENOSPC: no listed PV is allocatable and has free extents */
	ALLOC_STRIPES_PVS,	/* -ENOSPC: new LV: more stripes (needed) than PVs (available) */
	ALLOC_VG_FREE,		/* -ENOSPC: new LV: larger than the VG's free extents */
	ALLOC_FREE,		/* -ENOSPC: more extents needed than free where it may allocate */
	ALLOC_SUITABLE,		/* -ENOSPC: the policy found too few suitable extents */
	ALLOC_SUITABLE_CONTIG,	/* -ENOSPC: the same, under the contiguous policy */
	ALLOC_NONE_FOUND,	/* -ENOSPC: approx: not a single (whole-stripe) extent found */
	ALLOC_META_FIT,		/* -ENOSPC: a metadata area does not fit on its leg's PV */
};

struct alloc_area {
	uint32_t pv;		/* index into vg->pvs */
	uint64_t start, count;	/* PEs */
};

/*
 * A new segment, in logical-extent order: n_areas parallel areas (stripes,
 * or raid1 legs: areas[N] goes to leg N), each area_len PEs.  Its logical
 * size is area_len * stripes (striped) or area_len (raid1).
 */
struct alloc_seg {
	uint64_t extents;
	uint64_t area_len;
	uint32_t n_areas;
	struct alloc_area *areas;
};

struct alloc_result {
	enum alloc_status status;
	const char *reason;		/* short English text; set on every failure */
	uint64_t needed, available;	/* extents (or stripes and PVs), see enum alloc_status */
	uint32_t pv, entry;		/* range errors: the PV, its entry in the PV list */
	struct {
		uint64_t first, last;	/* inclusive, as lvm2 prints them */
	} range, other;			/* range errors: the bad range, the one it overlaps */
	size_t at;			/* ALLOC_RANGE_SYNTAX: offset into the entry's spec */
	enum vol_alloc policy;		/* the policy applied, inherit resolved */
	uint32_t stripes;		/* the stripes used */
	uint64_t stripe_size;		/* for alloc_apply(): as given, else lvm2's default */
	uint64_t extents;		/* logical extents allocated (rounded; approx: found) */
	struct alloc_seg *segs;
	uint32_t n_segs;
	struct alloc_area *meta;	/* one per leg when meta_extents was asked for */
	uint32_t n_meta;
};

/*
 * Chooses extents for @req.  Returns 0 with res->status ALLOC_OK and the
 * new segments, or a negative errno with res->status, res->reason and the
 * counts filled in: -EINVAL (bad request, bad PE range), -EOVERFLOW, -ENOSPC
 * (no room under the policy), -ENOMEM.  @res is always initialised; free it
 * with alloc_result_free() either way.
 *
 * Checks come in lvm2's order: the request itself, the PV list (ranges
 * parsed, overlaps, nothing usable left), the stripes (when extending
 * without them), for a new LV the stripes against the PVs and the size
 * against the VG's free extents, then the free extents it may use, then
 * the policies.
 *
 * Cost: one pass over every segment area of the VG and a sort per PV
 * (O(S log S)) to build the free map, then work in the number of free runs
 * of the PVs it may use for each segment it makes.
 */
int alloc_extents(const struct md_vg *vg, const struct alloc_request *req,
		  struct alloc_result *res);
void alloc_result_free(struct alloc_result *res);

/*
 * lvm2's error text for a failed result, e.g. "Insufficient free space: 8
 * extents needed, but only 5 available".  @vg_name, @lv_name and @pv_name
 * fill the messages that name them (pv_name: the device of res->pv).
 * Returns the snprintf() length.
 */
int alloc_message(const struct alloc_result *res, const char *vg_name, const char *lv_name,
		  const char *pv_name, char *buf, size_t len);

/*
 * Parses the PE ranges of a PV argument, the text after the PV name:
 * "" (whole PV), ":A-B", ":A", ":A+N", ":A-", ":-B", ":+N", several
 * ":..." in a row, as lvm2 does (":A+0" is the single extent A).  Fills
 * *out (malloc'd, free()) and *n.  Errors: -EINVAL with res->status
 * ALLOC_RANGE_SYNTAX (res->at), ALLOC_RANGE or ALLOC_RANGE_OVERLAP, -ENOMEM;
 * res needs no alloc_result_free().  For ALLOC_RANGE_SYNTAX, alloc_message()
 * wants spec + res->at as its @pv_name.
 */
int alloc_parse_ranges(const char *spec, uint64_t pe_count, struct alloc_range **out,
		       uint32_t *n, struct alloc_result *res);

/* lvcreate's rounding: @extents up to a multiple of @stripes.  -EOVERFLOW past 2^64. */
int alloc_round_to_stripes(uint64_t extents, uint32_t stripes, uint64_t *out);

/*
 * lvextend's stripes and stripe size when -i or -I is not given: those of
 * the LV's striped segments, which must agree.  *stripes and *stripe_size
 * (sectors) come in as given, 0 meaning not given, and go out as lvm2 uses
 * them (a stripe size never seen: the 64 KiB default).  -EINVAL when the
 * segments disagree: lvm2 says "Please specify number of stripes (-i) and
 * stripesize (-I)".
 */
int alloc_extend_shape(const struct md_lv *lv, uint32_t *stripes, uint64_t *stripe_size);

/* lvm2's default stripe size (64 KiB), capped at the extent size; in sectors. */
uint64_t alloc_default_stripe_size(uint64_t extent_size);

/*
 * Appends the segments of a striped (or linear) result to LV @lv, as
 * "striped" segments with @stripe_size (sectors, ignored for one stripe),
 * then merges adjacent segments the way lvm2 does (same stripe count and
 * size, same tags, each area continuing on its PV).  Memory comes from
 * vg->arena.  -EINVAL for a mirrored result, -ENOMEM.
 */
int alloc_apply(struct md_vg *vg, uint32_t lv, const struct alloc_result *res,
		uint64_t stripe_size);

/*
 * The same for one leg of a mirrored result: appends leg @leg's areas to
 * LV @lv (its image, e.g. lv_rimage_N) as linear segments, merged as above;
 * with @meta, its metadata area instead (to lv_rmeta_N).  -EINVAL, -ENOMEM.
 */
int alloc_apply_leg(struct md_vg *vg, uint32_t lv, const struct alloc_result *res, uint32_t leg,
		    bool meta);

#endif
