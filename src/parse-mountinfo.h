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

/*
 * Whether a whole mountinfo file [buf, len) shows /proc mounted (fstype proc) with
 * hidepid=2 or hidepid=invisible among its super-block options (the text after the
 * source): other users' processes are then missing from the listing of /proc
 * (fs/proc/root.c, proc_pid_readdir()). Lines that do not parse are skipped. Always 0;
 * *ret false when no such mount is shown.
 */
int parse_mountinfo_hidepid(const char *buf, size_t len, bool *ret);

#endif
