#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest test cases (busybox sh).  A case defines DESCRIPTION,
# optionally TIMEOUT (s) and requires() (set SKIP_REASON to skip), and
# test_case(), which fails by returning non-zero or calling _fail.
#
# This file: assertions, module loading, loop paths, polling, the case's
# kernel log, the cleanup after each case; the fixtures by topic are in
# the files it sources at the end.

MODDIR=/mpath/modules
CFS=/sys/kernel/config/mpathdemo

# Waits for a counter or a state are bounds, not delays: they give a
# kernel SLOW times the seconds a case names, so that a debug kernel (4x
# slower under TCG) on a host three times slower than ours still passes.
case "$(uname -r)" in
*debug*) SLOW=12 ;;
*) SLOW=3 ;;
esac

_fail() {
	echo "FAIL: $*"
	exit 1
}

_log() {
	echo "$*"
}

# _expect_eq WHAT GOT WANT
_expect_eq() {
	[ "$2" = "$3" ] || _fail "$1: got '$2', expected '$3'"
}

# _expect_err CMD...: CMD must fail (a refused write, a failed load)
_expect_err() {
	if "$@" 2>/dev/null; then
		_fail "expected an error from: $*"
	fi
	return 0
}

# _write VALUE FILE: write and report failure (echo > f hides the errno)
_write() {
	echo "$1" > "$2"
}

# insmod: busybox's, then a note in /tmp/mpath-modules of where the
# module's code lies ("name start end").  A leak found after the module was
# unloaded has bare addresses in its backtrace; tests/lib/kmemleak-scan
# matches them against these ranges.  (A function: busybox sh runs its
# own applets before anything in PATH.)  The range runs from the module's
# first function in /proc/kallsyms to the end of the page after its last
# one's (a module's text is whole pages; sysfs has no ".text" section
# where the compiler put every function in a section of its own).  Module
# addresses have their top 33 bits set: the shell's sign-extended
# arithmetic prints them right.
insmod() {
	local _m
	/bin/busybox insmod "$@" || return
	_m=$(basename "$1" .ko | tr - _)
	# shellcheck disable=SC2046 # two words or none
	set -- $(awk -v m="[$_m]" '$4 == m && ($2 == "t" || $2 == "T") {
		if (lo == "" || $1 < lo) lo = $1
		if ($1 > hi) hi = $1
	} END { if (lo != "") print lo, hi }' /proc/kallsyms)
	[ $# = 2 ] || { echo "insmod: no functions of $_m in /proc/kallsyms" >&2; return 0; }
	printf '%s 0x%s 0x%016x\n' "$_m" "$1" $((((0x$2 >> 12) + 2) << 12)) >> /tmp/mpath-modules
	return 0
}

_have_module() {
	local _m _d
	_m=$(echo "$1" | tr - _)
	_d=/lib/modules/$(uname -r)
	[ -d "/sys/module/$_m" ] ||
		grep -q "/$1.ko" "$_d/modules.dep" "$_d/modules.builtin" 2>/dev/null ||
		grep -q "/$_m.ko" "$_d/modules.dep" "$_d/modules.builtin" 2>/dev/null || {
		SKIP_REASON="module $1 not available in this kernel"
		return 1
	}
}

_have_our_modules() {
	[ -e $MODDIR/libmultipath.ko ] && [ -e $MODDIR/mpathdemo.ko ] || {
		SKIP_REASON="libmultipath.ko/mpathdemo.ko not built for this kernel"
		return 1
	}
}

# _load_mpath [mpathdemo parameters...]
# shellcheck disable=SC2120 # cases pass the parameters, fixtures none
_load_mpath() {
	[ -d /sys/module/libmultipath ] || insmod $MODDIR/libmultipath.ko || _fail "insmod libmultipath"
	insmod $MODDIR/mpathdemo.ko "$@" || _fail "insmod mpathdemo $*"
}

_unload_mpath() {
	[ -d /sys/module/mpath_minimal ] && { rmmod mpath_minimal || return 1; }
	[ -d /sys/module/mpath_owned ] && { rmmod mpath_owned || return 1; }
	[ -d /sys/module/mpathdemo ] && { rmmod mpathdemo || return 1; }
	[ -d /sys/module/libmultipath ] && { rmmod libmultipath || return 1; }
	return 0
}

# _loop_paths N [MB]: N loop devices over one file (coherent paths);
# prints their names.
_loop_paths() {
	local n=$1 mb=${2:-64} i l
	modprobe loop max_loop=16 2>/dev/null
	[ -e /tmp/backing ] || dd if=/dev/zero of=/tmp/backing bs=1M count="$mb" 2>/dev/null
	i=0
	while [ $i -lt "$n" ]; do
		l=$(losetup -f) || _fail "no free loop device"
		losetup "$l" /tmp/backing || _fail "losetup $l"
		echo "$l"
		i=$((i + 1))
	done
}

# _poll SECONDS CMD...: run CMD every 0.2 s until it succeeds; false once
# it failed for SECONDS (SLOW times, like every wait)
_poll() {
	local n=$(($1 * 5 * SLOW))
	shift
	until "$@"; do
		n=$((n - 1))
		[ $n -ge 0 ] || return 1
		sleep 0.2
	done
}

# _now_cs: time since boot in centiseconds (/proc/uptime, not date's seconds)
_now_cs() {
	local up
	read -r up _ < /proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//; s/^$/0/'
}

# _case_log: the kernel log written since the running case began
_case_log() {
	dmesg | awk -v m="$MPATH_MARKER" 'index($0, m) { on = 1 } on'
}

# _soak SECONDS: a torture case's duration; ten times as long under
# make soak (SOAK=1 on the host, /mpath/soak in the guest)
_soak() {
	if [ -e /mpath/soak ]; then echo $(($1 * 10)); else echo "$1"; fi
}

# _descendants PID: every process below PID, collected before any dies
# (the children of a killed process move to init).  A case's background
# fio must go with it: fio's job processes call setsid, so they are in no
# process group of the case.
_descendants() {
	local f line rest
	for f in /proc/[0-9]*/stat; do
		# a process may be gone by now: no message for that
		{ read -r line < "$f"; } 2>/dev/null || continue
		rest=${line##*) }
		# shellcheck disable=SC2086 # the fields after the command name
		set -- $rest
		echo "${line%% *} $2"
	done | awk -v root="$1" '
		{ parent[$1] = $2 }
		END {
			n = 0; q[n++] = root
			for (i = 0; i < n; i++)
				for (c in parent)
					if (parent[c] == q[i]) { q[n++] = c; print c }
		}'
}

# _release_io: nothing waits for a path any more (queued bios fail), so
# that processes with I/O in flight can exit
_release_io() {
	local q
	for q in "$CFS"/*/queue_if_no_path "$CFS"/*/delayed_removal_secs; do
		[ -e "$q" ] && echo 0 > "$q"
	done
	return 0
}

# Tear down everything a case may have left.  Prints what failed and
# returns non-zero, which fails the case: modules must unload cleanly.
_cleanup_all() {
	local rc=0 h p l n m
	# no udev events for what goes below (a case's udevd, tests/lib/udev.sh)
	_udev_stop
	# I/O that waits for a path (queue_if_no_path) would keep fio and the
	# disk busy forever: stop waiting first, as dm's fail_if_no_path does
	_release_io 2>/dev/null
	pkill fio 2>/dev/null
	sleep 0.2
	if [ -d "$CFS" ]; then
		for h in "$CFS"/*/; do
			[ -d "$h" ] || continue
			echo 0 > "$h/enable" 2>/dev/null
			for p in "$h"paths/*/; do
				[ -d "$p" ] || continue
				echo none > "$p/fault" 2>/dev/null
				echo 0 > "$p/enable" 2>/dev/null
				rmdir "$p" 2>/dev/null
			done
			# a head made by the paths= parameter goes with rmmod
			rmdir "$h" 2>/dev/null
		done
	fi
	if ! _unload_mpath; then
		echo "cannot unload our modules; left in configfs: $(ls "$CFS" 2>/dev/null | tr '\n' ' ')"
		rc=1
	fi
	# the targets first: they hold the devices below them open
	_nvme_teardown
	_lio_teardown
	# only if loaded: no module may load after ours went, see kmemleak-scan
	[ -d /sys/module/dm_mod ] && dmsetup remove_all 2>/dev/null
	if [ -d /sys/module/loop ]; then
		losetup -D 2>/dev/null
		for l in /dev/loop*; do losetup -d "$l" 2>/dev/null; done
	fi
	rm -f /tmp/backing
	for n in /sys/kernel/config/nullb/*/; do
		[ -d "$n" ] || continue
		echo 0 > "$n/power" 2>/dev/null
		rmdir "$n" 2>/dev/null
	done
	# scsi_dh_alua too, see _scsi_debug
	for m in mpath_testdev mpath_zapp null_blk scsi_debug scsi_dh_alua dm_delay dm_flakey dm_multipath; do
		[ -d /sys/module/$m ] && rmmod $m 2>/dev/null
	done
	return $rc
}

# fixtures by topic, as blktests' common/ (each file says what it holds)
. "$T/lib/heads.sh"
. "$T/lib/load.sh"
. "$T/lib/scsi.sh"
. "$T/lib/faults.sh"
. "$T/lib/lio.sh"
. "$T/lib/nvme.sh"
. "$T/lib/udev.sh"
