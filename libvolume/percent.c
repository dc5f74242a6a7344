/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lvm2's percentages of a kernel status (percent.h). */
#include "percent.h"

int32_t percent_of(uint64_t num, uint64_t den)
{
	int32_t p;

	if (!den || num == den)
		return PERCENT_100;
	if (!num)
		return 0;
	p = (int32_t)(PERCENT_100 * ((double)num / (double)den));
	return p == PERCENT_100 ? PERCENT_100 - 1 : p == 0 ? 1 : p;
}
