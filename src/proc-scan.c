// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "log.h"
#include "parse-maps.h"
#include "parse-mountinfo.h"
#include "parse-path.h"
#include "proc-scan.h"
#include "procmap-query.h"
#include "xalloc.h"

#define MAPS_CHUNK    (64 * 1024)
#define MOUNTINFO_MAX (64u << 20)
#define STATUS_MAX    (64u << 10)

/* Set once the kernel said it has no PROCMAP_QUERY: text for the rest of the run. */
static bool procmap_query_unavailable;

static void closedirp_(DIR **d)
{
	if (*d)
		closedir(*d);
}

struct ns_mount {
	uint64_t dev;
	enum mnt_kind kind;
	char *root;	  /* inside the file system, unescaped */
	char *mountpoint; /* as the process sees it, unescaped */
	size_t mplen;
};

struct ns_info {
	uint64_t key; /* mount namespace inode, or 0: not cached */
	struct ns_mount *mounts;
	size_t nmounts;
	uint64_t *devs; /* distinct candidate devices, including anon_inodefs */
	size_t ndevs;
};

struct scan {
	const struct sysroot *sr;
	const struct proc_scan_opts *o;
	bool all_io; /* this process: reading smaps */
	proc_scan_cb cb;
	void *userdata;
	struct proc_scan_stats *st;
	enum maps_reader reader; /* MAPS_READER_TEXT or MAPS_READER_QUERY, never AUTO */

	/* proc_maps_candidates(): every candidate line goes here, unclassified */
	proc_maps_cb cand_cb;
	void *cand_userdata;

	char *buf; /* MAPS_CHUNK bytes, reused for every process */
	struct ns_info *cache;
	size_t ncache;
	struct ns_info private_ns; /* for a process without a readable ns link */
	bool anon_known;
	uint64_t anon_dev;
	unsigned long page_size;

	/* the process being scanned */
	pid_t pid;
	struct proc_info pi;
	bool pi_loaded;
	const struct ns_info *ns;
	bool vfio_scanned;
	unsigned vfio_nslots;
	char vfio_slot[24];
	bool vfio_from_group;
	uint64_t resume_addr; /* text after a failed query: VMAs below were seen */
	bool queried;	      /* this process was read through PROCMAP_QUERY to its end */

	/* --all-io: the VMA whose VmFlags line is awaited */
	bool pending, pending_done;
	struct maps_line pml;
	char pname[4096];

	char path[8192];   /* unescaped maps name */
	char fspath[8192]; /* path inside the file system */
};

/* ---- mount namespaces ---- */

static void ns_info_done(struct ns_info *ns)
{
	for (size_t i = 0; i < ns->nmounts; i++) {
		free(ns->mounts[i].root);
		free(ns->mounts[i].mountpoint);
	}
	free(ns->mounts);
	free(ns->devs);
	*ns = (struct ns_info){};
}

static void ns_add_dev(struct ns_info *ns, uint64_t dev)
{
	for (size_t i = 0; i < ns->ndevs; i++)
		if (ns->devs[i] == dev)
			return;
	ns->devs = xreallocarray(ns->devs, ns->ndevs + 1, sizeof(*ns->devs));
	ns->devs[ns->ndevs++] = dev;
}

static bool fstype_kind(const struct mountinfo_line *l, enum mnt_kind *ret)
{
	static const struct {
		const char *name;
		enum mnt_kind kind;
	} kinds[] = {
		{"sysfs", MNT_SYSFS},
		{"proc", MNT_PROC},
		{"devtmpfs", MNT_DEVTMPFS},
		{"anon_inodefs", MNT_ANON},
	};

	for (size_t i = 0; i < ELEMENTSOF(kinds); i++)
		if (mountinfo_field_is(l->fstype, l->fstypelen, kinds[i].name)) {
			*ret = kinds[i].kind;
			return true;
		}
	return false;
}

static char *unescape_dup(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);

	mountinfo_unescape(s, len, out, len + 1);
	return out;
}

static int ns_load(struct scan *s, pid_t pid, struct ns_info *ns)
{
	char path[64];
	_cleanup_free_ char *buf = NULL;
	const char *pos, *end, *line;
	size_t len, linelen;
	int r;

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", (int)pid);
	r = sr_read_file(s->sr, path, MOUNTINFO_MAX, &buf, &len);
	if (r < 0 && s->sr->live && r != -ENOENT && r != -ESRCH) {
		/* our own view is the best remaining guess on the live system */
		log_debug("cannot read %s (%s), using /proc/self/mountinfo", path,
			  strerror(-r));
		r = sr_read_file(s->sr, "/proc/self/mountinfo", MOUNTINFO_MAX, &buf,
				 &len);
	}
	if (r < 0)
		return r;

	pos = buf;
	end = buf + len;
	while (parse_next_line(&pos, end, &line, &linelen)) {
		struct mountinfo_line l;
		struct ns_mount *m;
		enum mnt_kind kind;

		if (parse_mountinfo_line(line, linelen, &l, NULL) < 0) {
			log_debug("%s: skipping a line that does not parse", path);
			continue;
		}
		if (!fstype_kind(&l, &kind))
			continue;
		ns->mounts =
			xreallocarray(ns->mounts, ns->nmounts + 1, sizeof(*ns->mounts));
		m = &ns->mounts[ns->nmounts++];
		m->dev = maps_devnum(l.dev_major, l.dev_minor);
		m->kind = kind;
		m->root = unescape_dup(l.root, l.rootlen);
		m->mountpoint = unescape_dup(l.mountpoint, l.mountpointlen);
		m->mplen = strlen(m->mountpoint);
		ns_add_dev(ns, m->dev);
	}
	if (s->anon_known)
		ns_add_dev(ns, s->anon_dev);
	s->st->namespaces++;
	return 0;
}

/* The mount namespace's identity: the inode in the "mnt:[N]" link, 0 when unknown. */
static uint64_t ns_key(struct scan *s, pid_t pid)
{
	char path[64];
	_cleanup_free_ char *link = NULL;
	const char *p;
	uint64_t v = 0;

	snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)pid);
	if (sr_readlink(s->sr, path, &link) < 0)
		return 0;
	p = strchr(link, '[');
	if (!p)
		return 0;
	for (p++; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (uint64_t)(*p - '0');
	return *p == ']' ? v : 0;
}

static const struct ns_info *ns_get(struct scan *s, pid_t pid)
{
	uint64_t key = ns_key(s, pid);
	struct ns_info ns = {};
	int r;

	if (key)
		for (size_t i = 0; i < s->ncache; i++)
			if (s->cache[i].key == key)
				return &s->cache[i];

	r = ns_load(s, pid, &ns);
	if (r < 0) {
		if (r != -ENOENT && r != -ESRCH) {
			log_debug("cannot read the mounts of process %d: %s", (int)pid,
				  strerror(-r));
			s->st->ns_unreadable++;
		}
		/* no mounts known: only anon_inodefs can still be recognised */
		if (s->anon_known)
			ns_add_dev(&ns, s->anon_dev);
	}
	if (!key || r < 0) {
		ns_info_done(&s->private_ns);
		s->private_ns = ns;
		return &s->private_ns;
	}
	ns.key = key;
	s->cache = xreallocarray(s->cache, s->ncache + 1, sizeof(*s->cache));
	s->cache[s->ncache] = ns;
	return &s->cache[s->ncache++];
}

static bool ns_is_candidate(const struct ns_info *ns, uint64_t dev)
{
	for (size_t i = 0; i < ns->ndevs; i++)
		if (ns->devs[i] == dev)
			return true;
	return false;
}

/*
 * Where a maps path lies inside its file system: strip the longest mount point of a mount
 * of that device and put the mount's root in front. Returns the kind, or -1 when the
 * device is none of ours. Falls back to the path itself (a chrooted process sees paths
 * its mountinfo does not show).
 */
static int ns_fs_path(struct scan *s, uint64_t dev, const char *path)
{
	const struct ns_mount *best = NULL;
	int kind = -1;

	if (s->anon_known && dev == s->anon_dev && !startswith(path, "/"))
		kind = MNT_ANON;
	for (size_t i = 0; i < s->ns->nmounts; i++) {
		const struct ns_mount *m = &s->ns->mounts[i];
		bool root_mp = m->mplen == 1 && m->mountpoint[0] == '/';

		if (m->dev != dev)
			continue;
		if (kind < 0)
			kind = (int)m->kind;
		if (!root_mp && (strncmp(path, m->mountpoint, m->mplen) != 0 ||
				 (path[m->mplen] != '/' && path[m->mplen] != '\0')))
			continue;
		if (!best || m->mplen > best->mplen)
			best = m;
	}
	if (kind < 0)
		return -1;
	if (!best) {
		snprintf(s->fspath, sizeof(s->fspath), "%s", path);
		return kind;
	}
	kind = (int)best->kind;
	{
		const char *rest = (best->mplen == 1) ? path : path + best->mplen;
		const char *root = streq(best->root, "/") ? "" : best->root;

		snprintf(s->fspath, sizeof(s->fspath), "%s%s", root, rest);
		if (!s->fspath[0])
			snprintf(s->fspath, sizeof(s->fspath), "/");
	}
	return kind;
}

/* ---- per-process details, read only for processes with a candidate ---- */

static void load_proc_info(struct scan *s)
{
	char path[64];
	_cleanup_free_ char *comm = NULL, *status = NULL;
	size_t len;

	if (s->pi_loaded)
		return;
	s->pi_loaded = true;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)s->pid);
	if (sr_read_line(s->sr, path, &comm) >= 0)
		snprintf(s->pi.comm, sizeof(s->pi.comm), "%s", comm);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)s->pid);
	if (sr_read_file(s->sr, path, STATUS_MAX, &status, &len) >= 0) {
		const char *u = strstr(status, "\nUid:");
		unsigned long real, eff;

		if (u && sscanf(u + 5, "%lu %lu", &real, &eff) == 2) {
			s->pi.uid_known = true;
			s->pi.uid = (uid_t)eff;
		}
	}
}

/* The last path component of a link target ("../../../0000:00:03.0" -> slot). */
static bool slot_from_link(const struct sysroot *sr, const char *link, char *slot,
			   size_t size)
{
	_cleanup_free_ char *target = NULL;
	const char *base;

	if (sr_readlink(sr, link, &target) < 0)
		return false;
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base || strlen(base) >= size)
		return false;
	snprintf(slot, size, "%s", base);
	return true;
}

static void vfio_add_slot(struct scan *s, const char *slot, bool from_group)
{
	if (s->vfio_nslots && streq(s->vfio_slot, slot))
		return;
	if (strlen(slot) >= sizeof(s->vfio_slot))
		return; /* not a PCI address */
	if (!s->vfio_nslots)
		memcpy(s->vfio_slot, slot, strlen(slot) + 1);
	s->vfio_nslots++;
	s->vfio_from_group = from_group;
}

/*
 * The VFIO device(s) a process holds: fdinfo "vfio-device-syspath:" of its
 * anon_inode:[vfio-device] descriptors (Linux 6.8+), else the devices of its
 * /dev/vfio/GROUP descriptors.
 */
static void vfio_scan_fds(struct scan *s)
{
	char path[96];
	_cleanup_(closedirp_) DIR *d = NULL;
	unsigned groups[16], ngroups = 0;
	struct dirent *de;

	if (s->vfio_scanned)
		return;
	s->vfio_scanned = true;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)s->pid);
	d = sr_opendir(s->sr, path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		_cleanup_free_ char *link = NULL, *info = NULL;
		char lpath[320];
		const char *p;
		size_t len;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(lpath, sizeof(lpath), "/proc/%d/fd/%s", (int)s->pid, de->d_name);
		if (sr_readlink(s->sr, lpath, &link) < 0)
			continue;
		if (startswith(link, "/dev/vfio/") && isdigit((unsigned char)link[10])) {
			char *e;
			unsigned long g = strtoul(link + 10, &e, 10);

			if (!*e && ngroups < ELEMENTSOF(groups))
				groups[ngroups++] = (unsigned)g;
			continue;
		}
		if (!streq(link, "anon_inode:[vfio-device]") &&
		    !startswith(link, "/dev/vfio/devices/vfio"))
			continue;
		snprintf(lpath, sizeof(lpath), "/proc/%d/fdinfo/%s", (int)s->pid,
			 de->d_name);
		if (sr_read_file(s->sr, lpath, STATUS_MAX, &info, &len) < 0)
			continue;
		p = strstr(info, "vfio-device-syspath:");
		if (p) {
			char slot[24];
			const char *v = p + strlen("vfio-device-syspath:"), *nl, *base;

			while (*v == ' ' || *v == '\t')
				v++;
			nl = strchrnul(v, '\n');
			while (nl > v && nl[-1] == '/')
				nl--;
			base = nl;
			while (base > v && base[-1] != '/')
				base--;
			if (nl > base && (size_t)(nl - base) < sizeof(slot)) {
				memcpy(slot, base, (size_t)(nl - base));
				slot[nl - base] = '\0';
				vfio_add_slot(s, slot, false);
			}
		}
	}
	if (s->vfio_nslots)
		return;
	for (unsigned i = 0; i < ngroups; i++) {
		_cleanup_(closedirp_) DIR *gd = NULL;

		snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%u/devices",
			 groups[i]);
		gd = sr_opendir(s->sr, path);
		if (!gd)
			continue;
		while ((de = readdir(gd)))
			if (de->d_name[0] != '.')
				vfio_add_slot(s, de->d_name, true);
	}
}

static int read_sysfs_hex(const struct sysroot *sr, const char *path, uint64_t *ret)
{
	_cleanup_free_ char *line = NULL;
	int r = sr_read_line(sr, path, &line);

	if (r < 0)
		return r;
	return parse_hex_u64(line, line + strlen(line), ret);
}

static void uio_details(struct scan *s, struct pcr_mapping *m)
{
	char path[128];
	uint64_t addr, size, offs = 0;
	uint64_t idx = m->offset / s->page_size;

	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/device", m->door.index);
	if (slot_from_link(s->sr, path, m->door.slot, sizeof(m->door.slot)))
		m->door.has_slot = true;
	if (idx >= 5) /* MAX_UIO_MAPS */
		return;
	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/maps/map%" PRIu64 "/addr",
		 m->door.index, idx);
	if (read_sysfs_hex(s->sr, path, &addr) < 0)
		return;
	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/maps/map%" PRIu64 "/size",
		 m->door.index, idx);
	if (read_sysfs_hex(s->sr, path, &size) < 0)
		return;
	snprintf(path, sizeof(path), "/sys/class/uio/uio%d/maps/map%" PRIu64 "/offset",
		 m->door.index, idx);
	(void)read_sysfs_hex(s->sr, path, &offs);
	m->uio_map_known = true;
	m->uio_map = (unsigned)idx;
	m->uio_size = size;
	/* uio_mmap_physical() maps from the page holding mem->addr */
	m->uio_addr = addr & ~((uint64_t)s->page_size - 1);
}

static void vfio_details(struct scan *s, struct pcr_mapping *m)
{
	if (m->door.index >= 0) {
		char path[96];

		snprintf(path, sizeof(path), "/sys/class/vfio-dev/vfio%d/device",
			 m->door.index);
		if (slot_from_link(s->sr, path, m->door.slot, sizeof(m->door.slot))) {
			m->door.has_slot = true;
			return;
		}
	}
	vfio_scan_fds(s);
	if (s->vfio_nslots == 1) {
		m->door.has_slot = true;
		snprintf(m->door.slot, sizeof(m->door.slot), "%s", s->vfio_slot);
		m->slot_from_group = s->vfio_from_group;
	} else if (s->vfio_nslots > 1) {
		m->slot_ambiguous = true;
	}
}

/* ---- lines ---- */

static void emit(struct scan *s, struct pcr_mapping *m)
{
	load_proc_info(s);
	m->pid = s->pid;
	s->st->mappings++;
	s->cb(&s->pi, m, s->userdata);
}

static void mapping_init(struct scan *s, const struct maps_line *ml,
			 struct pcr_mapping *m)
{
	*m = (struct pcr_mapping){
		.vma_start = ml->start,
		.vma_end = ml->end,
		.offset = ml->offset,
		.dev_major = ml->dev_major,
		.dev_minor = ml->dev_minor,
		.inode = ml->inode,
		.path = s->path,
		.deleted = ml->deleted,
	};
	memcpy(m->perms, ml->perms, sizeof(m->perms));
}

/*
 * Live only: does the path, seen from the process's root, still name the mapped file?
 * 1 yes (st filled), 0 it names another file, -errno when it cannot be checked.
 */
static int identity(struct scan *s, const struct maps_line *ml, struct stat *st)
{
	char path[sizeof(s->path) + 32];
	int r;

	if (!s->sr->live || s->path[0] != '/' || ml->deleted)
		return -EOPNOTSUPP;
	snprintf(path, sizeof(path), "/proc/%d/root%s", (int)s->pid, s->path);
	r = sr_stat(s->sr, path, st);
	if (r < 0)
		return r;
	return st->st_dev == makedev(ml->dev_major, ml->dev_minor) &&
	       st->st_ino == ml->inode;
}

/*
 * A line whose device is a candidate: is it a door? true when it was reported. The name
 * is ml's, kernel-escaped, or (name_ready: PROCMAP_QUERY) already raw in s->path.
 */
static bool candidate(struct scan *s, const struct maps_line *ml, bool name_ready)
{
	struct pcr_mapping m;
	struct door_path door;
	struct stat st;
	int kind, id;

	if (!ml->name)
		return false;
	if (!name_ready)
		maps_unescape(ml->name, ml->namelen, s->path, sizeof(s->path));
	if (s->cand_cb) {
		mapping_init(s, ml, &m);
		m.pid = s->pid;
		m.door = (struct door_path){.via = VIA_NONE, .bar = -1, .index = -1};
		s->cand_cb(&m, s->cand_userdata);
		return true;
	}
	kind = ns_fs_path(s, maps_devnum(ml->dev_major, ml->dev_minor), s->path);
	if (kind < 0 || door_classify((enum mnt_kind)kind, s->fspath, &door) < 0)
		return false;

	mapping_init(s, ml, &m);
	m.door = door;
	if (kind != MNT_ANON) {
		id = identity(s, ml, &st);
		if (id == 1) {
			m.identity_checked = true;
			if (door.via == VIA_DEVMEM &&
			    !(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
			      minor(st.st_rdev) == 1)) {
				log_debug("process %d: %s is not /dev/mem (rdev %u:%u), "
					  "skipping",
					  (int)s->pid, s->path, major(st.st_rdev),
					  minor(st.st_rdev));
				return false;
			}
		} else if (id == 0) {
			log_debug("process %d: %s now names another file; judging by its "
				  "mount",
				  (int)s->pid, s->path);
		}
	}
	if (door.via == VIA_VFIO)
		vfio_details(s, &m);
	else if (door.via == VIA_UIO)
		uio_details(s, &m);
	emit(s, &m);
	return true;
}

static bool vmflags_io(const char *line, size_t len)
{
	const char *p = line + strlen("VmFlags:"), *end = line + len;

	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		if (end - p >= 2 && (p + 2 == end || p[2] == ' ') &&
		    ((p[0] == 'i' && p[1] == 'o') || (p[0] == 'p' && p[1] == 'f')))
			return true;
		while (p < end && *p != ' ')
			p++;
	}
	return false;
}

/* --all-io: an io/pf VMA that no door explained. */
static void unexplained(struct scan *s)
{
	struct maps_line *ml = &s->pml;
	struct pcr_mapping m;
	struct stat st;

	if (ml->name && ml->name[0] == '[') /* [vvar], [vvar_vclock]: the kernel's own */
		return;
	if (ml->name)
		maps_unescape(ml->name, ml->namelen, s->path, sizeof(s->path));
	else
		s->path[0] = '\0';
	mapping_init(s, ml, &m);
	if (!ml->name)
		m.path = NULL;
	m.door = (struct door_path){.via = VIA_NONE, .bar = -1, .index = -1};

	/* a /dev/mem node outside devtmpfs (mknod in a container's /dev) */
	if (s->sr->live) {
		char path[96];

		snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
			 (int)s->pid, ml->start, ml->end);
		if (sr_stat(s->sr, path, &st) >= 0 && S_ISCHR(st.st_mode) &&
		    major(st.st_rdev) == 1 && minor(st.st_rdev) == 1) {
			m.door.via = VIA_DEVMEM;
			m.identity_checked = true;
		}
	}
	emit(s, &m);
}

static void handle_line(struct scan *s, const char *line, size_t len)
{
	struct parse_err e = {};
	struct maps_line ml;
	uint64_t dev;

	if (!s->all_io) {
		if (maps_line_dev(line, len, &dev) < 0) {
			s->st->bad_lines++;
			log_debug("process %d: skipping a maps line that does not parse",
				  (int)s->pid);
			return;
		}
		if (!ns_is_candidate(s->ns, dev))
			return;
		if (parse_maps_line(line, len, &ml, &e) < 0) {
			s->st->bad_lines++;
			log_debug("process %d: skipping a maps line: %s", (int)s->pid,
				  e.msg);
			return;
		}
		if (ml.start < s->resume_addr)
			return; /* PROCMAP_QUERY saw it before it failed */
		candidate(s, &ml, false);
		return;
	}

	/* smaps: header lines and "Field: value" lines */
	if (maps_is_header(line, len)) {
		s->pending = false;
		if (parse_maps_line(line, len, &ml, &e) < 0) {
			s->st->bad_lines++;
			log_debug("process %d: skipping an smaps line: %s", (int)s->pid,
				  e.msg);
			return;
		}
		s->pending_done =
			ns_is_candidate(s->ns, maps_devnum(ml.dev_major, ml.dev_minor)) &&
			candidate(s, &ml, false);
		s->pml = ml;
		if (ml.name) {
			size_t n = ml.namelen < sizeof(s->pname) ? ml.namelen
								 : sizeof(s->pname);

			memcpy(s->pname, ml.name, n);
			s->pml.name = s->pname;
			s->pml.namelen = n;
		}
		s->pending = true;
		return;
	}
	if (s->pending && len >= 8 && memcmp(line, "VmFlags:", 8) == 0) {
		s->pending = false;
		if (!s->pending_done && vmflags_io(line, len))
			unexplained(s);
	}
}

/* Stream one maps (or smaps) file. 0, or negative errno from open or read. */
static int scan_maps(struct scan *s, int fd)
{
	size_t have = 0;
	bool skipping = false;

	for (;;) {
		ssize_t n = read(fd, s->buf + have, MAPS_CHUNK - have);
		char *p, *end, *nl;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0) {
			if (have && !skipping)
				handle_line(s, s->buf, have);
			return 0;
		}
		have += (size_t)n;
		p = s->buf;
		end = s->buf + have;
		while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
			if (skipping)
				skipping = false;
			else
				handle_line(s, p, (size_t)(nl - p));
			p = nl + 1;
		}
		have = (size_t)(end - p);
		if (have == MAPS_CHUNK) {
			/* one line fills the buffer: drop it up to its newline */
			if (!skipping) {
				s->st->bad_lines++;
				log_debug(
					"process %d: skipping a maps line over %u bytes",
					(int)s->pid, MAPS_CHUNK);
			}
			skipping = true;
			have = 0;
		} else if (have && p != s->buf) {
			memmove(s->buf, p, have);
		}
	}
}

/*
 * Walk the file-backed VMAs with PROCMAP_QUERY; a name is asked for (a second query,
 * whose answer replaces the first: range, device and name from one snapshot) only when
 * the device is a candidate, the same test the text path makes on a line's MAJ:MIN. 0
 * when the walk is complete; 1 when the query failed (no PROCMAP_QUERY in this kernel, a
 * name over PATH_MAX, anything else): the caller reads the text from s->resume_addr on.
 */
static int scan_query(struct scan *s, int fd)
{
	struct procmap_vma v;
	uint64_t addr = 0;
	int r;

	for (;;) {
		r = procmap_query(fd, addr, &v, NULL, 0);
		if (r == -ENOENT)
			break;
		if (r < 0)
			goto fallback;
		if (ns_is_candidate(s->ns, maps_devnum(v.dev_major, v.dev_minor))) {
			r = procmap_query(fd, v.start, &v, s->path, sizeof(s->path));
			if (r == -ENOENT)
				break; /* it and all above it were unmapped meanwhile */
			if (r < 0)
				goto fallback;
			if (ns_is_candidate(s->ns,
					    maps_devnum(v.dev_major, v.dev_minor))) {
				struct maps_line ml = {
					.start = v.start,
					.end = v.end,
					.offset = v.offset,
					.dev_major = v.dev_major,
					.dev_minor = v.dev_minor,
					.inode = v.inode,
					.name = v.namelen ? s->path : NULL,
					.namelen = v.namelen,
					.deleted = v.deleted,
				};

				memcpy(ml.perms, v.perms, sizeof(ml.perms));
				candidate(s, &ml, true);
			}
		}
		if (v.end <= addr) {
			r = -EIO; /* no progress: never from a sane kernel */
			goto fallback;
		}
		addr = v.end;
	}
	s->queried = true;
	return 0;

fallback:
	if (r == -ENOTTY || r == -EINVAL || r == -EOPNOTSUPP || r == -ENOSYS) {
		if (!procmap_query_unavailable)
			log_debug("PROCMAP_QUERY unavailable (%s): reading maps as text",
				  strerror(-r));
		procmap_query_unavailable = true;
	} else if (r != -ESRCH) { /* ESRCH: no memory (kernel thread, exited) */
		log_debug("process %d: PROCMAP_QUERY at 0x%" PRIx64
			  ": %s; reading the rest as text",
			  (int)s->pid, addr, strerror(-r));
	}
	s->resume_addr = addr;
	return 1;
}

/* One open maps (or smaps) file, by the run's reader: 0 or a negative errno. */
static int read_maps(struct scan *s, int fd)
{
	s->resume_addr = 0;
	s->queried = false;
	if (!s->all_io && s->reader == MAPS_READER_QUERY && !procmap_query_unavailable &&
	    scan_query(s, fd) == 0) {
		s->st->queried++;
		return 0;
	}
	return scan_maps(s, fd);
}

static void scan_pid(struct scan *s, pid_t pid, bool explicit)
{
	char path[64];
	_cleanup_close_ int fd = -1;
	int r;

	s->pid = pid;
	s->pi = (struct proc_info){.pid = pid};
	s->pi_loaded = false;
	s->vfio_scanned = false;
	s->vfio_nslots = 0;
	s->pending = false;

	s->all_io = s->o->all_io;
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid,
		 s->all_io ? "smaps" : "maps");
	fd = sr_open(s->sr, path, O_RDONLY);
	if (fd == -ENOENT && s->all_io && !s->sr->live) {
		/* a captured tree may hold maps only */
		s->all_io = false;
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
		fd = sr_open(s->sr, path, O_RDONLY);
	}
	if (fd < 0) {
		if (fd == -ENOENT || fd == -ESRCH) {
			if (explicit) {
				s->st->missing++;
				if (!s->o->quiet_missing)
					log_warn("no process %d", (int)pid);
			} else {
				s->st->vanished++;
			}
		} else {
			s->st->unreadable++;
			log_debug("cannot open %s: %s", path, strerror(-fd));
		}
		return;
	}
	s->ns = ns_get(s, pid);
	r = read_maps(s, fd);
	if (r == -ESRCH || r == -ENOENT) {
		s->st->vanished++;
		return;
	}
	if (r < 0) {
		s->st->unreadable++;
		log_debug("cannot read %s: %s", path, strerror(-r));
		return;
	}
	s->st->processes++;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

static int list_pids(const struct sysroot *sr, pid_t **ret, size_t *retn)
{
	_cleanup_(closedirp_) DIR *d = sr_opendir(sr, "/proc");
	pid_t *pids = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		const char *p = de->d_name;
		long v = 0;

		if (!*p)
			continue;
		for (; *p >= '0' && *p <= '9' && v < INT32_MAX; p++)
			v = v * 10 + (*p - '0');
		if (*p || v <= 0 || v >= INT32_MAX)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			pids = xreallocarray(pids, cap, sizeof(*pids));
		}
		pids[n++] = (pid_t)v;
	}
	if (n > 1)
		qsort(pids, n, sizeof(*pids), cmp_pid);
	*ret = pids;
	*retn = n;
	return 0;
}

/* Live and unprivileged: does /proc hide other users' processes from the listing? */
static bool proc_hides_pids(const struct sysroot *sr)
{
	_cleanup_free_ char *buf = NULL;
	const char *pos, *end, *line;
	size_t len, linelen;

	if (!sr->live || geteuid() == 0)
		return false;
	if (sr_read_file(sr, "/proc/self/mountinfo", MOUNTINFO_MAX, &buf, &len) < 0)
		return false;
	pos = buf;
	end = buf + len;
	while (parse_next_line(&pos, end, &line, &linelen)) {
		struct mountinfo_line l;
		const char *opts;

		if (parse_mountinfo_line(line, linelen, &l, NULL) < 0 ||
		    !mountinfo_field_is(l.fstype, l.fstypelen, "proc") ||
		    !mountinfo_field_is(l.mountpoint, l.mountpointlen, "/proc"))
			continue;
		/* the super block options follow the source */
		opts = l.source ? l.source + l.sourcelen : l.fstype + l.fstypelen;
		if (memmem(opts, (size_t)(line + linelen - opts), "hidepid=2", 9) ||
		    memmem(opts, (size_t)(line + linelen - opts), "hidepid=invisible",
			   17))
			return true;
	}
	return false;
}

static void learn_anon_dev(struct scan *s)
{
	struct stat st;
	int fd;

	if (!s->sr->live)
		return; /* a captured tree declares it in mountinfo (fstype anon_inodefs)
			 */
	/* every anon inode file (eventfd, vfio-device) lives on the one anon_inodefs */
	fd = eventfd(0, EFD_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0) {
		s->anon_known = true;
		s->anon_dev = maps_devnum(major(st.st_dev), minor(st.st_dev));
	}
	close(fd);
}

/* The reader asked for (opts, else PCIREVOKE_MAPS), made concrete. */
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
	if (!sr->live || procmap_query_unavailable)
		return MAPS_READER_TEXT;
	return want;
}

int proc_scan(const struct sysroot *sr, const struct proc_scan_opts *opts,
	      proc_scan_cb cb, void *userdata, struct proc_scan_stats *stats)
{
	struct scan s = {
		.sr = sr,
		.o = opts,
		.cb = cb,
		.userdata = userdata,
		.st = stats,
	};
	_cleanup_free_ pid_t *all = NULL;
	size_t nall = 0;
	long ps = sysconf(_SC_PAGESIZE);
	int r;

	*stats = (struct proc_scan_stats){};
	s.reader = resolve_reader(sr, opts->reader);
	log_debug("reading maps %s", s.reader == MAPS_READER_QUERY
					     ? "with PROCMAP_QUERY (text on failure)"
					     : "as text");
	s.page_size = ps > 0 ? (unsigned long)ps : 4096;
	learn_anon_dev(&s);
	if (!opts->pids)
		stats->hidepid = proc_hides_pids(sr);
	if (!opts->pids) {
		r = list_pids(sr, &all, &nall);
		if (r < 0)
			return r;
	}
	s.buf = xmalloc(MAPS_CHUNK);

	if (opts->pids)
		for (size_t i = 0; i < opts->npids; i++)
			scan_pid(&s, opts->pids[i], true);
	else
		for (size_t i = 0; i < nall; i++)
			scan_pid(&s, all[i], false);

	free(s.buf);
	for (size_t i = 0; i < s.ncache; i++)
		ns_info_done(&s.cache[i]);
	free(s.cache);
	ns_info_done(&s.private_ns);
	return 0;
}

int proc_maps_candidates(const struct sysroot *sr, pid_t pid, enum maps_reader reader,
			 const uint64_t *devs, size_t ndevs, proc_maps_cb cb,
			 void *userdata)
{
	struct proc_scan_opts opts = {};
	struct proc_scan_stats stats = {};
	struct ns_info ns = {};
	struct scan s = {
		.sr = sr,
		.o = &opts,
		.st = &stats,
		.cand_cb = cb,
		.cand_userdata = userdata,
		.pid = pid,
		.pi = {.pid = pid},
		.ns = &ns,
	};
	_cleanup_close_ int fd = -1;
	char path[64];
	int r;

	s.reader = resolve_reader(sr, reader);
	for (size_t i = 0; i < ndevs; i++)
		ns_add_dev(&ns, devs[i]);
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	fd = sr_open(sr, path, O_RDONLY);
	if (fd < 0) {
		ns_info_done(&ns);
		return fd;
	}
	s.buf = xmalloc(MAPS_CHUNK);
	r = read_maps(&s, fd);
	free(s.buf);
	ns_info_done(&ns);
	if (r < 0)
		return r;
	return s.queried ? MAPS_READER_QUERY : MAPS_READER_TEXT;
}
