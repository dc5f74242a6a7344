/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Civil dates from epoch seconds: pure arithmetic, the proleptic Gregorian calendar. */
#include <limits.h>
#include <stdio.h>

#include "date.h"

#define SECS_PER_DAY 86400
#define DAYS_PER_ERA 146097	/* 400 Gregorian years */
#define EPOCH_FROM_0300_03_01 719468	/* days from 0000-03-01 to 1970-01-01 */
#define EPOCH_WDAY 4	/* 1970-01-01 was a Thursday */
#define TM_YEAR_BASE 1900

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* Howard Hinnant's days_from_civil inverted: eras of 400 years starting in March. */
static void civil_from_days(int64_t days, struct md_date *d)
{
	int64_t z = days + EPOCH_FROM_0300_03_01;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t doe = z - era * DAYS_PER_ERA;	/* day of era, 0-146096 */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);	/* from March 1st */
	int64_t mp = (5 * doy + 2) / 153;	/* month from March, 0-11 */

	d->mday = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	d->mon = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	d->year = yoe + era * 400 + (d->mon <= 2);
	d->wday = (unsigned)((days % 7 + 7 + EPOCH_WDAY) % 7);
}

static bool year_fits_tm(int64_t year)
{
	return year - TM_YEAR_BASE <= INT_MAX && year - TM_YEAR_BASE >= INT_MIN;
}

bool md_date_at(int64_t t, long utc_offset, struct md_date *d)
{
	int64_t local, days, secs;

	/* glibc breaks the instant down at UTC first: that year must fit too */
	civil_from_days(floor_div(t, SECS_PER_DAY), d);
	if (!year_fits_tm(d->year) || __builtin_add_overflow(t, (int64_t)utc_offset, &local))
		return false;
	days = floor_div(local, SECS_PER_DAY);
	secs = local - days * SECS_PER_DAY;
	civil_from_days(days, d);
	if (!year_fits_tm(d->year))
		return false;
	d->hour = (unsigned)(secs / 3600);
	d->min = (unsigned)(secs / 60 % 60);
	d->sec = (unsigned)(secs % 60);
	d->utc_offset = utc_offset;
	return true;
}

/* glibc prints the year of a struct tm as a 32-bit int, wrapping past INT_MAX. */
static long long year32(int64_t year)
{
	uint32_t u = (uint32_t)(uint64_t)year;

	return u >= 0x80000000u ? (long long)u - 0x100000000LL : (long long)u;
}

void md_date_ctime(const struct md_date *d, char *buf, size_t size)
{
	static const char wdays[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

	snprintf(buf, size, "%s %s %2u %02u:%02u:%02u %lld", wdays[d->wday], months[d->mon - 1],
		 d->mday, d->hour, d->min, d->sec, year32(d->year));
}

void md_date_iso(const struct md_date *d, char *buf, size_t size)
{
	long off = d->utc_offset < 0 ? -d->utc_offset : d->utc_offset;

	snprintf(buf, size, "%lld-%02u-%02u %02u:%02u:%02u %c%02ld%02ld", year32(d->year), d->mon,
		 d->mday, d->hour, d->min, d->sec, d->utc_offset < 0 ? '-' : '+', off / 3600,
		 off / 60 % 60);
}
