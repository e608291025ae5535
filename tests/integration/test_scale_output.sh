#!/usr/bin/env bash
# Output for scripts and fleets, on a small generated library: --shard K/N partitions it (disjoint,
# covering, stable when files are added), --format jsonl streams one line per file and a
# summary line, -q prints the summary only, features uses the feature cache, cache key
# walks folders, and the table has the answer header and the core feature columns.
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
gen=$(tool_bin gen_tiny_library)
"$gen" lib 240

# --shard: three shards of one library, each a JSON Lines run.
for k in 1 2 3; do
  "$bin" --cache none analyze lib --shard "$k/3" --format jsonl > "s$k.jsonl" 2> "s$k.err" || fail "shard $k/3: $(cat "s$k.err")"
done
python3 - <<'PY' || fail "shards do not partition the library"
import json, os
every = {os.path.join(d, f) for d, _, fs in os.walk("lib") for f in fs}
seen = {}
for k in (1, 2, 3):
    lines = [json.loads(l) for l in open(f"s{k}.jsonl")]
    summary = lines[-1]["summary"]
    files = lines[:-1]
    assert all("summary" not in f for f in files)
    assert summary["shard"] == f"{k}/3", summary["shard"]
    assert summary["files_total"] == len(files) > 40, (k, len(files))
    assert summary["files_outside_shard"] == len(every) - len(files)
    for f in files:
        assert f["status"] == "ok", f
        assert f["path"] not in seen, f"{f['path']} in shards {seen[f['path']]} and {k}"
        seen[f["path"]] = k
assert set(seen) == every, len(every - set(seen))
json.dump(seen, open("owners.json", "w"))
PY
# New files elsewhere in the library move no old file to another shard.
"$gen" more 360
cp -r more/d3 lib/d3
for k in 1 2 3; do "$bin" --cache none analyze lib --shard "$k/3" --format jsonl > "t$k.jsonl" 2> /dev/null; done
python3 - <<'PY' || fail "adding files moved old files between shards"
import json
owners = json.load(open("owners.json"))
now = {}
for k in (1, 2, 3):
    for line in open(f"t{k}.jsonl"):
        f = json.loads(line)
        if "path" in f: now[f["path"]] = k
assert len(now) == len(owners) + 60, len(now)
moved = [p for p, k in owners.items() if now[p] != k]
assert not moved, moved[:5]
PY
"$bin" --cache none analyze lib --shard 2/3 > shard.txt 2> /dev/null
grep -q "shard      2/3" shard.txt || fail "the table does not say which shard"
"$bin" --cache none features lib --shard 1/3 --format jsonl > fshard.jsonl 2> /dev/null
assert_eq "$(wc -l < fshard.jsonl)" "$(python3 -c 'import json; print(sum(1 for l in open("t1.jsonl") if "path" in json.loads(l)))')" \
  "features --shard 1/3 covers the same files as analyze --shard 1/3"
echo "ok: --shard"

# jsonl: every file once, then one summary line; --report still writes the whole document.
"$bin" --cache "sqlite:$work/c.db" analyze lib --format jsonl --report report.json > all.jsonl 2> /dev/null
assert_json_finite all.jsonl
python3 - <<'PY' || fail "jsonl and --report disagree"
import json
lines = [json.loads(l) for l in open("all.jsonl")]
summary, files = lines[-1]["summary"], lines[:-1]
report = json.load(open("report.json"))
assert summary["files_total"] == len(files) == len(report["files"]) == 300
assert {f["path"] for f in files} == {f["path"] for f in report["files"]}
assert summary["cache_misses"] == report["summary"]["cache_misses"] > 0
PY
echo "ok: jsonl"

# -q: the summary only (table: no rows; jsonl: the summary line alone).
"$bin" --cache "sqlite:$work/c.db" analyze lib -q > quiet.txt 2> quiet.err
! grep -q "tiny_" quiet.txt || fail "-q printed per-file rows"
grep -q "cost-savings report" quiet.txt || fail "-q lost the summary"
[[ ! -s quiet.err ]] || fail "-q printed on stderr: $(cat quiet.err)"
"$bin" --cache "sqlite:$work/c.db" analyze lib -q --format jsonl > quiet.jsonl
assert_eq "$(wc -l < quiet.jsonl)" "1" "-q --format jsonl lines"
assert_eq "$(json_get quiet.jsonl 'd["summary"]["cache_hits"]')" "300" "-q rerun hits"
assert_eq "$(json_get quiet.jsonl 'd["summary"]["files_decoded"]')" "0" "-q rerun decodes nothing"
echo "ok: -q"

# features reads and writes the feature cache; --no-cache decodes everything.
"$bin" --cache "sqlite:$work/f.db" features lib -q > f1.txt
grep -q "300 decoded, 0 from the feature cache" f1.txt || fail "features cold: $(cat f1.txt)"
"$bin" --cache "sqlite:$work/f.db" features lib -q > f2.txt
grep -q "0 decoded, 300 from the feature cache" f2.txt || fail "features warm: $(cat f2.txt)"
"$bin" --cache "sqlite:$work/f.db" features lib -q --no-cache > f3.txt
grep -q "300 decoded, 0 from the feature cache (off)" f3.txt || fail "features --no-cache: $(cat f3.txt)"
echo "ok: features cache"

# cache key walks folders like analyze.
"$bin" --cache "sqlite:$work/c.db" cache key lib/d0 --format json > keys.jsonl
assert_eq "$(wc -l < keys.jsonl)" "100" "cache key over a folder"
assert_eq "$(python3 -c 'import json; print({json.loads(l)["cache"] for l in open("keys.jsonl")})')" "{'hit'}" "cache key states"

# The table: ANSWER header, core columns, long answers cut with an ellipsis.
"$bin" --cache "sqlite:$work/c.db" analyze lib/d0 --analysis production_coaching > table.txt 2> /dev/null
head -1 table.txt | grep -Eq "STATUS +CACHE +SECONDS +TEMPO +KEY +KIND +LUFS +PEAK +ANSWER +FILE" \
  || fail "table header: $(head -1 table.txt)"
grep -q "…" table.txt || fail "no long answer was cut with an ellipsis"
python3 - <<'PY' || fail "answer column not aligned"
rows = open("table.txt", encoding="utf-8").read().split("\n\n")[0].splitlines()
start = rows[0].index("FILE")
assert all(r[start:].startswith("lib/d0/") for r in rows[1:]), rows[1]
PY
echo "ok: table"
