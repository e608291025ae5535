#!/usr/bin/env bash
# End to end: `similar FILE` analyses FILE (not cached before), ranks the cached sounds by
# timbre: generated kicks find kicks, not pads; --under, stale files, --cache none, JSON
# without NaN, and control characters escaped in the table.
source "$(dirname "$0")/lib.sh"

mkdir -p "$work/lib/drums" "$work/lib/pads" "$work/query"
python3 - "$work" <<'PY'
import math, random, struct, sys, wave
work = sys.argv[1]
rate = 44100
def write(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32000)) for s in samples))
def kick(body, decay):
    out, phase = [], 0.0
    for i in range(int(0.4 * rate)):
        t = i / rate
        phase += 2 * math.pi * (body + 100 * math.exp(-t * 30)) / rate
        out.append(0.9 * math.sin(phase) * math.exp(-t * decay))
    return out
def pad(freq, seconds):
    return [0.3 * min(1, i / (0.7 * rate)) * (math.sin(2 * math.pi * freq * i / rate) + 0.5 * math.sin(3 * math.pi * freq * i / rate))
            for i in range(int(seconds * rate))]
for n, (body, decay) in enumerate([(45, 8), (55, 10), (60, 12)]):
    write(f"{work}/lib/drums/kick_{n}.wav", kick(body, decay))
for n, freq in enumerate([220, 262, 330]):
    write(f"{work}/lib/pads/pad_{n}.wav", pad(freq, 4.0))
write(f"{work}/query/new_kick.wav", kick(50, 9))
write(f"{work}/lib/drums/gone.wav", kick(52, 9))
PY
cp "$work/lib/pads/pad_0.wav" "$work/lib/pads/odd"$'\n'"name.wav"
touch -d '1 hour ago' "$work"/lib/*/*  # older than the racy window: stat records are kept
cache="sqlite:$work/cache.db"
"$SAMPLEMIND_BIN" --cache "$cache" analyze --provider offline "$work/lib" >/dev/null 2>&1 || fail "analyze exit $?"
rm "$work/lib/drums/gone.wav"

"$SAMPLEMIND_BIN" --cache "$cache" similar "$work/query/new_kick.wav" -n 3 -f json >"$work/out.json" || fail "similar exit $?"
assert_json_finite "$work/out.json"
python3 - "$work/out.json" <<'PY' || fail "a kick's nearest neighbours are not the kicks"
import json, sys
d = json.load(open(sys.argv[1]))
paths = [m["path"] for m in d["matches"]]
assert len(paths) == 3, paths
assert all("/drums/kick_" in p for p in paths), paths
assert all(m["distance"] >= 0 for m in d["matches"])
assert d["query"]["category"] == "kick", d["query"]
# 3 kicks, 4 pads, the vanished one, and the query: analysed just now, a fresh file is
# recorded at once (racy, so not trusted by its stat) and left out of the matches.
assert d["searched"] == 9, d["searched"]
PY
assert_eq "$(json_get "$work/out.json" '[m["distance"] for m in d["matches"]] == sorted(m["distance"] for m in d["matches"])')" "True" "nearest first"

"$SAMPLEMIND_BIN" --cache "$cache" similar "$work/query/new_kick.wav" -n 10 --under "$work/lib/pads" -f json >"$work/pads.json" ||
  fail "similar --under exit $?"
assert_eq "$(json_get "$work/pads.json" 'all("/pads/" in m["path"] for m in d["matches"]) and len(d["matches"]) == 4')" "True" "--under keeps one folder"

"$SAMPLEMIND_BIN" --cache "$cache" similar "$work/query/new_kick.wav" -n 20 --include-stale -f json >"$work/stale.json" || fail "stale exit $?"
assert_eq "$(json_get "$work/stale.json" '[m["stale_reason"] for m in d["matches"] if m["path"].endswith("gone.wav")]')" "['vanished']" "vanished file marked"
assert_eq "$(json_get "$work/out.json" 'any(m["path"].endswith("gone.wav") for m in d["matches"])')" "False" "vanished file left out by default"

"$SAMPLEMIND_BIN" --cache "$cache" similar "$work/lib/pads/pad_1.wav" -n 10 >"$work/table.txt" || fail "table exit $?"
grep -q 'odd\\nname.wav' "$work/table.txt" || fail "newline in a path not escaped: $(cat "$work/table.txt")"
grep -q 'pad_1.wav' <(tail -n +3 "$work/table.txt") && fail "the query itself is listed"

expect_exit 2 "$SAMPLEMIND_BIN" --cache none similar "$work/query/new_kick.wav"
expect_exit 1 "$SAMPLEMIND_BIN" --cache "$cache" similar "$work/does-not-exist.wav"
echo "PASS"
