"""Tests of tools/eval_kit_hits.py (standard library only): labels come from the kit
folder, the guitar-strum kit is left out, failed files are counted apart, and the three
rates are computed over the hits.

Run: python3 tests/tools/test_eval_kit_hits.py
"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_kit_hits  # noqa: E402

KITS = "/usr/share/hydrogen/data/drumkits"


def row(path, key=None, tempo=None, category="kick", failed=False):
    features = None if failed else {"key": key, "tempo_bpm": tempo, "category": category}
    return json.dumps({"path": path, "features": features})


class KitOf(unittest.TestCase):
    def test_the_folder_after_drumkits_names_the_kit(self):
        self.assertEqual(eval_kit_hits.kit_of(f"{KITS}/GMRockKit/Kick-Hard.wav"), "GMRockKit")
        self.assertEqual(eval_kit_hits.kit_of("/tmp/lib/drumkits/The Black Pearl 1.0/a.wav"), "The Black Pearl 1.0")

    def test_files_outside_a_kit_have_none(self):
        self.assertIsNone(eval_kit_hits.kit_of("/tmp/lib/samples/kick.wav"))
        self.assertIsNone(eval_kit_hits.kit_of(f"{KITS}/README.txt"))  # in the root, no kit


class Score(unittest.TestCase):
    def test_rates_over_hits_with_failures_apart(self):
        lines = [
            row(f"{KITS}/A/kick.wav"),
            row(f"{KITS}/A/ride.wav", key="G", category="fx"),
            row(f"{KITS}/A/tom.wav", tempo=120.0, category="tom"),
            row(f"{KITS}/A/broken.wav", failed=True),
            row(f"{KITS}/belofilms_GuitarStrums/Amajor_00.flac", key="A", category="chord"),
            row("/elsewhere/loop.wav", key="C", tempo=90.0),
        ]
        kits, total = eval_kit_hits.score(lines)
        self.assertEqual(set(kits), {"A"})
        self.assertEqual(total["hits"], 3)
        self.assertEqual(total["failed"], 1)
        self.assertEqual(total["keyless"], 2)
        self.assertEqual(total["tempoless"], 2)
        self.assertEqual(total["drum"], 2)  # fx is not a drum category
        self.assertIn("key null 0.667", eval_kit_hits.line_of("A", kits["A"]))

    def test_a_kit_with_only_failures_says_so(self):
        kits, _ = eval_kit_hits.score([row(f"{KITS}/B/x.wav", failed=True)])
        self.assertEqual(eval_kit_hits.line_of("B", kits["B"]).split()[1:], ["no", "hits", "(1", "failed)"])


if __name__ == "__main__":
    unittest.main()
