/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Evidence collection for the verdict engine (collect layer): everything is read through
 * the sysroot. Live-only probes (uname(2), the /proc/bus/pci lockdown ioctl) run only on
 * the live root.
 */
#ifndef PCR_EVIDENCE_H
#define PCR_EVIDENCE_H

#include "model.h"
#include "sysroot.h"

/*
 * Fill *ev (zeroed first). Nothing missing is an error: unreadable evidence is recorded
 * as such and the verdict says "unknown" where it matters; files that did not parse are
 * in ev->problems. Free with evidence_done() (also on a zeroed struct).
 */
void evidence_collect(const struct sysroot *sr, struct evidence *ev);
void evidence_done(struct evidence *ev);

/*
 * The machine name ("x86_64", "ppc64le") into buf: uname(2) on the live root, else the
 * tree's /proc/sys/kernel/arch; "" when neither says. The same source evidence_collect()
 * uses, for collectors that need only this (the inventory's doors of I/O BARs).
 */
void evidence_read_arch(const struct sysroot *sr, char *buf, size_t size);

/* The value of the item called name, or NULL. */
const char *evidence_item_value(const struct evidence *ev, const char *name);

#endif
