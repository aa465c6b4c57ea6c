// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pcirevoke audit: every process mapping of a PCI BAR (or of other physical memory through
 * /dev/mem), the door it came through, and whether the kernel would revoke it.
 */
#include <errno.h>
#include <inttypes.h>
#include <time.h>

#include "attribute.h"
#include "cmd-audit.h"
#include "cmd.h"
#include "evidence.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "proc-scan.h"
#include "verdict.h"
#include "xalloc.h"

enum {
	COL_PID,
	COL_COMM,
	COL_USER,
	COL_UID,
	COL_DEVICE,
	COL_BAR,
	COL_VIA,
	COL_PHYS,
	COL_PHYS_START,
	COL_PHYS_END,
	COL_SIZE,
	COL_OFFSET,
	COL_VMA,
	COL_VMA_END,
	COL_PERM,
	COL_DRIVER,
	COL_CLAIM,
	COL_STATE,
	COL_REVOCABLE,
	COL_VERDICT,
	COL_COVERS,
	COL_NOTE,
	COL_PATH,
	COL_INODE,
};

static const struct out_column columns[] = {
	[COL_PID] = { "PID", OUT_NUM, 6, OUT_COL_RIGHT, 0, "process ID" },
	[COL_COMM] = { "COMM", OUT_STR, 0.1, OUT_COL_TRUNC, 0, "command name" },
	[COL_USER] = { "USER", OUT_STR, 0.1, OUT_COL_TRUNC, 0,
		       "effective user of the process" },
	[COL_UID] = { "UID", OUT_NUM, 5, OUT_COL_RIGHT, 0, "effective user ID" },
	[COL_DEVICE] = { "DEVICE", OUT_STR, 12, 0, 0,
			 "PCI address of the mapped device" },
	[COL_BAR] = { "BAR", OUT_NUM, 3, OUT_COL_RIGHT, 0,
		      "BAR number (empty: several BARs, or no BAR)" },
	[COL_VIA] = { "VIA", OUT_STR, 8, 0, 0,
		      "door: sysfs, sysfs-wc, procfs, devmem, legacy-io, legacy-mem, "
		      "vfio, uio (none: --all-io)" },
	[COL_PHYS] = { "PHYS", OUT_STR, 23, 0, 0, "CPU physical range mapped" },
	[COL_PHYS_START] = { "PHYS_START", OUT_HEX, 10, OUT_COL_RIGHT, 0,
			     "CPU physical start address" },
	[COL_PHYS_END] = { "PHYS_END", OUT_HEX, 10, OUT_COL_RIGHT, 0,
			   "CPU physical end address (inclusive)" },
	[COL_SIZE] = { "SIZE", OUT_SIZE, 5, OUT_COL_RIGHT, 0, "size of the mapping" },
	[COL_OFFSET] = { "OFFSET", OUT_HEX, 6, OUT_COL_RIGHT, 0,
			 "offset of the mapping within the BAR" },
	[COL_VMA] = { "VMA", OUT_HEX, 14, OUT_COL_RIGHT, 0,
		      "virtual start address in the process" },
	[COL_VMA_END] = { "VMA_END", OUT_HEX, 14, OUT_COL_RIGHT, 0,
			  "virtual end address (exclusive)" },
	[COL_PERM] = { "PERM", OUT_STR, 4, 0, 0,
		       "permissions: rwx and s (shared) or p (private)" },
	[COL_DRIVER] = { "DRIVER", OUT_STR, 8, OUT_COL_TRUNC, 0,
			 "kernel driver bound to the device" },
	[COL_CLAIM] = { "CLAIM", OUT_STR, 8, OUT_COL_TRUNC, 0,
			"who claims the range (/proc/iomem): a driver's name, or what "
			"non-BAR memory is; empty: unclaimed" },
	[COL_STATE] = { "STATE", OUT_STR, 9, 0, 0,
			"revocable, revoked, exposed, conflict, managed, unknown or "
			"unattributed" },
	[COL_REVOCABLE] = { "REVOCABLE", OUT_BOOL, 3, 0, 0,
			    "whether a driver's claim of this range zaps the mapping" },
	[COL_VERDICT] = { "VERDICT", OUT_STR, 8, 0, 0,
			  "the door's verdict from pcirevoke check: active, inactive, "
			  "blocked (lockdown; an existing mapping is judged by "
			  "revocation itself), unavailable or unknown" },
	[COL_COVERS] = { "COVERS", OUT_STR, 0.1, OUT_COL_TRUNC, 0,
			 "the /proc/iomem entry holding a range that is not one BAR" },
	[COL_NOTE] = { "NOTE", OUT_STR, 0.2, OUT_COL_TRUNC, 0,
		       "details: derived VFIO region, spanned BARs, identified by path "
		       "only, ..." },
	[COL_PATH] = { "PATH", OUT_STR, 0.3, OUT_COL_TRUNC, 0,
		       "the mapped file as /proc/PID/maps names it" },
	[COL_INODE] = { "INODE", OUT_NUM, 8, OUT_COL_RIGHT, 0,
			"inode number of the mapped file" },
};

/* what fits 80 columns on a terminal; -o +USER,SIZE,OFFSET,VMA,PERM,DRIVER adds more */
#define DEFAULT_TEXT "PID,COMM,DEVICE,BAR,VIA,PHYS,CLAIM,STATE"
#define DEFAULT_JSON                                                                     \
	"PID,COMM,USER,UID,DEVICE,BAR,VIA,PHYS_START,PHYS_END,SIZE,OFFSET,VMA,VMA_END,"  \
	"PERM,"                                                                          \
	"DRIVER,CLAIM,STATE,REVOCABLE,VERDICT,COVERS,NOTE,PATH,INODE"

enum { SCOL_PROCESSES, SCOL_UNREADABLE, SCOL_VANISHED, SCOL_MAPPINGS, SCOL_FINDINGS };

static const struct out_column summary_columns[] = {
	[SCOL_PROCESSES] = { "PROCESSES", OUT_NUM, 5, 0, 0,
			     "processes whose maps were read" },
	[SCOL_UNREADABLE] = { "UNREADABLE", OUT_NUM, 5, 0, 0,
			      "processes whose maps could not be read" },
	[SCOL_VANISHED] = { "VANISHED", OUT_NUM, 5, 0, 0,
			    "processes that exited during the scan" },
	[SCOL_MAPPINGS] = { "MAPPINGS", OUT_NUM, 5, 0, 0, "mappings reported" },
	[SCOL_FINDINGS] = { "FINDINGS", OUT_NUM, 5, 0, 0,
			    "mappings exposed or in conflict" },
};

struct audit_opts {
	struct inventory_filter filter;
	bool filtered;
	pid_t *pids;
	size_t npids;
	bool all_io;
	enum cmd_format format;
	bool by_device;
	unsigned jobs;
};

enum { OPT_ALL_IO = 0x200, OPT_FORMAT, OPT_BY_DEVICE };

static const struct argp_option options[] = {
	{ "pid", 'p', "PID[,PID...]", 0, "only these processes", 0 },
	CMD_JOBS_OPTION,
	{ "all-io", OPT_ALL_IO, NULL, 0,
	  "also list I/O and PFN mappings (smaps VmFlags io/pf) that no door explains, "
	  "as "
	  "'unattributed' (slower: reads smaps)",
	  0 },
	{ "format", OPT_FORMAT, "FORMAT", 0,
	  "text (default), json (as -J) or prometheus (node_exporter textfile metrics: "
	  "mappings by state and door, findings, processes scanned and unreadable)",
	  0 },
	{ "metrics-by-device", OPT_BY_DEVICE, NULL, 0,
	  "with --format prometheus, also count mappings per device (one series per "
	  "mapped "
	  "device and state)",
	  0 },
	{ 0 }
};

static void parse_pids(struct audit_opts *o, const char *arg, struct argp_state *state)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long v;

		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || end == p || v <= 0 || v > INT32_MAX || (*end && *end != ','))
			argp_error(state, "--pid takes PID[,PID...], not '%s'", arg);
		o->pids = xreallocarray(o->pids, o->npids + 1, sizeof(*o->pids));
		o->pids[o->npids++] = (pid_t)v;
		p = *end ? end + 1 : end;
	}
	if (!o->npids)
		argp_error(state, "--pid takes PID[,PID...]");
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct audit_opts *o = state->input;

	switch (key) {
	case 'p':
		parse_pids(o, arg, state);
		break;
	case 'j':
		o->jobs = cmd_parse_jobs(arg, state);
		break;
	case OPT_ALL_IO:
		o->all_io = true;
		break;
	case OPT_FORMAT:
		o->format = cmd_parse_format(arg, state);
		break;
	case OPT_BY_DEVICE:
		o->by_device = true;
		break;
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->filter;
		break;
	case ARGP_KEY_END:
		o->filtered = filter_active(&o->filter);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &filter_argp, 0, "Device selection (mappings of these devices only):", 0 },
	{ 0 },
};

static const struct argp argp = {
	.options = options,
	.parser = parse_opt,
	.children = children,
	.doc = "Find every process that maps a PCI BAR, through sysfs resourceN, "
	       "/proc/bus/pci, /dev/mem, VFIO or UIO, and judge each mapping with the "
	       "door's "
	       "revocation verdict (as in pcirevoke check) and the BAR's claim in "
	       "/proc/iomem.\n\n"
	       "STATE is revocable (no claim now; a driver's claim would zap the "
	       "mapping), "
	       "revoked (claimed, and the kernel zapped it: the process gets SIGBUS on "
	       "its next "
	       "access), exposed (no claim; nothing would revoke it), conflict (claimed "
	       "and not "
	       "revocable: the process and the driver share live registers), managed "
	       "(VFIO or "
	       "UIO: the owning driver mediates access) or unknown.\n\n"
	       "A mapping counts by file identity: its device number must be that of a "
	       "real "
	       "sysfs, proc or devtmpfs mount in the process's own mount namespace, so a "
	       "copy "
	       "or an overmount carrying a BAR's path is never reported. Reading other "
	       "users' "
	       "maps needs root (CAP_SYS_PTRACE).\n\n"
	       "Examples:\n"
	       "  pcirevoke audit                  every process\n"
	       "  pcirevoke audit -p 1234 -J       one process, as JSON\n"
	       "  pcirevoke audit -s 03:00.0       mappings of one device\n"
	       "  pcirevoke audit --all-io         also unexplained I/O mappings\n"
	       "  pcirevoke audit --format prometheus \\\n"
	       "      --output-file "
	       "/var/lib/prometheus/node-exporter/pcirevoke-audit.prom\v"
	       "Exit status: 0 nothing found, 1 a mapping is exposed or in conflict, 2 "
	       "something "
	       "could not be read (3: both), 4 failure, 64 usage error.",
};

struct audit {
	struct pcr_ctx *ctx;
	struct audit_opts *o;
	struct out_table *t;

	bool loaded;	 /* evidence, verdicts and inventory: read at the first mapping */
	bool incomplete; /* a collector said its result lacks something */
	struct evidence ev;
	struct map_verdicts verdicts;
	struct pcr_inventory inv;
	struct pcr_inventory finv; /* the filtered devices (-s, -d, --driver) */

	struct user_names users;

	unsigned findings, unknown, shown;
	struct audit_tally tally; /* --format prometheus */
};

static void audit_load(struct audit *a)
{
	if (a->loaded)
		return;
	a->loaded = true;
	evidence_collect(&a->ctx->sr, &a->ev);
	a->incomplete |= problems_log(&a->ev.problems);
	map_verdicts_compute(&a->ev, &a->verdicts);
	inventory_load(&a->ctx->sr, NULL, &a->inv);
	a->incomplete |= problems_log(&a->inv.problems);
}

static const char *state_color(enum map_state s)
{
	switch (s) {
	case MAP_EXPOSED:
	case MAP_CONFLICT:
		return "red";
	case MAP_REVOKED:
	case MAP_UNKNOWN:
		return "yellow";
	case MAP_REVOCABLE:
		return "green";
	default:
		return NULL;
	}
}

/* NOTE: who manages the mapping, the attribution's remarks, a deleted file. */
static void set_note(struct out_row *r, const struct pcr_mapping *m,
		     const struct attribution *at)
{
	char note[sizeof(at->note) + 64];

	note[0] = '\0';
	if (at->manager)
		snprintf(note, sizeof(note), "managed by %s%s%s", at->manager,
			 at->note[0] ? "; " : "", at->note);
	else
		snprintf(note, sizeof(note), "%s", at->note);
	if (m->deleted)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
			 "%sfile deleted", note[0] ? "; " : "");
	if (m->identity_weak)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
			 "%sidentified by path only", note[0] ? "; " : "");
	if (note[0])
		out_set_str(r, COL_NOTE, note);
}

/* Where the mapping lies: device, BAR, physical range, offset, virtual range. */
static void set_place(struct out_row *r, const struct pcr_mapping *m,
		      const struct attribution *at)
{
	char buf[96];

	if (at->slot)
		out_set_str(r, COL_DEVICE, at->slot);
	if (at->bar_no >= 0)
		out_set_num(r, COL_BAR, at->bar_no);
	out_set_str(r, COL_VIA, map_via_name(at->via));
	if (at->phys_known) {
		snprintf(buf, sizeof(buf), "0x%" PRIx64 "-0x%" PRIx64, at->phys_start,
			 at->phys_end);
		out_set_str(r, COL_PHYS, buf);
		out_set_u64(r, COL_PHYS_START, at->phys_start);
		out_set_u64(r, COL_PHYS_END, at->phys_end);
	}
	out_set_u64(r, COL_SIZE, m->vma_end - m->vma_start);
	if (at->bar_offset_known)
		out_set_u64(r, COL_OFFSET, at->bar_offset);
	out_set_u64(r, COL_VMA, m->vma_start);
	out_set_u64(r, COL_VMA_END, m->vma_end);
	out_set_str(r, COL_PERM, m->perms);
	if (m->path)
		out_set_str(r, COL_PATH, m->path);
	out_set_num(r, COL_INODE, (int64_t)m->inode);
}

/* The judgement: driver, claim, state, revocability and the door's verdict. */
static void set_verdict(struct out_row *r, const struct attribution *at)
{
	const char *color = state_color(at->state);

	if (at->driver)
		out_set_str(r, COL_DRIVER, at->driver);
	if (at->claim_state == CLAIM_CLAIMED && at->claim)
		out_set_str(r, COL_CLAIM, at->claim);
	else if (at->claim_state == CLAIM_UNKNOWN && at->via != VIA_NONE)
		out_set_str(r, COL_CLAIM, "unknown");
	out_set_str(r, COL_STATE, map_state_name(at->state));
	if (color)
		out_set_color(r, COL_STATE, color);
	if (at->via != VIA_NONE) {
		out_set_bool(r, COL_REVOCABLE, at->revocable);
		out_set_str(r, COL_VERDICT, door_status_name(at->door_verdict));
	}
	if (at->covers)
		out_set_str(r, COL_COVERS, at->covers);
}

static void on_mapping(const struct proc_info *pi, const struct pcr_mapping *m,
		       void *userdata)
{
	struct audit *a = userdata;
	struct attribution at;
	struct out_row *r;

	audit_load(a);
	attribute_mapping(m, &a->inv, &a->ev, &a->verdicts, &at);

	if (a->o->filtered && (!at.slot || !inventory_find_slot(&a->finv, at.slot)))
		return;
	/* /dev/mem over RAM, ROM or firmware: no BAR mapping, shown only with --all-io */
	if (at.not_bar && !a->o->all_io)
		return;

	a->shown++;
	audit_tally_add(&a->tally, at.slot, at.via, at.state, a->o->by_device);
	if (map_state_is_finding(at.state))
		a->findings++;
	if (at.incomplete)
		a->unknown++;

	r = out_row_new(a->t, NULL);
	out_set_num(r, COL_PID, pi->pid);
	if (pi->comm[0])
		out_set_str(r, COL_COMM, pi->comm);
	if (pi->uid_known) {
		out_set_str(r, COL_USER, user_name(&a->users, &a->ctx->sr, pi->uid));
		out_set_num(r, COL_UID, pi->uid);
	}
	set_place(r, m, &at);
	set_verdict(r, &at);
	set_note(r, m, &at);
}

static void audit_done(struct audit *a)
{
	if (!a->o)
		return;
	if (a->loaded) {
		inventory_done(&a->inv);
		evidence_done(&a->ev);
	}
	if (a->o->filtered)
		inventory_done(&a->finv);
	audit_tally_done(&a->tally);
	user_names_done(&a->users);
}

static void opts_done(void *opts)
{
	struct audit_opts *o = opts;

	free(o->pids);
}

static const char *default_columns(const struct pcr_ctx *ctx, const struct audit_opts *o)
{
	if (ctx->out.format == OUT_JSON)
		return DEFAULT_JSON;
	/* --all-io rows are known by their file alone: show it */
	return o->all_io ? DEFAULT_TEXT ",PATH" : DEFAULT_TEXT;
}

/* "missing": the --pid processes that do not exist, as ps -p would complain. */
static const struct out_column missing_columns[] = {
	{ "PID", OUT_NUM, 6, 0, 0, "a process given with --pid that does not exist" },
};

static void add_missing(struct out_doc *doc, const pid_t *missing, unsigned n)
{
	struct out_table *t;

	if (!n)
		return;
	t = out_table_new(doc, "missing", missing_columns, ELEMENTSOF(missing_columns),
			  "PID", NULL);
	if (!t)
		return;
	out_table_set_values(t, true);
	out_table_set_json_only(t, true);
	for (unsigned i = 0; i < n; i++)
		out_set_num(out_row_new(t, NULL), 0, missing[i]);
}

/* The summary: a JSON object; one line on stderr in text modes when it matters. */
static void add_summary(struct out_doc *doc, const struct proc_scan_stats *st,
			const struct audit *a)
{
	/* -o applies to the first table only */
	struct out_table *sum = out_table_new(
		doc, "summary", summary_columns, ELEMENTSOF(summary_columns),
		"PROCESSES,UNREADABLE,VANISHED,MAPPINGS,FINDINGS", NULL);
	struct out_row *row;

	if (!sum)
		return;
	out_table_set_object(sum, true);
	out_table_set_json_only(sum, true);
	row = out_row_new(sum, NULL);
	out_set_num(row, SCOL_PROCESSES, st->processes);
	out_set_num(row, SCOL_UNREADABLE, st->unreadable);
	out_set_num(row, SCOL_VANISHED, st->vanished);
	out_set_num(row, SCOL_MAPPINGS, a->shown);
	out_set_num(row, SCOL_FINDINGS, a->findings);
}

static void log_scan(const struct pcr_ctx *ctx, const struct proc_scan_stats *st,
		     const struct audit *a, bool metrics)
{
	if (st->unreadable) {
		_cleanup_free_ char *p = sr_path(&ctx->sr, st->unreadable_path);
		bool denied =
			st->unreadable_err == -EACCES || st->unreadable_err == -EPERM;

		log_warn("could not read the memory maps of %u process%s (%s%s: %s)%s; "
			 "the "
			 "audit is incomplete",
			 st->unreadable, st->unreadable == 1 ? "" : "es",
			 st->unreadable == 1 ? "" : "the first, ", p,
			 sr_strerror(-st->unreadable_err),
			 denied && geteuid() != 0 ? "; run as root to see every process"
						  : "");
	}
	if (st->ns_unreadable) {
		char rel[48];
		_cleanup_free_ char *p = NULL;

		snprintf(rel, sizeof(rel), "/proc/%d/mountinfo",
			 (int)st->ns_unreadable_pid);
		p = sr_path(&ctx->sr, rel);
		log_warn(
			"could not read the mounts of %u process%s (%s%s: %s): their "
			"doors may be missed or known by their paths alone; the audit is "
			"incomplete",
			st->ns_unreadable, st->ns_unreadable == 1 ? "" : "es",
			st->ns_unreadable == 1 ? "" : "the first, ", p,
			sr_strerror(-st->ns_unreadable_err));
	}
	if (st->hidepid)
		log_warn("/proc is mounted with hidepid: other users' processes are not "
			 "listed; "
			 "the audit is incomplete (run as root)");
	if (metrics) /* the counts are in the metrics */
		;
	else if (ctx->out.format != OUT_JSON && log_level >= LOG_WARN &&
		 (log_level >= LOG_INFO || st->unreadable))
		fprintf(stderr,
			"pcirevoke: %u process%s scanned, %u unreadable, %u vanished; %u "
			"mapping%s, "
			"%u finding%s\n",
			st->processes, st->processes == 1 ? "" : "es", st->unreadable,
			st->vanished, a->shown, a->shown == 1 ? "" : "s", a->findings,
			a->findings == 1 ? "" : "s");
	else if (ctx->out.format == OUT_TABLE && log_level >= LOG_WARN && a->shown == 0)
		/* an empty table prints nothing: say what was looked at */
		fprintf(stderr,
			"pcirevoke: no process maps a PCI BAR (%u process%s scanned)\n",
			st->processes, st->processes == 1 ? "" : "es");
	if (st->bad_lines)
		log_info("%u maps line%s did not parse and were skipped", st->bad_lines,
			 st->bad_lines == 1 ? "" : "s");
}

static int configure(struct pcr_ctx *ctx, void *opts)
{
	const struct audit_opts *o = opts;

	if (o->by_device && o->format != CMD_FORMAT_PROMETHEUS) {
		log_error("--metrics-by-device goes with --format prometheus");
		return PCR_EXIT_USAGE;
	}
	return cmd_apply_format(ctx, o->format);
}

/* --format prometheus: the counts as metrics; 0 unless they could not be written. */
static int print_metrics(struct audit *a, const struct proc_scan_stats *st,
			 bool incomplete)
{
	int r;

	a->tally.processes = st->processes;
	a->tally.unreadable = st->unreadable;
	a->tally.vanished = st->vanished;
	a->tally.missing = st->missing;
	a->tally.findings = a->findings;
	a->tally.incomplete = incomplete;
	r = audit_print_prometheus(&a->tally, a->o->by_device, time(NULL));
	if (r < 0) {
		log_error("cannot write the metrics: %s", strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	return PCR_EXIT_CLEAN;
}

static int run(struct pcr_ctx *ctx, void *opts)
{
	struct audit_opts *o = opts;
	_cleanup_(audit_done) struct audit a = { .ctx = ctx, .o = o };
	_cleanup_(out_doc_freep) struct out_doc *doc = NULL;
	struct proc_scan_opts so;
	struct proc_scan_stats st;
	_cleanup_free_ pid_t *missing = NULL;
	int r, ret;

	if (o->filtered) {
		r = inventory_load(&ctx->sr, &o->filter, &a.finv);
		a.incomplete |= problems_log(&a.finv.problems);
		if (r < 0)
			return PCR_EXIT_USAGE;
	}

	doc = out_doc_new(&ctx->out);
	a.t = out_table_new(doc, "mappings", columns, ELEMENTSOF(columns),
			    default_columns(ctx, o), NULL);
	if (!a.t)
		return PCR_EXIT_USAGE;

	missing = xcalloc(o->npids ? o->npids : 1, sizeof(*missing));
	so = (struct proc_scan_opts){ .pids = o->pids,
				      .npids = o->npids,
				      .all_io = o->all_io,
				      .quiet_missing = true,
				      .missing = missing,
				      .jobs = o->jobs };
	r = proc_scan(&ctx->sr, &so, on_mapping, &a, &st);
	if (r < 0) {
		_cleanup_free_ char *p = sr_path(&ctx->sr, "/proc");

		log_error("cannot list processes in '%s': %s", p, sr_strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	for (unsigned i = 0; i < st.missing; i++)
		log_warn("no process %d", (int)missing[i]);
	add_summary(doc, &st, &a);
	add_missing(doc, missing, st.missing);
	log_scan(ctx, &st, &a, o->format == CMD_FORMAT_PROMETHEUS);

	ret = a.findings ? PCR_EXIT_FINDINGS : PCR_EXIT_CLEAN;
	if (st.unreadable || st.ns_unreadable || st.hidepid || st.missing || a.unknown ||
	    a.incomplete)
		ret |= PCR_EXIT_INCOMPLETE;
	if (o->format == CMD_FORMAT_PROMETHEUS)
		return print_metrics(&a, &st, ret & PCR_EXIT_INCOMPLETE);
	r = out_doc_print(doc);
	if (r < 0) {
		log_error("cannot print the table: %s", strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	return ret;
}

const struct pcr_cmd cmd_audit = {
	.name = "audit",
	.summary = "find every process that maps a PCI BAR, and judge each mapping",
	.argp = &argp,
	.opts_size = sizeof(struct audit_opts),
	.opts_done = opts_done,
	.configure = configure,
	.columns = columns,
	.ncolumns = ELEMENTSOF(columns),
	.default_columns = DEFAULT_TEXT,
	.flags = CMD_NEEDS_ROOT,
	.run = run,
};
