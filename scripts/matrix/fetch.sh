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
# usage: scripts/matrix/fetch.sh [KERNEL...]     (default: all of the matrix)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kernels.sh"

die() { echo "fetch: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap --mode=root, chroot)"
command -v mmdebstrap >/dev/null || die "mmdebstrap missing: apt-get install mmdebstrap"

MIRROR=$(system_mirror '^[a-z]+$')
SECURITY=$(system_mirror '-security$')
[ -n "$MIRROR" ] || die "no Debian mirror found in the system's apt sources"

# installed ROOT PACKAGE: the package is installed in the root
installed() {
	[ "$(chroot "$1" dpkg-query -W -f='${Status}' "$2" 2>/dev/null)" = "install ok installed" ]
}

pkg_version() {	# ROOT PACKAGE -> "PACKAGE VERSION"
	chroot "$1" dpkg-query -W -f='${Package} ${Version}' "$2" 2>/dev/null
}

# apt in a root, for suites beyond its own (backports): the extra suites
# go into the root's private sources, never the host's
root_apt() {	# ROOT SUITE ARGS...
	local root=$1 suite=$2 lock
	shift 2
	# one apt at a time in a root: check.sh fetches the build tier's
	# headers while the next kernel of the matrix may be fetched
	exec {lock}> "$root.apt.lock"
	flock "$lock"
	root_apt_locked "$root" "$suite" "$@"
	local rc=$?
	exec {lock}>&-
	return $rc
}

root_apt_locked() {
	local root=$1 suite=$2
	shift 2
	if ! grep -qs " $suite main" "$root/etc/apt/sources.list" "$root"/etc/apt/sources.list.d/*.list; then
		echo "deb $MIRROR $suite main" >> "$root/etc/apt/sources.list.d/mpath-extra.list"
		rm -f "$root/.mpath-apt-updated"
	fi
	cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || :
	if [ ! -e "$root/.mpath-apt-updated" ]; then
		chroot "$root" apt-get -q -o Acquire::Check-Valid-Until=false update > /dev/null ||
			die "apt-get update in $root failed"
		touch "$root/.mpath-apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get -q -y \
		-o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false "$@"
}

# newest ROOT REGEX: the highest-versioned package name matching REGEX
newest() {
	chroot "$1" apt-cache pkgnames linux- 2>/dev/null | grep -E "$2" | sort -V | tail -n 1
}

# A kernel added to an existing root (6.12-rt, 7.3): its image, modules
# and headers, the newest of its series when first fetched, then pinned
# like the root's own kernel.
fetch_extra() {
	local k=$1 root suite re img kv
	root=$(matrix_root "$k")
	read -r suite re <<<"$(matrix_extra "$k")"
	if [ -s "$root/.mpath-kver-$k" ]; then
		kv=$(cat "$root/.mpath-kver-$k")
		if installed "$root" "linux-image-$kv" && installed "$root" "linux-headers-$kv"; then
			echo "fetch: $k: cached ($(pkg_version "$root" "linux-image-$kv")) in $root"
			return 0
		fi
		echo "fetch: $k: $kv is no longer installed: fetching the newest again"
	fi
	rm -f "$root/.mpath-apt-updated"
	root_apt "$root" "$suite" install apt-utils > /dev/null 2>&1 || :
	img=$(newest "$root" "$re")
	[ -n "$img" ] || die "$k: no package matching $re in $suite"
	kv=${img#linux-image-}
	echo "fetch: $k: installing $img and linux-headers-$kv from $suite"
	root_apt "$root" "$suite" install -t "$suite" "$img" "linux-headers-$kv" > "$root/.mpath-fetch-$k.log" 2>&1 ||
		{ tail -n 20 "$root/.mpath-fetch-$k.log"; die "$k: installing $img failed"; }
	rm -f "$root"/boot/initrd.img-"$kv" "$root"/var/cache/apt/archives/*.deb
	echo "$kv" > "$root/.mpath-kver-$k"
	echo "fetch: $k: ready, $(pkg_version "$root" "$img")"
}

fetch_one() {
	local k=$1 suite root tmp extra=() mirrors
	suite=$(matrix_suite "$k")
	root=$(matrix_root "$k")
	if [ -s "$root/.mpath-kver" ]; then
		# pinned: a cached root keeps its kernel until the root is
		# removed; one whose kernel package went away is fetched anew
		if installed "$root" "linux-image-$(cat "$root/.mpath-kver")"; then
			echo "fetch: $k: cached ($(pkg_version "$root" "linux-image-$(cat "$root/.mpath-kver")")) in $root"
			return 0
		fi
		echo "fetch: $k: the root's kernel $(cat "$root/.mpath-kver") is no longer installed: fetching the root again"
		rm -rf "$root"
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

# The build tier (BUILD_TIER in kernels.sh): headers packages only, into
# the existing roots.  $root/.mpath-tier records what each entry took
# ("SUITE SERIES FLAVOUR PACKAGE"): pinned until the root is fetched anew
# or the package is gone from it.
fetch_tier() {
	local rk suite series flavours f root re pkg rec
	while read -r rk suite series flavours; do
		[ -n "$rk" ] || continue
		fetch_one "$rk" > /dev/null
		root=$(matrix_root "$rk")
		for f in $flavours; do
			rec="$suite $series $f"
			pkg=$(awk -v r="$rec" '$1 " " $2 " " $3 == r { print $4 }' "$root/.mpath-tier" 2>/dev/null || :)
			if [ -n "$pkg" ] && installed "$root" "$pkg"; then
				echo "fetch: tier: cached $(pkg_version "$root" "$pkg") ($suite)"
				continue
			fi
			re="^linux-headers-${series//./\\.}\\.[0-9].*-$f\$"
			root_apt "$root" "$suite" install apt-utils > /dev/null 2>&1 || :
			pkg=$(chroot "$root" apt-cache pkgnames linux-headers- 2>/dev/null | grep -E "$re" |
			      { [ "$f" = amd64 ] && grep -vE -- '-(rt|cloud)-amd64$' || cat; } | sort -V | tail -n 1)
			[ -n "$pkg" ] || die "tier: no headers of $series ($f) in $suite"
			root_apt "$root" "$suite" install -t "$suite" "$pkg" > "$root/.mpath-tier.log" 2>&1 ||
				{ tail -n 20 "$root/.mpath-tier.log"; die "tier: installing $pkg failed"; }
			sed -i "/^$suite $series $f /d" "$root/.mpath-tier" 2>/dev/null || :
			echo "$rec $pkg" >> "$root/.mpath-tier"
			echo "fetch: tier: installed $(pkg_version "$root" "$pkg") ($suite)"
		done
	done <<<"$BUILD_TIER"
}

if [ "${1:-}" = tier ]; then
	fetch_tier
	exit 0
fi

kernels=${*:-$MATRIX_ALL}
[ "$kernels" = all ] && kernels=$MATRIX_ALL
for k in $kernels; do
	case "$k" in
	*-debug) fetch_debug "$k" ;;
	*)
		fetch_one "$k"
		[ -z "$(matrix_extra "$k")" ] || fetch_extra "$k"
		;;
	esac
done
