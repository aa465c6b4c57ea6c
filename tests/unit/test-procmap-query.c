// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Live: the two readers of /proc/PID/maps (the text parser and the PROCMAP_QUERY ioctl,
 * maps-reader.h) must give the same records. The test process maps a few REGULAR FILES of
 * a temporary directory (odd names, offsets past 4 GiB, private and shared, deleted, a
 * path over PATH_MAX that makes the ioctl fail half-way) and reads its own maps both ways
 * through the maps iterator, taking the directory's file system as the candidate device.
 * Nothing maps a device. Exits 77 when the kernel has no PROCMAP_QUERY (Linux < 6.11).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "macro.h"
#include "maps-reader.h"
#include "parse-maps.h"
#include "proc-scan.h"
#include "procmap-query.h"

#define MAX_RECS 4096

struct rec {
	uint64_t start, end, offset, inode;
	unsigned maj, min;
	char perms[5];
	bool deleted;
	char path[8192];
};

struct recs {
	size_t n;
	struct rec r[MAX_RECS];
};

static char tmpdir[256];
static uint64_t tmpdev;
static long page;

static void collect(const struct maps_line *ml, struct recs *rs)
{
	struct rec *r;

	assert_true(rs->n < MAX_RECS);
	r = &rs->r[rs->n++];
	*r = (struct rec){
		.start = ml->start,
		.end = ml->end,
		.offset = ml->offset,
		.inode = ml->inode,
		.maj = ml->dev_major,
		.min = ml->dev_minor,
		.deleted = ml->deleted,
	};
	memcpy(r->perms, ml->perms, sizeof(r->perms));
	assert_non_null(ml->name);
	assert_int_equal(strlen(ml->name), ml->namelen);
	snprintf(r->path, sizeof(r->path), "%s", ml->name);
}

static bool is_tmpdev(const void *data, uint64_t dev)
{
	return dev == *(const uint64_t *)data;
}

/*
 * One process's maps with the given reader, as the scan reads them, taking tmpdev as the
 * only candidate device, every record into rs. Returns the reader that read the whole
 * file (MAPS_READER_QUERY, or MAPS_READER_TEXT after a fallback), or a negative errno.
 */
static int read_maps(const struct sysroot *sr, pid_t pid, enum maps_reader reader,
		     struct maps_run *run, struct recs *rs)
{
	const struct maps_filter f = { .is_candidate = is_tmpdev, .data = &tmpdev };
	struct maps_iter *it = maps_iter_new();
	struct maps_rec rec;
	int r;

	run->reader = reader;
	r = maps_iter_open(it, sr, pid, false, run);
	if (r < 0)
		goto out;
	while ((r = maps_iter_next(it, &f, &rec)) > 0) {
		assert_true(rec.candidate);
		assert_false(rec.io);
		collect(&rec.line, rs);
	}
	if (r == 0)
		r = maps_iter_queried(it) ? MAPS_READER_QUERY : MAPS_READER_TEXT;
out:
	maps_iter_free(it);
	return r;
}

/* Both readers on our own maps; returns the reader that read the query side. */
static int read_both(struct recs *text, struct recs *query)
{
	struct maps_run run = {};
	struct sysroot sr;
	int r;

	assert_int_equal(sr_init(&sr, "/"), 0);
	text->n = query->n = 0;
	assert_int_equal(read_maps(&sr, getpid(), MAPS_READER_TEXT, &run, text),
			 MAPS_READER_TEXT);
	r = read_maps(&sr, getpid(), MAPS_READER_QUERY, &run, query);
	assert_true(r == MAPS_READER_TEXT || r == MAPS_READER_QUERY);
	/* a name over PATH_MAX is no sign of an old kernel */
	assert_false(run.query_unavailable);
	sr_done(&sr);
	return r;
}

static bool same_recs(const struct recs *a, const struct recs *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct rec *x = &a->r[i], *y = &b->r[i];

		if (x->start != y->start || x->end != y->end || x->offset != y->offset ||
		    x->inode != y->inode || x->maj != y->maj || x->min != y->min ||
		    !streq(x->perms, y->perms) || x->deleted != y->deleted ||
		    !streq(x->path, y->path))
			return false;
	}
	return true;
}

static void assert_same(const struct recs *a, const struct recs *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) { /* field by field, to say which */
		const struct rec *x = &a->r[i], *y = &b->r[i];

		assert_int_equal(x->start, y->start);
		assert_int_equal(x->end, y->end);
		assert_int_equal(x->offset, y->offset);
		assert_int_equal(x->inode, y->inode);
		assert_int_equal(x->maj, y->maj);
		assert_int_equal(x->min, y->min);
		assert_string_equal(x->perms, y->perms);
		assert_int_equal(x->deleted, y->deleted);
		assert_string_equal(x->path, y->path);
	}
	assert_true(same_recs(a, b));
}

static void no_door(const struct proc_info *pi, const struct pcr_mapping *m,
		    void *userdata)
{
	int *n = userdata;

	(void)pi;
	(void)m;
	(*n)++;
}

static const struct rec *find(const struct recs *rs, const void *addr)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->r[i].start == (uintptr_t)addr)
			return &rs->r[i];
	return NULL;
}

/* A file of size bytes (sparse) at dir/name, mapped [offset, offset + len). */
static void *map_at(int dirfd, const char *name, off_t size, off_t offset, size_t len,
		    int prot, int flags)
{
	int fd = openat(dirfd, name, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	void *p;

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	p = mmap(NULL, len, prot, flags, fd, offset);
	close(fd);
	return p;
}

struct want {
	const char *name;
	off_t size, offset;
	size_t len;
	int prot, flags;
	const char *perms;
	bool unlink, deleted;
	void *addr;
};

static void test_same_records(void **state)
{
	struct want w[] = {
		{ .name = "plain",
		  .size = 3 * page,
		  .len = 3 * page,
		  .prot = PROT_READ,
		  .flags = MAP_SHARED,
		  .perms = "r--s" },
		{ .name = "with space\tand tab",
		  .size = 4 * page,
		  .offset = page,
		  .len = page,
		  .prot = PROT_READ | PROT_WRITE,
		  .flags = MAP_PRIVATE,
		  .perms = "rw-p" },
		{ .name = "new\nline",
		  .size = page,
		  .len = page,
		  .prot = PROT_READ | PROT_WRITE,
		  .flags = MAP_SHARED,
		  .perms = "rw-s" },
		{ .name = "gone",
		  .size = page,
		  .len = page,
		  .prot = PROT_READ,
		  .flags = MAP_SHARED,
		  .perms = "r--s",
		  .unlink = true,
		  .deleted = true },
		/* a live file whose name ends like a deleted one: both readers strip it
		 */
		{ .name = "looks (deleted)",
		  .size = page,
		  .len = page,
		  .prot = PROT_READ,
		  .flags = MAP_PRIVATE,
		  .perms = "r--p",
		  .deleted = true },
		{ .name = "far",
		  .size = (off_t)5 << 30 | page,
		  .offset = (off_t)5 << 30,
		  .len = page,
		  .prot = PROT_READ,
		  .flags = MAP_SHARED,
		  .perms = "r--s" },
		{ .name = "exec",
		  .size = page,
		  .len = page,
		  .prot = PROT_READ | PROT_EXEC,
		  .flags = MAP_PRIVATE,
		  .perms = "r-xp" },
	};
	static struct recs text, query;
	int dirfd = open(tmpdir, O_DIRECTORY | O_CLOEXEC);
	struct sysroot sr;
	pid_t self = getpid();

	(void)state;
	assert_true(dirfd >= 0);
	for (size_t i = 0; i < ELEMENTSOF(w); i++) {
		w[i].addr = map_at(dirfd, w[i].name, w[i].size, w[i].offset, w[i].len,
				   w[i].prot, w[i].flags);
		if (w[i].addr == MAP_FAILED && (w[i].prot & PROT_EXEC)) {
			w[i].addr = NULL; /* a noexec /tmp */
			continue;
		}
		assert_true(w[i].addr != MAP_FAILED);
		if (w[i].unlink)
			assert_int_equal(unlinkat(dirfd, w[i].name, 0), 0);
	}

	assert_int_equal(read_both(&text, &query), MAPS_READER_QUERY);
	assert_same(&text, &query);

	/* and the records are the right ones, not merely equal */
	for (size_t i = 0; i < ELEMENTSOF(w); i++) {
		const struct rec *r;
		char path[512];

		if (!w[i].addr)
			continue;
		r = find(&query, w[i].addr);
		assert_non_null(r);
		snprintf(path, sizeof(path), "%s/%s", tmpdir, w[i].name);
		if (w[i].deleted &&
		    !w[i].unlink) /* the name's suffix, stripped as text */
			path[strlen(path) - strlen(" (deleted)")] = '\0';
		assert_string_equal(r->path, path);
		assert_string_equal(r->perms, w[i].perms);
		assert_int_equal(r->offset, (uint64_t)w[i].offset);
		assert_int_equal(r->end - r->start, w[i].len);
		assert_int_equal(r->deleted, w[i].deleted);
		assert_int_equal(maps_devnum(r->maj, r->min), tmpdev);
	}

	/* the whole scan agrees too: same counts, one of them through the ioctl */
	assert_int_equal(sr_init(&sr, "/"), 0);
	{
		struct proc_scan_opts ot = { .pids = &self,
					     .npids = 1,
					     .reader = MAPS_READER_TEXT };
		struct proc_scan_opts oq = { .pids = &self,
					     .npids = 1,
					     .reader = MAPS_READER_QUERY };
		struct proc_scan_stats st, sq;
		int nt = 0, nq = 0;

		assert_int_equal(proc_scan(&sr, &ot, no_door, &nt, &st), 0);
		assert_int_equal(proc_scan(&sr, &oq, no_door, &nq, &sq), 0);
		assert_int_equal(nt, nq);
		assert_int_equal(st.processes, 1);
		assert_int_equal(sq.processes, 1);
		assert_int_equal(st.queried, 0);
		assert_int_equal(sq.queried, 1);
		assert_int_equal(st.mappings, sq.mappings);
		assert_int_equal(st.bad_lines, 0);
	}
	sr_done(&sr);

	for (size_t i = 0; i < ELEMENTSOF(w); i++) {
		if (!w[i].addr)
			continue;
		munmap(w[i].addr, w[i].len);
		if (!w[i].unlink)
			unlinkat(dirfd, w[i].name, 0);
	}
	close(dirfd);
}

/*
 * A name over PATH_MAX: the ioctl says ENAMETOOLONG in the middle of the walk, and the
 * scan reads the rest as text, reporting each VMA once.
 */
static void test_fallback_midway(void **state)
{
	enum { DEPTH = 20 };
	char comp[241];
	int dirs[DEPTH + 1];
	void *low, *deep, *high;
	static struct recs text, query;
	const struct rec *r;

	(void)state;
	memset(comp, 'd', sizeof(comp) - 1);
	comp[sizeof(comp) - 1] = '\0';
	dirs[0] = open(tmpdir, O_DIRECTORY | O_CLOEXEC);
	assert_true(dirs[0] >= 0);
	for (int i = 1; i <= DEPTH; i++) {
		assert_int_equal(mkdirat(dirs[i - 1], comp, 0700), 0);
		dirs[i] = openat(dirs[i - 1], comp, O_DIRECTORY | O_CLOEXEC);
		assert_true(dirs[i] >= 0);
	}
	/* three mappings in address order, in a reserved range: low, deep, high */
	low = mmap(NULL, 5 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(low != MAP_FAILED);
	deep = (char *)low + 2 * page;
	high = (char *)low + 4 * page;
	{
		int fd = openat(dirs[DEPTH], "deep",
				O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

		assert_true(fd >= 0);
		assert_int_equal(ftruncate(fd, page), 0);
		assert_true(mmap(deep, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) ==
			    deep);
		close(fd);
		fd = openat(dirs[0], "low", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		assert_true(fd >= 0);
		assert_int_equal(ftruncate(fd, page), 0);
		assert_true(mmap(low, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) ==
			    low);
		assert_true(mmap(high, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0) ==
			    high);
		close(fd);
	}

	/* the ioctl alone refuses the name */
	{
		char name[4096];
		struct procmap_vma v;
		int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

		assert_true(fd >= 0);
		assert_int_equal(
			procmap_query(fd, (uintptr_t)deep, &v, name, sizeof(name)),
			-ENAMETOOLONG);
		assert_int_equal(procmap_query(fd, (uintptr_t)deep, &v, NULL, 0), 0);
		assert_int_equal(v.start, (uintptr_t)deep);
		close(fd);
	}

	assert_int_equal(read_both(&text, &query), MAPS_READER_TEXT);
	assert_same(&text, &query);
	for (size_t i = 1; i < query.n; i++)
		assert_true(query.r[i].start > query.r[i - 1].start); /* each once */
	r = find(&query, deep);
	assert_non_null(r);
	assert_true(strlen(r->path) > 4096);
	assert_non_null(find(&query, low));
	assert_non_null(find(&query, high));

	munmap(low, 5 * page);
	unlinkat(dirs[DEPTH], "deep", 0);
	unlinkat(dirs[0], "low", 0);
	for (int i = DEPTH; i >= 1; i--) {
		close(dirs[i]);
		unlinkat(dirs[i - 1], comp, AT_REMOVEDIR);
	}
	close(dirs[0]);
}

/* In this process, from now on, PROCMAP_QUERY answers ENOTTY as on Linux < 6.11. */
static int deny_procmap_query(void)
{
	const unsigned long cmd = _IOC(_IOC_READ | _IOC_WRITE, 'f', 17, 104);
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_ioctl, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[1])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)cmd, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOTTY),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = ELEMENTSOF(f), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return -errno;
	return 0;
}

/*
 * A kernel without PROCMAP_QUERY (emulated with seccomp, in a child): the query reader
 * falls back to text with the same records, and the rest of the run stays on text.
 */
static void test_no_ioctl(void **state)
{
	static struct recs text, query, again;
	int dirfd = open(tmpdir, O_DIRECTORY | O_CLOEXEC);
	void *p;
	pid_t child;
	int status;

	(void)state;
	assert_true(dirfd >= 0);
	p = map_at(dirfd, "old-kernel", page, 0, page, PROT_READ, MAP_SHARED);
	assert_true(p != MAP_FAILED);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		struct sysroot sr;
		struct procmap_vma v;
		struct maps_run run = {};
		pid_t self = getpid();
		struct proc_scan_opts o = { .pids = &self,
					    .npids = 1,
					    .reader = MAPS_READER_QUERY };
		struct proc_scan_stats st;
		int fd, n = 0;

		if (deny_procmap_query() < 0)
			_exit(77);
		fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
		if (fd < 0 || procmap_query(fd, 0, &v, NULL, 0) != -ENOTTY)
			_exit(10);
		close(fd);
		/* no cmocka assertions in the child: exit codes say what failed */
		if (sr_init(&sr, "/") < 0)
			_exit(11);
		if (read_maps(&sr, self, MAPS_READER_TEXT, &run, &text) !=
			    MAPS_READER_TEXT ||
		    read_maps(&sr, self, MAPS_READER_QUERY, &run, &query) !=
			    MAPS_READER_TEXT)
			_exit(12);
		/* the run remembers: its next query reader reads text from the start */
		if (!run.query_unavailable ||
		    read_maps(&sr, self, MAPS_READER_QUERY, &run, &again) !=
			    MAPS_READER_TEXT ||
		    !same_recs(&text, &again))
			_exit(15);
		if (text.n == 0 || !same_recs(&text, &query) || !find(&query, p))
			_exit(13);
		if (proc_scan(&sr, &o, no_door, &n, &st) < 0 || st.processes != 1 ||
		    st.queried != 0)
			_exit(14);
		sr_done(&sr);
		_exit(0);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 77) {
		fprintf(stderr, "no seccomp here: the ENOTTY case is not checked\n");
	} else {
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	munmap(p, page);
	unlinkat(dirfd, "old-kernel", 0);
	close(dirfd);
}

/* Remove everything under dirfd (the deep tree too: no path is ever built). */
static void rm_rf_at(int dirfd)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;

	if (!d) {
		close(dirfd);
		return;
	}
	while ((de = readdir(d))) {
		int sub;

		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		if (unlinkat(dirfd, de->d_name, 0) == 0)
			continue;
		sub = openat(dirfd, de->d_name, O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub >= 0)
			rm_rf_at(sub);
		unlinkat(dirfd, de->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

static int teardown(void **state)
{
	int fd = open(tmpdir, O_DIRECTORY | O_CLOEXEC);

	(void)state;
	if (fd >= 0)
		rm_rf_at(fd);
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_records),
		cmocka_unit_test(test_fallback_midway),
		cmocka_unit_test(test_no_ioctl),
	};
	const char *t = getenv("TMPDIR");
	struct procmap_vma v;
	struct stat st;
	int fd, r;

	page = sysconf(_SC_PAGESIZE);
	fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "no /proc/self/maps: skipped\n");
		return 77;
	}
	r = procmap_query(fd, 0, &v, NULL, 0);
	close(fd);
	if (r == -ENOTTY || r == -EINVAL) {
		fprintf(stderr,
			"this kernel has no PROCMAP_QUERY (Linux 6.11+): skipped\n");
		return 77;
	}
	snprintf(tmpdir, sizeof(tmpdir), "%s/pcr-procmap-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir) || stat(tmpdir, &st) < 0) {
		perror(tmpdir);
		return 1;
	}
	tmpdev = maps_devnum(major(st.st_dev), minor(st.st_dev));
	return cmocka_run_group_tests(tests, NULL, teardown);
}
