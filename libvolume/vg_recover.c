/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What an interrupted command left in the kernel, looked at whenever a VG
 * is opened (vol_vg_open, under the VG's lock).
 *
 * A live commit (lv_activate.c) preloads an LV's new devices and tables,
 * suspends its devices, commits the metadata, resumes them and removes the
 * devices it dropped; a rename of active LVs renames the devices after the
 * commit.  A command killed in between leaves a device suspended (every
 * I/O to the LV, and to a filesystem on it, waits), under its old name, or
 * of no LV of the metadata (a new raid1 leg made before the commit that
 * never came, an old one not yet removed), maybe held by a table left
 * waiting in its parent.  Whoever holds the VG's lock is the only one that
 * changes the VG's devices, lvm2 included (it takes the same lock files),
 * so a suspended or misnamed device seen under the lock is such a leftover.
 *
 * - The look is cheap: sysfs only (dm.h quick_list), no libdevmapper and no
 *   ioctl, so every open pays a few small reads at most.
 * - Opened for writing: the leftovers are resolved at once (act_recover():
 *   the committed metadata's tables, resumed; the committed names), each
 *   action logged as a warning.  A failure to resolve is logged and does
 *   not fail the open: the command may be the admin's way out.
 * - Opened for reading (shared lock): only a warning; reports do not
 *   change the kernel, and an LV an admin suspended on purpose (dmsetup
 *   suspend) still reads as suspended.
 * - Test mode or activation off (global/activation=0): nothing is done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activate.h"
#include "ctx.h"
#include "dm.h"
#include "table.h"
#include "vgobj.h"

struct look {
	struct vol_vg *vg;
	char prefix[DMT_UUID_LEN];
	unsigned found;
	bool warn;		/* name each one in a warning */
};

/* The name device @st should have, from its UUID; "" if none is known. */
static void want_name(const struct look *l, const struct dm_state *st, char *out, size_t n)
{
	const struct md_vg *vg = l->vg->md;
	const char *rest = st->uuid + strlen(l->prefix);

	*out = '\0';
	if (strlen(rest) < MD_UUID_LEN || (rest[MD_UUID_LEN] && rest[MD_UUID_LEN] != '-'))
		return;
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		if (!strncmp(rest, vg->lvs[i].id, MD_UUID_LEN) &&
		    dmt_name(vg->name, vg->lvs[i].name, rest[MD_UUID_LEN] ? rest + MD_UUID_LEN + 1 : NULL,
			     out, n))
			*out = '\0';
}

/* A device of no LV of the metadata: what a command killed after it made
 * the device of a new sub-LV, or before it removed one the metadata
 * dropped, leaves.  Layers other than missing-PV stand-ins are not ours. */
static bool orphan(const struct look *l, const struct dm_state *st)
{
	const struct md_vg *vg = l->vg->md;
	const char *rest = st->uuid + strlen(l->prefix);

	if (strlen(rest) < MD_UUID_LEN ||
	    (rest[MD_UUID_LEN] && strncmp(rest + MD_UUID_LEN, "-missing_", 9)))
		return false;
	for (uint32_t i = 0; i < vg->n_lvs; i++)
		if (!strncmp(rest, vg->lvs[i].id, MD_UUID_LEN))
			return false;
	return true;
}

static void look_one(const struct dm_state *st, void *usr)
{
	struct look *l = usr;
	const char *vg = l->vg->md->name;
	char want[DMT_NAME_LEN];

	if (orphan(l, st)) {
		l->found++;
		if (l->warn)
			log_warn(l->vg->ctx, "Device %s of VG %s belongs to none of its LVs; the next "
				 "command that opens VG %s for a change removes it.", st->name, vg, vg);
		return;
	}
	want_name(l, st, want, sizeof(want));
	if (st->suspended) {
		l->found++;
		if (l->warn)
			log_warn(l->vg->ctx, "Device %s of VG %s is suspended; the next command that "
				 "opens VG %s for a change resumes it.", st->name, vg, vg);
	}
	if (*want && strcmp(want, st->name)) {
		l->found++;
		if (l->warn)
			log_warn(l->vg->ctx, "Device %s of VG %s should be named %s; the next command "
				 "that opens VG %s for a change renames it.", st->name, vg, want, vg);
	}
}

void vg_check_devices(struct vol_vg *vg)
{
	struct vol_ctx *ctx = vg->ctx;
	const struct dm_ops *ops = ctx_dm(ctx);
	bool fix = (vg->flags & VOL_OPEN_WRITE) && !ctx->test_mode;
	struct look l = { .vg = vg, .warn = !fix };
	struct act_opts o;
	unsigned fixed = 0;
	int r;

	if (ctx->no_activation || !ops->quick_list)
		return;
	snprintf(l.prefix, sizeof(l.prefix), DMT_UUID_PREFIX "%s", vg->md->id);
	if (ops->quick_list(ctx, l.prefix, look_one, &l) || !l.found || !fix)
		return;
	log_warn(ctx, "VG %s has %u suspended, misnamed or orphaned device(s) an interrupted "
		 "command left; resolving.", vg->md->name, l.found);
	act_opts_init(&o);
	if ((r = act_recover(vg, &o, true, &fixed)))
		log_err(ctx, "Cannot resolve the devices of VG %s: %s.", vg->md->name, strerror(-r));
	else
		log_verbose(ctx, "VG %s: %u device(s) resumed, reloaded, renamed or removed.",
			    vg->md->name, fixed);
}
