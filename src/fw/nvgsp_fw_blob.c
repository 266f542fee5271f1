// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_blob.c - diagnostics and checksums shared by the firmware parsers.
 */
#include "nvgsp_fw_blob.h"

int nvgsp_fw_fail(struct nvgsp_fw_diag *diag, const struct nvgsp_fw_blob *blob,
		  int err, const char *fmt, ...)
{
	char reason[NVGSP_FW_DIAG_LEN];
	va_list ap;

	if (!diag)
		return err;
	va_start(ap, fmt);
	nvgsp_os_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	nvgsp_os_snprintf(diag->msg, sizeof(diag->msg), "%s: %s",
			  blob->name ? blob->name : "(firmware)", reason);
	return err;
}

bool nvgsp_fw_str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const char *nvgsp_fw_str_prefix(const char *s, const char *prefix)
{
	while (*prefix) {
		if (*s != *prefix)
			return NULL;
		s++;
		prefix++;
	}
	return s;
}

size_t nvgsp_fw_str_sanitize(u8 *s, size_t size)
{
	size_t n;

	if (!size)
		return 0;
	for (n = 0; n < size - 1 && s[n]; n++)
		if (s[n] < 0x20 || s[n] > 0x7e)
			s[n] = '?';
	s[n] = '\0';
	return n;
}

/*
 * Bitwise CRC-32 (reflected, polynomial 0xedb88320). Firmware checksums are
 * computed once per file at probe, so a table buys nothing worth its 1 KiB.
 */
u32 nvgsp_fw_crc32(u32 crc, const u8 *p, size_t len)
{
	size_t i;
	int bit;

	crc = ~crc;
	for (i = 0; i < len; i++) {
		crc ^= p[i];
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}
