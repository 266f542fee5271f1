// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_usage.c - what host memory a booted GSP holds, per buffer (see
 * nvgsp_gsp_mem_usage() in nvgsp_gsp.h).
 */
#include "gsp/nvgsp_gsp.h"
#include "gsp/nvgsp_gsp_types.h"
#include "transport/nvgsp_rpc.h"

static unsigned int usage_add(struct nvgsp_gsp_mem_use *use, unsigned int n, const char *name,
			      enum nvgsp_gsp_mem_kind kind, size_t bytes)
{
	if (!bytes || n >= NVGSP_GSP_MEM_USES)
		return n;
	use[n].name = name;
	use[n].kind = kind;
	use[n].bytes = bytes;
	return n + 1;
}

unsigned int nvgsp_gsp_mem_usage(const struct nvgsp_gsp *gsp, struct nvgsp_gsp_mem_use *use)
{
	const struct nvgsp_gsp_mem *mem = &gsp->mem;
	struct nvgsp_rpc_shm shm = { 0 };
	size_t logs = 0;
	unsigned int i, n = 0;

	for (i = 0; i < NVGSP_GSP_MEM_NR_LOGS; i++)
		logs += mem->logs[i].size;
	if (gsp->rpc)
		nvgsp_rpc_shm(gsp->rpc, &shm);
	/* What GSP-RM was booted from and runs with (Documentation/gsp-boot.rst). */
	if (mem->fwimage)
		n = usage_add(use, n, "fwimage", NVGSP_GSP_MEM_PAGES,
			      nvgsp_os_dma_sg_pages(mem->fwimage) * NVGSP_OS_PAGE_SIZE);
	n = usage_add(use, n, "radix3", NVGSP_GSP_MEM_COHERENT, mem->radix3.size);
	n = usage_add(use, n, "signature", NVGSP_GSP_MEM_COHERENT, mem->signature.size);
	n = usage_add(use, n, "bootloader", NVGSP_GSP_MEM_COHERENT, mem->bootloader.size);
	n = usage_add(use, n, "wpr-meta", NVGSP_GSP_MEM_COHERENT, mem->wpr_meta.size);
	n = usage_add(use, n, "libos-args", NVGSP_GSP_MEM_COHERENT, mem->libos.size);
	n = usage_add(use, n, "logs", NVGSP_GSP_MEM_COHERENT, logs);
	n = usage_add(use, n, "rmargs", NVGSP_GSP_MEM_COHERENT, mem->rmargs.size);
	n = usage_add(use, n, "rpc-queues", NVGSP_GSP_MEM_COHERENT,
		      (size_t)shm.pte_count * NVGSP_OS_PAGE_SIZE);
	n = usage_add(use, n, "sysmem-flush", NVGSP_GSP_MEM_COHERENT, gsp->flush.size);
	n = usage_add(use, n, "fmc-image", NVGSP_GSP_MEM_COHERENT, gsp->fmc_image.size);
	n = usage_add(use, n, "fmc-params", NVGSP_GSP_MEM_COHERENT, gsp->fmc_params.size);
	/* Host-only copies. */
	if (gsp->rom)
		n = usage_add(use, n, "vbios", NVGSP_GSP_MEM_HEAP, NVGSP_VBIOS_MAX);
	n = usage_add(use, n, "static-info", NVGSP_GSP_MEM_HEAP, gsp->static_wire_len);
	return n;
}

const char *nvgsp_gsp_mem_kind_name(enum nvgsp_gsp_mem_kind kind)
{
	switch (kind) {
	case NVGSP_GSP_MEM_COHERENT:
		return "dma-coherent";
	case NVGSP_GSP_MEM_PAGES:
		return "dma-pages";
	case NVGSP_GSP_MEM_HEAP:
		return "heap";
	}
	return "?";
}
