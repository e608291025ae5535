#!/usr/bin/env bash
# For each hosted provider against the mock: the first run makes one call per
# distinct key, the second makes none and reports saved_usd equal to the first run's
# cost_usd; the key is never written anywhere. (Duplicates: test_provider_throughput.sh.)
source "$(dirname "$0")/provider_lib.sh"
start_mock
make_library "$WORK/lib" 5

for provider in openai anthropic gemini; do
  mock_reset
  cache="sqlite:$WORK/$provider.db"
  export SM_ENV="$(key_var "$provider")=$TEST_KEY"
  sm --verbose --cache "$cache" analyze --provider "$provider" --format json "$WORK/lib" >"$WORK/$provider.1.json" \
    2>"$WORK/$provider.1.err" || fail "$provider first run exited $?: $(cat "$WORK/$provider.1.err")"
  calls=$(mock_stat total)
  [[ "$calls" == 5 ]] || fail "$provider: expected 5 calls for 5 distinct keys, mock saw $calls"
  [[ $(json_get "$WORK/$provider.1.json" 'd["summary"]["api_calls"]') == 5 ]] || fail "$provider: api_calls != 5"
  [[ $(json_get "$WORK/$provider.1.json" 'd["summary"]["files_ok"]') == 5 ]] || fail "$provider: not all 5 files ok"
  [[ $(json_get "$WORK/$provider.1.json" 'd["summary"]["provider"]') == "$provider" ]] || fail "$provider: wrong provider"
  [[ $(json_get "$WORK/$provider.1.json" 'd["summary"]["cost_usd"] > 0') == True ]] || fail "$provider: no cost"
  [[ $(json_get "$WORK/$provider.1.json" 'd["summary"]["input_tokens"] > 0 and d["summary"]["output_tokens"] > 0') == True ]] \
    || fail "$provider: no token usage"

  sm --cache "$cache" analyze --provider "$provider" --format json "$WORK/lib" >"$WORK/$provider.2.json" \
    2>"$WORK/$provider.2.err" || fail "$provider second run exited $?"
  [[ $(mock_stat total) == 5 ]] || fail "$provider: the second run called the provider"
  [[ $(json_get "$WORK/$provider.2.json" 'd["summary"]["api_calls"]') == 0 ]] || fail "$provider: second run api_calls"
  [[ $(json_get "$WORK/$provider.2.json" 'd["summary"]["hit_rate"]') == 1.0 ]] || fail "$provider: second run not all hits"
  first_cost=$(json_get "$WORK/$provider.1.json" 'd["summary"]["cost_usd"]')
  python3 - "$WORK/$provider.1.json" "$WORK/$provider.2.json" <<'PY' || fail "$provider: saved_usd != first cost_usd"
import json, sys
first, second = (json.load(open(p))["summary"] for p in sys.argv[1:3])
assert first["cost_usd"] > 0 and abs(second["saved_usd"] - first["cost_usd"]) < 1e-12, (first, second)
PY
  assert_no_secret "$WORK/$provider.1.json" "$WORK/$provider.2.json" "$WORK/$provider.1.err" "$WORK/$provider.db"
  pass "$provider: 5 calls for 5 keys, cost $first_cost, second run all hits and saved it"
done
unset SM_ENV
