/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * volume: one binary, LVM2's command names.  "volume pvcreate ..." runs a
 * command, and so does a link named after it ("pvcreate ...").
 */
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

const struct command commands[] = {
#define X(name, synopsis, summary) { #name, cmd_##name, synopsis, summary },
	COMMAND_LIST
#undef X
	{ NULL, NULL, NULL, NULL },
};

/* The line lvm2 adds after some messages: which command repairs it, or
 * what the command gives up on.  "%s" is the message's object. */
static const char *hint(const struct cli *c, enum vol_msg code)
{
	switch (code) {
	case VOL_MSG_VG_INCONSISTENT:
		return "See vgck --updatemetadata to correct inconsistency.";
	case VOL_MSG_PV_OUTDATED:
		return "See vgck --updatemetadata to clear outdated metadata.";
	case VOL_MSG_VG_MISSING_PVS:
		return "See vgreduce --removemissing and vgextend --restoremissing.";
	case VOL_MSG_LOCK_BUSY:
		return "Cannot process volume group %s";
	case VOL_MSG_PV_IN_USE:
		return strcmp(c->cmd, "pvremove") ? "Can't initialize PV '%s' without -ff."
			: "(If you are certain you need pvremove, then confirm by using --force twice.)";
	case VOL_MSG_PV_UNREADABLE:
		return NULL;
	default:
		return NULL;
	}
}

/* lvm2's reporting commands say which devices file entries name no device. */
static bool reports_devfile_misses(const struct cli *c)
{
	static const char *const cmds[] = { "pvs", "vgs", "lvs", "pvdisplay", "vgdisplay", "lvdisplay",
					    "pvscan", "vgscan", "lvscan" };

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(c->cmd, cmds[i]))
			return true;
	return false;
}

static void log_cb(const struct vol_log_info *m, void *usr)
{
	const char *h, *obj;

	if (m->code == VOL_MSG_DEVFILE_NOT_FOUND && !reports_devfile_misses(usr))
		return;
	if (m->level == VOL_LOG_NORMAL)
		out("%s", m->msg);
	else if (m->level == VOL_LOG_WARN && (m->code == VOL_MSG_DEVFILE ||
					       m->code == VOL_MSG_DEVFILE_NOT_FOUND))
		err("%s", m->msg);	/* lvm2 words these without "WARNING:" */
	else if (m->level == VOL_LOG_WARN)
		err("WARNING: %s", m->msg);
	else
		err("%s", m->msg);
	if ((h = hint(usr, m->code)) && (obj = strstr(h, "%s")))
		err("%.*s%s%s", (int)(obj - h), h, m->object ? m->object : "", obj + 2);
	else if (h)
		err("%s", h);
}

static bool confirm_cb(const struct vol_confirm_info *q, void *usr)
{
	return cli_confirm(usr, q);
}

#ifdef VOLUME_FAULT_HOOKS
/* The tests' build only: VOLUME_CRASH_AT=step:k ends the process right
 * after that commit step, as a crash or power cut would; VOLUME_CRASH_AT=list
 * prints every step ("crash point step:k") instead.  VOLUME_STOP_AT=step:k
 * stops the process there (SIGSTOP), so that a test can change the devices
 * under it (a PV that fails in the middle of a commit) and let it go on
 * with SIGCONT. */
struct fault_want {
	const char *crash, *stop;
	char seen[64][32];	/* the points passed so far, "step:k" */
	unsigned times[64], n;
};

/* How often @here was passed before, this time included (1 the first time). */
static unsigned fault_times(struct fault_want *w, const char *here)
{
	for (unsigned i = 0; i < w->n; i++)
		if (!strcmp(w->seen[i], here))
			return ++w->times[i];
	if (w->n == sizeof(w->seen) / sizeof(w->seen[0]))
		return 1;
	snprintf(w->seen[w->n], sizeof(w->seen[0]), "%s", here);
	w->times[w->n++] = 1;
	return 1;
}

/* A command that commits more than once passes a step again: the second
 * time it is "step:k#2", and so on; the first time plain "step:k". */
static void fault_cb(const struct vol_fault_info *f, void *usr)
{
	struct fault_want *want = usr;
	char here[64];
	unsigned times;

	snprintf(here, sizeof(here), "%s:%u", f->step, f->index);
	if ((times = fault_times(want, here)) > 1)
		snprintf(here + strlen(here), sizeof(here) - strlen(here), "#%u", times);
	if (want->crash && !strcmp(want->crash, "list"))
		err("crash point %s", here);
	else if (want->crash && !strcmp(want->crash, here))
		_exit(99);
	if (want->stop && !strcmp(want->stop, here))
		raise(SIGSTOP);
}
#endif

static void flush_stdout(void)
{
	/* Writing a report into a full disk must not exit 0, and says why. */
	int e = 0;

	errno = 0;
	if (fflush(stdout))
		e = errno;
	if (ferror(stdout) && !e)
		e = errno ? errno : EIO;
	if (fclose(stdout) && !e)
		e = errno;
	if (e) {
		err("Failed to write to standard output: %s", strerror(e));
		_exit(EXIT_FAILED);
	}
}

static void list_commands(void)
{
	printf("Usage: volume COMMAND [ARGS...]\n\nCommands:\n");
	for (const struct command *k = commands; k->name; k++)
		printf("  %-14s %s\n", k->name, k->summary);
	printf("\nRun \"volume help COMMAND\" or \"volume COMMAND --help\" for a command's options,\n"
	       "and \"man volume-COMMAND\" for its manual page (\"man volume\" for the tool).\n");
}

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *s;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (!(s = calloc(1, len)))
		return NULL;
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int main(int argc, char **argv)
{
	const char *name = basename(argv[0]);
	const struct command *k;
	struct cli c = { 0 };
	static char help_opt[] = "--help";
	char *help_argv[] = { NULL, help_opt, NULL };
	char *cmdline;
	int r;

	atexit(flush_stdout);
	if (!strcmp(name, "volume")) {
		if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
		    (!strcmp(argv[1], "help") && argc < 3)) {
			list_commands();
			return argc < 2 ? EXIT_INVALID : EXIT_OK;
		}
		if (!strcmp(argv[1], "help")) {
			/* "volume help CMD" is "volume CMD --help". */
			help_argv[0] = argv[2];
			argc = 2;
			argv = help_argv;
		} else {
			argc--;
			argv++;
		}
		name = argv[0];
	}
	for (k = commands; k->name && strcmp(k->name, name); k++)
		;
	if (!k->name) {	/* lvm2's words and exit code, for both forms */
		fprintf(stderr, "  No such command.  Try 'volume help'.\n");
		return EXIT_NO_SUCH_CMD;
	}
	if ((r = vol_ctx_new(&c.ctx))) {
		fprintf(stderr, "  volume: %s\n", strerror(-r));
		return EXIT_FAILED;
	}
	c.cmd = k->name;
	c.read_flags = VOL_OPEN_READ | VOL_OPEN_PARTIAL;
	c.mda_copies = -1;	/* no metadata/pvmetadatacopies */
	vol_ctx_set_log(c.ctx, log_cb, &c);
	vol_ctx_set_confirm(c.ctx, confirm_cb, &c);
	if ((cmdline = join_args(argc, argv))) {
		vol_ctx_set_command(c.ctx, cmdline);
		free(cmdline);
	}
#ifdef VOLUME_FAULT_HOOKS
	static struct fault_want want;

	want.crash = getenv("VOLUME_CRASH_AT");
	want.stop = getenv("VOLUME_STOP_AT");
	if (want.crash || want.stop)
		vol_ctx_set_fault_hook(c.ctx, fault_cb, &want);
#endif
	optind = 1;
	r = k->fn(&c, argc, argv);
	vol_ctx_free(c.ctx);
	free(c.config);
	return r;
}
