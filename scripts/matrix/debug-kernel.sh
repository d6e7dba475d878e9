#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel of the matrix (e.g. 6.12-debug) inside its root,
# made by fetch.sh: Debian's linux-source unpacked in /build/linux,
# "make defconfig kvm_guest.config", scripts/matrix/debug-kernel.config merged on
# top, bzImage and modules.  The result is installed in the root the way a
# Debian kernel package would be: /boot/vmlinuz-<kv>, /boot/config-<kv>,
# /lib/modules/<kv>, and /usr/src/linux-headers-<kv> pointing at the build
# tree, so kernels.sh, build.sh and initramfs.sh treat it like the others.
#
# Cached: rebuilt only when the fragment or the source package version
# changes.  About 15 minutes on 2 idle cores; the compiler runs under
# nice -n ${MPATH_DEBUG_NICE:-10}.
#
# usage: scripts/matrix/debug-kernel.sh KERNEL-debug
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/kernels.sh"

die() { echo "debug-kernel: $*" >&2; exit 1; }
k=${1:?usage: debug-kernel.sh KERNEL-debug}
case "$k" in *-debug) ;; *) die "$k is not a -debug kernel" ;; esac
root=$(matrix_root "$k")
frag=$here/debug-kernel.config
[ -s "$root/.mpath-src" ] || die "no root for $k: run scripts/matrix/fetch.sh $k"

# Bump FORMAT when a change here must rebuild the kernel.
FORMAT=1
stamp=$( { echo "$FORMAT"; cat "$root/.mpath-src" "$frag"; } | sha256sum | cut -c1-16)

exec 9> "$root.lock"
flock 9
if [ -s "$root/.mpath-kver" ] && [ "$(cat "$root/.mpath-stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "debug-kernel: $k: cached ($(cat "$root/.mpath-kver"))"
	exit 0
fi
rm -f "$root/.mpath-kver"
cp "$frag" "$root/.mpath-fragment"
echo "debug-kernel: $k: building Debian linux-source $(cat "$root/.mpath-src") with $frag"

jobs=${MPATH_DEBUG_JOBS:-$(nproc)}
t0=$SECONDS
unshare -m --propagation private sh -c '
	set -e
	root=$1; src=$2; jobs=$3; nice=$4
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	exec nice -n "$nice" chroot "$root" sh -c "
		set -e
		mkdir -p /build
		cd /build
		if [ ! -e linux/Makefile ]; then
			rm -rf linux linux-source-$src
			tar -xf /usr/src/linux-source-$src.tar.xz
			mv linux-source-$src linux
		fi
		cd linux
		make -s defconfig kvm_guest.config
		scripts/kconfig/merge_config.sh -m .config /.mpath-fragment > /dev/null
		make -s olddefconfig
		# Every option the fragment asks for must have survived.
		bad=0
		while read -r line; do
			case \"\$line\" in
			CONFIG_*=*)
				grep -qxF \"\$line\" .config || { echo \"missing: \$line\" >&2; bad=1; } ;;
			\"# CONFIG_\"*\" is not set\")
				o=\${line#\\# }; o=\${o%% *}
				! grep -q \"^\$o=[ym]\" .config || { echo \"still set: \$o\" >&2; bad=1; } ;;
			esac
		done < /.mpath-fragment
		[ \$bad = 0 ] || { echo \"the fragment does not apply\" >&2; exit 1; }
		make -j$jobs bzImage modules
		kv=\$(make -s kernelrelease)
		rm -rf /lib/modules/*
		make -s modules_install INSTALL_MOD_STRIP=1
		mkdir -p /boot
		rm -f /boot/vmlinuz-* /boot/config-*
		cp arch/x86/boot/bzImage /boot/vmlinuz-\$kv
		cp .config /boot/config-\$kv
		rm -f /usr/src/linux-headers-*
		ln -s /build/linux /usr/src/linux-headers-\$kv
		echo \$kv > /.mpath-kver.new
	"
' sh "$root" "${k%-debug}" "$jobs" "${MPATH_DEBUG_NICE:-10}"
echo "$stamp" > "$root/.mpath-stamp"
mv "$root/.mpath-kver.new" "$root/.mpath-kver"
echo "debug-kernel: $k: ready, kernel $(cat "$root/.mpath-kver") ($((SECONDS - t0)) s)"
