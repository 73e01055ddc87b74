#!/usr/bin/env bash
# Builds the libFuzzer targets (release, ASan) and runs each for SECONDS.
#
#   Benchmarks/fuzz.sh [SECONDS] [TARGET...]      default: 60 s, every target
#   Benchmarks/fuzz.sh 600                        10 minutes each
#   Benchmarks/fuzz.sh 120 query indexfile        two targets only
#   FUZZ_BUILD_ONLY=1 Benchmarks/fuzz.sh          build, don't run
#   FUZZ_NO_BUILD=1 Benchmarks/fuzz.sh 600 query  run what is built, don't rebuild
#
# Targets (entry files Tests/Fuzz/<Name>Fuzz.swift; the work is done by
# FuzzEntryPoints in the test-support module Tests/SoundbiteTestSupport, which
# `swift test` replays on the seeds and regressions):
#   transcript  WebVTT / SRT / plain text (+ chapter tracks), chosen by the first byte
#   manifest    collection.json
#   query       query parser + search of a small in-memory index
#   indexfile   open + search + verify of mutated index images
#   selects     soundbite selects input (search JSON / JSON lines / CSV) -> timeline -> every writer
#   xml         the XML pull reader (OHMS, WordprocessingML)
#   whisperjson / whisperxjson / amazonjson   speech-recogniser JSON readers
#   ohms        the OHMS XML reader
#   deflate     the DEFLATE decoder on raw streams (limits checked exactly)
#   zip         the ZIP reader, every entry extracted, standard and tight limits
#   docx        byte 0 even: a word/document.xml walked and read; odd: a whole .docx
#   textlayout  format detection + the text-layout readers (Otter, Rev, Descript, Premiere, Whisper TSV)
#   edl / fcpxml / otio   the cut readers (soundbite used), then mapping, recording and a --used/--unused search
#   lz          the stored-text block codec: decode (size from bytes 0-1), and compress + decode the rest
#   httprequest the HTTP request parser of `soundbite serve` (prefix-consistent), each request answered by its handler
#
# The targets are not in Package.swift (an executable without a main would
# break `swift build`): the library, the server module and the test-support
# module are compiled once into static libraries with -sanitize=fuzzer,address, each entry file is
# linked against them.
# Everything goes to .build-fuzz/ (git-ignored). New corpus inputs stay in
# .build-fuzz/corpus/TARGET; findings go to .build-fuzz/findings/TARGET/ —
# minimise one, add it to Tests/Fuzz/Regressions/TARGET/ and fix the cause.
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
shift || true
ALL=(transcript manifest query indexfile selects xml whisperjson whisperxjson amazonjson ohms textlayout deflate zip docx edl fcpxml otio lz httprequest)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

OUT=.build-fuzz
LIB=$OUT/lib
mkdir -p "$LIB"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -package-name soundbite)

entry_file() {
  case $1 in
    transcript) echo Tests/Fuzz/TranscriptFuzz.swift ;;
    manifest) echo Tests/Fuzz/ManifestFuzz.swift ;;
    query) echo Tests/Fuzz/QueryFuzz.swift ;;
    indexfile) echo Tests/Fuzz/IndexFileFuzz.swift ;;
    selects) echo Tests/Fuzz/SelectsFuzz.swift ;;
    xml) echo Tests/Fuzz/XMLFuzz.swift ;;
    whisperjson) echo Tests/Fuzz/WhisperJSONFuzz.swift ;;
    whisperxjson) echo Tests/Fuzz/WhisperXJSONFuzz.swift ;;
    amazonjson) echo Tests/Fuzz/AmazonJSONFuzz.swift ;;
    ohms) echo Tests/Fuzz/OHMSFuzz.swift ;;
    deflate) echo Tests/Fuzz/DeflateFuzz.swift ;;
    zip) echo Tests/Fuzz/ZipFuzz.swift ;;
    docx) echo Tests/Fuzz/DocxFuzz.swift ;;
    textlayout) echo Tests/Fuzz/TextLayoutFuzz.swift ;;
    edl) echo Tests/Fuzz/EDLFuzz.swift ;;
    fcpxml) echo Tests/Fuzz/FCPXMLFuzz.swift ;;
    otio) echo Tests/Fuzz/OTIOFuzz.swift ;;
    lz) echo Tests/Fuzz/LZBlockFuzz.swift ;;
    httprequest) echo Tests/Fuzz/HTTPRequestFuzz.swift ;;
    *) echo "fuzz.sh: unknown target '$1' (known: ${ALL[*]})" >&2; exit 2 ;;
  esac
}
max_len() {
  case $1 in
    transcript|manifest|selects|xml|whisperjson|whisperxjson|amazonjson|ohms|textlayout|deflate|zip|edl|fcpxml|otio|lz|httprequest) echo 16384 ;;
    docx) echo 32768 ;;
    query) echo 4200 ;;     # just over QueryLimits.standard.maxQueryBytes
    indexfile) echo 512 ;;  # up to 127 mutations
  esac
}

# 1. The library and the test-support module, rebuilt when a source is newer
#    than the archive (FUZZ_NO_BUILD=1 runs the binaries already built, e.g.
#    two targets at once).
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
if [ ! -f "$LIB/libSoundbiteTestSupport.a" ] \
   || [ -n "$(find Sources/CSoundbiteCRC Sources/Soundbite Sources/SoundbiteServe Tests/SoundbiteTestSupport \( -name '*.swift' -o -name '*.[ch]' \) -newer "$LIB/libSoundbiteTestSupport.a" | head -1)" ]; then
  echo "== building the library and the test support (release, fuzzer+ASan instrumentation)"
  start=$(date +%s)
  # Compile a snapshot, so an edit made meanwhile doesn't fail the build.
  touch "$OUT/snapshot.stamp"
  rm -f "$LIB/libSoundbiteTestSupport.a"
  rm -rf "$OUT/src" && mkdir -p "$OUT/src" && cp -R Sources/CSoundbiteCRC Sources/Soundbite Sources/SoundbiteServe Tests/SoundbiteTestSupport "$OUT/src/"
  # Our C target (CRC-32C with the CPU instruction): a static library and a
  # module map beside the Swift modules, so `import CSoundbiteCRC` resolves.
  mkdir -p "$LIB/CSoundbiteCRC"
  cp "$OUT/src/CSoundbiteCRC/include/CSoundbiteCRC.h" "$LIB/CSoundbiteCRC/"
  printf 'module CSoundbiteCRC {\n  header "CSoundbiteCRC.h"\n  export *\n}\n' > "$LIB/CSoundbiteCRC/module.modulemap"
  clang -O2 -fPIC -fsanitize=fuzzer-no-link,address -I "$OUT/src/CSoundbiteCRC/include" \
    -c "$OUT/src/CSoundbiteCRC/CRC32CHardware.c" -o "$LIB/CRC32CHardware.o" \
    && ar rcs "$LIB/libCSoundbiteCRC.a" "$LIB/CRC32CHardware.o" \
    || { echo "fuzz.sh: building CSoundbiteCRC failed" >&2; exit 1; }
  for module in Soundbite SoundbiteServe SoundbiteTestSupport; do
    mapfile -t SOURCES < <(find "$OUT/src/$module" -name '*.swift' | sort)
    swiftc "${FLAGS[@]}" -wmo -module-name "$module" -I "$LIB" -I "$LIB/CSoundbiteCRC" \
      -emit-module -emit-module-path "$LIB/$module.swiftmodule" \
      -emit-library -static -o "$LIB/lib$module.a" "${SOURCES[@]}" \
      || { rm -f "$LIB/lib$module.a"; echo "fuzz.sh: building $module failed" >&2; exit 1; }
  done
  touch -r "$OUT/snapshot.stamp" "$LIB/libSoundbite.a" "$LIB/libSoundbiteServe.a" "$LIB/libSoundbiteTestSupport.a"   # edits made meanwhile trigger a rebuild
  echo "   done in $(( $(date +%s) - start )) s"
fi

# 2. The targets.
for t in "${TARGETS[@]}"; do
  src=$(entry_file "$t")
  bin=$OUT/fuzz-$t
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$LIB/libSoundbiteTestSupport.a" -nt "$bin" ]; then
    echo "== linking $bin"
    # (ld.gold warns about ASan's local symbols; harmless, so filtered)
    swiftc "${FLAGS[@]}" -I "$LIB" -L "$LIB" -I "$LIB/CSoundbiteCRC" -lSoundbiteTestSupport -lSoundbiteServe -lSoundbite -lCSoundbiteCRC "$src" -o "$bin" 2>&1 \
      | { grep -v "Cannot export local symbol '__asan" || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz.sh: linking $t failed" >&2; exit 1; }
  fi
done
fi
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# 3. Run each target in turn.
export SWIFT_BACKTRACE=enable=no
SUMMARY=()
FOUND=0
for t in "${TARGETS[@]}"; do
  corpus=$OUT/corpus/$t
  findings=$OUT/findings/$t
  mkdir -p "$corpus" "$findings"
  dict=()
  [ -f "Tests/Fuzz/Dictionaries/$t.dict" ] && dict=(-dict="Tests/Fuzz/Dictionaries/$t.dict")
  inputs=("$corpus" "Tests/Fuzz/Seeds/$t")
  [ -d "Tests/Fuzz/Regressions/$t" ] && inputs+=("Tests/Fuzz/Regressions/$t")   # absent until a finding is kept
  before=$(find "$findings" -type f | wc -l)
  log=$OUT/fuzz-$t.log
  echo "== fuzzing $t for $SECONDS_EACH s (log $log)"
  set +e
  "$OUT/fuzz-$t" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" -timeout=10 \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$findings/" "${dict[@]}" \
    "${inputs[@]}" > "$log" 2>&1
  status=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  new=$(( $(find "$findings" -type f | wc -l) - before ))
  if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
    FOUND=1
    result="FINDING (exit $status): $(find "$findings" -type f -newer "$OUT/fuzz-$t" | tr '\n' ' ')"
    grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error|Precondition failed' "$log" | sed 's/^/    /' || true
  else
    result="no findings"
  fi
  line=$(printf '%-11s %8s exec/s  %10s execs  cov %5s  %s' "$t" "$rate" "$execs" "$cov" "$result")
  echo "   $line"
  SUMMARY+=("$line")
done

echo
echo "== summary ($SECONDS_EACH s per target, release + ASan)"
printf '%s\n' "${SUMMARY[@]}"
exit $FOUND
