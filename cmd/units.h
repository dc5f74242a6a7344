/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sizes and numbers as the command line takes them and the reports show
 * them, in lvm2's units.  Pure: no library calls, no output.
 */
#ifndef VOLUME_UNITS_H
#define VOLUME_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "32k" -> bytes.  @def_unit applies when the number has no suffix ('m', 'k', 'b'...).
 * 0 or -EINVAL. */
int parse_size(const char *s, char def_unit, uint64_t *out);
/* A decimal number no bigger than @max.  0 or -EINVAL. */
int parse_uint(const char *s, uint64_t max, uint64_t *out);
/* A --units argument as lvm2 takes it: a unit letter (h H r R b B s S k K
 * m M g G t T p P e E), optionally after a number: "4k" is the unit 'U' of
 * *@factor = 4096 bytes, "1m" and "1.5m" keep the letter ('m', 1 MiB and
 * 1.5 MiB).  *@factor is 0 for a bare letter.  0 or -EINVAL. */
int parse_units_factor(const char *s, char *unit, uint64_t *factor);
/* A bare unit letter only.  0 or -EINVAL. */
int parse_units(const char *s, char *unit);

/* How a size is written: "60.00m" (reports) or "60.00 MiB" (display commands). */
enum size_style { SIZE_UNIT, SIZE_SHORT };
/* A size as lvm2 writes it in @unit (see units.c), @factor bytes a unit when
 * not 0 (--units 4k).  Human units always have their suffix, except a zero. */
void fmt_size_as(uint64_t bytes, char unit, uint64_t factor, bool suffix, enum size_style st,
		 char *buf, size_t len);

/* Human-readable size as lvm2 prints it ("60.00m", "<1.97g") in @unit (see units.c). */
void fmt_size(uint64_t bytes, char unit, bool suffix, char *buf, size_t len);
/* Does fmt_size print bare numbers ("60.00", "512") with these settings? */
/* fmt_size_as() of a report cell (parse_units_factor(); @factor 0: @unit's own). */
void fmt_size_factor(uint64_t bytes, char unit, uint64_t factor, bool suffix, char *buf,
		     size_t len);
bool fmt_size_is_number(char unit, bool suffix);
/* A percent in lvm2's units (millionths of a percent, 100000000 = 100%) as
 * lvm2's reports print it: "%.2f" of libdevmapper's rounding, which never
 * shows 0.00 or 100.00 for what is not exactly that (Cpy%Sync, Data%). */
void fmt_percent(int32_t p, char *buf, size_t len);
/* "60.00 MiB", as lvm2's display commands print sizes. */
void fmt_size_long(uint64_t bytes, char *buf, size_t len);
/* The unit fmt_size_long() uses from now on (pvdisplay --units m), as
 * parse_units_factor() gives it. */
void fmt_set_display_units(char unit, uint64_t factor);

#endif
