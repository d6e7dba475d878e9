#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Helpers of the api/ cases (sourced after tests/lib/common.sh).
#
# MPIO is the static helper built from tests/api/tools/mpath_ioctl.c by
# scripts/vm/run.sh; mpath_testdev.ko (tests/kmod) provides paths that have
# reservations, a geometry, a unique id and a private ioctl, each answer
# telling which path gave it.

MPIO=/mpath/bin/mpath_ioctl

_have_mpio() {
	[ -x $MPIO ] || {
		SKIP_REASON="helper $MPIO not built (scripts/vm/run.sh)"
		return 1
	}
}

_have_testdev() {
	[ -e $MODDIR/mpath_testdev.ko ] || {
		SKIP_REASON="mpath_testdev.ko not built (MPATH_TESTS=m)"
		return 1
	}
}

# _load_testdev [params]: /dev/mptest0.. sharing one store and PR state
_load_testdev() {
	[ -d /sys/module/mpath_testdev ] && rmmod mpath_testdev
	insmod $MODDIR/mpath_testdev.ko "$@" || _fail "insmod mpath_testdev $*"
}

# _mptest_attr N ATTR: /sys/block/mptest<N>/mptest/<ATTR>
_mptest_attr() {
	cat "/sys/block/mptest$1/mptest/$2"
}

# _mptest_head: head h over mptest0 (p0) and mptest1 (p1), numa policy,
# both paths on node 0, so every CPU selects p0 while it is usable.
# Sets D (/dev/mpathdemoN) and DN (mpathdemoN).
_mptest_head() {
	_load_testdev nr_devices=2
	_load_mpath
	_head h
	_path h p0 /dev/mptest0 "" 0
	_path h p1 /dev/mptest1 "" 0
	_enable_head h
	D=$(_disk h)
	DN=${D#/dev/}
	[ -b "$D" ] || _fail "no block device $D"
}

# _fault HEAD PATH fail|none: a fault fails the path like a pulled cable,
# i.e. on its next I/O; read from every CPU (node) so that whichever node
# selected it notices, and the path is failed when this returns.
_fault() {
	_write "$3" "$CFS/$1/paths/$2/fault" || _fail "fault $3 on $2"
	[ "$3" = fail ] || return 0
	_d=$(_disk "$1")
	for _cpu in 0 1; do
		taskset -c $_cpu dd if="$_d" of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null
	done
	[ "$(cat "$CFS/$1/paths/$2/failed")" = 1 ] || _fail "path $2 not failed by its fault"
}

# _wait_for FILE [SECONDS]: the deferred work (partition scan) is async
_wait_for() {
	_i=0
	while [ ! -e "$1" ] && [ $_i -lt "${2:-10}" ]; do
		sleep 1
		_i=$((_i + 1))
	done
	[ -e "$1" ]
}

# _uevent_listen OUT SECONDS: mpath_uevent writes the multipath uevents it
# sees within SECONDS to OUT, one line each; returns once it listens
# (its first line, "ready").  LISTEN_PID is its process.
_uevent_listen() {
	/mpath/bin/mpath_uevent "$2" > "$1" &
	LISTEN_PID=$!
	_poll 5 grep -q ready "$1" || _fail "the uevent listener did not start"
}

# _uevent_check OUT < WANTED: stop the listener of _uevent_listen; fail
# unless what it wrote to OUT is exactly the lines on stdin
_uevent_check() {
	kill "$LISTEN_PID"
	wait "$LISTEN_PID"
	cat > "$1.want"
	cat "$1"
	cmp -s "$1" "$1.want" || { diff "$1.want" "$1"; _fail "the uevents differ"; }
}

# mpath_owned.ko (tests/kmod): a driver whose paths /dev/mpownp<N> are its
# own disks under its head /dev/mpown0; its parameters are under $OWNP.
OWNP=/sys/module/mpath_owned/parameters

_have_owned() {
	[ -e $MODDIR/mpath_owned.ko ] || {
		SKIP_REASON="mpath_owned.ko not built (MPATH_TESTS=m)"
		return 1
	}
}

# _own WHO KEY: a counter of path WHO (p0, p1) or of the head (head), as
# the driver's stats parameter shows it
_own() {
	awk -v w="$1" -v k="$2" '$1 == w {
		for (i = 2; i < NF; i += 2) if ($i == k) print $(i + 1)
	}' $OWNP/stats
}

# _own_wait WHO KEY MIN [SECONDS]: poll until the counter is >= MIN
_own_wait() {
	_poll "${4:-20}" _own_ge "$1" "$2" "$3" || {
		cat $OWNP/stats
		_fail "$1 $2 stayed at $(_own "$1" "$2"), below $3"
	}
}

# _own_ge WHO KEY MIN: is the counter >= MIN?  A missing one fails the case.
_own_ge() {
	local v
	v=$(_own "$1" "$2")
	case "$v" in "" | *[!0-9]*) cat $OWNP/stats; _fail "no counter $1 $2" ;; esac
	[ "$v" -ge "$3" ]
}

# _own_rmmod WHAT: unload mpath_owned, which waits for every bio counted
# in flight on its paths; fail (WHAT says after what) if that takes more
# than 20 s, with the counts, instead of hanging the case
_own_rmmod() {
	local stats
	stats=$(cat $OWNP/stats)
	rmmod mpath_owned &
	_poll 20 _not_loaded mpath_owned || {
		echo "$stats"
		_fail "rmmod mpath_owned does not return after $1: bios stay counted in flight"
	}
	wait $! || _fail "rmmod mpath_owned after $1"
}

_not_loaded() {
	[ ! -d "/sys/module/$1" ]
}
