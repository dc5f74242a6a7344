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

#define RLOCN_AT 0x28u
#define RLOCN_SIZE 24u

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
	h->checksum_calc = md_crc(MD_CRC_SEED, b + 4, MD_MDA_HEADER_SIZE - 4);
	memcpy(h->magic, b + 4, sizeof(h->magic));
	h->version = ld32(b + 0x14);
	h->start = ld64(b + 0x18);
	h->size = ld64(b + 0x20);
	for (unsigned i = 0; i < 2; i++) {
		const unsigned char *p = b + RLOCN_AT + i * RLOCN_SIZE;

		h->slot[i].offset = ld64(p);
		h->slot[i].size = ld64(p + 8);
		h->slot[i].checksum = ld32(p + 16);
		h->slot[i].flags = ld32(p + 20);
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
	if (h->size < 3 * MD_MDA_HEADER_SIZE || h->size % MD_SECTOR ||
	    h->size > UINT64_MAX / 4 || h->start > UINT64_MAX - h->size) {
		*why = "mda_header.size is out of range";
		return -EBADMSG;
	}
	if (h->checksum != h->checksum_calc) {
		*why = "mda_header.checksum mismatch";
		return -EBADMSG;
	}
	for (unsigned i = 0; i < 2; i++) {
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
	memcpy(b + 4, h->magic, sizeof(h->magic));
	st32(b + 0x14, h->version);
	st64(b + 0x18, h->start);
	st64(b + 0x20, h->size);
	for (unsigned i = 0; i < 2; i++) {
		unsigned char *p = b + RLOCN_AT + i * RLOCN_SIZE;

		st64(p, h->slot[i].offset);
		st64(p + 8, h->slot[i].size);
		st32(p + 16, h->slot[i].checksum);
		st32(p + 20, h->slot[i].flags);
	}
	st32(b, md_crc(MD_CRC_SEED, b + 4, MD_MDA_HEADER_SIZE - 4));
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
