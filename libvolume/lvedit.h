/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: what the LV editing files share (lv_create.c, lv_resize.c, lv_edit.c). */
#ifndef VOLUME_LVEDIT_H
#define VOLUME_LVEDIT_H

#include "alloc.h"
#include "vgobj.h"

/* The PV list of a command as allocator entries; -ENOENT (and a message)
 * for a PV that is not in the VG.  Free *out with free(). */
int lv_pv_list(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n,
	       struct alloc_pv **out);
/* Free extents of the listed PVs, or every extent of the VG (none listed),
 * as lvm2's %PVS counts them. */
uint64_t lv_pvs_base(const struct vol_vg *vg, const struct alloc_pv *pvs, size_t n);
/* Allocates @req for LV @lv and appends the segments; logs lvm2's message
 * on failure.  In test mode, logs the extents chosen. */
int lv_allocate(struct vol_vg *vg, uint32_t lv, const struct alloc_request *req,
		uint64_t stripe_size);
/* "vg/lv" for messages. */
const char *lv_full_name(const struct vol_vg *vg, const struct md_lv *lv, char *buf, size_t len);
/* -EBUSY (and lvm2's message) when the LV's device is open; 0 when it is
 * not, is inactive, or there is no device-mapper. */
int lv_check_not_open(struct vol_lv *lv);
/* Percent of @base, as lvm2 computes -l N%...: rounded down or up. */
uint64_t pct_of(uint64_t pct, uint64_t base, bool round_up);

/* Is any LV of the VG active in the kernel?  false without device-mapper. */
bool vg_lvs_active(struct vol_vg *vg);
/* An LV about to be removed goes out of the kernel first (if active). */
int lv_deactivate_for_removal(struct vol_lv *lv);
/* Commits @vg through @commit, changing active LVs in the kernel around it:
 * an LV whose mapping changed is loaded, suspended and resumed around the
 * commit (and left as it was if the commit fails); a renamed one is renamed
 * after it. */
int lv_commit_live(struct vol_vg *vg, int (*commit)(struct vol_vg *vg));

#endif
