"""Root notes of low recorded one-shots (kicks, toms, congas, 808s, bass samples) against
their strongest low partial, measured independently.

Usage: eval_low_roots.py SAMPLEMIND_BIN [BASELINE_BIN] [--verbose]

The files are every Hydrogen drum-kit sample whose name says kick, tom, bd, bass, conga or
808 (Debian's hydrogen-drumkits and hydrogen), and LMMS's bass samples, kicks, toms and
bass drums (lmms-common). None has a stated note, so each is measured: the strongest
partial between 30 and 500 Hz of 16384 samples at 22.05 kHz (0.74 s), from 50 ms after the
sound starts, Hann-windowed and zero-padded to 65536 points (0.34 Hz bins, 16 times finer
than samplemind's root stage). A file counts only when that partial stands 30 times above
the band's median (a tonal hit), and only when the binary gives it a root; the score is
the share whose root has the partial's pitch class. The partial of a low drum is its
fundamental; a bass note whose second harmonic is stronger keeps the same pitch class.

Needs sox and python3-numpy (the measurement); the file list and the pitch classes are in
the standard library (tests/tools/test_eval_low_roots.py).
"""
import glob
import json
import math
import os
import re
import subprocess
import sys

HYDROGEN_KITS = "/usr/share/hydrogen/data/drumkits"
LMMS_SAMPLES = "/usr/share/lmms/samples"
LOW_NAME = re.compile(r"kick|tom|bd|bass|conga|808", re.IGNORECASE)
AUDIO_EXTENSIONS = (".wav", ".flac", ".aif", ".aiff", ".ogg")
PITCH_CLASSES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")
RATE_HZ = 22050
MIN_PROMINENCE = 30.0


def low_files(hydrogen_root=HYDROGEN_KITS, lmms_root=LMMS_SAMPLES):
    """The low one-shots, sorted: Hydrogen samples named as low drums, LMMS's basses and kicks."""
    files = []
    for path in glob.glob(os.path.join(hydrogen_root, "*", "*")):
        name = os.path.basename(path)
        if name.lower().endswith(AUDIO_EXTENSIONS) and LOW_NAME.search(name):
            files.append(path)
    files += glob.glob(os.path.join(lmms_root, "basses", "*.ogg"))
    for pattern in ("*kick*", "*tom*", "bassdrum*"):
        files += glob.glob(os.path.join(lmms_root, "drums", pattern))
    return sorted(set(files))


def pitch_class_of(hz):
    """Pitch class (0 = C) of a frequency, A4 = 440 Hz."""
    return round(69 + 12 * math.log2(hz / 440.0)) % 12


def strongest_partial_hz(path):
    """The strongest partial of 30-500 Hz and its prominence over the band's median, or None."""
    import numpy as np  # the measurement only: the rest runs without numpy

    raw = subprocess.run(["sox", path, "-t", "raw", "-r", str(RATE_HZ), "-c", "1", "-e", "float", "-b", "32", "-"],
                         capture_output=True, check=False).stdout
    x = np.frombuffer(raw, dtype=np.float32)
    if len(x) < 4096 or not np.isfinite(x).all() or np.abs(x).max() <= 0:
        return None
    start = int(np.argmax(np.abs(x) > 0.05 * np.abs(x).max())) + int(0.05 * RATE_HZ)
    segment = x[start:start + 16384]
    if len(segment) < 2048:
        return None
    magnitude = np.abs(np.fft.rfft(segment * np.hanning(len(segment)), 65536))
    freqs = np.fft.rfftfreq(65536, 1.0 / RATE_HZ)
    band = (freqs > 30) & (freqs < 500)
    peak = int(np.argmax(magnitude * band))
    return float(freqs[peak]), float(magnitude[peak] / np.median(magnitude[band]))


def roots_of(binary, files):
    """File -> root MIDI note (or None) as the binary reads it."""
    out = subprocess.run([binary, "--cache", "none", "features", "--ignore-metadata", "-f", "jsonl", *files],
                         capture_output=True, text=True, check=False).stdout
    roots = {}
    for line in out.splitlines():
        row = json.loads(line)
        if row.get("features") and row.get("path"):
            roots[row["path"]] = row["features"].get("root_midi")
    return roots


def main():
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    verbose = "--verbose" in sys.argv
    if not 1 <= len(args) <= 2:
        sys.exit(__doc__.split("\n\n")[1])
    files = low_files()
    measured = {}
    for path in files:
        partial = strongest_partial_hz(path)
        if partial and partial[1] >= MIN_PROMINENCE:
            measured[path] = partial[0]
    print(f"low one-shots: {len(files)} files, {len(measured)} with a prominent partial")
    for binary in args:
        roots = roots_of(binary, sorted(measured))
        scored = [(p, roots[p]) for p in sorted(measured) if roots.get(p) is not None]
        right = sum(1 for p, r in scored if r % 12 == pitch_class_of(measured[p]))
        print(f"{binary}: root given {len(scored)}, its pitch class on the partial {right} "
              f"({right / max(1, len(scored)):.3f})")
        if verbose:
            for p, r in scored:
                if r % 12 != pitch_class_of(measured[p]):
                    print(f"  {os.path.basename(p)}: partial {measured[p]:.1f} Hz "
                          f"{PITCH_CLASSES[pitch_class_of(measured[p])]}, root {PITCH_CLASSES[r % 12]}{r // 12 - 1}")


if __name__ == "__main__":
    main()
