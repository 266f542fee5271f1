/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nvgsp_gsp_tool.h - what the tests and the benchmarks reach into a booted
 * GSP for, and the module does not: nvgsp_gsp_tool.c is compiled into the
 * userspace builds of the core (src/core.mk) and never into nvgsp.ko
 * (Kbuild leaves the *_tool.c files out).
 */
#ifndef NVGSP_GSP_TOOL_H
#define NVGSP_GSP_TOOL_H

#include "gsp/nvgsp_gsp.h"

/**
 * nvgsp_gsp_rpc() - the transport the boot created, to send RPCs past the
 * RM object layer.
 * @gsp: a booted GSP.
 *
 * Return: the transport; NULL before the "RPC queues" step.
 */
struct nvgsp_rpc *nvgsp_gsp_rpc(struct nvgsp_gsp *gsp);

#endif /* NVGSP_GSP_TOOL_H */
