/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's devices file as a scope: when one is set and exists (and no
 * --devices list is given), only the devices its entries name are
 * scanned; the regex filters are then ignored, as in lvm2.  An entry names
 * a device by its ID (devid.c): the device it last saw (DEVNAME) is tried
 * first, then every other one.  After the scan, entries are checked
 * against the PV UUIDs on disk as lvm2 checks them; lvm2's corrections
 * are written back when the file is free (devicesfile_edit.c).
 *
 * lvm2 also searches devices outside the file for the PV of a devname
 * entry whose device was renamed (search_for_devnames); this library does
 * not: such an entry stays "not found" until lvm2 or the user updates it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "textfile.h"
#include "devid.h"
#include "scan.h"

void devfile_free(struct devfile *df)
{
	if (!df)
		return;
	free(df->path);
	free(df->name);
	md_devfile_free(&df->f);
	free(df->match);
	free(df->admitted);
	free(df);
}

VOL_EXPORT int vol_ctx_set_devices_file(struct vol_ctx *ctx, const char *path, unsigned flags)
{
	struct devfile *df = NULL;
	const char *base;

	if (path) {
		base = strrchr(path, '/');
		base = base ? base + 1 : path;
		if (!*base)
			return -EINVAL;
		if (!(df = calloc(1, sizeof(*df))) || !(df->path = strdup(path)) ||
		    !(df->name = strdup(base))) {
			devfile_free(df);
			return -ENOMEM;
		}
		df->flags = flags;
	}
	devfile_free(ctx->devfile);
	ctx->devfile = df;
	vol_ctx_rescan(ctx);
	return 0;
}

bool devfile_active(const struct vol_ctx *ctx)
{
	return ctx->devfile && ctx->devfile->exists && !ctx->n_devices;
}

/* Logs a notice about the devices file (lvm2 words these without "WARNING:"). */
#define df_notice(ctx, ...) log_warn_once(ctx, VOL_MSG_DEVFILE, (ctx)->devfile->path, __VA_ARGS__)

int devfile_parse_file(const char *path, struct md_devfile *f)
{
	char *text = NULL;
	size_t len = 0;
	int r = text_file_read(path, &text, &len);

	memset(f, 0, sizeof(*f));
	if (r)
		return r;
	r = md_devfile_parse(text, len, f);
	free(text);
	return r;
}

static void check_system_id(struct vol_ctx *ctx)
{
	const char *theirs = ctx->devfile->f.systemid, *ours = ctx->system_id;

	if (theirs && (ours ? strcmp(ours, theirs) != 0 : theirs[0] != '\0'))
		log_warn_once(ctx, VOL_MSG_OTHER, ctx->devfile->path,
			      "devices file has unmatching system id %s vs local %s.",
			      theirs[0] ? theirs : "none", ours ? ours : "none");
}

int devfile_load(struct vol_ctx *ctx)
{
	struct devfile *df = ctx->devfile;
	struct stat st;
	int fd, r;

	if (!df || ctx->n_devices)
		return 0;
	md_devfile_free(&df->f);
	free(df->match);
	df->match = NULL;
	df->dirty = false;
	/* A missing file is no devices file, as in lvm2. */
	if ((df->exists = !stat(df->path, &st)) == false) {
		log_debug(ctx, "devices file %s does not exist: not used", df->path);
		return 0;
	}
	if ((fd = devfile_lock(ctx, false, false)) < 0) {
		log_err(ctx, "Failed to lock the devices file %s: %s.", df->path, strerror(-fd));
		return fd;
	}
	r = devfile_parse_file(df->path, &df->f);
	devfile_unlock(fd);
	if (r == -ENOENT) {
		df->exists = false;
		return 0;
	}
	if (r) {
		log_err(ctx, "Failed to read the devices file %s: %s.", df->path, strerror(-r));
		return r;
	}
	if (!(df->match = calloc(df->f.n + 1, sizeof(*df->match))))
		return -ENOMEM;
	check_system_id(ctx);
	log_debug(ctx, "devices file %s: %zu entries, version %s", df->path, df->f.n,
		  df->f.version ? df->f.version : "none");
	return 0;
}

/* ---------------------------------------------------------------- matching */

/* What is known of one device while matching: its IDs are read once, when needed. */
struct cand {
	char *id[MD_ID_TYPES];
	bool read[MD_ID_TYPES];
	int part;
	bool part_read, used;
};

/* /dev/dm-N and /dev/mapper/NAME both name a dm device. */
static bool same_dm_node(const char *name, dev_t devno)
{
	struct stat st;

	if (strncmp(name, "/dev/dm-", 8) && strncmp(name, "/dev/mapper/", 12))
		return false;
	return !stat(name, &st) && S_ISBLK(st.st_mode) && st.st_rdev == devno;
}

static bool names(const struct devid_majors *m, struct cand *c, const struct devent *d,
		  const struct md_dfent *e)
{
	if (!devid_fits(m, e->type, major(d->devno)))
		return false;
	if (!c->part_read) {
		c->part = devid_part(d->devno);
		c->part_read = true;
	}
	if (c->part != e->part)
		return false;
	if (!c->read[e->type]) {
		c->id[e->type] = devid_read(d->devno, d->path, e->type);
		c->read[e->type] = true;
	}
	if (c->id[e->type] && !strcmp(c->id[e->type], e->idname))
		return true;
	return e->type == MD_ID_DEVNAME && major(d->devno) == m->dm && same_dm_node(e->idname, d->devno);
}

static ssize_t find_devno(const struct devent *v, size_t n, dev_t devno)
{
	for (size_t k = 0; k < n; k++)
		if (v[k].devno == devno)
			return (ssize_t)k;
	return -1;
}

/* The device entry @e names: the one at its DEVNAME if that fits, else the first other one. */
static ssize_t match_one(const struct devid_majors *m, const struct md_dfent *e,
			 const struct devent *v, size_t n, struct cand *c)
{
	struct stat st;
	ssize_t k;

	if (!e->idname || e->type == MD_ID_UNKNOWN)
		return -1;
	if (e->devname && !stat(e->devname, &st) && S_ISBLK(st.st_mode) &&
	    (k = find_devno(v, n, st.st_rdev)) >= 0 && names(m, &c[k], &v[k], e))
		return k;
	for (size_t j = 0; j < n; j++)
		if (!c[j].used && names(m, &c[j], &v[j], e))
			return (ssize_t)j;
	return -1;
}

void devfile_match(const struct md_devfile *f, const struct devent *v, size_t n, dev_t *match)
{
	struct cand *c = calloc(n + 1, sizeof(*c));
	struct devid_majors m;

	for (size_t i = 0; i < f->n; i++)
		match[i] = 0;
	if (!c)
		return;	/* no memory: no device matches */
	devid_majors(&m);
	for (size_t i = 0; i < f->n; i++) {
		ssize_t k = match_one(&m, &f->ent[i], v, n, c);

		if (k >= 0) {
			match[i] = v[k].devno;
			c[k].used = true;
		}
	}
	for (size_t k = 0; k < n; k++)
		for (unsigned t = 0; t < MD_ID_TYPES; t++)
			free(c[k].id[t]);
	free(c);
}

/* lvm2's words for an entry that names no device here. */
static void not_found(struct vol_ctx *ctx, const struct md_dfent *e)
{
	const char *pvid = e->pvid ? e->pvid : "none", *idname = e->idname ? e->idname : "none";
	const char *type = md_idtype_name(e->type);
	enum vol_msg code = VOL_MSG_DEVFILE_NOT_FOUND;
	const char *path = ctx->devfile->path;

	if (e->type == MD_ID_DEVNAME && e->devname)
		log_warn_once(ctx, code, path, "Devices file PVID %s last seen on %s not found.", pvid,
			      e->devname);
	else if (e->type == MD_ID_DEVNAME)
		log_warn_once(ctx, code, path, "Devices file PVID %s not found.", pvid);
	else if (e->devname)
		log_warn_once(ctx, code, path, "Devices file %s %s PVID %s last seen on %s not found.",
			      type, idname, pvid, e->devname);
	else
		log_warn_once(ctx, code, path, "Devices file %s %s PVID %s not found.", type, idname,
			      pvid);
}

static bool admitted(const struct devfile *df, dev_t devno)
{
	for (size_t i = 0; i < df->n_admitted; i++)
		if (df->admitted[i] == devno)
			return true;
	return false;
}

static bool matched(const struct devfile *df, dev_t devno)
{
	for (size_t i = 0; i < df->f.n; i++)
		if (df->match[i] == devno)
			return true;
	return false;
}

int devfile_restrict(struct vol_ctx *ctx, struct devent *v, size_t *n)
{
	struct devfile *df = ctx->devfile;
	size_t keep = 0;

	devfile_match(&df->f, v, *n, df->match);
	for (size_t i = 0; i < df->f.n; i++)
		if (!df->match[i])
			not_found(ctx, &df->f.ent[i]);
	if (ctx->filters[VOL_FILTER_GLOBAL])
		df_notice(ctx, "Please remove the lvm.conf global_filter, it is ignored with the devices file.");
	if (ctx->filters[VOL_FILTER_COMMAND])
		df_notice(ctx, "Please remove the lvm.conf filter, it is ignored with the devices file.");
	for (size_t k = 0; k < *n; k++) {
		if (matched(df, v[k].devno) || admitted(df, v[k].devno)) {
			v[keep++] = v[k];
			continue;
		}
		log_debug(ctx, "%s: skipped (not in the devices file)", v[k].path);
		free(v[k].path);
	}
	*n = keep;
	return 0;
}

int devfile_admit(struct vol_ctx *ctx, const char *path)
{
	struct devfile *df = ctx->devfile;
	struct stat st;
	dev_t *v;

	if (!df || ctx->n_devices || stat(path, &st) || !S_ISBLK(st.st_mode) ||
	    admitted(df, st.st_rdev))
		return 0;
	if (!(v = realloc(df->admitted, (df->n_admitted + 1) * sizeof(*v))))
		return -ENOMEM;
	df->admitted = v;
	v[df->n_admitted++] = st.st_rdev;
	log_debug(ctx, "%s: in scope for this command although the devices file does not list it",
		  path);
	if (ctx->scan) {
		bool seen = false;

		for (size_t i = 0; i < ctx->scan->n_devs && !seen; i++)
			seen = ctx->scan->devs[i].d.devno == st.st_rdev;
		if (!seen)
			vol_ctx_rescan(ctx);
	}
	return 0;
}

/* ---------------------------------------------------------------- validation */

static struct sdev *sdev_of(struct scan *s, dev_t devno)
{
	for (size_t i = 0; i < s->n_devs; i++)
		if (s->devs[i].d.devno == devno)
			return &s->devs[i];
	return NULL;
}

static int set_field(struct vol_ctx *ctx, char **dst, const char *v)
{
	int r = md_dfent_set(dst, v);

	if (!r)
		ctx->devfile->dirty = true;
	return r;
}

/* The scanned device an entry names, if its PV UUID can be checked. */
static struct sdev *checkable(struct vol_ctx *ctx, struct scan *s, size_t i)
{
	struct sdev *d = ctx->devfile->match[i] ? sdev_of(s, ctx->devfile->match[i]) : NULL;

	if (!d || d->not_read)
		return NULL;
	if (d->d.component) {
		df_notice(ctx, "Devices file %s is excluded: %s.", d->d.path,
			  strncmp(d->d.component, "an md", 5) ? "device is a multipath component"
							     : "device is an md component");
		return NULL;
	}
	return d;
}

static void check_name(struct vol_ctx *ctx, struct md_dfent *e, const struct sdev *d)
{
	if (e->devname && !strcmp(e->devname, d->d.path))
		return;
	df_notice(ctx, "Device %s has updated name (devices file %s)", d->d.path,
		  e->devname ? e->devname : "none");
	set_field(ctx, &e->devname, d->d.path);
}

/* An entry with a real ID: the disk is right about the PV UUID and the name. */
static void check_by_id(struct vol_ctx *ctx, struct scan *s, size_t i)
{
	struct md_dfent *e = &ctx->devfile->f.ent[i];
	struct sdev *d = checkable(ctx, s, i);
	const char *pvid = d && d->is_pv ? d->d.label.uuid : NULL;

	if (!d)
		return;
	if (pvid && (!e->pvid || strcmp(e->pvid, pvid))) {
		df_notice(ctx, "Device %s has PVID %s (devices file %s)", d->d.path, pvid,
			  e->pvid ? e->pvid : "none");
		set_field(ctx, &e->pvid, pvid);
	} else if (!pvid && e->pvid) {
		df_notice(ctx, "Device %s has no PVID (devices file %s)", d->d.path, e->pvid);
		set_field(ctx, &e->pvid, NULL);
	}
	check_name(ctx, e, d);
}

/* A devname entry: the PV UUID decides; a device without it was matched by a stale name. */
static bool check_by_name(struct vol_ctx *ctx, struct scan *s, size_t i)
{
	struct md_dfent *e = &ctx->devfile->f.ent[i];
	struct sdev *d = checkable(ctx, s, i);
	const char *pvid = d && d->is_pv ? d->d.label.uuid : NULL;

	if (!d || !e->pvid)
		return false;
	if (pvid && !strcmp(pvid, e->pvid)) {
		check_name(ctx, e, d);
		return false;
	}
	if (pvid)
		df_notice(ctx, "Devices file PVID %s not found on device %s (device PVID %s).", e->pvid,
			  d->d.path, pvid);
	else
		df_notice(ctx, "Devices file PVID %s not found on device %s.", e->pvid, d->d.path);
	set_field(ctx, &e->idname, NULL);
	return true;
}

void devfile_validate(struct vol_ctx *ctx, struct scan *s)
{
	struct devfile *df = ctx->devfile;
	dev_t *wrong;
	size_t n_wrong = 0;

	if (!devfile_active(ctx) || !(wrong = calloc(df->f.n + 1, sizeof(*wrong))))
		return;
	for (size_t i = 0; i < df->f.n; i++)
		if (df->f.ent[i].type != MD_ID_DEVNAME)
			check_by_id(ctx, s, i);
	for (size_t i = 0; i < df->f.n; i++)
		if (df->f.ent[i].type == MD_ID_DEVNAME && check_by_name(ctx, s, i)) {
			wrong[n_wrong++] = df->match[i];
			df->match[i] = 0;
		}
	for (size_t k = 0; k < n_wrong; k++)
		if (!matched(df, wrong[k]) && !admitted(df, wrong[k]))
			scan_drop_dev(s, sdev_of(s, wrong[k]));
	free(wrong);
	/* The names of the devices the entries match are written as they are now. */
	for (size_t i = 0; df->dirty && i < df->f.n; i++) {
		struct sdev *d = df->match[i] ? sdev_of(s, df->match[i]) : NULL;

		if (d)
			md_dfent_set(&df->f.ent[i].devname, d->d.path);
	}
	if (df->dirty)
		devfile_write_corrections(ctx);
}
