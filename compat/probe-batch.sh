#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# compat/probe-batch.sh: compile the capability probes in batches, for
# compat/compat.mk (run with bash by the kernel's make; the kernel's build
# already requires bash).
#
#   probe-batch.sh groups PROBE.c...
#       Print the batches, the biggest first, one word each: the batch's name
#       (its first probe's and a hash of its probes' names) and its probe
#       names, joined by ':'. Probes whose preprocessor lines are the same
#       list of #include <...> lines form one batch; a probe with any other
#       directive (#if, #define, #include "...") is a batch of its own.
#   probe-batch.sh run STAMP PROBE.c... -- CC [FLAG...]
#       Compile one batch with CC FLAG... -fsyntax-only and write, beside STAMP,
#       <probe>.h (NVGSP_HAVE_<PROBE> defined or not) and <probe>.h.log (the
#       compiler's messages about that probe) for each probe, then STAMP (what
#       the batch did, the directory and the compiler command).
#   probe-batch.sh check GENDIR PROBE.c...
#       For the tests: compile the probes in batches and each alone, the way the
#       batches in GENDIR were, and say whether each result is the same.
#
# Why batches: nearly all of a probe's compile time is parsing the kernel
# headers it includes, so probes that include the same headers are compiled as
# one translation unit, <batch>.batch.c: those headers once, then each probe
# file with every identifier it defines starting with nvgsp_probe renamed
# (nvgsp_probe_ops becomes nvgsp_probe_ops__<probe>). Each probe sees exactly
# the headers it sees alone; only the other probes' renamed code is added.
#
# The result of each probe is the one compiling it alone gives:
# - the batch compiles: every probe in it is present;
# - it does not: each error is assigned to the probe it is about, from the
#   locations in the error and its notes (the probe's file, its lines of the
#   batch file). A probe with an error is absent, and its .log gets its
#   messages. The batch is compiled again without those probes, until it
#   compiles or is empty;
# - an error in the shared #include lines (a missing header) makes every probe
#   of the batch absent, as it would each alone;
# - an error that names two probes (a clash between them) or none (a flag the
#   compiler rejects, a crash) is never guessed at: the probes concerned are
#   compiled one by one, as before batches existed.
set -euo pipefail
# The compiler's messages in English, as the attribution reads them.
export LC_ALL=C

# The awk functions both commands share: a probe's name from its path, and a
# preprocessor line with its blanks squeezed ("# include  <x>" is "#include <x>").
awk_lib='
function probe_name(path) { sub(/.*\//, "", path); sub(/\.c$/, "", path); return path }
function directive(l) { sub(/^[ \t]*#[ \t]*/, "#", l); gsub(/[ \t]+/, " ", l); sub(/ $/, "", l); return l }
'

groups() {
	awk "$awk_lib"'
	function add() {
		if (own || key == "") key = "own:" n
		if (!(key in members)) {
			order[++ng] = key
			members[key] = n
			size[key] = 1
		} else {
			members[key] = members[key] ":" n
			size[key]++
		}
	}
	# The name of a batch: its first probe and a hash of the names of
	# all its probes, so that a batch whose probes change is a new make
	# target.
	function id(m,    h, i) {
		h = 0
		for (i = 1; i <= length(m); i++)
			h = (h * 31 + index(chars, substr(m, i, 1))) % 2147483647
		return substr(m, 1, index(m ":", ":") - 1) "-" sprintf("%08x", h)
	}
	BEGIN { chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:-." }
	FNR == 1 {
		if (NR > 1) add()
		n = probe_name(FILENAME)
		key = ""
		own = 0
	}
	/^[ \t]*#/ {
		l = directive($0)
		key = key l "\n"
		if (l !~ /^#include <[^>]*>$/) own = 1
	}
	END {
		if (NR == 0) exit
		add()
		# The biggest first (a parallel make starts them first), else in order.
		for (i = 2; i <= ng; i++)
			for (j = i; j > 1 && size[order[j]] > size[order[j - 1]]; j--) {
				k = order[j]; order[j] = order[j - 1]; order[j - 1] = k
			}
		for (i = 1; i <= ng; i++) print id(members[order[i]]) ":" members[order[i]]
	}' "$@"
}

# result NAME present|absent: write OUT/NAME.h.
result() {
	local n=$1 m=NVGSP_HAVE_${1^^}
	if [ "$2" = present ]; then
		echo "#define $m 1"
	else
		echo "/* $m is not set: see $n.h.log */"
	fi >"$out/$n.h"
}

# compile_alone FILE: the probe compiled on its own.
compile_alone() {
	local f=$1 n=${1##*/}
	n=${n%.c}
	if "${cc[@]}" -fsyntax-only "$f" >"$out/$n.h.log" 2>&1; then
		result "$n" present
	else
		result "$n" absent
	fi
}

# write_batch FILE PROBE.c...: the batch translation unit: the first probe's
# #include lines (the same in every probe of the batch), then each probe file
# with its nvgsp_probe* identifiers renamed, after a marker line naming it.
write_batch() {
	local dst=$1
	shift
	awk "$awk_lib"'
	FNR == 1 {
		path[++nf] = FILENAME
		name[nf] = probe_name(FILENAME)
	}
	nf == 1 && /^[ \t]*#/ { shared = shared directive($0) "\n" }
	{
		s = $0
		while (match(s, /nvgsp_probe[A-Za-z0-9_]*/)) {
			id = substr(s, RSTART, RLENGTH)
			if (!((nf, id) in seen)) {
				seen[nf, id] = 1
				ids[nf] = ids[nf] " " id
			}
			s = substr(s, RSTART + RLENGTH)
		}
	}
	END {
		print "/* Generated by compat/probe-batch.sh; do not edit. */"
		printf "%s", shared
		for (i = 1; i <= nf; i++) {
			print "/* nvgsp-probe-batch: " name[i] " */"
			k = split(ids[i], idv, " ")
			for (j = 1; j <= k; j++) print "#define " idv[j] " " idv[j] "__" name[i]
			print "#include \"" path[i] "\""
			for (j = 1; j <= k; j++) print "#undef " idv[j]
		}
	}' "$@" >"$dst"
}

# attribute BATCH.c BATCH.log PROBE.c...: assign each diagnostic of the log to
# probes; append its text to OUT/<probe>.h.log for each. Prints one line per
# error: "probe NAME", "clash NAME NAME...", "shared" or "unknown".
attribute() {
	local batch=$1 log=$2
	shift 2
	awk -v batch="$batch" -v out="$out" -v files="$*" "$awk_lib"'
	function basename(p) { sub(/.*\//, "", p); return p }
	# The probe a location FILE:LINE is in, "(shared)" for the batch
	# file lines before the first probe, "" for anywhere else.
	function probe_at(file, line,    i) {
		if (file == batch || basename(file) == basename(batch)) {
			for (i = nmark; i >= 1; i--)
				if (line + 0 >= mark_line[i]) return mark_name[i]
			return "(shared)"
		}
		return (file in probe_of) ? probe_of[file] : ""
	}
	# Every FILE:LINE in a line of text.
	function locs(text, set,    s, f, l, p) {
		s = text
		while (match(s, /[^ \t,:]+:[0-9]+/)) {
			f = substr(s, RSTART, RLENGTH)
			l = f
			sub(/:[0-9]+$/, "", f)
			sub(/.*:/, "", l)
			p = probe_at(f, l)
			if (p != "") set[p] = 1
			s = substr(s, RSTART + RLENGTH)
		}
	}
	# One diagnostic with its context and notes ends: append it to the
	# logs of the probes it names (every log when it names none), and
	# for an error print what it says about the batch.
	function flush(    p, n, names) {
		if (!have) return
		n = 0
		names = ""
		for (p in cur) { n++; names = names " " p }
		if (n) {
			for (p in cur) printf "%s", text >> (out "/" p ".h.log")
		} else {
			for (p in all) printf "%s", text >> (out "/" p ".h.log")
		}
		if (kind == "error")
			print (n == 1 ? "probe" names : n > 1 ? "clash" names : shared ? "shared" : "unknown")
		have = 0
		shared = 0
		text = ""
		delete cur
	}
	BEGIN {
		n = split(files, fl, " ")
		for (i = 1; i <= n; i++) {
			p = probe_name(fl[i])
			probe_of[fl[i]] = p
			all[p] = 1
		}
	}
	FILENAME == batch {
		if ($0 ~ /^\/\* nvgsp-probe-batch: /) {
			mark_line[++nmark] = FNR
			mark_name[nmark] = $3
		}
		next
	}
	# Context before a diagnostic: the include chain, the function.
	/^In file included from / || /^[ \t]+from / || (/: (In|At) / && /:$/) {
		ctx = ctx $0 "\n"
		if ($0 ~ /: (In|At) /) {
			# "FILE: In function NAME:" names no line.
			f = $0
			sub(/: (In|At) .*/, "", f)
			p = probe_at(f, 0)
			if (p != "" && p != "(shared)") ctxset[p] = 1
		} else {
			locs($0, ctxset)
		}
		next
	}
	match($0, /^[^ ][^:]*:[0-9]+(:[0-9]+)?: (fatal error|error|warning|note): /) {
		split($0, part, ":")
		if ($0 ~ /^[^:]*:[0-9]+(:[0-9]+)?: note: /) {
			if (!have) { have = 1; kind = "note" }
		} else {
			flush()
			have = 1
			kind = ($0 ~ /: (fatal error|error): /) ? "error" : "warning"
			# The include chain locates an error; for a note it
			# only says how a header came in. A chain through
			# the shared lines says nothing about which probe.
			for (p in ctxset) if (p != "(shared)") cur[p] = 1
			# Only an error on a shared line itself (a missing
			# header) is about all the probes.
			if (probe_at(part[1], part[2]) == "(shared)") shared = 1
		}
		p = probe_at(part[1], part[2])
		if (p != "" && p != "(shared)") cur[p] = 1
		text = text ctx $0 "\n"
		ctx = ""
		delete ctxset
		next
	}
	# A message with no location ("cc1: error: ...").
	/^[^ ]*: (fatal error|error): / {
		flush()
		have = 1
		kind = "error"
		text = ctx $0 "\n"
		ctx = ""
		delete ctxset
		next
	}
	{
		text = text ctx $0 "\n"
		ctx = ""
		delete ctxset
	}
	END { flush() }
	' "$batch" "$log"
}

run() {
	local stamp=$1 f n name rc verdict kind rest
	shift
	out=${stamp%/*}
	local pending=()
	while [ "$1" != -- ]; do
		# Absolute paths: the batch file includes them from its own directory.
		f=$1
		[[ $f == /* ]] || f=$PWD/$f
		pending+=("$f")
		shift
	done
	shift
	cc=("$@")

	if [ ${#pending[@]} -eq 1 ]; then
		compile_alone "${pending[0]}"
		write_stamp "$stamp" alone
		return
	fi

	name=${pending[0]##*/}
	name=${name%.c}
	local batch=$out/$name.batch.c log=$out/$name.batch.log
	local rounds=0 alone=() next shared=0
	declare -A failed
	while [ ${#pending[@]} -gt 0 ]; do
		rounds=$((rounds + 1))
		write_batch "$batch" "${pending[@]}"
		for f in "${pending[@]}"; do
			n=${f##*/}
			n=${n%.c}
			echo "nvgsp: $n was compiled together with the probes in ${batch##*/} (the compiler's whole output: ${log##*/}); the messages about $n:" \
				>"$out/$n.h.log"
		done
		rc=0
		"${cc[@]}" -fsyntax-only "$batch" >"$log" 2>&1 || rc=$?
		verdict=$(attribute "$batch" "$log" "${pending[@]}")
		if [ "$rc" -eq 0 ]; then
			for f in "${pending[@]}"; do
				n=${f##*/}
				result "${n%.c}" present
			done
			break
		fi
		# Each error: "probe NAME", "clash NAME...", "shared" or "unknown".
		failed=()
		kind=none
		while read -r verdict rest; do
			case "$verdict" in
			probe) [ "${failed[$rest]:-}" = alone ] || failed[$rest]=absent ;;
			clash) for n in $rest; do failed[$n]=alone; done ;;
			shared) [ "$kind" = unknown ] || kind=shared ;;
			unknown) kind=unknown ;;
			esac
		done <<<"$verdict"
		if [ "$kind" = unknown ] || { [ "$kind" = none ] && [ ${#failed[@]} -eq 0 ]; }; then
			# Nothing to assign the failure to: compile each alone.
			alone+=("${pending[@]}")
			break
		fi
		if [ "$kind" = shared ]; then
			# The headers they all include fail: all absent.
			shared=${#pending[@]}
			for f in "${pending[@]}"; do
				n=${f##*/}
				n=${n%.c}
				cat "$log" >>"$out/$n.h.log"
				result "$n" absent
			done
			break
		fi
		next=()
		for f in "${pending[@]}"; do
			n=${f##*/}
			n=${n%.c}
			case "${failed[$n]:-}" in
			absent) result "$n" absent ;;
			alone) alone+=("$f") ;;
			*) next+=("$f") ;;
			esac
		done
		pending=("${next[@]+"${next[@]}"}")
	done
	for f in "${alone[@]+"${alone[@]}"}"; do
		compile_alone "$f"
	done
	write_stamp "$stamp" "batch compiles: $rounds, absent by the shared headers: $shared, compiled alone: ${#alone[@]}"
}

# write_stamp STAMP HOW: what the batch did, and the directory and compiler
# command it ran with (for "check").
write_stamp() {
	{
		echo "how $2"
		echo "pwd $PWD"
		echo "cc ${cc[*]@Q}"
	} >"$1.tmp"
	mv "$1.tmp" "$1"
}

# outcome RESULT.h: present, absent, or none when there is no such file.
outcome() {
	if [ ! -f "$1" ]; then
		echo none
	elif grep -q '^#define' "$1"; then
		echo present
	else
		echo absent
	fi
}

# check GENDIR PROBE.c...: compile the probes in batches and each alone, with the
# compiler command and in the directory a batch of GENDIR ran with, in
# GENDIR/check/; compare the results, and with GENDIR's own where it has one.
# Prints "batch NAME: what it did" per batch, then "same NAME present|absent"
# or "DIFF NAME ..." per probe; fails if any differs.
check() {
	local gen=$1 stamp dir line g n alone batch build bad=0
	shift
	stamp=$(find "$gen" -maxdepth 1 -name '*.probes' | head -n 1)
	[ -n "$stamp" ] || { echo "probe-batch.sh: no batch stamp in $gen" >&2; return 2; }
	while IFS= read -r line; do
		case "$line" in
		"pwd "*) dir=${line#pwd } ;;
		"cc "*) eval "cc=(${line#cc })" ;;
		esac
	done <"$stamp"
	local files=()
	for f in "$@"; do
		[[ $f == /* ]] || f=$PWD/$f
		files+=("$f")
	done
	rm -rf "$gen/check"
	mkdir -p "$gen/check/batch" "$gen/check/alone"
	cd "$dir"
	for g in $(groups "${files[@]}"); do
		local members=()
		for n in ${g//:/ }; do
			for f in "${files[@]}"; do
				[ "${f##*/}" != "$n.c" ] || members+=("$f")
			done
		done
		n=${members[0]##*/}
		(run "$gen/check/batch/${n%.c}.probes" "${members[@]}" -- "${cc[@]}")
	done
	out=$gen/check/alone
	for f in "${files[@]}"; do
		compile_alone "$f"
	done
	for stamp in "$gen"/check/batch/*.probes; do
		n=${stamp##*/}
		echo "batch ${n%.probes}: $(sed -n 's/^how //p' "$stamp")"
	done
	for f in "${files[@]}"; do
		n=${f##*/}
		n=${n%.c}
		alone=$(outcome "$gen/check/alone/$n.h")
		batch=$(outcome "$gen/check/batch/$n.h")
		build=$(outcome "$gen/$n.h")
		if [ "$batch" = "$alone" ] && { [ "$build" = none ] || [ "$build" = "$alone" ]; }; then
			echo "same $n $alone"
		else
			echo "DIFF $n alone $alone, batch $batch, build $build"
			bad=1
		fi
	done
	return $bad
}

case "${1:-}" in
groups)
	shift
	groups "$@"
	;;
run)
	shift
	run "$@"
	;;
check)
	shift
	check "$@"
	;;
*)
	echo "usage: $0 groups PROBE.c... | run STAMP PROBE.c... -- CC [FLAG...] | check GENDIR PROBE.c..." >&2
	exit 2
	;;
esac
