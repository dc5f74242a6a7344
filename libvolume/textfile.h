/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: whole small text files (configuration, the devices file). */
#ifndef VOLUME_TEXTFILE_H
#define VOLUME_TEXTFILE_H

#include <stddef.h>

/* Reads all of @path into a new buffer (freed by the caller), NUL-terminated
 * beyond *len.  0 or -errno (-ENOENT when there is no such file). */
int text_file_read(const char *path, char **text, size_t *len);

#endif
