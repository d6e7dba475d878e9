#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check-packaging: the Debian packages, as a user meets them.
#
# In a bookworm root (cached; each run on a throw-away overlay of it):
# build libmultipath-dkms and mpathctl from this tree with
# dpkg-buildpackage, "apt install ./*.deb" (DKMS builds for the installed
# 6.1), install bookworm-backports' 6.12 headers (the kernel hook rebuilds
# for 6.12), check the modules, the tool, the udev rule and the unit, then
# "apt purge" and check that nothing is left.  tests/packaging/in-root.sh
# is the part that runs inside the root.
#
# Needs root and the system's Debian mirror.  Last line: "N passed, N failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$top/scripts/matrix/kernels.sh"

die() { echo "check-packaging: $*" >&2; echo "0 passed, 1 failed"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap --mode=root, chroot)"
command -v mmdebstrap >/dev/null || die "mmdebstrap missing: apt-get install mmdebstrap"

MIRROR=$(system_mirror '^[a-z]+$')
SECURITY=$(system_mirror '-security$')
[ -n "$MIRROR" ] || die "no Debian mirror found in the system's apt sources"

root=$MPATH_CACHE/roots/bookworm-pkg
if [ ! -e "$root/.mpath-ready" ]; then
	rm -rf "$root.partial"
	mkdir -p "$(dirname "$root")"
	# backports is in the sources but installs nothing until asked (-t)
	mirrors="deb $MIRROR bookworm main
deb $MIRROR bookworm-backports main"
	[ -n "$SECURITY" ] && mirrors="$mirrors
deb $SECURITY bookworm-security main"
	echo "check-packaging: building the bookworm root (dkms, debhelper, 6.1 headers)"
	mmdebstrap --mode=root --variant=apt \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		--aptopt='Acquire::Retries "3"' \
		--aptopt='APT::Install-Recommends "false"' \
		--include=linux-headers-amd64,dkms,dh-dkms,debhelper,build-essential,kmod,udev,systemd \
		bookworm "$root.partial" - <<<"$mirrors" \
		|| die "mmdebstrap failed (partial root left in $root.partial)"
	rm -f "$root.partial"/var/cache/apt/archives/*.deb
	touch "$root.partial/.mpath-ready"
	mv "$root.partial" "$root"
fi

# The tree as it is checked out (tracked files, their current contents).
work=$(mktemp -d /var/tmp/mpath-pkg.XXXXXX)
# KEEP=1: keep the overlay's upper layer (logs in its tmp/) to look at
if [ "${KEEP:-0}" = 1 ]; then
	trap 'echo "check-packaging: kept $work"' EXIT
else
	trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/upper" "$work/ovl" "$work/merged" "$work/src/libmultipath"
(cd "$top" && git ls-files -z | tar --null -T - -cf -) |
	tar -C "$work/src/libmultipath" -xf -

# A private mount namespace: the overlay, /proc, /dev and the sources go
# away with it; the cached root is never written.
rc=0
unshare -m --propagation private sh -c '
	set -e
	root=$1; work=$2; here=$3
	mount -t overlay overlay \
		-o lowerdir="$root",upperdir="$work/upper",workdir="$work/ovl" \
		"$work/merged"
	m=$work/merged
	mount -t proc proc "$m/proc"
	mount --bind /dev "$m/dev"
	mount --bind -o ro /sys "$m/sys"
	mount -o remount,bind,ro "$m/sys"
	mkdir -p "$m/build"
	mount --bind "$work/src" "$m/build"
	cp "$here/in-root.sh" "$m/build/in-root.sh"
	cp /etc/resolv.conf "$m/etc/resolv.conf" 2>/dev/null || :
	exec chroot "$m" bash /build/in-root.sh
' sh "$root" "$work" "$here" 2>&1 | tee "$work/log" || rc=$?

# lintian --pedantic on what the root built (the host's lintian: Debian 12,
# as the root).  Every tag fails but these two, justified:
# - package-supports-alternative-init-but-no-init.d-script (I): the
#   restore unit runs before local-fs under systemd, Debian's init; a
#   system without systemd runs "mpathctl restore" from its own boot
#   script (README, "Keeping the setup");
# - repeated-path-segment src (P): the DKMS source tree is the
#   repository's, whose library lives in src/ (usr/src/libmultipath-V/src).
if [ "$rc" = 0 ]; then
	changes=$(ls "$work"/src/*.changes 2>/dev/null | head -n 1)
	if ! command -v lintian > /dev/null; then
		echo "FAIL lintian missing (scripts/deps.sh installs it)" | tee -a "$work/log"
	elif [ -z "$changes" ]; then
		echo "FAIL lintian: no .changes file from the build" | tee -a "$work/log"
	elif out=$(lintian --pedantic -I --fail-on error,warning,info,pedantic \
			--suppress-tags package-supports-alternative-init-but-no-init.d-script,repeated-path-segment \
			"$changes" 2>&1 | grep -v 'running with root privileges'); [ -z "$out" ]; then
		echo "ok lintian --pedantic: $(basename "$changes") and its packages, no tag but the two justified" | tee -a "$work/log"
	else
		echo "FAIL lintian --pedantic:" | tee -a "$work/log"
		echo "$out" | sed 's/^/    /'
	fi
fi

pass=$(grep -c '^ok ' "$work/log" || :)
fail=$(grep -c '^FAIL ' "$work/log" || :)
if [ "$rc" != 0 ] && [ "$fail" = 0 ]; then
	echo "FAIL the packaging run stopped (exit $rc) before its checks ended"
	fail=1
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
