/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvresize -r: the filesystem on the LV follows its size, with the tools
 * of the filesystem itself (e2fsprogs, xfsprogs), as lvm2's fsadm does.
 * Running programs is the command's business, not the library's.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsresize.h"

extern char **environ;

static bool is_ext(const char *fs)
{
	return !strcmp(fs, "ext2") || !strcmp(fs, "ext3") || !strcmp(fs, "ext4");
}

/* Runs @argv (NULL-terminated); its output goes where ours goes.  0 or -EIO. */
static int run(struct cli *c, const char *const *argv)
{
	char line[1024] = "", *v[16] = { NULL };
	size_t n = 0;
	pid_t pid;
	int st, r = -EIO;

	for (; argv[n] && n < 15; n++) {
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s%s", n ? " " : "", argv[n]);
		if (!(v[n] = strdup(argv[n])))
			goto out;
	}
	if (c->verbose)
		out("Executing: %s", line);
	fflush(stdout);
	if (posix_spawnp(&pid, v[0], NULL, NULL, v, environ)) {
		err("Cannot run %s.", v[0]);
		goto out;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			goto out;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		r = 0;
	else
		err("%s failed: %d", v[0], WIFEXITED(st) ? WEXITSTATUS(st) : -1);
out:
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	return r;
}

/* Where the LV is mounted ("" if not), from /proc/self/mountinfo by device number. */
static void mount_point(const struct vol_lv_state *st, char *dir, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], mnt[4096];
	unsigned ma, mi;

	*dir = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*u %*u %u:%u %*s %4095s", &ma, &mi, mnt) == 3 &&
		    ma == st->major && mi == st->minor) {
			snprintf(dir, len, "%s", mnt);
			break;
		}
	fclose(f);
}

struct fsinfo {
	char type[32];
	char mnt[4096];
	const char *dev;
};

static int fs_info(struct cli *c, struct vol_lv *lv, struct fsinfo *fi)
{
	struct vol_lv_state st;
	char name[512];

	snprintf(name, sizeof(name), "%s/%s", vol_vg_name(vol_lv_vg(lv)), vol_lv_name(lv));
	if (vol_lv_state(lv, &st) || !st.active) {
		err("Logical volume %s must be activated before resizing filesystem.", name);
		return -EINVAL;
	}
	fi->dev = vol_lv_dm_path(lv);
	if (vol_lv_filesystem(lv, fi->type, sizeof(fi->type)) || !*fi->type) {
		err("Cannot get the filesystem type of %s.", fi->dev);
		err("Filesystem check failed.");
		return -EINVAL;
	}
	if (!is_ext(fi->type) && strcmp(fi->type, "xfs")) {
		err("Resizing a %s filesystem is not supported.", fi->type);
		err("Filesystem resize failed.");
		return -EINVAL;
	}
	mount_point(&st, fi->mnt, sizeof(fi->mnt));
	(void)c;
	return 0;
}

int fs_check_resize(struct cli *c, struct vol_lv *lv, bool shrink, bool nofsck)
{
	struct fsinfo fi;
	int r = fs_info(c, lv, &fi);

	if (r)
		return r;
	if (shrink && !strcmp(fi.type, "xfs")) {
		err("Xfs filesystem shrinking is unsupported.");
		err("Filesystem resize failed.");
		return -EINVAL;
	}
	if (shrink && *fi.mnt) {
		err("Cannot shrink the %s filesystem on %s while it is mounted on %s: unmount it first.",
		    fi.type, fi.dev, fi.mnt);
		err("Filesystem resize failed.");
		return -EBUSY;
	}
	if (nofsck || *fi.mnt || c->test)
		return 0;
	if (is_ext(fi.type))
		r = run(c, (const char *const[]){ "e2fsck", "-f", "-p", fi.dev, NULL });
	else
		r = run(c, (const char *const[]){ "xfs_repair", "-n", fi.dev, NULL });
	if (r)
		err("Filesystem check failed.");
	return r;
}

/* xfs grows only mounted: through its mount point, or a temporary one. */
static int grow_xfs(struct cli *c, struct fsinfo *fi)
{
	char tmp[] = "/tmp/volume-xfs-XXXXXX";
	int r;

	if (*fi->mnt)
		return run(c, (const char *const[]){ "xfs_growfs", fi->mnt, NULL });
	if (!mkdtemp(tmp))
		return -errno;
	if (mount(fi->dev, tmp, "xfs", 0, NULL)) {
		r = -errno;
		err("Cannot mount %s to grow it: %s.", fi->dev, strerror(-r));
		rmdir(tmp);
		return r;
	}
	r = run(c, (const char *const[]){ "xfs_growfs", tmp, NULL });
	if (umount(tmp) && !r)
		r = -errno;
	rmdir(tmp);
	return r;
}

int fs_resize(struct cli *c, struct vol_lv *lv, uint64_t kib)
{
	struct fsinfo fi;
	char size[32];
	int r = fs_info(c, lv, &fi);

	if (r || c->test)
		return r;
	snprintf(size, sizeof(size), "%lluK", (unsigned long long)kib);
	if (is_ext(fi.type))
		r = run(c, (const char *const[]){ "resize2fs", fi.dev, size, NULL });
	else
		r = grow_xfs(c, &fi);
	if (r)
		err("Filesystem resize failed.");
	return r;
}
