/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private: making a device a PV, and the label writes that commits share
 * (pvinit.c).  It sits below both pv.c and commit.c.
 */
#ifndef VOLUME_PVINIT_H
#define VOLUME_PVINIT_H

#include "devices.h"
#include "io.h"
#include "layout.h"

struct vol_ctx;
struct pvdev;
struct sdev;

void gen_uuid(char out[MD_UUID_LEN + 1]);
/* The device can become a PV: a block device in scope, not mounted, not
 * open elsewhere, large enough.  Fills @ent. */
int pv_check_free_device(struct vol_ctx *ctx, const char *path, struct devent *ent);
/* Checks @path can become a PV and asks about signatures; fills @layout. */
int pv_prepare_new(struct vol_ctx *ctx, const char *path, const struct vol_pv_params *p,
		   struct pv_layout *layout, char raw_uuid[MD_UUID_LEN + 1]);
/* Writes empty metadata areas and then the label on the open device;
 * with @sync, each is flushed before the next (else the caller flushes). */
int pv_write_fresh(struct vol_ctx *ctx, struct iodev *io, const struct pv_layout *l,
		   const char *raw_uuid, bool used, bool sync);
/* Writes (and with @sync flushes) one label sector. */
int pv_write_label(struct vol_ctx *ctx, struct iodev *io, const struct md_label *lab, bool sync);
/* The orphan form of a PV: empty metadata areas, label without PV_EXT_USED. */
int pv_write_orphan(struct vol_ctx *ctx, struct iodev *io, struct pvdev *d);
/* Asks the confirm callback about each foreign signature on @path but
 * those of type @no_ask (NULL: none; a new LV's start wipes lvm2's old
 * DM_snapshot_cow header unasked, as lvm2 does); -ECANCELED (and a
 * message) at the first no. */
int ask_signatures(struct vol_ctx *ctx, const char *path, const char *no_ask);
/* 0 if the PV device @s (named @dev) may be written over: a free orphan,
 * or, with VOL_FORCE_MEMBER and a yes to @kind, a PV that is (or may be) in
 * use.  A duplicate is never written.  Logs why not. */
int pv_check_taken(struct vol_ctx *ctx, const struct sdev *s, const char *dev, unsigned flags,
		   enum vol_question kind);
/* Wipes the foreign signatures pv_prepare_new() was allowed to wipe. */
int wipe_signatures(struct vol_ctx *ctx, const char *path);
/* Says why the exclusive open of @path failed (-errno @r), in lvm2's words
 * when it is held by someone else; returns @r. */
int pv_excl_failed(struct vol_ctx *ctx, const char *path, int r);

#endif
