#!/usr/bin/env python3
"""How far `tempo_confidence` can be trusted: on the labelled loops of one or more real
corpora, the share of loops whose first tempo is right (within 4%, as Acc1) in each band of
confidence, the mean confidence there, the expected calibration error (ECE: the gap between
the two, weighted by the band's loops) and the Brier score, per half (tuning / held out).

  samplemind features -f jsonl --no-cache --ignore-metadata DIR > DIR.jsonl   (per corpus)
  tools/eval_confidence.py DIR/manifest.tsv DIR.jsonl [MANIFEST JSONL]...

Labels come from each corpus' manifest (`bpm` column, written by tools/real_corpus_*.py);
loops without a labelled tempo and loops that got no tempo are left out. Standard library only.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

BANDS = [(0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 0.99), (0.99, 1.0000001)]


read_manifest = common.labelled_tempos  # file name -> (labelled bpm, half)


def read_readings(path):
    """file name -> (tempo_bpm, tempo_confidence) for every file that got a tempo."""
    readings = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            features = record.get("features") or {}
            bpm = features.get("tempo_bpm")
            if bpm is None:
                continue
            readings[os.path.basename(record.get("path", ""))] = (float(bpm), float(features.get("tempo_confidence", 0.0)))
    return readings


def score(pairs):
    """(confidence, right) pairs -> rows per band, ECE and Brier score."""
    rows, ece = [], 0.0
    for low, high in BANDS:
        inside = [(c, r) for c, r in pairs if low <= c < high]
        if not inside:
            rows.append((low, high, 0, None, None))
            continue
        accuracy = sum(r for _, r in inside) / len(inside)
        mean = sum(c for c, _ in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(accuracy - mean)
        rows.append((low, high, len(inside), accuracy, mean))
    brier = sum((c - r) ** 2 for c, r in pairs) / len(pairs)
    return rows, ece, brier


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        sys.stderr.write(__doc__)
        return 2
    halves = {"tune": [], "heldout": []}
    for manifest, jsonl in zip(argv[0::2], argv[1::2]):
        labels, readings = read_manifest(manifest), read_readings(jsonl)
        for name, (truth, half) in labels.items():
            if name in readings and half in halves:
                bpm, confidence = readings[name]
                halves[half].append((confidence, 1.0 if common.tempo_matches(bpm, truth) else 0.0))
    for half, pairs in halves.items():
        if not pairs:
            continue
        rows, ece, brier = score(pairs)
        accuracy = sum(r for _, r in pairs) / len(pairs)
        mean = sum(c for c, _ in pairs) / len(pairs)
        print(f"{half}: {len(pairs)} loops, Acc1 {accuracy:.3f}, mean confidence {mean:.3f}, ECE {ece:.3f}, Brier {brier:.3f}")
        for low, high, n, band_accuracy, band_mean in rows:
            label = f"{low:.2f}-{min(high, 1.0):.2f}"
            if n:
                print(f"  {label}  n {n:5d}  right {band_accuracy:.3f}  mean confidence {band_mean:.3f}")
            else:
                print(f"  {label}  n     0")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
