/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Device IDs, as lvm2 2.03.16 puts them in its devices file: a dm device
 * is known by its dm UUID (multipath, crypt or LV), a loop device by its
 * backing file, an md array by its UUID, anything else by its WWID, else
 * its serial number, else its name.  Values come from sysfs; a partition
 * without a value of its own takes its disk's (the entry's PART tells
 * them apart).  Blanks and control characters in a value become '_'.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "devid.h"

void devid_majors(struct devid_majors *m)
{
	FILE *f = fopen("/proc/devices", "re");
	char line[256], name[128];
	bool block = false;
	unsigned major;

	m->loop = m->md = m->dm = NO_MAJOR;
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Block devices:", 14))
			block = true;
		if (!block || sscanf(line, "%u %127s", &major, name) != 2)
			continue;
		if (!strcmp(name, "loop"))
			m->loop = major;
		else if (!strcmp(name, "md"))
			m->md = major;
		else if (!strcmp(name, "device-mapper"))
			m->dm = major;
	}
	if (f)
		fclose(f);
}

/* The first line of a sysfs attribute, without its newline; "" if none. */
static void read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	size_t n;

	buf[0] = '\0';
	if (f && !fgets(buf, (int)len, f))
		buf[0] = '\0';
	if (f)
		fclose(f);
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

/* The attribute of the device, or of its disk when it is a partition without one. */
static void read_block_attr(dev_t devno, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/%s", major(devno), minor(devno), attr);
	read_attr(path, buf, len);
	if (buf[0])
		return;
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/partition", major(devno), minor(devno));
	if (stat(path, &st))
		return;
	/* The partition's sysfs directory sits in its disk's. */
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/../%s", major(devno), minor(devno), attr);
	read_attr(path, buf, len);
}

int devid_part(dev_t devno)
{
	char path[PATH_MAX], buf[32];

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/partition", major(devno), minor(devno));
	read_attr(path, buf, sizeof(buf));
	return atoi(buf);
}

static char *clean_copy(char *buf)
{
	for (char *c = buf; *c; c++)
		if (isspace((unsigned char)*c) || iscntrl((unsigned char)*c))
			*c = '_';
	return buf[0] ? strdup(buf) : NULL;
}

char *devid_read(dev_t devno, const char *name, enum md_idtype t)
{
	char buf[PATH_MAX];

	buf[0] = '\0';
	switch (t) {
	case MD_ID_SYS_WWID:
		read_block_attr(devno, "device/wwid", buf, sizeof(buf));
		if (!buf[0])
			read_block_attr(devno, "wwid", buf, sizeof(buf));
		/* QEMU's made-up ATA WWIDs are not unique. */
		if (strstr(buf, "QEMU HARDDISK"))
			buf[0] = '\0';
		break;
	case MD_ID_SYS_SERIAL:
		read_block_attr(devno, "device/serial", buf, sizeof(buf));
		break;
	case MD_ID_MPATH_UUID:
	case MD_ID_CRYPT_UUID:
	case MD_ID_LVMLV_UUID:
		read_block_attr(devno, "dm/uuid", buf, sizeof(buf));
		break;
	case MD_ID_MD_UUID:
		read_block_attr(devno, "md/uuid", buf, sizeof(buf));
		break;
	case MD_ID_LOOP_FILE:
		read_block_attr(devno, "loop/backing_file", buf, sizeof(buf));
		if (strstr(buf, "(deleted)"))
			buf[0] = '\0';
		break;
	case MD_ID_DEVNAME:
		return name ? strdup(name) : NULL;
	default:
		return NULL;
	}
	return clean_copy(buf);
}

bool devid_fits(const struct devid_majors *m, enum md_idtype t, unsigned maj)
{
	switch (t) {
	case MD_ID_DEVNAME:
		return true;
	case MD_ID_MPATH_UUID:
	case MD_ID_CRYPT_UUID:
	case MD_ID_LVMLV_UUID:
		return maj == m->dm;
	case MD_ID_MD_UUID:
		return maj == m->md;
	case MD_ID_LOOP_FILE:
		return maj == m->loop;
	default:
		/* WWID and serial: not on the virtual kinds. */
		return maj != m->dm && maj != m->md && maj != m->loop;
	}
}

/* "mpath-...", or "partN-mpath-..." for a partition of a map. */
static bool dm_uuid_is(const char *uuid, const char *prefix)
{
	const char *dash;

	if (!strncmp(uuid, prefix, strlen(prefix)))
		return true;
	return !strncmp(uuid, "part", 4) && (dash = strchr(uuid, '-')) &&
	       !strncmp(dash + 1, prefix, strlen(prefix));
}

static enum md_idtype dm_kind(dev_t devno, char **idname)
{
	static const struct { const char *prefix; enum md_idtype t; } kinds[] = {
		{ "mpath-", MD_ID_MPATH_UUID }, { "CRYPT-", MD_ID_CRYPT_UUID }, { "LVM-", MD_ID_LVMLV_UUID },
	};
	char buf[PATH_MAX];

	read_block_attr(devno, "dm/uuid", buf, sizeof(buf));
	for (size_t i = 0; buf[0] && i < ARRAY_SIZE(kinds); i++)
		if (dm_uuid_is(buf, kinds[i].prefix)) {
			*idname = strdup(buf);
			return *idname ? kinds[i].t : MD_ID_UNKNOWN;
		}
	return MD_ID_UNKNOWN;
}

enum md_idtype devid_choose(const struct devid_majors *m, dev_t devno, const char *name,
			    char **idname)
{
	static const enum md_idtype plain[] = { MD_ID_SYS_WWID, MD_ID_SYS_SERIAL };
	enum md_idtype t;

	*idname = NULL;
	if (major(devno) == m->dm && (t = dm_kind(devno, idname)) != MD_ID_UNKNOWN)
		return t;
	if (major(devno) == m->loop || major(devno) == m->md) {
		t = major(devno) == m->loop ? MD_ID_LOOP_FILE : MD_ID_MD_UUID;
		if ((*idname = devid_read(devno, name, t)))
			return t;
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(plain); i++)
			if ((*idname = devid_read(devno, name, plain[i])))
				return plain[i];
	}
	*idname = devid_read(devno, name, MD_ID_DEVNAME);
	return *idname ? MD_ID_DEVNAME : MD_ID_UNKNOWN;
}
