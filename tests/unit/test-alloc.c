/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The extent allocator against lvm2 2.03.16.
 *
 * Every scenario in lvm2_runs[] was run with real lvm2 on loop devices
 * (activation off, 1 MiB extents unless noted): PVs of the sizes given,
 * filler LVs placed with PE ranges so the free space is fragmented as
 * shown, then the command, then
 *   lvs --noheadings --segments -o lv_name,seg_start_pe,seg_size_pe,stripes,seg_pe_ranges
 * for the LV it made or grew, or its error message.  The test rebuilds the
 * same VG in memory, turns the same command line into a request, and wants
 * the same extents, segment by segment, or the same message.
 *
 * Notation.  PVs: pe_count of pv0, pv1, ... ("n": not allocatable).  LVs:
 * "name=seg seg ..." in LE order; a segment is its parallel areas joined
 * by '/', each "pv@first_pe+length".  {vg} and {pvN} stand for the VG and
 * the PVs' devices in commands and messages.
 */
#include "unit.h"
#include "alloc.h"

struct scen {
	const char *name;
	const char *pvs;	/* before */
	const char *lvs;	/* before */
	const char *cmd;	/* what lvm2 ran */
	const char *want;	/* the LV "t" after, or "!" and lvm2's error */
};

/* ---------------------------------------------------------------- building the VG */

static void add_seg(struct md_vg *vg, struct md_lv *lv, const char *tok)
{
	struct md_seg *segs = md_arena_alloc(vg->arena, (lv->n_segs + 1) * sizeof(*segs));
	struct md_seg *seg = &segs[lv->n_segs];
	uint32_t n = 1;
	const char *c = tok;

	for (const char *p = tok; *p; p++)
		n += *p == '/';
	if (lv->n_segs)
		memcpy(segs, lv->segs, lv->n_segs * sizeof(*segs));
	seg->start_extent = lv->n_segs ? lv->segs[lv->n_segs - 1].start_extent +
					 lv->segs[lv->n_segs - 1].extent_count : 0;
	seg->type = MD_SEG_STRIPED;
	seg->type_name = "striped";
	seg->stripe_count = n;
	seg->stripe_size = n > 1 ? 128 : 0;
	seg->areas = md_arena_alloc(vg->arena, n * sizeof(*seg->areas));
	for (uint32_t a = 0; a < n; a++) {
		unsigned pv;
		unsigned long long start, len;
		int used = 0;

		if (sscanf(c, "%u@%llu+%llu%n", &pv, &start, &len, &used) != 3)
			fail_msg("bad area \"%s\"", c);
		seg->areas[a] = (struct md_area_ref){ .pv = (int32_t)pv, .lv = -1, .start = start };
		seg->extent_count = len * n;
		c += used + (c[used] == '/');
	}
	lv->segs = segs;
	lv->n_segs++;
}

static struct md_lv *add_lv(struct md_vg *vg, const char *name)
{
	struct md_lv *lv = md_vg_add_lv(vg);

	assert_non_null(lv);
	lv->name = md_arena_strdup(vg->arena, name);
	snprintf(lv->id, sizeof(lv->id), "lv%029u", vg->n_lvs);
	lv->status.known = MD_LV_READ | MD_LV_WRITE | MD_LV_VISIBLE;
	return lv;
}

/* "20 20 10n" and "u0=0@5+3 t=0@0+5 1@0+3/2@0+3" */
static struct md_vg *vg_build(struct md_arena *a, const char *pvs, const char *lvs)
{
	struct md_vg *vg = md_vg_new(a);
	char *copy = xstrndup(lvs, strlen(lvs)), *save = NULL;
	struct md_lv *lv = NULL;

	vg->name = "vg";
	vg->extent_size = 2048;
	for (const char *c = pvs; *c;) {
		struct md_pv *pv = md_vg_add_pv(vg);
		char *end;

		pv->pe_count = strtoull(c, &end, 10);
		pv->pe_start = 2048;
		pv->dev_size = (pv->pe_count + 1) * 2048;
		snprintf(pv->id, sizeof(pv->id), "pv%030u", vg->n_pvs);
		pv->status.known = *end == 'n' ? 0 : MD_PV_ALLOCATABLE;
		c = end + (*end == 'n');
		c += strspn(c, " ");
	}
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(t, '=');

		if (eq) {
			*eq = '\0';
			lv = add_lv(vg, t);
			t = eq + 1;
		}
		assert_non_null(lv);
		add_seg(vg, lv, t);
	}
	free(copy);
	return vg;
}

/* The LV's segments in the notation above. */
static void lv_format(const struct md_lv *lv, char *out, size_t len)
{
	size_t k = 0;

	out[0] = '\0';
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		for (uint32_t a = 0; a < seg->stripe_count; a++)
			k += (size_t)snprintf(out + k, len - k, "%s%d@%" PRIu64 "+%" PRIu64,
					      a ? "/" : s ? " " : "", seg->areas[a].pv,
					      seg->areas[a].start,
					      seg->extent_count / seg->stripe_count);
	}
}

static uint64_t vg_free(const struct md_vg *vg)
{
	uint64_t n = 0;

	for (uint32_t p = 0; p < vg->n_pvs; p++)
		n += vg->pvs[p].pe_count - md_pv_used_extents(vg, p);
	return n;
}

/* ---------------------------------------------------------------- lvm2 command lines */

#define MAX_ARGS 16

struct cmd {
	struct alloc_request req;
	struct alloc_pv pvs[MAX_ARGS];
	struct alloc_range *ranges[MAX_ARGS];
	bool extend, stripes_given;
	char lv[32];
	char err[256];		/* a PV argument lvm2 refuses */
};

static enum vol_alloc policy_arg(const char *s)
{
	static const char *const names[] = { "inherit", "contiguous", "cling", "normal",
					     "anywhere" };

	for (unsigned i = 0; i < 5; i++)
		if (!strcmp(s, names[i]))
			return (enum vol_alloc)i;
	fail_msg("bad policy %s", s);
	return VOL_ALLOC_INHERIT;
}

static void pv_arg(const struct md_vg *vg, struct cmd *c, const char *t)
{
	unsigned pv;
	int used = 0;
	struct alloc_pv *e = &c->pvs[c->req.n_pvs];
	struct alloc_result res;
	char name[16];

	if (sscanf(t, "{pv%u}%n", &pv, &used) != 1 || !used || pv >= vg->n_pvs)
		fail_msg("bad PV argument %s", t);
	assert_true(c->req.n_pvs < MAX_ARGS);
	e->pv = pv;
	if (t[used] && alloc_parse_ranges(t + used, vg->pvs[pv].pe_count,
					  &c->ranges[c->req.n_pvs], &e->n_ranges, &res)) {
		snprintf(name, sizeof(name), "{pv%u}", pv);
		alloc_message(&res, "{vg}", "t",
			      res.status == ALLOC_RANGE_SYNTAX ? t + used + res.at : name,
			      c->err, sizeof(c->err));
	}
	e->ranges = c->ranges[c->req.n_pvs];
	c->req.n_pvs++;
	c->req.pvs = c->pvs;
}

static void size_arg(const struct md_vg *vg, struct cmd *c, const char *t)
{
	char *end;

	c->req.extents = strtoull(t + (*t == '+'), &end, 10);
	if (!strcmp(end, "%FREE")) {
		c->req.approx = true;
		c->req.extents = vg_free(vg) * c->req.extents / 100;
	} else if (*end) {
		fail_msg("bad size %s", t);
	}
}

/* Stripes as lvextend takes them from the last segment, sizes rounded as lvm2 does. */
static void finish_cmd(const struct md_vg *vg, struct cmd *c)
{
	int32_t lv = md_vg_find_lv(vg, c->lv);

	c->req.lv = c->extend ? lv : -1;
	if (c->extend && lv < 0)
		fail_msg("no LV %s", c->lv);
	if (c->extend && !c->stripes_given) {
		const struct md_lv *m = &vg->lvs[lv];

		c->req.stripes = m->segs[m->n_segs - 1].stripe_count;
	}
	if (c->req.approx)
		c->req.extents -= c->req.extents % c->req.stripes;
	else
		assert_int_equal(alloc_round_to_stripes(c->req.extents, c->req.stripes,
							&c->req.extents), 0);
}

static void parse_cmd(const struct md_vg *vg, const char *line, struct cmd *c)
{
	char *copy = xstrndup(line, strlen(line)), *save = NULL;

	memset(c, 0, sizeof(*c));
	c->req.stripes = 1;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (!strcmp(t, "lvcreate") || !strcmp(t, "lvextend"))
			c->extend = t[2] == 'e';
		else if (!strcmp(t, "-an") || !strcmp(t, "-Zn") || !strcmp(t, "-y") ||
			 !strcmp(t, "{vg}"))
			continue;
		else if (!strcmp(t, "-l"))
			size_arg(vg, c, strtok_r(NULL, " ", &save));
		else if (!strcmp(t, "-i"))
			c->stripes_given = (c->req.stripes = (uint32_t)atoi(strtok_r(NULL, " ", &save)));
		else if (!strcmp(t, "--alloc"))
			c->req.policy = policy_arg(strtok_r(NULL, " ", &save));
		else if (!strcmp(t, "-n"))
			snprintf(c->lv, sizeof(c->lv), "%s", strtok_r(NULL, " ", &save));
		else if (!strncmp(t, "{vg}/", 5))
			snprintf(c->lv, sizeof(c->lv), "%s", t + 5);
		else if (!strncmp(t, "{pv", 3))
			pv_arg(vg, c, t);
		else
			fail_msg("unknown argument %s in \"%s\"", t, line);
	}
	free(copy);
	finish_cmd(vg, c);
}

static void free_cmd(struct cmd *c)
{
	for (unsigned i = 0; i < MAX_ARGS; i++)
		free(c->ranges[i]);
}

/* ---------------------------------------------------------------- running one */

static uint64_t stripe_size_for(const struct md_vg *vg, const struct cmd *c)
{
	if (c->req.lv >= 0) {
		const struct md_lv *lv = &vg->lvs[c->req.lv];
		const struct md_seg *last = &lv->segs[lv->n_segs - 1];

		if (last->stripe_count == c->req.stripes && last->stripe_size)
			return last->stripe_size;
	}
	return alloc_default_stripe_size(vg->extent_size);
}

/* Runs @line on the VG; *out gets "t" afterwards or "!" and the error. */
static void run_cmd(struct md_vg *vg, const char *line, char *out, size_t len)
{
	struct alloc_result res;
	struct cmd c;
	char pv[16];
	int rc;

	parse_cmd(vg, line, &c);
	if (c.err[0]) {
		snprintf(out, len, "!%s", c.err);
		free_cmd(&c);
		return;
	}
	rc = alloc_extents(vg, &c.req, &res);
	if (rc) {
		assert_int_not_equal(res.status, ALLOC_OK);
		snprintf(pv, sizeof(pv), "{pv%u}", res.pv);
		out[0] = '!';
		alloc_message(&res, "{vg}", c.lv, pv, out + 1, len - 1);
	} else {
		int32_t lv = c.req.lv >= 0 ? c.req.lv : (int32_t)(add_lv(vg, c.lv) - vg->lvs);

		assert_int_equal(res.extents, c.req.extents);
		assert_int_equal(alloc_apply(vg, (uint32_t)lv, &res, stripe_size_for(vg, &c)), 0);
		lv_format(&vg->lvs[lv], out, len);
	}
	alloc_result_free(&res);
	free_cmd(&c);
}

static void test_lvm2_run(void **state)
{
	const struct scen *sc = *state;
	struct md_arena *a = md_arena_new();
	struct md_vg *vg = vg_build(a, sc->pvs, sc->lvs);
	struct md_err err = { 0 };
	char got[512];

	assert_int_equal(md_vg_validate(vg, &err), 0);
	run_cmd(vg, sc->cmd, got, sizeof(got));
	if (strcmp(got, sc->want))
		fail_msg("%s: %s\n  lvm2: %s\n  ours: %s", sc->name, sc->cmd, sc->want, got);
	if (got[0] != '!')
		assert_int_equal(md_vg_validate(vg, &err), 0);
	md_arena_free(a);
}

/* ---------------------------------------------------------------- lvm2 runs */

static struct scen lvm2_runs[] = {
	{ "lin-first-pv", "20 20", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg}",
	  "0@0+5" },
	{ "lin-larger-pv", "10 20", "",
	  "lvcreate -an -Zn -y -l 15 -n t {vg}",
	  "1@0+15" },
	{ "lin-split", "10 20", "",
	  "lvcreate -an -Zn -y -l 25 -n t {vg}",
	  "1@0+20 0@0+5" },
	{ "lin-smallest-fit", "30", "u0=0@8+2 u1=0@14+2",
	  "lvcreate -an -Zn -y -l 3 -n t {vg}",
	  "0@10+3" },
	{ "lin-skip-quirk", "26", "u0=0@10+1 u1=0@19+1",
	  "lvcreate -an -Zn -y -l 7 -n t {vg}",
	  "0@0+7" },
	{ "lin-tie-exact", "11", "u0=0@5+1",
	  "lvcreate -an -Zn -y -l 5 -n t {vg}",
	  "0@6+5" },
	{ "lin-tie-smaller", "11", "u0=0@5+1",
	  "lvcreate -an -Zn -y -l 3 -n t {vg}",
	  "0@0+3" },
	{ "str2-basic", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 2 -l 10 -n t {vg}",
	  "0@0+5/1@0+5" },
	{ "str2-sizes", "5 20 10", "",
	  "lvcreate -an -Zn -y -i 2 -l 20 -n t {vg}",
	  "1@0+10/2@0+10" },
	{ "str2-split", "5 20 10", "",
	  "lvcreate -an -Zn -y -i 2 -l 24 -n t {vg}",
	  "1@0+10/2@0+10 0@0+2/1@10+2" },
	{ "str3-basic", "10 10 10 10", "",
	  "lvcreate -an -Zn -y -i 3 -l 9 -n t {vg}",
	  "0@0+3/1@0+3/2@0+3" },
	{ "str2-one-pv", "20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg}",
	  "!Number of stripes (2) must not exceed number of physical volumes (1)" },
	{ "str2-anywhere", "20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 --alloc anywhere -n t {vg}",
	  "0@0+2/0@2+2" },
	{ "contig-create", "10 10", "u0=0@5+1",
	  "lvcreate -an -Zn -y -l 8 --alloc contiguous -n t {vg}",
	  "1@0+8" },
	{ "contig-create-fail", "8 7", "u0=0@3+1",
	  "lvcreate -an -Zn -y -l 7 --alloc contiguous -n t {vg} {pv0}",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: 7 more required" },
	{ "ext-lin-after", "20 20", "t=0@0+5",
	  "lvextend -l +5 {vg}/t",
	  "0@0+10" },
	{ "ext-lin-cling", "20 20", "t=0@0+5 u0=0@5+2",
	  "lvextend -l +5 {vg}/t",
	  "0@0+5 0@7+5" },
	{ "ext-lin-first-seg", "20 20 20", "t=0@0+5 1@0+3 u0=0@5+3 u1=1@3+2",
	  "lvextend -l +4 {vg}/t",
	  "0@0+5 1@0+3 0@8+4" },
	{ "ext-str2-after", "20 20 20", "t=0@0+3/1@0+3",
	  "lvextend -l +4 {vg}/t",
	  "0@0+5/1@0+5" },
	{ "ext-str2-cling", "20 20 20", "t=0@0+3/1@0+3 u0=0@3+2",
	  "lvextend -l +4 {vg}/t",
	  "0@0+3/1@0+3 0@5+2/1@3+2" },
	{ "pvlist-order", "20 20", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv1} {pv0}",
	  "1@0+5" },
	{ "pvlist-range", "20 20", "",
	  "lvcreate -an -Zn -y -l 4 -n t {vg} {pv1}:10-19",
	  "1@10+4" },
	{ "cling-create-fail", "10 20", "",
	  "lvcreate -an -Zn -y -l 25 --alloc cling -n t {vg}",
	  "!Insufficient suitable allocatable extents for logical volume t: 5 more required" },
	{ "vg-nospace", "10 10", "",
	  "lvcreate -an -Zn -y -l 25 -n t {vg}",
	  "!Volume group \"{vg}\" has insufficient free space (20 extents): 25 required." },
	{ "pv-nospace", "10 10", "",
	  "lvcreate -an -Zn -y -l 15 -n t {vg} {pv0}",
	  "!Insufficient free space: 15 extents needed, but only 10 available" },
	{ "ext-vg-nospace", "10 10", "t=0@0+5",
	  "lvextend -l +20 {vg}/t",
	  "!Insufficient free space: 20 extents needed, but only 15 available" },
	{ "ext-pv-nospace", "10 10", "t=0@0+5",
	  "lvextend -l +8 {vg}/t {pv0}",
	  "!Insufficient free space: 8 extents needed, but only 5 available" },
	{ "ext-contig-fail", "10 10", "t=0@0+5 u0=0@5+1",
	  "lvextend -l +2 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: 2 more required" },
	{ "ext-contig-short", "10 10", "t=0@0+5 u0=0@8+2",
	  "lvextend -l +4 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: 1 more required" },
	{ "ext-contig-ok", "10 10", "t=0@0+5 u0=0@8+2",
	  "lvextend -l +3 --alloc contiguous {vg}/t",
	  "0@0+8" },
	{ "ext-cling-fail", "10 10", "t=0@0+10",
	  "lvextend -l +2 --alloc cling {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "ext-cling-partial", "10 10", "t=0@0+8",
	  "lvextend -l +4 --alloc cling {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "ext-normal-other-pv", "10 6 8", "t=0@0+10",
	  "lvextend -l +4 {vg}/t",
	  "0@0+10 1@0+4" },
	{ "ext-normal-largest", "10 6 8", "t=0@0+10",
	  "lvextend -l +7 {vg}/t",
	  "0@0+10 2@0+7" },
	{ "ext-lin-to-str2", "20 20 20", "t=0@0+4",
	  "lvextend -i 2 -l +4 {vg}/t",
	  "0@0+4 0@4+2/1@0+2" },
	{ "ext-lin-to-str2-contig", "20 20 20", "t=0@0+4",
	  "lvextend -i 2 -l +4 --alloc contiguous {vg}/t",
	  "0@0+4 0@4+2/1@0+2" },
	{ "ext-str2-onefull", "10 10 10", "t=0@0+3/1@0+3 u0=1@3+7",
	  "lvextend -l +4 {vg}/t",
	  "0@0+3/1@0+3 0@3+2/2@0+2" },
	{ "ext-str2-contig-half", "10 10 10", "t=0@0+3/1@0+3 u0=1@3+1",
	  "lvextend -l +4 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: 4 more required" },
	{ "ext-anywhere", "10", "t=0@0+4 u0=0@4+2",
	  "lvextend -l +3 --alloc anywhere {vg}/t",
	  "0@0+4 0@6+3" },
	{ "notalloc-skip", "10n 10", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg}",
	  "1@0+5" },
	{ "notalloc-listed", "10n 10", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv0} {pv1}",
	  "1@0+5" },
	{ "notalloc-only", "10n 10", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv0}",
	  "!No specified PVs have space available." },
	{ "full-listed", "10 10", "u0=0@0+10",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv0} {pv1}",
	  "1@0+5" },
	{ "full-only", "10 10", "u0=0@0+10",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv0}",
	  "!No specified PVs have space available." },
	{ "range-plus", "20", "",
	  "lvcreate -an -Zn -y -l 3 -n t {vg} {pv0}:5+3",
	  "0@5+3" },
	{ "range-single", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:7",
	  "0@7+1" },
	{ "range-plus0", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:7+0",
	  "0@7+1" },
	{ "range-open-end", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:15-",
	  "0@15+2" },
	{ "range-open-start", "20", "u0=0@0+2",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:-5",
	  "0@2+2" },
	{ "range-multi", "20", "",
	  "lvcreate -an -Zn -y -l 4 -n t {vg} {pv0}:12-13:2-3",
	  "0@12+2 0@2+2" },
	{ "range-multi-arg", "20 20", "",
	  "lvcreate -an -Zn -y -l 6 -n t {vg} {pv0}:12-13 {pv1}:5-9 {pv0}:2-4",
	  "1@5+5 0@2+1" },
	{ "range-overlap", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:2-5 {pv0}:5-6",
	  "!Overlapping PE ranges specified (5-6, 2-5) on {pv0}." },
	{ "range-past-end", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:15-20",
	  "!PE range error: start extent 15 to end extent 20." },
	{ "range-backwards", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:5-3",
	  "!PE range error: start extent 5 to end extent 3." },
	{ "range-garbage", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:5x",
	  "!Physical extent parsing error at x." },
	{ "range-used", "20", "u0=0@0+10",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:0-9",
	  "!Insufficient free space: 2 extents needed, but only 0 available" },
	{ "str2-pvlist-order", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg} {pv2} {pv0}",
	  "2@0+2/0@0+2" },
	{ "str2-too-few-listed", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 3 -l 6 -n t {vg} {pv2} {pv0}",
	  "!Number of stripes (3) must not exceed number of physical volumes (2)" },
	{ "str2-listed-anywhere", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 3 -l 6 --alloc anywhere -n t {vg} {pv2} {pv0}",
	  "2@0+2/0@0+2/2@2+2" },
	{ "approx-free", "10 7", "u0=0@2+2",
	  "lvcreate -an -Zn -y -l 100%FREE -n t {vg}",
	  "1@0+7 0@4+6 0@0+2" },
	{ "approx-str2", "10 7 3", "",
	  "lvcreate -an -Zn -y -i 2 -l 100%FREE -n t {vg}",
	  "0@0+7/1@0+7 0@7+3/2@0+3" },
	{ "small-extent-stripe", "64 64", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg}",
	  "0@0+2/1@0+2" },
};

#define N_RUNS (sizeof(lvm2_runs) / sizeof(lvm2_runs[0]))

int main(void)
{
	static struct CMUnitTest runs[N_RUNS];

	for (size_t i = 0; i < N_RUNS; i++)
		runs[i] = (struct CMUnitTest){ .name = lvm2_runs[i].name,
					       .test_func = test_lvm2_run,
					       .initial_state = &lvm2_runs[i] };
	return _cmocka_run_group_tests("lvm2 runs", runs, N_RUNS, NULL, NULL);
}
