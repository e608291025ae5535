"""Tests of the soundfont choice of the real-corpus builder (tools/real_corpus_common.py).

Run: python3 tests/tools/test_real_corpus_common.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import real_corpus_common as common  # noqa: E402


class Soundfont(unittest.TestCase):
    def test_default_is_timgm6mb_and_keeps_earlier_names(self):
        path = common.soundfont({})
        self.assertEqual(path, "/usr/share/sounds/sf2/TimGM6mb.sf2")
        self.assertEqual(common.soundfont_tag(path), "")

    def test_another_soundfont_tags_its_renders(self):
        path = common.soundfont({"SAMPLEMIND_SF2": "/usr/share/sounds/sf2/FluidR3_GM.sf2"})
        self.assertEqual(path, "/usr/share/sounds/sf2/FluidR3_GM.sf2")
        self.assertEqual(common.soundfont_tag(path), "FluidR3_GM")

    def test_a_tag_holds_no_path_or_shell_characters(self):
        tag = common.soundfont_tag("/tmp/my font;$(x)/../evil name.sf2")
        self.assertEqual(tag, "evil_name")
        self.assertLessEqual(len(common.soundfont_tag("/x/" + "a" * 500 + ".sf2")), 64)

    def test_refuses_what_is_not_an_sf2_path(self):
        for bad in ["/usr/share/sounds/sf2/TimGM6mb.sf3", "", "font\n.sf2", "/x/" + "a" * 5000 + ".sf2"]:
            with self.assertRaises(SystemExit, msg=repr(bad[:40])):
                common.soundfont({"SAMPLEMIND_SF2": bad})


if __name__ == "__main__":
    unittest.main()
