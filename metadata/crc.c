/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <pthread.h>

#include "crc.h"

/* Slicing-by-4 tables, generated once at first use; 4 KiB of constant data. */
static uint32_t crc_tab[4][256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
		crc_tab[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++) {
		crc_tab[1][i] = (crc_tab[0][i] >> 8) ^ crc_tab[0][crc_tab[0][i] & 0xff];
		crc_tab[2][i] = (crc_tab[1][i] >> 8) ^ crc_tab[0][crc_tab[1][i] & 0xff];
		crc_tab[3][i] = (crc_tab[2][i] >> 8) ^ crc_tab[0][crc_tab[2][i] & 0xff];
	}
}

uint32_t md_crc(uint32_t seed, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t c = seed;

	pthread_once(&crc_once, crc_init);

	while (len >= 4) {
		c ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		     (uint32_t)p[3] << 24;
		c = crc_tab[3][c & 0xff] ^ crc_tab[2][(c >> 8) & 0xff] ^
		    crc_tab[1][(c >> 16) & 0xff] ^ crc_tab[0][c >> 24];
		p += 4;
		len -= 4;
	}
	while (len--)
		c = crc_tab[0][(c ^ *p++) & 0xff] ^ (c >> 8);
	return c;
}
