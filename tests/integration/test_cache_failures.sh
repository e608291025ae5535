# The cache is never the reason a run fails: a dead Redis costs one warning and at most one
# timeout, passwords stay hidden, corrupt entries are misses that get replaced, and several
# processes can share one SQLite file or file cache.
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/redis_server.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
bin="$SAMPLEMIND_BIN"
total=$(find "$samples" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif' \) | wc -l)

# --- Redis that is not there: the run succeeds, warns once, counts the error, loses < 1 s.
if start_redis_server "$work/redis"; then
  dead_port=$REDIS_PORT
  stop_redis_server
  start=$(date +%s%N)
  "$bin" --cache "redis://:hunter2-secret@127.0.0.1:$dead_port/0" analyze "$samples" --format json \
    > dead.json 2> dead.err || fail "run with a dead Redis must not fail (exit $?)"
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  assert_eq "$(grep -c 'warning: cache redis failed' dead.err)" "1" "exactly one warning"
  grep -q "hunter2-secret" dead.err dead.json && fail "password printed"
  assert_eq "$(json_get dead.json 'd["summary"]["files_ok"]')" "$total" "all files analysed without the cache"
  assert_eq "$(json_get dead.json 'd["summary"]["cache_errors"] >= 1')" "True" "cache errors counted"
  (( elapsed_ms < 5000 )) || fail "dead Redis cost ${elapsed_ms} ms"
  expect_exit 3 "$bin" --cache "redis://:hunter2-secret@127.0.0.1:$dead_port/0" cache stats 2> stats.err
  grep -q "hunter2-secret" stats.err && fail "password printed by cache stats"
  grep -q "redis://:\*\*\*@127.0.0.1" stats.err || fail "masked location expected in: $(cat stats.err)"
else
  echo "note: redis-server unavailable, dead-Redis checks skipped" >&2
fi

# --- Corrupt file-cache entries: counted misses, replaced by the next run.
url="file:$work/files"
"$bin" --cache "$url" analyze "$samples" > /dev/null
find "$work/files/ai" -name '*.json' | while read -r entry; do printf '{"format":1,"truncated' > "$entry"; done
"$bin" --cache "$url" analyze "$samples" --format json > corrupt.json 2> corrupt.err || fail "corrupt entries failed the run"
assert_eq "$(json_get corrupt.json 'd["summary"]["cache_misses"]')" "$total" "corrupt entries are misses"
"$bin" --cache "$url" analyze "$samples" --format json > repaired.json
assert_eq "$(json_get repaired.json 'd["summary"]["cache_hits"]')" "$total" "corrupt entries were replaced"

# --- A SQLite file that is not a database: fail open with a warning, exit 0.
printf 'this is not sqlite%.0s' $(seq 200) > "$work/garbage.db"
"$bin" --cache "sqlite:$work/garbage.db" analyze "$samples" --format json > garbage.json 2> garbage.err ||
  fail "a broken SQLite file failed the run"
assert_eq "$(grep -c 'warning: cache sqlite failed' garbage.err)" "1" "one warning for a broken SQLite file"

# --- Concurrent runs: three processes on one SQLite file and on one file cache.
for url in "sqlite:$work/shared.db" "file:$work/shared-files"; do
  pids=()
  for n in 1 2 3; do
    "$bin" --cache "$url" analyze "$samples" --format json > "par$n.json" 2> "par$n.err" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || fail "$url: a concurrent run failed"; done
  for n in 1 2 3; do
    grep -q "warning" "par$n.err" && fail "$url: concurrent run $n warned: $(cat "par$n.err")"
  done
  "$bin" --cache "$url" analyze "$samples" --format json > after.json
  assert_eq "$(json_get after.json 'd["summary"]["cache_hits"]')" "$total" "$url: all hits after concurrent runs"
  "$bin" --cache "$url" cache stats --format json > stats.json
  assert_eq "$(json_get stats.json 'd["entries"]')" "$total" "$url: one entry per file"
  assert_eq "$(json_get stats.json 'd["hits"] + d["misses"]')" "$((4 * total))" "$url: no lost counters"
done
echo "ok"
