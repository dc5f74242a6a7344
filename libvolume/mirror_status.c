/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the kernel says of an active old-style mirror (mirror.h): dm-mirror's
 * status line "<#images> <dev>... <in-sync>/<regions> <#args> <health>
 * <#log args> <log type> [<log dev> <log health>]", health one char per
 * image ('A' alive, 'D' dead, 'S' sync failure, 'R' read failure, 'U'
 * unclassified).  lvm2's copy_percent is in-sync over regions.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "handles.h"
#include "dm.h"
#include "mirror.h"
#include "percent.h"
#include "raid.h"
#include "table.h"
#include "vgobj.h"

/* Parses @text into @st: 0 or -EINVAL. */
static int parse(const char *text, struct vol_mirror_status *st)
{
	unsigned n, nargs;
	int used = 0;
	const char *p = text;
	char health[sizeof(st->health)];

	if (sscanf(p, "%u%n", &n, &used) != 1 || !n || n >= sizeof(st->health))
		return -EINVAL;
	p += used;
	for (unsigned k = 0; k < n; k++) {
		while (*p == ' ')
			p++;
		if (!*p || !(p = strchr(p, ' ')))
			return -EINVAL;
	}
	if (sscanf(p, " %" SCNu64 "/%" SCNu64 " %u %8s%n", &st->in_sync, &st->regions, &nargs,
		   health, &used) != 4 || nargs != 1 || strlen(health) != n ||
	    st->in_sync > st->regions)
		return -EINVAL;
	st->images = n;
	st->sync_percent = percent_of(st->in_sync, st->regions);
	memcpy(st->health, health, n + 1);
	return 0;
}

VOL_EXPORT int vol_lv_mirror_status(struct vol_lv *lv, struct vol_mirror_status *st)
{
	const struct dm_ops *ops = ctx_dm(lv->vg->ctx);
	char uuid[DMT_UUID_LEN], *text = NULL;
	struct dm_id id = { NULL, uuid };
	struct dm_state s;
	int r;

	memset(st, 0, sizeof(*st));
	if (lv->idx < 0 || !mseg_lv_is_mirror(lv->vg->md, (uint32_t)lv->idx))
		return -EINVAL;
	if ((r = dmt_uuid(lv->vg->md->id, lv->md.id, NULL, uuid, sizeof(uuid))) ||
	    (r = ops->info(lv->vg->ctx, &id, &s)))
		return r;
	if (!s.exists || !s.live_table || !ops->status)
		return -ENODEV;
	if ((r = ops->status(lv->vg->ctx, &id, &text)))
		return r;
	if (strchr(text, '\n'))
		*strchr(text, '\n') = '\0';
	if (!strncmp(text, "mirror ", 7) ? (r = parse(text + 7, st)) : (r = parse(text, st)))
		log_err(lv->vg->ctx, "Failed to parse mirror status: %s", text);
	free(text);
	return r;
}

VOL_EXPORT const char *vol_lv_mirror_log(const struct vol_lv *lv)
{
	struct mseg m;

	if (lv->idx < 0 || !mseg_lv_is_mirror(lv->vg->md, (uint32_t)lv->idx) ||
	    mseg_parse(lv->vg->md, &lv->md.segs[0], &m) || m.log < 0)
		return NULL;
	return lv->vg->md->lvs[m.log].name;
}
