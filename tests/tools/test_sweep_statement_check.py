"""Tests of the counting in tools/sweep_statement_check.py (standard library only).

Run: python3 tests/tools/test_sweep_statement_check.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import sweep_statement_check as sweep  # noqa: E402


def record(path, tempo=None, key=None, root=None, disagreements=()):
    check = {"tempo": tempo, "key": key, "root": root, "disagreements": list(disagreements)}
    return {"path": path, "statement_check": check}


class Summarise(unittest.TestCase):
    def test_counts_files_statements_verdicts_and_folders(self):
        records = [
            record("kits/strums/Dm7_00.flac", root="disagrees", disagreements=["its file name states ..."]),
            record("kits/strums/Am_00.flac", key="agrees"),
            record("kits/strums/plain.flac"),                       # states nothing
            record("loops/beat_120bpm.wav", tempo="agrees", key="unchecked"),
            {"path": "loops/broken.wav", "statement_check": None},  # failed: nothing checked
        ]
        total, verdicts, folders = sweep.summarise(records)
        self.assertEqual((total["files"], total["stating"], total["contradicted"]), (5, 3, 1))
        self.assertEqual(verdicts["root"]["disagrees"], 1)
        self.assertEqual(verdicts["key"]["agrees"], 1)
        self.assertEqual(verdicts["key"]["unchecked"], 1)
        self.assertEqual(verdicts["tempo"]["agrees"], 1)
        self.assertEqual(dict(folders["strums"]), {"stating": 2, "contradicted": 1})
        self.assertEqual(dict(folders["loops"]), {"stating": 1})

    def test_no_records_count_nothing(self):
        total, verdicts, folders = sweep.summarise([])
        self.assertEqual(total["files"], 0)
        self.assertEqual(sum(verdicts["tempo"].values()), 0)
        self.assertEqual(len(folders), 0)


if __name__ == "__main__":
    unittest.main()
