"""Tests of the perturbed-loop builder (tools/real_corpus_perturb.py), on a two-file corpus
written here: a labelled loop of known samples and a drum hit, which must be left alone.
Needs sox, as the tool does.
Run: python3 tests/tools/test_real_corpus_perturb.py
"""
import csv
import os
import struct
import subprocess
import sys
import tempfile
import unittest
import wave

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_common as common  # noqa: E402

RATE = 8000
LOOP_FRAMES = 4000  # 0.5 s


def write_wav(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))


def read_wav(path):
    with wave.open(path, "rb") as w:
        data = w.readframes(w.getnframes())
    return list(struct.unpack("<%dh" % (len(data) // 2), data))


class Perturb(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.source = os.path.join(self.dir.name, "corpus")
        self.out = os.path.join(self.dir.name, "perturbed")
        os.makedirs(self.source)
        self.loop = [((i * 37) % 2001) - 1000 for i in range(LOOP_FRAMES)]  # no zero run anywhere
        write_wav(os.path.join(self.source, "rloop.wav"), self.loop)
        write_wav(os.path.join(self.source, "rhit.wav"), self.loop[:800])
        rows = [dict(file="rloop.wav", category="drum_loop", bpm="120", detail="1bar hydrogen", set="heldout",
                     source="hydrogen:song bars 1-1"),
                dict(file="rhit.wav", category="drum_hit", bpm="-", detail="kit", set="tune", source="kit:kick")]
        with open(os.path.join(self.source, "manifest.tsv"), "w") as f:
            f.write("\t".join(common.MANIFEST_HEADER) + "\n")
            for row in rows:
                f.write("\t".join(row.get(c, "-") for c in common.MANIFEST_HEADER) + "\n")
        subprocess.run([sys.executable, os.path.join(TOOLS, "real_corpus_perturb.py"), self.source, self.out],
                       check=True, capture_output=True)
        with open(os.path.join(self.out, "manifest.tsv"), newline="") as f:
            self.rows = {r["detail"].split()[0]: r for r in csv.DictReader(f, delimiter="\t")}

    def tearDown(self):
        self.dir.cleanup()

    def samples(self, variant):
        return read_wav(os.path.join(self.out, self.rows[variant]["file"]))

    def test_every_variant_of_the_loop_only(self):
        self.assertEqual(sorted(self.rows),
                         ["frac", "lead30", "long3", "repeat8", "reverb15", "short2", "short5", "tail10"])
        self.assertEqual(len([n for n in os.listdir(self.out) if n.endswith(".wav")]), 8)

    def test_labels_and_split_carry_over_under_opaque_names(self):
        for variant, row in self.rows.items():
            bpm = row["bpm"] if variant != "frac" else "120"  # frac has its own tempo label
            self.assertEqual((bpm, row["set"], row["category"]), ("120", "heldout", "drum_loop"))
            self.assertEqual(row["detail"], variant + " 1bar hydrogen")
            self.assertTrue(row["source"].endswith("[" + variant + "]"))
            self.assertNotIn("loop", row["file"])

    def test_cut_short_keeps_the_start(self):
        self.assertEqual(self.samples("short2"), self.loop[:round(LOOP_FRAMES * 0.98)])
        self.assertEqual(self.samples("short5"), self.loop[:round(LOOP_FRAMES * 0.95)])

    def test_tail_is_silence_after_the_whole_loop(self):
        tail = self.samples("tail10")
        self.assertEqual(tail[:LOOP_FRAMES], self.loop)
        self.assertEqual(tail[LOOP_FRAMES:], [0] * round(LOOP_FRAMES * 0.10))

    def test_reverb_rings_on_after_the_loop(self):
        wet = self.samples("reverb15")
        self.assertEqual(len(wet), LOOP_FRAMES + round(LOOP_FRAMES * 0.15))
        tail = wet[LOOP_FRAMES:]
        self.assertGreater(max(abs(v) for v in tail[:100]), 50)    # the reverb still sounds ...
        self.assertLess(max(abs(v) for v in tail[-100:]), max(abs(v) for v in tail[:100]))  # ... and decays

    def test_lead_in_is_silence_before_the_whole_loop(self):
        lead = round(RATE * 0.03)
        self.assertEqual(self.samples("lead30"), [0] * lead + self.loop)

    def test_repeat8_is_eight_whole_copies(self):
        self.assertEqual(self.samples("repeat8"), self.loop * 8)

    def test_frac_is_the_whole_loop_at_a_tempo_of_no_whole_bpm(self):
        row = self.rows["frac"]
        frames = len(self.samples("frac"))
        bpm = float(row["bpm"])
        # The loop is one beat at 120 BPM; its label is that beat over the new length.
        self.assertAlmostEqual(bpm, 60.0 * RATE / frames, places=3)
        self.assertGreaterEqual(abs(bpm / 120.0 - 1.0), 0.004)
        self.assertLessEqual(abs(bpm / 120.0 - 1.0), 0.045)
        self.assertGreaterEqual(abs(bpm - round(bpm)), 0.19)
        self.assertEqual((row["key"], row["mode"]), ("-", "-"))  # the pitch moved with the speed

    def test_a_list_of_variants_makes_only_those(self):
        out = os.path.join(self.dir.name, "only")
        subprocess.run([sys.executable, os.path.join(TOOLS, "real_corpus_perturb.py"), self.source, out, "frac,tail10"],
                       check=True, capture_output=True)
        with open(os.path.join(out, "manifest.tsv"), newline="") as f:
            details = sorted(r["detail"].split()[0] for r in csv.DictReader(f, delimiter="\t"))
        self.assertEqual(details, ["frac", "tail10"])
        refused = subprocess.run([sys.executable, os.path.join(TOOLS, "real_corpus_perturb.py"), self.source, out, "slow"],
                                 capture_output=True)
        self.assertEqual(refused.returncode, 2)

    def test_too_long_runs_into_the_next_repetition(self):
        self.assertEqual(self.samples("long3"), (self.loop + self.loop)[:round(LOOP_FRAMES * 1.03)])


if __name__ == "__main__":
    unittest.main()
