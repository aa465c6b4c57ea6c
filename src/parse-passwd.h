/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for passwd(5) text: the user name of a uid. Used for a captured tree's own
 * /etc/passwd, never the host's (the live system asks getpwuid(3)).
 */
#ifndef PCR_PARSE_PASSWD_H
#define PCR_PARSE_PASSWD_H

#include <sys/types.h>

#include "parse.h"

/*
 * The name of the first line whose third field is uid, copied NUL-terminated into name
 * (size bytes). 0, -ENOENT when no line has that uid, -ENAMETOOLONG when the name does
 * not fit. Lines without three fields or with a non-numeric uid are skipped.
 */
int passwd_find_uid(const char *buf, size_t len, uid_t uid, char *name, size_t size);

#endif
