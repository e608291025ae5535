"""Tests of the whole-song set builder (tools/real_corpus_songs.py), on a corpus written
here: loop rows from a Hydrogen song and an LMMS project, their whole renders in
CORPUS.work, and rows that must not become songs (a drum hit, a render that is missing).
Run: python3 tests/tools/test_real_corpus_songs.py
"""
import csv
import os
import subprocess
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_common as common  # noqa: E402

LOOPS = [
    dict(file="r1.wav", category="drum_loop", bpm="159", detail="1bar hydrogen", set="heldout",
         source="hydrogen:demo_songs/GM_kit_demo1.h2song@159bpm bars 1-1"),
    dict(file="r2.wav", category="drum_loop", bpm="159", detail="2bar hydrogen", set="heldout",
         source="hydrogen:demo_songs/GM_kit_demo1.h2song@159bpm bars 3-4"),
    dict(file="r3.wav", category="tonal_loop", bpm="102", detail="4bar lmms notes", set="tune",
         source="lmms:demos/Alf42red-Mauiwowi.mmpz@102bpm bars 9-12"),
    dict(file="r4.wav", category="tonal_loop", bpm="140", detail="1bar lmms", set="tune",
         source="lmms:demos/Missing-Render.mmpz@140bpm bars 1-1"),
    dict(file="r5.wav", category="drum_hit", bpm="-", detail="kit", set="tune", source="hydrogen kit Kick"),
]


class Songs(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        corpus = os.path.join(self.dir.name, "corpus")
        work = corpus + ".work"
        self.out = os.path.join(self.dir.name, "songs")
        os.makedirs(corpus)
        os.makedirs(work)
        for render in ("GM_kit_demo1-159.wav", "Alf42red-Mauiwowi.wav", "GM_kit_demo1-115.wav"):
            with open(os.path.join(work, render), "w") as f:
                f.write(render)  # the content names the render, to check each link's target
        with open(os.path.join(corpus, "manifest.tsv"), "w") as f:
            f.write("\t".join(common.MANIFEST_HEADER) + "\n")
            for row in LOOPS:
                f.write("\t".join(row.get(c, "-") for c in common.MANIFEST_HEADER) + "\n")
        subprocess.run([sys.executable, os.path.join(TOOLS, "real_corpus_songs.py"), corpus, self.out],
                       check=True, capture_output=True)
        with open(os.path.join(self.out, "manifest.tsv"), newline="") as f:
            self.rows = list(csv.DictReader(f, delimiter="\t"))

    def tearDown(self):
        self.dir.cleanup()

    def render_of(self, row):
        with open(os.path.join(self.out, row["file"])) as f:
            return f.read()

    def test_one_song_per_render_with_loops(self):
        self.assertEqual(sorted(self.render_of(r) for r in self.rows), ["Alf42red-Mauiwowi.wav", "GM_kit_demo1-159.wav"])

    def test_labels_come_from_the_loops_cut_from_the_song(self):
        by_render = {self.render_of(r): r for r in self.rows}
        hydrogen, lmms = by_render["GM_kit_demo1-159.wav"], by_render["Alf42red-Mauiwowi.wav"]
        self.assertEqual((hydrogen["bpm"], hydrogen["set"], hydrogen["detail"]), ("159", "heldout", "song hydrogen"))
        self.assertEqual((lmms["bpm"], lmms["set"], lmms["detail"]), ("102", "tune", "song lmms"))
        self.assertEqual(lmms["key"], "-")  # a whole song may change key: none is claimed

    def test_names_are_opaque_links(self):
        for row in self.rows:
            self.assertTrue(os.path.islink(os.path.join(self.out, row["file"])))
            self.assertRegex(row["file"], r"^r[0-9a-f]{12}\.wav$")


if __name__ == "__main__":
    unittest.main()
