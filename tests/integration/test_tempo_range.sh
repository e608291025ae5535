#!/usr/bin/env bash
# End to end: --tempo-range (and SAMPLEMIND_TEMPO_RANGE, from the environment or .env)
# moves audio tempos into the user's range on every command that reports final values,
# never moves a stated tempo, keys the AI cache on the moved tempo, and lets find see the
# tempos and answers analyze stored under the same range. Malformed ranges exit 2.
source "$(dirname "$0")/lib.sh"

bin=$SAMPLEMIND_BIN
src="$SAMPLEMIND_SOURCE_DIR/samples"
mkdir -p lib
cp "$src/loop_amber.flac" lib/loop_plain.flac        # the audio reads 120 (60 is its other candidate)
cp "$src/loop_amber.flac" lib/Bass_Dm_124.flac       # the name states 124
touch -d '1 hour ago' lib/*                          # older than the racy-stat window

tempo_of() {  # JSONL-FILE NAME: "tempo_bpm tempo_bpm_audio tempo_source"
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["path"].endswith("/" + sys.argv[2]):
        f = d["features"]
        print(f["tempo_bpm"], f["tempo_bpm_audio"], f["tempo_source"])
' "$1" "$2"
}

"$bin" --cache none features lib --format jsonl --jobs 1 > plain.jsonl
assert_eq "$(tempo_of plain.jsonl loop_plain.flac)" "120.0 120.0 audio" "no range: the reading as it is"

"$bin" --cache none features lib --format jsonl --jobs 1 --tempo-range 130-260 > up.jsonl
assert_json_finite up.jsonl
assert_eq "$(tempo_of up.jsonl loop_plain.flac)" "240.0 120.0 audio" "130-260: moved up an octave, audio kept"
assert_eq "$(tempo_of up.jsonl Bass_Dm_124.flac)" "124.0 120.0 filename" "a stated tempo is never moved"

SAMPLEMIND_TEMPO_RANGE=40-100 "$bin" --cache none features lib --format jsonl --jobs 1 > env.jsonl
assert_eq "$(tempo_of env.jsonl loop_plain.flac)" "60.0 120.0 audio" "SAMPLEMIND_TEMPO_RANGE: the other candidate"
SAMPLEMIND_TEMPO_RANGE=40-100 "$bin" --cache none features lib --format jsonl --jobs 1 --tempo-range 130-260 > both.jsonl
assert_eq "$(tempo_of both.jsonl loop_plain.flac)" "240.0 120.0 audio" "the flag wins over the environment"
printf 'SAMPLEMIND_TEMPO_RANGE=40-100\n' > .env
"$bin" --cache none features lib --format jsonl --jobs 1 > dotenv.jsonl
assert_eq "$(tempo_of dotenv.jsonl loop_plain.flac)" "60.0 120.0 audio" ".env sets the range too"
"$bin" --cache none features lib --format jsonl --jobs 1 --tempo-range none > none.jsonl
assert_eq "$(tempo_of none.jsonl loop_plain.flac)" "120.0 120.0 audio" "--tempo-range none overrides .env"
rm .env

# Malformed ranges are usage errors that say which setting is wrong, before any work.
for bad in 180-70 120-120 nan-200 70 abc 5-180; do
  set +e; "$bin" --cache none features lib --tempo-range "$bad" > /dev/null 2> err.txt; code=$?; set -e
  assert_eq "$code" "2" "--tempo-range $bad exit code"
  grep -q -- "--tempo-range" err.txt || fail "--tempo-range $bad: the error does not name the flag: $(cat err.txt)"
done
set +e; SAMPLEMIND_TEMPO_RANGE=130-120 "$bin" --cache none analyze lib > /dev/null 2> err.txt; code=$?; set -e
assert_eq "$code" "2" "a bad SAMPLEMIND_TEMPO_RANGE exit code"
grep -q "SAMPLEMIND_TEMPO_RANGE" err.txt || fail "the error does not name the variable: $(cat err.txt)"
grep -q "above MIN" err.txt || fail "the error does not say what is wrong: $(cat err.txt)"

# The AI cache key is built on the moved tempo: another range, another answer.
canonical() { "$bin" --cache none cache key lib/loop_plain.flac --provider offline --format json "$@" |
  python3 -c 'import json,sys; d=json.loads(sys.stdin.readline()); print(d["key"], [l for l in d["canonical_text"].splitlines() if l.startswith("tempo")])'; }
read -r plain_key plain_tempo < <(canonical)
read -r up_key up_tempo < <(canonical --tempo-range 130-260)
[[ "$plain_key" != "$up_key" ]] || fail "the AI key ignores the tempo range"
[[ "$up_tempo" == *240* ]] || fail "the canonical text does not carry the moved tempo: $up_tempo"
[[ "$plain_tempo" == *120* ]] || fail "the canonical text without a range does not carry the reading: $plain_tempo"

# analyze stores answers under the moved tempo; find shows that tempo and joins those answers
# when it runs with the same range (here from the environment, as a CI job would set it).
SAMPLEMIND_TEMPO_RANGE=130-260 "$bin" analyze lib --format json > analyze.json
assert_eq "$(json_get analyze.json '[f["features"]["tempo_bpm"] for f in d["files"] if f["path"].endswith("loop_plain.flac")][0]')" \
  "240.0" "analyze reports the moved tempo"
assert_eq "$(json_get analyze.json 'd["summary"]["tempo_range"]')" "130-260" "the summary names the range"
"$bin" --cache none analyze lib --format json > plain_analyze.json
assert_eq "$(json_get plain_analyze.json 'd["summary"]["tempo_range"]')" "None" "no range: null in the summary"
"$bin" --cache none features lib -q --tempo-range 130-260 | grep -q "audio tempos moved into 130-260 BPM" ||
  fail "the features table does not name the range"
"$bin" --cache none analyze lib --tempo-range 65.5-131 | grep -q "tempo .*moved into 65.5-131 BPM" ||
  fail "the analyze report does not name the range"
found() { "$bin" find "$@" --paths | sed 's|.*/||' | sort | tr '\n' ' '; }
assert_eq "$(SAMPLEMIND_TEMPO_RANGE=130-260 found --bpm 235-245)" "loop_plain.flac " "find with the range sees 240"
assert_eq "$(found --bpm 235-245)" "" "find without the range sees the reading (120)"
assert_eq "$(found --bpm 235-245 --tempo-range 130-260)" "loop_plain.flac " "find --tempo-range"
answer_of() {  # the cached answer's mood for loop_plain.flac, as find joins it ("None": no answer)
  "$bin" find lib --format json "$@" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print([m["mood"] for m in d["files"] if m["path"].endswith("loop_plain.flac")][0])'
}
[[ "$(answer_of --tempo-range 130-260)" != "None" ]] || fail "find with analyze's range does not join its answer"
assert_eq "$(answer_of)" "None" "find without the range keys on 120 and finds no answer"

# tag writes the final tempo: with a range, the moved one (dry run: nothing is written).
"$bin" --cache none tag lib/loop_plain.flac --dry-run --tempo-range 130-260 > tag.txt
grep -q "240" tag.txt || fail "tag --dry-run does not show the moved tempo: $(cat tag.txt)"
echo "ok: --tempo-range and SAMPLEMIND_TEMPO_RANGE move audio tempos, never stated ones, on every command"
