#!/usr/bin/env python3
"""Copies WebVTT/SRT transcripts with damaged cue timings, the kinds real
Whisper output and hand edits produce, to measure that no cue is lost:

    python3 Benchmarks/webvtt/damage.py SRC_DIR OUT_DIR [--rate 0.03] [--seed 1]
    python3 Benchmarks/webvtt/count_cues.py OUT_DIR --soundbite .build/release/soundbite

A fraction `rate` of the timing lines of each file is damaged, taking the
kinds in turn: end before start; a seconds field of 60; a negative start;
an unreadable start (`00:xx:…`); a cut end (`00:0`); a timing without its
arrow's spaces and with a form feed; a comma decimal in WebVTT. Chapter
tracks are copied unchanged. The damaged copies stay outside the project.
"""
import argparse
import os
import random
import re
import shutil
import sys

STAMP = re.compile(r"^(\s*)(\S+)(\s*-->\s*)(\S+)(.*)$")


def damage(line, kind):
    m = STAMP.match(line)
    if not m:
        return line
    lead, start, arrow, end, rest = m.groups()
    if kind == 0:   # end before start
        return f"{lead}{end}{arrow}{start}{rest}" if start != end else line
    if kind == 1:   # seconds field of 60
        sixty = re.sub(r":[0-5][0-9]([.,])", r":60\1", end, count=1)
        return f"{lead}{start}{arrow}{sixty}{rest}"
    if kind == 2:   # negative start
        return f"{lead}-{start}{arrow}{end}{rest}"
    if kind == 3:   # unreadable start
        return f"{lead}{re.sub(r'[0-9]', 'x', start, count=2)}{arrow}{end}{rest}"
    if kind == 4:   # cut end
        return f"{lead}{start}{arrow}{end[:4]}"
    if kind == 5:   # form feeds around the arrow
        return f"{lead}{start}\f-->\f{end}{rest}"
    return f"{lead}{start.replace('.', ',')}{arrow}{end}{rest}"   # comma decimal


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--rate", type=float, default=0.03)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    damaged = 0
    kind = 0
    for root, _, names in os.walk(args.src):
        for name in sorted(names):
            src = os.path.join(root, name)
            dst = os.path.join(args.out, os.path.relpath(src, args.src))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            lower = name.lower()
            if lower.endswith(".chapters.vtt") or not (lower.endswith(".vtt") or lower.endswith(".srt")):
                shutil.copyfile(src, dst)
                continue
            with open(src, "r", encoding="utf-8", errors="replace", newline="") as f:
                lines = f.read().split("\n")
            for k, line in enumerate(lines):
                if "-->" in line and rng.random() < args.rate:
                    lines[k] = damage(line, kind)
                    kind = (kind + 1) % 7
                    damaged += 1
            with open(dst, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join(lines))
    print(f"damaged {damaged} timing lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
