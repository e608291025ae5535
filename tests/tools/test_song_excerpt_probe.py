"""Tests of tools/song_excerpt_probe.py (standard library only): the chart tempo at a time,
read back from a MIDI file written here with two tempo events, the excerpt start times, the
classification of a reading, and the scorer over JSON lines.

Run: python3 tests/tools/test_song_excerpt_probe.py
"""
import json
import os
import struct
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_midi as midi  # noqa: E402
import song_excerpt_probe as probe  # noqa: E402


def tempo_event(delta, bpm):
    return bytes([delta]) + b"\xff\x51\x03" + struct.pack(">I", round(60_000_000 / bpm))[1:]


def chart(events, division=480):
    """A one-track MIDI file of the given (delta byte, bpm) tempo events, read back."""
    track = b"".join(tempo_event(delta, bpm) for delta, bpm in events) + b"\x00\xff\x2f\x00"
    data = b"MThd" + struct.pack(">IHHH", 6, 0, 1, division) + b"MTrk" + struct.pack(">I", len(track)) + track
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "notes.mid")
        with open(path, "wb") as f:
            f.write(data)
        return midi.read_midi(path)


class TempoAt(unittest.TestCase):
    def test_a_tempo_change_takes_effect_at_its_time(self):
        # 120 BPM from tick 0; 90 BPM from tick 120 (a quarter of a beat at 480 per beat: 0.125 s).
        song = chart([(0, 120), (120, 90)])
        self.assertAlmostEqual(probe.tempo_at(song, 0.0), 120.0, places=3)
        self.assertAlmostEqual(probe.tempo_at(song, 0.1), 120.0, places=3)
        self.assertAlmostEqual(probe.tempo_at(song, 0.125), 90.0, places=3)
        self.assertAlmostEqual(probe.tempo_at(song, 30.0), 90.0, places=3)

    def test_a_chart_without_tempo_events_is_at_120(self):
        self.assertAlmostEqual(probe.tempo_at(chart([]), 5.0), 120.0, places=6)

    def test_a_tempo_repeated_at_tick_zero_is_read_once(self):
        # "Metal madness" states 150 three times at its start.
        self.assertAlmostEqual(probe.tempo_at(chart([(0, 150), (0, 150), (0, 150)]), 1.0), 150.0, places=3)


class Excerpts(unittest.TestCase):
    def test_starts_every_nine_seconds_while_a_whole_excerpt_fits(self):
        self.assertEqual(probe.excerpt_starts(30.0), [0.0, 9.0, 18.0])
        self.assertEqual(probe.excerpt_starts(30.3), [0.0, 9.0, 18.0, 27.0])
        self.assertEqual(probe.excerpt_starts(3.0), [])

    def test_readings_are_classified_against_the_chart(self):
        self.assertEqual(probe.classify(None, 150.0), "none")
        self.assertEqual(probe.classify(152.0, 150.0), "right")
        self.assertEqual(probe.classify(75.5, 150.0), "octave")
        self.assertEqual(probe.classify(298.0, 150.0), "octave")
        self.assertEqual(probe.classify(71.0, 150.0), "other")  # 5% under the half
        self.assertEqual(probe.classify(100.0, 150.0), "other")


class Score(unittest.TestCase):
    def test_counts_per_class_over_the_labelled_files(self):
        labels = probe.read_labels(["file\tsong\tstart_s\tchart_bpm\n", "s01_00.wav\ta\t0.000\t170.000\n",
                                    "s01_01.wav\ta\t9.000\t170.000\n", "s02_00.wav\tb\t0.000\t95.000\n",
                                    "s02_01.wav\tb\t9.000\t95.000\n"])
        lines = [json.dumps({"path": "/x/s01_00.wav", "features": {"tempo_bpm_audio": 170.0}}),
                 json.dumps({"path": "/x/s01_01.wav", "features": {"tempo_bpm_audio": None}}),
                 json.dumps({"path": "/x/s02_00.wav", "features": {"tempo_bpm_audio": 190.0}}),
                 json.dumps({"path": "/x/s02_01.wav", "status": "error", "error": "broken"})]
        self.assertEqual(probe.score(labels, probe.readings(lines)),
                         {"files": 4, "none": 2, "right": 1, "octave": 1, "other": 0})


if __name__ == "__main__":
    unittest.main()
