#!/usr/bin/env bash
# Ctrl-C during a provider's retry wait: the wait ends at once, the partial report is
# printed and the exit code is 130; nothing half-answered is cached.
source "$(dirname "$0")/provider_lib.sh"
start_mock
make_library "$WORK/lib" 2
mock_reset
mock_config '{"scenario":"retry_after_30"}'
export SM_ENV="OPENAI_API_KEY=$TEST_KEY"
db="$WORK/interrupt.db"
sm --cache "sqlite:$db" analyze --provider openai --format json "$WORK/lib" >"$WORK/out.json" 2>"$WORK/err" &
runner=$!
# Wait until the client has been told to wait 30 s, then interrupt it.
for _ in $(seq 100); do [[ $(mock_stat total) -ge 1 ]] && break; sleep 0.1; done
[[ $(mock_stat total) -ge 1 ]] || fail "the client never called the mock"
sleep 0.5
started=$(date +%s%N)
pkill -INT -f -- "sqlite:$db" || fail "samplemind process not found"
set +e; wait "$runner"; rc=$?; set -e
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
[[ $rc == 130 ]] || fail "exit $rc, expected 130: $(cat "$WORK/err")"
# Generous bound: the point is not waiting out the 30 s retry-after.
[[ $elapsed_ms -lt 10000 ]] || fail "interrupt took ${elapsed_ms} ms: the retry wait was not cut short"
python3 - "$WORK/out.json" <<'PY' || fail "partial report is not complete JSON with skipped files"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["interrupted"] is True
assert d["summary"]["files_ok"] == 0 and d["summary"]["files_total"] == 2
PY
entries=$(sm --cache "sqlite:$db" cache stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"])')
[[ $entries == 0 ]] || fail "an unanswered call left $entries cache entries"
assert_no_secret "$WORK/out.json" "$WORK/err"
pass "SIGINT during a 30 s retry-after ends the wait (${elapsed_ms} ms), exit 130, partial report, nothing cached"
