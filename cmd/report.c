/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvs, vgs and lvs: the report engine.  It gathers the rows of a report kind,
 * keeps those -S selects (select.c), sorts them by -O, turns the -o fields
 * (field.c and its tables) into text in --units (units.c) and hands them to
 * a layout (layout.c).  What a kind of report shows is in report-kinds.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "layout.h"
#include "report.h"
#include "select.h"

/* ---------------------------------------------------------------- rows */

int rowset_add(struct rowset *rs, struct report_obj o)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct report_obj *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	o.seq = rs->n;
	rs->v[rs->n++] = o;
	return 0;
}

/* Does the report need VG @name at all?  Only the VGs the arguments may
 * name are opened (and locked). */
static bool vg_named(struct cli *c, const struct report_kind *k, const struct args *a,
		     const char *name, const char *uuid)
{
	if (!a->n)
		return true;
	for (int i = 0; i < a->n; i++)
		if (k->wants_vg(c, a->v[i], name, uuid))
			return true;
	return false;
}

/* lvm2 processes the VGs that arguments name (lvs, vgs, lvdisplay) in the
 * order the arguments first name them, but every VG in its scan order when
 * an argument is a tag.  Sorts @names and @ids (in that scan order) so. */
static void named_order(struct cli *c, const struct report_kind *k, const struct args *a,
			char **names, char **ids, size_t n)
{
	int *first;

	if (k == &report_kinds[REPORT_PV] || !a->n || n < 2 || !(first = calloc(n, sizeof(*first))))
		return;
	for (size_t i = 0; i < n; i++) {
		first[i] = a->n;
		for (int j = 0; j < a->n && first[i] == a->n; j++) {
			if (a->v[j][0] == '@')
				goto out;
			if (k->wants_vg(c, a->v[j], names[i], ids[i]))
				first[i] = j;
		}
	}
	for (size_t i = 1; i < n; i++)	/* insertion sort: stable */
		for (size_t j = i; j > 0 && first[j - 1] > first[j]; j--) {
			int t = first[j];
			char *s = names[j];

			first[j] = first[j - 1], first[j - 1] = t;
			names[j] = names[j - 1], names[j - 1] = s;
			s = ids[j], ids[j] = ids[j - 1], ids[j - 1] = s;
		}
out:
	free(first);
}

/* Memory that lives as long as the rowset, not zeroed (the callers fill
 * it): carved from 64 KiB blocks (a report of many LVs makes a row state
 * per LV). */
void *rowset_alloc(struct rowset *rs, size_t size)
{
	size_t need = (size + 15) / 16 * 16, bsize = need > 65536 ? need : 65536;
	void **b;
	char *p;

	if (need > rs->left) {
		/* the block list grows by doubling: a power of two means it is full */
		if (!(rs->nblocks & (rs->nblocks - 1))) {
			if (!(b = realloc(rs->blocks, (rs->nblocks ? rs->nblocks * 2 : 1) * sizeof(*b))))
				return NULL;
			rs->blocks = b;
		}
		if (!(rs->cur = rs->blocks[rs->nblocks] = malloc(bsize)))
			return NULL;
		rs->nblocks++;
		rs->left = bsize;
	}
	p = rs->cur;
	rs->cur += need;
	rs->left -= need;
	return p;
}

/* As lvm2's lvs: an exported VG is skipped (said under -v), and an
 * argument naming it (VG or VG/LV) fails.  True if @vg is skipped. */
static bool skipped_exported(struct cli *c, const struct report_kind *k, struct args *a,
			     const struct vol_vg *vg, int *rc)
{
	const char *name = vol_vg_name(vg);
	size_t len = strlen(name);
	bool named = false;

	if (!k->skip_exported || !vol_vg_is_exported(vg))
		return false;
	for (int i = 0; i < a->n; i++)
		if (!strcmp(a->v[i], vol_vg_uuid(vg)) ||
		    (!strncmp(a->v[i], name, len) && (!a->v[i][len] || a->v[i][len] == '/'))) {
			a->seen[i] = ARG_MATCHED;
			named = true;
		}
	if (named) {
		err("Volume group %s is exported", name);
		*rc = -EPERM;
	} else if (c->verbose) {
		err("Skipping exported volume group %s", name);
	}
	return true;
}

/* Opens VG @id for reading.  A report of label fields only reads it
 * without its warnings (of missing PVs, say): lvm2 reads no VG for one. */
static int open_vg(struct cli *c, const struct args *a, const char *id, struct vol_vg **vg)
{
	int r;

	if (!a->labels)
		return vol_vg_open(c->ctx, id, c->read_flags, vg);
	vol_ctx_set_log_level(c->ctx, VOL_LOG_ERROR);
	r = vol_vg_open(c->ctx, id, c->read_flags, vg);
	vol_ctx_set_log_level(c->ctx, cli_log_level(c));
	return r;
}

/* Every row of @k the arguments name.  A VG that cannot be read fails the
 * command (the library said why), but the others are still shown. */
static int collect(struct cli *c, const struct report_kind *k, struct rowset *rs, struct args *a)
{
	char **ids = NULL, **names = NULL;
	size_t n = 0;
	int r, rc = 0;

	for (int i = 0; k == &report_kinds[REPORT_PV] && i < a->n; i++)
		if (cli_pv_arg_unusable(c, a->v[i])) {
			a->seen[i] = ARG_MATCHED;	/* said already */
			rc = -ENOENT;
		}
	r = vol_vg_list(c->ctx, &names, &ids, &n);

	if (r || !(rs->vgs = calloc(n ? n : 1, sizeof(*rs->vgs)))) {
		vol_strv_free(ids, n);
		vol_strv_free(names, n);
		return r ? r : -ENOMEM;
	}
	cli_vg_order(c, names, ids, n);
	named_order(c, k, a, names, ids, n);
	for (size_t i = 0; i < n; i++) {
		size_t before = rs->n;
		struct vol_vg *vg;

		if (!vg_named(c, k, a, names[i], ids[i]))
			continue;
		if ((r = open_vg(c, a, ids[i], &vg))) {
			if (r != -EACCES || a->n)	/* unnamed foreign VGs are skipped */
				rc = r;
			continue;
		}
		if (skipped_exported(c, k, a, vg, &rc)) {
			vol_vg_close(vg);
			continue;
		}
		if ((r = k->vg_rows(rs, vg, a)))
			rc = r;
		if (rs->n > before)
			rs->vgs[rs->nvgs++] = vg;
		else
			vol_vg_close(vg);
	}
	vol_strv_free(ids, n);
	vol_strv_free(names, n);
	if (k->other_rows && (r = k->other_rows(c, rs, a)))
		rc = r;
	for (int i = 0; i < a->n; i++)
		if (a->seen[i] != ARG_MATCHED && a->v[i][0] != '@') {	/* a tag nothing has is no error */
			k->missing(c, a->v[i], a->seen[i]);
			rc = -ENOENT;
		}
	return rc;
}

void rowset_free(struct rowset *rs)
{
	for (size_t i = 0; i < rs->nvgs; i++)
		vol_vg_close(rs->vgs[i]);
	for (size_t i = 0; i < rs->nblocks; i++)
		free(rs->blocks[i]);
	free(rs->blocks);
	free(rs->vgs);
	free(rs->v);
}

int report_collect(struct cli *c, enum report_type type, struct args *a, struct rowset *rs)
{
	return collect(c, &report_kinds[type], rs, a);
}

/* ---------------------------------------------------------------- columns */

#define MAX_COLS 256
#define MAX_SORT 16

struct columns {
	const struct field *col[MAX_COLS];
	size_t n;
	/* fields hidden when blank in every row (-o#LIST, report/compact_output*) */
	const struct field *compact[MAX_COLS];
	size_t ncompact;
	bool compact_all;
	const struct field *sort[MAX_SORT];
	bool desc[MAX_SORT];
	size_t nsort;
};

static void drop_col(struct columns *cols, const struct field *f)
{
	size_t k = 0;

	for (size_t i = 0; i < cols->n; i++)
		if (cols->col[i] != f)
			cols->col[k++] = cols->col[i];
	cols->n = k;
}

/* Adds (@mode '=' or '+') or drops ('-') the fields of @t, or the field @f. */
static int edit_cols(struct cli *c, struct columns *cols, char mode, const struct field_table *t,
		     const struct field *f)
{
	size_t n = t ? t->n : 1;

	for (size_t i = 0; i < n; i++) {
		const struct field *x = t ? &t->fields[i] : f;

		if (mode == '-')
			drop_col(cols, x);
		else if (cols->n == MAX_COLS)
			return cli_usage_error(c, "Too many fields.");
		else
			cols->col[cols->n++] = x;
	}
	return 0;
}

/* Marks @f (or every field of @t) to be hidden where it is blank in every row. */
static int mark_compact(struct cli *c, struct columns *cols, const struct field_table *t,
			const struct field *f)
{
	size_t n = t ? t->n : 1;

	for (size_t i = 0; i < n; i++) {
		if (cols->ncompact == MAX_COLS)
			return cli_usage_error(c, "Too many fields.");
		cols->compact[cols->ncompact++] = t ? &t->fields[i] : f;
	}
	return 0;
}

/* -o LIST replaces the columns, -o +LIST adds to them, -o -LIST removes,
 * -o #LIST hides those of them that are blank in every row. */
static int add_columns(struct cli *c, struct columns *cols, const char *spec,
		       const struct report_kind *k)
{
	char mode = *spec == '+' || *spec == '-' || *spec == '#' ? *spec : '=';
	char *copy = strdup(mode == '=' ? spec : spec + 1), *save = NULL;
	int r = 0;

	if (!copy)
		return EXIT_FAILED;
	if (mode == '=')
		cols->n = 0;
	else if (mode == '#')	/* the last -o#LIST counts, as in lvm2 */
		cols->ncompact = 0;
	for (char *t = strtok_r(copy, ", ", &save); t && !r; t = strtok_r(NULL, ", ", &save)) {
		const struct field_table *all = field_find_all(k->tables, t);
		const struct field *f = all ? NULL : field_find(k->tables, t);

		if ((all || f) && mode == '#') {
			r = mark_compact(c, cols, all, f);
		} else if (all || f) {
			r = edit_cols(c, cols, mode, all, f);
		} else if (mode == '#') {
			/* lvm2 says so and shows the report uncompacted (exit 0) */
			err("Unrecognised field: %s (use -o help to list them)", t);
			err("Failed to compact given columns in report output.");
			cols->ncompact = 0;
			break;
		} else {
			err("Unrecognised field: %s (use -o help to list them)", t);
			r = EXIT_FAILED;
		}
	}
	free(copy);
	return r;
}

/* -O FIELD,-FIELD,...: sort keys, "-" for descending. */
static int add_sort(struct columns *cols, const char *spec, const struct report_kind *k)
{
	char *copy = strdup(spec), *save = NULL;
	int r = 0;

	if (!copy)
		return EXIT_FAILED;
	cols->nsort = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !r; t = strtok_r(NULL, ",", &save)) {
		bool desc = *t == '-';
		const struct field *f = field_find(k->tables, t + (desc || *t == '+'));

		if (!f) {
			err("Unrecognised field in --sort: %s", t);
			r = EXIT_FAILED;
		} else if (cols->nsort < MAX_SORT) {
			cols->desc[cols->nsort] = desc;
			cols->sort[cols->nsort++] = f;
		}
	}
	free(copy);
	return r;
}

/* ---------------------------------------------------------------- options */

enum {
	OPT_NOHEADINGS = OPT_FIRST_CMD, OPT_SEPARATOR, OPT_ALIGNED, OPT_NAMEPREFIXES, OPT_ROWS,
	OPT_UNITS, OPT_NOSUFFIX, OPT_REPORTFORMAT, OPT_UNQUOTED, OPT_BINARY, OPT_SEGMENTS,
};

#define REPORT_LONGOPTS \
	{ "options", required_argument, NULL, 'o' }, \
	{ "sort", required_argument, NULL, 'O' }, \
	{ "select", required_argument, NULL, 'S' }, \
	{ "noheadings", no_argument, NULL, OPT_NOHEADINGS }, \
	{ "separator", required_argument, NULL, OPT_SEPARATOR }, \
	{ "aligned", no_argument, NULL, OPT_ALIGNED }, \
	{ "nameprefixes", no_argument, NULL, OPT_NAMEPREFIXES }, \
	{ "unquoted", no_argument, NULL, OPT_UNQUOTED }, \
	{ "rows", no_argument, NULL, OPT_ROWS }, \
	{ "units", required_argument, NULL, OPT_UNITS }, \
	{ "nosuffix", no_argument, NULL, OPT_NOSUFFIX }, \
	{ "reportformat", required_argument, NULL, OPT_REPORTFORMAT }, \
	{ "binary", no_argument, NULL, OPT_BINARY }, \
	{ "partial", no_argument, NULL, 'P' }

/* pvs: -a (every device in scope) too */
static const struct option vgs_opts[] = {
	REPORT_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 },
};
static const struct option pvs_opts[] = {
	REPORT_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "segments", no_argument, NULL, OPT_SEGMENTS },
	{ NULL, 0, NULL, 0 },
};
/* lvs: -a and --segments too */
static const struct option lvs_opts[] = {
	REPORT_LONGOPTS,
	{ "all", no_argument, NULL, 'a' },
	{ "segments", no_argument, NULL, OPT_SEGMENTS },
	{ NULL, 0, NULL, 0 },
};

#define MAX_OPTIONS 32

/* What the command line asks of the report, applied once it is all read
 * (-v and --segments change the default columns that -o +LIST adds to). */
struct request {
	const char *columns[MAX_OPTIONS];	/* the -o arguments, in order */
	size_t ncolumns;
	const char *sort;			/* -O, NULL: the kind's */
	const char *select;			/* -S, NULL: none */
	bool all, segments;
};

static int parse_select(const char *text, const struct report_kind *k, struct sel **sel)
{
	const char *why = NULL;
	int r;

	if ((r = sel_parse(text, k->tables, sel, &why))) {
		/* lvm2 treats a bad selection as a failed command (5). */
		if (r != -ENOMEM && !strncmp(why, "dm_report: ", 11))
			err("%s", why);
		else
			err("Invalid selection \"%s\": %s", text, r == -ENOMEM ? "out of memory" : why);
		return EXIT_FAILED;
	}
	return 0;
}

static int parse_format(struct cli *c, const char *arg, enum layout_format *format)
{
	if (!strcmp(arg, "basic"))
		*format = FMT_BASIC;
	else if (!strcmp(arg, "json"))
		*format = FMT_JSON;
	else if (!strcmp(arg, "json_std"))
		*format = FMT_JSON_STD;
	else
		return cli_usage_error(c, "Invalid argument for --reportformat: %s "
				       "(basic, json, json_std)", arg);
	return 0;
}

/* The options that set the layout; 1 for an option that is not one of them. */
static int layout_opt(struct cli *c, int opt, const char *arg, struct layout_opts *o)
{
	switch (opt) {
	case OPT_NOHEADINGS: o->headings = false; return 0;
	case OPT_SEPARATOR: o->separator = arg; return 0;
	case OPT_ALIGNED: o->aligned = true; return 0;
	case OPT_NAMEPREFIXES: o->nameprefixes = true; return 0;
	case OPT_UNQUOTED: o->unquoted = true; return 0;
	case OPT_ROWS: o->rows = true; return 0;
	case OPT_BINARY: o->cell.binary = true; return 0;
	case OPT_NOSUFFIX: o->cell.suffix = false; return 0;
	case OPT_UNITS:
		if (parse_units_factor(arg, &o->cell.units, &o->cell.factor))
			return cli_usage_error(c, "Invalid units specification");
		return 0;
	case OPT_REPORTFORMAT:
		return parse_format(c, arg, &o->format);
	default:
		return 1;
	}
}

/* The options that say what to show; 1 for an option that is not one of them. */
static int request_opt(struct cli *c, int opt, const char *arg, const struct report_kind *k,
		       struct request *q)
{
	switch (opt) {
	case 'o':
		if (!strcmp(arg, "help")) {
			field_help(k->tables);
			exit(EXIT_OK);
		}
		if (q->ncolumns == MAX_OPTIONS)
			return cli_usage_error(c, "Too many -o options.");
		q->columns[q->ncolumns++] = arg;
		return 0;
	case 'O': q->sort = arg; return 0;
	case 'S': q->select = arg; return 0;
	case 'a': q->all = true; return 0;
	case 'P': return 0;	/* lvm2's --partial: reports show partial VGs anyway */
	case OPT_SEGMENTS: q->segments = true; return 0;
	default: return 1;
	}
}

static int parse_report_opts(struct cli *c, int argc, char **argv, enum report_type type,
			     struct request *q, struct layout_opts *o)
{
	bool lvs = type == REPORT_LV;
	int opt, r = 0;

	/* vgs takes -a too, as in lvm2, where it changes nothing */
	while (!r && (opt = cli_getopt(c, argc, argv, "o:O:S:aP", lvs ? lvs_opts :
				       type == REPORT_VG ? vgs_opts : pvs_opts)) != -1)
		if ((r = request_opt(c, opt, optarg, &report_kinds[type], q)) == 1 &&
		    (r = layout_opt(c, opt, optarg, o)) == 1)
			r = EXIT_INVALID;
	return r;
}

/* vgs: an argument that is no tag must be a valid VG name (lvm2 refuses the
 * command line, exit 3). */
static int check_vg_args(struct cli *c, const struct args *a)
{
	const char *why;
	bool bad = false;

	for (int i = 0; i < a->n; i++)
		if (a->v[i][0] != '@' && vol_name_check(a->v[i], &why)) {
			err("Invalid volume group name %s.", a->v[i]);
			bad = true;
		}
	if (bad)
		err("Run `%s --help' for more information.", c->cmd);
	return bad ? EXIT_INVALID : 0;
}

/* Does the report show and sort by label fields only (field_is_label)? */
static bool labels_only(const struct columns *cols)
{
	for (size_t i = 0; i < cols->n; i++)
		if (!field_is_label(cols->col[i]))
			return false;
	for (size_t i = 0; i < cols->nsort; i++)
		if (!field_is_label(cols->sort[i]))
			return false;
	return true;
}

/* Does the report show, sort or select by a field of @t? */
static bool uses_table(const struct columns *cols, const struct sel *sel,
		       const struct field_table *t)
{
	for (size_t i = 0; i < cols->n; i++)
		if (field_in(cols->col[i], t))
			return true;
	for (size_t i = 0; i < cols->nsort; i++)
		if (field_in(cols->sort[i], t))
			return true;
	return sel && sel_uses(sel, t);
}

/* The columns, sort and selection of @q over the kind @k. */
static int apply_request(struct cli *c, const struct report_kind *k, const struct request *q,
			 struct columns *cols, struct sel **sel)
{
	int r = add_columns(c, cols, c->verbose ? k->verbose_columns : k->columns, k);

	for (size_t i = 0; i < q->ncolumns && !r; i++)
		r = add_columns(c, cols, q->columns[i], k);
	cols->compact_all = c->compact_output;
	if (!r && c->compact_cols[0] && !cols->ncompact) {
		char spec[sizeof(c->compact_cols) + 1];

		snprintf(spec, sizeof(spec), "#%s", c->compact_cols);
		r = add_columns(c, cols, spec, k);
	}
	if (!r)
		r = add_sort(cols, q->sort ? q->sort : k->sort, k);
	if (!r && q->select)
		r = parse_select(q->select, k, sel);
	return r;
}

/* ---------------------------------------------------------------- the command */

/* @f's value in row @o; a free PV segment has no LV for the LV and segment
 * getters, and gets its values from seg_free_get(). */
static int obj_value(const struct field *f, const struct report_obj *o, struct field_val *v)
{
	if (!o->free_seg || (!field_in(f, &lv_table) && !field_in(f, &seg_table)))
		return field_value(f, o, v);
	memset(v, 0, sizeof(*v));
	v->type = f->type;
	v->s = "";
	return seg_free_get(f, o, v);
}

static int row_value(const struct field *f, const void *row, struct field_val *v)
{
	return obj_value(f, row, v);
}

/* Keeps the rows @sel selects.  0 or -ENOMEM. */
static int select_rows(struct rowset *rs, const struct sel *sel)
{
	size_t kept = 0;

	for (size_t i = 0; i < rs->n; i++) {
		int m = sel ? sel_match(sel, row_value, &rs->v[i]) : 1;

		if (m < 0)
			return m;
		if (m)
			rs->v[kept++] = rs->v[i];
	}
	rs->n = kept;
	return 0;
}

/* The sort keys of every row, made once (not at every comparison). */
struct sort_ctx {
	const struct columns *cols;
	const struct report_obj *rows;
	struct field_val *keys;	/* n rows * nsort */
	size_t use[MAX_SORT];	/* the keys that differ between rows */
	bool text[MAX_SORT];	/* use[u] compares as text (field_cmp's strcmp) */
	size_t nuse;
};

/* field_cmp() of two text keys, without the call. */
static inline const char *key_text(const struct field_val *v)
{
	return v->key ? v->key : v->s;
}

static int cmp_rows(const void *a, const void *b, void *usr)
{
	const struct sort_ctx *sc = usr;
	size_t x = *(const size_t *)a, y = *(const size_t *)b, ns = sc->cols->nsort;

	for (size_t u = 0; u < sc->nuse; u++) {
		size_t i = sc->use[u];
		const struct field_val *kx = &sc->keys[x * ns + i], *ky = &sc->keys[y * ns + i];
		int c = sc->text[u] ? strcmp(key_text(kx), key_text(ky)) : field_cmp(kx, ky);

		if (c)
			return sc->cols->desc[i] ? -c : c;
	}
	/* Ties keep the order the rows were found in (VGs by name, LVs in
	 * metadata order, segments in LE order), as in lvm2. */
	return sc->rows[x].seq < sc->rows[y].seq ? -1 : sc->rows[x].seq > sc->rows[y].seq;
}

/* Notes in @sc the keys some rows differ in (the VG name of a one-VG lvs
 * is the same in every row: comparing it decides nothing). */
static void keys_in_use(struct sort_ctx *sc, size_t n)
{
	size_t ns = sc->cols->nsort;

	sc->nuse = 0;
	for (size_t k = 0; k < ns; k++)
		for (size_t i = 1; i < n; i++)
			if (field_cmp(&sc->keys[k], &sc->keys[i * ns + k])) {
				enum field_type t = sc->keys[k].type;

				sc->text[sc->nuse] = t != F_NUM && t != F_SIZE && t != F_SNUM && t != F_BOOL;
				sc->use[sc->nuse++] = k;
				break;
			}
}

/* Is @rs in the order cmp_rows() wants already (rows found in order)? */
static bool in_order(const size_t *order, size_t n, struct sort_ctx *sc)
{
	for (size_t i = 1; i < n; i++)
		if (cmp_rows(&order[i - 1], &order[i], sc) > 0)
			return false;
	return true;
}

/* Sorts the rows by -O.  0 or -ENOMEM. */
static int sort_rows(struct rowset *rs, const struct columns *cols)
{
	size_t n = rs->n, ns = cols->nsort, *order = NULL, made = 0;
	struct sort_ctx sc = { cols, rs->v, NULL, { 0 }, { false }, 0 };
	struct report_obj *sorted = NULL;
	int r = -ENOMEM;

	if (n < 2 || !ns)
		return 0;
	if (!(sc.keys = malloc(n * ns * sizeof(*sc.keys))) || !(order = malloc(n * sizeof(*order))))
		goto out;
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		for (size_t k = 0; k < ns; k++, made++)
			/* made in place: a short text it keeps in v->small stays valid */
			if (obj_value(cols->sort[k], &rs->v[i], &sc.keys[made])) {
				made++;	/* freed below, as the others */
				goto out;
			}
	}
	r = 0;
	keys_in_use(&sc, n);
	if (!sc.nuse || in_order(order, n, &sc))
		goto out;
	r = -ENOMEM;
	if (!(sorted = malloc(n * sizeof(*sorted))))
		goto out;
	qsort_r(order, n, sizeof(*order), cmp_rows, &sc);
	for (size_t i = 0; i < n; i++)
		sorted[i] = rs->v[order[i]];
	memcpy(rs->v, sorted, n * sizeof(*sorted));
	r = 0;
out:
	for (size_t i = 0; i < made; i++)
		field_val_done(&sc.keys[i]);
	free(sc.keys);
	free(order);
	free(sorted);
	return r;
}

/* Cell texts, kept in big blocks rather than one allocation each. */
struct pool {
	char **blocks;
	size_t n;
	char *cur;
	size_t left;
};

#define POOL_BLOCK (64 * 1024)

static char *pool_dup(struct pool *p, const char *s)
{
	size_t len = strlen(s) + 1;
	char *d, **nb;

	if (len > p->left) {
		size_t size = len > POOL_BLOCK ? len : POOL_BLOCK;

		if (!(nb = realloc(p->blocks, (p->n + 1) * sizeof(*nb))))
			return NULL;
		p->blocks = nb;
		if (!(p->cur = nb[p->n] = malloc(size)))
			return NULL;
		p->n++;
		p->left = size;
	}
	d = memcpy(p->cur, s, len);
	p->cur += len;
	p->left -= len;
	return d;
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->blocks[i]);
	free(p->blocks);
	memset(p, 0, sizeof(*p));
}

/* The text of every cell, row by row, into *@out.  0 or -ENOMEM. */
static int make_cells(const struct rowset *rs, const struct columns *cols,
		      const struct cell_fmt *fmt, struct pool *pool, char ***out)
{
	/* every cell is set below before anything reads it */
	char **cells = malloc((rs->n * cols->n + 1) * sizeof(*cells));
	char tmp[64];

	if (!(*out = cells))
		return -ENOMEM;
	for (size_t i = 0; i < rs->n; i++)
		for (size_t k = 0; k < cols->n; k++) {
			struct field_val v;
			char **cell = &cells[i * cols->n + k];

			if (!obj_value(cols->col[k], &rs->v[i], &v))
				*cell = pool_dup(pool, field_text(&v, fmt, tmp, sizeof(tmp)));
			field_val_done(&v);
			if (!*cell)
				return -ENOMEM;
		}
	return 0;
}

static bool compacted(const struct columns *cols, size_t k)
{
	if (cols->compact_all)
		return true;
	for (size_t i = 0; i < cols->ncompact; i++)
		if (cols->compact[i] == cols->col[k])
			return true;
	return false;
}

/* Drops the compacted columns that are blank in every row (none without
 * rows).  True if the last column was dropped. */
static bool compact(struct columns *cols, char **cells, size_t rows)
{
	size_t w = cols->n, kept = 0;
	bool keep[MAX_COLS];

	for (size_t k = 0; k < w; k++) {
		keep[k] = !rows || !compacted(cols, k);
		for (size_t i = 0; i < rows && !keep[k]; i++)
			keep[k] = cells[i * w + k][0] != '\0';
	}
	for (size_t i = 0; i < rows; i++)
		for (size_t k = 0; k < w; k++)
			if (keep[k])
				cells[kept++] = cells[i * w + k];	/* the pool owns them */
	kept = 0;
	for (size_t k = 0; k < w; k++)
		if (keep[k])
			cols->col[kept++] = cols->col[k];
	cols->n = kept;
	return w && !keep[w - 1];
}

/* Selects, sorts and prints the rows.  0 or -ENOMEM. */
static int show(const struct report_kind *k, struct rowset *rs, struct columns *cols,
		const struct sel *sel, const struct layout_opts *o)
{
	struct cell_fmt fmt = o->cell;
	struct pool pool = { 0 };
	char **cells = NULL;
	int r = select_rows(rs, sel);

	/* json_std shows flags as booleans (numbers with --binary): from 1/0/-1. */
	fmt.binary |= o->format == FMT_JSON_STD;
	if (!r)
		r = sort_rows(rs, cols);
	if (!r && !(r = make_cells(rs, cols, &fmt, &pool, &cells))) {
		bool hidden_last = compact(cols, cells, rs->n);
		struct layout l = { k->name, cols->col, cols->n, cells, rs->n, hidden_last };

		r = layout_print(&l, o);
	}
	free(cells);
	pool_free(&pool);
	return r;
}

int report_run(struct cli *c, int argc, char **argv, enum report_type type)
{
	struct layout_opts o = { .cell = { .units = 0, .suffix = true }, .headings = true };
	struct columns cols = { .n = 0 };
	struct request q = { .ncolumns = 0 };
	struct rowset rs = { 0 };
	struct args a = { 0 };
	struct sel *sel = NULL;
	const struct report_kind *k;
	struct report_kind pvseg_as_pv;
	int r, rc;

	if ((r = parse_report_opts(c, argc, argv, type, &q, &o)))
		return r;
	/* lvm.conf's global/units and global/suffix, unless the options said */
	if (!o.cell.units) {
		o.cell.units = c->units ? c->units : 'r';
		o.cell.factor = c->unit_factor;
	}
	if (c->no_suffix)
		o.cell.suffix = false;
	k = &report_kinds[!q.segments ? type : type == REPORT_PV ? REPORT_PVSEG : REPORT_SEG];
	a.v = argv + optind;
	a.n = argc - optind;
	if (type == REPORT_VG && (r = check_vg_args(c, &a)))
		return r;
	a.all = q.all;
	if ((r = apply_request(c, k, &q, &cols, &sel)) ||
	    !(a.seen = calloc((size_t)a.n + 1, sizeof(*a.seen)))) {
		sel_free(sel);
		return r ? r : EXIT_FAILED;
	}
	a.segs = q.segments || (type == REPORT_LV && uses_table(&cols, sel, &seg_table));
	/* pvs showing a PV segment, LV or segment field: a row per PV segment */
	if (!q.segments && type == REPORT_PV &&
	    (uses_table(&cols, sel, &pvseg_table) || uses_table(&cols, sel, &lv_table) ||
	     uses_table(&cols, sel, &seg_table))) {
		pvseg_as_pv = report_kinds[REPORT_PVSEG];
		pvseg_as_pv.name = report_kinds[REPORT_PV].name;	/* JSON says "pv", as lvm2 */
		k = &pvseg_as_pv;
	}
	/* vgs showing an LV field: a row per LV */
	if (type == REPORT_VG && uses_table(&cols, sel, &lv_table))
		k = &report_kinds[REPORT_VGLV];
	a.labels = k == &report_kinds[REPORT_PV] && !sel && !a.all && labels_only(&cols);
	rc = collect(c, k, &rs, &a);
	r = show(k, &rs, &cols, sel, &o);
	rowset_free(&rs);
	free(a.seen);
	sel_free(sel);
	return cli_exit(r ? r : rc);
}

int cmd_pvs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, REPORT_PV);
}

int cmd_vgs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, REPORT_VG);
}

int cmd_lvs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, REPORT_LV);
}
