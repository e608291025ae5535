"""A sixth real set: the sound effects of a desktop sound theme and four games, earcons, and
recorded spoken letters and syllables (Debian).

Usage: python3 tools/real_corpus_sfx.py OUT_DIR   (root: installs the packages below)

Produced and recorded sounds that are no loops and that no threshold of samplemind was
fitted on: alerts and chimes, spoken words, clicks, brushes, explosions, splashes. They
check the target that a non-loop sound gets no tempo. Every label comes from the package
and the file's name (never from samplemind's reading), by the rules below; docs/evaluation.md
repeats them. Files are converted to the corpus' format/rate cycle with opaque names.

  every file          noise_fx (a one-shot effect: no tempo, no key stated). The detail says
                      "spoken" for the files whose name is what a voice says (the sound
                      theme's spoken channel names, "good idea", "let's go", "oh no",
                      "yipee", "you cannot", "are you sure"), else "effect".
  cadence             a sound the name says repeats at a steady rate (a phone's ring and busy
                      tones, an alarm clock, machine-gun bursts, tank treads): category
                      "cadence", which no row scores. Whether such a sound has a tempo is a
                      matter of opinion, so it is neither counted right nor wrong.
  left out            game music (chromium-bsu's music_*: tempo not stated).
  klettres-data       every file is noise_fx with the detail "spoken letter" (LANG/alpha) or
                      "spoken syllable" (LANG/syllab): KLettres' recordings of a speaker of each
                      language saying a letter, a syllable or a short word.
The split is by package, and for KLettres by language: all of one package's (one
language's) files are on one side.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

# package -> the folder of its sound files
PACKAGES = {
    "sound-theme-freedesktop": "/usr/share/sounds/freedesktop/stereo",
    "pingus-data": "/usr/share/games/pingus/data/sounds",
    "chromium-bsu-data": "/usr/share/games/chromium-bsu/wav",
    "tuxpaint-data": "/usr/share/tuxpaint/sounds",
    "freeciv-data": "/usr/share/games/freeciv/stdsounds",
    "sound-icons": "/usr/share/sounds/sound-icons",
}
KLETTRES = "/usr/share/klettres"
KLETTRES_KINDS = {"alpha": "spoken letter", "syllab": "spoken syllable"}
EXTENSIONS = (".wav", ".ogg", ".oga", ".flac")
SPOKEN = {"goodidea", "letsgo", "ohno", "yipee", "youcannot", "areyousure"}
SPOKEN_PREFIXES = ("audio-channel-",)
CADENCE = {"phone-incoming-call", "phone-outgoing-calling", "phone-outgoing-busy", "alarm-clock-elapsed",
           "MgBar1", "MgBar2", "MgHeavy", "Tread"}
LEFT_OUT_PREFIXES = ("music_",)


# (category, detail) from the file's name only; None for a file left out.
def label(name):
    if name.startswith(LEFT_OUT_PREFIXES):
        return None
    if name in CADENCE:
        return "cadence", "repeats at a steady rate (by its name)"
    if name in SPOKEN or name.startswith(SPOKEN_PREFIXES):
        return "noise_fx", "spoken"
    return "noise_fx", "effect"


# The sound files of one package folder, sorted: (name without extension, path).
def sound_files(folder):
    found = []
    for entry in sorted(os.listdir(folder)):
        name, ext = os.path.splitext(entry)
        path = os.path.join(folder, entry)
        if ext.lower() in EXTENSIONS and os.path.isfile(path) and not os.path.islink(path):
            found.append((name, path))
    return found


# KLettres' recordings: (language, detail, name, path) for every sound of LANG/alpha and
# LANG/syllab, links (one language's folder standing in for another's) skipped.
def spoken_files(root):
    found = []
    for language in sorted(os.listdir(root)):
        for kind, detail in sorted(KLETTRES_KINDS.items()):
            folder = os.path.join(root, language, kind)
            if os.path.islink(os.path.join(root, language)) or os.path.islink(folder) or not os.path.isdir(folder):
                continue
            found.extend((language, detail, name, path) for name, path in sound_files(folder))
    return found


def build(out_dir, packages=None, klettres=KLETTRES):
    packages = PACKAGES if packages is None else packages
    os.makedirs(out_dir, exist_ok=True)
    manifest = common.Manifest(out_dir)
    if klettres and os.path.isdir(klettres):
        for language, detail, name, path in spoken_files(klettres):
            manifest.add_sample("spoken", language, "klettres:%s:%s:%s" % (language, detail, name), path, "noise_fx", {},
                                detail, "klettres-data:%s" % os.path.relpath(path, klettres))
    for package, folder in sorted(packages.items()):
        for name, path in sound_files(folder):
            labelled = label(name)
            if labelled is None:
                manifest.reserve("sfx", package)
                continue
            category, detail = labelled
            manifest.add_sample("sfx", package, "sfx:%s:%s" % (package, name), path, category, {}, detail,
                                "%s:%s" % (package, os.path.basename(path)))
    return manifest.write()


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: real_corpus_sfx.py OUT_DIR")
    for package, folder in sorted(PACKAGES.items()):
        common.require_package(folder, package)
    common.require_package(KLETTRES, "klettres-data")
    print("sound-effect corpus: %d files in %s" % (build(sys.argv[1]), sys.argv[1]))


if __name__ == "__main__":
    main()
