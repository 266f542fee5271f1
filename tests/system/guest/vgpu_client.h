/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vgpu_client.h - what the parts of vgpu_client share: the open device, the
 * output helpers and the config/region accessors.
 *
 * vgpu_client is the guest-side VFIO client of the system tests: it opens a
 * VF bound to nvgsp-vfio-pci (or plain vfio-pci), or an mdev of nvgsp-mdev
 * named by its UUID, the way a VMM does and checks what it sees (vgpu_client.c: main, open/close, "hold"; vgpu_client_check.c:
 * "check"; vgpu_client_fuzz.c: "fuzz"). Built statically by the host
 * (tests/system/sriov, prep_tools) with gcc -static -O2 -Wall -Wextra -Werror,
 * from these three .c files; the guest is busybox with no C library.
 *
 * Output (tests/system/guest/common.sh): one line per check, "ok NAME" or
 * "FAIL NAME: DETAIL", "note: ..." for information; exit 0 after the checks,
 * exit 1 with a "FAIL open: ..." line when the device cannot be opened at all.
 *
 * uapi facts relied on (include/uapi/linux/vfio.h):
 *  - a region is addressed in the device fd at vfio_region_info.offset
 *    (vfio-pci: index << 40); pread/pwrite/mmap there;
 *  - fixed PCI region indexes 0..5 BARs, 6 ROM, 7 config, 8 VGA
 *    (VFIO_PCI_NUM_REGIONS 9); irq indexes 0 INTx, 1 MSI, 2 MSI-X, 3 ERR,
 *    4 REQ (VFIO_PCI_NUM_IRQS 5);
 *  - VFIO_DEVICE_GET_REGION_INFO needs argsz >= offsetofend(struct
 *    vfio_region_info, offset) (32 bytes), else EINVAL;
 *    with VFIO_REGION_INFO_FLAG_CAPS the kernel raises argsz to what the
 *    capability chain needs, and cap_offset then links vfio_info_cap_header
 *    records (next == 0 ends) from the start of the struct;
 *  - VFIO_REGION_INFO_CAP_SPARSE_MMAP lists the only areas that may be mmapped;
 *  - the cdev path (6.6+): open /dev/vfio/devices/vfioN, VFIO_DEVICE_BIND_IOMMUFD
 *    to a /dev/iommu fd (this opens the device), VFIO_DEVICE_ATTACH_IOMMUFD_PT
 *    to an IOAS from IOMMU_IOAS_ALLOC; no group or container;
 *  - VFIO_PCI_REQ_IRQ_INDEX's trigger is signalled when the host asks for the
 *    device back (the driver's remove waits until the user closes it);
 *  - VFIO_DEVICE_SET_IRQS: exactly one DATA_ and one ACTION_ flag; DATA_NONE
 *    with count 0 and ACTION_TRIGGER disables the index; DATA_EVENTFD passes
 *    count int32 fds after the header (-1 = none);
 *  - an mdev is a VFIO device too: its group is
 *    /sys/bus/mdev/devices/UUID/iommu_group, and VFIO_GROUP_GET_DEVICE_FD
 *    takes the UUID string as the device's name; a region without
 *    VFIO_REGION_INFO_FLAG_MMAP cannot be mmapped (every access is trapped).
 */
#ifndef VGPU_CLIENT_H
#define VGPU_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <linux/vfio.h>

#define VC_NREG		VFIO_PCI_NUM_REGIONS	/* the fixed PCI regions, 0..8 */
#define VC_CFG_SIZE	4096u

struct vc_dev {
	const char *bdf;	/* the device's name: a PCI address or an mdev UUID */
	bool mdev;		/* named by a UUID: under /sys/bus/mdev/devices */
	char sysfs[96];		/* /sys/bus/pci/devices/BDF or /sys/bus/mdev/devices/UUID */
	int container;		/* legacy path; -1 on the cdev path */
	int group;		/* legacy path; -1 on the cdev path */
	int iommufd;		/* cdev path: /dev/iommu; -1 on the legacy path */
	int device;
	char group_name[64];
	struct vfio_device_info info;
	struct vfio_region_info reg[VC_NREG];
	bool reg_ok[VC_NREG];	/* GET_REGION_INFO succeeded for the index */
	int reg_errno[VC_NREG];	/* its errno when it did not */
	long open_ready_ms;	/* GET_DEVICE_FD to config readable + regions listed */
};

/* output */
void vc_ok(const char *name);
void vc_fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vc_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* vc_verdict: ok NAME when problems is empty, else FAIL NAME: problems */
void vc_verdict(const char *name, const char *problems);
/* append to a bounded problem string (truncates, never overflows) */
void vc_addf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* vc_open: the device fd, its device and region info; bdf is a PCI address
 * or an mdev's UUID (vc_check_dev). The cdev path
 * (/dev/vfio/devices/vfioN bound to /dev/iommu, attached to a new IOAS) where
 * the kernel has it, else group + container (type1v2, else type1);
 * VGPU_CLIENT_VFIO=group or =cdev in the environment forces one. Prints
 * "note: vfio: ..." with the path taken; on failure prints
 * "FAIL open: BDF STEP: ERROR" and returns -1. */
int vc_open(struct vc_dev *d, const char *bdf);
/* vc_close: device, group, container or iommufd; 0, or -1 when a close failed */
int vc_close(struct vc_dev *d);
/* region access: exactly len bytes at off into region idx; -1 with errno */
int vc_rd(const struct vc_dev *d, unsigned idx, uint64_t off, void *buf, size_t len);
int vc_wr(const struct vc_dev *d, unsigned idx, uint64_t off, const void *buf, size_t len);
/* config dword/word/byte access through the config region */
int vc_cfg_rd(const struct vc_dev *d, unsigned off, unsigned size, uint32_t *val);
int vc_cfg_wr(const struct vc_dev *d, unsigned off, unsigned size, uint32_t val);
/* the device fd offset of a region (index << 40 when the kernel gave none) */
uint64_t vc_reg_base(const struct vc_dev *d, unsigned idx);
/* the first mmappable area of a region: offset/size relative to the region,
 * honouring the sparse mmap capability. 0 when found, -1 when not mmappable. */
int vc_mmap_area(const struct vc_dev *d, unsigned idx, uint64_t *off, uint64_t *size);

/* the subcommands */
int vc_check(int argc, char **argv);
int vc_hold(int argc, char **argv);
int vc_fuzz(int argc, char **argv);

/* option parsing: a number (0x.. or decimal), whole string, no overflow */
int vc_parse_u64(const char *s, uint64_t *v);
/* the command line's BDF: "DDDD:BB:DD.F", checked for its shape */
int vc_check_bdf(const char *s);
/* an mdev UUID: 8-4-4-4-12 hex digits, checked for its shape */
int vc_check_uuid(const char *s);
/* either of the two: 0 when s names a device */
int vc_check_dev(const char *s);
/* milliseconds between two CLOCK_MONOTONIC reads */
long vc_ms_since(const struct timespec *t0);

#endif
