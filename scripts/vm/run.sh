#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one kernel of the matrix under QEMU (TCG, 2 vCPUs on 2 NUMA nodes)
# and run guest test cases in it.  A case that hangs, panics the guest or
# outlives its time fails; the guest is then booted again for the cases
# after it.  A guest that dies between two cases, or hangs before or
# after them, is a failure too (reported as <kernel> harness/guest).
# Prints one line per case ("6.12 multipath/003 ... ok") and appends
# "<kernel> <case> <result> <reason>" to $MPATH_RESULTS if set.
#
# Exit status: 0 if nothing failed, 1 if something failed, 2 if the
# runner itself could not run (no initramfs, a helper that does not build).
#
# usage: scripts/vm/run.sh KERNEL CASE...      (CASE = group/NNN under tests/)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/../matrix/kernels.sh"

k=${1:?usage: run.sh KERNEL CASE...}
shift
build=${MPATH_BUILD:-$top/.build}/$k
vmlinuz=${MPATH_VMLINUZ:-$(matrix_vmlinuz "$k")}
base=$("$here/initramfs.sh" "$k") || { echo "run.sh: no initramfs for $k" >&2; exit 2; }
logdir=${MPATH_LOGDIR:-$top/.build/logs}/$k
# A debug kernel: kmemleak (off by default there) on, and a scan after
# each case that fails it on a leak from our modules.
# Its guest gets 1 GiB instead of 2: a kmemleak scan's time grows with the
# memory it walks (about 4 s per scan with 1 GiB under TCG, 7 s with 2).
# TIER: how much slower the kernel runs than a stock one under TCG.
mem=2048
TIER=1
case "$k" in
*-debug)
	MPATH_APPEND="kmemleak=on ${MPATH_APPEND:-}"
	MPATH_GUEST_HOOK=${MPATH_GUEST_HOOK:-$top/tests/lib/kmemleak-scan}
	mem=1024
	TIER=4
	;;
esac
# Stock kernels poison free pages (CONFIG_PAGE_POISONING, off unless
# asked): a write into a page that was free, past the end of a buffer or
# after a free, is reported when the page is next allocated ("pagealloc:
# memory corruption", a failure of the running case).  The debug kernel
# has KASAN for that.
case "$k" in
*-debug) ;;
*) MPATH_APPEND="page_poison=1 ${MPATH_APPEND:-}" ;;
esac
mem=${MPATH_GUEST_MB:-$mem}
mkdir -p "$logdir"
VERBOSE=${VERBOSE:-0}
failed=0

report() {	# case result reason [seconds]
	printf '%s %s ... %s%s%s\n' "$k" "$1" "$2" "${4:+ [$4 s]}" "${3:+ ($3)}"
	[ -n "${MPATH_RESULTS:-}" ] && echo "$k $1 $2 ${3:-}" >> "$MPATH_RESULTS"
	[ "$2" = fail ] && failed=1
	return 0
}

# The host's limit for one case: its TIMEOUT= (seconds a stock kernel on a
# quiet host needs at most, with room), times the kernel's tier, plus
# time for the kmemleak scan and the cleanup.  Cases size their work by
# what they must prove, so a host 3x slower still fits.
case_limit() {
	local t
	t=$(sed -n 's/^TIMEOUT=\([0-9]*\).*/\1/p' "$top/tests/$1" | head -n1)
	t=$(( ${t:-120} * TIER * 2 + 60 * TIER ))
	# make soak: torture cases run ten times as long
	[ "${SOAK:-0}" = 1 ] && t=$((t * 10))
	echo $t
}

# The static helper programs of the guest cases (tests/api/tools/*.c) and
# mpathctl, built once per run: the guest has only busybox and a few tools.  A
# helper that does not build stops the run: the cases that need it would
# only skip.
helpers=$(mktemp -d "${TMPDIR:-/tmp}/mpath-helpers.XXXXXX")
trap 'rm -rf "$helpers"' EXIT
for t in "$top"/tests/api/tools/*.c; do
	[ -e "$t" ] || continue
	gcc -static -O2 -Wall -Werror -o "$helpers/$(basename "$t" .c)" "$t" || {
		echo "run.sh: building the guest helper $t failed" >&2
		exit 2
	}
done
# mpathctl: the files of tools/mpathctl/, the version of VERSION (as the
# Makefile's tool target builds it)
gcc -static -O2 -Wall -Werror -DMPATHCTL_VERSION="\"$(cat "$top/VERSION")\"" \
	-o "$helpers/mpathctl" "$top"/tools/mpathctl/*.c || {
	echo "run.sh: building the guest helper mpathctl (tools/mpathctl/*.c) failed" >&2
	exit 2
}

# udev for the cases that say UDEV=1: systemd-udevd from the kernel's own
# root under /udev in the guest, apart from the host's libraries that fio
# and the other tools use: udevadm (udevd by its argv[0]), the libraries
# it needs and the root's dynamic loader, which runs it (tests/lib/udev.sh
# starts it), and the rules the cases need: the root's
# 60-persistent-storage.rules (its builtins' ID_PATH and blkid, the
# /dev/disk links) and our 69-mpathdemo-paths.rules.  The root's helper
# programs (scsi_id, ata_id) are not staged: a rule that runs one gets an
# error, logged and ignored.
udev_root() {	# -> the root whose udevd the guest runs, if one has it
	local root
	# a -debug kernel's root has no udev: its suite's stock root's
	for root in "$(matrix_root "$k")" "$MPATH_CACHE/roots/$(matrix_suite "$k")"; do
		[ -x "$root/usr/bin/udevadm" ] &&
			[ -e "$root/usr/lib/udev/rules.d/60-persistent-storage.rules" ] &&
			echo "$root" && return 0
	done
	return 1
}

# in_root ROOT FILE: FILE (a path in ROOT) with its symlinks resolved in
# ROOT, never on the host (a link may be absolute)
in_root() {
	local root=$1 f=$2 l n=0
	while [ -L "$root$f" ] && [ $n -lt 40 ]; do
		l=$(readlink "$root$f")
		case "$l" in
		/*) f=$l ;;
		*) f=$(dirname "$f")/$l ;;
		esac
		n=$((n + 1))
	done
	[ -f "$root$f" ] && echo "$root$f"
}

# udev_stage DIR: udevd of the kernel's root under DIR/udev
udev_stage() {
	local d=$1/udev root lib f dir found todo
	root=$(udev_root) || return 0
	mkdir -p "$d/bin" "$d/lib" "$d/rules.d"
	cp "$(in_root "$root" /usr/bin/udevadm)" "$d/bin/udevadm"
	cp "$(in_root "$root" /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2)" "$d/lib/ld-linux-x86-64.so.2"
	chmod 0755 "$d/bin/udevadm" "$d/lib/ld-linux-x86-64.so.2"
	# the libraries udevadm needs, and theirs (its RUNPATH is the
	# systemd directory); libblkid too: newer udevd dlopen()s it for the
	# blkid builtin, and must not find the host's
	todo="$d/bin/udevadm libblkid.so.1"
	while [ -n "$todo" ]; do
		# shellcheck disable=SC2086 # one word per file
		set -- $todo
		f=$1
		shift
		todo=$*
		case "$f" in
		/*) ;;
		*)
			[ -e "$d/lib/$f" ] && continue
			found=
			for dir in /usr/lib/x86_64-linux-gnu/systemd /usr/lib/x86_64-linux-gnu; do
				found=$(in_root "$root" "$dir/$f") && break
			done
			[ -n "$found" ] || { echo "run.sh: $f (for udevadm) not in $root" >&2; return 1; }
			cp "$found" "$d/lib/$f"
			f=$d/lib/$f
			;;
		esac
		for lib in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case "$lib" in ld-linux-x86-64.so.2) continue ;; esac
			[ -e "$d/lib/$lib" ] || todo="$todo $lib"
		done
	done
	cp "$(in_root "$root" /usr/lib/udev/rules.d/60-persistent-storage.rules)" "$d/rules.d/"
	cp "$top/tools/69-mpathdemo-paths.rules" "$d/rules.d/"
}

# does a case of the list say UDEV=1
need_udev() {	# cases...
	local c
	for c in "$@"; do
		grep -q '^UDEV=1' "$top/tests/$c" 2>/dev/null && return 0
	done
	return 1
}

# The per-run cpio: our modules, the tests, the case list (and udev when
# a case needs it).
overlay() {	# dir cases...
	local d=$1
	shift
	rm -rf "$d" && mkdir -p "$d/mpath/modules"
	cp "$top/tests/lib/init" "$d/init"
	chmod 0755 "$d/init"
	cp -r "$top/tests" "$d/mpath/tests"
	# the guest halves of make bench and make demo live beside their host
	# halves; in the guest they are cases bench/bench and demo/failover
	mkdir -p "$d/mpath/tests/bench" "$d/mpath/tests/demo"
	cp "$top/bench/guest" "$d/mpath/tests/bench/bench"
	cp "$top/scripts/demo-guest" "$d/mpath/tests/demo/failover"
	for m in libmultipath mpathdemo; do
		[ -e "$build/$m.ko" ] && cp "$build/$m.ko" "$d/mpath/modules/"
	done
	mkdir -p "$d/mpath/bin"
	cp "$helpers"/* "$d/mpath/bin/" 2>/dev/null
	# test-only modules built beside ours (tests/*/*.ko, examples/*.ko)
	find "$build/tests" "$build/examples" -name '*.ko' -exec cp {} "$d/mpath/modules/" \; 2>/dev/null
	[ -n "${MPATH_GUEST_HOOK:-}" ] && cp "$MPATH_GUEST_HOOK" "$d/mpath/kmemleak-scan"
	if need_udev "$@"; then
		udev_stage "$d" >&2 || echo "run.sh: no udev in the guest" >&2
	fi
	printf '%s\n' "$@" > "$d/mpath/cases"
	[ "${SOAK:-0}" = 1 ] && touch "$d/mpath/soak"
	(cd "$d" && find . | cpio -o -H newc --quiet)
}

# boot CASES...: runs until the guest powers off, dies, or a phase outlives
# its limit (boot, a case, the gap between two cases, the power-off);
# log in $log
boot() {
	local tmp initrd
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mpath-run.XXXXXX")
	initrd=$tmp/initrd.cpio
	{ cat "$base"; overlay "$tmp/ov" "$@"; } > "$initrd"
	: > "$log"
	# panic_on_warn: any WARNING stops the guest; the running case fails.
	# log_buf_len: the guest checks each case's log from its start.
	# preempt=full: a woken task (a work item's kworker) preempts the
	# waker at once, so races between a submitter and a work item show
	# up in a test run instead of once a year (the stranding of
	# multipath/017 was seen only with it).
	# MPATH_ICOUNT=1 (make bench): deterministic virtual time.  One vCPU
	# whose clock advances with the instructions it executes (1 ns each),
	# idle time skipped: a run's IOPS and latencies do not depend on the
	# host's load.  Node 1 then has memory but no CPU.
	local accel=tcg cpus=2 cpu1=,cpus=1
	if [ "${MPATH_ICOUNT:-0}" = 1 ]; then
		accel="tcg,thread=single -icount shift=0,sleep=off,align=off"
		cpus=1 cpu1=
	fi
	# shellcheck disable=SC2086 # accel carries the -icount option
	qemu-system-x86_64 -accel $accel -m "$mem" -nographic -no-reboot -nodefaults \
		-smp $cpus,sockets=$cpus,cores=1,threads=1 \
		-object memory-backend-ram,id=m0,size=$((mem / 2))M \
		-object memory-backend-ram,id=m1,size=$((mem / 2))M \
		-numa node,nodeid=0,cpus=0,memdev=m0 \
		-numa node,nodeid=1$cpu1,memdev=m1 \
		-serial "file:$log" -kernel "$vmlinuz" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 panic_on_warn=1 oops=panic slub_debug=FZPU log_buf_len=16M preempt=full loglevel=4 edd=off ${MPATH_APPEND:-}" \
		> "$tmp/qemu.out" 2>&1 &
	local qpid=$! phase=boot since=$SECONDS limit=$((300 * TIER)) last='' b n
	while kill -0 "$qpid" 2>/dev/null; do
		sleep 1
		if [ "$VERBOSE" = 2 ]; then
			n=$(wc -l < "$log")
			[ "$n" -gt "${last_lines:-0}" ] && sed -n "$((${last_lines:-0} + 1)),${n}p" "$log" >&2
			last_lines=$n
		fi
		b=$(grep -ao '@@MPATH \(BEGIN\|END\|REBOOT\|DONE\).*' "$log" | tail -n1 | tr -d '\r')
		if [ "$b" != "$last" ]; then
			last=$b
			since=$SECONDS
			case "$b" in
			"@@MPATH BEGIN "*)
				phase="case ${b#@@MPATH BEGIN }"
				limit=$(case_limit "${b#@@MPATH BEGIN }") ;;
			"@@MPATH DONE"*)
				phase=power-off
				# the harness self-test's hung power-off waits
				# for this: MPATH_POWEROFF_LIMIT shortens it
				limit=${MPATH_POWEROFF_LIMIT:-60} ;;
			*)
				phase="between cases"
				limit=$((120 * TIER)) ;;
			esac
		fi
		if (( SECONDS - since > limit )); then
			echo "@@MPATH HOST-TIMEOUT $phase after $limit s" >> "$log"
			kill -9 "$qpid"
			break
		fi
	done
	wait "$qpid" 2>/dev/null
	rm -rf "$tmp"
}

remaining=("$@")
attempt=0
while [ ${#remaining[@]} -gt 0 ]; do
	attempt=$((attempt + 1))
	log=$logdir/boot-$attempt.log
	boot "${remaining[@]}"
	# markers may share a line with console escapes: put each on its own
	tr -d '\r' < "$log" | sed 's/\(.\)@@MPATH /\1\n@@MPATH /' > "$log.tmp" && mv "$log.tmp" "$log"
	next=()
	started=0
	last_done=
	for c in "${remaining[@]}"; do
		if [ "$started" = 2 ]; then
			next+=("$c")
			continue
		fi
		end=$(grep -a "^@@MPATH END $c " "$log" | head -n1)
		if [ -n "$end" ]; then
			set -- $end
			res=$4
			shift 4
			secs=$(grep -a "^@@MPATH TIME $c " "$log" | head -n1 | cut -d' ' -f4)
			report "$c" "$res" "$*" "$secs"
			last_done=$c
			# sub-results of the case (KUnit cases): "@@KUNIT name result"
			sed -n "/^@@MPATH BEGIN ${c//\//\\/}\$/,/^@@MPATH END ${c//\//\\/} /p" "$log" |
				sed -n 's/^  | @@KUNIT //p' | while read -r sub sres sreason; do
					report "kunit/$sub" "$sres" "$sreason"
					[ "$sres" = fail ] && touch "$logdir/.kunit-failed"
				done
			if [ "$res" = fail ] || [ "$VERBOSE" != 0 ]; then
				sed -n "/^@@MPATH BEGIN ${c//\//\\/}\$/,/^@@MPATH END ${c//\//\\/} /p" "$log" |
					tail -n "${MPATH_SHOW_LINES:-60}" | sed 's/^/    /'
			fi
			continue
		fi
		if grep -aq "^@@MPATH BEGIN $c\$" "$log"; then
			why=$(grep -a -m1 -E 'GUEST-TIMEOUT|HOST-TIMEOUT|Kernel panic|BUG:|WARNING:|Oops' "$log" | cut -c1-100)
			report "$c" fail "guest died or hung during the case: ${why:-no kernel message}"
			sed -n "/^@@MPATH BEGIN ${c//\//\\/}\$/,\$p" "$log" | tail -n "${MPATH_SHOW_LINES:-120}" | sed 's/^/    /'
			started=2
			continue
		fi
		# never started: the guest did not boot, or went between cases
		if [ "$started" = 0 ] && ! grep -aq '^@@MPATH BEGIN' "$log"; then
			report "$c" fail "guest did not boot; see $log"
			tail -n 40 "$log" | sed 's/^/    /'
			continue
		fi
		next+=("$c")
		started=2
	done
	if [ -f "$logdir/.kunit-failed" ]; then
		failed=1
		rm -f "$logdir/.kunit-failed"
	fi
	# A guest that stopped without a case running: fine after DONE (also
	# after a REBOOT marker) and a clean power-off, a failure otherwise.
	lastm=$(grep -a '^@@MPATH' "$log" | grep -vE '^@@MPATH (HOST|GUEST)-TIMEOUT' | tail -n1)
	if grep -aq '^@@MPATH HOST-TIMEOUT power-off' "$log"; then
		report harness/guest fail "the guest hung after its last case (power-off); see $log"
		tail -n 20 "$log" | sed 's/^/    /'
	elif grep -aq '^@@MPATH HOST-TIMEOUT between cases' "$log"; then
		report harness/guest fail "the guest hung between cases, after ${last_done:-none}; see $log"
		tail -n 20 "$log" | sed 's/^/    /'
	elif ! grep -aq '^@@MPATH DONE' "$log" && grep -aq '^@@MPATH BEGIN' "$log" &&
		[ "${lastm#@@MPATH BEGIN }" = "$lastm" ]; then
		report harness/guest fail "the guest died between cases, after ${last_done:-none}; see $log"
		grep -a -m3 -E 'Kernel panic|sysrq|Oops' "$log" | sed 's/^/    /'
	fi
	remaining=("${next[@]}")
done
exit $failed
