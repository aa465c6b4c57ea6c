/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsers for the names of the files that open a door, as a directory listing shows them:
 * a PCI device's sysfs resourceN files and the /dev/uioN nodes. They decide which doors
 * exist on this system; door_classify() (parse-path.h) is the other direction, a mapped
 * file's path.
 */
#ifndef PCR_PARSE_DOORFILE_H
#define PCR_PARSE_DOORFILE_H

#include "parse.h"

/*
 * A BAR's sysfs file: "resourceN" for N in 0-5, alone or with a suffix after '_'
 * ("resource0_wc"; alpha's "resource0_dense", "resource0_sparse"). *ret is N. -EINVAL
 * for any other name, the ROM, IOV BARs ("resource7") and the "resource" file itself.
 */
int parse_resource_name(const char *buf, size_t len, unsigned *ret,
			struct parse_err *reterr);

/* A UIO device node: "uio" then a decimal digit ("uio0", "uio12"). -EINVAL otherwise. */
int parse_uio_name(const char *buf, size_t len, struct parse_err *reterr);

#endif
