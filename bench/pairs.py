#!/usr/bin/env python3
"""Times commands side by side, the way every script in bench/ does.

    bench/pairs.py [-n RUNS] [-w WARMUP] [--stdin FILE] [--allow-fail]
                   NAME=COMMAND [NAME=COMMAND ...]

Each round runs every command once, in an order that rotates from round
to round, so that a slow moment of a shared machine falls on all of them
alike. For each command it reports the median wall time, the peak
resident set (ru_maxrss of the process, no /usr/bin/time needed) and the
median of the per-round ratios of its time to the first command's: a
ratio taken within one round is steadier than a ratio of medians taken
minutes apart. The machine's load average before and after the run is
reported too, so that a reader can tell an idle machine from a busy one.

COMMAND is split like a shell word list (shlex), never run by a shell.
Output: one JSON object on stdout. Exit status 2 when a command fails
(unless --allow-fail: linters exit 1 when they find something) or cannot
be started.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def load():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


GNU_TIME = "/usr/bin/time"


def run_once(argv, stdin_path, rss_file):
    """Wall seconds, peak RSS in KiB and exit status of one run."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        status = subprocess.call([GNU_TIME, "-f", "%M", "-o", rss_file] +
                                 argv, stdin=stdin,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
    finally:
        if stdin_path:
            stdin.close()
    with open(rss_file) as f:
        lines = f.read().split()
    if not lines or not lines[-1].isdigit():
        raise OSError("%s: %s" % (argv[0], " ".join(lines) or "no status"))
    # GNU time says "Command exited with non-zero status N" first
    return wall, int(lines[-1]), status


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--runs", type=int, default=10,
                   help="rounds (default 10)")
    p.add_argument("-w", "--warmup", type=int, default=1,
                   help="untimed rounds first (default 1)")
    p.add_argument("--stdin", help="a file every command reads as stdin")
    p.add_argument("--allow-fail", action="store_true",
                   help="a non-zero exit status is not an error")
    p.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    a = p.parse_args()
    if a.runs < 1 or a.warmup < 0:
        p.error("--runs must be at least 1 and --warmup at least 0")
    tools = []
    for c in a.commands:
        name, sep, cmd = c.partition("=")
        if not sep or not name or not cmd.strip():
            p.error("expected NAME=COMMAND, got %r" % c)
        tools.append((name, shlex.split(cmd)))
    return a, tools


def main():
    a, tools = parse_args()
    if not os.access(GNU_TIME, os.X_OK):
        print("pairs: %s (GNU time) is missing" % GNU_TIME, file=sys.stderr)
        return 2
    rss_file = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                            "pairs-%d.rss" % os.getpid())
    walls = {n: [] for n, _ in tools}
    peaks = {n: 0 for n, _ in tools}
    ratios = {n: [] for n, _ in tools}
    before = load()
    for r in range(a.warmup + a.runs):
        k = r % len(tools)
        order = tools[k:] + tools[:k]
        got = {}
        for name, argv in order:
            try:
                wall, rss, status = run_once(argv, a.stdin, rss_file)
            except OSError as e:
                print("pairs: cannot run %s: %s" % (name, e), file=sys.stderr)
                return 2
            if status != 0 and not a.allow_fail:
                print("pairs: %s exited with %d: %s" %
                      (name, status, shlex.join(argv)), file=sys.stderr)
                return 2
            got[name] = (wall, rss)
        if r < a.warmup:
            continue
        first = got[tools[0][0]][0]
        for name, (wall, rss) in got.items():
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
            ratios[name].append(wall / first if first > 0 else float("nan"))
    after = load()
    os.unlink(rss_file)
    out = {
        "runs": a.runs,
        "cores": os.cpu_count(),
        "load_before": before,
        "load_after": after,
        "tools": [{
            "name": n,
            "median_s": statistics.median(walls[n]),
            "min_s": min(walls[n]),
            "peak_rss_kb": peaks[n],
            "ratio_to_first": statistics.median(ratios[n]),
        } for n, _ in tools],
    }
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
