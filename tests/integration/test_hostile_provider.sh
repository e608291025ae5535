#!/usr/bin/env bash
# Hostile provider answers and cache entries: each is a clear per-file or
# per-line error, nothing hostile is cached or printed raw, and Ctrl-C ends a slow call.
source "$(dirname "$0")/provider_lib.sh"
start_mock
make_library "$WORK/lib" 2
OTHER_KEY="ant-other-provider-key-0123456789"
REDIS_PASSWORD="redis-pass-42-xyz"
export SM_ENV="OPENAI_API_KEY=$TEST_KEY ANTHROPIC_API_KEY=$OTHER_KEY REDIS_URL=redis://:$REDIS_PASSWORD@127.0.0.1:1/0 SAMPLEMIND_MAX_RETRIES=0"

# run_scenario NAME: one analyze against the mock in that scenario; output in $WORK/NAME.*
run_scenario() {
  mock_reset
  mock_config "{\"scenario\":\"$1\"}"
  set +e
  sm --cache "sqlite:$WORK/$1.db" analyze --provider openai --format json "$WORK/lib" >"$WORK/$1.json" 2>"$WORK/$1.err"
  rc=$?
  set -e
}
# file_errors NAME: the distinct per-file error messages of a run.
file_errors() { python3 -c 'import json,sys; print("\n".join(sorted({f.get("error") or "" for f in json.load(open(sys.argv[1]))["files"]})))' "$WORK/$1.json"; }
cached_entries() { sm --cache "sqlite:$WORK/$1.db" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])'; }

# 1. An answer nested 100,000 deep: a per-file error, no crash, nothing cached.
run_scenario deep
[[ $rc == 1 ]] || fail "deep: exit $rc, expected 1: $(tail -3 "$WORK/deep.err")"
[[ $(file_errors deep) == "openai: the answer was rejected: JSON nested deeper than 64 levels" ]] ||
  fail "deep: errors were: $(file_errors deep)"
[[ $(cached_entries deep) == 0 ]] || fail "deep: a rejected answer was cached"
pass "an answer nested 100,000 deep is a per-file error"

# 2. A 1 GiB answer (streamed by the mock): the call fails at the 4 MiB cap, memory stays small.
mock_reset
mock_config '{"scenario":"huge"}'
log="$WORK/huge.time"
set +e
(cd "$WORK" && env -i PATH="$PATH" HOME="$WORK" OPENAI_BASE_URL="$MOCK_URL/v1" OPENAI_API_KEY="$TEST_KEY" \
   SAMPLEMIND_MAX_RETRIES=4 /usr/bin/time -v "$SAMPLEMIND_BIN" --cache memory analyze --provider openai \
   --format json "$WORK/lib" >"$WORK/huge.json" 2>"$log")
rc=$?
set -e
[[ $rc == 1 ]] || fail "huge: exit $rc, expected 1: $(tail -3 "$log")"
[[ $(file_errors huge) == "openai: the response body is larger than 4194304 bytes" ]] ||
  fail "huge: errors were: $(file_errors huge)"
[[ $(mock_stat total) == 2 ]] || fail "huge: $(mock_stat total) calls for 2 files: a capped body must not be retried"
rss_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$log")
if [[ -z "${SAMPLEMIND_SANITIZED:-}" ]]; then
  [[ $rss_kb -lt 100000 ]] || fail "huge: peak RSS ${rss_kb} KiB"
fi
pass "a 1 GiB answer fails its file at the 4 MiB cap (peak RSS ${rss_kb} KiB), not retried"

# 3. A 40,000-character key-shaped error message: masked, no crash (was exit 139).
run_scenario key_error
[[ $rc == 1 ]] || fail "key_error: exit $rc, expected 1"
[[ $(file_errors key_error) == "openai: HTTP 400: *** (HTTP 400)" ]] || fail "key_error: errors were: $(file_errors key_error)"
pass "a 40,000-character key-shaped error message is masked"

# 4. ESC sequences, CR and LF in an answer: stripped before caching and printing.
run_scenario escapes
[[ $rc == 0 ]] || fail "escapes: exit $rc: $(cat "$WORK/escapes.err")"
sm --cache "sqlite:$WORK/escapes.db" analyze --provider openai --format table "$WORK/lib" >"$WORK/escapes.table" 2>/dev/null
sm --cache "sqlite:$WORK/escapes.db" cache export "$WORK/escapes.jsonl" 2>/dev/null
python3 - "$WORK/escapes.json" "$WORK/escapes.table" "$WORK/escapes.jsonl" <<'PY' || fail "escapes: control characters survived"
import json, sys
report = json.load(open(sys.argv[1]))
genre = report["files"][0]["result"]["genre"]
assert genre == "mock genre[2J[H]0;pwned  FAKE LINE31m", repr(genre)
table = open(sys.argv[2], "rb").read()
assert b"\x1b" not in table and b"\r" not in table and b"\x07" not in table, "raw controls in the table"
for line in open(sys.argv[3]):
    payload = json.loads(json.loads(line)["payload"]) if json.loads(line)["kind"] == "ai" else {}
    for value in payload.values():
        text = json.dumps(value, ensure_ascii=False)
        assert not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in text), repr(text)
PY
pass "ESC sequences, CR and LF are stripped from answers before caching and printing"

# 5. An answer echoing the key it was sent and other configured secrets: masked before caching.
mock_reset
mock_config "{\"scenario\":\"echo\",\"echo\":\"$OTHER_KEY and $REDIS_PASSWORD\"}"
sm --cache "sqlite:$WORK/echo.db" analyze --provider openai --format json "$WORK/lib" >"$WORK/echo.json" 2>"$WORK/echo.err" ||
  fail "echo: exit $?: $(cat "$WORK/echo.err")"
sm --cache "sqlite:$WORK/echo.db" cache export "$WORK/echo.jsonl" 2>/dev/null
for secret in "$TEST_KEY" "$OTHER_KEY" "$REDIS_PASSWORD"; do
  ! grep -qF -- "$secret" "$WORK/echo.json" "$WORK/echo.jsonl" "$WORK/echo.err" "$WORK/echo.db" ||
    fail "echo: a configured secret was printed or cached"
done
grep -qF 'you sent ***; also *** and ***' "$WORK/echo.json" || fail "echo: answer not masked as expected"
pass "keys echoed in an answer (every configured key, the Redis password) are masked before caching"

# 6. A slow server (60 s) and SIGINT: the call in flight is aborted, exit 130 in a couple of seconds.
mock_reset
mock_config '{"scenario":"slow","slow_ms":60000}'
(cd "$WORK" && exec env -i PATH="$PATH" HOME="$WORK" OPENAI_BASE_URL="$MOCK_URL/v1" OPENAI_API_KEY="$TEST_KEY" \
   "$SAMPLEMIND_BIN" --cache "sqlite:$WORK/slow.db" analyze --provider openai --format json "$WORK/lib" \
   >"$WORK/slow.json" 2>"$WORK/slow.err") &
runner=$!
for _ in $(seq 100); do [[ $(mock_stat in_flight) -ge 1 ]] && break; sleep 0.1; done
[[ $(mock_stat in_flight) -ge 1 ]] || fail "slow: the client never called the mock"
started=$(date +%s%N)
kill -INT "$runner"
set +e; wait "$runner"; rc=$?; set -e
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
[[ $rc == 130 ]] || fail "slow: exit $rc, expected 130: $(cat "$WORK/slow.err")"
[[ $elapsed_ms -lt 3000 ]] || fail "slow: SIGINT took ${elapsed_ms} ms: the call in flight was not aborted"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["interrupted"] is True' "$WORK/slow.json" ||
  fail "slow: the partial report is not complete JSON"
pass "SIGINT aborts a slow call in flight: exit 130 after ${elapsed_ms} ms"

# 7. Timeouts are bounded: non-finite is a configuration error, huge is capped with a warning.
set +e
SM_ENV="OPENAI_API_KEY=$TEST_KEY SAMPLEMIND_TIMEOUT_S=inf" sm --cache memory analyze --provider openai "$WORK/lib" >/dev/null 2>"$WORK/inf.err"
rc=$?
set -e
[[ $rc == 2 ]] || fail "SAMPLEMIND_TIMEOUT_S=inf: exit $rc, expected 2"
mock_reset
mock_config '{"scenario":"ok"}'
set +e
SM_ENV="OPENAI_API_KEY=$TEST_KEY SAMPLEMIND_TIMEOUT_S=1e300" sm --cache memory analyze --provider openai "$WORK/lib" >/dev/null 2>&1
rc=$?
set -e
[[ $rc == 2 ]] || fail "SAMPLEMIND_TIMEOUT_S=1e300: exit $rc, expected 2 (out of range)"
SM_ENV="OPENAI_API_KEY=$TEST_KEY SAMPLEMIND_TIMEOUT_S=86400" sm --cache memory analyze --provider openai "$WORK/lib" \
  >/dev/null 2>"$WORK/huge_timeout.err" || fail "SAMPLEMIND_TIMEOUT_S=86400: exit $?"
grep -q "SAMPLEMIND_TIMEOUT_S is capped at 600 seconds" "$WORK/huge_timeout.err" || fail "no cap warning"
pass "SAMPLEMIND_TIMEOUT_S: inf and 1e300 rejected (exit 2), 86400 capped at 600 s"

# 8. An imported cache line nested 60,000 deep: a clear per-line error, the rest imported.
sm --cache "sqlite:$WORK/echo.db" cache export "$WORK/good.jsonl" 2>/dev/null
python3 - "$WORK/good.jsonl" "$WORK/import.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
ai = next(l for l in lines if l["kind"] == "ai")
deep = dict(ai, key="f" * 64, payload='{"genre":' + "[" * 60000 + "]" * 60000 + "}")
with open(sys.argv[2], "w") as out:
    out.write(json.dumps(ai) + "\n")
    out.write(json.dumps(deep) + "\n")
PY
sm --cache "sqlite:$WORK/import.db" cache import "$WORK/import.jsonl" >"$WORK/import.out" 2>"$WORK/import.err" ||
  fail "import: exit $?: $(cat "$WORK/import.err")"
grep -q "^Imported 1 entries into sqlite cache; skipped 1 corrupt lines" "$WORK/import.out" || fail "import: $(cat "$WORK/import.out")"
grep -q "line 2 skipped: payload rejected: JSON nested deeper than 64 levels" "$WORK/import.err" ||
  fail "import: no per-line error: $(cat "$WORK/import.err")"
pass "an imported line nested 60,000 deep is rejected with a per-line error"
