/* SPDX-License-Identifier: GPL-2.0-or-later */
/* LV command arguments, parsed as lvm2 parses them (lvargs.c). */
#ifndef VOLUME_LVARGS_H
#define VOLUME_LVARGS_H

#include "cli.h"

/* Which signs a size option takes (lvcreate/lvextend: [+], lvreduce: [-], lvresize: both). */
enum sign_rule { SIGN_PLUS, SIGN_MINUS, SIGN_ANY };

/* -L SIZE, -I SIZE: 0, or an exit code after lvm2's messages.  A number
 * without a unit is 2^@default_shift bytes (-L: MiB, 20; -I: KiB, 10). */
int arg_size(struct cli *c, const char *opt, const char *arg, enum sign_rule rule,
	     int default_shift, struct vol_size *out);
/* -l N[%VG|%FREE|%PVS|%LV|%ORIGIN]: 0, or an exit code. */
int arg_extents(struct cli *c, const char *arg, enum sign_rule rule, struct vol_size *out);

/* --alloc POLICY: 0, or an exit code after lvm2's messages. */
int arg_alloc(struct cli *c, const char *arg, enum vol_alloc *out);
/* lvm2's tag rule for --addtag and --deltag (a leading '@' is dropped). */
bool valid_tag(const char *tag);
/* -R/--regionsize (default unit MiB), checked as lvm2 checks it: a power of
 * 2, a multiple of the page size; into bytes.  0, or exit 3 after lvm2's
 * messages. */
int arg_region_size(const char *arg, uint64_t *bytes);
/* --minrecoveryrate/--maxrecoveryrate SIZE[kmg...] (default unit KiB), per
 * second, into KiB/s as lvm2 records it.  0, or exit 3. */
int arg_rate(const char *opt, const char *arg, uint32_t *kib);

/* -r/--readahead auto|none|SIZE (default unit sectors), as lvm2 reads it:
 * *autom set for auto, else *sectors (0: none).  0, or exit 3 after lvm2's
 * messages. */
int arg_readahead(struct cli *c, const char *arg, bool *autom, uint32_t *sectors);

/* An LV named "vg/lv", "/dev/vg/lv" or "/dev/mapper/vg-lv" (hyphens undoubled),
 * or a bare "lv" with @default_vg (may be NULL).  Fills @vg and @lv. */
int split_lv_name(const char *arg, const char *default_vg, char *vg, size_t vglen, char *lv,
		  size_t lvlen);
/* "PV[:ranges]" arguments from argv[first..argc). */
int pv_specs(struct cli *c, int argc, char **argv, int first, struct vol_pv_spec **out,
	     size_t *n);
void pv_specs_free(struct vol_pv_spec *v, size_t n);

#endif
