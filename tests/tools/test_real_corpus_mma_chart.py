"""Tests of the chart reader that checks MMA key labels (tools/real_corpus_mma_chart.py).

The reports below are written in the shape `mma -n -r` prints (bar number, colon, the
bar's chord line, then any lyric or solo text in brackets), so every expected chord set
is read off the text here.
Run: python3 tests/tools/test_real_corpus_mma_chart.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_mma_chart as chart  # noqa: E402

C, D, E, F, G, A, B = 0, 2, 4, 5, 7, 9, 11


class ChordSymbols(unittest.TestCase):
    def test_roots_and_accidentals(self):
        self.assertEqual(chart.chord_of("C"), (C, False))
        self.assertEqual(chart.chord_of("F#"), (6, False))
        self.assertEqual(chart.chord_of("Bb7"), (10, False))
        self.assertEqual(chart.chord_of("B&m7"), (10, True))      # MMA also writes a flat as '&'
        self.assertEqual(chart.chord_of("G/B"), (G, False))        # a slash chord keeps its root
        self.assertEqual(chart.chord_of("Am@3"), (A, True))        # a chord placed at beat 3

    def test_qualities_that_can_be_a_tonic(self):
        for symbol in ("C6", "Cmaj7", "CM7", "C9", "Cadd9", "C7"):
            self.assertEqual(chart.chord_of(symbol), (C, False), symbol)
        for symbol in ("Cm", "Cm7", "Cm6", "Cmin", "CmM7"):
            self.assertEqual(chart.chord_of(symbol), (C, True), symbol)

    def test_neither_major_nor_minor(self):
        for token in ("Cdim", "Cm7b5", "Caug", "Csus4", "/", "z", "z!", "I", "IV", "N.C.", "Hm"):
            self.assertIsNone(chart.chord_of(token), token)


class ChartReport(unittest.TestCase):
    REPORT = """
This file generates a few chords and solo notes.
  1: C
Volume == 25
  2: C
  6: F ['Volume Ratio 60.0 Main 100 Solo 110']
  7: / ['Main 100 Solo 110']
  8: C7 {4g; ; 2;} ['Main 100 Solo 110']
  9: F  Am ['Lyric Am I dreaming']
"""

    def test_chords_of_bar_lines_only(self):
        # "Am" in the lyric after '[' is text, not a chord; the Print line is not a bar.
        self.assertEqual(chart.chords_in(self.REPORT), {(C, False), (F, False), (A, True)})

    def test_key_needs_its_tonic_chord(self):
        chords = {(C, False), (F, False)}
        self.assertIsNone(chart.tonic_chord_missing(chords, "F", "major"))
        self.assertIsNone(chart.tonic_chord_missing(chords, "C", "major"))
        self.assertIn("notes say A minor", chart.tonic_chord_missing(chords, "A", "minor"))
        self.assertIn("notes say F minor", chart.tonic_chord_missing(chords, "F", "minor"))

    def test_a_chart_without_chords_is_not_checked(self):
        self.assertEqual(chart.chords_in("  1: I / V\n  2: IV\n"), set())
        self.assertIsNone(chart.tonic_chord_missing(set(), "A", "minor"))


if __name__ == "__main__":
    unittest.main()
