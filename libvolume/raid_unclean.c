/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A raid1 LV back after an unclean shutdown.  dm-raid does not resync the
 * regions its write-intent bitmap marked dirty when the machine went down
 * (metadata/raidsb.h says why), so a write that reached one leg only would
 * stay, and reads could return either version.  Before a fresh activation
 * the bitmap is read from every leg's rmeta: if a synced array with no
 * failed leg has dirty regions (a clean deactivation leaves none), each
 * leg's superblock is told to resync, and md then copies exactly those
 * regions.  lvm2 does not do this; its activation of the same LV resyncs
 * nothing.  Anything unreadable or unexpected is left alone: the
 * activation goes on as lvm2's would.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "io.h"
#include "raid.h"
#include "raidsb.h"

/* What a bitmap of RAID_MAX_REGIONS bits needs, after the superblocks. */
#define RMETA_READ (RAIDSB_BITS_AT + RAID_MAX_REGIONS / 8)

struct leg {
	const char *path;
	uint64_t off;
	size_t len;
	unsigned char *buf;
	struct raidsb sb;
};

/* Where rmeta LV @meta starts on its PV, and how much of it to read; false
 * when it is not one present area. */
static bool leg_at(struct vol_vg *vg, int32_t meta, struct leg *g)
{
	uint64_t off, bytes;
	int32_t pv;

	if (raid_meta_place(vg, meta, &pv, &off, &bytes))
		return false;
	g->path = vg->slots[pv].d.path;
	g->off = off;
	g->len = bytes < RMETA_READ ? (size_t)bytes : RMETA_READ;
	return true;
}

static int leg_read(struct leg *g)
{
	struct iodev io;
	int r;

	if (!(g->buf = io_alloc(g->len)))
		return -ENOMEM;
	if ((r = io_open(&io, g->path, O_RDONLY)))
		return r;
	r = io_read(&io, g->off, g->buf, g->len);
	io_close(&io);
	if (!r)
		raidsb_inspect(g->buf, g->len, &g->sb);
	return r;
}

/* The first 4 KiB (dm-raid's superblock) back, with the resync asked for. */
static int leg_mark(struct leg *g)
{
	struct iodev io;
	int r;

	raidsb_resync_dirty(g->buf);
	if ((r = io_open(&io, g->path, O_RDWR)))
		return r;
	r = io_write(&io, g->off, g->buf, RAIDSB_BITMAP_AT);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	return r;
}

/* Dirty regions of a synced array whose legs all read well; 0 otherwise. */
static uint64_t legs_dirty(struct leg *g, uint32_t n, uint64_t *regions)
{
	uint64_t dirty = 0;

	for (uint32_t k = 0; k < n; k++) {
		if (!g[k].sb.valid || !g[k].sb.synced || g[k].sb.failed || g[k].sb.stale ||
		    g[k].sb.events != g[0].sb.events)
			return 0;
		if (g[k].sb.dirty > dirty)
			dirty = g[k].sb.dirty;
	}
	*regions = g[0].sb.regions;
	return dirty;
}

void raid_resync_unclean(struct vol_vg *vg, uint32_t lv)
{
	const struct md_seg *seg = raid_seg(vg->md, (int32_t)lv);
	const char *name = vg->md->lvs[lv].name;
	uint64_t dirty = 0, regions = 0;
	struct leg *g;
	uint32_t n, k;
	int r = 0;

	if (!seg || !(n = seg->device_count) || !(g = calloc(n, sizeof(*g))))
		return;
	for (k = 0; k < n && !r; k++)
		if (seg->pairs[k].meta < 0 || !leg_at(vg, seg->pairs[k].meta, &g[k]))
			r = -ENODEV;
		else
			r = leg_read(&g[k]);
	if (!r)
		dirty = legs_dirty(g, n, &regions);
	if (dirty) {
		log_warn(vg->ctx, "Logical volume %s/%s was not deactivated cleanly: "
			 "resynchronising the %" PRIu64 " of its %" PRIu64 " regions that may "
			 "differ between its legs.", vg->md->name, name, dirty, regions);
		for (k = 0; k < n && !r; k++)
			r = leg_mark(&g[k]);
		if (r)
			log_warn(vg->ctx, "Cannot ask dm-raid to resynchronise %s/%s: %s.",
				 vg->md->name, name, strerror(-r));
	} else if (r) {
		log_debug(vg->ctx, "%s/%s: rmeta not read (%s): no check for an unclean shutdown.",
			  vg->md->name, name, strerror(-r));
	}
	for (k = 0; k < n; k++)
		free(g[k].buf);
	free(g);
}
