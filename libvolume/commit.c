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
	char *text;		/* aligned copy, NUL included */
	size_t len;
	uint32_t crc;
};

static int build_text(struct vol_vg *vg, struct plan *p)
{
	struct md_export_opts o;
	struct md_buf b;
	char desc[PATH_MAX + 32];
	int r;

	snprintf(desc, sizeof(desc), "Write from %s.", ctx_command(vg->ctx));
	export_opts(vg->ctx, &o, desc);
	md_buf_init(&b);
	if ((r = md_vg_export(vg->md, MD_FORM_DISK, &o, &b))) {
		md_buf_free(&b);
		return r;
	}
	p->len = b.len + 1;	/* the NUL is part of the text on disk */
	p->text = io_alloc(p->len);
	if (p->text)
		memcpy(p->text, b.p, p->len);
	md_buf_free(&b);
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
}

/* Places the text in every area before anything is written: a full area
 * fails the commit with nothing changed. */
static int plan_areas(struct vol_vg *vg, struct plan *p)
{
	uint32_t n = vg->md->n_pvs;

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
			bool ign = !s->d.hdr_err[m] && (s->d.hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED);
			/* As lvm2: an area taken back into use starts afresh; one
			 * newly ignored gets this text, then keeps none. */
			bool fresh = s->is_new || s->d.hdr_err[m] || s->mda_moved[m] ||
				     (s->ign_changed[m] && !ign);

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
	int r = write_piece(io, base + mp->place.offset, p->text, mp->place.len1);

	if (!r && mp->place.len2)
		r = write_piece(io, base + MD_MDA_HEADER_SIZE, p->text + mp->place.len1, mp->place.len2);
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
	if (r)
		log_err(job->vg->ctx, "%s: writing metadata (%s) failed: %s.", job->vg->slots[i].d.path,
			job->ph == PH_PREPARE ? "text and precommit" : "commit", strerror(-r));
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
 */
static int prepare_all(struct vol_vg *vg, struct plan *p)
{
	struct phase_job job = { vg, p, PH_PREPARE };
	int r = io_parallel(vg->ctx, vg->md->n_pvs, phase_pv, &job);

	if (r)
		return r;
	fault_points(vg, p, "text");
	fault_points(vg, p, "precommit");
	return 0;
}

static int commit_all(struct vol_vg *vg, struct plan *p)
{
	struct phase_job job = { vg, p, PH_COMMIT };
	unsigned k = 0;
	int r;

	if (!ctx_has_fault_hook(vg->ctx)) {
		if ((r = io_parallel(vg->ctx, vg->md->n_pvs, phase_pv, &job)))
			return r;
		fault_points(vg, p, "commit");
		return 0;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		if (!pv_has_areas(p, i))
			continue;
		if ((r = phase_pv(i, &job)))
			return r;
		fault_point(vg->ctx, "commit", k++);
	}
	return 0;
}

/* After the commit the handle's copies of the headers are what is on disk. */
static void adopt_headers(struct vol_vg *vg, const struct plan *p)
{
	for (size_t j = 0; j < p->n_mdas; j++) {
		struct pvdev *d = &vg->slots[p->mdas[j].slot].d;

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

struct archive_job {
	struct vol_ctx *ctx;
	const struct md_vg *old;
	int r;
};

static void *archive_thread(void *arg)
{
	struct archive_job *a = arg;

	a->r = archive_write(a->ctx, a->old);
	return NULL;
}

int commit_vg(struct vol_vg *vg)
{
	struct plan p = { 0 };
	int r;

	if ((r = build_text(vg, &p)) || (r = plan_areas(vg, &p)))
		goto out;
	if (vg->ctx->test_mode) {
		log_info(vg->ctx, "Test mode: VG %s metadata seqno %" PRIu32 " (%zu bytes) not written "
			 "to its %zu metadata areas.", vg->md->name, vg->md->seqno, p.len, p.n_mdas);
		goto out;
	}
	if ((r = open_all(vg, &p)))
		goto out;
	log_verbose(vg->ctx, "Writing metadata for VG %s (seqno %" PRIu32 ", %zu bytes) to %zu areas",
		    vg->md->name, vg->md->seqno, p.len, p.n_mdas);
	/* The archive of the old metadata is written while the texts go out; it
	 * must be complete before any commit pointer moves. */
	{
		const struct md_vg *old = vg->archived ? NULL : vg->old;
		struct archive_job a = { vg->ctx, old, 0 };
		pthread_t tid;
		bool threaded;

		log_queue_begin(vg->ctx);	/* the archive thread logs too */
		threaded = old && !pthread_create(&tid, NULL, archive_thread, &a);
		if (old && !threaded)
			archive_thread(&a);
		r = step_labels(vg, &p);
		if (!r)
			r = prepare_all(vg, &p);
		if (threaded)
			pthread_join(tid, NULL);
		log_queue_flush(vg->ctx);
		if (!r && a.r)
			r = a.r;	/* no archive, no commit: the old metadata is still current */
	}
	if (r || (r = commit_all(vg, &p)))
		goto out;
	adopt_headers(vg, &p);
	free_plan(&p, vg->md->n_pvs);
	memset(&p, 0, sizeof(p));
	{
		unsigned k = 0;

		r = orphan_all(vg->ctx, vg->gone, vg->n_gone, &k);
	}
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
