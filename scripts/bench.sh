#!/usr/bin/env bash
# Benchmarks, each printing measurements side by side in one run (never timed assertions).
# Usage: scripts/bench.sh [features|providers|cache|reliability|find|scale|tag_memory|all] [args for that bench]
# (all leaves out scale and tag_memory: 100,000 files, and 320 MB of hostile tags, take
# several minutes to make; run them by name)
# Builds first (Release, build/) when the binaries are missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-all}
shift || true
[[ -x "${SAMPLEMIND_BUILD_DIR:-$root/build}/samplemind" ]] || { "$root/scripts/setup.sh" --test && "$root/scripts/build.sh"; }
case "$which" in
  features|providers|cache|reliability|find|scale|tag_memory) exec "$root/scripts/bench_$which.sh" "$@" ;;
  all)
    for bench in features providers cache reliability find; do
      echo "################ $bench"
      "$root/scripts/bench_$bench.sh"
    done ;;
  *) echo "usage: scripts/bench.sh [features|providers|cache|reliability|find|scale|tag_memory|all]" >&2; exit 2 ;;
esac
