// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_failnth - one system call with the Nth fault-injection point of
 * this task failing (/proc/thread-self/fail-nth, CONFIG_FAULT_INJECTION).
 * Built statically on the host by scripts/vm/run.sh into /mpath/bin.
 *
 *   mpath_failnth N mkdir DIR
 *   mpath_failnth N write FILE VALUE
 *   mpath_failnth N read DEVICE BYTES      (O_DIRECT, from offset 0)
 *
 * Everything the call needs (the open file, the buffer, the fail-nth file
 * itself) is set up before N is armed, so the points counted are the
 * call's own: the kernel's allocations (failslab, fail_page_alloc) and
 * other injection points reached on behalf of this task.
 *
 * Prints "RESULT LEFT": RESULT is "ok" or the errno's name, LEFT is what
 * remained of N afterwards (0: the Nth point was reached and failed; more:
 * the call has fewer than N points, so a sweep over N is complete).
 * Exit status 0 when the call succeeded, 1 when it failed, 2 on misuse.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int misuse(void)
{
	fprintf(stderr, "usage: mpath_failnth N mkdir DIR |\n"
		"       mpath_failnth N write FILE VALUE |\n"
		"       mpath_failnth N read DEVICE BYTES\n");
	return 2;
}

int main(int argc, char **argv)
{
	char nbuf[32], left[32] = "";
	int nth, fd = -1, ctl, rc, err;
	size_t bytes = 0;
	void *buf = NULL;
	ssize_t got;

	if (argc < 4)
		return misuse();
	nth = atoi(argv[1]);
	if (nth < 1)
		return misuse();
	if (!strcmp(argv[2], "write") && argc == 5) {
		fd = open(argv[3], O_WRONLY);
	} else if (!strcmp(argv[2], "read") && argc == 5) {
		bytes = strtoul(argv[4], NULL, 0);
		if (!bytes || posix_memalign(&buf, 4096, bytes))
			return misuse();
		memset(buf, 0, bytes);	/* no page fault once armed */
		fd = open(argv[3], O_RDONLY | O_DIRECT);
	} else if (strcmp(argv[2], "mkdir") || argc != 4) {
		return misuse();
	}
	if (strcmp(argv[2], "mkdir") && fd < 0) {
		perror(argv[3]);
		return 2;
	}
	ctl = open("/proc/thread-self/fail-nth", O_RDWR);
	if (ctl < 0) {
		perror("/proc/thread-self/fail-nth");
		return 2;
	}
	snprintf(nbuf, sizeof(nbuf), "%d", nth);

	/* armed: from here to the read-back, only the call itself */
	if (pwrite(ctl, nbuf, strlen(nbuf), 0) < 0) {
		perror("fail-nth");
		return 2;
	}
	errno = 0;
	if (!strcmp(argv[2], "mkdir"))
		rc = mkdir(argv[3], 0755);
	else if (!strcmp(argv[2], "write"))
		rc = write(fd, argv[4], strlen(argv[4])) == (ssize_t)strlen(argv[4]) ? 0 : -1;
	else
		rc = pread(fd, buf, bytes, 0) == (ssize_t)bytes ? 0 : -1;
	err = rc ? (errno ? errno : EIO) : 0;
	got = pread(ctl, left, sizeof(left) - 1, 0);
	/* disarm whatever is left before anything else runs */
	pwrite(ctl, "0", 1, 0);

	if (got <= 0)
		strcpy(left, "?");
	left[strcspn(left, "\n")] = 0;
	printf("%s %s\n", err ? strerrorname_np(err) : "ok", left);
	return err ? 1 : 0;
}
