"""Tests of tools/fit_tempo_score.py (standard library only): the label is the reading nearest
it within 4%, the fit recovers weights that generated the choices, a loop whose label is no
reading counts as a miss, balancing gives every source the same share, and manifests and
dumps are read as dump_onsets and the corpus tools write them.

Run: python3 tests/tools/test_fit_tempo_score.py
"""
import io
import json
import math
import os
import random
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import fit_tempo_score as fitter  # noqa: E402

NAMES = ["a", "b", "fixed"]
HEADER = "file\tcategory\tbpm\tkey\tmode\troot_midi\tformat\trate\tchannels\tdetail\tset\tsource\n"


def loop(terms, bpms, label_bpm, source="s", half="tune"):
    return fitter.Loop("f", source, half, terms, bpms, label_bpm)


# Choice sets drawn from a conditional logit with known weights (the third term held at 0.5).
def simulated(true_weights, count, seed):
    rng = random.Random(seed)
    loops = []
    for _ in range(count):
        terms = [[rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)] for _ in range(5)]
        scores = [sum(w * t for w, t in zip(true_weights, row)) for row in terms]
        top = max(scores)
        weights = [math.exp(s - top) for s in scores]
        pick = rng.choices(range(5), weights=weights)[0]
        bpms = [60.0 + 20 * i for i in range(5)]
        loops.append(loop(terms, bpms, bpms[pick]))
    return loops


class Labels(unittest.TestCase):
    def test_the_label_is_the_nearest_reading_within_four_percent(self):
        self.assertEqual(fitter.nearest_match([60.0, 118.0, 121.0, 240.0], 120.0), 2)
        self.assertEqual(fitter.nearest_match([60.0, 240.0], 120.0), None)
        self.assertEqual(fitter.nearest_match([115.3], 120.0), 0)  # 3.9% off still counts

    def test_a_loop_whose_label_is_no_reading_is_a_miss(self):
        right = loop([[1.0], [0.0]], [120.0, 60.0], 120.0)
        missing = loop([[1.0], [0.0]], [100.0, 50.0], 120.0)
        self.assertEqual(fitter.accuracy([right, missing], [1.0]), 0.5)
        self.assertEqual(fitter.accuracy([right], [-1.0]), 0.0)  # the weights now pick 60
        self.assertIsNone(fitter.accuracy([], [1.0]))


class Fit(unittest.TestCase):
    def test_the_fit_recovers_the_weights_that_made_the_choices(self):
        truth = [1.5, -2.0, 0.5]
        loops = simulated(truth, 3000, seed=7)
        fitted = fitter.fit(loops, [0.0, 0.0, 0.5], [0, 1], ridge=0.0)
        self.assertAlmostEqual(fitted[0], truth[0], delta=0.15)
        self.assertAlmostEqual(fitted[1], truth[1], delta=0.15)
        self.assertEqual(fitted[2], 0.5)  # not fitted: held as given
        # The fitted weights pick the drawn choice at least as often as the true ones.
        self.assertGreaterEqual(fitter.accuracy(loops, fitted) + 0.01, fitter.accuracy(loops, truth))

    def test_a_ridge_pulls_the_weights_toward_zero(self):
        loops = simulated([1.5, -2.0, 0.5], 300, seed=3)
        free = fitter.fit(loops, [0.0, 0.0, 0.5], [0, 1], ridge=0.0)
        pulled = fitter.fit(loops, [0.0, 0.0, 0.5], [0, 1], ridge=200.0)
        self.assertLess(abs(pulled[0]), abs(free[0]))
        self.assertLess(abs(pulled[1]), abs(free[1]))
        # The pulled weights are the penalised likelihood's maximum: any small move lowers it.
        best = fitter.log_likelihood(loops, pulled, [0, 1], 200.0)
        for j in (0, 1):
            for delta in (-0.01, 0.01):
                moved = list(pulled)
                moved[j] += delta
                self.assertLess(fitter.log_likelihood(loops, moved, [0, 1], 200.0), best)

    def test_balancing_gives_every_source_the_same_share(self):
        loops = [loop([[0.0]], [120.0], 120.0, source="big") for _ in range(30)]
        loops += [loop([[0.0]], [120.0], 120.0, source="small") for _ in range(10)]
        fitter.balance_sources(loops)
        big = sum(l.weight for l in loops if l.source == "big")
        small = sum(l.weight for l in loops if l.source == "small")
        self.assertAlmostEqual(big, small)
        self.assertAlmostEqual(big + small, 40.0)


class Changes(unittest.TestCase):
    def test_only_loops_turned_right_or_wrong_are_listed(self):
        gained = fitter.Loop("gained.wav", "mma", "tune", [[1.0], [0.0]], [74.0, 148.0], 148.0)
        lost = fitter.Loop("lost.wav", "hydrogen", "heldout", [[1.0], [0.0]], [63.0, 126.0], 63.0)
        wrong_both = fitter.Loop("both.wav", "lmms", "tune", [[1.0], [0.0]], [70.0, 140.0], 100.0)
        out = io.StringIO()
        fitter.write_changes([gained, lost, wrong_both], [1.0], [-1.0], out)
        lines = out.getvalue().splitlines()[2:]  # after the blank line and the heading
        self.assertEqual(len(lines), 2)
        self.assertIn("gained.wav  148: 74.0 -> 148.0  gained", lines[1])
        self.assertIn("lost.wav  63: 63.0 -> 126.0  lost", lines[0])


class Files(unittest.TestCase):
    def write_corpus(self, folder):
        manifest = os.path.join(folder, "manifest.tsv")
        with open(manifest, "w", encoding="utf-8") as handle:
            handle.write(HEADER)
            handle.write("r1.wav\tdrum_loop\t120\t-\t-\t-\twav\t44100\t-\t4bar\ttune\thydrogen:demo.h2song bars 1-4\n")
            handle.write("r2.wav\ttonal_loop\t90\t-\t-\t-\twav\t44100\t-\t4bar\theldout\tmma:a.mma bars 1-2\n")
            handle.write("r3.wav\tdrum_hit\t-\t-\t-\t-\twav\t44100\t-\thit\ttune\thydrogen:kit\n")
        dump = os.path.join(folder, "dump.jsonl")
        with open(dump, "w", encoding="utf-8") as handle:
            for name, bpms in (("r1.wav", [60.0, 120.0]), ("r2.wav", [90.0, 180.0]), ("r3.wav", [100.0])):
                pulse = {"term_names": NAMES, "term_weights": [1.0, 0.0, 0.0],
                         "candidates": [[2 * (i + 1), bpm, 0, 0, 0, 0] for i, bpm in enumerate(bpms)],
                         "candidate_terms": [[float(i == 1), 0.0, 0.0] for i in range(len(bpms))]}
                handle.write(json.dumps({"path": f"/x/{name}", "pulse": pulse}) + "\n")
        return manifest, dump

    def test_labelled_loops_are_read_with_their_source_and_half(self):
        with tempfile.TemporaryDirectory() as folder:
            loops, names, shipped = fitter.load([self.write_corpus(folder)])
        self.assertEqual(names, NAMES)
        self.assertEqual(shipped, [1.0, 0.0, 0.0])
        by_name = {l.name: l for l in loops}
        self.assertEqual(sorted(by_name), ["r1.wav", "r2.wav"])  # the unlabelled hit is left out
        self.assertEqual((by_name["r1.wav"].source, by_name["r1.wav"].half, by_name["r1.wav"].label),
                         ("hydrogen", "tune", 1))
        self.assertEqual((by_name["r2.wav"].source, by_name["r2.wav"].label), ("mma", 0))
        # The shipped weights favour the second reading: right on r1 (120), wrong on r2 (180).
        self.assertEqual(fitter.accuracy(loops, shipped), 0.5)

    def test_the_report_marks_held_terms_and_leaves_small_sources_alone(self):
        with tempfile.TemporaryDirectory() as folder:
            loops, names, shipped = fitter.load([self.write_corpus(folder)])
        out = io.StringIO()
        with redirect_stdout(out):
            fitter.report(loops, names, shipped, [0], ridge=1.0, out=out)
        text = out.getvalue()
        self.assertIn("(held at the shipped value)", text.splitlines()[2])  # term "b"
        self.assertNotIn("(held", text.splitlines()[1])                      # term "a" is fitted
        self.assertIn("hydrogen          tune         1         1    1.000", text)
        after = text.split("Leave one source out")[1]
        self.assertNotIn("hydrogen", after)  # under 20 loops: not left out on its own

    def test_an_unknown_term_is_refused(self):
        with tempfile.TemporaryDirectory() as folder:
            manifest, dump = self.write_corpus(folder)
            with redirect_stdout(io.StringIO()), self.assertRaises(SystemExit) as stop:
                sys.stderr, saved = io.StringIO(), sys.stderr
                try:
                    fitter.main(["--fit", "a,nonsense", manifest, dump])
                finally:
                    sys.stderr = saved
        self.assertEqual(stop.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
