"""Tests of tools/sung_voice_probe.py (standard library only): the MIDI file it writes, read
back by the corpus' own MIDI reader (tempo, program, every note where the melody puts it),
its variable-length numbers, the melodies' length, and the names `score` reads.

Run: python3 tests/tools/test_sung_voice_probe.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_midi as midi  # noqa: E402
import sparse_percussion_loops as spl  # noqa: E402
import sung_voice_probe as svp  # noqa: E402


class VariableLength(unittest.TestCase):
    def test_numbers_round_trip_through_the_reader(self):
        for value in (0, 1, 127, 128, 480, 16383, 16384, 0x0FFFFFFF):
            encoded = svp.varlen(value)
            self.assertEqual(midi.varlen(encoded, 0), (value, len(encoded)))
        self.assertEqual(svp.varlen(128), b"\x81\x00")


class MidiFile(unittest.TestCase):
    def read_back(self, notes, bpm, program):
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "m.mid")
            with open(path, "wb") as f:
                f.write(svp.midi_file(notes, bpm, program))
            return midi.read_midi(path)

    def test_tempo_and_notes_come_back_where_the_melody_puts_them(self):
        song = self.read_back(svp.MELODIES["mixed"], 90, svp.VOICES["choir"])
        self.assertEqual(song.division, svp.DIVISION)
        self.assertEqual(song.tempos, [(0, round(60_000_000 / 90))])
        expected = [(round(s * svp.DIVISION), round((s + n) * svp.DIVISION) - 1, svp.A_MINOR[d], 0)
                    for s, n, d in svp.MELODIES["mixed"]]
        self.assertEqual(sorted(song.notes), sorted(expected))

    def test_the_program_change_names_the_voice(self):
        data = svp.midi_file(svp.MELODIES["quarters"], 120, svp.VOICES["synthvoice"])
        self.assertIn(bytes([0xC0, 54]), data)  # Synth Voice, General MIDI program 55 (0-based 54)

    def test_repeated_notes_end_before_they_start_again(self):
        song = self.read_back([(0, 1, 0), (1, 1, 0)], 120, 52)  # two A3 in a row
        self.assertEqual(sorted(song.notes), [(0, 479, 57, 0), (480, 959, 57, 0)])


class Melodies(unittest.TestCase):
    def test_every_melody_fills_two_bars_and_stays_in_the_scale(self):
        for name, notes in svp.MELODIES.items():
            self.assertLessEqual(max(s + n for s, n, _ in notes), 8.0, name)
            self.assertGreaterEqual(max(s + n for s, n, _ in notes), 7.5, name)
            self.assertTrue(all(0 <= d < len(svp.A_MINOR) for _, _, d in notes), name)

    def test_names_are_the_ones_the_scorer_parses(self):
        self.assertEqual(spl.parse_name("/x/h04_staccato_120_short2.wav"), ("staccato", 120.0, "short2"))


if __name__ == "__main__":
    unittest.main()
