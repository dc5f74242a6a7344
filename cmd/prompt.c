/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Questions before destructive steps, worded and answered as lvm2 does:
 * the prompt goes to stderr, the answer comes from stdin whatever it is
 * (a terminal, a pipe, a file), and the end of input means no.  -y answers
 * yes without asking.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* lvm2's wording of each question the library asks. */
static void format_question(const struct cli *c, const struct vol_confirm_info *q, char *buf,
			    size_t len)
{
	switch (q->kind) {
	case VOL_Q_WIPE_SIGNATURE:
		snprintf(buf, len, "WARNING: %s signature detected on %s at offset %llu. Wipe it? [y/n]: ",
			 q->signature, q->device, (unsigned long long)q->offset);
		break;
	case VOL_Q_INIT_MEMBER:
		snprintf(buf, len, "Really INITIALIZE physical volume \"%s\" of volume group \"%s\" [y/n]? ",
			 q->device, q->vg);
		break;
	case VOL_Q_WIPE_MEMBER:
		snprintf(buf, len, "Really WIPE LABELS from physical volume \"%s\" of volume group \"%s\" [y/n]? ",
			 q->device, q->vg);
		break;
	case VOL_Q_REMOVE_VG_LVS:
		snprintf(buf, len, "Do you really want to remove volume group \"%s\" containing %llu "
			 "logical volumes? [y/n]: ", q->vg, (unsigned long long)q->count);
		break;
	case VOL_Q_PV_SIZE: {
		char a[32], b[32];

		fmt_size_long(q->size, a, sizeof(a));
		fmt_size_long(q->new_size, b, sizeof(b));
		if (!strcmp(c->cmd, "pvresize"))
			snprintf(buf, len, "%s: Requested size %s %s real size %s. Proceed?  [y/n]: ",
				 q->device, b, q->new_size > q->size ? "exceeds" : "is less than", a);
		else
			snprintf(buf, len, "WARNING: %s: device size %s does not match requested size "
				 "%s. Proceed? [y/n]: ", q->device, a, b);
		break;
	}
	case VOL_Q_MDA_COPIES:
		snprintf(buf, len, "Override preferred number of copies of VG %s metadata? [y/n]: ", q->vg);
		break;
	case VOL_Q_RAID_REGION: {
		char a[32], b[32];

		fmt_size_long(q->size, a, sizeof(a));
		fmt_size_long(q->new_size, b, sizeof(b));
		snprintf(buf, len, "Do you really want to change the region_size %s of LV %s/%s to %s? "
			 "[y/n]: ", a, q->vg, q->lv, b);
		break;
	}
	case VOL_Q_REPAIR_NO_LABEL:	/* pvck --repair*: lvm2 gives these no [y/n] */
		snprintf(buf, len, "Write LVM header to device? ");
		break;
	case VOL_Q_REPAIR_ADD_MDA:
		snprintf(buf, len, "Should a metadata area be included? ");
		break;
	case VOL_Q_REPAIR_HEADER:
		snprintf(buf, len, "Write new LVM header to %s? ", q->device);
		break;
	case VOL_Q_REPAIR_METADATA:
		snprintf(buf, len, "Write new LVM metadata to %s? ", q->device);
		break;
	case VOL_Q_REPAIR_ODD_FILE:
		snprintf(buf, len, "Write input file data to disk?");
		break;
	default:	/* the CLI's own questions come worded */
		snprintf(buf, len, "%s", q->question);
		break;
	}
}

/* Reads one answer line: 'y', 'n', 0 at the end of input, '?' if neither. */
static int read_answer(void)
{
	char line[64];
	size_t n;
	char *p;

	if (!fgets(line, sizeof(line), stdin))
		return 0;
	n = strlen(line);
	if (n && line[n - 1] != '\n') {		/* a long line: drop the rest of it */
		int ch;

		while ((ch = getchar()) != EOF && ch != '\n')
			;
	}
	for (p = line; isspace((unsigned char)*p); p++)
		;
	for (char *e = p + strlen(p); e > p && isspace((unsigned char)e[-1]); e--)
		e[-1] = '\0';
	for (char *s = p; *s; s++)
		*s = (char)tolower((unsigned char)*s);
	if (!strcmp(p, "y") || !strcmp(p, "yes"))
		return 'y';
	if (!strcmp(p, "n") || !strcmp(p, "no"))
		return 'n';
	fprintf(stderr, "  WARNING: Invalid input '%s'.\n", p);
	return '?';
}

bool cli_confirm(const struct cli *c, const struct vol_confirm_info *q)
{
	char prompt[1024];
	int a;

	if (c->yes)
		return true;
	format_question(c, q, prompt, sizeof(prompt));
	do {
		fflush(stdout);
		fputs(prompt, stderr);	/* lvm2 does not indent its questions */
		fflush(stderr);
		a = read_answer();
	} while (a == '?');
	if (!a)
		fputs("[n]\n", stderr);
	return a == 'y';
}

bool cli_ask(const struct cli *c, const char *fmt, ...)
{
	struct vol_confirm_info q = { .kind = (enum vol_question)-1 };
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	q.question = text;
	return cli_confirm(c, &q);
}
