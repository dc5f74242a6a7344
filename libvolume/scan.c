/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The device scan: one read of the head of every device in scope (label
 * plus a metadata header at 4096), one read per further header, and one
 * read of each committed text.  Equal texts are parsed once.  Copies are
 * grouped by VG id and the highest valid seqno wins.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "components.h"
#include "crc.h"
#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "handles.h"
#include "hash.h"
#include "scan.h"

void pvdev_free(struct pvdev *d)
{
	free(d->path);
	d->path = NULL;
}

void pvdev_copy(struct pvdev *dst, const struct pvdev *src)
{
	*dst = *src;
	dst->path = src->path ? strdup(src->path) : NULL;
}

uint64_t mda_free_bytes(const struct md_mdah *h)
{
	uint64_t max = md_text_max(h->size);
	uint64_t used = md_mdah_has_text(h) ? h->slot[0].size : 0;

	return used >= max ? 0 : (max - used) / SECTOR * SECTOR;
}

/* @len bytes at @at widened to whole logical blocks when the device has
 * them: a read of that size goes straight into an aligned buffer. */
static size_t whole_blocks(const struct iodev *io, uint64_t at, size_t len)
{
	size_t whole = (len + io->align - 1) / io->align * io->align;

	if (at % io->align || at > io->size || whole > io->size - at)
		return len;
	return whole;
}

int read_pvdev_text(struct vol_ctx *ctx, struct iodev *io, const struct md_area *area,
		    const struct md_mdah *h, struct mda_text *t)
{
	const struct md_rlocn *r = &h->slot[0];
	uint64_t at, blk;
	struct md_place pl;
	char *buf;
	int e;

	md_rlocn_pieces(r, h->size, &pl);
	/* An aligned buffer, so that both pieces (the second where the text
	 * wraps) are read straight into it, in whole blocks, with no bounce
	 * copy: a block more than the text for the rounding of the last piece. */
	blk = io->align > 4096 ? io->align : 4096;
	if (r->size + 1 + 2 * blk < r->size ||
	    !(buf = io_alloc((r->size + 1 + 2 * blk - 1) / blk * blk)))
		return -ENOMEM;
	at = area->offset + pl.offset;
	e = io_read(io, at, buf, whole_blocks(io, at, pl.len1));
	at = area->offset + MD_MDA_HEADER_SIZE;
	if (!e && pl.len2)
		e = io_read(io, at, buf + pl.len1, whole_blocks(io, at, pl.len2));
	if (e) {
		free(buf);
		t->err = -EIO;
		t->why = "cannot read the metadata text";
		log_debug(ctx, "%s: reading text at %" PRIu64 ": %s", io->path, area->offset + pl.offset,
			  strerror(-e));
		return 0;
	}
	buf[r->size] = '\0';
	t->text = buf;
	t->len = r->size;
	t->crc_want = r->checksum;
	if (!t->defer_crc)
		mda_text_check(t);
	return 0;
}

void mda_text_check(struct mda_text *t)
{
	if (t->crc_done || !t->text)
		return;
	t->crc_done = true;
	/* The two pieces are contiguous in the buffer: one pass covers both. */
	if (md_crc(MD_CRC_SEED, t->text, t->len) != t->crc_want) {
		t->err = -EBADMSG;
		t->why = "metadata text checksum mismatch";
	}
}

int read_pvdev(struct vol_ctx *ctx, struct iodev *io, struct pvdev *d, struct mda_text *t)
{
	size_t n = io->size < HEAD_READ ? (size_t)(io->size / io->align * io->align) : HEAD_READ;
	unsigned char *buf = io_alloc(HEAD_READ), *hb = NULL;
	const char *why = NULL;
	int r;

	if (!buf)
		return -ENOMEM;
	d->size = io->size;
	r = n < MD_SECTOR * 2 ? -ENOENT : io_read(io, 0, buf, n);
	if (r && r != -ENOENT) {
		free(buf);
		return r;
	}
	if (!r)
		r = md_label_find(buf, n < MD_LABEL_SCAN_SIZE ? n : MD_LABEL_SCAN_SIZE, &d->label, &why);
	d->label_err = r;
	if (!r && (d->component = component_of(ctx, io, d->devno, buf, n, d->label.device_size))) {
		log_debug(ctx, "%s: skipped: %s", d->path, d->component);
		d->label_err = r = -ENOENT;
	}
	if (r) {
		if (r != -ENOENT)
			log_debug(ctx, "%s: ignoring label: %s", d->path, why);
		free(buf);
		return 0;
	}
	d->n_mda = d->label.n_mda;
	for (unsigned i = 0; i < d->n_mda; i++) {
		const struct md_area *a = &d->label.mda[i];

		if (a->offset > io->size || a->size > io->size - a->offset ||
		    a->size < MD_MDA_HEADER_SIZE) {
			d->hdr_err[i] = -EBADMSG;
			d->hdr_why[i] = "metadata area lies outside the device";
			continue;
		}
		if (a->offset + MD_MDA_HEADER_SIZE <= n) {
			hb = buf + a->offset;
		} else {
			hb = buf;	/* the head is no longer needed */
			if ((r = io_read(io, a->offset, hb, MD_MDA_HEADER_SIZE))) {
				d->hdr_err[i] = -EIO;
				d->hdr_why[i] = "cannot read the metadata area header";
				continue;
			}
		}
		d->hdr_err[i] = md_mdah_decode(hb, a->offset, &d->hdr[i], &d->hdr_why[i]);
		if (!d->hdr_err[i] && d->hdr[i].size > a->size) {
			d->hdr_err[i] = -EBADMSG;
			d->hdr_why[i] = "mda_header.size is larger than the area in the pv_header";
		}
		if (d->hdr_err[i] || !t || !md_mdah_has_text(&d->hdr[i]))
			continue;
		if ((r = read_pvdev_text(ctx, io, a, &d->hdr[i], &t[i]))) {
			free(buf);
			return r;
		}
	}
	free(buf);
	return 0;
}

static void free_sdev(struct sdev *s)
{
	pvdev_free(&s->d);
	for (unsigned i = 0; i < MD_MAX_MDAS; i++)
		if (!s->t[i].owner)
			free(s->t[i].text);
}

void scan_drop_dev(struct scan *s, struct sdev *d)
{
	size_t i;

	if (!d)
		return;
	i = (size_t)(d - s->devs);
	free_sdev(d);
	memmove(&s->devs[i], &s->devs[i + 1], (s->n_devs - i - 1) * sizeof(*d));
	s->n_devs--;
}

void scan_free(struct scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_devs; i++)
		free_sdev(&s->devs[i]);
	free(s->devs);
	free(s->vgs);
	md_hmap_free(&s->ids);
	md_arena_free(s->arena);
	for (struct scan_text *x = s->texts, *nx; x; x = nx) {
		nx = x->next;
		free(x->text);
		free(x);
	}
	pthread_mutex_destroy(&s->texts_mu);
	free(s);
}

/*
 * An earlier text of the scan with the same bytes (and so the same length
 * and header checksum) whose checksum was checked, or NULL.  Copies of one
 * VG on its PVs are alike: the first is checksummed and parsed, the others
 * only compared.
 */
static struct mda_text *same_text(struct scan *s, size_t i, const struct mda_text *t)
{
	for (size_t j = 0; j <= i; j++)
		for (unsigned k = 0; k < s->devs[j].d.n_mda; k++) {
			struct mda_text *o = &s->devs[j].t[k];

			if (o == t)
				return NULL;
			if (o->crc_done && o->text && o->len == t->len && o->crc_want == t->crc_want &&
			    (o->text == t->text || !memcmp(o->text, t->text, t->len)))
				return o;
		}
	return NULL;
}

/* Parses @t; its text goes once parsed unless the context keeps texts (a write). */
static void parse_one(struct vol_ctx *ctx, struct scan *s, const char *path, struct mda_text *t)
{
	struct md_err err = { 0 };

	char **drop = ctx->scan_keeps_texts ? NULL : t->owner ? &t->owner->text : &t->text;
	int r = md_vg_import_text(s->arena, t->text, t->len, drop, &t->vg, &err);

	if (t->owner && !t->owner->text)
		t->text = NULL;	/* dropped with its owner's */
	if (r) {
		t->err = -EBADMSG;
		t->why = err.why;
		log_debug(ctx, "%s: metadata text rejected: %s (%s, line %u)", path, err.why, err.detail,
			  err.line);
	} else if (t->vg->creation_time_repaired) {
		log_warn_once(ctx, VOL_MSG_OTHER, t->vg->name, "Invalid creation_time "
			      "found in metadata (repaired with next metadata update).");
	}
}

/* Checks every text once; copies with the same bytes share the verdict and
 * are dropped (one copy of each text is enough). */
static void check_texts(struct scan *s)
{
	for (size_t i = 0; i < s->n_devs; i++)
		for (unsigned m = 0; m < s->devs[i].d.n_mda; m++) {
			struct mda_text *t = &s->devs[i].t[m], *o;

			if (!t->text || t->err)
				continue;
			if ((o = same_text(s, i, t))) {
				t->crc_done = true;
				t->err = o->err;
				t->why = o->why;
				t->copy_of = o;
				if (!t->owner)
					free(t->text);
				t->text = NULL;
				continue;
			}
			mda_text_check(t);
		}
}

/* Parses every distinct text once (copies share the model).  The texts
 * themselves are kept only for a write, whose archive reuses one. */
static int parse_texts(struct vol_ctx *ctx, struct scan *s)
{
	check_texts(s);
	for (size_t i = 0; i < s->n_devs; i++)
		for (unsigned m = 0; m < s->devs[i].d.n_mda; m++) {
			struct mda_text *t = &s->devs[i].t[m];

			if (t->copy_of) {
				t->vg = t->copy_of->vg;
				continue;
			}
			if (!t->text || t->err)
				continue;
			parse_one(ctx, s, s->devs[i].d.path, t);
		}
	return 0;
}

static struct svg *vg_slot(struct scan *s, const struct md_vg *vg)
{
	struct svg *v;

	for (size_t i = 0; i < s->n_vgs; i++)
		if (!strcmp(s->vgs[i].id, vg->id))
			return &s->vgs[i];
	v = realloc(s->vgs, (s->n_vgs + 1) * sizeof(*v));
	if (!v)
		return NULL;
	s->vgs = v;
	v = &s->vgs[s->n_vgs++];
	memset(v, 0, sizeof(*v));
	memcpy(v->id, vg->id, sizeof(v->id));
	return v;
}

static int group_vgs(struct scan *s)
{
	for (size_t i = 0; i < s->n_devs; i++)
		for (unsigned m = 0; m < s->devs[i].d.n_mda; m++) {
			struct md_vg *vg = s->devs[i].t[m].vg;
			struct svg *v;

			if (!vg)
				continue;
			if (!(v = vg_slot(s, vg)))
				return -ENOMEM;
			if (!v->best || vg->seqno > v->best->seqno) {
				v->best = vg;
				v->best_dev = &s->devs[i];
				v->name = vg->name;
			}
		}
	/* Any copy that is not the winner makes the VG inconsistent. */
	for (size_t i = 0; i < s->n_devs; i++)
		for (unsigned m = 0; m < s->devs[i].d.n_mda; m++) {
			struct md_vg *vg = s->devs[i].t[m].vg;

			if (vg && vg != vg_slot(s, vg)->best)
				vg_slot(s, vg)->inconsistent = true;
		}
	for (size_t i = 0; i < s->n_vgs; i++)
		for (size_t j = i + 1; j < s->n_vgs; j++)
			if (!strcmp(s->vgs[i].name, s->vgs[j].name))
				s->vgs[i].name_clash = s->vgs[j].name_clash = true;
	return 0;
}

/* Marks devices that share a PV UUID; keeps the UUID index (s->ids). */
static int mark_duplicates(struct vol_ctx *ctx, struct scan *s)
{
	int r = md_hmap_init(&s->ids, (uint32_t)s->n_devs);

	if (r)
		return r;
	for (size_t i = 0; i < s->n_devs; i++) {
		int32_t first;

		if (!s->devs[i].is_pv)
			continue;
		first = md_hmap_put(&s->ids, s->devs[i].d.label.uuid, (int32_t)i);
		if (first >= 0) {
			s->devs[i].duplicate = true;
			s->devs[first].duplicate = true;
			log_debug(ctx, "PV UUID %s is on both %s and %s", s->devs[i].d.label.uuid,
				  s->devs[first].d.path, s->devs[i].d.path);
		}
	}
	return 0;
}

struct sdev *scan_first_uuid(struct scan *s, const char *raw)
{
	int32_t i = s->ids.keys ? md_hmap_get(&s->ids, raw) : -1;

	return i >= 0 ? &s->devs[i] : NULL;
}

struct scan_job {
	struct vol_ctx *ctx;
	struct scan *s;
};

/*
 * As soon as a text is read: if an equal one (same bytes, same length and
 * header checksum) was read before, this copy's bytes go and it shares
 * those; else its bytes become the scan's, for later copies to share.  So
 * the scan holds one copy of each text at once, not one per metadata area
 * (check_texts then finds the copies by their shared bytes).
 */
static void share_text(struct scan *s, struct mda_text *t)
{
	struct scan_text *x, *fresh;

	if (!t->text || t->err || !(fresh = calloc(1, sizeof(*fresh))))
		return;
	pthread_mutex_lock(&s->texts_mu);
	for (x = s->texts; x; x = x->next)
		if (x->text && x->len == t->len && x->crc_want == t->crc_want &&
		    !memcmp(x->text, t->text, t->len))
			break;
	if (!x) {
		*fresh = (struct scan_text){ t->text, t->len, t->crc_want, s->texts };
		s->texts = x = fresh;
		fresh = NULL;
	} else {
		free(t->text);
		t->text = x->text;
	}
	t->owner = x;
	pthread_mutex_unlock(&s->texts_mu);
	free(fresh);
}

static int scan_one(size_t i, void *arg)
{
	struct scan_job *job = arg;
	struct sdev *d = &job->s->devs[i];
	struct iodev io;
	int r;

	for (unsigned m = 0; m < MD_MAX_MDAS; m++)
		d->t[m].defer_crc = true;	/* parse_texts checks equal copies once */
	if (io_open(&io, d->d.path, O_RDONLY)) {
		log_debug(job->ctx, "%s: cannot open; skipped", d->d.path);
		d->d.label_err = -ENOENT;
		d->not_read = true;
		return 0;
	}
	d->d.lbs = io.align;
	r = read_pvdev(job->ctx, &io, &d->d, d->t);
	io_close(&io);
	for (unsigned m = 0; m < MD_MAX_MDAS; m++)
		share_text(job->s, &d->t[m]);
	if (r == -EIO) {
		/* A device that fails reads is no PV we can use: its VG sees it
		 * missing, as lvm2 does, and the rest of the scan goes on. */
		log_verbose(job->ctx, "%s: cannot read its label: %s; skipped.", d->d.path, strerror(-r));
		d->d.label_err = -EIO;
		d->is_pv = false;
		return 0;
	}
	d->is_pv = !r && !d->d.label_err;
	return r;
}

/* Reads every device, several at once; parsing and grouping come after, here. */
/* Devices smaller than devices/pv_min_size are out of scope, as in lvm2. */
static void drop_small(struct vol_ctx *ctx, struct scan *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n_devs; i++) {
		if (s->devs[i].d.size < ctx->pv_min_size) {
			log_debug(ctx, "%s: %" PRIu64 " bytes, under pv_min_size: skipped",
				  s->devs[i].d.path, s->devs[i].d.size);
			free_sdev(&s->devs[i]);
			continue;
		}
		s->devs[k++] = s->devs[i];
	}
	s->n_devs = k;
}

static int read_all(struct vol_ctx *ctx, struct scan *s)
{
	struct scan_job job = { ctx, s };
	int r = io_parallel(ctx, s->n_devs, scan_one, &job);

	if (!r)
		drop_small(ctx, s);
	return r;
}

int scan_run(struct vol_ctx *ctx)
{
	struct devent *ents;
	struct scan *s;
	size_t n;
	int r;

	if (ctx->scan)
		return 0;
	ctx->md_end_checks = ctx->md_detection && component_end_checks_needed();
	if ((r = dev_enumerate(ctx, &ents, &n)))
		return r;
	s = calloc(1, sizeof(*s));
	if (s)
		pthread_mutex_init(&s->texts_mu, NULL);
	if (!s || !(s->arena = md_arena_new()) || !(s->devs = calloc(n ? n : 1, sizeof(*s->devs)))) {
		dev_free_list(ents, n);
		scan_free(s);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		struct sdev *d = &s->devs[s->n_devs++];

		d->d.path = ents[i].path;
		d->d.devno = ents[i].devno;
		d->d.size = ents[i].size;
		ents[i].path = NULL;
	}
	dev_free_list(ents, n);
	if ((r = read_all(ctx, s))) {
		scan_free(s);
		return r;
	}
	devfile_validate(ctx, s);
	if ((r = parse_texts(ctx, s)) || (r = group_vgs(s)) || (r = mark_duplicates(ctx, s))) {
		scan_free(s);
		return r;
	}
	scan_classify(ctx, s);
	log_debug(ctx, "scan: %zu devices, %zu VGs", s->n_devs, s->n_vgs);
	ctx->scan = s;
	ctx->scan_gen++;
	return 0;
}

struct sdev *scan_find_path(struct vol_ctx *ctx, const char *path)
{
	struct stat st;

	if (scan_run(ctx) || stat(path, &st) || !S_ISBLK(st.st_mode))
		return NULL;
	for (size_t i = 0; i < ctx->scan->n_devs; i++)
		if (ctx->scan->devs[i].d.devno == st.st_rdev)
			return &ctx->scan->devs[i];
	return NULL;
}

bool scan_in_scope(struct vol_ctx *ctx, dev_t devno)
{
	if (scan_run(ctx))
		return false;
	for (size_t i = 0; i < ctx->scan->n_devs; i++)
		if (ctx->scan->devs[i].d.devno == devno)
			return true;
	return false;
}

VOL_EXPORT void vol_ctx_set_mixed_block_sizes(struct vol_ctx *ctx, bool on)
{
	ctx->mixed_lbs = on;
}

VOL_EXPORT void vol_ctx_set_scan_lvs(struct vol_ctx *ctx, bool on)
{
	ctx->scan_lvs = on;
	scan_forget(ctx);
}

VOL_EXPORT void vol_ctx_set_pv_min_size(struct vol_ctx *ctx, uint64_t bytes)
{
	ctx->pv_min_size = bytes < 512 * 1024 ? 512 * 1024 : bytes;
	scan_forget(ctx);
}

/* Would device @devno be in scope but for its size? (the --devices list or
 * the filters accept it) */
bool scan_listed(struct vol_ctx *ctx, dev_t devno)
{
	struct devent *ents;
	size_t n;
	bool found = false;

	if (dev_enumerate(ctx, &ents, &n))
		return false;
	for (size_t i = 0; i < n && !found; i++)
		found = ents[i].devno == devno;
	dev_free_list(ents, n);
	return found;
}

const char *scan_scope_why(const struct vol_ctx *ctx)
{
	if (ctx->n_devices)
		return "device is not in devices list";
	return devfile_active(ctx) ? "device is not in devices file" : "device is rejected by filter config";
}

struct sdev *scan_find_uuid(struct vol_ctx *ctx, const char *raw)
{
	if (scan_run(ctx))
		return NULL;
	return scan_first_uuid(ctx->scan, raw);
}

int scan_find_vg(struct vol_ctx *ctx, const char *name, struct svg **out)
{
	char raw[MD_UUID_LEN + 1];
	bool by_id = !md_uuid_parse(name, raw);
	int r = scan_run(ctx);

	*out = NULL;
	if (r)
		return r;
	for (size_t i = 0; i < ctx->scan->n_vgs; i++) {
		struct svg *g = &ctx->scan->vgs[i];

		if (strcmp(g->name, name) && !(by_id && !strcmp(g->id, raw)))
			continue;
		if (*out)
			return -ENOTUNIQ;
		*out = g;
	}
	return *out ? 0 : -ENOENT;
}

void scan_forget(struct vol_ctx *ctx)
{
	scan_free(ctx->scan);
	ctx->scan = NULL;
}

struct sdev *scan_dev(struct vol_ctx *ctx, size_t i)
{
	if (scan_run(ctx) || i >= ctx->scan->n_devs)
		return NULL;
	return &ctx->scan->devs[i];
}

struct sdev *scan_find_twin(struct vol_ctx *ctx, const struct sdev *s)
{
	if (!s->duplicate || scan_run(ctx))
		return NULL;
	for (size_t i = 0; i < ctx->scan->n_devs; i++) {
		struct sdev *t = &ctx->scan->devs[i];

		if (t != s && t->is_pv && !strcmp(t->d.label.uuid, s->d.label.uuid))
			return t;
	}
	return NULL;
}

struct sdev *scan_find_member(struct vol_ctx *ctx, const struct svg *g, const char *raw)
{
	struct sdev *first;

	if (scan_run(ctx))
		return NULL;
	/* the first device with the UUID is the member unless it has twins */
	if ((first = scan_first_uuid(ctx->scan, raw)) && (first->vg == g || !first->duplicate))
		return first->vg == g ? first : NULL;
	for (size_t i = 0; i < ctx->scan->n_devs; i++) {
		struct sdev *d = &ctx->scan->devs[i];

		if (d->vg == g && !strcmp(d->d.label.uuid, raw))
			return d;
	}
	return NULL;
}

const struct mda_text *scan_text_of(struct vol_ctx *ctx, const struct md_vg *m)
{
	for (size_t i = 0; ctx->scan && i < ctx->scan->n_devs; i++)
		for (unsigned k = 0; k < ctx->scan->devs[i].d.n_mda; k++)
			if (ctx->scan->devs[i].t[k].vg == m && ctx->scan->devs[i].t[k].text)
				return &ctx->scan->devs[i].t[k];
	return NULL;
}

bool sdev_has_copy_of(const struct sdev *d, const char *id)
{
	for (unsigned m = 0; m < d->d.n_mda; m++)
		if (d->t[m].vg && !strcmp(d->t[m].vg->id, id))
			return true;
	return false;
}

/* ---------------------------------------------------------------- VG lists */

static int cmp_vg_by_name(const void *a, const void *b, void *arg)
{
	const struct scan *s = arg;
	const struct svg *x = &s->vgs[*(const size_t *)a], *y = &s->vgs[*(const size_t *)b];
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->id, y->id);
}

VOL_EXPORT int vol_vg_list(struct vol_ctx *ctx, char ***names, char ***uuids, size_t *n)
{
	size_t *order = NULL;
	char **nv = NULL, **uv = NULL;
	size_t k = 0;
	int r = scan_run(ctx);

	*names = *uuids = NULL;
	*n = 0;
	if (r)
		return r;
	r = -ENOMEM;
	if (!(order = calloc(ctx->scan->n_vgs + 1, sizeof(*order))) ||
	    !(nv = calloc(ctx->scan->n_vgs + 1, sizeof(*nv))) ||
	    !(uv = calloc(ctx->scan->n_vgs + 1, sizeof(*uv))))
		goto out;
	for (size_t i = 0; i < ctx->scan->n_vgs; i++)
		order[i] = i;
	qsort_r(order, ctx->scan->n_vgs, sizeof(*order), cmp_vg_by_name, ctx->scan);
	for (k = 0; k < ctx->scan->n_vgs; k++) {
		const struct svg *g = &ctx->scan->vgs[order[k]];

		if (!(nv[k] = strdup(g->name)) || !(uv[k] = malloc(MD_UUID_STR_SIZE)))
			goto out;
		md_uuid_format(g->id, uv[k]);
	}
	*names = nv;
	*uuids = uv;
	*n = k;
	nv = uv = NULL;
	r = 0;
out:
	vol_strv_free(nv, k + 1);
	vol_strv_free(uv, k + 1);
	free(order);
	return r;
}

VOL_EXPORT int vol_vg_uuids(struct vol_ctx *ctx, char ***uuids, size_t *n)
{
	char **names;
	int r = vol_vg_list(ctx, &names, uuids, n);

	if (!r)
		vol_strv_free(names, *n);
	return r;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

VOL_EXPORT int vol_vg_names(struct vol_ctx *ctx, char ***names, size_t *n)
{
	char **v;
	size_t k = 0;
	int r = scan_run(ctx);

	*names = NULL;
	*n = 0;
	if (r)
		return r;
	if (!(v = calloc(ctx->scan->n_vgs + 1, sizeof(*v))))
		return -ENOMEM;
	for (size_t i = 0; i < ctx->scan->n_vgs; i++)
		if (!(v[k++] = strdup(ctx->scan->vgs[i].name))) {
			vol_strv_free(v, k);
			return -ENOMEM;
		}
	qsort(v, k, sizeof(*v), cmp_str);
	/* Two VGs may share a name: list it once. */
	for (size_t i = 1; i < k;)
		if (!strcmp(v[i - 1], v[i])) {
			free(v[i]);
			memmove(&v[i], &v[i + 1], (k - i - 1) * sizeof(*v));
			k--;
		} else {
			i++;
		}
	*names = v;
	*n = k;
	return 0;
}

/* The name of the VG a PV device belongs to or names, or "". */
static const char *sdev_vg_name(const struct sdev *s)
{
	if (s->vg)
		return s->vg->name;
	if (s->other_vg)
		return s->other_vg->name;
	return "";
}

static void fill_info(const struct sdev *s, struct vol_dev_info *d)
{
	static const enum vol_pv_state states[] = {
		[PVS_NONE] = VOL_PV_NONE, [PVS_FREE] = VOL_PV_FREE, [PVS_MEMBER] = VOL_PV_MEMBER,
		[PVS_UNREADABLE] = VOL_PV_UNREADABLE, [PVS_DUPLICATE] = VOL_PV_DUPLICATE,
		[PVS_OUTDATED] = VOL_PV_OUTDATED,
	};

	memset(d, 0, sizeof(*d));
	d->path = s->d.path;
	d->size = s->d.size;
	d->is_pv = s->is_pv;
	d->state = states[s->state];
	d->vg_name = sdev_vg_name(s);
	d->problem = s->problem ? s->problem : "";
}

VOL_EXPORT int vol_dev_list(struct vol_ctx *ctx, void (*fn)(const struct vol_dev_info *d, void *usrptr),
			    void *usrptr)
{
	struct vol_dev_info d;
	int r = scan_run(ctx);

	if (r)
		return r;
	for (size_t i = 0; i < ctx->scan->n_devs; i++)
		if (!ctx->scan->devs[i].d.component) {
			fill_info(&ctx->scan->devs[i], &d);
			fn(&d, usrptr);
		}
	return 0;
}

VOL_EXPORT int vol_dev_lookup(struct vol_ctx *ctx, const char *path, struct vol_dev_info *out,
			      const char **why)
{
	struct sdev *s;
	struct stat st;
	int r;

	*why = NULL;
	memset(out, 0, sizeof(*out));
	if (stat(path, &st) || !S_ISBLK(st.st_mode))
		return -ENOENT;
	if ((r = scan_run(ctx)))
		return r;
	s = scan_find_path(ctx, path);
	if (s && s->d.component) {
		*why = strncmp(s->d.component, "an md", 5) ? "device is a multipath component"
							    : "device is an md component";
		return -ENODEV;
	}
	if (!s) {
		struct devent ent;

		*why = !dev_stat(ctx, path, &ent) && ent.size < ctx->pv_min_size &&
		       scan_listed(ctx, ent.devno) ? "device is too small (pv_min_size)"
						   : scan_scope_why(ctx);
		return -ENODEV;
	}
	fill_info(s, out);
	if (s->state == PVS_UNREADABLE)
		pv_warn_in_use(ctx, s);
	return 0;
}
