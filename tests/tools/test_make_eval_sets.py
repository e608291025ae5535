"""Tests of the one-go set builder (tools/make_eval_sets.py): the order its sets are built in,
what it keeps, where it stops. The real builders take minutes and need Debian packages, so
the run tests swap in small Python commands that write a manifest or fail.
Run: python3 tests/tools/test_make_eval_sets.py
"""
import contextlib
import io
import os
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
sys.path.insert(0, TOOLS)
import make_eval_sets  # noqa: E402


def writes_manifest(folder):
    """A stand-in builder: makes the folder and its manifest."""
    code = "import os, sys; os.makedirs(sys.argv[1], exist_ok=True); open(os.path.join(sys.argv[1], 'manifest.tsv'), 'w').write('file\\n')"
    return [sys.executable, "-c", code, folder]


def fails():
    return [sys.executable, "-c", "import sys; sys.exit(3)"]


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = make_eval_sets.main(argv)
    return code, out.getvalue(), err.getvalue()


class PlanTest(unittest.TestCase):
    def setUp(self):
        self.table = make_eval_sets.set_table("/nowhere")

    def test_a_set_brings_what_it_is_made_from_first(self):
        self.assertEqual(make_eval_sets.plan(self.table, ["sampleloops"]), ["sonicpi", "lmmsloops", "sampleloops"])
        self.assertEqual(make_eval_sets.plan(self.table, ["frac", "real"]), ["real", "frac"])

    def test_no_name_is_every_set_once(self):
        names = [name for name, _, _ in self.table]
        self.assertEqual(make_eval_sets.plan(self.table, []), names)
        self.assertEqual(len(set(names)), len(names))
        for name in ("real", "s2", "s3", "sampleloops", "sfx", "fluid"):
            self.assertIn(name, names)

    def test_an_unknown_name_is_refused(self):
        with self.assertRaises(ValueError):
            make_eval_sets.plan(self.table, ["sampleloops", "bogus"])
        code, _, err = run(["--dry-run", "bogus"])
        self.assertEqual(code, 2)
        self.assertIn("unknown set bogus", err)

    def test_each_set_is_built_into_its_own_folder(self):
        for name, _, (environment, command) in make_eval_sets.set_table("/b"):
            self.assertEqual(command[-1] if name not in ("frac",) else command[-2], "/b/corpus-" + name)
        seeds = {name: env.get("SAMPLEMIND_MMA_SEED") for name, _, (env, _) in make_eval_sets.set_table("/b")}
        self.assertEqual((seeds["real"], seeds["s2"], seeds["s3"]), (None, "2", "3"))


class RunTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.build = self.dir.name
        self.saved = make_eval_sets.set_table

    def tearDown(self):
        make_eval_sets.set_table = self.saved
        self.dir.cleanup()

    def use(self, table):
        make_eval_sets.set_table = lambda build_dir: table

    def folder(self, name):
        return os.path.join(self.build, "corpus-" + name)

    def test_dry_run_lists_what_is_missing_and_runs_nothing(self):
        os.makedirs(self.folder("real"))
        open(os.path.join(self.folder("real"), "manifest.tsv"), "w").close()
        os.makedirs(self.folder("sonicpi"))  # a folder without a manifest is not a set
        code, out, _ = run(["--build-dir", self.build, "--dry-run", "perturbed", "sampleloops"])
        self.assertEqual(code, 0)
        self.assertIn("real exists", out)
        self.assertIn("real_corpus_perturb.py", out)
        self.assertIn("real_corpus_sonicpi.py " + self.folder("sonicpi"), out)
        self.assertLess(out.index("real_corpus_sonicpi.py"), out.index("real_corpus_sample_loops.py"))
        self.assertFalse(os.path.exists(self.folder("perturbed")))

    def test_built_sets_are_kept_unless_rebuild(self):
        self.use([("a", [], ({}, writes_manifest(self.folder("a")))), ("b", ["a"], ({}, fails()))])
        os.makedirs(self.folder("b"))
        open(os.path.join(self.folder("b"), "manifest.tsv"), "w").close()
        code, out, _ = run(["--build-dir", self.build])
        self.assertEqual(code, 0)
        self.assertTrue(os.path.isfile(os.path.join(self.folder("a"), "manifest.tsv")))
        self.assertIn("b exists", out)
        code, _, err = run(["--build-dir", self.build, "--rebuild"])
        self.assertEqual(code, 1)  # b's builder fails once it is asked to run
        self.assertIn("b failed (exit 3)", err)

    def test_a_failing_builder_stops_the_run_and_keeps_what_came_before(self):
        self.use([("a", [], ({}, writes_manifest(self.folder("a")))), ("b", [], ({}, fails())),
                  ("c", [], ({}, writes_manifest(self.folder("c"))))])
        code, _, err = run(["--build-dir", self.build])
        self.assertEqual(code, 1)
        self.assertIn("b failed", err)
        self.assertTrue(os.path.isfile(os.path.join(self.folder("a"), "manifest.tsv")))
        self.assertFalse(os.path.exists(self.folder("c")))

    def test_a_missing_soundfont_leaves_its_set_out_unless_it_was_asked_for(self):
        missing = os.path.join(self.build, "none.sf2")
        self.use([("fluid", [], ({"SAMPLEMIND_SF2": missing}, writes_manifest(self.folder("fluid")))),
                  ("a", [], ({}, writes_manifest(self.folder("a"))))])
        code, out, _ = run(["--build-dir", self.build])
        self.assertEqual(code, 0)
        self.assertIn("fluid-soundfont-gm", out)
        self.assertFalse(os.path.exists(self.folder("fluid")))
        self.assertTrue(os.path.isfile(os.path.join(self.folder("a"), "manifest.tsv")))
        code, _, err = run(["--build-dir", self.build, "fluid"])
        self.assertEqual(code, 1)
        self.assertIn("fluid-soundfont-gm", err)

    def test_the_environment_reaches_the_builder(self):
        marker = os.path.join(self.build, "seed.txt")
        code_text = "import os; open(%r, 'w').write(os.environ.get('SAMPLEMIND_MMA_SEED', '-'))" % marker
        self.use([("s2", [], ({"SAMPLEMIND_MMA_SEED": "2"}, [sys.executable, "-c", code_text]))])
        code, _, _ = run(["--build-dir", self.build])
        self.assertEqual(code, 0)
        with open(marker) as f:
            self.assertEqual(f.read(), "2")


if __name__ == "__main__":
    unittest.main()
