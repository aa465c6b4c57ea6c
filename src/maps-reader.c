// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>

#include "log.h"
#include "maps-reader.h"
#include "procmap-query.h"
#include "xalloc.h"

#define MAPS_CHUNK (64 * 1024)
#define NAME_SIZE  8192

enum iter_mode {
	MODE_QUERY, /* PROCMAP_QUERY from addr on */
	MODE_TEXT,  /* maps lines from the file's start */
	MODE_SMAPS, /* smaps lines from the file's start */
	MODE_DONE,
};

struct maps_iter {
	struct maps_run *run;
	int fd;
	pid_t pid;
	char path[64];
	enum iter_mode mode;
	bool smaps;
	bool queried;
	unsigned bad_lines;

	/* query */
	uint64_t addr; /* the next VMA lies at or above it */
	bool stalled;  /* the last answer did not move addr: fail on the next call */
	/* text: lines of a VMA below it were seen through PROCMAP_QUERY */
	uint64_t resume_addr;

	/* text: buf[pos, have) is read and not yet handed out */
	char *buf;
	size_t pos, have;
	bool skipping; /* dropping a line that overflowed buf, up to its newline */
	bool eof;
	int err; /* smaps: to return after the pending VMA */
	/* bytes read from the file, against MAPS_TEXT_MAX (SMAPS_TEXT_MAX) */
	uint64_t total;

	/* smaps: the VMA whose VmFlags line is awaited */
	bool pending;
	struct maps_rec prec;

	/* unescaped names: name for the record handed out, spare for the pending one */
	char *name, *spare;
};

struct maps_iter *maps_iter_new(void)
{
	struct maps_iter *it = xcalloc(1, sizeof(*it));

	it->fd = -1;
	it->buf = xmalloc(MAPS_CHUNK);
	it->name = xmalloc(NAME_SIZE);
	it->spare = xmalloc(NAME_SIZE);
	return it;
}

void maps_iter_close(struct maps_iter *it)
{
	if (it->fd >= 0)
		close(it->fd);
	it->fd = -1;
	it->mode = MODE_DONE;
}

void maps_iter_free(struct maps_iter *it)
{
	if (!it)
		return;
	maps_iter_close(it);
	free(it->buf);
	free(it->name);
	free(it->spare);
	free(it);
}

const char *maps_iter_path(const struct maps_iter *it)
{
	return it->path;
}

bool maps_iter_smaps(const struct maps_iter *it)
{
	return it->smaps;
}

bool maps_iter_queried(const struct maps_iter *it)
{
	return it->queried;
}

unsigned maps_iter_bad_lines(const struct maps_iter *it)
{
	return it->bad_lines;
}

/* Forget the last file: a fresh walk of process pid. */
static void reset(struct maps_iter *it, pid_t pid, struct maps_run *run)
{
	it->run = run;
	it->pid = pid;
	it->queried = false;
	it->addr = it->resume_addr = 0;
	it->stalled = false;
	it->pos = it->have = 0;
	it->skipping = it->eof = false;
	it->total = 0;
	it->err = 0;
	it->pending = false;
}

int maps_iter_open(struct maps_iter *it, const struct sysroot *sr, pid_t pid, bool smaps,
		   struct maps_run *run)
{
	int fd;

	maps_iter_close(it);
	reset(it, pid, run);
	snprintf(it->path, sizeof(it->path), "/proc/%d/%s", (int)pid,
		 smaps ? "smaps" : "maps");
	/* O_NONBLOCK: no reader blocks on a regular file (procfs's or a captured tree's),
	 * and keeping it spares two fcntl() calls per process */
	fd = sr_open(sr, it->path, O_RDONLY | O_NONBLOCK);
	if (fd == -ENOENT && smaps && !sr->live) {
		/* a captured tree may hold maps only */
		smaps = false;
		snprintf(it->path, sizeof(it->path), "/proc/%d/maps", (int)pid);
		fd = sr_open(sr, it->path, O_RDONLY | O_NONBLOCK);
	}
	it->smaps = smaps;
	if (fd < 0)
		return fd;
	it->fd = fd;
	if (smaps)
		it->mode = MODE_SMAPS;
	else if (sr->live && run->reader == MAPS_READER_QUERY && !run->query_unavailable)
		it->mode = MODE_QUERY;
	else
		it->mode = MODE_TEXT;
	return 0;
}

/* ---- text ---- */

static uint64_t text_max(const struct maps_iter *it)
{
	return it->smaps ? SMAPS_TEXT_MAX : MAPS_TEXT_MAX;
}

/* Read more into buf, making room first. 0, or a negative errno. */
static int fill(struct maps_iter *it)
{
	size_t rest = it->have - it->pos;
	ssize_t n;

	if (rest == MAPS_CHUNK) {
		/* one line fills the buffer: drop it up to its newline */
		if (!it->skipping) {
			it->bad_lines++;
			log_debug("process %d: skipping a maps line over %u bytes",
				  (int)it->pid, MAPS_CHUNK);
		}
		it->skipping = true;
		rest = 0;
	} else if (rest && it->pos) {
		memmove(it->buf, it->buf + it->pos, rest);
	}
	it->pos = 0;
	it->have = rest;
	do
		n = read(it->fd, it->buf + it->have, MAPS_CHUNK - it->have);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		it->eof = true;
	it->have += (size_t)n;
	it->total += (uint64_t)n;
	if (it->total > text_max(it)) {
		/* no kernel writes that much: a captured tree's sparse file, a device */
		log_debug("%s: over %llu MiB, giving up", it->path,
			  (unsigned long long)(text_max(it) >> 20));
		return -EFBIG;
	}
	return 0;
}

/* The next whole line, without its newline: 1, 0 at the end, or a negative errno. */
static int next_line(struct maps_iter *it, const char **line, size_t *len)
{
	for (;;) {
		char *p = it->buf + it->pos, *end = it->buf + it->have;
		char *nl = memchr(p, '\n', (size_t)(end - p));
		int r;

		if (nl) {
			it->pos = (size_t)(nl + 1 - it->buf);
			if (it->skipping) {
				it->skipping = false;
				continue;
			}
			*line = p;
			*len = (size_t)(nl - p);
			return 1;
		}
		if (it->eof) {
			/* the last line may lack its newline */
			it->pos = it->have;
			if (p == end || it->skipping)
				return 0;
			*line = p;
			*len = (size_t)(end - p);
			return 1;
		}
		r = fill(it);
		if (r < 0)
			return r;
	}
}

/* Hand out ml with its name unescaped into it->name. */
static void make_rec(struct maps_iter *it, const struct maps_line *ml, bool candidate,
		     struct maps_rec *rec)
{
	*rec = (struct maps_rec){ .line = *ml, .candidate = candidate };
	if (!ml->name)
		return;
	rec->kernel_name = ml->name[0] == '[';
	maps_unescape(ml->name, ml->namelen, it->name, NAME_SIZE);
	rec->line.name = it->name;
	rec->line.namelen = strlen(it->name);
}

static int text_next(struct maps_iter *it, const struct maps_filter *f,
		     struct maps_rec *rec)
{
	struct parse_err e = {};
	struct maps_line ml;
	const char *line;
	size_t len;
	uint64_t dev;
	int r;

	while ((r = next_line(it, &line, &len)) > 0) {
		if (maps_line_dev(line, len, &dev) < 0) {
			it->bad_lines++;
			log_debug("process %d: skipping a maps line that does not parse",
				  (int)it->pid);
			continue;
		}
		if (!f->is_candidate(f->data, dev))
			continue;
		if (parse_maps_line(line, len, &ml, &e) < 0) {
			it->bad_lines++;
			log_debug("process %d: skipping a maps line: %s", (int)it->pid,
				  e.msg);
			continue;
		}
		if (ml.start < it->resume_addr)
			continue; /* PROCMAP_QUERY saw it before it failed */
		if (!ml.name)
			continue;
		make_rec(it, &ml, true, rec);
		return 1;
	}
	return r;
}

/* ---- smaps: header lines and "Field: value" lines ---- */

/* Hand out the pending VMA when it is worth it; it is no longer pending. */
static bool take_pending(struct maps_iter *it, struct maps_rec *rec)
{
	char *t;

	if (!it->pending)
		return false;
	it->pending = false;
	if (!((it->prec.candidate && it->prec.line.name) || it->prec.io))
		return false;
	*rec = it->prec;
	/* its name lives in spare: make that the handed-out buffer */
	t = it->name;
	it->name = it->spare;
	it->spare = t;
	return true;
}

static void smaps_header(struct maps_iter *it, const struct maps_filter *f,
			 const char *line, size_t len)
{
	struct parse_err e = {};
	struct maps_line ml;
	char *t;

	if (parse_maps_line(line, len, &ml, &e) < 0) {
		it->bad_lines++;
		log_debug("process %d: skipping an smaps line: %s", (int)it->pid, e.msg);
		return;
	}
	/* unescape into spare, keeping name for the record handed out last */
	t = it->name;
	it->name = it->spare;
	make_rec(it, &ml,
		 f->is_candidate(f->data, maps_devnum(ml.dev_major, ml.dev_minor)),
		 &it->prec);
	it->spare = it->name;
	it->name = t;
	it->pending = true;
}

static int smaps_next(struct maps_iter *it, const struct maps_filter *f,
		      struct maps_rec *rec)
{
	const char *line;
	size_t len;
	bool io;
	int r;

	if (it->err)
		return it->err;
	while ((r = next_line(it, &line, &len)) > 0) {
		if (maps_is_header(line, len)) {
			bool had = take_pending(it, rec);

			smaps_header(it, f, line, len);
			if (had)
				return 1;
			continue;
		}
		if (it->pending && parse_smaps_vmflags(line, len, &io) == 0) {
			it->prec.io = io;
			if (take_pending(it, rec))
				return 1;
		}
	}
	/* the end, or an error: the VMA read so far still counts */
	it->err = r;
	return take_pending(it, rec) ? 1 : r;
}

/* ---- PROCMAP_QUERY ---- */

static void query_failed(struct maps_iter *it, int r)
{
	if (r == -ENOTTY || r == -EINVAL || r == -EOPNOTSUPP || r == -ENOSYS) {
		if (!it->run->query_unavailable)
			log_debug("PROCMAP_QUERY unavailable (%s): reading maps as text",
				  strerror(-r));
		it->run->query_unavailable = true;
	} else if (r != -ESRCH) { /* ESRCH: no memory (kernel thread, exited) */
		log_debug("process %d: PROCMAP_QUERY at 0x%" PRIx64
			  ": %s; reading the rest as text",
			  (int)it->pid, it->addr, strerror(-r));
	}
	it->resume_addr = it->addr;
	it->mode = MODE_TEXT;
}

static bool vma_candidate(const struct maps_filter *f, const struct procmap_vma *v)
{
	return f->is_candidate(f->data, maps_devnum(v->dev_major, v->dev_minor));
}

static void query_rec(struct maps_iter *it, const struct procmap_vma *v,
		      struct maps_rec *rec)
{
	*rec = (struct maps_rec){
		.line =
			{
				.start = v->start,
				.end = v->end,
				.offset = v->offset,
				.dev_major = v->dev_major,
				.dev_minor = v->dev_minor,
				.inode = v->inode,
				.name = it->name,
				.namelen = v->namelen,
				.deleted = v->deleted,
			},
		.candidate = true,
		.kernel_name = it->name[0] == '[',
	};
	memcpy(rec->line.perms, v->perms, sizeof(rec->line.perms));
}

/*
 * The next candidate through PROCMAP_QUERY; a name is asked for (a second query, whose
 * answer replaces the first: range, device and name from one snapshot) only when the
 * device is a candidate, the same test the text reader makes on a line's MAJ:MIN. 1, 0
 * when the walk is complete, or a negative errno: the query failed (no PROCMAP_QUERY in
 * this kernel, a name over PATH_MAX, anything else) and the caller reads the text from
 * it->addr on.
 */
static int query_step(struct maps_iter *it, const struct maps_filter *f,
		      struct maps_rec *rec)
{
	struct procmap_vma v;
	bool found;
	int r;

	for (;;) {
		if (it->stalled)
			return -EIO; /* no progress: never from a sane kernel */
		r = procmap_query(it->fd, it->addr, &v, NULL, 0);
		if (r < 0)
			return r == -ENOENT ? 0 : r;
		found = false;
		if (vma_candidate(f, &v)) {
			r = procmap_query(it->fd, v.start, &v, it->name, NAME_SIZE);
			if (r == -ENOENT)
				return 0; /* it and all above it were unmapped meanwhile
					   */
			if (r < 0)
				return r;
			found = vma_candidate(f, &v) && v.namelen;
		}
		if (found)
			query_rec(it, &v, rec);
		if (v.end <= it->addr)
			it->stalled = true;
		else
			it->addr = v.end;
		if (found)
			return 1;
	}
}

int maps_iter_next(struct maps_iter *it, const struct maps_filter *f,
		   struct maps_rec *rec)
{
	int r;

	switch (it->mode) {
	case MODE_QUERY:
		r = query_step(it, f, rec);
		if (r > 0)
			return r;
		if (r == 0) {
			it->queried = true;
			it->mode = MODE_DONE;
			return 0;
		}
		query_failed(it, r);
		return text_next(it, f, rec);
	case MODE_TEXT:
		return text_next(it, f, rec);
	case MODE_SMAPS:
		return smaps_next(it, f, rec);
	case MODE_DONE:
		break;
	}
	return 0;
}
