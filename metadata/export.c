/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Model -> text, in the layout lvm2 2.03 writes.  The disk form has no
 * indentation or comments and puts the header after the VG section; the
 * file form (backups, archives) puts the header first, indents with tabs
 * and annotates sizes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "vg.h"

struct fmt {
	struct md_buf *b;
	int indent;
	bool file;
	const struct md_export_opts *o;
};

#define COMMENT_COLUMN 6	/* comments start at tab stop 6 when the text allows */
#define TAB_WIDTH 8
#define COMMENT_SIZE 64	/* the longest comment we compose, "# <date>" or "# <size>" */

static void line(struct fmt *f, const char *comment, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line(struct fmt *f, const char *comment, const char *fmt, ...)
{
	size_t start;
	va_list ap;

	if (f->file)
		for (int i = 0; i < f->indent; i++)
			md_buf_putc(f->b, '\t');
	start = f->b->len;
	va_start(ap, fmt);
	md_buf_vprintf(f->b, fmt, ap);
	va_end(ap);
	if (f->file && comment) {
		/* Line the comment up at a tab stop, as lvm2's files do. */
		size_t col = (f->b->len - start + TAB_WIDTH * (size_t)f->indent) / TAB_WIDTH + 1;

		do
			md_buf_putc(f->b, '\t');
		while (++col < COMMENT_COLUMN);
		md_buf_puts(f->b, comment);
	}
	md_buf_putc(f->b, '\n');
}

static long utc_offset(const struct md_export_opts *o, uint64_t t)
{
	return o->utc_offset_at ? o->utc_offset_at(t) : o->utc_offset;
}

static void nl(struct fmt *f)
{
	md_buf_putc(f->b, '\n');
}

static void open_section(struct fmt *f, const char *name)
{
	line(f, NULL, "%s {", name);
	f->indent++;
}

static void close_section(struct fmt *f)
{
	f->indent--;
	line(f, NULL, "}");
}

/* "# 4 Megabytes" for a size in sectors. */
static const char *size_comment(char *buf, size_t len, uint64_t sectors)
{
	static const char *const units[] = { "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
					     "Petabytes", "Exabytes" };
	double d = (double)sectors / 2.0;
	unsigned u = 0;

	while (d > 1024.0 && u + 1 < sizeof(units) / sizeof(units[0])) {
		d /= 1024.0;
		u++;
	}
	snprintf(buf, len, "# %g %s", d, units[u]);
	return buf;
}

static void quoted_line(struct fmt *f, const char *comment, const char *key, const char *val)
{
	struct md_buf q;

	md_buf_init(&q);
	md_buf_quoted(&q, val);
	if (q.err)
		f->b->err = q.err;
	else
		line(f, comment, "%s = %s", key, q.p);
	md_buf_free(&q);
}

static void strv_line(struct fmt *f, const char *key, const char *const *v, uint32_t n,
		      const char *const *v2, uint32_t n2)
{
	struct md_buf q;

	md_buf_init(&q);
	md_buf_putc(&q, '[');
	for (uint32_t i = 0; i < n + n2; i++) {
		if (i)
			md_buf_puts(&q, ", ");
		md_buf_quoted(&q, i < n ? v[i] : v2[i - n]);
	}
	md_buf_putc(&q, ']');
	if (q.err)
		f->b->err = q.err;
	else
		line(f, NULL, "%s = %s", key, q.p);
	md_buf_free(&q);
}

static void flags_line(struct fmt *f, const char *key, enum md_flag_set set,
		       const struct md_flags *fl)
{
	const char *words[MD_FLAG_BITS];
	uint32_t n = 0;

	for (unsigned bit = 0; bit < MD_FLAG_BITS; bit++)
		if ((fl->known & (1u << bit)) && md_flag_name(set, bit))
			words[n++] = md_flag_name(set, bit);
	strv_line(f, key, words, n, fl->unknown, fl->n_unknown);
}

static void tags_line(struct fmt *f, const struct md_strv *tags)
{
	if (tags->n)
		strv_line(f, "tags", tags->v, tags->n, NULL, 0);
}

static void extra(struct fmt *f, const struct md_cn *cn, bool sections)
{
	for (; cn; cn = cn->next)
		if (cn->section == sections)
			md_cn_write(f->b, cn, f->file ? f->indent : -1);
}

static void export_vg_keys(struct fmt *f, const struct md_vg *vg)
{
	char c[COMMENT_SIZE], id[MD_UUID_STR_SIZE];

	md_uuid_format(vg->id, id);
	line(f, NULL, "id = \"%s\"", id);
	line(f, NULL, "seqno = %" PRIu32, vg->seqno);
	if (vg->format)
		quoted_line(f, "# informational", "format", vg->format);
	flags_line(f, "status", MD_FS_VG_STATUS, &vg->status);
	flags_line(f, "flags", MD_FS_VG_FLAGS, &vg->flags);
	tags_line(f, &vg->tags);
	if (vg->system_id && *vg->system_id)
		quoted_line(f, NULL, "system_id", vg->system_id);
	line(f, size_comment(c, sizeof(c), vg->extent_size), "extent_size = %" PRIu64,
	     vg->extent_size);
	line(f, NULL, "max_lv = %" PRIu32, vg->max_lv);
	line(f, NULL, "max_pv = %" PRIu32, vg->max_pv);
	if (vg->alloc_policy && strcmp(vg->alloc_policy, "normal") &&
	    strcmp(vg->alloc_policy, "inherit")) {
		nl(f);
		quoted_line(f, NULL, "allocation_policy", vg->alloc_policy);
	}
	if (vg->has_metadata_copies)
		line(f, NULL, "metadata_copies = %" PRIu32, vg->metadata_copies);
	extra(f, vg->extra, false);
}

static void export_pv(struct fmt *f, const struct md_vg *vg, const struct md_pv *pv)
{
	char id[MD_UUID_STR_SIZE], c[COMMENT_SIZE];
	const char *why;

	nl(f);
	/* A PV section name that is not a plain word was read quoted: write it so. */
	if (md_name_check(pv->name, &why)) {
		struct md_buf q;

		md_buf_init(&q);
		md_buf_quoted(&q, pv->name);
		if (q.err)
			f->b->err = q.err;
		else
			open_section(f, q.p);
		md_buf_free(&q);
	} else {
		open_section(f, pv->name);
	}
	md_uuid_format(pv->id, id);
	line(f, NULL, "id = \"%s\"", id);
	if (pv->device)
		quoted_line(f, "# Hint only", "device", pv->device);
	nl(f);
	flags_line(f, "status", MD_FS_PV_STATUS, &pv->status);
	flags_line(f, "flags", MD_FS_PV_FLAGS, &pv->flags);
	tags_line(f, &pv->tags);
	if (pv->dev_size)
		line(f, size_comment(c, sizeof(c), pv->dev_size), "dev_size = %" PRIu64,
		     pv->dev_size);
	line(f, NULL, "pe_start = %" PRIu64, pv->pe_start);
	line(f, size_comment(c, sizeof(c), pv->pe_count * vg->extent_size),
	     "pe_count = %" PRIu64, pv->pe_count);
	if (pv->ba_size || pv->ba_start) {
		line(f, NULL, "ba_start = %" PRIu64, pv->ba_start);
		line(f, size_comment(c, sizeof(c), pv->ba_size), "ba_size = %" PRIu64, pv->ba_size);
	}
	extra(f, pv->extra, false);
	extra(f, pv->extra, true);
	close_section(f);
}

static void area_lines(struct fmt *f, const struct md_vg *vg, const struct md_seg *seg)
{
	nl(f);
	line(f, NULL, "stripes = [");
	f->indent++;
	for (uint32_t a = 0; a < seg->stripe_count; a++) {
		const struct md_area_ref *ar = &seg->areas[a];
		const char *name = ar->pv >= 0 ? vg->pvs[ar->pv].name : vg->lvs[ar->lv].name;
		struct md_buf q;

		/* PV section names are free-form: escape them like any string */
		md_buf_init(&q);
		md_buf_quoted(&q, name);
		if (q.err)
			f->b->err = q.err;
		else
			line(f, NULL, "%s, %" PRIu64 "%s", q.p, ar->start,
			     a + 1 < seg->stripe_count ? "," : "");
		md_buf_free(&q);
	}
	f->indent--;
	line(f, NULL, "]");
}

static void raid_lines(struct fmt *f, const struct md_vg *vg, const struct md_seg *seg)
{
	nl(f);
	line(f, NULL, "raids = [");
	f->indent++;
	for (uint32_t i = 0; i < seg->device_count; i++) {
		const struct md_raid_pair *p = &seg->pairs[i];
		const char *sep = i + 1 < seg->device_count ? "," : "";

		if (p->meta >= 0)
			line(f, NULL, "\"%s\", \"%s\"%s", vg->lvs[p->meta].name,
			     vg->lvs[p->image].name, sep);
		else
			line(f, NULL, "\"%s\"%s", vg->lvs[p->image].name, sep);
	}
	f->indent--;
	line(f, NULL, "]");
}

static void export_seg(struct fmt *f, const struct md_vg *vg, const struct md_seg *seg,
		       unsigned nr)
{
	char name[sizeof("segment") + 10], c[COMMENT_SIZE];

	snprintf(name, sizeof(name), "segment%u", nr);
	if (seg->type == MD_SEG_OTHER) {
		struct md_cn copy = *seg->raw;

		copy.key = name;
		copy.next = NULL;
		md_cn_write(f->b, &copy, f->file ? f->indent : -1);
		return;
	}
	open_section(f, name);
	line(f, NULL, "start_extent = %" PRIu64, seg->start_extent);
	line(f, size_comment(c, sizeof(c), seg->extent_count * vg->extent_size),
	     "extent_count = %" PRIu64, seg->extent_count);
	nl(f);
	quoted_line(f, NULL, "type", seg->type_name);
	tags_line(f, &seg->tags);
	if (seg->type == MD_SEG_STRIPED) {
		line(f, seg->stripe_count == 1 ? "# linear" : NULL,
		     "stripe_count = %" PRIu32, seg->stripe_count);
		if (seg->stripe_count > 1)
			line(f, size_comment(c, sizeof(c), seg->stripe_size),
			     "stripe_size = %" PRIu64, seg->stripe_size);
		extra(f, seg->extra, false);
		area_lines(f, vg, seg);
	} else {
		line(f, NULL, "%s = %" PRIu32, seg->legs_as_stripe_count ? "stripe_count" : "device_count",
		     seg->device_count);
		if (seg->region_size)
			line(f, NULL, "region_size = %" PRIu64, seg->region_size);
		extra(f, seg->extra, false);
		raid_lines(f, vg, seg);
	}
	extra(f, seg->extra, true);
	close_section(f);
}

static void export_lv(struct fmt *f, const struct md_vg *vg, const struct md_lv *lv)
{
	char id[MD_UUID_STR_SIZE], c[COMMENT_SIZE];

	nl(f);
	open_section(f, lv->name);
	md_uuid_format(lv->id, id);
	line(f, NULL, "id = \"%s\"", id);
	flags_line(f, "status", MD_FS_LV_STATUS, &lv->status);
	flags_line(f, "flags", MD_FS_LV_FLAGS, &lv->flags);
	tags_line(f, &lv->tags);
	if (lv->creation_host) {
		struct md_date d;

		c[0] = '\0';
		if (md_date_at((int64_t)lv->creation_time, utc_offset(f->o, lv->creation_time), &d)) {
			c[0] = '#';
			c[1] = ' ';
			md_date_iso(&d, c + 2, sizeof(c) - 2);
		}
		line(f, c[0] ? c : NULL, "creation_time = %" PRIu64, lv->creation_time);
		quoted_line(f, NULL, "creation_host", lv->creation_host);
	}
	if (lv->alloc_policy)
		quoted_line(f, NULL, "allocation_policy", lv->alloc_policy);
	if (lv->has_read_ahead) {
		if (lv->read_ahead < 0)
			line(f, "# None", "read_ahead = -1");
		else
			line(f, NULL, "read_ahead = %" PRId64, lv->read_ahead);
	}
	if (lv->major >= 0)
		line(f, NULL, "major = %" PRId64, lv->major);
	if (lv->minor >= 0)
		line(f, NULL, "minor = %" PRId64, lv->minor);
	extra(f, lv->extra, false);
	line(f, NULL, "segment_count = %" PRIu32, lv->n_segs);
	nl(f);
	for (uint32_t s = 0; s < lv->n_segs; s++)
		export_seg(f, vg, &lv->segs[s], s + 1);
	close_section(f);
}

static void export_lvs(struct fmt *f, const struct md_vg *vg)
{
	if (!vg->n_lvs)
		return;
	open_section(f, "logical_volumes");
	/* Visible LVs first, then hidden ones, each group in model order. */
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < vg->n_lvs; i++)
			if (!!(vg->lvs[i].status.known & MD_LV_VISIBLE) == !pass)
				export_lv(f, vg, &vg->lvs[i]);
	close_section(f);
}

static void export_header(struct fmt *f, const struct md_export_opts *o)
{
	char when[COMMENT_SIZE];
	struct md_date d;

	if (md_date_at((int64_t)o->time, utc_offset(o, o->time), &d))
		md_date_ctime(&d, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "%" PRIu64, o->time);
	line(f, NULL, "# Generated by %s: %s", o->generator, when);
	nl(f);
	line(f, NULL, "contents = \"Text Format Volume Group\"");
	line(f, NULL, "version = 1");
	nl(f);
	quoted_line(f, NULL, "description", o->description ? o->description : "");
	nl(f);
	/* These two comments appear in the disk form too. */
	md_buf_puts(f->b, "creation_host = ");
	md_buf_quoted(f->b, o->host ? o->host : "");
	md_buf_printf(f->b, "\t# %s\n", o->uname ? o->uname : "");
	md_buf_printf(f->b, "creation_time = %" PRIu64 "\t# %s\n", o->time, when);
	nl(f);
}

int md_vg_export(const struct md_vg *vg, enum md_form form, const struct md_export_opts *o,
		 struct md_buf *out)
{
	struct fmt f = { .b = out, .indent = 0, .file = form == MD_FORM_FILE, .o = o };

	if (f.file)
		export_header(&f, o);
	open_section(&f, vg->name);
	export_vg_keys(&f, vg);
	nl(&f);
	open_section(&f, "physical_volumes");
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		export_pv(&f, vg, &vg->pvs[i]);
	close_section(&f);
	nl(&f);
	export_lvs(&f, vg);
	extra(&f, vg->extra, true);
	nl(&f);
	close_section(&f);
	if (!f.file)
		export_header(&f, o);
	return out->err;
}
