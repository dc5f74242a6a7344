/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_TEXT_H
#define VOLUME_METADATA_TEXT_H

/*
 * Internal to metadata/: what the text importer, the exporter and the
 * segment-type handlers share.  Not for libvolume/ or cmd/, which use vg.h.
 *
 * Import reads every section through a key table (struct md_key): each
 * known key with its type, whether it is required and where it goes;
 * anything else is kept, in input order, for export to write back.
 */
#include <stddef.h>

#include "hash.h"
#include "vg.h"

/* ------------------------------------------------------------ import */

/* A key table's index of each atom (-1: not in the table). */
struct md_atom_map {
	const struct md_key *keys;
	uint64_t required;	/* bit i: keys[i] is required */
	int8_t idx[MD_ATOM_COUNT];
};

struct md_imp {
	struct md_arena *a;
	struct md_vg *vg;
	struct md_err *err;
	struct md_hmap pvnames;	/* pv section name -> index */
	struct md_hmap lvnames;	/* lv name -> index */
	struct md_atom_map maps[8];	/* of the key tables used so far */
	unsigned n_maps;
	const struct md_cfg_spans *spans;	/* where the LVs lie in the text, or NULL */
	size_t span_at;			/* the next span to look at */
	bool no_repairs;		/* the parser repaired no value (none to look for) */
};

/* Sets the error ("@why: @what in @obj", at @cn's line) and returns -EINVAL. */
int md_imp_bad(struct md_imp *im, const struct md_cn *cn, const char *why, const char *what,
	       const char *obj);
/* Typed values: -EINVAL (with the error set) when @cn is not one. */
int md_imp_int(struct md_imp *im, const struct md_cn *cn, const char *obj, int64_t min,
	       int64_t max, int64_t *out);
int md_imp_u64(struct md_imp *im, const struct md_cn *cn, const char *obj, uint64_t max,
	       uint64_t *out);
/* lvm2's 32-bit fields: any integer, its low 32 bits (4294967296 is 0, -1 is 4294967295). */
int md_imp_u32(struct md_imp *im, const struct md_cn *cn, const char *obj, uint32_t *out);
int md_imp_str(struct md_imp *im, const struct md_cn *cn, const char *obj, const char **out);
/* Append a copy of @cn to *@extra. */
int md_imp_keep(struct md_imp *im, struct md_cn **extra, const struct md_cn *cn);

enum md_key_type {
	MD_KEY_U32,	/* uint32_t, read as lvm2 reads 32 bits (md_imp_u32) */
	MD_KEY_U32W,	/* the same, into a uint64_t */
	MD_KEY_U64,	/* uint64_t, at most .max */
	MD_KEY_TIME,	/* uint64_t: any integer, as lvm2 casts it (-1 is 2^64 - 1) */
	MD_KEY_INT,	/* int64_t in [.min, .max] */
	MD_KEY_STR,	/* const char * */
	MD_KEY_ID,	/* char[MD_UUID_LEN + 1], hyphenated or raw in the text */
	MD_KEY_TAGS,	/* struct md_strv of strings (checked on write only) */
	MD_KEY_FLAGS,	/* struct md_flags of flag set .set */
	MD_KEY_NODE,	/* known; the section's own code reads the item */
	MD_KEY_FN,	/* .fn reads it */
};

struct md_section;

/* A known key of a section. */
struct md_key {
	const char *name;
	enum md_key_type type;
	bool required;
	size_t off;		/* offset of the field in the section's object (.dst) */
	int64_t min, max;	/* MD_KEY_INT: the range; MD_KEY_U64: the maximum */
	enum md_flag_set set;	/* MD_KEY_FLAGS */
	/* MD_KEY_FN: 0 when read, MD_KEY_KEEP to keep the item as unknown, or -errno */
	int (*fn)(struct md_imp *im, const struct md_cn *c, struct md_section *s);
};
#define MD_KEY_KEEP 1

/* One section being read: its items, its key table and where things go. */
struct md_section {
	const struct md_key *keys;
	unsigned n_keys;		/* at most 64 */
	const struct md_cn *items;	/* the first item */
	const struct md_cn *at;		/* the section node, for error lines; may be NULL */
	const char *obj;		/* names the object in errors */
	void *dst;			/* the object the keys are read into */
	void *aux;			/* for .fn readers */
	struct md_cn **extra;		/* unknown items are appended here; NULL: dropped */
	const struct md_cn *skip;	/* an item that is not a key (the VG in the header) */
	bool skip_sections;		/* subsections are not keys (an LV's segments) */
	uint64_t seen;			/* out: bit i set when keys[i] was read */
	const int8_t *map;		/* set by md_imp_section: the table's atom map, or NULL */
};

/*
 * Read every item of @s: a known key into @s->dst, anything else into
 * @s->extra.  A repeated key counts only the first time, as lvm2's lookups
 * find the first.  Then fails on the first missing required key, in table
 * order.
 */
int md_imp_section(struct md_imp *im, struct md_section *s);
/* Was the key @name of @s's table read? */
bool md_section_has(const struct md_section *s, const char *name);
/* The same for a key with an atom (MD_ATOM_x of @name): no lookup of the name. */
bool md_section_has_atom(const struct md_section *s, unsigned atom, const char *name);

/* md_vg_validate_read of a model the importer made: its LV names are known
 * to be unique already. */
int md_vg_validate_imported(const struct md_vg *vg, struct md_err *err);

/* A segment section (any type) into @seg; @obj is "lv/segmentN". */
int md_imp_seg(struct md_imp *im, const struct md_cn *sec, const char *obj,
	       struct md_seg *seg);

/* ------------------------------------------------------------ export */

struct md_fmt {
	struct md_buf *b;
	int indent;
	bool file;	/* the file form: indented, with comments */
	const struct md_export_opts *o;
	/* md_vg_export_body_from: the model and body text unchanged LVs are copied from */
	const struct md_vg *old;
	const char *old_text;
	size_t old_len;
	/* md_fmt_flags: the last rendering of each flag set ("[...]"), for the
	 * next object with the same words (every LV has much the same) */
	struct {
		uint32_t known;
		uint8_t len;	/* 0: none yet */
		char text[120];
	} flags_seen[MD_FS_COUNT];
};

#define MD_FMT_COMMENT_SIZE 64	/* the longest comment we compose, "# <date>" or "# <size>" */

/* One line, indented in the file form; @comment (or NULL) only in the file form. */
void md_fmt_line(struct md_fmt *f, const char *comment, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void md_fmt_nl(struct md_fmt *f);
/* "key = v", with @comment (or NULL) in the file form. */
void md_fmt_u64(struct md_fmt *f, const char *comment, const char *key, uint64_t v);
/* "key = v", with "# <size of @sectors>" in the file form (composed only there). */
void md_fmt_u64_size(struct md_fmt *f, const char *key, uint64_t v, uint64_t sectors);
void md_fmt_open(struct md_fmt *f, const char *name);	/* "name {" */
void md_fmt_close(struct md_fmt *f);			/* "}" */
/* "# 4 Megabytes" for a size in sectors, in @buf. */
const char *md_fmt_size(char *buf, size_t len, uint64_t sectors);
/* @s quoted and escaped in @q (md_buf_free it); NULL, with the error in @f, on ENOMEM. */
const char *md_fmt_quote(struct md_fmt *f, struct md_buf *q, const char *s);
/* key = "value" */
void md_fmt_quoted(struct md_fmt *f, const char *comment, const char *key, const char *val);
void md_fmt_flags(struct md_fmt *f, const char *key, enum md_flag_set set,
		  const struct md_flags *fl);
void md_fmt_tags(struct md_fmt *f, const struct md_strv *tags);	/* nothing when empty */
/* The kept unknown items of @cn's list: the values, or the subsections. */
void md_fmt_extra(struct md_fmt *f, const struct md_cn *cn, bool sections);
/* Seconds east of UTC for the date @t, from the options (the codec reads no zone). */
long md_fmt_utc_offset(const struct md_export_opts *o, uint64_t t);

/* ------------------------------------------------------------ segment types */

/*
 * Everything the codec knows about one segment type.  A new type is one
 * more of these, in its own seg_*.c file, listed in segtype.c; types kept
 * only verbatim can share the catch-all's functions.
 */
struct md_segtype_ops {
	const char *name;	/* the "type" word that selects it; NULL for the catch-all */
	enum md_segtype type;
	/* The segment section's key table, common keys (MD_SEG_COMMON_KEYS) included. */
	const struct md_key *keys;
	unsigned n_keys;
	bool keeps_section;	/* the section is kept whole (seg->raw), not its unknown keys */
	/* After the key table: what only the type checks and resolves (counts, areas, legs). */
	int (*import)(struct md_imp *im, const struct md_cn *sec, const char *obj,
		      struct md_seg *seg);
	/* The whole section, named @name ("segmentN"). */
	void (*export)(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
		       const char *name);
	/* Semantic checks of md_vg_validate (NULL: none). */
	int (*validate)(const struct md_vg *vg, const struct md_lv *lv, const struct md_seg *seg,
			struct md_err *err);
	/* The next PV area at or after *@pos (see md_pv_area_next); false at the end. */
	bool (*next_pv_area)(const struct md_seg *seg, uint32_t *pos, struct md_pv_area *out);
};

extern const struct md_segtype_ops md_segtype_striped;	/* seg_striped.c, linear included */
extern const struct md_segtype_ops md_segtype_raid1;	/* seg_raid1.c */
extern const struct md_segtype_ops md_segtype_unknown;	/* seg_unknown.c: kept verbatim */

/* The type a "type" word selects: an exact match, else the catch-all.  Never NULL. */
const struct md_segtype_ops *md_segtype_find(const char *type_name);
/* The handler of a segment of the model. */
const struct md_segtype_ops *md_segtype_of(const struct md_seg *seg);

#define MD_SEG_KEY(n, t, f, ...) \
	{ .name = n, .type = t, .off = offsetof(struct md_seg, f), __VA_ARGS__ }
/* Where a segment lies in its LV: the keys even an unknown type's section must have. */
#define MD_SEG_EXTENT_KEYS                                                                      \
	MD_SEG_KEY("start_extent", MD_KEY_U32W, start_extent, .required = true),                 \
	MD_SEG_KEY("extent_count", MD_KEY_U32W, extent_count, .required = true)
/* The keys of every known type; "type" is read first, to choose the table. */
#define MD_SEG_COMMON_KEYS                                                                      \
	MD_SEG_EXTENT_KEYS, { .name = "type", .type = MD_KEY_NODE },                             \
	MD_SEG_KEY("tags", MD_KEY_TAGS, tags)

/* What every known type writes first: extents, type and tags; and last: kept subsections. */
void md_fmt_seg_head(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
		     const char *name);
void md_fmt_seg_tail(struct md_fmt *f, const struct md_seg *seg);
/*
 * The next entry of seg->areas[0, stripe_count) on a PV, at or after *@pos,
 * each @len extents long: the walk striped and unknown segments share.
 */
bool md_seg_next_area(const struct md_seg *seg, uint32_t *pos, uint64_t len, bool whole_segment,
		      struct md_pv_area *out);

#endif
