/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a section of the text through its key table: each value with its
 * type checked, unknown items kept in order, required keys enforced.
 * Errors name the key and the object.
 */
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "text.h"

int md_imp_bad(struct md_imp *im, const struct md_cn *cn, const char *why, const char *what,
	       const char *obj)
{
	md_err_set(im->err, cn ? cn->line : 0, why, "%s in %s", what, obj);
	return -EINVAL;
}

int md_imp_int(struct md_imp *im, const struct md_cn *cn, const char *obj, int64_t min,
	       int64_t max, int64_t *out)
{
	if (cn->section || cn->array || !cn->v || cn->v->type != MD_CV_INT)
		return md_imp_bad(im, cn, "value is not an integer", cn->key, obj);
	if (cn->v->i < min || cn->v->i > max)
		return md_imp_bad(im, cn, "value out of range", cn->key, obj);
	*out = cn->v->i;
	return 0;
}

int md_imp_u64(struct md_imp *im, const struct md_cn *cn, const char *obj, uint64_t max,
	       uint64_t *out)
{
	int64_t v;
	int r = md_imp_int(im, cn, obj, 0, (int64_t)(max > INT64_MAX ? INT64_MAX : max), &v);

	if (!r)
		*out = (uint64_t)v;
	return r;
}

int md_imp_u32(struct md_imp *im, const struct md_cn *cn, const char *obj, uint32_t *out)
{
	int64_t v;
	int r = md_imp_int(im, cn, obj, INT64_MIN, INT64_MAX, &v);

	if (!r)
		*out = (uint32_t)v;
	return r;
}

int md_imp_str(struct md_imp *im, const struct md_cn *cn, const char *obj, const char **out)
{
	if (cn->section || cn->array || !cn->v || cn->v->type != MD_CV_STRING)
		return md_imp_bad(im, cn, "value is not a string", cn->key, obj);
	*out = cn->v->s;
	return 0;
}

static int get_u32w(struct md_imp *im, const struct md_cn *cn, const char *obj, uint64_t *out)
{
	uint32_t v;
	int r = md_imp_u32(im, cn, obj, &v);

	if (!r)
		*out = v;
	return r;
}

static int get_id(struct md_imp *im, const struct md_cn *cn, const char *obj, char *out)
{
	const char *s;

	if (md_imp_str(im, cn, obj, &s))
		return -EINVAL;
	if (md_uuid_parse(s, out))
		return md_imp_bad(im, cn, "malformed UUID", cn->key, obj);
	return 0;
}

static int get_strv(struct md_imp *im, const struct md_cn *cn, const char *obj,
		    struct md_strv *sv)
{
	uint32_t n = 0;

	if (cn->section || !cn->array)
		return md_imp_bad(im, cn, "value is not an array", cn->key, obj);
	for (const struct md_cv *v = cn->v; v; v = v->next) {
		if (v->type != MD_CV_STRING)
			return md_imp_bad(im, cn, "array element is not a string", cn->key, obj);
		n++;
	}
	sv->n = 0;
	sv->v = n ? md_arena_alloc(im->a, n * sizeof(*sv->v)) : NULL;
	if (n && !sv->v)
		return -ENOMEM;
	for (const struct md_cv *v = cn->v; v; v = v->next)
		sv->v[sv->n++] = v->s;
	return 0;
}

static int get_flags(struct md_imp *im, const struct md_cn *cn, const char *obj,
		     enum md_flag_set set, struct md_flags *f)
{
	struct md_strv sv;
	bool status = set == MD_FS_VG_STATUS || set == MD_FS_PV_STATUS || set == MD_FS_LV_STATUS;

	if (get_strv(im, cn, obj, &sv))
		return -EINVAL;
	memset(f, 0, sizeof(*f));
	for (uint32_t i = 0; i < sv.n; i++) {
		int bit = md_flag_bit(set, sv.v[i]);

		if (bit >= 0) {
			f->known |= 1u << bit;
			continue;
		}
		/* lvm2 accepts PARTIAL in old VG backups and never writes it again. */
		if (set == MD_FS_VG_STATUS && !strcmp(sv.v[i], "PARTIAL"))
			continue;
		if (!f->unknown) {
			f->unknown = md_arena_alloc(im->a, sv.n * sizeof(*f->unknown));
			if (!f->unknown)
				return -ENOMEM;
		}
		f->unknown[f->n_unknown++] = sv.v[i];
		if (status)
			im->vg->read_only = true;
	}
	return 0;
}

int md_imp_keep(struct md_imp *im, struct md_cn **extra, const struct md_cn *cn)
{
	struct md_cn *c = md_cn_clone(im->a, cn, false);

	if (!c)
		return -ENOMEM;
	while (*extra)
		extra = &(*extra)->next;
	*extra = c;
	return 0;
}

static int read_key(struct md_imp *im, const struct md_key *k, const struct md_cn *c,
		    struct md_section *s)
{
	void *p = (char *)s->dst + k->off;

	switch (k->type) {
	case MD_KEY_U32:
		return md_imp_u32(im, c, s->obj, p);
	case MD_KEY_U32W:
		return get_u32w(im, c, s->obj, p);
	case MD_KEY_U64:
		return md_imp_u64(im, c, s->obj, (uint64_t)k->max, p);
	case MD_KEY_TIME:
		return md_imp_int(im, c, s->obj, INT64_MIN, INT64_MAX, p);
	case MD_KEY_INT:
		return md_imp_int(im, c, s->obj, k->min, k->max, p);
	case MD_KEY_STR:
		return md_imp_str(im, c, s->obj, p);
	case MD_KEY_ID:
		return get_id(im, c, s->obj, p);
	case MD_KEY_TAGS:
		/* lvm2 checks tags only when it writes them (md_vg_validate) */
		return get_strv(im, c, s->obj, p);
	case MD_KEY_FLAGS:
		return get_flags(im, c, s->obj, k->set, p);
	case MD_KEY_NODE:
		return 0;
	case MD_KEY_FN:
		return k->fn(im, c, s);
	}
	return -EINVAL;
}

/* The atom map of @s's key table, made at its first use in this import. */
static const struct md_atom_map *atom_map(struct md_imp *im, const struct md_section *s)
{
	struct md_atom_map *m;

	for (unsigned i = 0; i < im->n_maps; i++)
		if (im->maps[i].keys == s->keys)
			return &im->maps[i];
	if (im->n_maps == sizeof(im->maps) / sizeof(im->maps[0]))
		return NULL;
	m = &im->maps[im->n_maps++];
	m->keys = s->keys;
	m->required = 0;
	memset(m->idx, -1, sizeof(m->idx));
	for (unsigned k = 0; k < s->n_keys; k++) {
		unsigned a = md_atom(s->keys[k].name);

		if (a)
			m->idx[a] = (int8_t)k;
		if (s->keys[k].required)
			m->required |= 1ull << k;
	}
	return m;
}

/* The index of @name in the section's key table, or -1. */
static int key_index(const struct md_section *s, const char *name)
{
	for (unsigned i = 0; i < s->n_keys; i++)
		if (s->keys[i].name[0] == name[0] && !strcmp(s->keys[i].name, name))
			return (int)i;
	return -1;
}

/* The same for an item: by its atom when it has one. */
static int item_index(const struct md_section *s, const struct md_cn *c)
{
	return c->atom && s->map ? s->map[c->atom] : key_index(s, c->key);
}

bool md_section_has_atom(const struct md_section *s, unsigned atom, const char *name)
{
	int i = s->map ? s->map[atom] : key_index(s, name);

	return i >= 0 && (s->seen & (1ull << i));
}

bool md_section_has(const struct md_section *s, const char *name)
{
	unsigned a = md_atom(name);
	int i = a && s->map ? s->map[a] : key_index(s, name);

	return i >= 0 && (s->seen & (1ull << i));
}

/* Is there an item named like @c before it?  (For unknown keys: rare.) */
static bool seen_before(const struct md_section *s, const struct md_cn *c)
{
	for (const struct md_cn *o = s->items; o != c; o = o->next)
		if (!strcmp(o->key, c->key))
			return true;
	return false;
}

/*
 * One item: a known key is read (once), anything else kept.  lvm2 parses
 * metadata without merging duplicate keys and every lookup finds the
 * first, so an item is ignored after the first of its name: @shadow has the
 * bit of each known key taken by an earlier item, read or skipped.
 */
static int read_item(struct md_imp *im, struct md_section *s, const struct md_cn *c, int i,
		     uint64_t *shadow)
{
	int r;

	if (i < 0) {
		if (seen_before(s, c))
			return 0;
		return s->extra ? md_imp_keep(im, s->extra, c) : 0;
	}
	if (*shadow & (1ull << i))
		return 0;
	*shadow |= 1ull << i;
	r = read_key(im, &s->keys[i], c, s);
	if (r == MD_KEY_KEEP)
		return s->extra ? md_imp_keep(im, s->extra, c) : 0;
	if (!r)
		s->seen |= 1ull << i;
	return r;
}

int md_imp_section(struct md_imp *im, struct md_section *s)
{
	const struct md_atom_map *m;
	uint64_t shadow = 0;

	assert(s->n_keys <= 64);	/* one bit of s->seen each */
	s->seen = 0;
	m = atom_map(im, s);
	s->map = m ? m->idx : NULL;
	for (const struct md_cn *c = s->items; c; c = c->next) {
		int i = item_index(s, c), r;

		if (c == s->skip || (s->skip_sections && c->section)) {
			if (i >= 0)
				shadow |= 1ull << i;	/* it hides a later key of its name */
			continue;
		}
		if ((r = read_item(im, s, c, i, &shadow)))
			return r;
	}
	if (m && !(m->required & ~s->seen))
		return 0;	/* every required key was read */
	for (unsigned i = 0; i < s->n_keys; i++)
		if (s->keys[i].required && !(s->seen & (1ull << i)))
			return md_imp_bad(im, s->at, "missing required key", s->keys[i].name,
					  s->obj);
	return 0;
}
