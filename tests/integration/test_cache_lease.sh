#!/usr/bin/env bash
# No answer paid for twice across processes: four analyze processes at once over the same
# 50 distinct files and one shared cache (SQLite, then Redis), against the mock provider
# with 300 ms latency. The provider is called once per distinct key, every process reports
# every file ok, and the lifetime counters add up (hits + misses = files x processes).
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/integration/reliability_lib.sh"
bin="$SAMPLEMIND_BIN"
files=50
processes=4
"$(tool_bin gen_tiny_library)" lib "$files"
start_mock_provider 300
args=(analyze lib --provider openai --model gpt-4o-mini --concurrency 4 -j 2 --format json)
"$bin" --cache memory "${args[@]}" > reference.json
distinct=$(json_get reference.json 'd["summary"]["api_calls"]')
[[ $distinct -ge 45 ]] || fail "expected (nearly) distinct keys, got $distinct"

reset_mock() { python3 -c 'import sys,urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/__reset", data=b"{}"))' "$mock_url"; }

check_backend() {
  local url=$1 name=$2
  reset_mock
  local pids=()
  for p in $(seq "$processes"); do
    "$bin" --cache "$url" "${args[@]}" > "$name-$p.json" 2> "$name-$p.err" &
    pids+=($!)
  done
  for p in $(seq "$processes"); do
    set +e; wait "${pids[$((p - 1))]}"; local code=$?; set -e
    [[ $code -eq 0 ]] || fail "$name process $p: exit $code: $(cat "$name-$p.err")"
    assert_eq "$(json_get "$name-$p.json" 'd["summary"]["files_ok"]')" "$files" "$name process $p files ok"
    assert_eq "$(json_get "$name-$p.json" 'd["summary"]["cache_errors"]')" "0" "$name process $p cache errors"
  done
  assert_eq "$(mock_calls)" "$distinct" "$name: provider calls = distinct keys (no answer paid twice)"
  local paid
  paid=$(python3 -c 'import json,sys; print(sum(json.load(open(f))["summary"]["api_calls"] for f in sys.argv[1:]))' \
    "$name"-[1-9].json)
  assert_eq "$paid" "$distinct" "$name: api calls reported by all processes"
  "$bin" --cache "$url" cache stats --format json > "$name-stats.json"
  assert_eq "$(json_get "$name-stats.json" 'd["hits"] + d["misses"]')" "$((files * processes))" \
    "$name: hits + misses = files x processes (no phantom hits)"
  assert_eq "$(json_get "$name-stats.json" 'd["misses"]')" "$distinct" "$name: one miss per distinct key"
  echo "$name: $processes processes, $files files, $distinct provider calls" >&2
}

check_backend "sqlite:$work/shared.db" sqlite
assert_eq "$(sqlite3 "$work/shared.db" 'SELECT count(*) FROM leases')" "0" "sqlite: every lease released"

if command -v redis-server > /dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > redis.log 2>&1 &
  redis_pid=$!
  trap 'kill "$mock_pid" "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  wait_for redis-cli -p "$port" ping > /dev/null 2>&1
  check_backend "redis://127.0.0.1:$port" redis
  assert_eq "$(redis-cli -p "$port" --scan --pattern 'samplemind:lease:*' | wc -l)" "0" "redis: every lease released"
else
  echo "skip: redis-server not installed" >&2
fi
