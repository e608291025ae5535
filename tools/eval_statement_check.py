#!/usr/bin/env python3
"""How often `--check-statements` raises a false alarm, and how often it catches a wrong label.

  tools/eval_statement_check.py [--bin build/samplemind] CORPUS_DIR [CORPUS_DIR...]

For every labelled file of each evaluation set (its manifest.tsv: tempo, key, root), two
copies are made in a scratch folder (hard links, else copies), named with what the label says:
  - right: the labelled tempo, key and root in the name ("qhk_120bpm_Amin_C#3.wav", or
    "qhk_note_C.wav" for a pitched hit labelled with a note but no octave);
  - wrong: a tempo 10-25% off, a key one to four semitones off in the same mode (never the
    label's relative, parallel or a fifth away), a root in each of the other eleven pitch
    classes in turn (among them the label's third, tritone and fifth below it, which a
    chord's reading may pass when the stated note sounds).
Then `samplemind features --check-statements --no-cache -f jsonl` reads both folders, and
per set and half this prints, for tempo, key and root: how many right names were called
contradicted (false alarms), how many wrong names were caught, and how many had no audio
reading to check (unchecked). The names are the only statements the files make (the sets'
files carry no tags), so every verdict is the audio against the label.
Standard library only.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
TEMPO_FACTORS = [0.8, 0.9, 1.12, 1.25]        # none within 4% of the label, its half or double
KEY_STEPS = [1, 2, 3, 4, 6, 8, 9, 10, 11]      # same mode: never a fifth (5, 7) or the label
ROOT_STEPS = list(range(1, 12))               # every other pitch class


# A name part no statement reader takes: letters h-z only (no note letter a-g, no digit).
def plain_id(number):
    letters = "hijklmnopqrstuvwxyz"
    text = "q"
    while True:
        text += letters[number % len(letters)]
        number //= len(letters)
        if number == 0:
            return text


def statement_name(index, row, wrong):
    parts = [plain_id(index)]
    if row["bpm"] not in ("", "-"):
        bpm = float(row["bpm"]) * (TEMPO_FACTORS[index % len(TEMPO_FACTORS)] if wrong else 1.0)
        parts.append("%dbpm" % round(bpm))
    if row["key"] not in ("", "-") and row["mode"] in ("major", "minor"):
        tonic = NAMES.index(row["key"]) if row["key"] in NAMES else None
        if tonic is not None:
            if wrong:
                tonic = (tonic + KEY_STEPS[index % len(KEY_STEPS)]) % 12
            parts.append(NAMES[tonic] + ("min" if row["mode"] == "minor" else "maj"))
    step = ROOT_STEPS[index % len(ROOT_STEPS)] if wrong else 0
    if row["root_midi"] not in ("", "-"):
        midi = int(row["root_midi"]) + step
        parts.append("%s%d" % (NAMES[midi % 12], midi // 12 - 1))
    elif row["category"] == "pitched_hit" and row["key"] in NAMES and row["mode"] not in ("major", "minor"):
        # A note without an octave: the readers take a closing letter after a word like "note".
        parts.append("note_" + NAMES[(NAMES.index(row["key"]) + step) % 12])
    if len(parts) == 1:
        return None
    return "_".join(parts) + os.path.splitext(row["file"])[1]


def place(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def run_check(binary, folder):
    command = [binary, "features", "--check-statements", "--no-cache", "-f", "jsonl", folder]
    lines = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    records = {}
    for line in lines.decode("utf-8", "replace").splitlines():
        if line.strip():
            record = json.loads(line)
            records[os.path.basename(record["path"])] = record.get("statement_check") or {}
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "build", "samplemind"))
    parser.add_argument("corpora", nargs="+")
    args = parser.parse_args()
    print("%-14s %-8s %-6s %22s %22s %10s" % ("set", "half", "field", "false alarms (right)", "caught (wrong)",
                                            "unchecked"))
    for corpus in args.corpora:
        scratch = tempfile.mkdtemp(prefix="statement-check-")
        try:
            folders = {kind: os.path.join(scratch, kind) for kind in ("right", "wrong")}
            for folder in folders.values():
                os.mkdir(folder)
            names = {}  # (kind, name) -> half
            for index, row in enumerate(common.manifest_rows(os.path.join(corpus, "manifest.tsv"))):
                for kind, folder in folders.items():
                    name = statement_name(index, row, kind == "wrong")
                    if name is None:
                        continue
                    place(os.path.join(corpus, row["file"]), os.path.join(folder, name))
                    names[(kind, name)] = row.get("set", "all")
            verdicts = {kind: run_check(args.bin, folder) for kind, folder in folders.items()}
            halves = sorted({half for half in names.values()})
            for half in halves:
                for field in ("tempo", "key", "root"):
                    counts = {}
                    for kind in ("right", "wrong"):
                        seen = [verdicts[kind].get(name, {}).get(field) for (k, name), h in names.items()
                                if k == kind and h == half]
                        seen = [v for v in seen if v is not None]
                        counts[kind] = (sum(v == "disagrees" for v in seen), sum(v == "unchecked" for v in seen),
                                        len(seen))
                    if counts["right"][2] == 0:
                        continue
                    right, wrong = counts["right"], counts["wrong"]
                    checked_right = right[2] - right[1]
                    checked_wrong = wrong[2] - wrong[1]
                    print("%-14s %-8s %-6s %12s %9s %12s %9s %10s" % (
                        os.path.basename(os.path.normpath(corpus)), half, field,
                        "%d/%d" % (right[0], checked_right), "(%.3f)" % (right[0] / checked_right if checked_right else 0),
                        "%d/%d" % (wrong[0], checked_wrong), "(%.3f)" % (wrong[0] / checked_wrong if checked_wrong else 0),
                        "%d/%d" % (right[1], right[2])))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
