/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvm2's configuration, for the settings this tool implements: the file
 * $LVM_SYSTEM_DIR/lvm.conf (default /etc/lvm/lvm.conf), then each --config
 * on top of it, then the command-line options, which win.  A --config key
 * this tool does not implement is an error (exit 3) naming the key; the
 * many other keys an lvm.conf holds are left to lvm2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "cli.h"

#define DEFAULT_SYSTEM_DIR "/etc/lvm"

struct setting {
	const char *path;
	int (*apply)(struct cli *c, struct vol_config *cfg, const char *path);
};

static const char *system_dir(void)
{
	const char *d = getenv("LVM_SYSTEM_DIR");

	return d && *d ? d : DEFAULT_SYSTEM_DIR;
}

/* A value of the wrong type is ignored with a warning, the default kept, as lvm2 does. */
static int wrong_type(const char *path, const char *want)
{
	err("WARNING: Configuration setting \"%s\" invalid: expected %s; the default is used.",
	    path, want);
	return -ENOENT;
}

/* A boolean: a number, or lvm2's words (y/n, yes/no, on/off, true/false). */
static int get_bool(struct vol_config *cfg, const char *path, bool *out)
{
	static const char *const yes[] = { "y", "yes", "on", "true", "1" };
	static const char *const no[] = { "n", "no", "off", "false", "0" };
	const char *s;
	int64_t v;
	int r = vol_config_get_int(cfg, path, &v);

	if (!r) {
		*out = v != 0;
		return 0;
	}
	if (r != -EINVAL || vol_config_get_str(cfg, path, &s))
		return r == -EINVAL ? wrong_type(path, "a boolean") : r;
	for (size_t i = 0; i < 5; i++)
		if (!strcasecmp(s, yes[i]) || !strcasecmp(s, no[i])) {
			*out = !strcasecmp(s, yes[i]);
			return 0;
		}
	return wrong_type(path, "a boolean");
}

static int get_str(struct vol_config *cfg, const char *path, const char **out)
{
	int r = vol_config_get_str(cfg, path, out);

	return r == -EINVAL ? wrong_type(path, "a string") : r;
}

static int apply_wait_for_locks(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool wait;
	int r = get_bool(cfg, path, &wait);

	if (!r)
		vol_ctx_set_lock_wait(c->ctx, wait);
	return r;
}

static int apply_filter(struct cli *c, struct vol_config *cfg, const char *path)
{
	enum vol_filter which = strstr(path, "global") ? VOL_FILTER_GLOBAL : VOL_FILTER_COMMAND;
	const char *const *v;
	size_t n;
	int r = vol_config_get_strv(cfg, path, &v, &n);

	if (r == -EINVAL)
		return wrong_type(path, "a list of strings");
	if (!r)
		r = vol_ctx_set_filter(c->ctx, which, v, n);
	return r;
}

static int apply_backup(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r && !c->backup_from_cli)
		vol_ctx_set_backup(c->ctx, on);
	return r;
}

static int apply_dir(struct cli *c, struct vol_config *cfg, const char *path)
{
	enum vol_dir which = strstr(path, "archive") ? VOL_DIR_ARCHIVE : VOL_DIR_BACKUP;
	const char *dir;
	int r = get_str(cfg, path, &dir);

	if (!r && !c->dir_from_cli[which])
		r = vol_ctx_set_dir(c->ctx, which, dir);
	return r;
}

static int apply_prefix(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *p;
	int r = get_str(cfg, path, &p);

	if (!r)
		cli_set_prefix(p);
	(void)c;
	return r;
}

static int apply_components(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool md = true, mpath = true;
	int r = get_bool(cfg, "devices/md_component_detection", &md);

	if (!r || r == -ENOENT)
		r = get_bool(cfg, "devices/multipath_component_detection", &mpath);
	if (r && r != -ENOENT)
		return r;
	(void)path;
	vol_ctx_set_component_detection(c->ctx, md, mpath);
	return 0;
}

static int apply_activation(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r && !on) {
		c->no_activation = true;
		vol_ctx_set_activation(c->ctx, false);
	}
	return r;
}

static bool monitoring = true;	/* lvm2's default */

bool cli_monitoring(void)
{
	return monitoring;
}

/* We run no dmeventd monitoring; the setting only decides what reports say of it. */
static int apply_monitoring(struct cli *c, struct vol_config *cfg, const char *path)
{
	int r = get_bool(cfg, path, &monitoring);

	(void)c;
	return r == -ENOENT ? 0 : r;
}

/* The first line of @path, trimmed, into @buf; "" if it cannot be read. */
static void first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");

	*buf = '\0';
	if (f && fgets(buf, (int)len, f))
		buf[strcspn(buf, " \t\n")] = '\0';
	if (f)
		fclose(f);
}

/* This host's system ID, from the source lvm2's global/system_id_source names. */
static int apply_system_id(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *src = "none", *s = NULL;
	char buf[256] = "";
	struct utsname u;

	(void)path;
	get_str(cfg, "global/system_id_source", &src);
	if (!strcmp(src, "uname") && !uname(&u))
		snprintf(buf, sizeof(buf), "%s", u.nodename);
	else if (!strcmp(src, "machineid") || !strcmp(src, "appmachineid"))
		first_line("/etc/machine-id", buf, sizeof(buf));
	else if (!strcmp(src, "lvmlocal") && !get_str(cfg, "local/system_id", &s))
		snprintf(buf, sizeof(buf), "%s", s);
	else if (!strcmp(src, "file") && !get_str(cfg, "global/system_id_file", &s))
		first_line(s, buf, sizeof(buf));
	else if (strcmp(src, "none"))
		err("WARNING: Unrecognised system_id_source \"%s\".", src);
	return vol_ctx_set_system_id(c->ctx, buf);
}

/* Every setting this tool implements, and how.  NULL: read by another
 * entry, or accepted because our behaviour already is what it asks (noted). */
static const struct setting settings[] = {
	{ "global/wait_for_locks", apply_wait_for_locks },
	{ "devices/filter", apply_filter },
	{ "devices/global_filter", apply_filter },
	{ "backup/backup", apply_backup },
	{ "backup/backup_dir", apply_dir },
	{ "backup/archive_dir", apply_dir },
	{ "log/prefix", apply_prefix },
	{ "devices/md_component_detection", apply_components },
	{ "devices/multipath_component_detection", NULL },
	{ "global/activation", apply_activation },
	{ "global/system_id_source", apply_system_id },
	{ "global/system_id_file", NULL },
	{ "local/system_id", NULL },
	/* We keep no device cache of our own (lvm2's hints are invalidated after
	 * label changes), and never use udev's database for devices. */
	{ "devices/hints", NULL },
	{ "devices/obtain_device_list_from_udev", NULL },
	{ "devices/external_device_info_source", NULL },
	/* Without udev we make device nodes ourselves; with it we wait for it. */
	{ "activation/udev_sync", NULL },
	{ "activation/udev_rules", NULL },
	{ "activation/verify_udev_operations", NULL },
	/* We run no lvmpolld and no dmeventd monitoring of our own; reports say
	 * "not monitored" of raid segments as lvm2 does when monitoring is on. */
	{ "global/use_lvmpolld", NULL },
	{ "activation/monitoring", apply_monitoring },
};

static const struct setting *find_setting(const char *path)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (!strcmp(settings[i].path, path))
			return &settings[i];
	return NULL;
}

struct key_check {
	int bad;
};

static void check_key(const char *path, const char *origin, void *usr)
{
	struct key_check *k = usr;

	if (strcmp(origin, "--config") || find_setting(path))
		return;
	err("Configuration setting \"%s\" unknown: this tool does not implement it.", path);
	k->bad++;
}

static int read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return -errno;
	do {
		if (n + 4096 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return -ENOMEM;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*text = buf;
	*len = n;
	return 0;
}

static int add_layer(struct vol_config *cfg, const char *text, size_t len, const char *origin)
{
	struct vol_config_error e = { 0 };
	int r = vol_config_add(cfg, text, len, origin, &e);

	if (r == -EINVAL)
		err("Parse error in %s at line %u: %s.", origin, e.line, e.why);
	return r;
}

/* Loads lvm.conf (if there is one) and the --config layers. */
static int load(struct cli *c, struct vol_config *cfg)
{
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	int r;

	for (const char *const *f = (const char *const[]){ "lvm.conf", "lvmlocal.conf", NULL }; *f;
	     f++) {
		snprintf(path, sizeof(path), "%s/%s", system_dir(), *f);
		text = NULL;
		r = read_file(path, &text, &len);
		if (!r) {
			r = add_layer(cfg, text, len, path);
			free(text);
			if (r)
				return EXIT_FAILED;
		} else if (r != -ENOENT) {
			err("Cannot read %s: %s.", path, strerror(-r));
			return EXIT_FAILED;
		}
	}
	for (size_t i = 0; i < c->n_config; i++)
		if (add_layer(cfg, c->config[i], strlen(c->config[i]), "--config"))
			return EXIT_INVALID;
	return EXIT_OK;
}

/* Backups and archives live under $LVM_SYSTEM_DIR, as lvm2 keeps them. */
static void default_dirs(struct cli *c)
{
	char path[4096];

	if (!getenv("LVM_SYSTEM_DIR"))
		return;
	snprintf(path, sizeof(path), "%s/backup", system_dir());
	if (!c->dir_from_cli[VOL_DIR_BACKUP])
		vol_ctx_set_dir(c->ctx, VOL_DIR_BACKUP, path);
	snprintf(path, sizeof(path), "%s/archive", system_dir());
	if (!c->dir_from_cli[VOL_DIR_ARCHIVE])
		vol_ctx_set_dir(c->ctx, VOL_DIR_ARCHIVE, path);
}

int cli_apply_config(struct cli *c)
{
	struct vol_config *cfg;
	struct key_check k = { 0 };
	int rc;

	if (vol_config_new(&cfg))
		return EXIT_FAILED;
	default_dirs(c);
	rc = load(c, cfg);
	if (!rc) {
		vol_config_keys(cfg, check_key, &k);
		if (k.bad)
			rc = EXIT_INVALID;
	}
	for (size_t i = 0; !rc && i < sizeof(settings) / sizeof(settings[0]); i++) {
		int r = settings[i].apply ? settings[i].apply(c, cfg, settings[i].path) : 0;

		if (r && r != -ENOENT)
			rc = r == -EINVAL ? EXIT_INVALID : EXIT_FAILED;
	}
	vol_config_free(cfg);
	return rc;
}
