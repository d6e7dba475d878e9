#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: fetch (cached) and build for one kernel, boot it, build a
# 4-path multipath disk with mpathctl, run fio through a real path failure
# and the path checker's reinstate, and draw the per-path throughput over
# time.  Exits non-zero if anything of it fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
k=${1:-6.12}
"$here/deps.sh"
"$here/matrix/fetch.sh" "$k"
"$here/matrix/build.sh" "$k" > /dev/null
out=$top/.build/demo.out
VERBOSE=1 MPATH_SHOW_LINES=300 "$here/vm/run.sh" "$k" demo/failover | tee "$out" |
	sed 's/^    //; s/^  | //' | sed '/@@DEMO-CSV-BEGIN/,/@@DEMO-CSV-END/d'

# the picture: IOPS per path over time, the failure and the reinstate
csv=$top/.build/demo-paths.csv
png=$top/.build/demo-paths.png
sed -n '/@@DEMO-CSV-BEGIN/,/@@DEMO-CSV-END/p' "$out" | sed 's/^    //; s/^  | //' |
	grep -v '^@@DEMO' | grep -v '^time,' > "$csv"
[ -s "$csv" ] || { echo "demo: no throughput data"; exit 1; }
gnuplot <<GP
set terminal pngcairo size 900,450 font ",10" noenhanced
set output "$png"
set datafile separator ","
set title "mpathdemo: per-path IOPS around a path failure (t=5 s) and the checker's reinstate"
set xlabel "seconds"
set ylabel "IOPS"
set key outside right top
set grid
set arrow from 5, graph 0 to 5, graph 1 nohead dt 2 lc rgb "red"
set arrow from 10, graph 0 to 10, graph 1 nohead dt 2 lc rgb "dark-green"
set label "lun-p2 fails" at 5.2, graph 0.95 tc rgb "red"
set label "lun-p2 back" at 10.2, graph 0.88 tc rgb "dark-green"
plot for [p in "p0 p1 p2 p3"] "$csv" using 1:(strcol(3) eq p ? \$4 : 1/0) with linespoints title p
GP
echo "demo: per-path throughput drawn in $png"
