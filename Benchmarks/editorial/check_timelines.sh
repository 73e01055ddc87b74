#!/usr/bin/env bash
# Reads every `soundbite selects` export back with OpenTimelineIO and its
# adapters (CMX 3600 EDL, FCPXML), at every frame rate, and checks clip
# count, names, source ranges to the frame, record durations and media URLs
# against the CSV export of the same timeline; then marks each export (and
# each as the adapters rewrite it) with `soundbite used` and checks the used
# ranges against the CSV to the frame, and that `search --unused` returns
# nothing inside them (check_used.py).
#
#   Benchmarks/editorial/check_timelines.sh                 install into .venv-editorial/ if needed, then check
#   Benchmarks/editorial/check_timelines.sh --if-available  check only when .venv-editorial/ already has OTIO (CI)
#
# The tools live in a virtual environment beside the project (.venv-editorial/,
# git-ignored); they are never a dependency of the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.venv-editorial
PY=$VENV/bin/python
if ! "$PY" -c "import opentimelineio, otio_cmx3600_adapter, otio_fcpx_xml_adapter" 2>/dev/null; then
  if [ "${1:-}" = "--if-available" ]; then
    echo "check_timelines: $VENV has no OpenTimelineIO; skipped (run Benchmarks/editorial/check_timelines.sh to install it)"
    exit 0
  fi
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet opentimelineio otio-cmx3600-adapter otio-fcpx-xml-adapter
fi
swift build --product soundbite >/dev/null
OUT=.build/editorial-check
rm -rf "$OUT" && mkdir -p "$OUT"
BIN=.build/debug/soundbite
INDEX=$OUT/corpus.sbx
"$BIN" index Corpus -o "$INDEX" >/dev/null 2>&1
# Three searches' hits (15 selects over several interviews) and a CSV of hand-made picks.
{
  "$BIN" search laptops -i "$INDEX" --format jsonl -n 6
  "$BIN" search '"one to one"' -i "$INDEX" --format jsonl -n 5
  "$BIN" search 'parents homework' -i "$INDEX" --format jsonl -n 4
} > "$OUT/hits.jsonl"
for rate in 23.976 24 25 29.97 29.97df 30 50 59.94 59.94df; do
  for format in edl fcpxml otio csv; do
    "$BIN" selects "$OUT/hits.jsonl" -i "$INDEX" --fps "$rate" --handles 1 --format "$format" \
      --title "Check $rate" -o "$OUT/selects-$rate.$format" 2>/dev/null
  done
done
"$PY" "$(dirname "$0")/check_timelines.py" "$OUT"
# The way back: each export (and each as OTIO's adapters rewrite it) marked with `soundbite used`.
"$PY" "$(dirname "$0")/check_used.py" "$OUT" "$BIN" "$INDEX"
