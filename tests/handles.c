/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Handles stay valid across edits, commits and rescans (run under ASan by
 * `make asan`; tests/host/t-handles.sh drives it).
 *
 *   handles VG DEV_A DEV_B DEV_C DEV_D
 *
 * VG has PVs A, B and C, an LV "l1" on A and an LV "l2" on C; D is an
 * orphan PV.  Each step keeps the handles of the steps before and reads
 * them again; any use after free is ASan's to catch, any wrong value ours.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvolume/volume.h>

static int failures;

#define CHECK(cond, ...)                                         \
	do {                                                     \
		if (!(cond)) {                                   \
			fprintf(stderr, "FAIL line %d: ", __LINE__); \
			fprintf(stderr, __VA_ARGS__);            \
			fputc('\n', stderr);                     \
			failures++;                              \
		}                                                \
	} while (0)

static void must(int r, const char *what)
{
	if (r) {
		fprintf(stderr, "FAIL: %s: %s\n", what, strerror(-r));
		exit(1);
	}
}

static struct vol_ctx *new_ctx(const char *const *devs, size_t n, const char *dir)
{
	struct vol_ctx *ctx;
	char path[4096];

	must(vol_ctx_new(&ctx), "vol_ctx_new");
	must(vol_ctx_set_devices(ctx, devs, n), "vol_ctx_set_devices");
	snprintf(path, sizeof(path), "%s/backup", dir);
	must(vol_ctx_set_dir(ctx, VOL_DIR_BACKUP, path), "backup dir");
	snprintf(path, sizeof(path), "%s/archive", dir);
	must(vol_ctx_set_dir(ctx, VOL_DIR_ARCHIVE, path), "archive dir");
	return ctx;
}

static size_t count_lvs(struct vol_vg *vg, unsigned flags)
{
	size_t n = 0;

	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, flags); lv; lv = vol_vg_next_lv(vg, lv, flags))
		n++;
	return n;
}

int main(int argc, char **argv)
{
	struct vol_ctx *ctx;
	struct vol_vg *vg;
	struct vol_pv *pa, *pd, *orphan;
	struct vol_lv *l1, *l2;
	size_t n;
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	if (argc != 6) {
		fprintf(stderr, "usage: handles VG DEV_A DEV_B DEV_C DEV_D\n");
		return 2;
	}
	ctx = new_ctx((const char *const *)&argv[2], 4, dir);

	/* An orphan handle survives rescans, and D joining the VG. */
	must(vol_orphan_count(ctx, &n), "vol_orphan_count");
	CHECK(n == 1, "one orphan, not %zu", n);
	orphan = vol_orphan_pv(ctx, 0);
	CHECK(orphan && !strcmp(vol_pv_name(orphan), argv[5]), "the orphan is D");

	must(vol_vg_open(ctx, argv[1], VOL_OPEN_WRITE | VOL_OPEN_ORPHANS, &vg), "open");
	pa = vol_vg_pv_by_name(vg, argv[2]);
	l1 = vol_vg_lv_by_name(vg, "l1");
	l2 = vol_vg_lv_by_name(vg, "l2");
	CHECK(pa && l1 && l2, "lookups by name");
	CHECK(vol_vg_pv_by_name(vg, vol_pv_uuid(pa)) == pa, "lookup by PV UUID");
	CHECK(!vol_vg_lv_by_name(vg, "nope"), "no such LV");
	CHECK(count_lvs(vg, VOL_LV_VISIBLE) == 2, "two visible LVs");

	must(vol_vg_add_tag(vg, "kept"), "add tag");
	must(vol_vg_commit(vg), "commit 1");
	vol_ctx_rescan(ctx);
	CHECK(!strcmp(vol_pv_name(pa), argv[2]), "PV handle after a commit and a rescan");
	CHECK(!strcmp(vol_lv_name(l1), "l1") && !strcmp(vol_lv_name(l2), "l2"), "LV handles after a commit");
	CHECK(vol_vg_pv_by_name(vg, argv[2]) == pa, "the same PV handle after a commit");
	CHECK(vol_vg_lv_by_name(vg, "l1") == l1, "the same LV handle after a commit");

	must(vol_vg_extend(vg, argv[5], NULL), "extend by D");
	pd = vol_vg_pv_by_name(vg, argv[5]);
	CHECK(pd && pd != orphan, "D has a member handle");
	CHECK(vol_vg_pv_by_name(vg, argv[2]) == pa, "the same PV handle after an extend");
	must(vol_vg_commit(vg), "commit 2");
	must(vol_orphan_count(ctx, &n), "vol_orphan_count 2");
	CHECK(n == 0, "no orphan once D is in the VG, not %zu", n);
	CHECK(!strcmp(vol_pv_name(orphan), argv[5]), "the old orphan handle still reads");

	must(vol_vg_reduce(vg, argv[5]), "reduce by D");
	CHECK(!vol_vg_pv_by_name(vg, argv[5]), "D is no member after the reduce");
	CHECK(!strcmp(vol_pv_name(pd), argv[5]), "the removed PV's handle still reads");
	CHECK(vol_pv_pe_alloc_count(pd) == 0, "a removed PV allocates nothing");
	must(vol_vg_commit(vg), "commit 3");
	vol_vg_close(vg);

	/* C goes missing: dropping it drops l2, whose handle stays readable. */
	vol_ctx_free(ctx);
	ctx = new_ctx((const char *const *)&argv[2], 2, dir);
	must(vol_vg_open(ctx, argv[1], VOL_OPEN_WRITE | VOL_OPEN_PARTIAL, &vg), "open partial");
	l2 = vol_vg_lv_by_name(vg, "l2");
	CHECK(l2, "l2 before remove-missing");
	CHECK(vol_vg_remove_missing(vg, 0) == -EBUSY, "remove-missing without force refuses");
	must(vol_vg_remove_missing(vg, VOL_FORCE), "remove-missing with force");
	CHECK(l2 && !strcmp(vol_lv_name(l2), "l2"), "the dropped LV's handle still reads");
	CHECK(!vol_vg_lv_by_name(vg, "l2"), "l2 is gone from the VG");
	CHECK(count_lvs(vg, VOL_LV_ALL) == 1, "one LV left");
	CHECK(!vol_vg_next_lv(vg, l2, VOL_LV_ALL), "iterating from a removed LV ends");
	must(vol_vg_commit(vg), "commit 4");
	vol_vg_close(vg);
	vol_ctx_free(ctx);
	printf("handles: %d failure(s)\n", failures);
	return failures ? 1 : 0;
}
