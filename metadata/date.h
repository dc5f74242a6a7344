/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_DATE_H
#define VOLUME_METADATA_DATE_H

/*
 * The dates lvm2 writes in comments, computed by arithmetic alone: no time
 * zone database, no locale, no libc time functions (even gmtime_r reads the
 * TZ variable on first use).  The caller supplies the offset from UTC.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct md_date {
	int64_t year;
	unsigned mon;		/* 1-12 */
	unsigned mday;		/* 1-31 */
	unsigned hour, min, sec;
	unsigned wday;		/* 0 = Sunday */
	long utc_offset;	/* seconds east of UTC */
};

/*
 * The civil date of @t (seconds since the epoch) at @utc_offset seconds east
 * of UTC.  False, as localtime_r fails, when the year does not fit struct
 * tm (an int counted from 1900).
 */
bool md_date_at(int64_t t, long utc_offset, struct md_date *d);

/* strftime "%a %b %e %H:%M:%S %Y" in the C locale: "Thu Nov 26 08:59:19 2026". */
void md_date_ctime(const struct md_date *d, char *buf, size_t size);

/* strftime "%Y-%m-%d %T %z": "2026-11-26 08:59:19 +0100". */
void md_date_iso(const struct md_date *d, char *buf, size_t size);

#endif
