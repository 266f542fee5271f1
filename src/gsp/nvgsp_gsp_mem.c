// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_mem.c - the driver memory GSP-RM boots from: FB layout, WPR
 * metadata, radix3 map of .fwimage, libos arguments, log buffers, RMARGS.
 *
 * Facts, read in (our code is our own):
 *  - Linux nouveau nvkm/subdev/gsp/rm/r535/gsp.c: r535_gsp_oneinit (FB layout,
 *    signature copy aligned to 256 bytes), nvkm_gsp_radix3_sg (radix3),
 *    r535_gsp_rm_boot_ctor (bootloader copy and offsets),
 *    r535_gsp_wpr_meta_init (meta fields), r535_gsp_libos_init and
 *    create_pte_array (libos arguments, log buffers), r535_gsp_rmargs_init
 *    (GSP_ARGUMENTS_CACHED); tu102.c tu102_gsp_wpr_heap_size (heap formula);
 *    gh100.c gh100_gsp_wpr_meta_init (sizes-only meta on FSP chips).
 *  - Linux nova-core fb.rs FbLayout::new and the fb/hal files (layout, non-WPR
 *    heap per chip, no FRTS on GA100), gsp/fw.rs GspFwWprMeta::new,
 *    gsp.rs LibosMemoryRegionInitArgument and id8().
 */
#include "gsp/nvgsp_gsp_mem.h"
#include "fw/nvgsp_fw_select.h"
#include "fw/nvgsp_fw_ucode.h"
#include "transport/nvgsp_rpc.h"

#define MEM_4K		0x1000ull
#define MEM_64K		0x10000ull
#define MEM_128K	0x20000ull
#define MEM_1M		0x100000ull
#define MEM_1G		0x40000000ull

/* FB sizes past 2^52 bytes (the widest GPU physical address) are refused. */
#define MEM_FB_MAX	(1ull << 52)

/* FWSEC-FRTS's region: 1 MiB below the 128 KiB-aligned VGA workspace. */
#define MEM_FRTS_SIZE	MEM_1M
#define MEM_FRTS_ALIGN	MEM_128K
#define MEM_BOOT_ALIGN	MEM_4K
#define MEM_ELF_ALIGN	MEM_64K
#define MEM_HEAP_ALIGN	MEM_1M
#define MEM_WPR2_ALIGN	MEM_1M

/* FSP chips: vgaWorkspaceSize is 128 KiB (nouveau gh100_gsp_wpr_meta_init). */
#define MEM_FSP_VGA_WORKSPACE	MEM_128K

/* nouveau r535_gsp_oneinit: the signature's DMA copy is 256-byte aligned. */
#define MEM_SIG_ALIGN	256u

/* radix3: 512 u64 entries per 4 KiB page; level 1 is one page. */
#define RADIX3_ENTRIES	(NVGSP_OS_PAGE_SIZE / 8u)
#define RADIX3_MAX_PAGES ((u64)RADIX3_ENTRIES * RADIX3_ENTRIES)	/* 1 GiB */

/*
 * libos arguments (NVIDIA libos_init_args.h, as nouveau and nova-core use
 * them): LibosMemoryRegionKind CONTIGUOUS = 1, LibosMemoryRegionLoc
 * SYSMEM = 1. The page holds LOGINIT, LOGINTR, LOGRM and RMARGS in that
 * order.
 */
#define LIBOS_KIND_CONTIGUOUS	1
#define LIBOS_LOC_SYSMEM	1
#define LIBOS_NR_ARGS		4
#define LIBOS_ARGS_SIZE		NVGSP_OS_PAGE_SIZE
#define RMARGS_SIZE		NVGSP_OS_PAGE_SIZE
#define WPR_META_BUF_SIZE	NVGSP_OS_PAGE_SIZE

/* A log buffer: the put pointer (u64) at 0, then one PTE per 4 KiB page. */
#define LOG_PUT_SIZE		8u
#define LOG_PTE_SIZE		8u

static const char *const mem_log_names[NVGSP_GSP_MEM_NR_LOGS] = {
	[NVGSP_GSP_MEM_LOG_INIT] = "LOGINIT",
	[NVGSP_GSP_MEM_LOG_INTR] = "LOGINTR",
	[NVGSP_GSP_MEM_LOG_RM] = "LOGRM",
};

static inline u64 mem_align_down(u64 v, u64 a)
{
	return v & ~(a - 1);
}

static inline u64 mem_align_up(u64 v, u64 a)
{
	return (v + a - 1) & ~(a - 1);
}

/*
 * A libos region name as a u64: its characters packed big-end first, so
 * "LOGINIT" is 0x004c4f47494e4954 (nouveau r535_gsp_libos_id8, nova-core
 * gsp.rs id8, NVIDIA's LIBOS_ID8).
 */
static u64 mem_libos_id8(const char *name)
{
	u64 id = 0;
	unsigned int i;

	for (i = 0; i < 8 && name[i]; i++)
		id = (id << 8) | (u8)name[i];
	return id;
}

/*
 * Sizes are at most a few hundred MiB in every table; bounding them keeps
 * the sums below free of overflow whatever a table says.
 */
#define MEM_PARAM_SIZE_MAX	(16 * MEM_1G)

int nvgsp_gsp_param(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi, u64 max, u64 *val,
		    const char *fmt, ...)
{
	va_list ap;
	char name[64];

	va_start(ap, fmt);
	nvgsp_os_vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if (nvgsp_abi_param(abi, name, val)) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: release %s has no parameter %s", abi->release, name);
		return -EINVAL;
	}
	if (*val > max) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: release %s parameter %s = 0x%llx exceeds 0x%llx",
			     abi->release, name, *val,
			     max);
		return -EINVAL;
	}
	return 0;
}

int nvgsp_gsp_heap_size(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			const struct nvgsp_chip_info *chip, u64 fb_size, bool vgpu, u64 *heap_size)
{
	const char *fam = chip->sig_family;
	u64 carveout, base, min, per_gb, client, fb_gb, size;
	int ret;

	/*
	 * Booted for vGPU, the heap is one size whatever the chip and FB
	 * (_kgspCalculateFwHeapSize, Documentation/vgpu-boot.rst).
	 */
	if (vgpu)
		return nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, heap_size, "vgpu.heap");
	ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &carveout, "heap.%s.os_carveout", fam);
	if (!ret)
		ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &base, "heap.%s.base_rm", fam);
	if (!ret)
		ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &min, "heap.%s.min", fam);
	if (!ret)
		ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &per_gb, "heap.per_gb_fb");
	if (!ret)
		ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &client, "heap.client_alloc");
	if (ret)
		return ret;
	if (fb_size > MEM_FB_MAX) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: fb_size 0x%llx exceeds 2^52 bytes",
			     fb_size);
		return -EINVAL;
	}

	/* nouveau tu102_gsp_wpr_heap_size, nova-core gsp.rs wpr_heap_size */
	fb_gb = (fb_size + MEM_1G - 1) / MEM_1G;
	size = carveout + base + mem_align_up(per_gb * fb_gb, MEM_1M) +
	       mem_align_up(client, MEM_1M);
	*heap_size = size > min ? size : min;
	return 0;
}

/*
 * GA100 runs no FWSEC-FRTS (Documentation/gsp-boot.rst, "FWSEC-FRTS"; nova-core
 * fb/hal ga100), so its layout has an empty FRTS region.
 */
static bool mem_has_frts(const struct nvgsp_chip_info *chip)
{
	return !nvgsp_fw_str_eq(chip->sig_family, "ga100");
}

/* Place @size bytes right below @top, aligned down to @align. */
static int mem_place(struct nvgsp_os_device *dev, const char *what, u64 top, u64 size, u64 align, u64 fb_size, u64 *addr)
{
	if (size > top) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: FB layout: %s (0x%llx bytes) does not fit below 0x%llx (fb_size 0x%llx)",
			     what, size, top,
			     fb_size);
		return -EINVAL;
	}
	*addr = mem_align_down(top - size, align);
	return 0;
}

int nvgsp_gsp_fb_layout(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			const struct nvgsp_chip_info *chip, bool vgpu, u64 fb_size,
			u64 vga_workspace_addr,
			u64 bootloader_size, u64 elf_size, struct nvgsp_gsp_fb_layout *out)
{
	struct nvgsp_gsp_fb_layout l = { 0 };
	u64 meta_size;
	int ret;

	memset(out, 0, sizeof(*out));
	if (!fb_size || fb_size > MEM_FB_MAX) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: FB layout: fb_size 0x%llx is 0 or exceeds 2^52 bytes",
			     fb_size);
		return -EINVAL;
	}
	if (vga_workspace_addr >= fb_size) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: FB layout: vga_workspace_addr 0x%llx is outside VRAM (fb_size 0x%llx)",
			     vga_workspace_addr,
			     fb_size);
		return -EINVAL;
	}
	if (!elf_size || elf_size > MEM_1G || !bootloader_size || bootloader_size > MEM_1G) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: FB layout: elf_size 0x%llx or bootloader_size 0x%llx is 0 or over 1 GiB",
			     elf_size,
			     bootloader_size);
		return -EINVAL;
	}
	meta_size = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_WPR_META);
	if (!meta_size) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: release %s has no GspFwWprMeta codec", abi->release);
		return -EINVAL;
	}

	l.fb_size = fb_size;
	l.vga_workspace_addr = vga_workspace_addr;
	l.vga_workspace_size = fb_size - vga_workspace_addr;

	ret = nvgsp_gsp_param(dev, abi, MEM_PARAM_SIZE_MAX, &l.non_wpr_heap_size, "heap.%s.non_wpr",
			      chip->sig_family);
	/* pmuReservedSize is a u32 in the releases that have it. */
	if (!ret)
		ret = nvgsp_gsp_param(dev, abi, 0xffffffffull, &l.pmu_reserved_size,
				      "heap.%s.pmu_reserved", chip->sig_family);
	if (!ret)
		ret = nvgsp_gsp_heap_size(dev, abi, chip, fb_size, vgpu, &l.heap_size);
	/* A u8 in GspFwWprMeta. */
	if (!ret && vgpu)
		ret = nvgsp_gsp_param(dev, abi, 0xff, &l.vf_partitions, "vgpu.vf_partitions");
	if (ret)
		return ret;

	/* Top down, as nouveau r535_gsp_oneinit and nova-core FbLayout::new. */
	l.frts_size = mem_has_frts(chip) ? MEM_FRTS_SIZE : 0;
	ret = mem_place(dev, "FRTS", mem_align_down(vga_workspace_addr, MEM_FRTS_ALIGN),
			l.frts_size, 1, fb_size, &l.frts_addr);
	if (!ret) {
		l.boot_size = bootloader_size;
		ret = mem_place(dev, "bootloader", l.frts_addr, l.boot_size, MEM_BOOT_ALIGN,
				fb_size, &l.boot_addr);
	}
	if (!ret) {
		l.elf_size = elf_size;
		ret = mem_place(dev, "GSP-RM ELF", l.boot_addr, l.elf_size, MEM_ELF_ALIGN,
				fb_size, &l.elf_addr);
	}
	if (!ret)
		ret = mem_place(dev, "WPR heap", l.elf_addr, l.heap_size, MEM_HEAP_ALIGN,
				fb_size, &l.heap_addr);
	if (ret)
		return ret;
	/* The heap grows to the ELF's 1 MiB-aligned start (nouveau, nova-core). */
	l.heap_size = mem_align_down(l.elf_addr - l.heap_addr, MEM_HEAP_ALIGN);

	/* GspFwWprMeta opens WPR2, which runs to the end of FRTS. */
	ret = mem_place(dev, "GspFwWprMeta", l.heap_addr, meta_size, MEM_WPR2_ALIGN, fb_size,
			&l.wpr2_addr);
	if (!ret)
		ret = mem_place(dev, "non-WPR heap", l.wpr2_addr, l.non_wpr_heap_size, 1, fb_size,
				&l.non_wpr_heap_addr);
	if (ret)
		return ret;
	l.wpr2_end = l.frts_addr + l.frts_size;

	*out = l;
	return 0;
}

int nvgsp_gsp_radix3_build(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg, u64 size,
			   struct nvgsp_os_dma *tables, u64 *root)
{
	u64 pages, l2_pages, i;
	u8 *lvl0, *lvl1, *lvl2;
	int ret;

	memset(tables, 0, sizeof(*tables));
	pages = (size + NVGSP_OS_PAGE_SIZE - 1) >> NVGSP_OS_PAGE_SHIFT;
	if (!size || pages > nvgsp_os_dma_sg_pages(sg) || pages > RADIX3_MAX_PAGES) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: radix3: size 0x%llx is 0, past the buffer's %zu pages or over 1 GiB",
			     size, nvgsp_os_dma_sg_pages(sg));
		return -EINVAL;
	}
	l2_pages = (pages + RADIX3_ENTRIES - 1) / RADIX3_ENTRIES;

	/* Level 0, level 1, then the level 2 pages: one contiguous buffer. */
	ret = nvgsp_os_dma_alloc(dev, (size_t)(2 + l2_pages) * NVGSP_OS_PAGE_SIZE, tables);
	if (ret)
		return ret;
	lvl0 = tables->cpu;
	lvl1 = lvl0 + NVGSP_OS_PAGE_SIZE;
	lvl2 = lvl1 + NVGSP_OS_PAGE_SIZE;

	/* nouveau nvkm_gsp_radix3_sg: level 0's one entry points at level 1. */
	put_unaligned_le64(tables->addr + NVGSP_OS_PAGE_SIZE, lvl0);
	for (i = 0; i < l2_pages; i++)
		put_unaligned_le64(tables->addr + (2 + i) * NVGSP_OS_PAGE_SIZE, lvl1 + i * 8);
	for (i = 0; i < pages; i++)
		put_unaligned_le64(nvgsp_os_dma_sg_addr(sg, (size_t)i), lvl2 + i * 8);

	*root = tables->addr;
	return 0;
}

/* One copy per page, no per-byte work, one sync at the end. */
int nvgsp_gsp_fwimage_stage(struct nvgsp_os_device *dev, const u8 *src, u64 len,
			    struct nvgsp_os_dma_sg **out)
{
	struct nvgsp_os_dma_sg *sg;
	size_t i, pages;
	int ret;

	if (!len || len > MEM_1G) {
		nvgsp_os_log(dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: staging: size 0x%llx is 0 or over 1 GiB",
			     len);
		return -EINVAL;
	}
	ret = nvgsp_os_dma_sg_alloc(dev, (size_t)len, &sg);
	if (ret)
		return ret;
	pages = nvgsp_os_dma_sg_pages(sg);
	for (i = 0; i < pages; i++) {
		u64 off = (u64)i << NVGSP_OS_PAGE_SHIFT;
		u64 n = len - off < NVGSP_OS_PAGE_SIZE ? len - off : NVGSP_OS_PAGE_SIZE;

		/* The tail of the last page stays zero, as allocated. */
		memcpy(nvgsp_os_dma_sg_page(sg, i), src + off, (size_t)n);
	}
	nvgsp_os_dma_sg_sync(dev, sg);
	*out = sg;
	return 0;
}

/* A zeroed, contiguous copy of @len bytes, in a buffer of at least @alloc. */
static int mem_copy(struct nvgsp_os_device *dev, const u8 *src, size_t len, size_t alloc,
		    struct nvgsp_os_dma *dma)
{
	int ret;

	ret = nvgsp_os_dma_alloc(dev, alloc, dma);
	if (ret)
		return ret;
	memcpy(dma->cpu, src, len);
	return 0;
}

/* A log buffer: put pointer 0, then the bus address of each of its pages. */
static int mem_log_init(struct nvgsp_os_device *dev, struct nvgsp_os_dma *log)
{
	size_t i, pages;
	u8 *ptes;
	int ret;

	ret = nvgsp_os_dma_alloc(dev, NVGSP_GSP_MEM_LOG_SIZE, log);
	if (ret)
		return ret;
	pages = log->size >> NVGSP_OS_PAGE_SHIFT;
	ptes = (u8 *)log->cpu + LOG_PUT_SIZE;
	for (i = 0; i < pages; i++)
		put_unaligned_le64(log->addr + ((u64)i << NVGSP_OS_PAGE_SHIFT), ptes + i * LOG_PTE_SIZE);
	return 0;
}

/* Entry @i of the libos arguments page. */
static int mem_libos_arg(const struct nvgsp_abi *abi, const char *name, unsigned int i,
			 const struct nvgsp_os_dma *region, struct nvgsp_os_dma *libos)
{
	struct nvgsp_abi_libos_region arg = {
		.id8 = mem_libos_id8(name),
		.pa = region->addr,
		.size = region->size,
		.kind = LIBOS_KIND_CONTIGUOUS,
		.loc = LIBOS_LOC_SYSMEM,
	};
	u32 sz = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_LIBOS_REGION);
	int ret;

	if (!sz || (u64)sz * LIBOS_NR_ARGS > libos->size)
		return -EINVAL;
	ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_LIBOS_REGION, &arg,
			       (u8 *)libos->cpu + (size_t)i * sz, sz);
	return ret < 0 ? ret : 0;
}

static int mem_rmargs(const struct nvgsp_abi *abi, const struct nvgsp_rpc_shm *shm,
		      struct nvgsp_os_dma *rmargs)
{
	/* Cold boot: no suspend/resume level (nouveau r535_gsp_rmargs_init). */
	struct nvgsp_abi_gsp_args args = {
		.shared_mem_phys_addr = shm->addr,
		.page_table_entry_count = shm->pte_count,
		.cmd_queue_offset = shm->cmdq_offset,
		.stat_queue_offset = shm->statq_offset,
	};
	int ret;

	ret = nvgsp_abi_encode(abi, NVGSP_ABI_CODEC_GSP_ARGS, &args, rmargs->cpu, rmargs->size);
	return ret < 0 ? ret : 0;
}

/*
 * GspFwWprMeta. SEC2-booter chips: every offset of the layout (nouveau
 * r535_gsp_wpr_meta_init, nova-core GspFwWprMeta::new). FSP chips
 * (wpr.<family>.offsets_by_acr = 1): ACR places the regions, so only the
 * sysmem addresses and the sizes are given: radix3, bootloader and
 * signature, nonWprHeapSize, gspFwHeapSize, frtsSize, vgaWorkspaceSize (128
 * KiB) and pmuReservedSize (nouveau gh100.c gh100_gsp_wpr_meta_init).
 */
static void mem_meta_fill(const struct nvgsp_gsp_plan *plan, struct nvgsp_gsp_mem *mem)
{
	const struct nvgsp_fw_riscv_ucode *rv = &plan->bootloader;
	const struct nvgsp_gsp_fb_layout *fb = &plan->fb;
	struct nvgsp_abi_wpr_meta *m = &mem->meta;

	memset(m, 0, sizeof(*m));
	m->magic = plan->meta_magic;
	m->revision = plan->meta_revision;
	m->sysmem_addr_radix3_elf = mem->radix3_root;
	m->size_radix3_elf = fb->elf_size;
	m->sysmem_addr_bootloader = mem->bootloader.addr;
	m->size_bootloader = rv->image_size;
	m->bootloader_code_offset = rv->monitor_code.offset;
	m->bootloader_data_offset = rv->monitor_data.offset;
	m->bootloader_manifest_offset = rv->manifest.offset;
	m->sysmem_addr_signature = mem->signature.addr;
	/* The signature's size is its 256-byte-aligned copy's (nouveau). */
	m->size_signature = mem_align_up(plan->sig->sect.size, MEM_SIG_ALIGN);
	m->non_wpr_heap_size = fb->non_wpr_heap_size;
	m->gsp_fw_heap_size = fb->heap_size;
	m->frts_size = fb->frts_size;
	m->vga_workspace_size = fb->vga_workspace_size;
	m->pmu_reserved_size = (u32)fb->pmu_reserved_size;
	m->heap_vf_partition_count = (u8)fb->vf_partitions;
	if (plan->by_acr) {
		/* The VBIOS workspace FMC expects, whatever the display says. */
		m->vga_workspace_size = MEM_FSP_VGA_WORKSPACE;
		return;
	}
	m->gsp_fw_rsvd_start = fb->non_wpr_heap_addr;
	m->non_wpr_heap_offset = fb->non_wpr_heap_addr;
	m->gsp_fw_wpr_start = fb->wpr2_addr;
	m->gsp_fw_heap_offset = fb->heap_addr;
	m->gsp_fw_offset = fb->elf_addr;
	m->boot_bin_offset = fb->boot_addr;
	m->frts_offset = fb->frts_addr;
	m->gsp_fw_wpr_end = fb->wpr2_end;
	m->fb_size = fb->fb_size;
	m->vga_workspace_offset = fb->vga_workspace_addr;
}

/* .fwimage into pages and its radix3 map, the signature and bootloader copies. */
static int mem_images(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
		      struct nvgsp_gsp_mem *mem)
{
	const struct nvgsp_fw_blob *gsp = &plan->fw->files[NVGSP_FW_GSP].blob;
	const struct nvgsp_fw_section *sig = &plan->sig->sect;
	const struct nvgsp_fw_riscv_ucode *rv = &plan->bootloader;
	u64 elf_size = plan->fb.elf_size;
	int ret;

	/* .fwimage into pages, then its radix3 map (nouveau r535_gsp_oneinit). */
	ret = nvgsp_gsp_fwimage_stage(dev, gsp->data + plan->fw->gsp.fwimage.offset, elf_size,
				      &mem->fwimage);
	if (!ret)
		ret = nvgsp_gsp_radix3_build(dev, mem->fwimage, elf_size, &mem->radix3,
					     &mem->radix3_root);
	if (!ret)
		ret = mem_copy(dev, gsp->data + sig->offset, (size_t)sig->size,
			       (size_t)mem_align_up(sig->size, MEM_SIG_ALIGN), &mem->signature);
	/* The whole ucode image (the bin header's payload): r535_gsp_rm_boot_ctor. */
	if (!ret)
		ret = mem_copy(dev, rv->image, rv->image_size, rv->image_size, &mem->bootloader);
	return ret;
}

/* The libos arguments page: the three log buffers, then RMARGS. */
static int mem_libos(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
		     const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem)
{
	const struct nvgsp_abi *abi = plan->abi;
	unsigned int i;
	int ret;

	ret = nvgsp_os_dma_alloc(dev, LIBOS_ARGS_SIZE, &mem->libos);
	for (i = 0; !ret && i < NVGSP_GSP_MEM_NR_LOGS; i++) {
		ret = mem_log_init(dev, &mem->logs[i]);
		if (!ret)
			ret = mem_libos_arg(abi, mem_log_names[i], i, &mem->logs[i], &mem->libos);
	}
	if (!ret)
		ret = nvgsp_os_dma_alloc(dev, RMARGS_SIZE, &mem->rmargs);
	if (!ret)
		ret = mem_rmargs(abi, shm, &mem->rmargs);
	if (!ret)
		ret = mem_libos_arg(abi, "RMARGS", NVGSP_GSP_MEM_NR_LOGS, &mem->rmargs,
				    &mem->libos);
	if (ret && ret != -ENOMEM)
		nvgsp_os_log(plan->dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: release %s: libos arguments do not encode: %d",
			     abi->release, ret);
	return ret;
}

/* GspFwWprMeta, encoded into its page. */
static int mem_meta(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
		    struct nvgsp_gsp_mem *mem)
{
	int ret;

	ret = nvgsp_os_dma_alloc(dev, WPR_META_BUF_SIZE, &mem->wpr_meta);
	if (ret)
		return ret;
	mem_meta_fill(plan, mem);
	ret = nvgsp_abi_encode(plan->abi, NVGSP_ABI_CODEC_WPR_META, &mem->meta, mem->wpr_meta.cpu,
			       mem->wpr_meta.size);
	if (ret < 0) {
		nvgsp_os_log(plan->dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: release %s: GspFwWprMeta does not encode: %d",
			     plan->abi->release, ret);
		return ret;
	}
	return 0;
}

static void mem_log_layout(const struct nvgsp_gsp_plan *plan)
{
	const struct nvgsp_gsp_fb_layout *fb = &plan->fb;

	nvgsp_os_log(plan->dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
		     "gsp mem: fb 0x%llx: wpr2 0x%llx-0x%llx heap 0x%llx+0x%llx elf 0x%llx+0x%llx boot 0x%llx frts 0x%llx+0x%llx non-wpr 0x%llx+0x%llx%s",
		     fb->fb_size, fb->wpr2_addr,
		     fb->wpr2_end, fb->heap_addr,
		     fb->heap_size, fb->elf_addr,
		     fb->elf_size, fb->boot_addr,
		     fb->frts_addr, fb->frts_size,
		     fb->non_wpr_heap_addr,
		     fb->non_wpr_heap_size,
		     plan->by_acr ? " (offsets by ACR)" : "");
}

int nvgsp_gsp_mem_create(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
			 const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem)
{
	int ret;

	memset(mem, 0, sizeof(*mem));
	if (!shm) {
		nvgsp_os_log(plan->dev, NVGSP_LOG_ERR, 0,
			     "gsp mem: no RPC shared memory for RMARGS");
		return -EINVAL;
	}
	ret = mem_images(dev, plan, mem);
	if (!ret)
		ret = mem_libos(dev, plan, shm, mem);
	if (!ret)
		ret = mem_meta(dev, plan, mem);
	if (ret) {
		nvgsp_gsp_mem_destroy(dev, mem);
		return ret;
	}
	nvgsp_os_mb();
	mem_log_layout(plan);
	return 0;
}

void nvgsp_gsp_mem_destroy(struct nvgsp_os_device *dev, struct nvgsp_gsp_mem *mem)
{
	unsigned int i;

	nvgsp_os_dma_free(dev, &mem->wpr_meta);
	nvgsp_os_dma_free(dev, &mem->rmargs);
	for (i = 0; i < NVGSP_GSP_MEM_NR_LOGS; i++)
		nvgsp_os_dma_free(dev, &mem->logs[i]);
	nvgsp_os_dma_free(dev, &mem->libos);
	nvgsp_os_dma_free(dev, &mem->bootloader);
	nvgsp_os_dma_free(dev, &mem->signature);
	nvgsp_os_dma_free(dev, &mem->radix3);
	nvgsp_os_dma_sg_free(dev, mem->fwimage);
	memset(mem, 0, sizeof(*mem));
}

size_t nvgsp_gsp_mem_bytes(const struct nvgsp_gsp_mem *mem)
{
	size_t n = mem->wpr_meta.size + mem->rmargs.size + mem->libos.size +
		   mem->bootloader.size + mem->signature.size + mem->radix3.size;
	unsigned int i;

	for (i = 0; i < NVGSP_GSP_MEM_NR_LOGS; i++)
		n += mem->logs[i].size;
	if (mem->fwimage)
		n += nvgsp_os_dma_sg_pages(mem->fwimage) * NVGSP_OS_PAGE_SIZE;
	return n;
}

size_t nvgsp_gsp_mem_log_size(const struct nvgsp_gsp_mem *mem, u32 log)
{
	if (log >= NVGSP_GSP_MEM_NR_LOGS)
		return 0;
	return mem->logs[log].cpu ? mem->logs[log].size : 0;
}

long nvgsp_gsp_mem_log_read(const struct nvgsp_gsp_mem *mem, u32 log, u64 pos,
			    void *buf, size_t len)
{
	const struct nvgsp_os_dma *d;
	size_t n;

	if (log >= NVGSP_GSP_MEM_NR_LOGS)
		return -EINVAL;
	d = &mem->logs[log];
	if (!d->cpu || pos >= d->size)
		return 0;
	n = d->size - (size_t)pos;
	if (n > len)
		n = len;
	/* GSP-RM writes the buffer: read what it published. */
	nvgsp_os_rmb();
	memcpy(buf, (const u8 *)d->cpu + pos, n);
	return (long)n;
}
