/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* VG/LV name rules, tags, reserved LV names and UUIDs. */
#include "unit.h"

static void name_ok(const char *n)
{
	const char *why = NULL;

	if (md_name_check(n, &why))
		fail_msg("name \"%s\" rejected: %s", n, why);
}

static void name_bad(const char *n, const char *reason)
{
	const char *why = NULL;

	if (md_name_check(n, &why) != -EINVAL)
		fail_msg("name \"%s\" accepted", n);
	assert_non_null(why);
	if (reason && !strstr(why, reason))
		fail_msg("name \"%s\": reason \"%s\" lacks \"%s\"", n, why, reason);
}

static void test_name_check(void **state)
{
	char n[MD_NAME_LEN + 2];

	(void)state;
	name_ok("vg0");
	name_ok("fx_mixed");
	name_ok("a");
	name_ok("A-Za-z0-9+_.-");
	name_ok("...");		/* only "." and ".." are special */
	name_ok(".hidden");
	name_ok("_");
	name_ok("+plus");
	name_ok("trailing-");

	name_bad("", "empty");
	name_bad(".", "\".\"");
	name_bad("..", "\"..\"");
	name_bad("-lead", "'-'");
	name_bad("-", "'-'");
	name_bad("a/b", "may only contain");
	name_bad("/", "may only contain");
	name_bad("a b", "may only contain");
	name_bad(" a", "may only contain");
	name_bad("tab\t", "may only contain");
	name_bad("a@b", "may only contain");
	name_bad("quote\"", "may only contain");
	name_bad("ütf8", "may only contain");
	name_bad("x\n", "may only contain");

	memset(n, 'a', MD_NAME_LEN - 1);
	n[MD_NAME_LEN - 1] = '\0';
	assert_int_equal(strlen(n), 127);
	name_ok(n);
	n[MD_NAME_LEN - 1] = 'a';
	n[MD_NAME_LEN] = '\0';
	assert_int_equal(strlen(n), 128);
	name_bad(n, "127");
}

/* lvm2's validate_tag: the characters only (no length limit, a leading '-' allowed). */
static void test_tag_check(void **state)
{
	const char *why;
	char *t;

	(void)state;
	assert_int_equal(md_tag_check("vgtag", &why), 0);
	assert_int_equal(md_tag_check("A-Za-z0-9._+/=!:&#", &why), 0);
	assert_int_equal(md_tag_check("owner=me:team/x", &why), 0);
	why = NULL;
	assert_int_equal(md_tag_check("", &why), -EINVAL);
	assert_non_null(why);
	why = NULL;
	assert_int_equal(md_tag_check("has space", &why), -EINVAL);
	assert_non_null(why);
	assert_int_equal(md_tag_check("comma,tag", &why), -EINVAL);
	assert_int_equal(md_tag_check("at@", &why), -EINVAL);
	assert_int_equal(md_tag_check("dollar$", &why), -EINVAL);
	assert_int_equal(md_tag_check("quote\"", &why), -EINVAL);
	assert_int_equal(md_tag_check("star*", &why), -EINVAL);
	assert_int_equal(md_tag_check("back\\slash", &why), -EINVAL);
	assert_int_equal(md_tag_check("caf\xc3\xa9", &why), -EINVAL);	/* non-ASCII */
	assert_int_equal(md_tag_check("tab\t", &why), -EINVAL);
	/* what lvm2 accepts and the old rules did not */
	assert_int_equal(md_tag_check("-lead", &why), 0);
	assert_int_equal(md_tag_check("-", &why), 0);
	assert_int_equal(md_tag_check("#", &why), 0);
	/* 131071 characters, one --addtag argument at the kernel's limit */
	t = xmalloc(131072);
	memset(t, 't', 131071);
	t[131071] = '\0';
	assert_int_equal(md_tag_check(t, &why), 0);
	t[70000] = ' ';
	assert_int_equal(md_tag_check(t, &why), -EINVAL);
	free(t);
}

static void test_reserved(void **state)
{
	static const char *const parts[] = {
		"_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_wcorig", "_mimage", "_mlog",
		"_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_imeta", "_iorig",
		"_pmspare", "_vorigin",
	};
	const char *why;

	(void)state;
	why = NULL;
	assert_true(md_lv_name_reserved("snapshot", &why));
	assert_non_null(strstr(why, "snapshot"));
	assert_true(md_lv_name_reserved("snapshot1", &why));
	assert_true(md_lv_name_reserved("pvmove0", &why));
	assert_true(md_lv_name_reserved("pvmove", &why));
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		char n[64];

		snprintf(n, sizeof(n), "lv%s", parts[i]);
		why = NULL;
		if (!md_lv_name_reserved(n, &why))
			fail_msg("%s is not reserved", n);
		assert_non_null(why);
		snprintf(n, sizeof(n), "x%s_0y", parts[i]);
		assert_true(md_lv_name_reserved(n, &why));
		/* the same letters without the underscore are fine */
		snprintf(n, sizeof(n), "lv%s", parts[i] + 1);
		if (md_lv_name_reserved(n, &why))
			fail_msg("%s is reserved: %s", n, why);
	}
	assert_true(md_lv_name_reserved("r1_rimage_0", &why));
	assert_true(md_lv_name_reserved("r1_rmeta_0", &why));
	assert_true(md_lv_name_reserved("lvol0_pmspare", &why));

	assert_false(md_lv_name_reserved("lvol0", &why));
	assert_false(md_lv_name_reserved("lv", &why));
	assert_false(md_lv_name_reserved("mysnapshot", &why));	/* a prefix rule only */
	assert_false(md_lv_name_reserved("my_pvmove", &why));
	assert_false(md_lv_name_reserved("Snapshot", &why));
	assert_false(md_lv_name_reserved("data_rim", &why));
	assert_false(md_lv_name_reserved("lvmlock", &why));
}

static void test_uuid_format_parse(void **state)
{
	static const char raw[] = "yXpcdMexVc8IcuVIDNyXqLgQ1oQYKwqx";
	char out[MD_UUID_STR_SIZE], back[MD_UUID_LEN + 1];

	(void)state;
	md_uuid_format(raw, out);
	assert_string_equal(out, "yXpcdM-exVc-8Icu-VIDN-yXqL-gQ1o-QYKwqx");
	assert_int_equal(strlen(out), 38);
	assert_int_equal(md_uuid_parse(out, back), 0);
	assert_string_equal(back, raw);
	assert_int_equal(md_uuid_parse(raw, back), 0);	/* raw is accepted too */
	assert_string_equal(back, raw);
	/* the reader drops every hyphen, wherever it is */
	assert_int_equal(md_uuid_parse("-yXpcdMexVc8IcuVIDNyXqLgQ1oQYK--wqx-", back), 0);
	assert_string_equal(back, raw);
	/* '!' and '#' are readable, never generated */
	assert_int_equal(md_uuid_parse("!#0000-0000-0000-0000-0000-0000-0000##", back), 0);
	assert_string_equal(back, "!#0000000000000000000000000000##");

	memset(back, 'Z', sizeof(back));
	assert_int_equal(md_uuid_parse("yXpcdM-exVc-8Icu-VIDN-yXqL-gQ1o-QYKwq", back), -EINVAL);
	assert_int_equal(md_uuid_parse("yXpcdM-exVc-8Icu-VIDN-yXqL-gQ1o-QYKwqxx", back), -EINVAL);
	assert_int_equal(md_uuid_parse("yXpcdM-exVc-8Icu-VIDN-yXqL-gQ1o-QYKwq$", back), -EINVAL);
	assert_int_equal(md_uuid_parse("yXpcdM exVc-8Icu-VIDN-yXqL-gQ1o-QYKwqx", back), -EINVAL);
	assert_int_equal(md_uuid_parse("yXpcdM_exVc8IcuVIDNyXqLgQ1oQYKwqx", back), -EINVAL);
	assert_int_equal(md_uuid_parse("", back), -EINVAL);
	assert_int_equal(md_uuid_parse("------", back), -EINVAL);
	/* a very long input never overruns the 33-byte output */
	{
		char longid[200];

		memset(longid, 'a', sizeof(longid) - 1);
		longid[sizeof(longid) - 1] = '\0';
		assert_int_equal(md_uuid_parse(longid, back), -EINVAL);
	}

	assert_true(md_uuid_valid(raw, 32));
	assert_false(md_uuid_valid(raw, 31));
	assert_false(md_uuid_valid(out, 38));
	assert_true(md_uuid_valid("!#000000000000000000000000000000", 32));
	assert_false(md_uuid_valid("-0000000000000000000000000000000", 32));
	assert_false(md_uuid_valid("0000000000000000000000000000000\0", 32));
}

static void test_uuid_from_bytes(void **state)
{
	static const char alphabet[] =
		"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned char bytes[MD_UUID_LEN];
	char id[MD_UUID_LEN + 1], fmt[MD_UUID_STR_SIZE], back[MD_UUID_LEN + 1];
	uint32_t x = 1;

	(void)state;
	for (unsigned i = 0; i < MD_UUID_LEN; i++)
		bytes[i] = (unsigned char)i;
	md_uuid_from_bytes(bytes, id);
	assert_int_equal(strlen(id), 32);
	assert_memory_equal(id, alphabet, 32);
	bytes[0] = 61;
	bytes[1] = 62;	/* mod 62 */
	bytes[2] = 255;	/* 255 % 62 = 7 */
	md_uuid_from_bytes(bytes, id);
	assert_int_equal(id[0], 'Z');
	assert_int_equal(id[1], '0');
	assert_int_equal(id[2], '7');

	for (int round = 0; round < 200; round++) {
		for (unsigned i = 0; i < MD_UUID_LEN; i++) {
			x = x * 1664525u + 1013904223u;
			bytes[i] = (unsigned char)(x >> 24);
		}
		md_uuid_from_bytes(bytes, id);
		assert_true(md_uuid_valid(id, MD_UUID_LEN));
		for (unsigned i = 0; i < MD_UUID_LEN; i++)
			assert_non_null(strchr(alphabet, id[i]));
		md_uuid_format(id, fmt);
		assert_int_equal(md_uuid_parse(fmt, back), 0);
		assert_string_equal(back, id);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_check),
		cmocka_unit_test(test_tag_check),
		cmocka_unit_test(test_reserved),
		cmocka_unit_test(test_uuid_format_parse),
		cmocka_unit_test(test_uuid_from_bytes),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
