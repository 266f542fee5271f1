// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_bind_pci.c - ownership by choice: the nvgsp.bind= and
 * nvgsp.take_boot_vga parameters, the probe's decision whether this GPU is
 * nvgsp's (the logic is src/chip/nvgsp_bind.c), and the hand-over of the
 * firmware framebuffer before nvgsp touches the boot VGA device
 * (Documentation/ownership.rst).
 *
 * Both parameters are writable in /sys/module/nvgsp/parameters/ and apply to
 * the next probe (echo ADDR > /sys/bus/pci/drivers_probe); a write never
 * takes a device from the driver that has it.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/vgaarb.h>

#include "nvgsp_compat.h"
#include "nvgsp_compat_aperture.h"
#include "nvgsp_drv.h"
#include "chip/nvgsp_bind.h"

/* The policy in force; nvgsp.bind= replaces it whole, under the mutex. */
static DEFINE_MUTEX(nvgsp_bind_lock);
static struct nvgsp_bind_policy nvgsp_bind_policy;
static bool nvgsp_take_boot_vga;

static int nvgsp_param_bind_set(const char *val, const struct kernel_param *kp)
{
	struct nvgsp_bind_policy p;
	char why[NVGSP_BIND_WHY_LEN];
	int ret;

	ret = nvgsp_bind_parse(val, &p, why, sizeof(why));
	if (ret) {
		/* Without a sysfs write's newline, so that it stays one line. */
		pr_err("nvgsp: bind=%.*s: %s\n", (int)strcspn(val, "\n"), val, why);
		return ret;
	}
	mutex_lock(&nvgsp_bind_lock);
	nvgsp_bind_policy = p;
	mutex_unlock(&nvgsp_bind_lock);
	return 0;
}

static int nvgsp_param_bind_get(char *buf, const struct kernel_param *kp)
{
	int n;

	mutex_lock(&nvgsp_bind_lock);
	/* sysfs gives a page; the longest list is far shorter. */
	n = nvgsp_bind_format(&nvgsp_bind_policy, buf, PAGE_SIZE - 1);
	mutex_unlock(&nvgsp_bind_lock);
	buf[n++] = '\n';
	buf[n] = '\0';
	return n;
}

static const struct kernel_param_ops nvgsp_param_bind_ops = {
	.set = nvgsp_param_bind_set,
	.get = nvgsp_param_bind_get,
};

module_param_cb(bind, &nvgsp_param_bind_ops, NULL, 0644);
MODULE_PARM_DESC(bind,
		 "GPUs nvgsp takes: none (default: only those whose driver_override names nvgsp), all, or a comma-separated list of PCI addresses ([DDDD:]BB:SS.F) and vendor:device IDs (10de:2204)");

module_param_named(take_boot_vga, nvgsp_take_boot_vga, bool, 0644);
MODULE_PARM_DESC(take_boot_vga,
		 "also take the boot VGA device when nvgsp.bind= selects it by ID or all (default N; by address or driver_override it is always taken)");

/* What the boot_vga sysfs attribute says (drivers/pci/pci-sysfs.c). */
static bool nvgsp_bind_is_boot_vga(struct pci_dev *pdev)
{
	struct pci_dev *vga = vga_default_device();

	if (vga)
		return vga == pdev;
	return !!(pci_resource_flags(pdev, PCI_ROM_RESOURCE) & IORESOURCE_ROM_SHADOW);
}

int nvgsp_bind_pci_check(struct pci_dev *pdev)
{
	char why[NVGSP_BIND_WHY_LEN];
	struct nvgsp_bind_dev d = {
		.domain = pci_domain_nr(pdev->bus),
		.bus = pdev->bus->number,
		.slot = PCI_SLOT(pdev->devfn),
		.func = PCI_FUNC(pdev->devfn),
		.vendor = pdev->vendor,
		.device = pdev->device,
		/* The driver core sets dev->driver before it calls probe. */
		.override = nvgsp_compat_pci_override_is(pdev, pdev->dev.driver),
		.boot_vga = nvgsp_bind_is_boot_vga(pdev),
	};
	enum nvgsp_bind_why by;
	int ret;

	mutex_lock(&nvgsp_bind_lock);
	ret = nvgsp_bind_decide(&nvgsp_bind_policy, READ_ONCE(nvgsp_take_boot_vga), &d, &by,
				why, sizeof(why));
	mutex_unlock(&nvgsp_bind_lock);
	if (ret) {
		dev_info(&pdev->dev, "%s\n", why);
		return -ENODEV;
	}
	dev_info(&pdev->dev, "nvgsp takes this GPU: asked by %s%s\n", nvgsp_bind_why_name(by),
		 d.boot_vga ? "; it is the boot VGA device, handing its firmware framebuffer and VGA console over" : "");
	if (!d.boot_vga)
		return 0;
	ret = nvgsp_compat_remove_conflicting_fb(pdev, "nvgsp");
	if (ret) {
		dev_err(&pdev->dev,
			"cannot remove the firmware framebuffer on the boot VGA device: %d; leaving the GPU alone\n",
			ret);
		return -ENODEV;
	}
	return 0;
}
