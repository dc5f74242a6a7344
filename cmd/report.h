/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Between the report engine (report.c) and the kinds of report it runs
 * (report-kinds.c): which fields a kind shows and which objects make its
 * rows.
 */
#ifndef VOLUME_REPORT_H
#define VOLUME_REPORT_H

#include "cli.h"
#include "field.h"

/* The command-line arguments naming objects, and which of them matched one. */
struct args {
	char **v;
	int n;
	bool *seen;
};

/* The rows of a report, and the VGs they point into (closed at the end). */
struct rowset {
	struct report_obj *v;
	size_t n, cap;
	struct vol_vg **vgs;
	size_t nvgs;
};

struct report_kind {
	const char *name;			/* "pv": the name of JSON's list of rows */
	const struct field_table *const *tables;	/* the fields it shows, its own first */
	const char *columns;			/* the default -o */
	const char *sort;			/* the default -O */
	/* Adds the rows of @vg that the arguments name.  0 or -ENOMEM. */
	int (*vg_rows)(struct rowset *rs, struct vol_vg *vg, struct args *a);
	/* Adds the rows that belong to no VG, or NULL.  0 or -errno. */
	int (*other_rows)(struct cli *c, struct rowset *rs, struct args *a);
	const char *missing[2];			/* the message for an unmatched argument */
};

/* Appends a row.  0 or -ENOMEM. */
int rowset_add(struct rowset *rs, struct report_obj o);

/* Indexed by enum report_type. */
extern const struct report_kind report_kinds[];

#endif
