/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LV activation (activate.h): the plan of table.c played against the
 * kernel through dm.h, in the order lvm2 2.03.16 uses (lvm2-format.md
 * §11, §16.4, §16.7; lvm2's lib/activate/activate.c, dev_manager.c, fs.c
 * and device_mapper/libdm-deptree.c):
 *
 * - Activation goes through the plan, children first: a device missing is
 *   created (name, UUID, no table), loaded and resumed; one that is live
 *   with the same table is left alone (lvm2 suppresses identical reloads);
 *   one with another table is reloaded and resumed.
 * - Read-only: an LV without the WRITE flag (or an activation asked
 *   read-only) is created and loaded read-only, except raid images, raid
 *   metadata LVs and missing-PV stand-ins, which lvm2 keeps writable
 *   (dev_manager.c read_only_lv()).
 * - For devices that exist, lvm2 walks the tree with the children of each
 *   node in reverse table order: preload and resume children first
 *   (rimage_1, rmeta_1, rimage_0, rmeta_0, then the raid device), suspend
 *   and remove parents first (the raid device, rimage_1, ...).
 * - A live change preloads the new tables (new devices are created, and a
 *   child that is new or grew is resumed at once: its parent's new table
 *   must fit it), suspends the old tree with flush and skiplockfs (every
 *   device of it, changed or not), lets the metadata be committed, then
 *   resumes; the devices the new layout dropped are removed last (fault
 *   points preload:k, suspend:k, resume:k, remove:k for the crash tests;
 *   an activation passes activate:k after each device).
 * - Deactivation refuses an open LV, then removes the top device, then the
 *   sub-devices its table names, and the /dev/<vg>/<lv> link goes last.
 * - Without udev, libdevmapper makes the /dev/mapper nodes and lvm2 links
 *   /dev/<vg>/<lv> to the absolute /dev/mapper/<name>; a directory
 *   /dev/<vg> left empty is removed.
 *
 * The kernel's view of an existing tree (which sub-devices a device uses)
 * comes from its live table: every "major:minor" in it that is a device
 * of the VG.  So deactivation and live changes also find devices the
 * metadata no longer plans (a stand-in for a PV that came back).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <unistd.h>

#include "activate.h"
#include "mirror.h"
#include "ctx.h"
#include "dm.h"
#include "inuse.h"
#include "raid.h"
#include "snap.h"
#include "vgobj.h"

#define MAX_DEPTH 32	/* devices on devices: deeper is a loop */

/* What this call knows of, and did to, one device of the plan. */
struct anode {
	struct dm_state st;
	bool created;		/* created by this call */
	bool loaded;		/* this call loaded its inactive table */
	bool resumed;		/* resumed during the preload */
	char *old;		/* its live table before this call */
};

/* A dm device of the VG, as the kernel lists it. */
struct kdev {
	char name[DMT_NAME_LEN];
	char uuid[DMT_UUID_LEN];
	dev_t devno;
	struct dm_state st;
	unsigned refs;		/* live tables of the tree that name it */
	bool seen;		/* in the tree */
	bool suspended;		/* suspended by this call */
};

/* The VG's dm devices, and one tree of them in both orders. */
struct kset {
	struct kdev *v;
	size_t n, cap;
	size_t *pre, *post;
	size_t n_pre, n_post;
	int err;
	char prefix[DMT_UUID_LEN];
};

struct act {
	struct vol_vg *vg;
	struct vol_ctx *ctx;
	const struct dm_ops *ops;
	const struct act_opts *o;
	bool planned;
	struct dmt_tree t;
	struct anode *n;	/* parallel to t.nodes */
	size_t *order;		/* the plan's nodes, children first */
	size_t n_order;
	struct kset k;
};

void act_opts_init(struct act_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = DMT_MODE_DEGRADED;
}

static const char *dev_dir(const struct act *a)
{
	return a->o && a->o->dev_dir ? a->o->dev_dir : ctx_dir(a->ctx, VOL_DIR_DEV);
}

/* ---------------------------------------------------------------- plan */

/* dmt_pv_dev_fn: PV @pv of vg->md through the handle's device slots. */
int act_pv_dev(void *arg, uint32_t pv, struct dmt_devnum *out)
{
	const struct vol_vg *vg = arg;
	const struct pvslot *s;

	if (pv >= vg->md->n_pvs)
		return -EINVAL;
	s = &vg->slots[pv];
	if (!s->present || !s->d.devno)
		return -ENODEV;
	out->major = major(s->d.devno);
	out->minor = minor(s->d.devno);
	return 0;
}

static void act_init(struct act *a, struct vol_vg *vg, const struct act_opts *o)
{
	memset(a, 0, sizeof(*a));
	a->vg = vg;
	a->ctx = vg->ctx;
	a->ops = ctx_dm(vg->ctx);
	a->o = o;
	snprintf(a->k.prefix, sizeof(a->k.prefix), DMT_UUID_PREFIX "%s", vg->md->id);
}

static void act_done(struct act *a)
{
	for (size_t i = 0; a->n && i < a->t.n; i++)
		free(a->n[i].old);
	free(a->n);
	free(a->order);
	if (a->planned)
		dmt_tree_free(&a->t);
	free(a->k.v);
	free(a->k.pre);
	free(a->k.post);
	memset(a, 0, sizeof(*a));
}

/* lvm2's "used by another LV": a raid image or metadata LV, or an LV area. */
static bool lv_is_sub(const struct md_vg *vg, uint32_t lv, bool raid_only)
{
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		for (uint32_t s = 0; s < vg->lvs[l].n_segs; s++) {
			const struct md_seg *seg = &vg->lvs[l].segs[s];

			for (uint32_t k = 0; seg->type == MD_SEG_RAID1 && k < seg->device_count; k++)
				if (seg->pairs[k].image == (int32_t)lv || seg->pairs[k].meta == (int32_t)lv)
					return true;
			for (uint32_t k = 0; !raid_only && seg->type == MD_SEG_STRIPED &&
					     k < seg->stripe_count; k++)
				if (seg->areas[k].pv < 0 && seg->areas[k].lv == (int32_t)lv)
					return true;
		}
	return false;
}

/* Children first, each node's children in reverse table order (lvm2's walk). */
static void post_visit(struct act *a, size_t i, bool *seen)
{
	seen[i] = true;
	for (size_t j = i; j-- > 0;)
		if (!seen[j] && dmt_node_uses(&a->t, i, j))
			post_visit(a, j, seen);
	a->order[a->n_order++] = i;
}

/* lvm2's warning (once per command) for a mirror loaded without handle_errors (--monitor n). */
static void mirror_warning(struct act *a)
{
	for (size_t i = 0; !a->t.handle_errors && i < a->t.n; i++)
		if (!(a->t.nodes[i].flags & DMT_STANDIN) && a->t.nodes[i].layer == DMT_LAYER_NONE &&
		    mseg_lv_is_mirror(a->vg->md, a->t.nodes[i].lv)) {
			log_warn_once(a->ctx, VOL_MSG_OTHER, NULL, "Mirror %s/%s without monitoring "
				      "will not react on failures.", a->vg->md->name,
				      a->vg->md->lvs[a->t.nodes[i].lv].name);
			return;
		}
}

static int act_plan(struct act *a, uint32_t lv, enum dmt_mode mode)
{
	struct dmt_opts opts = { .mode = mode, .nosync = a->o && a->o->nosync,
				 .handle_errors = !a->vg->ctx->no_monitoring,
				 .pv_dev = act_pv_dev, .arg = a->vg };
	bool *seen;
	int r = dmt_plan(a->vg->md, lv, &opts, &a->t);

	if (r)
		return r;
	a->planned = true;
	a->n = calloc(a->t.n, sizeof(*a->n));
	a->order = calloc(a->t.n, sizeof(*a->order));
	seen = calloc(a->t.n, sizeof(*seen));
	if (!a->n || !a->order || !seen) {
		free(seen);
		return -ENOMEM;
	}
	post_visit(a, a->t.n - 1, seen);
	/*
	 * Anything the top's table does not reach (the snapshots of an origin,
	 * built on its real layer) goes after what it uses and before the top.
	 */
	a->n_order--;
	for (size_t i = 0; i + 1 < a->t.n; i++)
		if (!seen[i])
			post_visit(a, i, seen);
	a->order[a->n_order++] = a->t.n - 1;
	free(seen);
	return 0;
}

/* Would --activationmode degraded map LV @lv (a raid1 LV with a leg left)? */
static bool degraded_would_do(struct act *a, uint32_t lv)
{
	struct dmt_opts opts = { .mode = DMT_MODE_DEGRADED, .pv_dev = act_pv_dev, .arg = a->vg };
	struct dmt_tree t = { 0 };

	if (dmt_plan(a->vg->md, lv, &opts, &t))
		return false;
	dmt_tree_free(&t);
	return true;
}

/* Why LV @lv cannot be planned in @mode, in lvm2's words. */
static void plan_error(struct act *a, uint32_t lv, int r, enum dmt_mode mode)
{
	const char *vg = a->vg->md->name, *name = a->vg->md->lvs[lv].name;

	if (r == -ENODEV && a->o && a->o->refresh)
		log_err(a->ctx, "Refusing refresh of partial LV %s/%s. Use '--activationmode "
			"partial' to override.", vg, name);
	else if (r == -ENODEV && mode == DMT_MODE_COMPLETE && degraded_would_do(a, lv))
		log_err(a->ctx, "Refusing activation of partial LV %s/%s.  Try '--activationmode "
			"degraded'.", vg, name);
	else if (r == -ENODEV)
		log_err(a->ctx, "Refusing activation of partial LV %s/%s.  Use '--activationmode "
			"partial' to override.", vg, name);
	else if (r == -EOPNOTSUPP)
		log_err(a->ctx, "Cannot activate %s/%s: a segment type is not supported.", vg, name);
	else
		log_err(a->ctx, "Cannot activate %s/%s: %s.", vg, name, strerror(-r));
}

/* lvm2's read_only_lv(): raid sub-LVs and stand-ins stay writable. */
static bool node_ro(const struct act *a, size_t i)
{
	const struct dmt_node *n = &a->t.nodes[i];
	const struct md_lv *l = &a->t.vg->lvs[n->lv];

	if ((n->flags & DMT_STANDIN) || n->layer == DMT_LAYER_COW || lv_is_sub(a->t.vg, n->lv, true))
		return false;	/* lvm2 keeps a snapshot's COW layer writable too */
	return (a->o && a->o->read_only) || !(l->status.known & MD_LV_WRITE);
}

/* ---------------------------------------------------------------- tables as text */

static int table_text(const struct dmt_table *tb, char **out)
{
	struct md_buf b;

	md_buf_init(&b);
	dmt_table_text(tb, &b);
	if (b.err) {
		md_buf_free(&b);
		return b.err;
	}
	*out = b.p ? b.p : strdup("");
	return *out ? 0 : -ENOMEM;
}

/* Splits "start len type params\n" lines (as ops->table gives) in place. */
static int parse_table(char *text, struct dm_line **out, size_t *n)
{
	struct dm_line *l = NULL;
	size_t cnt = 0;

	for (char *line = text, *next; line && *line; line = next) {
		struct dm_line *p = realloc(l, (cnt + 1) * sizeof(*l));
		char *end;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (!p) {
			free(l);
			return -ENOMEM;
		}
		l = p;
		l[cnt].start = strtoull(line, &end, 10);
		l[cnt].len = strtoull(end, &end, 10);
		if (*end++ != ' ' || !*end) {
			free(l);
			return -EINVAL;
		}
		l[cnt].type = end;
		end += strcspn(end, " ");
		if (*end)
			*end++ = '\0';
		l[cnt++].params = end;
	}
	*out = l;
	*n = cnt;
	return 0;
}

/* Sectors a table text covers. */
static uint64_t text_size(const char *text)
{
	uint64_t size = 0;

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		unsigned long long start, len;

		if (sscanf(p, "%llu %llu", &start, &len) == 2 && start + len > size)
			size = start + len;
	}
	return size;
}

/* The devices a table names ("major:minor" words), in table order; free(*out). */
static size_t table_devs(const char *text, dev_t **out)
{
	size_t n = 0, cap = strlen(text) / 4 + 1;
	dev_t *v = calloc(cap, sizeof(*v));

	*out = v;
	for (const char *p = text; v && *p;) {
		unsigned ma, mi;
		int used = 0;
		size_t w = strcspn(p, " \n");

		if (sscanf(p, "%u:%u%n", &ma, &mi, &used) == 2 && (size_t)used == w && n < cap)
			v[n++] = makedev(ma, mi);
		p += w;
		p += strspn(p, " \n");
	}
	return n;
}

/* ---------------------------------------------------------------- dm calls */

static struct dm_id node_id(const struct act *a, size_t i)
{
	return (struct dm_id){ a->t.nodes[i].name, a->t.nodes[i].uuid };
}

static int dm_call(struct act *a, const char *what, const char *name, int r)
{
	if (r == -ENODEV && a->ctx->dm_avail < 0)	/* no driver: dm.c said so if it matters */
		log_debug(a->ctx, "Cannot %s %s: no device-mapper driver.", what, name);
	else if (r)
		log_err(a->ctx, "Failed to %s %s: %s.", what, name, strerror(-r));
	return r;
}

static int dev_resume(struct act *a, const struct dm_id *id)
{
	log_verbose(a->ctx, "Resuming %s.", id->name);
	return dm_call(a, "resume", id->name, a->ops->resume(a->ctx, id));
}

static int dev_suspend(struct act *a, const struct dm_id *id)
{
	log_verbose(a->ctx, "Suspending %s with device flush.", id->name);
	return dm_call(a, "suspend", id->name, a->ops->suspend(a->ctx, id, true));
}

static int dev_clear(struct act *a, const struct dm_id *id)
{
	log_verbose(a->ctx, "Clearing the inactive table of %s.", id->name);
	return dm_call(a, "clear the inactive table of", id->name, a->ops->clear(a->ctx, id));
}

/* Refreshes the state of node @i; a device that exists gives it its number. */
/* Node @i's state is @st (just asked for). */
static void node_known(struct act *a, size_t i, const struct dm_state *st)
{
	struct dmt_node *n = &a->t.nodes[i];

	a->n[i].st = *st;
	n->has_dev = st->exists;
	n->dev = (struct dmt_devnum){ major(st->devno), minor(st->devno) };
}

static int node_info(struct act *a, size_t i)
{
	struct dm_id id = node_id(a, i);
	struct dm_state st;
	int r = a->ops->info(a->ctx, &id, &st);

	if (r)
		return dm_call(a, "query", a->t.nodes[i].name, r);
	node_known(a, i, &st);
	return 0;
}

static int node_load(struct act *a, size_t i)
{
	const struct dmt_table *tb = &a->t.nodes[i].table;
	struct dm_id id = node_id(a, i);
	struct dm_line *l = calloc(tb->n ? tb->n : 1, sizeof(*l));
	int r;

	if (!l)
		return -ENOMEM;
	for (size_t k = 0; k < tb->n; k++)
		l[k] = (struct dm_line){ tb->t[k].start, tb->t[k].len, tb->t[k].type,
					 tb->t[k].params };
	log_verbose(a->ctx, "Loading table for %s (%u:%u).", id.name, a->t.nodes[i].dev.major,
		    a->t.nodes[i].dev.minor);
	r = a->ops->load(a->ctx, &id, l, tb->n, node_ro(a, i));
	free(l);
	if (!r)
		a->n[i].loaded = true;
	return dm_call(a, "load a table into", id.name, r);
}

/* Loads a table saved as text (a revert). */
static int load_text(struct act *a, const struct dm_id *id, const char *text, bool ro)
{
	char *copy = strdup(text);
	struct dm_line *l = NULL;
	size_t n = 0;
	int r = copy ? parse_table(copy, &l, &n) : -ENOMEM;

	if (!r) {
		log_verbose(a->ctx, "Loading the old table for %s.", id->name);
		r = dm_call(a, "reload", id->name, a->ops->load(a->ctx, id, l, n, ro));
	}
	free(l);
	free(copy);
	return r;
}

/* A new device: name and UUID, then its number. */
static int node_create(struct act *a, size_t i)
{
	struct dm_id id = node_id(a, i), by_name = { id.name, NULL };
	struct dm_state other;
	int r = a->ops->info(a->ctx, &by_name, &other);

	if (!r && other.exists) {
		log_err(a->ctx, "A device-mapper device %s exists with another UUID.", id.name);
		return -EEXIST;
	}
	log_verbose(a->ctx, "Creating %s.", id.name);
	r = a->ops->create(a->ctx, &id, node_ro(a, i), a->t.nodes[i].major, a->t.nodes[i].minor);
	if (r)
		return dm_call(a, "create", id.name, r);
	a->n[i].created = true;
	return node_info(a, i);
}

/* 1 if node @i is live with the planned table and read-only flag, else 0; keeps the text. */
static int node_same(struct act *a, size_t i)
{
	struct dm_id id = node_id(a, i);
	char *want = NULL;
	int r;

	if (!a->n[i].st.live_table)
		return 0;
	free(a->n[i].old);
	a->n[i].old = NULL;
	if ((r = a->ops->table(a->ctx, &id, &a->n[i].old)))
		return dm_call(a, "read the table of", id.name, r);
	if ((r = table_text(&a->t.nodes[i].table, &want)))
		return r;
	r = !strcmp(want, a->n[i].old) && a->n[i].st.read_only == node_ro(a, i);
	free(want);
	return r;
}

/* ---------------------------------------------------------------- /dev */

static int path_of(const struct act *a, char *out, const char *a1, const char *a2)
{
	int n = a2 ? snprintf(out, PATH_MAX, "%s/%s/%s", dev_dir(a), a1, a2)
		   : snprintf(out, PATH_MAX, "%s/%s", dev_dir(a), a1);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/* /dev/mapper/<name>, where libdevmapper (or udev) did not make it. */
static void ensure_node(struct act *a, const char *name, dev_t devno)
{
	char path[PATH_MAX], dir[PATH_MAX];
	struct group *g;
	struct stat s;

	if (path_of(a, path, "mapper", name) || path_of(a, dir, "mapper", NULL))
		return;
	if (!stat(path, &s) && S_ISBLK(s.st_mode) && s.st_rdev == devno)
		return;
	if (!lstat(path, &s))
		unlink(path);
	if (mkdir(dir, 0755) && errno != EEXIST)
		log_debug(a->ctx, "mkdir %s: %s", dir, strerror(errno));
	if (mknod(path, S_IFBLK | 0660, devno)) {
		log_warn(a->ctx, "Cannot create %s: %s.", path, strerror(errno));
		return;
	}
	/* libdevmapper's nodes: 0660 root:disk whatever the umask (Debian's build) */
	g = getgrnam("disk");
	if (chown(path, 0, g ? g->gr_gid : 0) || chmod(path, 0660))
		log_debug(a->ctx, "chown/chmod %s: %s", path, strerror(errno));
	log_verbose(a->ctx, "Created %s.", path);
}

static void drop_node(struct act *a, const char *name)
{
	char path[PATH_MAX];
	struct stat s;

	if (!path_of(a, path, "mapper", name) && !lstat(path, &s) && !unlink(path))
		log_verbose(a->ctx, "Removed %s.", path);
}

/* /dev/<vg>/<lv> -> /dev/mapper/<name>, unless udev's link is there. */
static int ensure_link(struct act *a, const char *lv, const char *name, dev_t devno)
{
	char dir[PATH_MAX], link[PATH_MAX], target[PATH_MAX], cur[PATH_MAX];
	const char *vg = a->vg->md->name;
	struct stat s;
	ssize_t len;

	if (path_of(a, dir, vg, NULL) || path_of(a, link, vg, lv) ||
	    path_of(a, target, "mapper", name))
		return -ENAMETOOLONG;
	if (!mkdir(dir, 0755)) {
		if (chmod(dir, 0755))	/* whatever the umask */
			log_debug(a->ctx, "chmod %s: %s", dir, strerror(errno));
	} else if (errno != EEXIST) {
		int e = errno;

		log_err(a->ctx, "Cannot create directory %s: %s.", dir, strerror(e));
		return -e;
	}
	if (!lstat(link, &s)) {
		len = readlink(link, cur, sizeof(cur) - 1);
		if (len >= 0 && (cur[len] = '\0', !strcmp(cur, target)))
			return 0;
		if (S_ISLNK(s.st_mode) && !stat(link, &s) && S_ISBLK(s.st_mode) && s.st_rdev == devno)
			return 0;
		if (!S_ISLNK(s.st_mode) && !S_ISBLK(s.st_mode)) {
			log_err(a->ctx, "Symbolic link %s not created: file exists.", link);
			return -EEXIST;
		}
		unlink(link);
	}
	log_verbose(a->ctx, "Linking %s -> %s.", link, target);
	if (symlink(target, link)) {
		int e = errno;

		log_err(a->ctx, "Cannot create link %s: %s.", link, strerror(e));
		return -e;
	}
	return 0;
}

static void drop_link(struct act *a, const char *lv)
{
	char dir[PATH_MAX], link[PATH_MAX];
	struct stat s;

	if (path_of(a, dir, a->vg->md->name, NULL) || path_of(a, link, a->vg->md->name, lv))
		return;
	if (!lstat(link, &s) && S_ISLNK(s.st_mode) && !unlink(link))
		log_verbose(a->ctx, "Removed link %s.", link);
	if (!rmdir(dir))
		log_verbose(a->ctx, "Removed directory %s.", dir);
}

/* ---------------------------------------------------------------- vgmknodes */

int act_mknodes(struct vol_vg *vg, uint32_t lv, const struct act_opts *o)
{
	char uuid[DMT_UUID_LEN], dmname[DMT_NAME_LEN];
	struct dm_id id = { NULL, uuid };
	const char *name;
	struct dm_state s;
	struct act a;
	int r;

	if (lv >= vg->md->n_lvs)
		return -EINVAL;
	name = vg->md->lvs[lv].name;
	if ((r = dmt_uuid(vg->md->id, vg->md->lvs[lv].id, NULL, uuid, sizeof(uuid))) ||
	    (r = dmt_name(vg->md->name, name, NULL, dmname, sizeof(dmname))))
		return r;
	act_init(&a, vg, o);
	if (!(r = dm_call(&a, "query", name, a.ops->info(a.ctx, &id, &s)))) {
		if (!s.exists) {
			drop_link(&a, name);
		} else if (vg->md->lvs[lv].status.known & MD_LV_VISIBLE) {
			/* (a device a crash left misnamed is act_recover()'s) */
			ensure_node(&a, dmname, s.devno);
			r = ensure_link(&a, name, dmname, s.devno);
		}
	}
	act_done(&a);
	return r;
}

struct mk_all {
	struct act *a;
	char **names;
	size_t n;
	int r;
};

static void mk_one(const char *name, const char *uuid, dev_t devno, void *usr)
{
	struct mk_all *m = usr;
	char **v;

	(void)uuid;
	ensure_node(m->a, name, devno);
	if (m->r || !(v = realloc(m->names, (m->n + 1) * sizeof(*v))) || !(v[m->n] = strdup(name))) {
		if (!m->r)
			m->r = -ENOMEM;
		return;
	}
	m->names = v;
	m->n++;
}

/* Removes what /dev/mapper holds that is no device (but the control node). */
static void drop_stale_nodes(struct act *a, const struct mk_all *m)
{
	char dir[PATH_MAX];
	struct dirent *e;
	DIR *d;

	if (path_of(a, dir, "mapper", NULL) || !(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		bool known = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
			     !strcmp(e->d_name, "control");
		struct stat s;

		for (size_t i = 0; i < m->n && !known; i++)
			known = !strcmp(m->names[i], e->d_name);
		if (!known && !fstatat(dirfd(d), e->d_name, &s, AT_SYMLINK_NOFOLLOW) &&
		    !S_ISDIR(s.st_mode) && !unlinkat(dirfd(d), e->d_name, 0))
			log_verbose(a->ctx, "Removed %s/%s: no such device.", dir, e->d_name);
	}
	closedir(d);
}

int act_mknodes_all(struct vol_ctx *ctx, const struct act_opts *o)
{
	struct act a = { .ctx = ctx, .ops = ctx_dm(ctx), .o = o };
	struct mk_all m = { &a, NULL, 0, 0 };
	int r = dm_call(&a, "list", "the device-mapper devices", a.ops->list(ctx, mk_one, &m));

	if (!r && !(r = m.r))
		drop_stale_nodes(&a, &m);
	for (size_t i = 0; i < m.n; i++)
		free(m.names[i]);
	free(m.names);
	return r;
}

/* An LV whose metadata sets its read-ahead (none or N sectors) gets it on
 * its top device, as lvm2 sets it at activation; auto leaves the kernel's. */
static void apply_read_ahead(struct act *a, const struct dmt_node *n)
{
	const struct md_lv *lv = &a->t.vg->lvs[n->lv];
	char path[PATH_MAX];
	unsigned long ra;
	int fd;

	if (!lv->has_read_ahead || !lv->read_ahead || path_of(a, path, "mapper", n->name))
		return;
	ra = lv->read_ahead < 0 ? 0 : (unsigned long)lv->read_ahead;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, BLKRASET, ra))
		log_warn(a->ctx, "Cannot set the read-ahead of %s to %lu sectors: %s.", n->name, ra,
			 strerror(errno));
	else
		log_verbose(a->ctx, "Set the read-ahead of %s to %lu sectors.", n->name, ra);
	if (fd >= 0)
		close(fd);
}

/* Nodes for every device of the plan, the link (and read-ahead) for visible LVs. */
static int plan_nodes(struct act *a)
{
	int r = 0;

	for (size_t i = 0; i < a->t.n && !r; i++) {
		const struct dmt_node *n = &a->t.nodes[i];
		dev_t d = makedev(n->dev.major, n->dev.minor);

		if (!n->has_dev)
			continue;
		ensure_node(a, n->name, d);
		if (!(n->flags & DMT_VISIBLE))
			continue;
		r = ensure_link(a, a->t.vg->lvs[n->lv].name, n->name, d);
		apply_read_ahead(a, n);
	}
	return r;
}

static int dev_remove(struct act *a, const char *name, const char *uuid)
{
	struct dm_id id = { name, uuid };
	int r;

	log_verbose(a->ctx, "Removing %s.", name);
	r = dm_call(a, "remove", name, a->ops->remove(a->ctx, &id));
	if (!r)
		drop_node(a, name);
	return r;
}

/* ---------------------------------------------------------------- the VG's devices */

static void kset_add(const char *name, const char *uuid, dev_t devno, void *usr)
{
	struct kset *k = usr;
	struct kdev *d;

	if (k->err || strncmp(uuid, k->prefix, strlen(k->prefix)))
		return;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 16;

		if (!(d = realloc(k->v, cap * sizeof(*d)))) {
			k->err = -ENOMEM;
			return;
		}
		k->v = d;
		k->cap = cap;
	}
	d = &k->v[k->n++];
	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	snprintf(d->uuid, sizeof(d->uuid), "%s", uuid);
	d->devno = devno;
}

/* Lists the VG's devices, with their state when @info. */
static int kset_load(struct act *a, bool info)
{
	struct kset *k = &a->k;
	int r = a->ops->list(a->ctx, kset_add, k);

	if (r || (r = k->err))
		return dm_call(a, "list", "device-mapper devices", r);
	k->pre = calloc(k->n + 1, sizeof(*k->pre));
	k->post = calloc(k->n + 1, sizeof(*k->post));
	if (!k->pre || !k->post)
		return -ENOMEM;
	for (size_t i = 0; info && i < k->n; i++) {
		struct dm_id id = { k->v[i].name, k->v[i].uuid };

		if ((r = a->ops->info(a->ctx, &id, &k->v[i].st)))
			return dm_call(a, "query", id.name, r);
	}
	return 0;
}

static ssize_t kset_find(const struct kset *k, const char *uuid, dev_t devno)
{
	for (size_t i = 0; i < k->n; i++)
		if (uuid ? !strcmp(k->v[i].uuid, uuid) : k->v[i].devno == devno)
			return (ssize_t)i;
	return -1;
}

/* Adds device @i and what its live table uses to the tree, parents first. */
static int kset_visit(struct act *a, size_t i, unsigned depth)
{
	struct kset *k = &a->k;
	struct dm_id id = { k->v[i].name, k->v[i].uuid };
	char *text = NULL;
	dev_t *devs = NULL;
	size_t n;
	int r = 0;

	k->v[i].seen = true;
	k->pre[k->n_pre++] = i;
	if (depth < MAX_DEPTH && !(r = a->ops->table(a->ctx, &id, &text)) && text) {
		n = table_devs(text, &devs);
		while (n-- > 0 && !r) {
			ssize_t c = kset_find(k, NULL, devs[n]);

			if (c < 0)
				continue;
			k->v[c].refs++;
			if (!k->v[c].seen)
				r = kset_visit(a, (size_t)c, depth + 1);
		}
		r = r ? r : devs ? 0 : -ENOMEM;
	}
	free(devs);
	free(text);
	k->post[k->n_post++] = i;
	return r == -ENXIO || r == -ENODEV ? 0 : r;
}

/* ---------------------------------------------------------------- activate */

/* One device of a fresh activation, in plan order. */
static int activate_node(struct act *a, size_t i)
{
	struct dm_id id = node_id(a, i);
	int r = node_info(a, i), same;

	if (r || (r = dmt_render(&a->t, i)))
		return r;
	if (!a->n[i].st.exists) {
		if ((r = node_create(a, i)) || (r = node_load(a, i)))
			return r;
		return dev_resume(a, &id);
	}
	if ((same = node_same(a, i)) < 0)
		return same;
	if (same) {
		log_debug(a->ctx, "Suppressed %s identical table reload.", id.name);
		if (a->n[i].st.inactive_table && (r = dev_clear(a, &id)))
			return r;
		return a->n[i].st.suspended ? dev_resume(a, &id) : 0;
	}
	if ((r = node_load(a, i)))
		return r;
	if ((r = dev_resume(a, &id)))
		dev_clear(a, &id);
	return r;
}

/* Removes what this call created, parents first. */
static void remove_created(struct act *a)
{
	for (size_t i = a->t.n; i-- > 0;)
		if (a->n[i].created && !dev_remove(a, a->t.nodes[i].name, a->t.nodes[i].uuid))
			a->n[i].created = false;
}

int act_activate(struct vol_vg *vg, uint32_t lv, const struct act_opts *o)
{
	struct act a;
	int r;

	if (lv >= vg->md->n_lvs)
		return -EINVAL;
	act_init(&a, vg, o);
	if ((r = act_plan(&a, lv, o ? o->mode : DMT_MODE_DEGRADED))) {
		plan_error(&a, lv, r, o ? o->mode : DMT_MODE_DEGRADED);
		act_done(&a);
		return r;
	}
	mirror_warning(&a);
	log_verbose(a.ctx, "Activating logical volume %s/%s.", vg->md->name, vg->md->lvs[lv].name);
	if (raid_seg(vg->md, (int32_t)lv) && !(r = node_info(&a, a.t.n - 1)) && !a.n[a.t.n - 1].st.exists)
		raid_resync_unclean(vg, lv);
	for (size_t i = 0; i < a.t.n && !r; i++) {
		r = activate_node(&a, i);
		fault_point(a.ctx, "activate", (unsigned)i);
	}
	if (r)
		remove_created(&a);
	else
		r = plan_nodes(&a);
	act_done(&a);
	return r;
}

/* ---------------------------------------------------------------- deactivate */

/* The state of the devices of the tree only: a VG of 1000 active LVs would
 * otherwise cost 1000 queries for each LV deactivated. */
static int tree_info(struct act *a)
{
	struct kset *k = &a->k;

	for (size_t p = 0; p < k->n_pre; p++) {
		struct kdev *d = &k->v[k->pre[p]];
		struct dm_id id = { d->name, d->uuid };
		int r = a->ops->info(a->ctx, &id, &d->st);

		if (r)
			return dm_call(a, "query", id.name, r);
	}
	return 0;
}

/*
 * The LV's tree as the kernel has it, plus any other device of its plan;
 * without the device of UUID @skip (a snapshot's origin-real layer, which
 * its origin holds too), if given.
 */
static int lv_tree(struct act *a, uint32_t lv, const char *skip)
{
	char uuid[DMT_UUID_LEN];
	ssize_t top;
	int r = kset_load(a, false);

	if (!r)
		r = dmt_uuid(a->vg->md->id, a->vg->md->lvs[lv].id, NULL, uuid, sizeof(uuid));
	if (r)
		return r;
	if (skip && (top = kset_find(&a->k, skip, 0)) >= 0)
		a->k.v[top].seen = true;
	if ((top = kset_find(&a->k, uuid, 0)) >= 0 && (r = kset_visit(a, (size_t)top, 0)))
		return r;
	if (act_plan(a, lv, DMT_MODE_PARTIAL))
		return tree_info(a);	/* the kernel's tree is all we can know */
	for (size_t i = a->t.n; i-- > 0 && !r;) {
		ssize_t k = kset_find(&a->k, a->t.nodes[i].uuid, 0);

		if (skip && a->t.nodes[i].lv != lv)
			continue;	/* one snapshot of a stack: its own devices only */

		if (k >= 0 && !a->k.v[k].seen)
			r = kset_visit(a, (size_t)k, 0);
	}
	return r ? r : tree_info(a);
}

/* -EBUSY if anything but the tree itself holds a device of it open. */
static int tree_busy(struct act *a, uint32_t lv)
{
	const struct md_vg *vg = a->vg->md;

	for (size_t p = 0; p < a->k.n_pre; p++) {
		const struct kdev *d = &a->k.v[a->k.pre[p]];

		if (d->st.open_count <= (int32_t)d->refs)
			continue;
		if (p == 0)
			log_err(a->ctx, "Logical volume %s/%s %s.", vg->name, vg->lvs[lv].name,
				dev_busy_why(d->devno));
		else
			log_err(a->ctx, "Device %s (%u:%u) is used by another device.", d->name,
				major(d->devno), minor(d->devno));
		return -EBUSY;
	}
	return 0;
}

/*
 * One LV's tree, without the device of UUID @skip: refused if busy, else
 * (unless @dry) removed, holders first, and its link dropped.
 */
static int deactivate_one(struct vol_vg *vg, uint32_t lv, const char *skip,
			  const struct act_opts *o, bool dry)
{
	struct act a;
	int r;

	act_init(&a, vg, o);
	if (!(r = lv_tree(&a, lv, skip)) && a.k.n_pre) {
		if (!dry)
			log_verbose(a.ctx, "Deactivating logical volume %s/%s.", vg->md->name,
				    vg->md->lvs[lv].name);
		r = tree_busy(&a, lv);
		for (size_t p = 0; p < a.k.n_pre && !r && !dry; p++)
			r = dev_remove(&a, a.k.v[a.k.pre[p]].name, a.k.v[a.k.pre[p]].uuid);
	}
	if (!r && !dry)
		drop_link(&a, vg->md->lvs[lv].name);
	act_done(&a);
	return r;
}

/* The UUID of the origin-real layer of origin @origin. */
static int real_uuid(const struct vol_vg *vg, uint32_t origin, char *out)
{
	return dmt_uuid(vg->md->id, vg->md->lvs[origin].id, "real", out, DMT_UUID_LEN);
}

/*
 * As lvm2: an origin goes with its snapshots, which go first (each
 * snapshot device and its COW layer; the origin-real layer they share goes
 * with the origin); a snapshot or COW LV stands for its origin's stack.
 * Nothing is removed while any device of the stack is busy.
 */
int act_deactivate(struct vol_vg *vg, uint32_t lv, const struct act_opts *o)
{
	const struct md_vg *m = vg->md;
	char real[DMT_UUID_LEN];
	uint32_t top;
	int r;

	if (lv >= m->n_lvs)
		return -EINVAL;
	top = snap_stack_origin(m, lv);
	if (!snap_count(m, top))
		return deactivate_one(vg, top, NULL, o, false);
	if ((r = real_uuid(vg, top, real)))
		return r;
	for (int dry = 1; dry >= 0; dry--) {
		for (int32_t s = snap_next(m, top, -1); s >= 0 && !r; s = snap_next(m, top, s))
			if (snap_cow(m, (uint32_t)s) >= 0)
				r = deactivate_one(vg, (uint32_t)snap_cow(m, (uint32_t)s), real, o, dry);
		if (!r)
			r = deactivate_one(vg, top, NULL, o, dry);
		if (r)
			return r;
	}
	return 0;
}

int act_deactivate_snapshot(struct vol_vg *vg, uint32_t cow, const struct act_opts *o)
{
	int32_t s = cow < vg->md->n_lvs ? snap_of_cow(vg->md, cow) : -1;
	int32_t origin = s >= 0 ? snap_origin(vg->md, (uint32_t)s) : -1;
	char real[DMT_UUID_LEN];
	int r;

	if (origin < 0)
		return act_deactivate(vg, cow, o);
	if ((r = real_uuid(vg, (uint32_t)origin, real)))
		return r;
	return deactivate_one(vg, cow, real, o, false);
}

/* ---------------------------------------------------------------- live change */

static int tree_index(const struct act *a, const char *uuid)
{
	for (size_t i = 0; i < a->t.n; i++)
		if (!strcmp(a->t.nodes[i].uuid, uuid))
			return (int)i;
	return -1;
}

/* One device of the new plan, children first; @top: the LV's own device. */
static int preload_node(struct act *a, size_t i, bool top)
{
	struct dm_id id = node_id(a, i);
	int r = node_info(a, i), same;

	if (r || (r = dmt_render(&a->t, i)))
		return r;
	if (!a->n[i].st.exists) {
		if ((r = node_create(a, i)) || (r = node_load(a, i)))
			return r;
		if (!top && !(r = dev_resume(a, &id)))
			a->n[i].resumed = true;
		return r;
	}
	if ((same = node_same(a, i)) < 0)
		return same;
	if (same) {
		log_debug(a->ctx, "Suppressed %s identical table reload.", id.name);
		return 0;
	}
	if ((r = node_load(a, i)) || top || a->t.nodes[i].size <= text_size(a->n[i].old))
		return r;
	/* a child that grew: its parent's new table must fit it */
	if (!(r = dev_resume(a, &id)))
		a->n[i].resumed = true;
	return r;
}

static int preload(struct act *a)
{
	int r = 0;

	for (size_t k = 0; k < a->n_order && !r; k++) {
		r = preload_node(a, a->order[k], a->order[k] == a->t.n - 1);
		fault_point(a->ctx, "preload", (unsigned)k);
	}
	return r;
}

static int suspend_tree(struct act *a)
{
	int r = 0;

	for (size_t p = 0; p < a->k.n_pre && !r; p++) {
		struct kdev *d = &a->k.v[a->k.pre[p]];
		struct dm_id id = { d->name, d->uuid };

		if (!(r = dev_suspend(a, &id)))
			d->suspended = true;
		fault_point(a->ctx, "suspend", (unsigned)p);
	}
	return r;
}

/* Undoes a change before its resume: old tables live, nothing suspended. */
static void revert(struct act *a)
{
	for (size_t i = 0; i < a->t.n; i++) {
		struct dm_id id = node_id(a, i);

		if (a->n[i].loaded && !a->n[i].resumed && !a->n[i].created)
			dev_clear(a, &id);
	}
	for (size_t k = 0; k < a->n_order; k++) {
		size_t i = a->order[k];
		struct dm_id id = node_id(a, i);

		if (a->n[i].resumed && !a->n[i].created && a->n[i].old &&
		    !load_text(a, &id, a->n[i].old, a->n[i].st.read_only))
			dev_resume(a, &id);
	}
	for (size_t p = 0; p < a->k.n_post; p++) {
		struct kdev *d = &a->k.v[a->k.post[p]];
		struct dm_id id = { d->name, d->uuid };

		if (d->suspended && !dev_resume(a, &id))
			d->suspended = false;
	}
	remove_created(a);
}

/*
 * Resumes the new tree, children first, then drops what it no longer uses.
 * Devices the new tree drops are resumed before anything else: the old
 * table of a parent may still write to them when it goes (dm-raid writes
 * its superblocks to the rmeta devices as it stops).
 */
static int resume_tree(struct act *a)
{
	unsigned step = 0;
	int r = 0;

	for (size_t p = 0; p < a->k.n_post; p++) {
		struct kdev *d = &a->k.v[a->k.post[p]];
		struct dm_id id = { d->name, d->uuid };

		if (d->suspended && tree_index(a, d->uuid) < 0 && !dev_resume(a, &id))
			d->suspended = false;
	}
	for (size_t k = 0; k < a->n_order; k++) {
		size_t i = a->order[k];
		struct dm_id id = node_id(a, i);
		ssize_t d = kset_find(&a->k, id.uuid, 0);
		bool held = d >= 0 && a->k.v[d].suspended;

		if (!held && (!a->n[i].loaded || a->n[i].resumed))
			continue;
		if (dev_resume(a, &id))
			r = r ? r : -EIO;
		else if (d >= 0)
			a->k.v[d].suspended = false;
		fault_point(a->ctx, "resume", step++);
	}
	for (size_t p = 0; p < a->k.n_post; p++) {
		struct kdev *d = &a->k.v[a->k.post[p]];
		struct dm_id id = { d->name, d->uuid };

		if (d->suspended && !dev_resume(a, &id))
			d->suspended = false;
	}
	step = 0;
	for (size_t p = 0; p < a->k.n_pre; p++) {
		struct kdev *d = &a->k.v[a->k.pre[p]];

		if (tree_index(a, d->uuid) >= 0)
			continue;
		if (dev_remove(a, d->name, d->uuid))
			r = r ? r : -EBUSY;
		fault_point(a->ctx, "remove", step++);
	}
	return r;
}

int act_change(struct vol_vg *vg, uint32_t lv, const struct act_opts *o, act_commit_fn *commit,
	       void *arg)
{
	struct act a;
	ssize_t top;
	int r;

	if (lv >= vg->md->n_lvs)
		return -EINVAL;
	act_init(&a, vg, o);
	if ((r = act_plan(&a, lv, o ? o->mode : DMT_MODE_DEGRADED))) {
		plan_error(&a, lv, r, o ? o->mode : DMT_MODE_DEGRADED);
		goto out;
	}
	mirror_warning(&a);
	if ((r = kset_load(&a, true)))
		goto out;
	top = kset_find(&a.k, a.t.nodes[a.t.n - 1].uuid, 0);
	if (top < 0 || !a.k.v[top].st.live_table) {
		r = commit(arg);	/* inactive: nothing to reload */
		goto out;
	}
	if ((r = kset_visit(&a, (size_t)top, 0)))
		goto out;
	if (!(r = preload(&a)) && !(r = suspend_tree(&a)) && (r = commit(arg)))
		log_err(a.ctx, "Metadata commit failed: restoring the old tables of %s/%s.",
			vg->md->name, vg->md->lvs[lv].name);
	if (r) {
		revert(&a);
		goto out;
	}
	r = resume_tree(&a);
	if (!r)
		r = plan_nodes(&a);
out:
	act_done(&a);
	return r;
}

/* ---------------------------------------------------------------- state */

/* Suspended or waiting tables anywhere in the plan; tables against the model. */
/* @top (uuid @uuid) was asked about already: its answer is not asked again. */
static int state_tree(struct act *a, bool check_tables, struct act_state *st, const char *uuid,
		      const struct dm_state *top)
{
	int r = 0;

	for (size_t k = 0; k < a->n_order && !r; k++) {
		size_t i = a->order[k];

		if (!strcmp(a->t.nodes[i].uuid, uuid))
			node_known(a, i, top);
		else if ((r = node_info(a, i)))
			break;
		st->suspended |= a->n[i].st.suspended;
		st->inactive_table |= a->n[i].st.inactive_table;
		if (!check_tables || st->refresh_needed)
			continue;
		if (!a->n[i].st.exists || dmt_render(&a->t, i)) {
			st->refresh_needed = true;
			continue;
		}
		r = node_same(a, i);
		/* lvm2 loads "nosync" only when a command says so: either is current */
		if (!r && a->t.nodes[i].table.n && (!strcmp(a->t.nodes[i].table.t[0].type, "raid") ||
						    !strcmp(a->t.nodes[i].table.t[0].type, "mirror"))) {
			a->t.nosync = !a->t.nosync;
			r = dmt_render(&a->t, i) ? 0 : node_same(a, i);
			a->t.nosync = !a->t.nosync;
		}
		st->refresh_needed = r == 0;
		r = r < 0 ? r : 0;
	}
	return r;
}

int act_state(struct vol_vg *vg, uint32_t lv, bool check_tables, struct act_state *st)
{
	char uuid[DMT_UUID_LEN];
	struct dm_id id = { NULL, uuid };
	struct act_opts o;
	struct dm_state s;
	struct act a;
	int r;

	memset(st, 0, sizeof(*st));
	if (lv >= vg->md->n_lvs)
		return -EINVAL;
	if ((r = dmt_uuid(vg->md->id, vg->md->lvs[lv].id, NULL, uuid, sizeof(uuid))))
		return r;
	if ((r = ctx_dm(vg->ctx)->info(vg->ctx, &id, &s)) || !s.exists)
		return r;
	*st = (struct act_state){ .exists = true, .active = s.live_table,
				  .suspended = s.suspended, .inactive_table = s.inactive_table,
				  .read_only = s.read_only, .open_count = s.open_count,
				  .devno = s.devno };
	act_opts_init(&o);
	act_init(&a, vg, &o);
	/* an LV we cannot plan (a type we do not map): the top device is all we know */
	if (!act_plan(&a, lv, DMT_MODE_PARTIAL))
		r = state_tree(&a, check_tables, st, uuid, &s);
	act_done(&a);
	return r;
}

/* ---------------------------------------------------------------- listing */

int act_vg_devices(struct vol_vg *vg, struct act_dev **out, size_t *n)
{
	struct act a;
	struct act_dev *v;
	size_t plen;
	int r;

	*out = NULL;
	*n = 0;
	act_init(&a, vg, NULL);
	plen = strlen(a.k.prefix);
	if ((r = kset_load(&a, false)))
		goto out;
	if (!(v = calloc(a.k.n + 1, sizeof(*v)))) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < a.k.n; i++) {
		const char *rest = a.k.v[i].uuid + plen;

		snprintf(v[i].name, sizeof(v[i].name), "%s", a.k.v[i].name);
		snprintf(v[i].uuid, sizeof(v[i].uuid), "%s", a.k.v[i].uuid);
		v[i].devno = a.k.v[i].devno;
		v[i].lv = -1;
		v[i].layer = v[i].uuid + strlen(v[i].uuid);
		for (uint32_t l = 0; l < vg->md->n_lvs; l++)
			if (!strncmp(rest, vg->md->lvs[l].id, MD_UUID_LEN))
				v[i].lv = (int32_t)l;
		if (strlen(rest) > MD_UUID_LEN && rest[MD_UUID_LEN] == '-')
			v[i].layer = v[i].uuid + plen + MD_UUID_LEN + 1;
	}
	*out = v;
	*n = a.k.n;
out:
	act_done(&a);
	return r;
}

/* A visible LV of @v that is open: its name, else NULL.  (A hidden sub-LV,
 * a raid image, is open while the LV above it is there.) */
static const char *open_lv(struct act *a, const struct act_dev *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct dm_id id = { v[i].name, v[i].uuid };
		struct dm_state st;

		if (v[i].lv >= 0 && !*v[i].layer &&
		    (a->vg->md->lvs[v[i].lv].status.known & MD_LV_VISIBLE) &&
		    !a->ops->info(a->ctx, &id, &st) && st.exists && st.open_count > 0)
			return a->vg->md->lvs[v[i].lv].name;
	}
	return NULL;
}

int act_remove_vg(struct vol_vg *vg)
{
	struct act_dev *v;
	struct act a;
	size_t n, left;
	const char *busy;
	int r = act_vg_devices(vg, &v, &n);

	if (r || !n) {
		free(v);
		return r == -ENODEV ? 0 : r;	/* no device-mapper: nothing is mapped */
	}
	act_init(&a, vg, NULL);
	if ((busy = open_lv(&a, v, n))) {
		log_err(vg->ctx, "Logical volume %s/%s in use.", vg->md->name, busy);
		r = -EBUSY;
	}
	/* A holder is open as long as what holds it is there: rounds of
	 * removing what nothing holds, until all are gone. */
	for (left = n; !r && left;) {
		size_t before = left;

		for (size_t i = 0; i < n; i++) {
			struct dm_id id = { v[i].name, v[i].uuid };
			struct dm_state st;

			if (!v[i].name[0] || a.ops->info(a.ctx, &id, &st) || (st.exists && st.open_count))
				continue;
			if (st.exists && (r = a.ops->remove(a.ctx, &id)))
				break;
			drop_node(&a, v[i].name);
			if (v[i].lv >= 0 && !*v[i].layer)
				drop_link(&a, vg->md->lvs[v[i].lv].name);
			v[i].name[0] = '\0';
			left--;
		}
		if (!r && left == before) {
			log_err(vg->ctx, "%zu device-mapper device(s) of VG %s stay open; not removed.",
				left, vg->md->name);
			r = -EBUSY;
		}
	}
	act_done(&a);
	free(v);
	return r;
}

/* ---------------------------------------------------------------- names */

/* The LV in vg->md whose id device @d's UUID carries, and the layer after
 * it ("" for none); -1 if the metadata has no such LV. */
static int32_t kdev_lv(const struct act *a, const struct kdev *d, const char **layer)
{
	const struct md_vg *vg = a->vg->md;
	const char *rest = d->uuid + strlen(a->k.prefix);

	if (strlen(rest) < MD_UUID_LEN || (rest[MD_UUID_LEN] && rest[MD_UUID_LEN] != '-'))
		return -1;
	*layer = rest[MD_UUID_LEN] ? rest + MD_UUID_LEN + 1 : "";
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		if (!strncmp(rest, vg->lvs[l].id, MD_UUID_LEN))
			return (int32_t)l;
	return -1;
}

/* Removes /dev/<vg>/<lv> of dm name @old (and the folder, if left empty)
 * when it is the link to /dev/mapper/@old. */
static void drop_old_link(struct act *a, const char *old)
{
	char vg[DMT_NAME_LEN], lv[DMT_NAME_LEN], dir[PATH_MAX], link[PATH_MAX];
	char target[PATH_MAX], cur[PATH_MAX];
	ssize_t n;

	if (dmt_split_name(old, vg, sizeof(vg), lv, sizeof(lv)) || path_of(a, dir, vg, NULL) ||
	    path_of(a, link, vg, lv) || path_of(a, target, "mapper", old))
		return;
	if ((n = readlink(link, cur, sizeof(cur) - 1)) < 0)
		return;
	cur[n] = '\0';
	if (strcmp(cur, target) || unlink(link))
		return;
	log_verbose(a->ctx, "Removed link %s.", link);
	if (!rmdir(dir))
		log_verbose(a->ctx, "Removed directory %s.", dir);
}

/* Gives device @d the dm name its LV has in the metadata, its node and, for
 * a visible LV, its link; counts it in *@fixed.  @warn: say so as a warning
 * (a crash left the old name), else at verbose level (a rename). */
/* Is @name the name of a device of the set other than @d? */
static bool kset_name_taken(const struct kset *k, const struct kdev *d, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (&k->v[i] != d && !strcmp(k->v[i].name, name))
			return true;
	return false;
}

/* Renames device @d to its LV's name; when another device of the VG still
 * has that name (raid1 legs renumbered), sets *@pending and waits for a
 * later pass. */
static int rename_kdev(struct act *a, struct kdev *d, bool warn, unsigned *fixed, bool *pending)
{
	const struct md_vg *vg = a->vg->md;
	struct dm_id id = { d->name, NULL };	/* the kernel renames by name */
	char want[DMT_NAME_LEN];
	const char *layer = "";
	int32_t lv = kdev_lv(a, d, &layer);
	int r;

	if (lv < 0 || dmt_name(vg->name, vg->lvs[lv].name, *layer ? layer : NULL, want, sizeof(want)) ||
	    !strcmp(want, d->name))
		return 0;
	if (kset_name_taken(&a->k, d, want)) {
		*pending = true;
		return 0;
	}
	if (warn)
		log_warn(a->ctx, "Renaming device %s to %s, the name of its LV in the committed "
			 "metadata.", d->name, want);
	else
		log_verbose(a->ctx, "Renaming %s to %s.", d->name, want);
	if ((r = a->ops->rename(a->ctx, &id, want))) {
		log_err(a->ctx, "Cannot rename device %s to %s: %s.", d->name, want, strerror(-r));
		return r;
	}
	drop_old_link(a, d->name);
	drop_node(a, d->name);
	snprintf(d->name, sizeof(d->name), "%s", want);
	ensure_node(a, want, d->devno);
	(*fixed)++;
	if (*layer || !snap_listed(vg, (uint32_t)lv))	/* a snapshot's COW LV: its link */
		return 0;
	return ensure_link(a, vg->lvs[lv].name, want, d->devno);
}

/* Passes of rename_kdev() over the set until every device has its name,
 * or a pass renames nothing (names that only swap: an error). */
static int rename_all(struct act *a, bool warn, unsigned *count)
{
	bool pending = true;
	unsigned before = *count + 1;
	int r = 0;

	while (!r && pending && before != *count) {
		before = *count;
		pending = false;
		for (size_t i = 0; i < a->k.n && !r; i++)
			r = rename_kdev(a, &a->k.v[i], warn, count, &pending);
	}
	if (!r && pending) {
		log_err(a->ctx, "Cannot give the devices of VG %s their new names: the names are taken.",
			a->vg->md->name);
		r = -EEXIST;
	}
	return r;
}

int act_rename(struct vol_vg *vg, const struct act_opts *o, unsigned *fixed)
{
	unsigned count = 0;
	struct act a;
	int r;

	act_init(&a, vg, o);
	if (!(r = kset_load(&a, false)))
		r = rename_all(&a, false, &count);
	if (fixed)
		*fixed = count;
	act_done(&a);
	return r;
}

/* ---------------------------------------------------------------- recovery */

/* Brings node @i to the committed table; counts what it did. */
static int recover_node(struct act *a, size_t i, unsigned *fixed)
{
	struct dm_id id = node_id(a, i);
	int r = node_info(a, i), same;

	if (r || (r = dmt_render(&a->t, i)))
		return r;
	if (!a->n[i].st.exists) {
		if ((r = node_create(a, i)) || (r = node_load(a, i)) || (r = dev_resume(a, &id)))
			return r;
		(*fixed)++;
		return 0;
	}
	if ((same = node_same(a, i)) < 0)
		return same;
	if (same && !a->n[i].st.suspended && !a->n[i].st.inactive_table)
		return 0;
	if (same && a->n[i].st.inactive_table && (r = dev_clear(a, &id)))
		return r;
	if (!same)
		log_warn(a->ctx, "Reloading %s with the table of the committed metadata.", id.name);
	else if (a->n[i].st.suspended)
		log_warn(a->ctx, "Resuming suspended device %s (its table is the committed "
			 "metadata's).", id.name);
	if ((!same && (r = node_load(a, i))) || (r = dev_resume(a, &id)))
		return r;
	(*fixed)++;
	return 0;
}

/* LV @lv's tree, if its top is active: its devices are marked as in use;
 * with @fixed, it is fixed when some device of it is suspended. */
static int recover_lv(struct act *a, uint32_t lv, bool *used, unsigned *fixed)
{
	struct act sub;
	bool stuck = false;
	ssize_t top;
	int r;

	act_init(&sub, a->vg, a->o);
	/* an LV on a missing PV is only resumed as it is (below): its plan
	 * would swap the PV for an error target */
	if (act_plan(&sub, lv, DMT_MODE_COMPLETE)) {
		act_done(&sub);
		return 0;	/* nothing we could load for it */
	}
	top = kset_find(&a->k, sub.t.nodes[sub.t.n - 1].uuid, 0);
	for (size_t i = 0; top >= 0 && i < sub.t.n; i++) {
		ssize_t k = kset_find(&a->k, sub.t.nodes[i].uuid, 0);

		if (k >= 0) {
			used[k] = true;
			stuck |= a->k.v[k].st.suspended;
		}
	}
	r = 0;
	for (size_t k = 0; stuck && fixed && k < sub.n_order && !r; k++)
		r = recover_node(&sub, sub.order[k], fixed);
	act_done(&sub);
	return r;
}

/*
 * A device of the VG that no active LV uses may go if it is what a crash
 * leaves: a device of an LV the metadata no longer has, of a sub-LV, or a
 * missing-PV stand-in.  Other layers (lvm2's -real, -cow, -tpool, ...) and
 * top-level LVs are never touched.
 */
static bool leftover(const struct act *a, const struct kdev *d)
{
	const struct md_vg *vg = a->vg->md;
	const char *rest = d->uuid + strlen(a->k.prefix), *layer = "";

	if (strlen(rest) > MD_UUID_LEN)
		layer = rest[MD_UUID_LEN] == '-' ? rest + MD_UUID_LEN + 1 : "?";
	if (*layer && strncmp(layer, "missing_", 8))
		return false;
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		if (!strncmp(rest, vg->lvs[l].id, MD_UUID_LEN))
			return *layer || lv_is_sub(vg, l, false);
	return true;
}

/* Removes leftovers that nothing holds open, parents first. */
static int drop_leftovers(struct act *a, const bool *used, unsigned *fixed)
{
	bool progress = true;
	int r = 0;

	while (progress && !r) {
		progress = false;
		for (size_t i = 0; i < a->k.n && !r; i++) {
			struct kdev *d = &a->k.v[i];
			struct dm_id id = { d->name, d->uuid };

			if (used[i] || d->seen || !leftover(a, d) ||
			    (r = a->ops->info(a->ctx, &id, &d->st)))
				continue;
			if (!d->st.exists || d->st.open_count)
				continue;
			log_warn(a->ctx, "Removing leftover device %s.", d->name);
			if (!(r = dev_remove(a, d->name, d->uuid))) {
				d->seen = progress = true;	/* gone */
				(*fixed)++;
			}
		}
	}
	return r;
}

/* 1 if @d is the device of a top-level LV of the metadata (no layer): a
 * parent, resumed after the rest (dm-raid writes to its rmeta devices as
 * it resumes, which must not be suspended then). */
static int top_dev(const struct act *a, const struct kdev *d)
{
	const struct md_vg *vg = a->vg->md;
	const char *rest = d->uuid + strlen(a->k.prefix);

	if (strlen(rest) != MD_UUID_LEN)
		return 0;
	for (uint32_t l = 0; l < vg->n_lvs; l++)
		if (!strncmp(rest, vg->lvs[l].id, MD_UUID_LEN))
			return !lv_is_sub(vg, l, false);
	return 0;
}

/* @d resumed with its live table if it is suspended. */
static int resume_stuck(struct act *a, struct kdev *d, unsigned *fixed)
{
	struct dm_id id = { d->name, d->uuid };
	int r;

	if ((r = a->ops->info(a->ctx, &id, &d->st)) || !d->st.exists || !d->st.suspended)
		return r;
	log_warn(a->ctx, "Resuming suspended device %s with its live table.", d->name);
	if ((d->st.inactive_table && (r = dev_clear(a, &id))) || (r = dev_resume(a, &id)))
		return r;
	(*fixed)++;
	return 0;
}

/* A table a killed command left waiting in @d holds the devices it names
 * (a new leg's), which then cannot go: it is dropped. */
static int clear_waiting(struct act *a, struct kdev *d, unsigned *fixed)
{
	struct dm_id id = { d->name, d->uuid };
	int r;

	if ((r = a->ops->info(a->ctx, &id, &d->st)) || !d->st.exists || !d->st.inactive_table ||
	    d->st.suspended)
		return r;
	log_warn(a->ctx, "Dropping the table an interrupted command left waiting in %s.", d->name);
	if (!(r = dev_clear(a, &id)))
		(*fixed)++;
	return r;
}

int act_recover(struct vol_vg *vg, const struct act_opts *o, bool leftovers, unsigned *fixed)
{
	unsigned count = 0;
	bool *used = NULL;
	struct act a;
	int r;

	act_init(&a, vg, o);
	if ((r = kset_load(&a, true)) || !a.k.n)
		goto out;
	if (!(used = calloc(a.k.n, sizeof(*used)))) {
		r = -ENOMEM;
		goto out;
	}
	/* Devices no active LV uses first: a parent that goes back to its
	 * committed table may write to them as its old table goes (dm-raid's
	 * superblocks on a dropped leg's rmeta), which would wait forever. */
	for (uint32_t l = 0; l < vg->md->n_lvs && !r; l++)
		if (!lv_is_sub(vg->md, l, false))
			r = recover_lv(&a, l, used, NULL);
	for (int pass = 0; pass < 2; pass++)	/* sub-devices before their parents */
		for (size_t i = 0; i < a.k.n && !r; i++)
			if (!used[i] && top_dev(&a, &a.k.v[i]) == pass)
				r = resume_stuck(&a, &a.k.v[i], &count);
	for (uint32_t l = 0; l < vg->md->n_lvs && !r; l++)
		if (!lv_is_sub(vg->md, l, false))
			r = recover_lv(&a, l, used, &count);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < a.k.n && !r; i++)
			if (top_dev(&a, &a.k.v[i]) == pass)
				r = resume_stuck(&a, &a.k.v[i], &count);
	for (size_t i = 0; i < a.k.n && !r && leftovers; i++)
		r = clear_waiting(&a, &a.k.v[i], &count);
	if (!r)
		r = rename_all(&a, true, &count);
	if (!r && leftovers)
		r = drop_leftovers(&a, used, &count);
out:
	if (fixed)
		*fixed = count;
	free(used);
	act_done(&a);
	return r;
}
