// SPDX-License-Identifier: GPL-2.0
/*
 * mpath_ioctl - the ioctls the guest tests need and busybox lacks.
 * Built statically on the host by scripts/vm/run.sh into /mpath/bin.
 *
 *   mpath_ioctl who DEV                   MPTEST_IOC_WHO: index of the answering mptest
 *   mpath_ioctl geo DEV                   HDIO_GETGEO: "heads sectors cylinders start"
 *   mpath_ioctl pr-register DEV OLD NEW [ignore]
 *   mpath_ioctl pr-reserve DEV KEY TYPE
 *   mpath_ioctl pr-release DEV KEY TYPE
 *   mpath_ioctl pr-preempt DEV OLD NEW TYPE [abort]
 *   mpath_ioctl pr-clear DEV KEY
 *   mpath_ioctl pr-read-keys DEV          "generation G keys K1,K2" (7.2+)
 *   mpath_ioctl pr-read-resv DEV          "generation G holder K type T" (7.2+)
 *   mpath_ioctl zones DEV [NR]            BLKREPORTZONE: "start len wp type cond" lines
 *   mpath_ioctl pwrite DEV OFFSET LEN [BYTE]  O_DIRECT write of a pattern (0xa5)
 *   mpath_ioctl pread DEV OFFSET LEN      O_DIRECT read: "ok LEN [BYTE|mixed]", the
 *                                         byte the data holds if all bytes are equal
 *   mpath_ioctl openexcl DEV              open O_EXCL (fails with EBUSY while claimed)
 *   mpath_ioctl mbr FILE START SECTORS    write an MBR with one Linux partition
 *   mpath_ioctl loop-set-capacity DEV     LOOP_SET_CAPACITY (losetup -c)
 *   mpath_ioctl truncate FILE SIZE        resize a file in place
 *
 * Keys are numbers (0x.. for hex).  A failing ioctl prints
 * "error <errno name> <number>" on stdout and exits 1; a positive status
 * (a reservation conflict) prints "status <n>" and exits 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/blkzoned.h>
#include <linux/hdreg.h>
#include <linux/loop.h>
#include <linux/pr.h>

#define MPTEST_IOC_WHO _IOR('M', 0xa0, __u32)

/* 7.2 uapi; older headers lack them */
struct mp_pr_read_keys {
	__u32 generation;
	__u32 num_keys;
	__u64 keys_ptr;
};

struct mp_pr_read_reservation {
	__u64 key;
	__u32 generation;
	__u32 type;
};

#define MP_IOC_PR_READ_KEYS	_IOWR('p', 206, struct mp_pr_read_keys)
#define MP_IOC_PR_READ_RESERVATION _IOR('p', 207, struct mp_pr_read_reservation)

static const char *errname(int e)
{
	switch (e) {
	case EWOULDBLOCK: return "EWOULDBLOCK";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTTY: return "ENOTTY";
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case ENODEV: return "ENODEV";
	case ENXIO: return "ENXIO";
	case EIO: return "EIO";
	case EBUSY: return "EBUSY";
	case ENODATA: return "ENODATA";
	case ENOSPC: return "ENOSPC";
	case EREMOTEIO: return "EREMOTEIO";
	case EBADE: return "EBADE";
	case EILSEQ: return "EILSEQ";
	case ETOOMANYREFS: return "ETOOMANYREFS";
	case EOVERFLOW: return "EOVERFLOW";
	case ETIME: return "ETIME";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ENOLINK: return "ENOLINK";
	case ENOMEM: return "ENOMEM";
	default: return "E?";
	}
}

static int done(int ret)
{
	if (ret < 0) {
		printf("error %s %d\n", errname(errno), errno);
		return 1;
	}
	if (ret > 0) {
		printf("status %d\n", ret);
		return 2;
	}
	return 0;
}

static unsigned long long num(const char *s)
{
	return strtoull(s, NULL, 0);
}

static int open_dev(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0) {
		printf("error %s %d (open %s)\n", errname(errno), errno, path);
		exit(1);
	}
	return fd;
}

static void print_help(void)
{
	fprintf(stderr, "usage: see the comment at the top of mpath_ioctl.c\n");
	exit(64);
}

int main(int argc, char **argv)
{
	const char *cmd;
	int fd, ret;

	if (argc < 3)
		print_help();
	cmd = argv[1];

	if (!strcmp(cmd, "mbr")) {
		unsigned char mbr[512] = { 0 };
		unsigned int start, len;

		if (argc < 5)
			print_help();
		start = num(argv[3]);
		len = num(argv[4]);
		mbr[446 + 4] = 0x83;	/* Linux; CHS fields left 0 */
		memcpy(&mbr[446 + 8], &start, 4);
		memcpy(&mbr[446 + 12], &len, 4);
		mbr[510] = 0x55;
		mbr[511] = 0xaa;
		fd = open_dev(argv[2], O_WRONLY);
		ret = pwrite(fd, mbr, sizeof(mbr), 0) == sizeof(mbr) ? 0 : -1;
		fsync(fd);
		return done(ret);
	}

	if (!strcmp(cmd, "truncate")) {
		if (argc < 4)
			print_help();
		return done(truncate(argv[2], num(argv[3])));
	}

	if (!strcmp(cmd, "pwrite")) {
		unsigned long long off, len;
		void *buf;

		if (argc < 5)
			print_help();
		off = num(argv[3]);
		len = num(argv[4]);
		if (posix_memalign(&buf, 4096, len))
			return 1;
		memset(buf, argc > 5 ? (int)num(argv[5]) : 0xa5, len);
		fd = open_dev(argv[2], O_WRONLY | O_DIRECT);
		ret = pwrite(fd, buf, len, off) == (ssize_t)len ? 0 : -1;
		return done(ret);
	}

	if (!strcmp(cmd, "openexcl")) {
		fd = open(argv[2], O_RDONLY | O_EXCL);
		if (fd < 0)
			return done(-1);
		close(fd);
		printf("ok\n");
		return 0;
	}

	if (!strcmp(cmd, "pread")) {
		unsigned long long off, len, i;
		unsigned char *buf;
		ssize_t got;

		if (argc < 5)
			print_help();
		off = num(argv[3]);
		len = num(argv[4]);
		if (!len || posix_memalign((void **)&buf, 4096, len))
			return 1;
		fd = open_dev(argv[2], O_RDONLY | O_DIRECT);
		got = pread(fd, buf, len, off);
		if (got < 0)
			return done(-1);
		for (i = 1; i < (unsigned long long)got; i++)
			if (buf[i] != buf[0])
				break;
		if (got && i == (unsigned long long)got)
			printf("ok %zd 0x%02x\n", got, buf[0]);
		else
			printf("ok %zd mixed\n", got);
		return got == (ssize_t)len ? 0 : 1;
	}

	fd = open_dev(argv[2], O_RDWR);

	if (!strcmp(cmd, "who")) {
		__u32 who;

		ret = ioctl(fd, MPTEST_IOC_WHO, &who);
		if (!ret)
			printf("%u\n", who);
		return done(ret);
	}
	if (!strcmp(cmd, "geo")) {
		struct hd_geometry g;

		ret = ioctl(fd, HDIO_GETGEO, &g);
		if (!ret)
			printf("%u %u %u %lu\n", g.heads, g.sectors,
			       g.cylinders, g.start);
		return done(ret);
	}
	if (!strcmp(cmd, "loop-set-capacity"))
		return done(ioctl(fd, LOOP_SET_CAPACITY, 0));
	if (!strcmp(cmd, "pr-register") && argc >= 5) {
		struct pr_registration r = {
			.old_key = num(argv[3]), .new_key = num(argv[4]),
			.flags = argc > 5 ? PR_FL_IGNORE_KEY : 0,
		};
		return done(ioctl(fd, IOC_PR_REGISTER, &r));
	}
	if ((!strcmp(cmd, "pr-reserve") || !strcmp(cmd, "pr-release")) &&
	    argc >= 5) {
		struct pr_reservation r = {
			.key = num(argv[3]), .type = num(argv[4]),
		};
		return done(ioctl(fd, !strcmp(cmd, "pr-reserve") ?
				  IOC_PR_RESERVE : IOC_PR_RELEASE, &r));
	}
	if (!strcmp(cmd, "pr-preempt") && argc >= 6) {
		struct pr_preempt p = {
			.old_key = num(argv[3]), .new_key = num(argv[4]),
			.type = num(argv[5]),
		};
		return done(ioctl(fd, argc > 6 ? IOC_PR_PREEMPT_ABORT :
				  IOC_PR_PREEMPT, &p));
	}
	if (!strcmp(cmd, "pr-clear") && argc >= 4) {
		struct pr_clear c = { .key = num(argv[3]) };

		return done(ioctl(fd, IOC_PR_CLEAR, &c));
	}
	if (!strcmp(cmd, "pr-read-keys")) {
		__u64 keys[64];
		struct mp_pr_read_keys k = {
			.num_keys = 64, .keys_ptr = (uintptr_t)keys,
		};
		unsigned int i;

		ret = ioctl(fd, MP_IOC_PR_READ_KEYS, &k);
		if (ret)
			return done(ret);
		printf("generation %u keys ", k.generation);
		for (i = 0; i < k.num_keys && i < 64; i++)
			printf("%s0x%llx", i ? "," : "",
			       (unsigned long long)keys[i]);
		printf("%s\n", k.num_keys ? "" : "-");
		return 0;
	}
	if (!strcmp(cmd, "pr-read-resv")) {
		struct mp_pr_read_reservation r;

		ret = ioctl(fd, MP_IOC_PR_READ_RESERVATION, &r);
		if (!ret)
			printf("generation %u holder 0x%llx type %u\n",
			       r.generation, (unsigned long long)r.key,
			       r.type);
		return done(ret);
	}
	if (!strcmp(cmd, "zones")) {
		unsigned int nr = argc > 3 ? num(argv[3]) : 64, i;
		struct blk_zone_report *rep;

		rep = calloc(1, sizeof(*rep) + nr * sizeof(struct blk_zone));
		if (!rep)
			return 1;
		rep->sector = 0;
		rep->nr_zones = nr;
		ret = ioctl(fd, BLKREPORTZONE, rep);
		if (ret)
			return done(ret);
		for (i = 0; i < rep->nr_zones; i++)
			printf("%llu %llu %llu %u %u\n",
			       (unsigned long long)rep->zones[i].start,
			       (unsigned long long)rep->zones[i].len,
			       (unsigned long long)rep->zones[i].wp,
			       rep->zones[i].type, rep->zones[i].cond);
		return 0;
	}
	print_help();
	return 64;
}
