#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: fetch (cached) and build for one kernel, boot it, build a
# 4-path multipath disk over loop devices on one file, run fio through a
# path failure and a reinstate, show the per-path counters.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
k=${1:-6.12}
"$here/deps.sh"
"$here/matrix/fetch.sh" "$k"
"$here/matrix/build.sh" "$k" > /dev/null
VERBOSE=1 MPATH_SHOW_LINES=200 "$here/vm/run.sh" "$k" demo/failover | sed 's/^    //; s/^  | //'
