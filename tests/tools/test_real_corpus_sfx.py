"""Tests of the sound-effect set builder (tools/real_corpus_sfx.py): the labelling rules by
name, and a build over package folders made here (WAV files written with the standard library).
Run: python3 tests/tools/test_real_corpus_sfx.py
"""
import os
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import real_corpus_common as common  # noqa: E402
import real_corpus_sfx as sfx  # noqa: E402


class Labels(unittest.TestCase):
    def test_spoken_names_are_effects_marked_spoken(self):
        for name in ("audio-channel-front-left", "audio-channel-rear-center", "goodidea", "youcannot"):
            self.assertEqual(sfx.label(name), ("noise_fx", "spoken"), name)

    def test_steady_repeats_are_cadence_which_no_row_scores(self):
        for name in ("phone-outgoing-busy", "alarm-clock-elapsed", "MgBar1", "Tread"):
            self.assertEqual(sfx.label(name)[0], "cadence", name)

    def test_other_sounds_are_effects_and_music_is_left_out(self):
        for name in ("bell", "service-login", "LrgExpl", "paint1", "audio-test-signal"):
            self.assertEqual(sfx.label(name), ("noise_fx", "effect"), name)
        self.assertIsNone(sfx.label("music_menu"))
        # A name that only contains a spoken or cadence word is not one.
        self.assertEqual(sfx.label("ohno-loud"), ("noise_fx", "effect"))
        self.assertEqual(sfx.label("Tread2"), ("noise_fx", "effect"))


class Build(unittest.TestCase):
    def test_each_package_lands_on_one_side_and_links_and_other_files_are_skipped(self):
        tone = [int(8000 * ((i % 50) / 25.0 - 1.0)) for i in range(4410)]
        with tempfile.TemporaryDirectory() as scratch:
            packages = {}
            for package, names in (("pkg-a", ["bell", "goodidea", "music_menu"]), ("pkg-b", ["MgBar1", "boom"]),
                                   ("pkg-c", ["click"])):
                folder = os.path.join(scratch, package)
                os.makedirs(folder)
                for name in names:
                    common.write_mono_wav(os.path.join(folder, name + ".wav"), tone, 44100)
                packages[package] = folder
            with open(os.path.join(packages["pkg-a"], "notes.txt"), "w") as f:
                f.write("not a sound")
            os.symlink(os.path.join(packages["pkg-a"], "bell.wav"), os.path.join(packages["pkg-a"], "bell-copy.wav"))
            out = os.path.join(scratch, "corpus")
            self.assertEqual(sfx.build(out, packages=packages, klettres=None), 5)
            with open(os.path.join(out, "manifest.tsv")) as f:
                rows = [dict(zip(common.MANIFEST_HEADER, line.rstrip("\n").split("\t"))) for line in f][1:]
            by_source = {r["source"]: r for r in rows}
            self.assertEqual(sorted(by_source), ["pkg-a:bell.wav", "pkg-a:goodidea.wav", "pkg-b:MgBar1.wav",
                                                 "pkg-b:boom.wav", "pkg-c:click.wav"])
            self.assertEqual(by_source["pkg-a:goodidea.wav"]["detail"], "spoken")
            self.assertEqual(by_source["pkg-b:MgBar1.wav"]["category"], "cadence")
            for package in packages:
                sides = {r["set"] for r in rows if r["source"].startswith(package + ":")}
                self.assertEqual(len(sides), 1, package)
            self.assertEqual({r["set"] for r in rows}, {"tune", "heldout"})
            for r in rows:
                self.assertTrue(os.path.isfile(os.path.join(out, r["file"])))
                self.assertEqual(r["bpm"], "-")

    def test_klettres_recordings_are_spoken_effects_split_by_language(self):
        tone = [int(6000 * ((i % 40) / 20.0 - 1.0)) for i in range(4410)]
        with tempfile.TemporaryDirectory() as scratch:
            root = os.path.join(scratch, "klettres")
            for language, kind, name in (("de", "alpha", "a"), ("de", "syllab", "opa"), ("fr", "alpha", "b"),
                                         ("it", "syllab", "ma"), ("it", "pics", "x")):
                os.makedirs(os.path.join(root, language, kind), exist_ok=True)
                common.write_mono_wav(os.path.join(root, language, kind, name + ".ogg.wav"), tone, 22050)
            os.symlink(os.path.join(root, "fr"), os.path.join(root, "fr_CA"))  # one language standing in for another
            found = sfx.spoken_files(root)
            self.assertEqual([(lang, detail) for lang, detail, _, _ in found],
                             [("de", "spoken letter"), ("de", "spoken syllable"), ("fr", "spoken letter"),
                              ("it", "spoken syllable")])
            out = os.path.join(scratch, "corpus")
            self.assertEqual(sfx.build(out, packages={}, klettres=root), 4)
            with open(os.path.join(out, "manifest.tsv")) as f:
                rows = [dict(zip(common.MANIFEST_HEADER, line.rstrip("\n").split("\t"))) for line in f][1:]
            self.assertEqual({r["category"] for r in rows}, {"noise_fx"})
            self.assertEqual(len({r["set"] for r in rows if r["source"].startswith("klettres-data:de/")}), 1)
            self.assertEqual({r["set"] for r in rows}, {"tune", "heldout"})


if __name__ == "__main__":
    unittest.main()
