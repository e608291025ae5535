#!/usr/bin/env python3
"""Puts the reports of several `scripts/eval_features.sh` runs side by side: one row per
metric (the tag that closes each report row, such as [acc1]), and per evaluation set its
tuning half and held-out half, so that a change is read on every set at once. The
generated corpus, which every report repeats, is printed once, from the first report.

  scripts/eval_features.sh --no-anchors --real build/corpus-sonicpi > sonicpi.txt   (per set)
  tools/eval_table.py sonicpi=sonicpi.txt lmms=lmms.txt ...

`scripts/eval_all_sets.sh` runs the reports and this table for every set that exists.
Rows that no set has are left out. Standard library only.
"""
import re
import sys

# A report row: name, then four columns (generated, real, tune, heldout), each "0.859 (1161)"
# or "-", then the tag. The name may itself hold spaces and digits ("tempo Acc1 4%").
COLUMN = r"(-|[0-9.]+ \(\s*[0-9]+\))"
ROW = re.compile(r"^(?P<name>.+?)\s+" + r"\s+".join([COLUMN] * 4) + r"\s+\[(?P<tag>[a-z0-9_]+)\]\s*$")


def parse_report(text):
    """tag -> (name, [generated, real, tune, heldout]) with each cell "0.859 (1161)" or "-"."""
    rows = {}
    for line in text.splitlines():
        match = ROW.match(line)
        if match:
            name = match.group("name").strip()
            rows[match.group("tag")] = (name, [match.group(i) for i in range(2, 6)])
    return rows


def value(cell):
    """The score of a cell, without its count; "-" stays "-"."""
    return cell.split(" ")[0] if cell != "-" else "-"


def table(reports):
    """reports: [(set name, rows)] -> the lines of the side-by-side table."""
    tags = []
    for _, rows in reports:
        for tag in rows:
            if tag not in tags:
                tags.append(tag)
    header = f"{'metric':<30} {'generated':>9}" + "".join(f" {name[:17]:>17}" for name, _ in reports)
    lines = [header, f"{'':<30} {'':>9}" + "".join(f" {'tune / held out':>17}" for _ in reports)]
    for tag in tags:
        name = next(rows[tag][0] for _, rows in reports if tag in rows)
        generated = next((value(rows[tag][1][0]) for _, rows in reports if tag in rows), "-")
        cells = []
        for _, rows in reports:
            if tag in rows:
                tune, held = value(rows[tag][1][2]), value(rows[tag][1][3])
                cells.append("-" if tune == held == "-" else f"{tune} / {held}")
            else:
                cells.append("-")
        if generated == "-" and all(cell == "-" for cell in cells):
            continue
        lines.append(f"{name[:30]:<30} {generated:>9}" + "".join(f" {cell:>17}" for cell in cells))
    return lines


def main(argv):
    if not argv or any("=" not in arg for arg in argv):
        sys.stderr.write(__doc__)
        return 2
    reports = []
    for arg in argv:
        name, path = arg.split("=", 1)
        with open(path, encoding="utf-8", errors="replace") as handle:
            reports.append((name, parse_report(handle.read())))
    print("\n".join(table(reports)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
