#!/usr/bin/env bash
# SIGINT and SIGTERM stop new work, print the partial report and exit 130; what finished
# stays cached. A second signal quits at once (still 130).
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/integration/reliability_lib.sh"
bin="$SAMPLEMIND_BIN"
"$(tool_bin gen_tiny_library)" lib 400
start_mock_provider 20
args=(analyze lib --provider openai --model gpt-4o-mini --concurrency 2 -j 2 --format json)

for signal in INT TERM; do
  url="sqlite:$work/sig-$signal.db"
  "$bin" --cache "$url" "${args[@]}" > "partial-$signal.json" 2> "partial-$signal.err" &
  pid=$!
  wait_for entries_at_least "$url" 20
  started=$(date +%s)
  kill -s "$signal" "$pid"
  set +e; wait "$pid"; code=$?; set -e
  assert_eq "$code" "130" "exit code after SIG$signal"
  [[ $(( $(date +%s) - started )) -le 15 ]] || fail "SIG$signal took too long to stop"
  assert_json_finite "partial-$signal.json"
  python3 - "partial-$signal.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["interrupted"] is True, s
statuses = [f["status"] for f in d["files"]]
assert len(statuses) == s["files_total"] == 400, s
assert statuses.count("ok") == s["files_ok"] > 0, s
assert statuses.count("skipped") == s["files_skipped"] > 0, s
assert s["files_failed"] == 0, s
assert all(f["error"] == "not analysed: interrupted" for f in d["files"] if f["status"] == "skipped")
PY
  grep -q "stopping" "partial-$signal.err" || fail "SIG$signal: no stopping notice on stderr"
  # Every file reported ok was committed: the rerun hits the cache for each of them.
  "$bin" --cache "$url" "${args[@]}" > "rerun-$signal.json"
  python3 - "partial-$signal.json" "rerun-$signal.json" <<'PY'
import json, sys
partial = json.load(open(sys.argv[1]))
rerun = {f["path"]: f for f in json.load(open(sys.argv[2]))["files"]}
for f in partial["files"]:
    if f["status"] == "ok":
        assert rerun[f["path"]]["cache"] == "hit", f["path"]
PY
done

# A second signal while the first is being honoured quits at once with 130. The first signal
# aborts the calls in flight within a second, so the wind-down is made to hang where a user
# meets it: stdout is a pipe nobody reads, and the partial report (400 files, far more than a
# pipe holds) blocks in write(). Only the second signal can end the run. It must come later
# than the 500 ms margin (one signal sent to process and group arrives twice at once).
mkfifo "$work/stdout.fifo"
exec 3<> "$work/stdout.fifo"   # a reader that never reads: writes block once the pipe is full
"$bin" --cache "sqlite:$work/twice.db" "${args[@]}" > "$work/stdout.fifo" 2> twice.err &
pid=$!
wait_for entries_at_least "sqlite:$work/twice.db" 5
kill -INT "$pid"; sleep 0.6
kill -0 "$pid" 2>/dev/null || fail "the run ended before the second SIGINT: its report did not block"
started=$(date +%s%N)
kill -INT "$pid"
set +e; wait "$pid"; code=$?; set -e
exec 3<&-
assert_eq "$code" "130" "exit code after two SIGINTs"
[[ $(( ($(date +%s%N) - started) / 1000000 )) -lt 2000 ]] || fail "the second SIGINT did not quit at once"
assert_eq "$(sqlite3 "$work/twice.db" 'PRAGMA integrity_check')" "ok" "cache intact after a hard stop"
echo "ok"
