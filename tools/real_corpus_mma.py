"""Accompaniment loops from the example songs of MMA (Musical MIDI Accompaniment, package mma).

MMA's examples are chord charts of songs (and demonstrations of its features) written by
its authors; MMA arranges each over its own groove library (drums, bass, chords,
arpeggios) into a MIDI file, which fluidsynth renders with TimGM6mb.sf2. MMA writes bar 1
at tick 0, so the loops are cut at bar lines computed from the MIDI file's own tempo map
and time signature, and labelled from its notes:
- tempo: 60e6 / the MIDI tempo (microseconds per quarter) in force over the cut; a cut
  across a tempo change is not made. Above MAX_LABELLED_BPM the tempo is not labelled
  ('-'): a chart at 250 quarters a minute is a cut-time song whose felt beat is the half
  note, above the range of sample-pack loops and of samplemind's tempo search (50-220);
  those loops still carry their key label;
- meter: x/4 only (one time signature for the whole song); 6/8 songs are left out, their
  beat is a dotted quarter that the MIDI tempo does not state;
- key: the duration-weighted pitch classes of the cut's notes (drum channel 10 left out),
  by the same Krumhansl-Kessler rule as the LMMS loops (real_corpus_key), kept only when
  the song's chart plays that key's tonic chord (real_corpus_mma_chart), else '-';
- category: tonal_loop when a pitched note sounds in the cut, else drum_loop.
Songs are split tune/heldout by example folder, so variants of one song (lyrics/twinkle*)
stay on one side; byte-identical files (misc/ and subroutines/convert4to5.mma) count once.
"""
import glob
import hashlib
import os
import subprocess

import real_corpus_common as common
import real_corpus_key as kk
import real_corpus_midi as midi
import real_corpus_mma_chart as chart

EXAMPLES = "/usr/share/doc/mma/examples"


# The seed of MMA's random variations (see MMA_INIT): SAMPLEMIND_MMA_SEED, default 1, renders
# the same songs with other variations, to measure how much a score owes to one rendering.
def mma_seed(environ):
    raw = environ.get("SAMPLEMIND_MMA_SEED", "1")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise SystemExit("SAMPLEMIND_MMA_SEED must be a whole number from 0 to 999999999, not %r" % raw[:40])
    return int(raw)


MMA_SEED = mma_seed(os.environ)
SF2 = common.soundfont(os.environ)
SF2_TAG = common.soundfont_tag(SF2)
MAX_LABELLED_BPM = 200
CUTS = [(1, 4), (1, 12), (2, 6), (2, 14), (4, 8), (4, 16), (4, 24)]  # (bars, first bar, 0-based)


# MMA's grooves vary timing, velocity and even which notes sound at random (RTime,
# RVolume, RSkip), from a new seed every run; seeded, the same example gives the same MIDI
# file, so a rebuilt corpus has the same notes and the same key labels.
MMA_INIT = "RndSeed %d\n" % MMA_SEED


# Writes MMA's init file for the seed once; returns its path.
def init_file(work_dir):
    path = os.path.join(work_dir, "mma_seed%d.rc" % MMA_SEED)
    if not os.path.exists(path):
        with open(path, "w") as rc:
            rc.write(MMA_INIT)
    return path


# Renders one example to MIDI (MMA) and audio (fluidsynth); (midi path, wav path) or None.
def render(path, work_dir, init):
    base = os.path.join(work_dir, "mma_seed%d%s_%s" % (MMA_SEED, SF2_TAG and "_" + SF2_TAG, common.opaque_id(path)))
    if not os.path.exists(base + ".wav"):
        made = subprocess.run(["mma", "-i", init, "-f", base + ".mid", path], cwd=os.path.dirname(path),
                              capture_output=True, text=True, timeout=120)
        if made.returncode != 0 or not os.path.exists(base + ".mid"):
            return None
        subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", "44100", "-F", base + ".wav", SF2,
                        base + ".mid"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (base + ".mid", base + ".wav") if os.path.exists(base + ".wav") else None


# Label of the notes in [start, end) ticks, checked against the chart's chords:
# (category, tonic, mode, why).
def label(song, start, end, chords):
    if not any(c != 9 and s < end and e > start for s, e, _, c in song.notes):
        return "drum_loop", "-", "-", "drums only"
    heard = kk.estimate(midi.pitch_histogram(song, start, end))
    if heard is None:
        return "tonal_loop", "-", "-", "key unknown: notes not clearly in one key"
    missing = chart.tonic_chord_missing(chords, heard[0], heard[1])
    if missing:
        return "tonal_loop", "-", "-", missing
    return "tonal_loop", heard[0], heard[1], "notes r=%.2f margin=%.2f" % (heard[2], heard[3])


# Cuts one rendered song into loops and adds the kept ones; returns how many.
def cut_song(path, song, wav, chords, out_dir, manifest, log):
    rate, channels, frames = common.wav_info(wav)
    num, den = song.meters[0][1:] if song.meters else (4, 4)
    ticks_per_bar = song.division * num * 4 // den
    last = max((e for _, e, _, _ in song.notes), default=0)
    kept = 0
    for bars, first in CUTS:
        start, end = first * ticks_per_bar, (first + bars) * ticks_per_bar
        tempo = midi.tempo_over(song, start, end)
        source = "mma:%s bars %d-%d" % (os.path.relpath(path, EXAMPLES), first + 1, first + bars)
        if end > last or tempo is None:
            log.write("%s\tskipped: %s\n" % (source, "past the end" if end > last else "tempo changes"))
            continue
        bpm = round(60e6 / tempo, 2)
        bpm = int(round(bpm)) if abs(bpm - round(bpm)) < 0.011 else bpm
        begin = int(round(midi.tick_seconds(song, start) * rate))
        length = int(round((midi.tick_seconds(song, end) - midi.tick_seconds(song, start)) * rate))
        category, tonic, mode, why = label(song, start, end, chords)
        fmt, out_rate = common.pick_variant(source)
        fname = common.opaque_id(source) + "." + fmt
        dst = os.path.join(out_dir, fname)
        common.convert(wav, dst, out_rate, begin, length)
        ok, reason, frac, n = common.check_loop(dst, bpm, num, bars)
        bpm = bpm if bpm <= MAX_LABELLED_BPM else "-"
        log.write("%s\t%s\t%s\tgrid=%.2f onsets=%d\t%s %s %s\n" % (source, fname, reason, frac, n, category, tonic, why))
        if not ok:
            os.remove(dst)
            continue
        manifest.add("mma", "mma:" + os.path.dirname(os.path.relpath(path, EXAMPLES)), {
            "file": fname, "category": category, "bpm": bpm, "key": tonic, "mode": mode,
            "format": fmt, "rate": out_rate, "channels": channels,
            "detail": "%dbar mma %s" % (bars, why), "source": source})
        kept += 1
    return kept


# Renders every example song and cuts labelled loops; returns the number kept.
def build(out_dir, work_dir, manifest, log):
    kept, seen = 0, set()
    init = init_file(work_dir)
    log.write("mma: rendered with RndSeed %d (SAMPLEMIND_MMA_SEED)\n" % MMA_SEED)
    for path in sorted(glob.glob(os.path.join(EXAMPLES, "*", "**", "*.mma"), recursive=True)):
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest in seen:
            log.write("mma:%s\tskipped: same bytes as an earlier example\n" % path)
            continue
        seen.add(digest)
        made = render(path, work_dir, init)
        song = midi.read_midi(made[0]) if made else None
        if song is None or not song.notes:
            log.write("mma:%s\tskipped: MMA made no music (it needs a file it does not ship, or sets no groove)\n" % path)
            continue
        if len({(n, d) for _, n, d in song.meters}) > 1 or (song.meters and song.meters[0][2] != 4):
            log.write("mma:%s\tskipped: meter %s is not one x/4\n" % (path, song.meters))
            continue
        chords = chart.chart_chords(path, work_dir, init, "mma_chart_" + common.opaque_id(path))
        kept += cut_song(path, song, made[1], chords, out_dir, manifest, log)
    return kept
