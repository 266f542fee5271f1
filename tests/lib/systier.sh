# shellcheck shell=bash
# Helpers the QEMU system tiers share (tests/system/gsp-boot, tests/system/sriov).
#
# Source tests/lib/debian.sh, kheaders.sh and kimage.sh first; this file defines:
#   sys_rss FILE CMD...      run CMD; its peak RSS (KiB) into FILE when GNU time is
#                            installed, else "?"
#   sys_cpio_dir DIR OUT     an uncompressed newc archive of DIR (the kernel
#                            concatenates them; uncompressed unpacks fastest under TCG)
#   sys_base_root ROOT GUEST busybox (static: the guest has no C library) with its
#                            applet links, an empty /tmp, GUEST/init and
#                            GUEST/common.sh, under ROOT
#   sys_boot_image SUITE     print the line's kernel image to boot (below)
#   sys_judge NAME [SED]     count and print one boot's results (below), with the
#                            JSON documents the guest printed checked (json_checks.py)
#   sys_kill PID             stop a process started through sys_rss, and its child

sys_rss() {
	local out=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$out" "$@"
	else
		echo '?' >"$out"
		"$@"
	fi
}

sys_cpio_dir() { (cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$2"; }

sys_base_root() {
	local root=$1 guest=$2 bb a
	bb=$(command -v busybox) || { echo "systier.sh: busybox not found (install busybox-static)" >&2; return 1; }
	if ldd "$bb" >/dev/null 2>&1; then
		echo "systier.sh: $bb is dynamically linked; the guest needs busybox-static" >&2
		return 1
	fi
	mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/firmware,expected}
	cp "$bb" "$root/bin/busybox"
	for a in $("$bb" --list); do
		[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
	done
	install -m 755 "$guest/init" "$root/init"
	install -m 644 "$guest/common.sh" "$root/common.sh"
}

# sys_boot_image SUITE: up to 6.12 the image package carries /boot/vmlinuz
# (tests/lib/kimage.sh); sid's 7.x splits it, the image being in linux-binary-ABI
# under /usr/lib/modules/ABI/vmlinuz. An uncompressed vmlinux (PVH) when it can be
# cut out, else the bzImage.
sys_boot_image() {
	local suite=$1 ver abi dir deb
	read -r ver abi < <(kheaders_abi "$suite") || return 1
	if kimage_fetch "$suite" "$abi" 2>/dev/null; then
		return 0
	fi
	dir=$NVGSP_CACHE/kimage/$suite/$abi
	if [ ! -e "$dir/.done" ]; then
		deb=$(deb_fetch "linux-binary-$abi=$ver") || return 1
		rm -rf "$dir"
		mkdir -p "$dir/boot"
		dpkg-deb --fsys-tarfile "$deb" |
			tar -x -O --no-same-owner "./usr/lib/modules/$abi/vmlinuz" >"$dir/boot/vmlinuz-$abi" ||
			return 1
		[ -s "$dir/boot/vmlinuz-$abi" ] || return 1
		kimage_vmlinux "$dir/boot/vmlinuz-$abi" "$dir/vmlinux" ||
			echo "systier.sh: could not unpack vmlinux from $suite's vmlinuz-$abi; booting the bzImage" >&2
		touch "$dir/.done"
	fi
	if [ -s "$dir/vmlinux" ]; then echo "$dir/vmlinux"; else echo "$dir/boot/vmlinuz-$abi"; fi
}

# sys_judge NAME [SED-EXPR]: print boot NAME's results from $LOG_DIR/NAME.log, each
# labelled with NAME ("ok NAME CHECK", "FAIL NAME CHECK: ...", "note NAME ..."; SED-EXPR
# adds a tier's own lines), after adding FAIL lines for a guest that never started
# /init or never reached its end marker; adds to the caller's passed and failed
# counts; on a failure, the console's last lines go to stderr.
sys_judge() {
	local name=$1 extra=${2:-} log=$LOG_DIR/$1.log console=$LOG_DIR/$1.console.log n_ok n_fail
	local sed_args=(-n -E -e "s/^(ok|FAIL) /\1 $name /p" -e "s/^note: /note $name /p")
	[ -z "$extra" ] || sed_args+=(-e "$extra")
	grep -q '^=== nvgsp-system begin' "$log" ||
		echo "FAIL guest-init: the guest never started /init (see $console)" >>"$log"
	grep -qx '=== nvgsp-system end' "$log" ||
		echo "FAIL guest-end: no end marker: the guest crashed or hung (see $console)" >>"$log"
	# the JSON documents the guest printed, parsed and checked here (json_doc)
	if python3 "$(dirname "${BASH_SOURCE[0]}")/json_checks.py" "$log" >"$log.json"; then
		cat "$log.json" >>"$log"
	else
		echo "FAIL json-checks: tests/lib/json_checks.py failed on $log" >>"$log"
	fi
	rm -f "$log.json"
	sed "${sed_args[@]}" "$log"
	n_ok=$(grep -c '^ok ' "$log" || true)
	n_fail=$(grep -c '^FAIL ' "$log" || true)
	if [ "$n_fail" -ne 0 ]; then
		echo "$name: last lines of the kernel console ($console):" >&2
		tail -n 15 "$console" 2>/dev/null | sed 's/^/    /' >&2
	fi
	passed=$((passed + n_ok))
	failed=$((failed + n_fail))
}

# sys_kill PID: stop a process started through sys_rss, and its child: killing
# only GNU time's pid would leave the server running (and holding whatever it
# inherited, such as the callers' flock on /tmp/nvgsp-system.lock).
sys_kill() {
	local c
	for c in $(pgrep -P "$1" 2>/dev/null); do
		kill "$c" 2>/dev/null || true
	done
	kill "$1" 2>/dev/null || true
}
