/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * dm-raid's superblock and md's bitmap in an rmeta sub-LV (raidsb.h).
 * Layouts (little-endian): dm-raid's superblock (drivers/md/dm-raid.c)
 * has its magic "DmRd" at 0, events at 16, the failed-devices bit field
 * at 24 and the array resync offset at 40; md's bitmap superblock
 * (drivers/md/md-bitmap.h) has its magic "bitm" at 0, sync_size (sectors
 * per leg) at 40, state at 48 (bit 1: stale) and chunksize (bytes per
 * region) at 52.
 */
#include "raidsb.h"

#include <string.h>

#include "endian.h"

#define DMRAID_MAGIC 0x64526D44u
#define BITMAP_MAGIC 0x6d746962u
#define BITMAP_STALE 2u
#define RESYNC_AT 40u

void raidsb_inspect(const unsigned char *buf, size_t len, struct raidsb *out)
{
	const unsigned char *bm = buf + RAIDSB_BITMAP_AT;
	uint64_t sectors, chunk, bytes;

	memset(out, 0, sizeof(*out));
	if (len < RAIDSB_BITS_AT || ld32(buf) != DMRAID_MAGIC || ld32(bm) != BITMAP_MAGIC)
		return;
	chunk = ld32(bm + 52) / 512u;
	if (!chunk)
		return;
	out->valid = true;
	out->events = ld64(buf + 16);
	out->failed = ld64(buf + 24) != 0;
	out->synced = ld64(buf + RESYNC_AT) == UINT64_MAX;
	out->stale = (ld32(bm + 48) & BITMAP_STALE) != 0;
	sectors = ld64(bm + 40);
	out->regions = sectors / chunk + (sectors % chunk != 0);
	bytes = (out->regions + 7) / 8;
	if (bytes > len - RAIDSB_BITS_AT) {
		bytes = len - RAIDSB_BITS_AT;
		out->regions = bytes * 8;
	}
	for (uint64_t i = 0; i < bytes; i++) {
		unsigned char b = buf[RAIDSB_BITS_AT + i];

		if (i == bytes - 1 && out->regions % 8)
			b &= (unsigned char)((1u << (out->regions % 8)) - 1);
		out->dirty += (uint64_t)__builtin_popcount(b);
	}
}

void raidsb_resync_dirty(unsigned char *buf)
{
	st64(buf + RESYNC_AT, 0);
}
