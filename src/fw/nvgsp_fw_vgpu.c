// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_fw_vgpu.c - the vGPU type catalogue parser (see nvgsp_fw_vgpu.h).
 *
 * DOC: vGPU type catalogue
 *
 * Little-endian, laid out with natural alignment as on x86-64 (every field
 * at a multiple of its size); values are read with get_unaligned_le*() all
 * the same. Offsets below are in bytes (Documentation/vgpu-types.rst gives
 * each field's source):
 *
 * ====== ==================================================================
 * header identifier "NVVGPUMT" @0, crc32 @8, pad @12, vgpu_major @16,
 *        vgpu_minor @24, vgpu_features[128] @32, gsp_build_version[64]
 *        @160, num_blobs @224; 232 bytes
 * blob   type @0 (0 = VGPU_TYPE), size @8 (the whole blob, these 16 bytes
 *        included); blobs follow each other to the end of the file
 * type   device_id @16, gsp_rmctrl_vgpu_info_offset @24, _size @32,
 *        kernel_struct_size @40 (all records), num_kernel_structs @48,
 *        gsp_rmctrl_cmd @56, gsp_rmctrl_size @64; records at @72, then the
 *        RM control's parameters
 * record vgpu_type @0, name[32] @4, vdev_id @40, pdev_id @48, fb_length
 *        @56, gsp_heap_size @64, bar1_length @72, max_instance @80,
 *        ecc_supported @84, fb_reservation @88; 96 bytes
 * ====== ==================================================================
 *
 * The CRC-32 is checked last, once the structure is known good: it is the
 * costly part (the control alone is over 300 KiB per device) and a file cut
 * short is refused by the walk in a few reads.
 */
#include "nvgsp_fw_vgpu.h"
#include "abi/nvgsp_abi.h"

#define HDR_CRC			8
#define HDR_MAJOR		16
#define HDR_MINOR		24
#define HDR_BUILD		160
#define HDR_NUM_BLOBS		224
#define HDR_SIZE		232
#define CRC_START		16

#define BLOB_TYPE		0
#define BLOB_SIZE		8
#define BLOB_DEVICE_ID		16
#define BLOB_INFO_OFFSET	24
#define BLOB_INFO_SIZE		32
#define BLOB_KSTRUCT_SIZE	40
#define BLOB_NUM_KSTRUCTS	48
#define BLOB_RMCTRL_CMD		56
#define BLOB_RMCTRL_SIZE	64
#define BLOB_HDR_SIZE		72
#define BLOB_TYPE_VGPU_TYPE	0

#define REC_TYPE		0
#define REC_NAME		4
#define REC_VDEV_ID		40
#define REC_PDEV_ID		48
#define REC_FB_LENGTH		56
#define REC_HEAP_SIZE		64
#define REC_BAR1_LENGTH		72
#define REC_MAX_INSTANCE	80
#define REC_ECC			84
#define REC_FB_RESERVATION	88
#define REC_SIZE		96

/* NV2080_CTRL_CMD_VGPU_MGR_INTERNAL_PGPU_ADD_VGPU_TYPE and its parameters */
#define RMCTRL_ADD_VGPU_TYPE	0x20804003u
#define RMCTRL_DISCARD		0	/* NvBool discardVgpuTypes */
#define RMCTRL_COUNT		4	/* NvU32 vgpuInfoCount */
#define RMCTRL_INFO		8	/* NVA081_CTRL_VGPU_INFO vgpuInfo[0x40], 8-aligned */
#define INFO_TYPE		0	/* vgpuType */

static const u8 magic[8] = { 'N', 'V', 'V', 'G', 'P', 'U', 'M', 'T' };

/*
 * The files this build accepts: a vGPU software version and GSP-RM release
 * pair per release (Documentation/vgpu-types.rst, "Versions"). 570.144's is
 * RFC v2's supported_version_list; 535.113.01's is nvgsp's own (no NVIDIA
 * file exists for it: R535 is vGPU software 16, the minor is ours). Every
 * layout fact comes from the release's firmware-ABI table (vgpu.*
 * parameters), never from this list.
 */
static const struct vgpu_version {
	u64 major, minor;
	const char *build;
} versions[] = {
	{ 18, 1, "570.144" },
	{ 16, 0, "535.113.01" },
};

/* NVA081_CTRL_VGPU_INFO in the file's release, from its ABI table. */
struct vgpu_layout {
	u64 info_size;
	u64 info_max_instance;
	u64 info_fb_length;
	u64 params_size;
};

struct vgpu_ctx {
	const struct nvgsp_fw_blob *blob;
	const char *build;
	struct vgpu_layout lay;
	u64 vmmu_segment;
	struct nvgsp_fw_vgpu_info *info;
	struct nvgsp_fw_diag *diag;
};

static u64 rd64(const struct vgpu_ctx *c, u64 off)
{
	return get_unaligned_le64(c->blob->data + off);
}

static u32 rd32(const struct vgpu_ctx *c, u64 off)
{
	return get_unaligned_le32(c->blob->data + off);
}

/*
 * The release's layout. The table is checked against itself too: a control
 * of vgpuInfo[0x40] at 8, and the two fields inside one entry.
 */
static int vgpu_layout(struct vgpu_ctx *c)
{
	const struct nvgsp_abi *abi = nvgsp_abi_find(c->build);
	struct vgpu_layout *l = &c->lay;

	if (!abi)
		return nvgsp_fw_fail(c->diag, c->blob, -EPROTO,
				     "gsp_build_version: GSP-RM %s has no firmware-ABI table in this nvgsp",
				     c->build);
	if (nvgsp_abi_param(abi, "vgpu.type_info_size", &l->info_size) ||
	    nvgsp_abi_param(abi, "vgpu.type_info_max_instance", &l->info_max_instance) ||
	    nvgsp_abi_param(abi, "vgpu.type_info_fb_length", &l->info_fb_length) ||
	    nvgsp_abi_param(abi, "vgpu.add_type_params_size", &l->params_size) ||
	    l->info_size > 0x10000 || l->info_max_instance + 4 > l->info_size ||
	    l->info_fb_length + 8 > l->info_size ||
	    l->params_size != RMCTRL_INFO + NVGSP_FW_VGPU_MAX_TYPES * l->info_size)
		return nvgsp_fw_fail(c->diag, c->blob, -EPROTO,
				     "gsp_build_version: the firmware-ABI table of GSP-RM %s lacks a consistent NVA081_CTRL_VGPU_INFO layout (vgpu.* parameters)",
				     c->build);
	return 0;
}

static int vgpu_header(struct vgpu_ctx *c, const char *release)
{
	const struct nvgsp_fw_blob *b = c->blob;
	struct nvgsp_fw_vgpu_info *info = c->info;
	const struct vgpu_version *want = NULL;
	u8 build[NVGSP_FW_VGPU_BUILD_LEN];
	unsigned int i;
	size_t len;
	int ret;
	u64 n;

	if (b->size < HDR_SIZE)
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "header: file of %zu bytes is shorter than the %u-byte header",
				     b->size, HDR_SIZE);
	if (memcmp(b->data, magic, sizeof(magic)))
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "identifier: 0x%016llx is not \"NVVGPUMT\"", rd64(c, 0));
	memcpy(build, b->data + HDR_BUILD, sizeof(build));
	for (len = 0; len < sizeof(build) && build[len]; len++)
		;
	if (len == sizeof(build)) {
		nvgsp_fw_str_sanitize(build, sizeof(build));
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "gsp_build_version: \"%s...\" has no NUL in its %zu bytes",
				     build, sizeof(build));
	}
	nvgsp_fw_str_sanitize(build, sizeof(build));
	memcpy(info->build, build, sizeof(info->build));
	info->vgpu_major = rd64(c, HDR_MAJOR);
	info->vgpu_minor = rd64(c, HDR_MINOR);
	if (!nvgsp_fw_str_eq(info->build, release))
		return nvgsp_fw_fail(c->diag, b, -EPROTO,
				     "gsp_build_version: \"%s\" is not the GSP-RM release booted, \"%s\"",
				     info->build, release);
	for (i = 0; i < ARRAY_SIZE(versions); i++)
		if (nvgsp_fw_str_eq(versions[i].build, info->build))
			want = &versions[i];
	if (!want)
		return nvgsp_fw_fail(c->diag, b, -EPROTO,
				     "vgpu_major.vgpu_minor: %llu.%llu with GSP-RM %s: this nvgsp accepts no vGPU version for that release",
				     info->vgpu_major, info->vgpu_minor, info->build);
	if (want->major != info->vgpu_major || want->minor != info->vgpu_minor)
		return nvgsp_fw_fail(c->diag, b, -EPROTO,
				     "vgpu_major.vgpu_minor: %llu.%llu with GSP-RM %s is not a version this nvgsp accepts (%s: %llu.%llu)",
				     info->vgpu_major, info->vgpu_minor, info->build, want->build,
				     want->major, want->minor);
	c->build = want->build;
	ret = vgpu_layout(c);
	if (ret)
		return ret;
	n = rd64(c, HDR_NUM_BLOBS);
	if (!n || n > NVGSP_FW_VGPU_MAX_BLOBS)
		return nvgsp_fw_fail(c->diag, b, n ? -E2BIG : -EINVAL,
				     "num_blobs: %llu is outside 1..%u", n, NVGSP_FW_VGPU_MAX_BLOBS);
	info->nr_blobs = (unsigned int)n;
	return 0;
}

/* One type record against its bounds and against the control's copy of it. */
static int vgpu_record(const struct vgpu_ctx *c, unsigned int bi, u16 device_id, u64 rec,
		       u64 ctl_info, unsigned int ri, struct nvgsp_fw_vgpu_type *t)
{
	const struct nvgsp_fw_blob *b = c->blob;
	const struct vgpu_layout *lay = &c->lay;
	u32 ecc, info_type, info_max;
	u64 info_fb;
	size_t i;

	memset(t, 0, sizeof(*t));
	t->id = rd32(c, rec + REC_TYPE);
	memcpy(t->name, b->data + rec + REC_NAME, sizeof(t->name));
	t->vdev_id = rd64(c, rec + REC_VDEV_ID);
	t->pdev_id = rd64(c, rec + REC_PDEV_ID);
	t->fb_length = rd64(c, rec + REC_FB_LENGTH);
	t->gsp_heap_size = rd64(c, rec + REC_HEAP_SIZE);
	t->bar1_length = rd64(c, rec + REC_BAR1_LENGTH);
	t->max_instance = rd32(c, rec + REC_MAX_INSTANCE);
	ecc = rd32(c, rec + REC_ECC);
	t->fb_reservation = rd64(c, rec + REC_FB_RESERVATION);

#define REC_FAIL(err, fmt, ...)							\
	nvgsp_fw_fail(c->diag, b, err, "blob %u (device 0x%04x): type record %u: " fmt,	\
		      bi, device_id, ri, ##__VA_ARGS__)

	if (!t->id)
		return REC_FAIL(-EINVAL, "vgpu_type: 0 is not a type id");
	for (i = 0; i < sizeof(t->name) && t->name[i]; i++)
		if (t->name[i] < 0x20 || t->name[i] > 0x7e)
			return REC_FAIL(-EINVAL, "name: byte %zu is 0x%02x, not printable ASCII",
					i, (u8)t->name[i]);
	if (i == sizeof(t->name) || !i)
		return REC_FAIL(-EINVAL, "name: %s", i ? "no NUL in its 32 bytes" : "empty");
	if (t->pdev_id != device_id)
		return REC_FAIL(-EINVAL, "pdev_id: 0x%llx is not the blob's device_id 0x%04x",
				t->pdev_id, device_id);
	if (t->vdev_id >> 16 != device_id)
		return REC_FAIL(-EINVAL,
				"vdev_id: 0x%llx is not the blob's device_id 0x%04x << 16 | subsystem",
				t->vdev_id, device_id);
	if (!t->fb_length)
		return REC_FAIL(-EINVAL, "fb_length: 0");
	if (c->vmmu_segment && t->fb_length % c->vmmu_segment)
		return REC_FAIL(-EINVAL,
				"fb_length: 0x%llx is not a whole number of VMMU segments (0x%llx)",
				t->fb_length, c->vmmu_segment);
	if (!t->gsp_heap_size)
		return REC_FAIL(-EINVAL, "gsp_heap_size: 0");
	if (!t->max_instance || t->max_instance > NVGSP_FW_VGPU_MAX_TYPES)
		return REC_FAIL(-EINVAL, "max_instance: %u is outside 1..%u", t->max_instance,
				NVGSP_FW_VGPU_MAX_TYPES);
	if (ecc > 1)
		return REC_FAIL(-EINVAL, "ecc_supported: %u is neither 0 nor 1", ecc);
	t->ecc_supported = ecc;

	/* GSP-RM gets the control, the host uses the records: they must agree. */
	info_type = rd32(c, ctl_info + INFO_TYPE);
	info_max = rd32(c, ctl_info + lay->info_max_instance);
	info_fb = rd64(c, ctl_info + lay->info_fb_length);
	if (info_type != t->id)
		return REC_FAIL(-EINVAL, "vgpu_type %u differs from the control's vgpuInfo[%u].vgpuType %u",
				t->id, ri, info_type);
	if (info_max != t->max_instance)
		return REC_FAIL(-EINVAL,
				"max_instance %u differs from the control's vgpuInfo[%u].maxInstance %u",
				t->max_instance, ri, info_max);
	if (info_fb != t->fb_length)
		return REC_FAIL(-EINVAL,
				"fb_length 0x%llx differs from the control's vgpuInfo[%u].fbLength 0x%llx",
				t->fb_length, ri, info_fb);
#undef REC_FAIL
	return 0;
}

/*
 * One blob at @off; on success *@size is its size. The types are written to
 * @cat when it is not NULL (the device asked for).
 */
static int vgpu_blob(struct vgpu_ctx *c, unsigned int bi, u64 off, u64 *size,
		     struct nvgsp_fw_vgpu_catalogue *cat)
{
	const struct nvgsp_fw_blob *b = c->blob;
	struct nvgsp_fw_vgpu_type t;
	u64 type, bsize, dev, ioff, isize, ksize, nk, cmd, rsize, rm;
	unsigned int i, j;
	u32 count;
	u8 discard;

	if (!nvgsp_fw_range_ok(b->size, off, 16))
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "blob %u: header at 0x%llx runs past the end of the file (0x%zx bytes)",
				     bi, off, b->size);
	type = rd64(c, off + BLOB_TYPE);
	bsize = rd64(c, off + BLOB_SIZE);
	if (type != BLOB_TYPE_VGPU_TYPE)
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "blob %u: type %llu is not VGPU_TYPE (0)", bi, type);
	if (bsize < BLOB_HDR_SIZE || !nvgsp_fw_range_ok(b->size, off, bsize))
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "blob %u: size 0x%llx at 0x%llx is below %u or runs past the end of the file (0x%zx bytes)",
				     bi, bsize, off, BLOB_HDR_SIZE, b->size);
	dev = rd64(c, off + BLOB_DEVICE_ID);
	ioff = rd64(c, off + BLOB_INFO_OFFSET);
	isize = rd64(c, off + BLOB_INFO_SIZE);
	ksize = rd64(c, off + BLOB_KSTRUCT_SIZE);
	nk = rd64(c, off + BLOB_NUM_KSTRUCTS);
	cmd = rd64(c, off + BLOB_RMCTRL_CMD);
	rsize = rd64(c, off + BLOB_RMCTRL_SIZE);

	if (!dev || dev > 0xffff)
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "blob %u: device_id 0x%llx is not a PCI device id", bi, dev);
	for (i = 0; i < bi; i++)
		if (c->info->device_ids[i] == dev)
			return nvgsp_fw_fail(c->diag, b, -EINVAL,
					     "blob %u: device_id 0x%04llx repeats blob %u's", bi, dev, i);
	c->info->device_ids[bi] = (u16)dev;

#define BLOB_FAIL(err, fmt, ...)						\
	nvgsp_fw_fail(c->diag, b, err, "blob %u (device 0x%04llx): " fmt, bi, dev, ##__VA_ARGS__)

	if (!nk || nk > NVGSP_FW_VGPU_MAX_TYPES)
		return BLOB_FAIL(nk ? -E2BIG : -EINVAL, "num_kernel_structs: %llu is outside 1..%u",
				 nk, NVGSP_FW_VGPU_MAX_TYPES);
	if (ksize != nk * REC_SIZE)
		return BLOB_FAIL(-EINVAL,
				 "kernel_struct_size: %llu is not num_kernel_structs %llu x the %u-byte record",
				 ksize, nk, REC_SIZE);
	if (cmd != RMCTRL_ADD_VGPU_TYPE)
		return BLOB_FAIL(-EPERM,
				 "gsp_rmctrl_cmd: 0x%llx is not PGPU_ADD_VGPU_TYPE (0x%08x), the only control forwarded",
				 cmd, RMCTRL_ADD_VGPU_TYPE);
	if (rsize != c->lay.params_size)
		return BLOB_FAIL(-EINVAL, "gsp_rmctrl_size: %llu is not %llu, the parameters' size in %s",
				 rsize, c->lay.params_size, c->build);
	if (ioff != RMCTRL_INFO)
		return BLOB_FAIL(-EINVAL, "gsp_rmctrl_vgpu_info_offset: %llu is not %u", ioff,
				 RMCTRL_INFO);
	if (isize != c->lay.info_size)
		return BLOB_FAIL(-EINVAL,
				 "gsp_rmctrl_vgpu_info_size: %llu is not %llu, NVA081_CTRL_VGPU_INFO's size in %s",
				 isize, c->lay.info_size, c->build);
	/* ksize <= 64 * 96 and rsize < 2^23 (vgpu_layout()): the sum cannot overflow. */
	if (bsize != BLOB_HDR_SIZE + ksize + rsize)
		return BLOB_FAIL(-EINVAL, "size: 0x%llx is not %u + kernel_struct_size %llu + gsp_rmctrl_size %llu",
				 bsize, BLOB_HDR_SIZE, ksize, rsize);
	rm = off + BLOB_HDR_SIZE + ksize;
	discard = b->data[rm + RMCTRL_DISCARD];
	count = rd32(c, rm + RMCTRL_COUNT);
	if (discard > 1)
		return BLOB_FAIL(-EINVAL, "control: discardVgpuTypes %u is neither 0 nor 1", discard);
	if (count != nk)
		return BLOB_FAIL(-EINVAL, "control: vgpuInfoCount %u is not num_kernel_structs %llu",
				 count, nk);
#undef BLOB_FAIL

	for (i = 0; i < nk; i++) {
		int ret = vgpu_record(c, bi, (u16)dev, off + BLOB_HDR_SIZE + (u64)i * REC_SIZE,
				      rm + RMCTRL_INFO + (u64)i * c->lay.info_size, i, &t);

		if (ret)
			return ret;
		for (j = 0; j < i; j++)
			if (rd32(c, off + BLOB_HDR_SIZE + (u64)j * REC_SIZE + REC_TYPE) == t.id)
				return nvgsp_fw_fail(c->diag, b, -EINVAL,
						     "blob %u (device 0x%04llx): type record %u: vgpu_type %u repeats record %u's",
						     bi, dev, i, t.id, j);
		if (cat)
			cat->types[i] = t;
	}
	c->info->nr_types[bi] = (u8)nk;
	if (cat) {
		cat->device_id = (u16)dev;
		cat->nr_types = (unsigned int)nk;
		cat->rmctrl_cmd = RMCTRL_ADD_VGPU_TYPE;
		cat->rmctrl.offset = rm;
		cat->rmctrl.size = rsize;
	}
	*size = bsize;
	return 0;
}

static int vgpu_walk(struct vgpu_ctx *c, const char *release, int device_id,
		     struct nvgsp_fw_vgpu_catalogue *cat)
{
	const struct nvgsp_fw_blob *b = c->blob;
	u32 crc, want;
	u64 off = HDR_SIZE, size = 0;
	unsigned int i;
	bool found = false;
	int ret;

	ret = vgpu_header(c, release);
	if (ret)
		return ret;
	for (i = 0; i < c->info->nr_blobs; i++) {
		bool mine = device_id >= 0 && !found &&
			    nvgsp_fw_range_ok(b->size, off, BLOB_HDR_SIZE) &&
			    rd64(c, off + BLOB_DEVICE_ID) == (u64)device_id;

		ret = vgpu_blob(c, i, off, &size, mine ? cat : NULL);
		if (ret)
			return ret;
		found |= mine;
		off += size;
	}
	if (off != b->size)
		return nvgsp_fw_fail(c->diag, b, -EINVAL,
				     "num_blobs: the %u blobs end at 0x%llx, the file at 0x%zx",
				     c->info->nr_blobs, off, b->size);
	/* crc32_le(~0, bytes 16..end) without the final inversion: see the rst. */
	crc = ~nvgsp_fw_crc32(0, b->data + CRC_START, b->size - CRC_START);
	want = rd32(c, HDR_CRC);
	if (crc != want)
		return nvgsp_fw_fail(c->diag, b, -EBADMSG,
				     "crc32: 0x%08x recorded, 0x%08x computed over bytes 16..0x%zx",
				     want, crc, b->size);
	if (device_id >= 0 && !found)
		return nvgsp_fw_fail(c->diag, b, -ENOENT, "no vGPU types for device 0x%04x",
				     device_id);
	return 0;
}

int nvgsp_fw_vgpu_inspect(const struct nvgsp_fw_blob *blob, const char *release,
			  u64 vmmu_segment, struct nvgsp_fw_vgpu_info *info,
			  struct nvgsp_fw_diag *diag)
{
	struct vgpu_ctx c = { .blob = blob, .vmmu_segment = vmmu_segment, .info = info,
			      .diag = diag };

	memset(info, 0, sizeof(*info));
	return vgpu_walk(&c, release, -1, NULL);
}

int nvgsp_fw_vgpu_parse(const struct nvgsp_fw_blob *blob, u16 device_id, const char *release,
			u64 vmmu_segment, struct nvgsp_fw_vgpu_catalogue *cat,
			struct nvgsp_fw_diag *diag)
{
	struct nvgsp_fw_vgpu_catalogue *tmp;
	struct nvgsp_fw_vgpu_info *info;
	struct vgpu_ctx c = { .blob = blob, .vmmu_segment = vmmu_segment, .diag = diag };
	int ret;

	info = nvgsp_os_zalloc(sizeof(*info));
	tmp = nvgsp_os_zalloc(sizeof(*tmp));
	if (!info || !tmp) {
		ret = -ENOMEM;
		goto out_free;
	}
	c.info = info;
	ret = vgpu_walk(&c, release, device_id, tmp);
	if (!ret)
		memcpy(cat, tmp, sizeof(*cat));
out_free:
	nvgsp_os_free(tmp);
	nvgsp_os_free(info);
	return ret;
}
