/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_DEVFILE_H
#define VOLUME_METADATA_DEVFILE_H

/*
 * lvm2's devices file (<system dir>/devices/system.devices): the devices
 * LVM may use, one per line, as "IDTYPE=loop_file IDNAME=/img DEVNAME=/dev/loop3
 * PVID=<32 characters> [PART=1]", after an optional "SYSTEMID=" line and a
 * "VERSION=1.1.<writes>" line.  Pure functions over buffers: the parser
 * reads a text exactly as lvm2 2.03.16 does, the writer writes what lvm2
 * reads back to the same entries.
 */
#include <stdbool.h>
#include <stddef.h>

/* The kinds of device ID.  MD_ID_UNKNOWN: a type this code does not know
 * (it matches no device). */
enum md_idtype {
	MD_ID_UNKNOWN = 0,
	MD_ID_SYS_WWID,
	MD_ID_SYS_SERIAL,
	MD_ID_DEVNAME,
	MD_ID_MPATH_UUID,
	MD_ID_CRYPT_UUID,
	MD_ID_LVMLV_UUID,
	MD_ID_MD_UUID,
	MD_ID_LOOP_FILE,
	MD_ID_TYPES
};

/* One entry.  Every string is malloc'd; NULL where the file has "." or nothing. */
struct md_dfent {
	enum md_idtype type;
	char *type_name;	/* the IDTYPE as written (kept for unknown types) */
	char *idname;
	char *devname;
	char *pvid;		/* the PV UUID without dashes */
	int part;		/* partition number, 0 for a whole device */
};

struct md_devfile {
	char *systemid;		/* the SYSTEMID value, NULL without such a line */
	char *version;		/* the VERSION value, NULL without one (or when empty) */
	struct md_dfent *ent;
	size_t n, cap;
};

/* Lines longer than this are read in pieces, each a line of its own (lvm2's fgets). */
#define MD_DEVFILE_LINE_MAX 4096

/* Parses @len bytes into @out (emptied first).  0 or -ENOMEM (then @out is empty).
 * Nothing else fails: lines that are no entry are skipped, as lvm2 skips them. */
int md_devfile_parse(const char *text, size_t len, struct md_devfile *out);
void md_devfile_free(struct md_devfile *f);

/* The three numbers of VERSION (all 0 when there is none); -EINVAL if it
 * does not read as "%u.%u.%u" (lvm2 then refuses to rewrite the file). */
int md_devfile_version(const struct md_devfile *f, unsigned v[3]);
/* The VERSION a writer writes after reading @f: major 1, minor 1, writes + 1. */
#define MD_DEVFILE_MAJOR 1u
#define MD_DEVFILE_MINOR 1u

/*
 * The text of a devices file: @head (comment lines, each with its '#' and
 * newline; may be NULL), "SYSTEMID=@systemid" if it is not NULL,
 * "VERSION=1.1.@counter", then one line per entry of @f.  Characters that
 * would end a value early (blanks, control characters) are written as '_',
 * a DEVNAME that is not a path as ".".  *@out is malloc'd and NUL-terminated.
 */
int md_devfile_format(const struct md_devfile *f, const char *head, const char *systemid,
		      unsigned counter, char **out, size_t *len);

/* Appends an entry (its strings copied, NULL allowed); NULL on ENOMEM. */
struct md_dfent *md_devfile_add(struct md_devfile *f, enum md_idtype type, const char *idname,
				const char *devname, const char *pvid, int part);
/* Replaces *@dst by a copy of @s (NULL allowed): 0 or -ENOMEM. */
int md_dfent_set(char **dst, const char *s);
/* Moves entry @i to the end, as lvm2 does with an entry it updates. */
void md_devfile_move_last(struct md_devfile *f, size_t i);

const char *md_idtype_name(enum md_idtype t);	/* "unknown" for MD_ID_UNKNOWN */
enum md_idtype md_idtype_parse(const char *s);	/* MD_ID_UNKNOWN if not a type name */

/* Is @name usable as a devices file name (lvm2's name rules: [A-Za-z0-9+_.-],
 * not starting with '-', not "." or "..", at most 127 characters)? */
bool md_devfile_name_valid(const char *name);

#endif
