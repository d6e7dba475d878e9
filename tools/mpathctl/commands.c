// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl: the commands on the live tree: list, show, create, add-path,
 * remove-path, set, delete, watch.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "mpathctl.h"

static const char *const text_json[] = { "text", "json", NULL };

static void check_name(const struct command *cmd, const char *what,
		       const char *name)
{
	if (!*name || strlen(name) > NAME_MAX || strchr(name, '/') ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		usage_error(cmd, "'%s' is not a %s name", name, what);
}

static void need_head(const char *head)
{
	need_cfs();
	if (!head_exists(head))
		die("no head '%s' (mpathctl list shows them)", head);
}

int cmd_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' }, OPT_HELP, { 0 },
	};
	struct head_info hi;
	struct opt_parser p;
	struct names heads;
	int c, i, ret, rc = 0, shown = 0;
	bool json = false;

	opt_init(&p, argc, argv, "o:", longopts, false);
	while ((c = opt_next(&p)) != -1)
		if (c == 'o')
			json = parse_output(p.cmd, optarg, text_json) == 1;
	opt_args(&p, 0, 0, "");
	opt_done(&p);
	need_cfs();
	ret = list_heads(&heads);
	if (ret)
		die("cannot list the heads: %s", strerror(-ret));
	if (json)
		printf("{\"version\":1,\"heads\":[");
	for (i = 0; i < heads.n; i++) {
		/* a head removed while it is read is not listed */
		ret = read_head(heads.v[i], &hi);
		if (ret) {
			if (ret != -ENOENT)
				rc = 1;
			continue;
		}
		if (json) {
			if (shown)
				putchar(',');
			json_head(stdout, &hi);
		} else {
			text_head(stdout, &hi, false);
		}
		shown++;
		free_head(&hi);
	}
	if (json)
		printf("]}\n");
	free_names(&heads);
	return rc;
}

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' }, OPT_HELP, { 0 },
	};
	struct head_info hi;
	struct opt_parser p;
	bool json = false;
	const char *head;
	int c, ret;

	opt_init(&p, argc, argv, "o:", longopts, false);
	while ((c = opt_next(&p)) != -1)
		if (c == 'o')
			json = parse_output(p.cmd, optarg, text_json) == 1;
	opt_args(&p, 1, 1, "HEAD");
	head = p.pos[0];
	opt_done(&p);
	need_head(head);
	ret = read_head(head, &hi);
	if (ret == -ENOENT)
		die("head '%s' does not exist (removed while it was read)", head);
	if (ret)
		return 1;
	if (json) {
		printf("{\"version\":1,\"head\":");
		json_head(stdout, &hi);
		printf("}\n");
	} else {
		text_head(stdout, &hi, true);
	}
	free_head(&hi);
	return 0;
}

/* the first free p<N> of a head */
static int free_path_name(const char *head, char *out, size_t len)
{
	int i;

	for (i = 0; i < 100000; i++) {
		snprintf(out, len, "p%d", i);
		if (!path_exists(head, out))
			return 0;
	}
	return -ENOSPC;
}

/*
 * Make path @name (NULL: the first free p<N>) of @head over @dev, with a
 * state and a NUMA node if given, enabled if @enable.  A path that cannot
 * be set up is removed again.  Errors are said on stderr.
 */
int add_path(const char *head, const char *dev, const char *name,
	     const char *state, const char *node, bool enable)
{
	char pname[NAME_LEN], dir[PATH_MAX];
	int ret;

	if (name) {
		snprintf(pname, sizeof(pname), "%s", name);
	} else if (free_path_name(head, pname, sizeof(pname))) {
		fprintf(stderr, "mpathctl: %s: no free path name\n", head);
		return -ENOSPC;
	}
	ret = rpath(dir, sizeof(dir), CFS "/%s/paths/%s", head, pname);
	if (!ret)
		ret = make_dir(dir);
	if (ret) {
		fprintf(stderr, "mpathctl: %s/%s: cannot create the path: %s\n",
			head, pname, strerror(-ret));
		if (hint(-ret))
			fprintf(stderr, "  hint: %s\n", hint(-ret));
		return ret;
	}
	ret = write_path_attr(head, pname, "device", dev);
	if (!ret && state)
		ret = write_path_attr(head, pname, "state", state);
	if (!ret && node)
		ret = write_path_attr(head, pname, "numa_node", node);
	if (!ret && enable)
		ret = write_path_attr(head, pname, "enable", "1");
	if (ret)
		rmdir(dir);
	return ret;
}

static int rm_entry(const char *file, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(file);
}

/* rmdir, or a negative errno said on stderr */
static int remove_dir(const char *what, const char *dir)
{
	int err;

	if (!rmdir(dir))
		return 0;
	err = errno;
	/* a fake tree's attribute files are plain files: rmdir -r */
	if (fake_tree && err == ENOTEMPTY &&
	    !nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS))
		return 0;
	fprintf(stderr, "mpathctl: %s: cannot remove: %s\n", what, strerror(err));
	return -err;
}

static int delete_head(const char *head)
{
	char dir[PATH_MAX], file[PATH_MAX], what[2 * NAME_LEN];
	struct names paths;
	int i, ret = 0;

	if (write_head_attr(head, "enable", "0"))
		return -1;
	if (!list_paths(head, &paths)) {
		for (i = 0; i < paths.n; i++) {
			snprintf(what, sizeof(what), "%s/%s", head, paths.v[i]);
			if (rpath(file, sizeof(file), CFS "/%s/paths/%s/enable",
				  head, paths.v[i]) ||
			    rpath(dir, sizeof(dir), CFS "/%s/paths/%s", head,
				  paths.v[i]))
				continue;
			write_file(file, "0");
			if (remove_dir(what, dir))
				ret = -1;
		}
		free_names(&paths);
	}
	if (!ret && (rpath(dir, sizeof(dir), CFS "/%s", head) ||
		     remove_dir(head, dir)))
		ret = -1;
	return ret;
}

int cmd_create(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "policy", required_argument, NULL, 'p' },
		{ "queue-if-no-path", no_argument, NULL, 'q' },
		{ "delayed-removal", required_argument, NULL, 'd' },
		{ "checker", required_argument, NULL, 'c' },
		{ "checker-interval", required_argument, NULL, 'i' },
		OPT_HELP, { 0 },
	};
	const char *policy = NULL, *delay = NULL, *checker = NULL;
	const char *interval = NULL, *head;
	char dir[PATH_MAX], disk[NAME_LEN];
	struct opt_parser p;
	bool qifnp = false;
	int c, i, ret;

	opt_init(&p, argc, argv, "p:qd:c:i:", longopts, false);
	while ((c = opt_next(&p)) != -1) {
		switch (c) {
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
		}
	}
	opt_args(&p, 2, -1, p.npos ? "DEVICE" : "HEAD and DEVICE");
	head = p.pos[0];
	check_name(p.cmd, "head", head);
	need_cfs();
	if (head_exists(head))
		die("head '%s' exists already", head);
	if (rpath(dir, sizeof(dir), CFS "/%s", head))
		die("%s: name too long", head);
	ret = make_dir(dir);
	if (ret)
		die("cannot create head %s: %s", head, strerror(-ret));
	if ((policy && write_head_attr(head, "iopolicy", policy)) ||
	    (qifnp && write_head_attr(head, "queue_if_no_path", "1")) ||
	    (delay && write_head_attr(head, "delayed_removal_secs", delay)) ||
	    (checker && write_head_attr(head, "checker", checker)) ||
	    (interval && write_head_attr(head, "checker_interval_secs", interval)))
		goto out_delete;
	for (i = 1; i < p.npos; i++)
		if (add_path(head, p.pos[i], NULL, NULL, NULL, true))
			goto out_delete;
	if (write_head_attr(head, "enable", "1"))
		goto out_delete;
	if (head_attr(head, "disk", disk, sizeof(disk)) <= 0)
		strcpy(disk, "?");
	printf("%s: /dev/%s over %d path%s\n", head, disk, p.npos - 1,
	       p.npos == 2 ? "" : "s");
	opt_done(&p);
	return 0;

out_delete:
	delete_head(head);
	opt_done(&p);
	return 1;
}

int cmd_add_path(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "state", required_argument, NULL, 's' },
		{ "numa-node", required_argument, NULL, 'N' },
		OPT_HELP, { 0 },
	};
	const char *name = NULL, *state = NULL, *node = NULL;
	struct opt_parser p;
	int c, ret;

	opt_init(&p, argc, argv, "n:s:N:", longopts, false);
	while ((c = opt_next(&p)) != -1) {
		switch (c) {
		case 'n':
			name = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'N':
			node = optarg;
			break;
		}
	}
	opt_args(&p, 2, 2, p.npos ? "DEVICE" : "HEAD and DEVICE");
	if (name)
		check_name(p.cmd, "path", name);
	need_head(p.pos[0]);
	ret = add_path(p.pos[0], p.pos[1], name, state, node, true);
	opt_done(&p);
	return ret ? 1 : 0;
}

/* a path of @head by name, or by its device, in @out */
static int find_path(const char *head, const char *which, char *out,
		     size_t len)
{
	char dev[PATH_MAX];
	struct names paths;
	int i, ret;

	ret = list_paths(head, &paths);
	if (ret)
		return ret;
	ret = -ENOENT;
	for (i = 0; i < paths.n && ret; i++) {
		if (!strcmp(paths.v[i], which) ||
		    (path_attr(head, paths.v[i], "device", dev, sizeof(dev)) > 0 &&
		     !strcmp(dev, which))) {
			snprintf(out, len, "%s", paths.v[i]);
			ret = 0;
		}
	}
	free_names(&paths);
	return ret;
}

int cmd_remove_path(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	char path[NAME_LEN], dir[PATH_MAX], what[2 * NAME_LEN];
	const char *head;
	struct opt_parser p;
	int ret;

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 2, 2, p.npos ? "PATH or DEVICE" : "HEAD and PATH");
	head = p.pos[0];
	need_head(head);
	if (find_path(head, p.pos[1], path, sizeof(path)))
		die("head %s has no path or device '%s'", head, p.pos[1]);
	opt_done(&p);
	snprintf(what, sizeof(what), "%s/%s", head, path);
	if (write_path_attr(head, path, "enable", "0"))
		return 1;
	if (rpath(dir, sizeof(dir), CFS "/%s/paths/%s", head, path))
		return 1;
	ret = remove_dir(what, dir);
	if (ret == -EBUSY)
		fprintf(stderr,
			"  hint: bios sent to it have not all completed yet; try again later\n");
	return ret ? 1 : 0;
}

static void join(const char *const *list, char *out, size_t len)
{
	size_t o = 0;

	out[0] = 0;
	for (; *list && o < len; list++)
		o += snprintf(out + o, len - o, "%s%s", o ? " " : "", *list);
}

int cmd_set(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	char head[NAME_LEN], path[NAME_LEN], list[512];
	const char *target, *attr, *value, *slash;
	struct opt_parser p;
	int ret;

	/* options first: a value may start with '-' (numa_node -1) */
	opt_init(&p, argc, argv, "", longopts, true);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 3, 3, p.npos == 2 ? "VALUE" :
		 p.npos == 1 ? "ATTRIBUTE and VALUE" : "HEAD, ATTRIBUTE and VALUE");
	target = p.pos[0];
	attr = p.pos[1];
	value = p.pos[2];
	slash = strchr(target, '/');
	snprintf(head, sizeof(head), "%.*s",
		 (int)(slash ? slash - target : (long)strlen(target)), target);
	need_head(head);
	if (slash) {
		if (find_path(head, slash + 1, path, sizeof(path)))
			die("head %s has no path or device '%s'", head, slash + 1);
		if (!in_list(path_attrs, attr)) {
			join(path_attrs, list, sizeof(list));
			die("a path has no attribute '%s' (%s)", attr, list);
		}
		ret = write_path_attr(head, path, attr, value);
	} else {
		if (!in_list(head_attrs, attr)) {
			join(head_attrs, list, sizeof(list));
			die("a head has no attribute '%s' (%s)", attr, list);
		}
		ret = write_head_attr(head, attr, value);
	}
	opt_done(&p);
	return ret ? 1 : 0;
}

int cmd_delete(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	struct opt_parser p;
	int ret;

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 1, 1, "HEAD");
	need_head(p.pos[0]);
	ret = delete_head(p.pos[0]);
	opt_done(&p);
	return ret ? 1 : 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* the last submitted count of each head/path, for the rates */
struct last_seen {
	char key[2 * NAME_LEN];
	long long submitted;
};

struct watch {
	struct last_seen *v;
	int n, cap;
};

static long long *last_of(struct watch *w, const char *head, const char *path)
{
	char key[2 * NAME_LEN];
	int i;

	snprintf(key, sizeof(key), "%s/%s", head, path);
	for (i = 0; i < w->n; i++)
		if (!strcmp(w->v[i].key, key))
			return &w->v[i].submitted;
	if (w->n == w->cap) {
		void *v;

		w->cap = w->cap ? 2 * w->cap : 16;
		v = realloc(w->v, w->cap * sizeof(*w->v));
		if (!v)
			die("out of memory");
		w->v = v;
	}
	snprintf(w->v[w->n].key, sizeof(w->v[w->n].key), "%s", key);
	w->v[w->n].submitted = -1;
	return &w->v[w->n++].submitted;
}

/* one round: a line per path (none in the first round, the baseline) */
static int watch_round(struct watch *w, const char *only, int round,
		       bool csv, double t, double dt)
{
	struct head_info hi;
	struct names heads;
	int i, j, ret;

	if (only) {
		heads.v = calloc(1, sizeof(*heads.v));
		if (!heads.v)
			die("out of memory");
		snprintf(heads.v[0], NAME_LEN, "%s", only);
		heads.n = 1;
	} else if (list_heads(&heads)) {
		return -1;
	}
	for (i = 0; i < heads.n; i++) {
		ret = read_head(heads.v[i], &hi);
		if (ret == -ENOENT && only) {
			free_names(&heads);
			return -ENOENT;
		}
		if (ret)
			continue;
		for (j = 0; j < hi.nr_paths; j++) {
			const struct path_info *pi = &hi.paths[j];
			long long *last = last_of(w, hi.name, pi->name);
			double iops = 0;

			if (round && *last >= 0 && dt > 0)
				iops = (pi->submitted - *last) / dt;
			*last = pi->submitted;
			if (!round)
				continue;
			if (csv)
				printf("%.2f,%s,%s,%.0f,%lld,%lld,%d,%s\n", t,
				       hi.name, pi->name, iops, pi->errors,
				       pi->failovers, pi->failed,
				       pi->attached ? pi->state : "detached");
			else
				printf("%-10s %-6s %-14s %10.0f %8lld %9lld %s\n",
				       hi.name, pi->name,
				       pi->attached ? pi->state : "detached",
				       iops, pi->errors, pi->failovers,
				       pi->failed ? "failed" : "");
		}
		free_head(&hi);
	}
	free_names(&heads);
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		OPT_HELP, { 0 },
	};
	static const char *const formats[] = { "text", "csv", NULL };
	double interval = 1, t0, t, tl;
	struct watch w = { 0 };
	const char *only = NULL;
	bool csv = false, tty = isatty(1);
	struct opt_parser p;
	long count = -1;
	char *end;
	int c, round;

	opt_init(&p, argc, argv, "i:n:o:", longopts, false);
	while ((c = opt_next(&p)) != -1) {
		switch (c) {
		case 'i':
			interval = strtod(optarg, &end);
			if (end == optarg || *end || !(interval >= 0))
				usage_error(p.cmd, "-i: '%s' is not a number of seconds",
					    optarg);
			break;
		case 'n':
			errno = 0;
			count = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || count < 0 ||
			    count > 1000000000)
				usage_error(p.cmd, "-n: '%s' is not a count", optarg);
			break;
		case 'o':
			csv = parse_output(p.cmd, optarg, formats) == 1;
			break;
		}
	}
	opt_args(&p, 0, 1, "");
	if (p.npos)
		only = p.pos[0];
	if (interval < 0.1)
		interval = 0.1;
	if (only)
		need_head(only);
	else
		need_cfs();
	if (csv)
		printf("time,head,path,iops,errors,failovers,failed,state\n");
	t0 = now_s();
	tl = t0;
	for (round = 0; count < 0 || round <= count; round++) {
		t = now_s();
		if (!csv && tty && count < 0)
			printf("\033[H\033[2J");
		if (!csv && round)
			printf("--- %.1f s\n%-10s %-6s %-14s %10s %8s %9s %s\n",
			       t - t0, "HEAD", "PATH", "STATE", "IOPS", "ERRORS",
			       "FAILOVERS", "");
		if (watch_round(&w, only, round, csv, t - t0, t - tl) == -ENOENT) {
			fflush(stdout);
			die("head '%s' does not exist (removed while watched)",
			    only);
		}
		fflush(stdout);
		tl = t;
		if (count >= 0 && round == count)
			break;
		usleep(interval * 1e6);
	}
	free(w.v);
	opt_done(&p);
	return 0;
}
