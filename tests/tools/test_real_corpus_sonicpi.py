"""Tests of the labelling rules of tools/real_corpus_sonicpi.py (standard library only).

Run: python3 tests/tools/test_real_corpus_sonicpi.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_sonicpi as sonicpi  # noqa: E402


class LoopReadings(unittest.TestCase):
    def test_one_power_of_two_count_in_range(self):
        self.assertEqual([b for b, _ in sonicpi.loop_readings(2.474)], [4])       # 97 (194 is too fast)
        self.assertEqual([b for b, _ in sonicpi.loop_readings(8.0)], [16])        # 120
        self.assertEqual([b for b, _ in sonicpi.loop_readings(0.884)], [2])       # 135.8
        self.assertAlmostEqual(sonicpi.loop_readings(1.905)[0][1], 125.98, places=2)

    def test_two_octaves_in_range_are_both_returned(self):
        self.assertEqual([b for b, _ in sonicpi.loop_readings(6.486)], [8, 16])   # 74 or 148
        self.assertEqual([b for b, _ in sonicpi.loop_readings(10.674)], [16, 32])  # 90 or 180

    def test_no_count_in_range(self):
        self.assertEqual(sonicpi.loop_readings(0.3), [])  # 1 beat is 200 BPM


class Names(unittest.TestCase):
    def label(self, name):
        category, extra, _, group = sonicpi.label(name, "/nonexistent/" + name + ".flac")
        return category, extra, group

    def test_pitched_names_state_their_tonic(self):
        self.assertEqual(self.label("bass_hit_c")[:2], ("pitched_hit", {"key": "C"}))
        self.assertEqual(self.label("bass_dnb_f")[:2], ("pitched_hit", {"key": "F"}))
        self.assertEqual(self.label("glitch_bass_g")[:2], ("pitched_hit", {"key": "G"}))
        self.assertEqual(self.label("guit_em9")[:2], ("pitched_hit", {"key": "E", "mode": "minor"}))
        self.assertEqual(self.label("guit_e_slide")[:2], ("pitched_hit", {"key": "E", "mode": "-"}))

    def test_drums_by_prefix_or_drum_word(self):
        for name in ("bd_808", "drum_cymbal_open", "sn_dub", "tabla_na", "elec_soft_kick", "elec_hi_snare",
                     "perc_snap2", "drum_cowbell"):
            self.assertEqual(self.label(name)[0], "drum_hit", name)

    def test_everything_else_is_an_effect(self):
        for name in ("ambi_choir", "elec_beep", "elec_chime", "misc_burp", "vinyl_hiss", "perc_bell",
                     "mehackit_robot3", "glitch_perc1"):
            self.assertEqual(self.label(name)[0], "noise_fx", name)


if __name__ == "__main__":
    unittest.main()
