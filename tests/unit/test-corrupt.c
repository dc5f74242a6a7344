/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One generated corruption per validation rule: label sectors, mda headers
 * and metadata texts, each made from a valid fixture by a small edit.  Every
 * case must give a clean error (a negative errno and a reason) and never
 * crash; run under ASan/UBSan this also proves no out-of-bounds access.
 *
 *   test-corrupt --write-corpus DIR
 * is no test but the corpus generator: it writes every case, plus the valid
 * fixture pieces, as fuzzer seeds (the first byte selects the fuzz target,
 * see tests/fuzz/fuzz-decode.c).  test_corpus_current checks tests/corpus
 * against it.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* Fuzz target selectors: keep in step with tests/fuzz/fuzz-decode.c. */
enum { FZ_LABEL, FZ_MDAH, FZ_PLACE, FZ_CFG, FZ_VG, FZ_PV };

/* ------------------------------------------------------------ label sectors */

#define LAB (MD_SECTOR)	/* the label lives in sector 1 of the scan area */

static void relabel(unsigned char *b)
{
	st32(b + LAB + 16, md_crc(MD_CRC_SEED, b + LAB + 20, MD_SECTOR - 20));
}

/* Put a pv_header at offset_xl @off with a valid uuid and the given 16-byte entries. */
static unsigned pvh_at(unsigned char *b, unsigned off)
{
	unsigned char uuid[32];

	memcpy(uuid, b + LAB + 32, 32);
	memset(b + LAB + 32, 0, MD_SECTOR - 32);
	st32(b + LAB + 20, off);
	memcpy(b + LAB + off, uuid, 32);
	st64(b + LAB + off + 32, 67108864);
	return off + 40;
}

static void put_locn(unsigned char *b, unsigned at, uint64_t off, uint64_t size)
{
	st64(b + LAB + at, off);
	st64(b + LAB + at + 8, size);
}

static void lab_crc(unsigned char *b)
{
	b[LAB + 500] ^= 0x01;
}

static void lab_sector(unsigned char *b)
{
	st64(b + LAB + 8, 2);
	relabel(b);
}

static void lab_type(unsigned char *b)
{
	memcpy(b + LAB + 24, "LVM1 001", 8);
	relabel(b);
}

static void lab_offset_big(unsigned char *b)
{
	st32(b + LAB + 20, 500);
	relabel(b);
}

static void lab_offset_small(unsigned char *b)
{
	st32(b + LAB + 20, 0);
	relabel(b);
}

static void lab_uuid(unsigned char *b)
{
	b[LAB + 32 + 7] = '-';
	relabel(b);
}

static void lab_da_unterminated(unsigned char *b)
{
	unsigned p = pvh_at(b, 400);

	for (; p + 16 <= MD_SECTOR; p += 16)
		put_locn(b, p, 1048576 + p, 0);
	relabel(b);
}

static void lab_da_too_long(unsigned char *b)
{
	unsigned p = pvh_at(b, 32);

	for (unsigned i = 0; i < MD_MAX_AREAS + 1; i++, p += 16)
		put_locn(b, p, 1048576 * (i + 1), 0);
	relabel(b);
}

static void lab_mda_three(unsigned char *b)
{
	unsigned p = pvh_at(b, 32);

	put_locn(b, p, 1048576, 0);
	p += 32;
	for (unsigned i = 0; i < 3; i++, p += 16)
		put_locn(b, p, 4096 + 1048576 * i, 1044480);
	relabel(b);
}

static void lab_mda_unterminated(unsigned char *b)
{
	unsigned p = pvh_at(b, 424);	/* data area, terminator, one mda in the last 16 bytes */

	put_locn(b, p, 1048576, 0);
	put_locn(b, p + 32, 4096, 1044480);
	relabel(b);
}

static void lab_ba_too_long(unsigned char *b)
{
	unsigned p = pvh_at(b, 32);

	put_locn(b, p, 1048576, 0);
	p += 32;
	put_locn(b, p, 4096, 1044480);
	p += 32;
	st32(b + LAB + p, 2);
	st32(b + LAB + p + 4, 1);
	p += 8;
	for (unsigned i = 0; i < MD_MAX_AREAS + 1; i++, p += 16)
		put_locn(b, p, 1048576 + 4096 * i, 4096);
	relabel(b);
}

static void lab_ba_unterminated(unsigned char *b)
{
	unsigned p = pvh_at(b, 408);	/* the extension ends exactly at 504 */

	put_locn(b, p, 1048576, 0);
	p += 32 + 16;	/* data terminator, empty mda list */
	st32(b + LAB + p, 2);
	st32(b + LAB + p + 4, 0);
	relabel(b);
}

static void lab_none(unsigned char *b)
{
	memset(b, 0, MD_LABEL_SCAN_SIZE);
}

static void lab_type_wiped(unsigned char *b)	/* what wipefs -a does */
{
	memset(b + LAB + 24, 0, 8);
}

static const struct lcase {
	const char *name;
	void (*gen)(unsigned char *b);
	int err;
	const char *why;
} label_cases[] = {
	{ "crc-flipped", lab_crc, -EBADMSG, "crc" },
	{ "sector-mismatch", lab_sector, -EBADMSG, "sector" },
	{ "type-wrong", lab_type, -EBADMSG, "type" },
	{ "type-wiped", lab_type_wiped, -EBADMSG, "type" },
	{ "offset-past-sector", lab_offset_big, -EINVAL, "offset" },
	{ "offset-too-small", lab_offset_small, -EINVAL, "offset" },
	{ "uuid-bad-char", lab_uuid, -EINVAL, "uuid" },
	{ "data-list-unterminated", lab_da_unterminated, -EINVAL, "data area list" },
	{ "data-list-too-long", lab_da_too_long, -EINVAL, "data area list" },
	{ "three-mdas", lab_mda_three, -EINVAL, "more than 2" },
	{ "mda-list-unterminated", lab_mda_unterminated, -EINVAL, "metadata area list" },
	{ "ba-list-too-long", lab_ba_too_long, -EINVAL, "bootloader" },
	{ "ba-list-unterminated", lab_ba_unterminated, -EINVAL, "bootloader" },
	{ "no-label", lab_none, -ENOENT, "no label" },
};
#define N_LABEL_CASES (sizeof(label_cases) / sizeof(label_cases[0]))

static unsigned char *label_base(void)
{
	size_t len;
	unsigned char *head = fx_load("default-pv", "pv0.head", &len);
	unsigned char *b = xmalloc(MD_LABEL_SCAN_SIZE);

	assert_true(len >= MD_LABEL_SCAN_SIZE);
	memcpy(b, head, MD_LABEL_SCAN_SIZE);
	free(head);
	return b;
}

static void test_label_cases(void **state)
{
	unsigned char *base = label_base();

	(void)state;
	for (size_t i = 0; i < N_LABEL_CASES; i++) {
		const struct lcase *c = &label_cases[i];
		unsigned char *b = xmalloc(MD_LABEL_SCAN_SIZE);	/* exact size: ASan sees overruns */
		struct md_label l;
		const char *why = NULL;
		int r;

		memcpy(b, base, MD_LABEL_SCAN_SIZE);
		c->gen(b);
		r = md_label_find(b, MD_LABEL_SCAN_SIZE, &l, &why);
		if (r != c->err || !why || !strstr(why, c->why))
			fail_msg("label case %s: got %d (%s), want %d (%s)", c->name, r,
				 why ? why : "no reason", c->err, c->why);
		/* the single-sector decoder agrees */
		if (c->err != -ENOENT) {
			why = NULL;
			assert_int_equal(md_label_decode(b + LAB, 1, &l, &why) != 0, 1);
			assert_non_null(why);
		}
		free(b);
	}
	free(base);
}

/* ------------------------------------------------------------ mda headers */

static void mda_fix(unsigned char *h)
{
	st32(h, md_crc(MD_CRC_SEED, h + 4, MD_MDA_HEADER_SIZE - 4));
}

#define SIZE_OF(h) ld64((h) + 0x20)
#define SLOT0 0x28

static void mda_magic(unsigned char *h) { h[5] ^= 0x20; mda_fix(h); }
static void mda_version(unsigned char *h) { st32(h + 0x14, 2); mda_fix(h); }
static void mda_start(unsigned char *h) { st64(h + 0x18, 8192); mda_fix(h); }
static void mda_checksum(unsigned char *h) { h[300] ^= 0x80; }
static void mda_size_small(unsigned char *h) { st64(h + 0x20, 1024); mda_fix(h); }
static void mda_size_unaligned(unsigned char *h) { st64(h + 0x20, 1044481); mda_fix(h); }
static void mda_size_huge(unsigned char *h) { st64(h + 0x20, UINT64_MAX - 511); mda_fix(h); }
static void mda_off_end(unsigned char *h) { st64(h + SLOT0, SIZE_OF(h)); mda_fix(h); }
static void mda_off_low(unsigned char *h) { st64(h + SLOT0, 100); mda_fix(h); }
static void mda_off_huge(unsigned char *h)
{
	st64(h + SLOT0, 1ull << 63);
	st64(h + SLOT0 + 8, 1ull << 63);
	mda_fix(h);
}
static void mda_size_area(unsigned char *h)
{
	st64(h + SLOT0 + 8, SIZE_OF(h) - 511);
	mda_fix(h);
}
static void mda_size_zero(unsigned char *h) { st64(h + SLOT0 + 8, 0); mda_fix(h); }
static void mda_wrap_overlap(unsigned char *h)
{
	/* starts 1 KiB before the end and wraps round past its own start */
	st64(h + SLOT0, SIZE_OF(h) - 1024);
	st64(h + SLOT0 + 8, SIZE_OF(h) - 256);
	mda_fix(h);
}
static void mda_slot1_bad(unsigned char *h)
{
	st64(h + SLOT0 + 24, SIZE_OF(h) + 512);
	st64(h + SLOT0 + 32, 100);
	mda_fix(h);
}

static const struct mcase {
	const char *name;
	void (*gen)(unsigned char *h);
	const char *why;
} mda_cases[] = {
	{ "magic", mda_magic, "magic" },
	{ "version", mda_version, "version" },
	{ "start", mda_start, "start" },
	{ "checksum", mda_checksum, "checksum" },
	{ "size-small", mda_size_small, "size" },
	{ "size-unaligned", mda_size_unaligned, "size" },
	{ "size-huge", mda_size_huge, "size" },
	{ "rlocn-offset-past-end", mda_off_end, "offset" },
	{ "rlocn-offset-in-header", mda_off_low, "offset" },
	{ "rlocn-offset-huge", mda_off_huge, "offset" },
	{ "rlocn-size-over-area", mda_size_area, "size" },
	{ "rlocn-size-zero", mda_size_zero, "size" },
	{ "rlocn-wrap-overlap", mda_wrap_overlap, "raw_locn" },
	{ "rlocn-slot1-bad", mda_slot1_bad, "raw_locn" },
};
#define N_MDA_CASES (sizeof(mda_cases) / sizeof(mda_cases[0]))

static unsigned char *mda_base(uint64_t *at)
{
	struct fxdev d;
	unsigned char *h = xmalloc(MD_MDA_HEADER_SIZE);

	fxdev_load(&d, "lvs-mixed", 0);
	memcpy(h, fxdev_mda(&d, 0), MD_MDA_HEADER_SIZE);
	*at = d.mda_start[0];
	fxdev_free(&d);
	return h;
}

static void test_mda_cases(void **state)
{
	uint64_t at;
	unsigned char *base = mda_base(&at);
	struct md_mdah m;
	const char *why;

	(void)state;
	assert_int_equal(md_mdah_decode(base, at, &m, &why), 0);
	for (size_t i = 0; i < N_MDA_CASES; i++) {
		const struct mcase *c = &mda_cases[i];
		unsigned char *h = xmalloc(MD_MDA_HEADER_SIZE);
		int r;

		memcpy(h, base, MD_MDA_HEADER_SIZE);
		c->gen(h);
		why = NULL;
		r = md_mdah_decode(h, at, &m, &why);
		if (r != -EBADMSG || !why || !strstr(why, c->why))
			fail_msg("mda case %s: got %d (%s), want -EBADMSG (%s)", c->name, r,
				 why ? why : "no reason", c->why);
		free(h);
	}
	free(base);
}

/* ------------------------------------------------------------ texts */

/*
 * A text case: in fixture @fx's pv0.text, after @anchor (if any), replace
 * the first @old by @new_.  An @old starting with '^' names the whole line
 * that begins with the rest of it.  Or @gen builds the text itself.
 */
struct tcase {
	const char *name;
	const char *fx;
	const char *anchor, *old, *new_;
	const char *why;	/* expected in err.why (or err.detail) */
	char *(*gen)(const char *text, size_t *len);
};

/* The value of the first `key = "..."` line after @anchor, quotes included. */
static char *value_after(const char *t, const char *anchor, const char *key)
{
	const char *a = strstr(t, anchor), *v;

	assert_non_null(a);
	v = strstr(a, key);
	assert_non_null(v);
	v += strlen(key);
	return xstrndup(v, strcspn(v, "\n"));
}

static char *gen_truncated(const char *t, size_t *len)
{
	*len = strlen(t) / 2;	/* no NUL: the length ends it mid-way */
	return xstrndup(t, *len);
}

static char *gen_truncated_in_string(const char *t, size_t *len)
{
	const char *d = strstr(t, "description = \"Write");

	assert_non_null(d);
	*len = (size_t)(d - t) + strlen("description = \"Write");
	return xstrndup(t, *len);
}

static char *gen_unterminated_string(const char *t, size_t *len)
{
	char *r = xstrndup(t, strlen(t));
	char *q = strrchr(r, '"');

	assert_non_null(q);
	memmove(q, q + 1, strlen(q));
	*len = strlen(r) + 1;
	return r;
}

static char *gen_nul_inside(const char *t, size_t *len)
{
	char *r = xstrndup(t, strlen(t));
	char *p = strstr(r, "logical_volumes {");

	assert_non_null(p);
	*len = strlen(r) + 1;
	*p = '\0';	/* the text ends inside the VG section */
	return r;
}

static char *gen_no_vg_section(const char *t, size_t *len)
{
	const char *h = strstr(t, "# Generated by");

	assert_non_null(h);
	*len = strlen(h) + 1;
	return xstrndup(h, strlen(h));
}

static char *gen_dup_lv_id(const char *t, size_t *len)
{
	char *lin = value_after(t, "\nlin {\n", "id = ");
	char *plain = value_after(t, "\nplain {\n", "id = ");
	char *r = edit_text(t, "\nplain {\n", plain, lin);

	free(lin);
	free(plain);
	*len = strlen(r) + 1;
	return r;
}

static char *gen_dup_pv_id(const char *t, size_t *len)
{
	char *a = value_after(t, "\npv0 {\n", "id = ");
	char *b = value_after(t, "\npv1 {\n", "id = ");
	char *r = edit_text(t, "\npv1 {\n", b, a);

	free(a);
	free(b);
	*len = strlen(r) + 1;
	return r;
}

static char *gen_long_vg_name(const char *t, size_t *len)
{
	char name[MD_NAME_LEN + 8];
	char *r;

	memset(name, 'v', MD_NAME_LEN);
	strcpy(name + MD_NAME_LEN, " {\n");	/* 128 characters: one too many */
	r = edit_text(t, NULL, "fx_mixed {\n", name);
	*len = strlen(r) + 1;
	return r;
}

#define E(n, f, a, o, w, y) { n, f, a, o, w, y, NULL }
#define G(n, f, g, y) { n, f, NULL, NULL, NULL, y, g }
#define MIX "lvs-mixed"
#define RAID "raid1"

static const struct tcase text_cases[] = {
	/* syntax */
	G("truncated-no-nul", MIX, gen_truncated, NULL),
	G("truncated-in-string", MIX, gen_truncated_in_string, "unterminated"),
	G("unterminated-string", MIX, gen_unterminated_string, "unterminated"),
	G("nul-inside-vg", MIX, gen_nul_inside, "}"),
	E("brace-missing", MIX, NULL, "\n}\n# Generated by", "\n# Generated by", "}"),
	E("brace-extra", MIX, NULL, "\n}\n# Generated by", "\n}\n}\n# Generated by", "'}'"),
	E("brace-extra-inside", MIX, "\nplain {\n", "segment_count = 1\n",
	  "segment_count = 1\n}\n", NULL),
	E("number-huge", MIX, NULL, "^seqno = ", "seqno = 99999999999999999999\n", "range"),
	E("number-huge-negative", MIX, NULL, "^seqno = ", "seqno = -99999999999999999999\n",
	  "range"),
	E("number-hex", MIX, NULL, "max_lv = 0", "max_lv = 0x10", "malformed"),
	E("number-bad-octal", MIX, NULL, "max_lv = 0", "max_lv = 09", "octal"),
	E("missing-equals", MIX, NULL, "max_pv = 0", "max_pv 0", "'='"),
	E("array-nested", MIX, NULL, "flags = []", "flags = [[]]", "nested"),
	E("array-unterminated", MIX, NULL, "flags = []\n", "flags = [\n", NULL),
	/* the header block */
	E("no-contents", MIX, NULL, "^contents = ", "", "contents"),
	E("bad-contents", MIX, NULL, "Text Format Volume Group", "Text Format Volume Grump",
	  "not a volume group"),
	E("no-version", MIX, NULL, "^version = 1", "", "version"),
	E("version-2", MIX, NULL, "^version = 1", "version = 2\n", "version"),
	G("no-vg-section", MIX, gen_no_vg_section, "no volume group"),
	/* VG keys */
	E("vg-no-id", MIX, NULL, "^id = ", "", "id"),
	E("vg-no-seqno", MIX, NULL, "^seqno = ", "", "seqno"),
	E("vg-no-status", MIX, NULL, "^status = [\"RESIZEABLE\"", "", "status"),
	E("vg-no-extent-size", MIX, NULL, "^extent_size = ", "", "extent_size"),
	E("vg-no-max-lv", MIX, NULL, "^max_lv = ", "", "max_lv"),
	E("vg-no-max-pv", MIX, NULL, "^max_pv = ", "", "max_pv"),
	E("vg-no-pvs", MIX, NULL, "physical_volumes {", "physical_volumez {",
	  "physical_volumes"),
	E("vg-seqno-string", MIX, NULL, "^seqno = ", "seqno = \"5\"\n", "integer"),
	E("vg-status-string", MIX, NULL, "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]",
	  "status = \"RESIZEABLE\"", "array"),
	E("vg-status-int", MIX, NULL, "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]",
	  "status = [\"RESIZEABLE\", 1]", "string"),
	E("vg-extent-size-zero", MIX, NULL, "^extent_size = ", "extent_size = 0\n", "extent_size"),
	E("vg-name-dash", MIX, NULL, "fx_mixed {\n", "-fx_mixed {\n", "'-'"),
	E("vg-name-dot", MIX, NULL, "fx_mixed {\n", ". {\n", "\".\""),
	E("vg-name-char", MIX, NULL, "fx_mixed {\n", "fx@mixed {\n", "may only contain"),
	G("vg-name-long", MIX, gen_long_vg_name, "127"),
	E("vg-id-bad", MIX, NULL, "^id = ", "id = \"not-a-uuid\"\n", "UUID"),
	E("vg-id-char", MIX, NULL, "^id = ", "id = \"abcdef-ghij-klmn-opqr-stuv-wxyz-0123$%\"\n",
	  "UUID"),
	E("vg-tag-int", MIX, NULL, "tags = [\"vgtag\"]", "tags = [7]", "string"),
	/* PV keys */
	E("pv-no-id", MIX, "\npv1 {\n", "^id = ", "", "id"),
	E("pv-no-status", MIX, "\npv1 {\n", "^status = ", "", "status"),
	E("pv-no-pe-start", MIX, "\npv1 {\n", "^pe_start = ", "", "pe_start"),
	E("pv-no-pe-count", MIX, "\npv1 {\n", "^pe_count = ", "", "pe_count"),
	E("pv-id-short", MIX, "\npv1 {\n", "^id = ", "id = \"abc\"\n", "UUID"),
	/* -1 is 4294967295 to lvm2 (32 bits), past this PV's end */
	E("pv-pe-count-negative", MIX, "\npv1 {\n", "^pe_count = ", "pe_count = -1\n", "dev_size"),
	E("pv-pe-count-past-dev", MIX, "\npv1 {\n", "^pe_count = ", "pe_count = 16\n",
	  "dev_size"),
	E("pv-not-section", MIX, "\npv1 {\n", "\npv2 {\n", "\npv2 = 1\nx {\n", "section"),
	E("pv-dup-name", MIX, NULL, "\npv1 {\n", "\npv0 {\n", "duplicate"),
	G("pv-dup-id", MIX, gen_dup_pv_id, "duplicate PV id"),
	E("pv-ba-start-alone", "two-mda-ba", NULL, "^ba_size = ", "", "ba_start"),
	/* LV keys */
	E("lv-no-id", MIX, "\nstr {\n", "^id = ", "", "id"),
	E("lv-no-status", MIX, "\nstr {\n", "^status = ", "", "status"),
	E("lv-no-segment-count", MIX, "\nstr {\n", "^segment_count = ", "", "segment_count"),
	E("lv-segment-count-more", MIX, "\nlin {\n", "segment_count = 2", "segment_count = 3",
	  "disagree"),
	E("lv-segment-count-less", MIX, "\nlin {\n", "segment_count = 2", "segment_count = 1",
	  "disagree"),
	E("lv-segment-count-zero", MIX, "\nstr {\n", "segment_count = 1", "segment_count = 0",
	  "disagree"),
	E("lv-extra-subsection", MIX, "\nstr {\n", "segment_count = 1\n",
	  "segment_count = 1\nextra_subsection {\n}\n", NULL),
	E("lv-creation-time-alone", MIX, "\nplain {\n", "^creation_host = ", "", "together"),
	E("lv-read-ahead-range", MIX, "\nlin {\n", "read_ahead = 256", "read_ahead = -2", "range"),
	E("lv-major-range", MIX, "\nlin {\n", "read_ahead = 256", "major = 4096", "range"),
	E("lv-id-bad", MIX, "\nplain {\n", "^id = ", "id = \"x\"\n", "UUID"),
	E("lv-dup-name", MIX, NULL, "\nplain {\n", "\nstr {\n", "duplicate"),
	G("lv-dup-id", MIX, gen_dup_lv_id, "duplicate LV id"),
	E("lv-not-section", MIX, NULL, "\nlogical_volumes {\n", "\nlogical_volumes {\nx = 1\n",
	  "section"),
	/* segments */
	E("seg-no-start", MIX, "\nstr {\n", "^start_extent = ", "", "start_extent"),
	E("seg-no-count", MIX, "\nstr {\n", "^extent_count = ", "", "extent_count"),
	E("seg-no-stripe-count", MIX, "\nstr {\n", "^stripe_count = ", "", "stripe_count"),
	E("seg-no-stripes", MIX, "\nstr {\n", "stripes = [", "stripez = [", "stripes"),
	E("seg-not-at-0", MIX, "\nplain {\n", "start_extent = 0", "start_extent = 1", "tile"),
	E("seg-gap", MIX, "\nlin {\n", "start_extent = 2", "start_extent = 3", "tile"),
	E("seg-overlap-in-lv", MIX, "\nlin {\n", "start_extent = 2", "start_extent = 1", "tile"),
	E("seg-zero-extents", MIX, "\nplain {\n", "extent_count = 3", "extent_count = 0",
	  "no extents"),
	E("seg-stripe-count-0", MIX, "\nstr {\n", "stripe_count = 2", "stripe_count = 0",
	  "stripe_count"),
	E("seg-stripe-count-129", MIX, "\nstr {\n", "stripe_count = 2", "stripe_count = 129",
	  "stripe_count"),
	E("seg-more-areas", MIX, "\nstr {\n", "stripe_count = 2", "stripe_count = 1", "more areas"),
	E("seg-fewer-areas", MIX, "\nstr {\n", "stripe_count = 2", "stripe_count = 4",
	  "fewer areas"),
	E("seg-not-multiple", MIX, "\nstr {\n", "extent_count = 4", "extent_count = 5", "multiple"),
	E("seg-no-stripe-size", MIX, "\nstr {\n", "^stripe_size = ", "", "stripe_size"),
	E("seg-area-odd", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv2\"", "pairs"),
	E("seg-area-negative", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv2\", -1", "pairs"),
	E("seg-area-past-pe-count", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv2\", 13", "past the end"),
	E("seg-area-start-past", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv2\", 4000000000",
	  "past the end"),
	E("seg-overlap-on-pv", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv0\", 1", "used twice"),
	E("seg-unknown-pv", MIX, "\nplain {\n", "\"pv2\", 0", "\"pv9\", 0", "unknown PV"),
	E("seg-type-int", MIX, "\nplain {\n", "type = \"striped\"", "type = 1", "string"),
	/* raid1 */
	E("raid-no-device-count", RAID, "\nr1 {\n", "^device_count = ", "", "device_count"),
	E("raid-device-count-0", RAID, "\nr1 {\n", "device_count = 2", "device_count = 0",
	  "device_count"),
	E("raid-no-raids", RAID, "\nr1 {\n", "raids = [", "raidz = [", "raids"),
	E("raid-count-more", RAID, "\nr1 {\n", "device_count = 2", "device_count = 3", "differs"),
	E("raid-count-less", RAID, "\nr1 {\n", "device_count = 2", "device_count = 1",
	  "more raid pairs"),
	E("raid-meta-alone", RAID, "\nr1 {\n", "\"r1_rmeta_1\", \"r1_rimage_1\"", "\"r1_rmeta_1\"",
	  "metadata LV"),
	E("raid-unknown-lv", RAID, "\nr1 {\n", "\"r1_rimage_1\"", "\"r1_rimage_9\"", "unknown LV"),
	E("raid-self", RAID, "\nr1 {\n", "\"r1_rimage_1\"", "\"r1\"", "itself"),
	E("raid-image-twice", RAID, "\nr1 {\n", "\"r1_rimage_1\"", "\"r1_rimage_0\"", "twice"),
	E("raid-image-small", RAID, "\nr1 {\n", "extent_count = 2", "extent_count = 3", "smaller"),
	E("raid-raids-int", RAID, "\nr1 {\n", "\"r1_rimage_1\"", "7", "LV names"),
};
#define N_TEXT_CASES (sizeof(text_cases) / sizeof(text_cases[0]))

/* The corrupted text of case @c (malloc'd), with *len the bytes to hand to the parser. */
static char *make_text(const struct tcase *c, size_t *len)
{
	char *base = fx_text(c->fx, 0, NULL);
	char *t;

	if (c->gen) {
		t = c->gen(base, len);
	} else {
		t = edit_text(base, c->anchor, c->old, c->new_);
		*len = strlen(t) + 1;	/* with its NUL, as on disk */
	}
	free(base);
	return t;
}

static void test_text_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_TEXT_CASES; i++) {
		const struct tcase *c = &text_cases[i];
		size_t len;
		char *t = make_text(c, &len);
		char *exact = xmalloc(len);	/* exactly @len bytes: overruns hit ASan */
		struct md_arena *a = md_arena_new();
		struct md_err err;
		struct md_vg *vg = (struct md_vg *)&err;
		int r;

		memcpy(exact, t, len);
		memset(&err, 0, sizeof(err));
		r = md_vg_import(a, exact, len, &vg, &err);
		if (r >= 0 || !err.why)
			fail_msg("text case %s: import returned %d (%s)", c->name, r,
				 err.why ? err.why : "no reason");
		assert_int_equal(r, -EINVAL);
		assert_null(vg);
		if (c->why && !strstr(err.why, c->why) && !strstr(err.detail, c->why))
			fail_msg("text case %s: reason \"%s\" [%s] lacks \"%s\"", c->name, err.why,
				 err.detail, c->why);
		md_arena_free(a);
		free(exact);
		free(t);
	}
}

/* Each valid base text imports, so every failure above is the edit's doing. */
static void test_bases_valid(void **state)
{
	static const char *const bases[] = { MIX, RAID, "two-mda-ba" };

	(void)state;
	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		size_t len;
		char *t = fx_text(bases[i], 0, &len);
		struct md_arena *a = md_arena_new();

		import_or_fail(a, t, len + 1, bases[i]);	/* with the NUL */
		import_or_fail(a, t, len, bases[i]);	/* complete text, no NUL */
		md_arena_free(a);
		free(t);
	}
	/* and an edit that only changes a value keeps it valid (the edit helper is sound) */
	{
		char *base = fx_text(MIX, 0, NULL);
		char *t = edit_text(base, "\nplain {\n", "\"pv2\", 0", "\"pv2\", 12");
		struct md_arena *a = md_arena_new();
		struct md_vg *vg = import_or_fail(a, t, strlen(t) + 1, "edited");

		assert_int_equal(vg->lvs[md_vg_find_lv(vg, "plain")].segs[0].areas[0].start, 12);
		md_arena_free(a);
		free(t);
		free(base);
	}
}

/* Config-level errors never leave a half-built tree behind a success code. */
static void test_parser_errors_clean(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_TEXT_CASES; i++) {
		size_t len;
		char *t = make_text(&text_cases[i], &len);
		struct md_arena *a = md_arena_new();
		struct md_cn *root = NULL;
		struct md_err err = { 0 };
		int r = md_cfg_parse(a, t, len, &root, &err);

		if (r) {
			assert_int_equal(r, -EINVAL);
			assert_non_null(err.why);
			assert_true(err.line >= 1);
		} else {
			/* a schema error: the tree is there and the import fails on it */
			struct md_vg *vg;

			assert_int_not_equal(md_vg_import_tree(a, root, &vg, &err), 0);
			assert_non_null(err.why);
		}
		md_arena_free(a);
		free(t);
	}
}

/* ------------------------------------------------------------ corpus generator */

/*
 * Not a test: `test-corrupt --write-corpus DIR` writes the fuzzer's seed
 * corpus (tests/corpus) from the cases above and the fixtures.
 * test_corpus_current checks that the committed corpus is what it writes.
 */

/* One seed per corruption case; returns how many. */
static size_t write_case_seeds(const char *dir)
{
	char name[128];
	unsigned char *base, at8[8];
	uint64_t at;
	size_t n = 0;

	base = label_base();
	write_seed(dir, "label-valid", FZ_LABEL, base, MD_LABEL_SCAN_SIZE, NULL, 0);
	for (size_t i = 0; i < N_LABEL_CASES; i++, n++) {
		unsigned char b[MD_LABEL_SCAN_SIZE];

		memcpy(b, base, sizeof(b));
		label_cases[i].gen(b);
		snprintf(name, sizeof(name), "label-%s", label_cases[i].name);
		write_seed(dir, name, FZ_LABEL, b, sizeof(b), NULL, 0);
	}
	free(base);
	base = mda_base(&at);
	st64(at8, at);
	for (size_t i = 0; i < N_MDA_CASES; i++, n++) {
		unsigned char h[MD_MDA_HEADER_SIZE];

		memcpy(h, base, sizeof(h));
		mda_cases[i].gen(h);
		snprintf(name, sizeof(name), "mdah-%s", mda_cases[i].name);
		write_seed(dir, name, FZ_MDAH, at8, 8, h, sizeof(h));
	}
	free(base);
	for (size_t i = 0; i < N_TEXT_CASES; i++, n++) {
		size_t len;
		char *t = make_text(&text_cases[i], &len);

		snprintf(name, sizeof(name), "text-%s", text_cases[i].name);
		write_seed(dir, name, FZ_VG, t, len, NULL, 0);
		free(t);
	}
	return n;
}

/* The valid pieces of PV @pv of a fixture: label, mda headers, texts, a whole head. */
static void write_fixture_pv_seeds(const char *dir, const struct fxdev *d)
{
	char name[128];
	unsigned char at8[8];

	if (d->pv == 0) {
		snprintf(name, sizeof(name), "label-%s", d->cas);
		write_seed(dir, name, FZ_LABEL, d->head, MD_LABEL_SCAN_SIZE, NULL, 0);
	}
	for (unsigned m = 0; m < d->n_mda && d->pv == 0; m++) {
		st64(at8, d->mda_start[m]);
		snprintf(name, sizeof(name), "mdah-%s-%u", d->cas, m);
		write_seed(dir, name, FZ_MDAH, at8, 8, fxdev_mda(d, m), MD_MDA_HEADER_SIZE);
	}
	if (d->has_text && d->pv == 0 && strcmp(d->cas, "lv1000")) {
		size_t len;
		char *t = fx_text(d->cas, d->pv, &len);

		snprintf(name, sizeof(name), "text-%s", d->cas);
		write_seed(dir, name, FZ_VG, t, len + 1, NULL, 0);
		snprintf(name, sizeof(name), "cfg-%s", d->cas);
		write_seed(dir, name, FZ_CFG, t, len, NULL, 0);
		free(t);
	}
	/* a whole small PV head: label, header and wrapped text */
	if (!strcmp(d->cas, "wrapped"))
		write_seed(dir, "pv-wrapped", FZ_PV, d->head, d->head_len, NULL, 0);
}

static void write_fixture_seeds(const char *dir)
{
	struct fx_case *cases;
	size_t nc = fx_cases(&cases), len;
	char *b;

	for (size_t c = 0; c < nc; c++)
		for (unsigned pv = 0; pv < cases[c].pv_count; pv++) {
			struct fxdev d;

			fxdev_load(&d, cases[c].name, pv);
			write_fixture_pv_seeds(dir, &d);
			fxdev_free(&d);
		}
	free(cases);
	/* the backup file form */
	b = (char *)fx_load("raid1", "vg.backup", &len);
	write_seed(dir, "text-raid1-backup", FZ_VG, b, len, NULL, 0);
	free(b);
}

/* Placement: the observed lvm2 sequence, and config syntax corners. */
static void write_place_and_cfg_seeds(const char *dir)
{
	/* mda_size, old offset, old size, new size (checksum and flags 0) */
	static const uint64_t rows[][4] = {
		{ 32768, 0, 0, 833 },	  { 32768, 512, 833, 1187 },
		{ 32768, 25600, 3962, 4272 }, { 32768, 29696, 4272, 4582 },
		{ 32768, 29184, 6132, 6400 }, { 32768, 1024, 15432, 15742 },
		{ 1044480, 512, 1002, 1301 }, { 32768, 30000, 2257, 1000 },
	};
	static const char *const cfgs[] = {
		"a = 010\nb = -9223372036854775808\nf = 1.5\ns = \"x\\\"y\\\\\"\n"
		"q = 'single'\narr = [1, \"two\", 3.0]\nempty = []\nnc = [\"a\" \"b\"]\n",
		"\"quoted key\" { sub { deeper = 1 } } # comment\n",
		"a = \"unterminated",
		"a { b = 1",
	};
	char name[128];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		unsigned char p[40] = { 0 };

		st64(p, rows[i][0]);
		st64(p + 8, rows[i][1]);
		st64(p + 16, rows[i][2]);
		st64(p + 32, rows[i][3]);
		snprintf(name, sizeof(name), "place-%zu", i);
		write_seed(dir, name, FZ_PLACE, p, sizeof(p), NULL, 0);
	}
	for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		snprintf(name, sizeof(name), "cfg-syntax-%zu", i);
		write_seed(dir, name, FZ_CFG, cfgs[i], strlen(cfgs[i]), NULL, 0);
	}
}

/* The whole corpus into @dir (created if needed); returns the number of corruption seeds. */
static size_t write_corpus(const char *dir)
{
	size_t n;

	if (mkdir(dir, 0755) && errno != EEXIST)
		fail_msg("cannot create %s: %s", dir, strerror(errno));
	n = write_case_seeds(dir);
	write_fixture_seeds(dir);
	write_place_and_cfg_seeds(dir);
	return n;
}

/*
 * tests/corpus (CORPUS, set by tests/unit/run) is what the generator writes
 * now: a changed case or fixture without a regenerated corpus fails here.
 * The corpus may hold more: inputs the fuzzer once failed on (crash-*).
 */
static void test_corpus_current(void **state)
{
	const char *corpus = getenv("CORPUS");
	char tmp[] = "/tmp/test-corrupt.XXXXXX", path[FX_PATH_MAX], stale[256] = "";
	struct dirent *de;
	size_t checked = 0;
	DIR *d;

	(void)state;
	if (!corpus || !*corpus)
		fail_msg("CORPUS is not set (run through tests/unit/run or make unit)");
	assert_non_null(mkdtemp(tmp));
	write_corpus(tmp);
	assert_non_null(d = opendir(tmp));
	while ((de = readdir(d))) {
		size_t len;
		unsigned char *p;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmp, de->d_name);
		p = read_file(path, &len);
		unlink(path);
		snprintf(path, sizeof(path), "%s/%s", corpus, de->d_name);
		if (!stale[0] && (!p || !file_is(path, p, len)))
			snprintf(stale, sizeof(stale), "%s", de->d_name);
		free(p);
		checked++;
	}
	closedir(d);
	rmdir(tmp);
	if (stale[0])
		fail_msg("%s/%s is missing or stale: regenerate the corpus (tests/fuzz/README.md)",
			 corpus, stale);
	assert_true(checked > N_LABEL_CASES + N_MDA_CASES + N_TEXT_CASES);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bases_valid),
		cmocka_unit_test(test_label_cases),
		cmocka_unit_test(test_mda_cases),
		cmocka_unit_test(test_text_cases),
		cmocka_unit_test(test_parser_errors_clean),
		cmocka_unit_test(test_corpus_current),
	};

	if (argc == 3 && !strcmp(argv[1], "--write-corpus")) {
		/* a generator, not a test: cmocka's asserts still stop it on any error */
		size_t n = write_corpus(argv[2]);

		printf("wrote %zu corruption seeds and the fixture seeds to %s\n", n, argv[2]);
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--write-corpus DIR]\n", argv[0]);
		return 2;
	}
	return cmocka_run_group_tests_name("corrupt", tests, NULL, NULL);
}
