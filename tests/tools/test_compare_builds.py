"""Tests of tools/compare_builds.py (standard library only): the tempo classes, the reading of
`features` JSON lines, the comparison with a manifest's labels, the arguments, and a whole
run over a folder with two stand-in binaries (scripts that print fixed JSON lines).

Run: python3 tests/tools/test_compare_builds.py
"""
import contextlib
import io
import json
import os
import stat
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import compare_builds as cb  # noqa: E402


def line(path, tempo=None, key=None, mode=None, root=None, kind="one-shot", category="fx"):
    features = {"tempo_bpm_audio": tempo, "key_audio": key, "mode": mode, "root_note": root,
                "kind": kind, "category_audio": category, "loudness_lufs": -20.0}
    return json.dumps({"path": path, "status": "ok", "features": features})


class TempoClass(unittest.TestCase):
    def test_classes(self):
        self.assertEqual(cb.tempo_class(None, 120.0), "none")
        self.assertEqual(cb.tempo_class(124.0, 120.0), "right")  # 3.3%: within 4%
        self.assertEqual(cb.tempo_class(240.0, 120.0), "ratio")
        self.assertEqual(cb.tempo_class(80.0, 120.0), "ratio")   # 2:3
        self.assertEqual(cb.tempo_class(126.0, 120.0), "other")  # 5%: neither
        self.assertEqual(cb.tempo_class(101.0, 120.0), "other")


class Readings(unittest.TestCase):
    def test_fields_in_order_and_a_failed_file_is_none(self):
        lines = [line("a.wav", tempo=120.0, kind="loop", category="drum loop"), "",
                 json.dumps({"path": "b.wav", "status": "error", "error": "bad", "features": None})]
        got = cb.readings(lines)
        self.assertEqual(got["a.wav"], (120.0, None, None, None, "loop", "drum loop"))
        self.assertIsNone(got["b.wav"])


class Compare(unittest.TestCase):
    def test_changes_fields_and_tempo_moves_by_half(self):
        old = cb.readings([line("d/a.wav"), line("d/b.wav", tempo=120.0, kind="loop"), line("d/c.wav", root="C3")])
        new = cb.readings([line("d/a.wav", tempo=121.0, kind="loop"), line("d/b.wav", tempo=120.0, kind="loop"),
                           line("d/c.wav")])
        rows = {"a.wav": (120.0, "tune")}  # c.wav has no tempo label
        changed, fields, moves = cb.compare(old, new, rows)
        self.assertEqual(changed, ["d/a.wav", "d/c.wav"])
        self.assertEqual(fields, {"tempo_bpm_audio": 1, "kind": 1, "root_note": 1})
        self.assertEqual(moves, {("tune", "none", "right"): 1})

    def test_a_file_failing_in_one_build_counts_as_failed(self):
        old = {"x.wav": (None,) * 6}
        new = {"x.wav": None}
        changed, fields, moves = cb.compare(old, new, {})
        self.assertEqual(changed, ["x.wav"])
        self.assertEqual(fields, {"failed": 1})
        self.assertEqual(moves, {})


class Arguments(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(cb.parse_args(["p", "old", "new", "d1", "d2", "--jobs", "1", "--changes", "o.tsv"]),
                         ("old", "new", ["d1", "d2"], "o.tsv", 1))
        self.assertIsNone(cb.parse_args(["p", "old", "new"]))
        self.assertIsNone(cb.parse_args(["p", "old", "new", "d", "--jobs", "two"]))
        self.assertIsNone(cb.parse_args(["p", "old", "new", "d", "--jobs"]))


STAND_IN = """#!{python}
import json, os, sys
table = json.load(open({table!r}))
for path in sys.argv[1:]:
    if not path.endswith(".wav"):  # the options and the subcommand
        continue
    f = dict(zip({fields!r}, table[os.path.basename(path)]))
    print(json.dumps({{"path": path, "status": "ok", "features": f}}))
"""


class WholeRun(unittest.TestCase):
    def stand_in(self, work, name, table):
        table_path = os.path.join(work, name + ".json")
        with open(table_path, "w") as f:
            json.dump(table, f)
        script = os.path.join(work, name)
        with open(script, "w") as f:
            f.write(STAND_IN.format(python=sys.executable, table=table_path, fields=list(cb.FIELDS)))
        os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
        return script

    def test_prints_counts_and_writes_the_changes(self):
        with tempfile.TemporaryDirectory() as work:
            folder = os.path.join(work, "set")
            os.mkdir(folder)
            for name in ("a.wav", "b.wav", "c.wav"):
                open(os.path.join(folder, name), "wb").close()
            with open(os.path.join(folder, "manifest.tsv"), "w") as f:
                f.write("file\tbpm\tset\na.wav\t90.00\theldout\nb.wav\t-\ttune\nc.wav\t140.00\ttune\n")
            one_shot = [None, None, None, None, "one-shot", "fx"]
            old = self.stand_in(work, "old", {"a.wav": one_shot, "b.wav": one_shot, "c.wav": [140, None, None, None, "loop", "drum loop"]})
            new = self.stand_in(work, "new", {"a.wav": [180, None, None, None, "loop", "drum loop"], "b.wav": one_shot,
                                              "c.wav": [140, None, None, None, "loop", "drum loop"]})
            changes = os.path.join(work, "changes.tsv")
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                self.assertEqual(cb.main(["p", old, new, folder, "--changes", changes, "--jobs", "1"]), 0)
            text = printed.getvalue()
            self.assertIn("3 files, 1 changed", text)
            self.assertIn("heldout: tempo none -> ratio: 1", text)
            with open(changes) as f:
                rows = [r.rstrip("\n").split("\t") for r in f]
            self.assertEqual(len(rows), 1)
            self.assertTrue(rows[0][0].endswith("a.wav"))
            self.assertEqual(json.loads(rows[0][1])[0], None)
            self.assertEqual(json.loads(rows[0][2])[0], 180)

    def test_a_manifest_without_halves_counts_as_one(self):
        # The generated corpus' manifest.tsv has no `set` column: its tempo moves are "all".
        with tempfile.TemporaryDirectory() as work:
            folder = os.path.join(work, "generated")
            os.mkdir(folder)
            open(os.path.join(folder, "a.wav"), "wb").close()
            with open(os.path.join(folder, "manifest.tsv"), "w") as f:
                f.write("file\tcategory\tbpm\na.wav\ttonal_loop\t120\n")
            old = self.stand_in(work, "old", {"a.wav": [60, None, None, None, "loop", "music loop"]})
            new = self.stand_in(work, "new", {"a.wav": [120, None, None, None, "loop", "music loop"]})
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                self.assertEqual(cb.main(["p", old, new, folder, "--jobs", "1"]), 0)
            self.assertIn("all: tempo ratio -> right: 1", printed.getvalue())

    def test_files_without_a_reading_are_reported_and_a_missing_binary_refused(self):
        with tempfile.TemporaryDirectory() as work:
            folder = os.path.join(work, "set")
            os.mkdir(folder)
            for name in ("a.wav", "b.wav"):
                open(os.path.join(folder, name), "wb").close()
            one_shot = [None, None, None, None, "one-shot", "fx"]
            old = self.stand_in(work, "old", {"a.wav": one_shot, "b.wav": one_shot})
            silent = os.path.join(work, "silent")  # prints nothing, as a build that fails every file
            with open(silent, "w") as f:
                f.write("#!/bin/sh\nexit 1\n")
            os.chmod(silent, 0o755)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                self.assertEqual(cb.main(["p", old, silent, folder]), 0)
            self.assertIn("new build: 2 files without a reading", printed.getvalue())
            with contextlib.redirect_stderr(io.StringIO()):
                self.assertEqual(cb.main(["p", old, os.path.join(work, "absent"), folder]), 2)


if __name__ == "__main__":
    unittest.main()
