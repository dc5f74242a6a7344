/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libvolume: LVM2-compatible volume management as a C library.
 *
 * Conventions, for every function below:
 *  - Functions that can fail return 0 on success or a negative errno.  The
 *    errno values and what they mean:
 *      -EINVAL    an argument is invalid (a bad name, size or option mix)
 *      -ENOENT    the named device, PV, VG or LV does not exist
 *      -EEXIST    the object to create exists already
 *      -EBUSY     the device or object is in use (mounted, opened, has LVs)
 *      -ENOSPC    not enough free extents, or the metadata area is full
 *      -EROFS     the VG is read-only to us (unknown status flags) or is
 *                 opened for reading only
 *      -EBADMSG   metadata on disk is corrupt or inconsistent
 *      -ENOTUNIQ  two devices carry the same PV UUID
 *      -ECANCELED the confirm callback declined, or no callback was set
 *      -ENODEV    device-mapper (or a device) is not available, or a device
 *                 is outside the scan scope
 *      -ENOTBLK   a path is not a block device
 *      -EPERM     the VG forbids the change (exported, not resizeable)
 *      -EFBIG     a backup file is too large to be metadata
 *      -EAGAIN    a lock is held elsewhere and waiting was turned off
 *      -EACCES    the VG belongs to another host (its system ID)
 *      -EIO       a read or write failed
 *      -ENOMEM    out of memory
 *    A failure leaves every device unchanged unless its comment says
 *    otherwise.
 *  - Objects are opaque.  vol_*_free(NULL) and vol_vg_close(NULL) are safe.
 *  - A PV or LV handle stays valid until its owner (the VG handle, or the
 *    context for orphan PVs) is closed or freed, across edits, commits and
 *    rescans; after its object leaves the VG it describes the object as it
 *    last was.
 *  - Strings returned by getters belong to the object they came from and
 *    stay valid until that object changes or is freed.  Functions whose
 *    result the caller must free say so.
 *  - Callbacks run on the thread that called the library, one at a time,
 *    even when the library does I/O on several threads.
 *  - Structs passed in are initialised with their *_init() function (or
 *    zeroed); their reserved fields must stay zero, so they can grow.
 *  - Sizes are in bytes unless a name says otherwise (extents, sectors).
 *  - The library never prints, prompts, exits or reads a configuration
 *    file; policy comes in through the context and parameter structs.
 */
#ifndef LIBVOLUME_VOLUME_H
#define LIBVOLUME_VOLUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one place the version is written down (the Makefile reads it here). */
#define VOL_VERSION "0.1.0"

/* The version of the library actually loaded, e.g. "0.1.0". */
const char *vol_version(void);

/* ---------------------------------------------------------------- context */

struct vol_ctx;
struct vol_pv;
struct vol_vg;
struct vol_lv;

enum vol_log_level {
	VOL_LOG_ERROR = 0,	/* an operation failed */
	VOL_LOG_WARN = 1,	/* something is wrong but the operation went on */
	VOL_LOG_NORMAL = 2,	/* what an admin is told by default */
	VOL_LOG_VERBOSE = 3,	/* the steps taken */
	VOL_LOG_DEBUG = 4,	/* every I/O and decision */
};

/* What some messages are about, so a front end can add its own hint (which
 * command repairs it).  Most messages are VOL_MSG_OTHER. */
enum vol_msg {
	VOL_MSG_OTHER = 0,
	VOL_MSG_VG_INCONSISTENT,	/* object: VG; copies of its metadata disagree */
	VOL_MSG_PV_OUTDATED,	/* object: device; it holds metadata of a VG that dropped it */
	VOL_MSG_PV_UNREADABLE,	/* object: device; a PV whose metadata cannot be read */
	VOL_MSG_PV_DUPLICATE,	/* object: device; another device has the same PV UUID */
	VOL_MSG_VG_MISSING_PVS,	/* object: VG; it cannot be changed while PVs are missing */
	VOL_MSG_VG_FOREIGN,	/* object: VG; it belongs to another host (system ID) */
	VOL_MSG_LOCK_BUSY,	/* object: VG or "global"; locked elsewhere, not waited for */
	VOL_MSG_PV_IN_USE,	/* object: device; refused: it is (or may be) in use, and
				 * VOL_FORCE_MEMBER with a confirmation would override it */
	VOL_MSG_DEVFILE,	/* object: devices file; a notice about it or its entries
				 * (lvm2 prints these without "WARNING:") */
	VOL_MSG_DEVFILE_NOT_FOUND,	/* object: devices file; an entry names no device here
					 * (lvm2's reporting commands print these) */
};

/* One message, without a trailing newline and without a level prefix: the
 * level says how serious it is. */
struct vol_log_info {
	enum vol_log_level level;
	const char *msg;
	enum vol_msg code;
	const char *object;	/* what @code is about, or NULL */
};
typedef void vol_log_fn(const struct vol_log_info *m, void *usrptr);

/* What a destructive step asks about, so a front end can word it its own way. */
enum vol_question {
	VOL_Q_WIPE_SIGNATURE,	/* device, signature, offset: wipe a foreign signature */
	VOL_Q_INIT_MEMBER,	/* device, vg: make a PV of a VG a new PV */
	VOL_Q_WIPE_MEMBER,	/* device, vg: remove the label of a PV in a VG */
	VOL_Q_REMOVE_VG_LVS,	/* vg, count: remove a VG that holds LVs */
	VOL_Q_PV_SIZE,		/* device, size, new_size: a PV size other than the device's */
	VOL_Q_MDA_COPIES,	/* vg: override the VG's preferred number of metadata copies */
	VOL_Q_RAID_REGION,	/* vg, lv, size, new_size: change a raid1 LV's region size */
	VOL_Q_REPAIR_NO_LABEL,	/* device: write a label_header where there is no label */
	VOL_Q_REPAIR_ADD_MDA,	/* device: list a metadata area where none was found */
	VOL_Q_REPAIR_HEADER,	/* device: write the repaired label sector */
	VOL_Q_REPAIR_METADATA,	/* device, count (area 1 or 2): write text and mda_header */
	VOL_Q_REPAIR_ODD_FILE,	/* device: use a metadata file that does not start "NAME {" */
};

struct vol_confirm_info {
	enum vol_question kind;
	const char *question;	/* the question as a plain sentence, without a prompt */
	const char *device;	/* NULL when not about a device */
	const char *vg;
	const char *lv;
	const char *signature;	/* VOL_Q_WIPE_SIGNATURE: the signature type */
	uint64_t offset;	/* VOL_Q_WIPE_SIGNATURE: its byte offset */
	uint64_t count;		/* VOL_Q_REMOVE_VG_LVS: how many LVs */
	uint64_t size;		/* VOL_Q_PV_SIZE: the device's size, bytes */
	uint64_t new_size;	/* VOL_Q_PV_SIZE: the size asked for, bytes */
	uint64_t reserved[2];
};
/* Asked before a destructive step; return true to go ahead. */
typedef bool vol_confirm_fn(const struct vol_confirm_info *q, void *usrptr);

/* A step of a metadata commit, for tests that cut a commit short. */
struct vol_fault_info {
	const char *step;	/* "label", "text", "precommit", "commit", "orphan" */
	unsigned index;		/* the PV's position in the write order */
	uint64_t reserved[4];
};
typedef void vol_fault_fn(const struct vol_fault_info *f, void *usrptr);

/* Creates a context with defaults: log level NORMAL, no log callback (messages
 * are dropped), no confirm callback (destructive steps are refused), every
 * block device in scope, lvm2's directories.  The caller frees it with
 * vol_ctx_free(). */
int vol_ctx_new(struct vol_ctx **ctx);
void vol_ctx_free(struct vol_ctx *ctx);

void vol_ctx_set_log(struct vol_ctx *ctx, vol_log_fn *fn, void *usrptr);
/* Messages above @level are not built at all. */
void vol_ctx_set_log_level(struct vol_ctx *ctx, enum vol_log_level level);
void vol_ctx_set_confirm(struct vol_ctx *ctx, vol_confirm_fn *fn, void *usrptr);

/* Restricts every scan to these device paths (like lvm2's --devices).  The
 * strings are copied.  n == 0 restores "every block device".  A device
 * list overrides the filters below, as in lvm2. */
int vol_ctx_set_devices(struct vol_ctx *ctx, const char *const *paths, size_t n);

enum vol_filter {
	VOL_FILTER_GLOBAL = 0,	/* lvm2's devices/global_filter */
	VOL_FILTER_COMMAND = 1,	/* lvm2's devices/filter */
};
/* Sets a device filter in lvm2's syntax: "a|regex|" accepts, "r|regex|"
 * rejects; for each name of a device (its node and its links under /dev)
 * the first pattern that matches decides, and a device no pattern matches
 * is accepted.  A device must pass both filters.  n == 0 removes the
 * filter.  -EINVAL (and a message) for a malformed pattern. */
int vol_ctx_set_filter(struct vol_ctx *ctx, enum vol_filter which, const char *const *patterns,
		       size_t n);
/*
 * lvm2's devices file (devices/use_devicesfile, e.g. /etc/lvm/devices/
 * system.devices), or NULL for none (the default).  While the file exists
 * (and no vol_ctx_set_devices() list is set, which overrides it) only the
 * devices its entries name are in scope, and the filters are ignored, as
 * in lvm2; a missing file restricts nothing.  vol_pv_create(),
 * vol_vg_create() and vol_vg_extend() may name devices it does not list
 * (which then stay in this context's scope); the PVs they make or use get
 * entries, vol_pv_remove() clears its
 * device's PV UUID, all under lvm2's lock <lock dir>/D_<file name>.  A
 * missing file is created by vol_pv_create() and vol_vg_create() when
 * @flags has VOL_DEVFILE_CREATE (lvm2's --devicesfile NAME), or else when
 * the scan found no VG at all (lvm2's rule for its system devices file).
 */
#define VOL_DEVFILE_CREATE 1u
int vol_ctx_set_devices_file(struct vol_ctx *ctx, const char *path, unsigned flags);
/* Skip the legs of md RAID arrays and the paths of multipath maps, whose PV
 * labels belong to the array or map (default: both on, as lvm2's
 * devices/md_component_detection and multipath_component_detection). */
void vol_ctx_set_component_detection(struct vol_ctx *ctx, bool md, bool multipath);
/* With @wait false, a lock held by another command fails the call with
 * -EAGAIN at once (lvm2's global/wait_for_locks = 0).  Default: wait. */
void vol_ctx_set_lock_wait(struct vol_ctx *ctx, bool wait);
/* Go on without a lock when its lock file cannot be opened or locked (a
 * read-only lock directory at boot): lvm2's --sysinit and
 * --ignorelockingfailure.  A lock held by another command is still waited
 * for (or refused).  Default: off. */
void vol_ctx_set_ignore_lock_failure(struct vol_ctx *ctx, bool on);
/* Warn when a PV's device is smaller than the PV's recorded size (lvm2's
 * metadata/check_pv_device_sizes).  Default: on. */
void vol_ctx_set_check_pv_sizes(struct vol_ctx *ctx, bool on);
/* Devices smaller than @bytes are out of scope (lvm2's devices/pv_min_size;
 * default 2 MiB, at least 512 KiB). */
void vol_ctx_set_pv_min_size(struct vol_ctx *ctx, uint64_t bytes);
/* The region size of raid1 LVs made or converted without one (lvm2's
 * activation/raid_region_size, in bytes here; default 2 MiB).  As in lvm2,
 * a size that is not a power of 2 is rounded down to one, and one that is
 * not a multiple of the page size (or 0) gives the default. */
void vol_ctx_set_raid_region_size(struct vol_ctx *ctx, uint64_t bytes);
/* Scan LVs for PVs too (lvm2's devices/scan_lvs; default off, as lvm2). */
void vol_ctx_set_scan_lvs(struct vol_ctx *ctx, bool on);
/* Let a VG take PVs of another logical block size than its others
 * (lvm2's devices/allow_mixed_block_sizes; default off, as lvm2). */
void vol_ctx_set_mixed_block_sizes(struct vol_ctx *ctx, bool on);

enum vol_dir {
	VOL_DIR_LOCK,		/* flock files; default /run/lock/lvm */
	VOL_DIR_BACKUP,		/* metadata backups; default /etc/lvm/backup */
	VOL_DIR_ARCHIVE,	/* metadata archives; default /etc/lvm/archive */
	VOL_DIR_RUN,		/* lvm2 run state (hints); default /run/lvm */
	VOL_DIR_DEV,		/* device nodes; default /dev (lvm2's DM_DEV_DIR) */
};
/* Sets a directory; the string is copied. */
int vol_ctx_set_dir(struct vol_ctx *ctx, enum vol_dir which, const char *path);
/* Backups and archives on (default) or off. */
void vol_ctx_set_backup(struct vol_ctx *ctx, bool on);
/* Archives alone on or off, after vol_ctx_set_backup() (lvm2's
 * backup/archive beside backup/backup). */
void vol_ctx_set_archive(struct vol_ctx *ctx, bool on);
/* The command line recorded in metadata descriptions ("Write from ..."). */
int vol_ctx_set_command(struct vol_ctx *ctx, const char *cmdline);

/* Fault injection for tests: @fn is called after each step of a commit
 * (e.g. step "commit", index 2), and may end the process there to simulate
 * a crash.  While a hook is set, commit pointers are written to one PV after
 * another (normally all at once), so that stopping after ("commit", k)
 * leaves exactly PVs 0..k committed.  NULL removes the hook. */
void vol_ctx_set_fault_hook(struct vol_ctx *ctx, vol_fault_fn *fn, void *usrptr);

/* Forgets every cached scan result, so the next call reads the disks again. */
void vol_ctx_rescan(struct vol_ctx *ctx);

/* ---------------------------------------------------------------- configuration text */

/*
 * lvm2's configuration syntax (lvm.conf, --config), parsed for front ends:
 * the library itself never reads configuration, it takes its settings
 * through the context.  A config is a stack of layers; a layer added later
 * overrides the earlier ones, and within a layer the last value of a key
 * wins, as in lvm2.  Keys are paths such as "devices/global_filter",
 * written nested or as a path in the text.
 */
struct vol_config;

struct vol_config_error {
	unsigned line;		/* 1-based line of the text, 0 if unknown */
	char why[96];
};

int vol_config_new(struct vol_config **cfg);
void vol_config_free(struct vol_config *cfg);
/* Parses @len bytes of @text as a new top layer; @origin names it in
 * vol_config_keys() ("/etc/lvm/lvm.conf", "--config").  -EINVAL with
 * @err (may be NULL) filled for a syntax error. */
int vol_config_add(struct vol_config *cfg, const char *text, size_t len, const char *origin,
		   struct vol_config_error *err);
/* 0, -ENOENT when the key is not set, -EINVAL when it has another type. */
/* The same for a file (its name is the origin): -ENOENT when there is none. */
int vol_config_add_file(struct vol_config *cfg, const char *path, struct vol_config_error *err);
int vol_config_get_int(const struct vol_config *cfg, const char *path, int64_t *out);
int vol_config_get_str(const struct vol_config *cfg, const char *path, const char **out);
/* An array of strings (or one string).  *v stays valid until the next call
 * of this function on @cfg or until @cfg is freed. */
int vol_config_get_strv(struct vol_config *cfg, const char *path, const char *const **v, size_t *n);
/* Calls @fn with the path and origin of every value set, layer by layer. */
void vol_config_keys(const struct vol_config *cfg,
		     void (*fn)(const char *path, const char *origin, void *usrptr), void *usrptr);

/* ---------------------------------------------------------------- version */

struct vol_dm_info {
	char library[64];	/* libdevmapper version */
	char driver[64];	/* kernel driver version, "" without device-mapper */
	bool have_driver;
	uint64_t reserved[8];
};
/* Fills @out; returns 0 even without a kernel driver (have_driver false). */
int vol_dm_info(struct vol_ctx *ctx, struct vol_dm_info *out);
/* device-mapper's block major, from /proc/devices; 0 without the driver. */
int32_t vol_dm_major(void);

struct vol_dm_target {
	const char *name;	/* "linear", "striped", "raid", ... */
	uint32_t version[3];
};
/* Calls @fn once per loaded device-mapper target.  -ENODEV without a driver. */
int vol_dm_targets(struct vol_ctx *ctx, void (*fn)(const struct vol_dm_target *t, void *usrptr),
		   void *usrptr);

/* ---------------------------------------------------------------- physical volumes */

/* A PV handle either belongs to a VG (vol_vg_pv) or to the context's list of
 * orphan PVs (vol_orphan_pv); it lives as long as its owner. */

/* Flags of the calls that take a @flags word. */
enum vol_flags {
	/* Override the checks a careful admin may choose to skip (lvm2's -f). */
	VOL_FORCE = 1u << 0,
	/* Act on a PV that belongs to a VG, destroying the VG's view of it
	 * (lvm2's -ff). */
	VOL_FORCE_MEMBER = 1u << 1,
	/* vol_vg_remove_missing: repair mirrors only; other LVs on missing PVs
	 * stay, and so do those PVs (lvm2's --mirrorsonly). */
	VOL_MIRRORS_ONLY = 1u << 2,
};

#define VOL_PV_MDA_COPIES_DEFAULT (-1)	/* vol_pv_params.metadata_copies: one area */

struct vol_pv_params {
	uint64_t metadata_size;		/* bytes per metadata area; 0: default (to 1 MiB) */
	int metadata_copies;		/* 0, 1 or 2, or VOL_PV_MDA_COPIES_DEFAULT */
	uint64_t data_alignment;	/* bytes; 0: default (1 MiB) */
	uint64_t data_alignment_offset;	/* bytes */
	uint64_t bootloader_size;	/* bytes of bootloader area; 0: none */
	uint64_t device_size;		/* bytes; 0: the device's own size */
	const char *uuid;		/* the PV UUID to use; NULL: a new random one */
	const char *restore_file;	/* with uuid: take pe_start etc. from this backup */
	unsigned flags;			/* VOL_FORCE, VOL_FORCE_MEMBER */
	uint64_t label_sector;		/* 0 to 3: the label's sector (init: 1) */
	uint64_t metadata_ignore;	/* 1: areas kept but not written (--metadataignore y) */
	uint64_t reserved[6];		/* zero */
};
/* Sets every field to its default. */
void vol_pv_params_init(struct vol_pv_params *p);

/* Initialises @dev as a PV.  Refuses (-EBUSY) a device that is open
 * exclusively or mounted, and (-EINVAL) one smaller than 2 MiB.  A device
 * with a filesystem, partition table or other signature is wiped only if the
 * confirm callback agrees (-ECANCELED otherwise).  A device that is already
 * a PV in a VG needs VOL_FORCE_MEMBER in the flags and a confirmation. */
int vol_pv_create(struct vol_ctx *ctx, const char *dev, const struct vol_pv_params *p);
/* Wipes the PV label from @dev.  A PV in a VG needs VOL_FORCE_MEMBER in
 * @flags and a confirmation. */
int vol_pv_remove(struct vol_ctx *ctx, const char *dev, unsigned flags);
/* Grows or shrinks the PV on @dev to @size bytes (0: the device size).  A
 * shrink stops at the last used extent (-EBUSY below it). */
int vol_pv_resize(struct vol_ctx *ctx, const char *dev, uint64_t size);

/*
 * What a device with a PV label is.  Nothing the library cannot read is
 * free: only VOL_PV_FREE may be written over without VOL_FORCE_MEMBER.
 */
enum vol_pv_state {
	VOL_PV_NONE = 0,	/* not a PV */
	VOL_PV_FREE,		/* an orphan PV */
	VOL_PV_MEMBER,		/* a PV of a VG */
	VOL_PV_UNREADABLE,	/* its metadata cannot be read (damaged, unknown format), or it
				 * is marked used and no VG lists it: in use, needs repair */
	VOL_PV_DUPLICATE,	/* another device carries the same PV UUID and is used instead */
	VOL_PV_OUTDATED,	/* its VG dropped it while it was missing; its old metadata stays */
};
enum vol_pv_state vol_pv_state(const struct vol_pv *pv);

/* PVs in no VG handle, as found by the last scan: free orphans, and the
 * PVs that look free but are not (VOL_PV_UNREADABLE, VOL_PV_DUPLICATE;
 * check vol_pv_state()).  Outdated PVs are not listed, as in lvm2.  A
 * handle that was returned stays valid until the context is freed. */
int vol_orphan_count(struct vol_ctx *ctx, size_t *n);
struct vol_pv *vol_orphan_pv(struct vol_ctx *ctx, size_t i);

/* pvscan --cache: records the PVs of VGs as online in lvm2's run directory
 * (<run>/pvs_online/<PVID>, the files lvm2's autoactivation uses), for the
 * devices @devs (all PVs when @n is 0: the record starts afresh).  @fn
 * hears of each PV: online (in a VG, and whether all of the VG's PVs are
 * now online), or not used (a PV in no VG). */
struct vol_online_info {
	const char *device;
	const char *vg;		/* NULL: a PV in no VG, not recorded */
	bool online;
	bool vg_complete;	/* every PV of the VG is online */
	uint64_t reserved[4];
};
int vol_pvscan_cache(struct vol_ctx *ctx, const char *const *devs, size_t n,
		     void (*fn)(const struct vol_online_info *i, void *usrptr), void *usrptr);
/* Claims the autoactivation of VG @name (<run>/vgs_online/<name>), so that
 * only one command activates it: 0, or -EEXIST when one already did. */
int vol_vg_claim_autoactivation(struct vol_ctx *ctx, const char *name);

/* A block device in scope, PV or not. */
struct vol_dev_info {
	const char *path;
	uint64_t size;
	bool is_pv;
	enum vol_pv_state state;
	const char *vg_name;	/* the VG its metadata names (member, duplicate, outdated), or "" */
	const char *problem;	/* VOL_PV_UNREADABLE: why, in a few words; else "" */
	uint64_t reserved[6];
};
/* Every block device in scope, for lvmdiskscan-style listings. */
int vol_dev_list(struct vol_ctx *ctx,
		 void (*fn)(const struct vol_dev_info *d, void *usrptr), void *usrptr);
/* The device @path (any name of it).  -ENOENT: not a block device;
 * -ENODEV: outside the scope (the --devices list, the filters), with the
 * reason in *why ("device is not in devices list", "device is rejected by
 * filter config", "device is an md RAID component", ...).  The strings
 * stay valid until the next rescan. */
int vol_dev_lookup(struct vol_ctx *ctx, const char *path, struct vol_dev_info *out,
		   const char **why);

const char *vol_pv_name(const struct vol_pv *pv);	/* device path, "[unknown]" if missing */
const char *vol_pv_uuid(const struct vol_pv *pv);	/* hyphenated */
const char *vol_pv_vg_name(const struct vol_pv *pv);	/* "" for an orphan */
uint64_t vol_pv_dev_size(const struct vol_pv *pv);	/* size of the device */
uint64_t vol_pv_size(const struct vol_pv *pv);		/* lvm2's pv_size */
uint64_t vol_pv_free(const struct vol_pv *pv);
uint64_t vol_pv_used(const struct vol_pv *pv);
uint64_t vol_pv_pe_start(const struct vol_pv *pv);
uint64_t vol_pv_pe_count(const struct vol_pv *pv);
uint64_t vol_pv_pe_alloc_count(const struct vol_pv *pv);
unsigned vol_pv_mda_count(const struct vol_pv *pv);
unsigned vol_pv_mda_used_count(const struct vol_pv *pv);	/* not ignored */
uint64_t vol_pv_mda_size(const struct vol_pv *pv);	/* smallest area */
uint64_t vol_pv_mda_free(const struct vol_pv *pv);	/* smallest free space */
uint64_t vol_pv_ba_start(const struct vol_pv *pv);
uint64_t vol_pv_ba_size(const struct vol_pv *pv);
size_t vol_pv_tag_count(const struct vol_pv *pv);
const char *vol_pv_tag(const struct vol_pv *pv, size_t i);
bool vol_pv_is_missing(const struct vol_pv *pv);
bool vol_pv_is_allocatable(const struct vol_pv *pv);
bool vol_pv_is_exported(const struct vol_pv *pv);
bool vol_pv_is_in_use(const struct vol_pv *pv);	/* the PV_EXT_USED header flag */
uint32_t vol_pv_ext_version(const struct vol_pv *pv);
/* "a--" style attribute string (allocatable, exported, missing). */
const char *vol_pv_attr(const struct vol_pv *pv);
/* Device number, 0 when missing. */
uint64_t vol_pv_devno(const struct vol_pv *pv);

/* ------------------------------------------------ physical volumes: changes (pvchange) */

/*
 * A PV of a VG opened for writing changes in memory, as the VG does, and
 * vol_vg_commit() writes it.  An orphan PV (vol_orphan_pv()) has no VG
 * metadata to hold a change: its label and metadata area headers are
 * rewritten at once, under the global lock.  As in lvm2, an orphan keeps
 * no tags and no allocatability: those calls fail on one (-EINVAL).
 */
int vol_pv_set_allocatable(struct vol_pv *pv, bool on);
int vol_pv_add_tag(struct vol_pv *pv, const char *tag);
int vol_pv_del_tag(struct vol_pv *pv, const char *tag);
/*
 * Marks every metadata area of the PV ignored (the VG's metadata is no
 * longer kept there) or in use again.  -EALREADY when all of them already
 * are; -EINVAL for a PV without areas, or to ignore the last areas of a VG
 * that are in use.  A VG with a managed number of metadata copies
 * (vgmetadatacopies) takes the count that results, once the confirm
 * callback agrees (VOL_Q_MDA_COPIES) or @flags has VOL_FORCE.  An orphan
 * that only looks free (VOL_PV_UNREADABLE) needs VOL_FORCE_MEMBER.
 */
int vol_pv_set_metadata_ignored(struct vol_pv *pv, bool ignored, unsigned flags);
/* Gives the PV a new random UUID, in its label and (for a member) in the
 * VG's metadata.  -EBUSY while an LV of its VG is active.  An orphan that
 * only looks free needs VOL_FORCE_MEMBER.  The handle stays valid. */
int vol_pv_new_uuid(struct vol_pv *pv, unsigned flags);
/* 0 if @tag is a tag lvm2 accepts (1 or more of A-Z a-z 0-9 . _ - + / = !
 * : & #, any length); else -EINVAL with *why (static text). */
int vol_tag_check(const char *tag, const char **why);

/* ---------------------------------------------------------------- volume groups */

enum vol_alloc {
	VOL_ALLOC_INHERIT = 0, VOL_ALLOC_CONTIGUOUS, VOL_ALLOC_CLING, VOL_ALLOC_NORMAL,
	VOL_ALLOC_ANYWHERE,
	/* lvm2's cling_by_tags: kept as such; without lvm2's allocation/cling_tag_list
	 * (which we do not read) it allocates as cling, as lvm2 does then */
	VOL_ALLOC_CLING_BY_TAGS,
};
/* "contiguous", "cling", "normal", "anywhere", "inherit", "cling_by_tags" */
const char *vol_alloc_name(enum vol_alloc a);
int vol_alloc_parse(const char *s, enum vol_alloc *out);

/* Lists the names of every VG found by the scan, sorted, each name once.
 * The caller frees the array and the strings with vol_strv_free(). */
int vol_vg_names(struct vol_ctx *ctx, char ***names, size_t *n);
/* Lists the UUIDs of every VG, ordered by name: unlike names, a UUID opens
 * exactly one VG even when two VGs share a name.  Freed as above. */
int vol_vg_uuids(struct vol_ctx *ctx, char ***uuids, size_t *n);
/* Both at once: names[i] is the name of the VG uuids[i], ordered by name
 * (a name shared by two VGs appears twice).  Freed as above, each array. */
int vol_vg_list(struct vol_ctx *ctx, char ***names, char ***uuids, size_t *n);
/* 0 if @name is a valid VG or LV name; else -EINVAL with *why (static text). */
int vol_name_check(const char *name, const char **why);
/* The reserved prefix ("snapshot", "pvmove") or part ("_rimage", "_rmeta",
 * ...) that keeps @name from being an LV name, in lvm2's order; NULL if
 * none. */
const char *vol_lv_name_reserved(const char *name);
void vol_strv_free(char **v, size_t n);

enum vol_open_flags {
	VOL_OPEN_READ = 0,	/* shared lock, no changes; missing PVs are allowed */
	VOL_OPEN_WRITE = 1,	/* exclusive lock, changes allowed, then commit */
	VOL_OPEN_PARTIAL = 2,	/* with WRITE: open even if PVs are missing */
	VOL_OPEN_ORPHANS = 4,	/* the change adds or removes PVs: take the global
				 * lock before the VG lock, in lvm2's order */
	VOL_OPEN_FOREIGN = 8,	/* with READ: open a VG that belongs to another host */
	VOL_OPEN_EXPORTED = 16,	/* with WRITE: open an exported VG (to import it);
				 * without it an exported VG is refused (-EPERM) */
};

/*
 * Opens VG @name (or a VG UUID) and takes its lock.  The caller closes it
 * with vol_vg_close(), which drops uncommitted changes and the lock.
 *
 * Devices an interrupted command left: a command killed in the middle of a
 * live change (resize, permission or rename of an active LV) can leave
 * devices of the VG suspended, with a table that is not the committed
 * metadata's, or under an old name.  Every open looks for them under the
 * VG's lock (cheaply: sysfs, no device-mapper call unless there is one).
 * VOL_OPEN_WRITE resolves them before returning: each suspended device of
 * an LV gets the table of the metadata now on disk (its live table is kept
 * if that is the one, it is reloaded otherwise) and is resumed, children
 * first; an LV on a missing PV, and any other suspended device of the VG,
 * is resumed as it is; misnamed devices get their LV's name and link; and
 * sub-devices nothing uses any more are removed.  Each action is logged as
 * a warning, and a failure to resolve does not fail the open.  A read
 * handle only warns (a report changes nothing in the kernel).  Nothing is
 * done in test mode or with activation off.
 */
int vol_vg_open(struct vol_ctx *ctx, const char *name, unsigned flags, struct vol_vg **vg);
void vol_vg_close(struct vol_vg *vg);

#define VOL_VG_MDA_COPIES_UNMANAGED 0u	/* every PV keeps its own areas in use */
#define VOL_VG_MDA_COPIES_ALL UINT32_MAX	/* lvm2's "all" */

struct vol_vg_params {
	uint64_t extent_size;		/* bytes; 0: 4 MiB */
	uint32_t max_lv, max_pv;	/* 0: unlimited */
	enum vol_alloc alloc;		/* VOL_ALLOC_INHERIT: normal */
	const char *const *tags;	/* initial tags */
	size_t n_tags;
	uint32_t vg_metadata_copies;	/* a count, or one of the two below */
	uint64_t reserved[8];		/* zero */
};
void vol_vg_params_init(struct vol_vg_params *p);

/* Starts a new VG in memory, with its lock held.  Devices that are not PVs
 * yet are initialised with @pvp at commit (an implicit pvcreate).  Every
 * device is checked now, so a bad one fails the call and nothing is
 * written.  The caller commits with vol_vg_commit() and closes. */
int vol_vg_create(struct vol_ctx *ctx, const char *name, const char *const *devs, size_t n,
		  const struct vol_vg_params *vgp, const struct vol_pv_params *pvp,
		  struct vol_vg **vg);

/* In-memory changes; each takes effect on disk at vol_vg_commit(). */
int vol_vg_extend(struct vol_vg *vg, const char *dev, const struct vol_pv_params *pvp);
/* Removes an empty PV (by device path or PV UUID).  -EBUSY if it holds extents. */
int vol_vg_reduce(struct vol_vg *vg, const char *pv);
/* Removes every empty PV (vgreduce -a); when all are empty, the last one stays. */
int vol_vg_reduce_all(struct vol_vg *vg);
/* Drops missing PVs (vgreduce --removemissing).  With VOL_FORCE in @flags
 * also the LVs that use them; without it, -EBUSY when an LV uses one.  An
 * old-style mirror (lvm2's) that lost images keeps its last one as a linear
 * LV; -ENOTSUP when it would keep two or more.  VOL_MIRRORS_ONLY: see
 * vol_flags. */
int vol_vg_remove_missing(struct vol_vg *vg, unsigned flags);
/* vgextend --restoremissing: PV device @dev, which the VG marks MISSING
 * (it was changed while the PV was away) and which holds extents, rejoins
 * the VG as it is.  -ENOENT: @dev is not a PV of the VG; -ENODEV: still
 * missing; -EALREADY: it was not missing. */
int vol_vg_restore_missing(struct vol_vg *vg, const char *dev);
int vol_vg_rename(struct vol_vg *vg, const char *new_name);
int vol_vg_add_tag(struct vol_vg *vg, const char *tag);
int vol_vg_del_tag(struct vol_vg *vg, const char *tag);
int vol_vg_set_max_lv(struct vol_vg *vg, uint32_t max_lv);
int vol_vg_set_max_pv(struct vol_vg *vg, uint32_t max_pv);
/* vgchange -s: a new extent size (bytes) for a resizeable VG, LVs and all,
 * as lvm2's vg_set_extent_size(): every extent count and position must be a
 * whole number of new extents (-EINVAL otherwise, nothing changed); a
 * larger size must divide the VG's size.  VGs holding LVs of segment types
 * we keep as written are refused (-EOPNOTSUPP).  The same size is a no-op. */
int vol_vg_set_extent_size(struct vol_vg *vg, uint64_t bytes);
int vol_vg_set_alloc(struct vol_vg *vg, enum vol_alloc alloc);
int vol_vg_set_resizeable(struct vol_vg *vg, bool on);
/* Gives the VG a new random UUID (vgchange -u). */
int vol_vg_new_uuid(struct vol_vg *vg);
/* vgexport: marks the VG and its PVs exported and clears its system ID, so
 * that another host may import it; -EBUSY while one of its LVs is active.
 * An exported VG is read as usual but opened for writing only with
 * VOL_OPEN_EXPORTED. */
int vol_vg_export(struct vol_vg *vg);
/* vgimport, of a VG opened with VOL_OPEN_EXPORTED: clears the marks and
 * gives the VG this host's system ID (none if it has none).  -EINVAL when
 * the VG is not exported; -ENODEV when PVs are missing, unless @flags has
 * VOL_FORCE (open it with VOL_OPEN_PARTIAL then). */
int vol_vg_import(struct vol_vg *vg, unsigned flags);

/*
 * vgimportclone: the VG on devices @devs, which were copied block for block
 * from another VG's PVs (a hardware snapshot, dd), so they carry its PV
 * UUIDs, VG UUID and name, is given a new VG UUID, a new UUID for each PV
 * and a new name, and written to those devices only.  The originals, which
 * carry the same UUIDs, are neither used nor changed: while the call runs,
 * the scan sees only @devs (and, to choose the name, only the other devices).
 * @devs must hold every PV of one VG, complete, and nothing else.
 *
 * The new name is @p->base_name or else the old name, with the suffix "1",
 * "2", ... (always one without base_name) that makes it differ from every
 * VG on the other devices in scope, as lvm2 chooses it.  *@new_name (if not
 * NULL) gets it; the caller frees it.  The VG keeps its LVs (and their
 * UUIDs); it gets this host's system ID, loses any lvmlockd lock type and
 * the device IDs recorded for its PVs (those of the originals' devices); with
 * VOL_CLONE_IMPORT an exported VG is imported, without it it is refused.
 * The old metadata is archived under the old name; the original VG's
 * backup is left alone and the new VG gets its own.
 *
 * Devices file (vol_ctx_set_devices_file(), when it exists and no device
 * list is set): the devices must be listed in it, or, with
 * VOL_CLONE_IMPORT_DEVICES, they are taken into scope and get entries; the
 * entries of @devs take the new PV UUIDs.  Without a devices file in use
 * (none set, a device list set, or the file missing), VOL_CLONE_IMPORT_DEVICES
 * is ignored (with lvm2's notice) and no file is created.
 *
 * Errors (with lvm2's messages; nothing is written): -ENOENT a device is not
 * found or outside the scope, is not a PV, or names the same PV as another;
 * -EINVAL the devices hold PVs of different VGs (or none), are not exactly
 * the VG's PVs, or the name is invalid; -ENODEV PVs of the VG are missing
 * from @devs; -EPERM the VG is exported and VOL_CLONE_IMPORT was not given;
 * -EBUSY an LV on a device is active; -EROFS, -EACCES, -ENOTUNIQ as
 * vol_vg_open() for writing.
 */
enum {
	VOL_CLONE_IMPORT = 1u << 0,	/* import an exported VG (lvm2's --import) */
	VOL_CLONE_IMPORT_DEVICES = 1u << 1,	/* add the devices to the devices file */
};
struct vol_clone_params {
	const char *base_name;	/* the new name, or its stem; NULL: the old name */
	unsigned flags;		/* VOL_CLONE_* */
	uint64_t reserved[8];	/* zero */
};
void vol_clone_params_init(struct vol_clone_params *p);
int vol_vg_import_clone(struct vol_ctx *ctx, const char *const *devs, size_t n,
			const struct vol_clone_params *p, char **new_name);

/* Writes the changes: archive, text, precommit and commit on every metadata
 * area, backup.  seqno goes up by one.  On failure the VG on disk is the
 * old one or the new one, never anything else. */
int vol_vg_commit(struct vol_vg *vg);
/* Removes the VG and orphans its PVs.  When it holds LVs, the confirm
 * callback is asked first unless @flags has VOL_FORCE. */
int vol_vg_remove(struct vol_vg *vg, unsigned flags);

/* Writes the VG's metadata to @file in lvm2's backup format; NULL writes
 * the regular backup in the backup directory.  Written even when
 * vol_ctx_set_backup() turned automatic backups off. */
int vol_vg_backup(struct vol_vg *vg, const char *file);
/* Rewrites stale or corrupt metadata copies from the best one (vgck --updatemetadata). */
int vol_vg_update_metadata(struct vol_vg *vg);
/* One problem vol_vg_check() found. */
struct vol_problem {
	const char *device;	/* the device, or NULL (a missing PV) */
	unsigned area;		/* metadata area 1 or 2; 0 when not about an area */
	const char *text;	/* the problem in a sentence, naming the device */
	/* The VG cannot be used as it is (a PV is missing, a status flag lvm2
	 * cannot read).  Otherwise the VG works and the problem is one that
	 * vgck --updatemetadata or the next write repairs (a stale or damaged
	 * copy, a PV not marked used): lvm2's vgck only warns about those. */
	bool fatal;
};
/* Checks a VG; calls @fn for each problem found.  Returns the problem count. */
int vol_vg_check(struct vol_vg *vg, void (*fn)(const struct vol_problem *p, void *usrptr),
		 void *usrptr);

/* Restores VG @name from @file (an lvm2 backup or archive; NULL: the regular
 * backup) onto the PVs it names, which must carry the right UUIDs.  A PV
 * that belongs to another VG needs VOL_FORCE in @flags. */
int vol_vg_restore(struct vol_ctx *ctx, const char *name, const char *file, unsigned flags);

struct vol_archive_info {
	const char *path;
	const char *description;	/* "Created *before* executing '...'" */
	uint32_t seqno;
	uint64_t time;			/* seconds since the epoch */
};
/* Lists the archives and backup of VG @name, oldest first. */
int vol_vg_archives(struct vol_ctx *ctx, const char *name,
		    void (*fn)(const struct vol_archive_info *a, void *usrptr), void *usrptr);
/* The same for one backup or archive file @file (an error if it is none). */
int vol_archive_file(struct vol_ctx *ctx, const char *file,
		     void (*fn)(const struct vol_archive_info *a, void *usrptr), void *usrptr);

const char *vol_vg_name(const struct vol_vg *vg);
const char *vol_vg_uuid(const struct vol_vg *vg);	/* hyphenated */
uint32_t vol_vg_seqno(const struct vol_vg *vg);
uint64_t vol_vg_extent_size(const struct vol_vg *vg);
uint64_t vol_vg_extent_count(const struct vol_vg *vg);
uint64_t vol_vg_free_count(const struct vol_vg *vg);
uint64_t vol_vg_size(const struct vol_vg *vg);
uint64_t vol_vg_free(const struct vol_vg *vg);
uint32_t vol_vg_max_lv(const struct vol_vg *vg);
uint32_t vol_vg_max_pv(const struct vol_vg *vg);
/* The VG's target number of metadata copies: 0 unmanaged, UINT32_MAX all. */
uint32_t vol_vg_mda_copies(const struct vol_vg *vg);
enum vol_alloc vol_vg_alloc(const struct vol_vg *vg);
const char *vol_vg_system_id(const struct vol_vg *vg);
/* "wz--n-" style attribute string. */
const char *vol_vg_attr(const struct vol_vg *vg);
bool vol_vg_is_writeable(const struct vol_vg *vg);
bool vol_vg_is_resizeable(const struct vol_vg *vg);
bool vol_vg_is_exported(const struct vol_vg *vg);
bool vol_vg_is_partial(const struct vol_vg *vg);
bool vol_vg_is_read_only(const struct vol_vg *vg);	/* unknown status flags */
bool vol_vg_is_foreign(const struct vol_vg *vg);	/* another host's system ID */
bool vol_vg_is_clustered(const struct vol_vg *vg);	/* the CLUSTERED status flag */
bool vol_vg_is_shared(const struct vol_vg *vg);	/* the SHARED status flag */
/* Not flagged NOAUTOACTIVATE (vgchange --setautoactivation n). */
bool vol_vg_autoactivation(const struct vol_vg *vg);
unsigned vol_vg_mda_count(const struct vol_vg *vg);
unsigned vol_vg_mda_used_count(const struct vol_vg *vg);
uint64_t vol_vg_mda_size(const struct vol_vg *vg);
uint64_t vol_vg_mda_free(const struct vol_vg *vg);
size_t vol_vg_tag_count(const struct vol_vg *vg);
const char *vol_vg_tag(const struct vol_vg *vg, size_t i);
size_t vol_vg_missing_pv_count(const struct vol_vg *vg);

size_t vol_vg_pv_count(const struct vol_vg *vg);
struct vol_pv *vol_vg_pv(struct vol_vg *vg, size_t i);
/* The member PV on device @name (any path to it) or with PV UUID @name. */
struct vol_pv *vol_vg_pv_by_name(struct vol_vg *vg, const char *name);

/* ---------------------------------------------------------------- logical volumes */

/* The number of visible LVs, as lvm2 counts them (snapshots counted once:
 * see "logical volumes: snapshots"). */
size_t vol_vg_lv_count(const struct vol_vg *vg);

enum vol_lv_iter_flags {
	VOL_LV_VISIBLE = 0,	/* the LVs an admin names (lvs): vol_lv_is_visible() */
	VOL_LV_ALL = 1,		/* hidden sub-LVs too (lvs -a) */
};
/* Iterates over the LVs in metadata order: pass NULL to get the first,
 * then the previous one.  NULL at the end. */
struct vol_lv *vol_vg_next_lv(struct vol_vg *vg, const struct vol_lv *prev, unsigned flags);
/* The LV named @name (hidden ones included), or NULL. */
struct vol_lv *vol_vg_lv_by_name(struct vol_vg *vg, const char *name);

/* ------------------------------------------------ logical volumes: reading */

const char *vol_lv_name(const struct vol_lv *lv);
const char *vol_lv_uuid(const struct vol_lv *lv);	/* hyphenated */
struct vol_vg *vol_lv_vg(const struct vol_lv *lv);
uint64_t vol_lv_size(const struct vol_lv *lv);
uint64_t vol_lv_extent_count(const struct vol_lv *lv);
bool vol_lv_is_visible(const struct vol_lv *lv);
bool vol_lv_is_read_only(const struct vol_lv *lv);	/* no write permission in the metadata */
/* The LV's own allocation policy (VOL_ALLOC_INHERIT: the VG's). */
enum vol_alloc vol_lv_alloc(const struct vol_lv *lv);
/* "striped" (linear included), "raid1", or the type named in the metadata. */
const char *vol_lv_segtype(const struct vol_lv *lv);
size_t vol_lv_segment_count(const struct vol_lv *lv);
size_t vol_lv_tag_count(const struct vol_lv *lv);
const char *vol_lv_tag(const struct vol_lv *lv, size_t i);
/* Seconds since the epoch and host name of the LV's creation; 0 and "" if unknown. */
uint64_t vol_lv_creation_time(const struct vol_lv *lv);
const char *vol_lv_creation_host(const struct vol_lv *lv);
/* Read-ahead in sectors (0: none), or -1 for "auto". */
int64_t vol_lv_read_ahead(const struct vol_lv *lv);
/* The persistent device number asked for in the metadata, -1 when none. */
int64_t vol_lv_major(const struct vol_lv *lv);
int64_t vol_lv_minor(const struct vol_lv *lv);
bool vol_lv_skips_activation(const struct vol_lv *lv);
/* Does the LV use a PV that is missing? */
bool vol_lv_is_partial(const struct vol_lv *lv);
/* "/dev/VG/LV" ("" for hidden LVs) and "/dev/mapper/VG-LV" (hyphens doubled). */
const char *vol_lv_path(const struct vol_lv *lv);
const char *vol_lv_dm_path(const struct vol_lv *lv);

/* One segment of an LV. */
struct vol_seg_info {
	uint64_t start_extent;	/* logical */
	uint64_t extent_count;
	const char *type;	/* "linear", "striped", "raid1", or the type in the metadata */
	uint32_t areas;		/* stripes, or raid1 legs */
	uint64_t stripe_size;	/* bytes; 0 for linear */
	uint64_t region_size;	/* raid1: bytes */
	uint32_t writebehind;	/* raid1: writes outstanding to write-mostly legs, 0 off */
	uint32_t min_recovery_rate, max_recovery_rate;	/* raid1: KiB/s per device, 0 none */
	uint32_t pad;
	uint64_t reserved[6];
};
/* One area of a segment: a run of PEs on a PV, or of LEs of a sub-LV. */
struct vol_area_info {
	const char *pv_name;	/* device path, "[unknown]" when missing; NULL for a sub-LV */
	const char *lv_name;	/* the sub-LV (raid1 image), else NULL */
	const char *meta_lv_name;	/* raid1: the leg's metadata sub-LV, or NULL */
	uint64_t start;		/* first PE (or LE) */
	uint64_t count;		/* PEs (or LEs) */
	uint64_t reserved[8];
};
int vol_lv_segment(const struct vol_lv *lv, size_t seg, struct vol_seg_info *out);
int vol_lv_segment_area(const struct vol_lv *lv, size_t seg, uint32_t area,
			struct vol_area_info *out);

/* ------------------------------------------------ logical volumes: snapshots */

/*
 * lvm2's old-style (COW) snapshots, which lvm2 makes and we read, activate
 * and remove.  As lvm2 presents them, a snapshot is its COW LV, under the
 * name the user gave it: vol_lv_is_visible() and the VOL_LV_VISIBLE
 * iteration follow lvm2's lv_is_visible() (a COW LV is visible when its
 * origin is, always with a virtual origin, never while merging).  The
 * "snapshotN" LV of the metadata that ties origin and COW LV together is
 * internal: never visible, listed only by VOL_LV_ALL, and lvm2's reports
 * never show it.
 */
/* The snapshots of origin @lv; 0 if it is no origin. */
unsigned vol_lv_snapshot_count(const struct vol_lv *lv);
/* Is @lv a snapshot (the COW LV of one)? */
bool vol_lv_is_snapshot(const struct vol_lv *lv);
/* Is @lv an internal "snapshotN" LV? */
bool vol_lv_is_snapshot_internal(const struct vol_lv *lv);
/* Does @lv have snapshots? */
bool vol_lv_is_origin(const struct vol_lv *lv);
/* Is snapshot @lv merging into its origin (lvconvert --merge pending)? */
bool vol_lv_is_merging_snapshot(const struct vol_lv *lv);
/* The origin of snapshot @lv (a hidden "<snap>_vorigin" LV for a snapshot
 * made with --virtualsize), or NULL if @lv is no snapshot. */
struct vol_lv *vol_lv_snapshot_origin(const struct vol_lv *lv);
/* The chunk size of snapshot @lv in bytes, 0 if @lv is no snapshot. */
uint64_t vol_lv_snapshot_chunk_size(const struct vol_lv *lv);
/* The snapshots of @origin in lvm2's order: pass NULL to get the first,
 * then the previous one.  NULL at the end. */
struct vol_lv *vol_lv_next_snapshot(const struct vol_lv *origin, const struct vol_lv *prev);
/* The snapshots of the VG (lvm2's snap_count). */
size_t vol_vg_snapshot_count(const struct vol_vg *vg);

/* What the kernel's snapshot target says of an active snapshot. */
struct vol_snapshot_status {
	uint64_t used_sectors, total_sectors;	/* of the COW LV */
	uint64_t metadata_sectors;		/* of used_sectors, when has_metadata */
	bool has_metadata;	/* the kernel reports the metadata sectors */
	bool invalid;		/* dropped: full, or an I/O error on the COW */
	bool overflow;		/* the kernel's "Overflow" (not invalid for lvm2: 100% full) */
	bool merge_failed;
	/* lvm2's Snap% (and Data%) in millionths of a percent (100000000 is
	 * 100%): 100 when invalid, 0 when only the metadata is used, -1 (none,
	 * a blank field) when a merge failed. */
	int32_t percent;
	uint64_t reserved[8];
};
/* The status of snapshot @lv.  -ENODEV when it is not active (or without
 * device-mapper), -EINVAL when @lv is no snapshot. */
int vol_lv_snapshot_status(const struct vol_lv *lv, struct vol_snapshot_status *st);

/* ------------------------------------------------ logical volumes: changes */

/* A size as lvm2's -L and -l give it. */
enum vol_size_unit {
	VOL_SIZE_BYTES,		/* rounded to whole extents as lvm2 does for the command */
	VOL_SIZE_EXTENTS,
	VOL_SIZE_PCT_VG,	/* percent of the VG's extents */
	VOL_SIZE_PCT_FREE,	/* percent of the VG's free extents */
	VOL_SIZE_PCT_PVS,	/* percent of the listed PVs' free extents (all PVs' extents if none) */
	VOL_SIZE_PCT_LV,	/* percent of the LV's extents (resize only) */
	VOL_SIZE_PCT_ORIGIN,	/* percent of a snapshot's origin (refused: no snapshots yet) */
};
enum vol_size_sign { VOL_SIZE_ABSOLUTE, VOL_SIZE_PLUS, VOL_SIZE_MINUS };
struct vol_size {
	enum vol_size_unit unit;
	enum vol_size_sign sign;	/* create: absolute only */
	uint64_t value;
};

/* A PV an LV may be placed on, optionally limited to PE ranges in lvm2's
 * syntax (":0-99:200-", ":10+5"); the PV by device path or PV UUID. */
struct vol_pv_spec {
	const char *pv;
	const char *ranges;	/* NULL or "": the whole PV */
};

#define VOL_STRIPE_SIZE_DEFAULT 0	/* 64 KiB, capped at the extent size */

struct vol_lv_params {
	const char *name;		/* NULL: the next free "lvolN" */
	struct vol_size size;
	uint32_t stripes;		/* 0 or 1: linear */
	uint64_t stripe_size;		/* bytes, or VOL_STRIPE_SIZE_DEFAULT */
	enum vol_alloc alloc;		/* VOL_ALLOC_INHERIT: the VG's policy */
	const struct vol_pv_spec *pvs;	/* where it may go; NULL: any PV of the VG */
	size_t n_pvs;
	bool read_only;
	bool activation_skip;		/* lvm2's --setactivationskip y */
	const char *const *tags;
	size_t n_tags;
	/* raid1 (mirrors > 0): mirrors + 1 legs, each on its own PV (see
	 * "raid1" below); stripes must be 0 or 1 */
	uint32_t mirrors;
	uint64_t region_size;		/* bytes; 0: the default (see libvolume(3)) */
	bool nosync;			/* skip the initial synchronisation */
	uint32_t min_recovery_rate;	/* KiB/s per device; 0: none */
	uint32_t max_recovery_rate;
	uint64_t reserved[8];
};
void vol_lv_params_init(struct vol_lv_params *p);

/*
 * Adds an LV to the VG in memory, with its extents chosen as lvm2 chooses
 * them; vol_vg_commit() writes it.  The new LV is inactive; activate it
 * after the commit.  Errors: -EINVAL (bad name, size or option mix; a
 * reserved name), -EEXIST (the name is taken), -ENOSPC (not enough free
 * extents; the message says how many are needed and free), -EOVERFLOW.
 */
int vol_vg_create_lv(struct vol_vg *vg, const struct vol_lv_params *p, struct vol_lv **lv);

struct vol_resize_params {
	struct vol_size size;		/* absolute, or + / - relative */
	uint32_t stripes;		/* 0: as the last segment */
	uint64_t stripe_size;		/* 0: as the last segment */
	enum vol_alloc alloc;		/* VOL_ALLOC_INHERIT: the LV's, else the VG's */
	const struct vol_pv_spec *pvs;	/* where new extents may go; NULL: anywhere */
	size_t n_pvs;
	unsigned flags;			/* VOL_RESIZE_* */
	uint64_t reserved[8];
};
enum {
	VOL_RESIZE_GROW = 1u << 0,	/* refuse a new size that is not larger (lvextend) */
	VOL_RESIZE_SHRINK = 1u << 1,	/* refuse a new size that is not smaller (lvreduce) */
	/* vol_lv_resize() after vol_lv_resize_target() with the same parameters:
	 * its planning messages are not logged a second time */
	VOL_RESIZE_PLANNED = 1u << 2,
	/* the same size is no error (lvm2's resize with -r: the filesystem may
	 * still not fill the LV) */
	VOL_RESIZE_SAME_OK = 1u << 3,
};
void vol_resize_params_init(struct vol_resize_params *p);
/*
 * Changes the LV's size in memory.  An active LV is remapped at
 * vol_vg_commit(): the new table is loaded, the device suspended, the
 * metadata committed and the device resumed, so it never stops.  Shrinking
 * does not ask: the caller decides (filesystems are the caller's).  A raid1
 * LV grows or shrinks on every leg; dm-raid syncs the new range.  A
 * snapshot lvm2 made (its COW LV) is resized while inactive; -EBUSY while
 * it is active.
 */
int vol_lv_resize(struct vol_lv *lv, const struct vol_resize_params *p);
/*
 * The size a resize would give, in extents, without changing anything: the
 * planning step of vol_lv_resize(), with lvm2's messages (rounding, stripes,
 * PVs skipped) and refusals.  A caller that asks before resizing (lvm2 asks
 * before shrinking) plans with this, then resizes with VOL_RESIZE_PLANNED.
 */
int vol_lv_resize_target(const struct vol_lv *lv, const struct vol_resize_params *p,
			 uint64_t *extents);

/* Removes the LV (and its hidden sub-LVs) from the VG in memory;
 * vol_vg_commit() writes that.  An active LV is deactivated here, first (as
 * lvm2 does), and an open one is refused with -EBUSY.  Hidden sub-LVs cannot
 * be removed alone.
 * Snapshots made by lvm2 (we do not make them): removing a snapshot (its
 * "snapshotN" LV or its COW LV, the name the user gave) takes down its
 * snapshot device and removes both; one with a virtual origin
 * (--virtualsize) takes its origin along.  Removing an origin removes its
 * snapshots too (lvm2's lv_remove_with_dependencies), snapshots first. */
int vol_lv_remove(struct vol_lv *lv);
/* lvchange -My --minor N / -Mn: a fixed minor number for the LV's device from
 * its next activation on (the metadata's FIXED_MINOR flag, "major" and
 * "minor" keys, as lvm2 writes them); @minor -1 drops it (-EALREADY if there
 * is none).  @major -1 or any: device-mapper's major is used (lvm2 warns
 * when one is given).  The LV's device is not touched: an active LV keeps
 * its number until deactivated. */
int vol_lv_set_persistent(struct vol_lv *lv, int32_t major, int32_t minor);
/* The fixed minor number of the LV, or -1. */
int32_t vol_lv_persistent_minor(const struct vol_lv *lv);
/* lvchange -r: read-ahead @sectors (0: none), rounded to the page size as
 * lvm2 does (with its warning), or @automatic.  -EALREADY if it is that
 * already.  Written to the metadata; an active LV gets it at its next
 * activation. */
int vol_lv_set_read_ahead(struct vol_lv *lv, bool automatic, uint32_t sectors);
/* Renames the LV, its sub-LVs and the snapshot segments that name it (a
 * virtual origin follows its snapshot); active devices are renamed after
 * the commit. */
int vol_lv_rename(struct vol_lv *lv, const char *new_name);
int vol_lv_add_tag(struct vol_lv *lv, const char *tag);
int vol_lv_del_tag(struct vol_lv *lv, const char *tag);
int vol_lv_set_read_only(struct vol_lv *lv, bool read_only);
int vol_lv_set_alloc(struct vol_lv *lv, enum vol_alloc alloc);

/* ------------------------------------------------ logical volumes: activation */

/* lvm2's --activationmode: what to do with an LV on a missing PV. */
enum vol_activation_mode {
	VOL_ACTIVATE_COMPLETE,	/* refuse */
	VOL_ACTIVATE_DEGRADED,	/* raid1 with a whole leg left: activate; else refuse (lvm2's default) */
	VOL_ACTIVATE_PARTIAL,	/* activate; the missing parts return I/O errors */
};
/*
 * Maps the LV through device-mapper as lvm2 would (same dm names, UUIDs
 * and tables) and makes /dev/VG/LV.  Activation never writes metadata.
 * -ENODEV without device-mapper or (mode) for a PV that is missing.
 */
int vol_lv_activate(struct vol_lv *lv, enum vol_activation_mode mode);
enum {
	VOL_WIPE_SIGNATURES = 1u << 0,	/* wipe filesystem and other signatures (libblkid) */
	VOL_WIPE_ZERO_START = 1u << 1,	/* zero the first 4 KiB */
};
/* Clears the start of an active LV, as lvcreate does: signatures are wiped
 * only if the confirm callback agrees (VOL_Q_WIPE_SIGNATURE). */
int vol_lv_wipe(struct vol_lv *lv, unsigned flags);
/* The type of the filesystem (or other signature) at the start of the LV,
 * as libblkid names it ("ext4", "xfs"; "" if none): read through the LV's
 * device when it is active, else from its first extents on the PV. */
int vol_lv_filesystem(struct vol_lv *lv, char *type, size_t len);
/* Removes the LV's devices; -EBUSY while it is open. */
int vol_lv_deactivate(struct vol_lv *lv);
/* -EBUSY, with lvm2's message saying why ("contains a filesystem in use",
 * "is used by another device", "in use"), if the LV's device is open; 0 if
 * it is not, or the LV is inactive.  Changes nothing (vgchange -an asks
 * this of every LV before it deactivates any). */
int vol_lv_check_not_open(struct vol_lv *lv);
/* Reloads the tables of an active LV from the metadata (lvchange --refresh);
 * every device is suspended and resumed, so a raid1 leg that failed for a
 * while and works again is taken back, and dm-raid resyncs the regions its
 * bitmap marked dirty meanwhile. */
int vol_lv_refresh(struct vol_lv *lv);
/* The same with --activationmode @mode: as lvm2, an LV on a missing PV is
 * refreshed only with VOL_ACTIVATE_PARTIAL (its missing parts then map to
 * error devices); in other modes -ENODEV, "Refusing refresh of partial LV". */
int vol_lv_refresh_mode(struct vol_lv *lv, enum vol_activation_mode mode);
/* vgmknodes for one LV, loading nothing: with a device, its /dev/mapper node
 * (made where missing or of another number) and, for a visible LV, its
 * /dev/<vg>/<lv> link; without one, a link left behind goes, and the VG's
 * folder once empty. */
int vol_lv_mknodes(struct vol_lv *lv);
/* vgmknodes for the whole of /dev/mapper: a node for every device-mapper
 * device (made where missing or of another number), and the entries that
 * name no device removed.  -ENODEV without device-mapper. */
int vol_dm_mknodes(struct vol_ctx *ctx);

struct vol_lv_state {
	bool active;		/* its device exists */
	bool suspended;
	bool read_only;		/* the kernel device is read-only */
	bool live_table;
	bool inactive_table;
	int32_t open_count;
	uint32_t major, minor;
	int64_t read_ahead;	/* sectors, as the kernel has it; -1 if unknown */
	uint64_t reserved[8];
};
/* What the kernel says of the LV.  -ENODEV without device-mapper. */
int vol_lv_state(struct vol_lv *lv, struct vol_lv_state *st);

/* ------------------------------------------------ lvm2's old-style mirrors */

/*
 * lvm2's --type mirror LVs (lvm2 makes them; we activate, report and
 * reduce them): one "mirror" segment over hidden <lv>_mimage_N images and,
 * unless the log is in core, a hidden <lv>_mlog disk log.
 * vol_lv_segment() gives their type "mirror", the images as areas
 * (vol_lv_segment_area: lv_name) and the region size.
 */
struct vol_mirror_status {
	uint32_t images;
	char health[9];		/* one char per image: 'A' alive, 'D' dead, 'S', 'R', 'U' */
	uint64_t in_sync, regions;
	int32_t sync_percent;	/* lvm2's copy_percent: in_sync / regions, 100000000 = 100% */
	uint32_t pad;
	uint64_t reserved[4];
};
/* dm-mirror's status of mirror LV @lv: -ENODEV when it is not active,
 * -EINVAL when it is not an old-style mirror. */
int vol_lv_mirror_status(struct vol_lv *lv, struct vol_mirror_status *st);
/* The name of mirror LV @lv's disk log, or NULL (a core log, or not a mirror). */
const char *vol_lv_mirror_log(const struct vol_lv *lv);
/*
 * lvconvert -m (@images - 1) of mirror LV @lv, reducing only, as lvm2: the
 * last images go (with @pvs, first those lying wholly on them); one image
 * left makes the LV linear on it (the other images and the log go).
 * Committed (an active LV is reloaded and the freed devices removed).
 * -EOPNOTSUPP to add images (lvm2's); -EINVAL for 0 images or not a mirror.
 */
int vol_lv_mirror_convert(struct vol_lv *lv, uint32_t images, const struct vol_pv_spec *pvs,
			  size_t n_pvs);

/* ------------------------------------------------ raid1 */

/*
 * A raid1 LV (vol_lv_params.mirrors > 0) is laid out as lvm2's --type
 * raid1: one "raid1" segment whose legs are pairs of hidden sub-LVs,
 * <lv>_rmeta_N (dm-raid's superblock and write-intent bitmap, zeroed before
 * its first use) and <lv>_rimage_N (the data), each pair on its own PV,
 * mapped through the kernel's dm-raid target.  The default region size is
 * 2 MiB, doubled until the LV has at most 2^21 regions (the bitmap's limit).
 */
#define VOL_RAID_MAX_LEGS 64	/* lvm2's limit: -m 63 */

/* What dm-raid reports of an active raid1 LV. */
struct vol_raid_status {
	uint32_t legs;
	/* One character per leg, in leg order: 'A' alive and in sync, 'a'
	 * alive but not in sync yet, 'D' dead (failed). */
	char health[VOL_RAID_MAX_LEGS + 1];
	uint64_t in_sync, total;	/* sectors in sync, of the array's sectors */
	/* "idle", "frozen", "resync", "recover", "check", "repair", "reshape" */
	char sync_action[16];
	uint64_t mismatch_count;	/* sectors found to differ by the last check */
	uint64_t data_offset;		/* sectors */
	/* lvm2's Cpy%Sync in millionths of a percent (100000000 is 100%), with
	 * lvm2's rules: never 100 while a leg is still catching up, never 0
	 * once a sector is in sync. */
	int32_t sync_percent;
	uint64_t reserved[8];
};
/* The status of raid1 LV @lv.  -ENODEV when it is not active (or without
 * device-mapper), -EINVAL when it is not a raid1 LV. */
int vol_lv_raid_status(struct vol_lv *lv, struct vol_raid_status *st);
/* The LV's NOTSYNCED flag (created with nosync): lvs shows 'R'. */
bool vol_lv_raid_not_synced(const struct vol_lv *lv);
/* A raid1 image LV marked write-mostly. */
bool vol_lv_raid_writemostly(const struct vol_lv *lv);

/*
 * Settings of a raid1 LV, in memory: an active LV gets its new table at
 * vol_vg_commit().  Refused (-EBUSY) while an active LV is not in sync, as
 * lvm2 does for write-mostly and write-behind.
 */
enum vol_writemostly { VOL_WRITEMOSTLY_ON, VOL_WRITEMOSTLY_OFF, VOL_WRITEMOSTLY_TOGGLE };
/* The leg(s) on PV @pv (a path or PV UUID) are written to only when the
 * others are (lvm2's --writemostly PV[:y|n|t]).  At least one leg must stay
 * a normal one (-EINVAL). */
int vol_lv_raid_set_writemostly(struct vol_lv *lv, const char *pv, enum vol_writemostly mode);
/* Writes outstanding to write-mostly legs (--writebehind; 0: off). */
int vol_lv_raid_set_writebehind(struct vol_lv *lv, uint32_t writes);
/* Resync rates in KiB/s per device (--minrecoveryrate, --maxrecoveryrate);
 * a negative value leaves that rate as it is, 0 removes it.  -EINVAL when
 * the minimum would exceed the maximum. */
int vol_lv_raid_set_recovery_rate(struct vol_lv *lv, int64_t min_kib, int64_t max_kib);

/*
 * Changes of a raid1 LV's legs.  Like lvm2's lvconvert and lvchange, each
 * of these acts on the kernel and commits the VG itself, in the steps
 * lvm2 takes (a leg to rebuild is loaded with dm-raid's "rebuild" in one
 * commit and the flag dropped in the next; sub-LVs get their final names
 * last), so the VG's seqno may go up by more than one.  Other changes
 * pending on the VG handle are committed with the first step.  The LV must
 * be active (-EINVAL otherwise), as lvm2 requires; the new sub-LVs' rmeta
 * areas are zeroed before they are used.
 */
struct vol_raid_params {
	/* The number of mirrors wanted (legs - 1): more adds legs, fewer
	 * removes them, 0 turns the LV into a linear one.  On a linear LV,
	 * 1 or more makes it raid1 with its data as leg 0. */
	uint32_t mirrors;
	/* Adding: the PVs the new legs may use (default: any PV without a leg
	 * of the LV).  Removing: the legs to drop are those on these PVs,
	 * highest first (default: the highest legs). */
	const struct vol_pv_spec *pvs;
	size_t n_pvs;
	enum vol_alloc alloc;		/* VOL_ALLOC_INHERIT: the LV's, else the VG's */
	uint64_t region_size;		/* linear to raid1: bytes; 0: the default */
	uint64_t reserved[8];
};
void vol_raid_params_init(struct vol_raid_params *p);
/* lvconvert -m N (and --type raid1 -m N on a linear LV, -m 0 back to linear). */
int vol_lv_raid_convert(struct vol_lv *lv, const struct vol_raid_params *p);
/* lvconvert --repair: every leg on a missing or failed PV is replaced by a
 * new leg on @pvs (NULL: any PV without a leg), rebuilt from the others.
 * The VG must be opened with VOL_OPEN_PARTIAL when a PV is missing. */
int vol_lv_raid_repair(struct vol_lv *lv, const struct vol_pv_spec *pvs, size_t n_pvs);
/* lvconvert --replace: the legs on PVs @old (paths or UUIDs) move to new
 * legs on @pvs (NULL: any PV without a leg). */
int vol_lv_raid_replace(struct vol_lv *lv, const char *const *old, size_t n_old,
			const struct vol_pv_spec *pvs, size_t n_pvs);
/* lvchange --rebuild: the legs on PVs @pvs are rebuilt in place from the
 * others.  -EINVAL if that would leave no leg to copy from. */
int vol_lv_raid_rebuild(struct vol_lv *lv, const char *const *pvs, size_t n_pvs);
/* lvchange --resync: every leg is synchronised again from leg 0.  An active
 * LV is deactivated for it (-EBUSY while open) and activated again. */
int vol_lv_raid_resync(struct vol_lv *lv);
/* lvchange --syncaction: "check" (count mismatches) or "repair" (rewrite
 * them), started in the kernel; vol_lv_raid_status() follows it. */
int vol_lv_raid_sync_action(struct vol_lv *lv, const char *action);

/*
 * Waiting for a raid1 LV's sync, recovery, check or repair to end (the
 * CLI's --wait).  @fn (may be NULL) is called with each status read; a
 * nonzero return stops the wait, which returns that value when negative
 * (else -ECANCELED): the kernel's work goes on.
 */
typedef int vol_raid_wait_fn(const struct vol_raid_status *st, void *usrptr);
/*
 * Waits until raid1 LV @lv of VG @vg is healthy and in sync: every leg 'A',
 * sync action "idle", in_sync equal to total.  The VG is opened (read,
 * under its lock) once to find the LV's device; then only the kernel's
 * status is read, every @interval_ms (0: 1000), with no lock held, so
 * other commands (a repair among them) run meanwhile.  A signal cuts the
 * sleep short: @fn is called at once.  Returns 0 when in sync; -EIO when a
 * leg is dead ('D') and nothing runs (the sync cannot end without a
 * repair); -ENODEV when the LV is not (or no longer) active; -EINVAL when
 * it is not raid1; -ENOENT when there is no such LV.
 */
int vol_raid_wait(struct vol_ctx *ctx, const char *vg, const char *lv, unsigned interval_ms,
		  vol_raid_wait_fn *fn, void *usrptr);

/*
 * Device-mapper events of raid1 LVs (the monitor): a leg failing, a sync
 * or recovery ending, a new table.  Each LV added is watched by a thread
 * of the library that sleeps in the kernel (DM_DEVICE_WAITEVENT) until its
 * device's event counter moves; vol_raid_watch_wait() returns when any of
 * them did.  An LV whose device goes away is dropped (it may be added
 * again).  The context must outlive the watch.
 */
struct vol_raid_watch;
int vol_raid_watch_new(struct vol_ctx *ctx, struct vol_raid_watch **w);
/* Watches active raid1 LV @lv (again: 0, nothing new): any event after this
 * call wakes vol_raid_watch_wait(), so read the LV's status after it.
 * -ENODEV when it is not active, -EINVAL when it is not raid1, -EOPNOTSUPP
 * without events. */
int vol_raid_watch_add(struct vol_raid_watch *w, struct vol_lv *lv);
/* Waits at most @timeout_ms for an event: 1 one came (since the last call),
 * 0 none. */
int vol_raid_watch_wait(struct vol_raid_watch *w, unsigned timeout_ms);
/* Ends the watch; threads still asleep in the kernel end at their device's
 * next event (or removal) and touch nothing of the caller's. */
void vol_raid_watch_free(struct vol_raid_watch *w);

/* This host's system ID (lvm2's global/system_id_source): a VG whose
 * system ID is set and differs is foreign: vol_vg_open() refuses it
 * (-EACCES) unless read with VOL_OPEN_FOREIGN, and never writes it.  New
 * VGs get it.  NULL or "": this host has none. */
int vol_ctx_set_system_id(struct vol_ctx *ctx, const char *id);

/* With @on false, nothing touches device-mapper: LVs are neither activated
 * nor deactivated, and their kernel state reads as unknown (-ENODEV), as
 * lvm2 behaves with global/activation = 0.  Default: on. */
void vol_ctx_set_activation(struct vol_ctx *ctx, bool on);

/* With @on false, lvm2's --monitor n (default on).  We run no dmeventd;
 * the setting decides what an old-style mirror's table says: lvm2 ends it
 * with "handle_errors" unless told --monitor n (activation/monitoring = 0
 * and --ignoremonitoring do not change the table), and then warns that
 * the mirror will not react on failures. */
void vol_ctx_set_monitoring(struct vol_ctx *ctx, bool on);

/* Test mode: every call checks and plans as usual and logs what it would
 * write and load (extents chosen per PV, dm tables), but writes nothing to
 * any device and makes no device-mapper change. */
void vol_ctx_set_test_mode(struct vol_ctx *ctx, bool on);

/* ---------------------------------------------------------------- on-disk dumps */

/* Receives one line of a header dump, in the layout of lvm2's
 * "pvck --dump headers": "label_header.crc 0x7e648530", "pv_header at 544",
 * "CHECK: mda_header_1.checksum expected 0x...", and so on. */
typedef void vol_dump_fn(const char *line, void *usrptr);

/* Decodes the label, pv_header and every mda_header on @dev, valid or not.
 * Returns 0 if all of them are valid, -EBADMSG if any is not (after
 * reporting it), -ENOENT if there is no label. */
int vol_dump_headers(struct vol_ctx *ctx, const char *dev, vol_dump_fn *fn, void *usrptr);
/* Returns the committed metadata text of metadata area @mda (0 or 1) of @dev.
 * The caller frees *text with free().  A PV with no metadata areas (said
 * so at info level) or an area with no committed text gives 0 and no text
 * (*text NULL), as lvm2's pvck prints nothing for it. */
int vol_dump_metadata(struct vol_ctx *ctx, const char *dev, unsigned mda, char **text,
		      size_t *len);

/* Where the metadata areas the PV header of @dev (a device or an image
 * file) lists lie, in bytes: offset[i], size[i] for i < *n (0 to 2); and
 * the size of @dev.  -ENOENT: no readable label (*n 0, *dev_size set). */
int vol_dump_mda_locations(struct vol_ctx *ctx, const char *dev, uint64_t offset[2],
			   uint64_t size[2], unsigned *n, uint64_t *dev_size);
/* One copy of VG metadata text found in a metadata area. */
struct vol_md_copy {
	uint64_t offset;	/* bytes from the start of the device */
	uint64_t len;		/* its bytes, the terminating NUL included */
	uint32_t crc;		/* lvm2's checksum of those bytes */
	uint32_t seqno;
	char vgname[132];
	char id[40];		/* the VG UUID as the text gives it */
	bool parses;		/* the text parses as metadata */
	bool bad_end;		/* it does not end in two newlines */
	const char *text;	/* NUL-terminated, valid during the callback */
	uint64_t reserved[4];
};
typedef void vol_copy_fn(const struct vol_md_copy *c, void *usrptr);
/* pvck --dump metadata_all / metadata_search: every copy of metadata text
 * (a "NAME {" line, then "id = ", then "seqno = ") that starts on a 512-byte
 * boundary of the area of @size bytes at @offset of @dev, the first 512
 * bytes (the area header) left out, a copy that runs past the end going on
 * after the header, as lvm2's pvck searches.  Stops after the first copy
 * at byte @only (0: every copy) and keeps only copies of @seqno (0: all).
 * Copies too short to be metadata (under 256 bytes) are said so at info
 * level and skipped. */
int vol_dump_search(struct vol_ctx *ctx, const char *dev, uint64_t offset, uint64_t size,
		    uint64_t only, uint32_t seqno, vol_copy_fn *fn, void *usrptr);
/* @len bytes of @dev (a device or an image file) from byte @offset, into a
 * new buffer the caller frees; a file too short reads as zeroes. */
int vol_dump_read(struct vol_ctx *ctx, const char *dev, uint64_t offset, uint64_t len,
		  unsigned char **buf);

/* ---------------------------------------------------------------- pvck --repair */

/* What vol_pv_repair() rewrites (lvm2's --repairtype; --repair is
 * PV_HEADER | METADATA). */
enum {
	VOL_REPAIR_LABEL_HEADER = 1u << 0,	/* label_header fields and CRC only */
	VOL_REPAIR_PV_HEADER = 1u << 1,		/* label_header and pv_header */
	VOL_REPAIR_METADATA = 1u << 2,		/* mda_header(s) and the text */
};
/* Which fields of struct vol_repair_settings were given. */
enum {
	VOL_RS_MDA_OFFSET = 1u << 0,
	VOL_RS_MDA_SIZE = 1u << 1,
	VOL_RS_MDA2_OFFSET = 1u << 2,
	VOL_RS_MDA2_SIZE = 1u << 3,
	VOL_RS_DEVICE_SIZE = 1u << 4,
	VOL_RS_DATA_OFFSET = 1u << 5,
	VOL_RS_PV_UUID = 1u << 6,
};
/* lvm2's pvck --settings for a repair; sizes and offsets in bytes. */
struct vol_repair_settings {
	unsigned given;		/* VOL_RS_* */
	unsigned mda_num;	/* metadata area to write: 1, 2, or 0 for every one */
	uint64_t mda_offset, mda_size, mda2_offset, mda2_size;
	uint64_t device_size, data_offset;
	char pv_uuid[40];	/* hyphenated or not */
	uint64_t labelsector;	/* where the label is; 0 means sector 1 */
	uint64_t reserved[4];
};
/*
 * pvck --repair / --repairtype: rewrites the headers of @dev as lvm2
 * 2.03.16's pvck does, from @file (raw metadata text as "pvck --dump
 * metadata -f" writes it, or a vgcfgbackup file; NULL for none) and @s
 * (NULL for none).  The PV UUID, device size and data offset come from
 * the settings or from the PV's section in the file (found by the UUID in
 * the damaged pv_header, else by the device name); the metadata areas
 * from the pv_header, else from the mda_headers still found at 4 KiB and
 * in the last MiB.  Bytes the repair does not set keep their values.
 * Each write is confirmed first (VOL_Q_REPAIR_HEADER, _METADATA; and
 * VOL_Q_REPAIR_NO_LABEL, _ADD_MDA, _ODD_FILE when in doubt); the text is
 * written and flushed before the mda_header that points to it.  In test
 * mode nothing is written.  0, -ECANCELED (an answer no), -EINVAL (bad
 * settings or file), -ENOENT (nothing to repair from), -EEXIST (the PV
 * UUID is on another device), -EIO.
 */
int vol_pv_repair(struct vol_ctx *ctx, const char *dev, unsigned what, const char *file,
		  const struct vol_repair_settings *s);

#ifdef __cplusplus
}
#endif

#endif
