# SPDX-License-Identifier: GPL-2.0-only
#
# nvgsp top-level Makefile: the commands a person types.
#
#   make [KDIR=...]        build nvgsp.ko for a kernel (default: the running one)
#   make check             unit tier: Check suites over the portable core, ASan + UBSan
#   make test              every test tier (see tests/run)
#   make clean
#
# The kernel build itself is described in Kbuild; this file only drives it.

NVGSP_VERSION := $(shell cat $(CURDIR)/VERSION)
KDIR ?= /lib/modules/$(shell uname -r)/build
NPROC := $(shell nproc 2>/dev/null || echo 1)
# Parallel probes and objects unless the caller chose a -j already. Recursive
# (=): make 4.3/4.4 put -jN into MAKEFLAGS only when recipes run, and a second
# -j in the submake would reset the caller's jobserver (as under DKMS).
KJOBS = $(if $(filter -j%,$(MAKEFLAGS))$(findstring j,$(firstword -$(MAKEFLAGS))),,-j$(NPROC))

.PHONY: all modules clean check test kbuild-matrix
all: modules

modules:
	@test -d "$(KDIR)" || { echo "nvgsp: no kernel build tree at KDIR=$(KDIR); install the headers for that kernel or pass KDIR=" >&2; exit 1; }
	$(MAKE) $(KJOBS) -C "$(KDIR)" M="$(CURDIR)" NVGSP_VERSION=$(NVGSP_VERSION) modules

# Also DKMS's CLEAN step, where tests/ and tools/ may not be shipped.
clean:
	-test -d "$(KDIR)" && $(MAKE) -C "$(KDIR)" M="$(CURDIR)" clean
	rm -rf compat/generated
	-test -d tests/unit && $(MAKE) -C tests/unit clean
	-test -d tools/nvgspctl && $(MAKE) -C tools/nvgspctl clean

check:
	$(MAKE) -C tests/unit check

test:
	tests/run

kbuild-matrix:
	tests/kbuild/run
