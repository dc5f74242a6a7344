/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: direct device I/O and the worker threads (io.c). */
#ifndef VOLUME_IO_H
#define VOLUME_IO_H

#include "internal.h"

struct vol_ctx;

struct iodev {
	int fd;
	const char *path;
	unsigned align;		/* logical block size, at least 512 */
	uint64_t size;
};

/* Opens with O_DIRECT and @flags.  -ENOENT, -ENOTBLK, -EACCES... */
int io_open(struct iodev *d, const char *path, int flags);
void io_close(struct iodev *d);
/* Reads or writes any byte range; aligned internally (read-modify-write). */
int io_read(struct iodev *d, uint64_t off, void *buf, size_t len);
int io_write(struct iodev *d, uint64_t off, const void *buf, size_t len);
int io_zero(struct iodev *d, uint64_t off, uint64_t len);
int io_sync(struct iodev *d);
/* Runs fn(0..n-1) on the context's worker threads (IO_THREADS at most,
 * this one included): device round trips overlap well.  Messages the jobs
 * log reach the log callback on this thread, after the jobs.  Returns 0 or
 * one of the errors. */
#define IO_THREADS 8
int io_parallel(struct vol_ctx *ctx, size_t n, int (*fn)(size_t i, void *arg), void *arg);
void io_workers_free(struct vol_ctx *ctx);
/* fdatasync of every open device in @devs (fd -1 skipped), in parallel. */
int io_sync_all(struct vol_ctx *ctx, struct iodev *devs, size_t n);
/* Aligned allocation for direct I/O; free with free(). */
void *io_alloc(size_t len);

#endif
