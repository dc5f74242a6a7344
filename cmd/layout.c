/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The layouts of pvs, vgs and lvs, as lvm2 prints them: aligned tables,
 * --separator, --rows, --nameprefixes and JSON.  Every line starts with
 * lvm2's two-space indent.
 */
#include <errno.h>
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

/* --separator, and --nameprefixes (LVM2_PV_NAME='/dev/sda' ..., for the
 * shell): headings and cells joined by the separator, unpadded. */
static void print_plain(const struct layout *l, const struct layout_opts *o)
{
	const char *sep = o->separator ? o->separator : " ";
	const char *q = o->unquoted ? "" : "'";
	char up[64];

	if (o->headings) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++)
			printf("%s%s", i ? sep : "", l->cols[i]->heading);
		fputs(l->heading_sep ? sep : "", stdout);
		fputc('\n', stdout);
	}
	for (size_t r = 0; r < l->nrows; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++) {
			fputs(i ? sep : "", stdout);
			if (!o->nameprefixes) {
				fputs(cell(l, r, i), stdout);
				continue;
			}
			upper_name(l->cols[i]->name, up, sizeof(up));
			printf("LVM2_%s=%s%s%s", up, q, cell(l, r, i), q);
		}
		fputc('\n', stdout);
	}
}

/* --rows: one line per field; lvm2 separates the values by single spaces
 * (with --nameprefixes each value is LVM2_FIELD='value'). */
static void print_rows(const struct layout *l, const struct layout_opts *o)
{
	const char *sep = o->separator ? o->separator : " ";
	const char *q = o->unquoted ? "" : "'";
	char up[64];

	for (size_t i = 0; i < l->ncols; i++) {
		fputs("  ", stdout);
		if (o->headings)
			printf("%s%s", l->cols[i]->heading, l->nrows ? sep : "");
		upper_name(l->cols[i]->name, up, sizeof(up));
		for (size_t r = 0; r < l->nrows; r++) {
			fputs(r ? sep : "", stdout);
			if (o->nameprefixes)
				printf("LVM2_%s=%s%s%s", up, q, cell(l, r, i), q);
			else
				fputs(cell(l, r, i), stdout);
		}
		fputc('\n', stdout);
	}
}

/* ---------------------------------------------------------------- aligned tables */

static bool right_aligned(enum field_type t)
{
	return t == F_NUM || t == F_SNUM || t == F_SIZE || t == F_BOOL;
}

/* lvm2's width of column @i: its minimum (the heading's if it has none),
 * widened to its widest cell. */
static int col_width(const struct layout *l, size_t i)
{
	const struct field *f = l->cols[i];
	size_t w = f->width ? (size_t)f->width : strlen(f->heading);

	for (size_t r = 0; r < l->nrows; r++)
		if (strlen(cell(l, r, i)) > w)
			w = strlen(cell(l, r, i));
	return w > 4096 ? 4096 : (int)w;
}

/* Every cell padded to its column's width (the last one too), numbers to
 * the right; headings to the left, cut to the width as lvm2 does. */
static int print_aligned(const struct layout *l, const struct layout_opts *o)
{
	const char *sep = o->separator ? o->separator : " ";
	int *w = calloc(l->ncols + 1, sizeof(*w));

	if (!w)
		return -ENOMEM;
	for (size_t i = 0; i < l->ncols; i++)
		w[i] = col_width(l, i);
	if (o->headings) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++)
			printf("%s%-*.*s", i ? sep : "", w[i], w[i], l->cols[i]->heading);
		fputs(l->heading_sep ? sep : "", stdout);
		fputc('\n', stdout);
	}
	for (size_t r = 0; r < l->nrows; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < l->ncols; i++)
			printf(right_aligned(l->cols[i]->type) ? "%s%*s" : "%s%-*s", i ? sep : "",
			       w[i], cell(l, r, i));
		fputc('\n', stdout);
	}
	free(w);
	return 0;
}

/* ---------------------------------------------------------------- JSON */

/*
 * lvm2's JSON, byte for byte: one object per row on one line, "key":"value"
 * pairs separated by ", ", every value a string (numbers too).  json_std,
 * our extension, has the same layout with numbers as numbers, flags as
 * booleans, tag lists as arrays and values a field does not have as null.
 */
enum json_kind { J_TEXT, J_LIST, J_NUMBER, J_BOOLEAN };

static enum json_kind json_kind(const struct field *f, const struct layout_opts *o)
{
	if (o->format == FMT_JSON)
		return J_TEXT;
	switch (f->type) {
	case F_NUM:
	case F_SNUM:
		return J_NUMBER;
	case F_SIZE:
		return fmt_size_is_number(o->cell.units, o->cell.suffix) ? J_NUMBER : J_TEXT;
	case F_BOOL:	/* json_std cells of flags are made as with --binary */
		return o->cell.binary ? J_NUMBER : J_BOOLEAN;
	case F_TAGS:
		return J_LIST;
	default:
		return J_TEXT;
	}
}

/* lvm2 escapes quotes only; backslashes and control characters (which no
 * name, tag or path of a VG holds) are escaped too, so the JSON stays valid. */
static void json_string(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static bool is_number(const char *s)
{
	char *end;

	if (!*s || !strchr("-0123456789", *s))
		return false;
	(void)strtod(s, &end);
	return !*end;
}

static void json_value(const char *text, enum json_kind kind)
{
	switch (kind) {
	case J_NUMBER:
		if (is_number(text))
			fputs(text, stdout);
		else if (*text)
			json_string(text, strlen(text));
		else
			fputs("null", stdout);
		return;
	case J_BOOLEAN:
		fputs(!strcmp(text, "1") ? "true" : !strcmp(text, "0") ? "false" : "null", stdout);
		return;
	case J_LIST:
		putchar('[');
		for (const char *p = text; *p;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);

			if (p != text)
				putchar(',');
			json_string(p, l);
			p += l + (e ? 1 : 0);
		}
		putchar(']');
		return;
	default:
		json_string(text, strlen(text));
	}
}

static void print_json(const struct layout *l, const struct layout_opts *o)
{
	printf("  {\n      \"report\": [\n          {\n              \"%s\": [\n", l->name);
	for (size_t r = 0; r < l->nrows; r++) {
		fputs("                  {", stdout);
		for (size_t i = 0; i < l->ncols; i++) {
			printf("%s\"%s\":", i ? ", " : "", l->cols[i]->name);
			json_value(cell(l, r, i), json_kind(l->cols[i], o));
		}
		fputs(r + 1 < l->nrows ? "},\n" : "}\n", stdout);
	}
	printf("              ]\n          }\n      ]\n  }\n");
}

int layout_print(const struct layout *l, const struct layout_opts *o)
{
	/* JSON wins over the other layouts, so a script always gets JSON. */
	if (o->format != FMT_BASIC) {
		print_json(l, o);
		return 0;
	}
	if (!l->nrows)
		return 0;	/* nothing selected: lvm2 prints no headings either */
	if (o->rows)
		print_rows(l, o);
	else if (o->nameprefixes || (o->separator && !o->aligned))
		print_plain(l, o);
	else if (l->ncols)
		return print_aligned(l, o);
	return 0;
}
