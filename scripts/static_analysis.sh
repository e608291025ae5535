#!/usr/bin/env bash
# Static analysis with cppcheck over every C++ file of the repository (library, CLI, tests,
# tools, fuzzers). Fails on any finding; a reviewed false positive is suppressed inline
# (// cppcheck-suppress ID) with the reason on the same comment.
# Usage: scripts/static_analysis.sh   (part of scripts/test.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v cppcheck > /dev/null || { echo "static_analysis: needs cppcheck (scripts/setup.sh --test)" >&2; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
cd "$root"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# Project headers only (-I src -I tests); system and library headers are not analysed.
if ! cppcheck --std=c++20 --language=c++ --enable=warning,performance,portability --inline-suppr \
     --library=cmake/cppcheck-doctest.cfg --error-exitcode=1 --quiet -j "$jobs" \
     -I src -I tests -D SAMPLEMIND_VERSION='"0"' -D SAMPLEMIND_DATA_DIR='""' -D SAMPLEMIND_SOURCE_DATA_DIR='""' \
     --template='{file}:{line}: {severity} ({id}): {message}' src tests tools fuzz 2> "$out"; then
  cat "$out" >&2
  echo "static_analysis: cppcheck found the problems above (fix them, or suppress a reviewed false positive inline with its reason)" >&2
  exit 1
fi
echo "static_analysis: cppcheck found nothing new" >&2
