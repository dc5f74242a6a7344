/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: the device scan (scan.c).  One read of the head of every device
 * in scope, one read per further header and per committed text; equal texts
 * are parsed once; copies are grouped by VG id and the highest valid seqno
 * wins.  Other modules reach devices only through the functions below.
 */
#ifndef VOLUME_SCAN_H
#define VOLUME_SCAN_H

#include <sys/types.h>

#include "disk.h"
#include "hash.h"
#include "internal.h"
#include "io.h"
#include "vg.h"

struct vol_ctx;

/* What the headers of one PV device say; copied into VG handles. */
struct pvdev {
	char *path;
	dev_t devno;
	uint64_t size;
	int label_err;			/* 0, or why the device is not a PV */
	struct md_label label;
	unsigned n_mda;
	struct md_mdah hdr[MD_MAX_MDAS];
	int hdr_err[MD_MAX_MDAS];	/* 0 or -EBADMSG/-EIO */
	const char *hdr_why[MD_MAX_MDAS];
	const char *component;		/* not NULL: an md leg or multipath path, skipped */
	unsigned lbs;			/* logical block size, bytes; 0 if not read */
};

struct mda_text {
	char *text;		/* committed text, NUL included, or NULL */
	size_t len;
	int err;		/* 0, -EBADMSG (checksum, parse), -EIO */
	const char *why;
	struct md_vg *vg;	/* parsed model (shared between equal texts) */
	uint32_t crc_want;	/* the checksum its header gives */
	bool defer_crc;		/* set by the caller: leave the check to mda_text_check */
	bool crc_done;		/* the checksum was checked (err says how it went) */
	struct mda_text *copy_of;	/* an earlier text with the same bytes (this one's
					 * are dropped), or NULL */
	struct scan_text *owner;	/* the scan's, when @text is shared with other
					 * copies read before it; NULL: @text is its own */
};

/* One text that several metadata areas hold, kept once while a scan reads
 * (scan.c: a VG of many PVs costs one copy, not one per PV). */
struct scan_text {
	char *text;
	size_t len;
	uint32_t crc_want;
	struct scan_text *next;
};

struct svg;

/* What a device with a PV label is (pvstate.c). */
enum pv_state {
	PVS_NONE,		/* not a PV */
	PVS_FREE,		/* an orphan PV: free to use */
	PVS_MEMBER,		/* it serves its PV in a VG */
	PVS_UNREADABLE,		/* its metadata cannot be read, or names no VG while marked used */
	PVS_DUPLICATE,		/* another device serves the same PV UUID */
	PVS_OUTDATED,		/* its VG dropped it (while it was missing) */
};

struct sdev {
	struct pvdev d;
	bool is_pv;
	bool not_read;		/* it could not be opened */
	struct mda_text t[MD_MAX_MDAS];
	bool duplicate;		/* another device carries the same PV UUID */
	struct svg *vg;		/* the VG whose best metadata lists this PV (PVS_MEMBER) */
	enum pv_state state;
	struct svg *other_vg;	/* DUPLICATE: the VG of its twin; OUTDATED: the VG that dropped it */
	uint32_t seqno;		/* OUTDATED: the seqno of its own copy */
	const char *problem;	/* UNREADABLE: why, in a few words */
};

struct svg {
	char id[MD_UUID_LEN + 1];
	const char *name;
	struct md_vg *best;	/* highest seqno with a valid checksum */
	struct sdev *best_dev;
	bool inconsistent;	/* some copy is stale or corrupt */
	bool name_clash;	/* another VG has the same name */
};

struct scan {
	struct md_arena *arena;	/* parsed models */
	struct sdev *devs;
	size_t n_devs;
	struct svg *vgs;
	size_t n_vgs;
	struct md_hmap ids;	/* PV UUID -> index of the first device with it */
	struct scan_text *texts;	/* distinct texts read so far */
	pthread_mutex_t texts_mu;	/* the readers run in parallel */
};

/* The first device of the scan with PV UUID @raw (its twins, if duplicate,
 * come later), or NULL. */
struct sdev *scan_first_uuid(struct scan *s, const char *raw);

int scan_run(struct vol_ctx *ctx);	/* no-op when a scan is cached */
bool scan_listed(struct vol_ctx *ctx, dev_t devno);
/* Decides the state of every PV device and warns about the unusual ones (pvstate.c). */
int scan_classify(struct vol_ctx *ctx, struct scan *s);
/* lvm2's warning for a PV marked used that no VG lists (when it is listed). */
void pv_warn_in_use(struct vol_ctx *ctx, const struct sdev *d);
void scan_free(struct scan *s);
/* Takes a device out of a scan that is still being built (before parsing). */
void scan_drop_dev(struct scan *s, struct sdev *d);
/* Forgets the cached scan (and what depends on it). */
void scan_forget(struct vol_ctx *ctx);
/* Every device of the scan, in scope order: NULL past the end. */
struct sdev *scan_dev(struct vol_ctx *ctx, size_t i);
struct sdev *scan_find_path(struct vol_ctx *ctx, const char *path);
struct sdev *scan_find_uuid(struct vol_ctx *ctx, const char *raw);
/* Another device carrying the same PV UUID as @s (duplicates), or NULL. */
struct sdev *scan_find_twin(struct vol_ctx *ctx, const struct sdev *s);
/* The device that holds member @raw of VG @g, or NULL if it is missing. */
struct sdev *scan_find_member(struct vol_ctx *ctx, const struct svg *g, const char *raw);
/* Is the device in the scope (the --devices list, or the devices the
 * devices file lists, or else those the filters accept)?  The scan
 * enumerates exactly the scope. */
bool scan_in_scope(struct vol_ctx *ctx, dev_t devno);
/* lvm2's words for why a device is out of the scope. */
const char *scan_scope_why(const struct vol_ctx *ctx);
/* -ENOENT, -ENOTUNIQ (two VGs of that name), or 0. */
int scan_find_vg(struct vol_ctx *ctx, const char *name_or_uuid, struct svg **out);
/* The text model @m was parsed from (a copy in the current scan), or NULL. */
const struct mda_text *scan_text_of(struct vol_ctx *ctx, const struct md_vg *m);
/* true if device @d carries any metadata copy of VG @id. */
bool sdev_has_copy_of(const struct sdev *d, const char *id);
/* Reads the label and headers of the open device (and the texts if @t). */
int read_pvdev(struct vol_ctx *ctx, struct iodev *io, struct pvdev *d, struct mda_text *t);
/* Reads the committed text of one area (both pieces) and checks its CRC,
 * unless t->defer_crc. */
int read_pvdev_text(struct vol_ctx *ctx, struct iodev *io, const struct md_area *area,
		    const struct md_mdah *h, struct mda_text *t);
/* Checks the CRC of a text read with defer_crc (no-op once done). */
void mda_text_check(struct mda_text *t);
void pvdev_copy(struct pvdev *dst, const struct pvdev *src);	/* path strdup'd */
void pvdev_free(struct pvdev *d);
/* Free bytes for text in an area with the given committed size (lvm2's mda_free). */
uint64_t mda_free_bytes(const struct md_mdah *h);

#endif
