// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_ucode.c - parsers for the falcon and RISC-V ucode containers
 * (booter_load, booter_unload, scrubber, bootloader, gen_bootloader).
 *
 * Portable core. See nvgsp_fw_ucode.h for the formats and their sources.
 *
 * Every structure is read as an array of little-endian words after one
 * range check of the whole structure, so each field is named by an index
 * and nothing from the file is ever cast in place. Checks run in the order
 * the parts lie in NVIDIA's files (bin header, role header, what the role
 * header points at, image), so a file cut short is reported at the first
 * part it lacks.
 */
#include "nvgsp_fw_ucode.h"

#define BIN_MAGIC		0x10de
#define BIN_VER			1
/* NVIDIA's generator rounds bin_size up to this without writing the padding. */
#define BIN_SIZE_ALIGN		256

enum { BIN_MAGIC_W, BIN_VER_W, BIN_SIZE_W, BIN_HEADER_OFFSET_W, BIN_DATA_OFFSET_W,
	BIN_DATA_SIZE_W, BIN_WORDS };
#define BIN_HDR_LEN		(BIN_WORDS * 4)

/* HS header v2 (nouveau nvfw/hs.h, nova-core booter.rs HsHeaderV2). */
enum { HS_SIG_PROD_OFFSET, HS_SIG_PROD_SIZE, HS_PATCH_LOC, HS_PATCH_SIG, HS_META_OFFSET,
	HS_META_SIZE, HS_NUM_SIG, HS_LOAD_OFFSET, HS_LOAD_SIZE, HS_WORDS };
#define HS_HDR_LEN		(HS_WORDS * 4)

/* The signature meta data: {fuse_ver, engine_id, ucode_id} (booter.rs HsSignatureParams). */
enum { META_FUSE_VER, META_ENGINE_ID, META_UCODE_ID, META_WORDS };
#define META_LEN		(META_WORDS * 4)
/* One fuse version register per ucode id: NV_FUSE_OPT_FPF_*_UCODE1..16_VERSION. */
#define UCODE_ID_MAX		16

/*
 * HS load header: five words, then per application four words (RM's struct
 * in kernel_gsp_booter.c; nouveau's nvfw_hs_load_header_v2 reads the first
 * two of them as app[0]).
 */
enum { LOAD_OS_CODE_OFFSET, LOAD_OS_CODE_SIZE, LOAD_OS_DATA_OFFSET, LOAD_OS_DATA_SIZE,
	LOAD_NUM_APPS, LOAD_APP_CODE_OFFSET, LOAD_APP_CODE_SIZE, LOAD_APP_DATA_OFFSET,
	LOAD_APP_DATA_SIZE, LOAD_WORDS };
#define LOAD_FIXED_LEN		(LOAD_NUM_APPS * 4 + 4)
#define LOAD_APP_LEN		16
/* RM refuses any other number of applications; nouveau and nova-core use app 0. */
#define LOAD_MAX_APPS		1

/* RM_RISCV_UCODE_DESC (rmRiscvUcode.h): version 4 ends after SWBROM_DATA_SIZE. */
enum { RV_VERSION, RV_BL_OFFSET, RV_BL_SIZE, RV_BL_PARAM_OFFSET, RV_BL_PARAM_SIZE,
	RV_ELF_OFFSET, RV_ELF_SIZE, RV_APP_VERSION, RV_MANIFEST_OFFSET, RV_MANIFEST_SIZE,
	RV_MON_DATA_OFFSET, RV_MON_DATA_SIZE, RV_MON_CODE_OFFSET, RV_MON_CODE_SIZE,
	RV_MON_ENABLED, RV_SWBROM_CODE_OFFSET, RV_SWBROM_CODE_SIZE, RV_SWBROM_DATA_OFFSET,
	RV_SWBROM_DATA_SIZE, RV_V4_WORDS, RV_FB_RESERVED = RV_V4_WORDS, RV_SIGNED_AS_CODE,
	RV_V5_WORDS };

/* nvfw_bl_desc (nouveau nvfw/fw.h, nova-core fwsec/bootloader.rs BootloaderDesc). */
enum { BL_START_TAG, BL_DMEM_LOAD_OFF, BL_CODE_OFF, BL_CODE_SIZE, BL_DATA_OFF, BL_DATA_SIZE,
	BL_WORDS };
#define BL_DESC_LEN		(BL_WORDS * 4)

static u64 end_of(u64 off, u64 len)
{
	return off + len;	/* both come from u32 fields: no overflow in u64 */
}

/* Decode @n little-endian words at @off; the caller checked the range. */
static void read_words(const struct nvgsp_fw_blob *blob, u64 off, u32 *w, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		w[i] = get_unaligned_le32(blob->data + off + 4 * i);
}

/* The u32 that an HS header field points at, with a message naming the field. */
static int hs_pointed(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_diag *diag,
		      const char *field, u32 file_off, u32 *val)
{
	if (!nvgsp_fw_read_u32(blob, file_off, val))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: %s at file offset 0x%x is past the end of the %zu-byte file",
				     field, file_off, blob->size);
	return 0;
}

/* A region named by an offset/size pair must lie inside the image. */
static int image_region(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_diag *diag,
			const char *what, u32 image_size, u32 off, u32 size,
			struct nvgsp_fw_region *out)
{
	if (!nvgsp_fw_range_ok(image_size, off, size))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "%s [0x%x, +0x%x) is outside the 0x%x-byte image",
				     what, off, size, image_size);
	out->offset = off;
	out->size = size;
	return 0;
}

/* The nvfw_bin_hdr's own fields, before anything it points at. */
static int bin_hdr(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_bin_hdr *bin,
		   struct nvgsp_fw_diag *diag)
{
	u32 w[BIN_WORDS];

	if (!blob->data || blob->size < BIN_HDR_LEN)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: the %zu-byte file is shorter than the %d-byte nvfw_bin_hdr",
				     blob->data ? blob->size : 0, BIN_HDR_LEN);
	read_words(blob, 0, w, BIN_WORDS);
	if (w[BIN_MAGIC_W] != BIN_MAGIC)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: bin_magic 0x%x is not 0x%x", w[BIN_MAGIC_W],
				     BIN_MAGIC);
	if (w[BIN_VER_W] != BIN_VER)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: bin_ver %u is not %d, the only version known",
				     w[BIN_VER_W], BIN_VER);
	if (w[BIN_HEADER_OFFSET_W] < BIN_HDR_LEN)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: header_offset 0x%x overlaps the %d-byte nvfw_bin_hdr",
				     w[BIN_HEADER_OFFSET_W], BIN_HDR_LEN);
	bin->bin_ver = w[BIN_VER_W];
	bin->bin_size = w[BIN_SIZE_W];
	bin->header_offset = w[BIN_HEADER_OFFSET_W];
	bin->data_offset = w[BIN_DATA_OFFSET_W];
	bin->data_size = w[BIN_DATA_SIZE_W];
	return 0;
}

/*
 * The image the bin header names, checked after the role's headers: it is
 * the last part of every real file. @hdr_len bytes of role header sit at
 * header_offset.
 */
static int bin_image(const struct nvgsp_fw_blob *blob, const struct nvgsp_fw_bin_hdr *bin,
		     const char *hdr_name, u32 hdr_len, const u8 **image,
		     struct nvgsp_fw_diag *diag)
{
	u64 hdr_end = end_of(bin->header_offset, hdr_len);
	u64 data_end = end_of(bin->data_offset, bin->data_size);
	u64 span = hdr_end > data_end ? hdr_end : data_end;
	u64 rounded = ((u64)blob->size + BIN_SIZE_ALIGN - 1) & ~(u64)(BIN_SIZE_ALIGN - 1);

	if (!nvgsp_fw_range_ok(blob->size, bin->data_offset, bin->data_size))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: data_offset 0x%x + data_size 0x%x is past the end of the %zu-byte file",
				     bin->data_offset, bin->data_size, blob->size);
	if (!bin->data_size)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "bin header: data_size is 0: no image");
	if (bin->header_offset < data_end && bin->data_offset < hdr_end)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: the %s [0x%x, 0x%llx) overlaps the image [0x%x, 0x%llx)",
				     hdr_name, bin->header_offset, hdr_end,
				     bin->data_offset, data_end);
	if (bin->bin_size < span)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: bin_size 0x%x is less than the 0x%llx bytes its headers and image span",
				     bin->bin_size, span);
	if (bin->bin_size > rounded)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "bin header: bin_size 0x%x is more than the %zu-byte file rounded up to %d (0x%llx): truncated?",
				     bin->bin_size, blob->size, BIN_SIZE_ALIGN,
				     rounded);
	*image = blob->data + bin->data_offset;
	return 0;
}

/* The HS header v2 and the values it points at, in file order. */
static int hs_headers(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_hs_ucode *hs,
		      u32 *load, struct nvgsp_fw_diag *diag)
{
	u32 h[HS_WORDS], meta[META_WORDS], patch_sig, num_sig, num_apps;
	u32 hoff = hs->bin.header_offset;
	int ret;

	if (!nvgsp_fw_range_ok(blob->size, hoff, HS_HDR_LEN))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: %d bytes at header_offset 0x%x are past the end of the %zu-byte file",
				     HS_HDR_LEN, hoff, blob->size);
	read_words(blob, hoff, h, HS_WORDS);

	if (!nvgsp_fw_range_ok(blob->size, h[HS_SIG_PROD_OFFSET], h[HS_SIG_PROD_SIZE]))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: signatures [0x%x, +0x%x) are past the end of the %zu-byte file",
				     h[HS_SIG_PROD_OFFSET], h[HS_SIG_PROD_SIZE], blob->size);

	ret = hs_pointed(blob, diag, "patch_loc", h[HS_PATCH_LOC], &hs->patch_loc);
	if (ret)
		return ret;

	ret = hs_pointed(blob, diag, "patch_sig", h[HS_PATCH_SIG], &patch_sig);
	if (ret)
		return ret;
	/*
	 * nouveau and nova-core add patch_sig to sig_prod_offset; RM refuses
	 * anything but 0, and so do we rather than guess what else it means.
	 */
	if (patch_sig)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: patch_sig %u at file offset 0x%x is not 0 (NVIDIA's RM accepts only 0)",
				     patch_sig, h[HS_PATCH_SIG]);

	if (h[HS_META_SIZE] != META_LEN)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: meta_data_size %u is not %d (fuse_ver, engine_id, ucode_id)",
				     h[HS_META_SIZE], META_LEN);
	if (!nvgsp_fw_range_ok(blob->size, h[HS_META_OFFSET], META_LEN))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: meta data at file offset 0x%x is past the end of the %zu-byte file",
				     h[HS_META_OFFSET], blob->size);
	read_words(blob, h[HS_META_OFFSET], meta, META_WORDS);
	if (!meta[META_ENGINE_ID] || meta[META_ENGINE_ID] > 0xffff)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: engine_id 0x%x is not a non-zero 16-bit engine mask",
				     meta[META_ENGINE_ID]);
	if (!meta[META_UCODE_ID] || meta[META_UCODE_ID] > UCODE_ID_MAX)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: ucode_id %u is outside 1..%d (one fuse register each)",
				     meta[META_UCODE_ID], UCODE_ID_MAX);

	ret = hs_pointed(blob, diag, "num_sig", h[HS_NUM_SIG], &num_sig);
	if (ret)
		return ret;
	if (!num_sig)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs signatures: num_sig is 0: the ucode is unsigned");
	if (num_sig > h[HS_SIG_PROD_SIZE])
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs signatures: num_sig %u exceeds sig_prod_size %u: signatures would be empty",
				     num_sig, h[HS_SIG_PROD_SIZE]);
	if (h[HS_SIG_PROD_SIZE] % num_sig)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs signatures: sig_prod_size %u is not a multiple of num_sig %u",
				     h[HS_SIG_PROD_SIZE], num_sig);
	if (meta[META_FUSE_VER] >= num_sig)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs header: fuse_ver %u has no signature (num_sig %u)",
				     meta[META_FUSE_VER], num_sig);

	if (h[HS_LOAD_SIZE] < LOAD_FIXED_LEN)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs load header: header_size %u is less than the %d-byte fixed part",
				     h[HS_LOAD_SIZE], LOAD_FIXED_LEN);
	if (!nvgsp_fw_range_ok(blob->size, h[HS_LOAD_OFFSET], h[HS_LOAD_SIZE]))
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs load header: %u bytes at header_offset 0x%x are past the end of the %zu-byte file",
				     h[HS_LOAD_SIZE], h[HS_LOAD_OFFSET], blob->size);
	num_apps = get_unaligned_le32(blob->data + h[HS_LOAD_OFFSET] + 4 * LOAD_NUM_APPS);
	if (!num_apps)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "hs load header: num_apps is 0");
	if (num_apps > LOAD_MAX_APPS)
		return nvgsp_fw_fail(diag, blob, -E2BIG,
				     "hs load header: num_apps %u: only %d is supported (as by NVIDIA's RM)",
				     num_apps, LOAD_MAX_APPS);
	if (h[HS_LOAD_SIZE] < LOAD_FIXED_LEN + LOAD_APP_LEN * num_apps)
		return nvgsp_fw_fail(diag, blob, -EINVAL,
				     "hs load header: header_size %u is less than the %d bytes of %u app",
				     h[HS_LOAD_SIZE], LOAD_FIXED_LEN + LOAD_APP_LEN * num_apps,
				     num_apps);
	read_words(blob, h[HS_LOAD_OFFSET], load, LOAD_WORDS);

	hs->fuse_ver = meta[META_FUSE_VER];
	hs->engine_id_mask = meta[META_ENGINE_ID];
	hs->ucode_id = meta[META_UCODE_ID];
	hs->num_sig = num_sig;
	hs->sig_size = h[HS_SIG_PROD_SIZE] / num_sig;
	hs->sigs_offset = h[HS_SIG_PROD_OFFSET];
	hs->sigs = blob->data + h[HS_SIG_PROD_OFFSET];
	return 0;
}

int nvgsp_fw_ucode_parse_hs(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_hs_ucode *hs,
			    struct nvgsp_fw_diag *diag)
{
	u32 load[LOAD_WORDS];
	u32 isz;
	int ret;

	*hs = (struct nvgsp_fw_hs_ucode){ 0 };
	ret = bin_hdr(blob, &hs->bin, diag);
	if (!ret)
		ret = hs_headers(blob, hs, load, diag);
	if (!ret)
		ret = bin_image(blob, &hs->bin, "hs header", HS_HDR_LEN, &hs->image, diag);
	if (ret)
		goto fail;
	isz = hs->image_size = hs->bin.data_size;

	ret = image_region(blob, diag, "hs load header: os code", isz,
			   load[LOAD_OS_CODE_OFFSET], load[LOAD_OS_CODE_SIZE], &hs->os_code);
	if (!ret)
		ret = image_region(blob, diag, "hs load header: os data", isz,
				   load[LOAD_OS_DATA_OFFSET], load[LOAD_OS_DATA_SIZE], &hs->os_data);
	if (!ret)
		ret = image_region(blob, diag, "hs load header: app code", isz,
				   load[LOAD_APP_CODE_OFFSET], load[LOAD_APP_CODE_SIZE],
				   &hs->app_code);
	if (!ret)
		ret = image_region(blob, diag, "hs load header: app data", isz,
				   load[LOAD_APP_DATA_OFFSET], load[LOAD_APP_DATA_SIZE],
				   &hs->app_data);
	if (ret)
		goto fail;

	/*
	 * The signature is patched into the DMEM image: nouveau and nova-core
	 * derive its DMEM address as patch_loc - os_data_offset (nova-core
	 * refuses a negative one), RM as hsSigDmemAddr.
	 */
	if (hs->patch_loc < hs->os_data.offset) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "hs header: patch_loc 0x%x is below os_data_offset 0x%x",
				    hs->patch_loc, hs->os_data.offset);
		goto fail;
	}
	hs->sig_dmem_offset = hs->patch_loc - hs->os_data.offset;
	if (!nvgsp_fw_range_ok(hs->os_data.size, hs->sig_dmem_offset, hs->sig_size)) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "hs header: the %u-byte signature at patch_loc 0x%x does not fit in os data [0x%x, +0x%x)",
				    hs->sig_size, hs->patch_loc, hs->os_data.offset,
				    hs->os_data.size);
		goto fail;
	}
	return 0;

fail:
	*hs = (struct nvgsp_fw_hs_ucode){ 0 };
	return ret;
}

const u8 *nvgsp_fw_ucode_hs_signature(const struct nvgsp_fw_hs_ucode *hs, u32 hw_fuse_ver,
				      u32 *index)
{
	u32 idx = 0;

	if (!hs->num_sig || !hs->sigs)
		return NULL;
	if (hs->num_sig > 1) {
		if (hw_fuse_ver > hs->num_sig - 1)
			return NULL;
		idx = hs->num_sig - 1 - hw_fuse_ver;
	}
	if (index)
		*index = idx;
	return hs->sigs + (size_t)idx * hs->sig_size;
}

int nvgsp_fw_ucode_parse_riscv(const struct nvgsp_fw_blob *blob,
			       struct nvgsp_fw_riscv_ucode *rv, struct nvgsp_fw_diag *diag)
{
	static const struct {
		const char *name;
		unsigned int off, size;
	} regions[] = {
		{ "riscv desc: bootloader", RV_BL_OFFSET, RV_BL_SIZE },
		{ "riscv desc: bootloader params", RV_BL_PARAM_OFFSET, RV_BL_PARAM_SIZE },
		{ "riscv desc: riscv elf", RV_ELF_OFFSET, RV_ELF_SIZE },
		{ "riscv desc: manifest", RV_MANIFEST_OFFSET, RV_MANIFEST_SIZE },
		{ "riscv desc: monitor data", RV_MON_DATA_OFFSET, RV_MON_DATA_SIZE },
		{ "riscv desc: monitor code", RV_MON_CODE_OFFSET, RV_MON_CODE_SIZE },
		{ "riscv desc: swbrom code", RV_SWBROM_CODE_OFFSET, RV_SWBROM_CODE_SIZE },
		{ "riscv desc: swbrom data", RV_SWBROM_DATA_OFFSET, RV_SWBROM_DATA_SIZE },
	};
	struct nvgsp_fw_region *dst[] = {
		&rv->bootloader, &rv->bootloader_params, &rv->riscv_elf, &rv->manifest,
		&rv->monitor_data, &rv->monitor_code, &rv->swbrom_code, &rv->swbrom_data,
	};
	u32 d[RV_V5_WORDS] = { 0 };
	u32 version, words, hoff;
	unsigned int i;
	int ret;

	_Static_assert(ARRAY_SIZE(regions) == ARRAY_SIZE(dst),
		       "one destination per descriptor region");

	*rv = (struct nvgsp_fw_riscv_ucode){ 0 };
	ret = bin_hdr(blob, &rv->bin, diag);
	if (ret)
		goto fail;
	hoff = rv->bin.header_offset;
	if (!nvgsp_fw_read_u32(blob, hoff, &version)) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: version at header_offset 0x%x is past the end of the %zu-byte file",
				    hoff, blob->size);
		goto fail;
	}
	/* Versions 1..3 predate the GSP; 6 and later are unknown to us. */
	if (version == 4) {
		words = RV_V4_WORDS;
	} else if (version == 5) {
		words = RV_V5_WORDS;
	} else {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: version %u is not 4 or 5, the versions known",
				    version);
		goto fail;
	}
	if (!nvgsp_fw_range_ok(blob->size, hoff, 4 * words)) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: the %u-byte version %u descriptor at 0x%x is past the end of the %zu-byte file",
				    4 * words, version, hoff, blob->size);
		goto fail;
	}
	read_words(blob, hoff, d, words);
	ret = bin_image(blob, &rv->bin, "riscv desc", 4 * words, &rv->image, diag);
	if (ret)
		goto fail;
	rv->image_size = rv->bin.data_size;
	rv->version = version;
	rv->app_version = d[RV_APP_VERSION];

	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		ret = image_region(blob, diag, regions[i].name, rv->image_size,
				   d[regions[i].off], d[regions[i].size], dst[i]);
		if (ret)
			goto fail;
	}

	if (d[RV_MON_ENABLED] > 1) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: bIsMonitorEnabled %u is not 0 or 1", d[RV_MON_ENABLED]);
		goto fail;
	}
	rv->monitor_enabled = d[RV_MON_ENABLED];
	if (rv->monitor_enabled && !rv->monitor_code.size) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: the monitor is enabled but monitorCodeSize is 0");
		goto fail;
	}
	if (d[RV_SIGNED_AS_CODE] > 1) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: bSignedAsCode %u is not 0 or 1", d[RV_SIGNED_AS_CODE]);
		goto fail;
	}
	rv->signed_as_code = d[RV_SIGNED_AS_CODE];
	/* "Total size of FB carveout (image and reserved space)": it holds the image. */
	if (d[RV_FB_RESERVED] && d[RV_FB_RESERVED] < rv->image_size) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "riscv desc: fbReservedSize 0x%x is less than the 0x%x-byte image",
				    d[RV_FB_RESERVED], rv->image_size);
		goto fail;
	}
	rv->fb_reserved_size = d[RV_FB_RESERVED];
	return 0;

fail:
	*rv = (struct nvgsp_fw_riscv_ucode){ 0 };
	return ret;
}

int nvgsp_fw_ucode_parse_bl(const struct nvgsp_fw_blob *blob, struct nvgsp_fw_bl_ucode *bl,
			    struct nvgsp_fw_diag *diag)
{
	u32 d[BL_WORDS];
	u64 code_blocks;
	int ret;

	*bl = (struct nvgsp_fw_bl_ucode){ 0 };
	ret = bin_hdr(blob, &bl->bin, diag);
	if (ret)
		goto fail;
	if (!nvgsp_fw_range_ok(blob->size, bl->bin.header_offset, BL_DESC_LEN)) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "bl desc: %d bytes at header_offset 0x%x are past the end of the %zu-byte file",
				    BL_DESC_LEN, bl->bin.header_offset, blob->size);
		goto fail;
	}
	read_words(blob, bl->bin.header_offset, d, BL_WORDS);
	ret = bin_image(blob, &bl->bin, "bl desc", BL_DESC_LEN, &bl->image, diag);
	if (ret)
		goto fail;
	bl->image_size = bl->bin.data_size;

	ret = image_region(blob, diag, "bl desc: code", bl->image_size, d[BL_CODE_OFF],
			   d[BL_CODE_SIZE], &bl->code);
	if (!ret)
		ret = image_region(blob, diag, "bl desc: data", bl->image_size, d[BL_DATA_OFF],
				   d[BL_DATA_SIZE], &bl->data);
	if (ret)
		goto fail;
	if (!bl->code.size) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL, "bl desc: code_size is 0");
		goto fail;
	}
	/* nova-core loads the code, rounded up to 256 bytes, right below 64 KiB of IMEM. */
	code_blocks = ((u64)bl->code.size + 255) & ~(u64)255;
	if (code_blocks > NVGSP_FW_BL_IMEM_CEILING) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "bl desc: code_size 0x%x does not fit below the 0x%x-byte IMEM ceiling",
				    bl->code.size, NVGSP_FW_BL_IMEM_CEILING);
		goto fail;
	}
	/* The IMEM tag is 16 bits wide (IMEMT 15:0; nova-core's u16). */
	if (d[BL_START_TAG] > 0xffff) {
		ret = nvgsp_fw_fail(diag, blob, -EINVAL,
				    "bl desc: start_tag 0x%x does not fit the 16-bit IMEM tag",
				    d[BL_START_TAG]);
		goto fail;
	}
	bl->start_tag = d[BL_START_TAG];
	bl->boot_addr = d[BL_START_TAG] << 8;
	bl->dmem_load_off = d[BL_DMEM_LOAD_OFF];
	return 0;

fail:
	*bl = (struct nvgsp_fw_bl_ucode){ 0 };
	return ret;
}

enum nvgsp_fw_ucode_kind nvgsp_fw_ucode_kind_of(enum nvgsp_fw_role role)
{
	switch (role) {
	case NVGSP_FW_BOOTER_LOAD:
	case NVGSP_FW_BOOTER_UNLOAD:
	case NVGSP_FW_SCRUBBER:
		return NVGSP_FW_UCODE_HS;
	case NVGSP_FW_BOOTLOADER:
		return NVGSP_FW_UCODE_RISCV;
	case NVGSP_FW_GEN_BOOTLOADER:
		return NVGSP_FW_UCODE_BL;
	default:
		return NVGSP_FW_UCODE_NONE;
	}
}

const char *nvgsp_fw_ucode_kind_name(enum nvgsp_fw_ucode_kind kind)
{
	switch (kind) {
	case NVGSP_FW_UCODE_HS:
		return "hs";
	case NVGSP_FW_UCODE_RISCV:
		return "riscv";
	case NVGSP_FW_UCODE_BL:
		return "bl";
	default:
		return "none";
	}
}

int nvgsp_fw_ucode_parse(const struct nvgsp_fw_blob *blob, enum nvgsp_fw_ucode_kind kind,
			 struct nvgsp_fw_ucode *uc, struct nvgsp_fw_diag *diag)
{
	uc->kind = kind;
	switch (kind) {
	case NVGSP_FW_UCODE_HS:
		return nvgsp_fw_ucode_parse_hs(blob, &uc->u.hs, diag);
	case NVGSP_FW_UCODE_RISCV:
		return nvgsp_fw_ucode_parse_riscv(blob, &uc->u.riscv, diag);
	case NVGSP_FW_UCODE_BL:
		return nvgsp_fw_ucode_parse_bl(blob, &uc->u.bl, diag);
	default:
		uc->kind = NVGSP_FW_UCODE_NONE;
		return nvgsp_fw_fail(diag, blob, -EINVAL, "not a ucode container (kind %d)",
				     (int)kind);
	}
}

int nvgsp_fw_ucode_check(enum nvgsp_fw_role role, const struct nvgsp_fw_blob *blob,
			 struct nvgsp_fw_diag *diag)
{
	enum nvgsp_fw_ucode_kind kind = nvgsp_fw_ucode_kind_of(role);
	struct nvgsp_fw_ucode uc;

	if (kind == NVGSP_FW_UCODE_NONE)
		return nvgsp_fw_fail(diag, blob, -EINVAL, "%s files are not ucode containers",
				     nvgsp_fw_role_name(role));
	return nvgsp_fw_ucode_parse(blob, kind, &uc, diag);
}
