#!/usr/bin/env bash
# Print "NAME=ROOT" for each firmware set the unit suites read (space-separated
# on one line), fetching and extracting them into the cache first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/debian.sh
. "$here/../lib/debian.sh"
# shellcheck source=tests/lib/firmware.sh
. "$here/../lib/firmware.sh"
deb_apt_setup
sets=()
while read -r name root; do
	sets+=("$name=$root")
done < <(fw_extract_all)
echo "${sets[*]}"
