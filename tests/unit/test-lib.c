/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Library pieces that need no device: the PV layout (against lvm2's
 * placements, see lvm2-format.md §2), the device-mapper seam with a fake
 * ops table, and messages logged on worker threads reaching the caller's.
 */
#include <pthread.h>

#include "unit.h"

#include "ctx.h"
#include "dm.h"
#include "io.h"
#include "layout.h"

static void layout_of(uint64_t dev, const struct vol_pv_params *p, struct pv_layout *l)
{
	const char *why = NULL;

	assert_int_equal(pv_layout_compute(p, dev, l, &why), 0);
}

static void test_layout_default(void **state)
{
	struct vol_pv_params p;
	struct pv_layout l;

	(void)state;
	vol_pv_params_init(&p);
	layout_of(64 * 1048576ull, &p, &l);
	assert_int_equal(l.n_mda, 1);
	assert_int_equal(l.mda[0].offset, 4096);
	assert_int_equal(l.mda[0].size, 1044480);
	assert_int_equal(l.pe_start, 1048576);
	assert_int_equal(l.ba_size, 0);
	assert_int_equal(pv_layout_pe_count(&l, 4 * 1048576ull), 15);
}

static void test_layout_two_mdas_ba(void **state)
{
	struct vol_pv_params p;
	struct pv_layout l;

	(void)state;
	vol_pv_params_init(&p);
	p.metadata_copies = 2;
	p.bootloader_size = 1048576;
	layout_of(64 * 1048576ull, &p, &l);
	assert_int_equal(l.n_mda, 2);
	assert_int_equal(l.mda[0].offset, 4096);
	assert_int_equal(l.mda[0].size, 1044480);
	assert_int_equal(l.mda[1].offset, 66060288);
	assert_int_equal(l.mda[1].size, 1048576);
	assert_int_equal(l.ba_start, 1048576);
	assert_int_equal(l.ba_size, 1048576);
	assert_int_equal(l.pe_start, 2 * 1048576);
}

static void test_layout_no_mda(void **state)
{
	struct vol_pv_params p;
	struct pv_layout l;

	(void)state;
	vol_pv_params_init(&p);
	p.metadata_copies = 0;
	layout_of(64 * 1048576ull, &p, &l);
	assert_int_equal(l.n_mda, 0);
	assert_int_equal(l.pe_start, 1048576);
}

static void test_layout_refusals(void **state)
{
	struct vol_pv_params p;
	struct pv_layout l;
	const char *why = NULL;

	(void)state;
	vol_pv_params_init(&p);
	p.metadata_copies = 3;
	assert_int_equal(pv_layout_compute(&p, 64 * 1048576ull, &l, &why), -EINVAL);
	assert_non_null(why);
	vol_pv_params_init(&p);
	p.data_alignment = 1000;
	assert_int_equal(pv_layout_compute(&p, 64 * 1048576ull, &l, &why), -EINVAL);
	vol_pv_params_init(&p);
	p.bootloader_size = 64 * 1048576ull + 1;
	assert_int_equal(pv_layout_compute(&p, 64 * 1048576ull, &l, &why), -EINVAL);
	assert_string_equal(why, "Bootloader area with data-aligned start must not exceed device size");
	vol_pv_params_init(&p);
	p.metadata_size = 128 * 1048576ull;
	p.metadata_copies = 2;
	assert_int_equal(pv_layout_compute(&p, 64 * 1048576ull, &l, &why), -EINVAL);
}

/* An mda0 larger than the device shrinks as lvm2 shrinks it (pvcreate
 * --metadatasize of the device's size: a PV with no extents). */
static void test_layout_mda_limited(void **state)
{
	struct vol_pv_params p;
	struct pv_layout l;

	(void)state;
	vol_pv_params_init(&p);
	p.metadata_size = 128 * 1048576ull;
	layout_of(64 * 1048576ull, &p, &l);
	assert_int_equal(l.pe_start, 62 * 1048576ull);
	assert_int_equal(l.mda[0].offset, 4096);
	assert_int_equal(l.mda[0].size, 62 * 1048576ull - 4096);
	vol_pv_params_init(&p);
	p.metadata_size = 34 * 1048576ull;
	layout_of(34 * 1048576ull, &p, &l);
	assert_int_equal(l.pe_start, 32 * 1048576ull);
	vol_pv_params_init(&p);
	p.metadata_size = 3 * 1048576ull;
	layout_of(3 * 1048576ull, &p, &l);
	assert_int_equal(l.pe_start, 1048576ull);	/* lvm2 2.03.16 gives this too */
}

/* ---------------------------------------------------------------- dm seam */

static int fake_calls;

static int fake_driver(struct vol_ctx *ctx, char *buf, size_t len)
{
	(void)ctx;
	fake_calls++;
	snprintf(buf, len, "4.99.0");
	return 0;
}

static int fake_library(struct vol_ctx *ctx, char *buf, size_t len)
{
	(void)ctx;
	fake_calls++;
	snprintf(buf, len, "1.02.999");
	return 0;
}

static int fake_targets(struct vol_ctx *ctx, void (*fn)(const struct vol_dm_target *t, void *usr),
			void *usr)
{
	const struct vol_dm_target t[] = { { "linear", { 1, 4, 0 } }, { "raid", { 1, 15, 1 } } };

	(void)ctx;
	fake_calls++;
	for (size_t i = 0; i < 2; i++)
		fn(&t[i], usr);
	return 0;
}

static void count_target(const struct vol_dm_target *t, void *usr)
{
	assert_true(!strcmp(t->name, "linear") || !strcmp(t->name, "raid"));
	(*(int *)usr)++;
}

static void test_dm_fake_ops(void **state)
{
	const struct dm_ops fake = {
		.driver_version = fake_driver, .library_version = fake_library,
		.targets = fake_targets,
	};
	struct vol_dm_info info;
	struct vol_ctx *ctx;
	int n = 0;

	(void)state;
	assert_int_equal(vol_ctx_new(&ctx), 0);
	ctx_set_dm_ops(ctx, &fake);
	assert_int_equal(vol_dm_info(ctx, &info), 0);
	assert_true(info.have_driver);
	assert_string_equal(info.driver, "4.99.0");
	assert_string_equal(info.library, "1.02.999");
	assert_int_equal(vol_dm_targets(ctx, count_target, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(fake_calls, 3);
	vol_ctx_free(ctx);
}

/* ---------------------------------------------------------------- log threads */

struct seen {
	pthread_t caller;
	int n, wrong_thread;
};

static void record(const struct vol_log_info *m, void *usr)
{
	struct seen *s = usr;

	(void)m;
	s->n++;
	if (!pthread_equal(pthread_self(), s->caller))
		s->wrong_thread++;
}

static int log_job(size_t i, void *arg)
{
	log_err(arg, "job %zu", i);
	return 0;
}

static void test_log_from_workers(void **state)
{
	struct seen s = { pthread_self(), 0, 0 };
	struct vol_ctx *ctx;

	(void)state;
	assert_int_equal(vol_ctx_new(&ctx), 0);
	vol_ctx_set_log(ctx, record, &s);
	for (int round = 0; round < 20; round++)
		assert_int_equal(io_parallel(ctx, 64, log_job, ctx), 0);
	assert_int_equal(s.n, 20 * 64);
	assert_int_equal(s.wrong_thread, 0);
	vol_ctx_free(ctx);
}

/* pvcreate --restorefile with two areas: the second after the restored data. */
static void test_layout_restore_end_mda(void **state)
{
	const uint64_t M = 1048576ull;
	struct pv_layout l = { .dev_size = 64 * M };

	(void)state;
	/* room: pe_start-sized (1 MiB), at the end, start on the alignment */
	assert_int_equal(pv_layout_restore_end_mda(&l, 48 * M, M, M), 0);
	assert_int_equal(l.n_mda, 2);
	assert_int_equal(l.mda[1].offset, 63 * M);
	assert_int_equal(l.mda[1].size, M);
	/* an odd device size: the start is rounded down to the alignment */
	l = (struct pv_layout){ .dev_size = 64 * M + 4096 };
	assert_int_equal(pv_layout_restore_end_mda(&l, 48 * M, M, M), 0);
	assert_int_equal(l.mda[1].offset, 63 * M);
	assert_int_equal(l.mda[1].size, M + 4096);
	/* less room than asked: all of it, unaligned */
	l = (struct pv_layout){ .dev_size = 64 * M };
	assert_int_equal(pv_layout_restore_end_mda(&l, 64 * M - 65536, M, M), 0);
	assert_int_equal(l.mda[1].offset, 64 * M - 65536);
	assert_int_equal(l.mda[1].size, 65536);
	/* under the minimum, or none at all */
	assert_int_equal(pv_layout_restore_end_mda(&l, 64 * M - 4096, M, M), -ERANGE);
	assert_int_equal(l.mda[1].size, 4096);
	assert_int_equal(pv_layout_restore_end_mda(&l, 64 * M, M, M), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_default),
		cmocka_unit_test(test_layout_two_mdas_ba),
		cmocka_unit_test(test_layout_no_mda),
		cmocka_unit_test(test_layout_refusals),
		cmocka_unit_test(test_layout_mda_limited),
		cmocka_unit_test(test_layout_restore_end_mda),
		cmocka_unit_test(test_dm_fake_ops),
		cmocka_unit_test(test_log_from_workers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
