/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_os_user_lib.h - the kernel library names the portable core uses,
 * over libc, for userspace builds (unit tests, tools, gpusim, fuzzing).
 *
 * The core is written in kernel C: memcpy()/memset()/memcmp(), va_list,
 * ARRAY_SIZE(), get_unaligned_le32() and friends, struct lock_class_key,
 * DEFINE_RATELIMIT_STATE(), smp_store_release()/smp_load_acquire(). In nvgsp.ko those come
 * from the kernel's own headers (see nvgsp_os.h); here they come from libc
 * or are defined as the kernel defines them. Included by nvgsp_os.h only.
 */
#ifndef NVGSP_OS_USER_LIB_H
#define NVGSP_OS_USER_LIB_H

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "nvgsp_os_types.h"

/* As the kernel's: 0, or a build error when @a is a pointer, not an array. */
#define __nvgsp_must_be_array(a) \
	((int)sizeof(struct { int : (-!!__builtin_types_compatible_p(__typeof__(a), \
								     __typeof__(&(a)[0]))); }))

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]) + __nvgsp_must_be_array(a))
#endif

/*
 * A lock class, as nvgsp_os_mutex_create() declares one per call site
 * (lockdep's key in the kernel); userspace records which class a mutex has.
 */
struct lock_class_key {
	char unused;
};

/**
 * struct ratelimit_state - one call site's message limiter, as the kernel's
 * (nvgsp_os_log_ratelimited()), over the OS layer's clock.
 * @interval_ns: the window.
 * @burst: messages let through per window.
 * @started: a window has started.
 * @begin_ns: when the current window started.
 * @printed: messages let through in it.
 * @missed: messages dropped in it.
 */
struct ratelimit_state {
	u64 interval_ns;
	int burst;
	bool started;
	u64 begin_ns;
	int printed;
	int missed;
};

/* The kernel's defaults: 10 messages per 5 s (5 * HZ there). */
#define DEFAULT_RATELIMIT_INTERVAL	(5 * 1000000000ull)
#define DEFAULT_RATELIMIT_BURST		10

#define DEFINE_RATELIMIT_STATE(name, interval, burst_init) \
	struct ratelimit_state name = { .interval_ns = (interval), .burst = (burst_init) }

/*
 * A store that orders every earlier store before it, and the load that
 * pairs with it, as the kernel's (a word written under a lock and read
 * without it).
 */
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
/* A word written under a lock and read without it, no ordering implied. */
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)

/* Little-endian loads and stores at any alignment, on any host. */
static inline u16 get_unaligned_le16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] | (b[1] << 8));
}

static inline u32 get_unaligned_le32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] | ((u32)b[1] << 8) | ((u32)b[2] << 16) | ((u32)b[3] << 24);
}

static inline u64 get_unaligned_le64(const void *p)
{
	const u8 *b = p;

	return (u64)get_unaligned_le32(b) | ((u64)get_unaligned_le32(b + 4) << 32);
}

static inline void put_unaligned_le16(u16 v, void *p)
{
	u8 *b = p;

	b[0] = v & 0xff;
	b[1] = v >> 8;
}

static inline void put_unaligned_le32(u32 v, void *p)
{
	u8 *b = p;

	b[0] = v & 0xff;
	b[1] = (v >> 8) & 0xff;
	b[2] = (v >> 16) & 0xff;
	b[3] = v >> 24;
}

static inline void put_unaligned_le64(u64 v, void *p)
{
	u8 *b = p;

	put_unaligned_le32((u32)v, b);
	put_unaligned_le32((u32)(v >> 32), b + 4);
}

#endif /* NVGSP_OS_USER_LIB_H */
