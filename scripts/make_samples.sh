#!/usr/bin/env bash
# Renders the bundled samples/ folder with tools/gen_samples (see samples/README.md).
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target gen_samples -j "$(nproc)" >/dev/null
"$build_dir/gen_samples" "${1:-$source_dir/samples}"
