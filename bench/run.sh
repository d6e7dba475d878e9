#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build the modules for one kernel, boot one guest that runs
# bench/guest (every comparison interleaved in that one boot), then
# reduce the serial log into bench/results/<kernel>.json, bench/RESULTS.md
# and the gnuplot PNGs in bench/.
#
# usage: bench/run.sh [KERNEL]        (default 6.12)
#   BENCH_CLOCK=icount (default: deterministic virtual time, one vCPU,
#     fixed work per run) or wall (two vCPUs, fixed time: real hardware)
#   BENCH_IOS=100000 BENCH_ROUNDS=5 BENCH_RT=6 (wall)
#   BENCH_SECTIONS=overhead,remap,headcost,nvme,uneven,latency,adaptive,failover,profile,scale
#   BENCH_ENGINES=libaio,io_uring BENCH_SLOW_NS=5000000 BENCH_FO_RT=15
#   BENCH_SCALE_N=1024 (paths on one head, and heads, of the scale section)
#   BENCH_ADAPT_IOS=20000 (I/Os per run of the adaptive section, icount)
#   BENCH_ADAPT_BASE_NS=4000000 (its namespace's own service time, 0: none)
#   BENCH_OUT=<dir>: write results/, RESULTS.md and the PNGs there (bench/)
#   BENCH_LOG=<serial log>: only re-run the reduction on an existing log
# Exit status: non-zero when the guest did not finish or the method's
# self-check (the same configuration twice, A/A) is outside 1.00 +- 0.02.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/scripts/matrix/kernels.sh"

k=${1:-6.12}
# private build and log directories: other runs of the tree are not disturbed
export MPATH_BUILD=${MPATH_BUILD:-$top/.build/bench}
export MPATH_LOGDIR=${MPATH_LOGDIR:-$MPATH_BUILD/logs}
out=${BENCH_OUT:-$top/bench}
logdir=$MPATH_LOGDIR/$k
mkdir -p "$out/results" "$logdir"

if [ -z "${BENCH_LOG:-}" ]; then
	command -v gnuplot > /dev/null || echo "bench: gnuplot missing (apt-get install gnuplot-nox): no plots" >&2
	"$top/scripts/matrix/fetch.sh" "$k" > "$logdir/fetch.log" 2>&1 ||
		{ echo "bench: fetch $k failed, see $logdir/fetch.log" >&2; exit 1; }
	# MPATH_TESTS=m: the remap section runs the test driver mpath_owned
	"$top/scripts/matrix/build.sh" "$k" W=1 MPATH_TESTS=m > "$logdir/build.log" 2>&1 ||
		{ echo "bench: build failed, see $logdir/build.log" >&2; tail -n 20 "$logdir/build.log" >&2; exit 1; }

	# A benchmark kernel: no slab debugging (the test guests boot with
	# slub_debug=FZPU, which taxes every allocation), no panic on warn.
	# preempt=voluntary: Debian's default (the test guests force full).
	params="slub_debug=- panic_on_warn=0 preempt=voluntary"
	clock=${BENCH_CLOCK:-icount}
	case "$clock" in
	icount) export MPATH_ICOUNT=1 ;;
	wall) ;;
	*) echo "bench: BENCH_CLOCK must be icount or wall, not '$clock'" >&2; exit 1 ;;
	esac
	params="$params mpbench.clock=$clock"
	for v in IOS ROUNDS RT RAMP SECTIONS ENGINES SLOW_NS LAT_NS FO_RT FO_FAIL FO_BACK SCALE_N ADAPT_IOS ADAPT_BASE_NS; do
		eval "val=\${BENCH_$v:-}"
		[ -n "$val" ] && params="$params mpbench.$(echo $v | tr A-Z a-z)=$val"
	done

	# the host's load while the guest runs (the machine is shared)
	loadlog=$logdir/host-load.log
	: > "$loadlog"
	(while sleep 15; do echo "$(date +%s) $(cat /proc/loadavg)"; done >> "$loadlog") &
	lpid=$!
	echo "bench: kernel $k, guest parameters: $params (host load $(cut -d' ' -f1-3 /proc/loadavg))"
	start=$SECONDS
	MPATH_APPEND="$params" VERBOSE=0 "$top/scripts/vm/run.sh" "$k" bench/bench
	kill "$lpid" 2>/dev/null
	wait "$lpid" 2>/dev/null
	echo "bench: guest finished in $((SECONDS - start)) s"
	log=$logdir/boot-1.log
else
	log=$BENCH_LOG
	loadlog=$(dirname "$log")/host-load.log
fi

done=1
grep -aq '@@BENCH DONE' "$log" || { echo "bench: the guest did not finish (no @@BENCH DONE in $log); reducing what there is" >&2; done=0; }
rev=$(cd "$top" && git describe --always --dirty 2>/dev/null)
python3 "$here/report.py" --kernel "$k" --log "$log" --load "$loadlog" \
	--rev "${rev:-unknown}" --out "$out" || exit
[ "$done" = 1 ]
