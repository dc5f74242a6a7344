/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * LV activation (libvolume/activate.c) against a fake device-mapper: a
 * small model of the kernel's devices (live and inactive tables, suspend,
 * open counts from the tables that name a device) behind struct dm_ops,
 * which records every call that changes something.  The VGs are the
 * lvm2-made fixtures lvs-mixed and raid1 (PVs on 7:4-7:6 and 7:9-7:10, as
 * test-table.c), and the expected orders are lvm2's (lvm2-format.md §16.4).
 */
#include <ftw.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "unit.h"

#include "activate.h"
#include "ctx.h"
#include "dm.h"
#include "vgobj.h"

/* ------------------------------------------------------------ the fake kernel */

#define FK_MAX 32
#define DM_MAJOR 253

struct fdev {
	bool used;
	char name[DMT_NAME_LEN], uuid[DMT_UUID_LEN];
	unsigned minor;
	char *live, *inactive;	/* "start len type params\n"..., as libdm's table */
	bool live_ro, inactive_ro;
	bool suspended;
	int ext_open;		/* opened by something else than a table */
};

static struct {
	struct fdev d[FK_MAX];
	struct md_buf log;	/* one line per call that changes something */
	const char *fail_op;	/* this call fails... */
	const char *fail_name;	/* ...on this device (NULL: any) */
	int fail_err;
} fk;

static void fk_reset(void)
{
	for (size_t i = 0; i < FK_MAX; i++) {
		free(fk.d[i].live);
		free(fk.d[i].inactive);
	}
	md_buf_free(&fk.log);
	memset(&fk, 0, sizeof(fk));
	md_buf_init(&fk.log);
}

static struct fdev *fk_find(const struct dm_id *id)
{
	for (size_t i = 0; i < FK_MAX; i++) {
		struct fdev *d = &fk.d[i];

		if (!d->used)
			continue;
		if (id->uuid && *id->uuid ? !strcmp(d->uuid, id->uuid) : !strcmp(d->name, id->name))
			return d;
	}
	return NULL;
}

static struct fdev *fk_name(const char *name)
{
	struct dm_id id = { name, NULL };
	struct fdev *d = fk_find(&id);

	if (!d)
		fail_msg("fake dm: no device %s", name);
	return d;
}

static bool names_dev(const char *table, unsigned minor)
{
	char word[32];
	size_t n = (size_t)snprintf(word, sizeof(word), "%u:%u", DM_MAJOR, minor);

	for (const char *p = table; p && (p = strstr(p, word)); p += n)
		if ((p == table || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n' || !p[n]))
			return true;
	return false;
}

/* The kernel counts every table that names a device, live or inactive. */
static int fk_open_count(const struct fdev *d)
{
	int n = d->ext_open;

	for (size_t i = 0; i < FK_MAX; i++)
		if (fk.d[i].used && &fk.d[i] != d)
			n += names_dev(fk.d[i].live, d->minor) + names_dev(fk.d[i].inactive, d->minor);
	return n;
}

/* A failure the test asked for: logged as "!op name". */
static int fk_fails(const char *op, const char *name)
{
	if (!fk.fail_op || strcmp(fk.fail_op, op) || (fk.fail_name && strcmp(fk.fail_name, name)))
		return 0;
	md_buf_printf(&fk.log, "!%s %s\n", op, name);
	return fk.fail_err ? fk.fail_err : -EIO;
}

static int f_info(struct vol_ctx *ctx, const struct dm_id *id, struct dm_state *st)
{
	const struct fdev *d = fk_find(id);

	(void)ctx;
	memset(st, 0, sizeof(*st));
	if (!d)
		return 0;
	*st = (struct dm_state){ .exists = true, .suspended = d->suspended,
				 .live_table = d->live != NULL, .inactive_table = d->inactive != NULL,
				 .read_only = d->live_ro, .open_count = fk_open_count(d),
				 .devno = makedev(DM_MAJOR, d->minor) };
	snprintf(st->name, sizeof(st->name), "%s", d->name);
	snprintf(st->uuid, sizeof(st->uuid), "%s", d->uuid);
	return 0;
}

/* The kernel gives a new device the lowest free minor. */
static unsigned fk_free_minor(void)
{
	for (unsigned m = 0;; m++) {
		bool used = false;

		for (size_t i = 0; i < FK_MAX; i++)
			used |= fk.d[i].used && fk.d[i].minor == m;
		if (!used)
			return m;
	}
}

static int f_create(struct vol_ctx *ctx, const struct dm_id *id, bool ro, int32_t major,
		    int32_t minor)
{
	struct dm_id by_name = { id->name, NULL };
	int r = fk_fails("create", id->name);

	(void)ctx;
	if (r)
		return r;
	if (fk_find(id) || fk_find(&by_name))
		return -EBUSY;
	for (size_t i = 0; i < FK_MAX; i++)
		if (!fk.d[i].used) {
			struct fdev *d = &fk.d[i];
			unsigned n = minor >= 0 ? (unsigned)minor : fk_free_minor();

			(void)major;
			memset(d, 0, sizeof(*d));
			d->used = true;
			snprintf(d->name, sizeof(d->name), "%s", id->name);
			snprintf(d->uuid, sizeof(d->uuid), "%s", id->uuid ? id->uuid : "");
			d->minor = n;
			d->live_ro = ro;
			md_buf_printf(&fk.log, "create %s%s\n", id->name, ro ? " (ro)" : "");
			return 0;
		}
	return -ENOMEM;
}

/* Every dm device a table names must exist, as the kernel opens them. */
static int fk_check_refs(const char *text)
{
	for (const char *p = text; (p = strstr(p, "253:")); p += 4) {
		bool found = false;
		unsigned mi = (unsigned)strtoul(p + 4, NULL, 10);

		for (size_t i = 0; i < FK_MAX; i++)
			found |= fk.d[i].used && fk.d[i].minor == mi;
		if (!found)
			return -ENXIO;
	}
	return 0;
}

static int f_load(struct vol_ctx *ctx, const struct dm_id *id, const struct dm_line *l, size_t n,
		  bool ro)
{
	struct fdev *d = fk_find(id);
	struct md_buf t, shown;
	int r;

	(void)ctx;
	if (!d)
		return -ENXIO;
	if ((r = fk_fails("load", d->name)))
		return r;
	md_buf_init(&t);
	md_buf_init(&shown);
	for (size_t i = 0; i < n; i++) {
		md_buf_printf(&t, "%" PRIu64 " %" PRIu64 " %s %s\n", l[i].start, l[i].len, l[i].type,
			      l[i].params);
		md_buf_printf(&shown, "%s%" PRIu64 " %" PRIu64 " %s%s%s", i ? "; " : "", l[i].start,
			      l[i].len, l[i].type, *l[i].params ? " " : "", l[i].params);
	}
	if ((r = fk_check_refs(t.p))) {
		md_buf_free(&t);
		md_buf_free(&shown);
		return r;
	}
	md_buf_printf(&fk.log, "load %s%s %s\n", d->name, ro ? " (ro)" : "", shown.p);
	free(d->inactive);
	d->inactive = t.p;
	d->inactive_ro = ro;
	md_buf_free(&shown);
	return 0;
}

static int f_simple(const char *op, const struct dm_id *id, struct fdev **out)
{
	int r;

	if (!(*out = fk_find(id)))
		return -ENXIO;
	if ((r = fk_fails(op, (*out)->name)))
		return r;
	md_buf_printf(&fk.log, "%s %s\n", op, (*out)->name);
	return 0;
}

static int f_suspend(struct vol_ctx *ctx, const struct dm_id *id, bool flush)
{
	struct fdev *d;
	int r = f_simple("suspend", id, &d);

	(void)ctx;
	assert_true(flush);	/* lvm2 suspends with flush for these */
	if (!r)
		d->suspended = true;
	return r;
}

static int f_resume(struct vol_ctx *ctx, const struct dm_id *id)
{
	struct fdev *d;
	int r = f_simple("resume", id, &d);

	(void)ctx;
	if (r)
		return r;
	if (d->inactive) {
		free(d->live);
		d->live = d->inactive;
		d->live_ro = d->inactive_ro;
		d->inactive = NULL;
	}
	d->suspended = false;
	return 0;
}

static int f_clear(struct vol_ctx *ctx, const struct dm_id *id)
{
	struct fdev *d;
	int r = f_simple("clear", id, &d);

	(void)ctx;
	if (!r) {
		free(d->inactive);
		d->inactive = NULL;
	}
	return r;
}

static int f_remove(struct vol_ctx *ctx, const struct dm_id *id)
{
	struct fdev *d = fk_find(id);
	int r;

	(void)ctx;
	if (!d)
		return -ENXIO;
	if (fk_open_count(d))
		return -EBUSY;
	if ((r = f_simple("remove", id, &d)))
		return r;
	free(d->live);
	free(d->inactive);
	memset(d, 0, sizeof(*d));
	return 0;
}

static int f_table(struct vol_ctx *ctx, const struct dm_id *id, char **out)
{
	const struct fdev *d = fk_find(id);

	(void)ctx;
	if (!d)
		return -ENXIO;
	*out = strdup(d->live ? d->live : "");
	return *out ? 0 : -ENOMEM;
}

static int f_list(struct vol_ctx *ctx, void (*fn)(const char *name, const char *uuid, dev_t devno,
						  void *usr), void *usr)
{
	(void)ctx;
	for (size_t i = 0; i < FK_MAX; i++)
		if (fk.d[i].used)
			fn(fk.d[i].name, fk.d[i].uuid, makedev(DM_MAJOR, fk.d[i].minor), usr);
	return 0;
}

static int f_rename(struct vol_ctx *ctx, const struct dm_id *id, const char *new_name)
{
	struct dm_id by_name = { new_name, NULL };
	struct fdev *d;
	int r = f_simple("rename", id, &d);

	(void)ctx;
	if (r)
		return r;
	if (fk_find(&by_name))
		return -EBUSY;
	md_buf_printf(&fk.log, "  to %s\n", new_name);
	snprintf(d->name, sizeof(d->name), "%s", new_name);
	return 0;
}

/* sysfs's view: names, UUIDs, numbers and the suspended flag only. */
static int f_quick_list(struct vol_ctx *ctx, const char *prefix,
			void (*fn)(const struct dm_state *st, void *usr), void *usr)
{
	(void)ctx;
	for (size_t i = 0; i < FK_MAX; i++) {
		struct dm_state st = { .exists = true, .suspended = fk.d[i].suspended,
				       .devno = makedev(DM_MAJOR, fk.d[i].minor) };

		if (!fk.d[i].used || strncmp(fk.d[i].uuid, prefix, strlen(prefix)))
			continue;
		snprintf(st.name, sizeof(st.name), "%s", fk.d[i].name);
		snprintf(st.uuid, sizeof(st.uuid), "%s", fk.d[i].uuid);
		fn(&st, usr);
	}
	return 0;
}

static const struct dm_ops fake_ops = {
	.info = f_info, .create = f_create, .load = f_load, .suspend = f_suspend,
	.resume = f_resume, .clear = f_clear, .remove = f_remove, .table = f_table,
	.list = f_list, .rename = f_rename, .quick_list = f_quick_list,
};

/* The calls since the last look, then forgets them. */
static char *fk_calls(void)
{
	char *s = strdup(fk.log.p ? fk.log.p : "");

	md_buf_free(&fk.log);
	md_buf_init(&fk.log);
	return s;
}

static void fk_drop(void)
{
	free(fk_calls());
}

#define expect_calls(want)                                                                      \
	do {                                                                                    \
		char *got_ = fk_calls();                                                        \
		assert_string_equal(got_, want);                                                \
		free(got_);                                                                     \
	} while (0)

static const char *fk_live(const char *name)
{
	const char *t = fk_name(name)->live;

	return t ? t : "";
}

/* Nothing suspended, no table waiting anywhere. */
static void fk_settled(void)
{
	for (size_t i = 0; i < FK_MAX; i++) {
		if (!fk.d[i].used)
			continue;
		if (fk.d[i].suspended || fk.d[i].inactive)
			fail_msg("%s left %s", fk.d[i].name,
				 fk.d[i].suspended ? "suspended" : "with an inactive table");
	}
}

static size_t fk_count(void)
{
	size_t n = 0;

	for (size_t i = 0; i < FK_MAX; i++)
		n += fk.d[i].used;
	return n;
}

/* A copy of every device, to put back later: the kernel a crash leaves. */
struct fk_snap {
	struct fdev d[FK_MAX];
};

static void fk_save(struct fk_snap *s)
{
	for (size_t i = 0; i < FK_MAX; i++) {
		s->d[i] = fk.d[i];
		s->d[i].live = fk.d[i].live ? strdup(fk.d[i].live) : NULL;
		s->d[i].inactive = fk.d[i].inactive ? strdup(fk.d[i].inactive) : NULL;
	}
}

static void fk_restore(struct fk_snap *s)
{
	for (size_t i = 0; i < FK_MAX; i++) {
		free(fk.d[i].live);
		free(fk.d[i].inactive);
		fk.d[i] = s->d[i];
	}
}

/* ------------------------------------------------------------ VG handles and /dev */

struct env {
	struct vol_ctx *ctx;
	struct vol_vg *vg;
	char dir[64];		/* the scratch dev_dir */
	struct act_opts o;
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* A VG handle on fixture @cas with its PVs on the loop devices it was made on. */
static void env_open(struct env *e, const char *cas, const bool *missing)
{
	struct md_err err = { 0 };
	struct kv info;
	size_t len;
	char *text;

	fk_reset();
	memset(e, 0, sizeof(*e));
	assert_int_equal(vol_ctx_new(&e->ctx), 0);
	ctx_set_dm_ops(e->ctx, &fake_ops);
	assert_non_null(e->vg = vg_alloc(e->ctx, cas, 0));
	text = fx_text(cas, 0, &len);
	assert_int_equal(md_vg_import(e->vg->arena, text, len + 1, &e->vg->md, &err), 0);
	free(text);
	assert_non_null(e->vg->slots = calloc(e->vg->md->n_pvs, sizeof(*e->vg->slots)));
	info_load(cas, &info);
	for (uint32_t i = 0; i < e->vg->md->n_pvs; i++) {
		const char *path = kv_str(&info, "pv%u.path", i);

		e->vg->slots[i].present = !(missing && missing[i]);
		e->vg->slots[i].d.devno = makedev(7, (unsigned)parse_u64(path + 9, "loop"));
	}
	kv_free(&info);
	snprintf(e->dir, sizeof(e->dir), "/tmp/test-activate-XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	act_opts_init(&e->o);
	e->o.dev_dir = e->dir;
}

static void env_close(struct env *e)
{
	vol_vg_close(e->vg);
	vol_ctx_free(e->ctx);
	nftw(e->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	fk_reset();
}

static uint32_t lv_of(const struct env *e, const char *name)
{
	int32_t i = md_vg_find_lv(e->vg->md, name);

	if (i < 0)
		fail_msg("no LV %s", name);
	return (uint32_t)i;
}

/* The target of link <dir>/<vg>/<lv>, or "" if there is none. */
static const char *link_of(const struct env *e, const char *lv)
{
	static char target[512];
	char path[256];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s/%s", e->dir, e->vg->md->name, lv);
	n = readlink(path, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	return target;
}

static void expect_link(const struct env *e, const char *lv, const char *dm_name)
{
	char want[512];

	snprintf(want, sizeof(want), "%s/mapper/%s", e->dir, dm_name);
	assert_string_equal(link_of(e, lv), want);
}

static bool vg_dir_exists(const struct env *e)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", e->dir, e->vg->md->name);
	return !stat(path, &st);
}

static int activate(struct env *e, const char *lv)
{
	return act_activate(e->vg, lv_of(e, lv), &e->o);
}

static int deactivate(struct env *e, const char *lv)
{
	return act_deactivate(e->vg, lv_of(e, lv), &e->o);
}

/* ------------------------------------------------------------ activation */

static void test_linear_striped(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	expect_calls("create fx_mixed-lin\n"
		     "load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 16384 linear 7:5 18432\n"
		     "resume fx_mixed-lin\n");
	{
		char uuid[DMT_UUID_LEN];

		snprintf(uuid, sizeof(uuid), "LVM-%s%s", e.vg->md->id,
			 e.vg->md->lvs[lv_of(&e, "lin")].id);
		assert_string_equal(fk_name("fx_mixed-lin")->uuid, uuid);
	}
	expect_link(&e, "lin", "fx_mixed-lin");
	assert_int_equal(activate(&e, "str"), 0);
	expect_calls("create fx_mixed-str\n"
		     "load fx_mixed-str 0 32768 striped 2 128 7:4 18432 7:5 2048\n"
		     "resume fx_mixed-str\n");
	expect_link(&e, "str", "fx_mixed-str");
	assert_string_equal(fk_live("fx_mixed-str"), "0 32768 striped 2 128 7:4 18432 7:5 2048\n");
	fk_settled();

	assert_int_equal(deactivate(&e, "lin"), 0);
	expect_calls("remove fx_mixed-lin\n");
	assert_string_equal(link_of(&e, "lin"), "");
	assert_true(vg_dir_exists(&e));	/* str is still linked there */
	assert_int_equal(deactivate(&e, "str"), 0);
	expect_calls("remove fx_mixed-str\n");
	assert_false(vg_dir_exists(&e));
	/* deactivating an inactive LV does nothing */
	assert_int_equal(deactivate(&e, "str"), 0);
	expect_calls("");
	env_close(&e);
}

/* An LV without WRITE is created and loaded read-only; so is one activated -p r. */
static void test_read_only(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	e.vg->md->lvs[lv_of(&e, "plain")].status.known &= ~MD_LV_WRITE;
	assert_int_equal(activate(&e, "plain"), 0);
	expect_calls("create fx_mixed-plain (ro)\n"
		     "load fx_mixed-plain (ro) 0 24576 linear 7:6 2048\n"
		     "resume fx_mixed-plain\n");
	/* writable again in the metadata: the kernel's copy is reloaded */
	e.vg->md->lvs[lv_of(&e, "plain")].status.known |= MD_LV_WRITE;
	assert_int_equal(activate(&e, "plain"), 0);
	expect_calls("load fx_mixed-plain 0 24576 linear 7:6 2048\nresume fx_mixed-plain\n");
	e.o.read_only = true;
	assert_int_equal(activate(&e, "lin"), 0);
	expect_calls("create fx_mixed-lin (ro)\n"
		     "load fx_mixed-lin (ro) 0 16384 linear 7:4 2048; 16384 16384 linear 7:5 18432\n"
		     "resume fx_mixed-lin\n");
	env_close(&e);
}

static const char raid_activation[] =
	"create fx_raid1-r1_rmeta_0\nload fx_raid1-r1_rmeta_0 0 8192 linear 7:9 2048\n"
	"resume fx_raid1-r1_rmeta_0\n"
	"create fx_raid1-r1_rimage_0\nload fx_raid1-r1_rimage_0 0 16384 linear 7:9 10240\n"
	"resume fx_raid1-r1_rimage_0\n"
	"create fx_raid1-r1_rmeta_1\nload fx_raid1-r1_rmeta_1 0 8192 linear 7:10 2048\n"
	"resume fx_raid1-r1_rmeta_1\n"
	"create fx_raid1-r1_rimage_1\nload fx_raid1-r1_rimage_1 0 16384 linear 7:10 10240\n"
	"resume fx_raid1-r1_rimage_1\n"
	"create fx_raid1-r1\n"
	"load fx_raid1-r1 0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n"
	"resume fx_raid1-r1\n";

/* §16.4: rmeta_0, rimage_0, rmeta_1, rimage_1, then the raid device; -an in reverse. */
static void test_raid1(void **state)
{
	struct env e;
	char path[256];
	struct stat st;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls(raid_activation);
	expect_link(&e, "r1", "fx_raid1-r1");
	/* hidden sub-LVs: no /dev/VG link */
	snprintf(path, sizeof(path), "%s/fx_raid1/r1_rimage_0", e.dir);
	assert_int_not_equal(lstat(path, &st), 0);
	assert_int_equal(fk_open_count(fk_name("fx_raid1-r1_rimage_0")), 1);
	fk_settled();
	/* read-only raid: the top only; lvm2 keeps raid sub-LVs writable */
	e.o.read_only = true;
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls("load fx_raid1-r1 (ro) 0 16384 raid raid1 3 0 region_size 4096 2 "
		     "253:0 253:1 253:2 253:3\nresume fx_raid1-r1\n");
	e.o.read_only = false;

	assert_int_equal(deactivate(&e, "r1"), 0);
	expect_calls("remove fx_raid1-r1\nremove fx_raid1-r1_rimage_1\nremove fx_raid1-r1_rmeta_1\n"
		     "remove fx_raid1-r1_rimage_0\nremove fx_raid1-r1_rmeta_0\n");
	assert_int_equal(fk_count(), 0);
	assert_false(vg_dir_exists(&e));
	env_close(&e);
}

/* Again: nothing changes.  A table changed behind our back is reloaded; a
 * suspended device is resumed; a dropped link comes back. */
static void test_idempotent(void **state)
{
	char path[256];
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls(raid_activation);
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls("");
	free(fk_name("fx_raid1-r1_rimage_1")->live);
	fk_name("fx_raid1-r1_rimage_1")->live = strdup("0 16384 linear 7:10 99\n");
	fk_name("fx_raid1-r1")->suspended = true;
	snprintf(path, sizeof(path), "%s/fx_raid1/r1", e.dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls("load fx_raid1-r1_rimage_1 0 16384 linear 7:10 10240\n"
		     "resume fx_raid1-r1_rimage_1\nresume fx_raid1-r1\n");
	expect_link(&e, "r1", "fx_raid1-r1");
	fk_settled();
	env_close(&e);
}

/* A device of that name with another UUID is not ours: nothing is created. */
static void test_name_clash(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(f_create(NULL, &(struct dm_id){ "fx_mixed-lin", "OTHER-uuid" }, false, -1, -1), 0);
	expect_calls("create fx_mixed-lin\n");
	assert_int_equal(activate(&e, "lin"), -EEXIST);
	expect_calls("");
	env_close(&e);
}

/* A failure half-way removes what the activation created, parents first. */
static void test_activation_failure(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	fk.fail_op = "load";
	fk.fail_name = "fx_raid1-r1";
	assert_int_equal(activate(&e, "r1"), -EIO);
	fk.fail_op = NULL;
	assert_int_equal(fk_count(), 0);
	assert_false(vg_dir_exists(&e));
	{
		char *calls = fk_calls();

		assert_non_null(strstr(calls, "create fx_raid1-r1\n!load fx_raid1-r1\n"
					      "remove fx_raid1-r1\nremove fx_raid1-r1_rimage_1\n"
					      "remove fx_raid1-r1_rmeta_1\nremove fx_raid1-r1_rimage_0\n"
					      "remove fx_raid1-r1_rmeta_0\n"));
		free(calls);
	}
	env_close(&e);
}

/* ------------------------------------------------------------ deactivation */

static void test_open_refused(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	expect_calls(raid_activation);
	fk_name("fx_raid1-r1")->ext_open = 1;	/* exec 3</dev/VG/LV */
	assert_int_equal(deactivate(&e, "r1"), -EBUSY);
	expect_calls("");
	expect_link(&e, "r1", "fx_raid1-r1");
	fk_name("fx_raid1-r1")->ext_open = 0;
	/* a sub-device held by something besides the raid device */
	fk_name("fx_raid1-r1_rimage_0")->ext_open = 1;
	assert_int_equal(deactivate(&e, "r1"), -EBUSY);
	expect_calls("");
	fk_name("fx_raid1-r1_rimage_0")->ext_open = 0;
	assert_int_equal(deactivate(&e, "r1"), 0);
	assert_int_equal(fk_count(), 0);
	env_close(&e);
}

/* ------------------------------------------------------------ missing PVs */

static void test_partial(void **state)
{
	static const bool pv1_missing[3] = { false, true, false };
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", pv1_missing);
	assert_int_equal(activate(&e, "lin"), -ENODEV);	/* degraded: not for linear */
	e.o.mode = DMT_MODE_COMPLETE;
	assert_int_equal(activate(&e, "lin"), -ENODEV);
	expect_calls("");
	assert_int_equal(activate(&e, "plain"), 0);	/* on pv2 only: fine */
	expect_calls("create fx_mixed-plain\nload fx_mixed-plain 0 24576 linear 7:6 2048\n"
		     "resume fx_mixed-plain\n");
	e.o.mode = DMT_MODE_PARTIAL;
	assert_int_equal(activate(&e, "lin"), 0);
	expect_calls("create fx_mixed-lin-missing_1_0\nload fx_mixed-lin-missing_1_0 0 16384 error\n"
		     "resume fx_mixed-lin-missing_1_0\n"
		     "create fx_mixed-lin\n"
		     "load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 16384 linear 253:1 0\n"
		     "resume fx_mixed-lin\n");
	expect_link(&e, "lin", "fx_mixed-lin");
	/* the stand-in gets no link; the PV comes back: -an still finds it */
	assert_string_equal(link_of(&e, "lin-missing_1_0"), "");
	e.vg->slots[1].present = true;
	assert_int_equal(deactivate(&e, "lin"), 0);
	expect_calls("remove fx_mixed-lin\nremove fx_mixed-lin-missing_1_0\n");
	env_close(&e);
}

/* raid1 with a leg's PV missing: degraded mode activates it with stand-ins. */
static void test_raid1_degraded(void **state)
{
	static const bool pv1_missing[2] = { false, true };
	struct env e;

	(void)state;
	env_open(&e, "raid1", pv1_missing);
	e.o.mode = DMT_MODE_COMPLETE;
	assert_int_equal(activate(&e, "r1"), -ENODEV);
	e.o.mode = DMT_MODE_DEGRADED;
	assert_int_equal(activate(&e, "r1"), 0);
	assert_string_equal(fk_live("fx_raid1-r1_rmeta_1-missing_0_0"), "0 8192 error \n");
	assert_string_equal(fk_live("fx_raid1-r1_rmeta_1"), "0 8192 linear 253:2 0\n");
	assert_string_equal(fk_live("fx_raid1-r1"),
			    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:3 253:5\n");
	fk_drop();
	assert_int_equal(deactivate(&e, "r1"), 0);
	expect_calls("remove fx_raid1-r1\nremove fx_raid1-r1_rimage_1\n"
		     "remove fx_raid1-r1_rimage_1-missing_0_0\nremove fx_raid1-r1_rmeta_1\n"
		     "remove fx_raid1-r1_rmeta_1-missing_0_0\nremove fx_raid1-r1_rimage_0\n"
		     "remove fx_raid1-r1_rmeta_0\n");
	env_close(&e);
}

/* ------------------------------------------------------------ live changes */

struct commit_ctl {
	int ret;		/* what the commit returns */
	bool snap;		/* save the kernel as a crash in the commit would leave it */
	struct fk_snap s;
	unsigned calls;
};

static int commit_cb(void *arg)
{
	struct commit_ctl *c = arg;

	c->calls++;
	md_buf_printf(&fk.log, "commit\n");
	if (c->snap)
		fk_save(&c->s);
	return c->ret;
}

/* Grows the last segment of LV @lv by @n extents (the PEs after it are free). */
static void grow(struct env *e, const char *lv, uint64_t n)
{
	struct md_lv *l = &e->vg->md->lvs[lv_of(e, lv)];

	l->segs[l->n_segs - 1].extent_count += n;
}

static const char lin_old[] = "0 16384 linear 7:4 2048\n16384 16384 linear 7:5 18432\n";
static const char lin_new[] = "0 16384 linear 7:4 2048\n16384 24576 linear 7:5 18432\n";

/* lvextend of an active linear LV: load, suspend, commit, resume (§16.4). */
static void test_resize_linear(void **state)
{
	struct commit_ctl c = { 0 };
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	fk_drop();
	grow(&e, "lin", 1);
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), 0);
	expect_calls("load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 24576 linear 7:5 18432\n"
		     "suspend fx_mixed-lin\ncommit\nresume fx_mixed-lin\n");
	assert_string_equal(fk_live("fx_mixed-lin"), lin_new);
	fk_settled();
	/* and back: lvreduce */
	grow(&e, "lin", (uint64_t)-1);
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), 0);
	expect_calls("load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 16384 linear 7:5 18432\n"
		     "suspend fx_mixed-lin\ncommit\nresume fx_mixed-lin\n");
	/* an inactive LV: only the commit */
	assert_int_equal(act_change(e.vg, lv_of(&e, "str"), &e.o, commit_cb, &c), 0);
	expect_calls("commit\n");
	assert_int_equal(c.calls, 3);
	env_close(&e);
}

/* A failed load or a failed commit: the old table stays live, nothing suspended. */
static void test_resize_rollback(void **state)
{
	struct commit_ctl c = { 0 };
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	fk_drop();
	grow(&e, "lin", 1);
	fk.fail_op = "load";
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), -EIO);
	expect_calls("!load fx_mixed-lin\n");
	assert_int_equal(c.calls, 0);
	fk.fail_op = "suspend";
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), -EIO);
	expect_calls("load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 24576 linear 7:5 18432\n"
		     "!suspend fx_mixed-lin\nclear fx_mixed-lin\n");
	assert_int_equal(c.calls, 0);
	fk.fail_op = NULL;
	c.ret = -EIO;
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), -EIO);
	expect_calls("load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 24576 linear 7:5 18432\n"
		     "suspend fx_mixed-lin\ncommit\nclear fx_mixed-lin\nresume fx_mixed-lin\n");
	assert_string_equal(fk_live("fx_mixed-lin"), lin_old);
	fk_settled();
	env_close(&e);
}

static const char r1_grow[] =
	"load fx_raid1-r1_rimage_1 0 24576 linear 7:10 10240\nresume fx_raid1-r1_rimage_1\n"
	"load fx_raid1-r1_rimage_0 0 24576 linear 7:9 10240\nresume fx_raid1-r1_rimage_0\n"
	"load fx_raid1-r1 0 24576 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n"
	"suspend fx_raid1-r1\nsuspend fx_raid1-r1_rimage_1\nsuspend fx_raid1-r1_rmeta_1\n"
	"suspend fx_raid1-r1_rimage_0\nsuspend fx_raid1-r1_rmeta_0\ncommit\n";

static void raid_grow(struct env *e)
{
	grow(e, "r1", 1);
	grow(e, "r1_rimage_0", 1);
	grow(e, "r1_rimage_1", 1);
}

struct faults {
	char seen[512];
};

static void fault_rec(const struct vol_fault_info *f, void *usr)
{
	struct faults *s = usr;
	size_t n = strlen(s->seen);

	snprintf(s->seen + n, sizeof(s->seen) - n, "%s%s %u", n ? "," : "", f->step, f->index);
}

/* lvextend of raid1 (§16.4): grown images resumed in the preload, the whole
 * tree suspended parents first, resumed children first. */
static void test_resize_raid1(void **state)
{
	struct commit_ctl c = { 0 };
	struct faults f = { "" };
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	fk_drop();
	raid_grow(&e);
	vol_ctx_set_fault_hook(e.ctx, fault_rec, &f);
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), 0);
	{
		char want[2048];

		snprintf(want, sizeof(want), "%sresume fx_raid1-r1_rimage_1\nresume fx_raid1-r1_rmeta_1\n"
			 "resume fx_raid1-r1_rimage_0\nresume fx_raid1-r1_rmeta_0\nresume fx_raid1-r1\n",
			 r1_grow);
		expect_calls(want);
	}
	assert_string_equal(f.seen, "preload 0,preload 1,preload 2,preload 3,preload 4,"
			    "suspend 0,suspend 1,suspend 2,suspend 3,suspend 4,"
			    "resume 0,resume 1,resume 2,resume 3,resume 4");
	assert_string_equal(fk_live("fx_raid1-r1"),
			    "0 24576 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n");
	fk_settled();
	env_close(&e);
}

/* The commit fails: the images shrink back, the top keeps its old table. */
static void test_resize_raid1_rollback(void **state)
{
	struct commit_ctl c = { .ret = -EIO };
	struct env e;
	char want[2048];

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	fk_drop();
	raid_grow(&e);
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), -EIO);
	snprintf(want, sizeof(want), "%sclear fx_raid1-r1\n"
		 "load fx_raid1-r1_rimage_1 0 16384 linear 7:10 10240\nresume fx_raid1-r1_rimage_1\n"
		 "load fx_raid1-r1_rimage_0 0 16384 linear 7:9 10240\nresume fx_raid1-r1_rimage_0\n"
		 "resume fx_raid1-r1_rimage_1\nresume fx_raid1-r1_rmeta_1\n"
		 "resume fx_raid1-r1_rimage_0\nresume fx_raid1-r1_rmeta_0\nresume fx_raid1-r1\n",
		 r1_grow);
	expect_calls(want);
	assert_string_equal(fk_live("fx_raid1-r1_rimage_0"), "0 16384 linear 7:9 10240\n");
	assert_string_equal(fk_live("fx_raid1-r1"),
			    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n");
	fk_settled();
	/* a suspend failing half-way: what was suspended is resumed */
	c.ret = 0;
	fk.fail_op = "suspend";
	fk.fail_name = "fx_raid1-r1_rimage_0";
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), -EIO);
	fk.fail_op = NULL;
	assert_int_equal(c.calls, 1);
	fk_settled();
	assert_string_equal(fk_live("fx_raid1-r1_rimage_0"), "0 16384 linear 7:9 10240\n");
	env_close(&e);
}

/* A copy of one-segment linear LV @src named @name, on PE @pe of PV @pv; its index. */
static uint32_t clone_lv(struct env *e, const char *src, const char *name, const char *id,
			 int32_t pv, uint64_t pe)
{
	struct md_vg *vg = e->vg->md;
	uint32_t from = lv_of(e, src);
	struct md_lv *l = md_vg_add_lv(vg);
	struct md_seg *seg = md_arena_alloc(vg->arena, sizeof(*seg));
	struct md_area_ref *area = md_arena_alloc(vg->arena, sizeof(*area));

	assert_true(l && seg && area);
	*l = vg->lvs[from];
	*seg = l->segs[0];
	*area = (struct md_area_ref){ pv, -1, pe };
	seg->areas = area;
	l->segs = seg;
	l->name = md_arena_strdup(vg->arena, name);
	snprintf(l->id, sizeof(l->id), "%s", id);
	return vg->n_lvs - 1;
}

/* lvconvert -m+1 and -m-1 as live changes: new legs are created and resumed in
 * the preload; legs the new table drops are resumed and removed at the end. */
static void test_change_raid1_legs(void **state)
{
	struct commit_ctl c = { 0 };
	struct md_raid_pair *pairs;
	struct md_seg *seg;
	struct env e;
	uint32_t meta, image;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	fk_drop();
	meta = clone_lv(&e, "r1_rmeta_0", "r1_rmeta_2", "MMMMMM0000000000000000000000000m", 0, 3);
	image = clone_lv(&e, "r1_rimage_0", "r1_rimage_2", "IIIIII0000000000000000000000000i", 0, 4);
	seg = &e.vg->md->lvs[lv_of(&e, "r1")].segs[0];
	pairs = md_arena_alloc(e.vg->md->arena, 3 * sizeof(*pairs));
	memcpy(pairs, seg->pairs, 2 * sizeof(*pairs));
	pairs[2] = (struct md_raid_pair){ (int32_t)meta, (int32_t)image };
	seg->pairs = pairs;
	seg->device_count = 3;
	/* the commit fails first: the new legs go again */
	c.ret = -EIO;
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), -EIO);
	assert_int_equal(fk_count(), 5);
	fk_settled();
	fk_drop();
	c.ret = 0;
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), 0);
	expect_calls("create fx_raid1-r1_rimage_2\nload fx_raid1-r1_rimage_2 0 16384 linear 7:9 34816\n"
		     "resume fx_raid1-r1_rimage_2\n"
		     "create fx_raid1-r1_rmeta_2\nload fx_raid1-r1_rmeta_2 0 8192 linear 7:9 26624\n"
		     "resume fx_raid1-r1_rmeta_2\n"
		     "load fx_raid1-r1 0 16384 raid raid1 3 0 region_size 4096 3 "
		     "253:0 253:1 253:2 253:3 253:6 253:5\n"
		     "suspend fx_raid1-r1\nsuspend fx_raid1-r1_rimage_1\nsuspend fx_raid1-r1_rmeta_1\n"
		     "suspend fx_raid1-r1_rimage_0\nsuspend fx_raid1-r1_rmeta_0\ncommit\n"
		     "resume fx_raid1-r1_rimage_1\nresume fx_raid1-r1_rmeta_1\n"
		     "resume fx_raid1-r1_rimage_0\nresume fx_raid1-r1_rmeta_0\nresume fx_raid1-r1\n");
	fk_settled();
	/* and back to two legs; the LVs of the third leave the metadata.  The
	 * dropped leg is resumed before the raid device: dm-raid writes its
	 * superblocks to every rmeta as the old table goes, and a suspended
	 * rmeta would hang that resume (seen in the VM). */
	seg->device_count = 2;
	e.vg->md->n_lvs -= 2;
	assert_int_equal(act_change(e.vg, lv_of(&e, "r1"), &e.o, commit_cb, &c), 0);
	expect_calls("load fx_raid1-r1 0 16384 raid raid1 3 0 region_size 4096 2 "
		     "253:0 253:1 253:2 253:3\n"
		     "suspend fx_raid1-r1\nsuspend fx_raid1-r1_rimage_2\nsuspend fx_raid1-r1_rmeta_2\n"
		     "suspend fx_raid1-r1_rimage_1\nsuspend fx_raid1-r1_rmeta_1\n"
		     "suspend fx_raid1-r1_rimage_0\nsuspend fx_raid1-r1_rmeta_0\ncommit\n"
		     "resume fx_raid1-r1_rimage_2\nresume fx_raid1-r1_rmeta_2\n"
		     "resume fx_raid1-r1_rimage_1\nresume fx_raid1-r1_rmeta_1\n"
		     "resume fx_raid1-r1_rimage_0\nresume fx_raid1-r1_rmeta_0\nresume fx_raid1-r1\n"
		     "remove fx_raid1-r1_rimage_2\nremove fx_raid1-r1_rmeta_2\n");
	assert_int_equal(fk_count(), 5);
	fk_settled();
	env_close(&e);
}

/* ------------------------------------------------------------ recovery */

/*
 * A crash in the commit: the kernel as it was then, and the metadata either
 * old (@committed false: the model is put back) or new.  Recovery leaves
 * the committed tables live and nothing suspended.
 */
static void crash_and_recover(struct env *e, const char *lv, void (*change)(struct env *, int),
			      bool committed, const char *want_calls)
{
	struct commit_ctl c = { .snap = true };
	unsigned fixed = 0;

	change(e, 1);
	assert_int_equal(act_change(e->vg, lv_of(e, lv), &e->o, commit_cb, &c), 0);
	fk_restore(&c.s);
	if (!committed)
		change(e, -1);
	fk_drop();
	assert_int_equal(act_recover(e->vg, &e->o, true, &fixed), 0);
	expect_calls(want_calls);
	assert_true(fixed > 0);
	fk_settled();
	assert_int_equal(act_recover(e->vg, &e->o, true, &fixed), 0);
	expect_calls("");
	assert_int_equal(fixed, 0);
}

static void lin_change(struct env *e, int d)
{
	grow(e, "lin", (uint64_t)(int64_t)d);
}

static void raid_change(struct env *e, int d)
{
	grow(e, "r1", (uint64_t)(int64_t)d);
	grow(e, "r1_rimage_0", (uint64_t)(int64_t)d);
	grow(e, "r1_rimage_1", (uint64_t)(int64_t)d);
}

static void test_recover_linear(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	/* before the commit: the waiting table goes, the old one resumes */
	crash_and_recover(&e, "lin", lin_change, false, "clear fx_mixed-lin\nresume fx_mixed-lin\n");
	assert_string_equal(fk_live("fx_mixed-lin"), lin_old);
	/* after it: the committed table is loaded and resumed */
	crash_and_recover(&e, "lin", lin_change, true,
			  "load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 24576 linear 7:5 18432\n"
			  "resume fx_mixed-lin\n");
	assert_string_equal(fk_live("fx_mixed-lin"), lin_new);
	env_close(&e);
}

static void test_recover_raid1(void **state)
{
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	/* before the commit: the images grew in the preload and shrink back
	 * (children first, in reverse table order, as every walk of a tree) */
	crash_and_recover(&e, "r1", raid_change, false,
			  "load fx_raid1-r1_rimage_1 0 16384 linear 7:10 10240\n"
			  "resume fx_raid1-r1_rimage_1\n"
			  "resume fx_raid1-r1_rmeta_1\n"
			  "load fx_raid1-r1_rimage_0 0 16384 linear 7:9 10240\n"
			  "resume fx_raid1-r1_rimage_0\n"
			  "resume fx_raid1-r1_rmeta_0\n"
			  "clear fx_raid1-r1\nresume fx_raid1-r1\n");
	assert_string_equal(fk_live("fx_raid1-r1"),
			    "0 16384 raid raid1 3 0 region_size 4096 2 253:0 253:1 253:2 253:3\n");
	/* after it: the images are right, the top takes the committed table */
	crash_and_recover(&e, "r1", raid_change, true,
			  "resume fx_raid1-r1_rimage_1\nresume fx_raid1-r1_rmeta_1\n"
			  "resume fx_raid1-r1_rimage_0\nresume fx_raid1-r1_rmeta_0\n"
			  "load fx_raid1-r1 0 24576 raid raid1 3 0 region_size 4096 2 "
			  "253:0 253:1 253:2 253:3\nresume fx_raid1-r1\n");
	env_close(&e);
}

/* Devices nothing uses are listed, and recovery removes the ones a crash leaves. */
static void test_leftovers(void **state)
{
	struct act_dev *v;
	unsigned fixed;
	struct env e;
	char uuid[DMT_UUID_LEN];
	size_t n;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	/* a device of an LV the metadata lacks, a stray stand-in, one of another VG,
	 * and a snapshot layer lvm2 would own: only the first two go */
	snprintf(uuid, sizeof(uuid), "LVM-%sZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", e.vg->md->id);
	assert_int_equal(f_create(NULL, &(struct dm_id){ "fx_raid1-r1_rimage_2", uuid }, false, -1, -1), 0);
	snprintf(uuid, sizeof(uuid), "LVM-%s%s-missing_0_0", e.vg->md->id,
		 e.vg->md->lvs[lv_of(&e, "r1_rimage_0")].id);
	assert_int_equal(f_create(NULL, &(struct dm_id){ "fx_raid1-r1_rimage_0-missing_0_0", uuid },
				  false, -1, -1), 0);
	snprintf(uuid, sizeof(uuid), "LVM-%s%s-cow", e.vg->md->id,
		 e.vg->md->lvs[lv_of(&e, "r1")].id);
	assert_int_equal(f_create(NULL, &(struct dm_id){ "fx_raid1-r1-cow", uuid }, false, -1, -1), 0);
	assert_int_equal(f_create(NULL, &(struct dm_id){ "other-lv", "LVM-elsewhere" }, false, -1, -1), 0);
	assert_int_equal(act_vg_devices(e.vg, &v, &n), 0);
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(v[i].name, "fx_raid1-r1_rimage_2"))
			assert_int_equal(v[i].lv, -1);
		else if (!strcmp(v[i].name, "fx_raid1-r1-cow"))
			assert_string_equal(v[i].layer, "cow");
		else if (!strcmp(v[i].name, "fx_raid1-r1_rimage_0-missing_0_0"))
			assert_string_equal(v[i].layer, "missing_0_0");
		else
			assert_string_equal(v[i].layer, "");
		if (strcmp(v[i].name, "fx_raid1-r1_rimage_2"))
			assert_int_equal(strncmp(e.vg->md->lvs[v[i].lv].id, v[i].uuid + 36, 32), 0);
	}
	free(v);
	fk_drop();
	assert_int_equal(act_recover(e.vg, &e.o, false, &fixed), 0);
	expect_calls("");
	assert_int_equal(act_recover(e.vg, &e.o, true, &fixed), 0);
	expect_calls("remove fx_raid1-r1_rimage_2\nremove fx_raid1-r1_rimage_0-missing_0_0\n");
	assert_int_equal(fixed, 2);
	assert_int_equal(fk_count(), 7);
	env_close(&e);
}

/* ------------------------------------------------------------ names */

static void rename_lv(struct env *e, const char *lv, const char *to)
{
	e->vg->md->lvs[lv_of(e, lv)].name = md_arena_strdup(e->vg->arena, to);
}

/* Committed renames of active LVs and of their VG reach the kernel and /dev. */
static void test_rename(void **state)
{
	char dir[128];
	unsigned fixed;
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(activate(&e, "r1"), 0);
	fk_drop();
	assert_int_equal(act_rename(e.vg, &e.o, &fixed), 0);	/* nothing to do */
	expect_calls("");
	assert_int_equal(fixed, 0);
	/* the LV and its hidden legs: every device follows, only r1 has a link */
	rename_lv(&e, "r1", "mirror");
	rename_lv(&e, "r1_rimage_0", "mirror_rimage_0");
	assert_int_equal(act_rename(e.vg, &e.o, &fixed), 0);
	expect_calls("rename fx_raid1-r1_rimage_0\n  to fx_raid1-mirror_rimage_0\n"
		     "rename fx_raid1-r1\n  to fx_raid1-mirror\n");
	assert_int_equal(fixed, 2);
	expect_link(&e, "mirror", "fx_raid1-mirror");
	assert_string_equal(link_of(&e, "r1"), "");
	assert_string_equal(link_of(&e, "mirror_rimage_0"), "");
	/* the VG: every device, and the link moves to the new folder */
	e.vg->md->name = md_arena_strdup(e.vg->arena, "new-vg");
	assert_int_equal(act_rename(e.vg, &e.o, &fixed), 0);
	assert_int_equal(fixed, 5);
	assert_non_null(fk_name("new--vg-mirror"));
	assert_non_null(fk_name("new--vg-r1_rmeta_1"));
	expect_link(&e, "mirror", "new--vg-mirror");
	snprintf(dir, sizeof(dir), "%s/fx_raid1", e.dir);
	assert_int_equal(access(dir, F_OK), -1);	/* the old folder went with its last link */
	fk_settled();
	env_close(&e);
}

/* The look at open: a read handle changes nothing, a write handle resolves
 * a crashed live change (a crashed rename: t-lvfault, as it makes links in /dev). */
static void test_check_at_open(void **state)
{
	struct commit_ctl c = { .snap = true };
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	vg_check_devices(e.vg);	/* nothing left over: nothing done */
	grow(&e, "lin", 1);
	assert_int_equal(act_change(e.vg, lv_of(&e, "lin"), &e.o, commit_cb, &c), 0);
	fk_restore(&c.s);	/* killed right after the commit */
	fk_drop();
	e.vg->flags = VOL_OPEN_READ;
	vg_check_devices(e.vg);
	expect_calls("");
	assert_true(fk_name("fx_mixed-lin")->suspended);
	e.vg->flags = VOL_OPEN_WRITE;
	vg_check_devices(e.vg);
	expect_calls("load fx_mixed-lin 0 16384 linear 7:4 2048; 16384 24576 linear 7:5 18432\n"
		     "resume fx_mixed-lin\n");
	assert_string_equal(fk_live("fx_mixed-lin"), lin_new);
	fk_settled();
	vg_check_devices(e.vg);	/* resolved: nothing more to do */
	expect_calls("");
	env_close(&e);
}

/* An LV on a missing PV that a crash left suspended is resumed as it is:
 * its plan would swap the PV for an error target. */
static void test_recover_partial(void **state)
{
	unsigned fixed;
	struct env e;

	(void)state;
	env_open(&e, "lvs-mixed", NULL);
	assert_int_equal(activate(&e, "lin"), 0);
	e.vg->slots[1].present = false;	/* lin's second PV went missing since */
	fk_name("fx_mixed-lin")->suspended = true;
	fk_drop();
	assert_int_equal(act_recover(e.vg, &e.o, true, &fixed), 0);
	expect_calls("resume fx_mixed-lin\n");
	assert_int_equal(fixed, 1);
	assert_string_equal(fk_live("fx_mixed-lin"), lin_old);
	fk_settled();
	env_close(&e);
}

/* ------------------------------------------------------------ state */

static void test_state(void **state)
{
	struct act_state st;
	struct env e;

	(void)state;
	env_open(&e, "raid1", NULL);
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), true, &st), 0);
	assert_false(st.exists);
	assert_false(st.active);
	assert_int_equal(activate(&e, "r1"), 0);
	fk_name("fx_raid1-r1")->ext_open = 2;
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), true, &st), 0);
	assert_true(st.exists && st.active);
	assert_false(st.suspended || st.inactive_table || st.read_only || st.refresh_needed);
	assert_int_equal(st.open_count, 2);
	assert_int_equal(st.devno, makedev(253, 4));
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1_rimage_1"), true, &st), 0);
	assert_int_equal(st.open_count, 1);
	/* loaded with nosync (lvcreate --nosync): still current */
	e.o.nosync = true;
	assert_int_equal(activate(&e, "r1"), 0);
	assert_non_null(strstr(fk_live("fx_raid1-r1"), " nosync "));
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), true, &st), 0);
	assert_false(st.refresh_needed);
	/* a leg reloaded behind our back, then a suspended one */
	free(fk_name("fx_raid1-r1_rmeta_1")->live);
	fk_name("fx_raid1-r1_rmeta_1")->live = strdup("0 8192 error \n");
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), true, &st), 0);
	assert_true(st.refresh_needed);
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), false, &st), 0);
	assert_false(st.refresh_needed);
	fk_name("fx_raid1-r1_rimage_0")->suspended = true;
	assert_int_equal(act_state(e.vg, lv_of(&e, "r1"), false, &st), 0);
	assert_true(st.suspended);
	env_close(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear_striped),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_raid1),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_name_clash),
		cmocka_unit_test(test_activation_failure),
		cmocka_unit_test(test_open_refused),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_raid1_degraded),
		cmocka_unit_test(test_resize_linear),
		cmocka_unit_test(test_resize_rollback),
		cmocka_unit_test(test_resize_raid1),
		cmocka_unit_test(test_resize_raid1_rollback),
		cmocka_unit_test(test_change_raid1_legs),
		cmocka_unit_test(test_recover_linear),
		cmocka_unit_test(test_recover_raid1),
		cmocka_unit_test(test_leftovers),
		cmocka_unit_test(test_rename),
		cmocka_unit_test(test_check_at_open),
		cmocka_unit_test(test_recover_partial),
		cmocka_unit_test(test_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
