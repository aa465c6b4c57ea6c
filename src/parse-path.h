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

/*
 * The host's own file of a classified door, as a path on the live system (to be stat'ed
 * through the sysroot and compared with the mapped file): "/sys/bus/pci/devices/SLOT/
 * resourceN[_wc]", "/sys/class/pci_bus/BUS/legacy_io|legacy_mem", "/proc/bus/pci/BB/DD.F"
 * (domain 0) or "/proc/bus/pci/DDDD:BB/DD.F", "/dev/mem", "/dev/uioN",
 * "/dev/vfio/devices/vfioN". Writes out (NUL-terminated); 0, -ENOENT when the door has
 * no such file (a VFIO anon inode), -EINVAL when the door's fields are malformed,
 * -ENAMETOOLONG when out is too small.
 */
int door_ref_path(const struct door_path *d, char *out, size_t size);

#endif
