/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_regs_vfn.h - the CPU interrupt tree of the "virtual function priv"
 * block as the physical function sees it in BAR0, sorted by offset. The
 * NV_VIRTUAL_FUNCTION_PRIV_* registers are offsets from
 * NV_VIRTUAL_FUNCTION_PRIV_BASE (where a VF sees them in its own BAR0).
 *
 * Sources: Linux drivers/gpu/drm/nouveau/nvkm/subdev/vfn/{tu102,ga100}.c
 * (base, leaf/enable/top offsets); NVIDIA open-gpu-kernel-modules
 * src/common/inc/swref/published/{turing/tu102,ampere/ga102,hopper/gh100}/
 * dev_vm.h (register names, eight leaves) and src/nvidia/src/kernel/gpu/
 * intr/arch/turing/{intr_cpu_tu102,intr_tu102}.c (vector -> leaf/bit/subtree
 * mapping, write-1-to-clear leaves); see Documentation/hardware.rst,
 * "Interrupt tree (VFN)".
 *
 * TU102 through GH100 put the block at 0xB80000. No public source covers
 * GB10x and GB20x; nvgsp assumes the same base there (unverified).
 */
#ifndef NVGSP_REGS_VFN_H
#define NVGSP_REGS_VFN_H

#include "nvgsp_regs.h"

/* Where the PF sees the VF priv block in BAR0 (TU102..GH100; assumed GB1xx/GB2xx). */
#define NV_VIRTUAL_FUNCTION_PRIV_BASE			0x00b80000u

/* Read: pending bits of vectors 32i..32i+31. Write: 1 clears. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF(i)	(0x1000u + 4u * (i))
#define   NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1 8u
/* Write 1: enable those vectors. Read: the enable mask. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_SET(i) (0x1200u + 4u * (i))
/* Write 1: disable those vectors. Read: the enable mask. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF_EN_CLEAR(i) (0x1400u + 4u * (i))
/* Read: bit s set when subtree s (leaves 2s, 2s+1) has an enabled pending bit. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP(i)	(0x1600u + 4u * (i))
/* Write 1: let subtree s assert the CPU interrupt. Read: the enable mask. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_SET(i)	(0x1608u + 4u * (i))
/* Write 1: stop subtree s asserting it. Read: the enable mask. */
#define NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_TOP_EN_CLEAR(i) (0x1610u + 4u * (i))

/*
 * Write: ring a doorbell (dev_vm.h NV_VIRTUAL_FUNCTION_PRIV_DOORBELL). The
 * PF rings a vGPU's GSP plugin with GFID * 32 + 17 here, as the 2024 and
 * 2025 vGPU RFCs do (their host RPC channel's trigger_doorbell()); what 17
 * selects is not public. Documentation/vgpu-manager.rst.
 */
#define NV_VIRTUAL_FUNCTION_PRIV_DOORBELL		0x2200u
#define NV_VGPU_PLUGIN_DOORBELL(gfid)			((gfid) * 32u + 17u)

/*
 * Interrupt vectors (GSP-RM's interrupt table names them): vector v is bit
 * v % 32 of leaf v / 32; two leaves make a subtree, subtree s is bit s % 32
 * of TOP(s / 32). Eight leaves: vectors 0..255, subtrees 0..3, TOP(0) only.
 */
#define NV_CPU_INTR_VECTORS \
	(NV_VIRTUAL_FUNCTION_PRIV_CPU_INTR_LEAF__SIZE_1 * 32u)
#define NV_CPU_INTR_VECTOR_TO_LEAF_REG(v)		((v) / 32u)
#define NV_CPU_INTR_VECTOR_TO_LEAF_BIT(v)		(1u << ((v) % 32u))
#define NV_CPU_INTR_VECTOR_TO_SUBTREE(v)		((v) / 64u)
#define NV_CPU_INTR_SUBTREE_TO_TOP_IDX(s)		((s) / 32u)
#define NV_CPU_INTR_SUBTREE_TO_TOP_BIT(s)		(1u << ((s) % 32u))

#endif /* NVGSP_REGS_VFN_H */
