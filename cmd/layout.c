/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The layouts of pvs and vgs.  Aligned tables and JSON are drawn by
 * libsmartcols; --separator, --rows and --nameprefixes are plain lines.
 * Every line starts with lvm2's two-space indent.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "units.h"

static const char *cell(const struct layout *l, size_t row, size_t col)
{
	return l->cells[row * l->ncols + col];
}

/* ---------------------------------------------------------------- plain lines */

static void upper_name(const char *name, char *out, size_t len)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < len; i++)
		out[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	out[i] = '\0';
}

/* LVM2_PV_NAME='/dev/sda' ...: one line per row, for the shell. */
static void print_nameprefixes(const struct layout *l, const struct layout_opts *o)
{
	const char *q = o->unquoted ? "" : "'";

	for (size_t r = 0; r < l->nrows; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++) {
			char up[64];

			upper_name(l->cols[i]->name, up, sizeof(up));
			printf("%sLVM2_%s=%s%s%s", i ? (o->separator ? o->separator : " ") : "", up,
			       q, cell(l, r, i), q);
		}
		fputc('\n', stdout);
	}
}

static void print_separated(const struct layout *l, const struct layout_opts *o)
{
	if (o->headings) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++)
			printf("%s%s", i ? o->separator : "", l->cols[i]->heading);
		fputc('\n', stdout);
	}
	for (size_t r = 0; r < l->nrows; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++)
			printf("%s%s", i ? o->separator : "", cell(l, r, i));
		fputc('\n', stdout);
	}
}

/* --rows: one line per field; lvm2 separates the values by single spaces. */
static void print_rows(const struct layout *l, const struct layout_opts *o)
{
	const char *sep = o->separator ? o->separator : " ";

	for (size_t i = 0; i < l->ncols; i++) {
		fputs("  ", stdout);
		if (o->headings)
			printf("%s%s", l->cols[i]->heading, l->nrows ? sep : "");
		for (size_t r = 0; r < l->nrows; r++)
			printf("%s%s", r ? sep : "", cell(l, r, i));
		fputc('\n', stdout);
	}
}

/* ---------------------------------------------------------------- libsmartcols */

/* Prints @data (a libsmartcols rendering) with every line indented by @indent. */
static void print_indented(const char *data, const char *indent)
{
	for (const char *p = data; *p;) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		printf("%s%.*s\n", indent, (int)l, p);
		p += l + (e ? 1 : 0);
	}
}

static int render(struct libscols_table *tb, const char *indent)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f;
	int r;

	/* libsmartcols refuses a table without columns (-o -pv_all, ...): print
	 * no rows.  (lvm2 prints an empty line or {} per row.) */
	if (!scols_table_get_ncols(tb))
		return 0;
	if (!(f = open_memstream(&data, &len)))
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	r = scols_print_table(tb);
	/* A memory stream that cannot grow fails its writes, or leaves no buffer. */
	if ((ferror(f) | fclose(f) || !data) && !r)
		r = -ENOMEM;
	if (!r)
		print_indented(data, indent);
	free(data);
	return r;
}

static bool right_aligned(enum field_type t)
{
	return t == F_NUM || t == F_SIZE || t == F_BOOL;
}

/* Column @i of the aligned table. */
static int table_column(struct libscols_table *tb, const struct layout *l, size_t i)
{
	const struct field *f = l->cols[i];
	bool right = right_aligned(f->type);
	size_t w = strlen(f->heading);
	char head[64];

	if ((size_t)f->width > w)
		w = (size_t)f->width;
	/* Number cells go right, but headings stay left-aligned as in lvm2:
	 * pad the heading to the column's width. */
	for (size_t r = 0; right && r < l->nrows; r++)
		if (strlen(cell(l, r, i)) > w)
			w = strlen(cell(l, r, i));
	snprintf(head, sizeof(head), "%-*s", (int)(w < 63 ? w : 63), f->heading);
	return scols_table_new_column(tb, head, (double)w, right ? SCOLS_FL_RIGHT : 0) ? 0
										       : -ENOMEM;
}

/*
 * How a column's cells go into JSON.  libsmartcols types a column as a
 * string, a number or a boolean and writes the value itself, but it writes
 * an empty string as null where lvm2 writes "" (the vg_name of an orphan
 * PV), escapes control characters differently and puts the items of a list
 * one per line.  So numbers and flags use its types, and the text cells
 * (every cell of lvm2's "json", which quotes numbers too) are handed over
 * as finished JSON literals in a NUMBER column, which it prints as is.
 */
enum json_kind { J_TEXT, J_LIST, J_NUMBER, J_BOOLEAN };

static enum json_kind json_kind(const struct field *f, const struct layout_opts *o)
{
	if (o->format == FMT_JSON)
		return J_TEXT;
	switch (f->type) {
	case F_NUM:
		return J_NUMBER;
	case F_SIZE:
		return fmt_size_is_number(o->cell.units, o->cell.suffix) ? J_NUMBER : J_TEXT;
	case F_BOOL:
		return o->cell.binary ? J_NUMBER : J_BOOLEAN;
	case F_TAGS:
		return J_LIST;
	default:
		return J_TEXT;
	}
}

static int json_column(struct libscols_table *tb, const struct layout *l, size_t i,
		       const struct layout_opts *o)
{
	struct libscols_column *cl = scols_table_new_column(tb, l->cols[i]->name, 0, 0);
	bool boolean = json_kind(l->cols[i], o) == J_BOOLEAN;

	if (!cl || scols_column_set_json_type(cl, boolean ? SCOLS_JSON_BOOLEAN : SCOLS_JSON_NUMBER))
		return -ENOMEM;
	return 0;
}

static void json_string(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* A text cell as a JSON string, a tag list as an array of strings; malloc'd. */
static char *json_literal(const char *text, enum json_kind kind)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	if (!f)
		return NULL;
	if (kind == J_LIST) {
		fputc('[', f);
		for (const char *p = text; *p;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);

			if (p != text)
				fputc(',', f);
			json_string(f, p, l);
			p += l + (e ? 1 : 0);
		}
		fputc(']', f);
	} else {
		json_string(f, text, strlen(text));
	}
	if (ferror(f) | fclose(f)) {
		free(data);
		return NULL;
	}
	return data;	/* NULL if the stream could not keep its buffer */
}

static int json_cell(struct libscols_line *ln, size_t i, const char *text, enum json_kind kind)
{
	char *lit;

	if (kind == J_NUMBER)
		return scols_line_set_data(ln, i, text);
	if (kind == J_BOOLEAN)	/* a flag's cell is its name when set, empty when not */
		return scols_line_set_data(ln, i, *text ? "1" : "0");
	if (!(lit = json_literal(text, kind)) || scols_line_refer_data(ln, i, lit)) {
		free(lit);
		return -ENOMEM;
	}
	return 0;
}

static int add_lines(struct libscols_table *tb, const struct layout *l,
		     const struct layout_opts *o)
{
	bool json = o->format != FMT_BASIC;

	for (size_t r = 0; r < l->nrows; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			return -ENOMEM;
		for (size_t i = 0; i < l->ncols; i++) {
			int e = json ? json_cell(ln, i, cell(l, r, i), json_kind(l->cols[i], o))
				     : scols_line_set_data(ln, i, cell(l, r, i));

			if (e)
				return -ENOMEM;
		}
	}
	return 0;
}

static int new_table(struct libscols_table *tb, const struct layout *l,
		     const struct layout_opts *o)
{
	bool json = o->format != FMT_BASIC;
	int r = 0;

	if (scols_table_set_name(tb, l->name))
		return -ENOMEM;
	scols_table_enable_noheadings(tb, !o->headings);
	if (json) {
		scols_table_enable_json(tb, 1);
	} else if (o->separator) {
		if (scols_table_set_column_separator(tb, o->separator))
			return -ENOMEM;
		scols_table_enable_raw(tb, !o->aligned);
	}
	for (size_t i = 0; i < l->ncols && !r; i++)
		r = json ? json_column(tb, l, i, o) : table_column(tb, l, i);
	return r ? r : add_lines(tb, l, o);
}

static int print_scols(const struct layout *l, const struct layout_opts *o)
{
	struct libscols_table *tb = scols_new_table();
	int r = tb ? new_table(tb, l, o) : -ENOMEM;

	if (!r && o->format == FMT_BASIC) {
		r = render(tb, "  ");
	} else if (!r) {
		/* lvm2 wraps the rows in {"report": [{"pv": [...]}]}, a nesting that
		 * libsmartcols does not make: it draws the inner object only.  Its
		 * rows take a line per value where lvm2 puts each row on one line:
		 * the same JSON, not the same bytes. */
		printf("  {\n      \"report\": [\n");
		r = render(tb, "          ");
		printf("      ]\n  }\n");
	}
	scols_unref_table(tb);
	return r;
}

int layout_print(const struct layout *l, const struct layout_opts *o)
{
	/* JSON wins over the other layouts, so a script always gets JSON. */
	if (o->format != FMT_BASIC)
		return print_scols(l, o);
	if (!l->nrows)
		return 0;	/* nothing selected: lvm2 prints no headings either */
	if (o->nameprefixes)
		print_nameprefixes(l, o);
	else if (o->rows)
		print_rows(l, o);
	else if (o->separator && !o->aligned)
		print_separated(l, o);
	else
		return print_scols(l, o);
	return 0;
}
