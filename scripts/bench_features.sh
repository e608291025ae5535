#!/usr/bin/env bash
# Feature-extraction speed and memory, side by side on the same files in one run:
#   samplemind features --jobs 1   (decode once + every stage)
#   decode only                    (tools/bench_decode_only.cpp)
#   decode + our BS.1770 meter     (bench_decode_only --loudness: samplemind's loudness stage)
#   decode + libebur128            (bench_decode_only --libebur128: the meter it replaced)
#   aubio's tempo tracker alone    (tools/bench_aubio_tempo.cpp, aubio defaults)
# plus peak memory of samplemind on a 20-minute stereo file (/usr/bin/time -v).
#   scripts/bench_features.sh [DIR...]   (default: the generated evaluation corpus, rendered
#   if missing, and the real corpus of scripts/make_real_corpus.sh when $build_dir/corpus-real
#   or SAMPLEMIND_REAL_CORPUS exists); one table per folder.
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${SAMPLEMIND_BUILD_DIR:-$source_dir/build}"
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" --target samplemind gen_corpus gen_long_file bench_decode_only bench_aubio_tempo -j "$(nproc)" >/dev/null
bin="${SAMPLEMIND_BIN:-$build_dir/samplemind}"
dirs=("$@")
if [[ ${#dirs[@]} -eq 0 ]]; then
  dirs=("$build_dir/corpus-2024")
  real="${SAMPLEMIND_REAL_CORPUS:-$build_dir/corpus-real}"
  [[ -d "$real" ]] && dirs+=("$real")
fi
[[ -d "$build_dir/corpus-2024" ]] || "$build_dir/gen_corpus" "$build_dir/corpus-2024"

seconds() {  # best of 3 wall-clock runs of a command, in seconds
  local best=""
  for _ in 1 2 3; do
    local start end took
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    took=$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.3f", b-a}')
    if [[ -z "$best" ]] || awk -v t="$took" -v b="$best" 'BEGIN{exit !(t<b)}'; then best="$took"; fi
  done
  echo "$best"
}

for dir in "${dirs[@]}"; do
  mapfile -t files < <(find "$dir/" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif' -o -name '*.ogg' \) | sort)
  echo "files: ${#files[@]} in $dir"
  [[ ${#files[@]} -gt 0 ]] || continue
  t_features=$(seconds "$bin" features "${files[@]}" --format jsonl --jobs 1 --no-cache)  # extraction, not feature-cache hits
  t_decode=$(seconds "$build_dir/bench_decode_only" "${files[@]}")
  t_loudness=$(seconds "$build_dir/bench_decode_only" --loudness "${files[@]}")
  t_libebur128=$(seconds "$build_dir/bench_decode_only" --libebur128 "${files[@]}")
  t_aubio=$(seconds "$build_dir/bench_aubio_tempo" "${files[@]}")
  awk -v f="$t_features" -v d="$t_decode" -v a="$t_aubio" -v l="$t_loudness" -v e="$t_libebur128" 'BEGIN{
    printf "%-38s %8s %10s\n", "pass (same files, 1 core)", "seconds", "ratio";
    printf "%-38s %8.3f %10s\n", "decode only", d, "1.00x decode";
    printf "%-38s %8.3f %10.2fx decode\n", "decode + our BS.1770 meter", l, l/d;
    printf "%-38s %8.3f %10.2fx decode\n", "decode + libebur128 (for comparison)", e, e/d;
    printf "%-38s %8.3f %10.2fx decode\n", "aubio tempo tracker alone", a, a/d;
    printf "%-38s %8.3f %10.2fx decode\n", "samplemind features --jobs 1", f, f/d;
    printf "%-38s %8s %10.2f (target <= 1.0)\n", "samplemind / aubio tempo", "", f/a;
    printf "%-38s %8s %10.2f (target <= 3.0)\n", "samplemind / decode", "", f/d;
  }'
done

long="$build_dir/bench-20min-stereo.flac"
[[ -f "$long" ]] || "$build_dir/gen_long_file" "$long" 1200
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v "$bin" features "$long" --format jsonl --jobs 1 --no-cache 2>"$build_dir/bench-time.txt" >/dev/null || true
  rss_kb=$(awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}' "$build_dir/bench-time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$build_dir/bench-time.txt")
  echo "20-minute stereo file: peak memory $((rss_kb / 1024)) MB (target < 100 MB), wall $wall"
else
  echo "20-minute stereo file: /usr/bin/time not installed (apt-get install time) - memory not measured"
fi
