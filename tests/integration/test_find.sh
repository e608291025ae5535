#!/usr/bin/env bash
# samplemind find answers from the cache alone: filters, formats, -0 paths, stale files,
# and genre/tag from cached answers.
source "$(dirname "$0")/lib.sh"

bin=$SAMPLEMIND_BIN
mkdir -p lib/loops lib/hits
cp "$SAMPLEMIND_SOURCE_DIR"/samples/loop_amber.flac "$SAMPLEMIND_SOURCE_DIR"/samples/loop_sunrise.aif \
  "$SAMPLEMIND_SOURCE_DIR"/samples/tagged_ember.wav "$SAMPLEMIND_SOURCE_DIR"/samples/groove_street.wav lib/loops/
cp "$SAMPLEMIND_SOURCE_DIR"/samples/hit_thump.wav "$SAMPLEMIND_SOURCE_DIR"/samples/pluck_glass.flac lib/hits/
cp lib/loops/loop_amber.flac "lib/loops/evil"$'\n'"name.flac"
touch -d '1 hour ago' lib/*/*  # older than the racy-stat window, as a real library is
"$bin" analyze lib --format json > analyze.json

# The expected answers come from analyze's own report, not from constants.
expect() {  # PYTHON-CONDITION-ON-FEATURES: the sorted absolute paths analyze reported that match
  python3 - analyze.json "$1" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
for f in sorted(doc["files"], key=lambda f: os.path.abspath(f["path"]).encode()):
    x = f["features"]
    if eval(sys.argv[2]):
        print(os.path.abspath(f["path"]).replace("\n", "\\n"))
PY
}
found() {  # ARGS...: find's matching paths (NUL-separated), newline escaped, one per line
  "$bin" find "$@" --paths -0 | python3 -c 'import sys; [print(p.replace("\n","\\n")) for p in sys.stdin.read().split("\0") if p]'
}
check() {  # DESCRIPTION CONDITION FIND-ARGS...
  local what=$1 condition=$2; shift 2
  local want got
  want=$(expect "$condition"); got=$(found "$@")
  [[ -n "$want" ]] || fail "$what: the fixture has no matching file, the check would prove nothing"
  assert_eq "$got" "$want" "$what"
}
check "--bpm range" 'x["tempo_bpm"] is not None and 95 <= x["tempo_bpm"] <= 125' --bpm 95-125
check "--key Am" 'x["key"] == "A" and x["mode"] == "minor"' --key Am
check "--key 8A" 'x["key"] == "A" and x["mode"] == "minor"' --key 8A
check "--compatible 8A" 'x["camelot"] in ("8A", "8B", "7A", "9A")' --compatible 8A
check "--kind one-shot" 'x["kind"] == "one-shot"' --kind one-shot
check "--loudness" '-15 <= x["loudness_lufs"] <= -8' --loudness=-15..-8
check "--duration" 'x["duration_s"] <= 2' --duration ..2s
category=$(python3 -c 'import json; print(next(f["features"]["category"] for f in json.load(open("analyze.json"))["files"] if f["features"]["category"]))')
check "--category $category" "x['category'] == '$category'" --category "$category"
check "folder scope" '"/hits/" in f["path"]' "$work/lib/hits"
# genre from the cached answers: analyze's own answers give the expected set.
genre=$(python3 -c 'import json; print(next(f["result"]["genre"] for f in json.load(open("analyze.json"))["files"] if isinstance((f.get("result") or {}).get("genre"), str)))')
want=$(python3 - analyze.json "$genre" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
for f in sorted(doc["files"], key=lambda f: os.path.abspath(f["path"]).encode()):
    answer = f.get("result") or {}
    genre = answer.get("genre") if isinstance(answer.get("genre"), str) else ""
    subgenres = [s for s in answer.get("subgenres") or [] if isinstance(s, str)]
    if sys.argv[2].lower() in genre.lower() or any(sys.argv[2].lower() in s.lower() for s in subgenres):
        print(os.path.abspath(f["path"]).replace("\n", "\\n"))
PY
)
assert_eq "$(found --genre "$genre")" "$want" "--genre $genre"
tag=$(python3 -c 'import json; print(json.load(open("analyze.json"))["files"][0]["result"]["tags"][-1])')
[[ -n "$(found --tag "$tag")" ]] || fail "--tag $tag found nothing"
# --tag takes one value: a folder after it is still the scope, not a second tag.
"$bin" find --tag "$tag" "$work/lib/hits" --paths > tag_scope.txt
grep -qv "/lib/hits/" tag_scope.txt && fail "--tag swallowed the folder after it: $(cat tag_scope.txt)"
assert_eq "$(found --genre "no such genre at all")" "" "an unknown genre matches nothing"

# Formats: json counts agree with the paths; csv has a header and one row per match; the
# table escapes the newline in a name; --paths without -0 leaves that name out, with a warning.
"$bin" find --format json > find.json
assert_json_finite find.json
assert_eq "$(json_get find.json 'd["summary"]["matched"]')" "$(json_get analyze.json 'len(d["files"])')" "json matched"
assert_eq "$(json_get find.json 'sorted(f["path"] for f in d["files"]) == sorted(__import__("os").path.abspath(f["path"]) for f in json.load(open("analyze.json"))["files"])')" "True" "json paths"
"$bin" find --format jsonl | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' || fail "jsonl"
rows=$("$bin" find --format csv | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))))')
assert_eq "$rows" "$(( $(json_get analyze.json 'len(d["files"])') + 1 ))" "csv rows"
"$bin" find > table.txt
grep -qF 'evil\nname.flac' table.txt || fail "table does not escape the newline"
expect_exit 1 "$bin" find --paths > lines.txt 2> lines.err
grep -q "evil" lines.txt && fail "a name with a newline was printed on a --paths line"
grep -q "use -0" lines.err || fail "no warning for the name --paths cannot print"

# xargs -0 gets exact names.
"$bin" find --key Am --paths -0 | xargs -0 -n1 basename > via_xargs.txt
grep -q "loop_amber.flac" via_xargs.txt || fail "xargs -0 did not receive the paths"

# Stale: a changed file and a removed file are reported on stderr, not listed.
printf 'x' >> lib/loops/loop_amber.flac
rm lib/hits/hit_thump.wav
set +e; "$bin" find --paths > fresh.txt 2> stale.err; code=$?; set -e
assert_eq "$code" "1" "exit code with stale files"
grep -q "loop_amber.flac" fresh.txt && fail "a changed file was listed"
grep -q "hit_thump.wav" fresh.txt && fail "a vanished file was listed"
grep -q "loop_amber.flac: changed" stale.err || fail "changed file not reported: $(cat stale.err)"
grep -q "hit_thump.wav: vanished" stale.err || fail "vanished file not reported: $(cat stale.err)"
"$bin" find --format json > stale.json 2>/dev/null || true
assert_eq "$(json_get stale.json 'd["summary"]["stale"]')" "2" "stale count in json"

# A file written just before analyze (inside the racy-stat window) is listed at once; its
# record is not trusted, so the next run reads its bytes again but decodes nothing.
mkdir fresh
cp "$SAMPLEMIND_SOURCE_DIR"/samples/pluck_glass.flac fresh/just_made.flac
"$bin" analyze fresh --format json > fresh1.json
assert_eq "$("$bin" find "$work/fresh" --paths)" "$work/fresh/just_made.flac" "a fresh file listed at once"
"$bin" analyze fresh --format json > fresh2.json
assert_eq "$(json_get fresh2.json 'd["summary"]["files_decoded"]')" "0" "fresh file decoded again"
assert_eq "$(json_get fresh2.json 'd["summary"]["feature_cache_hits"]')" "1" "fresh file's features from the cache"

# Usage errors exit 2.
expect_exit 2 "$bin" find --bpm fast
expect_exit 2 "$bin" find --key H-minor
expect_exit 2 "$bin" find --category banjo
expect_exit 2 "$bin" find -0
expect_exit 2 "$bin" --cache none find
echo "ok: find filters, formats, stale files and cache-only answers"
