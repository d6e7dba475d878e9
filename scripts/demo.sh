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

# the picture: IOPS per path over time (a line each), the events marked
csv=$top/.build/demo-paths.csv
png=$top/.build/demo-paths.png
sed -n '/@@DEMO-CSV-BEGIN/,/@@DEMO-CSV-END/p' "$out" | sed 's/^    //; s/^  | //' |
	grep -v '^@@DEMO' | grep -v '^time,' > "$csv"
[ -s "$csv" ] || { echo "demo: no throughput data"; exit 1; }
# one file per path (time IOPS): gnuplot draws each as a line
dat=$top/.build/demo-paths.d
rm -rf "$dat"
mkdir -p "$dat"
awk -F, -v d="$dat" '{ print $1, $4 > (d "/" $3) }' "$csv"
# The events, "seconds<TAB>label<TAB>kind": the fault and its repair as the
# guest timed them on the watch's clock ("@@DEMO-EVENT centiseconds label"),
# then each path's failed flag (CSV column 7) turning on and off between two
# of the watch's samples, stamped with the sample that saw it.
ev=$top/.build/demo-events.tsv
{
	sed -n 's/^    //; s/^  | //; s/^@@DEMO-EVENT //p' "$out" |
		awk '{ t = $1 / 100; $1 = ""; sub(/^ +/, ""); printf "%.2f\t%s\tfault\n", t, $0 }'
	awk -F, '($3 in f) && f[$3] != $7 {
			printf "%s\t%s %s\tpath\n", $1, $3, $7 == 1 ? "failed" : "reinstated"
		}
		{ f[$3] = $7 }' "$csv"
} | sort -n > "$ev"
marks=
i=0
while IFS=$'\t' read -r t what kind; do
	i=$((i + 1))
	case "$what" in
	*fail*) col=red ;;
	*) col=dark-green ;;
	esac
	dt=1 when="$t s"
	[ "$kind" = fault ] && dt=2
	[ "$kind" = path ] && when="seen at $t s"
	# labels stacked from the top, in the room the offsets leave above the data
	marks+="set arrow $i from $t, graph 0 to $t, graph 1 nohead lw 1.5 dt $dt lc rgb '$col'
set label $i \"$what ($when)\" at $t, graph $(awk -v i=$i 'BEGIN { print 0.97 - 0.055 * ((i - 1) % 4) }') offset 0.4,0 tc rgb '$col'
"
done < "$ev"
paths=$(cut -d, -f3 "$csv" | sort -u | tr '\n' ' ')
gnuplot <<GP
set terminal pngcairo size 1000,500 font ",10" noenhanced
set output "$png"
set title "mpathdemo: IOPS per path of a 4-path disk while lun-p2 fails and comes back (mpathctl watch, 0.5 s samples)"
set xlabel "seconds since mpathctl watch started"
set ylabel "IOPS sent to the path (submitted per second)"
set key outside right top title "path (pN is lun-pN)"
set grid
set yrange [0:*]
set offsets 0, 0, graph 0.3, 0
$marks
plot for [p in "$paths"] "$dat/".p using 1:2 with lines lw 2 title p
GP
echo "demo: per-path throughput drawn in $png (dashed lines: the fault injected and repaired; solid: the path's failed flag as mpathctl saw it)"
