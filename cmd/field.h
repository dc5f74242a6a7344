/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Report fields: what one column of pvs, vgs or lvs shows, and how its
 * values become text.  Every kind of object has its own table of fields with
 * their getters (field-pv.c, field-vg.c, field-lv.c, field-seg.c), and a
 * report lists the tables it shows.  field.c knows no one object and makes
 * no library call.
 */
#ifndef VOLUME_FIELD_H
#define VOLUME_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "volume.h"

enum field_type {
	F_STR,	/* text */
	F_NUM,	/* a count */
	F_SNUM,	/* a signed number (-1: none), n holds it as int64_t */
	F_SIZE,	/* bytes, shown in --units */
	F_BOOL,	/* a flag: shown as its name when set, empty when not; 1/0 with --binary */
	F_TAGS,	/* a list: sorted, comma-separated */
	F_PERCENT,	/* a percent, n in millionths of one (lvm2's dm_percent_t); one
			 * it does not have is lit "" with n UINT64_MAX, which sorts
			 * last and matches no selection */
};

/* A field's value in one row. */
struct field_val {
	enum field_type type;
	uint64_t n;		/* F_NUM, F_SIZE (bytes), F_SNUM, F_PERCENT */
	bool b;			/* F_BOOL */
	const char *s;		/* F_STR, F_TAGS; F_BOOL: the flag's name */
	const char *key;	/* F_STR: what sorts and selects, when not s ("[lv]": "lv") */
	bool lit;		/* the cell is s as is ("auto", "unknown", ""): a number
				 * or flag without a value; with --binary a flag whose s
				 * is not empty ("unknown") shows -1 */
	char small[32];		/* room for a short s */
	char *own;		/* s when it had to be built: freed by field_val_done() */
};

/* What the LV fields know of an LV beyond its getters: the kernel's view
 * and its place among the VG's LVs, found once per LV (lv_row_init()). */
struct lv_row {
	struct vol_lv *lv;
	bool is_raid1, is_raid, is_virt;	/* its type: raid1; raid1 or raid0; error or zero */
	bool known;		/* device-mapper answered */
	bool exists;		/* known, and the LV has a device: st is its state */
	struct vol_lv_state st;	/* with the read-ahead in use (-1 if unknown) */
	char role;		/* a raid1 sub-LV: 'i' image, 'e' metadata; else 0 */
	const char *parent;	/* the raid1 LV of a sub-LV, else NULL */
	uint32_t leg;		/* a raid1 sub-LV: its leg in the parent */
	/* raid1 LV (or the raid1 LV of a sub-LV) that is active: dm-raid's
	 * status, kept apart (most rows have none: a row stays small) */
	bool has_raid;
	const struct vol_raid_status *raid;	/* NULL unless has_raid */
	/* lvm2's snapshot (its COW LV) and origin, and the snapshot target's
	 * status of an active snapshot (NULL otherwise, kept apart as raid) */
	bool is_snap, is_origin;
	const struct vol_snapshot_status *snap;
	/* lvm2's old-style mirrors: the mirror LV, or its sub-LV ('m' image,
	 * 'l' disk log; parent names the mirror) */
	bool is_mirror;
	char mrole;
	/* the mirror is active: dm-mirror's regions in sync, in lvm2's percent
	 * units (as vol_raid_status.sync_percent); -1 when unknown */
	int32_t mirror_percent;
};

/* Fills @r for @lv: asks device-mapper (unknown without it) and finds the
 * raid1 LV a hidden sub-LV belongs to (field-lv.c).  A raid status it
 * keeps goes in @alloc(@usr, size) (lives as long as the row; NULL: none). */
void lv_row_init(struct lv_row *r, struct vol_lv *lv, void *(*alloc)(void *usr, size_t size),
		 void *usr);
/* lvm2's 10-character lv_attr of @r, NUL-terminated. */
void lv_attr(const struct lv_row *r, char attr[11]);
/* The LV's creation time as lvm2 shows it ("2026-12-07 13:01:37 +0000"), or "". */
void lv_time_text(const struct vol_lv *lv, char *buf, size_t len);

/* What a row shows: a PV and its VG (NULL for an orphan PV), a VG, or an
 * LV (or one of its segments) and its VG. */
struct report_obj {
	const struct vol_pv *pv;
	const struct vol_vg *vg;
	const struct lv_row *lv;
	int seg;		/* the segment of a segment row, else -1 */
	size_t seq;		/* the order the rows were found in: ties keep it */
	const struct vol_dev_info *dev;	/* pvs -a: a device that is no PV (pv NULL) */
	/* pvs --segments: the PV segment (first extent, extents); free_seg: no LV
	 * uses it (lv NULL) */
	uint64_t pe, pe_len;
	bool free_seg;
};

struct field {
	const char *name;	/* "pv_size": for -o, -O, -S and JSON */
	const char *heading;	/* "PSize" */
	enum field_type type;
	int width;		/* lvm2's column width (0: the heading's): cells widen it,
				 * a longer heading is cut to it, as in lvm2 */
	const char *help;
	unsigned id;		/* the field's index in its table, for its getter */
	/* Sets @v's value; @v comes with its type, s = "" and the rest 0.  0 or -ENOMEM. */
	int (*get)(const struct field *f, const struct report_obj *o, struct field_val *v);
};

/* The fields of one kind of object. */
struct field_table {
	const char *title;	/* "Physical Volume": a section of -o help */
	const char *prefix;	/* "pv": "pv_all" names every field */
	const struct field *fields;
	size_t n;
};

/*
 * A table is written once, as a list macro TABLE(X) of
 *	X(ID, "name", "Heading", type, width, "Help.")
 * that makes the enum of its IDs with TABLE(FIELD_ID) and its fields with
 * TABLE(FIELD_DEF), FIELD_GET naming the table's getter.
 */
#define FIELD_ID(id, name, heading, type, width, help) id,
#define FIELD_DEF(id, name, heading, type, width, help) \
	[id] = { name, heading, type, width, help, id, FIELD_GET },
/* The same for tables whose fields have getters of their own:
 *	X(ID, "name", "Heading", type, width, getter, "Help.") */
#define FIELD_ID_G(id, name, heading, type, width, get, help) id,
#define FIELD_DEF_G(id, name, heading, type, width, get, help) \
	[id] = { name, heading, type, width, help, id, get },

extern const struct field_table pv_table, vg_table, lv_table, seg_table, pvseg_table;

/* An LV or segment field of a free PV segment (pvs --segments): "free" for
 * segtype, its size and length, 0 for its start, blank otherwise.  @v as
 * field_value() prepares it. */
int seg_free_get(const struct field *f, const struct report_obj *o, struct field_val *v);

/* A report shows the fields of a NULL-terminated list of tables, its own
 * first.  Names match as in lvm2: in any case, underscores ignored, and a
 * field of the report's own table also without its prefix ("size" is
 * pv_size in pvs, "stripesize" stripe_size).  NULL if there is no such field. */
const struct field *field_find(const struct field_table *const *tables, const char *name);
/* The table whose "PREFIX_all" is @name, or NULL. */
const struct field_table *field_find_all(const struct field_table *const *tables,
					 const char *name);
/* -o help: every field of every table. */
void field_help(const struct field_table *const *tables);
/* Is @f a field of the PV label and header (pv_fmt ... pv_ext_vsn, the
 * first of pv_all)?  lvm2 reports those from the devices alone. */
bool field_is_label(const struct field *f);
/* Does @f belong to @t? */
bool field_in(const struct field *f, const struct field_table *t);

/* @f's value in @o.  0 or -ENOMEM; call field_val_done(@v) either way. */
int field_value(const struct field *f, const struct report_obj *o, struct field_val *v);
void field_val_done(struct field_val *v);
/* For getters: @n tags from @get(@obj, i), sorted and comma-separated.  0 or -ENOMEM. */
int field_val_tags(struct field_val *v, size_t n, const char *(*get)(const void *, size_t),
		   const void *obj);

/* Getters of values some fields of a table never have: empty (also with
 * --binary), and a flag lvm2 cannot tell ("unknown", -1 with --binary). */
int field_get_blank(const struct field *f, const struct report_obj *o, struct field_val *v);
int field_get_unknown(const struct field *f, const struct report_obj *o, struct field_val *v);

/* How values become text: --units, --nosuffix, --binary. */
struct cell_fmt {
	char units;
	uint64_t factor;	/* bytes a unit ("--units 4k"), 0: the letter's own */
	bool suffix;
	bool binary;
};

/* The text of a value, malloc'd (NULL: no memory). */
/* The text of a cell: @v's own text, a literal, or one made in @buf (64 bytes
 * are enough).  field_cell() returns a copy (free() it). */
const char *field_text(const struct field_val *v, const struct cell_fmt *fmt, char *buf,
		       size_t len);
char *field_cell(const struct field_val *v, const struct cell_fmt *fmt);
/* Orders two values of one field: numbers as numbers, flags unset first, text
 * by bytes (by key when there is one). */
int field_cmp(const struct field_val *a, const struct field_val *b);

#endif
