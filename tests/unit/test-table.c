/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LV -> device-mapper tables (libvolume/table.c) as strings, against what
 * lvm2 2.03.16 loaded in a VM (lvm2-format.md §16) and against the layouts
 * of the lvm2-made fixtures, with device numbers from a fake lookup.
 */
#include "unit.h"
#include "table.h"

/* ------------------------------------------------------------ metadata texts */

#define VG_HEAD(name, id)                                                                       \
	name " {\nid = \"" id "\"\nseqno = 1\nformat = \"lvm2\"\n"                               \
	"status = [\"RESIZEABLE\", \"READ\", \"WRITE\"]\nflags = []\nextent_size = 8192\n"       \
	"max_lv = 0\nmax_pv = 0\nmetadata_copies = 0\nphysical_volumes {\n"
#define PV(n, id)                                                                               \
	"pv" #n " {\nid = \"" id "\"\ndevice = \"/dev/vd" #n "\"\nstatus = [\"ALLOCATABLE\"]\n"  \
	"flags = []\ndev_size = 8388608\npe_start = 2048\npe_count = 1000\n}\n"
#define LVS "}\nlogical_volumes {\n"
#define LV(name, id, status, nseg)                                                              \
	name " {\nid = \"" id "\"\nstatus = [" status "]\nflags = []\nsegment_count = " #nseg "\n"
#define RW "\"READ\", \"WRITE\""
#define RWV "\"READ\", \"WRITE\", \"VISIBLE\""
#define SEG(k, start, count)                                                                    \
	"segment" #k " {\nstart_extent = " #start "\nextent_count = " #count "\n"
#define LIN(k, start, count, pv, pe)                                                            \
	SEG(k, start, count) "type = \"striped\"\nstripe_count = 1\n"                         \
	"stripes = [\"pv" #pv "\", " #pe "]\n}\n"
#define STRIPED(k, start, count, n, areas)                                                      \
	SEG(k, start, count) "type = \"striped\"\nstripe_count = " #n "\nstripe_size = 128\n"    \
	"stripes = [" areas "]\n}\n"
#define RAID1(count, n, keys, raids)                                                            \
	SEG(1, 0, count) "type = \"raid1\"\ndevice_count = " #n "\n" keys "raids = [" raids "]\n}\n"
#define END "}\n"
#define VG_TAIL                                                                                 \
	"}\n}\ncontents = \"Text Format Volume Group\"\nversion = 1\ndescription = \"\"\n"       \
	"creation_host = \"t\"\ncreation_time = 1\n"

/* The ids lvm2 gave VG vg-1 in the VM of lvm2-format.md §16.1 (others made up). */
#define VM_VG "lOElQ1JNniYCnBoX45MH2lyL6YcKzE2L"
#define VM_LV_A "uLgFayooS3DmCDlNiDaMz6AvJkBVLGkZ"
#define VM_LV_R "L4ClugbQu5iCl9laBFNV0dTRDOA45lLR"
#define VM_RIMAGE0 "bY400fA0p87DPSaAj876PzlFXdlJB7eh"
#define VM_RMETA0 "8WzDkUUL22mK3vSWxiMKw7r1Y1kA82pi"

/* §16.2: lv-a linear on vda+vdb, lv-s -i2 -I64k, lv-r raid1 -m1 64M (before lvextend). */
#define VM_PVS PV(0, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0") PV(1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1") \
	PV(2, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2")
#define VM_LVA LV("lv-a", VM_LV_A, RWV, 2) LIN(1, 0, 2, 0, 0) LIN(2, 2, 2, 1, 19) END
#define VM_LVS LV("lv-s", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbs", RWV, 1)                           \
	STRIPED(1, 0, 4, 2, "\"pv0\", 2, \"pv1\", 0") END
#define VM_RAIDS "\"lv-r_rmeta_0\", \"lv-r_rimage_0\", \"lv-r_rmeta_1\", \"lv-r_rimage_1\""
#define VM_LVR(keys) LV("lv-r", VM_LV_R, RWV, 1) RAID1(16, 2, keys, VM_RAIDS) END
#define VM_SUBS(im1_status)                                                                     \
	LV("lv-r_rimage_0", VM_RIMAGE0, RW, 1) LIN(1, 0, 16, 1, 3) END                          \
	LV("lv-r_rmeta_0", VM_RMETA0, RW, 1) LIN(1, 0, 1, 1, 2) END                             \
	LV("lv-r_rimage_1", "cccccccccccccccccccccccccccccci1", im1_status, 1)                  \
	LIN(1, 0, 16, 2, 1) END                                                                 \
	LV("lv-r_rmeta_1", "cccccccccccccccccccccccccccccccm", RW, 1) LIN(1, 0, 1, 2, 0) END

static const char vm_text[] = VG_HEAD("vg-1", VM_VG) VM_PVS LVS VM_LVA VM_LVS
	VM_LVR("region_size = 4096\n") VM_SUBS(RW) VG_TAIL;
/* after `lvchange --maxrecoveryrate 64M`, during a repair of leg 1 */
static const char vm_rebuild_text[] = VG_HEAD("vg-1", VM_VG) VM_PVS LVS
	VM_LVR("region_size = 4096\nmax_recovery_rate = 65536\n")
	VM_SUBS("\"READ\", \"WRITE\", \"REBUILD\"") VG_TAIL;
/* after `lvextend -L+8M vg-1/lv-r`: rimage_1 grew in place, rimage_0 got a 2nd segment */
static const char vm_extended_text[] = VG_HEAD("vg-1", VM_VG) VM_PVS LVS
	LV("lv-r", VM_LV_R, RWV, 1) RAID1(18, 2, "region_size = 4096\n", VM_RAIDS) END
	LV("lv-r_rimage_0", VM_RIMAGE0, RW, 2) LIN(1, 0, 16, 1, 3) LIN(2, 16, 2, 1, 21) END
	LV("lv-r_rmeta_0", VM_RMETA0, RW, 1) LIN(1, 0, 1, 1, 2) END
	LV("lv-r_rimage_1", "cccccccccccccccccccccccccccccci1", RW, 1) LIN(1, 0, 18, 2, 1) END
	LV("lv-r_rmeta_1", "cccccccccccccccccccccccccccccccm", RW, 1) LIN(1, 0, 1, 2, 0) END
	VG_TAIL;

/* ------------------------------------------------------------ fake lookups and helpers */

#define MAX_PVS 8

struct fake {
	struct dmt_devnum dev[MAX_PVS];
	bool missing[MAX_PVS];
	int fail;		/* returned for every PV when set */
	unsigned calls;
};

static int fake_pv_dev(void *arg, uint32_t pv, struct dmt_devnum *out)
{
	struct fake *f = arg;

	f->calls++;
	if (f->fail)
		return f->fail;
	assert_true(pv < MAX_PVS);
	if (f->missing[pv])
		return -ENODEV;
	*out = f->dev[pv];
	return 0;
}

/* The VM's disks: vda 254:0, vdb 254:16, vdc 254:32. */
static void fake_vm(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	for (unsigned i = 0; i < MAX_PVS; i++)
		f->dev[i] = (struct dmt_devnum){ 254, 16 * i };
}

/* The loop devices a fixture's PVs were on (pvN.path=/dev/loopM is 7:M). */
static void fake_fixture(struct fake *f, const char *cas)
{
	struct kv info;
	unsigned n;

	memset(f, 0, sizeof(*f));
	info_load(cas, &info);
	n = (unsigned)kv_u64(&info, "pv_count");
	assert_true(n <= MAX_PVS);
	for (unsigned i = 0; i < n; i++) {
		const char *path = kv_str(&info, "pv%u.path", i);

		assert_int_equal(strncmp(path, "/dev/loop", 9), 0);
		f->dev[i] = (struct dmt_devnum){ 7, (uint32_t)parse_u64(path + 9, "loop") };
	}
	kv_free(&info);
}

struct vgt {
	struct md_arena *a;
	struct md_vg *vg;
	char *text;
};

static void vgt_text(struct vgt *v, const char *text)
{
	v->text = NULL;
	v->a = md_arena_new();
	assert_non_null(v->a);
	v->vg = import_or_fail(v->a, text, strlen(text) + 1, "test text");
}

static void vgt_fixture(struct vgt *v, const char *cas)
{
	size_t len;

	v->text = fx_text(cas, 0, &len);
	v->a = md_arena_new();
	assert_non_null(v->a);
	v->vg = import_or_fail(v->a, v->text, len + 1, cas);
}

static void vgt_free(struct vgt *v)
{
	md_arena_free(v->a);
	free(v->text);
}

static uint32_t lv_index(const struct md_vg *vg, const char *name)
{
	int32_t i = md_vg_find_lv(vg, name);

	if (i < 0)
		fail_msg("no LV %s", name);
	return (uint32_t)i;
}

/*
 * Plan @lv; 0 or the error.  On success node i gets @first.major:(@first.minor
 * + i), as the kernel numbers devices created in order, and its table.
 */
static int plan_at(const struct md_vg *vg, const char *lv, struct fake *f, enum dmt_mode mode,
		   bool nosync, struct dmt_devnum first, struct dmt_tree *t)
{
	struct dmt_opts o = { .mode = mode, .nosync = nosync, .pv_dev = fake_pv_dev, .arg = f };
	int r = dmt_plan(vg, lv_index(vg, lv), &o, t);

	if (r)
		return r;
	for (size_t i = 0; i < t->n; i++) {
		t->nodes[i].dev = (struct dmt_devnum){ first.major, first.minor + (uint32_t)i };
		t->nodes[i].has_dev = true;
		assert_int_equal(dmt_render(t, i), 0);
	}
	return 0;
}

static int plan_all(const struct md_vg *vg, const char *lv, struct fake *f, enum dmt_mode mode,
		    bool nosync, uint32_t minor0, struct dmt_tree *t)
{
	return plan_at(vg, lv, f, mode, nosync, (struct dmt_devnum){ 253, minor0 }, t);
}

/* Moves LV @lv (one linear segment) to PE @pe of PV @pv. */
static void set_area(struct md_vg *vg, const char *lv, int32_t pv, uint64_t pe)
{
	vg->lvs[lv_index(vg, lv)].segs[0].areas[0] = (struct md_area_ref){ pv, -1, pe };
}

static uint64_t lv_sectors(const struct md_vg *vg, uint32_t lv)
{
	const struct md_lv *l = &vg->lvs[lv];

	return (l->segs[l->n_segs - 1].start_extent + l->segs[l->n_segs - 1].extent_count) *
	       vg->extent_size;
}

/*
 * Node @i is @name with @flags and the table @text (as `dmsetup table`
 * prints it); its targets tile exactly node->size sectors, and an LV's node
 * is as long as the LV.
 */
static void expect_node(const struct dmt_tree *t, size_t i, const char *name, unsigned flags,
			const char *text)
{
	const struct dmt_node *n;
	struct md_buf b;
	uint64_t at = 0;

	assert_true(i < t->n);
	n = &t->nodes[i];
	assert_string_equal(n->name, name);
	assert_int_equal(n->flags, flags);
	md_buf_init(&b);
	dmt_table_text(&n->table, &b);
	assert_int_equal(b.err, 0);
	assert_string_equal(b.p ? b.p : "", text);
	md_buf_free(&b);
	for (size_t k = 0; k < n->table.n; k++) {
		assert_int_equal(n->table.t[k].start, at);
		at += n->table.t[k].len;
	}
	assert_int_equal(at, n->size);
	if (!(n->flags & DMT_STANDIN))
		assert_int_equal(n->size, lv_sectors(t->vg, n->lv));
}

/* The dm UUID of node @i, built from the model's ids. */
static void expect_uuid(const struct dmt_tree *t, size_t i, const char *layer)
{
	const struct md_lv *lv = &t->vg->lvs[t->nodes[i].lv];
	char want[DMT_UUID_LEN];

	snprintf(want, sizeof(want), "LVM-%s%s%s%s", t->vg->id, lv->id, layer ? "-" : "",
		 layer ? layer : "");
	assert_string_equal(t->nodes[i].uuid, want);
}

#define H DMT_HIDDEN
#define V DMT_VISIBLE
#define S (DMT_STANDIN | DMT_HIDDEN)

/* ------------------------------------------------------------ names, UUIDs, paths */

static void test_names(void **state)
{
	char s[DMT_NAME_LEN + 32], big[200];

	(void)state;
	/* §16.1: every '-' doubled; sub-LV names are plain LV names */
	assert_int_equal(dmt_name("vg-1", "lv-a", NULL, s, sizeof(s)), 0);
	assert_string_equal(s, "vg--1-lv--a");
	assert_int_equal(dmt_name("vg-1", "lv-r_rmeta_0", NULL, s, sizeof(s)), 0);
	assert_string_equal(s, "vg--1-lv--r_rmeta_0");
	assert_int_equal(dmt_name("fmt_v-g4", "se-cond", "", s, sizeof(s)), 0);
	assert_string_equal(s, "fmt_v--g4-se--cond");
	/* layers: "-layer", no separator before "_layer", hyphens doubled there too */
	assert_int_equal(dmt_name("vgf", "r_rimage_1_extracted", "missing_0_0", s, sizeof(s)), 0);
	assert_string_equal(s, "vgf-r_rimage_1_extracted-missing_0_0");
	assert_int_equal(dmt_name("vg", "lv", "_mlog", s, sizeof(s)), 0);
	assert_string_equal(s, "vg-lv_mlog");
	assert_int_equal(dmt_name("v-g", "l", "a-b", s, sizeof(s)), 0);
	assert_string_equal(s, "v--g-l-a--b");
	assert_int_equal(dmt_name("--", "-", NULL, s, sizeof(s)), 0);
	assert_string_equal(s, "-------");
	/* 127 chars fit, 128 do not; nor does anything longer than the buffer */
	memset(big, 'x', 125);
	big[125] = '\0';
	assert_int_equal(dmt_name("v", big, NULL, s, sizeof(s)), 0);
	assert_int_equal(strlen(s), 127);
	big[124] = '-';
	assert_int_equal(dmt_name("v", big, NULL, s, sizeof(s)), -ENAMETOOLONG);
	assert_int_equal(dmt_name("vg", "lv", NULL, s, 5), -ENAMETOOLONG);
	assert_int_equal(dmt_name("vg", "lv", NULL, s, 6), 0);
}

/* dmt_split_name() undoes dmt_name(), the layer dropped. */
static void test_split_names(void **state)
{
	static const char *const cases[][3] = {
		{ "vg--1-lv--a", "vg-1", "lv-a" },
		{ "vg--1-lv--r_rmeta_0", "vg-1", "lv-r_rmeta_0" },
		{ "vgf-r_rimage_1_extracted-missing_0_0", "vgf", "r_rimage_1_extracted" },
		{ "vg-lv_mlog", "vg", "lv_mlog" },
		{ "v--g-l-a--b", "v-g", "l" },
		{ "a---b", "a-", "b" },
	};
	char vg[16], lv[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(dmt_split_name(cases[i][0], vg, sizeof(vg), lv, sizeof(lv)), 0);
		assert_string_equal(vg, cases[i][1]);
		assert_string_equal(lv, cases[i][2]);
	}
	/* no separator, an empty part, a part too long for its buffer */
	assert_int_equal(dmt_split_name("vg", vg, sizeof(vg), lv, sizeof(lv)), -EINVAL);
	assert_int_equal(dmt_split_name("vg--lv", vg, sizeof(vg), lv, sizeof(lv)), -EINVAL);
	assert_int_equal(dmt_split_name("-lv", vg, sizeof(vg), lv, sizeof(lv)), -EINVAL);
	assert_int_equal(dmt_split_name("vg-", vg, sizeof(vg), lv, sizeof(lv)), -EINVAL);
	assert_int_equal(dmt_split_name("vg-lv", vg, 2, lv, sizeof(lv)), -ENAMETOOLONG);
	assert_int_equal(dmt_split_name("vg-lv", vg, 3, lv, 2), -ENAMETOOLONG);
	assert_int_equal(dmt_split_name("vg-lv", vg, 3, lv, 3), 0);
}

static void test_uuids_paths(void **state)
{
	char s[DMT_UUID_LEN + 8];

	(void)state;
	/* §16.1, as dmsetup showed it for vg--1-lv--a */
	assert_int_equal(dmt_uuid(VM_VG, VM_LV_A, NULL, s, sizeof(s)), 0);
	assert_string_equal(s,
			    "LVM-lOElQ1JNniYCnBoX45MH2lyL6YcKzE2LuLgFayooS3DmCDlNiDaMz6AvJkBVLGkZ");
	assert_int_equal(strlen(s), 68);
	assert_int_equal(dmt_uuid(VM_VG, VM_RMETA0, "", s, sizeof(s)), 0);
	assert_string_equal(s,
			    "LVM-lOElQ1JNniYCnBoX45MH2lyL6YcKzE2L8WzDkUUL22mK3vSWxiMKw7r1Y1kA82pi");
	/* §11: fmt_vg1/lin */
	assert_int_equal(dmt_uuid("OuQ9A6z4c43sDJ6rr9eF9I8heW9qpYG8",
				  "tNAxQC03ai3Sa3tIqVwUJbtpVfx4SgbA", NULL, s, sizeof(s)), 0);
	assert_string_equal(s,
			    "LVM-OuQ9A6z4c43sDJ6rr9eF9I8heW9qpYG8tNAxQC03ai3Sa3tIqVwUJbtpVfx4SgbA");
	/* §16.7: the stand-in's layer follows a '-' in the UUID (and "_x" layers too) */
	assert_int_equal(dmt_uuid(VM_VG, VM_LV_R, "missing_0_0", s, sizeof(s)), 0);
	assert_string_equal(s, "LVM-" VM_VG VM_LV_R "-missing_0_0");
	assert_int_equal(dmt_uuid(VM_VG, VM_LV_R, "_x", s, sizeof(s)), 0);
	assert_string_equal(s, "LVM-" VM_VG VM_LV_R "-_x");
	assert_int_equal(dmt_uuid(VM_VG, VM_LV_R, NULL, s, 68), -ENAMETOOLONG);

	assert_int_equal(dmt_lv_path("vg-1", "lv-a", s, sizeof(s)), 0);
	assert_string_equal(s, "/dev/vg-1/lv-a");
	assert_int_equal(dmt_mapper_path("vg-1", "lv-a", s, sizeof(s)), 0);
	assert_string_equal(s, "/dev/mapper/vg--1-lv--a");
	assert_int_equal(dmt_lv_path("vg", "lv", s, 9), -ENAMETOOLONG);
	assert_int_equal(dmt_mapper_path("vg", "lv", s, 17), -ENAMETOOLONG);
	assert_int_equal(dmt_mapper_path("vg", "lv", s, 18), 0);
}

/* ------------------------------------------------------------ linear and striped */

/* The lvs-mixed fixture: what lvm2 made with lvcreate/lvextend on loop4-6. */
static void test_fixture_mixed(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_fixture(&v, "lvs-mixed");
	fake_fixture(&f, "lvs-mixed");
	assert_int_equal(f.dev[0].major, 7);
	/* two segments on two PVs: lin on pv0 PE 0-1, then pv1 PE 2-3 */
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	assert_int_equal(t.n, 1);
	expect_node(&t, 0, "fx_mixed-lin", V,
		    "0 16384 linear 7:4 2048\n16384 16384 linear 7:5 18432\n");
	expect_uuid(&t, 0, NULL);
	assert_int_equal(t.nodes[0].seg, -1);
	dmt_tree_free(&t);
	/* lvcreate -i 2 -I 64k -l 4 on pv0 PE 2-3 and pv1 PE 0-1 */
	assert_int_equal(plan_all(v.vg, "str", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "fx_mixed-str", V, "0 32768 striped 2 128 7:4 18432 7:5 2048\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_all(v.vg, "plain", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "fx_mixed-plain", V, "0 24576 linear 7:6 2048\n");
	expect_uuid(&t, 0, NULL);
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* lvm2-format.md §16.2, byte for byte: what dm loaded in the VM. */
static void test_vm_linear_striped(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, vm_text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "lv-a", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 1);
	expect_node(&t, 0, "vg--1-lv--a", V,
		    "0 16384 linear 254:0 2048\n16384 16384 linear 254:16 157696\n");
	assert_string_equal(t.nodes[0].uuid,
			    "LVM-lOElQ1JNniYCnBoX45MH2lyL6YcKzE2LuLgFayooS3DmCDlNiDaMz6AvJkBVLGkZ");
	dmt_tree_free(&t);
	assert_int_equal(plan_all(v.vg, "lv-s", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	expect_node(&t, 0, "vg--1-lv--s", V, "0 32768 striped 2 128 254:0 18432 254:16 2048\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

static void test_striped3(void **state)
{
	static const char text[] = VG_HEAD("vg", "dddddddddddddddddddddddddddddddd")
		PV(0, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee0") PV(1, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1")
		PV(2, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee2") LVS
		LV("s3", "ffffffffffffffffffffffffffffff01", RWV, 2)
		STRIPED(1, 0, 6, 3, "\"pv2\", 0, \"pv0\", 5, \"pv1\", 10")
		STRIPED(2, 6, 3, 3, "\"pv0\", 100, \"pv1\", 0, \"pv2\", 2") END VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "s3", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "vg-s3", V,
		    "0 49152 striped 3 128 254:32 2048 254:0 43008 254:16 83968\n"
		    "49152 24576 striped 3 128 254:0 821248 254:16 2048 254:32 18432\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* Adjacent segments lvm2 merges on import are one table line. */
static void test_merge(void **state)
{
	static const char text[] = VG_HEAD("vg", "dddddddddddddddddddddddddddddddd")
		PV(0, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee0") PV(1, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1")
		LVS
		/* contiguous on pv0: merged; then pv1 PE 7 after PE 5-6: not contiguous */
		LV("m", "ffffffffffffffffffffffffffffff01", RWV, 4)
		LIN(1, 0, 2, 0, 3) LIN(2, 2, 1, 0, 5) LIN(3, 3, 2, 1, 5) LIN(4, 5, 1, 1, 8) END
		/* contiguous stripes merge; different tags do not */
		LV("s", "ffffffffffffffffffffffffffffff02", RWV, 3)
		STRIPED(1, 0, 2, 2, "\"pv0\", 20, \"pv1\", 30")
		STRIPED(2, 2, 4, 2, "\"pv0\", 21, \"pv1\", 31")
		SEG(3, 6, 2) "tags = [\"t\"]\ntype = \"striped\"\nstripe_count = 2\n"
		"stripe_size = 128\nstripes = [\"pv0\", 23, \"pv1\", 33]\n}\n" END
		/* a LOCKED LV keeps its segments */
		LV("k", "ffffffffffffffffffffffffffffff03", RWV ", \"LOCKED\"", 2)
		LIN(1, 0, 1, 0, 40) LIN(2, 1, 1, 0, 41) END
		/* error segments merge */
		LV("e", "ffffffffffffffffffffffffffffff04", RWV, 3)
		SEG(1, 0, 1) "type = \"error\"\n}\n" SEG(2, 1, 2) "type = \"error\"\n}\n"
		SEG(3, 3, 1) "type = \"zero\"\n}\n" END VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "m", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "vg-m", V,
		    "0 24576 linear 254:0 26624\n24576 16384 linear 254:16 43008\n"
		    "40960 8192 linear 254:16 67584\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_all(v.vg, "s", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "vg-s", V,
		    "0 49152 striped 2 128 254:0 165888 254:16 247808\n"
		    "49152 16384 striped 2 128 254:0 190464 254:16 272384\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_all(v.vg, "k", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "vg-k", V,
		    "0 8192 linear 254:0 329728\n8192 8192 linear 254:0 337920\n");
	dmt_tree_free(&t);
	f.calls = 0;
	assert_int_equal(plan_all(v.vg, "e", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	expect_node(&t, 0, "vg-e", V, "0 24576 error \n24576 8192 zero \n");
	assert_int_equal(f.calls, 0);
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* ------------------------------------------------------------ raid1 */

/* The raid1 fixture: r1 on loop9 and loop10, each leg rmeta PE 0 + rimage PE 1-2. */
static void test_fixture_raid1(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_fixture(&v, "raid1");
	fake_fixture(&f, "raid1");
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 5);
	expect_node(&t, 0, "fx_raid1-r1_rmeta_0", H, "0 8192 linear 7:9 2048\n");
	expect_node(&t, 1, "fx_raid1-r1_rimage_0", H, "0 16384 linear 7:9 10240\n");
	expect_node(&t, 2, "fx_raid1-r1_rmeta_1", H, "0 8192 linear 7:10 2048\n");
	expect_node(&t, 3, "fx_raid1-r1_rimage_1", H, "0 16384 linear 7:10 10240\n");
	expect_node(&t, 4, "fx_raid1-r1", V,
		    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n");
	for (size_t i = 0; i < t.n; i++)
		expect_uuid(&t, i, NULL);
	assert_int_equal(t.lv, t.nodes[4].lv);
	dmt_tree_free(&t);
	/* lvcreate --nosync: only the command says so, not the NOTSYNCED flag */
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, true, 0, &t), 0);
	expect_node(&t, 4, "fx_raid1-r1", V,
		    "0 16384 raid raid1 4 0 nosync region_size 4096 2 253:0 253:1 253:2 253:3\n");
	dmt_tree_free(&t);
	v.vg->lvs[lv_index(v.vg, "r1")].status.known |= MD_LV_NOTSYNCED;
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	expect_node(&t, 4, "fx_raid1-r1", V,
		    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n");
	dmt_tree_free(&t);
	/* a sub-LV alone (as lvm2 activates rmeta to wipe it) is plain linear */
	assert_int_equal(plan_all(v.vg, "r1_rmeta_1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 1);
	expect_node(&t, 0, "fx_raid1-r1_rmeta_1", H, "0 8192 linear 7:10 2048\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

static const char vm_maxrate_text[] = VG_HEAD("vg-1", VM_VG) VM_PVS LVS
	VM_LVR("region_size = 4096\nmax_recovery_rate = 65536\n") VM_SUBS(RW) VG_TAIL;

static void vm_raid(const char *text, const char *const want[5])
{
	static const char *const names[5] = {
		"vg--1-lv--r_rmeta_0", "vg--1-lv--r_rimage_0", "vg--1-lv--r_rmeta_1",
		"vg--1-lv--r_rimage_1", "vg--1-lv--r",
	};
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	vgt_text(&v, text);
	fake_vm(&f);
	/* in the VM, lv-a and lv-s were 253:0 and 253:1 */
	assert_int_equal(plan_all(v.vg, "lv-r", &f, DMT_MODE_DEGRADED, false, 2, &t), 0);
	assert_int_equal(t.n, 5);
	for (size_t i = 0; i < 5; i++)
		expect_node(&t, i, names[i], i == 4 ? V : H, want[i]);
	assert_string_equal(t.nodes[0].uuid, "LVM-" VM_VG VM_RMETA0);
	assert_string_equal(t.nodes[1].uuid,
			    "LVM-lOElQ1JNniYCnBoX45MH2lyL6YcKzE2LbY400fA0p87DPSaAj876PzlFXdlJB7eh");
	assert_string_equal(t.nodes[4].uuid,
			    "LVM-lOElQ1JNniYCnBoX45MH2lyL6YcKzE2LL4ClugbQu5iCl9laBFNV0dTRDOA45lLR");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* lvm2-format.md §16.2, §16.4: lv-r as created, with a recovery rate, in a repair, extended. */
static void test_vm_raid1(void **state)
{
	const char *want[5] = {
		"0 8192 linear 254:16 18432\n", "0 131072 linear 254:16 26624\n",
		"0 8192 linear 254:32 2048\n", "0 131072 linear 254:32 10240\n",
		"0 131072 raid raid1 3 0 region_size 4096 2 253:2 253:3 253:4 253:5\n",
	};

	(void)state;
	vm_raid(vm_text, want);
	want[4] = "0 131072 raid raid1 5 0 max_recovery_rate 65536 region_size 4096 2 "
		  "253:2 253:3 253:4 253:5\n";
	vm_raid(vm_maxrate_text, want);
	want[4] = "0 131072 raid raid1 7 0 rebuild 1 max_recovery_rate 65536 region_size 4096 2 "
		  "253:2 253:3 253:4 253:5\n";
	vm_raid(vm_rebuild_text, want);
	want[1] = "0 131072 linear 254:16 26624\n131072 16384 linear 254:16 174080\n";
	want[3] = "0 147456 linear 254:32 10240\n";
	want[4] = "0 147456 raid raid1 3 0 region_size 4096 2 253:2 253:3 253:4 253:5\n";
	vm_raid(vm_extended_text, want);
}

#define R3_PVS PV(0, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee0") PV(1, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee1") \
	PV(2, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee2")
#define R3_RAIDS "\"r3_rmeta_0\", \"r3_rimage_0\", \"r3_rmeta_1\", \"r3_rimage_1\", "           \
	"\"r3_rmeta_2\", \"r3_rimage_2\""
#define R3_LEG(i, status)                                                                       \
	LV("r3_rmeta_" #i, "gggggggggggggggggggggggggggggm0" #i, RW, 1) LIN(1, 0, 1, i, 0) END   \
	LV("r3_rimage_" #i, "gggggggggggggggggggggggggggggi0" #i, status, 1) LIN(1, 0, 2, i, 1) END
#define R3(keys, st1, st2)                                                                      \
	VG_HEAD("vg", "dddddddddddddddddddddddddddddddd") R3_PVS LVS                             \
	LV("r3", "gggggggggggggggggggggggggggggg03", RWV, 1) RAID1(2, 3, keys, R3_RAIDS) END     \
	R3_LEG(0, RW) R3_LEG(1, st1) R3_LEG(2, st2) VG_TAIL

#define RBWM "\"READ\", \"WRITE\", \"REBUILD\", \"WRITEMOSTLY\""

static void expect_r3(const char *text, bool nosync, const char *line)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "r3", &f, DMT_MODE_COMPLETE, nosync, 0, &t), 0);
	assert_int_equal(t.n, 7);
	expect_node(&t, 0, "vg-r3_rmeta_0", H, "0 8192 linear 254:0 2048\n");
	expect_node(&t, 1, "vg-r3_rimage_0", H, "0 16384 linear 254:0 10240\n");
	expect_node(&t, 4, "vg-r3_rmeta_2", H, "0 8192 linear 254:32 2048\n");
	expect_node(&t, 5, "vg-r3_rimage_2", H, "0 16384 linear 254:32 10240\n");
	expect_node(&t, 6, "vg-r3", V, line);
	dmt_tree_free(&t);
	vgt_free(&v);
}

static void test_raid1_3legs(void **state)
{
	static const char plain[] = R3("region_size = 1024\n", RW, RW);
	static const char all[] = R3("region_size = 1024\nwritebehind = 512\n"
				     "min_recovery_rate = 100\nmax_recovery_rate = 65536\n",
				     "\"READ\", \"WRITE\", \"WRITEMOSTLY\"",
				     "\"READ\", \"WRITE\", \"REBUILD\"");
	static const char two[] = R3("region_size = 1024\n", RBWM, RBWM);
	static const char keys[] = R3("region_size = 1024\nstripe_size = 128\ndata_offset = 0\n",
				      RW, RW);

	(void)state;
	expect_r3(plain, false, "0 16384 raid raid1 3 0 region_size 1024 3 "
		  "253:0 253:1 253:2 253:3 253:4 253:5\n");
	expect_r3(plain, true, "0 16384 raid raid1 4 0 nosync region_size 1024 3 "
		  "253:0 253:1 253:2 253:3 253:4 253:5\n");
	/* every optional parameter, in dm-raid >= 1.11 order */
	expect_r3(all, true, "0 16384 raid raid1 14 0 nosync rebuild 2 min_recovery_rate 100 "
		  "max_recovery_rate 65536 write_mostly 1 max_write_behind 512 region_size 1024 3 "
		  "253:0 253:1 253:2 253:3 253:4 253:5\n");
	expect_r3(two, false, "0 16384 raid raid1 11 0 rebuild 1 rebuild 2 write_mostly 1 "
		  "write_mostly 2 region_size 1024 3 253:0 253:1 253:2 253:3 253:4 253:5\n");
	/* the chunk is lvm2's stripe_size even for raid1; data_offset = 0 is loaded as 0 */
	expect_r3(keys, false, "0 16384 raid raid1 5 128 region_size 1024 data_offset 0 3 "
		  "253:0 253:1 253:2 253:3 253:4 253:5\n");
}

/* A pair without a metadata LV, and an image split off with --trackchanges. */
static void test_raid1_absent_legs(void **state)
{
	static const char text[] = VG_HEAD("vg", "dddddddddddddddddddddddddddddddd") R3_PVS LVS
		LV("t", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhh00", RWV, 1)
		RAID1(2, 2, "region_size = 1024\n", "\"t_rimage_0\", \"t_rmeta_1\", \"t_rimage_1\"")
		END LV("t_rimage_1", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhi1", "\"READ\", \"VISIBLE\"", 1)
		LIN(1, 0, 2, 1, 1) END
		LV("t_rimage_0", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhi0", RW, 1) LIN(1, 0, 2, 0, 1) END
		LV("t_rmeta_1", "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhm1", RW, 1) LIN(1, 0, 1, 1, 0) END
		VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "t", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	assert_int_equal(t.n, 2);
	expect_node(&t, 0, "vg-t_rimage_0", H, "0 16384 linear 254:0 10240\n");
	expect_node(&t, 1, "vg-t", V, "0 16384 raid raid1 3 0 region_size 1024 2 - 253:0 - -\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* ------------------------------------------------------------ missing PVs */

static void test_missing_linear(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_fixture(&v, "lvs-mixed");
	fake_fixture(&f, "lvs-mixed");
	f.missing[1] = true;
	/* not a raid LV: refused unless --activationmode partial */
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_COMPLETE, false, 0, &t), -ENODEV);
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_DEGRADED, false, 0, &t), -ENODEV);
	assert_null(t.nodes);
	/* partial: an error device, as long as the segment, named after segment 1 area 0 */
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_PARTIAL, false, 0, &t), 0);
	assert_int_equal(t.n, 2);
	expect_node(&t, 0, "fx_mixed-lin-missing_1_0", S, "0 16384 error \n");
	expect_uuid(&t, 0, "missing_1_0");
	assert_int_equal(t.nodes[0].seg, 1);
	assert_int_equal(t.nodes[0].area, 0);
	expect_node(&t, 1, "fx_mixed-lin", V,
		    "0 16384 linear 7:4 2048\n16384 16384 linear 253:0 0\n");
	expect_uuid(&t, 1, NULL);
	dmt_tree_free(&t);
	/* striped: the stand-in covers the whole segment, not one stripe */
	assert_int_equal(plan_all(v.vg, "str", &f, DMT_MODE_PARTIAL, false, 7, &t), 0);
	expect_node(&t, 0, "fx_mixed-str-missing_0_1", S, "0 32768 error \n");
	expect_node(&t, 1, "fx_mixed-str", V, "0 32768 striped 2 128 7:4 18432 253:7 0\n");
	dmt_tree_free(&t);
	/* LVs not on the missing PV are not affected */
	assert_int_equal(plan_all(v.vg, "plain", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	dmt_tree_free(&t);
	/* marked MISSING in the metadata but present: partial, yet mapped to the device */
	f.missing[1] = false;
	v.vg->pvs[1].flags.known |= MD_PVF_MISSING;
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_COMPLETE, false, 0, &t), -ENODEV);
	assert_int_equal(plan_all(v.vg, "lin", &f, DMT_MODE_PARTIAL, false, 0, &t), 0);
	expect_node(&t, 0, "fx_mixed-lin", V,
		    "0 16384 linear 7:4 2048\n16384 16384 linear 7:5 18432\n");
	dmt_tree_free(&t);
	/* other lookup errors come back as they are */
	f.fail = -EIO;
	assert_int_equal(plan_all(v.vg, "plain", &f, DMT_MODE_PARTIAL, false, 0, &t), -EIO);
	vgt_free(&v);
}

/* §16.4: lvconvert --repair reloaded the extracted leg onto a stand-in. */
static void test_vm_standin(void **state)
{
	static const char text[] = VG_HEAD("vgf", "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii")
		PV(0, "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj0") PV(1, "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj1")
		LVS
		LV("r_rimage_1_extracted", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", RWV, 1)
		LIN(1, 0, 256, 1, 1) END VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	f.missing[1] = true;
	assert_int_equal(plan_all(v.vg, "r_rimage_1_extracted", &f, DMT_MODE_PARTIAL, false, 9,
				  &t), 0);
	expect_node(&t, 0, "vgf-r_rimage_1_extracted-missing_0_0", S, "0 2097152 error \n");
	assert_string_equal(t.nodes[0].uuid, "LVM-iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii"
			    "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk-missing_0_0");
	expect_node(&t, 1, "vgf-r_rimage_1_extracted", V, "0 2097152 linear 253:9 0\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

static void test_raid1_degraded(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_fixture(&v, "raid1");
	fake_fixture(&f, "raid1");
	f.missing[1] = true;
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_COMPLETE, false, 0, &t), -ENODEV);
	/* degraded (lvm2's default): leg 1's sub-LVs map to error devices */
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 7);
	expect_node(&t, 0, "fx_raid1-r1_rmeta_0", H, "0 8192 linear 7:9 2048\n");
	expect_node(&t, 1, "fx_raid1-r1_rimage_0", H, "0 16384 linear 7:9 10240\n");
	expect_node(&t, 2, "fx_raid1-r1_rmeta_1-missing_0_0", S, "0 8192 error \n");
	expect_uuid(&t, 2, "missing_0_0");
	expect_node(&t, 3, "fx_raid1-r1_rmeta_1", H, "0 8192 linear 253:2 0\n");
	expect_node(&t, 4, "fx_raid1-r1_rimage_1-missing_0_0", S, "0 16384 error \n");
	expect_node(&t, 5, "fx_raid1-r1_rimage_1", H, "0 16384 linear 253:4 0\n");
	expect_node(&t, 6, "fx_raid1-r1", V,
		    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:3 253:5\n");
	dmt_tree_free(&t);
	/* a sub-LV alone is a raid sub-LV: degraded is enough */
	assert_int_equal(plan_all(v.vg, "r1_rimage_1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 2);
	dmt_tree_free(&t);
	/* no leg left: degraded refuses, partial goes ahead */
	f.missing[0] = true;
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), -ENODEV);
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_PARTIAL, false, 0, &t), 0);
	assert_int_equal(t.n, 9);
	expect_node(&t, 8, "fx_raid1-r1", V,
		    "0 16384 raid raid1 3 0 region_size 4096 2 253:1 253:3 253:5 253:7\n");
	dmt_tree_free(&t);
	/* the meta LV of leg 0 and the image of leg 1 lost: no whole pair left */
	f.missing[0] = false;
	set_area(v.vg, "r1_rmeta_1", 0, 3);
	set_area(v.vg, "r1_rmeta_0", 1, 3);
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), -ENODEV);
	/* the meta LV of leg 0 lost: leg 1 is whole */
	set_area(v.vg, "r1_rimage_1", 0, 4);
	assert_int_equal(plan_all(v.vg, "r1", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.n, 6);
	expect_node(&t, 0, "fx_raid1-r1_rmeta_0-missing_0_0", S, "0 8192 error \n");
	expect_node(&t, 1, "fx_raid1-r1_rmeta_0", H, "0 8192 linear 253:0 0\n");
	expect_node(&t, 3, "fx_raid1-r1_rmeta_1", H, "0 8192 linear 7:9 26624\n");
	expect_node(&t, 4, "fx_raid1-r1_rimage_1", H, "0 16384 linear 7:9 34816\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* ------------------------------------------------------------ a vmtest run */

/*
 * lvm2 2.03.16 in the vmtest guest (kernel 6.1.0-57): VG vg-1 on dm-linear
 * layers pva/pvb/pvc (254:0-2), LVs made with lvcreate/lvextend/lvchange,
 * ids and extents from its vgcfgbackup, tables from `dmsetup table` (and
 * lvm2 -vvvv for max_write_behind, which this kernel echoes as 0).
 */
#define RUN_VG "vfoUAvAedCbx9J1yhg1IxeGo25QetiUp"
#define RUN_R3_RAIDS "\"r3_rmeta_0\", \"r3_rimage_0\", \"r3_rmeta_1\", \"r3_rimage_1\", "       \
	"\"r3_rmeta_2\", \"r3_rimage_2\""
static const char run_text[] = VG_HEAD("vg-1", RUN_VG) PV(0, "SFOu2h113CfTkH4CAbBUZmMnDdm0gjVF")
	PV(1, "VMUwzFWdSSY0t0dxXbY38xrILCIIVOmc") PV(2, "6b3ZLSrbtdDDGrGCahptE6cjlyp34XBR") LVS
	LV("s3", "2a2g658afj9arFLtJmqnaw7Fvny2SAhq", RWV, 1)
	STRIPED(1, 0, 6, 3, "\"pv0\", 4, \"pv1\", 4, \"pv2\", 0") END
	LV("lin-c", "f1zncQENctC8F3uRGjMNYvDDyuv8Aks2", RWV, 2) LIN(1, 0, 1, 0, 6)
	LIN(2, 1, 2, 2, 2) END
	LV("r3", "qOLIzP8eiiGKDiVYyf33o8EJh8NvhdFt", RWV, 1)
	RAID1(2, 3, "region_size = 4096\nwritebehind = 256\nmin_recovery_rate = 1024\n"
	      "max_recovery_rate = 65536\n", RUN_R3_RAIDS) END
	LV("r2", "w3U0XUM2BlbSMTUZAiiPZ5KJancm4nIH", RWV ", \"NOTSYNCED\"", 1)
	RAID1(2, 2, "region_size = 4096\n",
	      "\"r2_rmeta_0\", \"r2_rimage_0\", \"r2_rmeta_1\", \"r2_rimage_1\"") END
	LV("r3_rimage_0", "llK8fVhaROCZjMSBl8zuc3X12gJOdq47", RW, 1) LIN(1, 0, 2, 0, 8) END
	LV("r3_rmeta_0", "2Z3NpAaF0JzJ6BBMP8mCLh1X3yFufdYc", RW, 1) LIN(1, 0, 1, 0, 7) END
	LV("r3_rimage_1", "WdiiM6VfgpnFJ5LhNMUI6EOHTy5WgU9U", RW ", \"WRITEMOSTLY\"", 1)
	LIN(1, 0, 2, 1, 7) END
	LV("r3_rmeta_1", "SuRLx0scez2E21XIFkk9c0AdcUUrUwF5", RW, 1) LIN(1, 0, 1, 1, 6) END
	LV("r3_rimage_2", "C2fmJewc2gsu8V4hH42UM5QqGDJCyzmU", RW, 1) LIN(1, 0, 2, 2, 5) END
	LV("r3_rmeta_2", "JJatI6fwqyoe07jRoK1TG9gjszEEOSAa", RW, 1) LIN(1, 0, 1, 2, 4) END
	LV("r2_rimage_0", "epw1Osmrec7qz9BFBbAjPVVSOcuYRCCr", RW, 1) LIN(1, 0, 2, 0, 11) END
	LV("r2_rmeta_0", "wUziUWuIF6GZ2KCtTqq1EWK7h96Fq328", RW, 1) LIN(1, 0, 1, 0, 10) END
	LV("r2_rimage_1", "gkbcTvdp16PeykFP41nkb6mrjkyXLlW9", RW, 1) LIN(1, 0, 2, 1, 10) END
	LV("r2_rmeta_1", "yeNuKcEmzRmzMI5kZPWKa8LBGbb5PY9m", RW, 1) LIN(1, 0, 1, 1, 9) END
	VG_TAIL;

static void run_fake(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	for (uint32_t i = 0; i < 3; i++)
		f->dev[i] = (struct dmt_devnum){ 254, i };
}

static void test_vm_run(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, run_text);
	run_fake(&f);
	/* vgchange -ay: r3 got 254:7-13, r2 (NOTSYNCED, but no nosync now) 254:14-18 */
	assert_int_equal(plan_at(v.vg, "r3", &f, DMT_MODE_DEGRADED, false,
				 (struct dmt_devnum){ 254, 7 }, &t), 0);
	expect_node(&t, 0, "vg--1-r3_rmeta_0", H, "0 8192 linear 254:0 59392\n");
	expect_node(&t, 3, "vg--1-r3_rimage_1", H, "0 16384 linear 254:1 59392\n");
	expect_node(&t, 5, "vg--1-r3_rimage_2", H, "0 16384 linear 254:2 43008\n");
	expect_node(&t, 6, "vg--1-r3", V, "0 16384 raid raid1 11 0 min_recovery_rate 1024 "
		    "max_recovery_rate 65536 write_mostly 1 max_write_behind 256 "
		    "region_size 4096 3 254:7 254:8 254:9 254:10 254:11 254:12\n");
	assert_string_equal(t.nodes[6].uuid, "LVM-" RUN_VG "qOLIzP8eiiGKDiVYyf33o8EJh8NvhdFt");
	dmt_tree_free(&t);
	assert_int_equal(plan_at(v.vg, "r2", &f, DMT_MODE_DEGRADED, false,
				 (struct dmt_devnum){ 254, 14 }, &t), 0);
	expect_node(&t, 4, "vg--1-r2", V,
		    "0 16384 raid raid1 3 0 region_size 4096 2 254:14 254:15 254:16 254:17\n");
	dmt_tree_free(&t);
	/* lvcreate --nosync activated it with nosync, as 254:3-7 */
	assert_int_equal(plan_at(v.vg, "r2", &f, DMT_MODE_DEGRADED, true,
				 (struct dmt_devnum){ 254, 3 }, &t), 0);
	expect_node(&t, 0, "vg--1-r2_rmeta_0", H, "0 8192 linear 254:0 83968\n");
	expect_node(&t, 1, "vg--1-r2_rimage_0", H, "0 16384 linear 254:0 92160\n");
	expect_node(&t, 2, "vg--1-r2_rmeta_1", H, "0 8192 linear 254:1 75776\n");
	expect_node(&t, 3, "vg--1-r2_rimage_1", H, "0 16384 linear 254:1 83968\n");
	expect_node(&t, 4, "vg--1-r2", V,
		    "0 16384 raid raid1 4 0 nosync region_size 4096 2 254:3 254:4 254:5 254:6\n");
	dmt_tree_free(&t);
	/* pvc gone: lvchange -ay refused lin-c; partial, then degraded r3 */
	f.missing[2] = true;
	assert_int_equal(plan_all(v.vg, "lin-c", &f, DMT_MODE_DEGRADED, false, 0, &t), -ENODEV);
	assert_int_equal(plan_at(v.vg, "lin-c", &f, DMT_MODE_PARTIAL, false,
				 (struct dmt_devnum){ 254, 2 }, &t), 0);
	expect_node(&t, 0, "vg--1-lin--c-missing_1_0", S, "0 16384 error \n");
	assert_string_equal(t.nodes[0].uuid,
			    "LVM-" RUN_VG "f1zncQENctC8F3uRGjMNYvDDyuv8Aks2-missing_1_0");
	expect_node(&t, 1, "vg--1-lin--c", V,
		    "0 8192 linear 254:0 51200\n8192 16384 linear 254:2 0\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_at(v.vg, "s3", &f, DMT_MODE_PARTIAL, false,
				 (struct dmt_devnum){ 254, 4 }, &t), 0);
	expect_node(&t, 0, "vg--1-s3-missing_0_2", S, "0 49152 error \n");
	expect_node(&t, 1, "vg--1-s3", V,
		    "0 49152 striped 3 128 254:0 34816 254:1 34816 254:4 0\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_at(v.vg, "r3", &f, DMT_MODE_DEGRADED, false,
				 (struct dmt_devnum){ 254, 6 }, &t), 0);
	assert_int_equal(t.n, 9);
	expect_node(&t, 4, "vg--1-r3_rmeta_2-missing_0_0", S, "0 8192 error \n");
	expect_node(&t, 5, "vg--1-r3_rmeta_2", H, "0 8192 linear 254:10 0\n");
	expect_node(&t, 6, "vg--1-r3_rimage_2-missing_0_0", S, "0 16384 error \n");
	expect_node(&t, 7, "vg--1-r3_rimage_2", H, "0 16384 linear 254:12 0\n");
	expect_node(&t, 8, "vg--1-r3", V, "0 16384 raid raid1 11 0 min_recovery_rate 1024 "
		    "max_recovery_rate 65536 write_mostly 1 max_write_behind 256 "
		    "region_size 4096 3 254:6 254:7 254:8 254:9 254:11 254:13\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* ------------------------------------------------------------ errors */

static void test_errors(void **state)
{
	static const char text[] = VG_HEAD("vg", "dddddddddddddddddddddddddddddddd") R3_PVS LVS
		LV("th", "llllllllllllllllllllllllllllll01", RWV, 1)
		SEG(1, 0, 1) "type = \"thin\"\n}\n" END
		LV("nr", "llllllllllllllllllllllllllllll02", RWV, 1)
		RAID1(2, 1, "region_size = 8\n", "\"nr_rimage_0\"") END
		LV("nr_rimage_0", "llllllllllllllllllllllllllllll03", RW, 1) LIN(1, 0, 2, 0, 0) END
		LV("nw", "llllllllllllllllllllllllllllll04", RWV, 1)
		RAID1(2, 1, "writebehind = 4\nregion_size = 8\n", "\"nw_rimage_0\"") END
		LV("nw_rimage_0", "llllllllllllllllllllllllllllll05", RW, 1) LIN(1, 0, 2, 0, 2) END
		LV("big", "llllllllllllllllllllllllllllll06", RWV, 1) LIN(1, 0, 1, 1, 5) END
		VG_TAIL;
	struct dmt_opts o = { .mode = DMT_MODE_COMPLETE };
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(dmt_plan(v.vg, v.vg->n_lvs, &o, &t), -EINVAL);
	assert_int_equal(plan_all(v.vg, "th", &f, DMT_MODE_PARTIAL, false, 0, &t), -EOPNOTSUPP);
	/* no lookup: every PV is missing */
	assert_int_equal(dmt_plan(v.vg, lv_index(v.vg, "big"), &o, &t), -ENODEV);
	/* a table before the devices it names exist */
	o.pv_dev = fake_pv_dev;
	o.arg = &f;
	assert_int_equal(dmt_plan(v.vg, lv_index(v.vg, "nr"), &o, &t), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(dmt_render(&t, 1), -EINVAL);
	assert_int_equal(dmt_render(&t, 2), -EINVAL);
	t.nodes[0].has_dev = true;
	t.nodes[0].dev = (struct dmt_devnum){ 253, 0 };
	assert_int_equal(dmt_render(&t, 0), 0);
	assert_int_equal(dmt_render(&t, 1), 0);
	expect_node(&t, 1, "vg-nr", V, "0 16384 raid raid1 3 0 region_size 8 1 - 253:0\n");
	dmt_tree_free(&t);
	/* a raid key that does not fit (one that is not a number fails the import, test-seg.c) */
	v.vg->lvs[lv_index(v.vg, "nw")].segs[0].stripe_size = (uint64_t)UINT32_MAX + 1;
	assert_int_equal(dmt_plan(v.vg, lv_index(v.vg, "nw"), &o, &t), 0);
	t.nodes[0].has_dev = true;
	assert_int_equal(dmt_render(&t, 1), -EINVAL);
	assert_int_equal(t.nodes[1].table.n, 0);
	dmt_tree_free(&t);
	/* raid1 needs a region size */
	v.vg->lvs[lv_index(v.vg, "nr")].segs[0].region_size = 0;
	assert_int_equal(plan_all(v.vg, "nr", &f, DMT_MODE_COMPLETE, false, 0, &t), -EINVAL);
	/* sizes and offsets that do not fit 64 bits */
	v.vg->pvs[1].pe_start = UINT64_MAX - 8192 * 5 + 1;
	assert_int_equal(dmt_plan(v.vg, lv_index(v.vg, "big"), &o, &t), 0);
	t.nodes[0].has_dev = true;
	assert_int_equal(dmt_render(&t, 0), -EOVERFLOW);
	dmt_tree_free(&t);
	v.vg->extent_size = UINT64_MAX / 2 + 1;
	assert_int_equal(plan_all(v.vg, "nw", &f, DMT_MODE_COMPLETE, false, 0, &t), -EOVERFLOW);
	vgt_free(&v);
}

/* ------------------------------------------------------------ lvm2's snapshots */

#define SNAP(name, id, count, origin, cow, chunk)                                               \
	LV(name, id, RWV, 1) SEG(1, 0, count) "type = \"snapshot\"\nchunk_size = " #chunk "\n"   \
	"origin = \"" origin "\"\ncow_store = \"" cow "\"\n}\n" END
/*
 * What lvm2 2.03.16 writes for `lvcreate -l2 -n o; lvcreate -s -l1 -n c1 vg/o;
 * lvcreate -s -pr -l1 -n c-2 --chunksize 8k vg/o; lvcreate -s -V 16M -l1 -n v`:
 * COW LVs without VISIBLE, a visible snapshotN LV each, a hidden zero origin.
 */
static const char snap_text[] = VG_HEAD("vg", "ssssssssssssssssssssssssssssssss")
	PV(0, "sssssssssssssssssssssssssssssss0") PV(1, "sssssssssssssssssssssssssssssss1") LVS
	LV("o", "oooooooooooooooooooooooooooooooo", RWV, 1) LIN(1, 0, 2, 0, 0) END
	LV("c1", "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1", RW, 1) LIN(1, 0, 1, 1, 0) END
	LV("c-2", "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2", "\"READ\"", 1) LIN(1, 0, 1, 1, 1) END
	SNAP("snapshot0", "s0s0s0s0s0s0s0s0s0s0s0s0s0s0s0s0", 2, "o", "c1", 8)
	SNAP("snapshot1", "s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1s1", 2, "o", "c-2", 16)
	LV("v_vorigin", "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv", RW, 1) SEG(1, 0, 4)
	"type = \"zero\"\n}\n" END
	LV("v", "vcvcvcvcvcvcvcvcvcvcvcvcvcvcvcvc", RW, 1) LIN(1, 0, 1, 0, 2) END
	SNAP("snapshot2", "s2s2s2s2s2s2s2s2s2s2s2s2s2s2s2s2", 4, "v_vorigin", "v", 8) VG_TAIL;

/* Node @i: name, flags, table text, UUID layer (size: its targets'). */
static void expect_snap_node(const struct dmt_tree *t, size_t i, const char *name, unsigned flags,
			     const char *text, const char *layer)
{
	struct md_buf b;

	assert_true(i < t->n);
	assert_string_equal(t->nodes[i].name, name);
	assert_int_equal(t->nodes[i].flags, flags);
	md_buf_init(&b);
	dmt_table_text(&t->nodes[i].table, &b);
	assert_string_equal(b.p ? b.p : "", text);
	md_buf_free(&b);
	assert_int_equal(t->nodes[i].table.n, 1);
	assert_int_equal(t->nodes[i].table.t[0].len, t->nodes[i].size);
	expect_uuid(t, i, layer);
}

static void expect_origin_stack(const struct dmt_tree *t)
{
	assert_int_equal(t->n, 6);
	assert_string_equal(t->vg->lvs[t->lv].name, "o");
	expect_snap_node(t, 0, "vg-o-real", H, "0 16384 linear 254:0 2048\n", "real");
	expect_snap_node(t, 1, "vg-c1-cow", H, "0 8192 linear 254:16 2048\n", "cow");
	expect_snap_node(t, 2, "vg-c1", V, "0 16384 snapshot 253:0 253:1 P 8\n", NULL);
	expect_snap_node(t, 3, "vg-c--2-cow", H, "0 8192 linear 254:16 10240\n", "cow");
	expect_snap_node(t, 4, "vg-c--2", V, "0 16384 snapshot 253:0 253:3 P 16\n", NULL);
	expect_snap_node(t, 5, "vg-o", V, "0 16384 snapshot-origin 253:0\n", NULL);
	/* what each table names: the origin its real layer, a snapshot real and COW */
	assert_true(dmt_node_uses(t, 5, 0));
	assert_false(dmt_node_uses(t, 5, 2));
	assert_true(dmt_node_uses(t, 2, 0));
	assert_true(dmt_node_uses(t, 2, 1));
	assert_false(dmt_node_uses(t, 2, 3));
	assert_true(dmt_node_uses(t, 4, 3));
	assert_false(dmt_node_uses(t, 0, 1));
}

/* The origin stack, planned from the origin, a COW LV or a snapshotN LV alike. */
static void test_snapshot_stack(void **state)
{
	static const char *const from[] = { "o", "c1", "snapshot1" };
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, snap_text);
	fake_vm(&f);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(plan_all(v.vg, from[i], &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
		expect_origin_stack(&t);
		dmt_tree_free(&t);
	}
	/* --virtualsize: a hidden zero origin, the snapshot visible */
	assert_int_equal(plan_all(v.vg, "v", &f, DMT_MODE_DEGRADED, false, 7, &t), 0);
	assert_int_equal(t.n, 4);
	expect_snap_node(&t, 0, "vg-v_vorigin-real", H, "0 32768 zero \n", "real");
	expect_snap_node(&t, 1, "vg-v-cow", H, "0 8192 linear 254:0 18432\n", "cow");
	expect_snap_node(&t, 2, "vg-v", V, "0 32768 snapshot 253:7 253:8 P 8\n", NULL);
	expect_snap_node(&t, 3, "vg-v_vorigin", H, "0 32768 snapshot-origin 253:7\n", NULL);
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* A COW LV on a missing PV: the whole stack is partial, as lvm2 refuses it. */
static void test_snapshot_partial(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, snap_text);
	fake_vm(&f);
	f.missing[1] = true;
	assert_int_equal(plan_all(v.vg, "o", &f, DMT_MODE_DEGRADED, false, 0, &t), -ENODEV);
	assert_int_equal(plan_all(v.vg, "o", &f, DMT_MODE_COMPLETE, false, 0, &t), -ENODEV);
	/* the virtual origin's snapshot is on pv0: unaffected */
	assert_int_equal(plan_all(v.vg, "v", &f, DMT_MODE_COMPLETE, false, 0, &t), 0);
	dmt_tree_free(&t);
	/* partial: the COW areas become stand-ins */
	assert_int_equal(plan_all(v.vg, "o", &f, DMT_MODE_PARTIAL, false, 0, &t), 0);
	assert_int_equal(t.n, 8);
	expect_snap_node(&t, 1, "vg-c1-missing_0_0", S, "0 8192 error \n", "missing_0_0");
	expect_snap_node(&t, 2, "vg-c1-cow", H, "0 8192 linear 253:1 0\n", "cow");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* A snapshot segment lvm2 would not read: no chunk size, an unknown COW LV. */
static void test_snapshot_bad(void **state)
{
	static const char no_chunk[] = VG_HEAD("vg", "ssssssssssssssssssssssssssssssss")
		PV(0, "sssssssssssssssssssssssssssssss0") LVS
		LV("o", "oooooooooooooooooooooooooooooooo", RWV, 1) LIN(1, 0, 2, 0, 0) END
		LV("c", "cccccccccccccccccccccccccccccccc", RW, 1) LIN(1, 0, 1, 0, 2) END
		LV("snapshot0", "s0s0s0s0s0s0s0s0s0s0s0s0s0s0s0s0", RWV, 1) SEG(1, 0, 2)
		"type = \"snapshot\"\norigin = \"o\"\ncow_store = \"c\"\n}\n" END VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, no_chunk);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "o", &f, DMT_MODE_DEGRADED, false, 0, &t), -EINVAL);
	assert_int_equal(plan_all(v.vg, "snapshot0", &f, DMT_MODE_DEGRADED, false, 0, &t), -EINVAL);
	vgt_free(&v);
}

/* lvchange -My: the LV's own device gets its fixed number, sub-devices and layers do not. */
static void test_fixed_minor(void **state)
{
	static const char text[] = VG_HEAD("vg", "ssssssssssssssssssssssssssssssss")
		PV(0, "sssssssssssssssssssssssssssssss0") LVS
		LV("f", "ffffffffffffffffffffffffffffffff", RWV ", \"FIXED_MINOR\"", 1)
		"major = 254\nminor = 123\n" LIN(1, 0, 2, 0, 0) END
		LV("d", "dddddddddddddddddddddddddddddddd", RWV, 1) LIN(1, 0, 2, 0, 2) END VG_TAIL;
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, text);
	fake_vm(&f);
	assert_int_equal(plan_all(v.vg, "f", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.nodes[0].major, 254);
	assert_int_equal(t.nodes[0].minor, 123);
	dmt_tree_free(&t);
	assert_int_equal(plan_all(v.vg, "d", &f, DMT_MODE_DEGRADED, false, 0, &t), 0);
	assert_int_equal(t.nodes[0].minor, -1);
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* ------------------------------------------------------------ old-style mirrors */

#define MIRROR(count, n, log, images)                                                           \
	SEG(1, 0, count) "type = \"mirror\"\nmirror_count = " #n "\n" log                         \
	"region_size = 4096\nmirrors = [" images "]\n}\n"
/* What lvm2 wrote for lvcreate --type mirror -m1 -L 8M (disk log) and -m2 --mirrorlog core
 * (in the VM of tests/vm/t-mirror.sh; 4 MiB extents here). */
static const char mirror_text[] = VG_HEAD("mv", "mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm")
	PV(0, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn0") PV(1, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn1")
	PV(2, "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn2") LVS
	LV("disk", "dddddddddddddddddddddddddddddddd", RWV, 1)
	MIRROR(2, 2, "mirror_log = \"disk_mlog\"\n", "\"disk_mimage_0\", 0, \"disk_mimage_1\", 0") END
	LV("three", "tttttttttttttttttttttttttttttttt", RWV ", \"NOTSYNCED\"", 1)
	MIRROR(2, 3, "", "\"three_mimage_0\", 0, \"three_mimage_1\", 0, \"three_mimage_2\", 0") END
	LV("one", "oooooooooooooooooooooooooooooooo", RWV, 1)
	MIRROR(2, 1, "", "\"one_mimage_0\", 0") END
	LV("disk_mimage_0", "ddddddddddddddddddddddddddddddi0", RW, 1) LIN(1, 0, 2, 0, 2) END
	LV("disk_mimage_1", "ddddddddddddddddddddddddddddddi1", RW, 1) LIN(1, 0, 2, 1, 2) END
	LV("disk_mlog", "ddddddddddddddddddddddddddddddlg", RW, 1) LIN(1, 0, 1, 2, 0) END
	LV("three_mimage_0", "ttttttttttttttttttttttttttttttt0", RW, 1) LIN(1, 0, 2, 0, 4) END
	LV("three_mimage_1", "ttttttttttttttttttttttttttttttt1", RW, 1) LIN(1, 0, 2, 1, 4) END
	LV("three_mimage_2", "ttttttttttttttttttttttttttttttt2", RW, 1) LIN(1, 0, 2, 2, 1) END
	LV("one_mimage_0", "ooooooooooooooooooooooooooooooo0", RW, 1) LIN(1, 0, 2, 0, 6) END
	VG_TAIL;

static int plan_mirror(const struct md_vg *vg, const char *lv, struct fake *f, enum dmt_mode mode,
		       bool nosync, bool handle_errors, struct dmt_tree *t)
{
	struct dmt_opts o = { .mode = mode, .nosync = nosync, .handle_errors = handle_errors,
			      .pv_dev = fake_pv_dev, .arg = f };
	int r = dmt_plan(vg, lv_index(vg, lv), &o, t);

	for (size_t i = 0; !r && i < t->n; i++) {
		t->nodes[i].dev = (struct dmt_devnum){ 253, (uint32_t)i };
		t->nodes[i].has_dev = true;
		assert_int_equal(dmt_render(t, i), 0);
	}
	return r;
}

/* lvm2's tables (VM): the disk log first, then the images, then the mirror. */
static void test_mirror_tables(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, mirror_text);
	fake_vm(&f);
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_COMPLETE, false, true, &t), 0);
	assert_int_equal(t.n, 4);
	expect_node(&t, 0, "mv-disk_mlog", H, "0 8192 linear 254:32 2048\n");
	expect_uuid(&t, 0, NULL);
	expect_node(&t, 1, "mv-disk_mimage_0", H, "0 16384 linear 254:0 18432\n");
	expect_node(&t, 2, "mv-disk_mimage_1", H, "0 16384 linear 254:16 18432\n");
	expect_node(&t, 3, "mv-disk", V,
		    "0 16384 mirror disk 2 253:0 4096 2 253:1 0 253:2 0 1 handle_errors\n");
	expect_uuid(&t, 3, NULL);
	assert_true(dmt_node_uses(&t, 3, 0));
	assert_true(dmt_node_uses(&t, 3, 2));
	assert_false(dmt_node_uses(&t, 1, 0));
	dmt_tree_free(&t);
	/* --monitor n: no handle_errors; a command's --nosync: one log arg more */
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_COMPLETE, true, false, &t), 0);
	expect_node(&t, 3, "mv-disk", V, "0 16384 mirror disk 3 253:0 4096 nosync 2 253:1 0 253:2 0\n");
	dmt_tree_free(&t);
	/* core log, 3 images; NOTSYNCED in the metadata does not make it nosync */
	assert_int_equal(plan_mirror(v.vg, "three", &f, DMT_MODE_COMPLETE, false, true, &t), 0);
	assert_int_equal(t.n, 4);
	expect_node(&t, 2, "mv-three_mimage_2", H, "0 16384 linear 254:32 10240\n");
	expect_node(&t, 3, "mv-three", V,
		    "0 16384 mirror core 1 4096 3 253:0 0 253:1 0 253:2 0 1 handle_errors\n");
	dmt_tree_free(&t);
	assert_int_equal(plan_mirror(v.vg, "three", &f, DMT_MODE_COMPLETE, true, true, &t), 0);
	expect_node(&t, 3, "mv-three", V,
		    "0 16384 mirror core 2 4096 nosync 3 253:0 0 253:1 0 253:2 0 1 handle_errors\n");
	dmt_tree_free(&t);
	/* one image (mid-conversion): linear over it */
	assert_int_equal(plan_mirror(v.vg, "one", &f, DMT_MODE_COMPLETE, false, true, &t), 0);
	expect_node(&t, 1, "mv-one", V, "0 16384 linear 253:0 0\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* A missing image or log: refused but in partial mode, where its area is an error device. */
static void test_mirror_partial(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;

	(void)state;
	vgt_text(&v, mirror_text);
	fake_vm(&f);
	f.missing[1] = true;
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_COMPLETE, false, true, &t), -ENODEV);
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_DEGRADED, false, true, &t), -ENODEV);
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_PARTIAL, false, true, &t), 0);
	assert_int_equal(t.n, 5);
	expect_node(&t, 2, "mv-disk_mimage_1-missing_0_0", S, "0 16384 error \n");
	expect_uuid(&t, 2, "missing_0_0");
	expect_node(&t, 3, "mv-disk_mimage_1", H, "0 16384 linear 253:2 0\n");
	expect_node(&t, 4, "mv-disk", V,
		    "0 16384 mirror disk 2 253:0 4096 2 253:1 0 253:3 0 1 handle_errors\n");
	dmt_tree_free(&t);
	f.missing[1] = false;
	f.missing[2] = true;	/* the log's PV */
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_DEGRADED, false, true, &t), -ENODEV);
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_PARTIAL, false, true, &t), 0);
	expect_node(&t, 0, "mv-disk_mlog-missing_0_0", S, "0 8192 error \n");
	expect_node(&t, 1, "mv-disk_mlog", H, "0 8192 linear 253:0 0\n");
	expect_node(&t, 4, "mv-disk", V,
		    "0 16384 mirror disk 2 253:1 4096 2 253:2 0 253:3 0 1 handle_errors\n");
	dmt_tree_free(&t);
	vgt_free(&v);
}

/* Mirrors lvm2 would not load, or that we do not map. */
static void test_mirror_bad(void **state)
{
	struct dmt_tree t;
	struct vgt v;
	struct fake f;
	struct md_cn *c;

	(void)state;
	vgt_text(&v, mirror_text);
	fake_vm(&f);
	v.vg->lvs[lv_index(v.vg, "disk")].status.known |= MD_LV_PVMOVE;
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_PARTIAL, false, true, &t),
			 -EOPNOTSUPP);
	v.vg->lvs[lv_index(v.vg, "disk")].status.known &= ~MD_LV_PVMOVE;
	/* no region size: lvm2's "Missing region size for mirror segment." */
	for (c = v.vg->lvs[lv_index(v.vg, "three")].segs[0].raw->child; c; c = c->next)
		if (!strcmp(c->key, "region_size"))
			c->key = "region_size_gone";
	assert_int_equal(plan_mirror(v.vg, "three", &f, DMT_MODE_PARTIAL, false, true, &t), -EINVAL);
	/* an image the VG does not have */
	v.vg->lvs[lv_index(v.vg, "disk_mlog")].name = "other";
	assert_int_equal(plan_mirror(v.vg, "disk", &f, DMT_MODE_PARTIAL, false, true, &t), -EINVAL);
	vgt_free(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_split_names),
		cmocka_unit_test(test_uuids_paths),
		cmocka_unit_test(test_fixture_mixed),
		cmocka_unit_test(test_vm_linear_striped),
		cmocka_unit_test(test_striped3),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_fixture_raid1),
		cmocka_unit_test(test_vm_raid1),
		cmocka_unit_test(test_raid1_3legs),
		cmocka_unit_test(test_raid1_absent_legs),
		cmocka_unit_test(test_missing_linear),
		cmocka_unit_test(test_vm_standin),
		cmocka_unit_test(test_raid1_degraded),
		cmocka_unit_test(test_vm_run),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_snapshot_stack),
		cmocka_unit_test(test_snapshot_partial),
		cmocka_unit_test(test_snapshot_bad),
		cmocka_unit_test(test_fixed_minor),
		cmocka_unit_test(test_mirror_tables),
		cmocka_unit_test(test_mirror_partial),
		cmocka_unit_test(test_mirror_bad),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
