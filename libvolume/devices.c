/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Which block devices are in scope: the --devices list, or sysfs restricted
 * by the devices file (when there is one) or else by the filters. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "filter.h"
#include "scan.h"

static int read_sysfs(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	size_t n;

	if (!f)
		return -errno;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

static uint64_t sysfs_size(dev_t devno)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/size", major(devno), minor(devno));
	if (read_sysfs(path, buf, sizeof(buf)))
		return 0;
	return strtoull(buf, NULL, 10) * 512;
}

int dev_stat(struct vol_ctx *ctx, const char *path, struct devent *out)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st)) {
		int e = -errno;

		log_debug(ctx, "%s: stat failed: %s", path, strerror(-e));
		return e;
	}
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	out->devno = st.st_rdev;
	out->size = sysfs_size(st.st_rdev);
	return 0;
}

/* LVs are not scanned for PV labels unless asked (lvm2's devices/scan_lvs). */
static bool is_lvm_lv(const char *sysname)
{
	char path[PATH_MAX], uuid[160];

	snprintf(path, sizeof(path), "/sys/class/block/%s/dm/uuid", sysname);
	return !read_sysfs(path, uuid, sizeof(uuid)) && !strncmp(uuid, "LVM-", 4);
}

/* The node of @sysname under the device directory (DM_DEV_DIR in lvm2):
 * DIR/mapper/NAME for a device-mapper device, else DIR/NAME. */
static char *node_path(const struct vol_ctx *ctx, const char *sysname)
{
	const char *dir = ctx_dir(ctx, VOL_DIR_DEV);
	char path[PATH_MAX], name[256];
	char *p;

	snprintf(path, sizeof(path), "/sys/class/block/%s/dm/name", sysname);
	if (!read_sysfs(path, name, sizeof(name)) && *name) {
		if (asprintf(&p, "%s/mapper/%s", dir, name) < 0)
			return NULL;
		return p;
	}
	if (asprintf(&p, "%s/%s", dir, sysname) < 0)
		return NULL;
	for (char *c = p + strlen(dir) + 1; *c; c++)
		if (*c == '!')
			*c = '/';
	return p;
}

static int cmp_dev(const void *a, const void *b)
{
	const struct devent *x = a, *y = b;

	return x->devno < y->devno ? -1 : x->devno > y->devno;
}

int dev_list_all(struct vol_ctx *ctx, struct devent **out, size_t *n)
{
	DIR *dir = opendir("/sys/class/block");
	struct devent *v = NULL;
	size_t cap = 0, k = 0;
	struct dirent *e;

	if (!dir)
		return -errno;
	while ((e = readdir(dir))) {
		char path[PATH_MAX], buf[32];
		unsigned ma, mi;
		struct devent d = { 0 };

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/block/%s/dev", e->d_name);
		if (read_sysfs(path, buf, sizeof(buf)) || sscanf(buf, "%u:%u", &ma, &mi) != 2)
			continue;
		d.devno = makedev(ma, mi);
		d.size = sysfs_size(d.devno);
		if (!d.size || (!ctx->scan_lvs && is_lvm_lv(e->d_name)))
			continue;
		if (!(d.path = node_path(ctx, e->d_name)))
			goto nomem;
		if (k == cap) {
			struct devent *nv = realloc(v, (cap = cap ? cap * 2 : 32) * sizeof(*v));

			if (!nv) {
				free(d.path);
				goto nomem;
			}
			v = nv;
		}
		v[k++] = d;
	}
	closedir(dir);
	if (k)
		qsort(v, k, sizeof(*v), cmp_dev);
	log_debug(ctx, "sysfs lists %zu block devices", k);
	*out = v;
	*n = k;
	return 0;
nomem:
	closedir(dir);
	dev_free_list(v, k);
	return -ENOMEM;
}

/* Keeps the devices the filters accept. */
static void apply_filters(struct vol_ctx *ctx, struct devent *v, size_t *n)
{
	size_t keep = 0;

	for (size_t k = 0; k < *n; k++)
		if (filter_accepts(ctx, v[k].path, v[k].devno))
			v[keep++] = v[k];
		else
			free(v[k].path);
	*n = keep;
}

static int from_sysfs(struct vol_ctx *ctx, struct devent **out, size_t *n)
{
	int r = dev_list_all(ctx, out, n);

	if (!r)
		r = devfile_load(ctx);
	if (!r && devfile_active(ctx))
		r = devfile_restrict(ctx, *out, n);
	else if (!r)
		apply_filters(ctx, *out, n);
	if (r) {
		dev_free_list(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return r;
}

/* vgimportclone's narrowing of the scope (ctx->narrow), if any. */
static void narrow(struct vol_ctx *ctx, struct devent *v, size_t *n)
{
	size_t keep = 0;

	if (!ctx->n_narrow)
		return;
	for (size_t k = 0; k < *n; k++) {
		bool listed = false;

		for (size_t i = 0; i < ctx->n_narrow && !listed; i++)
			listed = ctx->narrow[i] == v[k].devno;
		if (listed != ctx->narrow_out)
			v[keep++] = v[k];
		else
			free(v[k].path);
	}
	*n = keep;
}

static int in_scope(struct vol_ctx *ctx, struct devent **out, size_t *n)
{
	struct devent *v;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!ctx->n_devices)
		return from_sysfs(ctx, out, n);
	if (!(v = calloc(ctx->n_devices, sizeof(*v))))
		return -ENOMEM;
	for (size_t i = 0; i < ctx->n_devices; i++) {
		struct devent d = { 0 };
		struct stat st;
		bool dup = false;

		/* Just the device number: the scan learns the size when it opens it. */
		if (stat(ctx->devices[i], &st) || !S_ISBLK(st.st_mode)) {
			log_debug(ctx, "%s: in the device list but not a block device; skipped",
				  ctx->devices[i]);
			continue;
		}
		d.devno = st.st_rdev;
		for (size_t j = 0; j < k; j++)
			dup |= v[j].devno == d.devno;
		if (dup)
			continue;
		if (!(d.path = strdup(ctx->devices[i]))) {
			dev_free_list(v, k);
			return -ENOMEM;
		}
		v[k++] = d;
	}
	*out = v;
	*n = k;
	return 0;
}

int dev_enumerate(struct vol_ctx *ctx, struct devent **out, size_t *n)
{
	int r = in_scope(ctx, out, n);

	if (!r)
		narrow(ctx, *out, n);
	return r;
}

void dev_free_list(struct devent *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(d[i].path);
	free(d);
}

static void add_mounted(struct vol_ctx *ctx, dev_t devno)
{
	dev_t *v = realloc(ctx->mounted, (ctx->n_mounted + 1) * sizeof(*v));

	if (v) {
		v[ctx->n_mounted++] = devno;
		ctx->mounted = v;
	}
}

/* Devices mounted or used as swap, read once per scan. */
static void load_mounted(struct vol_ctx *ctx)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];

	ctx->mounted_loaded = true;
	while (f && fgets(line, sizeof(line), f)) {
		unsigned ma, mi;

		if (sscanf(line, "%*u %*u %u:%u", &ma, &mi) == 2)
			add_mounted(ctx, makedev(ma, mi));
	}
	if (f)
		fclose(f);
	/* Active swap does not show in mountinfo. */
	f = fopen("/proc/swaps", "re");
	while (f && fgets(line, sizeof(line), f)) {
		char dev[1024];
		struct stat st;

		if (sscanf(line, "%1023s", dev) == 1 && !stat(dev, &st) && S_ISBLK(st.st_mode))
			add_mounted(ctx, st.st_rdev);
	}
	if (f)
		fclose(f);
}

bool dev_is_mounted(struct vol_ctx *ctx, dev_t devno)
{
	if (!ctx->mounted_loaded)
		load_mounted(ctx);
	for (size_t i = 0; i < ctx->n_mounted; i++)
		if (ctx->mounted[i] == devno)
			return true;
	return false;
}

void dev_forget_mounts(struct vol_ctx *ctx)
{
	free(ctx->mounted);
	ctx->mounted = NULL;
	ctx->n_mounted = 0;
	ctx->mounted_loaded = false;
}
