/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lvm2's devices file: the parser (read as lvm2 2.03.16 reads it) and the writer. */
#include "unit.h"

#include "devfile.h"

#define PVID_A "ZRrwlqvdM5mX7uOGKwpXp7BkgkqyBciW"
#define PVID_B "ON5YDJJHy0fWFzt5oXb7bKPwfnYt1Pvw"

/* Written by lvm2 2.03.16 (lvmdevices --adddev, pvcreate, then vgcreate). */
static const char lvm2_file[] =
	"# LVM uses devices listed in this file.\n"
	"# Created by LVM command vgcreate pid 16357 at Mon Dec  7 14:03:25 2026\n"
	"VERSION=1.1.4\n"
	"IDTYPE=loop_file IDNAME=/tmp/dfx/d1.img DEVNAME=/dev/loop7 PVID=" PVID_B "\n"
	"IDTYPE=loop_file IDNAME=/tmp/dfx/d0.img DEVNAME=/dev/loop6 PVID=" PVID_A "\n"
	"IDTYPE=sys_wwid IDNAME=naa.5000c500a1b2c3d4 DEVNAME=/dev/sda2 PVID=. PART=2\n"
	"IDTYPE=devname IDNAME=. DEVNAME=/dev/loop9 PVID=AJI0c44bCDv5u3ER37YXwj1NXEqi92tN\n";

static struct md_devfile parse(const char *text, size_t len)
{
	struct md_devfile f;

	assert_int_equal(md_devfile_parse(text, len, &f), 0);
	return f;
}

static struct md_devfile parse_str(const char *text)
{
	return parse(text, strlen(text));
}

static void assert_str_or_null(const char *got, const char *want)
{
	if (!want)
		assert_null(got);
	else
		assert_non_null(got), assert_string_equal(got, want);
}

static void assert_entry(const struct md_dfent *e, enum md_idtype type, const char *idname,
			 const char *devname, const char *pvid, int part)
{
	assert_int_equal(e->type, type);
	assert_str_or_null(e->idname, idname);
	assert_str_or_null(e->devname, devname);
	assert_str_or_null(e->pvid, pvid);
	assert_int_equal(e->part, part);
}

static void test_lvm2_file(void **state)
{
	struct md_devfile f = parse_str(lvm2_file);
	unsigned v[3];

	(void)state;
	assert_int_equal(f.n, 4);
	assert_null(f.systemid);
	assert_string_equal(f.version, "1.1.4");
	assert_int_equal(md_devfile_version(&f, v), 0);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], 1);
	assert_int_equal(v[2], 4);
	assert_entry(&f.ent[0], MD_ID_LOOP_FILE, "/tmp/dfx/d1.img", "/dev/loop7", PVID_B, 0);
	assert_entry(&f.ent[1], MD_ID_LOOP_FILE, "/tmp/dfx/d0.img", "/dev/loop6", PVID_A, 0);
	assert_entry(&f.ent[2], MD_ID_SYS_WWID, "naa.5000c500a1b2c3d4", "/dev/sda2", NULL, 2);
	/* lvm2 clears IDNAME of a devname entry it found on the wrong device. */
	assert_entry(&f.ent[3], MD_ID_DEVNAME, NULL, "/dev/loop9", "AJI0c44bCDv5u3ER37YXwj1NXEqi92tN", 0);
	md_devfile_free(&f);
}

/* Only IDTYPE and IDNAME are required; anything else may be missing or ".". */
static void test_missing_values(void **state)
{
	struct md_devfile f = parse_str("IDTYPE=devname IDNAME=/dev/loop7\n"
					"IDTYPE=loop_file IDNAME=/a DEVNAME=. PVID=. PART=.\n"
					"IDTYPE=loop_file IDNAME=.hidden DEVNAME=.x PVID=\n"
					"IDTYPE=loop_file DEVNAME=/dev/loop1 PVID=" PVID_A "\n"
					"IDNAME=/b DEVNAME=/dev/loop2\n"
					"DEVNAME=/dev/loop3 PVID=" PVID_A "\n"
					"just words\n"
					"\n");

	(void)state;
	assert_int_equal(f.n, 3);
	assert_entry(&f.ent[0], MD_ID_DEVNAME, "/dev/loop7", NULL, NULL, 0);
	assert_entry(&f.ent[1], MD_ID_LOOP_FILE, "/a", NULL, NULL, 0);
	/* A value starting with '.' is no value, as in lvm2. */
	assert_entry(&f.ent[2], MD_ID_LOOP_FILE, NULL, NULL, NULL, 0);
	assert_null(f.version);
	md_devfile_free(&f);
}

/* Keys anywhere in the line, spaces after '=' skipped, a value ends at a
 * space or newline only. */
static void test_lvm2_reading_quirks(void **state)
{
	struct md_devfile f = parse_str("   IDTYPE=loop_file   IDNAME=   /tmp/d2.img   xx DEVNAME=/dev/loop8\n"
					"PVID=" PVID_A " IDNAME=/x IDTYPE=devname\n"
					"IDTYPE IDNAME=/y\n"
					"IDTYPE=devname IDNAME=/dev/a\tb DEVNAME=/dev/a\r\n"
					" # IDTYPE=devname IDNAME=/dev/c\n"
					"# IDTYPE=devname IDNAME=/dev/d\n"
					"IDTYPE=md_uuid IDNAME=u1 PART=3x\n"
					"IDTYPE=loop_file IDNAME=/e PVID=" PVID_B " PVID=" PVID_A "\n");

	(void)state;
	assert_int_equal(f.n, 7);
	assert_entry(&f.ent[0], MD_ID_LOOP_FILE, "/tmp/d2.img", "/dev/loop8", NULL, 0);
	assert_entry(&f.ent[1], MD_ID_DEVNAME, "/x", NULL, PVID_A, 0);
	/* "IDTYPE" without '=': its value is the next one in the line. */
	assert_int_equal(f.ent[2].type, MD_ID_UNKNOWN);
	assert_string_equal(f.ent[2].type_name, "/y");
	assert_string_equal(f.ent[2].idname, "/y");
	assert_entry(&f.ent[3], MD_ID_DEVNAME, "/dev/a\tb", "/dev/a\r", NULL, 0);
	/* '#' ends nothing but in the first column. */
	assert_entry(&f.ent[4], MD_ID_DEVNAME, "/dev/c", NULL, NULL, 0);
	assert_entry(&f.ent[5], MD_ID_MD_UUID, "u1", NULL, NULL, 3);
	/* The first occurrence of a key counts. */
	assert_entry(&f.ent[6], MD_ID_LOOP_FILE, "/e", NULL, PVID_B, 0);
	md_devfile_free(&f);
}

static void test_idtypes(void **state)
{
	static const char *const names[] = { "sys_wwid", "sys_serial", "devname", "mpath_uuid",
					      "crypt_uuid", "lvmlv_uuid", "md_uuid", "loop_file" };
	struct md_devfile f = parse_str("IDTYPE=bogus IDNAME=/x\nIDTYPE=LOOP_FILE IDNAME=/y\nIDTYPE= IDNAME=/z\n");

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		enum md_idtype t = md_idtype_parse(names[i]);

		assert_int_not_equal(t, MD_ID_UNKNOWN);
		assert_string_equal(md_idtype_name(t), names[i]);
	}
	assert_string_equal(md_idtype_name(MD_ID_UNKNOWN), "unknown");
	assert_int_equal(f.n, 3);
	assert_int_equal(f.ent[0].type, MD_ID_UNKNOWN);
	assert_string_equal(f.ent[0].type_name, "bogus");
	assert_int_equal(f.ent[1].type, MD_ID_UNKNOWN);	/* names are case-sensitive */
	/* Spaces after '=' are skipped even into the next key, as lvm2 does. */
	assert_int_equal(f.ent[2].type, MD_ID_UNKNOWN);
	assert_string_equal(f.ent[2].type_name, "IDNAME=/z");
	assert_string_equal(f.ent[2].idname, "/z");
	md_devfile_free(&f);
}

static void test_systemid_version(void **state)
{
	struct md_devfile f = parse_str("SYSTEMID=host1\nVERSION=1.1.2\nSYSTEMID=host2\nVERSION=1.1.9\n");
	struct md_devfile g = parse_str("SYSTEMID\nVERSION=\n");
	struct md_devfile h = parse_str("VERSION=1.1\n");
	struct md_devfile k = parse_str("VERSION=2.0.5 junk\n");
	unsigned v[3];

	(void)state;
	/* The last line of each kind wins. */
	assert_string_equal(f.systemid, "host2");
	assert_string_equal(f.version, "1.1.9");
	assert_int_equal(md_devfile_version(&f, v), 0);
	assert_int_equal(v[2], 9);
	/* A SYSTEMID line without a value is there, empty; an empty VERSION is none. */
	assert_non_null(g.systemid);
	assert_string_equal(g.systemid, "");
	assert_null(g.version);
	assert_int_equal(md_devfile_version(&g, v), 0);
	assert_int_equal(v[0] + v[1] + v[2], 0);
	assert_int_equal(md_devfile_version(&h, v), -EINVAL);
	assert_int_equal(md_devfile_version(&k, v), 0);
	assert_int_equal(v[0], 2);
	assert_int_equal(v[2], 5);
	md_devfile_free(&f);
	md_devfile_free(&g);
	md_devfile_free(&h);
	md_devfile_free(&k);
}

/* lvm2 reads 4095 bytes at a time: the rest of a longer line is a line of its own. */
static void test_long_line(void **state)
{
	size_t pad = MD_DEVFILE_LINE_MAX - 1;
	const char *tail = "IDTYPE=devname IDNAME=/dev/tail\n";
	char *text = malloc(pad + strlen(tail) + 64);
	struct md_devfile f;

	(void)state;
	assert_non_null(text);
	memset(text, 'x', pad);
	strcpy(text + pad, tail);
	f = parse(text, strlen(text));
	assert_int_equal(f.n, 1);
	assert_entry(&f.ent[0], MD_ID_DEVNAME, "/dev/tail", NULL, NULL, 0);
	md_devfile_free(&f);
	/* One byte less: the keys sit in the first piece's tail, cut. */
	memset(text, 'x', pad);
	memcpy(text + pad - 10, "IDTYPE=dev", 10);
	strcpy(text + pad, "name IDNAME=/dev/t2\n");
	f = parse(text, strlen(text));
	assert_int_equal(f.n, 0);
	md_devfile_free(&f);
	free(text);
}

/* A NUL byte ends what lvm2 sees of a line. */
static void test_nul_and_empty(void **state)
{
	static const char text[] = "IDTYPE=devname\0 IDNAME=/x\nIDTYPE=devname IDNAME=/y\0junk\n";
	struct md_devfile f = parse(text, sizeof(text) - 1);
	struct md_devfile e = parse("", 0);

	(void)state;
	assert_int_equal(f.n, 1);
	assert_entry(&f.ent[0], MD_ID_DEVNAME, "/y", NULL, NULL, 0);
	assert_int_equal(e.n, 0);
	md_devfile_free(&f);
	md_devfile_free(&e);
}

static void test_format(void **state)
{
	struct md_devfile f = { 0 };
	char *text;
	size_t len;

	(void)state;
	assert_non_null(md_devfile_add(&f, MD_ID_LOOP_FILE, "/img/a b", "/dev/loop3", PVID_A, 0));
	assert_non_null(md_devfile_add(&f, MD_ID_SYS_WWID, "naa.1", "sda2", NULL, 2));
	assert_non_null(md_devfile_add(&f, MD_ID_DEVNAME, NULL, NULL, PVID_B, 0));
	assert_non_null(md_devfile_add(&f, MD_ID_UNKNOWN, "/z", "/dev/z", "", 0));
	assert_int_equal(md_dfent_set(&f.ent[3].type_name, "newer_kind"), 0);
	assert_int_equal(md_devfile_format(&f, "# head\n", "host\n1", 7, &text, &len), 0);
	assert_int_equal(len, strlen(text));
	assert_string_equal(text, "# head\n"
				  "SYSTEMID=host_1\n"
				  "VERSION=1.1.7\n"
				  "IDTYPE=loop_file IDNAME=/img/a_b DEVNAME=/dev/loop3 PVID=" PVID_A "\n"
				  "IDTYPE=sys_wwid IDNAME=naa.1 DEVNAME=. PVID=. PART=2\n"
				  "IDTYPE=devname IDNAME=. DEVNAME=. PVID=" PVID_B "\n"
				  "IDTYPE=newer_kind IDNAME=/z DEVNAME=/dev/z PVID=.\n");
	free(text);
	md_devfile_free(&f);
}

/* What the writer writes, the parser reads back to the same entries. */
static void test_round_trip(void **state)
{
	struct md_devfile f = parse_str(lvm2_file), g;
	char *text;
	size_t len;

	(void)state;
	assert_int_equal(md_devfile_format(&f, NULL, NULL, 5, &text, &len), 0);
	g = parse(text, len);
	assert_int_equal(g.n, f.n);
	for (size_t i = 0; i < f.n; i++)
		assert_entry(&g.ent[i], f.ent[i].type, f.ent[i].idname, f.ent[i].devname, f.ent[i].pvid,
			     f.ent[i].part);
	assert_string_equal(g.version, "1.1.5");
	assert_null(g.systemid);
	free(text);
	md_devfile_free(&f);
	md_devfile_free(&g);
}

static void test_move_last(void **state)
{
	struct md_devfile f = parse_str("IDTYPE=devname IDNAME=/a\nIDTYPE=devname IDNAME=/b\n"
					"IDTYPE=devname IDNAME=/c\n");

	(void)state;
	md_devfile_move_last(&f, 0);
	assert_string_equal(f.ent[0].idname, "/b");
	assert_string_equal(f.ent[1].idname, "/c");
	assert_string_equal(f.ent[2].idname, "/a");
	md_devfile_move_last(&f, 2);
	assert_string_equal(f.ent[2].idname, "/a");
	md_devfile_move_last(&f, 9);	/* out of range: nothing */
	assert_string_equal(f.ent[0].idname, "/b");
	md_devfile_free(&f);
}

static void test_names(void **state)
{
	static const char *const good[] = { "system.devices", "a", "x+y_z-1.devices", "..a", ".a" };
	static const char *const bad[] = { "", ".", "..", "-a", "a/b", "/etc/x", "a b", "é" };
	char longest[129];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(md_devfile_name_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(md_devfile_name_valid(bad[i]));
	assert_false(md_devfile_name_valid(NULL));
	memset(longest, 'n', sizeof(longest));
	longest[127] = '\0';
	assert_true(md_devfile_name_valid(longest));
	longest[127] = 'n';
	longest[128] = '\0';
	assert_false(md_devfile_name_valid(longest));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lvm2_file),
		cmocka_unit_test(test_missing_values),
		cmocka_unit_test(test_lvm2_reading_quirks),
		cmocka_unit_test(test_idtypes),
		cmocka_unit_test(test_systemid_version),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_nul_and_empty),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_move_last),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("devfile", tests, NULL, NULL);
}
