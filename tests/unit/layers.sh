#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# layers.sh TOP - the layer rule (Documentation/architecture.rst): each folder
# under src/ is one layer and includes only itself and the layers below it.
# Prints one line per upward include and exits 1 if there is any.
set -u
top=${1:?usage: layers.sh TOP}
# Lowest first. The kernel glue (src/nvgsp_*.c) sits above all of them.
order=(os chip abi fw engine transport rm gsp vgpu)
rank() {
	local i
	for i in "${!order[@]}"; do
		[ "${order[$i]}" = "$1" ] && { echo "$i"; return; }
	done
	echo -1
}
bad=0
for dir in "$top"/src/*/; do
	layer=$(basename "$dir")
	own=$(rank "$layer")
	if [ "$own" -lt 0 ]; then
		echo "layers: src/$layer/ is not in the layer order of tests/unit/layers.sh"
		bad=1
		continue
	fi
	while IFS=: read -r file line inc; do
		to=${inc#*\"}
		to=${to%%/*}
		r=$(rank "$to")
		[ "$r" -lt 0 ] && continue	# same-folder or OS-layer include
		if [ "$r" -gt "$own" ]; then
			echo "layers: ${file#"$top"/}:$line includes $to/ (above $layer/)"
			bad=1
		fi
	done < <(grep -rnH '^#include "[a-z]*/' "$dir" --include='*.[ch]')
done
[ "$bad" = 0 ] && echo "layers: no include crosses a layer upward (${order[*]})"
exit "$bad"
