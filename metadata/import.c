/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Text -> model.  Each known key is read with its type checked; unknown
 * keys are kept in ->extra, unknown segment types in ->raw, unknown flag
 * words in md_flags.unknown.  Errors name the key and the object.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define CONTENTS_VALUE "Text Format Volume Group"

/* ------------------------------------------------------------ key tables */

#define VG_KEY(n, t, f, ...) { .name = n, .type = t, .off = offsetof(struct md_vg, f), __VA_ARGS__ }
#define PV_KEY(n, t, f, ...) { .name = n, .type = t, .off = offsetof(struct md_pv, f), __VA_ARGS__ }
#define LV_KEY(n, t, f, ...) { .name = n, .type = t, .off = offsetof(struct md_lv, f), __VA_ARGS__ }

static int read_contents(struct md_imp *im, const struct md_cn *c, struct md_section *s)
{
	const char *v;
	int r = md_imp_str(im, c, s->obj, &v);

	if (!r && strcmp(v, CONTENTS_VALUE))
		r = md_imp_bad(im, c, "not a volume group text", c->key, s->obj);
	return r;
}

static int read_version(struct md_imp *im, const struct md_cn *c, struct md_section *s)
{
	int64_t ver;
	int r = md_imp_int(im, c, s->obj, 0, INT32_MAX, &ver);

	if (!r && ver != 1)
		r = md_imp_bad(im, c, "unsupported format version", c->key, s->obj);
	return r;
}

/* The top-level keys around the VG section. */
static const struct md_key header_keys[] = {
	{ .name = "contents", .type = MD_KEY_FN, .required = true, .fn = read_contents },
	{ .name = "version", .type = MD_KEY_FN, .required = true, .fn = read_version },
	VG_KEY("description", MD_KEY_STR, description),
	VG_KEY("creation_host", MD_KEY_STR, creation_host),
	VG_KEY("creation_time", MD_KEY_TIME, creation_time),
};

static const struct md_key vg_keys[] = {
	VG_KEY("id", MD_KEY_ID, id, .required = true),
	VG_KEY("seqno", MD_KEY_U32, seqno, .required = true),
	VG_KEY("format", MD_KEY_STR, format),
	VG_KEY("status", MD_KEY_FLAGS, status, .required = true, .set = MD_FS_VG_STATUS),
	VG_KEY("flags", MD_KEY_FLAGS, flags, .set = MD_FS_VG_FLAGS),
	VG_KEY("tags", MD_KEY_TAGS, tags),
	VG_KEY("system_id", MD_KEY_STR, system_id),
	VG_KEY("extent_size", MD_KEY_U32W, extent_size, .required = true),
	VG_KEY("max_lv", MD_KEY_U32, max_lv, .required = true),
	VG_KEY("max_pv", MD_KEY_U32, max_pv, .required = true),
	VG_KEY("allocation_policy", MD_KEY_STR, alloc_policy),
	VG_KEY("metadata_copies", MD_KEY_U32, metadata_copies),
	{ .name = "physical_volumes", .type = MD_KEY_NODE },
	{ .name = "logical_volumes", .type = MD_KEY_NODE },
};

static const struct md_key pv_keys[] = {
	PV_KEY("id", MD_KEY_ID, id, .required = true),
	PV_KEY("device", MD_KEY_STR, device),
	PV_KEY("status", MD_KEY_FLAGS, status, .required = true, .set = MD_FS_PV_STATUS),
	PV_KEY("flags", MD_KEY_FLAGS, flags, .set = MD_FS_PV_FLAGS),
	PV_KEY("tags", MD_KEY_TAGS, tags),
	PV_KEY("dev_size", MD_KEY_U64, dev_size, .max = MD_SECTORS_MAX),
	PV_KEY("pe_start", MD_KEY_U64, pe_start, .required = true, .max = MD_SECTORS_MAX),
	PV_KEY("pe_count", MD_KEY_U32W, pe_count, .required = true),
	PV_KEY("ba_start", MD_KEY_U64, ba_start, .max = MD_SECTORS_MAX),
	PV_KEY("ba_size", MD_KEY_U64, ba_size, .max = MD_SECTORS_MAX),
};

/* segment_count is no field of the model: it goes to the caller's counter (aux). */
static int read_segment_count(struct md_imp *im, const struct md_cn *c, struct md_section *s)
{
	uint32_t n;
	int r = md_imp_u32(im, c, s->obj, &n);

	if (!r)
		*(int64_t *)s->aux = n;
	return r;
}

static const struct md_key lv_keys[] = {
	LV_KEY("id", MD_KEY_ID, id, .required = true),
	LV_KEY("status", MD_KEY_FLAGS, status, .required = true, .set = MD_FS_LV_STATUS),
	LV_KEY("flags", MD_KEY_FLAGS, flags, .set = MD_FS_LV_FLAGS),
	LV_KEY("tags", MD_KEY_TAGS, tags),
	LV_KEY("creation_time", MD_KEY_TIME, creation_time),
	LV_KEY("creation_host", MD_KEY_STR, creation_host),
	LV_KEY("allocation_policy", MD_KEY_STR, alloc_policy),
	LV_KEY("read_ahead", MD_KEY_INT, read_ahead, .min = -1, .max = UINT32_MAX),
	LV_KEY("major", MD_KEY_INT, major, .min = 0, .max = MD_MAJOR_MAX),
	LV_KEY("minor", MD_KEY_INT, minor, .min = 0, .max = MD_MINOR_MAX),
	{ .name = "segment_count", .type = MD_KEY_FN, .required = true, .fn = read_segment_count },
};

#define N_KEYS(t) (unsigned)(sizeof(t) / sizeof((t)[0]))

/* ------------------------------------------------------------ sections */

/* Was an integer of @cn read as lvm2's creation_time substitute (config.h)? */
static bool repaired(const struct md_cn *cn)
{
	for (const struct md_cv *v = cn ? cn->v : NULL; v; v = v->next)
		if (v->repaired)
			return true;
	return false;
}

/* Anywhere in the text, as lvm2 warns for any: header, LVs, unknown sections. */
/* WRITE_LOCKED (a VG with a system ID, as lvm2 writes it) is WRITE. */
static void unlock_write(struct md_flags *status, struct md_flags *flags, uint32_t write,
			 uint32_t write_locked)
{
	if (flags->known & write_locked) {
		status->known |= write;
		flags->known &= ~write_locked;
	}
}

static bool text_repaired(const struct md_cn *root)
{
	for (const struct md_cn *top = root; top; top = top->next) {
		unsigned depth = 0;

		for (const struct md_cn *c = top; c; c = md_cn_walk(c, &depth))
			if (repaired(c))
				return true;
	}
	return false;
}

static int import_pv(struct md_imp *im, const struct md_cn *sec, struct md_pv *pv)
{
	struct md_section s = { .keys = pv_keys, .n_keys = N_KEYS(pv_keys), .items = sec->child,
				.at = sec, .obj = sec->key, .dst = pv, .extra = &pv->extra };
	int r;

	if (!sec->section)
		return md_imp_bad(im, sec, "expected a section", sec->key, "physical_volumes");
	pv->name = sec->key;
	if ((r = md_imp_section(im, &s)))
		return r;
	if (md_section_has(&s, "ba_start") != md_section_has(&s, "ba_size"))
		return md_imp_bad(im, sec, "ba_start and ba_size must come together", "ba_start",
				  s.obj);
	return 0;
}

static int import_pvs(struct md_imp *im, const struct md_cn *sec)
{
	uint32_t n = 0;
	int r;

	if (!sec->section)
		return md_imp_bad(im, sec, "expected a section", sec->key, im->vg->name);
	for (const struct md_cn *c = sec->child; c; c = c->next)
		n++;
	if ((r = md_hmap_init(&im->pvnames, n)))
		return r;
	for (const struct md_cn *c = sec->child; c; c = c->next) {
		struct md_pv *pv = md_vg_add_pv_named(im->vg, c->key);

		if (!pv)
			return -ENOMEM;
		if ((r = import_pv(im, c, pv)))
			return r;
		if (md_hmap_put(&im->pvnames, pv->name, (int32_t)(im->vg->n_pvs - 1)) >= 0)
			return md_imp_bad(im, c, "duplicate physical volume section", c->key,
					  "physical_volumes");
	}
	return 0;
}

/* An LV's keys; its subsections are its segments, counted into *@nsegs. */
static int import_lv_keys(struct md_imp *im, const struct md_cn *sec, struct md_lv *lv,
			  uint32_t *nsegs)
{
	int64_t segcount = -1;
	bool has_time;
	struct md_section s = { .keys = lv_keys, .n_keys = N_KEYS(lv_keys), .items = sec->child,
				.at = sec, .obj = sec->key, .dst = lv, .aux = &segcount,
				.extra = &lv->extra, .skip_sections = true };
	int r;

	*nsegs = 0;
	for (const struct md_cn *c = sec->child; c; c = c->next)
		*nsegs += c->section;
	lv->major = lv->minor = -1;
	if ((r = md_imp_section(im, &s)))
		return r;
	lv->has_read_ahead = md_section_has_atom(&s, MD_ATOM_read_ahead, "read_ahead");
	has_time = md_section_has_atom(&s, MD_ATOM_creation_time, "creation_time");
	lv->creation_time_repaired = has_time && !im->no_repairs &&
				     repaired(md_cn_find(sec->child, "creation_time"));
	if (has_time != (lv->creation_host != NULL))
		return md_imp_bad(im, sec, "creation_time and creation_host must come together",
				  "creation_time", s.obj);
	if (segcount != *nsegs)
		return md_imp_bad(im, sec, "segment_count and the number of segments disagree",
				  "segment_count", s.obj);
	return 0;
}

/* "lv/segmentN" into @buf (truncated to fit), without printf: once per segment. */
static void seg_obj(char *buf, size_t size, const char *lv, const char *seg)
{
	size_t a = strlen(lv), b = strlen(seg);

	if (a + b + 2 > size) {
		snprintf(buf, size, "%s/%s", lv, seg);
		return;
	}
	memcpy(buf, lv, a);
	buf[a] = '/';
	memcpy(buf + a + 1, seg, b + 1);
}

static int import_lv(struct md_imp *im, const struct md_cn *sec, struct md_lv *lv)
{
	uint32_t nsegs, s = 0;
	int r;

	if ((r = import_lv_keys(im, sec, lv, &nsegs)))
		return r;
	lv->segs = md_arena_alloc(im->a, nsegs * sizeof(*lv->segs));
	if (!lv->segs)
		return -ENOMEM;
	lv->n_segs = nsegs;
	for (const struct md_cn *sc = sec->child; sc; sc = sc->next) {
		char obj[2 * MD_NAME_LEN + 2];

		if (!sc->section)
			continue;
		seg_obj(obj, sizeof(obj), lv->name, sc->key);
		if ((r = md_imp_seg(im, sc, obj, &lv->segs[s++])))
			return r;
	}
	return 0;
}

/* Where the parser saw LV section @c (spans come in text order). */
static void lv_span(struct md_imp *im, const struct md_cn *c, struct md_lv *lv)
{
	const struct md_cfg_spans *s = im->spans;

	for (; s && im->span_at < s->n; im->span_at++)
		if (s->v[im->span_at].cn == c) {
			if (s->v[im->span_at].end > s->v[im->span_at].start) {
				lv->text_off = s->v[im->span_at].start;
				lv->text_len = s->v[im->span_at].end - s->v[im->span_at].start;
			}
			return;
		}
}

static int import_lvs(struct md_imp *im, const struct md_cn *sec)
{
	uint32_t n = 0, i = 0;
	int r;

	if (!sec->section)
		return md_imp_bad(im, sec, "expected a section", sec->key, im->vg->name);
	for (const struct md_cn *c = sec->child; c; c = c->next)
		n++;
	if ((r = md_hmap_init(&im->lvnames, n)) || (r = md_vg_reserve_lvs(im->vg, n)))
		return r;
	/* First every name, so segments can refer to LVs defined later. */
	for (const struct md_cn *c = sec->child; c; c = c->next) {
		struct md_lv *lv;

		if (!c->section)
			return md_imp_bad(im, c, "expected a section", c->key, "logical_volumes");
		if (!(lv = md_vg_add_lv(im->vg)))
			return -ENOMEM;
		lv->name = c->key;
		if (md_hmap_put(&im->lvnames, lv->name, (int32_t)(im->vg->n_lvs - 1)) >= 0)
			return md_imp_bad(im, c, "duplicate logical volume", c->key,
					  "logical_volumes");
	}
	for (const struct md_cn *c = sec->child; c; c = c->next, i++) {
		if ((r = import_lv(im, c, &im->vg->lvs[i])))
			return r;
		lv_span(im, c, &im->vg->lvs[i]);
	}
	return 0;
}

static int import_vg_keys(struct md_imp *im, const struct md_cn *sec)
{
	struct md_vg *vg = im->vg;
	struct md_section s = { .keys = vg_keys, .n_keys = N_KEYS(vg_keys), .items = sec->child,
				.at = sec, .obj = vg->name, .dst = vg, .extra = &vg->extra };
	const struct md_cn *pvs, *lvs;
	int r;

	if ((r = md_imp_section(im, &s)))
		return r;
	vg->has_metadata_copies = md_section_has(&s, "metadata_copies");
	pvs = md_cn_find(sec->child, "physical_volumes");
	lvs = md_cn_find(sec->child, "logical_volumes");
	if (!pvs)
		return md_imp_bad(im, sec, "missing required section", "physical_volumes", s.obj);
	if ((r = import_pvs(im, pvs)))
		return r;
	if (lvs)
		return import_lvs(im, lvs);
	return md_hmap_init(&im->lvnames, 0);
}

static int import_header(struct md_imp *im, const struct md_cn *root, const struct md_cn *vgsec)
{
	struct md_section s = { .keys = header_keys, .n_keys = N_KEYS(header_keys),
				.items = root, .at = NULL, .obj = "the header", .dst = im->vg,
				.extra = &im->vg->header_extra, .skip = vgsec };

	return md_imp_section(im, &s);
}

static int import_tree(struct md_arena *a, const struct md_cn *root, struct md_vg **out,
		       struct md_err *err, int repaired, const struct md_cfg_spans *spans);

int md_vg_import_tree(struct md_arena *a, const struct md_cn *root, struct md_vg **out,
		      struct md_err *err)
{
	return import_tree(a, root, out, err, -1, NULL);
}

/* @repaired: 1 or 0 when the parser told, -1 to look through the tree. */
static int import_tree(struct md_arena *a, const struct md_cn *root, struct md_vg **out,
		       struct md_err *err, int repaired, const struct md_cfg_spans *spans)
{
	struct md_imp im = { .a = a, .err = err, .spans = spans, .no_repairs = !repaired };
	const struct md_cn *vgsec = NULL;
	const char *why;
	int r;

	*out = NULL;
	for (const struct md_cn *c = root; c; c = c->next)
		if (c->section) {
			vgsec = c;
			break;
		}
	if (!vgsec) {
		md_err_set(err, 0, "no volume group section", NULL);
		return -EINVAL;
	}
	if (md_name_check(vgsec->key, &why)) {
		md_err_set(err, vgsec->line, why, "volume group name \"%.64s\"", vgsec->key);
		return -EINVAL;
	}
	if (!(im.vg = md_vg_new(a)))
		return -ENOMEM;
	im.vg->name = vgsec->key;
	r = import_header(&im, root, vgsec);
	if (!r)
		r = import_vg_keys(&im, vgsec);
	if (!r) {
		unlock_write(&im.vg->status, &im.vg->flags, MD_VG_WRITE, MD_VGF_WRITE_LOCKED);
		for (uint32_t i = 0; i < im.vg->n_lvs; i++)
			unlock_write(&im.vg->lvs[i].status, &im.vg->lvs[i].flags, MD_LV_WRITE,
				     MD_LVF_WRITE_LOCKED);
		r = md_vg_validate_imported(im.vg, err);
	}
	im.vg->creation_time_repaired = repaired < 0 ? text_repaired(root) : repaired;
	md_hmap_free(&im.pvnames);
	md_hmap_free(&im.lvnames);
	if (r == -ENOMEM)
		md_err_set(err, 0, "out of memory", NULL);
	if (!r)
		*out = im.vg;
	return r;
}

int md_vg_import(struct md_arena *a, const char *text, size_t len, struct md_vg **out,
		 struct md_err *err)
{
	return md_vg_import_text(a, text, len, NULL, out, err);
}

int md_vg_import_text(struct md_arena *a, const char *text, size_t len, char **drop,
		      struct md_vg **out, struct md_err *err)
{
	struct md_cn *root;
	int r;

	struct md_arena *nodes = md_arena_new();
	struct md_cfg_spans spans = { 0 };
	bool repaired = false;
	size_t start, end;

	*out = NULL;	/* as md_vg_import_tree does, also when the parse fails */
	if (!nodes) {
		md_err_set(err, 0, "out of memory", NULL);
		return -ENOMEM;
	}
	/* The model keeps the tree's strings, never its nodes (kept items are
	 * copies): the nodes go as soon as the model is made. */
	r = md_cfg_parse_split(nodes, a, text, len, &root, err, &start, &end, &repaired, &spans);
	if (drop) {	/* the tree holds copies of all it needs */
		free(*drop);
		*drop = NULL;
	}
	if (!r)
		r = import_tree(a, root, out, err, repaired, &spans);
	if (!r) {
		(*out)->body_off = start;
		(*out)->body_len = end - start;
	}
	md_arena_free(nodes);
	return r;
}
