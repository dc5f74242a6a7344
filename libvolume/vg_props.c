/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A VG's simple properties: names, tags, limits, policy; and its getters. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "lock.h"
#include "pvinit.h"
#include "vgobj.h"

static const char *const alloc_names[] = {
	[VOL_ALLOC_INHERIT] = "inherit", [VOL_ALLOC_CONTIGUOUS] = "contiguous",
	[VOL_ALLOC_CLING] = "cling", [VOL_ALLOC_NORMAL] = "normal",
	[VOL_ALLOC_ANYWHERE] = "anywhere", [VOL_ALLOC_CLING_BY_TAGS] = "cling_by_tags",
};

VOL_EXPORT const char *vol_alloc_name(enum vol_alloc a)
{
	return (unsigned)a < ARRAY_SIZE(alloc_names) ? alloc_names[a] : "?";
}

VOL_EXPORT int vol_alloc_parse(const char *s, enum vol_alloc *out)
{
	for (unsigned i = 0; i < ARRAY_SIZE(alloc_names); i++)
		if (!strcmp(s, alloc_names[i])) {
			*out = (enum vol_alloc)i;
			return 0;
		}
	return -EINVAL;
}

VOL_EXPORT int vol_name_check(const char *name, const char **why)
{
	const char *dummy;

	return md_name_check(name, why ? why : &dummy);
}

/* ---------------------------------------------------------------- simple edits */

VOL_EXPORT int vol_vg_rename(struct vol_vg *vg, const char *new_name)
{
	struct vol_ctx *ctx = vg->ctx;
	struct svg *g;
	int r;

	if ((r = need_write(vg)) || (r = check_new_vg_name(ctx, new_name)))
		return r;
	if (!strcmp(new_name, vg->md->name)) {
		log_err(ctx, "New volume group name \"%s\" is the same as the old one.", new_name);
		return -EINVAL;
	}
	if (scan_find_vg(ctx, new_name, &g) != -ENOENT) {
		log_err(ctx, "New volume group \"%s\" already exists.", new_name);
		return -EEXIST;
	}
	if ((r = lock_get(ctx, new_name, VLOCK_WRITE, false)))
		return r;
	/* Both names stay locked until the commit (or the close). */
	if (!vg->old_name) {
		if (!(vg->old_name = strdup(vg->md->name))) {
			lock_put(ctx, new_name);
			return -ENOMEM;
		}
		vg->old_locked = vg->locked;
	} else if (vg->locked) {
		lock_put(ctx, vg->lock_name);
	}
	free(vg->lock_name);
	vg->lock_name = strdup(new_name);
	vg->locked = true;
	if (!vg->lock_name || !(vg->md->name = md_arena_strdup(vg->arena, new_name)))
		return -ENOMEM;
	return 0;
}

static int tag_edit(struct vol_vg *vg, const char *tag, bool add)
{
	const char *why;
	int r;

	if ((r = need_write(vg)))
		return r;
	if (md_tag_check(tag, &why)) {
		log_err(vg->ctx, "Invalid tag \"%s\": %s.", tag, why);
		return -EINVAL;
	}
	if (add)
		return md_strv_add(vg->arena, &vg->md->tags, tag);
	if (!md_strv_del(&vg->md->tags, tag))
		log_verbose(vg->ctx, "Tag %s not found on volume group %s.", tag, vg->md->name);
	return 0;
}

VOL_EXPORT int vol_vg_add_tag(struct vol_vg *vg, const char *tag)
{
	return tag_edit(vg, tag, true);
}

VOL_EXPORT int vol_vg_del_tag(struct vol_vg *vg, const char *tag)
{
	return tag_edit(vg, tag, false);
}

VOL_EXPORT int vol_vg_set_max_lv(struct vol_vg *vg, uint32_t max_lv)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (max_lv && max_lv < vol_vg_lv_count(vg)) {
		log_err(vg->ctx, "MaxLogicalVolume is less than the current number %zu of LVs for %s.",
			vol_vg_lv_count(vg), vg->md->name);
		return -EINVAL;
	}
	vg->md->max_lv = max_lv;
	return 0;
}

VOL_EXPORT int vol_vg_set_max_pv(struct vol_vg *vg, uint32_t max_pv)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (max_pv && max_pv < vg->md->n_pvs) {
		log_err(vg->ctx, "MaxPhysicalVolumes is less than the current number %" PRIu32 " of PVs for %s.",
			vg->md->n_pvs, vg->md->name);
		return -EINVAL;
	}
	vg->md->max_pv = max_pv;
	return 0;
}

VOL_EXPORT int vol_vg_set_alloc(struct vol_vg *vg, enum vol_alloc alloc)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (alloc == VOL_ALLOC_INHERIT) {
		log_err(vg->ctx, "Volume Group allocation policy cannot inherit from anything");
		return -EINVAL;
	}
	vg->md->alloc_policy = alloc == VOL_ALLOC_NORMAL ? NULL
				: md_arena_strdup(vg->arena, vol_alloc_name(alloc));
	return 0;
}

VOL_EXPORT int vol_vg_set_resizeable(struct vol_vg *vg, bool on)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (on)
		vg->md->status.known |= MD_VG_RESIZEABLE;
	else
		vg->md->status.known &= ~(uint32_t)MD_VG_RESIZEABLE;
	return 0;
}

VOL_EXPORT int vol_vg_new_uuid(struct vol_vg *vg)
{
	int r = need_write(vg);

	if (r)
		return r;
	gen_uuid(vg->md->id);
	return vg_sync_handles(vg);
}

/* ---------------------------------------------------------------- getters */

VOL_EXPORT const char *vol_vg_name(const struct vol_vg *vg)
{
	return vg->md->name;
}

VOL_EXPORT const char *vol_vg_uuid(const struct vol_vg *vg)
{
	return vg->uuid;
}

VOL_EXPORT uint32_t vol_vg_seqno(const struct vol_vg *vg)
{
	return vg->md->seqno;
}

VOL_EXPORT uint64_t vol_vg_extent_size(const struct vol_vg *vg)
{
	return vg->md->extent_size * SECTOR;
}

VOL_EXPORT uint64_t vol_vg_extent_count(const struct vol_vg *vg)
{
	uint64_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vg->md->pvs[i].pe_count;
	return n;
}

VOL_EXPORT uint64_t vol_vg_free_count(const struct vol_vg *vg)
{
	return md_vg_free_extents(vg->md);
}

VOL_EXPORT uint64_t vol_vg_size(const struct vol_vg *vg)
{
	return vol_vg_extent_count(vg) * vol_vg_extent_size(vg);
}

VOL_EXPORT uint64_t vol_vg_free(const struct vol_vg *vg)
{
	return vol_vg_free_count(vg) * vol_vg_extent_size(vg);
}

VOL_EXPORT uint32_t vol_vg_max_lv(const struct vol_vg *vg)
{
	return vg->md->max_lv;
}

VOL_EXPORT uint32_t vol_vg_mda_copies(const struct vol_vg *vg)
{
	return vg->md->metadata_copies;
}

VOL_EXPORT uint32_t vol_vg_max_pv(const struct vol_vg *vg)
{
	return vg->md->max_pv;
}

VOL_EXPORT enum vol_alloc vol_vg_alloc(const struct vol_vg *vg)
{
	enum vol_alloc a = VOL_ALLOC_NORMAL;

	if (vg->md->alloc_policy)
		vol_alloc_parse(vg->md->alloc_policy, &a);
	return a;
}

VOL_EXPORT bool vol_vg_is_foreign(const struct vol_vg *vg)
{
	const char *id = vg->md->system_id;

	return id && *id && (!vg->ctx->system_id || strcmp(id, vg->ctx->system_id));
}

VOL_EXPORT const char *vol_vg_system_id(const struct vol_vg *vg)
{
	return vg->md->system_id ? vg->md->system_id : "";
}

VOL_EXPORT const char *vol_vg_attr(const struct vol_vg *vg)
{
	return vg->attr;
}

VOL_EXPORT bool vol_vg_is_writeable(const struct vol_vg *vg)
{
	return (vg->md->status.known & MD_VG_WRITE) && !vg->md->read_only;
}

VOL_EXPORT bool vol_vg_is_resizeable(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_RESIZEABLE;
}

VOL_EXPORT bool vol_vg_is_exported(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_EXPORTED;
}

VOL_EXPORT bool vol_vg_is_clustered(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_CLUSTERED;
}

VOL_EXPORT bool vol_vg_is_shared(const struct vol_vg *vg)
{
	return vg->md->status.known & MD_VG_SHARED;
}

VOL_EXPORT bool vol_vg_autoactivation(const struct vol_vg *vg)
{
	return !(vg->md->flags.known & MD_VGF_NOAUTOACTIVATE);
}

VOL_EXPORT bool vol_vg_is_partial(const struct vol_vg *vg)
{
	return vol_vg_missing_pv_count(vg) > 0;
}

VOL_EXPORT bool vol_vg_is_read_only(const struct vol_vg *vg)
{
	return vg->md->read_only;
}

VOL_EXPORT unsigned vol_vg_mda_count(const struct vol_vg *vg)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vg->slots[i].present ? vg->slots[i].d.n_mda : 0;
	return n;
}

VOL_EXPORT unsigned vol_vg_mda_used_count(const struct vol_vg *vg)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += vol_pv_mda_used_count((const struct vol_pv *)vg->pvh.v[i]);
	return n;
}

VOL_EXPORT uint64_t vol_vg_mda_size(const struct vol_vg *vg)
{
	uint64_t best = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		uint64_t s = vol_pv_mda_size((const struct vol_pv *)vg->pvh.v[i]);

		if (s && (!best || s < best))
			best = s;
	}
	return best;
}

VOL_EXPORT uint64_t vol_vg_mda_free(const struct vol_vg *vg)
{
	uint64_t best = UINT64_MAX;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vol_pv_mda_used_count((const struct vol_pv *)vg->pvh.v[i])) {
			uint64_t f = vol_pv_mda_free((const struct vol_pv *)vg->pvh.v[i]);

			if (f < best)
				best = f;
		}
	return best == UINT64_MAX ? 0 : best;
}

VOL_EXPORT size_t vol_vg_tag_count(const struct vol_vg *vg)
{
	return vg->md->tags.n;
}

VOL_EXPORT const char *vol_vg_tag(const struct vol_vg *vg, size_t i)
{
	return i < vg->md->tags.n ? vg->md->tags.v[i] : NULL;
}

VOL_EXPORT size_t vol_vg_missing_pv_count(const struct vol_vg *vg)
{
	size_t n = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		n += !vg->slots[i].present;
	return n;
}
