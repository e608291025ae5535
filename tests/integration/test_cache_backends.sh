# Every backend through the real binary: a second run is all hits, stats count, clear
# empties, export/import moves a cache between backends, prune obeys --max-size.
source "$(dirname "$0")/lib.sh"
source "$SAMPLEMIND_SOURCE_DIR/tests/redis_server.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
bin="$SAMPLEMIND_BIN"

urls=("sqlite:$work/cache.db" "file:$work/file-cache")
if start_redis_server "$work/redis"; then
  trap 'stop_redis_server; rm -rf "$work"' EXIT
  urls+=("$REDIS_TEST_URL")
else
  echo "note: redis-server unavailable, redis backend not tested here" >&2
fi
total=$(find "$samples" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif' \) | wc -l)

for url in "${urls[@]}"; do
  echo "== $url" >&2
  "$bin" --cache "$url" analyze "$samples" --format json > run1.json
  "$bin" --cache "$url" analyze "$samples" --format json > run2.json
  assert_eq "$(json_get run1.json 'd["summary"]["cache_misses"]')" "$total" "$url first run misses"
  assert_eq "$(json_get run2.json 'd["summary"]["cache_hits"]')" "$total" "$url second run hits"
  assert_eq "$(json_get run2.json 'd["summary"]["hit_rate"]')" "1.0" "$url second run hit rate"

  "$bin" --cache "$url" cache stats --format json > stats.json
  assert_eq "$(json_get stats.json 'd["entries"]')" "$total" "$url stats entries"
  assert_eq "$(json_get stats.json 'd["feature_entries"] >= d["entries"]')" "True" "$url feature entries"
  assert_eq "$(json_get stats.json 'd["hits"]')" "$total" "$url lifetime hits"
  assert_eq "$(json_get stats.json 'd["misses"]')" "$total" "$url lifetime misses"
  assert_eq "$(json_get stats.json 'd["oldest"] is not None and d["bytes"] > 0')" "True" "$url stats age and size"
  "$bin" --cache "$url" cache stats | grep -q "Hit rate" || fail "$url table stats"

  # export, clear, import: all hits again without recomputing
  "$bin" --cache "$url" cache export "$work/export.jsonl"
  [[ $(wc -l < "$work/export.jsonl") -ge $total ]] || fail "$url export lines"
  "$bin" --cache "$url" cache clear --features | grep -q "Removed" || fail "$url clear --features"
  "$bin" --cache "$url" cache stats --format json > stats.json
  assert_eq "$(json_get stats.json 'd["feature_entries"]')" "0" "$url feature entries after clear --features"
  assert_eq "$(json_get stats.json 'd["entries"]')" "$total" "$url AI entries kept by clear --features"
  out=$("$bin" --cache "$url" cache clear)
  [[ $out == "Removed $total entries"* ]] || fail "$url clear said: $out"
  "$bin" --cache "$url" cache stats --format json > stats.json
  assert_eq "$(json_get stats.json 'd["entries"]')" "0" "$url entries after clear"
  "$bin" --cache "$url" cache import "$work/export.jsonl" | grep -q "^Imported" || fail "$url import"
  "$bin" --cache "$url" analyze "$samples" --format json > run3.json
  assert_eq "$(json_get run3.json 'd["summary"]["cache_hits"]')" "$total" "$url hits after import"

  # prune: a tiny cap evicts, nothing expired
  "$bin" --cache "$url" cache prune --max-size 1KB | grep -q "evicted" || fail "$url prune"
  "$bin" --cache "$url" cache stats --format json > stats.json
  assert_eq "$(json_get stats.json 'd["bytes"] <= 1000')" "True" "$url bytes after prune"
  "$bin" --cache "$url" cache clear > /dev/null
done

# Moving a cache between backends: export from SQLite, import into the file cache.
"$bin" --cache "sqlite:$work/move.db" analyze "$samples" > /dev/null
"$bin" --cache "sqlite:$work/move.db" cache export - > move.jsonl
"$bin" --cache "file:$work/moved" cache import move.jsonl > /dev/null
"$bin" --cache "file:$work/moved" analyze "$samples" --format json > moved.json
assert_eq "$(json_get moved.json 'd["summary"]["cache_hits"]')" "$total" "hits after moving sqlite -> file"

# Filters: --provider of another provider removes nothing; --older-than 1d removes nothing new.
assert_eq "$("$bin" --cache "file:$work/moved" cache clear --provider openai)" "Removed 0 entries from file cache $work/moved" "clear --provider"
"$bin" --cache "file:$work/moved" cache clear --older-than 1d | grep -q "Removed 0 entries" || fail "clear --older-than"
expect_exit 2 "$bin" --cache "file:$work/moved" cache clear --older-than soon
expect_exit 2 "$bin" --cache "ftp://nowhere" cache stats
expect_exit 2 "$bin" --cache none cache stats
echo "ok"
