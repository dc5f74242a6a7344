/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Metadata backups and archives in lvm2's file format:
 *   <backup_dir>/<vg>                      the metadata after the last change
 *   <archive_dir>/<vg>_NNNNN-<rand>.vg     the metadata before each change
 * Files are written to a temporary name, synced and renamed into place.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "ctx.h"
#include "vgobj.h"

#define ARCHIVE_KEEP_MIN 10
#define ARCHIVE_KEEP_DAYS 30

/* The host's zone, as lvm2 prints its dates; the codec itself reads no zone. */
static long local_utc_offset(uint64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	return localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
}

void export_opts(struct vol_ctx *ctx, struct md_export_opts *o, const char *description)
{
	o->generator = "libvolume version " VOL_VERSION;
	o->description = description;
	o->host = ctx->host;
	o->uname = ctx->uname;
	o->time = (uint64_t)time(NULL);
	o->utc_offset = 0;
	o->utc_offset_at = local_utc_offset;
}

/* Writes every piece to @fd. */
static int write_all(int fd, const struct iovec *iov, int n)
{
	for (int i = 0; i < n; i++)
		for (size_t done = 0; done < iov[i].iov_len;) {
			ssize_t w = write(fd, (const char *)iov[i].iov_base + done, iov[i].iov_len - done);

			if (w < 0 && errno != EINTR)
				return -errno;
			if (w > 0)
				done += (size_t)w;
		}
	return 0;
}

/* Step 1 of an atomic write: the pieces into "<path>.tmp<pid>", synced. */
int afile_write(struct afile *f, const char *path, const struct iovec *iov, int n)
{
	int fd, r;

	snprintf(f->path, sizeof(f->path), "%s", path);
	snprintf(f->tmp, sizeof(f->tmp), "%s.tmp%d", path, (int)getpid());
	fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	r = write_all(fd, iov, n);
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (r)
		unlink(f->tmp);
	return r;
}

/* Step 2: the file into place, and the rename made durable. */
int afile_commit(struct afile *f)
{
	char dir[PATH_MAX], *slash;
	int fd;

	if (rename(f->tmp, f->path)) {
		int r = -errno;

		unlink(f->tmp);
		return r;
	}
	snprintf(dir, sizeof(dir), "%s", f->path);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		fd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	return 0;
}

void afile_abort(struct afile *f)
{
	unlink(f->tmp);
}

static int write_atomic(const char *path, const struct iovec *iov, int n)
{
	struct afile f;
	int r = afile_write(&f, path, iov, n);

	return r ? r : afile_commit(&f);
}

/*
 * A VG's file: the header in the file form, then the VG section.  With a
 * body (the section in the disk form, as committed), that is all there is
 * to write: the text is exported once per change and shared by the disk,
 * the archive and the backup.  Without one, the whole file form from @vg.
 */
static int export_file(struct vol_ctx *ctx, const struct md_vg *vg, const char *desc,
		       const char *body, size_t body_len, const char *path, struct afile *f)
{
	struct md_export_opts o;
	struct md_buf b;
	struct iovec iov[3];
	int n = 0, r;

	export_opts(ctx, &o, desc);
	md_buf_init(&b);
	r = body ? md_vg_export_header(MD_FORM_FILE, &o, &b) : md_vg_export(vg, MD_FORM_FILE, &o, &b);
	if (!r) {
		iov[n++] = (struct iovec){ b.p, b.len };
		if (body) {
			iov[n++] = (struct iovec){ (void *)(uintptr_t)body, body_len };
			if (!body_len || body[body_len - 1] != '\n')
				iov[n++] = (struct iovec){ (void *)(uintptr_t)"\n", 1 };
		}
		r = f ? afile_write(f, path, iov, n) : write_atomic(path, iov, n);
	}
	md_buf_free(&b);
	return r;
}

/* The archives of @vg: "<vg>_NNNNN-*.vg"; returns the index, -1 if @name is none. */
static long archive_index(const char *name, const char *vg)
{
	size_t n = strlen(vg), len;
	long idx = 0;

	if (strncmp(name, vg, n) || name[n] != '_')
		return -1;
	len = strlen(name);
	if (len < n + 7 + 3 || strcmp(name + len - 3, ".vg") || name[n + 6] != '-')
		return -1;
	/* five digits after the '_', read by hand; anything else as strtol reads it */
	for (size_t i = n + 1; i < n + 6; i++) {
		if (name[i] < '0' || name[i] > '9') {
			char *end;

			idx = strtol(name + n + 1, &end, 10);
			return end == name + n + 6 ? idx : -1;
		}
		idx = idx * 10 + (name[i] - '0');
	}
	return idx;
}

/*
 * A command killed while writing a backup or an archive leaves its
 * temporary file "<file>.tmp<pid>".  Removes @name, an entry of @dir, if it
 * is one of those, its target @is_ours accepts and its writer is gone (a
 * live writer keeps its file).
 */
static void stale_tmp(struct vol_ctx *ctx, const char *dir, const char *name, const char *vg,
		      bool (*is_ours)(const char *target, const char *vg))
{
	char target[NAME_MAX + 1], path[PATH_MAX], *tmp, *end;
	long pid;

	if (!strstr(name, ".tmp"))
		return;	/* most entries: archives */
	snprintf(target, sizeof(target), "%s", name);
	if (!(tmp = strstr(target, ".tmp")))
		return;
	pid = strtol(tmp + 4, &end, 10);
	*tmp = '\0';
	if (*end || pid <= 0 || !is_ours(target, vg) || !kill((pid_t)pid, 0) || errno != ESRCH)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!unlink(path))
		log_verbose(ctx, "Removed %s, left by an interrupted command.", path);
}

/* stale_tmp() for every entry of @dir. */
static void remove_stale_tmp(struct vol_ctx *ctx, const char *dir, const char *vg,
			     bool (*is_ours)(const char *target, const char *vg))
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		stale_tmp(ctx, dir, e->d_name, vg, is_ours);
	closedir(d);
}

static bool is_archive_of(const char *target, const char *vg)
{
	return archive_index(target, vg) >= 0;
}

static bool is_backup_of(const char *target, const char *vg)
{
	return !strcmp(target, vg);
}

struct arch {
	char *name;
	long idx;
};

static int cmp_arch(const void *a, const void *b)
{
	const struct arch *x = a, *y = b;

	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * Lists the archives of @vg sorted by index (the caller frees), and with a
 * @ctx removes the stale temporary files of its archives on the way: one
 * pass over a directory that may hold thousands of entries.
 */
static int list_archives(struct vol_ctx *ctx, const char *dir, const char *vg, struct arch **out,
			 size_t *n)
{
	DIR *d = opendir(dir);
	struct arch *v = NULL;
	struct dirent *e;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		long idx = archive_index(e->d_name, vg);
		struct arch *nv;

		if (idx < 0) {
			if (ctx)
				stale_tmp(ctx, dir, e->d_name, vg, is_archive_of);
			continue;
		}
		/* the list grows by doubling: a VG may have thousands of archives */
		if (!(k & (k - 1)) && !(nv = realloc(v, (k ? 2 * k : 1) * sizeof(*v)))) {
			closedir(d);
			for (size_t i = 0; i < k; i++)
				free(v[i].name);
			free(v);
			return -ENOMEM;
		} else if (!(k & (k - 1))) {
			v = nv;
		}
		v[k].idx = idx;
		if (!(v[k++].name = strdup(e->d_name)))
			k--;
	}
	closedir(d);
	if (k)
		qsort(v, k, sizeof(*v), cmp_arch);
	*out = v;
	*n = k;
	return 0;
}

static void free_archives(struct arch *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* Keeps the newest ARCHIVE_KEEP_MIN archives and any younger than ARCHIVE_KEEP_DAYS. */
static void prune(const char *dir, const struct arch *v, size_t n)
{
	time_t cutoff = time(NULL) - (time_t)ARCHIVE_KEEP_DAYS * 86400;
	int fd;

	if (n <= ARCHIVE_KEEP_MIN || (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	/* every one past the newest few, as lvm2 does: by name in the directory */
	for (size_t i = 0; i + ARCHIVE_KEEP_MIN < n; i++) {
		struct stat st;

		if (!fstatat(fd, v[i].name, &st, 0) && st.st_mtime < cutoff)
			unlinkat(fd, v[i].name, 0);
	}
	close(fd);
}

void archive_prune(struct archive_prune *pr)
{
	if (pr->dir)
		prune(pr->dir, pr->v, pr->n + 1);	/* the one just written is the newest */
	free_archives(pr->v, pr->n);
	free(pr->written);
	*pr = (struct archive_prune){ 0 };
}

void archive_discard(struct archive_prune *pr)
{
	if (pr->written)
		unlink(pr->written);
	free_archives(pr->v, pr->n);
	free(pr->written);
	*pr = (struct archive_prune){ 0 };
}

int archive_vg_write(struct vol_vg *vg, struct archive_prune *pr)
{
	struct vol_ctx *ctx = vg->ctx;
	const struct md_vg *old = vg->old;
	const char *dir = ctx_dir(ctx, VOL_DIR_ARCHIVE);
	char path[PATH_MAX], desc[PATH_MAX + 64];
	struct arch *v;
	size_t n;
	uint32_t rnd = 0;
	int r;

	*pr = (struct archive_prune){ 0 };
	if (!ctx->archive || !old)
		return 0;
	if ((r = ctx_make_dir(ctx, VOL_DIR_ARCHIVE)) || (r = list_archives(ctx, dir, old->name, &v, &n))) {
		log_err(ctx, "Cannot use archive directory %s: %s.", dir, strerror(-r));
		return r;
	}
	if (getrandom(&rnd, sizeof(rnd), 0) < 0)
		rnd = (uint32_t)getpid();
	snprintf(path, sizeof(path), "%s/%s_%05ld-%u.vg", dir, old->name, n ? v[n - 1].idx + 1 : 0,
		 rnd % 2147483647u);
	snprintf(desc, sizeof(desc), "Created *before* executing '%s'", ctx_command(ctx));
	r = export_file(ctx, old, desc, vg->old_body, vg->old_body_len, path, NULL);
	if (r) {
		log_err(ctx, "Cannot write archive %s: %s.", path, strerror(-r));
		free_archives(v, n);
		return r;
	}
	*pr = (struct archive_prune){ .dir = dir, .v = v, .n = n, .written = strdup(path) };
	return 0;
}

int archive_vg(struct vol_vg *vg)
{
	struct archive_prune pr;
	int r = archive_vg_write(vg, &pr);

	archive_prune(&pr);
	return r;
}

/* The path of @vg's backup in the backup directory (made if need be). */
static int backup_path(struct vol_ctx *ctx, const char *name, char *path, size_t size)
{
	const char *dir = ctx_dir(ctx, VOL_DIR_BACKUP);
	int r = ctx_make_dir(ctx, VOL_DIR_BACKUP);

	if (r) {
		log_warn(ctx, "cannot create backup directory %s: %s.", dir, strerror(-r));
		return r;
	}
	snprintf(path, size, "%s/%s", dir, name);
	remove_stale_tmp(ctx, dir, name, is_backup_of);
	return 0;
}

int backup_write(struct vol_ctx *ctx, const struct md_vg *vg, const char *file, bool always)
{
	char path[PATH_MAX], desc[PATH_MAX + 64];
	int r;

	if (!always && !ctx->backup)
		return 0;
	if (!file) {
		if ((r = backup_path(ctx, vg->name, path, sizeof(path))))
			return r;
		file = path;
	}
	/* An explicit backup to a file is described by its command, as lvm2 does. */
	if (always && file != path)
		snprintf(desc, sizeof(desc), "%s", ctx_command(ctx));
	else
		snprintf(desc, sizeof(desc), "Created *after* executing '%s'", ctx_command(ctx));
	r = export_file(ctx, vg, desc, NULL, 0, file, NULL);
	if (r)
		log_warn(ctx, "cannot write backup %s: %s.", file, strerror(-r));
	return r;
}

int backup_begin(struct vol_ctx *ctx, const char *name, const char *body, size_t len,
		 struct afile *f)
{
	char path[PATH_MAX], desc[PATH_MAX + 64];
	int r;

	if ((r = backup_path(ctx, name, path, sizeof(path))))
		return r;
	snprintf(desc, sizeof(desc), "Created *after* executing '%s'", ctx_command(ctx));
	r = export_file(ctx, NULL, desc, body, len, path, f);
	if (r)
		log_warn(ctx, "cannot write backup %s: %s.", path, strerror(-r));
	return r;
}

int backup_end(struct vol_ctx *ctx, struct afile *f, bool keep)
{
	int r = 0;

	if (!keep)
		afile_abort(f);
	else if ((r = afile_commit(f)))
		log_warn(ctx, "cannot write backup %s: %s.", f->path, strerror(-r));
	return r;
}

int backup_body(struct vol_ctx *ctx, const char *name, const char *body, size_t len)
{
	struct afile f;
	int r;

	if (!ctx->backup)
		return 0;
	r = backup_begin(ctx, name, body, len, &f);
	return r ? r : backup_end(ctx, &f, true);
}

int backup_rename(struct vol_ctx *ctx, const char *old_name, const char *new_name)
{
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof(a), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), old_name);
	snprintf(b, sizeof(b), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), new_name);
	if (rename(a, b) && errno != ENOENT)
		return -errno;
	return 0;
}

void backup_remove(struct vol_ctx *ctx, const char *name)
{
	char a[PATH_MAX];

	snprintf(a, sizeof(a), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), name);
	unlink(a);
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return -errno;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return -ENOMEM;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		n += got;
		if (!got)
			break;
		if (n > 64ull * MiB) {
			free(buf);
			fclose(f);
			return -EFBIG;
		}
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int backup_read(struct vol_ctx *ctx, const char *file, struct md_arena *a, struct md_vg **out)
{
	struct md_err err = { 0 };
	char *text = NULL;
	size_t len = 0;
	int r = read_file(file, &text, &len);

	if (r) {
		log_err(ctx, "Cannot read %s: %s.", file, strerror(-r));
		return r;
	}
	r = md_vg_import(a, text, len, out, &err);
	if (r)
		log_err(ctx, "%s: line %u: %s (%s).", file, err.line, err.why, err.detail);
	/* The model keeps pointers into the arena only, so the text can go. */
	free(text);
	return r ? -EBADMSG : 0;
}

/* Reads @path and hands its description to @fn; its error otherwise. */
static int report_file(struct vol_ctx *ctx, const char *path,
		       void (*fn)(const struct vol_archive_info *a, void *usrptr), void *usrptr)
{
	struct md_arena *a = md_arena_new();
	struct md_vg *vg;
	int r;

	if (!a)
		return -ENOMEM;
	if (!(r = backup_read(ctx, path, a, &vg))) {
		struct vol_archive_info info = {
			path, vg->description ? vg->description : "", vg->seqno, vg->creation_time,
		};

		fn(&info, usrptr);
	}
	md_arena_free(a);
	return r;
}

VOL_EXPORT int vol_archive_file(struct vol_ctx *ctx, const char *file,
				void (*fn)(const struct vol_archive_info *a, void *usrptr), void *usrptr)
{
	return report_file(ctx, file, fn, usrptr);
}

VOL_EXPORT int vol_vg_archives(struct vol_ctx *ctx, const char *name,
			       void (*fn)(const struct vol_archive_info *a, void *usrptr), void *usrptr)
{
	const char *dir = ctx_dir(ctx, VOL_DIR_ARCHIVE);
	struct arch *v;
	size_t n;
	int r = list_archives(NULL, dir, name, &v, &n);	/* a reader removes nothing */
	char path[PATH_MAX];

	if (r)
		return r;
	for (size_t i = 0; i <= n && r != -ENOMEM; i++) {
		if (i < n)
			snprintf(path, sizeof(path), "%s/%s", dir, v[i].name);
		else
			snprintf(path, sizeof(path), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), name);
		if (i == n && access(path, F_OK))
			break;
		r = report_file(ctx, path, fn, usrptr) == -ENOMEM ? -ENOMEM : 0;
	}
	free_archives(v, n);
	return r;
}

/* ---------------------------------------------------------------- restore */


/*
 * lvm2 refuses metadata with a status word it does not know (it cannot
 * tell what the word protects), so a restore of such a file would leave
 * a VG lvm2 cannot read: refuse it, as lvm2's vgcfgrestore does.
 */
static int check_status_words(struct vol_ctx *ctx, const struct md_vg *m, const char *file)
{
	const char *w = md_vg_unknown_status(m);

	if (!w)
		return 0;
	log_err(ctx, "Unknown status flag '%s'.", w);
	log_err(ctx, "Couldn't read volume group metadata from file %s.", file);
	return -EINVAL;
}
VOL_EXPORT int vol_vg_restore(struct vol_ctx *ctx, const char *name, const char *file, unsigned flags)
{
	char path[PATH_MAX];
	struct svg *cur;
	struct vol_vg *vg;
	struct md_vg *m;
	int r;

	if (!file) {
		snprintf(path, sizeof(path), "%s/%s", ctx_dir(ctx, VOL_DIR_BACKUP), name);
		file = path;
	}
	if ((r = vg_new_locked(ctx, name, &vg)))
		return r;
	if ((r = backup_read(ctx, file, vg->arena, &m)) || (r = check_status_words(ctx, m, file)))
		goto out;
	if (strcmp(m->name, name)) {
		log_err(ctx, "%s holds VG %s, not %s.", file, m->name, name);
		r = -EINVAL;
		goto out;
	}
	vg->md = m;
	r = -ENOMEM;
	if (!(vg->slots = calloc(m->n_pvs ? m->n_pvs : 1, sizeof(*vg->slots))))
		goto out;
	vg->cap_slots = m->n_pvs;
	for (uint32_t i = 0; i < m->n_pvs; i++) {
		struct sdev *s = scan_find_uuid(ctx, m->pvs[i].id);
		char id[MD_UUID_STR_SIZE];

		md_uuid_format(m->pvs[i].id, id);
		if (!s) {
			log_err(ctx, "Couldn't find device with uuid %s.", id);
			r = -ENOENT;
			goto out;
		}
		if (s->duplicate) {
			log_err(ctx, "PV %s is on more than one device.", id);
			r = -ENOTUNIQ;
			goto out;
		}
		if (s->vg && strcmp(s->vg->id, m->id) && !(flags & VOL_FORCE)) {
			log_err(ctx, "PV %s on %s belongs to another VG (%s).", id, s->d.path, s->vg->name);
			r = -EBUSY;
			goto out;
		}
		vg->slots[i].present = true;
		vg->slots[i].relabel = true;
		pvdev_copy(&vg->slots[i].d, &s->d);
		m->pvs[i].device = md_arena_strdup(vg->arena, s->d.path);
	}
	/* As in lvm2 the restored metadata gets the file's seqno + 1: every
	 * present copy is rewritten, and PVs the file does not list are orphaned
	 * (below).  A missing PV keeps its copy, though, so while one is missing
	 * the restored seqno must also beat the current one. */
	if (!scan_find_vg(ctx, name, &cur) && !strcmp(cur->id, m->id) && cur->best->seqno > m->seqno) {
		bool missing = false;

		for (uint32_t i = 0; i < cur->best->n_pvs && !missing; i++)
			missing = !scan_find_uuid(ctx, cur->best->pvs[i].id);
		if (missing)
			m->seqno = cur->best->seqno;
	}
	if ((r = adopt_stale_orphans(vg, m->id)))
		goto out;
	r = vol_vg_commit(vg);
	if (!r)
		log_info(ctx, "Restored volume group %s.", name);
out:
	vol_vg_close(vg);
	return r;
}
