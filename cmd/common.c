/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Options, messages, confirmation and parsing shared by every command. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct option common_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "debug", no_argument, NULL, 'd' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "yes", no_argument, NULL, 'y' },
	{ "force", no_argument, NULL, 'f' },
	{ "autobackup", required_argument, NULL, 'A' },
	{ "devices", required_argument, NULL, OPT_DEVICES },
	{ "lock-dir", required_argument, NULL, OPT_LOCKDIR },
	{ "backup-dir", required_argument, NULL, OPT_BACKUPDIR },
	{ "archive-dir", required_argument, NULL, OPT_ARCHIVEDIR },
	{ "run-dir", required_argument, NULL, OPT_RUNDIR },
	{ NULL, 0, NULL, 0 },
};

void out(const char *fmt, ...)
{
	va_list ap;

	fputs("  ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("  ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_exit(int e)
{
	if (!e)
		return EXIT_OK;
	return e == -EINVAL ? EXIT_INVALID : EXIT_FAILED;
}

void cli_usage(const struct cli *c)
{
	for (const struct command *k = commands; k->name; k++)
		if (!strcmp(k->name, c->cmd)) {
			printf("%s - %s\n\nUsage: %s %s\n", k->name, k->summary, k->name, k->synopsis);
			printf("\nCommon options:\n"
			       "  -h|--help  -v|--verbose  -d|--debug  -q|--quiet  -y|--yes  -f|--force\n"
			       "  -A|--autobackup y|n  --devices DEV[,DEV...]\n"
			       "  --lock-dir DIR  --backup-dir DIR  --archive-dir DIR  --run-dir DIR\n"
			       "\nSee %s(8).\n", k->name);
			return;
		}
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

	if (!*list || !strcmp(list, ","))
		return -EINVAL;
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

static int common_opt(struct cli *c, int opt, const char *arg)
{
	bool yn;

	switch (opt) {
	case 'h':
		cli_usage(c);
		exit(EXIT_OK);
	case 'v':
		c->verbose++;
		vol_ctx_set_log_level(c->ctx, c->verbose >= 2 ? VOL_LOG_DEBUG : VOL_LOG_VERBOSE);
		return 0;
	case 'd':
		c->verbose = 4;
		vol_ctx_set_log_level(c->ctx, VOL_LOG_DEBUG);
		return 0;
	case 'q':
		c->quiet = true;
		vol_ctx_set_log_level(c->ctx, VOL_LOG_WARN);
		return 0;
	case 'y':
		c->yes = true;
		return 0;
	case 'f':
		c->force++;
		return 0;
	case 'A':
		if (parse_yn(arg, &yn))
			return cli_usage_error(c, "Invalid argument for --autobackup: %s", arg);
		vol_ctx_set_backup(c->ctx, yn);
		return 0;
	case OPT_DEVICES:
		if (add_devices(c, arg))
			return cli_usage_error(c, "Invalid argument for --devices: \"%s\" (a comma-separated "
					       "list of device paths)", arg);
		return 0;
	case OPT_LOCKDIR:
		return vol_ctx_set_dir(c->ctx, VOL_DIR_LOCK, arg) ? EXIT_INVALID : 0;
	case OPT_BACKUPDIR:
		return vol_ctx_set_dir(c->ctx, VOL_DIR_BACKUP, arg) ? EXIT_INVALID : 0;
	case OPT_ARCHIVEDIR:
		return vol_ctx_set_dir(c->ctx, VOL_DIR_ARCHIVE, arg) ? EXIT_INVALID : 0;
	case OPT_RUNDIR:
		return vol_ctx_set_dir(c->ctx, VOL_DIR_RUN, arg) ? EXIT_INVALID : 0;
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

int cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	static struct option merged[96];
	static char shorts[96];
	static const struct option *built_for;
	static bool built;

	if (!built || built_for != longopts) {
		size_t n = 0, k = 0;

		for (const struct option *o = longopts; o && o->name; o++)
			merged[n++] = *o;
		for (const struct option *o = common_opts; o->name; o++) {
			bool shadowed = false;

			for (size_t j = 0; j < n && !shadowed; j++)
				shadowed = !strcmp(merged[j].name, o->name);
			if (!shadowed && !(o->val < 0x100 && shortopts && strchr(shortopts, o->val)))
				merged[n++] = *o;
		}
		memset(&merged[n], 0, sizeof(merged[n]));
		shorts[k++] = '+';
		for (const char *p = "hvdqyfA:"; *p; p++) {
			if (*p == ':' || (shortopts && strchr(shortopts, *p)))
				continue;
			shorts[k++] = *p;
			if (p[1] == ':')
				shorts[k++] = ':';
		}
		snprintf(shorts + k, sizeof(shorts) - k, "%s", shortopts ? shortopts : "");
		built_for = longopts;
		built = true;
	}
	for (;;) {
		int opt = getopt_long(argc, argv, shorts, merged, NULL);
		int r;

		if (opt == -1)
			return -1;
		if (opt == '?')
			return '?';
		if (own_opt(opt, shortopts, longopts))
			return opt;
		r = common_opt(c, opt, optarg);
		if (r < 0)
			return opt;
		if (r > 0)
			return '?';
	}
}

int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
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

/* lvm2 size arguments: a number with an optional fraction and unit; input
 * units are binary whatever their case (b, s = 512 bytes, k, m, g, t, p, e). */
int parse_size(const char *s, char def_unit, uint64_t *out)
{
	static const char units[] = "bskmgtpe";
	const char *u;
	char *end;
	double v;
	unsigned shift;
	char unit;

	if (!s || !*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v < 0)
		return -EINVAL;
	unit = *end ? (char)(*end | 0x20) : def_unit;
	if (*end && end[1] && !(end[1] == 'i' && end[2] == 'b' && !end[3]) &&
	    !((end[1] == 'b' || end[1] == 'B') && !end[2]))
		return -EINVAL;
	if (!(u = strchr(units, unit)))
		return -EINVAL;
	if (unit == 'b')
		shift = 0;
	else if (unit == 's')
		shift = 9;
	else
		shift = 10 * (unsigned)(u - units - 1);
	v *= (double)(1ull << shift);
	if (v >= 18446744073709551615.0)
		return -EINVAL;
	*out = (uint64_t)v;
	return 0;
}
