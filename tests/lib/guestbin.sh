# shellcheck shell=bash
# Dynamically linked programs in the system tiers' guests, which have busybox and
# no C library: the program with the shared libraries it needs, transitively
# (readelf's NEEDED and its interpreter), taken from one Debian suite's packages
# (never this machine's files).
#
# Source tests/lib/debian.sh and systier.sh first; this file defines:
#   guest_bin_install ROOT SUITE BIN NAME PKG...
#       BIN as ROOT/bin/NAME (BIN a relative path: that file of the PKGs, e.g.
#       usr/bin/mdevctl), its libraries under ROOT/lib/x86_64-linux-gnu from
#       SUITE's PKGs (libc6 for the C library and ld.so), ld.so also as
#       ROOT/lib64/ld-linux-x86-64.so.2. A library already there is kept.
#   guest_nvgspctl_build OUT
#       build nvgspctl (dynamic: libpci, libdrm, json-c) into OUT/nvgspctl, and the
#       same with ASan and UBSan into OUT/nvgspctl-san.
#   guest_nvgspctl_install ROOT BIN [san]
#       BIN as ROOT/bin/nvgspctl with bookworm's libc6, libpci3 (and its libudev1,
#       zlib1g), libdrm2, libjson-c5, and pci.ids as /usr/share/misc/pci.ids; with
#       "san", BIN as ROOT/bin/nvgspctl-san with gcc-12's sanitizer runtimes too
#       (libasan8, libubsan1 and their libstdc++6, libgcc-s1).
# Each says what went wrong on stderr and returns non-zero.
# shellcheck source=tests/lib/ccache.sh
. "$(dirname "${BASH_SOURCE[0]}")/ccache.sh"

guest_bin_install() {
	local root=$1 suite=$2 bin=$3 name=$4 x p v deb f n t todo
	shift 4
	x=$(mktemp -d)
	for p in "$@"; do
		v=$(deb_version "$suite" "$p")
		[ -n "$v" ] || { echo "guestbin.sh: no $p in $suite" >&2; rm -rf "$x"; return 1; }
		if ! deb=$(deb_fetch "$p=$v") || ! deb_extract "$deb" "$x"; then
			rm -rf "$x"
			return 1
		fi
	done
	case $bin in /*) ;; *) bin=$x/$bin ;; esac
	[ -f "$bin" ] || { echo "guestbin.sh: no ${bin#"$x"/} in $suite's $*" >&2; rm -rf "$x"; return 1; }
	install -D -m 755 "$bin" "$root/bin/$name"
	mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
	# the interpreter where the binary names it, resolved inside the unpacked tree
	t=$(readelf -l "$bin" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	[ "$t" = /lib64/ld-linux-x86-64.so.2 ] ||
		{ echo "guestbin.sh: $name asks for interpreter '$t'" >&2; rm -rf "$x"; return 1; }
	todo=$bin
	while [ -n "$todo" ]; do
		f=${todo%% *}
		todo=${todo#"$f"}
		todo=${todo# }
		for n in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[ -e "$root/lib/x86_64-linux-gnu/$n" ] && continue
			p=$(find "$x/lib/x86_64-linux-gnu" "$x/usr/lib/x86_64-linux-gnu" -maxdepth 1 -name "$n" 2>/dev/null | head -n 1)
			[ -n "$p" ] || { echo "guestbin.sh: $n (needed by ${f##*/}) is in none of $suite's $*" >&2; rm -rf "$x"; return 1; }
			while [ -L "$p" ]; do
				t=$(readlink "$p")
				case $t in /*) p=$x$t ;; *) p=${p%/*}/$t ;; esac
			done
			install -m 755 "$p" "$root/lib/x86_64-linux-gnu/$n"
			todo="$todo $root/lib/x86_64-linux-gnu/$n"
			todo=${todo# }
		done
	done
	[ -e "$root/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" ] ||
		{ echo "guestbin.sh: $name: no ld-linux-x86-64.so.2 in $suite's $*" >&2; rm -rf "$x"; return 1; }
	ln -sf ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/lib64/ld-linux-x86-64.so.2"
	# extra files a package carries for the program (pci.ids)
	if [ -e "$x/usr/share/misc/pci.ids" ]; then
		install -D -m 644 "$x/usr/share/misc/pci.ids" "$root/usr/share/misc/pci.ids"
	fi
	rm -rf "$x"
}

# nvgspctl as a package builds it: shared libpci, libdrm and json-c. The build runs
# on the host (Debian 12, as CI), whose libraries are bookworm's; the guest gets
# bookworm's copies of them (guest_nvgspctl_install).
# shellcheck disable=SC2154 # repo: the checkout, set by the tier that sources this
guest_nvgspctl_build() {
	local out=$1
	mkdir -p "$out"
	nvgsp_ccache_setup
	make -s -C "$repo/tools/nvgspctl" -j"${JOBS:-2}" CCACHE="$NVGSP_CCACHE" BUILD="$out/build" \
		TARGET="$out/nvgspctl" "$out/nvgspctl" &&
		make -s -C "$repo/tools/nvgspctl" -j"${JOBS:-2}" CCACHE="$NVGSP_CCACHE" SANITIZE=1 \
			BUILD="$out/build-san" TARGET="$out/nvgspctl-san" "$out/nvgspctl-san"
}

guest_nvgspctl_install() {
	if [ "${3:-}" = san ]; then
		guest_bin_install "$1" bookworm "$2" nvgspctl-san libc6 libpci3 libudev1 zlib1g libdrm2 \
			libjson-c5 pci.ids libasan8 libubsan1 libstdc++6 libgcc-s1
	else
		guest_bin_install "$1" bookworm "$2" nvgspctl libc6 libpci3 libudev1 zlib1g libdrm2 libjson-c5 pci.ids
	fi
}
