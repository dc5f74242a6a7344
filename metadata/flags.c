/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Flag words of the text format, in the order lvm2 writes them. */
#include <string.h>

#include "vg.h"

static const char *const vg_status[] = { "EXPORTED", "RESIZEABLE", "PVMOVE", "READ", "WRITE",
					 "CLUSTERED", "SHARED", NULL };
static const char *const vg_flags[] = { "WRITE_LOCKED", "NOAUTOACTIVATE", NULL };
static const char *const pv_status[] = { "ALLOCATABLE", "EXPORTED", "MISSING", NULL };
static const char *const pv_flags[] = { "MISSING", NULL };
static const char *const lv_status[] = { "READ", "WRITE", "FIXED_MINOR", "VISIBLE", "PVMOVE",
					 "LOCKED", "NOTSYNCED", "REBUILD", "WRITEMOSTLY", NULL };
static const char *const lv_flags[] = { "WRITE_LOCKED", "ACTIVATION_SKIP", "NOAUTOACTIVATE",
					"ERROR_WHEN_FULL", "CACHE_VOL", NULL };

static const char *const *const sets[MD_FS_COUNT] = {
	[MD_FS_VG_STATUS] = vg_status, [MD_FS_VG_FLAGS] = vg_flags,
	[MD_FS_PV_STATUS] = pv_status, [MD_FS_PV_FLAGS] = pv_flags,
	[MD_FS_LV_STATUS] = lv_status, [MD_FS_LV_FLAGS] = lv_flags,
};

static const unsigned counts[MD_FS_COUNT] = {
	[MD_FS_VG_STATUS] = sizeof(vg_status) / sizeof(*vg_status) - 1,
	[MD_FS_VG_FLAGS] = sizeof(vg_flags) / sizeof(*vg_flags) - 1,
	[MD_FS_PV_STATUS] = sizeof(pv_status) / sizeof(*pv_status) - 1,
	[MD_FS_PV_FLAGS] = sizeof(pv_flags) / sizeof(*pv_flags) - 1,
	[MD_FS_LV_STATUS] = sizeof(lv_status) / sizeof(*lv_status) - 1,
	[MD_FS_LV_FLAGS] = sizeof(lv_flags) / sizeof(*lv_flags) - 1,
};

const char *md_flag_name(enum md_flag_set set, unsigned bit)
{
	return bit < counts[set] ? sets[set][bit] : NULL;
}

int md_flag_bit(enum md_flag_set set, const char *word)
{
	const char *const *t = sets[set];

	/* the parser hands out the common words as the same literals: mostly
	 * no compare is needed */
	for (int i = 0; t[i]; i++)
		if (t[i] == word)
			return i;
	for (int i = 0; t[i]; i++)
		if (t[i][0] == word[0] && !strcmp(t[i], word))
			return i;
	return -1;
}
