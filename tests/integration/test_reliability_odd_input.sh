#!/usr/bin/env bash
# Odd but valid audio is analysed with finite, sensible features: silence, NaN/Inf samples,
# clipping, DC offset, 8 channels, 8 kHz u8, 192 kHz float, mp3, duplicates, hidden files.
source "$(dirname "$0")/lib.sh"
bin="$SAMPLEMIND_BIN"
"$(tool_bin gen_bad_library)" lib

expect_exit 0 "$bin" --cache "sqlite:$work/odd.db" analyze lib/odd --format json > odd.json
assert_json_finite odd.json
python3 - odd.json <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
files = {f["path"].rsplit("/", 1)[1]: f for f in d["files"]}
expected = {"clipping.wav", "dc_offset.wav", "duplicate_a.wav", "duplicate_b.wav", "eight_channels.wav",
            "float_192k.wav", "nan_inf.wav", "silence.wav", "tone.mp3", "u8_8k.wav"}
assert set(files) == expected, f"hidden files must be skipped by default: {sorted(files)}"
for name, f in files.items():
    assert f["status"] == "ok", (name, f["error"])
    for key, value in f["features"].items():
        assert not (isinstance(value, float) and not math.isfinite(value)), (name, key)
    assert -70 <= f["features"]["loudness_lufs"] <= 10, (name, f["features"]["loudness_lufs"])
    assert f["features"]["energy"] is not None and 0 <= f["features"]["energy"] <= 1, name
silence = files["silence.wav"]["features"]
assert silence["tempo_bpm"] is None and silence["key"] is None, silence
assert silence["loudness_lufs"] == -70 and silence["peak_dbfs"] == -120, silence
assert files["clipping.wav"]["features"]["peak_dbfs"] >= -0.1, files["clipping.wav"]["features"]
assert files["eight_channels.wav"]["features"]["channels"] == 8
u8 = files["u8_8k.wav"]["features"]
assert (u8["sample_rate"], u8["channels"]) == (8000, 1), u8
assert abs(u8["duration_s"] - 1.0) < 0.01, u8
hi = files["float_192k.wav"]["features"]
assert (hi["sample_rate"], hi["channels"]) == (192000, 2), hi
assert abs(hi["duration_s"] - 0.5) < 0.01, hi
mp3 = files["tone.mp3"]["features"]
assert mp3["sample_rate"] == 44100 and 0.9 <= mp3["duration_s"] <= 1.2, mp3
nan = files["nan_inf.wav"]["features"]
assert nan["peak_dbfs"] <= 0.0 and nan["loudness_lufs"] > -70, nan
# Duplicates: the same content gives the same features and the same answer, one AI call.
a, b = files["duplicate_a.wav"], files["duplicate_b.wav"]
assert a["features"] == b["features"] and a["result"] == b["result"], (a, b)
assert d["summary"]["files_ok"] == len(expected), d["summary"]
PY

# --hidden includes hidden files and folders.
expect_exit 0 "$bin" --cache "sqlite:$work/odd.db" analyze lib/odd --hidden --format json > hidden.json
assert_json_finite hidden.json
assert_eq "$(json_get hidden.json 'd["summary"]["files_ok"]')" "12" "--hidden adds .hidden.wav and .hidden_dir/inside.wav"
assert_eq "$(json_get hidden.json 'sorted(f["path"].split("lib/odd/")[1] for f in d["files"] if "/." in f["path"])')" \
  "['.hidden.wav', '.hidden_dir/inside.wav']" "hidden entries"
# The rerun hit the cache for every file it had seen.
assert_eq "$(json_get hidden.json 'd["summary"]["cache_misses"] <= 2')" "True" "rerun misses only the hidden files"

# A 20-minute file is streamed: peak memory barely differs from a 1-minute file.
gen="$(tool_bin gen_bad_library)"
"$gen" --long long_1min.wav 1
"$gen" --long long_20min.wav 20
short_kb=$(peak_rss_kb "$bin" features long_1min.wav --format jsonl)
/usr/bin/time -v -o long.time "$bin" features long_20min.wav --format jsonl > long.jsonl
long_kb=$(awk -F': *' '/Maximum resident set size/ {print $2}' long.time)
assert_json_finite long.jsonl
assert_eq "$(json_get long.jsonl 'round(d["features"]["duration_s"])')" "1200" "20-minute duration"
echo "peak RSS: 1 min ${short_kb} KiB, 20 min ${long_kb} KiB (file $(($(stat -c %s long_20min.wav) / 1024)) KiB)" >&2
[[ -n "${SAMPLEMIND_SANITIZED:-}" || $long_kb -lt $((short_kb + 32 * 1024)) ]] || fail "20-minute file used ${long_kb} KiB vs ${short_kb} KiB for 1 minute"
echo "ok"
