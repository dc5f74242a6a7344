/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LV -> device-mapper tables (libvolume/table.c) as strings, against what
 * lvm2 2.03.16 loaded in a VM (lvm2-format.md §16) and against the layouts
 * of the lvm2-made fixtures, with device numbers from a fake lookup.
 */
#include "unit.h"
#include "table.h"

/* The ids lvm2 gave VG vg-1 in the VM of lvm2-format.md §16.1 (others made up). */
#define VM_VG "lOElQ1JNniYCnBoX45MH2lyL6YcKzE2L"
#define VM_LV_A "uLgFayooS3DmCDlNiDaMz6AvJkBVLGkZ"
#define VM_LV_R "L4ClugbQu5iCl9laBFNV0dTRDOA45lLR"
#define VM_RIMAGE0 "bY400fA0p87DPSaAj876PzlFXdlJB7eh"
#define VM_RMETA0 "8WzDkUUL22mK3vSWxiMKw7r1Y1kA82pi"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_uuids_paths),
	};

	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
