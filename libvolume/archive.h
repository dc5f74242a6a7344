/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: backups and archives in lvm2's file format (archive.c). */
#ifndef VOLUME_ARCHIVE_H
#define VOLUME_ARCHIVE_H

#include "internal.h"
#include "vg.h"

struct vol_ctx;

int archive_write(struct vol_ctx *ctx, const struct md_vg *old);
/* The backup after a change (skipped when backups are off unless @always). */
int backup_write(struct vol_ctx *ctx, const struct md_vg *vg, const char *file, bool always);
int backup_rename(struct vol_ctx *ctx, const char *old_name, const char *new_name);
void backup_remove(struct vol_ctx *ctx, const char *name);
/* Parses a backup file into a model allocated in @a. */
int backup_read(struct vol_ctx *ctx, const char *file, struct md_arena *a, struct md_vg **out);
void export_opts(struct vol_ctx *ctx, struct md_export_opts *o, const char *description);

#endif
