"""Shared pieces of the real (Debian-packaged) evaluation corpus builder.

Opaque file names, format/rate conversion with sox, onset checks with aubioonset,
the tune/heldout split rule and the manifest writer live here so that every source
(Hydrogen songs, LMMS projects, sample folders, soundfonts) labels files the same way.
"""
import hashlib
import json
import os
import re
import struct
import subprocess
import wave

MANIFEST_HEADER = ["file", "category", "bpm", "key", "mode", "root_midi", "format", "rate",
                   "channels", "detail", "set", "source"]

# A reading is right within 4% of the label, as eval_features.cpp's Acc1 counts it.
TEMPO_TOLERANCE = 0.04


# True when tempo lies within 4% of label * factor (factor 2: the double, 0.5: the half).
def tempo_matches(tempo, label, factor=1.0):
    return tempo is not None and abs(tempo - label * factor) <= TEMPO_TOLERANCE * label * factor


# Every row of a manifest.tsv as a dict keyed by the header's column names (rows shorter than
# the header are skipped).
def manifest_rows(manifest_path):
    with open(manifest_path, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= len(header):
                yield dict(zip(header, fields))


# file name -> (labelled bpm, half) for every row of a manifest.tsv that has a tempo. The
# generated corpus' manifest has no `set` column (it is not split): its rows are "all".
def labelled_tempos(manifest_path):
    labels = {}
    for row in manifest_rows(manifest_path):
        if row["bpm"] in ("", "-"):
            continue
        labels[row["file"]] = (float(row["bpm"]), row.get("set", "all"))
    return labels


# (path, features dict or None for a failed file) of each line of `features --format jsonl`.
def feature_records(lines):
    for line in lines:
        line = line.strip()
        if not line:
            continue
        record = json.loads(line)
        features = record.get("features")
        yield str(record.get("path", "")), features if isinstance(features, dict) else None


# Output variants cycled per file so formats and rates vary deterministically.
VARIANTS = [("wav", 44100), ("flac", 48000), ("wav", 48000), ("ogg", 44100), ("flac", 44100),
            ("wav", 22050)]


# Deterministic, meaningless id: the name must not leak the label.
def opaque_id(text):
    return "r" + hashlib.sha1(text.encode()).hexdigest()[:12]


# Stable order-independent key used for the split and for sampling.
def stable_hash(text):
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)


# Split whole sources, never single files: sources of one kind are sorted by hash and
# alternate tune/heldout, which gives ~50/50 even when a kind has few sources.
def split_sources(sources):
    ordered = sorted(set(sources), key=lambda s: (stable_hash(s), s))
    return {s: ("tune" if i % 2 == 0 else "heldout") for i, s in enumerate(ordered)}


def pick_variant(text):
    return VARIANTS[stable_hash("variant:" + text) % len(VARIANTS)]


DEFAULT_SF2 = "/usr/share/sounds/sf2/TimGM6mb.sf2"


# The General MIDI soundfont the notes, tunes and songs are rendered with: SAMPLEMIND_SF2
# (the path of an .sf2 file), default TimGM6mb. Another soundfont (FluidR3_GM of Debian's
# fluid-soundfont-gm) gives the same labelled material in other instruments' sounds: a
# set no threshold of samplemind was fitted on.
def soundfont(environ):
    path = environ.get("SAMPLEMIND_SF2", DEFAULT_SF2)
    if len(path) > 4096 or not path.isprintable() or not path.endswith(".sf2"):
        raise SystemExit("SAMPLEMIND_SF2 must be the path of an .sf2 file, not %r" % path[:80])
    return path


# What a render's cache name and a note's source text carry of the soundfont: nothing for
# the default (so earlier corpora keep their names), else the file's name without .sf2.
def soundfont_tag(path):
    if path == DEFAULT_SF2:
        return ""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(path)[:-len(".sf2")])[:64]


# Writes signed 16-bit mono samples as a WAV file (the builders that read samples out of
# instrument files hand them to convert() this way).
def write_mono_wav(path, samples, rate):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))


def wav_info(path):
    with wave.open(path, "rb") as w:
        return w.getframerate(), w.getnchannels(), w.getnframes()


# Frames (samples per channel) of an audio file in any format sox reads.
def frame_count(path):
    out = subprocess.run(["soxi", "-s", path], check=True, capture_output=True, text=True).stdout
    return int(out.strip())


# Sample rate of an audio file in any format sox reads.
def frame_rate(path):
    out = subprocess.run(["soxi", "-r", path], check=True, capture_output=True, text=True).stdout
    return int(float(out.strip()))


# Converts (and optionally trims, in input samples) one file to the chosen format/rate.
# Dither is disabled so the same input always gives the same bytes.
def convert(src, dst, rate, start=None, length=None, channels=None, extra=()):
    cmd = ["sox", "-D", "-V1", src]
    if dst.endswith(".ogg"):
        cmd += ["-C", "5"]
    elif dst.endswith(".wav") or dst.endswith(".flac"):
        cmd += ["-b", "16"]
    if channels:
        cmd += ["-c", str(channels)]
    cmd += [dst]
    if start is not None:
        cmd += ["trim", "%ds" % start, "%ds" % length]
    cmd += list(extra)
    cmd += ["rate", "-v", str(rate)]
    subprocess.run(cmd, check=True)


# Onset times in seconds from aubio (hfc, default threshold), silence gate -60 dB.
def onsets(path):
    out = subprocess.run(["aubioonset", "-i", path, "-s", "-60"], check=True,
                         capture_output=True, text=True).stdout
    return [float(x) for x in out.split() if x.strip()]


# Peak and RMS in dBFS of a file, via sox stat (both are on stderr).
def levels(path):
    err = subprocess.run(["sox", path, "-n", "stat"], capture_output=True, text=True).stderr
    vals = {}
    for line in err.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            try:
                vals[k.strip()] = float(v.split()[0])
            except (ValueError, IndexError):
                pass
    import math
    rms = vals.get("RMS     amplitude", vals.get("RMS amplitude", 0.0))
    peak = vals.get("Maximum amplitude", 0.0)
    to_db = lambda a: 20 * math.log10(a) if a > 0 else -200.0
    return to_db(peak), to_db(rms)


# Checks a bar-cut loop against its label: not silent, an onset in the first bar, and
# most onsets on the 16th-note grid of the labelled tempo (+-25 ms), at least 60%,
# or at least 50% on the 8th-note grid.  Returns
# (ok, reason, grid_fraction, onset_count).
def check_loop(path, bpm, beats_per_bar, bars):
    peak_db, rms_db = levels(path)
    if peak_db < -40 or rms_db < -50:
        return False, "silent", 0.0, 0
    times = onsets(path)
    bar_s = beats_per_bar * 60.0 / bpm
    if not any(t < bar_s * 0.95 for t in times):
        return False, "first-bar-empty", 0.0, len(times)
    if len(times) < 2 * bars:
        return False, "too-few-onsets", 0.0, len(times)
    # Straight 16ths, or straight 8ths for swung grooves (swing delays the off 16ths).
    fracs = []
    for step in (60.0 / bpm / 4, 60.0 / bpm / 2):
        hits = sum(1 for t in times if min(t % step, step - t % step) <= 0.025)
        fracs.append(hits / len(times))
    frac = max(fracs[0], fracs[1] / 0.5 * 0.6)
    if frac < 0.6:
        return False, "off-grid", frac, len(times)
    return True, "ok", frac, len(times)


class Manifest:
    """Collects rows; the split is applied per kind of source when written."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.rows = []

    # group: kind of source used for balancing the split (e.g. "hydrogen", "lmms").
    def add(self, group, split_source, row):
        self.rows.append((group, split_source, row))

    # One sample file copied into the corpus: converted to the format/rate its id picks, under
    # an opaque name made from id, with a row of labels (extra fills bpm, key, mode ...).
    def add_sample(self, group, split_source, sample_id, src, category, extra, detail, source):
        fmt, rate = pick_variant(sample_id)
        fname = opaque_id(sample_id) + "." + fmt
        convert(src, os.path.join(self.out_dir, fname), rate)
        row = {"file": fname, "category": category, "bpm": "-", "key": "-", "mode": "-", "root_midi": "-",
               "format": fmt, "rate": rate, "channels": "-", "detail": detail, "source": source}
        row.update(extra)
        self.add(group, split_source, row)

    # A source left out of the corpus still takes its place in the split, so leaving it out
    # moves no other source between tune and heldout.
    def reserve(self, group, split_source):
        self.rows.append((group, split_source, None))

    def write(self):
        sets = {}
        for group in sorted({g for g, _, _ in self.rows}):
            sets.update({(group, s): v for s, v in
                         split_sources([s for g, s, _ in self.rows if g == group]).items()})
        lines = ["\t".join(MANIFEST_HEADER)]
        kept = [r for r in self.rows if r[2] is not None]
        for group, split_source, row in sorted(kept, key=lambda r: r[2]["file"]):
            row = dict(row, set=sets[(group, split_source)])
            lines.append("\t".join(str(row.get(c, "-")) for c in MANIFEST_HEADER))
        with open(os.path.join(self.out_dir, "manifest.tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")
        return len(lines) - 1


# Installs the Debian package that holds `folder` (with sox and aubio, which every builder
# uses) when the folder is missing: as root with apt-get, else stops naming the command.
def require_package(folder, package):
    if os.path.isdir(folder):
        return
    packages = [package, "sox", "libsox-fmt-base", "aubio-tools"]
    if os.geteuid() != 0:
        raise SystemExit("needs: apt-get install " + " ".join(packages))
    subprocess.run(["apt-get", "install", "-y"] + packages, check=True, stdout=subprocess.DEVNULL)
