#!/usr/bin/env python3
"""Checks Soundbite's WebVTT reader against the W3C web-platform-tests
file-parsing cases (`webvtt/parsing/file-parsing` of a wpt checkout): every
cue a browser keeps must be read, with its start time, its end time and its
text. The tests stay in the checkout; nothing of them enters this project.

    swift build -c release --product soundbite-bench
    python3 Benchmarks/webvtt/check_wpt.py WPT_CHECKOUT [--bench .build/release/soundbite-bench] [-v]

Cases: each `support/NAME.test` (its JavaScript assertions, and the
committed `tests/support/NAME.vtt`, or, without it, the WebVTT of the .test
decoded the way the suite's `tools/build.py` writes that file), and each
hand-written `tests/NAME.html` whose `tests/support/NAME.vtt` exists.
What a browser keeps is read from the assertions by running them under
Node.js with a recording `cues` list (cues.length, and each cue's text,
startTime and endTime where asserted).

A case passes when those cues appear in Soundbite's cues in order, with:
- the same start time;
- the same end time, or, where the browser keeps an end before the start,
  Soundbite's repair (end = start, warned);
- the same text once markup is removed the way an index sees it (tags
  stripped, character references decoded, white space collapsed; a speaker
  label Soundbite took off the front counts as text).
Soundbite keeps more cues than a browser (those with damaged timings, at a
repaired time): they are counted, not failed. Exit 1 if a case fails.
"""
import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys
import tempfile

HARNESS = r"""
const src = require('fs').readFileSync(0, 'utf8');
function run(len) {
  const rec = { length: null, cues: {} };
  const ref = (i, p) => ({ __ref: [i, p] });
  const cue = i => new Proxy({}, { get: (_, p) => typeof p === 'string' ? ref(i, p) : undefined });
  let cues;
  if (len === null) {
    cues = new Proxy([], { get: (t, p) => p === 'length' ? ref('length') :
      (typeof p === 'string' && /^\d+$/.test(p) ? cue(+p) : t[p]) });
  } else {
    cues = Array.from({ length: len }, (_, i) => cue(i));
  }
  const assert_equals = (a, e) => {
    if (a !== null && typeof a === 'object' && a.__ref) {
      const [i, p] = a.__ref;
      if (i === 'length') rec.length = e; else (rec.cues[i] = rec.cues[i] || {})[p] = e;
    } else if (len !== null && a === len) rec.length = e;
  };
  const noop = () => {};
  const sink = new Proxy(function () {}, { get: () => sink, apply: () => sink });
  try {
    new Function('cues', 'assert_equals', 'assert_true', 'assert_false', 'assert_unreached', 'document', 'CSSRule', 'video', 'track', src)
      (cues, assert_equals, noop, noop, noop, sink, sink, sink, sink);
  } catch (e) { rec.error = String(e); }
  return rec;
}
const first = run(null);
const out = typeof first.length === 'number' ? run(first.length) : first;
process.stdout.write(JSON.stringify(out));
"""


def cases(root):
    """(name, js, vtt bytes) for every case found."""
    base = os.path.join(root, "webvtt", "parsing", "file-parsing")
    if not os.path.isdir(base):
        sys.exit(f"check_wpt: {base} is not a folder (give the root of a wpt checkout)")
    found = {}
    for path in sorted(glob.glob(os.path.join(base, "support", "*.test"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, "r", encoding="utf-8") as f:
            source = f.read()
        header, body = source.split("\n\n", 1)
        js, vtt = body.split("===\n", 1)
        committed = os.path.join(base, "tests", "support", name + ".vtt")
        if os.path.isfile(committed):
            with open(committed, "rb") as f:       # the file browsers are tested on
                found[name] = (js, f.read())
        else:                                       # as tools/build.py writes it
            found[name] = (js, bytes(vtt, "utf-8").decode("unicode_escape").encode("utf-8"))
    for path in sorted(glob.glob(os.path.join(base, "tests", "*.html"))):
        name = os.path.splitext(os.path.basename(path))[0]
        if name in found:
            continue
        with open(path, "r", encoding="utf-8") as f:
            page = f.read()
        src = re.search(r"track\.src\s*=\s*'([^']+)'", page)
        body = re.search(r"var cues = video\.textTracks\[0\]\.cues;\s*\{\n(.*?)\n\s*\}\s*this\.done\(\);", page, re.S)
        if not src or not body:
            continue
        vtt_path = os.path.join(base, "tests", src.group(1))
        if not os.path.isfile(vtt_path):
            found[name] = (None, None)
            continue
        with open(vtt_path, "rb") as f:
            found[name] = (body.group(1), f.read())
    return found


def expectations(js):
    out = subprocess.run(["node", "-e", HARNESS], input=js, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return json.loads(out.stdout)


def clean(text):
    text = re.sub(r"<[^>]*>", " " if "<rt" in text else "", text)
    return " ".join(html.unescape(text).replace("\u00a0", " ").split())


def matches(expected, ours):
    """Whether our cue `ours` is the browser's cue `expected`; the kind of match."""
    if "startTime" in expected and abs(ours["start"] - expected["startTime"]) > 1e-6:
        return None
    kind = "exact"
    if "endTime" in expected:
        end = expected["endTime"]
        if abs(ours["end"] - end) > 1e-6:
            if end < ours["start"] and abs(ours["end"] - ours["start"]) < 1e-6:
                kind = "end repaired"
            else:
                return None
    if "text" in expected:
        want = clean(expected["text"])
        got = ours["text"]
        labelled = (ours["speaker"] + ": " + got) if ours["speaker"] else got
        if want != got and want != labelled and not (want == "" and got == ""):
            return None
    return kind


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wpt")
    ap.add_argument("--bench", default=".build/release/soundbite-bench")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    all_cases = cases(args.wpt)
    passed = failed = skipped = 0
    browser_cues = repaired = extra = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (js, vtt) in sorted(all_cases.items()):
            if js is None:
                print(f"SKIP {name}: its .vtt is not in this checkout")
                skipped += 1
                continue
            rec = expectations(js)
            if not isinstance(rec.get("length"), int):
                if args.verbose:
                    print(f"n/a  {name}: asserts nothing about cues")
                skipped += 1
                continue
            path = os.path.join(tmp, name + ".vtt")
            with open(path, "wb") as f:
                f.write(vtt)
            out = subprocess.run([args.bench, "cues", path], capture_output=True, text=True)
            if out.returncode != 0:
                print(f"FAIL {name}: soundbite-bench exited {out.returncode}: {out.stderr.strip()}")
                failed += 1
                continue
            ours = json.loads(out.stdout.splitlines()[0])["cues"]
            want = [rec["cues"].get(str(i), {}) for i in range(rec["length"])]
            browser_cues += len(want)
            # Greedy in-order matching: Soundbite may keep cues a browser drops.
            k = 0
            problems = []
            kinds = []
            for i, expected in enumerate(want):
                while k < len(ours) and matches(expected, ours[k]) is None:
                    k += 1
                if k == len(ours):
                    problems.append(f"cue {i} {expected} not found")
                    break
                kinds.append(matches(expected, ours[k]))
                k += 1
            if problems:
                failed += 1
                print(f"FAIL {name}: {'; '.join(problems)}")
                if args.verbose:
                    for c in ours:
                        print(f"       ours: {c['start']}-{c['end']} {c['speaker']!r} {c['text']!r}")
            else:
                passed += 1
                repaired += kinds.count("end repaired")
                extra += len(ours) - len(want)
                note = f" ({kinds.count('end repaired')} ends repaired)" if "end repaired" in kinds else ""
                more = f", {len(ours) - len(want)} more kept" if len(ours) > len(want) else ""
                print(f"PASS {name}: {len(want)} cue{'s' if len(want) != 1 else ''}{note}{more}")
    print(f"\n{passed} passed, {failed} failed, {skipped} without cue assertions or files; "
          f"{browser_cues} cues a browser keeps, all read" if not failed else
          f"\n{passed} passed, {failed} failed, {skipped} without cue assertions or files")
    print(f"{repaired} ends repaired where a browser keeps an end before the start; "
          f"{extra} more cues kept (text of cues a browser drops, at repaired times)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
