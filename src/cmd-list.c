// SPDX-License-Identifier: GPL-2.0-or-later
/* pcirevoke list: every PCI device's BARs, who claimed them and how they can be mapped. */
#include <errno.h>

#include "cmd.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "xalloc.h"

enum {
	COL_DEVICE,
	COL_ID,
	COL_NAME,
	COL_CLASS,
	COL_DRIVER,
	COL_CHILDREN,
	COL_BAR,
	COL_KIND,
	COL_TYPE,
	COL_START,
	COL_END,
	COL_SIZE,
	COL_BUS,
	COL_FLAGS,
	COL_CLAIM,
	COL_DOORS,
	COL_ERROR,
};

static const struct out_column columns[] = {
	[COL_DEVICE] = { "DEVICE", OUT_STR, 12, OUT_COL_TREE, 0,
			 "PCI address (domain:bus:device.function)" },
	[COL_ID] = { "ID", OUT_STR, 9, 0, 0, "vendor:device numeric ID" },
	[COL_NAME] = { "NAME", OUT_STR, 0.3, OUT_COL_TRUNC, 0,
		       "vendor and device name from pci.ids" },
	[COL_CLASS] = { "CLASS", OUT_STR, 0.1, OUT_COL_TRUNC, 0, "device class name" },
	[COL_DRIVER] = { "DRIVER", OUT_STR, 8, OUT_COL_TRUNC, 0,
			 "kernel driver bound to the device" },
	[COL_CHILDREN] = { "CHILDREN", OUT_LIST, 0.1, OUT_COL_TRUNC, 0,
			   "the device's interfaces, cards and disks (live system)" },
	[COL_BAR] = { "BAR", OUT_NUM, 3, OUT_COL_RIGHT, 1,
		      "line of the sysfs resource file: 0-5 BARs, 6 ROM, then SR-IOV "
		      "BARs and bridge windows" },
	[COL_KIND] = { "KIND", OUT_STR, 4, 0, 1,
		       "bar, rom, iov (SR-IOV VF BAR) or window (bridge window)" },
	[COL_TYPE] = { "TYPE", OUT_STR, 5, 0, 1, "mem64, mem32 or io" },
	[COL_START] = { "START", OUT_HEX, 10, OUT_COL_RIGHT, 1,
			"CPU physical start address" },
	[COL_END] = { "END", OUT_HEX, 10, OUT_COL_RIGHT, 1,
		      "CPU physical end address (inclusive)" },
	[COL_SIZE] = { "SIZE", OUT_SIZE, 5, OUT_COL_RIGHT, 1,
		       "size (human-readable in tables, bytes otherwise)" },
	[COL_BUS] = { "BUS", OUT_HEX, 10, OUT_COL_RIGHT, 1,
		      "bus address, where it differs from the CPU address" },
	[COL_FLAGS] = { "FLAGS", OUT_LIST, 0.1, OUT_COL_WRAP, 1,
			"pref (prefetchable), ro, disabled, unset (unassigned), "
			"invalid" },
	[COL_CLAIM] = { "CLAIM", OUT_STR, 10, OUT_COL_TRUNC, 1,
			"who claimed the region (/proc/iomem, /proc/ioports): a driver's "
			"name, unclaimed, unknown or none" },
	[COL_DOORS] = { "DOORS", OUT_LIST, 0.15, OUT_COL_WRAP, 1,
			"ways user space can map it: sysfs, sysfs-wc, procfs, devmem, "
			"legacy-io (I/O BARs where the arch maps ports)" },
	[COL_ERROR] = { "ERROR", OUT_STR, 10, OUT_COL_TRUNC, 0,
			"why the device's BARs could not be read (shown by default when "
			"one could not)" },
};

/* CHILDREN and ERROR join the text defaults when a device has them */
#define DEFAULT_TREE "DEVICE,TYPE,START,SIZE,FLAGS,DRIVER,CLAIM,DOORS,NAME"
#define DEFAULT_FLAT "DEVICE,BAR,TYPE,START,SIZE,FLAGS,DRIVER,CLAIM,DOORS,NAME"
#define DEFAULT_JSON                                                                     \
	"DEVICE,ID,NAME,CLASS,DRIVER,CHILDREN,ERROR,BAR,KIND,TYPE,START,END,SIZE,BUS,"   \
	"FLAGS,CLAIM,"                                                                   \
	"DOORS"

struct list_opts {
	struct inventory_filter filter;
	bool all;
	bool flat;
};

static const struct argp_option options[] = {
	{ "all", 'a', NULL, 0, "also SR-IOV BARs and bridge windows", 0 },
	{ "list", 'l', NULL, 0, "one row per BAR instead of a tree", 0 },
	{ "numeric", 'N', NULL, 0, "numeric IDs instead of names from pci.ids", 0 },
	{ 0 }
};

static error_t parse_opt(int key, _unused_ char *arg, struct argp_state *state)
{
	struct list_opts *o = state->input;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = &o->filter;
		break;
	case 'a':
		o->all = true;
		break;
	case 'l':
		o->flat = true;
		break;
	case 'N':
		o->filter.numeric = true;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp_child children[] = {
	{ &filter_argp, 0, "Device selection:", 0 },
	{ 0 },
};

static const struct argp argp = {
	.options = options,
	.parser = parse_opt,
	.children = children,
	.doc = "List every PCI device's BARs: address, size, type, flags, the bound "
	       "driver, who "
	       "claimed each region, and the doors through which user space could map "
	       "it.\n\n"
	       "CLAIM comes from /proc/iomem (/proc/ioports for I/O BARs): the entry "
	       "nested "
	       "under the BAR's own entry names the claimer (e.g. e1000, vfio-pci). "
	       "Reading the "
	       "addresses there needs CAP_SYS_ADMIN; without it CLAIM is 'unknown' and "
	       "the exit "
	       "status says the run was incomplete.\n\n"
	       "Examples:\n"
	       "  pcirevoke list                   all devices, BARs beneath each\n"
	       "  pcirevoke list -s 00:03.0 -J     one device as JSON\n"
	       "  pcirevoke list -d 10de: -l       NVIDIA devices, one row per BAR\n"
	       "  pcirevoke list --driver vfio-pci devices given to VFIO\v"
	       "Exit status: 0 done, 2 something could not be read, 4 failure, 64 usage "
	       "error.",
};

static void flags_text(const struct pcr_bar *b, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
#define ADD(s)                                                                           \
	n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? "," : "", s)
	if (!b->valid) {
		ADD("invalid");
		return;
	}
	if (b->flags & IORES_PREFETCH)
		ADD("pref");
	if (b->flags & IORES_READONLY)
		ADD("ro");
	if ((b->flags & IORES_DISABLED) ||
	    (b->kind == RES_ROM && !(b->flags & IORES_ROM_ENABLE)))
		ADD("disabled");
	if ((b->flags & IORES_UNSET) || b->start == 0)
		ADD("unset");
#undef ADD
}

static void doors_text(unsigned doors, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (unsigned v = 0; v < VIA_MAX; v++)
		if (doors & VIA_BIT(v))
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
					      n ? "," : "", map_via_name(v));
}

static void bar_label(const struct pcr_bar *b, char *buf, size_t len)
{
	switch (b->kind) {
	case RES_BAR:
		snprintf(buf, len, "BAR%u", b->sub);
		break;
	case RES_ROM:
		snprintf(buf, len, "ROM");
		break;
	case RES_IOV:
		snprintf(buf, len, "VF-BAR%u", b->sub);
		break;
	case RES_WINDOW:
		snprintf(buf, len, "window%u", b->sub);
		break;
	}
}

static bool bar_shown(const struct pcr_bar *b, bool all)
{
	if (b->valid && b->start == 0 && b->end == 0 && b->flags == 0)
		return false; /* not implemented */
	return all || b->kind == RES_BAR || b->kind == RES_ROM;
}

static void add_bar(struct out_table *t, struct out_row *parent, const struct pcr_bar *b)
{
	struct out_row *r = out_row_new(t, parent);
	char buf[128];

	bar_label(b, buf, sizeof(buf));
	out_row_set_label(r, buf);
	out_set_num(r, COL_BAR, b->index);
	out_set_str(r, COL_KIND, resource_kind_name(b->kind));
	out_set_str(r, COL_TYPE, bar_type_name(b));
	if (b->valid) {
		out_set_u64(r, COL_START, b->start);
		out_set_u64(r, COL_END, b->end);
		out_set_u64(r, COL_SIZE, b->end - b->start + 1);
	}
	if (b->has_bus)
		out_set_u64(r, COL_BUS, b->bus_start);
	flags_text(b, buf, sizeof(buf));
	if (buf[0])
		out_set_str(r, COL_FLAGS, buf);
	switch (b->claim_state) {
	case CLAIM_CLAIMED:
		out_set_str(r, COL_CLAIM, b->claim);
		out_set_color(r, COL_CLAIM, "green");
		break;
	case CLAIM_UNCLAIMED:
		out_set_str(r, COL_CLAIM, "unclaimed");
		break;
	case CLAIM_UNKNOWN:
		out_set_str(r, COL_CLAIM, "unknown");
		out_set_color(r, COL_CLAIM, "yellow");
		break;
	case CLAIM_NOENTRY:
		out_set_str(r, COL_CLAIM, "none");
		break;
	}
	doors_text(b->doors, buf, sizeof(buf));
	if (buf[0])
		out_set_str(r, COL_DOORS, buf);
}

static int configure(struct pcr_ctx *ctx, void *opts)
{
	const struct list_opts *o = opts;

	ctx->out.flat = ctx->out.flat || o->flat;
	return 0;
}

static void opts_init(void *opts)
{
	struct list_opts *o = opts;

	o->filter.children = true;
}

static const char *default_columns(const struct pcr_ctx *ctx,
				   const struct pcr_inventory *inv)
{
	static char buf[sizeof(DEFAULT_JSON) + sizeof(",CHILDREN,ERROR")];
	bool kids = false, error = false;

	if (ctx->out.format == OUT_JSON)
		return DEFAULT_JSON;
	for (unsigned i = 0; i < inv->ndevs; i++) {
		kids = kids || inv->devs[i].children;
		error = error || inv->devs[i].error;
	}
	snprintf(buf, sizeof(buf), "%s%s%s",
		 ctx->out.flat || ctx->out.format != OUT_TABLE ? DEFAULT_FLAT
							       : DEFAULT_TREE,
		 kids ? ",CHILDREN" : "", error ? ",ERROR" : "");
	return buf;
}

static void add_device(struct out_table *t, const struct pcr_device *d, bool all)
{
	struct out_row *row = out_row_new(t, NULL);
	char id[16];

	snprintf(id, sizeof(id), "%04x:%04x", d->vendor, d->device);
	out_set_str(row, COL_DEVICE, d->slot);
	out_set_str(row, COL_ID, id);
	out_set_str(row, COL_NAME, d->name);
	out_set_str(row, COL_CLASS, d->class_name);
	out_set_str(row, COL_DRIVER, d->driver);
	out_set_str(row, COL_CHILDREN, d->children);
	out_set_str(row, COL_ERROR, d->error);
	if (d->error)
		out_set_color(row, COL_ERROR, "red");
	for (unsigned j = 0; j < d->nbars; j++)
		if (bar_shown(&d->bars[j], all))
			add_bar(t, row, &d->bars[j]);
}

static int run(struct pcr_ctx *ctx, void *opts)
{
	const struct list_opts *o = opts;
	_cleanup_(inventory_done) struct pcr_inventory inv = {};
	_cleanup_(out_doc_freep) struct out_doc *doc = NULL;
	struct out_table *t;
	bool incomplete;
	int r;

	r = inventory_load(&ctx->sr, &o->filter, &inv);
	incomplete = problems_log(&inv.problems);
	if (r == -EINVAL)
		return PCR_EXIT_USAGE;

	doc = out_doc_new(&ctx->out);
	t = out_table_new(doc, "devices", columns, ELEMENTSOF(columns),
			  default_columns(ctx, &inv), "bars");
	if (!t)
		return PCR_EXIT_USAGE;
	for (unsigned i = 0; i < inv.ndevs; i++)
		add_device(t, &inv.devs[i], o->all);
	r = out_doc_print(doc);
	if (r < 0) {
		log_error("cannot print the table: %s", strerror(-r));
		return PCR_EXIT_FAILURE;
	}
	return incomplete ? PCR_EXIT_INCOMPLETE : PCR_EXIT_CLEAN;
}

const struct pcr_cmd cmd_list = {
	.name = "list",
	.summary = "every PCI device's BARs, who claimed them, how to map them",
	.argp = &argp,
	.opts_size = sizeof(struct list_opts),
	.opts_init = opts_init,
	.configure = configure,
	.columns = columns,
	.ncolumns = ELEMENTSOF(columns),
	.default_columns = DEFAULT_TREE,
	.run = run,
};
