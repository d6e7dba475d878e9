# SPDX-License-Identifier: GPL-2.0
#
# SCSI fixtures: scsi_debug paths to one LUN.
# Sourced by common.sh (busybox sh in the guest).

# _scsi_debug PARAMETERS...: load scsi_debug (and sd_mod) without the
# ALUA handler: scsi_debug reports a port's ALUA state by host number, and
# the handler fails every I/O to a standby one (and checks again when a
# device comes back), so paths would fail by the order cases ran in
_scsi_debug() {
	modprobe sd_mod
	rmmod scsi_dh_alua 2>/dev/null
	modprobe scsi_debug "$@" || _fail "modprobe scsi_debug $*"
}

# _scsi_debug_disks: the sd disks scsi_debug created (by name, sorted)
_scsi_debug_disks() {
	local b
	for b in /sys/block/sd*; do
		[ -e "$b/device/model" ] || continue
		grep -q scsi_debug "$b/device/model" && basename "$b"
	done
}

# _scsi_debug_luns N MB [PARAMETERS...]: scsi_debug with N hosts that all
# reach one LUN of MB MiB (N paths to one device); waits for the N disks
# (they appear asynchronously) and sets SD_DISKS, their names
_scsi_debug_luns() {
	local n=$1 mb=$2
	shift 2
	_scsi_debug add_host="$n" vpd_use_hostno=0 dev_size_mb="$mb" delay=0 "$@"
	_poll 10 _scsi_debug_count "$n" ||
		_fail "expected $n scsi_debug disks, got: $SD_DISKS"
}

# _scsi_debug_count N: are there N scsi_debug disks?  Sets SD_DISKS.
_scsi_debug_count() {
	SD_DISKS=$(_scsi_debug_disks | tr '\n' ' ')
	# shellcheck disable=SC2086 # one word per disk
	[ "$(echo $SD_DISKS | wc -w)" = "$1" ]
}

# _scsi_debug_head HEAD POLICY N MB: a head with POLICY over the N paths
# of _scsi_debug_luns N MB; sets DISK and SD_DISKS (p0 is the first disk)
_scsi_debug_head() {
	_scsi_debug_luns "$3" "$4"
	# shellcheck disable=SC2046 # one word per disk
	_head_over "$1" "$2" $(printf '/dev/%s ' $SD_DISKS)
}
