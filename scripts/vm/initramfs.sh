#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once, cached) the base initramfs for one kernel of the matrix:
# busybox, fio and dmsetup with their libraries, and the stock modules the
# tests need, decompressed, with that kernel's module dependencies.  The
# per-run part (our modules, the tests) is a second cpio appended to it.
#
# usage: scripts/vm/initramfs.sh KERNEL   -> prints the path of base.cpio
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../matrix/kernels.sh"

k=${1:?usage: initramfs.sh KERNEL}
# a -debug kernel's root holds that kernel's own modules, installed by
# scripts/matrix/debug-kernel.sh
root=$(matrix_root "$k")
kv=${MPATH_KVER:-$(matrix_kver "$k")}
moddir=${MPATH_MODDIR:-$root/lib/modules/$kv}
[ -n "$kv" ] && [ -d "$moddir" ] || { echo "initramfs: kernel $k not fetched" >&2; exit 1; }

# Stock modules the tests use; absent ones (built in, or not configured)
# are skipped.
MODS="null_blk loop configfs dm-mod dm-multipath dm-round-robin
dm-queue-length dm-service-time dm-delay dm-flakey dm-thin-pool scsi_debug
sd_mod scsi_dh_alua nvmet nvmet-tcp nvme-tcp nvme-fabrics nvme-loop ext4 xfs
target_core_mod target_core_file target_core_iblock tcm_loop"
TOOLS="/usr/bin/fio /usr/sbin/dmsetup /usr/sbin/mkfs.ext4 /usr/sbin/e2fsck
/usr/sbin/mkfs.xfs /usr/sbin/xfs_repair"

out=$MPATH_CACHE/initramfs/$kv${MPATH_INITRAMFS_TAG:-}
# a rebuilt debug kernel keeps its release string: its stamp counts too
stamp=$(cat "$0" "$root/.mpath-stamp" 2>/dev/null | sha256sum | cut -c1-16)
if [ -s "$out/base.cpio" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
	echo "$out/base.cpio"
	exit 0
fi

for t in /bin/busybox $TOOLS; do
	[ -x "$t" ] || { echo "initramfs: $t missing (apt-get install busybox-static fio dmsetup)" >&2; exit 1; }
done

stage=$(mktemp -d "${TMPDIR:-/tmp}/mpath-initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,tmp,run,etc,mnt,root}
cp /bin/busybox "$stage/bin/busybox"

# Userland tools and every library they load.
for t in $TOOLS; do
	cp "$t" "$stage$t"
	ldd "$t" | awk '/=>/ { print $3 } /^\t\// { print $1 }' | while read -r lib; do
		[ -e "$lib" ] || continue
		mkdir -p "$stage$(dirname "$lib")"
		cp -L "$lib" "$stage$lib"
	done
done
chmod 0755 "$stage"/lib64/ld-linux-x86-64.so.2 2>/dev/null || true

# Stock modules with their dependencies, decompressed (busybox insmod
# would first try the compressed file as ELF).
mkdir -p "$stage/lib/modules/$kv"
for m in $MODS; do
	modprobe -d "${moddir%/lib/modules/$kv}" -S "$kv" --show-depends "$m" 2>/dev/null || true
done | awk '$1 == "insmod" { print $2 }' | sort -u | while read -r f; do
	rel=${f#*/lib/modules/$kv/}
	dst="$stage/lib/modules/$kv/${rel%.xz}"
	mkdir -p "$(dirname "$dst")"
	case "$f" in
	*.xz) xz -dc "$f" > "$dst" ;;
	*.zst) zstd -qdc "$f" > "$dst" ;;
	*) cp "$f" "$dst" ;;
	esac
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
	[ -e "$moddir/$f" ] && cp "$moddir/$f" "$stage/lib/modules/$kv/"
done
depmod -b "$stage" "$kv"
cp "$root/boot/config-$kv" "$stage/boot-config" 2>/dev/null || true

mkdir -p "$out"
(cd "$stage" && find . | cpio -o -H newc --quiet) > "$out/base.cpio.tmp"
mv "$out/base.cpio.tmp" "$out/base.cpio"
echo "$stamp" > "$out/stamp"
echo "$out/base.cpio"
