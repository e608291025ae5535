#!/usr/bin/env python3
"""Scores the voice rules on tuxpaint's stamp sounds (Debian `tuxpaint-stamps-default`).

Each picture stamp under /usr/share/tuxpaint/stamps has a sound beside it: a sound effect,
or a spoken description of a sentence or two (`Apricot_whole_desc_fr.ogg`). None is a loop,
so the right reading of every one is no tempo; a spoken one has no key and no root either.
The label of a file is its name: `_desc` marks a description, and the two letters after the
last `_` name its language.

The descriptions are split by language (docs/evaluation.md, "Version 25"): the rules were
chosen on TUNING_LANGUAGES and only reported on the others, so a figure on the held-out
half is a claim checked on voices the rules never saw.

  samplemind features -f jsonl --ignore-metadata --no-cache /usr/share/tuxpaint/stamps > S.jsonl
  python3 tools/eval_spoken_stamps.py S.jsonl [MORE.jsonl ...]   # one table per run
  python3 tools/eval_spoken_stamps.py --all-spoken A.jsonl       # every file is speech, held out
                                                                  # (Asterisk's prompts: "Version 25")

Standard library only.
"""
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

TUNING_LANGUAGES = frozenset({"be", "ca", "el", "fr", "ro"})


def group_of(path, all_spoken=False):
    """('spoken', language) for a description, ('effect', '') otherwise; with all_spoken,
    ('spoken', 'all') for every file."""
    if all_spoken:
        return ("spoken", "all")
    stem = os.path.splitext(os.path.basename(path))[0]
    if "_desc" not in stem:
        return ("effect", "")
    return ("spoken", stem.rsplit("_", 1)[1].split(".")[0])  # `_desc_da.ogg.ogg`: da


def half_of(group):
    """'tuning', 'held out' or 'effects'."""
    kind, language = group
    if kind == "effect":
        return "effects"
    if language == "all":
        return "held out"
    return "tuning" if language in TUNING_LANGUAGES else "held out"


def tally(lines, all_spoken=False):
    """Counts per half and per language: files, no tempo, no key and no root, named vocal."""
    counts = collections.defaultdict(collections.Counter)
    for path, features in common.feature_records(lines):
        if features is None:
            continue
        group = group_of(path, all_spoken)
        for key in (half_of(group), "language " + group[1] if group[0] == "spoken" else None):
            if key is None:
                continue
            c = counts[key]
            c["files"] += 1
            c["no tempo"] += features.get("tempo_bpm") is None
            c["no key, no root"] += features.get("key") is None and features.get("root_note") is None
            c["vocal"] += features.get("category") == "vocal"
    return counts


def table(counts):
    """The tally as text: one row per half, then one per language."""
    columns = ("no tempo", "no key, no root", "vocal")
    out = [f"{'':22}{'files':>7}" + "".join(f"{c:>17}" for c in columns)]
    order = ["tuning", "held out", "effects"] + sorted(k for k in counts if k.startswith("language "))
    for key in order:
        c = counts.get(key)
        if not c:
            continue
        shares = "".join(f"{c[col] / c['files']:>17.3f}" for col in columns)
        out.append(f"{key:22}{c['files']:>7}{shares}")
    return "\n".join(out)


def main(argv):
    all_spoken = "--all-spoken" in argv[1:]
    paths = [a for a in argv[1:] if a != "--all-spoken"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for path in paths:
        with open(path, encoding="utf-8") as f:
            print(f"## {path}\n{table(tally(f, all_spoken))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
