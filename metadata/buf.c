/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define BUF_FIRST_CAP 4096	/* a VG text of a few LVs fits without a realloc */

void md_buf_init(struct md_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void md_buf_free(struct md_buf *b)
{
	free(b->p);
	md_buf_init(b);
}

static int grow(struct md_buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : BUF_FIRST_CAP;
	char *p;

	if (b->err)
		return b->err;
	if (more > SIZE_MAX / 2 - b->len)
		return b->err = -ENOMEM;
	if (b->len + more + 1 <= b->cap)
		return 0;
	while (cap < b->len + more + 1)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p)
		return b->err = -ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

void md_buf_put_grow(struct md_buf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void md_buf_puts(struct md_buf *b, const char *s)
{
	md_buf_put(b, s, strlen(s));
}

void md_buf_u64(struct md_buf *b, uint64_t v)
{
	char d[24], *e = d + sizeof(d), *p = e;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	md_buf_put(b, p, (size_t)(e - p));
}

void md_buf_i64(struct md_buf *b, int64_t v)
{
	if (v < 0) {
		md_buf_putc(b, '-');
		md_buf_u64(b, (uint64_t)0 - (uint64_t)v);
		return;
	}
	md_buf_u64(b, (uint64_t)v);
}

void md_buf_vprintf(struct md_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->err = -EINVAL;
		return;
	}
	if (grow(b, (size_t)n))
		return;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void md_buf_printf(struct md_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	md_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void md_buf_quoted(struct md_buf *b, const char *s)
{
	md_buf_putc(b, '"');
	for (const char *p = s; *p; p++) {
		size_t run = strcspn(p, "\"\\");

		md_buf_put(b, p, run);
		p += run;
		if (!*p)
			break;
		md_buf_putc(b, '\\');
		md_buf_putc(b, *p);
	}
	md_buf_putc(b, '"');
}
