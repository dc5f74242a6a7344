/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_CONFIG_H
#define VOLUME_METADATA_CONFIG_H

/*
 * LVM2's config syntax: a tree of sections and key = value items, where a
 * value is an integer, a float, a string or a flat array of those.  The
 * parser allocates everything from an arena and keeps every node, known or
 * not, so unknown content can be written back unchanged.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Sections nest at most MD_CFG_MAX_DEPTH - 1 deep.  lvm2's parser has no
 * limit of its own (it recurses until its stack runs out, near 130000
 * levels); ours, and every walk over a tree, is iterative, so the limit
 * only bounds what a text may ask for.
 */
#define MD_CFG_MAX_DEPTH (1u << 18)
/* lvm2's substitute for a creation_time beyond 64 bits: 2018-05-24. */
#define MD_CREATION_TIME_SUBSTITUTE 1527120000

/*
 * Bump allocator: many small allocations, one free.  The fields are
 * arena.c's; they are here for the inline fast path below (the parser
 * allocates a node per item).
 */
struct md_arena {
	char *cur, *end;	/* the free part of the newest chunk */
	struct md_arena_chunk *head;
	unsigned refs;
};
#define MD_ARENA_ALIGN 16u
struct md_arena *md_arena_new(void);
/* Drops a reference: the arena goes with the last one (md_arena_new gives one). */
void md_arena_free(struct md_arena *a);
/* Another reference, for a model that shares @a's strings (md_vg_clone_shared). */
struct md_arena *md_arena_ref(struct md_arena *a);
/* The slow path: a new chunk.  Not zeroed. */
void *md_arena_alloc_chunk(struct md_arena *a, size_t size);

/* @size bytes, not zeroed; NULL on ENOMEM. */
static inline void *md_arena_alloc_raw(struct md_arena *a, size_t size)
{
	size_t n = (size + MD_ARENA_ALIGN - 1) & ~(size_t)(MD_ARENA_ALIGN - 1);
	char *p = a->cur;

	if (size > PTRDIFF_MAX / 2)
		return NULL;
	if ((size_t)(a->end - p) < n)
		return md_arena_alloc_chunk(a, size);
	a->cur = p + n;
	return p;
}

/* @size zeroed bytes; NULL on ENOMEM. */
static inline void *md_arena_alloc(struct md_arena *a, size_t size)
{
	void *p = md_arena_alloc_raw(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}
char *md_arena_strndup(struct md_arena *a, const char *s, size_t n);
char *md_arena_strdup(struct md_arena *a, const char *s);

/* Growable output buffer; sticky error, so callers check once at the end. */
struct md_buf {
	char *p;
	size_t len, cap;
	int err;	/* 0 or -ENOMEM */
};
void md_buf_init(struct md_buf *b);
void md_buf_free(struct md_buf *b);
/* The slow path of md_buf_put: grows the buffer first. */
void md_buf_put_grow(struct md_buf *b, const char *s, size_t n);
/* Appends @n bytes; the buffer stays NUL-terminated. */
static inline void md_buf_put(struct md_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len > n) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
		return;
	}
	md_buf_put_grow(b, s, n);
}
void md_buf_puts(struct md_buf *b, const char *s);
static inline void md_buf_putc(struct md_buf *b, char c)
{
	if (b->cap - b->len > 1) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
		return;
	}
	md_buf_put_grow(b, &c, 1);
}
/* Decimal, without printf. */
void md_buf_u64(struct md_buf *b, uint64_t v);
void md_buf_i64(struct md_buf *b, int64_t v);
void md_buf_printf(struct md_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void md_buf_vprintf(struct md_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Writes "s" in double quotes, escaping " and \ */
void md_buf_quoted(struct md_buf *b, const char *s);

enum md_cv_type { MD_CV_INT, MD_CV_FLOAT, MD_CV_STRING };

struct md_cv {
	enum md_cv_type type;
	/*
	 * An integer too large for 64 bits under a key named creation_time: as
	 * in lvm2, read as MD_CREATION_TIME_SUBSTITUTE instead of failing.
	 */
	bool repaired;
	int64_t i;
	const char *s;	/* the string, or a float's text */
	struct md_cv *next;
};

/*
 * The words every VG text repeats (keys, flag words, the usual segment
 * type).  The parser hands each out as one static string, and a key's node
 * carries its number, its atom, so that importers find keys in their
 * tables without comparing strings.  Atom 0 is every other word.
 */
#define MD_ATOM_LIST(X)                                                                    \
	X(id) X(type) X(tags) X(flags) X(seqno) X(major) X(minor) X(status) X(device)      \
	X(format) X(max_lv) X(max_pv) X(stripes) X(version) X(ba_size) X(segment1)         \
	X(pe_start) X(pe_count) X(dev_size) X(contents) X(ba_start) X(read_ahead)          \
	X(extent_size) X(stripe_size) X(description) X(start_extent) X(extent_count)       \
	X(stripe_count) X(creation_time) X(creation_host) X(segment_count)                \
	X(logical_volumes) X(metadata_copies) X(physical_volumes) X(allocation_policy)     \
	X(READ) X(WRITE) X(VISIBLE) X(striped) X(RESIZEABLE) X(ALLOCATABLE)
#define MD_ATOM_ENUM(w) MD_ATOM_##w,
enum md_atom { MD_ATOM_NONE, MD_ATOM_LIST(MD_ATOM_ENUM) MD_ATOM_COUNT };
#undef MD_ATOM_ENUM
/* The atom of @s (MD_ATOM_NONE for a word that has none). */
unsigned md_atom(const char *s);

struct md_cn {
	const char *key;
	struct md_cn *next;	/* sibling */
	struct md_cn *child;	/* a section's items */
	struct md_cn *parent;	/* the section holding it; NULL at the top (see md_cn_walk) */
	struct md_cv *v;	/* a value, or an array's first element */
	unsigned line;
	bool section;
	bool array;
	uint8_t atom;		/* the key's atom, when the parser made the node; else 0 */
};

struct md_err {
	const char *why;	/* static text naming the problem */
	unsigned line;		/* 1-based line in the text, 0 if none */
	char detail[96];	/* the object concerned, when known */
};

void md_err_set(struct md_err *e, unsigned line, const char *why, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Parse @len bytes of text (stopping early at a NUL) into a list of
 * top-level nodes.  Returns 0 or -EINVAL with @err filled in.  Strings
 * read as lvm2 reads them: in "...", \" and \\ lose their backslash and
 * any other backslash is kept; '...' has no escapes.
 */
int md_cfg_parse(struct md_arena *a, const char *text, size_t len, struct md_cn **root,
		 struct md_err *err);
/* The same, and where the first top-level section lies: [*start, *end) from
 * its key to just after its closing brace (both 0 when there is none). */
int md_cfg_parse_span(struct md_arena *a, const char *text, size_t len, struct md_cn **root,
		      struct md_err *err, size_t *start, size_t *end);
/* The same with the strings (keys and values) in @sa and the nodes in @a:
 * what keeps only strings of the tree can free @a after (md_vg_import);
 * *@repaired (if not NULL) tells whether some value is MD_CREATION_TIME_SUBSTITUTE
 * for an integer beyond 64 bits. */
/* Where the sections three levels down (a VG's PVs and LVs) lie in the text. */
struct md_cfg_span {
	const struct md_cn *cn;
	size_t start, end;	/* from the section's name to just after its '}' */
};
struct md_cfg_spans {
	struct md_cfg_span *v;	/* in text order; allocated from the node arena */
	size_t n, cap;
};
int md_cfg_parse_split(struct md_arena *a, struct md_arena *sa, const char *text, size_t len,
		       struct md_cn **root, struct md_err *err, size_t *start, size_t *end,
		       bool *repaired, struct md_cfg_spans *spans);

const struct md_cn *md_cn_find(const struct md_cn *first, const char *key);
/*
 * A depth-first walk of the subtree under a node (its siblings left out),
 * without recursion: the node after @cn, or NULL when the subtree is done.
 * *@depth is @cn's depth below the subtree's top (0 for the top itself) and
 * is updated to the returned node's; a drop in depth is the number of
 * sections left on the way.  It follows ->parent up, so every node below
 * the top must have it set (md_cfg_parse and md_cn_clone set it).
 *	unsigned depth = 0;
 *
 *	for (const struct md_cn *c = top; c; c = md_cn_walk(c, &depth))
 *		...
 */
const struct md_cn *md_cn_walk(const struct md_cn *cn, unsigned *depth);
struct md_cn *md_cn_new(struct md_arena *a, const char *key);
/*
 * Write a node and its subtree: one item per line, @indent tabs deep (-1:
 * none), each level one tab more up to MD_CFG_MAX_INDENT tabs (a text
 * nested 100000 deep stays linear in size).
 */
#define MD_CFG_MAX_INDENT 16
void md_cn_write(struct md_buf *b, const struct md_cn *cn, int indent);
/* Deep-copy @cn (and its siblings when @siblings) into @a; the top copies' ->parent is NULL. */
struct md_cn *md_cn_clone(struct md_arena *a, const struct md_cn *cn, bool siblings);
/* Two lists of trees alike: keys, kinds and values (lines and md_cv.repaired aside). */
bool md_cn_equal(const struct md_cn *a, const struct md_cn *b);

#endif
