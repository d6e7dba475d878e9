#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The build tier: compile the modules (W=1, no warning allowed) against
# every headers package of BUILD_TIER (kernels.sh), each in the root whose
# compiler built that kernel.  Fetches what is missing first (fetch.sh
# tier; pinned once fetched).  Prints one line per package,
# "<release> tier/w1 ... ok|fail", appends the results to $MPATH_RESULTS
# when set, and writes the packages and versions it built against to
# $MPATH_BUILD/tier/versions.txt.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/kernels.sh"

out=${MPATH_BUILD:-$top/.build}/tier
mkdir -p "$out"
"$here/fetch.sh" tier > "$out/fetch.log" 2>&1 || {
	tail -n 20 "$out/fetch.log"
	echo "tier matrix/fetch ... fail (see $out/fetch.log)"
	[ -n "${MPATH_RESULTS:-}" ] && echo "tier matrix/fetch fail see $out/fetch.log" >> "$MPATH_RESULTS"
	exit 1
}

rc=0
: > "$out/versions.txt"
while read -r rk suite series flavours; do
	[ -n "$rk" ] || continue
	root=$(matrix_root "$rk")
	for f in $flavours; do
		pkg=$(awk -v r="$suite $series $f" '$1 " " $2 " " $3 == r { print $4 }' "$root/.mpath-tier")
		kv=${pkg#linux-headers-}
		ver=$(chroot "$root" dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null)
		# the compiler that built the kernel: kbuild warns (and the
		# build fails here) if the root's differs
		cc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"$/\1/p' \
			"$root/usr/src/linux-headers-$kv/.config")
		echo "$pkg $ver $suite, $cc" >> "$out/versions.txt"
		log=$out/build-$kv.log
		MPATH_KVER=$kv "$here/build.sh" "$rk" clean > /dev/null 2>&1
		if ! MPATH_KVER=$kv "$here/build.sh" "$rk" W=1 > "$log" 2>&1; then
			res=fail why="build failed, see $log"
			grep -E 'error|Error' "$log" | head -n 10 | sed 's/^/    /'
		elif grep -q 'warning:' "$log"; then
			res=fail why="$(grep -c 'warning:' "$log") warnings, see $log"
			grep 'warning:' "$log" | head -n 10 | sed 's/^/    /'
		else
			res=ok why="$pkg $ver ($suite)"
		fi
		[ "$res" = ok ] || rc=1
		echo "$kv tier/w1 ... $res ($why)"
		[ -n "${MPATH_RESULTS:-}" ] && echo "$kv tier/w1 $res $why" >> "$MPATH_RESULTS"
	done
done <<<"$BUILD_TIER"
exit $rc
