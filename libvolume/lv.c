/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Logical volumes: the getters. */
#include "handles.h"
#include "vgobj.h"

VOL_EXPORT const char *vol_lv_name(const struct vol_lv *lv)
{
	return lv->md.name;
}

VOL_EXPORT const char *vol_lv_uuid(const struct vol_lv *lv)
{
	return lv->uuid;
}

VOL_EXPORT uint64_t vol_lv_extent_count(const struct vol_lv *lv)
{
	const struct md_lv *m = &lv->md;

	return m->n_segs ? m->segs[m->n_segs - 1].start_extent + m->segs[m->n_segs - 1].extent_count
			 : 0;
}

VOL_EXPORT uint64_t vol_lv_size(const struct vol_lv *lv)
{
	return vol_lv_extent_count(lv) * lv->vg->md->extent_size * SECTOR;
}

VOL_EXPORT bool vol_lv_is_visible(const struct vol_lv *lv)
{
	return lv->md.status.known & MD_LV_VISIBLE;
}

VOL_EXPORT const char *vol_lv_segtype(const struct vol_lv *lv)
{
	return lv->md.n_segs ? lv->md.segs[0].type_name : "";
}

VOL_EXPORT size_t vol_lv_segment_count(const struct vol_lv *lv)
{
	return lv->md.n_segs;
}
