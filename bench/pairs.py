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


def load():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPAWN = os.path.join(ROOT, "bench", "spawn")


class Spawner:
    """bench/spawn, which forks and execs each command, waits for it with
    wait4 and answers its status, ru_maxrss and the time from before fork
    to after wait4. A command forked by Python itself would report
    Python's resident set as its peak (see spawn.c); one process for the
    whole run keeps a sample at one fork and one exec."""

    def __init__(self):
        self.proc = subprocess.Popen([SPAWN], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def run(self, argv, stdin_path):
        """Wall seconds, peak RSS in KiB and exit status of one run."""
        fields = [stdin_path or ""] + argv + [""]
        self.proc.stdin.write(b"".join(os.fsencode(f) + b"\0"
                                       for f in fields))
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline().split()
        if len(reply) == 2 and reply[0] == b"error":
            e = int(reply[1])
            raise OSError(e, "%s: %s" % (argv[0], os.strerror(e)))
        if len(reply) != 3:
            raise OSError("%s: bench/spawn gave no answer" % argv[0])
        status, rss, ns = (int(x) for x in reply)
        return ns / 1e9, rss, status

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def build_spawner():
    """Builds bench/spawn when it is missing or older than its source,
    as bedrock.sh builds its stand-in."""
    src = os.path.join(ROOT, "bench", "spawn.c")
    if (os.access(SPAWN, os.X_OK) and
            os.path.getmtime(SPAWN) >= os.path.getmtime(src)):
        return True
    return subprocess.call(["make", "-s", "-C", ROOT, "bench/spawn"],
                           stdout=sys.stderr) == 0


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
    if not build_spawner():
        print("pairs: cannot build %s" % SPAWN, file=sys.stderr)
        return 2
    spawner = Spawner()
    try:
        return measure(a, tools, spawner)
    finally:
        spawner.close()


def measure(a, tools, spawner):
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
                wall, rss, status = spawner.run(argv, a.stdin)
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
