/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * volume monitor: a foreground watcher of raid1 LVs, to run as a service
 * (scripts/volume-monitor.service), in the spirit of lvm2's dmeventd raid
 * plugin.  Each active raid1 LV of the VGs (all, or those named) is watched
 * for device-mapper events (vol_raid_watch: the kernel wakes us when a leg
 * fails or a sync ends); every --interval seconds the VGs are read again
 * anyway, which finds new LVs and covers a kernel without events.
 *
 * One line per change: a leg failing ("Device #N of raid1 array, vg/lv,
 * has failed."), the array in sync again.  --policy allocate replaces the
 * failed legs itself, as lvm2's raid_fault_policy = "allocate" does, once
 * per failure; --policy warn (the default) only says so.  --once makes one
 * pass (the tests' form).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

enum { OPT_POLICY = OPT_FIRST_CMD, OPT_INTERVAL, OPT_ONCE };

#define DEFAULT_INTERVAL 60	/* seconds between full reads of the VGs */
#define SLICE_MS 250		/* how often a stop request is noticed */
#define RETRY_S 5		/* a repair put off (not in sync yet) is tried again */

static const struct option monitor_opts[] = {
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "once", no_argument, NULL, OPT_ONCE },
	{ NULL, 0, NULL, 0 },
};

/* What the monitor knows of one raid1 LV. */
struct mon_lv {
	char name[260];		/* "vg/lv" */
	uint64_t dead[VOL_RAID_MAX_LEGS / 64];	/* legs reported dead */
	bool present;		/* found by the current pass */
	bool failed;		/* a failure is being dealt with */
	bool known, in_sync;
	bool repair;		/* to repair after the pass */
	bool waiting;		/* a repair put off until the array is in sync */
};

struct monitor {
	struct cli *c;
	bool allocate, once;
	unsigned interval;
	char **vgs;		/* the VGs named, or NULL: all */
	size_t n_vgs;
	struct mon_lv *v;
	size_t n;
	struct vol_raid_watch *watch;
	bool polling;		/* no events here: the interval alone */
	bool retry;		/* a repair is waiting: look again soon */
	int rc;
};

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static struct mon_lv *entry(struct monitor *m, const char *name)
{
	struct mon_lv *e;

	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i].name, name))
			return &m->v[i];
	if (!(e = realloc(m->v, (m->n + 1) * sizeof(*e))))
		return NULL;
	m->v = e;
	e = &m->v[m->n++];
	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	out("Monitoring RAID device %s for events.", name);
	return e;
}

/* The repair of @e waits until the array is in sync (as lvm2's does):
 * the next pass, RETRY_S seconds or an event from now, tries again. */
static void put_off(struct monitor *m, struct mon_lv *e)
{
	if (!e->waiting)
		err("WARNING: waiting for resynchronization to finish before initiating repair "
		    "on RAID device %s.", e->name);
	e->waiting = true;
	e->repair = false;
	m->retry = true;
}

/* A status against what was known: the lines to log, a repair to run. */
static void evaluate(struct monitor *m, struct mon_lv *e, const struct vol_raid_status *st)
{
	bool dead = false, sync;

	for (uint32_t i = 0; i < st->legs; i++) {
		if (st->health[i] != 'D')
			continue;
		dead = true;
		if (!(e->dead[i / 64] & (UINT64_C(1) << (i % 64)))) {
			e->dead[i / 64] |= UINT64_C(1) << (i % 64);
			err("WARNING: Device #%u of raid1 array, %s, has failed.", i, e->name);
		}
	}
	if (dead) {
		if (!e->failed && !m->allocate)
			err("WARNING: Policy warn: run \"lvconvert --repair %s\" to replace the "
			    "failed device.", e->name);
		e->repair = (!e->failed || e->waiting) && m->allocate;
		e->failed = true;
		e->known = false;
		if (e->repair && (st->in_sync < st->total || strcmp(st->sync_action, "idle")))
			put_off(m, e);	/* lvconvert --repair would refuse it */
		return;
	}
	sync = st->in_sync == st->total && !strchr(st->health, 'a') &&
	       (!strcmp(st->sync_action, "idle") || !st->sync_action[0]);
	if (!e->known || sync != e->in_sync)
		out("raid1 array, %s, is %s in-sync.", e->name, sync ? "now" : "not");
	if (sync)
		memset(e->dead, 0, sizeof(e->dead));
	e->failed = e->waiting = false;
	e->known = true;
	e->in_sync = sync;
}

/* One LV of an open VG: its status, its watch, its evaluation. */
static void look_at(struct monitor *m, const char *vg, struct vol_lv *lv)
{
	struct vol_raid_status st;
	struct mon_lv *e;
	char name[260];
	int r;

	if (strcmp(vol_lv_segtype(lv), "raid1"))
		return;
	/* watched first: an event after the status read below is not missed */
	if (!m->polling && !m->once && (r = vol_raid_watch_add(m->watch, lv)) == -EOPNOTSUPP) {
		err("WARNING: No device-mapper events here: reading the VGs every %u s.", m->interval);
		m->polling = true;
	}
	if (vol_lv_raid_status(lv, &st))
		return;		/* not active: nothing to watch */
	snprintf(name, sizeof(name), "%s/%s", vg, vol_lv_name(lv));
	if (!(e = entry(m, name)))
		return;
	e->present = true;
	evaluate(m, e, &st);
}

static void scan_vg(struct monitor *m, const char *name)
{
	struct vol_vg *vg;

	if (vol_vg_open(m->c->ctx, name, VOL_OPEN_READ, &vg)) {
		err("Cannot process volume group %s", name);
		return;
	}
	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, 0); lv; lv = vol_vg_next_lv(vg, lv, 0))
		look_at(m, name, lv);
	vol_vg_close(vg);
}

/* lvconvert --repair of @e, with the VG opened for it (its PVs may be missing). */
static void repair(struct monitor *m, struct mon_lv *e)
{
	char vgname[260], *lvname;
	struct vol_vg *vg;
	struct vol_lv *lv;
	int r;

	snprintf(vgname, sizeof(vgname), "%s", e->name);
	lvname = strchr(vgname, '/');
	*lvname++ = '\0';
	out("Policy allocate: replacing the failed legs of %s.", e->name);
	if (!(r = vol_vg_open(m->c->ctx, vgname, VOL_OPEN_WRITE | VOL_OPEN_PARTIAL, &vg))) {
		r = (lv = vol_vg_lv_by_name(vg, lvname)) ? vol_lv_raid_repair(lv, NULL, 0) : -ENOENT;
		vol_vg_close(vg);
	}
	if (r == -EBUSY && !m->once) {	/* not in sync after all: later */
		put_off(m, e);
		return;
	}
	e->waiting = false;
	if (r) {
		err("Repair of RAID device %s failed.", e->name);
		m->rc = EXIT_FAILED;
	} else {
		out("Faulty devices in %s successfully replaced.", e->name);
	}
}

/* One pass: every VG read, the LVs that went away forgotten, repairs run. */
static void pass(struct monitor *m)
{
	char **names = m->vgs;
	size_t n = m->n_vgs, k = 0;

	m->retry = false;
	for (size_t i = 0; i < m->n; i++)
		m->v[i].present = false;
	if (!m->vgs && vol_vg_names(m->c->ctx, &names, &n))
		names = NULL, n = 0;
	for (size_t i = 0; i < n && !stop; i++)
		scan_vg(m, names[i]);
	if (!m->vgs)
		vol_strv_free(names, n);
	for (size_t i = 0; i < m->n; i++) {
		if (!m->v[i].present) {
			out("No longer monitoring RAID device %s for events.", m->v[i].name);
			continue;
		}
		m->v[k++] = m->v[i];
	}
	m->n = k;
	for (size_t i = 0; i < m->n && !stop; i++)
		if (m->v[i].repair) {
			m->v[i].repair = false;
			repair(m, &m->v[i]);
		}
}

/* Until an event, the interval's end or a stop. */
static void sleep_until_event(struct monitor *m)
{
	unsigned limit = (m->retry && m->interval > RETRY_S ? RETRY_S : m->interval) * 1000;

	for (unsigned waited = 0; !stop && waited < limit; waited += SLICE_MS)
		if (vol_raid_watch_wait(m->watch, SLICE_MS) > 0)
			return;
}

static int monitor_opt(struct cli *c, struct monitor *m, int opt, const char *arg)
{
	uint64_t v;

	switch (opt) {
	case OPT_POLICY:
		if (strcmp(arg, "warn") && strcmp(arg, "allocate"))
			return cli_usage_error(c, "Invalid argument for --policy: %s (warn or allocate)",
					       arg);
		m->allocate = !strcmp(arg, "allocate");
		return 0;
	case OPT_INTERVAL:
		if (parse_uint(arg, 86400, &v) || !v)
			return cli_usage_error(c, "Invalid argument for --interval: %s (1 to 86400 "
					       "seconds)", arg);
		m->interval = (unsigned)v;
		return 0;
	case OPT_ONCE:
		m->once = true;
		return 0;
	default:
		return EXIT_INVALID;
	}
}

int cmd_monitor(struct cli *c, int argc, char **argv)
{
	struct monitor m = { .c = c, .interval = DEFAULT_INTERVAL, .rc = EXIT_OK };
	struct sigaction sa = { .sa_handler = on_stop };
	int opt, r;

	while ((opt = cli_getopt(c, argc, argv, "", monitor_opts)) != -1)
		if ((r = monitor_opt(c, &m, opt, optarg)))
			return r;
	if (optind < argc) {
		m.vgs = argv + optind;
		m.n_vgs = (size_t)(argc - optind);
	}
	if ((r = cli_need_dm(c)))
		return r;
	if ((r = vol_raid_watch_new(c->ctx, &m.watch))) {
		err("Cannot start watching: %s.", strerror(-r));
		return EXIT_FAILED;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* a journal gets each line as it comes */
	stop = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	out("Monitoring raid1 LVs (policy %s).", m.allocate ? "allocate" : "warn");
	for (pass(&m); !m.once && !stop; pass(&m))
		sleep_until_event(&m);
	if (!m.once)
		out("Stopped monitoring.");
	vol_raid_watch_free(m.watch);
	free(m.v);
	return m.rc;
}
