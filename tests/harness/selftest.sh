#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test harness tests itself on one kernel: a passing, a failing, a
# skipped, a hanging, a WARNING-raising and a bad-log case, in that order
# and in one run, must give exactly ok, fail, skip, fail, fail, fail, and
# the cases after the hang and the WARNING must still run.
set -u
here=$(cd "$(dirname "$0")" && pwd)
k=${1:?usage: selftest.sh KERNEL}
out=$(MPATH_RESULTS= "$here/../vm/run.sh" "$k" harness/cases/ok harness/cases/fail \
	harness/cases/skip harness/cases/hang harness/cases/warn \
	harness/cases/kmsg harness/cases/ok 2>&1)
got=$(echo "$out" | awk '$3 == "..." { printf "%s=%s ", $2, $4 }')
want="harness/cases/ok=ok harness/cases/fail=fail harness/cases/skip=skip harness/cases/hang=fail harness/cases/warn=fail harness/cases/kmsg=fail harness/cases/ok=ok "
if [ "$got" != "$want" ]; then
	echo "$out"
	echo "harness self-test: got      $got"
	echo "harness self-test: expected $want"
	exit 1
fi
echo "$out" | grep -q 'mpath_selftest: deliberate warning\|panic_on_warn' ||
	{ echo "$out"; echo "harness self-test: the WARNING was not shown"; exit 1; }
echo "harness self-test: $got"
