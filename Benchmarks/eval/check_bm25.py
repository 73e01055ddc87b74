#!/usr/bin/env python3
"""Exactness check: Soundbite's BM25 top-10 against an independent BM25 in Python.

1. Indexes the seenunseen collection with `soundbite index`, exports every
   document (`soundbite export --format jsonl`) and analyses every document
   text with one `soundbite analyze - --format jsonl` call. The analysed
   tokens give tf, dl (= token count), avgdl, N and df, from which this script
   computes BM25 exactly as the SPEC defines it (Lucene idf, exact lengths,
   each distinct query term once; a phrase scores with tf = its match count
   and idf = the sum of its distinct terms' idf).
2. Generates queries (seeded): 1-4 words drawn from the corpus vocabulary in
   frequency bands (rare df<=5, mid df 6-500, common df>500, plus stop words
   such as "the"), some with an inflected duplicate ("farmer farmers"),
   exact phrases taken from the documents, and phrase + word mixes.
3. Runs them through `soundbite search --queries` (default k1/b, and again
   with other k1/b values) and compares the top-10 with the Python ranking,
   which scores every matching document (exhaustive). Soundbite prunes
   keyword queries with MaxScore, so equality proves pruned top-k ==
   exhaustive top-k. Scores must agree to a relative error < 1e-5; document
   ids must be equal except inside exact ties. Totals (matching documents)
   are compared too. A last batch adds the filter `--role guest` (filters
   must not change N, df or avgdl). Every batch runs with `--rank bm25`
   (plain score order; the default quote order is checked against a
   brute-force reference in Tests/SoundbiteTests/Search/QuoteOrderTests).
   The reference follows the SPEC's matching rules: a phrase is also found
   across the cut between two passages of one speaker turn (counted in the
   first), and a single word also matches its derived forms (another stem
   of which one is a prefix of the other, both >= 5 bytes, <= 4 apart),
   which add no score.

Usage: python3 Benchmarks/eval/check_bm25.py [--queries N] [--seed S]
Exit status 0 when everything matches, 1 otherwise.
"""

import argparse
import bisect
import math
import re
import sys
from collections import defaultdict

import sbeval

STOP = ["the", "and", "of", "to", "a", "is", "in", "that", "it", "not", "or", "you", "i", "was", "for"]
TOL = 1e-5


class PyBM25:
    """A straightforward in-memory BM25 over the analysed export."""

    def __init__(self, docs, tokens):
        self.N = len(docs)
        self.ids = [d["id"] for d in docs]
        # doc id -> the next doc id when it continues the same speaker turn
        turn = lambda d: (d["interview"], d["speaker"], d["role"], d["chapter"])
        self.next_in_turn = {a["id"]: b["id"] for a, b in zip(docs, docs[1:])
                             if b["id"] == a["id"] + 1 and turn(a) == turn(b)}
        self.dl = {}
        self.postings = defaultdict(dict)      # term -> {doc id: tf}
        self.positions = defaultdict(dict)     # term -> {doc id: [positions]}
        for d, toks in zip(docs, tokens):
            self.dl[d["id"]] = len(toks)
            for t in toks:
                p = self.postings[t["term"]]
                p[d["id"]] = p.get(d["id"], 0) + 1
                self.positions[t["term"]].setdefault(d["id"], []).append(t["position"])
        self.avgdl = sum(self.dl.values()) / self.N
        self.sorted_terms = sorted(self.postings, key=lambda t: t.encode())
        self.sorted_keys = [t.encode() for t in self.sorted_terms]

    def derived(self, stem):
        """Index terms related to `stem`: one a prefix of the other, both >= 5 bytes, 1-4 apart."""
        s = stem.encode()
        if len(s) < 5:
            return []
        out = [t for t in (s[:n].decode("utf-8", "ignore") for n in range(max(5, len(s) - 4), len(s)))
               if t in self.postings and len(t.encode()) >= 5]
        keys = self.sorted_keys
        i = bisect.bisect_left(keys, s)
        while i < len(keys) and keys[i].startswith(s):
            if 0 < len(keys[i]) - len(s) <= 4:
                out.append(self.sorted_terms[i])
            i += 1
        return out

    def idf(self, term):
        n = len(self.postings.get(term, ()))
        return math.log(1 + (self.N - n + 0.5) / (n + 0.5))

    def tf_score(self, idf, tf, dl, k1, b):
        return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / self.avgdl))

    def phrase_tf(self, terms):
        """{doc: number of positions where the phrase starts} for consecutive terms."""
        first = self.positions.get(terms[0], {})
        out = {}
        for doc, starts in first.items():
            others = []
            for t in terms[1:]:
                p = self.positions.get(t, {}).get(doc)
                if p is None:
                    break
                others.append(set(p))
            else:
                c = sum(1 for s in starts if all((s + i + 1) in others[i] for i in range(len(others))))
                if c:
                    out[doc] = c
        # Across the cut into the next passage of the same turn: positions
        # there follow the first passage's last one.
        if len(terms) > 1:
            for doc, starts in first.items():
                nxt = self.next_in_turn.get(doc)
                if nxt is None or nxt not in self.positions.get(terms[-1], {}):
                    continue
                shift = self.dl[doc]
                virtual = [set(self.positions.get(t, {}).get(doc, [])) |
                           {p + shift for p in self.positions.get(t, {}).get(nxt, [])} for t in terms[1:]]
                c = sum(1 for s in starts if s + len(terms) - 1 >= shift
                        and all((s + i + 1) in virtual[i] for i in range(len(virtual))))
                if c:
                    out[doc] = out.get(doc, 0) + c
        return out

    def rank(self, clauses, k1, b):
        """clauses: list of ("term", t) or ("phrase", [t...]); OR semantics.
        Returns {doc: score} over every matching document."""
        scores = defaultdict(float)
        seen = set()
        for kind, value in clauses:
            if kind == "term":
                if value in seen:
                    continue
                seen.add(value)
                idf = self.idf(value)
                matches = self.postings.get(value, {})
                for doc, tf in matches.items():
                    scores[doc] += self.tf_score(idf, tf, self.dl[doc], k1, b)
                if value in self.postings:
                    for t in self.derived(value):          # match, add no score
                        for doc in self.postings[t]:
                            scores[doc] += 0.0
            else:
                idf = sum(self.idf(t) for t in dict.fromkeys(value))
                matches = self.phrase_tf(value)
                for doc, tf in matches.items():
                    scores[doc] += self.tf_score(idf, tf, self.dl[doc], k1, b)
        return scores


def make_queries(engine, docs, tokens, count, rng):
    """Returns [(query string, clauses)] — clauses are filled in later from `analyze`."""
    surface_term = {}
    for toks in tokens:
        for t in toks:
            s = t["text"].lower()
            if re.fullmatch(r"[a-z]+", s) and s not in ("and", "or", "not"):
                surface_term.setdefault(s, t["term"])
    bands = {"rare": [], "mid": [], "common": []}
    for s, term in surface_term.items():
        df = len(engine.postings[term])
        bands["rare" if df <= 5 else "mid" if df <= 500 else "common"].append(s)
    for v in bands.values():
        v.sort()
    # Stop words: plain lowercase words that are not operators (AND/OR/NOT are uppercase only).
    stop = [w for w in STOP if w in surface_term] + ["and", "not", "or"]
    names = ["rare", "mid", "common", "stop"]
    queries = []
    n_keyword = int(count * 0.75)
    for _ in range(n_keyword):
        length = rng.choice([1, 1, 2, 2, 3, 4])
        words = []
        for _ in range(length):
            band = rng.choice(names)
            words.append(rng.choice(stop) if band == "stop" else rng.choice(bands[band]))
        queries.append(" ".join(words))
    # Duplicates by inflection: a distinct analysed term counts once.
    for w in rng.sample(bands["mid"], 10):
        queries.append(f"{w} {w}s the")
    # Exact phrases (2-3 consecutive words of a document), alone or with a word.
    while len(queries) < count:
        toks = tokens[rng.randrange(len(tokens))]
        if len(toks) < 4:
            continue
        n = rng.choice([2, 3])
        i = rng.randrange(len(toks) - n)
        words = [t["text"].lower() for t in toks[i:i + n]]
        if not all(re.fullmatch(r"[a-z]+", w) and w not in ("and", "or", "not") for w in words):
            continue
        q = '"' + " ".join(words) + '"'
        if rng.random() < 0.4:
            q += " " + rng.choice(bands["mid"])
        queries.append(q)
    return queries


def clauses_for(queries):
    """Analyses each query part with `soundbite analyze` (the same analyzer the index used)."""
    parts = []
    for q in queries:
        phrases = re.findall(r'"([^"]*)"', q)
        words = re.sub(r'"[^"]*"', " ", q).split()
        parts.append((phrases, words))
    texts = []
    for phrases, words in parts:
        texts.extend(phrases)
        texts.extend(words)
    analysed = iter(sbeval.analyze_many(texts))
    result = []
    for phrases, words in parts:
        clauses = []
        for _ in phrases:
            clauses.append(("phrase", [t["term"] for t in next(analysed)]))
        for _ in words:
            terms = [t["term"] for t in next(analysed)]
            clauses.append(("term", terms[0]) if len(terms) == 1 else ("phrase", terms))
        result.append(clauses)
    return result


def compare(engine, queries, clauses, results, k1, b, keep=None, k=10):
    """Compares one batch; returns (max relative error, list of mismatch descriptions).
    `keep` is the set of documents a filter lets through (None: all)."""
    max_rel = 0.0
    problems = []
    for q, cl, res in zip(queries, clauses, results):
        scores = engine.rank(cl, k1, b)
        if keep is not None:
            scores = {d: s for d, s in scores.items() if d in keep}
        expected = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        hits = res["hits"]
        if res["total"] != len(scores):
            problems.append(f"{q!r}: total {res['total']} != python {len(scores)}")
        if len(hits) != len(expected):
            problems.append(f"{q!r}: {len(hits)} hits != python {len(expected)}")
            continue
        for rank, (hit, (doc, s)) in enumerate(zip(hits, expected), 1):
            rel = abs(hit["score"] - s) / max(abs(s), 1e-300)
            max_rel = max(max_rel, rel)
            if rel >= TOL:
                problems.append(f"{q!r} rank {rank}: score {hit['score']!r} != python {s!r} (doc {hit['document']} vs {doc})")
            elif hit["document"] != doc:
                # Allowed only inside an exact tie: the hit's python score must equal the expected one.
                mine = scores.get(hit["document"])
                if mine is None or abs(mine - s) > 1e-12 * abs(s):
                    problems.append(f"{q!r} rank {rank}: doc {hit['document']} (py score {mine}) != python doc {doc} ({s})")
    return max_rel, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    rng, work, index, docs = sbeval.prepare(args.seed)
    tokens = sbeval.analyze_many([d["text"] for d in docs])
    engine = PyBM25(docs, tokens)
    print(f"corpus: {sbeval.CORPUS}\ndocuments N={engine.N}, avgdl={engine.avgdl:.4f}, terms={len(engine.postings)}")

    queries = make_queries(engine, docs, tokens, args.queries, rng)
    clauses = clauses_for(queries)

    # A filter never changes N, df or avgdl: the guests' top-10 is the python ranking restricted to them.
    guests = {d["id"] for d in docs if d["role"] == "guest"}
    settings = [(1.2, 0.75, [], None, "-"),
                (2.0, 0.3, ["--k1", "2.0", "--b", "0.3"], None, "-"),
                (0.5, 1.0, ["--k1", "0.5", "--b", "1.0"], None, "-"),
                (1.2, 0.75, ["--role", "guest"], guests, "role=guest")]
    all_ok = True
    print(f"\n{'k1':>4} {'b':>5} {'filter':>10} {'queries':>8} {'compared hits':>14} {'max rel err':>12} {'mismatches':>11}")
    for k1, b, extra, keep, label in settings:
        results, _ = sbeval.search_batch(index, queries, ["--rank", "bm25"] + extra)
        max_rel, problems = compare(engine, queries, clauses, results, k1, b, keep)
        compared = sum(len(r["hits"]) for r in results)
        print(f"{k1:>4} {b:>5} {label:>10} {len(queries):>8} {compared:>14} {max_rel:>12.3e} {len(problems):>11}")
        for p in problems[:20]:
            print("   ", p)
        all_ok &= not problems
    kinds = {"phrase": sum('"' in q for q in queries), "keyword": sum('"' not in q for q in queries)}
    print(f"\nquery mix: {kinds['keyword']} keyword (1-4 words, rare/mid/common/stop bands), {kinds['phrase']} with phrases")
    print("reference: Python scores every matching document (exhaustive); Soundbite prunes with MaxScore")
    print("RESULT:", "all top-10 equal" if all_ok else "MISMATCHES FOUND")
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
