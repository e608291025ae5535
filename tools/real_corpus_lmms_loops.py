"""A third real set: the loops LMMS ships in its sample library (Debian package lmms-common).

Usage: python3 tools/real_corpus_lmms_loops.py OUT_DIR   (root: installs lmms-common)

/usr/share/lmms/samples/{beats,bassloops,latin} hold 27 produced loops (drum breaks, house,
electro and jungle beats, rave kick/hat/snare/bass parts, a TB-303 line, techno basses and
synths, a brass riff and latin guitars) that this project did not make and that no
threshold of samplemind was fitted on before this set was added. Labels come from the
folder, the name and the length only (never from samplemind's reading), by the rule
Sonic Pi's loops use (tools/real_corpus_sonicpi.py):

  tempo       the beat count of 1, 2, 4, ... 32 whose tempo falls in 70-180 BPM, when
              exactly one does, checked against aubio's onsets (check_loop: on the 16th
              grid). A loop with two such counts (1.44 s: 83 or 167) or that fails the check
              keeps its kind but no tempo.
  category    drum_loop for beats/, tonal_loop (no key stated) for bassloops/ and latin/.

Files are converted to the corpus' format/rate cycle with opaque names, so only the audio
counts; the split into tune and heldout alternates whole files per folder by hash.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402
from real_corpus_sonicpi import duration_s, loop_readings  # noqa: E402  (one labelling rule)

SAMPLES = "/usr/share/lmms/samples"
FOLDERS = {"beats": "drum_loop", "bassloops": "tonal_loop", "latin": "tonal_loop"}


# (category, extra labels, detail) of one loop, from its folder and length only.
def label(folder, path):
    category = FOLDERS[folder]
    readings = loop_readings(duration_s(path))
    if len(readings) != 1:
        fits = " or ".join("%.2f" % bpm for _, bpm in readings) or "none"
        return category, {}, "tempo not labelled: %s fit" % fits
    beats, bpm = readings[0]
    ok, reason, frac, count = common.check_loop(path, bpm, 4, max(1, beats // 4))
    detail = "%d beats, onset check %s (%.2f of %d on grid)" % (beats, reason, frac, count)
    return category, ({"bpm": "%.2f" % bpm} if ok else {}), detail


def build(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    for folder in sorted(FOLDERS):
        for entry in sorted(os.listdir(os.path.join(SAMPLES, folder))):
            name, ext = os.path.splitext(entry)
            if ext != ".ogg":
                continue
            src = os.path.join(SAMPLES, folder, entry)
            category, extra, detail = label(folder, src)
            key = "lmms-samples:%s/%s" % (folder, name)
            manifest.add_sample(folder, key, key, src, category, extra, detail,
                                "lmms-common:samples/%s/%s" % (folder, entry))
    return manifest.write()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: real_corpus_lmms_loops.py OUT_DIR")
    common.require_package(SAMPLES, "lmms-common")
    print("lmms loop corpus: %d files in %s" % (build(sys.argv[1]), sys.argv[1]))


if __name__ == "__main__":
    main()
