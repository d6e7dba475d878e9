# SPDX-License-Identifier: GPL-2.0
#
# User entry points.  The kbuild side is in Kbuild; this file has no
# KERNELRELEASE guard, so dkms (which appends KERNELRELEASE=) works.
#
#   make                      build against /lib/modules/$(uname -r)/build
#   make KDIR=<tree>          build against another kernel tree
#   make install              install the modules and run depmod
#   make demo                 boot a Debian kernel and run the failover demo
#   make check                lint, build and guest tests on every kernel
#   make check KERNELS=6.12   the same on one kernel
#   make check KERNELS=all    every kernel, every case (no per-kernel subset)
#   make check-packaging      the .debs: build, apt install, kernel upgrade, purge
#   make soak                 the torture cases ten times as long, on
#                             6.12-debug (KERNELS= picks others)
#   make bench                fio benchmarks (KERNEL=6.12 by default)

# KDIR names the kernel; KVER follows from it (install and depmod go to
# that kernel, not the running one).  Without KDIR: KERNELRELEASE (dkms)
# or the running kernel.
ifdef KDIR
KVER ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
else
KVER ?= $(if $(KERNELRELEASE),$(KERNELRELEASE),$(shell uname -r))
KDIR := /lib/modules/$(KVER)/build
endif
# empty: every kernel of MATRIX_ALL in scripts/matrix/kernels.sh
KERNELS ?=
KERNEL ?= 6.12

.PHONY: all modules tool clean install modules_install lint check check-packaging soak demo bench fetch

all: modules tool

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# the status and setup tool: plain C, no library beyond libc, built from
# tools/mpathctl/*.c into tools/mpathctl/mpathctl.  CFLAGS, CPPFLAGS and
# LDFLAGS come from the environment or the command line (debian/rules
# passes dpkg-buildflags'); the version is the VERSION file's.
MPATHCTL_SRC := $(wildcard tools/mpathctl/*.c)
CFLAGS ?= -O2 -g

tool: tools/mpathctl/mpathctl

tools/mpathctl/mpathctl: $(MPATHCTL_SRC) $(wildcard tools/mpathctl/*.h) VERSION
	$(CC) $(CPPFLAGS) -DMPATHCTL_VERSION='"$(shell cat VERSION)"' $(CFLAGS) \
		-Wall -Wextra $(LDFLAGS) -o $@ $(MPATHCTL_SRC)

# kbuild's clean where the kernel tree is there; a fresh clone on a
# machine without headers has nothing of kbuild's to clean
clean:
	if [ -d $(KDIR) ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	rm -f tools/mpathctl/mpathctl

install modules_install:
	@[ -n "$(KVER)" ] || { echo "install: no kernel release in $(KDIR)"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KVER)

fetch:
	scripts/matrix/fetch.sh $(KERNELS)

lint:
	scripts/lint.sh

check:
	tests/check.sh $(KERNELS)

# the Debian packages in a bookworm root: build, install, kernel upgrade, purge
check-packaging:
	tests/packaging/run.sh

soak:
	SOAK=1 SKIP_LINT=1 SKIP_HARNESS=1 CASES="$$(cd tests && echo torture/[0-9]*)" \
		tests/check.sh $(or $(KERNELS),6.12-debug)

demo:
	scripts/demo.sh $(KERNEL)

bench:
	bench/run.sh $(KERNEL)
