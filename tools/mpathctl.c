// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl - the status and setup tool of mpathdemo heads: what
 * `multipath -ll` and `nvme show-topology` are for dm-multipath and NVMe.
 *
 *   mpathctl list [-o json]
 *   mpathctl show HEAD [-o json]
 *   mpathctl create HEAD [-p POLICY] [-q] [-d SECS] [-c CHECKER] [-i SECS] DEVICE...
 *   mpathctl add-path HEAD DEVICE [-n NAME] [-s STATE] [-N NODE]
 *   mpathctl remove-path HEAD PATH|DEVICE
 *   mpathctl set HEAD[/PATH] ATTRIBUTE VALUE
 *   mpathctl delete HEAD
 *   mpathctl save [FILE]          (default /etc/mpathdemo.conf)
 *   mpathctl restore [FILE]
 *   mpathctl watch [HEAD] [-i SECS] [-n COUNT] [-o csv]
 *   mpathctl is-path DEVICE       (for the udev rule: exit status only)
 *
 * It reads and writes mpathdemo's configfs tree and the head disks' sysfs
 * files, nothing else, so it is a plain C program with no library beyond
 * libc: it builds statically, runs in the test guest's busybox initramfs
 * and on any Debian machine.  The JSON of list and show follows
 * tools/mpathctl.schema.json.  MPATHCTL_ROOT prefixes every path it opens
 * (tests run it on a fake tree).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#define CFS		"/sys/kernel/config/mpathdemo"
#define CONF		"/etc/mpathdemo.conf"
#define MAX_PATHS	64
#define MAX_HEADS	256
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *root = "";

static const char *const head_attrs[] = {
	"iopolicy", "pr_scope", "delayed_removal_secs", "queue_if_no_path",
	"checker", "checker_interval_secs", "flap_failures",
	"flap_window_secs", "flap_hold_secs", "enable", "revalidate", NULL,
};

static const char *const path_attrs[] = {
	"device", "state", "numa_node", "fault", "enable", NULL,
};

/* saved and restored, in this order (enable last) */
static const char *const head_saved[] = {
	"iopolicy", "pr_scope", "delayed_removal_secs", "queue_if_no_path",
	"checker", "checker_interval_secs", "flap_failures",
	"flap_window_secs", "flap_hold_secs", NULL,
};

static const char *const path_saved[] = { "state", "numa_node", NULL };

static noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mpathctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static char *xpath(const char *fmt, ...)
{
	static char buf[4][PATH_MAX];
	static int n;
	char tmp[PATH_MAX];
	va_list ap;
	char *out = buf[n++ % 4];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	snprintf(out, PATH_MAX, "%s%s", root, tmp);
	return out;
}

/* the contents of a small file, trailing newline cut; NULL if unreadable */
static char *read_file(const char *path)
{
	static char buf[8][4096];
	static int n;
	char *b = buf[n++ % 8];
	ssize_t len;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	len = read(fd, b, sizeof(buf[0]) - 1);
	close(fd);
	if (len < 0)
		return NULL;
	b[len] = 0;
	while (len && b[len - 1] == '\n')
		b[--len] = 0;
	return b;
}

/* an attribute copied into @buf: attr() results are overwritten soon */
static const char *attr_into(char *buf, size_t len, const char *head,
			     const char *path, const char *name);

static const char *attr(const char *head, const char *path, const char *name)
{
	char *v;

	if (path)
		v = read_file(xpath(CFS "/%s/paths/%s/%s", head, path, name));
	else
		v = read_file(xpath(CFS "/%s/%s", head, name));
	return v ? v : "";
}

static const char *attr_into(char *buf, size_t len, const char *head,
			     const char *path, const char *name)
{
	snprintf(buf, len, "%s", attr(head, path, name));
	return buf;
}

/* a counter file: its value, or -1 when empty (not attached) or absent */
static long long num(const char *head, const char *path, const char *name)
{
	const char *v = attr(head, path, name);

	return *v ? strtoll(v, NULL, 10) : -1;
}

/* what one path shows, read once */
struct path_info {
	bool enabled, attached, failed, unready, preferred, manual;
	long long queue_depth, submitted, completed, errors, failovers;
	char state[32], device[PATH_MAX], uid[256], numa_node[16], alua[64];
};

static void read_path(const char *head, const char *path, struct path_info *pi)
{
	long long v;

	pi->enabled = !strcmp(attr(head, path, "enable"), "1");
	/* the counters are empty while the path is not attached */
	v = num(head, path, "submitted");
	pi->attached = v >= 0;
	pi->submitted = v < 0 ? 0 : v;
	pi->failed = num(head, path, "failed") == 1;
	pi->unready = num(head, path, "unready") == 1;
	v = num(head, path, "queue_depth");
	pi->queue_depth = v < 0 ? 0 : v;
	v = num(head, path, "completed");
	pi->completed = v < 0 ? 0 : v;
	v = num(head, path, "errors");
	pi->errors = v < 0 ? 0 : v;
	v = num(head, path, "failovers");
	pi->failovers = v < 0 ? 0 : v;
	attr_into(pi->state, sizeof(pi->state), head, path, "state");
	attr_into(pi->device, sizeof(pi->device), head, path, "device");
	attr_into(pi->uid, sizeof(pi->uid), head, path, "unique_id");
	attr_into(pi->numa_node, sizeof(pi->numa_node), head, path, "numa_node");
	attr_into(pi->alua, sizeof(pi->alua), head, path, "alua");
	pi->preferred = num(head, path, "preferred") == 1;
	pi->manual = !strcmp(attr(head, path, "state_source"), "manual");
	if (!pi->alua[0])
		strcpy(pi->alua, "none");
	if (!pi->uid[0])
		strcpy(pi->uid, "none");
	if (!pi->numa_node[0])
		strcpy(pi->numa_node, "-1");
}

/* The last kernel log line about @what: the driver says why it refused. */
static void kernel_reason(const char *what)
{
	static char log[1 << 20];
	char *line, *last = NULL;
	int len;

	len = klogctl(3, log, sizeof(log) - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (len <= 0)
		return;
	log[len] = 0;
	for (line = strtok(log, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, "mpathdemo: ") && strstr(line, what))
			last = line;
	if (last)
		fprintf(stderr, "  kernel: %s\n", strstr(last, "mpathdemo: "));
}

static const char *hint(int err)
{
	switch (err) {
	case EBUSY:
		return "in use: close or disable the disk first, or another holder has the device";
	case ENODEV: return "no such head, or no enabled path yet";
	case EEXIST: return "it is already a path of this head, or the name exists";
	case ENOENT: return "no such file or device";
	case EINVAL: return "a value the driver does not accept (see the kernel line)";
	case ERANGE: return "out of range";
	case EACCES: case EPERM: return "run as root";
	default:
		return NULL;
	}
}

static int write_attr_quiet(const char *file, const char *value)
{
	int fd, ret = 0;

	fd = open(file, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, value, strlen(value)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* write, or say what failed, why, and what the kernel logged */
static int write_attr(const char *what, const char *file, const char *value)
{
	int ret = write_attr_quiet(file, value);
	const char *h;

	if (!ret)
		return 0;
	fprintf(stderr, "mpathctl: %s: writing '%s' to %s: %s\n", what, value,
		file, strerror(-ret));
	h = hint(-ret);
	if (h)
		fprintf(stderr, "  hint: %s\n", h);
	kernel_reason(what);
	return ret;
}

static void need_cfs(void)
{
	struct stat st;

	if (stat(xpath(CFS), &st))
		die("%s not found: load the module (modprobe mpathdemo) and mount configfs",
		    xpath(CFS));
}

static bool head_exists(const char *head)
{
	struct stat st;

	return !stat(xpath(CFS "/%s", head), &st);
}

static int names(const char *dir, char out[][NAME_MAX + 1], int max)
{
	struct dirent *de;
	int n = 0, i, j;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || de->d_type != DT_DIR)
			continue;
		snprintf(out[n++], NAME_MAX + 1, "%s", de->d_name);
	}
	closedir(d);
	/* sorted, so that the output is stable */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			char t[NAME_MAX + 1];

			memcpy(t, out[j], sizeof(t));
			memcpy(out[j], out[j - 1], sizeof(t));
			memcpy(out[j - 1], t, sizeof(t));
		}
	return n;
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static long long size_bytes(const char *disk)
{
	char *s = read_file(xpath("/sys/block/%s/size", disk));

	return s ? strtoll(s, NULL, 10) * 512 : -1;
}

static const char *human(long long b)
{
	static char buf[4][32];
	static int n;
	static const char * const u[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = b;
	char *out = buf[n++ % 4];
	int i = 0;

	if (b < 0)
		return "-";
	while (v >= 1024 && i < 4) {
		v /= 1024;
		i++;
	}
	snprintf(out, 32, "%.1f%s", v, u[i]);
	return out;
}

static const char *queueing(const char *head)
{
	static char buf[64];

	if (!strcmp(attr(head, NULL, "queue_if_no_path"), "1"))
		return "queue_if_no_path";
	if (strcmp(attr(head, NULL, "delayed_removal_secs"), "0")) {
		snprintf(buf, sizeof(buf), "queue %ss",
			 attr(head, NULL, "delayed_removal_secs"));
		return buf;
	}
	return "fail";
}

static bool path_usable(const struct path_info *pi)
{
	return pi->attached && !pi->failed && !pi->unready &&
	       (!strcmp(pi->state, "optimized") ||
		!strcmp(pi->state, "non-optimized"));
}

/* a head's number attribute, "0" when the file is empty */
static const char *num_str(const char *head, const char *name)
{
	const char *v = attr(head, NULL, name);

	return *v ? v : "0";
}

static void show_json_head(FILE *f, const char *head)
{
	char paths[MAX_PATHS][NAME_MAX + 1];
	char diskb[256];
	const char *disk = attr_into(diskb, sizeof(diskb), head, NULL, "disk");
	bool enabled = !strcmp(attr(head, NULL, "enable"), "1");
	const char *uid;
	int n, i;

	fprintf(f, "{\"name\":");
	json_str(f, head);
	fprintf(f, ",\"disk\":");
	json_str(f, disk);
	fprintf(f, ",\"enabled\":%s", enabled ? "true" : "false");
	fprintf(f, ",\"size_bytes\":%lld", enabled ? size_bytes(disk) : 0);
	uid = enabled ? read_file(xpath("/sys/block/%s/mpathdemo/unique_id", disk)) : NULL;
	fprintf(f, ",\"unique_id\":");
	json_str(f, uid ? uid : "none");
	fprintf(f, ",\"iopolicy\":");
	json_str(f, attr(head, NULL, "iopolicy"));
	fprintf(f, ",\"queue_if_no_path\":%s",
		!strcmp(attr(head, NULL, "queue_if_no_path"), "1") ? "true" : "false");
	fprintf(f, ",\"delayed_removal_secs\":%s",
		num_str(head, "delayed_removal_secs"));
	fprintf(f, ",\"checker\":");
	json_str(f, attr(head, NULL, "checker"));
	fprintf(f, ",\"checker_interval_secs\":%s",
		num_str(head, "checker_interval_secs"));
	fprintf(f, ",\"pr_scope\":");
	json_str(f, attr(head, NULL, "pr_scope"));
	fprintf(f, ",\"stats\":{\"queued\":%s", num_str(head, "queued"));
	fprintf(f, ",\"requeue_no_usable_path\":%s",
		num_str(head, "requeue_no_usable_path"));
	fprintf(f, ",\"fail_no_available_path\":%s",
		num_str(head, "fail_no_available_path"));
	fprintf(f, ",\"no_path_bound\":%s",
		num(head, NULL, "no_path_bound") == 1 ? "true" : "false");
	fprintf(f, ",\"no_path_expired\":%s}",
		num(head, NULL, "no_path_expired") == 1 ? "true" : "false");
	fprintf(f, ",\"paths\":[");
	n = names(xpath(CFS "/%s/paths", head), paths, MAX_PATHS);
	for (i = 0; i < n; i++) {
		struct path_info pi;

		read_path(head, paths[i], &pi);
		fprintf(f, "%s{\"name\":", i ? "," : "");
		json_str(f, paths[i]);
		fprintf(f, ",\"device\":");
		json_str(f, pi.device);
		fprintf(f, ",\"enabled\":%s", pi.enabled ? "true" : "false");
		fprintf(f, ",\"attached\":%s", pi.attached ? "true" : "false");
		fprintf(f, ",\"state\":");
		json_str(f, pi.state);
		fprintf(f, ",\"state_source\":\"%s\"", pi.manual ? "manual" : "auto");
		fprintf(f, ",\"alua\":");
		json_str(f, pi.alua);
		fprintf(f, ",\"preferred\":%s", pi.preferred ? "true" : "false");
		fprintf(f, ",\"numa_node\":%s", pi.numa_node);
		fprintf(f, ",\"failed\":%s,\"unready\":%s,\"usable\":%s",
			pi.failed ? "true" : "false",
			pi.unready ? "true" : "false",
			path_usable(&pi) ? "true" : "false");
		fprintf(f, ",\"queue_depth\":%lld,\"submitted\":%lld", pi.queue_depth,
			pi.submitted);
		fprintf(f, ",\"completed\":%lld,\"errors\":%lld,\"failovers\":%lld",
			pi.completed, pi.errors, pi.failovers);
		fprintf(f, ",\"unique_id\":");
		json_str(f, pi.uid);
		fputc('}', f);
	}
	fprintf(f, "]}");
}

static const char *path_status(const struct path_info *pi)
{
	if (!pi->attached)
		return pi->enabled ? "detached" : "disabled";
	if (pi->failed)
		return "failed";
	if (pi->unready)
		return "unready";
	return "active";
}

static void show_text_head(const char *head, bool verbose)
{
	char paths[MAX_PATHS][NAME_MAX + 1];
	static struct path_info pi[MAX_PATHS];
	char diskb[256], uidb[256];
	const char *disk = attr_into(diskb, sizeof(diskb), head, NULL, "disk");
	bool enabled = !strcmp(attr(head, NULL, "enable"), "1");
	const char *uid = NULL;
	int n, i, usable = 0;

	if (enabled && read_file(xpath("/sys/block/%s/mpathdemo/unique_id", disk)))
		uid = strcpy(uidb, read_file(xpath("/sys/block/%s/mpathdemo/unique_id",
						   disk)));

	n = names(xpath(CFS "/%s/paths", head), paths, MAX_PATHS);
	for (i = 0; i < n; i++) {
		read_path(head, paths[i], &pi[i]);
		usable += path_usable(&pi[i]);
	}
	printf("%s (%s%s) %s size=%s policy=%s queueing=%s checker=%s paths=%d/%d usable\n",
	       head, disk, enabled ? "" : ", disabled", uid ? uid : "-",
	       enabled ? human(size_bytes(disk)) : "-",
	       attr(head, NULL, "iopolicy"), queueing(head),
	       attr(head, NULL, "checker"), usable, n);
	if (!verbose)
		return;
	for (i = 0; i < n; i++) {
		printf(" %s %-6s %-14s %-14s %-8s", i == n - 1 ? "`-" : "|-",
		       paths[i], pi[i].device[0] ? pi[i].device : "-",
		       pi[i].state, path_status(&pi[i]));
		printf(" queue_depth %lld submitted %lld errors %lld failovers %lld id %s",
		       pi[i].queue_depth, pi[i].submitted, pi[i].errors,
		       pi[i].failovers, pi[i].uid);
		if (strcmp(pi[i].alua, "none") || pi[i].manual)
			printf(" alua %s%s", pi[i].alua,
			       pi[i].manual ? " (state set by hand)" : "");
		putchar('\n');
	}
}

static bool json_opt(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			if (!strcmp(argv[i + 1], "json"))
				return true;
			die("unknown output format '%s' (json)", argv[i + 1]);
		}
	return false;
}

static int cmd_list(int argc, char **argv)
{
	char heads[MAX_HEADS][NAME_MAX + 1];
	bool json = json_opt(argc, argv);
	int n, i;

	need_cfs();
	n = names(xpath(CFS), heads, MAX_HEADS);
	if (json) {
		printf("{\"version\":1,\"heads\":[");
		for (i = 0; i < n; i++) {
			if (i)
				putchar(',');
			show_json_head(stdout, heads[i]);
		}
		printf("]}\n");
		return 0;
	}
	for (i = 0; i < n; i++)
		show_text_head(heads[i], false);
	return 0;
}

static int cmd_show(int argc, char **argv)
{
	if (argc < 1 || argv[0][0] == '-')
		die("usage: mpathctl show HEAD [-o json]");
	need_cfs();
	if (!head_exists(argv[0]))
		die("no head '%s' (mpathctl list shows them)", argv[0]);
	if (json_opt(argc - 1, argv + 1)) {
		printf("{\"version\":1,\"head\":");
		show_json_head(stdout, argv[0]);
		printf("}\n");
	} else {
		show_text_head(argv[0], true);
	}
	return 0;
}

/* the first free p<N> of a head */
static void free_path_name(const char *head, char *out, size_t len)
{
	struct stat st;
	int i;

	for (i = 0; i < MAX_PATHS; i++) {
		snprintf(out, len, "p%d", i);
		if (stat(xpath(CFS "/%s/paths/%s", head, out), &st))
			return;
	}
	die("head %s has %d paths already", head, MAX_PATHS);
}

static int add_path(const char *head, const char *dev, const char *name,
		    const char *state, const char *node)
{
	char pname[NAME_MAX + 1];
	char what[2 * NAME_MAX + 2];

	if (name)
		snprintf(pname, sizeof(pname), "%s", name);
	else
		free_path_name(head, pname, sizeof(pname));
	snprintf(what, sizeof(what), "%s/%s", head, pname);
	if (mkdir(xpath(CFS "/%s/paths/%s", head, pname), 0755)) {
		fprintf(stderr, "mpathctl: %s: cannot create the path: %s\n", what,
			strerror(errno));
		return -errno;
	}
	if (write_attr(what, xpath(CFS "/%s/paths/%s/device", head, pname), dev) ||
	    (state && write_attr(what, xpath(CFS "/%s/paths/%s/state", head, pname), state)) ||
	    (node && write_attr(what, xpath(CFS "/%s/paths/%s/numa_node", head, pname), node)) ||
	    write_attr(what, xpath(CFS "/%s/paths/%s/enable", head, pname), "1")) {
		rmdir(xpath(CFS "/%s/paths/%s", head, pname));
		return -1;
	}
	return 0;
}

static int delete_head(const char *head)
{
	char paths[MAX_PATHS][NAME_MAX + 1];
	int n, i, ret = 0;

	if (write_attr(head, xpath(CFS "/%s/enable", head), "0"))
		return -1;
	n = names(xpath(CFS "/%s/paths", head), paths, MAX_PATHS);
	for (i = 0; i < n; i++) {
		write_attr_quiet(xpath(CFS "/%s/paths/%s/enable", head, paths[i]), "0");
		if (rmdir(xpath(CFS "/%s/paths/%s", head, paths[i]))) {
			fprintf(stderr, "mpathctl: %s/%s: cannot remove: %s\n",
				head, paths[i], strerror(errno));
			ret = -1;
		}
	}
	if (!ret && rmdir(xpath(CFS "/%s", head))) {
		fprintf(stderr, "mpathctl: %s: cannot remove: %s\n", head, strerror(errno));
		ret = -1;
	}
	return ret;
}

static int cmd_create(int argc, char **argv)
{
	const char *policy = NULL, *delay = NULL, *checker = NULL, *interval = NULL;
	const char *head;
	bool qifnp = false;
	int i, opt, ndev = 0;

	if (argc < 1)
		die("usage: mpathctl create HEAD [-p POLICY] [-q] [-d S] [-c CHECK] [-i S] DEV...");
	head = argv[0];
	optind = 1;
	while ((opt = getopt(argc, argv, "p:qd:c:i:")) != -1) {
		switch (opt) {
		case 'p':
			policy = optarg;
			break;
		case 'q':
			qifnp = true;
			break;
		case 'd':
			delay = optarg;
			break;
		case 'c':
			checker = optarg;
			break;
		case 'i':
			interval = optarg;
			break;
		default:
			die("unknown option of create");
		}
	}
	need_cfs();
	if (head_exists(head))
		die("head '%s' exists already", head);
	if (optind >= argc)
		die("create %s: no device given", head);
	if (mkdir(xpath(CFS "/%s", head), 0755))
		die("cannot create head %s: %s", head, strerror(errno));
	if ((policy && write_attr(head, xpath(CFS "/%s/iopolicy", head), policy)) ||
	    (qifnp && write_attr(head, xpath(CFS "/%s/queue_if_no_path", head), "1")) ||
	    (delay && write_attr(head, xpath(CFS "/%s/delayed_removal_secs", head), delay)) ||
	    (checker && write_attr(head, xpath(CFS "/%s/checker", head), checker)) ||
	    (interval && write_attr(head, xpath(CFS "/%s/checker_interval_secs", head), interval)))
		goto out_delete;
	for (i = optind; i < argc; i++, ndev++)
		if (add_path(head, argv[i], NULL, NULL, NULL))
			goto out_delete;
	if (write_attr(head, xpath(CFS "/%s/enable", head), "1"))
		goto out_delete;
	printf("%s: /dev/%s over %d path%s\n", head, attr(head, NULL, "disk"), ndev,
	       ndev == 1 ? "" : "s");
	return 0;

out_delete:
	delete_head(head);
	return 1;
}

static int cmd_add_path(int argc, char **argv)
{
	const char *name = NULL, *state = NULL, *node = NULL;
	int opt;

	if (argc < 2)
		die("usage: mpathctl add-path HEAD DEVICE [-n NAME] [-s STATE] [-N NODE]");
	optind = 2;
	while ((opt = getopt(argc, argv, "n:s:N:")) != -1) {
		switch (opt) {
		case 'n':
			name = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'N':
			node = optarg;
			break;
		default:
			die("unknown option of add-path");
		}
	}
	need_cfs();
	if (!head_exists(argv[0]))
		die("no head '%s' (mpathctl list shows them)", argv[0]);
	return add_path(argv[0], argv[1], name, state, node) ? 1 : 0;
}

/* a path of @head by name, or by its device */
static const char *find_path(const char *head, const char *which)
{
	static char paths[MAX_PATHS][NAME_MAX + 1];
	int n, i;

	n = names(xpath(CFS "/%s/paths", head), paths, MAX_PATHS);
	for (i = 0; i < n; i++)
		if (!strcmp(paths[i], which) ||
		    !strcmp(attr(head, paths[i], "device"), which))
			return paths[i];
	return NULL;
}

static int cmd_remove_path(int argc, char **argv)
{
	char what[2 * NAME_MAX + 2];
	const char *p;

	if (argc < 2)
		die("usage: mpathctl remove-path HEAD PATH|DEVICE");
	need_cfs();
	p = find_path(argv[0], argv[1]);
	if (!p)
		die("head %s has no path or device '%s'", argv[0], argv[1]);
	snprintf(what, sizeof(what), "%s/%s", argv[0], p);
	if (write_attr(what, xpath(CFS "/%s/paths/%s/enable", argv[0], p), "0"))
		return 1;
	if (rmdir(xpath(CFS "/%s/paths/%s", argv[0], p))) {
		fprintf(stderr, "mpathctl: %s: cannot remove: %s\n", what, strerror(errno));
		if (errno == EBUSY)
			fprintf(stderr,
				"  hint: bios sent to it have not all completed yet; try again later\n");
		return 1;
	}
	return 0;
}

static bool known(const char *const *list, const char *a)
{
	for (; *list; list++)
		if (!strcmp(*list, a))
			return true;
	return false;
}

static void join(const char *const *list, char *out, size_t len)
{
	size_t o = 0;

	out[0] = 0;
	for (; *list; list++)
		o += snprintf(out + o, len - o, "%s%s", o ? " " : "", *list);
}

static int cmd_set(int argc, char **argv)
{
	char head[NAME_MAX + 1], list[512];
	const char *slash, *p = NULL;

	if (argc < 3)
		die("usage: mpathctl set HEAD[/PATH] ATTRIBUTE VALUE");
	need_cfs();
	slash = strchr(argv[0], '/');
	snprintf(head, sizeof(head), "%.*s",
		 (int)(slash ? slash - argv[0] : (long)strlen(argv[0])), argv[0]);
	if (!head_exists(head))
		die("no head '%s' (mpathctl list shows them)", head);
	if (slash) {
		p = find_path(head, slash + 1);
		if (!p)
			die("head %s has no path or device '%s'", head, slash + 1);
		if (!known(path_attrs, argv[1])) {
			join(path_attrs, list, sizeof(list));
			die("a path has no attribute '%s' (%s)", argv[1], list);
		}
		return write_attr(argv[0], xpath(CFS "/%s/paths/%s/%s", head, p, argv[1]),
				  argv[2]) ? 1 : 0;
	}
	if (!known(head_attrs, argv[1])) {
		join(head_attrs, list, sizeof(list));
		die("a head has no attribute '%s' (%s)", argv[1], list);
	}
	return write_attr(head, xpath(CFS "/%s/%s", head, argv[1]), argv[2]) ? 1 : 0;
}

static int cmd_delete(int argc, char **argv)
{
	if (argc < 1)
		die("usage: mpathctl delete HEAD");
	need_cfs();
	if (!head_exists(argv[0]))
		die("no head '%s' (mpathctl list shows them)", argv[0]);
	return delete_head(argv[0]) ? 1 : 0;
}

/* the link in /dev/disk/<dir>/ that points at @sd's device, or "" */
static bool disk_link(const char *dir, const struct stat *sd, char *out, size_t len)
{
	struct dirent *de;
	struct stat sl;
	DIR *d;

	d = opendir(xpath("/dev/disk/%s", dir));
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(out, len, "/dev/disk/%s/%s", dir, de->d_name);
		if (!stat(xpath("%s", out), &sl) && S_ISBLK(sl.st_mode) &&
		    sl.st_rdev == sd->st_rdev) {
			closedir(d);
			return true;
		}
	}
	if (d)
		closedir(d);
	return false;
}

/*
 * The name a path is saved by.  /dev/disk/by-path first: it names the
 * route (HBA port, target, LUN), so each path of a LUN keeps its own name
 * across reboots.  The LUN's own ids (by-id wwn-, scsi-, nvme-eui.) are
 * the same for every path, and udev points them at one path only: used
 * only when there is no by-path link (a dm or md device, say).
 */
static void stable_name(const char *dev, char *out, size_t len)
{
	struct stat sd;

	snprintf(out, len, "%s", dev);
	if (stat(xpath("%s", dev), &sd) || !S_ISBLK(sd.st_mode))
		return;
	if (disk_link("by-path", &sd, out, len) || disk_link("by-id", &sd, out, len))
		return;
	snprintf(out, len, "%s", dev);
	fprintf(stderr, "mpathctl: warning: %s has no /dev/disk/by-path or by-id name\n", dev);
	fprintf(stderr, "  saved as is: after a reboot the name may be another device's\n");
}

/*
 * A saved device name as a path: as is, or "wwid:<id>" (written by hand)
 * for the one block device with that id.  Every path of a LUN has its id:
 * more than one match is refused, NULL.
 */
static const char *resolve_name(const char *name)
{
	static char out[PATH_MAX];
	struct dirent *de;
	const char *w;
	int found = 0;
	DIR *d;

	if (strncmp(name, "wwid:", 5))
		return name;
	d = opendir(xpath("/sys/block"));
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		w = read_file(xpath("/sys/block/%s/device/wwid", de->d_name));
		if (!w)
			w = read_file(xpath("/sys/block/%s/wwid", de->d_name));
		if (w && !strcmp(w, name + 5) && !found++)
			snprintf(out, sizeof(out), "/dev/%s", de->d_name);
	}
	if (d)
		closedir(d);
	if (found > 1) {
		fprintf(stderr, "mpathctl: %s names %d devices (every path of the LUN)\n",
			name, found);
		fprintf(stderr, "  hint: name each path by /dev/disk/by-path\n");
		return NULL;
	}
	return found ? out : NULL;
}

static int cmd_save(int argc, char **argv)
{
	char heads[MAX_HEADS][NAME_MAX + 1], paths[MAX_PATHS][NAME_MAX + 1];
	const char *file = argc > 0 ? argv[0] : CONF;
	char name[PATH_MAX], tmp[PATH_MAX];
	int n, m, i, j, k;
	time_t now = time(NULL);
	FILE *f;

	need_cfs();
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f)
		die("cannot write %s: %s", tmp, strerror(errno));
	fprintf(f, "# mpathdemo configuration, written by mpathctl save on %s", ctime(&now));
	fprintf(f, "# mpathctl restore recreates it (the mpathdemo-restore unit does at boot)\n");
	n = names(xpath(CFS), heads, MAX_HEADS);
	for (i = 0; i < n; i++) {
		fprintf(f, "head %s", heads[i]);
		for (k = 0; head_saved[k]; k++)
			if (*attr(heads[i], NULL, head_saved[k]))
				fprintf(f, " %s=%s", head_saved[k],
					attr(heads[i], NULL, head_saved[k]));
		fprintf(f, " enable=%s\n", attr(heads[i], NULL, "enable"));
		m = names(xpath(CFS "/%s/paths", heads[i]), paths, MAX_PATHS);
		for (j = 0; j < m; j++) {
			const char *dev = attr(heads[i], paths[j], "device");

			if (!*dev)
				continue;
			stable_name(dev, name, sizeof(name));
			fprintf(f, "path %s %s device=%s", heads[i], paths[j], name);
			for (k = 0; path_saved[k]; k++) {
				const char *v = attr(heads[i], paths[j], path_saved[k]);

				/* the array gives the state: keep it so */
				if (!strcmp(path_saved[k], "state") &&
				    !strcmp(attr(heads[i], paths[j], "state_source"), "auto"))
					v = "auto";
				fprintf(f, " %s=%s", path_saved[k], v);
			}
			fprintf(f, " enable=%s\n", attr(heads[i], paths[j], "enable"));
		}
	}
	if (fclose(f) || rename(tmp, file))
		die("cannot write %s: %s", file, strerror(errno));
	printf("saved %d head%s to %s\n", n, n == 1 ? "" : "s", file);
	return 0;
}

/* "key=value" words of a saved line: the value of @key, or NULL */
static const char *word(char **w, int nw, const char *key)
{
	size_t kl = strlen(key);
	int i;

	for (i = 0; i < nw; i++)
		if (!strncmp(w[i], key, kl) && w[i][kl] == '=')
			return w[i] + kl + 1;
	return NULL;
}

static int cmd_restore(int argc, char **argv)
{
	const char *file = argc > 0 ? argv[0] : CONF;
	char line[4096], *w[32], *save;
	char enable_heads[MAX_HEADS][NAME_MAX + 1];
	int nh = 0, nw, i, k, ret = 0, lineno = 0;
	FILE *f;

	need_cfs();
	f = fopen(file, "r");
	if (!f)
		die("cannot read %s: %s", file, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		nw = 0;
		for (w[nw] = strtok_r(line, " ", &save); w[nw] && nw < 31;
		     w[++nw] = strtok_r(NULL, " ", &save))
			;
		if (nw >= 2 && !strcmp(w[0], "head")) {
			if (!head_exists(w[1]) && mkdir(xpath(CFS "/%s", w[1]), 0755)) {
				fprintf(stderr, "mpathctl: %s:%d: cannot create head %s: %s\n",
					file, lineno, w[1], strerror(errno));
				ret = 1;
				continue;
			}
			for (k = 0; head_saved[k]; k++) {
				const char *v = word(w + 2, nw - 2, head_saved[k]);

				if (!v)
					continue;
				if (write_attr(w[1], xpath(CFS "/%s/%s", w[1], head_saved[k]), v))
					ret = 1;
			}
			if (nh < MAX_HEADS && (word(w + 2, nw - 2, "enable") ?: "0")[0] == '1')
				snprintf(enable_heads[nh++], NAME_MAX + 1, "%s", w[1]);
		} else if (nw >= 4 && !strcmp(w[0], "path")) {
			char what[2 * NAME_MAX + 2];
			const char *name = word(w + 3, nw - 3, "device");
			const char *dev = name ? resolve_name(name) : NULL;

			snprintf(what, sizeof(what), "%s/%s", w[1], w[2]);
			if (!dev) {
				fprintf(stderr, "mpathctl: %s:%d: %s: no device %s now\n",
					file, lineno, what, name ? name : "(none)");
				ret = 1;
				continue;
			}
			if (mkdir(xpath(CFS "/%s/paths/%s", w[1], w[2]), 0755) && errno != EEXIST) {
				fprintf(stderr, "mpathctl: %s:%d: cannot create path %s: %s\n",
					file, lineno, what, strerror(errno));
				ret = 1;
				continue;
			}
			if (write_attr(what, xpath(CFS "/%s/paths/%s/device", w[1], w[2]), dev))
				ret = 1;
			for (k = 0; path_saved[k]; k++) {
				const char *v = word(w + 3, nw - 3, path_saved[k]);

				if (v && write_attr(what, xpath(CFS "/%s/paths/%s/%s", w[1], w[2],
								path_saved[k]), v))
					ret = 1;
			}
			if ((word(w + 3, nw - 3, "enable") ?: "0")[0] == '1' &&
			    write_attr(what, xpath(CFS "/%s/paths/%s/enable", w[1], w[2]), "1"))
				ret = 1;
		} else {
			fprintf(stderr, "mpathctl: %s:%d: not a head or path line\n", file, lineno);
			ret = 1;
		}
	}
	fclose(f);
	for (i = 0; i < nh; i++)
		if (write_attr(enable_heads[i], xpath(CFS "/%s/enable", enable_heads[i]), "1"))
			ret = 1;
	printf("restored %d head%s from %s%s\n", nh, nh == 1 ? "" : "s", file,
	       ret ? ", with errors" : "");
	return ret;
}

/*
 * Is @dev a path: used by a head now, or named by the saved configuration
 * (the udev rule hides it before the head is restored)?  Exit status only.
 */
static int cmd_is_path(int argc, char **argv)
{
	char heads[MAX_HEADS][NAME_MAX + 1], paths[MAX_PATHS][NAME_MAX + 1];
	char line[4096], devb[PATH_MAX];
	struct stat sd, sp;
	const char *dev, *d;
	int n, m, i, j;
	FILE *f;

	if (argc < 1)
		die("usage: mpathctl is-path DEVICE");
	if (stat(xpath("%s", argv[0]), &sd) || !S_ISBLK(sd.st_mode))
		return 1;
	n = names(xpath(CFS), heads, MAX_HEADS);
	for (i = 0; i < n; i++) {
		m = names(xpath(CFS "/%s/paths", heads[i]), paths, MAX_PATHS);
		for (j = 0; j < m; j++) {
			d = attr_into(devb, sizeof(devb), heads[i], paths[j], "device");
			if (*d && !stat(xpath("%s", d), &sp) && S_ISBLK(sp.st_mode) &&
			    sp.st_rdev == sd.st_rdev)
				return 0;
		}
	}
	f = fopen(xpath(CONF), "r");
	while (f && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, " device=");

		if (strncmp(line, "path ", 5) || !p)
			continue;
		p += 8;
		p[strcspn(p, "\n ")] = 0;
		dev = resolve_name(p);
		if (dev && !stat(xpath("%s", dev), &sp) && S_ISBLK(sp.st_mode) &&
		    sp.st_rdev == sd.st_rdev) {
			fclose(f);
			return 0;
		}
	}
	if (f)
		fclose(f);
	return 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmd_watch(int argc, char **argv)
{
	char heads[MAX_HEADS][NAME_MAX + 1], paths[MAX_PATHS][NAME_MAX + 1];
	static long long last[MAX_HEADS][MAX_PATHS];
	double interval = 1, t0, t, tl;
	const char *only = NULL;
	bool csv = false, tty = isatty(1);
	int count = -1, opt, n, m, i, j, round;

	optind = 0;
	if (argc > 0 && argv[0][0] != '-') {
		only = argv[0];
		optind = 1;
	}
	while ((opt = getopt(argc, argv, "i:n:o:")) != -1) {
		switch (opt) {
		case 'i':
			interval = atof(optarg);
			break;
		case 'n':
			count = atoi(optarg);
			break;
		case 'o':
			if (strcmp(optarg, "csv"))
				die("unknown output format '%s' (csv)", optarg);
			csv = true;
			break;
		default:
			die("usage: mpathctl watch [HEAD] [-i SECS] [-n COUNT] [-o csv]");
		}
	}
	if (interval < 0.1)
		interval = 0.1;
	need_cfs();
	if (only && !head_exists(only))
		die("no head '%s' (mpathctl list shows them)", only);
	if (csv)
		printf("time,head,path,iops,errors,failovers,failed,state\n");
	t0 = now_s();
	tl = t0;
	for (round = 0; count < 0 || round <= count; round++) {
		t = now_s();
		if (!csv && tty && count < 0)
			printf("\033[H\033[2J");
		if (!csv && round)
			printf("--- %.1f s\n%-10s %-6s %-14s %10s %8s %9s %s\n", t - t0,
			       "HEAD", "PATH", "STATE", "IOPS", "ERRORS", "FAILOVERS", "");
		n = only ? 1 : names(xpath(CFS), heads, MAX_HEADS);
		if (only)
			snprintf(heads[0], NAME_MAX + 1, "%s", only);
		for (i = 0; i < n; i++) {
			m = names(xpath(CFS "/%s/paths", heads[i]), paths, MAX_PATHS);
			for (j = 0; j < m; j++) {
				struct path_info pi;
				double iops;

				read_path(heads[i], paths[j], &pi);
				iops = round ? (pi.submitted - last[i][j]) / (t - tl) : 0;
				last[i][j] = pi.submitted;
				if (!round)
					continue;
				if (csv)
					printf("%.2f,%s,%s,%.0f,%lld,%lld,%d,%s\n", t - t0,
					       heads[i], paths[j], iops, pi.errors,
					       pi.failovers, pi.failed,
					       pi.attached ? pi.state : "detached");
				else
					printf("%-10s %-6s %-14s %10.0f %8lld %9lld %s\n",
					       heads[i], paths[j],
					       pi.attached ? pi.state : "detached", iops,
					       pi.errors, pi.failovers,
					       pi.failed ? "failed" : "");
			}
		}
		fflush(stdout);
		tl = t;
		if (count >= 0 && round == count)
			break;
		usleep(interval * 1e6);
	}
	return 0;
}

static void print_usage(void)
{
	fputs("usage: mpathctl COMMAND ...\n"
	      "  list [-o json]                     every head, one line each\n"
	      "  show HEAD [-o json]                a head and its paths\n"
	      "  create HEAD [-p POLICY] [-q] [-d SECS] [-c CHECKER] [-i SECS] DEVICE...\n"
	      "  add-path HEAD DEVICE [-n NAME] [-s STATE] [-N NODE]\n"
	      "  remove-path HEAD PATH|DEVICE\n"
	      "  set HEAD[/PATH] ATTRIBUTE VALUE\n"
	      "  delete HEAD\n"
	      "  save [FILE]                        (default " CONF ")\n"
	      "  restore [FILE]\n"
	      "  watch [HEAD] [-i SECS] [-n COUNT] [-o csv]\n"
	      "  is-path DEVICE                     exit 0 if a head uses it or the saved\n"
	      "                                     configuration names it (udev)\n", stderr);
	exit(64);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "list", cmd_list }, { "show", cmd_show },
		{ "create", cmd_create }, { "add-path", cmd_add_path },
		{ "remove-path", cmd_remove_path }, { "set", cmd_set },
		{ "delete", cmd_delete }, { "save", cmd_save },
		{ "restore", cmd_restore }, { "watch", cmd_watch },
		{ "is-path", cmd_is_path },
	};
	unsigned int i;

	if (getenv("MPATHCTL_ROOT"))
		root = getenv("MPATHCTL_ROOT");
	if (argc < 2)
		print_usage();
	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 2, argv + 2);
	fprintf(stderr, "mpathctl: unknown command '%s'\n", argv[1]);
	print_usage();
	return 64;
}
