/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parsers for the small per-process files and links of procfs that the process scan
 * reads beside maps (parse layer: pure, see parse.h):
 *
 * - /proc/PID/status (fs/proc/array.c task_state()): "Uid:\t%u\t%u\t%u\t%u" gives the
 *   real, effective, saved and file-system uid;
 * - /proc/PID/fdinfo/FD of a VFIO device file (Linux 6.8+, drivers/vfio/vfio_main.c
 *   vfio_device_show_fdinfo()): "vfio-device-syspath: /sys/devices/.../0000:00:03.0";
 * - the link /proc/PID/ns/mnt, whose text is "mnt:[N]" with N the namespace's inode;
 * - the link /proc/PID/fd/FD of a VFIO group file: "/dev/vfio/N", N the IOMMU group.
 */
#ifndef PCR_PARSE_PROC_H
#define PCR_PARSE_PROC_H

#include "model.h"
#include "parse.h"

/*
 * The Uid line of a status file: its first two numbers. 0; -ENOENT when there is no
 * "Uid:" line; -EINVAL when it does not hold two decimal numbers; -ERANGE for a number
 * over UINT32_MAX.
 */
int parse_status_uid(const char *buf, size_t len, uid_t *ret_real, uid_t *ret_effective);

/*
 * The slot named by the "vfio-device-syspath:" field of an fdinfo file: the last
 * component of the path (trailing slashes ignored; the value ends at a newline or a NUL),
 * into slot (NUL-terminated). 0;
 * -ENOENT without the field; -EINVAL when the value is empty; -ENAMETOOLONG when the
 * component does not fit size - 1 bytes.
 */
int parse_fdinfo_vfio_slot(const char *buf, size_t len, char *slot, size_t size);

/*
 * The N of a namespace link's text "mnt:[N]" (the first "[", decimal digits, "]"). 0;
 * -EINVAL when there is no such bracket; -ERANGE when N does not fit 64 bits.
 */
int parse_ns_link(const char *buf, size_t len, uint64_t *ret);

/*
 * The group number of a descriptor's link text "/dev/vfio/N". 0; -ENOENT when the text
 * is not "/dev/vfio/" followed by a digit (e.g. "/dev/vfio/vfio", "/dev/vfio/devices/
 * vfio0"); -EINVAL when more than digits follow; -ERANGE when N is over UINT32_MAX.
 */
int parse_vfio_group_link(const char *buf, size_t len, unsigned *ret);

#endif
