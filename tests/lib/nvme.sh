# SPDX-License-Identifier: GPL-2.0
#
# A real NVMe transport in the guest: nvmet exports one namespace over
# NVMe/TCP on 127.0.0.1 (one port per path), and the host connects to each
# port with nvme_core multipath=N, so that every controller shows its own
# /dev/nvmeXn1: the paths mpathdemo stacks.  The host's fast_io_fail_tmo
# is set as a multipath user sets it: I/O on a controller that lost its
# connection fails after that many seconds (and fails over) while the
# controller reconnects.
#
# Sourced by common.sh; _cleanup_all calls _nvme_teardown.

NVC=/sys/kernel/config/nvmet
NVME_NQN=mpath-test

_have_nvme_tcp() {
	_have_module nvmet && _have_module nvmet-tcp && _have_module nvme-tcp
}

# _nvme_paths N DEVICE [FAST_IO_FAIL_TMO]: DEVICE as namespace 1 of
# subsystem $NVME_NQN on N TCP ports (4421, 4422, ...), connected from the
# host once per port with reconnect_delay=1, ctrl_loss_tmo=-1 (reconnect
# for ever) and fast_io_fail_tmo (default 2); sets NVME_DISKS to the
# namespaces' disks in port order and NVME_CTRLS to their controllers
_nvme_paths() {
	local n=$1 dev=$2 fif=${3:-2} p c d
	if [ -d /sys/module/nvme_core ]; then
		[ "$(cat /sys/module/nvme_core/parameters/multipath)" = N ] ||
			_fail "nvme_core is loaded with multipath=Y"
	else
		modprobe nvme_core multipath=N || _fail "modprobe nvme_core multipath=N"
	fi
	modprobe nvmet && modprobe nvmet_tcp && modprobe nvme_tcp ||
		_fail "modprobe nvmet, nvmet_tcp, nvme_tcp"
	mkdir $NVC/subsystems/$NVME_NQN && _write 1 $NVC/subsystems/$NVME_NQN/attr_allow_any_host &&
		mkdir $NVC/subsystems/$NVME_NQN/namespaces/1 &&
		_write "$dev" $NVC/subsystems/$NVME_NQN/namespaces/1/device_path &&
		_write 1 $NVC/subsystems/$NVME_NQN/namespaces/1/enable ||
		_fail "nvmet: subsystem $NVME_NQN over $dev"
	NVME_DISKS= NVME_CTRLS=
	p=1
	while [ $p -le "$n" ]; do
		mkdir $NVC/ports/$p && _write tcp $NVC/ports/$p/addr_trtype &&
			_write ipv4 $NVC/ports/$p/addr_adrfam &&
			_write 127.0.0.1 $NVC/ports/$p/addr_traddr &&
			_write 442$p $NVC/ports/$p/addr_trsvcid &&
			ln -s $NVC/subsystems/$NVME_NQN $NVC/ports/$p/subsystems/$NVME_NQN ||
			_fail "nvmet: TCP port 442$p"
		c=$(_nvme_connect $p "$fif") || _fail "connecting to port 442$p: $c"
		_poll 10 _nvme_ns_of "$c" > /dev/null || _fail "no namespace on $c"
		d=$(_nvme_ns_of "$c")
		NVME_CTRLS="$NVME_CTRLS $c" NVME_DISKS="$NVME_DISKS /dev/$d"
		p=$((p + 1))
	done
	NVME_CTRLS=${NVME_CTRLS# } NVME_DISKS=${NVME_DISKS# }
	echo "NVMe/TCP: $NVME_NQN over $n ports: $NVME_CTRLS: $NVME_DISKS"
}

# _nvme_connect PORT FAST_IO_FAIL_TMO: connect to port 442PORT; prints the
# controller's name (nvmeN)
_nvme_connect() {
	local r
	exec 3<> /dev/nvme-fabrics || return 1
	echo "transport=tcp,traddr=127.0.0.1,trsvcid=442$1,nqn=$NVME_NQN,reconnect_delay=1,ctrl_loss_tmo=-1,fast_io_fail_tmo=$2" >&3 ||
		{ exec 3>&-; return 1; }
	read -r r <&3
	exec 3>&-
	r=${r#instance=}
	echo "nvme${r%%,*}"
}

# _nvme_ns_of CTRL: the namespace disk of controller CTRL (nvme0n1)
_nvme_ns_of() {
	local d
	for d in /sys/class/nvme/"$1"/nvme*n*; do
		[ -e "$d" ] && basename "$d" && return 0
	done
	return 1
}

# _nvme_port_down PORT / _nvme_port_up PORT: the target's port 442PORT
# goes away (its connections drop) and comes back
_nvme_port_down() {
	rm $NVC/ports/$1/subsystems/$NVME_NQN || _fail "nvmet: port 442$1 down"
}

_nvme_port_up() {
	ln -s $NVC/subsystems/$NVME_NQN $NVC/ports/$1/subsystems/$NVME_NQN ||
		_fail "nvmet: port 442$1 up"
}

# _nvme_state CTRL: live, connecting, resetting, ...
_nvme_state() {
	cat "/sys/class/nvme/$1/state"
}

_nvme_teardown() {
	local c p
	for c in /sys/class/nvme/nvme*; do
		[ -e "$c/delete_controller" ] && echo 1 > "$c/delete_controller" 2>/dev/null
	done
	[ -d $NVC ] || return 0
	for p in $NVC/ports/*; do
		[ -d "$p" ] || continue
		rm -f "$p"/subsystems/* 2>/dev/null
		rmdir "$p" 2>/dev/null
	done
	if [ -d $NVC/subsystems/$NVME_NQN ]; then
		echo 0 > $NVC/subsystems/$NVME_NQN/namespaces/1/enable 2>/dev/null
		rmdir $NVC/subsystems/$NVME_NQN/namespaces/1 2>/dev/null
		rmdir $NVC/subsystems/$NVME_NQN 2>/dev/null
	fi
	for m in nvme_tcp nvme_fabrics nvmet_tcp nvmet nvme_core; do
		[ -d /sys/module/$m ] && rmmod $m 2>/dev/null
	done
	return 0
}
