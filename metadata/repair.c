/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --repair, the bytes (see repair.h).  Offsets in the label sector:
 *   0 id | 8 sector | 16 crc | 20 offset | 24 type | 32 pv_header:
 *   uuid[32] | device_size | disk_locn lists from 72
 * and in the mda_header: 0 checksum | 4 magic | 20 version | 24 start |
 *   32 size | 40 raw_locn[0] | 64 raw_locn[1]
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crc.h"
#include "endian.h"
#include "repair.h"

#define PVH_AT 32u
#define LOCN_AT (PVH_AT + MD_UUID_LEN + 8u)
#define CRC_FROM 20u
#define VG_NAME_MAX 128u	/* lvm2's NAME_LEN */

/* lvm2 reads the UUID as a string: up to the first NUL, hyphens skipped. */
static bool loose_uuid(const unsigned char *s, char out[MD_UUID_LEN + 1])
{
	unsigned n = 0;

	for (unsigned i = PVH_AT; i < MD_SECTOR && s[i]; i++) {
		if (s[i] == '-')
			continue;
		if (n >= MD_UUID_LEN)
			return false;
		out[n++] = (char)s[i];
	}
	out[n] = '\0';
	return n == MD_UUID_LEN && md_uuid_valid(out, MD_UUID_LEN);
}

void md_loose_label(const unsigned char *s, uint64_t labelsector, struct md_loose_label *o)
{
	unsigned at = LOCN_AT, i = 0;

	memset(o, 0, sizeof(*o));
	o->bad_id = memcmp(s, md_label_id, 8) != 0;
	o->bad_sector = ld64(s + 8) != labelsector;
	o->crc_calc = md_crc(MD_CRC_SEED, s + CRC_FROM, MD_SECTOR - CRC_FROM);
	o->bad_crc = o->crc_calc != ld32(s + 16);
	o->bad_offset = ld32(s + 20) != PVH_AT;
	o->bad_type = memcmp(s + 24, md_label_type, 8) != 0;
	o->found = !o->bad_id && !o->bad_type;
	o->uuid_ok = loose_uuid(s, o->uuid);
	o->bad_uuid = !o->uuid_ok;
	/* the data areas, their end, then the metadata areas */
	for (; at + MD_DISK_LOCN_SIZE <= MD_SECTOR && ld64(s + at); at += MD_DISK_LOCN_SIZE)
		i++;
	at += MD_DISK_LOCN_SIZE;
	i++;
	for (; at + MD_DISK_LOCN_SIZE <= MD_SECTOR && ld64(s + at); at += MD_DISK_LOCN_SIZE, i++) {
		unsigned k = o->n_mda ? 1 : 0;

		if (!o->n_mda)
			o->mda1_at = i;
		o->mda[k].offset = ld64(s + at);
		o->mda[k].size = ld64(s + at + 8);
		o->n_mda++;
	}
}

uint32_t md_repair_label_header(unsigned char *s, uint64_t labelsector)
{
	uint32_t crc;

	memcpy(s, md_label_id, 8);
	st64(s + 8, labelsector);
	st32(s + 20, PVH_AT);
	memcpy(s + 24, md_label_type, 8);
	crc = md_crc(MD_CRC_SEED, s + CRC_FROM, MD_SECTOR - CRC_FROM);
	st32(s + 16, crc);
	return crc;
}

static unsigned put_locn(unsigned char *s, unsigned at, uint64_t off, uint64_t size)
{
	st64(s + at, off);
	st64(s + at + 8, size);
	return at + MD_DISK_LOCN_SIZE;
}

uint32_t md_repair_pv_header(unsigned char *s, uint64_t labelsector, const struct md_pvh_repair *p)
{
	unsigned at = LOCN_AT;

	memcpy(s + PVH_AT, p->uuid, MD_UUID_LEN);
	st64(s + PVH_AT + MD_UUID_LEN, p->device_size);
	at = put_locn(s, at, p->data_offset, 0);
	at = put_locn(s, at, 0, 0);
	for (unsigned i = 0; i < p->n_mda && i < MD_MAX_MDAS; i++)
		at = put_locn(s, at, p->mda[i].offset, p->mda[i].size);
	at = put_locn(s, at, 0, 0);
	st32(s + at, MD_PV_EXT_VERSION);
	st32(s + at + 4, MD_PV_EXT_USED);
	put_locn(s, at + 8, 0, 0);
	return md_repair_label_header(s, labelsector);
}

void md_repair_mdah(unsigned char *h, uint64_t start, uint64_t size, uint64_t text_size,
		    uint32_t text_crc)
{
	unsigned char *r0 = h + MD_MDAH_RLOCN_AT, *r1 = r0 + MD_RLOCN_SIZE;

	memcpy(h + 4, md_mda_magic, 16);
	st32(h + 20, MD_MDA_VERSION);
	st64(h + 24, start);
	st64(h + 32, size);
	st64(r0, MD_MDA_HEADER_SIZE);	/* the text right after the header */
	st64(r0 + 8, text_size);
	st32(r0 + 16, text_crc);
	st32(r0 + 20, 0);
	memset(r1, 0, MD_RLOCN_SIZE);
	st32(h, md_crc(MD_CRC_SEED, h + 4, MD_MDA_HEADER_SIZE - 4));
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' || c == '+';
}

bool md_vgname_start(const char *buf, size_t len)
{
	unsigned chars = 0;
	bool space = false;

	for (size_t i = 0; i <= VG_NAME_MAX + 2 && i < len; i++) {
		char c = buf[i];

		if (name_char(c) && !space)
			chars++;
		else if (c == ' ' && chars && !space)
			space = true;
		else
			return c == '{' && chars && space;
	}
	return false;
}

bool md_is_backup_file(const char *buf, size_t len)
{
	return len >= 11 && !strncmp(buf, "# Generated", 11);
}

#define LINE_MAX_LEN 4095u	/* lvm2 reads a line into a 4096-byte buffer */

/* The length of the line at @p (its '\n' or NUL counted), as lvm2 reads it. */
static size_t line_len(const char *p, size_t left)
{
	size_t i = 0;

	while (i < LINE_MAX_LEN && i < left && p[i] != '\n' && p[i])
		i++;
	return i + 1;
}

/* A line of the VG section, its leading tabs and a tab-led trailing comment
 * dropped, '\n' ended: appended at @out; returns the bytes written. */
static size_t strip_line(const char *l, size_t n, char *out)
{
	size_t j = 0, i = 0;

	while (i < n && l[i] == '\t')
		i++;
	for (; i < n && l[i] != '\n' && l[i]; i++) {
		if (l[i] == '\t' && memchr(l + i, '#', n - i))
			break;
		out[j++] = l[i];
	}
	out[j++] = '\n';
	return j;
}

int md_backup_to_raw(const char *buf, size_t len, char **out, size_t *out_len)
{
	size_t pos = 0, n = 0, pre = 0, max = 2 * len + 3, l;
	char *t = calloc(1, max);

	if (!t)
		return -ENOMEM;
	for (; pos < len; pos += l) {	/* the first line "NAME {" */
		l = line_len(buf + pos, len - pos);
		if (l >= 3 && md_vgname_start(buf + pos, len - pos)) {
			memcpy(t, buf + pos, l);
			n = l;
			pre = pos;
			pos += l;
			break;
		}
	}
	for (; pos < len && buf[pos]; pos += l) {
		l = line_len(buf + pos, len - pos);
		if (l > len - pos)
			l = len - pos;
		n += l == 1 ? (t[n] = '\n', 1) : strip_line(buf + pos, l, t + n);
	}
	memcpy(t + n, buf, pre);
	n += pre;
	*out = t;
	*out_len = n + 1;	/* the NUL */
	return 0;
}
