/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Why an open block device is busy (inuse.h): read from sysfs and
 * /proc/self/mountinfo, as lvm2 2.03.16 tells an LV that holds a mounted
 * filesystem, or that another device sits on, from one merely open.
 */
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "inuse.h"

#define SYS_DEV_BLOCK "/sys/dev/block"
#define SYS_FS "/sys/fs"
#define MOUNTINFO "/proc/self/mountinfo"

/* Any entry in /sys/dev/block/M:m/holders: a device stacked on it. */
static bool has_holders(dev_t devno)
{
	char path[PATH_MAX];
	struct dirent *e;
	bool any = false;
	DIR *d;

	snprintf(path, sizeof(path), SYS_DEV_BLOCK "/%u:%u/holders", major(devno), minor(devno));
	if (!(d = opendir(path)))
		return false;
	while (!any && (e = readdir(d)))
		any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return any;
}

/* A mount entry whose third field is "major:minor" of the device. */
static bool in_mountinfo(dev_t devno)
{
	char line[4096], want[32];
	bool found = false;
	FILE *f = fopen(MOUNTINFO, "re");

	if (!f)
		return false;
	snprintf(want, sizeof(want), "%u:%u", major(devno), minor(devno));
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL, *w = strtok_r(line, " ", &save);

		for (int field = 1; w && field < 3; field++)
			w = strtok_r(NULL, " ", &save);
		found = w && !strcmp(w, want);
	}
	fclose(f);
	return found;
}

/* /sys/fs/<type>/<kernel name>: a filesystem of that type is mounted on it
 * (in any mount namespace). */
static bool in_sys_fs(dev_t devno)
{
	char path[PATH_MAX], target[PATH_MAX], kname[NAME_MAX + 1];
	const char *base;
	struct dirent *e;
	bool found = false;
	ssize_t n;
	DIR *d;

	snprintf(path, sizeof(path), SYS_DEV_BLOCK "/%u:%u", major(devno), minor(devno));
	if ((n = readlink(path, target, sizeof(target) - 1)) < 0)
		return false;
	target[n] = '\0';
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	if (strlen(base) >= sizeof(kname))
		return false;
	memcpy(kname, base, strlen(base) + 1);
	if (!(d = opendir(SYS_FS)))
		return false;
	while (!found && (e = readdir(d))) {
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), SYS_FS "/%s/%s", e->d_name, kname);
		found = !stat(path, &st);
	}
	closedir(d);
	return found;
}

const char *dev_busy_why(dev_t devno)
{
	if (has_holders(devno))
		return "is used by another device";
	if (in_mountinfo(devno) || in_sys_fs(devno))
		return "contains a filesystem in use";
	return "in use";
}
