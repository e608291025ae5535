#!/usr/bin/env python3
"""Scores the `category` feature on the real corpus (docs/evaluation.md, docs/features.md "Category").

  samplemind features -f jsonl --ignore-metadata CORPUS > features.jsonl
  tools/eval_category.py CORPUS/manifest.tsv features.jsonl [--confusion]

Labels come from the manifest only (never from audio): drum kit hits by their instrument
name, loops by their kind, soundfont notes by their General MIDI program family, guitar
strums are chords, effects are fx, spoken words and letters are vocal. Files whose name says nothing usable are left out.
"""
import collections
import json
import os
import re
import sys

DRUM_WORDS = [  # first match wins, checked in this order on the lower-cased instrument name
    (r"kick|bassdrum|bass drum|\bbd\b", "kick"),
    (r"clap", "clap"),
    (r"snare|stick|rim", "snare"),
    (r"\btom|tomhi|tom\b|floor", "tom"),
    (r"hh|hat|hi hat", "hat"),
    (r"crash|ride|cymbal|china|splash|cup", "cymbal"),
    (r"conga|djembe|cowbell|sangban|kenkeni|dununba|whistle|click|bongo|shaker|tamb|clave", "percussion"),
]


def gm_category(program):
    """General MIDI program family -> category (one held note of 1.5 s)."""
    if program <= 7 or 16 <= program <= 23:
        return "chord"  # pianos, organs: keys
    if program <= 15 or 24 <= program <= 31 or 40 <= program <= 46 or 56 <= program <= 87 or 104 <= program <= 111:
        return "lead"  # mallets, guitars, solo strings, brass, reeds, pipes, synth leads, ethnic
    if 32 <= program <= 39:
        return "bass"
    if program == 47:
        return "percussion"  # timpani
    if 48 <= program <= 51 or 88 <= program <= 95:
        return "pad"  # ensembles, synth strings, synth pads
    if 52 <= program <= 54:
        return "vocal"
    if program == 55:
        return "chord"  # orchestra hit
    if 96 <= program <= 103:
        return "fx"  # synth effects
    return None


def label(row):
    kind, detail, source = row["category"], row["detail"].lower(), row["source"].lower()
    if kind == "drum_loop":
        return "drum loop"
    if kind == "tonal_loop":
        return "music loop"
    if kind == "noise_fx":
        return "vocal" if detail.startswith("spoken") else "fx"  # spoken words and letters are voice
    if kind == "pitched_hit":
        if "guitar strum" in detail:
            return "chord"
        m = re.search(r"program (\d+)", detail)
        return gm_category(int(m.group(1))) if m else None
    if kind == "drum_hit":
        name = detail.replace("hydrogen kit ", "")
        for pattern, category in DRUM_WORDS:
            if re.search(pattern, name):
                return category
        base = os.path.basename(source)
        for pattern, category in DRUM_WORDS:
            if re.search(pattern, base):
                return category
    return None


def main():
    manifest_path, features_path = sys.argv[1], sys.argv[2]
    confusion_wanted = "--confusion" in sys.argv
    rows = {}
    with open(manifest_path) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            rows[row["file"]] = row
    predicted = {}
    with open(features_path) as f:
        for line in f:
            doc = json.loads(line)
            features = doc.get("features") or {}
            predicted[os.path.basename(doc["path"])] = features.get("category")
    for split in ("tune", "heldout", "all"):
        hits = total = 0
        per_class = collections.defaultdict(lambda: [0, 0])
        confusion = collections.Counter()
        for name, row in rows.items():
            truth = label(row)
            if truth is None or name not in predicted or (split != "all" and row["set"] != split):
                continue
            guess = predicted[name]
            total += 1
            per_class[truth][1] += 1
            if guess == truth:
                hits += 1
                per_class[truth][0] += 1
            else:
                confusion[(truth, guess)] += 1
        print(f"{split:8s} accuracy {hits / max(total, 1):.3f} ({hits}/{total})")
        for truth in sorted(per_class):
            h, n = per_class[truth]
            print(f"    {truth:11s} {h:3d}/{n:3d}  {h / n:.2f}")
        if confusion_wanted:
            for (truth, guess), count in confusion.most_common(15):
                print(f"      {truth:11s} -> {str(guess):11s} {count}")


if __name__ == "__main__":
    main()
