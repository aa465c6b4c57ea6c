// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output-file.h"
#include "xalloc.h"

int out_file_begin(struct out_file *of, const char *path)
{
	_cleanup_free_ char *d = xstrdup(path), *b = xstrdup(path);
	int fd, r = 0;

	*of = (struct out_file){ .path = xstrdup(path) };
	/* a hidden name without FILE's suffix: collectors that read *.prom skip it */
	of->tmp = xasprintf("%s/.%s.XXXXXX", dirname(d), basename(b));
	fd = mkostemp(of->tmp, O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		free(of->tmp);
		of->tmp = NULL;
		return r;
	}
	fflush(stdout);
	if (dup2(fd, STDOUT_FILENO) < 0) {
		r = -errno;
		unlink(of->tmp);
		free(of->tmp);
		of->tmp = NULL;
	}
	close(fd);
	return r;
}

int out_file_end(struct out_file *of, bool keep)
{
	mode_t mask;
	int r = 0;

	if (!of->tmp)
		goto done;
	if (fflush(stdout) != 0 || ferror(stdout))
		r = -(errno ? errno : EIO);
	if (keep && !r) {
		mask = umask(0);
		umask(mask);
		if (fchmod(STDOUT_FILENO, 0666 & ~mask) < 0 || fsync(STDOUT_FILENO) < 0 ||
		    rename(of->tmp, of->path) < 0)
			r = -errno;
	}
	if (!keep || r)
		unlink(of->tmp);
	free(of->tmp);
	of->tmp = NULL;
done:
	free(of->path);
	of->path = NULL;
	return r;
}
