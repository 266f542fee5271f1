// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_gpusim_wpr.c - gpusim's firmware files and its firmware-acceptance
 * checks of the WPR metadata (tests/gpusim/gpusim_fw.c, gpusim_wpr.c).
 *
 * The test stages what a driver hands the booter or the FSP, with its own
 * helper written from nouveau's code (tu102.c FB layout, r535/gsp.c radix3
 * and r535_gsp_wpr_meta_init(), gh100.c gh100_gsp_wpr_meta_init()) and
 * the real files of every chip family and release in Debian's
 * firmware-nvidia-graphics (sid): the .fwimage copied page by page into a
 * paged DMA buffer (whose pages the userspace OS layer gives descending bus
 * addresses) behind radix3 tables, the signature and bootloader in
 * contiguous buffers, the metadata encoded with the release's codec. Each
 * staging must be accepted; each of a table of single corruptions must be
 * refused with a message naming the field and both values.
 *
 * Hand-checked facts (not computed by the code under test): the GSP image
 * sizes in Documentation/firmware.rst ("Debian packages"), which
 * files each release ships per chip (linux-firmware's tree), and the
 * signature section size (4096 bytes, firmware.rst, "The GSP-RM image").
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "gpusim.h"
#include "gpusim_wpr.h"

#define SET		"graphics-sid"
#define R535		"535.113.01"
#define R570		"570.144"
#define KiB		1024ull
#define MiB		(1024ull * KiB)
#define GiB		(1024ull * MiB)
#define PAGE		4096ull
#define ENTRIES		(PAGE / 8)
#define N(a)		(int)(ARRAY_SIZE(a))

/* Every chip family with files, per release; FB sizes of a real board. */
static const struct cfg {
	const char *chip;
	const char *release;
	u32 fb_mib;
	bool fsp;
} cfgs[] = {
	{ "tu102", R535, 11 * 1024, false },	/* RTX 2080 Ti */
	{ "tu116", R535, 6 * 1024, false },	/* GTX 1660 Ti */
	{ "ga100", R535, 40 * 1024, false },	/* A100 40GB */
	{ "ga102", R535, 24 * 1024, false },	/* RTX 3090 */
	{ "ad102", R535, 24 * 1024, false },	/* RTX 4090 */
	{ "tu102", R570, 11 * 1024, false },
	{ "tu116", R570, 6 * 1024, false },
	{ "ga100", R570, 80 * 1024, false },	/* A100 80GB */
	{ "ga102", R570, 48 * 1024, false },	/* RTX A6000 */
	{ "ad102", R570, 48 * 1024, false },	/* L40 */
	{ "gh100", R570, 80 * 1024, true },	/* H100 */
	{ "gb100", R570, 180 * 1024, true },	/* B200 */
	{ "gb202", R570, 32 * 1024, true },	/* RTX 5090 */
};

/**
 * struct stage - what a driver hands the booter / FSP, built by the test.
 * @cfg: the chip and release.
 * @dev: the device the buffers belong to.
 * @sim: the simulated GPU.
 * @fw: the real files.
 * @abi: the release's table.
 * @fb_size: VRAM bytes.
 * @frts_lo: the FRTS region FWSEC carved (SEC2 path).
 * @frts_hi: its end.
 * @meta: the WPR metadata's buffer.
 * @l0: radix3 level 0.
 * @l1: radix3 level 1.
 * @l2: radix3 level 2 (paged).
 * @img: the .fwimage copy (paged).
 * @sig: the signature copy.
 * @bl: the bootloader ucode copy.
 * @l2_pages: pages in @l2.
 * @img_pages: pages in @img.
 * @m: the metadata as encoded into @meta.
 * @dma_live: DMA buffers live before staging.
 * @why: the first thing staging could not do; "" when it worked.
 */
struct stage {
	const struct cfg *cfg;
	struct nvgsp_os_device dev;
	struct gpusim *sim;
	struct gpusim_fw *fw;
	const struct nvgsp_abi *abi;
	u64 fb_size, frts_lo, frts_hi;
	struct nvgsp_os_dma meta, l0, l1, sig, bl;
	struct nvgsp_os_dma_sg *l2, *img;
	size_t l2_pages, img_pages;
	struct nvgsp_abi_wpr_meta m;
	size_t dma_live;
	char why[256];
};

/* Staging runs in an unchecked fixture too, so it records, not asserts. */
static bool need(struct stage *s, bool ok, const char *what)
{
	if (!ok && !s->why[0])
		snprintf(s->why, sizeof(s->why), "%s %s: %s", s->cfg->chip, s->cfg->release, what);
	return ok;
}

static void put64(void *p, u64 v)
{
	u8 *b = p;
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (u8)(v >> (8 * i));
}

static u64 get64(const void *p)
{
	const u8 *b = p;
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

static u64 param(struct stage *s, const char *name)
{
	u64 v = 0;

	need(s, !nvgsp_abi_param(s->abi, name, &v), name);
	return v;
}

/* heap.<family>.<what> */
static u64 heap_param(struct stage *s, const char *what)
{
	char name[64];

	snprintf(name, sizeof(name), "heap.%s.%s", gpusim_fw_chip(s->fw)->sig_family, what);
	return param(s, name);
}

/*
 * NVIDIA's kgspCalculateFbLayout heap: carveout + base + per-GB + client,
 * floored at heap.<family>.min; nouveau's tu102_gsp_wpr_heap_size() is the
 * same sum, but its floor (a MiB count compared with bytes) never bites.
 */
static u64 heap_floor(struct stage *s)
{
	u64 gb = (s->fb_size + GiB - 1) / GiB;
	u64 per_gb = (param(s, "heap.per_gb_fb") * gb + MiB - 1) & ~(MiB - 1);
	u64 client = (param(s, "heap.client_alloc") + MiB - 1) & ~(MiB - 1);

	return heap_param(s, "os_carveout") + heap_param(s, "base_rm") + per_gb + client;
}

/* 0: NVIDIA's heap; 1: nouveau's (no floor); else that many bytes */
static u64 heap_choice;

static u64 heap_bytes(struct stage *s)
{
	u64 heap = heap_floor(s);
	u64 min = heap_param(s, "min");

	if (heap_choice == 1)
		return heap;
	if (heap_choice)
		return heap_choice;
	return heap > min ? heap : min;
}

/* The FB layout as nouveau's tu102_gsp_oneinit() builds it. */
static void layout_sec2(struct stage *s)
{
	struct nvgsp_abi_wpr_meta *m = &s->m;
	const char *fam = gpusim_fw_chip(s->fw)->sig_family;
	u64 vga = s->fb_size - MiB;
	u64 frts_size = strcmp(fam, "ga100") ? MiB : 0;
	u64 heap;

	m->fb_size = s->fb_size;
	m->vga_workspace_offset = vga;
	m->vga_workspace_size = s->fb_size - vga;
	m->gsp_fw_wpr_end = vga & ~(128 * KiB - 1);
	m->frts_size = frts_size;
	m->frts_offset = m->gsp_fw_wpr_end - frts_size;
	m->boot_bin_offset = (m->frts_offset - m->size_bootloader) & ~(4 * KiB - 1);
	m->gsp_fw_offset = (m->boot_bin_offset - m->size_radix3_elf) & ~(64 * KiB - 1);
	heap = heap_bytes(s);
	m->gsp_fw_heap_offset = (m->gsp_fw_offset - heap) & ~(MiB - 1);
	m->gsp_fw_heap_size = (m->gsp_fw_offset - m->gsp_fw_heap_offset) & ~(MiB - 1);
	m->gsp_fw_wpr_start = (m->gsp_fw_heap_offset - 256) & ~(MiB - 1);
	m->non_wpr_heap_size = heap_param(s, "non_wpr");
	m->non_wpr_heap_offset = m->gsp_fw_wpr_start - m->non_wpr_heap_size;
	m->gsp_fw_rsvd_start = m->non_wpr_heap_offset;
	/* FWSEC carved FRTS where the driver computed it (gpusim's FWSEC does). */
	s->frts_lo = m->frts_offset;
	s->frts_hi = m->frts_offset + m->frts_size;
}

/* nouveau gh100_gsp_wpr_meta_init(): sizes only, ACR places the regions. */
static void layout_fsp(struct stage *s)
{
	struct nvgsp_abi_wpr_meta *m = &s->m;

	m->non_wpr_heap_size = heap_param(s, "non_wpr");
	m->gsp_fw_heap_size = heap_bytes(s);
	m->frts_size = MiB;
	m->vga_workspace_size = 128 * KiB;
	m->pmu_reserved_size = (u32)heap_param(s, "pmu_reserved");
}

static bool encode(struct stage *s)
{
	int n = nvgsp_abi_encode(s->abi, NVGSP_ABI_CODEC_WPR_META, &s->m, s->meta.cpu,
				 s->meta.size);

	return need(s, n == (int)nvgsp_abi_codec_size(s->abi, NVGSP_ABI_CODEC_WPR_META),
		    "encode GspFwWprMeta");
}

static void encode_meta(struct stage *s)
{
	ck_assert_msg(encode(s), "%s", s->why);
}

/* Copy the real files into DMA memory behind radix3 tables, as nouveau does. */
static bool stage_images(struct stage *s)
{
	const struct nvgsp_fw_riscv_ucode *bl = gpusim_fw_bootloader(s->fw);
	u64 img_size, sig_size, i;
	const u8 *img = gpusim_fw_image(s->fw, &img_size);
	const u8 *sig = gpusim_fw_signature(s->fw, &sig_size);

	if (!need(s, bl, "no bootloader"))
		return false;
	s->img_pages = (img_size + PAGE - 1) / PAGE;
	s->l2_pages = (s->img_pages + ENTRIES - 1) / ENTRIES;
	if (!need(s, !nvgsp_os_dma_sg_alloc(&s->dev, img_size, &s->img) &&
		  !nvgsp_os_dma_sg_alloc(&s->dev, s->l2_pages * PAGE, &s->l2) &&
		  !nvgsp_os_dma_alloc(&s->dev, PAGE, &s->l0) &&
		  !nvgsp_os_dma_alloc(&s->dev, PAGE, &s->l1) &&
		  !nvgsp_os_dma_alloc(&s->dev, sig_size, &s->sig) &&
		  !nvgsp_os_dma_alloc(&s->dev, bl->image_size, &s->bl), "DMA allocation"))
		return false;
	for (i = 0; i < s->img_pages; i++) {
		u64 n = img_size - i * PAGE < PAGE ? img_size - i * PAGE : PAGE;

		memcpy(nvgsp_os_dma_sg_page(s->img, i), img + i * PAGE, n);
		put64((u8 *)nvgsp_os_dma_sg_page(s->l2, i / ENTRIES) + (i % ENTRIES) * 8,
		      nvgsp_os_dma_sg_addr(s->img, i));
	}
	for (i = 0; i < s->l2_pages; i++)
		put64((u8 *)s->l1.cpu + i * 8, nvgsp_os_dma_sg_addr(s->l2, i));
	put64(s->l0.cpu, s->l1.addr);

	/* nouveau: ALIGN(size, 256) bytes for the signature; 4096 already is. */
	memcpy(s->sig.cpu, sig, sig_size);
	memcpy(s->bl.cpu, bl->image, bl->image_size);

	s->m.magic = param(s, "wpr_meta.magic");
	s->m.revision = param(s, "wpr_meta.revision");
	s->m.sysmem_addr_radix3_elf = s->l0.addr;
	s->m.size_radix3_elf = img_size;
	s->m.sysmem_addr_bootloader = s->bl.addr;
	s->m.size_bootloader = bl->image_size;
	s->m.bootloader_code_offset = bl->monitor_code.offset;
	s->m.bootloader_data_offset = bl->monitor_data.offset;
	s->m.bootloader_manifest_offset = bl->manifest.offset;
	s->m.sysmem_addr_signature = s->sig.addr;
	s->m.size_signature = sig_size;
	return true;
}

/* Stage everything but the simulated GPU; s->why says what failed. */
static bool stage_build(struct stage *s, const struct cfg *cfg)
{
	char err[256] = "";

	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->dev.name = "wpr";
	s->dma_live = nvgsp_os_user_dma_live();
	s->fb_size = (u64)cfg->fb_mib * MiB;
	if (!need(s, !gpusim_fw_load(unit_fw_root(SET), cfg->chip, cfg->release, &s->fw, err,
				     sizeof(err)), err))
		return false;
	s->abi = gpusim_fw_abi(s->fw);
	if (!need(s, !nvgsp_os_dma_alloc(&s->dev, PAGE, &s->meta), "DMA allocation") ||
	    !stage_images(s))
		return false;
	if (cfg->fsp)
		layout_fsp(s);
	else
		layout_sec2(s);
	return encode(s) && !s->why[0];
}

static void stage_free(struct stage *s)
{
	nvgsp_os_dma_free(&s->dev, &s->meta);
	nvgsp_os_dma_free(&s->dev, &s->l0);
	nvgsp_os_dma_free(&s->dev, &s->l1);
	nvgsp_os_dma_free(&s->dev, &s->sig);
	nvgsp_os_dma_free(&s->dev, &s->bl);
	nvgsp_os_dma_sg_free(&s->dev, s->l2);
	nvgsp_os_dma_sg_free(&s->dev, s->img);
	gpusim_fw_free(s->fw);
	s->fw = NULL;
}

static void sim_create(struct stage *s)
{
	struct gpusim_config gc = {
		.chip = s->cfg->chip,
		.release = s->cfg->release,
		.fw_path = unit_fw_root(SET),
		.fb_mib = s->cfg->fb_mib,
	};
	char err[256] = "";

	ck_assert_msg(!gpusim_create(&gc, &s->sim, err, sizeof(err)), "%s", err);
}

static void stage(struct stage *s, const struct cfg *cfg)
{
	bool ok = stage_build(s, cfg);

	if (!ok)
		stage_free(s);
	ck_assert_msg(ok, "%s", s->why);
	sim_create(s);
}

static void unstage(struct stage *s)
{
	size_t live = s->dma_live;

	gpusim_destroy(s->sim);
	stage_free(s);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), live);
}

static int check(struct stage *s, struct gpusim_wpr_result *res)
{
	return gpusim_wpr_check(s->sim, s->fw, s->fb_size, s->frts_lo, s->frts_hi, s->meta.addr,
				s->cfg->fsp, res);
}

/* ---- acceptance ---------------------------------------------------------- */

START_TEST(accepts_what_nouveau_hands)
{
	const struct cfg *cfg = &cfgs[_i];
	struct nvgsp_abi_wpr_meta host;
	struct gpusim_wpr_result res;
	struct stage s;
	u64 verified = 0;

	stage(&s, cfg);
	ck_assert_msg(!check(&s, &res), "%s %s: %s", cfg->chip, cfg->release,
		      gpusim_error(s.sim));
	ck_assert_str_eq(gpusim_error(s.sim), "");
	ck_assert_int_eq(nvgsp_abi_param(s.abi, "wpr_meta.verified", &verified), 0);
	ck_assert_uint_eq(verified, 0xa0a0a0a0a0a0a0a0ull);	/* gsp_fw_wpr_meta.h */
	ck_assert_uint_eq(res.meta.verified, verified);
	ck_assert_uint_eq(res.meta_addr, s.meta.addr);
	ck_assert_uint_eq(res.meta.size_radix3_elf, s.m.size_radix3_elf);
	/* The booter marks its WPR2 copy, not the driver's. */
	ck_assert_int_gt(nvgsp_abi_decode(s.abi, NVGSP_ABI_CODEC_WPR_META, &host, s.meta.cpu,
					  s.meta.size), 0);
	ck_assert_uint_eq(host.verified, 0);
	if (!cfg->fsp) {
		ck_assert_uint_eq(res.wpr2_lo, s.m.gsp_fw_wpr_start);
		ck_assert_uint_eq(res.wpr2_hi, s.m.frts_offset + s.m.frts_size);
		ck_assert_uint_eq(res.wpr2_hi, s.m.gsp_fw_wpr_end);
	}
	ck_assert_uint_eq(res.wpr2_lo % MiB, 0);
	ck_assert_uint_lt(res.wpr2_lo, res.wpr2_hi);
	ck_assert_uint_le(res.wpr2_hi, s.fb_size);
	ck_assert_uint_ge(res.wpr2_hi - res.wpr2_lo, s.m.size_radix3_elf + s.m.gsp_fw_heap_size);
	unstage(&s);
}
END_TEST

/*
 * nouveau's heap (NVIDIA's sum without the floor: 129 MiB where NVIDIA asks
 * 170 MiB on a 24 GiB GA102 with 570.144) boots real hardware, so the
 * booter takes it; and a larger heap than either.
 */
START_TEST(accepts_other_heaps)
{
	const struct cfg *cfg = &cfgs[_i / 2];
	struct gpusim_wpr_result res;
	struct stage s;
	bool ok;

	heap_choice = 1;
	ok = stage_build(&s, cfg);
	if (ok && !(_i & 1)) {
		heap_choice = heap_floor(&s) + 256 * MiB;
		if (cfg->fsp)
			layout_fsp(&s);
		else
			layout_sec2(&s);
		ok = encode(&s);
	}
	heap_choice = 0;
	if (!ok)
		stage_free(&s);
	ck_assert_msg(ok, "%s", s.why);
	sim_create(&s);
	ck_assert_msg(!check(&s, &res), "%s %s heap 0x%llx: %s", cfg->chip, cfg->release,
		      s.m.gsp_fw_heap_size, gpusim_error(s.sim));
	if (!cfg->fsp) {
		ck_assert_uint_eq(res.wpr2_lo, s.m.gsp_fw_wpr_start);
		ck_assert_uint_eq(res.meta.gsp_fw_heap_size, s.m.gsp_fw_heap_size);
	}
	unstage(&s);
}
END_TEST

/* Gaps between the regions: neither driver's alignment leaves none. */
START_TEST(accepts_gaps)
{
	const struct cfg *cfg = &cfgs[_i];
	struct gpusim_wpr_result res;
	struct stage s;

	stage(&s, cfg);
	s.m.gsp_fw_offset -= 3 * 64 * KiB;
	s.m.gsp_fw_heap_offset -= 2 * MiB;
	s.m.gsp_fw_wpr_start -= 3 * MiB;
	s.m.non_wpr_heap_offset -= 5 * MiB;
	s.m.gsp_fw_rsvd_start = s.m.non_wpr_heap_offset;
	s.m.non_wpr_heap_size += MiB;
	encode_meta(&s);
	ck_assert_msg(!check(&s, &res), "%s %s: %s", cfg->chip, cfg->release,
		      gpusim_error(s.sim));
	ck_assert_uint_eq(res.wpr2_lo, s.m.gsp_fw_wpr_start);
	ck_assert_uint_eq(res.wpr2_hi, s.m.frts_offset + s.m.frts_size);
	unstage(&s);
}
END_TEST

/* An FSP chip's metadata may carry fbSize (NVIDIA's RM) or leave it 0 (nouveau). */
START_TEST(fsp_takes_fb_size_or_zero)
{
	struct gpusim_wpr_result res;
	struct stage s;

	stage(&s, &cfgs[N(cfgs) - 1]);
	s.m.fb_size = s.fb_size;
	encode_meta(&s);
	ck_assert_msg(!check(&s, &res), "%s", gpusim_error(s.sim));
	unstage(&s);
}
END_TEST

/* ---- single corruptions ---------------------------------------------------- */

enum corrupt_kind {
	C_FIELD,		/* add .delta to the u64 field at .off */
	C_FIELD_MSG,		/* the same; the message contains .msg */
	C_HEAP_SMALL,		/* the heap 1 MiB below the floor (moved up on SEC2) */
	C_PMU,			/* pmuReservedSize (a u32) += .delta */
	C_L2_SWAP,		/* a level 2 entry names the next image page */
	C_L1_DUP,		/* level 1 entry 1 names level 2 page 0 */
	C_L2_UNALIGNED,		/* level 2 entry 3 + 8 */
	C_L2_UNMAPPED,		/* level 2 entry 7 names no memory */
	C_ROOT_UNMAPPED,	/* sysmemAddrOfRadix3Elf names no memory */
	C_IMG_BYTE,		/* one byte of image page 1000 */
	C_IMG_LAST,		/* the image's last byte */
	C_SIG_BYTE,		/* signature byte 100 */
	C_BL_BYTE,		/* bootloader byte 200 */
	C_FRTS_CARVED,		/* FWSEC carved FRTS 1 MiB lower */
	C_FB_SMALL,		/* the GPU has .delta bytes */
	C_FB_NON_WPR,		/* the GPU has just no room for the non-WPR heap */
	C_ROOT_UNALIGNED,	/* sysmemAddrOfRadix3Elf + 8 */
	C_L0_UNALIGNED,		/* level 0 entry + 8 */
	C_L0_UNMAPPED,		/* level 0 entry names no memory */
	C_L1_UNALIGNED,		/* level 1 entry 0 + 8 */
	C_L1_UNMAPPED,		/* level 1 entry 0 names no memory */
	C_SIG_UNMAPPED,		/* sysmemAddrOfSignature names no memory */
	C_BL_UNMAPPED,		/* sysmemAddrOfBootloader names no memory */
	C_META_UNMAPPED,	/* the metadata's address names no memory */
};

#define F(field) offsetof(struct nvgsp_abi_wpr_meta, field)

/* Which configurations a row runs on. */
enum { ON_SEC2 = 1, ON_FSP = 2, ON_570 = 4 };

static const struct crow {
	const char *name;	/* the field, as the message names it */
	enum corrupt_kind kind;
	size_t off;
	u64 delta;
	unsigned int on;
	const char *msg;	/* for kinds whose message is not "field is, expected" */
} crows[] = {
	{ "magic", C_FIELD, F(magic), 1, ON_SEC2 | ON_FSP, NULL },
	{ "revision", C_FIELD, F(revision), 1, ON_SEC2 | ON_FSP, NULL },
	{ "sizeOfRadix3Elf", C_FIELD, F(size_radix3_elf), PAGE, ON_SEC2 | ON_FSP, NULL },
	{ "sizeOfSignature", C_FIELD, F(size_signature), 256, ON_SEC2 | ON_FSP, NULL },
	{ "sizeOfBootloader", C_FIELD, F(size_bootloader), PAGE, ON_SEC2 | ON_FSP, NULL },
	{ "bootloaderCodeOffset", C_FIELD, F(bootloader_code_offset), 0x100, ON_SEC2 | ON_FSP,
	  NULL },
	{ "bootloaderDataOffset", C_FIELD, F(bootloader_data_offset), 0x100, ON_SEC2 | ON_FSP,
	  NULL },
	{ "bootloaderManifestOffset", C_FIELD, F(bootloader_manifest_offset), 0x100,
	  ON_SEC2 | ON_FSP, NULL },
	{ "fbSize", C_FIELD, F(fb_size), MiB, ON_SEC2 | ON_FSP, NULL },
	/* SEC2: the booter takes any consistent layout (gpusim_wpr.c) */
	{ "vgaWorkspaceOffset", C_FIELD_MSG, F(vga_workspace_offset), 128 * KiB, ON_SEC2,
	  "booter: the VGA workspace (vgaWorkspaceOffset, vgaWorkspaceSize) [0x" },
	{ "vgaWorkspaceSize", C_FIELD_MSG, F(vga_workspace_size), 128 * KiB, ON_SEC2,
	  ") runs past fbSize 0x" },
	{ "vgaWorkspaceSize", C_FIELD, F(vga_workspace_size), 128 * KiB, ON_FSP, NULL },
	{ "frtsOffset", C_FIELD_MSG, F(frts_offset), -MiB, ON_SEC2,
	  "booter: the boot binary (bootBinOffset, sizeOfBootloader) [0x" },
	{ "frtsSize", C_FIELD, F(frts_size), MiB, ON_SEC2 | ON_FSP, NULL },
	{ "bootBinOffset", C_FIELD_MSG, F(boot_bin_offset), PAGE, ON_SEC2,
	  ") runs past frtsOffset 0x" },
	{ "bootBinOffset alignment", C_FIELD_MSG, F(boot_bin_offset), -0x100ull, ON_SEC2,
	  "is not aligned to 0x1000" },
	{ "gspFwOffset", C_FIELD_MSG, F(gsp_fw_offset), 64 * KiB, ON_SEC2,
	  ") runs past bootBinOffset 0x" },
	{ "gspFwOffset alignment", C_FIELD_MSG, F(gsp_fw_offset), -PAGE, ON_SEC2,
	  "booter: GspFwWprMeta.gspFwOffset 0x" },
	{ "gspFwHeapOffset", C_FIELD_MSG, F(gsp_fw_heap_offset), -MiB, ON_SEC2,
	  "booter: the metadata's WPR2 copy (gspFwWprStart, its size) [0x" },
	{ "gspFwHeapSize", C_FIELD_MSG, F(gsp_fw_heap_size), MiB, ON_SEC2,
	  ") runs past gspFwOffset 0x" },
	{ "gspFwHeapSize alignment", C_FIELD_MSG, F(gsp_fw_heap_size), -PAGE, ON_SEC2,
	  "GspFwWprMeta.gspFwHeapSize 0x" },
	{ "gspFwHeapSize floor", C_HEAP_SMALL, 0, 0, ON_SEC2 | ON_FSP,
	  " bytes GSP-RM needs on a 0x" },
	{ "gspFwWprStart", C_FIELD_MSG, F(gsp_fw_wpr_start), -MiB, ON_SEC2,
	  ") runs past gspFwWprStart 0x" },
	{ "gspFwWprEnd", C_FIELD_MSG, F(gsp_fw_wpr_end), 128 * KiB, ON_SEC2,
	  ") runs past vgaWorkspaceOffset 0x" },
	{ "nonWprHeapOffset", C_FIELD_MSG, F(non_wpr_heap_offset), -MiB, ON_SEC2,
	  "booter: GspFwWprMeta.gspFwRsvdStart is 0x" },
	{ "nonWprHeapSize", C_FIELD_MSG, F(non_wpr_heap_size), MiB, ON_SEC2,
	  "booter: the non-WPR heap (nonWprHeapOffset, nonWprHeapSize) [0x" },
	{ "nonWprHeapSize", C_FIELD, F(non_wpr_heap_size), MiB, ON_FSP, NULL },
	{ "nonWprHeapSize floor", C_FIELD_MSG, F(non_wpr_heap_size), -MiB, ON_SEC2,
	  "booter: GspFwWprMeta.nonWprHeapSize 0x0 is below the release's 0x100000" },
	{ "gspFwRsvdStart", C_FIELD, F(gsp_fw_rsvd_start), -MiB, ON_SEC2, NULL },
	{ "pmuReservedSize", C_PMU, 0, PAGE, ON_SEC2 | ON_FSP | ON_570, NULL },
	{ "radix3 entry", C_L2_SWAP, 0, 0, ON_SEC2 | ON_FSP, NULL },
	{ "radix3 level 1", C_L1_DUP, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3 image page 512 (level 2 page 1 entry 0) at 0x" },
	{ "radix3 alignment", C_L2_UNALIGNED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3: level 2 entry 3 of page 0 (image page 3) 0x" },
	{ "radix3 unmapped page", C_L2_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3 image page 7 (level 2 page 0 entry 7)" },
	{ "radix3 unmapped root", C_ROOT_UNMAPPED, 0, 0, ON_SEC2, "radix3 level 0" },
	{ "image byte", C_IMG_BYTE, 0, 0, ON_SEC2 | ON_FSP, NULL },
	{ "image last byte", C_IMG_LAST, 0, 0, ON_SEC2 | ON_FSP, NULL },
	{ "signature byte", C_SIG_BYTE, 0, 0, ON_SEC2 | ON_FSP, NULL },
	{ "bootloader byte", C_BL_BYTE, 0, 0, ON_SEC2 | ON_FSP, NULL },
	{ "FRTS carved", C_FRTS_CARVED, 0, 0, ON_SEC2, "booter: FRTS carved by FWSEC is [0x" },
	/* SEC2: the driver's layout for so small an FB wraps below 0 */
	{ "1 MiB FB", C_FB_SMALL, 0, MiB, ON_SEC2,
	  "booter: FRTS (frtsOffset, frtsSize) [0xfffffffffff00000, +0x100000) runs past gspFwWprEnd 0x0" },
	{ "1.5 MiB FB", C_FB_SMALL, 0, MiB + MiB / 2, ON_SEC2,
	  "booter: FRTS (frtsOffset, frtsSize) [0xfffffffffff80000, +0x100000) runs past gspFwWprEnd 0x80000" },
	{ "2 MiB FB", C_FB_SMALL, 0, 2 * MiB, ON_SEC2,
	  ") runs past frtsOffset 0x0" },
	{ "4 MiB FB", C_FB_SMALL, 0, 4 * MiB, ON_SEC2,
	  "booter: the GSP-RM image (gspFwOffset, sizeOfRadix3Elf) [0xffff" },
	{ "64 MiB FB", C_FB_SMALL, 0, 64 * MiB, ON_SEC2,
	  "booter: the WPR heap (gspFwHeapOffset, gspFwHeapSize) [0xfff" },
	{ "no room for non-WPR heap", C_FB_NON_WPR, 0, 0, ON_SEC2,
	  "booter: the non-WPR heap (nonWprHeapOffset, nonWprHeapSize) [0xfffffffffff00000, +0x100000) runs past gspFwWprStart 0x0" },
	{ "2 MiB FB, FSP", C_FB_SMALL, 0, 2 * MiB, ON_FSP,
	  "fmc: fbSize 0x200000 leaves no room for the FSP's 0x" },
	{ "128 MiB FB, FSP", C_FB_SMALL, 0, 128 * MiB, ON_FSP,
	  "fmc: fbSize 0x8000000 leaves no room for the WPR heap" },
	{ "radix3 root alignment", C_ROOT_UNALIGNED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3: sysmemAddrOfRadix3Elf 0x" },
	{ "radix3 level 0 alignment", C_L0_UNALIGNED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3: level 0 entry 0 0x" },
	{ "radix3 level 0 unmapped", C_L0_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP, "radix3 level 1" },
	{ "radix3 level 1 alignment", C_L1_UNALIGNED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3: level 1 entry 0 0x" },
	{ "radix3 level 1 unmapped", C_L1_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP,
	  "radix3 level 2 page 0 (level 1 entry 0)" },
	{ "signature unmapped", C_SIG_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP,
	  "signature (sysmemAddrOfSignature)" },
	{ "bootloader unmapped", C_BL_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP,
	  "bootloader (sysmemAddrOfBootloader)" },
	{ "metadata unmapped", C_META_UNMAPPED, 0, 0, ON_SEC2 | ON_FSP, "GspFwWprMeta" },
};

/* The configurations the corruptions run on: both paths, both releases. */
static const struct cfg *const ccfgs[] = {
	&cfgs[8],	/* ga102 570.144 */
	&cfgs[1],	/* tu116 535.113.01 */
	&cfgs[11],	/* gb100 570.144: FSP, a non-zero PMU reserve */
};

/*
 * The corruption tests' stagings, built once in the runner by an unchecked
 * fixture before the tests fork (staging a 60 MB image costs more than the
 * check). Each test works on a copy of the struct, corrupts the shared
 * buffers, and undoes that (needed when CK_FORK=no).
 */
static struct stage staged[N(ccfgs)];
static bool staged_ok[N(ccfgs)];

static void ccfgs_stage(void)
{
	int c;

	if (!getenv("NVGSP_FW_SETS"))
		return;	/* each test then stages itself and fails, naming the problem */
	for (c = 0; c < N(ccfgs); c++) {
		staged_ok[c] = stage_build(&staged[c], ccfgs[c]);
		if (!staged_ok[c])
			stage_free(&staged[c]);
	}
}

static void ccfgs_unstage(void)
{
	int c;

	for (c = 0; c < N(ccfgs); c++) {
		if (staged_ok[c])
			stage_free(&staged[c]);
		staged_ok[c] = false;
	}
}

static struct { unsigned int row, cfg; } ccases[N(crows) * N(ccfgs)];
static int n_ccases;

static void build_ccases(void)
{
	int r, c;

	n_ccases = 0;
	for (r = 0; r < N(crows); r++)
		for (c = 0; c < N(ccfgs); c++) {
			unsigned int on = crows[r].on;

			if (!(on & (ccfgs[c]->fsp ? ON_FSP : ON_SEC2)))
				continue;
			if ((on & ON_570) && strcmp(ccfgs[c]->release, R570))
				continue;
			ccases[n_ccases].row = (unsigned int)r;
			ccases[n_ccases].cfg = (unsigned int)c;
			n_ccases++;
		}
}

static u8 *flipped;	/* the byte a test flipped, to flip back */

static u8 *flip(void *p, size_t at)
{
	flipped = (u8 *)p + at;
	*flipped ^= 0x5a;
	return flipped;
}

START_TEST(refuses_single_corruption)
{
	const struct crow *row = &crows[ccases[_i].row];
	const struct cfg *cfg = ccfgs[ccases[_i].cfg];
	const char *who = cfg->fsp ? "fmc" : "booter";
	struct gpusim_wpr_result res;
	char want[320] = "";
	u64 meta_addr, fb_size, img_size, sig_size;
	const u8 *img, *sig;
	unsigned int c = ccases[_i].cfg;
	u8 l1_saved[16], l2_saved[PAGE];
	struct stage s;
	u8 *l2, *b;
	u64 at;

	if (staged_ok[c]) {
		s = staged[c];
	} else {
		bool ok = stage_build(&s, cfg);

		if (!ok)
			stage_free(&s);
		ck_assert_msg(ok, "%s", s.why);
	}
	sim_create(&s);
	flipped = NULL;
	memcpy(l1_saved, s.l1.cpu, sizeof(l1_saved));
	memcpy(l2_saved, nvgsp_os_dma_sg_page(s.l2, 0), sizeof(l2_saved));
	meta_addr = s.meta.addr;
	fb_size = s.fb_size;
	img = gpusim_fw_image(s.fw, &img_size);
	sig = gpusim_fw_signature(s.fw, &sig_size);
	l2 = nvgsp_os_dma_sg_page(s.l2, 0);
	switch (row->kind) {
	case C_FIELD: {
		u64 *f = (u64 *)((u8 *)&s.m + row->off);

		snprintf(want, sizeof(want), "%s: GspFwWprMeta.%s is 0x%llx, expected 0x%llx",
			 who, row->name, *f + row->delta, *f);
		*f += row->delta;
		if (cfg->fsp && row->off == F(fb_size))	/* nouveau leaves it 0 */
			snprintf(want, sizeof(want),
				 "%s: GspFwWprMeta.fbSize is 0x%llx, expected 0x%llx", who,
				 *f, s.fb_size);
		break;
	}
	case C_FIELD_MSG:
		*(u64 *)((u8 *)&s.m + row->off) += row->delta;
		break;
	case C_HEAP_SMALL: {
		u64 floor = heap_floor(&s) - MiB;

		if (!cfg->fsp)
			s.m.gsp_fw_heap_offset += s.m.gsp_fw_heap_size - floor;
		s.m.gsp_fw_heap_size = floor;
		break;
	}
	case C_PMU:
		snprintf(want, sizeof(want),
			 "%s: GspFwWprMeta.pmuReservedSize is 0x%llx, expected 0x%llx", who,
			 s.m.pmu_reserved_size + row->delta, (u64)s.m.pmu_reserved_size);
		s.m.pmu_reserved_size += (u32)row->delta;
		break;
	case C_L2_SWAP:
		/* the first page from 5 on that differs from its successor */
		for (at = 5; at < ENTRIES - 1; at++)
			if (memcmp(img + at * PAGE, img + (at + 1) * PAGE, PAGE))
				break;
		ck_assert_uint_lt(at, ENTRIES - 1);
		put64(l2 + at * 8, nvgsp_os_dma_sg_addr(s.img, at + 1));
		snprintf(want, sizeof(want),
			 "radix3 image page %llu (level 2 page 0 entry %llu) at 0x%llx differs from the real file at byte 0x",
			 at, at, nvgsp_os_dma_sg_addr(s.img, at + 1));
		break;
	case C_L1_DUP:
		ck_assert_uint_gt(s.l2_pages, 1);
		put64((u8 *)s.l1.cpu + 8, get64(s.l1.cpu));
		ck_assert(memcmp(img, img + 512 * PAGE, PAGE));
		break;
	case C_L2_UNALIGNED:
		put64(l2 + 3 * 8, get64(l2 + 3 * 8) + 8);
		break;
	case C_L2_UNMAPPED:
		put64(l2 + 7 * 8, 0x7f0000000000ull);
		break;
	case C_ROOT_UNMAPPED:
		s.m.sysmem_addr_radix3_elf = 0x7f0000000000ull;
		break;
	case C_IMG_BYTE:
		b = flip(nvgsp_os_dma_sg_page(s.img, 1000), 17);
		snprintf(want, sizeof(want),
			 "radix3 image page 1000 (level 2 page 1 entry 488) at 0x%llx differs from the real file at byte 0x11: 0x%02x, expected 0x%02x",
			 nvgsp_os_dma_sg_addr(s.img, 1000), *b, img[1000 * PAGE + 17]);
		break;
	case C_IMG_LAST:
		at = img_size - 1;
		b = flip(nvgsp_os_dma_sg_page(s.img, at / PAGE), at % PAGE);
		snprintf(want, sizeof(want),
			 "radix3 image page %llu (level 2 page %llu entry %llu) at 0x%llx differs from the real file at byte 0x%llx: 0x%02x, expected 0x%02x",
			 at / PAGE, at / PAGE / ENTRIES, at / PAGE % ENTRIES,
			 nvgsp_os_dma_sg_addr(s.img, at / PAGE), at % PAGE, *b,
			 img[at]);
		break;
	case C_SIG_BYTE:
		b = flip(s.sig.cpu, 100);
		snprintf(want, sizeof(want),
			 "%s: signature (sysmemAddrOfSignature) at 0x%llx differs from the real file at byte 0x64: 0x%02x, expected 0x%02x",
			 who, s.sig.addr, *b, sig[100]);
		break;
	case C_BL_BYTE:
		b = flip(s.bl.cpu, 200);
		snprintf(want, sizeof(want),
			 "%s: bootloader (sysmemAddrOfBootloader) at 0x%llx differs from the real file at byte 0xc8: 0x%02x, expected 0x%02x",
			 who, s.bl.addr, *b, gpusim_fw_bootloader(s.fw)->image[200]);
		break;
	case C_FRTS_CARVED:
		s.frts_lo -= MiB;
		s.frts_hi -= MiB;
		break;
	case C_FB_SMALL:
		fb_size = row->delta;
		break;
	case C_FB_NON_WPR: {
		/*
		 * The smallest FB (in MiB) whose WPR heap starts at 1 MiB: the
		 * metadata's 256 bytes then push WPR2 to 0 (the test's layout).
		 */
		struct stage t = s;

		for (fb_size = 64 * MiB; fb_size < GiB; fb_size += MiB) {
			t.fb_size = fb_size;
			layout_sec2(&t);
			if (t.m.gsp_fw_heap_offset == MiB)
				break;
		}
		ck_assert_uint_lt(fb_size, GiB);
		break;
	}
	case C_ROOT_UNALIGNED:
		s.m.sysmem_addr_radix3_elf += 8;
		break;
	case C_L0_UNALIGNED:
		put64(s.l0.cpu, s.l1.addr + 8);
		break;
	case C_L0_UNMAPPED:
		put64(s.l0.cpu, 0x7f0000000000ull);
		break;
	case C_L1_UNALIGNED:
		put64(s.l1.cpu, get64(s.l1.cpu) + 8);
		break;
	case C_L1_UNMAPPED:
		put64(s.l1.cpu, 0x7f0000000000ull);
		break;
	case C_SIG_UNMAPPED:
		s.m.sysmem_addr_signature = 0x7f0000000000ull;
		break;
	case C_BL_UNMAPPED:
		s.m.sysmem_addr_bootloader = 0x7f0000000000ull;
		break;
	case C_META_UNMAPPED:
		meta_addr = 0x7f0000000000ull;
		break;
	}
	if (!cfg->fsp && (row->kind == C_FB_SMALL || row->kind == C_FB_NON_WPR)) {
		/* what a driver computes for that FB, as nouveau would */
		s.fb_size = fb_size;
		layout_sec2(&s);
	}
	encode_meta(&s);
	if (!want[0])
		snprintf(want, sizeof(want), "%s", row->msg);
	ck_assert_int_eq(gpusim_wpr_check(s.sim, s.fw, fb_size, s.frts_lo, s.frts_hi, meta_addr,
					  cfg->fsp, &res), -EINVAL);
	ck_assert_msg(strstr(gpusim_error(s.sim), want), "%s %s %s: got \"%s\", want \"%s\"",
		      cfg->chip, cfg->release, row->name, gpusim_error(s.sim), want);

	/* undo, for the next test when they do not fork */
	if (flipped)
		*flipped ^= 0x5a;
	put64(s.l0.cpu, s.l1.addr);
	memcpy(s.l1.cpu, l1_saved, sizeof(l1_saved));
	memcpy(nvgsp_os_dma_sg_page(s.l2, 0), l2_saved, sizeof(l2_saved));
	if (staged_ok[c]) {
		s.m = staged[c].m;
		encode_meta(&s);
		gpusim_destroy(s.sim);
	} else {
		unstage(&s);
	}
}
END_TEST

/* ---- the firmware files ----------------------------------------------------- */

/* Which files linux-firmware ships per chip and release (hand-checked tree). */
static const struct files_row {
	const char *chip;
	const char *release;
	u32 roles;
	size_t gsp_size;	/* 0: not checked here */
} files_rows[] = {
#define R(x) NVGSP_FW_ROLE(NVGSP_FW_##x)
	{ "tu102", R535, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD), 23750944 },
	{ "tu102", R570, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD) |
			 R(GEN_BOOTLOADER), 28542040 },
	{ "ga102", R535, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD), 38061600 },
	{ "ga102", R570, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD), 63571696 },
	{ "ad102", R570, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD) |
			 R(SCRUBBER), 63571696 },
	{ "gh100", R570, R(GSP) | R(BOOTLOADER) | R(FMC), 63571696 },
	{ "gb202", R570, R(GSP) | R(BOOTLOADER) | R(FMC), 63571696 },
	{ "ga104", R570, R(GSP) | R(BOOTLOADER) | R(BOOTER_LOAD) | R(BOOTER_UNLOAD), 63571696 },
#undef R
};

START_TEST(loads_the_files_of_the_release)
{
	const struct files_row *row = &files_rows[_i];
	const struct nvgsp_fw_riscv_ucode *bl;
	const struct nvgsp_fw_blob *blob;
	struct gpusim_fw *fw;
	char err[256] = "";
	u64 size;
	u32 bin[6];
	int r, k;

	ck_assert_msg(!gpusim_fw_load(unit_fw_root(SET), row->chip, row->release, &fw, err,
				      sizeof(err)), "%s", err);
	ck_assert_str_eq(gpusim_fw_abi(fw)->release, row->release);
	ck_assert_str_eq(gpusim_fw_chip(fw)->fw_dir, row->chip);
	for (r = 0; r < NVGSP_FW_NR_ROLES; r++) {
		blob = gpusim_fw_file(fw, (enum nvgsp_fw_role)r);
		if (!(row->roles & NVGSP_FW_ROLE(r))) {
			ck_assert_msg(!blob, "%s %s has a %s", row->chip, row->release,
				      nvgsp_fw_role_name((enum nvgsp_fw_role)r));
			continue;
		}
		ck_assert_msg(blob && blob->size, "%s %s lacks its %s", row->chip, row->release,
			      nvgsp_fw_role_name((enum nvgsp_fw_role)r));
		ck_assert_ptr_nonnull(strstr(blob->name, row->chip));
	}
	ck_assert_uint_eq(gpusim_fw_file(fw, NVGSP_FW_GSP)->size, row->gsp_size);
	ck_assert_ptr_null(gpusim_fw_file(fw, NVGSP_FW_NR_ROLES));
	gpusim_fw_signature(fw, &size);
	ck_assert_uint_eq(size, 4096);
	/* .fwimage lies inside the image file and is most of it. */
	blob = gpusim_fw_file(fw, NVGSP_FW_GSP);
	ck_assert(gpusim_fw_image(fw, &size) > blob->data);
	ck_assert_uint_lt(size, blob->size);
	ck_assert_uint_gt(size, blob->size / 2);
	/* The bootloader image is the file after its bin header (nouveau). */
	bl = gpusim_fw_bootloader(fw);
	blob = gpusim_fw_file(fw, NVGSP_FW_BOOTLOADER);
	ck_assert_ptr_nonnull(bl);
	for (k = 0; k < 6; k++)
		bin[k] = get_unaligned_le32(blob->data + 4 * k);
	ck_assert_uint_eq(bin[0], 0x10de);
	ck_assert_ptr_eq(bl->image, blob->data + bin[4]);
	ck_assert_uint_eq(bl->image_size, bin[5]);
	ck_assert_uint_eq(bin[4] + bin[5], blob->size);
	ck_assert_int_eq(!!gpusim_fw_hs(fw, NVGSP_FW_BOOTER_LOAD),
			 !!(row->roles & NVGSP_FW_ROLE(NVGSP_FW_BOOTER_LOAD)));
	ck_assert_int_eq(!!gpusim_fw_hs(fw, NVGSP_FW_SCRUBBER),
			 !!(row->roles & NVGSP_FW_ROLE(NVGSP_FW_SCRUBBER)));
	ck_assert_ptr_null(gpusim_fw_hs(fw, NVGSP_FW_BOOTLOADER));
	ck_assert_int_eq(!!gpusim_fw_gen_bootloader(fw),
			 !!(row->roles & NVGSP_FW_ROLE(NVGSP_FW_GEN_BOOTLOADER)));
	ck_assert_int_eq(!!gpusim_fw_fmc(fw), !!(row->roles & NVGSP_FW_ROLE(NVGSP_FW_FMC)));
	gpusim_fw_free(fw);
}
END_TEST

/*
 * A private firmware tree: nvidia/ga102/gsp/ with each 570.144 file linked
 * to the real one, or to @gsp_target for the image, or holding @bl_bytes
 * for the bootloader.
 */
struct tree {
	char root[64];
	char dir[128];
	char files[8][192];
	int n;
};

static void tree_make(struct tree *t, const char *gsp_target, const char *bl_bytes)
{
	static const char *const roles[] = { "gsp", "bootloader", "booter_load", "booter_unload" };
	const char *real = unit_fw_root(SET);
	char target[256];
	int i;

	memset(t, 0, sizeof(*t));
	snprintf(t->root, sizeof(t->root), "/tmp/nvgsp-wpr-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->root));
	snprintf(t->dir, sizeof(t->dir), "%s/nvidia", t->root);
	ck_assert_int_eq(mkdir(t->dir, 0700), 0);
	snprintf(t->dir, sizeof(t->dir), "%s/nvidia/ga102", t->root);
	ck_assert_int_eq(mkdir(t->dir, 0700), 0);
	snprintf(t->dir, sizeof(t->dir), "%s/nvidia/ga102/gsp", t->root);
	ck_assert_int_eq(mkdir(t->dir, 0700), 0);
	for (i = 0; i < N(roles); i++) {
		snprintf(t->files[t->n], sizeof(t->files[0]), "%s/%s-%s.bin", t->dir, roles[i],
			 R570);
		if (i == 1 && bl_bytes) {
			FILE *f = fopen(t->files[t->n], "wb");

			ck_assert_ptr_nonnull(f);
			fputs(bl_bytes, f);
			fclose(f);
		} else {
			if (i == 0 && gsp_target)
				snprintf(target, sizeof(target), "%s/%s", real, gsp_target);
			else
				snprintf(target, sizeof(target), "%s/nvidia/ga102/gsp/%s-%s.bin",
					 real, roles[i], R570);
			ck_assert_int_eq(symlink(target, t->files[t->n]), 0);
		}
		t->n++;
	}
}

static void tree_remove(struct tree *t)
{
	char d[160];
	int i;

	for (i = 0; i < t->n; i++)
		unlink(t->files[i]);
	rmdir(t->dir);
	snprintf(d, sizeof(d), "%s/nvidia/ga102", t->root);
	rmdir(d);
	snprintf(d, sizeof(d), "%s/nvidia", t->root);
	rmdir(d);
	rmdir(t->root);
}

static void load_fails(const char *path, const char *chip, const char *release, int err_no,
		       const char *want)
{
	struct gpusim_fw *fw = (struct gpusim_fw *)&fw;
	char err[384] = "";

	ck_assert_int_eq(gpusim_fw_load(path, chip, release, &fw, err, sizeof(err)), err_no);
	ck_assert_ptr_null(fw);
	ck_assert_msg(strstr(err, want), "got \"%s\", want \"%s\"", err, want);
}

START_TEST(load_refuses_unknown_chip_and_release)
{
	const char *root = unit_fw_root(SET);

	load_fails(root, "gz999", R570, -ENOENT, "unknown chip \"gz999\"");
	load_fails(root, NULL, R570, -ENOENT, "unknown chip \"(null)\"");
	load_fails(root, "ga102", "999.1", -ENOENT, "release \"999.1\" has no ABI table");
	load_fails(root, "gh100", R535,
		   -ENOENT, "release 535.113.01 does not serve GH100 (signature family gh100)");
}
END_TEST

START_TEST(load_refuses_missing_and_wrong_files)
{
	char want[320];
	struct tree t;

	/* a tree without the files */
	tree_make(&t, NULL, NULL);
	snprintf(want, sizeof(want), "%s/nvidia/ga100/gsp/gsp-570.144.bin: cannot open: ", t.root);
	load_fails(t.root, "ga100", R570, -ENOENT, want);
	tree_remove(&t);

	/* 535.113.01's image under 570.144's name */
	tree_make(&t, "nvidia/ga102/gsp/gsp-535.113.01.bin", NULL);
	load_fails(t.root, "ga102", R570, -EINVAL,
		   "nvidia/ga102/gsp/gsp-570.144.bin: .fwversion \"535.113.01\" is not release 570.144");
	tree_remove(&t);

	/* Turing's image (no .fwsignature_ga10x) under GA102's name */
	tree_make(&t, "nvidia/tu102/gsp/gsp-570.144.bin", NULL);
	load_fails(t.root, "ga102", R570, -EINVAL,
		   "nvidia/ga102/gsp/gsp-570.144.bin: no .fwsignature_ga10x section for GA102");
	tree_remove(&t);

	/* a bootloader the parser refuses names the file */
	tree_make(&t, NULL, "not a bootloader");
	load_fails(t.root, "ga102", R570, -EINVAL, "nvidia/ga102/gsp/bootloader-570.144.bin: ");
	tree_remove(&t);
}
END_TEST

Suite *nvgsp_suite_gpusim_wpr(void)
{
	Suite *s = suite_create("gpusim_wpr");
	TCase *tc;

	build_ccases();

	tc = tcase_create("files");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, loads_the_files_of_the_release, 0, N(files_rows));
	tcase_add_test(tc, load_refuses_unknown_chip_and_release);
	tcase_add_test(tc, load_refuses_missing_and_wrong_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("accept");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, accepts_what_nouveau_hands, 0, N(cfgs));
	tcase_add_test(tc, fsp_takes_fb_size_or_zero);
	tcase_add_loop_test(tc, accepts_other_heaps, 0, 2 * N(cfgs));
	tcase_add_loop_test(tc, accepts_gaps, 0, 8);	/* the SEC2 chips: cfgs[0..7] */
	suite_add_tcase(s, tc);

	tc = tcase_create("corrupt");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, ccfgs_stage, ccfgs_unstage);
	tcase_add_loop_test(tc, refuses_single_corruption, 0, n_ccases);
	suite_add_tcase(s, tc);
	return s;
}
