/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * pvck --repair -f FILE: the metadata file, read and checked as lvm2
 * 2.03.16's pvck does (raw text from pvck --dump metadata -f, or a backup
 * file, which is turned into raw text first).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crc.h"
#include "ctx.h"
#include "pvrepair.h"
#include "repair.h"

#define VG_NAME_MAX 128u

static int slurp(struct vol_ctx *ctx, const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t got = -1;

	*buf = NULL;
	if (fd < 0) {
		log_err(ctx, "Cannot open file: %s", path);
		return -ENOENT;
	}
	if (fstat(fd, &st)) {
		log_err(ctx, "Cannot access file: %s", path);
		close(fd);
		return -EIO;
	}
	if (!st.st_size) {
		log_err(ctx, "Empty file: %s", path);
		close(fd);
		return -EINVAL;
	}
	if ((*buf = malloc((size_t)st.st_size + 1)))
		got = read(fd, *buf, (size_t)st.st_size);
	close(fd);
	if (!*buf)
		return -ENOMEM;
	if (got != st.st_size) {
		log_err(ctx, "Cannot read file: %s", path);
		free(*buf);
		*buf = NULL;
		return -EIO;
	}
	(*buf)[st.st_size] = '\0';	/* the NUL the text ends with on disk */
	*len = (size_t)st.st_size + 1;
	return 0;
}

/* lvm2's checks of the raw text: 0, or -EINVAL after saying why. */
static int check_text(struct vol_ctx *ctx, const char *dev, struct repair_file *f)
{
	const char *t = f->text, *id;
	size_t n = f->len;

	if (n < VG_NAME_MAX + 1) {
		log_err(ctx, "Invalid raw text metadata in file.  File size is too small.");
		return -EINVAL;
	}
	if (isspace((unsigned char)t[0]) && isspace((unsigned char)t[1]) && strstr(t, "---")) {
		log_err(ctx, "Invalid raw text metadata in file.");
		log_err(ctx, "(pvck stdout is not valid input, see pvck -f.)");
		return -EINVAL;
	}
	if (md_is_backup_file(t, n)) {
		log_err(ctx, "Invalid raw text metadata in file.");
		log_err(ctx, "(metadata backup file is not valid input.)");
		return -EINVAL;
	}
	if (t[n - 1] || t[n - 2] != '\n' || t[n - 3] != '\n')
		log_warn(ctx, "unexpected final bytes of raw metadata, expected \\n\\n\\0.");
	if (md_vgname_start(t, n)) {
		if (!(id = strstr(t, "id = "))) {
			log_err(ctx, "Invalid raw text metadata in file.  (No VG UUID found.)");
			return -EINVAL;
		}
		snprintf(f->vgid, sizeof(f->vgid), "%.38s", id + 6);
		return 0;
	}
	log_warn(ctx, "file data does not begin with a VG name and may be invalid.");
	if (!confirm(ctx, &(struct vol_confirm_info){ .kind = VOL_Q_REPAIR_ODD_FILE, .device = dev,
		      .question = "Write input file data to disk?" })) {
		log_err(ctx, "Invalid raw text metadata in file.");
		return -EINVAL;
	}
	return 0;
}

int repair_file_read(struct vol_ctx *ctx, const char *dev, const char *path, struct repair_file *f)
{
	char *buf;
	size_t len;
	int r;

	memset(f, 0, sizeof(*f));
	if ((r = slurp(ctx, path, &buf, &len)))
		return r;
	if (md_is_backup_file(buf, len)) {
		r = md_backup_to_raw(buf, len, &f->text, &f->len);
		free(buf);
		if (r)
			return r;
	} else {
		f->text = buf;
		f->len = len;
	}
	if ((r = check_text(ctx, dev, f))) {
		free(f->text);
		f->text = NULL;
		return r;
	}
	f->crc = md_crc(MD_CRC_SEED, f->text, f->len);
	f->path = path;
	return 0;
}
