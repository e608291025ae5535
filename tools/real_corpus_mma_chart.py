"""The chords an MMA chart states, as a check on the key its notes suggest.

An MMA example is a chord chart. The key label of a cut comes from its notes
(real_corpus_key), and a short cut can mislead that rule: a melody sitting on the third of
the chords reads as the relative minor (volume/volumes.mma plays F, C7, F under
"Mary had a little lamb", and its notes say A minor). A key whose tonic chord the song's
chart never plays is therefore no label. The chart is read from MMA itself
(`mma -n -r`: every bar's chord line after macros, repeats and includes are expanded),
not from the file's text.
"""
import os
import re
import subprocess

NAMES = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
LETTER_PC = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
BAR_LINE = re.compile(r"^\s*\d+:\s*(.*)$")
CHORD = re.compile(r"^([A-G])([#b&]?)(.*)$")
# Qualities that can be a major key's tonic chord (C, C6, C7, Cmaj7, CM7, C9, Cadd9 ...)
# or a minor key's (Cm, Cm6, Cm7, Cm9, CmM7, Cmin ...). Diminished, half-diminished,
# augmented and suspended chords are neither.
MAJOR = re.compile(r"^(|M|maj|M7|maj7|M9|maj9|6|69|6\(add9\)|7|9|11|13|add9|7\+9|7b9|9\+11|7#9|13b9)$")
MINOR = re.compile(r"^(m|min|m6|m7|m9|m11|m13|mM7|m\(maj7\)|m\+7|madd9|min7)$")


# (pitch class, minor) of one chord symbol, or None for rests, repeats and other chords.
def chord_of(token):
    token = token.split("/")[0].split("@")[0]  # "G/B": root G; "C@3": a chord at beat 3
    found = CHORD.match(token)
    if not found:
        return None
    pc = (LETTER_PC[found.group(1)] + {"#": 1, "b": -1, "&": -1, "": 0}[found.group(2)]) % 12
    quality = found.group(3)
    if MINOR.match(quality):
        return pc, True
    if MAJOR.match(quality):
        return pc, False
    return None


# The chords of the bar lines MMA printed while running (text after '[' or '{' is not chords).
def chords_in(report):
    chords = set()
    for line in report.splitlines():
        found = BAR_LINE.match(line)
        if not found:
            continue
        for token in re.split(r"[\[{]", found.group(1))[0].split():
            chord = chord_of(token)
            if chord is not None:
                chords.add(chord)
    return chords


# Every (pitch class, minor) chord the chart plays; an empty set when MMA's report holds
# none (a chart in roman numerals, or one MMA cannot run). Cached per song in work_dir.
def chart_chords(path, work_dir, init, cache_name):
    cached = os.path.join(work_dir, cache_name + ".chart")
    if not os.path.exists(cached):
        ran = subprocess.run(["mma", "-n", "-r", "-i", init, path], cwd=os.path.dirname(path),
                             capture_output=True, text=True, timeout=120)
        with open(cached, "w") as out:
            out.write(ran.stdout if ran.returncode == 0 else "")
    with open(cached) as report:
        return chords_in(report.read())


# Why a note-derived key is no label, or None when the chart plays its tonic chord (or
# states no chords to check against).
def tonic_chord_missing(chords, tonic, mode):
    if not chords:
        return None
    if (NAMES.index(tonic), mode == "minor") in chords:
        return None
    return "key unknown: notes say %s %s, the chart never plays that chord" % (tonic, mode)
