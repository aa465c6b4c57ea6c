// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <pci/pci.h>
#include <stdarg.h>
#include <stdlib.h>

#include "collect-udev.h"
#include "evidence.h"
#include "exitcode.h"
#include "inventory.h"
#include "log.h"
#include "parse-ofranges.h"
#include "problems.h"
#include "xalloc.h"

#define SYSFS_PCI "/sys/bus/pci/devices"

/* libpci's error hook must not return. */
static _noreturn_ _printf_(1, 2) void pci_die(char *msg, ...)
{
	va_list ap;

	fputs("pcirevoke: libpci: ", stderr);
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(PCR_EXIT_FAILURE);
}

/* libpci's warnings become problems of the inventory being loaded (one at a time). */
static struct pcr_problems *pci_problems;

static _printf_(1, 2) void pci_warn(char *msg, ...)
{
	_cleanup_free_ char *text = NULL;
	va_list ap;

	va_start(ap, msg);
	if (vasprintf(&text, msg, ap) < 0)
		text = NULL;
	va_end(ap);
	if (pci_problems && text)
		problem_add(pci_problems, PROBLEM_WARN, false, "libpci: %s", text);
}

static _printf_(1, 2) void pci_debug(char *msg, ...)
{
	va_list ap;

	if (log_level < LOG_DEBUG)
		return;
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
}

static struct pci_access *pci_open(const struct sysroot *sr)
{
	struct pci_access *pacc = pci_alloc();
	char *path = sr_path(sr, "/sys/bus/pci");

	pacc->error = pci_die;
	pacc->warning = pci_warn;
	pacc->debug = pci_debug;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	pci_set_param(pacc, "sysfs.path", path);
	free(path);
	if (!sr->live) {
		/* names from the tree's own pci.ids when it has one: fixtures are reproducible */
		if (sr_exists(sr, "/usr/share/misc/pci.ids"))
			pci_set_name_list_path(pacc, sr_path(sr, "/usr/share/misc/pci.ids"), 1);
	}
	pci_init(pacc);
	return pacc;
}

static int slot_cmp(const void *a, const void *b)
{
	const struct pcr_device *x = a, *y = b;

	if (x->domain != y->domain)
		return x->domain < y->domain ? -1 : 1;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return (int)x->func - (int)y->func;
}

static char *lookup_name(struct pci_access *pacc, bool numeric,
			 int flags, unsigned a, unsigned b)
{
	char buf[512];
	char *r;

	if (numeric)
		flags |= PCI_LOOKUP_NUMERIC;
	/*
	 * Names come from pci.ids only: the same answer live and under a sysroot, and no
	 * udev hwdb, whose look-up in libpci 3.9 leaks a struct udev per call when hwdb.bin
	 * is missing (a long-running `watch` would grow).
	 */
	flags |= PCI_LOOKUP_NO_HWDB;
	r = pci_lookup_name(pacc, buf, sizeof(buf), flags, a, b);
	return xstrdup(r ? r : "");
}

/* Decode bus addresses of BARs 0-5 and the ROM from config space (type 0 header). */
static void bus_addresses(const struct sysroot *sr, struct pcr_device *d)
{
	_cleanup_free_ char *path = xasprintf(SYSFS_PCI "/%s/config", d->slot);
	_cleanup_free_ char *cfg = NULL;
	const unsigned char *c;
	size_t len;

	if (sr_read_file(sr, path, 4096, &cfg, &len) < 0 || len < 0x34)
		return;
	c = (const unsigned char *)cfg;
	if ((c[0x0e] & 0x7f) != 0) /* not a plain device header */
		return;
	for (unsigned i = 0; i < d->nbars; i++) {
		struct pcr_bar *b = &d->bars[i];
		unsigned off;
		uint64_t v;

		if (b->kind == RES_BAR)
			off = 0x10 + 4 * b->sub;
		else if (b->kind == RES_ROM)
			off = 0x30;
		else
			continue;
		if (!b->valid || b->start == 0 || off + 4 > len)
			continue;
		v = (uint64_t)c[off] | (uint64_t)c[off + 1] << 8 | (uint64_t)c[off + 2] << 16 |
		    (uint64_t)c[off + 3] << 24;
		if (b->kind == RES_ROM) {
			v &= ~0x7ffULL;
		} else if (v & 1) {
			v &= ~0x3ULL;
		} else {
			if ((v & 0x6) == 0x4 && off + 8 <= len && b->sub < 5)
				v |= ((uint64_t)c[off + 4] | (uint64_t)c[off + 5] << 8 |
				      (uint64_t)c[off + 6] << 16 | (uint64_t)c[off + 7] << 24)
				     << 32;
			v &= ~0xfULL;
		}
		if (v && v != b->start) {
			b->has_bus = true;
			b->bus_start = v;
		}
	}
}

/*
 * The /proc/ioports entry of an I/O BAR: the kernel names it in its own port numbers,
 * which on powerpc are the bus port (what the resource file shows) plus the host
 * bridge's I/O offset. Found as the entry named for the device with the BAR's size whose
 * offset from its bridge's window matches the BAR's from the window's bus start (0 when
 * the device tree does not say); on x86 it is simply the same range.
 */
static int io_entry(const struct pcr_inventory *inv, const struct pcr_device *d,
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
static void bar_io_addresses(const struct pcr_inventory *inv, struct pcr_bar *b,
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

static void bar_claim(const struct pcr_inventory *inv, const struct pcr_device *d,
		      struct pcr_bar *b)
{
	bool isio = b->flags & IORES_IO;
	const struct iomem *io = isio ? &inv->ioports : &inv->iomem;
	bool ok = isio ? inv->ioports_ok : inv->iomem_ok;
	int e, c;

	if (!b->valid || (!(b->flags & (IORES_IO | IORES_MEM))) || b->end == 0) {
		b->claim_state = CLAIM_NOENTRY;
		return;
	}
	if (!ok) {
		b->claim_state = CLAIM_UNKNOWN;
		return;
	}
	e = isio ? io_entry(inv, d, b) : iomem_find_named(io, b->start, b->end, d->slot);
	if (e < 0) {
		b->claim_state = CLAIM_NOENTRY;
		return;
	}
	if (isio)
		bar_io_addresses(inv, b, &io->entries[e]);
	c = iomem_first_child(io, e);
	if (c < 0) {
		b->claim_state = CLAIM_UNCLAIMED;
		return;
	}
	b->claim_state = CLAIM_CLAIMED;
	b->claim = io->entries[c].name;
}

/*
 * The files that can map a BAR. Memory BARs: /dev/mem, resourceN(_wc), /proc/bus/pci
 * (where HAVE_PCI_MMAP; an unknown arch is given the benefit of the file's presence).
 * I/O BARs only where arch_can_pci_mmap_io() (powerpc, sparc, xtensa): resourceN,
 * /proc/bus/pci and the bus's legacy_io; elsewhere an I/O BAR's resourceN can only be
 * read and written, and x86 maps no I/O port at all.
 */
static void bar_doors(const struct sysroot *sr, const struct pcr_inventory *inv,
		      const struct pcr_device *d, struct pcr_bar *b)
{
	bool isio = b->flags & IORES_IO;
	char path[128];

	if (!b->valid || !(b->flags & (IORES_MEM | IORES_IO)) || b->end == 0)
		return;
	if (isio && !arch_can_pci_mmap_io(inv->arch))
		return;
	if (inv->has_devmem && !isio)
		b->doors |= VIA_BIT(VIA_DEVMEM);
	if (b->kind != RES_BAR)
		return;
	snprintf(path, sizeof(path), SYSFS_PCI "/%s/resource%u", d->slot, b->sub);
	if (sr_exists(sr, path))
		b->doors |= VIA_BIT(VIA_SYSFS);
	snprintf(path, sizeof(path), SYSFS_PCI "/%s/resource%u_wc", d->slot, b->sub);
	if (!isio && sr_exists(sr, path))
		b->doors |= VIA_BIT(VIA_SYSFS_WC);
	if (d->domain)
		snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x", d->domain, d->bus,
			 d->dev, d->func);
	else
		snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x", d->bus, d->dev, d->func);
	if ((!inv->arch[0] || arch_have_pci_mmap(inv->arch)) && sr_exists(sr, path))
		b->doors |= VIA_BIT(VIA_PROCFS);
	if (isio) {
		snprintf(path, sizeof(path), "/sys/class/pci_bus/%04x:%02x/legacy_io", d->domain,
			 d->bus);
		if (sr_exists(sr, path))
			b->doors |= VIA_BIT(VIA_LEGACY_IO);
	}
}

static void load_bars(const struct sysroot *sr, struct pcr_inventory *inv,
		      struct pcr_device *d)
{
	_cleanup_free_ char *path = xasprintf(SYSFS_PCI "/%s/resource", d->slot);
	_cleanup_free_ char *buf = NULL;
	struct resource_file rf;
	struct parse_err err = { 0 };
	size_t len;
	int r;

	r = sr_read_file(sr, path, 65536, &buf, &len);
	if (r >= 0)
		r = parse_resource(buf, len, &rf, &err);
	if (r < 0) {
		_cleanup_free_ char *full = sr_path(sr, path);
		if (err.msg) {
			problem_add(&inv->problems, PROBLEM_WARN, true,
				    "%s: %s, skipping the device's BARs", full, err.msg);
			d->error = xasprintf("resource: %s", err.msg);
		} else {
			problem_add(&inv->problems, PROBLEM_WARN, true, "cannot read %s: %s",
				    full, strerror(-r));
			d->error = xasprintf("resource: %s", strerror(-r));
		}
		return;
	}
	if (rf.nbad) {
		_cleanup_free_ char *full = sr_path(sr, path);
		d->error = xasprintf("resource line %u: %s", err.line, err.msg);
		problem_add(&inv->problems, PROBLEM_WARN, true, "%s:%u: %s (%u bad line%s, marked)",
			    full, err.line, err.msg, rf.nbad, rf.nbad == 1 ? "" : "s");
	}
	d->bars = xcalloc(rf.nlines, sizeof(*d->bars));
	for (unsigned i = 0; i < rf.nlines; i++) {
		struct pcr_bar *b = &d->bars[d->nbars];
		const struct resource_line *l = &rf.lines[i];

		b->index = i;
		if (resource_line_kind(rf.nlines, i, &b->kind, &b->sub) < 0) {
			/* an unknown layout: BARs and ROM are still where they always are */
			if (i > 6)
				continue;
			b->kind = i < 6 ? RES_BAR : RES_ROM;
			b->sub = i < 6 ? i : 0;
		}
		b->valid = l->valid;
		b->start = l->start;
		b->end = l->end;
		b->flags = l->flags;
		d->nbars++;
	}
	bus_addresses(sr, d);
	for (unsigned i = 0; i < d->nbars; i++) {
		bar_claim(inv, d, &d->bars[i]);
		bar_doors(sr, inv, d, &d->bars[i]);
	}
}

static void load_claims(const struct sysroot *sr, struct pcr_problems *pb, const char *file,
			struct iomem *io, bool *ok)
{
	_cleanup_free_ char *buf = NULL;
	struct parse_err err = { 0 };
	unsigned bad = 0;
	size_t len;
	int r;

	r = sr_read_file(sr, file, 16 << 20, &buf, &len);
	if (r >= 0)
		r = parse_iomem(buf, len, io, &bad, &err);
	if (r < 0) {
		_cleanup_free_ char *full = sr_path(sr, file);
		problem_add(pb, PROBLEM_WARN, true,
			    "cannot read %s: %s; who claimed each region is unknown", full,
			    strerror(-r));
		return;
	}
	if (bad) {
		_cleanup_free_ char *full = sr_path(sr, file);
		problem_add(pb, PROBLEM_WARN, false, "%s:%u: %s (%u line%s skipped)", full,
			    err.line, err.msg, bad, bad == 1 ? "" : "s");
	}
	if (io->redacted) {
		_cleanup_free_ char *full = sr_path(sr, file);
		problem_add(pb, PROBLEM_WARN, true,
			    "%s shows no addresses (reading them needs CAP_SYS_ADMIN); claims are "
			    "unknown",
			    full);
		return;
	}
	*ok = true;
}

/* A device-tree property of NODE (a host bridge), read whole. */
static int dt_read(const struct sysroot *sr, const char *node, const char *prop, char **buf,
		   size_t *len)
{
	static const char *const roots[] = { "/sys/firmware/devicetree/base", "/proc/device-tree" };

	for (size_t i = 0; i < ELEMENTSOF(roots); i++) {
		_cleanup_free_ char *p = node ? xasprintf("%s/%s/%s", roots[i], node, prop)
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
static void load_io_windows(const struct sysroot *sr, struct pcr_inventory *inv)
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
		inv->iowin = xreallocarray(inv->iowin, inv->niowin + 1, sizeof(*inv->iowin));
		w = &inv->iowin[inv->niowin++];
		*w = (struct io_window){ .name = x->name, .kstart = x->start, .kend = x->end };
		if (strchr(x->name, '/') || streq(x->name, "..") || streq(x->name, ".") ||
		    dt_read(sr, x->name, "ranges", &buf, &len) < 0)
			continue;
		if (dt_read(sr, x->name, "#size-cells", &sbuf, &slen) == 0 &&
		    parse_ofcells(sbuf, slen, &scells) < 0)
			scells = 2;
		if (parse_ofranges(buf, len, pcells, scells, r, ELEMENTSOF(r), &n, NULL) < 0)
			continue;
		for (size_t k = 0; k < n; k++)
			if (r[k].space == OFRANGE_IO && r[k].size == x->end - x->start + 1) {
				w->cpu_known = true;
				w->bus = r[k].bus;
				w->cpu = r[k].cpu;
			}
	}
}

static bool filter_driver_match(const struct inventory_filter *f, const struct pcr_device *d)
{
	if (!f || !f->driver)
		return true;
	if (streq(f->driver, "none") || streq(f->driver, "-"))
		return !d->driver;
	return d->driver && streq(d->driver, f->driver);
}

int inventory_load(const struct sysroot *sr, const struct inventory_filter *filter,
		   struct pcr_inventory *ret)
{
	struct pcr_inventory inv = { 0 };
	int r = 0;
	struct pci_filter pf;
	struct pci_access *pacc;
	struct pci_dev *p;
	size_t cap = 0;

	pci_problems = &inv.problems;
	pacc = pci_open(sr);
	pci_filter_init(pacc, &pf);
	if (filter && filter->slot) {
		_cleanup_free_ char *s = xstrdup(filter->slot);
		char *msg = pci_filter_parse_slot(&pf, s);
		if (msg) {
			problem_add(&inv.problems, PROBLEM_ERROR, false, "-s '%s': %s",
				    filter->slot, msg);
			r = -EINVAL;
			goto out;
		}
	}
	if (filter && filter->id) {
		_cleanup_free_ char *s = xstrdup(filter->id);
		char *msg = pci_filter_parse_id(&pf, s);
		if (msg) {
			problem_add(&inv.problems, PROBLEM_ERROR, false, "-d '%s': %s",
				    filter->id, msg);
			r = -EINVAL;
			goto out;
		}
	}

	inv.has_devmem = sr_exists(sr, "/dev/mem");
	load_claims(sr, &inv.problems, "/proc/iomem", &inv.iomem, &inv.iomem_ok);
	load_claims(sr, &inv.problems, "/proc/ioports", &inv.ioports, &inv.ioports_ok);
	evidence_read_arch(sr, inv.arch, sizeof(inv.arch));
	load_io_windows(sr, &inv);

	pci_scan_bus(pacc);
	for (p = pacc->devices; p; p = p->next) {
		struct pcr_device *d;
		_cleanup_free_ char *link = NULL, *lpath = NULL;

		pci_fill_info(p, PCI_FILL_IDENT | PCI_FILL_CLASS);
		if (!pci_filter_match(&pf, p))
			continue;
		if (inv.ndevs == cap) {
			cap = cap ? cap * 2 : 16;
			inv.devs = xreallocarray(inv.devs, cap, sizeof(*inv.devs));
		}
		d = &inv.devs[inv.ndevs];
		*d = (struct pcr_device){ 0 };
		d->domain = (unsigned)p->domain;
		d->bus = p->bus;
		d->dev = p->dev;
		d->func = p->func;
		snprintf(d->slot, sizeof(d->slot), "%04x:%02x:%02x.%x", d->domain, d->bus, d->dev,
			 d->func);
		d->vendor = p->vendor_id;
		d->device = p->device_id;
		d->class = (uint32_t)p->device_class << 8;
		lpath = xasprintf(SYSFS_PCI "/%s/driver", d->slot);
		if (sr_readlink(sr, lpath, &link) >= 0) {
			const char *base = strrchr(link, '/');
			d->driver = xstrdup(base ? base + 1 : link);
		}
		if (!filter_driver_match(filter, d)) {
			free(d->driver);
			continue;
		}
		d->name = lookup_name(pacc, filter && filter->numeric,
				      PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE, p->vendor_id,
				      p->device_id);
		d->class_name = lookup_name(pacc, filter && filter->numeric,
					    PCI_LOOKUP_CLASS, p->device_class, 0);
		if (sr->live && filter && filter->children)
			d->children = udev_children_names(d->slot);
		inv.ndevs++;
	}
	if (inv.ndevs)
		qsort(inv.devs, inv.ndevs, sizeof(*inv.devs), slot_cmp);
	for (unsigned i = 0; i < inv.ndevs; i++)
		load_bars(sr, &inv, &inv.devs[i]);
out:
	pci_cleanup(pacc);
	pci_problems = NULL;
	*ret = inv;
	return r;
}

void inventory_done(struct pcr_inventory *inv)
{
	for (unsigned i = 0; i < inv->ndevs; i++) {
		struct pcr_device *d = &inv->devs[i];
		free(d->name);
		free(d->class_name);
		free(d->driver);
		free(d->children);
		free(d->error);
		free(d->bars);
	}
	free(inv->devs);
	iomem_done(&inv->iomem);
	iomem_done(&inv->ioports);
	free(inv->iowin);
	problems_done(&inv->problems);
	*inv = (struct pcr_inventory){ 0 };
}

const struct pcr_bar *inventory_find_bar(const struct pcr_inventory *inv, uint64_t start,
					 uint64_t end, const struct pcr_device **ret_dev)
{
	for (unsigned i = 0; i < inv->ndevs; i++) {
		const struct pcr_device *d = &inv->devs[i];
		for (unsigned j = 0; j < d->nbars; j++) {
			const struct pcr_bar *b = &d->bars[j];
			if (b->kind != RES_BAR || !b->valid || !(b->flags & IORES_MEM) ||
			    b->end == 0)
				continue;
			if (b->start <= start && end <= b->end) {
				if (ret_dev)
					*ret_dev = d;
				return b;
			}
		}
	}
	return NULL;
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

const struct pcr_device *inventory_find_slot(const struct pcr_inventory *inv,
					     const char *slot)
{
	for (unsigned i = 0; i < inv->ndevs; i++)
		if (streq(inv->devs[i].slot, slot))
			return &inv->devs[i];
	return NULL;
}

