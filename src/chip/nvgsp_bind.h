/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_bind.h - which GPUs nvgsp takes: the nvgsp.bind= policy and the
 * decision a probe makes from it (Documentation/ownership.rst).
 *
 * Installing nvgsp must never change who drives a GPU: udev loads nvgsp for
 * every NVIDIA display function (its class-based device table), and by
 * default its probe refuses each one, so the GPU stays with nouveau, nova_core
 * or nvidia, or with nobody. nvgsp takes a GPU when the administrator names
 * it: driver_override (driverctl set-override), or nvgsp.bind= listing its
 * PCI address or its vendor:device ID, or "all". The boot VGA device, whose
 * framebuffer the console may be using, is taken only when named: by
 * driver_override, by its address in nvgsp.bind=, or with
 * nvgsp.take_boot_vga=1 beside an ID or "all" that selects it.
 *
 * Portable core: no kernel headers. The glue (src/nvgsp_bind_pci.c) reads the
 * device's facts and acts on the decision.
 */
#ifndef NVGSP_BIND_H
#define NVGSP_BIND_H

#include "nvgsp_os.h"

/* Most entries in one nvgsp.bind= list. */
#define NVGSP_BIND_MAX_ENTRIES	16

/* Room for a refusal's reason or a parse error. */
#define NVGSP_BIND_WHY_LEN	256

/**
 * enum nvgsp_bind_mode - what nvgsp.bind= says.
 * @NVGSP_BIND_NONE: "none" (the default): only driver_override.
 * @NVGSP_BIND_ALL: "all": every NVIDIA display function.
 * @NVGSP_BIND_LIST: the devices in &struct nvgsp_bind_policy.entries.
 */
enum nvgsp_bind_mode {
	NVGSP_BIND_NONE,
	NVGSP_BIND_ALL,
	NVGSP_BIND_LIST,
};

/**
 * struct nvgsp_bind_entry - one item of an nvgsp.bind= list.
 * @is_addr: a PCI address (domain:bus:slot.function); else a vendor:device ID.
 * @domain: PCI domain (0 when the item left it out).
 * @bus: PCI bus.
 * @slot: PCI slot (device number, 0..31).
 * @func: PCI function (0..7).
 * @vendor: PCI vendor ID.
 * @device: PCI device ID.
 */
struct nvgsp_bind_entry {
	bool is_addr;
	u32 domain;
	u8 bus, slot, func;
	u16 vendor, device;
};

/**
 * struct nvgsp_bind_policy - a parsed nvgsp.bind= value.
 * @mode: none, all or a list.
 * @n: entries used (NVGSP_BIND_LIST only).
 * @entries: the list, in the order given.
 */
struct nvgsp_bind_policy {
	enum nvgsp_bind_mode mode;
	unsigned int n;
	struct nvgsp_bind_entry entries[NVGSP_BIND_MAX_ENTRIES];
};

/**
 * struct nvgsp_bind_dev - what a probe knows about the device it is offered.
 * @domain: PCI domain.
 * @bus: PCI bus.
 * @slot: PCI slot.
 * @func: PCI function.
 * @vendor: PCI vendor ID.
 * @device: PCI device ID.
 * @override: driver_override names nvgsp (the administrator, or driverctl,
 *            gave this device to nvgsp by name).
 * @boot_vga: the boot VGA device (the one the firmware's framebuffer and
 *            the console were set up on).
 */
struct nvgsp_bind_dev {
	u32 domain;
	u8 bus, slot, func;
	u16 vendor, device;
	bool override;
	bool boot_vga;
};

/**
 * enum nvgsp_bind_why - why a device was taken.
 * @NVGSP_BIND_BY_OVERRIDE: driver_override names nvgsp.
 * @NVGSP_BIND_BY_ADDRESS: nvgsp.bind= lists its address.
 * @NVGSP_BIND_BY_ID: nvgsp.bind= lists its vendor:device ID.
 * @NVGSP_BIND_BY_ALL: nvgsp.bind=all.
 */
enum nvgsp_bind_why {
	NVGSP_BIND_BY_OVERRIDE,
	NVGSP_BIND_BY_ADDRESS,
	NVGSP_BIND_BY_ID,
	NVGSP_BIND_BY_ALL,
};

/**
 * nvgsp_bind_parse() - read an nvgsp.bind= value.
 * @val: "none", "all", or a comma-separated list of PCI addresses
 *       ([DDDD:]BB:SS.F, hexadecimal) and vendor:device IDs (VVVV:DDDD,
 *       hexadecimal); one trailing newline (a sysfs write) is allowed, and an
 *       empty value means "none".
 * @out: the policy; written only on success.
 * @why: on failure, the reason, naming the item that is wrong.
 * @why_len: size of @why.
 *
 * Return: 0, or -EINVAL (bad item, "all"/"none" mixed with items) or -E2BIG
 * (more than NVGSP_BIND_MAX_ENTRIES items).
 */
int nvgsp_bind_parse(const char *val, struct nvgsp_bind_policy *out, char *why,
		     size_t why_len);

/**
 * nvgsp_bind_format() - write a policy back in the form nvgsp_bind_parse() reads.
 * @p: the policy.
 * @buf: output, NUL-terminated.
 * @len: size of @buf.
 *
 * Return: the length written (truncated to fit).
 */
int nvgsp_bind_format(const struct nvgsp_bind_policy *p, char *buf, size_t len);

/**
 * nvgsp_bind_decide() - does nvgsp take this device?
 * @p: the nvgsp.bind= policy.
 * @take_boot_vga: nvgsp.take_boot_vga.
 * @dev: the device.
 * @by: on success, why it is taken.
 * @why: on refusal, the reason and how to opt in, one line without the
 *       device's name (the caller's log prefix names it).
 * @why_len: size of @why.
 *
 * Return: 0 to take the device, -EPERM to leave it alone.
 */
int nvgsp_bind_decide(const struct nvgsp_bind_policy *p, bool take_boot_vga,
		      const struct nvgsp_bind_dev *dev, enum nvgsp_bind_why *by,
		      char *why, size_t why_len);

/**
 * nvgsp_bind_why_name() - a few words for a &enum nvgsp_bind_why.
 * @by: the reason.
 *
 * Return: e.g. "driver_override", "nvgsp.bind=all".
 */
const char *nvgsp_bind_why_name(enum nvgsp_bind_why by);

#endif /* NVGSP_BIND_H */
