"""Whole songs with a known tempo, from the full renders a real corpus was cut from.

Usage: real_corpus_songs.py REAL_CORPUS OUT_DIR

scripts/make_real_corpus.sh renders every Hydrogen demo song and LMMS demo project whole
into REAL_CORPUS.work before cutting loops from it. Each whole render becomes one file of
OUT_DIR (a symbolic link under an opaque name), labelled with the tempo of its song or
project file and the split (tune / heldout) of the loops cut from it. A song is not a
loop cut at its bar lines: it has an intro, an ending and a tail, and may be minutes long.
The manifest has the real corpus's columns; `detail` starts with "song".
"""
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

# Source column of a loop -> (render file name in REAL_CORPUS.work, engine).
SOURCE_PATTERNS = [
    (re.compile(r"^hydrogen:.*?([^/]+)\.h2song@(\d+)bpm"), lambda m: "%s-%s.wav" % (m.group(1), m.group(2)), "hydrogen"),
    (re.compile(r"^lmms:.*?([^/]+)\.mmpz?@([\d.]+)bpm"), lambda m: "%s.wav" % m.group(1), "lmms"),
]


# One row per whole render, from the labelled loops cut from it (they share tempo and split).
def song_rows(loop_rows, work_dir):
    songs = {}
    for row in loop_rows:
        if not row["category"].endswith("_loop") or row["bpm"] in ("", "-"):
            continue
        for pattern, render_name, engine in SOURCE_PATTERNS:
            match = pattern.match(row["source"])
            if not match:
                continue
            render = render_name(match)
            if os.path.isfile(os.path.join(work_dir, render)) and render not in songs:
                songs[render] = dict(category=row["category"], bpm=row["bpm"], key="-", mode="-", root_midi="-",
                                     format="wav", rate="-", channels="-", detail="song " + engine, set=row["set"],
                                     source=match.group(0) + " (whole render)")
    return songs


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    corpus, out_dir = sys.argv[1].rstrip("/"), sys.argv[2]
    work_dir = corpus + ".work"
    with open(os.path.join(corpus, "manifest.tsv"), newline="") as f:
        songs = song_rows(csv.DictReader(f, delimiter="\t"), work_dir)
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for render, row in sorted(songs.items()):
        name = common.opaque_id("song:" + render) + ".wav"
        link = os.path.join(out_dir, name)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(os.path.abspath(os.path.join(work_dir, render)), link)
        rows.append(dict(row, file=name))
    with open(os.path.join(out_dir, "manifest.tsv"), "w") as f:
        f.write("\t".join(common.MANIFEST_HEADER) + "\n")
        for row in sorted(rows, key=lambda r: r["file"]):
            f.write("\t".join(str(row.get(c, "-")) for c in common.MANIFEST_HEADER) + "\n")
    print("songs: %d whole renders in %s" % (len(rows), out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
