/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * flushfloor: the least I/O a crash-safe metadata write to a VG must do, and
 * nothing else, so that the benchmarks can report a command's time as a
 * multiple of it.  Run it the way the commands are run (fork+exec timed from
 * outside); it does, on every device given, at once (one thread each):
 *
 *   0. read the block at OFFSET (4096: the first metadata area header)
 *   1. write it back (the same bytes: nothing changes) and flush the device,
 *      while the archive file (FILE_BYTES) is written, fsynced, renamed and
 *      its directory fsynced
 *   2. once every device of step 1 is flushed: write the block again and
 *      flush it, while the backup file is written to a temporary name and
 *      fsynced
 *   3. rename the backup into place and fsync its directory
 *
 * That is the order a commit needs: texts and precommit durable on every PV,
 * and the archive durable, before any commit pointer moves (step 2); the
 * backup in place after the commit (step 3).  Devices are opened once,
 * O_DIRECT, as libvolume and lvm2 read them.  With -d no files are written
 * (the floor of the device flushes alone).
 *
 *   flushfloor [-d] [-o OFFSET] [-b FILE_BYTES] [-D DIR] DEV...
 *
 * Exit status 0, or 1 with a message on the first failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK 4096

struct dev {
	const char *path;
	int fd;
	void *buf;
	int err;
};

static long long offset = 4096;
static size_t file_bytes = 8192;
static const char *dir = "/tmp";
static int round_no;

static void die(const char *what, const char *path, int err)
{
	fprintf(stderr, "flushfloor: %s %s: %s\n", what, path, strerror(err));
	exit(1);
}

static void *dev_round(void *arg)
{
	struct dev *d = arg;

	if (round_no == 0) {
		if (pread(d->fd, d->buf, BLOCK, offset) != BLOCK)
			d->err = errno ? errno : EIO;
	} else if (pwrite(d->fd, d->buf, BLOCK, offset) != BLOCK || fdatasync(d->fd)) {
		d->err = errno ? errno : EIO;
	}
	return NULL;
}

struct file_job {
	char path[4096], tmp[4096 + 32];
	int err;
	int stage;	/* 1: everything (archive); 2: the temporary file only (backup) */
};

static int sync_dir(void)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r = 0;

	if (fd < 0 || fsync(fd))
		r = errno;
	if (fd >= 0)
		close(fd);
	return r;
}

static void *file_write(void *arg)
{
	struct file_job *f = arg;
	char *data = malloc(file_bytes);
	int fd;

	if (!data) {
		f->err = ENOMEM;
		return NULL;
	}
	memset(data, '#', file_bytes);
	fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, data, file_bytes) != (ssize_t)file_bytes || fsync(fd))
		f->err = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	free(data);
	if (!f->err && f->stage == 1) {
		if (rename(f->tmp, f->path))
			f->err = errno;
		else
			f->err = sync_dir();
	}
	return NULL;
}

/* One step on every device at once, with @f (if any) alongside. */
static void step(struct dev *devs, int n, struct file_job *f)
{
	pthread_t *t = calloc((size_t)n + 1, sizeof(*t));

	if (!t)
		die("step", "memory", ENOMEM);
	for (int i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, dev_round, &devs[i]))
			die("thread for", devs[i].path, errno);
	if (f && pthread_create(&t[n], NULL, file_write, f))
		die("thread for", f->path, errno);
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	if (f)
		pthread_join(t[n], NULL);
	free(t);
	for (int i = 0; i < n; i++)
		if (devs[i].err)
			die(round_no ? "writing or flushing" : "reading", devs[i].path, devs[i].err);
	if (f && f->err)
		die("writing", f->path, f->err);
}

int main(int argc, char **argv)
{
	struct file_job arch = { .stage = 1 }, back = { .stage = 2 };
	bool files = true;
	struct dev *devs;
	int c, n;

	while ((c = getopt(argc, argv, "do:b:D:")) != -1) {
		switch (c) {
		case 'd': files = false; break;
		case 'o': offset = atoll(optarg); break;
		case 'b': file_bytes = (size_t)atoll(optarg); break;
		case 'D': dir = optarg; break;
		default:
			fprintf(stderr, "usage: flushfloor [-d] [-o OFFSET] [-b FILE_BYTES] [-D DIR] DEV...\n");
			return 2;
		}
	}
	n = argc - optind;
	if (n < 1 || offset < 0 || offset % BLOCK) {
		fprintf(stderr, "flushfloor: give at least one device and an OFFSET that is a multiple of %d\n",
			BLOCK);
		return 2;
	}
	devs = calloc((size_t)n, sizeof(*devs));
	if (!devs)
		die("allocating", "devices", ENOMEM);
	for (int i = 0; i < n; i++) {
		devs[i].path = argv[optind + i];
		devs[i].fd = open(devs[i].path, O_RDWR | O_DIRECT | O_CLOEXEC);
		if (devs[i].fd < 0)
			die("opening", devs[i].path, errno);
		if (posix_memalign(&devs[i].buf, BLOCK, BLOCK))
			die("allocating for", devs[i].path, ENOMEM);
	}
	snprintf(arch.path, sizeof(arch.path), "%s/floor-archive", dir);
	snprintf(arch.tmp, sizeof(arch.tmp), "%s.tmp%d", arch.path, (int)getpid());
	snprintf(back.path, sizeof(back.path), "%s/floor-backup", dir);
	snprintf(back.tmp, sizeof(back.tmp), "%s.tmp%d", back.path, (int)getpid());

	round_no = 0;
	step(devs, n, NULL);
	round_no = 1;
	step(devs, n, files ? &arch : NULL);
	round_no = 2;
	step(devs, n, files ? &back : NULL);
	if (files) {
		if (rename(back.tmp, back.path))
			die("renaming", back.tmp, errno);
		if ((back.err = sync_dir()))
			die("syncing", dir, back.err);
	}
	for (int i = 0; i < n; i++)
		close(devs[i].fd);
	return 0;
}
