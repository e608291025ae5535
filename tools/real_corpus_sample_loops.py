"""Every sample-library loop labelled: the Sonic Pi and LMMS loops of two built sets, in one.

Usage: real_corpus_sample_loops.py SONICPI_DIR LMMS_LOOPS_DIR OUT_DIR

The Sonic Pi set (real_corpus_sonicpi.py) and LMMS's sample loops (real_corpus_lmms_loops.py)
hold 44 loops. Their labeller (check_loop) gives a tempo to 23: it wants one power-of-two
beat count in 70-180 BPM and aubio's onsets on its 16th-note grid. Real sample packs are
labelled by their length in whole beats, checked against the onsets, and the loops it leaves
out are a third of what a user's library holds. Here 17 of the other 21 are labelled by
hand, with the rule that decided it written into the manifest's `detail` (and where
aubio's onsets, as check_loop reads them, sit on neither octave's grid, that too):
  - a loop is whole bars: a length that fits 2 beats or 4 beats at two octaves takes the
    bar (4 beats);
  - a loop shares the tempo of the same pack's loops of its length (LMMS's 2.66 s rave parts,
    Sonic Pi's 2.474 s loops: some of each pass the labeller, at 90.2 and 97);
  - where two whole-bar counts fit, the genre the name gives decides (jungle: 160-180),
    or a sibling of the pack (techno_synth04, labelled 140);
  - the onsets' spacing decides where the length alone does not give whole beats at one
    octave of the onsets.
Four stay unlabelled (two octaves fit and nothing decides, onsets on no grid, or a
printer's noise).
The tempo is the beat count over the file's length (2 decimals). Files are linked (copied
where a link cannot be made) under their opaque names; every other column is the source
set's. Standard library and soxi (for each file's length).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

# Source file name: (beats, the rule that decided).
HAND_LABELS = {
    "loop_perc1.flac": (4, "2.474 s like the pack's mehackit2 and electric (4 beats at 97)"),
    "loop_perc2.flac": (4, "2.474 s like the pack's mehackit2 and electric (4 beats at 97)"),
    "loop_mehackit1.flac": (4, "2.474 s like the pack's mehackit2 and electric (4 beats at 97)"),
    "loop_weirdo.flac": (8, "4.948 s: twice the pack's 4-beat 97 BPM length"),
    "loop_drone_g_97.flac": (8, "4.948 s: twice the pack's 4-beat 97 BPM length; its name says 97"),
    "rave_hihat01.ogg": (4, "2.66 s like the pack's rave kicks, basses and hat 02 (4 beats at 90)"),
    "rave_snare01.ogg": (4, "2.66 s like the pack's rave kicks, basses and hat 02 (4 beats at 90)"),
    "house_loop01.ogg": (4, "71 or 142 fit; 4 beats is a bar, 2 beats is none"),
    "break01.ogg": (4, "83 or 167 fit; 4 beats is a bar, 2 beats is none"),
    "break03.ogg": (4, "83 or 167 fit; 4 beats is a bar, 2 beats is none"),
    "jungle01.ogg": (8, "86 or 173 fit, both whole bars; jungle is played at 160-180 (aubio's onsets, "
                        "syncopated, sit on neither straight grid: 0.53 and 0.29 of them)"),
    "techno_synth01.ogg": (8, "70 or 140 fit, both whole bars; the pack's techno_synth04 is 140 (aubio's onsets "
                              "sit on neither straight grid: 0.35 and 0.26)"),
    "techno_synth03.ogg": (8, "8 beats at 131: its onsets are eighths, 20-60 ms after the grid's points"),
    "techno_synth02.ogg": (9, "8 beats give 125 with no onset on the grid; its onsets are eighths 0.214 s apart, "
                              "and 9 beats at 140.8 fit both"),
    "tb303_01.ogg": (8, "8 beats at 125: its onsets fall on 16ths, drifting up to a third of a 16th late"),
    "latin_brass01.ogg": (4, "4 beats at 126 (one bar; two held notes, no grid to check)"),
    "latin_guitar01.ogg": (8, "8 beats at 126 (two bars of strums, off a straight grid)"),
}
# Source file name: why it stays unlabelled.
LEFT_UNLABELLED = {
    "loop_compus.flac": "74 or 148 fit, both whole bars, and neither a genre nor a sibling decides",
    "loop_tabla.flac": "90 or 180 fit, both whole bars, and neither a genre nor a sibling decides",
    "loop_3d_printer.flac": "a printer's noise: no beat to count",
    "techno_bass01.ogg": "74 or 147 fit the length, but aubio's onsets sit on neither grid (0.44 at 147, 0.33 "
                         "at the 166 a shorter loop would give)",
}
LOOP_CATEGORIES = ("drum_loop", "tonal_loop")


def link_or_copy(source, destination):
    if os.path.exists(destination):
        os.remove(destination)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


# The rows of the combined set, each with its label and how it was decided. Raises
# ValueError naming a loop that has no label and no rule (a new loop must be looked at).
def labelled_rows(folders):
    rows = []
    for folder in folders:
        for row in common.manifest_rows(os.path.join(folder, "manifest.tsv")):
            if row["category"] not in LOOP_CATEGORIES:
                continue
            name = os.path.basename(row["source"].split(":", 1)[-1])
            row = dict(row)
            if row["bpm"] not in ("", "-"):
                row["detail"] = "the sets' labeller: " + row["detail"]
            elif name in HAND_LABELS:
                beats, rule = HAND_LABELS[name]
                path = os.path.join(folder, row["file"])
                row["bpm"] = "%.2f" % (60.0 * beats * common.frame_rate(path) / common.frame_count(path))
                row["detail"] = "by hand, %d beats: %s" % (beats, rule)
            elif name in LEFT_UNLABELLED:
                row["detail"] = "by hand, unlabelled: " + LEFT_UNLABELLED[name]
            else:
                raise ValueError("%s (%s) has no tempo and no rule here: look at it and add one" % (name, folder))
            rows.append((folder, row))
    return rows


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    *folders, out_dir = argv
    for folder in folders:
        if not os.path.isfile(os.path.join(folder, "manifest.tsv")):
            sys.stderr.write("real_corpus_sample_loops.py: %s has no manifest.tsv (build it first)\n" % folder)
            return 2
    try:
        rows = labelled_rows(folders)
    except ValueError as error:
        sys.stderr.write("real_corpus_sample_loops.py: %s\n" % error)
        return 1
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("\t".join(common.MANIFEST_HEADER) + "\n")
        for folder, row in rows:
            link_or_copy(os.path.join(folder, row["file"]), os.path.join(out_dir, row["file"]))
            manifest.write("\t".join(row[column] for column in common.MANIFEST_HEADER) + "\n")
    labelled = sum(row["bpm"] not in ("", "-") for _, row in rows)
    print("real_corpus_sample_loops.py: %d loops, %d labelled, in %s" % (len(rows), labelled, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
