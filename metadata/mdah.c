/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Metadata-area header and the placement of texts in the circular buffer
 * that follows it.  Buffer = [512, size) relative to the area start.
 */
#include <errno.h>
#include <string.h>

#include "crc.h"
#include "disk.h"
#include "endian.h"

const unsigned char md_mda_magic[16] = { 0x20, 0x4c, 0x56, 0x4d, 0x32, 0x20, 0x78, 0x5b,
					 0x35, 0x41, 0x25, 0x72, 0x30, 0x4e, 0x2a, 0x3e };

/* mda_header fields: checksum u32, magic[16], version u32, start u64, size u64, raw_locn[] */
#define MDAH_MAGIC_AT 0x04u
#define MDAH_VERSION_AT 0x14u
#define MDAH_START_AT 0x18u
#define MDAH_SIZE_AT 0x20u
/* raw_locn fields */
#define RL_SIZE_AT 8u
#define RL_CHECKSUM_AT 16u
#define RL_FLAGS_AT 20u
#define N_SLOTS (sizeof(((struct md_mdah *)0)->slot) / sizeof(((struct md_mdah *)0)->slot[0]))
#define MDAH_MIN_AREA (3 * MD_MDA_HEADER_SIZE)	/* the header and a ring of two sectors */
#define MDAH_CRC_FROM MDAH_MAGIC_AT	/* the checksum covers the rest of the 512 bytes */

void md_mdah_init(struct md_mdah *h, uint64_t start, uint64_t size)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, md_mda_magic, sizeof(h->magic));
	h->version = MD_MDA_VERSION;
	h->start = start;
	h->size = size;
}

int md_rlocn_check(const struct md_rlocn *r, uint64_t mda_size, const char **why)
{
	if (!r->offset && !r->size)
		return 0;
	if (r->offset < MD_MDA_HEADER_SIZE || r->offset >= mda_size) {
		*why = "raw_locn.offset lies outside the metadata area";
		return -EBADMSG;
	}
	/*
	 * A text that fits the ring never overlaps itself when it wraps: its tail
	 * (offset + size - mda_size bytes from 512) ends at or before offset
	 * exactly when size <= mda_size - 512, which this check enforces.
	 */
	if (!r->size || r->size > mda_size - MD_MDA_HEADER_SIZE) {
		*why = "raw_locn.size does not fit the metadata area";
		return -EBADMSG;
	}
	return 0;
}

int md_mdah_decode(const void *buf, uint64_t at, struct md_mdah *h, const char **why)
{
	const unsigned char *b = buf;
	const char *dummy;	/* a local: a static would be shared by every thread */

	if (!why)
		why = &dummy;
	memset(h, 0, sizeof(*h));
	h->checksum = ld32(b);
	h->checksum_calc =
		md_crc(MD_CRC_SEED, b + MDAH_CRC_FROM, MD_MDA_HEADER_SIZE - MDAH_CRC_FROM);
	memcpy(h->magic, b + MDAH_MAGIC_AT, sizeof(h->magic));
	h->version = ld32(b + MDAH_VERSION_AT);
	h->start = ld64(b + MDAH_START_AT);
	h->size = ld64(b + MDAH_SIZE_AT);
	for (unsigned i = 0; i < N_SLOTS; i++) {
		const unsigned char *p = b + MD_MDAH_RLOCN_AT + i * MD_RLOCN_SIZE;

		h->slot[i].offset = ld64(p);
		h->slot[i].size = ld64(p + RL_SIZE_AT);
		h->slot[i].checksum = ld32(p + RL_CHECKSUM_AT);
		h->slot[i].flags = ld32(p + RL_FLAGS_AT);
	}

	/* in lvm2's order: the checksum first, then magic, version and start */
	if (h->checksum != h->checksum_calc) {
		*why = "mda_header.checksum mismatch";
		return -EBADMSG;
	}
	if (memcmp(h->magic, md_mda_magic, sizeof(md_mda_magic))) {
		*why = "mda_header.magic is wrong";
		return -EBADMSG;
	}
	if (h->version != MD_MDA_VERSION) {
		*why = "mda_header.version is not 1";
		return -EBADMSG;
	}
	if (h->start != at) {
		*why = "mda_header.start does not match its location";
		return -EBADMSG;
	}
	if (h->size < MDAH_MIN_AREA || h->size % MD_SECTOR ||
	    h->size > UINT64_MAX / 4 || h->start > UINT64_MAX - h->size) {
		*why = "mda_header.size is out of range";
		return -EBADMSG;
	}
	for (unsigned i = 0; i < N_SLOTS; i++) {
		int r = md_rlocn_check(&h->slot[i], h->size, why);

		if (r)
			return r;
	}
	return 0;
}

void md_mdah_encode(const struct md_mdah *h, void *buf)
{
	unsigned char *b = buf;

	memset(b, 0, MD_MDA_HEADER_SIZE);
	memcpy(b + MDAH_MAGIC_AT, h->magic, sizeof(h->magic));
	st32(b + MDAH_VERSION_AT, h->version);
	st64(b + MDAH_START_AT, h->start);
	st64(b + MDAH_SIZE_AT, h->size);
	for (unsigned i = 0; i < N_SLOTS; i++) {
		unsigned char *p = b + MD_MDAH_RLOCN_AT + i * MD_RLOCN_SIZE;

		st64(p, h->slot[i].offset);
		st64(p + RL_SIZE_AT, h->slot[i].size);
		st32(p + RL_CHECKSUM_AT, h->slot[i].checksum);
		st32(p + RL_FLAGS_AT, h->slot[i].flags);
	}
	st32(b, md_crc(MD_CRC_SEED, b + MDAH_CRC_FROM, MD_MDA_HEADER_SIZE - MDAH_CRC_FROM));
}

bool md_mdah_has_text(const struct md_mdah *h)
{
	return h->slot[0].offset && h->slot[0].size && !(h->slot[0].flags & MD_RAW_LOCN_IGNORED);
}

void md_rlocn_pieces(const struct md_rlocn *r, uint64_t mda_size, struct md_place *out)
{
	out->offset = r->offset;
	if (r->offset + r->size > mda_size) {
		out->len1 = mda_size - r->offset;
		out->len2 = r->size - out->len1;
	} else {
		out->len1 = r->size;
		out->len2 = 0;
	}
}

uint64_t md_text_max(uint64_t mda_size)
{
	uint64_t half;

	if (mda_size < MD_MDA_HEADER_SIZE)
		return 0;
	half = (mda_size - MD_MDA_HEADER_SIZE) / 2;
	return half > MD_MDA_HEADER_SIZE ? half - MD_MDA_HEADER_SIZE : 0;
}

/* Do [a, a+la) and [b, b+lb) overlap on a ring of length n? */
static bool ring_overlap(uint64_t a, uint64_t la, uint64_t b, uint64_t lb, uint64_t n)
{
	return (a + n - b) % n < lb || (b + n - a) % n < la;
}

int md_place_next(uint64_t mda_size, const struct md_rlocn *old, uint64_t size,
		  struct md_place *out)
{
	const uint64_t ring = mda_size - MD_MDA_HEADER_SIZE;
	uint64_t start = MD_MDA_HEADER_SIZE;
	bool have_old = old && old->offset && old->size && !(old->flags & MD_RAW_LOCN_IGNORED);

	if (!size || size > md_text_max(mda_size))
		return -ENOSPC;
	if (have_old) {
		uint64_t last;	/* last byte of the old text */

		if (old->offset + old->size > mda_size)
			last = old->offset + old->size - mda_size + MD_MDA_HEADER_SIZE - 1;
		else
			last = old->offset + old->size - 1;
		start = (last + 1 + MD_SECTOR - 1) / MD_SECTOR * MD_SECTOR;
		if (mda_size - last < MD_SECTOR || start > mda_size - MD_SECTOR)
			start = MD_MDA_HEADER_SIZE;
		if (ring_overlap(old->offset - MD_MDA_HEADER_SIZE, old->size,
				 start - MD_MDA_HEADER_SIZE, size, ring))
			return -ENOSPC;
	}
	out->offset = start;
	if (start + size > mda_size) {
		out->len1 = mda_size - start;
		out->len2 = size - out->len1;
	} else {
		out->len1 = size;
		out->len2 = 0;
	}
	return 0;
}

uint32_t md_text_crc(const void *p1, size_t l1, const void *p2, size_t l2)
{
	uint32_t c = md_crc(MD_CRC_SEED, p1, l1);

	return l2 ? md_crc(c, p2, l2) : c;
}
