#!/usr/bin/env bash
# Two analyze processes at once over the same library and the same cache (SQLite, file,
# Redis when the backend exists): both finish without errors, and no entry is lost or corrupt.
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/integration/reliability_lib.sh"
bin="$SAMPLEMIND_BIN"
files=300
"$(tool_bin gen_tiny_library)" lib "$files"
start_mock_provider 5
args=(analyze lib --provider openai --model gpt-4o-mini --concurrency 4 -j 2 --format json)
"$bin" --cache memory "${args[@]}" > reference.json
distinct=$(json_get reference.json 'd["summary"]["api_calls"]')

check_backend() {
  local url=$1 name=$2
  "$bin" --cache "$url" "${args[@]}" > "$name-a.json" 2> "$name-a.err" & local a=$!
  "$bin" --cache "$url" "${args[@]}" > "$name-b.json" 2> "$name-b.err" & local b=$!
  set +e; wait "$a"; local code_a=$?; wait "$b"; local code_b=$?; set -e
  [[ $code_a -eq 0 && $code_b -eq 0 ]] || fail "$name: exits $code_a/$code_b: $(cat "$name-a.err" "$name-b.err")"
  for run in a b; do
    assert_eq "$(json_get "$name-$run.json" 'd["summary"]["files_ok"]')" "$files" "$name run $run files ok"
    assert_eq "$(json_get "$name-$run.json" 'd["summary"]["cache_errors"]')" "0" "$name run $run cache errors"
    [[ ! -s "$name-$run.err" ]] || fail "$name run $run wrote diagnostics: $(cat "$name-$run.err")"
  done
  # Nothing lost or corrupt: a third run is all hits, with the same answers.
  "$bin" --cache "$url" "${args[@]}" > "$name-c.json"
  assert_eq "$(json_get "$name-c.json" 'd["summary"]["cache_misses"]')" "0" "$name: third run all hits"
  assert_eq "$(json_get "$name-c.json" 'd["summary"]["cache_errors"]')" "0" "$name: third run cache errors"
  python3 - "$name-a.json" "$name-c.json" <<'PY'
import json, sys
first = {f["path"]: f["result"] for f in json.load(open(sys.argv[1]))["files"]}
third = {f["path"]: f["result"] for f in json.load(open(sys.argv[2]))["files"]}
assert first == third, "answers changed between runs"
PY
  echo "$name: two processes, $distinct distinct answers, third run all hits" >&2
}

check_backend "sqlite:$work/shared.db" sqlite
assert_eq "$(sqlite3 "$work/shared.db" 'PRAGMA integrity_check')" "ok" "sqlite integrity"
assert_eq "$(ai_entries "sqlite:$work/shared.db")" "$distinct" "sqlite holds one entry per distinct answer"
check_backend "file:$work/shared-files" file
assert_eq "$(ai_entries "file:$work/shared-files")" "$distinct" "file cache holds one entry per distinct answer"
[[ -z $(find "$work/shared-files" -name '*.tmp.*') ]] || fail "file cache left temp files behind"

# Redis: a private redis-server on a free port, when the redis backend is built in.
if command -v redis-server > /dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > redis.log 2>&1 &
  redis_pid=$!
  trap 'kill "$mock_pid" "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  wait_for redis-cli -p "$port" ping > /dev/null 2>&1
  set +e; "$bin" --cache "redis://127.0.0.1:$port" cache stats > /dev/null 2> redis-probe.err; probe=$?; set -e
  if [[ $probe -eq 2 ]] && grep -q "unknown cache URL" redis-probe.err; then
    echo "skip: this build has no redis backend" >&2
  else
    check_backend "redis://127.0.0.1:$port" redis
  fi
else
  echo "skip: redis-server not installed" >&2
fi
echo "ok"
