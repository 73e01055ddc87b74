#!/usr/bin/env python3
"""What one `soundbite search` costs from process start to exit, against
process start alone, timed by hyperfine (Debian's `hyperfine`).

    python3 Benchmarks/peers/oneshot.py --bin .build-bench/release/soundbite --index /tmp/soundbite-1000h.sbx
    python3 Benchmarks/peers/oneshot.py --bin B --corpus /tmp/soundbite-1000h --index /tmp/soundbite-1000h.sbx
    python3 Benchmarks/peers/oneshot.py --bin base=/tmp/base/soundbite --bin new=.build-rel/release/soundbite \\
        --index /tmp/1000h.sbx --index /tmp/77h.sbx --baseline /tmp/true --rounds 3

With `--corpus` the index is built first (`soundbite index CORPUS -o INDEX`,
with the first `--bin`). For each binary (`--bin`, repeatable, `LABEL=PATH`
or a path) runs `soundbite --version` (process start, no index) and
`soundbite search -i INDEX QUERY` for each index and query; `--baseline`
adds other programs (a trivial C or Swift main, say). Each command runs
`--runs` times after 3 warm-up runs (the index file is in the page cache, as
for anyone searching twice). With `--rounds N` the whole set runs N times,
binaries alternating, so a change in the machine's load hits every binary
alike; the table gives the mean over rounds and the spread (lowest – highest
round mean) of wall and user + system time, and the fastest single run.
On a shared machine wall time mostly measures waiting for a core: user +
system is the figure to compare; the load average is printed beside it.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def quote(words):
    return " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)


def hyperfine(commands, runs, tmp):
    out = os.path.join(tmp, "hf.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", out,
                    *[quote(c) for c in commands]], check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        return json.load(f)["results"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, action="append", help="a soundbite binary (release), LABEL=PATH or PATH; repeatable")
    ap.add_argument("--index", required=True, action="append",
                    help="index file (repeatable); LABEL=PATH: only for the binary of that label (each binary "
                         "reading the file its own writer made), searched in the order given")
    ap.add_argument("--corpus", help="build the (first) INDEX from this folder first")
    ap.add_argument("--query", action="append", help="query to time (repeatable; default: three shapes)")
    ap.add_argument("--baseline", action="append", default=[], help="another program to time alone (repeatable)")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if not shutil.which("hyperfine"):
        sys.exit("oneshot: hyperfine is missing (apt-get install hyperfine)")
    bins = []
    for b in args.bin:
        label, _, path = b.rpartition("=")
        bins.append((label or os.path.basename(path), path))
    indexes = []
    for i in args.index:
        label, _, path = i.rpartition("=")
        indexes.append((label, path))
    if args.corpus:
        subprocess.run([bins[0][1], "index", args.corpus, "-o", indexes[0][1]], check=True,
                       stdout=subprocess.DEVNULL)
    queries = args.query or ["farmers", "\"the government\"", "role:guest market"]
    rows = {}   # (label, what) -> list of per-round (mean, user+sys, min)
    order = []
    loads = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            sets = [("", [[p]]) for p in args.baseline]
            turn = bins if r % 2 == 0 else list(reversed(bins))
            for label, path in turn:
                commands = [[path, "--version"]]
                for l, index in indexes:
                    if l and l != label:
                        continue
                    commands += [[path, "search", "-i", index, q] for q in queries]
                sets.append((label, commands))
            for label, commands in sets:
                for c, res in zip(commands, hyperfine(commands, args.runs, tmp)):
                    if c[1:] == ["--version"]:
                        what = "--version"
                    elif len(c) == 1:
                        what = os.path.basename(c[0])
                    else:
                        what = f"search {os.path.basename(c[3])} {c[4]}"
                    key = (label, what)
                    if key not in rows:
                        rows[key] = []
                        order.append(key)
                    rows[key].append((res["mean"] * 1e3, (res["user"] + res["system"]) * 1e3, res["min"] * 1e3,
                                      res["stddev"] * 1e3, res["user"] * 1e3, res["system"] * 1e3))
            loads.append(" ".join(open("/proc/loadavg").read().split()[:3]))
    sizes = ", ".join(f"{os.path.basename(i)} {os.path.getsize(i) / 1e6:.1f} MB" for _, i in indexes)
    print(f"{sizes}; {args.runs} runs × {args.rounds} round(s) per command; load average after each round: "
          + "; ".join(loads))
    print("| binary | command | wall mean ± σ ms | wall min ms | user ms | system ms | user + system ms (round spread) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for key in order:
        v = rows[key]
        n = len(v)
        mean = sum(x[0] for x in v) / n
        sd = sum(x[3] for x in v) / n
        cpu = sum(x[1] for x in v) / n
        user = sum(x[4] for x in v) / n
        sys_ = sum(x[5] for x in v) / n
        spread = f" ({min(x[1] for x in v):.1f} – {max(x[1] for x in v):.1f})" if n > 1 else ""
        print(f"| {key[0] or '—'} | `{key[1]}` | {mean:.1f} ± {sd:.1f} | {min(x[2] for x in v):.1f} | {user:.1f} | "
              f"{sys_:.1f} | {cpu:.1f}{spread} |")


if __name__ == "__main__":
    main()
