/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Metadata commits, in lvm2's order, so that a crash at any point leaves
 * either the old or the new VG readable:
 *   0. labels of new PVs (and PV_EXT_USED where missing)
 *   1. the new text into every metadata area, after the committed copy
 *   2. precommit: slot 1 = the new text, on every area; flush each PV
 *   3. commit: slot 0 = the new text, slot 1 cleared, on every area;
 *      flush each PV
 *   4. PVs that left the VG become orphans, then one more flush
 * Writes go through O_DIRECT.  Nothing before step 3 is read by anyone
 * (slot 1 only matters to activation), so steps 0-2 share one flush per
 * PV; every commit pointer is written after every text and label is
 * durable.  The PVs are handled in parallel within a step; each step
 * reports a fault point per PV for tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "commit.h"
#include "crc.h"
#include "ctx.h"
#include "pvinit.h"
#include "vgobj.h"

struct mda_plan {
	unsigned slot;		/* index into vg->slots */
	unsigned m;		/* metadata area of that PV */
	bool ignored;		/* newly ignored: its commit keeps the ignore flag */
	struct md_mdah hdr;	/* header as it will be written */
	struct md_place place;
};

struct plan {
	struct iodev *io;	/* one per slot */
	struct mda_plan *mdas;
	size_t n_mdas;
	struct md_buf body;	/* the VG section: the disk text's, the backup's */
	char *text;		/* the disk text, aligned, NUL included, zeros after it */
	size_t len, cap;
	uint32_t crc;
	int *commit_err;	/* one per slot: that PV's commit failed */
	struct archive_prune prune;	/* done beside the commit, not before it */
};

/*
 * The one export of a commit: the VG section (body), which the disk text
 * (body + header), the backup (file header + body) and, at the next commit,
 * the archive share.
 */
static int build_text(struct vol_vg *vg, struct plan *p)
{
	struct md_export_opts o;
	struct md_buf h;
	char desc[PATH_MAX + 32];
	int r;

	snprintf(desc, sizeof(desc), "Write from %s.", ctx_command(vg->ctx));
	export_opts(vg->ctx, &o, desc);
	md_buf_init(&h);
	/* LVs the change left alone are copied from the text they were read from,
	 * when we wrote it (lvm2 writes a few odd values otherwise). */
	if ((r = md_vg_export_body_from(vg->md, vg->old, vg->old_body_ours ? vg->old_body : NULL,
					vg->old_body_len, &p->body)) ||
	    (r = md_vg_export_header(MD_FORM_DISK, &o, &h))) {
		md_buf_free(&h);
		return r;
	}
	p->len = p->body.len + h.len + 1;	/* the NUL is part of the text on disk */
	/* Zeros up to the next 4 KiB: the text's first piece is written from
	 * here as it is, padded to whole sectors. */
	p->cap = (p->len + 4095) / 4096 * 4096;
	if ((p->text = io_alloc(p->cap))) {
		memcpy(p->text, p->body.p, p->body.len);
		memcpy(p->text + p->body.len, h.p, h.len + 1);
		memset(p->text + p->len, 0, p->cap - p->len);
	}
	md_buf_free(&h);
	if (!p->text)
		return -ENOMEM;
	p->crc = md_crc(MD_CRC_SEED, p->text, p->len);
	return 0;
}

static void free_plan(struct plan *p, size_t nslots)
{
	for (size_t i = 0; p->io && i < nslots; i++)
		io_close(&p->io[i]);
	free(p->io);
	free(p->mdas);
	free(p->text);
	free(p->commit_err);
	md_buf_free(&p->body);
	archive_prune(&p->prune);
}

static bool area_ignored(const struct pvslot *s, unsigned m)
{
	return (s->is_new && s->layout.mda_ignored) ||
	       (!s->d.hdr_err[m] && (s->d.hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED));
}

/*
 * As lvm2 does when the VG does not manage its number of copies: a VG whose
 * every present metadata area is ignored (its PVs made with
 * --metadataignore y) takes one back into use, the first.  (A PV this
 * commit creates takes all its areas back.)
 */
static void unignore_one(struct vol_vg *vg)
{
	struct pvslot *first = NULL;
	unsigned fm = 0;

	if (vg->md->metadata_copies)
		return;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		struct pvslot *s = &vg->slots[i];

		for (unsigned m = 0; s->present && m < s->d.n_mda; m++) {
			if (!area_ignored(s, m))
				return;
			if (!first)
				first = s, fm = m;
		}
	}
	if (!first)
		return;
	if (first->is_new && first->layout.mda_ignored) {
		first->layout.mda_ignored = false;
		return;
	}
	first->d.hdr[fm].slot[0].flags &= ~(uint32_t)MD_RAW_LOCN_IGNORED;
	first->ign_changed[fm] = !first->ign_changed[fm];
}

/* Places the text in every area before anything is written: a full area
 * fails the commit with nothing changed. */
static int plan_areas(struct vol_vg *vg, struct plan *p)
{
	uint32_t n = vg->md->n_pvs;

	unignore_one(vg);

	p->mdas = calloc(n * MD_MAX_MDAS + 1, sizeof(*p->mdas));
	if (!p->mdas)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		const struct pvslot *s = &vg->slots[i];

		if (!s->present)
			continue;
		for (unsigned m = 0; m < s->d.n_mda; m++) {
			struct mda_plan *mp = &p->mdas[p->n_mdas];
			const struct md_area *a = &s->d.label.mda[m];
			bool ign = area_ignored(s, m);
			/* As lvm2: an area taken back into use starts afresh; one
			 * newly ignored gets this text, then keeps none. */
			bool fresh = s->is_new || s->d.hdr_err[m] || s->mda_moved[m] ||
				     (s->ign_changed[m] && !ign);

			/* As lvm2: a damaged area is left as it is (and warned about)
			 * until vgck --updatemetadata rewrites it. */
			if (s->mda_bad[m] && !s->is_new && !s->mda_moved[m] && !vg->repair)
				continue;

			if (ign && !s->ign_changed[m])
				continue;	/* lvm2 does not write ignored areas */
			if (fresh)
				md_mdah_init(&mp->hdr, a->offset, a->size);
			else
				mp->hdr = s->d.hdr[m];
			mp->ignored = ign;
			if (ign)
				mp->hdr.slot[0].flags |= MD_RAW_LOCN_IGNORED;
			if (md_place_next(mp->hdr.size, fresh ? NULL : &mp->hdr.slot[0], p->len,
					  &mp->place)) {
				log_err(vg->ctx, "VG %s metadata on %s (%zu bytes) exceeds maximum metadata "
					"size (%" PRIu64 " bytes)", vg->md->name, s->d.path, p->len,
					md_text_max(mp->hdr.size));
				return -ENOSPC;
			}
			mp->slot = i;
			mp->m = m;
			p->n_mdas++;
		}
	}
	if (!p->n_mdas) {
		log_err(vg->ctx, "VG %s has no usable metadata area on any present PV.", vg->md->name);
		return -ENOSPC;
	}
	return 0;
}

struct open_job {
	struct vol_vg *vg;
	struct plan *p;
};

static int open_one(size_t i, void *arg)
{
	struct open_job *job = arg;
	const struct pvslot *s = &job->vg->slots[i];
	int r;

	if (!s->present)
		return 0;
	r = io_open(&job->p->io[i], s->d.path, O_RDWR | (s->is_new ? O_EXCL : 0));
	if (r)
		log_err(job->vg->ctx, "Cannot open %s for writing: %s.", s->d.path,
			r == -EBUSY ? "it is in use" : strerror(-r));
	return r;
}

static int open_all(struct vol_vg *vg, struct plan *p)
{
	struct open_job job = { vg, p };
	uint32_t n = vg->md->n_pvs;

	if (!(p->io = calloc(n ? n : 1, sizeof(*p->io))))
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++)
		p->io[i].fd = -1;
	return io_parallel(vg->ctx, n, open_one, &job);
}

static int step_labels(struct vol_vg *vg, struct plan *p)
{
	unsigned k = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		struct pvslot *s = &vg->slots[i];
		int r = 0;

		if (!s->present || (!s->is_new && !s->relabel))
			continue;
		if (s->is_new) {
			r = wipe_signatures(vg->ctx, s->d.path);
			if (!r)
				r = pv_write_fresh(vg->ctx, &p->io[i], &s->layout, s->d.label.uuid, true,
						   false);
			if (!r)
				log_info(vg->ctx, "Physical volume \"%s\" successfully created.", s->d.path);
		} else {
			s->d.label.ext_version = MD_PV_EXT_VERSION;
			s->d.label.ext_flags |= MD_PV_EXT_USED;
			r = pv_write_label(vg->ctx, &p->io[i], &s->d.label, false);
		}
		if (r)
			return r;
		fault_point(vg->ctx, "label", k++);
	}
	return 0;
}

/* Writes one piece of text, zero-padded to the next sector. */
static int write_piece(struct iodev *io, uint64_t at, const char *data, uint64_t len)
{
	uint64_t padded = (len + MD_SECTOR - 1) / MD_SECTOR * MD_SECTOR;
	char *buf = io_alloc(padded);
	int r;

	if (!buf)
		return -ENOMEM;
	memset(buf + len, 0, padded - len);
	memcpy(buf, data, len);
	r = io_write(io, at, buf, padded);
	free(buf);
	return r;
}

static int write_text(struct plan *p, const struct mda_plan *mp)
{
	struct iodev *io = &p->io[mp->slot];
	uint64_t base = mp->hdr.start;
	uint64_t padded = (mp->place.len1 + MD_SECTOR - 1) / MD_SECTOR * MD_SECTOR;
	int r;

	/* The first piece starts the text: written from the plan's buffer, whose
	 * zeros pad it, with no copy (the second piece, if any, is copied). */
	if (padded <= p->cap && (!mp->place.len2 || padded == mp->place.len1))
		r = io_write(io, base + mp->place.offset, p->text, padded);
	else
		r = write_piece(io, base + mp->place.offset, p->text, mp->place.len1);

	if (!r && mp->place.len2) {
		/* the second piece starts on a sector of the buffer: also no copy */
		uint64_t padded2 = (mp->place.len2 + MD_SECTOR - 1) / MD_SECTOR * MD_SECTOR;

		if (!(mp->place.len1 % MD_SECTOR) && mp->place.len1 + padded2 <= p->cap)
			r = io_write(io, base + MD_MDA_HEADER_SIZE, p->text + mp->place.len1, padded2);
		else
			r = write_piece(io, base + MD_MDA_HEADER_SIZE, p->text + mp->place.len1,
					mp->place.len2);
	}
	return r;
}

static int write_header(struct plan *p, const struct mda_plan *mp)
{
	unsigned char *buf = io_alloc(MD_MDA_HEADER_SIZE);
	int r;

	if (!buf)
		return -ENOMEM;
	md_mdah_encode(&mp->hdr, buf);
	r = io_write(&p->io[mp->slot], mp->hdr.start, buf, MD_MDA_HEADER_SIZE);
	free(buf);
	return r;
}

enum phase { PH_PREPARE, PH_COMMIT };

struct phase_job {
	struct vol_vg *vg;
	struct plan *p;
	enum phase ph;
	int *errs;		/* commit: each PV's result, logged by commit_all */
};

/*
 * One PV's part of a phase, flush included, so that one device's flush
 * overlaps the next one's writes.  Prepare: its texts, then its headers
 * with slot 1 = the new text (precommit).  Commit: its headers with
 * slot 0 = the new text and slot 1 cleared.
 */
static int phase_pv(size_t i, void *arg)
{
	struct phase_job *job = arg;
	struct plan *p = job->p;
	const struct md_rlocn zero = { 0, 0, 0, 0 };
	bool any = false;
	int r = 0;

	for (size_t j = 0; j < p->n_mdas && !r; j++)
		if (p->mdas[j].slot == i && job->ph == PH_PREPARE)
			r = write_text(p, &p->mdas[j]);
	for (size_t j = 0; j < p->n_mdas && !r; j++) {
		struct mda_plan *mp = &p->mdas[j];
		struct md_rlocn nl = { mp->place.offset, p->len, p->crc, 0 };

		if (mp->slot != i)
			continue;
		any = true;
		if (job->ph == PH_PREPARE) {
			mp->hdr.slot[1] = nl;
		} else {
			mp->hdr.slot[0] = nl;
			mp->hdr.slot[1] = zero;
			if (mp->ignored)
				mp->hdr.slot[0].flags |= MD_RAW_LOCN_IGNORED;
		}
		r = write_header(p, mp);
	}
	/* Labels of new PVs were written before: this flush covers them too. */
	if (!r && (any || job->vg->slots[i].is_new || job->vg->slots[i].relabel))
		r = io_sync(&p->io[i]);
	if (r && job->ph == PH_COMMIT)
		job->errs[i] = r;
	else if (r)
		log_err(job->vg->ctx, "%s: writing metadata (text and precommit) failed: %s.",
			job->vg->slots[i].d.path, strerror(-r));
	return r;
}

static bool pv_has_areas(const struct plan *p, size_t i)
{
	for (size_t j = 0; j < p->n_mdas; j++)
		if (p->mdas[j].slot == i)
			return true;
	return false;
}

static void fault_points(struct vol_vg *vg, struct plan *p, const char *step)
{
	unsigned k = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (pv_has_areas(p, i))
			fault_point(vg->ctx, step, k++);
}

/*
 * Both phases go to all PVs at once: every commit pointer is written only
 * after every text is durable.  A crash during the commit phase can leave
 * any subset of PVs committed; readers take the highest seqno, so which
 * subset does not matter.  With a fault hook set (tests), the commits go
 * one PV after another instead, so that stopping after ("commit", k) leaves
 * exactly PVs 0..k committed: the prefixes stand for every subset.
 *
 * For the same reason a PV that fails its commit write or flush does not
 * undo the others: once one PV holds the new commit, the new VG is what
 * every reader (and lvm2) takes, so the commit stands, as lvm2's does when
 * one of its metadata areas commits, and the failing PVs are named in a
 * warning (their stale copy is what vgck --updatemetadata rewrites).  Only
 * when no PV committed does the commit fail.
 */
static int prepare_all(struct vol_vg *vg, struct plan *p)
{
	struct phase_job job = { vg, p, PH_PREPARE, NULL };
	int r = io_parallel(vg->ctx, vg->md->n_pvs, phase_pv, &job);

	if (r)
		return r;
	fault_points(vg, p, "text");
	fault_points(vg, p, "precommit");
	return 0;
}

/* After the commit phase: 0 if some PV committed (failures are warnings),
 * else the first failure, each one logged as an error. */
static int commit_verdict(struct vol_vg *vg, const struct plan *p, const int *errs)
{
	size_t ok = 0;
	int first = 0;

	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (pv_has_areas(p, i) && !errs[i])
			ok++;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		if (!errs[i])
			continue;
		first = first ? first : errs[i];
		if (ok)
			log_warn(vg->ctx, "%s: writing metadata (commit) failed: %s; VG %s seqno %" PRIu32
				 " is committed on its other PVs.", vg->slots[i].d.path,
				 strerror(-errs[i]), vg->md->name, vg->md->seqno);
		else
			log_err(vg->ctx, "%s: writing metadata (commit) failed: %s.",
				vg->slots[i].d.path, strerror(-errs[i]));
	}
	return ok ? 0 : first;
}

static int commit_all(struct vol_vg *vg, struct plan *p)
{
	struct phase_job job = { vg, p, PH_COMMIT, NULL };
	unsigned k = 0;
	int r;

	if (!(job.errs = p->commit_err = calloc(vg->md->n_pvs + 1, sizeof(*p->commit_err))))
		return -ENOMEM;
	if (!ctx_has_fault_hook(vg->ctx)) {
		io_parallel(vg->ctx, vg->md->n_pvs, phase_pv, &job);
		if (!(r = commit_verdict(vg, p, job.errs)))
			fault_points(vg, p, "commit");
		return r;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		if (!pv_has_areas(p, i))
			continue;
		phase_pv(i, &job);
		fault_point(vg->ctx, "commit", k++);
	}
	return commit_verdict(vg, p, job.errs);
}

/* After the commit the handle's copies of the headers are what is on disk
 * (a PV whose commit failed keeps the header it had). */
static void adopt_headers(struct vol_vg *vg, const struct plan *p)
{
	for (size_t j = 0; j < p->n_mdas; j++) {
		struct pvdev *d = &vg->slots[p->mdas[j].slot].d;

		if (p->commit_err && p->commit_err[p->mdas[j].slot])
			continue;
		d->hdr[p->mdas[j].m] = p->mdas[j].hdr;
		d->hdr_err[p->mdas[j].m] = 0;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vg->slots[i].is_new)
			vg->slots[i].d.label_err = 0;
}

/* Orphans every PV in @slots (all opened first, one flush at the end). */
static int orphan_all(struct vol_ctx *ctx, struct pvslot *slots, size_t n, unsigned *k)
{
	struct iodev *io = calloc(n ? n : 1, sizeof(*io));
	int r = 0;

	if (!io)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		io[i].fd = -1;
	for (size_t i = 0; i < n && !r; i++)
		if (slots[i].present && (r = io_open(&io[i], slots[i].d.path, O_RDWR)))
			log_err(ctx, "Cannot open %s for writing: %s.", slots[i].d.path, strerror(-r));
	for (size_t i = 0; i < n && !r; i++) {
		if (!slots[i].present)
			continue;
		if ((r = pv_write_orphan(ctx, &io[i], &slots[i].d)))
			break;
		fault_point(ctx, "orphan", (*k)++);
	}
	if (!r)
		r = io_sync_all(ctx, io, n);
	for (size_t i = 0; i < n; i++)
		io_close(&io[i]);
	free(io);
	return r;
}

/* A file written on a thread of its own while the devices are written. */
struct file_job {
	struct vol_vg *vg;
	struct plan *p;
	struct afile f;
	int r;
	pthread_t tid;
	bool threaded;
};

static void *archive_thread(void *arg)
{
	struct file_job *a = arg;

	a->r = archive_vg_write(a->vg, &a->p->prune);
	return NULL;
}

static void *prune_thread(void *arg)
{
	struct file_job *j = arg;

	archive_prune(&j->p->prune);
	return NULL;
}

static void *backup_thread(void *arg)
{
	struct file_job *b = arg;

	b->r = backup_begin(b->vg->ctx, b->vg->md->name, b->p->body.p, b->p->body.len, &b->f);
	return NULL;
}

static void file_start(struct file_job *j, void *(*fn)(void *))
{
	j->threaded = !pthread_create(&j->tid, NULL, fn, j);
	if (!j->threaded)
		fn(j);
}

static void file_wait(struct file_job *j)
{
	if (j->threaded)
		pthread_join(j->tid, NULL);
	j->threaded = false;
}

/*
 * The files a commit writes beside the devices, each on a thread of its
 * own, each queueing its messages until it is joined:
 *  - the archive of the old metadata, from the start (it needs nothing of
 *    the new): it must be durable before any commit pointer moves;
 *  - the backup of the new metadata, under a temporary name, from the time
 *    its text exists, and renamed into place once the commit is durable;
 *  - the pruning of expired archives, beside the commit itself.
 * Not while LVs are suspended (a live change: the files may live on one of
 * them; vg->archived), and no backup for a rename (the caller moves the old
 * backup): the caller writes those files then.
 */
struct files {
	struct file_job a, b, pr;
	bool archive, backup;	/* wanted */
	bool a_on, b_on, pr_on;	/* started, not yet joined */
};

static void files_init(struct files *f, struct vol_vg *vg, struct plan *p)
{
	bool live = !vg->ctx->test_mode && !vg->archived;

	*f = (struct files){ .a = { .vg = vg, .p = p }, .b = { .vg = vg, .p = p },
			     .pr = { .vg = vg, .p = p } };
	f->archive = live && vg->old;
	f->backup = live && vg->ctx->backup && !vg->old_name;
}

static void job_start(struct vol_ctx *ctx, struct file_job *j, bool *on, void *(*fn)(void *))
{
	log_queue_begin(ctx);
	*on = true;
	file_start(j, fn);
}

static void job_wait(struct vol_ctx *ctx, struct file_job *j, bool *on)
{
	if (!*on)
		return;
	file_wait(j);
	*on = false;
	log_queue_flush(ctx);
}

/*
 * Texts, labels and precommits (step 1 and 2), while the archive is
 * written: no archive, no commit (the old metadata is still current).
 */
static int prepare_phase(struct vol_vg *vg, struct plan *p, struct files *f)
{
	int r = step_labels(vg, p);

	if (!r)
		r = prepare_all(vg, p);
	job_wait(vg->ctx, &f->a, &f->a_on);
	if (!r && f->archive && f->a.r)
		r = f->a.r;
	return r;
}

/* The commit (step 3), while the backup is finished and archives pruned. */
static int commit_phase(struct vol_vg *vg, struct plan *p, struct files *f)
{
	int r;

	if (p->prune.dir)
		job_start(vg->ctx, &f->pr, &f->pr_on, prune_thread);
	r = commit_all(vg, p);
	job_wait(vg->ctx, &f->b, &f->b_on);
	job_wait(vg->ctx, &f->pr, &f->pr_on);
	if (f->backup && !f->b.r) {
		backup_end(vg->ctx, &f->b.f, !r);
		vg->backed_up = !r;
	}
	return r;
}

/* Whatever still runs joined, and a backup that did not end removed; with
 * @discard (a commit that stopped short of writing anything) the archive
 * too, as if it had never begun. */
static void files_abort(struct vol_vg *vg, struct files *f, bool discard)
{
	bool b = f->b_on;

	job_wait(vg->ctx, &f->a, &f->a_on);
	job_wait(vg->ctx, &f->b, &f->b_on);
	job_wait(vg->ctx, &f->pr, &f->pr_on);
	if (b && !f->b.r)
		backup_end(vg->ctx, &f->b.f, false);
	if (discard && f->archive && !f->a.r)
		archive_discard(&f->a.p->prune);
}

/* After the commit, the body is what vg->old's text is. */
static void keep_body(struct vol_vg *vg, struct plan *p)
{
	free(vg->old_body);
	vg->old_body = p->body.p;
	vg->old_body_len = p->body.len;
	vg->old_body_ours = true;
	md_buf_init(&p->body);
}

int commit_vg(struct vol_vg *vg)
{
	struct plan p = { 0 };
	struct files f;
	unsigned k = 0;
	int r;

	files_init(&f, vg, &p);
	if (f.archive)
		job_start(vg->ctx, &f.a, &f.a_on, archive_thread);
	if ((r = build_text(vg, &p)) || (r = plan_areas(vg, &p)))
		goto early;
	if (vg->ctx->test_mode) {
		log_info(vg->ctx, "Test mode: VG %s metadata seqno %" PRIu32 " (%zu bytes) not written "
			 "to its %zu metadata areas.", vg->md->name, vg->md->seqno, p.len, p.n_mdas);
		goto out;
	}
	if (f.backup)
		job_start(vg->ctx, &f.b, &f.b_on, backup_thread);
	if ((r = open_all(vg, &p)))
		goto early;
	log_verbose(vg->ctx, "Writing metadata for VG %s (seqno %" PRIu32 ", %zu bytes) to %zu areas",
		    vg->md->name, vg->md->seqno, p.len, p.n_mdas);
	r = prepare_phase(vg, &p, &f);
	if (!r)
		r = commit_phase(vg, &p, &f);
	files_abort(vg, &f, false);	/* after a failed prepare: the backup; the archive stays */
	if (r)
		goto out;
	adopt_headers(vg, &p);
	keep_body(vg, &p);
	free_plan(&p, vg->md->n_pvs);
	memset(&p, 0, sizeof(p));
	r = orphan_all(vg->ctx, vg->gone, vg->n_gone, &k);
	goto out;
early:
	files_abort(vg, &f, true);
out:
	free_plan(&p, vg->md->n_pvs);
	return r;
}

int commit_remove(struct vol_vg *vg)
{
	unsigned k = 0;
	int r;

	if (vg->ctx->test_mode) {
		log_info(vg->ctx, "Test mode: VG %s not removed from its PVs.", vg->md->name);
		return 0;
	}
	r = orphan_all(vg->ctx, vg->slots, vg->md->n_pvs, &k);

	/* Ex-members still holding old metadata would bring the VG back. */
	return r ? r : orphan_all(vg->ctx, vg->gone, vg->n_gone, &k);
}
