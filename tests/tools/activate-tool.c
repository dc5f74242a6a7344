/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * activate-tool: drives libvolume's activation layer (libvolume/activate.h)
 * for the VM tests, before the CLI has LV commands.  Linked with
 * libvolume.a, so it uses private headers.
 *
 *   activate-tool [-v] [--partial|--degraded|--complete] [--readonly]
 *                 [--nosync] COMMAND VG [LV [ARG]]
 *
 *   activate VG LV           activate the LV
 *   deactivate VG LV         deactivate it (refused while it is open)
 *   resize VG LV EXTENTS     resize an active (or inactive) linear or raid1
 *                            LV in place: the last segment of the LV (of each
 *                            image for raid1) grows into the free extents
 *                            right after it, or shrinks; the metadata is
 *                            committed between suspend and resume
 *   state VG LV              key=value lines of act_state()
 *   devices VG               the VG's dm devices: name, LV index, layer
 *   recover VG [leftovers]   resolve suspended devices (and leftovers), under
 *                            the VG's write lock
 *
 * ACTIVATE_TOOL_CRASH_AT=STEP:INDEX ends the process with status 99 at that
 * fault point ("preload", "suspend", "resume" or a commit step), as a crash.
 * Exit status: 0, 5 when the operation failed, 3 for a bad command line.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "activate.h"
#include "ctx.h"
#include "vgobj.h"

static void log_cb(const struct vol_log_info *m, void *usr)
{
	(void)usr;
	fprintf(stderr, "  %s\n", m->msg);
}

static void crash_cb(const struct vol_fault_info *f, void *usr)
{
	const char *at = usr;	/* "step:index" */
	char here[64];

	snprintf(here, sizeof(here), "%s:%u", f->step, f->index);
	if (!strcmp(here, at)) {
		fprintf(stderr, "activate-tool: crash at %s\n", here);
		_exit(99);
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: activate-tool [-v] [--partial|--degraded|--complete] [--readonly] "
			"[--nosync] activate|deactivate|resize|state|devices|recover VG [LV [ARG]]\n");
	return 3;
}

/* ---------------------------------------------------------------- resize */

static bool pe_used(const struct md_vg *vg, int32_t pv, uint64_t pe)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];
			uint64_t width;

			if (seg->type != MD_SEG_STRIPED)
				continue;
			width = seg->extent_count / seg->stripe_count;
			for (uint32_t a = 0; a < seg->stripe_count; a++)
				if (seg->areas[a].pv == pv && pe >= seg->areas[a].start &&
				    pe < seg->areas[a].start + width)
					return true;
		}
	return false;
}

/* A linear LV to @to extents: its last segment grows in place, or segments are cut. */
static int resize_linear(struct md_vg *vg, struct md_lv *l, uint64_t to)
{
	struct md_seg *last = &l->segs[l->n_segs - 1];
	uint64_t cur = last->start_extent + last->extent_count;

	while (to < cur && l->n_segs > 1 && last->start_extent >= to) {
		l->n_segs--;
		last = &l->segs[l->n_segs - 1];
		cur = last->start_extent + last->extent_count;
	}
	if (to <= cur) {
		if (to <= last->start_extent)
			return -EINVAL;
		last->extent_count = to - last->start_extent;
		return 0;
	}
	if (last->type != MD_SEG_STRIPED || last->stripe_count != 1 || last->areas[0].pv < 0)
		return -EOPNOTSUPP;
	for (uint64_t pe = last->areas[0].start + last->extent_count;
	     pe < last->areas[0].start + last->extent_count + (to - cur); pe++)
		if (pe >= vg->pvs[last->areas[0].pv].pe_count || pe_used(vg, last->areas[0].pv, pe)) {
			fprintf(stderr, "activate-tool: PE %" PRIu64 " is not free\n", pe);
			return -ENOSPC;
		}
	last->extent_count += to - cur;
	return 0;
}

static int resize_model(struct md_vg *vg, uint32_t lv, uint64_t to)
{
	struct md_lv *l = &vg->lvs[lv];
	struct md_seg *seg = &l->segs[0];
	int r = 0;

	if (!to || !l->n_segs)
		return -EINVAL;
	if (seg->type != MD_SEG_RAID1)
		return resize_linear(vg, l, to);
	for (uint32_t k = 0; k < seg->device_count && !r; k++)
		r = resize_linear(vg, &vg->lvs[seg->pairs[k].image], to);
	if (!r)
		seg->extent_count = to;
	return r;
}

/* ---------------------------------------------------------------- commands */

static int print_state(struct vol_vg *vg, uint32_t lv)
{
	struct act_state st;
	int r = act_state(vg, lv, true, &st);

	if (r)
		return r;
	printf("exists=%d\nactive=%d\nsuspended=%d\ninactive_table=%d\nread_only=%d\n"
	       "open_count=%d\ndevno=%u:%u\nrefresh_needed=%d\n", st.exists, st.active,
	       st.suspended, st.inactive_table, st.read_only, st.open_count, major(st.devno),
	       minor(st.devno), st.refresh_needed);
	return 0;
}

static int print_devices(struct vol_vg *vg)
{
	struct act_dev *v;
	size_t n;
	int r = act_vg_devices(vg, &v, &n);

	for (size_t i = 0; !r && i < n; i++)
		printf("%s %s %s\n", v[i].name, v[i].lv >= 0 ? vg->md->lvs[v[i].lv].name : "-",
		       *v[i].layer ? v[i].layer : "-");
	if (!r)
		free(v);
	return r;
}

static int run(struct vol_vg *vg, const char *cmd, const char *lvname, const char *arg,
	       const struct act_opts *o)
{
	int32_t lv = lvname ? md_vg_find_lv(vg->md, lvname) : -1;
	unsigned fixed = 0;
	int r;

	if (lvname && lv < 0) {
		fprintf(stderr, "activate-tool: no LV %s in VG %s\n", lvname, vg->md->name);
		return -ENOENT;
	}
	if (!strcmp(cmd, "activate") && lv >= 0)
		return act_activate(vg, (uint32_t)lv, o);
	if (!strcmp(cmd, "deactivate") && lv >= 0)
		return act_deactivate(vg, (uint32_t)lv, o);
	if (!strcmp(cmd, "state") && lv >= 0)
		return print_state(vg, (uint32_t)lv);
	if (!strcmp(cmd, "devices"))
		return print_devices(vg);
	if (!strcmp(cmd, "recover")) {
		r = act_recover(vg, o, arg ? !strcmp(arg, "leftovers") : lvname &&
			       !strcmp(lvname, "leftovers"), &fixed);
		printf("fixed=%u\n", fixed);
		return r;
	}
	if (!strcmp(cmd, "resize") && lv >= 0 && arg) {
		if ((r = resize_model(vg->md, (uint32_t)lv, strtoull(arg, NULL, 10))))
			return r;
		/* The commit loads, suspends and resumes the active LV around the write. */
		return vol_vg_commit(vg);
	}
	return -EINVAL;
}

int main(int argc, char **argv)
{
	const char *crash = getenv("ACTIVATE_TOOL_CRASH_AT");
	bool write, verbose = false;
	char at[64] = "";
	struct vol_ctx *ctx;
	struct vol_vg *vg;
	struct act_opts o;
	int i = 1, r;

	act_opts_init(&o);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--partial"))
			o.mode = DMT_MODE_PARTIAL;
		else if (!strcmp(argv[i], "--degraded"))
			o.mode = DMT_MODE_DEGRADED;
		else if (!strcmp(argv[i], "--complete"))
			o.mode = DMT_MODE_COMPLETE;
		else if (!strcmp(argv[i], "--readonly"))
			o.read_only = true;
		else if (!strcmp(argv[i], "--nosync"))
			o.nosync = true;
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else
			return usage();
	}
	if (argc - i < 2)
		return usage();
	if (vol_ctx_new(&ctx))
		return 5;
	vol_ctx_set_log(ctx, log_cb, NULL);
	vol_ctx_set_log_level(ctx, verbose ? VOL_LOG_VERBOSE : VOL_LOG_WARN);
	if (crash) {
		snprintf(at, sizeof(at), "%s", crash);
		vol_ctx_set_fault_hook(ctx, crash_cb, at);
	}
	write = !strcmp(argv[i], "resize") || !strcmp(argv[i], "recover");
	r = vol_vg_open(ctx, argv[i + 1], write ? VOL_OPEN_WRITE : VOL_OPEN_READ, &vg);
	if (!r) {
		r = run(vg, argv[i], i + 2 < argc ? argv[i + 2] : NULL,
			i + 3 < argc ? argv[i + 3] : NULL, &o);
		vol_vg_close(vg);
	}
	if (r)
		fprintf(stderr, "activate-tool: %s %s: %s\n", argv[i], argv[i + 1], strerror(-r));
	vol_ctx_free(ctx);
	return r ? 5 : 0;
}
