/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Direct I/O on block devices.  lvm2 reads through O_DIRECT, so we write
 * through it too: nothing we commit can sit in a page cache lvm2 bypasses.
 * Requests of any size and offset are widened to the logical block size.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "io.h"

#define IO_ALIGN 4096u

void *io_alloc(size_t len)
{
	void *p = NULL;

	if (posix_memalign(&p, IO_ALIGN, len ? len : IO_ALIGN))
		return NULL;
	return p;
}

int io_open(struct iodev *d, const char *path, int flags)
{
	struct stat st;
	int ssz = 0;

	d->fd = -1;
	d->path = path;
	d->fd = open(path, flags | O_DIRECT | O_CLOEXEC);
	if (d->fd < 0)
		return -errno;
	if (fstat(d->fd, &st) || !S_ISBLK(st.st_mode)) {
		io_close(d);
		return -ENOTBLK;
	}
	if (ioctl(d->fd, BLKGETSIZE64, &d->size) < 0) {
		int e = -errno;

		io_close(d);
		return e;
	}
	if (ioctl(d->fd, BLKSSZGET, &ssz) < 0 || ssz < 512)
		ssz = 512;
	d->align = (unsigned)ssz;
	return 0;
}

void io_close(struct iodev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

static int full_pread(int fd, void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;	/* short device */
		done += (size_t)n;
	}
	return 0;
}

static int full_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pwrite(fd, (const char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

/* Widen [off, off+len) to the device's block size. */
static void widen(const struct iodev *d, uint64_t off, size_t len, uint64_t *a, size_t *alen)
{
	uint64_t end = off + len;

	*a = off / d->align * d->align;
	end = (end + d->align - 1) / d->align * d->align;
	*alen = (size_t)(end - *a);
}

int io_read(struct iodev *d, uint64_t off, void *buf, size_t len)
{
	uint64_t a;
	size_t alen;
	char *tmp;
	int r;

	if (off > d->size || len > d->size - off)
		return -EIO;
	widen(d, off, len, &a, &alen);
	/* direct I/O wants memory aligned to the logical block, as the offsets */
	if (a == off && alen == len && !((uintptr_t)buf % d->align))
		return full_pread(d->fd, buf, len, off);
	if (!(tmp = io_alloc(alen)))
		return -ENOMEM;
	r = full_pread(d->fd, tmp, alen, a);
	if (!r)
		memcpy(buf, tmp + (off - a), len);
	free(tmp);
	return r;
}

int io_write(struct iodev *d, uint64_t off, const void *buf, size_t len)
{
	uint64_t a;
	size_t alen;
	char *tmp;
	int r = 0;

	if (off > d->size || len > d->size - off)
		return -EIO;
	widen(d, off, len, &a, &alen);
	if (a == off && alen == len && !((uintptr_t)buf % d->align))
		return full_pwrite(d->fd, buf, len, off);
	if (!(tmp = io_alloc(alen)))
		return -ENOMEM;
	/* Keep the bytes around the range: read the partial head and tail blocks. */
	if (a != off || alen != len)
		r = full_pread(d->fd, tmp, alen, a);
	if (!r) {
		memcpy(tmp + (off - a), buf, len);
		r = full_pwrite(d->fd, tmp, alen, a);
	}
	free(tmp);
	return r;
}

int io_zero(struct iodev *d, uint64_t off, uint64_t len)
{
	const size_t chunk = 256 * 1024;
	char *z = io_alloc(chunk);
	int r = 0;

	if (!z)
		return -ENOMEM;
	memset(z, 0, chunk);
	while (len && !r) {
		size_t n = len < chunk ? (size_t)len : chunk;

		r = io_write(d, off, z, n);
		off += n;
		len -= n;
	}
	free(z);
	return r;
}

int io_sync(struct iodev *d)
{
	return fdatasync(d->fd) ? -errno : 0;
}

/*
 * A few worker threads per context, started at the first parallel job and
 * kept until the context is freed: commands run several short parallel
 * phases, and starting threads for each would cost more than the I/O.
 */
struct job {
	size_t n, next;
	int (*fn)(size_t i, void *arg);
	void *arg;
	int err;
};

struct workers {
	pthread_t tids[IO_THREADS];
	size_t n;
	pthread_mutex_t mu;
	pthread_cond_t wake, idle;
	struct job *job;	/* the current job, NULL between jobs */
	unsigned long gen;	/* bumped for every job */
	size_t busy;		/* workers still on the current job */
	bool stop;
};

static void run_job(struct job *j)
{
	for (;;) {
		size_t i = __atomic_fetch_add(&j->next, 1, __ATOMIC_RELAXED);
		int r;

		if (i >= j->n)
			return;
		if ((r = j->fn(i, j->arg)))
			__atomic_store_n(&j->err, r, __ATOMIC_RELAXED);
	}
}

static void *worker_main(void *arg)
{
	struct workers *w = arg;
	unsigned long seen = 0;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->stop && w->gen == seen)
			pthread_cond_wait(&w->wake, &w->mu);
		if (w->stop)
			break;
		seen = w->gen;
		struct job *j = w->job;

		pthread_mutex_unlock(&w->mu);
		run_job(j);
		pthread_mutex_lock(&w->mu);
		if (!--w->busy)
			pthread_cond_signal(&w->idle);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static struct workers *workers_get(struct vol_ctx *ctx)
{
	struct workers *w = ctx->workers;

	if (w)
		return w;
	if (!(w = calloc(1, sizeof(*w))))
		return NULL;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->idle, NULL);
	while (w->n < IO_THREADS - 1 && !pthread_create(&w->tids[w->n], NULL, worker_main, w))
		w->n++;
	ctx->workers = w;
	return w;
}

void io_workers_free(struct vol_ctx *ctx)
{
	struct workers *w = ctx->workers;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->mu);
	for (size_t i = 0; i < w->n; i++)
		pthread_join(w->tids[i], NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->idle);
	free(w);
	ctx->workers = NULL;
}

int io_parallel(struct vol_ctx *ctx, size_t n, int (*fn)(size_t i, void *arg), void *arg)
{
	struct job j = { n, 0, fn, arg, 0 };
	struct workers *w = n > 2 ? workers_get(ctx) : NULL;

	log_queue_begin(ctx);
	if (w && w->n) {
		pthread_mutex_lock(&w->mu);
		w->job = &j;
		w->busy = w->n;
		w->gen++;
		pthread_cond_broadcast(&w->wake);
		pthread_mutex_unlock(&w->mu);
	}
	run_job(&j);	/* this thread works too, and alone for small jobs */
	if (w && w->n) {
		pthread_mutex_lock(&w->mu);
		while (w->busy)
			pthread_cond_wait(&w->idle, &w->mu);
		w->job = NULL;
		pthread_mutex_unlock(&w->mu);
	}
	log_queue_flush(ctx);
	return j.err;
}

static int sync_one(size_t i, void *arg)
{
	struct iodev *d = &((struct iodev *)arg)[i];

	return d->fd < 0 ? 0 : io_sync(d);
}

int io_sync_all(struct vol_ctx *ctx, struct iodev *devs, size_t n)
{
	return io_parallel(ctx, n, sync_one, devs);
}
