/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Building and editing the VG model in memory. */
#include <errno.h>
#include <stdio.h>
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

struct md_pv *md_vg_add_pv(struct md_vg *vg)
{
	struct md_pv *pvs = grow(vg->arena, vg->pvs, vg->n_pvs, &vg->cap_pvs, sizeof(*pvs));
	struct md_pv *pv;
	char name[24];

	if (!pvs)
		return NULL;
	vg->pvs = pvs;
	pv = &pvs[vg->n_pvs];
	memset(pv, 0, sizeof(*pv));
	/* The first pvN not taken by another PV section. */
	for (uint32_t k = 0;; k++) {
		bool taken = false;

		snprintf(name, sizeof(name), "pv%u", k);
		for (uint32_t i = 0; i < vg->n_pvs && !taken; i++)
			taken = vg->pvs[i].name && !strcmp(vg->pvs[i].name, name);
		if (!taken)
			break;
	}
	if (!(pv->name = md_arena_strdup(vg->arena, name)))
		return NULL;
	vg->n_pvs++;
	return pv;
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
