/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/select.c: the -S selection language, parsed over fields of our own
 * and matched against rows of our own, through the value callback.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "select.h"

enum { NAME, SIZE, COUNT, ALLOC, TAGS, BAD, VG_NAME, VG_TAGS };

static const struct field pv_fields[] = {
	{ "pv_name", "PV", F_STR, 10, "Name.", NAME, NULL },
	{ "pv_size", "PSize", F_SIZE, 5, "Size.", SIZE, NULL },
	{ "pv_pe_count", "PE", F_NUM, 3, "Extents.", COUNT, NULL },
	{ "pv_allocatable", "Allocatable", F_BOOL, 11, "Flag.", ALLOC, NULL },
	{ "pv_tags", "PV Tags", F_TAGS, 7, "Tags.", TAGS, NULL },
	{ "pv_bad", "Bad", F_STR, 3, "A value that cannot be built.", BAD, NULL },
};
static const struct field vg_fields[] = {
	{ "vg_name", "VG", F_STR, 4, "Name.", VG_NAME, NULL },
	{ "vg_tags", "VG Tags", F_TAGS, 7, "Tags.", VG_TAGS, NULL },
};
static const struct field_table pv_fake = { "Physical Volume", "pv", pv_fields, 6 };
static const struct field_table vg_fake = { "Volume Group", "vg", vg_fields, 2 };
static const struct field_table *const tables[] = { &pv_fake, &vg_fake, NULL };

struct row {
	const char *name;
	uint64_t size, count;
	bool alloc;
	const char *tags, *vg, *vg_tags;
};

static const struct row rows[] = {
	{ "/dev/sda", 60ull << 20, 15, true, "alpha,beta", "vg0", "x" },
	{ "/dev/sdb", 1ull << 30, 256, false, "", "", "" },
	{ "/dev/loop3", 4096, 0, true, "gamma", "vg1", "x,y" },
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static int get_calls;

/* As a field getter does: lists are built (and freed by the selection). */
static int get(const struct field *f, const void *row, struct field_val *v)
{
	const struct row *r = row;

	get_calls++;
	memset(v, 0, sizeof(*v));
	v->type = f->type;
	v->s = "";
	switch (f->id) {
	case NAME: v->s = r->name; break;
	case SIZE: v->n = r->size; break;
	case COUNT: v->n = r->count; break;
	case ALLOC: v->b = r->alloc; v->s = "allocatable"; break;
	case TAGS: v->s = v->own = strdup(r->tags); break;
	case VG_NAME: v->s = r->vg; break;
	case VG_TAGS: v->s = v->own = strdup(r->vg_tags); break;
	case BAD: return -ENOMEM;
	}
	return v->s ? 0 : -ENOMEM;
}

static struct sel *parse_ok(const char *text)
{
	struct sel *s = NULL;
	const char *why = NULL;
	int r = sel_parse(text, tables, &s, &why);

	if (r)
		fail_msg("\"%s\" refused (%d): %s", text, r, why ? why : "?");
	assert_non_null(s);
	return s;
}

/* The rows @text selects, as a bit mask (row 0 = 1). */
static unsigned selected(const char *text)
{
	struct sel *s = parse_ok(text);
	unsigned mask = 0;

	for (size_t i = 0; i < NROWS; i++) {
		int m = sel_match(s, get, &rows[i]);

		if (m < 0)
			fail_msg("\"%s\" on row %zu: %d", text, i, m);
		assert_true(m == 0 || m == 1);
		mask |= (unsigned)m << i;
	}
	sel_free(s);
	return mask;
}

#define assert_selects(text, mask)                                                          \
	do {                                                                                \
		unsigned got_ = selected(text);                                             \
		if (got_ != (mask))                                                         \
			fail_msg("\"%s\" selects rows %#x, want %#x", (text), got_, (mask)); \
	} while (0)

static void refused(const char *text, const char *reason)
{
	struct sel *s = (struct sel *)&s;	/* must stay as it is */
	const char *why = NULL;

	if (sel_parse(text, tables, &s, &why) != -EINVAL)
		fail_msg("\"%s\" accepted", text);
	assert_ptr_equal(s, (struct sel *)&s);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", text, why, reason);
}

/* ---------------------------------------------------------------- parsing */

static void test_parse_forms(void **state)
{
	static const char *const ok[] = {
		"pv_name = a", "pv_name=a", "  pv_name \t=  a  ", "pv_name = \"a b\"",
		"pv_name = 'a b'", "pv_name = \"\"", "(pv_name = a)", "((pv_name = a))",
		"!(pv_name = a)", "! pv_name = a", "!!pv_name = a", "pv_name != a",
		"pv_size < 1", "pv_size <= 1k", "pv_size > 1.5g", "pv_size >= 4096b",
		"pv_name =~ \"^/dev/(sd|vd)\"", "pv_name !~ loop", "pv_tags = [a,b]", "pv_tags = {a}",
		"pv_tags = []", "pv_name = a && pv_size > 1 || !(vg_name = b)", "size > 1",
		"name = a", "vg_tags = x", "pv_name = a&&pv_name = b||pv_name = c",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		sel_free(parse_ok(ok[i]));
	sel_free(NULL);
}

static void test_parse_errors(void **state)
{
	(void)state;
	refused("nosuch = 1", "unknown field");
	refused("vg_size = 1", "unknown field");	/* not in these tables */
	refused("pv_name", "missing comparison operator");
	refused("pv_name a", "missing comparison operator");
	refused("pv_name ~ a", "missing comparison operator");
	refused("", "missing field name or value");
	refused("   ", "missing field name or value");
	refused("= a", "missing field name or value");
	refused("pv_name =", "missing field name or value");
	refused("pv_name = a &&", "missing field name or value");
	refused("pv_name = a ||", "missing field name or value");
	refused("pv_name = a && || pv_name = b", "missing field name or value");
	refused("pv_name = \"abc", "unterminated");
	refused("pv_tags = [a", "unterminated");
	refused("pv_tags = {a", "unterminated");
	refused("(pv_name = a", "missing ')'");
	refused("((pv_name = a)", "missing ')'");
	refused("pv_name = a)", "unexpected text");
	refused("pv_name = a b", "unexpected text");
	refused("pv_name = a & pv_name = b", "unexpected text");
	refused("pv_name < a", "only =, !=, =~ and !~");
	refused("pv_allocatable > 0", "only =, !=, =~ and !~");
	refused("pv_tags >= a", "only =, !=, =~ and !~");
	refused("pv_size = 12q", "invalid size");
	refused("pv_size = -1", "invalid size");
	refused("pv_pe_count = x", "invalid number");
	refused("pv_pe_count = 1k", "invalid number");
	refused("pv_pe_count = -1", "invalid number");
	refused("pv_pe_count = \" 1\"", "invalid number");
	refused("pv_name =~ \"(\"", "invalid regular expression");
	refused("pv_name =~ \"a[\"", "invalid regular expression");
	refused("pv_name =~ ^(sd|vd)", "unexpected text");	/* ( ends a bare value: quote it */
	refused("pv_tags < [a]", "lists compare tag fields");
	refused("pv_size = [a]", "lists compare tag fields");
	refused("pv_name = {a}", "lists compare tag fields");
}

/* ---------------------------------------------------------------- matching */

static void test_strings(void **state)
{
	(void)state;
	assert_selects("pv_name = /dev/sda", 0x1);
	assert_selects("pv_name = \"/dev/sdb\"", 0x2);
	assert_selects("pv_name = '/dev/loop3'", 0x4);
	assert_selects("pv_name != /dev/sda", 0x6);
	assert_selects("pv_name = /dev/sd", 0x0);	/* whole values only */
	assert_selects("vg_name = \"\"", 0x2);
	assert_selects("vg_name = ''", 0x2);
	assert_selects("vg_name != \"\"", 0x5);
	assert_selects("vg_name = VG0", 0x0);	/* case matters */
}

static void test_sizes_with_units(void **state)
{
	(void)state;
	assert_selects("pv_size = 60m", 0x1);
	assert_selects("pv_size = 60", 0x1);		/* MiB without a unit */
	assert_selects("pv_size = 61440k", 0x1);
	assert_selects("pv_size = 62914560b", 0x1);
	assert_selects("pv_size = 60MiB", 0x1);
	assert_selects("pv_size = 1g", 0x2);
	assert_selects("pv_size = 1024m", 0x2);
	assert_selects("pv_size = 4k", 0x4);
	assert_selects("pv_size = 8s", 0x4);
	assert_selects("pv_size > 60m", 0x2);
	assert_selects("pv_size >= 60m", 0x3);
	assert_selects("pv_size < 1m", 0x4);
	assert_selects("pv_size <= 4096b", 0x4);
	assert_selects("pv_size > 0.5g", 0x2);
	assert_selects("pv_size != 60m", 0x6);
}

static void test_counts(void **state)
{
	(void)state;
	assert_selects("pv_pe_count = 0", 0x4);
	assert_selects("pv_pe_count = 15", 0x1);
	assert_selects("pv_pe_count > 15", 0x2);
	assert_selects("pv_pe_count >= 15", 0x3);
	assert_selects("pv_pe_count < 16", 0x5);
	assert_selects("pv_pe_count <= 0", 0x4);
	assert_selects("pv_pe_count != 0", 0x3);
	assert_selects("pv_pe_count = 18446744073709551615", 0x0);
}

static void test_flags(void **state)
{
	(void)state;
	assert_selects("pv_allocatable = 1", 0x5);
	assert_selects("pv_allocatable = allocatable", 0x5);
	assert_selects("pv_allocatable = yes", 0x5);
	assert_selects("pv_allocatable = true", 0x5);
	assert_selects("pv_allocatable = 0", 0x2);
	assert_selects("pv_allocatable = no", 0x2);
	assert_selects("pv_allocatable = \"\"", 0x2);
	assert_selects("pv_allocatable != 1", 0x2);
	assert_selects("pv_allocatable != 0", 0x5);
}

static void test_tag_lists(void **state)
{
	(void)state;
	assert_selects("pv_tags = alpha", 0x1);
	assert_selects("pv_tags = beta", 0x1);
	assert_selects("pv_tags = alph", 0x0);		/* whole tags only */
	assert_selects("pv_tags != alpha", 0x6);
	assert_selects("pv_tags = [alpha,beta]", 0x1);	/* exactly these */
	assert_selects("pv_tags = [beta,alpha]", 0x1);
	assert_selects("pv_tags = [alpha]", 0x0);
	assert_selects("pv_tags = [alpha,beta,gamma]", 0x0);
	assert_selects("pv_tags = {alpha}", 0x1);		/* all of these */
	assert_selects("pv_tags = {beta, alpha}", 0x1);
	assert_selects("pv_tags = {alpha,gamma}", 0x0);
	assert_selects("pv_tags != {alpha,gamma}", 0x7);
	assert_selects("pv_tags = []", 0x2);		/* none */
	assert_selects("pv_tags = \"\"", 0x2);
	assert_selects("pv_tags != []", 0x5);
	assert_selects("vg_tags = y", 0x4);
	assert_selects("vg_tags = [y,x]", 0x4);
}

static void test_regex(void **state)
{
	(void)state;
	assert_selects("pv_name =~ loop", 0x4);
	assert_selects("pv_name =~ ^/dev/sd", 0x3);
	assert_selects("pv_name =~ \"^/dev/(sda|loop[0-9])$\"", 0x5);
	assert_selects("pv_name !~ sd", 0x4);
	assert_selects("pv_name =~ SDA", 0x0);
	assert_selects("vg_name =~ ^$", 0x2);
	assert_selects("pv_size =~ ^4096$", 0x4);	/* sizes as bytes */
	assert_selects("pv_size =~ ^62914560$", 0x1);
	assert_selects("pv_pe_count =~ ^2", 0x2);
	assert_selects("pv_allocatable =~ alloc", 0x5);	/* a set flag reads as its name */
	assert_selects("pv_allocatable !~ .", 0x2);
	/* lvm2 takes no regular expression for a list field (tags, lv_layout...) */
	refused("pv_tags =~ beta", "dm_report: incompatible comparison type for selection field pv_tags");
	refused("pv_tags !~ beta", "incompatible comparison type");
}

static void test_logic(void **state)
{
	(void)state;
	assert_selects("pv_name = /dev/sda || pv_name = /dev/sdb", 0x3);
	assert_selects("pv_allocatable = 1 && pv_size < 1m", 0x4);
	assert_selects("pv_allocatable = 1 && pv_size < 1m && vg_name = vg1", 0x4);
	assert_selects("pv_allocatable = 1 && pv_size < 1m && vg_name = vg0", 0x0);
	assert_selects("pv_name = /dev/sda || pv_name = /dev/sdb || pv_name = /dev/loop3", 0x7);
	assert_selects("!(pv_name = /dev/sda)", 0x6);
	assert_selects("!pv_name = /dev/sda", 0x6);
	assert_selects("! pv_name = /dev/sda", 0x6);
	assert_selects("!!(pv_name = /dev/sda)", 0x1);
	assert_selects("!(pv_name = /dev/sda || pv_name = /dev/sdb)", 0x4);
	assert_selects("((pv_name = /dev/sda))", 0x1);
}

static void test_precedence(void **state)
{
	(void)state;
	/* && binds tighter than ||: sdb || (allocatable && small) */
	assert_selects("pv_name = /dev/sdb || pv_allocatable = 1 && pv_size < 1m", 0x6);
	assert_selects("pv_allocatable = 1 && pv_size < 1m || pv_name = /dev/sdb", 0x6);
	assert_selects("(pv_name = /dev/sdb || pv_allocatable = 1) && pv_size < 1m", 0x4);
	/* ! takes the next comparison only */
	assert_selects("!pv_allocatable = 1 && pv_pe_count > 0", 0x2);
	assert_selects("!(pv_allocatable = 1 && pv_pe_count > 0)", 0x6);
	assert_selects("pv_pe_count > 0 && !(vg_name = vg0 || vg_name = \"\")", 0x0);
	assert_selects("pv_pe_count >= 0 && !(vg_name = vg0 || vg_name = \"\")", 0x4);
}

static void test_short_names(void **state)
{
	(void)state;
	/* A field of the first table may go without its prefix, as in lvm2. */
	assert_selects("name = /dev/sda", 0x1);
	assert_selects("size > 60m", 0x2);
	assert_selects("tags = gamma", 0x4);
	refused("tags_x = 1", "unknown field");
}

/* A value that cannot be built (no memory) fails the match, unless && or ||
 * has decided without it. */
static void test_value_errors(void **state)
{
	struct sel *s;

	(void)state;
	s = parse_ok("pv_bad = x");
	assert_int_equal(sel_match(s, get, &rows[0]), -ENOMEM);
	sel_free(s);
	s = parse_ok("!pv_bad = x");
	assert_int_equal(sel_match(s, get, &rows[0]), -ENOMEM);
	sel_free(s);
	s = parse_ok("pv_bad =~ x");
	assert_int_equal(sel_match(s, get, &rows[0]), -ENOMEM);
	sel_free(s);

	s = parse_ok("pv_name = /dev/sda && pv_bad = x");
	assert_int_equal(sel_match(s, get, &rows[0]), -ENOMEM);
	assert_int_equal(sel_match(s, get, &rows[1]), 0);
	sel_free(s);
	s = parse_ok("pv_name = /dev/sda || pv_bad = x");
	assert_int_equal(sel_match(s, get, &rows[0]), 1);
	assert_int_equal(sel_match(s, get, &rows[1]), -ENOMEM);
	sel_free(s);
	s = parse_ok("pv_bad = x || pv_name = /dev/sda");
	assert_int_equal(sel_match(s, get, &rows[0]), -ENOMEM);
	sel_free(s);
}

/* && and || read the right side only when the left one has not decided. */
static void test_short_circuit(void **state)
{
	struct sel *s = parse_ok("pv_name = /dev/sdb && pv_tags = alpha");

	(void)state;
	get_calls = 0;
	assert_int_equal(sel_match(s, get, &rows[0]), 0);
	assert_int_equal(get_calls, 1);
	sel_free(s);
	s = parse_ok("pv_name = /dev/sda || pv_tags = alpha");
	get_calls = 0;
	assert_int_equal(sel_match(s, get, &rows[0]), 1);
	assert_int_equal(get_calls, 1);
	sel_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_sizes_with_units),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_tag_lists),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_logic),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_short_names),
		cmocka_unit_test(test_value_errors),
		cmocka_unit_test(test_short_circuit),
	};

	return cmocka_run_group_tests_name("select", tests, NULL, NULL);
}
