/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Devices lvm2 would never touch, although a PV label shows on them: the
 * legs of an md RAID array whose superblock sits at the end (metadata 0.90
 * and 1.0 keep the data, label included, at offset 0), and the paths under
 * a multipath map.  Writing to one of them would split the array or
 * bypass the map, so the scan skips them, as lvm2 does with
 * devices/md_component_detection and multipath_component_detection.
 *
 * What we check, cheapest first: sysfs holders (an md array or an mpath-
 * map built on the device, or an mpath- map on the whole disk of a
 * partition), md superblocks at the start (1.1 at 0, 1.2 at 4 KiB: in the
 * head the scan read anyway), and, as lvm2's "auto" mode
 * does, the end-of-device superblocks only when there is a reason: some md
 * array on the host uses 0.90 or 1.0, or the PV label's device size is not
 * the device's size.  A device about to be written (pvcreate, vgcreate,
 * vgextend) always gets the end check.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "components.h"
#include "ctx.h"
#include "endian.h"

#define MD_MAGIC 0xa92b4efcu
#define MD_090_RESERVED (64 * KiB)	/* 0.90: the last 64 KiB-aligned 64 KiB */
#define MD_10_OFFSET (8 * KiB)		/* 1.0: 8 KiB before the end, 4 KiB aligned */

static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return -errno;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (!ok)
		return -EIO;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* "md" or "mpath" when such a device is built on the device whose sysfs
 * folder is @sys (its holders); @mpath_only: look for mpath maps only. */
static const char *holders_of(const char *sys, bool mpath_only)
{
	char dir[PATH_MAX], path[PATH_MAX + 300], buf[160];
	const char *kind = NULL;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/holders", sys);
	if (!(d = opendir(dir)))
		return NULL;
	while (!kind && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (!mpath_only && !strncmp(e->d_name, "md", 2))
			kind = "md";
		snprintf(path, sizeof(path), "%s/%s/dm/uuid", dir, e->d_name);
		if (!kind && !read_line(path, buf, sizeof(buf)) && !strncmp(buf, "mpath-", 6))
			kind = "mpath";
	}
	closedir(d);
	return kind;
}

/* The holders of @devno; for a partition, also a multipath map on its whole
 * disk: the partition of a path is a path too (kpartx maps its twin on top
 * of the map), as lvm2 judges it. */
static const char *holder_kind(dev_t devno)
{
	char sys[96], path[128];
	const char *kind;

	snprintf(sys, sizeof(sys), "/sys/dev/block/%u:%u", major(devno), minor(devno));
	if ((kind = holders_of(sys, false)))
		return kind;
	snprintf(path, sizeof(path), "%s/partition", sys);
	if (access(path, F_OK))
		return NULL;
	/* The link resolves first: its ".." is the whole disk's folder. */
	strcat(sys, "/..");
	return holders_of(sys, true);
}

bool component_end_checks_needed(void)
{
	char path[PATH_MAX], buf[64];
	struct dirent *e;
	bool found = false;
	DIR *d = opendir("/sys/block");

	if (!d)
		return false;
	while (!found && (e = readdir(d))) {
		if (strncmp(e->d_name, "md", 2))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/md/metadata_version", e->d_name);
		found = !read_line(path, buf, sizeof(buf)) &&
			(!strcmp(buf, "0.90") || !strcmp(buf, "1.0"));
	}
	closedir(d);
	return found;
}

static bool magic_at(const unsigned char *p)
{
	return ld32(p) == MD_MAGIC;
}

static bool end_superblock(struct vol_ctx *ctx, struct iodev *io)
{
	uint64_t size = io->size, at[2];
	unsigned char *buf = io_alloc(4096);
	bool found = false;

	if (!buf || size < 2 * MD_090_RESERVED) {
		free(buf);
		return false;
	}
	at[0] = (size & ~(MD_090_RESERVED - 1)) - MD_090_RESERVED;
	at[1] = (size - MD_10_OFFSET) & ~(uint64_t)(4 * KiB - 1);
	for (unsigned i = 0; i < 2 && !found; i++)
		found = !io_read(io, at[i], buf, 4096) && magic_at(buf);
	if (found)
		log_debug(ctx, "%s: md superblock at the end of the device", io->path);
	free(buf);
	return found;
}

/* @full: read the end of the device whatever the label and the host's arrays say. */
static const char *check(struct vol_ctx *ctx, struct iodev *io, dev_t devno,
			 const unsigned char *head, size_t head_len, uint64_t label_size, bool full)
{
	if (!ctx->md_detection && !ctx->mpath_detection)
		return NULL;
	const char *kind = holder_kind(devno);

	if (kind && !strcmp(kind, "mpath") && ctx->mpath_detection)
		return "a multipath component";
	if (!ctx->md_detection)
		return NULL;
	if (kind && !strcmp(kind, "md"))
		return "an md RAID component";
	if ((head_len >= 4 && magic_at(head)) || (head_len >= 4096 + 4 && magic_at(head + 4096)))
		return "an md RAID component";
	if (full || (label_size && label_size != io->size) || ctx->md_end_checks)
		if (end_superblock(ctx, io))
			return "an md RAID component";
	return NULL;
}

const char *component_of(struct vol_ctx *ctx, struct iodev *io, dev_t devno,
			 const unsigned char *head, size_t head_len, uint64_t label_size)
{
	return check(ctx, io, devno, head, head_len, label_size, false);
}

int component_check_path(struct vol_ctx *ctx, const char *path, dev_t devno, const char **why)
{
	unsigned char *head = io_alloc(HEAD_READ);
	struct iodev io;
	size_t n;
	int r;

	*why = NULL;
	if (!head)
		return -ENOMEM;
	if ((r = io_open(&io, path, O_RDONLY))) {
		free(head);
		return r;
	}
	n = io.size < HEAD_READ ? (size_t)(io.size / io.align * io.align) : HEAD_READ;
	/* Checked before it is written to: the legs of a stopped array carry
	 * no holder and maybe no PV label, so always read the end (as lvm2's
	 * pvcreate, vgcreate and vgextend do). */
	if (!(r = io_read(&io, 0, head, n)))
		*why = check(ctx, &io, devno, head, n, 0, true);
	io_close(&io);
	free(head);
	return r;
}
