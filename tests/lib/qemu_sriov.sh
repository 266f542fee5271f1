# shellcheck shell=bash
# A QEMU whose guests get an SR-IOV PF with vfio-user VFs: Debian's QEMU source
# package with our patches (tests/qemu/*.patch; Documentation/test-rig.rst says why),
# only qemu-system-x86_64 with the few devices the sriov tier uses, built once into
# the cache and reused while the source version and the patches stay the same.
#
# Source tests/lib/debian.sh and tests/lib/qemu.sh first; this file defines:
#   qemu_sriov_version  print the Debian source version built (newest of the
#                       upstream series QEMU_SRIOV_SERIES in NVGSP_SRC_SUITES)
#   qemu_sriov_build    build (under a lock, once per key) and print the build
#                       directory: $NVGSP_CACHE/qemu-sriov/<version>-<patch hash>;
#                       the cold build's seconds are in its build.seconds
#   qemu_sriov_cmd      print the command prefix, one word per line (read it with
#                       mapfile), like qemu_sid_cmd: the binary and the -L firmware
#                       directories of sid's QEMU (the +ds source has no firmware
#                       blobs: SeaBIOS, the PVH and linuxboot option ROMs come from
#                       sid's binary packages, unpacked by qemu_sid_prefix)
#
# The build runs at nice 10 with NVGSP_QEMU_JOBS ninja jobs (default: nproc). Its
# host dependencies (glib and pixman -dev, ninja, python3-venv, flex, bison) come
# from tests/install-deps.sh; meson >= 1.5 from bookworm-backports' meson .deb,
# unpacked into the cache (bookworm's 1.0 is too old for QEMU 10).
#
# Which source: the patches were written against QEMU 10.2; the archive serves the
# 1:10.2.x source package from sid (its index also lists 11.1.x, which it does not
# serve). The version is resolved at run time and pinned by upstream series, not by
# Debian revision.

QEMU_SRIOV_SERIES=${QEMU_SRIOV_SERIES:-10.2}
QEMU_SRIOV_PATCHES=${QEMU_SRIOV_PATCHES:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../qemu" && pwd)}

# The devices the sriov tier's guests need, and no others (a full build takes four
# times as long). 10.2 does not link x86_64 without PXB and CXL (pc.c calls into
# them). VTD is intel-iommu: the guest's VFIO needs IOMMU groups.
qemu_sriov_devices() {
	cat <<'EOF'
CONFIG_Q35=y
CONFIG_VFIO_PCI=y
CONFIG_VFIO_USER=y
CONFIG_PCIE_PORT=y
CONFIG_VIRTIO_PCI=y
CONFIG_VIRTIO_NET=y
CONFIG_VGA_PCI=y
CONFIG_VTD=y
CONFIG_PXB=y
CONFIG_CXL=y
CONFIG_CXL_MEM_DEVICE=y
EOF
}

qemu_sriov_version() {
	deb_src_setup || return 1
	apt-cache "${NVGSP_SRC_APT_OPTS[@]}" madison qemu 2>/dev/null |
		awk -F'|' -v series="$QEMU_SRIOV_SERIES" -v suites="$NVGSP_SRC_SUITES" '
			BEGIN { n = split(suites, s, " "); for (i = 1; i <= n; i++) ok[s[i] "/main"] = 1 }
			$3 ~ /Sources/ {
				gsub(/ /, "", $2); split($3, a, " ")
				v = $2; sub(/^[0-9]+:/, "", v)
				if ((a[2] in ok) && index(v, series ".") == 1) print $2
			}' | sort -V -r | head -n 1
}

# The build key: the source version, the patches, and the build recipe: the code
# of the two functions below as bash prints it (comments left out, so editing one
# does not cost a rebuild). A change of any of them builds anew, into a new
# directory.
qemu_sriov_key() {
	local ver=$1
	{
		cat "$QEMU_SRIOV_PATCHES"/*.patch
		declare -f qemu_sriov_devices qemu_sriov_do_build
	} | sha256sum | cut -c 1-12 | sed "s/^/${ver//:/_}-/"
}

# qemu_sriov_meson: unpack bookworm-backports' meson once; print its launcher.
qemu_sriov_meson() {
	local ver root=$NVGSP_CACHE/qemu-sriov/meson
	ver=$(deb_version bookworm-backports meson)
	[ -n "$ver" ] || { echo "qemu_sriov.sh: no meson in bookworm-backports" >&2; return 1; }
	root=$root/${ver//:/_}
	deb_unpack_once "$root" "meson=$ver" deb_extract || return 1
	printf '%s\n' "$root/usr/bin/meson"
}

# qemu_sriov_do_build VERSION DIR: fetch, unpack (Debian's own patches applied by
# dpkg-source), apply ours, configure and build into DIR (fresh).
qemu_sriov_do_build() {
	local ver=$1 dir=$2 meson p t0 t1 t2 jobs=${NVGSP_QEMU_JOBS:-$(nproc)}
	meson=$(qemu_sriov_meson) || return 1
	mkdir -p "$dir/dl"
	(cd "$dir/dl" && deb_src -qq source --download-only "qemu=$ver" >&2) ||
		{ echo "qemu_sriov.sh: cannot download the qemu=$ver source package" >&2; return 1; }
	t0=$(date +%s)
	dpkg-source --no-check -x "$dir"/dl/qemu_*.dsc "$dir/src" >"$dir/unpack.log" 2>&1 ||
		{ echo "qemu_sriov.sh: dpkg-source -x failed (see $dir/unpack.log)" >&2; return 1; }
	rm -rf "$dir/dl" "$dir"/qemu_*.tar.*
	for p in "$QEMU_SRIOV_PATCHES"/*.patch; do
		patch -d "$dir/src" -p1 --no-backup-if-mismatch -s <"$p" >>"$dir/patch.log" 2>&1 ||
			{ echo "qemu_sriov.sh: ${p##*/} does not apply to qemu $ver (see $dir/patch.log)" >&2; return 1; }
	done
	qemu_sriov_devices >"$dir/src/configs/devices/x86_64-softmmu/nvgsp-sriov.mak"
	mkdir -p "$dir/build"
	# configure makes a venv over the system's site packages and finds meson there
	# through PYTHONPATH (the .deb's egg-info tells mkvenv its version).
	(
		cd "$dir/build" &&
			PYTHONPATH=${meson%/bin/meson}/lib/python3/dist-packages \
				nice -n 10 ../src/configure --target-list=x86_64-softmmu \
				--python=/usr/bin/python3 \
				--without-default-features --without-default-devices \
				--with-devices-x86_64=nvgsp-sriov --disable-docs --disable-werror \
				--enable-tcg --enable-kvm --enable-fdt=system --disable-download \
				--disable-install-blobs --with-pkgversion="nvgsp-sriov"
	) >"$dir/configure.log" 2>&1 ||
		{ echo "qemu_sriov.sh: configure failed (see $dir/configure.log)" >&2; return 1; }
	t1=$(date +%s)
	PYTHONPATH=${meson%/bin/meson}/lib/python3/dist-packages \
		nice -n 10 ninja -C "$dir/build" -j "$jobs" qemu-system-x86_64 >"$dir/build.log" 2>&1 ||
		{ echo "qemu_sriov.sh: build failed (see $dir/build.log)" >&2; return 1; }
	t2=$(date +%s)
	[ -x "$dir/build/qemu-system-x86_64" ] ||
		{ echo "qemu_sriov.sh: no qemu-system-x86_64 after the build" >&2; return 1; }
	# The sources are not needed to run the binary: 500 MB less in the cache.
	rm -rf "$dir/src"
	find "$dir/build" -name '*.o' -delete
	printf 'unpack+configure %s s, ninja %s s, %s jobs\n' $((t1 - t0)) $((t2 - t1)) "$jobs" \
		>"$dir/build.seconds"
}

qemu_sriov_build() {
	local ver key root dir lockfd old
	ver=$(qemu_sriov_version) || return 1
	[ -n "$ver" ] || { echo "qemu_sriov.sh: no qemu $QEMU_SRIOV_SERIES.x source in $NVGSP_SRC_SUITES" >&2; return 1; }
	key=$(qemu_sriov_key "$ver")
	root=$NVGSP_CACHE/qemu-sriov
	dir=$root/$key
	mkdir -p "$root"
	exec {lockfd}>"$root/lock"
	flock "$lockfd"
	if [ ! -f "$dir/.done" ]; then
		echo "qemu_sriov.sh: building QEMU $ver with $(find "$QEMU_SRIOV_PATCHES" -name '*.patch' | wc -l) patches into $dir (about 6 to 10 minutes on 2 cores)" >&2
		rm -rf "$dir"
		# Left by an interrupted or failed build of any key: no use to anyone.
		for old in "$root"/*/; do
			if [ -d "$old/dl" ] || [ -f "$old/unpack.log" ]; then
				[ -f "$old/.done" ] || rm -rf "$old"
			fi
		done
		if qemu_sriov_do_build "$ver" "$dir"; then
			touch "$dir/.done"
		fi
	fi
	exec {lockfd}>&-
	[ -f "$dir/.done" ] || return 1
	echo "$dir"
}

qemu_sriov_cmd() {
	local dir s
	dir=$(qemu_sriov_build) || return 1
	s=$(qemu_sid_prefix) || return 1
	printf '%s\n' "$dir/build/qemu-system-x86_64" \
		-L "$s/usr/share/qemu" -L "$s/usr/share/seabios" -L "$s/usr/lib/ipxe/qemu"
}
