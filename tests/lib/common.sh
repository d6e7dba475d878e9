#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest test cases (busybox sh).  A case defines DESCRIPTION,
# optionally TIMEOUT (s) and requires() (set SKIP_REASON to skip), and
# test_case(), which fails by returning non-zero or calling _fail.

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

# _scsi_debug PARAMETERS...: load scsi_debug (and sd_mod) without the
# ALUA handler: scsi_debug reports a port's ALUA state by host number, and
# the handler fails every I/O to a standby one (and checks again when a
# device comes back), so paths would fail by the order cases ran in
_scsi_debug() {
	modprobe sd_mod
	rmmod scsi_dh_alua 2>/dev/null
	modprobe scsi_debug "$@" || _fail "modprobe scsi_debug $*"
}

# _scsi_debug_disks: the sd disks scsi_debug created (by name, sorted)
_scsi_debug_disks() {
	local b
	for b in /sys/block/sd*; do
		[ -e "$b/device/model" ] || continue
		grep -q scsi_debug "$b/device/model" && basename "$b"
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

# _scsi_debug_luns N MB [PARAMETERS...]: scsi_debug with N hosts that all
# reach one LUN of MB MiB (N paths to one device); waits for the N disks
# (they appear asynchronously) and sets SD_DISKS, their names
_scsi_debug_luns() {
	local n=$1 mb=$2
	shift 2
	_scsi_debug add_host="$n" vpd_use_hostno=0 dev_size_mb="$mb" delay=0 "$@"
	_poll 10 _scsi_debug_count "$n" ||
		_fail "expected $n scsi_debug disks, got: $SD_DISKS"
}

# _scsi_debug_count N: are there N scsi_debug disks?  Sets SD_DISKS.
_scsi_debug_count() {
	SD_DISKS=$(_scsi_debug_disks | tr '\n' ' ')
	# shellcheck disable=SC2086 # one word per disk
	[ "$(echo $SD_DISKS | wc -w)" = "$1" ]
}

# _scsi_debug_head HEAD POLICY N MB: a head with POLICY over the N paths
# of _scsi_debug_luns N MB; sets DISK and SD_DISKS (p0 is the first disk)
_scsi_debug_head() {
	_scsi_debug_luns "$3" "$4"
	# shellcheck disable=SC2046 # one word per disk
	_head_over "$1" "$2" $(printf '/dev/%s ' $SD_DISKS)
}

# fail_make_request (debug kernel): every bio to a disk with make-it-fail
# set fails with an I/O error, decided by the block layer on submission
FMR=/sys/kernel/debug/fail_make_request

_have_fmr() {
	[ -d $FMR ] || {
		SKIP_REASON="kernel without CONFIG_FAIL_MAKE_REQUEST and its debugfs"
		return 1
	}
}

# _fmr_on DISK: every bio to DISK (sdb, loop1, ...) fails from now on
_fmr_on() {
	_write 0 $FMR/verbose && _write 100 $FMR/probability &&
		_write 0 $FMR/interval && _write -1 $FMR/times &&
		_write 1 "/sys/block/$1/make-it-fail"
}

# _fmr_off DISK: no more (safe to call when it was never on)
_fmr_off() {
	[ -e "/sys/block/$1/make-it-fail" ] &&
		echo 0 > "/sys/block/$1/make-it-fail"
	echo 0 > $FMR/probability 2>/dev/null
	echo 1 > $FMR/times 2>/dev/null
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

# _head NAME: create a head in configfs
_head() {
	mkdir "$CFS/$1" || _fail "mkdir head $1"
}

# _path HEAD PATH DEVICE [STATE] [NODE]: create and enable a path
_path() {
	local p=$CFS/$1/paths/$2
	mkdir "$p" || _fail "mkdir path $2"
	_write "$3" "$p/device" || _fail "set device $3 on $2"
	[ -n "${4:-}" ] && { _write "$4" "$p/state" || _fail "set state $4 on $2"; }
	[ -n "${5:-}" ] && { _write "$5" "$p/numa_node" || _fail "set numa_node $5 on $2"; }
	_write 1 "$p/enable" || _fail "enable path $2"
}

# _head_over HEAD POLICY PATH...: a head with POLICY over the given paths,
# enabled (loads the modules if need be); sets DISK, its /dev node.  Each
# PATH is [NAME=]DEVICE[:STATE[:NODE]]: the path's configfs name (p0, p1,
# ... by position when not given), its device, and the access state and
# numa_node to give it before it is enabled (empty: the default), e.g.
# "$1", "a=$1", "/dev/mapper/slow:non-optimized", "$2::1".
_head_over() {
	local h=$1 pol=$2 i=0 spec name dev state node
	shift 2
	[ -d /sys/module/mpathdemo ] || _load_mpath
	_head "$h"
	_write "$pol" "$CFS/$h/iopolicy" || _fail "iopolicy $pol"
	for spec in "$@"; do
		name=p$i
		case "$spec" in *=*) name=${spec%%=*} spec=${spec#*=} ;; esac
		dev=${spec%%:*}
		state=
		node=
		case "$spec" in *:*)
			spec=${spec#*:}
			state=${spec%%:*}
			case "$spec" in *:*) node=${spec#*:} ;; esac
			;;
		esac
		_path "$h" "$name" "$dev" "$state" "$node"
		i=$((i + 1))
	done
	_enable_head "$h"
	DISK=$(_disk "$h")
}

# _two_path_head HEAD POLICY [MB]: a head over two loop paths p0, p1 on
# one file, enabled; sets DISK (its /dev node) and P0, P1 (the paths'
# devices)
_two_path_head() {
	# shellcheck disable=SC2046 # one word per device
	set -- "$1" "$2" $(_loop_paths 2 "${3:-64}")
	P0=$3 P1=$4
	_head_over "$1" "$2" "$P0" "$P1"
}

_enable_head() {
	_write 1 "$CFS/$1/enable" || _fail "enable head $1"
}

# _disk HEAD: /dev/<disk name> of an enabled head
_disk() {
	echo "/dev/$(cat "$CFS/$1/disk")"
}

# _wait_gone DEV SECONDS: the block device node DEV disappears within
# SECONDS (SLOW times, like every wait)
_wait_gone() {
	local n=0
	while [ -b "$1" ]; do
		n=$((n + 1))
		[ $n -gt $(($2 * 5 * SLOW)) ] && return 1
		sleep 0.2
	done
}

# _stat HEAD PATH KEY: one value of the path (PATH "-": of the head);
# empty while it is not attached (the head not enabled)
_stat() {
	if [ "$2" = - ]; then
		cat "$CFS/$1/$3"
	else
		cat "$CFS/$1/paths/$2/$3"
	fi
}

# _wait_counter ge|le HEAD PATH KEY BOUND [SECONDS]: poll until the
# counter is >= (ge) or <= (le) BOUND; a counter that is missing or not a
# number (stats are empty while a head is disabled) fails at once
_wait_counter() {
	local op=$1 w=0 v
	shift
	while :; do
		v=$(_stat "$1" "$2" "$3")
		case "$v" in
		"" | *[!0-9]*) _fail "$1 $2: no counter $3 (got '$v')" ;;
		esac
		case $op in
		ge) [ "$v" -ge "$4" ] && return 0 ;;
		le) [ "$v" -le "$4" ] && return 0 ;;
		esac
		w=$((w + 1))
		[ "$w" -gt $((${5:-20} * 5 * SLOW)) ] && {
			_wait_diag "$1"
			_fail "$2 $3 stayed at $v, not -$op $4, for $((${5:-20} * SLOW)) s"
		}
		sleep 0.2
	done
}

# _wait_stat HEAD PATH KEY MIN [SECONDS]: poll until the counter >= MIN
_wait_stat() {
	_wait_counter ge "$@"
}

# _wait_stat_le HEAD PATH KEY MAX [SECONDS]: poll until the counter <= MAX
_wait_stat_le() {
	_wait_counter le "$@"
}

# _wait_log SECONDS PATTERN WHAT: poll until a line of this case's kernel
# log matches PATTERN (grep's); fail "WHAT" after SECONDS (SLOW times)
_wait_log() {
	_poll "$1" _case_log_has "$2" || {
		dmesg | tail -n 15 | sed 's/^/  dmesg: /'
		_fail "$3 (no log line '$2' in $(($1 * SLOW)) s)"
	}
}

_case_log_has() {
	_case_log | grep -q "$1"
}

# _wait_diag HEAD: what a wait that timed out leaves for the reader
_wait_diag() {
	local f name
	[ -d "$CFS/$1" ] && _stats "$1"
	# a wait for I/O counters often times out because the I/O stopped
	if [ -n "${VERIFY_PID:-}" ] && ! kill -0 "$VERIFY_PID" 2>/dev/null; then
		echo "  the verify job of _verify_start has ended:"
		grep -E 'err=|verify|error' /tmp/fio.verify.out | head -n 5 | sed 's/^/  fio: /'
	fi
	for f in /tmp/load.*.pid; do
		[ -e "$f" ] || continue
		name=${f#/tmp/load.}
		name=${name%.pid}
		kill -0 "$(cat "$f")" 2>/dev/null && continue
		echo "  the load $name of _load_start has ended:"
		grep -E 'err=|verify|error' "/tmp/fio.$name.out" | head -n 5 | sed 's/^/  fio: /'
	done
	dmesg | tail -n 15 | sed 's/^/  dmesg: /'
}

# _wait_more HEAD PATH KEY DELTA [SECONDS]: poll until it grew by DELTA
_wait_more() {
	_wait_stat "$1" "$2" "$3" $(($(_stat "$1" "$2" "$3") + $4)) "${5:-20}"
}

# _stats HEAD: the values of every path, for the log
_stats() {
	local p k line
	for p in "$CFS/$1"/paths/*/; do
		line="== $(basename "$p"):"
		for k in state failed unready queue_depth submitted completed errors failovers; do
			line="$line $k $(cat "$p$k")"
		done
		echo "$line"
	done
	line="== $1:"
	for k in queued requeue_no_usable_path fail_no_available_path no_path_bound no_path_expired; do
		line="$line $k $(cat "$CFS/$1/$k")"
	done
	echo "$line"
}

# _fio NAME ARGS...: run fio; non-zero exit fails the case
_fio() {
	local name=$1 rc
	shift
	fio --name="$name" --direct=1 --thread --output-format=normal "$@" > /tmp/fio.$name.out 2>&1
	rc=$?
	grep -E 'err=|IOPS=|verify|error' /tmp/fio.$name.out | head -n 12
	return $rc
}

# _fio_verify HEAD RAW SIZE SEED [fio options...]: write SIZE through HEAD
# with crc32c verify, then verify the same blocks through the raw path RAW
_fio_verify() {
	local head=$1 raw=$2 size=$3 seed=$4
	shift 4
	fio --name=verify --filename="$head" --direct=1 --ioengine=libaio \
		--rw=randwrite --bs=4k --iodepth=16 --size="$size" \
		--randseed="$seed" --verify=crc32c --do_verify=1 \
		--verify_backlog=511 --verify_fatal=1 "$@" \
		--output=/tmp/fio.verify.out ||
		{ cat /tmp/fio.verify.out; _fail "write and verify through $head"; }
	grep -q 'err= 0' /tmp/fio.verify.out || _fail "fio saw errors on $head"
	_fio_verify_raw "$raw" "$size" "$seed" "$@"
	echo "verified $size through $head and raw $raw"
}

# _verify_start HEAD SIZE SEED [fio options...]: in the background, write
# SIZE through HEAD with crc32c verify, one exact pass after another (the
# same blocks and data each time) until _verify_stop.  A case that drives events under verified
# I/O takes the loop: one fio of fixed size may finish before the last
# event on a fast guest, and a wait for the event's counter then times
# out.  VERIFY_PID is the background job (kill -0 tells it still runs).
_verify_start() {
	local head=$1 size=$2 seed=$3
	shift 3
	rm -f /tmp/verify.stop /tmp/verify.passes
	(
		n=0
		while :; do
			fio --name=verify --filename="$head" --direct=1 \
				--ioengine=libaio --rw=randwrite --bs=4k --iodepth=16 \
				--size="$size" --randseed="$seed" --verify=crc32c \
				--do_verify=1 --verify_backlog=511 --verify_fatal=1 \
				"$@" --output=/tmp/fio.verify.out || exit 1
			grep -q 'err= 0' /tmp/fio.verify.out || exit 2
			n=$((n + 1))
			echo $n > /tmp/verify.passes
			[ -e /tmp/verify.stop ] && exit 0
		done
	) &
	VERIFY_PID=$!
}

# _verify_stop [RAW SIZE SEED [fio options...]]: let the job of
# _verify_start finish its pass; fail if any pass failed (or saw an
# error), else verify the same blocks through the raw path RAW if given
_verify_stop() {
	local rc
	: > /tmp/verify.stop
	wait "$VERIFY_PID"
	rc=$?
	[ $rc = 0 ] || { cat /tmp/fio.verify.out; _fail "verified I/O through the head failed (rc=$rc)"; }
	echo "verified passes: $(cat /tmp/verify.passes)"
	[ $# = 0 ] || _fio_verify_raw "$@"
}

# _fio_verify_raw RAW SIZE SEED [fio options...]: the blocks a verify job
# of the same SIZE, SEED and options wrote, verified through RAW
_fio_verify_raw() {
	local raw=$1 size=$2 seed=$3
	shift 3
	fio --name=verify --filename="$raw" --direct=1 --ioengine=libaio \
		--rw=randwrite --bs=4k --iodepth=16 --size="$size" \
		--randseed="$seed" --verify=crc32c --verify_only \
		--verify_fatal=1 "$@" --output=/tmp/fio.raw.out ||
		{ cat /tmp/fio.raw.out; _fail "verify through raw $raw"; }
}

# _fio_stop PID OUTPUT: end a time-based fio early (SIGINT) and wait for it.
# fio then exits 128 even after a clean run, so that counts as success
# only when the job reports err=0 and no verify failure.
_fio_stop() {
	local _rc
	kill -INT "$1" 2>/dev/null
	wait "$1"
	_rc=$?
	# every job (a run may have several) reports err= 0
	if [ $_rc = 128 ] && grep -q 'err= 0' "$2" && ! grep -qE 'err= *[1-9]' "$2" &&
	   ! grep -qi 'verify:.*bad\|verify failed' "$2"; then
		_rc=0
	fi
	return $_rc
}

# _load_start NAME FILE [fio options...]: in the background, until
# _load_stop NAME, 4k direct libaio random writes to the first 16 MiB of
# FILE at depth 16, each block read back and checked (crc32c) as it goes.
# Time based, because a case drives events under it and a load of fixed
# size may end before the last event on a fast guest.  Options given
# override these: "--rw=randread --verify=0" for a load that only reads,
# "--runtime=8" with _load_wait for one that ends by itself.  These are
# fio's global options, so a --name among the options starts a second job
# that has them too.
_load_start() {
	local name=$1 file=$2
	shift 2
	fio --filename="$file" --direct=1 --ioengine=libaio --rw=randwrite \
		--bs=4k --iodepth=16 --size=16M --time_based --runtime=3600 \
		--verify=crc32c --verify_backlog=511 --verify_fatal=1 \
		--name="$name" "$@" --output="/tmp/fio.$name.out" &
	echo $! > "/tmp/load.$name.pid"
}

# _load_alive NAME WHEN: fail the case if load NAME has ended (WHEN says
# at what point, for the message)
_load_alive() {
	kill -0 "$(cat "/tmp/load.$1.pid")" 2>/dev/null ||
		{ cat "/tmp/fio.$1.out"; _fail "fio $1 ended $2"; }
}

# _load_stop NAME: end load NAME; fail the case unless every job of it
# ran without an error
_load_stop() {
	_fio_stop "$(cat "/tmp/load.$1.pid")" "/tmp/fio.$1.out"
	_load_result "$1" $?
}

# _load_wait NAME: as _load_stop, for a load that ends by itself
_load_wait() {
	wait "$(cat "/tmp/load.$1.pid")"
	_load_result "$1" $?
}

# _load_result NAME RC: fail the case unless load NAME ended with RC 0
# and every job of it reported no error
_load_result() {
	[ "$2" = 0 ] || { cat "/tmp/fio.$1.out"; _fail "fio $1 failed"; }
	grep -E 'err=|IOPS=' "/tmp/fio.$1.out"
	grep -q 'err= 0' "/tmp/fio.$1.out" || _fail "fio $1 saw errors"
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

# topic files of fixtures
. "$T/lib/lio.sh"
. "$T/lib/nvme.sh"
