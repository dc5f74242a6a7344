/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvm2's configuration, for the settings this tool implements: the file
 * $LVM_SYSTEM_DIR/lvm.conf (default /etc/lvm/lvm.conf), then each --config
 * on top of it, then the command-line options, which win.  A --config key
 * this tool does not implement is an error (exit 3) naming the key; the
 * many other keys an lvm.conf holds are left to lvm2.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "cli.h"
#include "units.h"

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

/*
 * lvm2 2.03 no longer has locking types; it maps the old values with a
 * warning: 0 and 5 to no locking, 4 to --sysinit --readonly, others but 1
 * to file locking.  We take locks where their files can be made, and go on
 * without them otherwise (vol_ctx_set_ignore_lock_failure), for 0, 4 and 5.
 */
static int apply_locking_type(struct cli *c, struct vol_config *cfg, const char *path)
{
	int64_t t;
	int r = vol_config_get_int(cfg, path, &t);

	if (r)
		return r == -EINVAL ? wrong_type(path, "an integer") : r == -ENOENT ? 0 : r;
	if (t == 0 || t == 5)
		err("WARNING: locking_type (%lld) is deprecated, using --nolocking.", (long long)t);
	else if (t == 4)
		err("WARNING: locking_type (%lld) is deprecated, using --sysinit --readonly.",
		    (long long)t);
	else if (t != 1)
		err("WARNING: locking_type (%lld) is deprecated, using file locking.", (long long)t);
	if (t == 0 || t == 4 || t == 5)
		vol_ctx_set_ignore_lock_failure(c->ctx, true);
	return 0;
}

/* -m without --type makes raid1 here, lvm2's default; lvm2's old "mirror"
 * type is not ours: that value is taken with a warning saying so. */
static int apply_mirror_segtype(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *v;
	int r = get_str(cfg, path, &v);

	(void)c;
	if (r)
		return r == -ENOENT ? 0 : r;
	if (!strcmp(v, "mirror"))
		err("WARNING: Configuration setting \"%s\" = \"mirror\": -m without --type makes "
		    "raid1 here.", path);
	else if (strcmp(v, "raid1"))
		err("WARNING: Configuration setting \"%s\" invalid: expected raid1 or mirror; the "
		    "default is used.", path);
	return 0;
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

/* backup/archive: after backup/backup, which sets both. */
static int apply_archive(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r)
		vol_ctx_set_archive(c->ctx, on);
	return r;
}

static int apply_compact(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *cols;
	bool on;
	int r;

	if (!strcmp(path, "report/compact_output")) {
		if (!(r = get_bool(cfg, path, &on)))
			c->compact_output = on;
	} else if (!(r = get_str(cfg, path, &cols))) {
		snprintf(c->compact_cols, sizeof(c->compact_cols), "%s", cols);
	}
	return r;
}

static int apply_units(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *u;
	bool on;
	int r;

	if (!strcmp(path, "global/suffix")) {
		if (!(r = get_bool(cfg, path, &on)))
			c->no_suffix = !on;
		return r;
	}
	if ((r = get_str(cfg, path, &u)))
		return r;
	if (parse_units_factor(u, &c->units, &c->unit_factor)) {
		err("WARNING: Ignoring invalid global/units \"%s\".", u);
		c->units = 0;
	}
	return 0;
}

/* devices/data_alignment (KiB; 0: unset) wins over default_data_alignment
 * (MiB), as in lvm2; --dataalignment wins over both. */
static int apply_alignment(struct cli *c, struct vol_config *cfg, const char *path)
{
	int64_t v, d = 1;
	int r = vol_config_get_int(cfg, "devices/data_alignment", &v);

	(void)path;
	if (r && r != -ENOENT)
		return r;
	if (!r && v > 0) {
		c->data_alignment = (uint64_t)v * 1024;
		return 0;
	}
	if ((r = vol_config_get_int(cfg, "devices/default_data_alignment", &d)))
		return r;	/* -ENOENT: neither is set, the library's default */
	if (d > 0)	/* 0: lvm2 keeps its 1 MiB default for the first extent */
		c->data_alignment = (uint64_t)d << 20;
	return 0;
}

/* devices/pv_min_size (KiB): lvm2 takes at least 512. */
static int apply_min_size(struct cli *c, struct vol_config *cfg, const char *path)
{
	int64_t v;
	int r = vol_config_get_int(cfg, path, &v);

	if (r)
		return r;
	if (v < 512) {
		err("WARNING: Ignoring too small pv_min_size %lldKB, using default 512KB.", (long long)v);
		v = 512;
	}
	vol_ctx_set_pv_min_size(c->ctx, (uint64_t)v * 1024);
	return 0;
}

/* activation/raid_region_size (KiB), or the older mirror_region_size when it is 0. */
static int apply_region_size(struct cli *c, struct vol_config *cfg, const char *path)
{
	int64_t v = 0;
	int r = vol_config_get_int(cfg, "activation/raid_region_size", &v);

	(void)path;
	if (r == -ENOENT || (!r && !v))
		r = vol_config_get_int(cfg, "activation/mirror_region_size", &v);
	if (r == -EINVAL)
		return wrong_type("activation/raid_region_size", "an integer");
	if (!r)
		vol_ctx_set_raid_region_size(c->ctx, v > 0 ? (uint64_t)v * 1024 : 0);
	return r;
}

static int apply_scan_lvs(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r)
		vol_ctx_set_scan_lvs(c->ctx, on);
	return r;
}

static int apply_mixed_lbs(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r)
		vol_ctx_set_mixed_block_sizes(c->ctx, on);
	return r;
}

/* metadata/pvmetadatasize (sectors) and pvmetadatacopies: pvcreate's
 * defaults when the options do not say. */
static int apply_mda_defaults(struct cli *c, struct vol_config *cfg, const char *path)
{
	int64_t v;
	int r = vol_config_get_int(cfg, path, &v);

	if (r)
		return r;
	if (!strcmp(path, "metadata/pvmetadatasize"))
		c->mda_size = v > 0 ? (uint64_t)v * 512 : 0;
	else if (v < 0 || v > 2)
		err("WARNING: Ignoring invalid metadata/pvmetadatacopies %lld.", (long long)v);
	else
		c->mda_copies = (int)v;
	return 0;
}

static int apply_size_check(struct cli *c, struct vol_config *cfg, const char *path)
{
	bool on;
	int r = get_bool(cfg, path, &on);

	if (!r)
		vol_ctx_set_check_pv_sizes(c->ctx, on);
	return r;
}

/* devices/dir: where device nodes are, unless DM_DEV_DIR says (as in lvm2). */
static int apply_dev_dir(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *dir;
	int r = get_str(cfg, path, &dir);

	if (!r && !getenv("DM_DEV_DIR"))
		r = vol_ctx_set_dir(c->ctx, VOL_DIR_DEV, dir);
	return r;
}

static int apply_dir(struct cli *c, struct vol_config *cfg, const char *path)
{
	enum vol_dir which = strstr(path, "archive") ? VOL_DIR_ARCHIVE
			     : strstr(path, "locking") ? VOL_DIR_LOCK : VOL_DIR_BACKUP;
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

/* lvm2's rules for a devices file name: [A-Za-z0-9+_.-], not starting with
 * '-', not "." or "..", shorter than 128 characters. */
bool cli_devfile_name_ok(const char *name)
{
	size_t len = strlen(name);

	if (!len || len > 127 || name[0] == '-' || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._-+", *p))
			return false;
	return true;
}

/*
 * lvm2's devices file: --devicesfile NAME (any NAME but "" uses
 * <system dir>/devices/NAME, which pvcreate and vgcreate may create), else
 * devices/devicesfile when devices/use_devicesfile is on.  --devices
 * overrides it.
 */
static int apply_devices_file(struct cli *c, struct vol_config *cfg, const char *path)
{
	const char *name = "system.devices", *v;
	unsigned flags = 0;
	char file[4096];
	bool use = false;
	int r;

	(void)path;
	if (c->devices_set && c->devicesfile && *c->devicesfile) {
		cli_usage_error(c, "A --devices list cannot be used with --devicesfile.");
		return -EINVAL;
	}
	if (c->devices_set || (c->devicesfile && !*c->devicesfile))
		return 0;
	if (c->devicesfile) {
		name = c->devicesfile;
		flags = VOL_DEVFILE_CREATE;
	} else {
		if ((r = get_bool(cfg, "devices/use_devicesfile", &use)) && r != -ENOENT)
			return r;
		if (!use)
			return 0;
		if ((r = get_str(cfg, "devices/devicesfile", &v)) && r != -ENOENT)
			return r;
		if (!r && !*v)
			err("Configuration setting \"devices/devicesfile\" invalid. It cannot be set to "
			    "an empty value.");
		else if (!r)
			name = v;
		if (!cli_devfile_name_ok(name)) {
			err("Invalid devices file name from config setting \"%s\".", name);
			err("Failed to set up devices.");
			return -ENODEV;
		}
	}
	snprintf(file, sizeof(file), "%s/devices/%s", system_dir(), name);
	return vol_ctx_set_devices_file(c->ctx, file, flags);
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
	{ "global/locking_dir", apply_dir },
	{ "global/locking_type", apply_locking_type },
	{ "global/mirror_segtype_default", apply_mirror_segtype },
	{ "devices/filter", apply_filter },
	{ "devices/global_filter", apply_filter },
	{ "devices/use_devicesfile", apply_devices_file },
	{ "devices/devicesfile", NULL },
	{ "backup/backup", apply_backup },
	{ "backup/archive", apply_archive },
	{ "backup/backup_dir", apply_dir },
	{ "backup/archive_dir", apply_dir },
	{ "log/prefix", apply_prefix },
	{ "devices/data_alignment", apply_alignment },
	{ "devices/default_data_alignment", apply_alignment },
	{ "devices/pv_min_size", apply_min_size },
	{ "devices/scan_lvs", apply_scan_lvs },
	{ "activation/raid_region_size", apply_region_size },
	{ "activation/mirror_region_size", NULL },
	{ "metadata/pvmetadatasize", apply_mda_defaults },
	{ "metadata/pvmetadatacopies", apply_mda_defaults },
	{ "metadata/check_pv_device_sizes", apply_size_check },
	{ "devices/allow_mixed_block_sizes", apply_mixed_lbs },
	{ "devices/dir", apply_dev_dir },
	/* We list devices from sysfs and name them under devices/dir, which is
	 * what these ask of lvm2 on a normal system. */
	{ "devices/scan", NULL },
	{ "devices/sysfs_scan", NULL },
	{ "global/units", apply_units },
	{ "global/suffix", apply_units },
	{ "report/compact_output", apply_compact },
	{ "report/compact_output_cols", apply_compact },
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
	int r;

	for (const char *const *f = (const char *const[]){ "lvm.conf", "lvmlocal.conf", NULL }; *f;
	     f++) {
		struct vol_config_error e = { 0 };

		snprintf(path, sizeof(path), "%s/%s", system_dir(), *f);
		r = vol_config_add_file(cfg, path, &e);
		if (r == -EINVAL) {
			err("Parse error in %s at line %u: %s.", path, e.line, e.why);
			return EXIT_FAILED;
		} else if (r && r != -ENOENT) {
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
	const char *dev = getenv("DM_DEV_DIR");
	char path[4096];

	/* device nodes where lvm2 and libdevmapper look for them */
	if (dev && *dev)
		vol_ctx_set_dir(c->ctx, VOL_DIR_DEV, dev);
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
