// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <pci/pci.h>
#include <stdarg.h>
#include <stdlib.h>

#include "collect-pcishadow.h"
#include "collect-udev.h"
#include "evidence.h"
#include "exitcode.h"
#include "inventory-internal.h"
#include "log.h"
#include "problems.h"
#include "xalloc.h"

#define SYSFS_PCI "/sys/bus/pci/devices"

/* The shadow directory libpci reads while an inventory loads, removed if libpci dies. */
static struct pci_shadow *pci_shadow_active;

/* libpci's error hook must not return. */
static _noreturn_ _printf_(1, 2) void pci_die(char *msg, ...)
{
	va_list ap;

	if (pci_shadow_active)
		pci_shadow_done(pci_shadow_active);

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

/*
 * libpci on /sys/bus/pci live; under a sysroot on the checked shadow of the tree's
 * devices (collect-pcishadow.h), with names from the tree's own pci.ids when it has one
 * (fixtures are reproducible).
 */
static struct pci_access *pci_open(const struct pci_shadow *shadow)
{
	struct pci_access *pacc = pci_alloc();

	pacc->error = pci_die;
	pacc->warning = pci_warn;
	pacc->debug = pci_debug;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	if (shadow->sysfs)
		pci_set_param(pacc, "sysfs.path", shadow->sysfs);
	if (shadow->ids)
		pci_set_name_list_path(pacc, xstrdup(shadow->ids), 1);
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

static char *lookup_name(struct pci_access *pacc, bool numeric, int flags, unsigned a,
			 unsigned b)
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
		v = (uint64_t)c[off] | (uint64_t)c[off + 1] << 8 |
		    (uint64_t)c[off + 2] << 16 | (uint64_t)c[off + 3] << 24;
		if (b->kind == RES_ROM) {
			v &= ~0x7ffULL;
		} else if (v & 1) {
			v &= ~0x3ULL;
		} else {
			if ((v & 0x6) == 0x4 && off + 8 <= len && b->sub < 5)
				v |= ((uint64_t)c[off + 4] | (uint64_t)c[off + 5] << 8 |
				      (uint64_t)c[off + 6] << 16 |
				      (uint64_t)c[off + 7] << 24)
				     << 32;
			v &= ~0xfULL;
		}
		if (v && v != b->start) {
			b->has_bus = true;
			b->bus_start = v;
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
	e = isio ? inventory_io_entry(inv, d, b)
		 : iomem_find_named(io, b->start, b->end, d->slot);
	if (e < 0) {
		b->claim_state = CLAIM_NOENTRY;
		return;
	}
	if (isio)
		inventory_io_addresses(inv, b, &io->entries[e]);
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
		snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x", d->domain,
			 d->bus, d->dev, d->func);
	else
		snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x", d->bus, d->dev,
			 d->func);
	if ((!inv->arch[0] || arch_have_pci_mmap(inv->arch)) && sr_exists(sr, path))
		b->doors |= VIA_BIT(VIA_PROCFS);
	if (isio) {
		snprintf(path, sizeof(path), "/sys/class/pci_bus/%04x:%02x/legacy_io",
			 d->domain, d->bus);
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
			problem_add(&inv->problems, PROBLEM_WARN, true,
				    "cannot read %s: %s", full, sr_strerror(r));
			d->error = xasprintf("resource: %s", sr_strerror(r));
		}
		return;
	}
	if (rf.nbad) {
		_cleanup_free_ char *full = sr_path(sr, path);
		d->error = xasprintf("resource line %u: %s", err.line, err.msg);
		problem_add(&inv->problems, PROBLEM_WARN, true,
			    "%s:%u: %s (%u bad line%s, marked)", full, err.line, err.msg,
			    rf.nbad, rf.nbad == 1 ? "" : "s");
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

static void load_claims(const struct sysroot *sr, struct pcr_problems *pb,
			const char *file, struct iomem *io, bool *ok)
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
			    "cannot read %s: %s; who claimed each region is unknown",
			    full, sr_strerror(r));
		return;
	}
	if (bad) {
		_cleanup_free_ char *full = sr_path(sr, file);
		problem_add(pb, PROBLEM_WARN, false, "%s:%u: %s (%u line%s skipped)",
			    full, err.line, err.msg, bad, bad == 1 ? "" : "s");
	}
	if (io->redacted) {
		_cleanup_free_ char *full = sr_path(sr, file);
		problem_add(pb, PROBLEM_WARN, true,
			    "%s shows no addresses (reading them needs CAP_SYS_ADMIN); "
			    "claims are "
			    "unknown",
			    full);
		return;
	}
	*ok = true;
}

static bool filter_driver_match(const struct inventory_filter *f,
				const struct pcr_device *d)
{
	if (!f || !f->driver)
		return true;
	if (streq(f->driver, "none") || streq(f->driver, "-"))
		return !d->driver;
	return d->driver && streq(d->driver, f->driver);
}

/* lspci's -s and -d into a libpci filter; -EINVAL (a problem says why) when one is bad. */
static int set_filter(struct pci_access *pacc, const struct inventory_filter *filter,
		      struct pci_filter *pf, struct pcr_problems *pb)
{
	char *msg;

	pci_filter_init(pacc, pf);
	if (filter && filter->slot) {
		_cleanup_free_ char *s = xstrdup(filter->slot);

		msg = pci_filter_parse_slot(pf, s);
		if (msg) {
			problem_add(pb, PROBLEM_ERROR, false, "-s '%s': %s", filter->slot,
				    msg);
			return -EINVAL;
		}
	}
	if (filter && filter->id) {
		_cleanup_free_ char *s = xstrdup(filter->id);

		msg = pci_filter_parse_id(pf, s);
		if (msg) {
			problem_add(pb, PROBLEM_ERROR, false, "-d '%s': %s", filter->id,
				    msg);
			return -EINVAL;
		}
	}
	return 0;
}

/* One libpci device as a pcr_device (BARs come later); false when --driver drops it. */
static bool device_from_pci(const struct sysroot *sr, struct pci_access *pacc,
			    struct pci_dev *p, const struct inventory_filter *filter,
			    struct pcr_device *d)
{
	_cleanup_free_ char *link = NULL, *lpath = NULL;
	bool numeric = filter && filter->numeric;

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
		return false;
	}
	d->name = lookup_name(pacc, numeric, PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
			      p->vendor_id, p->device_id);
	d->class_name = lookup_name(pacc, numeric, PCI_LOOKUP_CLASS, p->device_class, 0);
	if (sr->live && filter && filter->children)
		d->children = udev_children_names(d->slot);
	return true;
}

/* The devices libpci finds that the filter selects, sorted by slot. */
static void load_devices(const struct sysroot *sr, struct pci_access *pacc,
			 struct pci_filter *pf, const struct inventory_filter *filter,
			 struct pcr_inventory *inv)
{
	size_t cap = 0;

	for (struct pci_dev *p = pacc->devices; p; p = p->next) {
		pci_fill_info(p, PCI_FILL_IDENT | PCI_FILL_CLASS);
		if (!pci_filter_match(pf, p))
			continue;
		if (inv->ndevs == cap) {
			cap = cap ? cap * 2 : 16;
			inv->devs = xreallocarray(inv->devs, cap, sizeof(*inv->devs));
		}
		if (device_from_pci(sr, pacc, p, filter, &inv->devs[inv->ndevs]))
			inv->ndevs++;
	}
	if (inv->ndevs)
		qsort(inv->devs, inv->ndevs, sizeof(*inv->devs), slot_cmp);
}

int inventory_load(const struct sysroot *sr, const struct inventory_filter *filter,
		   struct pcr_inventory *ret)
{
	struct pcr_inventory inv = { 0 };
	struct pci_filter pf;
	struct pci_shadow shadow;
	struct pci_access *pacc;
	int r;

	pci_problems = &inv.problems;
	pci_shadow_build(sr, &inv.problems, &shadow);
	pci_shadow_active = &shadow;
	pacc = pci_open(&shadow);
	r = set_filter(pacc, filter, &pf, &inv.problems);
	if (r < 0)
		goto out;

	inv.has_devmem = sr_exists(sr, "/dev/mem");
	load_claims(sr, &inv.problems, "/proc/iomem", &inv.iomem, &inv.iomem_ok);
	load_claims(sr, &inv.problems, "/proc/ioports", &inv.ioports, &inv.ioports_ok);
	evidence_read_arch(sr, inv.arch, sizeof(inv.arch));
	inventory_load_io_windows(sr, &inv);

	if (shadow.sysfs) /* else no directory for libpci could be made: a problem says so */
		pci_scan_bus(pacc);
	load_devices(sr, pacc, &pf, filter, &inv);
	for (unsigned i = 0; i < inv.ndevs; i++)
		load_bars(sr, &inv, &inv.devs[i]);
out:
	pci_cleanup(pacc);
	pci_shadow_done(&shadow);
	pci_shadow_active = NULL;
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

const struct pcr_device *inventory_find_slot(const struct pcr_inventory *inv,
					     const char *slot)
{
	for (unsigned i = 0; i < inv->ndevs; i++)
		if (streq(inv->devs[i].slot, slot))
			return &inv->devs[i];
	return NULL;
}

enum claim_state inventory_bar_claim(const struct pcr_inventory *inv, const char *slot,
				     int bar, const char **ret_claim)
{
	const struct pcr_device *d =
		slot && slot[0] ? inventory_find_slot(inv, slot) : NULL;

	*ret_claim = NULL;
	for (unsigned i = 0; d && bar >= 0 && i < d->nbars; i++) {
		const struct pcr_bar *b = &d->bars[i];

		if (b->kind == RES_BAR && b->sub == (unsigned)bar) {
			*ret_claim = b->claim_state == CLAIM_CLAIMED ? b->claim : NULL;
			return b->claim_state;
		}
	}
	return CLAIM_UNKNOWN;
}
