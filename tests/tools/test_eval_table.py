"""Tests of tools/eval_table.py (standard library only): report rows are found by their
closing tag whatever their name holds, each set shows its tuning and held-out halves, the
generated corpus comes from the first report, and rows no set has are left out.

Run: python3 tests/tools/test_eval_table.py
"""
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import eval_table  # noqa: E402

POOLED = """generated corpus build/corpus-2024: 156 files, features in 0.6 s
loop    p1_r0.wav tonal_loop [4bar mma] true 140 got 70.000000 kind loop
metric                                gen          real         tune      heldout
tempo Acc1 4%                 0.796 (108)   0.856 (1904)  0.859 (1161)  0.851 (743)   [acc1]
  Acc1 MMA song loops              -        0.747 (834)  0.744 (559)  0.753 (275)   [acc1_mma]
  Acc1 cut 2% short                -             -            -            -        [acc1_short2]
failed files                  0.000 (156)   0.000 (4234)  0.000 (2391)  0.000 (1843)   [failed]
"""

SONIC_PI = """metric                                gen          real         tune      heldout
tempo Acc1 4%                 0.796 (108)   0.667 (  9)  0.750 (  4)  0.600 (  5)   [acc1]
  Acc1 MMA song loops              -             -            -            -        [acc1_mma]
tempo null noise/fx                -        0.941 ( 51)  0.960 ( 25)  0.923 ( 26)   [notempo_fx]
"""


class ParseReport(unittest.TestCase):
    def test_rows_are_found_by_their_tag_with_counts_and_dashes(self):
        rows = eval_table.parse_report(POOLED)
        self.assertEqual(set(rows), {"acc1", "acc1_mma", "acc1_short2", "failed"})
        name, cells = rows["acc1"]
        self.assertEqual(name, "tempo Acc1 4%")
        self.assertEqual(cells, ["0.796 (108)", "0.856 (1904)", "0.859 (1161)", "0.851 (743)"])
        self.assertEqual(rows["acc1_mma"][1][0], "-")
        self.assertEqual(rows["acc1_short2"][1], ["-", "-", "-", "-"])

    def test_lines_that_are_not_rows_are_ignored(self):
        self.assertEqual(eval_table.parse_report("loop p1_r0.wav [4bar] true 140 got 70\nmetric gen\n"), {})


class Table(unittest.TestCase):
    def test_sets_side_by_side_and_empty_rows_left_out(self):
        lines = eval_table.table([("pooled", eval_table.parse_report(POOLED)),
                                  ("sonicpi", eval_table.parse_report(SONIC_PI))])
        self.assertIn("pooled", lines[0])
        self.assertIn("sonicpi", lines[0])
        acc1 = next(line for line in lines if line.startswith("tempo Acc1 4%"))
        self.assertEqual(acc1.split()[-7:], ["0.796", "0.859", "/", "0.851", "0.750", "/", "0.600"])
        mma = next(line for line in lines if line.startswith("Acc1 MMA song loops"))
        self.assertEqual(mma.split()[-5:], ["-", "0.744", "/", "0.753", "-"])
        fx = next(line for line in lines if line.startswith("tempo null noise/fx"))
        self.assertEqual(fx.split()[-5:], ["-", "-", "0.960", "/", "0.923"])
        self.assertFalse(any(line.startswith("Acc1 cut 2% short") for line in lines))

    def test_main_reads_named_reports_and_refuses_bare_paths(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "pooled.txt")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(POOLED)
            out = io.StringIO()
            with redirect_stdout(out):
                self.assertEqual(eval_table.main([f"pooled={path}"]), 0)
            self.assertIn("0.859 / 0.851", out.getvalue())
            with redirect_stderr(io.StringIO()):
                self.assertEqual(eval_table.main([path]), 2)


if __name__ == "__main__":
    unittest.main()
