// SPDX-License-Identifier: GPL-2.0-or-later
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "collect-pcishadow.h"
#include "log.h"
#include "xalloc.h"

#define SYSFS_PCI "/sys/bus/pci/devices"
#define PCI_IDS	  "/usr/share/misc/pci.ids"
/* A sysfs attribute is at most a page, config space 4 KiB: anything far larger is not. */
#define ATTR_MAX    (1 << 20)
#define PCI_IDS_MAX (64 << 20)
/* More functions than any machine has (a tree of links must stay small). */
#define MAX_DEVICES 65536

/*
 * Every file libpci's sysfs method may open in a device directory for what inventory.c
 * asks (PCI_FILL_IDENT | PCI_FILL_CLASS, the -s and -d filters): vendor, device and
 * class; config when a value is missing; revision for a -d filter with a prog-if; irq and
 * resource, which older versions read while scanning.
 */
static const char *const LIBPCI_FILES[] = {
	"vendor", "device", "class", "config", "revision", "irq", "resource",
};

/* The name as the kernel writes it, and as libpci rebuilds it ("%04x:%02x:%02x.%d"). */
static bool canonical_name(const char *name)
{
	unsigned dom, bus, dev, func;
	char again[64];
	int n;

	if (sscanf(name, "%x:%x:%x.%u%n", &dom, &bus, &dev, &func, &n) != 4 || name[n])
		return false;
	if (dom > 0x7fffffff || bus > 0xff || dev > 0x1f || func > 7)
		return false;
	snprintf(again, sizeof(again), "%04x:%02x:%02x.%u", dom, bus, dev, func);
	return streq(again, name);
}

/* NULL when libpci may open the file, else why not. */
static const char *check_file(int dfd, const char *name)
{
	struct stat st;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? NULL : strerror(errno);
	if (S_ISLNK(st.st_mode))
		return "a symbolic link";
	if (!S_ISREG(st.st_mode))
		return sr_strerror(SR_ENOTREG);
	if (st.st_size > ATTR_MAX)
		return "larger than 1 MiB";
	return NULL;
}

/* Check one entry of sys/bus/pci/devices and link it into devfd; false when left out. */
static bool shadow_device(const struct sysroot *sr, struct pcr_problems *pb, int devfd,
			  const char *name)
{
	_cleanup_free_ char *path = xasprintf(SYSFS_PCI "/%s", name);
	_cleanup_free_ char *real = NULL;
	_cleanup_close_ int dfd = -1;

	if (!canonical_name(name)) {
		_cleanup_free_ char *full = sr_path(sr, path);
		problem_add(pb, PROBLEM_WARN, true, "%s: not a PCI address, skipping it",
			    full);
		return false;
	}
	dfd = sr_resolve(sr, path, O_PATH | O_DIRECTORY, &real);
	if (dfd < 0) {
		_cleanup_free_ char *full = sr_path(sr, path);
		problem_add(pb, PROBLEM_WARN, true,
			    "cannot open %s: %s, skipping the device", full,
			    sr_strerror(dfd));
		return false;
	}
	for (size_t i = 0; i < ELEMENTSOF(LIBPCI_FILES); i++) {
		const char *why = check_file(dfd, LIBPCI_FILES[i]);
		if (why) {
			_cleanup_free_ char *file =
				xasprintf("%s/%s", path, LIBPCI_FILES[i]);
			_cleanup_free_ char *full = sr_path(sr, file);
			problem_add(pb, PROBLEM_WARN, true, "%s: %s, skipping the device",
				    full, why);
			return false;
		}
	}
	if (symlinkat(real, devfd, name) < 0) {
		problem_add(pb, PROBLEM_WARN, true,
			    "cannot link %s for libpci: %s, skipping it", real,
			    strerror(errno));
		return false;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of sys/bus/pci/devices, sorted (problems in a stable order). */
static char **device_names(const struct sysroot *sr, struct pcr_problems *pb,
			   size_t *ret_n)
{
	DIR *d = sr_opendir(sr, SYSFS_PCI);
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;

	*ret_n = 0;
	if (!d) {
		int r = errno;
		_cleanup_free_ char *full = sr_path(sr, SYSFS_PCI);
		problem_add(pb, PROBLEM_WARN, true, "cannot open %s: %s; no PCI devices",
			    full, sr_strerror(r));
		return NULL;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') /* as libpci: ".", ".." or not a device */
			continue;
		if (n == MAX_DEVICES) {
			_cleanup_free_ char *full = sr_path(sr, SYSFS_PCI);
			problem_add(pb, PROBLEM_WARN, true,
				    "%s: more than %d entries, the rest skipped", full,
				    MAX_DEVICES);
			break;
		}
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	*ret_n = n;
	return names;
}

/* The tree's pci.ids when it is one (NULL: libpci's default, or none), else a name that
 * does not exist, so that libpci shows numbers. */
static char *shadow_ids(const struct sysroot *sr, struct pcr_problems *pb,
			const char *dir)
{
	_cleanup_free_ char *real = NULL, *full = NULL, *link = NULL;
	_cleanup_close_ int fd = -1;
	const char *why = NULL;
	struct stat st;

	fd = sr_resolve(sr, PCI_IDS, O_RDONLY | O_NONBLOCK | O_NOCTTY, &real);
	if (fd == -ENOENT && sr_readlink(sr, PCI_IDS, &link) >= 0)
		why = "a symbolic link to a file not in the tree";
	else if (fd == -ENOENT)
		return NULL; /* a tree without one: libpci's own */
	else if (fd < 0)
		why = sr_strerror(fd);
	else if (fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = S_ISDIR(st.st_mode) ? strerror(EISDIR) : sr_strerror(SR_ENOTREG);
	else if (st.st_size > PCI_IDS_MAX)
		why = "larger than 64 MiB";
	if (!why)
		return TAKE_PTR(real);
	full = sr_path(sr, PCI_IDS);
	problem_add(pb, PROBLEM_WARN, false, "%s: %s; devices are shown by number", full,
		    why);
	return xasprintf("%s/no-pci.ids", dir);
}

int pci_shadow_build(const struct sysroot *sr, struct pcr_problems *pb,
		     struct pci_shadow *ret)
{
	const char *tmp = getenv("TMPDIR");
	_cleanup_close_ int devfd = -1;
	char **names;
	size_t n;
	int r = 0;

	*ret = (struct pci_shadow){ 0 };
	if (sr->live) {
		ret->sysfs = xstrdup("/sys/bus/pci");
		return 0;
	}
	ret->dir = xasprintf("%s/pcirevoke-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(ret->dir)) {
		r = -errno;
		problem_add(pb, PROBLEM_ERROR, true,
			    "cannot make a directory %s for libpci: %s; no PCI devices",
			    ret->dir, strerror(errno));
		free(ret->dir);
		ret->dir = NULL;
		return r;
	}
	ret->ids = shadow_ids(sr, pb, ret->dir);
	{
		_cleanup_free_ char *devs = xasprintf("%s/devices", ret->dir);
		if (mkdir(devs, 0700) < 0 ||
		    (devfd = open(devs, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
			r = -errno;
			problem_add(pb, PROBLEM_ERROR, true,
				    "cannot make %s: %s; no PCI devices", devs,
				    strerror(errno));
			return r;
		}
	}
	names = device_names(sr, pb, &n);
	for (size_t i = 0; i < n; i++) {
		if (shadow_device(sr, pb, devfd, names[i]))
			log_debug("libpci reads %s through %s", names[i], ret->dir);
		free(names[i]);
	}
	free(names);
	ret->sysfs = xstrdup(ret->dir);
	return 0;
}

void pci_shadow_done(struct pci_shadow *s)
{
	if (s->dir) {
		_cleanup_free_ char *devs = xasprintf("%s/devices", s->dir);
		DIR *d = opendir(devs);
		struct dirent *e;

		if (d) {
			while ((e = readdir(d)))
				if (e->d_name[0] != '.')
					unlinkat(dirfd(d), e->d_name, 0);
			closedir(d);
		}
		rmdir(devs);
		rmdir(s->dir);
	}
	free(s->dir);
	free(s->sysfs);
	free(s->ids);
	*s = (struct pci_shadow){ 0 };
}
