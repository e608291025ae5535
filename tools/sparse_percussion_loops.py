#!/usr/bin/env python3
"""A probe, not an evaluation set: sparse percussion loops arranged here from real kit hits.

The voice rules (docs/evaluation.md, "Version 24") drop the tempo of a sparse phrase in the
voice band. Real loops that could look like that are dry, kickless loops of a few claps,
snares, rims, congas or cowbells, and the evaluation sets hold almost none. This tool
arranges them from Hydrogen's recorded hits so that a rule's cost on them can be counted.
The hits are real; the arrangement is this project's, so the figures measure a risk, not
an accuracy.

  make OUT_DIR HIT...   writes one mono 16-bit 44.1 kHz WAV per hit, pattern, tempo and cut:
                        patterns 2and4, 1and3, three (beats 1, 2.5, 4), four (every beat),
                        2and4x2 (two bars); 92, 97.5, 120, 123.4 and 140 BPM; cut at the bar
                        line (exact) or 2% short (short2). Name: hNN_PATTERN_BPM_CUT.wav.
  score A.jsonl B.jsonl prints, for two `samplemind features -f jsonl --no-cache` runs over
                        OUT_DIR, the loops each gives a tempo and gives right (within 4%), and the right
                        readings of A that B loses, by pattern.

Standard library only; sox decodes the hits (any format it reads).
"""
import array
import os
import subprocess
import sys
import wave
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

RATE = 44100
PATTERNS = {"2and4": [1, 3], "1and3": [0, 2], "three": [0, 1.5, 3], "four": [0, 1, 2, 3], "2and4x2": [1, 3, 5, 7]}
TEMPI = [92, 97.5, 120, 123.4, 140]
CUTS = {"exact": 1.0, "short2": 0.98}
PEAK = 0.8 * 32767


def decode(path):
    """The hit as 16-bit mono samples at RATE, peak-normalised to 0.8 of full scale."""
    raw = subprocess.run(["sox", path, "-t", "s16", "-e", "signed", "-r", str(RATE), "-c", "1", "-"],
                         capture_output=True, check=True).stdout
    samples = array.array("h")
    samples.frombytes(raw[: len(raw) // 2 * 2])
    if sys.byteorder != "little":
        samples.byteswap()
    peak = max((abs(s) for s in samples), default=0) or 1
    return [s * PEAK / peak for s in samples]


def arrange(hit, beats, bpm, bars, cut):
    """The loop's samples: the hit on each beat, the whole cut to bars x 4 beats x cut."""
    length = int(round(bars * 4 * 60.0 / bpm * cut * RATE))
    out = [0.0] * length
    for beat in beats:
        start = int(round(beat * 60.0 / bpm * RATE))
        for i, value in enumerate(hit[: max(0, length - start)]):
            out[start + i] += value
    return out


def write_wav(path, samples):
    data = array.array("h", (max(-32768, min(32767, int(round(s)))) for s in samples))
    if sys.byteorder != "little":
        data.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())


def make(out_dir, hits):
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    for index, path in enumerate(hits):
        hit = decode(path)
        for name, beats in PATTERNS.items():
            bars = 2 if name.endswith("x2") else 1
            for bpm in TEMPI:
                for cut, scale in CUTS.items():
                    write_wav(os.path.join(out_dir, f"h{index:02d}_{name}_{bpm}_{cut}.wav"),
                              arrange(hit, beats, bpm, bars, scale))
                    count += 1
    return count


def parse_name(file_name):
    """(pattern, bpm, cut) from hNN_PATTERN_BPM_CUT.wav."""
    parts = os.path.splitext(os.path.basename(file_name))[0].split("_")
    return "_".join(parts[1:-2]), float(parts[-2]), parts[-1]


def readings(jsonl_lines):
    """File name -> the audio tempo (None for none or a failed file)."""
    return {os.path.basename(path): (features or {}).get("tempo_bpm_audio")
            for path, features in common.feature_records(jsonl_lines) if path}


def right(tempo, bpm):
    return common.tempo_matches(tempo, bpm)


def score(a, b):
    """Counts per build, and A's right readings that B loses, by pattern."""
    counts = Counter()
    lost = Counter()
    for name, tempo_a in a.items():
        pattern, bpm, _ = parse_name(name)
        tempo_b = b.get(name)
        counts["files"] += 1
        counts["A tempo"] += tempo_a is not None
        counts["B tempo"] += tempo_b is not None
        counts["A right"] += right(tempo_a, bpm)
        counts["B right"] += right(tempo_b, bpm)
        if right(tempo_a, bpm) and tempo_b is None:
            lost[pattern] += 1
    return counts, lost


def main(argv):
    if len(argv) >= 3 and argv[1] == "make":
        print(f"{make(argv[2], argv[3:])} loops written to {argv[2]}")
        return 0
    if len(argv) == 4 and argv[1] == "score":
        with open(argv[2]) as fa, open(argv[3]) as fb:
            counts, lost = score(readings(fa), readings(fb))
        for key in ("files", "A tempo", "A right", "B tempo", "B right"):
            print(f"{key:8} {counts[key]}")
        print("A's right readings B loses:", sum(lost.values()), dict(sorted(lost.items())))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
