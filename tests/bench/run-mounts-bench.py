#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Mounts against maps lines: `pcirevoke audit --pid P` on one process holding K bind
mounts of /dev/zero and M private mappings of it (spawn-mounts), for several K at a fixed
M. The cost must grow with K + M, not K x M: the `x K=0` column is audit's time over its
time with no mounts. Optionally the same for a baseline build (--baseline BUILD).
See tests/bench/README.md. Never a timed test: run it by hand."""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def spawn(build, k, m, d):
    p = subprocess.Popen([os.path.join(build, "tests/bench/spawn-mounts"), str(k), str(m), d],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    if not line.startswith("ready"):
        p.kill()
        sys.exit(f"spawn-mounts {k} {m}: {line or 'failed'}")
    return p, int(line.split()[-1])


def measure(prog, pid, runs):
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.monotonic()
        subprocess.run([prog, "audit", "--pid", str(pid)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        walls.append(time.monotonic() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", required=True,
                    help="build directory (its src/pcirevoke and tests/bench/spawn-mounts)")
    ap.add_argument("--baseline", help="another build directory to compare (its src/pcirevoke)")
    ap.add_argument("--maps", type=int, default=20000, help="M, mappings (20000)")
    ap.add_argument("--mounts", default="0,5000,10000,20000",
                    help="K values, the first the reference (0,5000,10000,20000)")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    progs = [("audit", os.path.join(a.build, "src/pcirevoke"))]
    if a.baseline:
        progs.append(("baseline", os.path.join(a.baseline, "src/pcirevoke")))
    ks = [int(x) for x in a.mounts.split(",")]
    res = {}
    with tempfile.TemporaryDirectory(prefix="pcr-mounts-") as d:
        for k in ks:
            p, pid = spawn(a.build, k, a.maps, d)
            try:
                for name, prog in progs:
                    res[name, k] = measure(prog, pid, a.runs)
            finally:
                p.stdin.close()
                p.wait()
    print(f"M = {a.maps:,} mappings of /dev/zero; median of {a.runs} runs; "
          "CPU = user + system\n")
    print("| K mounts | " + " | ".join(f"{n} s | {n} CPU s | {n} x K={ks[0]}"
                                      for n, _ in progs) + " |")
    print("|" + "---|" * (1 + 3 * len(progs)))
    for k in ks:
        cells = []
        for n, _ in progs:
            w, c = res[n, k]
            cells.append(f"{w:.3f} | {c:.3f} | {w / res[n, ks[0]][0]:.1f}x")
        print(f"| {k:,} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
