/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Building and editing the VG model in memory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vg.h"

struct md_vg *md_vg_new(struct md_arena *a)
{
	struct md_vg *vg = md_arena_alloc(a, sizeof(*vg));

	if (vg)
		vg->arena = a;
	return vg;
}

/* Arrays grow by doubling inside the arena; the old copy is simply left there. */
static void *grow(struct md_arena *a, void *old, uint32_t n, uint32_t *cap, size_t elem)
{
	uint32_t ncap;
	void *p;

	if (n < *cap)
		return old;
	ncap = *cap ? *cap * 2 : 8;
	p = md_arena_alloc(a, (size_t)ncap * elem);
	if (!p)
		return NULL;
	if (old)
		memcpy(p, old, (size_t)n * elem);
	*cap = ncap;
	return p;
}

/* The number of a "pvN" name (N without leading zeros), or -1. */
static int64_t pv_number(const char *name)
{
	int64_t n = 0;

	if (!name || strncmp(name, "pv", 2) || !name[2] || (name[2] == '0' && name[3]))
		return -1;
	for (const char *p = name + 2; *p; p++) {
		if (*p < '0' || *p > '9' || n > UINT32_MAX)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

struct md_pv *md_vg_add_pv(struct md_vg *vg)
{
	struct md_pv *pvs = grow(vg->arena, vg->pvs, vg->n_pvs, &vg->cap_pvs, sizeof(*pvs));
	bool *taken = calloc(vg->n_pvs + 1, sizeof(*taken));
	struct md_pv *pv;
	char name[24];
	uint32_t k = 0;

	if (!pvs || !taken) {
		free(taken);
		return NULL;
	}
	vg->pvs = pvs;
	pv = &pvs[vg->n_pvs];
	memset(pv, 0, sizeof(*pv));
	/* The first pvN not taken by another PV section: one of 0..n_pvs is free. */
	for (uint32_t i = 0; i < vg->n_pvs; i++) {
		int64_t n = pv_number(vg->pvs[i].name);

		if (n >= 0 && n <= vg->n_pvs)
			taken[n] = true;
	}
	while (taken[k])
		k++;
	free(taken);
	snprintf(name, sizeof(name), "pv%u", k);
	if (!(pv->name = md_arena_strdup(vg->arena, name)))
		return NULL;
	vg->n_pvs++;
	return pv;
}

struct md_pv *md_vg_add_pv_named(struct md_vg *vg, const char *name)
{
	struct md_pv *pvs = grow(vg->arena, vg->pvs, vg->n_pvs, &vg->cap_pvs, sizeof(*pvs));
	struct md_pv *pv;

	if (!pvs)
		return NULL;
	vg->pvs = pvs;
	pv = &pvs[vg->n_pvs++];
	memset(pv, 0, sizeof(*pv));
	pv->name = name;
	return pv;
}

int md_vg_reserve_lvs(struct md_vg *vg, uint32_t n)
{
	struct md_lv *lvs;

	if (n <= vg->cap_lvs)
		return 0;
	if (!(lvs = md_arena_alloc_raw(vg->arena, (size_t)n * sizeof(*lvs))))
		return -ENOMEM;
	if (vg->n_lvs)
		memcpy(lvs, vg->lvs, (size_t)vg->n_lvs * sizeof(*lvs));
	vg->lvs = lvs;
	vg->cap_lvs = n;
	return 0;
}

struct md_lv *md_vg_add_lv(struct md_vg *vg)
{
	struct md_lv *lvs = grow(vg->arena, vg->lvs, vg->n_lvs, &vg->cap_lvs, sizeof(*lvs));
	struct md_lv *lv;

	if (!lvs)
		return NULL;
	vg->lvs = lvs;
	lv = &lvs[vg->n_lvs++];
	memset(lv, 0, sizeof(*lv));
	lv->major = lv->minor = -1;
	return lv;
}

void md_vg_del_pv(struct md_vg *vg, uint32_t idx)
{
	memmove(&vg->pvs[idx], &vg->pvs[idx + 1], (vg->n_pvs - idx - 1) * sizeof(*vg->pvs));
	vg->n_pvs--;
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_seg *seg = &vg->lvs[l].segs[s];
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(seg, &it, &a)
				if (a.pv > idx)
					seg->areas[a.slot].pv--;
		}
}

int md_strv_add(struct md_arena *a, struct md_strv *sv, const char *s)
{
	const char **v;

	const char *copy;

	if (md_strv_has(sv, s))
		return 0;
	if (!(copy = md_arena_strdup(a, s)))
		return -ENOMEM;
	/* Doubling: thousands of tags cost no more than twice their pointers. */
	if (sv->n >= sv->cap) {
		uint32_t cap = sv->n < 4 ? 8 : sv->n * 2;

		if (!(v = md_arena_alloc(a, cap * sizeof(*v))))
			return -ENOMEM;
		if (sv->n)
			memcpy(v, sv->v, sv->n * sizeof(*v));
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = copy;
	return 0;
}

bool md_strv_has(const struct md_strv *sv, const char *s)
{
	for (uint32_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return true;
	return false;
}

bool md_strv_del(struct md_strv *sv, const char *s)
{
	for (uint32_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s)) {
			memmove(&sv->v[i], &sv->v[i + 1], (sv->n - i - 1) * sizeof(*sv->v));
			sv->n--;
			return true;
		}
	return false;
}

int32_t md_vg_find_pv(const struct md_vg *vg, const char *raw_id)
{
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		if (!strcmp(vg->pvs[i].id, raw_id))
			return (int32_t)i;
	return -1;
}

int32_t md_vg_find_lv(const struct md_vg *vg, const char *name)
{
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		if (!strcmp(vg->lvs[i].name, name))
			return (int32_t)i;
	return -1;
}

const char *md_vg_unknown_status(const struct md_vg *vg)
{
	if (vg->status.n_unknown)
		return vg->status.unknown[0];
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		if (vg->pvs[i].status.n_unknown)
			return vg->pvs[i].status.unknown[0];
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		if (vg->lvs[i].status.n_unknown)
			return vg->lvs[i].status.unknown[0];
	return NULL;
}

uint64_t md_lv_extents(const struct md_lv *lv)
{
	return lv->n_segs ? lv->segs[lv->n_segs - 1].start_extent +
				    lv->segs[lv->n_segs - 1].extent_count : 0;
}

uint64_t md_pv_used_extents(const struct md_vg *vg, uint32_t pv)
{
	uint64_t used = 0;

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&vg->lvs[l].segs[s], &it, &a)
				if (a.pv == pv)
					used += a.len;
		}
	return used > vg->pvs[pv].pe_count ? vg->pvs[pv].pe_count : used;
}

uint64_t md_vg_free_extents(const struct md_vg *vg)
{
	uint64_t *used = calloc(vg->n_pvs + 1, sizeof(*used)), free_pe = 0;

	if (!used) {	/* no memory for the one pass: a pass per PV */
		for (uint32_t i = 0; i < vg->n_pvs; i++)
			free_pe += vg->pvs[i].pe_count - md_pv_used_extents(vg, i);
		return free_pe;
	}
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&vg->lvs[l].segs[s], &it, &a)
				if (a.pv < vg->n_pvs)
					used[a.pv] += a.len;
		}
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		free_pe += vg->pvs[i].pe_count - (used[i] > vg->pvs[i].pe_count ? vg->pvs[i].pe_count
									   : used[i]);
	free(used);
	return free_pe;
}

uint64_t md_pv_used_end(const struct md_vg *vg, uint32_t pv)
{
	uint64_t end = 0;

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&vg->lvs[l].segs[s], &it, &a)
				if (a.pv == pv && a.start + a.len > end)
					end = a.start + a.len;
		}
	return end;
}

bool md_lv_uses_pv(const struct md_vg *vg, uint32_t lv, uint32_t pv)
{
	for (uint32_t s = 0; s < vg->lvs[lv].n_segs; s++) {
		struct md_pv_area_iter it;
		struct md_pv_area a;

		md_seg_for_each_pv_area(&vg->lvs[lv].segs[s], &it, &a)
			if (a.pv == pv)
				return true;
	}
	return false;
}

static const char *dup(struct md_arena *a, const char *s, int *err)
{
	const char *d;

	if (!s)
		return NULL;
	if (!(d = md_arena_strdup(a, s)))
		*err = -ENOMEM;
	return d;
}

static void clone_strv(struct md_arena *a, struct md_strv *sv, int *err)
{
	const char **v;

	sv->cap = 0;	/* never share the source's spare slots */
	if (!sv->n) {
		sv->v = NULL;
		return;
	}
	if (!(v = md_arena_alloc(a, sv->n * sizeof(*v)))) {
		*err = -ENOMEM;
		return;
	}
	for (uint32_t i = 0; i < sv->n; i++)
		v[i] = dup(a, sv->v[i], err);
	sv->v = v;
	sv->cap = sv->n;
}

static void clone_flags(struct md_arena *a, struct md_flags *f, int *err)
{
	struct md_strv sv = { .v = f->unknown, .n = f->n_unknown };

	clone_strv(a, &sv, err);
	f->unknown = sv.v;
}

static void clone_cn(struct md_arena *a, struct md_cn **cn, int *err)
{
	if (*cn && !(*cn = md_cn_clone(a, *cn, true)))
		*err = -ENOMEM;
}

static void *clone_mem(struct md_arena *a, const void *p, size_t size, int *err)
{
	void *d;

	if (!p || !size)
		return NULL;
	if (!(d = md_arena_alloc(a, size))) {
		*err = -ENOMEM;
		return NULL;
	}
	return memcpy(d, p, size);
}

static void clone_lv(struct md_arena *a, struct md_lv *lv, int *err)
{
	lv->name = dup(a, lv->name, err);
	lv->creation_host = dup(a, lv->creation_host, err);
	lv->alloc_policy = dup(a, lv->alloc_policy, err);
	clone_flags(a, &lv->status, err);
	clone_flags(a, &lv->flags, err);
	clone_strv(a, &lv->tags, err);
	clone_cn(a, &lv->extra, err);
	lv->segs = clone_mem(a, lv->segs, lv->n_segs * sizeof(*lv->segs), err);
	for (uint32_t s = 0; s < lv->n_segs && !*err; s++) {
		struct md_seg *seg = &lv->segs[s];

		seg->type_name = dup(a, seg->type_name, err);
		clone_strv(a, &seg->tags, err);
		seg->areas = clone_mem(a, seg->areas, seg->stripe_count * sizeof(*seg->areas), err);
		seg->pairs = clone_mem(a, seg->pairs, seg->device_count * sizeof(*seg->pairs), err);
		if (seg->raw && !(seg->raw = md_cn_clone(a, seg->raw, false)))
			*err = -ENOMEM;
		clone_cn(a, &seg->extra, err);
	}
}

struct md_vg *md_vg_clone(struct md_arena *a, const struct md_vg *src)
{
	struct md_vg *vg = md_arena_alloc(a, sizeof(*vg));
	int err = 0;

	if (!vg)
		return NULL;
	*vg = *src;
	vg->arena = a;
	vg->name = dup(a, src->name, &err);
	vg->format = dup(a, src->format, &err);
	vg->system_id = dup(a, src->system_id, &err);
	vg->alloc_policy = dup(a, src->alloc_policy, &err);
	vg->description = dup(a, src->description, &err);
	vg->creation_host = dup(a, src->creation_host, &err);
	clone_flags(a, &vg->status, &err);
	clone_flags(a, &vg->flags, &err);
	clone_strv(a, &vg->tags, &err);
	clone_cn(a, &vg->extra, &err);
	clone_cn(a, &vg->header_extra, &err);
	vg->cap_pvs = vg->n_pvs;
	vg->cap_lvs = vg->n_lvs;
	vg->pvs = clone_mem(a, src->pvs, src->n_pvs * sizeof(*vg->pvs), &err);
	vg->lvs = clone_mem(a, src->lvs, src->n_lvs * sizeof(*vg->lvs), &err);
	for (uint32_t i = 0; i < vg->n_pvs && !err; i++) {
		struct md_pv *pv = &vg->pvs[i];

		pv->name = dup(a, pv->name, &err);
		pv->device = dup(a, pv->device, &err);
		clone_flags(a, &pv->status, &err);
		clone_flags(a, &pv->flags, &err);
		clone_strv(a, &pv->tags, &err);
		clone_cn(a, &pv->extra, &err);
	}
	for (uint32_t i = 0; i < vg->n_lvs && !err; i++)
		clone_lv(a, &vg->lvs[i], &err);
	return err ? NULL : vg;
}

/* @n elements of @p into @a (NULL for none), or *err = -ENOMEM. */
static void *copy_array(struct md_arena *a, const void *p, size_t n, size_t size, int *err)
{
	void *d;

	if (!p || !n)
		return NULL;
	if (!(d = md_arena_alloc_raw(a, n * size))) {
		*err = -ENOMEM;
		return NULL;
	}
	return memcpy(d, p, n * size);
}

static void share_strv(struct md_arena *a, struct md_strv *sv, int *err)
{
	sv->v = copy_array(a, sv->v, sv->n, sizeof(*sv->v), err);
}

static void share_flags(struct md_arena *a, struct md_flags *f, int *err)
{
	f->unknown = copy_array(a, f->unknown, f->n_unknown, sizeof(*f->unknown), err);
}

struct md_vg *md_vg_clone_shared(struct md_arena *a, const struct md_vg *src)
{
	struct md_vg *vg = md_arena_alloc_raw(a, sizeof(*vg));
	int err = 0;

	if (!vg)
		return NULL;
	*vg = *src;
	vg->arena = a;
	share_flags(a, &vg->status, &err);
	share_flags(a, &vg->flags, &err);
	share_strv(a, &vg->tags, &err);
	vg->cap_pvs = vg->n_pvs;
	vg->pvs = copy_array(a, src->pvs, src->n_pvs, sizeof(*vg->pvs), &err);
	/* room for a few more LVs: an edit that adds one copies no array */
	if ((vg->lvs = md_arena_alloc_raw(a, ((size_t)src->n_lvs + 8) * sizeof(*vg->lvs)))) {
		if (src->n_lvs)
			memcpy(vg->lvs, src->lvs, src->n_lvs * sizeof(*vg->lvs));
		vg->cap_lvs = src->n_lvs + 8;
	} else {
		err = -ENOMEM;
	}
	for (uint32_t i = 0; i < vg->n_pvs && !err; i++) {
		share_flags(a, &vg->pvs[i].status, &err);
		share_flags(a, &vg->pvs[i].flags, &err);
		share_strv(a, &vg->pvs[i].tags, &err);
	}
	for (uint32_t i = 0; i < vg->n_lvs && !err; i++) {
		struct md_lv *lv = &vg->lvs[i];

		share_flags(a, &lv->status, &err);
		share_flags(a, &lv->flags, &err);
		share_strv(a, &lv->tags, &err);
		lv->segs = copy_array(a, lv->segs, lv->n_segs, sizeof(*lv->segs), &err);
		for (uint32_t k = 0; k < lv->n_segs && !err; k++) {
			struct md_seg *seg = &lv->segs[k];

			share_strv(a, &seg->tags, &err);
			seg->areas = copy_array(a, seg->areas, seg->stripe_count, sizeof(*seg->areas),
						&err);
			seg->pairs = copy_array(a, seg->pairs, seg->device_count, sizeof(*seg->pairs),
						&err);
		}
	}
	return err ? NULL : vg;
}

static void fix_lv_ref(int32_t *ref, uint32_t idx)
{
	if (*ref > (int32_t)idx)
		(*ref)--;
	else if (*ref == (int32_t)idx)
		*ref = -1;
}

void md_vg_del_lv(struct md_vg *vg, uint32_t idx)
{
	memmove(&vg->lvs[idx], &vg->lvs[idx + 1], (vg->n_lvs - idx - 1) * sizeof(*vg->lvs));
	vg->n_lvs--;
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_seg *seg = &vg->lvs[l].segs[s];

			if (seg->type == MD_SEG_RAID1) {
				for (uint32_t k = 0; k < seg->device_count; k++) {
					fix_lv_ref(&seg->pairs[k].meta, idx);
					fix_lv_ref(&seg->pairs[k].image, idx);
				}
				continue;
			}
			for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++)
				fix_lv_ref(&seg->areas[a].lv, idx);
		}
}

/* ---------------------------------------------------------------- md_lv_same */

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool strv_eq(const char *const *a, uint32_t na, const char *const *b, uint32_t nb)
{
	if (na != nb)
		return false;
	for (uint32_t i = 0; i < na; i++)
		if (!str_eq(a[i], b[i]))
			return false;
	return true;
}

static bool flags_eq(const struct md_flags *a, const struct md_flags *b)
{
	return a->known == b->known && strv_eq(a->unknown, a->n_unknown, b->unknown, b->n_unknown);
}

/* A PV or LV reference of @va and one of @vb name the same object. */
static bool ref_eq(const struct md_vg *va, int32_t pa, int32_t la, const struct md_vg *vb,
		   int32_t pb, int32_t lb)
{
	if ((pa < 0) != (pb < 0) || (la < 0) != (lb < 0))
		return false;
	if (pa >= 0 && strcmp(va->pvs[pa].name, vb->pvs[pb].name))
		return false;
	return la < 0 || !strcmp(va->lvs[la].name, vb->lvs[lb].name);
}

static bool seg_eq(const struct md_vg *va, const struct md_seg *a, const struct md_vg *vb,
		   const struct md_seg *b)
{
	if (a->start_extent != b->start_extent || a->extent_count != b->extent_count ||
	    a->type != b->type || !str_eq(a->type_name, b->type_name) ||
	    !strv_eq(a->tags.v, a->tags.n, b->tags.v, b->tags.n) ||
	    a->stripe_count != b->stripe_count || a->stripe_size != b->stripe_size ||
	    a->device_count != b->device_count || a->legs_as_stripe_count != b->legs_as_stripe_count ||
	    a->region_size != b->region_size || a->writebehind != b->writebehind ||
	    a->min_recovery_rate != b->min_recovery_rate ||
	    a->max_recovery_rate != b->max_recovery_rate || a->has_data_offset != b->has_data_offset ||
	    a->data_offset != b->data_offset || a->extra != b->extra || a->raw != b->raw ||
	    !a->areas != !b->areas || !a->pairs != !b->pairs)
		return false;
	for (uint32_t i = 0; a->areas && i < a->stripe_count; i++)
		if (a->areas[i].start != b->areas[i].start ||
		    !ref_eq(va, a->areas[i].pv, a->areas[i].lv, vb, b->areas[i].pv, b->areas[i].lv))
			return false;
	for (uint32_t i = 0; a->pairs && i < a->device_count; i++)
		if (!ref_eq(va, -1, a->pairs[i].meta, vb, -1, b->pairs[i].meta) ||
		    !ref_eq(va, -1, a->pairs[i].image, vb, -1, b->pairs[i].image))
			return false;
	return true;
}

bool md_lv_same(const struct md_vg *va, const struct md_lv *a, const struct md_vg *vb,
		const struct md_lv *b)
{
	if (!str_eq(a->name, b->name) || strcmp(a->id, b->id) || !flags_eq(&a->status, &b->status) ||
	    !flags_eq(&a->flags, &b->flags) || !strv_eq(a->tags.v, a->tags.n, b->tags.v, b->tags.n) ||
	    a->creation_time != b->creation_time ||
	    a->creation_time_repaired || b->creation_time_repaired ||	/* to be written anew */
	    !str_eq(a->creation_host, b->creation_host) || !str_eq(a->alloc_policy, b->alloc_policy) ||
	    a->has_read_ahead != b->has_read_ahead || a->read_ahead != b->read_ahead ||
	    a->major != b->major || a->minor != b->minor || a->extra != b->extra ||
	    a->n_segs != b->n_segs)
		return false;
	for (uint32_t s = 0; s < a->n_segs; s++)
		if (!seg_eq(va, &a->segs[s], vb, &b->segs[s]))
			return false;
	return true;
}
