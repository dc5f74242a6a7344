/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Report fields: finding them by name, their help, their values as text. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "units.h"

/* lvm2's comparison of field names: in any case, underscores ignored. */
static bool same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == '_')
			a++;
		while (*b == '_')
			b++;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		if (!*a)
			return true;
	}
}

static const struct field *tables_field(const struct field_table *const *tables,
					const char *name)
{
	for (size_t k = 0; tables[k]; k++)
		for (size_t i = 0; i < tables[k]->n; i++)
			if (same_name(tables[k]->fields[i].name, name))
				return &tables[k]->fields[i];
	return NULL;
}

const struct field *field_find(const struct field_table *const *tables, const char *name)
{
	const struct field *f = tables_field(tables, name);
	char full[64];

	if (f || !tables[0])
		return f;
	snprintf(full, sizeof(full), "%s_%s", tables[0]->prefix, name);
	return tables_field(tables, full);
}

bool field_in(const struct field *f, const struct field_table *t)
{
	return f >= t->fields && f < t->fields + t->n;
}

const struct field_table *field_find_all(const struct field_table *const *tables,
					 const char *name)
{
	size_t l;

	for (size_t k = 0; tables[k]; k++) {
		l = strlen(tables[k]->prefix);
		if (!strncmp(name, tables[k]->prefix, l) && !strcmp(name + l, "_all"))
			return tables[k];
	}
	return NULL;
}

void field_help(const struct field_table *const *tables)
{
	for (size_t k = 0; tables[k]; k++) {
		const struct field_table *t = tables[k];
		char all[32];

		snprintf(all, sizeof(all), "%s_all", t->prefix);
		/* on stderr, as lvm2 prints it */
		fprintf(stderr, "%s  %s Fields\n  -------------------------------\n", k ? "\n" : "",
			t->title);
		fprintf(stderr, "    %-26s - %s\n", all, "All fields in this section.");
		for (size_t i = 0; i < t->n; i++)
			fprintf(stderr, "    %-26s - %s\n", t->fields[i].name, t->fields[i].help);
	}
}

int field_value(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	/* member by member: v->small is only read after a getter wrote it */
	v->type = f->type;
	v->n = 0;
	v->b = false;
	v->s = "";
	v->key = NULL;
	v->lit = false;
	v->small[0] = '\0';
	v->own = NULL;
	return f->get(f, o, v);
}

void field_val_done(struct field_val *v)
{
	free(v->own);
	v->own = NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Tags are shown sorted and comma-separated, as lvm2 does. */
int field_val_tags(struct field_val *v, size_t n, const char *(*get)(const void *, size_t),
		   const void *obj)
{
	const char **sorted = n ? calloc(n, sizeof(*sorted)) : NULL;
	size_t len = 1;
	char *p;

	if (!n)
		return 0;
	if (!sorted)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		sorted[i] = get(obj, i);
		len += strlen(sorted[i]) + 1;
	}
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	if ((v->own = p = malloc(len))) {
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%s%s", i ? "," : "", sorted[i]);
		v->s = v->own;
	}
	free(sorted);
	return v->own ? 0 : -ENOMEM;
}

int field_get_blank(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	(void)f;
	(void)o;
	v->lit = true;
	return 0;
}

int field_get_unknown(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	(void)f;
	(void)o;
	v->lit = true;
	v->s = "unknown";
	return 0;
}

/* Decimal digits of @n at the end of @buf (len at least 22): their start. */
static char *decimal(uint64_t n, bool neg, char *buf, size_t len)
{
	char *p = buf + len;

	*--p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10));
	if (neg)
		*--p = '-';
	return p;
}

const char *field_text(const struct field_val *v, const struct cell_fmt *fmt, char *buf,
		       size_t len)
{
	if (v->lit)
		return fmt->binary && v->type == F_BOOL && *v->s ? "-1" : v->s;
	switch (v->type) {
	case F_SIZE:
		fmt_size_factor(v->n, fmt->units, fmt->factor, fmt->suffix, buf, len);
		return buf;
	case F_NUM:
		return decimal(v->n, false, buf, len);
	case F_PERCENT:
		fmt_percent((int32_t)v->n, buf, len);
		return buf;
	case F_SNUM:
		return (int64_t)v->n < 0 ? decimal(0 - v->n, true, buf, len) : decimal(v->n, false, buf, len);
	case F_BOOL:
		if (fmt->binary)
			return v->b ? "1" : "0";
		return v->b ? v->s : "";
	default:
		return v->s;
	}
}

char *field_cell(const struct field_val *v, const struct cell_fmt *fmt)
{
	char tmp[64];

	return strdup(field_text(v, fmt, tmp, sizeof(tmp)));
}

int field_cmp(const struct field_val *a, const struct field_val *b)
{
	/* A signed number sorts as lvm2's does: as the unsigned 64-bit number
	 * it casts to, so -1 (none) comes after every other value. */
	if (a->type == F_NUM || a->type == F_SIZE || a->type == F_SNUM || a->type == F_PERCENT)
		return a->n < b->n ? -1 : a->n > b->n;
	if (a->type == F_BOOL)
		return (int)a->b - (int)b->b;
	return strcmp(a->key ? a->key : a->s, b->key ? b->key : b->s);
}
