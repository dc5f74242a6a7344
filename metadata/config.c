/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Parser and writer for LVM2's config syntax.  Nothing here recurses: the
 * parser keeps its place in the tree through ->parent, and the writer and
 * the clone walk trees with md_cn_walk, so a text nested as deep as
 * MD_CFG_MAX_DEPTH costs no stack.  Every scan is bounded by the input
 * length.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "config.h"

enum tok { T_EOF, T_LBRACE, T_RBRACE, T_LBRACKET, T_RBRACKET, T_EQ, T_COMMA,
	   T_STRING, T_WORD, T_INT, T_FLOAT, T_ERR };

struct lexer {
	struct md_arena *a;	/* nodes and values */
	struct md_arena *sa;	/* strings (what a model keeps of the tree) */
	const char *p, *end;
	unsigned line;
	/* current token */
	enum tok t;
	const char *val;	/* T_STRING/T_WORD/T_FLOAT text, arena-owned or static */
	uint8_t atom;		/* T_STRING/T_WORD: val's atom */
	int64_t num;
	bool repaired;		/* T_INT: num is lvm2's creation_time substitute */
	bool any_repaired;	/* some value of the text was */
	struct md_cfg_spans *spans;	/* where to note third-level sections, or NULL */
	const char *key;	/* the key whose value is being read */
	unsigned tline;
	const char *tstart;	/* where the current token starts */
	bool in_array;		/* between '[' and ']': every token is a value */
	struct md_err *err;
};

void md_err_set(struct md_err *e, unsigned line, const char *why, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	e->why = why;
	e->line = line;
	e->detail[0] = '\0';
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
		va_end(ap);
	}
}

static int fail(struct lexer *lx, const char *why)
{
	md_err_set(lx->err, lx->tline ? lx->tline : lx->line, why, NULL);
	lx->t = T_ERR;
	return -EINVAL;
}

/* Character classes of the lexer: one table load per byte. */
enum { C_SPACE = 1, C_DELIM = 2 };
static const unsigned char cclass[256] = {
	['\0'] = C_DELIM, [' '] = C_SPACE | C_DELIM, ['\t'] = C_SPACE | C_DELIM,
	['\n'] = C_SPACE | C_DELIM, ['\r'] = C_SPACE | C_DELIM, ['\v'] = C_SPACE | C_DELIM,
	['\f'] = C_SPACE | C_DELIM, ['#'] = C_DELIM, ['='] = C_DELIM, ['{'] = C_DELIM,
	['}'] = C_DELIM, ['['] = C_DELIM, [']'] = C_DELIM, [','] = C_DELIM, ['"'] = C_DELIM,
	['\''] = C_DELIM,
};

static bool is_delim(char c)
{
	return cclass[(unsigned char)c] & C_DELIM;
}

#define MD_ATOM_WORD(w) #w,
static const char *const atom_words[MD_ATOM_COUNT] = { NULL, MD_ATOM_LIST(MD_ATOM_WORD) };
#undef MD_ATOM_WORD

/* The atom of the @n bytes at @s, or MD_ATOM_NONE: a switch on the length,
 * then a fixed-size compare or two. */
static unsigned intern(const char *s, size_t n)
{
#define W(w) if (!memcmp(s, #w, sizeof(#w) - 1)) return MD_ATOM_##w
	switch (n) {
	case 2: W(id); break;
	case 4: W(READ); W(type); W(tags); break;
	case 5: W(WRITE); W(flags); W(seqno); W(major); W(minor); break;
	case 6: W(status); W(device); W(format); W(max_lv); W(max_pv); break;
	case 7: W(VISIBLE); W(stripes); W(striped); W(version); W(ba_size); break;
	case 8: W(segment1); W(pe_start); W(pe_count); W(dev_size); W(contents); W(ba_start); break;
	case 10: W(RESIZEABLE); W(read_ahead); break;
	case 11: W(ALLOCATABLE); W(extent_size); W(stripe_size); W(description); break;
	case 12: W(start_extent); W(extent_count); W(stripe_count); break;
	case 13: W(creation_time); W(creation_host); W(segment_count); break;
	case 15: W(logical_volumes); W(metadata_copies); break;
	case 16: W(physical_volumes); break;
	case 17: W(allocation_policy); break;
	default: break;
	}
	return MD_ATOM_NONE;
#undef W
}

unsigned md_atom(const char *s)
{
	return intern(s, strlen(s));
}

/* A word's text: the static string of its atom (no copy), or a copy. */
static const char *word_value(struct lexer *lx, const char *s, size_t n)
{
	unsigned a = intern(s, n);

	lx->atom = (uint8_t)a;
	return a ? atom_words[a] : md_arena_strndup(lx->sa, s, n);
}

static const char *comment_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *nul;

	if (!nl)
		nl = end;
	nul = memchr(p, '\0', (size_t)(nl - p));
	return nul ? nul : nl;
}

/* Spaces, newlines and comments: the first byte after them (*@line counts
 * the newlines).  The general lexer and the fast path both skip with it. */
static inline const char *gap(const char *p, const char *end, unsigned *line)
{
	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			++*line;
			p++;
		} else if (cclass[c] & C_SPACE) {
			p++;
		} else if (c == '#') {
			p = comment_end(p, end);
		} else {
			break;
		}
	}
	return p;
}

static inline __attribute__((always_inline)) void skip_space(struct lexer *lx)
{
	unsigned line = lx->line;	/* in a register while gap() runs */

	lx->p = gap(lx->p, lx->end, &line);
	lx->line = line;
}

/* The first '"', '\\', newline or NUL at or after @p, or @end. */
static inline const char *dq_stop(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), nl = _mm_set1_epi8('\n'),
		      z = _mm_setzero_si128();

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, bs)),
					 _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, z)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);

		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	while (p < end && *p != '"' && *p != '\\' && *p != '\n' && *p != '\0')
		p++;
	return p;
}

/*
 * As lvm2 reads "...": a backslash hides the next character from the end
 * search, then only \" and \\ lose it; any other \x stays as it is.
 */
static int lex_dquote(struct lexer *lx)
{
	const char *s = ++lx->p, *p = s, *end = lx->end;
	unsigned line = lx->line;
	bool esc = false;
	char *out, *o;

	while ((p = dq_stop(p, end)) < end && *p != '"' && *p != '\0') {
		if (*p == '\\' && p + 1 < end && p[1] != '\0') {
			p++;
			esc = true;
		}
		if (*p == '\n')
			line++;
		p++;
	}
	lx->p = p;
	lx->line = line;
	if (p >= end || *p != '"')
		return fail(lx, "unterminated string");
	lx->p++;
	lx->t = T_STRING;
	if (!esc) {
		if (!(lx->val = word_value(lx, s, (size_t)(p - s))))
			return fail(lx, "out of memory");
		return 0;
	}
	lx->atom = MD_ATOM_NONE;
	out = o = md_arena_alloc_raw(lx->sa, (size_t)(p - s) + 1);
	if (!out)
		return fail(lx, "out of memory");
	for (const char *q = s; q < p; q++) {
		if (*q == '\\' && (q[1] == '"' || q[1] == '\\'))
			q++;
		*o++ = *q;
	}
	*o = '\0';
	lx->val = out;
	return 0;
}

static int lex_squote(struct lexer *lx)
{
	const char *s = ++lx->p;

	while (lx->p < lx->end && *lx->p != '\'' && *lx->p != '\0') {
		if (*lx->p == '\n')
			lx->line++;
		lx->p++;
	}
	if (lx->p >= lx->end || *lx->p != '\'')
		return fail(lx, "unterminated string");
	lx->val = md_arena_strndup(lx->sa, s, (size_t)(lx->p - s));
	if (!lx->val)
		return fail(lx, "out of memory");
	lx->atom = MD_ATOM_NONE;
	lx->p++;
	lx->t = T_STRING;
	return 0;
}

/* A number with a dot: digits around one dot, kept as text. */
static int lex_float(struct lexer *lx, const char *s, const char *q, const char *e)
{
	const char *dot = memchr(q, '.', (size_t)(e - q));

	for (const char *c = q; c < e; c++)
		if (c != dot && (*c < '0' || *c > '9'))
			return fail(lx, "malformed number");
	if (dot == q || dot + 1 == e)
		return fail(lx, "malformed number");
	lx->val = md_arena_strndup(lx->sa, s, (size_t)(e - s));
	if (!lx->val)
		return fail(lx, "out of memory");
	lx->t = T_FLOAT;
	return 0;
}

/* Integers follow strtoll(base 0) minus hex: a leading 0 means octal. */
static int lex_number(struct lexer *lx, const char *s, const char *e)
{
	const char *q = s, *d;
	bool neg = false, over = false;
	uint64_t v = 0, lim;
	unsigned base = 10;

	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	for (d = q; d < e && (unsigned char)(*d - '0') < 10; d++)
		;
	if (*q == '0' && e - q > 1)
		base = 8;
	if (d != e) {
		if (memchr(q, '.', (size_t)(e - q)))
			return lex_float(lx, s, q, e);
		return fail(lx, base == 8 ? "malformed octal number" : "malformed number");
	}
	if (q == e)
		return fail(lx, "malformed number");
	if (base == 8)
		q++;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	/* Up to 18 decimal or 20 octal digits cannot overflow: no checks then. */
	if (e - q <= (base == 10 ? 18 : 20)) {
		for (; q < e; q++) {
			if (*q >= (char)('0' + base))
				return fail(lx, "malformed octal number");
			v = v * base + (unsigned)(*q - '0');
		}
	} else {
		for (; q < e; q++) {
			unsigned dg = (unsigned)(*q - '0');

			if (dg >= base)
				return fail(lx, "malformed octal number");
			over |= v > (lim - dg) / base;
			v = v * base + dg;
		}
	}
	lx->num = neg ? (int64_t)(0 - v) : (int64_t)v;
	lx->repaired = over;
	lx->any_repaired |= over;
	lx->t = T_INT;
	/*
	 * lvm2 fails on an integer beyond 64 bits ("Failed to read int
	 * token"), except under a key named creation_time, which old 32-bit
	 * builds could write out of range: that one reads as a fixed date.
	 */
	if (over && (!lx->key || strcmp(lx->key, "creation_time")))
		return fail(lx, "number out of range");
	if (over)
		lx->num = MD_CREATION_TIME_SUBSTITUTE;
	return 0;
}

static inline __attribute__((always_inline)) int next(struct lexer *lx)
{
	const char *s, *p, *end;
	bool values;

	skip_space(lx);
	lx->tline = lx->line;
	lx->tstart = lx->p;
	if (lx->p >= lx->end || *lx->p == '\0') {
		lx->t = T_EOF;
		return 0;
	}
	switch (*lx->p) {
	case '{': lx->t = T_LBRACE; lx->p++; return 0;
	case '}': lx->t = T_RBRACE; lx->p++; return 0;
	case '[': lx->t = T_LBRACKET; lx->p++; return 0;
	case ']': lx->t = T_RBRACKET; lx->p++; return 0;
	case '=': lx->t = T_EQ; lx->p++; return 0;
	case ',': lx->t = T_COMMA; lx->p++; return 0;
	case '"': return lex_dquote(lx);
	case '\'': return lex_squote(lx);
	default: break;
	}
	/* As in lvm2, a number is only lexed where a value may stand: a key or
	 * section name such as an LV called "0lv" is a word. */
	values = lx->t == T_EQ || lx->t == T_LBRACKET || lx->t == T_COMMA || lx->in_array;
	s = p = lx->p;
	end = lx->end;
	while (p < end && !(cclass[(unsigned char)*p] & C_DELIM))
		p++;
	lx->p = p;
	if (values && ((*s >= '0' && *s <= '9') ||
		       ((*s == '-' || *s == '+') && s + 1 < p && s[1] >= '0' && s[1] <= '9')))
		return lex_number(lx, s, p);
	if (!(lx->val = word_value(lx, s, (size_t)(p - s))))
		return fail(lx, "out of memory");
	lx->t = T_WORD;
	return 0;
}

/* The current token as a value into @v. */
static int scalar(struct lexer *lx, struct md_cv *v)
{
	switch (lx->t) {
	case T_INT:
		v->type = MD_CV_INT;
		v->i = lx->num;
		v->repaired = lx->repaired;
		return 0;
	case T_FLOAT:
		v->type = MD_CV_FLOAT;
		v->s = lx->val;
		return 0;
	case T_STRING:
	case T_WORD:
		v->type = MD_CV_STRING;
		v->s = lx->val;
		return 0;
	default:
		return fail(lx, "expected a value");
	}
}

static int parse_array(struct lexer *lx, struct md_cn *cn)
{
	struct md_cv **tail = &cn->v;

	cn->array = true;
	lx->in_array = true;
	if (next(lx))
		return -EINVAL;
	while (lx->t != T_RBRACKET) {
		if (lx->t == T_EOF)
			return fail(lx, "unterminated array");
		if (lx->t == T_LBRACKET)
			return fail(lx, "nested arrays are not allowed");
		if (!(*tail = md_arena_alloc(lx->a, sizeof(**tail))))
			return fail(lx, "out of memory");
		if (scalar(lx, *tail))
			return -EINVAL;
		tail = &(*tail)->next;
		if (next(lx))
			return -EINVAL;
		if (lx->t == T_COMMA && next(lx))
			return -EINVAL;
	}
	lx->in_array = false;
	return next(lx);
}

/* A node and its one value, in one allocation: most items are "key = value". */
struct cn_scalar {
	struct md_cn cn;
	struct md_cv v;
};

/*
 * One item into *@out, under @parent (at @depth sections deep): its key,
 * then a value, or the "{" that opens it as a section.
 */
static int parse_item(struct lexer *lx, struct md_cn *parent, unsigned depth,
		      struct md_cn **out)
{
	const char *key = lx->val;
	unsigned line = lx->tline;
	uint8_t atom = lx->atom;
	struct cn_scalar *kv;
	struct md_cn *cn;

	if (lx->t != T_WORD && lx->t != T_STRING)
		return fail(lx, "expected a key or section name");
	if (!*key)
		return fail(lx, "empty key or section name");
	if (next(lx))
		return -EINVAL;
	if (lx->t == T_EQ) {
		lx->key = key;
		if (next(lx))
			return -EINVAL;
		if (lx->t == T_LBRACKET) {
			if (!(*out = cn = md_arena_alloc(lx->a, sizeof(*cn))))
				return fail(lx, "out of memory");
			cn->key = key;
			cn->line = line;
			cn->parent = parent;
			cn->atom = atom;
			return parse_array(lx, cn);
		}
		if (!(kv = md_arena_alloc(lx->a, sizeof(*kv))))
			return fail(lx, "out of memory");
		*out = &kv->cn;
		kv->cn.key = key;
		kv->cn.line = line;
		kv->cn.parent = parent;
		kv->cn.atom = atom;
		kv->cn.v = &kv->v;
		return scalar(lx, &kv->v) ? -EINVAL : next(lx);
	}
	if (lx->t != T_LBRACE)
		return fail(lx, "expected '=' or '{' after a key");
	if (depth + 1 >= MD_CFG_MAX_DEPTH)
		return fail(lx, "sections nested too deeply");
	if (!(*out = cn = md_arena_alloc(lx->a, sizeof(*cn))))
		return fail(lx, "out of memory");
	cn->key = key;
	cn->line = line;
	cn->parent = parent;
	cn->atom = atom;
	cn->section = true;
	return next(lx);
}

/*
 * The fast path.  Nearly every item of a metadata text is "key = value",
 * "key = [values]" or "key {" with a plain word for a key, a string
 * without escapes or a small decimal for a value, and blanks in between.
 * Such items are read here, straight from the text; at anything else (a
 * comment between tokens, a quoted key, an escape, a float, a sign, a big
 * or octal number, an error) the item is read again from its start by the
 * general parser above, which gives the same tree and the same errors.
 */
static inline const char *blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A value at @p into @v: the position after it, or NULL (the general parser decides). */
static inline const char *fast_value(struct lexer *lx, const char *p, const char *end,
				     struct md_cv *v)
{
	if (*p == '"') {
		const char *s = p + 1, *q = dq_stop(s, end);

		if (q >= end || *q != '"' || !(v->s = word_value(lx, s, (size_t)(q - s))))
			return NULL;
		v->type = MD_CV_STRING;
		return q + 1;
	}
	if (*p >= '0' && *p <= '9') {
		const char *q = p;
		uint64_t n = 0;

		for (; q < end && (unsigned char)(*q - '0') < 10; q++)
			n = n * 10 + (unsigned)(*q - '0');
		if (q - p > 18 || (*p == '0' && q - p > 1) ||
		    (q < end && !(cclass[(unsigned char)*q] & C_DELIM)))
			return NULL;
		v->type = MD_CV_INT;
		v->i = (int64_t)n;
		return q;
	}
	return NULL;
}

/* "[...]" at @p into @cn: the position after it, or NULL. */
static const char *fast_array(struct lexer *lx, const char *p, const char *end, unsigned *line,
			      struct md_cn *cn)
{
	struct md_cv **tail = &cn->v, v;
	unsigned l = *line;

	for (p++;;) {
		const char *q;

		memset(&v, 0, sizeof(v));
		while (p < end && (cclass[(unsigned char)*p] & C_SPACE))
			l += *p++ == '\n';
		if (p >= end)
			return NULL;
		if (*p == ']')
			break;
		if (!(q = fast_value(lx, p, end, &v)) || !(*tail = md_arena_alloc_raw(lx->a, sizeof(v))))
			return NULL;
		**tail = v;
		tail = &(*tail)->next;
		for (p = q; p < end && (cclass[(unsigned char)*p] & C_SPACE); p++)
			l += *p == '\n';
		if (p < end && *p == ',')
			p++;
	}
	*tail = NULL;
	cn->array = true;
	*line = l;
	return p + 1;
}

/* The end of the word at @p: its first delimiter, or @end. */
static inline const char *word_end(const char *p, const char *end)
{
#ifdef __SSE2__
	/* Candidates 16 at a time: any byte up to ' ', or one of the other delimiters. */
	const __m128i sp = _mm_set1_epi8(' ');

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_cmpeq_epi8(_mm_min_epu8(v, sp), v);
		unsigned bits;

		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('{'))));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('}')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('#'))));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('[')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8(']'))));
		m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
		m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
		bits = (unsigned)_mm_movemask_epi8(m);
		while (bits) {	/* a control character that is no delimiter is part of the word */
			const char *c = p + __builtin_ctz(bits);

			if (cclass[(unsigned char)*c] & C_DELIM)
				return c;
			bits &= bits - 1;
		}
		p += 16;
	}
#endif
	while (p < end && !(cclass[(unsigned char)*p] & C_DELIM))
		p++;
	return p;
}

/* One item at @p (a word starts there) into *@out: the position after it, or NULL. */
static const char *fast_item(struct lexer *lx, const char *p, const char *end, unsigned *line,
			     unsigned depth, struct md_cn **out)
{
	const char *k = p, *q;
	struct cn_scalar *kv;
	struct md_cn *cn;
	struct md_cv v = { 0 };
	size_t kn;

	p = word_end(p, end);
	kn = (size_t)(p - k);
	/* " = " as lvm2 writes it, without a loop; any other spacing by blanks() */
	if (end - p > 3 && p[0] == ' ' && p[1] == '=' && p[2] == ' ' && p[3] != ' ' &&
	    p[3] != '\t') {
		p += 3;
		goto value;
	}
	p = blanks(p, end);
	if (p >= end || (*p != '=' && *p != '{'))
		return NULL;
	if (*p == '{') {
		if (depth + 1 >= MD_CFG_MAX_DEPTH || !(cn = md_arena_alloc(lx->a, sizeof(*cn))) ||
		    !(cn->key = word_value(lx, k, kn)))
			return NULL;
		cn->atom = lx->atom;
		cn->section = true;
		*out = cn;
		return p + 1;
	}
	p = blanks(p + 1, end);
value:
	if (p >= end)
		return NULL;
	if (*p == '[') {
		if (!(cn = md_arena_alloc(lx->a, sizeof(*cn))) || !(p = fast_array(lx, p, end, line, cn)) ||
		    !(cn->key = word_value(lx, k, kn)))
			return NULL;
		cn->atom = lx->atom;
		*out = cn;
		return p;
	}
	if (!(q = fast_value(lx, p, end, &v)) || !(kv = md_arena_alloc(lx->a, sizeof(*kv))) ||
	    !(kv->cn.key = word_value(lx, k, kn)))
		return NULL;
	kv->cn.atom = lx->atom;
	kv->v = v;
	kv->cn.v = &kv->v;
	*out = &kv->cn;
	return q;
}

static int parse(struct lexer *lx, struct md_cn **root, size_t *span_start, size_t *span_end);

/* A third-level section starts at @start (its end comes when it closes). */
static void note_span(struct lexer *lx, const struct md_cn *cn, size_t start)
{
	struct md_cfg_spans *s = lx->spans;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct md_cfg_span *v = md_arena_alloc_raw(lx->a, cap * sizeof(*v));

		if (!v) {	/* no spans then: they are an optimisation */
			lx->spans = NULL;
			return;
		}
		if (s->n)
			memcpy(v, s->v, s->n * sizeof(*v));
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = (struct md_cfg_span){ cn, start, 0 };
}

int md_cfg_parse(struct md_arena *a, const char *text, size_t len, struct md_cn **root,
		 struct md_err *err)
{
	size_t start, end;

	return md_cfg_parse_span(a, text, len, root, err, &start, &end);
}

int md_cfg_parse_span(struct md_arena *a, const char *text, size_t len, struct md_cn **root,
		      struct md_err *err, size_t *span_start, size_t *span_end)
{
	return md_cfg_parse_split(a, a, text, len, root, err, span_start, span_end, NULL, NULL);
}

int md_cfg_parse_split(struct md_arena *a, struct md_arena *sa, const char *text, size_t len,
		       struct md_cn **root, struct md_err *err, size_t *span_start, size_t *span_end,
		       bool *repaired, struct md_cfg_spans *spans)
{
	struct lexer lx = { .a = a, .sa = sa, .p = text, .end = text + len, .line = 1, .err = err,
			    .spans = spans };
	int r = parse(&lx, root, span_start, span_end);

	if (repaired)
		*repaired = lx.any_repaired;
	return r;
}

static int parse(struct lexer *lx, struct md_cn **root, size_t *span_start, size_t *span_end)
{
	const char *text = lx->p, *end = lx->end;
	const char *p = text, *q, *first = NULL, *item;
	struct md_cn *parent = NULL, **tail = root;
	unsigned depth = 0, line = 1, item_line;

	*root = NULL;
	*span_start = *span_end = 0;
	for (;;) {
		p = gap(p, end, &line);
		item = p;
		item_line = line;
		if (p < end && *p == '}' && parent) {
			/* the open section ends: go on after it */
			if (!parent->parent && first && !*span_end) {
				*span_start = (size_t)(first - text);
				*span_end = (size_t)(p + 1 - text);
			}
			if (depth == 3 && lx->spans && lx->spans->n &&
			    lx->spans->v[lx->spans->n - 1].cn == parent)
				lx->spans->v[lx->spans->n - 1].end = (size_t)(p + 1 - text);
			tail = &parent->next;
			parent = parent->parent;
			depth--;
			p++;
			continue;
		}
		if (!parent)
			first = p;	/* a top-level item starts here */
		if (p < end && *p && !(cclass[(unsigned char)*p] & C_DELIM) &&
		    (q = fast_item(lx, p, end, &line, depth, tail))) {
			(*tail)->line = item_line;
			(*tail)->parent = parent;
			p = q;
		} else {
			/* the general parser, for this item */
			line = item_line;
			lx->p = p;
			lx->line = line;
			lx->t = T_RBRACE;	/* no value is due: words are words */
			lx->in_array = false;
			if (next(lx))
				return -EINVAL;
			if (lx->t == T_EOF)
				return parent ? fail(lx, "missing '}'") : 0;
			if (lx->t == T_RBRACE)
				return fail(lx, "unbalanced '}'");
			if (parse_item(lx, parent, depth, tail))
				return -EINVAL;
			/* the token it read ahead is read again from its start */
			p = lx->tstart;
			line = lx->tline;
		}
		if ((*tail)->section) {
			if (depth == 2 && lx->spans)
				note_span(lx, *tail, (size_t)(item - text));
			parent = *tail;
			tail = &parent->child;
			depth++;
		} else {
			tail = &(*tail)->next;
		}
	}
}

const struct md_cn *md_cn_find(const struct md_cn *first, const char *key)
{
	unsigned atom = md_atom(key);

	/* a node the parser made knows its key's atom: one byte to compare */
	for (const struct md_cn *c = first; c; c = c->next)
		if (atom && c->atom ? c->atom == atom : !strcmp(c->key, key))
			return c;
	return NULL;
}

struct md_cn *md_cn_new(struct md_arena *a, const char *key)
{
	struct md_cn *cn = md_arena_alloc(a, sizeof(*cn));

	if (cn && key && !(cn->key = md_arena_strdup(a, key)))
		return NULL;
	return cn;
}

static void write_cv(struct md_buf *b, const struct md_cv *v)
{
	switch (v->type) {
	case MD_CV_INT:
		md_buf_printf(b, "%" PRId64, v->i);
		break;
	case MD_CV_FLOAT:
		md_buf_puts(b, v->s);
		break;
	case MD_CV_STRING:
		md_buf_quoted(b, v->s);
		break;
	}
}

static void write_key(struct md_buf *b, const char *key)
{
	bool bare = *key != '\0';

	for (const char *p = key; *p && bare; p++)
		bare = !is_delim(*p);
	if (bare)
		md_buf_puts(b, key);
	else
		md_buf_quoted(b, key);
}

const struct md_cn *md_cn_walk(const struct md_cn *cn, unsigned *depth)
{
	if (cn->section && cn->child) {
		++*depth;
		return cn->child;
	}
	while (*depth && !cn->next) {
		cn = cn->parent;
		--*depth;
	}
	return *depth ? cn->next : NULL;
}

/* The indentation of a line @depth levels below a node written at @indent. */
static void tabs(struct md_buf *b, int indent, unsigned depth)
{
	unsigned n = indent < 0 ? 0 : (unsigned)indent + depth;

	for (unsigned i = 0; i < n && i < MD_CFG_MAX_INDENT; i++)
		md_buf_putc(b, '\t');
}

/* One line: "key {", or "key = value". */
static void write_line(struct md_buf *b, const struct md_cn *cn)
{
	write_key(b, cn->key);
	if (cn->section) {
		md_buf_puts(b, " {\n");
		return;
	}
	md_buf_puts(b, " = ");
	if (cn->array) {
		md_buf_putc(b, '[');
		for (const struct md_cv *v = cn->v; v; v = v->next) {
			write_cv(b, v);
			if (v->next)
				md_buf_puts(b, ", ");
		}
		md_buf_putc(b, ']');
	} else if (cn->v) {
		write_cv(b, cn->v);
	}
	md_buf_putc(b, '\n');
}

static void close_section(struct md_buf *b, int indent, unsigned depth)
{
	tabs(b, indent, depth);
	md_buf_puts(b, "}\n");
}

void md_cn_write(struct md_buf *b, const struct md_cn *cn, int indent)
{
	unsigned depth = 0, was;

	do {
		tabs(b, indent, depth);
		write_line(b, cn);
		if (cn->section && !cn->child)
			close_section(b, indent, depth);
		was = depth;
		cn = md_cn_walk(cn, &depth);
		while (was > depth)
			close_section(b, indent, --was);
	} while (cn);
}

/* A copy of @cn alone: key, kind, line and values, no links. */
static struct md_cn *clone_node(struct md_arena *a, const struct md_cn *cn)
{
	struct md_cn *n = md_arena_alloc(a, sizeof(*n));
	struct md_cv **vt;

	if (!n || !(n->key = md_arena_strdup(a, cn->key)))
		return NULL;
	n->line = cn->line;
	n->section = cn->section;
	n->array = cn->array;
	vt = &n->v;
	for (const struct md_cv *v = cn->v; v; v = v->next) {
		struct md_cv *nv = md_arena_alloc(a, sizeof(*nv));

		if (!nv)
			return NULL;
		*nv = *v;
		nv->next = NULL;
		if (v->s && !(nv->s = md_arena_strdup(a, v->s)))
			return NULL;
		*vt = nv;
		vt = &nv->next;
	}
	return n;
}

/* @top and its subtree; the copy of @top gets no parent. */
static struct md_cn *clone_tree(struct md_arena *a, const struct md_cn *top)
{
	struct md_cn *copy = NULL, *parent = NULL, **tail = &copy;
	const struct md_cn *cn = top;
	unsigned depth = 0, was;

	do {
		struct md_cn *n = clone_node(a, cn);

		if (!n)
			return NULL;
		n->parent = parent;
		*tail = n;
		was = depth;
		cn = md_cn_walk(cn, &depth);
		if (depth > was) {
			parent = n;
			tail = &n->child;
			continue;
		}
		/* back up to the copy of the next node's previous sibling */
		for (; was > depth; was--)
			n = n->parent;
		parent = n->parent;
		tail = &n->next;
	} while (cn);
	return copy;
}

struct md_cn *md_cn_clone(struct md_arena *a, const struct md_cn *cn, bool siblings)
{
	struct md_cn *head = NULL, **tail = &head;

	for (; cn; cn = siblings ? cn->next : NULL) {
		if (!(*tail = clone_tree(a, cn)))
			return NULL;
		tail = &(*tail)->next;
	}
	return head;
}

static bool str_equal(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool node_equal(const struct md_cn *a, const struct md_cn *b)
{
	const struct md_cv *va = a->v, *vb = b->v;

	if (strcmp(a->key, b->key) || a->section != b->section || a->array != b->array)
		return false;
	for (; va && vb; va = va->next, vb = vb->next)
		if (va->type != vb->type || va->i != vb->i || !str_equal(va->s, vb->s))
			return false;
	return !va && !vb;
}

bool md_cn_equal(const struct md_cn *a, const struct md_cn *b)
{
	for (; a && b; a = a->next, b = b->next) {
		const struct md_cn *x = a, *y = b;
		unsigned dx = 0, dy = 0;

		/* the two walks in step: the same nodes at the same depths */
		while (x && y && dx == dy && node_equal(x, y)) {
			x = md_cn_walk(x, &dx);
			y = md_cn_walk(y, &dy);
		}
		if (x || y)
			return false;
	}
	return !a && !b;
}
