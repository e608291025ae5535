#!/usr/bin/env bash
# Provider throughput: 100 cache misses against the mock provider at 500 ms latency,
# wall time at concurrency 1, 4 and 16. Usage:
#   scripts/bench_providers.sh [--files N] [--latency-ms MS] [--concurrency "1 4 16"]
# Uses $SAMPLEMIND_BIN, else build/samplemind (built by scripts/build.sh when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
files=100
latency_ms=500
levels="1 4 16"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --latency-ms) latency_ms=$2; shift 2 ;;
    --concurrency) levels=$2; shift 2 ;;
    *) echo "usage: $0 [--files N] [--latency-ms MS] [--concurrency \"1 4 16\"]" >&2; exit 2 ;;
  esac
done

bin=${SAMPLEMIND_BIN:-build/samplemind}
if [[ ! -x "$bin" ]]; then scripts/build.sh >&2; fi

# The integration tests' mock helpers: start_mock, mock_stat, mock_reset, $WORK cleanup.
export SAMPLEMIND_BIN=$(realpath "$bin") SAMPLEMIND_SOURCE_DIR=$PWD
source tests/integration/provider_lib.sh
start_mock --latency-ms "$latency_ms"
work=$WORK

# Short files with distinct features (duration 0.1 s apart x 6 dB level steps), so every
# file is its own miss and extraction stays small next to the provider latency.
python3 - "$work/lib" "$files" <<'PY'
import math, os, struct, sys, wave
folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder)
rate = 8000
for i in range(count):
    frames = int(rate * (0.5 + 0.1 * (i % 20)))
    amplitude = 16000 / (2 ** (i // 20))
    tone = b"".join(struct.pack("<h", int(amplitude * math.sin(2 * math.pi * 330 * n / rate))) for n in range(frames))
    with wave.open(os.path.join(folder, "bench_%04d.wav" % i), "wb") as out:
        out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate); out.writeframes(tone)
PY

run() {  # run CONCURRENCY PROVIDER: prints wall seconds
  local start end
  start=$(date +%s.%N)
  (cd "$work" && env -i PATH="$PATH" HOME="$work" OPENAI_API_KEY=sk-bench-not-a-key OPENAI_BASE_URL="$MOCK_URL/v1" \
     "$SAMPLEMIND_BIN" --cache none analyze --provider "$2" --concurrency "$1" --format json "$work/lib" >"$work/out.json" 2>/dev/null) \
     || { echo "run failed (concurrency $1)" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c 'import sys; print("%.2f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$start" "$end"
}

echo "samplemind provider benchmark: $files misses, mock latency ${latency_ms} ms, $(nproc) cores"
baseline=$(run 4 offline)
echo "baseline (offline provider, extraction only): ${baseline} s"
printf "%-12s %10s %8s %14s %10s\n" concurrency wall_s calls max_in_flight ideal_s
for level in $levels; do
  mock_reset
  wall=$(run "$level" openai)
  ideal=$(python3 -c 'import math,sys; print("%.2f" % (math.ceil(int(sys.argv[1]) / int(sys.argv[2])) * int(sys.argv[3]) / 1000))' \
          "$files" "$level" "$latency_ms")
  printf "%-12s %10s %8s %14s %10s\n" "$level" "$wall" "$(mock_stat total)" "$(mock_stat max_in_flight)" "$ideal"
done
