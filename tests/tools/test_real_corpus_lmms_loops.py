"""Tests of the labelling rules of tools/real_corpus_lmms_loops.py (standard library only):
the length decides the tempo (one power-of-two beat count in 70-180 BPM), the onset check
can only take a tempo away, and the folder decides drum or tonal loop.

Run: python3 tests/tools/test_real_corpus_lmms_loops.py
"""
import os
import sys
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_lmms_loops as lmms_loops  # noqa: E402


def labelled(folder, seconds, check=(True, "ok", 1.0, 16)):
    with mock.patch.object(lmms_loops, "duration_s", return_value=seconds), \
         mock.patch.object(lmms_loops.common, "check_loop", return_value=check) as checked:
        return lmms_loops.label(folder, "/nonexistent/loop.ogg"), checked


class Labels(unittest.TestCase):
    def test_one_count_in_range_gives_the_tempo(self):
        (category, extra, detail), checked = labelled("beats", 2.66)  # the rave loops: 4 beats, 90.2
        self.assertEqual(category, "drum_loop")
        self.assertEqual(extra, {"bpm": "90.23"})
        self.assertIn("4 beats", detail)
        self.assertEqual(checked.call_args[0][1:], (60.0 * 4 / 2.66, 4, 1))  # checked at that tempo, one bar

    def test_two_counts_in_range_give_no_tempo(self):
        (category, extra, detail), checked = labelled("beats", 1.44)  # 83.3 or 166.7
        self.assertEqual(extra, {})
        self.assertIn("83.33 or 166.67", detail)
        checked.assert_not_called()

    def test_failed_onset_check_takes_the_tempo_away(self):
        (category, extra, detail), _ = labelled("bassloops", 3.836, (False, "off-grid", 0.45, 11))
        self.assertEqual(category, "tonal_loop")
        self.assertEqual(extra, {})
        self.assertIn("off-grid", detail)

    def test_folders(self):
        self.assertEqual(labelled("latin", 8.045)[0][0], "tonal_loop")
        self.assertEqual(labelled("latin", 8.045)[0][1], {"bpm": "119.33"})  # 16 beats
        self.assertEqual(set(lmms_loops.FOLDERS), {"beats", "bassloops", "latin"})


if __name__ == "__main__":
    unittest.main()
