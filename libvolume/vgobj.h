/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: the VG handle and its PV and LV handles, shared by the VG's
 * files: vg.c (lifecycle), vg_pvs.c (membership), vg_props.c (simple edits
 * and getters), check.c, handles.c, archive.c (restore).
 */
#ifndef VOLUME_VGOBJ_H
#define VOLUME_VGOBJ_H

#include "handles.h"
#include "layout.h"
#include "scan.h"
#include "vg.h"

/* What the VG knows of one of its PVs' devices; parallel to md->pvs. */
struct pvslot {
	bool present;
	struct pvdev d;		/* a copy of what the scan read (or will write) */
	bool is_new;		/* becomes a PV at commit */
	bool relabel;		/* its label needs PV_EXT_USED set */
	bool reappeared;	/* was marked MISSING, unused: took back at open */
	bool mda_moved[MD_MAX_MDAS];	/* pvresize moved it: a fresh header at commit */
	bool mda_bad[MD_MAX_MDAS];	/* its header or text was damaged at open */
	bool ign_changed[MD_MAX_MDAS];	/* d.hdr's ignore flag differs from the disk's */
	bool joined;		/* named to vgcreate or vgextend: gets a devices file entry */
	struct pv_layout layout;	/* for new PVs */
};

struct vol_vg {
	struct vol_ctx *ctx;
	struct md_arena *arena;
	struct md_arena *shared;	/* a reference to the scan's arena, whose model md and
					 * old share (md_vg_clone_shared); or NULL */
	struct md_vg *md;	/* the model: the scan's own for a read-only handle; a
				 * copy of its arrays for a write handle, being edited */
	struct md_vg *old;	/* as read (the scan's model), then as last committed, for
				 * the archive and live changes; NULL for a new VG */
	char *lock_name;
	bool locked;		/* holds a reference to lock_name's lock */
	unsigned flags;
	bool created;
	bool repair;		/* vol_vg_update_metadata(): damaged areas are written too */
	bool removed;
	struct pvslot *slots;	/* parallel to md->pvs */
	size_t cap_slots;
	struct pvslot *gone;	/* removed from the VG: orphaned at commit */
	size_t n_gone;
	struct handle_set pvh, lvh;	/* struct vol_pv *, struct vol_lv * */
	char uuid[MD_UUID_STR_SIZE];
	char attr[8];
	char *old_name;		/* set by rename until commit */
	bool old_locked;	/* the old name's lock, held until then */
	bool global_held;	/* holds a reference to P_global */
	bool archived;		/* vg->old is archived already (before a live change) */
	bool vgs_seen;		/* vgcreate: the scan found other VGs (devicesfile_edit.c) */
	/* The VG section of vg->old as committed (the disk form: from the text
	 * read, then from each commit), for the archive; NULL when unknown. */
	char *old_body;
	size_t old_body_len;
	bool old_body_ours;	/* written by this libvolume: its LV sections are as an
				 * export writes them, so an unchanged one may be copied */
	bool backed_up;		/* the last commit wrote the backup already */
	bool cloned;		/* vgimportclone: the old name is another VG's, whose
				 * backup a rename must not take over */
};

/* A vol_vg_open() flag of the library's own (vgimportclone): the devices
 * of the VG's UUID belong to its original, so the open resolves nothing
 * in the kernel (vg_check_devices()). */
#define VG_OPEN_CLONE (1u << 30)

/* vg.c */
struct vol_vg *vg_alloc(struct vol_ctx *ctx, const char *lock_name, unsigned flags);
/* A write handle for a VG about to be written from scratch (create,
 * restore): the global lock, then the VG lock, then a fresh scan. */
int vg_new_locked(struct vol_ctx *ctx, const char *name, struct vol_vg **out);
int need_write(struct vol_vg *vg);
int need_resizeable(struct vol_vg *vg);
/* Takes the global lock for PV changes if the handle lacks it. */
int vg_lock_global(struct vol_vg *vg);
int check_new_vg_name(struct vol_ctx *ctx, const char *name);
void free_slots(struct pvslot *s, size_t n);
/* Queues every device that holds metadata of VG @id but is not in vg->md
 * for orphaning at the next commit. */
int adopt_stale_orphans(struct vol_vg *vg, const char *id);

/* vg_recover.c */
/* At open, under the VG lock: devices of the VG that an interrupted command
 * left suspended or under an old name are resolved (a write handle) or
 * named in a warning (a read handle).  Never fails the open. */
void vg_check_devices(struct vol_vg *vg);

/* vg_pvs.c */
/* After a commit: the devices file entries of the PVs that joined. */
void vg_record_joined(struct vol_vg *vg, bool created);
/* pvresize of a PV that belongs to VG @vgname (its PV UUID @raw). */
int vg_resize_member(struct vol_ctx *ctx, const char *vgname, const char *raw, uint64_t size);

/* check.c */
struct svg;
/* Warns about every copy of @g that is not the winner, naming the PV. */
void warn_copies(struct vol_ctx *ctx, const struct svg *g);

/* Warns when member @i's device is smaller than the PV's recorded size. */
void vg_check_pv_size(struct vol_vg *vg, uint32_t i);

/* vgreduce --removemissing --force: lvm2's old-style mirrors with images on
 * missing PVs keep their one surviving image as a linear LV, or go when none
 * survives (vg_mirror.c).  -ENOTSUP, nothing changed, for what lvm2 would
 * keep as a mirror. */
int vg_repair_mirrors(struct vol_vg *vg);

#endif
