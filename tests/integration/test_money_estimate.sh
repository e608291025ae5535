#!/usr/bin/env bash
# Money against the mock: a dry run needs no key, prints one
# estimate line instead of per-file skips, and lands near the real run's cost; unknown
# prices are unknown and --max-cost refuses them; wrong-typed answers are not cached;
# Anthropic's out-of-credit 400 stops the batch; `prices` shows the table in use.
source "$(dirname "$0")/provider_lib.sh"
start_mock
make_library "$WORK/lib" 4

# Dry run and cache key without a key: exit 0, no call.
sm --cache "sqlite:$WORK/a.db" analyze --provider openai --dry-run "$WORK/lib" >"$WORK/dry.txt" 2>"$WORK/dry.err" \
  || fail "dry run without a key exited $?: $(cat "$WORK/dry.err")"
[[ $(mock_stat total) == 0 ]] || fail "the dry run called the provider"
grep -q "^  estimate   4 call(s) would be made, \$0\.000" "$WORK/dry.txt" || fail "no estimate line: $(cat "$WORK/dry.txt")"
if grep -q "dry run: the provider was not called" "$WORK/dry.txt"; then fail "per-file skipped lines in the table"; fi
sm analyze --provider openai --dry-run --format json "$WORK/lib" >"$WORK/dry.json" 2>/dev/null || fail "json dry run"
[[ $(json_get "$WORK/dry.json" 'd["summary"]["estimated_calls"]') == 4 ]] || fail "estimated_calls"
sm cache key --provider openai "$WORK/lib/tone_000.wav" >/dev/null 2>"$WORK/key.err" \
  || fail "cache key --provider openai without a key exited $?: $(cat "$WORK/key.err")"
pass "dry run and cache key need no key; one estimate line"

# The estimate against the real (mock) bill, for a plain and a reasoning model.
for model in gpt-4o-mini claude-haiku-4-5; do
  provider=openai; [[ $model == claude* ]] && provider=anthropic
  export SM_ENV="$(key_var $provider)=$TEST_KEY"
  sm --cache "sqlite:$WORK/$model.db" analyze --provider $provider --model $model --dry-run --format json "$WORK/lib" \
    >"$WORK/$model.dry.json" 2>/dev/null || fail "$model dry run"
  sm --cache "sqlite:$WORK/$model.db" analyze --provider $provider --model $model --format json "$WORK/lib" \
    >"$WORK/$model.real.json" 2>/dev/null || fail "$model real run"
  python3 - "$WORK/$model.dry.json" "$WORK/$model.real.json" <<'PY' || fail "$model: estimate far from the real cost"
import json, sys
est = json.load(open(sys.argv[1]))["summary"]["estimated_cost_usd"]
real = json.load(open(sys.argv[2]))["summary"]["cost_usd"]
ratio = est / real
print("estimate %.8f real %.8f ratio %.2f" % (est, real, ratio))
assert 0.75 <= ratio <= 1.35, ratio
PY
  pass "$model: estimate within 35% of the real cost"
done

# Unknown price: warning naming the model, cost null, --max-cost refused unless --price.
export SM_ENV="OPENAI_API_KEY=$TEST_KEY"
sm --cache none analyze --provider openai --model gpt-9-unknown --format json "$WORK/lib" >"$WORK/unknown.json" \
  2>"$WORK/unknown.err" || fail "unknown-price run exited $?"
[[ $(grep -c "no price for openai model 'gpt-9-unknown'" "$WORK/unknown.err") == 1 ]] || fail "one warning naming the model"
[[ $(json_get "$WORK/unknown.json" 'd["summary"]["cost_usd"]') == None ]] || fail "unknown cost is not null"
[[ $(json_get "$WORK/unknown.json" 'd["files"][0]["cost_usd"]') == None ]] || fail "unknown file cost is not null"
sm --cache none analyze --provider openai --model gpt-9-unknown "$WORK/lib" 2>/dev/null | grep -q "cost       unknown" \
  || fail "table does not say unknown"
set +e; sm --cache none analyze --provider openai --model gpt-9-unknown --max-cost 1 "$WORK/lib" >/dev/null 2>"$WORK/max.err"; code=$?; set -e
[[ $code == 2 ]] || fail "--max-cost with an unknown price exited $code, not 2"
grep -q "\-\-max-cost needs a price for openai model 'gpt-9-unknown'" "$WORK/max.err" || fail "unclear message: $(cat "$WORK/max.err")"
sm --cache none analyze --provider openai --model gpt-9-unknown --max-cost 1 --price 1/2 --format json "$WORK/lib" \
  >"$WORK/priced.json" 2>/dev/null || fail "--price did not satisfy --max-cost"
[[ $(json_get "$WORK/priced.json" 'd["summary"]["cost_usd"] > 0') == True ]] || fail "--price not used"
pass "unknown price: one warning, null cost, --max-cost exit 2 unless --price"

# A wrongly typed answer is a per-file error and is not cached (the rerun calls again).
mock_reset
sm --cache "sqlite:$WORK/wrong.db" analyze --provider openai --model mock-wrong_types --format json "$WORK/lib" \
  >"$WORK/wrong.json" 2>/dev/null && fail "wrong types accepted"
[[ $(json_get "$WORK/wrong.json" 'd["summary"]["files_failed"]') == 4 ]] || fail "wrong types not per-file errors"
sm --cache "sqlite:$WORK/wrong.db" analyze --provider openai --model mock-wrong_types "$WORK/lib" >/dev/null 2>&1 || true
[[ $(mock_stat total) == 8 ]] || fail "a wrongly typed answer was cached (mock saw $(mock_stat total) calls)"
pass "wrongly typed answers: per-file errors, not cached"

# Anthropic out of credit (HTTP 400 invalid_request_error): exit 3, one line naming the provider.
export SM_ENV="ANTHROPIC_API_KEY=$TEST_KEY"
mock_reset
set +e; sm --cache none analyze --provider anthropic --model mock-quota "$WORK/lib" >/dev/null 2>"$WORK/credit.err"; code=$?; set -e
[[ $code == 3 ]] || fail "out of credit exited $code, not 3"
[[ $(grep -c "fatal: anthropic:" "$WORK/credit.err") == 1 ]] || fail "no single fatal line: $(cat "$WORK/credit.err")"
pass "anthropic out of credit stops the batch"
unset SM_ENV

# samplemind prices: the table in use, its file and dates; SAMPLEMIND_PRICES replaces it.
sm prices >"$WORK/prices.txt" || fail "prices exited $?"
grep -q "gemini-2.5-flash-lite" "$WORK/prices.txt" || fail "prices table lacks flash-lite"
grep -q "prices.json" "$WORK/prices.txt" || fail "prices table does not name its file"
sm prices --format json >"$WORK/prices.json" || fail "prices json"
python3 - "$WORK/prices.json" <<'PY' || fail "prices json content"
import json, sys
d = json.load(open(sys.argv[1]))
rows = {(m["provider"], m["model"]): m for m in d["models"]}
assert rows[("gemini", "gemini-2.5-flash")]["cached_input"] == 0.03
assert all(m["read"] and m["source"].startswith("https://") for m in d["models"])
assert d["file"].endswith("prices.json") and d["prices_read"]
PY
echo '{"prices_read":"2030-01-01","providers":{"openai":{"gpt-9-unknown":{"input":1,"output":2}}}}' >"$WORK/p.json"
SM_ENV="SAMPLEMIND_PRICES=$WORK/p.json" sm prices --format json >"$WORK/own.json" || fail "own prices"
[[ $(json_get "$WORK/own.json" 'd["prices_read"]') == 2030-01-01 ]] || fail "SAMPLEMIND_PRICES not shown"
pass "prices command: table, file, dates, override"
