/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sizes in messages, as lvm2 prints them: the largest binary unit not
 * above the size, two decimals (printf's rounding, as lvm2's), none for
 * bytes, "<" in front when the two decimals were rounded up; zero is "0"
 * and three spaces, where the unit would stand.
 */
#include <stdbool.h>
#include <stdio.h>

#include "display.h"

const char *size_str(uint64_t bytes, char buf[SIZE_STR_LEN])
{
	static const char *const unit[] = { " EiB", " PiB", " TiB", " GiB", " MiB", " KiB", " B" };
	uint64_t base = 1ull << 60;
	unsigned s = 0;
	unsigned __int128 rest;
	bool up;

	if (!bytes) {
		snprintf(buf, SIZE_STR_LEN, "0   ");
		return buf;
	}
	while (s < 6 && bytes < base) {
		base >>= 10;
		s++;
	}
	/* lvm2's default units ("r"): "<" when the hundredths were rounded up */
	rest = (unsigned __int128)bytes * 100 % base;
	up = 2 * rest > base || (2 * rest == base && ((unsigned __int128)bytes * 100 / base) % 2);
	snprintf(buf, SIZE_STR_LEN, "%s%.*f%s", s < 6 && up ? "<" : "", s == 6 ? 0 : 2,
		 (double)bytes / (double)base, unit[s]);
	return buf;
}
