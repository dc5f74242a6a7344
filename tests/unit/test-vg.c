/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The VG model against lvm2's own reports, export/import round trips, byte
 * identity with the text lvm2 wrote, the vgcfgbackup file, and preservation
 * of everything the model does not understand.
 */
#include <time.h>

#include "unit.h"

static const char *const vg_cases[] = { "two-mda-ba", "lvs-mixed", "lv1000", "wrapped", "raid1" };
#define N_VG_CASES (sizeof(vg_cases) / sizeof(vg_cases[0]))

struct vgfx {
	const char *cas;
	struct kv info;
	char *text;		/* pv0.text plus the NUL, as on disk */
	size_t len;		/* without the NUL */
	struct md_arena *a;
	struct md_vg *vg;
};

static void vgfx_load(struct vgfx *f, const char *cas)
{
	unsigned npv;

	memset(f, 0, sizeof(*f));
	f->cas = cas;
	info_load(cas, &f->info);
	assert_non_null(kv_get(&f->info, "vg_name"));
	f->text = fx_text(cas, 0, &f->len);
	/* every PV holds the same text */
	npv = (unsigned)kv_u64(&f->info, "pv_count");
	for (unsigned pv = 1; pv < npv; pv++) {
		size_t l;
		char *t = fx_text(cas, pv, &l);

		assert_int_equal(l, f->len);
		assert_memory_equal(t, f->text, l);
		free(t);
	}
	f->a = md_arena_new();
	assert_non_null(f->a);
	/* the on-disk bytes: text + NUL */
	f->vg = import_or_fail(f->a, f->text, f->len + 1, cas);
	assert_string_equal(f->vg->name, kv_str(&f->info, "vg_name"));
}

static void vgfx_free(struct vgfx *f)
{
	kv_free(&f->info);
	free(f->text);
	md_arena_free(f->a);
	memset(f, 0, sizeof(*f));
}

static void fmt_id(const char *raw, char out[MD_UUID_STR_SIZE])
{
	md_uuid_format(raw, out);
}

static void join_strv(const struct md_strv *sv, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	for (uint32_t i = 0; i < sv->n; i++)
		k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "," : "", sv->v[i]);
}

static uint64_t lv_extents(const struct md_lv *lv)
{
	uint64_t n = 0;

	for (uint32_t s = 0; s < lv->n_segs; s++)
		n += lv->segs[s].extent_count;
	return n;
}

static bool lv_is_raid_image(const struct md_vg *vg, int32_t idx, bool meta)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];

			for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
				if ((meta ? seg->pairs[k].meta : seg->pairs[k].image) == idx)
					return true;
		}
	return false;
}

static void check_vgs_report(const struct vgfx *f)
{
	const struct md_vg *vg = f->vg;
	struct jrep rep;
	const struct jrow *r;
	uint64_t extents = 0, used = 0, es = vg->extent_size * 512;
	uint32_t visible = 0;
	char id[MD_UUID_STR_SIZE], tags[512];
	const char *attr;

	json_load(f->cas, "vgs.json", &rep);
	assert_int_equal(rep.n, 1);
	r = &rep.rows[0];
	for (uint32_t i = 0; i < vg->n_pvs; i++) {
		extents += vg->pvs[i].pe_count;
		used += md_pv_used_extents(vg, i);
	}
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		visible += !!(vg->lvs[i].status.known & MD_LV_VISIBLE);
	fmt_id(vg->id, id);
	join_strv(&vg->tags, tags, sizeof(tags));

	assert_string_equal(jrow_str(r, "vg_name"), vg->name);
	assert_string_equal(jrow_str(r, "vg_uuid"), id);
	assert_int_equal(jrow_u64(r, "vg_extent_size"), es);
	assert_int_equal(jrow_u64(r, "vg_extent_count"), extents);
	assert_int_equal(jrow_u64(r, "vg_free_count"), extents - used);
	assert_int_equal(jrow_u64(r, "vg_size"), extents * es);
	assert_int_equal(jrow_u64(r, "vg_free"), (extents - used) * es);
	assert_int_equal(jrow_u64(r, "vg_seqno"), vg->seqno);
	assert_int_equal(jrow_u64(r, "pv_count"), vg->n_pvs);
	assert_int_equal(jrow_u64(r, "lv_count"), visible);
	assert_string_equal(jrow_str(r, "vg_tags"), tags);
	attr = jrow_str(r, "vg_attr");
	assert_int_equal(attr[0], vg->status.known & MD_VG_WRITE ? 'w' : 'r');
	assert_int_equal(attr[1], vg->status.known & MD_VG_RESIZEABLE ? 'z' : '-');
	assert_false(vg->read_only);
	jrep_free(&rep);
}

static void check_pvs_report(const struct vgfx *f)
{
	const struct md_vg *vg = f->vg;
	struct jrep rep;
	uint64_t es = vg->extent_size * 512;
	bool seen[64] = { false };

	json_load(f->cas, "pvs.json", &rep);
	assert_int_equal(rep.n, vg->n_pvs);
	for (size_t i = 0; i < rep.n; i++) {
		const struct jrow *r = &rep.rows[i];
		char raw[MD_UUID_LEN + 1], tags[512], key[32];
		int32_t idx;
		const struct md_pv *pv;
		uint64_t used;

		assert_int_equal(md_uuid_parse(jrow_str(r, "pv_uuid"), raw), 0);
		idx = md_vg_find_pv(vg, raw);
		assert_true(idx >= 0);
		assert_false(seen[idx]);
		seen[idx] = true;
		pv = &vg->pvs[idx];
		used = md_pv_used_extents(vg, (uint32_t)idx);
		/* PV order in the text is device creation order: pvN of info */
		snprintf(key, sizeof(key), "pv%d.path", idx);
		assert_string_equal(jrow_str(r, "pv_name"), kv_str(&f->info, "%s", key));
		assert_string_equal(pv->device, jrow_str(r, "pv_name"));
		assert_int_equal(jrow_u64(r, "pv_pe_count"), pv->pe_count);
		assert_int_equal(jrow_u64(r, "pv_pe_alloc_count"), used);
		assert_int_equal(jrow_u64(r, "pe_start"), pv->pe_start * 512);
		assert_int_equal(jrow_u64(r, "pe_start"), kv_u64(&f->info, "pv%d.pe_start", idx));
		assert_int_equal(jrow_u64(r, "dev_size"), pv->dev_size * 512);
		assert_int_equal(jrow_u64(r, "dev_size"), kv_u64(&f->info, "pv%d.dev_size", idx));
		assert_int_equal(jrow_u64(r, "pv_ba_start"), pv->ba_start * 512);
		assert_int_equal(jrow_u64(r, "pv_ba_size"), pv->ba_size * 512);
		assert_int_equal(jrow_u64(r, "pv_size"), pv->pe_count * es);
		assert_int_equal(jrow_u64(r, "pv_used"), used * es);
		assert_int_equal(jrow_u64(r, "pv_free"), (pv->pe_count - used) * es);
		assert_string_equal(jrow_str(r, "vg_name"), vg->name);
		join_strv(&pv->tags, tags, sizeof(tags));
		assert_string_equal(jrow_str(r, "pv_tags"), tags);
		assert_true(pv->status.known & MD_PV_ALLOCATABLE);
	}
	jrep_free(&rep);
}

/* "dev(pe),dev(pe)" as lvm2 prints the devices column, from the model. */
static void seg_devices(const struct md_vg *vg, const struct md_seg *seg, char *out, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	if (seg->type == MD_SEG_RAID1) {
		for (uint32_t i = 0; i < seg->device_count; i++)
			k += (size_t)snprintf(out + k, n - k, "%s%s(0)", i ? "," : "",
					      vg->lvs[seg->pairs[i].image].name);
		return;
	}
	for (uint32_t a = 0; a < seg->stripe_count; a++) {
		const struct md_area_ref *ar = &seg->areas[a];

		k += (size_t)snprintf(out + k, n - k, "%s%s(%" PRIu64 ")", a ? "," : "",
				      ar->pv >= 0 ? vg->pvs[ar->pv].device : vg->lvs[ar->lv].name,
				      ar->start);
	}
}

/* The segment columns of one lvs.json row; notes where striped areas end on each PV. */
static void check_seg_row(const struct md_vg *vg, const struct jrow *r, const struct md_seg *seg,
			  uint64_t *pv_end)
{
	const char *segtype;
	char devs[4096];

	assert_int_equal(jrow_u64(r, "seg_size_pe"), seg->extent_count);
	switch (seg->type) {
	case MD_SEG_STRIPED:
		segtype = seg->stripe_count == 1 ? "linear" : "striped";
		assert_int_equal(jrow_u64(r, "stripes"), seg->stripe_count);
		assert_int_equal(jrow_u64(r, "stripe_size"), seg->stripe_size * 512);
		assert_int_equal(jrow_u64(r, "region_size"), 0);
		for (uint32_t a = 0; a < seg->stripe_count; a++) {
			const struct md_area_ref *ar = &seg->areas[a];
			uint64_t end = ar->start + seg->extent_count / seg->stripe_count;

			if (ar->pv >= 0 && end > pv_end[ar->pv])
				pv_end[ar->pv] = end;
		}
		break;
	case MD_SEG_RAID1:
		segtype = "raid1";
		assert_int_equal(jrow_u64(r, "stripes"), seg->device_count);
		assert_int_equal(jrow_u64(r, "stripe_size"), 0);
		assert_int_equal(jrow_u64(r, "region_size"), seg->region_size * 512);
		break;
	default:
		segtype = seg->type_name;
		break;
	}
	assert_string_equal(jrow_str(r, "segtype"), segtype);
	seg_devices(vg, seg, devs, sizeof(devs));
	assert_string_equal(jrow_str(r, "devices"), devs);
}

/* The role letter of lv_attr. */
static void check_lv_role(const struct md_vg *vg, int32_t idx, const struct md_seg *seg,
			  const char *attr)
{
	if (seg->type == MD_SEG_RAID1)
		assert_int_equal(attr[0], 'r');
	else if (lv_is_raid_image(vg, idx, false))
		assert_true(attr[0] == 'I' || attr[0] == 'i');
	else if (lv_is_raid_image(vg, idx, true))
		assert_int_equal(attr[0], 'e');
	else
		assert_int_equal(attr[0], '-');
}

/* One row of lvs.json (one segment of an LV). */
static void check_lvs_row(const struct vgfx *f, const struct jrow *r, uint64_t *pv_end)
{
	const struct md_vg *vg = f->vg;
	const char *name = jrow_str(r, "lv_name"), *attr = jrow_str(r, "lv_attr");
	char bare[MD_NAME_LEN + 2], id[MD_UUID_STR_SIZE], tags[512];
	bool hidden = name[0] == '[';
	const struct md_seg *seg = NULL;
	const struct md_lv *lv;
	int32_t idx;

	snprintf(bare, sizeof(bare), "%s", name + hidden);
	if (hidden) {
		assert_int_equal(bare[strlen(bare) - 1], ']');
		bare[strlen(bare) - 1] = '\0';
	}
	idx = md_vg_find_lv(vg, bare);
	if (idx < 0)
		fail_msg("%s: LV %s of lvs.json is not in the model", f->cas, bare);
	lv = &vg->lvs[idx];
	assert_int_equal(hidden, !(lv->status.known & MD_LV_VISIBLE));
	fmt_id(lv->id, id);
	assert_string_equal(jrow_str(r, "lv_uuid"), id);
	assert_int_equal(jrow_u64(r, "seg_count"), lv->n_segs);
	assert_int_equal(jrow_u64(r, "lv_size"), lv_extents(lv) * vg->extent_size * 512);
	join_strv(&lv->tags, tags, sizeof(tags));
	assert_string_equal(jrow_str(r, "lv_tags"), tags);
	if (lv->has_read_ahead)
		assert_int_equal(jrow_u64(r, "lv_read_ahead"), (uint64_t)lv->read_ahead * 512);
	else
		assert_string_equal(jrow_str(r, "lv_read_ahead"), "auto");
	assert_int_equal(attr[1], lv->status.known & MD_LV_WRITE ? 'w' : 'r');
	for (uint32_t s = 0; s < lv->n_segs; s++)
		if (lv->segs[s].start_extent == jrow_u64(r, "seg_start_pe"))
			seg = &lv->segs[s];
	assert_non_null(seg);
	check_seg_row(vg, r, seg, pv_end);
	check_lv_role(vg, idx, seg, attr);
}

static void check_lvs_report(const struct vgfx *f)
{
	const struct md_vg *vg = f->vg;
	struct jrep rep;
	uint64_t nsegs = 0;
	uint64_t *pv_end = calloc(vg->n_pvs, sizeof(*pv_end));

	assert_non_null(pv_end);
	json_load(f->cas, "lvs.json", &rep);
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		nsegs += vg->lvs[i].n_segs;
	/* one row per segment, each matched to a segment of the model */
	assert_int_equal(rep.n, nsegs);
	for (size_t i = 0; i < rep.n; i++)
		check_lvs_row(f, &rep.rows[i], pv_end);
	for (uint32_t p = 0; p < vg->n_pvs; p++)
		assert_int_equal(md_pv_used_end(vg, p), pv_end[p]);
	free(pv_end);
	jrep_free(&rep);
}

static void test_reports(void **state)
{
	(void)state;
	for (size_t c = 0; c < N_VG_CASES; c++) {
		struct vgfx f;

		vgfx_load(&f, vg_cases[c]);
		check_vgs_report(&f);
		check_pvs_report(&f);
		check_lvs_report(&f);
		vgfx_free(&f);
	}
}

/* Specific values the fixture README promises: lvs-mixed. */
static void test_layout_mixed(void **state)
{
	struct vgfx f;
	const struct md_vg *vg;
	const struct md_lv *lv;

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	vg = f.vg;
	assert_int_equal(vg->seqno, 5);
	assert_int_equal(vg->n_pvs, 3);
	assert_int_equal(vg->n_lvs, 3);
	assert_true(md_strv_has(&vg->tags, "vgtag"));
	lv = &vg->lvs[md_vg_find_lv(vg, "lin")];
	assert_int_equal(lv->n_segs, 2);
	assert_true(lv->has_read_ahead);
	assert_int_equal(lv->read_ahead, 256);
	assert_int_equal(lv->segs[1].start_extent, 2);
	assert_int_equal(lv->segs[1].areas[0].pv, 1);
	assert_int_equal(lv->segs[1].areas[0].start, 2);
	lv = &vg->lvs[md_vg_find_lv(vg, "str")];
	assert_int_equal(lv->segs[0].stripe_count, 2);
	assert_int_equal(lv->segs[0].stripe_size, 128);
	assert_int_equal(lv->segs[0].areas[0].pv, 0);
	assert_int_equal(lv->segs[0].areas[0].start, 2);
	assert_int_equal(lv->segs[0].areas[1].pv, 1);
	assert_int_equal(lv->segs[0].areas[1].start, 0);
	lv = &vg->lvs[md_vg_find_lv(vg, "plain")];
	assert_int_equal(lv->tags.n, 2);
	assert_string_equal(lv->tags.v[0], "alpha");
	assert_string_equal(lv->tags.v[1], "beta");
	assert_int_equal(md_pv_used_extents(vg, 0), 4);
	assert_int_equal(md_pv_used_extents(vg, 1), 4);
	assert_int_equal(md_pv_used_extents(vg, 2), 3);
	assert_int_equal(md_vg_find_lv(vg, "nope"), -1);
	vgfx_free(&f);
}

static void test_layout_raid1(void **state)
{
	struct vgfx f;
	const struct md_vg *vg;
	const struct md_lv *lv;
	int32_t i;

	(void)state;
	vgfx_load(&f, "raid1");
	vg = f.vg;
	i = md_vg_find_lv(vg, "r1");
	assert_true(i >= 0);
	lv = &vg->lvs[i];
	assert_int_equal(lv->segs[0].type, MD_SEG_RAID1);
	assert_int_equal(lv->segs[0].device_count, 2);
	assert_int_equal(lv->segs[0].region_size, 4096);
	for (unsigned k = 0; k < 2; k++) {
		char n1[32], n2[32];

		snprintf(n1, sizeof(n1), "r1_rmeta_%u", k);
		snprintf(n2, sizeof(n2), "r1_rimage_%u", k);
		assert_int_equal(lv->segs[0].pairs[k].meta, md_vg_find_lv(vg, n1));
		assert_int_equal(lv->segs[0].pairs[k].image, md_vg_find_lv(vg, n2));
		assert_false(vg->lvs[md_vg_find_lv(vg, n1)].status.known & MD_LV_VISIBLE);
		assert_int_equal(lv_extents(&vg->lvs[md_vg_find_lv(vg, n2)]), 2);
	}
	/* rmeta_i at PE 0 and rimage_i at PE 1-2 of pv i: 3 extents per PV */
	assert_int_equal(md_pv_used_extents(vg, 0), 3);
	assert_int_equal(md_pv_used_extents(vg, 1), 3);
	vgfx_free(&f);
}

static void test_layout_others(void **state)
{
	struct vgfx f;
	const struct md_vg *vg;

	(void)state;
	vgfx_load(&f, "lv1000");
	vg = f.vg;
	assert_int_equal(vg->n_lvs, 1000);
	assert_int_equal(vg->extent_size, 2048);
	assert_int_equal(vg->pvs[0].pe_count, 2047);
	for (uint32_t k = 0; k < 1000; k++) {
		char name[16];

		snprintf(name, sizeof(name), "lv%04u", k);
		assert_string_equal(vg->lvs[k].name, name);
		assert_int_equal(vg->lvs[k].n_segs, 1);
		assert_int_equal(vg->lvs[k].segs[0].extent_count, 1);
		assert_int_equal(vg->lvs[k].segs[0].areas[0].pv, 0);
		assert_int_equal(vg->lvs[k].segs[0].areas[0].start, k);
	}
	assert_int_equal(md_pv_used_extents(vg, 0), 1000);
	assert_int_equal(md_pv_used_end(vg, 0), 1000);
	vgfx_free(&f);

	vgfx_load(&f, "two-mda-ba");
	assert_int_equal(f.vg->pvs[0].ba_start, 2048);
	assert_int_equal(f.vg->pvs[0].ba_size, 2048);
	assert_int_equal(f.vg->pvs[0].pe_start, 4096);
	vgfx_free(&f);

	vgfx_load(&f, "wrapped");
	assert_int_equal(f.vg->n_lvs, kv_u64(&f.info, "lvcreate_count"));
	assert_int_equal(f.vg->seqno, kv_u64(&f.info, "lvcreate_count") + 1);
	vgfx_free(&f);
}

static void test_round_trip(void **state)
{
	(void)state;
	for (size_t c = 0; c < N_VG_CASES; c++) {
		struct vgfx f;
		struct md_arena *a = md_arena_new();
		size_t l1, l2, l3, lf1, lf2;
		char *t1, *t2, *t3, *f1, *f2;
		struct md_vg *m1, *m2, *mf, *mc, *mn;

		vgfx_load(&f, vg_cases[c]);
		/* without the NUL, the same model */
		mn = import_or_fail(a, f.text, f.len, f.cas);
		assert_vg_equal(f.vg, mn, true);

		t1 = export_or_fail(f.vg, MD_FORM_DISK, test_opts(), &l1);
		m1 = import_or_fail(a, t1, l1, "disk export");
		t2 = export_or_fail(m1, MD_FORM_DISK, test_opts(), &l2);
		assert_int_equal(l1, l2);
		assert_string_equal(t1, t2);
		assert_vg_equal(f.vg, m1, false);
		m2 = import_or_fail(a, t2, l2 + 1, "second disk export");
		assert_vg_equal(m1, m2, true);
		assert_string_equal(m1->description, test_opts()->description);
		assert_string_equal(m1->creation_host, "unithost");
		assert_int_equal(m1->creation_time, test_opts()->time);

		/* file form: header first, indented, commented; same model */
		f1 = export_or_fail(f.vg, MD_FORM_FILE, test_opts(), &lf1);
		assert_int_equal(strncmp(f1, "# Generated by libvolume unit tests: ", 37), 0);
		mf = import_or_fail(a, f1, lf1, "file export");
		assert_vg_equal(m1, mf, true);
		f2 = export_or_fail(mf, MD_FORM_FILE, test_opts(), &lf2);
		assert_string_equal(f1, f2);

		/* a clone in another arena exports the same text */
		{
			struct md_arena *a2 = md_arena_new();

			mc = md_vg_clone(a2, f.vg);
			assert_non_null(mc);
			assert_ptr_equal(mc->arena, a2);
			assert_vg_equal(f.vg, mc, true);
			t3 = export_or_fail(mc, MD_FORM_DISK, test_opts(), &l3);
			assert_string_equal(t1, t3);
			md_arena_free(a2);
		}
		/* the disk form starts with the VG name, the file form with the header */
		assert_int_equal(strncmp(t1, f.vg->name, strlen(f.vg->name)), 0);
		assert_int_equal(t1[strlen(f.vg->name)], ' ');
		assert_non_null(strstr(f1, "\ncontents = \"Text Format Volume Group\"\nversion = 1\n"));
		free(t1);
		free(t2);
		free(t3);
		free(f1);
		free(f2);
		md_arena_free(a);
		vgfx_free(&f);
	}
}

/*
 * lvm2 prints its header dates in local time.  The UTC offset the text was
 * written with, from its "# Generated by" line (lvm2 prints the same instant
 * as creation_time there), so our dates come out the same.
 */
static long text_utc_offset(const char *text, uint64_t when)
{
	const char *g = strstr(text, "# Generated by ");
	struct tm tm;
	long off;

	assert_non_null(g);
	g = strstr(g, "): ");
	assert_non_null(g);
	memset(&tm, 0, sizeof(tm));
	assert_non_null(strptime(g + 3, "%a %b %d %H:%M:%S %Y", &tm));
	off = (long)(timegm(&tm) - (time_t)when);
	assert_true(off > -86400 && off < 86400);
	return off;
}

/* Export options that reproduce lvm2's own header block for @vg's text. */
static void lvm2_opts(const char *text, const struct md_vg *vg, struct md_export_opts *o,
		      char *gen, size_t gen_n, char *uname, size_t uname_n)
{
	const char *g = strstr(text, "# Generated by ");
	const char *h = strstr(text, "\ncreation_host = \"");
	const char *e;

	assert_non_null(g);
	assert_true(g == text || g[-1] == '\n');
	g += strlen("# Generated by ");
	e = strstr(g, ": ");
	assert_non_null(e);
	snprintf(gen, gen_n, "%.*s", (int)(e - g), g);
	assert_non_null(h);
	h = strstr(h, "\t# ");
	assert_non_null(h);
	h += 3;
	snprintf(uname, uname_n, "%.*s", (int)strcspn(h, "\n"), h);
	memset(o, 0, sizeof(*o));
	o->generator = gen;
	o->description = vg->description;
	o->host = vg->creation_host;
	o->uname = uname;
	o->time = vg->creation_time;
	o->utc_offset = text_utc_offset(text, vg->creation_time);
}

/* The text with the header-block lines (which carry the writer's identity) removed. */
static char *strip_header_lines(const char *t)
{
	const char *vgend = strstr(t, "\n}\n# Generated by ");
	char *out = xmalloc(strlen(t) + 1), *o = out;

	assert_non_null(vgend);
	for (const char *l = t; *l;) {
		size_t n = strcspn(l, "\n") + (l[strcspn(l, "\n")] ? 1 : 0);
		bool skip = l > vgend && (!strncmp(l, "# Generated by ", 15) ||
					  !strncmp(l, "description = ", 14) ||
					  !strncmp(l, "creation_host = ", 16) ||
					  !strncmp(l, "creation_time = ", 16));

		if (!skip) {
			memcpy(o, l, n);
			o += n;
		}
		l += n;
	}
	*o = '\0';
	return out;
}

static void assert_same_text(const char *want, const char *got, const char *what)
{
	if (strcmp(want, got)) {
		size_t i = 0;

		while (want[i] && want[i] == got[i])
			i++;
		fail_msg("%s: texts differ at byte %zu:\n--- lvm2:\n%.200s\n--- ours:\n%.200s", what,
			 i, want + (i > 60 ? i - 60 : 0), got + (i > 60 ? i - 60 : 0));
	}
}

/* The backup file lvm2 wrote right after the last commit describes the same VG. */
static void test_backup_file(void **state)
{
	(void)state;
	for (size_t c = 0; c < N_VG_CASES; c++) {
		struct vgfx f;
		size_t len;
		char *b;
		struct md_vg *bv;

		vgfx_load(&f, vg_cases[c]);
		b = (char *)fx_load(f.cas, "vg.backup", &len);
		assert_int_equal(strncmp(b, "# Generated by LVM2", 19), 0);
		bv = import_or_fail(f.a, b, len, "vg.backup");
		assert_vg_equal(f.vg, bv, false);
		assert_int_equal(bv->seqno, f.vg->seqno);
		assert_non_null(bv->description);
		assert_int_equal(strncmp(bv->description, "vgcfgbackup", 11), 0);
		assert_int_equal(strncmp(f.vg->description, "Write from ", 11), 0);
		/* our file form of the backup's model is lvm2's file, byte for byte */
		{
			struct md_export_opts o;
			char gen[128], uname[256], *ours;

			lvm2_opts(b, bv, &o, gen, sizeof(gen), uname, sizeof(uname));
			ours = export_or_fail(bv, MD_FORM_FILE, &o, NULL);
			assert_same_text(b, ours, f.cas);
			free(ours);
		}
		free(b);
		vgfx_free(&f);
	}
}

static void test_lvm2_identity(void **state)
{
	(void)state;
	for (size_t c = 0; c < N_VG_CASES; c++) {
		struct vgfx f;
		struct md_export_opts o;
		char gen[128], uname[256];
		char *ours, *a, *b;

		vgfx_load(&f, vg_cases[c]);
		/* with our own header: identical apart from the header-block lines */
		ours = export_or_fail(f.vg, MD_FORM_DISK, test_opts(), NULL);
		a = strip_header_lines(f.text);
		b = strip_header_lines(ours);
		assert_same_text(a, b, f.cas);
		free(a);
		free(b);
		free(ours);
		/* with lvm2's header values: identical, byte for byte */
		lvm2_opts(f.text, f.vg, &o, gen, sizeof(gen), uname, sizeof(uname));
		ours = export_or_fail(f.vg, MD_FORM_DISK, &o, NULL);
		assert_same_text(f.text, ours, f.cas);
		free(ours);
		vgfx_free(&f);
	}
}

/* ------------------------------------------------------------ preservation */

static const char thin_lvs[] =
	"\n"
	"tp {\n"
	"id = \"Tp0000-aaaa-bbbb-cccc-dddd-eeee-ffff00\"\n"
	"status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n"
	"flags = []\n"
	"creation_time = 1795688375\n"
	"creation_host = \"vm\"\n"
	"segment_count = 1\n"
	"\n"
	"segment1 {\n"
	"start_extent = 0\n"
	"extent_count = 1\n"
	"type = \"thin-pool\"\n"
	"metadata = \"tp_tmeta\"\n"
	"pool = \"tp_tdata\"\n"
	"transaction_id = 0\n"
	"chunk_size = 128\n"
	"discards = \"passdown\"\n"
	"zero_new_blocks = 1\n"
	"future_list = [\"pv2\", 9, \"x\"]\n"
	"}\n"
	"}\n";

static const char hidden_lvs[] =
	"\n"
	"tp_tdata {\n"
	"id = \"Tp0001-aaaa-bbbb-cccc-dddd-eeee-ffff01\"\n"
	"status = [\"READ\", \"WRITE\"]\n"
	"flags = []\n"
	"creation_time = 1795688375\n"
	"creation_host = \"vm\"\n"
	"segment_count = 1\n"
	"\n"
	"segment1 {\n"
	"start_extent = 0\n"
	"extent_count = 1\n"
	"\n"
	"type = \"striped\"\n"
	"stripe_count = 1\n"
	"\n"
	"stripes = [\n"
	"\"pv2\", 3\n"
	"]\n"
	"}\n"
	"}\n"
	"\n"
	"tp_tmeta {\n"
	"id = \"Tp0002-aaaa-bbbb-cccc-dddd-eeee-ffff02\"\n"
	"status = [\"READ\", \"WRITE\"]\n"
	"flags = []\n"
	"creation_time = 1795688375\n"
	"creation_host = \"vm\"\n"
	"segment_count = 1\n"
	"\n"
	"segment1 {\n"
	"start_extent = 0\n"
	"extent_count = 1\n"
	"\n"
	"type = \"striped\"\n"
	"stripe_count = 1\n"
	"\n"
	"stripes = [\n"
	"\"pv2\", 4\n"
	"]\n"
	"}\n"
	"}\n";

static char *edit(char *s, const char *old, const char *new_)
{
	char *r = str_replace1(s, old, new_);

	free(s);
	return r;
}

/* lvs-mixed with unknown content everywhere, laid out where our writer puts it. */
static char *preservation_text(const char *orig)
{
	char *t = xstrndup(orig, strlen(orig));

	/* unknown VG keys (after metadata_copies) and an unknown VG section (after the LVs) */
	t = edit(t, "metadata_copies = 0\n",
		 "metadata_copies = 0\n"
		 "unknown_vg_key = \"keep me\"\n"
		 "unknown_vg_array = [1, \"two\", 3.5]\n");
	t = edit(t, "\n}\n\n}\n# Generated by",
		 "\n}\nhistorical_logical_volumes {\nhlv {\nid = \"x\"\nremoval_time = 5\n}\n}\n\n}\n"
		 "# Generated by");
	/* unknown PV key and flag word */
	t = edit(t, "device = \"/dev/loop4\"\n\nstatus = [\"ALLOCATABLE\"]\nflags = []\n",
		 "device = \"/dev/loop4\"\n\nstatus = [\"ALLOCATABLE\"]\nflags = [\"PV_FUTURE_FLAG\"]\n");
	t = edit(t, "pe_count = 15\n}\n\npv1 {",
		 "pe_count = 15\ndevice_id_type = \"devname\"\ndevice_id = \"/dev/loop4\"\n}\n\npv1 {");
	/* unknown LV key and LV flag words (a known one kept in front) */
	t = edit(t, "read_ahead = 256\n", "read_ahead = 256\nunknown_lv_key = \"lv value\"\n");
	t = edit(t, "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\nflags = []\ntags = [\"mytag\"]\n",
		 "status = [\"READ\", \"WRITE\", \"VISIBLE\"]\n"
		 "flags = [\"ACTIVATION_SKIP\", \"FUTURE_LV_FLAG\", \"ANOTHER\"]\ntags = [\"mytag\"]\n");
	/* an unknown key in a striped segment */
	t = edit(t, "stripe_size = 128\n", "stripe_size = 128\nreshape_count = 0\n");
	/* a thin pool: a segment type we do not know, referring to two hidden LVs */
	{
		/* after the last visible LV (plain), and the hidden ones at the end */
		const char *end = strstr(t, "\n}\nhistorical_logical_volumes");
		size_t at;
		char *n;

		assert_non_null(end);
		at = (size_t)(end - t) + 1;	/* just after the last LV's closing line */
		n = xmalloc(strlen(t) + sizeof(thin_lvs) + sizeof(hidden_lvs));
		memcpy(n, t, at);
		strcpy(n + at, thin_lvs);
		strcat(n, hidden_lvs);
		strcat(n, t + at);
		free(t);
		t = n;
	}
	return t;
}

static void test_preservation(void **state)
{
	struct vgfx f;
	struct md_export_opts o;
	char gen[128], uname[256];
	char *t, *out, *out2;
	struct md_vg *vg, *back;
	const struct md_lv *lv;
	const struct md_pv *pv;
	int32_t tp;

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	t = preservation_text(f.text);
	vg = import_or_fail(f.a, t, strlen(t) + 1, "preservation text");
	assert_false(vg->read_only);

	/* the model holds the unknowns */
	assert_non_null(md_cn_find(vg->extra, "unknown_vg_key"));
	assert_non_null(md_cn_find(vg->extra, "unknown_vg_array"));
	assert_true(md_cn_find(vg->extra, "historical_logical_volumes")->section);
	pv = &vg->pvs[0];
	assert_int_equal(pv->flags.n_unknown, 1);
	assert_string_equal(pv->flags.unknown[0], "PV_FUTURE_FLAG");
	assert_string_equal(md_cn_find(pv->extra, "device_id")->v->s, "/dev/loop4");
	lv = &vg->lvs[md_vg_find_lv(vg, "lin")];
	assert_string_equal(md_cn_find(lv->extra, "unknown_lv_key")->v->s, "lv value");
	assert_int_equal(lv->flags.known, MD_LVF_ACTIVATION_SKIP);
	assert_int_equal(lv->flags.n_unknown, 2);
	assert_string_equal(lv->flags.unknown[0], "FUTURE_LV_FLAG");
	assert_string_equal(lv->flags.unknown[1], "ANOTHER");
	lv = &vg->lvs[md_vg_find_lv(vg, "str")];
	assert_non_null(md_cn_find(lv->segs[0].extra, "reshape_count"));
	tp = md_vg_find_lv(vg, "tp");
	assert_true(tp >= 0);
	lv = &vg->lvs[tp];
	assert_int_equal(lv->segs[0].type, MD_SEG_OTHER);
	assert_string_equal(lv->segs[0].type_name, "thin-pool");
	assert_non_null(lv->segs[0].raw);
	assert_string_equal(md_cn_find(lv->segs[0].raw->child, "pool")->v->s, "tp_tdata");
	/* PV areas inside an unknown segment are counted as used */
	assert_int_equal(lv->segs[0].stripe_count, 1);
	assert_int_equal(lv->segs[0].areas[0].pv, 2);
	assert_int_equal(lv->segs[0].areas[0].start, 9);
	assert_int_equal(md_pv_used_extents(vg, 2), 3 + 2 + 1);

	/* export reproduces the edited text exactly */
	lvm2_opts(t, vg, &o, gen, sizeof(gen), uname, sizeof(uname));
	out = export_or_fail(vg, MD_FORM_DISK, &o, NULL);
	assert_same_text(t, out, "preservation");
	back = import_or_fail(f.a, out, strlen(out), "preserved export");
	assert_vg_equal(vg, back, true);
	free(out);
	/* and the file form keeps them too */
	out = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	back = import_or_fail(f.a, out, strlen(out), "preserved file export");
	assert_vg_equal(vg, back, true);
	assert_non_null(strstr(out, "\t\t\tunknown_lv_key = \"lv value\"\n"));
	assert_non_null(strstr(out, "\"FUTURE_LV_FLAG\", \"ANOTHER\"]"));
	assert_non_null(strstr(out, "type = \"thin-pool\"\n"));
	out2 = export_or_fail(back, MD_FORM_FILE, &o, NULL);
	assert_string_equal(out, out2);
	free(out);
	free(out2);
	free(t);
	vgfx_free(&f);
}

/* Unknown words in status make the VG read-only, and they are still written back. */
static void test_unknown_status(void **state)
{
	static const struct {
		const char *old, *new_;
	} edits[] = {
		{ "status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]",
		  "status = [\"RESIZEABLE\", \"READ\", \"WRITE\", \"FUTURE_VG\"]" },
		{ "status = [\"ALLOCATABLE\"]", "status = [\"ALLOCATABLE\", \"FUTURE_PV\"]" },
		{ "status = [\"READ\", \"WRITE\", \"VISIBLE\"]",
		  "status = [\"READ\", \"WRITE\", \"VISIBLE\", \"FUTURE_LV\"]" },
	};
	struct vgfx f;

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	assert_false(f.vg->read_only);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char *t = str_replace1(f.text, edits[i].old, edits[i].new_);
		struct md_vg *vg = import_or_fail(f.a, t, strlen(t), "status edit");
		struct md_export_opts o;
		char gen[128], uname[256], *out;

		assert_true(vg->read_only);
		lvm2_opts(t, vg, &o, gen, sizeof(gen), uname, sizeof(uname));
		out = export_or_fail(vg, MD_FORM_DISK, &o, NULL);
		assert_same_text(t, out, "unknown status");
		free(out);
		free(t);
	}
	/* unknown words in flags do not */
	{
		char *t = str_replace1(f.text, "flags = []", "flags = [\"FUTURE_VG_FLAG\"]");
		struct md_vg *vg = import_or_fail(f.a, t, strlen(t), "flags edit");

		assert_false(vg->read_only);
		assert_int_equal(vg->flags.n_unknown, 1);
		free(t);
	}
	vgfx_free(&f);
}

/* Names may start with a digit: lvm2 writes them bare as section keys. */
static void test_numeric_names(void **state)
{
	struct vgfx f;
	char *t, *t2, *out;
	struct md_vg *vg;
	struct md_export_opts o;
	char gen[128], uname[256];

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	t = str_replace1(f.text, "fx_mixed {\n", "0vg {\n");
	t2 = str_replace1(t, "\nplain {\n", "\n9plain {\n");
	free(t);
	vg = import_or_fail(f.a, t2, strlen(t2) + 1, "digit names");
	assert_string_equal(vg->name, "0vg");
	assert_true(md_vg_find_lv(vg, "9plain") >= 0);
	lvm2_opts(t2, vg, &o, gen, sizeof(gen), uname, sizeof(uname));
	out = export_or_fail(vg, MD_FORM_DISK, &o, NULL);
	assert_same_text(t2, out, "digit names");
	free(out);
	out = export_or_fail(vg, MD_FORM_FILE, &o, NULL);
	assert_vg_equal(vg, import_or_fail(f.a, out, strlen(out), "digit names file"), true);
	free(out);
	free(t2);
	vgfx_free(&f);
}

/* PV section names are free-form (lvm2 reads quoted keys): they must survive a write. */
static void test_odd_pv_names(void **state)
{
	static const char *const names[] = { "p v\\\"0", "pv#1", "{x}", "1pv" };
	struct vgfx f;

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char quoted[64], area[80], *t, *t2, *out;
		struct md_vg *vg, *back;

		snprintf(quoted, sizeof(quoted), "\n\"%s\" {\n", names[i]);
		t = str_replace1(f.text, "\npv1 {\n", quoted);
		snprintf(area, sizeof(area), "\"%s\", 2", names[i]);
		t2 = str_replace1(t, "\"pv1\", 2", area);	/* lin's second segment */
		free(t);
		snprintf(area, sizeof(area), "\"%s\", 0", names[i]);
		t = str_replace1(t2, "\"pv1\", 0", area);	/* str's second stripe */
		free(t2);
		t2 = t;
		assert_null(strstr(t2, "\"pv1\""));
		vg = import_or_fail(f.a, t2, strlen(t2), names[i]);
		for (int form = MD_FORM_DISK; form <= MD_FORM_FILE; form++) {
			out = export_or_fail(vg, (enum md_form)form, test_opts(), NULL);
			back = import_or_fail(f.a, out, strlen(out), "odd PV name re-import");
			assert_vg_equal(vg, back, false);
			free(out);
		}
		free(t2);
	}
	vgfx_free(&f);
}

/* raid1 details: visible LVs are written first; only "_rmeta_" marks a metadata LV. */
static void test_raid_conventions(void **state)
{
	struct vgfx f;
	char *t, *t2, *out, *r1;
	struct md_vg *vg;
	const char *a, *b, *e;
	int32_t img;

	(void)state;
	vgfx_load(&f, "raid1");
	/* move r1 (visible) after its hidden sub-LVs in the text */
	a = strstr(f.text, "\nr1 {\n");
	b = strstr(f.text, "\nr1_rimage_0 {\n");
	e = strstr(f.text, "\n}\n\n}\n# Generated");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(e);
	r1 = xstrndup(a, (size_t)(b - a) - 1);	/* "\nr1 {...}" */
	t2 = xmalloc(f.len + 2);
	snprintf(t2, f.len + 2, "%.*s%.*s\n%s%s", (int)(a - f.text), f.text, (int)(e - b), b, r1,
		 e);
	assert_int_equal(strlen(t2), f.len);
	vg = import_or_fail(f.a, t2, strlen(t2), "r1 last");
	assert_int_equal(md_vg_find_lv(vg, "r1"), 4);
	out = export_or_fail(vg, MD_FORM_DISK, test_opts(), NULL);
	assert_true(strstr(out, "\nr1 {\n") < strstr(out, "\nr1_rimage_0 {\n"));
	assert_non_null(strstr(out, "\nr1 {\n"));
	/* hidden ones keep their model order */
	assert_true(strstr(out, "\nr1_rimage_0 {\n") < strstr(out, "\nr1_rmeta_0 {\n"));
	assert_true(strstr(out, "\nr1_rmeta_0 {\n") < strstr(out, "\nr1_rimage_1 {\n"));
	/* and that is lvm2's own text again (apart from the header) */
	{
		char *x = export_or_fail(f.vg, MD_FORM_DISK, test_opts(), NULL);

		assert_string_equal(x, out);
		free(x);
	}
	free(out);
	free(t2);
	free(r1);

	/* an image LV whose name has "_rmeta" but not "_rmeta_" is still an image */
	t = xstrndup(f.text, f.len);
	while (strstr(t, "r1_rimage_1")) {
		t2 = str_replace1(t, "r1_rimage_1", "img_rmetaX");
		free(t);
		t = t2;
	}
	vg = import_or_fail(f.a, t, strlen(t), "_rmeta image name");
	img = md_vg_find_lv(vg, "img_rmetaX");
	assert_true(img >= 0);
	assert_int_equal(vg->lvs[0].segs[0].pairs[1].image, img);
	assert_int_equal(vg->lvs[0].segs[0].pairs[1].meta, md_vg_find_lv(vg, "r1_rmeta_1"));
	free(t);

	/* lvm2 also takes the leg count as stripe_count; it is written back so */
	t = str_replace1(f.text, "device_count = 2\n", "stripe_count = 2\n");
	vg = import_or_fail(f.a, t, strlen(t), "raid1 stripe_count");
	assert_int_equal(vg->lvs[0].segs[0].device_count, 2);
	out = export_or_fail(vg, MD_FORM_DISK, test_opts(), NULL);
	assert_non_null(strstr(out, "type = \"raid1\"\nstripe_count = 2\n"));
	assert_null(strstr(out, "device_count"));
	free(out);
	free(t);
	/* ... but not both */
	t = str_replace1(f.text, "device_count = 2\n", "device_count = 2\nstripe_count = 2\n");
	assert_int_equal(md_vg_import(f.a, t, strlen(t), &vg, NULL), -EINVAL);
	free(t);
	vgfx_free(&f);
}

/* A repeated key counts only the first time, as in lvm2 (its lookups find the first). */
static void test_duplicate_keys(void **state)
{
	struct vgfx f;
	char *t, *t2, *out;
	struct md_vg *vg;

	(void)state;
	vgfx_load(&f, "lvs-mixed");
	/* VG: a second seqno and a second status are ignored */
	t = str_replace1(f.text, "seqno = 5\n", "seqno = 5\nseqno = 77\n");
	t2 = str_replace1(t, "max_pv = 0\n", "max_pv = 0\nstatus = [\"FUTURE\"]\n");
	free(t);
	vg = import_or_fail(f.a, t2, strlen(t2), "duplicate VG keys");
	assert_int_equal(vg->seqno, 5);
	assert_false(vg->read_only);
	assert_int_equal(vg->status.n_unknown, 0);
	assert_null(md_cn_find(vg->extra, "seqno"));
	free(t2);
	/* PV: an unknown status word first, a clean one after: the first one rules */
	t = str_replace1(f.text, "status = [\"ALLOCATABLE\"]\n",
			 "status = [\"ALLOCATABLE\", \"FUTURE\"]\nstatus = [\"ALLOCATABLE\"]\n");
	vg = import_or_fail(f.a, t, strlen(t), "duplicate PV status");
	assert_true(vg->read_only);
	assert_int_equal(vg->pvs[0].status.n_unknown, 1);
	out = export_or_fail(vg, MD_FORM_DISK, test_opts(), NULL);
	assert_non_null(strstr(out, "status = [\"ALLOCATABLE\", \"FUTURE\"]\n"));
	assert_true(import_or_fail(f.a, out, strlen(out), "re-import")->read_only);
	free(out);
	free(t);
	/* LV and segment keys */
	t = str_replace1(f.text, "read_ahead = 256\n", "read_ahead = 256\nread_ahead = 512\n");
	t2 = str_replace1(t, "stripe_size = 128\n", "stripe_size = 128\nstripe_size = 256\n");
	free(t);
	vg = import_or_fail(f.a, t2, strlen(t2), "duplicate LV keys");
	assert_int_equal(vg->lvs[md_vg_find_lv(vg, "lin")].read_ahead, 256);
	assert_int_equal(vg->lvs[md_vg_find_lv(vg, "str")].segs[0].stripe_size, 128);
	free(t2);
	/* the header: a second contents line cannot spoil the first */
	t = str_replace1(f.text, "version = 1\n", "version = 1\ncontents = \"something else\"\n");
	import_or_fail(f.a, t, strlen(t), "duplicate contents");
	free(t);
	vgfx_free(&f);
}

/* ------------------------------------------------------------ model helpers */

/* lvs-mixed, cloned into @a: the clone owns all its memory, the fixture is freed. */
static struct md_vg *mixed_clone(struct md_arena *a)
{
	struct vgfx f;
	struct md_vg *vg;

	vgfx_load(&f, "lvs-mixed");
	vg = md_vg_clone(a, f.vg);
	vgfx_free(&f);
	assert_non_null(vg);
	return vg;
}

static void test_find_pv(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = mixed_clone(a);

	(void)state;
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		assert_int_equal(md_vg_find_pv(vg, vg->pvs[i].id), i);
	assert_int_equal(md_vg_find_pv(vg, "nothere"), -1);
	assert_int_equal(md_vg_find_lv(vg, "str"), 1);
	assert_int_equal(md_vg_find_lv(vg, "nope"), -1);
	md_arena_free(a);
}

/* A new PV gets the first pvN name no other PV section has. */
static void test_add_pv(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = mixed_clone(a);
	struct md_pv *pv;

	(void)state;
	pv = md_vg_add_pv(vg);
	assert_non_null(pv);
	assert_string_equal(pv->name, "pv3");
	assert_int_equal(vg->n_pvs, 4);
	assert_int_equal(pv->pe_count, 0);
	vg->n_pvs--;
	vg->pvs[1].name = "pv7";
	pv = md_vg_add_pv(vg);
	assert_string_equal(pv->name, "pv1");
	md_arena_free(a);
}

/* Deleting a PV shifts the area references to the PVs after it. */
static void test_del_pv(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = mixed_clone(a);
	struct md_pv *pv;
	const struct md_lv *lin, *plain;

	(void)state;
	pv = md_vg_add_pv(vg);	/* pv3, unused */
	memcpy(pv->id, "abcdefghijklmnopqrstuvwxyzABCDEF", 33);
	pv->pe_count = 10;
	pv->status.known = MD_PV_ALLOCATABLE;
	md_vg_del_pv(vg, 0);	/* pv0 is in use by lin and str: only for the index test */
	lin = &vg->lvs[md_vg_find_lv(vg, "lin")];
	plain = &vg->lvs[md_vg_find_lv(vg, "plain")];
	assert_int_equal(lin->segs[1].areas[0].pv, 0);	/* was pv1 */
	assert_int_equal(plain->segs[0].areas[0].pv, 1);	/* was pv2 */
	assert_int_equal(lin->segs[0].areas[0].pv, 0);	/* was pv0 itself: left alone */
	assert_int_equal(vg->n_pvs, 3);
	assert_string_equal(vg->pvs[2].name, "pv3");
	md_arena_free(a);
}

static void test_strv(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_strv sv = { 0 };

	(void)state;
	assert_int_equal(md_strv_add(a, &sv, "one"), 0);
	assert_int_equal(md_strv_add(a, &sv, "two"), 0);
	assert_int_equal(md_strv_add(a, &sv, "one"), 0);	/* no duplicates */
	assert_int_equal(sv.n, 2);
	assert_true(md_strv_has(&sv, "two"));
	assert_false(md_strv_has(&sv, "three"));
	assert_true(md_strv_del(&sv, "one"));
	assert_false(md_strv_del(&sv, "one"));
	assert_int_equal(sv.n, 1);
	assert_string_equal(sv.v[0], "two");
	md_arena_free(a);
}

/* Thousands of tags (lvm2 takes them): added in order, each once, and a
 * clone does not share the spare slots of its source. */
static void test_strv_many(void **state)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = md_vg_new(a), *copy;
	char tag[32];

	(void)state;
	for (int i = 0; i < 5000; i++) {
		snprintf(tag, sizeof(tag), "t%d", i);
		assert_int_equal(md_strv_add(a, &vg->tags, tag), 0);
	}
	assert_int_equal(md_strv_add(a, &vg->tags, "t4999"), 0);
	assert_int_equal(vg->tags.n, 5000);
	assert_string_equal(vg->tags.v[0], "t0");
	assert_string_equal(vg->tags.v[4999], "t4999");
	assert_true(md_strv_del(&vg->tags, "t0"));
	copy = md_vg_clone(a, vg);
	assert_non_null(copy);
	assert_int_equal(md_strv_add(a, &copy->tags, "new"), 0);
	assert_int_equal(vg->tags.n, 4999);
	assert_false(md_strv_has(&vg->tags, "new"));
	assert_string_equal(copy->tags.v[4999], "new");
	md_arena_free(a);
}

/* Flag tables: names and bits agree, in lvm2's order. */
static void test_flag_tables(void **state)
{
	(void)state;
	assert_string_equal(md_flag_name(MD_FS_VG_STATUS, 1), "RESIZEABLE");
	assert_int_equal(md_flag_bit(MD_FS_VG_STATUS, "WRITE"), 4);
	assert_int_equal(md_flag_bit(MD_FS_LV_STATUS, "VISIBLE"), 3);
	assert_int_equal(md_flag_bit(MD_FS_LV_FLAGS, "FUTURE"), -1);
	assert_null(md_flag_name(MD_FS_PV_FLAGS, 1));
	for (int set = 0; set < MD_FS_COUNT; set++)
		for (unsigned bit = 0; md_flag_name((enum md_flag_set)set, bit); bit++) {
			assert_true(bit < MD_FLAG_BITS);
			assert_int_equal(md_flag_bit((enum md_flag_set)set,
						     md_flag_name((enum md_flag_set)set, bit)),
					 (int)bit);
		}
}

/* A VG of one PV and one 4-extent linear LV at PE 11, built with the helpers. */
static struct md_vg *scratch_vg(struct md_arena *b)
{
	struct md_vg *nv = md_vg_new(b);
	struct md_pv *pv;
	struct md_lv *lv;

	nv->name = "newvg";
	memcpy(nv->id, "0123456789abcdefghijABCDEFGHIJkl", 33);
	nv->seqno = 1;
	nv->extent_size = 8192;
	nv->max_lv = 7;
	nv->max_pv = 9;
	nv->status.known = MD_VG_RESIZEABLE | MD_VG_READ | MD_VG_WRITE;
	pv = md_vg_add_pv(nv);
	memcpy(pv->id, "abcdefghijklmnopqrstuvwxyzABCDEF", 33);
	pv->pe_start = 2048;
	pv->pe_count = 15;
	pv->dev_size = 131072;
	pv->status.known = MD_PV_ALLOCATABLE;
	lv = md_vg_add_lv(nv);
	lv->name = "data";
	memcpy(lv->id, "ZYXWVUTSRQPONMLKJIHGFEDCBA012345", 33);
	lv->status.known = MD_LV_READ | MD_LV_WRITE | MD_LV_VISIBLE;
	lv->segs = md_arena_alloc(b, sizeof(*lv->segs));
	lv->n_segs = 1;
	lv->segs[0].extent_count = 4;
	lv->segs[0].type = MD_SEG_STRIPED;
	lv->segs[0].type_name = "striped";
	lv->segs[0].stripe_count = 1;
	lv->segs[0].areas = md_arena_alloc(b, sizeof(*lv->segs[0].areas));
	lv->segs[0].areas[0] = (struct md_area_ref){ .pv = 0, .lv = -1, .start = 11 };
	return nv;
}

/* A model built from scratch validates, exports and reads back. */
static void test_scratch_model(void **state)
{
	struct md_arena *b = md_arena_new();
	struct md_vg *nv = scratch_vg(b), *back;
	struct md_err err;
	char *txt;
	size_t len;

	(void)state;
	assert_int_equal(md_lv_extents(&nv->lvs[0]), 4);
	assert_int_equal(md_vg_validate(nv, &err), 0);
	txt = export_or_fail(nv, MD_FORM_DISK, test_opts(), &len);
	assert_non_null(strstr(txt, "newvg {\nid = \"012345-6789-abcd-efgh-ijAB-CDEF-GHIJkl\"\n"
				    "seqno = 1\nstatus = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\n"
				    "flags = []\nextent_size = 8192\nmax_lv = 7\nmax_pv = 9\n"));
	assert_non_null(strstr(txt, "stripes = [\n\"pv0\", 11\n]\n"));
	back = import_or_fail(b, txt, len, "scratch model");
	assert_int_equal(back->max_lv, 7);
	assert_int_equal(back->max_pv, 9);
	assert_int_equal(md_pv_used_end(back, 0), 15);
	assert_int_equal(md_pv_used_extents(back, 0), 4);
	/* one extent too many: area past pe_count */
	nv->lvs[0].segs[0].extent_count = 5;
	assert_int_equal(md_vg_validate(nv, &err), -EINVAL);
	assert_non_null(err.why);
	free(txt);
	md_arena_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_layout_mixed),
		cmocka_unit_test(test_layout_raid1),
		cmocka_unit_test(test_layout_others),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_backup_file),
		cmocka_unit_test(test_lvm2_identity),
		cmocka_unit_test(test_preservation),
		cmocka_unit_test(test_unknown_status),
		cmocka_unit_test(test_numeric_names),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_odd_pv_names),
		cmocka_unit_test(test_raid_conventions),
		cmocka_unit_test(test_find_pv),
		cmocka_unit_test(test_add_pv),
		cmocka_unit_test(test_del_pv),
		cmocka_unit_test(test_strv),
		cmocka_unit_test(test_strv_many),
		cmocka_unit_test(test_flag_tables),
		cmocka_unit_test(test_scratch_model),
	};

	/*
	 * A zone no fixture was written in: the codec takes its offset from the
	 * export options alone, so this must change nothing.
	 */
	setenv("TZ", "LVT+05:17", 1);
	tzset();
	return cmocka_run_group_tests_name("vg", tests, NULL, NULL);
}
