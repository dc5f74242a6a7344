/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: backups and archives in lvm2's file format (archive.c). */
#ifndef VOLUME_ARCHIVE_H
#define VOLUME_ARCHIVE_H

#include <limits.h>

#include "internal.h"
#include "vg.h"

struct vol_ctx;

struct vol_vg;
struct iovec;

/*
 * A file written atomically in two steps, so that the slow first (writing
 * and syncing "<path>.tmp<pid>") can overlap other I/O and the second
 * (rename, directory sync) can wait for an outcome: afile_abort undoes it.
 */
struct afile {
	char path[PATH_MAX];
	char tmp[PATH_MAX + 32];
};
int afile_write(struct afile *f, const char *path, const struct iovec *iov, int n);
int afile_commit(struct afile *f);
void afile_abort(struct afile *f);

/* The archive of vg->old (its committed text, vg->old_body, when known). */
int archive_vg(struct vol_vg *vg);
/* The backup of a model, in the full file form; skipped when backups are off
 * unless @always (vgcfgbackup). */
int backup_write(struct vol_ctx *ctx, const struct md_vg *vg, const char *file, bool always);
/* The backup after a commit: the file header and the committed VG section
 * (@body, the disk form).  In two steps (begin: synced under a temporary
 * name; end: renamed into place, or removed unless @keep), or both at once. */
int backup_begin(struct vol_ctx *ctx, const char *name, const char *body, size_t len,
		 struct afile *f);
int backup_end(struct vol_ctx *ctx, struct afile *f, bool keep);
int backup_body(struct vol_ctx *ctx, const char *name, const char *body, size_t len);
int backup_rename(struct vol_ctx *ctx, const char *old_name, const char *new_name);
void backup_remove(struct vol_ctx *ctx, const char *name);
/* Parses a backup file into a model allocated in @a. */
int backup_read(struct vol_ctx *ctx, const char *file, struct md_arena *a, struct md_vg **out);
void export_opts(struct vol_ctx *ctx, struct md_export_opts *o, const char *description);

#endif
