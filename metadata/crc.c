/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "crc.h"

/*
 * Slicing-by-8 tables, generated once at first use (8 KiB): eight bytes
 * per step, about one table load per byte.  A 300 KB text of 1000 LVs costs
 * well under a million instructions.
 */
static uint32_t crc_tab[8][256];
#if defined(__x86_64__) && defined(__GNUC__)
#define CRC_FOLD 1
static bool have_clmul;	/* set once, with the tables */
#endif
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
		crc_tab[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 8; t++)
			crc_tab[t][i] = (crc_tab[t - 1][i] >> 8) ^ crc_tab[0][crc_tab[t - 1][i] & 0xff];
#ifdef CRC_FOLD
	__builtin_cpu_init();
	have_clmul = __builtin_cpu_supports("pclmul") && !getenv("VOLUME_CRC_NO_CLMUL");
#endif
}

static inline uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#ifdef CRC_FOLD
#include <immintrin.h>

/*
 * The same CRC by carry-less multiplication, 64 bytes per step, on CPUs
 * with PCLMULQDQ: a text of 300 KB in a few thousand instructions.  The
 * state is four 128-bit lanes of the message; each step folds a lane over
 * the 512 bits that follow it (multiplying its halves by x^(512+32) and
 * x^(512-32) mod P), then the lanes fold into one (x^(128+/-32) mod P), and
 * 128 bits reduce to 32 (x^64 mod P, then Barrett with floor(x^64 / P)).
 * All constants are bit-reflected, as the CRC is, and were derived for
 * P = 0x104C11DB7; the unit tests check this path against the bitwise
 * definition at every length.
 */
#define K_512P 0x154442bd4ull	/* (x^544 mod P)' << 1 */
#define K_512M 0x1c6e41596ull	/* (x^480 mod P)' << 1 */
#define K_128P 0x1751997d0ull	/* (x^160 mod P)' << 1 */
#define K_128M 0x0ccaa009eull	/* (x^96 mod P)' << 1 */
#define K_64 0x163cd6124ull	/* (x^64 mod P)' << 1 */
#define K_MU 0x1f7011641ull	/* (x^64 div P)' */
#define K_P 0x1db710641ull	/* P' */

__attribute__((target("pclmul,sse2"))) static __m128i fold(__m128i x, __m128i k, __m128i next)
{
	/* low half times k's low constant, high half times its high one */
	return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x00),
					   _mm_clmulepi64_si128(x, k, 0x11)), next);
}

/* @len >= 64 and a multiple of 16. */
__attribute__((target("pclmul,sse2"))) static uint32_t crc_fold(uint32_t seed,
								 const unsigned char *p, size_t len)
{
	const __m128i k512 = _mm_set_epi64x((long long)K_512M, (long long)K_512P);
	const __m128i k128 = _mm_set_epi64x((long long)K_128M, (long long)K_128P);
	const __m128i lo32 = _mm_set_epi32(0, 0, 0, -1);
	__m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 32));
	__m128i x3 = _mm_loadu_si128((const __m128i *)(const void *)(p + 48));
	__m128i t;

	x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)seed));
	for (p += 64, len -= 64; len >= 64; p += 64, len -= 64) {
		x0 = fold(x0, k512, _mm_loadu_si128((const __m128i *)(const void *)p));
		x1 = fold(x1, k512, _mm_loadu_si128((const __m128i *)(const void *)(p + 16)));
		x2 = fold(x2, k512, _mm_loadu_si128((const __m128i *)(const void *)(p + 32)));
		x3 = fold(x3, k512, _mm_loadu_si128((const __m128i *)(const void *)(p + 48)));
	}
	x0 = fold(fold(fold(x0, k128, x1), k128, x2), k128, x3);
	for (; len >= 16; p += 16, len -= 16)
		x0 = fold(x0, k128, _mm_loadu_si128((const __m128i *)(const void *)p));
	/* 128 -> 96 bits: the low half times x^96 mod P, onto the high half */
	x0 = _mm_xor_si128(_mm_srli_si128(x0, 8), _mm_clmulepi64_si128(x0, k128, 0x10));
	/* 96 -> 64: the low 32 bits times x^64 mod P, onto the rest */
	t = _mm_clmulepi64_si128(_mm_and_si128(x0, lo32), _mm_set_epi64x(0, (long long)K_64), 0x00);
	x0 = _mm_xor_si128(_mm_srli_si128(x0, 4), t);
	/* Barrett: the quotient's low 32 bits, times P, cancel all but the CRC */
	t = _mm_clmulepi64_si128(_mm_and_si128(x0, lo32), _mm_set_epi64x(0, (long long)K_MU), 0x00);
	t = _mm_clmulepi64_si128(_mm_and_si128(t, lo32), _mm_set_epi64x(0, (long long)K_P), 0x00);
	x0 = _mm_xor_si128(x0, t);
	return (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(x0, 4));
}
#endif

uint32_t md_crc(uint32_t seed, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t c = seed;

	pthread_once(&crc_once, crc_init);
#ifdef CRC_FOLD
	if (have_clmul && len >= 64) {
		size_t n = len / 16 * 16;

		c = crc_fold(c, p, n);
		p += n;
		len -= n;
	}
#endif

	while (len >= 8) {
		uint32_t lo = c ^ le32(p), hi = le32(p + 4);

		c = crc_tab[7][lo & 0xff] ^ crc_tab[6][(lo >> 8) & 0xff] ^
		    crc_tab[5][(lo >> 16) & 0xff] ^ crc_tab[4][lo >> 24] ^
		    crc_tab[3][hi & 0xff] ^ crc_tab[2][(hi >> 8) & 0xff] ^
		    crc_tab[1][(hi >> 16) & 0xff] ^ crc_tab[0][hi >> 24];
		p += 8;
		len -= 8;
	}
	while (len--)
		c = crc_tab[0][(c ^ *p++) & 0xff] ^ (c >> 8);
	return c;
}
