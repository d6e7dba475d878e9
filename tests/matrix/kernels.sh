#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel matrix: which Debian release carries which kernel, and where
# the cached build roots live.  Sourced by the other scripts.

MPATH_CACHE=${MPATH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libmultipath}

# All kernels "make check" runs by default, in order.  6.12-debug is
# Debian's 6.12 source built with tests/debug-kernel.config (KASAN, lockdep,
# kmemleak, KUnit, fault injection) by tests/matrix/debug-kernel.sh.
MATRIX_ALL="6.1 6.12 7.2 6.12-debug"

# matrix_suite KERNEL -> Debian suite whose stock kernel it is
matrix_suite() {
	case "$1" in
	6.1) echo bookworm ;;
	6.12 | 6.12-debug) echo trixie ;;
	7.2) echo forky ;;
	*) echo "unknown kernel '$1' (known: $MATRIX_ALL)" >&2; return 1 ;;
	esac
}

# A -debug kernel has a root of its own: the suite's compiler and kernel
# source, and the debug kernel built and installed in it as if packaged.
matrix_root() {
	local suite
	suite=$(matrix_suite "$1") || return 1
	case "$1" in
	*-debug) echo "$MPATH_CACHE/roots/$suite-debug" ;;
	*) echo "$MPATH_CACHE/roots/$suite" ;;
	esac
}

# matrix_kver KERNEL -> the exact release string of the kernel in its root
matrix_kver() {
	local root
	root=$(matrix_root "$1") || return 1
	cat "$root/.mpath-kver" 2>/dev/null
}

matrix_vmlinuz() {
	local root kv
	root=$(matrix_root "$1") && kv=$(matrix_kver "$1") || return 1
	if [ -e "$root/boot/vmlinuz-$kv" ]; then
		echo "$root/boot/vmlinuz-$kv"
	else
		echo "$root/usr/lib/modules/$kv/vmlinuz"
	fi
}

# The system's own Debian mirror, read from its deb822 or one-line sources:
# system_mirror REGEX -> the URI of the first entry whose suite matches.
system_mirror() {
	local want=$1 uri
	uri=$(awk -v want="$want" '
		/^URIs:/ { u = $2 }
		/^Suites:/ { for (i = 2; i <= NF; i++) if ($i ~ want) { print u; exit } }
	' /etc/apt/sources.list.d/*.sources 2>/dev/null)
	if [ -z "$uri" ] && [ -r /etc/apt/sources.list ]; then
		uri=$(awk -v want="$want" '$1 == "deb" && $3 ~ want { print $2; exit }' /etc/apt/sources.list)
	fi
	echo "$uri"
}
