"""Shared helpers for the evaluation scripts in Benchmarks/eval.

They drive the `soundbite` CLI as a black box (index, export, analyze,
search --queries) so the evaluations check exactly what a user gets.

Environment:
  SOUNDBITE   path of the soundbite binary
              (default: <repo>/.build-eval/release/soundbite)
  CORPUS      collection folder (default: <repo>/../shared/corpora/seenunseen)
"""

import json
import random
import os
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SOUNDBITE = os.environ.get("SOUNDBITE", os.path.join(REPO, ".build-eval", "release", "soundbite"))
CORPUS = os.environ.get("CORPUS", os.path.join(REPO, "..", "shared", "corpora", "seenunseen"))


def run(args, stdin_text=None):
    """Runs soundbite with `args` and returns its stdout (raises on failure)."""
    proc = subprocess.run([SOUNDBITE] + args, input=stdin_text, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"soundbite {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[:2000]}")
    return proc.stdout


def check_binary():
    if not os.path.exists(SOUNDBITE):
        sys.exit(f"no soundbite binary at {SOUNDBITE}: build it with\n"
                 f"  swift build -c release --scratch-path .build-eval\nor set SOUNDBITE=/path/to/soundbite")


def build_index(workdir, corpus=CORPUS):
    """Indexes `corpus` into a file in `workdir` and returns its path."""
    path = os.path.join(workdir, "corpus.sbx")
    run(["index", corpus, "-o", path])
    return path


def export_documents(index):
    """The documents exactly as indexed: list of dicts (id, interview, speaker, role, chapter, start, end, text)."""
    out = run(["export", "-i", index, "--format", "jsonl"])
    docs = [json.loads(line) for line in out.splitlines() if line.strip()]
    docs.sort(key=lambda d: d["id"])
    return docs


def analyze_many(texts):
    """Analyses every text with one `soundbite analyze -` call; returns one token list per text."""
    # One text per line: line breaks inside a text are only whitespace to the analyzer.
    payload = "\n".join(t.replace("\r", " ").replace("\n", " ") for t in texts) + "\n"
    out = run(["analyze", "-", "--format", "jsonl"], stdin_text=payload)
    lines = out.splitlines()
    if len(lines) != len(texts):
        sys.exit(f"analyze returned {len(lines)} lines for {len(texts)} texts")
    return [json.loads(line) for line in lines]


def search_batch(index, queries, extra_args=(), limit=10):
    """Runs `queries` (one per line) through `search --queries -` and returns
    (results, wall seconds). Each result is the JSON object for one query."""
    payload = "".join(q + "\n" for q in queries)
    args = ["search", "--queries", "-", "-i", index, "--format", "jsonl", "-n", str(limit)] + list(extra_args)
    t0 = time.perf_counter()
    out = run(args, stdin_text=payload)
    elapsed = time.perf_counter() - t0
    results = [json.loads(line) for line in out.splitlines() if line.strip()]
    if len(results) != len(queries):
        sys.exit(f"search --queries returned {len(results)} results for {len(queries)} queries")
    return results, elapsed


def workdir():
    return tempfile.mkdtemp(prefix="soundbite-eval-")


# ---------------------------------------------------------------- other engines
# Both index exactly the documents of `soundbite export` (id + text).

class FTS5:
    """SQLite FTS5 (porter unicode61 tokenizer), ranked by bm25() (k1=1.2, b=0.75).
    In memory by default; with a file `path` it is written there and `optimize`d
    (so its size on disk can be compared)."""

    name = "SQLite FTS5 (porter)"

    def __init__(self, docs, path=":memory:"):
        import sqlite3
        if path != ":memory:" and os.path.exists(path):
            os.remove(path)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(text, role UNINDEXED, chapter UNINDEXED, "
                        "tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO docs(rowid, text, role, chapter) VALUES (?, ?, ?, ?)",
                            [(d["id"], d["text"], d["role"], d["chapter"]) for d in docs])
        self.db.commit()
        if path != ":memory:":
            self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
            self.db.commit()

    @staticmethod
    def match_expr(words=(), phrase=None, prefix=None, operator="OR"):
        """An FTS5 MATCH expression: the words joined by `operator`, one quoted phrase, or a prefix."""
        def quoted(w):
            return '"' + w.replace('"', '""') + '"'
        if phrase is not None:
            return quoted(phrase)
        if prefix is not None:
            return quoted(prefix) + " *"
        return f" {operator} ".join(quoted(w) for w in words)

    def search_and_then_or(self, words, k=10):
        """What an FTS5 user writes to get Soundbite's `--all-first` order: the
        words AND'ed, then the OR'ed query fills the rest of the k places."""
        first = self.search(words, operator="AND", k=k)
        seen = set(first)
        return first + [d for d in self.search(words, k=k) if d not in seen][:k - len(first)]

    def search(self, words=(), phrase=None, prefix=None, role=None, chapter=None, k=10, operator="OR"):
        """Returns the ids of the top-k documents (role/chapter: exact-value filters;
        `operator` joins the words)."""
        sql = "SELECT rowid FROM docs WHERE docs MATCH ?"
        args = [self.match_expr(words, phrase, prefix, operator)]
        if role is not None:
            sql += " AND role = ?"
            args.append(role)
        if chapter is not None:
            sql += " AND chapter = ?"
            args.append(chapter)
        sql += " ORDER BY bm25(docs) LIMIT ?"
        args.append(k)
        return [r[0] for r in self.db.execute(sql, args)]


class Tantivy:
    """tantivy-py with a given tokenizer ('default' or 'en_stem'), BM25 ranking, one
    indexing thread, text stored. In memory by default, or in the folder `path`."""

    def __init__(self, docs, tokenizer="default", path=None):
        import tantivy
        self.tantivy = tantivy
        self.name = f"tantivy ({tokenizer})"
        sb = tantivy.SchemaBuilder()
        sb.add_integer_field("id", stored=True, indexed=True, fast=True)
        sb.add_text_field("text", stored=True, tokenizer_name=tokenizer)
        sb.add_text_field("role", tokenizer_name="raw")
        sb.add_text_field("chapter", tokenizer_name="raw")
        self.schema = sb.build()
        if path is not None:
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
        self.index = tantivy.Index(self.schema, path=path) if path is not None else tantivy.Index(self.schema)
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        for d in docs:
            writer.add_document(tantivy.Document(id=d["id"], text=d["text"], role=d["role"], chapter=d["chapter"]))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, words=(), phrase=None, prefix=None, fuzzy=None, role=None, chapter=None):
        """The query: words OR'ed, a phrase, a prefix, or a fuzzy (word, edits);
        role/chapter as required exact-term filters (a filter that matches adds
        the same score to every hit, so the order is unchanged)."""
        tantivy = self.tantivy
        if prefix is not None:
            query = tantivy.Query.regex_query(self.schema, "text", prefix + ".*")
        elif fuzzy is not None:
            query = tantivy.Query.fuzzy_term_query(self.schema, "text", fuzzy[0], distance=fuzzy[1],
                                                   transposition_cost_one=False)
        else:
            # Each word quoted (as for FTS5): tantivy's parser then analyses it, and
            # a word its tokenizer splits (isn't -> isn, t) becomes a phrase.
            q = f'"{phrase}"' if phrase is not None else " ".join(f'"{w}"' for w in words)
            query = self.index.parse_query(q, ["text"])
        filters = [tantivy.Query.term_query(self.schema, f, v) for f, v in (("role", role), ("chapter", chapter))
                   if v is not None]
        if not filters:
            return query
        clauses = [(tantivy.Occur.Must, query)] + [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0))
                                                   for f in filters]
        return tantivy.Query.boolean_query(clauses)

    def search(self, words=(), phrase=None, prefix=None, fuzzy=None, role=None, chapter=None, k=10, count=True,
               ids=True):
        """The ids of the top-k documents; with `ids=False` only how many there
        are (no stored-field reads, to time retrieval alone)."""
        q = self.query(words, phrase, prefix, fuzzy, role, chapter)
        hits = self.searcher.search(q, k, count=count).hits
        if not ids:
            return len(hits)
        return [self.searcher.doc(addr)["id"][0] for _, addr in hits]


def prepare(seed):
    """The common start of every evaluation: checks the binary, indexes the
    corpus into a fresh folder and exports it. Returns (rng, work folder,
    index path, exported documents)."""
    check_binary()
    work = workdir()
    index = build_index(work)
    return random.Random(seed), work, index, export_documents(index)
