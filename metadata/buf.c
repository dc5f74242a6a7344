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

void md_buf_put(struct md_buf *b, const char *s, size_t n)
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

void md_buf_putc(struct md_buf *b, char c)
{
	md_buf_put(b, &c, 1);
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
