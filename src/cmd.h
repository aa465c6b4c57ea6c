/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command table and the frame that runs every command (main.c). A command is data
 * plus one function: its entry names its argp, the size of the options struct that argp
 * fills, its columns and default columns (for --list-columns) and its flags. The frame
 * allocates and zeroes the options, calls opts_init, parses the command line (the
 * command's own options plus the common ones), answers --list-columns, sets up colour
 * and the sysroot (refusing a sysroot for CMD_LIVE_ONLY), calls run, and frees the
 * options with opts_done. run returns an exit status (exitcode.h); it logs the problems
 * its collectors returned (problems_log()) and decides the exit bits.
 */
#ifndef PCR_CMD_H
#define PCR_CMD_H

#include <argp.h>

#include "ctx.h"
#include "problems.h"

enum {
	CMD_LIVE_ONLY = 1 << 0,	 /* refuses --sysroot other than "/" */
	CMD_NEEDS_ROOT = 1 << 1, /* complete only as root; -v says so to other users */
	CMD_NO_SETUP = 1 << 2,	 /* no --list-columns, sysroot or colour (help) */
	CMD_OPERANDS = 1 << 3,	 /* its argp takes operands (help COMMAND) */
	CMD_STREAMS = 1 << 4,	 /* writes a stream (watch): no --output-file */
};

struct pcr_cmd {
	const char *name;
	const char *summary; /* one line for `pcirevoke --help` */
	const struct argp *argp;
	size_t opts_size; /* the struct argp fills (state->input), zeroed by the frame */
	void (*opts_init)(void *opts); /* defaults before parsing; may be NULL */
	void (*opts_done)(void *opts); /* frees what parsing allocated; may be NULL */
	/* after parsing, before --list-columns: options that change the output
	 * options (check --format, list -l); may be NULL */
	int (*configure)(struct pcr_ctx *ctx, void *opts); /* 0 or an exit status */
	const struct out_column *columns;		   /* for --list-columns */
	size_t ncolumns;
	const char *default_columns;
	const char *columns_note; /* --list-columns of a command without columns */
	unsigned flags;
	int (*run)(struct pcr_ctx *ctx, void *opts);
};

extern const struct pcr_cmd cmd_list, cmd_audit, cmd_check, cmd_watch;

/* The frame: run cmd with argv[0] "pcirevoke NAME". Returns the exit status. */
int cmd_main(struct pcr_ctx *ctx, const struct pcr_cmd *cmd, int argc, char **argv);

/* A command's --format: text, json (as -J) or prometheus (node_exporter metrics). */
enum cmd_format {
	CMD_FORMAT_DEFAULT,
	CMD_FORMAT_TEXT,
	CMD_FORMAT_JSON,
	CMD_FORMAT_PROMETHEUS
};

/* The --format argument; a usage error (exit 64) for anything else. */
enum cmd_format cmd_parse_format(const char *arg, struct argp_state *state);

/*
 * Apply a command's --format to the output options: -J, -r and -P that disagree with it
 * are a usage error. 0 or PCR_EXIT_USAGE (reported).
 */
int cmd_apply_format(struct pcr_ctx *ctx, enum cmd_format format);

/*
 * -j/--jobs N of the commands that scan processes: the threads of the scan (0 the
 * default, one per CPU this process may run on; 1 a single thread). A bad value is a
 * usage error through argp_error().
 */
#define CMD_JOBS_OPTION                                                                  \
	{                                                                                \
		"jobs", 'j', "N", 0,                                                     \
			"scan processes on N threads (default: one per CPU this "        \
			"process may run on, "                                           \
			"at most 16; 1: a single thread; the output is the same)",       \
			0                                                                \
	}
#define CMD_MAX_JOBS 1024
unsigned cmd_parse_jobs(const char *arg, struct argp_state *state);

/* Log the problems a collector returned; true when one made the result incomplete. */
bool problems_log(const struct pcr_problems *p);

/* The output-option child, shared by the top level and every command. */
extern const struct argp common_argp;

/*
 * -s, -d and --driver (lspci's device selection), a child of the commands that select
 * devices; its input is the command's struct inventory_filter (set
 * state->child_inputs[0] in ARGP_KEY_INIT).
 */
extern const struct argp filter_argp;
struct inventory_filter;
bool filter_active(const struct inventory_filter *f);

#endif
