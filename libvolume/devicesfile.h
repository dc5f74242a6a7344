/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: lvm2's devices file in the context.  devicesfile.c reads it and
 * restricts the scope to the devices its entries name; devicesfile_edit.c
 * writes the entries of PVs this library creates or removes.
 */
#ifndef VOLUME_DEVICESFILE_H
#define VOLUME_DEVICESFILE_H

#include <sys/types.h>

#include "devfile.h"
#include "internal.h"

struct vol_ctx;
struct devent;
struct scan;

struct devfile {
	char *path;
	char *name;		/* its file name: the lock is <lockdir>/D_<name> */
	unsigned flags;		/* VOL_DEVFILE_* */
	bool exists;		/* found at the last scan */
	struct md_devfile f;	/* as read at the last scan, with corrections */
	dev_t *match;		/* per entry: the device it names, 0 for none */
	dev_t *admitted;	/* devices named to pvcreate, vgcreate or vgextend */
	size_t n_admitted;
	bool dirty;		/* corrections to write back */
};

void devfile_free(struct devfile *df);
/* Is a devices file restricting the scope (set, existing, and no --devices list)? */
bool devfile_active(const struct vol_ctx *ctx);

/* Reads the file (under its shared lock).  0 also when it does not exist. */
int devfile_load(struct vol_ctx *ctx);
/* Reads and parses the file at @path: -ENOENT if it does not exist. */
int devfile_parse_file(const char *path, struct md_devfile *f);
/* Keeps in @v the devices that match an entry (and the admitted ones). */
int devfile_restrict(struct vol_ctx *ctx, struct devent *v, size_t *n);
/* After the scan read the devices: lvm2's checks of the entries against
 * what is on disk.  Corrections are written back if the file is free;
 * devices wrongly matched by name are dropped from @s. */
void devfile_validate(struct vol_ctx *ctx, struct scan *s);

/* Matches the entries of @f to the devices @v: @match[i] gets the device of entry i. */
void devfile_match(const struct md_devfile *f, const struct devent *v, size_t n, dev_t *match);
/* The device at @path joins the scope although the file does not list it
 * (pvcreate, vgcreate and vgextend look outside the file, as lvm2's do). */
int devfile_admit(struct vol_ctx *ctx, const char *path);

/* ---- devicesfile_edit.c ---- */

/* Who edits the file: lvm2 lets only pvcreate and vgcreate create a missing one. */
enum devfile_who { DF_PVCREATE, DF_VGCREATE, DF_VGEXTEND, DF_PVREMOVE };

struct devfile_op {
	const char *path;	/* the device */
	dev_t devno;
	const char *pvid;	/* raw PV UUID; NULL: the device is no PV anymore */
};

/*
 * Records the PVs on the devices of @ops in the file: a PV gets an entry
 * (a new one, or the device's own, updated and moved last); a device whose
 * PV was removed keeps its entry without a PVID.  Under the file's
 * exclusive lock, over what the file holds then.  @vgs_seen: the scan
 * before the command found VGs (lvm2 then creates no missing system file).
 * Nothing happens without a devices file, or in test mode.
 */
int devfile_record(struct vol_ctx *ctx, enum devfile_who who, const struct devfile_op *ops,
		   size_t n, bool vgs_seen);
/* Writes the corrections found by devfile_validate(), if the file is
 * unlocked and unchanged since it was read; skipped otherwise. */
void devfile_write_corrections(struct vol_ctx *ctx);

/* The file's lock (devicesfile_edit.c): an fd, or -errno (-EBUSY with @nowait). */
int devfile_lock(struct vol_ctx *ctx, bool exclusive, bool nowait);
void devfile_unlock(int fd);

#endif
