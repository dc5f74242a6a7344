/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* dm names, UUIDs and paths of LVs (see table.h); lvm2's libdm-string.c
 * dm_build_dm_name/dm_build_dm_uuid and lvm-string.c build_dm_uuid. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "table.h"

/* ---------------------------------------------------------------- names */

static size_t doubled_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '-' ? 2 : 1;
	return n;
}

static char *put_doubled(char *o, const char *s)
{
	for (; *s; s++) {
		*o++ = *s;
		if (*s == '-')
			*o++ = '-';
	}
	return o;
}

int dmt_name(const char *vg, const char *lv, const char *layer, char *out, size_t n)
{
	bool has_layer = layer && *layer;
	size_t len = doubled_len(vg) + 1 + doubled_len(lv);
	char *o = out;

	if (has_layer)
		len += (layer[0] != '_') + doubled_len(layer);
	if (len >= n || len >= DMT_NAME_LEN)
		return -ENAMETOOLONG;
	o = put_doubled(o, vg);
	*o++ = '-';
	o = put_doubled(o, lv);
	if (has_layer) {
		if (layer[0] != '_')
			*o++ = '-';
		o = put_doubled(o, layer);
	}
	*o = '\0';
	return 0;
}

int dmt_uuid(const char *vg_id, const char *lv_id, const char *layer, char *out, size_t n)
{
	bool has_layer = layer && *layer;
	int len = snprintf(out, n, DMT_UUID_PREFIX "%s%s%s%s", vg_id, lv_id, has_layer ? "-" : "",
			   has_layer ? layer : "");

	if (len < 0 || (size_t)len >= n || len >= DMT_UUID_LEN)
		return -ENAMETOOLONG;
	return 0;
}

int dmt_lv_path(const char *vg, const char *lv, char *out, size_t n)
{
	int len = snprintf(out, n, "/dev/%s/%s", vg, lv);

	return len < 0 || (size_t)len >= n ? -ENAMETOOLONG : 0;
}

int dmt_mapper_path(const char *vg, const char *lv, char *out, size_t n)
{
	static const char dir[] = "/dev/mapper/";
	char name[DMT_NAME_LEN];
	int r = dmt_name(vg, lv, NULL, name, sizeof(name));

	if (r)
		return r;
	if (sizeof(dir) - 1 + strlen(name) >= n)
		return -ENAMETOOLONG;
	memcpy(out, dir, sizeof(dir) - 1);
	strcpy(out + sizeof(dir) - 1, name);
	return 0;
}
