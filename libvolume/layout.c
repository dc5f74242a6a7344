/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Where things go on a new PV, as lvm2's pvcreate places them:
 *   label in sector 1; mda0 at 4096, grown so that it ends on the data
 *   alignment; an optional bootloader area next; pe_start aligned after
 *   that (plus the alignment offset); an optional mda1 at the end of the
 *   device, its start rounded down to the alignment.
 * Pure arithmetic, so it is unit-tested directly.
 */
#include <errno.h>
#include <string.h>

#include "layout.h"

#define DEFAULT_MDA_SIZE (2040u * SECTOR)	/* mda0 then ends at exactly 1 MiB */

static uint64_t round_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

static uint64_t round_down(uint64_t v, uint64_t a)
{
	return v / a * a;
}

/*
 * Where mda0 ends: its size rounded up to the alignment.  One that does not
 * fit below @limit (the device, less a bootloader area) shrinks silently, as
 * lvm2 shrinks it: to end on the alignment two alignments before the limit,
 * or right at the limit when there is no room for that.
 */
static uint64_t mda0_end(uint64_t mdasize, uint64_t align, uint64_t limit)
{
	if (DEFAULT_MDA_START + mdasize <= limit)
		return round_up(DEFAULT_MDA_START + mdasize, align);
	if (limit > DEFAULT_MDA_START && limit - DEFAULT_MDA_START > 2 * align)
		return round_up(limit - 2 * align, align);
	return limit;
}

/* lvm2 checks the areas as laid out, alignment included. */
static int check_areas(const struct pv_layout *l, const char **why)
{
	for (unsigned m = 0; m < l->n_mda; m++)
		if (l->mda[m].size < MD_MDA_MIN_SIZE) {
			*why = m ? "Metadata area size too small: the second area would be under "
				   "32768 bytes" : "Metadata area size too small: it must be at least "
				   "32768 bytes";
			return -EINVAL;
		}
	return 0;
}

int pv_layout_compute(const struct vol_pv_params *p, uint64_t dev_size, struct pv_layout *out,
		      const char **why)
{
	uint64_t align = p->data_alignment ? p->data_alignment : DEFAULT_ALIGN;
	uint64_t mdasize = p->metadata_size ? p->metadata_size : DEFAULT_MDA_SIZE;
	int copies = p->metadata_copies < 0 ? 1 : p->metadata_copies;
	uint64_t end;

	memset(out, 0, sizeof(*out));
	out->dev_size = dev_size;
	out->label_sector = (unsigned)p->label_sector;
	out->mda_ignored = p->metadata_ignore != 0;
	if (p->label_sector >= MD_LABEL_SCAN_SECTORS) {
		*why = "the label sector must be 0 to 3";
		return -EINVAL;
	}
	if (align % SECTOR || align > 1ull << 40) {
		*why = "data alignment must be a multiple of 512 bytes";
		return -EINVAL;
	}
	if (p->data_alignment_offset % SECTOR) {
		*why = "data alignment offset must be a multiple of 512 bytes";
		return -EINVAL;
	}
	if (copies > 2) {
		*why = "a PV holds at most 2 metadata copies";
		return -EINVAL;
	}
	if (p->bootloader_size > dev_size) {	/* lvm2's words */
		*why = "Bootloader area with data-aligned start must not exceed device size";
		return -EINVAL;
	}
	if (copies == 2 && mdasize > dev_size) {
		*why = "metadata area larger than the device";
		return -EINVAL;
	}
	mdasize = round_up(mdasize, SECTOR);
	end = DEFAULT_MDA_START;
	if (copies > 0) {
		end = mda0_end(mdasize, align, dev_size - p->bootloader_size);
		out->mda[0].offset = DEFAULT_MDA_START;
		out->mda[0].size = end - DEFAULT_MDA_START;
		out->n_mda = 1;
	} else {
		end = round_up(end, align);
	}
	if (p->bootloader_size) {
		out->ba_start = end;
		out->ba_size = round_up(p->bootloader_size, align);
		end += out->ba_size;
		if (end > dev_size) {	/* lvm2's words */
			*why = "Bootloader area with data-aligned start must not exceed device size";
			return -EINVAL;
		}
	}
	out->pe_start = end + p->data_alignment_offset;
	/* mda0 takes all the room up to what follows it, as lvm2 lays it out. */
	if (out->n_mda)
		out->mda[0].size = (out->ba_size ? out->ba_start : out->pe_start) - out->mda[0].offset;
	if (copies == 2) {
		uint64_t start = round_down(dev_size - mdasize, align);

		if (start <= out->pe_start) {
			*why = "device too small for a second metadata area";
			return -EINVAL;
		}
		out->mda[1].offset = start;
		out->mda[1].size = dev_size - start;
		out->n_mda = 2;
	}
	/* pe_start may be the very end: a PV with no extents (a bootloader
	 * area taking all the room), as lvm2 allows */
	if (out->pe_start > dev_size || (out->pe_start == dev_size && !out->ba_size)) {
		*why = "device too small for its metadata areas";
		return -EINVAL;
	}
	return check_areas(out, why);
}

/*
 * A restored PV's second area goes between the restored data's end and the
 * device's end, as lvm2 places it there: @mdasize at most (all the room
 * when it is larger), its start rounded down to the alignment when the room
 * allows.  -ENOSPC: the data reaches the device's end; -ERANGE: the room
 * left is under the minimum area size (mda[1].size says how much).
 */
int pv_layout_restore_end_mda(struct pv_layout *l, uint64_t data_end, uint64_t mdasize,
			      uint64_t align)
{
	uint64_t size = l->dev_size, grown;

	if (data_end >= size)
		return -ENOSPC;
	if (mdasize > size - data_end)
		mdasize = size - data_end;
	grown = align ? mdasize + (size - mdasize) % align : mdasize;
	if (grown < size && size - grown >= data_end)
		mdasize = grown;
	l->mda[1].offset = size - mdasize;
	l->mda[1].size = mdasize;
	l->n_mda = 2;
	return mdasize < MD_MDA_MIN_SIZE ? -ERANGE : 0;
}

uint64_t pv_layout_pe_count(const struct pv_layout *l, uint64_t extent_bytes)
{
	uint64_t end = l->dev_size;

	if (l->n_mda == 2 && l->mda[1].offset < end)
		end = l->mda[1].offset;
	if (end <= l->pe_start || !extent_bytes)
		return 0;
	return (end - l->pe_start) / extent_bytes;
}

int pv_layout_move_end_mda(struct md_label *lab, uint64_t size, const char **why)
{
	uint64_t data = lab->n_da ? lab->da[0].offset : 0;

	lab->device_size = size;
	if (lab->n_mda < 2)
		return 0;
	if (size < lab->mda[1].size || size - lab->mda[1].size < data) {
		*why = "no room for the metadata area at the end after the data start";
		return -ENOSPC;
	}
	lab->mda[1].offset = size - lab->mda[1].size;
	return 0;
}

void pv_layout_from_label(const struct md_label *lab, struct pv_layout *out)
{
	memset(out, 0, sizeof(*out));
	out->dev_size = lab->device_size;
	out->pe_start = lab->n_da ? lab->da[0].offset : 0;
	out->n_mda = lab->n_mda;
	out->label_sector = (unsigned)lab->sector;
	for (unsigned i = 0; i < lab->n_mda; i++)
		out->mda[i] = lab->mda[i];
	if (lab->n_ba) {
		out->ba_start = lab->ba[0].offset;
		out->ba_size = lab->ba[0].size;
	}
}

void pv_layout_to_label(const struct pv_layout *l, const char *uuid, bool used,
			struct md_label *out)
{
	memset(out, 0, sizeof(*out));
	out->sector = l->label_sector;
	memcpy(out->uuid, uuid, MD_UUID_LEN);
	out->device_size = l->dev_size;
	out->n_da = 1;
	out->da[0].offset = l->pe_start;
	out->da[0].size = 0;	/* "to the end of the device" */
	out->n_mda = l->n_mda;
	for (unsigned i = 0; i < l->n_mda; i++)
		out->mda[i] = l->mda[i];
	if (l->ba_size) {
		out->n_ba = 1;
		out->ba[0].offset = l->ba_start;
		out->ba[0].size = l->ba_size;
	}
	out->ext_version = MD_PV_EXT_VERSION;
	out->ext_flags = used ? MD_PV_EXT_USED : 0;
}
