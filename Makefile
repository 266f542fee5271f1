# SPDX-License-Identifier: GPL-2.0-only
#
# nvgsp top-level Makefile: the commands a person types.
#
#   make [KDIR=...]        build nvgsp.ko for a kernel (default: the running one)
#   make check             unit tier: Check suites over the portable core, ASan + UBSan
#   make test              every test tier (see tests/run)
#   make clean
#   make install [KDIR=... DESTDIR=... PREFIX=/usr/local INSTALL_MOD_PATH=...]
#   make uninstall [the same variables]
#
# The kernel build itself is described in Kbuild; this file only drives it.

NVGSP_VERSION := $(shell cat $(CURDIR)/VERSION)
KDIR ?= /lib/modules/$(shell uname -r)/build
NPROC := $(shell nproc 2>/dev/null || echo 1)
# Parallel probes and objects unless the caller chose a -j already. Recursive
# (=): make 4.3/4.4 put -jN into MAKEFLAGS only when recipes run, and a second
# -j in the submake would reset the caller's jobserver (as under DKMS).
KJOBS = $(if $(filter -j%,$(MAKEFLAGS))$(findstring j,$(firstword -$(MAKEFLAGS))),,-j$(NPROC))

.PHONY: all modules clean check test kbuild-matrix install uninstall
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

# A simulated GA102 booting GSP-RM 570.144 under QEMU, from a fresh Debian machine.
.PHONY: demo
demo:
	tests/system/demo

# make install / make uninstall, for people building from a checkout (packages
# use DKMS instead: see packaging/README.md).
#
# The module goes where the kernel's own modules_install puts it,
# $(INSTALL_MOD_PATH)/lib/modules/<release>/$(INSTALL_MOD_DIR)/, for the kernel of
# KDIR. <release> is KERNELRELEASE when given (as DKMS does), else the one the
# KDIR tree builds for (its utsrelease.h: Debian's include/config/kernel.release
# holds the upstream version instead), never `uname -r` unless KDIR is the
# running kernel's. depmod runs for that release on a real install; a staging
# install (INSTALL_MOD_PATH or DESTDIR set) skips it: run it on the target.
# nvgspctl goes to $(DESTDIR)$(PREFIX)/bin, the docs to $(DESTDIR)$(DOCDIR), with
# the modprobe.d file (disabled) as nvgsp-modprobe.conf.
PREFIX ?= /usr/local
DOCDIR ?= $(PREFIX)/share/doc/nvgsp
INSTALL_MOD_PATH ?= $(DESTDIR)
INSTALL_MOD_DIR ?= updates
DEPMOD ?= depmod
NVGSP_DOCS := README.md Documentation/ABI/testing/sysfs-bus-pci-drivers-nvgsp
nvgsp_krel = $(or $(KERNELRELEASE),$(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"$$/\1/p' \
	"$(KDIR)/include/generated/utsrelease.h" 2>/dev/null),$(if $(filter /lib/modules/$(shell uname -r)/build,$(KDIR)),$(shell uname -r)))
NVGSP_KREL = $(nvgsp_krel)
nvgsp_moddir = $(INSTALL_MOD_PATH)/lib/modules/$(NVGSP_KREL)/$(INSTALL_MOD_DIR)

install:
	@test -n "$(NVGSP_KREL)" || { echo "nvgsp: cannot tell the kernel release of KDIR=$(KDIR) (no include/generated/utsrelease.h); pass KERNELRELEASE=" >&2; exit 1; }
	$(MAKE) modules KERNELRELEASE=$(NVGSP_KREL)
	$(MAKE) -C tools/nvgspctl nvgspctl
	$(MAKE) -C "$(KDIR)" M="$(CURDIR)" KERNELRELEASE=$(NVGSP_KREL) \
		INSTALL_MOD_PATH="$(INSTALL_MOD_PATH)" INSTALL_MOD_DIR="$(INSTALL_MOD_DIR)" DEPMOD=true modules_install
	@ls "$(nvgsp_moddir)"/nvgsp.ko* >/dev/null 2>&1 || { echo "nvgsp: modules_install left no nvgsp.ko in $(nvgsp_moddir)" >&2; exit 1; }
ifeq ($(INSTALL_MOD_PATH),)
	$(DEPMOD) -a $(NVGSP_KREL)
else
	@echo "nvgsp: staging install into $(INSTALL_MOD_PATH): depmod skipped (run 'depmod -a $(NVGSP_KREL)' on the target)"
endif
	$(MAKE) -C tools/nvgspctl install DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)"
	install -d -m 755 "$(DESTDIR)$(DOCDIR)"
	install -m 644 $(NVGSP_DOCS) "$(DESTDIR)$(DOCDIR)/"
	install -m 644 packaging/modprobe.d/nvgsp.conf "$(DESTDIR)$(DOCDIR)/nvgsp-modprobe.conf"

uninstall:
	@test -n "$(NVGSP_KREL)" || { echo "nvgsp: cannot tell the kernel release of KDIR=$(KDIR) (no include/generated/utsrelease.h); pass KERNELRELEASE=" >&2; exit 1; }
	rm -f "$(nvgsp_moddir)"/nvgsp.ko "$(nvgsp_moddir)"/nvgsp.ko.gz "$(nvgsp_moddir)"/nvgsp.ko.xz "$(nvgsp_moddir)"/nvgsp.ko.zst
	rmdir "$(nvgsp_moddir)" 2>/dev/null || true
ifeq ($(INSTALL_MOD_PATH),)
	if [ -d /lib/modules/$(NVGSP_KREL)/kernel ]; then $(DEPMOD) -a $(NVGSP_KREL); fi
endif
	rm -f "$(DESTDIR)$(PREFIX)/bin/nvgspctl" $(addprefix "$(DESTDIR)$(DOCDIR)"/,$(notdir $(NVGSP_DOCS)) nvgsp-modprobe.conf)
	rmdir "$(DESTDIR)$(DOCDIR)" 2>/dev/null || true
