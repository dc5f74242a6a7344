/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The extent allocator against lvm2 2.03.16.
 *
 * Every scenario in lvm2_runs[] was run with real lvm2 on loop devices
 * (activation off, 1 MiB extents unless noted; the raid1 ones in the VM
 * tier's guest, which has device-mapper): PVs of the sizes given, filler
 * LVs placed with PE ranges so the free space is fragmented as shown, then
 * the command, then
 *   lvs --noheadings --segments -a -o lv_name,seg_start_pe,seg_size_pe,stripes,seg_pe_ranges
 * for the LV it made or grew (raid1: its sub-LVs), or its error message.
 * The test rebuilds the same VG in memory, turns the same command line
 * into a request, and wants the same extents, segment by segment, or the
 * same message.
 *
 * Notation.  PVs: pe_count of pv0, pv1, ... ("n": not allocatable), then
 * "alloc=POLICY" if the VG has one.  LVs: "name[:POLICY]=seg seg ..." in
 * LE order; a segment is its parallel areas joined by '/', each
 * "pv@first_pe+length"; a raid1 segment is "@0+len/@0+len", its legs the
 * LVs name_rimage_N and name_rmeta_N.  {vg} and {pvN} stand for the VG and
 * the PVs' devices in commands and messages.
 */
#include <time.h>

#include "unit.h"
#include "alloc.h"

struct scen {
	const char *name;
	const char *pvs;	/* before */
	const char *lvs;	/* before */
	const char *cmd;	/* what lvm2 ran */
	const char *want;	/* the LV "t" (raid1: its sub-LVs) after, or "!" and the error */
};

/* ---------------------------------------------------------------- building the VG */

static struct md_seg *new_seg(struct md_vg *vg, struct md_lv *lv)
{
	struct md_seg *segs = md_arena_alloc(vg->arena, (lv->n_segs + 1) * sizeof(*segs));

	assert_non_null(segs);
	if (lv->n_segs)
		memcpy(segs, lv->segs, lv->n_segs * sizeof(*segs));
	segs[lv->n_segs].start_extent = lv->n_segs ? lv->segs[lv->n_segs - 1].start_extent +
						     lv->segs[lv->n_segs - 1].extent_count : 0;
	lv->segs = segs;
	return &segs[lv->n_segs++];
}

/* "@0+5/@0+5": a raid1 segment of two legs (sub-LVs found later by name). */
static void add_raid_seg(struct md_vg *vg, struct md_lv *lv, const char *tok)
{
	struct md_seg *seg = new_seg(vg, lv);
	unsigned long long start, len;
	uint32_t n = 1;

	for (const char *p = tok; *p; p++)
		n += *p == '/';
	if (sscanf(tok, "@%llu+%llu", &start, &len) != 2)
		fail_msg("bad raid segment \"%s\"", tok);
	seg->type = MD_SEG_RAID1;
	seg->type_name = "raid1";
	seg->device_count = n;
	seg->region_size = 4096;
	seg->extent_count = len;
	seg->pairs = md_arena_alloc(vg->arena, n * sizeof(*seg->pairs));
}

static void add_seg(struct md_vg *vg, struct md_lv *lv, const char *tok)
{
	struct md_seg *seg;
	uint32_t n = 1;
	const char *c = tok;

	if (*tok == '@') {
		add_raid_seg(vg, lv, tok);
		return;
	}
	for (const char *p = tok; *p; p++)
		n += *p == '/';
	seg = new_seg(vg, lv);
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
}

static int32_t sub_lv(struct md_vg *vg, const char *lv, const char *kind, uint32_t i)
{
	char name[MD_NAME_LEN];
	int32_t idx;

	snprintf(name, sizeof(name), "%s_%s_%u", lv, kind, i);
	idx = md_vg_find_lv(vg, name);
	if (idx >= 0)
		vg->lvs[idx].status.known &= ~(uint32_t)MD_LV_VISIBLE;
	return idx;
}

/* raid1 legs are the LVs named <lv>_rimage_N and <lv>_rmeta_N. */
static void resolve_raids(struct md_vg *vg)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			struct md_seg *seg = &vg->lvs[l].segs[s];

			for (uint32_t i = 0; seg->type == MD_SEG_RAID1 && i < seg->device_count;
			     i++) {
				seg->pairs[i].image = sub_lv(vg, vg->lvs[l].name, "rimage", i);
				seg->pairs[i].meta = sub_lv(vg, vg->lvs[l].name, "rmeta", i);
				if (seg->pairs[i].image < 0)
					fail_msg("no image %u of %s", i, vg->lvs[l].name);
			}
		}
}

static struct md_lv *add_lv(struct md_vg *vg, const char *name)
{
	struct md_lv *lv = md_vg_add_lv(vg);
	const char *colon = strchr(name, ':');

	size_t len = colon ? (size_t)(colon - name) : strlen(name);
	char *copy = md_arena_alloc(vg->arena, len + 1);

	assert_non_null(lv);
	memcpy(copy, name, len);
	lv->name = copy;
	if (colon)
		lv->alloc_policy = md_arena_strdup(vg->arena, colon + 1);
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
		struct md_pv *pv;
		char *end;

		if (!strncmp(c, "alloc=", 6)) {
			vg->alloc_policy = md_arena_strdup(vg->arena, c + 6);
			break;
		}
		pv = md_vg_add_pv(vg);
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
	resolve_raids(vg);
	return vg;
}

/* The LV's segments in the notation above. */
static void lv_format(const struct md_lv *lv, char *out, size_t len)
{
	size_t k = 0;

	out[0] = '\0';
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];

		for (uint32_t a = 0; seg->type == MD_SEG_RAID1 && a < seg->device_count; a++)
			k += (size_t)snprintf(out + k, len - k, "%s@0+%" PRIu64,
					      a ? "/" : s ? " " : "", seg->extent_count);
		for (uint32_t a = 0; seg->type == MD_SEG_STRIPED && a < seg->stripe_count; a++)
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
	char *copy;		/* the tokens */
	struct alloc_request req;
	struct alloc_pv pvs[MAX_ARGS];
	bool extend;
	uint32_t stripes;	/* -i, 0 if not given */
	char lv[32];
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

	if (sscanf(t, "{pv%u}%n", &pv, &used) != 1 || !used || pv >= vg->n_pvs)
		fail_msg("bad PV argument %s", t);
	assert_true(c->req.n_pvs < MAX_ARGS);
	e->pv = pv;
	e->spec = t + used;
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

/* What lvcreate and lvextend pass on: -i as given, legs of a raid1 LV from the LV. */
static void finish_cmd(const struct md_vg *vg, struct cmd *c)
{
	int32_t lv = md_vg_find_lv(vg, c->lv);

	c->req.lv = c->extend ? lv : -1;
	if (c->extend && lv < 0)
		fail_msg("no LV %s", c->lv);
	c->req.stripes = c->stripes ? c->stripes : c->extend ? 0 : 1;
	if (c->extend) {
		const struct md_lv *m = &vg->lvs[lv];

		if (m->segs[m->n_segs - 1].type == MD_SEG_RAID1)
			c->req.mirrors = m->segs[m->n_segs - 1].device_count;
	}
	/* rmeta of a new raid1 LV: one extent at these sizes (lvm2-format.md) */
	if (!c->extend && c->req.mirrors > 1)
		c->req.meta_extents = 1;
}

static void parse_cmd(const struct md_vg *vg, const char *line, struct cmd *c)
{
	char *copy = xstrndup(line, strlen(line)), *save = NULL;

	memset(c, 0, sizeof(*c));
	c->copy = copy;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (!strcmp(t, "lvcreate") || !strcmp(t, "lvextend"))
			c->extend = t[2] == 'e';
		else if (!strcmp(t, "-an") || !strcmp(t, "-Zn") || !strcmp(t, "-y") ||
			 !strcmp(t, "{vg}"))
			continue;
		else if (!strcmp(t, "-l"))
			size_arg(vg, c, strtok_r(NULL, " ", &save));
		else if (!strcmp(t, "-i"))
			c->stripes = (uint32_t)atoi(strtok_r(NULL, " ", &save));
		else if (!strcmp(t, "--type") && !strcmp(strtok_r(NULL, " ", &save), "raid1"))
			c->req.mirrors = 2;
		else if (!strcmp(t, "-m"))
			c->req.mirrors = 1 + (uint32_t)atoi(strtok_r(NULL, " ", &save));
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
	finish_cmd(vg, c);
}

/* ---------------------------------------------------------------- running one */

static int32_t find_or_add(struct md_vg *vg, const char *name)
{
	int32_t idx = md_vg_find_lv(vg, name);

	return idx >= 0 ? idx : (int32_t)(add_lv(vg, name) - vg->lvs);
}

/* Legs into t_rimage_N, metadata areas into t_rmeta_N, as lvm2 lays them out. */
static void apply_raid(struct md_vg *vg, const struct cmd *c, const struct alloc_result *res)
{
	char name[MD_NAME_LEN];

	for (uint32_t i = 0; i < c->req.mirrors; i++) {
		uint32_t img, meta;

		snprintf(name, sizeof(name), "%s_rimage_%u", c->lv, i);
		img = (uint32_t)find_or_add(vg, name);
		assert_int_equal(alloc_apply_leg(vg, img, res, i, false), 0);
		if (!res->n_meta)
			continue;
		snprintf(name, sizeof(name), "%s_rmeta_%u", c->lv, i);
		meta = (uint32_t)find_or_add(vg, name);
		assert_int_equal(alloc_apply_leg(vg, meta, res, i, true), 0);
	}
}

static int cmp_lv_name(const void *x, const void *y)
{
	const struct md_lv *const *a = x, *const *b = y;

	return strcmp((*a)->name, (*b)->name);
}

/* The sub-LVs of @lv ("lv_..."), sorted by name as lvs prints them. */
static void raid_format(const struct md_vg *vg, const char *lv, char *out, size_t len)
{
	const struct md_lv **subs = xmalloc(vg->n_lvs * sizeof(*subs));
	size_t n = 0, k = 0, pl = strlen(lv);
	char segs[512];

	for (uint32_t l = 0; l < vg->n_lvs; l++)
		if (!strncmp(vg->lvs[l].name, lv, pl) && vg->lvs[l].name[pl] == '_')
			subs[n++] = &vg->lvs[l];
	qsort(subs, n, sizeof(*subs), cmp_lv_name);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		lv_format(subs[i], segs, sizeof(segs));
		k += (size_t)snprintf(out + k, len - k, "%s%s=%s", i ? " " : "", subs[i]->name,
				      segs);
	}
	free(subs);
}

/* Runs @line on the VG; *out gets "t" afterwards or "!" and the error. */
static void run_cmd(struct md_vg *vg, const char *line, char *out, size_t len)
{
	struct alloc_result res;
	struct cmd c;
	char pv[16];
	int rc;

	parse_cmd(vg, line, &c);
	rc = alloc_extents(vg, &c.req, &res);
	if (rc) {
		assert_int_not_equal(res.status, ALLOC_OK);
		snprintf(pv, sizeof(pv), "{pv%u}", res.pv);
		out[0] = '!';
		if (res.status == ALLOC_RANGE_SYNTAX)
			snprintf(pv, sizeof(pv), "%s", c.pvs[res.entry].spec + res.at);
		alloc_message(&res, "{vg}", c.lv, pv, out + 1, len - 1);
	} else if (c.req.mirrors > 1) {
		apply_raid(vg, &c, &res);
		raid_format(vg, c.lv, out, len);
	} else {
		int32_t lv = c.req.lv >= 0 ? c.req.lv : (int32_t)(add_lv(vg, c.lv) - vg->lvs);

		assert_true(c.req.approx ? res.extents <= c.req.extents
					 : res.extents >= c.req.extents);
		assert_int_equal(alloc_apply(vg, (uint32_t)lv, &res, res.stripe_size), 0);
		lv_format(&vg->lvs[lv], out, len);
	}
	alloc_result_free(&res);
	free(c.copy);
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

/* ---------------------------------------------------------------- beyond lvm2's runs */

struct fx {
	struct md_arena *a;
	struct md_vg *vg;
	struct alloc_request req;
	struct alloc_result res;
	char seg[512];
};

static void fx_init(struct fx *f, const char *pvs, const char *lvs)
{
	memset(f, 0, sizeof(*f));
	f->a = md_arena_new();
	f->vg = vg_build(f->a, pvs, lvs);
	f->req.stripes = 1;
	f->req.lv = -1;
}

static void fx_done(struct fx *f)
{
	alloc_result_free(&f->res);
	md_arena_free(f->a);
}

/* Runs the request; returns its rc and leaves the result's segments in f->seg. */
static int fx_run(struct fx *f)
{
	size_t k = 0;
	int rc;

	alloc_result_free(&f->res);
	rc = alloc_extents(f->vg, &f->req, &f->res);
	f->seg[0] = '\0';
	for (uint32_t s = 0; s < f->res.n_segs; s++)
		for (uint32_t a = 0; a < f->res.segs[s].n_areas; a++)
			k += (size_t)snprintf(f->seg + k, sizeof(f->seg) - k,
					      "%s%u@%" PRIu64 "+%" PRIu64,
					      a ? "/" : s ? " " : "", f->res.segs[s].areas[a].pv,
					      f->res.segs[s].areas[a].start,
					      f->res.segs[s].areas[a].count);
	return rc;
}

static const char *fx_msg(struct fx *f)
{
	static char msg[256];

	alloc_message(&f->res, "vg", "t", "pv", msg, sizeof(msg));
	return msg;
}

/* Requests past 2^64 fail cleanly; nothing wraps around. */
static void test_overflow(void **state)
{
	struct fx f;
	uint64_t out;

	(void)state;
	fx_init(&f, "20 20", "t=0@0+5");
	f.req.extents = UINT64_MAX;
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_int_equal(f.res.status, ALLOC_VG_FREE);
	assert_true(f.res.needed == UINT64_MAX && f.res.available == 35);
	f.req.lv = 0;		/* 5 existing + 2^64-1 */
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	assert_int_equal(f.res.status, ALLOC_OVERFLOW);
	f.req.extents = UINT64_MAX - 5;	/* fits exactly: an honest "not enough space" */
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_int_equal(f.res.status, ALLOC_FREE);
	assert_true(f.res.needed == UINT64_MAX - 5 && f.res.available == 35);
	f.req.lv = -1;
	f.req.extents = UINT64_MAX;	/* rounded up to whole stripes: past 2^64 */
	f.req.stripes = 2;
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	f.req.extents = UINT64_MAX;	/* down with approx: fine, just too big */
	f.req.approx = true;
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(f.res.extents, 30);
	f.req.approx = false;
	f.req.stripes = 1;	/* legs times extents */
	f.req.mirrors = 2;
	f.req.extents = (UINT64_MAX / 2) + 1;
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	f.req.extents = UINT64_MAX / 2;	/* meta on top */
	f.req.meta_extents = 2;
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	f.req.extents = UINT64_MAX;
	f.req.meta_extents = 1;
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	assert_int_equal(alloc_round_to_stripes(UINT64_MAX, 2, &out), -EOVERFLOW);
	assert_int_equal(alloc_round_to_stripes(UINT64_MAX - 1, 2, &out), 0);
	assert_true(out == UINT64_MAX - 1);
	assert_int_equal(alloc_round_to_stripes(UINT64_MAX, 3, &out), 0);
	assert_true(out == UINT64_MAX);
	fx_done(&f);
}

/* PVs of 2^64-1 PEs: free space sums saturate instead of wrapping. */
static void test_huge_pvs(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, "1 1", "");
	f.vg->pvs[0].pe_count = f.vg->pvs[1].pe_count = UINT64_MAX;
	f.vg->pvs[0].dev_size = f.vg->pvs[1].dev_size = UINT64_MAX;
	f.req.extents = UINT64_MAX - 1;
	f.req.stripes = 2;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@0+9223372036854775807/1@0+9223372036854775807");
	f.req.extents = UINT64_MAX;
	f.req.stripes = 1;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@0+18446744073709551615");
	f.req.mirrors = 2;	/* two legs of 2^64-1 would not fit in the sums */
	f.req.meta_extents = 1;
	f.req.extents = UINT64_MAX - 1;
	assert_int_equal(fx_run(&f), -EOVERFLOW);
	f.req.extents = UINT64_MAX / 2 - 1;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@1+9223372036854775806/1@1+9223372036854775806");
	fx_done(&f);
}

static void test_bad_requests(void **state)
{
	static const struct alloc_range past = { 18, 3 }, none = { 3, 0 };
	struct alloc_pv pv = { .pv = 0 };
	struct fx f;

	(void)state;
	fx_init(&f, "20 20", "t=0@0+5");
	f.req.extents = 4;
	f.req.stripes = 0;
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.stripes = MD_MAX_STRIPES + 1;
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.stripes = 2;
	f.req.mirrors = 2;
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.stripes = 1;
	f.req.meta_extents = 1;
	f.req.lv = 0;		/* metadata areas only for new LVs */
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.mirrors = 0;
	f.req.meta_extents = 0;
	f.req.lv = 1;		/* no such LV */
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.lv = -1;
	f.req.extents = 0;
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.extents = 4;
	f.req.policy = (enum vol_alloc)9;
	assert_int_equal(fx_run(&f), -EINVAL);
	f.req.policy = VOL_ALLOC_INHERIT;
	pv.pv = 2;		/* no such PV */
	f.req.pvs = &pv;
	f.req.n_pvs = 1;
	assert_int_equal(fx_run(&f), -EINVAL);
	pv.pv = 1;
	pv.ranges = &past;
	pv.n_ranges = 1;
	assert_int_equal(fx_run(&f), -EINVAL);
	assert_string_equal(fx_msg(&f), "PE range error: start extent 18 to end extent 20.");
	pv.ranges = &none;
	assert_int_equal(fx_run(&f), -EINVAL);
	assert_int_equal(f.res.status, ALLOC_RANGE);
	assert_int_equal(f.res.n_segs, 0);
	fx_done(&f);
}

/* Areas of segments of unknown type count over the whole segment length. */
static void test_unknown_segments(void **state)
{
	struct fx f;
	struct md_seg *seg;

	(void)state;
	fx_init(&f, "10 10", "x=0@2+2 y=1@0+10");
	seg = &f.vg->lvs[0].segs[0];
	seg->type = MD_SEG_OTHER;	/* say a 3-way mirror of 2 extents: 2 * 3 */
	seg->type_name = "something-new";
	seg->extent_count = 6;
	f.req.extents = 3;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@0+2 0@8+1");
	f.req.extents = 5;
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_string_equal(fx_msg(&f), "Volume group \"vg\" has insufficient free space "
			    "(4 extents): 5 required.");
	/* An LV that ends in a segment of unknown type cannot be extended. */
	f.req.extents = 1;
	f.req.lv = 0;
	assert_int_equal(fx_run(&f), -EINVAL);
	fx_done(&f);
}

/* Missing PVs are never allocated from, listed or not. */
static void test_missing_pvs(void **state)
{
	struct alloc_pv pvs[2] = { { .pv = 1 }, { .pv = 0 } };
	struct fx f;

	(void)state;
	fx_init(&f, "10 10", "");
	f.vg->pvs[1].status.known |= MD_PV_MISSING;
	f.req.extents = 3;
	f.req.pvs = pvs;
	f.req.n_pvs = 2;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@0+3");
	f.vg->pvs[1].status.known &= ~MD_PV_MISSING;
	f.vg->pvs[1].flags.known |= MD_PVF_MISSING;
	f.req.n_pvs = 1;
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_string_equal(fx_msg(&f), "No specified PVs have space available.");
	fx_done(&f);
}

/* inherit: the LV's own policy first, then the VG's, then normal. */
static void test_inherit(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, "10 10", "t=0@0+4 u=0@4+1");
	f.req.extents = 2;
	f.req.lv = 0;
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(f.res.policy, VOL_ALLOC_NORMAL);
	assert_string_equal(f.seg, "0@5+2");
	f.vg->alloc_policy = "contiguous";
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_int_equal(f.res.status, ALLOC_SUITABLE_CONTIG);
	f.vg->lvs[0].alloc_policy = "inherit";
	assert_int_equal(fx_run(&f), -ENOSPC);
	f.vg->lvs[0].alloc_policy = "anywhere";
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(f.res.policy, VOL_ALLOC_ANYWHERE);
	f.req.policy = VOL_ALLOC_CLING;
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(f.res.policy, VOL_ALLOC_CLING);
	f.req.lv = -1;		/* a new LV has no policy of its own */
	f.req.policy = VOL_ALLOC_INHERIT;
	f.req.extents = 6;
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(f.res.policy, VOL_ALLOC_CONTIGUOUS);
	assert_string_equal(f.seg, "1@0+6");
	fx_done(&f);
}

/*
 * raid1 legs with their metadata areas, beyond the VM runs below (r1-*):
 * each leg takes one run of extents + meta on its own PV, the metadata area
 * first; a leg that does not fit fails with the extents of every leg.
 */
static void test_raid1_legs(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, "20 20 20", "u=1@0+3");
	f.req.extents = 5;
	f.req.mirrors = 2;
	f.req.meta_extents = 1;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@1+5/1@4+5");
	assert_int_equal(f.res.n_meta, 2);
	assert_true(f.res.meta[0].pv == 0 && f.res.meta[0].start == 0 && f.res.meta[0].count == 1);
	assert_true(f.res.meta[1].pv == 1 && f.res.meta[1].start == 3 && f.res.meta[1].count == 1);
	assert_int_equal(f.res.extents, 5);
	f.req.mirrors = 3;	/* legs on three PVs, never two on one */
	f.req.extents = 16;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@1+16/1@4+16/2@1+16");
	f.req.extents = 17;	/* pv1 holds 16 + meta: a first segment of 16, then stuck */
	assert_int_equal(fx_run(&f), -ENOSPC);
	assert_string_equal(fx_msg(&f), "Insufficient suitable allocatable extents for logical "
			    "volume t: 3 more required");
	f.req.mirrors = 4;	/* four legs need four PVs unless anywhere */
	f.req.extents = 2;
	assert_int_equal(fx_run(&f), -ENOSPC);
	f.req.policy = VOL_ALLOC_ANYWHERE;
	assert_int_equal(fx_run(&f), 0);
	assert_string_equal(f.seg, "0@1+2/1@4+2/2@1+2/0@4+2");
	assert_int_equal(f.res.n_meta, 4);
	assert_true(f.res.meta[3].pv == 0 && f.res.meta[3].start == 3);
	assert_int_equal(alloc_apply(f.vg, 0, &f.res, 0), -EINVAL);
	fx_done(&f);
}

/* Merging into the LV as lvm2 does: contiguous areas join, tags keep segments apart. */
static void test_apply_merge(void **state)
{
	struct fx f;
	char got[256];

	(void)state;
	fx_init(&f, "20 20", "t=0@0+4/1@0+4");
	f.req.lv = 0;
	f.req.stripes = 2;
	f.req.extents = 4;
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(alloc_apply(f.vg, 0, &f.res, 128), 0);
	lv_format(&f.vg->lvs[0], got, sizeof(got));
	assert_string_equal(got, "0@0+6/1@0+6");
	assert_int_equal(f.vg->lvs[0].n_segs, 1);
	assert_int_equal(f.vg->lvs[0].segs[0].extent_count, 12);
	assert_int_equal(md_strv_add(f.a, &f.vg->lvs[0].segs[0].tags, "keep"), 0);
	assert_int_equal(fx_run(&f), 0);
	assert_int_equal(alloc_apply(f.vg, 0, &f.res, 128), 0);
	lv_format(&f.vg->lvs[0], got, sizeof(got));
	assert_string_equal(got, "0@0+6/1@0+6 0@6+2/1@6+2");
	assert_int_equal(fx_run(&f), 0);	/* a different stripe size keeps them apart too */
	assert_int_equal(alloc_apply(f.vg, 0, &f.res, 256), 0);
	lv_format(&f.vg->lvs[0], got, sizeof(got));
	assert_string_equal(got, "0@0+6/1@0+6 0@6+2/1@6+2 0@8+2/1@8+2");
	assert_int_equal(f.vg->lvs[0].segs[2].start_extent, 16);
	assert_int_equal(alloc_default_stripe_size(2048), 128);
	assert_int_equal(alloc_default_stripe_size(64), 64);
	fx_done(&f);
}

/* lvextend's shape: the LV's stripes, unless its segments disagree. */
static void test_extend_shape(void **state)
{
	struct fx f;
	uint32_t stripes;
	uint64_t size;

	(void)state;
	fx_init(&f, "20 20 20", "a=0@0+2/1@0+2 0@2+1/1@2+1 b=2@0+2 0@4+2/1@4+2 c=2@2+1");
	stripes = 0, size = 0;
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[0], &stripes, &size), 0);
	assert_true(stripes == 2 && size == 128);
	stripes = 0, size = 0;	/* linear then striped: lvm2 wants -i and -I */
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[1], &stripes, &size), -EINVAL);
	stripes = 3, size = 0;	/* -i 3: the stripe size of the segments */
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[1], &stripes, &size), 0);
	assert_true(stripes == 3 && size == 128);
	stripes = 0, size = 0;
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[2], &stripes, &size), 0);
	assert_true(stripes == 1 && size == 0);
	stripes = 2, size = 0;	/* -i 2 on a linear LV: the default stripe size */
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[2], &stripes, &size), 0);
	assert_true(stripes == 2 && size == 128);
	f.vg->lvs[0].segs[1].stripe_size = 256;	/* two stripe sizes: -I needed */
	stripes = 2, size = 0;
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[0], &stripes, &size), -EINVAL);
	stripes = 2, size = 64;
	assert_int_equal(alloc_extend_shape(&f.vg->lvs[0], &stripes, &size), 0);
	fx_done(&f);
}

/* The PE range forms of lvm2(8), on a PV of 20 extents; errors in lvm2's words. */
static void test_parse_ranges(void **state)
{
	static const struct {
		const char *spec, *want;
	} cases[] = {
		{ "", "0-19" }, { ":5-9", "5-9" }, { ":7", "7-7" }, { ":5+3", "5-7" },
		{ ":7+0", "7-7" }, { ":15-", "15-19" }, { ":-5", "0-5" }, { ":+3", "0-2" },
		{ ":-", "0-19" }, { ":17+", "17-19" }, { ":12-13:2-3", "12-13 2-3" },
		{ ":0-4:5-9", "0-4 5-9" },
		{ ":5-3", "!PE range error: start extent 5 to end extent 3." },
		{ ":15-20", "!PE range error: start extent 15 to end extent 20." },
		{ ":3+4294967295", "!PE range error: start extent 3 to end extent 1." },
		{ ":20", "!PE range error: start extent 20 to end extent 20." },
		{ ":2-5:4-8", "!Overlapping PE ranges specified (4-8, 2-5) on pv." },
		{ ":5x", "!Physical extent parsing error at x." },
		{ "::3", "!Physical extent parsing error at :3." },
		{ ":3:", "!Physical extent parsing error at ." },
		{ "3", "!Physical extent parsing error at 3." },
		{ ":4294967296", "!Physical extent parsing error at 4294967296." },
		{ ":1-99999999999", "!Physical extent parsing error at 99999999999." },
	};
	struct alloc_result res;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct alloc_range *v;
		uint32_t n;
		char got[128];
		size_t k = 0;

		if (alloc_parse_ranges(cases[i].spec, 20, &v, &n, &res)) {
			const char *at = cases[i].spec + res.at;

			got[0] = '!';
			alloc_message(&res, "vg", "t", res.status == ALLOC_RANGE_SYNTAX ? at : "pv",
				      got + 1, sizeof(got) - 1);
		} else {
			got[0] = '\0';
			for (uint32_t j = 0; j < n; j++)
				k += (size_t)snprintf(got + k, sizeof(got) - k,
						      "%s%" PRIu64 "-%" PRIu64, j ? " " : "",
						      v[j].start, v[j].start + v[j].count - 1);
		}
		free(v);
		if (strcmp(got, cases[i].want))
			fail_msg("\"%s\": want %s, got %s", cases[i].spec, cases[i].want, got);
	}
}

/* Every message, with the counts it names. */
static void test_messages(void **state)
{
	static const struct {
		enum alloc_status st;
		uint64_t needed, available;
		const char *want;
	} cases[] = {
		{ ALLOC_VG_FREE, 25, 20,
		  "Volume group \"vg\" has insufficient free space (20 extents): 25 required." },
		{ ALLOC_FREE, 15, 10, "Insufficient free space: 15 extents needed, but only 10 "
				      "available" },
		{ ALLOC_SUITABLE, 5, 0, "Insufficient suitable allocatable extents for logical "
					"volume t: 5 more required" },
		{ ALLOC_SUITABLE_CONTIG, 7, 0, "Insufficient suitable contiguous allocatable "
					       "extents for logical volume t: 7 more required" },
		{ ALLOC_NONE_FOUND, 0, 0, "Insufficient suitable allocatable extents found for "
					  "logical volume t." },
		{ ALLOC_STRIPES_PVS, 3, 2, "Number of stripes (3) must not exceed number of "
					   "physical volumes (2)" },
		{ ALLOC_NO_PVS, 0, 0, "No specified PVs have space available." },
		{ ALLOC_META_FIT, 0, 0, "Metadata does not fit on a single PV." },
		{ ALLOC_STRIPES_UNKNOWN, 0, 0, "Please specify number of stripes (-i) and "
					       "stripesize (-I)" },
	};
	struct alloc_result res;
	char got[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&res, 0, sizeof(res));
		res.status = cases[i].st;
		res.needed = cases[i].needed;
		res.available = cases[i].available;
		res.policy = VOL_ALLOC_NORMAL;
		alloc_message(&res, "vg", "t", "pv", got, sizeof(got));
		assert_string_equal(got, cases[i].want);
	}
}

/*
 * 256 PVs, 1000 LVs of three scattered segments each: one request builds
 * its free map from all 3000 segments and must stay cheap.
 */
static void test_scale(void **state)
{
	struct fx f;
	uint32_t next[256] = { 0 };
	struct timespec t0, t1;
	unsigned ok = 0;
	double ms;

	(void)state;
	fx_init(&f, "", "");
	for (uint32_t p = 0; p < 256; p++) {
		struct md_pv *pv = md_vg_add_pv(f.vg);

		pv->pe_count = 20000;
		pv->status.known = MD_PV_ALLOCATABLE;
		snprintf(pv->id, sizeof(pv->id), "pv%030u", p);
	}
	for (uint32_t l = 0; l < 1000; l++) {
		char name[16], seg[32];
		struct md_lv *lv;

		snprintf(name, sizeof(name), "lv%u", l);
		lv = add_lv(f.vg, name);
		for (uint32_t k = 0; k < 3; k++) {
			uint32_t p = (l * 7 + k * 131) % 256, len = 1 + (l + k) % 9;

			snprintf(seg, sizeof(seg), "%u@%u+%u", p, next[p], len);
			add_seg(f.vg, lv, seg);
			next[p] += len + (l % 3);	/* leave holes */
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (uint32_t i = 0; i < 200; i++) {
		f.req.lv = i % 2 ? (int32_t)(i * 5) : -1;
		f.req.stripes = 1 + i % 3;
		f.req.extents = (uint64_t)f.req.stripes * (1 + i % 50);
		f.req.policy = (enum vol_alloc)(i % 5);
		switch (fx_run(&f)) {
		case 0:
			ok++;
			break;
		case -ENOSPC:	/* contiguous or cling with no room behind or beside */
			assert_true(f.res.policy <= VOL_ALLOC_CLING && f.req.lv >= 0);
			break;
		default:
			fail_msg("request %u: %s", i, fx_msg(&f));
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	print_message("200 allocations over 1000 LVs and 256 PVs: %.1f ms (%u made)\n", ms, ok);
	assert_true(ok > 150);
	assert_true(ms < 10000);
	fx_done(&f);
}

/* ---------------------------------------------------------------- lvm2 runs */

static struct scen lvm2_runs[] = {
	/*
	 * A new linear LV: the PV whose best run gives the most wins, ties in PV order; inside a
	 * PV the smallest run that holds it all, found by lvm2's walk (which skips runs, see lin-
	 * skip-quirk, and takes the last of equal exact fits); if none holds it, the largest, then
	 * the rest on the same PV (cling to what this allocation used), then other PVs.
	 */
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
	{ "create-many-equal", "8 8 8", "u0=0@0+4 u1=1@4+4",
	  "lvcreate -an -Zn -y -l 4 -n t {vg}",
	  "0@4+4" },
	{ "create-best-fit-pvs", "20 20", "u0=0@5+1 u1=1@3+1",
	  "lvcreate -an -Zn -y -l 3 -n t {vg}",
	  "0@0+3" },
	{ "approx-free", "10 7", "u0=0@2+2",
	  "lvcreate -an -Zn -y -l 100%FREE -n t {vg}",
	  "1@0+7 0@4+6 0@0+2" },
	/*
	 * Stripes: one run per PV, the N that give the most (ties in PV order), all as long as the
	 * shortest; sizes rounded up to whole stripes; more stripes than PVs refused unless
	 * --alloc anywhere, which may put several stripes on one PV.
	 */
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
	{ "str3-rounding", "10 10 10", "",
	  "lvcreate -an -Zn -y -i 3 -l 7 -n t {vg}",
	  "0@0+3/1@0+3/2@0+3" },
	{ "str2-one-pv", "20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg}",
	  "!Number of stripes (2) must not exceed number of physical volumes (1)" },
	{ "str2-anywhere", "20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 --alloc anywhere -n t {vg}",
	  "0@0+2/0@2+2" },
	{ "str2-anywhere-frag", "12", "u0=0@3+1 u1=0@8+1",
	  "lvcreate -an -Zn -y -i 2 -l 8 --alloc anywhere -n t {vg}",
	  "0@4+3/0@0+3 0@9+1/0@7+1" },
	{ "str2-pvlist-order", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg} {pv2} {pv0}",
	  "2@0+2/0@0+2" },
	{ "str2-too-few-listed", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 3 -l 6 -n t {vg} {pv2} {pv0}",
	  "!Number of stripes (3) must not exceed number of physical volumes (2)" },
	{ "str2-listed-anywhere", "20 20 20", "",
	  "lvcreate -an -Zn -y -i 3 -l 6 --alloc anywhere -n t {vg} {pv2} {pv0}",
	  "2@0+2/0@0+2/2@2+2" },
	{ "approx-str2", "10 7 3", "",
	  "lvcreate -an -Zn -y -i 2 -l 100%FREE -n t {vg}",
	  "0@0+7/1@0+7 0@7+3/2@0+3" },
	{ "small-extent-stripe", "64 64", "",
	  "lvcreate -an -Zn -y -i 2 -l 4 -n t {vg}",
	  "0@0+2/1@0+2" },
	/*
	 * Extending: first each area right behind the last segment's (merged into it), then cling
	 * to the PVs of the LV's first segment (largest run first), then normal.  A different
	 * stripe count follows nothing, even under contiguous.
	 */
	{ "ext-lin-after", "20 20", "t=0@0+5",
	  "lvextend -l +5 {vg}/t",
	  "0@0+10" },
	{ "ext-lin-cling", "20 20", "t=0@0+5 u0=0@5+2",
	  "lvextend -l +5 {vg}/t",
	  "0@0+5 0@7+5" },
	{ "ext-lin-first-seg", "20 20 20", "t=0@0+5 1@0+3 u0=0@5+3 u1=1@3+2",
	  "lvextend -l +4 {vg}/t",
	  "0@0+5 1@0+3 0@8+4" },
	{ "ext-first-seg-gone", "10 10 10", "t=0@0+10 1@0+3 u0=1@3+1",
	  "lvextend -l +5 {vg}/t",
	  "0@0+10 1@0+3 1@4+5" },
	{ "ext-str2-after", "20 20 20", "t=0@0+3/1@0+3",
	  "lvextend -l +4 {vg}/t",
	  "0@0+5/1@0+5" },
	{ "ext-str2-cling", "20 20 20", "t=0@0+3/1@0+3 u0=0@3+2",
	  "lvextend -l +4 {vg}/t",
	  "0@0+3/1@0+3 0@5+2/1@3+2" },
	{ "ext-str2-onefull", "10 10 10", "t=0@0+3/1@0+3 u0=1@3+7",
	  "lvextend -l +4 {vg}/t",
	  "0@0+3/1@0+3 0@3+2/2@0+2" },
	{ "str2-ext-first-seg", "10 10 10 10",
	  "t=0@0+2/1@0+2 2@0+2/3@0+2 u0=0@2+2 u1=1@2+2 u2=2@2+1 u3=3@2+1",
	  "lvextend -l +4 {vg}/t",
	  "0@0+2/1@0+2 2@0+2/3@0+2 0@4+2/1@4+2" },
	{ "str2-ext-swap", "10 10 10", "t=1@0+2/0@0+2 u0=0@2+1 u1=1@2+1",
	  "lvextend -l +4 {vg}/t",
	  "1@0+2/0@0+2 1@3+2/0@3+2" },
	{ "str3-ext-one-contig", "10 10 10 10", "t=0@0+2/1@0+2/2@0+2 u0=1@2+1",
	  "lvextend -l +6 {vg}/t",
	  "0@0+2/1@0+2/2@0+2 0@2+2/1@3+2/2@2+2" },
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
	{ "ext-anywhere", "10", "t=0@0+4 u0=0@4+2",
	  "lvextend -l +3 --alloc anywhere {vg}/t",
	  "0@0+4 0@6+3" },
	{ "ext-approx", "10 6", "t=0@0+4 u0=0@4+1",
	  "lvextend -l +100%FREE {vg}/t",
	  "0@0+4 0@5+5 1@0+6" },
	/*
	 * --alloc contiguous: one run per area, whole; extending, right behind the last segment.
	 */
	{ "contig-create", "10 10", "u0=0@5+1",
	  "lvcreate -an -Zn -y -l 8 --alloc contiguous -n t {vg}",
	  "1@0+8" },
	{ "contig-create-fail", "8 7", "u0=0@3+1",
	  "lvcreate -an -Zn -y -l 7 --alloc contiguous -n t {vg} {pv0}",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "7 more required" },
	{ "str2-contig-create", "10 4 10", "u0=0@3+1",
	  "lvcreate -an -Zn -y -i 2 -l 10 --alloc contiguous -n t {vg}",
	  "0@4+5/2@0+5" },
	{ "str2-contig-create-fail", "10 4 10", "u0=0@3+1 u1=2@5+1",
	  "lvcreate -an -Zn -y -i 2 -l 12 --alloc contiguous -n t {vg}",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "12 more required" },
	{ "ext-contig-fail", "10 10", "t=0@0+5 u0=0@5+1",
	  "lvextend -l +2 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "2 more required" },
	{ "ext-contig-short", "10 10", "t=0@0+5 u0=0@8+2",
	  "lvextend -l +4 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "1 more required" },
	{ "ext-contig-ok", "10 10", "t=0@0+5 u0=0@8+2",
	  "lvextend -l +3 --alloc contiguous {vg}/t",
	  "0@0+8" },
	{ "ext-str2-contig-half", "10 10 10", "t=0@0+3/1@0+3 u0=1@3+1",
	  "lvextend -l +4 --alloc contiguous {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "4 more required" },
	/*
	 * --alloc cling: never beyond the PVs of the LV's first segment (a new LV: the PVs its
	 * first round took).
	 */
	{ "cling-create-fail", "10 20", "",
	  "lvcreate -an -Zn -y -l 25 --alloc cling -n t {vg}",
	  "!Insufficient suitable allocatable extents for logical volume t: 5 more required" },
	{ "str2-cling-create", "10 10 10", "u0=0@3+1 u1=1@5+1",
	  "lvcreate -an -Zn -y -i 2 -l 14 --alloc cling -n t {vg}",
	  "2@0+6/0@4+6 2@6+1/0@0+1" },
	{ "ext-cling-fail", "10 10", "t=0@0+10",
	  "lvextend -l +2 --alloc cling {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "ext-cling-partial", "10 10", "t=0@0+8",
	  "lvextend -l +4 --alloc cling {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "ext-cling-listed-other", "10 10", "t=0@0+4",
	  "lvextend -l +2 --alloc cling {vg}/t {pv1}",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "ext-cling-other-seg", "10 10 10", "t=0@0+10 1@0+3 u0=1@3+1",
	  "lvextend -l +5 --alloc cling {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 5 more required" },
	/* Policies inherited: the LV's own, else the VG's. */
	{ "vg-contiguous-create", "10 10 alloc=contiguous", "u0=0@4+1 u1=1@4+1",
	  "lvcreate -an -Zn -y -l 6 -n t {vg}",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "6 more required" },
	{ "vg-cling-extend", "10 10 alloc=cling", "t=0@0+10",
	  "lvextend -l +2 {vg}/t",
	  "!Insufficient suitable allocatable extents for logical volume t: 2 more required" },
	{ "lv-anywhere-extend", "10", "t:anywhere=0@0+2/0@2+2",
	  "lvextend -l +2 {vg}/t",
	  "0@0+2/0@2+2 0@4+1/0@5+1" },
	{ "lv-contig-extend", "10 10", "t:contiguous=0@0+4 u0=0@4+1",
	  "lvextend -l +2 {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: "
	  "2 more required" },
	{ "lv-contig-override", "10 10", "t:contiguous=0@0+4 u0=0@4+1",
	  "lvextend --alloc normal -l +2 {vg}/t",
	  "0@0+4 0@5+2" },
	/*
	 * PV lists: command-line order; unallocatable or full PVs skipped (their ranges unread); a
	 * PV named twice gets both entries' ranges, which may not overlap.
	 */
	{ "pvlist-order", "20 20", "",
	  "lvcreate -an -Zn -y -l 5 -n t {vg} {pv1} {pv0}",
	  "1@0+5" },
	{ "pvlist-range", "20 20", "",
	  "lvcreate -an -Zn -y -l 4 -n t {vg} {pv1}:10-19",
	  "1@10+4" },
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
	{ "ext-contig-not-listed", "10 10", "t=0@0+4",
	  "lvextend -l +2 {vg}/t {pv1}",
	  "0@0+4 1@0+2" },
	{ "ext-range-after", "10 10", "t=0@0+4",
	  "lvextend -l +2 {vg}/t {pv0}:6-9",
	  "0@0+4 0@6+2" },
	{ "range-dup-arg-order", "20 20", "",
	  "lvcreate -an -Zn -y -l 12 -n t {vg} {pv0}:0-4 {pv1}:0-9 {pv0}:10-19",
	  "0@10+10 0@0+2" },
	{ "range-notalloc-bad", "20n 20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:5-3 {pv1}",
	  "1@0+1" },
	/*
	 * PE ranges: lvm2(8)'s forms, each range its own run (adjacent ones too), and their
	 * errors.
	 */
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
	{ "range-plus-only", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:+3",
	  "0@0+2" },
	{ "range-dash-only", "20", "u0=0@0+4",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:-",
	  "0@4+2" },
	{ "range-start-plus", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:17+",
	  "0@17+2" },
	{ "range-multi", "20", "",
	  "lvcreate -an -Zn -y -l 4 -n t {vg} {pv0}:12-13:2-3",
	  "0@12+2 0@2+2" },
	{ "range-multi-arg", "20 20", "",
	  "lvcreate -an -Zn -y -l 6 -n t {vg} {pv0}:12-13 {pv1}:5-9 {pv0}:2-4",
	  "1@5+5 0@2+1" },
	{ "range-adjacent", "20", "",
	  "lvcreate -an -Zn -y -l 7 -n t {vg} {pv0}:0-4:5-9",
	  "0@0+7" },
	{ "range-overlap", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:2-5 {pv0}:5-6",
	  "!Overlapping PE ranges specified (5-6, 2-5) on {pv0}." },
	{ "range-overlap-one-arg", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:2-5:4-8",
	  "!Overlapping PE ranges specified (4-8, 2-5) on {pv0}." },
	{ "range-whole-then-part", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0} {pv0}:3-4",
	  "!Overlapping PE ranges specified (3-4, 0-19) on {pv0}." },
	{ "range-part-then-whole", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:3-4 {pv0}",
	  "!Overlapping PE ranges specified (0-19, 3-4) on {pv0}." },
	{ "range-past-end", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:15-20",
	  "!PE range error: start extent 15 to end extent 20." },
	{ "range-backwards", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:5-3",
	  "!PE range error: start extent 5 to end extent 3." },
	{ "range-huge-len", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:3+4294967295",
	  "!PE range error: start extent 3 to end extent 1." },
	{ "range-garbage", "20", "",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:5x",
	  "!Physical extent parsing error at x." },
	{ "range-colon-colon", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}::3",
	  "!Physical extent parsing error at :3." },
	{ "range-trailing-colon", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:3:",
	  "!Physical extent parsing error at ." },
	{ "range-huge", "20", "",
	  "lvcreate -an -Zn -y -l 1 -n t {vg} {pv0}:4294967296",
	  "!Physical extent parsing error at 4294967296." },
	{ "range-used", "20", "u0=0@0+10",
	  "lvcreate -an -Zn -y -l 2 -n t {vg} {pv0}:0-9",
	  "!Insufficient free space: 2 extents needed, but only 0 available" },
	/* Not enough space: the VG's free extents (lvcreate), then the free extents it may use. */
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
	/*
	 * raid1, run in the VM tier's guest (lvm2 2.03.16 with device-mapper; 64 MiB disks,
	 * 1 MiB extents, rmeta 1 extent): legs are parallel areas on distinct PVs, chosen as
	 * stripes are; each leg's rmeta is cut from the front of its first area.  Extending
	 * follows each image's last and first segment, leg by leg.
	 */
	{ "r1-basic", "63 63 63",
	  "f0=1@0+3",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 5 -n t {vg}",
	  "t_rimage_0=0@1+5 t_rimage_1=1@4+5 t_rmeta_0=0@0+1 t_rmeta_1=1@3+1" },
	{ "r1-sizes", "63 63 63",
	  "f0=0@10+53 f1=2@30+33",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 20 -n t {vg}",
	  "t_rimage_0=1@1+20 t_rimage_1=2@1+20 t_rmeta_0=1@0+1 t_rmeta_1=2@0+1" },
	{ "r1-split", "63 63 63",
	  "f0=1@25+38 f1=2@20+43",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 40 -n t {vg}",
	  "t_rimage_0=0@1+40 t_rimage_1=1@1+24 2@0+16 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-3legs", "63 63 63 63",
	  "f0=0@10+53 f1=1@40+23 f2=3@5+5",
	  "lvcreate -an -Zn -y --type raid1 -m 2 -l 10 -n t {vg}",
	  "t_rimage_0=1@1+10 t_rimage_1=2@1+10 t_rimage_2=3@11+10 t_rmeta_0=1@0+1 t_rmeta_1=2@0+1 "
	  "t_rmeta_2=3@10+1" },
	{ "r1-pvlist", "63 63 63",
	  "",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 5 -n t {vg} {pv2} {pv0}:10-30",
	  "t_rimage_0=2@1+5 t_rimage_1=0@11+5 t_rmeta_0=2@0+1 t_rmeta_1=0@10+1" },
	{ "r1-ext-contig", "63 63 63",
	  "t=@0+5/@0+5 t_rimage_0=0@1+5 t_rimage_1=1@1+5 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1",
	  "lvextend -l +5 {vg}/t",
	  "t_rimage_0=0@1+10 t_rimage_1=1@1+10 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-ext-cling", "63 63 63",
	  "f0=0@6+2 f1=1@6+4 t=@0+5/@0+5 t_rimage_0=0@1+5 t_rimage_1=1@1+5 t_rmeta_0=0@0+1 "
	  "t_rmeta_1=1@0+1",
	  "lvextend -l +5 {vg}/t",
	  "t_rimage_0=0@1+5 0@8+5 t_rimage_1=1@1+5 1@10+5 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-ext-other", "63 63 63 63",
	  "f0=0@6+57 f1=1@6+57 f2=2@0+10 t=@0+5/@0+5 t_rimage_0=0@1+5 t_rimage_1=1@1+5 "
	  "t_rmeta_0=0@0+1 t_rmeta_1=1@0+1",
	  "lvextend -l +5 {vg}/t",
	  "t_rimage_0=0@1+5 2@10+5 t_rimage_1=1@1+5 3@0+5 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-ext-half", "63 63 63",
	  "f0=0@6+57 f1=1@6+3 t=@0+5/@0+5 t_rimage_0=0@1+5 t_rimage_1=1@1+5 t_rmeta_0=0@0+1 "
	  "t_rmeta_1=1@0+1",
	  "lvextend -l +5 {vg}/t",
	  "t_rimage_0=0@1+5 1@9+5 t_rimage_1=1@1+5 2@0+5 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-one-pv", "63",
	  "",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 5 -n t {vg}",
	  "!Insufficient suitable allocatable extents for logical volume t: 12 more required" },
	{ "r1-anywhere", "63",
	  "",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 5 --alloc anywhere -n t {vg}",
	  "t_rimage_0=0@1+5 t_rimage_1=0@7+5 t_rmeta_0=0@0+1 t_rmeta_1=0@6+1" },
	{ "r1-nospace", "63 63",
	  "f0=0@3+60",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 10 -n t {vg}",
	  "!Insufficient suitable allocatable extents for logical volume t: 16 more required" },
	{ "r1-contig", "63 63 63",
	  "f0=0@5+1 f1=1@5+1",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 8 --alloc contiguous -n t {vg}",
	  "t_rimage_0=0@7+8 t_rimage_1=1@7+8 t_rmeta_0=0@6+1 t_rmeta_1=1@6+1" },
	{ "r1-big", "63 63",
	  "",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 60 -n t {vg}",
	  "t_rimage_0=0@1+60 t_rimage_1=1@1+60 t_rmeta_0=0@0+1 t_rmeta_1=1@0+1" },
	{ "r1-frag", "63 63",
	  "f0=0@3+1 f1=0@9+1 f2=1@0+1 f3=1@4+1",
	  "lvcreate -an -Zn -y --type raid1 -m 1 -l 4 -n t {vg}",
	  "t_rimage_0=0@5+4 t_rimage_1=1@6+4 t_rmeta_0=0@4+1 t_rmeta_1=1@5+1" },
	/*
	 * From random runs against lvm2 (a seeded generator of fragmented VGs, multi-segment
	 * LVs and random commands; 1257 runs matched): one of each kind of outcome.
	 */
	{ "rand-261", "4 9 5 21",
	  "t=0@0+3",
	  "lvextend --alloc anywhere -l +9 {vg}/t",
	  "0@0+4 1@0+8" },
	{ "rand-132", "8 17 5 9",
	  "t=1@0+2/2@0+2",
	  "lvextend --alloc anywhere -l +2 {vg}/t {pv2}:4-4:2-3 {pv3}",
	  "1@0+2/2@0+2 2@2+1/3@0+1" },
	{ "rand-1025", "5 5",
	  "f0=0@1+3 t=1@0+2",
	  "lvextend -i 3 --alloc anywhere -l +1 {vg}/t",
	  "1@0+2 0@0+1/1@2+1/1@3+1" },
	{ "rand-1260", "8",
	  "t=0@6+2",
	  "lvextend -i 1 --alloc cling -l +1 {vg}/t {pv0}:4-7",
	  "0@6+2 0@4+1" },
	{ "rand-6102", "8 32 21 39",
	  "t=1@1+3",
	  "lvextend -i 2 --alloc cling -l +20 {vg}/t {pv3} {pv1} {pv2}",
	  "1@1+3 3@0+10/1@4+10" },
	{ "rand-5065", "10 28 27 35",
	  "f2=1@1+1 f3=1@3+1 t=3@34+1/1@2+1 0@6+4/3@29+4 3@4+1/1@4+1",
	  "lvextend --alloc cling -l +26 {vg}/t",
	  "3@34+1/1@2+1 0@6+4/3@29+4 3@4+14/1@4+14" },
	{ "rand-172", "10 10 13",
	  "f3=2@8+5 t=0@0+2/1@0+2",
	  "lvextend --alloc contiguous -l +16 {vg}/t",
	  "0@0+10/1@0+10" },
	{ "rand-1111", "10 15",
	  "t=0@0+9",
	  "lvextend -l +2 {vg}/t",
	  "0@0+10 1@0+1" },
	{ "rand-365", "26 28 8",
	  "t=0@0+3/1@0+3",
	  "lvextend -i 3 -l +21 {vg}/t",
	  "0@0+3/1@0+3 0@3+7/1@3+7/2@0+7" },
	{ "rand-5086", "17 17 14n 36",
	  "f7=2@6+4 t=0@13+3",
	  "lvextend -i 2 -l +13 {vg}/t",
	  "0@13+3 0@0+7/1@0+7" },
	{ "rand-6038", "40 13 8",
	  "t=1@0+13",
	  "lvextend --alloc normal -l +17 {vg}/t",
	  "1@0+13 0@0+17" },
	{ "rand-16", "19 19 13",
	  "t=0@0+2/1@0+2",
	  "lvextend -i 1 --alloc normal -l +19 {vg}/t",
	  "0@0+2/1@0+2 0@2+17 1@2+2" },
	{ "rand-334", "21 29",
	  "t=0@0+2/1@0+2",
	  "lvextend --alloc normal -l +9 {vg}/t {pv1} {pv0}",
	  "0@0+7/1@0+7" },
	{ "rand-13", "13 25n 25",
	  "f0=0@6+2 f1=1@6+2",
	  "lvcreate -an -Zn -y -i 2 --alloc anywhere -l 24 -n t {vg}",
	  "2@0+6/0@0+6 2@6+5/0@8+5 2@11+1/2@12+1" },
	{ "rand-496", "16 7 28 29",
	  "f1=0@9+2 f2=1@1+5 f4=3@6+3 f5=3@10+2 f6=3@16+5",
	  "lvcreate -an -Zn -y -i 3 --alloc anywhere -l 15 -n t {vg}",
	  "0@0+5/2@0+5/3@21+5" },
	{ "rand-1130", "15 27n 22 19 13",
	  "f6=3@10+4",
	  "lvcreate -an -Zn -y -i 2 --alloc cling -l 24 -n t {vg}",
	  "0@0+12/2@0+12" },
	{ "rand-5029", "38 38 26",
	  "t=0@0+4/1@16+4/2@0+4 0@4+2/1@0+2/2@4+2",
	  "lvcreate -an -Zn -y -i 2 --alloc contiguous -l 27 -n u {vg}",
	  "0@6+14/1@20+14" },
	{ "rand-5083", "23 14 38 18 32",
	  "f9=2@18+4",
	  "lvcreate -an -Zn -y -i 2 -l 39 -n u {vg} {pv2} {pv1} {pv3}",
	  "2@0+18/3@0+18 2@22+2/1@0+2" },
	{ "rand-156", "17 27 11 28",
	  "",
	  "lvcreate -an -Zn -y -i 1 -l 100%FREE -n t {vg}",
	  "3@0+28 1@0+27 0@0+17 2@0+11" },
	{ "rand-257", "17 7 12",
	  "f0=0@4+5 f1=0@9+5 f2=2@1+2 f3=2@7+4",
	  "lvcreate -an -Zn -y -i 1 --alloc normal -l 100%FREE -n t {vg}",
	  "1@0+7 0@0+4 0@14+3 2@3+4 2@11+1 2@0+1" },
	{ "rand-6052", "22 29 35 8",
	  "t=0@0+1/1@0+1 0@1+4",
	  "lvextend --alloc anywhere -l +28 {vg}/t {pv0} {pv2}:31 {pv3}:4-7:3-5 {pv1}",
	  "!Overlapping PE ranges specified (3-5, 4-7) on {pv3}." },
	{ "rand-5020", "26 12 11 22 30",
	  "f0=0@1+4 f13=4@14+4 f15=4@20+4 f7=2@2+4 t=0@0+1/1@1+1 0@5+1/1@2+1 0@6+3/1@3+3/2@6+3",
	  "lvextend --alloc anywhere -l +8 {vg}/t",
	  "!Please specify number of stripes (-i) and stripesize (-I)" },
	{ "rand-5012", "13n 30",
	  "f2=0@5+1 t=0@0+4/1@0+4",
	  "lvextend -i 4 --alloc anywhere -l +2 {vg}/t {pv0}:1+8",
	  "!No specified PVs have space available." },
	{ "rand-36", "5 4 29",
	  "f0=1@0+1 f1=1@2+2 f2=2@2+5 f3=2@7+5 f4=2@15+4 f5=2@25+4 t=0@0+2/2@12+2",
	  "lvextend --alloc contiguous -l +7 {vg}/t",
	  "!Insufficient suitable contiguous allocatable extents for logical volume t: 6 more "
	  "required" },
	{ "rand-1247", "6",
	  "",
	  "lvcreate -an -Zn -y -i 2 --alloc cling -l 1 -n t {vg} {pv0}:3-5",
	  "!Number of stripes (2) must not exceed number of physical volumes (1)" },
	{ "rand-185", "8n",
	  "f0=0@1+3",
	  "lvcreate -an -Zn -y -i 3 --alloc anywhere -l 3 -n t {vg}",
	  "!Insufficient free space: 3 extents needed, but only 0 available" },
};

#define N_RUNS (sizeof(lvm2_runs) / sizeof(lvm2_runs[0]))
#define N_UNITS (sizeof(units) / sizeof(units[0]))

int main(void)
{
	static const struct CMUnitTest units[] = {
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_huge_pvs),
		cmocka_unit_test(test_bad_requests),
		cmocka_unit_test(test_unknown_segments),
		cmocka_unit_test(test_missing_pvs),
		cmocka_unit_test(test_inherit),
		cmocka_unit_test(test_raid1_legs),
		cmocka_unit_test(test_apply_merge),
		cmocka_unit_test(test_extend_shape),
		cmocka_unit_test(test_parse_ranges),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_scale),
	};
	static struct CMUnitTest all[N_UNITS + N_RUNS];

	memcpy(all, units, sizeof(units));
	for (size_t i = 0; i < N_RUNS; i++)
		all[N_UNITS + i] = (struct CMUnitTest){ .name = lvm2_runs[i].name,
							.test_func = test_lvm2_run,
							.initial_state = &lvm2_runs[i] };
	return _cmocka_run_group_tests("alloc", all, N_UNITS + N_RUNS, NULL, NULL);
}
