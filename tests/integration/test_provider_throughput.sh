#!/usr/bin/env bash
# The throughput and control flags against the mock: --concurrency 8 really has 8
# calls in flight; equal keys cause one call; --rpm spaces calls; --dry-run calls
# nothing and estimates; --max-cost stops calling; --no-cache and --refresh; routing.
source "$(dirname "$0")/provider_lib.sh"
start_mock --latency-ms 400
make_library "$WORK/lib" 16
export SM_ENV="OPENAI_API_KEY=$TEST_KEY"

# --concurrency 8: 16 distinct misses at 400 ms each, 8 at a time.
sm --cache none analyze --provider openai --concurrency 8 --format json "$WORK/lib" >"$WORK/c8.json" 2>"$WORK/c8.err" \
  || fail "concurrency run exited $?: $(cat "$WORK/c8.err")"
[[ $(mock_stat max_in_flight) == 8 ]] || fail "--concurrency 8: max in flight was $(mock_stat max_in_flight)"
[[ $(mock_stat total) == 16 ]] || fail "--concurrency 8: expected 16 calls"
pass "--concurrency 8 has exactly 8 calls in flight"

# Single-flight: four copies of one file in one batch make one call; the rest are hits.
mkdir -p "$WORK/dups"
for i in 1 2 3 4; do cp "$WORK/lib/tone_003.wav" "$WORK/dups/copy_$i.wav"; done
mock_reset
sm --cache "sqlite:$WORK/dups.db" analyze --provider openai --concurrency 4 --format json "$WORK/dups" >"$WORK/dups.json" \
  2>/dev/null || fail "duplicates run failed"
[[ $(mock_stat total) == 1 ]] || fail "single-flight: 4 equal keys made $(mock_stat total) calls"
[[ $(json_get "$WORK/dups.json" 'd["summary"]["cache_hits"]') == 3 ]] || fail "single-flight: waiters are not hits"
[[ $(json_get "$WORK/dups.json" 'd["summary"]["files_ok"]') == 4 ]] || fail "single-flight: not all ok"
pass "equal keys in one batch make one call; the others count as hits"

# --dry-run: no call, an estimate of the misses, exit 0.
mock_reset
sm --cache "sqlite:$WORK/dry.db" analyze --provider openai --dry-run --format json "$WORK/lib" >"$WORK/dry.json" 2>/dev/null \
  || fail "dry run exited $?"
[[ $(mock_stat total) == 0 ]] || fail "--dry-run called the provider"
[[ $(json_get "$WORK/dry.json" 'd["summary"]["estimated_calls"]') == 16 ]] || fail "--dry-run: estimated calls"
[[ $(json_get "$WORK/dry.json" '0 < d["summary"]["estimated_cost_usd"] < 0.01') == True ]] || fail "--dry-run: estimate"
sm --cache "sqlite:$WORK/dry.db" analyze --provider openai --dry-run "$WORK/lib" 2>/dev/null | grep -q "estimate .* would be made" \
  || fail "--dry-run table does not print the estimate"
pass "--dry-run calls nothing and prints the estimated cost"

# --max-cost: a budget of 3.5 estimated calls stops calling before it would be exceeded
# (the mock's answers cost less than the estimate, so a few more calls fit); the rest
# are skipped, exit 1.
mock_reset
one=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["summary"]; print(d["estimated_cost_usd"]/d["estimated_calls"]*3.5)' "$WORK/dry.json")
set +e
sm --cache none analyze --provider openai --concurrency 1 --max-cost "$one" --format json "$WORK/lib" >"$WORK/budget.json" 2>/dev/null
rc=$?; set -e
[[ $rc == 4 ]] || fail "--max-cost: exit $rc, expected 4"
calls=$(mock_stat total)
[[ $calls -ge 3 && $calls -lt 16 ]] || fail "--max-cost: $calls calls for a budget of 3.5 estimated calls"
[[ $(json_get "$WORK/budget.json" "d['summary']['cost_usd'] <= $one") == True ]] || fail "--max-cost: spent over the budget"
[[ $(json_get "$WORK/budget.json" 'd["summary"]["files_skipped"]') == $((16 - calls)) ]] || fail "--max-cost: skipped count"
pass "--max-cost stops after $calls calls; the rest are skipped (exit 4)"

# --no-cache neither reads nor writes; --refresh skips the lookup but stores.
mock_config '{"latency_ms":0}'
mock_reset
sm --cache "sqlite:$WORK/nc.db" analyze --provider openai --no-cache "$WORK/dups" >/dev/null 2>&1 || fail "--no-cache run"
[[ $(sm --cache "sqlite:$WORK/nc.db" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])') == 0 ]] \
  || fail "--no-cache wrote to the cache"
mock_reset
sm --cache "sqlite:$WORK/dups.db" analyze --provider openai --refresh --format json "$WORK/dups" >"$WORK/refresh.json" 2>/dev/null \
  || fail "--refresh run"
[[ $(mock_stat total) == 1 ]] || fail "--refresh did not call the provider once"
mock_reset
sm --cache "sqlite:$WORK/dups.db" analyze --provider openai --format json "$WORK/dups" >/dev/null 2>&1
[[ $(mock_stat total) == 0 ]] || fail "after --refresh the answer was not stored"
pass "--no-cache writes nothing; --refresh calls again and stores"

# --rpm 120: 4 distinct calls are spaced 0.5 s apart.
mock_reset
start=$(date +%s.%N)
sm --cache none analyze --provider openai --concurrency 4 --rpm 120 "$WORK/lib/tone_00"[0-3].wav >/dev/null 2>&1 || fail "--rpm run"
elapsed=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= 1.4 else 1)" "$elapsed" || fail "--rpm 120: 4 calls took only $elapsed s"
pass "--rpm 120 spaces 4 calls over $elapsed s"

# Routing: with --provider auto, SAMPLEMIND_ROUTES sends the analysis type to gemini.
mock_reset
export SM_ENV="OPENAI_API_KEY=$TEST_KEY GEMINI_API_KEY=$TEST_KEY SAMPLEMIND_ROUTES=rhythm_analysis=gemini:gemini-2.5-flash"
sm --cache none analyze --provider auto --analysis rhythm_analysis --format json "$WORK/dups" >"$WORK/route.json" 2>/dev/null \
  || fail "routed run failed"
[[ $(json_get "$WORK/route.json" 'd["summary"]["provider"]') == gemini ]] || fail "route not followed"
sm --cache none analyze --provider auto --format json "$WORK/dups" >"$WORK/noroute.json" 2>/dev/null || fail "auto run failed"
[[ $(json_get "$WORK/noroute.json" 'd["summary"]["provider"]') == openai ]] || fail "auto without a route should pick openai"
export SM_ENV=""
sm --cache none analyze --provider auto --format json "$WORK/dups" >"$WORK/offline.json" 2>/dev/null || fail "offline run failed"
[[ $(json_get "$WORK/offline.json" 'd["summary"]["provider"]') == offline ]] || fail "auto without keys should be offline"
pass "routing by analysis type; auto picks the first key, else offline"
