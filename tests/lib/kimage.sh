# shellcheck shell=bash
# Bootable Debian kernel images for the system tier, cached beside the headers.
#
# Source tests/lib/debian.sh first; this file defines:
#   kimage_fetch SUITE ABI    SUITE's current kernel, which must have the ABI its headers
#                             have (kheaders_abi SUITE), unpacked into
#                             $NVGSP_CACHE/kimage/SUITE/ABI; prints the path of the image to
#                             boot: an uncompressed vmlinux when it can be cut out of the
#                             bzImage (QEMU boots that through PVH, about 2 s faster under
#                             TCG), else the vmlinuz itself. Cached: no apt query once there.
#
# Only /boot is unpacked: the image packages are 55-70 MB of modules we do not need.

# kimage_packages SUITE ABI: "VERSION PACKAGE..." for ABI's image, packages in the order
# to try. SUITE's linux-image-amd64 decides which image is current; it must be the one the
# headers are (kheaders_abi), or the module would be built for another kernel. It depends
# on the signed image in bookworm and later, on the unsigned one before; both carry
# /boot/vmlinuz, and the other flavour is the fallback.
kimage_packages() {
	local suite=$1 abi=$2 meta dep ver
	meta=$(deb_version "$suite" linux-image-amd64)
	if [ -z "$meta" ]; then
		echo "kimage.sh: no linux-image-amd64 in $suite" >&2
		return 1
	fi
	dep=$(deb_field "linux-image-amd64=$meta" Depends | sed 's/[,|].*//')
	ver=$(echo "$dep" | sed -n 's/.*(= \(.*\)).*/\1/p')
	dep=${dep%% *}
	case $dep in
	linux-image-"$abi") echo "${ver:-$meta} $dep $dep-unsigned" ;;
	linux-image-"$abi"-unsigned) echo "${ver:-$meta} $dep linux-image-$abi" ;;
	*)
		echo "kimage.sh: $suite's linux-image-amd64 $meta depends on '$dep', not on the headers' ABI $abi" >&2
		return 1
		;;
	esac
}

# kimage_unpack DEB DIR ABI: extract only boot/vmlinuz-ABI and boot/config-ABI.
kimage_unpack() {
	mkdir -p "$2"
	dpkg-deb --fsys-tarfile "$1" |
		tar -x -C "$2" --no-same-owner "./boot/vmlinuz-$3" "./boot/config-$3" 2>/dev/null
	[ -s "$2/boot/vmlinuz-$3" ]
}

# kimage_payload FILE OFFSET LENGTH: those bytes of FILE
kimage_payload() { dd if="$1" iflag=skip_bytes,count_bytes skip="$2" count="$3" bs=1M status=none; }

# kimage_vmlinux BZIMAGE OUT: decompress the kernel proper out of a bzImage using the
# boot protocol's own header fields (setup_sects at 0x1f1, payload_offset at 0x248,
# payload_length at 0x24c; protocol 2.08+). The payload ends with a 4-byte length that
# the decompressors must not read as a second stream.
kimage_vmlinux() {
	local img=$1 out=$2 sects off len magic
	sects=$(od -An -tu1 -j $((0x1f1)) -N1 "$img" | tr -d ' ')
	[ "$sects" -eq 0 ] && sects=4
	off=$(od -An -tu4 -j $((0x248)) -N4 "$img" | tr -d ' ')
	len=$(od -An -tu4 -j $((0x24c)) -N4 "$img" | tr -d ' ')
	off=$(((sects + 1) * 512 + off))
	magic=$(od -An -tx1 -j "$off" -N4 "$img" | tr -d ' ')
	# Fed by process substitution: a decompressor that stops at the end of its stream
	# must not fail the pipeline (pipefail) by leaving dd a closed pipe.
	case $magic in
	fd377a58) xz -dc --single-stream < <(kimage_payload "$img" "$off" "$len") ;;
	28b52ffd) zstd -dcq < <(kimage_payload "$img" "$off" "$len") ;;
	1f8b*) gzip -dcq < <(kimage_payload "$img" "$off" "$len") ;;
	*) return 1 ;;
	esac >"$out.tmp" 2>/dev/null || { rm -f "$out.tmp"; return 1; }
	# An ELF with a PVH entry note is what QEMU's -kernel can boot directly.
	[ "$(head -c 4 "$out.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || { rm -f "$out.tmp"; return 1; }
	mv "$out.tmp" "$out"
}

kimage_fetch() {
	local suite=$1 abi=$2 dir ver pkgs pkg deb
	dir=$NVGSP_CACHE/kimage/$suite/$abi
	if [ ! -e "$dir/.done" ]; then
		read -r ver pkgs < <(kimage_packages "$suite" "$abi") || return 1
		rm -rf "$dir"
		for pkg in $pkgs; do
			deb=$(deb_fetch "$pkg=$ver") || continue
			kimage_unpack "$deb" "$dir" "$abi" && break
			echo "kimage.sh: $pkg $ver has no /boot/vmlinuz-$abi; trying the next candidate" >&2
		done
		if [ ! -s "$dir/boot/vmlinuz-$abi" ]; then
			echo "kimage.sh: no kernel image for $suite ($abi $ver)" >&2
			return 1
		fi
		# PVH needs CONFIG_PVH; without it (or a payload we cannot cut out) boot the bzImage.
		if grep -q '^CONFIG_PVH=y' "$dir/boot/config-$abi" 2>/dev/null; then
			kimage_vmlinux "$dir/boot/vmlinuz-$abi" "$dir/vmlinux" ||
				echo "kimage.sh: could not unpack vmlinux from vmlinuz-$abi; booting the bzImage" >&2
		fi
		touch "$dir/.done"
	fi
	if [ -s "$dir/vmlinux" ]; then
		echo "$dir/vmlinux"
	else
		echo "$dir/boot/vmlinuz-$abi"
	fi
}
