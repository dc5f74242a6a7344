/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The PV segment fields of pvs --segments and their getter. */
#include "field.h"

/* X(id, name, heading, type, lvm2's width (0: the heading's), help) */
#define PVSEG_FIELDS(X) \
	X(PVSEG_START, "pvseg_start", "Start", F_NUM, 5, "Physical Extent number of start of segment.") \
	X(PVSEG_SIZE, "pvseg_size", "SSize", F_NUM, 5, "Number of extents in segment.")

enum pvseg_field { PVSEG_FIELDS(FIELD_ID) PVSEG_NFIELDS };

static int pvseg_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	v->n = f->id == PVSEG_START ? o->pe : o->pe_len;
	return 0;
}

#define FIELD_GET pvseg_get
static const struct field pvseg_fields[PVSEG_NFIELDS] = { PVSEG_FIELDS(FIELD_DEF) };

const struct field_table pvseg_table = { "Physical Volume Segment", "pvseg", pvseg_fields,
					  PVSEG_NFIELDS };
