#!/usr/bin/env bash
# The failure handling against the mock, for each hosted provider: a 429 with a
# retry signal (retry-after-ms / retry-after / RetryInfo) and 5xx/529 are retried and
# succeed; a bad key or exhausted quota exits 3 with one line naming the variable and
# nothing cached; truncated, refused or invalid JSON is a per-file error, never cached.
source "$(dirname "$0")/provider_lib.sh"
start_mock
make_library "$WORK/lib" 3

# run_case PROVIDER SCENARIO NAME: one run; sets RC, OUT (json), ERR.
run_case() {
  local provider=$1 scenario=$2 name=$3
  mock_reset
  mock_config "{\"scenario\":\"$scenario\",\"fail_first\":1}"
  export SM_ENV="$(key_var "$provider")=$TEST_KEY"
  OUT="$WORK/$name.json"; ERR="$WORK/$name.err"
  set +e
  sm --cache "sqlite:$WORK/$name.db" analyze --provider "$provider" --format json "$WORK/lib" >"$OUT" 2>"$ERR"
  RC=$?
  set -e
  assert_no_secret "$OUT" "$ERR" "$WORK/$name.db"
}

# entries NAME: AI entries the run left in its cache.
entries() { sm --cache "sqlite:$WORK/$1.db" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])'; }

for provider in openai anthropic gemini; do
  for scenario in rate_limit server_error overloaded; do
    run_case "$provider" "$scenario" "$provider-$scenario"
    [[ $RC == 0 ]] || fail "$provider $scenario: exit $RC, expected 0 after retries: $(cat "$ERR")"
    [[ $(mock_stat total) == 6 ]] || fail "$provider $scenario: expected 3 failed + 3 retried calls, saw $(mock_stat total)"
    [[ $(json_get "$OUT" 'd["summary"]["api_calls"]') == 3 ]] || fail "$provider $scenario: api_calls"
  done
  pass "$provider: 429 with retry signal, 5xx and overload are retried and succeed"

  for scenario in bad_key quota; do
    run_case "$provider" "$scenario" "$provider-$scenario"
    [[ $RC == 3 ]] || fail "$provider $scenario: exit $RC, expected 3"
    [[ $(mock_stat total) -le 3 ]] || fail "$provider $scenario: fatal error was retried ($(mock_stat total) calls)"
    grep -q "$(key_var "$provider")" "$ERR" || fail "$provider $scenario: stderr does not name $(key_var "$provider"): $(cat "$ERR")"
    grep -q "$provider" "$ERR" || fail "$provider $scenario: stderr does not name the provider"
    [[ $(grep -c "fatal" "$ERR") == 1 ]] || fail "$provider $scenario: expected one fatal line: $(cat "$ERR")"
    [[ $(entries "$provider-$scenario") == 0 ]] || fail "$provider $scenario: something was cached"
  done
  pass "$provider: bad key and exhausted quota exit 3, one line naming $(key_var "$provider"), nothing cached"

  for scenario in truncated refusal invalid; do
    run_case "$provider" "$scenario" "$provider-$scenario"
    [[ $RC == 1 ]] || fail "$provider $scenario: exit $RC, expected 1"
    [[ $(json_get "$OUT" 'd["summary"]["files_failed"]') == 3 ]] || fail "$provider $scenario: files not failed"
    [[ $(json_get "$OUT" 'all(f["error"] for f in d["files"])') == True ]] || fail "$provider $scenario: no error text"
    [[ $(entries "$provider-$scenario") == 0 ]] || fail "$provider $scenario: a bad answer was cached"
    [[ $(mock_stat total) == 3 ]] || fail "$provider $scenario: a bad answer was retried"
  done
  pass "$provider: truncated, refused and invalid answers are per-file errors, never cached"
done

# Ollama's OpenAI-compatible endpoint: works without a key; a missing model is fatal.
unset SM_ENV
mock_reset; mock_config '{"scenario":"ok"}'
sm --cache "sqlite:$WORK/ollama.db" analyze --provider ollama --format json "$WORK/lib" >"$WORK/ollama.json" 2>"$WORK/ollama.err" \
  || fail "ollama run exited $?: $(cat "$WORK/ollama.err")"
[[ $(json_get "$WORK/ollama.json" 'd["summary"]["cost_usd"]') == 0.0 ]] || fail "ollama should cost nothing"
[[ $(mock_stat total) == 3 ]] || fail "ollama: expected 3 calls"
mock_config '{"scenario":"not_found"}'
set +e; sm --cache none analyze --provider ollama --model nosuch "$WORK/lib" >/dev/null 2>"$WORK/ollama404.err"; rc=$?; set -e
[[ $rc == 3 ]] || fail "ollama missing model: exit $rc, expected 3"
grep -q "ollama pull nosuch" "$WORK/ollama404.err" || fail "ollama 404 message: $(cat "$WORK/ollama404.err")"
pass "ollama: OpenAI-compatible endpoint, free, missing model is fatal with a pull hint"

# A slow server hits the total timeout, is retried, then fails the file (exit 1).
mock_reset; mock_config '{"scenario":"slow","slow_ms":3000}'
export SM_ENV="OPENAI_API_KEY=$TEST_KEY SAMPLEMIND_TIMEOUT_S=0.5"
set +e; SAMPLEMIND_MAX_RETRIES=1 sm --cache none analyze --provider openai --format json "$WORK/lib" >"$WORK/slow.json" 2>&1; rc=$?; set -e
[[ $rc == 1 ]] || fail "slow server: exit $rc, expected 1"
grep -qi "timed out\|timeout" "$WORK/slow.json" || fail "slow server: no timeout error"
[[ $(mock_stat total) == 6 ]] || fail "slow server: expected 2 attempts per file, saw $(mock_stat total)"
pass "slow responses time out, are retried once, then fail the file"

# A server delay over the cap is not waited for; x-should-retry:false is obeyed.
for scenario in long_retry_after no_retry; do
  mock_reset; mock_config "{\"scenario\":\"$scenario\"}"
  set +e; sm --cache none analyze --provider openai "$WORK/lib" >/dev/null 2>&1; rc=$?; set -e
  [[ $rc == 1 ]] || fail "$scenario: exit $rc, expected 1"
  [[ $(mock_stat total) == 3 ]] || fail "$scenario: expected no retries, saw $(mock_stat total) calls"
done
pass "retry-after over the cap and x-should-retry:false are not retried"
