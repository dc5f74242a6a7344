/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: lvm2's percentages of a kernel status (dm_make_percent in
 * libdm-report.c): millionths of a percent, 100 only when complete, 0 only
 * when nothing is done. */
#ifndef VOLUME_PERCENT_H
#define VOLUME_PERCENT_H

#include <stdint.h>

#define PERCENT_100 100000000	/* lvm2's DM_PERCENT_100 */

/* @num of @den as lvm2 rounds it (@den 0: 100%). */
int32_t percent_of(uint64_t num, uint64_t den);

#endif
