"""Builds the real evaluation corpus: audio files with opaque names plus manifest.tsv.

Usage: real_corpus_build.py OUT_DIR WORK_DIR
WORK_DIR keeps the full renders and project copies (reused when present); OUT_DIR gets
only the corpus.  Every step is deterministic except LMMS's renders (they vary from run
to run; WORK_DIR keeps them); drops and their reasons go to WORK_DIR/build.log so the
corpus folder holds audio only.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_abc as abc  # noqa: E402
import real_corpus_common as common  # noqa: E402
import real_corpus_drumsynth as drumsynth  # noqa: E402
import real_corpus_hits as hits  # noqa: E402
import real_corpus_hydrogen as hydrogen  # noqa: E402
import real_corpus_lmms as lmms  # noqa: E402
import real_corpus_mma as mma  # noqa: E402


# Runs every source in turn and writes the manifest once at the end.
def main():
    # Absolute: MMA and abc2midi run in the example's own folder, and are handed these paths.
    out_dir, work_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    soundfont = common.soundfont(os.environ)
    if not os.path.isfile(soundfont):
        raise SystemExit("real corpus: no soundfont at %r (SAMPLEMIND_SF2)" % soundfont[:200])
    os.makedirs(out_dir, exist_ok=True)
    os.makedirs(work_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    with open(os.path.join(work_dir, "build.log"), "w") as log:
        log.write("soundfont: %s (SAMPLEMIND_SF2)\n" % soundfont)
        steps = [("drum hits + kit fx + lmms fx", lambda: hits.drum_and_fx(out_dir, manifest)),
                 ("guitar strums", lambda: hits.strums(out_dir, manifest)),
                 ("drumsynth fx", lambda: drumsynth.build(out_dir, work_dir, manifest, log)),
                 ("soundfont notes", lambda: hits.soundfont_notes(out_dir, work_dir, manifest)),
                 ("short soundfont notes", lambda: hits.short_soundfont_notes(out_dir, work_dir, manifest)),
                 ("hydrogen loops", lambda: hydrogen.build(out_dir, work_dir, manifest, log)),
                 ("lmms loops", lambda: lmms.build(out_dir, work_dir, manifest, log)),
                 ("abc tunes", lambda: abc.build(out_dir, work_dir, manifest, log)),
                 ("mma songs", lambda: mma.build(out_dir, work_dir, manifest, log))]
        for name, step in steps:
            start = time.time()
            result = step()
            print("real corpus: %s -> %s (%.0f s)" % (name, result, time.time() - start), file=sys.stderr)
            log.flush()
            manifest.write()  # a usable partial corpus after every step
    print("real corpus: %d files in %s" % (manifest.write(), out_dir), file=sys.stderr)


if __name__ == "__main__":
    main()
