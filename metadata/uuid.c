/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* LVM2 identifiers: 32 characters, shown as 6-4-4-4-4-4-6 groups. */
#include <errno.h>
#include <string.h>

#include "disk.h"

static const char uuid_chars[] =
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* The characters of an id: 0-9 a-z A-Z ! # (a table: ids are parsed per LV). */
static const bool uuid_ok[256] = {
	['!'] = 1, ['#'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
};

static bool uuid_char_ok(char c)
{
	return uuid_ok[(unsigned char)c];
}

bool md_uuid_valid(const char *raw, size_t len)
{
	if (len != MD_UUID_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!uuid_char_ok(raw[i]))
			return false;
	return true;
}

void md_uuid_format(const char raw[MD_UUID_LEN], char out[MD_UUID_STR_SIZE])
{
	/* 6-4-4-4-4-4-6 */
	memcpy(out, raw, 6);
	out[6] = '-';
	memcpy(out + 7, raw + 6, 4);
	out[11] = '-';
	memcpy(out + 12, raw + 10, 4);
	out[16] = '-';
	memcpy(out + 17, raw + 14, 4);
	out[21] = '-';
	memcpy(out + 22, raw + 18, 4);
	out[26] = '-';
	memcpy(out + 27, raw + 22, 4);
	out[31] = '-';
	memcpy(out + 32, raw + 26, 6);
	out[38] = '\0';
}

/* The hyphenated form, 6-4-4-4-4-4-6, straight: where every id of a text
 * is.  The length and the hyphens first, then the 32 characters in one
 * pass (no branch per character). */
static bool parse_hyphenated(const char *text, char out[MD_UUID_LEN + 1])
{
	unsigned char ok = 1;

	if (strnlen(text, MD_UUID_STR_SIZE) != MD_UUID_STR_SIZE - 1 || text[6] != '-' ||
	    text[11] != '-' || text[16] != '-' || text[21] != '-' || text[26] != '-' ||
	    text[31] != '-')
		return false;
	memcpy(out, text, 6);
	memcpy(out + 6, text + 7, 4);
	memcpy(out + 10, text + 12, 4);
	memcpy(out + 14, text + 17, 4);
	memcpy(out + 18, text + 22, 4);
	memcpy(out + 22, text + 27, 4);
	memcpy(out + 26, text + 32, 6);
#pragma GCC unroll 32
	for (unsigned i = 0; i < MD_UUID_LEN; i++)
		ok &= uuid_ok[(unsigned char)out[i]];
	out[MD_UUID_LEN] = '\0';
	return ok;
}

int md_uuid_parse(const char *text, char out[MD_UUID_LEN + 1])
{
	size_t n = 0;

	if (parse_hyphenated(text, out))
		return 0;

	for (const char *p = text; *p; p++) {
		if (*p == '-')
			continue;
		if (n >= MD_UUID_LEN || !uuid_ok[(unsigned char)*p])
			return -EINVAL;
		out[n++] = *p;
	}
	if (n != MD_UUID_LEN)
		return -EINVAL;
	out[n] = '\0';
	return 0;
}

void md_uuid_from_bytes(const unsigned char bytes[MD_UUID_LEN], char out[MD_UUID_LEN + 1])
{
	for (unsigned i = 0; i < MD_UUID_LEN; i++)
		out[i] = uuid_chars[bytes[i] % (sizeof(uuid_chars) - 1)];
	out[MD_UUID_LEN] = '\0';
}
