// SPDX-License-Identifier: GPL-2.0
/*
 * mpathctl - the status and setup tool of mpathdemo heads: what
 * `multipath -ll` and `nvme show-topology` are for dm-multipath and NVMe.
 * mpathctl(8) describes every command; `mpathctl --help` lists them.
 *
 * It reads and writes mpathdemo's configfs tree and the head disks' sysfs
 * files, nothing else, so it is a plain C program with no library beyond
 * libc: it builds statically, runs in the test guest's busybox initramfs
 * and on any Debian machine.  MPATHCTL_ROOT prefixes every path it opens
 * (the host tests run it on a fake tree).
 *
 * This file: the command table, the usage texts, --help and --version,
 * and the option parsing every command shares (getopt_long: long and
 * short options, "--" ends them, an unknown option, a missing argument or
 * a wrong number of arguments exits 64, EX_USAGE).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mpathctl.h"

#define GLOBAL_SYNOPSIS	"[-h|--help] [-V|--version] COMMAND [OPTION...] [ARG...]"

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

/* an option's line of a command's help: the option, its meaning */
#define OPT_LINE(opt, text)	"  " opt "\t" text "\n"

static const struct command commands[] = {
	{ "list", cmd_list, "[-o text|json]",
	  "every head, one line each",
	  OPT_LINE("-o, --output FORMAT", "text (default), or json: mpathctl.schema.json") },
	{ "show", cmd_show, "[-o text|json] HEAD",
	  "a head and its paths",
	  OPT_LINE("-o, --output FORMAT", "text (default), or json: mpathctl.schema.json") },
	{ "create", cmd_create,
	  "[-p POLICY] [-q] [-d SECS] [-c CHECKER] [-i SECS] HEAD DEVICE...",
	  "make a head over the DEVICEs (paths p0, p1, ...) and enable it",
	  OPT_LINE("-p, --policy POLICY", "numa, round-robin, queue-depth or latency")
	  OPT_LINE("-q, --queue-if-no-path", "queue I/O without a usable path, unbounded")
	  OPT_LINE("-d, --delayed-removal SECS", "queue I/O without a path for SECS seconds")
	  OPT_LINE("-c, --checker CHECKER", "the path checker: none or directio")
	  OPT_LINE("-i, --checker-interval SECS", "seconds between two checks of a path") },
	{ "add-path", cmd_add_path, "[-n NAME] [-s STATE] [-N NODE] HEAD DEVICE",
	  "add DEVICE as a path of HEAD and enable it",
	  OPT_LINE("-n, --name NAME", "the path's name (default: the first free p<N>)")
	  OPT_LINE("-s, --state STATE", "optimized, non-optimized, inaccessible, ..., auto")
	  OPT_LINE("-N, --numa-node NODE", "the path's NUMA node (the numa policy)") },
	{ "remove-path", cmd_remove_path, "HEAD PATH|DEVICE",
	  "disable a path and remove it", NULL },
	{ "set", cmd_set, "HEAD[/PATH] ATTRIBUTE VALUE",
	  "write an attribute of a head or of a path\n\n"
	  "Options go before HEAD, so that a VALUE may start with '-'.\n"
	  "Head attributes: iopolicy pr_scope delayed_removal_secs queue_if_no_path\n"
	  "  checker checker_interval_secs flap_failures flap_window_secs\n"
	  "  flap_hold_secs enable revalidate\n"
	  "Path attributes: device state numa_node fault enable", NULL },
	{ "delete", cmd_delete, "HEAD",
	  "disable a head, remove its paths and the head", NULL },
	{ "save", cmd_save, "[FILE]",
	  "write every head and path to FILE\n"
	  "(default " CONF "; the format: mpathdemo.conf(5))", NULL },
	{ "restore", cmd_restore, "[FILE]",
	  "make the heads and paths saved in FILE\n"
	  "(default " CONF "); a path whose device is not there yet\n"
	  "is added when it appears (udev-add)",
	  NULL },
	{ "watch", cmd_watch, "[-i SECS] [-n COUNT] [-o text|csv] [HEAD]",
	  "per-path rates, refreshed",
	  OPT_LINE("-i, --interval SECS", "seconds between two refreshes (1; from 0.1)")
	  OPT_LINE("-n, --count COUNT", "stop after COUNT refreshes (default: never)")
	  OPT_LINE("-o, --output FORMAT", "text (default) or csv") },
	{ "is-path", cmd_is_path, "[-f FILE] DEVICE",
	  "exit 0 if a head uses DEVICE or FILE names it (the udev rule)",
	  OPT_LINE("-f, --config FILE", "the saved configuration (" CONF ")") },
	{ "udev-add", cmd_udev_add, "[-f FILE] DEVICE",
	  "add DEVICE to its head if FILE names it (the udev rule)",
	  OPT_LINE("-f, --config FILE", "the saved configuration (" CONF ")") },
	{ "help", cmd_help, "[COMMAND]",
	  "the commands, or the options of one", NULL },
	{ "version", cmd_version, "",
	  "the version, as --version", NULL },
};

const struct command *find_command(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *f)
{
	unsigned int i;

	fprintf(f, "usage: mpathctl " GLOBAL_SYNOPSIS "\n\ncommands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %s%s%s\n      %.*s\n", commands[i].name,
			*commands[i].synopsis ? " " : "", commands[i].synopsis,
			(int)strcspn(commands[i].summary, "\n"),
			commands[i].summary);
	fprintf(f, "\n'mpathctl COMMAND --help' shows a command's options,\n"
		"mpathctl(8) all of it.  Exit status: 0 done, 1 failed,\n"
		"64 a wrong command line.\n");
}

/* OPT_LINE()s, their meanings in one column */
static void print_options(FILE *f, const char *help)
{
	const char *tab, *nl;

	for (; *help; help = nl + 1) {
		tab = strchr(help, '\t');
		nl = strchr(help, '\n');
		if (!nl)
			break;
		if (tab && tab < nl)
			fprintf(f, "%-32.*s%.*s\n", (int)(tab - help), help,
				(int)(nl - tab - 1), tab + 1);
		else
			fprintf(f, "%.*s\n", (int)(nl - help), help);
	}
}

void command_help(const struct command *cmd, FILE *f)
{
	fprintf(f, "usage: mpathctl %s%s%s\n\n%s\n\noptions:\n", cmd->name,
		*cmd->synopsis ? " " : "", cmd->synopsis, cmd->summary);
	if (cmd->help)
		print_options(f, cmd->help);
	print_options(f, OPT_LINE("-h, --help", "this help"));
}

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mpathctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* what is wrong with the command line, and the one-line usage: exit 64 */
void usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mpathctl: %s%s", cmd ? cmd->name : "",
		cmd ? ": " : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nusage: mpathctl %s%s%s\n", cmd->name,
			*cmd->synopsis ? " " : "", cmd->synopsis);
	else
		fprintf(stderr, "\nusage: mpathctl " GLOBAL_SYNOPSIS "\n");
	exit(EXIT_USAGE);
}

/* the index of @arg in @formats, or a usage error */
int parse_output(const struct command *cmd, const char *arg,
		 const char *const *formats)
{
	char list[128] = "";
	size_t o = 0;
	int i;

	for (i = 0; formats[i]; i++) {
		if (!strcmp(arg, formats[i]))
			return i;
		o += snprintf(list + o, sizeof(list) - o, "%s%s", i ? ", " : "",
			      formats[i]);
	}
	usage_error(cmd, "unknown output format '%s' (%s)", arg, list);
}

void opt_init(struct opt_parser *p, int argc, char **argv, const char *shortopts,
	      const struct option *longopts, bool options_first)
{
	memset(p, 0, sizeof(*p));
	p->cmd = find_command(argv[0]);
	p->argc = argc;
	p->argv = argv;
	p->longopts = longopts;
	/*
	 * "-": every argument in order, options anywhere (also with
	 * POSIXLY_CORRECT); "+": options first, then the arguments (set:
	 * a value may start with '-').  ":": a missing argument is ':'.
	 */
	snprintf(p->shortopts, sizeof(p->shortopts), "%c:h%s",
		 options_first ? '+' : '-', shortopts);
	p->pos = calloc(argc + 1, sizeof(*p->pos));
	if (!p->pos)
		die("out of memory");
	/* 0: glibc initializes anew (the mode of main()'s "+" is gone) */
	optind = 0;
	opterr = 0;
}

/*
 * The next option of the command line, or -1 at its end; -h prints the
 * command's help and exits 0, a wrong option exits 64.  The arguments that
 * are no options are collected in p->pos.
 */
int opt_next(struct opt_parser *p)
{
	const char *word;
	int c;

	for (;;) {
		c = getopt_long(p->argc, p->argv, p->shortopts, p->longopts,
				NULL);
		/* the word getopt_long stopped at, when it was consumed */
		word = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";
		switch (c) {
		case 1:
			p->pos[p->npos++] = optarg;
			continue;
		case 'h':
			command_help(p->cmd, stdout);
			exit(0);
		case ':':
			/* the option's word is consumed: "--name" or "-xN" */
			if (!strncmp(word, "--", 2))
				usage_error(p->cmd, "option '%.*s' needs an argument",
					    (int)strcspn(word, "="), word);
			usage_error(p->cmd, "option '-%c' needs an argument",
				    optopt);
		case '?':
			/* optopt is 0 for an unknown long option */
			if (!optopt)
				usage_error(p->cmd, "unknown option '%.*s'",
					    (int)strcspn(word, "="), word);
			if (!strncmp(word, "--", 2) && strchr(word, '='))
				usage_error(p->cmd, "option '%.*s' takes no argument",
					    (int)strcspn(word, "="), word);
			usage_error(p->cmd, "unknown option '-%c'", optopt);
		case -1:
			while (optind < p->argc)
				p->pos[p->npos++] = p->argv[optind++];
			return -1;
		default:
			return c;
		}
	}
}

/* between @min and @max (-1: any) arguments, named by @names for errors */
void opt_args(struct opt_parser *p, int min, int max, const char *names)
{
	if (p->npos < min)
		usage_error(p->cmd, "missing %s", names);
	if (max >= 0 && p->npos > max)
		usage_error(p->cmd, "unexpected argument '%s'", p->pos[max]);
}

void opt_done(struct opt_parser *p)
{
	free(p->pos);
	p->pos = NULL;
}

static int cmd_help(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	const struct command *cmd;
	struct opt_parser p;

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 0, 1, "COMMAND");
	if (!p.npos) {
		print_usage(stdout);
	} else {
		cmd = find_command(p.pos[0]);
		if (!cmd)
			usage_error(p.cmd, "unknown command '%s'", p.pos[0]);
		command_help(cmd, stdout);
	}
	opt_done(&p);
	return 0;
}

static int cmd_version(int argc, char **argv)
{
	static const struct option longopts[] = { OPT_HELP, { 0 } };
	struct opt_parser p;

	opt_init(&p, argc, argv, "", longopts, false);
	while (opt_next(&p) != -1)
		;
	opt_args(&p, 0, 0, "");
	opt_done(&p);
	printf("mpathctl %s\n", MPATHCTL_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 },
	};
	const struct command *cmd;
	const char *r = getenv("MPATHCTL_ROOT"), *word;
	int c;

	if (r && *r && strcmp(r, "/")) {
		root = r;
		fake_tree = true;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_usage(stdout);
			return 0;
		case 'V':
			printf("mpathctl %s\n", MPATHCTL_VERSION);
			return 0;
		default:
			word = argv[optind - 1];
			if (!optopt)
				usage_error(NULL, "unknown option '%.*s'",
					    (int)strcspn(word, "="), word);
			if (!strncmp(word, "--", 2) && strchr(word, '='))
				usage_error(NULL, "option '%.*s' takes no argument",
					    (int)strcspn(word, "="), word);
			usage_error(NULL, "unknown option '-%c'", optopt);
		}
	}
	if (optind >= argc)
		usage_error(NULL, "no command ('mpathctl --help' lists them)");
	cmd = find_command(argv[optind]);
	if (!cmd)
		usage_error(NULL, "unknown command '%s'", argv[optind]);
	return cmd->fn(argc - optind, argv + optind);
}
