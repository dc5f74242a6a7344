/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: foreign signatures through libblkid (probe.c, the only user of blkid.h). */
#ifndef VOLUME_PROBE_H
#define VOLUME_PROBE_H

#include "internal.h"

struct vol_ctx;

struct probe_sig {
	char type[32];
	char usage[16];
	uint64_t offset;
};
/* Lists foreign signatures (LVM2_member excluded).  The caller frees *sigs. */
int probe_signatures(struct vol_ctx *ctx, const char *path, struct probe_sig **sigs, size_t *n);
/* Wipes every signature libblkid finds on the open device. */
int probe_wipe(struct vol_ctx *ctx, int fd, const char *path);

/* The filesystem (or other) type at [@offset, +@size) of @path, "" if none. */
int probe_type_at(struct vol_ctx *ctx, const char *path, uint64_t offset, uint64_t size,
		  char *type, size_t len);

#endif
