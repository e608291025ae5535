#!/usr/bin/env python3
"""A probe, not an evaluation set: sung melodies played by General MIDI's recorded voices.

The voice rules (docs/evaluation.md, "Version 25" and "Version 27") drop the tempo of a
sound whose pitch glides like speech. A sung loop must keep its tempo, and no evaluation set
holds one. This tool writes two-bar melodies in A minor, renders each with the sampled voices
of a General MIDI soundfont (Choir Aahs, Voice Oohs, Synth Voice) by fluidsynth, and cuts it
at the bar line and 2% short, so that a rule's cost on sung loops can be counted. The voices
are recorded; the melodies are this project's, so the figures measure a risk, not an accuracy.

  make OUT_DIR SF2...   one mono 16-bit 44.1 kHz WAV per soundfont, voice, melody, tempo and
                        cut: melodies eighths, quarters, mixed, staccato; 90 and 120 BPM; cut
                        exact or short2. Name: hNN_MELODY_BPM_CUT.wav (NN: soundfont and voice),
                        the scheme `sparse_percussion_loops.py score` reads.
  then: python3 tools/sparse_percussion_loops.py score A.jsonl B.jsonl

Standard library only; fluidsynth renders and sox cuts.
"""
import os
import struct
import subprocess
import sys
import tempfile

VOICES = {"choir": 52, "oohs": 53, "synthvoice": 54}  # General MIDI programs, 0-based
TEMPI = [90, 120]
CUTS = {"exact": 1.0, "short2": 0.98}
A_MINOR = [57, 59, 60, 62, 64, 65, 67, 69]  # A3 to A4
# Two bars of 4/4, (start beat, length in beats, scale degree).
MELODIES = {
    "eighths": [(i * 0.5, 0.5, d) for i, d in enumerate([0, 2, 4, 2, 3, 5, 4, 2, 1, 3, 5, 7, 6, 4, 2, 0])],
    "quarters": [(i, 1.0, d) for i, d in enumerate([0, 2, 4, 5, 4, 2, 1, 0])],
    "mixed": [(0, 1.5, 0), (1.5, 0.5, 2), (2, 1, 4), (3, 0.5, 5), (3.5, 0.5, 4), (4, 2, 2), (6, 1, 1), (7, 1, 0)],
    "staccato": [(i * 0.5, 0.25, d) for i, d in enumerate([0, 4, 2, 4, 3, 5, 4, 2, 0, 4, 2, 4, 3, 5, 4, 7])],
}
DIVISION = 480


def varlen(value):
    """A MIDI variable-length number."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def midi_file(notes, bpm, program):
    """A one-track standard MIDI file: the tempo, the program, then the notes on channel 0."""
    events = [(0, b"\xff\x51\x03" + struct.pack(">I", round(60_000_000 / bpm))[1:]), (0, bytes([0xC0, program]))]
    for start, length, degree in notes:
        pitch = A_MINOR[degree]
        events.append((round(start * DIVISION), bytes([0x90, pitch, 96])))
        events.append((round((start + length) * DIVISION) - 1, bytes([0x80, pitch, 0])))
    events.sort(key=lambda e: (e[0], e[1][0] == 0x90))  # note-offs before note-ons at one tick
    track, tick = b"", 0
    for at, data in events:
        track += varlen(at - tick) + data
        tick = at
    track += b"\x00\xff\x2f\x00"
    return (b"MThd" + struct.pack(">IHHH", 6, 0, 1, DIVISION) + b"MTrk" + struct.pack(">I", len(track)) + track)


def make(out_dir, soundfonts):
    """Renders every soundfont x voice x melody x tempo x cut into out_dir; returns the count."""
    os.makedirs(out_dir, exist_ok=True)
    count = 0
    with tempfile.TemporaryDirectory() as work:
        for s, sf2 in enumerate(soundfonts):
            for v, (voice, program) in enumerate(VOICES.items()):
                index = s * len(VOICES) + v
                for name, notes in MELODIES.items():
                    for bpm in TEMPI:
                        mid, raw = os.path.join(work, "m.mid"), os.path.join(work, "r.wav")
                        with open(mid, "wb") as f:
                            f.write(midi_file(notes, bpm, program))
                        subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", "44100", "-F", raw, sf2, mid],
                                       check=True, capture_output=True)
                        for cut, scale in CUTS.items():
                            seconds = 8 * 60.0 / bpm * scale
                            out = os.path.join(out_dir, f"h{index:02d}_{name}_{bpm}_{cut}.wav")
                            subprocess.run(["sox", raw, "-c", "1", "-b", "16", out, "trim", "0", f"{seconds:.6f}"],
                                           check=True, capture_output=True)
                            count += 1
    return count


def main(argv):
    if len(argv) >= 4 and argv[1] == "make":
        print(f"{make(argv[2], argv[3:])} loops written to {argv[2]}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
