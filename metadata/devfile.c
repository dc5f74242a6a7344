/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * lvm2's devices file, read the way lvm2 2.03.16 reads it: line by line in
 * pieces of at most 4095 bytes; '#' in the first column is a comment; a
 * line starting with SYSTEMID or VERSION gives that value; any other line
 * is an entry if IDTYPE and IDNAME occur in it.  Each key is looked for
 * anywhere in the line, and its value starts after the next '=' (spaces
 * skipped) and runs to a space, a newline or the end of the line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "devfile.h"

static const char *const type_names[MD_ID_TYPES] = {
	[MD_ID_UNKNOWN] = "unknown",
	[MD_ID_SYS_WWID] = "sys_wwid",
	[MD_ID_SYS_SERIAL] = "sys_serial",
	[MD_ID_DEVNAME] = "devname",
	[MD_ID_MPATH_UUID] = "mpath_uuid",
	[MD_ID_CRYPT_UUID] = "crypt_uuid",
	[MD_ID_LVMLV_UUID] = "lvmlv_uuid",
	[MD_ID_MD_UUID] = "md_uuid",
	[MD_ID_LOOP_FILE] = "loop_file",
};

const char *md_idtype_name(enum md_idtype t)
{
	return (unsigned)t < MD_ID_TYPES ? type_names[t] : type_names[MD_ID_UNKNOWN];
}

enum md_idtype md_idtype_parse(const char *s)
{
	for (unsigned t = MD_ID_UNKNOWN + 1; t < MD_ID_TYPES; t++)
		if (!strcmp(s, type_names[t]))
			return (enum md_idtype)t;
	return MD_ID_UNKNOWN;
}

bool md_devfile_name_valid(const char *name)
{
	size_t len = name ? strlen(name) : 0;

	if (!len || len > 127 || name[0] == '-' || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const char *c = name; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("._-+", *c))
			return false;
	return true;
}

int md_dfent_set(char **dst, const char *s)
{
	char *d = NULL;

	if (s && !(d = strdup(s)))
		return -ENOMEM;
	free(*dst);
	*dst = d;
	return 0;
}

static void free_ent(struct md_dfent *e)
{
	free(e->type_name);
	free(e->idname);
	free(e->devname);
	free(e->pvid);
	memset(e, 0, sizeof(*e));
}

void md_devfile_free(struct md_devfile *f)
{
	for (size_t i = 0; i < f->n; i++)
		free_ent(&f->ent[i]);
	free(f->ent);
	free(f->systemid);
	free(f->version);
	memset(f, 0, sizeof(*f));
}

struct md_dfent *md_devfile_add(struct md_devfile *f, enum md_idtype type, const char *idname,
				const char *devname, const char *pvid, int part)
{
	struct md_dfent *e;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct md_dfent *v = realloc(f->ent, cap * sizeof(*v));

		if (!v)
			return NULL;
		f->ent = v;
		f->cap = cap;
	}
	e = &f->ent[f->n];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->part = part;
	if (md_dfent_set(&e->idname, idname) || md_dfent_set(&e->devname, devname) ||
	    md_dfent_set(&e->pvid, pvid)) {
		free_ent(e);
		return NULL;
	}
	f->n++;
	return e;
}

void md_devfile_move_last(struct md_devfile *f, size_t i)
{
	struct md_dfent e;

	if (i >= f->n)
		return;
	e = f->ent[i];
	memmove(&f->ent[i], &f->ent[i + 1], (f->n - i - 1) * sizeof(e));
	f->ent[f->n - 1] = e;
}

/* The value of the key at @key: after the next '=', leading spaces skipped,
 * up to a space, a newline or the end.  "" when no '=' follows. */
static void key_value(const char *key, char *dst, size_t cap)
{
	const char *s = strchr(key, '=');
	size_t n = 0;

	if (s) {
		for (s++; *s == ' '; s++)
			;
		while (*s && *s != ' ' && *s != '\n' && n + 1 < cap)
			dst[n++] = *s++;
	}
	dst[n] = '\0';
}

/* A value that is there: neither empty nor starting with '.'. */
static const char *present(const char *v)
{
	return v[0] && v[0] != '.' ? v : NULL;
}

/* Sets *@dst to the value of @key in the line (left NULL when @key is NULL or the value absent). */
static int take(const char *key, char **dst, char *buf)
{
	if (!key)
		return 0;
	key_value(key, buf, MD_DEVFILE_LINE_MAX);
	return md_dfent_set(dst, present(buf));
}

static int parse_entry(const char *line, struct md_devfile *f)
{
	const char *type = strstr(line, "IDTYPE"), *idname = strstr(line, "IDNAME");
	const char *part = strstr(line, "PART");
	char buf[MD_DEVFILE_LINE_MAX];
	struct md_dfent *e;

	if (!type || !idname)
		return 0;
	if (!(e = md_devfile_add(f, MD_ID_UNKNOWN, NULL, NULL, NULL, 0)))
		return -ENOMEM;
	key_value(type, buf, sizeof(buf));
	e->type = buf[0] ? md_idtype_parse(buf) : MD_ID_UNKNOWN;
	if (md_dfent_set(&e->type_name, buf[0] ? buf : NULL) || take(idname, &e->idname, buf) ||
	    take(strstr(line, "DEVNAME"), &e->devname, buf) || take(strstr(line, "PVID"), &e->pvid, buf))
		return -ENOMEM;
	if (part) {
		key_value(part, buf, sizeof(buf));
		if (present(buf))
			e->part = atoi(buf);
	}
	return 0;
}

/* SYSTEMID and VERSION: the last line of each wins, as in lvm2. */
static int parse_line(const char *line, struct md_devfile *f)
{
	char buf[MD_DEVFILE_LINE_MAX];

	if (line[0] == '#')
		return 0;
	if (!strncmp(line, "SYSTEMID", 8)) {
		key_value(line, buf, sizeof(buf));
		return md_dfent_set(&f->systemid, buf);
	}
	if (!strncmp(line, "VERSION", 7)) {
		key_value(line, buf, sizeof(buf));
		return md_dfent_set(&f->version, buf[0] ? buf : NULL);
	}
	return parse_entry(line, f);
}

int md_devfile_parse(const char *text, size_t len, struct md_devfile *out)
{
	char line[MD_DEVFILE_LINE_MAX];
	size_t pos = 0;

	memset(out, 0, sizeof(*out));
	while (pos < len) {
		size_t n = 0;

		/* fgets: at most 4095 bytes, the newline included. */
		while (pos + n < len && n < sizeof(line) - 1 && (n == 0 || text[pos + n - 1] != '\n'))
			n++;
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n;
		if (parse_line(line, out)) {
			md_devfile_free(out);
			return -ENOMEM;
		}
	}
	return 0;
}

int md_devfile_version(const struct md_devfile *f, unsigned v[3])
{
	v[0] = v[1] = v[2] = 0;
	if (!f->version)
		return 0;
	return sscanf(f->version, "%u.%u.%u", &v[0], &v[1], &v[2]) == 3 ? 0 : -EINVAL;
}

/* A value as one word: "." when absent, blanks and control characters as '_'. */
static void put_value(struct md_buf *b, const char *v)
{
	if (!v || !*v) {
		md_buf_putc(b, '.');
		return;
	}
	for (; *v; v++)
		md_buf_putc(b, isspace((unsigned char)*v) || iscntrl((unsigned char)*v) ? '_' : *v);
}

static void put_entry(struct md_buf *b, const struct md_dfent *e)
{
	const char *type = e->type != MD_ID_UNKNOWN || !e->type_name ? md_idtype_name(e->type)
								      : e->type_name;

	md_buf_puts(b, "IDTYPE=");
	put_value(b, type);
	md_buf_puts(b, " IDNAME=");
	put_value(b, e->idname);
	md_buf_puts(b, " DEVNAME=");
	put_value(b, e->devname && e->devname[0] == '/' ? e->devname : NULL);
	md_buf_puts(b, " PVID=");
	put_value(b, e->pvid);
	if (e->part)
		md_buf_printf(b, " PART=%d", e->part);
	md_buf_putc(b, '\n');
}

int md_devfile_format(const struct md_devfile *f, const char *head, const char *systemid,
		      unsigned counter, char **out, size_t *len)
{
	struct md_buf b;

	md_buf_init(&b);
	if (head)
		md_buf_puts(&b, head);
	if (systemid) {
		md_buf_puts(&b, "SYSTEMID=");
		put_value(&b, systemid);
		md_buf_putc(&b, '\n');
	}
	md_buf_printf(&b, "VERSION=%u.%u.%u\n", MD_DEVFILE_MAJOR, MD_DEVFILE_MINOR, counter);
	for (size_t i = 0; i < f->n; i++)
		put_entry(&b, &f->ent[i]);
	if (b.err) {
		int r = b.err;

		md_buf_free(&b);
		return r;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}
