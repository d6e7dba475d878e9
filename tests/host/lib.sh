# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the host cases (tests/host/NNN) share: the mpathctl under test, a
# fake configfs/sysfs tree for it (MPATHCTL_ROOT), the schema check, and
# checks that go on after a failure so that a run lists every one.
#
# MPATHCTL=/path/to/binary runs a case against that binary (an older
# build, say); by default the case builds tools/mpathctl/*.c the way
# scripts/vm/run.sh does, with -D_FORTIFY_SOURCE=2 -Wall -Wextra -Werror.
# MPATHCTL_SRC=/path/to/dir gives the sources of that binary to the
# checks that read them (002: no static buffers).  Against the tool of
# the last commit before the split:
#   git show c56b092:tools/mpathctl.c > /tmp/old/mpathctl.c
#   gcc -O2 -o /tmp/old/mpathctl /tmp/old/mpathctl.c
#   MPATHCTL=/tmp/old/mpathctl MPATHCTL_SRC=/tmp/old tests/host/002
#
# After sourcing: $top, $tmp (removed at exit), $ctl (the binary), $R (the
# fake root), $C (its configfs of mpathdemo).

top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
R=$tmp/root
C=$R/sys/kernel/config/mpathdemo

# fail WHAT: the case fails at its end (done); die WHAT: now
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}
die() {
	echo "FAIL: $*"
	exit 1
}
pass() {
	echo "ok: $*"
}
# check WHAT COMMAND...: ok or FAIL by the command's status
check() {
	_what=$1
	shift
	if "$@"; then pass "$_what"; else fail "$_what"; fi
}
# verdict WHAT STATUS: ok or FAIL by a status ($? of a list of tests)
verdict() {
	if [ "$2" = 0 ]; then pass "$1"; else fail "$1"; fi
}
# the end of a case: its status
done_case() {
	if [ "$failed" != 0 ]; then
		echo "FAIL: $failed check(s) failed"
		exit 1
	fi
	echo "ok"
	exit 0
}

version=$(cat "$top/VERSION")
if [ -n "${MPATHCTL:-}" ]; then
	ctl=$MPATHCTL
	[ -x "$ctl" ] || die "MPATHCTL=$ctl is not an executable"
else
	ctl=$tmp/mpathctl
	# shellcheck disable=SC2046
	gcc -O2 -D_FORTIFY_SOURCE=2 -Wall -Wextra -Werror -DMPATHCTL_VERSION="\"$version\"" \
		-o "$ctl" $(ls "$top"/tools/mpathctl/*.c) || die "mpathctl does not build"
fi

# mpathctl ARGS...: the binary under test, killed after 20 s (an older
# one may not stop: its watch --help watched)
mpathctl() {
	timeout 20 "$ctl" "$@" < /dev/null
}
# status ARGS...: mpathctl's exit status, its output thrown away
status() {
	_rc=0
	mpathctl "$@" > /dev/null 2>&1 || _rc=$?
	echo $_rc
}

w() {
	mkdir -p "$(dirname "$1")"
	printf '%s\n' "$2" > "$1"
}

# fake_head NAME DISK ENABLE: a head with every attribute the driver shows
fake_head() {
	_h=$C/$1
	mkdir -p "$_h/paths"
	w "$_h/iopolicy" round-robin
	w "$_h/pr_scope" path
	w "$_h/delayed_removal_secs" 0
	w "$_h/queue_if_no_path" 0
	w "$_h/checker" directio
	w "$_h/checker_interval_secs" 5
	w "$_h/flap_failures" 0
	w "$_h/flap_window_secs" 60
	w "$_h/flap_hold_secs" 300
	w "$_h/enable" "$3"
	w "$_h/disk" "$2"
	for _f in queued requeue_no_usable_path fail_no_available_path \
		no_path_bound no_path_expired; do
		if [ "$3" = 1 ]; then w "$_h/$_f" 0; else : > "$_h/$_f"; fi
	done
	: > "$_h/revalidate"
	if [ "$3" = 1 ]; then
		w "$R/sys/block/$2/size" 131072
		w "$R/sys/block/$2/mpathdemo/unique_id" "none"
	fi
}

# fake_path HEAD PATH DEVICE ATTACHED: a path with every attribute
fake_path() {
	_p=$C/$1/paths/$2
	mkdir -p "$_p"
	w "$_p/device" "$3"
	w "$_p/state" optimized
	w "$_p/numa_node" -1
	w "$_p/fault" none
	w "$_p/enable" "$4"
	w "$_p/state_source" auto
	w "$_p/alua" none
	w "$_p/preferred" 0
	for _f in failed unready queue_depth submitted completed errors \
		failovers numa_nodes unique_id; do
		: > "$_p/$_f"
	done
	if [ "$4" = 1 ]; then
		for _f in failed unready queue_depth submitted completed errors failovers; do
			w "$_p/$_f" 0
		done
		w "$_p/unique_id" none
	fi
}

# fake_disk NAME MAJOR MINOR: /dev/NAME and its sysfs directories
fake_disk() {
	mkdir -p "$R/dev" "$R/sys/block/$1" "$R/sys/dev/block"
	mknod "$R/dev/$1" b "$2" "$3"
	ln -s "../../block/$1" "$R/sys/dev/block/$2:$3"
	w "$R/sys/block/$1/size" 131072
}

# py ARGS...: python3 with a script on stdin; of a failure, its last line
py() {
	_rc=0
	/usr/bin/python3 "$@" 2> "$tmp/py.err" || _rc=$?
	if [ "$_rc" != 0 ] && [ -s "$tmp/py.err" ]; then
		echo "  $(tail -n 1 "$tmp/py.err" | cut -c1-200)"
	fi
	return $_rc
}

# validate JSON...: each file is valid against tools/mpathctl.schema.json
# (the first errors said, shortly)
validate() {
	/usr/bin/python3 - "$top/tools/mpathctl.schema.json" "$@" <<'PY'
import json, sys, jsonschema
from jsonschema.exceptions import best_match
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    try:
        doc = json.load(open(f))
        err = best_match(v.iter_errors(doc))
    except ValueError as e:
        err = e
    if err is None:
        continue
    # the oneOf of list and show: what failed in the document's branch
    if getattr(err, "context", None) and isinstance(doc, dict):
        branch = 0 if "heads" in doc else 1
        err = best_match([e for e in err.context
                          if e.relative_schema_path[0] == branch]) or err
    while getattr(err, "context", None):
        err = best_match(err.context)
    bad += 1
    if bad <= 3:
        where = "/".join(str(p) for p in getattr(err, "absolute_path", []))
        print("  %s: %s%s" % (f.rsplit("/", 1)[-1], where + ": " if where else "",
                              str(getattr(err, "message", err))[:160]))
if bad:
    print("  %d of %d documents invalid" % (bad, len(sys.argv) - 2))
sys.exit(1 if bad else 0)
PY
}

mkdir -p "$C"
export MPATHCTL_ROOT=$R
