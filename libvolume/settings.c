/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's configuration syntax for front ends (lvm.conf, --config): the
 * library parses text it is given and answers lookups; it never reads a
 * configuration file itself.  Layers added later override earlier ones, and
 * within a layer the last value of a key wins, as in lvm2.  A key may be
 * written nested (global { units = "k" }) or as a path (global/units = "k").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "textfile.h"

struct layer {
	struct md_cn *root;
	char *origin;
};

struct vol_config {
	struct md_arena *arena;
	struct layer *layers;
	size_t n;
	const char **strv;	/* the last vol_config_get_strv() result */
};

VOL_EXPORT int vol_config_new(struct vol_config **out)
{
	struct vol_config *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || !(c->arena = md_arena_new())) {
		free(c);
		return -ENOMEM;
	}
	*out = c;
	return 0;
}

VOL_EXPORT void vol_config_free(struct vol_config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->layers[i].origin);
	free(c->layers);
	free(c->strv);
	md_arena_free(c->arena);
	free(c);
}

VOL_EXPORT int vol_config_add(struct vol_config *c, const char *text, size_t len, const char *origin,
			      struct vol_config_error *err)
{
	struct md_err e = { 0 };
	struct md_cn *root = NULL;
	struct layer *l;

	if (md_cfg_parse(c->arena, text, len, &root, &e)) {
		if (err) {
			err->line = e.line;
			snprintf(err->why, sizeof(err->why), "%s", e.why);
		}
		return -EINVAL;
	}
	if (!(l = realloc(c->layers, (c->n + 1) * sizeof(*l))))
		return -ENOMEM;
	c->layers = l;
	l[c->n].root = root;
	if (!(l[c->n].origin = strdup(origin ? origin : "")))
		return -ENOMEM;
	c->n++;
	return 0;
}

/* The last node under @first that @path names, in nested or path form. */
static const struct md_cn *find_in(const struct md_cn *first, const char *path)
{
	const struct md_cn *found = NULL;

	for (const struct md_cn *cn = first; cn; cn = cn->next) {
		size_t n = strlen(cn->key);
		const struct md_cn *f = NULL;

		if (strncmp(cn->key, path, n))
			continue;
		if (!path[n])
			f = cn;
		else if (path[n] == '/' && cn->section)
			f = find_in(cn->child, path + n + 1);
		if (f)
			found = f;
	}
	return found;
}

static const struct md_cn *lookup(const struct vol_config *c, const char *path)
{
	for (size_t i = c->n; i--;) {
		const struct md_cn *cn = find_in(c->layers[i].root, path);

		if (cn)
			return cn;
	}
	return NULL;
}

VOL_EXPORT int vol_config_get_int(const struct vol_config *c, const char *path, int64_t *out)
{
	const struct md_cn *cn = lookup(c, path);

	if (!cn)
		return -ENOENT;
	if (cn->section || cn->array || !cn->v || cn->v->type != MD_CV_INT)
		return -EINVAL;
	*out = cn->v->i;
	return 0;
}

VOL_EXPORT int vol_config_get_str(const struct vol_config *c, const char *path, const char **out)
{
	const struct md_cn *cn = lookup(c, path);

	if (!cn)
		return -ENOENT;
	if (cn->section || !cn->v || cn->v->type != MD_CV_STRING || (cn->array && cn->v->next))
		return -EINVAL;
	*out = cn->v->s;
	return 0;
}

VOL_EXPORT int vol_config_get_strv(struct vol_config *c, const char *path, const char *const **v,
				   size_t *n)
{
	const struct md_cn *cn = lookup(c, path);
	const char **sv;
	size_t k = 0;

	*v = NULL;
	*n = 0;
	if (!cn)
		return -ENOENT;
	if (cn->section)
		return -EINVAL;
	for (const struct md_cv *x = cn->v; x; x = x->next)
		if (x->type != MD_CV_STRING)
			return -EINVAL;
		else
			k++;
	if (!(sv = calloc(k + 1, sizeof(*sv))))
		return -ENOMEM;
	k = 0;
	for (const struct md_cv *x = cn->v; x; x = x->next)
		sv[k++] = x->s;
	free(c->strv);
	c->strv = sv;
	*v = sv;
	*n = k;
	return 0;
}

/*
 * Calls @fn with the full path of every value under @first.  A section
 * whose path does not fit is reported as it is, cut short, not entered: the
 * parser takes sections nested 100000 deep, and this recursion may not.
 */
static void walk(const struct md_cn *first, const char *prefix, const char *origin,
		 void (*fn)(const char *path, const char *origin, void *usr), void *usr)
{
	char path[512];

	for (const struct md_cn *cn = first; cn; cn = cn->next) {
		int n = snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? "/" : "", cn->key);

		if (cn->section && n >= 0 && (size_t)n < sizeof(path))
			walk(cn->child, path, origin, fn, usr);
		else
			fn(path, origin, usr);
	}
}

VOL_EXPORT void vol_config_keys(const struct vol_config *c,
				void (*fn)(const char *path, const char *origin, void *usr), void *usr)
{
	for (size_t i = 0; i < c->n; i++)
		walk(c->layers[i].root, "", c->layers[i].origin, fn, usr);
}

VOL_EXPORT int vol_config_add_file(struct vol_config *c, const char *path,
				   struct vol_config_error *err)
{
	char *text;
	size_t len;
	int r = text_file_read(path, &text, &len);

	if (r)
		return r;
	r = vol_config_add(c, text, len, path, err);
	free(text);
	return r;
}
