/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kinds of report: pvs and vgs.  Each names its field tables, its
 * default columns and sort, and which objects make its rows.  lvs will be
 * one more entry, with its own field table.
 */
#include <string.h>

#include "report.h"

static bool pv_wanted(const struct vol_pv *pv, struct args *a)
{
	bool any = !a->n;

	for (int i = 0; i < a->n; i++)
		if (cli_pv_matches(pv, a->v[i]))
			any = a->seen[i] = true;
	return any;
}

static int pv_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	int r;

	for (size_t k = 0; k < vol_vg_pv_count(vg); k++) {
		struct report_obj o = { vol_vg_pv(vg, k), vg };

		if (pv_wanted(o.pv, a) && (r = rowset_add(rs, o)))
			return r;
	}
	return 0;
}

static int orphan_rows(struct cli *c, struct rowset *rs, struct args *a)
{
	size_t n = 0;
	int r = vol_orphan_count(c->ctx, &n);

	for (size_t i = 0; i < n && !r; i++) {
		struct report_obj o = { vol_orphan_pv(c->ctx, i), NULL };

		/* A duplicate shows when named (or with -a), as in lvm2. */
		if (vol_pv_state(o.pv) == VOL_PV_DUPLICATE && !a->n)
			continue;
		if (pv_wanted(o.pv, a))
			r = rowset_add(rs, o);
	}
	return r;
}

static int vg_rows(struct rowset *rs, struct vol_vg *vg, struct args *a)
{
	bool any = !a->n;

	for (int i = 0; i < a->n; i++)
		if (!strcmp(vol_vg_name(vg), a->v[i]) || !strcmp(vol_vg_uuid(vg), a->v[i]))
			any = a->seen[i] = true;
	return any ? rowset_add(rs, (struct report_obj){ NULL, vg }) : 0;
}

static const struct field_table *const pv_tables[] = { &pv_table, &vg_table, NULL };
static const struct field_table *const vg_tables[] = { &vg_table, NULL };

const struct report_kind report_kinds[] = {
	[REPORT_PV] = { "pv", pv_tables, "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free",
			"pv_name", pv_rows, orphan_rows,
			{ "Failed to find physical volume", "." } },
	[REPORT_VG] = { "vg", vg_tables,
			"vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free",
			"vg_name", vg_rows, NULL, { "Volume group", " not found" } },
};

