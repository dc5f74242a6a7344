/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The "striped" segment type, linear included (stripe_count 1; the text has
 * no "linear" type).  Each of the stripe_count areas covers
 * extent_count / stripe_count extents from a PE of a PV, or from an LE of
 * another LV.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>

#include "text.h"

static const struct md_key striped_keys[] = {
	MD_SEG_COMMON_KEYS,
	MD_SEG_KEY("stripe_count", MD_KEY_U32, stripe_count, .required = true),
	MD_SEG_KEY("stripe_size", MD_KEY_U32W, stripe_size),
	{ .name = "stripes", .type = MD_KEY_NODE },
};

/* "pvN", start pairs; lvm2 resolves PV names first, then LV names. */
static int import_areas(struct md_imp *im, const struct md_cn *cn, const char *obj,
			struct md_seg *seg, uint32_t want)
{
	const struct md_cv *v = cn->v;
	uint32_t i = 0;

	if (!cn->array)
		return md_imp_bad(im, cn, "value is not an array", cn->key, obj);
	seg->areas = md_arena_alloc(im->a, (want ? want : 1) * sizeof(*seg->areas));
	if (!seg->areas)
		return -ENOMEM;
	for (; v; v = v->next->next, i++) {
		struct md_area_ref *ar;

		if (i >= want)
			return md_imp_bad(im, cn, "more areas than stripe_count", cn->key, obj);
		if (v->type != MD_CV_STRING || !v->next || v->next->type != MD_CV_INT ||
		    v->next->i < 0 || v->next->i > UINT32_MAX)
			return md_imp_bad(im, cn, "areas must be \"name\", extent pairs", cn->key,
					  obj);
		ar = &seg->areas[i];
		ar->start = (uint64_t)v->next->i;
		ar->pv = md_hmap_get(&im->pvnames, v->s);
		ar->lv = ar->pv < 0 ? md_hmap_get(&im->lvnames, v->s) : -1;
		if (ar->pv < 0 && ar->lv < 0)
			return md_imp_bad(im, cn, "area refers to an unknown PV or LV", v->s, obj);
	}
	if (i != want)
		return md_imp_bad(im, cn, "fewer areas than stripe_count", cn->key, obj);
	return 0;
}

static int striped_import(struct md_imp *im, const struct md_cn *sec, const char *obj,
			  struct md_seg *seg)
{
	const struct md_cn *areas = md_cn_find(sec->child, "stripes");

	if (!seg->stripe_count || seg->stripe_count > MD_MAX_STRIPES)
		return md_imp_bad(im, sec, "stripe_count out of range", "stripe_count", obj);
	if (!areas)
		return md_imp_bad(im, sec, "missing required key", "stripes", obj);
	return import_areas(im, areas, obj, seg, seg->stripe_count);
}

static void area_lines(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg)
{
	md_fmt_nl(f);
	md_fmt_line(f, NULL, "stripes = [");
	f->indent++;
	for (uint32_t a = 0; a < seg->stripe_count; a++) {
		const struct md_area_ref *ar = &seg->areas[a];

		if (f->file)
			for (int i = 0; i < f->indent; i++)
				md_buf_putc(f->b, '\t');
		/* PV section names are free-form: escape them like any string */
		md_buf_quoted(f->b, ar->pv >= 0 ? vg->pvs[ar->pv].name : vg->lvs[ar->lv].name);
		md_buf_put(f->b, ", ", 2);
		md_buf_u64(f->b, ar->start);
		md_buf_puts(f->b, a + 1 < seg->stripe_count ? ",\n" : "\n");
	}
	f->indent--;
	md_fmt_line(f, NULL, "]");
}

static void striped_export(struct md_fmt *f, const struct md_vg *vg, const struct md_seg *seg,
			   const char *name)
{
	md_fmt_seg_head(f, vg, seg, name);
	md_fmt_u64(f, seg->stripe_count == 1 ? "# linear" : NULL, "stripe_count", seg->stripe_count);
	if (seg->stripe_count > 1)
		md_fmt_u64_size(f, "stripe_size", seg->stripe_size, seg->stripe_size);
	md_fmt_extra(f, seg->extra, false);
	area_lines(f, vg, seg);
	md_fmt_seg_tail(f, seg);
}

static int striped_validate(const struct md_vg *vg, const struct md_lv *lv,
			    const struct md_seg *seg, struct md_err *err)
{
	uint64_t len;

	if (seg->extent_count % seg->stripe_count) {
		md_err_set(err, 0, "extent_count is not a multiple of stripe_count", "LV %s",
			   lv->name);
		return -EINVAL;
	}
	if (seg->stripe_count > 1 && !seg->stripe_size) {
		md_err_set(err, 0, "striped segment without stripe_size", "LV %s", lv->name);
		return -EINVAL;
	}
	len = seg->extent_count / seg->stripe_count;
	for (uint32_t a = 0; a < seg->stripe_count; a++) {
		const struct md_area_ref *ar = &seg->areas[a];
		uint64_t limit = ar->pv >= 0 ? vg->pvs[ar->pv].pe_count
					     : md_lv_extents(&vg->lvs[ar->lv]);

		if (ar->start > limit || len > limit - ar->start) {
			md_err_set(err, 0, "area extends past the end of its PV", "LV %s on %s",
				   lv->name,
				   ar->pv >= 0 ? vg->pvs[ar->pv].name : vg->lvs[ar->lv].name);
			return -EINVAL;
		}
	}
	return 0;
}

static bool striped_next_pv_area(const struct md_seg *seg, uint32_t *pos, struct md_pv_area *out)
{
	uint64_t len = seg->stripe_count ? seg->extent_count / seg->stripe_count : 0;

	return md_seg_next_area(seg, pos, len, false, out);
}

const struct md_segtype_ops md_segtype_striped = {
	.name = "striped",
	.type = MD_SEG_STRIPED,
	.keys = striped_keys,
	.n_keys = sizeof(striped_keys) / sizeof(striped_keys[0]),
	.import = striped_import,
	.export = striped_export,
	.validate = striped_validate,
	.next_pv_area = striped_next_pv_area,
};
