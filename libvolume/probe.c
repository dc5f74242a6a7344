/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The one file that talks to libblkid: find and wipe foreign signatures. */
#include <blkid/blkid.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "probe.h"

static void enable_all(blkid_probe pr)
{
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE |
						      BLKID_SUBLKS_MAGIC | BLKID_SUBLKS_BADCSUM);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
}

/* Reads the signature the probe stopped at; false if it is ours or unnamed. */
static bool current_sig(blkid_probe pr, struct probe_sig *s)
{
	const char *type = NULL, *off = NULL, *usage = NULL;

	memset(s, 0, sizeof(*s));
	if (!blkid_probe_lookup_value(pr, "TYPE", &type, NULL)) {
		blkid_probe_lookup_value(pr, "SBMAGIC_OFFSET", &off, NULL);
		blkid_probe_lookup_value(pr, "USAGE", &usage, NULL);
	} else if (!blkid_probe_lookup_value(pr, "PTTYPE", &type, NULL)) {
		blkid_probe_lookup_value(pr, "PTMAGIC_OFFSET", &off, NULL);
		usage = "partition table";
	} else {
		return false;
	}
	if (!strcmp(type, "LVM2_member"))
		return false;
	snprintf(s->type, sizeof(s->type), "%s", type);
	snprintf(s->usage, sizeof(s->usage), "%s", usage ? usage : "");
	s->offset = off ? strtoull(off, NULL, 10) : 0;
	return true;
}

int probe_signatures(struct vol_ctx *ctx, const char *path, struct probe_sig **sigs, size_t *n)
{
	blkid_probe pr = blkid_new_probe_from_filename(path);
	struct probe_sig *v = NULL;
	size_t k = 0;

	*sigs = NULL;
	*n = 0;
	if (!pr) {
		log_err(ctx, "%s: cannot probe for signatures.", path);
		return -EIO;
	}
	enable_all(pr);
	while (blkid_do_probe(pr) == 0) {
		struct probe_sig s;
		struct probe_sig *nv;

		if (!current_sig(pr, &s))
			continue;
		if (!(nv = realloc(v, (k + 1) * sizeof(*v)))) {
			free(v);
			blkid_free_probe(pr);
			return -ENOMEM;
		}
		v = nv;
		v[k++] = s;
		log_debug(ctx, "%s: found %s signature at offset %" PRIu64, path, s.type, s.offset);
	}
	blkid_free_probe(pr);
	*sigs = v;
	*n = k;
	return 0;
}

int probe_wipe(struct vol_ctx *ctx, int fd, const char *path)
{
	blkid_probe pr = blkid_new_probe();
	int r = 0;

	if (!pr || blkid_probe_set_device(pr, fd, 0, 0)) {
		blkid_free_probe(pr);
		return -EIO;
	}
	enable_all(pr);
	while (blkid_do_probe(pr) == 0) {
		struct probe_sig s;

		if (!current_sig(pr, &s))
			continue;
		if (blkid_do_wipe(pr, 0)) {
			log_err(ctx, "%s: failed to wipe the %s signature at offset %" PRIu64 ".",
				path, s.type, s.offset);
			r = -EIO;
			break;
		}
		log_info(ctx, "Wiping %s signature on %s.", s.type, path);
	}
	blkid_free_probe(pr);
	return r;
}

int probe_type_at(struct vol_ctx *ctx, const char *path, uint64_t offset, uint64_t size,
		  char *type, size_t len)
{
	blkid_probe pr = blkid_new_probe();
	const char *t = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = 0;

	*type = '\0';
	if (fd < 0 || !pr || blkid_probe_set_device(pr, fd, (blkid_loff_t)offset, (blkid_loff_t)size)) {
		r = fd < 0 ? -errno : -EIO;
		goto out;
	}
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE);
	if (blkid_do_safeprobe(pr) == 0 && !blkid_probe_lookup_value(pr, "TYPE", &t, NULL) &&
	    strcmp(t, "LVM2_member"))
		snprintf(type, len, "%s", t);
	log_debug(ctx, "%s at %" PRIu64 ": %s", path, offset, *type ? type : "no signature");
out:
	blkid_free_probe(pr);
	if (fd >= 0)
		close(fd);
	return r;
}
