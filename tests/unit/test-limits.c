/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Read whatever lvm2 2.03 writes or accepts (issue 6): texts at the edge of
 * each of lvm2 2.03.16's limits, found by experiment, import with the
 * values lvm2 reads, write back to a text that reads the same, and are
 * refused on write (md_vg_validate) only where lvm2 refuses to write them.
 * Each edge is an edit of the lvs-mixed fixture's text.
 *
 *   test-limits --write-corpus DIR
 * is no test but writes the edges of at most 64 KiB as fuzzer seeds
 * (edge-NAME); test_corpus_current checks tests/corpus against it.
 */
#include "unit.h"

#define FZ_VG 4		/* the fuzz target selector: tests/fuzz/fuzz-decode.c */
#define SEED_MAX 65536	/* larger edges are no seeds */
#define MIX "lvs-mixed"

struct edge {
	const char *name;
	const char *anchor, *old, *new_;	/* one edit_text() of the fixture's text, */
	char *(*gen)(const char *text);		/* or a text built from it */
	const char *write_why;	/* NULL: md_vg_validate passes; else part of its reason */
	bool repairs;		/* what we write is repaired once more when read (lvm2 too) */
	void (*check)(const struct md_vg *vg, const char *disk_text);
};

/* @n copies of @c (malloc'd). */
static char *rep(char c, size_t n)
{
	char *s = xmalloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* edit_text() that frees @t. */
static char *edit(char *t, const char *anchor, const char *old, const char *new_)
{
	char *r = edit_text(t, anchor, old, new_);

	free(t);
	return r;
}

/* @a, @b and @c in one string (malloc'd). */
static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *r = xmalloc(la + lb + lc + 1);

	memcpy(r, a, la);
	memcpy(r + la, b, lb);
	memcpy(r + la + lb, c, lc + 1);
	return r;
}

/* Edit @t at @anchor: @old becomes @pre, @s, @post. */
static char *edit_with(char *t, const char *anchor, const char *old, const char *pre,
		       const char *s, const char *post)
{
	char *n = cat3(pre, s, post);

	t = edit(t, anchor, old, n);
	free(n);
	return t;
}

static const struct md_lv *lv_of(const struct md_vg *vg, const char *name)
{
	int32_t i = md_vg_find_lv(vg, name);

	if (i < 0)
		fail_msg("no LV %.60s", name);
	return &vg->lvs[i];
}

/* ------------------------------------------------------------ tags */

/* 131071 characters: the longest --addtag value (the kernel's MAX_ARG_STRLEN). */
#define TAG_MAX_ARG 131071

static char *gen_long_tags(const char *text)
{
	char *t = xstrndup(text, strlen(text));
	const char *tag[3] = { "v", "p", "l" };

	for (int i = 0; i < 3; i++) {
		char *s = rep(tag[i][0], TAG_MAX_ARG);

		if (i == 0)
			t = edit_with(t, NULL, "tags = [\"vgtag\"]", "tags = [\"", s, "\"]");
		else if (i == 1)
			t = edit_with(t, "\npv0 {\n", "flags = []\n", "flags = []\ntags = [\"", s,
				      "\"]\n");
		else
			t = edit_with(t, "\nlin {\n", "tags = [\"mytag\"]", "tags = [\"", s, "\"]");
		free(s);
	}
	return t;
}

static void check_long_tags(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->tags.n, 1);
	assert_int_equal(strlen(vg->tags.v[0]), TAG_MAX_ARG);
	assert_int_equal(strlen(vg->pvs[0].tags.v[0]), TAG_MAX_ARG);
	assert_int_equal(strlen(lv_of(vg, "lin")->tags.v[0]), TAG_MAX_ARG);
}

static char *gen_many_tags(const char *text)
{
	struct md_buf b;
	char *t;

	md_buf_init(&b);
	for (int i = 0; i < 20000; i++)
		md_buf_printf(&b, "%s\"t%d\"", i ? ", " : "", i);
	assert_int_equal(b.err, 0);
	t = edit_with(xstrndup(text, strlen(text)), NULL, "[\"vgtag\"]", "[", b.p, "]");
	md_buf_free(&b);
	return t;
}

static void check_many_tags(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->tags.n, 20000);
	assert_string_equal(vg->tags.v[19999], "t19999");
}

static void check_tag_chars(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->tags.n, 3);
	assert_string_equal(vg->tags.v[0], "A.z_0-9+/=!:&#");
	assert_string_equal(vg->tags.v[1], "-lead");
	assert_string_equal(vg->tags.v[2], "#");
}

/* lvm2 reads any string as a tag; it refuses to write them. */
static void check_bad_tags(const struct md_vg *vg, const char *disk)
{
	assert_int_equal(vg->tags.n, 4);
	assert_string_equal(vg->tags.v[0], "bad tag");
	assert_string_equal(vg->tags.v[1], "caf\xc3\xa9");
	assert_string_equal(vg->tags.v[2], "");
	assert_string_equal(vg->tags.v[3], "q\"x\\y");
	assert_non_null(
		strstr(disk, "tags = [\"bad tag\", \"caf\xc3\xa9\", \"\", \"q\\\"x\\\\y\"]"));
}

/* ------------------------------------------------------------ names */

/* fx_mixed (8 characters) + "/" + LV + 2 < 128: LVs of up to 116 characters. */
#define LV_NAME_EDGE (MD_NAME_LEN - 3 - 8 - 1)

static char *gen_vg_name_127(const char *text)
{
	char *n = rep('n', MD_NAME_LEN - 1);
	char *t = edit_with(xstrndup(text, strlen(text)), NULL, "fx_mixed {\n", "", n, " {\n");

	free(n);
	return t;
}

static void check_vg_name_127(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(strlen(vg->name), MD_NAME_LEN - 1);
}

static char *gen_lv_name(const char *text, size_t len)
{
	char *n = rep('L', len);
	char *t = edit_with(xstrndup(text, strlen(text)), NULL, "\nplain {\n", "\n", n, " {\n");

	free(n);
	return t;
}

static char *gen_lv_name_edge(const char *text)
{
	return gen_lv_name(text, LV_NAME_EDGE);
}

static char *gen_lv_name_over(const char *text)
{
	return gen_lv_name(text, LV_NAME_EDGE + 1);
}

/* lvm2 lists a 300-character LV that was planted on disk (and refuses to write it). */
static char *gen_lv_name_300(const char *text)
{
	return gen_lv_name(text, 300);
}

static void check_lv_name_300(const struct md_vg *vg, const char *disk)
{
	char *n = rep('L', 300), *q = cat3("\n\"", n, "\" {\n");

	assert_int_equal(strlen(vg->lvs[2].name), 300);
	/* not a valid name: written quoted, which lvm2 reads as the same name */
	assert_non_null(strstr(disk, q));
	free(q);
	free(n);
}

static void check_lv_name_chars(const struct md_vg *vg, const char *disk)
{
	assert_string_equal(vg->lvs[2].name, "pl@in");
	assert_non_null(strstr(disk, "\n\"pl@in\" {\n"));
}

/* ------------------------------------------------------------ integers */

static void check_seqno_max(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->seqno, UINT32_MAX);
}

/* lvm2 keeps the low 32 bits of its 32-bit fields: 2^32 reads as 0. */
static void check_seqno_zero(const struct md_vg *vg, const char *disk)
{
	assert_int_equal(vg->seqno, 0);
	assert_non_null(strstr(disk, "\nseqno = 0\n"));
}

static void check_wraps(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->max_lv, 1);
	assert_int_equal(vg->extent_size, 8192);
	assert_int_equal(lv_of(vg, "plain")->segs[0].extent_count, 3);
}

static char *gen_wraps(const char *text)
{
	char *t = edit(xstrndup(text, strlen(text)), NULL, "max_lv = 0", "max_lv = 4294967297");

	t = edit(t, NULL, "extent_size = 8192", "extent_size = 4294975488");
	return edit(t, "\nplain {\n", "extent_count = 3", "extent_count = -4294967293");
}

/* 16 TiB - 4 KiB (ext4's largest file) in 4 KiB extents: 4294967039 of them. */
static char *gen_pe_count(const char *text)
{
	char *t = edit(xstrndup(text, strlen(text)), NULL, "extent_size = 8192",
		       "extent_size = 8");

	t = edit(t, "\npv0 {\n", "dev_size = 131072", "dev_size = 34359738360");
	return edit(t, "\npv0 {\n", "pe_count = 15", "pe_count = 4294967039");
}

static void check_pe_count(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->extent_size, 8);
	assert_int_equal(vg->pvs[0].pe_count, 4294967039u);
	assert_int_equal(vg->pvs[0].dev_size, 34359738360u);
}

/* lvm2's largest extent: -s 4294967040s. */
static char *gen_extent_size(const char *text)
{
	static const char *const pvs[] = { "\npv0 {\n", "\npv1 {\n", "\npv2 {\n" };
	char *t = edit(xstrndup(text, strlen(text)), NULL, "extent_size = 8192",
		       "extent_size = 4294967040");

	for (int i = 0; i < 3; i++)
		t = edit(t, pvs[i], "dev_size = 131072", "dev_size = 64424511648");
	return t;
}

static void check_extent_size(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(vg->extent_size, 4294967040u);
}

/* ------------------------------------------------------------ creation_time */

static void check_ctime_repaired(const struct md_vg *vg, const char *disk)
{
	assert_true(vg->creation_time_repaired);
	assert_true(lv_of(vg, "lin")->creation_time_repaired);
	assert_int_equal(lv_of(vg, "lin")->creation_time, MD_CREATION_TIME_SUBSTITUTE);
	assert_false(lv_of(vg, "str")->creation_time_repaired);
	assert_int_equal(lv_of(vg, "str")->creation_time, 1795688375);
	/* the next write writes the substitute */
	assert_non_null(strstr(disk, "\ncreation_time = 1527120000\n"));
	assert_null(strstr(disk, "18446744073709551615"));
}

/* -1 in a restored backup: lvm2 reads 2^64 - 1 and writes it so. */
static void check_ctime_minus_1(const struct md_vg *vg, const char *disk)
{
	assert_false(vg->creation_time_repaired);
	assert_false(lv_of(vg, "lin")->creation_time_repaired);
	assert_true(lv_of(vg, "lin")->creation_time == UINT64_MAX);
	assert_non_null(strstr(disk, "\ncreation_time = 18446744073709551615\n"));
}

static void check_ctime_header(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_true(vg->creation_time_repaired);
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		assert_false(vg->lvs[i].creation_time_repaired);
}

/* lvm2 repairs the key wherever it is: in a section it does not know too. */
static void check_ctime_unknown(const struct md_vg *vg, const char *disk)
{
	const struct md_cn *h = md_cn_find(vg->extra, "historical_logical_volumes");

	assert_true(vg->creation_time_repaired);
	assert_non_null(h);
	assert_int_equal(md_cn_find(h->child->child, "creation_time")->v->i,
			 MD_CREATION_TIME_SUBSTITUTE);
	assert_non_null(strstr(disk, "creation_time = 1527120000\nremoval_time = 1"));
}

/* ------------------------------------------------------------ strings */

/* creation_host is written raw by lvm2: a backslash in a hostname stays one. */
static void check_host(const struct md_vg *vg, const char *disk)
{
	assert_string_equal(lv_of(vg, "lin")->creation_host, "x\\y#z w");
	assert_non_null(strstr(disk, "creation_host = \"x\\\\y#z w\"\n"));
}

static void check_description(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_string_equal(vg->description,
			    "# a\\b \"q\" \t \xc3\xa9 \xe2\x9c\x93 \x01 end\nnext");
}

static char *gen_long_description(const char *text)
{
	char *d = rep('d', 2047);
	char *t = edit_with(xstrndup(text, strlen(text)), NULL, "^description = ",
			    "description = \"", d, "\"\n");

	free(d);
	return t;
}

static void check_long_description(const struct md_vg *vg, const char *disk)
{
	(void)disk;
	assert_int_equal(strlen(vg->description), 2047);
}

/* ------------------------------------------------------------ nesting */

/* An unknown section @depth deep in the VG section, after metadata_copies. */
static char *gen_nested(const char *text, unsigned depth)
{
	struct md_buf b;
	char *t;

	md_buf_init(&b);
	md_buf_puts(&b, "metadata_copies = 0\nunknown_key = [1, \"two\", 3]\n");
	for (unsigned i = 0; i < depth; i++)
		md_buf_puts(&b, "x{");
	md_buf_puts(&b, "k = 1");
	for (unsigned i = 0; i < depth; i++)
		md_buf_putc(&b, '}');
	md_buf_putc(&b, '\n');
	assert_int_equal(b.err, 0);
	t = edit_text(text, NULL, "metadata_copies = 0\n", b.p);
	md_buf_free(&b);
	return t;
}

static char *gen_nested_2000(const char *text)
{
	return gen_nested(text, 2000);
}

static unsigned nesting_of(const struct md_cn *top)
{
	unsigned depth = 0, deepest = 0;

	for (const struct md_cn *c = top; c; c = md_cn_walk(c, &depth))
		deepest = depth > deepest ? depth : deepest;
	return deepest;
}

static void check_nested_2000(const struct md_vg *vg, const char *disk)
{
	const struct md_cn *x = md_cn_find(vg->extra, "x");

	(void)disk;
	assert_non_null(md_cn_find(vg->extra, "unknown_key"));
	assert_non_null(x);
	assert_int_equal(nesting_of(x), 2000);
}

/* ------------------------------------------------------------ the edges */

#define EDIT(n, a, o, w, why, chk) { n, a, o, w, NULL, why, false, chk }
#define GEN(n, g, why, chk) { n, NULL, NULL, NULL, g, why, false, chk }

static const struct edge edges[] = {
	/* tags: any length, any string read; lvm2's characters written, '-' first too */
	GEN("tag-131071", gen_long_tags, NULL, check_long_tags),
	GEN("tags-20000", gen_many_tags, NULL, check_many_tags),
	EDIT("tag-chars", NULL, "[\"vgtag\"]", "[\"A.z_0-9+/=!:&#\", \"-lead\", \"#\"]", NULL,
	     check_tag_chars),
	EDIT("tag-invalid", NULL, "[\"vgtag\"]",
	     "[\"bad tag\", \"caf\xc3\xa9\", \"\", \"q\\\"x\\y\"]", "tag", check_bad_tags),
	EDIT("tag-empty-list", NULL, "[\"vgtag\"]", "[]", NULL, NULL),
	/* names: VGs checked on read, LVs only on write */
	/* (a VG name of 127 characters leaves no room for LVs: lvm2 writes no such VG) */
	GEN("vg-name-127", gen_vg_name_127, "together", check_vg_name_127),
	GEN("lv-name-edge", gen_lv_name_edge, NULL, NULL),
	GEN("lv-name-over", gen_lv_name_over, "together", NULL),
	GEN("lv-name-300", gen_lv_name_300, "127", check_lv_name_300),
	EDIT("lv-name-chars", NULL, "\nplain {\n", "\npl@in {\n", "may only contain",
	     check_lv_name_chars),
	EDIT("lv-name-dash", NULL, "\nplain {\n", "\n-plain {\n", "'-'", NULL),
	/* 32-bit fields keep their low 32 bits */
	EDIT("seqno-max", NULL, "^seqno = ", "seqno = 4294967295\n", NULL, check_seqno_max),
	EDIT("seqno-2e32", NULL, "^seqno = ", "seqno = 4294967296\n", NULL, check_seqno_zero),
	EDIT("seqno-minus-1", NULL, "^seqno = ", "seqno = -1\n", NULL, check_seqno_max),
	EDIT("seqno-int64-min", NULL, "^seqno = ", "seqno = -9223372036854775808\n", NULL,
	     check_seqno_zero),
	GEN("u32-wraps", gen_wraps, NULL, check_wraps),
	GEN("pe-count-16t", gen_pe_count, NULL, check_pe_count),
	GEN("extent-size-max", gen_extent_size, NULL, check_extent_size),
	/* creation_time beyond 64 bits: lvm2's substitute, flagged */
	EDIT("ctime-overflow", "\nlin {\n", "creation_time = 1795688375",
	     "creation_time = 18446744073709551615", NULL, check_ctime_repaired),
	{ "ctime-minus-1", "\nlin {\n", "creation_time = 1795688375", "creation_time = -1", NULL,
	  NULL, true, check_ctime_minus_1 },
	EDIT("ctime-header", "\ncontents = ", "^creation_time = ",
	     "creation_time = 99999999999999999999\n", NULL, check_ctime_header),
	EDIT("ctime-unknown", NULL, "\nlogical_volumes {\n",
	     "\nhistorical_logical_volumes {\nold {\nid = \"x\"\n"
	     "creation_time = 18446744073709551615\nremoval_time = 1\n}\n}\nlogical_volumes {\n",
	     NULL, check_ctime_unknown),
	/* strings: only \" and \\ are escapes */
	EDIT("host-backslash", "\nlin {\n", "creation_host = \"vm\"",
	     "creation_host = \"x\\y#z w\"", NULL, check_host),
	EDIT("description-odd", NULL, "^description = ",
	     "description = \"# a\\\\b \\\"q\\\" \t \xc3\xa9 \xe2\x9c\x93 \x01 end\nnext\"\n", NULL,
	     check_description),
	GEN("description-2047", gen_long_description, NULL, check_long_description),
	/* an unknown section nested deep in the VG section: kept and written back */
	GEN("nesting-2000", gen_nested_2000, NULL, check_nested_2000),
};
#define N_EDGES (sizeof(edges) / sizeof(edges[0]))

/* The text of @e (malloc'd), its NUL included in *@len, as on disk. */
static char *edge_text(const struct edge *e, size_t *len)
{
	char *base = fx_text(MIX, 0, NULL), *t;

	t = e->gen ? e->gen(base) : edit_text(base, e->anchor, e->old, e->new_);
	free(base);
	*len = strlen(t) + 1;
	return t;
}

/*
 * What we write of @vg (returned) reads back to a VG that writes the same
 * text; with @repairs, that holds from the second write on.
 */
static char *round_trip(struct md_arena *a, const struct md_vg *vg, enum md_form form,
			bool repairs, const char *what)
{
	size_t len, len2;
	char *t = export_or_fail(vg, form, test_opts(), &len), *t2, *t3;
	struct md_vg *back = import_or_fail(a, t, len + 1, what);

	t2 = export_or_fail(back, form, test_opts(), &len2);
	if (repairs) {
		back = import_or_fail(a, t2, len2 + 1, what);
		t3 = export_or_fail(back, form, test_opts(), NULL);
	} else {
		assert_vg_equal(vg, back, false);
		t3 = xstrndup(t, len);
	}
	if (strcmp(repairs ? t2 : t, t3))
		fail_msg("%s: the written text does not read back the same", what);
	free(t2);
	free(t3);
	return t;
}

static void test_edges(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_EDGES; i++) {
		const struct edge *e = &edges[i];
		struct md_arena *a = md_arena_new();
		struct md_err err = { 0 };
		size_t len;
		char *t = edge_text(e, &len), *disk;
		struct md_vg *vg = import_or_fail(a, t, len, e->name);
		int r = md_vg_validate(vg, &err);

		if (e->write_why && (r != -EINVAL || !strstr(err.why, e->write_why)))
			fail_msg("%s: write check returned %d (%s), not \"%s\"", e->name, r,
				 err.why ? err.why : "no reason", e->write_why);
		if (!e->write_why && r)
			fail_msg("%s: write refused: %s [%s]", e->name, err.why, err.detail);
		assert_int_equal(md_vg_validate_read(vg, &err), 0);
		disk = round_trip(a, vg, MD_FORM_DISK, e->repairs, e->name);
		free(round_trip(a, vg, MD_FORM_FILE, e->repairs, e->name));
		if (e->check)
			e->check(vg, disk);
		free(disk);
		free(t);
		md_arena_free(a);
	}
}

/* ------------------------------------------------------------ beyond the table */

/*
 * 131072 levels (where lvm2's own parser overflows its stack) of an unknown
 * section in the VG section: read, kept, written back in both forms, read
 * again, cloned; nothing here may recurse.
 */
static void test_nesting_131072(void **state)
{
	char *base = fx_text(MIX, 0, NULL), *t = gen_nested(base, 131072);
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = import_or_fail(a, t, strlen(t) + 1, "nesting-131072"), *copy;
	char *disk;

	(void)state;
	assert_int_equal(nesting_of(md_cn_find(vg->extra, "x")), 131072);
	disk = round_trip(a, vg, MD_FORM_DISK, false, "nesting-131072");
	free(round_trip(a, vg, MD_FORM_FILE, false, "nesting-131072"));
	copy = md_vg_clone(a, vg);
	assert_non_null(copy);
	assert_vg_equal(vg, copy, true);
	assert_int_equal(md_vg_validate(vg, NULL), 0);
	free(disk);
	free(t);
	free(base);
	md_arena_free(a);
}

/* Integers beyond 64 bits elsewhere still fail the whole text, as in lvm2. */
static void test_int_overflow_fails(void **state)
{
	static const char *const lines[] = {
		"seqno = 18446744073709551616\n", "seqno = -9223372036854775809\n",
		"max_lv = 99999999999999999999\n",
	};
	char *base = fx_text(MIX, 0, NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const char *old = i < 2 ? "^seqno = " : "^max_lv = ";
		char *t = edit_text(base, NULL, old, lines[i]);
		struct md_arena *a = md_arena_new();
		struct md_err err = { 0 };
		struct md_vg *vg;

		assert_int_equal(md_vg_import(a, t, strlen(t) + 1, &vg, &err), -EINVAL);
		assert_non_null(strstr(err.why, "range"));
		md_arena_free(a);
		free(t);
	}
	free(base);
}

/* ------------------------------------------------------------ seeds */

static void write_corpus(const char *dir)
{
	char name[128];

	if (mkdir(dir, 0755) && errno != EEXIST)
		fail_msg("cannot create %s: %s", dir, strerror(errno));
	for (size_t i = 0; i < N_EDGES; i++) {
		size_t len;
		char *t = edge_text(&edges[i], &len);

		snprintf(name, sizeof(name), "edge-%s", edges[i].name);
		if (len <= SEED_MAX)
			write_seed(dir, name, FZ_VG, t, len, NULL, 0);
		free(t);
	}
}

/* tests/corpus (CORPUS, set by tests/unit/run) holds the edges' seeds as written now. */
static void test_corpus_current(void **state)
{
	const char *corpus = getenv("CORPUS");
	char path[FX_PATH_MAX], name[128];
	size_t n = 0;

	(void)state;
	if (!corpus || !*corpus)
		fail_msg("CORPUS is not set (run through tests/unit/run or make unit)");
	for (size_t i = 0; i < N_EDGES; i++) {
		size_t len;
		char *t = edge_text(&edges[i], &len);

		snprintf(name, sizeof(name), "edge-%s", edges[i].name);
		snprintf(path, sizeof(path), "%s/%s", corpus, name);
		if (len <= SEED_MAX) {
			unsigned char *p = xmalloc(len + 1);

			p[0] = FZ_VG;
			memcpy(p + 1, t, len);
			if (!file_is(path, p, len + 1))
				fail_msg("%s is missing or stale: regenerate it "
					 "(tests/fuzz/README.md)", path);
			free(p);
			n++;
		}
		free(t);
	}
	assert_true(n > N_EDGES / 2);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_nesting_131072),
		cmocka_unit_test(test_int_overflow_fails),
		cmocka_unit_test(test_corpus_current),
	};

	if (argc == 3 && !strcmp(argv[1], "--write-corpus")) {
		write_corpus(argv[2]);
		printf("wrote the edge seeds to %s\n", argv[2]);
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--write-corpus DIR]\n", argv[0]);
		return 2;
	}
	return cmocka_run_group_tests_name("limits", tests, NULL, NULL);
}
