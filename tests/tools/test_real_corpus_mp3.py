"""Tests of tools/real_corpus_mp3.py (standard library only): the MP3 copy keeps every
label, a gapless copy decodes to the source's length, and one without the tag keeps the
encoder's delay and fill (whole MPEG frames, longer than the source).

Run: python3 tests/tools/test_real_corpus_mp3.py
"""
import ctypes
import math
import os
import struct
import subprocess
import sys
import tempfile
import unittest
import wave

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_mp3 as mp3  # noqa: E402

RATE = 44100
SOURCE_FRAMES = 88200 + 37  # two seconds and a few samples: no whole number of MPEG frames
HEADER = ["file", "category", "bpm", "key", "mode", "root_midi", "format", "rate", "channels", "detail", "set",
          "source"]


def write_wav(path, frames):
    """A 220 Hz tone with a click every half second, 16-bit mono."""
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        samples = []
        for i in range(frames):
            value = 0.3 * math.sin(2 * math.pi * 220 * i / RATE) + (0.6 if i % (RATE // 2) < 40 else 0.0)
            samples.append(struct.pack("<h", int(max(-1.0, min(1.0, value)) * 32000)))
        w.writeframes(b"".join(samples))


def decoded_frames(lib, path):
    """How many frames libsndfile decodes from path."""
    info = mp3.SfInfo()
    handle = lib.sf_open(path.encode(), mp3.SFM_READ, ctypes.byref(info))
    if not handle:
        raise RuntimeError("cannot read " + path)
    block = (ctypes.c_float * (4096 * info.channels))()
    total = 0
    while True:
        got = lib.sf_readf_float(handle, block, 4096)
        if got <= 0:
            break
        total += got
    lib.sf_close(handle)
    return total


class Mp3Copy(unittest.TestCase):
    def setUp(self):
        self.lib = mp3.load_libsndfile()
        self.tmp = tempfile.TemporaryDirectory()
        self.source = os.path.join(self.tmp.name, "corpus")
        os.makedirs(self.source)
        write_wav(os.path.join(self.source, "r0123456789ab.wav"), SOURCE_FRAMES)
        rows = [["r0123456789ab.wav", "drum_loop", "120", "-", "-", "-", "wav", "44100", "1", "4 beats", "tune",
                 "test:loop"],
                ["r0123456789ab.wav", "tonal_loop", "120", "A", "minor", "-", "wav", "44100", "1", "again", "heldout",
                 "test:loop again"]]
        with open(os.path.join(self.source, "manifest.tsv"), "w") as f:
            f.write("\t".join(HEADER) + "\n")
            for row in rows:
                f.write("\t".join(row) + "\n")
        try:
            mp3.encode(self.lib, os.path.join(self.source, "r0123456789ab.wav"), os.path.join(self.tmp.name, "probe.mp3"))
        except RuntimeError:
            self.skipTest("this libsndfile cannot write MP3")

    def tearDown(self):
        self.tmp.cleanup()

    def copy(self, mode):
        out = os.path.join(self.tmp.name, mode)
        subprocess.run([sys.executable, os.path.join(TOOLS, "real_corpus_mp3.py"), self.source, out, mode],
                       check=True, capture_output=True)
        with open(os.path.join(out, "manifest.tsv")) as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        return out, rows

    def test_labels_are_kept_and_names_become_mp3(self):
        out, rows = self.copy("gapless")
        self.assertEqual(rows[0], HEADER)
        self.assertEqual(len(rows), 3)  # both rows of the one file
        for row in rows[1:]:
            self.assertEqual(row[0], "r0123456789ab.mp3")
            self.assertEqual(row[6], "mp3")
        self.assertEqual(rows[1][1:6] + rows[1][7:], ["drum_loop", "120", "-", "-", "-", "44100", "1", "4 beats",
                                                      "tune", "test:loop"])
        self.assertEqual(rows[2][3:5], ["A", "minor"])
        self.assertEqual(sorted(os.listdir(out)), ["manifest.tsv", "r0123456789ab.mp3"])

    def test_gapless_copy_decodes_to_the_source_length(self):
        out, _ = self.copy("gapless")
        self.assertEqual(decoded_frames(self.lib, os.path.join(out, "r0123456789ab.mp3")), SOURCE_FRAMES)

    def test_copy_without_the_tag_keeps_delay_and_fill(self):
        out, _ = self.copy("no-gapless")
        path = os.path.join(out, "r0123456789ab.mp3")
        frames = decoded_frames(self.lib, path)
        self.assertEqual(frames % 1152, 0)
        self.assertGreater(frames, SOURCE_FRAMES + 1105)
        with open(path, "rb") as f:
            head = f.read(400)
        self.assertNotIn(b"Info", head)
        self.assertNotIn(b"Xing", head)

    def test_a_file_without_a_tag_is_refused(self):
        path = os.path.join(self.tmp.name, "plain.bin")
        with open(path, "wb") as f:
            f.write(b"\xff\xfb" + b"\x00" * 600)
        with self.assertRaises(RuntimeError):
            mp3.drop_gapless_header(path)


if __name__ == "__main__":
    unittest.main()
