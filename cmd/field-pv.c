/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The PV fields of the reports and their getters. */
#include <stdio.h>

#include "field.h"
#include "volume.h"

/* X(id, name, heading, type, lvm2's width (0: the heading's), help): the
 * widths are lvm2's, so columns line up as they do there. */
#define PV_FIELDS(X) \
	X(PV_FMT, "pv_fmt", "Fmt", F_STR, 3, "Type of metadata.") \
	X(PV_UUID, "pv_uuid", "PV UUID", F_STR, 38, "Unique identifier.") \
	X(DEV_SIZE, "dev_size", "DevSize", F_SIZE, 7, "Size of underlying device in current units.") \
	X(PV_NAME, "pv_name", "PV", F_STR, 10, "Name.") \
	X(PV_MAJOR, "pv_major", "Maj", F_STR, 3, "Device major number.") \
	X(PV_MINOR, "pv_minor", "Min", F_STR, 3, "Device minor number.") \
	X(PV_MDA_FREE, "pv_mda_free", "PMdaFree", F_SIZE, 9, "Free metadata area space on this device in current units.") \
	X(PV_MDA_SIZE, "pv_mda_size", "PMdaSize", F_SIZE, 9, "Size of smallest metadata area on this device in current units.") \
	X(PV_EXT_VSN, "pv_ext_vsn", "PExtVsn", F_NUM, 0, "PV header extension version.") \
	X(PE_START, "pe_start", "1st PE", F_SIZE, 7, "Offset to the start of data on the underlying device.") \
	X(PV_SIZE, "pv_size", "PSize", F_SIZE, 5, "Size of PV in current units.") \
	X(PV_FREE, "pv_free", "PFree", F_SIZE, 5, "Total amount of unallocated space in current units.") \
	X(PV_USED, "pv_used", "Used", F_SIZE, 4, "Total amount of allocated space in current units.") \
	X(PV_ATTR, "pv_attr", "Attr", F_STR, 4, "Various attributes - see man page.") \
	X(PV_ALLOCATABLE, "pv_allocatable", "Allocatable", F_BOOL, 11, "Set if this device can be used for allocation.") \
	X(PV_EXPORTED, "pv_exported", "Exported", F_BOOL, 10, "Set if this device is exported.") \
	X(PV_MISSING, "pv_missing", "Missing", F_BOOL, 10, "Set if this device is missing in system.") \
	X(PV_PE_COUNT, "pv_pe_count", "PE", F_NUM, 3, "Total number of Physical Extents.") \
	X(PV_PE_ALLOC, "pv_pe_alloc_count", "Alloc", F_NUM, 5, "Total number of allocated Physical Extents.") \
	X(PV_TAGS, "pv_tags", "PV Tags", F_TAGS, 7, "Tags, if any.") \
	X(PV_MDA_COUNT, "pv_mda_count", "#PMda", F_NUM, 5, "Number of metadata areas on this device.") \
	X(PV_MDA_USED, "pv_mda_used_count", "#PMdaUse", F_NUM, 8, "Number of metadata areas in use on this device.") \
	X(PV_BA_START, "pv_ba_start", "BA Start", F_SIZE, 8, "Offset to the start of PV Bootloader Area on the underlying device in current units.") \
	X(PV_BA_SIZE, "pv_ba_size", "BA Size", F_SIZE, 7, "Size of PV Bootloader Area in current units.") \
	X(PV_IN_USE, "pv_in_use", "PInUse", F_BOOL, 6, "Set if PV is used.") \
	X(PV_DUPLICATE, "pv_duplicate", "Duplicate", F_BOOL, 9, "Set if PV is an unchosen duplicate.") \
	X(PV_DEVICE_ID, "pv_device_id", "DeviceID", F_STR, 8, "Device ID such as the WWID.") \
	X(PV_DEVICE_ID_TYPE, "pv_device_id_type", "DeviceIDType", F_STR, 12, "Type of device ID such as WWID.")

enum pv_field { PV_FIELDS(FIELD_ID) PV_NFIELDS };

static const char *pv_tag(const void *o, size_t i)
{
	return vol_pv_tag(o, i);
}

/* pvs -a: a device that is no PV shows its name and size, blanks and zeros. */
static int dev_get(const struct field *f, const struct vol_dev_info *d, struct field_val *v)
{
	switch ((enum pv_field)f->id) {
	case PV_NAME: v->s = d->path; break;
	case PV_UUID: case PV_FMT: case PV_ATTR: v->s = f->id == PV_ATTR ? "---" : ""; break;
	case DEV_SIZE: v->n = d->size; break;
	case PV_TAGS: return field_val_tags(v, 0, NULL, NULL);
	case PV_ALLOCATABLE: v->s = "allocatable"; break;
	case PV_EXPORTED: v->s = "exported"; break;
	case PV_MISSING: v->s = "missing"; break;
	case PV_IN_USE: v->s = "used"; break;
	case PV_DUPLICATE: v->s = "duplicate"; break;
	default: v->n = 0; break;
	}
	return 0;
}

/* lvm2 shows a device's major and minor numbers as text (left-aligned). */
static void devno_text(unsigned id, uint64_t devno, struct field_val *v)
{
	uint64_t n = id == PV_MAJOR ? (devno ? (devno >> 8) & 0xfff : 0)
				    : (devno & 0xff) | ((devno >> 12) & ~0xffull);

	snprintf(v->small, sizeof(v->small), "%llu", (unsigned long long)n);
	v->s = v->small;
}

static int pv_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct vol_pv *pv = o->pv;

	if (!pv)
		return dev_get(f, o->dev, v);
	switch ((enum pv_field)f->id) {
	case PV_NAME: v->s = vol_pv_name(pv); break;
	case PV_UUID: v->s = vol_pv_uuid(pv); break;
	case PV_FMT: v->s = "lvm2"; break;
	case PV_SIZE: v->n = vol_pv_size(pv); break;
	case PV_FREE: v->n = vol_pv_free(pv); break;
	case PV_USED: v->n = vol_pv_used(pv); break;
	case DEV_SIZE: v->n = vol_pv_is_missing(pv) ? 0 : vol_pv_dev_size(pv); break;
	case PE_START: v->n = vol_pv_pe_start(pv); break;
	case PV_PE_COUNT: v->n = vol_pv_pe_count(pv); break;
	case PV_PE_ALLOC: v->n = vol_pv_pe_alloc_count(pv); break;
	case PV_MDA_COUNT: v->n = vol_pv_mda_count(pv); break;
	case PV_MDA_USED: v->n = vol_pv_mda_used_count(pv); break;
	case PV_MDA_SIZE: v->n = vol_pv_mda_size(pv); break;
	case PV_MDA_FREE: v->n = vol_pv_mda_free(pv); break;
	case PV_TAGS: return field_val_tags(v, vol_pv_tag_count(pv), pv_tag, pv);
	case PV_ATTR: v->s = vol_pv_attr(pv); break;
	case PV_ALLOCATABLE: v->b = vol_pv_is_allocatable(pv); v->s = "allocatable"; break;
	case PV_EXPORTED: v->b = vol_pv_is_exported(pv); v->s = "exported"; break;
	case PV_MISSING: v->b = vol_pv_is_missing(pv); v->s = "missing"; break;
	case PV_IN_USE:	/* a missing member is in use too, as lvm2 has it */
		v->b = vol_pv_is_in_use(pv) || vol_pv_is_missing(pv);
		v->s = "used";
		break;
	case PV_DUPLICATE: v->b = vol_pv_state(pv) == VOL_PV_DUPLICATE; v->s = "duplicate"; break;
	case PV_EXT_VSN:	/* a header field: blank when no device holds it */
		if (vol_pv_is_missing(pv))
			v->lit = true;
		else
			v->n = vol_pv_ext_version(pv);
		break;
	case PV_BA_START: v->n = vol_pv_ba_start(pv); break;
	case PV_BA_SIZE: v->n = vol_pv_ba_size(pv); break;
	case PV_MAJOR: case PV_MINOR: devno_text(f->id, vol_pv_devno(pv), v); break;
	case PV_DEVICE_ID: case PV_DEVICE_ID_TYPE: break;	/* no devices file IDs */
	case PV_NFIELDS: break;
	}
	return 0;
}

#define FIELD_GET pv_get
static const struct field pv_fields[PV_NFIELDS] = { PV_FIELDS(FIELD_DEF) };

bool field_is_label(const struct field *f)
{
	return field_in(f, &pv_table) && f->id <= PV_EXT_VSN;
}

const struct field_table pv_table = { "Physical Volume", "pv", pv_fields, PV_NFIELDS };
