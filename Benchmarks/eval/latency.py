#!/usr/bin/env python3
"""Query latency: Soundbite vs SQLite FTS5 vs tantivy on the seenunseen corpus.

Everything runs pinned to one CPU (os.sched_setaffinity; child processes
inherit it), engines single-threaded, top 10 hits per query. FTS5 (in-memory
database, porter unicode61) and tantivy (in-memory index, en_stem) index
exactly the documents of `soundbite export`.

Query classes (seeded, >= 300 queries each; words are content words of 4+
letters taken from random documents, so frequent words come up as often as
users type them):
  kw1, kw2, kw4      1, 2, 4 words OR'ed
  phrase             a 2-3 word phrase taken from a document
  role-filtered      2 words, only guests' passages   (Soundbite: role:guest)
  chapter-filtered   2 words, only one chapter        (Soundbite: chapter:"...")

Soundbite is timed as the CLI a script would use: `soundbite search --queries
FILE -i INDEX --format jsonl -n 10` per class, best of `--repeat` runs,
minus the same command on an empty queries file (process start + index
open). That gives a per-query MEAN (it includes parsing, facet counting,
snippets and JSON output). With `--per-query` (default on) it also estimates
per-query latencies for percentiles: each query alone, repeated R times in
one process, (time - empty-run time) / R.

FTS5 and tantivy are timed in-process per query with time.perf_counter
(query parsing + top-10 search + fetching the ids; tantivy also counts the
matches, as Soundbite does): p50, p99 and mean are real per-query figures.

Usage: .venv-eval/bin/python Benchmarks/eval/latency.py [--per-class 300] [--seed S]
"""

import argparse
import os
import random
import re
import statistics
import subprocess
import tempfile
import time

import sbeval


def pct(values, p):
    """The p-th percentile (nearest rank) of values."""
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(p / 100 * len(v) + 0.5)) - 1))]


def make_classes(docs, n, rng):
    """{class name: [(soundbite query, words, phrase, role, chapter)]}."""
    def words_from(doc, k):
        ws = [w.lower() for w in re.findall(r"[A-Za-z]+", doc["text"]) if len(w) >= 4]
        ws = list(dict.fromkeys(ws))
        return rng.sample(ws, k) if len(ws) >= k else None

    def take(k, keep=lambda d: True):
        while True:
            d = rng.choice(docs)
            if keep(d):
                ws = words_from(d, k)
                if ws:
                    return d, ws

    chapters = sorted({d["chapter"] for d in docs if d["chapter"] and '"' not in d["chapter"]})
    classes = {"kw1": [], "kw2": [], "kw4": [], "phrase": [], "role-filtered": [], "chapter-filtered": []}
    for name, k in (("kw1", 1), ("kw2", 2), ("kw4", 4)):
        for _ in range(n):
            _, ws = take(k)
            classes[name].append((" ".join(ws), ws, None, None, None))
    while len(classes["phrase"]) < n:
        d = rng.choice(docs)
        toks = re.findall(r"[A-Za-z]+", d["text"])
        if len(toks) < 4:
            continue
        m = rng.choice([2, 3])
        i = rng.randrange(len(toks) - m)
        ph = " ".join(t.lower() for t in toks[i:i + m])
        classes["phrase"].append((f'"{ph}"', [], ph, None, None))
    for _ in range(n):
        _, ws = take(2, lambda d: d["role"] == "guest")
        classes["role-filtered"].append((" ".join(ws) + " role:guest", ws, None, "guest", None))
    for _ in range(n):
        # a chapter of a random passage; the words from anywhere (often no hit, as in real use)
        d = rng.choice([d for d in docs if d["chapter"] in chapters] or docs)
        _, ws = take(2)
        ch = d["chapter"]
        classes["chapter-filtered"].append((" ".join(ws) + f' chapter:"{ch}"', ws, None, None, ch))
    return classes


def time_soundbite_file(index, path, repeat):
    """Best wall time of `repeat` runs of search --queries on `path`."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sbeval.SOUNDBITE, "search", "--queries", path, "-i", index, "--format", "jsonl", "-n", "10"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def write_queries(work, name, queries):
    path = os.path.join(work, name + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(q + "\n" for q in queries)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-class", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--repeat", type=int, default=3, help="runs per Soundbite batch (best is kept)")
    ap.add_argument("--per-query", type=int, default=10, metavar="R",
                    help="repetitions per query for Soundbite per-query estimates (0: skip)")
    args = ap.parse_args()
    sbeval.check_binary()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rng = random.Random(args.seed)

    work = sbeval.workdir()
    index = sbeval.build_index(work)
    docs = sbeval.export_documents(index)
    classes = make_classes(docs, args.per_class, rng)

    fts = sbeval.FTS5(docs)
    tv = sbeval.Tantivy(docs, "en_stem")

    # Soundbite: process start + index open, then batch means per class.
    empty = write_queries(work, "empty", [])
    startup_runs = [time_soundbite_file(index, empty, 1) for _ in range(15)]
    startup = statistics.median(startup_runs)
    sb_mean, sb_p50, sb_p99 = {}, {}, {}
    for name, qs in classes.items():
        path = write_queries(work, name, [q[0] for q in qs])
        time_soundbite_file(index, path, 1)   # warm-up
        total = time_soundbite_file(index, path, args.repeat)
        sb_mean[name] = (total - startup) / len(qs)
        if args.per_query:
            per = []
            for i, q in enumerate(qs):
                p = write_queries(work, f"one-{name}-{i}", [q[0]] * args.per_query)
                per.append(max(0.0, time_soundbite_file(index, p, 1) - startup) / args.per_query)
            sb_p50[name], sb_p99[name] = pct(per, 50), pct(per, 99)

    # FTS5 and tantivy: in-process per-query timings (after one warm-up pass).
    def timed(engine, qs):
        for q in qs:
            engine.search(words=q[1], phrase=q[2], role=q[3], chapter=q[4])
        out = []
        for q in qs:
            t0 = time.perf_counter()
            engine.search(words=q[1], phrase=q[2], role=q[3], chapter=q[4])
            out.append(time.perf_counter() - t0)
        return out

    rows = []
    for name, qs in classes.items():
        f = timed(fts, qs)
        t = timed(tv, qs)
        rows.append((name, len(qs), sb_mean[name], sb_p50.get(name), sb_p99.get(name),
                     statistics.mean(f), pct(f, 50), pct(f, 99), statistics.mean(t), pct(t, 50), pct(t, 99)))

    ms = lambda x: "   -   " if x is None else f"{x * 1000:7.3f}"
    print(f"corpus: {sbeval.CORPUS}; {len(docs)} documents; one CPU; top 10; times in ms")
    print(f"Soundbite process start + index open (median of 15, subtracted): {startup * 1000:.1f} ms "
          f"(min {min(startup_runs) * 1000:.1f}, max {max(startup_runs) * 1000:.1f})\n")
    print("| class            |   n | Soundbite mean | Soundbite p50* | Soundbite p99* | FTS5 mean | FTS5 p50 | FTS5 p99 "
          "| tantivy mean | tantivy p50 | tantivy p99 |")
    print("|------------------|-----|----------------|----------------|----------------|-----------|----------|----------"
          "|--------------|-------------|-------------|")
    for r in rows:
        print(f"| {r[0]:<16} | {r[1]:>3} | {ms(r[2]):>14} | {ms(r[3]):>14} | {ms(r[4]):>14} | {ms(r[5]):>9} | {ms(r[6]):>8} "
              f"| {ms(r[7]):>8} | {ms(r[8]):>12} | {ms(r[9]):>11} | {ms(r[10]):>11} |")
    print("\nSoundbite mean = (batch time of all queries of the class - empty run) / n, through the CLI with JSON output;")
    print(f"* Soundbite p50/p99 are estimates: each query alone repeated {args.per_query}x in one process, "
          "minus the median empty run, / repetitions.")
    print("FTS5 / tantivy: in-process per-query perf_counter timings (true percentiles).")


if __name__ == "__main__":
    main()
