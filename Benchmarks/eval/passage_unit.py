#!/usr/bin/env python3
"""Which unit of retrieval finds quotes best: the passage word budget swept.

Soundbite ranks passages: consecutive cues of one speaker in one chapter,
closed at the first sentence end after `--passage-words` words (or at twice
that). This indexes the corpus with several budgets — 1 (in effect one cue
per passage), 10, 20, 30, 40, 60, 120 and 100000 (a whole speaker turn) — and runs the same 500 quote queries as quote_finding.py (exact and
inflected words; the queries are drawn once, from the default index).

Two criteria, because a longer passage "covers" more of the recording by
definition:
  covers  the hit's passage (export start..end) contains the cue's start;
  lands   the hit's `start` — the cue of the passage a player jumps to (the
          first of its cues holding the most matched words) — is within 10 s
          of the cue's start. This is what
          the user feels: press play and hear the quote.

Usage: .venv-eval/bin/python Benchmarks/eval/passage_unit.py [--cues 500]
"""

import argparse
import os

import sbeval
from quote_finding import metrics, sample_items

BUDGETS = [1, 10, 20, 30, 40, 60, 120, 100000]
LAND_SECONDS = 10.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cues", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--rank", choices=["quote", "bm25"], default="quote", help="the order to search with (default: quote)")
    args = ap.parse_args()
    rng, work, _, docs = sbeval.prepare(args.seed)
    items = sample_items(docs, args.cues, rng)

    print(f"| passage words | passages | mean s | form | covers S@1 | S@10 | MRR@10 | lands S@1 | S@10 | MRR@10 |")
    print(f"|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for budget in BUDGETS:
        path = os.path.join(work, f"p{budget}.sbx")
        sbeval.run(["index", sbeval.CORPUS, "-o", path, "--passage-words", str(budget)])
        docs = {d["id"]: d for d in sbeval.export_documents(path)}
        mean = sum(d["end"] - d["start"] for d in docs.values()) / len(docs)
        for form in ("exact", "inflected"):
            results, _ = sbeval.search_batch(path, [" ".join(it[form]) for it in items],
                                             ["--rank", args.rank])
            hits = [{h["document"]: h for h in r["hits"]} for r in results]
            ranked = [[h["document"] for h in r["hits"]] for r in results]

            def covers(cue):
                return lambda i: docs[i]["interview"] == cue["interview"] and docs[i]["start"] <= cue["start"] <= docs[i]["end"]

            def lands(cue, by_doc):
                return lambda i: by_doc[i]["interview"] == cue["interview"] and abs(by_doc[i]["start"] - cue["start"]) <= LAND_SECONDS

            c = metrics(ranked, [covers(it["cue"]) for it in items])
            l = metrics(ranked, [lands(it["cue"], h) for it, h in zip(items, hits)])
            print(f"| {budget} | {len(docs)} | {mean:.1f} | {form} | {c[0]:.3f} | {c[1]:.3f} | {c[2]:.3f} | {l[0]:.3f} | {l[1]:.3f} | {l[2]:.3f} |")


if __name__ == "__main__":
    main()
