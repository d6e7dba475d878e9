#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test harness tests itself on one kernel: a passing, a failing, a
# skipped, a hanging, a WARNING-raising and a bad-log case, in that order
# and in one run, must give exactly ok, fail, skip, fail, fail, fail, and
# the cases after the hang and the WARNING must still run.
#
# On a -debug kernel it then proves the detectors: a lock-order inversion
# (lockdep), a use-after-free (KASAN) and a leak (kmemleak), each committed
# by the test module tests/kmod/mpath_selftest.ko, must each fail its case
# with the detector's report shown, and a passing case after them still
# passes.
#
# usage: selftest.sh KERNEL [basic|detectors|all]   (default: all)
set -u
here=$(cd "$(dirname "$0")" && pwd)
k=${1:?usage: selftest.sh KERNEL [basic|detectors|all]}
what=${2:-all}

# run WANT CASES...: WANT is "case=result " for each case, in order
run() {
	local want=$1 got
	shift
	out=$(MPATH_RESULTS='' "$here/../vm/run.sh" "$k" "$@" 2>&1)
	got=$(echo "$out" | awk '$3 == "..." { printf "%s=%s ", $2, $4 }')
	if [ "$got" != "$want" ]; then
		echo "$out"
		echo "harness self-test: got      $got"
		echo "harness self-test: expected $want"
		exit 1
	fi
	echo "harness self-test: $got"
}

# shown PATTERN WHAT: the run's output must show the report
shown() {
	echo "$out" | grep -qE "$1" ||
		{ echo "$out"; echo "harness self-test: $2 was not shown"; exit 1; }
}

C=harness/cases
if [ "$what" != detectors ]; then
	run "$C/ok=ok $C/fail=fail $C/skip=skip $C/hang=fail $C/warn=fail $C/kmsg=fail $C/ok=ok " \
		$C/ok $C/fail $C/skip $C/hang $C/warn $C/kmsg $C/ok
	shown 'mpath_selftest: deliberate warning|panic_on_warn' "the WARNING"
fi
[ "$what" = basic ] && exit 0
case "$k" in
*-debug) ;;
*) exit 0 ;;	# stock kernels have none of the detectors
esac
run "$C/lockdep=fail $C/kasan=fail $C/kmemleak=fail $C/ok=ok " \
	$C/lockdep $C/kasan $C/kmemleak $C/ok
shown 'possible circular locking dependency' "lockdep's report"
shown 'BUG: KASAN: [a-z-]*use-after-free' "KASAN's report"
shown 'unreferenced object.*size 96' "kmemleak's report"
