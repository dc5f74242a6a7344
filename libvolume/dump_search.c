/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --dump metadata_area, metadata_all and metadata_search: raw reads of
 * a device or an image file (no O_DIRECT: image files may sit on tmpfs),
 * the metadata areas its PV header lists, and the search for every copy of
 * metadata text in an area, old ones included, as lvm2's pvck finds them.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "crc.h"
#include "ctx.h"
#include "disk.h"

#define AREA_HEADER 512u
#define MIN_COPY 256u	/* shorter "copies" are not metadata (lvm2's bound) */

VOL_EXPORT int vol_dump_read(struct vol_ctx *ctx, const char *dev, uint64_t offset, uint64_t len,
			     unsigned char **buf)
{
	int fd = open(dev, O_RDONLY | O_CLOEXEC);
	uint64_t got = 0;
	ssize_t n = 1;

	*buf = NULL;
	if (fd < 0) {
		log_err(ctx, "Cannot open %s: %s.", dev, strerror(errno));
		return -errno;
	}
	if (!(*buf = calloc(1, len + 1))) {
		close(fd);
		return -ENOMEM;
	}
	while (got < len && n > 0)
		if ((n = pread(fd, *buf + got, len - got, (off_t)(offset + got))) > 0)
			got += (uint64_t)n;
	close(fd);
	if (n < 0) {
		log_err(ctx, "Cannot read %s at %" PRIu64 ": %s.", dev, offset + got, strerror(errno));
		free(*buf);
		*buf = NULL;
		return -EIO;
	}
	return 0;
}

/* The size of a device or a file: where its end is. */
static uint64_t size_of(const char *dev)
{
	int fd = open(dev, O_RDONLY | O_CLOEXEC);
	off_t end = fd < 0 ? 0 : lseek(fd, 0, SEEK_END);

	if (fd >= 0)
		close(fd);
	return end > 0 ? (uint64_t)end : 0;
}

VOL_EXPORT int vol_dump_mda_locations(struct vol_ctx *ctx, const char *dev, uint64_t offset[2],
				      uint64_t size[2], unsigned *n, uint64_t *dev_size)
{
	unsigned char *buf;
	struct md_label l;
	const char *why;
	int r = vol_dump_read(ctx, dev, 0, MD_LABEL_SCAN_SECTORS * MD_SECTOR, &buf);

	*n = 0;
	*dev_size = size_of(dev);
	if (r)
		return r;
	r = md_label_find(buf, MD_LABEL_SCAN_SECTORS * MD_SECTOR, &l, &why);
	free(buf);
	if (r && r != -EBADMSG)
		return -ENOENT;
	for (unsigned i = 0; i < l.n_mda && i < 2; i++) {
		offset[i] = l.mda[i].offset;
		size[i] = l.mda[i].size;
		(*n)++;
	}
	return 0;
}

/* The line at @p (up to @max bytes, its newline included) into @line. */
static size_t copy_line(const unsigned char *p, size_t max, char *line, size_t room)
{
	size_t i = 0;

	while (i < max && i + 1 < room) {
		line[i] = (char)p[i];
		if (p[i++] == '\n' || !p[i - 1])
			break;
	}
	line[i] = 0;
	return i;
}

/* "NAME {": the length of NAME, or 0. */
static size_t vgname_start(const char *line)
{
	size_t n = strspn(line, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+");

	return n && n <= 128 && line[n] == ' ' && line[n + 1] == '{' ? n : 0;
}

/* The copy's header lines at @p: NAME {, id = "...", seqno = N. */
static bool copy_head(const unsigned char *p, size_t max, struct vol_md_copy *c)
{
	char line[128];
	size_t n, k;

	memset(c, 0, sizeof(*c));
	k = copy_line(p, max, line, sizeof(line));
	if (!(n = vgname_start(line)))
		return false;
	memcpy(c->vgname, line, n);
	k += copy_line(p + k, max - k, line, sizeof(line));
	if (strncmp(line, "id = ", 5))
		return false;
	snprintf(c->id, sizeof(c->id), "%.38s", line + 6);
	copy_line(p + k, max - k, line, sizeof(line));
	return !strncmp(line, "seqno = ", 8) && sscanf(line, "seqno = %u", &c->seqno) == 1;
}

/*
 * The text of the copy at @at of @area (@size bytes) up to its NUL; one
 * that runs to the end goes on after the area header, up to @stop.  NULL
 * when it has no end; *@len counts the NUL.
 */
static char *copy_text(const unsigned char *area, uint64_t size, uint64_t at, uint64_t stop,
		       uint64_t *len)
{
	const unsigned char *z = memchr(area + at, 0, size - at);
	uint64_t a = z ? (uint64_t)(z - area) - at : size - at, b = 0;
	char *t;

	if (!z) {
		if (stop <= AREA_HEADER ||
		    !(z = memchr(area + AREA_HEADER, 0, stop - AREA_HEADER)))
			return NULL;
		b = (uint64_t)(z - area) - AREA_HEADER;
	}
	*len = a + b + 1;
	if (!(t = malloc(*len)))
		return NULL;
	memcpy(t, area + at, a);
	memcpy(t + a, area + AREA_HEADER, b);
	t[a + b] = 0;
	return t;
}

static bool parses(const char *text, uint64_t len)
{
	struct md_arena *a = md_arena_new();
	struct md_cn *root = NULL;
	bool ok = a && !md_cfg_parse(a, text, len, &root, NULL) && root;

	md_arena_free(a);
	return ok;
}

VOL_EXPORT int vol_dump_search(struct vol_ctx *ctx, const char *dev, uint64_t offset,
			       uint64_t size, uint64_t only, uint32_t seqno, vol_copy_fn *fn,
			       void *usrptr)
{
	unsigned char *area;
	uint64_t first = 0, blocks = size > AREA_HEADER ? (size - AREA_HEADER) / 512 : 0;
	struct vol_md_copy c;
	int r = vol_dump_read(ctx, dev, offset, size, &area);

	for (uint64_t k = 0; !r && k < blocks;) {
		uint64_t at = AREA_HEADER + k * 512, len = 0;
		char *text;

		if ((only && offset + at != only) || !copy_head(area + at, size - at, &c) ||
		    (seqno && c.seqno != seqno)) {
			k++;
			continue;
		}
		if (!(text = copy_text(area, size, at, first ? first : at, &len)) || len < MIN_COPY) {
			if (text)
				log_info(ctx, "skip invalid metadata with len %" PRIu64 " at %" PRIu64,
					 len - 1, at);
			else
				log_err(ctx, "Failed to extract full metadata text at %" PRIu64
					 ", skipping.", offset + at);
			free(text);
			k++;
			continue;
		}
		c.offset = offset + at;
		c.len = len;
		c.crc = md_crc(MD_CRC_SEED, text, len);
		c.parses = parses(text, len);
		c.bad_end = len < 3 || text[len - 2] != '\n' || text[len - 3] != '\n';
		c.text = text;
		fn(&c, usrptr);
		free(text);
		first = first ? first : at;
		k += len < 512 ? 1 : (len + 511) / 512;
		if (only || seqno)
			break;
	}
	free(area);
	return r;
}
