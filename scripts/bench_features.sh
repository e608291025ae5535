#!/usr/bin/env bash
# Feature-extraction speed and memory, side by side on the same files in one run:
#   samplemind features --jobs 1   (decode once + every stage)
#   decode only                    (tools/bench_decode_only.cpp)
#   decode + our BS.1770 meter     (bench_decode_only --loudness: samplemind's loudness stage)
#   decode + libebur128            (bench_decode_only --libebur128: the meter it replaced)
#   aubio's tempo tracker alone    (tools/bench_aubio_tempo.cpp, aubio defaults)
# each the best of SAMPLEMIND_BENCH_ROUNDS (default 3) interleaved rounds, in wall and in CPU
# seconds (both to the millisecond, from bash's own timer) (on a noisy VM a change of 5% needs 10 or more rounds to show),
# plus peak memory of samplemind on a 20-minute stereo file (/usr/bin/time -v).
# SAMPLEMIND_BASELINE_BIN=/path/to/other/samplemind adds that binary's features pass to the
# same rounds (a change measured side by side against the build before it).
#   scripts/bench_features.sh [DIR...]   (default: the generated evaluation corpus, rendered
#   if missing, and the real corpus of scripts/make_real_corpus.sh when $build_dir/corpus-real
#   or SAMPLEMIND_REAL_CORPUS exists); one table per folder.
set -euo pipefail
rounds="${SAMPLEMIND_BENCH_ROUNDS:-3}"
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]] || (( rounds > 100 )); then
  printf 'bench_features.sh: SAMPLEMIND_BENCH_ROUNDS must be a whole number from 1 to 100 (got %q)\n' "$rounds" >&2
  exit 2
fi

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

# Best of $rounds rounds; each round runs every pass once, in turn, so a slow spell of the VM
# falls on all passes alike instead of on whichever ran during it. Leaves each pass's best
# seconds in best_wall and best_cpu (cpu = user + system, which a busy neighbour disturbs
# less than wall).
# Usage: interleaved NAME... ; the command of pass NAME is in the array cmd_NAME.
declare -A best_wall best_cpu
interleaved() {
  local name
  for name in "$@"; do best_wall[$name]=""; best_cpu[$name]=""; done
  for ((round = 0; round < rounds; ++round)); do
    for name in "$@"; do
      local -n command="cmd_$name"
      local out="$build_dir/bench-pass-time.txt" wall user sys cpu
      # bash's own timer: wall, user and system seconds to the millisecond (GNU time prints
      # CPU seconds in 10 ms steps, which moved the CPU ratio by 0.05 per step here)
      local TIMEFORMAT='%3R %3U %3S'
      { time "${command[@]}" >/dev/null 2>&1 || true; } 2>"$out"
      read -r wall user sys < <(tail -n 1 "$out")
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.3f", u+s}')
      if [[ -z "${best_wall[$name]}" ]] || awk -v t="$wall" -v b="${best_wall[$name]}" 'BEGIN{exit !(t<b)}'; then best_wall[$name]=$wall; fi
      if [[ -z "${best_cpu[$name]}" ]] || awk -v t="$cpu" -v b="${best_cpu[$name]}" 'BEGIN{exit !(t<b)}'; then best_cpu[$name]=$cpu; fi
    done
  done
}

for dir in "${dirs[@]}"; do
  mapfile -t files < <(find "$dir/" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif' -o -name '*.ogg' \) | sort)
  echo "files: ${#files[@]} in $dir"
  [[ ${#files[@]} -gt 0 ]] || continue
  cmd_features=("$bin" features "${files[@]}" --format jsonl --jobs 1 --no-cache)  # extraction, not feature-cache hits
  cmd_decode=("$build_dir/bench_decode_only" "${files[@]}")
  cmd_loudness=("$build_dir/bench_decode_only" --loudness "${files[@]}")
  cmd_libebur128=("$build_dir/bench_decode_only" --libebur128 "${files[@]}")
  cmd_aubio=("$build_dir/bench_aubio_tempo" "${files[@]}")
  passes=(features decode loudness libebur128 aubio)
  baseline="${SAMPLEMIND_BASELINE_BIN:-}"  # another build's binary, timed in the same rounds
  if [[ -n "$baseline" ]]; then
    cmd_baseline=("$baseline" features "${files[@]}" --format jsonl --jobs 1 --no-cache)
    passes+=(baseline)
  fi
  interleaved "${passes[@]}"
  for clock in wall cpu; do
    if [[ $clock == wall ]]; then declare -n t=best_wall; else declare -n t=best_cpu; fi
    awk -v clock="$clock" -v b="${t[baseline]:-}" -v f="${t[features]}" -v d="${t[decode]}" -v a="${t[aubio]}" -v l="${t[loudness]}" -v e="${t[libebur128]}" 'BEGIN{
      printf "%-38s %8s %10s\n", "pass (same files, 1 core), " clock, "seconds", "ratio";
      printf "%-38s %8.3f %10s\n", "decode only", d, "1.00x decode";
      printf "%-38s %8.3f %10.2fx decode\n", "decode + our BS.1770 meter", l, l/d;
      printf "%-38s %8.3f %10.2fx decode\n", "decode + libebur128 (for comparison)", e, e/d;
      printf "%-38s %8.3f %10.2fx decode\n", "aubio tempo tracker alone", a, a/d;
      printf "%-38s %8.3f %10.2fx decode\n", "samplemind features --jobs 1", f, f/d;
      printf "%-38s %8s %10.2f (target <= 1.0)\n", "samplemind / aubio tempo", "", f/a;
      printf "%-38s %8s %10.2f (target <= 3.0)\n", "samplemind / decode", "", f/d;
      if (b != "") {
        printf "%-38s %8.3f %10.2fx decode\n", "baseline features --jobs 1", b, b/d;
        printf "%-38s %8s %10.2f\n", "samplemind / baseline", "", f/b;
      }
    }'
    unset -n t
  done
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
