#!/usr/bin/env bash
# Two runs over the bundled samples/: the second is all hits and saves what the first cost.
source "$(dirname "$0")/lib.sh"
samples="$SAMPLEMIND_SOURCE_DIR/samples"
count=$(find "$samples" -type f \( -name '*.wav' -o -name '*.flac' -o -name '*.aif*' -o -name '*.ogg' \) | wc -l)
[[ $count -ge 4 ]] || fail "samples/ should hold at least 4 audio files, has $count"

"$SAMPLEMIND_BIN" analyze "$samples" --format json > first.json
assert_eq "$(json_get first.json 'd["summary"]["files_total"]')" "$count" "files_total"
assert_eq "$(json_get first.json 'd["summary"]["files_ok"]')" "$count" "files_ok"
assert_eq "$(json_get first.json 'd["summary"]["cache_backend"]')" "sqlite" "default backend"
assert_eq "$(json_get first.json 'd["summary"]["offline"]')" "True" "offline without keys"
misses=$(json_get first.json 'd["summary"]["cache_misses"]')
[[ $misses -ge 1 ]] || fail "first run should miss"
[[ -f "$XDG_CACHE_HOME/samplemind/cache.db" ]] || fail "default cache file not at \$XDG_CACHE_HOME/samplemind/cache.db"

# Every documented field is present, for the summary and for each file.
python3 - first.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
summary = ["files_total", "files_ok", "files_failed", "files_skipped", "cache_backend", "cache_hits",
           "cache_misses", "hit_rate", "api_calls", "input_tokens", "output_tokens", "cost_usd", "saved_usd", "elapsed_s"]
missing = [k for k in summary if k not in d["summary"]]
assert not missing, f"summary lacks {missing}"
per_file = ["path", "status", "error", "features", "cache", "provider", "model", "analysis_type", "cost_usd", "saved_usd", "result"]
feature_fields = ["duration_s", "sample_rate", "channels", "tempo_bpm", "key", "mode", "key_confidence", "energy",
                  "loudness_lufs", "peak_dbfs"]
for f in d["files"]:
    assert not [k for k in per_file if k not in f], f"{f['path']} lacks fields"
    assert not [k for k in feature_fields if k not in f["features"]], f"{f['path']} lacks feature fields"
    assert f["status"] == "ok" and f["error"] is None and f["cache"] in ("hit", "miss")
    assert isinstance(f["result"], dict) and f["result"], "offline answer missing"
    assert 0.0 <= f["features"]["energy"] <= 1.0
paths = [f["path"] for f in d["files"]]
assert paths == sorted(paths), "files not in deterministic (sorted) order"
PY

"$SAMPLEMIND_BIN" analyze "$samples" --format json --report report.json > second.json
assert_eq "$(json_get second.json 'd["summary"]["hit_rate"]')" "1.0" "second run hit rate"
assert_eq "$(json_get second.json 'd["summary"]["cache_misses"]')" "0" "second run misses"
assert_eq "$(json_get first.json 'd["summary"]["files_decoded"]')" "$count" "first run decodes every file"
assert_eq "$(json_get second.json 'd["summary"]["files_decoded"]')" "0" "second run decodes nothing (feature cache)"
assert_eq "$(json_get second.json 'd["summary"]["feature_cache_hits"]')" "$count" "feature cache hits"
assert_eq "$(json_get second.json 'd["summary"]["saved_usd"]')" "$(json_get first.json 'd["summary"]["cost_usd"]')" \
  "saved_usd equals the first run's cost"
assert_eq "$(json_get report.json 'd["summary"]["cache_hits"]')" "$(json_get second.json 'd["summary"]["cache_hits"]')" \
  "--report writes the same document"
# Same features and answers on the rerun: the cache returns what was stored.
python3 -c '
import json,sys
a=json.load(open("first.json")); b=json.load(open("second.json"))
for x,y in zip(a["files"],b["files"]):
    assert x["result"]==y["result"], x["path"]
    assert x["features"]==y["features"], x["path"]'

# The table report for people states the hit rate.
"$SAMPLEMIND_BIN" analyze "$samples" > table.txt
grep -q "hit rate 100.0%" table.txt || fail "table report lacks 'hit rate 100.0%'"
grep -q "cost-savings report" table.txt || fail "table report lacks its heading"

# CSV: a header and one row per file.
"$SAMPLEMIND_BIN" analyze "$samples" --format csv > out.csv
assert_eq "$(python3 -c 'import csv;print(len(list(csv.reader(open("out.csv")))))')" "$((count + 1))" "csv rows"
echo "ok"
