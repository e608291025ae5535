"""Tests of tools/eval_named_categories.py (standard library only): families come from the
packages' folders and prefixes, mixed folders and the guitar-strum kit are left out, failed
files are counted apart, and a family is right whichever category of it is given.

Run: python3 tests/tools/test_eval_named_categories.py
"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_named_categories as named  # noqa: E402

LMMS = "/usr/share/lmms/samples"
SONIC_PI = "/usr/share/sonic-pi/samples"
KITS = "/usr/share/hydrogen/data/drumkits"


def row(path, category=None, failed=False):
    return json.dumps({"path": path, "features": None if failed else {"category": category}})


class LabelOf(unittest.TestCase):
    def test_folders_and_prefixes_name_a_family(self):
        self.assertEqual(named.label_of(f"{KITS}/ForzeeStereo/Crash18-0.wav"), ("hydrogen", "drum"))
        self.assertEqual(named.label_of(f"{LMMS}/basses/rave_bass02.ogg"), ("lmms", "tonal"))
        self.assertEqual(named.label_of(f"{LMMS}/beats/house_loop01.ogg"), ("lmms", "drum loop"))
        self.assertEqual(named.label_of(f"{SONIC_PI}/bd_haus.flac"), ("sonicpi", "drum"))
        self.assertEqual(named.label_of(f"{SONIC_PI}/vinyl_hiss.flac"), ("sonicpi", "fx"))

    def test_mixed_folders_prefixes_and_the_strum_kit_are_left_out(self):
        self.assertIsNone(named.label_of(f"{LMMS}/waveforms/10saw.flac"))
        self.assertIsNone(named.label_of(f"{SONIC_PI}/elec_beep.flac"))
        self.assertIsNone(named.label_of(f"{SONIC_PI}/loop_amen.flac"))
        self.assertIsNone(named.label_of(f"{KITS}/belofilms_GuitarStrums/Aminor_00.flac"))
        self.assertIsNone(named.label_of("/home/me/samples/kick.wav"))


class Score(unittest.TestCase):
    def test_family_accuracy_with_failures_apart(self):
        lines = [
            row(f"{KITS}/A/ride.wav", "cymbal"),
            row(f"{KITS}/A/crash.wav", "bass"),
            row(f"{LMMS}/basses/bass01.ogg", "pad"),  # another tonal category: the family is right
            row(f"{LMMS}/drums/kick01.ogg", failed=True),
            row(f"{SONIC_PI}/misc_burp.flac", "fx"),  # unlabelled
        ]
        sources, confusion = named.score(lines)
        self.assertEqual(sources["all"]["files"], 4)
        self.assertEqual(sources["all"]["failed"], 1)
        self.assertEqual(sources["all"]["right"], 2)
        self.assertEqual(confusion[("drum", "tonal")], 1)
        self.assertIn("family right 0.500", named.line_of("hydrogen", sources["hydrogen"]))
        self.assertIn("no files (1 failed)", named.line_of("x", {"files": 1, "failed": 1, "right": 0}))


if __name__ == "__main__":
    unittest.main()
