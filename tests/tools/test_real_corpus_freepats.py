"""Tests of the freepats set builder (tools/real_corpus_freepats.py) on GUS patch files
written here, byte for byte in the layout TiMidity++ reads, with known roots and loops.
Run: python3 tests/tools/test_real_corpus_freepats.py
"""
import os
import struct
import sys
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_freepats as freepats  # noqa: E402


# One waveform: its 96-byte header (name, fractions, length, loop, rate, low/high/root
# frequency in mHz, tune, balance, envelopes, tremolo, vibrato, modes, scale, reserved) and data.
def waveform(samples, rate, root_hz, loop=(0, 0), modes=freepats.MODE_16_BIT):
    data = struct.pack("<%dh" % len(samples), *samples)
    width = 2 if modes & freepats.MODE_16_BIT else 1
    header = (b"wave\0\0\0" + b"\0" + struct.pack("<III", len(data), loop[0] * width, loop[1] * width) +
              struct.pack("<H", rate) + struct.pack("<III", 20000, 20000000, int(round(root_hz * 1000))) +
              struct.pack("<hB", 0, 7) + bytes(12) + bytes(6) + bytes([modes]) + struct.pack("<hH", 60, 1024) +
              bytes(36))
    assert len(header) == freepats.WAVE_HEADER_BYTES
    return header + data


def patch(waveforms):
    header = b"GF1PATCH110\0ID#000002\0" + bytes(60) + bytes([1, 14, 0]) + struct.pack("<HHI", len(waveforms), 127, 0)
    header += bytes(129 - len(header))
    instrument = bytes(63)
    layer = bytes(6) + bytes([len(waveforms)]) + bytes(40)
    assert len(header) + len(instrument) + len(layer) == freepats.HEADER_BYTES
    return header + instrument + layer + b"".join(waveforms)


class ParsePatch(unittest.TestCase):
    def test_reads_every_waveform_with_its_root_rate_and_samples(self):
        a = [100, -100, 200, -200] * 10
        c = list(range(-50, 50))
        waves = freepats.parse_patch(patch([waveform(a, 44100, 440.0), waveform(c, 22050, 261.626, loop=(10, 90),
                                                                             modes=freepats.MODE_16_BIT | freepats.MODE_LOOPING)]))
        self.assertEqual(len(waves), 2)
        self.assertEqual(waves[0]["samples"], a)
        self.assertEqual(waves[0]["rate"], 44100)
        self.assertAlmostEqual(waves[0]["root_hz"], 440.0)
        self.assertEqual(waves[1]["loop"], (10, 90))  # bytes in the file, frames here
        self.assertAlmostEqual(waves[1]["root_hz"], 261.626, places=3)

    def test_a_file_that_is_not_a_patch_or_is_cut_short_is_refused(self):
        with self.assertRaises(ValueError):
            freepats.parse_patch(b"RIFF" + bytes(300))
        whole = patch([waveform([1] * 100, 44100, 440.0)])
        with self.assertRaises(ValueError):
            freepats.parse_patch(whole[:-10])


class PlayedOnce(unittest.TestCase):
    def test_a_short_looped_note_is_held_for_a_second_and_faded(self):
        samples = [1000] * 50 + [3000, -3000] * 25  # 100 frames, the loop is the last 50
        wave = {"samples": samples, "rate": 1000, "loop": (50, 100),
                "modes": freepats.MODE_16_BIT | freepats.MODE_LOOPING}
        out = freepats.played_once(wave)
        self.assertEqual(len(out), 1000)
        self.assertEqual(out[:100], samples)
        self.assertEqual(out[100:104], [3000, -3000, 3000, -3000])
        self.assertEqual(out[-1], 0)  # the fade ends at silence

    def test_an_unlooped_or_long_note_is_written_as_is(self):
        samples = [5] * 300
        self.assertEqual(freepats.played_once({"samples": samples, "rate": 1000, "loop": (0, 0),
                                               "modes": freepats.MODE_16_BIT}), samples)
        long_note = [7] * 1500
        self.assertEqual(freepats.played_once({"samples": long_note, "rate": 1000, "loop": (100, 200),
                                               "modes": freepats.MODE_16_BIT | freepats.MODE_LOOPING}), long_note)


class Label(unittest.TestCase):
    def wave(self, root_hz, frames=44100, modes=freepats.MODE_16_BIT):
        return {"samples": [0] * frames, "rate": 44100, "root_hz": root_hz, "loop": (0, 0), "modes": modes}

    def test_a_tone_is_labelled_with_its_stated_root(self):
        category, extra, _ = freepats.label("Tone_000", 0, self.wave(261.626))
        self.assertEqual((category, extra["root_midi"], extra["key"]), ("pitched_hit", 60, "C"))
        _, extra, _ = freepats.label("Tone_000", 33, self.wave(55.0 * 2 ** (10 / 1200)))  # 10 cents sharp
        self.assertEqual(extra["root_midi"], 33)

    def test_a_root_between_semitones_is_no_label(self):
        self.assertIsNone(freepats.label("Tone_000", 0, self.wave(440.0 * 2 ** (45 / 1200))))

    def test_effects_drums_and_too_short_notes(self):
        self.assertEqual(freepats.label("Tone_000", 122, self.wave(440.0))[0], "noise_fx")
        self.assertEqual(freepats.label("Tone_000", 115, self.wave(440.0))[0], "drum_hit")
        self.assertEqual(freepats.label("Drum_000", 38, self.wave(440.0))[0], "drum_hit")
        self.assertIsNone(freepats.label("Drum_000", 25, self.wave(440.0)))  # a snare roll is no hit
        self.assertIsNone(freepats.label("Tone_000", 0, self.wave(440.0, frames=4000)))  # 91 ms, unlooped
        looped = self.wave(440.0, frames=4000, modes=freepats.MODE_16_BIT | freepats.MODE_LOOPING)
        self.assertEqual(freepats.label("Tone_000", 0, looped)[0], "pitched_hit")


if __name__ == "__main__":
    unittest.main()
