# Helpers shared by the test_reliability_*.sh tests (sourced after lib.sh, not run).

# start_mock_provider LATENCY_MS: starts tests/mock_provider.py on a free port and points
# the OpenAI provider at it (killed when the test exits); sets mock_url.
start_mock_provider() {
  python3 "$SAMPLEMIND_SOURCE_DIR/tests/mock_provider.py" --port 0 --port-file "$work/mock.port" \
    --latency-ms "$1" > "$work/mock.log" 2>&1 &
  mock_pid=$!
  trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 100); do [[ -s "$work/mock.port" ]] && break; sleep 0.1; done
  [[ -s "$work/mock.port" ]] || fail "mock provider did not start: $(cat "$work/mock.log")"
  mock_url="http://127.0.0.1:$(cat "$work/mock.port")"
  export OPENAI_API_KEY=sk-reliability-test OPENAI_BASE_URL="$mock_url/v1"
}

# mock_calls: chat completions the mock answered so far.
mock_calls() {
  python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1] + "/__stats"))["total"])' "$mock_url"
}

# wait_for COMMAND...: polls a condition for up to 60 s.
wait_for() {
  for _ in $(seq 600); do "$@" && return 0; sleep 0.1; done
  fail "timed out waiting for: $*"
}

# ai_entries CACHE_URL: AI entries the cache holds (sqlite:PATH or file:DIR).
ai_entries() {
  case "$1" in
    sqlite:*)
      local n=0
      [[ -f "${1#sqlite:}" ]] && { n=$(sqlite3 -readonly "${1#sqlite:}" "SELECT count(*) FROM entries WHERE kind = 'ai'" 2>/dev/null) || n=0; }
      echo "${n:-0}" ;;
    file:*) find "${1#file:}/ai" -type f -name '*.json' 2>/dev/null | wc -l ;;
  esac
}

# entries_at_least CACHE_URL N: true once the cache holds N AI entries.
entries_at_least() { [[ $(ai_entries "$1") -ge $2 ]]; }
