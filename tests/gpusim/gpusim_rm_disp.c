// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpusim_rm_disp.c - GSP-RM's display as the RM model plays it: a display
 * engine with heads and windows and no outputs (no connector, no panel),
 * answering the controls nouveau's r535/r570 display code sends while it
 * sets the engine up.
 *
 * DOC: a display with no outputs (sources and guesses)
 *
 * A chip has a display unless its display fuse says otherwise (the
 * hardware model's fuse register, gpusim_hw_has_display(); GA100, GH100 and
 * GB10x have none); on a chip without one, every control below is
 * NOT_SUPPORTED. nouveau r535 disp.c r535_disp_oneinit() sends, in order
 * (layouts: nouveau rm/r535/nvrm/disp.h and event.h, rm/r570/nvrm/disp.h,
 * NVIDIA's headers at the two tags):
 *
 *  - NV2080_CTRL_CMD_INTERNAL_DISPLAY_WRITE_INST_MEM on the internal
 *    subdevice {instMemPhysAddr u64, instMemSize u64, instMemAddrSpace u32,
 *    instMemCpuCacheAttr u32}: the display's instance memory. The model
 *    keeps it and requires it in FB (ADDR_FBMEM, 2), non-empty, inside the
 *    FB and 64 KiB aligned (nouveau allocates 64 KiB aligned to 64 KiB;
 *    the alignment rule is the model's guess), else INVALID_ARGUMENT.
 *  - NV04_DISPLAY_COMMON allocated on a device (the object table's rules).
 *  - NV2080_CTRL_CMD_INTERNAL_DISPLAY_GET_STATIC_INFO on the internal
 *    subdevice (28 bytes in 535.113.01, 36 in 570.144: the release
 *    parameter disp.static_info_size): windowPresentMask 0xff and numHeads
 *    4 (GA10x's four heads and two windows per head: NVIDIA's Ampere GA102
 *    whitepaper gives four display heads; nouveau's ga102 display code
 *    programs windows as 2 per head); feHwSysCap, bFbRemapperEnabled,
 *    i2cPort, internalDispActiveMask (no panel lit) and the 570 fields 0,
 *    numDispChannels 21 (core + 8 windows + 8 window-immediates + 4
 *    cursors, the model's count). Guesses all but the head count.
 *  - NV2080_CTRL_CMD_INTERNAL_INIT_BRIGHTC_STATE_LOAD on the internal
 *    subdevice (4104 bytes: status, backLightDataSize, 4 KiB of ACPI _DSM
 *    data): OK with nothing changed; the model has no panel whose
 *    brightness the data would set.
 *  - On the NV04_DISPLAY_COMMON object: NV0073_CTRL_CMD_DP_SET_MANUAL_
 *    DISPLAYPORT {subDeviceInstance} OK; SYSTEM_GET_NUM_HEADS
 *    {subDeviceInstance, flags, numHeads} 4; SPECIFIC_GET_ALL_HEAD_MASK
 *    {subDeviceInstance, headMask} 0xf; SYSTEM_GET_SUPPORTED
 *    {subDeviceInstance, displayMask, displayMaskDDC} 0 and 0: no outputs,
 *    so nouveau creates no connector and its KMS code sets up no CRTC.
 *    subDeviceInstance other than 0 is INVALID_ARGUMENT (one subdevice).
 *  - NV01_EVENT_KERNEL_CALLBACK_EX objects on the subdevice and
 *    NV2080_CTRL_CMD_EVENT_SET_NOTIFICATION {event, action, bNotifyState,
 *    info32, info16} (20 bytes) on the subdevice: OK for action DISABLE,
 *    SINGLE or REPEAT (0..2, ctrl2080event.h), INVALID_ARGUMENT otherwise.
 *    The model has no hotplug or DP IRQ to notify, so it never sends one.
 *  - The interrupt table lists the display (MC_ENGINE_IDX_DISP, the release
 *    parameter intr.engine_idx.disp) so that nouveau finds its stall
 *    vector (gpusim_rm.c). The model raises no display interrupt.
 *  - At init, the root class (NVC670_DISPLAY on GA10x) on the device: the
 *    object table's rules.
 */
#include <string.h>

#include "gpusim_rm.h"

#define DISP_ADDR_FBMEM		2u
#define DISP_INST_ALIGN		0x10000ull
#define DISP_HEADS		4u
#define DISP_WINDOW_MASK	0xffu
#define DISP_CHANNELS		21u
#define DISP_BRIGHTC_SIZE	4104u
#define DISP_ACTION_MAX		2u

bool gpusim_rm_disp_serves(u32 id)
{
	switch (id) {
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM:
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_GET_STATIC_INFO:
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_INIT_BRIGHTC_STATE_LOAD:
	case NVGSP_ABI_CTRL_NV0073_DP_SET_MANUAL_DISPLAYPORT:
	case NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_NUM_HEADS:
	case NVGSP_ABI_CTRL_NV0073_SPECIFIC_GET_ALL_HEAD_MASK:
	case NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_SUPPORTED:
	case NVGSP_ABI_CTRL_NV2080_EVENT_SET_NOTIFICATION:
		return true;
	}
	return false;
}

/* The NV0073 controls: subDeviceInstance first, then @n result words. */
static enum nvgsp_abi_status disp_0073(u8 *params, u32 size, u32 want, const u32 *vals,
				       u32 n, u32 at)
{
	u32 i;

	if (size != want)
		return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	if (get_unaligned_le32(params))
		return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
	for (i = 0; i < n; i++)
		put_unaligned_le32(vals[i], params + at + 4 * i);
	return NVGSP_ABI_STATUS_OK;
}

enum nvgsp_abi_status gpusim_rm_disp_control(struct gpusim_rm_disp *d, u32 id, u32 cls,
					     bool internal, u8 *params, u32 size)
{
	static const u32 heads = DISP_HEADS, head_mask = (1u << DISP_HEADS) - 1;
	static const u32 none[2] = { 0, 0 };
	u64 addr, len, sinfo;

	if (id == NVGSP_ABI_CTRL_NV2080_EVENT_SET_NOTIFICATION) {
		if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0)
			return NVGSP_ABI_STATUS_NOT_SUPPORTED;
		if (size != 20)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		if (get_unaligned_le32(params + 4) > DISP_ACTION_MAX)
			return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		d->notifications++;
		return NVGSP_ABI_STATUS_OK;
	}
	if (!gpusim_hw_has_display(d->sim))
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	switch (id) {
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_WRITE_INST_MEM:
		if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0 || !internal)
			return NVGSP_ABI_STATUS_NOT_SUPPORTED;
		if (size != 24)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		addr = get_unaligned_le64(params);
		len = get_unaligned_le64(params + 8);
		if (get_unaligned_le32(params + 16) != DISP_ADDR_FBMEM || !len ||
		    addr % DISP_INST_ALIGN || addr >= d->fb_size || len > d->fb_size - addr)
			return NVGSP_ABI_STATUS_INVALID_ARGUMENT;
		d->inst_addr = addr;
		d->inst_size = len;
		return NVGSP_ABI_STATUS_OK;
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_DISPLAY_GET_STATIC_INFO:
		if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0 || !internal)
			return NVGSP_ABI_STATUS_NOT_SUPPORTED;
		if (nvgsp_abi_param(d->abi, "disp.static_info_size", &sinfo) || size != sinfo)
			return NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
		memset(params, 0, size);
		put_unaligned_le32(DISP_WINDOW_MASK, params + 4);
		put_unaligned_le32(DISP_HEADS, params + 12);
		if (size >= 36)	/* 570: numDispChannels */
			put_unaligned_le32(DISP_CHANNELS, params + 32);
		return NVGSP_ABI_STATUS_OK;
	case NVGSP_ABI_CTRL_NV2080_INTERNAL_INIT_BRIGHTC_STATE_LOAD:
		if (cls != NVGSP_ABI_CLASS_NV20_SUBDEVICE_0 || !internal)
			return NVGSP_ABI_STATUS_NOT_SUPPORTED;
		return size == DISP_BRIGHTC_SIZE ? NVGSP_ABI_STATUS_OK :
						   NVGSP_ABI_STATUS_INVALID_PARAM_STRUCT;
	}
	if (cls != NVGSP_ABI_CLASS_NV04_DISPLAY_COMMON)
		return NVGSP_ABI_STATUS_NOT_SUPPORTED;
	switch (id) {
	case NVGSP_ABI_CTRL_NV0073_DP_SET_MANUAL_DISPLAYPORT:
		return disp_0073(params, size, 4, NULL, 0, 4);
	case NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_NUM_HEADS:
		return disp_0073(params, size, 12, &heads, 1, 8);
	case NVGSP_ABI_CTRL_NV0073_SPECIFIC_GET_ALL_HEAD_MASK:
		return disp_0073(params, size, 8, &head_mask, 1, 4);
	case NVGSP_ABI_CTRL_NV0073_SYSTEM_GET_SUPPORTED:
		return disp_0073(params, size, 12, none, 2, 4);
	}
	return NVGSP_ABI_STATUS_NOT_SUPPORTED;
}
