/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What libpci may read under a sysroot. libpci opens paths with plain open(2): it would
 * follow a captured tree's absolute symlinks out of the tree and wait forever on a FIFO.
 * So under a sysroot libpci is pointed at a private shadow directory
 * ($TMPDIR/pcirevoke-XXXXXX/devices/NAME), whose links lead to device directories that
 * were resolved inside the root (sr_resolve) and checked: every file libpci's sysfs
 * method may open there is a regular file of sane size, not a symlink. A device that
 * fails is left out, with a problem naming the file. The tree's pci.ids is checked the
 * same way. On the live system libpci reads /sys/bus/pci and its own pci.ids, as always.
 */
#ifndef PCR_COLLECT_PCISHADOW_H
#define PCR_COLLECT_PCISHADOW_H

#include "problems.h"
#include "sysroot.h"

struct pci_shadow {
	char *dir;   /* the private directory, NULL when none was made (live) */
	char *sysfs; /* libpci's sysfs.path; NULL: libpci must not scan */
	char *ids;   /* libpci's pci.ids, NULL for its default */
};

/*
 * Fill *ret (always; free with pci_shadow_done()). Problems with the tree go to pb; the
 * load goes on. Returns 0, or negative errno when the private directory cannot be made
 * (with a problem; ret->sysfs is NULL and there are no devices).
 */
int pci_shadow_build(const struct sysroot *sr, struct pcr_problems *pb,
		     struct pci_shadow *ret);
/* Remove the private directory and free. Safe on a zeroed or done struct. */
void pci_shadow_done(struct pci_shadow *s);

#endif
