/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The cheap look at device-mapper (dm.h, quick_list): sysfs shows every dm
 * device as /sys/block/dm-N with dm/name, dm/uuid, dm/suspended and dev, so
 * a command that only wants to know whether a VG has a suspended device
 * reads a few small files (one per device of other VGs) and neither loads
 * libdevmapper nor asks the kernel through its control device.  No
 * /sys/block/dm-*: no devices.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ctx.h"
#include "dm.h"

#define SYS_BLOCK "/sys/block"

/* Reads /sys/block/@dev/@attr into @buf without its newline; -errno. */
static int attr(const char *dev, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), SYS_BLOCK "/%s/%s", dev, name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -EIO;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* One /sys/block/dm-N, if its UUID starts with @prefix (else 1, and only
 * the UUID was read); -ENOENT if it went away meanwhile. */
static int read_dev(const char *dev, const char *prefix, struct dm_state *st)
{
	char num[32], susp[8];
	unsigned ma, mi;
	int r;

	memset(st, 0, sizeof(*st));
	if ((r = attr(dev, "dm/uuid", st->uuid, sizeof(st->uuid))))
		return r;
	if (strncmp(st->uuid, prefix, strlen(prefix)))
		return 1;
	if ((r = attr(dev, "dm/name", st->name, sizeof(st->name))) ||
	    (r = attr(dev, "dm/suspended", susp, sizeof(susp))) ||
	    (r = attr(dev, "dev", num, sizeof(num))))
		return r;
	if (sscanf(num, "%u:%u", &ma, &mi) != 2)
		return -EINVAL;
	st->exists = true;
	st->suspended = susp[0] == '1';
	st->devno = makedev(ma, mi);
	return 0;
}

int dm_sysfs_list(struct vol_ctx *ctx, const char *prefix,
		  void (*fn)(const struct dm_state *st, void *usr), void *usr)
{
	struct dirent *e;
	DIR *d = opendir(SYS_BLOCK);

	if (!d) {
		log_debug(ctx, "%s: %s; no device-mapper devices looked at", SYS_BLOCK, strerror(errno));
		return 0;
	}
	while ((e = readdir(d))) {
		struct dm_state st;
		int r;

		if (strncmp(e->d_name, "dm-", 3))
			continue;
		if ((r = read_dev(e->d_name, prefix, &st))) {
			if (r < 0 && r != -ENOENT)
				log_debug(ctx, "%s/%s: %s", SYS_BLOCK, e->d_name, strerror(-r));
			continue;
		}
		fn(&st, usr);
	}
	closedir(d);
	return 0;
}
