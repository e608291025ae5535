#!/usr/bin/env bash
# A library ten times larger costs only the per-file results in memory: the audio is
# streamed and the JSON report is written file by file. (scripts/bench_reliability.sh
# measures 2,000 vs 20,000 files; this test keeps CI short with 300 vs 3,000.)
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
gen="$(tool_bin gen_tiny_library)"
"$gen" small 300
"$gen" large 3000

run() { /usr/bin/time -v -o "$1.time" "$bin" --cache "sqlite:$work/$1.db" analyze "$1" --provider offline --format json > "$1.json"; }
run small
run large
assert_eq "$(json_get large.json 'd["summary"]["files_ok"]')" "3000" "every tiny file analysed"
assert_json_finite large.json
small_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' small.time)
large_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' large.time)
per_file=$(( (large_kb - small_kb) * 1024 / 2700 ))
echo "peak RSS: 300 files ${small_kb} KiB, 3000 files ${large_kb} KiB: ${per_file} bytes per extra file" >&2
# Generous bound: a file's result (features, answer, path) is a few KiB at most.
[[ -n "${SAMPLEMIND_SANITIZED:-}" || $per_file -lt 16384 ]] || fail "memory grows ${per_file} bytes per file"
echo "ok"
