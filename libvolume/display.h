/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: sizes in messages, as lvm2 prints them (display.c). */
#ifndef VOLUME_DISPLAY_H
#define VOLUME_DISPLAY_H

#include "internal.h"

#define SIZE_STR_LEN 32

/* lvm2's display_size(): "12.00 MiB", "512 B", and "0   " for zero. */
const char *size_str(uint64_t bytes, char buf[SIZE_STR_LEN]);

#endif
