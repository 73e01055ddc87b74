#!/usr/bin/env python3
"""Compare Soundbite's Porter2 stemmer with the Snowball reference (PyStemmer).

Usage:
    compare_stemmer.py WORDS.txt [WORDS.txt ...] [--bench PATH] [--show N]
    compare_stemmer.py --words-from-text FILE... > words.txt

The first form reads one word per line (blank lines and duplicates dropped),
stems every word with both stemmers and prints the agreement rate and the
first N mismatches (default 20). It exits 0 on 100 % agreement, 1 otherwise.

The second form extracts the distinct words of text files (lower-cased,
curly apostrophes made straight, apostrophes inside and at the ends of words
kept), one per line, for use as a word list.

Our side runs `soundbite-bench stem`, which reads words on standard input and
prints one stem per line. Build it first, from the package root:

    swift build -c release --product soundbite-bench

and pass its path with --bench (default: .build/release/soundbite-bench,
relative to the current folder).

Word lists used for the figures in the project's notes (107,246 distinct
words, 100.0000 % agreement with PyStemmer 3.1.0):

    compare_stemmer.py --words-from-text ../shared/corpora/seenunseen/*.vtt > corpus.txt
    tr A-Z a-z < /usr/share/dict/words | sort -u > dict.txt   # Debian package wamerican
    compare_stemmer.py corpus.txt dict.txt

The reference side needs PyStemmer, e.g. in a virtual environment beside the
project (the .venv folder is git-ignored):

    python3 -m venv .venv && .venv/bin/pip install PyStemmer
    .venv/bin/python Benchmarks/stemmer/compare_stemmer.py words.txt
"""

import argparse
import re
import subprocess
import sys

WORD = re.compile(r"'?[^\W_]+(?:'[^\W_]+)*'?")


def words_from_text(paths):
    """Distinct words of the given text files, sorted."""
    found = set()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
        for word in WORD.findall(text):
            if any(ch.isalpha() for ch in word):
                found.add(word)
    return sorted(found)


def read_words(paths):
    seen = set()
    words = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word = line.rstrip("\r\n")
                if word and "\n" not in word and word not in seen:
                    seen.add(word)
                    words.append(word)
    return words


def ours(bench, words):
    data = ("\n".join(words) + "\n").encode("utf-8")
    result = subprocess.run([bench, "stem"], input=data, stdout=subprocess.PIPE, check=True)
    stems = result.stdout.decode("utf-8").split("\n")
    if stems and stems[-1] == "":
        stems.pop()
    if len(stems) != len(words):
        sys.exit(f"soundbite-bench stem printed {len(stems)} lines for {len(words)} words")
    return stems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--bench", default=".build/release/soundbite-bench")
    parser.add_argument("--show", type=int, default=20, help="mismatches to print")
    parser.add_argument("--words-from-text", action="store_true",
                        help="print the distinct words of the files instead of comparing")
    args = parser.parse_args()

    if args.words_from_text:
        for word in words_from_text(args.files):
            print(word)
        return 0

    try:
        import Stemmer  # PyStemmer
    except ImportError:
        sys.exit("PyStemmer is missing: python3 -m venv .venv && .venv/bin/pip install PyStemmer")

    words = read_words(args.files)
    reference = Stemmer.Stemmer("english").stemWords(words)
    mine = ours(args.bench, words)
    mismatches = [(w, r, m) for w, r, m in zip(words, reference, mine) if r != m]
    agree = len(words) - len(mismatches)
    version = getattr(Stemmer, "version", lambda: "?")()
    print(f"reference: PyStemmer {version} (Snowball english)")
    print(f"words: {len(words)}  agree: {agree}  disagree: {len(mismatches)}  "
          f"agreement: {100.0 * agree / max(len(words), 1):.4f} %")
    if mismatches:
        print(f"first {min(args.show, len(mismatches))} mismatches (word, reference, ours):")
        for word, r, m in mismatches[:args.show]:
            print(f"  {word!r}\t{r!r}\t{m!r}")
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
