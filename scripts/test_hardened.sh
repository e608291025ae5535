#!/usr/bin/env bash
# The hardened pass of scripts/test.sh: one clang build (build-hardened/) with ASan+UBSan
# and the libFuzzer targets; runs the unit tests, the CLI-contract and sample tests and
# every reliability test under the sanitizers, then each fuzzer for a fixed number of runs
# (at most SAMPLEMIND_FUZZ_SECONDS, default 60) on a copy of its seed corpus
# (fuzz/corpus/<target>/ is never modified).
# Any finding fails the script.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${HARDENED_BUILD_DIR:-$root/build-hardened}
fuzz_seconds=${SAMPLEMIND_FUZZ_SECONDS:-60}
jobs=$(nproc 2>/dev/null || echo 2)
command -v clang++ > /dev/null || { echo "test_hardened: needs clang (scripts/setup.sh --test)" >&2; exit 1; }

CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSAMPLEMIND_SANITIZE=ON -DSAMPLEMIND_FUZZ=ON -DSAMPLEMIND_TESTS=ON -DSAMPLEMIND_WERROR=ON > /dev/null
if ! cmake --build "$build_dir" -j "$jobs" > "$build_dir/build.log" 2>&1; then
  tail -40 "$build_dir/build.log" >&2
  echo "test_hardened: build failed (full log: $build_dir/build.log)" >&2
  exit 1
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp  # third-party leaks only, each explained there
export SAMPLEMIND_SANITIZED=1  # tests skip timing and memory bounds the sanitizers distort
cd "$build_dir"
ctest --output-on-failure -j "$jobs" --timeout 900 \
  -R '^(unit\.|integration\.test_(cli_contract|analyze_samples|reliability_.*)$)'

mkdir -p "$build_dir/fuzz-artifacts"
# A fixed seed and a fixed number of runs per target make the CI pass reproducible (the same
# inputs every time); SAMPLEMIND_FUZZ_SECONDS caps the time. SAMPLEMIND_FUZZ_SEED=0 (random
# seed) with SAMPLEMIND_FUZZ_RUNS=-1 (no run limit) explores instead.
declare -A fuzz_runs=([fuzz_decoder]=8000 [fuzz_provider_answer]=60000 [fuzz_cache_entry]=300000
                     [fuzz_dotenv]=200000 [fuzz_redis_url]=200000 [fuzz_report_writers]=30000
                     [fuzz_stat_record]=200000 [fuzz_file_name]=300000 [fuzz_file_tags]=5000)
for target in fuzz_decoder fuzz_provider_answer fuzz_cache_entry fuzz_dotenv fuzz_redis_url fuzz_report_writers \
              fuzz_stat_record fuzz_file_name fuzz_file_tags; do
  corpus="$build_dir/fuzz-corpus/${target#fuzz_}"
  mkdir -p "$corpus"
  log="$build_dir/fuzz-artifacts/$target.log"
  if ! "$build_dir/fuzz/$target" -seed="${SAMPLEMIND_FUZZ_SEED:-1}" -runs="${SAMPLEMIND_FUZZ_RUNS:-${fuzz_runs[$target]}}" \
      -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$build_dir/fuzz-artifacts/$target-" "$corpus" "$root/fuzz/corpus/${target#fuzz_}" > "$log" 2>&1; then
    tail -60 "$log" >&2
    echo "test_hardened: $target found a problem (artifact in $build_dir/fuzz-artifacts/)" >&2
    exit 1
  fi
  echo "fuzz: $target $(grep -E '^Done [0-9]+ runs' "$log" || tail -1 "$log")" >&2
done
echo "test_hardened: sanitizer tests and fuzzers passed" >&2
