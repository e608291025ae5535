"""Tests of tools/sparse_percussion_loops.py (standard library only): where the hits land,
how long each cut is, the names, the scoring of two builds, and the files `make` writes.

Run: python3 tests/tools/test_sparse_percussion_loops.py
"""
import json
import os
import shutil
import sys
import tempfile
import unittest
import wave

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import sparse_percussion_loops as spl  # noqa: E402


class Arrange(unittest.TestCase):
    def test_hits_land_on_their_beats_and_the_bar_is_cut(self):
        loop = spl.arrange([1.0] * 10, [1, 3], 120, 1, 1.0)
        self.assertEqual(len(loop), 88200)  # one bar of 4 beats at 120 BPM: 2 s
        self.assertEqual([i for i, v in enumerate(loop) if v], list(range(22050, 22060)) + list(range(66150, 66160)))
        self.assertEqual(len(spl.arrange([1.0], [0], 120, 1, 0.98)), 86436)  # 2% short

    def test_a_hit_past_the_cut_is_left_out(self):
        loop = spl.arrange([1.0] * 10, [0, 4], 120, 1, 1.0)  # beat 5 lies past one bar
        self.assertEqual(sum(loop), 10.0)


class Names(unittest.TestCase):
    def test_pattern_bpm_and_cut(self):
        self.assertEqual(spl.parse_name("/x/h03_2and4x2_97.5_short2.wav"), ("2and4x2", 97.5, "short2"))
        self.assertEqual(spl.parse_name("h00_four_120_exact.wav"), ("four", 120.0, "exact"))


class Score(unittest.TestCase):
    def test_right_readings_the_second_build_loses(self):
        def rows(readings):
            return [json.dumps({"path": f"/d/{n}", "features": {"tempo_bpm_audio": t}}) for n, t in readings.items()]
        a = spl.readings(rows({"h00_four_120_exact.wav": 120.0, "h00_three_92_exact.wav": 184.0,
                               "h01_2and4_140_short2.wav": 141.0}) + ['{"summary": {}}'])
        b = spl.readings(rows({"h00_four_120_exact.wav": None, "h00_three_92_exact.wav": None,
                               "h01_2and4_140_short2.wav": 140.0}))
        counts, lost = spl.score(a, b)
        self.assertEqual(counts["files"], 3)
        self.assertEqual(counts["A right"], 2)  # 184 for 92 is an octave, not right
        self.assertEqual(counts["B right"], 1)
        self.assertEqual(dict(lost), {"four": 1})  # the octave lost is not counted


@unittest.skipUnless(shutil.which("sox"), "sox is not installed")
class Make(unittest.TestCase):
    def test_every_pattern_tempo_and_cut_from_one_hit(self):
        with tempfile.TemporaryDirectory() as tmp:
            hit = os.path.join(tmp, "clap.wav")
            spl.write_wav(hit, [8000.0, -8000.0] * 200)
            out = os.path.join(tmp, "loops")
            self.assertEqual(spl.make(out, [hit]), 50)
            with wave.open(os.path.join(out, "h00_2and4x2_120_exact.wav")) as w:
                self.assertEqual((w.getnchannels(), w.getframerate(), w.getnframes()), (1, 44100, 176400))


if __name__ == "__main__":
    unittest.main()
