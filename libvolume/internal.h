/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Private to libvolume: what every file of the library shares.  Each
 * module has its own private header (ctx.h, io.h, scan.h, vgobj.h, ...);
 * this one only holds the export marker and the units.
 */
#ifndef VOLUME_INTERNAL_H
#define VOLUME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "volume.h"

#define VOL_EXPORT __attribute__((visibility("default")))

#define SECTOR 512u
#define KiB 1024ull
#define MiB (1024ull * 1024)
#define PV_MIN_SIZE (2 * MiB)
#define DEFAULT_ALIGN MiB
#define DEFAULT_EXTENT (4 * MiB)
#define DEFAULT_MDA_START 4096u
#define LABEL_SECTOR 1u
#define HEAD_READ 4608u	/* the first 4 KiB (label) and the mda0 header behind it, in one read */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
