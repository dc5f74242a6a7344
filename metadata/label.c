/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Label sector codec.  Layout (all little-endian), offsets in the sector:
 *   0 "LABELONE" | 8 sector_xl | 16 crc | 20 offset_xl | 24 "LVM2 001"
 *   32 pv_header: uuid[32], device_size, data areas {off,size}... {0,0},
 *      metadata areas ... {0,0}, extension {version, flags}, bootloader
 *      areas ... {0,0}
 * The CRC covers bytes 20..511, padding included.
 */
#include <errno.h>
#include <string.h>

#include "crc.h"
#include "disk.h"
#include "endian.h"

const char md_label_id[8] = { 'L', 'A', 'B', 'E', 'L', 'O', 'N', 'E' };
const char md_label_type[8] = { 'L', 'V', 'M', '2', ' ', '0', '0', '1' };

/* label_header fields: offsets in the label sector */
#define LH_SECTOR_AT 8u
#define LH_CRC_AT 16u
#define LH_OFFSET_AT 20u
#define LH_TYPE_AT 24u
#define LH_SIZE 32u		/* where lvm2 puts the pv_header (offset_xl) */
#define LH_CRC_FROM LH_OFFSET_AT	/* the CRC covers offset_xl to the end of the sector */
#define PVH_FIXED 40u	/* uuid + device_size */
#define PVH_EXT 8u	/* pv_header_extension: version u32, flags u32 */

/* Reads one {offset,size} list; stops at the first zero offset. */
static int read_list(const unsigned char *s, unsigned *pos, struct md_area *out, unsigned max,
		     unsigned *n, const char *what, const char **why)
{
	*n = 0;
	for (;;) {
		uint64_t off, size;

		if (*pos + MD_DISK_LOCN_SIZE > MD_SECTOR) {
			*why = what;
			return -EINVAL;
		}
		off = ld64(s + *pos);
		size = ld64(s + *pos + 8);
		*pos += MD_DISK_LOCN_SIZE;
		if (!off)
			return 0;
		if (*n >= max) {
			*why = what;
			return -EINVAL;
		}
		out[*n].offset = off;
		out[*n].size = size;
		(*n)++;
	}
}

static int decode_pvh(const unsigned char *s, struct md_label *l, const char **why)
{
	unsigned pos = l->offset;
	int r;

	if (pos < LH_SIZE || pos > MD_SECTOR - PVH_FIXED - 2 * MD_DISK_LOCN_SIZE) {
		*why = "label_header.offset out of range";
		return -EINVAL;
	}
	memcpy(l->uuid, s + pos, MD_UUID_LEN);
	l->uuid[MD_UUID_LEN] = '\0';
	if (!md_uuid_valid(l->uuid, MD_UUID_LEN)) {
		*why = "pv_header.pv_uuid has an invalid character";
		return -EINVAL;
	}
	l->device_size = ld64(s + pos + MD_UUID_LEN);
	pos += PVH_FIXED;

	l->da_at = pos;
	r = read_list(s, &pos, l->da, MD_MAX_AREAS, &l->n_da,
		      "pv_header data area list is unterminated or too long", why);
	if (r)
		return r;
	l->mda_at = pos;
	r = read_list(s, &pos, l->mda, MD_MAX_MDAS, &l->n_mda,
		      "pv_header metadata area list is unterminated or has more than 2 entries",
		      why);
	if (r)
		return r;
	l->ext_at = pos;
	l->ba_at = l->end_at = pos;
	if (pos + PVH_EXT > MD_SECTOR)
		return 0;
	l->ext_version = ld32(s + pos);
	l->ext_flags = ld32(s + pos + 4);
	pos += PVH_EXT;
	l->ba_at = l->end_at = pos;
	if (!l->ext_version)
		return 0;
	r = read_list(s, &pos, l->ba, MD_MAX_AREAS, &l->n_ba,
		      "pv_header_extension bootloader area list is unterminated or too long",
		      why);
	l->end_at = pos;
	return r;
}

int md_label_decode(const void *sector, uint64_t sector_nr, struct md_label *l, const char **why)
{
	const unsigned char *s = sector;
	const char *dummy;	/* a local: a static would be shared by every thread */

	if (!why)
		why = &dummy;
	memset(l, 0, sizeof(*l));
	if (memcmp(s, md_label_id, sizeof(md_label_id))) {
		*why = "no LABELONE";
		return -ENOENT;
	}
	l->sector = ld64(s + LH_SECTOR_AT);
	l->crc = ld32(s + LH_CRC_AT);
	l->offset = ld32(s + LH_OFFSET_AT);
	l->crc_calc = md_crc(MD_CRC_SEED, s + LH_CRC_FROM, MD_SECTOR - LH_CRC_FROM);
	if (memcmp(s + LH_TYPE_AT, md_label_type, sizeof(md_label_type))) {
		*why = "label_header.type is not LVM2 001";
		return -EBADMSG;
	}
	if (l->sector != sector_nr) {
		*why = "label_header.sector does not match the sector it was found in";
		return -EBADMSG;
	}
	if (l->crc != l->crc_calc) {
		/* Still decode the rest, for dump tools; the result stays an error. */
		const char *w2;

		(void)decode_pvh(s, l, &w2);
		*why = "label_header.crc mismatch";
		return -EBADMSG;
	}
	return decode_pvh(s, l, why);
}

int md_label_find(const void *buf, size_t len, struct md_label *out, const char **why)
{
	const unsigned char *b = buf;
	struct md_label tmp;
	const char *w = "no label found in sectors 0-3";
	int best = -ENOENT;
	const char *dummy;	/* a local: a static would be shared by every thread */

	if (!why)
		why = &dummy;
	for (unsigned i = 0; i < MD_LABEL_SCAN_SECTORS && (i + 1) * (size_t)MD_SECTOR <= len; i++) {
		const char *wi;
		int r = md_label_decode(b + i * MD_SECTOR, i, &tmp, &wi);

		if (r == -ENOENT)
			continue;
		if (!r) {
			*out = tmp;
			return 0;
		}
		if (best == -ENOENT) {	/* keep the first broken label for reporting */
			*out = tmp;
			best = r;
			w = wi;
		}
	}
	if (best == -ENOENT)
		memset(out, 0, sizeof(*out));
	*why = w;
	return best;
}

static unsigned put_list(unsigned char *s, unsigned pos, const struct md_area *a, unsigned n)
{
	for (unsigned i = 0; i < n; i++, pos += MD_DISK_LOCN_SIZE) {
		st64(s + pos, a[i].offset);
		st64(s + pos + 8, a[i].size);
	}
	return pos + MD_DISK_LOCN_SIZE;	/* the zero terminator is already there */
}

int md_label_encode(const struct md_label *l, void *sector)
{
	unsigned char *s = sector;
	/* each list ends with a zero entry */
	unsigned need = LH_SIZE + PVH_FIXED + PVH_EXT +
			MD_DISK_LOCN_SIZE * (l->n_da + 1 + l->n_mda + 1 + l->n_ba + 1);
	unsigned pos = LH_SIZE;

	if (l->n_da > MD_MAX_AREAS || l->n_mda > MD_MAX_MDAS || l->n_ba > MD_MAX_AREAS ||
	    need > MD_SECTOR || l->sector >= MD_LABEL_SCAN_SECTORS ||
	    !md_uuid_valid(l->uuid, MD_UUID_LEN))
		return -EINVAL;
	for (unsigned i = 0; i < l->n_da; i++)
		if (!l->da[i].offset)
			return -EINVAL;
	for (unsigned i = 0; i < l->n_mda; i++)
		if (!l->mda[i].offset)
			return -EINVAL;
	for (unsigned i = 0; i < l->n_ba; i++)
		if (!l->ba[i].offset)
			return -EINVAL;

	memset(s, 0, MD_SECTOR);
	memcpy(s, md_label_id, sizeof(md_label_id));
	st64(s + LH_SECTOR_AT, l->sector);
	st32(s + LH_OFFSET_AT, LH_SIZE);
	memcpy(s + LH_TYPE_AT, md_label_type, sizeof(md_label_type));
	memcpy(s + pos, l->uuid, MD_UUID_LEN);
	st64(s + pos + MD_UUID_LEN, l->device_size);
	pos += PVH_FIXED;
	pos = put_list(s, pos, l->da, l->n_da);
	pos = put_list(s, pos, l->mda, l->n_mda);
	st32(s + pos, l->ext_version);
	st32(s + pos + 4, l->ext_flags);
	pos += PVH_EXT;
	put_list(s, pos, l->ba, l->n_ba);
	st32(s + LH_CRC_AT, md_crc(MD_CRC_SEED, s + LH_CRC_FROM, MD_SECTOR - LH_CRC_FROM));
	return 0;
}
