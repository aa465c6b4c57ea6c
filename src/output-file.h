/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --output-file: the command writes to standard output as always, but standard output is
 * a temporary file beside FILE, renamed over FILE only once the whole output was written
 * and flushed. A reader (node_exporter's textfile collector, a timer's consumer) sees the
 * old file or the new one, never half of one.
 */
#ifndef PCR_OUTPUT_FILE_H
#define PCR_OUTPUT_FILE_H

#include <stdbool.h>

struct out_file {
	char *path; /* FILE */
	char *tmp;  /* the temporary file, NULL when none is open */
};

/* Point standard output at a new temporary file beside path. 0 or a negative errno. */
int out_file_begin(struct out_file *of, const char *path);

/*
 * Finish: when keep, flush, sync and rename the temporary file over FILE (mode 0666 less
 * the umask, as a newly created file); else remove it. 0 or a negative errno (the
 * temporary file is removed then too).
 */
int out_file_end(struct out_file *of, bool keep);

#endif
