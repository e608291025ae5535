#!/usr/bin/env bash
# Benchmarks, each printing measurements side by side in one run (never timed assertions).
# Usage: scripts/bench.sh [features|providers|cache|reliability|find|scale|all] [args for that bench]
# (all leaves out scale: 100,000 files take several minutes; run it by name)
# Builds first (Release, build/) when the binaries are missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-all}
shift || true
[[ -x "${SAMPLEMIND_BUILD_DIR:-$root/build}/samplemind" ]] || { "$root/scripts/setup.sh" --test && "$root/scripts/build.sh"; }
case "$which" in
  features|providers|cache|reliability|find|scale) exec "$root/scripts/bench_$which.sh" "$@" ;;
  all)
    for bench in features providers cache reliability find; do
      echo "################ $bench"
      "$root/scripts/bench_$bench.sh"
    done ;;
  *) echo "usage: scripts/bench.sh [features|providers|cache|reliability|find|scale|all]" >&2; exit 2 ;;
esac
