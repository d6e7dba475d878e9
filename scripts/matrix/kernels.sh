#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel matrix: which Debian release carries which kernel, and where
# the cached build roots live.  Sourced by the other scripts.

MPATH_CACHE=${MPATH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libmultipath}

# Where build.sh mounts the tree inside a kernel's root (the paths its
# compiler messages name).
# shellcheck disable=SC2034 # used by build.sh and lint.sh
MPATH_BUILD_MOUNT=/work

# All kernels "make check" boots by default, in order.  6.12-debug is
# Debian's 6.12 source built with scripts/matrix/debug-kernel.config (KASAN, lockdep,
# kmemleak, KUnit, fault injection) by scripts/matrix/debug-kernel.sh.
# 6.12-rt (PREEMPT_RT) and 7.3 (trixie-backports) live in the trixie root:
# both were built with trixie's compiler.
MATRIX_ALL="6.1 6.12 6.12-rt 7.2 7.3 6.12-debug"

# matrix_cases KERNEL -> the guest cases make check boots on KERNEL when
# CASES does not name them: shell patterns under tests/, a leading '!'
# leaves the matching cases out ("!torture/001" alone: every case but
# that one); empty: every case.  make check KERNELS=all (ALL_CASES=1)
# boots every case on every kernel: about 110 minutes on 2 cores, far
# more than the 75 make check may take on a fresh machine (CI: 90 for
# everything).  The default split below keeps a cached make check near
# 55 minutes and still runs every case on at least one stock kernel:
#
# - 6.12 (Debian 13's kernel) runs the whole suite but the three longest
#   cases, which 7.2 runs (a file system across failover, control-plane
#   races, a hung path under both policies).
# - 6.1 (the oldest API, none of the compat probes) runs every case that
#   calls into an interface the compat layer wraps (MATRIX_COMPAT): block
#   and char device operations, reservations (SCSI and NVMe, LIO), zones,
#   limits, holder ops, uevents, partitions, resize, the example driver,
#   module load and unload, remap mode, SCSI passthrough and the ALUA
#   handler's fields, NVMe/TCP.
# - 7.2 runs the long cases 6.12 leaves out, the cases of what 7.x
#   changed (probes.expected: geometry, zone reports and zone append
#   limits, queue freezing under limits updates, the TUR probe's end_io),
#   every case of a real array (LIO: ALUA states, transitions,
#   reservations), block sizes above the page size and udev hotplug.
# - 7.3 answers every compat probe as 7.2 does: a smoke set of what a
#   newer kernel changes under the same API (module load and unload, a
#   head's life cycle, failover, SCSI and NVMe/TCP paths, reservations on
#   LIO, zones, 16 KiB blocks).
MATRIX_COMPAT="api/001 api/003 api/004 api/005 api/006 api/007 api/009 api/012 \
api/015 api/016 api/017 errors/001 errors/002 module/001 mpathdemo/001 \
mpathdemo/002 mpathdemo/005 mpathdemo/006 mpathdemo/008 multipath/001 \
multipath/003 multipath/014 multipath/015 multipath/016 multipath/020 \
multipath/022 multipath/023 multipath/030 multipath/031 multipath/034 \
torture/008 zoned/*"
matrix_cases() {
	[ "${ALL_CASES:-}" = 1 ] && return
	case "$1" in
	*-debug)
		[ "${DEBUG_CASES:-}" = all ] && return
		echo "api/001 api/014 kunit/* module/* mpathdemo/001 mpathdemo/008" \
			"mpathdemo/009 multipath/022 multipath/050" \
			"stress/* torture/005 torture/007 torture/009 torture/010"
		;;
	*-rt)
		echo "api/014 errors/* module/* mpathdemo/003 multipath/008" \
			"multipath/013 multipath/019 multipath/022 multipath/023" \
			"multipath/031 stress/* torture/002 torture/010"
		;;
	6.1) echo "$MATRIX_COMPAT" ;;
	6.12) echo "!torture/001 !torture/005 !multipath/024" ;;
	7.2)
		echo "torture/001 torture/005 multipath/024 multipath/025" \
			"api/001 api/005 api/007 api/009 api/015 api/016 api/017" \
			"module/* mpathdemo/001 mpathdemo/002 mpathdemo/010" \
			"multipath/001 multipath/003 multipath/015 multipath/020" \
			"multipath/030 multipath/032 multipath/033 multipath/034" \
			"zoned/*"
		;;
	7.3)
		echo "api/001 api/016 errors/002 module/* mpathdemo/001" \
			"multipath/001 multipath/025 multipath/030 multipath/034" \
			"zoned/001"
		;;
	esac
}

# matrix_suite KERNEL -> Debian suite whose root holds it
matrix_suite() {
	case "$1" in
	6.1) echo bookworm ;;
	6.12 | 6.12-rt | 7.3 | 6.12-debug) echo trixie ;;
	7.2) echo forky ;;
	*) echo "unknown kernel '$1' (known: $MATRIX_ALL)" >&2; return 1 ;;
	esac
}

# matrix_extra KERNEL -> for a kernel added to a root after its stock one:
# the suite it comes from and the newest package names it takes, as
# "SUITE IMAGE-REGEX" (the headers follow the image's release)
matrix_extra() {
	case "$1" in
	6.12-rt) echo "trixie ^linux-image-6\.12\.[0-9].*-rt-amd64\$" ;;
	7.3) echo "trixie-backports ^linux-image-7\.3\.[0-9][^-]*-amd64\$" ;;
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
# (.mpath-kver for the root's own kernel, .mpath-kver-KERNEL for an extra)
matrix_kver() {
	local root
	root=$(matrix_root "$1") || return 1
	if [ -n "$(matrix_extra "$1")" ]; then
		cat "$root/.mpath-kver-$1" 2>/dev/null
	else
		cat "$root/.mpath-kver" 2>/dev/null
	fi
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

# The build tier: headers packages the modules are compiled against (W=1,
# no boot), each in the root whose compiler built that kernel:
#   ROOT-KERNEL SUITE SERIES FLAVOURS...
# The newest package of SERIES in SUITE is taken for each flavour.
# shellcheck disable=SC2034 # used by fetch.sh and tier.sh
BUILD_TIER="\
6.1 bookworm 6.1 amd64 rt-amd64 cloud-amd64
6.1 bookworm-backports 6.12 amd64 rt-amd64 cloud-amd64
6.12 trixie 6.12 amd64 rt-amd64 cloud-amd64
6.12 trixie-backports 7.2 amd64 rt-amd64 cloud-amd64
6.12 trixie-backports 7.3 amd64 rt-amd64 cloud-amd64
7.2 forky 7.2 amd64 rt-amd64 cloud-amd64"
