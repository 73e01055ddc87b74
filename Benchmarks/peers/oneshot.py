#!/usr/bin/env python3
"""What one `soundbite search` costs from process start to exit, against
process start alone, timed by hyperfine (Debian's `hyperfine`).

    python3 Benchmarks/peers/oneshot.py --bin .build-bench/release/soundbite --index /tmp/soundbite-1000h.sbx
    python3 Benchmarks/peers/oneshot.py --bin B --corpus /tmp/soundbite-1000h --index /tmp/soundbite-1000h.sbx

With `--corpus` the index is built first (`soundbite index CORPUS -o INDEX`).
Runs `soundbite --help` (process start, no index) and `soundbite search -i
INDEX QUERY` for each query, `--runs` times after 3 warm-up runs (the index
file is in the page cache, as for anyone searching twice), and prints mean
wall, user and system time of each, and search minus `--help`. On a shared
machine wall time mostly measures waiting for a core: user + system is the
figure to compare; the load average is printed beside it.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the soundbite binary (release)")
    ap.add_argument("--index", required=True)
    ap.add_argument("--corpus", help="build INDEX from this folder first")
    ap.add_argument("--query", action="append", help="query to time (repeatable; default: three shapes)")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    if not shutil.which("hyperfine"):
        sys.exit("oneshot: hyperfine is missing (apt-get install hyperfine)")
    if args.corpus:
        subprocess.run([args.bin, "index", args.corpus, "-o", args.index], check=True,
                       stdout=subprocess.DEVNULL)
    queries = args.query or ["farmers", "\"the government\"", "role:guest market"]
    commands = [[args.bin, "--help"]] + [[args.bin, "search", "-i", args.index, q] for q in queries]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "hf.json")
        shell_words = [" ".join("'" + w.replace("'", "'\\''") + "'" for w in c) for c in commands]
        subprocess.run(["hyperfine", "-N", "--warmup", "3", "--runs", str(args.runs), "--export-json", out,
                        *shell_words], check=True, stdout=subprocess.DEVNULL)
        with open(out) as f:
            results = json.load(f)["results"]
    load = open("/proc/loadavg").read().split()[:3]
    print(f"index {args.index} ({os.path.getsize(args.index) / 1e6:.1f} MB); {args.runs} runs each; "
          f"load average {' '.join(load)}")
    base = results[0]
    print("| command | wall mean ms | user ms | system ms | user + system ms | − `--help` ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for c, r in zip(commands, results):
        cpu = (r["user"] + r["system"]) * 1e3
        extra = cpu - (base["user"] + base["system"]) * 1e3
        label = "soundbite --help" if c[1] == "--help" else f"search {c[-1]}"
        print(f"| `{label}` | {r['mean'] * 1e3:.1f} | {r['user'] * 1e3:.1f} | {r['system'] * 1e3:.1f} | "
              f"{cpu:.1f} | {'' if c[1] == '--help' else f'{extra:.1f}'} |")


if __name__ == "__main__":
    main()
