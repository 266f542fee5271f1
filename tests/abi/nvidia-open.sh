# shellcheck shell=bash
# NVIDIA's own SDK headers as an ABI oracle for the 535 family: the upstream
# tarball (.orig.tar.xz) of Debian bookworm's nvidia-open-gpu-kernel-modules
# source package (contrib; 535.261.03 at the time of writing). It is another
# build of the same release family as the 535.113.01 spec, not 535.113.01
# itself: tests/abi/verify.py reports it as such.
#
# Source after tests/lib/debian.sh. Defines:
#   og_extract    fetch the tarball (once) and unpack the headers the verifier
#                 compiles (once); prints "nvidia-open-535 ROOT"
#
# A private deb-src configuration for bookworm contrib, under
# $NVGSP_CACHE/apt-src-contrib (debian.sh's deb-src one has main only); the
# archive's host comes from this machine's apt sources (deb_mirror), and only
# the upstream tarball is downloaded, checked against the Sources index's
# SHA256 by apt-helper. Cached under $NVGSP_CACHE/oracles/nvidia-open-535/<ver>.

OG_SRCPKG=nvidia-open-gpu-kernel-modules
OG_SUITE=bookworm
OG_FAMILY=535
OG_APT_DIR=$NVGSP_CACHE/apt-src-contrib
OG_APT_OPTS=()
deb_apt_opts_into OG_APT_OPTS "$OG_APT_DIR"
# The headers the oracle compiles, and what they include.
OG_PATHS="src/common/sdk/nvidia/inc src/nvidia/inc/kernel/gpu/gsp/gsp_fw_heap.h
src/nvidia/interface/nv_sriov_defines.h"

og_apt() { apt-get "${OG_APT_OPTS[@]}" "$@"; }

og_setup() {
	local mirror
	mkdir -p "$OG_APT_DIR/lists/partial" "$OG_APT_DIR/cache/archives/partial"
	touch "$OG_APT_DIR/status"
	mirror=$(deb_mirror) || return 1
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $OG_SUITE contrib" \
		>"$OG_APT_DIR/sources.list.new"
	deb_lists_refresh "$OG_APT_DIR" og_apt ||
		{ echo "nvidia-open.sh: apt-get update (deb-src contrib) failed" >&2; return 1; }
}

# _og_unpack VER DIR: download the upstream tarball of VER into DIR/dl and
# unpack OG_PATHS from it into DIR.
_og_unpack() {
	local ver=$1 dir=$2 uri name _size hash p
	mkdir -p "$dir/dl"
	read -r uri name _size hash < <(cd "$dir/dl" &&
		og_apt -qq --print-uris source "$OG_SRCPKG=$ver" 2>/dev/null | grep "\.orig\.tar\.")
	[ -n "$uri" ] || { echo "nvidia-open.sh: no upstream tarball for $OG_SRCPKG=$ver" >&2; return 1; }
	uri=${uri#\'}
	uri=${uri%\'}
	/usr/lib/apt/apt-helper -o APT::Sandbox::User=root -qq download-file "$uri" "$dir/dl/$name" "$hash" >&2 ||
		{ echo "nvidia-open.sh: cannot download $name" >&2; return 1; }
	set -f
	# shellcheck disable=SC2046 # one path per word, unglobbed (set -f)
	tar -xJf "$dir/dl/$name" -C "$dir" --strip-components=1 --wildcards \
		$(for p in $OG_PATHS; do echo "*/$p"; done)
	p=$?
	set +f
	# The tarball is not needed once the headers are out: 12 MB less in the cache.
	rm -rf "$dir/dl"
	return "$p"
}

og_extract() {
	local ver root lockfd
	og_setup || return 1
	ver=$(apt-cache "${OG_APT_OPTS[@]}" showsrc "$OG_SRCPKG" 2>/dev/null |
		awk '/^Version:/ { print $2 }' | grep "^$OG_FAMILY\." | sort -V -r | head -n 1)
	[ -n "$ver" ] || { echo "nvidia-open.sh: no $OG_SRCPKG $OG_FAMILY.x in $OG_SUITE contrib" >&2; return 1; }
	root=$NVGSP_CACHE/oracles/nvidia-open-$OG_FAMILY/${ver%-*}
	mkdir -p "${root%/*}"
	exec {lockfd}>"$root.lock"
	flock "$lockfd"
	if [ ! -f "$root/.done" ]; then
		rm -rf "$root.tmp"
		if _og_unpack "$ver" "$root.tmp"; then
			rm -rf "$root" && mv "$root.tmp" "$root" && touch "$root/.done"
		fi
	fi
	exec {lockfd}>&-
	[ -f "$root/.done" ] || { echo "nvidia-open.sh: could not unpack $OG_SRCPKG=$ver" >&2; return 1; }
	echo "nvidia-open-$OG_FAMILY $root"
}
