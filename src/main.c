// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pcirevoke: which processes can touch PCI BARs behind the driver's back, and will this
 * kernel stop them? The top level parses the common options up to the command name, then
 * hands the rest to the command (each command parses its own options with argp).
 */
#include <argp.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "exitcode.h"
#include "log.h"
#include "version.h"
#include "xalloc.h"

static const struct pcr_cmd cmd_help;

static const struct pcr_cmd *const commands[] = {
	&cmd_list, &cmd_audit, &cmd_check, &cmd_watch, &cmd_help,
};

const char *argp_program_bug_address = PCIREVOKE_BUGREPORT;

static void print_version(FILE *f, _unused_ struct argp_state *state)
{
	fputs("pcirevoke " PCIREVOKE_VERSION "\n"
	      "Copyright (C) the pcirevoke authors.\n"
	      "License GPL-2.0-or-later. This is free software; there is NO WARRANTY.\n"
	      "Home page: " PCIREVOKE_HOMEPAGE "\n",
	      f);
}

void (*argp_program_version_hook)(FILE *, struct argp_state *) = print_version;

struct top {
	struct pcr_ctx *ctx;
	int cmd_index; /* argv index of the command name, 0 if none */
};

static const struct pcr_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < ELEMENTSOF(commands); i++)
		if (streq(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static error_t top_parse(int key, char *arg, struct argp_state *state)
{
	struct top *top = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = top->ctx;
		break;
	case ARGP_KEY_ARG:
		/* the command: stop here; the rest belongs to it */
		if (!find_command(arg))
			argp_error(state, "unknown command '%s'", arg);
		top->cmd_index = state->next - 1;
		state->next = state->argc;
		break;
	case ARGP_KEY_END:
		if (!top->cmd_index)
			argp_error(state, "no command given");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static char *top_help_filter(int key, const char *text, _unused_ void *input)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (key != ARGP_KEY_HELP_POST_DOC)
		return (char *)text;
	f = open_memstream(&buf, &len);
	if (!f)
		return (char *)text;
	fputs("Commands:\n", f);
	for (size_t i = 0; i < ELEMENTSOF(commands); i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nRun 'pcirevoke COMMAND --help' for the options of each command.\n\n"
	      "Exit status: 0 clean, 1 findings, 2 incomplete (something could not be "
	      "read), "
	      "3 both, 4 operational failure, 64 usage error.",
	      f);
	fclose(f);
	return buf;
}

static const struct argp_child top_children[] = {
	{ &common_argp, 0,
	  "Output and common options (also accepted after the command):", 0 },
	{ 0 },
};

static const struct argp top_argp = {
	.parser = top_parse,
	.args_doc = "COMMAND [OPTION...]",
	.doc = "Which processes can touch PCI device memory (BARs) behind the driver's "
	       "back, "
	       "and will this kernel stop them?\n\n"
	       "pcirevoke lists each PCI device's BARs, finds processes that map them "
	       "through "
	       "sysfs, /proc/bus/pci, /dev/mem, VFIO or UIO, and says whether the "
	       "running "
	       "kernel revokes such mappings when a driver claims the region. It only "
	       "reads; "
	       "it never maps, writes to, binds or unbinds a device.",
	.children = top_children,
	.help_filter = top_help_filter,
};

/* pcirevoke help [COMMAND]: the top-level help, or "pcirevoke COMMAND --help". */
struct help_opts {
	const char *topic;
};

static error_t help_parse(int key, char *arg, struct argp_state *state)
{
	struct help_opts *o = state->input;

	if (key != ARGP_KEY_ARG)
		return ARGP_ERR_UNKNOWN;
	if (o->topic)
		argp_error(state, "unexpected argument '%s'", arg);
	o->topic = arg;
	return 0;
}

static const struct argp help_argp = {
	.parser = help_parse,
	.args_doc = "[COMMAND]",
	.doc = "Show the help of pcirevoke, or of one command.",
};

static int help_run(struct pcr_ctx *ctx, void *opts)
{
	const struct help_opts *o = opts;
	static char help_opt[] = "--help";
	const struct pcr_cmd *cmd;
	_cleanup_free_ char *name = NULL;
	char *argv[3];

	if (!o->topic) {
		argp_help(&top_argp, stdout, ARGP_HELP_STD_HELP, (char *)"pcirevoke");
		return PCR_EXIT_CLEAN;
	}
	cmd = find_command(o->topic);
	if (!cmd || cmd == &cmd_help) {
		log_error("unknown command '%s'", o->topic);
		return PCR_EXIT_USAGE;
	}
	name = xasprintf("pcirevoke %s", cmd->name);
	argv[0] = name;
	argv[1] = help_opt;
	argv[2] = NULL;
	return cmd_main(ctx, cmd, 2, argv);
}

static const struct pcr_cmd cmd_help = {
	.name = "help",
	.summary = "show a command's help: pcirevoke help COMMAND",
	.argp = &help_argp,
	.opts_size = sizeof(struct help_opts),
	.flags = CMD_NO_SETUP | CMD_OPERANDS,
	.run = help_run,
};

/* Report a failed write to stdout (full disk, closed pipe) as an operational failure. */
static int close_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return status;
		log_error("write error on standard output: %s", strerror(errno));
		return PCR_EXIT_FAILURE;
	}
	return status;
}

int main(int argc, char **argv)
{
	struct pcr_ctx ctx = { .sr = { .dirfd = -1 } };
	struct top top = { .ctx = &ctx };
	const struct pcr_cmd *cmd;
	_cleanup_free_ char *name = NULL;
	char **sub_argv;
	int r;

	setlocale(LC_CTYPE, ""); /* UTF-8 tree lines; numbers stay in the C locale */
	argp_err_exit_status = PCR_EXIT_USAGE;
	argp_parse(&top_argp, argc, argv, ARGP_IN_ORDER, NULL, &top);

	sub_argv = argv + top.cmd_index;
	cmd = find_command(sub_argv[0]);
	name = xasprintf("pcirevoke %s", cmd->name);
	sub_argv[0] = name;

	r = cmd_main(&ctx, cmd, argc - top.cmd_index, sub_argv);
	sr_done(&ctx.sr);
	return close_stdout(r);
}
