"""Tests of the file list and pitch classes of tools/eval_low_roots.py (standard library only).

Run: python3 tests/tools/test_eval_low_roots.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_low_roots as low  # noqa: E402


class PitchClass(unittest.TestCase):
    def test_concert_pitches(self):
        self.assertEqual(low.pitch_class_of(440.0), 9)     # A4
        self.assertEqual(low.pitch_class_of(55.0), 9)      # A1
        self.assertEqual(low.pitch_class_of(41.2), 4)      # E1
        self.assertEqual(low.pitch_class_of(65.41), 0)     # C2
        self.assertEqual(low.pitch_class_of(61.74), 11)    # B1

    def test_a_quarter_tone_rounds_to_the_nearer_note(self):
        self.assertEqual(low.pitch_class_of(55.0 * 2 ** (0.4 / 12)), 9)
        self.assertEqual(low.pitch_class_of(55.0 * 2 ** (0.6 / 12)), 10)


class FileList(unittest.TestCase):
    def test_low_drums_and_basses_only_sorted(self):
        with tempfile.TemporaryDirectory() as root:
            kits, lmms = os.path.join(root, "kits"), os.path.join(root, "lmms")
            names = {"kits/Kit A/Kick-Hard.wav": True, "kits/Kit A/Snare.wav": False,
                     "kits/Kit B/808_Tom_Low.flac": True, "kits/Kit B/BD1.aif": True,
                     "kits/Kit B/kick notes.txt": False, "lmms/basses/bass01.ogg": True,
                     "lmms/drums/kick01.ogg": True, "lmms/drums/hihat01.ogg": False,
                     "lmms/drums/bassdrum_acoustic01.ogg": True, "lmms/drums/tom02.ogg": True}
            for name in names:
                os.makedirs(os.path.dirname(os.path.join(root, name)), exist_ok=True)
                open(os.path.join(root, name), "wb").close()
            found = low.low_files(kits, lmms)
            expected = sorted(os.path.join(root, n) for n, keep in names.items() if keep)
            self.assertEqual(found, expected)


if __name__ == "__main__":
    unittest.main()
