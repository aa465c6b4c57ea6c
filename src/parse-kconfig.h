/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Parser for a kernel configuration (.config, /proc/config.gz, /boot/config-RELEASE):
 * "CONFIG_X=y", "CONFIG_X=m", "CONFIG_X=123", "CONFIG_X=\"str\"" and
 * "# CONFIG_X is not set". Other comments and blank lines are ignored.
 */
#ifndef PCR_PARSE_KCONFIG_H
#define PCR_PARSE_KCONFIG_H

#include "parse.h"

struct kconfig_opt {
	char *name;  /* without the CONFIG_ prefix: "DEVMEM" */
	char *value; /* "y", "m", "123", the string without quotes; NULL: "is not set" */
};

struct kconfig {
	struct kconfig_opt *opts;
	size_t n;
	size_t cap;    /* entries allocated at opts */
	unsigned nbad; /* lines that looked like options but did not parse (skipped) */
};

/*
 * Malformed lines are skipped and counted in nbad (reterr names the first one). Returns
 * -EINVAL when the buffer holds no option at all (not a kernel config).
 */
int parse_kconfig(const char *buf, size_t len, struct kconfig *ret,
		  struct parse_err *reterr);
void kconfig_done(struct kconfig *kc);

/* The option's entry (the last one when repeated), or NULL when the config does not name
 * it. */
const struct kconfig_opt *kconfig_find(const struct kconfig *kc, const char *name);

/*
 * 'y' or 'm' as set; 'n' when "is not set", "=n" or not mentioned at all (an option whose
 * dependencies are unmet is left out of the file); 's' for any other value.
 */
char kconfig_state(const struct kconfig *kc, const char *name);

#endif
