/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvs and vgs: lvm2's field names, units, sorting, selection and output
 * layouts.  Tables and JSON are drawn by libsmartcols; this file only
 * turns library values into cells.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum ftype { F_STR, F_NUM, F_SIZE, F_BOOL, F_TAGS };

/* X(id, name, heading, type, object, help); object 'p' = PV, 'v' = VG. */
#define PV_FIELDS \
	X(PV_NAME, "pv_name", "PV", F_STR, 'p', "Name.") \
	X(PV_UUID, "pv_uuid", "PV UUID", F_STR, 'p', "Unique identifier.") \
	X(PV_FMT, "pv_fmt", "Fmt", F_STR, 'p', "Type of metadata.") \
	X(PV_SIZE, "pv_size", "PSize", F_SIZE, 'p', "Size of PV in current units.") \
	X(PV_FREE, "pv_free", "PFree", F_SIZE, 'p', "Total amount of unallocated space in current units.") \
	X(PV_USED, "pv_used", "Used", F_SIZE, 'p', "Total amount of allocated space in current units.") \
	X(DEV_SIZE, "dev_size", "DevSize", F_SIZE, 'p', "Size of underlying device in current units.") \
	X(PE_START, "pe_start", "1st PE", F_SIZE, 'p', "Offset to the start of data on the underlying device.") \
	X(PV_PE_COUNT, "pv_pe_count", "PE", F_NUM, 'p', "Total number of Physical Extents.") \
	X(PV_PE_ALLOC, "pv_pe_alloc_count", "Alloc", F_NUM, 'p', "Total number of allocated Physical Extents.") \
	X(PV_MDA_COUNT, "pv_mda_count", "#PMda", F_NUM, 'p', "Number of metadata areas on this device.") \
	X(PV_MDA_USED, "pv_mda_used_count", "#PMdaUse", F_NUM, 'p', "Number of metadata areas in use on this device.") \
	X(PV_MDA_SIZE, "pv_mda_size", "PMdaSize", F_SIZE, 'p', "Size of smallest metadata area on this device in current units.") \
	X(PV_MDA_FREE, "pv_mda_free", "PMdaFree", F_SIZE, 'p', "Free metadata area space on this device in current units.") \
	X(PV_TAGS, "pv_tags", "PV Tags", F_TAGS, 'p', "Tags, if any.") \
	X(PV_ATTR, "pv_attr", "Attr", F_STR, 'p', "Various attributes - see man page.") \
	X(PV_ALLOCATABLE, "pv_allocatable", "Allocatable", F_BOOL, 'p', "Set if this device can be used for allocation.") \
	X(PV_EXPORTED, "pv_exported", "Exported", F_BOOL, 'p', "Set if this device is exported.") \
	X(PV_MISSING, "pv_missing", "Missing", F_BOOL, 'p', "Set if this device is missing in system.") \
	X(PV_IN_USE, "pv_in_use", "PInUse", F_BOOL, 'p', "Set if PV is used.") \
	X(PV_EXT_VSN, "pv_ext_vsn", "ExtVsn", F_NUM, 'p', "PV header extension version.") \
	X(PV_BA_START, "pv_ba_start", "BA Start", F_SIZE, 'p', "Offset to the start of PV Bootloader Area on the underlying device in current units.") \
	X(PV_BA_SIZE, "pv_ba_size", "BA Size", F_SIZE, 'p', "Size of PV Bootloader Area in current units.") \
	X(PV_MAJOR, "pv_major", "Maj", F_NUM, 'p', "Device major number.") \
	X(PV_MINOR, "pv_minor", "Min", F_NUM, 'p', "Device minor number.")

#define VG_FIELDS \
	X(VG_NAME, "vg_name", "VG", F_STR, 'v', "Name.") \
	X(VG_UUID, "vg_uuid", "VG UUID", F_STR, 'v', "Unique identifier.") \
	X(VG_FMT, "vg_fmt", "Fmt", F_STR, 'v', "Type of metadata.") \
	X(VG_ATTR, "vg_attr", "Attr", F_STR, 'v', "Various attributes - see man page.") \
	X(VG_PERMS, "vg_permissions", "VPerms", F_STR, 'v', "VG permissions.") \
	X(VG_EXTENDABLE, "vg_extendable", "Extendable", F_BOOL, 'v', "Set if VG is extendable.") \
	X(VG_EXPORTED, "vg_exported", "Exported", F_BOOL, 'v', "Set if VG is exported.") \
	X(VG_PARTIAL, "vg_partial", "Partial", F_BOOL, 'v', "Set if VG is partial.") \
	X(VG_ALLOC, "vg_allocation_policy", "AllocPol", F_STR, 'v', "VG allocation policy.") \
	X(VG_SIZE, "vg_size", "VSize", F_SIZE, 'v', "Total size of VG in current units.") \
	X(VG_FREE, "vg_free", "VFree", F_SIZE, 'v', "Total amount of free space in current units.") \
	X(VG_SYSID, "vg_systemid", "System ID", F_STR, 'v', "System ID of the VG indicating which host owns it.") \
	X(VG_EXTENT_SIZE, "vg_extent_size", "Ext", F_SIZE, 'v', "Size of Physical Extents in current units.") \
	X(VG_EXTENT_COUNT, "vg_extent_count", "#Ext", F_NUM, 'v', "Total number of Physical Extents.") \
	X(VG_FREE_COUNT, "vg_free_count", "Free", F_NUM, 'v', "Total number of unallocated Physical Extents.") \
	X(VG_MAX_LV, "max_lv", "MaxLV", F_NUM, 'v', "Maximum number of LVs allowed in VG or 0 if unlimited.") \
	X(VG_MAX_PV, "max_pv", "MaxPV", F_NUM, 'v', "Maximum number of PVs allowed in VG or 0 if unlimited.") \
	X(VG_PV_COUNT, "pv_count", "#PV", F_NUM, 'v', "Number of PVs in VG.") \
	X(VG_MISSING, "vg_missing_pv_count", "#PV Missing", F_NUM, 'v', "Number of PVs in VG which are missing.") \
	X(VG_LV_COUNT, "lv_count", "#LV", F_NUM, 'v', "Number of LVs.") \
	X(VG_SNAP_COUNT, "snap_count", "#SN", F_NUM, 'v', "Number of snapshots.") \
	X(VG_SEQNO, "vg_seqno", "Seq", F_NUM, 'v', "Revision number of internal metadata.  Incremented whenever it changes.") \
	X(VG_TAGS, "vg_tags", "VG Tags", F_TAGS, 'v', "Tags, if any.") \
	X(VG_MDA_COUNT, "vg_mda_count", "#VMda", F_NUM, 'v', "Number of metadata areas on this VG.") \
	X(VG_MDA_USED, "vg_mda_used_count", "#VMdaUse", F_NUM, 'v', "Number of metadata areas in use on this VG.") \
	X(VG_MDA_FREE, "vg_mda_free", "VMdaFree", F_SIZE, 'v', "Free metadata area space for this VG in current units.") \
	X(VG_MDA_SIZE, "vg_mda_size", "VMdaSize", F_SIZE, 'v', "Size of smallest metadata area for this VG in current units.") \
	X(VG_MDA_COPIES, "vg_mda_copies", "#VMdaCps", F_NUM, 'v', "Target number of in use metadata areas in the VG.")

enum field_id {
#define X(id, name, heading, type, obj, help) id,
	PV_FIELDS VG_FIELDS
#undef X
	NFIELDS
};

struct field {
	const char *name, *heading;
	enum ftype type;
	char obj;
	const char *help;
};

static const struct field fields[NFIELDS] = {
#define X(id, name, heading, type, obj, help) [id] = { name, heading, type, obj, help },
	PV_FIELDS VG_FIELDS
#undef X
};

/* A row: a PV (with its VG, NULL for an orphan), or a VG. */
struct row {
	struct vol_pv *pv;
	struct vol_vg *vg;
	char **cells;	/* formatted values, one per column */
};

struct val {
	enum ftype type;
	uint64_t n;
	bool b;
	const char *s;
	char buf[4096];
};

/* ---------------------------------------------------------------- values */

static void join_tags(struct val *v, size_t n, const char *(*get)(const void *, size_t),
		      const void *obj)
{
	size_t len = 0;

	v->buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(v->buf + len, len < sizeof(v->buf) ? sizeof(v->buf) - len : 0,
					"%s%s", i ? "," : "", get(obj, i));
	v->s = v->buf;
}

static const char *pv_tag(const void *o, size_t i)
{
	return vol_pv_tag(o, i);
}

static const char *vg_tag(const void *o, size_t i)
{
	return vol_vg_tag(o, i);
}

static void pv_value(enum field_id id, const struct vol_pv *pv, struct val *v)
{
	switch (id) {
	case PV_NAME: v->s = vol_pv_name(pv); break;
	case PV_UUID: v->s = vol_pv_uuid(pv); break;
	case PV_FMT: v->s = "lvm2"; break;
	case PV_SIZE: v->n = vol_pv_size(pv); break;
	case PV_FREE: v->n = vol_pv_free(pv); break;
	case PV_USED: v->n = vol_pv_used(pv); break;
	case DEV_SIZE: v->n = vol_pv_dev_size(pv); break;
	case PE_START: v->n = vol_pv_pe_start(pv); break;
	case PV_PE_COUNT: v->n = vol_pv_pe_count(pv); break;
	case PV_PE_ALLOC: v->n = vol_pv_pe_alloc_count(pv); break;
	case PV_MDA_COUNT: v->n = vol_pv_mda_count(pv); break;
	case PV_MDA_USED: v->n = vol_pv_mda_used_count(pv); break;
	case PV_MDA_SIZE: v->n = vol_pv_mda_size(pv); break;
	case PV_MDA_FREE: v->n = vol_pv_mda_free(pv); break;
	case PV_TAGS: join_tags(v, vol_pv_tag_count(pv), pv_tag, pv); break;
	case PV_ATTR: v->s = vol_pv_attr(pv); break;
	case PV_ALLOCATABLE: v->b = vol_pv_is_allocatable(pv); v->s = "allocatable"; break;
	case PV_EXPORTED: v->b = vol_pv_is_exported(pv); v->s = "exported"; break;
	case PV_MISSING: v->b = vol_pv_is_missing(pv); v->s = "missing"; break;
	case PV_IN_USE: v->b = vol_pv_is_in_use(pv); v->s = "used"; break;
	case PV_EXT_VSN: v->n = vol_pv_ext_version(pv); break;
	case PV_BA_START: v->n = vol_pv_ba_start(pv); break;
	case PV_BA_SIZE: v->n = vol_pv_ba_size(pv); break;
	case PV_MAJOR: v->n = vol_pv_devno(pv) ? (vol_pv_devno(pv) >> 8) & 0xfff : 0; break;
	case PV_MINOR:
		v->n = (vol_pv_devno(pv) & 0xff) | ((vol_pv_devno(pv) >> 12) & ~0xffull);
		break;
	default: break;
	}
}

static void vg_value(enum field_id id, const struct vol_vg *vg, struct val *v)
{
	switch (id) {
	case VG_NAME: v->s = vol_vg_name(vg); break;
	case VG_UUID: v->s = vol_vg_uuid(vg); break;
	case VG_FMT: v->s = "lvm2"; break;
	case VG_ATTR: v->s = vol_vg_attr(vg); break;
	case VG_PERMS: v->s = vol_vg_is_writeable(vg) ? "writeable" : "read-only"; break;
	case VG_EXTENDABLE: v->b = vol_vg_is_resizeable(vg); v->s = "extendable"; break;
	case VG_EXPORTED: v->b = vol_vg_is_exported(vg); v->s = "exported"; break;
	case VG_PARTIAL: v->b = vol_vg_is_partial(vg); v->s = "partial"; break;
	case VG_ALLOC: v->s = vol_alloc_name(vol_vg_alloc(vg)); break;
	case VG_SIZE: v->n = vol_vg_size(vg); break;
	case VG_FREE: v->n = vol_vg_free(vg); break;
	case VG_SYSID: v->s = vol_vg_system_id(vg); break;
	case VG_EXTENT_SIZE: v->n = vol_vg_extent_size(vg); break;
	case VG_EXTENT_COUNT: v->n = vol_vg_extent_count(vg); break;
	case VG_FREE_COUNT: v->n = vol_vg_free_count(vg); break;
	case VG_MAX_LV: v->n = vol_vg_max_lv(vg); break;
	case VG_MAX_PV: v->n = vol_vg_max_pv(vg); break;
	case VG_PV_COUNT: v->n = vol_vg_pv_count(vg); break;
	case VG_MISSING: v->n = vol_vg_missing_pv_count(vg); break;
	case VG_LV_COUNT: v->n = vol_vg_lv_count(vg); break;
	case VG_SNAP_COUNT: v->n = 0; break;
	case VG_SEQNO: v->n = vol_vg_seqno(vg); break;
	case VG_TAGS: join_tags(v, vol_vg_tag_count(vg), vg_tag, vg); break;
	case VG_MDA_COUNT: v->n = vol_vg_mda_count(vg); break;
	case VG_MDA_USED: v->n = vol_vg_mda_used_count(vg); break;
	case VG_MDA_FREE: v->n = vol_vg_mda_free(vg); break;
	case VG_MDA_SIZE: v->n = vol_vg_mda_size(vg); break;
	case VG_MDA_COPIES: v->s = "unmanaged"; v->type = F_STR; return;
	default: break;
	}
}

/* Fills @v; VG fields of an orphan PV are empty. */
static void get_value(enum field_id id, const struct row *r, struct val *v)
{
	memset(v, 0, sizeof(*v) - sizeof(v->buf));
	v->type = fields[id].type;
	v->s = "";
	if (fields[id].obj == 'p')
		pv_value(id, r->pv, v);
	else if (r->vg)
		vg_value(id, r->vg, v);
	else if (v->type == F_NUM || v->type == F_SIZE)
		v->type = F_STR;	/* no VG: an empty cell, not 0 */
}

/* ---------------------------------------------------------------- units */

struct ropts {
	char units;		/* 'r' (default: human, rounded with <), 'h', 'H', b s k m ... */
	bool suffix;
	bool headings;
	bool aligned;
	bool nameprefixes;
	bool unquoted;
	bool rows;
	bool binary;
	const char *separator;
	enum { FMT_BASIC, FMT_JSON, FMT_JSON_STD } format;
};

static const char unit_chars[] = "kmgtpe";

void fmt_size(uint64_t bytes, char unit, bool suffix, char *buf, size_t len)
{
	bool si = unit >= 'A' && unit <= 'Z' && unit != 'R';
	char u = (char)(unit | 0x20);
	double base = si ? 1000.0 : 1024.0, v = (double)bytes;
	const char *p;
	int idx = -1;

	if (u == 'b' || u == 's') {
		snprintf(buf, len, "%llu%s", (unsigned long long)(u == 's' ? bytes / 512 : bytes),
			 suffix ? (u == 's' ? "S" : "B") : "");
		return;
	}
	if (u == 'h' || u == 'r') {
		if (!bytes) {
			snprintf(buf, len, "0%s", suffix ? " " : "");
			return;
		}
		/* The largest unit (k at least) not bigger than the value. */
		for (idx = 0; idx < 5 && (double)bytes >= pow(base, idx + 2); idx++)
			;
	} else if ((p = strchr(unit_chars, u))) {
		idx = (int)(p - unit_chars);
		if (!bytes) {
			snprintf(buf, len, "0%s", suffix ? (char[2]){ unit, 0 } : "");
			return;
		}
	} else {
		idx = 0;
	}
	v /= pow(base, idx + 1);
	{
		char uc = si ? (char)(unit_chars[idx] - 32) : unit_chars[idx];
		double shown = round(v * 100) / 100;

		/* lvm2's default: a value rounded up is marked "<" (smaller than shown). */
		snprintf(buf, len, "%s%.2f%s", u == 'r' && shown - v > 1e-9 ? "<" : "", shown,
			 suffix ? (char[2]){ uc, 0 } : "");
	}
}

void fmt_size_long(uint64_t bytes, char *buf, size_t len)
{
	static const char *const names[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	char tmp[48];

	if (!bytes) {
		snprintf(buf, len, "0   ");
		return;
	}
	fmt_size(bytes, 'r', true, tmp, sizeof(tmp));
	/* "<95.37m" -> "<95.37 MiB" */
	{
		size_t l = strlen(tmp);
		const char *u = strchr(unit_chars, tmp[l - 1]);

		tmp[l - 1] = '\0';
		snprintf(buf, len, "%s %s", tmp, u ? names[u - unit_chars] : "B");
	}
}

static void format_cell(const struct val *v, const struct ropts *o, char *out, size_t len)
{
	switch (v->type) {
	case F_SIZE:
		fmt_size(v->n, o->units, o->suffix, out, len);
		break;
	case F_NUM:
		snprintf(out, len, "%llu", (unsigned long long)v->n);
		break;
	case F_BOOL:
		if (o->binary)
			snprintf(out, len, "%d", v->b ? 1 : 0);
		else
			snprintf(out, len, "%s", v->b ? v->s : "");
		break;
	default:
		snprintf(out, len, "%s", v->s);
		break;
	}
}

/* ---------------------------------------------------------------- selection */

enum sel_op { S_EQ, S_NE, S_LT, S_LE, S_GT, S_GE, S_RE, S_NRE };

struct sel {
	enum { S_CMP, S_AND, S_OR, S_NOT } kind;
	struct sel *a, *b;
	enum field_id field;
	enum sel_op op;
	char *value;
	uint64_t num;
	regex_t re;
	bool have_re;
};

struct sel_parser {
	const char *p;
	const char *type;
	const char *error;
};

static int lookup_field(const char *name, const char *type);

static void skip_ws(struct sel_parser *sp)
{
	while (*sp->p == ' ' || *sp->p == '\t')
		sp->p++;
}

static struct sel *sel_new(int kind)
{
	struct sel *s = calloc(1, sizeof(*s));

	if (s)
		s->kind = kind;
	return s;
}

static void sel_free(struct sel *s)
{
	if (!s)
		return;
	sel_free(s->a);
	sel_free(s->b);
	if (s->have_re)
		regfree(&s->re);
	free(s->value);
	free(s);
}

static struct sel *parse_or(struct sel_parser *sp);

static char *sel_word(struct sel_parser *sp, const char *stop)
{
	const char *s = sp->p;
	char q = *s;

	if (q == '"' || q == '\'') {
		const char *e = strchr(s + 1, q);

		if (!e) {
			sp->error = "unterminated quoted value";
			return NULL;
		}
		sp->p = e + 1;
		return strndup(s + 1, (size_t)(e - s - 1));
	}
	while (*sp->p && !strchr(stop, *sp->p))
		sp->p++;
	if (sp->p == s) {
		sp->error = "missing field name or value";
		return NULL;
	}
	return strndup(s, (size_t)(sp->p - s));
}

static int sel_prepare(struct sel_parser *sp, struct sel *s)
{
	enum ftype t = fields[s->field].type;

	if (s->op == S_RE || s->op == S_NRE) {
		if (regcomp(&s->re, s->value, REG_EXTENDED | REG_NOSUB)) {
			sp->error = "invalid regular expression";
			return -1;
		}
		s->have_re = true;
		return 0;
	}
	if (t == F_SIZE && parse_size(s->value, 'm', &s->num)) {
		sp->error = "invalid size value";
		return -1;
	}
	if (t == F_NUM && parse_uint(s->value, UINT64_MAX, &s->num)) {
		sp->error = "invalid number";
		return -1;
	}
	if ((t == F_STR || t == F_TAGS || t == F_BOOL) && s->op != S_EQ && s->op != S_NE) {
		sp->error = "only =, !=, =~ and !~ compare strings";
		return -1;
	}
	return 0;
}

static struct sel *parse_cmp(struct sel_parser *sp)
{
	static const struct { const char *tok; enum sel_op op; } ops[] = {
		{ "=~", S_RE }, { "!~", S_NRE }, { "!=", S_NE }, { "<=", S_LE }, { ">=", S_GE },
		{ "=", S_EQ }, { "<", S_LT }, { ">", S_GT },
	};
	struct sel *s;
	char *name;
	int id;

	skip_ws(sp);
	if (*sp->p == '(') {
		sp->p++;
		s = parse_or(sp);
		skip_ws(sp);
		if (s && *sp->p != ')') {
			sp->error = "missing ')'";
			sel_free(s);
			return NULL;
		}
		sp->p++;
		return s;
	}
	if (*sp->p == '!' && sp->p[1] != '=' && sp->p[1] != '~') {
		sp->p++;
		s = sel_new(S_NOT);
		if (s && !(s->a = parse_cmp(sp))) {
			sel_free(s);
			return NULL;
		}
		return s;
	}
	if (!(name = sel_word(sp, "=!<>~ \t()&|")))
		return NULL;
	id = lookup_field(name, sp->type);
	free(name);
	if (id < 0) {
		sp->error = "unknown field";
		return NULL;
	}
	skip_ws(sp);
	if (!(s = sel_new(S_CMP)))
		return NULL;
	s->field = (enum field_id)id;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strncmp(sp->p, ops[i].tok, strlen(ops[i].tok))) {
			s->op = ops[i].op;
			sp->p += strlen(ops[i].tok);
			skip_ws(sp);
			if (!(s->value = sel_word(sp, " \t()&|")) || sel_prepare(sp, s)) {
				sel_free(s);
				return NULL;
			}
			return s;
		}
	sp->error = "missing comparison operator";
	sel_free(s);
	return NULL;
}

static struct sel *parse_and(struct sel_parser *sp)
{
	struct sel *l = parse_cmp(sp);

	for (skip_ws(sp); l && !strncmp(sp->p, "&&", 2); skip_ws(sp)) {
		struct sel *n = sel_new(S_AND);

		sp->p += 2;
		if (!n || !(n->b = parse_cmp(sp))) {
			free(n);
			sel_free(l);
			return NULL;
		}
		n->a = l;
		l = n;
	}
	return l;
}

static struct sel *parse_or(struct sel_parser *sp)
{
	struct sel *l = parse_and(sp);

	for (skip_ws(sp); l && !strncmp(sp->p, "||", 2); skip_ws(sp)) {
		struct sel *n = sel_new(S_OR);

		sp->p += 2;
		if (!n || !(n->b = parse_and(sp))) {
			free(n);
			sel_free(l);
			return NULL;
		}
		n->a = l;
		l = n;
	}
	return l;
}

static bool tag_match(const char *list, const char *want)
{
	size_t n = strlen(want);

	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && !strncmp(p, want, n))
			return true;
		p += l + (e ? 1 : 0);
	}
	return false;
}

static bool sel_eval(const struct sel *s, const struct row *r)
{
	struct val v;
	int c;

	switch (s->kind) {
	case S_AND: return sel_eval(s->a, r) && sel_eval(s->b, r);
	case S_OR: return sel_eval(s->a, r) || sel_eval(s->b, r);
	case S_NOT: return !sel_eval(s->a, r);
	default: break;
	}
	get_value(s->field, r, &v);
	if (s->op == S_RE || s->op == S_NRE) {
		char cell[4096];
		struct ropts raw = { .units = 'b', .suffix = false };

		format_cell(&v, &raw, cell, sizeof(cell));
		return !regexec(&s->re, cell, 0, NULL, 0) == (s->op == S_RE);
	}
	if (v.type == F_NUM || v.type == F_SIZE)
		c = v.n < s->num ? -1 : v.n > s->num;
	else if (v.type == F_TAGS)
		c = tag_match(v.s, s->value) || !strcmp(v.s, s->value) ? 0 : 1;
	else if (v.type == F_BOOL)
		c = v.b == (!strcmp(s->value, "1") || !strcmp(s->value, v.s) ||
			    !strcmp(s->value, "yes")) ? 0 : 1;
	else
		c = strcmp(v.s, s->value);
	switch (s->op) {
	case S_EQ: return c == 0;
	case S_NE: return c != 0;
	case S_LT: return c < 0;
	case S_LE: return c <= 0;
	case S_GT: return c > 0;
	case S_GE: return c >= 0;
	default: return false;
	}
}

/* ---------------------------------------------------------------- columns */

static int lookup_field(const char *name, const char *type)
{
	char alt[64];

	for (int i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, name))
			return (type[0] == 'p' || fields[i].obj == 'v') ? i : -1;
	/* lvm2 accepts names without the report's prefix: "size" means pv_size in pvs. */
	snprintf(alt, sizeof(alt), "%s_%s", type[0] == 'p' ? "pv" : "vg", name);
	for (int i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, alt))
			return (type[0] == 'p' || fields[i].obj == 'v') ? i : -1;
	return -1;
}

struct columns {
	enum field_id id[64];
	size_t n;
	enum field_id sort[16];
	bool desc[16];
	size_t nsort;
};

static void options_help(const char *type)
{
	printf("  %s Fields\n  %s\n", type[0] == 'p' ? "Physical Volume" : "Volume Group",
	       "-------------------------------");
	for (int i = 0; i < NFIELDS; i++)
		if (fields[i].obj == type[0])
			printf("    %-26s - %s\n", fields[i].name, fields[i].help);
	if (type[0] == 'p') {
		printf("\n  Volume Group Fields\n  -------------------------------\n");
		for (int i = 0; i < NFIELDS; i++)
			if (fields[i].obj == 'v')
				printf("    %-26s - %s\n", fields[i].name, fields[i].help);
	}
}

static int add_columns(struct cli *c, struct columns *cols, const char *spec, const char *type,
		       const char *defaults)
{
	char *copy, *save = NULL;
	const char *list = spec;

	if (*spec == '+') {
		int r = add_columns(c, cols, defaults, type, NULL);

		if (r)
			return r;
		list = spec + 1;
	} else {
		cols->n = 0;
	}
	if (!(copy = strdup(list)))
		return EXIT_FAILED;
	for (char *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
		int id = lookup_field(t, type);

		if (id < 0) {
			free(copy);
			return cli_usage_error(c, "Unrecognised field: %s (use -o help to list them)", t);
		}
		if (cols->n == sizeof(cols->id) / sizeof(cols->id[0])) {
			free(copy);
			return cli_usage_error(c, "Too many fields.");
		}
		cols->id[cols->n++] = (enum field_id)id;
	}
	free(copy);
	return 0;
}

static int add_sort(struct cli *c, struct columns *cols, const char *spec, const char *type)
{
	char *copy = strdup(spec), *save = NULL;

	if (!copy)
		return EXIT_FAILED;
	cols->nsort = 0;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		bool desc = *t == '-';
		int id = lookup_field(t + (desc || *t == '+'), type);

		if (id < 0) {
			free(copy);
			return cli_usage_error(c, "Unrecognised field in --sort: %s", t);
		}
		if (cols->nsort == 16)
			break;
		cols->desc[cols->nsort] = desc;
		cols->sort[cols->nsort++] = (enum field_id)id;
	}
	free(copy);
	return 0;
}

static int cmp_rows(const struct row *a, const struct row *b, const struct columns *cols)
{
	for (size_t i = 0; i < cols->nsort; i++) {
		struct val x, y;
		int c;

		get_value(cols->sort[i], a, &x);
		get_value(cols->sort[i], b, &y);
		if (x.type == F_NUM || x.type == F_SIZE)
			c = x.n < y.n ? -1 : x.n > y.n;
		else if (x.type == F_BOOL)
			c = (int)x.b - (int)y.b;
		else
			c = strcmp(x.s, y.s);
		if (c)
			return cols->desc[i] ? -c : c;
	}
	return 0;
}

static const struct columns *sort_cols;

static int qsort_rows(const void *a, const void *b)
{
	return cmp_rows(a, b, sort_cols);
}

/* ---------------------------------------------------------------- output */

static bool is_number(const char *s)
{
	char *end;

	if (!*s)
		return false;
	strtod(s, &end);
	return !*end && (*s == '-' || (*s >= '0' && *s <= '9'));
}

static void upper_name(const char *name, char *out, size_t len)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < len; i++)
		out[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	out[i] = '\0';
}

static void print_nameprefixes(const struct columns *cols, struct row *rows, size_t n,
			       const struct ropts *o)
{
	for (size_t r = 0; r < n; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < cols->n; i++) {
			char up[64];

			upper_name(fields[cols->id[i]].name, up, sizeof(up));
			printf("%sLVM2_%s=%s%s%s", i ? (o->separator ? o->separator : " ") : "", up,
			       o->unquoted ? "" : "'", rows[r].cells[i], o->unquoted ? "" : "'");
		}
		fputc('\n', stdout);
	}
}

static void print_separated(const struct columns *cols, struct row *rows, size_t n,
			    const struct ropts *o)
{
	if (o->headings) {
		fputs("  ", stdout);
		for (size_t i = 0; i < cols->n; i++)
			printf("%s%s", i ? o->separator : "", fields[cols->id[i]].heading);
		fputc('\n', stdout);
	}
	for (size_t r = 0; r < n; r++) {
		fputs("  ", stdout);
		for (size_t i = 0; i < cols->n; i++)
			printf("%s%s", i ? o->separator : "", rows[r].cells[i]);
		fputc('\n', stdout);
	}
}

/* Prints @data (a libsmartcols rendering) with every line indented by @indent. */
static void print_indented(const char *data, const char *indent)
{
	for (const char *p = data; *p;) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		printf("%s%.*s\n", indent, (int)l, p);
		p += l + (e ? 1 : 0);
	}
}

static int render(struct libscols_table *tb, const char *indent)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	int r;

	if (!f)
		return -ENOMEM;
	scols_table_set_stream(tb, f);
	r = scols_print_table(tb);
	fclose(f);
	if (!r && data) {
		/* libsmartcols draws an empty JSON list as [null]; lvm2 means []. */
		for (char *p = strstr(data, "[\n"); p; p = strstr(p + 1, "[\n")) {
			char *q = p + 2;

			while (*q == ' ')
				q++;
			if (strncmp(q, "null\n", 5))
				continue;
			q += 5;
			while (*q == ' ')
				q++;
			if (*q == ']')
				memmove(p + 1, q, strlen(q) + 1);
		}
		/* ... and an empty value as null; lvm2 writes "". */
		for (char *p = strstr(data, "\": null"); p; p = strstr(p + 1, "\": null"))
			if (p[7] == ',' || p[7] == '\n' || p[7] == '\0') {
				memmove(p + 5, p + 7, strlen(p + 7) + 1);
				memcpy(p + 1, ": \"\"", 4);
			}
		print_indented(data, indent);
	}
	free(data);
	return r;
}

static int print_scols(const struct columns *cols, struct row *rows, size_t n,
		       const struct ropts *o, const char *type)
{
	struct libscols_table *tb = scols_new_table();
	bool json = o->format != FMT_BASIC;
	int r = -ENOMEM;

	if (!tb)
		return r;
	scols_table_set_name(tb, type);
	scols_table_enable_noheadings(tb, !o->headings);
	if (json)
		scols_table_enable_json(tb, 1);
	if (o->separator) {
		scols_table_set_column_separator(tb, o->separator);
		scols_table_enable_raw(tb, !o->aligned);
	}
	for (size_t i = 0; i < cols->n; i++) {
		const struct field *f = &fields[cols->id[i]];
		bool num = f->type == F_NUM || f->type == F_SIZE || f->type == F_BOOL;
		struct libscols_column *cl;
		char head[64];

		/* Number cells go right, but headings stay left-aligned as in lvm2:
		 * pad the heading to the column's width. */
		snprintf(head, sizeof(head), "%s", json ? f->name : f->heading);
		if (num && !json) {
			size_t w = strlen(head);

			for (size_t k = 0; k < n; k++)
				if (strlen(rows[k].cells[i]) > w)
					w = strlen(rows[k].cells[i]);
			snprintf(head, sizeof(head), "%-*s", (int)(w < 63 ? w : 63), f->heading);
		}
		cl = scols_table_new_column(tb, head, 0, num ? SCOLS_FL_RIGHT : 0);

		if (!cl)
			goto out;
		if (json && o->format == FMT_JSON_STD && f->type == F_TAGS)
			scols_column_set_json_type(cl, SCOLS_JSON_ARRAY_STRING);
		else if (json && o->format == FMT_JSON_STD && num)
			scols_column_set_json_type(cl, SCOLS_JSON_NUMBER);
		else
			scols_column_set_json_type(cl, SCOLS_JSON_STRING);
	}
	for (size_t k = 0; k < n; k++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			goto out;
		for (size_t i = 0; i < cols->n; i++) {
			const char *cell = rows[k].cells[i];
			char *fixed = NULL;

			if (o->format == FMT_JSON_STD && fields[cols->id[i]].type == F_TAGS) {
				fixed = strdup(cell);
				for (char *p = fixed; p && *p; p++)
					if (*p == ',')
						*p = '\n';
			}
			/* A number column whose cell is not a number (units, empty) stays a string. */
			if (o->format == FMT_JSON_STD && !is_number(cell) &&
			    (fields[cols->id[i]].type == F_NUM || fields[cols->id[i]].type == F_SIZE))
				scols_column_set_json_type(scols_table_get_column(tb, i), SCOLS_JSON_STRING);
			if (!fixed || *fixed)	/* an empty list is [], not [null] */
				scols_line_set_data(ln, i, fixed ? fixed : cell);
			free(fixed);
		}
	}
	if (json) {
		printf("  {\n      \"report\": [\n");
		r = render(tb, "          ");
		printf("      ]\n  }\n");
	} else {
		r = render(tb, "  ");
	}
out:
	scols_unref_table(tb);
	return r;
}

/* --rows: one line per field, one column per object. */
static int print_rows(const struct columns *cols, struct row *rows, size_t n, const struct ropts *o)
{
	struct libscols_table *tb = scols_new_table();
	int r = -ENOMEM;

	if (!tb)
		return r;
	scols_table_enable_noheadings(tb, 1);
	if (o->separator) {
		scols_table_set_column_separator(tb, o->separator);
		scols_table_enable_raw(tb, !o->aligned);
	}
	for (size_t k = 0; k <= n; k++)
		if (!scols_table_new_column(tb, "", 0, 0))
			goto out;
	for (size_t i = 0; i < cols->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			goto out;
		scols_line_set_data(ln, 0, o->headings ? fields[cols->id[i]].heading : "");
		for (size_t k = 0; k < n; k++)
			scols_line_set_data(ln, k + 1, rows[k].cells[i]);
	}
	r = render(tb, "  ");
out:
	scols_unref_table(tb);
	return r;
}

/* ---------------------------------------------------------------- rows */

struct rowset {
	struct row *v;
	size_t n, cap;
	struct vol_vg **vgs;
	size_t nvgs;
};

static int push_row(struct rowset *rs, struct vol_pv *pv, struct vol_vg *vg)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 64;
		struct row *v = realloc(rs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rs->v = v;
		rs->cap = cap;
	}
	rs->v[rs->n++] = (struct row){ pv, vg, NULL };
	return 0;
}

static bool wanted(char **names, int n, const char *a, const char *b)
{
	if (!n)
		return true;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], a) || (b && !strcmp(names[i], b)))
			return true;
	return false;
}

static int collect(struct cli *c, struct rowset *rs, const char *type, char **args, int nargs)
{
	char **names = NULL;
	size_t n = 0, norph = 0;
	int r = vol_vg_names(c->ctx, &names, &n), rc = 0;

	if (r)
		return r;
	if (type[0] == 'v')
		for (int i = 0; i < nargs; i++) {
			bool found = false;

			for (size_t k = 0; k < n && !found; k++)
				found = !strcmp(names[k], args[i]);
			if (!found) {
				err("Volume group \"%s\" not found", args[i]);
				rc = -ENOENT;
			}
		}
	rs->vgs = calloc(n ? n : 1, sizeof(*rs->vgs));
	for (size_t i = 0; rs->vgs && i < n; i++) {
		struct vol_vg *vg;

		if (type[0] == 'v' && !wanted(args, nargs, names[i], NULL))
			continue;
		if ((r = vol_vg_open(c->ctx, names[i], VOL_OPEN_READ | VOL_OPEN_PARTIAL, &vg))) {
			rc = r;
			continue;
		}
		rs->vgs[rs->nvgs++] = vg;
		if (type[0] == 'v') {
			push_row(rs, NULL, vg);
			continue;
		}
		for (size_t k = 0; k < vol_vg_pv_count(vg); k++) {
			struct vol_pv *pv = vol_vg_pv(vg, k);

			if (wanted(args, nargs, vol_pv_name(pv), vol_pv_uuid(pv)))
				push_row(rs, pv, vg);
		}
	}
	vol_strv_free(names, n);
	if (!rs->vgs)
		return -ENOMEM;
	if (type[0] == 'p' && !vol_orphan_count(c->ctx, &norph))
		for (size_t i = 0; i < norph; i++) {
			struct vol_pv *pv = vol_orphan_pv(c->ctx, i);

			if (wanted(args, nargs, vol_pv_name(pv), vol_pv_uuid(pv)))
				push_row(rs, pv, NULL);
		}
	if (type[0] == 'p')
		for (int i = 0; i < nargs; i++) {
			bool found = false;

			for (size_t k = 0; k < rs->n && !found; k++)
				found = !strcmp(vol_pv_name(rs->v[k].pv), args[i]) ||
					!strcmp(vol_pv_uuid(rs->v[k].pv), args[i]);
			if (!found) {
				err("Failed to find physical volume \"%s\".", args[i]);
				rc = -ENOENT;
			}
		}
	return rc;
}

static void free_rowset(struct rowset *rs, size_t ncols)
{
	for (size_t i = 0; i < rs->n; i++) {
		for (size_t k = 0; rs->v[i].cells && k < ncols; k++)
			free(rs->v[i].cells[k]);
		free(rs->v[i].cells);
	}
	for (size_t i = 0; i < rs->nvgs; i++)
		vol_vg_close(rs->vgs[i]);
	free(rs->vgs);
	free(rs->v);
}

/* ---------------------------------------------------------------- the command */

enum {
	OPT_NOHEADINGS = OPT_FIRST_CMD, OPT_SEPARATOR, OPT_ALIGNED, OPT_NAMEPREFIXES, OPT_ROWS,
	OPT_UNITS, OPT_NOSUFFIX, OPT_REPORTFORMAT, OPT_UNQUOTED, OPT_BINARY,
};

static const struct option report_opts[] = {
	{ "options", required_argument, NULL, 'o' },
	{ "sort", required_argument, NULL, 'O' },
	{ "select", required_argument, NULL, 'S' },
	{ "noheadings", no_argument, NULL, OPT_NOHEADINGS },
	{ "separator", required_argument, NULL, OPT_SEPARATOR },
	{ "aligned", no_argument, NULL, OPT_ALIGNED },
	{ "nameprefixes", no_argument, NULL, OPT_NAMEPREFIXES },
	{ "unquoted", no_argument, NULL, OPT_UNQUOTED },
	{ "rows", no_argument, NULL, OPT_ROWS },
	{ "units", required_argument, NULL, OPT_UNITS },
	{ "nosuffix", no_argument, NULL, OPT_NOSUFFIX },
	{ "reportformat", required_argument, NULL, OPT_REPORTFORMAT },
	{ "binary", no_argument, NULL, OPT_BINARY },
	{ NULL, 0, NULL, 0 },
};

static int parse_report_opts(struct cli *c, int argc, char **argv, const char *type,
			     const char *defaults, struct columns *cols, struct ropts *o,
			     struct sel **sel)
{
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "o:O:S:", report_opts)) != -1) {
		switch (opt) {
		case 'o':
			if (!strcmp(optarg, "help")) {
				options_help(type);
				exit(EXIT_OK);
			}
			if ((r = add_columns(c, cols, optarg, type, defaults)))
				return r;
			break;
		case 'O':
			if ((r = add_sort(c, cols, optarg, type)))
				return r;
			break;
		case 'S': {
			struct sel_parser sp = { optarg, type, NULL };

			sel_free(*sel);
			*sel = parse_or(&sp);
			skip_ws(&sp);
			if (*sel && *sp.p)
				sp.error = "unexpected text after the expression";
			if (!*sel || sp.error)
				return cli_usage_error(c, "Invalid selection \"%s\": %s", optarg,
						       sp.error ? sp.error : "out of memory");
			break;
		}
		case OPT_NOHEADINGS: o->headings = false; break;
		case OPT_SEPARATOR: o->separator = optarg; break;
		case OPT_ALIGNED: o->aligned = true; break;
		case OPT_NAMEPREFIXES: o->nameprefixes = true; break;
		case OPT_UNQUOTED: o->unquoted = true; break;
		case OPT_ROWS: o->rows = true; break;
		case OPT_BINARY: o->binary = true; break;
		case OPT_NOSUFFIX: o->suffix = false; break;
		case OPT_UNITS:
			if (strlen(optarg) != 1 || !strchr("hHbBsSkKmMgGtTpPeEr", optarg[0]))
				return cli_usage_error(c, "Invalid argument for --units: %s", optarg);
			o->units = optarg[0];
			break;
		case OPT_REPORTFORMAT:
			if (!strcmp(optarg, "basic"))
				o->format = FMT_BASIC;
			else if (!strcmp(optarg, "json"))
				o->format = FMT_JSON;
			else if (!strcmp(optarg, "json_std"))
				o->format = FMT_JSON_STD;
			else
				return cli_usage_error(c, "Invalid argument for --reportformat: %s "
						       "(basic, json, json_std)", optarg);
			break;
		default:
			return EXIT_INVALID;
		}
	}
	return 0;
}

int report_run(struct cli *c, int argc, char **argv, const char *type)
{
	const char *defaults = type[0] == 'p' ? "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free"
			       : "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free";
	struct ropts o = { .units = 'r', .suffix = true, .headings = true };
	struct columns cols = { .n = 0 };
	struct rowset rs = { 0 };
	struct sel *sel = NULL;
	size_t kept = 0;
	int r;

	add_columns(c, &cols, defaults, type, NULL);
	add_sort(c, &cols, type[0] == 'p' ? "pv_name" : "vg_name", type);
	if ((r = parse_report_opts(c, argc, argv, type, defaults, &cols, &o, &sel))) {
		sel_free(sel);
		return r;
	}
	r = collect(c, &rs, type, argv + optind, argc - optind);
	for (size_t i = 0; i < rs.n; i++)
		if (!sel || sel_eval(sel, &rs.v[i]))
			rs.v[kept++] = rs.v[i];
	rs.n = kept;
	sort_cols = &cols;
	if (rs.n)
		qsort(rs.v, rs.n, sizeof(*rs.v), qsort_rows);
	for (size_t i = 0; i < rs.n; i++) {
		rs.v[i].cells = calloc(cols.n, sizeof(char *));
		for (size_t k = 0; rs.v[i].cells && k < cols.n; k++) {
			struct val v;
			char cell[4096];

			get_value(cols.id[k], &rs.v[i], &v);
			format_cell(&v, &o, cell, sizeof(cell));
			rs.v[i].cells[k] = strdup(cell);
		}
	}
	if (o.nameprefixes)
		print_nameprefixes(&cols, rs.v, rs.n, &o);
	else if (o.rows)
		print_rows(&cols, rs.v, rs.n, &o);
	else if (o.format == FMT_BASIC && o.separator && !o.aligned)
		print_separated(&cols, rs.v, rs.n, &o);
	else if (rs.n || o.format != FMT_BASIC)
		print_scols(&cols, rs.v, rs.n, &o, type[0] == 'p' ? "pv" : "vg");
	free_rowset(&rs, cols.n);
	sel_free(sel);
	return cli_exit(r);
}

int cmd_pvs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, "pv");
}

int cmd_vgs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, "vg");
}
