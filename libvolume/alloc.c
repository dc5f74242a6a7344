/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The extent allocator (alloc.h).
 *
 * lvm2 behaviour this reproduces, established by running lvm2 2.03.16
 * (tests/unit/test-alloc.c has the runs):
 *
 * - The free space is a map per usable PV, PVs in PV-list order (else VG
 *   order), each PV's free runs (cut by the PE ranges asked for) in a list
 *   sorted by size, largest first, equal sizes in the order they were added.
 *   A run that shrinks is moved behind every run at least as large as what
 *   is left of it, and a walk over the list carries on from its new place.
 * - Policies are tried in turn: contiguous, cling, normal, anywhere, up to
 *   the one asked for.  Each pass makes segments ("rounds") until it gets
 *   everything or nothing more.  In each round every PV offers at most one
 *   run (anywhere: all of its runs), those are sorted by how much they can
 *   give, largest first, and the first N (stripes or legs) make the
 *   segment, all of the smallest of those sizes.
 * - Without a previous segment to follow (a new LV, or a stripe count
 *   that differs from the LV's last segment), the contiguous pass takes
 *   one round under the normal rules; a PV offers the smallest run that
 *   holds everything still needed, else its largest.  The cling pass then
 *   keeps every stripe on the PV it started on; the normal pass prefers
 *   PVs this allocation already uses, then any PV.
 * - Extending an LV whose last segment has as many areas: contiguous wants
 *   each area to start where that segment's area ends; cling wants each
 *   area on the PV of the same area of the LV's *first* segment (what
 *   lvm2's maximise_cling does), taking that PV's largest run.  Both fill
 *   all areas or none in a round.
 * - Normal never puts two areas of one round on the same PV; anywhere may.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#define NONE UINT32_MAX
#define MAX_DEPTH 8			/* LVs stacked on LVs followed this deep */
#define DEFAULT_STRIPE_SECTORS 128	/* 64 KiB */

enum {	/* what a pass asks of the runs it takes (lvm2's alloc_parms flags) */
	F_CONTIG_LV = 1u << 0,	/* continue the LV's last segment, area by area */
	F_CLING_LV = 1u << 1,	/* stay on the PVs of the LV's first segment */
	F_CLING_NEW = 1u << 2,	/* stay on PVs this allocation has used */
	F_POSITIONAL = 1u << 3,	/* the condition holds per area index */
	F_COUNT_MATCH = 1u << 4,	/* the last segment has as many areas as we make */
	F_SPLIT = 1u << 5,	/* more than one segment allowed */
};

enum verdict { NEXT_AREA, NEXT_PV, USE_AREA, PREFERRED };

/* A free run of a PV.  Each PV's runs form a circular list through prev/next. */
struct area {
	uint64_t start, count;
	uint64_t unreserved;	/* what this round has not yet claimed of count */
	uint32_t map, prev, next;
};

struct pvmap {
	uint32_t pv;
	uint32_t head;		/* the list's sentinel, an entry of run->ar */
	uint64_t free;
};

/* Where the LV being extended lies: area index, PV, PEs. */
struct pos {
	uint32_t idx, pv;
	uint64_t start, len;
};

struct posv {
	struct pos *v;
	uint32_t n, cap;
};

struct slot {
	uint32_t area;		/* NONE: empty */
	uint32_t ord;		/* for a stable sort */
	uint64_t used;
};

struct iv {
	uint64_t start, end;
};

struct used {		/* extents in use on each PV: sorted disjoint [start, end) */
	struct iv *iv;
	uint32_t *first;	/* PV p's intervals are iv[first[p] .. first[p] + n[p]) */
	uint32_t *n;
};

/* The ranges of one PV-list entry. */
struct entry {
	struct alloc_range *v;	/* NULL: entry skipped */
	uint32_t n;
};

struct run {
	const struct md_vg *vg;
	const struct alloc_request *req;
	struct alloc_result *res;
	struct used use;
	struct entry *ents;	/* per PV-list entry */
	struct area *ar;
	uint32_t n_ar, cap_ar;
	struct pvmap *maps;
	uint32_t n_maps;
	uint8_t *used_by;	/* [map * n_par + slot]: this allocation put that slot there */
	struct slot *slots;
	uint32_t cap_slots;
	struct posv last, first;	/* the extended LV's last and first segment */
	bool has_prev;
	uint32_t prev_areas;	/* areas of the LV's last segment */
	uint32_t prev_slots;	/* positions to fill when following it */
	uint32_t stripes;
	uint64_t extents;	/* asked for, rounded to whole stripes */
	uint32_t n_par, mult;	/* parallel areas; logical extents per area extent */
	uint64_t meta_len;
	bool meta_pending;
	uint64_t total, allocated;	/* logical extents, the LV's existing ones included */
	enum vol_alloc pass;
	unsigned flags;
	uint32_t n_pos;		/* slots filled by position this round */
	uint32_t cap_segs;
};

static int fail(struct alloc_result *res, enum alloc_status st, const char *why, uint64_t needed,
		uint64_t available)
{
	res->status = st;
	res->reason = why;
	res->needed = needed;
	res->available = available;
	switch (st) {
	case ALLOC_OVERFLOW:
		return -EOVERFLOW;
	case ALLOC_NO_PVS: case ALLOC_STRIPES_PVS: case ALLOC_VG_FREE: case ALLOC_FREE:
	case ALLOC_SUITABLE: case ALLOC_SUITABLE_CONTIG: case ALLOC_NONE_FOUND: case ALLOC_META_FIT:
		return -ENOSPC;
	default:
		return -EINVAL;
	}
}

static void *grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
	uint32_t ncap = *cap ? *cap : 8;
	void *q;

	if (need <= *cap)
		return p;
	while (ncap < need) {
		if (ncap > UINT32_MAX / 2)
			return NULL;
		ncap *= 2;
	}
	q = realloc(p, (size_t)ncap * elem);
	if (q) {
		memset((char *)q + (size_t)*cap * elem, 0, (size_t)(ncap - *cap) * elem);
		*cap = ncap;
	}
	return q;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* ---------------------------------------------------------------- used extents */

static bool pv_area(const struct md_vg *vg, const struct md_seg *seg, uint32_t a)
{
	return seg->type != MD_SEG_RAID1 && seg->areas[a].pv >= 0 &&
	       (uint32_t)seg->areas[a].pv < vg->n_pvs;
}

/* PEs of one area; an unknown type counts its whole length, to be safe. */
static uint64_t seg_area_len(const struct md_seg *seg)
{
	if (seg->type == MD_SEG_STRIPED && seg->stripe_count)
		return seg->extent_count / seg->stripe_count;
	return seg->extent_count;
}

static int cmp_iv(const void *x, const void *y)
{
	const struct iv *a = x, *b = y;

	return a->start < b->start ? -1 : a->start > b->start;
}

/* Sorts and merges PV @p's intervals in place; returns how many are left. */
static uint32_t merge_pv(struct used *u, uint32_t p)
{
	uint32_t lo = u->first[p], hi = lo + u->n[p], k = lo;

	if (lo == hi)
		return 0;
	qsort(&u->iv[lo], hi - lo, sizeof(*u->iv), cmp_iv);
	for (uint32_t i = lo + 1; i < hi; i++) {
		if (u->iv[i].start <= u->iv[k].end) {
			if (u->iv[i].end > u->iv[k].end)
				u->iv[k].end = u->iv[i].end;
		} else {
			u->iv[++k] = u->iv[i];
		}
	}
	return k - lo + 1;
}

static void fill_used(const struct md_vg *vg, struct used *u)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];

			for (uint32_t a = 0; a < seg->stripe_count && seg->areas; a++) {
				uint32_t p = (uint32_t)seg->areas[a].pv;
				struct iv *iv;

				if (!pv_area(vg, seg, a))
					continue;
				iv = &u->iv[u->first[p] + u->n[p]++];
				iv->start = seg->areas[a].start;
				iv->end = add_sat(seg->areas[a].start, seg_area_len(seg));
			}
		}
}

/* Every extent any LV holds, per PV: one pass over all segments, then a sort per PV. */
static int build_used(const struct md_vg *vg, struct used *u)
{
	uint64_t total = 0;

	u->first = calloc((size_t)vg->n_pvs + 1, sizeof(*u->first));
	u->n = calloc((size_t)vg->n_pvs + 1, sizeof(*u->n));
	if (!u->first || !u->n)
		return -ENOMEM;
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];

			for (uint32_t a = 0; a < seg->stripe_count && seg->areas; a++)
				if (pv_area(vg, seg, a))
					u->n[seg->areas[a].pv]++;
		}
	for (uint32_t p = 0; p < vg->n_pvs; p++) {
		u->first[p] = (uint32_t)total;
		total += u->n[p];
		u->n[p] = 0;
		if (total > UINT32_MAX)
			return -ENOMEM;
	}
	if (!(u->iv = malloc((size_t)(total ? total : 1) * sizeof(*u->iv))))
		return -ENOMEM;
	fill_used(vg, u);
	for (uint32_t p = 0; p < vg->n_pvs; p++)
		u->n[p] = merge_pv(u, p);
	return 0;
}

static void free_used(struct used *u)
{
	free(u->iv);
	free(u->first);
	free(u->n);
}

/* Extents of PV @p that some LV holds. */
static uint64_t pv_used(const struct md_vg *vg, const struct used *u, uint32_t p)
{
	uint64_t n = 0, pe = vg->pvs[p].pe_count;
	const struct iv *iv = &u->iv[u->first[p]];

	for (uint32_t i = 0; i < u->n[p] && iv[i].start < pe; i++)
		n += (iv[i].end < pe ? iv[i].end : pe) - iv[i].start;
	return n;
}

/* ---------------------------------------------------------------- the free map */

static void area_unlink(struct run *r, uint32_t a)
{
	struct area *x = &r->ar[a];

	r->ar[x->prev].next = x->next;
	r->ar[x->next].prev = x->prev;
	r->maps[x->map].free -= x->count;
}

/*
 * Puts run @a back in its PV's list: in front of the first run smaller than
 * its size (@reduced: than what is left unreserved of it), so behind every
 * run at least as large.
 */
static void area_insert(struct run *r, uint32_t a, bool reduced)
{
	struct area *x = &r->ar[a];
	uint32_t head = r->maps[x->map].head, p;
	uint64_t key = reduced ? x->unreserved : x->count;

	for (p = r->ar[head].next; p != head; p = r->ar[p].next)
		if (key > r->ar[p].count)
			break;
	x->next = p;
	x->prev = r->ar[p].prev;
	r->ar[x->prev].next = a;
	r->ar[p].prev = a;
	r->maps[x->map].free += x->count;
}

static void area_reinsert(struct run *r, uint32_t a)
{
	area_unlink(r, a);
	area_insert(r, a, true);
}

/* Takes @n PEs from the front of run @a. */
static void area_consume(struct run *r, uint32_t a, uint64_t n)
{
	struct area *x = &r->ar[a];

	area_unlink(r, a);
	if (n < x->count) {
		x->start += n;
		x->count -= n;
		x->unreserved = x->count;
		area_insert(r, a, false);
	}
}

static uint32_t new_area(struct run *r, uint32_t map, uint64_t start, uint64_t count)
{
	struct area *ar = grow(r->ar, &r->cap_ar, r->n_ar + 1, sizeof(*r->ar));

	if (!ar)
		return NONE;
	r->ar = ar;
	ar[r->n_ar] = (struct area){ .start = start, .count = count, .unreserved = count,
				     .map = map, .prev = r->n_ar, .next = r->n_ar };
	return r->n_ar++;
}

/* Adds the free runs of PEs [lo, hi) of the map's PV, in PE order. */
static int map_add_range(struct run *r, uint32_t m, uint64_t lo, uint64_t hi)
{
	uint32_t p = r->maps[m].pv, i = 0, n = r->use.n[p], a;
	const struct iv *iv = &r->use.iv[r->use.first[p]];
	uint64_t pe = lo;

	/* the first interval ending after lo */
	for (uint32_t k = n; i < k;) {
		uint32_t mid = i + (k - i) / 2;

		if (iv[mid].end <= lo)
			i = mid + 1;
		else
			k = mid;
	}
	for (; pe < hi; i++) {
		uint64_t end = i < n && iv[i].start < hi ? iv[i].start : hi;

		if (end > pe) {
			if ((a = new_area(r, m, pe, end - pe)) == NONE)
				return -ENOMEM;
			area_insert(r, a, false);
		}
		if (i >= n || iv[i].start >= hi)
			break;
		pe = iv[i].end;
	}
	return 0;
}

static bool pv_usable(const struct md_pv *pv)
{
	return (pv->status.known & MD_PV_ALLOCATABLE) && !(pv->status.known & MD_PV_MISSING) &&
	       !(pv->flags.known & MD_PVF_MISSING);
}

static int new_map(struct run *r, uint32_t pv)
{
	uint32_t m = r->n_maps++, head;

	r->maps[m] = (struct pvmap){ .pv = pv };
	if ((head = new_area(r, m, 0, 0)) == NONE)
		return -ENOMEM;
	r->maps[m].head = head;
	return 0;
}

/* No PV list: every usable PV of the VG, whole, in VG order. */
static int maps_from_vg(struct run *r)
{
	const struct md_vg *vg = r->vg;
	int rc;

	for (uint32_t p = 0; p < vg->n_pvs; p++) {
		if (!pv_usable(&vg->pvs[p]))
			continue;
		if ((rc = new_map(r, p)) ||
		    (rc = map_add_range(r, r->n_maps - 1, 0, vg->pvs[p].pe_count)))
			return rc;
	}
	return 0;
}

/*
 * Listed PVs lvm2 skips before it looks at their ranges: not allocatable,
 * missing, or without a free extent.
 */
static bool pv_listable(const struct run *r, uint32_t p)
{
	const struct md_pv *pv = &r->vg->pvs[p];

	return pv_usable(pv) && pv_used(r->vg, &r->use, p) < pv->pe_count;
}

static int parse_ranges(const char *spec, uint64_t pe_count, struct alloc_range **v,
			uint32_t *n, struct alloc_result *res);

/* A range must lie inside its PV and may not overlap another range of the same PV. */
static int check_range(struct run *r, uint32_t e, uint32_t k)
{
	uint32_t pv = r->req->pvs[e].pv;
	const struct alloc_range *x = &r->ents[e].v[k];
	uint64_t pe = r->vg->pvs[pv].pe_count;

	r->res->pv = pv;
	r->res->range.first = x->start;
	r->res->range.last = add_sat(x->start, x->count) - 1;
	if (!x->count || x->start >= pe || x->count > pe - x->start)
		return fail(r->res, ALLOC_RANGE, "PE range outside the PV", 0, 0);
	for (uint32_t f = 0; f <= e; f++) {
		if (r->req->pvs[f].pv != pv || !r->ents[f].v)
			continue;
		for (uint32_t j = 0; j < (f == e ? k : r->ents[f].n); j++) {
			const struct alloc_range *y = &r->ents[f].v[j];

			if (x->start < y->start + y->count && y->start < x->start + x->count) {
				r->res->other.first = y->start;
				r->res->other.last = y->start + y->count - 1;
				return fail(r->res, ALLOC_RANGE_OVERLAP, "overlapping PE ranges",
					    0, 0);
			}
		}
	}
	return 0;
}

/* Entry @e's ranges: parsed from its text, as given, or the whole PV. */
static int entry_ranges(struct run *r, uint32_t e)
{
	const struct alloc_pv *ent = &r->req->pvs[e];
	struct entry *x = &r->ents[e];
	size_t bytes;

	r->res->pv = ent->pv;
	r->res->entry = e;
	if (ent->spec && *ent->spec)
		return parse_ranges(ent->spec, r->vg->pvs[ent->pv].pe_count, &x->v, &x->n, r->res);
	x->n = ent->ranges && ent->n_ranges ? ent->n_ranges : 1;
	bytes = (size_t)x->n * sizeof(*x->v);
	if (!(x->v = malloc(bytes)))
		return -ENOMEM;
	if (ent->ranges && ent->n_ranges)
		memcpy(x->v, ent->ranges, bytes);
	else
		x->v[0] = (struct alloc_range){ 0, r->vg->pvs[ent->pv].pe_count };
	return 0;
}

/* Adds entry @e's ranges to the map of its PV, made on first sight. */
static int map_entry(struct run *r, uint32_t e, uint32_t *map_of)
{
	uint32_t pv = r->req->pvs[e].pv;
	int rc;

	if ((rc = entry_ranges(r, e)))
		return rc;
	for (uint32_t k = 0; k < r->ents[e].n; k++)
		if ((rc = check_range(r, e, k)))
			return rc;
	if (map_of[pv] == NONE) {
		if ((rc = new_map(r, pv)))
			return rc;
		map_of[pv] = r->n_maps - 1;
	}
	for (uint32_t k = 0; k < r->ents[e].n; k++) {
		const struct alloc_range *x = &r->ents[e].v[k];

		if ((rc = map_add_range(r, map_of[pv], x->start, x->start + x->count)))
			return rc;
	}
	return 0;
}

static int maps_from_list(struct run *r)
{
	uint32_t *map_of = malloc((size_t)r->vg->n_pvs * sizeof(*map_of) + 1);
	int rc = 0;

	if (!map_of)
		return -ENOMEM;
	for (uint32_t p = 0; p < r->vg->n_pvs; p++)
		map_of[p] = NONE;
	for (uint32_t e = 0; e < r->req->n_pvs && !rc; e++)
		if (pv_listable(r, r->req->pvs[e].pv))
			rc = map_entry(r, e, map_of);
	free(map_of);
	if (!rc && !r->n_maps)
		rc = fail(r->res, ALLOC_NO_PVS, "no listed PV has free extents", 0, 0);
	return rc;
}

static int build_maps(struct run *r)
{
	uint32_t n = r->req->pvs ? r->req->n_pvs : r->vg->n_pvs;

	r->maps = calloc((size_t)n + 1, sizeof(*r->maps));
	if (r->req->pvs)
		r->ents = calloc((size_t)n + 1, sizeof(*r->ents));
	if (!r->maps || (r->req->pvs && !r->ents))
		return -ENOMEM;
	return r->req->pvs ? maps_from_list(r) : maps_from_vg(r);
}

static uint64_t maps_free(const struct run *r)
{
	uint64_t n = 0;

	for (uint32_t m = 0; m < r->n_maps; m++)
		n = add_sat(n, r->maps[m].free);
	return n;
}

/* ---------------------------------------------------------------- the LV being extended */

static const struct md_seg *seg_at(const struct md_lv *lv, uint64_t le)
{
	for (uint32_t s = 0; s < lv->n_segs; s++)
		if (le >= lv->segs[s].start_extent &&
		    le - lv->segs[s].start_extent < lv->segs[s].extent_count)
			return &lv->segs[s];
	return NULL;
}

/* Areas of each raid1 leg counted through the mirror layer (lvm2's stripes per image). */
static uint32_t stripes_per_leg(const struct md_vg *vg, const struct md_seg *seg)
{
	const struct md_lv *img;

	if (seg->type != MD_SEG_RAID1 || !seg->device_count || seg->pairs[0].image < 0)
		return 1;
	img = &vg->lvs[seg->pairs[0].image];
	if (img->n_segs && img->segs[img->n_segs - 1].type == MD_SEG_STRIPED)
		return img->segs[img->n_segs - 1].stripe_count;
	return 1;
}

static int pos_add(struct posv *pv, uint32_t idx, const struct md_seg *seg, uint32_t a)
{
	struct pos *v = grow(pv->v, &pv->cap, pv->n + 1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	pv->v = v;
	v[pv->n++] = (struct pos){ .idx = idx, .pv = (uint32_t)seg->areas[a].pv,
				   .start = seg->areas[a].start, .len = seg_area_len(seg) };
	return 0;
}

struct walk {
	const struct md_vg *vg;
	struct posv *out;
	int depth;
};

static int walk_lv(struct walk *w, const struct md_lv *lv, uint64_t le, int64_t top,
		   uint32_t max_areas);

/*
 * The PV areas of @lv at logical extent @le, each with its area index, as
 * lvm2's _for_each_pv() visits them: one segment only, sub-LVs followed,
 * an index below a top-level area being that area's index plus its own.
 */
static int walk_seg(struct walk *w, const struct md_seg *seg, uint64_t le, int64_t top,
		    uint32_t max_areas)
{
	uint32_t n = seg->type == MD_SEG_RAID1 ? seg->device_count : seg->stripe_count;
	uint32_t mult = seg->type == MD_SEG_STRIPED ? seg->stripe_count : 1;
	uint32_t spl = top < 0 ? stripes_per_leg(w->vg, seg) : 1;
	int rc = 0;

	if (seg->type == MD_SEG_OTHER || !mult)
		return 0;
	for (uint32_t s = 0; s < n && (!max_areas || s <= max_areas) && !rc; s++) {
		int32_t sub = seg->type == MD_SEG_RAID1 ? seg->pairs[s].image : seg->areas[s].lv;
		uint64_t sub_le = (le - seg->start_extent) / mult;

		if (seg->type == MD_SEG_STRIPED && seg->areas[s].pv >= 0)
			rc = pos_add(w->out, (uint32_t)(top < 0 ? s : top + s), seg, s);
		else if (sub >= 0 && (uint32_t)sub < w->vg->n_lvs)
			rc = walk_lv(w, &w->vg->lvs[sub],
				     seg->type == MD_SEG_STRIPED ? seg->areas[s].start + sub_le
								  : sub_le,
				     top < 0 ? (int64_t)s * spl : top, spl == 1 ? 1 : 0);
	}
	return rc;
}

static int walk_lv(struct walk *w, const struct md_lv *lv, uint64_t le, int64_t top,
		   uint32_t max_areas)
{
	const struct md_seg *seg = seg_at(lv, le);
	int rc;

	if (!seg || w->depth >= MAX_DEPTH)
		return 0;
	w->depth++;
	rc = walk_seg(w, seg, le, top, max_areas);
	w->depth--;
	return rc;
}

/* Where the LV ends (for contiguous) and where it starts (for cling). */
static int prev_positions(struct run *r)
{
	const struct md_lv *lv = &r->vg->lvs[r->req->lv];
	const struct md_seg *last;
	struct walk w = { .vg = r->vg };
	int rc;

	if (!lv->n_segs)
		return 0;
	last = &lv->segs[lv->n_segs - 1];
	if (last->type == MD_SEG_OTHER)
		return fail(r->res, ALLOC_BAD_REQUEST, "the LV ends in a segment of unknown type",
			    0, 0);
	r->has_prev = true;
	r->prev_areas = last->type == MD_SEG_RAID1 ? last->device_count : last->stripe_count;
	r->prev_slots = stripes_per_leg(r->vg, last) * r->prev_areas;
	w.out = &r->last;
	if ((rc = walk_lv(&w, lv, last->start_extent + last->extent_count - 1, -1, 0)))
		return rc;
	w.out = &r->first;
	return walk_lv(&w, lv, 0, -1, 0);
}

/* ---------------------------------------------------------------- one round */

static uint32_t slot_area(const struct run *r, uint32_t s)
{
	return s < r->cap_slots ? r->slots[s].area : NONE;
}

static int slot_set(struct run *r, uint32_t s, uint32_t a, uint64_t used)
{
	uint32_t old = r->cap_slots;
	struct slot *v;

	if (s == UINT32_MAX || !(v = grow(r->slots, &r->cap_slots, s + 1, sizeof(*v))))
		return -ENOMEM;
	r->slots = v;
	for (uint32_t i = old; i < r->cap_slots; i++)
		v[i].area = NONE;
	v[s].area = a;
	v[s].used = used;
	return 0;
}

/*
 * Is run @a on the PV of one of the LV's positions @pv (and, for
 * contiguous, right behind it)?  Filling by position, the first such
 * position with its slot still empty takes the whole run.
 */
static int match_pos(struct run *r, const struct posv *pv, uint32_t a, bool contig)
{
	bool positional = r->flags & F_POSITIONAL;
	const struct area *x = &r->ar[a];

	for (uint32_t i = 0; i < pv->n; i++) {
		const struct pos *p = &pv->v[i];

		if (positional && slot_area(r, p->idx) != NONE)
			continue;
		if (p->pv != r->maps[x->map].pv)
			continue;
		if (contig && add_sat(p->start, p->len) != x->start)
			continue;
		if (positional && p->idx >= r->n_pos)
			continue;
		if (positional && slot_set(r, p->idx, a, x->count))
			return -ENOMEM;
		return 1;
	}
	return 0;
}

/* Is run @a on a PV where this allocation has put an area already? */
static int match_new(struct run *r, uint32_t a)
{
	bool positional = r->flags & F_POSITIONAL;
	const struct area *x = &r->ar[a];

	for (uint32_t s = 0; s < r->n_par; s++) {
		if (positional && slot_area(r, s) != NONE)
			continue;
		if (!r->used_by[(size_t)x->map * r->n_par + s])
			continue;
		if (positional && slot_set(r, s, a, x->count))
			return -ENOMEM;
		return 1;
	}
	return 0;
}

/* u * mult < need, without overflow */
static bool too_small(uint64_t u, uint32_t mult, uint64_t need)
{
	return u < need / mult + (need % mult != 0);
}

/* The passes that follow something: the LV's ends, or this allocation's PVs. */
static int check_follow(struct run *r, uint32_t a)
{
	bool both = r->flags & F_COUNT_MATCH;	/* maximise_cling tries them all */
	int rc;

	if ((r->flags & F_CONTIG_LV) || both)
		if ((rc = match_pos(r, &r->last, a, true)))
			return rc < 0 ? rc : r->flags & F_POSITIONAL ? PREFERRED : USE_AREA;
	if (r->flags & F_CONTIG_LV)
		return NEXT_AREA;
	if ((r->flags & F_CLING_LV) || both)
		if ((rc = match_pos(r, &r->first, a, false)))
			return rc < 0 ? rc : r->flags & F_POSITIONAL ? PREFERRED : USE_AREA;
	if (r->flags & F_CLING_NEW)
		if ((rc = match_new(r, a)))
			return rc < 0 ? rc : r->flags & F_POSITIONAL ? PREFERRED : USE_AREA;
	return NEXT_PV;
}

/* lvm2's _check_pva(): what to do with run @a of a PV.  Negative: errno. */
static int check_area(struct run *r, uint32_t a, uint64_t need, bool found_one)
{
	const struct area *x = &r->ar[a];

	if (!x->unreserved)
		return NEXT_AREA;
	if (r->flags & (F_CONTIG_LV | F_CLING_LV | F_CLING_NEW))
		return check_follow(r, a);
	if (too_small(x->unreserved, r->mult, need) &&
	    (!(r->flags & F_SPLIT) || (found_one && r->pass != VOL_ALLOC_ANYWHERE)))
		return NEXT_PV;
	return r->flags & F_POSITIONAL ? PREFERRED : USE_AREA;
}

/* Claims what slot @s wants of run @a; what is left of the run moves down its list. */
static uint64_t claim(struct run *r, uint32_t a, uint32_t s, uint64_t need)
{
	struct area *x = &r->ar[a];
	uint64_t want = need / r->mult;

	if (r->pass == VOL_ALLOC_ANYWHERE) {
		if (s >= r->n_par)
			want = r->meta_len;
	} else if (want < r->meta_len) {
		want = r->meta_len;
	}
	if (want >= x->unreserved) {
		want = x->unreserved;
		x->unreserved = 0;
	} else {
		x->unreserved -= want;
		area_reinsert(r, a);
	}
	return want;
}

/*
 * Offers the runs of map @m.  The walk goes on from where a shrunk run
 * lands, as lvm2's does, so it may skip runs.
 */
static int scan_map(struct run *r, uint32_t m, uint64_t need, uint32_t *ix, uint32_t *pref)
{
	uint32_t head = r->maps[m].head;
	bool found_one = false;
	int v;

	for (uint32_t a = r->ar[head].next; a != head; a = r->ar[a].next) {
		if ((v = check_area(r, a, need, found_one)) < 0)
			return v;
		if (v == PREFERRED)
			(*pref)++;
		if (v == PREFERRED || v == NEXT_PV)
			return 0;
		if (v == NEXT_AREA)
			continue;
		if (!found_one || r->pass == VOL_ALLOC_ANYWHERE) {
			(*ix)++;
			found_one = true;
		}
		if (slot_set(r, *ix + r->n_pos - 1, a,
			     claim(r, a, *ix + r->n_pos - 1, need)))
			return -ENOMEM;
	}
	return 0;
}

/* Undoes the last round's claims (lvm2's walk, which may leave some behind). */
static void reset_claims(struct run *r)
{
	for (uint32_t m = 0; m < r->n_maps; m++) {
		uint32_t head = r->maps[m].head;

		for (uint32_t a = r->ar[head].next; a != head; a = r->ar[a].next)
			if (r->ar[a].unreserved != r->ar[a].count) {
				r->ar[a].unreserved = r->ar[a].count;
				area_reinsert(r, a);
			}
	}
}

static int cmp_slot(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;

	if (a->used != b->used)
		return a->used > b->used ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

/* Largest claim first, ties in the order offered (glibc's qsort is stable here). */
static void sort_slots(struct slot *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		v[i].ord = i;
	qsort(v, n, sizeof(*v), cmp_slot);
}

static int new_seg(struct run *r, uint64_t area_len, struct alloc_seg **out)
{
	struct alloc_result *res = r->res;
	struct alloc_seg *segs = grow(res->segs, &r->cap_segs, res->n_segs + 1, sizeof(*segs));

	if (!segs)
		return -ENOMEM;
	res->segs = segs;
	*out = &segs[res->n_segs];
	(*out)->areas = calloc(r->n_par, sizeof(*(*out)->areas));
	if (!(*out)->areas)
		return -ENOMEM;
	(*out)->n_areas = r->n_par;
	(*out)->area_len = area_len;
	(*out)->extents = area_len * r->mult;
	res->n_segs++;
	return 0;
}

/* The first n_par slots become a segment as long as the smallest of them allows. */
static int take_slots(struct run *r, uint64_t need)
{
	uint64_t len = need / r->mult, data;
	struct alloc_seg *seg = NULL;

	for (uint32_t s = 0; s < r->n_par; s++)
		if (len > r->slots[s].used)
			len = r->slots[s].used;
	data = r->meta_pending ? len - r->meta_len : len;
	if (r->meta_pending && len < r->meta_len)
		return fail(r->res, ALLOC_META_FIT, "metadata does not fit on a single PV", 0, 0);
	if (data && new_seg(r, data, &seg))
		return -ENOMEM;
	for (uint32_t s = 0; s < r->n_par; s++) {
		uint32_t a = r->slots[s].area;
		struct area *x = &r->ar[a];

		if (r->meta_pending) {
			if (r->meta_len > x->count)
				return fail(r->res, ALLOC_META_FIT,
					    "metadata does not fit on a single PV", 0, 0);
			r->res->meta[s] = (struct alloc_area){ r->maps[x->map].pv, x->start,
							       r->meta_len };
			area_consume(r, a, r->meta_len);
		}
		if (!data)
			continue;
		seg->areas[s] = (struct alloc_area){ r->maps[x->map].pv, x->start, data };
		r->used_by[(size_t)x->map * r->n_par + s] = 1;
		area_consume(r, a, data);
	}
	if (r->meta_pending)
		r->res->n_meta = r->n_par;
	r->meta_pending = false;
	r->allocated += len * r->mult;
	return 0;
}

static uint32_t positional_slots(const struct run *r)
{
	if (!(r->flags & F_POSITIONAL))
		return 0;
	if (r->flags & (F_CONTIG_LV | F_CLING_LV))
		return r->prev_slots;
	return r->n_par;
}

/* One sweep over the PVs; anywhere sweeps again while it finds runs but not enough. */
static int sweep(struct run *r, uint64_t need, uint32_t *ix, uint32_t *pref)
{
	bool anywhere = r->pass == VOL_ALLOC_ANYWHERE;
	uint32_t last_ix;
	int rc;

	do {
		last_ix = *ix;
		for (uint32_t m = 0; m < r->n_maps; m++) {
			if (r->ar[r->maps[m].head].next == r->maps[m].head)
				continue;
			if ((rc = scan_map(r, m, need, ix, pref)))
				return rc;
			if ((anywhere && *ix + r->n_pos >= r->n_par) ||
			    (*pref == r->n_pos && r->n_pos == r->n_par))
				break;
		}
	} while (anywhere && last_ix != *ix && *ix < r->n_par);
	return 0;
}

/* Positions left empty take the best of the runs offered freely. */
static void fill_gaps(struct run *r)
{
	for (uint32_t s = 0; s < r->n_par; s++)
		if (r->slots[s].area == NONE) {
			r->slots[s] = r->slots[r->n_pos];
			r->slots[r->n_pos++].area = NONE;
		}
}

/* lvm2's _find_some_parallel_space(): at most one new segment.  <0: errno. */
static int find_some(struct run *r, uint64_t need)
{
	uint32_t ix = 0, pref = 0;
	int rc;

	for (uint32_t s = 0; s < r->cap_slots; s++)
		r->slots[s].area = NONE;
	reset_claims(r);
	r->n_pos = positional_slots(r);
	if ((rc = slot_set(r, r->n_par + r->n_pos, NONE, 0)) || (rc = sweep(r, need, &ix, &pref)))
		return rc;
	if (pref < r->n_pos && !(r->flags & F_CLING_NEW) && !ix)
		return 0;
	if (ix + pref < r->n_par)
		return 0;
	if (ix > 1)
		sort_slots(&r->slots[r->n_pos], ix);
	if (pref && pref != r->n_pos)
		fill_gaps(r);
	if (ix + r->n_pos < r->n_par)
		return 0;
	return take_slots(r, need);
}

/* ---------------------------------------------------------------- passes */

/* lvm2's _init_alloc_parms() for pass r->pass (maximise_cling on). */
static void pass_flags(struct run *r)
{
	r->flags = 0;
	if (r->has_prev && r->n_par == r->prev_areas) {
		r->flags |= F_COUNT_MATCH;
		if (r->pass == VOL_ALLOC_CONTIGUOUS)
			r->flags |= F_CONTIG_LV | F_POSITIONAL;
		else if (r->pass == VOL_ALLOC_CLING)
			r->flags |= F_CLING_LV | F_POSITIONAL;
	} else if (r->pass == VOL_ALLOC_CLING) {
		r->flags |= F_CLING_NEW | F_POSITIONAL;
	}
	if (r->pass == VOL_ALLOC_NORMAL && r->allocated != r->total)
		r->flags |= F_CLING_NEW;
	if (r->res->policy != VOL_ALLOC_CONTIGUOUS)
		r->flags |= F_SPLIT;
}

/* Segments under one policy until done or stuck, relaxing as lvm2 does. */
static int pass_run(struct run *r)
{
	uint64_t old;
	int rc;

	do {
		old = r->allocated;
		if ((rc = find_some(r, r->total - r->allocated)))
			return rc;
		if (old == r->allocated) {
			if (r->pass == VOL_ALLOC_CLING && (r->flags & F_CLING_LV) &&
			    (r->flags & F_POSITIONAL))
				r->flags &= ~F_POSITIONAL;
			else if (r->pass == VOL_ALLOC_NORMAL && (r->flags & F_CLING_NEW))
				r->flags &= ~F_CLING_NEW;
			else
				break;
		} else if (r->pass == VOL_ALLOC_NORMAL && !(r->flags & F_CLING_NEW)) {
			r->flags |= F_CLING_NEW;
		}
	} while (r->pass != VOL_ALLOC_CONTIGUOUS && r->allocated != r->total &&
		 (r->flags & F_SPLIT) && (!r->req->approx || maps_free(r)));
	return 0;
}

/* Physical extents still to find: what is left, times the parallel areas. */
static uint64_t still_needed(const struct run *r)
{
	return (r->total - r->allocated) / r->mult * r->n_par;
}

static int run_passes(struct run *r)
{
	bool split = r->res->policy != VOL_ALLOC_CONTIGUOUS;
	uint64_t old;
	int rc;

	for (r->pass = VOL_ALLOC_CONTIGUOUS; r->pass <= r->res->policy; r->pass++) {
		old = r->allocated;
		if (!r->req->approx && still_needed(r) > maps_free(r))
			return fail(r->res, ALLOC_FREE, "insufficient free space", still_needed(r),
				    maps_free(r));
		pass_flags(r);
		if ((rc = pass_run(r)))
			return rc;
		if (r->allocated == r->total || (!split && r->allocated != old))
			break;
	}
	if (r->allocated == r->total)
		return 0;
	if (!r->req->approx)
		return fail(r->res, split ? ALLOC_SUITABLE : ALLOC_SUITABLE_CONTIG,
			    "insufficient suitable allocatable extents", still_needed(r),
			    maps_free(r));
	if (!r->allocated)
		return fail(r->res, ALLOC_NONE_FOUND, "no suitable allocatable extents found", 0,
			    maps_free(r));
	return 0;
}

/* ---------------------------------------------------------------- the request */

static enum vol_alloc policy_named(const char *s)
{
	static const char *const names[] = { "contiguous", "cling", "normal", "anywhere" };

	for (unsigned i = 0; s && i < 4; i++)
		if (!strcmp(s, names[i]))
			return (enum vol_alloc)(VOL_ALLOC_CONTIGUOUS + i);
	return s && !strcmp(s, "cling_by_tags") ? VOL_ALLOC_CLING_BY_TAGS : VOL_ALLOC_INHERIT;
}

/* cling_by_tags without a tag list (we read none) is cling, as in lvm2. */
static enum vol_alloc resolve_policy(const struct md_vg *vg, const struct alloc_request *req)
{
	enum vol_alloc p = req->policy;

	if (p == VOL_ALLOC_INHERIT && req->lv >= 0)
		p = policy_named(vg->lvs[req->lv].alloc_policy);
	if (p == VOL_ALLOC_INHERIT)
		p = policy_named(vg->alloc_policy);
	if (p == VOL_ALLOC_CLING_BY_TAGS)
		p = VOL_ALLOC_CLING;
	return p == VOL_ALLOC_INHERIT ? VOL_ALLOC_NORMAL : p;
}

static uint64_t lv_extents(const struct md_lv *lv)
{
	const struct md_seg *last = lv->n_segs ? &lv->segs[lv->n_segs - 1] : NULL;

	return last ? add_sat(last->start_extent, last->extent_count) : 0;
}

static int check_shape(const struct md_vg *vg, const struct alloc_request *req,
		       struct alloc_result *res)
{
	if ((unsigned)req->policy > VOL_ALLOC_CLING_BY_TAGS)
		return fail(res, ALLOC_BAD_REQUEST, "unknown allocation policy", 0, 0);
	if ((!req->stripes && req->lv < 0) || req->stripes > MD_MAX_STRIPES ||
	    req->mirrors > MD_MAX_STRIPES)
		return fail(res, ALLOC_BAD_REQUEST, "stripes or mirrors out of range", 0, 0);
	if (req->mirrors > 1 && req->stripes > 1)
		return fail(res, ALLOC_BAD_REQUEST, "striped mirrors are not supported", 0, 0);
	if (req->meta_extents && (req->mirrors < 1 || req->lv >= 0))
		return fail(res, ALLOC_BAD_REQUEST, "metadata areas only for new mirrored LVs",
			    0, 0);
	if (req->lv >= 0 && (uint32_t)req->lv >= vg->n_lvs)
		return fail(res, ALLOC_BAD_REQUEST, "no such LV", 0, 0);
	if (!req->extents)
		return fail(res, ALLOC_BAD_REQUEST, "nothing to allocate", 0, 0);
	for (uint32_t e = 0; req->pvs && e < req->n_pvs; e++)
		if (req->pvs[e].pv >= vg->n_pvs)
			return fail(res, ALLOC_BAD_REQUEST, "no such PV", 0, 0);
	if (req->pvs && !req->n_pvs)
		return fail(res, ALLOC_NO_PVS, "no listed PV has free extents", 0, 0);
	return 0;
}

/*
 * Stripes and stripe size (lvextend's defaults when not given), then the
 * size rounded to whole stripes: up, or down for an approximate size, as
 * lvcreate and lvextend round it.
 */
static int shape_request(struct run *r)
{
	const struct alloc_request *req = r->req;
	uint64_t size = req->stripe_size, ext = req->extents;
	uint32_t stripes = req->stripes;

	if (req->lv >= 0 && alloc_extend_shape(&r->vg->lvs[req->lv], &stripes, &size))
		return fail(r->res, ALLOC_STRIPES_UNKNOWN, "segments disagree on stripes", 0, 0);
	if (!stripes)
		stripes = 1;
	if (stripes == 1)
		size = 0;
	else if (!size || (req->lv < 0 && size > r->vg->extent_size))
		size = alloc_default_stripe_size(r->vg->extent_size);
	if (req->approx)
		ext -= ext % stripes;
	else if (alloc_round_to_stripes(ext, stripes, &ext))
		return fail(r->res, ALLOC_OVERFLOW, "request too large", UINT64_MAX, 0);
	if (!ext)
		return fail(r->res, ALLOC_NONE_FOUND, "no whole stripe fits", 0, 0);
	r->res->stripes = r->stripes = stripes;
	r->res->stripe_size = size;
	r->extents = ext;
	return 0;
}

/* Sizes: every sum and product the allocation will form must fit. */
static int size_request(struct run *r)
{
	const struct alloc_request *req = r->req;
	uint64_t existing = req->lv >= 0 ? lv_extents(&r->vg->lvs[req->lv]) : 0, per_leg, phys;

	r->n_par = req->mirrors > 1 ? req->mirrors : r->stripes;
	r->mult = req->mirrors > 1 ? 1 : r->stripes;
	r->meta_len = req->meta_extents;
	r->meta_pending = req->meta_extents > 0;
	if (__builtin_add_overflow(r->extents, req->meta_extents, &per_leg) ||
	    __builtin_mul_overflow(per_leg / r->mult, (uint64_t)r->n_par, &phys) ||
	    __builtin_add_overflow(existing, per_leg, &r->total) || existing == UINT64_MAX)
		return fail(r->res, ALLOC_OVERFLOW, "request too large", UINT64_MAX, 0);
	r->allocated = existing;
	r->used_by = calloc(((size_t)r->n_maps + 1) * r->n_par, 1);
	return r->used_by ? 0 : -ENOMEM;
}

/* lvcreate's checks before it allocates: stripes against PVs, size against the VG. */
static int check_create(struct run *r)
{
	const struct alloc_request *req = r->req;
	uint32_t pvs = req->pvs ? r->n_maps : r->vg->n_pvs;
	uint64_t free = 0;

	if (req->policy != VOL_ALLOC_ANYWHERE && r->stripes > pvs)
		return fail(r->res, ALLOC_STRIPES_PVS, "more stripes than physical volumes",
			    r->stripes, pvs);
	for (uint32_t p = 0; p < r->vg->n_pvs; p++)
		free = add_sat(free, r->vg->pvs[p].pe_count - pv_used(r->vg, &r->use, p));
	if (!req->approx && free < r->extents)
		return fail(r->res, ALLOC_VG_FREE, "insufficient free space in the VG",
			    r->extents, free);
	return 0;
}

static void run_free(struct run *r)
{
	free_used(&r->use);
	free(r->ar);
	free(r->maps);
	free(r->used_by);
	free(r->slots);
	free(r->last.v);
	free(r->first.v);
	for (uint32_t e = 0; r->ents && e < r->req->n_pvs; e++)
		free(r->ents[e].v);
	free(r->ents);
}

static int allocate(struct run *r)
{
	int rc;

	if ((rc = check_shape(r->vg, r->req, r->res)))
		return rc;
	r->res->policy = resolve_policy(r->vg, r->req);
	if ((rc = build_used(r->vg, &r->use)) || (rc = build_maps(r)) ||
	    (rc = shape_request(r)) || (rc = size_request(r)))
		return rc;
	if (r->req->lv < 0 && (rc = check_create(r)))
		return rc;
	if (r->req->lv >= 0 && (rc = prev_positions(r)))
		return rc;
	if (r->meta_pending && !(r->res->meta = calloc(r->n_par, sizeof(*r->res->meta))))
		return -ENOMEM;
	if ((rc = run_passes(r)))
		return rc;
	for (uint32_t s = 0; s < r->res->n_segs; s++)
		r->res->extents += r->res->segs[s].extents;
	return 0;
}

int alloc_extents(const struct md_vg *vg, const struct alloc_request *req,
		  struct alloc_result *res)
{
	struct run r = { .vg = vg, .req = req, .res = res };
	int rc;

	memset(res, 0, sizeof(*res));
	rc = allocate(&r);
	run_free(&r);
	if (rc) {
		if (!res->reason)
			res->reason = "out of memory";
		alloc_result_free(res);
		res->extents = 0;
	}
	return rc;
}

void alloc_result_free(struct alloc_result *res)
{
	if (!res)
		return;
	for (uint32_t s = 0; s < res->n_segs; s++)
		free(res->segs[s].areas);
	free(res->segs);
	free(res->meta);
	res->segs = NULL;
	res->meta = NULL;
	res->n_segs = res->n_meta = 0;
}

/* ---------------------------------------------------------------- lvm2's words */

int alloc_message(const struct alloc_result *res, const char *vg_name, const char *lv_name,
		  const char *pv_name, char *buf, size_t len)
{
	const char *lv = lv_name ? lv_name : "", *pv = pv_name ? pv_name : "";

	switch (res->status) {
	case ALLOC_OK:
		return snprintf(buf, len, "%s", "");
	case ALLOC_STRIPES_UNKNOWN:
		return snprintf(buf, len, "Please specify number of stripes (-i) and stripesize "
				"(-I)");
	case ALLOC_RANGE:
		return snprintf(buf, len, "PE range error: start extent %" PRIu64 " to end extent %"
				PRIu64 ".", res->range.first, res->range.last);
	case ALLOC_RANGE_OVERLAP:
		return snprintf(buf, len, "Overlapping PE ranges specified (%" PRIu64 "-%" PRIu64
				", %" PRIu64 "-%" PRIu64 ") on %s.", res->range.first,
				res->range.last, res->other.first, res->other.last, pv);
	case ALLOC_RANGE_SYNTAX:
		return snprintf(buf, len, "Physical extent parsing error at %s.", pv);
	case ALLOC_NO_PVS:
		return snprintf(buf, len, "No specified PVs have space available.");
	case ALLOC_STRIPES_PVS:
		return snprintf(buf, len, "Number of stripes (%" PRIu64 ") must not exceed number "
				"of physical volumes (%" PRIu64 ")", res->needed, res->available);
	case ALLOC_VG_FREE:
		return snprintf(buf, len, "Volume group \"%s\" has insufficient free space "
				"(%" PRIu64 " extents): %" PRIu64 " required.",
				vg_name ? vg_name : "", res->available, res->needed);
	case ALLOC_FREE:
		return snprintf(buf, len, "Insufficient free space: %" PRIu64 " extents needed, "
				"but only %" PRIu64 " available", res->needed, res->available);
	case ALLOC_SUITABLE:
	case ALLOC_SUITABLE_CONTIG:
		return snprintf(buf, len, "Insufficient suitable %sallocatable extents for "
				"logical volume %s: %" PRIu64 " more required",
				res->status == ALLOC_SUITABLE ? "" : "contiguous ", lv,
				res->needed);
	case ALLOC_NONE_FOUND:
		return snprintf(buf, len, "Insufficient suitable %sallocatable extents found for "
				"logical volume %s.",
				res->policy == VOL_ALLOC_CONTIGUOUS ? "contiguous " : "", lv);
	case ALLOC_META_FIT:
		return snprintf(buf, len, "Metadata does not fit on a single PV.");
	default:
		return snprintf(buf, len, "%s", res->reason ? res->reason : "allocation failed");
	}
}

/* ---------------------------------------------------------------- PE range text */

/* A decimal number of at most 32 bits, as lvm2 takes them; NULL if none. */
static const char *parse_u32(const char *c, uint64_t *v)
{
	uint64_t n = 0;

	if (*c < '0' || *c > '9')
		return NULL;
	for (; *c >= '0' && *c <= '9'; c++) {
		n = n * 10 + (uint64_t)(*c - '0');
		if (n > UINT32_MAX)
			return NULL;
	}
	*v = n;
	return c;
}

/* One ":..." item at @c (just past its colon): first and last PE. */
static const char *parse_item(const char *c, uint64_t pe_count, uint64_t *first, uint64_t *last)
{
	const char *e;
	uint64_t n;

	*first = 0;
	*last = pe_count - 1;
	if (*c >= '0' && *c <= '9') {
		if (!(e = parse_u32(c, first)))
			return c;
		c = e;
		if (!*c || *c == ':')
			*last = *first;
	}
	if (*c == '-' && c[1] >= '0' && c[1] <= '9') {
		if (!(e = parse_u32(c + 1, last)))
			return c + 1;
		c = e;
	} else if (*c == '-') {
		c++;
	} else if (*c == '+' && c[1] >= '0' && c[1] <= '9') {
		if (!(e = parse_u32(c + 1, &n)))
			return c + 1;
		/* lvm2 adds in 32 bits: a length past the end wraps the end around */
		*last = (uint32_t)(*first + (n ? n - 1 : 0));
		c = e;
	} else if (*c == '+') {
		c++;
	}
	return c;
}

static int add_parsed(struct alloc_range **v, uint32_t *n, uint32_t *cap, uint64_t first,
		      uint64_t last, struct alloc_result *res)
{
	struct alloc_range *p;

	for (uint32_t i = 0; i < *n; i++)
		if (first <= (*v)[i].start + (*v)[i].count - 1 && (*v)[i].start <= last) {
			res->other.first = (*v)[i].start;
			res->other.last = (*v)[i].start + (*v)[i].count - 1;
			return fail(res, ALLOC_RANGE_OVERLAP, "overlapping PE ranges", 0, 0);
		}
	if (!(p = grow(*v, cap, *n + 1, sizeof(*p))))
		return -ENOMEM;
	*v = p;
	p[(*n)++] = (struct alloc_range){ first, last - first + 1 };
	return 0;
}

static int parse_ranges(const char *spec, uint64_t pe_count, struct alloc_range **v,
			uint32_t *n, struct alloc_result *res)
{
	uint32_t cap = 0;
	int rc;

	for (const char *c = spec; *c;) {
		uint64_t first, last;
		const char *e;

		if (*c != ':' || c[1] == ':' || !c[1]) {
			res->at = (size_t)(c + (*c == ':') - spec);
			return fail(res, ALLOC_RANGE_SYNTAX, "PE range does not parse", 0, 0);
		}
		e = parse_item(c + 1, pe_count, &first, &last);
		if (*e && *e != ':') {
			res->at = (size_t)(e - spec);
			return fail(res, ALLOC_RANGE_SYNTAX, "PE range does not parse", 0, 0);
		}
		res->range.first = first;
		res->range.last = last;
		if (!pe_count || first > last || last > pe_count - 1)
			return fail(res, ALLOC_RANGE, "PE range outside the PV", 0, 0);
		if ((rc = add_parsed(v, n, &cap, first, last, res)))
			return rc;
		c = e;
	}
	return 0;
}

int alloc_parse_ranges(const char *spec, uint64_t pe_count, struct alloc_range **out,
		       uint32_t *n, struct alloc_result *res)
{
	int rc;

	memset(res, 0, sizeof(*res));
	*out = NULL;
	*n = 0;
	if (!*spec) {
		if (!pe_count)
			return fail(res, ALLOC_RANGE, "PE range outside the PV", 0, 0);
		if (!(*out = malloc(sizeof(**out))))
			return -ENOMEM;
		(*out)[0] = (struct alloc_range){ 0, pe_count };
		*n = 1;
		return 0;
	}
	if ((rc = parse_ranges(spec, pe_count, out, n, res))) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* ---------------------------------------------------------------- helpers */

int alloc_round_to_stripes(uint64_t extents, uint32_t stripes, uint64_t *out)
{
	uint64_t rest = stripes ? extents % stripes : 0;

	if (rest && extents > UINT64_MAX - (stripes - rest))
		return -EOVERFLOW;
	*out = rest ? extents + (stripes - rest) : extents;
	return 0;
}

int alloc_extend_shape(const struct md_lv *lv, uint32_t *stripes, uint64_t *stripe_size)
{
	uint32_t seg_stripes = 0;
	uint64_t seg_size = 0;

	if (*stripes == 1 || (*stripes > 1 && *stripe_size))
		return 0;
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		if (seg->type != MD_SEG_STRIPED)
			continue;
		if (seg_size && seg->stripe_size && seg_size != seg->stripe_size && !*stripe_size)
			return -EINVAL;
		if (seg_stripes && seg_stripes != seg->stripe_count && !*stripes)
			return -EINVAL;
		seg_size = seg->stripe_size;
		seg_stripes = seg->stripe_count;
	}
	if (!*stripes)
		*stripes = seg_stripes ? seg_stripes : 1;
	if (!*stripe_size && *stripes > 1)
		*stripe_size = seg_size ? seg_size : DEFAULT_STRIPE_SECTORS;
	return 0;
}

uint64_t alloc_default_stripe_size(uint64_t extent_size)
{
	return extent_size && extent_size < DEFAULT_STRIPE_SECTORS ? extent_size
								    : DEFAULT_STRIPE_SECTORS;
}

/* ---------------------------------------------------------------- into the model */

static bool same_tags(const struct md_strv *a, const struct md_strv *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!md_strv_has(b, a->v[i]))
			return false;
	return true;
}

/* lvm2's _striped_segments_compatible(): @b continues @a on every PV. */
static bool mergeable(const struct md_seg *a, const struct md_seg *b)
{
	uint64_t len;

	if (a->type != MD_SEG_STRIPED || b->type != MD_SEG_STRIPED ||
	    a->stripe_count != b->stripe_count || a->stripe_size != b->stripe_size ||
	    strcmp(a->type_name ? a->type_name : "", b->type_name ? b->type_name : ""))
		return false;
	len = a->extent_count / a->stripe_count;
	for (uint32_t s = 0; s < a->stripe_count; s++)
		if (a->areas[s].pv < 0 || a->areas[s].pv != b->areas[s].pv ||
		    a->areas[s].start + len != b->areas[s].start)
			return false;
	return same_tags(&a->tags, &b->tags);
}

static void merge_segs(struct md_lv *lv)
{
	uint32_t k = 0;

	for (uint32_t s = 1; s < lv->n_segs; s++) {
		if (mergeable(&lv->segs[k], &lv->segs[s]))
			lv->segs[k].extent_count += lv->segs[s].extent_count;
		else
			lv->segs[++k] = lv->segs[s];
	}
	if (lv->n_segs)
		lv->n_segs = k + 1;
}

static int fill_seg(struct md_vg *vg, struct md_seg *seg, const struct alloc_seg *in,
		    uint64_t start, uint64_t stripe_size)
{
	memset(seg, 0, sizeof(*seg));
	seg->start_extent = start;
	seg->extent_count = in->extents;
	seg->type = MD_SEG_STRIPED;
	if (!(seg->type_name = md_arena_strdup(vg->arena, "striped")))
		return -ENOMEM;
	seg->stripe_count = in->n_areas;
	seg->stripe_size = in->n_areas > 1 ? stripe_size : 0;
	if (!(seg->areas = md_arena_alloc(vg->arena, in->n_areas * sizeof(*seg->areas))))
		return -ENOMEM;
	for (uint32_t a = 0; a < in->n_areas; a++)
		seg->areas[a] = (struct md_area_ref){ .pv = (int32_t)in->areas[a].pv, .lv = -1,
						      .start = in->areas[a].start };
	return 0;
}

/* Appends segments @in[0..n) to LV @lv as striped (or linear) ones, then merges. */
static int append_segs(struct md_vg *vg, uint32_t lv_idx, const struct alloc_seg *in, uint32_t n,
		       uint64_t stripe_size)
{
	struct md_lv *lv = &vg->lvs[lv_idx];
	struct md_seg *segs;
	uint64_t le = lv_extents(lv);
	int rc;

	segs = md_arena_alloc(vg->arena, ((size_t)lv->n_segs + n) * sizeof(*segs));
	if (!segs)
		return -ENOMEM;
	if (lv->n_segs)
		memcpy(segs, lv->segs, lv->n_segs * sizeof(*segs));
	for (uint32_t s = 0; s < n; s++) {
		if ((rc = fill_seg(vg, &segs[lv->n_segs + s], &in[s], le, stripe_size)))
			return rc;
		le += in[s].extents;
	}
	lv->segs = segs;
	lv->n_segs += n;
	merge_segs(lv);
	return 0;
}

int alloc_apply(struct md_vg *vg, uint32_t lv, const struct alloc_result *res,
		uint64_t stripe_size)
{
	if (res->status != ALLOC_OK || lv >= vg->n_lvs || res->n_meta ||
	    (res->n_segs && res->segs[0].extents != res->segs[0].area_len * res->segs[0].n_areas))
		return -EINVAL;
	return append_segs(vg, lv, res->segs, res->n_segs, stripe_size);
}

int alloc_apply_leg(struct md_vg *vg, uint32_t lv, const struct alloc_result *res, uint32_t leg,
		    bool meta)
{
	uint32_t n = meta ? 1 : res->n_segs;
	struct alloc_seg *one;
	struct alloc_area *area;
	int rc = -ENOMEM;

	if (res->status != ALLOC_OK || lv >= vg->n_lvs || (meta && leg >= res->n_meta) ||
	    (!meta && res->n_segs && leg >= res->segs[0].n_areas))
		return -EINVAL;
	one = calloc(n ? n : 1, sizeof(*one));
	area = calloc(n ? n : 1, sizeof(*area));
	if (one && area) {
		for (uint32_t s = 0; s < n; s++) {
			area[s] = meta ? res->meta[leg] : res->segs[s].areas[leg];
			one[s] = (struct alloc_seg){ .extents = area[s].count,
						     .area_len = area[s].count, .n_areas = 1,
						     .areas = &area[s] };
		}
		rc = append_segs(vg, lv, one, n, 0);
	}
	free(one);
	free(area);
	return rc;
}
