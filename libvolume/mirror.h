/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's old-style mirrors (segment type "mirror") in the model, as pure
 * data: lvm2 makes them (lvcreate --type mirror), we read, map and reduce
 * them.  A mirror LV has one segment naming its images (the hidden
 * <lv>_mimage_N sub-LVs, each as long as the LV, used from extent 0) and,
 * unless its log is in core, its disk log (the hidden <lv>_mlog sub-LV).
 */
#ifndef VOLUME_MIRROR_H
#define VOLUME_MIRROR_H

#include <stdbool.h>
#include <stdint.h>

#include "vg.h"

#define MSEG_MAX_IMAGES 8	/* lvm2's DEFAULT_MIRROR_MAX_IMAGES */

struct mseg {
	uint32_t n;			/* images */
	int32_t images[MSEG_MAX_IMAGES];	/* LV indices */
	int32_t log;			/* the disk log's LV index; -1: core log */
	uint64_t region_size;		/* sectors; 0 when absent */
};

/* Is @s a "mirror" segment? */
bool mseg_is(const struct md_seg *s);
/*
 * The images, log and region size of mirror segment @s: 0; -EINVAL when
 * the segment names an LV that does not exist, an image from another
 * extent than 0, or no image; -EOPNOTSUPP for more images than we handle.
 */
int mseg_parse(const struct md_vg *vg, const struct md_seg *s, struct mseg *m);
/* The mirror LV whose segment names LV @lv as image or log, or -1; *@is_log says which. */
int32_t mseg_owner(const struct md_vg *vg, uint32_t lv, bool *is_log);
/* Is LV @lv an old-style mirror (one mirror segment)? */
bool mseg_lv_is_mirror(const struct md_vg *vg, uint32_t lv);

#endif
