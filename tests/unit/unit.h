/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared helpers for the cmocka unit tests: fixture loading (FIXTURES is the
 * decompressed tests/fixtures tree), the `key value` lines of pvck --dump
 * headers output, `key=value` info files, a tiny reader for lvm2's JSON
 * reports (every value there is a string), and a deep comparison of two VG
 * models.  Everything is static so each test program is self-contained.
 */
#ifndef VOLUME_TESTS_UNIT_H
#define VOLUME_TESTS_UNIT_H

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "config.h"
#include "crc.h"
#include "disk.h"
#include "endian.h"
#include "vg.h"

#define UNUSED_FN __attribute__((unused))
#define FX_PATH_MAX 4096

/* ------------------------------------------------------------ memory */

static UNUSED_FN void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return p;
}

static UNUSED_FN void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		abort();
	}
	return p;
}

static UNUSED_FN char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ------------------------------------------------------------ fixture files */

static UNUSED_FN const char *fx_root(void)
{
	const char *r = getenv("FIXTURES");

	if (!r || !*r)
		fail_msg("FIXTURES is not set (run through tests/unit/run or make unit)");
	return r;
}

static UNUSED_FN void fx_path(char *out, const char *cas, const char *file)
{
	int n = snprintf(out, FX_PATH_MAX, "%s/%s/%s", fx_root(), cas, file);

	if (n < 0 || n >= FX_PATH_MAX)
		fail_msg("fixture path too long");
}

/* Whole file, NUL-terminated (the NUL is not counted); NULL if absent. */
static UNUSED_FN unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			p = xrealloc(p, cap + 1);
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (!got)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(p);
		return NULL;
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static UNUSED_FN bool fx_has(const char *cas, const char *file)
{
	char path[FX_PATH_MAX];
	struct stat st;

	fx_path(path, cas, file);
	return stat(path, &st) == 0;
}

/* Load a fixture file; fails the test if it is missing. */
static UNUSED_FN unsigned char *fx_load(const char *cas, const char *file, size_t *len)
{
	char path[FX_PATH_MAX];
	unsigned char *p;

	fx_path(path, cas, file);
	p = read_file(path, len);
	if (!p)
		fail_msg("cannot read fixture %s: %s", path, strerror(errno));
	return p;
}

/* ------------------------------------------------------------ key/value stores */

struct kv {
	size_t n, cap;
	char **k, **v;
};

static UNUSED_FN void kv_add(struct kv *kv, const char *k, size_t kl, const char *v, size_t vl)
{
	if (kv->n == kv->cap) {
		kv->cap = kv->cap ? kv->cap * 2 : 64;
		kv->k = xrealloc(kv->k, kv->cap * sizeof(*kv->k));
		kv->v = xrealloc(kv->v, kv->cap * sizeof(*kv->v));
	}
	kv->k[kv->n] = xstrndup(k, kl);
	kv->v[kv->n] = xstrndup(v, vl);
	kv->n++;
}

static UNUSED_FN void kv_free(struct kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->k[i]);
		free(kv->v[i]);
	}
	free(kv->k);
	free(kv->v);
	memset(kv, 0, sizeof(*kv));
}

/* The @nth (0-based) value of @key, or NULL. */
static UNUSED_FN const char *kv_get_nth(const struct kv *kv, const char *key, unsigned nth)
{
	for (size_t i = 0; i < kv->n; i++)
		if (!strcmp(kv->k[i], key) && !nth--)
			return kv->v[i];
	return NULL;
}

static UNUSED_FN const char *kv_get(const struct kv *kv, const char *key)
{
	return kv_get_nth(kv, key, 0);
}

static UNUSED_FN const char *kv_vfmt(char *key, size_t n, const char *fmt, va_list ap)
{
	vsnprintf(key, n, fmt, ap);
	return key;
}

static UNUSED_FN const char *kv_str(const struct kv *kv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static UNUSED_FN const char *kv_str(const struct kv *kv, const char *fmt, ...)
{
	char key[256];
	const char *v;
	va_list ap;

	va_start(ap, fmt);
	kv_vfmt(key, sizeof(key), fmt, ap);
	va_end(ap);
	v = kv_get(kv, key);
	if (!v)
		fail_msg("key %s missing", key);
	return v;
}

/* A number, decimal or 0x hex, that makes up the whole value (or its first word). */
static UNUSED_FN uint64_t parse_u64(const char *s, const char *what)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || (*end && *end != ' ' && *end != ','))
		fail_msg("%s: \"%s\" is not a number", what, s);
	return (uint64_t)v;
}

static UNUSED_FN uint64_t kv_u64(const struct kv *kv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static UNUSED_FN uint64_t kv_u64(const struct kv *kv, const char *fmt, ...)
{
	char key[256];
	const char *v;
	va_list ap;

	va_start(ap, fmt);
	kv_vfmt(key, sizeof(key), fmt, ap);
	va_end(ap);
	v = kv_get(kv, key);
	if (!v)
		fail_msg("key %s missing", key);
	return parse_u64(v, key);
}

/* "X at N # comment" lines of pvck: the N. */
static UNUSED_FN uint64_t kv_at(const struct kv *kv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static UNUSED_FN uint64_t kv_at(const struct kv *kv, const char *fmt, ...)
{
	char key[256];
	const char *v;
	va_list ap;

	va_start(ap, fmt);
	kv_vfmt(key, sizeof(key), fmt, ap);
	va_end(ap);
	v = kv_get(kv, key);
	if (!v || strncmp(v, "at ", 3))
		fail_msg("key %s has no \"at\" value", key);
	return parse_u64(v + 3, key);
}

/* info: key=value lines. */
static UNUSED_FN void info_load(const char *cas, struct kv *kv)
{
	char *t = (char *)fx_load(cas, "info", NULL);

	memset(kv, 0, sizeof(*kv));
	for (char *l = t, *e; *l; l = *e ? e + 1 : e) {
		char *eq;

		e = l + strcspn(l, "\n");
		eq = memchr(l, '=', (size_t)(e - l));
		if (eq)
			kv_add(kv, l, (size_t)(eq - l), eq + 1, (size_t)(e - eq - 1));
	}
	free(t);
}

/*
 * pvck --dump headers output: "  key value" lines.  The key is the first
 * word, the value the rest of the line.  lvm2's WARNING lines are skipped.
 */
static UNUSED_FN void headers_load(const char *cas, unsigned pv, struct kv *kv)
{
	char file[32];
	char *t;

	snprintf(file, sizeof(file), "pv%u.headers", pv);
	t = (char *)fx_load(cas, file, NULL);
	memset(kv, 0, sizeof(*kv));
	for (char *l = t, *e; *l; l = *e ? e + 1 : e) {
		char *k, *sp;

		e = l + strcspn(l, "\n");
		for (k = l; k < e && *k == ' '; k++)
			;
		sp = memchr(k, ' ', (size_t)(e - k));
		if (!sp || !strncmp(k, "WARNING", 7))
			continue;
		kv_add(kv, k, (size_t)(sp - k), sp + 1, (size_t)(e - sp - 1));
	}
	free(t);
}

/* ------------------------------------------------------------ JSON reports */

struct jrow {
	struct kv kv;
};

struct jrep {
	struct jrow *rows;
	size_t n;
};

/* A JSON string at *p (which points at the opening quote); NULL on error. */
static UNUSED_FN char *json_str(const char **pp)
{
	const char *p = *pp;
	char *out, *o;

	if (*p != '"')
		return NULL;
	out = o = xmalloc(strlen(p));
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case '"': case '\\': case '/': *o++ = *p; break;
		case 'n': *o++ = '\n'; break;
		case 't': *o++ = '\t'; break;
		case 'r': *o++ = '\r'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'u': {
			unsigned c = 0;

			for (int i = 0; i < 4; i++) {
				char h = *++p;

				if (!h) {
					free(out);
					return NULL;
				}
				c = c * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
			}
			*o++ = c < 0x80 ? (char)c : '?';
			break;
		}
		default:
			free(out);
			return NULL;
		}
	}
	if (*p != '"') {
		free(out);
		return NULL;
	}
	*o = '\0';
	*pp = p + 1;
	return out;
}

static UNUSED_FN const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

/* A flat object of "key":"string" pairs at *pp; false if it is something else. */
static UNUSED_FN bool json_flat(const char **pp, struct kv *kv)
{
	const char *p = json_ws(*pp + 1);

	memset(kv, 0, sizeof(*kv));
	if (*p == '}')
		goto no;
	for (;;) {
		char *k, *v;

		if (!(k = json_str(&p)))
			goto no;
		p = json_ws(p);
		if (*p != ':') {
			free(k);
			goto no;
		}
		p = json_ws(p + 1);
		if (!(v = json_str(&p))) {
			free(k);
			goto no;
		}
		kv_add(kv, k, strlen(k), v, strlen(v));
		free(k);
		free(v);
		p = json_ws(p);
		if (*p == '}')
			break;
		if (*p != ',')
			goto no;
		p = json_ws(p + 1);
	}
	*pp = p + 1;
	return true;
no:
	kv_free(kv);
	return false;
}

/* Every flat object in an lvm2 --reportformat json file: one per report row. */
static UNUSED_FN void json_load(const char *cas, const char *file, struct jrep *rep)
{
	char *t = (char *)fx_load(cas, file, NULL);
	size_t cap = 0;

	memset(rep, 0, sizeof(*rep));
	for (const char *p = t; *p;) {
		struct kv kv;

		if (*p == '"') {	/* skip strings outside rows */
			char *s = json_str(&p);

			if (!s)
				fail_msg("%s/%s: bad JSON string", cas, file);
			free(s);
			continue;
		}
		if (*p != '{' || !json_flat(&p, &kv)) {
			p++;
			continue;
		}
		if (rep->n == cap) {
			cap = cap ? cap * 2 : 16;
			rep->rows = xrealloc(rep->rows, cap * sizeof(*rep->rows));
		}
		rep->rows[rep->n++].kv = kv;
	}
	free(t);
	if (!rep->n)
		fail_msg("%s/%s: no report rows", cas, file);
}

static UNUSED_FN void jrep_free(struct jrep *rep)
{
	for (size_t i = 0; i < rep->n; i++)
		kv_free(&rep->rows[i].kv);
	free(rep->rows);
	memset(rep, 0, sizeof(*rep));
}

static UNUSED_FN const char *jrow_str(const struct jrow *r, const char *key)
{
	const char *v = kv_get(&r->kv, key);

	if (!v)
		fail_msg("report row has no %s", key);
	return v;
}

static UNUSED_FN uint64_t jrow_u64(const struct jrow *r, const char *key)
{
	return parse_u64(jrow_str(r, key), key);
}

/* The first row whose @key is @val, or NULL. */
static UNUSED_FN const struct jrow *jrep_find(const struct jrep *rep, const char *key,
					      const char *val)
{
	for (size_t i = 0; i < rep->n; i++) {
		const char *v = kv_get(&rep->rows[i].kv, key);

		if (v && !strcmp(v, val))
			return &rep->rows[i];
	}
	return NULL;
}

/* ------------------------------------------------------------ fixture cases */

/* The cases the fixture README promises; every one must be present. */
static const char *const fx_expect_cases[] UNUSED_FN = {
	"default-pv", "two-mda-ba", "lvs-mixed", "lv1000", "wrapped", "raid1",
};
#define FX_N_EXPECT_CASES (sizeof(fx_expect_cases) / sizeof(fx_expect_cases[0]))

struct fx_case {
	char name[64];
	unsigned pv_count;
	bool has_vg;
};

static UNUSED_FN int fx_case_cmp(const void *a, const void *b)
{
	return strcmp(((const struct fx_case *)a)->name, ((const struct fx_case *)b)->name);
}

/*
 * Every case directory under FIXTURES (one with an info file), sorted.
 * Fails unless all the expected cases are there.
 */
static UNUSED_FN size_t fx_cases(struct fx_case **out)
{
	DIR *d = opendir(fx_root());
	struct fx_case *v = NULL;
	size_t n = 0;
	struct dirent *de;

	if (!d)
		fail_msg("cannot open fixtures directory %s", fx_root());
	while ((de = readdir(d))) {
		struct kv info;

		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(v->name) ||
		    !fx_has(de->d_name, "info"))
			continue;
		v = xrealloc(v, (n + 1) * sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		strcpy(v[n].name, de->d_name);
		info_load(de->d_name, &info);
		v[n].pv_count = (unsigned)kv_u64(&info, "pv_count");
		v[n].has_vg = kv_get(&info, "vg_name") != NULL;
		assert_string_equal(kv_str(&info, "case"), de->d_name);
		kv_free(&info);
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof(*v), fx_case_cmp);
	for (size_t i = 0; i < FX_N_EXPECT_CASES; i++) {
		bool found = false;

		for (size_t j = 0; j < n; j++)
			found |= !strcmp(v[j].name, fx_expect_cases[i]);
		if (!found)
			fail_msg("fixture case %s is missing from %s", fx_expect_cases[i], fx_root());
	}
	*out = v;
	return n;
}

/* One PV of a fixture: its head (and tail), with the layout from info. */
struct fxdev {
	char cas[64];
	unsigned pv;
	struct kv info;
	unsigned char *head, *tail;
	size_t head_len, tail_len;
	uint64_t dev_size, pe_start;
	unsigned n_mda;
	uint64_t mda_start[2], mda_size[2];
	bool has_text;
	uint64_t text_offset, text_size;	/* raw_locn[0] of mda0, from info */
};

static UNUSED_FN void fxdev_load(struct fxdev *d, const char *cas, unsigned pv)
{
	char file[32];
	const char *s;

	memset(d, 0, sizeof(*d));
	snprintf(d->cas, sizeof(d->cas), "%s", cas);
	d->pv = pv;
	info_load(cas, &d->info);
	d->dev_size = kv_u64(&d->info, "pv%u.dev_size", pv);
	d->pe_start = kv_u64(&d->info, "pv%u.pe_start", pv);
	snprintf(file, sizeof(file), "pv%u.head", pv);
	d->head = fx_load(cas, file, &d->head_len);
	assert_int_equal(d->head_len, d->pe_start);
	for (unsigned i = 0; i < 2; i++) {
		char key[32];

		snprintf(key, sizeof(key), "pv%u.mda%u", pv, i);
		if (!(s = kv_get(&d->info, key)))
			break;
		d->mda_start[i] = parse_u64(s, key);
		assert_non_null(strchr(s, ','));
		d->mda_size[i] = parse_u64(strchr(s, ',') + 1, key);
		d->n_mda++;
	}
	if (d->n_mda > 1) {
		snprintf(file, sizeof(file), "pv%u.tail", pv);
		d->tail = fx_load(cas, file, &d->tail_len);
		assert_int_equal(d->tail_len, d->dev_size - d->mda_start[1]);
	}
	{
		char key[32];

		snprintf(key, sizeof(key), "pv%u.text", pv);
		if ((s = kv_get(&d->info, key))) {
			d->has_text = true;
			d->text_offset = parse_u64(s, key);
			assert_non_null(strchr(s, ','));
			d->text_size = parse_u64(strchr(s, ',') + 1, key);
		}
	}
}

static UNUSED_FN void fxdev_free(struct fxdev *d)
{
	kv_free(&d->info);
	free(d->head);
	free(d->tail);
	memset(d, 0, sizeof(*d));
}

/* The bytes of metadata area @i (header first), bounds-checked against what was loaded. */
static UNUSED_FN const unsigned char *fxdev_mda(const struct fxdev *d, unsigned i)
{
	assert_true(i < d->n_mda);
	if (i == 0) {
		assert_true(d->mda_start[0] + d->mda_size[0] <= d->head_len);
		return d->head + d->mda_start[0];
	}
	assert_non_null(d->tail);
	assert_true(d->mda_size[1] <= d->tail_len);
	return d->tail;
}

/* Join the (possibly wrapped) text of @r inside @area; NUL included; malloc'd. */
static UNUSED_FN unsigned char *mda_text(const unsigned char *area, uint64_t mda_size,
					 const struct md_rlocn *r, struct md_place *pl)
{
	unsigned char *t;

	md_rlocn_pieces(r, mda_size, pl);
	assert_true(pl->offset + pl->len1 <= mda_size);
	assert_true(MD_MDA_HEADER_SIZE + pl->len2 <= pl->offset);
	t = xmalloc(r->size + 1);
	memcpy(t, area + pl->offset, pl->len1);
	memcpy(t + pl->len1, area + MD_MDA_HEADER_SIZE, pl->len2);
	t[r->size] = '\0';
	return t;
}

/* pvN.text plus its NUL, as the bytes on disk. */
static UNUSED_FN char *fx_text(const char *cas, unsigned pv, size_t *len)
{
	char file[32];

	snprintf(file, sizeof(file), "pv%u.text", pv);
	return (char *)fx_load(cas, file, len);
}

/* ------------------------------------------------------------ model helpers */

static UNUSED_FN struct md_vg *import_or_fail(struct md_arena *a, const char *text, size_t len,
					      const char *what)
{
	struct md_err err = { 0 };
	struct md_vg *vg = NULL;
	int r = md_vg_import(a, text, len, &vg, &err);

	if (r)
		fail_msg("%s: import failed (%d): %s [%s] line %u", what, r,
			 err.why ? err.why : "?", err.detail, err.line);
	assert_non_null(vg);
	return vg;
}

/* Export into a fresh string (caller frees); fails the test on error. */
static UNUSED_FN char *export_or_fail(const struct md_vg *vg, enum md_form form,
				      const struct md_export_opts *o, size_t *len)
{
	struct md_buf b;
	char *s;

	md_buf_init(&b);
	assert_int_equal(md_vg_export(vg, form, o, &b), 0);
	assert_int_equal(b.err, 0);
	assert_non_null(b.p);
	s = xstrndup(b.p, b.len);
	if (len)
		*len = b.len;
	md_buf_free(&b);
	return s;
}

static UNUSED_FN const struct md_export_opts *test_opts(void)
{
	static const struct md_export_opts o = {
		.generator = "libvolume unit tests",
		.description = "Write from \"unit\" \\ test.",
		.host = "unithost",
		.uname = "Linux unithost 6.1.0 #1 SMP x86_64",
		.time = 1795688375,
	};
	return &o;
}

static UNUSED_FN bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

#define EQ_FAIL(...)                                                                            \
	do {                                                                                    \
		snprintf(why, whylen, __VA_ARGS__);                                             \
		return false;                                                                   \
	} while (0)

static UNUSED_FN bool strv_eq(const struct md_strv *a, const struct md_strv *b)
{
	if (a->n != b->n)
		return false;
	for (uint32_t i = 0; i < a->n; i++)
		if (!str_eq(a->v[i], b->v[i]))
			return false;
	return true;
}

static UNUSED_FN bool flags_eq(const struct md_flags *a, const struct md_flags *b)
{
	struct md_strv sa = { a->unknown, a->n_unknown, 0 }, sb = { b->unknown, b->n_unknown, 0 };

	return a->known == b->known && strv_eq(&sa, &sb);
}

/*
 * Field-by-field model comparison; the header block (description, host,
 * time) is compared only when @header.  On a difference, @why says where.
 */
static UNUSED_FN bool vg_equal(const struct md_vg *a, const struct md_vg *b, bool header, char *why,
			       size_t whylen)
{
	if (!str_eq(a->name, b->name) || strcmp(a->id, b->id))
		EQ_FAIL("vg name/id");
	if (a->seqno != b->seqno)
		EQ_FAIL("vg seqno %u != %u", a->seqno, b->seqno);
	if (!str_eq(a->format, b->format) || !str_eq(a->system_id, b->system_id) ||
	    !str_eq(a->alloc_policy, b->alloc_policy))
		EQ_FAIL("vg format/system_id/alloc");
	if (!flags_eq(&a->status, &b->status) || !flags_eq(&a->flags, &b->flags))
		EQ_FAIL("vg status/flags");
	if (!strv_eq(&a->tags, &b->tags))
		EQ_FAIL("vg tags");
	if (a->extent_size != b->extent_size || a->max_lv != b->max_lv || a->max_pv != b->max_pv ||
	    a->has_metadata_copies != b->has_metadata_copies ||
	    a->metadata_copies != b->metadata_copies || a->read_only != b->read_only)
		EQ_FAIL("vg numbers");
	if (!md_cn_equal(a->extra, b->extra))
		EQ_FAIL("vg extra");
	if (header && (!str_eq(a->description, b->description) ||
		       !str_eq(a->creation_host, b->creation_host) ||
		       a->creation_time != b->creation_time ||
		       !md_cn_equal(a->header_extra, b->header_extra)))
		EQ_FAIL("vg header block");
	if (a->n_pvs != b->n_pvs)
		EQ_FAIL("pv count %u != %u", a->n_pvs, b->n_pvs);
	for (uint32_t i = 0; i < a->n_pvs; i++) {
		const struct md_pv *p = &a->pvs[i], *q = &b->pvs[i];

		if (!str_eq(p->name, q->name) || strcmp(p->id, q->id) || !str_eq(p->device, q->device))
			EQ_FAIL("pv %u name/id/device", i);
		if (!flags_eq(&p->status, &q->status) || !flags_eq(&p->flags, &q->flags) ||
		    !strv_eq(&p->tags, &q->tags))
			EQ_FAIL("pv %s flags/tags", p->name);
		if (p->dev_size != q->dev_size || p->pe_start != q->pe_start ||
		    p->pe_count != q->pe_count || p->ba_start != q->ba_start ||
		    p->ba_size != q->ba_size)
			EQ_FAIL("pv %s numbers", p->name);
		if (!md_cn_equal(p->extra, q->extra))
			EQ_FAIL("pv %s extra", p->name);
	}
	if (a->n_lvs != b->n_lvs)
		EQ_FAIL("lv count %u != %u", a->n_lvs, b->n_lvs);
	for (uint32_t i = 0; i < a->n_lvs; i++) {
		const struct md_lv *l = &a->lvs[i], *m = &b->lvs[i];

		if (!str_eq(l->name, m->name) || strcmp(l->id, m->id))
			EQ_FAIL("lv %u name/id", i);
		if (!flags_eq(&l->status, &m->status) || !flags_eq(&l->flags, &m->flags) ||
		    !strv_eq(&l->tags, &m->tags))
			EQ_FAIL("lv %s flags/tags", l->name);
		if (l->creation_time != m->creation_time ||
		    !str_eq(l->creation_host, m->creation_host) ||
		    !str_eq(l->alloc_policy, m->alloc_policy) ||
		    l->has_read_ahead != m->has_read_ahead || l->read_ahead != m->read_ahead ||
		    l->major != m->major || l->minor != m->minor)
			EQ_FAIL("lv %s keys", l->name);
		if (!md_cn_equal(l->extra, m->extra))
			EQ_FAIL("lv %s extra", l->name);
		if (l->n_segs != m->n_segs)
			EQ_FAIL("lv %s segment count", l->name);
		for (uint32_t s = 0; s < l->n_segs; s++) {
			const struct md_seg *x = &l->segs[s], *y = &m->segs[s];

			if (x->start_extent != y->start_extent || x->extent_count != y->extent_count ||
			    x->type != y->type || !str_eq(x->type_name, y->type_name) ||
			    !strv_eq(&x->tags, &y->tags))
				EQ_FAIL("lv %s seg %u header", l->name, s);
			if (x->stripe_count != y->stripe_count || x->stripe_size != y->stripe_size ||
			    x->device_count != y->device_count || x->region_size != y->region_size ||
			    x->legs_as_stripe_count != y->legs_as_stripe_count ||
			    x->writebehind != y->writebehind ||
			    x->min_recovery_rate != y->min_recovery_rate ||
			    x->max_recovery_rate != y->max_recovery_rate ||
			    x->has_data_offset != y->has_data_offset ||
			    x->data_offset != y->data_offset)
				EQ_FAIL("lv %s seg %u numbers", l->name, s);
			for (uint32_t k = 0; k < x->stripe_count; k++)
				if (x->areas[k].pv != y->areas[k].pv ||
				    x->areas[k].lv != y->areas[k].lv ||
				    x->areas[k].start != y->areas[k].start)
					EQ_FAIL("lv %s seg %u area %u", l->name, s, k);
			for (uint32_t k = 0; x->type == MD_SEG_RAID1 && k < x->device_count; k++)
				if (x->pairs[k].meta != y->pairs[k].meta ||
				    x->pairs[k].image != y->pairs[k].image)
					EQ_FAIL("lv %s seg %u pair %u", l->name, s, k);
			if (!md_cn_equal(x->extra, y->extra))
				EQ_FAIL("lv %s seg %u extra", l->name, s);
			/* raw keeps the section name, which export renames to segmentN */
			if (!x->raw != !y->raw ||
			    (x->raw && !md_cn_equal(x->raw->child, y->raw->child)))
				EQ_FAIL("lv %s seg %u raw", l->name, s);
		}
	}
	return true;
}

#define assert_vg_equal(a, b, header)                                                           \
	do {                                                                                    \
		char why_[256] = "";                                                            \
		if (!vg_equal((a), (b), (header), why_, sizeof(why_)))                          \
			fail_msg("models differ: %s", why_);                                    \
	} while (0)

/* Replace the first @old in @s with @new; fails if @old is absent.  Returns a malloc'd copy. */
static UNUSED_FN char *str_replace1(const char *s, const char *old, const char *new_)
{
	const char *at = strstr(s, old);
	size_t lo = strlen(old), ln = strlen(new_), ls = strlen(s);
	char *r;

	if (!at)
		fail_msg("edit target \"%s\" not found", old);
	r = xmalloc(ls - lo + ln + 1);
	memcpy(r, s, (size_t)(at - s));
	memcpy(r + (at - s), new_, ln);
	memcpy(r + (at - s) + ln, at + lo, ls - (size_t)(at - s) - lo + 1);
	return r;
}

/*
 * @t with the first @old after @anchor (if any) replaced by @new_; an @old
 * starting with '^' names the whole line that begins with the rest of it.
 * malloc'd; fails the test when @anchor or @old is absent.
 */
static UNUSED_FN char *edit_text(const char *t, const char *anchor, const char *old,
				 const char *new_)
{
	const char *base = t, *at, *end;
	size_t ln = strlen(new_), lt = strlen(t);
	char *r;

	if (anchor) {
		base = strstr(t, anchor);
		if (!base)
			fail_msg("anchor \"%s\" not found", anchor);
	}
	if (old[0] == '^') {
		size_t k = strlen(old + 1);

		for (at = base; *at; at += strcspn(at, "\n") + (at[strcspn(at, "\n")] ? 1 : 0))
			if ((at == t || at[-1] == '\n') && !strncmp(at, old + 1, k))
				break;
		if (!*at)
			fail_msg("line \"%s\" not found", old + 1);
		end = at + strcspn(at, "\n");
		if (*end)
			end++;
	} else {
		at = strstr(base, old);
		if (!at)
			fail_msg("\"%s\" not found", old);
		end = at + strlen(old);
	}
	r = xmalloc(lt + ln + 1);
	memcpy(r, t, (size_t)(at - t));
	memcpy(r + (at - t), new_, ln);
	memcpy(r + (at - t) + ln, end, lt - (size_t)(end - t) + 1);
	return r;
}

/* A fuzzer seed DIR/NAME: the target selector byte @sel, then @p and @p2. */
static UNUSED_FN void write_seed(const char *dir, const char *name, int sel, const void *p,
				 size_t n, const void *p2, size_t n2)
{
	char path[FX_PATH_MAX];
	FILE *f;
	unsigned char s = (unsigned char)sel;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(&s, 1, 1, f) != 1 || fwrite(p, 1, n, f) != n ||
	    (n2 && fwrite(p2, 1, n2, f) != n2) || fclose(f))
		fail_msg("cannot write %s: %s", path, strerror(errno));
}

/* Does @path hold exactly @n bytes equal to @p? */
static UNUSED_FN bool file_is(const char *path, const unsigned char *p, size_t n)
{
	size_t len;
	unsigned char *q = read_file(path, &len);
	bool same = q && len == n && !memcmp(p, q, n);

	free(q);
	return same;
}

#endif
