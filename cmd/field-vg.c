/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The VG fields of the reports and their getters, with lvm2's orphan
 * pseudo-VG for the VG fields of a PV in no VG. */
#include <stdio.h>

#include "field.h"
#include "volume.h"

/* X(id, name, heading, type, lvm2's width (0: the heading's), help), as in
 * field-pv.c. */
#define VG_FIELDS(X) \
	X(VG_FMT, "vg_fmt", "Fmt", F_STR, 3, "Type of metadata.") \
	X(VG_UUID, "vg_uuid", "VG UUID", F_STR, 38, "Unique identifier.") \
	X(VG_NAME, "vg_name", "VG", F_STR, 0, "Name.") \
	X(VG_ATTR, "vg_attr", "Attr", F_STR, 5, "Various attributes - see man page.") \
	X(VG_PERMS, "vg_permissions", "VPerms", F_STR, 10, "VG permissions.") \
	X(VG_EXTENDABLE, "vg_extendable", "Extendable", F_BOOL, 10, "Set if VG is extendable.") \
	X(VG_EXPORTED, "vg_exported", "Exported", F_BOOL, 10, "Set if VG is exported.") \
	X(VG_AUTOACT, "vg_autoactivation", "AutoAct", F_BOOL, 7, "Set if VG autoactivation is enabled.") \
	X(VG_PARTIAL, "vg_partial", "Partial", F_BOOL, 10, "Set if VG is partial.") \
	X(VG_ALLOC, "vg_allocation_policy", "AllocPol", F_STR, 10, "VG allocation policy.") \
	X(VG_CLUSTERED, "vg_clustered", "Clustered", F_BOOL, 10, "Set if VG is clustered.") \
	X(VG_SHARED, "vg_shared", "Shared", F_BOOL, 7, "Set if VG is shared.") \
	X(VG_SIZE, "vg_size", "VSize", F_SIZE, 5, "Total size of VG in current units.") \
	X(VG_FREE, "vg_free", "VFree", F_SIZE, 5, "Total amount of free space in current units.") \
	X(VG_SYSID_OLD, "vg_sysid", "SYS ID", F_STR, 6, "System ID of the VG indicating which host owns it.") \
	X(VG_SYSID, "vg_systemid", "System ID", F_STR, 9, "System ID of the VG indicating which host owns it.") \
	X(VG_LOCK_TYPE, "vg_lock_type", "LockType", F_STR, 8, "Lock type of the VG used by lvmlockd.") \
	X(VG_LOCK_ARGS, "vg_lock_args", "VLockArgs", F_STR, 9, "Lock args of the VG used by lvmlockd.") \
	X(VG_EXTENT_SIZE, "vg_extent_size", "Ext", F_SIZE, 3, "Size of Physical Extents in current units.") \
	X(VG_EXTENT_COUNT, "vg_extent_count", "#Ext", F_NUM, 4, "Total number of Physical Extents.") \
	X(VG_FREE_COUNT, "vg_free_count", "Free", F_NUM, 4, "Total number of unallocated Physical Extents.") \
	X(VG_MAX_LV, "max_lv", "MaxLV", F_NUM, 5, "Maximum number of LVs allowed in VG or 0 if unlimited.") \
	X(VG_MAX_PV, "max_pv", "MaxPV", F_NUM, 5, "Maximum number of PVs allowed in VG or 0 if unlimited.") \
	X(VG_PV_COUNT, "pv_count", "#PV", F_NUM, 3, "Number of PVs in VG.") \
	X(VG_MISSING, "vg_missing_pv_count", "#PV Missing", F_NUM, 11, "Number of PVs in VG which are missing.") \
	X(VG_LV_COUNT, "lv_count", "#LV", F_NUM, 3, "Number of LVs.") \
	X(VG_SNAP_COUNT, "snap_count", "#SN", F_NUM, 3, "Number of snapshots.") \
	X(VG_SEQNO, "vg_seqno", "Seq", F_NUM, 3, "Revision number of internal metadata.  Incremented whenever it changes.") \
	X(VG_TAGS, "vg_tags", "VG Tags", F_TAGS, 7, "Tags, if any.") \
	X(VG_PROFILE, "vg_profile", "VProfile", F_STR, 0, "Configuration profile attached to this VG.") \
	X(VG_MDA_COUNT, "vg_mda_count", "#VMda", F_NUM, 5, "Number of metadata areas on this VG.") \
	X(VG_MDA_USED, "vg_mda_used_count", "#VMdaUse", F_NUM, 8, "Number of metadata areas in use on this VG.") \
	X(VG_MDA_FREE, "vg_mda_free", "VMdaFree", F_SIZE, 9, "Free metadata area space for this VG in current units.") \
	X(VG_MDA_SIZE, "vg_mda_size", "VMdaSize", F_SIZE, 9, "Size of smallest metadata area for this VG in current units.") \
	X(VG_MDA_COPIES, "vg_mda_copies", "#VMdaCps", F_STR, 8, "Target number of in use metadata areas in the VG.")

enum vg_field { VG_FIELDS(FIELD_ID) VG_NFIELDS };

static const char *vg_tag(const void *o, size_t i)
{
	return vol_vg_tag(o, i);
}

static void mda_copies(const struct vol_vg *vg, struct field_val *v)
{
	uint32_t copies = vol_vg_mda_copies(vg);

	if (!copies) {
		v->s = "unmanaged";
	} else if (copies == UINT32_MAX) {
		v->s = "all";
	} else {
		snprintf(v->small, sizeof(v->small), "%u", copies);
		v->s = v->small;
	}
}

/* The VG fields of an orphan PV, as lvm2 shows its orphan pseudo-VG (with
 * the name lvm2 gives a PV that is in use but in no VG we can read). */
static void orphan_get(enum vg_field id, const struct vol_pv *pv, struct field_val *v)
{
	switch (id) {
	case VG_NAME: v->s = pv ? vol_pv_vg_name(pv) : ""; break;
	case VG_FMT: v->s = "lvm2"; break;
	case VG_ATTR: v->s = "r-----"; break;
	case VG_PERMS: v->s = "read-only"; break;
	case VG_ALLOC: v->s = "unknown"; break;
	case VG_AUTOACT: v->s = "enabled"; v->b = true; break;
	case VG_MDA_COPIES: v->s = "unmanaged"; break;
	default: break;	/* names and tags empty, numbers 0 */
	}
}

static int vg_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct vol_vg *vg = o->vg;

	if (!vg) {
		orphan_get((enum vg_field)f->id, o->pv, v);
		return 0;
	}
	switch ((enum vg_field)f->id) {
	case VG_NAME: v->s = vol_vg_name(vg); break;
	case VG_UUID: v->s = vol_vg_uuid(vg); break;
	case VG_FMT: v->s = "lvm2"; break;
	case VG_ATTR: v->s = vol_vg_attr(vg); break;
	case VG_PERMS: v->s = vol_vg_is_writeable(vg) ? "writeable" : "read-only"; break;
	case VG_EXTENDABLE: v->b = vol_vg_is_resizeable(vg); v->s = "extendable"; break;
	case VG_EXPORTED: v->b = vol_vg_is_exported(vg); v->s = "exported"; break;
	case VG_PARTIAL: v->b = vol_vg_is_partial(vg); v->s = "partial"; break;
	case VG_ALLOC: v->s = vol_alloc_name(vol_vg_alloc(vg)); break;
	case VG_SIZE: v->n = vol_vg_size(vg); break;
	case VG_FREE: v->n = vol_vg_free(vg); break;
	case VG_SYSID_OLD: case VG_SYSID: v->s = vol_vg_system_id(vg); break;
	case VG_AUTOACT: v->b = vol_vg_autoactivation(vg); v->s = "enabled"; break;
	case VG_CLUSTERED: v->b = vol_vg_is_clustered(vg); v->s = "clustered"; break;
	case VG_SHARED: v->b = vol_vg_is_shared(vg); v->s = "shared"; break;
	case VG_LOCK_TYPE: case VG_LOCK_ARGS:	/* no lvmlockd: always empty */
	case VG_EXTENT_SIZE: v->n = vol_vg_extent_size(vg); break;
	case VG_EXTENT_COUNT: v->n = vol_vg_extent_count(vg); break;
	case VG_FREE_COUNT: v->n = vol_vg_free_count(vg); break;
	case VG_MAX_LV: v->n = vol_vg_max_lv(vg); break;
	case VG_MAX_PV: v->n = vol_vg_max_pv(vg); break;
	case VG_PV_COUNT: v->n = vol_vg_pv_count(vg); break;
	case VG_MISSING: v->n = vol_vg_missing_pv_count(vg); break;
	case VG_LV_COUNT: v->n = vol_vg_lv_count(vg); break;
	case VG_SNAP_COUNT: v->n = vol_vg_snapshot_count(vg); break;
	case VG_SEQNO: v->n = vol_vg_seqno(vg); break;
	case VG_TAGS: return field_val_tags(v, vol_vg_tag_count(vg), vg_tag, vg);
	case VG_MDA_COUNT: v->n = vol_vg_mda_count(vg); break;
	case VG_MDA_USED: v->n = vol_vg_mda_used_count(vg); break;
	case VG_MDA_FREE: v->n = vol_vg_mda_free(vg); break;
	case VG_MDA_SIZE: v->n = vol_vg_mda_size(vg); break;
	case VG_MDA_COPIES: mda_copies(vg, v); break;
	case VG_PROFILE:
	case VG_NFIELDS: break;
	}
	return 0;
}

#define FIELD_GET vg_get
static const struct field vg_fields[VG_NFIELDS] = { VG_FIELDS(FIELD_DEF) };

const struct field_table vg_table = { "Volume Group", "vg", vg_fields, VG_NFIELDS };
