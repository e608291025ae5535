"""Loops whose length is not whole beats, made from a real corpus's labelled loops.

Usage: real_corpus_perturb.py REAL_CORPUS OUT_DIR [VARIANT,...]

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
  frac    the loop played 0.5-4% faster or slower (sox speed): still cut at its bar lines,
          but at a tempo of no whole BPM, as old loops and hand-cut breaks are. Its tempo
          label is its beats over its new length (3 decimals); its key label is dropped,
          since the pitch moves with the speed.

A list of variants as third argument makes only those (default: all eight).
Names stay opaque (a hash of the variant and the source file), formats and rates stay the
source file's. The manifest has the real corpus's columns; `detail` starts with the variant.
"""
import csv
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

VARIANTS = ("short2", "short5", "tail10", "reverb15", "long3", "lead30", "repeat8", "frac")


# The speed factor of the frac variant: 0.5-4% either way, from the file's name, moved on
# until the new tempo is at least 0.2 BPM from a whole one.
def frac_speed(name, bpm):
    digest = int(common.opaque_id("speed:" + name)[1:], 16)
    percent = 0.5 + (digest % 36) / 10.0
    factor = 1.0 + (percent if digest % 2 else -percent) / 100.0
    while abs(bpm * factor - round(bpm * factor)) < 0.2:
        factor += 0.001
    return factor


# The sox effect chain of one variant over a file of `frames` frames.
def sox_arguments(variant, source, frames, bpm=120.0):
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
    if variant == "frac":  # speed, then back to the file's own rate
        return [source], ["speed", "%.4f" % frac_speed(os.path.basename(source), bpm), "rate", "-v", "%d" % common.frame_rate(source)]
    raise ValueError("unknown variant " + variant)


# The rows of the source manifest this tool perturbs: loops with a tempo label.
def labelled_loops(rows):
    return [r for r in rows if r["category"].endswith("_loop") and r["bpm"] not in ("", "-")]


# Writes one variant of one loop and returns its manifest row.
def perturb(row, variant, source_dir, out_dir):
    source = os.path.join(source_dir, row["file"])
    extension = os.path.splitext(row["file"])[1]
    name = common.opaque_id(variant + ":" + row["file"]) + extension
    frames = common.frame_count(source)
    inputs, effects = sox_arguments(variant, source, frames, float(row["bpm"]))
    command = ["sox", "-D", "-V1"] + inputs
    if extension == ".ogg":
        command += ["-C", "5"]
    command += [os.path.join(out_dir, name)] + effects
    subprocess.run(command, check=True)
    out = dict(row, file=name, detail=variant + " " + row["detail"], source=row["source"] + " [" + variant + "]")
    if variant == "frac":  # whole beats over the new length; the pitch moved, so no key
        rate = common.frame_rate(source)
        beats = round(float(row["bpm"]) * frames / rate / 60.0)
        out.update(bpm="%.3f" % (beats * 60.0 * rate / common.frame_count(os.path.join(out_dir, name))), key="-", mode="-",
                   root_midi="-")
    return out


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    source_dir, out_dir = sys.argv[1], sys.argv[2]
    variants = sys.argv[3].split(",") if len(sys.argv) == 4 else VARIANTS
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        print("unknown variant: " + ", ".join(unknown), file=sys.stderr)
        sys.exit(2)
    with open(os.path.join(source_dir, "manifest.tsv"), newline="") as f:
        rows = labelled_loops(list(csv.DictReader(f, delimiter="\t")))
    os.makedirs(out_dir, exist_ok=True)
    out_rows = [perturb(row, variant, source_dir, out_dir) for row in rows for variant in variants]
    out_rows.sort(key=lambda r: r["file"])
    with open(os.path.join(out_dir, "manifest.tsv"), "w") as f:
        f.write("\t".join(common.MANIFEST_HEADER) + "\n")
        for row in out_rows:
            f.write("\t".join(str(row.get(c, "-")) for c in common.MANIFEST_HEADER) + "\n")
    print("perturbed corpus: %d files from %d loops in %s" % (len(out_rows), len(rows), out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
