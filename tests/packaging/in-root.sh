#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The inside of tests/packaging/run.sh, in a throw-away bookworm root: the
# sources are in /build/libmultipath.  Each check prints "ok <what>" or
# "FAIL <what>"; a failed step that later ones need stops the run.
set -u
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
apt_opts=(-y -q -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false)
src=/build/libmultipath
ver=$(cat "$src/VERSION")
failed=0

ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
stop() { echo "FAIL $*"; exit 1; }
# check WHAT COMMAND...: ok or FAIL by the command's status
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

kv61=$(basename "$(ls -d /usr/src/linux-headers-6.1.*-amd64 | head -n1)")
kv61=${kv61#linux-headers-}
[ -n "$kv61" ] || stop "no 6.1 headers in the root"

# the modules of a kernel, installed by dkms (6.12 ships them .ko.xz)
ko() { ls /lib/modules/"$1"/updates/dkms/"$2".ko* 2>/dev/null | head -n1; }
built_for() {	# KVER
	local m f
	for m in libmultipath mpathdemo; do
		f=$(ko "$1" $m)
		[ -n "$f" ] || { echo "  $m.ko missing for $1"; return 1; }
		[ "$(modinfo -F version "$f")" = "$ver" ] ||
			{ echo "  $f: version $(modinfo -F version "$f"), not $ver"; return 1; }
	done
	dkms status -m libmultipath -v "$ver" -k "$1" | grep -q ": installed" ||
		{ dkms status; return 1; }
	# what a driver built against the installed library links with
	[ -s "/var/lib/dkms/libmultipath/$ver/$1/x86_64/Module.symvers" ] &&
		grep -q 'mpath_head_init' "/var/lib/dkms/libmultipath/$ver/$1/x86_64/Module.symvers" ||
		{ echo "  no Module.symvers of libmultipath for $1"; return 1; }
}

# the example driver, its own DKMS package built against the library
example_built_for() {	# KVER
	local f
	f=$(ko "$1" mpath_minimal)
	[ -n "$f" ] || { echo "  mpath_minimal.ko missing for $1"; return 1; }
	modinfo -F depends "$f" | grep -qw libmultipath ||
		{ echo "  $f does not depend on libmultipath"; return 1; }
	modinfo -F import_ns "$f" | grep -q LIBMULTIPATH ||
		{ echo "  $f imports no LIBMULTIPATH namespace"; return 1; }
	dkms status -m mpath-minimal -v "$ver" -k "$1" | grep -q ": installed" ||
		{ dkms status; return 1; }
}

# the root's package lists were dropped to save space
apt-get update -q -o Acquire::Check-Valid-Until=false > /tmp/update.log 2>&1 ||
	{ tail -n 20 /tmp/update.log; stop "apt-get update"; }

# 1. the packages, from the tree, as Debian builds them
cd "$src" || stop "no sources"
if dpkg-buildpackage -b -us -uc > /tmp/build.log 2>&1; then
	ok "dpkg-buildpackage"
else
	tail -n 30 /tmp/build.log
	stop "dpkg-buildpackage"
fi
dkms_deb=$(ls /build/libmultipath-dkms_"$ver"_all.deb 2>/dev/null)
tool_deb=$(ls /build/mpathctl_"$ver"_amd64.deb 2>/dev/null)
ex_deb=$(ls /build/mpath-minimal-dkms_"$ver"_all.deb 2>/dev/null)
if [ -z "$dkms_deb" ] || [ -z "$tool_deb" ] || [ -z "$ex_deb" ]; then
	stop "packages named by VERSION $ver: $(ls /build/*.deb)"
fi
ok "libmultipath-dkms_${ver}_all.deb, mpath-minimal-dkms_${ver}_all.deb and mpathctl_${ver}_amd64.deb"
check "the example's package ships sources only" \
	sh -c "! dpkg-deb -c $ex_deb | grep -qE '\.(ko|o)$'"
# the dkms package carries the sources and dkms.conf, nothing built
if dpkg-deb -c "$dkms_deb" | grep -qE '\.(ko|o)$'; then
	fail "the dkms package ships built objects"
else
	ok "the dkms package ships sources only"
fi
check "the dkms package ships dkms.conf" \
	sh -c "dpkg-deb -c $dkms_deb | grep -q ./usr/src/libmultipath-$ver/dkms.conf"

# 2. apt install: DKMS builds for the installed kernel (6.1)
if apt-get install "${apt_opts[@]}" "$dkms_deb" "$tool_deb" "$ex_deb" > /tmp/install.log 2>&1; then
	ok "apt install ./libmultipath-dkms ./mpath-minimal-dkms ./mpathctl"
else
	tail -n 30 /tmp/install.log
	stop "apt install"
fi
check "modules built and installed for $kv61" built_for "$kv61"
check "the example driver built against the installed library for $kv61" \
	example_built_for "$kv61"
# the postinst hides dkms's steps: a build by hand shows them (CLEAN runs
# first, on the fresh copy of the sources)
if out=$(dkms build -m libmultipath -v "$ver" -k "$kv61" --force 2>&1) &&
   ! echo "$out" | grep -q "bad exit status" &&
   echo "$out" | grep -q "Cleaning build area"; then
	ok "dkms build: every step with a good exit status"
else
	echo "$out"
	fail "dkms build by hand"
fi
check "mpathctl installed" test -x /usr/sbin/mpathctl
out=$(/usr/sbin/mpathctl list 2>&1)
# no configfs in a chroot: the tool says what to do
check "mpathctl without the driver says so" sh -c "echo '$out' | grep -q 'modprobe mpathdemo'"
check "udev rule installed" test -f /lib/udev/rules.d/69-mpathdemo-paths.rules
check "restore unit installed" test -f /lib/systemd/system/mpathdemo-restore.service
check "mpathctl --version: mpathctl $ver (the VERSION it was built from)" \
	test "$(/usr/sbin/mpathctl --version 2>&1)" = "mpathctl $ver"
check "man pages mpathctl(8) and mpathdemo.conf(5) installed" \
	test -f /usr/share/man/man8/mpathctl.8.gz -a -f /usr/share/man/man5/mpathdemo.conf.5.gz
check "bash completion installed" test -f /usr/share/bash-completion/completions/mpathctl
check "the JSON schema installed" test -f /usr/share/mpathctl/mpathctl.schema.json
# built with dpkg-buildflags' -g: the dbgsym package has the debug info
check "mpathctl-dbgsym_${ver}_amd64.deb carries mpathctl's debug info" \
	sh -c "dpkg-deb -c /build/mpathctl-dbgsym_${ver}_amd64.deb | grep '/usr/lib/debug/.build-id/.*\.debug\$' > /dev/null"
if out=$(systemd-analyze verify /lib/systemd/system/mpathdemo-restore.service 2>&1); then
	ok "systemd-analyze verify of the unit"
else
	echo "$out"
	fail "systemd-analyze verify of the unit"
fi

# the udev rule, evaluated by udevadm against the host's sysfs (read-only
# in the root): a device /etc/mpathdemo.conf names is hidden from blkid,
# LVM, systemd and udisks before its head exists (at boot); another is not
udev_props() { udevadm test --action=add "/sys/class/block/$1" 2>/dev/null; }
if [ -e /sys/class/block/loop1 ] && [ -e /sys/class/block/loop2 ]; then
	printf 'head h iopolicy=numa\npath h p0 device=/dev/loop1 state=optimized\n' \
		> /etc/mpathdemo.conf
	props=$(udev_props loop1)
	if echo "$props" | grep -q '^SYSTEMD_READY=0$' &&
	   echo "$props" | grep -q '^ID_FS_TYPE=mpathdemo_member$' &&
	   echo "$props" | grep -q '^DM_MULTIPATH_DEVICE_PATH=1$'; then
		ok "udev: a saved path is hidden (SYSTEMD_READY=0, mpathdemo_member)"
	else
		echo "$props" | tail -n 20
		fail "udev: a saved path is not hidden"
	fi
	if udev_props loop2 | grep -q 'MPATHDEMO_PATH=1'; then
		fail "udev: a device that is no path is hidden"
	else
		ok "udev: a device that is no path is left alone"
	fi
	rm -f /etc/mpathdemo.conf
else
	fail "udev: the host has no /sys/class/block/loop1 and loop2 to test with"
fi

# 3. a kernel upgrade: bookworm-backports' 6.12 headers; the kernel's
# header hook runs dkms autoinstall
if apt-get install "${apt_opts[@]}" -t bookworm-backports linux-headers-amd64 > /tmp/bpo.log 2>&1; then
	ok "apt install -t bookworm-backports linux-headers-amd64"
else
	tail -n 30 /tmp/bpo.log
	stop "bookworm-backports headers"
fi
kv612=$(basename "$(ls -d /usr/src/linux-headers-6.12.*-amd64 | head -n1)")
kv612=${kv612#linux-headers-}
[ -n "$kv612" ] || stop "no 6.12 headers after the upgrade"
check "modules rebuilt by the kernel hook for $kv612" built_for "$kv612"
check "the example rebuilt by the kernel hook for $kv612" example_built_for "$kv612"
check "still installed for $kv61" built_for "$kv61"
check "the example still installed for $kv61" example_built_for "$kv61"

# 4. a kernel this code does not build for (one with the in-tree library,
# here faked: 6.1's headers with CONFIG_LIBMULTIPATH=y) must not make the
# kernel's hook fail (bookworm's dkms 3.0.10 returns 11 for an excluded
# module; debian/libmultipath-dkms.README.Debian says why it is harmless)
fake=$kv61-inkernellib
mkdir -p /usr/src/linux-headers-"$fake" /lib/modules/"$fake"
for e in /usr/src/linux-headers-"$kv61"/* /usr/src/linux-headers-"$kv61"/.[!.]*; do
	[ "$(basename "$e")" = .config ] && continue
	ln -s "$e" /usr/src/linux-headers-"$fake"/
done
{ cat /usr/src/linux-headers-"$kv61"/.config; echo CONFIG_LIBMULTIPATH=y; } \
	> /usr/src/linux-headers-"$fake"/.config
ln -sfn /usr/src/linux-headers-"$fake" /lib/modules/"$fake"/build
if /etc/kernel/header_postinst.d/dkms "$fake" > /tmp/excl.log 2>&1; then
	ok "the kernel hook succeeds for an excluded kernel"
else
	cat /tmp/excl.log
	fail "the kernel hook failed for an excluded kernel"
fi
if [ -z "$(ko "$fake" libmultipath)" ] && [ -z "$(ko "$fake" mpath_minimal)" ]; then
	ok "nothing built for the excluded kernel"
else
	fail "built for a kernel with the in-tree library"
fi
grep -i "exclusive\|exclud" /tmp/excl.log | head -n 3
rm -rf /usr/src/linux-headers-"$fake" /lib/modules/"$fake"

# 5. apt purge leaves nothing
if apt-get purge "${apt_opts[@]}" mpath-minimal-dkms libmultipath-dkms mpathctl > /tmp/purge.log 2>&1; then
	ok "apt purge"
else
	tail -n 30 /tmp/purge.log
	fail "apt purge"
fi
left=$( {
	ls -d /usr/src/libmultipath-* /var/lib/dkms/libmultipath \
		/usr/src/mpath-minimal-* /var/lib/dkms/mpath-minimal 2>/dev/null
	find /lib/modules -name 'libmultipath.ko*' -o -name 'mpathdemo.ko*' \
		-o -name 'mpath_minimal.ko*' 2>/dev/null
	ls /usr/sbin/mpathctl /lib/udev/rules.d/69-mpathdemo-paths.rules \
		/lib/systemd/system/mpathdemo-restore.service 2>/dev/null
	dpkg -l libmultipath-dkms mpath-minimal-dkms mpathctl 2>/dev/null | awk '/^[a-z][a-z] / { print "dpkg:", $1, $2 }'
} )
if [ -z "$left" ]; then
	ok "nothing left after purge"
else
	echo "$left"
	fail "left after purge"
fi
# 6. without the package: "make clean" on a fresh copy (no headers for the
# running kernel here), then "make install KDIR=" for a kernel that is not
# the running one: installed and depmod'ed for that kernel
rm -rf /tmp/fresh
cp -a "$src" /tmp/fresh || stop "copy"
cd /tmp/fresh || stop "copy"
if out=$(make clean 2>&1); then
	ok "make clean on a fresh copy"
else
	echo "$out"
	fail "make clean on a fresh copy"
fi
if make KDIR=/lib/modules/"$kv612"/build > /tmp/make.log 2>&1 &&
   make install KDIR=/lib/modules/"$kv612"/build > /tmp/make-install.log 2>&1; then
	ok "make; make install KDIR=<6.12>"
else
	tail -n 20 /tmp/make.log /tmp/make-install.log
	fail "make install KDIR=<6.12>"
fi
check "installed for $kv612, in its modules.dep" \
	grep -q 'libmultipath\.ko' /lib/modules/"$kv612"/modules.dep
check "nothing installed for $kv61" \
	sh -c "! find /lib/modules/$kv61 -name 'libmultipath.ko*' | grep -q ."
check "make clean after a build" make -s KDIR=/lib/modules/"$kv612"/build clean
check "make clean removed the objects" \
	sh -c "! find . -name '*.ko' -o -name '*.o' -o -name 'mpath-generated.h' | grep -q ."
[ "$failed" = 0 ]
