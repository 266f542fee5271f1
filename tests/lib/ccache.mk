# SPDX-License-Identifier: GPL-2.0-only
#
# A compile cache for the userspace test builds (tests/unit, tests/fuzz), used
# when ccache is installed (tests/install-deps.sh installs it). CI builds from
# a fresh clone, so every object is compiled again on every run; ccache hands
# back the object (and the compiler's warnings) of an earlier compile when the
# compiler, its arguments and the preprocessed source are the same, and
# compiles otherwise, so a cached object is the one the compiler would make.
# A compile that fails (-Werror included) is never cached.
#
# The cache lives outside the clone, in $(NVGSP_CACHE)/ccache (at most 1 GB:
# CCACHE_MAXSIZE). CCACHE= (empty) compiles without it. The directory a compile
# runs in is left out of the hash (CCACHE_NOHASHDIR): with -g ccache hashes it by
# default, and CI clones into a new directory, which made every run a miss (the
# unit build: 54 s from a new clone, 1.3 s with this); a hit's debug information
# then names the directory of the compile that filled the cache.
# tests/lib/ccache.sh does the same for the builds the tier scripts drive.
NVGSP_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/nvgsp
CCACHE ?= $(shell command -v ccache 2>/dev/null)
ifneq ($(CCACHE),)
export CCACHE_DIR ?= $(NVGSP_CACHE)/ccache
export CCACHE_MAXSIZE ?= 1G
export CCACHE_NOHASHDIR ?= 1
endif
