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

#define MiB (1024ull * 1024)
#define GiB (1024 * MiB)

/*
 * Type 869 is the one public record: the 2024 RFC's built-in table
 * (Documentation/vgpu-types.rst, "Type facts"). The others are made up,
 * named SYNTHETIC, with ids no NVIDIA type is likely to use; their values
 * follow 869's pattern (heap, BAR1) so that they pass the same checks.
 */
const struct gpusim_vgpu_type gpusim_vgpu_types[] = {
	{ .id = 869, .name = "NVIDIA L40-1B", .cls = "NVS", .device_id = 0x26b5,
	  .vdev_id = 0x26b5176d, .fb_length = 1 * GiB, .gsp_heap_size = 32 * MiB,
	  .bar1_length = 256, .max_instance = 32, .num_heads = 4, .max_res_x = 5120,
	  .max_res_y = 2880, .frl_config = 45 },
	{ .id = 0xf0001, .name = "SYNTHETIC L40-4Q", .cls = "Quadro", .device_id = 0x26b5,
	  .vdev_id = 0x26b5f001, .fb_length = 4 * GiB, .gsp_heap_size = 32 * MiB,
	  .bar1_length = 256, .max_instance = 12, .num_heads = 4, .max_res_x = 7680,
	  .max_res_y = 4320, .frl_config = 60, .ecc = 1, .fb_reservation = 128 * MiB,
	  .synthetic = true },
	{ .id = 0xf0002, .name = "SYNTHETIC L40-48C", .cls = "Compute", .device_id = 0x26b5,
	  .vdev_id = 0x26b5f002, .fb_length = 44 * GiB, .gsp_heap_size = 64 * MiB,
	  .bar1_length = 8192, .max_instance = 1, .num_heads = 1, .max_res_x = 4096,
	  .max_res_y = 2160, .frl_config = 60, .ecc = 1, .fb_reservation = 512 * MiB,
	  .synthetic = true },
	{ .id = 0xf0101, .name = "SYNTHETIC A40-2Q", .cls = "Quadro", .device_id = 0x2235,
	  .vdev_id = 0x2235f101, .fb_length = 2 * GiB, .gsp_heap_size = 32 * MiB,
	  .bar1_length = 256, .max_instance = 24, .num_heads = 4, .max_res_x = 7680,
	  .max_res_y = 4320, .frl_config = 60, .fb_reservation = 64 * MiB,
	  .synthetic = true },
};
const unsigned int gpusim_vgpu_nr_types = ARRAY_SIZE(gpusim_vgpu_types);

/* I_* offsets beyond those the parser checks: NVA081_CTRL_VGPU_INFO in 570 */
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

static size_t blob_size(u16 dev)
{
	return GPUSIM_VGPUMETA_B_HDR_SIZE + types_of(dev) * GPUSIM_VGPUMETA_R_SIZE +
	       GPUSIM_VGPUMETA_C_SIZE;
}

size_t gpusim_vgpumeta_blob(const struct gpusim_vgpumeta_cfg *cfg, unsigned int i)
{
	size_t off = GPUSIM_VGPUMETA_HDR_SIZE;
	unsigned int j;

	for (j = 0; j < i; j++)
		off += blob_size(cfg->devices[j]);
	return off;
}

static void put_str(u8 *p, const char *s, size_t max)
{
	size_t n = strlen(s);

	memcpy(p, s, n < max ? n : max);
}

static void write_blob(u8 *b, u16 dev)
{
	unsigned int i, n = types_of(dev), k = 0;
	u8 *rec = b + GPUSIM_VGPUMETA_B_HDR_SIZE;
	u8 *ctl = rec + n * GPUSIM_VGPUMETA_R_SIZE;

	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_TYPE, 8, 0);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_SIZE, 8, blob_size(dev));
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_DEVICE, 8, dev);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_INFO_OFF, 8, GPUSIM_VGPUMETA_C_INFO);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_INFO_SIZE, 8, GPUSIM_VGPUMETA_INFO_SIZE);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_KSIZE, 8, n * GPUSIM_VGPUMETA_R_SIZE);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_NUM_K, 8, n);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_CMD, 8, GPUSIM_VGPUMETA_CMD);
	gpusim_vgpumeta_put(b, GPUSIM_VGPUMETA_B_RMSIZE, 8, GPUSIM_VGPUMETA_C_SIZE);
	gpusim_vgpumeta_put(ctl, GPUSIM_VGPUMETA_C_DISCARD, 1, 1);
	gpusim_vgpumeta_put(ctl, GPUSIM_VGPUMETA_C_COUNT, 4, n);
	for (i = 0; i < gpusim_vgpu_nr_types; i++) {
		const struct gpusim_vgpu_type *t = &gpusim_vgpu_types[i];
		u8 *r = rec + k * GPUSIM_VGPUMETA_R_SIZE;
		u8 *info = ctl + GPUSIM_VGPUMETA_C_INFO + k * GPUSIM_VGPUMETA_INFO_SIZE;

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
		gpusim_vgpumeta_put(info, GPUSIM_VGPUMETA_I_MAX, 4, t->max_instance);
		gpusim_vgpumeta_put(info, I_HEADS, 4, t->num_heads);
		gpusim_vgpumeta_put(info, I_RES_X, 4, t->max_res_x);
		gpusim_vgpumeta_put(info, I_RES_Y, 4, t->max_res_y);
		gpusim_vgpumeta_put(info, I_FRL, 4, t->frl_config);
		gpusim_vgpumeta_put(info, I_ECC, 4, t->ecc);
		gpusim_vgpumeta_put(info, I_VDEV, 8, t->vdev_id);
		gpusim_vgpumeta_put(info, I_PDEV, 8, t->device_id);
		gpusim_vgpumeta_put(info, GPUSIM_VGPUMETA_I_FB, 8, t->fb_length);
		gpusim_vgpumeta_put(info, I_HEAP, 8, t->gsp_heap_size);
		gpusim_vgpumeta_put(info, I_FBRES, 8, t->fb_reservation);
		gpusim_vgpumeta_put(info, I_BAR1, 8, t->bar1_length);
	}
}

int gpusim_vgpumeta_build(const struct gpusim_vgpumeta_cfg *cfg, u8 **out, size_t *len)
{
	size_t size = gpusim_vgpumeta_blob(cfg, cfg->nr_devices);
	unsigned int i;
	u8 *f;

	for (i = 0; i < cfg->nr_devices; i++)
		if (!types_of(cfg->devices[i]))
			return -EINVAL;
	f = calloc(1, size);
	if (!f)
		return -ENOMEM;
	memcpy(f, "NVVGPUMT", 8);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_MAJOR, 8, cfg->major);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_MINOR, 8, cfg->minor);
	put_str(f + GPUSIM_VGPUMETA_BUILD, cfg->build, 63);
	gpusim_vgpumeta_put(f, GPUSIM_VGPUMETA_NUM_BLOBS, 8, cfg->nr_devices);
	for (i = 0; i < cfg->nr_devices; i++)
		write_blob(f + gpusim_vgpumeta_blob(cfg, i), cfg->devices[i]);
	gpusim_vgpumeta_fix_crc(f, size);
	*out = f;
	*len = size;
	return 0;
}
