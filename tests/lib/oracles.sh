# shellcheck shell=bash
# Independent definitions of NVIDIA's firmware ABI, from Debian's kernel
# source packages, for verifying firmware-abi/ (the "ABI oracles").
#
# Source after debian.sh. Defines:
#   oracle_extract NAME       fetch and unpack one oracle; prints its root
#   oracle_extract_all        every oracle; prints "NAME ROOT" lines
#
# Oracles:
#   linux-6.12   linux-source-6.12 (trixie): nouveau's mirror of NVIDIA's
#                535.113.01 headers, drivers/gpu/drm/nouveau/include/nvrm/535.113.01/
#   linux-7.2    linux-source-7.2 (sid): nouveau's curated r535 and r570
#                excerpts, drivers/gpu/drm/nouveau/nvkm/subdev/gsp/rm/r5*/nvrm/,
#                and nova-core's bindgen output for 570.144,
#                drivers/gpu/nova-core/gsp/fw/r570_144/
# Only those paths (and nouveau's include/ tree they include from) are unpacked.

oracle_sets() {
	cat <<-'SETS'
	linux-6.12 trixie linux-source-6.12 drivers/gpu/drm/nouveau/include
	linux-7.2 sid linux-source-7.2 drivers/gpu/drm/nouveau/include drivers/gpu/drm/nouveau/nvkm/subdev/gsp drivers/gpu/nova-core
	SETS
}

# _oracle_unpack DEB DIR PATH...: the .deb holds one tarball of the whole
# tree; unpack only PATHs.
_oracle_unpack() {
	local deb=$1 dir=$2 tarball p rc
	shift 2
	tarball=$(dpkg-deb --fsys-tarfile "$deb" | tar -t | grep '/linux-source-.*\.tar\.xz$')
	set -f
	# shellcheck disable=SC2046 # one pattern per word, unglobbed (set -f)
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$tarball" |
		tar -xJ -C "$dir" --strip-components=1 --wildcards \
			$(for p; do echo "*/$p/*"; done)
	rc=$?
	set +f
	return "$rc"
}

oracle_extract() {
	local name=$1 suite pkg paths ver root
	read -r suite pkg paths < <(oracle_sets | awk -v n="$1" '$1 == n { $1 = ""; print }')
	[ -n "$pkg" ] || { echo "oracles.sh: unknown oracle $name" >&2; return 1; }
	ver=$(deb_version "$suite" "$pkg")
	[ -n "$ver" ] || { echo "oracles.sh: no $pkg in $suite" >&2; return 1; }
	root=$NVGSP_CACHE/oracles/$name/$ver
	# shellcheck disable=SC2086 # one path per word
	deb_unpack_once "$root" "$pkg=$ver" _oracle_unpack $paths || return 1
	echo "$root"
}

oracle_extract_all() { deb_extract_each oracle_sets oracle_extract; }
