"""A second real corpus: the sample library Sonic Pi ships (Debian package sonic-pi-samples).

Usage: python3 tools/real_corpus_sonicpi.py OUT_DIR   (root: installs sonic-pi-samples)

These are produced and recorded samples (drum breaks, percussion and synth loops, basses,
guitars, kit hits, effects) that this project did not make and that no threshold of
samplemind was fitted on before version 16. Every label comes from the file's name and
length (never from samplemind's reading), by the rules below; docs/evaluation.md repeats
them. Files are converted to the corpus' format/rate cycle with opaque names, so only
the audio counts.

  loop_*          a loop (the library's own word). Tempo: the beat count of 1, 2, 4, ... 32
                  whose tempo falls in 70-180 BPM, when exactly one does, checked against
                  aubio's onsets (check_loop: on the 16th grid). A loop with two such counts
                  (6.49 s: 74 or 148) or that fails the check keeps its kind but no tempo.
                  drum_loop for the drum breaks (amen, breakbeat), tonal_loop (no key
                  stated) for the rest.
  bass_*_X        pitched_hit, tonic = the closing note letter X (bass_hit_c: C).
  glitch_bass_g   pitched_hit, tonic G.
  guit_e_*        pitched_hit, tonic E (E fifths, a slide to E); guit_em9: E minor.
  bd_ drum_ sn_ tabla_ and the drum-named elec_ and perc_ files: drum_hit.
  everything else (ambi_, glitch_, mehackit_, misc_, vinyl_, bells, blips): noise_fx.
  Left out: mehackit_robot6 (a robot voice cut to exactly the Mehackit loops' length: the
  library does not say whether it is a loop) and guit_harmonics (pitch not stated).
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

SAMPLES = "/usr/share/sonic-pi/samples"
NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
LEFT_OUT = {"mehackit_robot6", "guit_harmonics"}
DRUM_BREAKS = {"loop_amen", "loop_amen_full", "loop_breakbeat"}
DRUM_PREFIXES = ("bd_", "drum_", "sn_", "tabla_")
DRUM_WORDS = re.compile(r"kick|snare|cymbal|tom|tick|wood|pop|flip|triangle|snap|swash|impact|cowbell")
PITCHED = re.compile(r"^(?:bass_[a-z_]+|glitch_bass)_([a-g])$")
MIN_BPM, MAX_BPM = 70.0, 180.0


def duration_s(path):
    out = subprocess.run(["soxi", "-D", path], check=True, capture_output=True, text=True).stdout
    return float(out.strip())


# Every power-of-two beat count (1 .. 32) whose tempo lies in 70-180 BPM, as (beats, bpm).
def loop_readings(seconds):
    readings = []
    for beats in (1, 2, 4, 8, 16, 32):
        bpm = beats * 60.0 / seconds
        if MIN_BPM <= bpm <= MAX_BPM:
            readings.append((beats, bpm))
    return readings


# (category, extra labels, detail, group) from the sample's name and length only.
def label(name, path):
    if name.startswith("loop_"):
        readings = loop_readings(duration_s(path))
        category = "drum_loop" if name in DRUM_BREAKS else "tonal_loop"
        if len(readings) != 1:
            fits = " or ".join("%.2f" % bpm for _, bpm in readings) or "none"
            return category, {}, "tempo not labelled: %s fit" % fits, "loops"
        beats, bpm = readings[0]
        ok, reason, frac, count = common.check_loop(path, bpm, 4, max(1, beats // 4))
        detail = "%d beats, onset check %s (%.2f of %d on grid)" % (beats, reason, frac, count)
        return category, ({"bpm": "%.2f" % bpm} if ok else {}), detail, "loops"
    pitched = PITCHED.match(name)
    if pitched:
        note = NAMES.index(pitched.group(1).upper())
        return "pitched_hit", {"key": NAMES[note]}, "note letter in the name", "pitched"
    if name.startswith("guit_e"):
        minor = name == "guit_em9"
        return "pitched_hit", {"key": "E", "mode": "minor" if minor else "-"}, "E in the name", "pitched"
    if name.startswith(DRUM_PREFIXES) or (name.startswith(("elec_", "perc_")) and DRUM_WORDS.search(name)):
        return "drum_hit", {}, "drum named", "drums"
    return "noise_fx", {}, "effect or tone", "fx"


def build(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    for entry in sorted(os.listdir(SAMPLES)):
        name, ext = os.path.splitext(entry)
        if ext != ".flac":
            continue
        src = os.path.join(SAMPLES, entry)
        category, extra, detail, group = label(name, src)
        if name in LEFT_OUT:
            manifest.reserve(group, name)
            continue
        manifest.add_sample(group, name, "sonicpi:" + name, src, category, extra, detail,
                            "sonic-pi-samples:" + entry)
    return manifest.write()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: real_corpus_sonicpi.py OUT_DIR")
    common.require_package(SAMPLES, "sonic-pi-samples")
    print("sonic-pi corpus: %d files in %s" % (build(sys.argv[1]), sys.argv[1]))


if __name__ == "__main__":
    main()
