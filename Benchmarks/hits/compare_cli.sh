#!/bin/sh
# Same hits, field for field: runs the queries of a bench mix (the JSONL of
# `soundbite-bench --dump-queries`, role/chapter filters as `role:"…"` /
# `chapter:"…"`) through two `soundbite` binaries, with the CLI defaults and
# with `--explain --context 1 -n 20`, and `cmp`s each pair of outputs: every
# query as JSON lines (`search --queries`), and every EVERY-th query one
# process each as text and as CSV (`--queries` always writes JSON lines).
#
#   Benchmarks/hits/compare_cli.sh BASE/soundbite NEW/soundbite INDEX.sbx QUERIES.jsonl WORKDIR [EVERY]
#
# Exit status 0 when every pair is byte-identical.
set -eu
base=$1 new=$2 index=$3 mix=$4 work=$5 every=${6:-1}
mkdir -p "$work"
python3 - "$mix" > "$work/queries.txt" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    q = json.loads(line)
    text = q["query"]
    for field in ("role", "chapter"):
        if q.get(field):
            text += ' %s:"%s"' % (field, q[field])
    print(text)
PY
status=0
report() {   # NAME: compare base-NAME.out with new-NAME.out
    if cmp -s "$work/base-$1.out" "$work/new-$1.out"; then
        echo "same      $1 ($(wc -c < "$work/new-$1.out") bytes)"
    else
        echo "DIFFERENT $1"; status=1
    fi
}
for extra in "" "--explain --context 1 -n 20"; do
    tag=$(echo "$extra" | tr -d ' -')
    for bin in base new; do
        eval exe=\$$bin
        # shellcheck disable=SC2086
        "$exe" search -i "$index" --queries "$work/queries.txt" --color never $extra > "$work/$bin-jsonl$tag.out" 2>&1 || true
        for format in text csv; do
            : > "$work/$bin-$format$tag.out"
            n=0
            while IFS= read -r q; do
                if [ $((n % every)) -eq 0 ]; then
                    # shellcheck disable=SC2086
                    "$exe" search "$q" -i "$index" --format "$format" --color never $extra >> "$work/$bin-$format$tag.out" 2>&1 || true
                fi
                n=$((n + 1))
            done < "$work/queries.txt"
        done
    done
    for format in jsonl text csv; do report "$format$tag"; done
done
exit $status
