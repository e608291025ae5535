#!/usr/bin/env bash
# Cache benchmark, side by side in one run:
#   1. put/get latency p50/p99 per backend (sqlite, file, redis on loopback, memory) over
#      ENTRIES entries, and bytes per entry;
#   2. a cold analyze against a warm rerun over a generated library of FILES files.
# Usage: scripts/bench_cache.sh [ENTRIES [FILES]]   env SAMPLEMIND_BUILD_DIR (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SAMPLEMIND_BUILD_DIR:-$root/build}
entries=${1:-10000}
files=${2:-500}
[[ -x "$build_dir/samplemind" && -x "$build_dir/bench_cache" ]] || { echo "bench: build first (scripts/build.sh)" >&2; exit 2; }
source "$root/tests/redis_server.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/samplemind-bench-cache.XXXXXX")
trap 'stop_redis_server; rm -rf "$work"' EXIT
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY GOOGLE_API_KEY SAMPLEMIND_PROVIDER SAMPLEMIND_ROUTES || true

echo "== cache backends: $entries entries each (goal: sqlite/file p50 <= 50 us, redis <= 300 us, <= 4 KB/entry)"
redis_args=()
if start_redis_server "$work/redis"; then redis_args=(--redis "$REDIS_TEST_URL"); else echo "(redis-server missing: redis skipped)"; fi
"$build_dir/bench_cache" --entries "$entries" --dir "$work/backends" "${redis_args[@]}"

echo
# Two libraries: the labelled evaluation corpus (loops of 1-8 bars and one-shots in
# wav/flac/aiff/ogg at 22.05-48 kHz, four seeds: what a sample library looks like) and
# FILES two-second WAV loops (the cheapest possible cold run, so the hardest ratio).
# Their mtimes are set an hour back, as in any real library: a file modified in the
# last 2 s is always re-hashed (the racy-stat rule, docs/cache.md), which would make a
# warm run straight after generating the files measure hashing, not the cache.
corpus="$build_dir/bench-cache-corpus"
if [[ ! -f "$corpus/.complete" ]]; then
  rm -rf "$corpus"
  for seed in 11 12 13 14; do "$build_dir/gen_corpus" "$corpus/set$seed" --seed "$seed" >/dev/null; done
  touch "$corpus/.complete"
fi
"$build_dir/bench_cache" --make-library "$work/loops" "$files"
find "$corpus" "$work/loops" -type f -exec touch -d '1 hour ago' {} +
now_s() { date +%s.%N; }
cold_warm() {  # LABEL LIBRARY: one cold run, then the best of three warm reruns, per backend
  local label=$1 library=$2 count
  count=$(find "$library" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif' -o -name '*.ogg' \) | wc -l)
  echo "-- $label: $count files, offline provider (goal: warm >= 50x faster)"
  for url in "sqlite:$work/$label.db" "file:$work/$label-files" ${REDIS_TEST_URL:+"$REDIS_TEST_URL"}; do
    [[ "$url" == redis* ]] && "$build_dir/samplemind" --cache "$url" cache clear >/dev/null
    local t0 t1 warm=""
    t0=$(now_s)
    "$build_dir/samplemind" --cache "$url" analyze "$library" --provider offline --format json > "$work/cold.json"
    t1=$(now_s)
    local cold
    cold=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}')
    for _ in 1 2 3; do
      t0=$(now_s)
      "$build_dir/samplemind" --cache "$url" analyze "$library" --provider offline --format json > "$work/warm.json"
      t1=$(now_s)
      warm=$(awk -v a="$t0" -v b="$t1" -v best="$warm" 'BEGIN{t=b-a; if (best=="" || t<best) best=t; printf "%.4f", best}')
    done
    local hits decoded
    hits=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["cache_hits"])' "$work/warm.json")
    decoded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["files_decoded"])' "$work/warm.json")
    awk -v label="${url%%:*}" -v cold="$cold" -v warm="$warm" -v hits="$hits" -v n="$count" -v decoded="$decoded" \
      'BEGIN { printf "%-8s cold %7.2f s   warm %6.3f s   %6.1fx faster   warm hits %d/%d, decoded %d\n", label, cold, warm, cold / warm, hits, n, decoded }'
  done
}
echo "== cold vs warm analyze"
cold_warm corpus "$corpus"
cold_warm loops "$work/loops"
