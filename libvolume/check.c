/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What is wrong with the metadata copies of a VG.  One classifier serves
 * both the warnings at open and vol_vg_check().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "vgobj.h"

enum copy_problem {
	CP_NONE,
	CP_STALE,	/* a valid copy with a lower seqno */
	CP_DIFFERS,	/* a valid copy at the winner's seqno with other contents */
	CP_BAD_HEADER,	/* the area's header is unreadable or corrupt */
	CP_BAD_TEXT,	/* the committed text is unreadable, corrupt or unparseable */
	CP_OTHER_VG,	/* a member's area holds another VG's metadata */
};

/* Classifies metadata area @m of device @d against VG @g. */
static enum copy_problem classify(const struct svg *g, const struct sdev *d, unsigned m)
{
	const struct mda_text *t = &d->t[m];
	bool ours = t->vg && !strcmp(t->vg->id, g->id);

	if (ours && t->vg->seqno < g->best->seqno)
		return CP_STALE;
	if (ours && t->vg != g->best)
		return CP_DIFFERS;
	if (d->vg != g)
		return CP_NONE;
	if (d->d.hdr_err[m])
		return CP_BAD_HEADER;
	if (t->err)
		return CP_BAD_TEXT;
	if (t->vg && !ours)
		return CP_OTHER_VG;
	return CP_NONE;
}

/* The problem of area @m of @d, in a sentence; false if there is none. */
static bool describe(const struct svg *g, const struct sdev *d, unsigned m, char *buf, size_t len)
{
	const struct mda_text *t = &d->t[m];

	switch (classify(g, d, m)) {
	case CP_NONE:
		return false;
	case CP_STALE:
		snprintf(buf, len, "ignoring metadata seqno %" PRIu32 " on %s for seqno %" PRIu32
			 " on %s for VG %s.", t->vg->seqno, d->d.path, g->best->seqno,
			 g->best_dev->d.path, g->name);
		break;
	case CP_DIFFERS:
		snprintf(buf, len, "metadata on %s differs from %s at the same seqno %" PRIu32
			 " for VG %s.", d->d.path, g->best_dev->d.path, g->best->seqno, g->name);
		break;
	case CP_BAD_HEADER:
		snprintf(buf, len, "bad metadata area header %u on PV %s: %s.", m + 1, d->d.path,
			 d->d.hdr_why[m]);
		break;
	case CP_BAD_TEXT:
		snprintf(buf, len, "bad metadata text in area %u on PV %s: %s.", m + 1, d->d.path,
			 t->why);
		break;
	case CP_OTHER_VG:
		snprintf(buf, len, "PV %s of VG %s carries metadata of VG %s.", d->d.path, g->name,
			 t->vg->name);
		break;
	}
	return true;
}

void warn_copies(struct vol_ctx *ctx, const struct svg *g)
{
	const struct sdev *d;
	char msg[512];

	bool any = false;

	for (size_t i = 0; (d = scan_dev(ctx, i)); i++)
		for (unsigned m = 0; m < d->d.n_mda; m++)
			if (classify(g, d, m) != CP_BAD_HEADER && classify(g, d, m) != CP_BAD_TEXT &&
			    describe(g, d, m, msg, sizeof(msg))) {	/* the scan told of those */
				log_warn(ctx, "%s", msg);
				any = true;
			}
	if (any)	/* lvm2's summary, with its pointer to the repair */
		log_warn_once(ctx, VOL_MSG_VG_INCONSISTENT, g->name,
			      "Inconsistent metadata found for VG %s.", g->name);
}

static void report(void (*fn)(const struct vol_problem *, void *), void *usrptr,
		   const char *dev, unsigned area, const char *text, bool fatal)
{
	struct vol_problem p = { dev, area, text, fatal };

	if (fn)
		fn(&p, usrptr);
}

VOL_EXPORT int vol_vg_check(struct vol_vg *vg, void (*fn)(const struct vol_problem *p, void *usrptr),
			    void *usrptr)
{
	struct vol_ctx *ctx = vg->ctx;
	const struct sdev *d;
	struct svg *g;
	char msg[512];
	int n = 0;

	if (scan_run(ctx) || scan_find_vg(ctx, vg->uuid, &g))
		return -EIO;
	for (size_t i = 0; (d = scan_dev(ctx, i)); i++) {
		for (unsigned m = 0; m < d->d.n_mda; m++)
			if (describe(g, d, m, msg, sizeof(msg))) {
				report(fn, usrptr, d->d.path, m + 1, msg, false);
				n++;
			}
		if (d->vg == g && !(d->d.label.ext_flags & MD_PV_EXT_USED)) {
			snprintf(msg, sizeof(msg), "PV %s in VG %s is missing the used flag in PV "
				 "header.", d->d.path, g->name);
			report(fn, usrptr, d->d.path, 0, msg, false);
			n++;
		}
	}
	if (md_vg_unknown_status(g->best)) {
		snprintf(msg, sizeof(msg), "VG %s has status flag '%s' that lvm2 cannot read.",
			 g->name, md_vg_unknown_status(g->best));
		report(fn, usrptr, NULL, 0, msg, true);
		n++;
	}
	for (size_t i = 0; i < vg->pvh.n; i++) {
		const struct vol_pv *pv = vg->pvh.v[i];

		if (vol_pv_is_missing(pv)) {
			snprintf(msg, sizeof(msg), "PV %s is missing.", pv->uuid);
			report(fn, usrptr, NULL, 0, msg, true);
			n++;
		}
	}
	return n;
}
