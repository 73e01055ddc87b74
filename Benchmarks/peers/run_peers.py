#!/usr/bin/env python3
"""Soundbite beside the engines people would pick instead, in one table.

    python3 Benchmarks/peers/run_peers.py --corpus ../shared/corpora/seenunseen
    python3 Benchmarks/peers/run_peers.py --corpus ../shared/corpora/seenunseen --scale 1000

What it does, in one run:
1. Creates a virtual environment (default `.venv-peers`, git-ignored) and
   pip-installs tantivy, bm25s and PyStemmer into it, then re-runs itself there.
   Nothing is installed into the project's build.
2. Builds Soundbite in release (`swift build -c release --scratch-path .build-bench`)
   and runs `soundbite-bench --format json --dump-queries Q --save-index I`
   (the Swift suite, one thread) for Soundbite's figures. The bench writes the
   query mix it timed, so every engine runs identical queries.
3. Exports the indexed passages with `soundbite export -i I`, so every engine
   indexes identical documents (passage text, role, chapter).
4. Builds and queries, each on one thread:
   - SQLite FTS5, `tokenize='porter unicode61'`, ranked by `bm25()`, text stored
     (FTS5's default), then `optimize`d;
   - tantivy (PyPI), `default` and `en_stem` tokenizers, text stored,
     `writer(heap_size, num_threads=1)`, commit and wait for merges;
   - bm25s with PyStemmer (English), no stop words (Soundbite keeps them too);
   - Lucene 8 (Debian's liblucene8-java; when its jars or a JDK are missing the
     script runs `apt-get install -y liblucene8-java default-jdk-headless`, with
     sudo unless root, outside the project's build) through LuceneHarness.java,
     which the script compiles with javac into `.build-lucene/` (git-ignored):
     BM25Similarity(1.2, 0.75), text stored, role and chapter as keyword
     fields, force-merged to one segment; `standard` = StandardAnalyzer without
     stop words (like tantivy's default), `english` = EnglishAnalyzer without
     stop words (possessives, Porter stemmer: the closest to Soundbite's
     Porter2 and tantivy's en_stem). Queries: SHOULD term clauses, PhraseQuery,
     PrefixQuery, FuzzyQuery (the query's edits, no transpositions, Lucene's
     default 50 expansions), filters as FILTER term clauses; top 10 with
     TopScoreDocCollector.create(10, 1000) (Lucene's default total-hits
     threshold); no query cache (the passes repeat the same queries). The JVM
     times itself: `--lucene-warmup` (default 20) untimed passes for the JIT,
     then the timed passes, each query by ThreadMXBean.getCurrentThreadCpuTime.
5. Prints one table, every figure also as a ratio to Soundbite's; with
   `--check-hits N`, also how far the top 10 of the first N queries of each
   class agree between Lucene and tantivy, and Lucene and Soundbite.

Timing: build time is process CPU time (all threads: tantivy's indexing and
merge threads count) and wall time; query latency is the calling thread's CPU
time per query (`time.thread_time_ns`, the same clock as the Swift bench's
CLOCK_THREAD_CPUTIME_ID), including query parsing and building the query
object, top 10 without counting all matches (Lucene's build CPU is the JVM's
process CPU time, all threads, JVM start excluded). On a machine shared with other
work, CPU time is what is comparable; wall-clock p50/p99 are in the JSON.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks", "eval"))
import sbeval  # noqa: E402  (the FTS5 and tantivy wrappers the evaluations use)
PACKAGES = ["tantivy", "bm25s", "PyStemmer"]
CLASSES = ["kw1", "kw2", "kw4", "phrase", "prefix", "fuzzy", "role", "chapter"]


# ---------------------------------------------------------------- environment

def ensure_venv(venv):
    """Re-executes this script inside `venv`, creating it and installing the packages first."""
    if os.environ.get("SOUNDBITE_PEERS_VENV") == venv:
        return
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        print(f"peers: creating {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    check = subprocess.run([python, "-c", "import tantivy, bm25s, Stemmer"], capture_output=True)
    if check.returncode != 0:
        print(f"peers: pip install {' '.join(PACKAGES)} into {venv}", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "-q", *PACKAGES], check=True)
    env = dict(os.environ, SOUNDBITE_PEERS_VENV=venv)
    os.execve(python, [python, os.path.abspath(__file__), *sys.argv[1:]], env)


def versions():
    import sqlite3
    import tantivy
    import bm25s
    import Stemmer
    import glob
    jars = sorted(glob.glob(os.path.join("/usr/share/java", LUCENE_JARS[0])))
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines() if jars else []
    return {"sqlite": sqlite3.sqlite_version, "tantivy": getattr(tantivy, "__version__", "?"),
            "bm25s": getattr(bm25s, "__version__", "?"), "PyStemmer": getattr(Stemmer, "__version__", "?"),
            "lucene": os.path.basename(jars[-1])[len("lucene-core-"):-len(".jar")] if jars else "?",
            "java": java[0] if java else "?"}


# ---------------------------------------------------------------- measuring

def percentile(values, p):
    """Nearest-rank percentile, as the Swift bench computes it."""
    if not values:
        return None
    s = sorted(values)
    import math
    rank = math.ceil(p / 100 * len(s))
    return s[min(len(s) - 1, max(0, rank - 1))]


def dir_size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for base, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(base, f))
    return total


def timed_build(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    result = fn()
    return result, time.process_time() - c0, time.perf_counter() - w0


class Samples:
    """Per-class latency samples (µs) of timed passes, and the hits of the first."""

    def __init__(self):
        self.cpu = {c: [] for c in CLASSES + ["all"]}
        self.wall = {c: [] for c in CLASSES + ["all"]}
        self.hits = {c: 0 for c in CLASSES}

    def add(self, cls, timed_pass, cpu_us, wall_us, hits):
        """One query's figures; `timed_pass` counts from 1."""
        if timed_pass == 1:
            self.hits[cls] += hits
        for key in (cls, "all"):
            self.cpu[key].append(cpu_us)
            self.wall[key].append(wall_us)


def run_queries(engine, queries, passes):
    """Warm-up pass, then `passes` timed passes. Returns per-class latency stats (µs)."""
    runnable = [q for q in queries if engine.supports(q)]
    prepared = [(q, engine.prepare(q)) for q in runnable]
    samples = Samples()
    for p in range(passes + 1):
        for q, prep in prepared:
            c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
            n = engine.search(q, prep)
            c1, w1 = time.thread_time_ns(), time.perf_counter_ns()
            if p > 0:
                samples.add(q["class"], p, (c1 - c0) / 1e3, (w1 - w0) / 1e3, n)
    return latency_stats(samples, passes)


def latency_stats(samples, passes):
    """p50/p95/p99/mean (thread CPU) and wall p50/p99 per class, as the Swift bench reports them."""
    cpu, wall, hits = samples.cpu, samples.wall, samples.hits
    stats = {}
    for c in CLASSES + ["all"]:
        if not cpu[c]:
            continue
        stats[c] = {"p50_us": percentile(cpu[c], 50), "p95_us": percentile(cpu[c], 95),
                    "p99_us": percentile(cpu[c], 99), "mean_us": sum(cpu[c]) / len(cpu[c]),
                    "wall_p50_us": percentile(wall[c], 50), "wall_p99_us": percentile(wall[c], 99),
                    "samples": len(cpu[c])}
        if c != "all":
            stats[c]["hits_per_query"] = hits[c] / (len(cpu[c]) / passes)
    return stats


# ---------------------------------------------------------------- engines

def query_args(q):
    """A bench query (kind, words, role, chapter) as keyword arguments of the
    `sbeval` engines' search()."""
    words = q["words"]
    args = {"role": q.get("role"), "chapter": q.get("chapter")}
    if q["kind"] == "keywords":
        args["words"] = words
    elif q["kind"] == "phrase":
        args["phrase"] = " ".join(words)
    elif q["kind"] == "prefix":
        args["prefix"] = words[0]
    else:  # fuzzy
        args["fuzzy"] = (words[0], q.get("edits") or 1)
    return args


class FTS5:
    """`sbeval.FTS5` on a file (so its size counts), timed as the peers table needs."""
    name = "SQLite FTS5"

    def __init__(self, work):
        self.path = os.path.join(work, "fts5.db")

    def build(self, docs):
        self.engine = sbeval.FTS5(docs, path=self.path)
        return dir_size(self.path)

    def supports(self, q):
        return q["kind"] != "fuzzy"

    def prepare(self, q):
        return query_args(q)

    def search(self, q, args):
        return len(self.engine.search(**args))


class Tantivy:
    """`sbeval.Tantivy` in a folder (so its size counts); hits counted, not read."""

    def __init__(self, work, tokenizer):
        self.tokenizer = tokenizer
        self.name = f"tantivy {tokenizer}"
        self.path = os.path.join(work, f"tantivy-{tokenizer}")

    def build(self, docs):
        self.engine = sbeval.Tantivy(docs, self.tokenizer, path=self.path)
        return dir_size(self.path)

    def supports(self, q):
        return True

    def prepare(self, q):
        return query_args(q)

    def search(self, q, args):
        return self.engine.search(**args, count=False, ids=False)


class BM25S:
    name = "bm25s"

    def __init__(self, work):
        self.path = os.path.join(work, "bm25s")

    def build(self, docs):
        import shutil
        import bm25s
        import numpy as np
        import Stemmer
        shutil.rmtree(self.path, ignore_errors=True)
        self.stemmer = Stemmer.Stemmer("english")
        tokens = bm25s.tokenize([d["text"] for d in docs], stopwords=None, stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)
        self.retriever.save(self.path)
        self.count = len(docs)
        # Filters as weight masks (bm25s scores every document, then masks).
        self.masks = {}
        for field in ("role", "chapter"):
            values = {}
            for i, d in enumerate(docs):
                values.setdefault(d[field], []).append(i)
            for v, ids in values.items():
                m = np.zeros(len(docs), dtype=np.float32)
                m[ids] = 1
                self.masks[(field, v)] = m
        return dir_size(self.path)

    def supports(self, q):
        return q["kind"] == "keywords"

    def prepare(self, q):
        return None

    def search(self, q, _):
        import bm25s
        tokens = bm25s.tokenize(" ".join(q["words"]), stopwords=None, stemmer=self.stemmer,
                                return_ids=False, show_progress=False)
        known = [[t for t in tokens[0] if t in self.retriever.vocab_dict]]
        if not known[0]:
            return 0
        mask = None
        for field in ("role", "chapter"):
            if q.get(field) is not None:
                mask = self.masks.get((field, q[field]))
        docs, scores = self.retriever.retrieve(known, k=min(10, self.count), show_progress=False,
                                               n_threads=1, weight_mask=mask)
        return int((scores[0] > 0).sum())


LUCENE_PACKAGES = ["liblucene8-java", "default-jdk-headless"]
LUCENE_JARS = ["lucene-core-8*.jar", "lucene-analyzers-common-8*.jar"]


def lucene_classpath(build_dir):
    """Checks for Debian's Lucene 8 jars and a JDK, apt-get installing them
    when absent (outside the project's build), compiles LuceneHarness.java into
    `build_dir` when it is missing or older than the source, and returns the
    classpath."""
    import glob
    import shutil

    def jars():
        found = [sorted(glob.glob(os.path.join("/usr/share/java", j))) for j in LUCENE_JARS]
        return [f[-1] for f in found] if all(found) else None

    if jars() is None or not shutil.which("javac") or not shutil.which("java"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print(f"peers: Lucene 8 or a JDK is missing: {' '.join(sudo + ['apt-get', 'install', '-y', *LUCENE_PACKAGES])}",
              file=sys.stderr)
        if subprocess.run(sudo + ["apt-get", "install", "-y", *LUCENE_PACKAGES]).returncode != 0:
            print("peers: apt-get update, then again", file=sys.stderr)
            subprocess.run(sudo + ["apt-get", "update"], check=True)
            subprocess.run(sudo + ["apt-get", "install", "-y", *LUCENE_PACKAGES], check=True)
        if jars() is None:
            sys.exit(f"peers: no {' / '.join(LUCENE_JARS)} in /usr/share/java after installing {LUCENE_PACKAGES[0]}")
    classpath = ":".join(jars())
    source = os.path.join(HERE, "LuceneHarness.java")
    compiled = os.path.join(build_dir, "LuceneHarness.class")
    if not os.path.exists(compiled) or os.path.getmtime(compiled) < os.path.getmtime(source):
        os.makedirs(build_dir, exist_ok=True)
        print(f"peers: javac -d {build_dir} LuceneHarness.java (classpath {classpath})", file=sys.stderr)
        subprocess.run(["javac", "-Xlint:all", "-d", build_dir, "-cp", classpath, source], check=True)
    return build_dir + ":" + classpath


def tsv_field(value):
    """A value as one field of LuceneHarness's escaped tab-separated input."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Lucene:
    """Lucene 8 through LuceneHarness.java (see there): same passages, BM25
    (1.2, 0.75), one segment, same queries, timed inside the JVM with the
    thread's CPU time after `warmup` untimed passes. It builds and times itself,
    so it has `measured_build` and `latency` instead of `build`/`search`."""

    def __init__(self, work, analyzer, warmup):
        self.analyzer, self.warmup = analyzer, warmup
        self.name = f"Lucene {analyzer}"
        self.work = work
        self.path = os.path.join(work, f"lucene-{analyzer}")
        self.classpath = lucene_classpath(os.path.join(ROOT, ".build-lucene"))
        self.top = None

    def java(self, *args):
        return subprocess.run(["java", "-cp", self.classpath, "LuceneHarness", *args],
                              check=True, capture_output=True, text=True).stdout

    def measured_build(self, docs):
        """(index bytes, build CPU s, build wall s): the JVM's process CPU time
        (all threads: merges, JIT, GC) from reading the passages to the
        committed one-segment index, JVM start excluded."""
        import shutil
        docs_file = os.path.join(self.work, "lucene-docs.tsv")
        with open(docs_file, "w") as out:
            for d in docs:
                out.write("\t".join(tsv_field(d[k]) for k in ("id", "role", "chapter", "text")) + "\n")
        shutil.rmtree(self.path, ignore_errors=True)
        report = json.loads(self.java("build", self.analyzer, docs_file, self.path))
        if report["documents"] != len(docs):
            sys.exit(f"peers: Lucene indexed {report['documents']} of {len(docs)} passages")
        return dir_size(self.path), report["build_cpu_s"], report["build_wall_s"]

    def latency(self, queries, passes):
        """Per-class stats of the timed passes; keeps every query's top 10 (id, score) in `self.top`."""
        queries_file = os.path.join(self.work, "lucene-queries.tsv")
        with open(queries_file, "w") as out:
            for q in queries:
                out.write("\t".join(tsv_field(v) for v in (q["class"], q["kind"], q.get("edits"), q.get("role"),
                                                          q.get("chapter"), " ".join(q["words"]))) + "\n")
        samples_file = os.path.join(self.work, f"lucene-{self.analyzer}-samples.tsv")
        top_file = os.path.join(self.work, f"lucene-{self.analyzer}-top.tsv")
        self.java("query", self.analyzer, self.path, queries_file, str(self.warmup), str(passes),
                  samples_file, top_file)
        samples = Samples()
        with open(samples_file) as f:
            for line in f:
                cls, p, cpu_ns, wall_ns, hits = line.rstrip("\n").split("\t")
                samples.add(cls, int(p) + 1, int(cpu_ns) / 1e3, int(wall_ns) / 1e3, int(hits))
        with open(top_file) as f:
            self.top = [[(int(h.split(" ")[0]), float(h.split(" ")[1])) for h in line.rstrip("\n").split("\t")[1:]]
                        for line in f]
        if len(self.top) != len(queries):
            sys.exit(f"peers: Lucene answered {len(self.top)} of {len(queries)} queries")
        return latency_stats(samples, passes)


# ---------------------------------------------------------------- Soundbite

def soundbite(args, work):
    if not args.skip_build and not args.bin_dir:
        print("peers: swift build -c release --scratch-path .build-bench", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench"], cwd=ROOT, check=True)
    bin_dir = args.bin_dir or subprocess.run(
        ["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--show-bin-path"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    sbeval.SOUNDBITE = os.path.join(bin_dir, "soundbite")
    queries_file = os.path.join(work, "queries.jsonl")
    index_file = os.path.join(work, "soundbite.sbx")
    command = [os.path.join(bin_dir, "soundbite-bench"), "--corpus", args.corpus, "--format", "json",
               "--queries", str(args.queries), "--passes", str(args.passes),
               "--dump-queries", queries_file, "--save-index", index_file]
    if args.scale:
        command += ["--scale", str(args.scale)]
    print("peers: " + " ".join(command), file=sys.stderr)
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    docs_file = os.path.join(work, "docs.jsonl")
    with open(docs_file, "w") as out:
        subprocess.run([os.path.join(bin_dir, "soundbite"), "export", "-i", index_file], check=True, stdout=out)
    with open(docs_file) as f:
        docs = [json.loads(line) for line in f if line.strip()]
    with open(queries_file) as f:
        queries = [json.loads(line) for line in f if line.strip()]
    return report, docs, queries


# ---------------------------------------------------------------- hits check

HIT_PAIRS = [("Lucene standard", "tantivy default"), ("Lucene english", "tantivy en_stem"),
             ("Lucene english", "Soundbite")]


def soundbite_top(index, queries):
    """Soundbite's top 10 (id, score) for each query, in plain BM25 order
    (`--rank bm25` where the CLI has it), filters as --role/--chapter."""
    help_text = subprocess.run([sbeval.SOUNDBITE, "search", "--help"], capture_output=True, text=True)
    rank = ["--rank", "bm25"] if "--rank" in help_text.stdout + help_text.stderr else []
    groups = {}
    for i, q in enumerate(queries):
        groups.setdefault((q.get("role"), q.get("chapter")), []).append(i)
    top = [None] * len(queries)
    for (role, chapter), members in groups.items():
        extra = rank + (["--role", role] if role else []) + (["--chapter", chapter] if chapter else [])
        results, _ = sbeval.search_batch(index, [queries[i]["query"] for i in members], extra)
        for i, r in zip(members, results):
            top[i] = [(h["document"], h["score"]) for h in r["hits"]]
    return top


def hits_check(built, queries, per_class, index):
    """Top-10 agreement on the first `per_class` queries of each class, per
    pair of engines: mean overlap (shared ids / the longer list; two empty
    lists agree), queries with the
    same ids in the same order, and, where both give scores, the spread of the
    score ratio over shared ids (Lucene 8's BM25 leaves out the constant
    (k1 + 1) factor and rounds document lengths to a byte, so the ratio is
    about 2.2 and varies a little)."""
    picked = []
    for c in CLASSES:
        picked += [i for i, q in enumerate(queries) if q["class"] == c][:per_class]
    chosen = [queries[i] for i in picked]
    top = {"Soundbite": soundbite_top(index, chosen)}
    for key, engine in built.items():
        if isinstance(engine, Lucene):
            top[engine.name] = [engine.top[i] for i in picked]
        elif isinstance(engine, Tantivy):
            top[engine.name] = [[(d, None) for d in engine.engine.search(**query_args(q), ids=True)] for q in chosen]
    report = {}
    for a, b in HIT_PAIRS:
        if a not in top or b not in top:
            continue
        rows = {}
        for c in CLASSES:
            idx = [j for j, q in enumerate(chosen) if q["class"] == c]
            if not idx:
                continue
            overlap, same, ratios = [], 0, []
            for j in idx:
                x, y = top[a][j], top[b][j]
                xs, ys = [d for d, _ in x], [d for d, _ in y]
                overlap.append(len(set(xs) & set(ys)) / max(len(xs), len(ys)) if xs or ys else 1.0)
                same += xs == ys
                sx = dict(x)
                ratios += [sy / sx[d] for d, sy in y if sy is not None and sx.get(d)]
            ratios.sort()
            rows[c] = {"queries": len(idx), "mean_overlap": sum(overlap) / len(idx), "same_order": same,
                       "score_ratio_min": ratios[0] if ratios else None,
                       "score_ratio_median": ratios[len(ratios) // 2] if ratios else None,
                       "score_ratio_max": ratios[-1] if ratios else None}
        report[f"{a} vs {b}"] = rows
    return report


def hits_table(report):
    out = ["| pair | class | queries | mean top-10 overlap | same ids, same order | score ratio min / median / max |",
           "|---|---|---|---|---|---|"]
    for pair, rows in report.items():
        for c, r in rows.items():
            ratio = ("" if r["score_ratio_median"] is None else
                     f"{r['score_ratio_min']:.3f} / {r['score_ratio_median']:.3f} / {r['score_ratio_max']:.3f}")
            out.append(f"| {pair} | {c} | {r['queries']} | {r['mean_overlap']:.2f} | {r['same_order']} | {ratio} |")
    return "\n".join(out)


# ---------------------------------------------------------------- table

def ratio(value, base):
    if value is None or base in (None, 0):
        return ""
    return f" (×{value / base:.2f})"


def fmt_us(us):
    if us is None:
        return "n/a"
    return f"{us:.0f} µs" if us < 10_000 else f"{us / 1000:.1f} ms"


def table(results, title):
    names = list(results)
    base = results["Soundbite"]
    rows = [("build, CPU s", lambda r: r["build_cpu_s"], lambda v: f"{v:.2f} s"),
            ("build, wall s", lambda r: r["build_wall_s"], lambda v: f"{v:.2f} s"),
            ("index size", lambda r: r["index_bytes"], lambda v: f"{v / 1e6:.1f} MB")]
    for c in CLASSES:
        for p in ("p50", "p99"):
            rows.append((f"{c} {p}", (lambda c, p: lambda r: r["latency"].get(c, {}).get(f"{p}_us"))(c, p), fmt_us))
    header = ["", *names]
    body = []
    for label, get, show in rows:
        line = [label]
        for n in names:
            v = get(results[n])
            line.append("n/a" if v is None else show(v) + ("" if n == "Soundbite" else ratio(v, get(base))))
        body.append(line)
    widths = [max(len(str(r[i])) for r in [header] + body) for i in range(len(header))]
    out = [title, "| " + " | ".join(h.ljust(widths[i]) for i, h in enumerate(header)) + " |",
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for r in body:
        out.append("| " + " | ".join(str(x).ljust(widths[i]) if i == 0 else str(x).rjust(widths[i])
                                     for i, x in enumerate(r)) + " |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.path.join(ROOT, "Corpus"))
    ap.add_argument("--scale", type=float, default=None, help="resample the corpus to this many hours")
    ap.add_argument("--queries", type=int, default=300, help="queries per class (default 300)")
    ap.add_argument("--passes", type=int, default=3, help="timed passes after one warm-up pass (default 3)")
    ap.add_argument("--work", default=None, help="folder for indexes and files (default /tmp/soundbite-peers-…)")
    ap.add_argument("--venv", default=os.path.join(ROOT, ".venv-peers"))
    ap.add_argument("--engines", default="fts5,tantivy-default,tantivy-en_stem,bm25s,lucene-standard,lucene-english")
    ap.add_argument("--lucene-warmup", type=int, default=20,
                    help="untimed passes over the mix before Lucene's timed ones, for the JIT (default 20)")
    ap.add_argument("--check-hits", type=int, default=0, metavar="N",
                    help="compare the top 10 of the first N queries of each class across engines (see hits_check)")
    ap.add_argument("--skip-build", action="store_true", help="use the already built release binaries")
    ap.add_argument("--bin-dir", default=None, help="folder of release-built soundbite and soundbite-bench (skips the build)")
    ap.add_argument("--json", default=None, help="also write all figures to this file")
    ap.add_argument("--from-json", default=None, help="reprint the table of a run saved with --json, and exit")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        report, results = saved["soundbite_report"], saved["results"]
        if report.get("latency_top10_hits") and "Soundbite search()" not in results:
            results = {"Soundbite": results["Soundbite"],
                       "Soundbite search()": dict(results["Soundbite"], latency=report["latency_top10_hits"]),
                       **{k: v for k, v in results.items() if k != "Soundbite"}}
        print(table(results, f"{report['corpus']}: {report['hours']:.0f} h, {report['documents']} passages, "
                             f"{report['words']} words (saved run {args.from_json})"))
        return
    ensure_venv(os.path.abspath(args.venv))
    args.corpus = os.path.abspath(args.corpus)
    tag = os.path.basename(args.corpus.rstrip("/")) + (f"-{args.scale:g}h" if args.scale else "")
    work = args.work or f"/tmp/soundbite-peers-{tag}"
    os.makedirs(work, exist_ok=True)

    report, docs, queries = soundbite(args, work)
    results = {"Soundbite": {
        "build_cpu_s": report["build_seconds"] + report["write_seconds"],
        "build_wall_s": report["build_wall_seconds"] + report["write_wall_seconds"],
        "index_bytes": report["index_bytes"],
        "latency": report["latency_top10"],
    }}
    if report.get("latency_top10_hits"):
        results["Soundbite search()"] = dict(results["Soundbite"], latency=report["latency_top10_hits"])
    if report.get("latency_top10_hits_facets"):
        results["Soundbite search()+facets"] = dict(results["Soundbite"], latency=report["latency_top10_hits_facets"])
    engines = {"fts5": lambda: FTS5(work), "tantivy-default": lambda: Tantivy(work, "default"),
               "tantivy-en_stem": lambda: Tantivy(work, "en_stem"), "bm25s": lambda: BM25S(work),
               "lucene-standard": lambda: Lucene(work, "standard", args.lucene_warmup),
               "lucene-english": lambda: Lucene(work, "english", args.lucene_warmup)}
    built = {}
    for key in args.engines.split(","):
        engine = engines[key]()
        print(f"peers: {engine.name}: building", file=sys.stderr)
        if hasattr(engine, "measured_build"):
            size, cpu, wall = engine.measured_build(docs)
        else:
            size, cpu, wall = timed_build(lambda: engine.build(docs))
        print(f"peers: {engine.name}: querying", file=sys.stderr)
        latency = (engine.latency(queries, args.passes) if hasattr(engine, "latency")
                   else run_queries(engine, queries, args.passes))
        results[engine.name] = {"build_cpu_s": cpu, "build_wall_s": wall, "index_bytes": size, "latency": latency}
        built[key] = engine

    title = (f"{report['corpus']}{' resampled to %g h' % args.scale if args.scale else ''}: "
             f"{report['hours']:.0f} h, {report['documents']} passages, {report['words']} words, "
             f"{report['raw_text_bytes'] / 1e6:.1f} MB text; top 10, {args.queries} queries/class × {args.passes} passes; "
             f"latency = thread CPU time per query; ratio = engine / Soundbite top-10 retrieval; "
             f"'Soundbite search()' = the public search, building hits (text, snippet, timecode) too; "
             f"'search()+facets' = the same counting facets (SearchOptions.countFacets, the default before issue 15)")
    print(table(results, title))
    print(f"\nversions: {versions()}; Soundbite build = in-memory build + atomic write; "
          f"peers' build = insert + commit (+ FTS5 optimize, tantivy merges)")
    hits = None
    if args.check_hits:
        hits = hits_check(built, queries, args.check_hits, os.path.join(work, "soundbite.sbx"))
        print(f"\nhits check, first {args.check_hits} queries of each class (score ratio = second / first engine):")
        print(hits_table(hits))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"soundbite_report": report, "results": results, "versions": versions(), "hits_check": hits},
                      f, indent=1)


if __name__ == "__main__":
    main()
