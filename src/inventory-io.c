// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The inventory's I/O ports: which /proc/ioports entry is an I/O BAR's (kernel port
 * numbers), and where a host bridge's I/O window sits in CPU physical addresses (the
 * device tree's "ranges" of the bridge), for the architectures that map I/O BARs
 * (powerpc: resourceN, /proc/bus/pci and legacy_io all map the window's CPU address plus
 * the bus port).
 */
#include <errno.h>
#include <string.h>

#include "inventory-internal.h"
#include "parse-ofranges.h"
#include "xalloc.h"

/*
 * The /proc/ioports entry of an I/O BAR: the kernel names it in its own port numbers,
 * which on powerpc are the bus port (what the resource file shows) plus the host
 * bridge's I/O offset. Found as the entry named for the device with the BAR's size whose
 * offset from its bridge's window matches the BAR's from the window's bus start (0 when
 * the device tree does not say); on x86 it is simply the same range.
 */
int inventory_io_entry(const struct pcr_inventory *inv, const struct pcr_device *d,
		       const struct pcr_bar *b)
{
	const struct iomem *io = &inv->ioports;
	int e = iomem_find_named(io, b->start, b->end, d->slot), found = -1;
	unsigned n = 0;

	if (e >= 0)
		return e;
	for (size_t i = 0; i < io->n; i++) {
		const struct iomem_entry *x = &io->entries[i];
		int top = (int)i;

		if (!streq(x->name, d->slot) || x->end - x->start != b->end - b->start)
			continue;
		while (io->entries[top].parent >= 0)
			top = io->entries[top].parent;
		for (size_t w = 0; w < inv->niowin; w++) {
			const struct io_window *win = &inv->iowin[w];
			uint64_t bus = win->cpu_known ? win->bus : 0;

			if (win->kstart == io->entries[top].start &&
			    x->start - win->kstart == b->start - bus)
				return (int)i;
		}
		found = (int)i;
		n++;
	}
	return n == 1 ? found : -1;
}

/* Kernel port number and CPU address of an I/O BAR (see struct pcr_bar). */
void inventory_io_addresses(const struct pcr_inventory *inv, struct pcr_bar *b,
			    const struct iomem_entry *x)
{
	b->io_kernel_known = true;
	b->io_kernel_start = x->start;
	for (size_t w = 0; w < inv->niowin; w++) {
		const struct io_window *win = &inv->iowin[w];

		if (win->cpu_known && win->kstart <= x->start && x->start <= win->kend) {
			b->io_cpu_known = true;
			b->io_cpu_start = win->cpu + (x->start - win->kstart);
		}
	}
}

/* A device-tree property of NODE (a host bridge), read whole. */
static int dt_read(const struct sysroot *sr, const char *node, const char *prop,
		   char **buf, size_t *len)
{
	static const char *const roots[] = { "/sys/firmware/devicetree/base",
					     "/proc/device-tree" };

	for (size_t i = 0; i < ELEMENTSOF(roots); i++) {
		_cleanup_free_ char *p =
			node ? xasprintf("%s/%s/%s", roots[i], node, prop)
			     : xasprintf("%s/%s", roots[i], prop);

		if (sr_read_file(sr, p, 65536, buf, len) >= 0)
			return 0;
	}
	return -ENOENT;
}

/*
 * The host bridges' I/O windows: each top-level /proc/ioports entry, and where the device
 * tree has a node of that name (powerpc names the window after its bridge's node, e.g.
 * "pci@800000020000000"), the bus and CPU addresses of its I/O range.
 */
void inventory_load_io_windows(const struct sysroot *sr, struct pcr_inventory *inv)
{
	_cleanup_free_ char *cbuf = NULL;
	unsigned pcells = 2;
	size_t clen;

	if (!inv->ioports_ok)
		return;
	if (dt_read(sr, NULL, "#address-cells", &cbuf, &clen) == 0 &&
	    parse_ofcells(cbuf, clen, &pcells) < 0)
		pcells = 2;
	for (size_t i = 0; i < inv->ioports.n; i++) {
		const struct iomem_entry *x = &inv->ioports.entries[i];
		_cleanup_free_ char *buf = NULL, *sbuf = NULL;
		struct io_window *w;
		struct ofrange r[16];
		unsigned scells = 2;
		size_t len, slen, n;

		if (x->parent >= 0)
			continue;
		inv->iowin =
			xreallocarray(inv->iowin, inv->niowin + 1, sizeof(*inv->iowin));
		w = &inv->iowin[inv->niowin++];
		*w = (struct io_window){ .name = x->name,
					 .kstart = x->start,
					 .kend = x->end };
		if (strchr(x->name, '/') || streq(x->name, "..") || streq(x->name, ".") ||
		    dt_read(sr, x->name, "ranges", &buf, &len) < 0)
			continue;
		if (dt_read(sr, x->name, "#size-cells", &sbuf, &slen) == 0 &&
		    parse_ofcells(sbuf, slen, &scells) < 0)
			scells = 2;
		if (parse_ofranges(buf, len, pcells, scells, r, ELEMENTSOF(r), &n, NULL) <
		    0)
			continue;
		for (size_t k = 0; k < n; k++)
			if (r[k].space == OFRANGE_IO &&
			    r[k].size == x->end - x->start + 1) {
				w->cpu_known = true;
				w->bus = r[k].bus;
				w->cpu = r[k].cpu;
			}
	}
}

const struct pcr_bar *inventory_find_io_bar(const struct pcr_inventory *inv, int domain,
					    uint64_t start, uint64_t end,
					    const struct pcr_device **ret_dev)
{
	const struct pcr_bar *found = NULL;

	for (unsigned i = 0; i < inv->ndevs; i++) {
		const struct pcr_device *d = &inv->devs[i];

		if (domain >= 0 && d->domain != (unsigned)domain)
			continue;
		for (unsigned j = 0; j < d->nbars; j++) {
			const struct pcr_bar *b = &d->bars[j];
			uint64_t bend;

			if (b->kind != RES_BAR || !b->valid || !(b->flags & IORES_IO) ||
			    !b->io_cpu_known || b->end < b->start)
				continue;
			bend = b->io_cpu_start + (b->end - b->start);
			if (bend < start || b->io_cpu_start > end)
				continue;
			if (found)
				return NULL;
			found = b;
			if (ret_dev)
				*ret_dev = d;
		}
	}
	return found;
}
