// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pcirevoke check: per door, does the running kernel revoke user mappings of a BAR when a
 * driver claims the region? With the evidence behind each verdict and what to do about
 * it.
 */
#include <errno.h>
#include <stdio.h>

#include "cmd.h"
#include "evidence.h"
#include "exitcode.h"
#include "log.h"
#include "output-prom.h"
#include "verdict.h"
#include "xalloc.h"

enum {
	COL_PATH,
	COL_STATUS,
	COL_REASON,
	COL_FIX,
	COL_EVIDENCE,
};

static const struct out_column path_columns[] = {
	[COL_PATH] = { "PATH", OUT_STR, 6, 0, 0,
		       "the door: devmem, sysfs, procfs, legacy, vfio or uio" },
	[COL_STATUS] = { "STATUS", OUT_STR, 11, 0, 0,
			 "active, inactive, blocked, unavailable or unknown" },
	[COL_REASON] = { "REASON", OUT_STR, 0.5, OUT_COL_WRAP, 0, "why, in one line" },
	[COL_FIX] = { "FIX", OUT_STR, 0.3, OUT_COL_WRAP, 0,
		      "what to do about a door that is not active (with --explain)" },
	[COL_EVIDENCE] = { "EVIDENCE", OUT_LIST, 0.2, OUT_COL_WRAP, 0,
			   "the evidence the verdict rests on" },
};

#define DEFAULT_TEXT	"PATH,STATUS,REASON"
#define DEFAULT_EXPLAIN "PATH,STATUS,REASON,FIX,EVIDENCE"
#define DEFAULT_JSON	"PATH,STATUS,REASON,FIX,EVIDENCE"

enum { EV_ITEM, EV_VALUE, EV_SOURCE };

static const struct out_column evidence_columns[] = {
	[EV_ITEM] = { "ITEM", OUT_STR, 0.2, 0, 0, "what was looked at" },
	[EV_VALUE] = { "VALUE", OUT_STR, 0.4, OUT_COL_WRAP, 0, "what it said" },
	[EV_SOURCE] = { "SOURCE", OUT_STR, 0.3, OUT_COL_TRUNC, 0, "where it was read" },
};

enum {
	K_RELEASE,
	K_ARCH,
	K_VERSION,
	K_BUILD,
	K_CONFIG_SOURCE,
	K_LOCKDOWN,
	K_LOCKDOWN_SOURCE,
	K_IOMEM_RELAXED,
	K_LIVE,
};

static const struct out_column kernel_columns[] = {
	[K_RELEASE] = { "RELEASE", OUT_STR, 0.1, 0, 0, NULL },
	[K_ARCH] = { "ARCH", OUT_STR, 0.1, 0, 0, NULL },
	[K_VERSION] = { "VERSION", OUT_STR, 0.1, 0, 0, NULL },
	[K_BUILD] = { "BUILD", OUT_STR, 0.1, 0, 0, NULL },
	[K_CONFIG_SOURCE] = { "CONFIG_SOURCE", OUT_STR, 0.1, 0, 0, NULL },
	[K_LOCKDOWN] = { "LOCKDOWN", OUT_STR, 0.1, 0, 0, NULL },
	[K_LOCKDOWN_SOURCE] = { "LOCKDOWN_SOURCE", OUT_STR, 0.1, 0, 0, NULL },
	[K_IOMEM_RELAXED] = { "IOMEM_RELAXED", OUT_BOOL, 0.1, 0, 0, NULL },
	[K_LIVE] = { "LIVE", OUT_BOOL, 0.1, 0, 0, NULL },
};

#define KERNEL_ALL                                                                       \
	"RELEASE,ARCH,VERSION,BUILD,CONFIG_SOURCE,LOCKDOWN,LOCKDOWN_SOURCE,"             \
	"IOMEM_RELAXED,LIVE"

struct check_opts {
	bool explain;
	enum cmd_format format;
	int door; /* -1: all */
};

enum { OPT_EXPLAIN = 'e', OPT_FORMAT = 0x300, OPT_DOOR };

static const struct argp_option options[] = {
	{ "explain", OPT_EXPLAIN, NULL, 0,
	  "also say what to do about each door that is not active, and show the evidence",
	  0 },
	{ "format", OPT_FORMAT, "FORMAT", 0,
	  "text (default), json (as -J) or prometheus (node_exporter textfile metrics)",
	  0 },
	{ "door", OPT_DOOR, "NAME", 0,
	  "only this door: devmem, sysfs, procfs, legacy, vfio or uio", 0 },
	{ 0 }
};

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct check_opts *o = state->input;

	switch (key) {
	case OPT_EXPLAIN:
		o->explain = true;
		break;
	case OPT_FORMAT:
		o->format = cmd_parse_format(arg, state);
		break;
	case OPT_DOOR:
		o->door = door_from_name(arg);
		if (o->door < 0)
			argp_error(state,
				   "unknown door '%s' (devmem, sysfs, procfs, "
				   "legacy, vfio, uio)",
				   arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = {
	.options = options,
	.parser = parse_opt,
	.doc = "Say, for each door through which user space can map PCI device memory, "
	       "whether the running kernel revokes (zaps) such mappings when a driver "
	       "claims the region, with the evidence and, with --explain, what to do.\n"
	       "\n"
	       "Doors (PATH): devmem (/dev/mem), sysfs (resourceN, resourceN_wc), "
	       "procfs (/proc/bus/pci/BB/DD.F), legacy (legacy_io, legacy_mem; alpha "
	       "and powerpc), vfio (/dev/vfio), uio (/dev/uioN).\n"
	       "\n"
	       "Statuses:\n"
	       "  active       a driver's claim zaps existing mappings (access: SIGBUS)\n"
	       "  inactive     the door is open and nothing revokes its mappings\n"
	       "  blocked      lockdown refuses new mappings (older ones stay)\n"
	       "  unavailable  the door does not exist here\n"
	       "  unknown      evidence is missing; the reason says which\n"
	       "\n"
	       "Revocation needs Linux 5.8+ (/dev/mem) or 5.12+ (sysfs, procfs, "
	       "legacy), CONFIG_IO_STRICT_DEVMEM=y and no iomem=relaxed on the boot "
	       "line. On x86 a region lying wholly below 1 MiB is never zapped. "
	       "vfio-pci zaps its own users' mappings on reset and while memory "
	       "decoding is off; UIO never revokes.\n"
	       "\n"
	       "Evidence: the kernel config (/proc/config.gz, /boot/config-RELEASE, "
	       "/lib/modules/RELEASE/config), the boot line (iomem=, lockdown=), the "
	       "lockdown state (securityfs, else a harmless read-only ioctl on "
	       "/proc/bus/pci, else config), /proc/kallsyms names and BTF. Direct "
	       "evidence outranks the version number, because distributions backport.\n"
	       "\n"
	       "Examples:\n"
	       "  pcirevoke check                    one line per door\n"
	       "  pcirevoke check --explain          with fixes and the evidence\n"
	       "  pcirevoke check -J                 JSON: paths, evidence, kernel\n"
	       "  pcirevoke check --format prometheus \\\n"
	       "      --output-file "
	       "/var/lib/prometheus/node-exporter/pcirevoke-check.prom\v"
	       "Exit status: 0 every available door is active or blocked, 1 a door "
	       "is inactive (not uio: /dev/uioN alone is no exposure), 2 a verdict is "
	       "unknown (evidence missing), 3 both, 4 "
	       "failure, 64 usage error. With --format prometheus: 0 unless the metrics "
	       "could not be written.",
};

static const char *status_color(enum door_status s)
{
	switch (s) {
	case DOOR_ACTIVE:
		return "green";
	case DOOR_INACTIVE:
		return "red";
	case DOOR_BLOCKED:
		return "cyan";
	case DOOR_UNKNOWN:
		return "yellow";
	default:
		return NULL;
	}
}

static bool door_selected(const struct check_opts *o, unsigned d)
{
	return o->door < 0 || (unsigned)o->door == d;
}

static int exit_bits(const struct check_opts *o, const struct door_verdict *v)
{
	int bits = 0;

	for (unsigned d = 0; d < DOOR_MAX; d++) {
		if (!door_selected(o, d))
			continue;
		/*
		 * The uio row is inactive wherever /dev/uioN exists (UIO never revokes),
		 * but such a node is no exposure by itself: a /dev/uioN mapping exists only
		 * while a UIO driver keeps every other driver off the device. Findings
		 * about UIO users come from their mappings (audit), not from the node.
		 */
		if (v[d].status == DOOR_INACTIVE && d != DOOR_UIO)
			bits |= PCR_EXIT_FINDINGS;
		else if (v[d].status == DOOR_UNKNOWN)
			bits |= PCR_EXIT_INCOMPLETE;
	}
	return bits;
}

/* ---- prometheus ---- */

/* One gauge per door and status, 1 for the door's current status. */
static void prom_status(FILE *f, const struct check_opts *o, const struct door_verdict *v)
{
	fputs("# HELP pcirevoke_revocation_status Whether the kernel revokes user "
	      "mappings of PCI BARs through each door when a driver claims the region: 1 "
	      "for the door's current status.\n"
	      "# TYPE pcirevoke_revocation_status gauge\n",
	      f);
	for (unsigned d = 0; d < DOOR_MAX; d++) {
		if (!door_selected(o, d))
			continue;
		for (unsigned s = 0; s < DOOR_STATUS_MAX; s++) {
			fputs("pcirevoke_revocation_status{", f);
			prom_label(f, "path", door_name(d), false);
			prom_label(f, "status", door_status_name(s), true);
			fprintf(f, "} %d\n", v[d].status == s);
		}
	}
}

/* The exit status bits as gauges. */
static void prom_summary(FILE *f, int bits)
{
	fprintf(f,
		"# HELP pcirevoke_check_findings 1 when an available door does not "
		"revoke mappings (status inactive).\n"
		"# TYPE pcirevoke_check_findings gauge\n"
		"pcirevoke_check_findings %d\n"
		"# HELP pcirevoke_check_incomplete 1 when a verdict is unknown because "
		"evidence was missing.\n"
		"# TYPE pcirevoke_check_incomplete gauge\n"
		"pcirevoke_check_incomplete %d\n",
		!!(bits & PCR_EXIT_FINDINGS), !!(bits & PCR_EXIT_INCOMPLETE));
}

static void prom_kernel_info(FILE *f, const struct evidence *ev)
{
	fputs("# HELP pcirevoke_kernel_info The kernel the verdicts are about.\n"
	      "# TYPE pcirevoke_kernel_info gauge\n"
	      "pcirevoke_kernel_info{",
	      f);
	prom_label(f, "release", ev->release[0] ? ev->release : "unknown", false);
	prom_label(f, "arch", ev->arch[0] ? ev->arch : "unknown", true);
	prom_label(f, "config_source", ev->config_source ? ev->config_source : "none",
		   true);
	prom_label(f, "lockdown", lockdown_level_name(ev->lockdown), true);
	fputs("} 1\n", f);
}

static int print_prometheus(const struct check_opts *o, const struct evidence *ev,
			    const struct door_verdict *v, int bits)
{
	FILE *f = stdout;

	prom_status(f, o, v);
	prom_summary(f, bits);
	prom_kernel_info(f, ev);
	if (fflush(f) != 0 || ferror(f))
		return -EIO;
	return 0;
}

/* ---- tables and JSON ---- */

/* One row per selected door; false when -o named an unknown column. */
static bool add_paths_table(struct out_doc *doc, const struct check_opts *o,
			    const struct evidence *ev, const struct door_verdict *v,
			    bool json)
{
	struct out_table *t;
	struct out_row *row;
	char title[256];

	t = out_table_new(doc, "paths", path_columns, ELEMENTSOF(path_columns),
			  json	       ? DEFAULT_JSON
			  : o->explain ? DEFAULT_EXPLAIN
				       : DEFAULT_TEXT,
			  NULL);
	if (!t)
		return false;
	snprintf(title, sizeof(title), "Linux %s %s: is BAR mapping revocation active?",
		 ev->release[0] ? ev->release : "(release unknown)",
		 ev->arch[0] ? ev->arch : "(arch unknown)");
	out_table_set_title(t, title);
	for (unsigned d = 0; d < DOOR_MAX; d++) {
		if (!door_selected(o, d))
			continue;
		row = out_row_new(t, NULL);
		out_set_str(row, COL_PATH, door_name(d));
		out_set_str(row, COL_STATUS, door_status_name(v[d].status));
		out_set_color(row, COL_STATUS, status_color(v[d].status));
		out_set_str(row, COL_REASON, v[d].reason);
		out_set_str(row, COL_FIX, v[d].fix[0] ? v[d].fix : NULL);
		out_set_str(row, COL_EVIDENCE, v[d].evidence[0] ? v[d].evidence : NULL);
	}
	return true;
}

/* What was looked at: shown with --explain or -v, always in JSON. */
static void add_evidence_table(struct out_doc *doc, const struct check_opts *o,
			       const struct evidence *ev)
{
	struct out_table *et;
	struct out_row *row;

	et = out_table_new(doc, "evidence", evidence_columns,
			   ELEMENTSOF(evidence_columns), "ITEM,VALUE,SOURCE", NULL);
	out_table_set_title(et, "Evidence");
	out_table_set_json_only(et, !(o->explain || log_level >= LOG_INFO));
	for (size_t i = 0; i < ev->nitems; i++) {
		row = out_row_new(et, NULL);
		out_set_str(row, EV_ITEM, ev->items[i].name);
		out_set_str(row, EV_VALUE, ev->items[i].value);
		out_set_str(row, EV_SOURCE,
			    ev->items[i].source[0] ? ev->items[i].source : NULL);
	}
}

/* The kernel the verdicts are about: a JSON object. */
static void add_kernel_object(struct out_doc *doc, const struct evidence *ev, bool live)
{
	struct out_table *kt;
	struct out_row *row;
	char ver[64];

	kt = out_table_new(doc, "kernel", kernel_columns, ELEMENTSOF(kernel_columns),
			   KERNEL_ALL, NULL);
	out_table_set_object(kt, true);
	out_table_set_json_only(kt, true);
	row = out_row_new(kt, NULL);
	out_set_str(row, K_RELEASE, ev->release[0] ? ev->release : NULL);
	out_set_str(row, K_ARCH, ev->arch[0] ? ev->arch : NULL);
	if (ev->kver_major) {
		if (ev->kver_rc)
			snprintf(ver, sizeof(ver), "%u.%u-rc%u", ev->kver_major,
				 ev->kver_minor, ev->kver_rc);
		else
			snprintf(ver, sizeof(ver), "%u.%u.%u", ev->kver_major,
				 ev->kver_minor, ev->kver_patch);
		out_set_str(row, K_VERSION, ver);
	}
	out_set_str(row, K_BUILD, evidence_item_value(ev, "kernel build"));
	out_set_str(row, K_CONFIG_SOURCE, ev->config_source);
	out_set_str(row, K_LOCKDOWN, lockdown_level_name(ev->lockdown));
	out_set_str(row, K_LOCKDOWN_SOURCE, ev->lockdown_source);
	if (ev->cmdline_known)
		out_set_bool(row, K_IOMEM_RELAXED, ev->iomem_relaxed == TRI_YES);
	out_set_bool(row, K_LIVE, live); /* false: read from --sysroot */
}

static int print_doc(struct pcr_ctx *ctx, const struct check_opts *o,
		     const struct evidence *ev, const struct door_verdict *v)
{
	struct out_doc *doc;
	int r;

	doc = out_doc_new(&ctx->out);
	if (!add_paths_table(doc, o, ev, v, ctx->out.format == OUT_JSON)) {
		out_doc_free(doc);
		return -EINVAL;
	}
	add_evidence_table(doc, o, ev);
	add_kernel_object(doc, ev, ctx->sr.live);
	r = out_doc_print(doc);
	out_doc_free(doc);
	return r;
}

static void opts_init(void *opts)
{
	struct check_opts *o = opts;

	o->door = -1;
}

static int configure(struct pcr_ctx *ctx, void *opts)
{
	const struct check_opts *o = opts;

	return cmd_apply_format(ctx, o->format);
}

static int run(struct pcr_ctx *ctx, void *opts)
{
	const struct check_opts *o = opts;
	_cleanup_(evidence_done) struct evidence ev = {};
	struct door_verdict v[DOOR_MAX];
	bool incomplete;
	int r, bits;

	evidence_collect(&ctx->sr, &ev);
	incomplete = problems_log(&ev.problems);
	verdict_compute(&ev, v);
	bits = exit_bits(o, v) | (incomplete ? PCR_EXIT_INCOMPLETE : 0);

	for (unsigned d = 0; d < DOOR_MAX; d++)
		if (door_selected(o, d) && v[d].status == DOOR_UNKNOWN)
			log_info("%s: unknown: %s", door_name(d), v[d].reason);

	if (o->format == CMD_FORMAT_PROMETHEUS) {
		r = print_prometheus(o, &ev, v, bits);
		if (r < 0) {
			log_error("cannot write the metrics: %s", strerror(-r));
			return PCR_EXIT_FAILURE;
		}
		return PCR_EXIT_CLEAN;
	}

	r = print_doc(ctx, o, &ev, v);
	if (r == -EINVAL)
		return PCR_EXIT_USAGE; /* -o named an unknown column */
	if (r < 0) {
		log_error("cannot print the table: %s", strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	return bits & (PCR_EXIT_FINDINGS | PCR_EXIT_INCOMPLETE);
}

const struct pcr_cmd cmd_check = {
	.name = "check",
	.summary = "per door: does this kernel revoke BAR mappings when a driver claims "
		   "them?",
	.argp = &argp,
	.opts_size = sizeof(struct check_opts),
	.opts_init = opts_init,
	.configure = configure,
	.columns = path_columns,
	.ncolumns = ELEMENTSOF(path_columns),
	.default_columns = DEFAULT_TEXT,
	.run = run,
};
