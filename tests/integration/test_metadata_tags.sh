#!/usr/bin/env bash
# Tags written by an independent writer (python3-mutagen) are read back by src/metadata/
# through tools/stated_metadata: an ID3v2 chunk in WAV and in AIFF.
source "$(dirname "$0")/lib.sh"

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import mutagen' 2>/dev/null; then python=$candidate; break; fi
done
if [[ -z "$python" ]]; then
  echo "note: python3-mutagen unavailable, mutagen cross-check skipped" >&2
  exit 0
fi
stated=$(tool_bin stated_metadata)

"$python" -W ignore - "$work" <<'PY'
import aifc, math, struct, sys, wave
from mutagen.aiff import AIFF
from mutagen.id3 import TBPM, TKEY
from mutagen.wave import WAVE
folder = sys.argv[1]
tone = [int(8000 * math.sin(2 * math.pi * 220 * i / 44100)) for i in range(22050)]
with wave.open(f"{folder}/Kick 909.wav", "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(44100)
    w.writeframes(b"".join(struct.pack("<h", s) for s in tone))
with aifc.open(f"{folder}/pad.aiff", "wb") as a:
    a.setnchannels(1); a.setsampwidth(2); a.setframerate(44100)
    a.writeframes(b"".join(struct.pack(">h", s) for s in tone))
for path, kind, bpm, key in ((f"{folder}/Kick 909.wav", WAVE, "124", "F#m"), (f"{folder}/pad.aiff", AIFF, "98", "Bb")):
    audio = kind(path)
    audio.add_tags()
    audio.tags.add(TBPM(encoding=3, text=[bpm]))
    audio.tags.add(TKEY(encoding=3, text=[key]))
    audio.save()
PY

"$stated" "$work/Kick 909.wav" "$work/pad.aiff" >"$work/stated.jsonl"
"$python" - "$work/stated.jsonl" <<'PY' || fail "statements read back differ from what mutagen wrote"
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
wav, aiff = lines
expect = [(wav, 124.0, "F#", "minor"), (aiff, 98.0, "A#", "major")]  # ID3 TKEY "Bb": major
for got, bpm, key, mode in expect:
    assert got["bpm"] == bpm and got["bpm_source"] == "tag", got
    assert got["key"] == key and got["mode"] == mode and got["key_source"] == "tag", got
    assert got["root"] is None, got
PY
echo "ok: mutagen-written TBPM/TKEY read back from WAV and AIFF"
