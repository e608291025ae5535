"""Tests of tools/eval_confidence.py (standard library only): a loop is right within 4% of its
label, loops without a label or without a tempo are left out, each confidence lands in its
band, and ECE and Brier follow from the pairs.

Run: python3 tests/tools/test_eval_confidence.py
"""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_confidence as confidence  # noqa: E402

HEADER = "file\tcategory\tbpm\tkey\tmode\troot_midi\tformat\trate\tchannels\tdetail\tset\tsource\n"


def manifest_row(name, bpm, half):
    return f"{name}\ttonal_loop\t{bpm}\t-\t-\t-\twav\t44100\t-\t4bar\t{half}\tsomewhere\n"


def reading(name, bpm, conf):
    return json.dumps({"path": f"/corpus/{name}", "features": {"tempo_bpm": bpm, "tempo_confidence": conf}}) + "\n"


class Score(unittest.TestCase):
    def test_bands_ece_and_brier_follow_from_the_pairs(self):
        pairs = [(0.995, 1.0), (0.995, 0.0), (0.6, 1.0), (0.6, 1.0)]
        rows, ece, brier = confidence.score(pairs)
        by_band = {(low, n): (acc, mean) for low, _, n, acc, mean in rows}
        self.assertEqual(by_band[(0.99, 2)], (0.5, 0.995))
        self.assertEqual(by_band[(0.5, 2)], (1.0, 0.6))
        self.assertEqual(by_band[(0.0, 0)], (None, None))
        self.assertAlmostEqual(ece, 0.5 * 0.495 + 0.5 * 0.4)
        self.assertAlmostEqual(brier, (0.005**2 + 0.995**2 + 0.4**2 + 0.4**2) / 4)

    def test_a_perfectly_calibrated_set_has_no_gap(self):
        pairs = [(0.6, 1.0)] * 3 + [(0.6, 0.0)] * 2
        _, ece, _ = confidence.score(pairs)
        self.assertAlmostEqual(ece, 0.0)


class Main(unittest.TestCase):
    def test_labels_and_readings_are_matched_by_file_name_and_split_by_half(self):
        with tempfile.TemporaryDirectory() as folder:
            manifest = os.path.join(folder, "manifest.tsv")
            jsonl = os.path.join(folder, "features.jsonl")
            with open(manifest, "w", encoding="utf-8") as handle:
                handle.write(HEADER)
                handle.write(manifest_row("a.wav", 120, "tune"))      # right: 124 is within 4%
                handle.write(manifest_row("b.wav", 100, "tune"))      # wrong: read at double
                handle.write(manifest_row("c.wav", 90, "heldout"))    # no tempo read: left out
                handle.write(manifest_row("d.wav", "-", "tune"))      # no label: left out
                handle.write(manifest_row("e.wav", 140, "heldout"))
            with open(jsonl, "w", encoding="utf-8") as handle:
                handle.write(reading("a.wav", 124.0, 0.9))
                handle.write(reading("b.wav", 200.0, 0.97))
                handle.write(reading("c.wav", None, 0.0))
                handle.write(reading("d.wav", 120.0, 0.99))
                handle.write(reading("e.wav", 140.0, 1.0))
            out = io.StringIO()
            with redirect_stdout(out):
                self.assertEqual(confidence.main([manifest, jsonl]), 0)
            lines = out.getvalue().splitlines()
            self.assertIn("tune: 2 loops, Acc1 0.500, mean confidence 0.935", lines[0])
            held = [line for line in lines if line.startswith("heldout")]
            self.assertEqual(len(held), 1)
            self.assertIn("heldout: 1 loops, Acc1 1.000", held[0])

    def test_an_odd_argument_count_is_refused(self):
        with redirect_stdout(io.StringIO()):
            sys.stderr, saved = io.StringIO(), sys.stderr
            try:
                self.assertEqual(confidence.main(["only-a-manifest.tsv"]), 2)
            finally:
                sys.stderr = saved


if __name__ == "__main__":
    unittest.main()
