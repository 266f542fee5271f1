// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_wpr.c - what the booter (SEC2 path: TU10x, GA10x, AD10x) or the
 * FMC/ACR (FSP path: GH100, GB10x, GB20x) accepts in the driver's
 * GspFwWprMeta before GSP-RM runs.
 *
 * Userspace (part of gpusim); independent of the driver's boot code
 * (src/gsp): the FB layout is computed here, from the published sources, and
 * the metadata is read through the release's codec (src/abi) from host
 * memory as the device would DMA it (gpusim_hw_dma()).
 *
 * DOC: the checks
 *
 * 1. magic and revision: the release's "wpr_meta.magic" and
 *    "wpr_meta.revision" (NVIDIA's gsp_fw_wpr_meta.h).
 * 2. sizes of what the driver staged in host memory:
 *    sizeOfRadix3Elf = .fwimage's size, sizeOfSignature = the
 *    .fwsignature_<family> section's size, sizeOfBootloader = the
 *    bootloader file's ucode image (bin header data_offset/data_size), and
 *    bootloader{Code,Data,Manifest}Offset = its RM_RISCV_UCODE_DESC
 *    monitorCodeOffset, monitorDataOffset, manifestOffset. This is what
 *    nouveau hands (r535/gsp.c r535_gsp_rm_boot_ctor() copies
 *    fw->data + hdr->data_offset, hdr->data_size bytes and takes the three
 *    offsets from the descriptor; r535_gsp_wpr_meta_init() and gh100.c
 *    gh100_gsp_wpr_meta_init() put them in the metadata), and NVIDIA's
 *    kgspCalculateFbLayout_TU102/_GH100.
 * 3. the bytes: the radix3 tables resolve to exactly .fwimage, page by page
 *    (layout below), and the signature and bootloader buffers hold exactly
 *    the real bytes.
 * 4. SEC2 path: the layout is the driver's choice, and the booter takes any
 *    consistent one (see "what the booter accepts" below), with the FRTS
 *    region where FWSEC carved it. FSP path: sizes only (the FSP's ACR
 *    chooses the offsets; NVIDIA kgspCalculateFbLayout_GH100: "We send
 *    these to FSP as the size to reserve above FRTS. The actual offsets get
 *    filled in by ACR ucode when it sets up WPR2"): gspFwHeapSize at least
 *    the floor, nonWprHeapSize, frtsSize, vgaWorkspaceSize and, where the
 *    release has it, pmuReservedSize.
 *
 * DOC: radix3
 *
 * nouveau r535/gsp.c nvkm_gsp_radix3_sg() (after NVIDIA's
 * kgspCreateRadix3_IMPL), the layout nova-core's firmware/gsp.rs builds too:
 * sysmemAddrOfRadix3Elf is the bus address of a level-0 page whose first
 * u64 is the bus address of the level-1 page; level 1 holds one u64 per
 * level-2 page (at most 512); each level-2 page holds 512 u64 bus addresses
 * of the image's 4 KiB pages, in order, so image page i is level-2 page
 * i / 512, entry i % 512. 512 * 512 pages limit the image to 1 GiB. All
 * values little-endian.
 *
 * DOC: what the booter accepts (SEC2 path)
 *
 * The booter is signed, closed code: what it verifies is not published.
 * What is published is how the two drivers that boot real GPUs lay the FB
 * out, and that they differ: NVIDIA's kgspCalculateFbLayout_TU102
 * (open-gpu-kernel-modules, src/nvidia/src/kernel/gpu/gsp/arch/turing/
 * kernel_gsp_tu102.c at tags 535.113.01 and 570.144) and nouveau's
 * tu102_gsp_oneinit() (drivers/gpu/drm/nouveau/nvkm/subdev/gsp/tu102.c,
 * Linux 6.12 for r535 and 7.2 for r535 and r570). Both place, top down:
 * VGA workspace, FRTS ending at ALIGN_DOWN(vga, 128 KiB), the boot binary
 * (ALIGN_DOWN 4 KiB), the ELF (64 KiB), the WPR heap (1 MiB), the
 * metadata's WPR2 copy at ALIGN_DOWN(heap - sizeof(meta), 1 MiB), the
 * non-WPR heap below it, gspFwRsvdStart = nonWprHeapOffset. The heap size
 * is where they differ: NVIDIA's is carveout + base + per-GB + client,
 * floored at GSP_FW_HEAP_SIZE_OVERRIDE_LIBOS3_BAREMETAL_MIN_MB MiB (84 in
 * 535, 88 + 12 + 70 = 170 in 570: gsp_fw_heap.h); nouveau keeps that
 * constant in MiB but compares it with bytes (rm/r570/rm.c heap_size_min =
 * the MB value, tu102_gsp_wpr_heap_size() max(heap_size, heap_size_min)),
 * so its floor never bites and a 24 GiB GA102 on 570.144 gets 129 MiB
 * where NVIDIA asks for 170 MiB; nouveau r570 boots real hardware so.
 * So a booter that compared offsets with NVIDIA's formula would refuse
 * nouveau, and the real one does not. gpusim's rule, every part of which
 * both layouts satisfy:
 *
 * - fbSize is the FB's size;
 * - the VGA workspace lies within the FB; gspFwWprEnd is 128 KiB aligned
 *   and not above vgaWorkspaceOffset;
 * - frtsSize is the chip's FRTS size (1 MiB; 0 on GA100) and FRTS is the
 *   region FWSEC carved, ending at or below gspFwWprEnd;
 * - each region lies wholly below the one above it, without wrapping, and
 *   starts aligned as both drivers align it: boot binary (4 KiB, its size
 *   sizeOfBootloader) below FRTS, ELF (64 KiB, sizeOfRadix3Elf) below the
 *   boot binary, heap (offset and size 1 MiB) below the ELF, the WPR2 copy
 *   of the metadata (1 MiB, its codec size) below the heap, the non-WPR
 *   heap below WPR2; gaps between them are allowed (neither driver's
 *   alignment leaves none);
 * - the heap is at least the floor: NVIDIA's sum without the MiB floor
 *   (what nouveau hands; the least heap GSP-RM is known to run with), or
 *   for a vGPU boot the fixed vGPU heap;
 * - nonWprHeapSize is at least the family's heap.<family>.non_wpr (1 MiB,
 *   both drivers) and gspFwRsvdStart equals nonWprHeapOffset (both
 *   drivers, and its meaning in gsp_fw_wpr_meta.h);
 * - pmuReservedSize, where the release has it, is the family's.
 *
 * WPR2, the region the booter protects, is [gspFwWprStart, FRTS end).
 *
 * DOC: FB layout (FSP path)
 *
 * Where ACR puts the regions is not visible to the driver; gpusim's guess
 * uses the SEC2 placement below the FSP's reserve, with the metadata's heap.
 *
 * DOC: verified
 *
 * The booter does not write "verified" back into the driver's copy in host
 * memory: NVIDIA's gsp_fw_wpr_meta.h says the booter locks the metadata in
 * WPR2, authenticates, then writes the field there for the GSP bootloader
 * to check; nouveau writes 0 (r535_gsp_wpr_meta_init()) and never reads the
 * field back, nor does nova-core's gsp/boot.rs. gpusim_wpr_check()
 * therefore sets it only in the result's copy (the WPR2 copy).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gpusim_fwread.h"
#include "gpusim_rm.h"
#include "gpusim_wpr.h"

#define SZ_4K		0x1000ull
#define SZ_64K		0x10000ull
#define SZ_128K		0x20000ull
#define SZ_1M		0x100000ull
#define SZ_1G		0x40000000ull
#define FSP_VGA_SIZE	SZ_128K		/* kgspCalculateFbLayout_GH100, gh100.c */
#define FRTS_SIZE	SZ_1M
#define FSP_ALIGN	0x200000ull	/* nouveau gh100.c: reserved sizes ALIGN'd to 2 MiB */
#define R3_PAGE		((u64)NVGSP_OS_PAGE_SIZE)
#define R3_ENTRIES	(R3_PAGE / 8)	/* u64 entries in one table page */

/**
 * struct wpr_ctx - one check.
 * @sim: the model (DMA, failure record).
 * @fw: the real files.
 * @abi: their release's table.
 * @who: "booter" or "fmc", starting every message.
 */
struct wpr_ctx {
	struct gpusim *sim;
	const struct gpusim_fw *fw;
	const struct nvgsp_abi *abi;
	const char *who;
	u8 vf_partitions;
};

/**
 * struct wpr_layout - the FB regions, by start address.
 * @vga: VGA workspace start.
 * @vga_size: its size.
 * @frts: FRTS start.
 * @frts_size: its size.
 * @boot: boot binary start.
 * @elf: GSP-RM image start.
 * @heap: WPR heap start.
 * @heap_size: its size.
 * @wpr2: WPR2 start.
 * @wpr_end: gspFwWprEnd.
 * @non_wpr: non-WPR heap start.
 * @non_wpr_size: its size.
 */
struct wpr_layout {
	u64 vga, vga_size;
	u64 frts, frts_size;
	u64 boot, elf;
	u64 heap, heap_size;
	u64 wpr2, wpr_end;
	u64 non_wpr, non_wpr_size;
};

static u64 align_down(u64 v, u64 a)
{
	return v & ~(a - 1);
}

static u64 align_up(u64 v, u64 a)
{
	return (v + a - 1) & ~(a - 1);
}

static u64 div_up(u64 v, u64 d)
{
	return v / d + !!(v % d);
}

static int wpr_fail(struct wpr_ctx *c, const char *fmt, ...) __printf(2, 3);

static int wpr_fail(struct wpr_ctx *c, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gpusim_hw_fail(c->sim, "%s: %s", c->who, msg);
	return -EINVAL;
}

static int wpr_expect(struct wpr_ctx *c, const char *field, u64 got, u64 want)
{
	if (got == want)
		return 0;
	return wpr_fail(c, "GspFwWprMeta.%s is 0x%llx, expected 0x%llx", field, got,
			want);
}

static int wpr_param(struct wpr_ctx *c, const char *name, u64 *val)
{
	if (!nvgsp_abi_param(c->abi, name, val))
		return 0;
	return wpr_fail(c, "release %s has no parameter %s", c->abi->release, name);
}

/* heap.<family>.<what> of the chip's signature family */
static int wpr_fam_param(struct wpr_ctx *c, const char *what, u64 *val)
{
	char name[64];

	snprintf(name, sizeof(name), "heap.%s.%s", gpusim_fw_chip(c->fw)->sig_family, what);
	return wpr_param(c, name, val);
}

static int wpr_heap_size_bare(struct wpr_ctx *c, u64 fb_size, u64 *size);

/*
 * The least WPR heap GSP-RM is known to run with on @fb_size (see "what
 * the booter accepts", the heap's floor, above).
 * A meta with VF partitions asks for GSP-RM booted for vGPU: the count must
 * be the release's (MAX_PARTITIONS_WITH_GFID) and the heap is its fixed
 * vGPU size, whatever the FB (open-gpu-kernel-modules kernel_gsp.c
 * _kgspCalculateFwHeapSize; Documentation/vgpu-boot.rst).
 */
static int wpr_heap_floor(struct wpr_ctx *c, u64 fb_size, u64 *size)
{
	if (c->vf_partitions) {
		u64 parts;

		return wpr_param(c, "vgpu.vf_partitions", &parts) ?:
		       wpr_expect(c, "gspFwHeapVfPartitionCount", c->vf_partitions, parts) ?:
		       wpr_param(c, "vgpu.heap", size);
	}
	return wpr_heap_size_bare(c, fb_size, size);
}

/*
 * The bare-metal floor: from the chip's family and @fb_size, NVIDIA's sum
 * without its floor at heap.<family>.min.
 */
static int wpr_heap_size_bare(struct wpr_ctx *c, u64 fb_size, u64 *size)
{
	u64 carveout, base, per_gb, client;
	int ret;

	ret = wpr_fam_param(c, "os_carveout", &carveout) ?:
	      wpr_fam_param(c, "base_rm", &base) ?:
	      wpr_param(c, "heap.per_gb_fb", &per_gb) ?:
	      wpr_param(c, "heap.client_alloc", &client);
	if (ret)
		return ret;
	*size = carveout + base + align_up(per_gb * div_up(fb_size, SZ_1G), SZ_1M) +
		align_up(client, SZ_1M);
	return 0;
}

/* The heap in the metadata: at least the floor. */
static int wpr_heap_enough(struct wpr_ctx *c, u64 fb_size, u64 heap_size)
{
	u64 floor;
	int ret = wpr_heap_floor(c, fb_size, &floor);

	if (ret || heap_size >= floor)
		return ret;
	return wpr_fail(c, "GspFwWprMeta.gspFwHeapSize 0x%llx is below the 0x%llx bytes GSP-RM needs on a 0x%llx-byte FB",
			heap_size, floor, fb_size);
}

/* @what does not fit below @top: the FB is too small for the layout. */
static int wpr_room(struct wpr_ctx *c, u64 fb_size, u64 top, u64 size, const char *what)
{
	if (top >= size)
		return 0;
	return wpr_fail(c, "fbSize 0x%llx leaves no room for the %s (0x%llx bytes below 0x%llx)",
			fb_size, what, size, top);
}

/*
 * The layout below @vga (the VGA workspace's start) for images of @boot_size
 * and @elf_size bytes (see "FB layout" above).
 */
static int wpr_layout(struct wpr_ctx *c, u64 fb_size, u64 vga, u64 frts_size, u64 boot_size,
		      u64 elf_size, u64 heap, struct wpr_layout *l)
{
	u64 meta_size = nvgsp_abi_codec_size(c->abi, NVGSP_ABI_CODEC_WPR_META);
	int ret;

	memset(l, 0, sizeof(*l));
	l->vga = vga;
	l->vga_size = fb_size - vga;
	l->wpr_end = align_down(vga, SZ_128K);
	ret = wpr_room(c, fb_size, l->wpr_end, frts_size, "FRTS");
	if (ret)
		return ret;
	l->frts_size = frts_size;
	l->frts = l->wpr_end - frts_size;
	ret = wpr_room(c, fb_size, l->frts, boot_size, "boot binary");
	if (ret)
		return ret;
	l->boot = align_down(l->frts - boot_size, SZ_4K);
	ret = wpr_room(c, fb_size, l->boot, elf_size, "GSP-RM image");
	if (ret)
		return ret;
	l->elf = align_down(l->boot - elf_size, SZ_64K);
	ret = wpr_room(c, fb_size, l->elf, heap + meta_size, "WPR heap");
	if (ret)
		return ret;
	l->heap = align_down(l->elf - heap, SZ_1M);
	l->heap_size = align_down(l->elf - l->heap, SZ_1M);
	l->wpr2 = align_down(l->heap - meta_size, SZ_1M);
	ret = wpr_fam_param(c, "non_wpr", &l->non_wpr_size);
	if (ret)
		return ret;
	ret = wpr_room(c, fb_size, l->wpr2, l->non_wpr_size, "non-WPR heap");
	if (ret)
		return ret;
	l->non_wpr = align_down(l->wpr2 - l->non_wpr_size, SZ_1M);
	return 0;
}

/* FRTS is 1 MiB except on GA100, whose FWSEC does not carve one (nova-core). */
static u64 wpr_frts_size(const struct nvgsp_chip_info *chip)
{
	return strcmp(chip->sig_family, "ga100") ? FRTS_SIZE : 0;
}

static u64 wpr_le64(const u8 *p)
{
	return get_unaligned_le64(p);
}

/* Compare @len bytes the device reads at @addr with @want. */
static int wpr_compare(struct wpr_ctx *c, u64 addr, const u8 *want, u64 len, const char *what)
{
	const u8 *got = gpusim_hw_dma(c->sim, addr, len, what);
	u64 i;

	if (!got)
		return -EINVAL;
	if (!memcmp(got, want, len))
		return 0;
	for (i = 0; got[i] == want[i]; i++)
		;
	return wpr_fail(c, "%s at 0x%llx differs from the real file at byte 0x%llx: 0x%02x, expected 0x%02x",
			what, addr, i, got[i], want[i]);
}

/* A table entry must name a 4 KiB page. */
static int wpr_page_entry(struct wpr_ctx *c, u64 addr, const char *what)
{
	if (!(addr & (R3_PAGE - 1)))
		return 0;
	return wpr_fail(c, "radix3: %s 0x%llx is not 4 KiB aligned", what, addr);
}

/* Walk the radix3 tables at @root and compare every page with .fwimage. */
static int wpr_check_radix3(struct wpr_ctx *c, u64 root)
{
	u64 size, pages, l2_pages, l1_addr, i, j;
	const u8 *img = gpusim_fw_image(c->fw, &size);
	const u8 *l0, *l1, *l2;
	char what[96];
	int ret;

	pages = div_up(size, R3_PAGE);
	l2_pages = div_up(pages, R3_ENTRIES);
	if (l2_pages > R3_ENTRIES)
		return wpr_fail(c, "radix3: .fwimage of 0x%llx bytes is over its 1 GiB limit",
				size);
	ret = wpr_page_entry(c, root, "sysmemAddrOfRadix3Elf");
	if (ret)
		return ret;
	l0 = gpusim_hw_dma(c->sim, root, 8, "radix3 level 0 (sysmemAddrOfRadix3Elf)");
	if (!l0)
		return -EINVAL;
	l1_addr = wpr_le64(l0);
	ret = wpr_page_entry(c, l1_addr, "level 0 entry 0");
	if (ret)
		return ret;
	l1 = gpusim_hw_dma(c->sim, l1_addr, l2_pages * 8, "radix3 level 1");
	if (!l1)
		return -EINVAL;
	for (j = 0; j < l2_pages; j++) {
		u64 l2_addr = wpr_le64(l1 + j * 8);
		u64 n = pages - j * R3_ENTRIES < R3_ENTRIES ? pages - j * R3_ENTRIES : R3_ENTRIES;
		u64 k;

		snprintf(what, sizeof(what), "level 1 entry %llu", j);
		ret = wpr_page_entry(c, l2_addr, what);
		if (ret)
			return ret;
		snprintf(what, sizeof(what), "radix3 level 2 page %llu (level 1 entry %llu)",
			 j, j);
		l2 = gpusim_hw_dma(c->sim, l2_addr, n * 8, what);
		if (!l2)
			return -EINVAL;
		for (k = 0; k < n; k++) {
			u64 addr = wpr_le64(l2 + k * 8);
			u64 off;

			i = j * R3_ENTRIES + k;
			off = i * R3_PAGE;
			snprintf(what, sizeof(what),
				 "level 2 entry %llu of page %llu (image page %llu)",
				 k, j, i);
			ret = wpr_page_entry(c, addr, what);
			if (ret)
				return ret;
			snprintf(what, sizeof(what),
				 "radix3 image page %llu (level 2 page %llu entry %llu)",
				 i, j, k);
			ret = wpr_compare(c, addr, img + off,
					  size - off < R3_PAGE ? size - off : R3_PAGE, what);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Sizes and bytes of what the driver staged in host memory. */
static int wpr_check_images(struct wpr_ctx *c, const struct nvgsp_abi_wpr_meta *m)
{
	const struct gpusim_bl_facts *bl = gpusim_fw_bl_own(c->fw);
	const struct nvgsp_fw_blob *bl_file = gpusim_fw_file(c->fw, NVGSP_FW_BOOTLOADER);
	u64 img_size, sig_size;
	const u8 *sig = gpusim_fw_signature(c->fw, &sig_size);
	int ret;

	gpusim_fw_image(c->fw, &img_size);
	if (!bl || !bl_file)
		return wpr_fail(c, "release %s has no bootloader for %s", c->abi->release,
				gpusim_fw_chip(c->fw)->name);
	ret = wpr_expect(c, "sizeOfRadix3Elf", m->size_radix3_elf, img_size) ?:
	      wpr_expect(c, "sizeOfSignature", m->size_signature, sig_size) ?:
	      wpr_expect(c, "sizeOfBootloader", m->size_bootloader, bl->image_size) ?:
	      wpr_expect(c, "bootloaderCodeOffset", m->bootloader_code_offset, bl->code_off) ?:
	      wpr_expect(c, "bootloaderDataOffset", m->bootloader_data_offset, bl->data_off) ?:
	      wpr_expect(c, "bootloaderManifestOffset", m->bootloader_manifest_offset,
			 bl->manifest_off);
	if (ret)
		return ret;
	ret = wpr_check_radix3(c, m->sysmem_addr_radix3_elf);
	if (ret)
		return ret;
	ret = wpr_compare(c, m->sysmem_addr_signature, sig, sig_size,
			  "signature (sysmemAddrOfSignature)");
	if (ret)
		return ret;
	return wpr_compare(c, m->sysmem_addr_bootloader, bl_file->data + bl->image_off,
			   bl->image_size,
			   "bootloader (sysmemAddrOfBootloader)");
}

/* pmuReservedSize, where the release's wire has it. */
static int wpr_check_pmu(struct wpr_ctx *c, const struct nvgsp_abi_wpr_meta *m)
{
	u64 pmu;
	int ret;

	if (!(nvgsp_abi_codec_fields(c->abi, NVGSP_ABI_CODEC_WPR_META) &
	      NVGSP_ABI_WPR_META_F_PMU_RESERVED_SIZE))
		return 0;
	ret = wpr_fam_param(c, "pmu_reserved", &pmu);
	return ret ?: wpr_expect(c, "pmuReservedSize", m->pmu_reserved_size, pmu);
}

/* @field (at @off) must be a multiple of @align. */
static int wpr_aligned(struct wpr_ctx *c, const char *field, u64 off, u64 align)
{
	if (!(off & (align - 1)))
		return 0;
	return wpr_fail(c, "GspFwWprMeta.%s 0x%llx is not aligned to 0x%llx", field, off, align);
}

/*
 * The region [@off, @off + @size) named by @what must end at or below @limit
 * (the start of the region above it, named @above), without wrapping.
 */
static int wpr_below(struct wpr_ctx *c, const char *what, u64 off, u64 size, const char *above,
		     u64 limit)
{
	if (off <= limit && size <= limit - off)
		return 0;
	return wpr_fail(c, "%s [0x%llx, +0x%llx) runs past %s 0x%llx", what, off, size, above,
			limit);
}

/*
 * The SEC2 path: the rule of "what the booter accepts" above, checked from
 * the top of the FB down. @l is filled from the metadata.
 */
static int wpr_check_sec2(struct wpr_ctx *c, const struct nvgsp_abi_wpr_meta *m, u64 fb_size,
			  u64 frts_lo, u64 frts_hi, struct wpr_layout *l)
{
	const struct nvgsp_chip_info *chip = gpusim_fw_chip(c->fw);
	u64 meta_size = nvgsp_abi_codec_size(c->abi, NVGSP_ABI_CODEC_WPR_META);
	u64 non_wpr_min;
	int ret;

	ret = wpr_expect(c, "fbSize", m->fb_size, fb_size) ?:
	      wpr_below(c, "the VGA workspace (vgaWorkspaceOffset, vgaWorkspaceSize)",
			m->vga_workspace_offset, m->vga_workspace_size, "fbSize", fb_size) ?:
	      wpr_aligned(c, "gspFwWprEnd", m->gsp_fw_wpr_end, SZ_128K) ?:
	      wpr_below(c, "WPR2 (gspFwWprEnd)", m->gsp_fw_wpr_end, 0,
			"vgaWorkspaceOffset", m->vga_workspace_offset) ?:
	      wpr_expect(c, "frtsSize", m->frts_size, wpr_frts_size(chip)) ?:
	      wpr_below(c, "FRTS (frtsOffset, frtsSize)", m->frts_offset, m->frts_size,
			"gspFwWprEnd", m->gsp_fw_wpr_end) ?:
	      wpr_aligned(c, "bootBinOffset", m->boot_bin_offset, SZ_4K) ?:
	      wpr_below(c, "the boot binary (bootBinOffset, sizeOfBootloader)",
			m->boot_bin_offset, m->size_bootloader, "frtsOffset", m->frts_offset) ?:
	      wpr_aligned(c, "gspFwOffset", m->gsp_fw_offset, SZ_64K) ?:
	      wpr_below(c, "the GSP-RM image (gspFwOffset, sizeOfRadix3Elf)", m->gsp_fw_offset,
			m->size_radix3_elf, "bootBinOffset", m->boot_bin_offset) ?:
	      wpr_aligned(c, "gspFwHeapOffset", m->gsp_fw_heap_offset, SZ_1M) ?:
	      wpr_aligned(c, "gspFwHeapSize", m->gsp_fw_heap_size, SZ_1M) ?:
	      wpr_heap_enough(c, fb_size, m->gsp_fw_heap_size) ?:
	      wpr_below(c, "the WPR heap (gspFwHeapOffset, gspFwHeapSize)",
			m->gsp_fw_heap_offset, m->gsp_fw_heap_size, "gspFwOffset",
			m->gsp_fw_offset) ?:
	      wpr_aligned(c, "gspFwWprStart", m->gsp_fw_wpr_start, SZ_1M) ?:
	      wpr_below(c, "the metadata's WPR2 copy (gspFwWprStart, its size)",
			m->gsp_fw_wpr_start, meta_size, "gspFwHeapOffset",
			m->gsp_fw_heap_offset) ?:
	      wpr_fam_param(c, "non_wpr", &non_wpr_min);
	if (ret)
		return ret;
	if (m->non_wpr_heap_size < non_wpr_min)
		return wpr_fail(c, "GspFwWprMeta.nonWprHeapSize 0x%llx is below the release's 0x%llx",
				m->non_wpr_heap_size, non_wpr_min);
	ret = wpr_below(c, "the non-WPR heap (nonWprHeapOffset, nonWprHeapSize)",
			m->non_wpr_heap_offset, m->non_wpr_heap_size, "gspFwWprStart",
			m->gsp_fw_wpr_start) ?:
	      wpr_expect(c, "gspFwRsvdStart", m->gsp_fw_rsvd_start, m->non_wpr_heap_offset) ?:
	      wpr_check_pmu(c, m);
	if (ret)
		return ret;
	/* The booter extends the WPR2 FWSEC set up around FRTS (not on GA100). */
	if (m->frts_size && (frts_lo != m->frts_offset || frts_hi != m->frts_offset + m->frts_size))
		return wpr_fail(c, "FRTS carved by FWSEC is [0x%llx, 0x%llx) but GspFwWprMeta.frtsOffset/frtsSize say [0x%llx, 0x%llx)",
				frts_lo, frts_hi, m->frts_offset,
				(m->frts_offset + m->frts_size));
	memset(l, 0, sizeof(*l));
	l->vga = m->vga_workspace_offset;
	l->vga_size = m->vga_workspace_size;
	l->frts = m->frts_offset;
	l->frts_size = m->frts_size;
	l->boot = m->boot_bin_offset;
	l->elf = m->gsp_fw_offset;
	l->heap = m->gsp_fw_heap_offset;
	l->heap_size = m->gsp_fw_heap_size;
	l->wpr2 = m->gsp_fw_wpr_start;
	l->wpr_end = m->gsp_fw_wpr_end;
	l->non_wpr = m->non_wpr_heap_offset;
	l->non_wpr_size = m->non_wpr_heap_size;
	return 0;
}

static int wpr_check_fsp(struct wpr_ctx *c, const struct nvgsp_abi_wpr_meta *m, u64 fb_size,
			 struct wpr_layout *l)
{
	u64 non_wpr, pmu = 0, top;
	int ret;

	ret = wpr_fam_param(c, "non_wpr", &non_wpr);
	if (ret)
		return ret;
	/* nouveau gh100.c leaves fbSize 0; ACR knows the FB size itself. */
	if (m->fb_size && m->fb_size != fb_size)
		return wpr_expect(c, "fbSize", m->fb_size, fb_size);
	ret = wpr_heap_enough(c, fb_size, m->gsp_fw_heap_size) ?:
	      wpr_expect(c, "nonWprHeapSize", m->non_wpr_heap_size, non_wpr) ?:
	      wpr_expect(c, "frtsSize", m->frts_size, FRTS_SIZE) ?:
	      wpr_expect(c, "vgaWorkspaceSize", m->vga_workspace_size, FSP_VGA_SIZE) ?:
	      wpr_check_pmu(c, m);
	if (ret)
		return ret;
	/*
	 * Where ACR puts WPR2 is not visible to the driver (GSP-RM reports it
	 * in static info). gpusim's guess: the SEC2 layout under the space
	 * nouveau's gh100_gsp_init() asks the FSP to keep at the FB's end,
	 * ALIGN(non-WPR heap + PMU reserve, 2 MiB).
	 */
	if (nvgsp_abi_codec_fields(c->abi, NVGSP_ABI_CODEC_WPR_META) &
	    NVGSP_ABI_WPR_META_F_PMU_RESERVED_SIZE)
		pmu = m->pmu_reserved_size;
	top = align_up(non_wpr + pmu, FSP_ALIGN);
	if (fb_size <= top)
		return wpr_fail(c, "fbSize 0x%llx leaves no room for the FSP's 0x%llx reserved bytes",
				fb_size, top);
	return wpr_layout(c, fb_size, fb_size - top, FRTS_SIZE, m->size_bootloader,
			  m->size_radix3_elf, m->gsp_fw_heap_size, l);
}

int gpusim_wpr_check(struct gpusim *sim, const struct gpusim_fw *fw, u64 fb_size,
		     u64 frts_lo, u64 frts_hi, u64 meta_addr, bool fsp,
		     struct gpusim_wpr_result *res)
{
	struct wpr_ctx c = { .sim = sim, .fw = fw, .abi = gpusim_fw_abi(fw),
			     .who = fsp ? "fmc" : "booter" };
	struct nvgsp_abi_wpr_meta m;
	struct wpr_layout l;
	u64 magic, revision, verified;
	u32 size;
	const u8 *buf;
	int ret;

	size = nvgsp_abi_codec_size(c.abi, NVGSP_ABI_CODEC_WPR_META);
	if (!size)
		return wpr_fail(&c, "release %s has no GspFwWprMeta codec", c.abi->release);
	buf = gpusim_hw_dma(sim, meta_addr, size, "GspFwWprMeta");
	if (!buf)
		return -EINVAL;
	if (nvgsp_abi_decode(c.abi, NVGSP_ABI_CODEC_WPR_META, &m, buf, size) < 0)
		return wpr_fail(&c, "GspFwWprMeta at 0x%llx does not decode", meta_addr);
	c.vf_partitions = m.heap_vf_partition_count;
	ret = wpr_param(&c, "wpr_meta.magic", &magic) ?:
	      wpr_param(&c, "wpr_meta.revision", &revision) ?:
	      wpr_param(&c, "wpr_meta.verified", &verified) ?:
	      wpr_expect(&c, "magic", m.magic, magic) ?:
	      wpr_expect(&c, "revision", m.revision, revision) ?:
	      wpr_check_images(&c, &m);
	if (ret)
		return ret;
	ret = fsp ? wpr_check_fsp(&c, &m, fb_size, &l) :
		    wpr_check_sec2(&c, &m, fb_size, frts_lo, frts_hi, &l);
	if (ret)
		return ret;
	memset(res, 0, sizeof(*res));
	res->wpr2_lo = l.wpr2;
	res->wpr2_hi = l.frts + l.frts_size;
	res->meta_addr = meta_addr;
	res->meta = m;
	res->meta.verified = verified;
	return 0;
}
