"""Loops whose length is not whole beats, made from a real corpus's labelled loops.

Usage: real_corpus_perturb.py REAL_CORPUS OUT_DIR

Real sample packs hold loops cut a little short, loops exported with a tail after the last
bar, loops exported a little long, loops with silence before the first sound (an MP3
decoder's delay), and long loops (a construction kit's 32-bar stems). Every loop of
REAL_CORPUS with a tempo label gets seven variants, each labelled with the loop's own
tempo, key and split (tune / heldout):

  short2  the last 2% cut off           short5    the last 5% cut off
  tail10  10% of digital silence added  reverb15  15% added, the whole loop through sox's reverb
  long3   the loop runs 3% into its next repetition
  lead30  30 ms of digital silence before the loop
  repeat8 the loop eight times in a row (8 to 32 bars)

Names stay opaque (a hash of the variant and the source file), formats and rates stay the
source file's. The manifest has the real corpus's columns; `detail` starts with the variant.
"""
import csv
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

VARIANTS = ("short2", "short5", "tail10", "reverb15", "long3", "lead30", "repeat8")


# The sox effect chain of one variant over a file of `frames` frames.
def sox_arguments(variant, source, frames):
    if variant == "short2":
        return [source], ["trim", "0s", "%ds" % round(frames * 0.98)]
    if variant == "short5":
        return [source], ["trim", "0s", "%ds" % round(frames * 0.95)]
    if variant == "tail10":
        return [source], ["pad", "0s", "%ds" % round(frames * 0.10)]
    if variant == "reverb15":  # a wet export: the reverb rings on after the last bar
        return [source], ["pad", "0s", "%ds" % round(frames * 0.15), "reverb", "40"]
    if variant == "long3":  # the file twice, in a row, cut 3% into the second copy
        return [source, source], ["trim", "0s", "%ds" % round(frames * 1.03)]
    if variant == "repeat8":
        return [source] * 8, []
    if variant == "lead30":
        return [source], ["pad", "0.03", "0s"]
    raise ValueError("unknown variant " + variant)


def frame_count(path):
    out = subprocess.run(["soxi", "-s", path], check=True, capture_output=True, text=True).stdout
    return int(out.strip())


# The rows of the source manifest this tool perturbs: loops with a tempo label.
def labelled_loops(rows):
    return [r for r in rows if r["category"].endswith("_loop") and r["bpm"] not in ("", "-")]


# Writes one variant of one loop and returns its manifest row.
def perturb(row, variant, source_dir, out_dir):
    source = os.path.join(source_dir, row["file"])
    extension = os.path.splitext(row["file"])[1]
    name = common.opaque_id(variant + ":" + row["file"]) + extension
    inputs, effects = sox_arguments(variant, source, frame_count(source))
    command = ["sox", "-D", "-V1"] + inputs
    if extension == ".ogg":
        command += ["-C", "5"]
    command += [os.path.join(out_dir, name)] + effects
    subprocess.run(command, check=True)
    return dict(row, file=name, detail=variant + " " + row["detail"], source=row["source"] + " [" + variant + "]")


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    source_dir, out_dir = sys.argv[1], sys.argv[2]
    with open(os.path.join(source_dir, "manifest.tsv"), newline="") as f:
        rows = labelled_loops(list(csv.DictReader(f, delimiter="\t")))
    os.makedirs(out_dir, exist_ok=True)
    out_rows = [perturb(row, variant, source_dir, out_dir) for row in rows for variant in VARIANTS]
    out_rows.sort(key=lambda r: r["file"])
    with open(os.path.join(out_dir, "manifest.tsv"), "w") as f:
        f.write("\t".join(common.MANIFEST_HEADER) + "\n")
        for row in out_rows:
            f.write("\t".join(str(row.get(c, "-")) for c in common.MANIFEST_HEADER) + "\n")
    print("perturbed corpus: %d files from %d loops in %s" % (len(out_rows), len(rows), out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
