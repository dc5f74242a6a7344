/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The volume CLI: shared state and helpers of cmd/.  Uses only volume.h. */
#ifndef VOLUME_CLI_H
#define VOLUME_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "units.h"
#include "volume.h"

/* lvm2's exit codes */
#define EXIT_OK 0
#define EXIT_NO_SUCH_CMD 2	/* the command name is not one of ours */
#define EXIT_INVALID 3	/* invalid arguments or command line */
#define EXIT_FAILED 5	/* the command failed */

#define CLI_MAX_OPTS 160	/* a command's own options plus the common ones */

struct cli {
	struct vol_ctx *ctx;
	const char *cmd;	/* the command's name, e.g. "pvcreate" */
	int verbose;
	bool quiet;
	bool yes;
	unsigned force;
	bool devices_set;
	const char *devicesfile;	/* --devicesfile NAME ("" = none), or NULL */
	bool test;		/* -t: plan and tell, write nothing */
	bool skip_exported;	/* for_each_vg: every VG means every VG not exported */
	bool no_activation;	/* global/activation = 0: never touch device-mapper */
	int dm_state;		/* cli_have_dm(): 0 unknown, 1 there, <0 missing */
	unsigned read_flags;	/* vol_vg_open() flags of reads: READ | PARTIAL [| FOREIGN] */
	/* devices/data_alignment and default_data_alignment: bytes, 0 unset */
	uint64_t data_alignment;
	/* metadata/pvmetadatasize (bytes, 0 unset) and pvmetadatacopies (-1 unset) */
	uint64_t mda_size;
	int mda_copies;
	/* global/units (0: unset) and global/suffix */
	char units;
	uint64_t unit_factor;
	bool no_suffix;
	/* report/compact_output and report/compact_output_cols */
	bool compact_output;
	char compact_cols[256];
	/* --config strings, applied with lvm.conf once the options are read */
	char **config;
	size_t n_config;
	bool config_applied;
	/* settings the command line gave, which configuration must not override */
	bool backup_from_cli;
	bool dir_from_cli[4];
	/* cli_getopt's merged option table */
	struct option opts[CLI_MAX_OPTS];
	char shorts[CLI_MAX_OPTS * 2];
	const struct option *opts_for;
	bool opts_built;
};

typedef int cmd_fn(struct cli *c, int argc, char **argv);

struct command {
	const char *name;
	cmd_fn *fn;
	const char *synopsis;	/* arguments after the command name */
	const char *summary;
};

extern const struct command commands[];

/* Long options every command takes, handled by cli_getopt. */
enum {
	OPT_DEVICES = 0x1000, OPT_LOCKDIR, OPT_BACKUPDIR, OPT_ARCHIVEDIR, OPT_RUNDIR,
	OPT_VERSION, OPT_CONFIG, OPT_TEST, OPT_FOREIGN, OPT_DEVICESFILE, OPT_READONLY, OPT_NOHINTS,
	OPT_FIRST_CMD = 0x1100,
};

/*
 * getopt_long over the command's own options plus the common ones (-h -v
 * -d -q -y -f -A --devices --lock-dir --backup-dir --archive-dir --run-dir).
 * Returns the next command option, -1 at the end, or '?' after printing a
 * usage error.  -h prints the help and exits 0.
 */
int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);
void cli_usage(const struct cli *c);
int cli_usage_error(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Only lvm2's "Run `CMD --help' for more information." line; EXIT_INVALID. */
int cli_run_help(const struct cli *c);

/* Runs @fn (returning 0 or -errno) on each VG named after the options (VG
 * or @TAG), or on every VG (by UUID, in lvm2's order; exported ones skipped when
 * c->skip_exported) when none is named.  A named VG not found (-ENOENT)
 * gets lvm2's "Cannot process volume group".  Returns the first failure's
 * exit code (vgorder.c). */
int for_each_vg(struct cli *c, int argc, char **argv, int (*fn)(struct cli *, const char *, void *),
		void *usr);

/* After vol_vg_open() of @name failed with @r: lvm2's "Cannot process
 * volume group", which it leaves out for an exported VG (-EPERM). */
void cli_vg_unprocessed(const char *name, int r);

/* Does a PV argument name @pv: its path, another path to the device, or its UUID? */
bool cli_pv_matches(const struct vol_pv *pv, const char *arg);
/* The log level the options (-v, -d, -q) asked for. */
enum vol_log_level cli_log_level(const struct cli *c);
/* A PV argument that names no device (or one outside the scope) says so
 * first, as lvm2 does ("Cannot use ARG: device not found"): true then.
 * Tags and UUIDs are left to the search. */
bool cli_pv_arg_unusable(struct cli *c, const char *arg);
/* Puts the VGs (@names and @ids, @n of them) in the order lvm2 processes
 * them (cmd/vgorder.c). */
void cli_vg_order(struct cli *c, char **names, char **ids, size_t n);
/* vol_vg_uuids() in that order.  0 or -errno. */
int cli_vg_ids(struct cli *c, char ***ids, size_t *n);

/* Asks @q as lvm2 would (stdin, end of input = no); -y answers yes. */
bool cli_confirm(const struct cli *c, const struct vol_confirm_info *q);
/* The CLI's own question, @fmt giving lvm2's exact prompt (with "[y/n]: "). */
bool cli_ask(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* -f and -ff as library flags. */
unsigned cli_force_flags(const struct cli *c);

/* 0 when device-mapper works here; else lvm2's messages and exit 3. */
/* Device-mapper for a change of activation: 0, or -ENODEV after saying
 * (once) that the kernel driver is missing, in lvm2's words. */
int cli_have_dm(struct cli *c);
int cli_need_dm(struct cli *c);

/* lvm2's --activationmode words; -EINVAL for others. */
int cli_activation_mode(const char *arg, enum vol_activation_mode *mode);
/* Activates (or deactivates) an LV, with lvm2's message for a partial LV. */
int cli_activate_lv(struct cli *c, struct vol_lv *lv, bool on, enum vol_activation_mode mode);

/* errno -> lvm2 exit code */
int cli_exit(int err);

/* lvm.conf and --config (config.c): applies the settings we implement.
 * Returns an exit code. */
int cli_apply_config(struct cli *c);
/* Is @name a devices file name lvm2 accepts (a bare file name)? */
bool cli_devfile_name_ok(const char *name);
/* activation/monitoring (default on): reports show raid segments "not monitored". */
bool cli_monitoring(void);
/* The prefix of every message line (lvm2's log/prefix, default two spaces). */
void cli_set_prefix(const char *prefix);

/* Messages in lvm2's style: two leading spaces. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A command's result line ("Volume group ... created"): silenced by -q. */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* lvm2's refusal of an option's value: "Invalid argument for --OPT: ARG"
 * and "Error during parsing of command line."; returns EXIT_INVALID. */
int cli_invalid_arg(const struct cli *c, const char *opt, const char *arg);

/* lvm2's refusal of an option set no form of the command takes: exit 3. */
int cli_no_syntax(const struct cli *c);

/* Tags from --addtag/--deltag (tags.c): any number, the strings are argv's. */
struct cli_tags {
	const char **v;
	size_t n, cap;
};
/* Adds @arg (a leading '@' dropped) after checking it as lvm2 does; 0 or
 * an exit code (3 for a tag lvm2 refuses, naming option @opt). */
int cli_tag_arg(struct cli *c, struct cli_tags *t, const char *opt, const char *arg);
void cli_tags_free(struct cli_tags *t);

/* parse_size, parse_uint and the size formats are in units.h. */
int parse_yn(const char *s, bool *out);

/* lvm2's dmeventd options of lvcreate, lvchange and vgchange: --monitor y|n
 * and --ignoremonitoring.  We run no dmeventd (see monitor(8)), so they
 * change nothing; they are checked and accepted as lvm2 accepts them. */
#define OPT_MONITOR_ID 0x10f1
#define OPT_IGNOREMON_ID 0x10f2
#define MONITOR_LONGOPTS \
	{ "monitor", required_argument, NULL, OPT_MONITOR_ID }, \
	{ "ignoremonitoring", no_argument, NULL, OPT_IGNOREMON_ID }
/* 0 used (*@monitor set for --monitor), 1 not ours, else an exit code. */
int cli_monitor_opt(struct cli *c, int opt, const char *arg, bool *monitor);

/* pvcreate options shared with vgcreate/vgextend: 0 used, 1 not ours, else an exit code. */
int pv_param_opt(struct cli *c, int opt, const char *arg, struct vol_pv_params *p);

/* Option ids of the pvcreate options that vgcreate and vgextend take too. */
enum {
	OPT_MDSIZE = 0x1080, OPT_MDCOPIES, OPT_DATAALIGN, OPT_DATAALIGNOFF, OPT_BASIZE, OPT_LABELSECTOR, OPT_MDIGNORE,
};
#define PV_PARAM_LONGOPTS \
	{ "metadatasize", required_argument, NULL, OPT_MDSIZE }, \
	{ "pvmetadatacopies", required_argument, NULL, OPT_MDCOPIES }, \
	{ "metadatacopies", required_argument, NULL, OPT_MDCOPIES }, \
	{ "dataalignment", required_argument, NULL, OPT_DATAALIGN }, \
	{ "dataalignmentoffset", required_argument, NULL, OPT_DATAALIGNOFF }, \
	{ "bootloaderareasize", required_argument, NULL, OPT_BASIZE }, \
	{ "zero", required_argument, NULL, 'Z' }, \
	{ "metadatatype", required_argument, NULL, 'M' }, \
	{ "labelsector", required_argument, NULL, OPT_LABELSECTOR }, \
	{ "metadataignore", required_argument, NULL, OPT_MDIGNORE }

/* The configuration's defaults for what the options left unset (pv.c). */
void cli_pv_config(const struct cli *c, struct vol_pv_params *p);

/* pvscan --cache -aay (vg.c): activates the LVs of VG @name. */
int cli_vg_autoactivate(struct cli *c, const char *name);

/* Reports (report.c): pvs, vgs, lvs (lvs --segments: REPORT_SEG; vgs with
 * LV fields: REPORT_VGLV). */
enum report_type { REPORT_PV, REPORT_VG, REPORT_LV, REPORT_SEG, REPORT_PVSEG, REPORT_VGLV };
int report_run(struct cli *c, int argc, char **argv, enum report_type type);
/* pvdisplay/vgdisplay/lvdisplay -C: the report instead (display.c); -1 without -C. */
int cli_display_columns(struct cli *c, int argc, char **argv, enum report_type type);


/* The position of device @rdev in lvm2's device walk: its device cache is a
 * tree keyed by the 32-bit device number with its bytes reversed, so
 * minor numbers above 255 and other majors do not follow numeric order. */
static inline uint32_t cli_scan_key(uint64_t rdev)
{
	return __builtin_bswap32((uint32_t)rdev);
}

#endif
