/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The layouts of a report, once every cell is text: lvm2's aligned table
 * (and --separator with --aligned), --separator, --rows, --nameprefixes,
 * and --reportformat json and json_std.
 */
#ifndef VOLUME_LAYOUT_H
#define VOLUME_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "field.h"

enum layout_format { FMT_BASIC, FMT_JSON, FMT_JSON_STD };

struct layout_opts {
	struct cell_fmt cell;	/* how the cells were made: json_std types follow it */
	enum layout_format format;
	bool headings;		/* not --noheadings */
	bool aligned;
	bool nameprefixes;
	bool unquoted;
	bool rows;
	const char *separator;	/* NULL: none given */
};

/* A report ready to print. */
struct layout {
	const char *name;		/* "pv": the name of JSON's list of rows */
	const struct field *const *cols;
	size_t ncols;
	char *const *cells;		/* nrows * ncols texts, row by row */
	size_t nrows;
	/* a compacted (hidden) column followed the last one shown: lvm2 then
	 * ends the heading line, and only it, with a separator */
	bool heading_sep;
};

/* Prints @l on stdout.  0, or -ENOMEM (output may be partial). */
int layout_print(const struct layout *l, const struct layout_opts *o);

#endif
