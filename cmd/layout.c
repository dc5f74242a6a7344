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

/* The lines being made: one fwrite per 16 KiB rather than a printf per cell. */
struct line {
	char *p;
	size_t len, cap;
	bool failed;
};

/* Room for @n more bytes; false (and the line failed) without memory. */
static bool reserve(struct line *l, size_t n)
{
	if (l->len + n > l->cap) {
		size_t cap = (l->len + n) * 2 + 256;
		char *p = realloc(l->p, cap);

		if (!p) {
			l->failed = true;
			return false;
		}
		l->p = p;
		l->cap = cap;
	}
	return true;
}

static inline void put(struct line *l, const char *s, size_t n)
{
	if (l->len + n <= l->cap || reserve(l, n)) {
		memcpy(l->p + l->len, s, n);
		l->len += n;
	}
}

static inline void pad(struct line *l, size_t n)
{
	if (l->len + n <= l->cap || reserve(l, n)) {
		memset(l->p + l->len, ' ', n);
		l->len += n;
	}
}

/* Writes out the lines made so far. */
static void write_lines(struct line *l)
{
	if (!l->failed && l->len)
		fwrite(l->p, 1, l->len, stdout);
	l->len = 0;
}

/* Ends the line; the lines go out 16 KiB at a time (write_lines() at the end). */
static void flush_line(struct line *l)
{
	put(l, "\n", 1);
	if (l->len >= 16384)
		write_lines(l);
}

/* lvm2's width of column @i: its minimum (the heading's if it has none),
 * widened to its widest cell; @len holds every cell's length. */
static int col_width(const struct layout *l, const size_t *len, size_t i)
{
	const struct field *f = l->cols[i];
	size_t w = f->width ? (size_t)f->width : strlen(f->heading);

	for (size_t r = 0; r < l->nrows; r++)
		if (len[r * l->ncols + i] > w)
			w = len[r * l->ncols + i];
	return w > 4096 ? 4096 : (int)w;
}

/* Every cell padded to its column's width (the last one too), numbers to
 * the right; headings to the left, cut to the width as lvm2 does. */
static int print_aligned(const struct layout *l, const struct layout_opts *o)
{
	const char *sep = o->separator ? o->separator : " ";
	size_t nsep = strlen(sep), ncells = l->nrows * l->ncols;
	size_t *len = calloc(ncells + 1, sizeof(*len));
	int *w = calloc(l->ncols + 1, sizeof(*w));
	struct line ln = { 0 };
	int r = 0;

	if (!w || !len) {
		free(w);
		free(len);
		return -ENOMEM;
	}
	for (size_t c = 0; c < ncells; c++)
		len[c] = strlen(l->cells[c]);
	for (size_t i = 0; i < l->ncols; i++)
		w[i] = col_width(l, len, i);
	if (o->headings) {
		put(&ln, "  ", 2);
		for (size_t i = 0; i < l->ncols; i++) {
			size_t hl = strlen(l->cols[i]->heading);

			if (hl > (size_t)w[i])
				hl = (size_t)w[i];
			if (i)
				put(&ln, sep, nsep);
			put(&ln, l->cols[i]->heading, hl);
			pad(&ln, (size_t)w[i] - hl);
		}
		if (l->heading_sep)
			put(&ln, sep, nsep);
		flush_line(&ln);
	}
	for (size_t row = 0; row < l->nrows; row++) {
		put(&ln, "  ", 2);
		for (size_t i = 0; i < l->ncols; i++) {
			size_t c = row * l->ncols + i;
			size_t fill = len[c] < (size_t)w[i] ? (size_t)w[i] - len[c] : 0;

			if (i)
				put(&ln, sep, nsep);
			if (right_aligned(l->cols[i]->type))
				pad(&ln, fill);
			put(&ln, l->cells[c], len[c]);
			if (!right_aligned(l->cols[i]->type))
				pad(&ln, fill);
		}
		flush_line(&ln);
	}
	write_lines(&ln);
	if (ln.failed)
		r = -ENOMEM;
	free(ln.p);
	free(w);
	free(len);
	return r;
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
	case F_PERCENT:
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
static void json_string(struct line *ln, const char *s, size_t n)
{
	size_t run = 0;

	put(ln, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		char esc[8];

		if (ch != '"' && ch != '\\' && ch >= 0x20) {
			run++;
			continue;
		}
		put(ln, s + i - run, run);
		run = 0;
		if (ch == '"' || ch == '\\')
			snprintf(esc, sizeof(esc), "\\%c", ch);
		else
			snprintf(esc, sizeof(esc), "\\u%04x", ch);
		put(ln, esc, strlen(esc));
	}
	put(ln, s + n - run, run);
	put(ln, "\"", 1);
}

static bool is_number(const char *s)
{
	char *end;

	if (!*s || !strchr("-0123456789", *s))
		return false;
	(void)strtod(s, &end);
	return !*end;
}

static void puts_line(struct line *ln, const char *s)
{
	put(ln, s, strlen(s));
}

static void json_value(struct line *ln, const char *text, enum json_kind kind)
{
	switch (kind) {
	case J_NUMBER:
		if (is_number(text))
			puts_line(ln, text);
		else if (*text)
			json_string(ln, text, strlen(text));
		else
			puts_line(ln, "null");
		return;
	case J_BOOLEAN:
		puts_line(ln, !strcmp(text, "1") ? "true" : !strcmp(text, "0") ? "false" : "null");
		return;
	case J_LIST:
		put(ln, "[", 1);
		for (const char *p = text; *p;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);

			if (p != text)
				put(ln, ",", 1);
			json_string(ln, p, l);
			p += l + (e ? 1 : 0);
		}
		put(ln, "]", 1);
		return;
	default:
		json_string(ln, text, strlen(text));
	}
}

static int print_json(const struct layout *l, const struct layout_opts *o)
{
	struct line ln = { 0 };
	enum json_kind *kind = calloc(l->ncols + 1, sizeof(*kind));
	int r = 0;

	if (!kind)
		return -ENOMEM;
	for (size_t i = 0; i < l->ncols; i++)
		kind[i] = json_kind(l->cols[i], o);
	printf("  {\n      \"report\": [\n          {\n              \"%s\": [\n", l->name);
	for (size_t row = 0; row < l->nrows; row++) {
		puts_line(&ln, "                  {");
		for (size_t i = 0; i < l->ncols; i++) {
			if (i)
				put(&ln, ", ", 2);
			put(&ln, "\"", 1);
			puts_line(&ln, l->cols[i]->name);
			put(&ln, "\":", 2);
			json_value(&ln, cell(l, row, i), kind[i]);
		}
		puts_line(&ln, row + 1 < l->nrows ? "}," : "}");
		flush_line(&ln);
	}
	write_lines(&ln);
	printf("              ]\n          }\n      ]\n  }\n");
	if (ln.failed)
		r = -ENOMEM;
	free(ln.p);
	free(kind);
	return r;
}

int layout_print(const struct layout *l, const struct layout_opts *o)
{
	/* JSON wins over the other layouts, so a script always gets JSON. */
	if (o->format != FMT_BASIC)
		return print_json(l, o);
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
