// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linked into every VFIO selftest binary by tests/lib/vfio_selftests.sh.
 *
 * libvfio (tools/testing/selftests/vfio/lib/iommu.c) opens devices of the tests
 * without IOMMU-mode variants (vfio_pci_device_test, and vfio_pci_driver_test's
 * driver probe) in its default mode, `default_iommu_mode`, which is "iommufd":
 * /dev/iommu and the VFIO device cdev. Debian builds its kernels without
 * CONFIG_IOMMUFD, so those tests could not open a device there at all. This
 * constructor, run before main(), sets the default from the environment:
 *
 *   NVGSP_VFIO_IOMMU_MODE=vfio_type1v2_iommu   (or any mode name libvfio knows)
 *
 * Unset or empty, the upstream default stands. An unknown name makes libvfio
 * fail the test with "Unrecognized IOMMU mode".
 */
#include <stdlib.h>

extern const char *default_iommu_mode;

__attribute__((constructor)) static void nvgsp_iommu_mode(void)
{
	const char *mode = getenv("NVGSP_VFIO_IOMMU_MODE");

	if (mode && *mode)
		default_iommu_mode = mode;
}
