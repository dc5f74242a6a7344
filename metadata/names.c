/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Name and tag rules, as lvm2 applies them. */
#include <errno.h>
#include <string.h>

#include "vg.h"

int md_name_check(const char *name, const char **why)
{
	size_t len = strlen(name);

	if (!len) {
		*why = "name is empty";
		return -EINVAL;
	}
	if (len >= MD_NAME_LEN) {
		*why = "name is longer than 127 characters";
		return -EINVAL;
	}
	if (!strcmp(name, ".") || !strcmp(name, "..")) {
		*why = "name may not be \".\" or \"..\"";
		return -EINVAL;
	}
	if (name[0] == '-') {
		*why = "name may not start with '-'";
		return -EINVAL;
	}
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '_' || c == '.' || c == '-')) {
			*why = "name may only contain a-z A-Z 0-9 + _ . -";
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * lvm2's validate_tag: only the characters; any length (lvm2 has no limit
 * but the metadata area's size), a leading '-' allowed.
 */
int md_tag_check(const char *tag, const char **why)
{
	if (!*tag) {
		*why = "tag is empty";
		return -EINVAL;
	}
	for (const char *p = tag; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("._-+/=!:&#", c))) {
			*why = "tag may only contain a-z A-Z 0-9 . _ - + / = ! : & #";
			return -EINVAL;
		}
	}
	return 0;
}

bool md_lv_name_reserved(const char *name, const char **why)
{
	static const char *const prefixes[] = { "snapshot", "pvmove" };
	static const char *const parts[] = {
		"_cdata", "_cmeta", "_corig", "_cpool", "_cvol", "_wcorig", "_mimage", "_mlog",
		"_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_imeta", "_iorig",
		"_pmspare", "_vorigin",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i]))) {
			*why = prefixes[i];
			return true;
		}
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strstr(name, parts[i])) {
			*why = parts[i];
			return true;
		}
	return false;
}
