/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mpathctl: what the files of the tool share.
 *
 *   main.c         the command line: the command table, the usage texts,
 *                  option parsing helpers, --help and --version
 *   cfs.c          mpathdemo's configfs tree and the head disks' sysfs
 *                  files: reading and writing attributes, listing heads
 *                  and paths, a head or a path read whole (or gone), the
 *                  errno hints
 *   render.c       the text and JSON views of a head
 *   commands.c     list, show, create, add-path, remove-path, set, delete,
 *                  watch
 *   saverestore.c  the configuration file (mpathdemo.conf(5)): save,
 *                  restore, the stable device names, a device's identity
 *                  and the match of a saved path
 *   hotplug.c      the udev side: is-path and udev-add
 *
 * Every buffer is the caller's: no function returns a pointer into static
 * storage.  Errors are negative errno values; ENOENT from a head's or a
 * path's directory or attribute means that it is gone (removed while it
 * was read).
 */
#ifndef MPATHCTL_H
#define MPATHCTL_H

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdnoreturn.h>

#ifndef MPATHCTL_VERSION
#error "build with -DMPATHCTL_VERSION='\"<the top-level VERSION file>\"'"
#endif

#define CFS		"/sys/kernel/config/mpathdemo"
#define CONF		"/etc/mpathdemo.conf"
#define LOCK_FILE	"/run/mpathctl.lock"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* sysexits.h's EX_USAGE: a command line that is wrong */
#define EXIT_USAGE	64

#define NAME_LEN	(NAME_MAX + 1)
#define VALUE_LEN	256

/* ---- main.c ---- */

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *synopsis;	/* the arguments, one line */
	const char *summary;	/* what it does, one line */
	const char *help;	/* the options, a line each, or NULL */
};

/* getopt_long over a command's arguments (main.c) */
struct opt_parser {
	const struct command *cmd;
	int argc;
	char **argv;
	char shortopts[64];
	const struct option *longopts;
	char **pos;		/* the arguments that are no options */
	int npos;
};

#define OPT_HELP	{ "help", no_argument, NULL, 'h' }

void opt_init(struct opt_parser *p, int argc, char **argv,
	      const char *shortopts, const struct option *longopts,
	      bool options_first);
int opt_next(struct opt_parser *p);
void opt_args(struct opt_parser *p, int min, int max, const char *names);
void opt_done(struct opt_parser *p);
const struct command *find_command(const char *name);
[[gnu::format(printf, 2, 3)]] noreturn
void usage_error(const struct command *cmd, const char *fmt, ...);
void command_help(const struct command *cmd, FILE *f);
int parse_output(const struct command *cmd, const char *arg,
		 const char *const *formats);
[[gnu::format(printf, 1, 2)]] noreturn void die(const char *fmt, ...);

/* ---- cfs.c ---- */

/* MPATHCTL_ROOT: the prefix of every file the tool opens ("" normally) */
extern const char *root;
/* true under MPATHCTL_ROOT: a fake tree of plain files and directories */
extern bool fake_tree;

[[gnu::format(printf, 3, 4)]]
int rpath(char *out, size_t len, const char *fmt, ...);
int read_text(const char *file, char *buf, size_t len);
[[gnu::format(printf, 3, 4)]]
int read_rtext(char *buf, size_t len, const char *fmt, ...);
int head_attr(const char *head, const char *name, char *buf, size_t len);
int path_attr(const char *head, const char *path, const char *name,
	      char *buf, size_t len);
int write_file(const char *file, const char *value);
int write_attr(const char *what, const char *file, const char *value);
int write_head_attr(const char *head, const char *name, const char *value);
int write_path_attr(const char *head, const char *path, const char *name,
		    const char *value);
int make_dir(const char *file);
const char *hint(int err);
void need_cfs(void);
bool head_exists(const char *head);
bool path_exists(const char *head, const char *path);

/* the subdirectories of a directory, sorted; free_names() frees them */
struct names {
	char (*v)[NAME_LEN];
	int n;
};

int list_dirs(const char *dir, struct names *out);
int list_heads(struct names *out);
int list_paths(const char *head, struct names *out);
void free_names(struct names *n);

extern const char *const head_attrs[];	/* set can write them */
extern const char *const path_attrs[];
bool in_list(const char *const *list, const char *s);

/* a path, read whole */
struct path_info {
	char name[NAME_LEN];
	char device[PATH_MAX];
	char state[32], fault[16], alua[64], unique_id[VALUE_LEN];
	int numa_nodes[64];		/* numa_nodes: the list, expanded */
	int nr_numa_nodes;
	bool enabled, attached, failed, unready, preferred, manual;
	int numa_node;
	long long queue_depth, submitted, completed, errors, failovers;
};

/* a head, read whole, and its paths */
struct head_info {
	char name[NAME_LEN];
	char disk[NAME_LEN];
	char unique_id[VALUE_LEN];
	char iopolicy[32], pr_scope[16], checker[32];
	bool enabled, queue_if_no_path;
	long long size_bytes;
	long long delayed_removal_secs, checker_interval_secs;
	long long flap_failures, flap_window_secs, flap_hold_secs;
	long long queued, requeue_no_usable_path, fail_no_available_path;
	bool no_path_bound, no_path_expired;
	struct path_info *paths;
	int nr_paths;
};

int read_path(const char *head, const char *path, struct path_info *pi);
int read_head(const char *head, struct head_info *hi);
void free_head(struct head_info *hi);
bool path_usable(const struct path_info *pi);

/* ---- render.c ---- */

void json_head(FILE *f, const struct head_info *h);
void text_head(FILE *f, const struct head_info *h, bool verbose);
void human_size(long long bytes, char *out, size_t len);

/* ---- saverestore.c ---- */

/* what a block device is, by the names udev and sysfs give it */
struct dev_ident {
	char devnode[PATH_MAX];		/* /dev/sdb */
	unsigned int major, minor;
	bool have_rdev;
	char wwid[VALUE_LEN];		/* sysfs wwid, or udev's ID_SERIAL */
	char path_id[VALUE_LEN];	/* udev's ID_PATH (-partN), the route */
	char *links;			/* udev's DEVLINKS, space-separated */
};

/* a "path" line of the configuration file */
struct saved_path {
	char head[NAME_LEN], name[NAME_LEN];
	char device[PATH_MAX];
	char wwid[VALUE_LEN], path_id[VALUE_LEN];
	char state[32], numa_node[16];
	bool enable;
	int lineno;
};

/* saved and restored, in this order (enable last) */
extern const char *const head_saved[];
#define NR_HEAD_SAVED	9

/* a "head" line */
struct saved_head {
	char name[NAME_LEN];
	char value[NR_HEAD_SAVED][VALUE_LEN];	/* of head_saved[], or "" */
	bool enable;
	int lineno;
};

struct saved_conf {
	struct saved_head *heads;
	int nr_heads;
	struct saved_path *paths;
	int nr_paths;
};

int load_conf(const char *file, struct saved_conf *conf, bool quiet);
void free_conf(struct saved_conf *conf);
const struct saved_head *conf_head(const struct saved_conf *conf,
				   const char *name);
int ident_of(const char *devnode, bool from_env, struct dev_ident *id);
void free_ident(struct dev_ident *id);
bool same_device(const char *name, const struct dev_ident *id);
bool saved_path_matches(const struct saved_path *sp,
			const struct dev_ident *id);
int resolve_saved(const struct saved_path *sp, char *out, size_t len);
int lock_conf(void);
void unlock_conf(int fd);
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);

/* ---- commands.c ---- */

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_create(int argc, char **argv);
int cmd_add_path(int argc, char **argv);
int cmd_remove_path(int argc, char **argv);
int cmd_set(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int add_path(const char *head, const char *dev, const char *name,
	     const char *state, const char *node, bool enable);

/* ---- hotplug.c ---- */

int cmd_is_path(int argc, char **argv);
int cmd_udev_add(int argc, char **argv);

#endif
