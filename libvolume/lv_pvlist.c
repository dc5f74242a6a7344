/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The PV list of an LV command (lvcreate VG PV..., lvextend LV PV...), made
 * as lvm2 makes it before it looks at sizes: "@tag" names the VG's PVs with
 * that tag; a PV that is not allocatable, missing or full is skipped with a
 * warning; a PV named twice gets the ranges of both mentions, which may not
 * overlap; nothing left is an error.  The result is one allocator entry per
 * PV, in order of first mention, its ranges parsed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "lvedit.h"

struct building {
	struct vol_vg *vg;
	bool say;		/* warn about the PVs skipped */
	struct lv_pvlist *out;
	size_t cap;
};

void lv_pvlist_free(struct lv_pvlist *l)
{
	for (size_t i = 0; l->v && i < l->n; i++)
		free((void *)(uintptr_t)l->v[i].ranges);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Skipped with lvm2's warning: not allocatable, missing, or no free extent. */
static bool skipped(struct vol_vg *vg, uint32_t p, bool say)
{
	const struct md_pv *pv = &vg->md->pvs[p];
	const struct vol_pv *h = vol_vg_pv(vg, p);
	const char *name = vol_pv_name(h);

	if (!say)
		return !(pv->status.known & MD_PV_ALLOCATABLE) || !h->has_dev ||
		       (pv->status.known & MD_PV_MISSING) || (pv->flags.known & MD_PVF_MISSING) ||
		       md_pv_used_extents(vg->md, p) >= pv->pe_count;
	if (!(pv->status.known & MD_PV_ALLOCATABLE)) {
		log_warn(vg->ctx, "Physical volume %s not allocatable.", name);
		return true;
	}
	if (!h->has_dev || (pv->status.known & MD_PV_MISSING) || (pv->flags.known & MD_PVF_MISSING)) {
		log_warn(vg->ctx, "Physical volume %s is missing.", name);
		return true;
	}
	if (md_pv_used_extents(vg->md, p) >= pv->pe_count) {
		log_warn(vg->ctx, "No free extents on physical volume \"%s\".", name);
		return true;
	}
	return false;
}

/* The entry of PV @p, made (empty) on first mention. */
static struct alloc_pv *entry_of(struct building *b, uint32_t p)
{
	struct lv_pvlist *l = b->out;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].pv == p)
			return &l->v[i];
	if (l->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 8;
		struct alloc_pv *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		b->cap = cap;
	}
	l->v[l->n] = (struct alloc_pv){ .pv = p };
	return &l->v[l->n++];
}

static int range_error(struct building *b, uint32_t p, const struct alloc_result *res,
		       const char *spec)
{
	char msg[256];
	const char *name = vol_pv_name(vol_vg_pv(b->vg, p));

	alloc_message(res, b->vg->md->name, NULL,
		      res->status == ALLOC_RANGE_SYNTAX ? spec + res->at : name, msg, sizeof(msg));
	log_err(b->vg->ctx, "%s", msg);
	return -EINVAL;
}

/* Appends one parsed range to the entry, refused if it overlaps one already there. */
static int add_range(struct building *b, struct alloc_pv *e, const struct alloc_range *x,
		     const char *spec)
{
	struct alloc_range *all;
	struct alloc_result res = { .status = ALLOC_RANGE_OVERLAP };

	for (uint32_t j = 0; j < e->n_ranges; j++) {
		const struct alloc_range *y = &e->ranges[j];

		if (x->start < y->start + y->count && y->start < x->start + x->count) {
			res.range.first = x->start;
			res.range.last = x->start + x->count - 1;
			res.other.first = y->start;
			res.other.last = y->start + y->count - 1;
			return range_error(b, e->pv, &res, spec);
		}
	}
	if (!(all = realloc((void *)(uintptr_t)e->ranges, (e->n_ranges + 1) * sizeof(*all))))
		return -ENOMEM;
	all[e->n_ranges++] = *x;
	e->ranges = all;
	return 0;
}

/*
 * Adds the ranges of @spec (NULL: the whole PV) to PV @p's entry, one
 * ":..." item at a time, each checked against those before it (lvm2's
 * order, so the same overlap is named).
 */
static int add_pv(struct building *b, uint32_t p, const char *spec)
{
	uint64_t pe_count = b->vg->md->pvs[p].pe_count;
	const char *c = spec && *spec ? spec : "";
	struct alloc_pv *e;
	int r = 0;

	if (skipped(b->vg, p, b->say))
		return 0;
	if (!(e = entry_of(b, p)))
		return -ENOMEM;
	do {
		size_t len = *c ? 1 + strcspn(c + 1, ":") : 0;
		char *item = strndup(c, len);
		struct alloc_result res;
		struct alloc_range *v;
		uint32_t n;

		if (!item)
			return -ENOMEM;
		r = alloc_parse_ranges(item, pe_count, &v, &n, &res);
		free(item);
		if (r) {
			res.at += (size_t)(c - spec);
			return r == -ENOMEM ? r : range_error(b, p, &res, spec);
		}
		for (uint32_t k = 0; k < n && !r; k++)
			r = add_range(b, e, &v[k], spec);
		free(v);
		c += len;
	} while (!r && *c);
	return r;
}

/* "@tag": every PV of the VG with that tag, in VG order. */
static int add_tag(struct building *b, const char *tag)
{
	const char *why;
	int r;

	if (md_tag_check(tag, &why)) {
		log_err(b->vg->ctx, "Skipping invalid tag %s.", tag);
		return 0;
	}
	for (uint32_t p = 0; p < b->vg->md->n_pvs; p++)
		if (md_strv_has(&b->vg->md->pvs[p].tags, tag) && (r = add_pv(b, p, NULL)))
			return r;
	return 0;
}

int lv_pv_list(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, bool say,
	       struct lv_pvlist *out)
{
	struct building b = { .vg = vg, .say = say, .out = out };
	int r = 0;

	memset(out, 0, sizeof(*out));
	if (!n)
		return 0;
	for (size_t i = 0; i < n && !r; i++) {
		const struct vol_pv *pv;

		if (specs[i].pv[0] == '@') {	/* ':' belongs to the tag here, as in lvm2 */
			char tag[MD_NAME_LEN * 2];

			snprintf(tag, sizeof(tag), "%s%s", specs[i].pv + 1,
				 specs[i].ranges ? specs[i].ranges : "");
			r = add_tag(&b, tag);
		} else if (!(pv = vol_vg_pv_by_name(vg, specs[i].pv))) {
			log_err(vg->ctx, "Physical Volume \"%s\" not found in Volume Group \"%s\".",
				specs[i].pv, vg->md->name);
			r = -ENOENT;
		} else {
			r = add_pv(&b, (uint32_t)pv->idx, specs[i].ranges);
		}
	}
	if (!r && !out->n) {
		log_err(vg->ctx, "No specified PVs have space available.");
		r = -ENOSPC;
	}
	if (r)
		lv_pvlist_free(out);
	else
		out->given = true;
	return r;
}

/* Free extents of PV @p inside [start, start + count). */
static uint64_t free_in(const struct md_vg *vg, uint32_t p, const struct alloc_range *x)
{
	uint64_t n = x->count;

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&vg->lvs[l].segs[s], &it, &a) {
				uint64_t lo = a.start > x->start ? a.start : x->start;
				uint64_t hi = a.start + a.len < x->start + x->count ? a.start + a.len
										 : x->start + x->count;

				if (a.pv == p && lo < hi)
					n -= hi - lo < n ? hi - lo : n;
			}
		}
	return n;
}

uint64_t lv_pvs_base(const struct vol_vg *vg, const struct lv_pvlist *l)
{
	uint64_t sum = 0;

	if (!l->given)
		return vol_vg_extent_count(vg);
	for (size_t i = 0; i < l->n; i++)
		for (uint32_t k = 0; k < l->v[i].n_ranges; k++)
			sum += free_in(vg->md, l->v[i].pv, &l->v[i].ranges[k]);
	return sum;
}

int lv_pv_flags(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, bool **out)
{
	bool *v = calloc(vg->md->n_pvs + 1, sizeof(*v));

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const struct vol_pv *pv = vol_vg_pv_by_name(vg, specs[i].pv);

		if (!pv) {
			log_err(vg->ctx, "Physical Volume \"%s\" not found in Volume Group \"%s\".",
				specs[i].pv, vg->md->name);
			free(v);
			return -ENOENT;
		}
		v[pv->idx] = true;
	}
	*out = v;
	return 0;
}
