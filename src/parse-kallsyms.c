// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "parse-kallsyms.h"

static const char *const ksym_names[KSYM_MAX] = {
	[KSYM_IOMEM_GET_MAPPING] = "iomem_get_mapping",
	[KSYM_IOMEM_INIT_INODE] = "iomem_init_inode",
	[KSYM_REVOKE_IOMEM] = "revoke_iomem",
	[KSYM_REVOKE_DEVMEM] = "revoke_devmem",
	[KSYM_SYSFS_KF_BIN_OPEN] = "sysfs_kf_bin_open",
	[KSYM_PCI_LLSEEK_RESOURCE] = "pci_llseek_resource",
	[KSYM_VFIO_ZAP_LOCK] = "vfio_pci_zap_and_down_write_memory_lock",
	[KSYM_VFIO_ZAP_BARS] = "vfio_pci_zap_bars",
	[KSYM_PROC_BUS_PCI_MMAP] = "proc_bus_pci_mmap",
	[KSYM_PCI_MMAP_RESOURCE] = "pci_mmap_resource",
	[KSYM_DEVMEM_IS_ALLOWED] = "devmem_is_allowed",
	[KSYM_IOMEM_IS_EXCLUSIVE] = "iomem_is_exclusive",
};

const char *ksym_name(enum ksym s)
{
	if ((unsigned)s >= KSYM_MAX)
		return "?";
	return ksym_names[s];
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool has_prefix(const char *p, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && memcmp(p, lit, l) == 0;
}

static void match(struct kallsyms *ks, const char *name, size_t n)
{
	if (has_prefix(name, n, "__pfx_")) {
		name += 6;
		n -= 6;
	} else if (has_prefix(name, n, "__cfi_")) {
		name += 6;
		n -= 6;
	}
	/* strip a compiler suffix: the base name is what the source calls it */
	{
		const char *dot = memchr(name, '.', n);
		if (dot)
			n = dot - name;
	}
	for (unsigned i = 0; i < KSYM_MAX; i++)
		if (strlen(ksym_names[i]) == n && memcmp(ksym_names[i], name, n) == 0)
			ks->found[i] = true;
}

/* One line: 0 parsed (*zero set when the address is 0), -EINVAL malformed. */
static int parse_line(struct kallsyms *ks, const char *l, size_t len, bool *zero)
{
	const char *p = l, *end = l + len, *name;
	size_t alen;

	while (p < end && is_hex(*p))
		p++;
	alen = p - l;
	if (alen == 0 || alen > 16 || p >= end || !is_blank(*p))
		return -EINVAL;
	*zero = true;
	for (size_t i = 0; i < alen; i++)
		if (l[i] != '0')
			*zero = false;
	while (p < end && is_blank(*p))
		p++;
	/* the type: one letter (or '?' on some kernels) */
	if (p >= end || (unsigned char)*p <= ' ' || p + 1 >= end || !is_blank(p[1]))
		return -EINVAL;
	p += 1;
	while (p < end && is_blank(*p))
		p++;
	name = p;
	while (p < end && !is_blank(*p) && *p != '\0')
		p++;
	if (p == name)
		return -EINVAL;
	match(ks, name, p - name);
	return 0;
}

int parse_kallsyms(const char *buf, size_t len, struct kallsyms *ret,
		   struct parse_err *reterr)
{
	struct kallsyms ks = {};
	const char *pos = buf, *end = buf + len, *l;
	size_t llen;
	unsigned lineno = 0, firstbad = 0, nzero = 0;

	while (parse_next_line(&pos, end, &l, &llen)) {
		bool zero;

		lineno++;
		if (llen == 0)
			continue;
		if (parse_line(&ks, l, llen, &zero) < 0) {
			ks.nbad++;
			if (!firstbad)
				firstbad = lineno;
			continue;
		}
		ks.nsyms++;
		nzero += zero;
	}
	if (ks.nsyms == 0) {
		parse_err_set(reterr, firstbad, "no symbol line found");
		return -EINVAL;
	}
	if (firstbad)
		parse_err_set(reterr, firstbad, "malformed symbol line, skipped");
	ks.addrs_hidden = nzero == ks.nsyms;
	*ret = ks;
	return 0;
}
