/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Text -> model.  Each known key is read with its type checked; unknown
 * keys are kept in ->extra, unknown segment types in ->raw, unknown flag
 * words in md_flags.unknown.  Errors name the key and the object.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "vg.h"

#define CONTENTS_VALUE "Text Format Volume Group"

struct imp {
	struct md_arena *a;
	struct md_vg *vg;
	struct md_err *err;
	struct md_hmap pvnames;	/* pv section name -> index */
	struct md_hmap lvnames;	/* lv name -> index */
};

static int bad(struct imp *im, const struct md_cn *cn, const char *why, const char *what,
	       const char *obj)
{
	md_err_set(im->err, cn ? cn->line : 0, why, "%s in %s", what, obj);
	return -EINVAL;
}

static int get_int(struct imp *im, const struct md_cn *cn, const char *obj, int64_t min,
		   int64_t max, int64_t *out)
{
	if (cn->section || cn->array || !cn->v || cn->v->type != MD_CV_INT)
		return bad(im, cn, "value is not an integer", cn->key, obj);
	if (cn->v->i < min || cn->v->i > max)
		return bad(im, cn, "value out of range", cn->key, obj);
	*out = cn->v->i;
	return 0;
}

static int get_u64(struct imp *im, const struct md_cn *cn, const char *obj, uint64_t max,
		   uint64_t *out)
{
	int64_t v;
	int r = get_int(im, cn, obj, 0, (int64_t)(max > INT64_MAX ? INT64_MAX : max), &v);

	if (!r)
		*out = (uint64_t)v;
	return r;
}

static int get_u32(struct imp *im, const struct md_cn *cn, const char *obj, uint32_t *out)
{
	uint64_t v;
	int r = get_u64(im, cn, obj, UINT32_MAX, &v);

	if (!r)
		*out = (uint32_t)v;
	return r;
}

static int get_str(struct imp *im, const struct md_cn *cn, const char *obj, const char **out)
{
	if (cn->section || cn->array || !cn->v || cn->v->type != MD_CV_STRING)
		return bad(im, cn, "value is not a string", cn->key, obj);
	*out = cn->v->s;
	return 0;
}

static int get_id(struct imp *im, const struct md_cn *cn, const char *obj, char *out)
{
	const char *s;

	if (get_str(im, cn, obj, &s))
		return -EINVAL;
	if (md_uuid_parse(s, out))
		return bad(im, cn, "malformed UUID", cn->key, obj);
	return 0;
}

static int get_strv(struct imp *im, const struct md_cn *cn, const char *obj, struct md_strv *sv)
{
	uint32_t n = 0;

	if (cn->section || !cn->array)
		return bad(im, cn, "value is not an array", cn->key, obj);
	for (const struct md_cv *v = cn->v; v; v = v->next) {
		if (v->type != MD_CV_STRING)
			return bad(im, cn, "array element is not a string", cn->key, obj);
		n++;
	}
	sv->n = 0;
	sv->v = n ? md_arena_alloc(im->a, n * sizeof(*sv->v)) : NULL;
	if (n && !sv->v)
		return -ENOMEM;
	for (const struct md_cv *v = cn->v; v; v = v->next)
		sv->v[sv->n++] = v->s;
	return 0;
}

static int get_tags(struct imp *im, const struct md_cn *cn, const char *obj, struct md_strv *sv)
{
	const char *why;

	if (get_strv(im, cn, obj, sv))
		return -EINVAL;
	for (uint32_t i = 0; i < sv->n; i++)
		if (md_tag_check(sv->v[i], &why))
			return bad(im, cn, why, sv->v[i], obj);
	return 0;
}

static int get_flags(struct imp *im, const struct md_cn *cn, const char *obj, enum md_flag_set set,
		     struct md_flags *f)
{
	struct md_strv sv;
	bool status = set == MD_FS_VG_STATUS || set == MD_FS_PV_STATUS || set == MD_FS_LV_STATUS;

	if (get_strv(im, cn, obj, &sv))
		return -EINVAL;
	memset(f, 0, sizeof(*f));
	for (uint32_t i = 0; i < sv.n; i++) {
		int bit = md_flag_bit(set, sv.v[i]);

		if (bit >= 0) {
			f->known |= 1u << bit;
			continue;
		}
		/* lvm2 accepts PARTIAL in old VG backups and never writes it again. */
		if (set == MD_FS_VG_STATUS && !strcmp(sv.v[i], "PARTIAL"))
			continue;
		if (!f->unknown) {
			f->unknown = md_arena_alloc(im->a, sv.n * sizeof(*f->unknown));
			if (!f->unknown)
				return -ENOMEM;
		}
		f->unknown[f->n_unknown++] = sv.v[i];
		if (status)
			im->vg->read_only = true;
	}
	return 0;
}

/* Append a copy of @cn to *@extra (which keeps the input order). */
static int keep(struct imp *im, struct md_cn **extra, const struct md_cn *cn)
{
	struct md_cn *c = md_cn_clone(im->a, cn, false);

	if (!c)
		return -ENOMEM;
	while (*extra)
		extra = &(*extra)->next;
	*extra = c;
	return 0;
}

/*
 * lvm2 parses metadata without merging duplicate keys and every lookup finds
 * the first, so a repeated key is ignored after its first occurrence.
 */
static bool shadowed(const struct md_cn *first, const struct md_cn *c)
{
	return md_cn_find(first, c->key) != c;
}

static int import_pv(struct imp *im, const struct md_cn *sec, struct md_pv *pv)
{
	bool have_id = false, have_status = false, have_start = false, have_count = false;
	bool have_ba_start = false, have_ba_size = false;
	const char *obj = sec->key;
	int r = 0;

	if (!sec->section)
		return bad(im, sec, "expected a section", sec->key, "physical_volumes");
	pv->name = sec->key;
	for (const struct md_cn *c = sec->child; c && !r; c = c->next) {
		const char *k = c->key;

		if (shadowed(sec->child, c))
			continue;
		if (!strcmp(k, "id")) {
			r = get_id(im, c, obj, pv->id);
			have_id = true;
		} else if (!strcmp(k, "device")) {
			r = get_str(im, c, obj, &pv->device);
		} else if (!strcmp(k, "status")) {
			r = get_flags(im, c, obj, MD_FS_PV_STATUS, &pv->status);
			have_status = true;
		} else if (!strcmp(k, "flags")) {
			r = get_flags(im, c, obj, MD_FS_PV_FLAGS, &pv->flags);
		} else if (!strcmp(k, "tags")) {
			r = get_tags(im, c, obj, &pv->tags);
		} else if (!strcmp(k, "dev_size")) {
			r = get_u64(im, c, obj, MD_SECTORS_MAX, &pv->dev_size);
		} else if (!strcmp(k, "pe_start")) {
			r = get_u64(im, c, obj, MD_SECTORS_MAX, &pv->pe_start);
			have_start = true;
		} else if (!strcmp(k, "pe_count")) {
			r = get_u64(im, c, obj, UINT32_MAX, &pv->pe_count);
			have_count = true;
		} else if (!strcmp(k, "ba_start")) {
			r = get_u64(im, c, obj, MD_SECTORS_MAX, &pv->ba_start);
			have_ba_start = true;
		} else if (!strcmp(k, "ba_size")) {
			r = get_u64(im, c, obj, MD_SECTORS_MAX, &pv->ba_size);
			have_ba_size = true;
		} else {
			r = keep(im, &pv->extra, c);
		}
	}
	if (r)
		return r;
	if (!have_id)
		return bad(im, sec, "missing required key", "id", obj);
	if (!have_status)
		return bad(im, sec, "missing required key", "status", obj);
	if (!have_start)
		return bad(im, sec, "missing required key", "pe_start", obj);
	if (!have_count)
		return bad(im, sec, "missing required key", "pe_count", obj);
	if (have_ba_start != have_ba_size)
		return bad(im, sec, "ba_start and ba_size must come together", "ba_start", obj);
	return 0;
}

static int import_pvs(struct imp *im, const struct md_cn *sec)
{
	uint32_t n = 0;
	int r;

	if (!sec->section)
		return bad(im, sec, "expected a section", sec->key, im->vg->name);
	for (const struct md_cn *c = sec->child; c; c = c->next)
		n++;
	if ((r = md_hmap_init(&im->pvnames, n)))
		return r;
	for (const struct md_cn *c = sec->child; c; c = c->next) {
		struct md_pv *pv = md_vg_add_pv(im->vg);

		if (!pv)
			return -ENOMEM;
		if ((r = import_pv(im, c, pv)))
			return r;
		if (md_hmap_put(&im->pvnames, pv->name, (int32_t)(im->vg->n_pvs - 1)) >= 0)
			return bad(im, c, "duplicate physical volume section", c->key,
				   "physical_volumes");
	}
	return 0;
}

/* "pvN", start pairs; lvm2 resolves PV names first, then LV names. */
static int import_areas(struct imp *im, const struct md_cn *cn, const char *obj,
			struct md_seg *seg, uint32_t want)
{
	const struct md_cv *v = cn->v;
	uint32_t i = 0;

	if (!cn->array)
		return bad(im, cn, "value is not an array", cn->key, obj);
	seg->areas = md_arena_alloc(im->a, (want ? want : 1) * sizeof(*seg->areas));
	if (!seg->areas)
		return -ENOMEM;
	for (; v; v = v->next->next, i++) {
		struct md_area_ref *ar;

		if (i >= want)
			return bad(im, cn, "more areas than stripe_count", cn->key, obj);
		if (v->type != MD_CV_STRING || !v->next || v->next->type != MD_CV_INT ||
		    v->next->i < 0 || v->next->i > UINT32_MAX)
			return bad(im, cn, "areas must be \"name\", extent pairs", cn->key, obj);
		ar = &seg->areas[i];
		ar->start = (uint64_t)v->next->i;
		ar->pv = md_hmap_get(&im->pvnames, v->s);
		ar->lv = ar->pv < 0 ? md_hmap_get(&im->lvnames, v->s) : -1;
		if (ar->pv < 0 && ar->lv < 0)
			return bad(im, cn, "area refers to an unknown PV or LV", v->s, obj);
	}
	if (i != want)
		return bad(im, cn, "fewer areas than stripe_count", cn->key, obj);
	return 0;
}

static int import_raids(struct imp *im, const struct md_cn *cn, const char *obj, struct md_seg *seg)
{
	int32_t meta = -1;
	uint32_t n = 0;

	if (!cn->array)
		return bad(im, cn, "value is not an array", cn->key, obj);
	seg->pairs = md_arena_alloc(im->a, seg->device_count * sizeof(*seg->pairs));
	if (!seg->pairs)
		return -ENOMEM;
	for (const struct md_cv *v = cn->v; v; v = v->next) {
		int32_t lv;

		if (v->type != MD_CV_STRING)
			return bad(im, cn, "raids entries must be LV names", cn->key, obj);
		lv = md_hmap_get(&im->lvnames, v->s);
		if (lv < 0)
			return bad(im, cn, "raids refers to an unknown LV", v->s, obj);
		/* lvm2 takes an entry as the metadata LV only if its name says so. */
		if (strstr(v->s, "_rmeta_")) {
			if (meta >= 0)
				return bad(im, cn, "metadata LV without an image LV", v->s, obj);
			meta = lv;
			continue;
		}
		if (n >= seg->device_count)
			return bad(im, cn, "more raid pairs than device_count", cn->key, obj);
		seg->pairs[n].meta = meta;
		seg->pairs[n++].image = lv;
		meta = -1;
	}
	if (meta >= 0)
		return bad(im, cn, "metadata LV without an image LV", cn->key, obj);
	if (n != seg->device_count)
		return bad(im, cn, "number of raid pairs differs from device_count", cn->key, obj);
	return 0;
}

/* Segments of unknown type: note their PV areas so allocation avoids them. */
static int scan_other_areas(struct imp *im, struct md_seg *seg)
{
	uint32_t n = 0, i = 0;

	for (const struct md_cn *c = seg->raw->child; c; c = c->next)
		for (const struct md_cv *v = c->array ? c->v : NULL; v && v->next; v = v->next)
			if (v->type == MD_CV_STRING && v->next->type == MD_CV_INT &&
			    md_hmap_get(&im->pvnames, v->s) >= 0)
				n++;
	seg->stripe_count = n;
	if (!n)
		return 0;
	seg->areas = md_arena_alloc(im->a, n * sizeof(*seg->areas));
	if (!seg->areas)
		return -ENOMEM;
	for (const struct md_cn *c = seg->raw->child; c; c = c->next)
		for (const struct md_cv *v = c->array ? c->v : NULL; v && v->next; v = v->next)
			if (v->type == MD_CV_STRING && v->next->type == MD_CV_INT &&
			    md_hmap_get(&im->pvnames, v->s) >= 0) {
				seg->areas[i].pv = md_hmap_get(&im->pvnames, v->s);
				seg->areas[i].lv = -1;
				seg->areas[i].start = v->next->i < 0 ? 0 : (uint64_t)v->next->i;
				i++;
			}
	return 0;
}

static int import_seg(struct imp *im, const struct md_cn *sec, const char *obj, struct md_seg *seg)
{
	const struct md_cn *type = md_cn_find(sec->child, "type");
	const struct md_cn *c;
	bool have_start = false, have_count = false, have_sc = false, have_dc = false;
	const struct md_cn *areas = NULL;
	int r = 0;

	seg->type_name = "striped";
	if (type && (r = get_str(im, type, obj, &seg->type_name)))
		return r;
	if (!strcmp(seg->type_name, "striped"))
		seg->type = MD_SEG_STRIPED;
	else if (!strcmp(seg->type_name, "raid1"))
		seg->type = MD_SEG_RAID1;
	else
		seg->type = MD_SEG_OTHER;

	for (c = sec->child; c && !r; c = c->next) {
		const char *k = c->key;

		if (shadowed(sec->child, c))
			continue;
		if (!strcmp(k, "start_extent")) {
			r = get_u64(im, c, obj, UINT32_MAX, &seg->start_extent);
			have_start = true;
		} else if (!strcmp(k, "extent_count")) {
			r = get_u64(im, c, obj, UINT32_MAX, &seg->extent_count);
			have_count = true;
		} else if (seg->type == MD_SEG_OTHER || !strcmp(k, "type")) {
			continue;
		} else if (!strcmp(k, "tags")) {
			r = get_tags(im, c, obj, &seg->tags);
		} else if (seg->type == MD_SEG_STRIPED && !strcmp(k, "stripe_count")) {
			r = get_u32(im, c, obj, &seg->stripe_count);
			have_sc = true;
		} else if (seg->type == MD_SEG_STRIPED && !strcmp(k, "stripe_size")) {
			r = get_u64(im, c, obj, UINT32_MAX, &seg->stripe_size);
		} else if (seg->type == MD_SEG_STRIPED && !strcmp(k, "stripes")) {
			areas = c;
		} else if (seg->type == MD_SEG_RAID1 &&
			   (!strcmp(k, "device_count") || !strcmp(k, "stripe_count"))) {
			/* lvm2 takes either name for the number of legs, never both. */
			if (have_dc)
				return bad(im, c, "both device_count and stripe_count", k, obj);
			r = get_u32(im, c, obj, &seg->device_count);
			seg->legs_as_stripe_count = k[0] == 's';
			have_dc = true;
		} else if (seg->type == MD_SEG_RAID1 && !strcmp(k, "region_size")) {
			r = get_u64(im, c, obj, UINT32_MAX, &seg->region_size);
		} else if (seg->type == MD_SEG_RAID1 && !strcmp(k, "raids")) {
			areas = c;
		} else {
			r = keep(im, &seg->extra, c);
		}
	}
	if (r)
		return r;
	if (!have_start)
		return bad(im, sec, "missing required key", "start_extent", obj);
	if (!have_count)
		return bad(im, sec, "missing required key", "extent_count", obj);
	if (seg->type == MD_SEG_OTHER) {
		if (!(seg->raw = md_cn_clone(im->a, sec, false)))
			return -ENOMEM;
		return scan_other_areas(im, seg);
	}
	if (seg->type == MD_SEG_STRIPED) {
		if (!have_sc)
			return bad(im, sec, "missing required key", "stripe_count", obj);
		if (!seg->stripe_count || seg->stripe_count > MD_MAX_STRIPES)
			return bad(im, sec, "stripe_count out of range", "stripe_count", obj);
		if (!areas)
			return bad(im, sec, "missing required key", "stripes", obj);
		return import_areas(im, areas, obj, seg, seg->stripe_count);
	}
	if (!have_dc || !seg->device_count || seg->device_count > MD_RAID_MAX_LEGS)
		return bad(im, sec, "missing or bad device_count", "device_count", obj);
	if (!areas)
		return bad(im, sec, "missing required key", "raids", obj);
	return import_raids(im, areas, obj, seg);
}

static int import_lv_keys(struct imp *im, const struct md_cn *sec, struct md_lv *lv,
			  uint32_t *nsegs, int64_t *segcount)
{
	const char *obj = sec->key;
	bool have_id = false, have_status = false, have_time = false;
	int r = 0;

	*segcount = -1;
	*nsegs = 0;
	lv->major = lv->minor = -1;
	for (const struct md_cn *c = sec->child; c && !r; c = c->next) {
		const char *k = c->key;

		if (c->section) {
			(*nsegs)++;
		} else if (shadowed(sec->child, c)) {
			continue;
		} else if (!strcmp(k, "id")) {
			r = get_id(im, c, obj, lv->id);
			have_id = true;
		} else if (!strcmp(k, "status")) {
			r = get_flags(im, c, obj, MD_FS_LV_STATUS, &lv->status);
			have_status = true;
		} else if (!strcmp(k, "flags")) {
			r = get_flags(im, c, obj, MD_FS_LV_FLAGS, &lv->flags);
		} else if (!strcmp(k, "tags")) {
			r = get_tags(im, c, obj, &lv->tags);
		} else if (!strcmp(k, "creation_time")) {
			r = get_u64(im, c, obj, INT64_MAX, &lv->creation_time);
			have_time = true;
		} else if (!strcmp(k, "creation_host")) {
			r = get_str(im, c, obj, &lv->creation_host);
		} else if (!strcmp(k, "allocation_policy")) {
			r = get_str(im, c, obj, &lv->alloc_policy);
		} else if (!strcmp(k, "read_ahead")) {
			r = get_int(im, c, obj, -1, UINT32_MAX, &lv->read_ahead);
			lv->has_read_ahead = true;
		} else if (!strcmp(k, "major")) {
			r = get_int(im, c, obj, 0, MD_MAJOR_MAX, &lv->major);
		} else if (!strcmp(k, "minor")) {
			r = get_int(im, c, obj, 0, MD_MINOR_MAX, &lv->minor);
		} else if (!strcmp(k, "segment_count")) {
			r = get_int(im, c, obj, 1, UINT32_MAX, segcount);
		} else {
			r = keep(im, &lv->extra, c);
		}
	}
	if (r)
		return r;
	if (!have_id)
		return bad(im, sec, "missing required key", "id", obj);
	if (!have_status)
		return bad(im, sec, "missing required key", "status", obj);
	if (*segcount < 0)
		return bad(im, sec, "missing required key", "segment_count", obj);
	if (have_time != (lv->creation_host != NULL))
		return bad(im, sec, "creation_time and creation_host must come together",
			   "creation_time", obj);
	if (*segcount != *nsegs)
		return bad(im, sec, "segment_count and the number of segments disagree",
			   "segment_count", obj);
	return 0;
}

static int import_lvs(struct imp *im, const struct md_cn *sec)
{
	uint32_t n = 0, i = 0;
	int r;

	if (!sec->section)
		return bad(im, sec, "expected a section", sec->key, im->vg->name);
	for (const struct md_cn *c = sec->child; c; c = c->next)
		n++;
	if ((r = md_hmap_init(&im->lvnames, n)))
		return r;
	/* First every name, so segments can refer to LVs defined later. */
	for (const struct md_cn *c = sec->child; c; c = c->next) {
		struct md_lv *lv;

		if (!c->section)
			return bad(im, c, "expected a section", c->key, "logical_volumes");
		if (!(lv = md_vg_add_lv(im->vg)))
			return -ENOMEM;
		lv->name = c->key;
		if (md_hmap_put(&im->lvnames, lv->name, (int32_t)(im->vg->n_lvs - 1)) >= 0)
			return bad(im, c, "duplicate logical volume", c->key, "logical_volumes");
	}
	for (const struct md_cn *c = sec->child; c; c = c->next, i++) {
		struct md_lv *lv = &im->vg->lvs[i];
		int64_t segcount;
		uint32_t nsegs, s = 0;

		if ((r = import_lv_keys(im, c, lv, &nsegs, &segcount)))
			return r;
		lv->segs = md_arena_alloc(im->a, nsegs * sizeof(*lv->segs));
		if (!lv->segs)
			return -ENOMEM;
		lv->n_segs = nsegs;
		for (const struct md_cn *sc = c->child; sc; sc = sc->next) {
			char obj[2 * MD_NAME_LEN + 2];

			if (!sc->section)
				continue;
			snprintf(obj, sizeof(obj), "%s/%s", lv->name, sc->key);
			if ((r = import_seg(im, sc, obj, &lv->segs[s++])))
				return r;
		}
	}
	return 0;
}

static int import_vg_keys(struct imp *im, const struct md_cn *sec)
{
	struct md_vg *vg = im->vg;
	const char *obj = vg->name;
	bool have_id = false, have_seqno = false, have_status = false, have_es = false;
	bool have_maxlv = false, have_maxpv = false;
	const struct md_cn *pvs = NULL, *lvs = NULL;
	int r = 0;

	for (const struct md_cn *c = sec->child; c && !r; c = c->next) {
		const char *k = c->key;

		if (shadowed(sec->child, c))
			continue;
		if (!strcmp(k, "id")) {
			r = get_id(im, c, obj, vg->id);
			have_id = true;
		} else if (!strcmp(k, "seqno")) {
			r = get_u32(im, c, obj, &vg->seqno);
			have_seqno = true;
		} else if (!strcmp(k, "format")) {
			r = get_str(im, c, obj, &vg->format);
		} else if (!strcmp(k, "status")) {
			r = get_flags(im, c, obj, MD_FS_VG_STATUS, &vg->status);
			have_status = true;
		} else if (!strcmp(k, "flags")) {
			r = get_flags(im, c, obj, MD_FS_VG_FLAGS, &vg->flags);
		} else if (!strcmp(k, "tags")) {
			r = get_tags(im, c, obj, &vg->tags);
		} else if (!strcmp(k, "system_id")) {
			r = get_str(im, c, obj, &vg->system_id);
		} else if (!strcmp(k, "extent_size")) {
			r = get_u64(im, c, obj, UINT32_MAX, &vg->extent_size);
			have_es = true;
		} else if (!strcmp(k, "max_lv")) {
			r = get_u32(im, c, obj, &vg->max_lv);
			have_maxlv = true;
		} else if (!strcmp(k, "max_pv")) {
			r = get_u32(im, c, obj, &vg->max_pv);
			have_maxpv = true;
		} else if (!strcmp(k, "allocation_policy")) {
			r = get_str(im, c, obj, &vg->alloc_policy);
		} else if (!strcmp(k, "metadata_copies")) {
			r = get_u32(im, c, obj, &vg->metadata_copies);
			vg->has_metadata_copies = true;
		} else if (!strcmp(k, "physical_volumes")) {
			pvs = c;
		} else if (!strcmp(k, "logical_volumes")) {
			lvs = c;
		} else {
			r = keep(im, &vg->extra, c);
		}
	}
	if (r)
		return r;
	if (!have_id)
		return bad(im, sec, "missing required key", "id", obj);
	if (!have_seqno)
		return bad(im, sec, "missing required key", "seqno", obj);
	if (!have_status)
		return bad(im, sec, "missing required key", "status", obj);
	if (!have_es)
		return bad(im, sec, "missing required key", "extent_size", obj);
	if (!have_maxlv)
		return bad(im, sec, "missing required key", "max_lv", obj);
	if (!have_maxpv)
		return bad(im, sec, "missing required key", "max_pv", obj);
	if (!pvs)
		return bad(im, sec, "missing required section", "physical_volumes", obj);
	if ((r = import_pvs(im, pvs)))
		return r;
	if (lvs)
		return import_lvs(im, lvs);
	return md_hmap_init(&im->lvnames, 0);
}

static int import_header(struct imp *im, const struct md_cn *root, const struct md_cn *vgsec)
{
	struct md_vg *vg = im->vg;
	bool have_contents = false, have_version = false;
	int64_t ver;
	int r = 0;

	for (const struct md_cn *c = root; c && !r; c = c->next) {
		const char *k = c->key, *s;

		if (c == vgsec || shadowed(root, c))
			continue;
		if (!strcmp(k, "contents")) {
			if ((r = get_str(im, c, "the header", &s)))
				break;
			if (strcmp(s, CONTENTS_VALUE))
				return bad(im, c, "not a volume group text", k, "the header");
			have_contents = true;
		} else if (!strcmp(k, "version")) {
			if ((r = get_int(im, c, "the header", 0, INT32_MAX, &ver)))
				break;
			if (ver != 1)
				return bad(im, c, "unsupported format version", k, "the header");
			have_version = true;
		} else if (!strcmp(k, "description")) {
			r = get_str(im, c, "the header", &vg->description);
		} else if (!strcmp(k, "creation_host")) {
			r = get_str(im, c, "the header", &vg->creation_host);
		} else if (!strcmp(k, "creation_time")) {
			r = get_u64(im, c, "the header", INT64_MAX, &vg->creation_time);
		} else {
			r = keep(im, &vg->header_extra, c);
		}
	}
	if (r)
		return r;
	if (!have_contents)
		return bad(im, NULL, "missing required key", "contents", "the header");
	if (!have_version)
		return bad(im, NULL, "missing required key", "version", "the header");
	return 0;
}

int md_vg_import_tree(struct md_arena *a, const struct md_cn *root, struct md_vg **out,
		      struct md_err *err)
{
	struct imp im = { .a = a, .err = err };
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
	if (!r)
		r = md_vg_validate(im.vg, err);
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
	struct md_cn *root;
	int r;

	*out = NULL;	/* as md_vg_import_tree does, also when the parse fails */
	r = md_cfg_parse(a, text, len, &root, err);
	if (r)
		return r;
	return md_vg_import_tree(a, root, out, err);
}
