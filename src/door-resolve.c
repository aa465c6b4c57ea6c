// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "door-resolve.h"
#include "macro.h"
#include "parse-proc.h"

#define FDINFO_MAX   (64u << 10)
#define MAX_UIO_MAPS 5 /* include/linux/uio_driver.h */

static void closedirp_(DIR **d)
{
	if (*d)
		closedir(*d);
}

/* The last path component of a link target ("../../../0000:00:03.0" -> slot). */
static int slot_from_link(const struct sysroot *sr, const char *link, char *slot,
			  size_t size)
{
	_cleanup_free_ char *target = NULL;
	const char *base;
	int r;

	r = sr_readlink(sr, link, &target);
	if (r < 0)
		return r;
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base)
		return -EINVAL;
	if (strlen(base) >= size)
		return -ENAMETOOLONG;
	snprintf(slot, size, "%s", base);
	return 0;
}

int vfio_dev_slot(const struct sysroot *sr, int index, char *slot, size_t size)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/class/vfio-dev/vfio%d/device", index);
	return slot_from_link(sr, path, slot, size);
}

int uio_dev_slot(const struct sysroot *sr, int index, char *slot, size_t size)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/device", index);
	return slot_from_link(sr, path, slot, size);
}

static void holder_add(struct vfio_holder *h, const char *slot, bool from_group)
{
	unsigned kept = h->nslots < VFIO_HOLDER_MAX ? h->nslots : VFIO_HOLDER_MAX;

	for (unsigned i = 0; i < kept; i++)
		if (streq(h->slot[i], slot))
			return;
	if (strlen(slot) >= sizeof(h->slot[0]))
		return; /* not a PCI address */
	if (h->nslots < VFIO_HOLDER_MAX)
		memcpy(h->slot[h->nslots], slot, strlen(slot) + 1);
	h->nslots++;
	h->from_group = from_group;
}

/* A VFIO device descriptor: the slot of its fdinfo, if it names one. */
static void fd_device_slot(const struct sysroot *sr, pid_t pid, const char *fd,
			   struct vfio_holder *h)
{
	_cleanup_free_ char *info = NULL;
	char path[320], slot[24];
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", (int)pid, fd);
	if (sr_read_file(sr, path, FDINFO_MAX, &info, &len) < 0)
		return;
	if (parse_fdinfo_vfio_slot(info, len, slot, sizeof(slot)) == 0)
		holder_add(h, slot, false);
}

static void group_slots(const struct sysroot *sr, unsigned group, struct vfio_holder *h)
{
	_cleanup_(closedirp_) DIR *d = NULL;
	struct dirent *de;
	char path[96];

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%u/devices", group);
	d = sr_opendir(sr, path);
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			holder_add(h, de->d_name, true);
}

void vfio_holder_scan(const struct sysroot *sr, pid_t pid, struct vfio_holder *ret)
{
	_cleanup_(closedirp_) DIR *d = NULL;
	unsigned groups[16], ngroups = 0;
	struct dirent *de;
	char path[96];

	*ret = (struct vfio_holder){};
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = sr_opendir(sr, path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		_cleanup_free_ char *link = NULL;
		char lpath[320];
		unsigned g;
		int r;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(lpath, sizeof(lpath), "/proc/%d/fd/%s", (int)pid, de->d_name);
		if (sr_readlink(sr, lpath, &link) < 0)
			continue;
		r = parse_vfio_group_link(link, strlen(link), &g);
		if (r != -ENOENT) {
			if (r == 0 && ngroups < ELEMENTSOF(groups))
				groups[ngroups++] = g;
			continue;
		}
		if (streq(link, "anon_inode:[vfio-device]") ||
		    startswith(link, "/dev/vfio/devices/vfio"))
			fd_device_slot(sr, pid, de->d_name, ret);
	}
	if (ret->nslots)
		return;
	for (unsigned i = 0; i < ngroups; i++)
		group_slots(sr, groups[i], ret);
}

static int read_sysfs_hex(const struct sysroot *sr, const char *path, uint64_t *ret)
{
	_cleanup_free_ char *line = NULL;
	int r = sr_read_line(sr, path, &line);

	if (r < 0)
		return r;
	return parse_hex_u64(line, line + strlen(line), ret);
}

static int uio_map_attr(const struct sysroot *sr, int index, uint64_t k, const char *attr,
			uint64_t *ret)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/maps/map%" PRIu64 "/%s", index,
		 k, attr);
	return read_sysfs_hex(sr, path, ret);
}

int uio_map_at(const struct sysroot *sr, int index, uint64_t offset,
	       unsigned long page_size, struct uio_map *ret)
{
	uint64_t k = offset / page_size, addr, size, offs = 0;
	int r;

	if (k >= MAX_UIO_MAPS)
		return -ERANGE;
	r = uio_map_attr(sr, index, k, "addr", &addr);
	if (r < 0)
		return r;
	r = uio_map_attr(sr, index, k, "size", &size);
	if (r < 0)
		return r;
	(void)uio_map_attr(sr, index, k, "offset", &offs);
	*ret = (struct uio_map){
		.index = (unsigned)k,
		/* uio_mmap_physical() maps from the page holding mem->addr */
		.addr = addr & ~((uint64_t)page_size - 1),
		.size = size,
		.offset = offs,
	};
	return 0;
}
