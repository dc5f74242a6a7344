/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: what the LV editing files share (lv_create.c, lv_resize.c, lv_edit.c). */
#ifndef VOLUME_LVEDIT_H
#define VOLUME_LVEDIT_H

#include "alloc.h"
#include "vgobj.h"

/* A command's PV list (lv_pvlist.c): one allocator entry per PV, ranges
 * parsed; given is false when the command named no PV (then any PV). */
struct lv_pvlist {
	struct alloc_pv *v;
	size_t n;
	bool given;
};
/* Makes @out from @specs as lvm2 does, with its warnings (PVs skipped; only
 * if @say) and errors: -ENOENT a PV not in the VG, -EINVAL a bad or
 * overlapping range, -ENOSPC nothing left.  n == 0: an empty list, not
 * given.  Free with lv_pvlist_free() (also after an error: harmless). */
int lv_pv_list(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, bool say,
	       struct lv_pvlist *out);
void lv_pvlist_free(struct lv_pvlist *l);
/* The PVs named in @specs (by path or UUID; ranges ignored) flagged in *out,
 * n_pvs long; free() it.  -ENOENT (lvm2's message) for a PV not in the VG. */
int lv_pv_flags(struct vol_vg *vg, const struct vol_pv_spec *specs, size_t n, bool **out);
/* lvm2's %PVS base: the free extents inside the listed ranges, or every
 * extent of the VG when no PV was named. */
uint64_t lv_pvs_base(const struct vol_vg *vg, const struct lv_pvlist *l);
/* Allocates @req for LV @lv and appends the segments; logs lvm2's message
 * on failure.  In test mode, logs the extents chosen. */
int lv_allocate(struct vol_vg *vg, uint32_t lv, const struct alloc_request *req,
		uint64_t stripe_size);
/* A new, empty, visible LV in the model, named and stamped from @p; NULL
 * when out of memory. */
struct md_lv *lv_new_md(struct vol_vg *vg, const struct vol_lv_params *p, const char *name);
/* -ENOENT, with a message, when @lv was removed from its VG's model. */
int lv_attached(const struct vol_lv *lv);
/* lv_attached(), and the VG open for writing (need_write). */
int lv_editable(struct vol_lv *lv);
/* "vg/lv" for messages. */
const char *lv_full_name(const struct vol_vg *vg, const struct md_lv *lv, char *buf, size_t len);
/* -EBUSY (and lvm2's message) when the LV's device is open; 0 when it is
 * not, is inactive, or there is no device-mapper. */
int lv_check_not_open(struct vol_lv *lv);
/* The same for LV @l of @vg (an index in vg->md->lvs). */
int lv_idx_check_not_open(struct vol_vg *vg, uint32_t l);
/* Percent of @base, as lvm2 computes -l N%...: rounded down or up. */
uint64_t pct_of(uint64_t pct, uint64_t base, bool round_up);

/* 'i' if LV @l is a raid image, 'e' a raid metadata sub-LV, else 0. */
char lv_raid_role(const struct md_vg *m, uint32_t l);

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
