/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef VOLUME_METADATA_CRC_H
#define VOLUME_METADATA_CRC_H

#include <stddef.h>
#include <stdint.h>

/*
 * LVM2's checksum: a reflected CRC-32 (polynomial 0xEDB88320) started from
 * a fixed seed and never inverted at the end.  Chaining is done by passing
 * the previous result as the seed.
 */
#define MD_CRC_SEED 0xF597A6CFu

uint32_t md_crc(uint32_t seed, const void *buf, size_t len);

#endif
