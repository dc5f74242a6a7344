/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Semantic checks on a VG model, run on every import and before every
 * export of a changed VG: names, unique ids, references, segments that tile
 * their LV from extent 0, areas inside their PV, and no extent used twice.
 * LV names and tags are checked only before a write, as lvm2 does (its
 * reader lists an LV of any name and keeps any tag).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

struct use {
	uint32_t pv;
	uint64_t start, len;
	uint32_t lv;
};

static int cmp_use(const void *x, const void *y)
{
	const struct use *a = x, *b = y;

	if (a->pv != b->pv)
		return a->pv < b->pv ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return 0;
}

static int check_pvs(const struct md_vg *vg, struct md_err *err)
{
	struct md_hmap ids;
	int r = md_hmap_init(&ids, vg->n_pvs);

	if (r)
		return r;
	for (uint32_t i = 0; i < vg->n_pvs && !r; i++) {
		const struct md_pv *pv = &vg->pvs[i];

		if (md_hmap_put(&ids, pv->id, (int32_t)i) >= 0) {
			md_err_set(err, 0, "duplicate PV id", "physical volume %s", pv->name);
			r = -EINVAL;
		} else if (pv->pe_count && pv->dev_size &&
			   (pv->pe_start > pv->dev_size ||
			    pv->pe_count * vg->extent_size > pv->dev_size - pv->pe_start)) {
			md_err_set(err, 0, "pe_count extends past dev_size", "physical volume %s",
				   pv->name);
			r = -EINVAL;
		}
	}
	md_hmap_free(&ids);
	return r;
}

static int check_tags(const struct md_strv *tags, const char *kind, const char *name,
		      struct md_err *err)
{
	const char *why;

	for (uint32_t i = 0; i < tags->n; i++)
		if (md_tag_check(tags->v[i], &why)) {
			md_err_set(err, 0, why, "tag \"%.40s\" of %s %.40s", tags->v[i], kind,
				   name);
			return -EINVAL;
		}
	return 0;
}

/* What lvm2's vg_validate refuses to write: an LV's name ("vg/lv" < 127 too), its tags. */
static int check_lv_write(const struct md_vg *vg, const struct md_lv *lv, struct md_err *err)
{
	const char *why;

	if (md_name_check(lv->name, &why)) {
		md_err_set(err, 0, why, "LV name \"%.64s\"", lv->name);
		return -EINVAL;
	}
	if (strlen(vg->name) + strlen(lv->name) + 3 >= MD_NAME_LEN) {
		md_err_set(err, 0, "VG and LV names are longer than 124 characters together",
			   "LV %.40s/%.40s", vg->name, lv->name);
		return -EINVAL;
	}
	return check_tags(&lv->tags, "LV", lv->name, err);
}

static int check_lv(const struct md_vg *vg, const struct md_lv *lv, bool write,
		    struct md_err *err)
{
	const struct md_segtype_ops *st;
	uint64_t next = 0;
	int r;

	if (write && (r = check_lv_write(vg, lv, err)))
		return r;
	if (!lv->n_segs) {
		md_err_set(err, 0, "LV has no segments", "LV %s", lv->name);
		return -EINVAL;
	}
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		if (seg->start_extent != next) {
			md_err_set(err, 0, "segments do not tile the LV from extent 0", "LV %s",
				   lv->name);
			return -EINVAL;
		}
		if (!seg->extent_count) {
			md_err_set(err, 0, "segment has no extents", "LV %s", lv->name);
			return -EINVAL;
		}
		next = seg->start_extent + seg->extent_count;
		st = md_segtype_of(seg);
		if (st->validate && (r = st->validate(vg, lv, seg, err)))
			return r;
	}
	return 0;
}

/*
 * Every exact PV area of @vg into @u (when not NULL); returns how many.
 * Areas of unknown types are only bounds (whole_segment): not checked.
 */
static size_t pv_uses(const struct md_vg *vg, struct use *u)
{
	size_t n = 0;

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_pv_area_iter it;
			struct md_pv_area a;

			md_seg_for_each_pv_area(&vg->lvs[l].segs[s], &it, &a) {
				if (a.whole_segment)
					continue;
				if (u)
					u[n] = (struct use){ a.pv, a.start, a.len, l };
				n++;
			}
		}
	return n;
}

/*
 * LVs are usually listed in allocation order, and an edit moves few areas
 * out of it (an extension at the end of a PV): a nearly sorted list is
 * sorted by insertion, in about one pass; any other by qsort.
 */
static void sort_uses(struct use *u, size_t n)
{
	size_t descents = 0;

	for (size_t i = 1; i < n; i++)
		descents += cmp_use(&u[i - 1], &u[i]) > 0;
	if (!descents)
		return;
	if (descents > 32) {
		qsort(u, n, sizeof(*u), cmp_use);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct use x = u[i];
		size_t j = i;

		for (; j && cmp_use(&u[j - 1], &x) > 0; j--)
			u[j] = u[j - 1];
		u[j] = x;
	}
}

static int check_overlap(const struct md_vg *vg, struct md_err *err)
{
	size_t n = 0, cap = 0;
	bool striped = true;
	struct use *u;
	int r = 0;

	/* striped segments have an area per stripe at most: no counting pass for them */
	for (uint32_t l = 0; l < vg->n_lvs && striped; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs && striped; s++) {
			striped = vg->lvs[l].segs[s].type == MD_SEG_STRIPED;
			cap += vg->lvs[l].segs[s].stripe_count;
		}
	if (!striped)
		cap = pv_uses(vg, NULL);
	if (!cap)
		return 0;
	if (!(u = malloc(cap * sizeof(*u))))
		return -ENOMEM;
	n = pv_uses(vg, u);
	sort_uses(u, n);
	for (size_t i = 1; i < n; i++)
		if (u[i].pv == u[i - 1].pv && u[i - 1].start + u[i - 1].len > u[i].start) {
			md_err_set(err, 0, "extents used twice", "PV %s, LVs %s and %s",
				   vg->pvs[u[i].pv].name, vg->lvs[u[i - 1].lv].name,
				   vg->lvs[u[i].lv].name);
			r = -EINVAL;
			break;
		}
	free(u);
	return r;
}

/* The VG's own keys; before a write, its tags and its PVs' tags too. */
static int check_vg(const struct md_vg *vg, bool write, struct md_err *err)
{
	const char *why;
	int r;

	if (md_name_check(vg->name, &why)) {
		md_err_set(err, 0, why, "VG name \"%.64s\"", vg->name);
		return -EINVAL;
	}
	if (!vg->extent_size) {
		md_err_set(err, 0, "extent_size is zero", "VG %s", vg->name);
		return -EINVAL;
	}
	if (!write)
		return 0;
	if ((r = check_tags(&vg->tags, "VG", vg->name, err)))
		return r;
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		if ((r = check_tags(&vg->pvs[i].tags, "PV", vg->pvs[i].name, err)))
			return r;
	return 0;
}

/* @names_unique: the importer refused duplicate LV names already. */
static int validate(const struct md_vg *vg, bool write, bool names_unique, struct md_err *err)
{
	struct md_hmap names = { 0 }, ids;
	int r;

	if ((r = check_vg(vg, write, err)) || (r = check_pvs(vg, err)))
		return r;
	if (!names_unique && (r = md_hmap_init(&names, vg->n_lvs)))
		return r;
	if ((r = md_hmap_init(&ids, vg->n_lvs))) {
		md_hmap_free(&names);
		return r;
	}
	for (uint32_t i = 0; i < vg->n_lvs && !r; i++) {
		const struct md_lv *lv = &vg->lvs[i];

		if (!names_unique && md_hmap_put(&names, lv->name, (int32_t)i) >= 0) {
			md_err_set(err, 0, "duplicate LV name", "LV %s", lv->name);
			r = -EINVAL;
		} else if (md_hmap_put(&ids, lv->id, (int32_t)i) >= 0) {
			md_err_set(err, 0, "duplicate LV id", "LV %s", lv->name);
			r = -EINVAL;
		} else {
			r = check_lv(vg, lv, write, err);
		}
	}
	md_hmap_free(&names);
	md_hmap_free(&ids);
	return r ? r : check_overlap(vg, err);
}

int md_vg_validate(const struct md_vg *vg, struct md_err *err)
{
	return validate(vg, true, false, err);
}

int md_vg_validate_imported(const struct md_vg *vg, struct md_err *err)
{
	return validate(vg, false, true, err);
}

int md_vg_validate_read(const struct md_vg *vg, struct md_err *err)
{
	return validate(vg, false, false, err);
}
