/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Properties of an LV's device kept in the metadata.
 *
 * lvchange -r: the read-ahead, as lvm2 writes it (no "read_ahead" key:
 * auto; -1: none; else sectors, a multiple of the page size).
 *
 * lvchange -M y|n --major --minor: a fixed device number for an LV, kept in
 * the metadata as lvm2 keeps it (the FIXED_MINOR status flag and the LV's
 * "major" and "minor" keys) and used when the LV's own device is created
 * (table.h: dmt_node.minor).  As lvm2 on Linux 2.6 and later, the major is
 * always device-mapper's: a major given is ignored with lvm2's warning.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "handles.h"
#include "lvedit.h"

VOL_EXPORT int32_t vol_dm_major(void)
{
	char line[128], name[64];
	int32_t major = 0;
	int n;
	FILE *f = fopen("/proc/devices", "re");
	bool block = false;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Block devices:", 14))
			block = true;
		else if (block && sscanf(line, "%d %63s", &n, name) == 2 &&
			 !strcmp(name, "device-mapper"))
			major = n;
	}
	fclose(f);
	return major;
}

VOL_EXPORT int vol_lv_set_persistent(struct vol_lv *lv, int32_t major, int32_t minor)
{
	char full[2 * MD_NAME_LEN];
	struct md_lv *m;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	m = &lv->vg->md->lvs[lv->idx];
	lv_full_name(lv->vg, m, full, sizeof(full));
	if (minor < 0) {
		if (!(m->status.known & MD_LV_FIXED_MINOR)) {
			log_err(lv->vg->ctx, "Minor number is already not persistent for %s.", full);
			return -EALREADY;
		}
		m->status.known &= ~MD_LV_FIXED_MINOR;
		m->major = m->minor = -1;
		log_verbose(lv->vg->ctx, "Disabling persistent device number for %s.", full);
		return vg_sync_handles(lv->vg);
	}
	if (minor > MD_MINOR_MAX) {
		log_err(lv->vg->ctx, "Minor number %d outside range 0-%d.", minor, MD_MINOR_MAX);
		return -EINVAL;
	}
	if (major >= 0)
		log_warn(lv->vg->ctx, "Ignoring supplied major number %d - kernel assigns "
			 "major numbers dynamically. Using major number %d instead.", major, vol_dm_major());
	m->status.known |= MD_LV_FIXED_MINOR;
	m->major = vol_dm_major();
	m->minor = minor;
	log_verbose(lv->vg->ctx, "Setting persistent device number to (%d, %d) for %s.",
		    (int)m->major, minor, full);
	return vg_sync_handles(lv->vg);
}

VOL_EXPORT int32_t vol_lv_persistent_minor(const struct vol_lv *lv)
{
	const struct md_lv *m = &lv->md;

	return (m->status.known & MD_LV_FIXED_MINOR) && m->minor >= 0 ? (int32_t)m->minor : -1;
}

VOL_EXPORT int vol_lv_set_read_ahead(struct vol_lv *lv, bool automatic, uint32_t sectors)
{
	const uint32_t page = (uint32_t)(sysconf(_SC_PAGESIZE) / 512);
	char full[2 * MD_NAME_LEN];
	struct md_lv *m;
	bool now_auto, now_none;
	int r;

	if ((r = lv_editable(lv)))
		return r;
	m = &lv->vg->md->lvs[lv->idx];
	lv_full_name(lv->vg, m, full, sizeof(full));
	if (!automatic && sectors && sectors % page) {
		sectors = sectors < page ? page : sectors / page * page;
		log_warn(lv->vg->ctx, "Overriding readahead to %u sectors, a multiple of %uK page size.",
			 sectors, page / 2);
	}
	now_auto = !m->has_read_ahead || m->read_ahead == 0;	/* lvm2 reads 0 as auto */
	now_none = m->has_read_ahead && m->read_ahead < 0;
	if (automatic ? now_auto : sectors ? (!now_auto && !now_none && m->read_ahead == sectors)
					     : now_none) {
		if (automatic)
			log_err(lv->vg->ctx, "Read ahead is already auto for %s.", full);
		else
			log_err(lv->vg->ctx, "Read ahead is already %u for %s.", sectors, full);
		return -EALREADY;
	}
	m->has_read_ahead = !automatic;
	m->read_ahead = automatic ? 0 : sectors ? (int64_t)sectors : -1;
	log_verbose(lv->vg->ctx, "Setting read ahead to %u for %s.", automatic ? UINT32_MAX : sectors,
		    full);
	return vg_sync_handles(lv->vg);
}
