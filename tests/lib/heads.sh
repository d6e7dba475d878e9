# SPDX-License-Identifier: GPL-2.0
#
# Heads and paths of mpathdemo: building them, their counters, waiting
# for a counter or a log line.
# Sourced by common.sh (busybox sh in the guest).

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
