/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The PCI inventory: devices from libpci (sysfs method, pointed at the sysroot), BARs from
 * each device's sysfs `resource` file, claims from /proc/iomem, and the doors through
 * which user space could map each BAR. Shared by list, audit, check and watch.
 */
#ifndef PCR_INVENTORY_H
#define PCR_INVENTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "parse-iomem.h"
#include "parse-resource.h"

enum {
	DOORBIT_SYSFS = 1 << 0,    /* resourceN */
	DOORBIT_SYSFS_WC = 1 << 1, /* resourceN_wc */
	DOORBIT_PROCFS = 1 << 2,   /* /proc/bus/pci/BB/DD.F */
	DOORBIT_DEVMEM = 1 << 3,   /* /dev/mem */
};

enum claim_state {
	CLAIM_UNKNOWN,   /* /proc/iomem unreadable or redacted: never guess */
	CLAIM_UNCLAIMED, /* the BAR's own entry has no child */
	CLAIM_CLAIMED,   /* claim names the child (e.g. "e1000", "vfio-pci") */
	CLAIM_NOENTRY,   /* no entry for the BAR (I/O BARs, unassigned) */
};

struct pcr_bar {
	unsigned index; /* line of the resource file */
	enum resource_kind kind;
	unsigned sub; /* BAR number, VF BAR number, window number */
	uint64_t start, end, flags; /* CPU addresses, end inclusive */
	bool has_bus;
	uint64_t bus_start; /* bus address when it differs from start */
	bool valid;         /* the resource line parsed */
	enum claim_state claim_state;
	const char *claim; /* points into the inventory's iomem */
	unsigned doors;    /* DOORBIT_* */
};

struct pcr_device {
	char slot[16]; /* "0000:00:03.0" */
	unsigned domain, bus, dev, func;
	uint16_t vendor, device;
	uint32_t class; /* 0xCCSSPP */
	char *name;     /* "Vendor Device" from pci.ids, or numeric */
	char *class_name;
	char *driver;   /* bound driver or NULL */
	char *children; /* "eth0, card0" (live only) or NULL */
	struct pcr_bar *bars;
	unsigned nbars;
	char *error; /* why the BARs could not be read, NULL when they could */
};

struct inventory_filter {
	const char *slot;   /* lspci -s syntax */
	const char *id;     /* lspci -d syntax */
	const char *driver; /* --driver */
	bool numeric;       /* names as numbers */
	bool children;      /* look up each device's children with udev (live; list only) */
};

struct pcr_inventory {
	struct pcr_device *devs;
	unsigned ndevs;
	struct iomem iomem;
	bool iomem_ok;   /* read and not redacted */
	struct iomem ioports; /* same format: claims of I/O BARs */
	bool ioports_ok;
	bool has_devmem; /* /dev/mem exists */
};

/*
 * Load the inventory through ctx's sysroot. Problems with single files are reported on
 * stderr and set PCR_EXIT_INCOMPLETE in ctx->exit_bits; returns 0, or a negative errno on
 * a failure that leaves nothing to show (message already printed), or -EINVAL for a
 * filter that does not parse (message printed; a usage error).
 */
int inventory_load(struct pcr_ctx *ctx, const struct inventory_filter *filter,
		   struct pcr_inventory *ret);
void inventory_done(struct pcr_inventory *inv);

/*
 * The BAR (kind RES_BAR) whose CPU range contains [start, end], with its device; NULL when
 * none contains it wholly (a mapping spanning BARs, or not a BAR at all).
 */
const struct pcr_bar *inventory_find_bar(const struct pcr_inventory *inv, uint64_t start,
					 uint64_t end, const struct pcr_device **ret_dev);
const struct pcr_device *inventory_find_slot(const struct pcr_inventory *inv,
					     const char *slot);

const char *claim_state_name(enum claim_state s);
/* Human names: "mem64", "mem32", "io", ...; flags text "pref,disabled" into buf. */
const char *bar_type_name(const struct pcr_bar *b);

#endif
