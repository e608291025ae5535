#!/usr/bin/env python3
"""`--check-statements` over real folders as shipped: what their names and tags state, and
what the audio contradicts.

  tools/sweep_statement_check.py [--bin build/samplemind] [--by-folder] DIR [DIR...]

Runs `samplemind features --check-statements --no-cache -f jsonl` over each folder and
prints how many files state a tempo, key or root, each field's verdicts (agrees /
disagrees / unchecked), and how many files are contradicted, in all and per kit or pack
folder (the folder holding the file) with --by-folder. Unlike eval_statement_check.py
no label is made up: every statement is the publisher's own, so a contradiction is either
a mislabelled file or the check's own mistake, to be listened to.
Standard library only.
"""
import argparse
import collections
import json
import os
import subprocess

FIELDS = ("tempo", "key", "root")
VERDICTS = ("agrees", "disagrees", "unchecked")


def summarise(records):
    """Counts over feature records (one JSON object per file): files, stating, contradicted,
    verdicts per field, and per folder (stating, contradicted)."""
    total = collections.Counter()
    verdicts = {field: collections.Counter() for field in FIELDS}
    folders = collections.defaultdict(collections.Counter)
    for record in records:
        total["files"] += 1
        check = record.get("statement_check") or {}
        stated = [field for field in FIELDS if check.get(field)]
        if not stated:
            continue
        folder = os.path.basename(os.path.dirname(record.get("path", "")))
        total["stating"] += 1
        folders[folder]["stating"] += 1
        for field in stated:
            verdicts[field][check[field]] += 1
        if check.get("disagreements"):
            total["contradicted"] += 1
            folders[folder]["contradicted"] += 1
    return total, verdicts, folders


def read_records(binary, folder):
    command = [binary, "features", "--check-statements", "--no-cache", "-f", "jsonl", folder]
    output = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    return [json.loads(line) for line in output.decode("utf-8", "replace").splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "build", "samplemind"))
    parser.add_argument("--by-folder", action="store_true", help="also count per folder holding the files")
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    records = [record for folder in args.folders for record in read_records(args.bin, folder)]
    total, verdicts, folders = summarise(records)
    print("%d files, %d state a tempo, key or root, %d contradicted" % (total["files"], total["stating"],
                                                                        total["contradicted"]))
    for field in FIELDS:
        print("  %-6s %s" % (field, ", ".join("%s %d" % (v, verdicts[field][v]) for v in VERDICTS)))
    if args.by_folder:
        for folder, counts in sorted(folders.items(), key=lambda item: (-item[1]["contradicted"], item[0])):
            print("  %5d of %5d  %s" % (counts["contradicted"], counts["stating"], folder))


if __name__ == "__main__":
    main()
