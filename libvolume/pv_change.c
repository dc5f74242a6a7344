/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvchange: a PV's allocatability, tags, metadata areas in use, and UUID.
 * A PV of a VG opened for writing changes in the VG handle, and
 * vol_vg_commit() writes it (a new UUID goes into the label first, as lvm2
 * writes it).  An orphan PV has no VG metadata to hold the change: its
 * label and metadata area headers are rewritten at once, under the global
 * lock.  lvm2 keeps no tags or allocatability for orphans; neither do we.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ctx.h"
#include "devicesfile.h"
#include "hints.h"
#include "lock.h"
#include "lvedit.h"
#include "pvinit.h"
#include "vgobj.h"

VOL_EXPORT int vol_tag_check(const char *tag, const char **why)
{
	const char *dummy;

	return md_tag_check(tag ? tag : "", why ? why : &dummy);
}

static const char *pv_path(const struct vol_pv *pv)
{
	return pv->has_dev ? pv->dev.path : "[unknown]";
}

/* The model entry of a member PV that may be edited; NULL (and *r) if not. */
static struct md_pv *member(struct vol_pv *pv, int *r)
{
	if (pv->idx < 0) {
		log_err(pv->ctx, "Physical volume %s is no longer in volume group %s.", pv_path(pv),
			pv->vg->md->name);
		*r = -ENOENT;
		return NULL;
	}
	if ((*r = need_write(pv->vg)))
		return NULL;
	return &pv->vg->md->pvs[pv->idx];
}

VOL_EXPORT int vol_pv_set_allocatable(struct vol_pv *pv, bool on)
{
	struct md_pv *p;
	int r;

	if (!pv->vg) {
		log_err(pv->ctx, "Allocatability not supported by orphan lvm2 format PV %s", pv_path(pv));
		return -EINVAL;
	}
	if (!(p = member(pv, &r)))
		return r;
	if (on)
		p->status.known |= MD_PV_ALLOCATABLE;
	else
		p->status.known &= ~(uint32_t)MD_PV_ALLOCATABLE;
	return vg_sync_handles(pv->vg);
}

static int tag_edit(struct vol_pv *pv, const char *tag, bool add)
{
	const char *why;
	struct md_pv *p;
	int r;

	if (!pv->vg) {
		log_err(pv->ctx, "Can't change tag on Physical Volume %s not in volume group", pv_path(pv));
		return -EINVAL;
	}
	if (!(p = member(pv, &r)))
		return r;
	if (md_tag_check(tag, &why)) {
		log_err(pv->ctx, "Invalid tag \"%s\": %s.", tag, why);
		return -EINVAL;
	}
	if (add)
		r = md_strv_add(pv->vg->arena, &p->tags, tag);
	else if (!md_strv_del(&p->tags, tag))
		log_verbose(pv->ctx, "Tag %s not found on physical volume %s.", tag, pv_path(pv));
	return r ? r : vg_sync_handles(pv->vg);
}

VOL_EXPORT int vol_pv_add_tag(struct vol_pv *pv, const char *tag)
{
	return tag_edit(pv, tag, true);
}

VOL_EXPORT int vol_pv_del_tag(struct vol_pv *pv, const char *tag)
{
	return tag_edit(pv, tag, false);
}

/* ---------------------------------------------------------------- metadata areas */

static bool area_ignored(const struct pvdev *d, unsigned m)
{
	return !d->hdr_err[m] && (d->hdr[m].slot[0].flags & MD_RAW_LOCN_IGNORED);
}

static unsigned areas_in_use(const struct pvdev *d)
{
	unsigned n = 0;

	for (unsigned m = 0; m < d->n_mda; m++)
		n += !area_ignored(d, m);
	return n;
}

static void set_ignored(struct pvdev *d, unsigned m, bool ignored)
{
	if (ignored)
		d->hdr[m].slot[0].flags |= MD_RAW_LOCN_IGNORED;
	else
		d->hdr[m].slot[0].flags &= ~(uint32_t)MD_RAW_LOCN_IGNORED;
}

/* lvm2's refusals, in its order and words. */
static int check_ignore(struct vol_ctx *ctx, const struct pvdev *d, bool ignored)
{
	unsigned used = areas_in_use(d);

	if (ignored && !used) {
		log_err(ctx, "Metadata areas on physical volume \"%s\" already ignored.", d->path);
		return -EALREADY;
	}
	if (!ignored && used == d->n_mda) {
		log_err(ctx, "Metadata areas on physical volume \"%s\" already marked as in-use.",
			d->path);
		return -EALREADY;
	}
	if (!d->n_mda) {
		log_err(ctx, "Physical volume \"%s\" has no metadata areas.", d->path);
		return -EINVAL;
	}
	return 0;
}

/* A VG with a managed number of copies takes the count this change makes. */
static int adopt_copies(struct vol_vg *vg, unsigned flags)
{
	struct md_vg *m = vg->md;
	char q[256];

	if (!m->metadata_copies)
		return 0;
	snprintf(q, sizeof(q), "Override preferred number of copies of VG %s metadata?", m->name);
	if (!(flags & VOL_FORCE) &&
	    !confirm(vg->ctx, &(struct vol_confirm_info){ .kind = VOL_Q_MDA_COPIES, .question = q,
							  .vg = m->name })) {
		log_verbose(vg->ctx, "Preferred number of copies of VG %s metadata not overridden.",
			    m->name);
		return -ECANCELED;
	}
	return 0;
}

static int member_ignore(struct vol_pv *pv, bool ignored, unsigned flags)
{
	struct vol_vg *vg = pv->vg;
	struct pvslot *s;
	int r;

	if (!member(pv, &r))
		return r;
	s = &vg->slots[pv->idx];
	if (!s->present) {
		log_err(pv->ctx, "Physical volume %s is missing.", pv_path(pv));
		return -ENODEV;
	}
	if ((r = adopt_copies(vg, flags)) || (r = check_ignore(pv->ctx, &s->d, ignored)))
		return r;
	if (ignored && areas_in_use(&s->d) == vol_vg_mda_used_count(vg)) {
		log_err(pv->ctx, "Cannot disable all metadata areas in volume group %s.", vg->md->name);
		return -EINVAL;
	}
	for (unsigned m = 0; m < s->d.n_mda; m++)
		if (area_ignored(&s->d, m) != ignored) {
			set_ignored(&s->d, m, ignored);
			s->ign_changed[m] = !s->ign_changed[m];
		}
	if (vg->md->metadata_copies) {
		unsigned now;

		vg_sync_handles(vg);
		now = vol_vg_mda_used_count(vg);
		log_warn(pv->ctx, "Changing preferred number of copies of VG %s metadata from %" PRIu32
			 " to %u", vg->md->name, vg->md->metadata_copies, now);
		vg->md->metadata_copies = now;
	}
	return vg_sync_handles(vg);
}

/* ---------------------------------------------------------------- orphans */

typedef int orphan_edit_fn(struct vol_ctx *ctx, struct pvdev *d, const void *arg);

/* An orphan that is marked used but whose VG cannot be read (or any other
 * PV that only looks free) is changed only with VOL_FORCE_MEMBER. */
static int orphan_free(struct vol_ctx *ctx, const struct sdev *s, unsigned flags)
{
	if (s->state == PVS_FREE)
		return 0;
	if (s->state == PVS_UNREADABLE && (flags & VOL_FORCE_MEMBER))
		return 0;
	if (s->state == PVS_UNREADABLE && (s->d.label.ext_flags & MD_PV_EXT_USED))
		log_code(ctx, VOL_LOG_ERROR, VOL_MSG_PV_IN_USE, s->d.path,
			 "PV %s is used by a VG but its metadata is missing.", s->d.path);
	else if (s->state == PVS_DUPLICATE || s->duplicate)
		log_err(ctx, "Cannot use device %s with duplicates.", s->d.path);
	else
		log_err(ctx, "Physical volume %s is not an orphan any more.", s->d.path);
	return s->state == PVS_DUPLICATE ? -ENOTUNIQ : -EBUSY;
}

/* Under the global lock: the orphan as it is now, edited by @fn, written. */
static int orphan_rewrite_locked(struct vol_pv *pv, unsigned flags, orphan_edit_fn *fn,
				 const void *arg)
{
	struct vol_ctx *ctx = pv->ctx;
	struct sdev *s;
	struct pvdev d;
	struct iodev io;
	int r;

	vol_ctx_rescan(ctx);
	if ((r = scan_run(ctx)))
		return r;
	s = scan_find_path(ctx, pv->dev.path);
	if (!s || !s->is_pv || strcmp(s->d.label.uuid, pv->dev.label.uuid)) {
		log_err(ctx, "Physical volume %s changed while it was being changed.", pv_path(pv));
		return -EBUSY;
	}
	if ((r = orphan_free(ctx, s, flags)))
		return r;
	d = s->d;	/* a shallow copy: the path stays the scan's */
	if ((r = fn(ctx, &d, arg)))
		return r;
	if (ctx->test_mode) {
		log_info(ctx, "Test mode: physical volume %s not written.", d.path);
		return 0;
	}
	if ((r = io_open(&io, d.path, O_RDWR)))
		return pv_excl_failed(ctx, d.path, r);
	r = pv_write_orphan(ctx, &io, &d);
	if (!r)
		r = io_sync(&io);
	io_close(&io);
	hints_invalidate(ctx);
	if (!r && strcmp(d.label.uuid, pv->dev.label.uuid)) {
		struct devfile_op op = { d.path, d.devno, d.label.uuid };

		devfile_record(ctx, DF_VGEXTEND, &op, 1, true);
		/* The handle follows its PV to the new UUID. */
		memcpy(pv->dev.label.uuid, d.label.uuid, sizeof(d.label.uuid));
	}
	vol_ctx_rescan(ctx);
	if (!r && !scan_run(ctx))
		orphans_sync(ctx);
	return r;
}

static int orphan_rewrite(struct vol_pv *pv, unsigned flags, orphan_edit_fn *fn, const void *arg)
{
	int r;

	if (!pv->has_dev || pv->idx < 0) {
		log_err(pv->ctx, "Physical volume %s is no longer an orphan.", pv_path(pv));
		return -ENOENT;
	}
	if ((r = lock_get(pv->ctx, NULL, VLOCK_WRITE, false)))
		return r;
	r = orphan_rewrite_locked(pv, flags, fn, arg);
	lock_put(pv->ctx, NULL);
	return r;
}

static int orphan_ignore(struct vol_ctx *ctx, struct pvdev *d, const void *arg)
{
	bool ignored = *(const bool *)arg;
	int r = check_ignore(ctx, d, ignored);

	for (unsigned m = 0; !r && m < d->n_mda; m++)
		set_ignored(d, m, ignored);
	return r;
}

static int orphan_uuid(struct vol_ctx *ctx, struct pvdev *d, const void *arg)
{
	char id[MD_UUID_STR_SIZE];

	(void)arg;
	gen_uuid(d->label.uuid);
	md_uuid_format(d->label.uuid, id);
	log_verbose(ctx, "Changing uuid of %s to %s.", d->path, id);
	return 0;
}

VOL_EXPORT int vol_pv_set_metadata_ignored(struct vol_pv *pv, bool ignored, unsigned flags)
{
	if (!pv->vg)
		return orphan_rewrite(pv, flags, orphan_ignore, &ignored);
	return member_ignore(pv, ignored, flags);
}

/* ---------------------------------------------------------------- UUID */

static int member_uuid(struct vol_pv *pv)
{
	struct vol_vg *vg = pv->vg;
	struct md_pv *p;
	struct pvslot *s;
	char id[MD_UUID_STR_SIZE];
	int r;

	if (!(p = member(pv, &r)))
		return r;
	s = &vg->slots[pv->idx];
	if (!s->present) {
		log_err(pv->ctx, "Physical volume %s is missing.", pv_path(pv));
		return -ENODEV;
	}
	if (vg_lvs_active(vg)) {
		log_err(pv->ctx, "Volume group containing %s has active logical volumes", pv_path(pv));
		return -EBUSY;
	}
	gen_uuid(p->id);
	memcpy(s->d.label.uuid, p->id, sizeof(p->id));
	memcpy(pv->md.id, p->id, sizeof(p->id));	/* the handle follows its PV */
	s->relabel = true;	/* the label first, then the metadata naming it */
	s->joined = true;	/* the devices file entry takes the new UUID */
	md_uuid_format(p->id, id);
	log_verbose(pv->ctx, "Changing uuid of %s to %s.", pv_path(pv), id);
	return vg_sync_handles(vg);
}

VOL_EXPORT int vol_pv_new_uuid(struct vol_pv *pv, unsigned flags)
{
	if (!pv->vg)
		return orphan_rewrite(pv, flags, orphan_uuid, NULL);
	return member_uuid(pv);
}
