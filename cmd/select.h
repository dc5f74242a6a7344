/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -S/--select: lvm2's selection language over report fields.
 *
 *   pv_free < 50m && (vg_name = vg0 || !(vg_tags = {alpha,beta})) && pv_name =~ ^/dev/sd
 *
 * Comparisons: = != < <= > >= on numbers and sizes (with units: 50m,
 * 4096b); = and != on text, on flags (1, yes, true or the flag's name mean
 * set, anything else unset) and on tag lists (a: has tag a; [a,b]: exactly
 * these; {a,b}: all of these; "" or []: none); =~ and !~ (POSIX extended
 * regular expressions) on the text of any field, sizes in bytes.  Values
 * may be quoted with " or '.  && binds tighter than ||, ! negates, and
 * parentheses group.
 *
 * Pure: the fields come from the tables it is given and their values from
 * the caller's callback, so it runs on any rows.
 */
#ifndef VOLUME_SELECT_H
#define VOLUME_SELECT_H

#include "field.h"

struct sel;

/* Parses @text over the fields of @tables (as field_find() finds them).
 * Returns 0 and *@out; -EINVAL with *@why saying what is wrong; -ENOMEM. */
int sel_parse(const char *text, const struct field_table *const *tables, struct sel **out,
	      const char **why);
void sel_free(struct sel *s);

/* How a selection reads a row: @f's value in @row, as field_value() gives it.
 * 0 or -ENOMEM; the selection calls field_val_done() on @v either way. */
typedef int sel_get_fn(const struct field *f, const void *row, struct field_val *v);

/* Does @s compare a field of @t? */
bool sel_uses(const struct sel *s, const struct field_table *t);

/* 1 if @row matches @s, 0 if it does not, -ENOMEM. */
int sel_match(const struct sel *s, sel_get_fn *get, const void *row);

#endif
