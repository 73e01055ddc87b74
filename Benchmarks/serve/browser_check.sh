#!/usr/bin/env bash
# The page of `soundbite serve` in a real browser: installs Debian's chromium
# when absent, starts the server on the bundled Corpus (and one on the test
# collection whose transcripts hold markup), drives headless Chromium over
# the DevTools protocol (Benchmarks/serve/cdp.py: search, filter by role,
# keyboard, open a hit, add a select, export, a syntax error, back button,
# a shared URL, markup shown as text) and checks the DOM at each step.
# Writes docs/serve-page.png (laptop) and docs/serve-phone.png (phone).
#
#   Benchmarks/serve/browser_check.sh
#   SOUNDBITE_BIN=.build/debug/soundbite Benchmarks/serve/browser_check.sh
# Exit status 0 when every check passed.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null; then
  echo "== installing chromium (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
BIN=${SOUNDBITE_BIN:-}          # SOUNDBITE_BIN=.build/debug/soundbite skips the release build
if [ -z "$BIN" ]; then
  echo "== building soundbite (release)"
  swift build -c release --product soundbite --scratch-path .build-release >/dev/null
  BIN=.build-release/release/soundbite
fi

LOG=$(mktemp -d)
cleanup() { for p in ${PIDS:-}; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() {   # start FOLDER NAME -> sets PORT_<NAME>
  "$BIN" serve -i "$1" --port 0 2>"$LOG/$2.log" &
  PIDS="${PIDS:-} $!"
  for _ in $(seq 1 300); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$LOG/$2.log" | head -1 | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && { eval "PORT_$2=$port"; return; }
    sleep 0.1
  done
  echo "the server on $1 did not start:"; cat "$LOG/$2.log"; exit 1
}
start Corpus corpus
start Tests/SoundbiteServeTests/Fixtures/harbour harbour
echo "== Chromium $(chromium --version 2>/dev/null | grep -o '[0-9.]*' | head -1) against http://127.0.0.1:$PORT_corpus/"
python3 Benchmarks/serve/cdp.py "$(command -v chromium)" "http://127.0.0.1:$PORT_corpus" "http://127.0.0.1:$PORT_harbour" docs
echo "== $(wc -l < "$LOG/corpus.log") access-log lines from the Corpus server; screenshots in docs/serve-page.png, docs/serve-phone.png"
