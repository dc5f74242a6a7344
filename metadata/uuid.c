/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* LVM2 identifiers: 32 characters, shown as 6-4-4-4-4-4-6 groups. */
#include <errno.h>
#include <string.h>

#include "disk.h"

static const char uuid_chars[] =
	"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

static bool uuid_char_ok(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '!' || c == '#';
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
	static const unsigned groups[] = { 6, 4, 4, 4, 4, 4, 6 };
	unsigned in = 0, o = 0;

	for (unsigned g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		if (g)
			out[o++] = '-';
		for (unsigned k = 0; k < groups[g]; k++)
			out[o++] = raw[in++];
	}
	out[o] = '\0';
}

int md_uuid_parse(const char *text, char out[MD_UUID_LEN + 1])
{
	size_t n = 0;

	for (const char *p = text; *p; p++) {
		if (*p == '-')
			continue;
		if (n >= MD_UUID_LEN || !uuid_char_ok(*p))
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
