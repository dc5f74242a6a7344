/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: pvck --repair (pvrepair.c, pvrepair_file.c). */
#ifndef VOLUME_PVREPAIR_H
#define VOLUME_PVREPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

struct vol_ctx;

/* The metadata file given with -f, as raw text. */
struct repair_file {
	const char *path;	/* NULL: no file */
	char *text;		/* NUL included */
	size_t len;		/* bytes, the NUL counted */
	uint32_t crc;
	char vgid[39];		/* the VG UUID the text gives first ("" if none) */
};

/* Reads @path (raw metadata or a backup file) into @f; 0, or -errno after
 * lvm2's message. */
int repair_file_read(struct vol_ctx *ctx, const char *dev, const char *path, struct repair_file *f);

#endif
