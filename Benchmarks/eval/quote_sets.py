#!/usr/bin/env python3
"""Quote-finding dev sets (issue 12): four sets of typed quotes, and how
well Soundbite (default order and --rank bm25), SQLite FTS5 and tantivy find them.

The sets are drawn from the WebVTT cues of the collection (parsed here,
independently of Soundbite; seeded), `--count` queries each:

  (a) ordered   3-5 content words (>= 3 letters, not stop words or fillers,
                from the rarer half of the cue's content words by document
                frequency over cues) of one cue of >= 12 words whose text
                occurs once in the collection, in spoken order;
  (b) shuffled  the words of (a), shuffled;
  (c) two cues  two consecutive cues of one speaker, each with a text that
                occurs once, >= 1 chosen word from each (drawn the same way
                from the two cues' words), in spoken order; a hit on either
                cue counts;
  (d) derived   (a) with each word that has one replaced by a related corpus
                word whose Porter2 stem differs (one stem a prefix of the
                other, both >= 5 letters, at most 4 apart); queries where no
                word has a relative are drawn again.

Success: a hit in the target interview whose jump cue covers the target
cue's start (`start <= cue start < end`). FTS5 (porter) and tantivy
(default and en_stem tokenizers) index each cue as one document and answer
the words OR'ed, ranked by their BM25; Soundbite indexes the collection as
usual (passages) and answers with its CLI (`search --queries`).

With `--targets even|odd`, targets come only from even- or odd-numbered
interviews (the index still holds all of them): a split for checking that
what works on one half also works on the other.

Usage: .venv-eval/bin/python Benchmarks/eval/quote_sets.py [--count 500] [--seed S] [--targets all|even|odd]
"""

import argparse
import os
from collections import Counter

import Stemmer

import sbeval
from quote_finding import load_cues, metrics, words_of

# Function words and the fillers of speech, lower case; a query made of
# these would not be a quote anyone remembers.
STOP = set("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
you'd you'll you're you've your yours yourself yourselves also just now even much many really actually basically
literally like yeah yes okay ok um uh hmm oh ah er well right know mean sort kind thing things stuff gonna wanna
lot lots get got say said says going go goes come came one two also still yet maybe quite sure think thought way
""".split())

MIN_CUE_WORDS = 12


class Sampler:
    """Draws the four sets from the collection's cues."""

    def __init__(self, cues, rng, targets):
        self.cues = cues
        self.rng = rng
        self.stem = Stemmer.Stemmer("english").stemWord
        self.df = Counter()
        for c in cues:
            self.df.update(set(words_of(c["text"])))
        counts = Counter(c["text"] for c in cues)
        interviews = sorted({c["interview"] for c in cues})
        allowed = {i for n, i in enumerate(interviews)
                   if targets == "all" or (n % 2 == 0) == (targets == "even")}
        self.singles = [i for i, c in enumerate(cues)
                        if c["interview"] in allowed and counts[c["text"]] == 1
                        and len(c["text"].split()) >= MIN_CUE_WORDS]
        self.pairs = [i for i in range(len(cues) - 1)
                      if cues[i]["interview"] in allowed and cues[i]["interview"] == cues[i + 1]["interview"]
                      and cues[i]["speaker"] == cues[i + 1]["speaker"]
                      and counts[cues[i]["text"]] == 1 and counts[cues[i + 1]["text"]] == 1]
        self.related = self._related_words()

    def content(self, text):
        """The cue's distinct content words in spoken order."""
        return list(dict.fromkeys(w for w in words_of(text)
                                  if len(w) >= 3 and w not in STOP and "'" not in w and w.isalpha()))

    def rarer_half(self, words):
        ranked = sorted(words, key=lambda w: (self.df[w], w))
        return set(ranked[:(len(ranked) + 1) // 2])

    def choose(self, words):
        """3-5 words from the rarer half of `words`, in spoken order (None if too few)."""
        pool = [w for w in words if w in self.rarer_half(words)]
        if len(pool) < 3:
            return None
        chosen = set(self.rng.sample(pool, min(len(pool), self.rng.choice([3, 4, 5]))))
        return [w for w in words if w in chosen]

    def _related_words(self):
        """word -> sorted corpus words whose stem is related (prefix, both >= 5, <= 4 apart)."""
        by_stem = {}
        for w in self.df:
            if len(w) >= 3 and w not in STOP and w.isalpha():
                by_stem.setdefault(self.stem(w), set()).add(w)
        stems = set(by_stem)
        related = {}
        for s in stems:
            if len(s) < 5:
                continue
            near = [s[:n] for n in range(max(5, len(s) - 4), len(s)) if s[:n] in stems]
            near += [t for t in stems if len(t) > len(s) and len(t) - len(s) <= 4 and t.startswith(s)]
            if near:
                words = sorted(w for t in near for w in by_stem[t])
                for w in by_stem[s]:
                    related[w] = words
        return related

    def single(self):
        """(cue index, ordered words) for set (a)."""
        while True:
            i = self.rng.choice(self.singles)
            words = self.choose(self.content(self.cues[i]["text"]))
            if words:
                return i, words

    def draw(self, count):
        sets = {"a": [], "b": [], "c": [], "d": []}
        for _ in range(count):
            i, words = self.single()
            sets["a"].append(([i], words))
            shuffled = words[:]
            while len(set(shuffled)) > 1 and shuffled == words:
                self.rng.shuffle(shuffled)
            sets["b"].append(([i], shuffled))
        while len(sets["c"]) < count:
            i = self.rng.choice(self.pairs)
            first, second = self.content(self.cues[i]["text"]), self.content(self.cues[i + 1]["text"])
            both = list(dict.fromkeys(first + second))
            words = self.choose(both)
            if words and any(w in first for w in words) and any(w in second and w not in first for w in words):
                sets["c"].append(([i, i + 1], words))
        while len(sets["d"]) < count:
            i, words = self.single()
            swapped = [self.rng.choice(self.related[w]) if w in self.related else w for w in words]
            if swapped != words:
                sets["d"].append(([i], swapped))
        return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--targets", choices=["all", "even", "odd"], default="all")
    ap.add_argument("--examples", type=int, default=0, help="print this many queries of each set")
    ap.add_argument("--soundbite-only", action="store_true", help="skip FTS5 and tantivy")
    args = ap.parse_args()
    rng, work, index, _ = sbeval.prepare(args.seed)
    cues = load_cues(sbeval.CORPUS)
    sampler = Sampler(cues, rng, args.targets)
    sets = sampler.draw(args.count)

    def soundbite(extra):
        def ranked(queries):
            results, _ = sbeval.search_batch(index, [" ".join(q) for q in queries], extra)
            return [[(h["interview"], h["start"], h["end"]) for h in r["hits"]] for r in results]
        return ranked

    cue_docs = [{"id": n, "text": c["text"], "role": "", "chapter": ""} for n, c in enumerate(cues)]

    def cue_engine(engine):
        def ranked(queries):
            out = []
            for q in queries:
                out.append([(cues[d]["interview"], cues[d]["start"], cues[d]["end"]) for d in engine.search(words=q)])
            return out
        return ranked

    engines = [("Soundbite (default order)", soundbite([])),
               ("Soundbite --rank bm25", soundbite(["--rank", "bm25"]))]
    if not args.soundbite_only:
        engines += [("SQLite FTS5 (porter, cues)", cue_engine(sbeval.FTS5(cue_docs))),
                    ("tantivy default (cues)", cue_engine(sbeval.Tantivy(cue_docs, "default"))),
                    ("tantivy en_stem (cues)", cue_engine(sbeval.Tantivy(cue_docs, "en_stem")))]

    def correct(targets):
        def ok(hit):
            interview, start, end = hit
            return any(interview == cues[t]["interview"] and start <= cues[t]["start"] < end for t in targets)
        return ok

    names = {"a": "(a) ordered", "b": "(b) shuffled", "c": "(c) two cues", "d": "(d) derived"}
    print(f"corpus: {sbeval.CORPUS}; {len(cues)} cues; {args.count} queries per set; seed {args.seed}; "
          f"targets from {args.targets} interviews")
    print(f"\n| set | {' | '.join(name for name, _ in engines)} |")
    print(f"|---|{'---|' * len(engines)}")
    summary = {}
    for key in "abcd":
        items = sets[key]
        oks = [correct(targets) for targets, _ in items]
        cells = []
        for name, ranked in engines:
            s1, s10, mrr = metrics(ranked([q for _, q in items]), oks)
            summary[(key, name)] = (mrr, s1, s10)
            cells.append(f"{mrr:.3f} / {s1:.3f} / {s10:.3f}")
        print(f"| {names[key]} | {' | '.join(cells)} |")
    print("\ncells: MRR@10 / S@1 / S@10")
    for key in "abcd":
        for targets, q in sets[key][:args.examples]:
            print(f"  {key}: {' '.join(q)!r}  ({cues[targets[0]]['interview']} {cues[targets[0]]['start']:.1f})")


if __name__ == "__main__":
    main()
