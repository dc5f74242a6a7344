/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_DISK_H
#define VOLUME_METADATA_DISK_H

/*
 * The binary headers of an LVM2 physical volume: the label sector with its
 * pv_header, and the metadata-area header.  Pure functions over caller
 * buffers.  Every decoder returns 0 or a negative errno and, on error, a
 * static string naming the field that failed.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MD_SECTOR 512u
#define MD_LABEL_SCAN_SECTORS 4u
#define MD_LABEL_SCAN_SIZE (MD_SECTOR * MD_LABEL_SCAN_SECTORS)
#define MD_UUID_LEN 32u		/* raw id characters */
#define MD_UUID_STR_LEN 38u	/* hyphenated, 6-4-4-4-4-4-6 */
#define MD_UUID_STR_SIZE (MD_UUID_STR_LEN + 1)	/* a buffer for md_uuid_format */
#define MD_MAX_MDAS 2u
#define MD_MAX_AREAS 8u	/* data or bootloader areas we keep from a header */
#define MD_PV_EXT_VERSION 2u
#define MD_PV_EXT_USED 0x1u
#define MD_MDA_HEADER_SIZE 512u
#define MD_MDA_VERSION 1u
#define MD_RAW_LOCN_IGNORED 0x1u
#define MD_MDA_MIN_SIZE 32768u
#define MD_DISK_LOCN_SIZE 16u	/* a pv_header area entry: offset u64, size u64 */
#define MD_MDAH_RLOCN_AT 0x28u	/* mda_header.raw_locn[0] */
#define MD_RLOCN_SIZE 24u	/* a raw_locn: offset u64, size u64, checksum u32, flags u32 */

extern const char md_label_id[8];	/* "LABELONE" */
extern const char md_label_type[8];	/* "LVM2 001" */
extern const unsigned char md_mda_magic[16];

struct md_area {
	uint64_t offset;	/* bytes from the start of the device */
	uint64_t size;		/* bytes; 0 for a data area means "to the end" */
};

/* The decoded label sector: label_header plus pv_header and extension. */
struct md_label {
	uint64_t sector;		/* sector_xl: where the label lives */
	uint32_t crc;			/* as stored */
	uint32_t crc_calc;		/* as computed over bytes 20..511 */
	uint32_t offset;		/* offset_xl of the pv_header (32) */
	char uuid[MD_UUID_LEN + 1];	/* raw, no hyphens, NUL-terminated */
	uint64_t device_size;		/* bytes */
	unsigned n_da, n_mda, n_ba;
	struct md_area da[MD_MAX_AREAS];
	struct md_area mda[MD_MAX_MDAS];
	struct md_area ba[MD_MAX_AREAS];
	uint32_t ext_version;		/* 0 when the extension is absent */
	uint32_t ext_flags;
	/* byte offsets inside the sector, for dump tools */
	unsigned da_at, mda_at, ext_at, ba_at, end_at;
};

/*
 * Find and decode the label in the first @len bytes of a device (sectors 0
 * to 3).  Returns 0 when a valid label was found, -ENOENT when no sector
 * starts with LABELONE, -EBADMSG when one does but fails a check (the
 * fields are still filled in so a dump can show them), -EINVAL when the
 * pv_header is malformed.  @why is set on every non-zero return.
 */
int md_label_find(const void *buf, size_t len, struct md_label *out, const char **why);

/* Decode one 512-byte sector that is expected to hold the label. */
int md_label_decode(const void *sector, uint64_t sector_nr, struct md_label *out,
		    const char **why);

/* Encode @l into a zeroed 512-byte sector and set the CRC. -EINVAL if it cannot fit. */
int md_label_encode(const struct md_label *l, void *sector);

struct md_rlocn {
	uint64_t offset;	/* relative to the mda start */
	uint64_t size;		/* text bytes including the NUL */
	uint32_t checksum;
	uint32_t flags;
};

struct md_mdah {
	uint32_t checksum;	/* as stored */
	uint32_t checksum_calc;
	unsigned char magic[16];
	uint32_t version;
	uint64_t start;		/* absolute offset of this header */
	uint64_t size;		/* whole area, header included */
	struct md_rlocn slot[2];	/* 0 committed, 1 precommitted */
};

/*
 * Decode a metadata-area header read from absolute offset @at.  Checks in
 * order: magic, version, start == @at, size bounds, checksum, slot bounds.
 * The fields are filled in even when a check fails.
 */
int md_mdah_decode(const void *buf, uint64_t at, struct md_mdah *out, const char **why);
void md_mdah_encode(const struct md_mdah *h, void *buf);
/* A fresh, empty header for an area at @start of @size bytes. */
void md_mdah_init(struct md_mdah *h, uint64_t start, uint64_t size);

/* True when slot 0 names a text that must be read. */
bool md_mdah_has_text(const struct md_mdah *h);

/*
 * Check a text location against its area: 512 <= offset < size, and the
 * text fits the ring (so, wrapped back to 512, it cannot overlap itself).
 */
int md_rlocn_check(const struct md_rlocn *r, uint64_t mda_size, const char **why);

/* Where the pieces of a text lie inside its area (offsets relative to the mda). */
struct md_place {
	uint64_t offset;	/* first piece */
	uint64_t len1;		/* bytes of the first piece */
	uint64_t len2;		/* bytes wrapped to offset 512, 0 if none */
};

void md_rlocn_pieces(const struct md_rlocn *r, uint64_t mda_size, struct md_place *out);

/* Largest text (NUL included) an area of @mda_size bytes can take. */
uint64_t md_text_max(uint64_t mda_size);

/*
 * Place a new text of @size bytes after the committed one (@old may be
 * NULL, or ignored, for none).  -ENOSPC when the text exceeds
 * md_text_max().
 */
int md_place_next(uint64_t mda_size, const struct md_rlocn *old, uint64_t size,
		  struct md_place *out);

/* Text checksum, chained across the two pieces. */
uint32_t md_text_crc(const void *p1, size_t l1, const void *p2, size_t l2);

/* UUID helpers: the 62-character alphabet for new ids, 64 accepted on read. */
bool md_uuid_valid(const char *raw, size_t len);
/* "abcdef..." (32) -> "abcdef-ghij-...-uvwxyz" (MD_UUID_STR_LEN + NUL). */
void md_uuid_format(const char raw[MD_UUID_LEN], char out[MD_UUID_STR_SIZE]);
/* Accepts hyphenated or raw; writes 32 chars + NUL.  -EINVAL if malformed. */
int md_uuid_parse(const char *text, char out[MD_UUID_LEN + 1]);
/* Map 32 random bytes to a new id. */
void md_uuid_from_bytes(const unsigned char bytes[MD_UUID_LEN], char out[MD_UUID_LEN + 1]);

#endif
