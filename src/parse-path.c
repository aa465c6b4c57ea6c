// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Door classification of a mapped file's path (parse layer: pure). The path is the one
 * inside its file system, as the process scan computed it from mountinfo, or the path as
 * the process sees it; only its last components count, so the same rules hold in any
 * mount namespace. Which file system a path lies in is decided by file identity
 * elsewhere: this only says what such a path would be.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "macro.h"
#include "parse-path.h"

struct comp {
	const char *s;
	size_t n;
};

/* Split the last up to max components of path, last first. Returns how many. */
static unsigned last_components(const char *path, struct comp *c, unsigned max)
{
	const char *end = path + strlen(path);
	unsigned k = 0;

	while (k < max) {
		const char *p;

		while (end > path && end[-1] == '/')
			end--;
		if (end == path)
			break;
		p = end;
		while (p > path && p[-1] != '/')
			p--;
		c[k].s = p;
		c[k].n = (size_t)(end - p);
		k++;
		end = p;
	}
	return k;
}

static bool comp_is(const struct comp *c, const char *w)
{
	return c->n == strlen(w) && memcmp(c->s, w, c->n) == 0;
}

static bool ishex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	       (ch >= 'A' && ch <= 'F');
}

/* n hex digits at s (exactly) */
static bool hexrun(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ishex(s[i]))
			return false;
	return true;
}

/* "DDDD:BB" with 4-8 domain digits; *dlen = domain digit count */
static bool is_bus(const char *s, size_t n, size_t *dlen)
{
	if (n < 7 || n > 11 || s[n - 3] != ':')
		return false;
	*dlen = n - 3;
	return hexrun(s, n - 3) && hexrun(s + n - 2, 2);
}

/* "DDDD:BB:DD.F" */
static bool is_slot(const char *s, size_t n)
{
	size_t dlen;

	if (n < 12 || n > 16 || s[n - 2] != '.' || s[n - 1] < '0' || s[n - 1] > '7' ||
	    s[n - 5] != ':')
		return false;
	return is_bus(s, n - 5, &dlen) && hexrun(s + n - 4, 2);
}

static void set_slot(struct door_path *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < sizeof(d->slot) - 1; i++)
		d->slot[i] =
			(char)((s[i] >= 'A' && s[i] <= 'F') ? s[i] - 'A' + 'a' : s[i]);
	d->slot[i] = '\0';
}

static unsigned hexnum(const char *s, size_t n)
{
	unsigned v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 4 |
		    (unsigned)(s[i] <= '9' ? s[i] - '0' : (s[i] | 0x20) - 'a' + 10);
	return v;
}

/* "uio12", "vfio0": prefix then 1-9 decimal digits */
static int name_index(const struct comp *c, const char *prefix)
{
	size_t pl = strlen(prefix);
	long v = 0;

	if (c->n <= pl || c->n > pl + 9 || memcmp(c->s, prefix, pl) != 0)
		return -1;
	for (size_t i = pl; i < c->n; i++) {
		if (c->s[i] < '0' || c->s[i] > '9')
			return -1;
		v = v * 10 + (c->s[i] - '0');
	}
	return (int)v;
}

static int classify_sysfs(const char *path, struct door_path *d)
{
	struct comp c[3];
	unsigned k = last_components(path, c, 3);
	size_t dlen;

	if (k < 2)
		return -ENOENT;
	/* resourceN, resourceN_wc */
	if ((c[0].n == 9 || (c[0].n == 12 && memcmp(c[0].s + 9, "_wc", 3) == 0)) &&
	    memcmp(c[0].s, "resource", 8) == 0 && c[0].s[8] >= '0' && c[0].s[8] <= '5' &&
	    is_slot(c[1].s, c[1].n)) {
		d->via = c[0].n == 12 ? VIA_SYSFS_WC : VIA_SYSFS;
		d->bar = c[0].s[8] - '0';
		d->has_slot = true;
		set_slot(d, c[1].s, c[1].n);
		return 0;
	}
	/* pci_bus/DDDD:BB/legacy_io, legacy_mem */
	if (k == 3 && (comp_is(&c[0], "legacy_io") || comp_is(&c[0], "legacy_mem")) &&
	    is_bus(c[1].s, c[1].n, &dlen) && comp_is(&c[2], "pci_bus")) {
		d->via = comp_is(&c[0], "legacy_io") ? VIA_LEGACY_IO : VIA_LEGACY_MEM;
		set_slot(d, c[1].s, c[1].n); /* the bus; has_slot stays false */
		return 0;
	}
	return -ENOENT;
}

static int classify_proc(const char *path, struct door_path *d)
{
	struct comp c[4];
	unsigned k = last_components(path, c, 4);
	unsigned domain = 0, bus, dev, fn;
	size_t dlen;

	if (k < 4 || !comp_is(&c[3], "bus") || !comp_is(&c[2], "pci"))
		return -ENOENT;
	/* DD.F */
	if (c[0].n != 4 || !hexrun(c[0].s, 2) || c[0].s[2] != '.' || c[0].s[3] < '0' ||
	    c[0].s[3] > '7')
		return -ENOENT;
	dev = hexnum(c[0].s, 2);
	fn = (unsigned)(c[0].s[3] - '0');
	if (c[1].n == 2 && hexrun(c[1].s, 2)) {
		bus = hexnum(c[1].s, 2);
	} else if (is_bus(c[1].s, c[1].n, &dlen)) {
		domain = hexnum(c[1].s, dlen);
		bus = hexnum(c[1].s + dlen + 1, 2);
	} else {
		return -ENOENT;
	}
	if (dev > 0x1f)
		return -ENOENT;
	d->via = VIA_PROCFS;
	d->has_slot = true;
	snprintf(d->slot, sizeof(d->slot), "%04x:%02x:%02x.%u", domain, bus, dev, fn);
	return 0;
}

static int classify_devtmpfs(const char *path, struct door_path *d)
{
	struct comp c[3];
	unsigned k = last_components(path, c, 3);
	/* at the root of devtmpfs ("/mem"), or under a "dev" directory ("/dev/mem") */
	bool top = k == 1 || (k >= 2 && comp_is(&c[1], "dev"));
	int idx;

	if (k < 1)
		return -ENOENT;
	if (top && comp_is(&c[0], "mem")) {
		d->via = VIA_DEVMEM;
		return 0;
	}
	if (top && (idx = name_index(&c[0], "uio")) >= 0) {
		d->via = VIA_UIO;
		d->index = idx;
		return 0;
	}
	if (k >= 3 && comp_is(&c[2], "vfio") && comp_is(&c[1], "devices") &&
	    (idx = name_index(&c[0], "vfio")) >= 0) {
		d->via = VIA_VFIO;
		d->index = idx;
		return 0;
	}
	return -ENOENT;
}

int door_classify(enum mnt_kind kind, const char *path, struct door_path *ret)
{
	struct door_path d = { .via = VIA_NONE, .bar = -1, .index = -1 };
	int r;

	switch (kind) {
	case MNT_SYSFS:
		r = classify_sysfs(path, &d);
		break;
	case MNT_PROC:
		r = classify_proc(path, &d);
		break;
	case MNT_DEVTMPFS:
		r = classify_devtmpfs(path, &d);
		break;
	case MNT_ANON:
		r = streq(path, "anon_inode:[vfio-device]") ? 0 : -ENOENT;
		d.via = VIA_VFIO;
		break;
	default:
		r = -ENOENT;
	}
	if (r < 0)
		return r;
	*ret = d;
	return 0;
}

/* "DDDD:BB:DD.F" with a 4-8 digit domain: its numbers; false when malformed. */
static bool split_slot(const char *s, unsigned *domain, unsigned *bus, unsigned *dev,
		       unsigned *fn)
{
	size_t n = strnlen(s, 24), dlen;

	if (!is_slot(s, n))
		return false;
	if (!is_bus(s, n - 5, &dlen))
		return false;
	*domain = hexnum(s, dlen);
	*bus = hexnum(s + dlen + 1, 2);
	*dev = hexnum(s + n - 4, 2);
	*fn = (unsigned)(s[n - 1] - '0');
	return true;
}

int door_ref_path(const struct door_path *d, char *out, size_t size)
{
	unsigned domain, bus, dev, fn;
	size_t dlen;
	int n;

	switch (d->via) {
	case VIA_SYSFS:
	case VIA_SYSFS_WC:
		if (!d->has_slot || d->bar < 0 || d->bar > 5 ||
		    !is_slot(d->slot, strnlen(d->slot, sizeof(d->slot))))
			return -EINVAL;
		n = snprintf(out, size, "/sys/bus/pci/devices/%s/resource%d%s", d->slot,
			     d->bar, d->via == VIA_SYSFS_WC ? "_wc" : "");
		break;
	case VIA_LEGACY_IO:
	case VIA_LEGACY_MEM:
		if (!is_bus(d->slot, strnlen(d->slot, sizeof(d->slot)), &dlen))
			return -EINVAL;
		n = snprintf(out, size, "/sys/class/pci_bus/%s/%s", d->slot,
			     d->via == VIA_LEGACY_IO ? "legacy_io" : "legacy_mem");
		break;
	case VIA_PROCFS:
		if (!d->has_slot || !split_slot(d->slot, &domain, &bus, &dev, &fn))
			return -EINVAL;
		if (domain)
			n = snprintf(out, size, "/proc/bus/pci/%04x:%02x/%02x.%u", domain,
				     bus, dev, fn);
		else
			n = snprintf(out, size, "/proc/bus/pci/%02x/%02x.%u", bus, dev,
				     fn);
		break;
	case VIA_DEVMEM:
		n = snprintf(out, size, "/dev/mem");
		break;
	case VIA_UIO:
		if (d->index < 0)
			return -EINVAL;
		n = snprintf(out, size, "/dev/uio%d", d->index);
		break;
	case VIA_VFIO:
		if (d->index < 0)
			return -ENOENT; /* anon_inode:[vfio-device] */
		n = snprintf(out, size, "/dev/vfio/devices/vfio%d", d->index);
		break;
	default:
		return -ENOENT;
	}
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}
