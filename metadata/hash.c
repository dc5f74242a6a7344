/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

#define HMAP_MIN_SLOTS 16u

/*
 * FNV-1a over 8 bytes at a time (ids are 32 characters: 4 steps, not 32),
 * the last step over what is left; mixed at the end so that the low bits,
 * which pick the slot, depend on every byte.
 */
static uint32_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull, w;
	size_t n = strlen(s);

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ull;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w ^ ((uint64_t)n << 56)) * 0x100000001b3ull;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (uint32_t)h;
}

int md_hmap_init(struct md_hmap *m, uint32_t n)
{
	uint32_t size = HMAP_MIN_SLOTS;

	while (size < 2 * (uint64_t)n)
		size *= 2;
	m->keys = calloc(size, sizeof(*m->keys));
	m->vals = calloc(size, sizeof(*m->vals));
	m->mask = size - 1;
	if (!m->keys || !m->vals) {
		md_hmap_free(m);
		return -ENOMEM;
	}
	return 0;
}

void md_hmap_free(struct md_hmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
}

int32_t md_hmap_put(struct md_hmap *m, const char *key, int32_t val)
{
	for (uint32_t i = hash_str(key) & m->mask;; i = (i + 1) & m->mask) {
		if (!m->keys[i]) {
			m->keys[i] = key;
			m->vals[i] = val;
			return -1;
		}
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	}
}

int32_t md_hmap_get(const struct md_hmap *m, const char *key)
{
	for (uint32_t i = hash_str(key) & m->mask;; i = (i + 1) & m->mask) {
		if (!m->keys[i])
			return -1;
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	}
}
