// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_query.c - the render node's query ioctl, portable half
 * (src/vgpu/nvgsp_query.c): every refusal of a bad request, table-driven,
 * leaves the request untouched and copies nothing; the size handshake; the
 * answers from a GA102 booted on gpusim, then from the same GSP-RM dead,
 * and from a GPU whose GSP-RM never ran.
 */
#include <string.h>

#include "unit.h"
#include "unit_gsp.h"
#include "vgpu/nvgsp_query.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static u8 buf[512];
#define BUF ((u64)(uintptr_t)buf)

static const struct {
	const char *name;
	struct drm_nvgsp_query q;
	int want;
	u32 copy;
	u32 size_out;
} requests[] = {
	/* Accepted. */
	{ "chip-size0", { DRM_NVGSP_QUERY_CHIP, 0, 0, 0, 0 }, 0, 0, sizeof(struct drm_nvgsp_chip) },
	{ "gsp-size0", { DRM_NVGSP_QUERY_GSP, 0, BUF, 0, 0 }, 0, 0, sizeof(struct drm_nvgsp_gsp) },
	{ "memory-size0", { DRM_NVGSP_QUERY_MEMORY, 0, 0, 0, 0 }, 0, 0,
	  sizeof(struct drm_nvgsp_memory) },
	{ "vgpu-size0", { DRM_NVGSP_QUERY_VGPU, 0, 0, 0, 0 }, 0, 0, sizeof(struct drm_nvgsp_vgpu) },
	{ "chip-exact", { DRM_NVGSP_QUERY_CHIP, sizeof(struct drm_nvgsp_chip), BUF, 0, 0 }, 0,
	  sizeof(struct drm_nvgsp_chip), sizeof(struct drm_nvgsp_chip) },
	{ "gsp-exact", { DRM_NVGSP_QUERY_GSP, sizeof(struct drm_nvgsp_gsp), BUF, 0, 0 }, 0,
	  sizeof(struct drm_nvgsp_gsp), sizeof(struct drm_nvgsp_gsp) },
	{ "vgpu-large", { DRM_NVGSP_QUERY_VGPU, sizeof(buf), BUF, 0, 0 }, 0,
	  sizeof(struct drm_nvgsp_vgpu), sizeof(struct drm_nvgsp_vgpu) },
	{ "memory-max", { DRM_NVGSP_QUERY_MEMORY, 0xffffffffu, BUF, 0, 0 }, 0,
	  sizeof(struct drm_nvgsp_memory), sizeof(struct drm_nvgsp_memory) },
	/* Refused. */
	{ "query-4", { 4, sizeof(buf), BUF, 0, 0 }, -EINVAL, 0, 0 },
	{ "query-max", { 0xffffffffu, sizeof(buf), BUF, 0, 0 }, -EINVAL, 0, 0 },
	{ "query-4-size0", { 4, 0, 0, 0, 0 }, -EINVAL, 0, 0 },
	{ "flags-1", { DRM_NVGSP_QUERY_CHIP, sizeof(buf), BUF, 1, 0 }, -EINVAL, 0, 0 },
	{ "flags-top", { DRM_NVGSP_QUERY_CHIP, sizeof(buf), BUF, 0x80000000u, 0 }, -EINVAL, 0, 0 },
	{ "flags-size0", { DRM_NVGSP_QUERY_CHIP, 0, 0, 2, 0 }, -EINVAL, 0, 0 },
	{ "pad-1", { DRM_NVGSP_QUERY_CHIP, sizeof(buf), BUF, 0, 1 }, -EINVAL, 0, 0 },
	{ "pad-size0", { DRM_NVGSP_QUERY_GSP, 0, 0, 0, 0xffffffffu }, -EINVAL, 0, 0 },
	{ "size-1", { DRM_NVGSP_QUERY_CHIP, 1, BUF, 0, 0 }, -EINVAL, 0, 0 },
	{ "chip-short", { DRM_NVGSP_QUERY_CHIP, sizeof(struct drm_nvgsp_chip) - 1, BUF, 0, 0 },
	  -EINVAL, 0, 0 },
	{ "gsp-short", { DRM_NVGSP_QUERY_GSP, sizeof(struct drm_nvgsp_gsp) - 8, BUF, 0, 0 },
	  -EINVAL, 0, 0 },
	{ "memory-short", { DRM_NVGSP_QUERY_MEMORY, 8, BUF, 0, 0 }, -EINVAL, 0, 0 },
	{ "vgpu-short", { DRM_NVGSP_QUERY_VGPU, sizeof(struct drm_nvgsp_vgpu) - 4, BUF, 0, 0 },
	  -EINVAL, 0, 0 },
	{ "data-null", { DRM_NVGSP_QUERY_CHIP, sizeof(struct drm_nvgsp_chip), 0, 0, 0 },
	  -EINVAL, 0, 0 },
};

/* Any request: as the table says, and a refusal changes nothing. */
START_TEST(request)
{
	static const struct nvgsp_chip_id id = { .chipset = 0x172 };
	const struct nvgsp_query_src src = { .chip = &id };
	struct drm_nvgsp_query q = requests[_i].q;
	union nvgsp_query_answer ans;
	u32 copy = 0xdead;
	int ret;

	memset(&ans, 0xa5, sizeof(ans));
	ret = nvgsp_query_run(&src, &q, &ans, &copy);
	ck_assert_msg(ret == requests[_i].want, "%s: %d, want %d", requests[_i].name, ret,
		      requests[_i].want);
	ck_assert_uint_eq(copy, requests[_i].copy);
	ck_assert_int_eq(nvgsp_query_check(&requests[_i].q), ret);
	if (ret) {
		ck_assert_msg(!memcmp(&q, &requests[_i].q, sizeof(q)), "%s: request changed",
			      requests[_i].name);
		return;
	}
	ck_assert_uint_eq(q.size, requests[_i].size_out);
	ck_assert_uint_eq(q.query, requests[_i].q.query);
	ck_assert_uint_eq(q.data, requests[_i].q.data);
	ck_assert_uint_eq(q.flags, 0);
	ck_assert_uint_eq(q.pad, 0);
}
END_TEST

static bool zero(const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		if (*b++)
			return false;
	return true;
}

/* The answers of a booted GA102, and of the same GSP-RM once dead. */
START_TEST(answers)
{
	struct nvgsp_vgpu_boot vgpu = { .total_vfs = 0 };
	struct nvgsp_gsp *gsp = NULL;
	struct nvgsp_query_src src;
	union nvgsp_query_answer ans;
	char reason[160];
	struct unit_gsp e;

	unit_gsp_init(&e, "ga102", "570.144", NULL, NULL);
	ck_assert_int_eq(nvgsp_gsp_boot(&e.cfg, &gsp), 0);
	src = (struct nvgsp_query_src){
		.dev = &e.dev,
		.chip = &e.id,
		.pci_device = 0x2204,
		.abi = e.set->abi,
		.build_id = e.set->gsp.build_id,
		.build_id_len = e.set->gsp.build_id_len,
		.gsp = gsp,
		.vgpu = &vgpu,
	};

	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_CHIP, &ans),
			 sizeof(struct drm_nvgsp_chip));
	ck_assert_uint_eq(ans.chip.chipset, 0x172);
	ck_assert_uint_eq(ans.chip.chipset, e.id.chipset);
	ck_assert_uint_eq(ans.chip.architecture, 0x17);
	ck_assert_uint_eq(ans.chip.implementation, 0x2);
	ck_assert_uint_eq(ans.chip.boot0, e.id.boot0);
	ck_assert_uint_eq(ans.chip.boot42, e.id.boot42);
	ck_assert_uint_eq(ans.chip.major_rev, e.id.major_rev);
	ck_assert_uint_eq(ans.chip.pci_device, 0x2204);
	ck_assert_str_eq(ans.chip.name, "GA102");
	ck_assert(zero(ans.chip.reserved, sizeof(ans.chip.reserved)));

	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_GSP, &ans),
			 sizeof(struct drm_nvgsp_gsp));
	ck_assert_uint_eq(ans.gsp.state, DRM_NVGSP_GSP_RUNNING);
	ck_assert_str_eq(ans.gsp.release, "570.144");
	ck_assert_uint_eq(ans.gsp.build_id_len, e.set->gsp.build_id_len);
	ck_assert_uint_gt(ans.gsp.build_id_len, 0);
	ck_assert(!memcmp(ans.gsp.build_id, e.set->gsp.build_id, ans.gsp.build_id_len));
	ck_assert(zero(ans.gsp.reason, sizeof(ans.gsp.reason)));
	ck_assert(zero(ans.gsp.reserved, sizeof(ans.gsp.reserved)));

	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_MEMORY, &ans),
			 sizeof(struct drm_nvgsp_memory));
	ck_assert_uint_eq(ans.memory.vram_bytes, nvgsp_gsp_static_info(gsp)->fb_length);
	ck_assert_uint_gt(ans.memory.vram_bytes, 0);
	ck_assert_uint_eq(ans.memory.vgpu_bytes, 0);
	ck_assert_uint_eq(ans.memory.vmmu_segment_bytes, 0);
	ck_assert(zero(ans.memory.reserved, sizeof(ans.memory.reserved)));

	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_VGPU, &ans),
			 sizeof(struct drm_nvgsp_vgpu));
	ck_assert_uint_eq(ans.vgpu.flags, 0);
	ck_assert_uint_eq(ans.vgpu.total_vfs, 0);
	ck_assert_uint_eq(ans.vgpu.types, 0);
	ck_assert(zero(ans.vgpu.reserved, sizeof(ans.vgpu.reserved)));

	/* Dead: the state and the transport's reason, without a call. */
	gpusim_gsp_crash(e.sim);
	ck_assert_int_eq(nvgsp_gsp_check_alive(gsp), -EIO);
	ck_assert_int_eq(nvgsp_gsp_state(gsp, reason, sizeof(reason)), NVGSP_RPC_DEAD);
	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_GSP, &ans),
			 sizeof(struct drm_nvgsp_gsp));
	ck_assert_uint_eq(ans.gsp.state, DRM_NVGSP_GSP_DEAD);
	ck_assert_str_ne(ans.gsp.reason, "");
	ck_assert_str_eq(ans.gsp.reason, reason);
	ck_assert_str_eq(ans.gsp.release, "570.144");

	nvgsp_gsp_shutdown(gsp);
	ck_assert_uint_eq(nvgsp_os_user_dma_live(), e.dma_live);
	unit_gsp_fini(&e);
}
END_TEST

/* GSP-RM never booted: said so, and no VRAM size. */
START_TEST(not_started)
{
	static const struct nvgsp_chip_id id = { .chipset = 0x172 };
	const struct nvgsp_query_src src = { .chip = &id };
	union nvgsp_query_answer ans;

	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_GSP, &ans),
			 sizeof(struct drm_nvgsp_gsp));
	ck_assert_uint_eq(ans.gsp.state, DRM_NVGSP_GSP_NOT_STARTED);
	ck_assert_str_eq(ans.gsp.release, "");
	ck_assert_uint_eq(ans.gsp.build_id_len, 0);
	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_MEMORY, &ans),
			 sizeof(struct drm_nvgsp_memory));
	ck_assert_uint_eq(ans.memory.vram_bytes, 0);
	ck_assert_int_eq(nvgsp_query_answer(&src, DRM_NVGSP_QUERY_CHIP, &ans),
			 sizeof(struct drm_nvgsp_chip));
	ck_assert_str_eq(ans.chip.name, "");
	ck_assert_int_eq(nvgsp_query_answer(&src, 4, &ans), -EINVAL);
}
END_TEST

Suite *nvgsp_suite_query(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("query");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, request, 0, N(requests));
	tcase_add_test(tc, answers);
	tcase_add_test(tc, not_started);
	suite_add_tcase(s, tc);
	return s;
}
