/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: the commit protocol (commit.c). */
#ifndef VOLUME_COMMIT_H
#define VOLUME_COMMIT_H

struct vol_vg;

/* Writes @vg->md to every metadata area of every present PV (and labels of
 * new PVs, and orphans removed ones), in lvm2's order, with fault points. */
int commit_vg(struct vol_vg *vg);
/* Clears the metadata of every PV of @vg and orphans them. */
int commit_remove(struct vol_vg *vg);

#endif
