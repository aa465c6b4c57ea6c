/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Door classification of a mapped file's path (parse layer: pure). */
#ifndef PCR_PARSE_PATH_H
#define PCR_PARSE_PATH_H

#include "model.h"

/*
 * Classify a path inside a file system of the given kind ("/devices/pci0000:00/
 * 0000:00:03.0/resource0" in sysfs, "/bus/pci/00/03.0" in proc, "/mem" in devtmpfs,
 * "anon_inode:[vfio-device]"). Full paths as the process sees them ("/sys/devices/...",
 * "/dev/mem") work as well. path is NUL-terminated and unescaped. 0, or -ENOENT when the
 * path is no door.
 */
int door_classify(enum mnt_kind kind, const char *path, struct door_path *ret);

#endif
