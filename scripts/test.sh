#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test (unit and integration) with CTest.
# Then the hardened pass (docs/reliability.md): one clang build with ASan+UBSan and the
# libFuzzer targets in build-hardened/, running the unit, contract and reliability tests
# there, and each fuzzer for SAMPLEMIND_FUZZ_SECONDS (default 25). SAMPLEMIND_SANITIZE=0 skips it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test
"$root/scripts/build.sh"
jobs=$(nproc 2>/dev/null || echo 2)
cd "$root/build"
ctest --output-on-failure -j "$jobs" --timeout 900
[[ "${SAMPLEMIND_SANITIZE:-1}" != 0 ]] || exit 0
"$root/scripts/test_hardened.sh"
