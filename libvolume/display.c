/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sizes in messages, as lvm2 prints them: the largest binary unit not
 * above the size, two decimals (printf's rounding, as lvm2's), none for
 * bytes; zero is "0" and three spaces, where the unit would stand.
 */
#include <stdio.h>

#include "display.h"

const char *size_str(uint64_t bytes, char buf[SIZE_STR_LEN])
{
	static const char *const unit[] = { " EiB", " PiB", " TiB", " GiB", " MiB", " KiB", " B" };
	uint64_t base = 1ull << 60;
	unsigned s = 0;

	if (!bytes) {
		snprintf(buf, SIZE_STR_LEN, "0   ");
		return buf;
	}
	while (s < 6 && bytes < base) {
		base >>= 10;
		s++;
	}
	snprintf(buf, SIZE_STR_LEN, "%.*f%s", s == 6 ? 0 : 2, (double)bytes / (double)base, unit[s]);
	return buf;
}
