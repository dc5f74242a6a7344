/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The LVM2 config-syntax parser and writer. */
#include "unit.h"

struct ctx {
	struct md_arena *a;
	struct md_err err;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	if (!c || !(c->a = md_arena_new())) {
		free(c);
		return -1;
	}
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	md_arena_free(c->a);
	free(c);
	return 0;
}

static struct md_cn *parse_ok(struct ctx *c, const char *text)
{
	struct md_cn *root = NULL;
	int r = md_cfg_parse(c->a, text, strlen(text), &root, &c->err);

	if (r)
		fail_msg("parse failed (%d): %s at line %u\n%s", r, c->err.why, c->err.line, text);
	return root;
}

/* A parse that must fail; returns the reason. */
static const char *parse_bad(struct ctx *c, const char *text, size_t len)
{
	struct md_cn *root = (struct md_cn *)1;
	int r;

	memset(&c->err, 0, sizeof(c->err));
	r = md_cfg_parse(c->a, text, len, &root, &c->err);
	if (r != -EINVAL)
		fail_msg("parse of \"%.*s\" returned %d, expected -EINVAL", (int)len, text, r);
	assert_non_null(c->err.why);
	return c->err.why;
}

static const struct md_cn *child(const struct md_cn *sec, const char *key)
{
	const struct md_cn *cn;

	assert_non_null(sec);
	assert_true(sec->section);
	cn = md_cn_find(sec->child, key);
	if (!cn)
		fail_msg("no key %s in section %s", key, sec->key);
	return cn;
}

static int64_t int_of(const struct md_cn *cn)
{
	assert_false(cn->section);
	assert_false(cn->array);
	assert_non_null(cn->v);
	assert_int_equal(cn->v->type, MD_CV_INT);
	return cn->v->i;
}

static const char *str_of(const struct md_cn *cn)
{
	assert_false(cn->section);
	assert_false(cn->array);
	assert_non_null(cn->v);
	assert_int_equal(cn->v->type, MD_CV_STRING);
	return cn->v->s;
}

static void test_sections_and_values(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root = parse_ok(c, "top = 1\n"
					       "vg {\n"
					       "\tid = \"abc\"\n"
					       "\tinner { x = 2 y=3 }\n"
					       "\tword = bare\n"
					       "}\n"
					       "\"quoted key\" = 4\n"
					       "after = -5\n");
	const struct md_cn *vg;

	assert_string_equal(root->key, "top");
	assert_int_equal(int_of(root), 1);
	assert_int_equal(root->line, 1);
	vg = root->next;
	assert_string_equal(vg->key, "vg");
	assert_true(vg->section);
	assert_int_equal(vg->line, 2);
	assert_string_equal(str_of(child(vg, "id")), "abc");
	assert_int_equal(child(vg, "id")->line, 3);
	assert_int_equal(int_of(child(child(vg, "inner"), "x")), 2);
	assert_int_equal(int_of(child(child(vg, "inner"), "y")), 3);
	assert_string_equal(str_of(child(vg, "word")), "bare");	/* a bare word is a string */
	assert_int_equal(int_of(md_cn_find(root, "quoted key")), 4);
	assert_int_equal(int_of(md_cn_find(root, "after")), -5);
	assert_int_equal(md_cn_find(root, "after")->line, 8);
	assert_null(md_cn_find(root, "missing"));
	assert_null(md_cn_find(root, "x"));	/* find does not descend */
	/* order kept */
	assert_string_equal(root->next->next->key, "quoted key");
	assert_null(root->next->next->next->next);

	/* an empty text and a comment-only text are empty trees */
	assert_null(parse_ok(c, ""));
	assert_null(parse_ok(c, "  # nothing\n\n"));
	/* an empty section */
	root = parse_ok(c, "s {}");
	assert_true(root->section);
	assert_null(root->child);
}

static void test_arrays(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root = parse_ok(c, "mixed = [\"pv0\", 0, 1.5, -7, 'sq']\n"
					       "empty = []\n"
					       "nocomma = [\"a\" \"b\" 3]\n"
					       "multi = [\n\"x\",\n2\n]\n");
	const struct md_cn *cn = md_cn_find(root, "mixed");
	const struct md_cv *v;

	assert_true(cn->array);
	v = cn->v;
	assert_int_equal(v->type, MD_CV_STRING);
	assert_string_equal(v->s, "pv0");
	v = v->next;
	assert_int_equal(v->type, MD_CV_INT);
	assert_int_equal(v->i, 0);
	v = v->next;
	assert_int_equal(v->type, MD_CV_FLOAT);
	assert_string_equal(v->s, "1.5");
	v = v->next;
	assert_int_equal(v->type, MD_CV_INT);
	assert_int_equal(v->i, -7);
	v = v->next;
	assert_int_equal(v->type, MD_CV_STRING);
	assert_string_equal(v->s, "sq");
	assert_null(v->next);

	cn = md_cn_find(root, "empty");
	assert_true(cn->array);
	assert_null(cn->v);

	cn = md_cn_find(root, "nocomma");
	assert_true(cn->array);
	assert_string_equal(cn->v->s, "a");
	assert_string_equal(cn->v->next->s, "b");
	assert_int_equal(cn->v->next->next->i, 3);
	assert_null(cn->v->next->next->next);

	cn = md_cn_find(root, "multi");
	assert_int_equal(cn->line, 4);
	assert_string_equal(cn->v->s, "x");
	assert_int_equal(cn->v->next->i, 2);

	assert_non_null(strstr(parse_bad(c, "a = [1, [2]]", 12), "nested"));
	parse_bad(c, "a = [1, 2", 9);
	parse_bad(c, "a = [1, {]", 10);
	parse_bad(c, "a = [=]", 7);
}

static void test_strings(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root =
		parse_ok(c, "esc = \"a\\\"b\\\\c\"\n"	/* "a\"b\\c" */
			    "sq = 'no \\escapes \"here\"'\n"
			    "hash = \"# not a comment\" # a comment\n"
			    "multi = \"line1\nline2\"\n"
			    "after = 1\n"
			    "empty = \"\"\n");

	assert_string_equal(str_of(md_cn_find(root, "esc")), "a\"b\\c");
	assert_string_equal(str_of(md_cn_find(root, "sq")), "no \\escapes \"here\"");
	assert_string_equal(str_of(md_cn_find(root, "hash")), "# not a comment");
	assert_string_equal(str_of(md_cn_find(root, "multi")), "line1\nline2");
	assert_int_equal(md_cn_find(root, "after")->line, 6);	/* newlines in strings count */
	assert_string_equal(str_of(md_cn_find(root, "empty")), "");

	/* a backslash at the end hides nothing: the string is unterminated */
	assert_non_null(strstr(parse_bad(c, "a = \"x\\", 7), "unterminated"));
	assert_non_null(strstr(parse_bad(c, "a = \"x\\\"", 8), "unterminated"));
	assert_non_null(strstr(parse_bad(c, "a = \"abc", 8), "unterminated"));
	assert_non_null(strstr(parse_bad(c, "a = 'abc", 8), "unterminated"));
	/* a NUL inside a string ends the text: unterminated */
	assert_non_null(strstr(parse_bad(c, "a = \"ab\0c\"", 10), "unterminated"));
	assert_non_null(strstr(parse_bad(c, "a = 'ab\0c'", 10), "unterminated"));
	/* empty names are refused */
	assert_non_null(strstr(parse_bad(c, "\"\" = 1", 6), "empty"));
}

/*
 * lvm2 2.03 reads "x\y" as x\y: in "...", only \" and \\ lose their
 * backslash; any other backslash stays, and it still hides the next
 * character from the end of the string.  lvm2 writes creation_host raw, so
 * such strings are on disks.
 */
static void test_string_escapes(void **state)
{
	static const struct {
		const char *text, *value;
	} cases[] = {
		{ "a = \"x\\y\"", "x\\y" },
		{ "a = \"x\\y#z w\"", "x\\y#z w" },
		{ "a = \"x\\n\"", "x\\n" },
		{ "a = \"\\\\\"", "\\" },
		{ "a = \"a\\\\\\y\"", "a\\\\y" },		/* \\ then \y */
		{ "a = \"q\\\"\\x\"", "q\"\\x" },		/* \" then \x */
		{ "a = \"\\\\\\\"\"", "\\\"" },		/* \\ then \" */
		{ "a = \"x\\\ty\"", "x\\\ty" },		/* a tab after the backslash */
		{ "a = \"\\\\\\\\\"", "\\\\" },
		{ "a = \"\x01\t\xc3\xa9\"", "\x01\t\xc3\xa9" },	/* raw bytes kept */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ctx *c = *state;
		const struct md_cn *root = parse_ok(c, cases[i].text);
		struct md_buf b;
		struct md_cn *again;

		assert_string_equal(str_of(root), cases[i].value);
		/* written back with only " and \ escaped, as lvm2 does: the same value */
		md_buf_init(&b);
		md_cn_write(&b, root, -1);
		again = parse_ok(c, b.p);
		assert_string_equal(str_of(again), cases[i].value);
		md_buf_free(&b);
	}
	{
		struct ctx *c = *state;
		const struct md_cn *root = parse_ok(c, "a = \"x\\\ny\"\nb = 1\n");

		/* a newline hidden by a backslash still counts */
		assert_string_equal(str_of(root), "x\\\ny");
		assert_int_equal(root->next->line, 3);
	}
	{
		struct md_buf b;

		md_buf_init(&b);
		md_buf_quoted(&b, "x\\y\"z");
		assert_string_equal(b.p, "\"x\\\\y\\\"z\"");
		md_buf_free(&b);
	}
}

static void test_comments(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root = parse_ok(c, "# header comment\n"
					       "a = 1 # trailing\n"
					       "#b = 2\n"
					       "s { # in a section\n"
					       "c = 3 }# right after\n"
					       "d = 4");

	assert_int_equal(int_of(md_cn_find(root, "a")), 1);
	assert_null(md_cn_find(root, "b"));
	assert_int_equal(int_of(child(md_cn_find(root, "s"), "c")), 3);
	assert_int_equal(int_of(md_cn_find(root, "d")), 4);
	assert_int_equal(md_cn_find(root, "d")->line, 6);
}

static void test_numbers(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root = parse_ok(c, "oct = 010\n"
					       "zero = 0\n"
					       "negoct = -010\n"
					       "plus = +12\n"
					       "neg = -5\n"
					       "max = 9223372036854775807\n"
					       "min = -9223372036854775808\n"
					       "octmax = 0777777777777777777777\n"
					       "f = 3.25\n"
					       "nf = -0.5\n"
					       "zf = 0.0\n");
	const struct md_cn *f;

	assert_int_equal(int_of(md_cn_find(root, "oct")), 8);
	assert_int_equal(int_of(md_cn_find(root, "zero")), 0);
	assert_int_equal(int_of(md_cn_find(root, "negoct")), -8);
	assert_int_equal(int_of(md_cn_find(root, "plus")), 12);
	assert_int_equal(int_of(md_cn_find(root, "neg")), -5);
	assert_true(int_of(md_cn_find(root, "max")) == INT64_MAX);
	assert_true(int_of(md_cn_find(root, "min")) == INT64_MIN);
	assert_true(int_of(md_cn_find(root, "octmax")) == INT64_MAX);
	f = md_cn_find(root, "f");
	assert_int_equal(f->v->type, MD_CV_FLOAT);
	assert_string_equal(f->v->s, "3.25");	/* kept as text */
	assert_string_equal(md_cn_find(root, "nf")->v->s, "-0.5");
	assert_string_equal(md_cn_find(root, "zf")->v->s, "0.0");

	assert_non_null(parse_bad(c, "a = 0x10", 8));	/* no hex */
	assert_non_null(parse_bad(c, "a = 08", 6));	/* not octal */
	assert_non_null(parse_bad(c, "a = 9223372036854775808", 23));
	assert_non_null(parse_bad(c, "a = -9223372036854775809", 24));
	assert_non_null(parse_bad(c, "a = 99999999999999999999999", 27));
	assert_non_null(parse_bad(c, "a = 01000000000000000000000", 27));
	assert_non_null(parse_bad(c, "a = 12ab", 8));
	assert_non_null(parse_bad(c, "a = 1.2.3", 9));
	assert_non_null(parse_bad(c, "a = 1.", 6));
}

/*
 * Beyond 64 bits, lvm2 fails the parse ("Failed to read int token"), except
 * under a key named creation_time, at any level and in arrays too: that
 * value reads as 1527120000 (lvm2 itself writes 18446744073709551615 there
 * after restoring a backup that had -1).
 */
static void test_creation_time_overflow(void **state)
{
	static const struct {
		const char *text;
		int64_t value;	/* of the last integer under creation_time */
		bool repaired;
	} cases[] = {
		{ "creation_time = 18446744073709551615", MD_CREATION_TIME_SUBSTITUTE, true },
		{ "lv { creation_time = -99999999999999999999 }", MD_CREATION_TIME_SUBSTITUTE,
		  true },
		{ "\"creation_time\" = 0777777777777777777777777", MD_CREATION_TIME_SUBSTITUTE,
		  true },
		{ "creation_time = [1, 99999999999999999999]", MD_CREATION_TIME_SUBSTITUTE, true },
		{ "ok { creation_time = 9223372036854775807 }", INT64_MAX, false },
		{ "neg { creation_time = -1 }", -1, false },
	};
	struct ctx *c = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct md_cn *cn = parse_ok(c, cases[i].text);
		const struct md_cv *v;
		unsigned depth = 0;

		while (strcmp(cn->key, "creation_time"))
			cn = md_cn_walk(cn, &depth);
		for (v = cn->v; v->next; v = v->next)
			assert_false(v->repaired);
		assert_true(v->i == cases[i].value);
		assert_int_equal(v->repaired, cases[i].repaired);
	}
	/* written back as the substitute */
	{
		struct md_buf b;

		md_buf_init(&b);
		md_cn_write(&b, parse_ok(c, cases[0].text), -1);
		assert_string_equal(b.p, "creation_time = 1527120000\n");
		md_buf_free(&b);
	}
	/* any other key, and malformed numbers under creation_time, still fail */
	assert_non_null(strstr(parse_bad(c, "seqno = 18446744073709551615", 28), "range"));
	assert_non_null(strstr(parse_bad(c, "creation_timex = 18446744073709551615", 37),
			       "range"));
	assert_non_null(strstr(parse_bad(c, "creation_time = 18446744073709551615x", 37),
			       "malformed"));
	assert_non_null(strstr(parse_bad(c, "creation_time = 099999999999999999999999", 41),
			       "octal"));
}

static void test_structure_errors(void **state)
{
	struct ctx *c = *state;

	assert_non_null(strstr(parse_bad(c, "a { b = 1", 9), "}"));
	assert_non_null(strstr(parse_bad(c, "a { b = 1 } }", 13), "}"));
	assert_non_null(strstr(parse_bad(c, "}", 1), "}"));
	parse_bad(c, "a = ", 4);
	parse_bad(c, "a", 1);
	parse_bad(c, "a b", 3);
	parse_bad(c, "= 1", 3);
	parse_bad(c, "a = {", 5);
	parse_bad(c, "a = 1 = 2", 9);
	parse_bad(c, "[1] = 2", 7);
	/* the error names the line */
	parse_bad(c, "a = 1\nb = 2\nc = ]\n", 18);
	assert_int_equal(c->err.line, 3);

}

static char *write_all(const struct md_cn *root, int indent)
{
	struct md_buf b;
	char *s;

	md_buf_init(&b);
	for (const struct md_cn *cn = root; cn; cn = cn->next)
		md_cn_write(&b, cn, indent);
	assert_int_equal(b.err, 0);
	s = xstrndup(b.p ? b.p : "", b.len);
	md_buf_free(&b);
	return s;
}

/* "s{" @n times, "x = 1", "}" @n times: malloc'd, its length in *@len. */
static char *nested(unsigned n, size_t *len)
{
	char *t = xmalloc(3 * (size_t)n + 6);
	size_t k = 0;

	for (unsigned i = 0; i < n; i++) {
		t[k++] = 's';
		t[k++] = '{';
	}
	memcpy(t + k, "x = 1", 5);
	k += 5;
	memset(t + k, '}', n);
	k += n;
	t[k] = '\0';
	*len = k;
	return t;
}

/*
 * lvm2's parser has no depth limit (it recurses until its stack runs out,
 * near 130000 levels).  Ours takes MD_CFG_MAX_DEPTH - 1 levels, and parsing,
 * writing, cloning and comparing such a tree cost no stack.
 */
static void test_depth(void **state)
{
	struct ctx *c = *state;
	const unsigned n = MD_CFG_MAX_DEPTH - 1;
	size_t len;
	char *t = nested(n, &len), *out;
	const struct md_cn *root = parse_ok(c, t), *cn = root;
	unsigned depth = 0;

	assert_true(n >= 131072);
	while (cn->section) {
		assert_int_equal(cn->child->parent, cn);
		cn = cn->child;
		depth++;
	}
	assert_int_equal(depth, n);
	assert_int_equal(int_of(cn), 1);
	/* the walk goes down and comes back in one step from the bottom */
	assert_null(md_cn_walk(cn, &depth));
	assert_int_equal(depth, 0);
	for (int indent = -1; indent <= 0; indent++) {
		struct md_cn *again;

		out = write_all(root, indent);
		again = parse_ok(c, out);
		assert_true(md_cn_equal(root, again));
		/* indentation stops growing at MD_CFG_MAX_INDENT tabs */
		if (indent == 0)
			assert_non_null(strstr(out, "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx = 1\n"));
		assert_true(strlen(out) < (indent < 0 ? 7 : 40) * (size_t)n);
		free(out);
	}
	assert_true(md_cn_equal(root, md_cn_clone(c->a, root, true)));
	free(t);
	/* one level more is refused */
	t = nested(n + 1, &len);
	assert_non_null(strstr(parse_bad(c, t, len), "deep"));
	free(t);
}

/* Numbers are only values: a key or section name may look like one (lvm2 allows "0lv"). */
static void test_numeric_names(void **state)
{
	struct ctx *c = *state;
	const struct md_cn *root = parse_ok(c, "0vg {\n"
					       "1lv {\n"
					       "010 = 010\n"
					       "-5 = -5\n"
					       "1.5 = 1.5\n"
					       "0x10 = \"hex key\"\n"
					       "arr = [1 2 \"3\" 4.5]\n"
					       "}\n"
					       "}\n");
	const struct md_cn *lv;

	assert_string_equal(root->key, "0vg");
	assert_true(root->section);
	lv = child(root, "1lv");
	assert_true(lv->section);
	assert_int_equal(int_of(child(lv, "010")), 8);
	assert_int_equal(int_of(child(lv, "-5")), -5);
	assert_int_equal(child(lv, "1.5")->v->type, MD_CV_FLOAT);
	assert_string_equal(str_of(child(lv, "0x10")), "hex key");
	{
		const struct md_cv *v = child(lv, "arr")->v;

		assert_int_equal(v->i, 1);
		assert_int_equal(v->next->i, 2);
		assert_string_equal(v->next->next->s, "3");
		assert_string_equal(v->next->next->next->s, "4.5");
	}
	/* still an error where a value is wanted, and a key cannot be a value */
	parse_bad(c, "a = 0lv", 7);
	parse_bad(c, "a 5", 3);
	/* the writer's output of such names parses back to the same tree */
	{
		struct md_buf b;
		struct md_cn *again;

		md_buf_init(&b);
		md_cn_write(&b, root, -1);
		assert_non_null(strstr(b.p, "0vg {\n1lv {\n010 = 8\n-5 = -5\n"));
		again = parse_ok(c, b.p);
		assert_true(md_cn_equal(root, again));
		md_buf_free(&b);
	}
}

static void test_nul_ends_text(void **state)
{
	struct ctx *c = *state;
	static const char text[] = "a = 1\n\0b = 2\n";
	static const char broken[] = "a = 1\n\0 } garbage {{{ \"";
	struct md_cn *root;

	(void)state;
	assert_int_equal(md_cfg_parse(c->a, text, sizeof(text) - 1, &root, &c->err), 0);
	assert_int_equal(int_of(md_cn_find(root, "a")), 1);
	assert_null(md_cn_find(root, "b"));
	assert_int_equal(md_cfg_parse(c->a, broken, sizeof(broken) - 1, &root, &c->err), 0);
	assert_null(root->next);
	/* the length bounds the parse too: "a = 12" cut to "a = 1" */
	assert_int_equal(md_cfg_parse(c->a, "a = 12", 5, &root, &c->err), 0);
	assert_int_equal(int_of(root), 1);
	/* a NUL right after a key: the item is incomplete */
	parse_bad(c, "a\0 = 1", 6);
	/* bare words end at NUL */
	assert_int_equal(md_cfg_parse(c->a, "a = xy\0z", 8, &root, &c->err), 0);
	assert_string_equal(str_of(root), "xy");
}

static void test_writer_round_trip(void **state)
{
	struct ctx *c = *state;
	static const char text[] =
		"vg {\n"
		" id = \"x\\\"y\\\\z\"\n"
		" n = -42 o = 017 big = 9223372036854775807 f = 2.50\n"
		" arr = [\"pv0\", 0, \"pv1\", 12, 1.5]\n"
		" empty = []\n"
		" \"odd key=\" = 'single \"quoted\"'\n"
		" bare = word\n"
		" sub { deeper { k = 1 } other = [] }\n"
		"}\n"
		"contents = \"Text Format Volume Group\"\n"
		"version = 1\n";
	const struct md_cn *root = parse_ok(c, text);

	for (int indent = -1; indent <= 1; indent++) {
		char *out = write_all(root, indent);
		struct md_cn *again = parse_ok(c, out);
		char *out2 = write_all(again, indent);

		if (!md_cn_equal(root, again))
			fail_msg("re-parsed tree differs (indent %d):\n%s", indent, out);
		assert_string_equal(out, out2);
		free(out);
		free(out2);
	}
	/* the exact form: one item per line, ", " between array values, quotes escaped */
	{
		char *out = write_all(root, -1);

		assert_non_null(strstr(out, "vg {\nid = \"x\\\"y\\\\z\"\nn = -42\no = 15\n"));
		assert_non_null(strstr(out, "arr = [\"pv0\", 0, \"pv1\", 12, 1.5]\n"));
		assert_non_null(strstr(out, "empty = []\n"));
		assert_non_null(strstr(out, "\"odd key=\" = \"single \\\"quoted\\\"\"\n"));
		assert_non_null(strstr(out, "bare = \"word\"\n"));
		assert_non_null(strstr(out, "f = 2.50\n"));
		free(out);
		out = write_all(root, 0);
		assert_non_null(strstr(out, "vg {\n\tid = "));
		assert_non_null(strstr(out, "\tsub {\n\t\tdeeper {\n\t\t\tk = 1\n\t\t}\n"));
		free(out);
	}
	/* clone: equal tree, separate memory */
	{
		struct md_arena *a2 = md_arena_new();
		struct md_cn *copy = md_cn_clone(a2, root, true);
		struct md_cn *one = md_cn_clone(a2, root, false);

		assert_true(md_cn_equal(root, copy));
		assert_ptr_not_equal(copy->child, root->child);
		assert_null(one->next);
		assert_true(md_cn_equal(one->child, root->child));
		md_arena_free(a2);
	}
}

static void test_buf(void **state)
{
	struct md_buf b;

	(void)state;
	md_buf_init(&b);
	md_buf_quoted(&b, "a\"b\\c");
	md_buf_putc(&b, ' ');
	md_buf_printf(&b, "%d-%s", 42, "x");
	md_buf_puts(&b, "");
	assert_int_equal(b.err, 0);
	assert_string_equal(b.p, "\"a\\\"b\\\\c\" 42-x");
	assert_int_equal(b.len, strlen(b.p));
	for (int i = 0; i < 10000; i++)
		md_buf_puts(&b, "0123456789");
	assert_int_equal(b.len, 14 + 100000);
	assert_int_equal(b.p[b.len], '\0');
	md_buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void test_arena(void **state)
{
	struct md_arena *a = md_arena_new();
	char *s;
	unsigned char *big;

	(void)state;
	assert_non_null(a);
	s = md_arena_strndup(a, "hello world", 5);
	assert_string_equal(s, "hello");
	assert_string_equal(md_arena_strdup(a, "x"), "x");
	big = md_arena_alloc(a, 200000);	/* larger than a chunk */
	assert_non_null(big);
	for (size_t i = 0; i < 200000; i++)
		assert_int_equal(big[i], 0);
	memset(big, 1, 200000);
	for (int i = 0; i < 1000; i++) {
		long *p = md_arena_alloc(a, 100);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0], 0);
	}
	assert_string_equal(s, "hello");
	assert_null(md_arena_alloc(a, SIZE_MAX));
	md_arena_free(a);
	md_arena_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sections_and_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arrays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_creation_time_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_structure_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numeric_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nul_ends_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_round_trip, setup, teardown),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_arena),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
