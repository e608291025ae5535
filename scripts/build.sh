#!/usr/bin/env bash
# Configures and builds samplemind with CMake into build/ (Release by default).
# Usage: scripts/build.sh [extra cmake -D options]   env BUILD_DIR, BUILD_TYPE override.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
build_type=${BUILD_TYPE:-Release}
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" "$@" >/dev/null
cmake --build "$build_dir" -j "$jobs" >&2
