/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The smallest complete libvolume program: create a VG on the given
 * devices through the public API alone, then read it back.
 * Build against an installed library:
 *   cc example.c $(pkg-config --cflags --libs libvolume)
 * Run: example VG DEV...
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libvolume/volume.h>

static void log_to_stderr(const struct vol_log_info *m, void *usr)
{
	(void)usr;
	if (m->level <= VOL_LOG_NORMAL)
		fprintf(stderr, "example: %s\n", m->msg);
}

int main(int argc, char **argv)
{
	struct vol_ctx *ctx = NULL;
	struct vol_vg *vg = NULL;
	int r;

	if (argc < 3) {
		fprintf(stderr, "usage: %s VG DEV...\n", argv[0]);
		return 2;
	}
	if ((r = vol_ctx_new(&ctx)))
		goto out;
	vol_ctx_set_log(ctx, log_to_stderr, NULL);
	/* Only these devices exist for this context, like lvm2's --devices. */
	if ((r = vol_ctx_set_devices(ctx, (const char *const *)&argv[2], (size_t)(argc - 2))))
		goto out;
	if ((r = vol_ctx_set_command(ctx, "example")))
		goto out;
	vol_ctx_set_backup(ctx, false);
	if ((r = vol_vg_create(ctx, argv[1], (const char *const *)&argv[2], (size_t)(argc - 2),
			       NULL, NULL, &vg)))
		goto out;
	if ((r = vol_vg_add_tag(vg, "made_by_example")) || (r = vol_vg_commit(vg)))
		goto out;
	vol_vg_close(vg);
	vg = NULL;

	if ((r = vol_vg_open(ctx, argv[1], VOL_OPEN_READ, &vg)))
		goto out;
	printf("%s %s seqno=%u pvs=%zu extents=%llu\n", vol_vg_name(vg), vol_vg_uuid(vg),
	       vol_vg_seqno(vg), vol_vg_pv_count(vg), (unsigned long long)vol_vg_extent_count(vg));
out:
	vol_vg_close(vg);
	vol_ctx_free(ctx);
	if (r)
		fprintf(stderr, "example: failed: %s\n", strerror(-r));
	return r ? 1 : 0;
}
