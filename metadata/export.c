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
#include "text.h"

/*
 * lvm2 writes WRITE_LOCKED in the flags instead of WRITE in the status of a
 * VG with a system ID (and of its LVs), so that older tools, which look
 * for WRITE only, leave it alone.  Reading turns it back (import.c).
 */
static void export_status(struct md_fmt *f, const struct md_vg *vg, enum md_flag_set st,
			  const struct md_flags *status, enum md_flag_set fl,
			  const struct md_flags *flags, uint32_t write, uint32_t write_locked)
{
	struct md_flags s = *status, g = *flags;

	if (vg->system_id && *vg->system_id && (s.known & write)) {
		s.known &= ~write;
		g.known |= write_locked;
	}
	md_fmt_flags(f, "status", st, &s);
	md_fmt_flags(f, "flags", fl, &g);
}

static void export_vg_keys(struct md_fmt *f, const struct md_vg *vg)
{
	char id[MD_UUID_STR_SIZE];

	md_uuid_format(vg->id, id);
	md_fmt_quoted(f, NULL, "id", id);
	md_fmt_u64(f, NULL, "seqno", vg->seqno);
	if (vg->format)
		md_fmt_quoted(f, "# informational", "format", vg->format);
	export_status(f, vg, MD_FS_VG_STATUS, &vg->status, MD_FS_VG_FLAGS, &vg->flags, MD_VG_WRITE,
		      MD_VGF_WRITE_LOCKED);
	md_fmt_tags(f, &vg->tags);
	if (vg->system_id && *vg->system_id)
		md_fmt_quoted(f, NULL, "system_id", vg->system_id);
	md_fmt_u64_size(f, "extent_size", vg->extent_size, vg->extent_size);
	md_fmt_u64(f, NULL, "max_lv", vg->max_lv);
	md_fmt_u64(f, NULL, "max_pv", vg->max_pv);
	if (vg->alloc_policy && strcmp(vg->alloc_policy, "normal") &&
	    strcmp(vg->alloc_policy, "inherit")) {
		md_fmt_nl(f);
		md_fmt_quoted(f, NULL, "allocation_policy", vg->alloc_policy);
	}
	if (vg->has_metadata_copies)
		md_fmt_u64(f, NULL, "metadata_copies", vg->metadata_copies);
	md_fmt_extra(f, vg->extra, false);
}

/*
 * "name {" for a PV or LV section.  lvm2 reads any section name, quoted or
 * not, and lists an LV of any name: one that is not a valid name may have
 * been read quoted, so it is written so.
 */
static void open_named(struct md_fmt *f, const char *name)
{
	const char *why;
	struct md_buf q;
	const char *s;

	if (!md_name_check(name, &why)) {
		md_fmt_open(f, name);
		return;
	}
	if ((s = md_fmt_quote(f, &q, name)))
		md_fmt_open(f, s);
	md_buf_free(&q);
}

static void export_pv(struct md_fmt *f, const struct md_vg *vg, const struct md_pv *pv)
{
	char id[MD_UUID_STR_SIZE];

	md_fmt_nl(f);
	open_named(f, pv->name);
	md_uuid_format(pv->id, id);
	md_fmt_quoted(f, NULL, "id", id);
	if (pv->device)
		md_fmt_quoted(f, "# Hint only", "device", pv->device);
	md_fmt_nl(f);
	md_fmt_flags(f, "status", MD_FS_PV_STATUS, &pv->status);
	md_fmt_flags(f, "flags", MD_FS_PV_FLAGS, &pv->flags);
	md_fmt_tags(f, &pv->tags);
	if (pv->dev_size)
		md_fmt_u64_size(f, "dev_size", pv->dev_size, pv->dev_size);
	md_fmt_u64(f, NULL, "pe_start", pv->pe_start);
	md_fmt_u64_size(f, "pe_count", pv->pe_count, pv->pe_count * vg->extent_size);
	if (pv->ba_size || pv->ba_start) {
		md_fmt_u64(f, NULL, "ba_start", pv->ba_start);
		md_fmt_u64_size(f, "ba_size", pv->ba_size, pv->ba_size);
	}
	md_fmt_extra(f, pv->extra, false);
	md_fmt_extra(f, pv->extra, true);
	md_fmt_close(f);
}

/* "segmentN" without printf: written once per segment. */
static void seg_name(char out[sizeof("segment") + 10], uint32_t n)
{
	char d[12], *p = d + sizeof(d);
	size_t k;

	*--p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10));
	k = (size_t)(d + sizeof(d) - p);
	memcpy(out, "segment", 7);
	memcpy(out + 7, p, k);
}

static void export_lv(struct md_fmt *f, const struct md_vg *vg, const struct md_lv *lv)
{
	char id[MD_UUID_STR_SIZE], c[MD_FMT_COMMENT_SIZE];

	md_fmt_nl(f);
	open_named(f, lv->name);
	md_uuid_format(lv->id, id);
	md_fmt_quoted(f, NULL, "id", id);
	export_status(f, vg, MD_FS_LV_STATUS, &lv->status, MD_FS_LV_FLAGS, &lv->flags, MD_LV_WRITE,
		      MD_LVF_WRITE_LOCKED);
	md_fmt_tags(f, &lv->tags);
	if (lv->creation_host) {
		uint64_t t = lv->creation_time;
		struct md_date d;

		c[0] = '\0';
		if (f->file && md_date_at((int64_t)t, md_fmt_utc_offset(f->o, t), &d)) {
			c[0] = '#';
			c[1] = ' ';
			md_date_iso(&d, c + 2, sizeof(c) - 2);
		}
		md_fmt_u64(f, c[0] ? c : NULL, "creation_time", lv->creation_time);
		md_fmt_quoted(f, NULL, "creation_host", lv->creation_host);
	}
	if (lv->alloc_policy)
		md_fmt_quoted(f, NULL, "allocation_policy", lv->alloc_policy);
	if (lv->has_read_ahead) {
		if (lv->read_ahead < 0)
			md_fmt_line(f, "# None", "read_ahead = -1");
		else
			md_fmt_line(f, NULL, "read_ahead = %" PRId64, lv->read_ahead);
	}
	if (lv->major >= 0)
		md_fmt_u64(f, NULL, "major", (uint64_t)lv->major);
	if (lv->minor >= 0)
		md_fmt_u64(f, NULL, "minor", (uint64_t)lv->minor);
	md_fmt_extra(f, lv->extra, false);
	md_fmt_u64(f, NULL, "segment_count", lv->n_segs);
	md_fmt_nl(f);
	for (uint32_t s = 0; s < lv->n_segs; s++) {
		const struct md_seg *seg = &lv->segs[s];
		char name[sizeof("segment") + 10];

		seg_name(name, s + 1);
		md_segtype_of(seg)->export(f, vg, seg, name);
	}
	md_fmt_close(f);
}

/*
 * LV @i as it was in f->old's text, when it has not changed: found at its
 * place or one off (an edit adds or removes an LV at most), compared in full.
 */
static bool copy_lv(struct md_fmt *f, const struct md_vg *vg, uint32_t i)
{
	const struct md_vg *old = f->old;
	const struct md_lv *lv = &vg->lvs[i];

	for (uint32_t k = i ? i - 1 : 0; old && k <= i + 1 && k < old->n_lvs; k++) {
		const struct md_lv *o = &old->lvs[k];
		size_t off = o->text_off - old->body_off;

		if (strcmp(o->id, lv->id))
			continue;
		if (!o->text_len || o->text_off < old->body_off || off > f->old_len ||
		    o->text_len > f->old_len - off || !md_lv_same(vg, lv, old, o))
			return false;
		md_fmt_nl(f);
		md_buf_put(f->b, f->old_text + off, o->text_len);
		md_fmt_nl(f);
		return true;
	}
	return false;
}

static void export_lvs(struct md_fmt *f, const struct md_vg *vg)
{
	if (!vg->n_lvs)
		return;
	md_fmt_open(f, "logical_volumes");
	/* Visible LVs first, then hidden ones, each group in model order. */
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < vg->n_lvs; i++)
			if (!!(vg->lvs[i].status.known & MD_LV_VISIBLE) == !pass &&
			    !(f->old_text && copy_lv(f, vg, i)))
				export_lv(f, vg, &vg->lvs[i]);
	md_fmt_close(f);
}

static void export_header(struct md_fmt *f, const struct md_export_opts *o)
{
	char when[MD_FMT_COMMENT_SIZE];
	struct md_date d;

	if (md_date_at((int64_t)o->time, md_fmt_utc_offset(o, o->time), &d))
		md_date_ctime(&d, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "%" PRIu64, o->time);
	md_fmt_line(f, NULL, "# Generated by %s: %s", o->generator, when);
	md_fmt_nl(f);
	md_fmt_line(f, NULL, "contents = \"Text Format Volume Group\"");
	md_fmt_line(f, NULL, "version = 1");
	md_fmt_nl(f);
	md_fmt_quoted(f, NULL, "description", o->description ? o->description : "");
	md_fmt_nl(f);
	/* These two comments appear in the disk form too. */
	md_buf_puts(f->b, "creation_host = ");
	md_buf_quoted(f->b, o->host ? o->host : "");
	md_buf_printf(f->b, "\t# %s\n", o->uname ? o->uname : "");
	md_buf_printf(f->b, "creation_time = %" PRIu64 "\t# %s\n", o->time, when);
	md_fmt_nl(f);
}

/* The VG section, in either form. */
static void export_vg(struct md_fmt *f, const struct md_vg *vg)
{
	md_fmt_open(f, vg->name);
	export_vg_keys(f, vg);
	md_fmt_nl(f);
	md_fmt_open(f, "physical_volumes");
	for (uint32_t i = 0; i < vg->n_pvs; i++)
		export_pv(f, vg, &vg->pvs[i]);
	md_fmt_close(f);
	md_fmt_nl(f);
	export_lvs(f, vg);
	md_fmt_extra(f, vg->extra, true);
	md_fmt_nl(f);
	md_fmt_close(f);
}

int md_vg_export(const struct md_vg *vg, enum md_form form, const struct md_export_opts *o,
		 struct md_buf *out)
{
	struct md_fmt f = { .b = out, .indent = 0, .file = form == MD_FORM_FILE, .o = o };

	if (f.file)
		export_header(&f, o);
	export_vg(&f, vg);
	if (!f.file)
		export_header(&f, o);
	return out->err;
}

int md_vg_export_body(const struct md_vg *vg, struct md_buf *out)
{
	struct md_fmt f = { .b = out, .indent = 0, .file = false, .o = NULL };

	export_vg(&f, vg);
	return out->err;
}

int md_vg_export_body_from(const struct md_vg *vg, const struct md_vg *old, const char *text,
			   size_t text_len, struct md_buf *out)
{
	struct md_fmt f = { .b = out, .indent = 0, .file = false, .o = NULL, .old = old,
			    .old_text = old ? text : NULL, .old_len = text_len };

	export_vg(&f, vg);
	return out->err;
}

int md_vg_export_header(enum md_form form, const struct md_export_opts *o, struct md_buf *out)
{
	struct md_fmt f = { .b = out, .indent = 0, .file = form == MD_FORM_FILE, .o = o };

	export_header(&f, o);
	return out->err;
}
