/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Report fields: what one column of pvs or vgs shows, and how its values
 * become text.  Every kind of object has its own table of fields with their
 * getters (field-pv.c, field-vg.c; LVs and segments get theirs), and a
 * report lists the tables it shows.  This module knows no one object and
 * makes no library call.
 */
#ifndef VOLUME_FIELD_H
#define VOLUME_FIELD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vol_pv;
struct vol_vg;

enum field_type {
	F_STR,	/* text */
	F_NUM,	/* a count */
	F_SIZE,	/* bytes, shown in --units */
	F_BOOL,	/* a flag: shown as its name when set, empty when not; 1/0 with --binary */
	F_TAGS,	/* a list: sorted, comma-separated */
};

/* A field's value in one row. */
struct field_val {
	enum field_type type;
	uint64_t n;		/* F_NUM, F_SIZE (bytes) */
	bool b;			/* F_BOOL */
	const char *s;		/* F_STR, F_TAGS; F_BOOL: the flag's name */
	char small[32];		/* room for a short s */
	char *own;		/* s when it had to be built: freed by field_val_done() */
};

/* What a row shows: a PV and its VG (NULL for an orphan PV), or a VG. */
struct report_obj {
	const struct vol_pv *pv;
	const struct vol_vg *vg;
};

struct field {
	const char *name;	/* "pv_size": for -o, -O, -S and JSON */
	const char *heading;	/* "PSize" */
	enum field_type type;
	int width;		/* lvm2's minimum column width, so columns line up as there */
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
 *	X(ID, "name", "Heading", type, min width, "Help.")
 * that makes the enum of its IDs with TABLE(FIELD_ID) and its fields with
 * TABLE(FIELD_DEF), FIELD_GET naming the table's getter.
 */
#define FIELD_ID(id, name, heading, type, width, help) id,
#define FIELD_DEF(id, name, heading, type, width, help) \
	[id] = { name, heading, type, width, help, id, FIELD_GET },

extern const struct field_table pv_table, vg_table;

/* A report shows the fields of a NULL-terminated list of tables, its own
 * first; lvm2 also takes a field of its own table without the prefix
 * ("size" is pv_size in pvs).  NULL if there is no such field. */
const struct field *field_find(const struct field_table *const *tables, const char *name);
/* The table whose "PREFIX_all" is @name, or NULL. */
const struct field_table *field_find_all(const struct field_table *const *tables,
					 const char *name);
/* -o help: every field of every table. */
void field_help(const struct field_table *const *tables);

/* @f's value in @o.  0 or -ENOMEM; call field_val_done(@v) either way. */
int field_value(const struct field *f, const struct report_obj *o, struct field_val *v);
void field_val_done(struct field_val *v);
/* For getters: @n tags from @get(@obj, i), sorted and comma-separated.  0 or -ENOMEM. */
int field_val_tags(struct field_val *v, size_t n, const char *(*get)(const void *, size_t),
		   const void *obj);

/* How values become text: --units, --nosuffix, --binary. */
struct cell_fmt {
	char units;
	bool suffix;
	bool binary;
};

/* The text of a value, malloc'd (NULL: no memory). */
char *field_cell(const struct field_val *v, const struct cell_fmt *fmt);
/* Orders two values of one field: numbers as numbers, flags unset first, text by bytes. */
int field_cmp(const struct field_val *a, const struct field_val *b);

#endif
