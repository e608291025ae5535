#!/usr/bin/env python3
"""Scores samplemind on every hit of the drum kits Debian's Hydrogen packages install
(docs/evaluation.md, "Version 17"): a drum hit should have no key and no tempo, and its
category should be a drum. Labels come from the kit alone, never from the audio: every file
of a kit folder is a drum hit, except the kits listed in NOT_DRUMS (guitar strums).

  samplemind features -f jsonl --ignore-metadata /usr/share/hydrogen/data/drumkits > kits.jsonl
  tools/eval_kit_hits.py kits.jsonl [--by-kit]

Standard library only.
"""
import collections
import json
import sys

NOT_DRUMS = {"belofilms_GuitarStrums"}  # a "kit" of guitar chords, not drums
DRUM_CATEGORIES = {"kick", "snare", "clap", "hat", "cymbal", "tom", "percussion"}


def kit_of(path):
    """The kit folder: the path part after "drumkits", or None outside a kit."""
    parts = path.split("/")
    if "drumkits" not in parts:
        return None
    i = parts.index("drumkits")
    return parts[i + 1] if i + 2 < len(parts) else None


def score(lines):
    """Per kit and in total: hits, keyless, tempo-less, drum category, failed files."""
    kits = collections.defaultdict(collections.Counter)
    for line in lines:
        row = json.loads(line)
        kit = kit_of(row.get("path", ""))
        if kit is None or kit in NOT_DRUMS:
            continue
        counts = kits[kit]
        features = row.get("features")
        if not features:
            counts["failed"] += 1
            continue
        counts["hits"] += 1
        counts["keyless"] += features.get("key") is None
        counts["tempoless"] += features.get("tempo_bpm") is None
        counts["drum"] += features.get("category") in DRUM_CATEGORIES
    total = collections.Counter()
    for counts in kits.values():
        total.update(counts)
    return kits, total


def line_of(name, counts):
    hits = counts["hits"]
    if hits == 0:
        return f"{name:28s} no hits ({counts['failed']} failed)"
    return (f"{name:28s} hits {hits:4d}  key null {counts['keyless'] / hits:.3f}  "
            f"tempo null {counts['tempoless'] / hits:.3f}  drum category {counts['drum'] / hits:.3f}"
            f"  failed {counts['failed']}")


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as lines:
        kits, total = score(lines)
    if "--by-kit" in argv[2:]:
        for name in sorted(kits):
            print(line_of(name, kits[name]))
    print(line_of(f"all {len(kits)} kits", total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
