#!/usr/bin/env bash
# Peak memory of analyze over generated libraries of tiny files (default 2,000 and 20,000),
# to show memory grows only by the per-file results, not by the files' audio.
# Usage: scripts/bench_reliability.sh [COUNT...]   env SAMPLEMIND_BUILD_DIR (default build/), CACHE (default memory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SAMPLEMIND_BUILD_DIR:-$root/build}
cache=${CACHE:-memory}
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(2000 20000)
[[ -x /usr/bin/time ]] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
[[ -x "$build_dir/samplemind" && -x "$build_dir/gen_tiny_library" ]] || { echo "bench: build first (scripts/build.sh)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/samplemind-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/xdg"

printf '%8s %12s %10s %14s %12s\n' files peak_rss_kb elapsed_s json_bytes rss_per_file
base_kb=0
base_files=0
for count in "${counts[@]}"; do
  "$build_dir/gen_tiny_library" "$work/lib-$count" "$count"
  cache_url=$cache
  [[ $cache == sqlite ]] && cache_url="sqlite:$work/bench-$count.db"
  /usr/bin/time -v -o "$work/time-$count" "$build_dir/samplemind" --cache "$cache_url" analyze "$work/lib-$count" \
    --provider offline --format json > "$work/out-$count.json" 2> "$work/err-$count" || true
  rss=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$work/time-$count")
  elapsed=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$work/time-$count")
  bytes=$(stat -c %s "$work/out-$count.json")
  per_file="-"
  if [[ $base_files -gt 0 ]]; then per_file=$(( (rss - base_kb) * 1024 / (count - base_files) ))B; fi
  printf '%8s %12s %10s %14s %12s\n' "$count" "$rss" "$elapsed" "$bytes" "$per_file"
  [[ $base_files -eq 0 ]] && { base_kb=$rss; base_files=$count; }
  rm -rf "$work/lib-$count"
done
