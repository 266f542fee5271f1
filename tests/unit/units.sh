#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# units.sh TOP CORE_SRC... - the translation units of nvgsp.ko (Kbuild,
# "Translation units"): each src/unity_*.c #includes a group of sources, and
# Kbuild lists the units. The module must carry every core source (CORE_SRC,
# from src/core.mk) but those named *_tool.c and the userspace OS layer, plus
# the kernel OS layer and every glue file src/nvgsp_*.c: each of them in
# exactly one unit, nothing else in any, and every unit in Kbuild.
# Prints one line per problem and exits 1 if there is any.
set -u
top=${1:?usage: units.sh TOP CORE_SRC...}
shift
bad=0
say() { echo "units: $*"; bad=1; }

listed=$(grep -o 'src/unity_[a-z0-9_]*\.o' "$top/Kbuild" | sort -u)
units=$(cd "$top" && find src -maxdepth 1 -name 'unity_*.c' | sed 's/\.c$/.o/' | sort -u)
for u in $(comm -23 <(echo "$units") <(echo "$listed")); do say "${u%.o}.c is not listed in Kbuild"; done
for u in $(comm -13 <(echo "$units") <(echo "$listed")); do say "Kbuild lists $u, which has no source"; done

# Every member, as a path under TOP, once per #include.
members=$(for u in $units; do
	sed -n 's/^#include "\(.*\.c\)"$/\1/p' "$top/${u%.o}.c" | sed "s#^#src/#"
done | sort)
for m in $(uniq -d <<<"$members"); do say "$m is in more than one unit (or twice in one)"; done

want=$( {
	for f in "$@"; do
		f=${f#"$top"/}
		case $f in src/os/*|*_tool.c|firmware-abi/*) ;; *) echo "$f" ;; esac
	done
	echo src/os/nvgsp_os_linux.c
	(cd "$top" && find src -maxdepth 1 -name 'nvgsp_*.c')
} | sort -u)
for m in $(comm -13 <(uniq <<<"$members") <(echo "$want")); do say "$m is in no unit (src/unity_*.c)"; done
for m in $(comm -23 <(uniq <<<"$members") <(echo "$want")); do say "$m is in a unit but is not a module source (a *_tool.c, the userspace OS layer, or no file)"; done
[ "$bad" = 0 ] && echo "units: Kbuild's $(wc -w <<<"$units") units carry every module source once ($(wc -l <<<"$want") files), no *_tool.c"
exit "$bad"
