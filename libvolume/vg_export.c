/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vgexport and vgimport: LVM2's EXPORTED status on the VG and on each of
 * its PVs.  An exported VG has no system ID (it may move to any host);
 * importing gives it this host's, as lvm2 does.  Both change the handle in
 * memory; vol_vg_commit() writes them.
 */
#include <errno.h>
#include <string.h>

#include "ctx.h"
#include "lvedit.h"
#include "vgobj.h"

static void set_exported(struct md_vg *m, bool on)
{
	if (on)
		m->status.known |= MD_VG_EXPORTED;
	else
		m->status.known &= ~(uint32_t)MD_VG_EXPORTED;
	for (uint32_t i = 0; i < m->n_pvs; i++)
		if (on)
			m->pvs[i].status.known |= MD_PV_EXPORTED;
		else
			m->pvs[i].status.known &= ~(uint32_t)MD_PV_EXPORTED;
}

VOL_EXPORT int vol_vg_export(struct vol_vg *vg)
{
	int r = need_write(vg);

	if (r)
		return r;
	if (vg->md->status.known & MD_VG_EXPORTED) {
		log_err(vg->ctx, "Volume group %s is exported", vg->md->name);
		return -EPERM;
	}
	if (vg_lvs_active(vg)) {
		log_err(vg->ctx, "Volume group \"%s\" has active logical volumes", vg->md->name);
		return -EBUSY;
	}
	set_exported(vg->md, true);
	vg->md->system_id = NULL;
	return vg_sync_handles(vg);
}

VOL_EXPORT int vol_vg_import(struct vol_vg *vg, unsigned flags)
{
	struct vol_ctx *ctx = vg->ctx;
	int r = need_write(vg);

	if (r)
		return r;
	if (!(vg->md->status.known & MD_VG_EXPORTED)) {
		log_err(ctx, "Volume group \"%s\" is not exported", vg->md->name);
		return -EINVAL;
	}
	if (vol_vg_missing_pv_count(vg) && !(flags & VOL_FORCE)) {
		log_err(ctx, "Volume group \"%s\" is partially missing", vg->md->name);
		return -ENODEV;
	}
	set_exported(vg->md, false);
	vg->md->system_id = NULL;
	if (ctx->system_id && *ctx->system_id &&
	    !(vg->md->system_id = md_arena_strdup(vg->arena, ctx->system_id)))
		return -ENOMEM;
	return vg_sync_handles(vg);
}
