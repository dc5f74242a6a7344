/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vgchange -s: a new extent size for a VG that has LVs, as lvm2 2.03.16's
 * vg_set_extent_size() (lib/metadata/vg.c) does it: every extent count and
 * position (PE counts, segment starts and lengths, area starts) is the same
 * number of sectors in new extents, or the change is refused.  Nothing
 * moves on disk, and no table changes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "ctx.h"
#include "display.h"
#include "handles.h"
#include "vgobj.h"

/* lvm2's MIN_NON_POWER2_EXTENT_SIZE: 128 KiB, in sectors. */
#define NON_POWER2_UNIT 256u

struct rescale {
	struct vol_ctx *ctx;
	uint64_t from, to;	/* extent sizes, sectors */
	bool dry;		/* check only */
};

/* *@v extents of @from as extents of @to; lvm2's messages when it cannot be. */
static int recalc(const struct rescale *rs, uint64_t *v, const char *what, const char *part)
{
	uint64_t size = *v * rs->from;

	if (size % rs->to) {
		log_err(rs->ctx, "New size %" PRIu64 " for %s%s not an exact number of new extents.",
			size, what, part);
		return -EINVAL;
	}
	if (size / rs->to > UINT32_MAX) {
		log_err(rs->ctx, "New extent count %" PRIu64 " for %s%s exceeds 32 bits.",
			size / rs->to, what, part);
		return -EOVERFLOW;
	}
	if (!rs->dry)
		*v = size / rs->to;
	return 0;
}

static int rescale_seg(const struct rescale *rs, const struct md_lv *lv, struct md_seg *seg)
{
	int r;

	if (seg->type == MD_SEG_OTHER) {
		log_err(rs->ctx, "Cannot change the extent size of a VG holding LV %s of segment "
			"type %s.", lv->name, seg->type_name);
		return -EOPNOTSUPP;
	}
	if ((r = recalc(rs, &seg->start_extent, lv->name, " segment start")) ||
	    (r = recalc(rs, &seg->extent_count, lv->name, " segment length")))
		return r;
	for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++)
		if ((r = recalc(rs, &seg->areas[a].start, lv->name,
				seg->areas[a].pv >= 0 ? " pvseg start" : " area start")))
			return r;
	return 0;
}

static int rescale_vg(const struct rescale *rs, struct md_vg *m)
{
	int r = 0;

	for (uint32_t p = 0; p < m->n_pvs && !r; p++)
		r = recalc(rs, &m->pvs[p].pe_count, m->pvs[p].device ? m->pvs[p].device : m->pvs[p].name,
			   "");
	for (uint32_t l = 0; l < m->n_lvs && !r; l++)
		for (uint32_t s = 0; s < m->lvs[l].n_segs && !r; s++)
			r = rescale_seg(rs, &m->lvs[l], &m->lvs[l].segs[s]);
	return r;
}

/* lvm2's vg_check_new_extent_size() for the text format. */
static int check_size(struct vol_ctx *ctx, uint64_t es)
{
	char buf[SIZE_STR_LEN];

	if (!es) {
		log_err(ctx, "Physical extent size may not be zero");
		return -EINVAL;
	}
	if ((es & (es - 1)) && es % NON_POWER2_UNIT) {
		log_err(ctx, "Physical Extent size must be a multiple of %s when not a power of 2.",
			size_str((uint64_t)NON_POWER2_UNIT * 512, buf));
		return -EINVAL;
	}
	if (es > UINT32_MAX) {
		log_err(ctx, "Physical extent size cannot be larger than %s.",
			size_str((uint64_t)UINT32_MAX * 512, buf));
		return -EINVAL;
	}
	return 0;
}

VOL_EXPORT int vol_vg_set_extent_size(struct vol_vg *vg, uint64_t bytes)
{
	uint64_t sectors = bytes / SECTOR;
	struct md_vg *m = vg->md;
	struct rescale rs = { vg->ctx, m->extent_size, sectors, true };
	uint64_t total = 0;
	int r = need_write(vg);

	if (r)
		return r;
	if (!(m->status.known & MD_VG_RESIZEABLE)) {
		log_err(vg->ctx, "Volume group \"%s\" must be resizeable to change PE size", m->name);
		return -EPERM;
	}
	if (bytes % SECTOR) {
		log_err(vg->ctx, "Physical extent size must be a multiple of 512 bytes.");
		return -EINVAL;
	}
	if (sectors == m->extent_size)
		return 0;
	if ((r = check_size(vg->ctx, sectors)))
		return r;
	for (uint32_t p = 0; p < m->n_pvs; p++)
		total += m->pvs[p].pe_count * m->extent_size;
	if (sectors > m->extent_size && total % sectors) {
		log_err(vg->ctx, "New extent size is not a perfect fit");
		return -EINVAL;
	}
	if ((r = rescale_vg(&rs, m)))	/* everything checked before anything changes */
		return r;
	rs.dry = false;
	rescale_vg(&rs, m);
	m->extent_size = sectors;
	return vg_sync_handles(vg);
}
