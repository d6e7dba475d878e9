# SPDX-License-Identifier: GPL-2.0
#
# I/O: fio runs, background loads verified as they go, exact passes
# checked through a raw path.
# Sourced by common.sh (busybox sh in the guest).

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
