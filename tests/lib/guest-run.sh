#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest: each case of /mpath/cases in a session of its
# own, in the blktests shape (DESCRIPTION, requires, test_case), then its
# cleanup, then checks the kernel log written since the case began and the
# kernel's taint flags.  Prints markers the host runner parses:
#   @@MPATH BEGIN <case>
#   @@MPATH END <case> ok|fail|skip <reason>
#   @@MPATH TIME <case> <seconds>
#   @@MPATH REBOOT <why>       the cases left need a fresh boot
T=/mpath/tests
export T

# Kernel log lines that fail the case that was running.  slub_debug
# reports corruption as "BUG <cache> (...): <what>" without a WARNING.
BAD='WARNING:|BUG:|BUG [a-z0-9_:.-]* \(|Oops|general protection fault|KASAN|UBSAN|kernel BUG|list_add corruption|list_del corruption|INFO: task .* blocked|soft lockup|hard LOCKUP|rcu_sched self-detected|rcu: INFO|possible circular locking|suspicious RCU usage|sleeping function called from invalid context|unreferenced object|Redzone|Poison overwritten|Object padding|Padding overwritten|Object already free|Freepointer corrupt|refcount_t:|pagealloc: memory corruption|pagealloc: single bit error|Unable to handle kernel|stack-protector|kmemleak: .*disabled'

# Taint bits a case may add: O (out-of-tree module, 4096) and E
# (unsigned module, 8192), which loading our modules sets, and N (a test
# ran, 262144), which KUnit sets when its suites run (kunit/001).
TAINT_OK=$((4096 | 8192 | 262144))

# _taint_letters MASK: the kernel's letters for the bits of MASK
_taint_letters() {
	local m=$1 i=0 out=
	for l in P F S R M B U D A W C I O E L K X T N; do
		[ $(((m >> i) & 1)) = 1 ] && out="$out$l"
		i=$((i + 1))
	done
	echo "${out:-none} ($m)"
}

for c in $(cat /mpath/cases); do
	echo
	echo "@@MPATH BEGIN $c"
	t0=$(date +%s)
	taint0=$(cat /proc/sys/kernel/tainted)
	marker="mpath-test: begin $c $t0"
	echo "$marker" > /dev/kmsg
	# for _case_log: the kernel log of this case only
	export MPATH_MARKER="$marker"
	skip=$(cd /tmp && (
		. $T/lib/common.sh
		# shellcheck disable=SC1090
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
	# A session of its own: when the case ends, however it ends, I/O
	# waiting for a path is let go and every process it left (a
	# background fio after _fail) is killed, so none keeps the output
	# pipe open or disturbs the next case.  (The subshell's stderr only
	# takes the shell's "Killed" notice.)
	# The watchdog: a case still running after its TIMEOUT (times 4 on a
	# debug kernel, times 10 under make soak) is hung.  Say so on the
	# console with what the kernel knows (blocked tasks, the case's log)
	# and the case's own output so far, then crash the guest: a task stuck
	# in the kernel cannot be killed, and the host boots the remaining
	# cases anew.
	tmo=$(sed -n 's/^TIMEOUT=\([0-9]*\).*/\1/p' $T/$c | head -n1)
	case "$(uname -r)" in *debug*) tmo=$((${tmo:-120} * 4)) ;; esac
	# make soak runs the torture cases ten times as long (see _soak)
	[ -e /mpath/soak ] && tmo=$((${tmo:-120} * 10))
	: > /tmp/.out
	(
		sleep "${tmo:-120}"
		echo "@@MPATH GUEST-TIMEOUT $c after ${tmo:-120} s"
		echo 1 > /proc/sys/kernel/sysrq
		echo w > /proc/sysrq-trigger
		# and what runs: a task spinning in the kernel is not "blocked"
		echo l > /proc/sysrq-trigger
		sed 's/^/  | /' /tmp/.out
		ps -o pid,stat,comm,args 2>/dev/null | sed 's/^/  ps| /'
		dmesg | awk -v m="$marker" 'index($0, m) { on = 1 } on' | tail -n 150 | sed 's/^/  hang| /'
		echo c > /proc/sysrq-trigger
	) &
	wd=$!
	(setsid sh -c '
		cd /tmp
		. $T/lib/common.sh
		. $T/$1
		trap "_release_io 2>/dev/null; kill -9 \$(_descendants \$\$) 2>/dev/null; kill -9 0" EXIT
		test_case
		echo $? > /tmp/.rc
	' sh "$c" 2>&1 | tee /tmp/.out | sed 's/^/  | /') 2>/dev/null
	kill $wd 2>/dev/null
	# a case that called exit (as _fail does) leaves no .rc: failed
	rc=$(cat /tmp/.rc 2>/dev/null)
	rm -f /tmp/.rc
	# always-run cleanup: the next case starts from a clean guest
	(. $T/lib/common.sh; _cleanup_all; echo $? > /tmp/.crc) 2>&1 | sed 's/^/  cleanup| /'
	crc=$(cat /tmp/.crc 2>/dev/null)
	rm -f /tmp/.crc
	if [ -x /mpath/kmemleak-scan ]; then /mpath/kmemleak-scan; fi
	# The log since the marker.  The ring buffer (log_buf_len on the
	# command line) must still hold the marker, or lines were lost.
	dmesg > /tmp/.dmesg
	if grep -qF "$marker" /tmp/.dmesg; then
		bad=$(awk -v m="$marker" 'index($0, m) { on = 1 } on' /tmp/.dmesg |
			grep -E "$BAD" | head -20)
	else
		bad="the kernel log no longer holds the case's start: lines were lost"
	fi
	rm -f /tmp/.dmesg
	taint=$(cat /proc/sys/kernel/tainted)
	new_taint=$(((taint & ~taint0) & ~TAINT_OK))
	reboot=
	if [ -n "$bad" ]; then
		echo "$bad" | sed 's/^/  dmesg| /'
		echo "@@MPATH END $c fail kernel log: $(echo "$bad" | head -1 | cut -c1-120)"
	elif [ "$new_taint" != 0 ]; then
		echo "@@MPATH END $c fail the kernel is tainted: $(_taint_letters $new_taint)"
	elif [ "$rc" != 0 ]; then
		# the case's own words (_fail), so that the summary a CI log
		# ends with names the cause
		why=$(sed -n 's/^FAIL: //p' /tmp/.out | tail -n1 | cut -c1-150)
		echo "@@MPATH END $c fail test_case failed (rc=${rc:-none})${why:+: $why}"
	elif [ -n "$crc" ] && [ "$crc" != 0 ]; then
		echo "@@MPATH END $c fail cleanup failed: $crc"
	else
		echo "@@MPATH END $c ok"
	fi
	echo "@@MPATH TIME $c $(($(date +%s) - t0))"
	# The harness self-test's guest death between two cases.
	if [ -e /tmp/harness-die-between ]; then
		echo c > /proc/sysrq-trigger
	fi
	# The cases left run in a fresh boot (the host runner starts one),
	# not in a guest whose state is unknown or whose detectors are off:
	# lockdep reports once per boot and then turns itself off; kmemleak
	# may switch itself off; a failed cleanup left something behind.
	if [ -n "$bad" ] && grep -qE 'debug_locks: +0' /proc/lockdep_stats 2>/dev/null; then
		reboot="lockdep is off after its report"
	elif dmesg | grep -q 'kmemleak: Kernel memory leak detector disabled'; then
		reboot="kmemleak is off"
	elif [ -n "$crc" ] && [ "$crc" != 0 ]; then
		reboot="the cleanup failed"
	elif [ "$new_taint" != 0 ]; then
		reboot="the kernel is tainted"
	fi
	if [ -n "$reboot" ]; then
		echo "@@MPATH REBOOT $reboot"
		break
	fi
done
