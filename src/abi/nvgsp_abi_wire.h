/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_abi_wire.h - byte-level helpers for the generated codecs.
 *
 * Portable core. Wire structs are read and written one byte at a time,
 * little-endian, so the buffers need no alignment and the host's byte order
 * does not matter. Only firmware-abi/generated/ and src/abi/ include this.
 */
#ifndef NVGSP_ABI_WIRE_H
#define NVGSP_ABI_WIRE_H

#include "nvgsp_os_types.h"

/**
 * nvgsp_abi_wire_put() - store the low @n bytes of @v, little-endian.
 * @p: destination.
 * @v: the value.
 * @n: bytes (1..8).
 */
static inline void nvgsp_abi_wire_put(u8 *p, u64 v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(v >> (8 * i));
}

/**
 * nvgsp_abi_wire_get() - load @n bytes, little-endian.
 * @p: source.
 * @n: bytes (1..8).
 *
 * Return: the value, zero-extended.
 */
static inline u64 nvgsp_abi_wire_get(const u8 *p, unsigned int n)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

/**
 * nvgsp_abi_wire_zero() - clear @n bytes.
 * @p: destination.
 * @n: bytes.
 */
static inline void nvgsp_abi_wire_zero(void *p, size_t n)
{
	u8 *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = 0;
}

/**
 * nvgsp_abi_wire_copy() - copy @n bytes.
 * @dst: destination.
 * @src: source (not overlapping @dst).
 * @n: bytes.
 */
static inline void nvgsp_abi_wire_copy(u8 *dst, const u8 *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = src[i];
}

/**
 * nvgsp_abi_wire_is_zero() - whether @n bytes are all zero.
 * @p: the bytes.
 * @n: their number.
 *
 * Return: true when they are.
 */
static inline bool nvgsp_abi_wire_is_zero(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/**
 * NVGSP_ABI_MAP() - one entry of a generated codec table (struct
 * nvgsp_abi_codec_map): neutral field @nfield of @ntype onto member
 * @wmember (a member designator, "a.b" for a nested one) of the wire type
 * @wtype. Offsets and sizes are the compiler's, of the types the generated
 * release header declares and checks with _Static_assert.
 * @how: U8, U16, U32, U64, S32, S64, BOOL or BYTES (enum nvgsp_abi_map_kind).
 * @ntype: the neutral struct type.
 * @nfield: the neutral field.
 * @wtype: the wire struct (or union) type.
 * @wmember: the wire member.
 */
#define NVGSP_ABI_MAP(how, ntype, nfield, wtype, wmember) {		\
	.wire_off = __builtin_offsetof(wtype, wmember),			\
	.wire_size = sizeof(((wtype *)0)->wmember),			\
	.neutral_off = __builtin_offsetof(ntype, nfield),		\
	.neutral_size = sizeof(((ntype *)0)->nfield),			\
	.kind = NVGSP_ABI_MAP_##how,					\
}

#endif /* NVGSP_ABI_WIRE_H */
