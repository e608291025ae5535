"""Tests of the MIDI reader, the MMA loop labeller and MMA's render seed of the real-corpus builder.

Each test writes a small standard MIDI file by hand (known tempo map, meter and notes),
so every expected value below is computed from the bytes written here.
Run: python3 tests/tools/test_real_corpus_midi.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_midi as midi  # noqa: E402
import real_corpus_mma as mma  # noqa: E402

DIVISION = 96  # ticks per quarter; a 4/4 bar is 384 ticks


def varlen(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.insert(0, (value & 0x7F) | 0x80)
        value >>= 7
    return bytes(out)


# Track bytes from (delta ticks, event bytes) pairs, closed by end-of-track.
def track(events):
    body = b"".join(varlen(delta) + data for delta, data in events) + b"\x00\xff\x2f\x00"
    return b"MTrk" + len(body).to_bytes(4, "big") + body


def tempo(us):
    return b"\xff\x51\x03" + us.to_bytes(3, "big")


def write_song(path, tracks):
    head = b"MThd" + (6).to_bytes(4, "big") + (1).to_bytes(2, "big") + len(tracks).to_bytes(2, "big") + \
        DIVISION.to_bytes(2, "big")
    with open(path, "wb") as f:
        f.write(head + b"".join(tracks))


class MidiReaderTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "song.mid")
        conductor = track([(0, tempo(500000)), (0, b"\xff\x58\x04\x04\x02\x18\x08"), (384, tempo(400000))])
        # One track holds two channels. Channel 0: C4 for two bars. Channel 1: C4 for one
        # quarter from tick 96 (the same pitch on another channel: its note-off must not end
        # channel 0's note), then E4 and G4 by running status (velocity 0 as note-off).
        band = track([(0, b"\x90\x3c\x64"), (96, b"\x91\x3c\x64"), (96, b"\x81\x3c\x00"),
                      (0, b"\x91\x40\x64"), (96, b"\x40\x00"), (0, b"\x43\x64"), (96, b"\x43\x00"),
                      (384, b"\x80\x3c\x00")])
        drums = track([(0, b"\x99\x24\x64"), (48, b"\x89\x24\x00"), (720, b"\x99\x26\x64"), (48, b"\x89\x26\x00")])
        write_song(self.path, [conductor, band, drums])

    def tearDown(self):
        self.dir.cleanup()

    def test_reads_tempo_map_meter_and_notes_paired_by_channel(self):
        song = midi.read_midi(self.path)
        self.assertEqual(song.division, DIVISION)
        self.assertEqual(song.tempos, [(0, 500000), (384, 400000)])
        self.assertEqual(song.meters, [(0, 4, 4)])
        self.assertIn((0, 768, 60, 0), song.notes)        # not cut short by channel 1's C4
        self.assertIn((96, 192, 60, 1), song.notes)
        self.assertIn((192, 288, 64, 1), song.notes)       # running status
        self.assertIn((288, 384, 67, 1), song.notes)
        self.assertEqual(len([n for n in song.notes if n[3] == 9]), 2)

    def test_histogram_weights_durations_inside_the_range_and_skips_drums(self):
        song = midi.read_midi(self.path)
        hist = midi.pitch_histogram(song, 0, 384)
        self.assertEqual(hist[0], 384 + 96)   # C: channel 0 over the bar, channel 1 for a quarter
        self.assertEqual(hist[4], 96)         # E
        self.assertEqual(hist[7], 96)         # G
        self.assertEqual(sum(hist), 384 + 3 * 96)
        self.assertEqual(midi.pitch_histogram(song, 384, 768)[0], 384)

    def test_times_follow_the_tempo_map(self):
        song = midi.read_midi(self.path)
        self.assertAlmostEqual(midi.tick_seconds(song, 384), 2.0)         # 4 quarters at 0.5 s
        self.assertAlmostEqual(midi.tick_seconds(song, 480), 2.4)         # + 1 quarter at 0.4 s
        self.assertEqual(midi.tempo_over(song, 0, 384), 500000)
        self.assertEqual(midi.tempo_over(song, 384, 768), 400000)
        self.assertIsNone(midi.tempo_over(song, 0, 480))                  # a cut across the change

    def test_labels_drums_only_and_pitched_ranges(self):
        song = midi.read_midi(self.path)
        only_drums = midi.MidiFile(DIVISION)
        only_drums.notes = [n for n in song.notes if n[3] == 9]
        self.assertEqual(mma.label(only_drums, 0, 384, set())[0], "drum_loop")
        category, tonic, _, why = mma.label(song, 0, 384, set())  # C, E, G only: too few classes for a key
        self.assertEqual((category, tonic), ("tonal_loop", "-"))
        self.assertIn("key unknown", why)

    def test_a_scale_in_a_known_key_gets_that_key(self):
        song = midi.MidiFile(DIVISION)
        # C major: the tonic triad held, the scale run over it.
        song.notes = [(0, 384, p, 0) for p in (48, 52, 55)]
        song.notes += [(i * 48, i * 48 + 48, p, 1) for i, p in enumerate((60, 62, 64, 65, 67, 69, 71, 72))]
        self.assertEqual(mma.label(song, 0, 384, set())[1:3], ("C", "major"))
        # A natural minor: A, C, E held, the scale from A.
        song.notes = [(0, 384, p, 0) for p in (45, 48, 52)]
        song.notes += [(i * 48, i * 48 + 48, p, 1) for i, p in enumerate((57, 59, 60, 62, 64, 65, 67, 69))]
        self.assertEqual(mma.label(song, 0, 384, set())[1:3], ("A", "minor"))
        # The same notes under a chart of F and C7 only: A minor's tonic chord never sounds.
        category, tonic, mode, why = mma.label(song, 0, 384, {(5, False), (0, False)})
        self.assertEqual((category, tonic, mode), ("tonal_loop", "-", "-"))
        self.assertIn("notes say A minor, the chart never plays that chord", why)
        self.assertEqual(mma.label(song, 0, 384, {(9, True), (4, False)})[1:3], ("A", "minor"))

    def test_not_a_midi_file(self):
        with open(self.path, "wb") as f:
            f.write(b"RIFF....WAVE")
        self.assertIsNone(midi.read_midi(self.path))


class MmaSeedTest(unittest.TestCase):
    def test_default_and_chosen_seeds(self):
        self.assertEqual(mma.mma_seed({}), 1)
        self.assertEqual(mma.mma_seed({"SAMPLEMIND_MMA_SEED": "7"}), 7)
        self.assertEqual(mma.mma_seed({"SAMPLEMIND_MMA_SEED": "0"}), 0)

    def test_anything_but_a_short_whole_number_is_refused_with_its_name(self):
        for bad in ["", "abc", "-1", "1e3", " 2", "2.0", "\u0661", "9999999999"]:
            with self.assertRaises(SystemExit) as refused:
                mma.mma_seed({"SAMPLEMIND_MMA_SEED": bad})
            self.assertIn("SAMPLEMIND_MMA_SEED", str(refused.exception))

    def test_the_init_file_seeds_mma(self):
        self.assertEqual(mma.MMA_INIT, "RndSeed %d\n" % mma.MMA_SEED)


if __name__ == "__main__":
    unittest.main()
