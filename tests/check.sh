#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: lint, then for every kernel of the matrix fetch (cached),
# build with W=1, and run every guest case in a booted kernel.
# Ends with the line "N passed, N failed" (skipped cases are counted on
# the line before it).
#
# usage: tests/check.sh [KERNEL...]      (default: $MATRIX_ALL of kernels.sh,
#                                         each with its matrix_cases)
#        tests/check.sh all              every kernel, every case
#        CASES="multipath/001 ..." restricts the guest cases.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/scripts/matrix/kernels.sh"

kernels=${*:-$MATRIX_ALL}
# "all": every kernel, and on each every case (no matrix_cases subset)
if [ "$kernels" = all ]; then
	kernels=$MATRIX_ALL
	export ALL_CASES=1
fi
"$top/scripts/deps.sh" || { echo "cannot install the host tools (run as root)"; exit 1; }
mkdir -p "$top/.build"
results=$(mktemp "${TMPDIR:-/tmp}/mpath-results.XXXXXX")
export MPATH_RESULTS=$results
start=$SECONDS

record() {	# kernel case result reason
	printf '%s %s ... %s%s\n' "$1" "$2" "$3" "${4:+ ($4)}"
	echo "$1 $2 $3 ${4:-}" >> "$results"
}

# Guest cases: tests/<group>/<NNN>, every group but host/ (whose cases
# run here, on the host, above).  Nothing else under tests/ has a
# numbered name: the runner's library, test modules and guest programs.
all_cases() {
	(cd "$top/tests" && for f in */[0-9][0-9][0-9]; do
		[ -f "$f" ] || continue
		case "$f" in host/*) continue ;; esac
		echo "$f"
	done)
}
cases=${CASES:-$(all_cases)}

# the cases a kernel boots: CASES, or those of matrix_cases out of all
kernel_cases() {
	local pats c p
	pats=$(matrix_cases "$1")
	if [ -n "${CASES:-}" ] || [ -z "$pats" ]; then
		echo "$cases"
		return
	fi
	# a case is in when a pattern takes it, or when every pattern is a
	# '!' one and none of them leaves it out
	local only_out=1 in
	set -f
	for p in $pats; do
		case "$p" in '!'*) ;; *) only_out=0 ;; esac
	done
	for c in $cases; do
		in=$only_out
		for p in $pats; do
			case "$p" in
			'!'*)
				# shellcheck disable=SC2254 # a pattern
				case "$c" in ${p#!}) in=0; break ;; esac
				;;
			*)
				# shellcheck disable=SC2254 # a pattern
				case "$c" in $p) in=1 ;; esac
				;;
			esac
		done
		[ "$in" = 1 ] && echo "$c"
	done
	set +f
}

# A -debug kernel is built from source (about 15 minutes on 2 cores, cached
# after): start that now, in the background (debug-kernel.sh nices the
# compiler) while lint and the other kernels run.
declare -A bg_fetch
mkdir -p "$top/.build"
for k in $kernels; do
	case "$k" in
	*-debug)
		"$top/scripts/matrix/fetch.sh" "$k" > "$top/.build/fetch-$k.log" 2>&1 &
		bg_fetch[$k]=$!
		;;
	esac
done
fetch_kernel() {
	if [ -n "${bg_fetch[$1]:-}" ]; then
		wait "${bg_fetch[$1]}"
	else
		"$top/scripts/matrix/fetch.sh" "$1" > "$top/.build/fetch-$1.log" 2>&1
	fi
}

# Host cases (tests/host/NNN): what runs without a guest (the tool on a
# fake tree, the package in a Debian root).
host_cases() {
	[ "${SKIP_HOST:-0}" = 1 ] && return
	local c
	for c in $(cd "$top/tests" && echo host/[0-9][0-9][0-9]); do
		[ -x "$top/tests/$c" ] || continue
		if "$top/tests/$c" > "$top/.build/${c//\//-}.log" 2>&1; then
			record host "$c" ok
		else
			record host "$c" fail "see .build/${c//\//-}.log"
			tail -n 20 "$top/.build/${c//\//-}.log" | sed 's/^/    /'
		fi
	done
}
[ -z "${CASES:-}" ] && host_cases

# Lint (once, kernel independent; its sparse pass builds against the 6.1
# headers, so it runs once the first kernel's root is there).
# The build tier (headers only, no guest) compiles beside the guests: a
# guest under TCG keeps about one of the two cores busy.  It starts when
# the last stock kernel has been fetched (so no fetch of the matrix runs
# apt beside it) and every root it installs headers into exists; niced,
# so a guest's bursts win.
tier_pid=
last_stock=
for k in $kernels; do
	case "$k" in *-debug) ;; *) last_stock=$k ;; esac
done
tier_start() {
	local rk
	[ -z "$tier_pid" ] && [ -z "${CASES:-}" ] && [ "${SKIP_TIER:-0}" != 1 ] || return 0
	for rk in $(echo "$BUILD_TIER" | awk 'NF { print $1 }' | sort -u); do
		[ -s "$(matrix_root "$rk")/.mpath-kver" ] || return 0
	done
	(
		t=$SECONDS
		nice -n 19 "$top/scripts/matrix/tier.sh" > "$top/.build/tier.log" 2>&1
		echo $((SECONDS - t)) > "$top/.build/tier.time"
	) &
	tier_pid=$!
}

lint() {
	[ "${SKIP_LINT:-0}" = 1 ] && return
	"$top/scripts/lint.sh" > "$top/.build/lint.log" 2>&1
	lrc=$?
	if [ $lrc = 0 ]; then
		record host lint/all ok
	else
		record host lint/all fail "see .build/lint.log"
		tail -n 40 "$top/.build/lint.log" | sed 's/^/    /'
	fi
}

for k in $kernels; do
	t0=$SECONDS
	if ! fetch_kernel "$k"; then
		record "$k" matrix/fetch fail "see .build/fetch-$k.log"
		tail -n 20 "$top/.build/fetch-$k.log" | sed 's/^/    /'
		continue
	fi
	echo "$k: fetched ($((SECONDS - t0)) s)"
	if [ "${lint_done:-0}" = 0 ]; then
		lint_done=1
		lint
	fi
	mkdir -p "$top/.build"
	blog=$top/.build/build-$k.log
	# W=1 and a clean build each time, so every warning is seen.
	"$top/scripts/matrix/build.sh" "$k" clean > /dev/null 2>&1
	if "$top/scripts/matrix/build.sh" "$k" W=1 MPATH_TESTS=m > "$blog" 2>&1; then
		if grep -q 'warning:' "$blog"; then
			record "$k" build/w1 fail "$(grep -c 'warning:' "$blog") warnings, see $blog"
			grep 'warning:' "$blog" | head -n 20 | sed 's/^/    /'
		else
			record "$k" build/w1 ok
		fi
	else
		record "$k" build/w1 fail "build failed, see $blog"
		grep -E 'error|Error' "$blog" | head -n 20 | sed 's/^/    /'
	fi
	# the probes that answered yes are the ones expected for this kernel
	want=$(awk -v k="$k" '$1 == k { $1 = ""; print }' "$top/scripts/matrix/probes.expected" | xargs -n1 | sort | xargs)
	got=$(sed -n 's/^#define MPATH_HAVE_\([A-Z0-9_]*\) 1$/\1/p' \
		"$top/.build/$k/compat/mpath-generated.h" 2>/dev/null | sort | xargs)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		record "$k" build/probes ok
	else
		record "$k" build/probes fail "probes answered '$got', scripts/matrix/probes.expected says '$want'"
	fi
	# The harness proves itself once per run, on the first kernel, and
	# the detectors on every -debug kernel.
	what=
	if [ "${harness_done:-0}" = 0 ]; then
		harness_done=1
		what=all
	fi
	case "$k" in *-debug) what=${what:-detectors} ;; esac
	if [ -n "$what" ] && [ "${SKIP_HARNESS:-0}" != 1 ]; then
		if "$here/harness/selftest.sh" "$k" "$what" > "$top/.build/harness-$k.log" 2>&1; then
			record "$k" harness/selftest ok
		else
			record "$k" harness/selftest fail "see .build/harness-$k.log"
			tail -n 30 "$top/.build/harness-$k.log" | sed 's/^/    /'
		fi
	fi
	[ "$k" = "$last_stock" ] && tier_start
	kcases=$(kernel_cases "$k")
	[ "$kcases" = "$cases" ] ||
		echo "$k: $(echo "$kcases" | wc -w) of $(echo "$cases" | wc -w) cases (matrix_cases of scripts/matrix/kernels.sh; KERNELS=all for every one)"
	# shellcheck disable=SC2086
	"$top/scripts/vm/run.sh" "$k" $kcases
	rrc=$?
	[ $rrc -ge 2 ] && record "$k" harness/run fail "the guest runner could not run (exit $rrc)"
	# every case has a result, whatever happened to the guest
	for c in $kcases; do
		grep -q "^$k $c " "$results" || record "$k" "$c" fail "no result"
	done
	echo "$k: $((SECONDS - t0)) s"
done

[ "${lint_done:-0}" = 1 ] || lint

# The build tier (compile only): every headers package of BUILD_TIER.
if [ -n "$tier_pid" ]; then
	wait "$tier_pid"
	sed 's/^/    /' "$top/.build/tier.log"
	echo "build tier: $(cat "$top/.build/tier.time" 2>/dev/null || echo '?') s (beside the guests)"
elif [ -z "${CASES:-}" ] && [ "${SKIP_TIER:-0}" != 1 ]; then
	t0=$SECONDS
	"$top/scripts/matrix/tier.sh" | sed 's/^/    /'
	echo "build tier: $((SECONDS - t0)) s"
fi

# A skip is allowed only where tests/skips lists it for that kernel.
skip_allowed() {	# kernel case
	awk -v k="$1" -v c="$2" '
		/^#/ || NF < 3 { next }
		{ n = split($1, ks, "|"); for (i = 1; i <= n; i++) if (ks[i] == k && $2 == c) ok = 1 }
		END { exit !ok }' "$here/skips"
}
while read -r k c res _; do
	[ "$res" = skip ] || continue
	skip_allowed "$k" "$c" && continue
	record "$k" "$c" fail "skipped, but tests/skips does not allow it on $k"
done < <(cat "$results")

pass=$(awk '$3 == "ok"' "$results" | wc -l)
fail=$(awk '$3 == "fail"' "$results" | wc -l)
skip=$(awk '$3 == "skip"' "$results" | wc -l)
echo "total time: $((SECONDS - start)) s"
# Every failure again, last: a CI log is often read from its tail.
if [ "$fail" != 0 ]; then
	echo "failures:"
	awk '$3 == "fail" { printf "  %s %s", $1, $2; $1 = $2 = $3 = ""; sub(/^ +/, ""); print ($0 != "" ? " (" $0 ")" : "") }' "$results"
fi
rm -f "$results"
echo "$skip skipped (allowed by tests/skips)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
