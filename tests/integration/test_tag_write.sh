#!/usr/bin/env bash
# samplemind tag: the final tempo and key land in each format's own fields (read back by an
# independent reader, python3-mutagen), the audio frames stay identical, agreeing files and
# dry runs are left alone (mtime kept), a read-only file is an error and the batch goes on.
source "$(dirname "$0")/lib.sh"

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import mutagen' 2>/dev/null; then python=$candidate; break; fi
done
[[ -n "$python" ]] || { echo "skip: python3-mutagen missing (scripts/setup.sh --test installs it)" >&2; exit 77; }
bin=$SAMPLEMIND_BIN
mkdir lib
cp "$SAMPLEMIND_SOURCE_DIR"/samples/*.wav "$SAMPLEMIND_SOURCE_DIR"/samples/*.flac "$SAMPLEMIND_SOURCE_DIR"/samples/*.aif lib/
"$bin" features lib --format jsonl > features.jsonl

# Audio frames of WAV and AIFF as the standard library decodes them (FLAC, Ogg and MP3 are
# checked frame by frame with libsndfile in the unit tests).
frames() {
  "$python" -W ignore - "$@" <<'PY'
import aifc, hashlib, sys, wave
for path in sys.argv[1:]:
    opener = wave.open if path.endswith(".wav") else aifc.open
    with opener(path, "rb") as f:
        print(path, hashlib.sha256(f.readframes(f.getnframes())).hexdigest())
PY
}
frames lib/*.wav lib/*.aif > frames_before.txt
sha256sum lib/* > bytes_before.txt

"$bin" tag lib --dry-run > dry.txt
grep -q "^would tag " dry.txt || fail "a dry run listed no change: $(cat dry.txt)"
sha256sum -c --quiet bytes_before.txt || fail "a dry run changed a file"

chmod 444 lib/loop_sunrise.aif
set +e; "$bin" tag lib > tag.txt 2> tag.err; code=$?; set -e
assert_eq "$code" "1" "exit code with a read-only file"
grep -q "loop_sunrise.aif: read-only file" tag.err || fail "read-only file not named: $(cat tag.err)"
sha256sum -c --quiet --ignore-missing <(grep loop_sunrise bytes_before.txt) || fail "the read-only file changed"
grep -q "^tagged lib/loop_amber.flac" tag.txt || fail "the batch stopped at the read-only file: $(cat tag.txt)"
chmod 644 lib/loop_sunrise.aif

frames lib/*.wav lib/*.aif > frames_after.txt
cmp -s frames_before.txt frames_after.txt || fail "tag writing changed decoded audio frames"

# What mutagen reads equals the final values the features report.
"$python" - features.jsonl lib <<'PY' || fail "tags read back by mutagen differ from the final values"
import json, os, sys
import mutagen
names = {0: "C", 1: "C#", 2: "D", 3: "D#", 4: "E", 5: "F", 6: "F#", 7: "G", 8: "G#", 9: "A", 10: "A#", 11: "B"}
checked = 0
for line in open(sys.argv[1]):
    entry = json.loads(line)
    f = entry["features"]
    if entry["path"].endswith("loop_sunrise.aif"):
        continue  # read-only during the run
    tags = mutagen.File(entry["path"]).tags
    if tags is None:
        bpm = key = None
    elif entry["path"].endswith(".flac"):
        bpm = tags.get("bpm", [None])[0]; key = tags.get("initialkey", [None])[0]
    else:
        bpm = str(tags["TBPM"]) if "TBPM" in tags else None; key = str(tags["TKEY"]) if "TKEY" in tags else None
    want_bpm = None if f["tempo_bpm"] is None else f["tempo_bpm"]
    want_key = None if f["key"] is None else f["key"] + ("m" if f["mode"] == "minor" else "")
    assert (bpm is None) == (want_bpm is None) and (bpm is None or abs(float(bpm) - want_bpm) < 0.01), (entry["path"], bpm, want_bpm)
    assert key == want_key, (entry["path"], key, want_key)
    checked += bpm is not None
assert checked >= 3, checked
PY

# Tagged files were recorded again in the feature cache: find sees them fresh, not stale.
# The read-only file keeps the record `features` left (the files were fresh copies, so it
# is a racy one, listed all the same); chmod moved its ctime, so find calls it changed.
set +e; "$bin" find "$work/lib" --paths > found.txt 2> found.err; set -e
grep -q "loop_sunrise.aif: changed" found.err || fail "the chmod'ed file's moved ctime went unseen: $(cat found.err)"
grep -v "loop_sunrise.aif: changed" found.err | grep -q . && fail "find after tag: $(cat found.err)"
grep -q "loop_amber.flac" found.txt || fail "a tagged file is missing from find: $(cat found.err)"

# A second run finds every tag in agreement and touches nothing, not even the mtime.
stat -c '%n %Y %i' lib/loop_amber.flac lib/tagged_ember.wav > mtime_before.txt
sleep 1
"$bin" tag lib/loop_amber.flac lib/tagged_ember.wav > again.txt
grep -q "^tagged" again.txt && fail "agreeing tags were written again: $(cat again.txt)"
stat -c '%n %Y %i' lib/loop_amber.flac lib/tagged_ember.wav | cmp -s - mtime_before.txt || fail "an agreeing file was touched"

# Key notations: Camelot and Open Key.
"$bin" tag --key-notation camelot lib/loop_amber.flac > /dev/null
assert_eq "$("$python" -c 'import mutagen,sys; print(mutagen.File(sys.argv[1])["initialkey"][0])' lib/loop_amber.flac)" "8A" "Camelot key"
"$bin" tag --key-notation open-key lib/loop_amber.flac > /dev/null
assert_eq "$("$python" -c 'import mutagen,sys; print(mutagen.File(sys.argv[1])["initialkey"][0])' lib/loop_amber.flac)" "1m" "Open Key key"
expect_exit 2 "$bin" tag --key-notation lancelot lib

# analyze --write-tags does the same after analysing.
cp "$SAMPLEMIND_SOURCE_DIR"/samples/groove_street.wav fresh.wav
"$bin" analyze --write-tags fresh.wav > /dev/null 2> analyze.err
grep -q "tagged fresh.wav: ID3v2 TBPM" analyze.err || fail "analyze --write-tags: $(cat analyze.err)"
[[ -n "$("$python" -c 'import mutagen,sys; print(mutagen.File(sys.argv[1]).tags["TBPM"])' fresh.wav)" ]] || fail "no TBPM after analyze --write-tags"
echo "ok: tags written per format, audio unchanged, dry run, read-only, agreement and notations"
