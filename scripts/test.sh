#!/usr/bin/env bash
# Installs what the tests need, builds, and runs every test (unit and integration) with CTest.
# Set SAMPLEMIND_SANITIZE=1 to also build and test with ASan+UBSan into build-asan/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" --test
"$root/scripts/build.sh"
jobs=$(nproc 2>/dev/null || echo 2)
cd "$root/build"
ctest --output-on-failure -j "$jobs" --timeout 900
