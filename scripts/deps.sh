#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, from Debian's own packages, whatever the host side of make
# check / make demo / make bench needs and is missing.  Needs root once.
# .ci/run calls this too, so the README's commands and CI see one host.
set -eu
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have qemu-system-x86_64 || need+=(qemu-system-x86)
have mmdebstrap || need+=(mmdebstrap)
[ -x /bin/busybox ] || need+=(busybox-static)
have fio || need+=(fio)
have dmsetup || need+=(dmsetup)
have mkfs.ext4 || need+=(e2fsprogs)
have mkfs.xfs || need+=(xfsprogs)
have cpio || need+=(cpio)
have xz || need+=(xz-utils)
have zstd || need+=(zstd)
have depmod || need+=(kmod)
have sparse || need+=(sparse)
have python3 || need+=(python3)
have perl || need+=(perl)
have git || need+=(git)
have shellcheck || need+=(shellcheck)
have gpg || need+=(gnupg)
have unshare || need+=(util-linux)
have gcc || need+=(gcc)
[ -e /usr/lib/x86_64-linux-gnu/libc.a ] || need+=(libc6-dev)
[ -e /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
[ -e /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || need+=(python3-jsonschema)
have gnuplot || need+=(gnuplot-nox)
have lintian || need+=(lintian)
# checkpatch.pl's perl modules
perl -MTerm::ANSIColor -MEncode -e 1 2>/dev/null || need+=(perl-modules-5.36)
[ ${#need[@]} = 0 ] && exit 0
echo "deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
