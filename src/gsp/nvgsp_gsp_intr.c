// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvgsp_gsp_intr.c - the GSP's vector in the CPU interrupt tree: GSP-RM's
 * kernel interrupt table read and checked, the vector enabled, acknowledged
 * and disabled. See "the GSP's interrupt vector" in nvgsp_gsp_intr.h.
 */
#include "gsp/nvgsp_gsp_intr.h"
#include "rm/nvgsp_rm.h"
#include "chip/regs/nvgsp_regs_vfn.h"

/* The control's parameters; their size is the release's, never assumed. */
#define INTR_TABLE_PARAMS	"NV2080_CTRL_INTERNAL_INTR_GET_KERNEL_TABLE_PARAMS"

static int intr_fail(char *why, size_t why_len, int err, const char *fmt, ...) __printf(4, 5);

static int intr_fail(char *why, size_t why_len, int err, const char *fmt, ...)
{
	va_list ap;

	if (why && why_len) {
		va_start(ap, fmt);
		nvgsp_os_vsnprintf(why, why_len, fmt, ap);
		va_end(ap);
	}
	return err;
}

int nvgsp_gsp_intr_parse(const struct nvgsp_abi *abi, const void *params, size_t len,
			 u32 *vector, char *why, size_t why_len)
{
	u32 head = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_TABLE);
	u32 stride = nvgsp_abi_codec_size(abi, NVGSP_ABI_CODEC_INTR_ENTRY);
	struct nvgsp_abi_intr_entry e = { 0 };
	struct nvgsp_abi_intr_table t;
	const u8 *p = params;
	u64 gsp_idx, max;
	u32 i;

	if (!head || !stride)
		return intr_fail(why, why_len, -EOPNOTSUPP,
				 "GSP-RM %s has no interrupt table codecs", abi->release);
	if (nvgsp_abi_param(abi, "intr.engine_idx.gsp", &gsp_idx) ||
	    nvgsp_abi_param(abi, "intr.table_max", &max))
		return intr_fail(why, why_len, -EOPNOTSUPP,
				 "GSP-RM %s has no intr.engine_idx.gsp or intr.table_max parameter",
				 abi->release);
	if (nvgsp_abi_decode_intr_table(abi, &t, p, len) < 0)
		return intr_fail(why, why_len, -EPROTO,
				 "parameters of %zu bytes, shorter than the %u before the table",
				 len, head);
	if (t.table_len > max)
		return intr_fail(why, why_len, -EPROTO, "tableLen %u exceeds intr.table_max %llu",
				 t.table_len, max);
	if ((u64)head + (u64)t.table_len * stride > len)
		return intr_fail(why, why_len, -EPROTO,
				 "tableLen %u entries of %u bytes from offset %u overrun the %zu-byte parameters",
				 t.table_len, stride, head, len);
	for (i = 0; i < t.table_len; i++) {
		if (nvgsp_abi_decode_intr_entry(abi, &e, p + head + (size_t)i * stride,
						stride) < 0)
			return intr_fail(why, why_len, -EPROTO, "table[%u] cannot be decoded", i);
		if (e.engine_idx == gsp_idx)
			break;
	}
	if (i == t.table_len)
		return intr_fail(why, why_len, -ENOENT,
				 "no entry has engineIdx %llu (MC_ENGINE_IDX_GSP); tableLen %u",
				 gsp_idx, t.table_len);
	if (e.vector_stall >= NV_CPU_INTR_VECTORS)
		return intr_fail(why, why_len, -EPROTO,
				 "table[%u] (engineIdx %u, the GSP) has vectorStall %u (0x%x), outside the tree's %u vectors",
				 i, e.engine_idx, e.vector_stall, e.vector_stall,
				 NV_CPU_INTR_VECTORS);
	*vector = e.vector_stall;
	return 0;
}

int nvgsp_gsp_intr_init(struct nvgsp_gsp_intr *intr, struct nvgsp_os_bar *bar0,
			struct nvgsp_os_device *dev, struct nvgsp_rm *rm, const struct nvgsp_abi *abi,
			const struct nvgsp_abi_static_info *info, char *why, size_t why_len)
{
	u32 size = nvgsp_abi_struct_size(abi, INTR_TABLE_PARAMS);
	u32 vector = 0;
	u8 *params;
	int ret;

	*intr = (struct nvgsp_gsp_intr){ .bar0 = bar0, .dev = dev };
	if (!size)
		return intr_fail(why, why_len, -EOPNOTSUPP, "GSP-RM %s has no %s",
				 abi->release, INTR_TABLE_PARAMS);
	if (!info->h_internal_client || !info->h_internal_subdevice)
		return intr_fail(why, why_len, -EPROTO,
				 "static info has hInternalClient 0x%08x, hInternalSubdevice 0x%08x",
				 info->h_internal_client, info->h_internal_subdevice);
	params = nvgsp_os_zalloc(size);
	if (!params)
		return intr_fail(why, why_len, -ENOMEM, "no memory for %u bytes of parameters",
				 size);
	/* nouveau r535_gsp_intr_get_table(): on GSP-RM's own subdevice. */
	ret = nvgsp_rm_control(rm, info->h_internal_client, info->h_internal_subdevice,
			       NVGSP_ABI_CTRL_NV2080_INTERNAL_INTR_GET_KERNEL_TABLE, params,
			       size);
	if (ret)
		intr_fail(why, why_len, ret,
			  "INTR_GET_KERNEL_TABLE on internal subdevice 0x%08x failed",
			  info->h_internal_subdevice);
	else
		ret = nvgsp_gsp_intr_parse(abi, params, size, &vector, why, why_len);
	nvgsp_os_free(params);
	if (ret)
		return ret;

	intr->vector = vector;
	intr->routed = true;
	nvgsp_os_log(dev, NVGSP_LOG_DEBUG, NVGSP_DBG_BOOT,
		     "GSP interrupt: vector %u (leaf %u bit %u, subtree %u)", vector,
		     NV_CPU_INTR_VECTOR_TO_LEAF_REG(vector), vector % 32u,
		     NV_CPU_INTR_VECTOR_TO_SUBTREE(vector));
	return 0;
}

bool nvgsp_gsp_intr_enable(struct nvgsp_gsp_intr *intr)
{
	u32 leaf, bit, subtree, en;

	if (!intr->routed)
		return false;
	if (intr->enabled)
		return true;
	leaf = NV_CPU_INTR_VECTOR_TO_LEAF_REG(intr->vector);
	bit = NV_CPU_INTR_VECTOR_TO_LEAF_BIT(intr->vector);
	subtree = NV_CPU_INTR_VECTOR_TO_SUBTREE(intr->vector);
	/*
	 * The boot's messages raised the vector while it was masked: clear it
	 * first, so enabling it does not leave the line asserted with nobody
	 * to service it (an MSI is sent only on a rising edge).
	 */
	nvgsp_os_wr32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
		      NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF(leaf), bit);
	nvgsp_os_wr32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
		      NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(leaf), bit);
	nvgsp_os_wr32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
		      NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(
			      NV_CPU_INTR_SUBTREE_TO_TOP_IDX(subtree)),
		      NV_CPU_INTR_SUBTREE_TO_TOP_BIT(subtree));
	intr->enabled = true;

	/* Reads of the set register return the enable mask. */
	en = nvgsp_os_rd32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
			   NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(leaf));
	if (!(en & bit)) {
		nvgsp_os_log(intr->dev, NVGSP_LOG_WARN, 0,
			     "GSP interrupt vector %u did not enable (LEAF_EN(%u) reads 0x%08x): GSP messages are polled",
			     intr->vector, leaf, en);
		return false;
	}
	return true;
}

bool nvgsp_gsp_intr_ack(struct nvgsp_gsp_intr *intr)
{
	u32 leaf, bit, pending;

	if (!intr->enabled)
		return false;
	leaf = NV_CPU_INTR_VECTOR_TO_LEAF_REG(intr->vector);
	bit = NV_CPU_INTR_VECTOR_TO_LEAF_BIT(intr->vector);
	pending = nvgsp_os_rd32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
				NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF(leaf));
	if (pending == 0xffffffffu || !(pending & bit))
		return false;
	nvgsp_os_wr32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
		      NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF(leaf), bit);
	return true;
}

void nvgsp_gsp_intr_fini(struct nvgsp_gsp_intr *intr)
{
	if (!intr->enabled)
		return;
	nvgsp_os_wr32(intr->bar0, NV_VIRTUAL_FUNCTION_PRIV_BASE +
		      NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_CLEAR(
			      NV_CPU_INTR_VECTOR_TO_LEAF_REG(intr->vector)),
		      NV_CPU_INTR_VECTOR_TO_LEAF_BIT(intr->vector));
	intr->enabled = false;
}
