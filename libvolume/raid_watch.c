/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Device-mapper events of raid1 LVs, for the monitor.  One thread per LV
 * sleeps in the kernel (dm_ops.wait_event, DM_DEVICE_WAITEVENT) until its
 * device's event counter moves; dm-raid raises an event when a leg fails
 * and when a sync or recovery ends, and a device's removal wakes its
 * waiters.  The threads only count events; the caller reads the statuses.
 *
 * A thread asleep in the kernel cannot be called back: the watch and a
 * context of its own (never the caller's) are freed by whoever lets go
 * last, the owner or the last thread.  A thread starts from the event
 * counter read when its LV was added, so nothing after that is missed.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "dm.h"
#include "raid.h"
#include "table.h"

struct watch_dev {
	struct vol_raid_watch *w;
	char uuid[DMT_UUID_LEN];
	uint32_t event_nr;	/* when it was added: an event after that is seen */
	bool gone;
};

struct vol_raid_watch {
	pthread_mutex_t mu;
	pthread_cond_t cond;
	struct vol_ctx *ctx;	/* the threads' own, silent */
	struct watch_dev **devs;
	size_t n, cap;
	unsigned refs;		/* the owner and each running thread */
	unsigned events;	/* since the last vol_raid_watch_wait() */
	bool stopping;
};

/* Drops one reference (the mutex held); the last frees everything. */
static void watch_put(struct vol_raid_watch *w)
{
	bool last = !--w->refs;

	pthread_mutex_unlock(&w->mu);
	if (!last)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->devs[i]);
	free(w->devs);
	vol_ctx_free(w->ctx);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

static void *watch_thread(void *arg)
{
	struct watch_dev *d = arg;
	struct vol_raid_watch *w = d->w;
	const struct dm_ops *ops = ctx_dm(w->ctx);
	struct dm_id id = { NULL, d->uuid };
	uint32_t nr = d->event_nr;

	for (;;) {
		int r = ops->wait_event(w->ctx, &id, nr, &nr);

		pthread_mutex_lock(&w->mu);
		if (w->stopping)
			break;
		w->events++;	/* a removal wakes the caller too */
		pthread_cond_broadcast(&w->cond);
		if (r)
			break;
		pthread_mutex_unlock(&w->mu);
	}
	d->gone = true;
	watch_put(w);
	return NULL;
}

VOL_EXPORT int vol_raid_watch_new(struct vol_ctx *ctx, struct vol_raid_watch **out)
{
	struct vol_raid_watch *w = calloc(1, sizeof(*w));
	int r;

	*out = NULL;
	if (!w)
		return -ENOMEM;
	if ((r = vol_ctx_new(&w->ctx))) {
		free(w);
		return r;
	}
	w->ctx->dm = ctx->dm;	/* a test's fake reaches the threads too */
	w->ctx->no_activation = ctx->no_activation;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cond, NULL);
	w->refs = 1;
	*out = w;
	return 0;
}

/* The entry of @uuid (a live one), or NULL. */
static struct watch_dev *find_dev(struct vol_raid_watch *w, const char *uuid)
{
	for (size_t i = 0; i < w->n; i++)
		if (!w->devs[i]->gone && !strcmp(w->devs[i]->uuid, uuid))
			return w->devs[i];
	return NULL;
}

/* A new entry for @uuid with its thread started (the mutex held). */
static int start_dev(struct vol_raid_watch *w, const char *uuid, uint32_t event_nr)
{
	struct watch_dev *d;
	pthread_attr_t a;
	size_t slot = w->n;
	pthread_t t;
	int r;

	/* A device that went away left its entry: its thread is over (it
	 * touches nothing after marking it), so the slot is taken again. */
	for (size_t i = 0; i < w->n && slot == w->n; i++)
		if (w->devs[i]->gone)
			slot = i;
	if (slot == w->n && w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		struct watch_dev **v = realloc(w->devs, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		w->devs = v;
		w->cap = cap;
	}
	if (!(d = calloc(1, sizeof(*d))))
		return -ENOMEM;
	d->w = w;
	memcpy(d->uuid, uuid, sizeof(d->uuid));
	d->event_nr = event_nr;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 256 * 1024);
	r = -pthread_create(&t, &a, watch_thread, d);
	pthread_attr_destroy(&a);
	if (r) {
		free(d);
		return r;
	}
	if (slot == w->n)
		w->n++;
	else
		free(w->devs[slot]);
	w->devs[slot] = d;
	w->refs++;
	return 0;
}

VOL_EXPORT int vol_raid_watch_add(struct vol_raid_watch *w, struct vol_lv *lv)
{
	struct vol_ctx *ctx = lv->vg->ctx;
	char uuid[DMT_UUID_LEN] = "";
	struct dm_id id = { NULL, uuid };
	struct dm_state s;
	int r;

	if ((r = raid_top_uuid(lv, uuid, sizeof(uuid))))
		return r;
	if (!ctx_dm(w->ctx)->wait_event)
		return -EOPNOTSUPP;
	if ((r = ctx_dm(ctx)->info(ctx, &id, &s)))
		return r;
	if (!s.exists || !s.live_table)
		return -ENODEV;
	pthread_mutex_lock(&w->mu);
	r = find_dev(w, uuid) ? 0 : start_dev(w, uuid, s.event_nr);
	pthread_mutex_unlock(&w->mu);
	if (r)
		log_err(ctx, "Cannot watch %s/%s for events: %s.", lv->vg->md->name, lv->md.name,
			strerror(-r));
	return r;
}

VOL_EXPORT int vol_raid_watch_wait(struct vol_raid_watch *w, unsigned timeout_ms)
{
	struct timespec end;
	int got;

	clock_gettime(CLOCK_REALTIME, &end);
	end.tv_sec += timeout_ms / 1000;
	end.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&w->mu);
	while (!w->events)
		if (pthread_cond_timedwait(&w->cond, &w->mu, &end) == ETIMEDOUT)
			break;
	got = w->events > 0;
	w->events = 0;
	pthread_mutex_unlock(&w->mu);
	return got;
}

VOL_EXPORT void vol_raid_watch_free(struct vol_raid_watch *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	watch_put(w);
}
