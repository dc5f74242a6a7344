/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: where a PV's metadata areas, bootloader area and data go (layout.c, pure). */
#ifndef VOLUME_LAYOUT_H
#define VOLUME_LAYOUT_H

#include "disk.h"
#include "internal.h"

struct pv_layout {
	uint64_t dev_size;	/* bytes, as recorded in the label */
	uint64_t pe_start;	/* bytes */
	unsigned n_mda;
	struct md_area mda[MD_MAX_MDAS];
	uint64_t ba_start, ba_size;
	unsigned label_sector;
	bool mda_ignored;	/* areas marked ignored: kept, never written */
};
int pv_layout_compute(const struct vol_pv_params *p, uint64_t dev_size, struct pv_layout *out,
		      const char **why);
/* pvcreate --restorefile with two areas: the second one after the restored
 * data (which ends at byte @data_end), lvm2's way.  -ENOSPC or -ERANGE. */
int pv_layout_restore_end_mda(struct pv_layout *l, uint64_t data_end, uint64_t mdasize,
			      uint64_t align);
/* Extents that fit after pe_start and before a second metadata area. */
uint64_t pv_layout_pe_count(const struct pv_layout *l, uint64_t extent_bytes);
/* pvresize to @size bytes: the metadata area at the end (if any) moves so
 * that it ends there, keeping its size, as lvm2 moves it.  -ENOSPC, with
 * *why, when it would reach below the data start. */
int pv_layout_move_end_mda(struct md_label *lab, uint64_t size, const char **why);
void pv_layout_from_label(const struct md_label *lab, struct pv_layout *out);
void pv_layout_to_label(const struct pv_layout *l, const char *uuid, bool used,
			struct md_label *out);

#endif
