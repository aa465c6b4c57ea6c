// SPDX-License-Identifier: GPL-2.0-or-later
/* Options shared by every command, and the per-command argp parse. */
#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "output-file.h"
#include "xalloc.h"

enum {
	OPT_SYSROOT = 0x100,
	OPT_COLOR,
	OPT_LIST_COLUMNS,
	OPT_OUTPUT_FILE,
};

static const struct argp_option common_options[] = {
	{ "json", 'J', NULL, 0,
	  "JSON output: one document (see pcirevoke(8) for the keys)", 0 },
	{ "raw", 'r', NULL, 0, "raw output: space-separated, no alignment", 0 },
	{ "pairs", 'P', NULL, 0, "KEY=\"value\" output", 0 },
	{ "noheadings", 'n', NULL, 0, "do not print headings", 0 },
	{ "output", 'o', "COL,...", 0, "columns to show; +COL,... adds to the defaults",
	  0 },
	{ "list-columns", OPT_LIST_COLUMNS, NULL, 0,
	  "list the available columns and exit", 0 },
	{ "color", OPT_COLOR, "WHEN", OPTION_ARG_OPTIONAL,
	  "colour: auto (the default, also for a bare --color: on a terminal, unless "
	  "NO_COLOR "
	  "is set), always, never",
	  0 },
	{ "output-file", OPT_OUTPUT_FILE, "FILE", 0,
	  "write the output to FILE atomically (a temporary file in the same directory, "
	  "renamed over FILE when complete), e.g. for node_exporter's textfile collector",
	  0 },
	{ "sysroot", OPT_SYSROOT, "DIR", 0,
	  "read every file under DIR instead of / (a captured system tree)", 0 },
	{ "verbose", 'v', NULL, 0, "more detail on stderr; twice for debug messages", 0 },
	{ "quiet", 'q', NULL, 0, "no warnings, only errors", 0 },
	{ "help", 'h', NULL, 0, "give this help list", -1 },
	{ 0 }
};

static const char *format_option(enum out_format f)
{
	switch (f) {
	case OUT_JSON:
		return "--json";
	case OUT_RAW:
		return "--raw";
	case OUT_PAIRS:
		return "--pairs";
	default:
		return "a table";
	}
}

/* -J, -r and -P choose one output format: two different ones are a usage error. */
static void set_format(struct pcr_ctx *ctx, enum out_format f, struct argp_state *state)
{
	if (ctx->format_set && ctx->out.format != f)
		argp_error(state, "%s and %s are mutually exclusive",
			   format_option(ctx->out.format), format_option(f));
	ctx->out.format = f;
	ctx->format_set = true;
}

enum cmd_format cmd_parse_format(const char *arg, struct argp_state *state)
{
	if (streq(arg, "text"))
		return CMD_FORMAT_TEXT;
	if (streq(arg, "json"))
		return CMD_FORMAT_JSON;
	if (streq(arg, "prometheus"))
		return CMD_FORMAT_PROMETHEUS;
	argp_error(state, "--format takes text, json or prometheus, not '%s'", arg);
	return CMD_FORMAT_DEFAULT;
}

int cmd_apply_format(struct pcr_ctx *ctx, enum cmd_format format)
{
	static const struct {
		int out; /* -1: a format of the command's own */
		const char *name;
	} formats[] = {
		[CMD_FORMAT_TEXT] = { OUT_TABLE, "text" },
		[CMD_FORMAT_JSON] = { OUT_JSON, "json" },
		[CMD_FORMAT_PROMETHEUS] = { -1, "prometheus" },
	};

	if (format == CMD_FORMAT_DEFAULT)
		return 0;
	if (ctx->format_set &&
	    (formats[format].out < 0 ||
	     ctx->out.format != (enum out_format)formats[format].out)) {
		log_error("--format %s and %s are mutually exclusive",
			  formats[format].name, format_option(ctx->out.format));
		return PCR_EXIT_USAGE;
	}
	if (formats[format].out >= 0)
		ctx->out.format = (enum out_format)formats[format].out;
	return 0;
}

static error_t common_parse(int key, char *arg, struct argp_state *state)
{
	struct pcr_ctx *ctx = state->input;

	switch (key) {
	case 'J':
		set_format(ctx, OUT_JSON, state);
		break;
	case 'r':
		set_format(ctx, OUT_RAW, state);
		break;
	case 'P':
		set_format(ctx, OUT_PAIRS, state);
		break;
	case 'n':
		ctx->out.noheadings = true;
		break;
	case 'o':
		ctx->out.columns = arg;
		break;
	case OPT_LIST_COLUMNS:
		ctx->out.list_columns = true;
		break;
	case OPT_COLOR:
		if (arg && !streq(arg, "auto") && !streq(arg, "always") &&
		    !streq(arg, "never"))
			argp_error(state, "--color takes auto, always or never, not '%s'",
				   arg);
		ctx->color_arg = arg ? arg : "auto";
		break;
	case OPT_OUTPUT_FILE:
		if (!*arg)
			argp_error(state, "--output-file needs a file name");
		ctx->output_file = arg;
		break;
	case OPT_SYSROOT:
		ctx->sysroot_arg = arg;
		break;
	case 'v':
		log_level++;
		break;
	case 'q':
		log_level = LOG_QUIET;
		break;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp common_argp = {
	.options = common_options,
	.parser = common_parse,
};

enum { OPT_DRIVER = 0x180 };

/* Device selection, as lspci selects: shared by list and audit (input: inventory_filter). */
static const struct argp_option filter_options[] = {
	{ NULL, 's', "[[[[DOM]:]BUS]:][DEV][.FN]", 0,
	  "only devices in this slot (as lspci -s)", 0 },
	{ NULL, 'd', "[VENDOR]:[DEVICE][:CLASS]", 0,
	  "only devices with this ID (as lspci -d)", 0 },
	{ "driver", OPT_DRIVER, "NAME", 0,
	  "only devices bound to driver NAME ('none': unbound)", 0 },
	{ 0 }
};

static error_t filter_parse(int key, char *arg, struct argp_state *state)
{
	struct inventory_filter *f = state->input;

	switch (key) {
	case 's':
		f->slot = arg;
		break;
	case 'd':
		f->id = arg;
		break;
	case OPT_DRIVER:
		f->driver = arg;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

const struct argp filter_argp = {
	.options = filter_options,
	.parser = filter_parse,
};

unsigned cmd_parse_jobs(const char *arg, struct argp_state *state)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || v > CMD_MAX_JOBS)
		argp_error(state,
			   "--jobs takes a number of threads from 0 to %d, not '%s'",
			   CMD_MAX_JOBS, arg);
	return (unsigned)v;
}

bool filter_active(const struct inventory_filter *f)
{
	return f->slot || f->id || f->driver;
}

bool problems_log(const struct pcr_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct pcr_problem *pr = &p->v[i];

		switch (pr->level) {
		case PROBLEM_INFO:
			log_info("%s", pr->msg);
			break;
		case PROBLEM_WARN:
			log_warn("%s", pr->msg);
			break;
		case PROBLEM_ERROR:
			log_error("%s", pr->msg);
			break;
		}
	}
	return problems_incomplete(p);
}

struct wrapped {
	const struct pcr_cmd *cmd;
	struct pcr_ctx *ctx;
	void *input;
};

static error_t wrapper_parse(int key, char *arg, struct argp_state *state)
{
	struct wrapped *w = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = w->input;
		state->child_inputs[1] = w->ctx;
		return 0;
	case ARGP_KEY_ARG:
		if (w->cmd->flags & CMD_OPERANDS)
			return ARGP_ERR_UNKNOWN;
		argp_error(state, "unexpected argument '%s'", arg);
		return 0;
	default:
		return ARGP_ERR_UNKNOWN;
	}
}

static void cmd_parse(struct pcr_ctx *ctx, const struct pcr_cmd *cmd, int argc,
		      char **argv, void *input)
{
	static const struct argp none = { 0 };
	struct argp_child children[] = {
		{ cmd->argp ? cmd->argp : &none, 0, NULL, 0 },
		{ &common_argp, 0, "Output and common options:", 0 },
		{ 0 },
	};
	struct argp wrapper = { .parser = wrapper_parse, .children = children };
	struct wrapped w = { .cmd = cmd, .ctx = ctx, .input = input };

	argp_parse(&wrapper, argc, argv, ARGP_IN_ORDER, NULL, &w);
}

/* Colour and the sysroot, from options that depend on each other. 0 or an exit status. */
static int cmd_setup(struct pcr_ctx *ctx, const struct pcr_cmd *cmd)
{
	const char *c = ctx->color_arg ? ctx->color_arg : "auto";
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int r;

	if (streq(c, "always"))
		ctx->out.color = 1;
	else if (streq(c, "never"))
		ctx->out.color = 0;
	else
		ctx->out.color = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
				 !(term && streq(term, "dumb"));

	r = sr_init(&ctx->sr, ctx->sysroot_arg);
	if (r < 0) {
		log_error("cannot use sysroot '%s': %s", ctx->sysroot_arg, strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	if ((cmd->flags & CMD_LIVE_ONLY) && !ctx->sr.live) {
		log_error("'%s' follows the live system and cannot read a sysroot ('%s')",
			  cmd->name, ctx->sr.path);
		return PCR_EXIT_USAGE;
	}
	if ((cmd->flags & CMD_NEEDS_ROOT) && ctx->sr.live && geteuid() != 0)
		log_info("'%s' sees only what this user may read; run it as root for a "
			 "complete answer",
			 cmd->name);
	return 0;
}

static void opts_freep(void **opts)
{
	free(*opts);
}

/* --output-file: standard output becomes a temporary file, renamed at the end. */
static int output_begin(const struct pcr_ctx *ctx, const struct pcr_cmd *cmd,
			struct out_file *of)
{
	int r;

	if (!ctx->output_file || (cmd->flags & CMD_NO_SETUP))
		return 0;
	if (cmd->flags & CMD_STREAMS) {
		log_error(
			"'%s' writes a stream of events, not one document: --output-file "
			"does not apply (redirect its output instead)",
			cmd->name);
		return PCR_EXIT_USAGE;
	}
	r = out_file_begin(of, ctx->output_file);
	if (r < 0) {
		log_error("cannot write next to '%s': %s", ctx->output_file,
			  strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	return 0;
}

static int output_end(struct out_file *of, int status)
{
	bool keep = status != PCR_EXIT_USAGE && !(status & PCR_EXIT_FAILURE);
	const char *path = of->path;
	int r;

	if (!path)
		return status;
	path = xstrdup(path);
	r = out_file_end(of, keep);
	if (r < 0) {
		log_error("cannot write '%s': %s", path, strerror(-r));
		status = PCR_EXIT_FAILURE;
	}
	free((char *)path);
	return status;
}

int cmd_main(struct pcr_ctx *ctx, const struct pcr_cmd *cmd, int argc, char **argv)
{
	_cleanup_(opts_freep) void *opts =
		xcalloc(1, cmd->opts_size ? cmd->opts_size : 1);
	struct out_file of = {};
	int r;

	if (cmd->opts_init)
		cmd->opts_init(opts);
	cmd_parse(ctx, cmd, argc, argv, opts);
	r = cmd->configure ? cmd->configure(ctx, opts) : 0;
	if (!r)
		r = output_begin(ctx, cmd, &of);
	if (r)
		goto out;
	if (!(cmd->flags & CMD_NO_SETUP)) {
		if (ctx->out.list_columns) {
			if (cmd->columns)
				out_print_columns(&ctx->out, cmd->columns, cmd->ncolumns,
						  cmd->default_columns);
			else if (cmd->columns_note)
				puts(cmd->columns_note);
			r = PCR_EXIT_CLEAN;
			goto out;
		}
		r = cmd_setup(ctx, cmd);
		if (r)
			goto out;
	}
	r = cmd->run(ctx, opts);
out:
	r = output_end(&of, r);
	if (cmd->opts_done)
		cmd->opts_done(opts);
	return r;
}
