/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Stable PV and LV handles.  After every change the handles are matched
 * to the model by UUID: an object keeps its handle for as long as it
 * exists, a new object gets a new one, and the handle of an object that
 * left is kept (detached, idx -1) until its owner is freed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctx.h"
#include "handles.h"
#include "hash.h"
#include "snap.h"
#include "table.h"
#include "vgobj.h"

struct orphan_set {
	struct handle_set h;
	unsigned long gen;	/* the scan the handles were matched to */
};

typedef const char *key_fn(const void *handle);

static const char *pv_key(const void *h)
{
	const struct vol_pv *pv = h;

	return pv->vg ? pv->md.id : pv->dev.label.uuid;
}

static const char *lv_key(const void *h)
{
	return ((const struct vol_lv *)h)->md.id;
}

/*
 * Reorders @set to follow @keys (n of them): a handle whose key is in @keys
 * moves to that position, positions without one are left NULL for the
 * caller to fill, and every other handle is detached and kept as dead.
 */
static int match_handles(struct handle_set *set, const char *const *keys, size_t n, key_fn *key,
			 void (*detach)(void *))
{
	void **v = calloc(n ? n : 1, sizeof(*v));
	void **dead;
	struct md_hmap map;
	size_t same = 0;

	/* Usually every handle keeps its place (objects were added at the end,
	 * or nothing moved): no map then. */
	while (v && same < set->n && same < n && !strcmp(key(set->v[same]), keys[same])) {
		v[same] = set->v[same];
		same++;
	}
	if (v && same == set->n) {
		free(set->v);
		set->v = v;
		set->n = n;
		return 0;
	}
	dead = realloc(set->dead, (set->n_dead + set->n + 1) * sizeof(*dead));
	if (v)
		memset(v, 0, (n ? n : 1) * sizeof(*v));

	if (dead)
		set->dead = dead;
	if (!v || !dead || md_hmap_init(&map, (uint32_t)(n ? n : 1))) {
		free(v);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		md_hmap_put(&map, keys[i], (int32_t)i);
	for (size_t i = 0; i < set->n; i++) {
		int32_t at = md_hmap_get(&map, key(set->v[i]));

		if (at >= 0 && !v[at]) {
			v[at] = set->v[i];
		} else {
			detach(set->v[i]);
			set->dead[set->n_dead++] = set->v[i];
		}
	}
	md_hmap_free(&map);
	free(set->v);
	set->v = v;
	set->n = n;
	return 0;
}

static bool in_block(const struct handle_set *set, const void *h)
{
	for (size_t b = 0; b < set->n_blocks; b++)
		if ((const char *)h >= set->blocks[b].p &&
		    (const char *)h < set->blocks[b].p + set->blocks[b].bytes)
			return true;
	return false;
}

/* @release frees what a handle holds, not the handle itself. */
static void free_set(struct handle_set *set, void (*release)(void *))
{
	for (size_t i = 0; i < set->n + set->n_dead; i++) {
		void *h = i < set->n ? set->v[i] : set->dead[i - set->n];

		if (!h)
			continue;
		release(h);
		if (!in_block(set, h))
			free(h);
	}
	for (size_t b = 0; b < set->n_blocks; b++)
		free(set->blocks[b].p);
	free(set->blocks);
	free(set->v);
	free(set->dead);
	memset(set, 0, sizeof(*set));
}

static void pv_detach(void *h)
{
	((struct vol_pv *)h)->idx = -1;
}

static void lv_detach(void *h)
{
	((struct vol_lv *)h)->idx = -1;
}

static void pv_release(void *h)
{
	pvdev_free(&((struct vol_pv *)h)->dev);
}

static void pv_fill_handle(struct vol_pv *h)
{
	md_uuid_format(h->vg ? h->md.id : h->dev.label.uuid, h->uuid);
	h->attr[0] = h->state == PVS_DUPLICATE ? 'd' : vol_pv_is_allocatable(h) ? 'a'
		     : vol_pv_is_in_use(h) ? 'u' : '-';
	h->attr[1] = vol_pv_is_exported(h) ? 'x' : '-';
	h->attr[2] = vol_pv_is_missing(h) ? 'm' : '-';
	h->attr[3] = '\0';
}

/* Fills handle @h from a device's headers (or marks it missing).  A device
 * seen but kept out of the VG (@present false: a PV the VG was changed
 * without) still names the PV. */
static int pv_set_dev(struct vol_pv *h, const struct pvdev *d, bool present)
{
	pvdev_free(&h->dev);
	h->has_dev = d && present;
	if (!d || !d->path)
		return 0;
	pvdev_copy(&h->dev, d);
	return h->dev.path ? 0 : -ENOMEM;
}

/* Makes sure every position of @set has a handle of @size bytes: the
 * missing ones in one block, each made ready by @init. */
static int fill_new(struct handle_set *set, size_t size, void (*init)(void *h))
{
	struct handle_block *bl;
	size_t k = 0;
	char *p;

	for (size_t i = 0; i < set->n; i++)
		k += !set->v[i];
	if (!k)
		return 0;
	bl = realloc(set->blocks, (set->n_blocks + 1) * sizeof(*bl));
	if (!bl)
		return -ENOMEM;
	set->blocks = bl;
	if (k > SIZE_MAX / size || !(p = malloc(k * size)))
		return -ENOMEM;
	set->blocks[set->n_blocks++] = (struct handle_block){ p, k * size };
	for (size_t i = 0; i < set->n; i++)
		if (!set->v[i]) {
			init(p);
			set->v[i] = p;
			p += size;
		}
	return 0;
}

static void pv_init(void *h)
{
	memset(h, 0, sizeof(struct vol_pv));
}

/* An LV handle's own fields; the caller sets vg, idx and md right after
 * (not zeroed as a whole: a big VG's handles take a while to clear). */
static void lv_init(void *h)
{
	struct vol_lv *lv = h;

	lv->named = false;
	lv->uuid[0] = '\0';
	lv->path = lv->dm_path = NULL;
	lv->first_nosync = false;
}

static int sync_pvs(struct vol_vg *vg)
{
	uint32_t n = vg->md->n_pvs;
	const char **keys = calloc(n + 1, sizeof(*keys));
	int r = -ENOMEM;

	if (!keys)
		return r;
	for (uint32_t i = 0; i < n; i++)
		keys[i] = vg->md->pvs[i].id;
	if ((r = match_handles(&vg->pvh, keys, n, pv_key, pv_detach)) ||
	    (r = fill_new(&vg->pvh, sizeof(struct vol_pv), pv_init)))
		goto out;
	for (uint32_t i = 0; i < n && !r; i++) {
		struct vol_pv *h = vg->pvh.v[i];

		h->ctx = vg->ctx;
		h->vg = vg;
		h->idx = (int32_t)i;
		h->state = PVS_MEMBER;
		h->md = vg->md->pvs[i];
		r = pv_set_dev(h, &vg->slots[i].d, vg->slots[i].present);
		pv_fill_handle(h);
	}
out:
	free(keys);
	return r;
}

struct vol_lv *lv_names(const struct vol_lv *lv)
{
	struct vol_lv *h = (struct vol_lv *)(uintptr_t)lv;	/* a cache, filled once */
	const char *vg = h->vg->md->name;

	char path[300];

	if (h->named)
		return h;
	md_uuid_format(h->md.id, h->uuid);
	free(h->path);
	free(h->dm_path);
	path[0] = '\0';
	if (lv_listed(h) && dmt_lv_path(vg, h->md.name, path, sizeof(path)))
		path[0] = '\0';
	h->path = strdup(path);
	if (dmt_mapper_path(vg, h->md.name, path, sizeof(path)))
		path[0] = '\0';
	h->dm_path = strdup(path);
	/* out of memory: "" until the next ask */
	h->named = h->path && h->dm_path;
	return h;
}

static int sync_lvs(struct vol_vg *vg)
{
	uint32_t n = vg->md->n_lvs;
	const char **keys = calloc(n + 1, sizeof(*keys));
	int r = -ENOMEM;

	if (!keys)
		return r;
	for (uint32_t i = 0; i < n; i++)
		keys[i] = vg->md->lvs[i].id;
	if (!(r = match_handles(&vg->lvh, keys, n, lv_key, lv_detach)) &&
	    !(r = fill_new(&vg->lvh, sizeof(struct vol_lv), lv_init)))
		for (uint32_t i = 0; i < n; i++) {
			struct vol_lv *h = vg->lvh.v[i];

			h->vg = vg;
			h->idx = (int32_t)i;
			h->md = vg->md->lvs[i];
			h->named = false;
		}
	free(keys);
	return r;
}


static void vg_fill_attr(struct vol_vg *vg)
{
	const struct md_vg *m = vg->md;
	const char *pol = m->alloc_policy ? m->alloc_policy : "normal";
	char *a = vg->attr;

	a[0] = (m->status.known & MD_VG_WRITE) && !m->read_only ? 'w' : 'r';
	a[1] = m->status.known & MD_VG_RESIZEABLE ? 'z' : '-';
	a[2] = m->status.known & MD_VG_EXPORTED ? 'x' : '-';
	a[3] = vol_vg_missing_pv_count(vg) ? 'p' : '-';
	a[4] = !strcmp(pol, "cling") ? 'l' : pol[0];	/* c, l, n, a, i */
	a[5] = m->status.known & MD_VG_CLUSTERED ? 'c' : m->status.known & MD_VG_SHARED ? 's' : '-';
	a[6] = '\0';
}

int vg_sync_handles(struct vol_vg *vg)
{
	int r = sync_pvs(vg);

	if (!r)
		r = sync_lvs(vg);
	md_uuid_format(vg->md->id, vg->uuid);
	vg_fill_attr(vg);
	return r;
}

static void lv_release(void *h)
{
	struct vol_lv *lv = h;

	free(lv->path);
	free(lv->dm_path);
}

void vg_free_handles(struct vol_vg *vg)
{
	free_set(&vg->pvh, pv_release);
	free_set(&vg->lvh, lv_release);
}

/* ---------------------------------------------------------------- orphans */

int orphans_sync(struct vol_ctx *ctx)
{
	struct orphan_set *set = ctx->orphans;
	const char **keys;
	const struct sdev **devs;
	size_t n = 0;
	int r = -ENOMEM;

	if (set && set->gen == ctx->scan_gen)
		return 0;
	if (!set && !(set = ctx->orphans = calloc(1, sizeof(*set))))
		return -ENOMEM;
	keys = calloc(ctx->scan->n_devs + 1, sizeof(*keys));
	devs = calloc(ctx->scan->n_devs + 1, sizeof(*devs));
	if (!keys || !devs)
		goto out;
	for (size_t i = 0; scan_dev(ctx, i); i++) {
		const struct sdev *s = scan_dev(ctx, i);

		if (s->state == PVS_FREE || s->state == PVS_UNREADABLE || s->state == PVS_DUPLICATE) {
			devs[n] = s;
			keys[n++] = s->d.label.uuid;
		}
	}
	if ((r = match_handles(&set->h, keys, n, pv_key, pv_detach)) ||
	    (r = fill_new(&set->h, sizeof(struct vol_pv), pv_init)))
		goto out;
	for (size_t i = 0; i < n && !r; i++) {
		struct vol_pv *h = set->h.v[i];

		h->ctx = ctx;
		h->idx = (int32_t)i;
		h->state = devs[i]->state;
		snprintf(h->other_vg, sizeof(h->other_vg), "%s",
			 devs[i]->other_vg ? devs[i]->other_vg->name : "");
		r = pv_set_dev(h, &devs[i]->d, true);
		pv_fill_handle(h);
		if (h->state == PVS_UNREADABLE)
			pv_warn_in_use(ctx, devs[i]);
	}
	set->gen = ctx->scan_gen;
out:
	free(keys);
	free(devs);
	return r;
}

void orphans_free(struct vol_ctx *ctx)
{
	if (!ctx->orphans)
		return;
	free_set(&ctx->orphans->h, pv_release);
	free(ctx->orphans);
	ctx->orphans = NULL;
}

VOL_EXPORT int vol_orphan_count(struct vol_ctx *ctx, size_t *n)
{
	int r = scan_run(ctx);

	*n = 0;
	if (!r)
		r = orphans_sync(ctx);
	if (!r)
		*n = ctx->orphans->h.n;
	return r;
}

VOL_EXPORT struct vol_pv *vol_orphan_pv(struct vol_ctx *ctx, size_t i)
{
	return ctx->orphans && i < ctx->orphans->h.n ? ctx->orphans->h.v[i] : NULL;
}

/* ---------------------------------------------------------------- VG lists */

VOL_EXPORT size_t vol_vg_pv_count(const struct vol_vg *vg)
{
	return vg->pvh.n;
}

VOL_EXPORT struct vol_pv *vol_vg_pv(struct vol_vg *vg, size_t i)
{
	return i < vg->pvh.n ? vg->pvh.v[i] : NULL;
}

VOL_EXPORT struct vol_pv *vol_vg_pv_by_name(struct vol_vg *vg, const char *name)
{
	char raw[MD_UUID_LEN + 1];
	struct stat st;
	bool is_dev = !stat(name, &st) && S_ISBLK(st.st_mode);
	bool is_uuid = !md_uuid_parse(name, raw);

	for (size_t i = 0; i < vg->pvh.n; i++) {
		const struct vol_pv *h = vg->pvh.v[i];

		if ((is_uuid && !strcmp(h->md.id, raw)) || (h->has_dev && !strcmp(h->dev.path, name)) ||
		    (is_dev && h->has_dev && h->dev.devno == st.st_rdev))
			return vg->pvh.v[i];
	}
	return NULL;
}

bool lv_listed(const struct vol_lv *h)
{
	if (h->idx < 0 || (uint32_t)h->idx >= h->vg->md->n_lvs)
		return h->md.status.known & MD_LV_VISIBLE;
	return snap_listed(h->vg->md, (uint32_t)h->idx);
}

VOL_EXPORT size_t vol_vg_lv_count(const struct vol_vg *vg)
{
	size_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_lvs; i++)
		n += snap_listed(vg->md, i);
	return n;
}

VOL_EXPORT struct vol_lv *vol_vg_next_lv(struct vol_vg *vg, const struct vol_lv *prev,
					 unsigned flags)
{
	size_t i = prev ? (size_t)prev->idx + 1 : 0;

	if (prev && (prev->vg != vg || prev->idx < 0))
		return NULL;
	for (; i < vg->lvh.n; i++) {
		struct vol_lv *h = vg->lvh.v[i];

		if ((flags & VOL_LV_ALL) || lv_listed(h))
			return h;
	}
	return NULL;
}

VOL_EXPORT struct vol_lv *vol_vg_lv_by_name(struct vol_vg *vg, const char *name)
{
	int32_t i = md_vg_find_lv(vg->md, name);

	return i >= 0 && (size_t)i < vg->lvh.n ? vg->lvh.v[i] : NULL;
}
