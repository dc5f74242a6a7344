/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's device filters (devices/filter and devices/global_filter): a list
 * of "a|regex|" (accept) and "r|regex|" (reject) patterns.  Each name of a
 * device is tried in turn; for a name, the first pattern that matches it
 * decides.  A device is accepted as soon as one of its names is, rejected
 * if some name was rejected and none accepted, and accepted when no
 * pattern matches any of its names.  The names are the device node, its
 * /dev/block/MAJ:MIN link, the links to it under /dev/disk and
 * /dev/mapper and, for an LV, its /dev/VG/LV link; they are only looked up
 * when a filter is set.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ctx.h"
#include "filter.h"

struct dev_filter {
	regex_t *re;
	bool *accept;
	size_t n;
};

void filter_free(struct dev_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++)
		regfree(&f->re[i]);
	free(f->re);
	free(f->accept);
	free(f);
}

/* "a|re|", "r(re)", "a[re]", "a{re}": the kind, then the regex between separators. */
static int compile_one(const char *pat, regex_t *re, bool *accept)
{
	char close, *body;
	size_t len;
	int r;

	if ((pat[0] != 'a' && pat[0] != 'r') || !pat[1])
		return -EINVAL;
	*accept = pat[0] == 'a';
	switch (pat[1]) {
	case '(': close = ')'; break;
	case '[': close = ']'; break;
	case '{': close = '}'; break;
	default: close = pat[1]; break;
	}
	len = strlen(pat + 2);
	if (!len || pat[2 + len - 1] != close)
		return -EINVAL;
	if (!(body = strndup(pat + 2, len - 1)))
		return -ENOMEM;
	r = regcomp(re, body, REG_EXTENDED | REG_NOSUB) ? -EINVAL : 0;
	free(body);
	return r;
}

VOL_EXPORT int vol_ctx_set_filter(struct vol_ctx *ctx, enum vol_filter which,
				  const char *const *patterns, size_t n)
{
	struct dev_filter *f = NULL;
	int r = 0;

	if ((unsigned)which >= ARRAY_SIZE(ctx->filters))
		return -EINVAL;
	if (n && (!(f = calloc(1, sizeof(*f))) || !(f->re = calloc(n, sizeof(*f->re))) ||
		  !(f->accept = calloc(n, sizeof(*f->accept))))) {
		filter_free(f);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n && !r; i++) {
		if ((r = compile_one(patterns[i], &f->re[i], &f->accept[i])) == -EINVAL)
			log_err(ctx, "Invalid filter pattern \"%s\".", patterns[i]);
		if (!r)
			f->n++;
	}
	if (r) {
		filter_free(f);
		return r;
	}
	filter_free(ctx->filters[which]);
	ctx->filters[which] = f;
	vol_ctx_rescan(ctx);
	return 0;
}

/* 1 accept, 0 reject, -1 no pattern matches @name. */
static int decide(const struct dev_filter *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!regexec(&f->re[i], name, 0, NULL, 0))
			return f->accept[i];
	return -1;
}

struct names {
	char **v;
	size_t n;
};

static void add_name(struct names *nm, const char *s)
{
	char **v = realloc(nm->v, (nm->n + 1) * sizeof(*v));

	if (v && (v[nm->n] = strdup(s))) {
		nm->v = v;
		nm->n++;
	} else if (v) {
		nm->v = v;
	}
}

/* Adds every symlink in @dir (and its subdirectories, one level) that resolves to @devno. */
static void add_links(struct names *nm, const char *dir, dev_t devno, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];
	struct stat st;

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR && depth > 0)
			add_links(nm, path, devno, depth - 1);
		else if (!stat(path, &st) && S_ISBLK(st.st_mode) && st.st_rdev == devno)
			add_name(nm, path);
	}
	closedir(d);
}

/* Splits a dm name "VG-LV" (hyphens within doubled) into @vg and @lv. */
static bool split_dm_name(const char *dm, char *vg, char *lv, size_t len)
{
	char *o = vg;
	bool in_lv = false;
	size_t n = 0;

	for (const char *p = dm; *p; p++) {
		if (*p == '-' && p[1] == '-') {
			p++;
		} else if (*p == '-' && !in_lv) {
			*o = '\0';
			o = lv;
			in_lv = true;
			n = 0;
			continue;
		}
		if (++n >= len)
			return false;
		*o++ = *p;
	}
	*o = '\0';
	return in_lv && *vg && *lv;
}

/* A device-mapper LV's /dev/VG/LV link, which lvm2 finds in its scan of /dev. */
static void add_lv_link(struct names *nm, const char *dev_dir, dev_t devno)
{
	char p[64], dm[256], vg[256], lv[256], link[PATH_MAX];
	struct stat st;
	FILE *f;

	snprintf(p, sizeof(p), "/sys/dev/block/%u:%u/dm/name", major(devno), minor(devno));
	if (!(f = fopen(p, "re")))
		return;
	if (fgets(dm, sizeof(dm), f)) {
		dm[strcspn(dm, "\n")] = '\0';
		if (split_dm_name(dm, vg, lv, sizeof(vg)) &&
		    (size_t)snprintf(link, sizeof(link), "%s/%s/%s", dev_dir, vg, lv) < sizeof(link) &&
		    !stat(link, &st) && S_ISBLK(st.st_mode) && st.st_rdev == devno)
			add_name(nm, link);
	}
	fclose(f);
}

static void device_names(const char *path, const char *dev_dir, dev_t devno, struct names *nm)
{
	char blk[64];

	add_name(nm, path);
	snprintf(blk, sizeof(blk), "/dev/block/%u:%u", major(devno), minor(devno));
	add_name(nm, blk);
	add_links(nm, "/dev/disk", devno, 1);
	add_links(nm, "/dev/mapper", devno, 0);
	add_lv_link(nm, dev_dir, devno);
}

static bool one_filter_accepts(const struct dev_filter *f, const struct names *nm)
{
	bool rejected = false;

	for (size_t i = 0; i < nm->n; i++) {
		int d = decide(f, nm->v[i]);

		if (d == 1)
			return true;
		rejected |= d == 0;
	}
	return !rejected;
}

bool filter_accepts(struct vol_ctx *ctx, const char *path, dev_t devno)
{
	struct names nm = { NULL, 0 };
	bool ok = true;

	if (!ctx->filters[VOL_FILTER_GLOBAL] && !ctx->filters[VOL_FILTER_COMMAND])
		return true;
	device_names(path, ctx_dir(ctx, VOL_DIR_DEV), devno, &nm);
	for (size_t i = 0; i < ARRAY_SIZE(ctx->filters) && ok; i++)
		if (ctx->filters[i])
			ok = one_filter_accepts(ctx->filters[i], &nm);
	if (!ok)
		log_debug(ctx, "%s: skipped (filter)", path);
	for (size_t i = 0; i < nm.n; i++)
		free(nm.v[i]);
	free(nm.v);
	return ok;
}
