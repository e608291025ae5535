#!/usr/bin/env bash
# ThreadSanitizer pass of scripts/test.sh: a clang build (build-tsan/) of the unit tests,
# run whole, so a data race in the batch runner, the caches or the providers fails CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${TSAN_BUILD_DIR:-$root/build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$build_dir"
log="$build_dir/build.log"
echo "test_tsan: building the unit tests with ThreadSanitizer (log: $log)" >&2
if ! { CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DCMAKE_CXX_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DSAMPLEMIND_WERROR=ON &&
       cmake --build "$build_dir" -j "$jobs" --target samplemind_unit_tests; } > "$log" 2>&1; then
  tail -n 60 "$log" >&2
  exit 1
fi
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
"$build_dir/tests/samplemind_unit_tests" --no-version=true --minimal=true
echo "test_tsan: unit tests passed under ThreadSanitizer" >&2
