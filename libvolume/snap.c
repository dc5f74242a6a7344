/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lvm2's old-style snapshots in the model (snap.h); lvm2's snapshot.c text
 * import reads the same three keys. */
#include <errno.h>
#include <string.h>

#include <stdlib.h>

#include "snap.h"

bool snap_is_seg(const struct md_seg *seg)
{
	return seg->type == MD_SEG_OTHER && seg->type_name && !strcmp(seg->type_name, "snapshot");
}

bool snap_is_snapshot(const struct md_vg *m, uint32_t l)
{
	return l < m->n_lvs && m->lvs[l].n_segs && snap_is_seg(&m->lvs[l].segs[0]);
}

/* The string under @key in the snapshot segment of @snap, or NULL. */
static const char *seg_str(const struct md_vg *m, uint32_t snap, const char *key)
{
	const struct md_cn *c;

	if (!snap_is_snapshot(m, snap) || !m->lvs[snap].segs[0].raw)
		return NULL;
	c = md_cn_find(m->lvs[snap].segs[0].raw->child, key);
	if (!c || c->section || c->array || !c->v || c->v->type != MD_CV_STRING)
		return NULL;
	return c->v->s;
}

int32_t snap_origin(const struct md_vg *m, uint32_t snap)
{
	const char *s = seg_str(m, snap, "origin");

	return s ? md_vg_find_lv(m, s) : -1;
}

int32_t snap_cow(const struct md_vg *m, uint32_t snap)
{
	const char *s = seg_str(m, snap, "cow_store");

	if (!s)
		s = seg_str(m, snap, "merging_store");
	return s ? md_vg_find_lv(m, s) : -1;
}

uint64_t snap_chunk(const struct md_vg *m, uint32_t snap)
{
	const struct md_cn *c;

	if (!snap_is_snapshot(m, snap) || !m->lvs[snap].segs[0].raw)
		return 0;
	c = md_cn_find(m->lvs[snap].segs[0].raw->child, "chunk_size");
	if (!c || c->section || c->array || !c->v || c->v->type != MD_CV_INT || c->v->i <= 0)
		return 0;
	return (uint64_t)c->v->i;
}

int32_t snap_of_cow(const struct md_vg *m, uint32_t cow)
{
	for (uint32_t l = 0; l < m->n_lvs; l++)
		if (snap_is_snapshot(m, l) && snap_cow(m, l) == (int32_t)cow)
			return (int32_t)l;
	return -1;
}

int32_t snap_next(const struct md_vg *m, uint32_t origin, int32_t prev)
{
	for (uint32_t l = (uint32_t)(prev + 1); l < m->n_lvs; l++)
		if (snap_is_snapshot(m, l) && snap_origin(m, l) == (int32_t)origin)
			return (int32_t)l;
	return -1;
}

uint32_t snap_count(const struct md_vg *m, uint32_t origin)
{
	uint32_t n = 0;

	for (int32_t s = snap_next(m, origin, -1); s >= 0; s = snap_next(m, origin, s))
		n++;
	return n;
}

bool *snap_origins(const struct md_vg *m)
{
	bool *o = calloc(m->n_lvs ? m->n_lvs : 1, sizeof(*o));

	for (uint32_t l = 0; o && l < m->n_lvs; l++) {
		int32_t x = snap_is_snapshot(m, l) ? snap_origin(m, l) : -1;

		if (x >= 0)
			o[x] = true;
	}
	return o;
}

bool snap_virtual_origin(const struct md_vg *m, uint32_t origin)
{
	return origin < m->n_lvs && !(m->lvs[origin].status.known & MD_LV_VISIBLE) &&
	       snap_next(m, origin, -1) >= 0;
}

uint32_t snap_stack_origin(const struct md_vg *m, uint32_t l)
{
	int32_t s = snap_is_snapshot(m, l) ? (int32_t)l : snap_of_cow(m, l);
	int32_t o = s >= 0 ? snap_origin(m, (uint32_t)s) : -1;

	return o >= 0 ? (uint32_t)o : l;
}

bool snap_merging(const struct md_vg *m, uint32_t snap)
{
	return seg_str(m, snap, "merging_store") != NULL;
}

bool snap_listed(const struct md_vg *m, uint32_t l)
{
	int32_t s, o;

	if (l >= m->n_lvs || snap_is_snapshot(m, l))
		return false;
	if ((s = snap_of_cow(m, l)) >= 0 && (o = snap_origin(m, (uint32_t)s)) >= 0) {
		if (snap_virtual_origin(m, (uint32_t)o))
			return true;
		return !snap_merging(m, (uint32_t)s) && snap_listed(m, (uint32_t)o);
	}
	return m->lvs[l].status.known & MD_LV_VISIBLE;
}
