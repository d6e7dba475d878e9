// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl: the configuration file, mpathdemo.conf(5): save, restore, the
 * stable names of the devices, and what identifies a saved path when udev
 * runs its rule (hotplug.c).
 *
 *   head NAME KEY=VALUE... enable=0|1
 *   path HEAD NAME device=DEVICE [path_id=ROUTE] [wwid=ID] state=STATE
 *        numa_node=NODE enable=0|1
 *
 * A value is percent-encoded (%20 a space, %25 a percent sign).  path_id
 * and wwid came with hotplug: a file without them (older mpathctl) still
 * restores, its devices found by name.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "mpathctl.h"

const char *const head_saved[NR_HEAD_SAVED + 1] = {
	"iopolicy", "pr_scope", "delayed_removal_secs", "queue_if_no_path",
	"checker", "checker_interval_secs", "flap_failures",
	"flap_window_secs", "flap_hold_secs", NULL,
};

#define BY_PATH		"/dev/disk/by-path/"

/* ---- values: percent-encoded, so that a value is one word ---- */

static void encode(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 4 < len; in++) {
		unsigned char c = *in;

		if (c <= ' ' || c >= 0x7f || c == '%' || c == '#')
			o += snprintf(out + o, len - o, "%%%02X", c);
		else
			out[o++] = c;
	}
	out[o] = 0;
}

/* %XX as the byte; a % not followed by two hex digits stays (old files) */
static void decode(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 1 < len; in++) {
		if (in[0] == '%' && isxdigit((unsigned char)in[1]) &&
		    isxdigit((unsigned char)in[2])) {
			char hex[3] = { in[1], in[2], 0 };

			out[o++] = (char)strtol(hex, NULL, 16);
			in += 2;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = 0;
}

/* the value of @key among the KEY=VALUE words, decoded; false if absent */
static bool word(char **w, int nw, const char *key, char *out, size_t len)
{
	size_t kl = strlen(key);
	int i;

	for (i = 0; i < nw; i++)
		if (!strncmp(w[i], key, kl) && w[i][kl] == '=') {
			decode(w[i] + kl + 1, out, len);
			return true;
		}
	if (len)
		out[0] = 0;
	return false;
}

static void *grow(void *v, int n, size_t size)
{
	/* room for one more, in steps of 16 */
	if (n % 16)
		return v;
	return realloc(v, (n + 16) * size);
}

/*
 * The heads and paths of @file.  A line that is neither is said on
 * stderr (unless @quiet) and counted.
 * Return: the number of bad lines, or a negative errno (file unreadable).
 */
int load_conf(const char *file, struct saved_conf *conf, bool quiet)
{
	char line[8192], *w[64], *save, v[VALUE_LEN];
	int nw, k, lineno = 0, bad = 0;
	FILE *f;

	memset(conf, 0, sizeof(*conf));
	f = fopen(file, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = 0;
		nw = 0;
		for (w[nw] = strtok_r(line, " \t", &save); w[nw] && nw < 63;
		     w[++nw] = strtok_r(NULL, " \t", &save))
			;
		if (!nw || w[0][0] == '#')
			continue;
		if (nw >= 2 && !strcmp(w[0], "head")) {
			struct saved_head *h;

			h = grow(conf->heads, conf->nr_heads, sizeof(*h));
			if (!h)
				goto nomem;
			conf->heads = h;
			h += conf->nr_heads++;
			memset(h, 0, sizeof(*h));
			decode(w[1], h->name, sizeof(h->name));
			h->lineno = lineno;
			for (k = 0; head_saved[k]; k++)
				word(w + 2, nw - 2, head_saved[k], h->value[k],
				     sizeof(h->value[k]));
			h->enable = word(w + 2, nw - 2, "enable", v, sizeof(v)) &&
				    v[0] == '1';
		} else if (nw >= 3 && !strcmp(w[0], "path")) {
			struct saved_path *p;

			p = grow(conf->paths, conf->nr_paths, sizeof(*p));
			if (!p)
				goto nomem;
			conf->paths = p;
			p += conf->nr_paths++;
			memset(p, 0, sizeof(*p));
			decode(w[1], p->head, sizeof(p->head));
			decode(w[2], p->name, sizeof(p->name));
			p->lineno = lineno;
			word(w + 3, nw - 3, "device", p->device, sizeof(p->device));
			word(w + 3, nw - 3, "path_id", p->path_id, sizeof(p->path_id));
			word(w + 3, nw - 3, "wwid", p->wwid, sizeof(p->wwid));
			word(w + 3, nw - 3, "state", p->state, sizeof(p->state));
			word(w + 3, nw - 3, "numa_node", p->numa_node,
			     sizeof(p->numa_node));
			p->enable = word(w + 3, nw - 3, "enable", v, sizeof(v)) &&
				    v[0] == '1';
		} else {
			if (!quiet)
				fprintf(stderr, "mpathctl: %s:%d: not a head or path line\n",
					file, lineno);
			bad++;
		}
	}
	fclose(f);
	return bad;
nomem:
	fclose(f);
	free_conf(conf);
	return -ENOMEM;
}

void free_conf(struct saved_conf *conf)
{
	free(conf->heads);
	free(conf->paths);
	memset(conf, 0, sizeof(*conf));
}

const struct saved_head *conf_head(const struct saved_conf *conf,
				   const char *name)
{
	int i;

	for (i = 0; i < conf->nr_heads; i++)
		if (!strcmp(conf->heads[i].name, name))
			return &conf->heads[i];
	return NULL;
}

/* ---- what a device is ---- */

/* the value of KEY= in udev's database of the device (E: lines) */
static bool udev_db(const struct dev_ident *id, const char *prefix,
		    char *out, size_t len)
{
	char file[PATH_MAX], line[4096];
	size_t pl = strlen(prefix);
	bool found = false;
	FILE *f;

	if (rpath(file, sizeof(file), "/run/udev/data/b%u:%u", id->major,
		  id->minor))
		return false;
	f = fopen(file, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, prefix, pl)) {
			snprintf(out, len, "%s", line + pl);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* the links of udev's database (S:disk/by-path/...), as /dev/ names */
static char *udev_db_links(const struct dev_ident *id)
{
	char file[PATH_MAX], line[4096];
	size_t len = 0, l;
	char *links = NULL, *n;
	FILE *f;

	if (rpath(file, sizeof(file), "/run/udev/data/b%u:%u", id->major,
		  id->minor))
		return NULL;
	f = fopen(file, "re");
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strncmp(line, "S:", 2))
			continue;
		l = strlen(line + 2) + 6;
		n = realloc(links, len + l + 1);
		if (!n)
			break;
		links = n;
		len += sprintf(links + len, "%s/dev/%s", len ? " " : "",
			       line + 2);
	}
	fclose(f);
	return links;
}

/* the first link (in name order) in /dev/disk/by-path to the device */
static bool by_path_link(const struct dev_ident *id, char *out, size_t len)
{
	char dir[PATH_MAX], file[PATH_MAX + NAME_LEN];
	struct dirent *de;
	struct stat st;
	bool found = false;
	DIR *d;

	if (rpath(dir, sizeof(dir), BY_PATH))
		return false;
	d = opendir(dir);
	if (!d)
		return false;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s%s", dir, de->d_name);
		if (stat(file, &st) || !S_ISBLK(st.st_mode) ||
		    major(st.st_rdev) != id->major ||
		    minor(st.st_rdev) != id->minor)
			continue;
		if (!found || strcmp(de->d_name, out) < 0)
			snprintf(out, len, "%s", de->d_name);
		found = true;
	}
	closedir(d);
	return found;
}

/* the device's wwid in sysfs (a partition: its disk's) */
static bool sysfs_wwid(const struct dev_ident *id, char *out, size_t len)
{
	static const char *const where[] = {
		"device/wwid", "wwid", "../device/wwid", "../wwid",
	};
	char part[16];
	unsigned int i;
	bool is_part;

	is_part = read_rtext(part, sizeof(part), "/sys/dev/block/%u:%u/partition",
			     id->major, id->minor) > 0;
	for (i = is_part ? 2 : 0; i < (is_part ? 4 : 2); i++)
		if (read_rtext(out, len, "/sys/dev/block/%u:%u/%s", id->major,
			       id->minor, where[i]) > 0)
			return true;
	/* a fake tree may have /sys/block/<name> only */
	for (i = 0; !is_part && i < 2; i++)
		if (read_rtext(out, len, "/sys/block/%s/%s",
			       strrchr(id->devnode, '/') + 1, where[i]) > 0)
			return true;
	out[0] = 0;
	return false;
}

/*
 * What identifies @devnode (a /dev name): its device number, its
 * identifier (sysfs wwid, else udev's ID_SERIAL) and its route (udev's
 * ID_PATH, -partN for a partition, as its /dev/disk/by-path link is
 * named).  @use_env: udev runs us, its properties of the device are in
 * the environment (DEVNAME is @devnode): the rule runs before udev makes
 * the links and writes its database.  Else from udev's database, or the
 * by-path link.
 * Return: 0, or a negative errno (not a block device).
 */
int ident_of(const char *devnode, bool use_env, struct dev_ident *id)
{
	char file[PATH_MAX], part[16];
	const char *env = getenv("DEVNAME");
	struct stat st;

	memset(id, 0, sizeof(*id));
	snprintf(id->devnode, sizeof(id->devnode), "%s", devnode);
	if (!strrchr(id->devnode, '/'))
		return -EINVAL;
	if (rpath(file, sizeof(file), "%s", devnode))
		return -ENAMETOOLONG;
	if (stat(file, &st))
		return -errno;
	if (!S_ISBLK(st.st_mode))
		return -ENOTBLK;
	id->major = major(st.st_rdev);
	id->minor = minor(st.st_rdev);
	id->have_rdev = true;
	sysfs_wwid(id, id->wwid, sizeof(id->wwid));
	if (use_env && env && !strcmp(env, devnode)) {
		const char *v = getenv("ID_PATH");

		if (v && *v) {
			v = getenv("DEVTYPE");
			if (v && !strcmp(v, "partition") && getenv("PARTN"))
				snprintf(id->path_id, sizeof(id->path_id),
					 "%s-part%s", getenv("ID_PATH"),
					 getenv("PARTN"));
			else
				snprintf(id->path_id, sizeof(id->path_id), "%s",
					 getenv("ID_PATH"));
		}
		v = getenv("ID_SERIAL");
		if (!*id->wwid && v)
			snprintf(id->wwid, sizeof(id->wwid), "%s", v);
		v = getenv("DEVLINKS");
		if (v)
			id->links = strdup(v);
		return 0;
	}
	if (udev_db(id, "E:ID_PATH=", id->path_id, sizeof(id->path_id)) &&
	    read_rtext(part, sizeof(part), "/sys/dev/block/%u:%u/partition",
		       id->major, id->minor) > 0) {
		size_t l = strlen(id->path_id);

		snprintf(id->path_id + l, sizeof(id->path_id) - l, "-part%s",
			 part);
	}
	if (!*id->path_id)
		by_path_link(id, id->path_id, sizeof(id->path_id));
	if (!*id->wwid)
		udev_db(id, "E:ID_SERIAL=", id->wwid, sizeof(id->wwid));
	id->links = udev_db_links(id);
	return 0;
}

void free_ident(struct dev_ident *id)
{
	free(id->links);
	id->links = NULL;
}

/* does @name (a /dev name, a link) name the device of @id */
bool same_device(const char *name, const struct dev_ident *id)
{
	char file[PATH_MAX];
	const char *l;
	size_t len = strlen(name);
	struct stat st;

	if (!*name || !id->have_rdev)
		return false;
	if (!strcmp(name, id->devnode))
		return true;
	/* udev's links (DEVLINKS): known before udev makes them */
	for (l = id->links; l && *l; l += strcspn(l, " "), l += *l == ' ') {
		if (!strncmp(l, name, len) && (l[len] == ' ' || !l[len]))
			return true;
	}
	return !rpath(file, sizeof(file), "%s", name) && !stat(file, &st) &&
	       S_ISBLK(st.st_mode) && major(st.st_rdev) == id->major &&
	       minor(st.st_rdev) == id->minor;
}

/*
 * Is @id the device of the saved path @sp?  Its route (path_id) when
 * saved, or the route its by-path name says (files of older mpathctl),
 * else its name; and its identifier when saved (a LUN mapped anew to the
 * same route is another device).
 */
bool saved_path_matches(const struct saved_path *sp,
			const struct dev_ident *id)
{
	if (*sp->path_id) {
		if (strcmp(sp->path_id, id->path_id))
			return false;
	} else if (!strncmp(sp->device, BY_PATH, strlen(BY_PATH)) &&
		   *id->path_id) {
		if (strcmp(sp->device + strlen(BY_PATH), id->path_id))
			return false;
	} else if (!strncmp(sp->device, "wwid:", 5)) {
		/* written by hand: every path of the LUN has it */
		if (!*id->wwid || strcmp(sp->device + 5, id->wwid))
			return false;
	} else if (!same_device(sp->device, id)) {
		return false;
	}
	if (*sp->wwid && strcmp(sp->wwid, id->wwid))
		return false;
	return true;
}

/*
 * The device of a saved path now, in @out: its saved name if that is the
 * device, else the one block device whose route and identifier match.
 * Return: 0, -ENODEV if there is none (yet), -ESTALE if the name is
 * another device now, -ENOTUNIQ if several match.
 */
int resolve_saved(const struct saved_path *sp, char *out, size_t len)
{
	char dir[PATH_MAX], dev[PATH_MAX], *c;
	bool stale = false, by_route;
	struct dev_ident id;
	struct dirent *de;
	int found = 0;
	DIR *d;

	if (*sp->device && strncmp(sp->device, "wwid:", 5) &&
	    !ident_of(sp->device, false, &id)) {
		stale = !saved_path_matches(sp, &id);
		free_ident(&id);
		if (!stale) {
			snprintf(out, len, "%s", sp->device);
			return 0;
		}
	}
	/* by its route (or a wwid: name): a name may be another disk's now */
	by_route = *sp->path_id || !strncmp(sp->device, "wwid:", 5) ||
		   !strncmp(sp->device, BY_PATH, strlen(BY_PATH));
	if (!by_route || rpath(dir, sizeof(dir), "/sys/block"))
		return stale ? -ESTALE : -ENODEV;
	d = opendir(dir);
	if (!d)
		return stale ? -ESTALE : -ENODEV;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(dev, sizeof(dev), "/dev/%s", de->d_name);
		/* cciss!c0d0 is /dev/cciss/c0d0 */
		for (c = dev; *c; c++)
			if (*c == '!')
				*c = '/';
		if (ident_of(dev, false, &id))
			continue;
		if (saved_path_matches(sp, &id) && !found++)
			snprintf(out, len, "%s", dev);
		free_ident(&id);
	}
	closedir(d);
	if (found > 1)
		return -ENOTUNIQ;
	if (found)
		return 0;
	return stale ? -ESTALE : -ENODEV;
}

/* restore and udev-add, one at a time: the lock, or -1 without /run */
int lock_conf(void)
{
	char file[PATH_MAX];
	int fd;

	if (rpath(file, sizeof(file), LOCK_FILE))
		return -1;
	fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX)) {
		close(fd);
		return -1;
	}
	return fd;
}

void unlock_conf(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* ---- save ---- */

/* the link in /dev/disk/<dir>/ to the device of @id, first by name */
static bool disk_link(const char *sub, const struct dev_ident *id, char *out,
		      size_t len)
{
	char dir[PATH_MAX], file[PATH_MAX + NAME_LEN], best[NAME_LEN] = "";
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (rpath(dir, sizeof(dir), "/dev/disk/%s/", sub))
		return false;
	d = opendir(dir);
	if (!d)
		return false;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s%s", dir, de->d_name);
		if (!stat(file, &st) && S_ISBLK(st.st_mode) &&
		    major(st.st_rdev) == id->major &&
		    minor(st.st_rdev) == id->minor &&
		    (!*best || strcmp(de->d_name, best) < 0))
			snprintf(best, sizeof(best), "%s", de->d_name);
	}
	closedir(d);
	if (*best)
		snprintf(out, len, "/dev/disk/%s/%s", sub, best);
	return *best;
}

/*
 * The name a path is saved by.  /dev/disk/by-path first: it names the
 * route (HBA port, target, LUN), so each path of a LUN keeps its own name
 * across reboots.  The LUN's own ids (by-id wwn-, scsi-, nvme-eui.) are
 * the same for every path, and udev points them at one path only: used
 * only when there is no by-path link (a dm or md device, say).
 */
static void stable_name(const char *dev, const struct dev_ident *id,
			char *out, size_t len)
{
	snprintf(out, len, "%s", dev);
	if (!id->have_rdev)
		return;
	if (!strncmp(dev, BY_PATH, strlen(BY_PATH)) && same_device(dev, id))
		return;
	if (disk_link("by-path", id, out, len) || disk_link("by-id", id, out, len))
		return;
	snprintf(out, len, "%s", dev);
	if (!strncmp(dev, "/dev/mapper/", 12) || !strncmp(dev, "/dev/md/", 8))
		return;		/* names their owners keep */
	fprintf(stderr, "mpathctl: warning: %s has no /dev/disk/by-path or by-id name\n", dev);
	fprintf(stderr, "  saved as is: after a reboot the name may be another device's\n");
}

static int save_head(FILE *f, const char *head)
{
	char v[VALUE_LEN], e[3 * VALUE_LEN], dev[PATH_MAX], name[PATH_MAX];
	char ename[3 * PATH_MAX];
	struct dev_ident id;
	struct names paths;
	int k, j, ret;

	encode(head, e, sizeof(e));
	fprintf(f, "head %s", e);
	for (k = 0; head_saved[k]; k++) {
		ret = head_attr(head, head_saved[k], v, sizeof(v));
		if (ret == -ENOENT && !head_exists(head))
			return ret;
		if (ret > 0) {
			encode(v, e, sizeof(e));
			fprintf(f, " %s=%s", head_saved[k], e);
		}
	}
	if (head_attr(head, "enable", v, sizeof(v)) < 0)
		return -ENOENT;
	fprintf(f, " enable=%s\n", v);
	ret = list_paths(head, &paths);
	if (ret)
		return ret;
	for (j = 0; j < paths.n; j++) {
		const char *p = paths.v[j];
		char state[32], node[16], src[16], en[8];

		if (path_attr(head, p, "device", dev, sizeof(dev)) <= 0 ||
		    path_attr(head, p, "state", state, sizeof(state)) <= 0 ||
		    path_attr(head, p, "numa_node", node, sizeof(node)) <= 0 ||
		    path_attr(head, p, "enable", en, sizeof(en)) <= 0)
			continue;	/* no device yet, or gone */
		/* the array gives the state: keep it so */
		if (path_attr(head, p, "state_source", src, sizeof(src)) > 0 &&
		    !strcmp(src, "auto"))
			strcpy(state, "auto");
		ident_of(dev, false, &id);
		stable_name(dev, &id, name, sizeof(name));
		encode(head, e, sizeof(e));
		fprintf(f, "path %s", e);
		encode(p, e, sizeof(e));
		encode(name, ename, sizeof(ename));
		fprintf(f, " %s device=%s", e, ename);
		if (*id.path_id) {
			encode(id.path_id, e, sizeof(e));
			fprintf(f, " path_id=%s", e);
		}
		if (*id.wwid) {
			encode(id.wwid, e, sizeof(e));
			fprintf(f, " wwid=%s", e);
		}
		fprintf(f, " state=%s numa_node=%s enable=%s\n", state, node, en);
		free_ident(&id);
	}
	free_names(&paths);
	return 0;
}

int cmd_save(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	char file[PATH_MAX], tmp[PATH_MAX];
	struct opt_parser p;
	struct names heads;
	time_t now = time(NULL);
	char date[64];
	int i, n = 0, ret, fd;
	FILE *f;

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 0, 1, "");
	if (p.npos)
		snprintf(file, sizeof(file), "%s", p.pos[0]);
	else if (rpath(file, sizeof(file), CONF))
		die("MPATHCTL_ROOT too long");
	need_cfs();
	ret = list_heads(&heads);
	if (ret)
		die("cannot list the heads: %s", strerror(-ret));
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= (int)sizeof(tmp))
		die("%s: name too long", file);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f)
		die("cannot write %s: %s", tmp, strerror(errno));
	if (!ctime_r(&now, date))
		strcpy(date, "?\n");
	fprintf(f, "# mpathdemo configuration, written by mpathctl save on %s", date);
	fprintf(f, "# mpathctl restore recreates it (the mpathdemo-restore unit does at boot);\n");
	fprintf(f, "# the format: mpathdemo.conf(5)\n");
	for (i = 0; i < heads.n; i++) {
		/* written to a buffer first: a head gone half-way is left out */
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);

		if (!m)
			die("out of memory");
		ret = save_head(m, heads.v[i]);
		fclose(m);
		if (!ret) {
			fwrite(buf, 1, len, f);
			n++;
		}
		free(buf);
	}
	free_names(&heads);
	if (fflush(f) || fsync(fileno(f)) || fclose(f) || rename(tmp, file)) {
		unlink(tmp);
		die("cannot write %s: %s", file, strerror(errno));
	}
	printf("saved %d head%s to %s\n", n, n == 1 ? "" : "s", file);
	opt_done(&p);
	return 0;
}

/* ---- restore ---- */

static int restore_head(const char *file, const struct saved_head *h)
{
	char dir[PATH_MAX];
	int k, ret = 0;

	if (!head_exists(h->name)) {
		ret = rpath(dir, sizeof(dir), CFS "/%s", h->name);
		if (!ret)
			ret = make_dir(dir);
		if (ret) {
			fprintf(stderr, "mpathctl: %s:%d: cannot create head %s: %s\n",
				file, h->lineno, h->name, strerror(-ret));
			return ret;
		}
	}
	for (k = 0; head_saved[k]; k++)
		if (*h->value[k] &&
		    write_head_attr(h->name, head_saved[k], h->value[k]))
			ret = -EINVAL;
	return ret;
}

/* 1: added, 0: waits for its device, negative: failed */
static int restore_path(const char *file, const struct saved_path *sp)
{
	char dev[PATH_MAX], dir[PATH_MAX], what[2 * NAME_LEN];
	int ret;

	snprintf(what, sizeof(what), "%s/%s", sp->head, sp->name);
	ret = resolve_saved(sp, dev, sizeof(dev));
	if (ret == -ENODEV) {
		printf("%s: %s is not there yet: added when it appears (udev)\n",
		       what, sp->device);
		return 0;
	}
	if (ret) {
		fprintf(stderr, "mpathctl: %s:%d: %s: %s\n", file, sp->lineno,
			what, ret == -ESTALE ?
			"the saved name is another device now (route or wwid differ)" :
			"several devices have its route and identifier");
		return ret;
	}
	ret = rpath(dir, sizeof(dir), CFS "/%s/paths/%s", sp->head, sp->name);
	if (!ret)
		ret = make_dir(dir);
	if (ret && ret != -EEXIST) {
		fprintf(stderr, "mpathctl: %s:%d: cannot create path %s: %s\n",
			file, sp->lineno, what, strerror(-ret));
		return ret;
	}
	ret = write_path_attr(sp->head, sp->name, "device", dev);
	if (*sp->state &&
	    write_path_attr(sp->head, sp->name, "state", sp->state))
		ret = -EINVAL;
	if (*sp->numa_node &&
	    write_path_attr(sp->head, sp->name, "numa_node", sp->numa_node))
		ret = -EINVAL;
	if (sp->enable && write_path_attr(sp->head, sp->name, "enable", "1"))
		ret = -EINVAL;
	return ret ? ret : 1;
}

int cmd_restore(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	char file[PATH_MAX];
	struct saved_conf conf;
	struct opt_parser p;
	int i, j, r, ret, lock, nh = 0, rc = 0;
	char en[8];

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 0, 1, "");
	if (p.npos)
		snprintf(file, sizeof(file), "%s", p.pos[0]);
	else if (rpath(file, sizeof(file), CONF))
		die("MPATHCTL_ROOT too long");
	need_cfs();
	lock = lock_conf();
	ret = load_conf(file, &conf, false);
	if (ret < 0)
		die("cannot read %s: %s", file, strerror(-ret));
	if (ret)
		rc = 1;
	for (j = 0; j < conf.nr_paths; j++)
		if (!conf_head(&conf, conf.paths[j].head)) {
			fprintf(stderr, "mpathctl: %s:%d: no head line for %s\n",
				file, conf.paths[j].lineno, conf.paths[j].head);
			rc = 1;
		}
	for (i = 0; i < conf.nr_heads; i++) {
		const struct saved_head *h = &conf.heads[i];
		bool has_path = false;

		if (restore_head(file, h))
			rc = 1;
		if (!head_exists(h->name))
			continue;
		for (j = 0; j < conf.nr_paths; j++) {
			if (strcmp(conf.paths[j].head, h->name))
				continue;
			r = restore_path(file, &conf.paths[j]);
			if (r < 0)
				rc = 1;
			if (r > 0)
				has_path = true;
		}
		if (!h->enable)
			continue;
		nh++;
		if (head_attr(h->name, "enable", en, sizeof(en)) > 0 && en[0] == '1')
			continue;
		if (!has_path) {
			printf("%s: no path is there yet: enabled when one appears (udev)\n",
			       h->name);
			continue;
		}
		if (write_head_attr(h->name, "enable", "1"))
			rc = 1;
	}
	unlock_conf(lock);
	printf("restored %d head%s from %s%s\n", nh, nh == 1 ? "" : "s", file,
	       rc ? ", with errors" : "");
	free_conf(&conf);
	opt_done(&p);
	return rc;
}
