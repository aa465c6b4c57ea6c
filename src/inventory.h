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

#include "model.h"
#include "parse-iomem.h"
#include "parse-resource.h"
#include "problems.h"
#include "sysroot.h"

struct inventory_filter {
	const char *slot;   /* lspci -s syntax */
	const char *id;	    /* lspci -d syntax */
	const char *driver; /* --driver */
	bool numeric;	    /* names as numbers */
	bool children; /* look up each device's children with udev (live; list only) */
};

struct pcr_inventory {
	struct pcr_device *devs;
	unsigned ndevs;
	struct iomem iomem;
	bool iomem_ok;	      /* read and not redacted */
	struct iomem ioports; /* same format: claims of I/O BARs */
	bool ioports_ok;
	bool has_devmem; /* /dev/mem exists */
	char arch[32];	 /* machine name (evidence_read_arch()), "" unknown */
	/*
	 * Host bridges' I/O windows: the top-level /proc/ioports entries (kernel port
	 * numbers), with the bus port and CPU physical address of their start where the
	 * device tree's "ranges" of the bridge (named as the entry) gives them.
	 */
	struct io_window {
		const char *name; /* points into ioports */
		uint64_t kstart, kend;
		bool cpu_known;
		uint64_t bus, cpu;
	} * iowin;
	size_t niowin;
	struct pcr_problems problems; /* what could not be read, for the command to log */
};

/*
 * Load the inventory through the sysroot. *ret is always filled and must be freed with
 * inventory_done(). Problems with single files are recorded in ret->problems and the
 * load goes on. Returns 0, or -EINVAL for a filter that does not parse (a usage error;
 * the problem says why).
 */
int inventory_load(const struct sysroot *sr, const struct inventory_filter *filter,
		   struct pcr_inventory *ret);
void inventory_done(struct pcr_inventory *inv);

/*
 * The BAR (kind RES_BAR) whose CPU range contains [start, end], with its device; NULL when
 * none contains it wholly (a mapping spanning BARs, or not a BAR at all).
 */
const struct pcr_bar *inventory_find_bar(const struct pcr_inventory *inv, uint64_t start,
					 uint64_t end, const struct pcr_device **ret_dev);
/*
 * The I/O BAR whose CPU range (io_cpu_start, powerpc) overlaps [start, end], with its
 * device; domain < 0 for any. NULL when none or several do.
 */
const struct pcr_bar *inventory_find_io_bar(const struct pcr_inventory *inv, int domain,
					    uint64_t start, uint64_t end,
					    const struct pcr_device **ret_dev);
const struct pcr_device *inventory_find_slot(const struct pcr_inventory *inv,
					     const char *slot);
/* The claim state of BAR bar of device slot (*ret_claim: the claim's name, or NULL). */
enum claim_state inventory_bar_claim(const struct pcr_inventory *inv, const char *slot,
				     int bar, const char **ret_claim);

#endif
