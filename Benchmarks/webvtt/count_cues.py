#!/usr/bin/env python3
"""Counts the cues a folder of WebVTT/SRT transcripts holds, independently of
Soundbite, and compares with what `soundbite stats PATH --format json` read.

    python3 Benchmarks/webvtt/count_cues.py DIR [--soundbite .build/release/soundbite]

A cue here is a line containing `-->` (a timing line, readable or not)
followed by at least one line of text before the next empty line or timing
line; chapter tracks (`*.chapters.vtt`) are left out. Lines holding only an
inner-timestamped word list are not split, so the count is meant for files
without word timings (Whisper's, Zoom's, Teams'). Prints the two counts and
the difference ("lost"); exit 1 when Soundbite read fewer cues.
"""
import argparse
import json
import os
import subprocess
import sys


def count_file(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    cues = 0
    i = 0
    while i < len(lines):
        if "-->" in lines[i]:
            j = i + 1
            has_text = False
            while j < len(lines) and lines[j] != "" and "-->" not in lines[j]:
                if lines[j].strip() and not (j + 1 < len(lines) and "-->" in lines[j + 1] and lines[j].strip().isdigit()):
                    has_text = True
                j += 1
            cues += has_text
            i = j
        else:
            i += 1
    return cues


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--soundbite", default=".build/release/soundbite")
    args = ap.parse_args()
    expected = 0
    files = 0
    for root, _, names in os.walk(args.dir):
        for name in sorted(names):
            lower = name.lower()
            if lower.endswith(".chapters.vtt") or not (lower.endswith(".vtt") or lower.endswith(".srt")):
                continue
            files += 1
            expected += count_file(os.path.join(root, name))
    out = subprocess.run([args.soundbite, "stats", args.dir, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return 1
    stats = json.loads(out.stdout)
    lost = expected - stats["cues"]
    print(f"files {files}: cues in the files {expected}, read by soundbite {stats['cues']}, lost {max(lost, 0)}"
          f" (warnings {stats['warnings']})")
    return 1 if lost > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
