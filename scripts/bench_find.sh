#!/usr/bin/env bash
# find and similar benchmark: COUNT analysed files in a SQLite cache (filled once by
# tools/bench_find, then one offline analyze for an answer per file), then the best of three runs of typical queries and of `similar`
# (lines_out: paths printed, JSON lines, or table rows). Goal: at most 1 s for 100,000 files. `bench_find --phases` splits one query's time.
# Usage: scripts/bench_find.sh [COUNT]   env SAMPLEMIND_BUILD_DIR (default build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SAMPLEMIND_BUILD_DIR:-$root/build}
count=${1:-100000}
[[ -x "$build_dir/samplemind" && -x "$build_dir/bench_find" ]] || { echo "bench: build first (scripts/build.sh)" >&2; exit 2; }
data="$build_dir/bench-find-$count"
if [[ ! -f "$data/.complete" ]]; then
  rm -rf "$data"
  mkdir -p "$data"
  echo "filling a cache with $count analysed files (once; kept in $data)"
  "$build_dir/bench_find" "$data/library" "$count" "sqlite:$data/cache.db"
  # An answer for every file, as a user's library has: the offline analyser over the cached
  # features (nothing is decoded), so --genre and --tag join 100,000 answers.
  env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u GEMINI_API_KEY -u GOOGLE_API_KEY \
    "$build_dir/samplemind" --cache "sqlite:$data/cache.db" analyze --provider offline -q "$data/library" >/dev/null
  touch "$data/.complete"
fi
unset OPENAI_API_KEY ANTHROPIC_API_KEY GEMINI_API_KEY GOOGLE_API_KEY SAMPLEMIND_PROVIDER SAMPLEMIND_ROUTES || true
echo "== find over $count cached files (goal: <= 1 s wall); best of 3"
printf '%-44s %8s %8s %8s %8s\n' query wall_s user_s sys_s lines_out
for query in "--bpm 120-128 --paths" "--compatible 8A --kind loop --paths" "--category kick --paths" \
             "--bpm 120-128 --format json" "--genre house --paths" "--tag loop --paths"; do
  best=""
  for _ in 1 2 3; do
    # shellcheck disable=SC2086  # the query is a list of words on purpose
    /usr/bin/time -o "$data/time.txt" -f "%e %U %S" "$build_dir/samplemind" --cache "sqlite:$data/cache.db" find $query \
      > "$data/out.txt" 2>/dev/null || true
    line=$(tail -1 "$data/time.txt")
    if [[ -z "$best" ]] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
  done
  read -r wall user sys <<<"$best"
  printf '%-44s %8s %8s %8s %8s\n' "$query" "$wall" "$user" "$sys" "$(grep -c . "$data/out.txt" || true)"
done
# similar: the 10 nearest of one cached file (a cached query file is not analysed again).
query_file=$(find "$data/library" -type f -print -quit)
best=""
for _ in 1 2 3; do
  /usr/bin/time -o "$data/time.txt" -f "%e %U %S" "$build_dir/samplemind" --cache "sqlite:$data/cache.db" similar \
    "$query_file" -n 10 > "$data/out.txt" 2>/dev/null || true
  line=$(tail -1 "$data/time.txt")
  if [[ -z "$best" ]] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best=$line; fi
done
read -r wall user sys <<<"$best"
printf '%-44s %8s %8s %8s %8s\n' "similar FILE -n 10" "$wall" "$user" "$sys" "$(grep -c . "$data/out.txt" || true)"
"$build_dir/bench_find" --phases "sqlite:$data/cache.db"
