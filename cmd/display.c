/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pvdisplay and vgdisplay: lvm2's long, human-oriented layout, its one-line
 * forms (-s) and its colon-separated records (-c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "report.h"

/* -c, -s and --units of pvdisplay and vgdisplay. */
struct dopts {
	bool colon, brief, maps;
	bool active_only;	/* vgdisplay -A */
};

enum { OPT_DISPLAY_UNITS = OPT_FIRST_CMD + 0x60 };

#define DISPLAY_OPTS \
	{ "colon", no_argument, NULL, 'c' }, \
	{ "short", no_argument, NULL, 's' }, \
	{ "units", required_argument, NULL, OPT_DISPLAY_UNITS }

static const struct option pvdisplay_opts[] = {
	DISPLAY_OPTS,
	{ "maps", no_argument, NULL, 'm' },
	{ NULL, 0, NULL, 0 },
};
static const struct option vgdisplay_opts[] = {
	DISPLAY_OPTS,
	{ "activevolumegroups", no_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 },
};

/* @pv: pvdisplay, which takes -a with -C only (lvm2 says so). */
static int parse_display_opts(struct cli *c, int argc, char **argv, struct dopts *d, bool pv)
{
	uint64_t factor;
	char unit;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, pv ? "acms" : "Acs",
				 pv ? pvdisplay_opts : vgdisplay_opts)) != -1) {
		if (opt == 'm' && pv) {
			d->maps = true;
		} else if (opt == 'A' && !pv) {
			d->active_only = true;
		} else if (opt == 'a') {
			return cli_usage_error(c, "Incompatible options selected");
		} else if (opt == 'c') {
			d->colon = true;
		} else if (opt == 's') {
			d->brief = true;
		} else if (opt == OPT_DISPLAY_UNITS) {
			if (parse_units_factor(optarg, &unit, &factor))
				return cli_usage_error(c, "Invalid units specification");
			fmt_set_display_units(unit, factor);
		} else {
			return EXIT_INVALID;
		}
	}
	if (d->colon && d->brief)
		return cli_usage_error(c, "Option -c is not allowed with option -s");
	return 0;
}

/* lvm2's status bits of a PV in pvdisplay -c: allocatable, exported, missing. */
static unsigned long long pv_status_bits(struct vol_pv *pv, struct vol_vg *vg)
{
	return (vol_pv_is_allocatable(pv) ? 0x8u : 0) | (vg && vol_vg_is_exported(vg) ? 0x2u : 0) |
	       (vol_pv_is_missing(pv) ? 0x800000u : 0);
}

static void pv_colons(struct vol_pv *pv, struct vol_vg *vg)
{
	unsigned long long st = pv_status_bits(pv, vg), pe = vol_pv_pe_count(pv);
	unsigned long long alloc = vol_pv_pe_alloc_count(pv);

	out("%s:%s:%llu:-1:%llu:%llu:-1:%llu:%llu:%llu:%llu:%s", vol_pv_name(pv), vol_pv_vg_name(pv),
	    (unsigned long long)(vol_pv_dev_size(pv) / 512), st, st & 0x8u,
	    (unsigned long long)(vg ? vol_vg_extent_size(vg) / 1024 : 0), pe, pe - alloc, alloc,
	    vol_pv_uuid(pv));
}

/* lvm2's "PV Size": the size the metadata gives the device, or the data
 * area and its start when they reach further, and what no extent uses. */
static void pv_size_line(struct vol_pv *pv)
{
	uint64_t data = vol_pv_size(pv), dev = vol_pv_dev_size(pv), start = vol_pv_pe_start(pv);
	uint64_t shown = dev > data + start ? dev : data + start;
	uint64_t unusable = dev > data + start ? dev - data : shown - dev;
	char a[48], b[48];

	fmt_size_long(shown, a, sizeof(a));
	fmt_size_long(unusable, b, sizeof(b));
	out("PV Size               %s / not usable %s", a, b);
}

/* The lines before a PV's record: exported, or new (an orphan); false if
 * the PV is shown in a short form that is all there is. */
static bool pv_header(struct vol_pv *pv, struct vol_vg *vg, const struct dopts *d)
{
	char size[48];

	fmt_size_long(vg ? vol_pv_free(pv) : vol_pv_size(pv), size, sizeof(size));
	if (d->brief) {
		out("Device \"%s\" has a capacity of %s", vol_pv_name(pv), size);
		return false;
	}
	if (vg && vol_vg_is_exported(vg))
		out("Physical volume \"%s\" of volume group \"%s\" is exported", vol_pv_name(pv),
		    vol_pv_vg_name(pv));
	if (!vg)
		out("\"%s\" is a new physical volume of \"%s\"", vol_pv_name(pv), size);
	if (d->colon) {
		pv_colons(pv, vg);
		return false;
	}
	return true;
}

static void show_pv(struct vol_pv *pv, struct vol_vg *vg, const struct dopts *d)
{
	char size[48], es[48];

	if (!pv_header(pv, vg, d))
		return;
	fmt_size_long(vol_pv_dev_size(pv), size, sizeof(size));
	fmt_size_long(vg ? vol_vg_extent_size(vg) : 0, es, sizeof(es));
	out(vg ? "--- Physical volume ---" : "--- NEW Physical volume ---");
	out("PV Name               %s", vol_pv_name(pv));
	out("VG Name               %s%s", vol_pv_vg_name(pv),
	    vg && vol_vg_is_exported(vg) ? " (exported)" : "");
	if (vg) {
		pv_size_line(pv);
		if (!vol_pv_is_allocatable(pv))
			out("Allocatable           NO");
		else	/* as lvm2: "yes (but full)" when no extent is free */
			out("Allocatable           yes %s", vol_pv_pe_count(pv) &&
			    vol_pv_pe_count(pv) == vol_pv_pe_alloc_count(pv) ? "(but full)" : "");
	} else {
		out("PV Size               %s", size);
		out("Allocatable           NO");
	}
	out("PE Size               %s", es);
	out("Total PE              %llu", (unsigned long long)vol_pv_pe_count(pv));
	out("Free PE               %llu",
	    (unsigned long long)(vol_pv_pe_count(pv) - vol_pv_pe_alloc_count(pv)));
	out("Allocated PE          %llu", (unsigned long long)vol_pv_pe_alloc_count(pv));
	out("PV UUID               %s", vol_pv_uuid(pv));
	out(" ");
}

static int show_pvseg(uint64_t start, uint64_t len, struct vol_lv *lv, size_t seg, void *usr)
{
	struct vol_seg_info si;

	(void)usr;
	out("Physical extent %llu to %llu:", (unsigned long long)start,
	    (unsigned long long)(start + len - 1));
	if (!lv) {
		out("  FREE");
	} else if (!vol_lv_segment(lv, seg, &si)) {
		out("  Logical volume\t/dev/%s/%s", vol_vg_name(vol_lv_vg(lv)), vol_lv_name(lv));
		out("  Logical extents\t%llu to %llu", (unsigned long long)si.start_extent,
		    (unsigned long long)(si.start_extent + si.extent_count - 1));
	}
	return 0;
}

/* pvdisplay -m: the PV's segments after its block, as lvm2 lists them. */
static void show_pv_maps(struct vol_pv *pv, struct vol_vg *vg)
{
	if (vg) {
		out("--- Physical Segments ---");
		pv_segment_walk(vg, pv, show_pvseg, NULL);
	}
	out(" ");
}

/* Shows @pv if no PV was named or it is one of @args; marks the args it matched. */
static void show_if_wanted(struct vol_pv *pv, struct vol_vg *vg, char **args, int nargs, bool *seen,
			   const struct dopts *d)
{
	bool want = !nargs;

	for (int i = 0; i < nargs; i++)
		if (cli_pv_matches(pv, args[i]))
			want = seen[i] = true;
	if (want)
		show_pv(pv, vg, d);
	if (want && d->maps && !d->colon && !d->brief)
		show_pv_maps(pv, vg);
}

/* Does the command line have an option of the long layout (-c, -m, -s),
 * which -C cannot take? */
static bool display_only_opts(int argc, char **argv)
{
	static const char *const opts[] = { "-c", "-m", "-s", "--colon", "--maps", "--short" };

	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
			if (!strcmp(argv[i], opts[k]))
				return true;
	return false;
}

/* -C|--columns: lvm2's display commands then report as pvs, vgs or lvs do
 * (with their options); the rest of the command line goes along. */
int cli_display_columns(struct cli *c, int argc, char **argv, enum report_type type)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));
	int n = 0, r;
	bool cols = false;

	if (!v)
		return -1;
	for (int i = 0; i < argc; i++) {
		bool is = i && (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--columns"));

		if (!strcmp(argv[i], "--"))
			break;
		cols |= is;
	}
	if (!cols) {
		free(v);
		return -1;
	}
	if (display_only_opts(argc, argv)) {
		free(v);
		return cli_usage_error(c, "Incompatible options selected");
	}
	for (int i = 0; i < argc; i++)
		if (!i || (strcmp(argv[i], "-C") && strcmp(argv[i], "--columns")))
			v[n++] = argv[i];
	r = report_run(c, n, v, type);
	free(v);
	return r;
}

int cmd_pvdisplay(struct cli *c, int argc, char **argv)
{
	char **ids = NULL;
	size_t n = 0, norph = 0;
	struct dopts d = { 0 };
	bool *seen;
	int r, rc = EXIT_OK;

	if ((r = cli_display_columns(c, argc, argv, REPORT_PV)) >= 0)
		return r;
	if ((r = parse_display_opts(c, argc, argv, &d, true)))
		return r;
	if (!(seen = calloc((size_t)(argc - optind) + 1, sizeof(*seen))))
		return EXIT_FAILED;
	for (int i = optind; i < argc; i++)
		if (cli_pv_arg_unusable(c, argv[i]))
			seen[i - optind] = true, rc = EXIT_FAILED;
	if ((r = cli_vg_ids(c, &ids, &n))) {
		free(seen);
		return cli_exit(r);
	}
	for (size_t i = 0; i < n; i++) {
		struct vol_vg *vg;

		if ((r = vol_vg_open(c->ctx, ids[i], c->read_flags, &vg))) {
			rc = cli_exit(r);	/* the library said why */
			continue;
		}
		for (size_t k = 0; k < vol_vg_pv_count(vg); k++)
			show_if_wanted(vol_vg_pv(vg, k), vg, argv + optind, argc - optind, seen, &d);
		vol_vg_close(vg);
	}
	vol_strv_free(ids, n);
	if (!vol_orphan_count(c->ctx, &norph))
		for (size_t i = 0; i < norph; i++)
			show_if_wanted(vol_orphan_pv(c->ctx, i), NULL, argv + optind, argc - optind, seen,
				       &d);
	for (int i = optind; i < argc; i++)
		if (!seen[i - optind]) {
			err("Failed to find physical volume \"%s\".", argv[i]);
			rc = EXIT_FAILED;
		}
	free(seen);
	return rc;
}

/* lvm2's "Open LV": the visible LVs whose device is open (0 without
 * device-mapper). */
static unsigned open_lv_count(struct vol_vg *vg)
{
	struct vol_lv_state st;
	unsigned n = 0;

	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, VOL_LV_VISIBLE); lv;
	     lv = vol_vg_next_lv(vg, lv, VOL_LV_VISIBLE))
		n += !vol_lv_state(lv, &st) && st.active && st.open_count > 0;
	return n;
}

static void show_vg(struct vol_vg *vg)
{
	char size[48], es[48], alloc[48], fre[48];
	uint64_t used = vol_vg_extent_count(vg) - vol_vg_free_count(vg);

	fmt_size_long(vol_vg_size(vg), size, sizeof(size));
	fmt_size_long(vol_vg_extent_size(vg), es, sizeof(es));
	fmt_size_long(used * vol_vg_extent_size(vg), alloc, sizeof(alloc));
	fmt_size_long(vol_vg_free(vg), fre, sizeof(fre));
	out("--- Volume group ---");
	out("VG Name               %s", vol_vg_name(vg));
	out("System ID             %s", vol_vg_system_id(vg));
	out("Format                lvm2");
	out("Metadata Areas        %u", vol_vg_mda_used_count(vg));
	out("Metadata Sequence No  %u", vol_vg_seqno(vg));
	out("VG Access             %s", vol_vg_is_writeable(vg) ? "read/write" : "read");
	out("VG Status             %s%s", vol_vg_is_exported(vg) ? "exported/" : "",
	    vol_vg_is_resizeable(vg) ? "resizable" : "");
	out("MAX LV                %u", vol_vg_max_lv(vg));
	out("Cur LV                %zu", vol_vg_lv_count(vg));
	out("Open LV               %u", open_lv_count(vg));
	out("Max PV                %u", vol_vg_max_pv(vg));
	out("Cur PV                %zu", vol_vg_pv_count(vg));
	out("Act PV                %zu", vol_vg_pv_count(vg) - vol_vg_missing_pv_count(vg));
	out("VG Size               %s", size);
	out("PE Size               %s", es);
	out("Total PE              %llu", (unsigned long long)vol_vg_extent_count(vg));
	out("Alloc PE / Size       %llu / %s", (unsigned long long)used, alloc);
	out("Free  PE / Size       %llu / %s", (unsigned long long)vol_vg_free_count(vg), fre);
	out("VG UUID               %s", vol_vg_uuid(vg));
	out(" ");
}

/* vgdisplay -A: does an LV of @vg have an active device? */
static bool has_active_lv(struct vol_vg *vg)
{
	struct vol_lv_state st;

	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, VOL_LV_ALL); lv;
	     lv = vol_vg_next_lv(vg, lv, VOL_LV_ALL))
		if (!vol_lv_state(lv, &st) && st.active)
			return true;
	return false;
}

/* vgdisplay: the VG's block, and with -v its LVs' and PVs' as lvm2 shows them. */
static void show_vg_all(struct cli *c, struct vol_vg *vg)
{
	show_vg(vg);
	if (!c->verbose)
		return;
	lvdisplay_vg(vg);
	out("--- Physical volumes ---");
	for (size_t k = 0; k < vol_vg_pv_count(vg); k++) {
		struct vol_pv *pv = vol_vg_pv(vg, k);
		unsigned long long pe = vol_pv_pe_count(pv);

		out("PV Name               %s     ", vol_pv_name(pv));
		out("PV UUID               %s", vol_pv_uuid(pv));
		out("PV Status             %sallocatable", vol_pv_is_allocatable(pv) ? "" : "NOT ");
		out("Total PE / Free PE    %llu / %llu", pe, pe - vol_pv_pe_alloc_count(pv));
		out(" ");
	}
}

/* vgdisplay -c: lvm2's record, with its status bits (read, write,
 * resizeable, exported) and sizes in KiB. */
static void vg_colons(struct vol_vg *vg)
{
	unsigned long long st = 0x100u | (vol_vg_is_writeable(vg) ? 0x200u : 0) |
				(vol_vg_is_resizeable(vg) ? 0x4u : 0) |
				(vol_vg_is_exported(vg) ? 0x2u : 0);
	unsigned long long es = vol_vg_extent_size(vg) / 1024, n = vol_vg_extent_count(vg);
	unsigned long long fr = vol_vg_free_count(vg);

	out("%s:%s:%llu:-1:%u:%zu:%u:-1:%u:%zu:%zu:%llu:%llu:%llu:%llu:%llu:%s", vol_vg_name(vg),
	    vol_vg_is_writeable(vg) ? "r/w" : "r", st, vol_vg_max_lv(vg), vol_vg_lv_count(vg),
	    open_lv_count(vg), vol_vg_max_pv(vg), vol_vg_pv_count(vg),
	    vol_vg_pv_count(vg) - vol_vg_missing_pv_count(vg), n * es, es, n, n - fr, fr,
	    vol_vg_uuid(vg));
}

/* vgdisplay -s: one line, sizes padded as lvm2 pads them. */
static void vg_short(struct vol_vg *vg)
{
	char size[48], used[48], fre[48];

	fmt_size_long(vol_vg_size(vg), size, sizeof(size));
	fmt_size_long(vol_vg_size(vg) - vol_vg_free(vg), used, sizeof(used));
	fmt_size_long(vol_vg_free(vg), fre, sizeof(fre));
	out("\"%s\" %-9s [%-9s used / %s free]", vol_vg_name(vg), size, used, fre);
}

static int vgdisplay_one(struct cli *c, const char *name, void *usr)
{
	const struct dopts *d = usr;
	struct vol_vg *vg;
	int r = vol_vg_open(c->ctx, name, c->read_flags, &vg);

	if (!r && (!d->active_only || has_active_lv(vg)))
		d->colon ? vg_colons(vg) : d->brief ? vg_short(vg) : show_vg_all(c, vg);
	vol_vg_close(vg);
	return r;
}

int cmd_vgdisplay(struct cli *c, int argc, char **argv)
{
	struct dopts d = { 0 };
	int r;

	if ((r = cli_display_columns(c, argc, argv, REPORT_VG)) >= 0)
		return r;
	if ((r = parse_display_opts(c, argc, argv, &d, false)))
		return r;
	return for_each_vg(c, argc, argv, vgdisplay_one, &d);
}
