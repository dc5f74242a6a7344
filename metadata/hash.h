/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_HASH_H
#define VOLUME_METADATA_HASH_H

/* A fixed-size open-addressing map from borrowed strings to indices. */
#include <stdint.h>

struct md_hmap {
	const char **keys;
	int32_t *vals;
	uint32_t mask;
};

int md_hmap_init(struct md_hmap *m, uint32_t n);	/* room for n keys; -ENOMEM */
void md_hmap_free(struct md_hmap *m);
/* Insert; returns the existing index if @key is already present, else -1. */
int32_t md_hmap_put(struct md_hmap *m, const char *key, int32_t val);
int32_t md_hmap_get(const struct md_hmap *m, const char *key);	/* -1 if absent */

#endif
