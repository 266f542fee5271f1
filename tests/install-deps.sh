#!/usr/bin/env bash
# Install everything the test tiers need on a fresh Debian 12 (bookworm) machine.
# Idempotent: packages already present are left alone. Run as root.
set -euo pipefail

pkgs=(
	build-essential pkg-config check          # unit tier: gcc, make, libcheck
	libjson-c-dev libpci-dev libdrm-dev       # nvgspctl: --json output (json-c), list and info (libpci,
	                                          #   libdrm for nvgsp's render nodes)
	pciutils                                  # tools tier: lspci -d 10de: against nvgspctl list
	python3                                   # firmware-abi generator and its verification
	binutils                                  # system tier: readelf for the GSP image's build-id
	clang libclang-rt-14-dev                  # fuzz tier: clang -fsanitize=fuzzer (libclang_rt.fuzzer*.a;
	                                          #   clang-14 only Recommends the runtimes)
	debootstrap                               # kbuild tier: chroots for trixie/sid/experimental
	dkms kmod                                 # dkms build test, modinfo
	qemu-system-x86 busybox-static cpio       # system tier: boot real kernels
	uuid-dev                                  # system tier: the VFIO selftests link libuuid.a
	                                          #   statically (tests/lib/vfio_selftests.sh)
	time                                      # gsp tier: GNU time's peak-memory figures
	xz-utils zstd ca-certificates util-linux  # unpacking .ko.xz/.deb members, unshare
	debhelper dh-dkms lintian                 # packaging tier: tests/pkg/deb (dpkg-buildpackage, dh_dkms)
	rpm                                       # packaging tier: rpmbuild, rpm --root (tests/pkg/rpm)
	libglib2.0-dev libpixman-1-dev libfdt-dev # sriov tier: our QEMU build (tests/lib/qemu_sriov.sh);
	ninja-build python3-venv                  #   meson comes from bookworm-backports' .deb, unpacked
	procps                                    # system tiers: pgrep -P stops a server and its wrapper
	ccache                                    # unit and fuzz tiers: compile cache (tests/lib/ccache.mk)
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#pkgs[@]} packages present"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
	exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
