#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest: each case of /mpath/cases in a subshell, in the
# blktests shape (DESCRIPTION, requires, test_case), then checks the kernel
# log written since the case began.  Prints markers the host runner parses:
#   @@MPATH BEGIN <case>
#   @@MPATH END <case> ok|fail|skip <reason>
T=/mpath/tests
export T

# Kernel log lines that fail the case that was running.
BAD='WARNING:|BUG:|Oops|general protection fault|KASAN|UBSAN|kernel BUG|list_add corruption|list_del corruption|INFO: task .* blocked|soft lockup|hard LOCKUP|rcu_sched self-detected|rcu: INFO|possible circular locking|suspicious RCU usage|sleeping function called from invalid context|unreferenced object|Redzone|Poison overwritten|Object padding|refcount_t:|Unable to handle kernel|stack-protector'

for c in $(cat /mpath/cases); do
	echo
	echo "@@MPATH BEGIN $c"
	t0=$(date +%s)
	echo "mpath-test: begin $c" > /dev/kmsg
	skip=$(cd /tmp && (
		. $T/lib/common.sh
		. $T/$c
		SKIP_REASON=
		if command -v requires >/dev/null 2>&1; then
			requires >/dev/null 2>&1 || [ -n "$SKIP_REASON" ] || SKIP_REASON="requirements not met"
		fi
		echo "$SKIP_REASON"
	))
	if [ -n "$skip" ]; then
		echo "@@MPATH END $c skip $skip"
		continue
	fi
	# A session of its own: when the case ends, however it ends, every
	# process it left (a background fio after _fail) is killed, so none
	# keeps the output pipe open or disturbs the next case.
	# (The subshell's stderr only takes the shell's "Killed" notice.)
	(setsid sh -c '
		cd /tmp
		. $T/lib/common.sh
		. $T/$1
		trap "kill -9 0" EXIT
		test_case
		echo $? > /tmp/.rc
	' sh "$c" 2>&1 | sed 's/^/  | /') 2>/dev/null
	# a case that called exit (as _fail does) leaves no .rc: failed
	rc=$(cat /tmp/.rc 2>/dev/null)
	rm -f /tmp/.rc
	# always-run cleanup: the next case starts from a clean guest
	(. $T/lib/common.sh; _cleanup_all; echo $? > /tmp/.crc) 2>&1 | sed 's/^/  cleanup| /'
	crc=$(cat /tmp/.crc 2>/dev/null)
	rm -f /tmp/.crc
	if [ -x /mpath/kmemleak-scan ]; then /mpath/kmemleak-scan; fi
	bad=$(dmesg | awk -v m="mpath-test: begin $c" 'index($0, m) { on = 1 } on' |
		grep -E "$BAD" | head -20)
	if [ -n "$bad" ]; then
		echo "$bad" | sed 's/^/  dmesg| /'
		echo "@@MPATH END $c fail kernel log: $(echo "$bad" | head -1 | cut -c1-120)"
	elif [ "$rc" != 0 ]; then
		echo "@@MPATH END $c fail test_case failed (rc=${rc:-none})"
	elif [ -n "$crc" ] && [ "$crc" != 0 ]; then
		echo "@@MPATH END $c fail cleanup failed: $crc"
	else
		echo "@@MPATH END $c ok"
	fi
	echo "@@MPATH TIME $c $(($(date +%s) - t0))"
	# Lockdep reports once per boot and then turns itself off: the cases
	# left run in a fresh boot (the host runner starts one), not unchecked.
	if [ -n "$bad" ] && grep -qE 'debug_locks: +0' /proc/lockdep_stats 2>/dev/null; then
		echo "lockdep is off after this report: rebooting for the remaining cases"
		break
	fi
done
