"""File by file: what one samplemind build reads differently from another on the same audio.

Usage: compare_builds.py OLD_BIN NEW_BIN DIR... [--changes OUT.tsv] [--jobs N]

Every version of the feature extractor is checked this way before it is kept
(docs/evaluation.md, "File by file against version ..."): both binaries run
`features --no-cache --ignore-metadata --format jsonl` over every audio file of each folder,
and the readings the audio gives (tempo, key, mode, root, kind and category) are compared.
Per folder it prints how many files changed and which fields moved. Where the folder has a
`manifest.tsv` with a tempo label (`bpm`), a changed tempo is classed before and after:
right (within 4%), a ratio (x2, x3, /2, /3, 3:2, 2:3, 4:3, 3:4), other or none, counted per
half (`set`: tune / heldout). --changes writes every changed file with both readings.

Standard library only.
"""
import json
import os
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_corpus_common as common  # noqa: E402

FIELDS = ("tempo_bpm_audio", "key_audio", "mode", "root_note", "kind", "category_audio")
AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".aif", ".aiff", ".mp3")
RATIOS = (2.0, 3.0, 0.5, 1.0 / 3.0, 1.5, 2.0 / 3.0, 4.0 / 3.0, 0.75)
CHUNK = 400  # files per run: a command line stays short


def audio_files(folder):
    """Every audio file under folder, sorted, by path."""
    found = []
    for root, _, names in os.walk(folder):
        found += [os.path.join(root, n) for n in names if n.lower().endswith(AUDIO_EXTENSIONS)]
    return sorted(found)


def readings(lines):
    """path -> the compared fields, from `features --format jsonl` lines (a failed file: None)."""
    return {path: tuple(features.get(k) for k in FIELDS) if features else None
            for path, features in common.feature_records(lines)}


def run(binary, files, jobs):
    """The readings of binary over files, in chunks."""
    out = {}
    for i in range(0, len(files), CHUNK):
        cmd = [binary, "features", "--no-cache", "--ignore-metadata", "--format", "jsonl", "--jobs", str(jobs)]
        done = subprocess.run(cmd + files[i:i + CHUNK], capture_output=True, text=True, check=False)
        out.update(readings(done.stdout.splitlines()))
    return out


def tempo_class(bpm, label):
    """right / ratio / other / none for a reading against a labelled tempo."""
    if bpm is None:
        return "none"
    if common.tempo_matches(bpm, label):
        return "right"
    return "ratio" if any(common.tempo_matches(bpm, label, r) for r in RATIOS) else "other"


def manifest(folder):
    """file name -> (labelled bpm, half) from the folder's manifest.tsv, or {} without one."""
    path = os.path.join(folder, "manifest.tsv")
    return common.labelled_tempos(path) if os.path.exists(path) else {}


def compare(old, new, rows):
    """(changed paths, field counts, tempo moves) of two readings of the same files; rows maps
    a file name to its (labelled bpm, half)."""
    changed, fields, moves = [], Counter(), Counter()
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        changed.append(path)
        if a is None or b is None:
            fields["failed"] += 1
            continue
        fields.update(name for name, x, y in zip(FIELDS, a, b) if x != y)
        labelled = rows.get(os.path.basename(path))
        if a[0] != b[0] and labelled:
            label, half = labelled
            moves[(half, tempo_class(a[0], label), tempo_class(b[0], label))] += 1
    return changed, fields, moves


def parse_args(argv):
    """(old binary, new binary, folders, changes path or None, jobs), or None when too few."""
    positional, options = [], {"--changes": None, "--jobs": "2"}
    words = iter(argv[1:])
    for word in words:
        if word in options:
            options[word] = next(words, None)
        else:
            positional.append(word)
    if len(positional) < 3 or options["--jobs"] is None or not options["--jobs"].isdigit():
        return None
    return positional[0], positional[1], positional[2:], options["--changes"], int(options["--jobs"])


def main(argv):
    parsed = parse_args(argv)
    if parsed is None:
        print("usage: compare_builds.py OLD_BIN NEW_BIN DIR... [--changes OUT.tsv] [--jobs N]", file=sys.stderr)
        return 2
    old_bin, new_bin, folders, changes_path, jobs = parsed
    for binary in (old_bin, new_bin):
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            print("compare_builds: %s is not an executable file" % binary, file=sys.stderr)
            return 2
    out = open(changes_path, "w") if changes_path else None
    for folder in folders:
        files = audio_files(folder)
        old, new = run(old_bin, files, jobs), run(new_bin, files, jobs)
        changed, fields, moves = compare(old, new, manifest(folder))
        print("%s: %d files, %d changed %s" % (folder, len(files), len(changed), dict(sorted(fields.items()))))
        for name, got in (("old", old), ("new", new)):
            unread = sum(1 for f in files if got.get(f) is None)
            if unread:  # not in the output, or failed: a build that fails everything compares equal
                print("  %s build: %d files without a reading" % (name, unread))
        for (half, before, after), count in sorted(moves.items()):
            print("  %s: tempo %s -> %s: %d" % (half, before, after, count))
        for path in changed if out else ():
            out.write("%s\t%s\t%s\n" % (path, json.dumps(old.get(path)), json.dumps(new.get(path))))
    if out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
