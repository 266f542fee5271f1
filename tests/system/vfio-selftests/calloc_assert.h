/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Force-included into the VFIO selftests' build by tests/lib/vfio_selftests.sh,
 * only when the source calls calloc_assert() but none of its headers defines it:
 * Debian's linux-source-7.2 7.2.13-1 ships tools/testing/selftests/vfio/lib/
 * vfio_pci_device.c calling it (twice) with no definition anywhere in the tree,
 * so the upstream Makefile fails (-Werror=implicit-function-declaration).
 * Same contract as the callers expect: zeroed memory, or the test fails.
 */
#define calloc_assert(nmemb, size) ({					\
	void *__nvgsp_p = calloc(nmemb, size);				\
	VFIO_ASSERT_NOT_NULL(__nvgsp_p);				\
	__nvgsp_p;							\
})
