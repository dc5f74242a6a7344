/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PV membership of a VG: create from devices, extend, reduce, drop
 * missing PVs, resize a member.  Devices that are not PVs yet become PVs
 * at the commit (pvinit.c); PVs that leave are orphaned then.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctx.h"
#include "devices.h"
#include "devicesfile.h"
#include "pvinit.h"
#include "raid.h"
#include "io.h"
#include "lvedit.h"
#include "vgobj.h"

VOL_EXPORT void vol_vg_params_init(struct vol_vg_params *p)
{
	memset(p, 0, sizeof(*p));
	p->vg_metadata_copies = VOL_VG_MDA_COPIES_UNMANAGED;
}

static struct pvslot *add_slot(struct vol_vg *vg)
{
	if (vg->md->n_pvs >= vg->cap_slots) {
		size_t cap = vg->cap_slots ? vg->cap_slots * 2 : 16;
		struct pvslot *s = realloc(vg->slots, cap * sizeof(*s));

		if (!s)
			return NULL;
		vg->slots = s;
		vg->cap_slots = cap;
	}
	memset(&vg->slots[vg->md->n_pvs], 0, sizeof(*vg->slots));
	return &vg->slots[vg->md->n_pvs];
}

static int check_extent_size(struct vol_ctx *ctx, uint64_t es)
{
	if (!es || es % SECTOR) {
		log_err(ctx, "Invalid extent size %" PRIu64 ": it must be a non-zero multiple of 512 bytes.", es);
		return -EINVAL;
	}
	if (es / SECTOR > UINT32_MAX) {
		log_err(ctx, "Extent size %" PRIu64 " is too large (at most %" PRIu64 " bytes).", es,
			(uint64_t)UINT32_MAX * SECTOR);
		return -EINVAL;
	}
	if ((es & (es - 1)) && es % (128 * KiB)) {
		log_err(ctx, "Invalid extent size %" PRIu64 ": it must be a power of 2 or a multiple of 128 KiB.",
			es);
		return -EINVAL;
	}
	return 0;
}

/*
 * lvm2 keeps the PVs of a VG on one logical block size (unless its
 * devices/allow_mixed_block_sizes is set, or the VG mixes them already):
 * metadata written in 512-byte sectors cannot go to a 4096-byte device.
 */
static int check_block_size(struct vol_vg *vg, const char *path, const struct sdev *s,
			    unsigned *out)
{
	unsigned have = 0, lbs = s ? s->d.lbs : 0;
	struct iodev io;

	if (!lbs && !io_open(&io, path, O_RDONLY)) {
		lbs = io.align;
		io_close(&io);
	}
	*out = lbs;
	if (vg->ctx->mixed_lbs)
		return 0;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
		unsigned b = vg->slots[i].present ? vg->slots[i].d.lbs : 0;

		if (b && have && b != have)
			return 0;	/* mixed already: lvm2 lets more in */
		have = b ? b : have;
	}
	if (!have || !lbs || have == lbs)
		return 0;
	log_err(vg->ctx, "Devices have inconsistent logical block sizes (%u and %u).", have, lbs);
	return -EINVAL;
}

/* Checks that device @path can join the VG; fills @ent and *@scanned. */
static int check_new_member(struct vol_vg *vg, const char *path, const struct vol_pv_params *pvp,
			    struct devent *ent, struct sdev **scanned)
{
	struct vol_ctx *ctx = vg->ctx;
	struct sdev *s = scan_find_path(ctx, path);
	int r;

	*scanned = s && s->state == PVS_FREE ? s : NULL;
	if ((r = dev_stat(ctx, path, ent)) == -ENOTBLK) {
		log_err(ctx, "%s is not a block device.", path);
		return r;
	} else if (r) {
		log_err(ctx, "Device %s not found.", path);
		return -ENOENT;
	}
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vg->slots[i].present && vg->slots[i].d.devno == ent->devno) {
			log_err(ctx, "Device %s is given twice or is already in volume group %s.", path,
				vg->md->name);
			return -EINVAL;
		}
	if (s && (s->state == PVS_MEMBER || s->state == PVS_OUTDATED)) {
		log_err(ctx, "Physical volume '%s' is already in volume group '%s'", path,
			s->vg ? s->vg->name : s->other_vg->name);
		return -EBUSY;
	}
	if (s && s->duplicate && s->state == PVS_FREE) {
		log_err(ctx, "Cannot use device %s with duplicates.", path);
		return -ENOTUNIQ;
	}
	if (s && (r = pv_check_taken(ctx, s, path, pvp->flags, VOL_Q_INIT_MEMBER)))
		return r;
	if (vg->md->max_pv && vg->md->n_pvs >= vg->md->max_pv) {
		log_err(ctx, "Volume group %s has reached its maximum of %" PRIu32 " PVs.", vg->md->name,
			vg->md->max_pv);
		return -EINVAL;
	}
	if (*scanned && dev_is_mounted(ctx, ent->devno)) {
		log_err(ctx, "%s is mounted; not using it.", path);
		return -EBUSY;
	}
	return 0;
}

/* Fills @slot for an orphan PV @s, or for a device that becomes a PV at commit. */
static int fill_slot(struct vol_vg *vg, struct pvslot *slot, const char *path,
		     const struct devent *ent, const struct sdev *s, const struct vol_pv_params *pvp)
{
	char raw[MD_UUID_LEN + 1];
	int r;

	if (s) {
		pvdev_copy(&slot->d, &s->d);
		slot->relabel = true;
		pv_layout_from_label(&s->d.label, &slot->layout);
		return slot->d.path ? 0 : -ENOMEM;
	}
	if ((r = pv_prepare_new(vg->ctx, path, pvp, &slot->layout, raw)))
		return r;
	slot->is_new = true;
	slot->d.path = strdup(path);
	slot->d.devno = ent->devno;
	slot->d.size = ent->size;
	pv_layout_to_label(&slot->layout, raw, true, &slot->d.label);
	slot->d.n_mda = slot->layout.n_mda;
	for (unsigned m = 0; m < slot->layout.n_mda; m++)
		md_mdah_init(&slot->d.hdr[m], slot->layout.mda[m].offset, slot->layout.mda[m].size);
	return slot->d.path ? 0 : -ENOMEM;
}

/* An ex-member coming back is a member again, not an orphan to clear. */
static void unqueue_orphan(struct vol_vg *vg, dev_t devno)
{
	for (size_t g = 0; g < vg->n_gone; g++)
		if (vg->gone[g].d.devno == devno) {
			pvdev_free(&vg->gone[g].d);
			vg->gone[g] = vg->gone[--vg->n_gone];
			return;
		}
}

/* Turns a device argument into a member: an orphan PV, or a device to pvcreate. */
static int add_device(struct vol_vg *vg, const char *path, const struct vol_pv_params *pvp)
{
	struct vol_pv_params defaults;
	uint64_t es = vg->md->extent_size * SECTOR;
	struct pvslot *slot;
	struct md_pv *mp;
	struct devent ent;
	struct sdev *s;
	unsigned lbs;
	int r;

	if (!pvp) {
		vol_pv_params_init(&defaults);
		pvp = &defaults;
	}
	if ((r = check_new_member(vg, path, pvp, &ent, &s)) ||
	    (r = check_block_size(vg, path, s, &lbs)))
		return r;
	if (!(slot = add_slot(vg)))
		return -ENOMEM;
	if ((r = fill_slot(vg, slot, path, &ent, s, pvp))) {
		pvdev_free(&slot->d);
		return r;
	}
	slot->d.lbs = lbs;
	if (!(mp = md_vg_add_pv(vg->md)) || !(mp->device = md_arena_strdup(vg->arena, path))) {
		if (mp)
			vg->md->n_pvs--;
		pvdev_free(&slot->d);
		return -ENOMEM;
	}
	slot->present = true;
	slot->joined = true;
	unqueue_orphan(vg, ent.devno);
	memcpy(mp->id, slot->d.label.uuid, sizeof(mp->id));
	mp->status.known = MD_PV_ALLOCATABLE;
	mp->dev_size = slot->layout.dev_size / SECTOR;
	mp->pe_start = slot->layout.pe_start / SECTOR;
	mp->pe_count = pv_layout_pe_count(&slot->layout, es);
	mp->ba_start = slot->layout.ba_start / SECTOR;
	mp->ba_size = slot->layout.ba_size / SECTOR;
	vg_check_pv_size(vg, vg->md->n_pvs - 1);
	return 0;
}

static int check_tags(struct vol_ctx *ctx, const struct vol_vg_params *vgp)
{
	for (size_t i = 0; i < vgp->n_tags; i++) {
		const char *why;

		if (md_tag_check(vgp->tags[i], &why)) {
			log_err(ctx, "Invalid tag \"%s\": %s.", vgp->tags[i], why);
			return -EINVAL;
		}
	}
	return 0;
}

VOL_EXPORT int vol_vg_create(struct vol_ctx *ctx, const char *name, const char *const *devs, size_t n,
			     const struct vol_vg_params *vgp, const struct vol_pv_params *pvp,
			     struct vol_vg **out)
{
	struct vol_vg_params defaults;
	struct vol_vg *vg = NULL;
	struct svg *g;
	enum vol_alloc alloc;
	int r;

	*out = NULL;
	if (!vgp) {
		vol_vg_params_init(&defaults);
		vgp = &defaults;
	}
	if ((r = check_new_vg_name(ctx, name)))
		return r;
	/* vgcreate may name devices the devices file does not list (yet). */
	for (size_t i = 0; i < n; i++)
		if ((r = devfile_admit(ctx, devs[i])))
			return r;
	if ((r = check_extent_size(ctx, vgp->extent_size ? vgp->extent_size : DEFAULT_EXTENT)))
		return r;
	if ((r = check_tags(ctx, vgp)))
		return r;
	if (!n) {
		log_err(ctx, "Please enter physical volume name(s).");
		return -EINVAL;
	}
	if (vgp->max_pv && n > vgp->max_pv) {
		log_err(ctx, "%zu physical volumes exceed the limit of %" PRIu32 ".", n, vgp->max_pv);
		return -EINVAL;
	}
	if ((r = vg_new_locked(ctx, name, &vg)))
		return r;
	r = scan_find_vg(ctx, name, &g);
	if (r != -ENOENT) {
		if (!r || r == -ENOTUNIQ) {
			log_err(ctx, "A volume group called %s already exists.", name);
			r = -EEXIST;
		}
		goto fail;
	}
	r = -ENOMEM;
	if (!(vg->md = md_vg_new(vg->arena)) || !(vg->md->name = md_arena_strdup(vg->arena, name)) ||
	    !(vg->md->format = md_arena_strdup(vg->arena, "lvm2")))
		goto fail;
	gen_uuid(vg->md->id);
	vg->md->status.known = MD_VG_RESIZEABLE | MD_VG_READ | MD_VG_WRITE;
	if (ctx->system_id && !(vg->md->system_id = md_arena_strdup(vg->arena, ctx->system_id)))
		goto fail;
	vg->md->extent_size = (vgp->extent_size ? vgp->extent_size : DEFAULT_EXTENT) / SECTOR;
	vg->md->max_lv = vgp->max_lv;
	vg->md->max_pv = vgp->max_pv;
	vg->md->has_metadata_copies = true;
	/* lvm2 2.03 writes "all" as 0, like "unmanaged". */
	vg->md->metadata_copies = vgp->vg_metadata_copies == VOL_VG_MDA_COPIES_ALL
				  ? 0 : vgp->vg_metadata_copies;
	alloc = vgp->alloc;
	if (alloc != VOL_ALLOC_INHERIT && alloc != VOL_ALLOC_NORMAL &&
	    !(vg->md->alloc_policy = md_arena_strdup(vg->arena, vol_alloc_name(alloc))))
		goto fail;
	for (size_t i = 0; i < vgp->n_tags; i++)
		if (md_strv_add(vg->arena, &vg->md->tags, vgp->tags[i]))
			goto fail;
	vg->created = true;
	vg->vgs_seen = ctx->scan && ctx->scan->n_vgs;
	for (size_t i = 0; i < n; i++)
		if ((r = add_device(vg, devs[i], pvp)))
			goto fail;
	if ((r = vg_sync_handles(vg)))
		goto fail;
	*out = vg;
	return 0;
fail:
	vol_vg_close(vg);
	return r;
}

VOL_EXPORT int vol_vg_extend(struct vol_vg *vg, const char *dev, const struct vol_pv_params *pvp)
{
	int r;

	if ((r = need_resizeable(vg)))
		return r;
	if ((r = vg_lock_global(vg)))
		return r;
	if ((r = devfile_admit(vg->ctx, dev)))
		return r;
	if ((r = add_device(vg, dev, pvp)))
		return r;
	return vg_sync_handles(vg);
}

/* In lvm2's order: the PVs that were orphans, then the new ones. */
void vg_record_joined(struct vol_vg *vg, bool created)
{
	struct devfile_op *ops = calloc(vg->md->n_pvs + 1, sizeof(*ops));
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < vg->md->n_pvs; i++) {
			struct pvslot *s = &vg->slots[i];

			if (!s->joined || s->is_new != (pass == 1))
				continue;
			s->joined = false;
			if (ops && s->present)
				ops[n++] = (struct devfile_op){ s->d.path, s->d.devno, s->d.label.uuid };
		}
	if (n)
		devfile_record(vg->ctx, created ? DF_VGCREATE : DF_VGEXTEND, ops, n, vg->vgs_seen);
	free(ops);
}

/* ---------------------------------------------------------------- reduce */

static int32_t find_member(struct vol_vg *vg, const char *pv)
{
	char raw[MD_UUID_LEN + 1];
	struct stat st;

	if (!md_uuid_parse(pv, raw)) {
		int32_t i = md_vg_find_pv(vg->md, raw);

		if (i >= 0)
			return i;
	}
	if (stat(pv, &st) || !S_ISBLK(st.st_mode))
		return -1;
	for (uint32_t i = 0; i < vg->md->n_pvs; i++)
		if (vg->slots[i].present && vg->slots[i].d.devno == st.st_rdev)
			return (int32_t)i;
	return -1;
}

static int drop_pv(struct vol_vg *vg, uint32_t i)
{
	struct pvslot *slot = &vg->slots[i];

	if (slot->present && !slot->is_new) {
		struct pvslot *g = realloc(vg->gone, (vg->n_gone + 1) * sizeof(*g));

		if (!g)
			return -ENOMEM;
		vg->gone = g;
		vg->gone[vg->n_gone++] = *slot;
	} else {
		pvdev_free(&slot->d);
	}
	memmove(&vg->slots[i], &vg->slots[i + 1], (vg->md->n_pvs - i - 1) * sizeof(*slot));
	md_vg_del_pv(vg->md, i);
	return 0;
}

VOL_EXPORT int vol_vg_reduce(struct vol_vg *vg, const char *pv)
{
	struct vol_ctx *ctx = vg->ctx;
	int32_t i;
	int r;

	if ((r = need_resizeable(vg)))
		return r;
	if ((i = find_member(vg, pv)) < 0) {
		log_err(ctx, "Physical volume %s is not in volume group %s.", pv, vg->md->name);
		return -ENOENT;
	}
	if (vg->md->n_pvs == 1) {
		log_err(ctx, "Can't remove final physical volume \"%s\" from volume group \"%s\"", pv,
			vg->md->name);
		return -EBUSY;
	}
	if (md_pv_used_extents(vg->md, (uint32_t)i)) {
		log_err(ctx, "Physical volume \"%s\" still in use", pv);
		return -EBUSY;
	}
	if ((r = vg_lock_global(vg)) || (r = drop_pv(vg, (uint32_t)i)))
		return r;
	return vg_sync_handles(vg);
}

VOL_EXPORT int vol_vg_reduce_all(struct vol_vg *vg)
{
	bool any_used = false;
	uint32_t i = 0;
	int r;

	if ((r = need_resizeable(vg)) || (r = vg_lock_global(vg)))
		return r;
	for (uint32_t k = 0; k < vg->md->n_pvs; k++)
		any_used |= md_pv_used_extents(vg->md, k) > 0;
	while (i < vg->md->n_pvs) {
		/* When every PV is empty the last one stays (as in lvm2): a VG needs a PV. */
		if ((i == vg->md->n_pvs - 1 && !any_used) || !vg->slots[i].present ||
		    md_pv_used_extents(vg->md, i)) {
			i++;
			continue;
		}
		log_info(vg->ctx, "Removed \"%s\" from volume group \"%s\"", vg->slots[i].d.path,
			 vg->md->name);
		if ((r = drop_pv(vg, i)))
			return r;
	}
	return vg_sync_handles(vg);
}


/* Drops every LV with an area on PV @pv. */
/*
 * A raid image or rmeta on a missing PV keeps its place in its raid LV, as
 * lvm2 keeps it: its extents become one "error" segment, the raid LV runs
 * degraded, and lvconvert --repair replaces the leg later.
 */
int raid_error_lv(struct md_vg *m, uint32_t l)
{
	uint64_t n = md_lv_extents(&m->lvs[l]);
	struct md_seg *seg = md_arena_alloc(m->arena, sizeof(*seg));
	struct md_cn *sec = NULL;
	struct md_err e;
	char text[160], *t;

	snprintf(text, sizeof(text),
		 "segment1 {\nstart_extent = 0\nextent_count = %" PRIu64 "\ntype = \"error\"\n}\n", n);
	if (!seg || !(t = md_arena_strdup(m->arena, text)) ||
	    md_cfg_parse(m->arena, t, strlen(t), &sec, &e) || !sec || !sec->section)
		return -ENOMEM;
	memset(seg, 0, sizeof(*seg));
	seg->extent_count = n;
	seg->type = MD_SEG_OTHER;
	seg->type_name = "error";
	seg->raw = sec;
	m->lvs[l].segs = seg;
	m->lvs[l].n_segs = 1;
	return 0;
}

static int drop_lvs_on(struct vol_vg *vg, uint32_t pv)
{
	int r;

	for (uint32_t l = vg->md->n_lvs; l--;) {
		if (!md_lv_uses_pv(vg->md, l, pv))
			continue;
		if (lv_raid_role(vg->md, l)) {
			if ((r = raid_error_lv(vg->md, l)))
				return r;
			continue;
		}
		log_info(vg->ctx, "Logical volume \"%s\" using missing PV removed.", vg->md->lvs[l].name);
		md_vg_del_lv(vg->md, l);
	}
	return 0;
}

/* --mirrorsonly: LVs other than mirrors on missing PV @pv stay, named. */
static void mirrors_only_keep(struct vol_vg *vg, uint32_t pv)
{
	for (uint32_t l = 0; l < vg->md->n_lvs; l++)
		if (md_lv_uses_pv(vg->md, l, pv))	/* lvm2's words */
			log_err(vg->ctx, "Non-mirror-image LV %s found: can't remove.",
				vg->md->lvs[l].name);
}

VOL_EXPORT int vol_vg_remove_missing(struct vol_vg *vg, unsigned flags)
{
	int r;

	if ((r = need_write(vg)))
		return r;
	if ((flags & VOL_FORCE) && (r = vg_repair_mirrors(vg)))
		return r;
	for (uint32_t i = 0; i < vg->md->n_pvs;) {
		if (vg->slots[i].present) {
			i++;
			continue;
		}
		if (md_pv_used_extents(vg->md, i) && (flags & VOL_MIRRORS_ONLY) &&
		    (flags & VOL_FORCE)) {
			mirrors_only_keep(vg, i);
			i++;
			continue;
		}
		if (md_pv_used_extents(vg->md, i)) {
			if (!(flags & VOL_FORCE)) {
				log_err(vg->ctx, "Partial LV(s) use missing PV %s: not removing them "
					"without force.", vol_vg_pv(vg, i)->uuid);
				return -EBUSY;
			}
			if ((r = drop_lvs_on(vg, i)))
				return r;
		}
		if ((r = drop_pv(vg, i)))
			return r;
	}
	return vg_sync_handles(vg);
}

VOL_EXPORT int vol_vg_restore_missing(struct vol_vg *vg, const char *dev)
{
	struct sdev *s = scan_find_path(vg->ctx, dev);
	int32_t i = s && s->is_pv ? md_vg_find_pv(vg->md, s->d.label.uuid) : -1;
	struct pvslot *slot;
	struct md_pv *p;
	int r;

	if ((r = need_write(vg)))
		return r;
	if (i < 0) {
		log_warn(vg->ctx, "PV %s not found in VG %s", dev, vg->md->name);
		return -ENOENT;
	}
	slot = &vg->slots[i];
	p = &vg->md->pvs[i];
	if (slot->present && slot->reappeared)	/* unused: the open took it back */
		return 0;
	if (slot->present) {
		log_warn(vg->ctx, "PV %s was not missing in VG %s", dev, vg->md->name);
		return -EALREADY;
	}
	if (!(p->flags.known & MD_PVF_MISSING) && !(p->status.known & MD_PV_MISSING)) {
		log_warn(vg->ctx, "The PV %s is still missing.", dev);
		return -ENODEV;
	}
	pvdev_copy(&slot->d, &s->d);
	if (!slot->d.path)
		return -ENOMEM;
	slot->present = true;
	slot->relabel = !(s->d.label.ext_flags & MD_PV_EXT_USED);
	p->flags.known &= ~MD_PVF_MISSING;
	p->status.known &= ~MD_PV_MISSING;
	return vg_sync_handles(vg);
}

/* pvresize of a member: the VG's view of the PV changes with the label. */
int vg_resize_member(struct vol_ctx *ctx, const char *vgname, const char *raw, uint64_t size)
{
	struct vol_vg *vg;
	struct pvslot *slot;
	struct md_label lab;
	struct md_pv *pv;
	const char *why;
	uint64_t es, count;
	int32_t i;
	int r;

	if ((r = vol_vg_open(ctx, vgname, VOL_OPEN_WRITE, &vg)))
		return r;
	r = -EBUSY;
	if ((i = md_vg_find_pv(vg->md, raw)) < 0 || !vg->slots[i].present) {
		log_err(ctx, "PV left VG %s while it was being resized; nothing changed.", vgname);
		goto out;
	}
	pv = &vg->md->pvs[i];
	slot = &vg->slots[i];
	es = vg->md->extent_size * SECTOR;
	r = -EINVAL;
	if (size < pv->pe_start * SECTOR) {
		log_err(ctx, "Size must exceed physical extent start of %" PRIu64 " sectors on PV %s.",
			pv->pe_start, slot->d.path);
		goto out;
	}
	lab = slot->d.label;
	if (pv_layout_move_end_mda(&lab, size, &why)) {
		log_err(ctx, "%s: %s.", slot->d.path, why);
		goto out;
	}
	count = ((lab.n_mda == 2 ? lab.mda[1].offset : size) - pv->pe_start * SECTOR) / es;
	r = -EBUSY;
	if (count < md_pv_used_end(vg->md, (uint32_t)i)) {
		log_err(ctx, "%s: cannot resize to %" PRIu64 " extents as later ones are allocated.",
			slot->d.path, count);
		goto out;
	}
	pv->pe_count = count;
	pv->dev_size = size / SECTOR;
	slot->mda_moved[1] = lab.n_mda == 2 && lab.mda[1].offset != slot->d.label.mda[1].offset;
	slot->d.label = lab;
	slot->relabel = true;
	r = vol_vg_commit(vg);
out:
	vol_vg_close(vg);
	return r;
}
