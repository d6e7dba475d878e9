#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test harness tests itself on one kernel: a passing, a failing, a
# skipped, a hanging, a WARNING-raising and a bad-log case, in that order
# and in one run, must give exactly ok, fail, skip, fail, fail, fail, and
# the cases after the hang and the WARNING must still run.  Then: a slub
# double free without a WARNING, a case that taints the kernel, a cleanup
# that cannot undo a case, a guest that dies between two cases and one that
# never powers off must each fail, with the cases after them still run; a
# thread in D state must trip the hung-task detector; and a case that fails
# with a child in a session of its own must end at once.
#
# On a -debug kernel it then proves the detectors: a lock-order inversion
# (lockdep), a use-after-free (KASAN), a leak (kmemleak), a leak made by
# unloading a module and kmemleak switching itself off, each committed by
# the test module tests/kmod/mpath_selftest.ko or the case, must each fail
# its case with the detector's report shown, and the cases after them
# still pass, with kmemleak on again.
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
	out=$(MPATH_RESULTS='' "$here/../../scripts/vm/run.sh" "$k" "$@" 2>&1)
	got=$(echo "$out" | awk '$3 == "..." { printf "%s=%s ", $2, $4 }')
	if [ "$got" != "$want" ]; then
		echo "$out"
		echo "harness self-test: got      $got"
		echo "harness self-test: expected $want"
		exit 1
	fi
	echo "harness self-test: $got"
}

# unshown PATTERN WHAT: the run's output must not show it
unshown() {
	if echo "$out" | grep -qE "$1"; then
		echo "$out"; echo "harness self-test: $2"; exit 1
	fi
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
	# 5 s, four times that on a debug kernel
	shown 'GUEST-TIMEOUT harness/cases/hang after (5|20) s' "the guest's watchdog on the hang"
	run "$C/dfree=fail $C/taint=fail $C/ok=ok $C/cleanupfail=fail $C/ok=ok $C/die=ok harness/guest=fail $C/ok=ok " \
		$C/dfree $C/taint $C/ok $C/cleanupfail $C/ok $C/die $C/ok
	shown 'Object already free|double-free' "the double free"
	shown 'the kernel is tainted: U' "the taint"
	shown 'cleanup failed' "the failed cleanup"
	shown 'died between cases, after harness/cases/die' "the death between cases"
	# a clean power-off takes a few seconds: 20 s tell a hang from it
	MPATH_POWEROFF_LIMIT=20 run "$C/ok=ok $C/hangoff=ok harness/guest=fail " $C/ok $C/hangoff
	shown 'hung after its last case' "the hang at power-off"
	run "$C/dstate=fail $C/ok=ok " $C/dstate $C/ok
	shown 'blocked for more than' "the hung task"
	run "$C/bgfail=fail $C/ok=ok " $C/bgfail $C/ok
	shown 'FAIL: deliberate, a child in its own session' "the failure"
	unshown 'GUEST-TIMEOUT harness/cases/bgfail' "a failed case's own-session child hung the guest"
fi
[ "$what" = basic ] && exit 0
case "$k" in
*-debug) ;;
*) exit 0 ;;	# stock kernels have none of the detectors
esac
run "$C/lockdep=fail $C/kasan=fail $C/kmemleak=fail $C/leakunload=fail $C/kmemleakoff=fail $C/kmemleakon=ok $C/ok=ok " \
	$C/lockdep $C/kasan $C/kmemleak $C/leakunload $C/kmemleakoff $C/kmemleakon $C/ok
shown 'possible circular locking dependency' "lockdep's report"
shown 'BUG: KASAN: [a-z-]*use-after-free' "KASAN's report"
shown 'unreferenced object.*size 96' "kmemleak's report"
shown 'unreferenced object.*size 128' "kmemleak's report of the leak on unload"
shown 'kmemleak: Kernel memory leak detector disabled' "kmemleak switching off"
