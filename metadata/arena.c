/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define ARENA_CHUNK (64 * 1024)

struct md_arena_chunk {
	struct md_arena_chunk *next;
	max_align_t data[];
};

struct md_arena *md_arena_new(void)
{
	struct md_arena *a = calloc(1, sizeof(struct md_arena));

	if (a)
		a->refs = 1;
	return a;
}

struct md_arena *md_arena_ref(struct md_arena *a)
{
	a->refs++;
	return a;
}

void md_arena_free(struct md_arena *a)
{
	if (!a || --a->refs)
		return;
	while (a->head) {
		struct md_arena_chunk *c = a->head;

		a->head = c->next;
		free(c);
	}
	free(a);
}

/*
 * A chunk of its own for a large request (the current chunk stays the one
 * small requests use); otherwise a fresh chunk, doubling in size up to
 * 1 MiB as the arena grows, so that a big text costs few mallocs.
 */
void *md_arena_alloc_chunk(struct md_arena *a, size_t size)
{
	size_t n = (size + MD_ARENA_ALIGN - 1) & ~(size_t)(MD_ARENA_ALIGN - 1);
	size_t want = a->end ? (size_t)(a->end - (char *)a->head->data) * 2 : ARENA_CHUNK;
	struct md_arena_chunk *c;

	if (n < size || n > SIZE_MAX / 2)
		return NULL;
	if (want > 16 * ARENA_CHUNK)
		want = 16 * ARENA_CHUNK;
	if (n > want / 4) {
		if (!(c = malloc(sizeof(*c) + n)))
			return NULL;
		if (a->head) {	/* behind the current chunk */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->cur = a->end = (char *)c->data + n;
		}
		return c->data;
	}
	if (!(c = malloc(sizeof(*c) + want)))
		return NULL;
	c->next = a->head;
	a->head = c;
	a->cur = (char *)c->data + n;
	a->end = (char *)c->data + want;
	return c->data;
}

char *md_arena_strndup(struct md_arena *a, const char *s, size_t n)
{
	char *p = n + 1 ? md_arena_alloc_raw(a, n + 1) : NULL;

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
