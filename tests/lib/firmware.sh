# shellcheck shell=bash
# The real GSP-RM firmware files from Debian's archive, for the unit and system
# tiers, extracted into the cache with their symlinks kept (the kernel's
# firmware loader follows them, and so must the tests).
#
# Source after debian.sh. Defines:
#   fw_sets                   the sets the tests use, one "name suite package" a line
#   fw_extract NAME           fetch and unpack one set; prints its firmware root
#                             (the directory holding nvidia/)
#   fw_extract_all            every set; prints "NAME ROOT" lines
#
# Versions are resolved per suite at run time: sid's linux-firmware carries
# 535.113.01 and 570.144, trixie's 535.113.01; firmware-nvidia-gsp carries
# NVIDIA's own GSP images (535.261.03 bookworm, 550.163.01 trixie, 555.58.02
# experimental) without boot companions.

fw_sets() {
	cat <<-'SETS'
	graphics-sid sid firmware-nvidia-graphics
	graphics-trixie trixie firmware-nvidia-graphics
	gsp-bookworm bookworm firmware-nvidia-gsp
	gsp-trixie trixie firmware-nvidia-gsp
	gsp-experimental experimental firmware-nvidia-gsp
	SETS
}

# Only the nvidia/ tree; tar keeps symlinks as they are.
_fw_unpack() {
	dpkg-deb --fsys-tarfile "$1" |
		tar -x -C "$2" --no-same-owner --wildcards '*/firmware/nvidia/*'
}

fw_extract() {
	local name=$1 suite pkg ver root
	read -r suite pkg < <(fw_sets | awk -v n="$name" '$1 == n { print $2, $3 }')
	[ -n "$pkg" ] || { echo "firmware.sh: unknown set $name" >&2; return 1; }
	ver=$(deb_version "$suite" "$pkg")
	[ -n "$ver" ] || { echo "firmware.sh: no $pkg in $suite" >&2; return 1; }
	root=$NVGSP_CACHE/firmware/$name/$ver
	deb_unpack_once "$root" "$pkg=$ver" _fw_unpack || return 1
	# usr/lib/firmware in linux-firmware; lib/firmware in firmware-nvidia-gsp 535.
	if [ -d "$root/usr/lib/firmware/nvidia" ]; then
		echo "$root/usr/lib/firmware"
	else
		echo "$root/lib/firmware"
	fi
}

fw_extract_all() { deb_extract_each fw_sets fw_extract; }
