"""Tests of the AVL drum-kit set builder (tools/real_corpus_avldrums.py) on SoundFont 2 files
written here: a sample table and sample data in the RIFF layout the format specifies.
Run: python3 tests/tools/test_real_corpus_avldrums.py
"""
import os
import struct
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_avldrums as avldrums  # noqa: E402


def chunk(chunk_id, body):
    return chunk_id + struct.pack("<I", len(body)) + body + (b"\0" if len(body) % 2 else b"")


# A SoundFont holding the given (name, samples, rate) in one sample pool, with the 46 zero
# points the format puts after each sample and the terminal "EOS" record.
def soundfont(samples, table_bytes=None):
    pool, table = b"", b""
    for name, values, rate in samples:
        start = len(pool) // 2
        pool += struct.pack("<%dh" % len(values), *values) + bytes(92)
        table += (name.encode().ljust(20, b"\0") + struct.pack("<IIIII", start, start + len(values), start, start, rate) +
                  bytes([60, 0]) + struct.pack("<HH", 0, 1))
    table += b"EOS".ljust(20, b"\0") + bytes(26)
    info = chunk(b"LIST", b"INFO" + chunk(b"ifil", struct.pack("<HH", 2, 1)))
    sdta = chunk(b"LIST", b"sdta" + chunk(b"smpl", pool))
    pdta = chunk(b"LIST", b"pdta" + chunk(b"shdr", table if table_bytes is None else table_bytes))
    body = b"sfbk" + info + sdta + pdta
    return b"RIFF" + struct.pack("<I", len(body)) + body


class ReadSamples(unittest.TestCase):
    def test_reads_each_sample_with_its_name_rate_and_values(self):
        kick = [0, 12000, -9000, 4000, -1000, 0]
        hat = [300, -300] * 20
        samples = avldrums.read_samples(soundfont([("36-Kick-1", kick, 44100), ("42-HatClosed-2", hat, 48000)]))
        self.assertEqual([s["name"] for s in samples], ["36-Kick-1", "42-HatClosed-2"])
        self.assertEqual(samples[0]["samples"], kick)
        self.assertEqual(samples[1]["samples"], hat)
        self.assertEqual(samples[1]["rate"], 48000)

    def test_broken_files_are_refused(self):
        with self.assertRaises(ValueError):
            avldrums.read_samples(b"RIFF\0\0\0\0WAVE")
        whole = soundfont([("36-Kick-1", [1, 2, 3], 44100)])
        with self.assertRaises(ValueError):  # the sample table cut off
            avldrums.read_samples(whole[:-30])
        # A sample that points past the sample data.
        bad = (b"36-Kick-1".ljust(20, b"\0") + struct.pack("<IIIII", 0, 10 ** 6, 0, 0, 44100) + bytes(6) +
               b"EOS".ljust(20, b"\0") + bytes(26))
        with self.assertRaises(ValueError):
            avldrums.read_samples(soundfont([("36-Kick-1", [1, 2, 3], 44100)], table_bytes=bad))


class Labels(unittest.TestCase):
    def test_the_velocity_is_dropped_from_the_drum_name(self):
        self.assertEqual(avldrums.drum_of("36-Pearl22Kick-3"), "36-Pearl22Kick")
        self.assertEqual(avldrums.drum_of("42-SabianRockHatClos"), "42-SabianRockHatClos")
        self.assertEqual(avldrums.drum_of("60-Paiste2002-22-1"), "60-Paiste2002-22")

    def test_build_writes_a_drum_hit_per_sample_and_skips_copies(self):
        hit = [0, 8000, -6000, 3000, -1000, 500, 0] * 400
        with tempfile.TemporaryDirectory() as scratch:
            kits = os.path.join(scratch, "kits")
            os.makedirs(kits)
            with open(os.path.join(kits, "a.sf2"), "wb") as f:
                f.write(soundfont([("38-Snare-1", hit, 44100), ("38-Snare-2", [v // 2 for v in hit], 44100)]))
            with open(os.path.join(kits, "b.sf2"), "wb") as f:
                f.write(soundfont([("38-Snare-1", hit, 44100)]))  # the same recording in another kit
            out = os.path.join(scratch, "corpus")
            self.assertEqual(avldrums.build(out, folder=kits, kits=["a.sf2", "b.sf2"]), 2)
            with open(os.path.join(out, "manifest.tsv")) as f:
                rows = [line.rstrip("\n").split("\t") for line in f][1:]
            self.assertEqual({r[1] for r in rows}, {"drum_hit"})
            self.assertEqual({r[9] for r in rows}, {"avl kit 38-Snare"})
            self.assertEqual(len({r[10] for r in rows}), 1)  # both velocities of one drum on one side


if __name__ == "__main__":
    unittest.main()
