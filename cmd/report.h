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

/* How far a command-line argument got: nowhere, to its VG (an LV argument
 * whose VG exists), or to an object it names. */
enum { ARG_NONE, ARG_VG, ARG_MATCHED };

/* The command-line arguments naming objects, how far each got, and which
 * rows the options ask for. */
struct args {
	char **v;
	int n;
	unsigned char *seen;	/* ARG_* of each argument */
	bool all;		/* lvs -a: hidden LVs too */
	bool segs;		/* lvs: a row per segment (--segments, or a segment field) */
	bool labels;		/* pvs of label fields only: as lvm2, PVs on devices only,
				 * and their VGs read without warnings */
};

/* The rows of a report, and what they point into (freed at the end). */
struct rowset {
	struct report_obj *v;
	size_t n, cap;
	struct vol_vg **vgs;
	size_t nvgs;
	void **blocks;		/* rowset_alloc()'s */
	size_t nblocks;
	char *cur;		/* the free part of the last block */
	size_t left;
};

struct report_kind {
	const char *name;			/* "pv": the name of JSON's list of rows */
	const struct field_table *const *tables;	/* the fields it shows, its own first */
	const char *columns;			/* the default -o */
	const char *verbose_columns;		/* the default -o with -v */
	const char *sort;			/* the default -O */
	/* Adds the rows of @vg that the arguments name.  0 or -ENOMEM. */
	int (*vg_rows)(struct rowset *rs, struct vol_vg *vg, struct args *a);
	/* Adds the rows that belong to no VG, or NULL.  0 or -errno. */
	int (*other_rows)(struct cli *c, struct rowset *rs, struct args *a);
	/* Could argument @arg name something in the VG @name (UUID @uuid)?  Only
	 * those VGs are opened, and locked. */
	bool (*wants_vg)(struct cli *c, const char *arg, const char *name, const char *uuid);
	/* Says why argument @arg, which got as far as @seen, named nothing. */
	void (*missing)(struct cli *c, const char *arg, unsigned char seen);
	/* lvs: an exported VG shows nothing (an error when an argument names it). */
	bool skip_exported;
};

/* Appends a row (its seq is set here).  0 or -ENOMEM. */
int rowset_add(struct rowset *rs, struct report_obj o);
/* Memory that lives as long as the rows, not zeroed; NULL if there is none. */
void *rowset_alloc(struct rowset *rs, size_t size);

/* The rows of kind @type that the arguments @a name, in the order they are
 * found (VGs by name, then their objects in metadata order), with lvm2's
 * message for each argument that names nothing.  0 or -errno (the rows
 * found are kept).  Free them with rowset_free(). */
int report_collect(struct cli *c, enum report_type type, struct args *a, struct rowset *rs);
void rowset_free(struct rowset *rs);

/* Calls @fn for each segment of @pv (a member of @vg) in extent order: each
 * run of extents that segment @seg of @lv uses, and each free run between
 * (@lv NULL; one empty run for a PV without extents).  Stops at the first
 * non-zero return, which it returns (or -ENOMEM). */
int pv_segment_walk(struct vol_vg *vg, const struct vol_pv *pv,
		    int (*fn)(uint64_t start, uint64_t len, struct vol_lv *lv, size_t seg, void *usr),
		    void *usr);

/* Indexed by enum report_type. */
extern const struct report_kind report_kinds[];

#endif
