// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "log.h"
#include "mntns.h"
#include "parse-maps.h"
#include "parse-mountinfo.h"
#include "parse-proc.h"
#include "xalloc.h"

#define MOUNTINFO_MAX (64u << 20)

struct ns_mount {
	uint64_t dev;
	enum mnt_kind kind;
	char *root;	  /* inside the file system, unescaped */
	char *mountpoint; /* as the process sees it, unescaped */
	size_t mplen;
};

struct mntns {
	uint64_t key; /* mount namespace inode, or 0: not cached */
	struct ns_mount *mounts;
	size_t nmounts;
	uint64_t *devs; /* distinct candidate devices, including anon_inodefs */
	size_t ndevs;
	bool anon_known;
	uint64_t anon_dev;
};

struct mntns_cache {
	const struct sysroot *sr;
	struct mntns *v;
	size_t n;
	struct mntns private_ns; /* for a process without a readable ns link or mounts */
	bool anon_known;
	uint64_t anon_dev;
	unsigned loaded, unreadable;
};

static void mntns_done(struct mntns *ns)
{
	for (size_t i = 0; i < ns->nmounts; i++) {
		free(ns->mounts[i].root);
		free(ns->mounts[i].mountpoint);
	}
	free(ns->mounts);
	free(ns->devs);
	*ns = (struct mntns){};
}

static void ns_add_dev(struct mntns *ns, uint64_t dev)
{
	for (size_t i = 0; i < ns->ndevs; i++)
		if (ns->devs[i] == dev)
			return;
	ns->devs = xreallocarray(ns->devs, ns->ndevs + 1, sizeof(*ns->devs));
	ns->devs[ns->ndevs++] = dev;
}

/* Every anon inode file (eventfd, vfio-device) lives on the one anon_inodefs. */
static void learn_anon_dev(struct mntns_cache *c)
{
	struct stat st;
	int fd;

	if (!c->sr->live)
		return; /* a captured tree declares it in mountinfo (fstype anon_inodefs)
			 */
	fd = eventfd(0, EFD_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0) {
		c->anon_known = true;
		c->anon_dev = maps_devnum(major(st.st_dev), minor(st.st_dev));
	}
	close(fd);
}

struct mntns_cache *mntns_cache_new(const struct sysroot *sr)
{
	struct mntns_cache *c = xcalloc(1, sizeof(*c));

	c->sr = sr;
	learn_anon_dev(c);
	return c;
}

void mntns_cache_free(struct mntns_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		mntns_done(&c->v[i]);
	free(c->v);
	mntns_done(&c->private_ns);
	free(c);
}

unsigned mntns_cache_loaded(const struct mntns_cache *c)
{
	return c->loaded;
}

unsigned mntns_cache_unreadable(const struct mntns_cache *c)
{
	return c->unreadable;
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

/* The mounts of our kinds in a mountinfo file; lines that do not parse are skipped. */
static void ns_add_mounts(struct mntns *ns, const char *buf, size_t len, const char *path)
{
	const char *pos = buf, *end = buf + len, *line;
	size_t linelen;

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
}

static int ns_load(struct mntns_cache *c, pid_t pid, struct mntns *ns)
{
	char path[64];
	_cleanup_free_ char *buf = NULL;
	size_t len;
	int r;

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", (int)pid);
	r = sr_read_file(c->sr, path, MOUNTINFO_MAX, &buf, &len);
	if (r < 0 && c->sr->live && r != -ENOENT && r != -ESRCH) {
		/* our own view is the best remaining guess on the live system */
		log_debug("cannot read %s (%s), using /proc/self/mountinfo", path,
			  strerror(-r));
		r = sr_read_file(c->sr, "/proc/self/mountinfo", MOUNTINFO_MAX, &buf,
				 &len);
	}
	if (r < 0)
		return r;
	ns_add_mounts(ns, buf, len, path);
	if (c->anon_known)
		ns_add_dev(ns, c->anon_dev);
	c->loaded++;
	return 0;
}

/* The mount namespace's identity: the inode in the "mnt:[N]" link, 0 when unknown. */
static uint64_t ns_key(const struct mntns_cache *c, pid_t pid)
{
	char path[64];
	_cleanup_free_ char *link = NULL;
	uint64_t v;

	snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)pid);
	if (sr_readlink(c->sr, path, &link) < 0)
		return 0;
	if (parse_ns_link(link, strlen(link), &v) < 0)
		return 0;
	return v;
}

const struct mntns *mntns_get(struct mntns_cache *c, pid_t pid)
{
	uint64_t key = ns_key(c, pid);
	struct mntns ns = {.anon_known = c->anon_known, .anon_dev = c->anon_dev};
	int r;

	if (key)
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].key == key)
				return &c->v[i];

	r = ns_load(c, pid, &ns);
	if (r < 0) {
		if (r != -ENOENT && r != -ESRCH) {
			log_debug("cannot read the mounts of process %d: %s", (int)pid,
				  strerror(-r));
			c->unreadable++;
		}
		/* no mounts known: only anon_inodefs can still be recognised */
		if (c->anon_known)
			ns_add_dev(&ns, c->anon_dev);
	}
	if (!key || r < 0) {
		mntns_done(&c->private_ns);
		c->private_ns = ns;
		return &c->private_ns;
	}
	ns.key = key;
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n] = ns;
	return &c->v[c->n++];
}

bool mntns_is_candidate(const struct mntns *ns, uint64_t dev)
{
	for (size_t i = 0; i < ns->ndevs; i++)
		if (ns->devs[i] == dev)
			return true;
	return false;
}

/* Whether path lies at or below the mount point of m. */
static bool below_mountpoint(const struct ns_mount *m, const char *path)
{
	if (m->mplen == 1 && m->mountpoint[0] == '/')
		return true;
	return strncmp(path, m->mountpoint, m->mplen) == 0 &&
	       (path[m->mplen] == '/' || path[m->mplen] == '\0');
}

int mntns_fs_path(const struct mntns *ns, uint64_t dev, const char *path, char *out,
		  size_t outsize)
{
	const struct ns_mount *best = NULL;
	const char *rest, *root;
	int kind = -1;

	if (ns->anon_known && dev == ns->anon_dev && !startswith(path, "/"))
		kind = MNT_ANON;
	for (size_t i = 0; i < ns->nmounts; i++) {
		const struct ns_mount *m = &ns->mounts[i];

		if (m->dev != dev)
			continue;
		if (kind < 0)
			kind = (int)m->kind;
		if (below_mountpoint(m, path) && (!best || m->mplen > best->mplen))
			best = m;
	}
	if (kind < 0)
		return -ENOENT;
	if (!best) {
		snprintf(out, outsize, "%s", path);
		return kind;
	}
	rest = (best->mplen == 1) ? path : path + best->mplen;
	root = streq(best->root, "/") ? "" : best->root;
	snprintf(out, outsize, "%s%s", root, rest);
	if (!out[0])
		snprintf(out, outsize, "/");
	return (int)best->kind;
}
