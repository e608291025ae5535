"""Tests of tools/fit_tempo_score.py (standard library only): the label is the reading nearest
it within 4%, the fit recovers weights that generated the choices, a loop whose label is no
reading counts as a miss, balancing gives every source the same share, a fit by category
changes only that category's weights, and manifests and dumps are read as dump_onsets and the
corpus tools write them.

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
    def test_every_reading_within_four_percent_of_the_label_is_right(self):
        self.assertEqual(fitter.right_readings([60.0, 118.0, 121.0, 240.0], 120.0), [1, 2])
        self.assertEqual(fitter.right_readings([60.0, 240.0], 120.0), [])
        self.assertEqual(fitter.right_readings([115.3, 124.7], 120.0), [0, 1])  # 3.9% off either way
        self.assertEqual(fitter.right_readings([115.0], 120.0), [])            # 4.2% off

    def test_a_top_reading_that_is_not_the_nearest_right_one_is_still_right(self):
        near_second = loop([[2.0], [1.0], [0.0]], [118.0, 120.5, 60.0], 120.0)
        self.assertEqual(fitter.accuracy([near_second], [1.0]), 1.0)

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


class ByCategory(unittest.TestCase):
    def test_the_copies_are_the_term_on_the_category_and_zero_elsewhere(self):
        music = loop([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], [120.0, 60.0], 120.0)
        music.category = "music loop"
        drums = loop([[1.0, 2.0, 3.0]], [120.0], 120.0)
        drums.category = "drum loop"
        names, shipped, fit_indices = fitter.split_by_category([music, drums], NAMES, [1.0, 2.0, 3.0], [0, 2], "music loop")
        self.assertEqual(names, NAMES + ["a (music loop)", "fixed (music loop)"])
        self.assertEqual(shipped, [1.0, 2.0, 3.0, 0.0, 0.0])
        self.assertEqual(fit_indices, [3, 4])
        self.assertEqual(music.terms, [[1.0, 2.0, 3.0, 1.0, 3.0], [4.0, 5.0, 6.0, 4.0, 6.0]])
        self.assertEqual(drums.terms, [[1.0, 2.0, 3.0, 0.0, 0.0]])

    def test_a_change_made_for_one_category_is_recovered_and_leaves_the_other_alone(self):
        shipped = [1.0, -0.5, 0.5]
        same = simulated(shipped, 1500, seed=7)
        changed = simulated([0.0, 0.5, 0.5], 1500, seed=8)  # this kind weighs "a" 1 less, "b" 1 more
        for item in same:
            item.category = "drum loop"
        for item in changed:
            item.category = "music loop"
        loops = same + changed
        names, start, fit_indices = fitter.split_by_category(loops, NAMES, shipped, [0, 1], "music loop")
        fitted = fitter.fit(loops, start, fit_indices, ridge=0.1)
        self.assertEqual(fitted[:3], shipped)  # the shared weights are held
        self.assertAlmostEqual(fitted[3], -1.0, delta=0.2)
        self.assertAlmostEqual(fitted[4], 1.0, delta=0.2)
        self.assertEqual(fitter.accuracy(same, fitted), fitter.accuracy(same, start))


class Files(unittest.TestCase):
    def write_corpus(self, folder):
        manifest = os.path.join(folder, "manifest.tsv")
        with open(manifest, "w", encoding="utf-8") as handle:
            handle.write(HEADER)
            handle.write("r1.wav\tdrum_loop\t120\t-\t-\t-\twav\t44100\t-\t4bar\ttune\thydrogen:demo.h2song bars 1-4\n")
            handle.write("r2.wav\ttonal_loop\t90\t-\t-\t-\twav\t44100\t-\t4bar\theldout\tmma:a.mma bars 1-2\n")
            handle.write("r3.wav\tdrum_hit\t-\t-\t-\t-\twav\t44100\t-\thit\ttune\thydrogen:kit\n")
            handle.write("r4.wav\tdrum_loop\t100\t-\t-\t-\twav\t44100\t-\t4bar\ttune\thydrogen:b.h2song bars 1-4\n")
        dump = os.path.join(folder, "dump.jsonl")
        with open(dump, "w", encoding="utf-8") as handle:
            # As dump_onsets writes them: the ranking best first, [beats, bpm, length_scale, score, terms].
            for name, bpms, tempo in (("r1.wav", [120.0, 60.0], 120.0), ("r2.wav", [180.0, 90.0], 180.0),
                                      ("r3.wav", [], None), ("r4.wav", [], None)):
                ranking = [[4 * (i + 1), bpm, 1.0, 1.0 - i, [float(i == 0), 0.0, 0.0]] for i, bpm in enumerate(bpms)]
                pulse = {"term_names": NAMES, "term_weights": [1.0, 0.0, 0.0], "ranking": ranking, "tempo_bpm": tempo,
                         "category": "drum loop" if name != "r2.wav" else "music loop"}
                handle.write(json.dumps({"path": f"/x/{name}", "pulse": pulse}) + "\n")
        return manifest, dump

    def test_labelled_loops_are_read_with_their_source_and_half(self):
        with tempfile.TemporaryDirectory() as folder:
            loops, names, shipped = fitter.load([self.write_corpus(folder)])
        self.assertEqual(names, NAMES)
        self.assertEqual(shipped, [1.0, 0.0, 0.0])
        by_name = {l.name: l for l in loops}
        self.assertEqual(sorted(by_name), ["r1.wav", "r2.wav", "r4.wav"])  # the unlabelled hit is left out
        self.assertEqual((by_name["r1.wav"].source, by_name["r1.wav"].half, by_name["r1.wav"].right),
                         ("hydrogen", "tune", [0]))
        self.assertEqual((by_name["r2.wav"].source, by_name["r2.wav"].right), ("mma", [1]))
        self.assertEqual([by_name[n].binary_right for n in ("r1.wav", "r2.wav", "r4.wav")], [True, False, False])
        self.assertEqual(by_name["r2.wav"].category, "music loop")
        # The shipped weights favour the first reading: right on r1 (120), wrong on r2 (180); r4
        # has no tempo, a miss whatever the weights.
        self.assertAlmostEqual(fitter.accuracy(loops, shipped), 1 / 3)
        self.assertAlmostEqual(fitter.accuracy(loops, [-1.0, 0.0, 0.0]), 1 / 3)

    def test_the_report_marks_held_terms_and_leaves_small_sources_alone(self):
        with tempfile.TemporaryDirectory() as folder:
            loops, names, shipped = fitter.load([self.write_corpus(folder)])
        out = io.StringIO()
        with redirect_stdout(out):
            fitter.report(loops, names, shipped, [0], ridge=1.0, out=out)
        text = out.getvalue()
        self.assertIn("(held at the shipped value)", text.splitlines()[2])  # term "b"
        self.assertNotIn("(held", text.splitlines()[1])                      # term "a" is fitted
        self.assertIn("hydrogen          tune         2         1    0.500    0.500", text)
        after = text.split("Leave one source out")[1]
        self.assertNotIn("hydrogen", after)  # under 20 loops: not left out on its own

    # The exit code of the tool run with these options on the small corpus (its messages muted).
    def exit_code(self, options):
        with tempfile.TemporaryDirectory() as folder:
            manifest, dump = self.write_corpus(folder)
            with redirect_stdout(io.StringIO()), self.assertRaises(SystemExit) as stop:
                sys.stderr, saved = io.StringIO(), sys.stderr
                try:
                    fitter.main(options + [manifest, dump])
                finally:
                    sys.stderr = saved
        return stop.exception.code

    def test_a_category_no_labelled_loop_has_is_refused(self):
        self.assertEqual(self.exit_code(["--fit", "a", "--by-category", "kick"]), 2)

    def test_an_unknown_term_is_refused(self):
        self.assertEqual(self.exit_code(["--fit", "a,nonsense"]), 2)


if __name__ == "__main__":
    unittest.main()
