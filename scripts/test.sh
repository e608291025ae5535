#!/usr/bin/env bash
# Installs what the tests need, runs cppcheck (scripts/static_analysis.sh), builds with every
# warning an error, and runs every test (unit and integration) with CTest.
# First the hardened pass (docs/reliability.md): one clang build with ASan+UBSan and the
# libFuzzer targets in build-hardened/, running the unit, contract and reliability tests
# there, and each fuzzer for SAMPLEMIND_FUZZ_SECONDS (default 25), and the unit tests under
# ThreadSanitizer (build-tsan/); SAMPLEMIND_SANITIZE=0 skips both. Then the Release
# build in build/ runs the whole suite, so the output ends with CTest's summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test
"$root/scripts/static_analysis.sh"
if [[ "${SAMPLEMIND_SANITIZE:-1}" != 0 ]]; then
  "$root/scripts/test_hardened.sh"
  "$root/scripts/test_tsan.sh"
fi
"$root/scripts/build.sh" -DSAMPLEMIND_WERROR=ON
jobs=$(nproc 2>/dev/null || echo 2)
cd "$root/build"
ctest --output-on-failure -j "$jobs" --timeout 900
