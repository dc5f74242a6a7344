/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

/* 32-bit FNV-1a */
#define FNV_OFFSET_BASIS 2166136261u
#define FNV_PRIME 16777619u
#define HMAP_MIN_SLOTS 16u

static uint32_t hash_str(const char *s)
{
	uint32_t h = FNV_OFFSET_BASIS;

	while (*s)
		h = (h ^ (unsigned char)*s++) * FNV_PRIME;
	return h;
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
