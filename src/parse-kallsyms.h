/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scanner for /proc/kallsyms ("ADDR TYPE NAME [MODULE]"): which of the symbols that
 * witness revocation this kernel has (the functions that revoke, the shared iomem
 * address_space that makes sysfs and procfs mappings revocable, the VFIO zap helpers and
 * the mmap paths of each door). Module symbols count too. Names are visible without
 * privilege; addresses read as 0 under kptr_restrict.
 */
#ifndef PCR_PARSE_KALLSYMS_H
#define PCR_PARSE_KALLSYMS_H

#include "parse.h"

enum ksym {
	KSYM_IOMEM_GET_MAPPING, /* 5.12+: the shared iomem address_space (always built) */
	KSYM_IOMEM_INIT_INODE,	/* 5.12+ */
	KSYM_REVOKE_IOMEM,  /* 5.12+, only with IO_STRICT_DEVMEM (static: may be inlined)
			     */
	KSYM_REVOKE_DEVMEM, /* 5.8-5.11, only with IO_STRICT_DEVMEM */
	KSYM_SYSFS_KF_BIN_OPEN,	  /* sysfs bin attribute open (f_mapping hook) */
	KSYM_PCI_LLSEEK_RESOURCE, /* the resourceN llseek fix */
	KSYM_VFIO_ZAP_LOCK,	  /* vfio_pci_zap_and_down_write_memory_lock, 5.8+ */
	KSYM_VFIO_ZAP_BARS,	  /* vfio_pci_zap_bars, 6.10+ */
	KSYM_PROC_BUS_PCI_MMAP,	  /* /proc/bus/pci mmap (HAVE_PCI_MMAP) */
	KSYM_PCI_MMAP_RESOURCE,	  /* sysfs resourceN mmap */
	KSYM_DEVMEM_IS_ALLOWED,
	KSYM_IOMEM_IS_EXCLUSIVE,
	KSYM_MAX,
};

struct kallsyms {
	bool found[KSYM_MAX];
	unsigned nsyms;	   /* lines that parsed */
	unsigned nbad;	   /* lines that did not (skipped) */
	bool addrs_hidden; /* every address was 0 (kptr_restrict) */
};

/*
 * A symbol counts when its name matches exactly, or with a compiler suffix (".isra.0",
 * ".constprop.0", ".cold", ".llvm.N") or a "__pfx_"/"__cfi_" prefix. -EINVAL when no line
 * parses.
 */
int parse_kallsyms(const char *buf, size_t len, struct kallsyms *ret,
		   struct parse_err *reterr);

const char *ksym_name(enum ksym s);

#endif
