/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writing lvm2's devices file: the entries of PVs this library creates
 * (pvcreate, vgcreate, vgextend) or removes (pvremove), and the
 * corrections a scan finds.  Every write happens under the exclusive flock
 * of <lockdir>/D_<file name>, the lock lvm2 takes, over the file as it is
 * then; the new text goes to <file>_new, is flushed, and is renamed over
 * the file, whose directory is flushed in turn, so a crash leaves the old
 * file or the new one.  VERSION counts the writes, as in lvm2.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "devid.h"

/* Logs a notice about the devices file (lvm2 words these without "WARNING:"). */
#define df_notice(ctx, ...) vlog(ctx, VOL_LOG_WARN, VOL_MSG_DEVFILE, (ctx)->devfile->path, __VA_ARGS__)

int devfile_lock(struct vol_ctx *ctx, bool exclusive, bool nowait)
{
	char path[PATH_MAX];
	int fd, r;

	snprintf(path, sizeof(path), "%s/D_%s", ctx_dir(ctx, VOL_DIR_LOCK), ctx->devfile->name);
	fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0 && errno == ENOENT && !ctx_make_dir(ctx, VOL_DIR_LOCK))
		fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | (nowait ? LOCK_NB : 0)))
		if (errno != EINTR) {
			r = errno == EWOULDBLOCK ? -EBUSY : -errno;
			close(fd);
			return r;
		}
	log_debug(ctx, "devices file lock %s held %s", path, exclusive ? "exclusive" : "shared");
	return fd;
}

void devfile_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Our comment lines: the command (its first word) and when. */
static void make_head(struct vol_ctx *ctx, char *buf, size_t len)
{
	char cmd[64], when[64];
	time_t t = time(NULL);
	struct tm tm;

	snprintf(cmd, sizeof(cmd), "%s", ctx_command(ctx));
	cmd[strcspn(cmd, " \t\r\n")] = '\0';
	for (char *c = cmd; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '_';
	if (!localtime_r(&t, &tm) || !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm))
		snprintf(when, sizeof(when), "%lld", (long long)t);
	snprintf(buf, len, "# Devices that LVM commands may use (lvm2's devices file).\n"
		 "# Written by libvolume for \"%s\" (pid %d) on %s.\n", cmd, (int)getpid(), when);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int sync_dir_of(const char *path)
{
	char tmp[PATH_MAX];
	int fd, r = 0;

	snprintf(tmp, sizeof(tmp), "%s", path);
	if ((fd = open(dirname(tmp), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	if (fsync(fd))
		r = -errno;
	close(fd);
	return r;
}

/* <file>_new, flushed, renamed over the file; then the directory is flushed. */
static int write_file(struct vol_ctx *ctx, const struct md_devfile *f, unsigned counter)
{
	const char *path = ctx->devfile->path;
	char head[512], tmp[PATH_MAX];
	char *text;
	size_t len;
	int fd, r;

	make_head(ctx, head, sizeof(head));
	if ((r = md_devfile_format(f, head, ctx->system_id, counter, &text, &len)))
		return r;
	snprintf(tmp, sizeof(tmp), "%s_new", path);
	unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		r = -errno;
	} else {
		r = write_all(fd, text, len);
		if (!r && fsync(fd))
			r = -errno;
		if (close(fd) && !r)
			r = -errno;
		if (!r && rename(tmp, path))
			r = -errno;
		if (r)
			unlink(tmp);
		else
			r = sync_dir_of(path);
	}
	free(text);
	if (r)
		log_err(ctx, "Failed to write the devices file %s: %s.", path, strerror(-r));
	else
		log_debug(ctx, "wrote devices file %s, version %u.%u.%u", path, MD_DEVFILE_MAJOR,
			  MD_DEVFILE_MINOR, counter);
	return r;
}

/* The write count of @f, or -EINVAL (with lvm2's warning) if it must not be rewritten. */
static int next_counter(struct vol_ctx *ctx, const struct md_devfile *f, unsigned *counter)
{
	unsigned v[3];

	if (md_devfile_version(f, v)) {
		log_warn(ctx, "not updating devices file with unparsed version.");
		return -EINVAL;
	}
	if (v[0] > MD_DEVFILE_MAJOR) {
		log_warn(ctx, "not updating devices file with larger major version.");
		return -EINVAL;
	}
	*counter = v[2] + 1;
	return 0;
}

void devfile_write_corrections(struct vol_ctx *ctx)
{
	struct devfile *df = ctx->devfile;
	struct md_devfile now;
	unsigned counter;
	char ver[64];
	int fd;

	df->dirty = false;
	if (ctx->test_mode)
		return;
	/* Not worth waiting for: the next command corrects it if this one cannot. */
	if ((fd = devfile_lock(ctx, true, true)) < 0) {
		log_debug(ctx, "devices file busy: corrections not written");
		return;
	}
	if (!devfile_parse_file(df->path, &now) &&
	    !strcmp(now.version ? now.version : "", df->f.version ? df->f.version : "") &&
	    !next_counter(ctx, &df->f, &counter) && !write_file(ctx, &df->f, counter)) {
		snprintf(ver, sizeof(ver), "%u.%u.%u", MD_DEVFILE_MAJOR, MD_DEVFILE_MINOR, counter);
		md_dfent_set(&df->f.version, ver);
	} else {
		log_debug(ctx, "devices file changed or unreadable: corrections not written");
	}
	md_devfile_free(&now);
	devfile_unlock(fd);
}

/* ---------------------------------------------------------------- PV entries */

/* The file being edited, with the device each entry names. */
struct edit {
	struct md_devfile f;
	dev_t *match;
	struct devent *devs;
	size_t n_devs;
};

static ssize_t find_entry(const struct edit *ed, dev_t devno, const char *pvid, enum md_idtype t,
			  const char *idname)
{
	for (size_t i = 0; i < ed->f.n; i++) {
		const struct md_dfent *e = &ed->f.ent[i];

		if (devno && ed->match[i] == devno)
			return (ssize_t)i;
		if (pvid && e->pvid && !strcmp(e->pvid, pvid))
			return (ssize_t)i;
		if (idname && e->type == t && e->idname && !strcmp(e->idname, idname))
			return (ssize_t)i;
	}
	return -1;
}

static const char *name_of(const struct edit *ed, dev_t devno)
{
	for (size_t k = 0; k < ed->n_devs; k++)
		if (ed->devs[k].devno == devno)
			return ed->devs[k].path;
	return "missing device";
}

/* Which entry, if any, is the device's own: lvm2's rules for a PV it adds. */
static ssize_t own_entry(struct vol_ctx *ctx, const struct edit *ed, const struct devfile_op *op,
			 enum md_idtype t, const char *idname)
{
	ssize_t by_dev = find_entry(ed, op->devno, NULL, t, NULL);
	ssize_t by_pvid = find_entry(ed, 0, op->pvid, t, NULL);
	ssize_t by_id = find_entry(ed, 0, NULL, t, idname);
	char *check;
	bool same;

	if (by_pvid >= 0 && ed->match[by_pvid] != op->devno)
		log_warn(ctx, "adding device %s with PVID %s which is already used for %s.", op->path,
			 op->pvid, name_of(ed, ed->match[by_pvid]));
	if (by_id >= 0 && ed->match[by_id] != op->devno)
		log_warn(ctx, "adding device %s with idname %s which is already used for %s.", op->path,
			 idname, name_of(ed, ed->match[by_id]));
	if (by_dev >= 0)
		return by_dev;
	if (by_pvid >= 0) {
		/* The same device under an ID of another kind, or a duplicate PV (a new entry). */
		const struct md_dfent *e = &ed->f.ent[by_pvid];

		check = e->type == t ? strdup(idname) : devid_read(op->devno, op->path, e->type);
		same = check && e->idname && !strcmp(check, e->idname);
		free(check);
		return same ? by_pvid : -1;
	}
	return -1;
}

static int add_pv(struct vol_ctx *ctx, struct edit *ed, const struct devid_majors *m,
		  const struct devfile_op *op)
{
	char *idname;
	enum md_idtype t = devid_choose(m, op->devno, op->path, &idname);
	ssize_t i;
	struct md_dfent *e;
	int r;

	if (t == MD_ID_UNKNOWN)
		return -ENOMEM;
	if ((i = own_entry(ctx, ed, op, t, idname)) >= 0) {
		md_devfile_move_last(&ed->f, (size_t)i);
		memmove(&ed->match[i], &ed->match[i + 1], (ed->f.n - (size_t)i - 1) * sizeof(dev_t));
		e = &ed->f.ent[ed->f.n - 1];
	} else if (!(e = md_devfile_add(&ed->f, t, NULL, NULL, NULL, 0))) {
		free(idname);
		return -ENOMEM;
	}
	e->type = t;
	e->part = devid_part(op->devno);
	ed->match[ed->f.n - 1] = op->devno;
	r = md_dfent_set(&e->type_name, NULL);
	if (!r)
		r = md_dfent_set(&e->idname, idname);
	if (!r)
		r = md_dfent_set(&e->devname, op->path);
	if (!r)
		r = md_dfent_set(&e->pvid, op->pvid);
	free(idname);
	return r;
}

static void pv_removed(struct vol_ctx *ctx, struct edit *ed, const struct devfile_op *op)
{
	ssize_t i = find_entry(ed, op->devno, NULL, MD_ID_UNKNOWN, NULL);

	if (i < 0)
		log_warn(ctx, "devices to use does not include %s", op->path);
	else
		md_dfent_set(&ed->f.ent[i].pvid, NULL);
}

/* May this command create the missing file?  lvm2's rule, with its notices. */
static bool may_create(struct vol_ctx *ctx, enum devfile_who who, bool vgs_seen)
{
	char dir[PATH_MAX];

	if (who != DF_PVCREATE && who != DF_VGCREATE)
		return false;
	if (!(ctx->devfile->flags & VOL_DEVFILE_CREATE)) {
		if (vgs_seen) {
			df_notice(ctx, "Not creating system devices file due to existing VGs.");
			return false;
		}
		df_notice(ctx, "Creating devices file %s", ctx->devfile->path);
	}
	snprintf(dir, sizeof(dir), "%s", ctx->devfile->path);
	if (mkdir(dirname(dir), 0700) && errno != EEXIST) {
		log_err(ctx, "Cannot create the directory of the devices file %s: %s.",
			ctx->devfile->path, strerror(errno));
		return false;
	}
	return true;
}

/* Applies @ops to the file as it is now (read under the lock held by the caller). */
static int edit_file(struct vol_ctx *ctx, enum devfile_who who, const struct devfile_op *ops,
		     size_t n, bool vgs_seen)
{
	struct edit ed = { 0 };
	struct devid_majors m;
	unsigned counter = 1;
	int r = devfile_parse_file(ctx->devfile->path, &ed.f);

	if (r == -ENOENT && !may_create(ctx, who, vgs_seen))
		return 0;
	if ((r && r != -ENOENT) || (!r && next_counter(ctx, &ed.f, &counter))) {
		md_devfile_free(&ed.f);
		return r == -EINVAL ? 0 : r;
	}
	if (!(r = dev_list_all(ctx, &ed.devs, &ed.n_devs)) &&
	    !(ed.match = calloc(ed.f.n + n + 1, sizeof(*ed.match))))
		r = -ENOMEM;
	if (!r) {
		devfile_match(&ed.f, ed.devs, ed.n_devs, ed.match);
		devid_majors(&m);
		for (size_t i = 0; i < ed.f.n; i++)
			if (ed.match[i])
				md_dfent_set(&ed.f.ent[i].devname, name_of(&ed, ed.match[i]));
	}
	for (size_t i = 0; !r && i < n; i++)
		if (ops[i].pvid)
			r = add_pv(ctx, &ed, &m, &ops[i]);
		else
			pv_removed(ctx, &ed, &ops[i]);
	if (!r)
		r = write_file(ctx, &ed.f, counter);
	dev_free_list(ed.devs, ed.n_devs);
	free(ed.match);
	md_devfile_free(&ed.f);
	return r;
}

int devfile_record(struct vol_ctx *ctx, enum devfile_who who, const struct devfile_op *ops,
		   size_t n, bool vgs_seen)
{
	int fd, r;

	if (!ctx->devfile || ctx->n_devices || ctx->test_mode || !n)
		return 0;
	if (who == DF_VGEXTEND || who == DF_PVREMOVE) {
		struct stat st;

		if (stat(ctx->devfile->path, &st))
			return 0;	/* only pvcreate and vgcreate make a missing file */
	}
	if ((fd = devfile_lock(ctx, true, false)) < 0) {
		log_err(ctx, "Failed to lock the devices file %s: %s.", ctx->devfile->path,
			strerror(-fd));
		return fd;
	}
	r = edit_file(ctx, who, ops, n, vgs_seen);
	devfile_unlock(fd);
	return r;
}
