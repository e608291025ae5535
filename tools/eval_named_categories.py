#!/usr/bin/env python3
"""Scores samplemind's `category` on the samples Debian's LMMS, Sonic Pi and Hydrogen packages
install, by the family their package puts them in (docs/evaluation.md, "After version 17"):
drums, tonal one-shots, effects, drum loops, music loops. The labels come from folders and
file-name prefixes the packages chose, never from samplemind, so the same run scores the
audio alone (--ignore-metadata) and the audio with the file-name rules:

  samplemind features -f jsonl --ignore-metadata /usr/share/lmms/samples \\
      /usr/share/sonic-pi/samples /usr/share/hydrogen/data/drumkits > audio.jsonl
  samplemind features -f jsonl /usr/share/lmms/samples \\
      /usr/share/sonic-pi/samples /usr/share/hydrogen/data/drumkits > named.jsonl
  tools/eval_named_categories.py audio.jsonl
  tools/eval_named_categories.py named.jsonl

Files whose folder or prefix mixes families (LMMS's misc, shapes and waveforms; Sonic Pi's
ambi_, elec_, glitch_, misc_, perc_ and loop_ samples) are left out. Standard library only.
"""
import collections
import json
import sys

FAMILY_OF = {
    **{c: "drum" for c in ("kick", "snare", "clap", "hat", "cymbal", "tom", "percussion")},
    **{c: "tonal" for c in ("bass", "lead", "pad", "chord", "vocal")},
    "fx": "fx",
    "drum loop": "drum loop",
    "music loop": "music loop",
}
LMMS_FOLDERS = {"drums": "drum", "basses": "tonal", "instruments": "tonal", "stringsnpads": "tonal",
                "effects": "fx", "beats": "drum loop", "bassloops": "music loop", "latin": "music loop"}
SONIC_PI_PREFIXES = {"bd": "drum", "sn": "drum", "drum": "drum", "tabla": "drum", "bass": "tonal",
                     "guit": "tonal", "vinyl": "fx"}
NOT_DRUM_KITS = {"belofilms_GuitarStrums"}  # a "kit" of guitar chords


def label_of(path):
    """(source, family) for a file the packages place in one family, else None."""
    parts = path.split("/")
    if "drumkits" in parts:
        i = parts.index("drumkits")
        if i + 2 < len(parts) and parts[i + 1] not in NOT_DRUM_KITS:
            return "hydrogen", "drum"
        return None
    if "lmms" in parts and "samples" in parts:
        i = parts.index("samples")
        folder = parts[i + 1] if i + 2 < len(parts) else None
        return ("lmms", LMMS_FOLDERS[folder]) if folder in LMMS_FOLDERS else None
    if "sonic-pi" in parts and "samples" in parts:
        prefix = parts[-1].split("_", 1)[0]
        return ("sonicpi", SONIC_PI_PREFIXES[prefix]) if "_" in parts[-1] and prefix in SONIC_PI_PREFIXES else None
    return None


def score(lines):
    """Per source and in total: labelled files, failed files, right family; and a confusion count."""
    sources = collections.defaultdict(collections.Counter)
    confusion = collections.Counter()
    for line in lines:
        record = json.loads(line)
        label = label_of(record.get("path", ""))
        if label is None:
            continue
        source, family = label
        for counter in (sources[source], sources["all"]):
            counter["files"] += 1
        features = record.get("features")
        if not features:
            sources[source]["failed"] += 1
            sources["all"]["failed"] += 1
            continue
        got = FAMILY_OF.get(features.get("category"), "none")
        if got == family:
            sources[source]["right"] += 1
            sources["all"]["right"] += 1
        else:
            confusion[(family, got)] += 1
    return sources, confusion


def line_of(name, counts):
    """One printed row: files, family accuracy over the analysed ones, failures."""
    analysed = counts["files"] - counts["failed"]
    if analysed == 0:
        return f"{name:10s} no files ({counts['failed']} failed)"
    return f"{name:10s} files {counts['files']:5d}  family right {counts['right'] / analysed:.3f}  failed {counts['failed']}"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        sources, confusion = score(f)
    for name in sorted(s for s in sources if s != "all") + ["all"]:
        print(line_of(name, sources[name]))
    for (family, got), n in confusion.most_common(8):
        print(f"  {family:10s} -> {got:10s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
