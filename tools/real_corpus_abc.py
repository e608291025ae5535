"""Rendered tune excerpts with a stated key, from the ABC examples Debian ships.

tonal_phrase: each tune of the abcmidi and abcm2ps example files whose K: field states a
plain major or minor key (C, Am, Ebm, F#, Gmaj, Amin), rendered to MIDI by abc2midi and to
audio by fluidsynth with TimGM6mb.sf2; the excerpt is the first 8 s after the leading
silence. key/mode = the K: field, as the person who wrote the tune down stated it; tempo
is not labelled (excerpts are not cut at bar lines). `detail` also says whether the
excerpt's own notes (read from the MIDI file, Krumhansl-Kessler as in real_corpus_key)
agree with K:, so the score can be read on that subset too: some files are notation
demonstrations whose notes were written to show a feature, not a key. Left out, each with its reason in the
build log: modes other than major and minor (Dphr, Dmix, HP), explicit accidental lists
(K:C^f^c^a) and K:none, key changes inside the tune (a K: line after the header, or
[K:...] inline), tuning experiments (%%MIDI temperament), drum-only tunes (%%MIDI drum),
and renders under 3 s or with fewer than 8 onsets.
"""
import glob
import os
import re
import subprocess

import real_corpus_common as common
import real_corpus_key as kk
import real_corpus_midi as midi

ABC_FILES = sorted(glob.glob("/usr/share/doc/abcmidi/examples/*.abc") +
                   glob.glob("/usr/share/doc/abcm2ps/examples/*.abc"))
SF2 = common.soundfont(os.environ)
SF2_TAG = common.soundfont_tag(SF2)
EXCERPT_S = 8.0
NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
SHARP_NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]


# (tonic name, "major"/"minor") for a plain major or minor K: value, else None.
def parse_key(value):
    token = value.split("%")[0].strip().split()
    if not token:
        return None
    match = re.fullmatch(r"([A-Ga-g])([#b]?)(.*)", token[0])
    if not match:
        return None
    letter, accidental, mode = match.group(1).upper(), match.group(2), match.group(3).lower()
    if mode in ("", "maj", "major", "ion", "ionian"):
        quality = "major"
    elif mode in ("m", "min", "minor", "aeo", "aeolian"):
        quality = "minor"
    else:
        return None  # another mode, or explicit accidentals
    if any(t.startswith(("exp", "^", "_", "=")) for t in token[1:]):
        return None
    pc = (NAMES[letter] + {"#": 1, "b": -1, "": 0}[accidental]) % 12
    return SHARP_NAMES[pc], quality


# The tunes of one ABC file: (number, header lines, body lines), split at X: lines.
def tunes_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    tunes, current = [], None
    for line in lines:
        if line.startswith("X:"):
            current = [line.split(":", 1)[1].strip(), [line], [], False]
            tunes.append(current)
        elif current is not None:
            if not current[3]:
                current[1].append(line)
                if line.startswith("K:"):
                    current[3] = True  # K: closes the header
            else:
                current[2].append(line)
    return [(number, header, body) for number, header, body, _ in tunes]


# Why a tune is left out, or None when it is kept; with its (tonic, mode).
def judge(header, body):
    text = "\n".join(header + body)
    if "%%MIDI temperament" in text:
        return "tuning experiment", None
    if re.search(r"^T:\s*drums?\s*$", text, re.M | re.I):
        return "drums only", None
    keys = [l for l in header if l.startswith("K:")]
    key = parse_key(keys[-1][2:]) if keys else None
    if key is None:
        return "K: is not a plain major or minor key (%s)" % (keys[-1].strip() if keys else "none"), None
    if any(l.startswith("K:") for l in body) or "[K:" in text:
        return "key change inside the tune", None
    return None, key


# Duration-weighted pitch-class histogram of a standard MIDI file's notes that sound in
# its first `seconds` (drum channel 10 left out); one tempo (the first set) is assumed.
def midi_histogram(path, seconds):
    song = midi.read_midi(path)
    if song is None:
        return None
    tempo = song.tempos[0][1] if song.tempos else 500000
    first = min((start for start, _, _, _ in song.notes), default=0)
    return midi.pitch_histogram(song, first, first + seconds / (tempo / 1e6 / song.division))


# Renders one tune; the path of the full render, or None when abc2midi or fluidsynth fail.
def render(number, header, body, source, work_dir):
    base = os.path.join(work_dir, "abc_" + (SF2_TAG and SF2_TAG + "_") + common.opaque_id(source))
    wav = base + ".wav"
    if os.path.exists(wav):
        return wav
    with open(base + ".abc", "w") as f:
        f.write("\n".join(header + body) + "\n")
    made = subprocess.run(["abc2midi", base + ".abc", "-o", base + ".mid"], capture_output=True, text=True)
    if made.returncode != 0 or not os.path.exists(base + ".mid"):
        return None
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.8", "-r", "44100", "-F", wav, SF2, base + ".mid"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return wav if os.path.exists(wav) else None


# Adds every kept tune's excerpt to the manifest; returns how many were added.
def build(out_dir, work_dir, manifest, log):
    added = 0
    for path in ABC_FILES:
        for number, header, body in tunes_of(path):
            source = "%s#X:%s" % (path, number)
            reason, key = judge(header, body)
            if reason:
                print("abc drop %s: %s" % (source, reason), file=log)
                continue
            full = render(number, header, body, source, work_dir)
            if full is None:
                print("abc drop %s: abc2midi could not render it" % source, file=log)
                continue
            hist = midi_histogram(full[:-4] + ".mid", EXCERPT_S)
            heard = kk.estimate(hist) if hist else None
            notes = ("notes agree" if heard is not None and heard[:2] == key else
                     "notes unclear" if heard is None else "notes say %s %s" % heard[:2])
            trimmed = full[:-4] + "_trim.wav"
            subprocess.run(["sox", "-D", "-V1", full, trimmed, "silence", "1", "0.01", "-60d",
                            "trim", "0", str(EXCERPT_S)], check=True)
            rate, _, frames = common.wav_info(trimmed)
            times = common.onsets(trimmed)
            if frames < 3 * rate or len(times) < 8:
                print("abc drop %s: %.1f s, %d onsets" % (source, frames / rate, len(times)), file=log)
                manifest.reserve("abc", source)
                continue
            fmt, out_rate = common.pick_variant(source)
            fname = common.opaque_id(source) + "." + fmt
            common.convert(trimmed, os.path.join(out_dir, fname), out_rate)
            title = next((l[2:].strip() for l in header if l.startswith("T:")), "untitled")
            manifest.add("abc", source, {
                "file": fname, "category": "tonal_phrase", "bpm": "-", "key": key[0], "mode": key[1],
                "root_midi": "-", "format": fmt, "rate": out_rate, "channels": "-",
                "detail": "abc tune %s, K: %s %s, first %.0f s, %s" % (
                    title.replace("\t", " ")[:40], key[0], key[1], min(EXCERPT_S, frames / rate), notes),
                "source": source})
            added += 1
    return added
