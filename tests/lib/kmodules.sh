# shellcheck shell=bash
# In-tree modules of a Debian kernel for the system tier's guests (busybox, no
# modprobe, no modules.dep): the modules are cut out of the line's package,
# decompressed, and listed in the order insmod needs, from each module's own
# "depends" (modinfo), since the packages ship no modules.dep (depmod writes it
# at install time).
#
# Source tests/lib/debian.sh and tests/lib/kimage.sh first; this file defines:
#   kmod_closure SUITE ABI MODULE...
#       unpack MODULE... and everything they depend on from SUITE's kernel ABI into
#       $NVGSP_CACHE/kmodules/SUITE/ABI/<modules>/, once; print that directory. It
#       holds NAME.ko (uncompressed) and load-order (one NAME per line, dependencies
#       first). A dependency outside the unpacked subtrees (KMOD_PATHS) fails.
#   kmod_ko_deps SUITE ABI KO ROOT
#       the in-tree modules KO (an out-of-tree module such as nvgsp.ko) depends on,
#       with theirs, under ROOT/nvgsp-deps/ (NAME.ko and load-order), for the guest's
#       /init to load before its checks, as modprobe would; nothing when KO depends on
#       none. nvgsp.ko depends on vfio and vfio-pci-core wherever the kernel builds
#       its VFIO variant driver (Documentation/vgpu-vfio.rst), and on drm wherever
#       the kernel has DRM (its render node, Documentation/drm-render-node.rst).
#
# Which package: up to 6.12 the image package (linux-image-ABI or its -unsigned
# twin, the one kimage.sh downloads) carries /lib/modules; sid's 7.x splits the
# kernel into linux-binary-ABI (the image) and linux-modules-ABI (modules under
# /usr/lib/modules), which is downloaded here (about 100 MB, once).

# Subtrees of the module tree to unpack, enough for the modules the tiers ask for
# (vfio-pci and its dependencies; drm, for the render node).
KMOD_PATHS=${KMOD_PATHS:-"drivers/vfio virt/lib drivers/pci drivers/gpu/drm"}

# kmod_debs SUITE ABI: the cached or downloaded package(s) holding ABI's modules.
kmod_debs() {
	local suite=$1 abi=$2 ver pkgs pkg deb
	if read -r ver pkgs < <(kimage_packages "$suite" "$abi" 2>/dev/null); then
		for pkg in $pkgs; do
			deb=$(deb_fetch "$pkg=$ver" 2>/dev/null) || continue
			# grep reads it all: grep -q would fail the pipe under pipefail
			[ "$(dpkg-deb -c "$deb" | grep -c "/modules/$abi/kernel/drivers/vfio/")" -gt 0 ] || continue
			echo "$deb"
			return 0
		done
	fi
	ver=$(deb_version "$suite" "linux-modules-$abi")
	[ -n "$ver" ] || { echo "kmodules.sh: no modules package for $abi in $suite" >&2; return 1; }
	deb_fetch "linux-modules-$abi=$ver"
}

# kmod_unpack DEB DIR ABI: the KMOD_PATHS subtrees of DEB's module tree, flattened
# into DIR as NAME.ko (uncompressed).
kmod_unpack() {
	local deb=$1 dir=$2 abi=$3 p m base pats=()
	for p in $KMOD_PATHS; do
		pats+=("*/modules/$abi/kernel/$p/*")
	done
	mkdir -p "$dir/tree"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$dir/tree" --no-same-owner --wildcards "${pats[@]}" 2>/dev/null
	while IFS= read -r m; do
		base=${m##*/}
		base=${base%.xz}
		base=${base%.zst}
		case $m in
		*.xz) xz -dc "$m" >"$dir/$base" ;;
		*.zst) zstd -dcq "$m" >"$dir/$base" ;;
		*) cp "$m" "$dir/$base" ;;
		esac || return 1
	done < <(find "$dir/tree" -name '*.ko*')
	rm -rf "$dir/tree"
	ls "$dir"/*.ko >/dev/null 2>&1
}

# kmod_order DIR MODULE...: the load order of MODULE... and their dependencies
# and soft dependencies, as module names (modinfo's "name": dashes become
# underscores).
kmod_order() {
	local dir=$1 f
	shift
	declare -A file_of=() seen=()
	for f in "$dir"/*.ko; do
		file_of[$(modinfo -F name "$f" 2>/dev/null || basename "${f%.ko}" | tr - _)]=$f
	done
	kmod_visit() {
		local n=${1//-/_} d mode= pre=() post=()
		[ -z "${seen[$n]:-}" ] || return 0
		[ -n "${file_of[$n]:-}" ] ||
			{ echo "kmodules.sh: module $n is not under $KMOD_PATHS" >&2; return 1; }
		seen[$n]=1
		# Soft dependencies too, as modprobe loads them ("pre: a b post: c";
		# 5.10's mdev has "post: vfio_mdev", the VFIO driver of its devices).
		for d in $(modinfo -F softdep "${file_of[$n]}"); do
			case $d in
			pre:) mode=pre ;;
			post:) mode=post ;;
			*) if [ "$mode" = pre ]; then pre+=("$d"); elif [ "$mode" = post ]; then post+=("$d"); fi ;;
			esac
		done
		for d in "${pre[@]}"; do
			[ -z "${file_of[${d//-/_}]:-}" ] || kmod_visit "$d" || return 1
		done
		for d in $(modinfo -F depends "${file_of[$n]}" | tr , ' '); do
			kmod_visit "$d" || return 1
		done
		echo "$n ${file_of[$n]##*/}"
		for d in "${post[@]}"; do
			[ -z "${file_of[${d//-/_}]:-}" ] || kmod_visit "$d" || return 1
		done
	}
	for f in "$@"; do
		kmod_visit "$f" || return 1
	done
}

kmod_closure() {
	local suite=$1 abi=$2 dir deb lockfd order n f
	shift 2
	# "sd-": closures with soft dependencies (older ones lack them).
	dir=$NVGSP_CACHE/kmodules/$suite/$abi/sd-$(echo "$*" | tr ' ' '+')
	mkdir -p "${dir%/*}"
	exec {lockfd}>"$dir.lock"
	flock "$lockfd"
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir.tmp" "$dir"
		if deb=$(kmod_debs "$suite" "$abi") && kmod_unpack "$deb" "$dir.tmp" "$abi" &&
			order=$(kmod_order "$dir.tmp" "$@"); then
			# Keep only the closure, named by module name.
			mkdir -p "$dir"
			while read -r n f; do
				mv "$dir.tmp/$f" "$dir/$n.ko"
				echo "$n"
			done <<<"$order" >"$dir/load-order"
			rm -rf "$dir.tmp"
			touch "$dir/.done"
		fi
	fi
	exec {lockfd}>&-
	[ -f "$dir/.done" ] || { echo "kmodules.sh: could not unpack $* for $abi" >&2; return 1; }
	echo "$dir"
}

kmod_ko_deps() {
	local suite=$1 abi=$2 ko=$3 root=$4 deps dir
	deps=$(modinfo -F depends "$ko" | tr , ' ')
	[ -n "$deps" ] || return 0
	# shellcheck disable=SC2086 # one argument per module
	dir=$(kmod_closure "$suite" "$abi" $deps) || return 1
	mkdir -p "$root/nvgsp-deps"
	cp "$dir"/*.ko "$dir/load-order" "$root/nvgsp-deps/"
}
