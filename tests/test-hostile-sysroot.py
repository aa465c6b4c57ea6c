#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile captured trees: everything under --sysroot is untrusted.

Each case copies tests/fixtures/handmade into a temporary directory, plants one hostile
thing (a FIFO where a file should be, a symlink to a device, a sparse file of a terabyte,
symlinks out of the tree) and runs list, list -J, list -N, audit and check on it, each
under a time limit. Every run must finish (no hang), exit with the findings/incomplete
bits only (never the failure bit, a signal or a time-out), name the bad file on stderr
where the command reads it (and then set the incomplete bit), and show nothing from
outside the tree: a vendor or device ID planted outside the root (bad1, d00d), a BAR
address planted there and the names of an outside pci.ids must never appear.

    test-hostile-sysroot.py PROG FIXTURES_DIR

A case may carry an XFAIL reason: a known defect, reported and not counted as a
failure, and reported as XPASS once it passes (then its mark must go). None has one
now.
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile

TIMEOUT = 20
OUTSIDE_ID = "bad1:d00d"
OUTSIDE_ADDR = "dead0000"
DEV = "sys/devices/pci0000:00/0000:00:02.0"
LINKS = "sys/bus/pci/devices"

RUNS = {
    "list": ["list", "--all"],
    "list-json": ["list", "--all", "-J"],
    "list-numeric": ["list", "-N"],
    "audit": ["audit"],
    "check": ["check"],
}
INVENTORY = ("list", "list-json", "list-numeric", "audit")


def fifo(root, rel):
    path = os.path.join(root, rel)
    if os.path.lexists(path):
        os.unlink(path)
    os.mkfifo(path)


def symlink(root, rel, target):
    path = os.path.join(root, rel)
    if os.path.lexists(path):
        os.unlink(path)
    os.symlink(target, path)


def sparse(root, rel, size=1 << 40):
    path = os.path.join(root, rel)
    if os.path.lexists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(size)


def process(root, pid=4242):
    d = os.path.join(root, "proc", str(pid))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "comm"), "w") as f:
        f.write("hostile\n")
    return "proc/%d" % pid


def mapper(root, pid=4242):
    """A process with readable maps (a sysfs BAR mapping): its other files get planted."""
    rel = process(root, pid)
    shutil.copy(os.path.join(root, "proc", "4100", "maps"), os.path.join(root, rel, "maps"))
    return rel


# name: (setup(root, outside), {run: stderr needle}, xfail reason or None)
# A needle is a path relative to the root and the reason, as the message has them.
CASES = {
    "fifo-iomem": (
        lambda r, o: fifo(r, "proc/iomem"),
        {k: "proc/iomem: not a regular file" for k in INVENTORY},
        None,
    ),
    "fifo-ioports": (
        lambda r, o: fifo(r, "proc/ioports"),
        {k: "proc/ioports: not a regular file" for k in INVENTORY},
        None,
    ),
    "sparse-iomem": (
        lambda r, o: sparse(r, "proc/iomem"),
        {k: "proc/iomem: File too large" for k in INVENTORY},
        None,
    ),
    "device-iomem": (
        # a character device cannot be made unprivileged: an absolute link to one; it
        # resolves inside the tree, where there is no dev/zero
        lambda r, o: symlink(r, "proc/iomem", "/dev/zero"),
        {k: "proc/iomem: No such file or directory" for k in INVENTORY},
        None,
    ),
    "fifo-resource": (
        lambda r, o: fifo(r, DEV + "/resource"),
        {k: "0000:00:02.0/resource: not a regular file" for k in INVENTORY},
        None,
    ),
    "fifo-vendor": (
        lambda r, o: fifo(r, DEV + "/vendor"),
        {k: "0000:00:02.0/vendor: not a regular file" for k in INVENTORY},
        None,
    ),
    "fifo-config": (
        lambda r, o: fifo(r, DEV + "/config"),
        {k: "0000:00:02.0/config: not a regular file" for k in INVENTORY},
        None,
    ),
    "sparse-vendor": (
        lambda r, o: sparse(r, DEV + "/vendor"),
        {k: "0000:00:02.0/vendor: larger than 1 MiB" for k in INVENTORY},
        None,
    ),
    "device-vendor": (
        lambda r, o: symlink(r, DEV + "/vendor", "/dev/zero"),
        {k: "0000:00:02.0/vendor: a symbolic link" for k in INVENTORY},
        None,
    ),
    "escape-vendor": (
        lambda r, o: symlink(r, DEV + "/vendor", os.path.join(o, "dev", "vendor")),
        {k: "0000:00:02.0/vendor: a symbolic link" for k in INVENTORY},
        None,
    ),
    "escape-device-link": (
        lambda r, o: symlink(r, LINKS + "/0000:00:03.0", os.path.join(o, "dev")),
        {k: "devices/0000:00:03.0: No such file or directory" for k in INVENTORY},
        None,
    ),
    "escape-device-link-dotdot": (
        lambda r, o: symlink(
            r, LINKS + "/0000:00:03.0", "../" * 40 + o.lstrip("/") + "/dev"
        ),
        {k: "devices/0000:00:03.0: No such file or directory" for k in INVENTORY},
        None,
    ),
    "escape-devices-dir": (
        lambda r, o: (
            shutil.rmtree(os.path.join(r, LINKS)),
            os.makedirs(os.path.join(o, "devices"), exist_ok=True),
            os.symlink(os.path.join(o, "dev"), os.path.join(o, "devices", "0000:00:03.0")),
            os.symlink(os.path.join(o, "devices"), os.path.join(r, LINKS)),
        ),
        {k: "sys/bus/pci/devices: No such file or directory" for k in INVENTORY},
        None,
    ),
    "fifo-devices-dir": (
        lambda r, o: (shutil.rmtree(os.path.join(r, LINKS)), fifo(r, LINKS)),
        {k: "sys/bus/pci/devices: Not a directory" for k in INVENTORY},
        None,
    ),
    "garbage-device-name": (
        lambda r, o: open(os.path.join(r, LINKS, "not-a-device"), "w").close(),
        {k: "devices/not-a-device: not a PCI address" for k in INVENTORY},
        None,
    ),
    "fifo-pci-ids": (
        lambda r, o: fifo(r, "usr/share/misc/pci.ids"),
        # names are cosmetic: a warning, not an incomplete result
        {k: "pci.ids: not a regular file" for k in ("list", "list-json", "audit")},
        None,
    ),
    "escape-pci-ids": (
        lambda r, o: symlink(r, "usr/share/misc/pci.ids", os.path.join(o, "pci.ids")),
        {k: "pci.ids: a symbolic link to" for k in ("list", "list-json", "audit")},
        None,
    ),
    "fifo-cmdline": (
        lambda r, o: fifo(r, "proc/cmdline"),
        {},
        None,
    ),
    "fifo-config-gz": (
        lambda r, o: fifo(r, "proc/config.gz"),
        {},
        None,
    ),
    "sparse-config-gz": (
        lambda r, o: sparse(r, "proc/config.gz"),
        {},
        None,
    ),
}


def process_file_cases(name, where):
    """A process's file NAME as a FIFO, a sparse terabyte and a link to /dev/zero (resolved
    inside the root, where there is none: as if the file were gone); where(root) makes
    the process and gives its directory."""
    rel = lambda r: where(r) + "/" + name
    return {
        "fifo-" + name: (lambda r, o: fifo(r, rel(r)),
                         {"audit": "proc/4242/%s: not a regular file" % name}, None),
        "sparse-" + name: (lambda r, o: sparse(r, rel(r)),
                           {"audit": "proc/4242/%s: File too large" % name}, None),
        "device-" + name: (lambda r, o: symlink(r, rel(r), "/dev/zero"), {}, None),
    }


CASES.update(process_file_cases("maps", process))
# a process whose maps read well but whose mounts do not
CASES.update(process_file_cases("mountinfo", mapper))


def plant_outside(outside):
    """A device directory and files outside the root that must never be read."""
    dev = os.path.join(outside, "dev")
    os.makedirs(dev)
    vendor, device = OUTSIDE_ID.split(":")
    files = {
        "vendor": "0x%s\n" % vendor,
        "device": "0x%s\n" % device,
        "class": "0x020000\n",
        "irq": "11\n",
        "resource": "0x00000000%s 0x00000000%s 0x0000000000040200\n"
        % (OUTSIDE_ADDR, OUTSIDE_ADDR[:4] + "ffff")
        + "0x0000000000000000 0x0000000000000000 0x0000000000000000\n" * 12,
        "config": "",
    }
    for name, text in files.items():
        with open(os.path.join(dev, name), "w") as f:
            f.write(text)
    with open(os.path.join(dev, "config"), "wb") as f:
        f.write(bytes.fromhex(vendor)[::-1] + bytes.fromhex(device)[::-1] + bytes(60))
    with open(os.path.join(outside, "pci.ids"), "w") as f:
        f.write("%s  Outside Vendor\n\t%s  Outside Device\n" % (vendor, device))


def run_case(prog, fixtures, name, setup, needles, xfail):
    failures = []
    with tempfile.TemporaryDirectory(prefix="pcirevoke-hostile-") as tmp:
        root = os.path.join(tmp, "root")
        outside = os.path.join(tmp, "outside")
        shutil.copytree(os.path.join(fixtures, "handmade"), root, symlinks=True)
        # a process that maps a BAR of 0000:00:02.0 through sysfs, so that audit loads
        # the inventory
        shutil.copytree(os.path.join(fixtures, "audit-doors", "proc", "100"),
                        os.path.join(root, "proc", "4100"), symlinks=True)
        plant_outside(outside)
        setup(root, outside)
        env = dict(os.environ, NO_COLOR="1", COLUMNS="160", LC_ALL="C.UTF-8", TMPDIR=tmp)
        for run, args in RUNS.items():
            cmd = [prog, "--sysroot", root] + args
            try:
                p = subprocess.run(
                    ["timeout", "-s", "KILL", str(TIMEOUT)] + cmd,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    env=env,
                    timeout=TIMEOUT + 10,
                )
            except subprocess.TimeoutExpired:
                failures.append("%s: hung (killed after %ds)" % (run, TIMEOUT + 10))
                continue
            out = p.stdout.decode(errors="replace")
            err = p.stderr.decode(errors="replace")
            rc = p.returncode
            what = "%s (exit %d)" % (run, rc)
            if rc in (124, 137, -9) or rc < 0:
                failures.append("%s: did not finish within %ds" % (what, TIMEOUT))
                continue
            for bad in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
                if bad in err:
                    failures.append("%s: sanitizer report:\n%s" % (what, err))
            if rc & ~3:
                failures.append("%s: exit status beyond findings|incomplete; stderr:\n%s"
                                % (what, err))
            vendor, device = OUTSIDE_ID.split(":")
            for leak in (vendor + ":", ":" + device, OUTSIDE_ADDR, "Outside"):
                if leak in out or leak in err:
                    failures.append("%s: shows %r, planted outside the root" % (what, leak))
            needle = needles.get(run)
            if needle:
                if needle not in err:
                    failures.append("%s: stderr does not say %r:\n%s" % (what, needle, err))
                elif "pci.ids" not in needle and not rc & 2:
                    failures.append("%s: a bad file but no incomplete bit" % what)
        # the shadow directory given to libpci is gone
        left = [e for e in os.listdir(tmp) if e.startswith("pcirevoke-")]
        if left:
            failures.append("left behind in TMPDIR: %s" % ", ".join(left))
    return failures


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    prog, fixtures = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not shutil.which("timeout"):
        print("SKIP: no timeout(1)")
        return 77
    failed = 0
    only = os.environ.get("HOSTILE_CASES", "").split()
    for name, (setup, needles, xfail) in CASES.items():
        if only and name not in only:
            continue
        failures = run_case(prog, fixtures, name, setup, needles, xfail)
        if failures and xfail:
            print("XFAIL %s (known: %s)" % (name, xfail))
            for f in failures:
                print("      " + f.replace("\n", "\n      "))
        elif failures:
            failed += 1
            print("FAIL  %s" % name)
            for f in failures:
                print("      " + f.replace("\n", "\n      "))
        elif xfail:
            print("XPASS %s: passes now; drop its XFAIL mark" % name)
        else:
            print("ok    %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
