"""Drum loops with an exact tempo from the Hydrogen demo songs (package hydrogen / hydrogen-drumkits).

Each song is copied with its <bpm> set to the song's own tempo and to one other tempo,
its sequence cut to at most MAX_BARS pattern groups and humanize set to 0 (so renders are
deterministic and on the grid), rendered with h2cli over the song's own kit, then cut at
bar lines into 1-, 2- and 4-bar loops.  Bar length is read from the pattern sizes
(Hydrogen: 48 ticks per quarter note); loops spanning a non-4/4 group are not cut.
"""
import glob
import os
import re
import subprocess
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import real_corpus_common as common

# ColomboAcousticDrumkit's demo song (format 0.9.3) renders silent with h2cli 1.2: not used.
SONG_DIRS = ["/usr/share/hydrogen/data/demo_songs"]
MAX_BARS = 16
KIT_DIR = "/usr/share/hydrogen/data/drumkits"
TICKS_PER_BEAT = 48
# Tempo offsets (BPM) for the second render; picked per song by hash.
TEMPO_SHIFTS = [-27, -18, 22, 31, 44, -35]
# (bars, start bar) cuts per render.
CUTS = [(1, 0), (1, 5), (1, 10), (2, 2), (2, 8), (4, 0), (4, 4), (4, 12)]


def find_songs():
    songs = []
    for d in SONG_DIRS:
        songs += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".h2song")]
    return songs


# Bar lengths in beats of the first MAX_BARS groups of the song's sequence: a group plays
# for as long as its longest pattern.
def bar_beats(root):
    sizes = {p.findtext("name"): int(p.findtext("size")) for p in root.iter("pattern")}
    beats = []
    for group in root.find("patternSequence").findall("group"):
        ids = [p.text for p in group.findall("patternID")]
        ticks = max((sizes[i] for i in ids), default=0)
        beats.append(ticks / TICKS_PER_BEAT)
    return beats[:MAX_BARS]


# Writes the render copy: new tempo, truncated sequence, no humanize, no loop.
def write_song_copy(song, bpm, dst):
    text = open(song, encoding="utf-8").read()
    text = re.sub(r"<bpm>[^<]*</bpm>", "<bpm>%d</bpm>" % bpm, text, count=1)
    text = re.sub(r"<humanize_time>[^<]*<", "<humanize_time>0<", text)
    text = re.sub(r"<humanize_velocity>[^<]*<", "<humanize_velocity>0<", text)
    text = re.sub(r"<loopEnabled>[^<]*<", "<loopEnabled>false<", text)
    root = ET.fromstring(text.encode("utf-8"))
    seq = root.find("patternSequence")
    for group in seq.findall("group")[MAX_BARS:]:
        seq.remove(group)
    # Sample names relative to the song's kit folder become absolute (the copy lives elsewhere).
    for inst in root.iter("instrument"):
        kit = inst.findtext("drumkit") or ""
        for fn in inst.iter("filename"):
            full = os.path.join(KIT_DIR, kit, fn.text or "")
            if fn.text and not fn.text.startswith("/") and os.path.exists(full):
                fn.text = full
    ET.ElementTree(root).write(dst, encoding="UTF-8", xml_declaration=True)


# h2cli (run as root) leaves drumkit.xml.<timestamp>.bak copies in the system kit folders
# when it checks kits at start; the drumkit.xml files themselves stay unchanged.  Remove
# only the copies made during this run.
def remove_kit_backups(since):
    for kit in os.listdir(KIT_DIR):
        for f in glob.glob(os.path.join(KIT_DIR, kit, "drumkit.xml.*.bak")):
            if os.path.getmtime(f) >= since - 1:
                os.remove(f)


def render(job):
    song_copy, wav = job
    if not os.path.exists(wav):
        subprocess.run(["h2cli", "-s", song_copy, "-o", wav + ".tmp.wav", "-r", "44100", "-b", "16"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        os.rename(wav + ".tmp.wav", wav)
    return wav


# Renders every song at two tempi and cuts the loops; returns the number kept.
def build(out_dir, work_dir, manifest, log):
    jobs, plans = [], []
    for song in find_songs():
        root = ET.parse(song).getroot()
        name = os.path.basename(song)[:-len(".h2song")]
        base_bpm = int(round(float(root.findtext("bpm"))))
        other = base_bpm + TEMPO_SHIFTS[common.stable_hash(name) % len(TEMPO_SHIFTS)]
        beats = bar_beats(root)
        for bpm in (base_bpm, other):
            copy = os.path.join(work_dir, "%s-%d.h2song" % (name, bpm))
            write_song_copy(song, bpm, copy)
            wav = os.path.join(work_dir, "%s-%d.wav" % (name, bpm))
            jobs.append((copy, wav))
            plans.append((song, name, bpm, beats, wav))
    started = time.time()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(render, jobs))
    remove_kit_backups(started)
    kept = 0
    for song, name, bpm, beats, wav in plans:
        rate, _, frames = common.wav_info(wav)
        starts = [sum(beats[:i]) for i in range(len(beats) + 1)]
        for bars, first in CUTS:
            if first + bars > len(beats) or any(b != 4 for b in beats[first:first + bars]):
                continue
            begin = int(round(starts[first] * 60.0 / bpm * rate))
            length = int(round(bars * 4 * 60.0 / bpm * rate))
            if begin + length > frames:
                continue
            source = "hydrogen:%s@%dbpm bars %d-%d" % (os.path.relpath(song, "/usr/share/hydrogen/data"),
                                                         bpm, first + 1, first + bars)
            fmt, out_rate = common.pick_variant(source)
            fname = common.opaque_id(source) + "." + fmt
            dst = os.path.join(out_dir, fname)
            common.convert(wav, dst, out_rate, begin, length)
            ok, why, frac, n = common.check_loop(dst, bpm, 4, bars)
            log.write("%s\t%s\t%s\tgrid=%.2f onsets=%d\n" % (source, fname, why, frac, n))
            if not ok:
                os.remove(dst)
                continue
            manifest.add("hydrogen", "hydrogen:" + name, {
                "file": fname, "category": "drum_loop", "bpm": bpm, "format": fmt, "rate": out_rate,
                "channels": 2, "detail": "%dbar hydrogen" % bars, "source": source})
            kept += 1
    return kept
