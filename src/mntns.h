/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Mount namespaces, as the process scan needs them (collect layer): which MAJ:MIN values
 * of a maps line can be a door (the s_dev of a sysfs, proc or devtmpfs mount, or of
 * anon_inodefs), and where a path a process sees lies inside its file system.
 *
 * Which devices are of our kinds is known scan-wide, not per namespace: a process that
 * mapped a door and then left the namespace it was mounted in (unshare and umount -l, a
 * chroot, a descriptor from a container with its own sysfs) still maps it. A device is a
 * candidate when any namespace read by this cache has a mount of it, or the tool's own or
 * PID 1's namespace has one, or (live) when it is an anonymous device (major 0) nobody
 * has described yet: the caller learns its kind from the mapping itself
 * (mntns_learn_dev()), once per device.
 *
 * Mount points are indexed by device and path, so that resolving a path costs one lookup
 * per component, however many mounts a namespace has: mounts and maps lines add, never
 * multiply.
 *
 * A namespace is learnt from the mountinfo of the first process seen in it and cached by
 * the inode of its /proc/PID/ns/mnt link ("mnt:[N]"). A process whose link cannot be
 * read, or whose mountinfo cannot, gets a namespace of its own, valid until the next
 * mntns_get(). On the live system the device of anon_inodefs (eventfd, vfio-device
 * files) is learnt once from an eventfd and is a candidate in every namespace; a captured
 * tree declares it in mountinfo (fstype anon_inodefs).
 *
 * A scan learns the namespace of every process before it reads any maps
 * (mntns_cache_preload()): which devices are candidates must not depend on the order in
 * which processes are scanned, or on which thread scans which. On several threads, the
 * cache so filled is shared: each thread reads it through a local cache of its own
 * (mntns_cache_new_local()), which holds what that thread learns later (a namespace first
 * seen while scanning, a device described by a mapping). Nobody changes the shared cache
 * while a local one reads it; nothing here is static.
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
/* A thread's cache that reads shared (left unchanged while it lives) first. */
struct mntns_cache *mntns_cache_new_local(const struct mntns_cache *shared);
void mntns_cache_free(struct mntns_cache *c);
static inline void mntns_cache_freep(struct mntns_cache **c)
{
	mntns_cache_free(*c);
}

/*
 * The mount namespace of process pid, loaded on first sight. Never NULL: when nothing
 * could be read, a namespace that knows anon_inodefs alone, valid until the next call;
 * any other, until mntns_cache_free() of the cache that loaded it.
 */
const struct mntns *mntns_get(struct mntns_cache *c, pid_t pid);

/*
 * Learn the namespaces of all the processes a scan will read, before it reads any: out[i]
 * is pids[i]'s, to scan it with (its link is not read again), or NULL when its link or
 * mounts cannot be read now (mntns_get() when it is scanned).
 */
void mntns_cache_preload(struct mntns_cache *c, const pid_t *pids, size_t n,
			 const struct mntns **out);

/*
 * How many namespaces had their mountinfo read; how many processes' could not be (a
 * process gone meanwhile does not count), with the lowest PID of those and its negative
 * errno (either pointer may be NULL).
 */
unsigned mntns_cache_loaded(const struct mntns_cache *c);
unsigned mntns_cache_unreadable(const struct mntns_cache *c, pid_t *ret_pid,
				int *ret_err);

/*
 * The kind (enum mnt_kind) of device dev (maps_devnum()) as far as the scan knows;
 * -ENOENT when it is none of ours; -EAGAIN (live only) when it is an anonymous device
 * not yet described, whose mappings must be asked (then mntns_learn_dev()).
 */
int mntns_dev_kind(const struct mntns_cache *c, uint64_t dev);
/* Whether a maps line on dev must be looked at: mntns_dev_kind() is not -ENOENT. */
bool mntns_is_candidate(const struct mntns_cache *c, uint64_t dev);
/* Record what a mapping said of dev: an enum mnt_kind, or negative: none of ours. */
void mntns_learn_dev(struct mntns_cache *c, uint64_t dev, int kind);

/*
 * Where the path (unescaped, as the process sees it) of a mapping on device dev lies
 * inside its file system: the longest mount point of a mount of dev is stripped and that
 * mount's root put in front (*resolved true); with no matching mount point (a chrooted
 * process sees paths its mountinfo does not show; a device of another namespace), the
 * path itself (*resolved false). Writes out (NUL-terminated, truncated) and returns the
 * file system's kind, or -ENOENT when dev is none the scan knows of ours.
 */
int mntns_fs_path(const struct mntns_cache *c, const struct mntns *ns, uint64_t dev,
		  const char *path, char *out, size_t outsize, bool *resolved);

/* Whether a mount of dev has exactly path (unescaped) as its mount point. */
bool mntns_is_mountpoint(const struct mntns *ns, uint64_t dev, const char *path);

#endif
