// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgspctl.c - entry point and helpers of the nvgspctl command-line tool.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nvgspctl.h"
#include "nvgsp_os_user.h"

static void usage(FILE *f)
{
	fputs("usage: nvgspctl [--sysfs DIR] [--pci-ids FILE] [--drm-answers DIR] <command> ...\n"
	      "\n"
	      "  list [--json]\n"
	      "        every NVIDIA PCI function: IDs, class, driver, SR-IOV; for a GPU\n"
	      "        nvgsp drives, its chip, GSP-RM state and release, VRAM\n"
	      "  info [--json] DEV\n"
	      "        one function: identity, SR-IOV, its VFs, its render node's\n"
	      "        answers, nvgsp's sysfs files, its vGPU\n"
	      "  firmware files [--chip CHIP] [--release R] [--module-firmware]\n"
	      "        the firmware files nvgsp may load, per chip and release\n"
	      "  firmware select --chip CHIP [--release R] [--path DIR[:DIR...]]\n"
	      "        find and identify firmware exactly as the driver would\n"
	      "  firmware inspect [--json] FILE|DIR...\n"
	      "        describe GSP-RM images and their companion files\n"
	      "  abi list\n"
	      "        the firmware-ABI tables (releases) this build carries\n"
	      "  abi diff FROM TO\n"
	      "        what changed between two releases, field by field\n"
	      "  vgpu inspect [--json] [--device 0xID] [--release R] [--vmmu-segment MiB] FILE\n"
	      "        check a vGPU type catalogue (nvidia/vgpu-<release>.bin), print its types\n"
	      "  vgpu types [--json] DEV\n"
	      "        the vGPU types each VF can take now\n"
	      "  vgpu list [--json] DEV\n"
	      "        the VFs, their drivers and vGPU types\n"
	      "  vgpu create [--json] [--uuid UUID] DEV TYPE\n"
	      "        give a VF (DEV, or a free VF of the PF DEV) a vGPU type, by id or name\n"
	      "        (a VF bound to nvgsp-mdev: an mdev, of UUID or a random one)\n"
	      "  vgpu destroy [--json] DEV\n"
	      "        take the VF's vGPU type back\n"
	      "\n"
	      "CHIP is a chip name (GA102) or chipset (0x172). DEV is a PCI address\n"
	      "(0000:01:00.0 or 01:00.0). --sysfs DIR reads DIR/devices instead of\n"
	      "/sys/bus/pci/devices; --pci-ids FILE names devices from FILE;\n"
	      "--drm-answers DIR takes render node answers from files (tests only).\n", f);
}

const struct nvgsp_chip_info *nvgspctl_chip(const char *name)
{
	const struct nvgsp_chip_info *chips;
	size_t n, i;
	char *end;
	unsigned long cs;

	chips = nvgsp_chip_table(&n);
	for (i = 0; i < n; i++)
		if (!strcasecmp(chips[i].name, name))
			return &chips[i];
	cs = strtoul(name, &end, 0);
	if (*name && !*end && cs <= 0xfff)
		return nvgsp_chip_lookup((u16)cs);
	return NULL;
}

int main(int argc, char **argv)
{
	/* The core's messages without a device (none today) name the tool. */
	nvgsp_os_user_set_context("nvgspctl");
	/* global options, before the command */
	while (argc >= 3 && (!strcmp(argv[1], "--sysfs") || !strcmp(argv[1], "--pci-ids") ||
			     !strcmp(argv[1], "--drm-answers"))) {
		if (!strcmp(argv[1], "--sysfs"))
			nvgspctl_sysfs_root = argv[2];
		else if (!strcmp(argv[1], "--pci-ids"))
			nvgspctl_pci_ids = argv[2];
		else
			nvgspctl_drm_answers = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? NVGSPCTL_EXIT_USAGE : 0;
	}
	if (!strcmp(argv[1], "firmware"))
		return nvgspctl_firmware(argc - 1, argv + 1);
	if (!strcmp(argv[1], "abi"))
		return nvgspctl_abi(argc - 1, argv + 1);
	if (!strcmp(argv[1], "vgpu"))
		return nvgspctl_vgpu(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return nvgspctl_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "info"))
		return nvgspctl_info(argc - 1, argv + 1);
	fprintf(stderr, "nvgspctl: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return NVGSPCTL_EXIT_USAGE;
}
