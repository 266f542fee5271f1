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

/*
 * Member access for the generated codecs: member @m (a designator, "a.b"
 * for a nested one) of the release's wire type @t, at the offset and with
 * the size the compiler gives it. The wire types are layout only (declared
 * and checked with _Static_assert in nvgsp_abi_r<release>.h); bytes are
 * read and written little-endian, one at a time, through these.
 */
#define NVGSP_ABI_WOFF(t, m)	offsetof(t, m)
#define NVGSP_ABI_WSIZE(t, m)	sizeof(((t *)0)->m)
/* The largest value member @m holds (narrower than 8 bytes). */
#define NVGSP_ABI_WMAX(t, m)	(~0ULL >> (64 - 8 * NVGSP_ABI_WSIZE(t, m)))
#define NVGSP_ABI_WPUT(p, t, m, v)					\
	nvgsp_abi_wire_put((p) + NVGSP_ABI_WOFF(t, m), (v), NVGSP_ABI_WSIZE(t, m))
#define NVGSP_ABI_WGET(p, t, m)						\
	nvgsp_abi_wire_get((p) + NVGSP_ABI_WOFF(t, m), NVGSP_ABI_WSIZE(t, m))
/* All of array member @m from/to the neutral array @a (at least as long). */
#define NVGSP_ABI_WCOPY_TO(p, t, m, a)					\
	nvgsp_abi_wire_copy((p) + NVGSP_ABI_WOFF(t, m), (a), NVGSP_ABI_WSIZE(t, m))
#define NVGSP_ABI_WCOPY_FROM(a, p, t, m)				\
	nvgsp_abi_wire_copy((a), (p) + NVGSP_ABI_WOFF(t, m), NVGSP_ABI_WSIZE(t, m))
/*
 * Element @i of array member @m (for a typed neutral array: u16/u32/u64
 * elements of the same width, one little-endian value each): its size, the
 * array's element count, and one element's store and load.
 */
#define NVGSP_ABI_WESIZE(t, m)	sizeof(((t *)0)->m[0])
#define NVGSP_ABI_WCOUNT(t, m)	(NVGSP_ABI_WSIZE(t, m) / NVGSP_ABI_WESIZE(t, m))
#define NVGSP_ABI_WPUT_ELEM(p, t, m, i, v)				\
	nvgsp_abi_wire_put((p) + NVGSP_ABI_WOFF(t, m) + (i) * NVGSP_ABI_WESIZE(t, m),	\
			   (v), NVGSP_ABI_WESIZE(t, m))
#define NVGSP_ABI_WGET_ELEM(p, t, m, i)					\
	nvgsp_abi_wire_get((p) + NVGSP_ABI_WOFF(t, m) + (i) * NVGSP_ABI_WESIZE(t, m),	\
			   NVGSP_ABI_WESIZE(t, m))

#endif /* NVGSP_ABI_WIRE_H */
