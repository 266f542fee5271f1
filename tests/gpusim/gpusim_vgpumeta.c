// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_vgpumeta.c - vGPU type catalogue files of our own (see
 * gpusim_vgpumeta.h and Documentation/vgpu-types.rst).
 *
 * The CRC here is table-driven and independent of the core's bitwise
 * nvgsp_fw_crc32(), so a mistake in either shows as a refused file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gpusim_vgpumeta.h"
#include "abi/nvgsp_abi.h"

#define MiB (1024ull * 1024)
#define GiB (1024 * MiB)

/*
 * Type 869 is the one public record: the 2024 RFC's built-in table
 * (Documentation/vgpu-types.rst, "Test files"). The others are made up,
 * named SYNTHETIC, with ids no NVIDIA type is likely to use; their values
 * follow 869's pattern (heap, BAR1) so that they pass the same checks.
 * Where a SYNTHETIC type takes a profile's framebuffer and maximum from
 * NVIDIA's vGPU documentation, the rst says so. Every type fits its board
 * as gpusim models it (the rst's constraints; check_vgpu_sim.c checks them):
 * max_instance x (fb_length + gsp_heap_size rounded up to 32 MiB) within
 * the FB less 1 GiB, max_instance within TotalVFs, fb_length a whole number
 * of 32 MiB, bar1_length within the 2 GiB VF BAR1.
 */
#define TYPE(_id, _name, _cls, _dev, _sub, _fb, _heap, _bar1, _max, _heads, _x, _y, _frl,	\
	     _ecc, _res)									\
	{ .id = _id, .name = _name, .cls = _cls, .device_id = _dev,				\
	  .vdev_id = (u64)(_dev) << 16 | (_sub), .fb_length = _fb, .gsp_heap_size = _heap,	\
	  .bar1_length = _bar1, .max_instance = _max, .num_heads = _heads, .max_res_x = _x,	\
	  .max_res_y = _y, .frl_config = _frl, .ecc = _ecc, .fb_reservation = _res,		\
	  .synthetic = true }

const struct gpusim_vgpu_type gpusim_vgpu_types[] = {
	/* L40 (0x26b5) */
	{ .id = 869, .name = "NVIDIA L40-1B", .cls = "NVS", .device_id = 0x26b5,
	  .vdev_id = 0x26b5176d, .fb_length = 1 * GiB, .gsp_heap_size = 32 * MiB,
	  .bar1_length = 256, .max_instance = 32, .num_heads = 4, .max_res_x = 5120,
	  .max_res_y = 2880, .frl_config = 45 },
	TYPE(0xf0001, "SYNTHETIC L40-4Q", "Quadro", 0x26b5, 0xf001, 4 * GiB, 32 * MiB, 256, 11,
	     4, 7680, 4320, 60, 1, 128 * MiB),
	TYPE(0xf0002, "SYNTHETIC L40-48C", "Compute", 0x26b5, 0xf002, 44 * GiB, 64 * MiB, 2048, 1,
	     1, 4096, 2160, 60, 1, 512 * MiB),
	/* A40 (0x2235) */
	TYPE(0xf0101, "SYNTHETIC A40-2Q", "Quadro", 0x2235, 0xf101, 2 * GiB, 32 * MiB, 256, 23,
	     4, 7680, 4320, 60, 0, 64 * MiB),
	TYPE(0xf0102, "SYNTHETIC A40-1Q", "Quadro", 0x2235, 0xf102, 1 * GiB, 32 * MiB, 256, 32,
	     4, 5120, 2880, 60, 0, 64 * MiB),
	TYPE(0xf0103, "SYNTHETIC A40-48Q", "Quadro", 0x2235, 0xf103, 46 * GiB, 64 * MiB, 2048, 1,
	     4, 7680, 4320, 60, 1, 512 * MiB),
	/* A100 SXM4 40GB (0x20b0, gpusim's ga100) */
	TYPE(0xf0201, "SYNTHETIC A100-4C", "Compute", 0x20b0, 0xf201, 4 * GiB, 32 * MiB, 2048, 9,
	     1, 4096, 2160, 60, 1, 128 * MiB),
	TYPE(0xf0202, "SYNTHETIC A100-40C", "Compute", 0x20b0, 0xf202, 38 * GiB, 64 * MiB, 2048, 1,
	     1, 4096, 2160, 60, 1, 512 * MiB),
	/* H100 PCIe (0x2331, gpusim's gh100) and H100 SXM5 (0x2330) */
	TYPE(0xf0301, "SYNTHETIC H100-4C", "Compute", 0x2331, 0xf301, 4 * GiB, 32 * MiB, 2048, 19,
	     1, 4096, 2160, 60, 1, 128 * MiB),
	TYPE(0xf0302, "SYNTHETIC H100-80C", "Compute", 0x2331, 0xf302, 78 * GiB, 64 * MiB, 2048, 1,
	     1, 4096, 2160, 60, 1, 512 * MiB),
	TYPE(0xf0311, "SYNTHETIC H100SXM-4C", "Compute", 0x2330, 0xf311, 4 * GiB, 32 * MiB, 2048,
	     19, 1, 4096, 2160, 60, 1, 128 * MiB),
	TYPE(0xf0312, "SYNTHETIC H100SXM-80C", "Compute", 0x2330, 0xf312, 78 * GiB, 64 * MiB, 2048,
	     1, 1, 4096, 2160, 60, 1, 512 * MiB),
};
const unsigned int gpusim_vgpu_nr_types = ARRAY_SIZE(gpusim_vgpu_types);

/*
 * The vGPU version pair written for each release: 570.144's is RFC v2's;
 * 535.113.01's is nvgsp's own (Documentation/vgpu-types.rst, "Versions").
 * Kept here apart from the parser's list, so that a change to either shows.
 */
static const struct {
	const char *build;
	u64 major, minor;
} gs_versions[] = {
	{ "570.144", 18, 1 },
	{ "535.113.01", 16, 0 },
};

/*
 * I_* offsets beyond those the parser checks: NVA081_CTRL_VGPU_INFO's fields
 * before the placement fields 570.144 appended, the same in both releases
 * (the rst's layout table).
 */
#define I_NAME		4
#define I_CLASS		36
#define I_HEADS		328
#define I_RES_X		332
#define I_RES_Y		336
#define I_FRL		344
#define I_ECC		352
#define I_VDEV		368
#define I_PDEV		376
#define I_HEAP		400
#define I_FBRES		408
#define I_BAR1		432

int gpusim_vgpumeta_layout(const char *build, struct gpusim_vgpumeta_layout *lay)
{
	const struct nvgsp_abi *abi = build ? nvgsp_abi_find(build) : NULL;

	memset(lay, 0, sizeof(*lay));
	if (!abi || nvgsp_abi_param(abi, "vgpu.type_info_size", &lay->info_size) ||
	    nvgsp_abi_param(abi, "vgpu.type_info_max_instance", &lay->info_max) ||
	    nvgsp_abi_param(abi, "vgpu.type_info_fb_length", &lay->info_fb) ||
	    nvgsp_abi_param(abi, "vgpu.add_type_params_size", &lay->params_size))
		return -ENOENT;
	return 0;
}

static unsigned int types_of(u16 dev);

int gpusim_vgpumeta_cfg_for(const char *release, u16 dev, struct gpusim_vgpumeta_cfg *cfg)
{
	unsigned int i, j;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < ARRAY_SIZE(gs_versions); i++) {
		if (strcmp(gs_versions[i].build, release))
			continue;
		cfg->major = gs_versions[i].major;
		cfg->minor = gs_versions[i].minor;
		cfg->build = gs_versions[i].build;
	}
	if (!cfg->build)
		return -ENOENT;
	if (dev) {
		if (!types_of(dev))
			return -EINVAL;
		cfg->devices[cfg->nr_devices++] = dev;
		return 0;
	}
	for (i = 0; i < gpusim_vgpu_nr_types; i++) {
		u16 d = gpusim_vgpu_types[i].device_id;

		for (j = 0; j < cfg->nr_devices && cfg->devices[j] != d; j++)
			;
		if (j == cfg->nr_devices && j < GPUSIM_VGPUMETA_MAX_DEVICES)
			cfg->devices[cfg->nr_devices++] = d;
	}
	return 0;
}

void gpusim_vgpumeta_put(u8 *file, size_t off, unsigned int width, u64 v)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		file[off + i] = (u8)(v >> (8 * i));
}

static u32 crc_table[256];

static u32 crc32_le_table(u32 crc, const u8 *p, size_t len)
{
	size_t i;

	if (!crc_table[1]) {
		for (i = 0; i < 256; i++) {
			u32 c = (u32)i;
			int k;

			for (k = 0; k < 8; k++)
				c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	}
	for (i = 0; i < len; i++)
		crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return crc;
}

void gpusim_vgpumeta_fix_crc(u8 *file, size_t len)
{
	/* Linux's crc32_le(~0, ...): seeded with ~0, no final inversion. */
	gpusim_vgpumeta_put(file, GPUSIM_VGPUMETA_CRC, 4,
			    crc32_le_table(0xffffffffu, file + 16, len - 16));
}

static unsigned int types_of(u16 dev)
{
	unsigned int i, n = 0;

	for (i = 0; i < gpusim_vgpu_nr_types; i++)
		n += gpusim_vgpu_types[i].device_id == dev;
	return n;
}

static size_t blob_size(const struct gpusim_vgpumeta_layout *lay, u16 dev)
{
	return GPUSIM_VGPUMETA_B_HDR_SIZE + types_of(dev) * GPUSIM_VGPUMETA_R_SIZE +
	       lay->params_size;
}

size_t gpusim_vgpumeta_blob(const struct gpusim_vgpumeta_cfg *cfg, unsigned int i)
{
	size_t off = GPUSIM_VGPUMETA_HDR_SIZE;
	struct gpusim_vgpumeta_layout lay;
	unsigned int j;

	if (gpusim_vgpumeta_layout(cfg->build, &lay))
		return 0;
	for (j = 0; j < i; j++)
		off += blob_size(&lay, cfg->devices[j]);
	return off;
}

static void put_str(u8 *p, const char *s, size_t max)
{
	size_t n = strlen(s);

	memcpy(p, s, n < max ? n : max);
}

static void write_blob(u8 *b, const struct gpusim_vgpumeta_layout *lay, u16 dev)
{
	unsigned int i, n = types_of(dev), k = 0;
	u8 *rec = b + GPUSIM_VGPUMETA_B_HDR_SIZE;
	u8 *ctl = rec + n * GPUSIM_VGPUMETA_R_SIZE;

	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_TYPE, 8, 0);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_SIZE, 8, blob_size(lay, dev));
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_DEVICE, 8, dev);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_INFO_OFF, 8, GPUSIM_VGPUMETA_C_INFO);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_INFO_SIZE, 8, lay->info_size);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_KSIZE, 8, n * GPUSIM_VGPUMETA_R_SIZE);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_NUM_K, 8, n);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_CMD, 8, GPUSIM_VGPUMETA_CMD);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_RMSIZE, 8, lay->params_size);
	gpusim_vgpumeta_put(ctl, GPUSIM_VGPUMETA_C_DISCARD, 1, 1);
	gpusim_vgpumeta_put(ctl, GPUSIM_VGPUMETA_C_COUNT, 4, n);
	for (i = 0; i < gpusim_vgpu_nr_types; i++) {
		const struct gpusim_vgpu_type *t = &gpusim_vgpu_types[i];
		u8 *r = rec + k * GPUSIM_VGPUMETA_R_SIZE;
		u8 *info = ctl + GPUSIM_VGPUMETA_C_INFO + k * lay->info_size;

		if (t->device_id != dev)
			continue;
		k++;
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_TYPE, 4, t->id);
		put_str(r + GPUSIM_VGPUMETA_R_NAME, t->name, 31);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_VDEV, 8, t->vdev_id);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_PDEV, 8, t->device_id);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_FB, 8, t->fb_length);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_HEAP, 8, t->gsp_heap_size);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_BAR1, 8, t->bar1_length);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_MAX, 4, t->max_instance);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_ECC, 4, t->ecc);
		gpusim_vgpumeta_put(r, GPUSIM_VGPUMETA_R_FBRES, 8, t->fb_reservation);

		gpusim_vgpumeta_put(info, 0, 4, t->id);
		put_str(info + I_NAME, t->name, 31);
		put_str(info + I_CLASS, t->cls, 31);
		gpusim_vgpumeta_put(info, lay->info_max, 4, t->max_instance);
		gpusim_vgpumeta_put(info, I_HEADS, 4, t->num_heads);
		gpusim_vgpumeta_put(info, I_RES_X, 4, t->max_res_x);
		gpusim_vgpumeta_put(info, I_RES_Y, 4, t->max_res_y);
		gpusim_vgpumeta_put(info, I_FRL, 4, t->frl_config);
		gpusim_vgpumeta_put(info, I_ECC, 4, t->ecc);
		gpusim_vgpumeta_put(info, I_VDEV, 8, t->vdev_id);
		gpusim_vgpumeta_put(info, I_PDEV, 8, t->device_id);
		gpusim_vgpumeta_put(info, lay->info_fb, 8, t->fb_length);
		gpusim_vgpumeta_put(info, I_HEAP, 8, t->gsp_heap_size);
		gpusim_vgpumeta_put(info, I_FBRES, 8, t->fb_reservation);
		gpusim_vgpumeta_put(info, I_BAR1, 8, t->bar1_length);
	}
}

int gpusim_vgpumeta_build(const struct gpusim_vgpumeta_cfg *cfg, u8 **out, size_t *len)
{
	struct gpusim_vgpumeta_layout lay;
	unsigned int i;
	size_t size;
	u8 *f;

	if (gpusim_vgpumeta_layout(cfg->build, &lay))
		return -ENOENT;
	if (cfg->nr_devices > GPUSIM_VGPUMETA_MAX_DEVICES)
		return -EINVAL;
	for (i = 0; i < cfg->nr_devices; i++)
		if (!types_of(cfg->devices[i]))
			return -EINVAL;
	size = gpusim_vgpumeta_blob(cfg, cfg->nr_devices);
	f = calloc(1, size);
	if (!f)
		return -ENOMEM;
	memcpy(f, "NVVGPUMT", 8);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_MAJOR, 8, cfg->major);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_MINOR, 8, cfg->minor);
	put_str(f + GPUSIM_VGPUMETA_BUILD, cfg->build, 63);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_NUM_BLOBS, 8, cfg->nr_devices);
	for (i = 0; i < cfg->nr_devices; i++)
		write_blob(f + gpusim_vgpumeta_blob(cfg, i), &lay, cfg->devices[i]);
	gpusim_vgpumeta_fix_crc(f, size);
	*out = f;
	*len = size;
	return 0;
}
