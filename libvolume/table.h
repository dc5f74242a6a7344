/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Device-mapper identity of LVs, as lvm2 2.03.16 makes it (lvm2-format.md
 * sections 11 and 16.1): dm names, dm UUIDs and device paths.
 */
#ifndef VOLUME_TABLE_H
#define VOLUME_TABLE_H

#include <stddef.h>

#define DMT_NAME_LEN 128	/* DM_NAME_LEN: a dm name is at most 127 chars */
#define DMT_UUID_LEN 129	/* DM_UUID_LEN: a dm UUID is at most 128 chars */
#define DMT_UUID_PREFIX "LVM-"

/*
 * lvm2's dm name "<vg>-<lv>[-<layer>]": every '-' inside a part doubled, and
 * no separating '-' before a layer that starts with '_'.  @layer may be NULL.
 * Returns 0 or -ENAMETOOLONG (the result must fit @n and DMT_NAME_LEN).
 */
int dmt_name(const char *vg, const char *lv, const char *layer, char *out, size_t n);
/* "LVM-" + VG id + LV id (raw, 32 chars each) [+ "-" + layer]; 0 or -ENAMETOOLONG. */
int dmt_uuid(const char *vg_id, const char *lv_id, const char *layer, char *out, size_t n);
/* "/dev/<vg>/<lv>": the link lvm2 makes for a visible LV; 0 or -ENAMETOOLONG. */
int dmt_lv_path(const char *vg, const char *lv, char *out, size_t n);
/* "/dev/mapper/<dm name>"; 0 or -ENAMETOOLONG. */
int dmt_mapper_path(const char *vg, const char *lv, char *out, size_t n);

#endif
