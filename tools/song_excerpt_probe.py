#!/usr/bin/env python3
"""A probe, not an evaluation set: excerpts of a few seconds cut anywhere from recorded songs.

The stretched readings (docs/features.md) read a loop cut a little short, a little long or
with a tail by trying loop lengths of 0.80-1.055 times the file. A few seconds of dense music
cut off its bar lines is no loop, yet such a search can find a length that fits by chance.
This tool cuts such excerpts from the songs Debian ships with Frets on Fire (full-band metal
by Muldjord and Sectoid, recorded by them) so that the rule's cost on them can be counted.

  make OUT_DIR [SONG_DIR...]  mixes each song's `song.ogg` and `guitar.ogg` (what the game
                              plays) and writes mono 16-bit 44.1 kHz excerpts of 3.3 s, one
                              every 9 s from the start while a whole one fits, named
                              sNN_KK.wav (song NN in path order, excerpt KK), and labels.tsv
                              beside them. Default SONG_DIR: every song folder of Debian's
                              fretsonfire-songs-muldjord and -sectoid (root installs them).
  score LABELS.tsv A.jsonl [B.jsonl]
                              prints, for `samplemind features -f jsonl --no-cache` runs over
                              OUT_DIR, how many excerpts each build gives a tempo, and how many of
                              those are right (within 4%), an octave off (x2, /2) or other.

Labels: the tempo the song's chart (`notes.mid`, drawn by the song's authors on its beat)
sets at the excerpt's start, as a quarter-note BPM. An excerpt is neither a loop nor a
one-shot: the counts measure a risk, not an accuracy.

Standard library only; sox mixes, cuts and converts.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402
import real_corpus_midi as midi  # noqa: E402
from sparse_percussion_loops import readings  # noqa: E402,F401  (file name -> audio tempo)

SONG_ROOT = "/usr/share/games/fretsonfire/data/songs"
PACKAGES = {"muldjord": "fretsonfire-songs-muldjord", "sectoid": "fretsonfire-songs-sectoid"}
EXCERPT_S = 3.3
STEP_S = 9.0
LABEL_HEADER = ["file", "song", "start_s", "chart_bpm"]


def tempo_at(song, seconds):
    """The chart's quarter-note BPM at `seconds` (120 before any tempo event, as MIDI says)."""
    tick, at_s, micros = 0, 0.0, 500_000
    for event_tick, event_micros in song.tempos:
        event_s = at_s + (event_tick - tick) * micros / 1e6 / song.division
        if event_s > seconds:
            break
        tick, at_s, micros = event_tick, event_s, event_micros
    return 60e6 / micros


def excerpt_starts(duration_s, length_s=EXCERPT_S, step_s=STEP_S):
    """Start times of the excerpts: every step_s from 0 while a whole excerpt fits."""
    starts, start = [], 0.0
    while start + length_s <= duration_s + 1e-9:
        starts.append(round(start, 6))
        start += step_s
    return starts


def classify(tempo, bpm):
    """'none', 'right' (within 4%), 'octave' (twice or half, within 4%) or 'other'."""
    if tempo is None:
        return "none"
    for factor, name in ((1.0, "right"), (2.0, "octave"), (0.5, "octave")):
        if common.tempo_matches(tempo, bpm, factor):
            return name
    return "other"


def song_dirs():
    """Every song folder (one holding notes.mid and song.ogg) of both packages, in path order."""
    for folder, package in PACKAGES.items():
        common.require_package(os.path.join(SONG_ROOT, folder), package)
    found = []
    for folder in sorted(PACKAGES):
        base = os.path.join(SONG_ROOT, folder)
        for name in sorted(os.listdir(base)):
            path = os.path.join(base, name)
            if os.path.isfile(os.path.join(path, "notes.mid")) and os.path.isfile(os.path.join(path, "song.ogg")):
                found.append(path)
    return found


def mix_song(song_dir, mixed):
    """Mixes a song's backing and guitar tracks as the game plays them into `mixed` (mono
    16-bit 44.1 kHz WAV) and returns its path."""
    parts = [os.path.join(song_dir, p) for p in ("song.ogg", "guitar.ogg")]
    parts = [p for p in parts if os.path.isfile(p)]
    command = ["sox", "-m"] + parts if len(parts) > 1 else ["sox"] + parts
    subprocess.run(command + ["-D", "-b", "16", "-r", "44100", "-c", "1", mixed], check=True, capture_output=True)
    return mixed


def make(out_dir, dirs):
    """Writes the excerpts and labels.tsv; returns the number of excerpts."""
    os.makedirs(out_dir, exist_ok=True)
    rows = ["\t".join(LABEL_HEADER)]
    with tempfile.TemporaryDirectory() as work:
        for n, song_dir in enumerate(dirs, start=1):
            chart = midi.read_midi(os.path.join(song_dir, "notes.mid"))
            mixed = mix_song(song_dir, os.path.join(work, "mixed.wav"))
            rate, _, frames = common.wav_info(mixed)
            duration_s = frames / rate
            for k, start in enumerate(excerpt_starts(duration_s)):
                name = f"s{n:02d}_{k:02d}.wav"
                subprocess.run(["sox", mixed, os.path.join(out_dir, name), "trim", f"{start:.3f}",
                                f"{EXCERPT_S:.3f}"], check=True, capture_output=True)
                rows.append(f"{name}\t{os.path.basename(song_dir)}\t{start:.3f}\t{tempo_at(chart, start):.3f}")
    with open(os.path.join(out_dir, "labels.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    return len(rows) - 1


def read_labels(lines):
    """File name -> chart BPM, from labels.tsv."""
    rows = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
    return {r[0]: float(r[3]) for r in rows[1:]}


def score(labels, build):
    """Counts of none / right / octave / other over the labelled excerpts a build read."""
    counts = {"files": 0, "none": 0, "right": 0, "octave": 0, "other": 0}
    for name, bpm in labels.items():
        if name in build:
            counts["files"] += 1
            counts[classify(build[name], bpm)] += 1
    return counts


def main(argv):
    if len(argv) >= 3 and argv[1] == "make":
        print(f"{make(argv[2], argv[3:] or song_dirs())} excerpts written to {argv[2]}")
        return 0
    if len(argv) in (4, 5) and argv[1] == "score":
        with open(argv[2]) as f:
            labels = read_labels(f)
        for path in argv[3:]:
            with open(path) as f:
                c = score(labels, readings(f))
            given = c["files"] - c["none"]
            print(f"{path}: {c['files']} excerpts, {given} with a tempo: {c['right']} right, "
                  f"{c['octave']} an octave off, {c['other']} other")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
