/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: device IDs as lvm2's devices file names devices, from sysfs (devid.c). */
#ifndef VOLUME_DEVID_H
#define VOLUME_DEVID_H

#include <sys/types.h>

#include "devfile.h"
#include "internal.h"

/* The block majors the ID kinds depend on; NO_MAJOR when the driver is not there. */
#define NO_MAJOR 0xffffffffu
struct devid_majors {
	unsigned loop, md, dm;
};
void devid_majors(struct devid_majors *m);	/* from /proc/devices */

/* The ID of kind @t of device @devno (named @name), malloc'd; NULL if it has none. */
char *devid_read(dev_t devno, const char *name, enum md_idtype t);
/* Its partition number, 0 for a whole device. */
int devid_part(dev_t devno);
/* Can a device of @major carry an ID of kind @t? */
bool devid_fits(const struct devid_majors *m, enum md_idtype t, unsigned major);
/* The kind of ID lvm2 gives the device in a new entry, and its value (malloc'd).
 * MD_ID_UNKNOWN only when memory runs out. */
enum md_idtype devid_choose(const struct devid_majors *m, dev_t devno, const char *name,
			    char **idname);

#endif
