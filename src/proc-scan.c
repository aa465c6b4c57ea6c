// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "door-identity.h"
#include "door-resolve.h"
#include "log.h"
#include "mntns.h"
#include "parse-path.h"
#include "proc-list.h"
#include "proc-scan.h"
#include "xalloc.h"

#include "proc-scan-internal.h"

static void emit(struct scan *s, struct pcr_mapping *m)
{
	if (!s->pi_loaded) {
		proc_info_load(s->sr, s->pid, &s->pi);
		s->pi_loaded = true;
	}
	m->pid = s->pid;
	s->st->mappings++;
	s->cb(&s->pi, m, s->userdata);
}

static void mapping_init(const struct maps_line *ml, struct pcr_mapping *m)
{
	*m = (struct pcr_mapping){
		.vma_start = ml->start,
		.vma_end = ml->end,
		.offset = ml->offset,
		.dev_major = ml->dev_major,
		.dev_minor = ml->dev_minor,
		.inode = ml->inode,
		.path = ml->name,
		.deleted = ml->deleted,
		.door = { .via = VIA_NONE, .bar = -1, .index = -1 },
	};
	memcpy(m->perms, ml->perms, sizeof(m->perms));
}

static bool is_devmem(const struct stat *st)
{
	return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 && minor(st->st_rdev) == 1;
}

/*
 * Live only: does the path, seen from the process's root, still name the mapped file?
 * 1 yes (st filled), 0 it names another file, -errno when it cannot be checked.
 */
static int identity(const struct scan *s, const struct maps_line *ml, struct stat *st)
{
	char path[PATH_SIZE + 32];
	int r;

	if (!s->sr->live || ml->name[0] != '/' || ml->deleted)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "/proc/%d/root%s", (int)s->pid, ml->name);
	r = sr_stat(s->sr, path, st);
	if (r < 0)
		return r;
	return st->st_dev == makedev(ml->dev_major, ml->dev_minor) &&
	       st->st_ino == ml->inode;
}

/* The path's check when the mapped file could not be compared: false to drop. */
static bool check_by_path(struct scan *s, const struct maps_line *ml,
			  struct pcr_mapping *m)
{
	struct stat st;
	int id = identity(s, ml, &st);

	if (id == 0)
		log_debug("process %d: %s now names another file; judging by its mount",
			  (int)s->pid, ml->name);
	if (id != 1)
		return true;
	m->identity_checked = true;
	if (m->door.via == VIA_DEVMEM && !is_devmem(&st)) {
		log_debug("process %d: %s is not /dev/mem (rdev %u:%u), skipping",
			  (int)s->pid, ml->name, major(st.st_rdev), minor(st.st_rdev));
		return false;
	}
	return true;
}

static void read_id(struct scan *s, const struct maps_line *ml, struct door_id *id)
{
	if (!id->tried)
		door_id_read(s->sr, s->pid, ml->start, ml->end, id);
}

/*
 * The identity of a door on a mounted file system: the mapped file itself against the
 * host's file of the door. false to drop the mapping (it is another file: /dev/zero
 * behind a path that says /dev/mem, a tmpfs file behind one that says resource0).
 */
static bool check_identity(struct scan *s, const struct maps_line *ml, enum mnt_kind kind,
			   bool resolved, struct door_id *id, struct pcr_mapping *m)
{
	uint64_t dev = maps_devnum(ml->dev_major, ml->dev_minor);
	char ref[128], link[256];
	struct stat rst, dst;
	bool have_ref = false, have_link = false, absent = false;
	enum door_id_verdict v;
	int r = -ENOENT;

	if (s->sr->live) {
		read_id(s, ml, id);
		/* a captured tree's inode numbers say nothing of the captured system */
		if (door_ref_path(&m->door, ref, sizeof(ref)) == 0)
			r = sr_stat(s->sr, ref, &rst);
		have_ref = r == 0;
		absent = r == -ENOENT && kind == MNT_DEVTMPFS && !ml->deleted &&
			 sr_stat(s->sr, "/dev", &dst) == 0 &&
			 maps_devnum(major(dst.st_dev), minor(dst.st_dev)) == dev;
		have_link = door_id_chr_link(s->sr, id, link, sizeof(link)) == 0;
	}
	v = door_id_judge(kind, &m->door, id, dev, ml->inode, have_ref ? &rst : NULL,
			  have_link ? link : NULL, absent);
	switch (v) {
	case DOOR_ID_MATCH:
		m->identity_checked = true;
		return true;
	case DOOR_ID_MISMATCH:
		if (kind == MNT_DEVTMPFS ||
		    (id->known && door_id_fs_kind(id->f_type) != (int)kind)) {
			log_debug("process %d: %s is not %s, skipping", (int)s->pid,
				  ml->name, have_ref ? ref : "a door");
			return false;
		}
		/* a real sysfs or proc file, not the one its path names */
		log_debug("process %d: %s is another file of its file system",
			  (int)s->pid, ml->name);
		m->identity_weak = true;
		return true;
	case DOOR_ID_UNKNOWN:
		break;
	}
	if (!check_by_path(s, ml, m))
		return false;
	if (!m->identity_checked && !resolved)
		m->identity_weak = true;
	return true;
}

/* VFIO: the device from the vfio-dev class link, else from the process's descriptors. */
static void resolve_vfio(struct scan *s, struct pcr_mapping *m)
{
	if (m->door.index >= 0 && vfio_dev_slot(s->sr, m->door.index, m->door.slot,
						sizeof(m->door.slot)) == 0) {
		m->door.has_slot = true;
		return;
	}
	if (!s->vfio_scanned) {
		vfio_holder_scan(s->sr, s->pid, &s->vfio);
		s->vfio_scanned = true;
	}
	if (s->vfio.nslots == 1) {
		m->door.has_slot = true;
		snprintf(m->door.slot, sizeof(m->door.slot), "%s", s->vfio.slot[0]);
		m->slot_from_group = s->vfio.from_group;
	} else if (s->vfio.nslots > 1) {
		/* the candidates: the region and the mapping's size may single one out */
		m->slot_ambiguous = true;
		m->vfio_nslots = s->vfio.nslots;
		for (unsigned i = 0; i < s->vfio.nslots && i < PCR_VFIO_SLOTS; i++)
			snprintf(m->vfio_slots[i], sizeof(m->vfio_slots[i]), "%s",
				 s->vfio.slot[i]);
	}
}

static void resolve_uio(struct scan *s, struct pcr_mapping *m)
{
	struct uio_map map;

	if (uio_dev_slot(s->sr, m->door.index, m->door.slot, sizeof(m->door.slot)) == 0)
		m->door.has_slot = true;
	if (uio_map_at(s->sr, m->door.index, m->offset, s->page_size, &map) < 0)
		return;
	m->uio_map_known = true;
	m->uio_map = map.index;
	m->uio_size = map.size;
	m->uio_addr = map.addr;
}

/*
 * The kind of the file system of a candidate's device; an anonymous device nobody
 * described is asked about through the mapping (live), once per device per scan.
 */
static int dev_kind(struct scan *s, const struct maps_line *ml, struct door_id *id)
{
	uint64_t dev = maps_devnum(ml->dev_major, ml->dev_minor);
	int kind = mntns_dev_kind(s->nsc, dev), r;

	if (kind != -EAGAIN)
		return kind;
	r = door_id_read(s->sr, s->pid, ml->start, ml->end, id);
	if (r == -ENOENT || r == -ESRCH)
		return -1; /* the mapping or the process went: ask the next one */
	kind = id->known ? door_id_fs_kind(id->f_type) : -1;
	if (kind >= 0)
		log_debug("process %d: %s lies on a %s no mount namespace seen shows",
			  (int)s->pid, ml->name, kind == MNT_SYSFS ? "sysfs" : "proc");
	mntns_learn_dev(s->nsc, dev, kind);
	return kind;
}

/*
 * A maps name can be read more than one way: " (deleted)" may be a file's state or the
 * end of its name (a mount point named "mem (deleted)"), and "\012" a newline or those
 * four characters (the kernel escapes only the newline). Where the other reading is a
 * mount point of the device (or lies under one, when the first lies under none), that
 * mount says what the file is. true with s->fspath, *kind and *resolved replaced.
 */
static bool other_reading(struct scan *s, const struct maps_line *ml, uint64_t dev,
			  int *kind, bool *resolved)
{
	char fspath[PATH_SIZE];
	size_t o = 0;
	bool res;
	int k;

	if (ml->deleted) {
		snprintf(s->alt, sizeof(s->alt), "%s (deleted)", ml->name);
		if (mntns_is_mountpoint(s->ns, dev, s->alt)) {
			k = mntns_fs_path(s->nsc, s->ns, dev, s->alt, s->fspath,
					  sizeof(s->fspath), resolved);
			if (k >= 0)
				*kind = k;
			return true;
		}
	}
	if (*resolved || !strchr(ml->name, '\n'))
		return false;
	for (const char *p = ml->name; *p && o + 5 < sizeof(s->alt); p++) {
		if (*p == '\n') {
			memcpy(s->alt + o, "\\012", 4);
			o += 4;
		} else {
			s->alt[o++] = *p;
		}
	}
	s->alt[o] = '\0';
	k = mntns_fs_path(s->nsc, s->ns, dev, s->alt, fspath, sizeof(fspath), &res);
	if (k < 0 || !res)
		return false;
	memcpy(s->fspath, fspath, sizeof(fspath));
	*kind = k;
	*resolved = true;
	return true;
}

/* Whether an unclassified devtmpfs file is /dev/mem by its rdev (map_files). */
static bool devmem_by_rdev(struct scan *s, const struct maps_line *ml, struct door_id *id)
{
	uint64_t dev = maps_devnum(ml->dev_major, ml->dev_minor);
	struct rdev_seen *e = &s->rdev_seen[(ml->inode * 0x9e3779b97f4a7c15ULL) >> 56];
	int r = 0;

	if (e->used && e->dev == dev && e->ino == ml->inode)
		return e->devmem;
	if (!id->tried)
		r = door_id_read(s->sr, s->pid, ml->start, ml->end, id);
	if (!id->known && r != -EPERM && r != -EACCES)
		return false; /* not cached: the next mapping may be readable */
	*e = (struct rdev_seen){ .dev = dev,
				 .ino = ml->inode,
				 .used = true,
				 .devmem = id->known && is_devmem(&id->st) };
	return e->devmem;
}

/* A candidate with a name: is it a door? true when it was reported. */
static bool door(struct scan *s, const struct maps_line *ml)
{
	struct door_id id = {};
	struct pcr_mapping m;
	struct door_path dp;
	bool resolved;
	int kind;

	if (dev_kind(s, ml, &id) < 0)
		return false;
	kind = mntns_fs_path(s->nsc, s->ns, maps_devnum(ml->dev_major, ml->dev_minor),
			     ml->name, s->fspath, sizeof(s->fspath), &resolved);
	if (kind < 0)
		return false;
	if (other_reading(s, ml, maps_devnum(ml->dev_major, ml->dev_minor), &kind,
			  &resolved))
		log_debug("process %d: %s read as %s", (int)s->pid, ml->name, s->fspath);
	if (door_classify((enum mnt_kind)kind, s->fspath, &dp) < 0) {
		/* /dev/mem under another name: its rdev says so */
		if (kind != MNT_DEVTMPFS || !s->sr->live || !devmem_by_rdev(s, ml, &id))
			return false;
		dp = (struct door_path){ .via = VIA_DEVMEM, .bar = -1, .index = -1 };
	}
	mapping_init(ml, &m);
	m.door = dp;
	if (kind != MNT_ANON &&
	    !check_identity(s, ml, (enum mnt_kind)kind, resolved, &id, &m))
		return false;
	if (dp.via == VIA_VFIO)
		resolve_vfio(s, &m);
	else if (dp.via == VIA_UIO)
		resolve_uio(s, &m);
	emit(s, &m);
	return true;
}

/* --all-io: an io/pf VMA that no door explained. */
static void unexplained(struct scan *s, const struct maps_rec *rec)
{
	struct pcr_mapping m;
	struct stat st;
	char path[96];

	if (rec->line.name && rec->kernel_name) /* [vvar], [vvar_vclock]: the kernel's */
		return;
	mapping_init(&rec->line, &m);
	/* a /dev/mem node outside devtmpfs (mknod in a container's /dev) */
	if (s->sr->live) {
		snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
			 (int)s->pid, rec->line.start, rec->line.end);
		if (sr_stat(s->sr, path, &st) >= 0 && is_devmem(&st)) {
			m.door.via = VIA_DEVMEM;
			m.identity_checked = true;
		}
	}
	emit(s, &m);
}

static bool ns_candidate(const void *nsc, uint64_t dev)
{
	return mntns_is_candidate(nsc, dev);
}

/* A maps file that could not be read: counted, the lowest PID's kept. */
static void unreadable(struct scan *s, pid_t pid, int r)
{
	struct proc_scan_stats *st = s->st;

	log_debug("cannot read %s: %s", maps_iter_path(s->it), strerror(-r));
	if (!st->unreadable++ || pid < st->unreadable_pid) {
		st->unreadable_pid = pid;
		snprintf(st->unreadable_path, sizeof(st->unreadable_path), "%s",
			 maps_iter_path(s->it));
		st->unreadable_err = r;
	}
}

/* Why a process's maps could not be opened, counted (and a missing -p PID logged). */
static void open_failed(struct scan *s, pid_t pid, bool explicit, int r)
{
	if (r != -ENOENT && r != -ESRCH) {
		unreadable(s, pid, r);
	} else if (!explicit) {
		s->st->vanished++;
	} else {
		if (s->o->missing)
			s->o->missing[s->st->missing] = pid;
		s->st->missing++;
		if (!s->o->quiet_missing)
			log_warn("no process %d", (int)pid);
	}
}

void scan_pid(struct scan *s, pid_t pid, bool explicit, const struct mntns *ns)
{
	struct maps_filter f = { .is_candidate = ns_candidate };
	struct maps_rec rec;
	int r;

	s->pid = pid;
	s->pi_loaded = false;
	s->vfio_scanned = false;
	r = maps_iter_open(s->it, s->sr, pid, s->o->all_io, &s->run);
	if (r < 0) {
		open_failed(s, pid, explicit, r);
		return;
	}
	s->ns = ns ? ns : mntns_get(s->nsc, pid);
	f.data = s->nsc;
	while ((r = maps_iter_next(s->it, &f, &rec)) > 0) {
		bool reported = rec.candidate && rec.line.name && door(s, &rec.line);

		if (!reported && rec.io)
			unexplained(s, &rec);
	}
	maps_iter_close(s->it);
	if (r == -ESRCH || r == -ENOENT) {
		s->st->vanished++;
	} else if (r < 0) {
		unreadable(s, pid, r);
	} else {
		s->st->processes++;
		if (maps_iter_queried(s->it))
			s->st->queried++;
	}
}

/*
 * The reader asked for (opts, else PCIREVOKE_MAPS), made concrete. A bad PCIREVOKE_MAPS
 * is reported once per program run (watch scans again and again), hence the static.
 */
static enum maps_reader resolve_reader(const struct sysroot *sr, enum maps_reader want)
{
	static bool warned;

	if (want == MAPS_READER_AUTO) {
		const char *e = secure_getenv("PCIREVOKE_MAPS");

		if (e && streq(e, "text"))
			want = MAPS_READER_TEXT;
		else if (e && streq(e, "query"))
			want = MAPS_READER_QUERY;
		else if (e && *e && !streq(e, "auto") && !warned) {
			log_warn("ignoring PCIREVOKE_MAPS=%s (text, query or auto)", e);
			warned = true;
		}
	}
	if (want == MAPS_READER_AUTO)
		want = MAPS_READER_DEFAULT;
	/* a captured tree has text only */
	if (!sr->live)
		return MAPS_READER_TEXT;
	return want;
}

/*
 * The namespaces of every process first, then the scan: in this thread, or on several
 * (proc-scan-parallel.c), each with its own scan state, the records merged in order.
 */
int proc_scan(const struct sysroot *sr, const struct proc_scan_opts *opts,
	      proc_scan_cb cb, void *userdata, struct proc_scan_stats *stats)
{
	_cleanup_(mntns_cache_freep) struct mntns_cache *nsc = NULL;
	_cleanup_(maps_iter_freep) struct maps_iter *it = NULL;
	_cleanup_free_ pid_t *all = NULL;
	_cleanup_free_ const struct mntns **ns = NULL;
	const pid_t *pids;
	size_t npids;
	bool explicit = opts->pids != NULL;
	struct scan s = {
		.sr = sr, .o = opts, .cb = cb, .userdata = userdata, .st = stats
	};
	size_t nall = 0;
	long ps = sysconf(_SC_PAGESIZE);
	unsigned threads;
	int r;

	*stats = (struct proc_scan_stats){};
	s.run.reader = resolve_reader(sr, opts->reader);
	log_debug("reading maps %s", s.run.reader == MAPS_READER_QUERY
					     ? "with PROCMAP_QUERY (text on failure)"
					     : "as text");
	s.page_size = ps > 0 ? (unsigned long)ps : 4096;
	s.nsc = nsc = mntns_cache_new(sr);
	if (!opts->pids) {
		stats->hidepid = proc_hides_pids(sr);
		r = proc_list_pids(sr, &all, &nall);
		if (r < 0)
			return r;
	}
	pids = explicit ? opts->pids : all;
	npids = explicit ? opts->npids : nall;
	/* every namespace first: candidates must not depend on the order of the scan */
	ns = xcalloc(npids ? npids : 1, sizeof(*ns));
	mntns_cache_preload(nsc, pids, npids, ns);
	threads = scan_threads(opts->jobs, npids);
	if (threads > 1) {
		scan_parallel(&s, pids, ns, npids, explicit, threads);
		return 0;
	}
	s.it = it = maps_iter_new();
	for (size_t i = 0; i < npids; i++)
		scan_pid(&s, pids[i], explicit, ns[i]);

	stats->bad_lines = maps_iter_bad_lines(it);
	stats->namespaces = mntns_cache_loaded(nsc);
	stats->ns_unreadable = mntns_cache_unreadable(nsc, &stats->ns_unreadable_pid,
						      &stats->ns_unreadable_err);
	return 0;
}
