// SPDX-License-Identifier: GPL-2.0-or-later
/* User names for audit's USER column: the live system's, or a captured tree's own. */
#include <pwd.h>
#include <stdio.h>

#include "cmd-audit.h"
#include "parse-passwd.h"
#include "xalloc.h"

const char *user_name(struct user_names *u, const struct sysroot *sr, uid_t uid)
{
	char *name = NULL;

	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].uid == uid)
			return u->v[i].name;
	if (sr->live) {
		struct passwd *pw = getpwuid(uid);

		if (pw)
			name = xstrdup(pw->pw_name);
	} else {
		/* a captured tree's own passwd, never the host's */
		char buf[256];

		if (!u->passwd_read) {
			u->passwd_read = true;
			if (sr_read_file(sr, "/etc/passwd", 4 << 20, &u->passwd,
					 &u->passwd_len) < 0)
				u->passwd = NULL;
		}
		if (u->passwd &&
		    passwd_find_uid(u->passwd, u->passwd_len, uid, buf, sizeof(buf)) == 0)
			name = xstrdup(buf);
	}
	if (!name)
		name = xasprintf("%u", (unsigned)uid);
	u->v = xreallocarray(u->v, u->n + 1, sizeof(*u->v));
	u->v[u->n].uid = uid;
	u->v[u->n].name = name;
	return u->v[u->n++].name;
}

void user_names_done(struct user_names *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->v[i].name);
	free(u->v);
	free(u->passwd);
	*u = (struct user_names){};
}
