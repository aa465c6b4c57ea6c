// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "door-identity.h"
#include "macro.h"
#include "parse-maps.h"

#ifndef SYSFS_MAGIC
#define SYSFS_MAGIC 0x62656572
#endif
#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

int door_id_read(const struct sysroot *sr, pid_t pid, uint64_t start, uint64_t end,
		 struct door_id *id)
{
	char path[96];
	struct statfs sfs;
	int fd, r = 0;

	*id = (struct door_id){ .tried = true };
	if (!sr->live)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64, (int)pid,
		 start, end);
	fd = sr_open(sr, path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return fd;
	if (fstat(fd, &id->st) < 0 || fstatfs(fd, &sfs) < 0)
		r = -errno;
	close(fd);
	if (r < 0)
		return r;
	id->f_type = (long)sfs.f_type;
	id->known = true;
	return 0;
}

int door_id_fs_kind(long f_type)
{
	if (f_type == (long)SYSFS_MAGIC)
		return MNT_SYSFS;
	if (f_type == (long)PROC_SUPER_MAGIC)
		return MNT_PROC;
	return -1;
}

static uint64_t st_devnum(dev_t d)
{
	return maps_devnum(major(d), minor(d));
}

static bool char_door(enum map_via v)
{
	return v == VIA_DEVMEM || v == VIA_UIO || v == VIA_VFIO;
}

int door_id_chr_link(const struct sysroot *sr, const struct door_id *id, char *out,
		     size_t size)
{
	char path[64];
	_cleanup_free_ char *link = NULL;
	int r;

	if (!id->known || !S_ISCHR(id->st.st_mode))
		return -ENOTTY;
	snprintf(path, sizeof(path), "/sys/dev/char/%u:%u", major(id->st.st_rdev),
		 minor(id->st.st_rdev));
	r = sr_readlink(sr, path, &link);
	if (r < 0)
		return r;
	if ((size_t)snprintf(out, size, "%s", link) >= size)
		return -ENAMETOOLONG;
	return 0;
}

/* Whether a /sys/dev/char link names class/NAMEn: ".../CLASS/NAMEn" at its end. */
static bool link_names(const char *link, const char *class, const char *name, int index)
{
	char want[64];
	size_t ll = strlen(link), wl;

	snprintf(want, sizeof(want), "/%s/%s%d", class, name, index);
	wl = strlen(want);
	return ll >= wl && streq(link + ll - wl, want);
}

enum door_id_verdict door_id_judge(enum mnt_kind kind, const struct door_path *dp,
				   const struct door_id *id, uint64_t maps_dev,
				   uint64_t maps_ino, const struct stat *ref,
				   const char *chr_link, bool ref_absent)
{
	bool known = id && id->known;

	if (char_door(dp->via)) {
		if (known) {
			if (!S_ISCHR(id->st.st_mode))
				return DOOR_ID_MISMATCH; /* a regular file is never a door
							  */
			if (dp->via == VIA_DEVMEM)
				return major(id->st.st_rdev) == 1 &&
						       minor(id->st.st_rdev) == 1
					       ? DOOR_ID_MATCH
					       : DOOR_ID_MISMATCH;
			if (chr_link)
				return link_names(chr_link,
						  dp->via == VIA_UIO ? "uio" : "vfio-dev",
						  dp->via == VIA_UIO ? "uio" : "vfio",
						  dp->index)
					       ? DOOR_ID_MATCH
					       : DOOR_ID_MISMATCH;
			if (!ref)
				return DOOR_ID_UNKNOWN;
			return S_ISCHR(ref->st_mode) && ref->st_rdev == id->st.st_rdev
				       ? DOOR_ID_MATCH
				       : DOOR_ID_MISMATCH;
		}
		/* no such node where the mapped one lives: another node under its name */
		if (!ref && ref_absent)
			return DOOR_ID_MISMATCH;
		/* the host's node on the same file system (devtmpfs): the same inode */
		if (ref && st_devnum(ref->st_dev) == maps_dev)
			return (uint64_t)ref->st_ino == maps_ino ? DOOR_ID_MATCH
								 : DOOR_ID_MISMATCH;
		return DOOR_ID_UNKNOWN;
	}
	if (kind != MNT_SYSFS && kind != MNT_PROC)
		return DOOR_ID_UNKNOWN;
	if (known && door_id_fs_kind(id->f_type) != (int)kind)
		return DOOR_ID_MISMATCH;
	if (!ref)
		return DOOR_ID_UNKNOWN;
	/* kernfs and proc inode numbers are shared by every mount of them */
	if (known)
		return id->st.st_ino == ref->st_ino ? DOOR_ID_MATCH : DOOR_ID_MISMATCH;
	return (uint64_t)ref->st_ino == maps_ino ? DOOR_ID_MATCH : DOOR_ID_MISMATCH;
}
