/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private to libvolume: shared types and helpers of the library's files. */
#ifndef VOLUME_INTERNAL_H
#define VOLUME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <sys/types.h>

#include "config.h"
#include "crc.h"
#include "disk.h"
#include "vg.h"
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

/* ---------------------------------------------------------------- context, log */

struct scan;
struct workers;

struct vol_ctx {
	vol_log_fn *log_fn;
	void *log_usr;
	int log_level;
	vol_confirm_fn *confirm_fn;
	void *confirm_usr;
	char **devices;
	size_t n_devices;
	char *dirs[4];
	bool backup;
	char *command;
	char *crash_step;
	char host[256];
	char uname[512];
	struct scan *scan;
	struct vol_pv *orphans;
	size_t n_orphans;
	dev_t *mounted;		/* devices mounted or used as swap, read once */
	size_t n_mounted;
	bool mounted_loaded;
	struct held_lock *locks;
	size_t n_locks;
	struct workers *workers;	/* I/O threads, started on first use */
};

void vlog(struct vol_ctx *ctx, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define log_err(ctx, ...) vlog(ctx, VOL_LOG_ERROR, __VA_ARGS__)
#define log_warn(ctx, ...) vlog(ctx, VOL_LOG_WARN, __VA_ARGS__)
#define log_info(ctx, ...) vlog(ctx, VOL_LOG_NORMAL, __VA_ARGS__)
#define log_verbose(ctx, ...) vlog(ctx, VOL_LOG_VERBOSE, __VA_ARGS__)
#define log_debug(ctx, ...) vlog(ctx, VOL_LOG_DEBUG, __VA_ARGS__)

/* Asks the confirm callback; false when there is none. */
bool confirm(struct vol_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Logs the step and _exit()s if it is the configured crash point. */
void crash_point(struct vol_ctx *ctx, const char *step, unsigned k);
const char *ctx_dir(const struct vol_ctx *ctx, enum vol_dir which);
/* Creates the directory (and its parents) if it does not exist. */
int ctx_make_dir(const struct vol_ctx *ctx, enum vol_dir which);
/* "Write from <command>." etc. */
const char *ctx_command(const struct vol_ctx *ctx);
void ctx_drop_orphans(struct vol_ctx *ctx);

/* ---------------------------------------------------------------- device I/O (io.c) */

struct iodev {
	int fd;
	const char *path;
	unsigned align;		/* logical block size, at least 512 */
	uint64_t size;
};

/* Opens for reading (O_DIRECT).  -ENOENT, -ENOTBLK, -EACCES... */
int io_open(struct iodev *d, const char *path, int flags);
void io_close(struct iodev *d);
/* Reads or writes any byte range; aligned internally (read-modify-write). */
int io_read(struct iodev *d, uint64_t off, void *buf, size_t len);
int io_write(struct iodev *d, uint64_t off, const void *buf, size_t len);
int io_zero(struct iodev *d, uint64_t off, uint64_t len);
int io_sync(struct iodev *d);
/* Runs fn(0..n-1) on the context's worker threads (IO_THREADS at most,
 * this one included): device round trips overlap well.  Returns 0 or one
 * of the errors. */
#define IO_THREADS 8
int io_parallel(struct vol_ctx *ctx, size_t n, int (*fn)(size_t i, void *arg), void *arg);
void io_workers_free(struct vol_ctx *ctx);
/* fdatasync of every open device in @devs (fd -1 skipped), in parallel. */
int io_sync_all(struct vol_ctx *ctx, struct iodev *devs, size_t n);
/* Aligned allocation for direct I/O; free with free(). */
void *io_alloc(size_t len);

/* ---------------------------------------------------------------- devices (devices.c) */

struct devent {
	char *path;
	dev_t devno;
	uint64_t size;
};
/* Block devices in scope: the --devices list, or every one in sysfs. */
int dev_enumerate(struct vol_ctx *ctx, struct devent **out, size_t *n);
void dev_free_list(struct devent *d, size_t n);
/* Checks that @path is a block device; fills devno and size. */
int dev_stat(struct vol_ctx *ctx, const char *path, struct devent *out);
/* true if the device (or a partition or holder of it) is mounted. */
bool dev_is_mounted(struct vol_ctx *ctx, dev_t devno);

/* ---------------------------------------------------------------- probe.c (libblkid) */

struct probe_sig {
	char type[32];
	char usage[16];
	uint64_t offset;
};
/* Lists foreign signatures (LVM2_member excluded).  The caller frees *sigs. */
int probe_signatures(struct vol_ctx *ctx, const char *path, struct probe_sig **sigs, size_t *n);
/* Wipes every signature libblkid finds on the open device. */
int probe_wipe(struct vol_ctx *ctx, int fd, const char *path);

/* ---------------------------------------------------------------- locks (lock.c) */

enum { VLOCK_READ = 1, VLOCK_WRITE = 2 };

/* A lock file this context holds; users of the same lock share it. */
struct held_lock {
	char *name;	/* VG name, NULL for P_global */
	int fd;
	int mode;
	unsigned refs;
};

/*
 * Takes <lockdir>/V_<vg> (P_global for vg == NULL) in @mode, or one more
 * reference to it when this context holds it already (upgrading a shared
 * hold in place).  With @nowait, -EBUSY instead of waiting.  Every
 * successful lock_get() is paired with a lock_put().
 */
int lock_get(struct vol_ctx *ctx, const char *vg, int mode, bool nowait);
void lock_put(struct vol_ctx *ctx, const char *vg);
void lock_put_all(struct vol_ctx *ctx);

/* ---------------------------------------------------------------- scan (scan.c) */

/* What the headers of one PV device say; copied into VG handles. */
struct pvdev {
	char *path;
	dev_t devno;
	uint64_t size;
	int label_err;			/* 0, or why the device is not a PV */
	struct md_label label;
	unsigned n_mda;
	struct md_mdah hdr[MD_MAX_MDAS];
	int hdr_err[MD_MAX_MDAS];	/* 0 or -EBADMSG/-EIO */
	const char *hdr_why[MD_MAX_MDAS];
};

struct mda_text {
	char *text;		/* committed text, NUL included, or NULL */
	size_t len;
	int err;		/* 0, -EBADMSG (checksum, parse), -EIO */
	const char *why;
	struct md_vg *vg;	/* parsed model (shared between equal texts) */
};

struct sdev {
	struct pvdev d;
	bool is_pv;
	struct mda_text t[MD_MAX_MDAS];
	bool duplicate;		/* another device carries the same PV UUID */
	struct svg *vg;		/* the VG whose best metadata lists this PV */
};

struct svg {
	char id[MD_UUID_LEN + 1];
	const char *name;
	struct md_vg *best;	/* highest seqno with a valid checksum */
	struct sdev *best_dev;
	bool inconsistent;	/* some copy is stale or corrupt */
	bool name_clash;	/* another VG has the same name */
};

struct scan {
	struct md_arena *arena;	/* parsed models */
	struct sdev *devs;
	size_t n_devs;
	struct svg *vgs;
	size_t n_vgs;
};

int scan_run(struct vol_ctx *ctx);	/* no-op when a scan is cached */
void scan_free(struct scan *s);
struct sdev *scan_find_path(struct vol_ctx *ctx, const char *path);
struct sdev *scan_find_uuid(struct vol_ctx *ctx, const char *raw);
/* true if no --devices list is set, or the device is on it (the scan
 * enumerates exactly the scope). */
bool scan_in_scope(struct vol_ctx *ctx, dev_t devno);
/* -ENOENT, -ENOTUNIQ (two VGs of that name), or 0. */
int scan_find_vg(struct vol_ctx *ctx, const char *name_or_uuid, struct svg **out);
/* Reads the label and headers of the open device (and the texts if @t). */
int read_pvdev(struct vol_ctx *ctx, struct iodev *io, struct pvdev *d, struct mda_text *t);
/* Reads the committed text of one area (both pieces) and checks its CRC. */
int read_pvdev_text(struct vol_ctx *ctx, struct iodev *io, const struct md_area *area,
		    const struct md_mdah *h, struct mda_text *t);
void pvdev_copy(struct pvdev *dst, const struct pvdev *src);	/* path strdup'd */
void pvdev_free(struct pvdev *d);
/* Free bytes for text in an area with the given committed size (lvm2's mda_free). */
uint64_t mda_free_bytes(const struct md_mdah *h);

/* ---------------------------------------------------------------- PV layout (layout.c) */

struct pv_layout {
	uint64_t dev_size;	/* bytes, as recorded in the label */
	uint64_t pe_start;	/* bytes */
	unsigned n_mda;
	struct md_area mda[MD_MAX_MDAS];
	uint64_t ba_start, ba_size;
};
int pv_layout_compute(const struct vol_pv_params *p, uint64_t dev_size, struct pv_layout *out,
		      const char **why);
/* Extents that fit after pe_start and before a second metadata area. */
uint64_t pv_layout_pe_count(const struct pv_layout *l, uint64_t extent_bytes);
void pv_layout_from_label(const struct md_label *lab, struct pv_layout *out);
void pv_layout_to_label(const struct pv_layout *l, const char *uuid, bool used,
			struct md_label *out);

/* ---------------------------------------------------------------- PV objects (pv.c) */

struct pvslot;

struct vol_pv {
	struct vol_vg *vg;	/* NULL for an orphan */
	int32_t idx;		/* index into vg->md->pvs */
	const struct pvdev *d;	/* NULL when missing */
	char uuid[39];
	char attr[4];
};

/* Checks @path can become a PV and asks about signatures; fills @layout. */
int pv_prepare_new(struct vol_ctx *ctx, const char *path, const struct vol_pv_params *p,
		   struct pv_layout *layout, char raw_uuid[MD_UUID_LEN + 1]);
/* Writes empty metadata areas and then the label on the open device;
 * with @sync, each is flushed before the next (else the caller flushes). */
int pv_write_fresh(struct vol_ctx *ctx, struct iodev *io, const struct pv_layout *l,
		   const char *raw_uuid, bool used, bool sync);
void gen_uuid(char out[MD_UUID_LEN + 1]);
void pv_fill_handle(struct vol_pv *h);
/* Wipes the foreign signatures pv_prepare_new() was allowed to wipe. */
int wipe_signatures(struct vol_ctx *ctx, const char *path);
int pv_check_free_device(struct vol_ctx *ctx, const char *path, struct devent *ent);

/* ---------------------------------------------------------------- VG objects (vg.c) */

struct pvslot {
	bool present;
	struct pvdev d;		/* a copy of what the scan read (or will write) */
	bool is_new;		/* becomes a PV at commit */
	bool relabel;		/* its label needs PV_EXT_USED set */
	struct pv_layout layout;	/* for new PVs */
};

struct vol_vg {
	struct vol_ctx *ctx;
	struct md_arena *arena;
	struct md_vg *md;	/* the model being edited */
	struct md_vg *old;	/* as read, for the archive; NULL for a new VG */
	char *lock_name;
	bool locked;		/* holds a reference to lock_name's lock */
	unsigned flags;
	bool created;
	bool removed;
	struct pvslot *slots;	/* parallel to md->pvs */
	size_t cap_slots;
	struct pvslot *gone;	/* removed from the VG: orphaned at commit */
	size_t n_gone;
	struct vol_pv *pvs;	/* public handles, rebuilt after changes */
	struct vol_lv *lvs;
	char uuid[39];
	char attr[8];
	char *old_name;		/* set by rename until commit */
	bool old_locked;	/* the old name's lock, held until then */
	bool global_held;	/* holds a reference to P_global */
};

struct vol_lv {
	struct vol_vg *vg;
	uint32_t idx;
	char uuid[39];
};

int vg_rebuild_handles(struct vol_vg *vg);

/* ---------------------------------------------------------------- commit (commit.c) */

/* Writes @vg->md to every metadata area of every present PV (and labels of
 * new PVs, and orphans removed ones), in lvm2's order, with crash points. */
int commit_vg(struct vol_vg *vg);
/* Clears the metadata of every PV of @vg and orphans them. */
int commit_remove(struct vol_vg *vg);

/* ---------------------------------------------------------------- archives (archive.c) */

int archive_write(struct vol_ctx *ctx, const struct md_vg *old);
/* The backup after a change (skipped when backups are off unless @always). */
int backup_write(struct vol_ctx *ctx, const struct md_vg *vg, const char *file, bool always);
int backup_rename(struct vol_ctx *ctx, const char *old_name, const char *new_name);
void backup_remove(struct vol_ctx *ctx, const char *name);
/* Parses a backup file into a model allocated in @a. */
int backup_read(struct vol_ctx *ctx, const char *file, struct md_arena *a, struct md_vg **out);
void export_opts(struct vol_ctx *ctx, struct md_export_opts *o, const char *description);

/* lvm2's hints file: tell lvm2 to rescan after label changes. */
void hints_invalidate(struct vol_ctx *ctx);

#endif
