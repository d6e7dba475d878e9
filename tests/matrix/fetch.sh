#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch one build root per Debian release of the matrix: the stock kernel
# image, its modules and headers, and the compiler that kernel was built
# with, all installed by apt with mmdebstrap.  The mirror is the one this
# machine's own apt configuration names; the other suites are used in a
# private apt configuration only and never added to the system's sources.
#
# Idempotent: a finished root carries .mpath-kver and is left alone.  An
# interrupted run leaves only a *.partial directory, removed on the next run.
#
# usage: tests/matrix/fetch.sh [KERNEL...]     (default: all of the matrix)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kernels.sh"

die() { echo "fetch: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap --mode=root, chroot)"
command -v mmdebstrap >/dev/null || die "mmdebstrap missing: apt-get install mmdebstrap"

MIRROR=$(system_mirror '^[a-z]+$')
SECURITY=$(system_mirror '-security$')
[ -n "$MIRROR" ] || die "no Debian mirror found in the system's apt sources"

fetch_one() {
	local k=$1 suite root tmp extra=() mirrors
	suite=$(matrix_suite "$k")
	root=$(matrix_root "$k")
	if [ -s "$root/.mpath-kver" ]; then
		echo "fetch: $k: cached ($(cat "$root/.mpath-kver")) in $root"
		return 0
	fi
	tmp="$root.partial"
	rm -rf "$tmp"
	mkdir -p "$(dirname "$root")"

	mirrors="deb $MIRROR $suite main"
	case "$suite" in
	bookworm | trixie)
		# The newest stable kernel is published through the security suite.
		if [ -n "$SECURITY" ]; then
			mirrors="$mirrors
deb $SECURITY $suite-security main"
		fi
		;;
	esac
	echo "fetch: $k: building the $suite root (kernel, headers, compiler)"
	# Check-Valid-Until: an archive snapshot's index can be past its date.
	mmdebstrap --mode=root --variant=apt \
		--aptopt='Acquire::Check-Valid-Until "false"' \
		--aptopt='Acquire::Retries "3"' \
		--aptopt='APT::Install-Recommends "false"' \
		--include=linux-image-amd64,linux-headers-amd64,initramfs-tools,make,kmod,pahole,sparse,dkms,busybox-static,xz-utils,libelf-dev \
		--customize-hook='chroot "$1" sh -c "ls /lib/modules" > "$1/.mpath-kvers"' \
		"${extra[@]}" "$suite" "$tmp" - <<<"$mirrors" \
		|| die "$k: mmdebstrap failed (partial root left in $tmp)"

	local kv
	kv=$(head -n1 "$tmp/.mpath-kvers")
	[ -n "$kv" ] || die "$k: no kernel installed in $tmp"
	[ -d "$tmp/usr/src/linux-headers-$kv" ] || die "$k: headers for $kv missing"
	# Save space: the root's own initrd is never booted.
	rm -f "$tmp"/boot/initrd.img-* "$tmp"/var/cache/apt/archives/*.deb
	echo "$kv" > "$tmp/.mpath-kver"
	mv "$tmp" "$root"
	echo "fetch: $k: ready, kernel $kv"
}

# The root of a -debug kernel: the suite's compiler, kernel build tools and
# Debian's kernel source (.mpath-src holds its version); the kernel itself
# is then built in it by debug-kernel.sh, which caches its result.
fetch_debug() {
	local k=$1 suite root tmp mirrors
	suite=$(matrix_suite "$k")
	root=$(matrix_root "$k")
	if [ -s "$root/.mpath-src" ]; then
		echo "fetch: $k: root cached (source $(cat "$root/.mpath-src")) in $root"
	else
		tmp="$root.partial"
		rm -rf "$tmp"
		mkdir -p "$(dirname "$root")"
		mirrors="deb $MIRROR $suite main"
		[ -n "$SECURITY" ] && mirrors="$mirrors
deb $SECURITY $suite-security main"
		echo "fetch: $k: building the $suite root (compiler, kernel source)"
		mmdebstrap --mode=root --variant=apt \
			--aptopt='Acquire::Check-Valid-Until "false"' \
			--aptopt='Acquire::Retries "3"' \
			--aptopt='APT::Install-Recommends "false"' \
			--include="linux-source-${k%-debug},gcc,make,libc6-dev,flex,bison,bc,libelf-dev,libssl-dev,perl,kmod,xz-utils,cpio,pahole,sparse" \
			--customize-hook='chroot "$1" dpkg-query -W -f="\${Version}\n" linux-source-'"${k%-debug}"' > "$1/.mpath-src"' \
			"$suite" "$tmp" - <<<"$mirrors" \
			|| die "$k: mmdebstrap failed (partial root left in $tmp)"
		[ -s "$tmp/.mpath-src" ] || die "$k: linux-source-${k%-debug} not installed in $tmp"
		rm -f "$tmp"/var/cache/apt/archives/*.deb
		mv "$tmp" "$root"
	fi
	"$here/debug-kernel.sh" "$k"
}

kernels=${*:-$MATRIX_ALL}
for k in $kernels; do
	case "$k" in
	*-debug) fetch_debug "$k" ;;
	*) fetch_one "$k" ;;
	esac
done
