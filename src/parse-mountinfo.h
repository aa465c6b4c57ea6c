/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for one line of /proc/PID/mountinfo (fs/proc_namespace.c show_mountinfo()):
 *
 *   36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 *
 * MAJ:MIN is decimal here (hex in maps). Paths are escaped with "\ooo" for space, tab,
 * newline and backslash; the fields returned keep the escapes (see mountinfo_unescape()).
 * Mount points are relative to the root directory of the task whose file it is.
 */
#ifndef PCR_PARSE_MOUNTINFO_H
#define PCR_PARSE_MOUNTINFO_H

#include "parse.h"

struct mountinfo_line {
	unsigned mount_id, parent_id;
	unsigned dev_major, dev_minor;
	/* into the caller's buffer, escaped, not NUL-terminated */
	const char *root, *mountpoint, *fstype, *source;
	size_t rootlen, mountpointlen, fstypelen, sourcelen;
};

/* 0 or -EINVAL (reterr names the field). */
int parse_mountinfo_line(const char *buf, size_t len, struct mountinfo_line *ret,
			 struct parse_err *reterr);

/* Undo "\ooo" escapes into out (NUL-terminated, truncated); returns the full length. */
size_t mountinfo_unescape(const char *s, size_t len, char *out, size_t outsize);

/* Whether the field [s, len) equals the NUL-terminated word. */
bool mountinfo_field_is(const char *s, size_t len, const char *word);

#endif
