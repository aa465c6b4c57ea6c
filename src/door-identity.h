/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which file a mapping really maps (collect layer). A process can make the path in its
 * maps say what it likes (a bind mount of /dev/zero at a chroot's dev/mem, a mount point
 * named "mem (deleted)", a lazily unmounted sysfs), but not the mapped file: on the live
 * system /proc/PID/map_files/START-END reaches it whatever the process did to its mounts,
 * and stat() and statfs() through it (no open of the file, no access to its contents)
 * give its device, inode, rdev and file system type. Where map_files cannot be reached
 * (not privileged enough, a captured tree) the maps line still gives the device and the
 * inode.
 *
 * A door found by its path is then compared with the host's own file of that door
 * (door_ref_path()): a character door by rdev (/dev/mem is char 1:1), a sysfs or proc
 * door by inode (kernfs and proc inode numbers are the same in every mount of those file
 * systems, containers' instances included; measured on Linux 6.18).
 */
#ifndef PCR_DOOR_IDENTITY_H
#define PCR_DOOR_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "model.h"
#include "sysroot.h"

/* What the mapped file itself says (live, through /proc/PID/map_files). */
struct door_id {
	bool tried;
	bool known;
	struct stat st;
	long f_type; /* statfs(2) */
};

/* Fill id from /proc/PID/map_files/START-END: 0, or a negative errno (id->known false).
 */
int door_id_read(const struct sysroot *sr, pid_t pid, uint64_t start, uint64_t end,
		 struct door_id *id);

/* The kind of file system a statfs f_type is: MNT_SYSFS, MNT_PROC, or -1. */
int door_id_fs_kind(long f_type);

enum door_id_verdict {
	DOOR_ID_MATCH,	  /* the mapped file is the host's file of the door */
	DOOR_ID_MISMATCH, /* it is another file */
	DOOR_ID_UNKNOWN,  /* nothing to compare */
};

/*
 * Pure: judge a door (classified from its path, in a file system of kind) against what
 * the mapped file says: id (NULL or !known: only the maps line's dev and ino), the
 * host's file of the door (ref, NULL when it could not be stat'ed) and, for a character
 * device, where /sys/dev/char/MAJ:MIN of its rdev links to (chr_link, NULL when
 * unknown: "../../devices/.../uio/uio0" names the device whatever its node is called).
 * ref_absent: the host's file does not exist on the very file system the mapped file
 * is on (the host's /dev is that devtmpfs) and the mapped file is not deleted.
 */
enum door_id_verdict door_id_judge(enum mnt_kind kind, const struct door_path *dp,
				   const struct door_id *id, uint64_t maps_dev,
				   uint64_t maps_ino, const struct stat *ref,
				   const char *chr_link, bool ref_absent);

/* Read where /sys/dev/char/MAJ:MIN of id's rdev links to, into out; 0 or -errno. */
int door_id_chr_link(const struct sysroot *sr, const struct door_id *id, char *out,
		     size_t size);

#endif
