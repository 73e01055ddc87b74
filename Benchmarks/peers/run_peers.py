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
The "build process" rows are each builder's whole process as wait4 reports
it (user + system CPU of every thread, and peak RSS): Soundbite's is a fresh
`soundbite index CORPUS -o …` (reading the transcripts included; the bench's
"build, CPU s" is the in-memory build and write of the already-read corpus,
every thread of the process, getrusage RUSAGE_SELF), tantivy's a Python child building from the exported
passages, Lucene's the java process.

At scale (10,000 h):
- the exported passages are streamed from `docs.jsonl` (never all in
  memory; only FTS5 and bm25s, run in this process, load them);
- tantivy's and Lucene's built indexes are kept in `--cache` (default
  /tmp/soundbite-peers-cache), one folder per engine, keyed by the sha256 of
  the exported passages and the engine's recipe (version, tokenizer or
  analyzer, the source of sbeval.py / LuceneHarness.java). A re-run whose
  Soundbite exports the same passages (new search code, same corpus) reuses
  them: it re-times their queries in the same run and prints their build
  figures from the cache, with a note saying so. `--rebuild-peers` builds
  them again; `--cache none` keeps nothing;
- `--queries`, `--passes` and `--lucene-warmup` shorten the query passes;
  `--engines none` times Soundbite alone; `--no-cli-build` skips the extra
  `soundbite index` run;
- the wall time of each step is printed at the end and kept in the JSON
  (`stage_seconds`), with the load average.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
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


def run_child(command, capture=True, **kwargs):
    """Runs `command` to its end and returns (stdout text, figures), figures
    being the child's own resource usage from wait4: `process_cpu_s` (user +
    system, all its threads, start-up included), `peak_rss_bytes` (ru_maxrss)
    and `wall_s`. Exits on a non-zero status."""
    w0 = time.perf_counter()
    stdout = kwargs.pop("stdout", subprocess.PIPE if capture else None)
    child = subprocess.Popen(command, stdout=stdout, text=True, **kwargs)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.stdout:
        child.stdout.close()
    if child.returncode != 0:
        sys.exit(f"peers: {' '.join(command)} failed with status {child.returncode}")
    return out, {"process_cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_bytes": usage.ru_maxrss * 1024,
                 "wall_s": time.perf_counter() - w0}


def iter_docs(path):
    """The exported passages of `path` (JSON lines), one dict at a time, so
    10,000 hours of passages never sit in memory at once."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Stages:
    """Wall time of each step of the run, printed at the end (what fits in how long)."""

    def __init__(self):
        self.start, self.seconds = time.perf_counter(), {}

    def run(self, name, fn):
        t0 = time.perf_counter()
        print(f"peers: {name} ({datetime.datetime.utcnow():%H:%M:%S} UTC)", file=sys.stderr)
        result = fn()
        self.seconds[name] = self.seconds.get(name, 0) + time.perf_counter() - t0
        return result

    def line(self):
        total = time.perf_counter() - self.start
        return (f"run wall time {total / 60:.1f} min: "
                + ", ".join(f"{k} {v:.0f} s" for k, v in self.seconds.items()))


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
    """`sbeval.Tantivy` in a folder (so its size counts); hits counted, not read.
    Built in a child process (`--internal-build-tantivy`), so its peak RSS and
    CPU are its own, then opened here for the queries."""

    def __init__(self, work, tokenizer):
        self.tokenizer = tokenizer
        self.key = f"tantivy-{tokenizer}"
        self.name = f"tantivy {tokenizer}"

    def recipe(self):
        """What the built index depends on besides the passages."""
        import tantivy
        return (f"tantivy {getattr(tantivy, '__version__', '?')} tokenizer {self.tokenizer} "
                f"sbeval {file_sha256(sbeval.__file__)}")

    def build_into(self, docs_file, folder):
        """Builds the index into `folder`/index; returns the build figures."""
        path = os.path.join(folder, "index")
        out, child = run_child([sys.executable, os.path.abspath(__file__), "--internal-build-tantivy",
                                self.tokenizer, docs_file, path])
        report = json.loads(out)
        return {"build_cpu_s": report["build_cpu_s"], "build_wall_s": report["build_wall_s"],
                "documents": report["documents"], "index_bytes": dir_size(path), **child}

    def open(self, folder):
        import tantivy
        engine = sbeval.Tantivy([], self.tokenizer)  # empty, in memory: for its schema and query building
        engine.index = tantivy.Index(engine.schema, path=os.path.join(folder, "index"), reuse=True)
        engine.index.reload()
        engine.searcher = engine.index.searcher()
        self.engine = engine

    def supports(self, q):
        return True

    def prepare(self, q):
        return query_args(q)

    def search(self, q, args):
        return self.engine.search(**args, count=False, ids=False)


def internal_build_tantivy(tokenizer, docs_file, path):
    """The child process of Tantivy.build_into: builds, prints its figures as
    JSON (process CPU time and wall time of the build alone, reading the
    passages file included, interpreter start excluded)."""
    count = [0]

    def counted():
        for d in iter_docs(docs_file):
            count[0] += 1
            yield d
    c0, w0 = time.process_time(), time.perf_counter()
    sbeval.Tantivy(counted(), tokenizer, path=path)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(json.dumps({"build_cpu_s": cpu, "build_wall_s": wall, "documents": count[0]}))


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
    thread's CPU time after `warmup` untimed passes. It builds and times itself
    in its own JVM, and times its queries in another, so it has `latency`
    instead of `search`."""

    def __init__(self, work, analyzer, warmup, prefix="constant"):
        # `prefix`: how a prefix query scores (LuceneHarness.java): "constant", Lucene's default, or
        # "bm25", the sum of its terms' BM25 as Soundbite scores it (a key of its own, the same index).
        self.analyzer, self.warmup, self.prefix = analyzer, warmup, prefix
        self.key = f"lucene-{analyzer}" + ("" if prefix == "constant" else f"-{prefix}prefix")
        self.name = f"Lucene {analyzer}" + ("" if prefix == "constant" else f" ({prefix} prefix)")
        self.work = work
        self.classpath = lucene_classpath(os.path.join(ROOT, ".build-lucene"))
        self.top = None

    def java(self, *args):
        return run_child(["java", "-cp", self.classpath, "LuceneHarness", *args])

    def recipe(self):
        import glob
        jars = [os.path.basename(sorted(glob.glob(os.path.join("/usr/share/java", j)))[-1]) for j in LUCENE_JARS]
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
        return (f"{' '.join(jars)} {java[0] if java else '?'} analyzer {self.analyzer} "
                f"harness {file_sha256(os.path.join(HERE, 'LuceneHarness.java'))}")

    def build_into(self, docs_file, folder):
        """Builds the index into `folder`/index: `build_cpu_s`/`build_wall_s`
        are the JVM's own process CPU time (all threads: merges, JIT, GC) and
        wall time from reading the passages to the committed one-segment
        index, JVM start excluded; `process_cpu_s` and `peak_rss_bytes` are
        the whole java process's (wait4)."""
        docs_tsv = os.path.join(self.work, "lucene-docs.tsv")
        count = 0
        with open(docs_tsv, "w", encoding="utf-8") as out:
            for d in iter_docs(docs_file):
                out.write("\t".join(tsv_field(d[k]) for k in ("id", "role", "chapter", "text")) + "\n")
                count += 1
        path = os.path.join(folder, "index")
        shutil.rmtree(path, ignore_errors=True)
        out, child = self.java("build", self.analyzer, docs_tsv, path)
        os.remove(docs_tsv)
        report = json.loads(out)
        if report["documents"] != count:
            sys.exit(f"peers: Lucene indexed {report['documents']} of {count} passages")
        return {"build_cpu_s": report["build_cpu_s"], "build_wall_s": report["build_wall_s"],
                "documents": count, "index_bytes": dir_size(path), **child}

    def open(self, folder):
        self.path = os.path.join(folder, "index")

    def latency(self, queries, passes):
        """Per-class stats of the timed passes; keeps every query's top 10 (id, score) in `self.top`."""
        queries_file = os.path.join(self.work, "lucene-queries.tsv")
        with open(queries_file, "w") as out:
            for q in queries:
                out.write("\t".join(tsv_field(v) for v in (q["class"], q["kind"], q.get("edits"), q.get("role"),
                                                          q.get("chapter"), " ".join(q["words"]))) + "\n")
        samples_file = os.path.join(self.work, f"{self.key}-samples.tsv")
        top_file = os.path.join(self.work, f"{self.key}-top.tsv")
        self.java("query", self.analyzer, self.path, queries_file, str(self.warmup), str(passes),
                  samples_file, top_file, *([] if self.prefix == "constant" else [self.prefix]))
        os.remove(queries_file)
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

def soundbite(args, work, stages):
    """Runs the Swift bench (Soundbite's latency and in-memory build figures,
    the query mix, the saved index), exports the passages, and, unless
    `--no-cli-build`, times a fresh `soundbite index` of the corpus as a
    child process (all threads' CPU, peak RSS). Returns (bench report, CLI
    figures or None, passages file, queries)."""
    if not args.skip_build and not args.bin_dir:
        print("peers: swift build -c release --scratch-path .build-bench", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench"], cwd=ROOT, check=True)
    bin_dir = args.bin_dir or subprocess.run(
        ["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--show-bin-path"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    bin_dir = os.path.abspath(bin_dir)
    sbeval.SOUNDBITE = os.path.join(bin_dir, "soundbite")
    queries_file = os.path.join(work, "queries.jsonl")
    index_file = os.path.join(work, "soundbite.sbx")
    command = [os.path.join(bin_dir, "soundbite-bench"), "--corpus", args.corpus, "--format", "json",
               "--queries", str(args.queries), "--passes", str(args.passes),
               "--dump-queries", queries_file, "--save-index", index_file]
    if args.scale:
        command += ["--scale", str(args.scale)]
    print("peers: " + " ".join(command), file=sys.stderr)
    out, bench = stages.run("Soundbite bench", lambda: run_child(command))
    report = json.loads(out)
    report["bench_process"] = bench
    cli = None
    if not args.no_cli_build and not args.scale:
        cli_index = os.path.join(work, "soundbite-cli.sbx")
        if os.path.exists(cli_index):
            os.remove(cli_index)  # an existing file would be updated, not rebuilt
        index_command = [os.path.join(bin_dir, "soundbite"), "index", args.corpus, "-o", cli_index]
        print("peers: " + " ".join(index_command), file=sys.stderr)
        _, cli = stages.run("soundbite index", lambda: run_child(index_command, stdout=subprocess.DEVNULL))
        cli["index_bytes"] = os.path.getsize(cli_index)
        os.remove(cli_index)
    docs_file = os.path.join(work, "docs.jsonl")
    with open(docs_file, "w") as f:
        stages.run("export", lambda: run_child([os.path.join(bin_dir, "soundbite"), "export", "-i", index_file],
                                               stdout=f))
    with open(queries_file) as f:
        queries = [json.loads(line) for line in f if line.strip()]
    return report, cli, docs_file, queries


def prepare_peers(args, work, stages):
    """`--prepare-peers`: `soundbite index` (timed), export, peers built into the cache."""
    if args.cache == "none":
        sys.exit("peers: --prepare-peers fills the cache; give --cache DIR")
    bin_dir = os.path.abspath(args.bin_dir or os.path.join(ROOT, ".build-bench", "release"))
    cli_index = os.path.join(work, "soundbite-cli.sbx")
    if os.path.exists(cli_index):
        os.remove(cli_index)
    index_command = [os.path.join(bin_dir, "soundbite"), "index", args.corpus, "-o", cli_index]
    print("peers: " + " ".join(index_command), file=sys.stderr)
    _, cli = stages.run("soundbite index", lambda: run_child(index_command, stdout=subprocess.DEVNULL))
    cli["index_bytes"] = os.path.getsize(cli_index)
    with open(os.path.join(work, "soundbite-index.json"), "w") as f:
        json.dump(dict(cli, corpus=args.corpus, binary=index_command[0],
                       at=datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")), f, indent=1)
    print(f"soundbite index: {cli['process_cpu_s']:.2f} s CPU, {cli['wall_s']:.2f} s wall, "
          f"peak RSS {cli['peak_rss_bytes'] / 2**20:.0f} MiB, {cli['index_bytes']} bytes")
    docs_file = os.path.join(work, "docs.jsonl")
    with open(docs_file, "w") as f:
        stages.run("export", lambda: run_child([index_command[0], "export", "-i", cli_index], stdout=f))
    os.remove(cli_index)
    docs_sha = stages.run("hash passages", lambda: file_sha256(docs_file))
    cache = BuildCache(os.path.abspath(args.cache), work, docs_sha)
    engines = {"tantivy-default": lambda: Tantivy(work, "default"), "tantivy-en_stem": lambda: Tantivy(work, "en_stem"),
               "lucene-standard": lambda: Lucene(work, "standard", args.lucene_warmup),
               "lucene-english": lambda: Lucene(work, "english", args.lucene_warmup),
               "lucene-standard-bm25prefix": lambda: Lucene(work, "standard", args.lucene_warmup, "bm25")}
    for key in [k for k in args.engines.split(",") if k in engines]:
        engine = engines[key]()
        figures = stages.run(f"{engine.name} build", lambda: cache.build(engine, docs_file, args.rebuild_peers))
        print(f"{engine.name}: {'kept' if figures.get('cached_from') else 'built'}: {figures['build_cpu_s']:.2f} s CPU, "
              f"process {figures['process_cpu_s']:.2f} s, peak RSS {figures['peak_rss_bytes'] / 2**20:.0f} MiB, "
              f"{figures['index_bytes'] / 1e6:.1f} MB")
    print(stages.line() + f"; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


# ---------------------------------------------------------------- peer index cache

class BuildCache:
    """Peer indexes already built, kept between runs: one folder per engine and
    exported passages, `ROOT/ENGINE-KEY/` with `index/` and `build.json` (the
    figures measured when it was built), KEY being a hash of the passages file
    (sha256) and the engine's recipe (its version and settings, the harness's
    source). A later run on the same passages re-times the queries on the
    kept index and reports the kept build figures, marked as such. With no
    root (`--cache none`) every index is built afresh in the work folder."""

    def __init__(self, root, work, docs_sha):
        self.root, self.work, self.docs_sha = root, work, docs_sha

    def folder(self, engine):
        if self.root is None:
            return os.path.join(self.work, engine.key), False
        key = hashlib.sha256(f"{self.docs_sha}\n{engine.recipe()}".encode()).hexdigest()[:20]
        return os.path.join(self.root, f"{engine.key}-{key}"), True

    def build(self, engine, docs_file, rebuild=False):
        """Opens `engine` on its index, building it unless kept; returns its build figures
        (with `cached_from`, the UTC time it was built, when kept)."""
        folder, kept = self.folder(engine)
        record = os.path.join(folder, "build.json")
        if kept and not rebuild and os.path.exists(record):
            with open(record) as f:
                figures = json.load(f)
            figures["cached_from"] = figures["built_at"]
        else:
            building = folder + ".partial"
            shutil.rmtree(building, ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(building)
            figures = engine.build_into(docs_file, building)
            figures.update(built_at=datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"),
                           docs_sha256=self.docs_sha, recipe=engine.recipe() if kept else None)
            with open(os.path.join(building, "build.json"), "w") as f:
                json.dump(figures, f, indent=1)
            os.rename(building, folder)
        engine.open(folder)
        return figures


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
            ("build process, CPU s", lambda r: r.get("process_cpu_s"), lambda v: f"{v:.2f} s"),
            ("build process, peak RSS", lambda r: r.get("peak_rss_bytes"), lambda v: f"{v / 2**20:.0f} MiB"),
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
    ap.add_argument("--cache", default="/tmp/soundbite-peers-cache",
                    help="folder keeping built tantivy and Lucene indexes between runs, keyed by the exported "
                         "passages' sha256 and the engine's recipe (default /tmp/soundbite-peers-cache; "
                         "'none': build every index afresh in the work folder)")
    ap.add_argument("--rebuild-peers", action="store_true",
                    help="build tantivy and Lucene again even when the cache has their index (and keep the new one)")
    ap.add_argument("--prepare-peers", action="store_true",
                    help="only fill the cache: a timed fresh `soundbite index CORPUS` (its figures in "
                         "WORK/soundbite-index.json), its export, and every requested tantivy/Lucene index built "
                         "into --cache; no bench, no queries (a later full run on the same passages reuses them)")
    ap.add_argument("--no-cli-build", action="store_true",
                    help="skip timing a fresh `soundbite index CORPUS` (process CPU of all threads, peak RSS)")
    if len(sys.argv) == 5 and sys.argv[1] == "--internal-build-tantivy":
        internal_build_tantivy(*sys.argv[2:])
        return
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
        cli = saved.get("soundbite_index")
        if cli:
            print(f"soundbite index: {cli['process_cpu_s']:.2f} s CPU, {cli['wall_s']:.2f} s wall, "
                  f"peak RSS {cli['peak_rss_bytes'] / 2**20:.0f} MiB, {cli['index_bytes']} bytes")
        for name, r in results.items():
            if r.get("cached_from"):
                print(f"{name}: build figures kept from its build at {r['cached_from']}")
        if saved.get("stage_seconds"):
            print("step wall times: " + ", ".join(f"{k} {v:.0f} s" for k, v in saved["stage_seconds"].items())
                  + f"; load average at the end {' '.join(f'{x:.1f}' for x in saved['load_average'])}")
        return
    ensure_venv(os.path.abspath(args.venv))
    args.corpus = os.path.abspath(args.corpus)
    tag = os.path.basename(args.corpus.rstrip("/")) + (f"-{args.scale:g}h" if args.scale else "")
    work = args.work or f"/tmp/soundbite-peers-{tag}"
    os.makedirs(work, exist_ok=True)

    stages = Stages()
    if args.prepare_peers:
        prepare_peers(args, work, stages)
        return
    report, cli, docs_file, queries = soundbite(args, work, stages)
    results = {"Soundbite": {
        "build_cpu_s": report["build_seconds"] + report["write_seconds"],
        "build_wall_s": report["build_wall_seconds"] + report["write_wall_seconds"],
        "index_bytes": report["index_bytes"],
        "latency": report["latency_top10"],
    }}
    if cli:
        results["Soundbite"].update(process_cpu_s=cli["process_cpu_s"], peak_rss_bytes=cli["peak_rss_bytes"])
    if report.get("latency_top10_hits"):
        results["Soundbite search()"] = dict(results["Soundbite"], latency=report["latency_top10_hits"])
    if report.get("latency_top10_hits_facets"):
        results["Soundbite search()+facets"] = dict(results["Soundbite"], latency=report["latency_top10_hits_facets"])
    engines = {"fts5": lambda: FTS5(work), "tantivy-default": lambda: Tantivy(work, "default"),
               "tantivy-en_stem": lambda: Tantivy(work, "en_stem"), "bm25s": lambda: BM25S(work),
               "lucene-standard": lambda: Lucene(work, "standard", args.lucene_warmup),
               "lucene-english": lambda: Lucene(work, "english", args.lucene_warmup),
               "lucene-standard-bm25prefix": lambda: Lucene(work, "standard", args.lucene_warmup, "bm25")}
    keys = [k for k in args.engines.split(",") if k and k != "none"]
    unknown = [k for k in keys if k not in engines]
    if unknown:
        sys.exit(f"peers: unknown engine(s) {', '.join(unknown)} (known: {', '.join(engines)})")
    docs_sha = stages.run("hash passages", lambda: file_sha256(docs_file))
    cache = BuildCache(None if args.cache == "none" else os.path.abspath(args.cache), work, docs_sha)
    docs = None  # the passages in memory, only for the in-process engines (FTS5, bm25s)
    built, notes = {}, []
    for key in keys:
        engine = engines[key]()
        if hasattr(engine, "build_into"):
            figures = stages.run(f"{engine.name} build", lambda: cache.build(engine, docs_file, args.rebuild_peers))
            if figures.get("cached_from"):
                notes.append(f"{engine.name}: index and build figures kept from its build at {figures['cached_from']} "
                             f"(same passages, sha256 {docs_sha[:12]}…, same recipe); its queries timed in this run")
        else:
            if docs is None:
                docs = list(iter_docs(docs_file))
            size, cpu, wall = stages.run(f"{engine.name} build", lambda: timed_build(lambda: engine.build(docs)))
            figures = {"build_cpu_s": cpu, "build_wall_s": wall, "index_bytes": size}
        latency = stages.run(f"{engine.name} queries",
                             lambda: engine.latency(queries, args.passes) if hasattr(engine, "latency")
                             else run_queries(engine, queries, args.passes))
        results[engine.name] = dict(figures, latency=latency)
        built[key] = engine

    title = (f"{report['corpus']}{' resampled to %g h' % args.scale if args.scale else ''}: "
             f"{report['hours']:.0f} h, {report['documents']} passages, {report['words']} words, "
             f"{report['raw_text_bytes'] / 1e6:.1f} MB text; top 10, {args.queries} queries/class × {args.passes} passes; "
             f"latency = thread CPU time per query; ratio = engine / Soundbite top-10 retrieval; "
             f"'Soundbite search()' = the public search, building hits (text, snippet, timecode) too; "
             f"'search()+facets' = the same counting facets (SearchOptions.countFacets, the default before issue 15)")
    print(table(results, title))
    print(f"\nversions: {versions()}; Soundbite build = the bench's in-memory build + atomic write "
          f"(CPU: the calling thread's only); peers' build = insert + commit (+ FTS5 optimize, tantivy merges); "
          f"'build process' = the whole building process by wait4 (user + system, every thread, start-up "
          f"included; Soundbite: a fresh `soundbite index CORPUS -o …`, reading the transcripts included; "
          f"tantivy: a Python child reading the exported passages; Lucene: the java process)")
    if cli:
        print(f"soundbite index: {cli['process_cpu_s']:.2f} s CPU, {cli['wall_s']:.2f} s wall, "
              f"peak RSS {cli['peak_rss_bytes'] / 2**20:.0f} MiB, {cli['index_bytes']} bytes "
              f"(the bench's in-memory build: {report['index_bytes']} bytes)")
    for note in notes:
        print(note)
    hits = None
    if args.check_hits:
        hits = hits_check(built, queries, args.check_hits, os.path.join(work, "soundbite.sbx"))
        print(f"\nhits check, first {args.check_hits} queries of each class (score ratio = second / first engine):")
        print(hits_table(hits))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"soundbite_report": report, "soundbite_index": cli, "results": results,
                       "versions": versions(), "hits_check": hits, "stage_seconds": stages.seconds,
                       "load_average": os.getloadavg(), "docs_sha256": docs_sha}, f, indent=1)
    print(stages.line() + f"; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
