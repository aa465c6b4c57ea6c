/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for securityfs /sys/kernel/security/lockdown: one line listing the levels, the
 * active one in brackets, e.g. "none [integrity] confidentiality".
 */
#ifndef PCR_PARSE_LOCKDOWN_H
#define PCR_PARSE_LOCKDOWN_H

#include "parse.h"
#include "model.h"

/* *ret is the bracketed level. -EINVAL: no (or more than one) bracketed known level. */
int parse_lockdown(const char *buf, size_t len, enum lockdown_level *ret,
		   struct parse_err *reterr);

#endif
