// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>

#include "procmap-query.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define MARK_DEFINED(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#endif
#endif
#ifndef MARK_DEFINED
#define MARK_DEFINED(p, n) ((void)(p), (void)(n))
#endif

#ifndef PROCMAP_QUERY
/* include/uapi/linux/fs.h of Linux 6.11; older headers (Debian 12: 6.1) lack it */
enum procmap_query_flags {
	PROCMAP_QUERY_VMA_READABLE = 0x01,
	PROCMAP_QUERY_VMA_WRITABLE = 0x02,
	PROCMAP_QUERY_VMA_EXECUTABLE = 0x04,
	PROCMAP_QUERY_VMA_SHARED = 0x08,
	PROCMAP_QUERY_COVERING_OR_NEXT_VMA = 0x10,
	PROCMAP_QUERY_FILE_BACKED_VMA = 0x20,
};

struct procmap_query {
	__u64 size;	     /* sizeof(struct procmap_query) */
	__u64 query_flags;   /* in */
	__u64 query_addr;    /* in */
	__u64 vma_start;     /* out */
	__u64 vma_end;	     /* out */
	__u64 vma_flags;     /* out: PROCMAP_QUERY_VMA_* */
	__u64 vma_page_size; /* out */
	__u64 vma_offset;    /* out */
	__u64 inode;	     /* out */
	__u32 dev_major;     /* out */
	__u32 dev_minor;     /* out */
	__u32 vma_name_size; /* in/out: buffer size, then name length with its NUL */
	__u32 build_id_size; /* in/out */
	__u64 vma_name_addr; /* in */
	__u64 build_id_addr; /* in */
};

#define PROCFS_IOCTL_MAGIC 'f'
#define PROCMAP_QUERY	   _IOWR(PROCFS_IOCTL_MAGIC, 17, struct procmap_query)
#endif

_Static_assert(sizeof(struct procmap_query) == 104, "the uapi layout of Linux 6.11");

#define DELETED_SUFFIX " (deleted)"

int procmap_query(int fd, uint64_t addr, struct procmap_vma *ret, char *name,
		  size_t namesize)
{
	struct procmap_query q = {
		.size = sizeof(q),
		.query_flags = PROCMAP_QUERY_COVERING_OR_NEXT_VMA |
			       PROCMAP_QUERY_FILE_BACKED_VMA,
		.query_addr = addr,
	};
	size_t len = 0;

	if (name && namesize) {
		/* the kernel takes at most PATH_MAX and says ENAMETOOLONG past it */
		q.vma_name_size = namesize > UINT32_MAX ? UINT32_MAX : (__u32)namesize;
		q.vma_name_addr = (uintptr_t)name;
	}
	if (ioctl(fd, PROCMAP_QUERY, &q) < 0)
		return -errno;

	*ret = (struct procmap_vma){
		.start = q.vma_start,
		.end = q.vma_end,
		.offset = q.vma_offset,
		.dev_major = q.dev_major,
		.dev_minor = q.dev_minor,
		.inode = q.inode,
		.perms = { (q.vma_flags & PROCMAP_QUERY_VMA_READABLE) ? 'r' : '-',
			   (q.vma_flags & PROCMAP_QUERY_VMA_WRITABLE) ? 'w' : '-',
			   (q.vma_flags & PROCMAP_QUERY_VMA_EXECUTABLE) ? 'x' : '-',
			   (q.vma_flags & PROCMAP_QUERY_VMA_SHARED) ? 's' : 'p', '\0' },
	};
	if (name && namesize) {
		/* vma_name_size counts the NUL; 0 for a VMA without a name */
		if (q.vma_name_size > namesize)
			return -ENAMETOOLONG;
		/* the kernel wrote the name: tell valgrind, which cannot know it */
		MARK_DEFINED(name, q.vma_name_size);
		len = q.vma_name_size ? strnlen(name, q.vma_name_size) : 0;
		name[len < namesize ? len : namesize - 1] = '\0';
		/* as parse_maps_line(): strip the suffix unless it is the whole name */
		if (len >= sizeof(DELETED_SUFFIX) &&
		    memcmp(name + len - (sizeof(DELETED_SUFFIX) - 1), DELETED_SUFFIX,
			   sizeof(DELETED_SUFFIX) - 1) == 0) {
			len -= sizeof(DELETED_SUFFIX) - 1;
			name[len] = '\0';
			ret->deleted = true;
		}
		ret->namelen = len;
	}
	return 0;
}
