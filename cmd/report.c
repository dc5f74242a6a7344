/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvs and vgs: lvm2's field names, units, sorting, selection and output
 * layouts.  Tables and JSON are drawn by libsmartcols; this file only
 * turns library values into cells.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum ftype { F_STR, F_NUM, F_SIZE, F_BOOL, F_TAGS };

/* X(id, name, heading, type, object, min width, help); object 'p' = PV, 'v' = VG.
 * The minimum widths are lvm2's, so columns line up as they do there. */
#define PV_FIELDS \
	X(PV_NAME, "pv_name", "PV", F_STR, 'p', 10, "Name.") \
	X(PV_UUID, "pv_uuid", "PV UUID", F_STR, 'p', 38, "Unique identifier.") \
	X(PV_FMT, "pv_fmt", "Fmt", F_STR, 'p', 3, "Type of metadata.") \
	X(PV_SIZE, "pv_size", "PSize", F_SIZE, 'p', 5, "Size of PV in current units.") \
	X(PV_FREE, "pv_free", "PFree", F_SIZE, 'p', 5, "Total amount of unallocated space in current units.") \
	X(PV_USED, "pv_used", "Used", F_SIZE, 'p', 4, "Total amount of allocated space in current units.") \
	X(DEV_SIZE, "dev_size", "DevSize", F_SIZE, 'p', 7, "Size of underlying device in current units.") \
	X(PE_START, "pe_start", "1st PE", F_SIZE, 'p', 7, "Offset to the start of data on the underlying device.") \
	X(PV_PE_COUNT, "pv_pe_count", "PE", F_NUM, 'p', 3, "Total number of Physical Extents.") \
	X(PV_PE_ALLOC, "pv_pe_alloc_count", "Alloc", F_NUM, 'p', 5, "Total number of allocated Physical Extents.") \
	X(PV_MDA_COUNT, "pv_mda_count", "#PMda", F_NUM, 'p', 5, "Number of metadata areas on this device.") \
	X(PV_MDA_USED, "pv_mda_used_count", "#PMdaUse", F_NUM, 'p', 8, "Number of metadata areas in use on this device.") \
	X(PV_MDA_SIZE, "pv_mda_size", "PMdaSize", F_SIZE, 'p', 9, "Size of smallest metadata area on this device in current units.") \
	X(PV_MDA_FREE, "pv_mda_free", "PMdaFree", F_SIZE, 'p', 9, "Free metadata area space on this device in current units.") \
	X(PV_TAGS, "pv_tags", "PV Tags", F_TAGS, 'p', 7, "Tags, if any.") \
	X(PV_ATTR, "pv_attr", "Attr", F_STR, 'p', 4, "Various attributes - see man page.") \
	X(PV_ALLOCATABLE, "pv_allocatable", "Allocatable", F_BOOL, 'p', 11, "Set if this device can be used for allocation.") \
	X(PV_EXPORTED, "pv_exported", "Exported", F_BOOL, 'p', 10, "Set if this device is exported.") \
	X(PV_MISSING, "pv_missing", "Missing", F_BOOL, 'p', 10, "Set if this device is missing in system.") \
	X(PV_IN_USE, "pv_in_use", "PInUse", F_BOOL, 'p', 6, "Set if PV is used.") \
	X(PV_EXT_VSN, "pv_ext_vsn", "ExtVsn", F_NUM, 'p', 6, "PV header extension version.") \
	X(PV_BA_START, "pv_ba_start", "BA Start", F_SIZE, 'p', 8, "Offset to the start of PV Bootloader Area on the underlying device in current units.") \
	X(PV_BA_SIZE, "pv_ba_size", "BA Size", F_SIZE, 'p', 7, "Size of PV Bootloader Area in current units.") \
	X(PV_MAJOR, "pv_major", "Maj", F_NUM, 'p', 3, "Device major number.") \
	X(PV_MINOR, "pv_minor", "Min", F_NUM, 'p', 3, "Device minor number.")

#define VG_FIELDS \
	X(VG_FMT, "vg_fmt", "Fmt", F_STR, 'v', 3, "Type of metadata.") \
	X(VG_UUID, "vg_uuid", "VG UUID", F_STR, 'v', 38, "Unique identifier.") \
	X(VG_NAME, "vg_name", "VG", F_STR, 'v', 4, "Name.") \
	X(VG_ATTR, "vg_attr", "Attr", F_STR, 'v', 5, "Various attributes - see man page.") \
	X(VG_PERMS, "vg_permissions", "VPerms", F_STR, 'v', 6, "VG permissions.") \
	X(VG_EXTENDABLE, "vg_extendable", "Extendable", F_BOOL, 'v', 10, "Set if VG is extendable.") \
	X(VG_EXPORTED, "vg_exported", "Exported", F_BOOL, 'v', 10, "Set if VG is exported.") \
	X(VG_PARTIAL, "vg_partial", "Partial", F_BOOL, 'v', 10, "Set if VG is partial.") \
	X(VG_ALLOC, "vg_allocation_policy", "AllocPol", F_STR, 'v', 8, "VG allocation policy.") \
	X(VG_SIZE, "vg_size", "VSize", F_SIZE, 'v', 5, "Total size of VG in current units.") \
	X(VG_FREE, "vg_free", "VFree", F_SIZE, 'v', 5, "Total amount of free space in current units.") \
	X(VG_SYSID, "vg_systemid", "System ID", F_STR, 'v', 9, "System ID of the VG indicating which host owns it.") \
	X(VG_EXTENT_SIZE, "vg_extent_size", "Ext", F_SIZE, 'v', 3, "Size of Physical Extents in current units.") \
	X(VG_EXTENT_COUNT, "vg_extent_count", "#Ext", F_NUM, 'v', 4, "Total number of Physical Extents.") \
	X(VG_FREE_COUNT, "vg_free_count", "Free", F_NUM, 'v', 4, "Total number of unallocated Physical Extents.") \
	X(VG_MAX_LV, "max_lv", "MaxLV", F_NUM, 'v', 5, "Maximum number of LVs allowed in VG or 0 if unlimited.") \
	X(VG_MAX_PV, "max_pv", "MaxPV", F_NUM, 'v', 5, "Maximum number of PVs allowed in VG or 0 if unlimited.") \
	X(VG_PV_COUNT, "pv_count", "#PV", F_NUM, 'v', 3, "Number of PVs in VG.") \
	X(VG_MISSING, "vg_missing_pv_count", "#PV Missing", F_NUM, 'v', 11, "Number of PVs in VG which are missing.") \
	X(VG_LV_COUNT, "lv_count", "#LV", F_NUM, 'v', 3, "Number of LVs.") \
	X(VG_SNAP_COUNT, "snap_count", "#SN", F_NUM, 'v', 3, "Number of snapshots.") \
	X(VG_SEQNO, "vg_seqno", "Seq", F_NUM, 'v', 3, "Revision number of internal metadata.  Incremented whenever it changes.") \
	X(VG_TAGS, "vg_tags", "VG Tags", F_TAGS, 'v', 7, "Tags, if any.") \
	X(VG_MDA_COUNT, "vg_mda_count", "#VMda", F_NUM, 'v', 5, "Number of metadata areas on this VG.") \
	X(VG_MDA_USED, "vg_mda_used_count", "#VMdaUse", F_NUM, 'v', 8, "Number of metadata areas in use on this VG.") \
	X(VG_MDA_FREE, "vg_mda_free", "VMdaFree", F_SIZE, 'v', 9, "Free metadata area space for this VG in current units.") \
	X(VG_MDA_SIZE, "vg_mda_size", "VMdaSize", F_SIZE, 'v', 9, "Size of smallest metadata area for this VG in current units.") \
	X(VG_MDA_COPIES, "vg_mda_copies", "#VMdaCps", F_STR, 'v', 8, "Target number of in use metadata areas in the VG.")

enum field_id {
#define X(id, name, heading, type, obj, width, help) id,
	PV_FIELDS VG_FIELDS
#undef X
	NFIELDS
};

struct field {
	const char *name, *heading;
	enum ftype type;
	char obj;
	int width;
	const char *help;
};

static const struct field fields[NFIELDS] = {
#define X(id, name, heading, type, obj, width, help) [id] = { name, heading, type, obj, width, help },
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
	char small[32];
	char *own;	/* s when it had to be built: freed by val_done() */
};

static void val_done(struct val *v)
{
	free(v->own);
	v->own = NULL;
}

/* ---------------------------------------------------------------- values */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Tags are shown sorted and comma-separated, as lvm2 does.  0 or -ENOMEM. */
static int join_tags(struct val *v, size_t n, const char *(*get)(const void *, size_t),
		     const void *obj)
{
	const char **sorted = n ? calloc(n, sizeof(*sorted)) : NULL;
	size_t len = 1;
	char *p;

	if (!n)
		return 0;
	if (!sorted)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		sorted[i] = get(obj, i);
		len += strlen(sorted[i]) + 1;
	}
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	if ((v->own = p = malloc(len))) {
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%s%s", i ? "," : "", sorted[i]);
		v->s = v->own;
	}
	free(sorted);
	return v->own ? 0 : -ENOMEM;
}

static const char *pv_tag(const void *o, size_t i)
{
	return vol_pv_tag(o, i);
}

static const char *vg_tag(const void *o, size_t i)
{
	return vol_vg_tag(o, i);
}

static int pv_value(enum field_id id, const struct vol_pv *pv, struct val *v)
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
	case PV_TAGS: return join_tags(v, vol_pv_tag_count(pv), pv_tag, pv);
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
	return 0;
}

static int vg_value(enum field_id id, const struct vol_vg *vg, struct val *v)
{
	uint32_t copies;

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
	case VG_TAGS: return join_tags(v, vol_vg_tag_count(vg), vg_tag, vg);
	case VG_MDA_COUNT: v->n = vol_vg_mda_count(vg); break;
	case VG_MDA_USED: v->n = vol_vg_mda_used_count(vg); break;
	case VG_MDA_FREE: v->n = vol_vg_mda_free(vg); break;
	case VG_MDA_SIZE: v->n = vol_vg_mda_size(vg); break;
	case VG_MDA_COPIES:
		copies = vol_vg_mda_copies(vg);
		if (!copies)
			v->s = "unmanaged";
		else if (copies == UINT32_MAX)
			v->s = "all";
		else {
			snprintf(v->small, sizeof(v->small), "%u", copies);
			v->s = v->small;
		}
		break;
	default: break;
	}
	return 0;
}

/* The VG fields of an orphan PV, as lvm2 shows its orphan pseudo-VG. */
static void orphan_vg_value(enum field_id id, struct val *v)
{
	switch (id) {
	case VG_FMT: v->s = "lvm2"; break;
	case VG_ATTR: v->s = "r-----"; break;
	case VG_PERMS: v->s = "read-only"; break;
	case VG_ALLOC: v->s = "unknown"; break;
	case VG_MDA_COPIES: v->s = "unmanaged"; break;
	default: break;	/* names and tags empty, numbers 0 */
	}
}

/* 0 or -ENOMEM. */
static int get_value(enum field_id id, const struct row *r, struct val *v)
{
	memset(v, 0, sizeof(*v));
	v->type = fields[id].type;
	v->s = "";
	if (fields[id].obj == 'p')
		return pv_value(id, r->pv, v);
	if (r->vg)
		return vg_value(id, r->vg, v);
	orphan_vg_value(id, v);
	return 0;
}

/* ---------------------------------------------------------------- options */

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

/* The cell text of a value; the caller frees it. */
static char *format_cell(const struct val *v, const struct ropts *o)
{
	char tmp[64];

	switch (v->type) {
	case F_SIZE:
		fmt_size(v->n, o->units, o->suffix, tmp, sizeof(tmp));
		return strdup(tmp);
	case F_NUM:
		snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v->n);
		return strdup(tmp);
	case F_BOOL:
		if (o->binary)
			return strdup(v->b ? "1" : "0");
		return strdup(v->b ? v->s : "");
	default:
		return strdup(v->s);
	}
}

/* ---------------------------------------------------------------- JSON literals */

static void json_string(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static bool is_number(const char *s)
{
	char *end;

	if (!*s || !((*s >= '0' && *s <= '9') || *s == '-'))
		return false;
	strtod(s, &end);
	return !*end;
}

/*
 * The JSON literal of a cell, malloc'd.  "json" (lvm2's shape) quotes every
 * value; "json_std" types numbers as numbers, flags as true/false (0/1 with
 * --binary) and tag lists as arrays.  libsmartcols lays the object out and
 * prints this text as is.
 */
static char *json_cell(const struct val *v, const char *cell, const struct ropts *o)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);

	if (!f)
		return NULL;
	if (o->format == FMT_JSON) {
		json_string(f, cell, strlen(cell));
	} else if ((v->type == F_NUM || v->type == F_SIZE) && is_number(cell)) {
		fputs(cell, f);
	} else if (v->type == F_BOOL) {
		fputs(o->binary ? (v->b ? "1" : "0") : v->b ? "true" : "false", f);
	} else if (v->type == F_TAGS) {
		fputc('[', f);
		for (const char *p = cell; *p;) {
			const char *e = strchr(p, ',');
			size_t l = e ? (size_t)(e - p) : strlen(p);

			if (p != cell)
				fputc(',', f);
			json_string(f, p, l);
			p += l + (e ? 1 : 0);
		}
		fputc(']', f);
	} else {
		json_string(f, cell, strlen(cell));
	}
	if (ferror(f) | fclose(f)) {
		free(data);
		return NULL;
	}
	return data;	/* NULL if the stream could not keep its buffer */
}

/* ---------------------------------------------------------------- selection */

enum sel_op { S_EQ, S_NE, S_LT, S_LE, S_GT, S_GE, S_RE, S_NRE };

struct sel {
	enum { S_CMP, S_AND, S_OR, S_NOT } kind;
	struct sel *a, *b;
	enum field_id field;
	enum sel_op op;
	char *value;
	char list;	/* '[' exact set, '{' subset, 0 plain */
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

	if (q == '"' || q == '\'' || q == '[' || q == '{') {
		char close = q == '[' ? ']' : q == '{' ? '}' : q;
		const char *e = strchr(s + 1, close);

		if (!e) {
			sp->error = "unterminated quoted value or list";
			return NULL;
		}
		sp->p = e + 1;
		/* Lists keep their brackets so the comparison knows their kind. */
		return q == '[' || q == '{' ? strndup(s, (size_t)(e - s + 1))
					    : strndup(s + 1, (size_t)(e - s - 1));
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

	if (s->value[0] == '[' || s->value[0] == '{') {
		size_t l = strlen(s->value);

		if (t != F_TAGS || (s->op != S_EQ && s->op != S_NE)) {
			sp->error = "[...] and {...} lists compare tag fields with = or !=";
			return -1;
		}
		s->list = s->value[0];
		memmove(s->value, s->value + 1, l - 2);
		s->value[l - 2] = '\0';
		return 0;
	}
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

/* @tok-separated operands of @next, folded left into @kind nodes. */
static struct sel *parse_chain(struct sel_parser *sp, const char *tok, int kind,
			       struct sel *(*next)(struct sel_parser *))
{
	struct sel *l = next(sp);

	for (skip_ws(sp); l && !strncmp(sp->p, tok, 2); skip_ws(sp)) {
		struct sel *n = sel_new(kind);

		sp->p += 2;
		if (!n || !(n->b = next(sp))) {
			free(n);
			sel_free(l);
			return NULL;
		}
		n->a = l;
		l = n;
	}
	return l;
}

static struct sel *parse_and(struct sel_parser *sp)
{
	return parse_chain(sp, "&&", S_AND, parse_cmp);
}

static struct sel *parse_or(struct sel_parser *sp)
{
	return parse_chain(sp, "||", S_OR, parse_and);
}

/* Is every item of the comma list @want in the comma list @have? */
static bool list_contains(const char *have, const char *want)
{
	for (const char *p = want; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		bool found = false;

		while (l && *p == ' ') {
			p++;
			l--;
		}
		while (l && p[l - 1] == ' ')
			l--;
		for (const char *q = have; *q && !found;) {
			const char *f = strchr(q, ',');
			size_t m = f ? (size_t)(f - q) : strlen(q);

			found = m == l && !strncmp(q, p, l);
			q += m + (f ? 1 : 0);
		}
		if (!found && l)
			return false;
		p += l + (e ? 1 : 0);
	}
	return true;
}

static size_t list_len(const char *l)
{
	size_t n = *l ? 1 : 0;

	for (; *l; l++)
		n += *l == ',';
	return n;
}

static int tags_cmp(const struct sel *s, const char *have)
{
	if (!*s->value)		/* "" and [] mean: no tags */
		return *have ? 1 : 0;
	if (s->list == '[')	/* exactly this set */
		return list_contains(have, s->value) && list_len(have) == list_len(s->value) ? 0 : 1;
	return list_contains(have, s->value) ? 0 : 1;	/* contains (all of) it */
}

/* 1 if row @r matches, 0 if not, -ENOMEM. */
static int sel_eval(const struct sel *s, const struct row *r)
{
	struct val v;
	int c;

	switch (s->kind) {
	case S_AND:
		c = sel_eval(s->a, r);
		return c == 1 ? sel_eval(s->b, r) : c;
	case S_OR:
		c = sel_eval(s->a, r);
		return c == 0 ? sel_eval(s->b, r) : c;
	case S_NOT:
		c = sel_eval(s->a, r);
		return c < 0 ? c : !c;
	default: break;
	}
	if ((c = get_value(s->field, r, &v))) {
		val_done(&v);
		return c;
	}
	if (s->op == S_RE || s->op == S_NRE) {
		struct ropts raw = { .units = 'b', .suffix = false };
		char *cell = format_cell(&v, &raw);
		bool hit = cell && !regexec(&s->re, cell, 0, NULL, 0);

		free(cell);
		val_done(&v);
		if (!cell)
			return -ENOMEM;
		return hit == (s->op == S_RE);
	}
	if (v.type == F_NUM || v.type == F_SIZE)
		c = v.n < s->num ? -1 : v.n > s->num;
	else if (v.type == F_TAGS)
		c = tags_cmp(s, v.s);
	else if (v.type == F_BOOL)
		c = v.b == (!strcmp(s->value, "1") || !strcmp(s->value, v.s) ||
			    !strcmp(s->value, "yes") || !strcmp(s->value, "true")) ? 0 : 1;
	else
		c = strcmp(v.s, s->value);
	val_done(&v);
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

#define MAX_COLS 96

struct columns {
	enum field_id id[MAX_COLS];
	size_t n;
	enum field_id sort[16];
	bool desc[16];
	size_t nsort;
};

static void options_help(const char *type)
{
	printf("  %s Fields\n  %s\n", type[0] == 'p' ? "Physical Volume" : "Volume Group",
	       "-------------------------------");
	printf("    %-26s - %s\n", type[0] == 'p' ? "pv_all" : "vg_all", "All fields in this section.");
	for (int i = 0; i < NFIELDS; i++)
		if (fields[i].obj == type[0])
			printf("    %-26s - %s\n", fields[i].name, fields[i].help);
	if (type[0] == 'p') {
		printf("\n  Volume Group Fields\n  -------------------------------\n");
		printf("    %-26s - %s\n", "vg_all", "All fields in this section.");
		for (int i = 0; i < NFIELDS; i++)
			if (fields[i].obj == 'v')
				printf("    %-26s - %s\n", fields[i].name, fields[i].help);
	}
}

static int push_col(struct columns *cols, enum field_id id)
{
	if (cols->n == MAX_COLS)
		return -1;
	cols->id[cols->n++] = id;
	return 0;
}

static void drop_col(struct columns *cols, enum field_id id)
{
	size_t k = 0;

	for (size_t i = 0; i < cols->n; i++)
		if (cols->id[i] != id)
			cols->id[k++] = cols->id[i];
	cols->n = k;
}

/* -o LIST replaces the columns, -o +LIST adds to them, -o -LIST removes. */
static int add_columns(struct cli *c, struct columns *cols, const char *spec, const char *type)
{
	char mode = *spec == '+' || *spec == '-' ? *spec : '=';
	char *copy = strdup(mode == '=' ? spec : spec + 1), *save = NULL;
	int r = 0;

	if (!copy)
		return EXIT_FAILED;
	if (mode == '=')
		cols->n = 0;
	for (char *t = strtok_r(copy, ", ", &save); t && !r; t = strtok_r(NULL, ", ", &save)) {
		int id = lookup_field(t, type);
		char obj = !strcmp(t, "pv_all") ? 'p' : !strcmp(t, "vg_all") ? 'v' : 0;

		if (obj && (obj == 'v' || type[0] == 'p')) {
			for (int i = 0; i < NFIELDS; i++)
				if (fields[i].obj == obj) {
					if (mode == '-')
						drop_col(cols, (enum field_id)i);
					else if (push_col(cols, (enum field_id)i))
						r = cli_usage_error(c, "Too many fields.");
				}
			continue;
		}
		if (id < 0) {
			err("Unrecognised field: %s (use -o help to list them)", t);
			r = EXIT_FAILED;
		} else if (mode == '-') {
			drop_col(cols, (enum field_id)id);
		} else if (push_col(cols, (enum field_id)id)) {
			r = cli_usage_error(c, "Too many fields.");
		}
	}
	free(copy);
	return r;
}

static int add_sort(struct cli *c, struct columns *cols, const char *spec, const char *type)
{
	char *copy = strdup(spec), *save = NULL;
	int r = 0;

	(void)c;
	if (!copy)
		return EXIT_FAILED;
	cols->nsort = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !r; t = strtok_r(NULL, ",", &save)) {
		bool desc = *t == '-';
		int id = lookup_field(t + (desc || *t == '+'), type);

		if (id < 0) {
			err("Unrecognised field in --sort: %s", t);
			r = EXIT_FAILED;
		} else if (cols->nsort < 16) {
			cols->desc[cols->nsort] = desc;
			cols->sort[cols->nsort++] = (enum field_id)id;
		}
	}
	free(copy);
	return r;
}

/* qsort has no way out: a value that cannot be built sets *@failed. */
static int cmp_rows(const struct row *a, const struct row *b, const struct columns *cols,
		    int *failed)
{
	for (size_t i = 0; i < cols->nsort; i++) {
		struct val x, y;
		int c;

		if (get_value(cols->sort[i], a, &x) | get_value(cols->sort[i], b, &y))
			*failed = -ENOMEM;
		if (x.type == F_NUM || x.type == F_SIZE)
			c = x.n < y.n ? -1 : x.n > y.n;
		else if (x.type == F_BOOL)
			c = (int)x.b - (int)y.b;
		else
			c = strcmp(x.s, y.s);
		val_done(&x);
		val_done(&y);
		if (c)
			return cols->desc[i] ? -c : c;
	}
	return 0;
}

struct sort_ctx {
	const struct columns *cols;
	int failed;
};

static int qsort_rows(const void *a, const void *b, void *usr)
{
	struct sort_ctx *sc = usr;

	return cmp_rows(a, b, sc->cols, &sc->failed);
}

/* ---------------------------------------------------------------- output */

static bool right_aligned(enum ftype t)
{
	return t == F_NUM || t == F_SIZE || t == F_BOOL;
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

/* --rows: one line per field; lvm2 separates the values by single spaces. */
static void print_rows(const struct columns *cols, struct row *rows, size_t n, const struct ropts *o)
{
	const char *sep = o->separator ? o->separator : " ";

	for (size_t i = 0; i < cols->n; i++) {
		fputs("  ", stdout);
		if (o->headings)
			printf("%s%s", fields[cols->id[i]].heading, n ? sep : "");
		for (size_t k = 0; k < n; k++)
			printf("%s%s", k ? sep : "", rows[k].cells[i]);
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
	/* A memory stream that cannot grow fails its writes, or leaves no buffer. */
	if ((ferror(f) | fclose(f) || !data) && !r)
		r = -ENOMEM;
	if (!r)
		print_indented(data, indent);
	free(data);
	return r;
}

static int print_scols(const struct columns *cols, struct row *rows, size_t n,
		       const struct ropts *o, const char *type)
{
	struct libscols_table *tb = scols_new_table();
	bool json = o->format != FMT_BASIC;
	int r = -ENOMEM;

	if (!tb || scols_table_set_name(tb, type))
		goto out;
	scols_table_enable_noheadings(tb, !o->headings);
	if (json)
		scols_table_enable_json(tb, 1);
	else if (o->separator) {
		if (scols_table_set_column_separator(tb, o->separator))
			goto out;
		scols_table_enable_raw(tb, !o->aligned);
	}
	for (size_t i = 0; i < cols->n; i++) {
		const struct field *f = &fields[cols->id[i]];
		bool right = right_aligned(f->type) && !json;
		struct libscols_column *cl;
		size_t w = strlen(f->heading);
		char head[64];

		if ((size_t)f->width > w)
			w = (size_t)f->width;
		/* Number cells go right, but headings stay left-aligned as in lvm2:
		 * pad the heading to the column's width. */
		for (size_t k = 0; right && k < n; k++)
			if (strlen(rows[k].cells[i]) > w)
				w = strlen(rows[k].cells[i]);
		snprintf(head, sizeof(head), "%-*s", (int)(w < 63 ? w : 63), json ? f->name : f->heading);
		if (json)
			snprintf(head, sizeof(head), "%s", f->name);
		cl = scols_table_new_column(tb, head, json ? 0 : (double)w, right ? SCOLS_FL_RIGHT : 0);
		if (!cl)
			goto out;
		/* Cells carry ready JSON literals: printed as they are. */
		scols_column_set_json_type(cl, SCOLS_JSON_NUMBER);
	}
	for (size_t k = 0; k < n; k++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			goto out;
		for (size_t i = 0; i < cols->n; i++) {
			if (json) {
				struct val v;
				char *lit;

				lit = get_value(cols->id[i], &rows[k], &v) ? NULL
					: json_cell(&v, rows[k].cells[i], o);
				val_done(&v);
				if (!lit || scols_line_refer_data(ln, i, lit)) {
					free(lit);
					goto out;
				}
			} else if (scols_line_set_data(ln, i, rows[k].cells[i])) {
				goto out;
			}
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

static bool pv_wanted(const struct vol_pv *pv, char **args, int nargs, bool *seen)
{
	bool any = !nargs;

	for (int i = 0; i < nargs; i++)
		if (cli_pv_matches(pv, args[i]))
			any = seen[i] = true;
	return any;
}

static bool vg_wanted(const struct vol_vg *vg, char **args, int nargs, bool *seen)
{
	bool any = !nargs;

	for (int i = 0; i < nargs; i++)
		if (!strcmp(vol_vg_name(vg), args[i]) || !strcmp(vol_vg_uuid(vg), args[i]))
			any = seen[i] = true;
	return any;
}

static int collect(struct cli *c, struct rowset *rs, const char *type, char **args, int nargs)
{
	bool *seen = calloc((size_t)nargs + 1, sizeof(*seen));
	char **ids = NULL;
	size_t n = 0, norph = 0;
	int r = vol_vg_uuids(c->ctx, &ids, &n), rc = 0;

	if (r || !seen || !(rs->vgs = calloc(n ? n : 1, sizeof(*rs->vgs)))) {
		free(seen);
		vol_strv_free(ids, n);
		return r ? r : -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct vol_vg *vg;

		if ((r = vol_vg_open(c->ctx, ids[i], VOL_OPEN_READ | VOL_OPEN_PARTIAL, &vg))) {
			rc = r;
			continue;
		}
		if (type[0] == 'v' && !vg_wanted(vg, args, nargs, seen)) {
			vol_vg_close(vg);
			continue;
		}
		rs->vgs[rs->nvgs++] = vg;
		if (type[0] == 'v') {
			if ((r = push_row(rs, NULL, vg)))
				rc = r;
			continue;
		}
		for (size_t k = 0; k < vol_vg_pv_count(vg); k++)
			if (pv_wanted(vol_vg_pv(vg, k), args, nargs, seen) &&
			    (r = push_row(rs, vol_vg_pv(vg, k), vg)))
				rc = r;
	}
	vol_strv_free(ids, n);
	if (type[0] == 'p' && (r = vol_orphan_count(c->ctx, &norph)))
		rc = r;
	if (type[0] == 'p')
		for (size_t i = 0; i < norph; i++)
			if (pv_wanted(vol_orphan_pv(c->ctx, i), args, nargs, seen) &&
			    (r = push_row(rs, vol_orphan_pv(c->ctx, i), NULL)))
				rc = r;
	for (int i = 0; i < nargs; i++)
		if (!seen[i]) {
			if (type[0] == 'v')
				err("Volume group \"%s\" not found", args[i]);
			else
				err("Failed to find physical volume \"%s\".", args[i]);
			rc = -ENOENT;
		}
	free(seen);
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
			     struct columns *cols, struct ropts *o, struct sel **sel)
{
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "o:O:S:", report_opts)) != -1) {
		switch (opt) {
		case 'o':
			if (!strcmp(optarg, "help")) {
				options_help(type);
				exit(EXIT_OK);
			}
			if ((r = add_columns(c, cols, optarg, type)))
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
			if (!*sel || sp.error) {
				/* lvm2 treats a bad selection as a failed command (5). */
				err("Invalid selection \"%s\": %s", optarg,
				    sp.error ? sp.error : "out of memory");
				return EXIT_FAILED;
			}
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
			if (parse_units(optarg, &o->units))
				return cli_usage_error(c, "Invalid argument for --units: %s", optarg);
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

/* Keeps the rows @sel selects.  0 or -ENOMEM. */
static int select_rows(struct rowset *rs, const struct sel *sel)
{
	size_t kept = 0;

	for (size_t i = 0; i < rs->n; i++) {
		int m = sel ? sel_eval(sel, &rs->v[i]) : 1;

		if (m < 0)
			return m;
		if (m)
			rs->v[kept++] = rs->v[i];
	}
	rs->n = kept;
	return 0;
}

/* The text of every cell.  0 or -ENOMEM. */
static int make_cells(struct rowset *rs, const struct columns *cols, const struct ropts *o)
{
	for (size_t i = 0; i < rs->n; i++) {
		if (!(rs->v[i].cells = calloc(cols->n ? cols->n : 1, sizeof(char *))))
			return -ENOMEM;
		for (size_t k = 0; k < cols->n; k++) {
			struct val v;

			if (!get_value(cols->id[k], &rs->v[i], &v))
				rs->v[i].cells[k] = format_cell(&v, o);
			val_done(&v);
			if (!rs->v[i].cells[k])
				return -ENOMEM;
		}
	}
	return 0;
}

static int print_report(const struct columns *cols, struct rowset *rs, const struct ropts *o,
			const char *type)
{
	/* JSON wins over the other layouts, so a script always gets JSON. */
	if (o->format != FMT_BASIC)
		return print_scols(cols, rs->v, rs->n, o, type[0] == 'p' ? "pv" : "vg");
	if (!rs->n)
		return 0;	/* nothing selected: lvm2 prints no headings either */
	if (o->nameprefixes)
		print_nameprefixes(cols, rs->v, rs->n, o);
	else if (o->rows)
		print_rows(cols, rs->v, rs->n, o);
	else if (o->separator && !o->aligned)
		print_separated(cols, rs->v, rs->n, o);
	else
		return print_scols(cols, rs->v, rs->n, o, type[0] == 'p' ? "pv" : "vg");
	return 0;
}

int report_run(struct cli *c, int argc, char **argv, const char *type)
{
	const char *defaults = type[0] == 'p' ? "pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free"
			       : "vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free";
	struct ropts o = { .units = 'r', .suffix = true, .headings = true };
	struct columns cols = { .n = 0 };
	struct sort_ctx sc = { &cols, 0 };
	struct rowset rs = { 0 };
	struct sel *sel = NULL;
	int r, rc;

	if ((r = add_columns(c, &cols, defaults, type)) ||
	    (r = add_sort(c, &cols, type[0] == 'p' ? "pv_name" : "vg_name", type)) ||
	    (r = parse_report_opts(c, argc, argv, type, &cols, &o, &sel))) {
		sel_free(sel);
		return r;
	}
	/* A VG that cannot be read fails the command, but the others are still shown. */
	rc = collect(c, &rs, type, argv + optind, argc - optind);
	if (!(r = select_rows(&rs, sel))) {
		if (rs.n)
			qsort_r(rs.v, rs.n, sizeof(*rs.v), qsort_rows, &sc);
		if (!(r = sc.failed) && !(r = make_cells(&rs, &cols, &o)))
			r = print_report(&cols, &rs, &o, type);
	}
	free_rowset(&rs, cols.n);
	sel_free(sel);
	return cli_exit(r ? r : rc);
}

int cmd_pvs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, "pv");
}

int cmd_vgs(struct cli *c, int argc, char **argv)
{
	return report_run(c, argc, argv, "vg");
}
