/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --wait: the progress of a raid1 LV's sync, recovery, check or repair,
 * drawn from the statuses vol_raid_wait() reads.  On a terminal, a bar
 * redrawn on one line (\r); elsewhere (a log, a pipe), one plain line every
 * few seconds.  The rate is the average since the current action began;
 * the time left assumes it goes on.  SIGINT stops the wait, not the sync.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define TTY_POLL_MS 500
#define PLAIN_POLL_MS 1000
#define PLAIN_EVERY_S 5.0	/* a plain line this often */
#define BAR_WIDTH 30

struct progress {
	char name[512];
	bool tty, drawn;
	char action[16];
	uint64_t base;		/* in_sync when the action began (or went back) */
	uint64_t last;
	double t_base, t_line;
	bool checked;		/* a check or repair was seen */
	uint64_t mismatches;
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "1:02:03" or "2:03". */
static void fmt_time(double s, char *buf, size_t len)
{
	unsigned long v = s > 0 ? (unsigned long)(s + 0.5) : 0;

	if (v >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", v / 3600, v / 60 % 60, v % 60);
	else
		snprintf(buf, len, "%lu:%02lu", v / 60, v % 60);
}

static const char *verb(const char *action)
{
	return !strcmp(action, "check") ? "checked" : !strcmp(action, "repair") ? "repaired" : "synced";
}

/* Rate (MiB/s) and time left as text, "" for the time until it is known. */
static void rate_eta(const struct progress *p, const struct vol_raid_status *st, double t,
		     double *mib_s, char *eta, size_t len)
{
	double dt = t - p->t_base, done = (double)(st->in_sync - p->base) * 512.0;

	*mib_s = dt > 0.2 ? done / dt / 1048576.0 : 0;
	eta[0] = '\0';
	if (*mib_s > 0)
		fmt_time((double)(st->total - st->in_sync) * 512.0 / (*mib_s * 1048576.0), eta, len);
}

static void draw(struct progress *p, const struct vol_raid_status *st, double t)
{
	double pct = st->total ? 100.0 * (double)st->in_sync / (double)st->total : 100.0, mib;
	char eta[32], bar[BAR_WIDTH + 1];
	int fill = (int)(pct / 100.0 * BAR_WIDTH);

	if (pct > 99.9 && (strcmp(st->sync_action, "idle") || strchr(st->health, 'a')))
		pct = 99.9;	/* 100.0 only once it is over */
	rate_eta(p, st, t, &mib, eta, sizeof(eta));
	if (p->tty) {
		memset(bar, '#', (size_t)fill);
		memset(bar + fill, '.', (size_t)(BAR_WIDTH - fill));
		bar[BAR_WIDTH] = '\0';
		fprintf(stderr, "\r  %s [%s] %5.1f%% %s, %.1f MiB/s, %s left\033[K", p->name, bar, pct,
			verb(st->sync_action), mib, *eta ? eta : "?:??");
		p->drawn = true;
	} else {
		fprintf(stderr, "  %s: %.1f%% %s, %.1f MiB/s, %s left\n", p->name, pct,
			verb(st->sync_action), mib, *eta ? eta : "?:??");
	}
	fflush(stderr);
}

/* vol_raid_wait's function: a new baseline when the action changes or the
 * count goes back, then a drawing when one is due. */
static int on_status(const struct vol_raid_status *st, void *usr)
{
	struct progress *p = usr;
	double t = now_s();

	if (interrupted)
		return -EINTR;
	if (strcmp(p->action, st->sync_action) || st->in_sync < p->last) {
		snprintf(p->action, sizeof(p->action), "%s", st->sync_action);
		p->base = st->in_sync;
		p->t_base = t;
	}
	p->last = st->in_sync;
	p->mismatches = st->mismatch_count;
	p->checked |= !strcmp(st->sync_action, "check") || !strcmp(st->sync_action, "repair");
	if (!strcmp(st->sync_action, "idle") && !strchr(st->health, 'a'))
		return 0;	/* over (or stuck on a dead leg): the end says which */
	/* a plain line once a rate can be told (or a whole period went by) */
	if (p->tty || ((st->in_sync > p->base || t - p->t_base >= PLAIN_EVERY_S) &&
		       t - p->t_line >= PLAIN_EVERY_S)) {
		draw(p, st, t);
		p->t_line = t;
	}
	return 0;
}

int cli_wait_sync(struct cli *c, const char *vg, const char *lv)
{
	struct progress p = { .tty = isatty(STDERR_FILENO) == 1, .t_line = -1e9 };
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	double t0 = now_s();
	char took[32];
	int r;

	snprintf(p.name, sizeof(p.name), "%s/%s", vg, lv);
	interrupted = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);	/* no SA_RESTART: the sleep ends at once */
	r = vol_raid_wait(c->ctx, vg, lv, p.tty ? TTY_POLL_MS : PLAIN_POLL_MS, on_status, &p);
	sigaction(SIGINT, &old, NULL);
	if (p.drawn)
		fputs("\r\033[K", stderr);
	fmt_time(now_s() - t0, took, sizeof(took));
	if (!r && (p.checked || p.mismatches))
		note("%s: in sync, %llu mismatches found (waited %s).", p.name,
		     (unsigned long long)p.mismatches, took);
	else if (!r)
		note("%s: in sync (waited %s).", p.name, took);
	else if (r == -EINTR)
		err("Interrupted: %s goes on syncing in the background.", p.name);
	return r;
}
