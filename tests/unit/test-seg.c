/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The segment-type handlers (metadata/seg_*.c) one by one: the type table,
 * what each imports, exports and rejects, and the PV-area iterator built on
 * them.  Texts are the lvm2-made fixtures, edited.
 */
#include "unit.h"
#include "text.h"

#define MIX "lvs-mixed"
#define RAID "raid1"

/* ------------------------------------------------------------ helpers */

struct seg_fx {
	char *text;	/* the fixture's pv0.text, NUL-terminated */
	struct md_arena *a;
};

static void seg_fx_load(struct seg_fx *f, const char *cas)
{
	f->text = fx_text(cas, 0, NULL);
	f->a = md_arena_new();
	assert_non_null(f->a);
}

static void seg_fx_free(struct seg_fx *f)
{
	free(f->text);
	md_arena_free(f->a);
}

/* The fixture text with each {old, new} edit applied once, in order (NULL-terminated). */
static char *edited(const char *text, const char *const *edits)
{
	char *t = xstrndup(text, strlen(text));

	for (; edits && edits[0]; edits += 2) {
		char *n = str_replace1(t, edits[0], edits[1]);

		free(t);
		t = n;
	}
	return t;
}

static struct md_vg *import_edited(struct seg_fx *f, const char *const *edits)
{
	char *t = edited(f->text, edits);
	struct md_vg *vg = import_or_fail(f->a, t, strlen(t), "edited fixture");

	free(t);
	return vg;
}

/* The import error of the edited text; fails if it imports. */
static const char *import_error(struct seg_fx *f, const char *const *edits)
{
	static char why[256];
	char *t = edited(f->text, edits);
	struct md_err err = { 0 };
	struct md_vg *vg;
	int r = md_vg_import(f->a, t, strlen(t), &vg, &err);

	free(t);
	if (r != -EINVAL || !err.why)
		fail_msg("edited text: expected -EINVAL with a reason, got %d", r);
	snprintf(why, sizeof(why), "%s: %s", err.why, err.detail);
	return why;
}

static const struct md_seg *first_seg(const struct md_vg *vg, const char *lv)
{
	int32_t i = md_vg_find_lv(vg, lv);

	if (i < 0)
		fail_msg("no LV %s", lv);
	return &vg->lvs[i].segs[0];
}

/* One segment through its type's export, in the disk or the file form. */
static char *export_seg(const struct md_vg *vg, const struct md_seg *seg, bool file)
{
	struct md_buf b;
	struct md_fmt f = { .b = &b, .file = file, .o = test_opts() };
	char *s;

	md_buf_init(&b);
	md_segtype_of(seg)->export(&f, vg, seg, "segment7");
	assert_int_equal(b.err, 0);
	s = xstrndup(b.p, b.len);
	md_buf_free(&b);
	return s;
}

/* ------------------------------------------------------------ the table */

static void test_segtype_table(void **state)
{
	static const char *const unknown[] = { "linear", "raid1+RESHAPE", "thin-pool", "mirror",
					       "STRIPED", "raid", "" };
	const struct md_segtype_ops *const known[] = { &md_segtype_striped, &md_segtype_raid1 };
	struct md_seg seg = { 0 };

	(void)state;
	assert_ptr_equal(md_segtype_find("striped"), &md_segtype_striped);
	assert_ptr_equal(md_segtype_find("raid1"), &md_segtype_raid1);
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_ptr_equal(md_segtype_find(unknown[i]), &md_segtype_unknown);
	assert_null(md_segtype_unknown.name);
	assert_true(md_segtype_unknown.keeps_section);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		assert_false(known[i]->keeps_section);
		assert_non_null(known[i]->validate);
		seg.type = known[i]->type;
		assert_ptr_equal(md_segtype_of(&seg), known[i]);
	}
	seg.type = MD_SEG_OTHER;
	assert_ptr_equal(md_segtype_of(&seg), &md_segtype_unknown);
	seg.type = (enum md_segtype)77;
	assert_ptr_equal(md_segtype_of(&seg), &md_segtype_unknown);
	/* every table starts with the extents, both required */
	for (size_t i = 0; i < 3; i++) {
		const struct md_segtype_ops *st = i < 2 ? known[i] : &md_segtype_unknown;

		assert_true(st->n_keys >= 2 && st->n_keys <= 64);
		assert_string_equal(st->keys[0].name, "start_extent");
		assert_string_equal(st->keys[1].name, "extent_count");
		assert_true(st->keys[0].required && st->keys[1].required);
		assert_non_null(st->import);
		assert_non_null(st->export);
		assert_non_null(st->next_pv_area);
	}
}

/* ------------------------------------------------------------ striped */

static void test_striped_handler(void **state)
{
	struct seg_fx f;
	struct md_vg *vg;
	const struct md_seg *str, *lin2;
	char *out;

	(void)state;
	seg_fx_load(&f, MIX);
	vg = import_edited(&f, NULL);
	str = first_seg(vg, "str");
	lin2 = &vg->lvs[md_vg_find_lv(vg, "lin")].segs[1];
	assert_int_equal(str->type, MD_SEG_STRIPED);
	assert_int_equal(str->stripe_size, 128);
	assert_null(str->pairs);
	assert_null(str->raw);

	out = export_seg(vg, str, false);
	assert_string_equal(out, "segment7 {\nstart_extent = 0\nextent_count = 4\n\n"
				 "type = \"striped\"\nstripe_count = 2\nstripe_size = 128\n\n"
				 "stripes = [\n\"pv0\", 2,\n\"pv1\", 0\n]\n}\n");
	free(out);
	out = export_seg(vg, lin2, true);
	assert_string_equal(out, "segment7 {\n\tstart_extent = 2\n\textent_count = 2\t\t# 8 Megabytes\n\n"
				 "\ttype = \"striped\"\n\tstripe_count = 1\t\t# linear\n\n"
				 "\tstripes = [\n\t\t\"pv1\", 2\n\t]\n}\n");
	free(out);

	/* what only the handler checks */
	{
		const char *const e1[] = { "stripe_size = 128\n", "", NULL };
		const char *const e2[] = { "\"pv0\", 2,\n\"pv1\", 0", "\"pv0\", 2,\n\"pv1\", 14", NULL };
		const char *const e3[] = { "extent_count = 4\n", "extent_count = 5\n", NULL };
		const char *const e4[] = { "\"pv2\", 0", "\"nopv\", 0", NULL };

		assert_non_null(strstr(import_error(&f, e1), "without stripe_size"));
		assert_non_null(strstr(import_error(&f, e2), "past the end of its PV"));
		assert_non_null(strstr(import_error(&f, e3), "not a multiple of stripe_count"));
		assert_non_null(strstr(import_error(&f, e4), "unknown PV or LV"));
	}
	seg_fx_free(&f);
}

/* ------------------------------------------------------------ raid1 */

/* The raid1 keys lvm2 2.03 writes, in its order, after device_count. */
static const char raid1_all_keys[] =
	"device_count = 2\n"
	"region_size = 4096\n"
	"stripe_size = 64\n"
	"writebehind = 512\n"
	"min_recovery_rate = 100\n"
	"max_recovery_rate = 2000\n"
	"data_offset = 0\n";

static void test_raid1_keys(void **state)
{
	const char *const all[] = { "device_count = 2\nregion_size = 4096\n", raid1_all_keys, NULL };
	struct seg_fx f;
	struct md_vg *vg;
	const struct md_seg *seg;
	char *t, *out;

	(void)state;
	seg_fx_load(&f, RAID);
	t = edited(f.text, all);
	vg = import_or_fail(f.a, t, strlen(t), "raid1 keys");
	seg = first_seg(vg, "r1");
	assert_int_equal(seg->type, MD_SEG_RAID1);
	assert_int_equal(seg->region_size, 4096);
	assert_int_equal(seg->stripe_size, 64);
	assert_int_equal(seg->writebehind, 512);
	assert_int_equal(seg->min_recovery_rate, 100);
	assert_int_equal(seg->max_recovery_rate, 2000);
	assert_true(seg->has_data_offset);
	assert_int_equal(seg->data_offset, 0);
	assert_null(seg->extra);
	/* the VG section comes back byte for byte (the header block names its writer) */
	out = export_or_fail(vg, MD_FORM_DISK, test_opts(), NULL);
	assert_non_null(strstr(t, "# Generated by"));
	assert_int_equal(strncmp(out, t, (size_t)(strstr(t, "# Generated by") - t)), 0);
	free(out);
	free(t);

	/* another order is written in lvm2's; an absent key stays absent */
	{
		const char *const shuffled[] = {
			"device_count = 2\nregion_size = 4096\n",
			"max_recovery_rate = 9\nwritebehind = 3\ndevice_count = 2\n", NULL };

		vg = import_edited(&f, shuffled);
		out = export_seg(vg, first_seg(vg, "r1"), false);
		assert_non_null(strstr(out, "type = \"raid1\"\ndevice_count = 2\nwritebehind = 3\n"
					    "max_recovery_rate = 9\n\nraids = [\n"));
		free(out);
	}
	seg_fx_free(&f);
}

static void test_raid1_unknown_keys(void **state)
{
	const char *const kept[] = { "region_size = 4096\n",
				     "region_size = 4096\ndata_copies = 2\ndata_offset = \"x\"\n"
				     "future_raid_key = [1, 2]\n", NULL };
	const char *const bad_wb[] = { "region_size = 4096\n", "writebehind = \"x\"\n", NULL };
	/* a 32-bit field of lvm2's: -1 reads as 4294967295 */
	const char *const wrap_rate[] = { "region_size = 4096\n", "min_recovery_rate = -1\n",
					  NULL };
	struct seg_fx f;
	struct md_vg *vg;
	const struct md_seg *seg;
	char *out;

	(void)state;
	seg_fx_load(&f, RAID);
	vg = import_edited(&f, kept);
	seg = first_seg(vg, "r1");
	assert_false(seg->has_data_offset);
	assert_string_equal(seg->extra->key, "data_copies");
	assert_string_equal(seg->extra->next->key, "data_offset");
	assert_string_equal(seg->extra->next->next->key, "future_raid_key");
	/* written back as read, after the known keys */
	out = export_seg(vg, seg, false);
	assert_non_null(strstr(out, "region_size = 4096\ndata_copies = 2\ndata_offset = \"x\"\n"
				    "future_raid_key = [1, 2]\n\nraids = [\n"));
	free(out);
	assert_non_null(strstr(import_error(&f, bad_wb), "not an integer"));
	seg = first_seg(import_edited(&f, wrap_rate), "r1");
	assert_int_equal(seg->min_recovery_rate, UINT32_MAX);
	seg_fx_free(&f);
}

static void test_raid1_validate(void **state)
{
	const char *const self[] = { "\"r1_rmeta_1\", \"r1_rimage_1\"\n",
				     "\"r1_rmeta_1\", \"r1\"\n", NULL };
	const char *const twice[] = { "\"r1_rmeta_1\", \"r1_rimage_1\"\n",
				      "\"r1_rmeta_1\", \"r1_rimage_0\"\n", NULL };
	const char *const small[] = { "extent_count = 2\n\ntype = \"raid1\"",
				      "extent_count = 3\n\ntype = \"raid1\"", NULL };
	const char *const legs65[] = { "device_count = 2\n", "device_count = 65\n", NULL };
	const char *const no_meta[] = { "\"r1_rmeta_1\", \"r1_rimage_1\"\n", "\"r1_rimage_1\"\n",
					NULL };
	struct seg_fx f;
	const struct md_seg *seg;

	(void)state;
	seg_fx_load(&f, RAID);
	assert_non_null(strstr(import_error(&f, self), "uses itself as a leg"));
	assert_non_null(strstr(import_error(&f, twice), "image used twice"));
	assert_non_null(strstr(import_error(&f, small), "image is smaller than its LV"));
	assert_non_null(strstr(import_error(&f, legs65), "bad device_count"));
	/* a leg without a metadata LV is allowed */
	seg = first_seg(import_edited(&f, no_meta), "r1");
	assert_int_equal(seg->pairs[1].meta, -1);
	assert_true(seg->pairs[1].image >= 0);
	seg_fx_free(&f);
}

/* ------------------------------------------------------------ unknown types */

static const char cache_seg[] =
	"segment1 {\n"
	"start_extent = 0\n"
	"extent_count = 3\n"
	"type = \"cache+CACHE_USES_CACHEVOL\"\n"
	"tags = [\"not a valid tag?\"]\n"
	"cache_pool = \"x\"\n"
	"weird = [\"pv1\", 9, \"pv0\", -4, \"nope\", 2, 7, \"pv2\"]\n"
	"nested {\n"
	"k = \"pv1\"\n"
	"}\n"
	"}\n";

static void test_unknown_handler(void **state)
{
	const char *const edit[] = { "segment1 {\nstart_extent = 0\nextent_count = 3\n\n"
				     "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n"
				     "\"pv2\", 0\n]\n}\n", cache_seg, NULL };
	const char *const no_extents[] = { "extent_count = 3\n\ntype = \"striped\"",
					   "type = \"thin\"", NULL };
	struct seg_fx f;
	struct md_vg *vg;
	const struct md_seg *seg;
	char *out, *want;

	(void)state;
	seg_fx_load(&f, MIX);
	vg = import_edited(&f, edit);
	seg = first_seg(vg, "plain");
	assert_int_equal(seg->type, MD_SEG_OTHER);
	assert_string_equal(seg->type_name, "cache+CACHE_USES_CACHEVOL");
	assert_int_equal(seg->extent_count, 3);
	assert_int_equal(seg->tags.n, 0);	/* not read: only the extents are */
	assert_null(seg->extra);
	assert_non_null(seg->raw);
	/* "name", integer pairs naming PVs, anywhere in its arrays */
	assert_int_equal(seg->stripe_count, 2);
	assert_int_equal(seg->areas[0].pv, 1);
	assert_int_equal(seg->areas[0].start, 9);
	assert_int_equal(seg->areas[1].pv, 0);
	assert_int_equal(seg->areas[1].start, 0);	/* negative: clamped */
	/* written back verbatim under the name export gives it */
	out = export_seg(vg, seg, false);
	want = str_replace1(cache_seg, "segment1 {", "segment7 {");
	assert_string_equal(out, want);
	free(want);
	free(out);
	assert_non_null(strstr(import_error(&f, no_extents), "extent_count"));
	seg_fx_free(&f);
}

/* ------------------------------------------------------------ the PV-area iterator */

struct want_area {
	uint32_t pv;
	uint64_t start, len;
	uint32_t slot;
	bool whole;
};

static void expect_areas(const struct md_seg *seg, const struct want_area *w, size_t n)
{
	struct md_pv_area_iter it;
	struct md_pv_area a;
	size_t k = 0;

	/* twice: init starts over */
	for (int pass = 0; pass < 2; pass++, k = 0) {
		md_seg_for_each_pv_area(seg, &it, &a) {
			assert_true(k < n);
			assert_int_equal(a.pv, w[k].pv);
			assert_int_equal(a.start, w[k].start);
			assert_int_equal(a.len, w[k].len);
			assert_int_equal(a.slot, w[k].slot);
			assert_int_equal(a.whole_segment, w[k].whole);
			k++;
		}
		assert_int_equal(k, n);
		assert_false(md_pv_area_next(&it, &a));	/* stays at the end */
	}
}

static void test_iterator_striped(void **state)
{
	static const struct want_area str[] = { { 0, 2, 2, 0, false }, { 1, 0, 2, 1, false } };
	static const struct want_area lin2[] = { { 1, 2, 2, 0, false } };
	struct seg_fx f;
	struct md_vg *vg;

	(void)state;
	seg_fx_load(&f, MIX);
	vg = import_edited(&f, NULL);
	expect_areas(first_seg(vg, "str"), str, 2);
	expect_areas(&vg->lvs[md_vg_find_lv(vg, "lin")].segs[1], lin2, 1);
	/* a stripe on another LV is no PV area */
	{
		const char *const on_lv[] = { "\"pv2\", 0\n]", "\"lin\", 1\n]", NULL };

		vg = import_edited(&f, on_lv);
		expect_areas(first_seg(vg, "plain"), NULL, 0);
		assert_false(md_lv_uses_pv(vg, (uint32_t)md_vg_find_lv(vg, "plain"), 2));
		assert_int_equal(md_pv_used_extents(vg, 2), 0);
	}
	seg_fx_free(&f);
}

static void test_iterator_raid1(void **state)
{
	static const struct want_area img0[] = { { 0, 1, 2, 0, false } };
	static const struct want_area meta1[] = { { 1, 0, 1, 0, false } };
	struct seg_fx f;
	struct md_vg *vg;
	uint32_t r1;

	(void)state;
	seg_fx_load(&f, RAID);
	vg = import_edited(&f, NULL);
	r1 = (uint32_t)md_vg_find_lv(vg, "r1");
	/* the raid1 segment itself: nothing; its sub-LVs carry the areas */
	expect_areas(first_seg(vg, "r1"), NULL, 0);
	expect_areas(first_seg(vg, "r1_rimage_0"), img0, 1);
	expect_areas(first_seg(vg, "r1_rmeta_1"), meta1, 1);
	assert_false(md_lv_uses_pv(vg, r1, 0));
	assert_false(md_lv_uses_pv(vg, r1, 1));
	assert_true(md_lv_uses_pv(vg, (uint32_t)md_vg_find_lv(vg, "r1_rimage_0"), 0));
	assert_false(md_lv_uses_pv(vg, (uint32_t)md_vg_find_lv(vg, "r1_rimage_0"), 1));
	/* so each extent is counted once */
	assert_int_equal(md_pv_used_extents(vg, 0), 3);
	assert_int_equal(md_pv_used_end(vg, 1), 3);
	seg_fx_free(&f);
}

static void test_iterator_unknown(void **state)
{
	static const struct want_area areas[] = { { 1, 9, 3, 0, true }, { 0, 0, 3, 1, true } };
	const char *const edit[] = { "segment1 {\nstart_extent = 0\nextent_count = 3\n\n"
				     "type = \"striped\"\nstripe_count = 1\n\nstripes = [\n"
				     "\"pv2\", 0\n]\n}\n", cache_seg, NULL };
	struct seg_fx f;
	struct md_vg *vg;
	uint32_t plain;

	(void)state;
	seg_fx_load(&f, MIX);
	vg = import_edited(&f, edit);
	plain = (uint32_t)md_vg_find_lv(vg, "plain");
	expect_areas(first_seg(vg, "plain"), areas, 2);
	assert_true(md_lv_uses_pv(vg, plain, 0));
	assert_true(md_lv_uses_pv(vg, plain, 1));
	assert_false(md_lv_uses_pv(vg, plain, 2));
	/* bounds count as used ... */
	assert_int_equal(md_pv_used_end(vg, 1), 12);
	assert_int_equal(md_pv_used_extents(vg, 1), 2 + 2 + 3);
	/* ... but are not checked for overlap: pv0 0-2 meets lin's PE 0-1, and the VG loads */
	assert_true(md_lv_uses_pv(vg, (uint32_t)md_vg_find_lv(vg, "lin"), 0));
	seg_fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_segtype_table),
		cmocka_unit_test(test_striped_handler),
		cmocka_unit_test(test_raid1_keys),
		cmocka_unit_test(test_raid1_unknown_keys),
		cmocka_unit_test(test_raid1_validate),
		cmocka_unit_test(test_unknown_handler),
		cmocka_unit_test(test_iterator_striped),
		cmocka_unit_test(test_iterator_raid1),
		cmocka_unit_test(test_iterator_unknown),
	};

	return cmocka_run_group_tests_name("seg", tests, NULL, NULL);
}
