// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl: the udev side.  69-mpathdemo-paths.rules runs
 *
 *   mpathctl is-path $devnode     a path: hide it from blkid, LVM, systemd
 *   mpathctl udev-add $devnode    a saved path: add it back to its head
 *
 * for every block device udev adds.  is-path (PROGRAM) runs before udev
 * makes the /dev/disk links, udev-add (RUN) after, when a link may still
 * name a gone path's device: a saved path is known by its route (ID_PATH)
 * and its identifier (the sysfs wwid, or ID_SERIAL), in the environment
 * udev gives the programs of its rules (DEVNAME is the device), and a
 * path whose device is gone takes the one that came back on its route.
 * saverestore.c has the match.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "mpathctl.h"

static bool under_udev;

/* to stderr, and to syslog when udev runs us (its RUN has no terminal) */
[[gnu::format(printf, 2, 3)]]
static void note(int prio, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mpathctl: udev-add: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (under_udev && prio != LOG_DEBUG) {
		va_start(ap, fmt);
		vsyslog(prio, fmt, ap);
		va_end(ap);
	}
}

/*
 * Is the device of @id claimed, as a head claims the device of each
 * enabled path (it opens it exclusively)?  A name does not tell which
 * device a head holds: udev runs the programs of RUN after it made the
 * device's links, and a path whose device went away keeps its name, which
 * names the device that comes back.  On a fake tree (MPATHCTL_ROOT) the
 * nodes are the host's devices: names only.
 */
static bool claimed(const struct dev_ident *id)
{
	char file[PATH_MAX];
	int fd;

	if (fake_tree || rpath(file, sizeof(file), "%s", id->devnode))
		return true;
	fd = open(file, O_RDONLY | O_EXCL | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT && errno != ENXIO && errno != ENODEV;
	close(fd);
	return false;
}

/* the head and path that use the device of @id now, if one does */
static bool used_by_head(const struct dev_ident *id, char *head, char *path)
{
	char dev[PATH_MAX];
	struct names heads, paths;
	bool found = false;
	int i, j, held = -1;

	if (list_heads(&heads))
		return false;
	for (i = 0; i < heads.n && !found; i++) {
		if (list_paths(heads.v[i], &paths))
			continue;
		for (j = 0; j < paths.n && !found; j++) {
			if (path_attr(heads.v[i], paths.v[j], "device", dev,
				      sizeof(dev)) <= 0 || !same_device(dev, id))
				continue;
			/* a name of it, but is it the device a head holds */
			if (held < 0)
				held = claimed(id);
			if (!held)
				continue;
			found = true;
			if (head)
				snprintf(head, NAME_LEN, "%s", heads.v[i]);
			if (path)
				snprintf(path, NAME_LEN, "%s", paths.v[j]);
		}
		free_names(&paths);
	}
	free_names(&heads);
	return found;
}

/* -f FILE (@file: the default under MPATHCTL_ROOT) and DEVICE */
static void parse_config_opt(int argc, char **argv, char *file, size_t len,
			     const char **dev)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'f' }, OPT_HELP, { 0 },
	};
	struct opt_parser p;
	int c;

	if (rpath(file, len, CONF))
		die("MPATHCTL_ROOT too long");
	opt_init(&p, argc, argv, "f:", longopts, false);
	while ((c = opt_next(&p)) != -1)
		if (c == 'f')
			snprintf(file, len, "%s", optarg);
	opt_args(&p, 1, 1, "DEVICE");
	*dev = p.pos[0];
	opt_done(&p);
}

/*
 * Is DEVICE a path: used by a head now, or a saved path of the
 * configuration (so that the rule hides it at boot, before the head is
 * restored)?  The exit status says.
 */
int cmd_is_path(int argc, char **argv)
{
	char file[PATH_MAX];
	struct saved_conf conf;
	struct dev_ident id;
	const char *dev;
	bool found;
	int i;

	parse_config_opt(argc, argv, file, sizeof(file), &dev);
	if (ident_of(dev, true, &id))
		return 1;
	found = used_by_head(&id, NULL, NULL);
	if (!found) {
		if (load_conf(file, &conf, true) >= 0) {
			for (i = 0; i < conf.nr_paths && !found; i++)
				found = saved_path_matches(&conf.paths[i], &id);
			free_conf(&conf);
		}
	}
	free_ident(&id);
	return found ? 0 : 1;
}

/* is @name in /dev now, and the device of @id (not only a link to come) */
static bool exists_as(const char *name, const struct dev_ident *id)
{
	struct dev_ident now;
	bool same;

	if (strncmp(name, "/dev/", 5) || ident_of(name, false, &now))
		return false;
	same = now.major == id->major && now.minor == id->minor;
	free_ident(&now);
	return same;
}

/*
 * Is the device of path @path of @head (named @dev) gone, the device of
 * @id (which no head holds) back in its place?  The path failed, and @dev
 * is no block device now or names the device of @id.  A failed path
 * whose device is another one, there (I/O errors, a fault), is not.
 */
static bool device_gone(const char *head, const char *path, const char *dev,
			const struct dev_ident *id)
{
	char failed[8], file[PATH_MAX];
	struct stat st;

	if (path_attr(head, path, "failed", failed, sizeof(failed)) <= 0 ||
	    strcmp(failed, "1"))
		return false;
	if (rpath(file, sizeof(file), "%s", dev) || stat(file, &st) ||
	    !S_ISBLK(st.st_mode))
		return true;
	return major(st.st_rdev) == id->major && minor(st.st_rdev) == id->minor;
}

/*
 * Give the path @sp, whose device is gone, the device @name: disable it
 * (the gone device's bios have failed over: it drains at once, or within
 * seconds), set the device, the saved state and NUMA node, and enable it
 * if saved so.  0 or a negative errno, said on stderr.
 */
static int replace_gone(const struct saved_path *sp, const char *name)
{
	char file[PATH_MAX];
	int ret, i;

	ret = write_path_attr(sp->head, sp->name, "enable", "0");
	if (ret)
		return ret;
	ret = rpath(file, sizeof(file), CFS "/%s/paths/%s/device", sp->head,
		    sp->name);
	if (ret)
		return ret;
	/* -EBUSY while the slot waits for the gone device's last bios */
	for (i = 0; i < 300; i++) {
		ret = write_file(file, name);
		if (ret != -EBUSY)
			break;
		usleep(100 * 1000);
	}
	if (ret)
		return write_path_attr(sp->head, sp->name, "device", name);
	if (*sp->state)
		ret = write_path_attr(sp->head, sp->name, "state", sp->state);
	if (!ret && *sp->numa_node)
		ret = write_path_attr(sp->head, sp->name, "numa_node",
				      sp->numa_node);
	if (!ret && sp->enable)
		ret = write_path_attr(sp->head, sp->name, "enable", "1");
	return ret;
}

/* add the device of @id as the saved path @sp; 0 or a negative errno */
static int add_saved(const struct saved_conf *conf,
		     const struct saved_path *sp, const struct dev_ident *id)
{
	const struct saved_head *h = conf_head(conf, sp->head);
	char dev[PATH_MAX], en[8];
	const char *name;
	int ret;

	if (!head_exists(sp->head)) {
		note(LOG_INFO, "%s is saved path %s/%s, but head %s %s",
		     id->devnode, sp->head, sp->name, sp->head,
		     "does not exist: nothing done (mpathctl restore makes it)");
		return 0;
	}
	/* the saved name if udev made it already, else the kernel's */
	name = exists_as(sp->device, id) ? sp->device : id->devnode;
	if (path_exists(sp->head, sp->name)) {
		if (path_attr(sp->head, sp->name, "device", dev, sizeof(dev)) <= 0)
			strcpy(dev, "none");
		if (!device_gone(sp->head, sp->name, dev, id)) {
			note(LOG_WARNING, "%s is saved path %s/%s, but %s/%s %s%s%s",
			     id->devnode, sp->head, sp->name, sp->head, sp->name,
			     "exists (device ", dev, "): left alone");
			return 0;
		}
		/* its device went away: this one is back on its route */
		ret = replace_gone(sp, name);
		if (ret) {
			note(LOG_ERR, "%s: giving it to path %s/%s failed: %s",
			     id->devnode, sp->head, sp->name, strerror(-ret));
			return ret;
		}
		note(LOG_NOTICE, "%s back as path %s/%s (device %s%s%s%s; its device was gone)",
		     id->devnode, sp->head, sp->name, name,
		     *sp->state ? ", state " : "", sp->state,
		     sp->enable ? ", enabled" : "");
		return 0;
	}
	ret = add_path(sp->head, name, sp->name, *sp->state ? sp->state : NULL,
		       *sp->numa_node ? sp->numa_node : NULL, sp->enable);
	if (ret) {
		note(LOG_ERR, "%s: adding it as %s/%s failed: %s", id->devnode,
		     sp->head, sp->name, strerror(-ret));
		return ret;
	}
	note(LOG_NOTICE, "%s added as path %s/%s (device %s%s%s%s)", id->devnode,
	     sp->head, sp->name, name, *sp->state ? ", state " : "",
	     sp->state, sp->enable ? ", enabled" : "");
	/* restore could not enable a head none of whose paths was there */
	if (h && h->enable && sp->enable &&
	    (head_attr(sp->head, "enable", en, sizeof(en)) <= 0 || en[0] != '1')) {
		ret = write_head_attr(sp->head, "enable", "1");
		if (ret)
			note(LOG_ERR, "head %s: enabling it failed: %s", sp->head,
			     strerror(-ret));
		else
			note(LOG_NOTICE, "head %s enabled (saved so)", sp->head);
	}
	return ret;
}

/*
 * DEVICE appeared: if it is a saved path and no head uses it, add it to
 * its head with its saved name, state and NUMA node (enabled if saved
 * so).  Nothing for a device that is no saved path, whose head does not
 * exist, or that a head uses already: udev may run it for every event.
 */
int cmd_udev_add(int argc, char **argv)
{
	char file[PATH_MAX], head[NAME_LEN], path[NAME_LEN];
	struct saved_conf conf;
	struct dev_ident id;
	const char *dev;
	int i, ret, lock, rc = 0;

	parse_config_opt(argc, argv, file, sizeof(file), &dev);
	under_udev = getenv("SEQNUM") && getenv("ACTION");
	if (under_udev)
		openlog("mpathctl", LOG_PID, LOG_DAEMON);
	ret = ident_of(dev, true, &id);
	if (ret) {
		note(LOG_ERR, "%s: not a block device: %s", dev, strerror(-ret));
		return 1;
	}
	lock = lock_conf();
	ret = load_conf(file, &conf, true);
	if (ret < 0) {
		unlock_conf(lock);
		free_ident(&id);
		if (ret == -ENOENT)
			return 0;
		note(LOG_ERR, "cannot read %s: %s", file, strerror(-ret));
		return 1;
	}
	if (used_by_head(&id, head, path)) {
		note(LOG_DEBUG, "%s is path %s/%s already", dev, head, path);
		goto out;
	}
	for (i = 0; i < conf.nr_paths; i++) {
		if (!saved_path_matches(&conf.paths[i], &id))
			continue;
		if (add_saved(&conf, &conf.paths[i], &id))
			rc = 1;
		/* one device is one path */
		break;
	}
out:
	unlock_conf(lock);
	free_conf(&conf);
	free_ident(&id);
	if (under_udev)
		closelog();
	return rc;
}
