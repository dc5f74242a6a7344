/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lvdisplay (full, -m, -c) and lvscan in lvm2's layouts.  The LVs come
 * from the lvs rows (report_collect), so the arguments, the order (VGs by
 * name, LVs in metadata order) and the messages are those of lvs.  Without
 * device-mapper the kernel's part is left out, as lvm2 does with
 * activation disabled.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "report.h"

/* ---------------------------------------------------------------- lvdisplay -m */

static void show_area(const struct vol_lv *lv, size_t seg, uint32_t a, const char *pre)
{
	struct vol_area_info ar;

	if (vol_lv_segment_area(lv, seg, a, &ar))
		return;
	if (ar.pv_name) {
		out("%sPhysical volume\t%s", pre, ar.pv_name);
		out("%sPhysical extents\t%llu to %llu", pre, (unsigned long long)ar.start,
		    (unsigned long long)(ar.start + ar.count - 1));
	} else {
		out("%sLogical volume\t%s", pre, ar.lv_name ? ar.lv_name : "Missing");
		out("%sLogical extents\t%llu to %llu", pre, 0ull, (unsigned long long)(ar.count - 1));
	}
}

static void show_striped(const struct vol_lv *lv, size_t seg, const struct vol_seg_info *s)
{
	char size[48];

	if (s->areas == 1) {
		show_area(lv, seg, 0, "  ");
		return;
	}
	fmt_size_long(s->stripe_size, size, sizeof(size));
	out("  Stripes\t\t%u", s->areas);
	out("  Stripe size\t\t%s", size);
	for (uint32_t a = 0; a < s->areas; a++) {
		out("  Stripe %u:", a);
		show_area(lv, seg, a, "    ");
	}
}

static void show_raid(const struct vol_lv *lv, size_t seg, const struct vol_seg_info *s)
{
	struct vol_area_info ar;

	/* lvm2 says "not monitored" unless activation/monitoring is off; we never monitor */
	out("  Monitoring\t\t%s", cli_monitoring() ? "not monitored" : "");
	for (uint32_t a = 0; a < s->areas; a++) {
		out("  Raid Data LV%2u", a);
		show_area(lv, seg, a, "    ");
	}
	for (uint32_t a = 0; a < s->areas; a++)
		if (!vol_lv_segment_area(lv, seg, a, &ar) && ar.meta_lv_name)
			out("  Raid Metadata LV%2u\t%s", a, ar.meta_lv_name);
}

/* lvm2's old-style mirror: its images (the first is the "original") and log. */
static void show_mirror(const struct vol_lv *lv, size_t seg, const struct vol_seg_info *s,
			bool known)
{
	const char *log = vol_lv_mirror_log(lv);
	char size[64];

	/* lvm2 asks dmeventd of mirrors only where device-mapper answers */
	out("  Monitoring\t\t%s", known && cli_monitoring() ? "not monitored" : "");
	out("  Mirrors\t\t%u", s->areas);
	out("  Mirror size\t\t%llu", (unsigned long long)s->extent_count);
	if (log)
		out("  Mirror log volume\t%s", log);
	if (s->region_size) {
		fmt_size_long(s->region_size, size, sizeof(size));
		out("  Mirror region size\t%s", size);
	}
	out("  Mirror original:");
	show_area(lv, seg, 0, "    ");
	out("  Mirror destinations:");
	for (uint32_t a = 1; a < s->areas; a++)
		show_area(lv, seg, a, "    ");
}

static void show_segments(const struct vol_lv *lv, bool known)
{
	struct vol_seg_info s;

	out("--- Segments ---");
	for (size_t i = 0; !vol_lv_segment(lv, i, &s); i++) {
		bool virt = !strcmp(vol_lv_segtype(lv), "error") || !strcmp(vol_lv_segtype(lv), "zero");

		out("%s extents %llu to %llu:", virt ? "Virtual" : "Logical",
		    (unsigned long long)s.start_extent,
		    (unsigned long long)(s.start_extent + s.extent_count - 1));
		out("  Type\t\t%s", s.type);
		/* the blank line ends what lvm2's segment types show of themselves */
		if (!strcmp(s.type, "raid1") || !strcmp(s.type, "raid0"))
			show_raid(lv, i, &s);
		else if (!strcmp(s.type, "mirror"))
			show_mirror(lv, i, &s, known);
		else if (!strcmp(s.type, "linear") || !strcmp(s.type, "striped"))
			show_striped(lv, i, &s);
		else
			continue;
		out(" ");
	}
	out(" ");
}

/* ---------------------------------------------------------------- lvdisplay */

static const char *access_text(const struct lv_row *r)
{
	if (vol_lv_is_read_only(r->lv))
		return "read only";
	return r->exists && r->st.read_only ? "read/write (activated read only)" : "read/write";
}

/* LV Status and # open: only when the kernel could be asked. */
static void show_status(const struct lv_row *r)
{
	if (r->exists && r->st.suspended)
		out("LV Status              suspended");
	else if (r->known)
		out("LV Status              %savailable%s", r->exists ? "" : "NOT ",
		    vol_lv_is_partial(r->lv) ? " (partial)" : "");
	if (r->exists)
		out("# open                 %d", r->st.open_count);
}

static void show_read_ahead(const struct lv_row *r)
{
	int64_t ra = vol_lv_read_ahead(r->lv);

	if (ra < 0)
		out("Read ahead sectors     auto");
	else
		out("Read ahead sectors     %lld", (long long)ra);
	if (r->exists && r->st.read_ahead >= 0 && r->st.read_ahead != ra)
		out("- currently set to     %lld", (long long)r->st.read_ahead);
}

/* Is snapshot @lv active, as lvm2's lvdisplay says (a dropped one is not)? */
static bool snap_active(const struct vol_lv *lv)
{
	struct vol_snapshot_status st;

	return !vol_lv_snapshot_status(lv, &st) && !st.invalid;
}

/* lvm2's snapshot status line(s) of an origin or a snapshot. */
static void show_snapshot_status(const struct lv_row *r)
{
	if (r->is_origin) {
		out("LV snapshot status     source of");
		for (struct vol_lv *s = NULL; (s = vol_lv_next_snapshot(r->lv, s));)
			out("                       %s [%s]", vol_lv_name(s),
			    r->exists && snap_active(s) ? "active" : "INACTIVE");
	} else if (r->is_snap) {
		out("LV snapshot status     %s destination for %s",
		    r->snap && !r->snap->invalid ? "active" : "INACTIVE",
		    vol_lv_name(vol_lv_snapshot_origin(r->lv)));
	}
}

/* A snapshot's COW lines, after its origin's size and extents. */
static void show_cow(const struct lv_row *r)
{
	char buf[48];

	fmt_size_long(vol_lv_size(r->lv), buf, sizeof(buf));
	out("COW-table size         %s", buf);
	out("COW-table LE           %llu", (unsigned long long)vol_lv_extent_count(r->lv));
	if (r->snap && !r->snap->invalid && r->snap->percent >= 0) {
		fmt_percent(r->snap->percent, buf, sizeof(buf));
		out("Allocated to snapshot  %s%%", buf);
	}
	fmt_size_long(vol_lv_snapshot_chunk_size(r->lv), buf, sizeof(buf));
	out("Snapshot chunk size    %s", buf);
}

static void show_full(const struct lv_row *r)
{
	const struct vol_lv *lv = r->lv;
	const struct vol_lv *sized = r->is_snap ? vol_lv_snapshot_origin(lv) : lv;
	const char *vg = vol_vg_name(vol_lv_vg(lv));
	char size[48], when[32];

	fmt_size_long(vol_lv_size(sized), size, sizeof(size));
	lv_time_text(lv, when, sizeof(when));
	out("--- Logical volume ---");
	if (vol_lv_is_visible(lv)) {
		out("LV Path                %s", vol_lv_path(lv));
		out("LV Name                %s", vol_lv_name(lv));
	} else {
		out("Internal LV Name       %s", vol_lv_name(lv));
	}
	out("VG Name                %s", vg);
	out("LV UUID                %s", vol_lv_uuid(lv));
	out("LV Write Access        %s", access_text(r));
	out("LV Creation host, time %s, %s", vol_lv_creation_host(lv), when);
	show_snapshot_status(r);
	show_status(r);
	out("LV Size                %s", size);
	out("Current LE             %llu", (unsigned long long)vol_lv_extent_count(sized));
	if (r->is_snap)
		show_cow(r);
	if (!strcmp(vol_lv_segtype(lv), "raid1") || !strcmp(vol_lv_segtype(lv), "mirror")) {
		struct vol_seg_info s;

		if (!vol_lv_segment(lv, 0, &s))
			out("Mirrored volumes       %u", s.areas);
	}
	out("Segments               %zu", vol_lv_segment_count(lv));
	out("Allocation             %s", vol_alloc_name(vol_lv_alloc(lv)));
	show_read_ahead(r);
	if (vol_lv_minor(lv) >= 0) {
		if (vol_lv_major(lv) >= 0)
			out("Persistent major       %lld", (long long)vol_lv_major(lv));
		out("Persistent minor       %lld", (long long)vol_lv_minor(lv));
	}
	if (r->exists)
		out("Block device           %u:%u", r->st.major, r->st.minor);
	out(" ");
}

/* lv_row_init()'s room for a raid or snapshot status: one row at a time
 * here, and an LV has one or the other. */
union row_room {
	struct vol_raid_status raid;
	struct vol_snapshot_status snap;
};

static void *one_room(void *usr, size_t size)
{
	return size <= sizeof(union row_room) ? usr : NULL;
}

void lvdisplay_vg(struct vol_vg *vg)
{
	union row_room room;
	struct lv_row r;

	for (struct vol_lv *lv = vol_vg_next_lv(vg, NULL, VOL_LV_VISIBLE); lv;
	     lv = vol_vg_next_lv(vg, lv, VOL_LV_VISIBLE)) {
		lv_row_init(&r, lv, one_room, &room);
		show_full(&r);
	}
}

/* -c: /dev/VG/LV:VG:ACCESS:ACTIVE:-1:OPEN:SECTORS:LE:-1:ALLOC:READAHEAD:MAJOR:MINOR */
static void show_colons(const struct lv_row *r)
{
	const struct vol_lv *lv = r->lv;
	const char *vg = vol_vg_name(vol_lv_vg(lv));
	int access = (vol_lv_is_read_only(lv) ? 1 : 3) | (r->exists && r->st.read_only ? 4 : 0);

	out("/dev/%s/%s:%s:%d:%d:-1:%d:%llu:%llu:-1:%d:%lld:%lld:%lld", vg, vol_lv_name(lv), vg,
	    access, r->exists, r->exists ? r->st.open_count : 0,
	    (unsigned long long)(vol_lv_size(lv) / 512),
	    (unsigned long long)vol_lv_extent_count(lv),
	    vol_lv_alloc(lv) == VOL_ALLOC_CONTIGUOUS ? 2 : 0, (long long)vol_lv_read_ahead(lv),
	    r->exists ? (long long)r->st.major : -1ll, r->exists ? (long long)r->st.minor : -1ll);
}

/* The LVs the arguments name (every visible one, or every one with -a),
 * each shown by @show.  Returns an exit code. */
static int for_each_lv_row(struct cli *c, char **argv, int argc, bool all,
			   void (*show)(const struct lv_row *r, unsigned flags), unsigned flags)
{
	struct args a = { argv, argc, NULL, all, false, false };
	struct rowset rs = { 0 };
	int r;

	if (!(a.seen = calloc((size_t)argc + 1, sizeof(*a.seen))))
		return EXIT_FAILED;
	r = report_collect(c, REPORT_LV, &a, &rs);
	for (size_t i = 0; i < rs.n; i++)
		show(rs.v[i].lv, flags);
	rowset_free(&rs);
	free(a.seen);
	return cli_exit(r);
}

enum { SHOW_MAPS = 1, SHOW_COLONS = 2 };

static void show_lvdisplay(const struct lv_row *r, unsigned flags)
{
	if (flags & SHOW_COLONS) {
		show_colons(r);
		return;
	}
	show_full(r);
	if (flags & SHOW_MAPS)
		show_segments(r->lv, r->known);
}

enum { OPT_LV_UNITS = OPT_FIRST_CMD + 0x61 };

/* --units: the unit of the sizes shown.  0 or EXIT_INVALID. */
static int display_units(struct cli *c, const char *arg)
{
	uint64_t factor;
	char unit;

	if (parse_units_factor(arg, &unit, &factor))
		return cli_usage_error(c, "Invalid units specification");
	fmt_set_display_units(unit, factor);
	return 0;
}

static const struct option lvdisplay_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "maps", no_argument, NULL, 'm' },
	{ "colon", no_argument, NULL, 'c' },
	{ "units", required_argument, NULL, OPT_LV_UNITS },
	{ NULL, 0, NULL, 0 },
};

int cmd_lvdisplay(struct cli *c, int argc, char **argv)
{
	unsigned flags = 0;
	bool all = false;
	int opt, r;

	if ((r = cli_display_columns(c, argc, argv, REPORT_LV)) >= 0)
		return r;
	while ((opt = cli_getopt(c, argc, argv, "amc", lvdisplay_opts)) != -1) {
		if (opt == 'a')
			all = true;
		else if (opt == 'm')
			flags |= SHOW_MAPS;
		else if (opt == 'c')
			flags |= SHOW_COLONS;
		else if (opt != OPT_LV_UNITS)
			return EXIT_INVALID;
		else if ((r = display_units(c, optarg)))
			return r;
	}
	if (flags == (SHOW_MAPS | SHOW_COLONS))
		return cli_usage_error(c, "Options -c and -m are incompatible.");
	return for_each_lv_row(c, argv + optind, argc - optind, all, show_lvdisplay, flags);
}

/* ---------------------------------------------------------------- lvscan */

static void show_lvscan(const struct lv_row *r, unsigned flags)
{
	const struct vol_lv *lv = r->lv;
	char size[48];

	bool active = r->exists && (!r->is_snap || (r->snap && !r->snap->invalid));

	(void)flags;
	fmt_size_long(vol_lv_size(lv), size, sizeof(size));
	out("%s %s '/dev/%s/%s' [%s] %s", active ? "ACTIVE  " : "inactive",
	    r->is_origin ? "Original" : r->is_snap ? "Snapshot" : "        ",
	    vol_vg_name(vol_lv_vg(lv)), vol_lv_name(lv), size, vol_alloc_name(vol_lv_alloc(lv)));
}

static const struct option lvscan_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "blockdevice", no_argument, NULL, 'b' },	/* "no longer used" in lvm2 too */
	{ NULL, 0, NULL, 0 },
};

int cmd_lvscan(struct cli *c, int argc, char **argv)
{
	bool all = false;
	int opt;

	while ((opt = cli_getopt(c, argc, argv, "ab", lvscan_opts)) != -1) {
		if (opt != 'a' && opt != 'b')
			return EXIT_INVALID;
		all |= opt == 'a';
	}
	if (optind < argc) {
		err("Command does not accept argument: %s.", argv[optind]);
		return EXIT_INVALID;
	}
	return for_each_lv_row(c, NULL, 0, all, show_lvscan, 0);
}
