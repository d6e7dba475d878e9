# shellcheck shell=bash disable=SC2034  # AUTOINSTALL is read by dkms
# SPDX-License-Identifier: GPL-2.0
# Sourced by the dkms.conf of libmultipath and of the example driver, after
# they set BUILD_EXCLUSIVE_KERNEL and AUTOINSTALL.
#
# Debian 12's dkms 3.0.10 makes "dkms autoinstall" fail for a kernel whose
# BUILD_EXCLUSIVE does not match, and the kernel packages' hooks run it
# with --exit-on-error: installing such a kernel (an old 5.10 left from
# bullseye, or one with the in-tree library) would fail its postinst.
# So when dkms runs "autoinstall" for a kernel excluded above, this module
# does not ask to be autoinstalled (nothing is built, nothing fails);
# "dkms build -k" on that kernel still stops with the BUILD_EXCLUSIVE
# message.  dkms sources this file in a subshell of its own process, whose
# command line names the target kernel.
mpath_excluded_autoinstall() {
	local a args=() k="" auto=""
	[ -r "/proc/$BASHPID/cmdline" ] || return 1
	mapfile -d '' args < "/proc/$BASHPID/cmdline"
	for ((a = 0; a < ${#args[@]}; a++)); do
		case "${args[a]}" in
		autoinstall) auto=1 ;;
		--kernelver | -k) k=${args[a + 1]:-} ;;
		--kernelver=*) k=${args[a]#--kernelver=} ;;
		esac
	done
	[ -n "$auto" ] && [ -n "$k" ] || return 1
	[[ ! $k =~ $BUILD_EXCLUSIVE_KERNEL ]] ||
		grep -qs '^CONFIG_LIBMULTIPATH=[ym]' "/lib/modules/$k/build/.config"
}
if mpath_excluded_autoinstall; then
	AUTOINSTALL=""
fi
unset -f mpath_excluded_autoinstall
