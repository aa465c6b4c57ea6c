// SPDX-License-Identifier: GPL-2.0-or-later
#include "macro.h"
#include "parse-uevent.h"

enum watch_kind watch_classify_uevent(const char *subsystem, const char *action)
{
	if (!subsystem || !action || !streq(subsystem, "pci"))
		return WATCH_NONE;
	if (streq(action, "bind"))
		return WATCH_BIND;
	if (streq(action, "unbind"))
		return WATCH_UNBIND;
	if (streq(action, "add"))
		return WATCH_ADD;
	if (streq(action, "remove"))
		return WATCH_REMOVE;
	return WATCH_NONE; /* change, move, online, offline */
}
