/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define ARENA_CHUNK (64 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct md_arena {
	struct chunk *head;
};

struct md_arena *md_arena_new(void)
{
	return calloc(1, sizeof(struct md_arena));
}

void md_arena_free(struct md_arena *a)
{
	if (!a)
		return;
	while (a->head) {
		struct chunk *c = a->head;

		a->head = c->next;
		free(c);
	}
	free(a);
}

void *md_arena_alloc(struct md_arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct chunk *c = a->head;
	void *p;

	if (size > SIZE_MAX - 2 * align)
		return NULL;
	size = (size + align - 1) / align * align;
	if (!c || c->size - c->used < size) {
		size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = malloc(sizeof(*c) + want);
		if (!c)
			return NULL;
		c->size = want;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *md_arena_strndup(struct md_arena *a, const char *s, size_t n)
{
	char *p = md_arena_alloc(a, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *md_arena_strdup(struct md_arena *a, const char *s)
{
	return md_arena_strndup(a, s, strlen(s));
}
