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
/* A --units argument: one of h H b B s S k K m M g G t T p P e E r R.  0 or -EINVAL. */
int parse_units(const char *s, char *unit);

/*
 * A --units argument as lvm2 takes it, a number allowed in front: "4k" is a
 * unit of 4 KiB, shown as 'U'; "1.5k" keeps 'k' with 1536 bytes (lvm2's
 * way); "4h" is 'h'.  *@factor: bytes per unit, 0 for the unit's own.
 * 0 or -EINVAL ("0k", "10", "kk").
 */
int parse_units_factor(const char *s, char *unit, uint64_t *factor);

/* Human-readable size as lvm2 prints it ("60.00m", "<1.97g") in @unit (see units.c). */
void fmt_size(uint64_t bytes, char unit, bool suffix, char *buf, size_t len);
/* The same in units of @factor bytes (parse_units_factor(); 0: @unit's own). */
void fmt_size_factor(uint64_t bytes, char unit, uint64_t factor, bool suffix, char *buf,
		     size_t len);
/* Does fmt_size print bare numbers ("60.00", "512") with these settings? */
bool fmt_size_is_number(char unit, bool suffix);
/* A percent in lvm2's units (millionths of a percent, 100000000 = 100%) as
 * lvm2's reports print it: "%.2f" of libdevmapper's rounding, which never
 * shows 0.00 or 100.00 for what is not exactly that (Cpy%Sync, Data%). */
void fmt_percent(int32_t p, char *buf, size_t len);
/* "60.00 MiB", as lvm2's display commands print sizes. */
void fmt_size_long(uint64_t bytes, char *buf, size_t len);

#endif
