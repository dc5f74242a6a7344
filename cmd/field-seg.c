/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The segment fields of lvs and their getters: lvm2's seg_all, in its
 * order, with its headings and widths.  A report that shows one of them
 * has a row per segment.  Fields of segment types we do not make (thin,
 * cache, vdo) show what lvm2 shows for a striped segment.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "field.h"
#include "volume.h"

/* X(id, name, heading, type, lvm2's width (0: the heading's), getter, help) */
#define SEG_FIELDS(X) \
	X(SEGTYPE, "segtype", "Type", F_STR, 0, seg_get, "Segment type.") \
	X(STRIPES, "stripes", "#Str", F_NUM, 0, seg_get, "Stripes, or raid1 legs.") \
	X(DATA_STRIPES, "data_stripes", "#DStr", F_NUM, 0, seg_get, "Data stripes, or raid1 legs.") \
	X(RESHAPE_LEN, "reshape_len", "RSize", F_SIZE, 0, field_get_blank, "Raid: reshape space in current units.") \
	X(RESHAPE_LEN_LE, "reshape_len_le", "RSize", F_NUM, 0, field_get_blank, "Raid: reshape space in extents.") \
	X(DATA_COPIES, "data_copies", "#Cpy", F_NUM, 0, seg_get, "Copies of the data.") \
	X(DATA_OFFSET, "data_offset", "DOff", F_NUM, 0, field_get_blank, "Raid: data offset on each image.") \
	X(NEW_DATA_OFFSET, "new_data_offset", "NOff", F_NUM, 0, field_get_blank, "Raid: data offset after a reshape.") \
	X(PARITY_CHUNKS, "parity_chunks", "#Par", F_NUM, 0, seg_get, "Raid: parity chunks.") \
	X(STRIPE_SIZE, "stripe_size", "Stripe", F_SIZE, 0, seg_get, "Stripe size in current units.") \
	X(REGION_SIZE, "region_size", "Region", F_SIZE, 0, seg_get, "Raid1: region size in current units.") \
	X(CHUNK_SIZE, "chunk_size", "Chunk", F_SIZE, 0, seg_get, "Snapshots: chunk size in current units.") \
	X(THIN_COUNT, "thin_count", "#Thins", F_NUM, 0, field_get_blank, "Thin pools: thin volumes.") \
	X(DISCARDS, "discards", "Discards", F_STR, 0, field_get_blank, "Thin pools: discards.") \
	X(CACHE_MDFMT, "cache_metadata_format", "CMFmt", F_NUM, 0, field_get_blank, "Cache: metadata format.") \
	X(CACHE_MODE, "cache_mode", "CacheMode", F_STR, 0, field_get_blank, "Cache: mode.") \
	X(ZERO, "zero", "Zero", F_BOOL, 0, field_get_unknown, "Thin: set if zeroing.") \
	X(TRANSACTION_ID, "transaction_id", "TransId", F_NUM, 0, field_get_blank, "Thin pools: transaction id.") \
	X(THIN_ID, "thin_id", "ThId", F_NUM, 0, field_get_blank, "Thin volumes: device id.") \
	X(SEG_START, "seg_start", "Start", F_SIZE, 0, seg_get, "Start in the LV, in current units.") \
	X(SEG_START_PE, "seg_start_pe", "Start", F_NUM, 0, seg_get, "Start in the LV, in extents.") \
	X(SEG_SIZE, "seg_size", "SSize", F_SIZE, 0, seg_get, "Size in current units.") \
	X(SEG_SIZE_PE, "seg_size_pe", "SSize", F_NUM, 0, seg_get, "Size in extents.") \
	X(SEG_TAGS, "seg_tags", "Seg Tags", F_TAGS, 0, field_get_blank, "Tags, if any.") \
	X(SEG_PE_RANGES, "seg_pe_ranges", "PE Ranges", F_STR, 0, areas_get, "Extents used, as DEV:FIRST-LAST.") \
	X(SEG_LE_RANGES, "seg_le_ranges", "LE Ranges", F_STR, 0, areas_get, "Extents used, as DEV:FIRST-LAST.") \
	X(SEG_META_LE_RANGES, "seg_metadata_le_ranges", "Metadata LE Ranges", F_STR, 0, areas_get, "Raid: metadata extents used.") \
	X(DEVICES, "devices", "Devices", F_STR, 0, areas_get, "Devices used, as DEV(FIRST).") \
	X(METADATA_DEVICES, "metadata_devices", "Metadata Devs", F_STR, 0, areas_get, "Raid: metadata devices used.") \
	X(SEG_MONITOR, "seg_monitor", "Monitor", F_STR, 0, seg_get, "dmeventd monitoring.") \
	X(CACHE_POLICY, "cache_policy", "CachePolicy", F_STR, 0, field_get_blank, "Cache: policy.") \
	X(CACHE_SETTINGS, "cache_settings", "CacheSettings", F_STR, 0, field_get_blank, "Cache: settings.") \
	X(VDO_COMPRESSION, "vdo_compression", "VDOCompression", F_BOOL, 0, field_get_blank, "VDO: compression.") \
	X(VDO_DEDUP, "vdo_deduplication", "VDODeduplication", F_BOOL, 0, field_get_blank, "VDO: deduplication.") \
	X(VDO_HINTS, "vdo_use_metadata_hints", "VDOMetadataHints", F_BOOL, 0, field_get_blank, "VDO: metadata hints.") \
	X(VDO_MIN_IO, "vdo_minimum_io_size", "VDOMinimumIOSize", F_NUM, 0, field_get_blank, "VDO: minimum I/O size.") \
	X(VDO_BMAP_CACHE, "vdo_block_map_cache_size", "VDOBlockMapCacheSize", F_SIZE, 0, field_get_blank, "VDO: block map cache.") \
	X(VDO_BMAP_ERA, "vdo_block_map_era_length", "VDOBlockMapEraLength", F_NUM, 0, field_get_blank, "VDO: block map era.") \
	X(VDO_SPARSE, "vdo_use_sparse_index", "VDOSparseIndex", F_BOOL, 0, field_get_blank, "VDO: sparse index.") \
	X(VDO_INDEX_MEM, "vdo_index_memory_size", "VDOIndexMemorySize", F_SIZE, 0, field_get_blank, "VDO: index memory.") \
	X(VDO_SLAB, "vdo_slab_size", "VDOSlabSize", F_SIZE, 0, field_get_blank, "VDO: slab size.") \
	X(VDO_ACK, "vdo_ack_threads", "VDOAckThreads", F_NUM, 0, field_get_blank, "VDO: ack threads.") \
	X(VDO_BIO, "vdo_bio_threads", "VDOBioThreads", F_NUM, 0, field_get_blank, "VDO: bio threads.") \
	X(VDO_BIO_ROT, "vdo_bio_rotation", "VDOBioRotation", F_NUM, 0, field_get_blank, "VDO: bio rotation.") \
	X(VDO_CPU, "vdo_cpu_threads", "VDOCPUThreads", F_NUM, 0, field_get_blank, "VDO: CPU threads.") \
	X(VDO_HASH, "vdo_hash_zone_threads", "VDOHashZoneThreads", F_NUM, 0, field_get_blank, "VDO: hash zone threads.") \
	X(VDO_LOGICAL, "vdo_logical_threads", "VDOLogicalThreads", F_NUM, 0, field_get_blank, "VDO: logical threads.") \
	X(VDO_PHYSICAL, "vdo_physical_threads", "VDOPhysicalThreads", F_NUM, 0, field_get_blank, "VDO: physical threads.") \
	X(VDO_MAX_DISCARD, "vdo_max_discard", "VDOMaxDiscard", F_NUM, 0, field_get_blank, "VDO: largest discard.") \
	X(VDO_WRITE_POLICY, "vdo_write_policy", "VDOWritePolicy", F_STR, 0, field_get_blank, "VDO: write policy.") \
	X(VDO_HEADER, "vdo_header_size", "VDOHeaderSize", F_SIZE, 0, field_get_blank, "VDO: header size.")

enum seg_field { SEG_FIELDS(FIELD_ID_G) SEG_NFIELDS };

static bool is_raid1(const struct vol_seg_info *s)
{
	return !strcmp(s->type, "raid1");
}

static bool is_raid(const struct vol_seg_info *s)
{
	return is_raid1(s) || !strcmp(s->type, "raid0");
}

static int seg_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	uint64_t es = vol_vg_extent_size(o->vg);
	struct vol_seg_info s;

	if (vol_lv_segment(o->lv->lv, (size_t)o->seg, &s))
		return 0;
	switch ((enum seg_field)f->id) {
	case SEGTYPE: v->s = s.type; break;
	case STRIPES:
	case DATA_STRIPES: v->n = s.areas; break;
	case DATA_COPIES: v->n = is_raid1(&s) ? s.areas : 1; break;
	case PARITY_CHUNKS: v->n = 1; v->lit = !is_raid1(&s); break;
	case STRIPE_SIZE: v->n = s.stripe_size; break;
	case CHUNK_SIZE: v->n = vol_lv_snapshot_chunk_size(o->lv->lv); break;
	case REGION_SIZE: v->n = s.region_size; break;
	case SEG_START: v->n = s.start_extent * es; break;
	case SEG_START_PE: v->n = s.start_extent; break;
	case SEG_SIZE: v->n = s.extent_count * es; break;
	case SEG_SIZE_PE: v->n = s.extent_count; break;
	case SEG_MONITOR:	/* we never monitor; lvm2 says so of raid when monitoring is on */
		v->s = is_raid(&s) && cli_monitoring() ? "not monitored" : "";
		break;
	default: break;
	}
	return 0;
}

/* ---------------------------------------------------------------- areas */

/* How a list of areas is written. */
struct area_fmt {
	bool ranges;		/* NAME:FIRST-LAST, else NAME(FIRST) */
	bool meta;		/* raid1's metadata sub-LVs, else its data areas */
	bool brackets;		/* hidden sub-LVs in brackets */
	char sep;
};

/* One area of @lv's segment @seg: its name, first extent and length;
 * false if there is none. */
static bool area_item(const struct report_obj *o, uint32_t a, const struct area_fmt *af,
		      const char **name, uint64_t *first, uint64_t *len, bool *hidden)
{
	struct vol_vg *vg = vol_lv_vg(o->lv->lv);
	struct vol_area_info ar;
	struct vol_lv *sub;

	if (vol_lv_segment_area(o->lv->lv, (size_t)o->seg, a, &ar))
		return false;
	*name = af->meta ? ar.meta_lv_name : ar.pv_name ? ar.pv_name : ar.lv_name;
	*first = ar.pv_name ? ar.start : 0;
	*len = ar.count;
	*hidden = false;
	if (!*name)
		return false;
	if (!ar.pv_name && (sub = vol_vg_lv_by_name(vg, *name))) {
		*len = vol_lv_extent_count(sub);
		*hidden = !vol_lv_is_visible(sub);
	}
	return true;
}

static int area_list(const struct report_obj *o, const struct area_fmt *af, struct field_val *v)
{
	struct vol_seg_info s;
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	if (vol_lv_segment(o->lv->lv, (size_t)o->seg, &s) ||
	    (af->meta && (!is_raid1(&s) || o->lv->role)))
		return 0;
	if (!(f = open_memstream(&buf, &size)))
		return -ENOMEM;
	for (uint32_t a = 0, n = 0; a < s.areas; a++) {
		const char *name;
		uint64_t first, len;
		bool hidden;

		if (!area_item(o, a, af, &name, &first, &len, &hidden))
			continue;
		hidden &= af->brackets;
		fprintf(f, "%s%s%s%s", n++ ? (char[2]){ af->sep, 0 } : "", hidden ? "[" : "", name,
			hidden ? "]" : "");
		if (af->ranges)
			fprintf(f, ":%llu-%llu", (unsigned long long)first,
				(unsigned long long)(first + len - 1));
		else
			fprintf(f, "(%llu)", (unsigned long long)first);
	}
	if (ferror(f) | fclose(f) || !buf) {
		free(buf);
		return -ENOMEM;
	}
	v->s = v->own = buf;
	return 0;
}

static int areas_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	static const struct area_fmt fmts[] = {
		[SEG_PE_RANGES] = { true, false, false, ' ' },
		[SEG_LE_RANGES] = { true, false, true, ',' },
		[SEG_META_LE_RANGES] = { true, true, true, ',' },
		[DEVICES] = { false, false, false, ',' },
		[METADATA_DEVICES] = { false, true, false, ',' },
	};

	return area_list(o, &fmts[f->id], v);
}

/*
 * What lvm2 shows for the LV and segment fields of a free PV segment: the
 * values of an empty LV with no name.  A field not listed is blank.
 */
static const struct {
	const char *name;
	const char *text;	/* shown as is; NULL: the number */
	uint64_t n;
} free_vals[] = {
	{ "chunk_size", NULL, 0 }, { "data_stripes", NULL, 0 }, { "lv_size", NULL, 0 },
	{ "lv_read_ahead", NULL, 0 }, { "region_size", NULL, 0 }, { "seg_count", NULL, 0 },
	{ "stripe_size", NULL, 0 }, { "stripes", NULL, 0 }, { "parity_chunks", NULL, 4294967295u },
	{ "lv_kernel_major", NULL, (uint64_t)-1 }, { "lv_kernel_minor", NULL, (uint64_t)-1 },
	{ "lv_kernel_read_ahead", "-1", 0 }, { "lv_major", NULL, (uint64_t)-1 },
	{ "lv_minor", NULL, (uint64_t)-1 }, { "raidintegrityblocksize", NULL, (uint64_t)-1 },
	{ "writecache_block_size", NULL, (uint64_t)-1 },
	{ "lv_autoactivation", "enabled", 0 }, { "lv_role", "public", 0 },
	{ "lv_allocation_policy", "unknown", 0 },
	{ "lv_active", "unknown", 0 }, { "lv_active_exclusively", "unknown", 0 },
	{ "lv_active_locally", "unknown", 0 }, { "lv_active_remotely", "unknown", 0 },
	{ "lv_check_needed", "unknown", 0 }, { "lv_device_open", "unknown", 0 },
	{ "lv_inactive_table", "unknown", 0 }, { "lv_layout", "unknown", 0 },
	{ "lv_live_table", "unknown", 0 }, { "lv_merge_failed", "unknown", 0 },
	{ "lv_permissions", "unknown", 0 }, { "lv_snapshot_invalid", "unknown", 0 },
	{ "lv_suspended", "unknown", 0 }, { "zero", "unknown", 0 },
};

/* The paths of the nameless LV: "VG/", "/dev/VG/", "/dev/mapper/VG-" (dashes
 * doubled), the latter two empty outside a VG.  1 if @f is one of them. */
static int free_path(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	const char *vg = o->vg ? vol_vg_name(o->vg) : "";
	bool full = !strcmp(f->name, "lv_full_name"), dm = !strcmp(f->name, "lv_dm_path");
	char *p;

	if (!full && !dm && strcmp(f->name, "lv_path"))
		return 0;
	if (!full && !*vg)
		return 1;
	if (!(p = v->own = malloc(2 * strlen(vg) + 16)))
		return -ENOMEM;
	v->s = p;
	if (!dm) {
		sprintf(p, full ? "%s/" : "/dev/%s/", vg);
		return 1;
	}
	p += sprintf(p, "/dev/mapper/");
	for (const char *c = vg; *c; c++)
		*p++ = *c, *p = 0, p += *c == '-' ? sprintf(p, "-") : 0;
	sprintf(p, "-");
	return 1;
}

/*
 * Does device-mapper answer for @o's VG (as for its LV rows)?  lvm2's
 * stand-in LV of a free segment is never active: with activation its
 * lv_active is "" and its active_* flags are unset, without it they are
 * "unknown" (the table above, as on a host without device-mapper).  Asked
 * of the VG's first LV, once per VG; a VG with no LV counts as without.
 */
static bool free_activation(const struct report_obj *o)
{
	static const struct vol_vg *seen;
	static bool known;
	struct vol_lv_state st;
	struct vol_lv *lv;

	if (o->vg != seen) {
		seen = o->vg;
		lv = o->vg ? vol_vg_next_lv((struct vol_vg *)(uintptr_t)o->vg, NULL, 0) : NULL;
		known = lv && !vol_lv_state(lv, &st);
	}
	return known;
}

int seg_free_get(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	uint64_t es = o->vg ? vol_vg_extent_size(o->vg) : 0;
	int r;

	v->lit = false;
	if ((r = free_path(f, o, v)))
		return r < 0 ? r : 0;
	if (!strncmp(f->name, "lv_active", 9) && free_activation(o)) {
		v->s = "";
		v->b = false;
		return 0;
	}
	for (size_t i = 0; i < sizeof(free_vals) / sizeof(free_vals[0]); i++)
		if (!strcmp(f->name, free_vals[i].name)) {
			v->n = free_vals[i].n;
			v->s = free_vals[i].text ? free_vals[i].text : "";
			v->lit = free_vals[i].text != NULL;
			if (f->type == F_BOOL && v->lit && strcmp(v->s, "unknown"))
				v->b = true, v->lit = false;	/* a set flag */
			return 0;
		}
	if (!field_in(f, &seg_table)) {
		v->lit = f->type != F_BOOL;	/* no LV: blank, its flags unset */
		return 0;
	}
	switch ((enum seg_field)f->id) {
	case SEGTYPE: v->s = "free"; break;
	case SEG_START: case SEG_START_PE: v->n = 0; break;
	case SEG_SIZE: v->n = o->pe_len * es; break;
	case SEG_SIZE_PE: v->n = o->pe_len; break;
	default: v->lit = true; break;
	}
	return 0;
}

static const struct field seg_fields[SEG_NFIELDS] = { SEG_FIELDS(FIELD_DEF_G) };

const struct field_table seg_table = { "Logical Volume Segment", "seg", seg_fields, SEG_NFIELDS };
