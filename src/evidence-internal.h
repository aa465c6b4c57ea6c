/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to the evidence collector (evidence*.c): the item helpers and one collector per
 * kind of evidence. evidence_collect() (evidence.c) calls them in order; each one reads
 * through the sysroot, fills its fields of struct evidence, adds what it looked at as
 * items and what it could not read or parse to ev->problems.
 */
#ifndef PCR_EVIDENCE_INTERNAL_H
#define PCR_EVIDENCE_INTERNAL_H

#include "evidence.h"
#include "parse-cmdline.h"
#include "parse-kconfig.h"

/* Append an item (value and source may be NULL: ""). */
void evidence_add(struct evidence *ev, const char *name, const char *value,
		  const char *source);
void evidence_addf(struct evidence *ev, const char *name, const char *source,
		   const char *fmt, ...) _printf_(4, 5);

/* evidence-kernel.c */
void evidence_collect_kernel(const struct sysroot *sr, struct evidence *ev);
/* Fills *kc and returns true when a kernel config was found. */
bool evidence_collect_config(const struct sysroot *sr, struct evidence *ev,
			     struct kconfig *kc);
/* Fills *cl and sets ev->cmdline_known when /proc/cmdline was read. */
void evidence_collect_cmdline(const struct sysroot *sr, struct evidence *ev,
			      struct cmdline *cl);
/* The page size (64 KiB or not), on powerpc only: config, release flavour, live page. */
void evidence_collect_pagesize(const struct sysroot *sr, struct evidence *ev,
			       const struct kconfig *kc);
void evidence_collect_kallsyms(const struct sysroot *sr, struct evidence *ev);
/* After kallsyms: BTF fills in the symbols kallsyms did not show. */
void evidence_collect_btf(const struct sysroot *sr, struct evidence *ev);

/* evidence-lockdown.c: kc NULL without a kernel config, cl NULL without a boot line. */
void evidence_collect_lockdown(const struct sysroot *sr, struct evidence *ev,
			       const struct kconfig *kc, const struct cmdline *cl);

/* evidence-doors.c */
void evidence_collect_dev_doors(const struct sysroot *sr, struct evidence *ev);
void evidence_collect_sysfs_doors(const struct sysroot *sr, struct evidence *ev);

/* Whether an entry of /proc/bus/pci is a bus directory (not ".", "..", "devices"). */
static inline bool procfs_pci_is_bus(const char *name)
{
	return name[0] != '.' && !streq(name, "devices");
}

#endif
