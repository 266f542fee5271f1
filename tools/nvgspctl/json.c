// SPDX-License-Identifier: GPL-2.0-only
/*
 * json.c - nvgspctl's JSON output, on json-c: small helpers that add one
 * member to an object, and the printer every --json output goes through.
 */
#include <stdlib.h>
#include <string.h>

#include "nvgspctl.h"

/* Set when a member could not be made: the output would be incomplete. */
static bool json_oom;

/* @member into @obj; a NULL one (out of memory) is remembered, not added. */
void nvgspctl_json_add(struct json_object *obj, const char *key, struct json_object *member)
{
	if (!obj || !member || json_object_object_add(obj, key, member)) {
		json_object_put(member);
		json_oom = true;
	}
}

void nvgspctl_json_append(struct json_object *arr, struct json_object *member)
{
	if (!arr || !member || json_object_array_add(arr, member)) {
		json_object_put(member);
		json_oom = true;
	}
}

/* Length of the valid UTF-8 sequence at @s, 0 if there is none. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/*
 * JSON strings are Unicode; file names and sysfs contents are bytes. Valid
 * UTF-8 goes through as it is; any other byte is taken as Latin-1 (U+0080 ..
 * U+00FF), so the output stays valid JSON and names the byte.
 */
struct json_object *nvgspctl_json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct json_object *obj;
	size_t i, n, o = 0;
	char *buf;

	if (!s)
		return NULL;
	for (i = 0; p[i]; i += n) {
		n = utf8_len(p + i);
		if (!n)
			break;
	}
	if (!p[i])
		return json_object_new_string(s);
	buf = malloc(2 * strlen(s) + 1);
	if (!buf)
		return NULL;
	for (i = 0; p[i]; i += n) {
		n = utf8_len(p + i);
		if (n) {
			memcpy(buf + o, p + i, n);
			o += n;
		} else {
			buf[o++] = (char)(0xc0 | p[i] >> 6);
			buf[o++] = (char)(0x80 | (p[i] & 0x3f));
			n = 1;
		}
	}
	buf[o] = '\0';
	obj = json_object_new_string(buf);
	free(buf);
	return obj;
}

void nvgspctl_json_add_str(struct json_object *obj, const char *key, const char *val)
{
	if (!val) {	/* json-c's null is a NULL member */
		if (!obj || json_object_object_add(obj, key, NULL))
			json_oom = true;
		return;
	}
	nvgspctl_json_add(obj, key, nvgspctl_json_string(val));
}

void nvgspctl_json_add_u64(struct json_object *obj, const char *key, unsigned long long val)
{
	nvgspctl_json_add(obj, key, json_object_new_uint64(val));
}

void nvgspctl_json_add_bool(struct json_object *obj, const char *key, bool val)
{
	nvgspctl_json_add(obj, key, json_object_new_boolean(val));
}

void nvgspctl_json_add_hex(struct json_object *obj, const char *key, unsigned int digits,
			   unsigned long long val)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*llx", (int)digits, val);
	nvgspctl_json_add(obj, key, json_object_new_string(buf));
}

int nvgspctl_json_print(struct json_object *obj)
{
	const char *s = obj && !json_oom ? json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_SPACED |
							     JSON_C_TO_STRING_NOSLASHESCAPE) : NULL;
	int ret = 0;

	if (!s) {
		fprintf(stderr, "nvgspctl: out of memory writing JSON\n");
		ret = NVGSPCTL_EXIT_FAIL;
	} else if (puts(s) == EOF || fflush(stdout)) {
		fprintf(stderr, "nvgspctl: cannot write the JSON output\n");
		ret = NVGSPCTL_EXIT_FAIL;
	}
	json_object_put(obj);
	return ret;
}
