#!/usr/bin/env bash
# `soundbite serve` under load: wrk (Debian's, installed when absent), 16
# connections for 30 s, a query mix against /api/search on the 77-hour
# corpus; beside it the same queries run in one process
# (`soundbite search --queries`, which does the API's work: search, hits,
# facets, JSON) for the in-process throughput.
#
#   Benchmarks/serve/load.sh [CORPUS] [SECONDS] [CONNECTIONS]
#   default: ../shared/corpora/seenunseen 30 16
#
# The mix (written to a temporary folder, never into the project) is drawn
# with a fixed seed from the index's own passages (`soundbite export`): 50
# queries each of one, two and four words, a two-word phrase, a prefix, a
# fuzzy word, a word with a role filter and a word with a chapter filter.
# Exit status 1 when any request failed or got a status other than 200.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-../shared/corpora/seenunseen}
DURATION=${2:-30}
CONNECTIONS=${3:-16}
WORKERS=${WORKERS:-4}

command -v wrk >/dev/null || { echo "== installing wrk (Debian)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
echo "== building soundbite (release)"
swift build -c release --product soundbite --scratch-path .build-release >/dev/null
BIN=.build-release/release/soundbite
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "== indexing $CORPUS"
"$BIN" index "$CORPUS" -o "$WORK/corpus.sbx" 2>"$WORK/index.log"
"$BIN" stats -i "$WORK/corpus.sbx" | sed -n '1,4p;9p'
"$BIN" export -i "$WORK/corpus.sbx" > "$WORK/documents.jsonl"

python3 - "$WORK" <<'PY'
import json, random, re, sys, urllib.parse
work = sys.argv[1]
docs = [json.loads(l) for l in open(f"{work}/documents.jsonl")]
rng = random.Random(17)
words_of = lambda t: [w for w in re.findall(r"[a-z]+", t.lower()) if len(w) >= 3]
occurrences = [w for d in docs for w in words_of(d["text"])]
vocabulary = sorted(set(occurrences))
def word():   # half common (an occurrence), half rare (a distinct word)
    return rng.choice(occurrences) if rng.random() < 0.5 else rng.choice(vocabulary)
roles = sorted({d["role"] for d in docs if d["role"]}) or [""]
chapters = sorted({d["chapter"] for d in docs if d["chapter"]}) or [""]
mix = []
for _ in range(50):
    mix.append({"q": word()})
    mix.append({"q": f"{word()} {word()}"})
    mix.append({"q": " ".join(word() for _ in range(4))})
    while True:
        w = words_of(rng.choice(docs)["text"])
        if len(w) >= 2:
            i = rng.randrange(len(w) - 1); mix.append({"q": f'"{w[i]} {w[i + 1]}"'}); break
    w = rng.choice([v for v in vocabulary if len(v) >= 6]); mix.append({"q": w[:4] + "*"})
    mix.append({"q": word() + "~1"})
    mix.append({"q": word(), "role": rng.choice(roles)})
    mix.append({"q": word(), "chapter": rng.choice(chapters)})
with open(f"{work}/paths.txt", "w") as f:
    for m in mix: f.write("/api/search?" + urllib.parse.urlencode(m) + "\n")
with open(f"{work}/queries.txt", "w") as f:   # the same, for soundbite search --queries (filters as field: syntax)
    for m in mix:
        q = m["q"]
        if "role" in m: q += ' role:"' + m["role"] + '"'
        if "chapter" in m: q += ' chapter:"' + m["chapter"] + '"'
        f.write(q + "\n")
print(f"== query mix: {len(mix)} queries (8 classes x 50)")
PY

cat > "$WORK/mix.lua" <<LUA
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

echo "== in process: soundbite search --queries (the mix x 5, one thread)"
for _ in 1 2 3 4 5; do cat "$WORK/queries.txt"; done > "$WORK/queries5.txt"
start=$(date +%s.%N)
"$BIN" search --queries "$WORK/queries5.txt" -i "$WORK/corpus.sbx" > "$WORK/inprocess.jsonl" 2>"$WORK/inprocess.err" || true
end=$(date +%s.%N)
n=$(wc -l < "$WORK/queries5.txt")
python3 -c "import sys; n, s = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print(f'   {n} queries in {s:.2f} s: {n / s:.0f} queries/s (one thread)')" "$n" "$start" "$end"
errors=$(grep -c '"error"' "$WORK/inprocess.jsonl" || true)
echo "   queries that failed: $errors"

"$BIN" serve -i "$WORK/corpus.sbx" --port 0 --workers "$WORKERS" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 1 300); do
  PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1 | grep -o '[0-9]*$' || true)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$WORK/serve.log"; exit 1; }
echo "== wrk: $CONNECTIONS connections, $DURATION s, 2 threads, against soundbite serve --workers $WORKERS on port $PORT"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
kill -INT "$SERVER"; wait "$SERVER" || true; SERVER=
statuses=$(grep -o '" [0-9][0-9][0-9] ' "$WORK/serve.log" | sort | uniq -c | tr '\n' ' ')
echo "== statuses in the access log: $statuses"
grep -q "Non-2xx\|Socket errors" "$WORK/wrk.txt" && { echo "FAIL: wrk saw errors"; exit 1; }
echo "== 0 errors"
