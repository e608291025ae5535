#!/usr/bin/env bash
# Cache benchmark, side by side in one run:
#   1. put/get latency p50/p99 per backend (sqlite, file, redis on loopback, memory) over
#      ENTRIES entries, and bytes per entry;
#   2. a cold analyze against a warm rerun over a generated library of FILES files.
# Usage: scripts/bench_cache.sh [ENTRIES [FILES]]   env BUILD_DIR (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
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
echo "== cold vs warm analyze: $files generated 2 s loops, offline provider (goal: warm >= 50x faster)"
"$build_dir/bench_cache" --make-library "$work/library" "$files"
now_s() { date +%s.%N; }
for url in "sqlite:$work/analyze.db" "file:$work/analyze-files" ${REDIS_TEST_URL:+"$REDIS_TEST_URL"}; do
  t0=$(now_s)
  "$build_dir/samplemind" --cache "$url" analyze "$work/library" --provider offline --format json > "$work/cold.json"
  t1=$(now_s)
  "$build_dir/samplemind" --cache "$url" analyze "$work/library" --provider offline --format json > "$work/warm.json"
  t2=$(now_s)
  hits=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["cache_hits"])' "$work/warm.json")
  awk -v label="${url%%:*}" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v hits="$hits" -v n="$files" \
    'BEGIN { cold = t1 - t0; warm = t2 - t1; printf "%-8s cold %7.2f s   warm %6.3f s   %6.1fx faster   warm hits %d/%d\n", label, cold, warm, cold / warm, hits, n }'
done
