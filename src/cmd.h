/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The command table: each cmd-*.c exports one struct pcr_cmd; main.c lists them. */
#ifndef PCR_CMD_H
#define PCR_CMD_H

#include <argp.h>

#include "ctx.h"

enum {
	CMD_LIVE_ONLY = 1 << 0, /* refuses --sysroot other than "/" */
};

struct pcr_cmd {
	const char *name;
	const char *summary; /* one line for `pcirevoke --help` */
	/* argv[0] is "pcirevoke NAME"; returns an exit status (exitcode.h) */
	int (*run)(struct pcr_ctx *ctx, int argc, char **argv);
	unsigned flags;
};

extern const struct pcr_cmd cmd_list, cmd_audit, cmd_check, cmd_watch;

/*
 * Parse a command's own options. The common options (output, --sysroot, -v, -q) are an
 * argp child of every command, so `pcirevoke list -J` and `pcirevoke -J list` agree.
 * input is passed to the command's parser as state->input. Usage errors exit 64 (argp).
 */
void cmd_parse(struct pcr_ctx *ctx, const struct argp *argp, int argc, char **argv,
	       void *input);

/* Resolve options that depend on each other (colour, sysroot); 0 or an exit status. */
int cmd_setup(struct pcr_ctx *ctx, const struct pcr_cmd *cmd);

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
