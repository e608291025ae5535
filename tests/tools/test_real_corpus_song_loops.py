"""Tests of tools/real_corpus_song_loops.py: the chart's clock on a chart with no tempo and one
stating its tempo three times, the 4/4 test, the grid offset measured from onsets with a
known phase, and one song cut end to end (a click song written here, with sox and aubioonset
when installed).

Run: python3 tests/tools/test_real_corpus_song_loops.py
"""
import csv
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_common as common  # noqa: E402
import real_corpus_midi as midi  # noqa: E402
import real_corpus_song_loops as loops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_song_excerpt_probe import tempo_event  # noqa: E402  (one tempo meta event)


def meter_event(numerator, denominator_power):
    return b"\x00\xff\x58\x04" + bytes([numerator, denominator_power, 24, 8])


def write_chart(path, tempos, meters=(), division=480):
    """A one-track MIDI file of (delta byte, bpm) tempo events and (numerator, power) meters."""
    track = b"".join(meter_event(n, p) for n, p in meters)
    track += b"".join(tempo_event(delta, bpm) for delta, bpm in tempos) + b"\x00\xff\x2f\x00"
    data = b"MThd" + struct.pack(">IHHH", 6, 0, 1, division) + b"MTrk" + struct.pack(">I", len(track)) + track
    with open(path, "wb") as f:
        f.write(data)


def chart(tempos, meters=()):
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "notes.mid")
        write_chart(path, tempos, meters)
        return midi.read_midi(path)


class ChartClock(unittest.TestCase):
    # The shared clock (real_corpus_midi.tick_seconds, tempo_over) on what these charts hold;
    # tests/tools/test_real_corpus_midi.py covers a tempo change.
    def test_a_chart_without_tempo_runs_at_120(self):
        self.assertAlmostEqual(midi.tick_seconds(chart([]), 4 * 480), 2.0)

    def test_a_tempo_stated_three_times_at_its_start_holds(self):
        song = chart([(0, 150), (0, 150), (0, 150)])  # "Metal madness" states 150 three times
        self.assertAlmostEqual(60e6 / midi.tempo_over(song, 0, 4 * 480), 150.0, places=3)
        self.assertAlmostEqual(midi.tick_seconds(song, 4 * 480), 1.6, places=6)

    def test_four_four_only(self):
        self.assertTrue(loops.four_four(chart([(0, 120)])))
        self.assertTrue(loops.four_four(chart([(0, 120)], [(4, 2)])))
        self.assertFalse(loops.four_four(chart([(0, 120)], [(4, 2), (3, 2)])))
        self.assertFalse(loops.four_four(chart([(0, 120)], [(6, 3)])))


class GridOffset(unittest.TestCase):
    def test_onsets_late_by_20_ms_give_that_offset(self):
        onsets = [k * 0.25 + 0.020 for k in range(40)]  # eighths at 120 BPM, 20 ms late
        offset, resultant = loops.grid_offset(onsets, 120.0)
        self.assertAlmostEqual(offset, 0.020, places=6)
        self.assertAlmostEqual(resultant, 1.0, places=6)

    def test_early_onsets_give_a_negative_offset(self):
        offset, _ = loops.grid_offset([k * 0.25 - 0.03 for k in range(1, 40)], 120.0)
        self.assertAlmostEqual(offset, -0.03, places=6)

    def test_onsets_spread_over_the_eighth_give_a_small_resultant(self):
        onsets = [k * 0.25 + (k % 5) * 0.05 for k in range(40)]  # phases 0, 0.2, ... 0.8 of the eighth
        _, resultant = loops.grid_offset(onsets, 120.0)
        self.assertLess(resultant, loops.MIN_PHASE_RESULTANT)

    def test_no_onsets_give_no_resultant(self):
        self.assertEqual(loops.grid_offset([], 120.0), (0.0, 0.0))


def click_song(folder, bpm, seconds, late_s):
    """song.ogg: a short noise burst on every eighth note, late_s after the chart's grid."""
    rate = 44100
    samples = [0] * int(seconds * rate)
    eighth = 30.0 / bpm
    k = 0
    while (k * eighth + late_s) * rate + 400 < len(samples):
        start = int((k * eighth + late_s) * rate)
        for i in range(400):
            samples[start + i] = int(20000 * math.exp(-i / 80.0) * (1 if (i * 7919) % 3 else -1))
        k += 1
    wav = os.path.join(folder, "song.wav")
    common.write_mono_wav(wav, samples, rate)
    subprocess.run(["sox", wav, os.path.join(folder, "song.ogg")], check=True, capture_output=True)
    os.remove(wav)


@unittest.skipUnless(shutil.which("sox") and shutil.which("aubioonset"), "sox and aubioonset are not installed")
class OneSong(unittest.TestCase):
    def test_a_click_song_is_cut_at_its_bar_lines_shifted_by_its_offset(self):
        with tempfile.TemporaryDirectory() as work:
            song = os.path.join(work, "songs", "click")
            out = os.path.join(work, "out")
            os.makedirs(song)
            os.makedirs(out)
            write_chart(os.path.join(song, "notes.mid"), [(0, 120)], [(4, 2)])
            click_song(song, 120.0, 30.0, 0.020)
            manifest = common.Manifest(out)
            with tempfile.TemporaryDirectory() as scratch:
                kept, checked, why = loops.song_loops(song, 1, out, scratch, manifest)
            self.assertEqual(why, "ok")
            # 15 bars of 2 s: a 1-bar loop at bar 2 and a 2-bar loop at bar 8; the 4-bar loop
            # at bar 14 would run past the end.
            self.assertEqual((kept, checked), (2, 2))
            manifest.write()
            with open(os.path.join(out, "manifest.tsv"), encoding="utf-8") as f:
                rows = list(csv.DictReader(f, delimiter="\t"))
            self.assertEqual([r["bpm"] for r in rows], ["120.00", "120.00"])
            lengths = sorted(common.frame_count(os.path.join(out, r["file"])) / common.frame_rate(os.path.join(out, r["file"]))
                             for r in rows)
            self.assertAlmostEqual(lengths[0], 2.0, delta=0.001)
            self.assertAlmostEqual(lengths[1], 4.0, delta=0.001)
            starts = sorted(float(r["source"].rsplit("@", 1)[1].rstrip("s")) for r in rows)
            # aubio places an onset within a few ms of the burst; the cut follows it.
            self.assertAlmostEqual(starts[0], 4.020, delta=0.012)
            self.assertAlmostEqual(starts[1], 16.020, delta=0.012)
            self.assertTrue(all(r["category"] == "tonal_loop" and "onset check ok" in r["detail"] for r in rows))

    def test_a_chart_whose_tempo_changes_labels_nothing(self):
        with tempfile.TemporaryDirectory() as work:
            song = os.path.join(work, "click")
            os.makedirs(song)
            write_chart(os.path.join(song, "notes.mid"), [(0, 120), (120, 90)])
            click_song(song, 120.0, 10.0, 0.0)
            with tempfile.TemporaryDirectory() as scratch:
                kept, checked, why = loops.song_loops(song, 1, work, scratch, common.Manifest(work))
            self.assertEqual((kept, checked), (0, 0))
            self.assertIn("tempo changes", why)

    def test_a_song_off_its_chart_labels_nothing(self):
        with tempfile.TemporaryDirectory() as work:
            song = os.path.join(work, "click")
            os.makedirs(song)
            # The chart says 97 BPM; the clicks run at 120: their phases spread over the eighth.
            write_chart(os.path.join(song, "notes.mid"), [(0, 97)])
            click_song(song, 120.0, 30.0, 0.0)
            manifest = common.Manifest(work)
            with tempfile.TemporaryDirectory() as scratch:
                kept, checked, why = loops.song_loops(song, 1, work, scratch, manifest)
            self.assertEqual((kept, checked), (0, 0))
            self.assertIn("off the chart's eighths", why)


if __name__ == "__main__":
    unittest.main()
