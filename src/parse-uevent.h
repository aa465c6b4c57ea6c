/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a udev event of a PCI device means for `watch` (parse layer: pure). */
#ifndef PCR_PARSE_UEVENT_H
#define PCR_PARSE_UEVENT_H

#include "model.h"

/* A PCI uevent's action ("bind", "unbind", "add", "remove", ...) as a kind, or NONE. */
enum watch_kind watch_classify_uevent(const char *subsystem, const char *action);

#endif
