#!/usr/bin/env bash
# Exit codes, --cache none, TTL, analysis types, features output, bad input: the CLI contract.
source "$(dirname "$0")/lib.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
bin="$SAMPLEMIND_BIN"

# Usage errors exit 2.
expect_exit 2 "$bin" analyze
expect_exit 2 "$bin" analyze "$samples" --analysis no_such_type
expect_exit 2 "$bin" analyze "$samples" --format xml
expect_exit 2 "$bin" analyze "$samples" --provider nonsense
expect_exit 2 "$bin" --cache bogus://x analyze "$samples"
AI_CACHE_TTL_HOURS=abc expect_exit 2 "$bin" analyze "$samples"
expect_exit 0 "$bin" --version
expect_exit 0 "$bin" analyze --help

# --cache none and AI_CACHE_ENABLED=false turn caching off.
"$bin" --cache none analyze "$samples" --format json > off.json
assert_eq "$(json_get off.json 'd["summary"]["cache_backend"]')" "off" "--cache none"
assert_eq "$(json_get off.json '{f["cache"] for f in d["files"]} == {"off"}')" "True" "per-file cache off"
AI_CACHE_ENABLED=false "$bin" analyze "$samples" --format json > off2.json
assert_eq "$(json_get off2.json 'd["summary"]["cache_backend"]')" "off" "AI_CACHE_ENABLED=false"
[[ ! -e "$XDG_CACHE_HOME/samplemind/cache.db" ]] || fail "cache off must not create the cache file"

# --cache sqlite:PATH, and each analysis type is its own key.
db="$work/custom.db"
"$bin" --cache "sqlite:$db" analyze "$samples" --analysis quick_analysis --format json > q1.json
"$bin" --cache "sqlite:$db" analyze "$samples" --analysis harmonic_analysis --format json > h1.json
assert_eq "$(json_get h1.json 'd["summary"]["cache_hits"]')" "0" "another analysis type misses"
"$bin" --cache "sqlite:$db" analyze "$samples" --analysis quick_analysis --format json > q2.json
assert_eq "$(json_get q2.json 'd["summary"]["cache_misses"]')" "0" "same analysis type hits"
assert_eq "$(json_get q2.json 'all("summary" in f["result"] for f in d["files"])')" "True" "quick_analysis fields"

# A TTL of 0.0003 h (about 1 s) has expired two seconds later: every lookup misses.
AI_CACHE_TTL_HOURS=0.0003 "$bin" --cache "sqlite:$work/ttl.db" analyze "$samples" --format json > t1.json
sleep 2
AI_CACHE_TTL_HOURS=0.0003 "$bin" --cache "sqlite:$work/ttl.db" analyze "$samples" --format json > t2.json
assert_eq "$(json_get t2.json 'd["summary"]["cache_hits"]')" "0" "expired entries miss"

# .env in the current folder is read; the environment overrides it.
echo "AI_CACHE_ENABLED=false" > .env
"$bin" analyze "$samples" --format json > dotenv.json
assert_eq "$(json_get dotenv.json 'd["summary"]["cache_backend"]')" "off" ".env honoured"
AI_CACHE_ENABLED=true "$bin" --cache memory analyze "$samples" --format json > envwins.json
assert_eq "$(json_get envwins.json 'd["summary"]["cache_backend"]')" "memory" "flag over .env"
rm .env

# A broken file: named error, the batch goes on, exit 1.
mkdir lib && cp "$samples"/* lib/ && printf 'not audio' > lib/broken.wav
expect_exit 1 "$bin" --cache none analyze lib --format json > bad.json 2> bad.err
assert_eq "$(json_get bad.json '[f["status"] for f in d["files"] if f["path"].endswith("broken.wav")][0]')" "error" "broken file status"
assert_eq "$(json_get bad.json 'd["summary"]["files_failed"]')" "1" "one failure"
grep -q "broken.wav" bad.err || fail "stderr must name the broken file"

# features: jsonl, one object per file (in the order they finish) with the documented keys.
"$bin" features "$samples" --format jsonl > f.jsonl
python3 -c '
import json
rows=[json.loads(l) for l in open("f.jsonl")]
assert rows and all(set(r)=={"path","status","error","features"} for r in rows), rows[0].keys()
assert all(r["status"]=="ok" for r in rows)'
"$bin" features "$samples" --format csv > f.csv
head -1 f.csv | grep -q "^path,status,error,duration_s" || fail "features csv header"

# libcurl is loaded on the first HTTP call, not linked: offline and cached runs start
# without its ~30 dependent libraries (src/provider/curl_library.hpp).
if readelf -d "$bin" | grep NEEDED | grep -q libcurl; then fail "samplemind links libcurl at start"; fi
echo "ok"
