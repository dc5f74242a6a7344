/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --repair, the bytes: headers patched in place the way lvm2 2.03.16's
 * pvck rewrites them (the fields it sets are set, every other byte of the
 * sector stays), and a metadata backup file turned into raw metadata text.
 * Pure functions: no I/O.
 */
#ifndef MD_REPAIR_H
#define MD_REPAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disk.h"

/* What a loose walk of a (possibly damaged) label sector finds, as lvm2's
 * pvck reads it: no check stops the walk. */
struct md_loose_label {
	bool found;		/* id and type are right (the CRC may not be) */
	bool bad_id, bad_sector, bad_crc, bad_offset, bad_type, bad_uuid;
	uint32_t crc_calc;
	bool uuid_ok;		/* 32 UUID characters then a NUL byte */
	char uuid[MD_UUID_LEN + 1];
	unsigned n_mda;		/* metadata areas listed */
	struct md_area mda[MD_MAX_MDAS];	/* the first, and the last after it */
	unsigned mda1_at;	/* index of the first metadata area's disk_locn */
};
void md_loose_label(const unsigned char *sector, uint64_t labelsector, struct md_loose_label *out);

/* The label_header fields: id, sector, offset 32, type; the CRC last.
 * Returns the CRC. */
uint32_t md_repair_label_header(unsigned char *sector, uint64_t labelsector);

/* A pv_header as pvck --repairtype pv_header writes it. */
struct md_pvh_repair {
	char uuid[MD_UUID_LEN];	/* raw */
	uint64_t device_size;	/* bytes */
	uint64_t data_offset;	/* bytes: the one data area starts here */
	unsigned n_mda;		/* 0..2 */
	struct md_area mda[MD_MAX_MDAS];
};
/* Patches the pv_header, its extension (version 2, flags "used", no
 * bootloader area) and then the label_header; returns the CRC. */
uint32_t md_repair_pv_header(unsigned char *sector, uint64_t labelsector,
			     const struct md_pvh_repair *p);

/* Patches an mda_header: magic, version, start, size, raw_locn[0] = the
 * text right after the header (@text_size bytes, NUL included, @text_crc),
 * raw_locn[1] cleared; the checksum last. */
void md_repair_mdah(unsigned char *hdr, uint64_t start, uint64_t size, uint64_t text_size,
		    uint32_t text_crc);

/* Does @buf begin "NAME {" (lvm2's test for raw metadata)?  Reads at most
 * 131 bytes, within @len. */
bool md_vgname_start(const char *buf, size_t len);

/* Is @buf a metadata backup file ("# Generated" at its start)? */
bool md_is_backup_file(const char *buf, size_t len);

/* A backup file (@len bytes, a NUL at the end included) -> raw metadata
 * text as pvck makes it: the VG section with the indenting tabs and the
 * trailing comments dropped, then the header lines from before it, then a
 * NUL.  *@out is malloc'd; *@out_len counts the NUL.  0 or -ENOMEM. */
int md_backup_to_raw(const char *buf, size_t len, char **out, size_t *out_len);

#endif
