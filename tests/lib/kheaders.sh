# shellcheck shell=bash
# Debian kernel header trees for the test tiers, extracted into the cache.
#
# Source after debian.sh. Defines:
#   kheaders_abi SUITE        the headers package version and ABI name for SUITE
#                             ("6.1.176-1 6.1.0-50-amd64"), resolved at run time
#   kheaders_extract SUITE    fetch and unpack linux-headers for SUITE's current
#                             kernel into $NVGSP_CACHE/kheaders/<suite>/<abi>/,
#                             with the -amd64 Makefile pointed at the extracted
#                             -common tree; prints the KDIR to pass to make
#
# Extracted trees run their kbuild host tools (fixdep, modpost, objtool) on this
# machine, so they fit only suites whose C library is not newer than the host's;
# tests/kbuild handles the others inside chroots.

kheaders_abi() {
	local suite=$1 ver dep pkg
	ver=$(deb_version "$suite" linux-headers-amd64)
	[ -n "$ver" ] || { echo "kheaders: no linux-headers-amd64 in $suite" >&2; return 1; }
	dep=$(deb_field "linux-headers-amd64=$ver" Depends | tr ',' '\n' |
		sed -n 's/^ *\(linux-headers-[^ ]*-amd64\) .*/\1/p' | head -n 1)
	[ -n "$dep" ] || { echo "kheaders: cannot resolve linux-headers-amd64=$ver in $suite" >&2; return 1; }
	pkg=${dep#linux-headers-}
	echo "$ver $pkg"
}

kheaders_extract() {
	local suite=$1 ver abi root kbuild kver debs d lockfd
	read -r ver abi < <(kheaders_abi "$suite") || return 1
	root=$NVGSP_CACHE/kheaders/$suite/$abi
	mkdir -p "${root%/*}"
	# Tiers may run side by side: one extracts, the other waits for it.
	exec {lockfd}>"$root.lock"
	flock "$lockfd"
	if [ ! -f "$root/.done" ]; then
		kbuild=$(deb_field "linux-headers-$abi=$ver" Depends | tr ',' '\n' |
			sed -n 's/^ *\(linux-kbuild-[^ ]*\).*/\1/p' | head -n 1)
		kver=$(deb_version "$suite" "$kbuild")
		debs=$(deb_fetch "linux-headers-$abi=$ver" "linux-headers-${abi%-amd64}-common=$ver" \
			"$kbuild=$kver") || { exec {lockfd}>&-; return 1; }
		rm -rf "$root"
		for d in $debs; do deb_extract "$d" "$root" || { exec {lockfd}>&-; return 1; }; done
		# The -amd64 tree includes the -common one by absolute path (and 7.x
		# sets KBUILD_OUTPUT there too): point both at the extraction root.
		sed -i "s#/usr/src/#$root/usr/src/#g" "$root/usr/src/linux-headers-$abi/Makefile"
		touch "$root/.done"
	fi
	exec {lockfd}>&-
	echo "$root/usr/src/linux-headers-$abi"
}
