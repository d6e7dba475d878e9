# SPDX-License-Identifier: GPL-2.0
#
# A real SCSI target in the guest: LIO (target_core_mod) with a fileio
# backstore, exported through tcm_loop targets, one SCSI host and one I_T
# nexus each: N paths to one LUN, as an array's ports are.  Each path's
# port is in an implicit ALUA target port group of its own, whose state
# the case sets at run time through configfs, as an array changes it;
# scsi_dh_alua (loaded before the disks appear) follows.  Reservations
# are LIO's SPC-3 implementation, with a registration per nexus.
# ../shared/reference/TESTING.md section 15 has the facts these rely on.
#
# Sourced by common.sh; _cleanup_all calls _lio_teardown.

LIO=/sys/kernel/config/target
LIO_HBA=$LIO/core/fileio_0

_have_lio() {
	_have_module target_core_mod && _have_module target_core_file &&
		_have_module tcm_loop && _have_module scsi_dh_alua
}

_lio_modules() {
	# sd sets APTPL on REGISTER: LIO writes the registrations under its
	# dbroot (chosen when target_core_mod loads), and fails the command
	# if it cannot
	mkdir -p /etc/target/pr /etc/target/alua /var/target/pr /var/target/alua
	modprobe sd_mod && modprobe scsi_dh_alua && modprobe target_core_mod &&
		modprobe target_core_file && modprobe tcm_loop ||
		_fail "loading LIO (target_core_mod, target_core_file, tcm_loop) and scsi_dh_alua"
}

# _lio_wwn N: the WWN of tcm_loop target (path) N, and of its initiator
_lio_wwn() {
	printf 'naa.5001405%09d' "$1"
}

_lio_iwwn() {
	printf 'naa.5001405f%08d' "$1"
}

# _lio_target N NAME [GROUP]: tcm_loop target N with one LUN, the backstore
# NAME, its port in ALUA group GROUP (default: the default group); prints
# the sd disk that appears for it
_lio_target() {
	local n=$1 name=$2 gp=${3:-} t addr d
	t=$LIO/loopback/$(_lio_wwn "$n")/tpgt_1
	# the nexus first: the LUN is scanned as soon as it is linked
	mkdir -p "$t" && _write "$(_lio_iwwn "$n")" "$t/nexus" ||
		_fail "LIO: target $n and its nexus"
	mkdir -p "$t/lun/lun_0" || _fail "LIO: LUN 0 of target $n"
	ln -s "$LIO_HBA/$name" "$t/lun/lun_0/$name" || _fail "LIO: LUN of target $n"
	[ -z "$gp" ] || _write "$gp" "$t/lun/lun_0/alua_tg_pt_gp" ||
		_fail "LIO: target $n into ALUA group $gp"
	addr=$(cat "$t/address")
	_poll 10 _lio_disk_of "$addr" > /dev/null || {
		ls /sys/class/scsi_device /sys/class/scsi_disk >&2
		dmesg | tail -n 20 >&2
		_fail "LIO: no disk for target $n ($addr)"
	}
	echo "/dev/$(_lio_disk_of "$addr")"
}

# _lio_disk_of H:C:T: the sd disk of LUN 0 at that SCSI address
_lio_disk_of() {
	local d
	for d in /sys/class/scsi_disk/"$1":0/device/block/*; do
		[ -e "$d" ] && basename "$d" && return 0
	done
	return 1
}

# _lio_lun NAME NPATHS [MB]: a fileio LUN NAME of MB MiB (default 64),
# reached over NPATHS tcm_loop targets, the port of path I in implicit
# ALUA group gpI (id I + 1, transition timeout 2 s, no delay for the
# non-optimized state), every group active/optimized; sets LIO_DISKS to
# the paths' disks in order (/dev/sdX ...)
_lio_lun() {
	local name=$1 n=$2 mb=${3:-64} b i g d
	_lio_modules
	b=$LIO_HBA/$name
	mkdir -p "$b" || _fail "LIO: backstore $name"
	_write "fd_dev_name=/tmp/lio-$name.img,fd_dev_size=$((mb << 20))" "$b/control" &&
		_write "$(printf '%08x-0000-4000-8000-%012x' "$$" "$mb")" "$b/wwn/vpd_unit_serial" &&
		_write 1 "$b/enable" || _fail "LIO: backstore $name"
	LIO_DISKS=
	i=0
	while [ $i -lt "$n" ]; do
		g=$b/alua/gp$i
		mkdir "$g" || _fail "LIO: ALUA group gp$i"
		_write $((i + 1)) "$g/tg_pt_gp_id" && _write 1 "$g/alua_access_type" &&
			_write 2 "$g/implicit_trans_secs" && _write 0 "$g/nonop_delay_msecs" ||
			_fail "LIO: ALUA group gp$i"
		d=$(_lio_target "$i" "$name" "gp$i") || _fail "$d"
		LIO_DISKS="$LIO_DISKS $d"
		i=$((i + 1))
	done
	LIO_DISKS=${LIO_DISKS# }
	LIO_NAME=$name
	echo "LIO: $name over $n paths: $LIO_DISKS"
}

# _lio_nexus NAME N: one more I_T nexus to the LUN (tcm_loop target N),
# as another host would have, in no ALUA group of ours; prints its disk
_lio_nexus() {
	_lio_target "$2" "$1"
}

# _alua_set NAME PATH STATE: the array moves path PATH's port group to
# STATE: ao, ano, standby, unavailable or transitioning (LIO announces it
# with a unit attention on the group's nexuses)
_alua_set() {
	local v
	case "$3" in
	ao) v=0 ;; ano) v=1 ;; standby) v=2 ;; unavailable) v=3 ;;
	transitioning) v=15 ;;
	*) _fail "_alua_set: unknown state $3" ;;
	esac
	_write $v "$LIO_HBA/$1/alua/gp$2/alua_access_state" ||
		_fail "LIO: group gp$2 of $1 to $3"
}

# _alua_pref NAME PATH 0|1: the PREF bit of path PATH's port group
_alua_pref() {
	_write "$3" "$LIO_HBA/$1/alua/gp$2/preferred" || _fail "LIO: preferred of gp$2"
}

# _lio_activate DISK...: make scsi_dh_alua read the states now
_lio_activate() {
	local d
	for d in "$@"; do
		echo activate > "/sys/block/${d#/dev/}/device/dh_state" 2>/dev/null
	done
	return 0
}

# _lio_pr NAME KEY: what LIO holds for the LUN: registered nexuses,
# holder, type (the backstore's pr/ attributes, one line)
_lio_pr() {
	local p=$LIO_HBA/$1/pr
	echo "registered: $(cat "$p/res_pr_registered_i_pts" | tr '\n' ' ')" \
		"holder: $(cat "$p/res_pr_holder_tg_port" | tr '\n' ' ')" \
		"type: $(cat "$p/res_pr_type")"
}

# _lio_teardown: every tcm_loop target, group and backstore, and LIO
_lio_teardown() {
	local t l s g b
	[ -d $LIO ] || return 0
	for t in $LIO/loopback/naa.*/tpgt_1; do
		[ -d "$t" ] || continue
		for l in "$t"/lun/lun_*; do
			for s in "$l"/*; do
				[ -L "$s" ] && rm -f "$s"
			done
			rmdir "$l" 2>/dev/null
		done
		rmdir "$t" 2>/dev/null
		rmdir "${t%/tpgt_1}" 2>/dev/null
	done
	for b in $LIO_HBA/*/; do
		[ -e "$b/control" ] || continue
		for g in "$b"alua/*/; do
			[ "$(basename "$g")" = default_tg_pt_gp ] || rmdir "$g" 2>/dev/null
		done
		rmdir "$b" 2>/dev/null
	done
	rmdir $LIO_HBA 2>/dev/null
	rm -f /tmp/lio-*.img
	for m in tcm_loop target_core_file target_core_mod; do
		[ -d /sys/module/$m ] && rmmod $m 2>/dev/null
	done
	return 0
}

# _alua_state_is HEAD PATH STATE: the head took the array's word for PATH
_alua_state_is() {
	[ "$(cat "$CFS/$1/paths/$2/state")" = "$3" ]
}

# _alua_wait HEAD PATH STATE [SECONDS]: ... within SECONDS (default 20)
_alua_wait() {
	_poll "${4:-20}" _alua_state_is "$1" "$2" "$3" || {
		_stats "$1"
		_fail "$2 stays $(cat "$CFS/$1/paths/$2/state") (array: $(cat "$CFS/$1/paths/$2/alua")), not $3"
	}
}
