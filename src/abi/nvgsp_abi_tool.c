// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_abi_tool.c - the parts of the ABI API that only nvgspctl and the
 * tests use: group names, which neutral fields a release's wire carries,
 * and the field metadata of the wire structs (generated apart, in
 * nvgsp_abi_meta_tool.c).
 *
 * Userspace core only: like every core source named *_tool.c, Kbuild does
 * not list it, so nvgsp.ko carries neither this code nor the metadata.
 */
#include "nvgsp_abi.h"

static bool nvgsp_abi_tool_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

const char *nvgsp_abi_group_name(enum nvgsp_abi_group group)
{
	if ((unsigned int)group >= NVGSP_ABI_NR_GROUPS)
		return "?";
	return nvgsp_abi_groups[group].name;
}

const struct nvgsp_abi_struct *nvgsp_abi_structs(const struct nvgsp_abi *abi, u32 *count)
{
	unsigned int i;

	for (i = 0; i < nvgsp_abi_nr_meta; i++) {
		if (nvgsp_abi_meta_all[i].abi == abi) {
			*count = nvgsp_abi_meta_all[i].nr_structs;
			return nvgsp_abi_meta_all[i].structs;
		}
	}
	*count = 0;
	return NULL;
}

const struct nvgsp_abi_struct *nvgsp_abi_find_struct(const struct nvgsp_abi *abi,
						     const char *name)
{
	const struct nvgsp_abi_struct *s;
	u32 i, n;

	s = nvgsp_abi_structs(abi, &n);
	for (i = 0; i < n; i++)
		if (nvgsp_abi_tool_streq(s[i].name, name))
			return &s[i];
	return NULL;
}
