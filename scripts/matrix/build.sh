#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the modules for one kernel of the matrix inside that kernel's
# build root (its own gcc, glibc and kbuild tools), from a private copy of
# the tree so several kernels never share objects.
#
# usage: scripts/matrix/build.sh KERNEL [make arguments...]
#   e.g. scripts/matrix/build.sh 6.12 W=1
#        MPATH_KVER=6.12.95+deb12-rt-amd64 scripts/matrix/build.sh 6.1 W=1
# The modules end up in $MPATH_BUILD/<kernel>/ (default .build/ in the
# tree), or $MPATH_BUILD/tier/<release>/ for a MPATH_KVER build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/kernels.sh"

k=${1:?usage: build.sh KERNEL [make args]}
shift
# a -debug kernel has its own root, whose linux-headers-<kv> is the
# debug kernel's build tree (scripts/matrix/debug-kernel.sh)
root=$(matrix_root "$k")
# MPATH_KVER: another headers package of the same root (the build tier)
kv=${MPATH_KVER:-$(matrix_kver "$k")}
[ -n "$kv" ] || { echo "build: kernel $k not fetched; run scripts/matrix/fetch.sh $k" >&2; exit 1; }
[ -d "$root/usr/src/linux-headers-$kv" ] || [ -L "$root/usr/src/linux-headers-$kv" ] || { echo "build: no linux-headers-$kv in $root" >&2; exit 1; }

if [ -n "${MPATH_KVER:-}" ]; then
	out=${MPATH_BUILD:-$top/.build}/tier/$kv
else
	out=${MPATH_BUILD:-$top/.build}/$k
fi
mkdir -p "$out"
# Mirror the sources (not .git, not other build trees).  tar keeps the
# sources' mtimes, so kbuild rebuilds only what changed.
tar -C "$top" --exclude=./.git --exclude=./.build --exclude=./bench/results \
	-cf - . | tar -C "$out" -xf -
# A source deleted from the tree goes from the copy too: Kbuild takes every
# compat/probes/*.c, and an old probe would still answer; a header left
# behind would still be found by a relative #include.  Headers Kbuild
# generates (the probes' results, mpath-generated.h) stay.
(cd "$out" && find . -path ./tests/bench/results -prune -o -type f -name '*.c' ! -name '*.mod.c' -print) |
	while read -r f; do
		[ -e "$top/$f" ] || rm -f "$out/$f" "$out/${f%.c}.h" "$out/${f%.c}.h.log"
	done
(cd "$out" && find . -path ./tests/bench/results -prune -o -type f -name '*.h' ! -name mpath-generated.h -print) |
	while read -r f; do
		case "$f" in ./compat/probes/*.h) continue ;; esac
		[ -e "$top/$f" ] || rm -f "$out/$f"
	done

# the modules only (not the userspace tool): "clean" cleans
target=(modules)
[ "${1:-}" = clean ] && target=()
mkdir -p "$root$MPATH_BUILD_MOUNT"
# A private mount namespace: /proc and /dev for objtool (7.2), the build
# tree bind-mounted at $MPATH_BUILD_MOUNT, nothing leaks into the host's
# mount table.
unshare -m --propagation private sh -c '
	set -e
	root=$1; out=$2; kv=$3; mnt=$4; shift 4
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	mount --bind "$out" "$root$mnt"
	exec chroot "$root" make -C "$mnt" KDIR=/usr/src/linux-headers-$kv "$@"
' sh "$root" "$out" "$kv" "$MPATH_BUILD_MOUNT" "${target[@]}" "$@"
