#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Benchmark `pcirevoke audit` against the floor (cat of every maps file) and its peers.

Run on demand, never as a timed test:

    tests/bench/run-bench.py [--build build] [--runs 5] [--sizes 2000x320,200x3000]

For each size N x M it starts tests/bench/spawn-maps (N processes, M file mappings each,
a few BAR-like decoys), then runs, alternating, at least --runs times each:
  floor    cat /proc/[0-9]*/maps > /dev/null
  audit    pcirevoke audit
  lsfd     lsfd            (util-linux)
  lsof     lsof -n
and prints the median wall time, the ratio to the floor and to each peer, and the peak RSS
of each (/usr/bin/time, Debian package time). Then `audit --pid P` on one process with 100,000 mappings
against `cat /proc/P/maps`. Ratios, not absolute times, are what to compare.
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))

TIME = "/usr/bin/time"  # Debian package "time": peak RSS of the measured command itself

def run_once(cmd):
    if isinstance(cmd, str):
        cmd = ["sh", "-c", cmd]
    with tempfile.NamedTemporaryFile("r") as f:
        t0 = time.perf_counter()
        subprocess.run([TIME, "-o", f.name, "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        rss = int(f.read().split()[-1])  # KiB
    return t, rss

def bench(tools, runs):
    res = {name: ([], []) for name in tools}
    for _ in range(runs):
        for name, cmd in tools.items():  # alternating, side by side
            t, rss = run_once(cmd)
            res[name][0].append(t)
            res[name][1].append(rss)
    return {n: (statistics.median(ts), max(rs)) for n, (ts, rs) in res.items()}

def report(title, res, floor="floor"):
    print("\n== %s" % title)
    print("%-8s %10s %10s %12s" % ("tool", "median s", "x floor", "peak RSS"))
    for n, (t, rss) in res.items():
        print("%-8s %10.3f %10.2f %9.1f MiB" % (n, t, t / res[floor][0], rss / 1024))
    if "audit" in res:
        a = res["audit"][0]
        for peer in ("lsfd", "lsof"):
            if peer in res:
                print("audit is %.2fx faster than %s" % (res[peer][0] / a, peer))

def spawn(spawner, n, m, d):
    p = subprocess.Popen([spawner, str(n), str(m), d], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    if not line.startswith("ready"):
        sys.exit("spawn-maps failed: %r" % line)
    print(line.strip())
    return p

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="2000x320,200x3000")
    ap.add_argument("--single", type=int, default=100000,
                    help="mappings of the one process for the --pid case (0: skip)")
    a = ap.parse_args()
    prog = os.path.join(a.build, "src", "pcirevoke")
    spawner = os.path.join(a.build, "tests", "bench", "spawn-maps")
    if not os.access(TIME, os.X_OK):
        sys.exit("%s is missing: apt-get install time" % TIME)
    for f in (prog, spawner):
        if not os.access(f, os.X_OK):
            sys.exit("%s is missing: build first (cmake --build %s)" % (f, a.build))
    tools = {"floor": "cat /proc/[0-9]*/maps > /dev/null", "audit": [prog, "audit"]}
    if shutil.which("lsfd"):
        tools["lsfd"] = ["lsfd"]
    if shutil.which("lsof"):
        tools["lsof"] = ["lsof", "-n"]
    for size in a.sizes.split(","):
        n, m = (int(x) for x in size.split("x"))
        with tempfile.TemporaryDirectory() as d:
            p = spawn(spawner, n, m, d)
            try:
                report("N=%d processes x M=%d mappings" % (n, m), bench(tools, a.runs))
            finally:
                p.stdin.close()
                p.wait()
    if a.single:
        with tempfile.TemporaryDirectory() as d:
            p = spawn(spawner, 1, a.single, d)
            try:
                pid = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True,
                                     text=True).stdout.split()[0]
                report("one process with %d mappings" % a.single, bench({
                    "floor": "cat /proc/%s/maps > /dev/null" % pid,
                    "audit": [prog, "audit", "--pid", pid]}, a.runs))
            finally:
                p.stdin.close()
                p.wait()

if __name__ == "__main__":
    main()
