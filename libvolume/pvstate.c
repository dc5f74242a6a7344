/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What each PV device of a scan is, once its copies are grouped into VGs.
 * Nothing we cannot read is ever free:
 *   member      it serves its PV in a VG (of two devices with the same PV
 *               UUID, the one lvm2 prefers: the name the metadata last
 *               saw, else the size it records, else the first found);
 *   duplicate   another device serves the same PV;
 *   outdated    its copy is of a VG that has since dropped it (removed while
 *               missing): a later seqno elsewhere does not list it;
 *   unreadable  a metadata area we cannot read, or a PV marked used whose
 *               VG is nowhere;
 *   free        an orphan.
 * Every command that scans warns about the unusual ones, once.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "scan.h"

/* How well device @d matches PV @p of @vg, for choosing between twins. */
static int preference(const struct sdev *d, const struct md_pv *p, const char **why)
{
	if (p->device && !strcmp(p->device, d->d.path)) {
		*why = "device name matches previous";
		return 2;
	}
	if (p->dev_size && p->dev_size * MD_SECTOR == d->d.size) {
		*why = "device size is correct";
		return 1;
	}
	*why = "device was seen first";
	return 0;
}

static void warn_twin(struct vol_ctx *ctx, const struct sdev *chosen, const struct sdev *other,
		      const char *why)
{
	char id[MD_UUID_STR_SIZE];

	md_uuid_format(chosen->d.label.uuid, id);
	log_warn_once(ctx, VOL_MSG_PV_DUPLICATE, other->d.path, "Not using device %s for PV %s.",
		      other->d.path, id);
	log_warn_once(ctx, VOL_MSG_PV_DUPLICATE, other->d.path, "PV %s prefers device %s because %s.",
		      id, chosen->d.path, why);
}

/* Gives PV @p of VG @g its device; the other devices with its UUID become duplicates. */
static void claim(struct vol_ctx *ctx, struct scan *s, struct svg *g, const struct md_pv *p)
{
	struct sdev *best = NULL, *first = scan_first_uuid(s, p->id);
	const char *why = NULL, *w;
	int score = -1;

	/* A PV on one device only: that device, without a pass over them all. */
	if (first && !first->duplicate) {
		if (first->is_pv && first->state == PVS_NONE)
			best = first;
	}
	for (size_t i = 0; first && first->duplicate && i < s->n_devs; i++) {
		struct sdev *d = &s->devs[i];
		int sc;

		if (!d->is_pv || d->state != PVS_NONE || strcmp(d->d.label.uuid, p->id))
			continue;
		if ((sc = preference(d, p, &w)) > score) {
			best = d;
			score = sc;
			why = w;
		}
	}
	if (!best)
		return;
	best->vg = g;
	best->state = PVS_MEMBER;
	for (unsigned m = 0; m < best->d.n_mda; m++)
		if (best->d.hdr_err[m] || best->t[m].err ||
		    (best->t[m].vg && strcmp(best->t[m].vg->id, g->id)))
			g->inconsistent = true;
	for (size_t i = 0; best->duplicate && i < s->n_devs; i++) {
		struct sdev *d = &s->devs[i];

		if (d != best && d->is_pv && d->state == PVS_NONE && !strcmp(d->d.label.uuid, p->id)) {
			d->state = PVS_DUPLICATE;
			d->other_vg = g;
			warn_twin(ctx, best, d, why);
		}
	}
}

/* The VG that dropped device @d: a copy of it on @d, beaten by a later seqno without @d. */
static struct svg *dropped_by(struct scan *s, const struct sdev *d, uint32_t *seqno)
{
	for (unsigned m = 0; m < d->d.n_mda; m++) {
		const struct md_vg *c = d->t[m].vg;

		for (size_t v = 0; c && v < s->n_vgs; v++) {
			struct svg *g = &s->vgs[v];

			if (strcmp(g->id, c->id) || g->best == c || g->best->seqno <= c->seqno ||
			    md_vg_find_pv(g->best, d->d.label.uuid) >= 0)
				continue;
			*seqno = c->seqno;
			return g;
		}
	}
	return NULL;
}

/* Why @d's metadata cannot be used, or NULL. */
static const char *unreadable(const struct sdev *d)
{
	for (unsigned m = 0; m < d->d.n_mda; m++) {
		if (d->d.hdr_err[m])
			return "bad metadata header";
		if (d->t[m].err)
			return "bad metadata text";
		if (d->t[m].vg)
			return "metadata of a VG that does not list it";
	}
	if (d->d.label.ext_flags & MD_PV_EXT_USED)
		return "marked in use but no VG was found using it";
	return NULL;
}

static void warn_outdated(struct vol_ctx *ctx, const struct sdev *d)
{
	const struct svg *g = d->other_vg;

	log_warn_once(ctx, VOL_MSG_OTHER, g->name, "ignoring metadata seqno %" PRIu32 " on %s for "
		      "seqno %" PRIu32 " on %s for VG %s.", d->seqno, d->d.path, g->best->seqno,
		      g->best_dev->d.path, g->name);
	log_warn_once(ctx, VOL_MSG_VG_INCONSISTENT, g->name, "Inconsistent metadata found for VG %s.",
		      g->name);
	log_warn_once(ctx, VOL_MSG_PV_OUTDATED, d->d.path, "outdated PV %s seqno %" PRIu32 " has been "
		      "removed in current VG %s seqno %" PRIu32 ".", d->d.path, d->seqno, g->name,
		      g->best->seqno);
}

void pv_warn_in_use(struct vol_ctx *ctx, const struct sdev *d)
{
	if (!(d->d.label.ext_flags & MD_PV_EXT_USED))
		return;
	log_warn_once(ctx, VOL_MSG_PV_UNREADABLE, d->d.path, "PV %s is marked in use but no VG was "
		      "found using it.", d->d.path);
	log_warn_once(ctx, VOL_MSG_PV_UNREADABLE, d->d.path, "PV %s might need repairing.", d->d.path);
}

/* What is wrong with an mda header, in lvm2's words where it has some. */
static const char *header_fault(const struct md_mdah *h, uint64_t at, const char *why, char *buf,
				size_t len)
{
	if (h->checksum != h->checksum_calc)
		snprintf(buf, len, "wrong checksum %" PRIx32, h->checksum);
	else if (memcmp(h->magic, md_mda_magic, sizeof(md_mda_magic)))
		snprintf(buf, len, "wrong magic number");
	else if (h->version != MD_MDA_VERSION)
		snprintf(buf, len, "wrong version %" PRIu32, h->version);
	else if (h->start != at)
		snprintf(buf, len, "wrong start sector %" PRIu64, h->start);
	else
		return why;
	return buf;
}

/*
 * lvm2's words for each area we could not read, on every command that
 * scans the device, whether or not another copy supplies the VG.  True if
 * there was one.
 */
static bool warn_bad_areas(struct vol_ctx *ctx, const struct sdev *d)
{
	bool bad = false;

	for (unsigned m = 0; m < d->d.n_mda; m++) {
		uint64_t at = d->d.label.mda[m].offset;

		bad |= d->d.hdr_err[m] || d->t[m].err;
		if (d->d.hdr_err[m]) {
			char what[64];

			log_warn_once(ctx, VOL_MSG_OTHER, d->d.path, "%s in mda header on %s at %" PRIu64 ".",
				      header_fault(&d->d.hdr[m], at, d->d.hdr_why[m], what, sizeof(what)),
				      d->d.path, at);
			log_warn_once(ctx, VOL_MSG_OTHER, d->d.path, "bad metadata header on %s at %" PRIu64
				      ".", d->d.path, at);
		} else if (d->t[m].err) {
			log_warn_once(ctx, VOL_MSG_OTHER, d->d.path, "%s on %s at offset %" PRIu64 ".",
				      d->t[m].err == -EBADMSG && !strcmp(d->t[m].why,
						"metadata text checksum mismatch") ? "Checksum error"
						: d->t[m].why, d->d.path,
				      at + d->d.hdr[m].slot[0].offset);
			log_warn_once(ctx, VOL_MSG_OTHER, d->d.path, "bad metadata text on %s in mda%u",
				      d->d.path, m + 1);
		}
	}
	return bad;
}

/* An unreadable PV: what its areas say, then what it means for the PV (a
 * PV that is only marked used is mentioned where it is listed). */
static void warn_unreadable(struct vol_ctx *ctx, const struct sdev *d)
{
	if (warn_bad_areas(ctx, d))
		pv_warn_in_use(ctx, d);
}

/* A PV in no VG: a twin of another loose PV, outdated, unreadable or free. */
static void classify_loose(struct vol_ctx *ctx, struct scan *s, struct sdev *d)
{
	for (size_t i = 0; d->duplicate && i < s->n_devs && &s->devs[i] != d; i++)
		if (s->devs[i].is_pv && !strcmp(s->devs[i].d.label.uuid, d->d.label.uuid) &&
		    s->devs[i].state != PVS_DUPLICATE) {
			d->state = PVS_DUPLICATE;
			warn_twin(ctx, &s->devs[i], d, "device was seen first");
			return;
		}
	if ((d->other_vg = dropped_by(s, d, &d->seqno))) {
		d->state = PVS_OUTDATED;
		warn_outdated(ctx, d);
	} else if ((d->problem = unreadable(d))) {
		d->state = PVS_UNREADABLE;
		warn_unreadable(ctx, d);
	} else {
		d->state = PVS_FREE;
	}
}

/*
 * lvm2 refuses a VG with a status word it does not know, and its PVs then
 * vanish from its reports.  We read such a VG, read-only, so its PVs stay
 * in use; the warning says why lvm2 disagrees and what recovers it.
 */
static void warn_unknown_status(struct vol_ctx *ctx, const struct svg *g)
{
	const char *w = md_vg_unknown_status(g->best);

	if (w)
		log_warn_once(ctx, VOL_MSG_OTHER, g->name, "VG %s on %s has status flag '%s' that "
			      "lvm2 does not know: the VG is read-only and lvm2 cannot read it "
			      "(vgcfgrestore of a backup recovers it).", g->name,
			      g->best_dev ? g->best_dev->d.path : "?", w);
}

int scan_classify(struct vol_ctx *ctx, struct scan *s)
{
	for (size_t v = 0; v < s->n_vgs; v++) {
		warn_unknown_status(ctx, &s->vgs[v]);
		for (uint32_t p = 0; p < s->vgs[v].best->n_pvs; p++)
			claim(ctx, s, &s->vgs[v], &s->vgs[v].best->pvs[p]);
	}
	for (size_t i = 0; i < s->n_devs; i++)
		if (s->devs[i].is_pv && s->devs[i].state == PVS_NONE)
			classify_loose(ctx, s, &s->devs[i]);
		else if (s->devs[i].is_pv && s->devs[i].state == PVS_MEMBER)
			warn_bad_areas(ctx, &s->devs[i]);	/* the VG comes from another copy */
	return 0;
}
