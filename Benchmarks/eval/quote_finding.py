#!/usr/bin/env python3
"""Quote finding on real transcripts: Soundbite vs SQLite FTS5 vs tantivy.

Takes 500 cues of 12+ words from the seenunseen WebVTT files (parsed here,
independently of Soundbite; seeded random sample). For each cue it builds a
query of its 3-5 rarest words (document frequency over the exported
documents; 3, 4 or 5 chosen at random) and an inflected variant of the same
query (rules in `inflect`). Every engine indexes exactly the documents of
`soundbite export` and answers the words OR'ed:

  - Soundbite: `soundbite search --queries` (BM25, its own analyzer/stemmer),
    in the default quote order and with `--rank bm25` (score order)
  - SQLite FTS5: tokenize='porter unicode61', ORDER BY bm25()
  - tantivy (Python package): tokenizer 'default' and 'en_stem'
  - FTS5 again, the words AND'ed first and the OR'ed query filling the rest:
    what an FTS5 user would write to get passages with every word first

A hit is correct when it is the document (passage) that contains the cue's
moment: same interview, and the passage's [start, end) from the export covers
the cue's start. Reports success@1, success@10 and MRR@10 per engine and
query form.

Usage: .venv-eval/bin/python Benchmarks/eval/quote_finding.py [--cues 500] [--seed S]
"""

import argparse
import json
import os
import re
import unicodedata
from collections import Counter

import sbeval


def words_of(text):
    """Lowercased words as a user would type them: runs of letters and
    combining marks (so Devanagari words stay whole), with inner apostrophes
    kept (isn't, India's; ’ becomes '); digits and other punctuation separate words."""
    out, cur = [], []
    text = text.lower().replace("\u2019", "'")
    for i, ch in enumerate(text):
        if unicodedata.category(ch)[0] in "LM":
            cur.append(ch)
        elif ch == "'" and cur and i + 1 < len(text) and unicodedata.category(text[i + 1])[0] == "L":
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


# ---------------------------------------------------------------- WebVTT
TIMING = re.compile(r"(\d+:)?(\d+):(\d+)[.,](\d+)\s+-->\s+(\d+:)?(\d+):(\d+)[.,](\d+)")
LABEL = re.compile(r"^\s*\[([^\]]+)\]\s*:\s*")


def seconds(h, m, s, frac):
    return int((h or "0:")[:-1]) * 3600 + int(m) * 60 + int(s) + int(frac) / 10 ** len(frac)


def parse_vtt(path):
    """Cues of one WebVTT file as (start, end, text, speaker) with the [Speaker]: label
    removed from the text (a cue without a label keeps the previous cue's speaker)."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues, i, speaker = [], 0, ""
    while i < len(lines):
        m = TIMING.search(lines[i])
        if not m:
            i += 1
            continue
        g = m.groups()
        start, end = seconds(*g[0:4]), seconds(*g[4:8])
        i += 1
        text = []
        while i < len(lines) and lines[i].strip():
            text.append(lines[i].strip())
            i += 1
        body = re.sub(r"<[^>]*>", "", " ".join(text))
        label = LABEL.match(body)
        if label:
            speaker = label.group(1).strip()
        cues.append((start, end, LABEL.sub("", body), speaker))
    return cues


def load_cues(corpus):
    """All cues of the collection, in order: dicts with interview, start, end, text, speaker."""
    with open(os.path.join(corpus, "collection.json"), encoding="utf-8") as f:
        manifest = json.load(f).get("interviews", {})
    out = []
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".vtt") or name.endswith(".chapters.vtt"):
            continue
        interview = manifest.get(name, {}).get("id", name[:-4])
        for start, end, text, speaker in parse_vtt(os.path.join(corpus, name)):
            out.append({"interview": interview, "start": start, "end": end, "text": text, "speaker": speaker})
    return out


# ---------------------------------------------------------------- inflection
VOWELS = set("aeiou")


def inflect(w):
    """A simple rule-based inflector, first matching rule wins:
      word with an apostrophe, or not plain a-z -> unchanged (isn't, india's, Devanagari)
      -ies -> -y          (policies -> policy)
      -ing -> -ed         (working -> worked; doubled consonant undoubled: stopping -> stoped)
      -ied -> -ying       (studied -> studying)
      -ed  -> -ing        (worked -> working, used -> using, stopped -> stopping)
      -ly  -> (drop)      (quickly -> quick)
      -s   -> (drop)      (farmers -> farmer; not -ss/-us/-is)
      consonant+y -> -ies (policy -> policies)
      -s/-x/-z/-ch/-sh -> +es (tax -> taxes)
      otherwise -> +s     (farmer -> farmers)
    """
    if not re.fullmatch(r"[a-z]+", w):
        return w
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 5 and w.endswith("ing"):
        stem = w[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS and stem[-1] not in "ls":
            stem = stem[:-1]
        return stem + "ed"
    if len(w) > 4 and w.endswith("ied"):
        return w[:-3] + "ying"
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2] + "ing"        # worked -> working, used -> using, stopped -> stopping
    if len(w) > 4 and w.endswith("ly"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    if len(w) > 2 and w.endswith("y") and w[-2] not in VOWELS:
        return w[:-1] + "ies"
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return w + "es"
    return w + "s"


# ---------------------------------------------------------------- evaluation
def metrics(ranked_lists, correct):
    """success@1, success@10, MRR@10 over queries; ranked_lists[i] is a list of doc ids."""
    s1 = s10 = mrr = 0.0
    for docs, ok in zip(ranked_lists, correct):
        for rank, d in enumerate(docs[:10], 1):
            if ok(d):
                s1 += rank == 1
                s10 += 1
                mrr += 1 / rank
                break
    n = len(ranked_lists)
    return s1 / n, s10 / n, mrr / n


def sample_items(docs, count, rng):
    """`count` cues of 12+ words, each with its query: 3-5 of its rarest words
    (df over `docs`) and the inflected variant of those words."""
    df = Counter()
    for d in docs:
        df.update(set(words_of(d["text"])))
    cues = [c for c in load_cues(sbeval.CORPUS) if len(c["text"].split()) >= 12]
    items = []
    for c in rng.sample(cues, count):
        words = list(dict.fromkeys(w for w in words_of(c["text"]) if len(w) >= 3 and df[w] > 0))
        order = sorted(range(len(words)), key=lambda i: (df[words[i]], i))   # rarest first, then text order
        chosen = [words[i] for i in order[:rng.choice([3, 4, 5])]]
        items.append({"cue": c, "exact": chosen, "inflected": [inflect(w) for w in chosen]})
    return items


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cues", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    rng, work, index, docs = sbeval.prepare(args.seed)
    by_id = {d["id"]: d for d in docs}
    items = sample_items(docs, args.cues, rng)

    def covers(cue):
        def ok(doc_id):
            d = by_id[doc_id]
            return d["interview"] == cue["interview"] and (d["start"] <= cue["start"] < d["end"] or d["start"] == cue["start"])
        return ok

    correct = [covers(it["cue"]) for it in items]
    # Every cue must be findable: exactly one passage covers it.
    unreachable = sum(1 for ok in correct if not any(ok(d["id"]) for d in docs))

    # The same documents indexed without stemming, to show what the stemmer costs and gains.
    nostem = os.path.join(work, "nostem.sbx")
    sbeval.run(["index", sbeval.CORPUS, "-o", nostem, "--no-stem"])
    same = [(d["id"], d["text"]) for d in sbeval.export_documents(nostem)] == [(d["id"], d["text"]) for d in docs]
    def soundbite(path, extra=()):
        def ranked(queries):
            results, _ = sbeval.search_batch(path, [" ".join(q) for q in queries], extra)
            return [[h["document"] for h in r["hits"]] for r in results]
        return ranked

    def one_by_one(search):
        return lambda queries: [search(q) for q in queries]

    # Each engine maps a list of queries (word lists) to ranked document ids.
    engines = [("Soundbite (default, quote order)", soundbite(index)),
               ("Soundbite --rank bm25", soundbite(index, ["--rank", "bm25"]))]
    if same:
        engines.append(("Soundbite (--no-stem)", soundbite(nostem)))
    fts = sbeval.FTS5(docs)
    tv_default = sbeval.Tantivy(docs, "default")
    tv_stem = sbeval.Tantivy(docs, "en_stem")
    engines += [(e.name, one_by_one(lambda q, e=e: e.search(words=q))) for e in (fts, tv_default, tv_stem)]
    engines.append(("FTS5, AND then OR (2 queries)", one_by_one(fts.search_and_then_or)))

    table = []
    for name, ranked in engines:
        row = [name]
        for form in ("exact", "inflected"):
            row += metrics(ranked([it[form] for it in items]), correct)
        table.append(row)

    print(f"corpus: {sbeval.CORPUS}; {len(docs)} documents (from soundbite export), "
          f"{len(items)} cues of 12+ words (seed {args.seed}), {unreachable} not covered by any passage")
    print("queries: the cue's 3-5 rarest words (df over the exported documents), OR'ed; "
          "inflected = same words through the rule-based inflector\n")
    print(f"| {'engine':<29} | exact S@1 | exact S@10 | exact MRR@10 | infl. S@1 | infl. S@10 | infl. MRR@10 |")
    print(f"|{'-' * 31}|-----------|------------|--------------|-----------|------------|--------------|")
    for r in table:
        print(f"| {r[0]:<29} | {r[1]:>9.3f} | {r[2]:>10.3f} | {r[3]:>12.3f} | {r[4]:>9.3f} | {r[5]:>10.3f} | {r[6]:>12.3f} |")
    print("\nexamples:")
    for it in items[:5]:
        print(f"  {' '.join(it['exact'])!r:50} -> {' '.join(it['inflected'])!r}")


if __name__ == "__main__":
    main()
