// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci.c - NVIDIA's PCI functions through libpci (its linux-sysfs method, over
 * /sys/bus/pci or the tree --sysfs names): identity from config space, the
 * bound driver, SR-IOV from the capability and the kernel's sriov_* files.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nvgspctl.h"

const char *nvgspctl_pci_ids;	/* --pci-ids FILE, or NULL for libpci's own */

#ifdef NVGSPCTL_NO_LIBPCI
/* Debian ships no static libpci: a static nvgspctl goes without (Makefile). */
int nvgspctl_pci_scan(struct nvgspctl_pci_fn **fns, size_t *nr)
{
	*fns = NULL;
	*nr = 0;
	return -EOPNOTSUPP;
}
#else
/* u8 .. u64 are the core's (nvgsp_os_types.h), of the same sizes */
#define PCI_HAVE_Uxx_TYPES
#include <pci/pci.h>

/* SR-IOV Extended Capability registers (PCIe base specification, 9.3.3). */
#define SRIOV_TOTAL_VFS		0x0e
#define SRIOV_NUM_VFS		0x10
#define SRIOV_VF_OFFSET		0x14
#define SRIOV_VF_STRIDE		0x16
#define SRIOV_VF_DEVICE		0x1a

static void pci_lib_msg(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "nvgspctl: libpci%s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* libpci's errors do not return: say so and stop, as lspci does. */
static void __attribute__((noreturn)) pci_lib_error(char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pci_lib_msg("", fmt, ap);
	va_end(ap);
	exit(NVGSPCTL_EXIT_FAIL);
}

static void pci_lib_warning(char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pci_lib_msg(" warning", fmt, ap);
	va_end(ap);
}

static void pci_lib_debug(char *fmt, ...)
{
	(void)fmt;
}

/* SR-IOV from the capability (root reads it; others see 64 bytes of config). */
static void pci_fill_sriov_cap(struct pci_dev *d, struct nvgspctl_pci_fn *fn)
{
	struct pci_cap *cap = pci_find_cap(d, PCI_EXT_CAP_ID_SRIOV, PCI_CAP_EXTENDED);

	if (!cap)
		return;
	fn->sriov = true;
	fn->sriov_cap = cap->addr;
	fn->total_vfs = pci_read_word(d, cap->addr + SRIOV_TOTAL_VFS);
	fn->num_vfs = pci_read_word(d, cap->addr + SRIOV_NUM_VFS);
	fn->vf_offset = pci_read_word(d, cap->addr + SRIOV_VF_OFFSET);
	fn->vf_stride = pci_read_word(d, cap->addr + SRIOV_VF_STRIDE);
	fn->vf_device = pci_read_word(d, cap->addr + SRIOV_VF_DEVICE);
}

static void pci_fill_fn(struct pci_access *pacc, struct pci_dev *d, struct nvgspctl_pci_fn *fn)
{
	unsigned long v;
	char *drv;

	memset(fn, 0, sizeof(*fn));
	pci_fill_info(d, PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_CLASS_EXT | PCI_FILL_SUBSYS |
		      PCI_FILL_DRIVER | PCI_FILL_EXT_CAPS);
	snprintf(fn->addr, sizeof(fn->addr), "%04x:%02x:%02x.%x", d->domain & 0xffff, d->bus,
		 d->dev, d->func);
	fn->vendor = d->vendor_id;
	fn->device = d->device_id;
	fn->subsys_vendor = d->subsys_vendor_id;
	fn->subsys_device = d->subsys_id;
	fn->class = (u32)d->device_class << 8 | d->prog_if;
	fn->revision = d->rev_id;
	drv = pci_get_string_property(d, PCI_FILL_DRIVER);
	snprintf(fn->driver, sizeof(fn->driver), "%s", drv ? drv : "");
	/* with --pci-ids that file alone names devices, not udev's hwdb */
	if (!pci_lookup_name(pacc, fn->name, sizeof(fn->name),
			     PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS |
			     (nvgspctl_pci_ids ? PCI_LOOKUP_NO_HWDB : 0), fn->vendor, fn->device))
		fn->name[0] = '\0';
	pci_fill_sriov_cap(d, fn);
	/* the kernel's view, where it has one: sriov_totalvfs may be lowered by the driver */
	if (!nvgspctl_sysfs_read_uint(fn->addr, "sriov_totalvfs", &v)) {
		fn->sriov = true;
		fn->total_vfs = v;
	}
	if (!nvgspctl_sysfs_read_uint(fn->addr, "sriov_numvfs", &v))
		fn->num_vfs = v;
	if (nvgspctl_sysfs_link(fn->addr, "physfn", fn->physfn, sizeof(fn->physfn)))
		fn->physfn[0] = '\0';
}

static int pci_fn_cmp(const void *a, const void *b)
{
	return strcmp(((const struct nvgspctl_pci_fn *)a)->addr,
		      ((const struct nvgspctl_pci_fn *)b)->addr);
}

int nvgspctl_pci_scan(struct nvgspctl_pci_fn **out, size_t *nr)
{
	struct nvgspctl_pci_fn *fns = NULL, *more;
	struct pci_access *pacc;
	struct pci_dev *d;
	char devices[4096];
	struct stat st;
	size_t n = 0;

	*out = NULL;
	*nr = 0;
	/* No PCI bus in sysfs (a container, a machine without PCI): no GPU. */
	snprintf(devices, sizeof(devices), "%s/devices", nvgspctl_sysfs_root);
	if (stat(devices, &st) || !S_ISDIR(st.st_mode))
		return 0;
	pacc = pci_alloc();
	if (!pacc)
		return -ENOMEM;
	pacc->error = pci_lib_error;
	pacc->warning = pci_lib_warning;
	pacc->debug = pci_lib_debug;
	/* sysfs only: never I/O ports or /proc, whatever the machine has */
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pci_set_param(pacc, "sysfs.path", (char *)nvgspctl_sysfs_root);
	if (nvgspctl_pci_ids)
		pci_set_name_list_path(pacc, (char *)nvgspctl_pci_ids, 0);
	pci_init(pacc);
	pci_scan_bus(pacc);
	for (d = pacc->devices; d; d = d->next) {
		pci_fill_info(d, PCI_FILL_IDENT);
		if (d->vendor_id != NVGSPCTL_PCI_VENDOR_NVIDIA)
			continue;
		more = realloc(fns, (n + 1) * sizeof(*fns));
		if (!more) {
			free(fns);
			pci_cleanup(pacc);
			return -ENOMEM;
		}
		fns = more;
		pci_fill_fn(pacc, d, &fns[n++]);
	}
	pci_cleanup(pacc);
	if (n)
		qsort(fns, n, sizeof(*fns), pci_fn_cmp);
	*out = fns;
	*nr = n;
	return 0;
}
#endif /* NVGSPCTL_NO_LIBPCI */
