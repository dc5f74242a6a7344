/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Whole small text files, read in one go. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "textfile.h"

int text_file_read(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	int r = 0;

	*text = NULL;
	*len = 0;
	if (!f)
		return -errno;
	do {
		if (n + 4096 >= cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 16384);

			if (!nb) {
				r = -ENOMEM;
				break;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	if (!r && ferror(f))
		r = -EIO;
	fclose(f);
	if (r) {
		free(buf);
		return r;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}
