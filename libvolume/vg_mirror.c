/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vgreduce --removemissing --force on lvm2's old-style mirrors (segment type
 * "mirror": a top LV whose one segment lists its images, the _mimage_N
 * sub-LVs, and names its disk log, the _mlog sub-LV).  When images lie on
 * missing PVs, lvm2 keeps what survives: with one image left the LV becomes
 * linear on it, and the lost images and the log go; with none left the
 * whole mirror goes.  We do the same, in the metadata only (we never map
 * these LVs).  A mirror that would keep two images or more, or that lost
 * only its log, lvm2 keeps as a smaller mirror or one with a core log:
 * those are refused here, nothing changed.
 */
#include <errno.h>
#include <string.h>

#include "ctx.h"
#include "vgobj.h"

#define MAX_IMAGES 8

struct mirror {
	uint32_t lv;
	const char *images[MAX_IMAGES];	/* names: indices move as LVs go */
	uint32_t n;
	const char *log;		/* NULL: core log */
};

/* @l as an old-style mirror: its images and log, all present; else false. */
static bool mirror_of(const struct md_vg *m, uint32_t l, struct mirror *mi)
{
	const struct md_lv *lv = &m->lvs[l];
	const struct md_cn *c;

	if (lv->n_segs != 1 || lv->segs[0].type != MD_SEG_OTHER || !lv->segs[0].raw ||
	    strcmp(lv->segs[0].type_name, "mirror"))
		return false;
	mi->lv = l;
	mi->n = 0;
	mi->log = NULL;
	c = md_cn_find(lv->segs[0].raw->child, "mirrors");
	for (const struct md_cv *v = c && c->array ? c->v : NULL; v; v = v->next->next) {
		/* pairs: image name, its first extent (0 in every mirror lvm2 makes) */
		if (v->type != MD_CV_STRING || !v->next || v->next->type != MD_CV_INT ||
		    v->next->i || mi->n == MAX_IMAGES || md_vg_find_lv(m, v->s) < 0)
			return false;
		mi->images[mi->n++] = v->s;
	}
	c = md_cn_find(lv->segs[0].raw->child, "mirror_log");
	if (c && c->v && (c->v->type != MD_CV_STRING || md_vg_find_lv(m, c->v->s) < 0))
		return false;
	mi->log = c && c->v ? c->v->s : NULL;
	return mi->n > 0;
}

/* Does LV @name have extents on a missing PV of @vg? */
static bool lost(const struct vol_vg *vg, const char *name)
{
	int32_t l = md_vg_find_lv(vg->md, name);

	for (uint32_t p = 0; l >= 0 && p < vg->md->n_pvs; p++)
		if (!vg->slots[p].present && md_lv_uses_pv(vg->md, (uint32_t)l, p))
			return true;
	return false;
}

static void drop(struct vol_vg *vg, const char *name)
{
	int32_t l = md_vg_find_lv(vg->md, name);

	if (l >= 0)
		md_vg_del_lv(vg->md, (uint32_t)l);
}

/* One mirror: -ENOTSUP (nothing changed) when lvm2 would keep a mirror. */
static int repair(struct vol_vg *vg, const struct mirror *mi)
{
	struct md_lv *lv = &vg->md->lvs[mi->lv];
	const char *name = lv->name, *keep = NULL;
	uint32_t left = 0;

	for (uint32_t i = 0; i < mi->n; i++)
		if (!lost(vg, mi->images[i]))
			left++, keep = keep ? keep : mi->images[i];
	if (left == mi->n && !(mi->log && lost(vg, mi->log)))
		return 0;	/* untouched by the missing PVs */
	if (left > 1 || left == mi->n) {
		log_err(vg->ctx, "Mirror LV %s/%s would stay a mirror (%u of %u images left%s): "
			"not supported; use lvm2's vgreduce --removemissing.", vg->md->name, name,
			left, mi->n, left == mi->n ? ", its log lost" : "");
		return -ENOTSUP;
	}
	if (left == 1) {
		const struct md_lv *img = &vg->md->lvs[md_vg_find_lv(vg->md, keep)];

		lv->segs = img->segs;	/* arena memory: stays valid as LVs go */
		lv->n_segs = img->n_segs;
		log_info(vg->ctx, "Mirror LV %s/%s converted to linear on its image %s.",
			 vg->md->name, name, keep);
	} else {
		log_info(vg->ctx, "Logical volume \"%s\" using missing PV removed.", name);
	}
	for (uint32_t i = 0; i < mi->n; i++)
		drop(vg, mi->images[i]);
	if (mi->log)
		drop(vg, mi->log);
	if (!left)
		drop(vg, name);
	return 0;
}

int vg_repair_mirrors(struct vol_vg *vg)
{
	struct mirror mi;
	int r;

	/* Two passes: refuse before changing anything. */
	for (uint32_t l = 0; l < vg->md->n_lvs; l++)
		if (mirror_of(vg->md, l, &mi)) {
			uint32_t left = 0;

			for (uint32_t i = 0; i < mi.n; i++)
				left += !lost(vg, mi.images[i]);
			if (left > 1 && (left < mi.n || (mi.log && lost(vg, mi.log))))
				return repair(vg, &mi);
		}
	for (uint32_t l = 0; l < vg->md->n_lvs;) {
		if (!mirror_of(vg->md, l, &mi)) {
			l++;
			continue;
		}
		uint32_t n = vg->md->n_lvs;

		if ((r = repair(vg, &mi)))
			return r;
		if (vg->md->n_lvs == n)
			l++;
		else
			l = 0;	/* LVs went: look again from the start */
	}
	return 0;
}
