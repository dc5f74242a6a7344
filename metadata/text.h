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
#include "hash.h"
#include "vg.h"

/* ------------------------------------------------------------ import */

struct md_imp {
	struct md_arena *a;
	struct md_vg *vg;
	struct md_err *err;
	struct md_hmap pvnames;	/* pv section name -> index */
	struct md_hmap lvnames;	/* lv name -> index */
};

/* Sets the error ("@why: @what in @obj", at @cn's line) and returns -EINVAL. */
int md_imp_bad(struct md_imp *im, const struct md_cn *cn, const char *why, const char *what,
	       const char *obj);
/* Typed values: -EINVAL (with the error set) when @cn is not one. */
int md_imp_int(struct md_imp *im, const struct md_cn *cn, const char *obj, int64_t min,
	       int64_t max, int64_t *out);
int md_imp_u64(struct md_imp *im, const struct md_cn *cn, const char *obj, uint64_t max,
	       uint64_t *out);
int md_imp_u32(struct md_imp *im, const struct md_cn *cn, const char *obj, uint32_t *out);
int md_imp_str(struct md_imp *im, const struct md_cn *cn, const char *obj, const char **out);
/* Append a copy of @cn to *@extra. */
int md_imp_keep(struct md_imp *im, struct md_cn **extra, const struct md_cn *cn);

enum md_key_type {
	MD_KEY_U32,	/* uint32_t */
	MD_KEY_U64,	/* uint64_t, at most .max */
	MD_KEY_INT,	/* int64_t in [.min, .max] */
	MD_KEY_STR,	/* const char * */
	MD_KEY_ID,	/* char[MD_UUID_LEN + 1], hyphenated or raw in the text */
	MD_KEY_TAGS,	/* struct md_strv of valid tags */
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

/* A segment section (any type) into @seg; @obj is "lv/segmentN". */
int md_imp_seg(struct md_imp *im, const struct md_cn *sec, const char *obj,
	       struct md_seg *seg);

#endif
