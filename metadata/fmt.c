/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The text writer's primitives: lines, sections, comments lined up at tab
 * stops, quoted strings, flag and tag arrays, kept unknown items.  The disk
 * form drops indentation and comments; the file form keeps both.  The lines
 * every LV repeats are written piece by piece, without printf, and their
 * comments are only composed for the file form.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

#define COMMENT_COLUMN 6	/* comments start at tab stop 6 when the text allows */
#define TAB_WIDTH 8

/* Indents (file form); returns where the line's text starts. */
static size_t line_start(struct md_fmt *f)
{
	if (f->file)
		for (int i = 0; i < f->indent; i++)
			md_buf_putc(f->b, '\t');
	return f->b->len;
}

/* Ends the line begun at @start: its comment (file form only), then a newline. */
static void line_end(struct md_fmt *f, size_t start, const char *comment)
{
	if (f->file && comment) {
		/* Line the comment up at a tab stop, as lvm2's files do. */
		size_t col = (f->b->len - start + TAB_WIDTH * (size_t)f->indent) / TAB_WIDTH + 1;

		do
			md_buf_putc(f->b, '\t');
		while (++col < COMMENT_COLUMN);
		md_buf_puts(f->b, comment);
	}
	md_buf_putc(f->b, '\n');
}

void md_fmt_line(struct md_fmt *f, const char *comment, const char *fmt, ...)
{
	size_t start = line_start(f);
	va_list ap;

	if (!strchr(fmt, '%')) {	/* a fixed line: "stripes = [", "]" */
		md_buf_puts(f->b, fmt);
	} else {
		va_start(ap, fmt);
		md_buf_vprintf(f->b, fmt, ap);
		va_end(ap);
	}
	line_end(f, start, comment);
}

long md_fmt_utc_offset(const struct md_export_opts *o, uint64_t t)
{
	return o->utc_offset_at ? o->utc_offset_at(t) : o->utc_offset;
}

void md_fmt_nl(struct md_fmt *f)
{
	md_buf_putc(f->b, '\n');
}

void md_fmt_open(struct md_fmt *f, const char *name)
{
	size_t start = line_start(f);

	md_buf_puts(f->b, name);
	md_buf_put(f->b, " {", 2);
	line_end(f, start, NULL);
	f->indent++;
}

void md_fmt_close(struct md_fmt *f)
{
	size_t start;

	f->indent--;
	start = line_start(f);
	md_buf_putc(f->b, '}');
	line_end(f, start, NULL);
}

/* "key = " */
static size_t key_start(struct md_fmt *f, const char *key)
{
	size_t start = line_start(f);

	md_buf_puts(f->b, key);
	md_buf_put(f->b, " = ", 3);
	return start;
}

void md_fmt_u64(struct md_fmt *f, const char *comment, const char *key, uint64_t v)
{
	size_t start = key_start(f, key);

	md_buf_u64(f->b, v);
	line_end(f, start, comment);
}

void md_fmt_u64_size(struct md_fmt *f, const char *key, uint64_t v, uint64_t sectors)
{
	char c[MD_FMT_COMMENT_SIZE];

	md_fmt_u64(f, f->file ? md_fmt_size(c, sizeof(c), sectors) : NULL, key, v);
}

/* "# 4 Megabytes" for a size in sectors. */
const char *md_fmt_size(char *buf, size_t len, uint64_t sectors)
{
	static const char *const units[] = { "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
					     "Petabytes", "Exabytes" };
	double d = (double)sectors / 2.0;
	unsigned u = 0;

	while (d > 1024.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
		d /= 1024.0;
		u++;
	}
	snprintf(buf, len, "# %g %s", d, units[u]);
	return buf;
}

const char *md_fmt_quote(struct md_fmt *f, struct md_buf *q, const char *s)
{
	md_buf_init(q);
	md_buf_quoted(q, s);
	if (!q->err)
		return q->p;
	f->b->err = q->err;
	return NULL;
}

void md_fmt_quoted(struct md_fmt *f, const char *comment, const char *key, const char *val)
{
	size_t start = key_start(f, key);

	md_buf_quoted(f->b, val);
	line_end(f, start, comment);
}

static void strv_line(struct md_fmt *f, const char *key, const char *const *v, uint32_t n,
		      const char *const *v2, uint32_t n2)
{
	size_t start = key_start(f, key);

	md_buf_putc(f->b, '[');
	for (uint32_t i = 0; i < n + n2; i++) {
		if (i)
			md_buf_put(f->b, ", ", 2);
		md_buf_quoted(f->b, i < n ? v[i] : v2[i - n]);
	}
	md_buf_putc(f->b, ']');
	line_end(f, start, NULL);
}

void md_fmt_flags(struct md_fmt *f, const char *key, enum md_flag_set set,
		  const struct md_flags *fl)
{
	const char *words[MD_FLAG_BITS];
	uint32_t n = 0;
	size_t start, at;

	if (!fl->n_unknown && f->flags_seen[set].len && f->flags_seen[set].known == fl->known) {
		start = key_start(f, key);
		md_buf_put(f->b, f->flags_seen[set].text, f->flags_seen[set].len);
		line_end(f, start, NULL);
		return;
	}
	for (unsigned bit = 0; bit < MD_FLAG_BITS && fl->known >> bit; bit++)
		if ((fl->known & (1u << bit)) && md_flag_name(set, bit))
			words[n++] = md_flag_name(set, bit);
	at = f->b->len + strlen(key) + 3 + (f->file ? (size_t)f->indent : 0);
	strv_line(f, key, words, n, fl->unknown, fl->n_unknown);
	/* the "[...]" just written, for the next object with the same words */
	if (!fl->n_unknown && !f->b->err && f->b->len - 1 - at < sizeof(f->flags_seen[set].text)) {
		f->flags_seen[set].known = fl->known;
		f->flags_seen[set].len = (uint8_t)(f->b->len - 1 - at);
		memcpy(f->flags_seen[set].text, f->b->p + at, f->flags_seen[set].len);
	}
}

void md_fmt_tags(struct md_fmt *f, const struct md_strv *tags)
{
	if (tags->n)
		strv_line(f, "tags", tags->v, tags->n, NULL, 0);
}

void md_fmt_extra(struct md_fmt *f, const struct md_cn *cn, bool sections)
{
	for (; cn; cn = cn->next)
		if (cn->section == sections)
			md_cn_write(f->b, cn, f->file ? f->indent : -1);
}
