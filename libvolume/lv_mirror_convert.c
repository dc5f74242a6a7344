/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvconvert -m N of lvm2's old-style mirrors (mirror.h), reducing only, as
 * lvm2 2.03.16 does it (lib/metadata/mirror.c _remove_mirror_images):
 * images go from the end of the list; with PVs named, the images lying
 * wholly on them go first (from the end) and the balance from the end of
 * the others.  The images left keep their names and order.  One image
 * left makes the LV linear on that image's extents, and the image LV, the
 * disk log and NOTSYNCED go; otherwise the log stays.  The removed LVs go
 * in the same commit, which reloads an active mirror (vol_vg_commit) and
 * removes their devices after the top device is resumed.  Adding images
 * is lvm2's (it allocates and copies them); we refuse it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "handles.h"
#include "lvedit.h"
#include "mirror.h"
#include "vgobj.h"

/* Does image LV @l lie wholly on PVs marked in @on (NULL: any PV)? */
static bool removable(const struct md_vg *m, int32_t l, const bool *on)
{
	const struct md_lv *lv = &m->lvs[l];

	if (!on)
		return true;
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		if (seg->type != MD_SEG_STRIPED)
			return false;
		for (uint32_t a = 0; a < seg->stripe_count; a++)
			if (seg->areas[a].pv < 0 || !on[seg->areas[a].pv])
				return false;
	}
	return true;
}

/*
 * lvm2's _mirrored_lv_in_sync() before the first image goes: the mirror is
 * active and all its regions in sync; a partial mirror may lose it anyway.
 */
static int primary_removable(struct vol_lv *lv, const char *full)
{
	struct vol_mirror_status st;
	int r;

	if (vol_lv_is_partial(lv))
		return 0;
	if ((r = vol_lv_mirror_status(lv, &st)) < 0 && r != -ENODEV)
		return r;
	if (r)
		log_err(lv->vg->ctx, "Unable to determine mirror sync status of %s.", full);
	if (r || st.in_sync != st.regions) {
		log_err(lv->vg->ctx, "Unable to remove primary mirror image while mirror volume "
			"%s is not in-sync.", full);
		return -EINVAL;
	}
	return 0;
}

/* Marks in @drop the @count images lvm2 removes. */
static int pick(struct vol_lv *lv, const struct mseg *ms, uint32_t count, const bool *on,
		bool *drop, const char *full)
{
	const struct md_vg *m = lv->vg->md;
	int r;

	for (uint32_t k = ms->n; count && k-- > 0;)
		if (removable(m, ms->images[k], on)) {
			if (!k && (r = primary_removable(lv, full)))
				return r;
			drop[k] = true;
			count--;
		}
	for (uint32_t k = ms->n; count && k-- > 0;)
		if (!drop[k]) {
			drop[k] = true;
			count--;
		}
	return 0;
}

static int pvs_marked(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, bool **out)
{
	*out = NULL;
	return n ? lv_pv_flags(vg, specs, n, out) : 0;
}

/* The segment's raw section, copied (export sees a new section) with @keep images. */
static int shrink_section(struct vol_vg *vg, struct md_seg *seg, const struct mseg *ms,
			  const bool *drop)
{
	struct md_cn *raw = md_cn_clone(vg->md->arena, seg->raw, false);
	struct md_cn *c;
	struct md_cv **link;
	uint32_t k = 0, kept = 0;

	if (!raw)
		return -ENOMEM;
	for (c = raw->child; c; c = c->next)
		if (!strcmp(c->key, "mirror_count") && c->v && c->v->type == MD_CV_INT)
			c->v->i = 0;	/* set below */
		else if (!strcmp(c->key, "mirrors") && c->array)
			for (link = &c->v, k = 0; *link; k++) {
				if (k < ms->n && drop[k]) {
					*link = (*link)->next->next;	/* the name and its extent */
					continue;
				}
				kept++;
				link = &(*link)->next->next;
			}
	for (c = raw->child; c; c = c->next)
		if (!strcmp(c->key, "mirror_count") && c->v && c->v->type == MD_CV_INT)
			c->v->i = kept;
	seg->raw = raw;
	return 0;
}

static void del_named(struct md_vg *m, const char *id)
{
	for (uint32_t l = 0; l < m->n_lvs; l++)
		if (!strcmp(m->lvs[l].id, id)) {
			md_vg_del_lv(m, l);
			return;
		}
}

/* Edit the model: the images in @drop (and, down to one image, the rest) go. */
static int reduce(struct vol_vg *vg, uint32_t top, const struct mseg *ms, const bool *drop,
		  uint32_t want)
{
	struct md_vg *m = vg->md;
	char ids[MSEG_MAX_IMAGES + 2][MD_UUID_LEN + 1];
	size_t n = 0;
	int r;

	for (uint32_t k = 0; k < ms->n; k++)
		if (drop[k] || want == 1)
			memcpy(ids[n++], m->lvs[ms->images[k]].id, MD_UUID_LEN + 1);
	if (want == 1) {
		uint32_t keep = 0;

		while (drop[keep])
			keep++;
		m->lvs[top].segs = m->lvs[ms->images[keep]].segs;	/* arena memory */
		m->lvs[top].n_segs = m->lvs[ms->images[keep]].n_segs;
		m->lvs[top].status.known &= ~MD_LV_NOTSYNCED;
		if (ms->log >= 0)
			memcpy(ids[n++], m->lvs[ms->log].id, MD_UUID_LEN + 1);
	} else if ((r = shrink_section(vg, &m->lvs[top].segs[0], ms, drop))) {
		return r;
	}
	for (size_t i = 0; i < n; i++)
		del_named(m, ids[i]);
	return 0;
}

VOL_EXPORT int vol_lv_mirror_convert(struct vol_lv *lv, uint32_t images,
				     const struct vol_pv_spec *pvs, size_t n_pvs)
{
	bool drop[MSEG_MAX_IMAGES] = { false }, *on = NULL;
	char full[2 * MD_NAME_LEN];
	struct mseg ms;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	lv_full_name(lv->vg, &lv->md, full, sizeof(full));
	if (!mseg_lv_is_mirror(lv->vg->md, (uint32_t)lv->idx) || lv->md.n_segs != 1 ||
	    (r = mseg_parse(lv->vg->md, &lv->md.segs[0], &ms))) {
		log_err(lv->vg->ctx, "%s is not an old-style mirror LV.", full);
		return -EINVAL;
	}
	if (!images) {
		log_err(lv->vg->ctx, "Unable to reduce images by specified amount - only %u in %s",
			ms.n, lv->md.name);
		return -EINVAL;
	}
	if (images > ms.n) {
		log_err(lv->vg->ctx, "Adding images to old-style mirror %s is not supported (lvm2's "
			"lvconvert -m does it; or convert it with --type raid1 there).", full);
		return -EOPNOTSUPP;
	}
	if (images == ms.n)
		return 0;	/* lvm2 says it converted it, and changes nothing */
	if ((r = pvs_marked(lv->vg, pvs, n_pvs, &on)))
		return r;
	r = pick(lv, &ms, ms.n - images, on, drop, full);
	free(on);
	if (r || (r = reduce(lv->vg, (uint32_t)lv->idx, &ms, drop, images)) ||
	    (r = vg_sync_handles(lv->vg)))
		return r;
	return vol_vg_commit(lv->vg);
}
