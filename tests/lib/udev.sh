# SPDX-License-Identifier: GPL-2.0
#
# udev in the guest: systemd-udevd of the kernel's own Debian root, as a
# distribution runs it, with its 60-persistent-storage.rules and our
# tools/69-mpathdemo-paths.rules.  The host stages it under /udev for a
# case that says UDEV=1 (scripts/vm/run.sh): udevadm (systemd-udevd by
# its argv[0]), its libraries and the root's dynamic loader, which runs it
# (the host's libraries in /lib are fio's).  The rule's
# /usr/sbin/mpathctl is the guest's mpathctl.
# Sourced by common.sh (busybox sh in the guest); _cleanup_all calls
# _udev_stop.

UDEV_DIR=/udev
UDEV_LOG=/tmp/udevd.log

# _have_udev: for requires()
_have_udev() {
	[ -x $UDEV_DIR/bin/udevadm ] && [ -x $UDEV_DIR/lib/ld-linux-x86-64.so.2 ] || {
		SKIP_REASON="no udevd in the guest (the kernel's root has no udevadm, or the case lacks UDEV=1)"
		return 1
	}
}

# _udevadm ARGS...: the root's udevadm
_udevadm() {
	$UDEV_DIR/lib/ld-linux-x86-64.so.2 --library-path $UDEV_DIR/lib $UDEV_DIR/bin/udevadm "$@"
}

# _udev_start [RULES_FILE...]: start systemd-udevd with the staged rules
# and RULES_FILEs (rules a case adds) in /etc/udev/rules.d, and busybox's
# syslogd (mpathctl udev-add logs to syslog under udev) into /tmp/syslog;
# replay the add events of the block devices there are already
_udev_start() {
	local f
	mkdir -p /etc/udev/rules.d /usr/sbin
	cp $UDEV_DIR/rules.d/*.rules /etc/udev/rules.d/ || _fail "udev rules"
	for f in "$@"; do
		cp "$f" /etc/udev/rules.d/ || _fail "udev rules $f"
	done
	ln -sf /mpath/bin/mpathctl /usr/sbin/mpathctl
	syslogd -n -O /tmp/syslog &
	echo $! > /tmp/syslogd.pid
	# its log on stderr (no journal here); names never resolved: the
	# guest has no user or group database
	SYSTEMD_LOG_TARGET=console $UDEV_DIR/lib/ld-linux-x86-64.so.2 \
		--library-path $UDEV_DIR/lib --argv0 systemd-udevd $UDEV_DIR/bin/udevadm \
		--resolve-names=never > $UDEV_LOG 2>&1 &
	echo $! > /tmp/udevd.pid
	_poll 10 test -S /run/udev/control || {
		cat $UDEV_LOG
		_fail "systemd-udevd did not start"
	}
	_udevadm trigger --action=add --subsystem-match=block || _fail "udevadm trigger"
	_udevadm settle -t 60 || _fail "udevadm settle"
	echo "udevd $(_udevadm --version) running"
}

# _udev_scsi_debug_route: prints a rules file (for _udev_start) that
# gives scsi_debug's disks a route.  udev's path_id names a SCSI disk's
# route only below a bus it knows (PCI, platform, ...), and scsi_debug's
# hosts hang off a pseudo bus: without the file its disks have no ID_PATH
# and no /dev/disk/by-path link.  With it they have both, as a disk behind
# a PCI HBA has "pci-0000:00:05.0-scsi-H:C:T:L": "scsi_debug-scsi-H:C:T:L",
# set before 60-persistent-storage.rules makes the link.  Stable as an
# HBA port's: the disk of a host, target and LUN that comes back has the
# same route whatever its new name.
_udev_scsi_debug_route() {
	cat > /tmp/59-scsi-debug-route.rules <<'EOF'
ACTION=="remove", GOTO="scsi_debug_route_end"
SUBSYSTEM!="block", GOTO="scsi_debug_route_end"
ENV{DEVTYPE}!="disk", GOTO="scsi_debug_route_end"
KERNEL=="sd*", SUBSYSTEMS=="scsi", KERNELS=="*:*:*:*", ATTRS{model}=="scsi_debug*", ENV{ID_PATH}="scsi_debug-scsi-$id"
LABEL="scsi_debug_route_end"
EOF
	echo /tmp/59-scsi-debug-route.rules
}

# _udev_prop DEVICE KEY: a property of DEVICE in udev's database
_udev_prop() {
	_udevadm info --query=property --name="$1" 2>/dev/null | sed -n "s/^$2=//p"
}

# _udev_diag: what udevd logged of the rules' programs (all they said at
# log level debug: udevadm control --log-level=debug) and its last lines,
# and mpathctl's syslog, for a failed wait
_udev_diag() {
	grep -a "mpathctl" $UDEV_LOG 2>/dev/null | tail -n 30 | sed 's/^/  udevd: /'
	tail -n 10 $UDEV_LOG 2>/dev/null | sed 's/^/  udevd: /'
	tail -n 20 /tmp/syslog 2>/dev/null | sed 's/^/  syslog: /'
}

# _udev_stop: udevd and syslogd gone, and what they left (rules, the
# database, /dev/disk links, mpathctl's saved file) with them: the next
# case sees a guest without udev
_udev_stop() {
	local f
	for f in /tmp/udevd.pid /tmp/syslogd.pid; do
		[ -e $f ] || continue
		kill "$(cat $f)" 2>/dev/null
		rm -f $f
	done
	# udevd's workers are its children: they end with it
	rm -rf /etc/udev /run/udev /dev/disk /etc/mpathdemo.conf /run/mpathctl.lock
	return 0
}
