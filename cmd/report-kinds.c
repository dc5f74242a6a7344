/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kinds of report: pvs, vgs, lvs and lvs --segments.  Each names its
 * field tables, its default columns and sort, which objects make its rows
 * and what it says of an argument that names nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lvargs.h"
#include "report.h"

/* ---------------------------------------------------------------- tags */

static bool has_tag(size_t n, const char *(*get)(const void *, size_t), const void *obj,
		    const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(get(obj, i), tag))
			return true;
	return false;
}

static const char *lv_tag(const void *o, size_t i)
{
	return vol_lv_tag(o, i);
}

static const char *vg_tag(const void *o, size_t i)
{
	return vol_vg_tag(o, i);
}

/* ---------------------------------------------------------------- pvs */

static const char *pv_tag(const void *o, size_t i)
{
	return vol_pv_tag(o, i);
}

/* A PV argument: its device, its UUID, or "@TAG" (a tag of the PV). */
static bool pv_arg_matches(const struct vol_pv *pv, const char *arg)
{
	if (arg[0] == '@')
		return has_tag(vol_pv_tag_count(pv), pv_tag, pv, arg + 1);
	return cli_pv_matches(pv, arg);
}

static bool pv_wanted(const struct vol_pv *pv, struct args *a)
{
	bool any = !a->n;

	for (int i = 0; i < a->n; i++)
		if (pv_arg_matches(pv, a->v[i])) {
			a->seen[i] = ARG_MATCHED;
			any = true;
		}
	return any;
}

static int pv_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	int r;

	for (size_t k = 0; k < vol_vg_pv_count(vg); k++) {
		struct report_obj o = { vol_vg_pv(vg, k), vg, NULL, -1, 0, NULL, 0, 0, false };

		if (a->labels && vol_pv_is_missing(o.pv))
			continue;
		if (pv_wanted(o.pv, a) && (r = rowset_add(rs, o)))
			return r;
	}
	return 0;
}

struct dev_rows {
	struct rowset *rs;
	int r;
	bool free_seg;	/* a PV segment row: no LV, the free segment's values */
};

/* pvs -a without arguments: a row for each device in scope that is no PV,
 * as lvm2 shows them (a device named on the command line must be a PV). */
static void dev_row(const struct vol_dev_info *d, void *usrptr)
{
	struct dev_rows *dr = usrptr;
	struct vol_dev_info *copy;
	char *path;

	if (dr->r || d->is_pv)
		return;
	if (!(copy = rowset_alloc(dr->rs, sizeof(*copy) + strlen(d->path) + 1))) {
		dr->r = -ENOMEM;
		return;
	}
	path = (char *)(copy + 1);
	strcpy(path, d->path);
	*copy = *d;
	copy->path = path;
	copy->vg_name = copy->problem = "";
	dr->r = rowset_add(dr->rs, (struct report_obj){ .seg = -1, .dev = copy,
							.free_seg = dr->free_seg });
}

static int orphan_rows(struct cli *c, struct rowset *rs, struct args *a)
{
	struct dev_rows dr = { rs, 0, false };
	size_t n = 0;
	int r = vol_orphan_count(c->ctx, &n);

	for (size_t i = 0; i < n && !r; i++) {
		struct report_obj o = { vol_orphan_pv(c->ctx, i), NULL, NULL, -1, 0, NULL, 0, 0, false };

		/* A duplicate shows when named or with -a, as in lvm2. */
		if (vol_pv_state(o.pv) == VOL_PV_DUPLICATE && !a->n && !a->all)
			continue;
		if (pv_wanted(o.pv, a))
			r = rowset_add(rs, o);
	}
	if (!r && a->all && !a->n && (r = vol_dev_list(c->ctx, dev_row, &dr)) == 0)
		r = dr.r;
	return r;
}

/* A PV argument opens the VG its device belongs to; a tag or an argument
 * that is no device we know could be any PV. */
static bool pv_wants_vg(struct cli *c, const char *arg, const char *name, const char *uuid)
{
	struct vol_dev_info d;
	const char *why;

	(void)uuid;
	switch (vol_dev_lookup(c->ctx, arg, &d, &why)) {
	case -ENOENT:
		return true;
	case 0:
		return d.vg_name && !strcmp(d.vg_name, name);
	default:	/* out of scope: reported missing, opens nothing */
		return false;
	}
}

/* A device outside the scope says why, as lvm2 does. */
static void pv_missing(struct cli *c, const char *arg, unsigned char seen)
{
	struct vol_dev_info d;
	const char *why;

	(void)seen;
	if (vol_dev_lookup(c->ctx, arg, &d, &why) == -ENODEV)
		err("Cannot use %s: %s", arg, why);
	else
		err("Failed to find physical volume \"%s\".", arg);
}

/* ---------------------------------------------------------------- pvs --segments */

/* A run of a PV's extents that an LV segment uses. */
struct pv_use {
	uint64_t start, len;
	struct vol_lv *lv;
	size_t seg;
};

static int use_cmp(const void *a, const void *b)
{
	const struct pv_use *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The runs of @pv's extents the LVs of @vg use, sorted; *@n of them.
 * NULL (and *@n 0) if none or out of memory (-ENOMEM in *@r). */
static struct pv_use *pv_uses(struct vol_vg *vg, const struct vol_pv *pv, size_t *n, int *r)
{
	struct pv_use *u = NULL, *grown;
	size_t cap = 0;

	*n = 0;
	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, VOL_LV_ALL); lv;
	     lv = vol_vg_next_lv(vg, lv, VOL_LV_ALL))
		for (size_t i = 0; i < vol_lv_segment_count(lv); i++) {
			struct vol_seg_info si;
			struct vol_area_info ar;

			for (uint32_t k = 0; !vol_lv_segment(lv, i, &si) && k < si.areas; k++) {
				if (vol_lv_segment_area(lv, i, k, &ar) || !ar.pv_name ||
				    strcmp(ar.pv_name, vol_pv_name(pv)))
					continue;
				if (*n == cap) {
					cap = cap * 2 + 8;
					if (!(grown = realloc(u, cap * sizeof(*u)))) {
						free(u);
						*n = 0, *r = -ENOMEM;
						return NULL;
					}
					u = grown;
				}
				u[(*n)++] = (struct pv_use){ ar.start, ar.count, lv, i };
			}
		}
	if (*n)
		qsort(u, *n, sizeof(*u), use_cmp);
	return u;
}
/* lv_row_init()'s room for a raid status: the rowset's memory. */
static void *row_room(void *usr, size_t size)
{
	return rowset_alloc(usr, size);
}

/* A row of PV segment [@start, @start + @len) of @pv: used by segment @seg
 * of @lv, or free (@lv NULL). */
static int pvseg_add(struct rowset *rs, struct vol_vg *vg, const struct vol_pv *pv, uint64_t start,
		     uint64_t len, struct vol_lv *lv, size_t seg)
{
	struct report_obj o = { pv, vg, NULL, -1, 0, NULL, start, len, !lv };
	struct lv_row *row;

	if (lv) {
		if (!(row = rowset_alloc(rs, sizeof(*row))))
			return -ENOMEM;
		lv_row_init(row, lv, row_room, rs);
		o.lv = row;
		o.seg = (int)seg;
	}
	return rowset_add(rs, o);
}

int pv_segment_walk(struct vol_vg *vg, const struct vol_pv *pv,
		    int (*fn)(uint64_t start, uint64_t len, struct vol_lv *lv, size_t seg, void *usr),
		    void *usr)
{
	uint64_t pe = 0, end = vol_pv_pe_count(pv);
	size_t n;
	int r = 0;
	struct pv_use *u = pv_uses(vg, pv, &n, &r);

	for (size_t i = 0; !r && i < n; i++) {
		if (u[i].start > pe)
			r = fn(pe, u[i].start - pe, NULL, 0, usr);
		if (!r)
			r = fn(u[i].start, u[i].len, u[i].lv, u[i].seg, usr);
		pe = u[i].start + u[i].len;
	}
	if (!r && (pe < end || !end))
		r = fn(pe, end - pe, NULL, 0, usr);
	free(u);
	return r;
}

struct seg_rows {
	struct rowset *rs;
	struct vol_vg *vg;
	const struct vol_pv *pv;
};

static int seg_row(uint64_t start, uint64_t len, struct vol_lv *lv, size_t seg, void *usr)
{
	struct seg_rows *sr = usr;

	return pvseg_add(sr->rs, sr->vg, sr->pv, start, len, lv, seg);
}

/* The segments of one PV in a VG: used runs, and the free ones between. */
static int pv_segments(struct rowset *rs, struct vol_vg *vg, const struct vol_pv *pv)
{
	struct seg_rows sr = { rs, vg, pv };

	return pv_segment_walk(vg, pv, seg_row, &sr);
}

static int pvseg_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	int r;

	for (size_t k = 0; k < vol_vg_pv_count(vg); k++)
		if (pv_wanted(vol_vg_pv(vg, k), a) && (r = pv_segments(rs, vg, vol_vg_pv(vg, k))))
			return r;
	return 0;
}

/* Orphan PVs: one empty, free segment each. */
static int pvseg_orphan_rows(struct cli *c, struct rowset *rs, struct args *a)
{
	size_t n = 0;
	int r;

	if ((r = vol_orphan_count(c->ctx, &n)))
		return r;
	for (size_t i = 0; i < n; i++) {
		struct report_obj o = { vol_orphan_pv(c->ctx, i), NULL, NULL, -1, 0, NULL, 0, 0, true };

		if (pv_wanted(o.pv, a) && (r = rowset_add(rs, o)))
			return r;
	}
	/* -a: the devices that are no PV too, a row each, as in plain pvs -a */
	if (a->all && !a->n) {
		struct dev_rows dr = { rs, 0, true };

		if ((r = vol_dev_list(c->ctx, dev_row, &dr)) == 0)
			r = dr.r;
	}
	return r;
}

/* ---------------------------------------------------------------- vgs */

/* Do vgs's arguments name @vg (by name, UUID or tag)?  Marks those that do. */
static bool vg_args_name(struct args *a, struct vol_vg *vg)
{
	bool any = !a->n;

	for (int i = 0; i < a->n; i++)
		if (!strcmp(vol_vg_name(vg), a->v[i]) || !strcmp(vol_vg_uuid(vg), a->v[i]) ||
		    (a->v[i][0] == '@' &&
		     has_tag(vol_vg_tag_count(vg), vg_tag, vg, a->v[i] + 1))) {
			a->seen[i] = ARG_MATCHED;
			any = true;
		}
	return any;
}

static int vg_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	if (!vg_args_name(a, vg))
		return 0;
	return rowset_add(rs, (struct report_obj){ NULL, vg, NULL, -1, 0, NULL, 0, 0, false });
}

static void vg_not_found(const char *name)
{
	err("Volume group \"%s\" not found", name);
	err("Cannot process volume group %s", name);
}

static bool vg_wants_vg(struct cli *c, const char *arg, const char *name, const char *uuid)
{
	(void)c;
	return arg[0] == '@' || !strcmp(arg, name) || !strcmp(arg, uuid);
}

static void vg_missing(struct cli *c, const char *arg, unsigned char seen)
{
	(void)c;
	(void)seen;
	vg_not_found(arg);
}

/* ---------------------------------------------------------------- lvs */

/* An lvs argument: a VG ("vg", "/dev/vg"), an LV ("vg/lv", "/dev/vg/lv",
 * "/dev/mapper/vg-lv") or a tag ("@tag"). */
struct lv_arg {
	char vg[256];
	char lv[256];	/* "" for a VG or a tag */
	const char *tag;
};

static void lv_arg_parse(const char *arg, struct lv_arg *p)
{
	p->lv[0] = '\0';
	p->tag = arg[0] == '@' ? arg + 1 : NULL;
	if (!p->tag && split_lv_name(arg, NULL, p->vg, sizeof(p->vg), p->lv, sizeof(p->lv))) {
		p->lv[0] = '\0';
		snprintf(p->vg, sizeof(p->vg), "%s", arg + (strncmp(arg, "/dev/", 5) ? 0 : 5));
	}
}

/* How far argument @i gets in @vg, before its LVs are looked at. */
static void lv_arg_vg(struct args *a, int i, struct vol_vg *vg)
{
	struct lv_arg p;

	lv_arg_parse(a->v[i], &p);
	if (p.tag)
		a->seen[i] = ARG_MATCHED;	/* a tag nothing has is no error */
	else if (!strcmp(p.vg, vol_vg_name(vg)) && a->seen[i] != ARG_MATCHED)
		a->seen[i] = p.lv[0] ? ARG_VG : ARG_MATCHED;
}

/* Does argument @i name @lv (a hidden LV only by its name, or with -a)? */
static bool lv_arg_wants(struct args *a, int i, struct vol_vg *vg, struct vol_lv *lv)
{
	bool shown = a->all || vol_lv_is_visible(lv);
	struct lv_arg p;

	lv_arg_parse(a->v[i], &p);
	if (p.tag)
		return shown && (has_tag(vol_lv_tag_count(lv), lv_tag, lv, p.tag) ||
				 has_tag(vol_vg_tag_count(vg), vg_tag, vg, p.tag));
	if (strcmp(p.vg, vol_vg_name(vg)))
		return false;
	if (!p.lv[0])
		return shown;
	if (strcmp(p.lv, vol_lv_name(lv)))
		return false;
	a->seen[i] = ARG_MATCHED;
	return true;
}

static bool lv_wanted(struct args *a, struct vol_vg *vg, struct vol_lv *lv)
{
	bool any = !a->n && (a->all || vol_lv_is_visible(lv));

	for (int i = 0; i < a->n; i++)
		any |= lv_arg_wants(a, i, vg, lv);
	return any;
}

/* An LV's row, or a row per segment. */
static int lv_add(struct rowset *rs, struct vol_vg *vg, struct vol_lv *lv, bool segs)
{
	struct lv_row *row = rowset_alloc(rs, sizeof(*row));
	size_t n = segs ? vol_lv_segment_count(lv) : 1;
	int r = row ? 0 : -ENOMEM;

	if (row)
		lv_row_init(row, lv, row_room, rs);
	for (size_t i = 0; i < n && !r; i++)
		r = rowset_add(rs, (struct report_obj){ NULL, vg, row, segs ? (int)i : -1, 0, NULL, 0, 0, false });
	return r;
}

/* lvm2 shows no LV of an exported VG: one named (by itself or an LV of
 * it) is an error, the others are skipped without a word. */
static int lv_exported_vg(struct vol_vg *vg, struct args *a)
{
	bool named = false;

	for (int i = 0; i < a->n; i++) {
		struct lv_arg p;

		lv_arg_parse(a->v[i], &p);
		if (!p.tag && !strcmp(p.vg, vol_vg_name(vg))) {
			a->seen[i] = ARG_MATCHED;
			named = true;
		}
	}
	if (!named)
		return 0;
	err("Volume group %s is exported", vol_vg_name(vg));
	return -EPERM;
}

/* lvm2 skips the virtual origin of a --virtualsize snapshot unless -a,
 * saying so when it is named (then not found). */
static bool skip_virtual_origin(struct args *a, struct vol_vg *vg, struct vol_lv *lv)
{
	struct lv_arg p;

	if (a->all || !vol_lv_is_origin(lv) || vol_lv_is_visible(lv))
		return false;
	for (int i = 0; i < a->n; i++) {
		lv_arg_parse(a->v[i], &p);
		if (!p.tag && !strcmp(p.vg, vol_vg_name(vg)) && !strcmp(p.lv, vol_lv_name(lv))) {
			note("Ignoring virtual origin logical volume %s/%s.", vol_vg_name(vg),
			     vol_lv_name(lv));
			break;
		}
	}
	return true;
}

static int lv_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	struct vol_lv *lv = NULL;
	int r = 0;

	if (vol_vg_is_exported(vg))
		return lv_exported_vg(vg, a);
	for (int i = 0; i < a->n; i++)
		lv_arg_vg(a, i, vg);
	while (!r && (lv = vol_vg_next_lv(vg, lv, VOL_LV_ALL)))
		if (!vol_lv_is_snapshot_internal(lv) && !skip_virtual_origin(a, vg, lv) &&
		    lv_wanted(a, vg, lv))
			r = lv_add(rs, vg, lv, a->segs);
	return r;
}

/* vgs with LV fields: as lvm2's, a row per visible LV of each VG named (a
 * VG without LVs shows none; an exported VG's LVs are shown, as vgs shows
 * the VG). */
static int vglv_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	struct vol_lv *lv = NULL;
	int r = 0;

	if (!vg_args_name(a, vg))
		return 0;
	while (!r && (lv = vol_vg_next_lv(vg, lv, VOL_LV_VISIBLE)))
		r = lv_add(rs, vg, lv, false);
	return r;
}

static bool lv_wants_vg(struct cli *c, const char *arg, const char *name, const char *uuid)
{
	struct lv_arg p;

	(void)c;
	(void)uuid;
	lv_arg_parse(arg, &p);
	return p.tag || !strcmp(p.vg, name);
}

static void lv_missing(struct cli *c, const char *arg, unsigned char seen)
{
	struct lv_arg p;

	(void)c;

	lv_arg_parse(arg, &p);
	if (seen == ARG_VG)
		err("Failed to find logical volume \"%s/%s\"", p.vg, p.lv);
	else
		vg_not_found(p.vg);
}

/* ---------------------------------------------------------------- the kinds */

static const struct field_table *const pv_tables[] = { &pv_table, &vg_table, &pvseg_table,
							&lv_table, &seg_table, NULL };
static const struct field_table *const vg_tables[] = { &vg_table, &lv_table, NULL };
static const struct field_table *const lv_tables[] = { &lv_table, &seg_table, &vg_table, NULL };
static const struct field_table *const seg_tables[] = { &seg_table, &lv_table, &vg_table, NULL };

#define LV_COLUMNS "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent," \
	"metadata_percent,move_pv,mirror_log,copy_percent,convert_lv"
#define LV_VERBOSE "lv_name,vg_name,seg_count,lv_attr,lv_size,lv_major,lv_minor," \
	"lv_kernel_major,lv_kernel_minor,pool_lv,origin,data_percent,metadata_percent,move_pv," \
	"copy_percent,mirror_log,convert_lv,lv_uuid,lv_profile"

const struct report_kind report_kinds[] = {
	[REPORT_PV] = { "pv", pv_tables, "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free",
			"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,dev_size,pv_uuid",
			"pv_name", pv_rows, orphan_rows, pv_wants_vg, pv_missing },
	[REPORT_VG] = { "vg", vg_tables,
			"vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
			"vg_name,vg_attr,vg_extent_size,pv_count,lv_count,snap_count,vg_size,vg_free,"
			"vg_uuid,vg_profile",
			"vg_name", vg_rows, NULL, vg_wants_vg, vg_missing },
	[REPORT_LV] = { "lv", lv_tables, LV_COLUMNS, LV_VERBOSE, "vg_name,lv_name",
			lv_rows, NULL, lv_wants_vg, lv_missing, true },
	[REPORT_PVSEG] = { "pvseg", pv_tables,
			   "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size",
			   "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size,"
			   "lv_name,seg_start_pe,segtype,seg_pe_ranges",
			   "pv_name,pvseg_start", pvseg_rows, pvseg_orphan_rows, pv_wants_vg, pv_missing },
	[REPORT_SEG] = { "seg", seg_tables, "lv_name,vg_name,lv_attr,stripes,segtype,seg_size",
			 "lv_name,vg_name,lv_attr,seg_start,seg_size,stripes,segtype,stripe_size,"
			 "chunk_size",
			 "vg_name,lv_name,seg_start", lv_rows, NULL, lv_wants_vg, lv_missing, true },
	[REPORT_VGLV] = { "vg", vg_tables,
			  "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
			  "vg_name,vg_attr,vg_extent_size,pv_count,lv_count,snap_count,vg_size,vg_free,"
			  "vg_uuid,vg_profile",
			  "vg_name", vglv_rows, NULL, vg_wants_vg, vg_missing, false },
};
