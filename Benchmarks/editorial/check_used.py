"""The round trip of `soundbite used` (see check_timelines.sh): every export
of check_timelines.sh (EDL, FCPXML, OTIO at every rate), and the same
timelines as OpenTimelineIO's adapters rewrite them (EDL and FCPXML read by
otio-cmx3600-adapter and otio-fcpx-xml-adapter, written back as OTIO JSON by
otio), marked on a copy of the index, must give exactly the source ranges of
the CSV export, to the frame, merged per interview; and `search --unused`
must return no passage inside them.

usage: check_used.py OUT_FOLDER SOUNDBITE_BINARY INDEX
"""
import csv
import json
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from check_timelines import RATES, frames


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def merged(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return out


def expected(folder, rate):
    """Interview -> merged used seconds from the CSV export (the Corpus has no media timecode)."""
    fps = RATES[rate]
    per = {}
    with open(folder / f"selects-{rate}.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lo = Fraction(frames(row["source_in"], rate)) / fps
            hi = Fraction(frames(row["source_out"], rate)) / fps
            per.setdefault(row["interview"], []).append((lo, hi))
    return {k: merged(v) for k, v in per.items()}


def main():
    folder, binary, index = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    passages = {}
    for line in run(binary, "export", "-i", index).splitlines():
        d = json.loads(line)
        passages[d["id"]] = (d["interview"], d["start"], d["end"])
    problems, rows = [], []
    for rate in RATES:
        want = expected(folder, rate)
        inputs = {f: folder / f"selects-{rate}.{f}" for f in ("edl", "fcpxml", "otio")}
        # The same timelines as OpenTimelineIO rewrites them.
        for source, adapter in (("edl", "cmx_3600"), ("fcpxml", "fcpx_xml")):
            kwargs = {"rate": float(RATES[rate])} if source == "edl" else {}
            t = otio.adapters.read_from_file(str(inputs[source]), adapter_name=adapter, **kwargs)
            out = folder / f"used-{rate}-{source}-via-otio.otio"
            otio.adapters.write_to_file(t, str(out))
            inputs[f"{source}→otio"] = out
        counts = {}
        for name, path in inputs.items():
            copy = folder / f"used-{rate}.sbx"
            shutil.copy(index, copy)
            result = subprocess.run([binary, "used", str(path), "-i", str(copy), "--fps", rate],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                problems.append(f"{rate} {name}: exit {result.returncode}: {result.stderr.strip()}")
                continue
            stats = json.loads(run(binary, "stats", "-i", str(copy), "--format", "json"))
            got = {i["interview"]: i["used"] for i in stats.get("used", {}).get("interviews", []) if i["used"] > 0}
            exact = name in ("edl", "fcpxml", "otio")
            # The fcpx adapter truncates times to frames and counts 29.97 as 29 (see EDITORIAL.md):
            # its files are held to a frame per clip at whole rates and only counted at the others.
            tolerance = 0.0015 if exact else (len(want) * 2 / float(RATES[rate]) if RATES[rate].denominator == 1 else None)
            for interview, ranges in want.items():
                seconds = float(sum(hi - lo for lo, hi in ranges))
                if interview not in got:
                    problems.append(f"{rate} {name}: {interview} not marked")
                elif tolerance is not None and abs(got[interview] - seconds) > tolerance:
                    problems.append(f"{rate} {name}: {interview} used {got[interview]} s, expected {seconds:.3f} s")
            extra = set(got) - set(want)
            if extra:
                problems.append(f"{rate} {name}: marked interviews not in the timeline: {sorted(extra)}")
            counts[name] = len(got)
            if exact:
                hits = run(binary, "search", "laptops OR parents OR homework OR school", "-i", str(copy),
                           "--unused", "-n", "100000", "--format", "jsonl").splitlines()
                for h in hits:
                    interview, start, end = passages[json.loads(h)["document"]]
                    for lo, hi in want.get(interview, []):
                        if float(lo) <= start and end <= float(hi):
                            problems.append(f"{rate} {name}: --unused returned passage {interview} {start}-{end} inside {float(lo)}-{float(hi)}")
                counts[name + " unused"] = len(hits)
        rows.append((rate, len(want), counts))
    names = ["edl", "fcpxml", "otio", "edl→otio", "fcpxml→otio"]
    print(f"{'rate':8} {'interviews':>10} " + " ".join(f"{n:>11}" for n in names) + f" {'--unused hits':>13}")
    for rate, n, counts in rows:
        print(f"{rate:8} {n:10} " + " ".join(f"{counts.get(k, 0):11}" for k in names) + f" {counts.get('edl unused', 0):13}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"used round trip: {len(RATES)} rates, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
