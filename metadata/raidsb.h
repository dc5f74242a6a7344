/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_RAIDSB_H
#define VOLUME_METADATA_RAIDSB_H

/*
 * The kernel's own metadata at the start of a raid1 rmeta sub-LV, read to
 * tell an unclean shutdown: dm-raid's superblock (one logical block at
 * byte 0) and md's write-intent bitmap (its 256-byte superblock at byte
 * 4096, the bits right after it, one per region).  Pure functions over a
 * buffer holding the start of the rmeta.
 *
 * dm-raid never records a running array as dirty: its superblock keeps
 * the resync offset of a synced array at "all synced" while writes are in
 * flight, and md then treats the bitmap's dirty regions as needing no
 * resync when the array comes back after a crash.  Setting the offset to
 * 0 in every leg's superblock before the activation makes md resync
 * exactly the regions the bitmap marks (the clean ones are skipped).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAIDSB_BITMAP_AT 4096u		/* bytes: md's bitmap superblock */
#define RAIDSB_BITS_AT (4096u + 256u)	/* bytes: the first bitmap byte */

struct raidsb {
	bool valid;		/* dm-raid's magic, and md's bitmap magic */
	bool synced;		/* the resync offset says "all synced" */
	bool failed;		/* a leg is recorded as failed */
	bool stale;		/* md's bitmap is marked stale (a full resync follows) */
	uint64_t events;	/* dm-raid's event count */
	uint64_t regions;	/* bitmap bits the array has (capped by the buffer) */
	uint64_t dirty;		/* of them, set */
};

/* Reads @buf (@len bytes from the start of an rmeta) into @out. */
void raidsb_inspect(const unsigned char *buf, size_t len, struct raidsb *out);
/* Sets the resync offset in the superblock in @buf to 0 (see above). */
void raidsb_resync_dirty(unsigned char *buf);

#endif
