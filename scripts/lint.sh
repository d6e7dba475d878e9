#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Lint: checkpatch --strict on every source file, kernel-doc on the public
# header and the exported functions, sparse (C=2) against the 6.1 headers,
# and the shell scripts through shellcheck when installed.  Non-zero on any finding.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$here/matrix/kernels.sh"
cd "$top" || exit 1
rc=0

# checkpatch.pl is not in any headers package: take it from Debian's
# linux-source-6.1 (cached after the first download).
cp_dir=$MPATH_CACHE/checkpatch
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download linux-source-6.1 >/dev/null) || { echo "lint: cannot download linux-source-6.1"; exit 1; }
	dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.1_*.deb | tar -xO --wildcards '*/linux-source-6.1.tar.xz' |
		tar -xJ -C "$tmp" --wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch' '*/scripts/kernel-doc'
	mkdir -p "$cp_dir"
	cp -r "$tmp"/linux-source-6.1/scripts "$cp_dir/"
	rm -rf "$tmp"
fi

csrc=$(git ls-files '*.c' '*.h' 2>/dev/null | grep -v '^compat/[^/]*\.h$\|^include/libmultipath/compat\.h$')
cp_args="--no-tree --strict --terse --show-types --ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG,CONFIG_DESCRIPTION"
echo "== checkpatch --strict"
# shellcheck disable=SC2086
"$cp_dir/scripts/checkpatch.pl" $cp_args -f $csrc || rc=1
# The compat layer's adapters define functions from macros and alias the
# per-kernel mode type: the only two exceptions, and only there.
# shellcheck disable=SC2086
"$cp_dir/scripts/checkpatch.pl" $cp_args --ignore MACRO_WITH_FLOW_CONTROL,NEW_TYPEDEFS \
	-f compat/*.h || rc=1
# The drivers' public compat header has no probes (a driver built against
# the installed library runs none): kernel versions decide there, only.
# shellcheck disable=SC2086
"$cp_dir/scripts/checkpatch.pl" $cp_args --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON \
	-f include/libmultipath/compat.h || rc=1

echo "== kernel-doc (public headers, the library, the demo driver)"
kdoc=$(mktemp)
"$cp_dir/scripts/kernel-doc" -none include/libmultipath/*.h src/*.c \
	demo-driver/*.c demo-driver/*.h > "$kdoc" 2>&1
if [ -s "$kdoc" ]; then
	cat "$kdoc"
	rc=1
fi
rm -f "$kdoc"
# every exported symbol needs a kernel-doc comment
for sym in $(sed -n 's/^EXPORT_SYMBOL_NS_GPL(\([a-z_0-9]*\),.*/\1/p' src/*.c); do
	# functions; exported objects are documented where they are declared
	grep -q "^[a-z].*[ *]$sym(" src/*.c || continue
	grep -q "^ \* $sym() - " src/*.c include/libmultipath/multipath.h || {
		echo "kernel-doc missing for exported $sym"
		rc=1
	}
	grep -A40 "^ \* $sym() - " src/*.c include/libmultipath/multipath.h | awk '/\*\//{exit} {print}' |
		grep -q 'Context:' || { echo "kernel-doc of $sym has no Context:"; rc=1; }
done

echo "== no LINUX_VERSION_CODE outside the compat layer"
if git grep -n 'LINUX_VERSION_CODE\|KERNEL_VERSION(' -- '*.c' '*.h' | grep -v '^compat/\|^include/libmultipath/compat\.h:'; then
	rc=1
fi

echo "== sparse (C=2, 6.1 headers)"
if [ -s "$(matrix_root 6.1)/.mpath-kver" ]; then
	MPATH_BUILD=$top/.build/sparse "$here/matrix/build.sh" 6.1 clean >/dev/null 2>&1
	MPATH_BUILD=$top/.build/sparse "$here/matrix/build.sh" 6.1 C=2 CF=-D__CHECK_ENDIAN__ > "$top/.build/sparse.log" 2>&1 || rc=1
	# the tree is built where build.sh mounts it in the kernel's root
	if grep -E "^$MPATH_BUILD_MOUNT/.*(warning|error):" "$top/.build/sparse.log" | grep -v '/probes/'; then
		rc=1
	fi
else
	echo "6.1 root not fetched: sparse skipped"
fi

echo "== shellcheck"
if command -v shellcheck >/dev/null; then
	shellcheck -S warning tests/*.sh tests/new scripts/*.sh scripts/matrix/*.sh scripts/vm/*.sh tests/harness/*.sh \
		bench/run.sh tests/packaging/*.sh .ci/run || rc=1
	# The guest's scripts run under busybox ash (dash's dialect plus
	# $RANDOM); cases set DESCRIPTION and TIMEOUT for the runner (SC2034)
	# and split command substitutions on purpose: set -- $(_loop_paths 2).
	shellcheck -s dash -S warning -e SC2034,SC2046 tests/*/[0-9][0-9][0-9] \
		tests/lib/common.sh tests/lib/guest-run.sh tests/lib/init \
		tests/lib/kmemleak-scan tests/api/lib.sh tests/harness/cases/* \
		bench/guest scripts/demo-guest || rc=1
else
	echo "lint: shellcheck missing (scripts/deps.sh installs it)"
	rc=1
fi
exit $rc
