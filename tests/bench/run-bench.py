#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Benchmark `pcirevoke audit` against the floor (cat of every maps file) and its peers.

Run on demand, never as a timed test (see tests/bench/README.md):

    tests/bench/run-bench.py [--build build] [--runs 5] [--sizes 2000x320,200x3000]
                             [--single 100000] [--linear] [--paths] [--no-peers]
                             [--ns-every K] [--baseline OTHER_BUILD]

For each size N x M it starts tests/bench/spawn-maps (N processes, M file mappings each,
a few BAR-like decoys), then runs, alternating, --runs times each:
  floor        cat /proc/[0-9]*/maps > /dev/null    (the text floor, one thread)
  walk         tests/bench/walk-floor               (the PROCMAP_QUERY walk floor)
  audit-j1     pcirevoke audit -j1                  (one thread)
  audit        pcirevoke audit                      (default: one thread per CPU)
  audit-text   PCIREVOKE_MAPS=text pcirevoke audit  (--paths: the text parser, forced)
  audit-query  PCIREVOKE_MAPS=query pcirevoke audit (--paths: PROCMAP_QUERY, forced)
  audit-base   OTHER_BUILD's pcirevoke audit        (--baseline: before and after)
  lsfd         lsfd            (util-linux)
  lsof         lsof -n
and prints the median wall time and its ratio to the cat floor, the median CPU time (user
+ sys) and its ratio to the walk floor, and the peak RSS of each (/usr/bin/time, Debian
package time), then the ratios of audit to each peer and the speedup of audit over
audit -j1. Then `audit --pid P` on one process with --single mappings against
`cat /proc/P/maps` (vm.max_map_count is raised for it while it runs, and restored).
--linear adds floor and audit at 2N x M for the first size, and prints the cost per
million maps lines at each size. --ns-every K puts every K-th process in a mount
namespace of its own (a copy of the host's), so that audit reads that many more
mountinfo files. Ratios, not absolute times, are what to compare.
"""
import argparse, datetime, glob, os, platform, resource, shutil, statistics, subprocess
import sys, tempfile, time

TIME = "/usr/bin/time"  # Debian package "time": peak RSS of the measured command itself
MAX_MAP_COUNT = "/proc/sys/vm/max_map_count"


def run_once(cmd, env=None):
    if isinstance(cmd, str):
        cmd = ["sh", "-c", cmd]
    with tempfile.NamedTemporaryFile("r") as f:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([TIME, "-o", f.name, "-f", "%M"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, **env) if env else None)
        t = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # the last line: "Command exited with non-zero status" may come first
        rss = int(f.read().split()[-1])  # KiB
    # CPU time in microseconds' resolution (time's %U %S have 10 ms)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t, cpu, rss


def bench(tools, runs):
    """tools: name -> (cmd, env). Alternating, the order rotated every round."""
    names = list(tools)
    res = {n: ([], [], []) for n in names}
    for i in range(runs):
        for n in names[i % len(names):] + names[:i % len(names)]:
            t, cpu, rss = run_once(*tools[n])
            for lst, v in zip(res[n], (t, cpu, rss)):
                lst.append(v)
    return {n: {"wall": statistics.median(w), "cpu": statistics.median(c),
                "rss": max(r) / 1024.0} for n, (w, c, r) in res.items()}


def report(title, res, floor="floor", walk="walk"):
    print("\n== %s" % title)
    print("%-12s %10s %8s %10s %8s %8s %10s" % ("tool", "median s", "x floor", "CPU s",
                                                "x floor", "x walk", "peak RSS"))
    f = res[floor]
    w = res.get(walk)
    for n, r in res.items():
        print("%-12s %10.3f %8.2f %10.3f %8.2f %8.2f %6.1f MiB" % (
            n, r["wall"], r["wall"] / f["wall"], r["cpu"],
            r["cpu"] / f["cpu"] if f["cpu"] else float("nan"),
            r["cpu"] / w["cpu"] if w and w["cpu"] else float("nan"), r["rss"]))
    if "audit" in res and "audit-j1" in res:
        print("audit (default jobs) is %.2fx faster than audit -j1 (wall), %.2fx the CPU" % (
            res["audit-j1"]["wall"] / res["audit"]["wall"],
            res["audit"]["cpu"] / res["audit-j1"]["cpu"] if res["audit-j1"]["cpu"]
            else float("nan")))
    for a in ("audit", "audit-j1", "audit-text", "audit-query"):
        for peer in ("lsfd", "lsof"):
            if a in res and peer in res:
                print("%s is %.2fx faster than %s (wall), %.2fx (CPU)" % (
                    a, res[peer]["wall"] / res[a]["wall"], peer,
                    res[peer]["cpu"] / res[a]["cpu"] if res[a]["cpu"] else float("nan")))


def count_lines(pattern):
    n = 0
    for p in glob.glob(pattern):
        try:
            with open(p, "rb") as f:
                n += f.read().count(b"\n")
        except OSError:
            pass
    return n


class Spawn:
    def __init__(self, spawner, n, m, d, ns_every=0):
        self.p = subprocess.Popen([spawner, str(n), str(m), d, str(ns_every)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.p.stdout.readline()
        if not line.startswith("ready"):
            self.close()
            raise RuntimeError("spawn-maps %dx%d: %s" % (n, m, line.strip() or "died"))
        print(line.strip())
        self.first_pid = line.split()[-1]

    def close(self):
        self.p.stdin.close()
        self.p.wait()


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    model = l.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    return "%s, kernel %s, %s, %d CPUs online, %d in the affinity mask, load %s" % (
        datetime.date.today().isoformat(), platform.release(), model,
        os.cpu_count() or 0, len(os.sched_getaffinity(0)), load)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="2000x320,200x3000")
    ap.add_argument("--single", type=int, default=100000,
                    help="mappings of the one process for the --pid case (0: skip)")
    ap.add_argument("--linear", action="store_true",
                    help="also measure floor and audit at twice the first size's N")
    ap.add_argument("--paths", action=argparse.BooleanOptionalAction, default=False,
                    help="also run audit with PCIREVOKE_MAPS=text and =query")
    ap.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True,
                    help="also run lsfd and lsof")
    ap.add_argument("--ns-every", type=int, default=0, metavar="K",
                    help="every K-th process in a mount namespace of its own (0: none)")
    ap.add_argument("--baseline", metavar="BUILD",
                    help="also run another build's audit (default jobs) as audit-base")
    a = ap.parse_args()
    prog = os.path.join(a.build, "src", "pcirevoke")
    spawner = os.path.join(a.build, "tests", "bench", "spawn-maps")
    walker = os.path.join(a.build, "tests", "bench", "walk-floor")
    if not os.access(TIME, os.X_OK):
        sys.exit("%s is missing: apt-get install time" % TIME)
    for f in (prog, spawner, walker):
        if not os.access(f, os.X_OK):
            sys.exit("%s is missing: build first (cmake --build %s --target pcirevoke "
                     "spawn-maps walk-floor)" % (f, a.build))
    print(machine())
    if a.ns_every:
        print("%s in a mount namespace of its own"
              % ("every process" if a.ns_every == 1 else "every %d-th process" % a.ns_every))

    audits = {"audit-j1": ([prog, "audit", "-j1"], None), "audit": ([prog, "audit"], None)}
    if a.baseline:
        base = os.path.join(a.baseline, "src", "pcirevoke")
        if not os.access(base, os.X_OK):
            sys.exit("%s is missing: build the baseline first" % base)
        audits["audit-base"] = ([base, "audit"], None)
    if a.paths:
        audits["audit-text"] = ([prog, "audit"], {"PCIREVOKE_MAPS": "text"})
        audits["audit-query"] = ([prog, "audit"], {"PCIREVOKE_MAPS": "query"})
    tools = {"floor": ("cat /proc/[0-9]*/maps > /dev/null", None), "walk": ([walker], None)}
    tools.update(audits)
    if a.peers and shutil.which("lsfd"):
        tools["lsfd"] = (["lsfd"], None)
    if a.peers and shutil.which("lsof"):
        tools["lsof"] = (["lsof", "-n"], None)

    sizes = [tuple(int(x) for x in s.split("x")) for s in a.sizes.split(",") if s]
    plan = [(n, m, tools) for n, m in sizes]
    if a.linear and sizes:
        n, m = sizes[0]
        plan.append((2 * n, m, dict(list(tools.items())[:2] + list(audits.items()))))
    results, linear = {}, []
    for n, m, tl in plan:
        with tempfile.TemporaryDirectory() as d:
            try:
                sp = Spawn(spawner, n, m, d, a.ns_every)
            except RuntimeError as e:
                print("skipped: %s" % e)
                continue
            try:
                lines = count_lines("/proc/[0-9]*/maps")
                res = bench(tl, a.runs)
                report("N=%d processes x M=%d mappings (%d maps lines in all)"
                       % (n, m, lines), res)
                results[(n, m)] = res
                linear.append((n, m, lines, res))
            finally:
                sp.close()

    single = None
    if a.single:
        need = a.single + 1000
        with open(MAX_MAP_COUNT) as f:
            old = int(f.read())
        raised = False
        try:
            if old < need:
                try:
                    with open(MAX_MAP_COUNT, "w") as f:
                        f.write(str(need))
                    raised = True
                except OSError as e:
                    print("\nskipped the one-process case: vm.max_map_count is %d, "
                          "%d needed (%s; run as root)" % (old, need, e.strerror))
                    need = None
            if need:
                with tempfile.TemporaryDirectory() as d:
                    sp = Spawn(spawner, 1, a.single, d)
                    try:
                        pid = sp.first_pid
                        stools = {"floor": ("cat /proc/%s/maps > /dev/null" % pid, None),
                                  "walk": ([walker, pid], None)}
                        for k, (cmd, env) in audits.items():
                            stools[k] = (cmd + ["--pid", pid], env)
                        single = bench(stools, a.runs)
                        report("one process with %d mappings (audit --pid %s)"
                               % (a.single, pid), single)
                    finally:
                        sp.close()
        finally:
            if raised:
                with open(MAX_MAP_COUNT, "w") as f:
                    f.write(str(old))

    if len(linear) > 1:
        print("\n== cost per million maps lines (linear: equal down a column; CPU time is"
              " the steadier measure on a shared machine)")
        cols = [n for n in ("floor", "walk", "audit-j1", "audit", "audit-text", "audit-query")
                if n in linear[0][3]]
        print("%-10s %9s" % ("N x M", "lines") + "".join(
            " %11s %11s" % (n[:8] + " s", n[:8] + " CPU") for n in cols))
        for n, m, lines, res in linear:
            mill = lines / 1e6
            print("%-10s %9d" % ("%dx%d" % (n, m), lines) + "".join(
                " %11.3f %11.3f" % (res[c]["wall"] / mill, res[c]["cpu"] / mill)
                for c in cols))

    # the project's performance targets (tests/bench/README.md)
    print("\n== targets")
    checks = []
    for (n, m), res in results.items():
        au, fl, wk = res["audit"], res["floor"], res["walk"]
        checks.append(("audit wall <= 0.6x cat floor at %dx%d" % (n, m),
                       "%.2fx" % (au["wall"] / fl["wall"]), au["wall"] <= 0.6 * fl["wall"]))
        checks.append(("audit CPU <= 1.2x walk floor at %dx%d" % (n, m),
                       "%.2fx" % (au["cpu"] / wk["cpu"]), au["cpu"] <= 1.2 * wk["cpu"]))
        if "lsfd" in res:
            r = res["lsfd"]["wall"] / au["wall"]
            checks.append(("audit >= 3x faster than lsfd at %dx%d" % (n, m),
                           "%.2fx" % r, r >= 3))
        if "lsof" in res:
            r = res["lsof"]["wall"] / au["wall"]
            checks.append(("audit faster than lsof at %dx%d" % (n, m),
                           "%.2fx" % r, r > 1))
        checks.append(("audit peak RSS <= 16 MiB at %dx%d" % (n, m),
                       "%.1f MiB" % au["rss"], au["rss"] <= 16))
    if single:
        au, fl = single["audit"], single["floor"]
        checks.append(("audit --pid <= 1.1x cat, %d mappings" % a.single,
                       "%.2fx" % (au["wall"] / fl["wall"]), au["wall"] <= 1.1 * fl["wall"]))
        checks.append(("audit --pid peak RSS <= 16 MiB", "%.1f MiB" % au["rss"],
                       au["rss"] <= 16))
    for what, got, ok in checks:
        print("%-48s %10s  %s" % (what, got, "ok" if ok else "MISSED"))


if __name__ == "__main__":
    main()
