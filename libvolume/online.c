/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's record of which PVs are online, for event-driven autoactivation
 * (what `pvscan --cache -aay` keeps under the run directory):
 *   <run>/pvs_online/<PVID>   "MAJOR:MINOR\nvg:NAME\ndev:PATH\n"
 *   <run>/vgs_online/<VG>     claimed by the one command that activates VG
 * We keep the same files, so lvm2 and we agree on what is online.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ctx.h"
#include "scan.h"

static int online_dir(struct vol_ctx *ctx, const char *sub, char *buf, size_t len)
{
	const char *run = ctx_dir(ctx, VOL_DIR_RUN);

	if ((size_t)snprintf(buf, len, "%s/%s", run, sub) >= len)
		return -ENAMETOOLONG;
	if (mkdir(run, 0755) && errno != EEXIST)
		return -errno;
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Writes the online file of PV device @d (in VG @vg, or none); replaces an
 * older one, since the device may have a new number. */
static int record(struct vol_ctx *ctx, const struct sdev *d, const char *vg)
{
	char dir[4096], path[4200], tmp[4300], buf[1024];
	int fd, n, r;

	if ((r = online_dir(ctx, "pvs_online", dir, sizeof(dir))))
		return r;
	snprintf(path, sizeof(path), "%s/%s", dir, d->d.label.uuid);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	n = snprintf(buf, sizeof(buf), "%u:%u\n", major(d->d.devno), minor(d->d.devno));
	if (vg)
		n += snprintf(buf + n, sizeof(buf) - n, "vg:%s\n", vg);
	n += snprintf(buf + n, sizeof(buf) - n, "dev:%s\n", d->d.path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		return -errno;
	r = write(fd, buf, (size_t)n) == n ? 0 : -EIO;
	close(fd);
	if (!r && rename(tmp, path))
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}

/* Are all PVs of @g online (recorded, or among those just recorded)? */
static bool complete(struct vol_ctx *ctx, const struct svg *g)
{
	char dir[4096], path[4200];
	struct stat st;

	if (online_dir(ctx, "pvs_online", dir, sizeof(dir)))
		return false;
	for (uint32_t i = 0; i < g->best->n_pvs; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, g->best->pvs[i].id);
		if (stat(path, &st))
			return false;
	}
	return true;
}

static bool named(const struct sdev *d, const char *const *devs, size_t n)
{
	struct stat st;

	if (!n)
		return true;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(devs[i], d->d.path) ||
		    (!stat(devs[i], &st) && S_ISBLK(st.st_mode) && st.st_rdev == d->d.devno))
			return true;
	return false;
}

/* A scan of every device starts from nothing, as lvm2's does: no PV is
 * online and every VG may be autoactivated again. */
static void forget_all(struct vol_ctx *ctx)
{
	char dir[4096], path[4400];
	struct dirent *e;
	DIR *dp;

	for (const char *const *sub = (const char *const[]){ "pvs_online", "vgs_online",
							      "pvs_lookup", NULL }; *sub; sub++) {
		if (online_dir(ctx, *sub, dir, sizeof(dir)) || !(dp = opendir(dir)))
			continue;
		while ((e = readdir(dp)))
			if (e->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
				unlink(path);
			}
		closedir(dp);
	}
}

VOL_EXPORT int vol_pvscan_cache(struct vol_ctx *ctx, const char *const *devs, size_t n,
				void (*fn)(const struct vol_online_info *i, void *usrptr),
				void *usrptr)
{
	const struct sdev *d;
	int r = scan_run(ctx);

	if (!r && !n && !ctx->test_mode)
		forget_all(ctx);
	for (size_t i = 0; !r && (d = scan_dev(ctx, i)); i++) {
		struct vol_online_info info = { .device = d->d.path };

		if (!d->is_pv || !named(d, devs, n) || d->state == PVS_DUPLICATE)
			continue;
		if (d->state != PVS_MEMBER) {	/* lvm2 records no orphan */
			if (fn)
				fn(&info, usrptr);
			continue;
		}
		if (!ctx->test_mode && (r = record(ctx, d, d->vg->name))) {
			log_err(ctx, "Cannot record PV %s online in %s: %s.", d->d.path,
				ctx_dir(ctx, VOL_DIR_RUN), strerror(-r));
			break;
		}
		info.vg = d->vg->name;
		info.online = true;
		info.vg_complete = complete(ctx, d->vg);
		if (fn)
			fn(&info, usrptr);
	}
	return r;
}

VOL_EXPORT int vol_vg_claim_autoactivation(struct vol_ctx *ctx, const char *name)
{
	char dir[4096], path[4400];
	int fd, r;

	if (ctx->test_mode)
		return 0;
	if ((r = online_dir(ctx, "vgs_online", dir, sizeof(dir))))
		return r;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
		return -errno;
	close(fd);
	return 0;
}
