#!/usr/bin/env python3
"""Large WebVTT corpora on disk, resampled from a real one, for measuring at scale.

    python3 Benchmarks/peers/resample.py --corpus ../shared/corpora/seenunseen --hours 1000 --out /tmp/soundbite-1000h
    python3 Benchmarks/peers/resample.py --corpus ../shared/corpora/seenunseen --hours 10000 --out /tmp/soundbite-10000h

The output is an ordinary collection folder (what `soundbite index`, the
bench's `--corpus` and `run_peers.py --corpus` read), so the same files feed
every engine and the command-line tool, unlike `soundbite-bench --scale`,
which resamples in memory for the bench alone.

How it resamples: the source's episodes (every `NAME.vtt` the manifest lists,
with its `NAME.chapters.vtt`) are copied again and again, copy k into the
folder `copy-KKKK/`, with the manifest entry adjusted: id `ID-cKKKK`, title
`… (copy k)`, the same media and fields. Copy 0 is the source unchanged, so
the first hours are the real corpus. In every later copy:

- the cue texts (speaker label and words) of each episode are shuffled among
  its cue timings (seeded), so a copy's passages, its postings (document ids,
  term frequencies per passage), its phrase neighbours across cue boundaries
  and which words fall in which chapter differ from every other copy's, and
  posting lists are not the same pattern repeated (which would compress and
  skip unrealistically well); speaker turns, roles, chapters, cue lengths and
  the word frequencies stay real;
- with `--mutate RATE` (default 0.002), each word of four letters or more is
  respelled with probability RATE (one letter inserted), so the dictionary
  keeps growing with size as real transcripts' does (names, rare words,
  recognition errors) and prefix and fuzzy expansion meet a dictionary of
  realistic size; `--mutate 0` gives pure shuffled copies.

The output must be outside the repository (it is large; /tmp is the place).
An existing output folder is replaced only if it holds a `.resampled` marker
left by this script.

The folder is written as `OUT.partial` and renamed to `OUT` only when it is
complete; then the empty file `OUT.done` is created (and removed first when
a run starts). Whoever waits for the corpus waits for `OUT.done`, so a
half-written folder is never mistaken for a corpus.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MARKER = ".resampled"
TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
LABEL = re.compile(r"^(\[[^\]]*\]:\s*|<v[^>]*>\s*)")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def seconds(stamp):
    """WebVTT `hh:mm:ss.mmm` or `mm:ss.mmm` as seconds (None when not a timestamp)."""
    parts = stamp.split(":")
    try:
        value = 0.0
        for p in parts:
            value = value * 60 + float(p)
        return value
    except ValueError:
        return None


def blocks(text):
    """The file's blank-line separated blocks, as lists of lines (CRLF accepted)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


class Episode:
    """One transcript: its header block, and its cues as (lines before and
    including the timing line, payload lines)."""

    def __init__(self, text):
        self.header, self.cues = [], []
        for b in blocks(text):
            at = next((i for i, line in enumerate(b) if TIMING.match(line)), None)
            if at is None:
                if not self.cues:
                    self.header.append(b)
                continue   # NOTE / STYLE blocks between cues are dropped
            self.cues.append((b[:at + 1], b[at + 1:]))

    def hours(self):
        times = []
        for head, _ in self.cues:
            m = TIMING.match(head[-1])
            start, end = seconds(m.group(1)), seconds(m.group(2))
            if start is not None and end is not None:
                times += [start, end]
        return (max(times) - min(times)) / 3600 if times else 0.0

    def render(self, payloads):
        out = ["\n".join(b) for b in self.header]
        for (head, _), payload in zip(self.cues, payloads):
            out.append("\n".join(head + payload))
        return "\n\n".join(out) + "\n"


def mutate_line(line, rate, rng):
    """`line` with each word of ≥ 4 letters respelled with probability `rate`
    (a speaker label at its start is kept)."""
    m = LABEL.match(line)
    label, rest = (m.group(0), line[m.end():]) if m else ("", line)
    words = rest.split(" ")
    for i, w in enumerate(words):
        if len(w) >= 4 and w.isalpha() and rng.random() < rate:
            at = 1 + rng.randrange(len(w) - 1)
            words[i] = w[:at] + rng.choice(LETTERS) + w[at:]
    return label + " ".join(words)


def inside(path, folder):
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return path == folder or path.startswith(folder + os.sep)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="the source collection folder (with collection.json)")
    ap.add_argument("--hours", type=float, required=True, help="hours to produce (at least; whole episodes)")
    ap.add_argument("--out", required=True, help="the folder to write (outside the repository, e.g. /tmp/…)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mutate", type=float, default=0.002, help="respelling rate of long words in copies ≥ 1")
    args = ap.parse_args()

    if inside(args.out, ROOT):
        sys.exit(f"resample: {args.out} is inside the repository; write it to /tmp")
    out = os.path.abspath(args.out)
    partial, done = out + ".partial", out + ".done"
    for folder in (out, partial):
        if os.path.exists(folder):
            if not os.path.exists(os.path.join(folder, MARKER)):
                sys.exit(f"resample: {folder} exists and was not written by resample.py; not replacing it")
    if os.path.exists(done):
        os.remove(done)
    for folder in (out, partial):
        if os.path.exists(folder):
            shutil.rmtree(folder)
    with open(os.path.join(args.corpus, "collection.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    entries = sorted(manifest.get("interviews", {}).items())
    episodes = []
    for path, entry in entries:
        with open(os.path.join(args.corpus, path), encoding="utf-8-sig") as f:
            episode = Episode(f.read())
        chapters_path = os.path.join(args.corpus, path[:-len(".vtt")] + ".chapters.vtt")
        chapters = None
        if os.path.exists(chapters_path):
            with open(chapters_path, encoding="utf-8-sig") as f:
                chapters = f.read()
        episodes.append((path, entry, episode, chapters))
    source_hours = sum(e.hours() for _, _, e, _ in episodes)
    if source_hours <= 0:
        sys.exit("resample: the source has no timed cues")

    os.makedirs(partial)
    open(os.path.join(partial, MARKER), "w").close()
    rng = random.Random(args.seed)
    interviews, produced, copy = {}, 0.0, 0
    while produced < args.hours:
        folder = f"copy-{copy:04d}"
        os.makedirs(os.path.join(partial, folder))
        for path, entry, episode, chapters in episodes:
            if produced >= args.hours:
                break
            payloads = [payload for _, payload in episode.cues]
            if copy > 0:
                rng.shuffle(payloads)
                if args.mutate > 0:
                    payloads = [[mutate_line(line, args.mutate, rng) for line in p] for p in payloads]
            target = f"{folder}/{path}"
            os.makedirs(os.path.dirname(os.path.join(partial, target)), exist_ok=True)
            with open(os.path.join(partial, target), "w", encoding="utf-8") as f:
                f.write(episode.render(payloads))
            if chapters is not None:
                with open(os.path.join(partial, target[:-len(".vtt")] + ".chapters.vtt"), "w", encoding="utf-8") as f:
                    f.write(chapters)
            adjusted = dict(entry)
            base_id = entry.get("id", path[:-len(".vtt")])
            adjusted["id"] = base_id if copy == 0 else f"{base_id}-c{copy:04d}"
            if copy > 0 and "title" in entry:
                adjusted["title"] = f"{entry['title']} (copy {copy})"
            interviews[target] = adjusted
            produced += episode.hours()
        copy += 1
    out_manifest = {k: v for k, v in manifest.items() if k != "interviews"}
    out_manifest["name"] = f"{manifest.get('name', os.path.basename(args.corpus))} (resampled to {args.hours:g} h)"
    out_manifest["interviews"] = interviews
    with open(os.path.join(partial, "collection.json"), "w", encoding="utf-8") as f:
        json.dump(out_manifest, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.rename(partial, out)
    open(done, "w").close()
    print(f"resample: {len(interviews)} interviews, {produced:.0f} h ({copy} copies of {source_hours:.1f} h) "
          f"in {out} (marker {done})", file=sys.stderr)


if __name__ == "__main__":
    main()
