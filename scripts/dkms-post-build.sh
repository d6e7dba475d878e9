#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# DKMS's POST_BUILD of libmultipath (dkms.conf): keep the Module.symvers of
# the kernel just built for, where a dependent out-of-tree module finds it
# (its KBUILD_EXTRA_SYMBOLS):
#	/var/lib/dkms/libmultipath/<version>/<kernel>/<arch>/Module.symvers
# dkms removes that directory with the module's build for that kernel.
#
# usage: dkms-post-build.sh DKMS_TREE NAME VERSION KERNEL ARCH
set -eu
dir=$1/$2/$3/$4/$5
mkdir -p "$dir"
install -m 0644 Module.symvers "$dir/Module.symvers"
