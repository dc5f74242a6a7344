/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Options, messages, confirmation and parsing shared by every command. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include "cli.h"

/* Long forms carry their own ids, so a command that takes one of the short
 * letters for itself (pvck -f FILE) still has --force. */
enum { OPT_HELP = 0x1040, OPT_VERBOSE, OPT_DEBUG, OPT_QUIET, OPT_YES, OPT_FORCE, OPT_AUTOBACKUP };

static const struct option common_opts[] = {
	{ "help", no_argument, NULL, OPT_HELP },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "debug", no_argument, NULL, OPT_DEBUG },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "autobackup", required_argument, NULL, OPT_AUTOBACKUP },
	{ "devices", required_argument, NULL, OPT_DEVICES },
	{ "devicesfile", required_argument, NULL, OPT_DEVICESFILE },
	{ "lock-dir", required_argument, NULL, OPT_LOCKDIR },
	{ "backup-dir", required_argument, NULL, OPT_BACKUPDIR },
	{ "archive-dir", required_argument, NULL, OPT_ARCHIVEDIR },
	{ "run-dir", required_argument, NULL, OPT_RUNDIR },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "test", no_argument, NULL, OPT_TEST },
	{ "foreign", no_argument, NULL, OPT_FOREIGN },
	{ "readonly", no_argument, NULL, OPT_READONLY },
	{ "nohints", no_argument, NULL, OPT_NOHINTS },
	{ NULL, 0, NULL, 0 },
};

static bool quiet;
static char prefix[64] = "  ";

void cli_set_prefix(const char *p)
{
	snprintf(prefix, sizeof(prefix), "%s", p);
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	fputs(prefix, stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void out(const char *fmt, ...)
{
	va_list ap;

	fputs(prefix, stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs(prefix, stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* lvm2 exits 3 only for errors found while parsing the command line; the
 * commands check those themselves.  Anything the library refuses is 5. */
int cli_exit(int e)
{
	return e ? EXIT_FAILED : EXIT_OK;
}

int cli_need_dm(struct cli *c)
{
	struct vol_dm_info info;

	if (c->no_activation || (!vol_dm_info(c->ctx, &info) && info.have_driver))
		return 0;
	err("Failure to communicate with kernel device-mapper driver.");
	err("Check that device-mapper is available in the kernel.");
	return cli_usage_error(c, "Cannot activate without device-mapper: use -an (--activate n).");
}

int cli_have_dm(struct cli *c)
{
	struct vol_dm_info info;

	if (!c->dm_state)
		c->dm_state = !vol_dm_info(c->ctx, &info) && info.have_driver ? 1 : -1;
	if (c->dm_state > 0)
		return 0;
	if (c->dm_state == -1) {	/* said once per command */
		err("Failure to communicate with kernel device-mapper driver.");
		err("Check that device-mapper is available in the kernel.");
		c->dm_state = -2;
	}
	return -ENODEV;
}

unsigned cli_force_flags(const struct cli *c)
{
	return (c->force ? VOL_FORCE : 0) | (c->force > 1 ? VOL_FORCE_MEMBER : 0);
}

/* The command's own options, for --help (set by cli_getopt). */
static const struct option *cmd_longopts;
static const char *cmd_shortopts;

static void print_cmd_options(void)
{
	if (!cmd_longopts || !cmd_longopts->name)
		return;
	printf("\nOptions:\n");
	for (const struct option *o = cmd_longopts; o->name; o++) {
		char shorts[8] = "";

		if (o->val < 0x100 && cmd_shortopts && strchr(cmd_shortopts, o->val))
			snprintf(shorts, sizeof(shorts), "-%c|", o->val);
		printf("  %s--%s%s\n", shorts, o->name, o->has_arg == required_argument ? " ARG" : "");
	}
}

void cli_usage(const struct cli *c)
{
	for (const struct command *k = commands; k->name; k++)
		if (!strcmp(k->name, c->cmd)) {
			printf("%s - %s\n\nUsage: %s %s\n", k->name, k->summary, k->name, k->synopsis);
			print_cmd_options();
			printf("\nCommon options:\n"
			       "  -h|--help  -v|--verbose  -d|--debug  -q|--quiet  -y|--yes  -f|--force\n"
			       "  -t|--test (check and plan, write nothing)\n"
			       "  -A|--autobackup y|n  --devices DEV[,DEV...]  --devicesfile NAME\n"
			       "  --lock-dir DIR  --backup-dir DIR  --archive-dir DIR  --run-dir DIR\n"
			       "  --config STRING (lvm2 settings, e.g. \"global/wait_for_locks=0\")\n"
			       "\n");
			/* Each command's page is volume-CMD(8) (lvm2 owns CMD(8));
			 * version has none of its own. */
			if (!strcmp(k->name, "version"))
				printf("See volume(8): man volume\n");
			else
				printf("See volume-%s(8): man volume-%s\n", k->name, k->name);
			return;
		}
}

int cli_run_help(const struct cli *c)
{
	err("Run `%s --help' for more information.", c->cmd);
	return EXIT_INVALID;
}

int cli_usage_error(const struct cli *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err("%s", msg);
	err("Run `%s --help' for more information.", c->cmd);
	return EXIT_INVALID;
}

static int add_devices(struct cli *c, const char *list)
{
	static char **devs;
	static size_t n;
	char *copy, *save = NULL;

	if (!strpbrk(list, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/"))
		return -EINVAL;	/* "", ",", ",,": no device at all */
	if (!(copy = strdup(list)))
		return -ENOMEM;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char **nd = realloc(devs, (n + 1) * sizeof(*devs));

		if (!nd || !(nd[n] = strdup(t))) {
			free(copy);
			return -ENOMEM;
		}
		devs = nd;
		n++;
	}
	free(copy);
	c->devices_set = true;
	return vol_ctx_set_devices(c->ctx, (const char *const *)devs, n);
}

static int set_dir(struct cli *c, enum vol_dir which, const char *arg)
{
	if (vol_ctx_set_dir(c->ctx, which, arg))
		return cli_usage_error(c, "Invalid directory \"%s\": an empty path.", arg);
	c->dir_from_cli[which] = true;
	return 0;
}

/* --config, once: applied with lvm.conf when the options are read. */
static int add_config(struct cli *c, const char *arg)
{
	char **v;

	if (c->n_config) {
		err("Option --config may not be repeated.");
		err("Error during parsing of command line.");
		return EXIT_INVALID;
	}
	if (!(v = realloc(c->config, (c->n_config + 1) * sizeof(*v))))
		return EXIT_FAILED;
	c->config = v;
	c->config[c->n_config++] = (char *)(uintptr_t)arg;
	return 0;
}

enum vol_log_level cli_log_level(const struct cli *c)
{
	if (c->verbose >= 2)
		return VOL_LOG_DEBUG;
	if (c->verbose)
		return VOL_LOG_VERBOSE;
	return c->quiet ? VOL_LOG_WARN : VOL_LOG_NORMAL;
}

/* --readonly: the commands that only read, which lvm2 accepts it on;
 * they already take no lock that could block and write nothing. */
static int readonly_ok(const struct cli *c)
{
	static const char *const cmds[] = { "pvs", "vgs", "lvs", "pvdisplay", "vgdisplay",
					    "lvdisplay", "lvscan", "vgcfgbackup" };

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(c->cmd, cmds[i]))
			return 0;
	fprintf(stderr, "%s: unrecognized option '--readonly'\n", c->cmd);
	err("Error during parsing of command line.");
	return EXIT_INVALID;
}

static int common_opt(struct cli *c, int opt, const char *arg)
{
	bool yn;

	switch (opt) {
	case 'h':
	case OPT_HELP:
		cli_usage(c);
		exit(EXIT_OK);
	case 'v':
	case OPT_VERBOSE:
		c->verbose++;
		vol_ctx_set_log_level(c->ctx, c->verbose >= 2 ? VOL_LOG_DEBUG : VOL_LOG_VERBOSE);
		return 0;
	case 'd':
	case OPT_DEBUG:
		c->verbose = 4;
		vol_ctx_set_log_level(c->ctx, VOL_LOG_DEBUG);
		return 0;
	case 'q':
	case OPT_QUIET:
		c->quiet = quiet = true;
		vol_ctx_set_log_level(c->ctx, VOL_LOG_WARN);
		return 0;
	case 'y':
	case OPT_YES:
		c->yes = true;
		return 0;
	case 'f':
	case OPT_FORCE:
		c->force++;
		return 0;
	case 'A':
	case OPT_AUTOBACKUP:
		if (parse_yn(arg, &yn))
			return cli_usage_error(c, "Invalid argument for --autobackup: %s", arg);
		vol_ctx_set_backup(c->ctx, yn);
		c->backup_from_cli = true;
		return 0;
	case OPT_FOREIGN:
		c->read_flags |= VOL_OPEN_FOREIGN;
		return 0;
	case OPT_NOHINTS:	/* we keep no hints: every command scans */
		return 0;
	case OPT_READONLY:
		return readonly_ok(c);
	case 't':
	case OPT_TEST:
		if (!c->test)
			err("TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.");
		c->test = true;
		vol_ctx_set_test_mode(c->ctx, true);
		return 0;
	case OPT_CONFIG:
		return add_config(c, arg);
	case OPT_DEVICES:
		if (add_devices(c, arg))
			return cli_usage_error(c, "Invalid argument for --devices: \"%s\" (a comma-separated "
					       "list of device paths)", arg);
		return 0;
	case OPT_DEVICESFILE:
		if (*arg && !cli_devfile_name_ok(arg))
			return cli_usage_error(c, "Invalid devices file name.");
		c->devicesfile = arg;
		return 0;
	case OPT_LOCKDIR:
		return set_dir(c, VOL_DIR_LOCK, arg);
	case OPT_BACKUPDIR:
		return set_dir(c, VOL_DIR_BACKUP, arg);
	case OPT_ARCHIVEDIR:
		return set_dir(c, VOL_DIR_ARCHIVE, arg);
	case OPT_RUNDIR:
		return set_dir(c, VOL_DIR_RUN, arg);
	default:
		return -1;
	}
}

/* Is @opt one of the command's own options?  Those win over common ones. */
static bool own_opt(int opt, const char *shortopts, const struct option *longopts)
{
	if (opt < 0x100 && shortopts && strchr(shortopts, opt))
		return true;
	for (const struct option *o = longopts; o && o->name; o++)
		if (o->val == opt)
			return true;
	return false;
}

/* The command's options followed by the common ones it does not shadow. */
static void merge_options(struct cli *c, const char *shortopts, const struct option *longopts)
{
	size_t n = 0, k = 0;

	for (const struct option *o = longopts; o && o->name; o++)
		if (n < CLI_MAX_OPTS - 1)
			c->opts[n++] = *o;
	for (const struct option *o = common_opts; o->name; o++) {
		bool shadowed = false;

		for (size_t j = 0; j < n && !shadowed; j++)
			shadowed = !strcmp(c->opts[j].name, o->name);
		if (!shadowed && n < CLI_MAX_OPTS - 1)
			c->opts[n++] = *o;
	}
	/* Too many options for the table is a programming error, caught by every test. */
	if (n == CLI_MAX_OPTS - 1)
		abort();
	memset(&c->opts[n], 0, sizeof(c->opts[n]));
	/* Options may follow the arguments, as in lvm2 ("vgs vg0 -o name"). */
	for (const char *p = "hvdqyftA:"; *p; p++) {
		if (*p == ':' || (shortopts && strchr(shortopts, *p)))
			continue;
		c->shorts[k++] = *p;
		if (p[1] == ':')
			c->shorts[k++] = ':';
	}
	if ((size_t)snprintf(c->shorts + k, sizeof(c->shorts) - k, "%s", shortopts ? shortopts : "")
	    >= sizeof(c->shorts) - k)
		abort();
	c->opts_for = longopts;
	c->opts_built = true;
}

int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	cmd_longopts = longopts;
	cmd_shortopts = shortopts;
	if (!c->opts_built || c->opts_for != longopts)
		merge_options(c, shortopts, longopts);
	for (;;) {
		int opt = getopt_long(argc, argv, c->shorts, c->opts, NULL);
		int r;

		if (opt == -1 && !c->config_applied) {
			c->config_applied = true;
			if ((r = cli_apply_config(c)))
				exit(r);
		}
		if (opt == -1)
			return -1;
		if (opt == '?') {	/* getopt has said which option */
			err("Error during parsing of command line.");
			return '?';
		}
		if (own_opt(opt, shortopts, longopts))
			return opt;
		r = common_opt(c, opt, optarg);
		if (r < 0)
			return opt;
		if (r > 0)
			return '?';
	}
}

/* Is @arg shaped like a PV UUID ("xxxxxx-xxxx-xxxx-xxxx-xxxx-xxxx-xxxxxx")? */
static bool uuid_shaped(const char *arg)
{
	static const char dashes[] = { 6, 11, 16, 21, 26, 31 };

	if (strlen(arg) != 38)
		return false;
	for (size_t i = 0; i < sizeof(dashes); i++)
		if (arg[(int)dashes[i]] != '-')
			return false;
	return true;
}

bool cli_pv_arg_unusable(struct cli *c, const char *arg)
{
	struct vol_dev_info d;
	const char *why = NULL;

	if (arg[0] == '@' || uuid_shaped(arg))
		return false;
	switch (vol_dev_lookup(c->ctx, arg, &d, &why)) {
	case -ENOENT:
		err("Cannot use %s: device not found", arg);
		return true;
	case -ENODEV:
		err("Cannot use %s: %s", arg, why);
		return true;
	default:
		return false;
	}
}

bool cli_pv_matches(const struct vol_pv *pv, const char *arg)
{
	struct stat st;

	if (!strcmp(vol_pv_name(pv), arg) || !strcmp(vol_pv_uuid(pv), arg))
		return true;
	return vol_pv_devno(pv) && !stat(arg, &st) && S_ISBLK(st.st_mode) &&
	       (uint64_t)st.st_rdev == vol_pv_devno(pv);
}

int cli_monitor_opt(struct cli *c, int opt, const char *arg, bool *monitor)
{
	bool yn;

	if (opt == OPT_IGNOREMON_ID)
		return 0;
	if (opt != OPT_MONITOR_ID)
		return 1;
	if (parse_yn(arg, &yn))
		return cli_usage_error(c, "Invalid argument for --monitor: %s", arg);
	*monitor = true;
	if (!yn)	/* lvm2 then loads old-style mirrors without handle_errors */
		vol_ctx_set_monitoring(c->ctx, false);
	return 0;
}

int parse_yn(const char *s, bool *out)
{
	if (!strcmp(s, "y") || !strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "n") || !strcmp(s, "no"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}
