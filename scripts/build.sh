#!/usr/bin/env bash
# Configures and builds samplemind with CMake into build/ (Release by default).
# Usage: scripts/build.sh [extra cmake -D options]   env SAMPLEMIND_BUILD_DIR, SAMPLEMIND_BUILD_TYPE override.
# The compiler's output goes to SAMPLEMIND_BUILD_DIR/build.log; its tail is shown when the build fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${SAMPLEMIND_BUILD_DIR:-$root/build}
build_type=${SAMPLEMIND_BUILD_TYPE:-Release}
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$build_dir"
log="$build_dir/build.log"
echo "build: $build_type into $build_dir (log: $log)" >&2
if ! { cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" "$@" &&
       cmake --build "$build_dir" -j "$jobs"; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "build: failed; the whole log is in $log" >&2
  exit 1
fi
