# SPDX-License-Identifier: GPL-2.0-only
#
# gpusim, the GPU device model, for userspace builds (the unit tests, the
# benchmarks and gpusim-vfu). Include with NVGSP_TOP set; it defines
#   GPUSIM_SRCS     the model's sources (paths under NVGSP_TOP)
#   GPUSIM_CFLAGS   include paths
#   GPUSIM_VPATH    their directory
GPUSIM_SRCS := $(sort $(wildcard $(NVGSP_TOP)/tests/gpusim/*.c))
GPUSIM_CFLAGS := -I$(NVGSP_TOP)/tests/gpusim
GPUSIM_VPATH := $(NVGSP_TOP)/tests/gpusim
