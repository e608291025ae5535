"""Tests of tools/eval_spoken_stamps.py (standard library only): which file is a spoken
description and in which half it falls, and the shares it counts.

Run: python3 tests/tools/test_eval_spoken_stamps.py
"""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_spoken_stamps as ess  # noqa: E402


def row(path, **features):
    return json.dumps({"path": path, "features": features})


class Groups(unittest.TestCase):
    def test_descriptions_by_language_and_effects(self):
        self.assertEqual(ess.group_of("/s/food/Apricot_whole_desc_fr.ogg"), ("spoken", "fr"))
        self.assertEqual(ess.group_of("/s/x/cow_desc_da.ogg.ogg"), ("spoken", "da"))
        self.assertEqual(ess.group_of("/s/animals/cow.ogg"), ("effect", ""))
        self.assertEqual(ess.half_of(("spoken", "fr")), "tuning")
        self.assertEqual(ess.half_of(("spoken", "es")), "held out")
        self.assertEqual(ess.half_of(("effect", "")), "effects")


class Tally(unittest.TestCase):
    def test_shares_per_half_and_language(self):
        lines = [
            row("/s/a_desc_fr.ogg", tempo_bpm=None, key=None, root_note=None, category="vocal"),
            row("/s/b_desc_fr.ogg", tempo_bpm=120.0, key="C", root_note=None, category="fx"),
            row("/s/c_desc_es.ogg", tempo_bpm=None, key=None, root_note="C3", category="vocal"),
            row("/s/cow.ogg", tempo_bpm=None, key=None, root_note=None, category="fx"),
            json.dumps({"path": "/s/broken_desc_fr.ogg", "features": None, "error": "unreadable"}),
            "",
        ]
        counts = ess.tally(lines)
        tuning = counts["tuning"]
        self.assertEqual((tuning["files"], tuning["no tempo"], tuning["no key, no root"], tuning["vocal"]), (2, 1, 1, 1))
        held = counts["held out"]
        self.assertEqual((held["files"], held["no tempo"], held["no key, no root"]), (1, 1, 0))
        self.assertEqual(counts["effects"]["files"], 1)
        self.assertEqual(counts["language fr"]["files"], 2)
        text = ess.table(counts)
        self.assertIn("tuning", text)
        self.assertRegex(text, r"tuning\s+2\s+0\.500\s+0\.500\s+0\.500")


    def test_all_spoken_counts_every_file_as_held_out_speech(self):
        lines = [row("/a/vm-goodbye.wav", tempo_bpm=None, key=None, root_note=None, category="vocal"),
                 row("/a/cancelled.wav", tempo_bpm=110.0, key=None, root_note=None, category="fx")]
        counts = ess.tally(lines, all_spoken=True)
        held = counts["held out"]
        self.assertEqual((held["files"], held["no tempo"], held["vocal"]), (2, 1, 1))
        self.assertNotIn("effects", counts)
        self.assertEqual(counts["language all"]["files"], 2)


if __name__ == "__main__":
    unittest.main()
