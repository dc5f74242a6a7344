/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvck: the label and metadata areas of a PV, checked or dumped in the
 * layout of lvm2's pvck --dump (headers, metadata, metadata_all,
 * metadata_area, metadata_search), with lvm2's --settings for the search;
 * or repaired (--repair, --repairtype) from a metadata file.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

enum { OPT_DUMP = OPT_FIRST_CMD, OPT_SETTINGS, OPT_REPAIR, OPT_REPAIRTYPE };

static const struct option pvck_opts[] = {
	{ "dump", required_argument, NULL, OPT_DUMP },
	{ "file", required_argument, NULL, 'f' },
	{ "pvmetadatacopies", required_argument, NULL, OPT_MDCOPIES },
	{ "settings", required_argument, NULL, OPT_SETTINGS },
	{ "repair", no_argument, NULL, OPT_REPAIR },
	{ "repairtype", required_argument, NULL, OPT_REPAIRTYPE },
	{ "labelsector", required_argument, NULL, OPT_LABELSECTOR },
	{ NULL, 0, NULL, 0 },
};

#define ONE_MIB (1024u * 1024u)

/* --settings "key=value ...": lvm2's keys for finding metadata by hand
 * and for repairing headers. */
struct settings {
	unsigned mda_num;	/* 0: not given */
	uint64_t mda_offset, mda_size, mda2_offset, mda2_size, metadata_offset;
	uint32_t seqno;
	struct vol_repair_settings rs;	/* given bits, device_size, data_offset, pv_uuid */
};

enum { K_MDA_OFFSET, K_MDA_SIZE, K_MDA2_OFFSET, K_MDA2_SIZE, K_METADATA_OFFSET, K_DEVICE_SIZE,
       K_DATA_OFFSET, K_MDA_NUM, K_SEQNO, K_PV_UUID, K_BACKUP_FILE, N_KEYS };

static const char *const setting_keys[N_KEYS] = {
	"mda_offset", "mda_size", "mda2_offset", "mda2_size", "metadata_offset", "device_size",
	"data_offset", "mda_num", "seqno", "pv_uuid", "backup_file",
};

static int one_setting(struct settings *s, unsigned k, const char *val)
{
	uint64_t *num[] = { &s->mda_offset, &s->mda_size, &s->mda2_offset, &s->mda2_size,
			    &s->metadata_offset, &s->rs.device_size, &s->rs.data_offset };
	static const unsigned bit[] = { VOL_RS_MDA_OFFSET, VOL_RS_MDA_SIZE, VOL_RS_MDA2_OFFSET,
					VOL_RS_MDA2_SIZE, 0, VOL_RS_DEVICE_SIZE, VOL_RS_DATA_OFFSET };
	char *end;
	unsigned long long v = strtoull(val, &end, 10);

	if (k == K_BACKUP_FILE)
		return 0;	/* only for --dump backup_to_raw, which we do not have */
	if (k == K_PV_UUID) {
		if (strlen(val) >= sizeof(s->rs.pv_uuid)) {
			err("Failed to parse UUID from pv_uuid setting.");
			return -1;
		}
		strcpy(s->rs.pv_uuid, val);	/* checked by vol_pv_repair */
		s->rs.given |= VOL_RS_PV_UUID;
		return 0;
	}
	if (!*val || *end || val[0] == '-')
		return -1;
	if (k < K_MDA_NUM) {
		*num[k] = v;
		s->rs.given |= bit[k];
	} else if (k == K_MDA_NUM && (v == 1 || v == 2))
		s->mda_num = (unsigned)v;
	else if (k == K_SEQNO && v <= UINT32_MAX)
		s->seqno = (uint32_t)v;
	else
		return -1;
	return 0;
}

static int parse_settings(char *arg, struct settings *s)
{
	char *save = NULL;

	for (char *kv = strtok_r(arg, " ", &save); kv; kv = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(kv, '=');
		unsigned k = 0;

		if (eq)
			*eq = 0;
		while (k < N_KEYS && strcmp(kv, setting_keys[k]))
			k++;
		if (k == N_KEYS || !eq || !eq[1] || one_setting(s, k, eq + 1)) {
			err("Invalid setting: %s", kv);	/* lvm2's words and status */
			return EXIT_FAILED;
		}
	}
	s->rs.mda_offset = s->mda_offset;
	s->rs.mda_size = s->mda_size;
	s->rs.mda2_offset = s->mda2_offset;
	s->rs.mda2_size = s->mda2_size;
	s->rs.mda_num = s->mda_num;
	return 0;
}

/* A new file, as lvm2 makes it: one already there is not written over. */
static FILE *new_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f) {
		if (fd >= 0)
			close(fd);
		err("Failed to create file %s", path);
	}
	return f;
}

/* ---------------------------------------------------------------- --dump headers, metadata */

/* Both note whether the last line was lvm2's "zero metadata copies". */
static void dump_none(const char *line, void *usr)
{
	*(bool *)usr = !strcmp(line, "zero metadata copies");
}

static void dump_line(const char *line, void *usr)
{
	dump_none(line, usr);
	printf("  %s\n", line);
}

/* The "metadata text at ..." line of area @mda in the headers dump. */
struct text_line {
	char want[32];
	bool in;
	char line[256];
};

static void find_text_line(const char *line, void *usr)
{
	struct text_line *t = usr;

	if (!strncmp(line, "mda_header_", 11) && !strncmp(line + 12, " at ", 4))
		t->in = !strncmp(line, t->want, strlen(t->want));
	else if (t->in && !t->line[0] && !strncmp(line, "metadata text at ", 17))
		snprintf(t->line, sizeof(t->line), "%s", line);
}

static int dump_metadata(struct cli *c, const char *dev, const char *file, unsigned mda)
{
	struct text_line tl = { .in = false };
	char *text;
	size_t len;
	int r = vol_dump_metadata(c->ctx, dev, mda, &text, &len);

	if (r && r != -EBADMSG)
		return cli_exit(r);
	if (r == -EBADMSG)
		err("CHECK: metadata text on %s does not match its checksum", dev);
	if (!text)
		return EXIT_OK;	/* no area, or nothing committed: nothing to show */
	snprintf(tl.want, sizeof(tl.want), "mda_header_%u at ", mda + 1);
	vol_dump_headers(c->ctx, dev, find_text_line, &tl);
	if (tl.line[0])
		out("%s", tl.line);
	if (file) {
		FILE *f = new_file(file);

		if (!f || fwrite(text, 1, len, f) != len || fclose(f)) {
			free(text);
			return EXIT_FAILED;
		}
	} else {
		printf("  ---\n");
		fwrite(text, 1, len, stdout);
		printf("\n  ---\n");
	}
	free(text);
	return r ? EXIT_FAILED : EXIT_OK;
}

/* ---------------------------------------------------------------- metadata_all, _area, _search */

struct found {
	FILE *f;
	unsigned count;
	char first_id[40];
	bool many_vgs;
};

static void print_copy(const struct vol_md_copy *c, void *usr)
{
	struct found *fd = usr;

	if (!fd->first_id[0])
		snprintf(fd->first_id, sizeof(fd->first_id), "%s", c->id);
	else if (strcmp(fd->first_id, c->id))
		fd->many_vgs = true;
	out("metadata at %" PRIu64 " length %" PRIu64 " crc %08x vg %s seqno %" PRIu32 " id %s",
	    c->offset, c->len, c->crc, c->vgname, c->seqno, c->id);
	if (!c->parses)
		err("WARNING: parse error for metadata at %" PRIu64, c->offset);
	if (c->bad_end)
		err("WARNING: unexpected terminating bytes for metadata at %" PRIu64, c->offset);
	if (fd->f)
		fprintf(fd->f, "%s%s", fd->count ? "\n--\n" : "", c->text);
	fd->count++;
}

static int search(struct cli *c, const char *dev, const char *file, uint64_t off, uint64_t size,
		  const struct settings *s)
{
	struct found fd = { .f = NULL };
	int r;

	if (file && !(fd.f = new_file(file)))
		return EXIT_FAILED;
	r = vol_dump_search(c->ctx, dev, off, size, s->metadata_offset, s->seqno, print_copy, &fd);
	if (fd.many_vgs)
		err("WARNING: metadata from multiple VGs was found.");
	if (fd.f && fclose(fd.f))
		r = r ? r : -EIO;
	return cli_exit(r);
}

/* The bytes of the area, its last 512 left out, into @file (lvm2's layout). */
static int dump_area(struct cli *c, const char *dev, const char *file, uint64_t off,
		     uint64_t size)
{
	unsigned char *buf;
	FILE *f;
	int r;

	if (!file)
		return cli_usage_error(c, "--dump metadata_area needs -f FILE.");
	if ((r = vol_dump_read(c->ctx, dev, off, size, &buf)))
		return cli_exit(r);
	r = (f = new_file(file)) && (size <= 512 || fwrite(buf, size - 512, 1, f) == 1);
	if (f && fclose(f))
		r = 0;
	free(buf);
	return r ? EXIT_OK : EXIT_FAILED;
}

/* metadata_all and metadata_area: area @mda (1 or 2) as the PV header lists it. */
static int dump_listed(struct cli *c, const char *dev, const char *dump, const char *file,
		       unsigned mda, const struct settings *s)
{
	uint64_t off[2], size[2], devsize;
	unsigned n;

	/* no label (lvm2 adds CHECK lines about it): no areas */
	vol_dump_mda_locations(c->ctx, dev, off, size, &n, &devsize);
	if (!n) {
		out("zero metadata copies");
		return EXIT_OK;
	}
	if (mda > n) {
		out("CHECK: second mda not found");
		err("Found bad header or metadata values.");
		return EXIT_FAILED;
	}
	if (!strcmp(dump, "metadata_area"))
		return dump_area(c, dev, file, off[mda - 1], size[mda - 1]);
	return search(c, dev, file, off[mda - 1], size[mda - 1], s);
}

/* metadata_search with --settings: the area they give, completed from the
 * PV header or lvm2's defaults as lvm2 completes it.  0, or an exit code. */
static int area_from_settings(const struct settings *s, const uint64_t size[2], unsigned n,
			      uint64_t tail, unsigned *mda, uint64_t *o, uint64_t *z)
{
	*mda = s->mda_num;
	if (s->mda_offset || s->mda_size) {
		*o = s->mda_offset;
		*z = s->mda_size;
		if (*o && *z)
			return 0;
		if (!*mda) {
			err("Specify at least two values from: mda_num, mda_offset, mda_size.");
			return EXIT_FAILED;
		}
		if (!*z)
			*z = n >= *mda ? size[*mda - 1] : *mda == 1 ? ONE_MIB - 4096 : tail - *o;
		if (!*o)
			*o = *mda == 1 ? 4096 : tail - *z;
		if (s->mda2_offset || s->mda2_size)
			out("Ignoring mda2 values from settings.");
		return 0;
	}
	/* lvm2 reads mda2_size nowhere here: mda2_offset and mda_num it needs */
	if (!s->mda2_offset || !*mda) {
		err("Specify at least two values from: mda_num, mda2_offset, mda2_size.");
		return EXIT_FAILED;
	}
	if (*mda == 1) {
		err("Invalid mda_num=1 and mda2 settings.");
		return EXIT_FAILED;
	}
	*o = s->mda2_offset;
	*z = n > 1 ? size[1] : tail - *o;
	return 0;
}

/* metadata_search: the area from the settings, the PV header or lvm2's
 * defaults (the first MiB after 4 KiB; the last whole MiB of the device). */
static int dump_search(struct cli *c, const char *dev, const char *file, unsigned mda,
		       const struct settings *s)
{
	uint64_t off[2] = { 0 }, size[2] = { 0 }, devsize, o, z, tail;
	unsigned n = 0;
	int r;

	vol_dump_mda_locations(c->ctx, dev, off, size, &n, &devsize);
	tail = devsize - devsize % ONE_MIB;
	if (s->mda_offset || s->mda_size || s->mda2_offset || s->mda2_size) {
		if ((r = area_from_settings(s, size, n, tail, &mda, &o, &z)))
			return r;
	} else if (n >= mda) {
		o = off[mda - 1];
		z = size[mda - 1];
	} else {
		o = mda == 1 ? 4096 : tail - ONE_MIB;
		z = mda == 1 ? ONE_MIB - 4096 : devsize - o;
		out("Using %s mda: offset %" PRIu64 " size %" PRIu64 ".", mda == 1 ?
		    "common defaults for first" : "defaults for second", o, z);
		out("Override defaults with --settings \"mda_offset=<bytes> mda_size=<bytes>\"");
	}
	if (mda && n >= mda && (off[mda - 1] != o || size[mda - 1] != z))
		out("Ignoring mda%u_offset %" PRIu64 " mda%u_size %" PRIu64 " from pv_header.", mda,
		    off[mda - 1], mda, size[mda - 1]);
	out("Searching for metadata at offset %" PRIu64 " size %" PRIu64, o, z);
	return search(c, dev, file, o, z, s);
}

/* ---------------------------------------------------------------- --repair, --repairtype */

static const char *const repairtypes[] = { "label_header", "pv_header", "metadata" };

/* The parts --repairtype names (0: not one of them); --repair: two parts. */
static unsigned repair_parts(const char *type)
{
	if (!type)
		return VOL_REPAIR_PV_HEADER | VOL_REPAIR_METADATA;
	for (unsigned k = 0; k < 3; k++)
		if (!strcmp(type, repairtypes[k]))
			return 1u << k;
	return 0;
}

static int pvck_repair(struct cli *c, const char *dev, unsigned parts, const char *file,
		       struct settings *s)
{
	struct stat st;

	if (stat(dev, &st) || !S_ISBLK(st.st_mode)) {	/* lvm2's words */
		err("Cannot access device %s.", dev);
		err("Failed to set up device %s.", dev);
		return EXIT_FAILED;
	}
	return cli_exit(vol_pv_repair(c->ctx, dev, parts, file, &s->rs));
}

/* ---------------------------------------------------------------- the command */

static const char *const dumps[] = { "headers", "metadata", "metadata_all", "metadata_area",
				     "metadata_search" };

static int pvck_one(struct cli *c, const char *dump, const char *dev, const char *file,
		    unsigned mda, const struct settings *s)
{
	bool zero = false;
	int r;

	if (dump && !strcmp(dump, "metadata"))
		return dump_metadata(c, dev, file, mda - 1);
	if (dump && !strcmp(dump, "metadata_search"))
		return dump_search(c, dev, file, mda, s);
	if (dump && strcmp(dump, "headers"))
		return dump_listed(c, dev, dump, file, mda, s);
	r = vol_dump_headers(c->ctx, dev, dump ? dump_line : dump_none, &zero);
	if (dump && r && zero)
		return EXIT_OK;	/* lvm2's pvck stops at no metadata area, content */
	if (r == -ENOENT)
		err("No label found on %s.", dev);
	if (!dump && !r)
		out("Found label on %s, and valid headers and metadata.", dev);
	if (r == -EBADMSG && dump)
		err("Found bad header or metadata values.");	/* lvm2's words */
	else if (r == -EBADMSG)
		err("Found bad header or metadata values on %s.", dev);
	return cli_exit(r);
}

int cmd_pvck(struct cli *c, int argc, char **argv)
{
	const char *dump = NULL, *file = NULL, *rtype = NULL;
	struct settings s = { 0 };
	bool repair = false;
	char *end;
	unsigned mda = 0;
	int opt, rc = EXIT_OK, r;

	while ((opt = cli_getopt(c, argc, argv, "f:", pvck_opts)) != -1) {
		if (opt == OPT_DUMP)
			dump = optarg;
		else if (opt == 'f')
			file = optarg;
		else if (opt == OPT_MDCOPIES && (!strcmp(optarg, "1") || !strcmp(optarg, "2")))
			mda = (unsigned)(optarg[0] - '0');	/* which area: lvm2's spelling */
		else if (opt == OPT_MDCOPIES)
			return cli_usage_error(c, "Invalid argument for --pvmetadatacopies: %s (1 or 2)",
					       optarg);
		else if (opt == OPT_SETTINGS && (r = parse_settings(optarg, &s)))
			return r;
		else if (opt == OPT_REPAIR)
			repair = true;
		else if (opt == OPT_REPAIRTYPE && !repair_parts(optarg)) {
			err("Invalid argument for --repairtype: %s", optarg);	/* lvm2's words */
			return cli_usage_error(c, "Error during parsing of command line.");
		} else if (opt == OPT_REPAIRTYPE)
			rtype = optarg;
		else if (opt == OPT_LABELSECTOR &&
			 ((s.rs.labelsector = strtoull(optarg, &end, 10)) > 3 || *end || !*optarg))
			return cli_usage_error(c, "Invalid argument for --labelsector: %s (0 to 3)",
					       optarg);
		else if (opt != OPT_SETTINGS && opt != OPT_LABELSECTOR)
			return EXIT_INVALID;
	}
	if ((repair && (dump || rtype || !file)) || (rtype && dump))	/* lvm2's words */
		return cli_usage_error(c, "Command does not accept option: --%s.",
				       repair ? "repair" : "repairtype");
	if (optind >= argc)
		return cli_usage_error(c, "Please enter a device path.");
	for (size_t k = 0; dump; k++)
		if (k == sizeof(dumps) / sizeof(dumps[0]))
			return cli_usage_error(c, "Unknown --dump value %s (headers, metadata, "
					       "metadata_all, metadata_area, metadata_search).", dump);
		else if (!strcmp(dump, dumps[k]))
			break;
	if ((repair || rtype) && argc - optind > 1)
		return cli_usage_error(c, "Command does not accept argument: %s.", argv[optind + 1]);
	if (repair || rtype)
		return pvck_repair(c, argv[optind], repair_parts(rtype), file, &s);
	if (file && (!dump || !strcmp(dump, "headers")))
		return cli_usage_error(c, "-f FILE goes with --dump metadata*.");
	if (dump && argc - optind > 1)	/* lvm2's words */
		return cli_usage_error(c, "Command does not accept argument: %s.", argv[optind + 1]);
	/* --settings mda_num comes first, then --pvmetadatacopies (lvm2's order) */
	mda = s.mda_num ? s.mda_num : mda ? mda : 1;
	for (int i = optind; i < argc; i++)
		if ((r = pvck_one(c, dump, argv[i], file, mda, &s)) && rc == EXIT_OK)
			rc = r;
	return rc;
}
