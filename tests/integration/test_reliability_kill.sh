#!/usr/bin/env bash
# kill -9 in the middle of a paid run loses nothing that was committed: the SQLite cache
# passes its integrity check, the file cache holds only whole entries, and a rerun pays
# exactly for the answers that were not yet stored (every finished file is a hit).
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/integration/reliability_lib.sh"
bin="$SAMPLEMIND_BIN"
files=${RELIABILITY_KILL_FILES:-400}
"$(tool_bin gen_tiny_library)" lib "$files"
start_mock_provider 10
run=("$bin" analyze lib --provider openai --model gpt-4o-mini --concurrency 2 -j 2 --format json)

# Reference: how many distinct answers (paid calls) the whole library needs.
"$bin" --cache memory "${run[@]:1}" > reference.json
distinct=$(json_get reference.json 'd["summary"]["api_calls"]')
[[ $distinct -ge 100 ]] || fail "library should need at least 100 distinct answers, needs $distinct"

check_backend() {
  local url=$1
  "$bin" --cache "$url" "${run[@]:1}" > killed.json 2> killed.err &
  local pid=$!
  wait_for entries_at_least "$url" 30
  kill -9 "$pid"
  set +e; wait "$pid"; local code=$?; set -e
  [[ $code -eq 137 ]] || fail "$url: run finished before the kill (exit $code): use a larger library"
  local stored; stored=$(ai_entries "$url")
  [[ $stored -lt $distinct ]] || fail "$url: killed too late ($stored of $distinct stored)"
  case "$url" in
    sqlite:*) assert_eq "$(sqlite3 "${url#sqlite:}" 'PRAGMA integrity_check')" "ok" "$url integrity after kill -9" ;;
    file:*)
      # Only whole entries under their final names: each is a complete JSON document.
      find "${url#file:}" -type f -name '*.json' -print0 | xargs -0 -r python3 -c '
import json, sys
for name in sys.argv[1:]:
    doc = json.load(open(name))
    assert isinstance(doc, (dict, list)), name' || fail "$url: a partial entry survived kill -9" ;;
  esac
  # The rerun pays exactly for what was not stored, and reports no cache error.
  expect_exit 0 "$bin" --cache "$url" "${run[@]:1}" > rerun.json
  assert_eq "$(json_get rerun.json 'd["summary"]["api_calls"]')" "$((distinct - stored))" "$url: calls after kill -9"
  assert_eq "$(json_get rerun.json 'd["summary"]["cache_errors"]')" "0" "$url: cache errors after kill -9"
  assert_eq "$(json_get rerun.json 'd["summary"]["files_ok"]')" "$files" "$url: every file analysed on rerun"
  assert_json_finite rerun.json
  # A third run is all hits.
  "$bin" --cache "$url" "${run[@]:1}" > third.json
  assert_eq "$(json_get third.json 'd["summary"]["cache_misses"]')" "0" "$url: third run all hits"
  echo "$url: killed with $stored of $distinct answers stored; rerun paid $((distinct - stored))" >&2
}

check_backend "sqlite:$work/kill.db"
check_backend "file:$work/kill-files"
echo "ok"
