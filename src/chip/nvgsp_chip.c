// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_chip.c - GPU identification from NV_PMC_BOOT_0 and NV_PMC_BOOT_42.
 *
 * DOC: identification
 *
 * Following nova-core (drivers/gpu/nova-core/gpu.rs): BOOT_0 is enough to
 * tell a pre-Turing part, and BOOT_42 identifies Turing and later precisely.
 * We also require the two to agree on the chipset for Turing and later, as
 * they do on every chip we know (nouveau identifies those same chips from
 * BOOT_0 alone); a disagreement means the window is not what we think it is.
 */
#include "nvgsp_chip.h"
#include "regs/nvgsp_regs_pmc.h"

#define NVGSP_ARCH_FERMI_FIRST		0x0c
#define NVGSP_ARCH_TURING		0x16
#define NVGSP_ARCH_NEWEST		0x1b

static const struct nvgsp_chip_info nvgsp_chips[] = {
	{ "TU102", 0x162, NVGSP_FAMILY_TURING, "tu102", "tu10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "TU104", 0x164, NVGSP_FAMILY_TURING, "tu104", "tu10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "TU106", 0x166, NVGSP_FAMILY_TURING, "tu106", "tu10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "TU117", 0x167, NVGSP_FAMILY_TURING, "tu117", "tu11x", NVGSP_BOOT_SEC2_BOOTER },
	{ "TU116", 0x168, NVGSP_FAMILY_TURING, "tu116", "tu11x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA100", 0x170, NVGSP_FAMILY_AMPERE, "ga100", "ga100", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA102", 0x172, NVGSP_FAMILY_AMPERE, "ga102", "ga10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA103", 0x173, NVGSP_FAMILY_AMPERE, "ga103", "ga10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA104", 0x174, NVGSP_FAMILY_AMPERE, "ga104", "ga10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA106", 0x176, NVGSP_FAMILY_AMPERE, "ga106", "ga10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GA107", 0x177, NVGSP_FAMILY_AMPERE, "ga107", "ga10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GH100", 0x180, NVGSP_FAMILY_HOPPER, "gh100", "gh100", NVGSP_BOOT_FSP },
	{ "AD102", 0x192, NVGSP_FAMILY_ADA, "ad102", "ad10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "AD103", 0x193, NVGSP_FAMILY_ADA, "ad103", "ad10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "AD104", 0x194, NVGSP_FAMILY_ADA, "ad104", "ad10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "AD106", 0x196, NVGSP_FAMILY_ADA, "ad106", "ad10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "AD107", 0x197, NVGSP_FAMILY_ADA, "ad107", "ad10x", NVGSP_BOOT_SEC2_BOOTER },
	{ "GB100", 0x1a0, NVGSP_FAMILY_BLACKWELL, "gb100", "gb10x", NVGSP_BOOT_FSP },
	{ "GB102", 0x1a2, NVGSP_FAMILY_BLACKWELL, "gb102", "gb10x", NVGSP_BOOT_FSP },
	{ "GB202", 0x1b2, NVGSP_FAMILY_BLACKWELL, "gb202", "gb20x", NVGSP_BOOT_FSP },
	{ "GB203", 0x1b3, NVGSP_FAMILY_BLACKWELL, "gb203", "gb20x", NVGSP_BOOT_FSP },
	{ "GB205", 0x1b5, NVGSP_FAMILY_BLACKWELL, "gb205", "gb20x", NVGSP_BOOT_FSP },
	{ "GB206", 0x1b6, NVGSP_FAMILY_BLACKWELL, "gb206", "gb20x", NVGSP_BOOT_FSP },
	{ "GB207", 0x1b7, NVGSP_FAMILY_BLACKWELL, "gb207", "gb20x", NVGSP_BOOT_FSP },
};

/* Architectures before Turing, for a refusal that says what the part is. */
static const char *nvgsp_chip_old_arch_name(u32 arch)
{
	switch (arch) {
	case 0x0c: case 0x0d: return "Fermi";
	case 0x0e: case 0x0f: case 0x10: return "Kepler";
	case 0x11: case 0x12: return "Maxwell";
	case 0x13: return "Pascal";
	case 0x14: case 0x15: return "Volta";
	default: return "an unnamed pre-Turing architecture";
	}
}

static const char *const nvgsp_family_names[] = {
	[NVGSP_FAMILY_TURING] = "turing",
	[NVGSP_FAMILY_AMPERE] = "ampere",
	[NVGSP_FAMILY_HOPPER] = "hopper",
	[NVGSP_FAMILY_ADA] = "ada",
	[NVGSP_FAMILY_BLACKWELL] = "blackwell",
};

const char *nvgsp_chip_family_name(enum nvgsp_chip_family family)
{
	if ((unsigned int)family >= ARRAY_SIZE(nvgsp_family_names))
		return "unknown";
	return nvgsp_family_names[family];
}

const char *nvgsp_chip_boot_path_name(enum nvgsp_boot_path path)
{
	switch (path) {
	case NVGSP_BOOT_SEC2_BOOTER: return "sec2-booter";
	case NVGSP_BOOT_FSP: return "fsp";
	}
	return "unknown";
}

const struct nvgsp_chip_info *nvgsp_chip_table(size_t *count)
{
	*count = ARRAY_SIZE(nvgsp_chips);
	return nvgsp_chips;
}

const struct nvgsp_chip_info *nvgsp_chip_lookup(u16 chipset)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nvgsp_chips); i++)
		if (nvgsp_chips[i].chipset == chipset)
			return &nvgsp_chips[i];
	return NULL;
}

void nvgsp_chip_revision(const struct nvgsp_chip_id *id, char *buf, size_t len)
{
	nvgsp_os_snprintf(buf, len, "%X%X", id->major_rev, id->minor_rev);
}

/* Write "BOOT_0=... BOOT_42=...: <reason>" and return -ENODEV. */
static int __printf(5, 6) nvgsp_chip_refuse(u32 boot0, u32 boot42, char *why,
					    size_t why_len, const char *fmt, ...);

int nvgsp_chip_decode(u32 boot0, u32 boot42, struct nvgsp_chip_id *id,
		      char *why, size_t why_len)
{
	u32 arch0 = (NV_PMC_BOOT_0_ARCHITECTURE_1(boot0) << 5) |
		    NV_PMC_BOOT_0_ARCHITECTURE_0(boot0);
	u32 chipset0 = (arch0 << 4) | NV_PMC_BOOT_0_IMPLEMENTATION(boot0);

	*id = (struct nvgsp_chip_id){ .boot0 = boot0, .boot42 = boot42 };

	if (boot0 == 0xffffffffu)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "BOOT_0 reads all ones: the device is not responding (gone from the bus?)");
	if (boot0 == 0)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "BOOT_0 reads zero: BAR0 is not an NVIDIA GPU register window");
	if (NV_PMC_BOOT_0_ARCHITECTURE_1(boot0) == 0 &&
	    NV_PMC_BOOT_0_ARCHITECTURE_0(boot0) < NVGSP_ARCH_FERMI_FIRST)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "pre-Fermi GPU (architecture 0x%02x); nvgsp supports Turing (0x%02x) to Blackwell (0x%02x)",
					 arch0, NVGSP_ARCH_TURING, NVGSP_ARCH_NEWEST);
	if (arch0 < NVGSP_ARCH_TURING)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "%s GPU (chipset 0x%03x) predates Turing; nvgsp supports Turing (0x%02x) to Blackwell (0x%02x)",
					 nvgsp_chip_old_arch_name(arch0), chipset0,
					 NVGSP_ARCH_TURING, NVGSP_ARCH_NEWEST);
	if (boot42 == 0xffffffffu)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "BOOT_42 reads all ones: the device is not responding (gone from the bus?)");

	id->arch = NV_PMC_BOOT_42_ARCHITECTURE(boot42);
	id->impl = NV_PMC_BOOT_42_IMPLEMENTATION(boot42);
	id->chipset = (id->arch << 4) | id->impl;
	id->major_rev = NV_PMC_BOOT_42_MAJOR_REVISION(boot42);
	id->minor_rev = NV_PMC_BOOT_42_MINOR_REVISION(boot42);
	id->minor_ext_rev = NV_PMC_BOOT_42_MINOR_EXT_REVISION(boot42);

	if (id->chipset != chipset0)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "BOOT_0 says chipset 0x%03x but BOOT_42 says 0x%03x; refusing a device that identifies inconsistently",
					 chipset0, id->chipset);
	if (id->arch > NVGSP_ARCH_NEWEST)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "architecture 0x%02x (chipset 0x%03x) is newer than this nvgsp knows; it supports Turing (0x%02x) to Blackwell (0x%02x)",
					 id->arch, id->chipset, NVGSP_ARCH_TURING, NVGSP_ARCH_NEWEST);

	id->info = nvgsp_chip_lookup(id->chipset);
	if (!id->info)
		return nvgsp_chip_refuse(boot0, boot42, why, why_len,
					 "unknown chip: chipset 0x%03x (architecture 0x%02x, implementation 0x%x) is not in nvgsp's chip table",
					 id->chipset, id->arch, id->impl);
	return 0;
}

int nvgsp_chip_identify(struct nvgsp_os_bar *bar0, struct nvgsp_os_device *dev,
			struct nvgsp_chip_id *id, char *why, size_t why_len)
{
	u32 boot0, boot42;
	int ret;

	if (nvgsp_os_bar_size(bar0) < NV_BAR0_SIZE) {
		*id = (struct nvgsp_chip_id){ 0 };
		nvgsp_os_snprintf(why, why_len,
				  "BAR0 is %llu bytes; an NVIDIA GPU's register window is %u bytes",
				  nvgsp_os_bar_size(bar0), NV_BAR0_SIZE);
		return -ENODEV;
	}
	boot0 = nvgsp_os_rd32(bar0, NV_PMC_BOOT_0);
	boot42 = nvgsp_os_rd32(bar0, NV_PMC_BOOT_42);
	ret = nvgsp_chip_decode(boot0, boot42, id, why, why_len);
	nvgsp_os_log(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_CHIP,
		     "BOOT_0=0x%08x BOOT_42=0x%08x: chipset 0x%03x, %s", boot0, boot42,
		     id->chipset, id->info ? id->info->name : "refused");
	return ret;
}

static int nvgsp_chip_refuse(u32 boot0, u32 boot42, char *why, size_t why_len,
			     const char *fmt, ...)
{
	char reason[NVGSP_CHIP_WHY_LEN - 40];
	va_list ap;

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	nvgsp_os_snprintf(why, why_len, "BOOT_0=0x%08x BOOT_42=0x%08x: %s",
			  boot0, boot42, reason);
	return -ENODEV;
}
