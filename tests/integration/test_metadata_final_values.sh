#!/usr/bin/env bash
# End to end: what a file states (ACID chunk, file name) becomes the final tempo, key and
# root with its source, the audio reading stays beside it, --ignore-metadata turns the
# statements off, and the AI cache key follows the final values.
source "$(dirname "$0")/lib.sh"

src="$SAMPLEMIND_SOURCE_DIR/samples"
mkdir -p "$work/lib"
cp "$src/tagged_ember.wav" "$work/lib/ember.wav"                 # an ACID chunk states the tempo
cp "$src/loop_amber.flac" "$work/lib/Bass_Dm_124.flac"           # the name states key and tempo
cp "$src/pluck_glass.flac" "$work/lib/pluck_hit_f#.flac"         # the name states a root note
cp "$src/loop_amber.flac" "$work/lib/loop_plain.flac"            # states nothing

features() { "$SAMPLEMIND_BIN" features "$@" --format jsonl --jobs 1; }
field() {  # field FILE-NAME EXPR over the jsonl in $work/out.jsonl
  python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    if d["path"].endswith("/" + sys.argv[2]):
        f = d["features"]
        print(eval(sys.argv[3], {}, {"f": f}))
' "$work/out.jsonl" "$1" "$2"
}

features "$work/lib" >"$work/out.jsonl" || fail "features exit $?"
assert_json_finite "$work/out.jsonl"
assert_eq "$(field ember.wav 'f["tempo_source"]')" "acid" "ACID tempo source"
assert_eq "$(field ember.wav 'f["kind"]')" "loop" "ACID loop kind"
assert_eq "$(field Bass_Dm_124.flac 'f["tempo_bpm"] == 124')" "True" "tempo from the name"
assert_eq "$(field Bass_Dm_124.flac 'f["tempo_source"]')" "filename" "tempo source"
assert_eq "$(field Bass_Dm_124.flac 'f["key"] + " " + f["mode"] + " " + f["camelot"]')" "D minor 7A" "key from the name"
assert_eq "$(field Bass_Dm_124.flac 'f["key_source"]')" "filename" "key source"
assert_eq "$(field Bass_Dm_124.flac 'f["tempo_bpm_audio"] == 120')" "True" "audio tempo kept beside the stated one"
assert_eq "$(field Bass_Dm_124.flac 'f["key_audio"]')" "A minor" "audio key kept beside the stated one"
assert_eq "$(field 'pluck_hit_f#.flac' 'f["root_source"]')" "filename" "root source"
assert_eq "$(field 'pluck_hit_f#.flac' 'f["root_note"][:2]')" "F#" "root from the name"
assert_eq "$(field loop_plain.flac 'f["tempo_source"] + " " + f["key_source"]')" "audio audio" "no statement: audio"
assert_eq "$(field loop_plain.flac 'len(f["tempo_candidates"]) >= 1')" "True" "tempo candidates present"
pass_tempo=$(field ember.wav 'repr(f["tempo_bpm"])')
[[ "$pass_tempo" =~ ^[0-9]+(\.[0-9]{1,2})?$ ]] || fail "tempo printed with float noise: $pass_tempo"

features "$work/lib" --ignore-metadata >"$work/out.jsonl" || fail "features --ignore-metadata exit $?"
assert_eq "$(field Bass_Dm_124.flac 'f["tempo_source"] + " " + f["key_source"] + " " + f["key"]')" "audio audio A" \
  "--ignore-metadata keeps the audio estimates"
assert_eq "$(field ember.wav 'f["tempo_source"]')" "audio" "--ignore-metadata ignores the ACID chunk"

# The AI key is built from the final values: the stated key is in the canonical text.
key_of() { "$SAMPLEMIND_BIN" --cache none cache key "$@" --provider offline --format json | python3 -c 'import json,sys; d=json.loads(sys.stdin.readline()); print(d["key"], "key=D" in d["canonical_text"])'; }
read -r stated_key stated_has_d < <(key_of "$work/lib/Bass_Dm_124.flac")
read -r audio_key audio_has_d < <(key_of "$work/lib/Bass_Dm_124.flac" --ignore-metadata)
assert_eq "$stated_has_d" "True" "canonical text carries the stated key"
assert_eq "$audio_has_d" "False" "canonical text without statements carries the audio key"
[[ "$stated_key" != "$audio_key" ]] || fail "the AI key ignores the stated values"
echo "ok: statements become final values with sources; --ignore-metadata; the AI key follows them"
