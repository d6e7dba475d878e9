# SPDX-License-Identifier: GPL-2.0
#
# Fault injection of the debug kernel: fail_make_request.
# Sourced by common.sh (busybox sh in the guest).

# fail_make_request (debug kernel): every bio to a disk with make-it-fail
# set fails with an I/O error, decided by the block layer on submission
FMR=/sys/kernel/debug/fail_make_request

_have_fmr() {
	[ -d $FMR ] || {
		SKIP_REASON="kernel without CONFIG_FAIL_MAKE_REQUEST and its debugfs"
		return 1
	}
}

# _fmr_on DISK: every bio to DISK (sdb, loop1, ...) fails from now on
_fmr_on() {
	_write 0 $FMR/verbose && _write 100 $FMR/probability &&
		_write 0 $FMR/interval && _write -1 $FMR/times &&
		_write 1 "/sys/block/$1/make-it-fail"
}

# _fmr_off DISK: no more (safe to call when it was never on)
_fmr_off() {
	[ -e "/sys/block/$1/make-it-fail" ] &&
		echo 0 > "/sys/block/$1/make-it-fail"
	echo 0 > $FMR/probability 2>/dev/null
	echo 1 > $FMR/times 2>/dev/null
}
