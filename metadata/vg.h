/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_VG_H
#define VOLUME_METADATA_VG_H

/*
 * The volume-group model: what a metadata text means.  Import turns a
 * parsed config tree into this model and export turns it back into text.
 * Everything not understood (unknown keys, unknown segment types, unknown
 * flag words) is kept as config nodes or strings and written back as read.
 * All memory comes from the model's arena.
 */
#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "disk.h"

#define MD_NAME_LEN 128		/* NAME_LEN: names are at most 127 chars */
#define MD_MAX_STRIPES 128
#define MD_RAID_MAX_LEGS 64	/* lvm2's DEFAULT_RAID_MAX_IMAGES */
#define MD_MAJOR_MAX 4095	/* Linux dev_t: 12-bit major, */
#define MD_MINOR_MAX ((1 << 20) - 1)	/* 20-bit minor */
#define MD_SECTORS_MAX (UINT64_MAX >> 9)	/* a size in sectors whose bytes fit 64 bits */
#define MD_FLAG_BITS 32	/* bits of md_flags.known */

/* Flag words.  The bit order is the order lvm2 writes them in. */
enum md_flag_set {
	MD_FS_VG_STATUS, MD_FS_VG_FLAGS,
	MD_FS_PV_STATUS, MD_FS_PV_FLAGS,
	MD_FS_LV_STATUS, MD_FS_LV_FLAGS,
	MD_FS_COUNT
};

enum {	/* VG status */
	MD_VG_EXPORTED = 1u << 0, MD_VG_RESIZEABLE = 1u << 1, MD_VG_PVMOVE = 1u << 2,
	MD_VG_READ = 1u << 3, MD_VG_WRITE = 1u << 4, MD_VG_CLUSTERED = 1u << 5,
	MD_VG_SHARED = 1u << 6,
};
enum {	/* VG flags */
	MD_VGF_WRITE_LOCKED = 1u << 0, MD_VGF_NOAUTOACTIVATE = 1u << 1,
};
enum {	/* PV status */
	MD_PV_ALLOCATABLE = 1u << 0, MD_PV_EXPORTED = 1u << 1, MD_PV_MISSING = 1u << 2,
};
enum {	/* PV flags */
	MD_PVF_MISSING = 1u << 0,
};
enum {	/* LV status */
	MD_LV_READ = 1u << 0, MD_LV_WRITE = 1u << 1, MD_LV_FIXED_MINOR = 1u << 2,
	MD_LV_VISIBLE = 1u << 3, MD_LV_PVMOVE = 1u << 4, MD_LV_LOCKED = 1u << 5,
	MD_LV_NOTSYNCED = 1u << 6, MD_LV_REBUILD = 1u << 7, MD_LV_WRITEMOSTLY = 1u << 8,
};
enum {	/* LV flags */
	MD_LVF_WRITE_LOCKED = 1u << 0, MD_LVF_ACTIVATION_SKIP = 1u << 1,
	MD_LVF_NOAUTOACTIVATE = 1u << 2, MD_LVF_ERROR_WHEN_FULL = 1u << 3,
	MD_LVF_CACHE_VOL = 1u << 4,
};

struct md_flags {
	uint32_t known;
	const char **unknown;	/* words we do not understand, in input order */
	uint32_t n_unknown;
};

struct md_strv {
	const char **v;
	uint32_t n;
	uint32_t cap;	/* slots of v; md_strv_add grows it (0: v holds exactly n) */
};

struct md_pv {
	const char *name;	/* section name, e.g. "pv0" */
	char id[MD_UUID_LEN + 1];
	const char *device;	/* last known path: a hint only; may be NULL */
	struct md_flags status, flags;
	struct md_strv tags;
	uint64_t dev_size;	/* sectors; 0 when absent */
	uint64_t pe_start;	/* sectors */
	uint64_t pe_count;
	uint64_t ba_start, ba_size;	/* sectors; both 0 when absent */
	struct md_cn *extra;	/* unknown keys */
};

enum md_segtype { MD_SEG_STRIPED, MD_SEG_RAID1, MD_SEG_OTHER };

/* An area of a striped segment: a run of extents on a PV, or on an LV. */
struct md_area_ref {
	int32_t pv;		/* index into vg->pvs, or -1 */
	int32_t lv;		/* index into vg->lvs, or -1 */
	uint64_t start;		/* first PE (or LE) */
};

struct md_raid_pair {
	int32_t meta;		/* LV index, or -1 */
	int32_t image;		/* LV index */
};

struct md_seg {
	uint64_t start_extent, extent_count;
	enum md_segtype type;
	const char *type_name;	/* as written, flags included */
	struct md_strv tags;
	/* striped */
	uint32_t stripe_count;
	uint64_t stripe_size;	/* sectors, 0 when stripe_count == 1; raid1: 0 when absent */
	struct md_area_ref *areas;
	/* raid1 (lvm2's raid keys; written, as lvm2 does, only when non-zero) */
	uint32_t device_count;
	bool legs_as_stripe_count;	/* the text named it stripe_count */
	uint64_t region_size;	/* sectors */
	uint32_t writebehind;	/* writes outstanding to write-mostly legs; 0 = off */
	uint32_t min_recovery_rate, max_recovery_rate;	/* KiB/s per device; 0 = default */
	bool has_data_offset;	/* written back as read, 0 included */
	uint32_t data_offset;	/* sectors before the data on each image (reshape) */
	struct md_raid_pair *pairs;
	/* every segment */
	struct md_cn *extra;	/* unknown keys of a known type */
	struct md_cn *raw;	/* MD_SEG_OTHER: the whole section, verbatim */
};

struct md_lv {
	const char *name;
	char id[MD_UUID_LEN + 1];
	struct md_flags status, flags;
	struct md_strv tags;
	uint64_t creation_time;
	/*
	 * Set on import when the text's creation_time was beyond 64 bits (lvm2
	 * wrote 18446744073709551615 for a -1 it was given): creation_time is
	 * then MD_CREATION_TIME_SUBSTITUTE, as lvm2 reads it, and the next
	 * write writes that.
	 */
	bool creation_time_repaired;
	const char *creation_host;	/* NULL when there is no creation info */
	const char *alloc_policy;
	bool has_read_ahead;
	int64_t read_ahead;	/* sectors, -1 = none */
	int64_t major, minor;	/* -1 when absent */
	struct md_seg *segs;
	uint32_t n_segs;
	struct md_cn *extra;
	/*
	 * Set by md_vg_import: where the LV's section lay in the text, from its
	 * name to its '}' (text_len 0: unknown).  An export given that text
	 * copies the section of an LV that did not change (md_vg_export_body_from).
	 */
	size_t text_off, text_len;
};

struct md_vg {
	struct md_arena *arena;
	const char *name;
	char id[MD_UUID_LEN + 1];
	uint32_t seqno;
	const char *format;
	struct md_flags status, flags;
	struct md_strv tags;
	const char *system_id;
	uint64_t extent_size;	/* sectors */
	uint32_t max_lv, max_pv;
	const char *alloc_policy;
	bool has_metadata_copies;
	uint32_t metadata_copies;
	struct md_pv *pvs;
	uint32_t n_pvs, cap_pvs;
	struct md_lv *lvs;
	uint32_t n_lvs, cap_lvs;
	struct md_cn *extra;	/* unknown VG keys and sections */
	/* the header block */
	const char *description;
	const char *creation_host;
	uint64_t creation_time;
	struct md_cn *header_extra;
	/* set on import: unknown status words make the VG read-only */
	bool read_only;
	/*
	 * Set on import when some integer under a key named creation_time (an
	 * LV's, the header's, or one in a section kept unknown) was beyond 64
	 * bits and was read as MD_CREATION_TIME_SUBSTITUTE, as lvm2 does.
	 * lvm2 then warns "Invalid creation_time found in metadata (repaired
	 * with next metadata update)." once per text.
	 */
	bool creation_time_repaired;
	/*
	 * Set by md_vg_import: where the VG section lies in the text, from its
	 * name to its closing brace (body_len 0 when unknown), so that the text
	 * can serve again as the body of an archive (md_vg_export_body).
	 */
	size_t body_off, body_len;
};

/*
 * Import: text -> model, reading whatever lvm2 2.03 reads (see
 * md_vg_validate_read), md_vg_validate_read included.
 */
int md_vg_import(struct md_arena *a, const char *text, size_t len, struct md_vg **out,
		 struct md_err *err);
/* The same; with @drop (the malloc'd text), the text is freed (and *@drop
 * set to NULL) as soon as it is parsed, before the model is made. */
int md_vg_import_text(struct md_arena *a, const char *text, size_t len, char **drop,
		      struct md_vg **out, struct md_err *err);
int md_vg_import_tree(struct md_arena *a, const struct md_cn *root, struct md_vg **out,
		      struct md_err *err);
/*
 * Semantic checks before a write: the VG name, ids, references, extents
 * tiling and overlap, and what lvm2's vg_validate refuses to write: LV
 * names (md_name_check, and "vg/lv" under 127 characters) and the
 * characters of VG, PV and LV tags (md_tag_check).
 */
int md_vg_validate(const struct md_vg *vg, struct md_err *err);
/* The same checks without the LV names and tags, which lvm2 reads as they are. */
int md_vg_validate_read(const struct md_vg *vg, struct md_err *err);

enum md_form { MD_FORM_DISK, MD_FORM_FILE };

struct md_export_opts {
	const char *generator;	/* "libvolume 0.1.0" */
	const char *description;
	const char *host;	/* nodename */
	const char *uname;	/* "sysname nodename release version machine" */
	uint64_t time;		/* seconds since the epoch */
	/*
	 * The dates in the text (the "Generated by" line, the creation_time
	 * comments) are local time, and the codec looks up no time zone: they
	 * are written at utc_offset seconds east of UTC (struct tm's
	 * tm_gmtoff), or, when utc_offset_at is set, at the offset it returns
	 * for each instant, as zones with daylight saving time need for LVs
	 * created in another season.  Zero-initialised options write UTC.
	 */
	long utc_offset;
	long (*utc_offset_at)(uint64_t t);
};

/*
 * Export: model -> text.  MD_FORM_DISK puts the VG section first and
 * leaves the terminating NUL to the caller; MD_FORM_FILE puts the header
 * first, indents, and adds comments.  Returns 0 or -ENOMEM.
 */
int md_vg_export(const struct md_vg *vg, enum md_form form, const struct md_export_opts *o,
		 struct md_buf *out);
/*
 * The two parts, for writing one export to several places: the VG section
 * in the disk form (body), and the header in either form.  The disk text
 * is body + MD_FORM_DISK header; a file made of the MD_FORM_FILE header +
 * the body reads as the same VG (only the layout differs from the file form).
 */
int md_vg_export_body(const struct md_vg *vg, struct md_buf *out);
/*
 * The same, copying the section of every LV that is as it was in @old
 * (same name, id, keys, segments and areas, compared in full) from @text,
 * the text @old was imported from (text_off, text_len), rather than writing
 * it anew: at a change of one LV of many, the others cost a copy each.
 * @text NULL: md_vg_export_body.
 */
int md_vg_export_body_from(const struct md_vg *vg, const struct md_vg *old, const char *text,
			   size_t text_len, struct md_buf *out);
/* Are LV @a of @va and LV @b of @vb alike in every part a text of them shows? */
bool md_lv_same(const struct md_vg *va, const struct md_lv *a, const struct md_vg *vb,
		const struct md_lv *b);
int md_vg_export_header(enum md_form form, const struct md_export_opts *o, struct md_buf *out);

/* Flag helpers */
const char *md_flag_name(enum md_flag_set set, unsigned bit);
int md_flag_bit(enum md_flag_set set, const char *word);	/* -1 if unknown */

/* Names and tags (lvm2's rules). */
int md_name_check(const char *name, const char **why);
/* A tag lvm2 writes: 1 or more of A-Z a-z 0-9 . _ - + / = ! : & # (any length). */
int md_tag_check(const char *tag, const char **why);
/* Is @name reserved for lvm2's own LVs?  *why: the reserved prefix ("snapshot",
 * "pvmove") or part ("_rimage", ...) it has.  Checked in lvm2's order. */
bool md_lv_name_reserved(const char *name, const char **why);

/* Model editing helpers, all allocating from vg->arena. */
struct md_vg *md_vg_new(struct md_arena *a);
struct md_pv *md_vg_add_pv(struct md_vg *vg);	/* appended, zeroed, named pvN */
/* Appended, zeroed, named @name (kept, not copied): for the importer. */
struct md_pv *md_vg_add_pv_named(struct md_vg *vg, const char *name);
struct md_lv *md_vg_add_lv(struct md_vg *vg);
/* Room for @n LVs in all, so that adding them copies nothing. */
int md_vg_reserve_lvs(struct md_vg *vg, uint32_t n);
void md_vg_del_pv(struct md_vg *vg, uint32_t idx);	/* fixes area references */
/* Removes LV @idx; references to later LVs are renumbered, references to it become -1. */
void md_vg_del_lv(struct md_vg *vg, uint32_t idx);
int md_strv_add(struct md_arena *a, struct md_strv *sv, const char *s);
bool md_strv_has(const struct md_strv *sv, const char *s);
bool md_strv_del(struct md_strv *sv, const char *s);
int32_t md_vg_find_pv(const struct md_vg *vg, const char *raw_id);
int32_t md_vg_find_lv(const struct md_vg *vg, const char *name);
/* The first status word of the VG, a PV or an LV that lvm2 would not know
 * (lvm2 then refuses the whole VG), or NULL. */
const char *md_vg_unknown_status(const struct md_vg *vg);
/* Extents of PV @pv used by any LV (segments of unknown types counted conservatively). */
uint64_t md_pv_used_extents(const struct md_vg *vg, uint32_t pv);
/* Highest used PE + 1 on PV @pv (0 if unused). */
/* The free extents of all PVs: what md_pv_used_extents leaves, in one pass over the LVs. */
uint64_t md_vg_free_extents(const struct md_vg *vg);
uint64_t md_pv_used_end(const struct md_vg *vg, uint32_t pv);
/* Extents of @lv: where its last segment ends. */
uint64_t md_lv_extents(const struct md_lv *lv);

/* A run of physical extents that a segment places on a PV. */
struct md_pv_area {
	uint32_t pv;		/* index into vg->pvs */
	uint64_t start;		/* first PE */
	uint64_t len;		/* extents */
	uint32_t slot;		/* its entry in seg->areas, for callers that edit the reference */
	bool whole_segment;	/* unknown type: len is the segment's extent_count, a bound */
};

struct md_pv_area_iter {
	const struct md_seg *seg;
	uint32_t pos;
};

/*
 * The PV areas of one segment, in seg->areas order.  What each type yields:
 *  - striped (linear included): each stripe that lies on a PV, extent_count /
 *    stripe_count extents long; stripes on LVs are not PV areas.
 *  - raid1: nothing.  A raid1 segment names its legs' sub-LVs (rimage/rmeta);
 *    their own striped segments carry the PV areas, so walking every LV's
 *    segments counts each extent once.
 *  - unknown types: each "pvN", PE pair found in the section on import,
 *    as long as the whole segment (whole_segment set): an upper bound that
 *    keeps allocation off them, too rough for overlap checks.
 * Usage:
 *	struct md_pv_area_iter it;
 *	struct md_pv_area a;
 *
 *	md_seg_for_each_pv_area(seg, &it, &a)
 *		if (a.pv == pv)
 *			used += a.len;
 */
void md_pv_area_iter_init(struct md_pv_area_iter *it, const struct md_seg *seg);
bool md_pv_area_next(struct md_pv_area_iter *it, struct md_pv_area *out);
#define md_seg_for_each_pv_area(seg, it, area) \
	for (md_pv_area_iter_init((it), (seg)); md_pv_area_next((it), (area));)
/* Does LV @lv have an area of its own on PV @pv (as above: not through sub-LVs)? */
bool md_lv_uses_pv(const struct md_vg *vg, uint32_t lv, uint32_t pv);
/* Deep copy into another arena. */
struct md_vg *md_vg_clone(struct md_arena *a, const struct md_vg *vg);
/*
 * A copy of @vg's arrays (PVs, LVs, segments, areas, tags, flag words) into
 * @a, sharing its strings and kept nodes, which no edit changes in place:
 * @vg's arena must outlive the copy (md_arena_ref).  Much cheaper than
 * md_vg_clone for a VG of many LVs.
 */
struct md_vg *md_vg_clone_shared(struct md_arena *a, const struct md_vg *vg);

#endif
