#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Cross-check pcirevoke's BARs against pciutils on a captured tree.

For every device, each BAR and ROM that `lspci -vv -A linux-sysfs -O sysfs.path=...`
prints must appear in `pcirevoke --sysroot TREE list --all -J` with the same address
and size, and pcirevoke must not report a BAR that lspci does not know.
Exit 77 (skip) when lspci is missing, unless CI is set.
"""
import json, os, re, shutil, subprocess, sys

prog, tree = sys.argv[1], sys.argv[2]
lspci = shutil.which("lspci") or next((p for p in ("/usr/bin/lspci", "/sbin/lspci") if os.path.exists(p)), None)
if not lspci:
    print("lspci (pciutils) is not installed")
    sys.exit(1 if os.environ.get("CI") else 77)

SIZES = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
def size(s):
    m = re.fullmatch(r"(\d+)([KMGT]?)", s)
    return int(m.group(1)) * SIZES[m.group(2)]

out = subprocess.run([lspci, "-D", "-vv", "-A", "linux-sysfs", "-O",
                      "sysfs.path=" + os.path.join(tree, "sys/bus/pci")],
                     capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
expected = {}  # (slot, index) -> (start, size)
slot = None
for line in out.stdout.splitlines():
    m = re.match(r"^([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ", line)
    if m:
        slot = m.group(1)
        continue
    m = re.match(r"^\s+Region (\d+): (Memory|I/O ports) at ([0-9a-f]+)(?:.*\[size=(\w+)\])?", line)
    if m:
        # lspci prints no size for the legacy IDE control ports (the kernel gives them
        # size 1 at 0x3f6/0x376) and masks I/O addresses to 4 bytes: compare the address
        expected[(slot, int(m.group(1)))] = (int(m.group(3), 16),
                                             size(m.group(4)) if m.group(4) else None)
        continue
    m = re.match(r"^\s+Expansion ROM at ([0-9a-f]+).*\[size=(\w+)\]", line)
    if m:
        expected[(slot, 6)] = (int(m.group(1), 16), size(m.group(2)))

doc = json.loads(subprocess.run([prog, "--sysroot", tree, "list", "--all", "-J", "-q"],
                                capture_output=True, text=True).stdout)
actual = {}
for dev in doc["devices"]:
    for bar in dev["bars"]:
        if bar["kind"] in ("bar", "rom") and bar["start"] is not None and int(bar["start"], 16):
            actual[(dev["device"], bar["bar"])] = (int(bar["start"], 16), bar["size"])

bad = 0
for key in sorted(set(expected) | set(actual)):
    e, a = expected.get(key), actual.get(key)
    if e and a and e[1] is None and (a[0] & ~3) == e[0]:
        continue
    if e != a:
        bad += 1
        print("MISMATCH %s BAR %d: lspci %s, pcirevoke %s" % (key[0], key[1],
              e and "0x%x+%s" % e, a and "0x%x+%s" % a))
print("%d BARs compared, %d mismatches" % (len(expected), bad))
if not expected:
    print("lspci reported no BARs: nothing was compared")
    sys.exit(1)
sys.exit(1 if bad else 0)
