#!/usr/bin/env python3
"""Loops cut at the bar lines of recorded songs: a real-loop set no threshold was fitted on.

Usage: real_corpus_song_loops.py OUT_DIR [SONG_DIR...]

The songs are the eight that Debian ships with Frets on Fire (`fretsonfire-songs-muldjord`
and `-sectoid`: full-band metal and rock, recorded by their authors to a click). Each song's
chart (`notes.mid`) was drawn by its authors on the song's beat, and its tempo map is the
label. Per song:
  - the backing and guitar tracks are mixed as the game plays them (mono, 44.1 kHz);
  - the chart's grid is placed on the audio: the circular mean of aubio's onsets' phase on
    the chart's eighth notes gives the song's offset (a few tens of ms), and every cut is
    shifted by it. A song whose onsets do not gather on the eighths (resultant under 0.2) is
    left out, so a chart that does not sit on its audio labels nothing;
  - from bar 2, one loop every 6 bars, its length 1, 2 or 4 bars of 4/4 in turn, inside the
    song; a chart whose tempo changes is left out (one offset would not hold for it);
  - each loop must pass the sets' labeller's check (common.check_loop: not silent, an onset in
    its first bar, 60% of its onsets within 25 ms of the 16th-note grid of the label).
The label is the chart's quarter-note BPM (2 decimals); the bar line the cut starts on is
the chart's, which may be any beat of the song's own bar (the chart's first bar is tick 0).
Split: whole songs alternate tune / held out (common.split_sources); the set was first
scored after the extractor it reports on was fixed, so neither half was tuned on.
Standard library, sox and aubioonset.
"""
import math
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402
import real_corpus_midi as midi  # noqa: E402
from song_excerpt_probe import mix_song, song_dirs  # noqa: E402

FIRST_BAR = 2
BAR_STEP = 6
BAR_LENGTHS = (1, 2, 4)
MIN_PHASE_RESULTANT = 0.2


def four_four(song):
    """True when every meter event is 4/4 (a chart with none is 4/4, as MIDI says)."""
    return all((numerator, denominator) == (4, 4) for _, numerator, denominator in song.meters)


def grid_offset(onset_times, bpm):
    """(offset in seconds, resultant) of the onsets' circular mean phase on the eighth notes."""
    eighth = 30.0 / bpm
    angles = [2 * math.pi * (t % eighth) / eighth for t in onset_times]
    c = sum(math.cos(a) for a in angles) / max(1, len(angles))
    s = sum(math.sin(a) for a in angles) / max(1, len(angles))
    return math.atan2(s, c) / (2 * math.pi) * eighth, math.hypot(c, s)


def song_loops(song_dir, n, out_dir, work, manifest):
    """Cuts one song's loops into out_dir and adds their rows; returns (kept, checked, why)."""
    chart = midi.read_midi(os.path.join(song_dir, "notes.mid"))
    if chart is None or not chart.tempos or not four_four(chart):
        return 0, 0, "no 4/4 chart with a tempo"
    if len({micros for _, micros in chart.tempos}) > 1:
        return 0, 0, "the chart's tempo changes (one grid offset would not hold)"
    mixed = mix_song(song_dir, os.path.join(work, "mixed%02d.wav" % n))
    rate, _, frames = common.wav_info(mixed)
    bpm = 60e6 / chart.tempos[0][1]
    offset, resultant = grid_offset(common.onsets(mixed), bpm)
    if resultant < MIN_PHASE_RESULTANT:
        return 0, 0, "onsets off the chart's eighths (resultant %.2f)" % resultant
    name, bar_ticks, kept, checked = os.path.basename(song_dir.rstrip("/")), 4 * chart.division, 0, 0
    for k, bar in enumerate(range(FIRST_BAR, 10_000, BAR_STEP)):
        bars = BAR_LENGTHS[k % len(BAR_LENGTHS)]
        start_s = midi.tick_seconds(chart, bar * bar_ticks) + offset
        end_s = midi.tick_seconds(chart, (bar + bars) * bar_ticks) + offset
        if end_s * rate > frames:
            break
        sample_id = "fof:%s:bar%d:%d" % (name, bar, bars)
        fmt, out_rate = common.pick_variant(sample_id)
        cut = os.path.join(work, "cut.wav")
        first, length = round(start_s * rate), round(end_s * rate) - round(start_s * rate)
        subprocess.run(["sox", mixed, cut, "trim", "%ds" % first, "%ds" % length], check=True, capture_output=True)
        checked += 1
        ok, _, grid, count = common.check_loop(cut, bpm, 4, bars)
        if not ok:
            continue
        file_name = common.opaque_id(sample_id) + "." + fmt
        common.convert(cut, os.path.join(out_dir, file_name), out_rate)
        detail = "%dbar chart of %s at bar %d, grid offset %+.3f s, onset check ok (%.2f of %d on grid)" % (
            bars, name, bar, offset, grid, count)
        manifest.add("fretsonfire", name, {
            "file": file_name, "category": "tonal_loop", "bpm": "%.2f" % bpm, "format": fmt, "rate": out_rate,
            "detail": detail, "source": "fretsonfire:%s@%.3fs" % (name, start_s)})
        kept += 1
    return kept, checked, "ok"


def main(argv):
    if len(argv) < 1:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    out_dir, dirs = argv[0], argv[1:] or song_dirs()
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    with tempfile.TemporaryDirectory() as work:
        for n, song_dir in enumerate(dirs, start=1):
            # Every song takes its place in the split, with loops or none.
            manifest.reserve("fretsonfire", os.path.basename(song_dir.rstrip("/")))
            kept, checked, why = song_loops(song_dir, n, out_dir, work, manifest)
            print("real_corpus_song_loops.py: %s: %d of %d cuts kept (%s)" % (song_dir, kept, checked, why))
    print("real_corpus_song_loops.py: %d loops in %s" % (manifest.write(), out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
