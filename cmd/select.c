/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -S/--select: parsing a selection into a tree, and matching rows with it. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "units.h"

enum sel_op { S_EQ, S_NE, S_LT, S_LE, S_GT, S_GE, S_RE, S_NRE };

struct sel {
	enum { S_CMP, S_AND, S_OR, S_NOT } kind;
	struct sel *a, *b;		/* S_AND, S_OR: both; S_NOT: a */
	const struct field *field;	/* S_CMP: field op value */
	enum sel_op op;
	char *value;
	char list;	/* '[' exact set, '{' subset, 0 plain */
	uint64_t num;	/* the value of a number or size */
	regex_t re;
	bool have_re;
};

struct sel_parser {
	const char *p;
	const struct field_table *const *tables;
	const char *error;	/* what is wrong; NULL when parsing stopped for lack of memory */
};

static void skip_ws(struct sel_parser *sp)
{
	while (*sp->p == ' ' || *sp->p == '\t')
		sp->p++;
}

static struct sel *sel_new(int kind)
{
	struct sel *s = calloc(1, sizeof(*s));

	if (s)
		s->kind = kind;
	return s;
}

void sel_free(struct sel *s)
{
	if (!s)
		return;
	sel_free(s->a);
	sel_free(s->b);
	if (s->have_re)
		regfree(&s->re);
	free(s->value);
	free(s);
}

static struct sel *parse_or(struct sel_parser *sp);

/* A name or a value: up to a character of @stop, or quoted, or a list. */
static char *sel_word(struct sel_parser *sp, const char *stop)
{
	const char *s = sp->p;
	char q = *s;

	if (q == '"' || q == '\'' || q == '[' || q == '{') {
		char close = q == '[' ? ']' : q == '{' ? '}' : q;
		const char *e = strchr(s + 1, close);

		if (!e) {
			sp->error = "unterminated quoted value or list";
			return NULL;
		}
		sp->p = e + 1;
		/* Lists keep their brackets so the comparison knows their kind. */
		return q == '[' || q == '{' ? strndup(s, (size_t)(e - s + 1))
					    : strndup(s + 1, (size_t)(e - s - 1));
	}
	while (*sp->p && !strchr(stop, *sp->p))
		sp->p++;
	if (sp->p == s) {
		sp->error = "missing field name or value";
		return NULL;
	}
	return strndup(s, (size_t)(sp->p - s));
}

/* A signed decimal number, kept in @out as int64_t. */
static int parse_int(const char *s, uint64_t *out)
{
	bool neg = *s == '-';

	if (parse_uint(s + neg, (uint64_t)INT64_MAX, out))
		return -EINVAL;
	*out = neg ? (uint64_t)-(int64_t)*out : *out;
	return 0;
}

/* A percent ("100", "99.5", "50%") in millionths of one, as lvm2 reads it. */
static int parse_percent(const char *s, uint64_t *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(s, &end);
	if (end == s || errno || (*end && strcmp(end, "%")) || d < 0 || d > 100)
		return -EINVAL;
	*out = (uint64_t)(int64_t)(int32_t)(1000000 * d);
	return 0;
}

/* Checks the value of a comparison against its field's type and makes it ready. */
static int sel_prepare(struct sel_parser *sp, struct sel *s)
{
	enum field_type t = s->field->type;

	if (s->value[0] == '[' || s->value[0] == '{') {
		size_t l = strlen(s->value);

		if (t != F_TAGS || (s->op != S_EQ && s->op != S_NE)) {
			sp->error = "[...] and {...} lists compare tag fields with = or !=";
			return -1;
		}
		s->list = s->value[0];
		memmove(s->value, s->value + 1, l - 2);
		s->value[l - 2] = '\0';
		return 0;
	}
	if ((s->op == S_RE || s->op == S_NRE) && t == F_TAGS) {
		/* lvm2's words for a regex on a list field (tags, layout, role, modules) */
		static char msg[128];

		snprintf(msg, sizeof(msg), "dm_report: incompatible comparison type for selection field %s",
			 s->field->name);
		sp->error = msg;
		return -1;
	}
	if (s->op == S_RE || s->op == S_NRE) {
		if (regcomp(&s->re, s->value, REG_EXTENDED | REG_NOSUB)) {
			sp->error = "invalid regular expression";
			return -1;
		}
		s->have_re = true;
		return 0;
	}
	if (t == F_SIZE && parse_size(s->value, 'm', &s->num)) {
		sp->error = "invalid size value";
		return -1;
	}
	if ((t == F_NUM && parse_uint(s->value, UINT64_MAX, &s->num)) ||
	    (t == F_SNUM && parse_int(s->value, &s->num))) {
		sp->error = "invalid number";
		return -1;
	}
	if (t == F_PERCENT && parse_percent(s->value, &s->num)) {
		sp->error = "invalid percent value (0 to 100, with an optional %)";
		return -1;
	}
	if ((t == F_STR || t == F_TAGS || t == F_BOOL) && s->op != S_EQ && s->op != S_NE) {
		sp->error = "only =, !=, =~ and !~ compare strings";
		return -1;
	}
	return 0;
}

/* FIELD OP VALUE, after the field's name. */
static struct sel *parse_op_value(struct sel_parser *sp, const struct field *f)
{
	static const struct { const char *tok; enum sel_op op; } ops[] = {
		{ "=~", S_RE }, { "!~", S_NRE }, { "!=", S_NE }, { "<=", S_LE }, { ">=", S_GE },
		{ "=", S_EQ }, { "<", S_LT }, { ">", S_GT },
	};
	struct sel *s;

	skip_ws(sp);
	if (!(s = sel_new(S_CMP)))
		return NULL;
	s->field = f;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(sp->p, ops[i].tok, strlen(ops[i].tok))) {
			s->op = ops[i].op;
			sp->p += strlen(ops[i].tok);
			skip_ws(sp);
			if (!(s->value = sel_word(sp, " \t()&|")) || sel_prepare(sp, s)) {
				sel_free(s);
				return NULL;
			}
			return s;
		}
	sp->error = "missing comparison operator";
	sel_free(s);
	return NULL;
}

/* A comparison, a negation or a parenthesised expression. */
static struct sel *parse_cmp(struct sel_parser *sp)
{
	const struct field *f;
	struct sel *s;
	char *name;

	skip_ws(sp);
	if (*sp->p == '(') {
		sp->p++;
		s = parse_or(sp);
		skip_ws(sp);
		if (s && *sp->p != ')') {
			sp->error = "missing ')'";
			sel_free(s);
			return NULL;
		}
		sp->p++;
		return s;
	}
	if (*sp->p == '!' && sp->p[1] != '=' && sp->p[1] != '~') {
		sp->p++;
		s = sel_new(S_NOT);
		if (s && !(s->a = parse_cmp(sp))) {
			sel_free(s);
			return NULL;
		}
		return s;
	}
	if (!(name = sel_word(sp, "=!<>~ \t()&|")))
		return NULL;
	f = field_find(sp->tables, name);
	free(name);
	if (!f) {
		sp->error = "unknown field";
		return NULL;
	}
	return parse_op_value(sp, f);
}

/* @tok-separated operands of @next, folded left into @kind nodes. */
static struct sel *parse_chain(struct sel_parser *sp, const char *tok, int kind,
			       struct sel *(*next)(struct sel_parser *))
{
	struct sel *l = next(sp);

	for (skip_ws(sp); l && !strncmp(sp->p, tok, 2); skip_ws(sp)) {
		struct sel *n = sel_new(kind);

		sp->p += 2;
		if (!n || !(n->b = next(sp))) {
			free(n);
			sel_free(l);
			return NULL;
		}
		n->a = l;
		l = n;
	}
	return l;
}

static struct sel *parse_and(struct sel_parser *sp)
{
	return parse_chain(sp, "&&", S_AND, parse_cmp);
}

static struct sel *parse_or(struct sel_parser *sp)
{
	return parse_chain(sp, "||", S_OR, parse_and);
}

int sel_parse(const char *text, const struct field_table *const *tables, struct sel **out,
	      const char **why)
{
	struct sel_parser sp = { text, tables, NULL };
	struct sel *s = parse_or(&sp);

	skip_ws(&sp);
	if (s && *sp.p)
		sp.error = "unexpected text after the expression";
	if (!s || sp.error) {
		sel_free(s);
		*why = sp.error;
		return sp.error ? -EINVAL : -ENOMEM;
	}
	*out = s;
	return 0;
}

bool sel_uses(const struct sel *s, const struct field_table *t)
{
	if (!s)
		return false;
	if (s->kind == S_CMP)
		return field_in(s->field, t);
	return sel_uses(s->a, t) || sel_uses(s->b, t);
}

/* ---------------------------------------------------------------- matching */

/* Is every item of the comma list @want in the comma list @have? */
static bool list_contains(const char *have, const char *want)
{
	for (const char *p = want; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		bool found = false;

		while (l && *p == ' ') {
			p++;
			l--;
		}
		while (l && p[l - 1] == ' ')
			l--;
		for (const char *q = have; *q && !found;) {
			const char *f = strchr(q, ',');
			size_t m = f ? (size_t)(f - q) : strlen(q);

			found = m == l && !strncmp(q, p, l);
			q += m + (f ? 1 : 0);
		}
		if (!found && l)
			return false;
		p += l + (e ? 1 : 0);
	}
	return true;
}

static size_t list_len(const char *l)
{
	size_t n = *l ? 1 : 0;

	for (; *l; l++)
		n += *l == ',';
	return n;
}

/* 0 if the tags @have satisfy the comparison's value, 1 if not. */
static int tags_cmp(const struct sel *s, const char *have)
{
	if (!*s->value)		/* "" and [] mean: no tags */
		return *have ? 1 : 0;
	if (s->list == '[')	/* exactly this set */
		return list_contains(have, s->value) && list_len(have) == list_len(s->value) ? 0 : 1;
	return list_contains(have, s->value) ? 0 : 1;	/* contains (all of) it */
}

/* @v against the comparison's value: <0, 0, >0 as strcmp. */
static int value_cmp(const struct sel *s, const struct field_val *v)
{
	struct field_val lit = { .type = v->type, .n = s->num, .s = s->value };

	if (v->type == F_TAGS)
		return tags_cmp(s, v->s);
	if (v->type == F_SNUM)	/* signed here, where sorting has -1 last */
		return (int64_t)v->n < (int64_t)lit.n ? -1 : (int64_t)v->n > (int64_t)lit.n;
	if (v->type == F_BOOL)
		lit.b = !strcmp(s->value, "1") || !strcmp(s->value, v->s) ||
			!strcmp(s->value, "yes") || !strcmp(s->value, "true");
	return field_cmp(v, &lit);
}

static bool op_holds(enum sel_op op, int c)
{
	switch (op) {
	case S_EQ: return c == 0;
	case S_NE: return c != 0;
	case S_LT: return c < 0;
	case S_LE: return c <= 0;
	case S_GT: return c > 0;
	case S_GE: return c >= 0;
	default: return false;
	}
}

/* =~ and !~ match the text of the value, sizes in bytes. */
static int regex_match(const struct sel *s, const struct field_val *v)
{
	static const struct cell_fmt bytes = { .units = 'b', .suffix = false, .binary = false };
	char *text = field_cell(v, &bytes);
	int e;

	if (!text)
		return -ENOMEM;
	e = regexec(&s->re, text, 0, NULL, 0);
	free(text);
	/* POSIX allows REG_ESPACE here.  (glibc answers REG_NOMATCH even when
	 * it ran out of memory: that row is then not selected.) */
	if (e && e != REG_NOMATCH)
		return -ENOMEM;
	return !e == (s->op == S_RE);
}

static int cmp_match(const struct sel *s, sel_get_fn *get, const void *row)
{
	struct field_val v = { .own = NULL };
	int r = get(s->field, row, &v);

	if (!r && (s->op == S_RE || s->op == S_NRE))
		r = regex_match(s, &v);
	else if (!r && v.type == F_PERCENT && v.n > 100 * 1000000ull)
		r = 0;	/* no percent (inactive): lvm2 compares real percents only */
	else if (!r)
		r = op_holds(s->op, value_cmp(s, &v));
	field_val_done(&v);
	return r;
}

int sel_match(const struct sel *s, sel_get_fn *get, const void *row)
{
	int r;

	switch (s->kind) {
	case S_AND:
		r = sel_match(s->a, get, row);
		return r == 1 ? sel_match(s->b, get, row) : r;
	case S_OR:
		r = sel_match(s->a, get, row);
		return r == 0 ? sel_match(s->b, get, row) : r;
	case S_NOT:
		r = sel_match(s->a, get, row);
		return r < 0 ? r : !r;
	default:
		return cmp_match(s, get, row);
	}
}
