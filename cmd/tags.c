/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --addtag and --deltag, as lvm2 reads them: a leading '@' is dropped, a
 * tag lvm2 would refuse is a command-line error (exit 3), and a command
 * takes as many as it is given.
 */
#include <stdlib.h>

#include "cli.h"

int cli_invalid_arg(const struct cli *c, const char *opt, const char *arg)
{
	(void)c;
	err("Invalid argument for --%s: %s", opt, arg);
	err("Error during parsing of command line.");
	return EXIT_INVALID;
}

int cli_no_syntax(const struct cli *c)
{
	err("No command with matching syntax recognised.  Run '%s --help' for more information.",
	    c->cmd);
	return EXIT_INVALID;
}

int cli_tag_arg(struct cli *c, struct cli_tags *t, const char *opt, const char *arg)
{
	const char *tag = *arg == '@' ? arg + 1 : arg;

	if (vol_tag_check(tag, NULL))
		return cli_invalid_arg(c, opt, arg);
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		const char **v = realloc(t->v, cap * sizeof(*v));

		if (!v) {
			err("Out of memory.");
			return EXIT_FAILED;
		}
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = tag;
	return 0;
}

void cli_tags_free(struct cli_tags *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
