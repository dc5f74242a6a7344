/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Private: the context, logging, questions and the fault-injection hook. */
#ifndef VOLUME_CTX_H
#define VOLUME_CTX_H

#include <pthread.h>
#include <sys/types.h>

#include "internal.h"

struct scan;
struct workers;
struct held_lock;
struct dm_ops;
struct orphan_set;
struct logq;
struct dev_filter;
struct devfile;

struct vol_ctx {
	vol_log_fn *log_fn;
	void *log_usr;
	enum vol_log_level log_level;
	vol_confirm_fn *confirm_fn;
	void *confirm_usr;
	vol_fault_fn *fault_fn;
	void *fault_usr;
	char **devices;
	size_t n_devices;
	char *dirs[5];
	bool backup;
	bool archive;
	char *command;
	char *system_id;	/* this host's; NULL: none */
	char host[256];
	char uname[512];
	struct scan *scan;
	unsigned long scan_gen;	/* bumped by every scan */
	bool scan_keeps_texts;	/* a write is coming: scans keep the texts they parse */
	struct orphan_set *orphans;	/* stable orphan PV handles */
	dev_t *mounted;		/* devices mounted or used as swap, read once */
	size_t n_mounted;
	bool mounted_loaded;
	struct held_lock *locks;
	size_t n_locks;
	struct workers *workers;	/* I/O threads, started on first use */
	struct logq *logq;	/* messages from worker threads, replayed by the caller */
	char **warned;		/* log_warn_once() messages already given */
	size_t n_warned;
	const struct dm_ops *dm;	/* device-mapper operations (dm.c) */
	/* dm.c: what is known of the kernel's device-mapper driver.  0 nothing
	 * yet, 1 /dev/mapper/control opens (or cannot tell), 2 the driver gave
	 * its version, -1 there is none. */
	signed char dm_avail;
	struct dev_filter *filters[2];	/* by enum vol_filter (filter.c) */
	uint64_t pv_min_size;	/* bytes: smaller devices are out of scope */
	uint64_t raid_region;	/* sectors: the default raid1 region size (0: lvm2's, 2 MiB) */
	bool no_size_check;
	bool scan_lvs;		/* LVs may hold PVs (devices/scan_lvs = 1) */
	bool mixed_lbs;		/* devices/allow_mixed_block_sizes = 1 */	/* metadata/check_pv_device_sizes = 0 */
	struct devfile *devfile;	/* lvm2's devices file, or NULL (devicesfile.c) */
	bool lock_nowait;	/* fail with -EAGAIN rather than wait for a lock */
	bool lock_failure_ok;	/* a lock file that cannot be opened or locked: go on */
	bool test_mode;		/* plan and tell, write nothing */
	bool no_activation;	/* never touch device-mapper (lvm2's global/activation = 0) */
	bool no_monitoring;	/* lvm2's activation/monitoring = 0: mirrors load without handle_errors */
	bool md_detection, mpath_detection;	/* skip md legs and multipath paths */
	bool md_end_checks;	/* this scan reads the end of every PV for md superblocks */
	/* vgimportclone (vg_clone.c): the scope narrowed to these devices, or
	 * (narrow_out) to every device but these; n_narrow 0: not narrowed */
	dev_t *narrow;
	size_t n_narrow;
	bool narrow_out;
};

void vlog(struct vol_ctx *ctx, enum vol_log_level level, enum vol_msg code, const char *object,
	  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define log_err(ctx, ...) vlog(ctx, VOL_LOG_ERROR, VOL_MSG_OTHER, NULL, __VA_ARGS__)
#define log_warn(ctx, ...) vlog(ctx, VOL_LOG_WARN, VOL_MSG_OTHER, NULL, __VA_ARGS__)
#define log_info(ctx, ...) vlog(ctx, VOL_LOG_NORMAL, VOL_MSG_OTHER, NULL, __VA_ARGS__)
#define log_verbose(ctx, ...) vlog(ctx, VOL_LOG_VERBOSE, VOL_MSG_OTHER, NULL, __VA_ARGS__)
#define log_debug(ctx, ...) vlog(ctx, VOL_LOG_DEBUG, VOL_MSG_OTHER, NULL, __VA_ARGS__)
/* A message a front end may add a hint to, about @object. */
#define log_code(ctx, level, code, object, ...) vlog(ctx, level, code, object, __VA_ARGS__)
/* A warning logged once per context, however often the scan that finds it runs. */
void log_warn_once(struct vol_ctx *ctx, enum vol_msg code, const char *object, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

/* Worker threads queue their messages; the calling thread replays them. */
void log_queue_begin(struct vol_ctx *ctx);
void log_queue_flush(struct vol_ctx *ctx);

/* Asks the confirm callback; false when there is none. */
bool confirm(struct vol_ctx *ctx, const struct vol_confirm_info *q);
/* Reports a commit step to the fault hook, if one is set. */
void fault_point(struct vol_ctx *ctx, const char *step, unsigned k);
/* True when a fault hook is set: steps then run one PV at a time. */
bool ctx_has_fault_hook(const struct vol_ctx *ctx);
const char *ctx_dir(const struct vol_ctx *ctx, enum vol_dir which);
/* Creates the directory (and its parents) if it does not exist. */
int ctx_make_dir(const struct vol_ctx *ctx, enum vol_dir which);
/* "Write from <command>." etc. */
const char *ctx_command(const struct vol_ctx *ctx);

#endif
