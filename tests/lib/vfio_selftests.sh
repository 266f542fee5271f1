# shellcheck shell=bash
# The kernel's own VFIO selftests (tools/testing/selftests/vfio/, upstream since
# Linux 6.18), built from Debian's linux-source-7.2 (sid) for the system tier's
# guests: static binaries, since the guest's initramfs is busybox with no C library.
#
# Source tests/lib/debian.sh first; this file defines:
#   vfio_selftests_build   build once and print the directory holding the result,
#                          $NVGSP_CACHE/vfio-selftests/<source version>-<inputs hash>/:
#                            vfio_*_test          the selftests, statically linked
#                            vfio-selftests.sh    the guest runner
#                                                 (tests/system/guest/vfio-selftests.sh)
#                            manifest             source package, toolchain, tests
#                          The hash covers this file, the files in
#                          tests/system/vfio-selftests/ and the host's gcc, libc6-dev
#                          and uuid-dev versions: a change to any rebuilds, else the
#                          cached build is reused without compiling. The runner is
#                          not compiled: a changed one replaces the copy (atomically)
#                          without a rebuild. Safe to call
#                          from tiers running side by side (one builds, the others
#                          wait); an interrupted build leaves no done stamp and is
#                          redone; older builds beside it are removed.
#   vfio_selftests_source  print "PKG=VERSION" of the source package used
#   vfio_selftests_modules LINE
#                          the modules a guest of kernel line LINE (5.10 6.1 6.12
#                          7.2 7.3) loads, in order, before binding vfio-pci: one
#                          name per line, as in Debian's packages (from their configs
#                          and each module's "depends"; no line builds iommufd)
#
# How: only the members the build needs are unpacked from the source tarball (the
# selftests, tools/include, tools/arch/x86/include, the UAPI headers and what
# `make headers` needs, three DMA engine headers the selftests' drivers link to);
# `make headers` installs the UAPI headers into the tree's usr/include, which is
# where the selftests' Makefile looks (KHDR_INCLUDES); then the selftests' own
# Makefile builds with LDFLAGS=-static, using the host's gcc and glibc (Debian 12's
# are enough; libuuid's static archive comes from uuid-dev).
#
# Two additions of ours, both in tests/system/vfio-selftests/ and linked into every
# binary (see the comments there): iommu_mode.c lets NVGSP_VFIO_IOMMU_MODE choose
# the IOMMU mode of the tests that use libvfio's default (iommufd, which Debian's
# kernels lack); calloc_assert.h supplies a helper that 7.2.13's libvfio calls but
# no header defines (used only when the source needs it).
#
# Environment: VFIO_SELFTESTS_SUITE (sid), VFIO_SELFTESTS_PKG (linux-source-7.2).

VFIO_SELFTESTS_SUITE=${VFIO_SELFTESTS_SUITE:-sid}
VFIO_SELFTESTS_PKG=${VFIO_SELFTESTS_PKG:-linux-source-7.2}
_vst_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

vfio_selftests_modules() {
	case $1 in
	5.10) printf '%s\n' irqbypass vfio_virqfd vfio vfio_iommu_type1 vfio-pci ;;
	6.1) printf '%s\n' irqbypass vfio_virqfd vfio vfio_iommu_type1 vfio-pci-core vfio-pci ;;
	# CONFIG_VFIO_VIRQFD=y: part of vfio
	6.12 | 7.2 | 7.3) printf '%s\n' irqbypass vfio vfio_iommu_type1 vfio-pci-core vfio-pci ;;
	*)
		echo "vfio_selftests.sh: no module list for line $1" >&2
		return 1
		;;
	esac
}

# Members of the source tree to unpack, relative to its top directory.
_vst_members() {
	cat <<-'EOF2'
	Makefile
	scripts
	include/uapi
	include/linux/pci_ids.h
	arch/x86/Makefile
	arch/x86/include/uapi
	arch/x86/entry/syscalls
	usr/include
	tools/include
	tools/arch/x86/include
	tools/testing/selftests/lib.mk
	tools/testing/selftests/kselftest.h
	tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/vfio
	drivers/dma/idxd/registers.h
	drivers/dma/ioat/hw.h
	drivers/dma/ioat/registers.h
	EOF2
}

vfio_selftests_source() {
	local ver
	ver=$(deb_version "$VFIO_SELFTESTS_SUITE" "$VFIO_SELFTESTS_PKG")
	[ -n "$ver" ] || { echo "vfio_selftests.sh: no $VFIO_SELFTESTS_PKG in $VFIO_SELFTESTS_SUITE" >&2; return 1; }
	echo "$VFIO_SELFTESTS_PKG=$ver"
}

# What the build depends on besides the source package: our files and the toolchain.
_vst_inputs_hash() {
	{
		cat "$_vst_repo/tests/lib/vfio_selftests.sh" \
			"$_vst_repo"/tests/system/vfio-selftests/*
		gcc -dumpfullversion
		dpkg-query -W -f='${Version}\n' libc6-dev uuid-dev 2>/dev/null
	} | sha256sum | cut -c1-12
}

# _vst_unpack DEB SRC: the needed members of DEB's source tarball into SRC
_vst_unpack() {
	local deb=$1 src=$2 tarball top m members=()
	tarball=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep '/linux-source-.*\.tar\.xz$') || return 1
	top=${tarball##*/}
	top=${top%.tar.xz}
	while read -r m; do members+=("$top/$m"); done < <(_vst_members)
	mkdir -p "$src"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" |
		tar -xJ -C "$src" --strip-components=1 --no-same-owner "${members[@]}"
}

# _vst_make OUT SRC: build into OUT (a fresh directory) from the unpacked SRC
_vst_make() {
	local out=$1 src=$2 vfio extra bin t tests=()
	local jobs
	jobs=$(nproc)
	[ "$jobs" -le 2 ] || jobs=2
	vfio=$src/tools/testing/selftests/vfio
	# Static linking needs the archives (libc6-dev, uuid-dev: tests/install-deps.sh).
	for t in libc.a libuuid.a; do
		if [ "$(gcc -print-file-name="$t")" = "$t" ]; then
			echo "vfio_selftests.sh: gcc finds no $t for a static link; run tests/install-deps.sh" >&2
			return 1
		fi
	done
	nice make -s -C "$src" headers >&2 || { echo "vfio_selftests.sh: make headers failed" >&2; return 1; }
	# Our IOMMU mode switch needs libvfio's default to be a variable it can set.
	if ! grep -q '^const char \*default_iommu_mode = ' "$vfio/lib/iommu.c"; then
		echo "vfio_selftests.sh: lib/iommu.c no longer has 'const char *default_iommu_mode'; update tests/system/vfio-selftests/iommu_mode.c" >&2
		return 1
	fi
	# Assertion messages name source files relative to the tree, not the build directory.
	extra="-ffile-prefix-map=$src/="
	if grep -rq 'calloc_assert(' "$vfio/lib"/*.c &&
		! grep -rq 'calloc_assert' "$vfio/lib/include" "$src/tools/testing/selftests"/*.h; then
		extra="$extra -include $_vst_repo/tests/system/vfio-selftests/calloc_assert.h"
	fi
	mkdir -p "$out/obj"
	gcc -O2 -Wall -Werror -c "$_vst_repo/tests/system/vfio-selftests/iommu_mode.c" \
		-o "$out/obj/nvgsp_iommu_mode.o" || return 1
	# LDFLAGS from the environment: the Makefile's own "LDFLAGS += -pthread" still
	# applies (a command-line value would replace it).
	LDFLAGS="-static $out/obj/nvgsp_iommu_mode.o" nice make -s -C "$vfio" -j"$jobs" \
		OUTPUT="$out/obj" EXTRA_CFLAGS="$extra" >&2 ||
		{ echo "vfio_selftests.sh: building the selftests failed" >&2; return 1; }
	# The test programs, as the Makefile lists them (TEST_GEN_PROGS).
	read -ra tests < <(sed -n 's/^TEST_GEN_PROGS += //p' "$vfio/Makefile" | tr '\n' ' ')
	[ ${#tests[@]} -gt 0 ] || { echo "vfio_selftests.sh: no TEST_GEN_PROGS in $vfio/Makefile" >&2; return 1; }
	for t in "${tests[@]}"; do
		bin=$out/obj/$t
		[ -x "$bin" ] || { echo "vfio_selftests.sh: $t was not built" >&2; return 1; }
		# Static: no program interpreter (the guest has no ld.so).
		if readelf -l "$bin" | grep -q 'Requesting program interpreter'; then
			echo "vfio_selftests.sh: $t is dynamically linked" >&2
			return 1
		fi
		strip -o "$out/$t" "$bin"
	done
	_vst_runner "$out" || return 1
	rm -rf "$out/obj"
	printf '%s\n' "${tests[@]}" >"$out/tests"
}

# _vst_runner DIR: DIR's copy of the guest runner is the tree's (replaced in one rename,
# so a tier reading DIR meanwhile sees the old or the new one, never half of one)
_vst_runner() {
	local src=$_vst_repo/tests/system/guest/vfio-selftests.sh
	cmp -s "$src" "$1/vfio-selftests.sh" && return 0
	install -m 755 "$src" "$1/.vfio-selftests.sh.$$" && mv -f "$1/.vfio-selftests.sh.$$" "$1/vfio-selftests.sh"
}

vfio_selftests_build() {
	local spec ver key base dir deb lockfd t0 rc=0
	spec=$(vfio_selftests_source) || return 1
	ver=${spec#*=}
	key=$(_vst_inputs_hash) || return 1
	base=$NVGSP_CACHE/vfio-selftests
	dir=$base/${ver//:/_}-$key
	if [ -f "$dir/.done" ]; then
		_vst_runner "$dir" || return 1
		echo "$dir"
		return 0
	fi
	mkdir -p "$base"
	exec {lockfd}>"$base/lock"
	flock "$lockfd"
	if [ ! -f "$dir/.done" ]; then
		t0=$EPOCHREALTIME
		echo "vfio_selftests.sh: building the VFIO selftests of $spec into $dir" >&2
		rm -rf "$dir.tmp"
		mkdir -p "$dir.tmp/out"
		if deb=$(deb_fetch "$spec") &&
			_vst_unpack "$deb" "$dir.tmp/src" &&
			_vst_make "$dir.tmp/out" "$dir.tmp/src"; then
			{
				echo "source $spec (Debian $VFIO_SELFTESTS_SUITE), tools/testing/selftests/vfio"
				echo "gcc $(gcc -dumpfullversion), libc6-dev $(dpkg-query -W -f='${Version}' libc6-dev 2>/dev/null), static"
				echo "inputs $key"
				echo "tests $(tr '\n' ' ' <"$dir.tmp/out/tests")"
			} >"$dir.tmp/out/manifest"
			rm -f "$dir.tmp/out/tests"
			# Older builds (another source version or other inputs) go.
			find "$base" -mindepth 1 -maxdepth 1 -type d ! -name "${dir##*/}" ! -name "${dir##*/}.tmp" \
				-exec rm -rf {} +
			rm -rf "$dir" && mv "$dir.tmp/out" "$dir" && touch "$dir/.done"
			echo "vfio_selftests.sh: built in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s" >&2
		else
			rc=1
		fi
		rm -rf "$dir.tmp"
	fi
	exec {lockfd}>&-
	if [ "$rc" -ne 0 ] || [ ! -f "$dir/.done" ]; then
		echo "vfio_selftests.sh: build of $spec failed" >&2
		return 1
	fi
	echo "$dir"
}
