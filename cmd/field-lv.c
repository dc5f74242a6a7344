/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The LV fields of lvs and their getters: lvm2's lv_all, in its order,
 * with its headings and widths.  What the metadata says comes from the LV's
 * getters, what the kernel says from the row's lv_row (unknown without
 * device-mapper, as lvm2 shows it with activation disabled).  lvm2's
 * snapshots (which lvm2 makes) show as lvm2 shows them: the COW LV under
 * the snapshot's name.  Fields of LV kinds we do not make (thin, cache,
 * vdo, writecache) show what lvm2 shows for a linear LV.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "field.h"
#include "units.h"
#include "volume.h"

/* X(id, name, heading, type, lvm2's width (0: the heading's), getter, help) */
#define LV_FIELDS(X) \
	X(LV_UUID, "lv_uuid", "LV UUID", F_STR, 38, meta_get, "Unique identifier.") \
	X(LV_NAME, "lv_name", "LV", F_STR, 4, meta_get, "Name; hidden LVs in brackets.") \
	X(LV_FULL_NAME, "lv_full_name", "LV", F_STR, 4, meta_get, "VG/LV.") \
	X(LV_PATH, "lv_path", "Path", F_STR, 0, meta_get, "/dev/VG/LV; empty for hidden LVs.") \
	X(LV_DM_PATH, "lv_dm_path", "DMPath", F_STR, 0, meta_get, "Path of the device-mapper node.") \
	X(LV_PARENT, "lv_parent", "Parent", F_STR, 0, role_get, "The LV a sub-LV belongs to.") \
	X(LV_LAYOUT, "lv_layout", "Layout", F_TAGS, 10, role_get, "How the LV is made.") \
	X(LV_ROLE, "lv_role", "Role", F_TAGS, 10, role_get, "What the LV is for.") \
	X(LV_INIT_SYNC, "lv_initial_image_sync", "InitImgSync", F_BOOL, 10, role_get, "Set if raid1 legs were synchronised at creation.") \
	X(LV_IMAGE_SYNCED, "lv_image_synced", "ImgSynced", F_BOOL, 10, role_get, "Set if a raid1 leg is in sync.") \
	X(LV_MERGING, "lv_merging", "Merging", F_BOOL, 10, snap_get, "Set while a snapshot merges.") \
	X(LV_CONVERTING, "lv_converting", "Converting", F_BOOL, 0, none_get, "Set while the LV is converted.") \
	X(LV_ALLOC, "lv_allocation_policy", "AllocPol", F_STR, 10, meta_get, "Allocation policy.") \
	X(LV_ALLOC_LOCKED, "lv_allocation_locked", "AllocLock", F_BOOL, 10, none_get, "Set if the allocation is locked.") \
	X(LV_FIXED_MINOR, "lv_fixed_minor", "FixMin", F_BOOL, 10, meta_get, "Set if the minor number is fixed.") \
	X(LV_SKIP, "lv_skip_activation", "SkipAct", F_BOOL, 15, meta_get, "Set if activation skips the LV.") \
	X(LV_AUTOACT, "lv_autoactivation", "AutoAct", F_BOOL, 0, meta_get, "Set if the LV is autoactivated.") \
	X(LV_WHEN_FULL, "lv_when_full", "WhenFull", F_STR, 15, none_get, "Thin pools: what happens when full.") \
	X(LV_ACTIVE, "lv_active", "Active", F_STR, 0, kernel_get, "Whether the LV is active.") \
	X(LV_ACT_LOCAL, "lv_active_locally", "ActLocal", F_BOOL, 10, kernel_get, "Set if the LV is active here.") \
	X(LV_ACT_REMOTE, "lv_active_remotely", "ActRemote", F_BOOL, 10, kernel_get, "Set if the LV is active on another host.") \
	X(LV_ACT_EXCL, "lv_active_exclusively", "ActExcl", F_BOOL, 10, kernel_get, "Set if the LV is active exclusively.") \
	X(LV_MAJOR, "lv_major", "Maj", F_SNUM, 0, meta_get, "Persistent major number, -1 if none.") \
	X(LV_MINOR, "lv_minor", "Min", F_SNUM, 0, meta_get, "Persistent minor number, -1 if none.") \
	X(LV_READ_AHEAD, "lv_read_ahead", "Rahead", F_SIZE, 0, meta_get, "Read-ahead in current units, or auto.") \
	X(LV_SIZE, "lv_size", "LSize", F_SIZE, 0, meta_get, "Size in current units.") \
	X(LV_MSIZE, "lv_metadata_size", "MSize", F_SIZE, 0, none_get, "Pools: size of the metadata LV.") \
	X(LV_SEG_COUNT, "seg_count", "#Seg", F_NUM, 0, meta_get, "Number of segments.") \
	X(LV_ORIGIN, "origin", "Origin", F_STR, 0, snap_get, "Snapshots: the origin LV.") \
	X(LV_ORIGIN_UUID, "origin_uuid", "Origin UUID", F_STR, 38, snap_get, "Snapshots: the origin's UUID.") \
	X(LV_ORIGIN_SIZE, "origin_size", "OSize", F_SIZE, 0, snap_get, "Snapshots: the origin's size (an origin: its own).") \
	X(LV_ANCESTORS, "lv_ancestors", "Ancestors", F_STR, 0, snap_get, "Snapshots: the origin.") \
	X(LV_FULL_ANCESTORS, "lv_full_ancestors", "FAncestors", F_STR, 0, snap_get, "Snapshots: the origin.") \
	X(LV_DESCENDANTS, "lv_descendants", "Descendants", F_STR, 0, snap_get, "Origins: the snapshots.") \
	X(LV_FULL_DESCENDANTS, "lv_full_descendants", "FDescendants", F_STR, 0, snap_get, "Origins: the snapshots.") \
	X(RAID_MISMATCH, "raid_mismatch_count", "Mismatches", F_NUM, 0, raid_get, "Raid: mismatches found.") \
	X(RAID_SYNC_ACTION, "raid_sync_action", "SyncAction", F_STR, 0, raid_get, "Raid: the synchronisation under way.") \
	X(RAID_WRITE_BEHIND, "raid_write_behind", "WBehind", F_NUM, 0, raid_get, "Raid1: writes allowed behind.") \
	X(RAID_MIN_RATE, "raid_min_recovery_rate", "MinSync", F_NUM, 0, raid_get, "Raid1: minimum recovery rate.") \
	X(RAID_MAX_RATE, "raid_max_recovery_rate", "MaxSync", F_NUM, 0, raid_get, "Raid1: maximum recovery rate.") \
	X(INTEG_MODE, "raidintegritymode", "IntegMode", F_STR, 0, none_get, "Integrity mode.") \
	X(INTEG_BLOCK, "raidintegrityblocksize", "IntegBlkSize", F_SNUM, 0, minus1_get, "Integrity block size.") \
	X(INTEG_MISMATCHES, "integritymismatches", "IntegMismatches", F_NUM, 0, none_get, "Integrity mismatches.") \
	X(MOVE_PV, "move_pv", "Move", F_STR, 0, none_get, "pvmove: the source PV.") \
	X(MOVE_PV_UUID, "move_pv_uuid", "Move UUID", F_STR, 38, none_get, "pvmove: the source PV's UUID.") \
	X(CONVERT_LV, "convert_lv", "Convert", F_STR, 0, none_get, "lvconvert: its temporary LV.") \
	X(CONVERT_LV_UUID, "convert_lv_uuid", "Convert UUID", F_STR, 38, none_get, "lvconvert: its temporary LV's UUID.") \
	X(MIRROR_LOG, "mirror_log", "Log", F_STR, 0, mirror_get, "Mirrors: the log LV.") \
	X(MIRROR_LOG_UUID, "mirror_log_uuid", "Log UUID", F_STR, 38, mirror_get, "Mirrors: the log LV's UUID.") \
	X(DATA_LV, "data_lv", "Data", F_STR, 0, none_get, "Pools: the data LV.") \
	X(DATA_LV_UUID, "data_lv_uuid", "Data UUID", F_STR, 38, none_get, "Pools: the data LV's UUID.") \
	X(METADATA_LV, "metadata_lv", "Meta", F_STR, 0, none_get, "Pools: the metadata LV.") \
	X(METADATA_LV_UUID, "metadata_lv_uuid", "Meta UUID", F_STR, 38, none_get, "Pools: the metadata LV's UUID.") \
	X(POOL_LV, "pool_lv", "Pool", F_STR, 0, none_get, "The pool of a thin or cached LV.") \
	X(POOL_LV_UUID, "pool_lv_uuid", "Pool UUID", F_STR, 38, none_get, "The pool's UUID.") \
	X(LV_TAGS, "lv_tags", "LV Tags", F_TAGS, 0, meta_get, "Tags, if any.") \
	X(LV_PROFILE, "lv_profile", "LProfile", F_STR, 0, none_get, "Configuration profile.") \
	X(LV_LOCKARGS, "lv_lockargs", "LLockArgs", F_STR, 0, none_get, "lvmlockd lock arguments.") \
	X(LV_TIME, "lv_time", "CTime", F_STR, 26, meta_get, "Creation time.") \
	X(LV_TIME_REMOVED, "lv_time_removed", "RTime", F_STR, 26, none_get, "Removal time of a historical LV.") \
	X(LV_HOST, "lv_host", "Host", F_STR, 10, meta_get, "Creation host.") \
	X(LV_MODULES, "lv_modules", "Modules", F_TAGS, 0, role_get, "Kernel modules the LV needs.") \
	X(LV_HISTORICAL, "lv_historical", "Historical", F_BOOL, 0, none_get, "Set for a removed LV kept in history.") \
	X(WC_BLOCK_SIZE, "writecache_block_size", "WCacheBlkSize", F_SNUM, 0, minus1_get, "Writecache block size.") \
	X(LV_KMAJ, "lv_kernel_major", "KMaj", F_SNUM, 0, kernel_get, "Major number in use, -1 if inactive.") \
	X(LV_KMIN, "lv_kernel_minor", "KMin", F_SNUM, 0, kernel_get, "Minor number in use, -1 if inactive.") \
	X(LV_KREAD_AHEAD, "lv_kernel_read_ahead", "KRahead", F_SIZE, 0, kernel_get, "Read-ahead in use, in current units.") \
	X(LV_PERMISSIONS, "lv_permissions", "LPerms", F_STR, 8, kernel_get, "Permissions.") \
	X(LV_SUSPENDED, "lv_suspended", "Suspended", F_BOOL, 10, kernel_get, "Set if the device is suspended.") \
	X(LV_LIVE_TABLE, "lv_live_table", "LiveTable", F_BOOL, 20, kernel_get, "Set if the device has a live table.") \
	X(LV_INACTIVE_TABLE, "lv_inactive_table", "InactiveTable", F_BOOL, 20, kernel_get, "Set if the device has an inactive table.") \
	X(LV_DEVICE_OPEN, "lv_device_open", "DevOpen", F_BOOL, 10, kernel_get, "Set if the device is open.") \
	X(DATA_PERCENT, "data_percent", "Data%", F_PERCENT, 6, snap_get, "Snapshots and pools: percent full.") \
	X(SNAP_PERCENT, "snap_percent", "Snap%", F_PERCENT, 6, snap_get, "Snapshots: percent full.") \
	X(METADATA_PERCENT, "metadata_percent", "Meta%", F_STR, 6, none_get, "Pools: percent of metadata full.") \
	X(COPY_PERCENT, "copy_percent", "Cpy%Sync", F_PERCENT, 0, raid_get, "Raid and mirrors: percent in sync.") \
	X(SYNC_PERCENT, "sync_percent", "Cpy%Sync", F_PERCENT, 0, raid_get, "Raid and mirrors: percent in sync.") \
	X(CACHE_TOTAL, "cache_total_blocks", "CacheTotalBlocks", F_NUM, 0, none_get, "Cache blocks.") \
	X(CACHE_USED, "cache_used_blocks", "CacheUsedBlocks", F_NUM, 16, none_get, "Cache blocks used.") \
	X(CACHE_DIRTY, "cache_dirty_blocks", "CacheDirtyBlocks", F_NUM, 0, none_get, "Cache blocks dirty.") \
	X(CACHE_RHITS, "cache_read_hits", "CacheReadHits", F_NUM, 16, none_get, "Cache read hits.") \
	X(CACHE_RMISSES, "cache_read_misses", "CacheReadMisses", F_NUM, 16, none_get, "Cache read misses.") \
	X(CACHE_WHITS, "cache_write_hits", "CacheWriteHits", F_NUM, 16, none_get, "Cache write hits.") \
	X(CACHE_WMISSES, "cache_write_misses", "CacheWriteMisses", F_NUM, 0, none_get, "Cache write misses.") \
	X(KCACHE_SETTINGS, "kernel_cache_settings", "KCacheSettings", F_STR, 18, none_get, "Cache settings in the kernel.") \
	X(KCACHE_POLICY, "kernel_cache_policy", "KCachePolicy", F_STR, 18, none_get, "Cache policy in the kernel.") \
	X(KMFMT, "kernel_metadata_format", "KMFmt", F_NUM, 0, none_get, "Cache metadata format in the kernel.") \
	X(LV_HEALTH, "lv_health_status", "Health", F_STR, 15, kernel_get, "Health: partial, or a raid's state.") \
	X(KDISCARDS, "kernel_discards", "KDiscards", F_STR, 0, none_get, "Thin pools: discards in the kernel.") \
	X(LV_CHECK_NEEDED, "lv_check_needed", "CheckNeeded", F_BOOL, 15, field_get_unknown, "Pools: set if a check is needed.") \
	X(LV_MERGE_FAILED, "lv_merge_failed", "MergeFailed", F_BOOL, 15, snap_get, "Snapshots: set if a merge failed.") \
	X(LV_SNAP_INVALID, "lv_snapshot_invalid", "SnapInvalid", F_BOOL, 15, snap_get, "Snapshots: set if invalid.") \
	X(VDO_OPMODE, "vdo_operating_mode", "VDOOperatingMode", F_STR, 0, none_get, "VDO: operating mode.") \
	X(VDO_COMPSTATE, "vdo_compression_state", "VDOCompressionState", F_STR, 0, none_get, "VDO: compression state.") \
	X(VDO_INDEXSTATE, "vdo_index_state", "VDOIndexState", F_STR, 0, none_get, "VDO: index state.") \
	X(VDO_USED, "vdo_used_size", "VDOUsedSize", F_NUM, 0, none_get, "VDO: space used.") \
	X(VDO_SAVING, "vdo_saving_percent", "VDOSaving%", F_NUM, 0, none_get, "VDO: percent saved.") \
	X(WC_TOTAL, "writecache_total_blocks", "WCacheTotalBlocks", F_NUM, 0, none_get, "Writecache blocks.") \
	X(WC_FREE, "writecache_free_blocks", "WCacheFreeBlocks", F_NUM, 0, none_get, "Writecache blocks free.") \
	X(WC_WRITEBACK, "writecache_writeback_blocks", "WCacheWritebackBlocks", F_NUM, 0, none_get, "Writecache blocks in writeback.") \
	X(WC_ERRORS, "writecache_error", "WCacheErrors", F_NUM, 0, none_get, "Writecache errors.") \
	X(LV_ATTR, "lv_attr", "Attr", F_STR, 0, kernel_get, "Attributes - see lvs(8).")

enum lv_field { LV_FIELDS(FIELD_ID_G) LV_NFIELDS };

/* ---------------------------------------------------------------- rows */

/* raid1, or another raid level lvm2 made (raid0 without device-mapper,
 * raid4/5/6/10 beside ours; we only read them). */
static bool is_raid_type(const char *type)
{
	return !strncmp(type, "raid", 4);
}

static bool is_raid1(const struct vol_lv *lv)
{
	return !strcmp(vol_lv_segtype(lv), "raid1");
}

/* raid1, or raid4/5/6/10 (lvm2 makes them beside ours): a dm-raid status
 * and raid keys to report; not raid0, which has neither. */
static bool has_raid_keys(const struct vol_lv *lv)
{
	const char *t = vol_lv_segtype(lv);

	return !strncmp(t, "raid", 4) && strncmp(t, "raid0", 5);
}

/* The raid1 LV whose leg @leg (image or metadata) @lv is: *role 'i' or 'e'. */
static struct vol_lv *raid_parent(struct vol_lv *lv, char *role, uint32_t *leg)
{
	struct vol_vg *vg = vol_lv_vg(lv);
	const char *name = vol_lv_name(lv);

	for (struct vol_lv *p = NULL; (p = vol_vg_next_lv(vg, p, VOL_LV_ALL));) {
		struct vol_seg_info s;

		for (size_t i = 0; !vol_lv_segment(p, i, &s); i++)
			for (uint32_t a = 0; is_raid_type(s.type) && a < s.areas; a++) {
				struct vol_area_info ar;

				if (vol_lv_segment_area(p, i, a, &ar))
					continue;
				*role = ar.lv_name && !strcmp(ar.lv_name, name) ? 'i' :
					ar.meta_lv_name && !strcmp(ar.meta_lv_name, name) ? 'e' : 0;
				*leg = a;
				if (*role)
					return p;
			}
	}
	return NULL;
}

/* The old-style mirror whose image ('m') or disk log ('l') @lv is. */
static struct vol_lv *mirror_parent(struct vol_lv *lv, char *role)
{
	struct vol_vg *vg = vol_lv_vg(lv);
	const char *name = vol_lv_name(lv), *log;

	for (struct vol_lv *p = NULL; (p = vol_vg_next_lv(vg, p, VOL_LV_ALL));) {
		struct vol_area_info ar;

		if (strcmp(vol_lv_segtype(p), "mirror"))
			continue;
		for (uint32_t a = 0; !vol_lv_segment_area(p, 0, a, &ar); a++)
			if (ar.lv_name && !strcmp(ar.lv_name, name)) {
				*role = 'm';
				return p;
			}
		if ((log = vol_lv_mirror_log(p)) && !strcmp(log, name)) {
			*role = 'l';
			return p;
		}
	}
	return NULL;
}

/* The mirror's sync percent, as lvm2 computes it; -1 when not active. */
static int32_t mirror_percent(struct vol_lv *top)
{
	struct vol_mirror_status st;

	if (vol_lv_mirror_status(top, &st))
		return -1;
	return st.sync_percent;
}

/* The kernel's read-ahead of device @major:@minor in sectors, -1 if unknown. */
static int64_t kernel_read_ahead(uint32_t major, uint32_t minor)
{
	char path[96];
	long long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/queue/read_ahead_kb", major, minor);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fscanf(f, "%lld", &kb) != 1)
		kb = -1;
	fclose(f);
	return kb < 0 ? -1 : kb * 2;
}

/* The snapshot part of @r: what the LV is, and an active snapshot's status. */
static void snap_row_init(struct lv_row *r, void *(*alloc)(void *usr, size_t size), void *usr)
{
	struct vol_snapshot_status st, *keep;

	r->is_snap = vol_lv_is_snapshot(r->lv);
	r->is_origin = vol_lv_is_origin(r->lv);
	if (r->is_snap && r->exists && !vol_lv_snapshot_status(r->lv, &st) &&
	    (keep = alloc(usr, sizeof(*keep)))) {
		*keep = st;
		r->snap = keep;
	}
}

void lv_row_init(struct lv_row *r, struct vol_lv *lv, void *(*alloc)(void *usr, size_t size),
		 void *usr)
{
	struct vol_raid_status st, *keep;
	const char *type = vol_lv_segtype(lv);
	struct vol_lv *top = NULL;

	memset(r, 0, sizeof(*r));
	r->lv = lv;
	r->is_raid1 = !strcmp(type, "raid1");
	r->is_raid = r->is_raid1 || !strcmp(type, "raid0");
	r->is_virt = !strcmp(type, "error") || !strcmp(type, "zero");
	r->known = !vol_lv_state(lv, &r->st);
	r->exists = r->known && (r->st.active || r->st.inactive_table || r->st.suspended);
	if (r->exists && r->st.read_ahead < 0)
		r->st.read_ahead = kernel_read_ahead(r->st.major, r->st.minor);
	r->mirror_percent = -1;
	r->is_mirror = !strcmp(type, "mirror");
	if (!vol_lv_is_visible(lv) && (top = raid_parent(lv, &r->role, &r->leg)))
		r->parent = vol_lv_name(top);
	if (!vol_lv_is_visible(lv) && !top && (top = mirror_parent(lv, &r->mrole))) {
		r->parent = vol_lv_name(top);
		r->mirror_percent = r->known && r->mrole == 'm' ? mirror_percent(top) : -1;
		top = NULL;
	}
	if (r->is_mirror && r->known)
		r->mirror_percent = mirror_percent(lv);
	if (has_raid_keys(lv))
		top = lv;
	if (top && r->known && !vol_lv_raid_status(top, &st) && r->leg < st.legs &&
	    (keep = alloc(usr, sizeof(*keep)))) {
		*keep = st;
		r->raid = keep;
		r->has_raid = true;
	}
	snap_row_init(r, alloc, usr);
}

/* ---------------------------------------------------------------- lv_attr */

/* lvm2's lv_raid_image_in_sync(): the image is active and its leg shows 'A'. */
static bool image_in_sync(const struct lv_row *r)
{
	return r->exists && r->has_raid && !vol_lv_is_visible(r->lv) && r->raid->health[r->leg] == 'A';
}

static bool is_raid(const struct vol_lv *lv)
{
	return is_raid_type(vol_lv_segtype(lv));
}

/* lvm2's virtual segment types: an LV with no extents. */
static bool is_virtual(const struct vol_lv *lv)
{
	return !strcmp(vol_lv_segtype(lv), "error") || !strcmp(vol_lv_segtype(lv), "zero");
}

/* Does a snapshot of origin @lv merge into it? */
static bool merging_origin(const struct vol_lv *lv)
{
	for (struct vol_lv *s = NULL; (s = vol_lv_next_snapshot(lv, s));)
		if (vol_lv_is_merging_snapshot(s))
			return true;
	return false;
}

static char volume_type(const struct lv_row *r)
{
	if (r->is_origin)	/* lvm2: an origin before any other kind */
		return merging_origin(r->lv) ? 'O' : 'o';
	if (r->is_raid1)
		return vol_lv_raid_not_synced(r->lv) ? 'R' : 'r';
	if (r->is_raid)
		return 'r';
	if (r->is_mirror)
		return vol_lv_raid_not_synced(r->lv) ? 'M' : 'm';
	if (r->is_virt)
		return 'v';
	if (r->mrole == 'm')	/* lvm2's lv_mirror_image_in_sync(): its mirror at 100% */
		return r->mirror_percent == 100000000 ? 'i' : 'I';
	if (r->mrole == 'l')
		return 'l';
	if (r->role == 'i')
		return image_in_sync(r) ? 'i' : 'I';
	if (r->role == 'e')
		return 'e';
	if (r->is_snap)
		return vol_lv_is_merging_snapshot(r->lv) ? 'S' : 's';
	return '-';
}

/* lvm2's lv_raid_healthy(): an inactive LV counts as healthy; else no 'D'
 * in the whole array (the raid1 LV) or in its own leg (a sub-LV). */
static bool raid_healthy(const struct lv_row *r)
{
	if (!r->exists || !r->has_raid)
		return true;
	return r->role ? r->raid->health[r->leg] != 'D' : !strchr(r->raid->health, 'D');
}

/* The raid character of lv_attr (its 9th), '-' if none. */
static char raid_health_char(const struct lv_row *r)
{
	if (!r->known)
		return 'X';
	if (!raid_healthy(r))
		return 'r';
	if (!r->role)
		return r->has_raid && r->raid->mismatch_count ? 'm' :
		       r->has_raid && !strcmp(r->raid->sync_action, "reshape") ? 's' : '-';
	return vol_lv_raid_writemostly(r->lv) ? 'w' : '-';
}

static char alloc_char(enum vol_alloc a)
{
	static const char chars[] = { [VOL_ALLOC_INHERIT] = 'i', [VOL_ALLOC_CONTIGUOUS] = 'c',
				      [VOL_ALLOC_CLING] = 'l', [VOL_ALLOC_NORMAL] = 'n',
				      [VOL_ALLOC_ANYWHERE] = 'a', [VOL_ALLOC_CLING_BY_TAGS] = 't' };

	return (size_t)a < sizeof(chars) && chars[a] ? chars[a] : 'i';
}

static char state_char(const struct lv_row *r)
{
	if (!r->known)
		return 'X';
	if (!r->exists)
		return '-';
	if (r->st.live_table && r->snap && r->snap->invalid)	/* dropped */
		return r->st.suspended ? 'S' : 'I';
	if (r->st.live_table && r->snap && r->snap->merge_failed)
		return r->st.suspended ? 'M' : 'm';
	return r->st.suspended ? 's' : r->st.live_table ? 'a' : r->st.inactive_table ? 'i' : 'd';
}

void lv_attr(const struct lv_row *r, char attr[11])
{
	const struct vol_lv *lv = r->lv;
	bool raid = r->is_raid || r->role;

	attr[0] = volume_type(r);
	attr[1] = vol_lv_is_read_only(lv) ? 'r' : r->exists && r->st.read_only ? 'R' : 'w';
	attr[2] = alloc_char(vol_lv_alloc(lv));
	attr[3] = vol_lv_minor(lv) >= 0 ? 'm' : '-';
	attr[4] = state_char(r);
	attr[5] = !r->known ? 'X' : r->exists && r->st.open_count > 0 ? 'o' : '-';
	attr[6] = raid ? 'r' : r->is_mirror || r->mrole ? 'm' : r->is_snap || r->is_origin ? 's' :
		  r->is_virt ? 'v' : '-';
	attr[7] = '-';
	attr[8] = vol_lv_is_partial(lv) ? 'p' : raid ? raid_health_char(r) : '-';
	attr[9] = vol_lv_skips_activation(lv) ? 'k' : '-';
	attr[10] = '\0';
}

/* ---------------------------------------------------------------- getters */

static const char *lv_tag(const void *o, size_t i)
{
	return vol_lv_tag(o, i);
}

static void set_bool(struct field_val *v, bool b, const char *name)
{
	v->b = b;
	v->s = name;
}

/* @a @b @c joined, in v->small or malloc'd. */
static int set_joined(struct field_val *v, const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *p = n <= sizeof(v->small) ? v->small : (v->own = malloc(n));

	if (!p)
		return -ENOMEM;
	snprintf(p, n, "%s%s%s", a, b, c);
	v->s = p;
	return 0;
}

void lv_time_text(const struct vol_lv *lv, char *buf, size_t len)
{
	time_t t = (time_t)vol_lv_creation_time(lv);
	struct tm tm;

	if (!t || !localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", &tm))
		*buf = '\0';
}


static int name_val(const struct vol_lv *lv, struct field_val *v);

/* What the metadata says. */
static int meta_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct vol_lv *lv = o->lv->lv;
	int64_t ra = vol_lv_read_ahead(lv);

	switch ((enum lv_field)f->id) {
	case LV_UUID: v->s = vol_lv_uuid(lv); break;
	case LV_NAME: return name_val(lv, v);
	case LV_FULL_NAME: return set_joined(v, vol_vg_name(o->vg), "/", vol_lv_name(lv));
	case LV_PATH: v->s = vol_lv_path(lv); break;
	case LV_DM_PATH: v->s = vol_lv_dm_path(lv); break;
	case LV_ALLOC: v->s = vol_alloc_name(vol_lv_alloc(lv)); break;
	case LV_FIXED_MINOR: set_bool(v, vol_lv_minor(lv) >= 0, "fixed minor"); break;
	case LV_SKIP: set_bool(v, vol_lv_skips_activation(lv), "skip activation"); break;
	case LV_AUTOACT: set_bool(v, true, "enabled"); break;
	case LV_MAJOR: v->n = (uint64_t)vol_lv_major(lv); break;
	case LV_MINOR: v->n = (uint64_t)vol_lv_minor(lv); break;
	case LV_READ_AHEAD:
		v->n = ra < 0 ? UINT64_MAX : (uint64_t)ra * 512;
		v->lit = ra < 0;
		v->s = "auto";
		break;
	case LV_SIZE: v->n = vol_lv_size(lv); break;
	case LV_SEG_COUNT: v->n = vol_lv_segment_count(lv); break;
	case LV_TAGS: return field_val_tags(v, vol_lv_tag_count(lv), lv_tag, lv);
	case LV_TIME:
		v->n = vol_lv_creation_time(lv);
		lv_time_text(lv, v->small, sizeof(v->small));
		v->s = v->small;
		break;
	case LV_HOST: v->s = vol_lv_creation_host(lv); break;
	default: break;
	}
	return 0;
}

static const char *permissions(const struct lv_row *r)
{
	if (vol_lv_is_read_only(r->lv))
		return "read-only";
	if (!r->exists)
		return "unknown";
	return r->st.read_only ? "read-only-override" : "writeable";
}

static const char *health(const struct lv_row *r)
{
	if (vol_lv_is_partial(r->lv))
		return "partial";
	if (!is_raid(r->lv) && !r->role)
		return "";
	if (is_raid(r->lv) && !has_raid_keys(r->lv))	/* raid0: read, never mapped by us */
		return r->known ? "" : "unknown";
	switch (raid_health_char(r)) {
	case 'X': return "unknown";
	case 'r': return "refresh needed";
	case 'm': return "mismatches exist";
	case 'w': return "writemostly";
	default: return "";
	}
}

/* A flag the kernel tells only of an LV with a device. */
static void device_flag(const struct lv_row *r, struct field_val *v, bool b, const char *name)
{
	if (r->exists)
		set_bool(v, b, name);
	else
		field_get_unknown(NULL, NULL, v);
}

/* What the kernel says. */
static int kernel_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct lv_row *r = o->lv;

	if (!r->known && (f->id == LV_ACT_LOCAL || f->id == LV_ACT_REMOTE || f->id == LV_ACT_EXCL)) {
		field_get_unknown(f, o, v);
		return 0;
	}
	switch ((enum lv_field)f->id) {
	case LV_ACTIVE: v->s = !r->known ? "unknown" : r->exists ? "active" : ""; break;
	case LV_ACT_LOCAL: set_bool(v, r->exists, "active locally"); break;
	case LV_ACT_REMOTE: set_bool(v, false, "active remotely"); break;
	case LV_ACT_EXCL: set_bool(v, r->exists, "active exclusively"); break;
	case LV_KMAJ: v->n = r->exists ? r->st.major : (uint64_t)-1; break;
	case LV_KMIN: v->n = r->exists ? r->st.minor : (uint64_t)-1; break;
	case LV_KREAD_AHEAD:
		v->n = r->exists && r->st.read_ahead >= 0 ? (uint64_t)r->st.read_ahead * 512 : UINT64_MAX;
		v->lit = v->n == UINT64_MAX;
		v->s = "-1";
		break;
	case LV_PERMISSIONS: v->s = permissions(r); break;
	case LV_SUSPENDED: device_flag(r, v, r->st.suspended, "suspended"); break;
	case LV_LIVE_TABLE: device_flag(r, v, r->st.live_table, "live table present"); break;
	case LV_INACTIVE_TABLE: device_flag(r, v, r->st.inactive_table, "inactive table present"); break;
	case LV_DEVICE_OPEN: device_flag(r, v, r->st.open_count > 0, "open"); break;
	case LV_HEALTH: v->s = health(r); break;
	case LV_ATTR: lv_attr(r, v->small); v->s = v->small; break;
	default: break;
	}
	return 0;
}

/* "linear", "striped" or both, as the segments are; raid1's own. */
/* lvm2's layout of a raid level: "raid,raid1", "raid,raid5,raid5_ls" (raid5
 * and raid6 name their default layouts), ... */
static void raid_layout(const char *t, struct field_val *v)
{
	const char *full = !strcmp(t, "raid5") ? "raid5_ls" : !strcmp(t, "raid6") ? "raid6_zr" : t;

	if (!strncmp(full, "raid5_", 6) || !strncmp(full, "raid6_", 6))
		snprintf(v->small, sizeof(v->small), "raid,%.5s,%s", full, full);
	else
		snprintf(v->small, sizeof(v->small), "raid,%s", full);
	v->s = v->small;
}

static void layout(const struct lv_row *r, struct field_val *v)
{
	bool linear = false, striped = false;
	struct vol_seg_info s;

	if (is_raid(r->lv)) {
		raid_layout(vol_lv_segtype(r->lv), v);
		return;
	}
	if (r->is_origin && r->is_virt) {	/* lvm2's virtual origin */
		v->s = "virtual";
		return;
	}
	if (r->is_mirror) {
		v->s = "mirror";
		return;
	}
	for (size_t i = 0; !vol_lv_segment(r->lv, i, &s); i++) {
		linear |= !strcmp(s.type, "linear");
		striped |= !strcmp(s.type, "striped");
	}
	v->s = linear && striped ? "linear,striped" : linear ? "linear" : striped ? "striped"
										 : "unknown";
}

/* lvm2's roles of a snapshot or origin (a virtual origin is private). */
static const char *snap_role(const struct lv_row *r)
{
	bool pub = vol_lv_is_visible(r->lv) && !r->is_virt;

	if (r->is_snap)
		return pub ? "public,snapshot,thicksnapshot" : "private,snapshot,thicksnapshot";
	if (vol_lv_snapshot_count(r->lv) > 1)
		return pub ? "public,origin,thickorigin,multithickorigin" :
			     "private,origin,thickorigin,multithickorigin";
	return pub ? "public,origin,thickorigin" : "private,origin,thickorigin";
}

/* What the LV is among the VG's LVs. */
static int role_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct lv_row *r = o->lv;

	switch ((enum lv_field)f->id) {
	case LV_PARENT: v->s = r->parent ? r->parent : ""; break;
	case LV_LAYOUT: layout(r, v); break;
	case LV_ROLE:
		v->s = r->role == 'i' ? "private,raid,image" : r->role == 'e' ? "private,raid,metadata" :
		       r->mrole == 'm' ? "private,mirror,image" : r->mrole == 'l' ? "private,mirror,log" :
		       r->is_snap || r->is_origin ? snap_role(r) :
		       vol_lv_is_visible(r->lv) ? "public" : "private";
		break;
	case LV_MODULES:
		if (r->is_snap || r->is_origin)
			return set_joined(v, "snapshot", is_virtual(r->lv) ? "," : "",
					  is_virtual(r->lv) ? vol_lv_segtype(r->lv) : "");
		v->s = is_raid(r->lv) ? "raid" : r->is_mirror ? "mirror" :
		       is_virtual(r->lv) ? vol_lv_segtype(r->lv) : "";
		break;
	case LV_INIT_SYNC:
		set_bool(v, (is_raid(r->lv) || r->is_mirror) &&
			    !((is_raid1(r->lv) || r->is_mirror) && vol_lv_raid_not_synced(r->lv)),
			 "initial image sync");
		break;
	case LV_IMAGE_SYNCED:
		set_bool(v, (r->role == 'i' && image_in_sync(r)) ||
			    (r->mrole == 'm' && r->mirror_percent == 100000000), "image synced");
		break;
	default: break;
	}
	return 0;
}

/* dm-raid's view of a raid1 LV and the raid keys of its segment. */
static int raid_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct lv_row *r = o->lv;
	bool top = has_raid_keys(r->lv), live = top && r->has_raid;
	struct vol_seg_info s = { 0 };
	uint32_t n = 0;

	if (top)
		vol_lv_segment(r->lv, 0, &s);
	switch ((enum lv_field)f->id) {
	case COPY_PERCENT:
	case SYNC_PERCENT:
		if (r->is_mirror) {	/* lvm2's old-style mirror: dm-mirror's regions */
			v->n = (uint64_t)(int64_t)r->mirror_percent;
			v->lit = r->mirror_percent < 0;
			return 0;
		}
		v->n = live ? (uint64_t)(int64_t)r->raid->sync_percent : UINT64_MAX;
		v->lit = !live;
		return 0;
	case RAID_SYNC_ACTION: v->s = live ? r->raid->sync_action : ""; return 0;
	case RAID_MISMATCH:
		v->n = live ? r->raid->mismatch_count : 0;
		v->lit = !live;
		return 0;
	case RAID_WRITE_BEHIND: n = s.writebehind; break;
	case RAID_MIN_RATE: n = s.min_recovery_rate; break;
	case RAID_MAX_RATE: n = s.max_recovery_rate; break;
	default: break;
	}
	v->n = n;
	v->lit = !n;
	return 0;
}

/* @lv's name, in brackets when hidden (lvm2's lv_name). */
static int name_val(const struct vol_lv *lv, struct field_val *v)
{
	v->key = vol_lv_name(lv);
	if (vol_lv_is_visible(lv)) {
		v->s = v->key;
		return 0;
	}
	return set_joined(v, "[", v->key, "]");
}

/* The snapshots of origin @lv, in lvm2's order, joined by commas. */
static int descendants(const struct vol_lv *lv, struct field_val *v)
{
	size_t n = 1;
	char *p;

	for (struct vol_lv *s = NULL; (s = vol_lv_next_snapshot(lv, s));)
		n += strlen(vol_lv_name(s)) + 1;
	p = n <= sizeof(v->small) ? v->small : (v->own = malloc(n));
	if (!p)
		return -ENOMEM;
	*p = '\0';
	for (struct vol_lv *s = NULL; (s = vol_lv_next_snapshot(lv, s));)
		strcat(strcat(p, *p ? "," : ""), vol_lv_name(s));
	v->s = p;
	return 0;
}

/* An active snapshot's percent full (lvm2's Snap% and Data%); blank else. */
static void snap_percent(const struct lv_row *r, struct field_val *v)
{
	v->lit = !r->snap || r->snap->percent < 0;
	v->n = v->lit ? UINT64_MAX : (uint64_t)r->snap->percent;
}

/* A flag of the snapshot target: "unknown" without its status. */
static void snap_flag(const struct lv_row *r, struct field_val *v, bool b, const char *name)
{
	if (r->snap)
		set_bool(v, b, name);
	else
		field_get_unknown(NULL, NULL, v);
}

/* lvm2's snapshots: a snapshot's origin, an origin's snapshots. */
static int snap_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const struct lv_row *r = o->lv;
	struct vol_lv *origin = r->is_snap ? vol_lv_snapshot_origin(r->lv) : NULL;

	switch ((enum lv_field)f->id) {
	case LV_ORIGIN: return origin ? name_val(origin, v) : 0;
	case LV_ORIGIN_UUID: v->s = origin ? vol_lv_uuid(origin) : ""; break;
	case LV_ORIGIN_SIZE:
		v->n = origin ? vol_lv_size(origin) : r->is_origin ? vol_lv_size(r->lv) : 0;
		v->lit = !origin && !r->is_origin;
		break;
	case LV_ANCESTORS:
	case LV_FULL_ANCESTORS:
		v->s = origin ? vol_lv_name(origin) : "";
		break;
	case LV_DESCENDANTS:
	case LV_FULL_DESCENDANTS:
		return descendants(r->lv, v);
	case LV_MERGING: set_bool(v, r->is_snap && vol_lv_is_merging_snapshot(r->lv), "merging"); break;
	case DATA_PERCENT:
	case SNAP_PERCENT: snap_percent(r, v); break;
	case LV_MERGE_FAILED: snap_flag(r, v, r->snap && r->snap->merge_failed, "merge failed"); break;
	case LV_SNAP_INVALID: snap_flag(r, v, r->snap && r->snap->invalid, "snapshot invalid"); break;
	default: break;
	}
	return 0;
}

/* An old-style mirror's disk log: its name (hidden: in brackets) or UUID. */
static int mirror_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const char *log = vol_lv_mirror_log(o->lv->lv);
	struct vol_lv *l = log ? vol_vg_lv_by_name(vol_lv_vg(o->lv->lv), log) : NULL;

	v->lit = !l;
	if (!l)
		return 0;
	if (f->id == MIRROR_LOG_UUID) {
		v->s = vol_lv_uuid(l);
		return 0;
	}
	return name_val(l, v);
}

/* What only other kinds of LV have: empty (a flag: unset). */
static int none_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	(void)o;
	v->lit = f->type != F_BOOL;
	return 0;
}

static int minus1_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	(void)f;
	(void)o;
	v->n = (uint64_t)-1;
	return 0;
}

static const struct field lv_fields[LV_NFIELDS] = { LV_FIELDS(FIELD_DEF_G) };

const struct field_table lv_table = { "Logical Volume", "lv", lv_fields, LV_NFIELDS };
