/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_fw_blob.h - a firmware file in memory, bounds-checked little-endian
 * reads from it, and the diagnostic every parser fills on failure.
 *
 * Portable core. Firmware files are untrusted input: every offset, size and
 * count read from one is checked before use, with overflow-safe arithmetic,
 * and values are read with get_unaligned_le32() and friends (sections sit
 * at unaligned offsets, so nothing is ever cast in place).
 */
#ifndef NVGSP_FW_BLOB_H
#define NVGSP_FW_BLOB_H

#include "nvgsp_os.h"

/**
 * struct nvgsp_fw_blob - a firmware file's bytes.
 * @name: the path it was requested as, e.g. "nvidia/ga102/gsp/gsp-570.144.bin",
 *        for messages.
 * @data: the bytes; never written.
 * @size: their number.
 */
struct nvgsp_fw_blob {
	const char *name;
	const u8 *data;
	size_t size;
};

/**
 * struct nvgsp_fw_section - where a section's bytes lie in the file.
 * @offset: from the start of the file.
 * @size: in bytes; [offset, offset + size) is inside the file.
 */
struct nvgsp_fw_section {
	u64 offset;
	u64 size;
};

#define NVGSP_FW_DIAG_LEN 384

/**
 * struct nvgsp_fw_diag - why a parser refused a file.
 * @msg: one line, "<file>: <field>: <what is wrong>", naming the values.
 */
struct nvgsp_fw_diag {
	char msg[NVGSP_FW_DIAG_LEN];
};

/**
 * nvgsp_fw_fail() - fill @diag with "<blob name>: <formatted reason>".
 * @diag: destination; may be NULL (the reason is dropped).
 * @blob: the file.
 * @err: the negative errno to return.
 * @fmt: printf-style reason, starting with the field's name.
 *
 * Return: @err, so parsers can write "return nvgsp_fw_fail(...)".
 */
int nvgsp_fw_fail(struct nvgsp_fw_diag *diag, const struct nvgsp_fw_blob *blob,
		  int err, const char *fmt, ...) __printf(4, 5);

/**
 * nvgsp_fw_range_ok() - whether [@off, @off + @len) lies inside @size bytes.
 * @size: the container's size.
 * @off: start offset.
 * @len: length.
 *
 * Overflow-safe for any values.
 *
 * Return: true when the range is inside.
 */
static inline bool nvgsp_fw_range_ok(u64 size, u64 off, u64 len)
{
	return off <= size && len <= size - off;
}

/**
 * nvgsp_fw_read_u32() - bounds-checked little-endian u32 from a blob.
 * @blob: the file.
 * @off: byte offset.
 * @val: set on success.
 *
 * Return: true when the 4 bytes are inside the file.
 */
static inline bool nvgsp_fw_read_u32(const struct nvgsp_fw_blob *blob, u64 off, u32 *val)
{
	if (!nvgsp_fw_range_ok(blob->size, off, 4))
		return false;
	*val = get_unaligned_le32(blob->data + off);
	return true;
}

/**
 * nvgsp_fw_str_eq() - whether two NUL-terminated strings are equal (the
 * portable core has no libc).
 * @a: one.
 * @b: the other.
 *
 * Return: true when they are equal.
 */
bool nvgsp_fw_str_eq(const char *a, const char *b);

/**
 * nvgsp_fw_str_prefix() - @s without @prefix.
 * @s: the string.
 * @prefix: what it must start with.
 *
 * Return: the rest of @s, or NULL when @s does not start with @prefix.
 */
const char *nvgsp_fw_str_prefix(const char *s, const char *prefix);

/**
 * nvgsp_fw_str_sanitize() - make a fixed-size string field from firmware
 * safe to print with %s.
 * @s: the field, rewritten in place.
 * @size: its size in bytes (the field's, not the string's).
 *
 * The string ends at its first NUL, or at the field's last byte, which is
 * then made a NUL (a field filled to the end loses its last character).
 * Every byte before the end that is not printable ASCII (0x20..0x7e) is
 * replaced with '?', so no control character or escape sequence reaches
 * the log. A @size of 0 is ignored.
 *
 * Return: the length of the resulting string, below @size.
 */
size_t nvgsp_fw_str_sanitize(u8 *s, size_t size);

/**
 * nvgsp_fw_crc32() - the IEEE 802.3 CRC-32 (as zlib's crc32()) of @len bytes.
 * @crc: the running value, 0 to start.
 * @p: the bytes.
 * @len: their number.
 *
 * Return: the updated CRC.
 */
u32 nvgsp_fw_crc32(u32 crc, const u8 *p, size_t len);

#endif /* NVGSP_FW_BLOB_H */
