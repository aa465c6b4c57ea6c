/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prometheus text exposition format (version 0.0.4), as node_exporter's textfile
 * collector reads it: a family is announced once with HELP and TYPE, then its samples.
 */
#ifndef PCR_OUTPUT_PROM_H
#define PCR_OUTPUT_PROM_H

#include <stdbool.h>
#include <stdio.h>

/* "# HELP name help" and "# TYPE name type" (type: "gauge", "counter"). */
void prom_family(FILE *f, const char *name, const char *type, const char *help);

/*
 * One sample: name{k1="v1",k2="v2"} value. labels holds key and value pairs and ends with
 * a NULL key; label values are escaped (backslash, double quote, newline).
 */
void prom_sample(FILE *f, const char *name, const char *const *labels, double value);

/* A label, for callers that write samples themselves: ,name="value" (comma first). */
void prom_label(FILE *f, const char *name, const char *value, bool comma);

#endif
