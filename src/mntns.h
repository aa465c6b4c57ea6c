/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mount namespaces, as the process scan needs them (collect layer): which MAJ:MIN values
 * of a maps line can be a door (the s_dev of a sysfs, proc or devtmpfs mount, or of
 * anon_inodefs), and where a path a process sees lies inside its file system.
 *
 * A namespace is learnt from the mountinfo of the first process seen in it and cached by
 * the inode of its /proc/PID/ns/mnt link ("mnt:[N]"). A process whose link cannot be
 * read, or whose mountinfo cannot, gets a namespace of its own, valid until the next
 * mntns_get(). On the live system the device of anon_inodefs (eventfd, vfio-device
 * files) is learnt once from an eventfd and is a candidate in every namespace; a captured
 * tree declares it in mountinfo (fstype anon_inodefs).
 *
 * One cache belongs to one thread.
 */
#ifndef PCR_MNTNS_H
#define PCR_MNTNS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "model.h"
#include "sysroot.h"

struct mntns;
struct mntns_cache;

struct mntns_cache *mntns_cache_new(const struct sysroot *sr);
void mntns_cache_free(struct mntns_cache *c);
static inline void mntns_cache_freep(struct mntns_cache **c)
{
	mntns_cache_free(*c);
}

/*
 * The mount namespace of process pid, loaded on first sight. Never NULL: when nothing
 * could be read, a namespace that knows anon_inodefs alone. Valid until the next call or
 * mntns_cache_free().
 */
const struct mntns *mntns_get(struct mntns_cache *c, pid_t pid);

/* How many namespaces had their mountinfo read; how many processes' could not be. */
unsigned mntns_cache_loaded(const struct mntns_cache *c);
unsigned mntns_cache_unreadable(const struct mntns_cache *c);

/* Whether dev (maps_devnum()) is the device of a sysfs, proc, devtmpfs or anon mount. */
bool mntns_is_candidate(const struct mntns *ns, uint64_t dev);

/*
 * Where the path (unescaped, as the process sees it) of a mapping on device dev lies
 * inside its file system: the longest mount point of a mount of dev is stripped and that
 * mount's root put in front; with no matching mount point (a chrooted process sees paths
 * its mountinfo does not show), the path itself. Writes out (NUL-terminated, truncated)
 * and returns the file system's kind, or -ENOENT when dev is none of ours.
 */
int mntns_fs_path(const struct mntns *ns, uint64_t dev, const char *path, char *out,
		  size_t outsize);

#endif
