"""Tests of the every-loop-labelled sample-loop set (tools/real_corpus_sample_loops.py), on two
small source sets written here: a loop their labeller labelled, loops labelled by hand (their
tempo from their own length), one left unlabelled, a hit that is no loop, and a loop with
neither a label nor a rule, which must stop the tool.
Run: python3 tests/tools/test_real_corpus_sample_loops.py
"""
import os
import struct
import sys
import tempfile
import unittest
import wave

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_common as common  # noqa: E402
import real_corpus_sample_loops as sample_loops  # noqa: E402

RATE = 8000


def write_wav(path, frames):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack("<%dh" % frames, *([0] * frames)))


def write_set(folder, rows):
    """rows: (file, category, bpm, frames, source); every file a silent WAV of that length."""
    os.makedirs(folder)
    with open(os.path.join(folder, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("\t".join(common.MANIFEST_HEADER) + "\n")
        for file, category, bpm, frames, source in rows:
            write_wav(os.path.join(folder, file), frames)
            values = {"file": file, "category": category, "bpm": bpm, "key": "-", "mode": "-", "root_midi": "-",
                      "format": "wav", "rate": str(RATE), "channels": "1", "detail": "as built", "set": "tune",
                      "source": source}
            manifest.write("\t".join(values[c] for c in common.MANIFEST_HEADER) + "\n")


class SampleLoops(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.sonicpi = os.path.join(self.dir.name, "sonicpi")
        self.lmms = os.path.join(self.dir.name, "lmms")
        self.out = os.path.join(self.dir.name, "out")
        # 4 beats at 97 BPM: 4 * 60 / 97 s; 8 beats at 172.67: 8 * 60 / 172.67 s.
        write_set(self.sonicpi, [
            ("ra.wav", "drum_loop", "136.88", 14026, "sonic-pi-samples:loop_amen.flac"),
            ("rb.wav", "drum_loop", "-", round(4 * 60 / 97 * RATE), "sonic-pi-samples:loop_perc1.flac"),
            ("rc.wav", "tonal_loop", "-", 80000, "sonic-pi-samples:loop_tabla.flac"),
            ("rd.wav", "drum_hit", "-", 4000, "sonic-pi-samples:bd_fat.flac"),
        ])
        write_set(self.lmms, [
            ("re.wav", "drum_loop", "-", round(8 * 60 / 172.67 * RATE), "lmms-common:samples/beats/jungle01.ogg"),
        ])

    def tearDown(self):
        self.dir.cleanup()

    def test_every_loop_is_kept_with_its_label_and_how_it_was_decided(self):
        self.assertEqual(sample_loops.main([self.sonicpi, self.lmms, self.out]), 0)
        rows = {row["file"]: row for row in common.manifest_rows(os.path.join(self.out, "manifest.tsv"))}
        self.assertEqual(sorted(rows), ["ra.wav", "rb.wav", "rc.wav", "re.wav"])  # the hit is no loop
        self.assertEqual(rows["ra.wav"]["bpm"], "136.88")
        self.assertTrue(rows["ra.wav"]["detail"].startswith("the sets' labeller: "))
        self.assertEqual(rows["rb.wav"]["bpm"], "97.00")
        self.assertTrue(rows["rb.wav"]["detail"].startswith("by hand, 4 beats: "))
        self.assertEqual(rows["re.wav"]["bpm"], "172.67")
        self.assertEqual(rows["rc.wav"]["bpm"], "-")
        self.assertIn("unlabelled", rows["rc.wav"]["detail"])
        self.assertEqual(rows["rb.wav"]["source"], "sonic-pi-samples:loop_perc1.flac")
        for file in rows:
            self.assertTrue(os.path.isfile(os.path.join(self.out, file)))

    def test_a_loop_with_no_label_and_no_rule_stops_the_tool(self):
        write_set(os.path.join(self.dir.name, "new"), [
            ("rf.wav", "drum_loop", "-", 8000, "lmms-common:samples/beats/new_loop.ogg"),
        ])
        self.assertEqual(sample_loops.main([self.sonicpi, os.path.join(self.dir.name, "new"), self.out]), 1)
        self.assertFalse(os.path.exists(os.path.join(self.out, "manifest.tsv")))

    def test_a_missing_set_is_a_usage_error(self):
        self.assertEqual(sample_loops.main([self.sonicpi, os.path.join(self.dir.name, "absent"), self.out]), 2)
        self.assertEqual(sample_loops.main([self.sonicpi]), 2)


if __name__ == "__main__":
    unittest.main()
