// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_uevent - print the uevents of multipath heads (the guest has no
 * udev).  Built statically on the host by scripts/vm/run.sh into /mpath/bin.
 *
 *   mpath_uevent SECONDS
 *
 * Listens on the kernel's uevent netlink socket for SECONDS (or until
 * SIGTERM) and prints one line per event that carries MPATH_ACTION:
 * "<DEVNAME> <MPATH_ACTION> <MPATH_PATH or -> <MPATH_NR_USABLE_PATHS>",
 * flushed at once.  Prints "ready" first, once it listens.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

/* the value of KEY= in the NUL-separated uevent buffer, or NULL */
static const char *get(const char *buf, size_t len, const char *key)
{
	size_t kl = strlen(key), off = 0;

	while (off < len) {
		const char *s = buf + off;

		if (!strncmp(s, key, kl) && s[kl] == '=')
			return s + kl + 1;
		off += strlen(s) + 1;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	char buf[8192];
	time_t end;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: mpath_uevent SECONDS\n");
		return 64;
	}
	end = time(NULL) + atoi(argv[1]);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("netlink");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	/* every line is flushed: SIGTERM's default action loses nothing */
	while (time(NULL) < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		const char *action, *dev, *path, *nr;
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			continue;
		buf[n] = 0;
		action = get(buf, n, "MPATH_ACTION");
		if (!action)
			continue;
		dev = get(buf, n, "DEVNAME");
		path = get(buf, n, "MPATH_PATH");
		nr = get(buf, n, "MPATH_NR_USABLE_PATHS");
		printf("%s %s %s %s\n", dev ? dev : "?", action,
		       path ? path : "-", nr ? nr : "?");
		fflush(stdout);
	}
	return 0;
}
