// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl: mpathdemo's configfs tree and the head disks' sysfs files.
 *
 * One value per file.  A head or a path removed while it is read shows
 * as ENOENT, from its directory or from any of its attributes (configfs
 * answers ENOENT for the attribute of an item going away): read_head()
 * and read_path() then say it is gone, never half of it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/stat.h>

#include "mpathctl.h"

const char *root = "";
bool fake_tree;

/* what set writes, what the views show */
const char *const head_attrs[] = {
	"iopolicy", "pr_scope", "delayed_removal_secs", "queue_if_no_path",
	"checker", "checker_interval_secs", "flap_failures",
	"flap_window_secs", "flap_hold_secs", "enable", "revalidate", NULL,
};

const char *const path_attrs[] = {
	"device", "state", "numa_node", "fault", "enable", NULL,
};

bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/* @out: the root prefix and the formatted name; -ENAMETOOLONG if cut */
int rpath(char *out, size_t len, const char *fmt, ...)
{
	char tmp[PATH_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -ENAMETOOLONG;
	n = snprintf(out, len, "%s%s", root, tmp);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * The contents of a small file in @buf, trailing newlines cut.
 * Return: the length, or a negative errno.
 */
int read_text(const char *file, char *buf, size_t len)
{
	ssize_t n;
	int fd, err;

	if (!len)
		return -EINVAL;
	buf[0] = 0;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = 0;
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return n;
}

/* read_text() of a root-relative name */
int read_rtext(char *buf, size_t len, const char *fmt, ...)
{
	char tmp[PATH_MAX], file[PATH_MAX];
	va_list ap;
	int n;

	if (len)
		buf[0] = 0;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return -ENAMETOOLONG;
	n = rpath(file, sizeof(file), "%s", tmp);
	if (n)
		return n;
	return read_text(file, buf, len);
}

int head_attr(const char *head, const char *name, char *buf, size_t len)
{
	return read_rtext(buf, len, CFS "/%s/%s", head, name);
}

int path_attr(const char *head, const char *path, const char *name,
	      char *buf, size_t len)
{
	return read_rtext(buf, len, CFS "/%s/paths/%s/%s", head, path, name);
}

/*
 * Write @value to @file.  On a fake tree (MPATHCTL_ROOT) the attribute
 * files are plain files that mkdir did not make: created, replaced.
 */
int write_file(const char *file, const char *value)
{
	int fd, ret = 0, flags = O_WRONLY | O_CLOEXEC;
	size_t len = strlen(value);
	ssize_t n;

	if (fake_tree)
		flags |= O_CREAT | O_TRUNC;
	fd = open(file, flags, 0644);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

const char *hint(int err)
{
	switch (err) {
	case EBUSY:
		return "in use: close or disable the disk first, or another holder has the device";
	case ENODEV:
		return "no such head, or no enabled path yet";
	case EEXIST:
		return "it is already a path of this head, or the name exists";
	case ENOENT:
		return "no such file or device";
	case EINVAL:
		return "a value the driver does not accept (see the kernel line)";
	case ERANGE:
		return "out of range";
	case EACCES:
	case EPERM:
		return "run as root";
	default:
		return NULL;
	}
}

/* The last kernel log line about @what: the driver says why it refused. */
static void kernel_reason(const char *what)
{
	const size_t size = 1 << 20;
	char *log, *line, *save, *last = NULL;
	int len;

	log = malloc(size);
	if (!log)
		return;
	len = klogctl(3, log, size - 1);	/* SYSLOG_ACTION_READ_ALL */
	if (len > 0) {
		log[len] = 0;
		for (line = strtok_r(log, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (strstr(line, "mpathdemo: ") && strstr(line, what))
				last = line;
		if (last)
			fprintf(stderr, "  kernel: %s\n",
				strstr(last, "mpathdemo: "));
	}
	free(log);
}

/* write, or say what failed, why, and what the kernel logged */
int write_attr(const char *what, const char *file, const char *value)
{
	int ret = write_file(file, value);
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

int write_head_attr(const char *head, const char *name, const char *value)
{
	char file[PATH_MAX];
	int ret;

	ret = rpath(file, sizeof(file), CFS "/%s/%s", head, name);
	if (ret) {
		fprintf(stderr, "mpathctl: %s: name too long\n", head);
		return ret;
	}
	return write_attr(head, file, value);
}

int write_path_attr(const char *head, const char *path, const char *name,
		    const char *value)
{
	char file[PATH_MAX], what[2 * NAME_LEN];
	int ret;

	snprintf(what, sizeof(what), "%s/%s", head, path);
	ret = rpath(file, sizeof(file), CFS "/%s/paths/%s/%s", head, path, name);
	if (ret) {
		fprintf(stderr, "mpathctl: %s: name too long\n", what);
		return ret;
	}
	return write_attr(what, file, value);
}

/*
 * mkdir in configfs makes a head (with its paths/ group) or a path slot.
 * A fake tree has no configfs to make paths/: made here.
 */
int make_dir(const char *file)
{
	char sub[PATH_MAX];

	if (mkdir(file, 0755))
		return -errno;
	if (fake_tree) {
		snprintf(sub, sizeof(sub), "%s/paths", file);
		/* a head's directory is CFS/<head> (one level below CFS) */
		if (!strchr(file + strlen(root) + strlen(CFS "/"), '/'))
			mkdir(sub, 0755);
	}
	return 0;
}

void need_cfs(void)
{
	char dir[PATH_MAX];
	struct stat st;

	if (rpath(dir, sizeof(dir), CFS) || stat(dir, &st))
		die("%s not found: load the module (modprobe mpathdemo) and mount configfs",
		    dir);
}

bool head_exists(const char *head)
{
	char dir[PATH_MAX];
	struct stat st;

	if (!*head || strchr(head, '/') || !strcmp(head, ".") ||
	    !strcmp(head, ".."))
		return false;
	return !rpath(dir, sizeof(dir), CFS "/%s", head) && !stat(dir, &st) &&
	       S_ISDIR(st.st_mode);
}

bool path_exists(const char *head, const char *path)
{
	char dir[PATH_MAX];
	struct stat st;

	return !rpath(dir, sizeof(dir), CFS "/%s/paths/%s", head, path) &&
	       !stat(dir, &st) && S_ISDIR(st.st_mode);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* the subdirectories of @dir, sorted; a negative errno if unreadable */
int list_dirs(const char *dir, struct names *out)
{
	struct dirent *de;
	struct stat st;
	int cap = 0, err;
	DIR *d;

	out->v = NULL;
	out->n = 0;
	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &st, 0) ||
			    !S_ISDIR(st.st_mode))
				continue;
		} else if (de->d_type != DT_DIR) {
			continue;
		}
		if (out->n == cap) {
			void *v;

			cap = cap ? 2 * cap : 16;
			v = realloc(out->v, cap * sizeof(*out->v));
			if (!v) {
				err = -ENOMEM;
				goto fail;
			}
			out->v = v;
		}
		snprintf(out->v[out->n++], NAME_LEN, "%s", de->d_name);
	}
	closedir(d);
	/* sorted, so that the output is stable */
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_name);
	return 0;
fail:
	closedir(d);
	free_names(out);
	return err;
}

int list_heads(struct names *out)
{
	char dir[PATH_MAX];
	int ret = rpath(dir, sizeof(dir), CFS);

	return ret ? ret : list_dirs(dir, out);
}

int list_paths(const char *head, struct names *out)
{
	char dir[PATH_MAX];
	int ret = rpath(dir, sizeof(dir), CFS "/%s/paths", head);

	return ret ? ret : list_dirs(dir, out);
}

void free_names(struct names *n)
{
	free(n->v);
	n->v = NULL;
	n->n = 0;
}

/*
 * A number: a negative errno, or 0 with *@v set (@dflt for an empty file,
 * as the driver shows counters of what is not attached or enabled).
 */
static int num_of(const char *s, long long dflt, long long *v)
{
	char *end;

	if (!*s) {
		*v = dflt;
		return 0;
	}
	errno = 0;
	*v = strtoll(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

/* numa_nodes, a node list ("0-1,3"), expanded */
static int parse_nodes(const char *s, int *out, int max)
{
	long a, b;
	char *end;
	int n = 0;

	while (*s) {
		a = strtol(s, &end, 10);
		if (end == s || a < 0)
			return -EINVAL;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a)
				return -EINVAL;
		}
		for (; a <= b && n < max; a++)
			out[n++] = a;
		if (*end == ',')
			end++;
		else if (*end)
			return -EINVAL;
		s = end;
	}
	return n;
}

struct attr_read {
	const char *head, *path;
	char buf[VALUE_LEN];
	int err;		/* the first error */
	const char *bad;	/* the attribute of it */
};

/* attribute @name into @out; "" after an error */
static void get_into(struct attr_read *r, const char *name, char *out,
		     size_t len)
{
	int ret;

	out[0] = 0;
	if (r->err)
		return;
	if (r->path)
		ret = path_attr(r->head, r->path, name, out, len);
	else
		ret = head_attr(r->head, name, out, len);
	if (ret < 0) {
		r->err = ret;
		r->bad = name;
		out[0] = 0;
	}
}

static const char *get(struct attr_read *r, const char *name)
{
	get_into(r, name, r->buf, sizeof(r->buf));
	return r->buf;
}

/* a text attribute that is never empty while the object lives */
static void get_str(struct attr_read *r, const char *name, char *out,
		    size_t len)
{
	get_into(r, name, out, len);
	if (!r->err && !*out) {
		r->err = -ENOENT;
		r->bad = name;
	}
}

/* a number attribute; @dflt when empty */
static long long get_num(struct attr_read *r, const char *name, long long dflt)
{
	const char *v = get(r, name);
	long long n = dflt;

	if (!r->err && num_of(v, dflt, &n)) {
		r->err = -EINVAL;
		r->bad = name;
	}
	return n;
}

static void report(const struct attr_read *r)
{
	if (r->err == -ENOENT)
		return;		/* gone: the callers say so */
	if (r->path)
		fprintf(stderr, "mpathctl: %s/%s: cannot read %s: %s\n",
			r->head, r->path, r->bad, strerror(-r->err));
	else
		fprintf(stderr, "mpathctl: %s: cannot read %s: %s\n", r->head,
			r->bad, strerror(-r->err));
}

/*
 * Read every attribute of a path into @pi.
 * Return: 0, -ENOENT if the path is gone (or going), or another negative
 * errno (said on stderr).
 */
int read_path(const char *head, const char *path, struct path_info *pi)
{
	struct attr_read r = { .head = head, .path = path };
	long long v;
	int n;

	memset(pi, 0, sizeof(*pi));
	snprintf(pi->name, sizeof(pi->name), "%s", path);
	pi->enabled = get_num(&r, "enable", 0) == 1;
	/* the counters are empty while the path is not attached */
	v = get_num(&r, "submitted", -1);
	pi->attached = v >= 0;
	pi->submitted = v < 0 ? 0 : v;
	pi->failed = get_num(&r, "failed", 0) == 1;
	pi->unready = get_num(&r, "unready", 0) == 1;
	pi->queue_depth = get_num(&r, "queue_depth", 0);
	pi->completed = get_num(&r, "completed", 0);
	pi->errors = get_num(&r, "errors", 0);
	pi->failovers = get_num(&r, "failovers", 0);
	get_str(&r, "state", pi->state, sizeof(pi->state));
	get_str(&r, "fault", pi->fault, sizeof(pi->fault));
	/* empty until a device is written */
	get_into(&r, "device", pi->device, sizeof(pi->device));
	get_into(&r, "unique_id", pi->unique_id, sizeof(pi->unique_id));
	if (!*pi->unique_id)
		strcpy(pi->unique_id, "none");
	get_into(&r, "alua", pi->alua, sizeof(pi->alua));
	if (!*pi->alua)
		strcpy(pi->alua, "none");
	pi->numa_node = get_num(&r, "numa_node", -1);
	pi->preferred = get_num(&r, "preferred", 0) == 1;
	pi->manual = !strcmp(get(&r, "state_source"), "manual");
	n = parse_nodes(get(&r, "numa_nodes"), pi->numa_nodes,
			ARRAY_SIZE(pi->numa_nodes));
	if (!r.err && n < 0) {
		r.err = n;
		r.bad = "numa_nodes";
	}
	pi->nr_numa_nodes = n < 0 ? 0 : n;
	if (r.err)
		report(&r);
	return r.err;
}

bool path_usable(const struct path_info *pi)
{
	return pi->attached && !pi->failed && !pi->unready &&
	       (!strcmp(pi->state, "optimized") ||
		!strcmp(pi->state, "non-optimized"));
}

/* the disk's size and identifier: the disk comes and goes with enable */
static void read_disk(struct head_info *hi)
{
	char buf[64];
	long long sectors;

	hi->size_bytes = 0;
	strcpy(hi->unique_id, "none");
	if (!hi->enabled || !*hi->disk)
		return;
	if (read_rtext(buf, sizeof(buf), "/sys/block/%s/size", hi->disk) > 0 &&
	    !num_of(buf, 0, &sectors) && sectors >= 0)
		hi->size_bytes = sectors * 512;
	if (read_rtext(hi->unique_id, sizeof(hi->unique_id),
		       "/sys/block/%s/mpathdemo/unique_id", hi->disk) <= 0)
		strcpy(hi->unique_id, "none");
}

/*
 * Read a head and its paths into @hi (free_head() frees the paths).  A
 * path gone while it is read is left out.
 * Return: 0, -ENOENT if the head is gone (or going), or another negative
 * errno (said on stderr).
 */
int read_head(const char *head, struct head_info *hi)
{
	struct attr_read r = { .head = head };
	struct names paths;
	int i, ret;

	memset(hi, 0, sizeof(*hi));
	if (!head_exists(head))
		return -ENOENT;
	snprintf(hi->name, sizeof(hi->name), "%s", head);
	hi->enabled = get_num(&r, "enable", 0) == 1;
	get_str(&r, "disk", hi->disk, sizeof(hi->disk));
	get_str(&r, "iopolicy", hi->iopolicy, sizeof(hi->iopolicy));
	get_str(&r, "pr_scope", hi->pr_scope, sizeof(hi->pr_scope));
	get_str(&r, "checker", hi->checker, sizeof(hi->checker));
	hi->queue_if_no_path = get_num(&r, "queue_if_no_path", 0) == 1;
	hi->delayed_removal_secs = get_num(&r, "delayed_removal_secs", 0);
	hi->checker_interval_secs = get_num(&r, "checker_interval_secs", 0);
	hi->flap_failures = get_num(&r, "flap_failures", 0);
	hi->flap_window_secs = get_num(&r, "flap_window_secs", 0);
	hi->flap_hold_secs = get_num(&r, "flap_hold_secs", 0);
	/* the no-path counters are empty while the head is disabled */
	hi->queued = get_num(&r, "queued", 0);
	hi->requeue_no_usable_path = get_num(&r, "requeue_no_usable_path", 0);
	hi->fail_no_available_path = get_num(&r, "fail_no_available_path", 0);
	hi->no_path_bound = get_num(&r, "no_path_bound", 0) == 1;
	hi->no_path_expired = get_num(&r, "no_path_expired", 0) == 1;
	if (r.err) {
		report(&r);
		return r.err;
	}
	read_disk(hi);

	ret = list_paths(head, &paths);
	if (ret) {
		if (ret != -ENOENT)
			fprintf(stderr, "mpathctl: %s: cannot list the paths: %s\n",
				head, strerror(-ret));
		return ret;
	}
	hi->paths = calloc(paths.n ? paths.n : 1, sizeof(*hi->paths));
	if (!hi->paths) {
		free_names(&paths);
		return -ENOMEM;
	}
	for (i = 0; i < paths.n; i++) {
		ret = read_path(head, paths.v[i], &hi->paths[hi->nr_paths]);
		if (!ret)
			hi->nr_paths++;
		else if (ret != -ENOENT)
			break;
		ret = 0;
	}
	free_names(&paths);
	/* the paths were read after the head: is it still there? */
	if (!ret && !head_exists(head))
		ret = -ENOENT;
	if (ret)
		free_head(hi);
	return ret;
}

void free_head(struct head_info *hi)
{
	free(hi->paths);
	hi->paths = NULL;
	hi->nr_paths = 0;
}
