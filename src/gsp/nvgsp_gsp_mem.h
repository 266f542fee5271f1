/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_mem.h - the driver memory GSP-RM boots from: the FB layout
 * (where FRTS, the boot binary, the ELF, the WPR heap and the non-WPR heap
 * go in VRAM), the WPR metadata that describes it to the booter or FSP, the
 * .fwimage staged into DMA pages behind a radix3 table, the signature and
 * RISC-V bootloader copies, and the libos arguments page with its log
 * buffers and RMARGS (GSP_ARGUMENTS_CACHED).
 *
 * Portable core. Every number that differs between releases or chip
 * families comes from the bound ABI table's parameters ("heap.<family>.*",
 * "heap.per_gb_fb", "heap.client_alloc", "wpr.<family>.offsets_by_acr",
 * "wpr_meta.*"); the wire layouts from its codecs (WPR_META, LIBOS_REGION,
 * GSP_ARGS).
 *
 * DOC: FB layout (SEC2-booter chips)
 *
 * Top down from the VGA workspace (Documentation/gsp-boot.rst, "FB layout";
 * nova-core fb.rs FbLayout::new, nouveau r535 gsp.c r535_gsp_oneinit):
 *
 *   fb_size ........................................ end of VRAM
 *   vga_workspace_addr .. fb_size                    VGA workspace
 *   frts   = align_down(vga_ws, 128 KiB) - 1 MiB     FRTS, 1 MiB (0 on GA100)
 *   boot   = align_down(frts - bootloader, 4 KiB)    RISC-V bootloader
 *   elf    = align_down(boot - elf, 64 KiB)          .fwimage
 *   heap   = align_down(elf - heap_size, 1 MiB)      GSP-RM heap
 *   wpr2   = align_down(heap - 256, 1 MiB)           GspFwWprMeta; WPR2 start
 *   non-WPR heap = [wpr2 - non_wpr, wpr2)
 *
 * On FSP chips (offsets_by_acr = 1) ACR places the regions itself; the
 * layout is still computed (it bounds what ACR will use), but the WPR
 * metadata carries sizes only.
 */
#ifndef NVGSP_GSP_MEM_H
#define NVGSP_GSP_MEM_H

#include "nvgsp_os.h"
#include "abi/nvgsp_abi.h"
#include "chip/nvgsp_chip.h"
#include "fw/nvgsp_fw_ucode.h"

struct nvgsp_fw_set;
struct nvgsp_fw_gsp_sig;
struct nvgsp_rpc_shm;

/**
 * struct nvgsp_gsp_fb_layout - where GSP-RM's regions go in VRAM. All
 * addresses are FB offsets; [addr, addr + size) for every region.
 * @fb_size: VRAM size in bytes.
 * @vga_workspace_addr: start of the VGA workspace (it runs to @fb_size).
 * @vga_workspace_size: @fb_size - @vga_workspace_addr.
 * @frts_addr: FRTS region (FWSEC writes it); 1 MiB below the 128 KiB-aligned
 *             VGA workspace.
 * @frts_size: 1 MiB; 0 on chips without FRTS (GA100).
 * @boot_addr: the RISC-V bootloader ucode, 4 KiB aligned.
 * @boot_size: its size (the bootloader image's bytes).
 * @elf_addr: the .fwimage, 64 KiB aligned.
 * @elf_size: its size.
 * @heap_addr: GSP-RM's WPR heap, 1 MiB aligned.
 * @heap_size: its size, from the release's heap parameters.
 * @wpr2_addr: WPR2 start, where GspFwWprMeta lies, 1 MiB aligned.
 * @wpr2_end: WPR2 end (exclusive): the end of FRTS.
 * @non_wpr_heap_addr: the non-WPR heap, right below WPR2.
 * @non_wpr_heap_size: its size ("heap.<family>.non_wpr").
 * @pmu_reserved_size: FB reserved for the PMU ("heap.<family>.pmu_reserved";
 *                     0 before Blackwell).
 * @vf_partitions: GspFwWprMeta.gspFwHeapVfPartitionCount: the release's
 *                 "vgpu.vf_partitions" when booted for vGPU, else 0.
 */
struct nvgsp_gsp_fb_layout {
	u64 fb_size;
	u64 vga_workspace_addr;
	u64 vga_workspace_size;
	u64 frts_addr;
	u64 frts_size;
	u64 boot_addr;
	u64 boot_size;
	u64 elf_addr;
	u64 elf_size;
	u64 heap_addr;
	u64 heap_size;
	u64 wpr2_addr;
	u64 wpr2_end;
	u64 non_wpr_heap_addr;
	u64 non_wpr_heap_size;
	u64 pmu_reserved_size;
	u64 vf_partitions;
};

/**
 * nvgsp_gsp_param() - a parameter of the release, e.g. "heap.ga10x.min".
 * @dev: the device, for messages.
 * @abi: the release.
 * @max: the largest value accepted.
 * @val: set to the value.
 * @fmt: printf format of the parameter's name.
 * @...: its arguments.
 *
 * Return: 0; -EINVAL when the release lacks it or it exceeds @max (logged,
 * naming it).
 */
int nvgsp_gsp_param(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi, u64 max, u64 *val,
		    const char *fmt, ...) __printf(5, 6);

/**
 * nvgsp_gsp_heap_size() - GSP-RM's WPR heap size for a chip and FB size.
 * @dev: the device, for messages.
 * @abi: the release (parameters "heap.<family>.os_carveout", ".base_rm",
 *       ".min", "heap.per_gb_fb", "heap.client_alloc").
 * @chip: the chip (its signature family selects the parameters).
 * @fb_size: VRAM size in bytes.
 * @vgpu: GSP-RM is booted for SR-IOV vGPU (nvgsp_vgpu_boot_decide()).
 * @heap_size: set to os_carveout + base_rm + ALIGN(per_gb_fb *
 *             ceil(fb / 1 GiB), 1 MiB) + ALIGN(client_alloc, 1 MiB), at
 *             least min; with @vgpu, to the release's "vgpu.heap", whatever
 *             the chip and @fb_size (Documentation/vgpu-boot.rst).
 *
 * Return: 0; -EINVAL when a parameter is missing (logged, naming it).
 */
int nvgsp_gsp_heap_size(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			const struct nvgsp_chip_info *chip, u64 fb_size, bool vgpu, u64 *heap_size);

/**
 * nvgsp_gsp_fb_layout() - compute the FB layout; pure arithmetic.
 * @dev: the device, for messages.
 * @abi: the release (heap and WPR parameters, see nvgsp_gsp_heap_size()).
 * @chip: the chip (GA100 has no FRTS).
 * @vgpu: GSP-RM is booted for SR-IOV vGPU: the vGPU heap, and
 *        @out->vf_partitions from the release's "vgpu.vf_partitions".
 * @fb_size: VRAM size in bytes.
 * @vga_workspace_addr: start of the VGA workspace, from the display's
 *                      register when valid, else @fb_size - 1 MiB (the
 *                      caller's choice; nova-core fb.rs).
 * @bootloader_size: bytes of the RISC-V bootloader image.
 * @elf_size: bytes of the .fwimage.
 * @out: filled on success.
 *
 * Return: 0; -EINVAL when a parameter is missing, the VGA workspace lies
 * outside VRAM, or the regions do not fit below it (logged, naming the
 * values).
 */
int nvgsp_gsp_fb_layout(struct nvgsp_os_device *dev, const struct nvgsp_abi *abi,
			const struct nvgsp_chip_info *chip, bool vgpu, u64 fb_size,
			u64 vga_workspace_addr,
			u64 bootloader_size, u64 elf_size, struct nvgsp_gsp_fb_layout *out);

/**
 * struct nvgsp_gsp_plan - what the boot memory is built from, worked out
 * once per boot by nvgsp_gsp_plan() before anything is allocated. The
 * FWSEC-FRTS region, the boot memory, the FSP message and the GSP falcon's
 * OS register all read it; nothing parses or computes it again.
 * @dev: the device, for messages (set by the caller).
 * @abi: the bound release (set by the caller).
 * @chip: the chip (set by the caller).
 * @fw: the firmware set (set by the caller): its GSP image (fw->gsp.fwimage
 *      and the family's signature) and bootloader file
 *      (fw->files[NVGSP_FW_BOOTLOADER]).
 * @sig: the family's .fwsignature section of the GSP image.
 * @bootloader: the RISC-V bootloader file, parsed.
 * @fb: the FB layout.
 * @meta_magic: GspFwWprMeta's magic ("wpr_meta.magic").
 * @meta_revision: its revision ("wpr_meta.revision").
 * @by_acr: ACR places the regions ("wpr.<family>.offsets_by_acr", FSP
 *          chips): the metadata carries sizes only.
 * @vgpu: GSP-RM is booted for SR-IOV vGPU (set by the caller).
 */
struct nvgsp_gsp_plan {
	struct nvgsp_os_device *dev;
	const struct nvgsp_abi *abi;
	const struct nvgsp_chip_info *chip;
	const struct nvgsp_fw_set *fw;
	const struct nvgsp_fw_gsp_sig *sig;
	struct nvgsp_fw_riscv_ucode bootloader;
	struct nvgsp_gsp_fb_layout fb;
	u64 meta_magic;
	u64 meta_revision;
	bool by_acr;
	bool vgpu;
};

/**
 * nvgsp_gsp_plan() - check the firmware files and the release's parameters
 * the boot memory needs, parse the RISC-V bootloader and compute the FB
 * layout; allocates nothing.
 * @plan: @dev, @abi, @chip, @fw and @vgpu set by the caller; the rest is filled.
 * @fb_size: VRAM size in bytes.
 * @vga_workspace_addr: as for nvgsp_gsp_fb_layout(). On FSP chips the meta
 *                      carries no offsets and vgaWorkspaceSize is 128 KiB
 *                      whatever this says (nouveau gh100.c).
 * @diag: on failure, the reason in one line (also logged); empty when a
 *        release parameter or the FB layout failed (logged by them, naming
 *        the values).
 *
 * Return: 0; -EINVAL for a firmware file or parameter that does not fit
 * (logged, naming the field and value).
 */
int nvgsp_gsp_plan(struct nvgsp_gsp_plan *plan, u64 fb_size, u64 vga_workspace_addr,
		   struct nvgsp_fw_diag *diag);

/* Log buffers (indices of nvgsp_gsp_mem.logs, same order as enum nvgsp_gsp_log). */
#define NVGSP_GSP_MEM_LOG_INIT	0	/* "LOGINIT" */
#define NVGSP_GSP_MEM_LOG_INTR	1	/* "LOGINTR" */
#define NVGSP_GSP_MEM_LOG_RM	2	/* "LOGRM" */
#define NVGSP_GSP_MEM_NR_LOGS	3

/* Each log buffer: 64 KiB, put pointer (u64) at 0, PTE array from 8. */
#define NVGSP_GSP_MEM_LOG_SIZE	0x10000u

/**
 * struct nvgsp_gsp_mem - the DMA memory GSP-RM boots from, and what was
 * written into it. Every member is zero until allocated, so the struct may
 * be destroyed at any point of its construction.
 * @fwimage: the .fwimage staged into DMA pages.
 * @radix3: level 0, 1 and 2 tables of the radix3 map of @fwimage, one
 *          contiguous buffer.
 * @radix3_root: bus address of the level 0 page, handed in the WPR meta
 *               (sysmemAddrOfRadix3Elf).
 * @signature: the family's .fwsignature_<family> copy (256-byte aligned).
 * @bootloader: the RISC-V bootloader ucode image (the bin header's payload).
 * @wpr_meta: the encoded GspFwWprMeta; its bus address goes to SEC2's
 *            mailboxes (or FSP's boot params).
 * @libos: the libos arguments page (LOGINIT, LOGINTR, LOGRM, RMARGS); its
 *         bus address goes to the GSP falcon's mailboxes.
 * @logs: the log buffers, NVGSP_GSP_MEM_LOG_SIZE bytes each.
 * @rmargs: the encoded GSP_ARGUMENTS_CACHED.
 * @meta: the WPR metadata as encoded into @wpr_meta (the plan's FB layout).
 *
 * Not locked: built once before boot, read-only afterwards (the log
 * buffers are written by GSP-RM; readers copy them).
 */
struct nvgsp_gsp_mem {
	struct nvgsp_os_dma_sg *fwimage;
	struct nvgsp_os_dma radix3;
	u64 radix3_root;
	struct nvgsp_os_dma signature;
	struct nvgsp_os_dma bootloader;
	struct nvgsp_os_dma wpr_meta;
	struct nvgsp_os_dma libos;
	struct nvgsp_os_dma logs[NVGSP_GSP_MEM_NR_LOGS];
	struct nvgsp_os_dma rmargs;
	struct nvgsp_abi_wpr_meta meta;
};

/**
 * nvgsp_gsp_mem_create() - build every buffer GSP-RM boots from.
 * @dev: the device (DMA).
 * @plan: what nvgsp_gsp_plan() worked out.
 * @shm: the RPC queues' shared buffer (nvgsp_rpc_shm()), for RMARGS.
 * @mem: zeroed by the caller (or left by nvgsp_gsp_mem_destroy()); filled.
 *
 * Stages .fwimage page by page, builds its radix3 map, copies the
 * signature and bootloader, and encodes the WPR metadata (describing
 * @plan's FB layout), the libos arguments and RMARGS.
 *
 * Return: 0; -ENOMEM; -EINVAL when @shm is NULL; the codec's error when a
 * structure of the release does not encode (logged). On error everything
 * allocated is freed and @mem is zeroed.
 */
int nvgsp_gsp_mem_create(struct nvgsp_os_device *dev, const struct nvgsp_gsp_plan *plan,
			 const struct nvgsp_rpc_shm *shm, struct nvgsp_gsp_mem *mem);

/**
 * nvgsp_gsp_mem_destroy() - free every buffer and zero @mem; safe on a
 * zeroed or partially built @mem. The GSP must no longer access it.
 * @dev: the device.
 * @mem: the memory.
 */
void nvgsp_gsp_mem_destroy(struct nvgsp_os_device *dev, struct nvgsp_gsp_mem *mem);

/**
 * nvgsp_gsp_mem_bytes() - the DMA memory @mem holds, for the teardown's
 * line when it must keep it.
 * @mem: the memory; zeroed or partially built is fine.
 *
 * Return: bytes.
 */
size_t nvgsp_gsp_mem_bytes(const struct nvgsp_gsp_mem *mem);

/**
 * nvgsp_gsp_fwimage_stage() - copy an image into freshly allocated DMA pages.
 * @dev: the device (DMA).
 * @src: the image's bytes.
 * @len: their number (at most 1 GiB).
 * @sg: set to the paged buffer; the last page's tail is zero.
 *
 * One copy per page and one sync for the device at the end.
 *
 * Return: 0; -ENOMEM; -EINVAL when @len is 0 or over 1 GiB (logged).
 */
int nvgsp_gsp_fwimage_stage(struct nvgsp_os_device *dev, const u8 *src, u64 len,
			    struct nvgsp_os_dma_sg **sg);

/**
 * nvgsp_gsp_radix3_build() - map a paged buffer with a radix3 table.
 * @dev: the device (DMA).
 * @sg: the paged buffer.
 * @size: bytes of @sg the map must cover (at most its pages, at most 1 GiB).
 * @tables: set to one contiguous buffer: level 0 (one page, entry 0 = level
 *          1's bus address), level 1 (one page: the level 2 pages' bus
 *          addresses), level 2 (@sg's pages' bus addresses, 512 per page).
 *          Entries are little-endian u64 bus addresses.
 * @root: set to the level 0 page's bus address.
 *
 * Return: 0; -ENOMEM; -EINVAL when @size is 0, exceeds @sg or 1 GiB
 * (logged). On error @tables is left zeroed.
 */
int nvgsp_gsp_radix3_build(struct nvgsp_os_device *dev, struct nvgsp_os_dma_sg *sg, u64 size,
			   struct nvgsp_os_dma *tables, u64 *root);

/**
 * nvgsp_gsp_mem_log_size() - a log buffer's size (debugfs file size).
 * @mem: the memory.
 * @log: NVGSP_GSP_MEM_LOG_*.
 *
 * Return: bytes; 0 for an unknown @log or a buffer not allocated.
 */
size_t nvgsp_gsp_mem_log_size(const struct nvgsp_gsp_mem *mem, u32 log);

/**
 * nvgsp_gsp_mem_log_read() - copy raw bytes of a log buffer (put pointer,
 * PTEs and records, as GSP-RM wrote them; decoded by userspace tools).
 * @mem: the memory.
 * @log: NVGSP_GSP_MEM_LOG_*.
 * @pos: byte offset in the buffer.
 * @buf: destination.
 * @len: bytes wanted.
 *
 * Return: bytes copied (0 at or past the end); -EINVAL for an unknown @log.
 */
long nvgsp_gsp_mem_log_read(const struct nvgsp_gsp_mem *mem, u32 log, u64 pos,
			    void *buf, size_t len);

#endif /* NVGSP_GSP_MEM_H */
