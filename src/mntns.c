// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "hashidx.h"
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
	uint64_t hash; /* of dev and mountpoint (mp_hash()) */
};

/*
 * Which file system a device is: a small open-addressing table from device to kind.
 * KIND_NOT_OURS marks a device learnt (on the live system, from map_files) to be none of
 * ours, so that it is asked about once per scan.
 */
#define KIND_NOT_OURS (-1)
struct devtab {
	struct devent {
		uint64_t dev;
		int kind; /* enum mnt_kind, or KIND_NOT_OURS */
		bool used;
	} * v;
	size_t cap, n;
};

struct mntns {
	uint64_t key; /* mount namespace inode, or 0: not cached */
	struct ns_mount *mounts;
	size_t nmounts;
	struct devtab devs; /* this namespace's devices of our kinds, anon_inodefs too */
	/* the mounts indexed by (device, mount point): the first mount in mountinfo
	 * order of each pair, so that finding the longest mount point above a path costs
	 * one lookup per component of the path, however many mounts there are */
	struct hidx mps;
};

struct mntns_cache {
	const struct sysroot *sr;
	/* a thread's cache: the shared cache it reads first (never written through it) */
	const struct mntns_cache *shared;
	struct mntns **v; /* each allocated on its own: a namespace never moves */
	size_t n;
	struct devtab bykey;	 /* namespace inode -> index in v */
	struct mntns private_ns; /* for a process without a readable ns link or mounts */
	/* every device of our kinds in any namespace seen by this scan, in the tool's own
	 * and in PID 1's, and on the live system those learnt from map_files */
	struct devtab known;
	bool anon_known;
	uint64_t anon_dev;
	unsigned loaded, unreadable;
	pid_t unreadable_pid; /* the lowest PID of those, and why */
	int unreadable_err;
};

static struct devent *devtab_slot(const struct devtab *t, uint64_t dev)
{
	size_t i;

	if (!t->cap)
		return NULL;
	for (i = hash_mix64(dev) & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (!t->v[i].used || t->v[i].dev == dev)
			return &t->v[i];
}

/* The kind of dev, or -ENOENT when the table does not know it. */
static int devtab_get(const struct devtab *t, uint64_t dev)
{
	const struct devent *e = devtab_slot(t, dev);

	return e && e->used ? e->kind : -ENOENT;
}

/* Add dev with its kind; a device already known keeps its first kind. */
static void devtab_add(struct devtab *t, uint64_t dev, int kind)
{
	struct devent *e;

	if (2 * (t->n + 1) > t->cap) {
		struct devtab n = { .cap = t->cap ? 2 * t->cap : 16 };

		n.v = xcalloc(n.cap, sizeof(*n.v));
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].used)
				*devtab_slot(&n, t->v[i].dev) = t->v[i];
		n.n = t->n;
		free(t->v);
		*t = n;
	}
	e = devtab_slot(t, dev);
	if (e->used)
		return;
	*e = (struct devent){ .dev = dev, .kind = kind, .used = true };
	t->n++;
}

/* FNV-1a over the device, then the bytes of a mount point, one at a time. */
static uint64_t mp_hash_dev(uint64_t dev)
{
	return hash_mix64(dev ^ HASH_FNV_INIT);
}

static uint64_t mp_hash(uint64_t dev, const char *s, size_t len)
{
	uint64_t h = mp_hash_dev(dev);

	for (size_t i = 0; i < len; i++)
		h = hash_fnv_byte(h, s[i]);
	return h;
}

/* The first mount of dev at mount point s[0, len) with hash h, or NULL. */
static const struct ns_mount *mptab_find(const struct mntns *ns, uint64_t dev, uint64_t h,
					 const char *s, size_t len)
{
	hidx_foreach(&ns->mps, h, i)
	{
		const struct ns_mount *m = &ns->mounts[ns->mps.v[i] - 1];

		if (m->hash == h && m->dev == dev && m->mplen == len &&
		    memcmp(m->mountpoint, s, len) == 0)
			return m;
	}
	return NULL;
}

static void mptab_build(struct mntns *ns)
{
	hidx_clear(&ns->mps, ns->nmounts);
	for (size_t k = 0; k < ns->nmounts; k++) {
		const struct ns_mount *m = &ns->mounts[k];

		if (!mptab_find(ns, m->dev, m->hash, m->mountpoint, m->mplen))
			hidx_put(&ns->mps, m->hash, k); /* the first one counts */
	}
}

static void mntns_done(struct mntns *ns)
{
	for (size_t i = 0; i < ns->nmounts; i++) {
		free(ns->mounts[i].root);
		free(ns->mounts[i].mountpoint);
	}
	free(ns->mounts);
	free(ns->devs.v);
	hidx_done(&ns->mps);
	*ns = (struct mntns){};
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
		devtab_add(&c->known, c->anon_dev, MNT_ANON);
	}
	close(fd);
}

static bool fstype_kind(const struct mountinfo_line *l, enum mnt_kind *ret)
{
	static const struct {
		const char *name;
		enum mnt_kind kind;
	} kinds[] = {
		{ "sysfs", MNT_SYSFS },
		{ "proc", MNT_PROC },
		{ "devtmpfs", MNT_DEVTMPFS },
		/* device nodes live on any tmpfs (a container's /dev, a private mknod):
		 * judged like devtmpfs, by the node's rdev, never by its name alone */
		{ "tmpfs", MNT_DEVTMPFS },
		{ "anon_inodefs", MNT_ANON },
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

/*
 * The mounts of our kinds in a mountinfo file, into ns (NULL: their devices only, into
 * the cache's table); lines that do not parse are skipped.
 */
static void ns_add_mounts(struct mntns_cache *c, struct mntns *ns, const char *buf,
			  size_t len, const char *path)
{
	const char *pos = buf, *end = buf + len, *line;
	size_t linelen, cap = ns ? ns->nmounts : 0;

	while (parse_next_line(&pos, end, &line, &linelen)) {
		struct mountinfo_line l;
		struct ns_mount *m;
		enum mnt_kind kind;
		uint64_t dev;

		if (parse_mountinfo_line(line, linelen, &l, NULL) < 0) {
			log_debug("%s: skipping a line that does not parse", path);
			continue;
		}
		if (!fstype_kind(&l, &kind))
			continue;
		dev = maps_devnum(l.dev_major, l.dev_minor);
		devtab_add(&c->known, dev, (int)kind);
		if (!ns)
			continue;
		devtab_add(&ns->devs, dev, (int)kind);
		if (ns->nmounts == cap) {
			cap = cap ? 2 * cap : 16;
			ns->mounts = xreallocarray(ns->mounts, cap, sizeof(*ns->mounts));
		}
		m = &ns->mounts[ns->nmounts++];
		m->dev = dev;
		m->kind = kind;
		m->root = unescape_dup(l.root, l.rootlen);
		m->mountpoint = unescape_dup(l.mountpoint, l.mountpointlen);
		m->mplen = strlen(m->mountpoint);
		m->hash = mp_hash(dev, m->mountpoint, m->mplen);
	}
}

/* The devices of our kinds that the tool itself and PID 1 see: candidates everywhere. */
static void learn_host_devs(struct mntns_cache *c)
{
	static const char *const files[] = { "/proc/self/mountinfo",
					     "/proc/1/mountinfo" };

	for (size_t i = 0; i < ELEMENTSOF(files); i++) {
		_cleanup_free_ char *buf = NULL;
		size_t len;

		if (i == 0 && !c->sr->live)
			continue; /* a captured tree's "self" is not us */
		if (sr_read_file(c->sr, files[i], MOUNTINFO_MAX, &buf, &len) == 0)
			ns_add_mounts(c, NULL, buf, len, files[i]);
	}
}

struct mntns_cache *mntns_cache_new(const struct sysroot *sr)
{
	struct mntns_cache *c = xcalloc(1, sizeof(*c));

	c->sr = sr;
	learn_anon_dev(c);
	learn_host_devs(c);
	return c;
}

struct mntns_cache *mntns_cache_new_local(const struct mntns_cache *shared)
{
	struct mntns_cache *c = xcalloc(1, sizeof(*c));

	c->sr = shared->sr;
	c->shared = shared;
	c->anon_known = shared->anon_known;
	c->anon_dev = shared->anon_dev;
	return c;
}

void mntns_cache_free(struct mntns_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		mntns_done(c->v[i]);
		free(c->v[i]);
	}
	free(c->v);
	free(c->bykey.v);
	mntns_done(&c->private_ns);
	free(c->known.v);
	free(c);
}

unsigned mntns_cache_loaded(const struct mntns_cache *c)
{
	return c->loaded;
}

unsigned mntns_cache_unreadable(const struct mntns_cache *c, pid_t *ret_pid, int *ret_err)
{
	if (ret_pid)
		*ret_pid = c->unreadable_pid;
	if (ret_err)
		*ret_err = c->unreadable_err;
	return c->unreadable;
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
	ns_add_mounts(c, ns, buf, len, path);
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

/* The namespace with inode key in c (or the cache it reads first), or NULL. */
static const struct mntns *ns_find(const struct mntns_cache *c, uint64_t key)
{
	for (; c; c = c->shared) {
		int i = devtab_get(&c->bykey, key);

		if (i >= 0)
			return c->v[i];
	}
	return NULL;
}

/*
 * Load process pid's namespace (key, or 0: unknown) into c: cached, or (key 0, or its
 * mounts unreadable: *ret_err) the private one.
 */
static const struct mntns *ns_add(struct mntns_cache *c, pid_t pid, uint64_t key,
				  int *ret_err)
{
	struct mntns ns = {};
	int r;

	r = ns_load(c, pid, &ns);
	*ret_err = r < 0 ? r : 0;
	if (c->anon_known)
		devtab_add(&ns.devs, c->anon_dev, MNT_ANON);
	mptab_build(&ns);
	if (!key || r < 0) {
		mntns_done(&c->private_ns);
		c->private_ns = ns;
		return &c->private_ns;
	}
	ns.key = key;
	if ((c->n & (c->n - 1)) == 0) /* 0, 1, 2, 4...: grow to the next power of two */
		c->v = xreallocarray(c->v, c->n ? 2 * c->n : 1, sizeof(*c->v));
	c->v[c->n] = xmalloc(sizeof(ns));
	*c->v[c->n] = ns;
	devtab_add(&c->bykey, key, (int)c->n);
	return c->v[c->n++];
}

const struct mntns *mntns_get(struct mntns_cache *c, pid_t pid)
{
	uint64_t key = ns_key(c, pid);
	const struct mntns *ns = key ? ns_find(c, key) : NULL;
	int r;

	if (ns)
		return ns;
	ns = ns_add(c, pid, key, &r);
	if (r < 0 && r != -ENOENT && r != -ESRCH) {
		log_debug("cannot read the mounts of process %d: %s", (int)pid,
			  strerror(-r));
		if (!c->unreadable++ || pid < c->unreadable_pid) {
			c->unreadable_pid = pid;
			c->unreadable_err = r;
		}
	}
	return ns;
}

void mntns_cache_preload(struct mntns_cache *c, const pid_t *pids, size_t n,
			 const struct mntns **out)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t key = ns_key(c, pids[i]);
		const struct mntns *ns = key ? ns_find(c, key) : NULL;

		int r;

		if (key && !ns) {
			ns = ns_add(c, pids[i], key, &r);
			if (ns == &c->private_ns)
				ns = NULL; /* unreadable now: asked again when scanned */
		}
		out[i] = ns;
	}
}

/*
 * What the shared cache, then c, knows of dev (the first kind learnt wins, as in one
 * cache): a kind, KIND_NOT_OURS, or -ENOENT.
 */
static int known_kind(const struct mntns_cache *c, uint64_t dev)
{
	int k = c->shared ? devtab_get(&c->shared->known, dev) : -ENOENT;

	return k == -ENOENT ? devtab_get(&c->known, dev) : k;
}

int mntns_dev_kind(const struct mntns_cache *c, uint64_t dev)
{
	int k = known_kind(c, dev);

	if (k >= 0)
		return k;
	if (k == KIND_NOT_OURS || !c->sr->live || dev == 0 || dev >> 32 != 0)
		return -ENOENT;
	return -EAGAIN; /* an anonymous device nobody has told us about */
}

bool mntns_is_candidate(const struct mntns_cache *c, uint64_t dev)
{
	return mntns_dev_kind(c, dev) != -ENOENT;
}

void mntns_learn_dev(struct mntns_cache *c, uint64_t dev, int kind)
{
	devtab_add(&c->known, dev, kind >= 0 ? kind : KIND_NOT_OURS);
}

/*
 * The mount of dev with the longest mount point at or above path (the first in
 * mountinfo order among equals), or NULL: one lookup per component of the path.
 */
static const struct ns_mount *longest_mount(const struct mntns *ns, uint64_t dev,
					    const char *path)
{
	const struct ns_mount *best = NULL;
	size_t len = strlen(path);
	uint64_t h = mp_hash_dev(dev);

	if (!ns->nmounts)
		return NULL;
	/* "/" holds every path; then the prefixes at component boundaries, shortest
	 * first: "/a", "/a/b", ... */
	best = mptab_find(ns, dev, hash_fnv_byte(h, '/'), "/", 1);
	for (size_t i = 0; i <= len; i++) {
		if (i && (i == len || path[i] == '/')) {
			const struct ns_mount *m = mptab_find(ns, dev, h, path, i);

			if (m)
				best = m;
		}
		if (i < len)
			h = hash_fnv_byte(h, path[i]);
	}
	return best;
}

int mntns_fs_path(const struct mntns_cache *c, const struct mntns *ns, uint64_t dev,
		  const char *path, char *out, size_t outsize, bool *resolved)
{
	const struct ns_mount *best;
	const char *rest, *root;
	int kind = devtab_get(&ns->devs, dev);

	*resolved = false;
	if (c->anon_known && dev == c->anon_dev && !startswith(path, "/"))
		kind = MNT_ANON;
	if (kind < 0)
		kind = known_kind(c, dev); /* another namespace's */
	if (kind < 0)
		return -ENOENT;
	best = longest_mount(ns, dev, path);
	if (!best) {
		snprintf(out, outsize, "%s", path);
		return kind;
	}
	*resolved = true;
	rest = (best->mplen == 1) ? path : path + best->mplen;
	root = streq(best->root, "/") ? "" : best->root;
	snprintf(out, outsize, "%s%s", root, rest);
	if (!out[0])
		snprintf(out, outsize, "/");
	return (int)best->kind;
}

bool mntns_is_mountpoint(const struct mntns *ns, uint64_t dev, const char *path)
{
	size_t len = strlen(path);

	return mptab_find(ns, dev, mp_hash(dev, path, len), path, len) != NULL;
}
